// Consents to disclose (42 CFR 2.31) on a participant's page: a consent is
// recorded (a mistake shown beside its field first), another is revoked,
// and each shows where it stands; the Reports page lists who still has none.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, signInAsAdmin, fill, choose, press, follow, waitForHeading, pageText, screenshot, usDateFromToday,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

async function until(pattern, what) {
  await browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 10_000, timeoutMsg: what });
}

test('a consent to disclose is recorded, another revoked, and each shows its standing', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);
  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Darnell Okoye');
  await fill(browser, 'Date of birth', '03/02/1979');
  await choose(browser, 'Referred from', 'Inpatient detox or withdrawal management');
  await press(browser, 'Save');
  await waitForHeading(browser, 'Darnell Okoye');
  await until(/No consent to disclose is recorded for this participant/, 'the consent section did not show');

  // The first try leaves out the purpose: it is named beside its field, and what was typed stays.
  await press(browser, 'Record a consent');
  await fill(browser, 'Disclosed to', 'Illinois DHS, Division of Mental Health');
  await fill(browser, 'What information', 'Enrollment, housing status, engagement visits and treatment linkage');
  await fill(browser, 'Signed on', usDateFromToday(-3));
  await fill(browser, 'Expires on', usDateFromToday(362));
  await press(browser, 'Record the consent');
  await until(/Enter the purpose of the disclosure/, 'the missing purpose was not reported');
  assert.match(await pageText(browser), /There is a problem/);
  await fill(browser, 'Purpose', 'Monthly program reporting and payment under the grant');
  await press(browser, 'Record the consent');
  await until(/The consent to disclose to Illinois DHS, Division of Mental Health is recorded/, 'the consent was not recorded');

  // A second consent, ending on an event, then revoked by the participant.
  await press(browser, 'Record a consent');
  await fill(browser, 'Disclosed to', 'Cook County Health, outpatient SUD program');
  await fill(browser, 'What information', 'Housing status and engagement visits');
  await fill(browser, 'Purpose', 'Coordinating treatment with housing');
  await fill(browser, 'Signed on', usDateFromToday(-3));
  await fill(browser, 'Or ends when (optional)', 'When I leave the program');
  await press(browser, 'Record the consent');
  await until(/The consent to disclose to Cook County Health, outpatient SUD program is recorded/, 'the second consent was not recorded');
  const revoke = await browser.$('button[aria-label="Revoke the consent to Cook County Health, outpatient SUD program"]');
  await revoke.waitForClickable({ timeout: 10_000, timeoutMsg: 'no Revoke button for the second consent' });
  await revoke.click();
  await fill(browser, 'Note (optional)', 'Revoked by phone; letter to follow');
  await press(browser, 'Record the revocation');
  await until(/is recorded as revoked on/, 'the revocation was not recorded');

  const text = await pageText(browser);
  assert.match(text, /Illinois DHS, Division of Mental Health[\s\S]*Current/, 'the first is current');
  assert.match(text, /When I leave the program\s*Revoked/, 'the second is revoked');
  assert.match(text, /Revoked by phone; letter to follow/);
  await browser.execute(() => document.getElementById('consents')?.scrollIntoView({ block: 'start' }));
  await screenshot(browser, '33-consents');

  // The Reports page: Darnell has a current consent, so he is not listed as missing one.
  await follow(browser, 'Reports');
  await waitForHeading(browser, 'Reports');
  await until(/Without a current consent: \d+ participants?|Everyone whose records the office reports has a consent/, 'the consent report did not show');
  const reports = await pageText(browser);
  const missing = reports.split('Without a current consent')[1]?.split('Consents running out')[0] ?? '';
  assert.doesNotMatch(missing, /Darnell Okoye/, 'a current consent is not a gap');
});
