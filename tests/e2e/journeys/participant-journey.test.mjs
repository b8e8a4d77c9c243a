// A referral from the county jail is screened step by step (stopping and
// resuming half way), found eligible, enrolled with a case plan and a
// temporary stay; the dashboard then shows every kind of item that needs
// attention, each linking to where it is done.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startApp, quitApp, signInAsAdmin, signInAs, signOut, fill, choose, press, follow, field, waitForHeading, pageText,
  screenshot, usDateFromToday,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

const pick = async (label) => (await field(browser, label)).click();
const waitForText = (pattern, what) =>
  browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 10_000, timeoutMsg: what });

async function addParticipant(name, birth, from, release) {
  await follow(browser, 'Participants');
  await follow(browser, 'Add a participant');
  await waitForHeading(browser, 'Add a participant');
  await fill(browser, 'Legal name', name);
  await fill(browser, 'Date of birth', birth);
  await choose(browser, 'Referred from', from);
  await fill(browser, 'Expected discharge or release date (optional)', release);
  await press(browser, 'Save');
  await waitForHeading(browser, name);
}

async function verified(document) {
  await choose(browser, 'Verified by', 'Document seen (a copy is in the file)');
  await fill(browser, 'Document (optional)', document);
}

async function saveStep(nextHeading) {
  await press(browser, 'Save and continue');
  await browser.waitUntil(async () => (await (await browser.$('.question h2')).getText()) === nextHeading, {
    timeout: 10_000,
    timeoutMsg: `the screening did not move on to ${nextHeading}`,
  });
}

