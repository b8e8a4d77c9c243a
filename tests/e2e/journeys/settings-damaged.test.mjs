// The records file is damaged while the app is closed. At the next start
// Housing Desk does not open an empty database in its place: it says it
// cannot open the records and offers the restore, and the office's daily
// backup (written by the settings-backup journey) brings them back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAs, press, fill, waitForHeading, pageText, screenshot, answerFolderDialog, ADMIN,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

test('a damaged records file is never replaced by an empty one, and a backup restores it', async () => {
  const data = process.env.HOUSING_DESK_DATA_DIR;
  assert.ok(data, 'run by tests/e2e/run.sh');
  const drive = path.join(data, 'daily-drive');
  const daily = readdirSync(drive).filter((n) => n.startsWith('housing-desk-backup-'));
  assert.equal(daily.length, 1, 'the settings-backup journey wrote the daily backup');

  // Damage the first pages of the file while the app is closed, and its
  // write-ahead log (the app was stopped by the driver, so recent pages may
  // still be there, and SQLite would read them instead).
  const damage = (file, from, to) => {
    const bytes = readFileSync(file);
    for (let i = from; i < Math.min(to, bytes.length); i++) bytes[i] ^= 0xa5;
    writeFileSync(file, bytes);
  };
  const file = path.join(data, 'housing-desk.db');
  damage(file, 100, 8000);
  if (existsSync(`${file}-wal`)) damage(`${file}-wal`, 0, 64);

  browser = await startApp();
  await waitForHeading(browser, 'Open the records');
  let shown = await pageText(browser);
  assert.match(shown, /may be damaged/);
  assert.doesNotMatch(shown, /Set up Housing Desk/);

  await (await browser.$('summary=The passphrase does not open them? Restore a backup')).click();
  await press(browser, 'Choose a backup to restore…');
  answerFolderDialog('Choose the backup folder to restore', path.join(drive, daily[0]));
  await browser.waitUntil(async () => /The backup in/.test(await pageText(browser)), {
    timeout: 20_000, timeoutMsg: 'the chosen backup was not shown',
  });
  // No one can sign in, so the recovery passphrase of the backup is the proof.
  await fill(browser, 'Recovery passphrase of this backup', 'lanterns along the canal');
  await browser.execute(() => document.querySelector('form[aria-label="Restore this backup"]')?.scrollIntoView({ block: 'center' }));
  await screenshot(browser, '36-damaged-restore');
  await press(browser, 'Replace the records with this backup');
  await waitForHeading(browser, 'Sign in');
  shown = await pageText(browser);
  assert.match(shown, /The records were restored from the backup/);
  const aside = readdirSync(path.join(data, 'replaced'));
  assert.ok(aside.length >= 2, `the damaged file is kept aside too: ${aside}`);

  await signInAs(browser, ADMIN.username, ADMIN.password);
});
