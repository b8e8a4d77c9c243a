// The audit trail (issue 8): opening a participant's record is written down;
// the administrator finds that view on the audit page by the participant's
// name and exports the filtered trail to CSV through the save dialog.
// Self-contained: it sets the office up if it runs first.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, fill, choose, press, follow, waitForHeading, pageText, screenshot, answerSaveDialog,
  ADMIN,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

const waitForText = (pattern, what) =>
  browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 15_000, timeoutMsg: what });

const NAME = 'Đặng Thu Hà';

test('a view of a record is on the audit trail, found by the person, and exported to CSV', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);

  // Open a participant's record (adding her lands on it).
  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', NAME);
  await fill(browser, 'Date of birth', '02/11/1979');
  await choose(browser, 'Referred from', 'Hospital');
  await press(browser, 'Save');
  await waitForHeading(browser, NAME);

  // The audit page, in the sidebar for administrators and supervisors.
  await follow(browser, 'Audit trail');
  await waitForHeading(browser, 'Audit trail');
  await fill(browser, 'Participant', 'Đặng');
  await press(browser, NAME);
  await fill(browser, 'From', '01/01/202x');
  await press(browser, 'Show entries');
  await waitForText(/There is a problem[\s\S]*The first day must be a real date/, 'a wrong date was not reported');
  await fill(browser, 'From', '');
  await press(browser, 'Show entries');
  await waitForText(new RegExp(`Viewed: record\\s*Participant ${NAME}`), 'the view of her record is not on the trail').catch(
    async (e) => {
      console.log(await pageText(browser));
      throw e;
    },
  );
  const text = await pageText(browser);
  assert.match(text, new RegExp(`${ADMIN.name} \\(${ADMIN.username}\\)`), 'who viewed it');
  assert.match(text, new RegExp(`Added\\s*Participant ${NAME}`), 'and her record being added');
  assert.doesNotMatch(text, /participant list/, 'only entries about her (the list has no one person)');
  const link = await browser.$(`a=${NAME}`);
  assert.match(await link.getAttribute('href'), /#\/participants\/\d+$/, 'her name leads to her record');
  assert.equal(await (await browser.$('button=Delete')).isExisting(), false, 'nothing on the page removes an entry');
  await screenshot(browser, '34-audit');

  // Export what the filters chose, through the system's save dialog.
  const target = path.join(process.env.HOUSING_DESK_DATA_DIR ?? '/tmp', 'saved', 'audit trail.csv');
  mkdirSync(path.dirname(target), { recursive: true });
  await press(browser, 'Export to CSV…');
  answerSaveDialog('Save the audit trail', target);
  await waitForText(/Saved \d+ entr(y|ies) to .*audit trail\.csv/, 'the trail was not saved');
  assert.ok(existsSync(target), 'the file is where she chose');
  const lines = readFileSync(target, 'utf8').split('\n');
  assert.equal(
    lines[0],
    'When (local time),When (UTC),Staff member,Username,Action,Kind of record,Record number,Participant,Participant number,What,Changes',
    'a header row',
  );
  const views = lines.filter((l) => l.includes(`,Viewed,Participant,`) && l.includes(`,${NAME},`) && /,record,/.test(l));
  assert.ok(views.length >= 1, `the view is in the file:\n${lines.slice(0, 6).join('\n')}`);
  assert.match(views[0], new RegExp(`^\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d [AP]M,\\d{4}-\\d\\d-\\d\\dT[^,]+Z,${ADMIN.name},${ADMIN.username},`));
  assert.ok(lines.some((l) => l.includes(',Added,Participant,')), 'her record being added');
  assert.ok(!lines.some((l) => l.includes('participant list')), 'only the entries the filters chose');
});
