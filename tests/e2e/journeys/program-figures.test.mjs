// A supervisor brings in HUD's new Fair Market Rents: pasted as CSV, checked,
// stored with the date they take effect, and shown with their source.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, signInAsAdmin, fill, fillLines, choose, press, follow, waitForHeading, pageText, screenshot,
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
