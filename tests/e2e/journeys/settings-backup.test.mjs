// The administrator backs up the records from Settings: she chooses a folder
// in the system's folder dialog, and a backup folder with the encrypted copy,
// the recovery key file and its manifest appears there.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, press, follow, waitForHeading, pageText, screenshot, answerFolderDialog,
} from '../support/app.mjs';

let browser;
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
});
