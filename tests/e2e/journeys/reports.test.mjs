// The administrator sees the next report to DMH and its days left on the
// home page; on Reports she checks last month's participant data, follows a
// link from the check to a record with no demographics and fills them in,
// produces the workbook and saves it where she chooses (in the system's save
// dialog, driven with xdotool: WebDriver cannot reach a native window), and marks
// it submitted; the home page then counts down to the next one. Last, the
// HMIS CSV export for the year to date, checked and saved as a .zip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, fill, choose, press, follow, waitForHeading, pageText, screenshot, usDateFromToday,
  answerSaveDialog, field,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

const waitForText = (pattern, what) =>
  browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 15_000, timeoutMsg: what });

test('the monthly participant data: due on the home page, checked, mended, produced, saved and marked submitted', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);

  // The home page says what is due and how many days remain.
  await waitForText(/Reports to DMH/, 'the home page shows no reports due');
  const home = await pageText(browser);
  assert.match(home, /Monthly participant data for \w+ \d{4}: due \d\d\/\d\d\/\d{4}/);
  assert.match(home, /Quarterly performance \(PRTP\/PPR\) for \w+–\w+ \d{4}: due/);
  await waitForText(/The last 12 months[\s\S]*Housed[\s\S]*Engagement standard met/, 'the home page shows no charts');

  await follow(browser, 'Reports');
  await waitForHeading(browser, 'Reports');
  await waitForText(/referred or served in/, 'the month was never checked');

  // Last month: the participants met earlier are in it; the check names what to mend.
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const lastName = last.toLocaleDateString('en-US', { month: 'long', year: 'numeric' });
  await (await browser.$('#report_month')).selectByVisibleText(lastName);
  const thisName = now.toLocaleDateString('en-US', { month: 'long', year: 'numeric' });
  await (await browser.$('#report_month')).selectByVisibleText(thisName);
  await waitForText(new RegExp(`referred or served in ${thisName}`), 'this month was never checked');
  await waitForText(/No demographics recorded/, 'the check did not name a record without demographics');
  await waitForText(/Participants by stage/, 'the charts were not drawn');
  await browser.execute(() => document.getElementById('monthly-heading')?.scrollIntoView({ block: 'start' }));
  await screenshot(browser, '23-reports');

  // Follow the link beside the first record without demographics and fill them in.
  const row = await browser.$('//tr[td[contains(., "No demographics recorded")]]');
  const name = (await (await row.$('td')).getText()).trim();
  await (await row.$('a=Open the record')).click();
  await waitForHeading(browser, name);
  await choose(browser, 'Sex', 'Female');
  await (await browser.$('label=Prefers not to answer')).click();
  await choose(browser, 'Veteran', 'No');
  await choose(browser, 'Disabling condition', 'Yes');
  await press(browser, 'Save');
  await waitForText(/record is saved/, 'the demographics were not saved');

  await follow(browser, 'Reports');
  await waitForHeading(browser, 'Reports');
  await (await browser.$('#report_month')).selectByVisibleText(thisName);
  await waitForText(new RegExp(`referred or served in ${thisName}`), 'this month was never checked again');
  const check = await (await browser.$('#report_check')).getText();
  assert.ok(!new RegExp(`${name}\\s+No demographics recorded`).test(check), `${name}'s demographics are mended: ${check}`);

  // Produce the workbook and save it where she chooses.
  const target = path.join(process.env.HOUSING_DESK_DATA_DIR ?? '/tmp', 'saved', 'Monthly participant data.xlsx');
  await import('node:fs').then((fs) => fs.mkdirSync(path.dirname(target), { recursive: true }));
  await press(browser, 'Produce the workbook');
  answerSaveDialog('Save the report', target);
  await waitForText(/Saved: /, 'the workbook was not saved');
  assert.ok(existsSync(target), 'the workbook is where she chose');
  const bytes = readFileSync(target);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (a zip) file');
  assert.ok(bytes.length > 4000, `a workbook with its sheets (${bytes.length} bytes)`);

  // It is kept under Reports produced; a month still running cannot have
  // been sent to DMH yet.
  const history = await (await browser.$('//section[h2[.="Reports produced"]]')).getText();
  assert.match(history, new RegExp(`Monthly participant data[\\s\\S]*${thisName}[\\s\\S]*Maria Okafor`));
  const thisRow = await browser.$(`//section[h2[.="Reports produced"]]//tr[td[contains(., "${thisName}")]]`);
  assert.match(await thisRow.getText(), /Not yet: \w+ \d{4} ends \d\d\/\d\d\/\d{4}/, 'a month still running is not marked submitted');
  assert.equal(await (await thisRow.$('input')).isExisting(), false);

  // Last month's data (due now): produced, saved, and marked submitted today.
  await (await browser.$('#report_month')).selectByVisibleText(lastName);
  await waitForText(new RegExp(`referred or served in ${lastName}`), 'last month was never checked');
  const lastTarget = path.join(path.dirname(target), 'Last month.xlsx');
  await press(browser, 'Produce the workbook');
  answerSaveDialog('Save the report', lastTarget);
  await waitForText(/Saved: .*Last month\.xlsx/, 'last month\'s workbook was not saved');
  const lastRow = await browser.$(`//section[h2[.="Reports produced"]]//tr[td[contains(., "${lastName}")]]`);
  await (await lastRow.$('input')).setValue(usDateFromToday(1));
  await (await lastRow.$('button=Mark submitted')).click();
  await waitForText(/cannot be in the future/, 'a submitted date in the future was accepted');
  await (await lastRow.$('input')).setValue(usDateFromToday(0));
  await (await lastRow.$('button=Mark submitted')).click();
  await waitForText(/is marked submitted/, 'the report was not marked submitted');
  await screenshot(browser, '24-reports-produced');

  // The quarter due: she enters the fiscal year's budget, the spending is set
  // against it, and she produces the financial workbook.
  await waitForText(/Performance against the triple aim/, 'the quarter\'s figures were not shown');
  await fill(browser, 'Security deposit', '10,000');
  await fill(browser, 'Rental assistance payment', 'lots');
  await press(browser, 'Save the budget');
  await waitForText(/Enter the budget for rental assistance payment as an amount/, 'a budget amount that is not a number was accepted');
  assert.equal(await (await field(browser, 'Rental assistance payment')).getValue(), 'lots', 'what she typed is kept');
  await fill(browser, 'Rental assistance payment', '250000');
  await press(browser, 'Save the budget');
  await waitForText(/The FY\d{4} budget is saved/, 'the budget was not saved');
  await browser.waitUntil(async () => /\$260,000\.00/.test(await (await browser.$('#quarterly_spending')).getText()), {
    timeout: 10_000,
    timeoutMsg: 'the spending table does not show the budget',
  });
  const quarterly = path.join(path.dirname(target), 'Quarterly financial.xlsx');
  await press(browser, 'Financial workbook');
  answerSaveDialog('Save the report', quarterly);
  await waitForText(/Saved: .*Quarterly financial\.xlsx/, 'the financial workbook was not saved');
  assert.equal(readFileSync(quarterly).subarray(0, 2).toString(), 'PK');
  await (await browser.$('#quarterly_spending')).scrollIntoView();
  await screenshot(browser, '25-quarterly');

  // The HMIS export for this year to date: checked, then saved as one .zip
  // where she chooses; it joins the reports produced.
  const hmisTarget = path.join(process.env.HOUSING_DESK_DATA_DIR ?? '/tmp', 'saved', 'HMIS export.zip');
  await fill(browser, 'From', `01/01/${now.getFullYear()}`);
  await fill(browser, 'To', usDateFromToday(0));
  await press(browser, 'Check and export');
  try {
    answerSaveDialog('Save the report', hmisTarget);
  } catch {
    assert.fail(`no save dialog for the HMIS export; the page says: ${await pageText(browser)}`);
  }
  await waitForText(/Saved: .*HMIS export\.zip/, 'the HMIS export was not saved');
  const zip = readFileSync(hmisTarget);
  assert.equal(zip.subarray(0, 2).toString(), 'PK', 'a .zip file');
  assert.ok(zip.includes('Enrollment.csv'), 'the HMIS files are in it');
  const produced = await (await browser.$('//section[h2[.="Reports produced"]]')).getText();
  assert.match(produced, /HMIS CSV export[\s\S]*\d+ clients?, \d+ enrollments?, \d+ exits?/);
  await screenshot(browser, '26-hmis-export');

  // The program in charts, each titled, with its numbers in a table underneath.
  const chartTitles = ['Participants by stage', 'Housed', 'Days from referral to housing', 'Engagement standard met', 'Spending by category against the budget'];
  await waitForText(/Participants by stage/, 'the charts were not drawn');
  const charts = await browser.$('//section[h2[.="The program in charts"]]');
  const captions = [];
  for (const f of await charts.$$('figcaption')) captions.push(await f.getText());
  assert.deepEqual(captions, chartTitles, 'the five charts, in order');
  await charts.scrollIntoView();
  await screenshot(browser, '27-reports-charts');

  // The charts print on their own: the system's print dialog opens (and is
  // closed again: the virtual screen has no printer).
  await press(browser, 'Print the charts');
  const dialog = execFileSync('xdotool', ['search', '--sync', '--onlyvisible', '--name', '^Print$'], { encoding: 'utf8', timeout: 15_000 });
  execFileSync('xdotool', ['windowfocus', '--sync', dialog.trim().split('\n')[0]]);
  execFileSync('xdotool', ['key', 'Escape']);
  await waitForText(/The program in charts/, 'the page did not come back after printing');
});
