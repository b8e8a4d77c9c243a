// A housing locator adds a landlord and a unit, fails it on an HQS
// inspection and prints the report and the owner's deficiency notice, passes
// it on the follow-up, and certifies its rent against three comparables;
// the PDFs are read back with pdftotext.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, fill, choose, press, follow, field, waitForHeading, pageText, screenshot,
  usDateFromToday, repoRoot,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

const waitForText = (pattern, what) =>
  browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 15_000, timeoutMsg: what });

/** Chooses `result` for every item on the checklist not yet answered. */
async function passEverythingElse() {
  for (const button of await browser.$$('button*=as passed')) {
    await button.scrollIntoView({ block: 'center' });
    await button.click();
  }
}

/** The text of a PDF saved by the app, from the notice that says where. */
async function savedPdfText() {
  const text = await pageText(browser);
  const where = /Saved as (\S.*\.pdf)/.exec(text)?.[1];
  assert.ok(where && existsSync(where), `the PDF was saved where the page says (${where})`);
  return execFileSync('pdftotext', ['-layout', where, '-']).toString();
}

test('a unit fails, is fixed, passes, and its rent is certified reasonable', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);

  // The office's address and phone, for the letters.
  await follow(browser, 'Settings');
  await fill(browser, 'Mailing address', '3300 W Roosevelt Rd\nChicago, IL 60624');
  await fill(browser, 'Phone', '312 555 0100');
  await press(browser, 'Save the address and phone');
  await waitForText(/The office's address and phone are saved\./, 'the office contact was not saved');

  await follow(browser, 'Landlords');
  await follow(browser, 'Add a landlord');
  await waitForHeading(browser, 'Add a landlord');
  await fill(browser, 'Name', 'Grace Adeyemi');
  await fill(browser, 'Organization (optional)', 'Lawndale Properties LLC');
  await choose(browser, 'Acts as', "The owner's designated agent");
  await fill(browser, 'Phone (optional)', '773-555-0190');
  await fill(browser, 'Mailing address (optional)', '1200 S Pulaski Rd\nChicago, IL 60623');
  await press(browser, 'Save');
  await waitForHeading(browser, 'Grace Adeyemi');

  await follow(browser, 'Units');
  await follow(browser, 'Add a unit');
  await waitForHeading(browser, 'Add a unit');
  await choose(browser, 'Landlord', 'Grace Adeyemi (Lawndale Properties LLC)');
  await fill(browser, 'Street address', '1401 S Lawndale Ave');
  await fill(browser, 'Apartment or unit (optional)', '2F');
  await fill(browser, 'City', 'Chicago');
  await fill(browser, 'ZIP code', '6062');
  await fill(browser, 'County', 'Cook');
  await choose(browser, 'Type of housing', 'Low-rise apartment (3 or 4 stories)');
  await fill(browser, 'Bedrooms', '1');
  await fill(browser, 'Asking rent, monthly ($)', '1150');
  await press(browser, 'Add the unit');
  await waitForText(/Enter the 5-digit ZIP code\./, 'a bad ZIP code was not reported');
  assert.equal(await (await field(browser, 'Street address')).getValue(), '1401 S Lawndale Ave', 'what was typed stays');
  await fill(browser, 'ZIP code', '60623');
  await press(browser, 'Add the unit');
  await waitForHeading(browser, '1401 S Lawndale Ave, 2F');
  await waitForText(/Not ready yet\.[\s\S]*Inspection: not inspected[\s\S]*Rent reasonableness: not certified yet/, 'the unit did not say what it waits on');
  assert.match(await pageText(browser), /Chicago-Joliet-Naperville, IL HUD Metro FMR Area/, 'Cook County picks the FMR area');

  // An initial inspection that fails on the stove.
  await follow(browser, 'Record an inspection');
  await waitForHeading(browser, 'Record an HQS inspection');
  await fill(browser, 'Date of the inspection', usDateFromToday(-12));
  await fill(browser, 'Inspector', 'Łukasz Wójcik');
  await choose(browser, '2.10 Stove or Range with Oven', 'Fail');
  await (await browser.$('legend=2. Kitchen')).scrollIntoView({ block: 'start' });
  await screenshot(browser, '16-inspection-form');
  await press(browser, 'Record the inspection');
  await waitForText(/Say what is wrong with 2\.10 Stove or Range with Oven\./, 'a failed item without a comment was accepted');
  await (await browser.$('#item_2_10_comment')).setValue('Two burners do not light; oven door hinge broken');
  await (await browser.$('#item_2_10_responsible')).selectByVisibleText('The owner');
  await passEverythingElse();
  await press(browser, 'Record the inspection');
  await waitForText(/The inspection is recorded\./, 'the inspection was not recorded');
  await waitForText(/Failed[\s\S]*Follow-up inspection due by [0-9/]+ \(14 days\)/, 'no follow-up date');
  await press(browser, 'Print the inspection report');
  await waitForText(/Saved as .*\.pdf/, 'the report was not saved');
  const reportText = await savedPdfText();
  assert.match(reportText, /2\.10\s+Stove or Range with Oven\s+Fail/);
  assert.match(reportText, /Łukasz Wójcik/);
  assert.match(reportText, /1401 S Lawndale Ave, 2F, Chicago, IL 60623/);
  await press(browser, 'Print the deficiency notice');
  await browser.waitUntil(async () => /Saved as .*Deficiency notice/.test(await pageText(browser)), { timeout: 15_000 });
  const noticeText = await savedPdfText();
  assert.match(noticeText, /Grace Adeyemi/);
  assert.match(noticeText, /Two burners do not light/);
  assert.match(noticeText, /ineligible|not eligible/i);
  assert.match(noticeText, /3300 W Roosevelt Rd/);
  assert.match(noticeText, /\(312\) 555-0100/);
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, '17-inspection-failed');

  // Two days before the 14 run out, the home page says so.
  await follow(browser, 'Home');
  await browser.waitUntil(async () => /Needs attention/.test(await pageText(browser)), { timeout: 10_000 });
  await press(browser, 'Whole office');
  const inspections = await browser.$('section[aria-labelledby="attention-inspection"]');
  await browser.waitUntil(async () => /1401 S Lawndale Ave/.test(await inspections.getText()), {
    timeout: 10_000,
    timeoutMsg: 'the follow-up running out is not on the home page',
  });
  assert.match(await inspections.getText(), /1401 S Lawndale Ave, 2F, Chicago\s*[0-9/]+\s*Follow-up inspection due: the 14 days run out/);
  await follow(browser, '1401 S Lawndale Ave, 2F, Chicago');

  // The follow-up passes.
  await waitForHeading(browser, '1401 S Lawndale Ave, 2F');
  assert.match(await pageText(browser), /HQS inspections: Follow-up inspection due/);
  await follow(browser, 'Record an inspection');
  await waitForHeading(browser, 'Record an HQS inspection');
  assert.equal(await (await field(browser, 'Kind of inspection')).getValue(), 'follow_up', 'a failed unit is followed up');
  await fill(browser, 'Inspector', 'Łukasz Wójcik');
  await passEverythingElse();
  await press(browser, 'Record the inspection');
  await waitForText(/The inspection is recorded\./, 'the follow-up was not recorded');
  assert.match(await pageText(browser), /Passed/);

  // Rent reasonableness: two comparables are refused, three certify.
  await follow(browser, '← The unit');
  await waitForHeading(browser, '1401 S Lawndale Ave, 2F');
  assert.match(await pageText(browser), /HQS inspections: Passed/);
  await press(browser, 'Compare the rent');
  const comparables = [
    ['1500 S Homan Ave, Chicago', '1100'],
    ['3300 W Ogden Ave, Chicago', '1195'],
    ['1250 S Millard Ave, Chicago', '1225'],
  ];
  for (const [i, [address, rent]] of comparables.entries()) {
    if (i === 2) continue;
    await (await browser.$(`#rent_comparables_${i}_address`)).setValue(address);
    await (await browser.$(`#rent_comparables_${i}_bedrooms`)).setValue('1');
    await (await browser.$(`#rent_comparables_${i}_housing_type`)).selectByVisibleText('Low-rise apartment (3 or 4 stories)');
    await (await browser.$(`#rent_comparables_${i}_quality`)).selectByVisibleText('Good');
    await (await browser.$(`#rent_comparables_${i}_rent`)).setValue(rent);
    await (await browser.$(`#rent_comparables_${i}_source`)).setValue('Zillow listing');
  }
  await choose(browser, 'Your determination', 'The rent is reasonable');
  await press(browser, 'Certify');
  await waitForText(/at least 3 comparable units/, 'two comparables were accepted');
  const [address, rent] = comparables[2];
  await (await browser.$('#rent_comparables_2_address')).setValue(address);
  await (await browser.$('#rent_comparables_2_bedrooms')).setValue('1');
  await (await browser.$('#rent_comparables_2_housing_type')).selectByVisibleText('Low-rise apartment (3 or 4 stories)');
  await (await browser.$('#rent_comparables_2_quality')).selectByVisibleText('Fair');
  await (await browser.$('#rent_comparables_2_rent')).setValue(rent);
  await (await browser.$('#rent_comparables_2_source')).setValue('Call to the owner');
  await (await browser.$('#rent_comparables_2_seen_on')).setValue(usDateFromToday(-3));
  await press(browser, 'Certify');
  await waitForText(/Certified: the rent is reasonable at \$1,150\.00\./, 'the rent was not certified');
  assert.match(await pageText(browser), /3 comparables from \$1,100\.00 to \$1,225\.00, average \$1,173\.33/);
  await press(browser, 'Print the certification');
  await waitForText(/Saved as .*Rent reasonableness/, 'the certification was not saved');
  const certificate = await savedPdfText();
  assert.match(certificate, /Millard Ave/);
  assert.match(certificate, /\$1,100\.00\s+\$1,225\.00\s+\$1,173\.33\s+\$1,150\.00/, 'lowest, highest, average and the proposed rent');
  assert.match(certificate, /\$1,150\.00/);
  // A photo kept with the unit, inside the encrypted store.
  const photo = path.join(repoRoot, 'icons', 'icon.png');
  await (await browser.$('input[type="file"]')).setValue(photo);
  await waitForText(/icon\.png is kept\./, 'the photo was not kept');
  assert.match(await pageText(browser), /icon\.png\s*\d+ KB/);
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, '18-unit');

  // The inspections page: nothing waits once it passed; all units on request.
  await follow(browser, 'Inspections');
  await waitForHeading(browser, 'Inspections');
  await waitForText(/Nothing is waiting on an inspection\./, 'a passed unit was listed as waiting');
  await (await field(browser, 'Only units waiting on an inspection (hide passed units not yet due)')).click();
  await waitForText(/1401 S Lawndale Ave, 2F, Chicago\s*[0-9/]+: Pass\s*Passed\s*[0-9/]+/, 'the passed unit is not on the inspections page');

  // The unit list shows it passed, with its landlord.
  await follow(browser, 'Units');
  await waitForText(/1401 S Lawndale Ave, 2F, Chicago, IL 60623\s*Cook\s*1\s*\$1,150(\.00)?\s*Passed inspection/, 'the list does not show the passed unit');
  await screenshot(browser, '19-units');
});
