// Drives the real Housing Desk window through tauri-driver (W3C WebDriver,
// backed by WebKitWebDriver). run.sh starts tauri-driver, Xvfb, a throwaway
// D-Bus session and keyring, and points the app at a throwaway data folder.
import { remote } from 'webdriverio';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
const application = process.env.HOUSING_DESK_APP ?? path.join(repoRoot, 'target/debug/housing-desk');
const screenshots = process.env.HOUSING_DESK_SCREENSHOTS ?? path.join(repoRoot, 'docs/screenshots');

/** Starts the app in a new window and answers its WebDriver session. */
export async function startApp() {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: Number(process.env.TAURI_DRIVER_PORT ?? 4444),
    logLevel: 'warn',
    connectionRetryCount: 0,
    capabilities: {
      'tauri:options': { application },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

/** Quits the app (the driver ends its process). */
export async function quitApp(browser) {
  await browser.deleteSession();
}

/** The form control whose <label> reads exactly `label`. */
export async function field(browser, label) {
  const labelEl = await browser.$(`//label[normalize-space()=${xpathString(label)}]`);
  await labelEl.waitForExist({ timeout: 10_000, timeoutMsg: `no label "${label}"` });
  const id = await labelEl.getAttribute('for');
  assert(id, `the label "${label}" is not tied to a control`);
  return browser.$(`[id="${id}"]`);
}

function xpathString(text) {
  return text.includes('"') ? `concat("${text.split('"').join('", \'"\', "')}")` : `"${text}"`;
}

/** Types `value` into the field labelled `label`, replacing what was there. */
export async function fill(browser, label, value) {
  const el = await field(browser, label);
  if (value === '') {
    // WebDriver cannot send no text; erase it the way a person would.
    await el.click();
    await browser.keys(['Control', 'a']);
    await browser.keys(['Backspace']);
  } else {
    await el.setValue(value);
  }
}

/** Types several lines into the text area labelled `label`, pressing Enter between them. */
export async function fillLines(browser, label, lines) {
  await fill(browser, label, '');
  const el = await field(browser, label);
  for (const [i, line] of lines.entries()) {
    if (i > 0) await browser.keys(['Enter']);
    await el.addValue(line);
  }
}

/** Chooses the option whose words are `text` in the list labelled `label`. */
export async function choose(browser, label, text) {
  const el = await field(browser, label);
  await el.selectByVisibleText(text);
}

/** Clicks the button whose words are `text`. */
export async function press(browser, text) {
  const el = await browser.$(`button=${text}`);
  await el.waitForClickable({ timeout: 10_000, timeoutMsg: `no button "${text}"` });
  await el.click();
}

/** Follows the link whose words are `text`. */
export async function follow(browser, text) {
  const el = await browser.$(`a=${text}`);
  await el.waitForClickable({ timeout: 10_000, timeoutMsg: `no link "${text}"` });
  await el.click();
}

/** Waits for the page's main heading to read `text`. */
export async function waitForHeading(browser, text) {
  await browser.waitUntil(
    async () => {
      const h1 = await browser.$('h1');
      return (await h1.isExisting()) && (await h1.getText()).trim() === text;
    },
    { timeout: 15_000, timeoutMsg: `the heading never became "${text}"` },
  );
}

/** The text of the whole page. */
export async function pageText(browser) {
  return (await browser.$('body')).getText();
}

/** Saves a screenshot of the window to docs/screenshots/NAME.png once the DOM is still. */
export async function screenshot(browser, name) {
  await browser.waitUntil(
    async () =>
      browser.execute(
        () =>
          new Promise((resolve) => {
            let changed = false;
            const observer = new MutationObserver(() => (changed = true));
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            setTimeout(() => {
              observer.disconnect();
              resolve(!changed && !document.querySelector('[aria-busy="true"]'));
            }, 300);
          }),
      ),
    { timeout: 10_000, timeoutMsg: 'the page never settled for a screenshot' },
  );
  mkdirSync(screenshots, { recursive: true });
  // The X screen holds only the app's window. WebKitWebDriver's own
  // screenshot command hangs on some pages, so take it as a person would.
  execFileSync('import', ['-window', 'root', path.join(screenshots, `${name}.png`)]);
}

/** A date `days` from today as MM/DD/YYYY, as staff type it. */
export function usDateFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()}`;
}

export const ADMIN = { name: 'Maria Okafor', username: 'mokafor', password: 'kitchen window sunrise' };

/** Signs in as the administrator, setting the office up first on a fresh data folder. */
export async function signInAsAdmin(browser) {
  await browser.waitUntil(
    async () => ['Set up Housing Desk', 'Sign in'].includes((await (await browser.$('h1')).getText().catch(() => '')).trim()),
    { timeout: 15_000, timeoutMsg: 'neither setup nor sign-in appeared' },
  );
  if ((await (await browser.$('h1')).getText()).trim() === 'Set up Housing Desk') {
    await fill(browser, 'Grantee name', 'Thresholds Housing');
    await fill(browser, 'County', 'Cook');
    await fill(browser, 'Full name', ADMIN.name);
    await fill(browser, 'Username', ADMIN.username);
    await fill(browser, 'Password', ADMIN.password);
    await fill(browser, 'Type the password again', ADMIN.password);
    await fill(browser, 'Recovery passphrase', 'blue heron over the river');
    await fill(browser, 'Type the recovery passphrase again', 'blue heron over the river');
    await press(browser, 'Set up Housing Desk');
    await waitForHeading(browser, 'Sign in');
  }
  await signInAs(browser, ADMIN.username, ADMIN.password);
}

/** Signs in from the sign-in page as `username`, and waits for the home page. */
export async function signInAs(browser, username, password) {
  await fill(browser, 'Username', username);
  await fill(browser, 'Password', password);
  await press(browser, 'Sign in');
  await browser.waitUntil(async () => (await (await browser.$('h1')).getText()).startsWith('Good '), {
    timeout: 15_000,
    timeoutMsg: `the home page never appeared after ${username} signed in`,
  });
}

/** Signs the current staff member out and waits for the sign-in page. */
export async function signOut(browser) {
  await press(browser, 'Sign out');
  await waitForHeading(browser, 'Sign in');
}

/**
 * Answers the system's save dialog (a native GTK window WebDriver cannot
 * reach) the way a person would: waits for the window titled `title`, types
 * the full path into its name field and presses Enter. Uses xdotool on the
 * test's virtual screen.
 */
export function answerSaveDialog(title, target) {
  const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20_000 }).trim();
  const id = xdotool('search', '--sync', '--onlyvisible', '--name', `^${title}$`).split('\n')[0];
  xdotool('windowfocus', '--sync', id);
  xdotool('key', '--clearmodifiers', 'ctrl+a');
  xdotool('type', '--delay', '15', target);
  xdotool('key', 'Return');
}

/**
 * Answers the system's folder dialog titled `title` with `folder` (which
 * exists): types its path into the dialog's location and presses Enter,
 * as a person would. The dialog must open on a folder (a start folder
 * given), not on "Recent", where a typed location is not followed.
 */
export function answerFolderDialog(title, folder) {
  const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20_000 }).trim();
  const id = xdotool('search', '--sync', '--onlyvisible', '--name', `^${title}$`).split('\n')[0];
  xdotool('windowfocus', '--sync', id);
  xdotool('key', '--clearmodifiers', 'ctrl+l');
  xdotool('type', '--delay', '15', `${folder.replace(/\/+$/, '')}/`);
  xdotool('key', 'Return');
}