test('a referral is screened, enrolled, and the dashboard shows what needs attention', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);

  await addParticipant('Nguyễn Thị Lan', '07/04/1988', 'County jail', usDateFromToday(5));
  await follow(browser, 'Screening');
  await waitForHeading(browser, 'Screening: Nguyễn Thị Lan');
  assert.match(await pageText(browser), /Age today: \d+/);

  // A step saved without saying how it was verified is refused, beside the field.
  await press(browser, 'Save and continue');
  await waitForText(/There is a problem[\s\S]*Choose how this was verified/, 'the missing verification was not reported');
  await verified('Illinois state ID');
  await saveStep('Medicaid');
  await pick('Enrolled in Medicaid');
  await verified('Medicaid card');
  await saveStep('Homelessness');
  await pick('Will be homeless on discharge or release');
  await fill(browser, 'Where they stay now, or will on release', 'Cook County Jail; no address on release');
  await verified('Jail release letter');
  await saveStep('Category and its criteria');

  // Stop here, and come back: the screening resumes where it stopped.
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await follow(browser, 'Screening');
  await waitForHeading(browser, 'Screening: Nguyễn Thị Lan');
  await browser.waitUntil(async () => (await (await browser.$('.question h2')).getText()) === 'Category and its criteria', {
    timeout: 10_000,
    timeoutMsg: 'the screening did not resume at the category',
  });

  await pick('At high risk of overdose (substance use disorder)');
  await fill(browser, 'Stays in a jail or prison in the last 12 months', '1');
  await (await browser.$('#incarcerated_12_consecutive_months_no')).click();
  await fill(browser, 'Inpatient substance use or withdrawal management stays in the last 12 months', '0');
  await fill(browser, 'Overdoses in the last 12 months', '1');
  await verified('Hospital discharge summary');
  await saveStep('Household');
  await fill(browser, 'People in the household', '1');
  await verified('Self-declaration on intake form');
  await saveStep('Income');
  await (await browser.$('#income_eligible')).click();
  await verified('SSA benefit letter');
  await saveStep('Other rental assistance');
  await (await browser.$('#other_assistance_no')).click();
  await verified('HMIS check');
  await saveStep('Waiting lists');
  await (await browser.$('#srn_811_agreed')).click();
  await (await browser.$('#hcv_agreed')).click();
  await fill(browser, 'Housing authority (optional)', 'Chicago Housing Authority');
  await fill(browser, 'When the list opens (optional)', usDateFromToday(6));
  await saveStep('Determination');
  await waitForText(/Eligible\. Every requirement of the Guide is met\./, 'the rules did not find her eligible');
  await screenshot(browser, '13-screening');
  await press(browser, 'Record the determination');
  await waitForText(/Screening finished [0-9/]+ by Maria Okafor/, 'the determination was not recorded');

  // Enrollment and the case plan.
  await follow(browser, 'Enroll and plan the case');
  await waitForHeading(browser, 'Case: Nguyễn Thị Lan');
  await press(browser, 'Enroll');
  await waitForText(/The enrollment is saved\./, 'the enrollment was not saved');
  assert.match(await pageText(browser), /Status:\s*Enrolled/);
  await choose(browser, 'Area', 'Pre-tenancy: finding an apartment');
  await fill(browser, 'Goal', 'Visit three apartments with the housing locator');
  await fill(browser, 'Target date (optional)', usDateFromToday(30));
  await press(browser, 'Add the goal');
  await waitForText(/The goal is saved\./, 'the goal was not saved');
  await choose(browser, 'Kind of stay', 'Temporary housing (at most 90 days)');
  await fill(browser, 'Where', 'Lawndale SRO, room 4');
  await fill(browser, 'Last day (leave empty while it goes on)', usDateFromToday(-100));
  await fill(browser, 'First day', usDateFromToday(-80));
  await press(browser, 'Add the stay');
  await waitForText(/The last day is before the first day\./, 'a stay ending before it began was accepted');
  await fill(browser, 'Last day (leave empty while it goes on)', '');
  await press(browser, 'Add the stay');
  await waitForText(/The stay is saved\./, 'the stay was not saved');
  assert.match(await pageText(browser), /Lawndale SRO, room 4\s*[0-9/]+\s*Still there\s*90 days end [0-9/]+/);
  assert.match(await pageText(browser), /Housing Choice Voucher\s*Agrees to register when it opens/);
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, '14-case');

  // A full calculation eleven months ago: the annual recertification comes due.
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await waitForText(/Screening\s*Eligible, [0-9/]+\s*Visits this month\s*0 of 2, 0 at home/, 'the participant page does not say where she stands');
  await follow(browser, 'Income and rent');
  await waitForHeading(browser, 'Income and rent: Nguyễn Thị Lan');
  await fill(browser, 'Date of the calculation', usDateFromToday(-330));
  await press(browser, 'Add income');
  await choose(browser, 'Kind of income', 'SSI');
  await fill(browser, 'Amount ($)', '967.00');
  await choose(browser, 'How often', 'Every month');
  await choose(browser, 'Verified by', 'Award or benefit letter');
  await fill(browser, 'Contract rent, monthly ($)', '925');
  await fill(browser, 'Utility allowance, monthly ($)', '85');
  await press(browser, 'Save the calculation');
  await waitForText(/calculation of .* is saved/, 'the calculation was not saved');

  // A second referral, screening started and left unfinished.
  await addParticipant('Marcus Webb', '11/30/1979', 'Hospital', usDateFromToday(3));
  await follow(browser, 'Screening');
  await waitForHeading(browser, 'Screening: Marcus Webb');
  await verified('Birth certificate');
  await saveStep('Medicaid');

  await follow(browser, 'Home');
  await browser.waitUntil(async () => /Needs attention/.test(await pageText(browser)), { timeout: 10_000 });
  await press(browser, 'Whole office');
  const group = async (id) => (await browser.$(`section[aria-labelledby="attention-${id}"]`)).getText();
  await browser.waitUntil(async () => /Marcus Webb/.test(await group('release')), {
    timeout: 10_000,
    timeoutMsg: 'the release did not show on the dashboard',
  });
  assert.match(await group('release'), /Marcus Webb\s*[0-9/]+\s*Leaves hospital: screen before they leave/);
  assert.match(await group('screening'), /Marcus Webb\s*[0-9/]+\s*Screening not finished: 1 of 8 steps saved/);
  assert.match(await group('visits'), /Nguyễn Thị Lan\s*[0-9/]+\s*No visits yet this month: two needed, one at home/);
  assert.match(await group('recertification'), /Nguyễn Thị Lan\s*[0-9/]+\s*Annual income recertification due/);
  assert.match(await group('temporary_stay'), /Nguyễn Thị Lan\s*[0-9/]+\s*Temporary housing at Lawndale SRO, room 4 reaches 90 days/);
  assert.match(await group('waitlist'), /Nguyễn Thị Lan\s*[0-9/]+\s*Register for the Housing Choice Voucher list: it opens/);
  assert.doesNotMatch(await group('release'), /Nguyễn Thị Lan/, 'once enrolled she is no longer a referral to reach');
  await screenshot(browser, '15-dashboard-attention');

  // Each item links to where it is done.
  await (await (await browser.$('section[aria-labelledby="attention-screening"]')).$('a*=Screening not finished')).click();
  await waitForHeading(browser, 'Screening: Marcus Webb');
  assert.equal(await (await browser.$('.question h2')).getText(), 'Medicaid');
});

