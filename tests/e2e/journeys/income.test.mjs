// Office staff work out a participant's rent: they enter the income, see the
// Total Tenant Payment worked out beside the form, save it, and print the
// summary for signing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, fill, choose, press, follow, field, waitForHeading, pageText, screenshot, repoRoot,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

test('income entered in the window gives the TTP, and the calculation is saved', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);

  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Ada Okonkwo');
  await fill(browser, 'Date of birth', '03/15/1984');
  await choose(browser, 'Referred from', 'Homeless shelter');
  await press(browser, 'Save');
  await waitForHeading(browser, 'Ada Okonkwo');

  await follow(browser, 'Income and rent');
  await waitForHeading(browser, 'Income and rent: Ada Okonkwo');
  await (await field(browser, 'The participant is a person with disabilities')).click();
  await press(browser, 'Add income');
  await choose(browser, 'Kind of income', 'SSI');
  await fill(browser, 'Amount ($)', '967.00');
  await choose(browser, 'How often', 'Every month');
  await choose(browser, 'Verified by', 'Award or benefit letter');
  await fill(browser, 'Contract rent, monthly ($)', '925');
  await fill(browser, 'Utility allowance, monthly ($)', '85');

  // 2026: $11,604 a year less the $550 disabled-family deduction; 30% of
  // $11,054 / 12 = $276.35 → TTP $276; less the $85 allowance → $191.
  const result = await browser.$('aside.calc-result');
  await browser.waitUntil(async () => /Total Tenant Payment.*\$276/s.test(await result.getText()), {
    timeout: 15_000,
    timeoutMsg: 'the result never showed a TTP of $276',
  });
  const text = await result.getText();
  assert.match(text, /Annual income\s*\$11,604\.00/);
  assert.match(text, /Adjusted income\s*\$11,054\.00/);
  assert.match(text, /Less utility allowance\s*\$85\.00\s*Tenant rent\s*\$191\.00/);
  assert.match(text, /Grantee pays the owner\s*\$734\.00/);
  assert.match(text, /fit the payment standard of \$1,581\.00/);
  await screenshot(browser, '06-income');

  await press(browser, 'Save the calculation');
  await browser.waitUntil(async () => /calculation of .* is saved: TTP \$276/.test(await pageText(browser)), {
    timeout: 15_000,
    timeoutMsg: 'no notice that the calculation was saved',
  });
  assert.match(await pageText(browser), /Rent in force: the calculation of [0-9/]+: TTP \$276, tenant rent \$191\.00/);
  assert.match(await pageText(browser), /Next recertification due: [0-9/]+/);
  const history = await (await browser.$('#history-heading')).parentElement();
  assert.match(await history.getText(), /Initial \(at enrollment\)\s*\$11,604\.00\s*\$276\s*\$191\.00\s*\$734\.00\s*Maria Okafor/);

  // The participant signs on screen; the staff member will sign in ink.
  await press(browser, 'Sign on screen');
  const pad = await browser.$('#signature-participant');
  await pad.waitForDisplayed({ timeout: 10_000 });
  await pad.scrollIntoView({ block: 'center' });
  // An empty box is refused.
  await (await (await pad.parentElement()).$('button*=Save the signature')).click();
  await browser.waitUntil(async () => /Sign in the box: draw the signature/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'an empty signature was not refused',
  });
  let stroke = browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: pad, x: -200, y: 10 }).down();
  for (let i = 1; i <= 20; i++) stroke = stroke.move({ origin: pad, x: -200 + i * 20, y: Math.round(30 * Math.sin(i / 2)) });
  await stroke.up().perform();
  await (await (await pad.parentElement()).$('button*=Save the signature')).click();
  await browser.waitUntil(async () => /✓ Participant's signature \(Ada Okonkwo\): signed/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'the drawn signature was not saved',
  });
  await screenshot(browser, '07-signing');
  await press(browser, 'Close');

  // Print the summary: a PDF in the documents folder with the same figures.
  await press(browser, 'Print the summary for signing');
  await browser.waitUntil(async () => /The summary is ready to print and sign/.test(await pageText(browser)), {
    timeout: 15_000,
    timeoutMsg: 'no notice that the summary was saved',
  });
  const where = (await (await browser.$('code*=Income summary')).getText()).trim();
  assert.ok(where.startsWith(process.env.HOUSING_DESK_DOCUMENTS_DIR), `saved in the documents folder: ${where}`);
  assert.ok(existsSync(where), `the PDF exists at ${where}`);
  const pdfText = execFileSync('pdftotext', ['-layout', where, '-']).toString();
  for (const want of ['Ada Okonkwo', '$11,604.00', '$11,054.00', '$276', '$191.00', '$734.00', 'Program participant: Ada Okonkwo (signed on screen)', 'For the grantee: Maria Okafor']) {
    assert.ok(pdfText.includes(want), `the summary shows ${want}`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', where, path.join(repoRoot, 'docs/screenshots/08-income-summary')]);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '2', '-l', '2', '-singlefile', where, path.join(repoRoot, 'docs/screenshots/09-income-summary-signatures')]);
});
