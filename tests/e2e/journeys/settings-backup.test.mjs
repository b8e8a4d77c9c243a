// The administrator backs up the records from Settings: she chooses a folder
// in the system's folder dialog, and a backup folder with the encrypted copy,
// the recovery key file and its manifest appears there. Then she restores
// it (a staff account added since is gone, everyone signs in again),
// changes the database key and the recovery passphrase.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, signInAs, press, follow, fill, field, choose, waitForHeading, pageText, screenshot,
  answerFolderDialog, ADMIN,
} from '../support/app.mjs';

let browser;
let backupFolder;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

test('a backup is written where the administrator chooses, while the app is open', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);
  await follow(browser, 'Settings');
  await waitForHeading(browser, 'Settings');

  const into = path.join(process.env.HOUSING_DESK_DATA_DIR ?? '/tmp', 'backups-drive');
  mkdirSync(into, { recursive: true });
  await press(browser, 'Back up now…');
  answerFolderDialog('Choose where to write the backup', into);
  await browser.waitUntil(async () => /Backup written: /.test(await pageText(browser)), {
    timeout: 20_000,
    timeoutMsg: 'no backup was written',
  });
  const folders = readdirSync(into);
  assert.equal(folders.length, 1, `one backup folder: ${folders}`);
  assert.match(folders[0], /^housing-desk-backup-\d{8}-\d{6}$/);
  const inside = readdirSync(path.join(into, folders[0])).sort();
  assert.deepEqual(inside, ['housing-desk.db', 'housing-desk.key', 'manifest.json']);
  const manifest = JSON.parse(readFileSync(path.join(into, folders[0], 'manifest.json'), 'utf8'));
  assert.equal(manifest.created_by, 'mokafor');
  assert.ok(manifest.counts.find((c) => c.table === 'participant').rows >= 1, 'the participants met earlier are in it');
  assert.match(await pageText(browser), new RegExp(`Backup written: .*${folders[0]}`));
  await browser.execute(() => document.querySelector('.status-line')?.scrollIntoView({ block: 'center' }));
  await screenshot(browser, '28-backup');
  backupFolder = path.join(into, folders[0]);
});

test('the backup restores in the window, and the key and passphrase change', async () => {
  assert.ok(backupFolder, 'the backup test ran first');
  // A staff account added after the backup.
  await fill(browser, 'Full name', 'Devon Price');
  await fill(browser, 'Username', 'dprice');
  await choose(browser, 'Role', 'Office staff');
  await fill(browser, 'First password', 'sunlit porch swing');
  await fill(browser, 'Type the password again', 'sunlit porch swing');
  await press(browser, 'Add account');
  await browser.waitUntil(async () => /Devon Price can now sign in/.test(await pageText(browser)), {
    timeout: 10_000, timeoutMsg: 'the staff account was not added',
  });

  await press(browser, 'Choose a backup to restore…');
  answerFolderDialog('Choose the backup folder to restore', backupFolder);
  await browser.waitUntil(async () => /The backup in/.test(await pageText(browser)), {
    timeout: 20_000, timeoutMsg: 'the chosen backup was not shown',
  });
  const shown = await pageText(browser);
  assert.match(shown, /by mokafor/);
  assert.match(shown, /Restoring replaces the records on this computer/);
  await browser.execute(() => document.querySelector('form[aria-label="Restore this backup"]')?.scrollIntoView({ block: 'center' }));
  await screenshot(browser, '29-restore');
  await press(browser, 'Replace the records with this backup');
  await waitForHeading(browser, 'Sign in');
  assert.match(await pageText(browser), /The records were restored from the backup made .* Sign in again\./);
  await screenshot(browser, '30-restored');

  await signInAs(browser, ADMIN.username, ADMIN.password);
  await follow(browser, 'Settings');
  await waitForHeading(browser, 'Settings');
  assert.doesNotMatch(await pageText(browser), /Devon Price/, 'the account added after the backup is not in it');

  await fill(browser, 'Recovery passphrase', 'not the passphrase');
  await press(browser, 'Change the key');
  await browser.waitUntil(async () => /That is not the current recovery passphrase/.test(await pageText(browser)), {
    timeout: 20_000, timeoutMsg: 'a wrong passphrase was not refused',
  });
  await fill(browser, 'Recovery passphrase', 'blue heron over the river');
  await press(browser, 'Change the key');
  await browser.waitUntil(async () => /now encrypted under a new key/.test(await pageText(browser)), {
    timeout: 20_000, timeoutMsg: 'the key was not changed',
  });

  await fill(browser, 'Current recovery passphrase', 'blue heron over the river');
  await fill(browser, 'New recovery passphrase', 'lanterns along the canal');
  await fill(browser, 'The new passphrase again', 'lanterns along the canal');
  await press(browser, 'Change the passphrase');
  await browser.waitUntil(async () => /The recovery passphrase is changed/.test(await pageText(browser)), {
    timeout: 20_000, timeoutMsg: 'the passphrase was not changed',
  });

  // The daily backup: turned on, it writes the first one at once.
  const drive = path.join(process.env.HOUSING_DESK_DATA_DIR ?? '/tmp', 'daily-drive');
  mkdirSync(drive, { recursive: true });
  await (await field(browser, 'Write a backup every day')).click();
  await press(browser, 'Choose the folder…');
  answerFolderDialog('Choose where the daily backup is written', drive);
  await browser.waitUntil(async () => (await pageText(browser)).includes(drive), {
    timeout: 20_000, timeoutMsg: 'the chosen folder was not shown',
  });
  await fill(browser, 'How many daily backups to keep', '14');
  await press(browser, 'Save the daily backup');
  await browser.waitUntil(async () => /Last daily backup: /.test(await pageText(browser)), {
    timeout: 20_000, timeoutMsg: 'the first daily backup was not written',
  });
  const daily = readdirSync(drive);
  assert.equal(daily.length, 1, `one daily backup: ${daily}`);
  const manifest = JSON.parse(readFileSync(path.join(drive, daily[0], 'manifest.json'), 'utf8'));
  assert.equal(manifest.automatic, true);
  await browser.execute(() => document.querySelector('form[aria-label="Daily backup"]')?.scrollIntoView({ block: 'center' }));
  await screenshot(browser, '31-daily-backup');

  // Still working on the new key: another page reads.
  await follow(browser, 'Participants');
  await waitForHeading(browser, 'Participants');
});
