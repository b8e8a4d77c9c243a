// A case manager logs an engagement visit and sees the month against the
// Guide's rule of two visits a month, one at home.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, signInAsAdmin, fill, choose, press, follow, field, waitForHeading, pageText, screenshot,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

test('a home visit is logged and the month shows what is still needed', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);
  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Siobhán Kelly');
  await fill(browser, 'Date of birth', '1990-05-20');
  await choose(browser, 'Referred from', 'Homeless shelter');
  await press(browser, 'Save');
  await waitForHeading(browser, 'Siobhán Kelly');

  await follow(browser, 'Engagement visits');
  await waitForHeading(browser, 'Engagement: Siobhán Kelly');
  await choose(browser, 'Where', 'Home visit');
  await fill(browser, 'How long (minutes)', 'an hour');
  await (await field(browser, 'Peer recovery group')).click();
  await press(browser, 'Record the visit');
  await browser.waitUntil(async () => /Enter how long the visit took, in minutes/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'the bad length was not reported',
  });
  await fill(browser, 'How long (minutes)', '60');
  await press(browser, 'Record the visit');
  await browser.waitUntil(async () => /The home visit of [0-9/]+ is recorded/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'the visit was not recorded',
  });
  const text = await pageText(browser);
  assert.match(text, /Home visit\s*60\s*Peer recovery group\s*Maria Okafor/);
  assert.match(text, /(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\s*1\s*1\s*(Not yet met|At risk: the month ends soon)/, 'one visit, at home, one more needed');
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, '12-engagement');
});
