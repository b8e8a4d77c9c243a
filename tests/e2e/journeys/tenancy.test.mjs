// Office staff lease the passed, certified unit to Nguyễn Thị Lan under the
// rental assistance option and print the lease packet (read back with
// pdftotext); a transition expense off DMH's list is refused until the
// approval is on record; the month's payment run is prepared, approved by a
// supervisor and posted to the ledger, and its register printed (read back
// with pdftotext).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  startApp, quitApp, signInAsAdmin, signInAs, signOut, fill, choose, press, follow, field, waitForHeading, pageText,
  screenshot, usDateFromToday, repoRoot,
} from '../support/app.mjs';

let browser;
after(async () => {
  if (browser) await quitApp(browser).catch(() => {});
});

const waitForText = (pattern, what) =>
  browser.waitUntil(async () => pattern.test(await pageText(browser)), { timeout: 15_000, timeoutMsg: what });

/** The text of a document saved by the app, from the notice that says where. */
async function savedText(pattern) {
  const where = pattern.exec(await pageText(browser))?.[1];
  assert.ok(where && existsSync(where), `the document was saved where the page says (${where})`);
  return execFileSync('pdftotext', ['-layout', where, '-']).toString();
}

function firstOfMonth(offset) {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  return `${String(d.getMonth() + 1).padStart(2, '0')}/01/${d.getFullYear()}`;
}

