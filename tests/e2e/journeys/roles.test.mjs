// What each role may do: the administrator reads the table in Settings, and
// a case manager who opens the payments is refused by the gate that checks
// the same table before every command, in its words, with nothing shown.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, fill, choose, press, follow, waitForHeading, pageText, screenshot, signInAsAdmin, signInAs,
  signOut,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

const waitForText = (pattern, what) =>
  browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 15_000, timeoutMsg: what });

test('the administrator reads the table, and the gate holds a case manager to it', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);
  await follow(browser, 'Settings');
  await waitForHeading(browser, 'Settings');
  const table = await browser.$('table[class*="role-grid"]');
  await table.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the table of what each role may do is missing' });
  const texts = async (elements) => {
    const out = [];
    for (const e of await elements) out.push(await e.getText());
    return out;
  };
  const headers = await texts(table.$$('thead th'));
  assert.deepEqual(headers, ['May…', 'Office staff', 'Housing locator', 'Case manager', 'Supervisor', 'Administrator']);
  const approve = await table.$('tr*=Approve the monthly payment run');
  const cells = await texts(approve.$$('td'));
  assert.deepEqual(cells, ['No', 'No', 'No', 'Yes', 'No'], 'only a supervisor approves the run');
  await browser.execute(() => document.getElementById('roles-heading')?.scrollIntoView({ block: 'start' }));
  await screenshot(browser, '32-what-each-role-may-do');

  await fill(browser, 'Full name', 'June Park');
  await fill(browser, 'Username', 'jpark');
  await choose(browser, 'Role', 'Case manager');
  await fill(browser, 'First password', 'gravel path morning light');
  await fill(browser, 'Type the password again', 'gravel path morning light');
  await press(browser, 'Add account');
  await waitForText(/June Park\s*jpark/, 'the case manager was not added');
  await signOut(browser);

  // The gate's words (the payment services say theirs differently): the
  // table refused the command before any service ran.
  await signInAs(browser, 'jpark', 'gravel path morning light');
  await follow(browser, 'Payments');
  await waitForText(
    /“See the ledgers and payment runs” is for office staff, supervisors and administrators; case managers cannot do it\./,
    'the gate did not refuse the payment runs to a case manager',
  );
  await follow(browser, 'Settings');
  await waitForHeading(browser, 'Settings');
  await waitForText(/“See staff accounts” is for supervisors and administrators; case managers cannot do it\./, 'staff accounts were not refused');
  assert.equal(await (await browser.$('table[class*="role-grid"]')).isExisting(), false, 'the table is for administrators');
  await signOut(browser);
});
