// For scripts/measure-package.sh: starts the app through tauri-driver, sets
// an office up in the (fresh) data folder and signs the administrator in,
// then writes "signed in" (or "failed") to the named pipe READY and holds the
// window open until a line arrives on the named pipe DONE, while the script
// measures it.
//   node tests/e2e/support/signed-in.mjs READY DONE
import { readFileSync, writeFileSync } from 'node:fs';
import { startApp, quitApp, signInAsAdmin } from './app.mjs';

const [ready, done] = process.argv.slice(2);
let browser;
try {
  browser = await startApp();
  await signInAsAdmin(browser);
} catch (e) {
  writeFileSync(ready, 'failed\n');
  if (browser) await quitApp(browser).catch(() => {});
  throw e;
}
writeFileSync(ready, 'signed in\n');
readFileSync(done);
await quitApp(browser).catch(() => {});
