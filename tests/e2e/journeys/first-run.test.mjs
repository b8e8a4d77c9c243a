// The first day at the office: set up Housing Desk, sign in, add participants
// (one with a mistake), quit, start again, and find everything still there.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, fill, choose, press, follow, field, waitForHeading, pageText, screenshot, usDateFromToday,
  signInAsAdmin, ADMIN,
} from '../support/app.mjs';

let browser;

after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

/** Signs in from the sign-in screen, which must be the one showing. */
async function signIn() {
  await waitForHeading(browser, 'Sign in');
  await signInAsAdmin(browser);
}

test('first start shows setup, and setup leads to sign-in', async () => {
  browser = await startApp();
  await waitForHeading(browser, 'Set up Housing Desk');
  await screenshot(browser, '01-setup');

  // A mistake first: the passwords differ. The form keeps what was typed.
  await fill(browser, 'Grantee name', 'Thresholds Housing');
  await choose(browser, 'Program', 'Housing is Recovery (Illinois)');
  await fill(browser, 'County', 'Cook');
  await fill(browser, 'Full name', ADMIN.name);
  await fill(browser, 'Username', ADMIN.username);
  await fill(browser, 'Password', ADMIN.password);
  await fill(browser, 'Type the password again', 'kitchen window sunset');
  await fill(browser, 'Recovery passphrase', 'blue heron over the river');
  await fill(browser, 'Type the recovery passphrase again', 'blue heron over the river');
  await press(browser, 'Set up Housing Desk');
  await (await browser.$('h2=There is a problem')).waitForDisplayed({ timeout: 10_000 });
  assert.match(await pageText(browser), /The two passwords are not the same/);
  assert.equal(await (await field(browser, 'Grantee name')).getValue(), 'Thresholds Housing', 'typed values are kept');

  await fill(browser, 'Type the password again', ADMIN.password);
  await press(browser, 'Set up Housing Desk');
  await waitForHeading(browser, 'Sign in');
  assert.match(await pageText(browser), /Housing Desk is set up/);
  await screenshot(browser, '02-sign-in');
});

test('a wrong password is refused, the right one opens the dashboard', async () => {
  await fill(browser, 'Username', ADMIN.username);
  await fill(browser, 'Password', 'not my password at all');
  await press(browser, 'Sign in');
  await browser.waitUntil(async () => /username or password is not right/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'no message for a wrong password',
  });
  await signIn();
});

test('a bad date of birth is shown beside its field and nothing typed is lost', async () => {
  await follow(browser, 'Participants');
  await waitForHeading(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Thi Nguyễn');
  await fill(browser, 'Preferred name (optional)', 'Tee');
  await fill(browser, 'Date of birth', '02/30/1990');
  await fill(browser, 'Phone (optional)', '312 555 0142');
  await choose(browser, 'Referred from', 'County jail');
  await fill(browser, 'Referring organization (optional)', 'Cook County Jail');
  await fill(browser, 'Expected discharge or release date (optional)', usDateFromToday(4));
  await press(browser, 'Save');

  const message = await browser.$('#birth_date-error');
  await message.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no error beside the date of birth' });
  assert.match(await message.getText(), /must be a real date/);
  const summary = await browser.$('.error-summary');
  assert.match(await summary.getText(), /There is a problem/);
  assert.equal(await (await field(browser, 'Date of birth')).getAttribute('aria-invalid'), 'true');
  for (const [label, value] of [
    ['Legal name', 'Thi Nguyễn'],
    ['Preferred name (optional)', 'Tee'],
    ['Date of birth', '02/30/1990'],
    ['Phone (optional)', '312 555 0142'],
    ['Referring organization (optional)', 'Cook County Jail'],
  ]) {
    assert.equal(await (await field(browser, label)).getValue(), value, `${label} keeps what was typed`);
  }
  await screenshot(browser, '05-participant-error');

  await fill(browser, 'Date of birth', '03/15/1984');
  await press(browser, 'Save');
  await waitForHeading(browser, 'Thi Nguyễn');
  assert.match(await pageText(browser), /record is saved/);
  assert.equal(await (await field(browser, 'Phone (optional)')).getValue(), '(312) 555-0142', 'the phone is tidied');
  await screenshot(browser, '04-participant');
});

test('more referrals fill the list and the dashboard', async () => {
  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', 'Łukasz Wójcik');
  await fill(browser, 'Date of birth', '1979-07-02');
  await choose(browser, 'Referred from', 'Hospital');
  await fill(browser, 'Referring organization (optional)', 'Stroger Hospital, behavioral health unit');
  await fill(browser, 'Expected discharge or release date (optional)', usDateFromToday(9));
  await press(browser, 'Save');
  await waitForHeading(browser, 'Łukasz Wójcik');

  await follow(browser, 'Participants');
  await waitForHeading(browser, 'Participants');
  await fill(browser, 'Search by name', 'nguyen');
  await browser.waitUntil(async () => /Showing 1–1 of 1 participant/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'searching "nguyen" did not find exactly Thi Nguyễn',
  });
  assert.match(await pageText(browser), /Thi Nguyễn/);
  await fill(browser, 'Search by name', '');
  await browser.waitUntil(async () => /of 2 participants/.test(await pageText(browser)), { timeout: 10_000 });
  await screenshot(browser, '03-participants');

  await follow(browser, 'Home');
  await browser.waitUntil(async () => /Participants: 2 people/.test(await pageText(browser)), { timeout: 10_000 });
  const text = await pageText(browser);
  assert.match(text, /Thi Nguyễn/, 'a release in 4 days is on the dashboard');
  assert.match(text, /Łukasz Wójcik/);
  await screenshot(browser, '02-dashboard');
});

test('after quitting and starting again the participant is still there', async () => {
  await quitApp(browser);
  browser = await startApp();
  await signIn();
  await follow(browser, 'Participants');
  await waitForHeading(browser, 'Participants');
  await browser.waitUntil(async () => /Thi Nguyễn/.test(await pageText(browser)), {
    timeout: 10_000,
    timeoutMsg: 'the participant saved before quitting is missing',
  });
  await follow(browser, 'Thi Nguyễn');
  await waitForHeading(browser, 'Thi Nguyễn');
  assert.equal(await (await field(browser, 'Date of birth')).getValue(), '03/15/1984');
});
