// A supervisor brings in HUD's new Fair Market Rents: pasted as CSV, checked,
// stored with the date they take effect, and shown with their source.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, signInAsAdmin, fill, fillLines, choose, press, follow, field, waitForHeading, pageText, screenshot,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

test('a HUD FMR table is imported from CSV and shown by area and date', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);
  await follow(browser, 'Settings');
  await waitForHeading(browser, 'Settings');
  await follow(browser, 'See the program figures');
  await waitForHeading(browser, 'Program figures');

  await choose(browser, 'Which table', 'Fair Market Rents (columns fmr_0 to fmr_4)');
  await fill(browser, 'Figures in force from', '10/01/2026');
  await fill(browser, 'Source of the figures', 'HUD FY2027 FMR');
  // A mistake first: a figure that is not an amount is named by line and column.
  await fillLines(browser, 'Or paste the CSV', ['area,fmr_0,fmr_1', 'Kankakee IL MSA,850,n/a']);
  await press(browser, 'Import');
  await browser.waitUntil(async () => /Line 2, column fmr_1: "n\/a" is not an amount/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'the bad figure was not reported',
  });

  await fillLines(browser, 'Or paste the CSV', [
    'area,counties,fmr_0,fmr_1,fmr_2,fmr_3,fmr_4',
    'Kankakee IL MSA,Kankakee,850,940,1180,1500,1620',
  ]);
  await press(browser, 'Import');
  await browser.waitUntil(async () => /1 area: 5 figures added, 0 changed/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'no summary of the import',
  });
  const text = await pageText(browser);
  assert.match(text, /Kankakee IL MSA/);
  assert.match(text, /Kankakee IL MSA\s*Counties: Kankakee.*10\/01\/2026\s*\$850\.00\s*\$940\.00\s*\$1,180\.00\s*\$1,500\.00\s*\$1,620\.00\s*HUD FY2027 FMR/s);
  await (await browser.$('h3=Kankakee IL MSA')).scrollIntoView({ block: 'start' });
  await screenshot(browser, '10-program-figures');
});

test('a PHA utility schedule is added and gives the allowance in a calculation', async () => {
  await follow(browser, 'Settings');
  await follow(browser, 'See the program figures');
  await waitForHeading(browser, 'Program figures');
  await (await browser.$('summary=Add a PHA\'s schedule')).click();
  await fill(browser, 'Schedule name', 'CHA apartments 2026');
  await fill(browser, 'Public Housing Authority', 'Chicago Housing Authority');
  await fill(browser, 'Schedule in force from', '01/01/2026');
  await fill(browser, 'Source of the schedule', 'CHA form HUD-52667, 2026');
  await fillLines(browser, 'The schedule as CSV', [
    'utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5',
    'heating,natural gas,38,45,52,60,68,75',
    'cooking,electric,6,7,9,11,13,15',
    'other electric,,20,25,33,41,50,58',
  ]);
  await press(browser, 'Add the schedule');
  await browser.waitUntil(async () => /CHA apartments 2026: 3 rows added/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'the schedule was not added',
  });

  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Kwame Mensah');
  await fill(browser, 'Date of birth', '07/04/1979');
  await choose(browser, 'Referred from', 'State prison');
  await press(browser, 'Save');
  await waitForHeading(browser, 'Kwame Mensah');
  await follow(browser, 'Income and rent');
  await waitForHeading(browser, 'Income and rent: Kwame Mensah');
  await fill(browser, 'Contract rent, monthly ($)', '900');
  await choose(browser, 'Utility allowance from', 'CHA apartments 2026 (from 01/01/2026)');
  await (await field(browser, 'Heating')).click();
  await choose(browser, 'Fuel for heating', 'Natural gas');
  await (await field(browser, 'Other electric (lights and appliances)')).click();
  // No income: TTP $0, so the whole $70 allowance (45 + 25, one bedroom) is reimbursed.
  const result = await browser.$('aside.calc-result');
  await browser.waitUntil(async () => /Less utility allowance\s*\$70\.00/.test(await result.getText()), {
    timeout: 15_000,
    timeoutMsg: 'the allowance from the schedule never showed',
  });
  assert.match(await result.getText(), /Utility reimbursement to the participant\s*\$70\.00/);
  await screenshot(browser, '11-utility-allowance');
});