test('a lease under the rental assistance option, its packet, a limit lifted by an approval, and the payment run', async () => {
  browser = await startApp();
  await signInAsAdmin(browser);

  await follow(browser, 'Units');
  await follow(browser, '1401 S Lawndale Ave, 2F, Chicago, IL 60623');
  await waitForHeading(browser, '1401 S Lawndale Ave, 2F');

  // The payment standard must fit Nguyễn Thị Lan before a lease.
  await (await browser.$('#check_participant_id')).selectByVisibleText('Nguyễn Thị Lan');
  await press(browser, 'Record the check');
  await waitForText(/Nguyễn Thị Lan[\s\S]*Yes/, 'the payment standard check was not recorded');

  // Her calculation used another unit's utility allowance: refused, beside the field.
  const leaseForm = async (rent) => {
    await (await browser.$('#lease_participant_id')).selectByVisibleText('Nguyễn Thị Lan');
    await (await field(browser, 'Rental assistance (HAP contract with the owner)')).click();
    await fill(browser, 'First day of the lease', firstOfMonth(0));
    await fill(browser, 'Last day of the lease', usDateFromToday(365));
    await fill(browser, 'Move-in date (if known)', firstOfMonth(0));
    await fill(browser, 'Contract rent ($ a month)', rent);
  };
  await leaseForm('1150');
  await press(browser, 'Record the lease');
  await waitForText(/The income calculation used a utility allowance of \$85\.00, but this unit's is \$0\.00/, 'a calculation for another unit was accepted');
  assert.equal(await (await field(browser, 'First day of the lease')).getValue(), firstOfMonth(0), 'what was typed stays');

  // Her rent worked out again for this unit: the owner pays every utility.
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await follow(browser, 'Income and rent');
  await waitForHeading(browser, 'Income and rent: Nguyễn Thị Lan');
  await fill(browser, 'Date of the calculation', usDateFromToday(0));
  await press(browser, 'Add income');
  await choose(browser, 'Kind of income', 'SSI');
  await fill(browser, 'Amount ($)', '967.00');
  await choose(browser, 'How often', 'Every month');
  await choose(browser, 'Verified by', 'Award or benefit letter');
  await fill(browser, 'Contract rent, monthly ($)', '1150');
  await fill(browser, 'Utility allowance, monthly ($)', '0');
  await press(browser, 'Save the calculation');
  await waitForText(/calculation of .* is saved/, 'the calculation was not saved');

  // A contract rent above the certified rent is refused, beside the field.
  await follow(browser, 'Units');
  await follow(browser, '1401 S Lawndale Ave, 2F, Chicago, IL 60623');
  await waitForHeading(browser, '1401 S Lawndale Ave, 2F');
  await leaseForm('1200');
  await press(browser, 'Record the lease');
  await waitForText(/The contract rent is above the rent certified reasonable, \$1,150\.00\./, 'a rent above the certified rent was accepted');
  await fill(browser, 'Contract rent ($ a month)', '1150');
  await press(browser, 'Record the lease');
  await waitForText(/The lease is recorded\./, 'the lease was not recorded');
  const leased = await pageText(browser);
  assert.match(leased, /Rental assistance \(HAP contract with the owner\)/);
  assert.match(leased, /Contract rent\s*\$1,150\.00/);
  const tenantRent = /Tenant rent\s*(\$[\d,]+\.\d\d)/.exec(leased)?.[1];
  const assistance = /Assistance to the owner\s*(\$[\d,]+\.\d\d) a month/.exec(leased)?.[1];
  assert.ok(tenantRent && assistance, 'the lease shows the tenant rent and the assistance');
  const cents = (s) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
  assert.equal(cents(tenantRent) + cents(assistance), 115000, 'assistance is contract rent less tenant rent');

  // The lease packet: one PDF, cover sheet first, page N of M.
  await press(browser, 'Print the lease packet');
  await waitForText(/The lease packet is saved: \S.*\.pdf/, 'the packet was not saved');
  const packet = await savedText(/The lease packet is saved: (\S.*\.pdf)/);
  assert.match(packet, /Lease packet/i);
  assert.match(packet, /Nguyễn Thị Lan/);
  assert.match(packet, /Housing Assistance Payment/i);
  assert.match(packet, /\$1,150\.00/);
  assert.match(packet, new RegExp(`\\${assistance}`), 'the contract states the monthly assistance');
  assert.match(packet, /30 days from the end of the month/, 'the vacancy terms of the Guide');
  assert.match(packet, /Łukasz Wójcik/, 'the inspection report is inside');
  assert.match(packet, /Millard Ave/, 'the rent reasonableness certification is inside');
  assert.match(packet, /Utility allowance/i, 'the utility allowance worksheet is inside');
  const pages = [...packet.matchAll(/Page (\d+) of (\d+)/g)];
  assert.ok(pages.length >= 5, 'every page is numbered');
  assert.equal(pages[0][1], '1');
  assert.equal(pages.at(-1)[1], pages.at(-1)[2], 'the last page is N of N');
  copyFileSync(/The lease packet is saved: (\S.*\.pdf)/.exec(await pageText(browser))[1], path.join(repoRoot, 'target', 'e2e-lease-packet.pdf'));
  await (await browser.$('#lease-heading')).scrollIntoView({ block: 'start' });
  await screenshot(browser, '20-lease');

  // Transition assistance off DMH's list is refused, then paid after the approval.
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await follow(browser, 'Payments and limits');
  await waitForHeading(browser, 'Payments: Nguyễn Thị Lan');
  await choose(browser, 'What it pays for', 'Transition assistance');
  await fill(browser, 'Payee', 'Westside Furniture Bank');
  await choose(browser, 'Who the payee is', 'A vendor or mover');
  await fill(browser, 'Amount ($)', '640.00');
  await fill(browser, 'Check or reference number', '10231');
  await (await field(browser, "On DMH's list of pre-approved expenses")).click();
  await press(browser, 'Enter the payment');
  await waitForText(/not on DMH's pre-approved list: it needs written approval/, 'an off-list expense was accepted');
  assert.equal(await (await field(browser, 'Payee')).getValue(), 'Westside Furniture Bank', 'what was typed stays');
  await choose(browser, 'What DMH approved', "Transition expense not on DMH's pre-approved list");
  await fill(browser, 'Approved in writing by', 'Renée Coleman, DMH Program Contact');
  await fill(browser, 'Date of the approval', usDateFromToday(-1));
  await fill(browser, 'What it approves', 'A bed frame and mattress from the furniture bank');
  await press(browser, 'Record the approval');
  await waitForText(/The approval is on record\./, 'the approval was not recorded');
  await press(browser, 'Enter the payment');
  await waitForText(/Transition assistance: \$640\.00 to Westside Furniture Bank is entered\./, 'the approved payment was refused');
  const ledger = await pageText(browser);
  // The receipt is kept with the payment, inside the encrypted store.
  await press(browser, 'Documents');
  await (await browser.$('input[type="file"]')).setValue(path.join(repoRoot, 'icons', 'icon.png'));
  await waitForText(/icon\.png is kept\./, 'the receipt was not kept with the payment');
  await browser.execute(() => window.scrollTo(0, 0));
  assert.match(ledger, /Approved by Renée Coleman, DMH Program Contact/);
  assert.match(ledger, /Transition assistance\s*Guide: Transition Assistance Funds\s*\$640\.00\s*\$3,000\.00\s*\$2,360\.00/, 'the limit shows what is used and what remains');
  await screenshot(browser, '21-ledger');

  // The payment run for next month: prepared, approved by a supervisor, posted.
  await follow(browser, 'Settings');
  await fill(browser, 'Full name', 'Keisha Bell');
  await fill(browser, 'Username', 'kbell');
  await choose(browser, 'Role', 'Supervisor');
  await fill(browser, 'First password', 'gravel path morning light');
  await fill(browser, 'Type the password again', 'gravel path morning light');
  await press(browser, 'Add account');
  await waitForText(/Keisha Bell\s*kbell/, 'the supervisor was not added');
  await follow(browser, 'Payments');
  await waitForHeading(browser, 'Payments');
  await fill(browser, 'Month (any date in it)', firstOfMonth(1));
  await press(browser, 'Prepare the run');
  await browser.waitUntil(async () => /^Payment run: /.test(await (await browser.$('h1')).getText()), { timeout: 15_000 });
  const run = await pageText(browser);
  assert.match(run, new RegExp(`Rental assistance payment\\s*Grace Adeyemi\\s*Nguyễn Thị Lan`));
  assert.match(run, new RegExp(`\\${assistance}`), 'the owner is paid the assistance');
  assert.match(run, /A supervisor approves the run before it is posted\./, 'an administrator cannot approve');
  const runUrl = await browser.getUrl();
  await signOut(browser);
  await signInAs(browser, 'kbell', 'gravel path morning light');
  // The supervisor's home page says the run waits for her, and leads to it.
  await waitForText(/Monthly payments to prepare, approve or post[\s\S]*Prepared: waiting for your approval/, 'the run waiting for approval is not on the home page');
  await follow(browser, 'Prepared: waiting for your approval');
  await browser.waitUntil(async () => (await browser.getUrl()) === runUrl, { timeout: 10_000, timeoutMsg: 'the home page did not lead to the run' });
  await press(browser, 'Approve the run');
  await waitForText(/The run is approved\./, 'the supervisor could not approve');
  await press(browser, 'Post to the ledger');
  await waitForText(/The run is posted to the ledger\./, 'the run was not posted');
  assert.equal(await (await browser.$('#run_status')).getText(), 'Posted to the ledger');
  await press(browser, 'Print the payment register');
  await waitForText(/The register and its CSV export are saved: \S.*\.pdf/, 'the register was not saved');
  const register = await savedText(/The register and its CSV export are saved: (\S.*\.pdf)/);
  assert.match(register, /Grace Adeyemi/);
  assert.match(register, /Keisha Bell/, 'the register names who approved it');
  copyFileSync(/The register and its CSV export are saved: (\S.*\.pdf)/.exec(await pageText(browser))[1], path.join(repoRoot, 'target', 'e2e-payment-register.pdf'));
  await browser.execute(() => window.scrollTo(0, 0));
  await screenshot(browser, '22-payment-run');

  // Posted: the ledger has the payment, and the month cannot be run twice.
  await follow(browser, 'All payments');
  await waitForHeading(browser, 'Payments');
  await fill(browser, 'Month (any date in it)', firstOfMonth(1));
  await press(browser, 'Prepare the run');
  await waitForText(/was already posted\./, 'a posted month was prepared again');
});

test('a move to a master-leased unit: the sublease in the packet, and a later move\'s deposit needs DMH approval', async () => {
  await signOut(browser);
  await signInAsAdmin(browser);

  // A second unit, passed and certified.
  await follow(browser, 'Units');
  await follow(browser, 'Add a unit');
  await waitForHeading(browser, 'Add a unit');
  await choose(browser, 'Landlord', 'Grace Adeyemi (Lawndale Properties LLC)');
  await fill(browser, 'Street address', '2250 W Ogden Ave');
  await fill(browser, 'Apartment or unit (optional)', '3R');
  await fill(browser, 'City', 'Chicago');
  await fill(browser, 'ZIP code', '60608');
  await fill(browser, 'County', 'Cook');
  await choose(browser, 'Type of housing', 'Low-rise apartment (3 or 4 stories)');
  await fill(browser, 'Bedrooms', '1');
  await fill(browser, 'Asking rent, monthly ($)', '1100');
  await press(browser, 'Add the unit');
  await waitForHeading(browser, '2250 W Ogden Ave, 3R');
  await follow(browser, 'Record an inspection');
  await waitForHeading(browser, 'Record an HQS inspection');
  await fill(browser, 'Date of the inspection', usDateFromToday(-2));
  await fill(browser, 'Inspector', 'Łukasz Wójcik');
  for (const button of await browser.$$('button*=as passed')) {
    await button.scrollIntoView({ block: 'center' });
    await button.click();
  }
  await press(browser, 'Record the inspection');
  await waitForText(/The inspection is recorded\./, 'the inspection was not recorded');
  await follow(browser, '← The unit');
  await waitForHeading(browser, '2250 W Ogden Ave, 3R');
  await press(browser, 'Compare the rent');
  for (const [i, [address, rent]] of [['2300 W Ogden Ave, Chicago', '1075'], ['2100 S Western Ave, Chicago', '1125'], ['1900 W 21st St, Chicago', '1150']].entries()) {
    await (await browser.$(`#rent_comparables_${i}_address`)).setValue(address);
    await (await browser.$(`#rent_comparables_${i}_bedrooms`)).setValue('1');
    await (await browser.$(`#rent_comparables_${i}_housing_type`)).selectByVisibleText('Low-rise apartment (3 or 4 stories)');
    await (await browser.$(`#rent_comparables_${i}_quality`)).selectByVisibleText('Good');
    await (await browser.$(`#rent_comparables_${i}_rent`)).setValue(rent);
    await (await browser.$(`#rent_comparables_${i}_source`)).setValue('Zillow listing');
  }
  await choose(browser, 'Your determination', 'The rent is reasonable');
  await press(browser, 'Certify');
  await waitForText(/Certified: the rent is reasonable at \$1,100\.00\./, 'the rent was not certified');
  await (await browser.$('#check_participant_id')).selectByVisibleText('Nguyễn Thị Lan');
  await press(browser, 'Record the check');
  await waitForText(/Ready to lease\./, 'the unit is not ready to lease');

  // She moves out of the first unit…
  await follow(browser, 'Units');
  await follow(browser, '1401 S Lawndale Ave, 2F, Chicago, IL 60623');
  await waitForHeading(browser, '1401 S Lawndale Ave, 2F');
  await press(browser, 'Record the move-out');
  await fill(browser, 'Moved out on', usDateFromToday(0));
  await press(browser, 'Save the move-out');
  await waitForText(/Enter the reason for the move-out\./, 'a move-out without a reason was accepted');
  await fill(browser, 'Reason', 'Moving to a unit near her clinic');
  await press(browser, 'Save the move-out');
  await waitForText(/The move-out is recorded; the unit is vacant\./, 'the move-out was not recorded');
  assert.match(await pageText(browser), /moved out [0-9/]+ \(Moving to a unit near her clinic\)/);

  // …into the second under a master lease: the grantee is the tenant.
  await follow(browser, 'Units');
  await follow(browser, '2250 W Ogden Ave, 3R, Chicago, IL 60608');
  await waitForHeading(browser, '2250 W Ogden Ave, 3R');
  await (await browser.$('#lease_participant_id')).selectByVisibleText('Nguyễn Thị Lan');
  await (await field(browser, 'Master lease (the grantee is the tenant)')).click();
  await fill(browser, 'First day of the lease', usDateFromToday(-1));
  await fill(browser, 'Last day of the lease', usDateFromToday(364));
  await fill(browser, 'Move-in date (if known)', usDateFromToday(0));
  await fill(browser, 'Contract rent ($ a month)', '1100');
  await press(browser, 'Record the lease');
  await waitForText(/The lease is recorded\./, 'the master lease was not recorded');
  assert.match(await pageText(browser), /Rent the grantee pays\s*\$1,100\.00 a month/, 'under a master lease the grantee pays the full rent');
  await press(browser, 'Print the lease packet');
  await waitForText(/The lease packet is saved: \S.*\.pdf/, 'the packet was not saved');
  const packet = await savedText(/The lease packet is saved: (\S.*\.pdf)/);
  assert.match(packet, /Sublease/i, 'a master lease packet holds the sublease');
  assert.doesNotMatch(packet, /Housing Assistance Payment Contract/, 'and no HAP contract');
  assert.match(packet, /2250 W Ogden Ave/);

  // A deposit for this later move needs DMH's written approval first.
  await follow(browser, 'Payments for this unit');
  await waitForHeading(browser, 'Payments: 2250 W Ogden Ave, 3R, Chicago');
  await choose(browser, 'What it pays for', 'Security deposit');
  await choose(browser, 'Participant', 'Nguyễn Thị Lan');
  await fill(browser, 'Payee', 'Grace Adeyemi');
  await choose(browser, 'Who the payee is', 'The owner or agent');
  await fill(browser, 'Amount ($)', '1100.00');
  await press(browser, 'Enter the payment');
  await waitForText(/A payment for a move after the first needs written approval from DMH staff, given in advance\./, 'a later move\'s deposit was paid without approval');
  await follow(browser, 'Participants');
  await follow(browser, 'Nguyễn Thị Lan');
  await follow(browser, 'Payments and limits');
  await waitForHeading(browser, 'Payments: Nguyễn Thị Lan');
  await choose(browser, 'What DMH approved', 'Deposit, fees or incentive for a move after the first');
  await choose(browser, 'Unit moved into', '2250 W Ogden Ave, 3R, Chicago');
  await fill(browser, 'Approved in writing by', 'Renée Coleman, DMH Program Contact');
  await fill(browser, 'Date of the approval', usDateFromToday(0));
  await fill(browser, 'What it approves', 'The security deposit for 2250 W Ogden Ave');
  await press(browser, 'Record the approval');
  await waitForText(/The approval is on record\./, 'the approval was not recorded');
  await choose(browser, 'What it pays for', 'Security deposit');
  await choose(browser, 'Unit', '2250 W Ogden Ave, 3R, Chicago');
  await fill(browser, 'Payee', 'Grace Adeyemi');
  await choose(browser, 'Who the payee is', 'The owner or agent');
  await fill(browser, 'Amount ($)', '1100.00');
  await press(browser, 'Enter the payment');
  await waitForText(/Security deposit: \$1,100\.00 to Grace Adeyemi is entered\./, 'the approved deposit was refused');
  assert.match(await pageText(browser), /Later move approved by Renée Coleman/);
});
