// The window locks: on demand with "Lock", and by itself after the minutes
// without use the administrator set. The lock screen hides the page, the
// password unlocks it, and what was typed on the page underneath is kept.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, signInAsAdmin, fill, press, follow, field, waitForHeading, pageText, screenshot, ADMIN,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

async function waitForLock() {
  await browser.waitUntil(
    async () => (await (await browser.$('#lock-heading')).isExisting()),
    { timeout: 90_000, timeoutMsg: 'the window never locked' },
  );
}

async function value(label) {
  return (await field(browser, label)).getValue();
}

test('a locked window keeps what was typed and opens only with the password', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);
  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Wanjiru Kamau');
  await fill(browser, 'Date of birth', '04/02/1979');

  await press(browser, 'Lock');
  await waitForLock();
  const shown = await pageText(browser);
  assert.match(shown, /Housing Desk is locked/);
  assert.match(shown, new RegExp(`Signed in as ${ADMIN.name}`));
  await screenshot(browser, '35-locked');

  await fill(browser, 'Password', 'not my password');
  await press(browser, 'Unlock');
  await browser.waitUntil(async () => /That is not your password/.test(await pageText(browser)), {
    timeout: 10_000, timeoutMsg: 'a wrong password was not refused',
  });
  await fill(browser, 'Password', ADMIN.password);
  await press(browser, 'Unlock');
  await browser.waitUntil(async () => !(await (await browser.$('#lock-heading')).isExisting()), {
    timeout: 10_000, timeoutMsg: 'the window did not unlock',
  });
  assert.equal(await value('Legal name'), 'Wanjiru Kamau', 'what was typed survived the lock');
  assert.equal(await value('Date of birth'), '04/02/1979');
});

test('the window locks by itself after the minutes set in Settings', async () => {
  await follow(browser, 'Settings');
  await waitForHeading(browser, 'Settings');
  await fill(browser, 'Minutes without use before the window locks', '1');
  await press(browser, 'Save');
  await browser.waitUntil(async () => /locks after 1 minute without use/.test(await pageText(browser)), {
    timeout: 10_000, timeoutMsg: 'the minutes were not saved',
  });
  // No one touches the window for a minute.
  await waitForLock();
  await fill(browser, 'Password', ADMIN.password);
  await press(browser, 'Unlock');
  await waitForHeading(browser, 'Settings');
  await fill(browser, 'Minutes without use before the window locks', '15');
  await press(browser, 'Save');
  await browser.waitUntil(async () => /locks after 15 minutes without use/.test(await pageText(browser)), {
    timeout: 10_000, timeoutMsg: 'the minutes were not put back',
  });
});