test('a housing locator gets the housing card, a case manager their own people', async () => {
  // The administrator adds a locator and a case manager, and assigns the case manager.
  await follow(browser, 'Settings');
  for (const [name, username, role] of [
    ['Tomás Reyes', 'treyes', 'Housing locator'],
    ['Dana Ruiz', 'druiz', 'Case manager'],
  ]) {
    await fill(browser, 'Full name', name);
    await fill(browser, 'Username', username);
    await choose(browser, 'Role', role);
    await fill(browser, 'First password', 'gravel path morning light');
    await fill(browser, 'Type the password again', 'gravel path morning light');
    await press(browser, 'Add account');
    await waitForText(new RegExp(`${name}\\s*${username}`), `the account ${username} was not added`);
  }
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await follow(browser, 'Case');
  await waitForHeading(browser, 'Case: Nguyễn Thị Lan');
  await choose(browser, 'Case manager', 'Dana Ruiz');
  await press(browser, 'Save the enrollment');
  await waitForText(/The enrollment is saved\./, 'the case manager was not assigned');
  const caseUrl = await browser.getUrl();
  await signOut(browser);

  // The locator: temporary stays on the home page, the housing card, never the case.
  await signInAs(browser, 'treyes', 'gravel path morning light');
  await browser.waitUntil(async () => /Temporary housing nearing 90 days/.test(await pageText(browser)), { timeout: 10_000 });
  const home = await pageText(browser);
  assert.doesNotMatch(home, /Screenings not finished|Engagement visits due|Recertifications due/);
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await waitForHeading(browser, 'Nguyễn Thị Lan');
  await waitForText(/The housing card/, 'the locator did not get the housing card');
  const card = await pageText(browser);
  assert.match(card, /Household\s*1 person/);
  assert.match(card, /Unit size\s*1 bedroom/);
  assert.doesNotMatch(card, /County jail|Screening|Engagement/);
  await browser.url(caseUrl);
  await waitForText(/Housing locators see a participant's housing card/, 'the case opened for a housing locator');
  await signOut(browser);

  // The case manager: their own participant by default; another's visits without notes.
  await signInAs(browser, 'druiz', 'gravel path morning light');
  const mine = async (id) => (await browser.$(`section[aria-labelledby="attention-${id}"]`)).getText();
  await browser.waitUntil(async () => /Nguyễn Thị Lan/.test(await mine('visits')), { timeout: 10_000 });
  assert.doesNotMatch(await mine('screening'), /Marcus Webb/, 'not her screening, not on her list');
  await follow(browser, 'Participants');
  await follow(browser, 'Marcus Webb');
  await follow(browser, 'Engagement visits');
  await waitForText(/You are not this participant's case manager/, 'another case manager could log visits');
  assert.equal(await (await browser.$('button=Record the visit')).isExisting(), false);
  await signOut(browser);
  await signInAsAdmin(browser);
});
