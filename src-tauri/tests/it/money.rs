//! The money desk: leases over time (each option, the move-in, a new income
//! calculation, a renewal), the eligible-cost ledger checked against the
//! Guide's limits at their exact edges, DMH's written approvals, reversals,
//! who may keep the payments, and the monthly payment run from preparing to
//! posting.
//!
//! Today is 11/23/2026 (`support::moment`); every date below is fixed
//! relative to it.

use chrono::{Days, TimeZone, Utc};
use housing_desk::accounts::Session;
use housing_desk::casework::{self, CaseChange, EnrollmentInput, StayInput, VocationalInput};
use housing_desk::comparisons;
use housing_desk::desk::{Desk, Moment};
use housing_desk::income_calc::{self, CalculationForm};
use housing_desk::inspections;
use housing_desk::leases::{
    self, Lease, LeaseChangeInput, LeaseInput, MoveInInput, MoveOutInput, NextParticipantInput,
};
use housing_desk::ledger::{self, ApprovalInput, ApprovalLifts, LedgerView, PaymentInput, ReversalInput};
use housing_desk::participants::{self, ParticipantStatus};
use housing_desk::payment_check;
use housing_desk::payment_run::{self, PaymentRun, RunLineView, RunStatus};
use housing_desk::rules::eligible_costs::CostCategory;
use housing_desk::rules::rent::LeasingOption;
use housing_desk::rules::Money;
use housing_desk::store::{self as db, Store};
use housing_desk::units::Unit;
use housing_desk::validation::Choice;

use crate::support::*;

// ---- Fixtures ----

/// The office: the administrator signed in, one landlord, the CHA utility
/// schedule imported.
pub struct Office {
    pub desk: Desk,
    pub admin: Session,
    landlord_id: i64,
    schedule: String,
}

impl Office {
    pub fn new(dir: &std::path::Path) -> Office {
        let mut desk = admin_desk(dir);
        let admin = session_of(&mut desk);
        let store = desk.signed_in().unwrap().0;
        let landlord_id = add_landlord(store, &admin, "Grace Adeyemi", "Lawndale Properties LLC").id;
        let schedule = money_schedule(store, &admin).to_string();
        Office { desk, admin, landlord_id, schedule }
    }

    pub fn store(&mut self) -> &mut Store {
        self.desk.signed_in().unwrap().0
    }

    /// An enrolled participant whose income calculation of 11/01/2026 is `form`.
    pub fn enrolled(&mut self, name: &str, form: &CalculationForm) -> i64 {
        let admin = self.admin.clone();
        let store = self.store();
        let id = add_participant(store, &admin, name);
        store.conn().execute("UPDATE participant SET status = 'enrolled' WHERE id = ?1", [id]).unwrap();
        income_calc::save(store, &admin, id, form, moment()).unwrap();
        id
    }

    /// Unit `number` of 1401 S Lawndale Ave, asking $1,150: passed its
    /// initial inspection on `inspected_on`, $1,150 certified reasonable, the
    /// payment standard checked (and fitting) for each of `participants`.
    pub fn ready_unit(&mut self, number: &str, inspected_on: &str, participants: &[i64]) -> Unit {
        let (admin, landlord_id, schedule) = (self.admin.clone(), self.landlord_id, self.schedule.clone());
        let store = self.store();
        let unit = add_unit(store, &admin, landlord_id, |u| u.unit_number = number.into());
        let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
        let passed = all_pass(&template, &["Bedroom 1"], "initial", inspected_on);
        inspections::record(store, &admin, unit.id, &passed, moment()).unwrap();
        let reasonable = comparison("1150", &["1100", "1200", "1250"], "reasonable", "");
        comparisons::certify(store, &admin, unit.id, &reasonable, moment()).unwrap();
        for &p in participants {
            let check = payment_check::record(store, &admin, unit.id, &check_input(p, &schedule), moment()).unwrap();
            assert!(check.result.passes, "$1,150 fits the payment standard");
        }
        unit
    }

    /// A $1,150 lease of `unit` to `participant` from `start` to 08/31/2027.
    pub fn lease(&mut self, unit: &Unit, participant: i64, option: &str, start: &str, move_in: &str) -> Lease {
        let admin = self.admin.clone();
        let input = lease_from(participant, option, start, move_in);
        leases::create(self.store(), &admin, unit.id, &input, moment()).unwrap()
    }

    /// A participant housed under rental assistance since 09/01/2026 in a
    /// unit of their own, with the SSI income of `income::form` ($191 tenant
    /// rent, so the grantee pays the owner $959).
    pub fn housed(&mut self, name: &str, number: &str) -> (i64, Unit, Lease) {
        let p = self.enrolled(name, &crate::income::form());
        let unit = self.ready_unit(number, "11/20/2026", &[p]);
        let lease = self.lease(&unit, p, "rental_assistance", "09/01/2026", "09/01/2026");
        (p, unit, lease)
    }

    fn pay(&mut self, input: &PaymentInput) -> Result<ledger::Payment, housing_desk::error::DeskError> {
        let admin = self.admin.clone();
        ledger::record_payment(self.store(), &admin, input, moment())
    }

    fn approve(&mut self, participant: i64, lifts: &str, approved_on: &str, through: &str) -> ledger::ApprovalRecord {
        let admin = self.admin.clone();
        let input = ApprovalInput {
            lifts: lifts.into(),
            approved_by: "R. Alvarez, DMH Program Contact".into(),
            approved_on: approved_on.into(),
            purpose: "Approved in writing".into(),
            through_month: through.into(),
            unit_id: String::new(),
        };
        ledger::record_approval(self.store(), &admin, participant, &input, moment()).unwrap()
    }

    /// DMH's written approval of the deposit, fees or incentive of a move to `unit`.
    fn approve_move(&mut self, participant: i64, unit: &Unit, approved_on: &str) -> ledger::ApprovalRecord {
        let admin = self.admin.clone();
        let input = ApprovalInput {
            lifts: "later_move".into(),
            approved_by: "R. Alvarez, DMH Program Contact".into(),
            approved_on: approved_on.into(),
            purpose: "The deposit for the move".into(),
            through_month: String::new(),
            unit_id: unit.id.to_string(),
        };
        ledger::record_approval(self.store(), &admin, participant, &input, moment()).unwrap()
    }

    fn ledger(&mut self, participant: i64) -> LedgerView {
        let admin = self.admin.clone();
        ledger::participant_ledger(self.store(), &admin, participant, moment()).unwrap()
    }

    fn case(&mut self, participant: i64, change: &CaseChange) {
        let admin = self.admin.clone();
        casework::change(self.store(), &admin, participant, change, moment()).unwrap();
    }
}

fn lease_from(participant: i64, option: &str, start: &str, move_in: &str) -> LeaseInput {
    LeaseInput {
        option: option.into(),
        start_date: start.into(),
        end_date: "08/31/2027".into(),
        move_in_date: move_in.into(),
        ..lease_input(participant, "1150")
    }
}

/// The day `day` at 3 p.m. UTC, as the services take it.
fn moment_on(day: &str) -> Moment {
    let today = d(day);
    Moment { at: Utc.from_utc_datetime(&today.and_hms_opt(15, 0, 0).unwrap()), today }
}

/// The income calculation of `income::form` with no income at all.
fn no_income() -> CalculationForm {
    CalculationForm { income: vec![], ..crate::income::form() }
}

/// A payment of `category` for `participant`, paid 11/20/2026 to the owner.
fn payment(category: &str, participant: i64, unit: Option<&Unit>, amount: &str) -> PaymentInput {
    PaymentInput {
        category: category.into(),
        participant_id: participant.to_string(),
        unit_id: unit.map(|u| u.id.to_string()).unwrap_or_default(),
        payee: "Lawndale Properties LLC".into(),
        payee_kind: "owner".into(),
        paid_on: "11/20/2026".into(),
        amount: amount.into(),
        reference: "CHK 1042".into(),
        ..Default::default()
    }
}

fn deposit(participant: i64, unit: &Unit, amount: &str) -> PaymentInput {
    PaymentInput { refundable: true, ..payment("security_deposit", participant, Some(unit), amount) }
}

fn rent(participant: i64, unit: &Unit, from: &str, to: &str, amount: &str) -> PaymentInput {
    PaymentInput {
        period_start: from.into(),
        period_end: to.into(),
        ..payment("rental_assistance_payment", participant, Some(unit), amount)
    }
}

fn transition(participant: i64, amount: &str, on_list: bool) -> PaymentInput {
    PaymentInput {
        payee: "Two Men and a Truck".into(),
        payee_kind: "vendor".into(),
        on_pre_approved_list: on_list,
        ..payment("transition_assistance", participant, None, amount)
    }
}

fn subsistence(participant: i64, month_first: &str, month_last: &str, amount: &str) -> PaymentInput {
    PaymentInput {
        payee: "The participant".into(),
        payee_kind: "participant".into(),
        period_start: month_first.into(),
        period_end: month_last.into(),
        ..payment("subsistence_allowance", participant, None, amount)
    }
}

fn vocational(month: &str, hours: &str) -> CaseChange {
    CaseChange::Vocational(VocationalInput {
        month: month.into(),
        provider_kind: "ips".into(),
        provider: "Thresholds IPS".into(),
        hours: hours.into(),
    })
}

/// The one limit line labelled `label`: (used, limit, remaining).
fn limit(view: &LedgerView, label: &str) -> (String, String, String) {
    let line = view
        .limits
        .iter()
        .find(|l| l.label == label)
        .unwrap_or_else(|| panic!("no limit {label:?} in {:?}", view.limits));
    (line.used.clone(), line.limit.clone(), line.remaining.clone())
}

fn three(used: &str, limit: &str, remaining: &str) -> (String, String, String) {
    (used.into(), limit.into(), remaining.into())
}

fn payment_count(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM payment", [], |r| r.get(0)).unwrap()
}

fn money(s: &str) -> Money {
    Money(s.parse().unwrap())
}

/// The audit entries of one record, oldest first: (action, changes).
fn audits(store: &Store, entity: &str, id: i64) -> Vec<(String, Changes)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT action, changes FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id")
        .unwrap();
    let rows = stmt.query_map(rusqlite::params![entity, id], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?)));
    rows.unwrap()
        .map(|row| {
            let (action, changes) = row.unwrap();
            let changes = serde_json::from_str::<Vec<serde_json::Value>>(&changes.unwrap_or_else(|| "[]".into()))
                .unwrap()
                .into_iter()
                .map(|c| {
                    let text = |k: &str| c[k].as_str().map(String::from);
                    (text("field").unwrap(), text("old"), text("new"))
                })
                .collect();
            (action, changes)
        })
        .collect()
}

// ---- Leases ----

#[test]
fn rental_assistance_pays_the_owner_the_rent_less_tenant_rent_and_a_master_lease_the_full_rent() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let ben = office.enrolled("Ben Okoro", &crate::income::form());
    let one = office.ready_unit("1A", "11/20/2026", &[ana]);
    let two = office.ready_unit("1B", "11/20/2026", &[ben]);

    let assisted = office.lease(&one, ana, "rental_assistance", "12/01/2026", "");
    assert_eq!(assisted.option, LeasingOption::RentalAssistance);
    assert_eq!(assisted.tenant_rent.to_string(), "191.00", "the tenant rent of the SSI calculation");
    assert_eq!(assisted.grantee_payment.to_string(), "959.00", "rental assistance: $1,150 less $191");
    assert_eq!(assisted.signed.grantee_payment, assisted.grantee_payment, "nothing changed since signing");

    let master = office.lease(&two, ben, "master_lease", "12/01/2026", "");
    assert_eq!(master.option, LeasingOption::MasterLease);
    assert_eq!(master.tenant_rent.to_string(), "191.00", "the participant pays the grantee the same tenant rent");
    assert_eq!(master.grantee_payment.to_string(), "1150.00", "master lease: the grantee pays the full rent");
}

#[test]
fn recording_the_move_in_houses_the_participant_and_a_move_in_before_the_lease_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let admin = office.admin.clone();

    let early = lease_from(ana, "rental_assistance", "11/01/2026", "10/31/2026");
    assert_eq!(
        fields(leases::create(office.store(), &admin, unit.id, &early, moment())),
        ["move_in_date"],
        "a lease is not moved into before it begins"
    );
    let lease = office.lease(&unit, ana, "rental_assistance", "11/01/2026", "");
    let status = |office: &mut Office| participants::get(office.store(), &admin, ana, moment()).unwrap().details.status;
    assert_eq!(status(&mut office), ParticipantStatus::Enrolled, "no move-in yet");

    let before = MoveInInput { move_in_date: "10/31/2026".into() };
    assert_eq!(
        fields(leases::record_move_in(office.store(), &admin, lease.id, &before, moment())),
        ["move_in_date"],
        "the day before the lease begins"
    );
    assert_eq!(status(&mut office), ParticipantStatus::Enrolled, "a refused move-in changes nothing");

    let moved_in = MoveInInput { move_in_date: "11/20/2026".into() };
    let lease = leases::record_move_in(office.store(), &admin, lease.id, &moved_in, moment()).unwrap();
    assert_eq!(lease.move_in_date, Some(d("2026-11-20")));
    assert_eq!(status(&mut office), ParticipantStatus::Housed, "housed from the move-in day, which has come");
    let (entry, changes) = last_audit(office.store());
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("lease", Some(lease.id)));
    assert_eq!(changes, [change("move_in_date", None, Some("2026-11-20"))]);
}

#[test]
fn a_new_calculation_changes_the_amounts_from_its_day_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let ben = office.enrolled("Ben Okoro", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let lease = office.lease(&unit, ana, "rental_assistance", "12/01/2026", "12/01/2026");
    let admin = office.admin.clone();
    let first = lease.calculation_id;

    // Her SSI drops to $800 from January: an interim calculation that lowers
    // the rent applies at once.
    let mut lower = crate::income::form();
    lower.kind = "interim".into();
    lower.as_of = "01/01/2027".into();
    lower.income[0].amount = "800.00".into();
    let lower = income_calc::save(office.store(), &admin, ana, &lower, moment()).unwrap();
    assert!(lower.applies, "a lower rent applies at once");
    let bens = income_calc::history(office.store(), ben).unwrap()[0].id;

    let change = |calculation: i64, on: &str| LeaseChangeInput {
        kind: "new_calculation".into(),
        effective_on: on.into(),
        calculation_id: calculation.to_string(),
        note: "SSI reduced".into(),
        ..Default::default()
    };
    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &change(bens, "01/01/2027"), moment())),
        ["calculation_id"],
        "another participant's calculation"
    );
    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &change(first, "01/01/2027"), moment())),
        ["calculation_id"],
        "the calculation the lease already follows"
    );
    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &change(lower.id, "12/15/2026"), moment())),
        ["effective_on"],
        "before the calculation sets the rent"
    );

    let changed = leases::change(office.store(), &admin, lease.id, &change(lower.id, "01/01/2027"), moment()).unwrap();
    let new_tenant_rent = lower.result.output.tenant_rent;
    assert!(new_tenant_rent < lease.tenant_rent, "less income, less rent: {new_tenant_rent}");
    let december = leases::amounts_on(&changed, d("2026-12-31"));
    assert_eq!(december, lease.signed, "the old amounts through the day before");
    assert_eq!(december.grantee_payment.to_string(), "959.00");
    let january = leases::amounts_on(&changed, d("2027-01-01"));
    assert_eq!(january.tenant_rent, new_tenant_rent, "the new calculation's tenant rent from its day");
    assert_eq!(january.contract_rent.to_string(), "1150.00", "the rent itself does not change");
    assert_eq!(january.grantee_payment, money("1150") - new_tenant_rent, "the assistance covers the difference");
    assert_eq!(changed.tenant_rent.to_string(), "191.00", "today the signed amounts are still in force");
    assert_eq!(changed.upcoming.as_ref().map(|c| c.effective_on), Some(d("2027-01-01")), "shown as upcoming");
    let later = leases::get(office.store(), lease.id, d("2027-02-01")).unwrap();
    assert_eq!((later.calculation_id, later.tenant_rent), (lower.id, new_tenant_rent), "read in February");

    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &change(lower.id, "02/01/2027"), moment())),
        ["calculation_id"],
        "from February the lease already follows the new calculation"
    );
}

#[test]
fn a_renewal_extends_the_lease_and_its_rent_stays_within_the_rent_certified_reasonable() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let lease = office.lease(&unit, ana, "rental_assistance", "12/01/2026", "12/01/2026");
    let admin = office.admin.clone();
    let renewal = |end: &str, rent: &str| LeaseChangeInput {
        kind: "renewal".into(),
        effective_on: "09/01/2027".into(),
        end_date: end.into(),
        contract_rent: rent.into(),
        ..Default::default()
    };

    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &renewal("08/31/2027", ""), moment())),
        ["end_date", "end_date"],
        "a renewal runs past the current last day, and past the day it takes effect"
    );
    let above = leases::change(office.store(), &admin, lease.id, &renewal("08/31/2028", "1200"), moment());
    let message = message_for(above, "contract_rent");
    assert!(message.contains("$1,150.00"), "above the rent certified reasonable: {message}");
    assert_eq!(leases::get(office.store(), lease.id, today()).unwrap().changes.len(), 0, "nothing was written");

    let renewed =
        leases::change(office.store(), &admin, lease.id, &renewal("08/31/2028", "1125.00"), moment()).unwrap();
    assert_eq!(renewed.end_date, Some(d("2028-08-31")), "the renewal extends the lease");
    assert_eq!(renewed.first_end_date, Some(d("2027-08-31")), "the first term is kept");
    let before = leases::amounts_on(&renewed, d("2027-08-31"));
    let after = leases::amounts_on(&renewed, d("2027-09-01"));
    assert_eq!(before.contract_rent.to_string(), "1150.00", "the old rent through the old term");
    assert_eq!(after.contract_rent.to_string(), "1125.00", "the lower rent from the renewal");
    assert_eq!(after.grantee_payment.to_string(), "934.00", "$1,125 less the same $191 tenant rent");
}

#[test]
fn a_participant_with_an_active_lease_is_not_leased_a_second_unit() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let first = office.ready_unit("1A", "11/20/2026", &[ana]);
    let second = office.ready_unit("2B", "11/20/2026", &[ana]);
    let admin = office.admin.clone();
    office.lease(&first, ana, "rental_assistance", "09/01/2026", "09/01/2026");

    let again = lease_from(ana, "rental_assistance", "12/01/2026", "");
    assert_eq!(
        fields(leases::create(office.store(), &admin, second.id, &again, moment())),
        ["participant_id"],
        "the second unit is ready: only the lease she already has stands in the way"
    );
    let message = message_for(leases::create(office.store(), &admin, second.id, &again, moment()), "participant_id");
    assert!(
        message.contains("Ana Silva already has a lease at 1401 S Lawndale Ave, 1A"),
        "the message names the unit to move out of first: {message}"
    );
    assert_eq!(leases::for_participant(office.store(), ana, today()).unwrap().len(), 1, "no second lease was written");
}

#[test]
fn a_new_calculation_on_a_lease_must_use_the_units_utility_allowance() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let lease = office.lease(&unit, ana, "rental_assistance", "12/01/2026", "12/01/2026");
    let admin = office.admin.clone();

    // Her SSI drops to $800 from January. Both interim calculations lower
    // the TTP, so both apply at once; one was worked out with the $85 of
    // this unit's schedule, the other with $120 typed by hand.
    let interim = |allowance: &str| {
        let mut form = crate::income::form();
        form.kind = "interim".into();
        form.as_of = "01/01/2027".into();
        form.income[0].amount = "800.00".into();
        form.utility_allowance = allowance.into();
        form
    };
    let unit_allowance = income_calc::save(office.store(), &admin, ana, &interim("85"), moment()).unwrap();
    let other_allowance = income_calc::save(office.store(), &admin, ana, &interim("120"), moment()).unwrap();
    assert!(unit_allowance.applies && other_allowance.applies, "a lower TTP applies at once");
    assert_eq!(other_allowance.result.output.utility_allowance.to_string(), "120.00");
    let change = |calculation: i64| LeaseChangeInput {
        kind: "new_calculation".into(),
        effective_on: "01/01/2027".into(),
        calculation_id: calculation.to_string(),
        note: "SSI reduced".into(),
        ..Default::default()
    };

    let refused = leases::change(office.store(), &admin, lease.id, &change(other_allowance.id), moment());
    let message = message_for(refused, "calculation_id");
    assert!(
        message.contains("utility allowance of $120.00, but this unit's is $85.00"),
        "the tenant rent is the TTP less this unit's allowance: {message}"
    );
    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &change(other_allowance.id), moment())),
        ["calculation_id"],
        "the allowance is the only thing wrong with it"
    );
    assert!(leases::get(office.store(), lease.id, today()).unwrap().changes.is_empty(), "nothing was written");

    let changed = leases::change(office.store(), &admin, lease.id, &change(unit_allowance.id), moment()).unwrap();
    let january = leases::amounts_on(&changed, d("2027-01-01"));
    assert_eq!(
        january.tenant_rent, unit_allowance.result.output.tenant_rent,
        "the calculation made with the unit's allowance sets the rent from January"
    );
}

#[test]
fn a_renewal_rent_certified_reasonable_must_still_fit_the_payment_standard() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let lease = office.lease(&unit, ana, "rental_assistance", "12/01/2026", "12/01/2026");
    let admin = office.admin.clone();
    let view = housing_desk::units::view(office.store(), unit.id, today()).unwrap();
    let check = view.checks.iter().find(|k| k.participant_id == ana).unwrap().result.clone();
    assert_eq!(
        (check.payment_standard.to_string(), check.utility_allowance.to_string()),
        ("1581.00".into(), "85.00".into()),
        "the Chicago one-bedroom standard and the unit's allowance: a rent of $1,496 fills it"
    );

    // The owner asks $1,600 for the next term, and it is certified reasonable.
    let higher = comparison("1600", &["1575", "1650", "1700"], "reasonable", "Renewal rent");
    comparisons::certify(office.store(), &admin, unit.id, &higher, moment()).unwrap();
    let renewal = |rent: &str| LeaseChangeInput {
        kind: "renewal".into(),
        effective_on: "09/01/2027".into(),
        end_date: "08/31/2028".into(),
        contract_rent: rent.into(),
        ..Default::default()
    };

    let over = leases::change(office.store(), &admin, lease.id, &renewal("1496.01"), moment());
    let message = message_for(over, "contract_rent");
    assert!(
        message.contains("$1,581.01") && message.contains("payment standard of $1,581.00"),
        "a cent above the standard with the $85 of utilities, however reasonable the rent: {message}"
    );
    assert_eq!(
        fields(leases::change(office.store(), &admin, lease.id, &renewal("1496.01"), moment())),
        ["contract_rent"],
        "within the rent certified reasonable: the standard alone refuses it"
    );
    assert!(leases::get(office.store(), lease.id, today()).unwrap().changes.is_empty(), "nothing was written");

    let renewed = leases::change(office.store(), &admin, lease.id, &renewal("1496.00"), moment()).unwrap();
    let after = leases::amounts_on(&renewed, d("2027-09-01"));
    assert_eq!(after.contract_rent.to_string(), "1496.00", "rent and utilities exactly at the standard");
}

// ---- The ledger's limits ----

#[test]
fn a_security_deposit_is_at_most_two_months_rent_and_move_in_fees_are_not_paid_in_addition() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, lease) = office.housed("Ana Silva", "1A");

    let over = office.pay(&deposit(ana, &unit, "2300.01"));
    let message = message_for(over, "amount");
    assert!(message.contains("two months' rent: $2,300.00"), "{message}");
    assert_eq!(fields(office.pay(&deposit(ana, &unit, "2300.01"))), ["amount"], "a cent over is the only problem");

    let paid = office.pay(&deposit(ana, &unit, "2300.00")).unwrap();
    assert_eq!(paid.amount.to_string(), "2300.00", "exactly two months of $1,150");
    assert_eq!((paid.lease_id, paid.unit_id), (Some(lease.id), Some(unit.id)));
    assert_eq!(paid.category, CostCategory::SecurityDeposit);

    let fees = office.pay(&payment("move_in_fee", ana, Some(&unit), "100"));
    let message = message_for(fees, "amount");
    assert!(message.contains("not in addition"), "fees instead of a deposit, never both: {message}");
    assert_eq!(
        limit(&office.ledger(ana), "Security deposit (two months' rent)"),
        three("$2,300.00", "$2,300.00", "$0.00")
    );
}

#[test]
fn a_signing_bonus_is_paid_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    // The locator offered the owner a signing bonus to secure the unit.
    let admin = office.admin.clone();
    let offer = housing_desk::incentives::IncentiveInput {
        participant_id: ana.to_string(),
        kind: "signing_bonus".into(),
        amount: "1000".into(),
        status: "offered".into(),
        offered_on: "08/20/2026".into(),
        ..Default::default()
    };
    let offered = housing_desk::incentives::add(office.store(), &admin, unit.id, &offer, moment()).unwrap();

    office.pay(&payment("signing_bonus", ana, Some(&unit), "1000")).unwrap();
    let paid = housing_desk::incentives::for_unit(office.store(), unit.id).unwrap();
    let paid = paid.iter().find(|i| i.id == offered.id).unwrap();
    assert_eq!(
        paid.status,
        housing_desk::incentives::IncentiveStatus::Paid,
        "the payment in the ledger pays the incentive offered"
    );
    let again = office.pay(&payment("signing_bonus", ana, Some(&unit), "500"));
    let message = message_for(again, "category");
    assert!(message.contains("only once"), "{message}");
    assert_eq!(fields(office.pay(&payment("signing_bonus", ana, Some(&unit), "500"))), ["category"]);
    assert_eq!(
        limit(&office.ledger(ana), "Signing bonus (two months' rent, once)"),
        three("$1,000.00", "$2,300.00", "$1,300.00")
    );
}

#[test]
fn transition_assistance_is_3000_in_total_paid_to_a_vendor_and_off_the_list_only_with_dmh_approval() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());

    let to_her = PaymentInput { payee_kind: "participant".into(), ..transition(ana, "200", true) };
    assert_eq!(fields(office.pay(&to_her)), ["payee_kind"], "paid to the participant");

    let off_list = transition(ana, "500", false);
    let message = message_for(office.pay(&off_list), "on_pre_approved_list");
    assert!(message.contains("pre-approved list"), "{message}");
    let approval = office.approve(ana, "transition_off_list", "11/18/2026", "");
    assert_eq!(approval.lifts, ApprovalLifts::TransitionOffList);
    let paid = office.pay(&off_list).unwrap();
    let shown = paid.approval.as_deref().unwrap_or_default();
    assert!(shown.starts_with("Approved by R. Alvarez, DMH Program Contact on 11/18/2026"), "{shown}");
    assert_eq!(ledger::payment(office.store(), paid.id).unwrap().approval, paid.approval, "kept with the payment");

    let over = office.pay(&transition(ana, "2500.01", true));
    let message = message_for(over, "amount");
    assert!(message.contains("$2,500.00 remains"), "$3,000.01 in all: {message}");
    office.pay(&transition(ana, "2500.00", true)).unwrap();
    assert_eq!(limit(&office.ledger(ana), "Transition assistance"), three("$3,000.00", "$3,000.00", "$0.00"));
    assert_eq!(fields(office.pay(&transition(ana, "0.01", true))), ["amount"], "nothing is left");
}

#[test]
fn a_deposit_for_a_second_move_needs_dmh_approval_dated_on_or_before_the_payment() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let first = office.ready_unit("1A", "11/20/2026", &[ana]);
    let second = office.ready_unit("2B", "11/20/2026", &[ana]);
    let admin = office.admin.clone();
    let lease = office.lease(&first, ana, "rental_assistance", "09/01/2026", "09/01/2026");
    let out = MoveOutInput { move_out_date: "11/15/2026".into(), reason: "Moved closer to her job".into() };
    leases::move_out(office.store(), &admin, lease.id, &out, moment()).unwrap();
    office.lease(&second, ana, "rental_assistance", "11/16/2026", "11/16/2026");

    let on_the_21st = PaymentInput { paid_on: "11/21/2026".into(), ..deposit(ana, &second, "1150") };
    let message = message_for(office.pay(&on_the_21st), "approval");
    assert!(message.contains("move after the first"), "no approval on record: {message}");

    // An approval must name the unit of the move.
    let no_unit = ApprovalInput {
        lifts: "later_move".into(),
        approved_by: "R. Alvarez, DMH Program Contact".into(),
        approved_on: "11/19/2026".into(),
        purpose: "The deposit".into(),
        through_month: String::new(),
        unit_id: String::new(),
    };
    assert_eq!(fields(ledger::record_approval(office.store(), &admin, ana, &no_unit, moment())), ["unit_id"]);
    // An approval for another move's unit does not cover this one.
    office.approve_move(ana, &first, "11/19/2026");
    let message = message_for(office.pay(&on_the_21st), "approval");
    assert!(message.contains("move after the first"), "another unit's approval: {message}");

    office.approve_move(ana, &second, "11/22/2026");
    let message = message_for(office.pay(&on_the_21st), "approval");
    assert!(message.contains("dated 11/22/2026, after the payment on 11/21/2026"), "{message}");
    assert_eq!(payment_count(office.store()), 0, "nothing was paid");

    office.approve_move(ana, &second, "11/19/2026");
    let paid = office.pay(&on_the_21st).unwrap();
    let shown = paid.approval.as_deref().unwrap_or_default();
    assert!(shown.contains("on 11/19/2026"), "the approval given in advance is the one used: {shown}");

    // The first move-in needed none: the same deposit for the first unit is
    // paid without one (on a day before any approval).
    let first_unit = PaymentInput { paid_on: "11/10/2026".into(), ..deposit(ana, &first, "1150") };
    assert_eq!(office.pay(&first_unit).unwrap().approval, None, "the initial move-in needs no approval");
}

#[test]
fn the_subsistence_allowance_is_300_a_month_with_no_income_a_home_and_8_hours() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let carla = office.enrolled("Carla Diaz", &no_income());
    let unit = office.ready_unit("1A", "11/20/2026", &[carla]);
    office.lease(&unit, carla, "rental_assistance", "09/01/2026", "09/01/2026");
    office.case(carla, &vocational("10/2026", "8"));

    let november = |amount: &str| subsistence(carla, "11/01/2026", "11/30/2026", amount);
    let message = message_for(office.pay(&november("300.01")), "amount");
    assert!(message.contains("At most $300.00 a month"), "{message}");
    assert_eq!(fields(office.pay(&november("300.01"))), ["amount"], "a cent over is the only problem");

    let paid = office.pay(&november("300.00")).unwrap();
    assert_eq!(
        (paid.category, paid.period_start, paid.period_end),
        (CostCategory::SubsistenceAllowance, Some(d("2026-11-01")), Some(d("2026-11-30")))
    );
    assert_eq!(fields(office.pay(&november("300.00"))), ["period_start"], "November is paid once");
    let view = office.ledger(carla);
    assert_eq!(limit(&view, "Subsistence allowance: months"), three("1", "24", "23"));
    assert_eq!(limit(&view, "Subsistence allowance: total"), three("$300.00", "$7,200.00", "$6,900.00"));

    // Someone with income, or not yet in a unit, is refused.
    let ben = office.enrolled("Ben Okoro", &crate::income::form());
    office.case(ben, &vocational("10/2026", "8"));
    let problems = fields(office.pay(&subsistence(ben, "11/01/2026", "11/30/2026", "300")));
    assert_eq!(
        problems,
        ["participant_id", "participant_id"],
        "not in an assisted unit, and SSI with no first payment date recorded is income"
    );
}

#[test]
fn the_subsistence_allowance_needs_8_hours_the_month_before_or_4_with_soar() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let carla = office.enrolled("Carla Diaz", &no_income());
    let unit = office.ready_unit("1A", "11/20/2026", &[carla]);
    office.lease(&unit, carla, "rental_assistance", "09/01/2026", "09/01/2026");
    office.case(carla, &vocational("10/2026", "7.5"));

    let november = subsistence(carla, "11/01/2026", "11/30/2026", "300");
    let message = message_for(office.pay(&november), "participant_id");
    assert!(message.contains("At least 8 hours"), "{message}");
    assert!(message.contains("October 2026"), "the month before: {message}");
    assert!(message.contains("7.5 were documented"), "{message}");

    // Enrolled and engaged in SOAR, 4 hours are enough.
    let soar = EnrollmentInput {
        enrolled_on: "11/20/2026".into(),
        soar_status: "in_progress".into(),
        benefits_decision: "none".into(),
        ..Default::default()
    };
    office.case(carla, &CaseChange::Enrollment(soar));
    office.pay(&november).unwrap();
}

#[test]
fn a_25th_month_of_subsistence_needs_a_dmh_extension_through_that_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let carla = office.enrolled("Carla Diaz", &no_income());
    let unit = office.ready_unit("1A", "11/20/2026", &[carla]);
    office.lease(&unit, carla, "rental_assistance", "09/01/2026", "09/01/2026");
    office.case(carla, &vocational("10/2026", "8"));
    office.case(carla, &vocational("11/2026", "8"));

    // 24 months already paid, November 2024 through October 2026 (from the
    // records of an earlier system: written straight to the ledger).
    let staff_id = office.admin.staff_id;
    let store = office.store();
    for i in 0..24 {
        let month = d("2024-11-01").checked_add_months(chrono::Months::new(i)).unwrap();
        let last = month.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap();
        let new = db::ledger::NewPayment {
            category: "subsistence_allowance",
            participant_id: Some(carla),
            unit_id: None,
            lease_id: None,
            payee: "Carla Diaz",
            payee_kind: "participant",
            paid_on: month,
            period_start: Some(month),
            period_end: Some(last),
            amount: money("300"),
            reference: None,
            note: None,
            approval_id: None,
            run_id: None,
            reverses_id: None,
            staff_id,
        };
        db::ledger::insert_payment(store.conn(), &new, moment().at).unwrap();
    }
    let view = office.ledger(carla);
    assert_eq!(limit(&view, "Subsistence allowance: months"), three("24", "24", "0"));
    assert_eq!(limit(&view, "Subsistence allowance: total"), three("$7,200.00", "$7,200.00", "$0.00"));

    let november = subsistence(carla, "11/01/2026", "11/30/2026", "300");
    assert_eq!(fields(office.pay(&november)), ["period_start", "amount"], "24 months and $7,200 are used");

    office.approve(carla, "subsistence_extension", "11/20/2026", "11/30/2026");
    let paid = office.pay(&november).unwrap();
    assert!(paid.approval.is_some(), "the 25th month rests on the extension");
    let december = subsistence(carla, "12/01/2026", "12/31/2026", "300");
    let problems = fields(office.pay(&december));
    assert_eq!(problems, ["period_start", "amount", "approval"], "the extension ends with November");
}

#[test]
fn temporary_housing_is_paid_through_day_90_of_the_stay() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let day_1 = today() - Days::new(89);
    let day_90 = today();
    let day_91 = today() + Days::new(1);
    office.case(
        ana,
        &CaseChange::Stay {
            id: None,
            stay: StayInput {
                kind: "temporary_housing".into(),
                place: "Pacific Garden Mission".into(),
                start_date: day_1.to_string(),
                ..Default::default()
            },
        },
    );
    let nights = |from: chrono::NaiveDate, to: chrono::NaiveDate| PaymentInput {
        payee: "Pacific Garden Mission".into(),
        payee_kind: "provider".into(),
        period_start: from.to_string(),
        period_end: to.to_string(),
        ..payment("temporary_housing", ana, None, "1200")
    };

    let message = message_for(office.pay(&nights(d("2026-11-01"), day_91)), "period_end");
    assert!(message.contains(&format!("through {}", day_90.format("%m/%d/%Y"))), "{message}");
    let paid = office.pay(&nights(d("2026-11-01"), day_90)).unwrap();
    assert_eq!(paid.period_end, Some(day_90), "day 90 is the last day paid");
    assert_eq!(fields(office.pay(&nights(day_91, day_91))), ["period_end"], "day 91 alone");
    let view = office.ledger(ana);
    assert_eq!(limit(&view, "Temporary housing: days of the stay"), three("90", "90", "0"));

    let again = office.pay(&nights(d("2026-11-20"), d("2026-11-22")));
    assert!(message_for(again, "period_start").contains("already paid"), "the same nights are paid once");
}

#[test]
fn rent_is_paid_only_for_the_days_the_vacancy_rules_cover_prorated_and_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let lease = office.lease(&unit, ana, "rental_assistance", "10/01/2026", "10/15/2026");

    let whole_october = office.pay(&rent(ana, &unit, "10/01/2026", "10/31/2026", "959"));
    let message = message_for(whole_october, "period_start");
    assert!(message.contains("vacant unit: it starts on 10/15/2026"), "before the move-in: {message}");

    let too_much = office.pay(&rent(ana, &unit, "10/15/2026", "10/31/2026", "525.91"));
    let message = message_for(too_much, "amount");
    assert_eq!(message, "At most $525.90 for 17 of the 31 days of October 2026, at $959.00 a month.");
    let paid = office.pay(&rent(ana, &unit, "10/15/2026", "10/31/2026", "525.90")).unwrap();
    assert_eq!(paid.lease_id, Some(lease.id));

    let again = office.pay(&rent(ana, &unit, "10/20/2026", "10/31/2026", "100"));
    assert!(message_for(again, "period_start").contains("already covers"), "days already paid");
    office.pay(&rent(ana, &unit, "11/01/2026", "11/30/2026", "959.00")).unwrap();
    assert_eq!(
        fields(office.pay(&rent(ana, &unit, "11/01/2026", "11/30/2026", "959.00"))),
        ["period_start"],
        "the same month twice"
    );
    let master =
        PaymentInput { category: "master_lease_rent".into(), ..rent(ana, &unit, "12/01/2026", "12/31/2026", "959.00") };
    assert_eq!(fields(office.pay(&master)), ["category"], "the lease is under rental assistance");
}

#[test]
fn no_rent_is_paid_for_a_unit_whose_inspection_did_not_pass() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    let admin = office.admin.clone();
    let store = office.store();
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    inspections::record(store, &admin, unit.id, &failing(&template, "annual", "11/22/2026"), moment()).unwrap();

    let november = office.pay(&rent(ana, &unit, "11/01/2026", "11/30/2026", "959.00"));
    let message = message_for(november, "unit_id");
    assert!(message.contains("until it passes"), "{message}");
    assert_eq!(fields(office.pay(&rent(ana, &unit, "11/01/2026", "11/30/2026", "959.00"))), ["unit_id"]);
    assert_eq!(payment_count(office.store()), 0);
}

#[test]
fn a_reversal_nets_the_totals_to_zero_and_is_made_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    let admin = office.admin.clone();
    let paid = office.pay(&deposit(ana, &unit, "2300")).unwrap();

    let why = ReversalInput { reason: "Check voided: wrong payee".into(), reversed_on: "11/21/2026".into() };
    let reversal = ledger::reverse(office.store(), &admin, paid.id, &why, moment()).unwrap();
    assert_eq!((reversal.amount.to_string(), reversal.reverses_id), ("-2300.00".into(), Some(paid.id)));
    let view = office.ledger(ana);
    assert_eq!(view.total, Money::ZERO, "the payment and its reversal net to zero");
    let totals: Vec<_> = view.totals.iter().map(|t| (t.category, t.total.to_string(), t.payments)).collect();
    assert_eq!(totals, [(CostCategory::SecurityDeposit, "0.00".to_string(), 2)]);
    assert!(view.payments.iter().any(|p| p.id == paid.id && p.reversed), "the original shows it was reversed");
    assert_eq!(
        limit(&view, "Security deposit (two months' rent)"),
        three("$0.00", "$2,300.00", "$2,300.00"),
        "the limit is free again"
    );

    assert_eq!(
        fields(ledger::reverse(office.store(), &admin, paid.id, &why, moment())),
        ["reason"],
        "reversed once only"
    );
    assert_eq!(
        fields(ledger::reverse(office.store(), &admin, reversal.id, &why, moment())),
        ["reason"],
        "a reversal is not reversed"
    );
    office.pay(&deposit(ana, &unit, "2300")).unwrap();
}

#[test]
fn the_participant_ledger_shows_each_limit_used_and_remaining() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    office.pay(&deposit(ana, &unit, "2000")).unwrap();
    office.pay(&payment("signing_bonus", ana, Some(&unit), "750.50")).unwrap();
    office.pay(&transition(ana, "1200", true)).unwrap();

    let view = office.ledger(ana);
    assert_eq!(view.title, "Ana Silva");
    assert_eq!(view.total.to_string(), "3950.50");
    assert_eq!(limit(&view, "Security deposit (two months' rent)"), three("$2,000.00", "$2,300.00", "$300.00"));
    assert_eq!(
        limit(&view, "Move-in fees instead of a deposit (75% of a month)"),
        three("$0.00", "$862.50", "$862.50")
    );
    assert_eq!(limit(&view, "Signing bonus (two months' rent, once)"), three("$750.50", "$2,300.00", "$1,549.50"));
    assert_eq!(limit(&view, "Transition assistance"), three("$1,200.00", "$3,000.00", "$1,800.00"));
    assert_eq!(limit(&view, "Subsistence allowance: months"), three("0", "24", "24"));
    assert!(view.limits.iter().all(|l| !l.over), "nothing is over its limit");
}

#[test]
fn what_is_paid_for_a_time_needs_its_period() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    // Carla could be paid November's allowance: no income, housed, 8 hours in October.
    let carla = office.enrolled("Carla Diaz", &no_income());
    let unit = office.ready_unit("1A", "11/20/2026", &[carla]);
    office.lease(&unit, carla, "rental_assistance", "09/01/2026", "09/01/2026");
    office.case(carla, &vocational("10/2026", "8"));
    let (ana, ana_unit, _) = office.housed("Ana Silva", "2B");
    let ben = office.enrolled("Ben Okoro", &crate::income::form());
    let stay = StayInput {
        kind: "temporary_housing".into(),
        place: "Pacific Garden Mission".into(),
        start_date: "11/01/2026".into(),
        ..Default::default()
    };
    office.case(ben, &CaseChange::Stay { id: None, stay });
    let nights = PaymentInput {
        payee: "Pacific Garden Mission".into(),
        payee_kind: "provider".into(),
        ..payment("temporary_housing", ben, None, "400")
    };

    let allowance = office.pay(&subsistence(carla, "", "", "300"));
    assert_eq!(
        message_for(allowance, "period_start"),
        "Enter the first day it pays for.",
        "an allowance with no month would escape the once-a-month check"
    );
    assert_eq!(fields(office.pay(&subsistence(carla, "", "", "300"))), ["period_start"], "the only problem");
    for (what, input) in [("rent", rent(ana, &ana_unit, "", "", "959")), ("temporary housing", nights)] {
        let problems = fields(office.pay(&input));
        assert!(
            !problems.is_empty() && problems.iter().all(|f| f == "period_start"),
            "{what} with no period is refused on its period only: {problems:?}"
        );
    }
    assert_eq!(payment_count(office.store()), 0, "nothing was paid");
    office.pay(&subsistence(carla, "11/01/2026", "11/30/2026", "300")).unwrap();
}

#[test]
fn ssi_counts_as_income_until_its_first_payment_is_recorded_and_then_ends_the_allowance() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    // Ana is housed since September; her calculation counts $967 of SSI a month.
    let (ana, _, _) = office.housed("Ana Silva", "1A");
    office.case(ana, &vocational("10/2026", "8"));
    office.case(ana, &vocational("11/2026", "8"));
    let november = subsistence(ana, "11/01/2026", "11/30/2026", "300");
    let december = subsistence(ana, "12/01/2026", "12/31/2026", "300");

    let message = message_for(office.pay(&november), "participant_id");
    assert_eq!(
        message, "The allowance is only for participants with no income: $967.00 a month is counted.",
        "with no first payment date the end rules cannot judge her SSI: it is income"
    );
    assert_eq!(fields(office.pay(&november)), ["participant_id"], "housed, with her hours: income is the only problem");

    // Her SOAR application was approved; the first SSI check came on 10/05/2026.
    let enrollment = EnrollmentInput {
        enrolled_on: "08/01/2026".into(),
        soar_status: "decided".into(),
        soar_applied_on: "06/01/2026".into(),
        benefits_decision: "approved_ssi".into(),
        benefits_decision_on: "09/20/2026".into(),
        first_benefit_payment_on: "10/05/2026".into(),
        ..Default::default()
    };
    office.case(ana, &CaseChange::Enrollment(enrollment));
    let paid = office.pay(&november).unwrap();
    assert_eq!(paid.period_start, Some(d("2026-11-01")), "the month after the first payment is the last paid");

    let message = message_for(office.pay(&december), "participant_id");
    assert_eq!(
        message,
        "The first Social Security payment was received on 10/05/2026: the last allowance is for November 2026."
    );
    assert_eq!(fields(office.pay(&december)), ["participant_id"], "the end rule alone refuses December");
}

#[test]
fn temporary_housing_is_not_paid_for_nights_after_the_stay_ended() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let stay = StayInput {
        kind: "temporary_housing".into(),
        place: "Pacific Garden Mission".into(),
        start_date: "11/01/2026".into(),
        end_date: "11/10/2026".into(),
        ..Default::default()
    };
    office.case(ana, &CaseChange::Stay { id: None, stay });
    let nights = |to: &str| PaymentInput {
        payee: "Pacific Garden Mission".into(),
        payee_kind: "provider".into(),
        period_start: "11/01/2026".into(),
        period_end: to.into(),
        ..payment("temporary_housing", ana, None, "400")
    };

    let message = message_for(office.pay(&nights("11/11/2026")), "period_end");
    assert_eq!(message, "The stay ended on 11/10/2026: nothing is paid for nights after it.");
    assert_eq!(
        fields(office.pay(&nights("11/11/2026"))),
        ["period_end"],
        "one night past the end, well inside the 90 days"
    );
    assert_eq!(payment_count(office.store()), 0);
    let paid = office.pay(&nights("11/10/2026")).unwrap();
    assert_eq!(paid.period_end, Some(d("2026-11-10")), "through the last night of the stay");
}

#[test]
fn transition_assistance_is_refused_for_a_later_move_before_its_move_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let first = office.ready_unit("1A", "11/20/2026", &[ana]);
    let second = office.ready_unit("2B", "11/20/2026", &[ana]);
    let admin = office.admin.clone();
    let lease = office.lease(&first, ana, "rental_assistance", "09/01/2026", "09/01/2026");
    let out = MoveOutInput { move_out_date: "11/15/2026".into(), reason: "Moved closer to her job".into() };
    leases::move_out(office.store(), &admin, lease.id, &out, moment()).unwrap();
    // The new lease begins in December; she has not moved in yet.
    office.lease(&second, ana, "rental_assistance", "12/01/2026", "");

    let movers = office.pay(&transition(ana, "450", true));
    let message = message_for(movers, "category");
    assert!(message.contains("only for the first program move-in"), "the movers are for her second move: {message}");
    assert_eq!(fields(office.pay(&transition(ana, "450", true))), ["category"], "a later move is the only problem");
    assert_eq!(payment_count(office.store()), 0);
}

// ---- Who keeps the money ----

#[test]
fn housing_locators_and_case_managers_do_not_record_payments() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    add_staff(&mut office.desk, "hlee", "Hana Lee", "housing_locator");
    add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");

    for username in ["hlee", "dreyes"] {
        let session = sign_in_as(&mut office.desk, username);
        let store = office.store();
        assert_forbidden(
            ledger::record_payment(store, &session, &deposit(ana, &unit, "1000"), moment()),
            &format!("{username} records a payment"),
        );
        assert_forbidden(
            ledger::record_approval(store, &session, ana, &ApprovalInput::default(), moment()),
            &format!("{username} records a DMH approval"),
        );
        assert_forbidden(
            payment_run::prepare(store, &session, "12/01/2026", moment()),
            &format!("{username} prepares a payment run"),
        );
        assert_eq!(payment_count(store), 0, "nothing was written");
    }
}

#[test]
fn only_a_supervisor_approves_a_payment_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    add_staff(&mut office.desk, "oclerk", "Omar Clerk", "office_staff");
    add_staff(&mut office.desk, "ssuper", "Sara Super", "supervisor");
    let admin = office.admin.clone();
    assert_forbidden(
        payment_run::approve(office.store(), &admin, 1, moment()),
        "an administrator approves a run (keeping the approval apart from the office that prepares it)",
    );

    let clerk = sign_in_as(&mut office.desk, "oclerk");
    let run = payment_run::prepare(office.store(), &clerk, "12/01/2026", moment()).unwrap();
    assert_eq!(run.status, RunStatus::Prepared);
    assert_forbidden(payment_run::approve(office.store(), &clerk, run.id, moment()), "office staff approves a run");

    let supervisor = sign_in_as(&mut office.desk, "ssuper");
    let approved = payment_run::approve(office.store(), &supervisor, run.id, moment()).unwrap();
    assert_eq!((approved.status, approved.approved_by.as_deref()), (RunStatus::Approved, Some("Sara Super")));
}

#[test]
fn the_supervisor_who_prepared_a_run_does_not_approve_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    add_staff(&mut office.desk, "ssuper", "Sara Super", "supervisor");
    add_staff(&mut office.desk, "kbell", "Keisha Bell", "supervisor");

    let preparer = sign_in_as(&mut office.desk, "ssuper");
    let run = payment_run::prepare(office.store(), &preparer, "12/01/2026", moment()).unwrap();
    assert_forbidden(
        payment_run::approve(office.store(), &preparer, run.id, moment()),
        "the supervisor who prepared the run approves her own work",
    );
    let still = payment_run::get(office.store(), &preparer, run.id).unwrap();
    assert_eq!((still.status, still.approved_by), (RunStatus::Prepared, None), "the refusal wrote nothing");

    let other = sign_in_as(&mut office.desk, "kbell");
    let approved = payment_run::approve(office.store(), &other, run.id, moment()).unwrap();
    assert_eq!((approved.status, approved.approved_by.as_deref()), (RunStatus::Approved, Some("Keisha Bell")));
}

#[test]
fn the_lease_packet_is_for_the_office_and_a_case_manager_sees_only_her_own_peoples_ledgers() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, _, lease) = office.housed("Ana Silva", "1A");
    let (ben, _, _) = office.housed("Ben Okoro", "1B");
    add_staff(&mut office.desk, "hlee", "Hana Lee", "housing_locator");
    let dreyes = add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");
    let kpatel = add_staff(&mut office.desk, "kpatel", "Kiran Patel", "case_manager");
    for (participant, case_manager) in [(ana, dreyes), (ben, kpatel)] {
        let enrollment = EnrollmentInput {
            enrolled_on: "08/01/2026".into(),
            case_manager_id: case_manager.to_string(),
            soar_status: "not_started".into(),
            benefits_decision: "none".into(),
            ..Default::default()
        };
        office.case(participant, &CaseChange::Enrollment(enrollment));
    }

    // Everything the packet needs is on record: the office prints it.
    let contact = housing_desk::office::ContactInput {
        mailing_address: "3300 W Roosevelt Rd\nChicago, IL 60624".into(),
        phone: "312 555 0100".into(),
    };
    let admin = office.admin.clone();
    housing_desk::office::set_contact(office.store(), &admin, &contact, moment()).unwrap();
    let printed = dir.path().join("printed");
    housing_desk::lease_documents::lease_packet(office.store(), &admin, lease.id, today(), &printed).unwrap();

    let locator = sign_in_as(&mut office.desk, "hlee");
    let templates = dir.path().join("templates");
    assert_forbidden(
        housing_desk::lease_documents::lease_packet(office.store(), &locator, lease.id, today(), &templates),
        "a locator prints the packet with the participant's income summary",
    );
    assert!(!templates.exists(), "refused before anything was written");

    let case_manager = sign_in_as(&mut office.desk, "dreyes");
    let own = ledger::participant_ledger(office.store(), &case_manager, ana, moment()).unwrap();
    assert_eq!(own.title, "Ana Silva", "her own participant's payments");
    assert_forbidden(
        ledger::participant_ledger(office.store(), &case_manager, ben, moment()),
        "a case manager reads the payments of another case manager's participant",
    );
}

// ---- The monthly payment run ----

/// The leases of the run: one per way a month can stand.
struct RunOffice {
    office: Office,
    /// Rental assistance, lived in all along.
    assisted: Lease,
    /// Master lease, lived in all along; the tenant pays utilities.
    master: Lease,
    /// Rental assistance, moved out on 11/15/2026.
    moved_out: Lease,
    /// Master lease, moved out on 10/10/2026; the next participant,
    /// identified on 10/20/2026, moves in on 01/05/2027.
    awaiting_next: Lease,
    /// Rental assistance on a unit inspected on 11/22/2025: its annual
    /// inspection is overdue since today.
    overdue: Lease,
    clerk: Session,
    supervisor: Session,
}

impl RunOffice {
    fn new(dir: &std::path::Path) -> RunOffice {
        let mut office = Office::new(dir);
        let admin = office.admin.clone();
        let (_, _, assisted) = office.housed("Ana Silva", "1A");

        let ben = office.enrolled("Ben Okoro", &crate::income::form());
        let unit = office.ready_unit("1B", "11/20/2026", &[ben]);
        let master = office.lease(&unit, ben, "master_lease", "09/01/2026", "09/01/2026");

        let (_, _, moved_out) = office.housed("Cara Lind", "1C");
        let out = MoveOutInput { move_out_date: "11/15/2026".into(), reason: "Moved in with her daughter".into() };
        let moved_out = leases::move_out(office.store(), &admin, moved_out.id, &out, moment()).unwrap();

        let dan = office.enrolled("Dan Brooks", &crate::income::form());
        let eve = office.enrolled("Eve Marsh", &crate::income::form());
        let unit = office.ready_unit("1D", "11/20/2026", &[dan]);
        let awaiting_next = office.lease(&unit, dan, "master_lease", "09/01/2026", "09/01/2026");
        let out = MoveOutInput { move_out_date: "10/10/2026".into(), reason: "Went home to Ohio".into() };
        leases::move_out(office.store(), &admin, awaiting_next.id, &out, moment()).unwrap();
        let next = NextParticipantInput {
            participant_id: eve.to_string(),
            identified_on: "10/20/2026".into(),
            moves_in_on: "01/05/2027".into(),
        };
        let awaiting_next =
            leases::set_next_participant(office.store(), &admin, awaiting_next.id, &next, moment()).unwrap();

        // Leased two days ago, when the inspection of 11/22/2025 still stood.
        let fay = office.enrolled("Fay Quinn", &crate::income::form());
        let unit = office.ready_unit("1E", "11/22/2025", &[fay]);
        let input = lease_from(fay, "rental_assistance", "09/01/2026", "09/01/2026");
        let overdue = leases::create(office.store(), &admin, unit.id, &input, moment_on("2026-11-21")).unwrap();

        add_staff(&mut office.desk, "oclerk", "Omar Clerk", "office_staff");
        add_staff(&mut office.desk, "ssuper", "Sara Super", "supervisor");
        let supervisor = sign_in_as(&mut office.desk, "ssuper");
        let clerk = sign_in_as(&mut office.desk, "oclerk");
        RunOffice { office, assisted, master, moved_out, awaiting_next, overdue, clerk, supervisor }
    }

    fn store(&mut self) -> &mut Store {
        self.office.store()
    }

    fn prepare(&mut self, month: &str) -> PaymentRun {
        let clerk = self.clerk.clone();
        payment_run::prepare(self.store(), &clerk, month, moment()).unwrap()
    }

    fn approve(&mut self, run: &PaymentRun) -> PaymentRun {
        let supervisor = self.supervisor.clone();
        payment_run::approve(self.store(), &supervisor, run.id, moment()).unwrap()
    }

    /// The UtilityPayment line's amount: the utility allowance of the master
    /// lease's calculation.
    fn utility_allowance(&mut self) -> Money {
        let id = self.master.calculation_id;
        income_calc::get(self.store(), id).unwrap().result.output.utility_allowance
    }
}

/// The run's line for `lease` in `category`.
fn line<'a>(run: &'a PaymentRun, lease: &Lease, category: CostCategory) -> &'a RunLineView {
    run.lines
        .iter()
        .find(|l| l.lease_id == Some(lease.id) && l.category == category)
        .unwrap_or_else(|| panic!("no {category:?} line for lease {} in {:#?}", lease.id, run.lines))
}

#[test]
fn the_payment_run_pays_each_lease_by_the_vacancy_rules_and_holds_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = RunOffice::new(dir.path());
    let utilities = r.utility_allowance();
    let run = r.prepare("12/15/2026");
    assert_eq!((run.month, run.status), (d("2026-12-01"), RunStatus::Prepared), "the month holding the day");

    let assisted = line(&run, &r.assisted, CostCategory::RentalAssistancePayment);
    assert_eq!(
        (assisted.amount.to_string(), assisted.days_covered, assisted.held, assisted.payee.as_str()),
        ("959.00".into(), 31, false, "Lawndale Properties LLC"),
        "contract rent less tenant rent, to the owner's payee"
    );
    assert_eq!((assisted.period_start, assisted.period_end), (d("2026-12-01"), d("2026-12-31")));

    let master = line(&run, &r.master, CostCategory::MasterLeaseRent);
    assert_eq!((master.amount.to_string(), master.held), ("1150.00".into(), false), "the full rent");
    let bill = line(&run, &r.master, CostCategory::UtilityPayment);
    assert_eq!(
        (bill.amount, bill.held, bill.amount_editable),
        (Money::ZERO, false, true),
        "the actual bill is entered before approval"
    );
    let guide = bill.note.as_deref().unwrap_or_default();
    assert!(guide.contains(&format!("the utility allowance for the unit is {}", utilities.dollars())), "{guide}");

    // Moved out 11/15: paid through 12/30, 30 days after the end of November.
    let moved_out = line(&run, &r.moved_out, CostCategory::RentalAssistancePayment);
    assert_eq!(
        (moved_out.days_covered, moved_out.days_in_month, moved_out.period_end, moved_out.held),
        (30, 31, d("2026-12-30"), false)
    );
    assert_eq!(moved_out.amount.to_string(), "928.06", "$959 × 30/31");
    let note = moved_out.note.as_deref().unwrap_or_default();
    assert!(note.starts_with("30 of 31 days, at $959.00 a month."), "{note}");
    assert!(note.contains("only through 12/30/2026"), "{note}");

    let awaiting = line(&run, &r.awaiting_next, CostCategory::MasterLeaseRent);
    assert_eq!(
        (awaiting.amount.to_string(), awaiting.days_covered, awaiting.held),
        ("1150.00".into(), 31, false),
        "the next participant moves in within 90 days of the move-out"
    );

    let overdue = line(&run, &r.overdue, CostCategory::RentalAssistancePayment);
    assert!(overdue.held, "no assistance while the annual inspection is overdue");
    assert_eq!(
        overdue.note.as_deref(),
        Some("No assistance until the unit passes its inspection: annual inspection overdue.")
    );

    assert_eq!(run.lines.len(), 6, "{:#?}", run.lines);
    assert_eq!(run.held, 1);
    // The utility bill counts once its actual amount is entered.
    let expected = money("959") + money("1150") + money("928.06") + money("1150");
    assert_eq!(run.total, expected, "every line not held, and only those");
}

#[test]
fn the_month_after_the_thirty_days_is_held_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = RunOffice::new(dir.path());
    let run = r.prepare("01/01/2027");

    let moved_out = line(&run, &r.moved_out, CostCategory::RentalAssistancePayment);
    assert!(moved_out.held, "nothing is paid past 12/30/2026 until someone moves in");
    assert_eq!(moved_out.amount.to_string(), "959.00", "held at the month's amount, for the record");
    assert_eq!(
        moved_out.note.as_deref(),
        Some(
            "The participant moved out on 11/15/2026: payments could continue only through 12/30/2026, \
             30 days from the end of November 2026, until another participant moves in."
        )
    );
    let awaiting = line(&run, &r.awaiting_next, CostCategory::MasterLeaseRent);
    assert_eq!((awaiting.amount.to_string(), awaiting.held), ("1150.00".into(), false), "the next one moves in 01/05");
    assert!(!line(&run, &r.assisted, CostCategory::RentalAssistancePayment).held);
}

#[test]
fn a_run_is_posted_whole_or_not_at_all_and_each_month_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = RunOffice::new(dir.path());
    let clerk = r.clerk.clone();
    let first = r.prepare("12/01/2026");
    assert_eq!(
        fields(payment_run::prepare(r.store(), &clerk, "12/31/2026", moment())),
        ["month"],
        "one run a month at a time"
    );
    assert_forbidden(payment_run::approve(r.store(), &clerk, first.id, moment()), "office staff approves");
    assert_eq!(
        fields(payment_run::post(r.store(), &clerk, first.id, "11/23/2026", moment())),
        ["run"],
        "a run is approved before it is posted"
    );
    let first = r.approve(&first);
    assert_eq!(first.status, RunStatus::Approved);

    // Meanwhile someone pays Ana's December by hand.
    let ana = r.assisted.clone();
    let unit = housing_desk::units::get(r.store(), ana.unit_id).unwrap();
    let by_hand = rent(ana.participant_id, &unit, "12/01/2026", "12/31/2026", "959.00");
    ledger::record_payment(r.store(), &clerk, &by_hand, moment()).unwrap();
    let before = payment_count(r.store());
    let failed = payment_run::post(r.store(), &clerk, first.id, "11/23/2026", moment());
    assert!(message_for(failed, "run").contains("was paid meanwhile"), "the run would pay December twice");
    assert_eq!(payment_count(r.store()), before, "nothing of the run was posted");
    assert_eq!(payment_run::get(r.store(), &clerk, first.id).unwrap().status, RunStatus::Approved, "still approved");

    let discarded = payment_run::discard(r.store(), &clerk, first.id, moment()).unwrap();
    assert_eq!(discarded.status, RunStatus::Discarded);
    let second = r.prepare("12/01/2026");
    assert_ne!(second.id, first.id);
    let paid = line(&second, &ana, CostCategory::RentalAssistancePayment);
    assert!(paid.held, "already paid by hand");
    assert_eq!(paid.note.as_deref(), Some("Already paid for this month in the ledger."));
    assert_eq!(second.held, 2, "Ana's December and the overdue unit");
    // The master lease's utility bills came in: their actual amount is entered.
    let bill = second.lines.iter().find(|l| l.category == CostCategory::UtilityPayment).unwrap().id;
    let second = payment_run::set_line_amount(r.store(), &clerk, second.id, bill, "92.17", moment()).unwrap();

    let second = r.approve(&second);
    let posted = payment_run::post(r.store(), &clerk, second.id, "11/23/2026", moment()).unwrap();
    assert_eq!((posted.status, posted.paid_on), (RunStatus::Posted, Some(d("2026-11-23"))));
    let written = db::ledger::payments(r.store().conn(), db::ledger::Owner::Run(second.id)).unwrap();
    let mut written: Vec<_> = written.iter().map(|p| (p.lease_id, p.category.clone(), p.amount, p.paid_on)).collect();
    let mut expected: Vec<_> = second
        .lines
        .iter()
        .filter(|l| !l.held && l.amount > Money::ZERO)
        .map(|l| (l.lease_id, l.category.code().to_string(), l.amount, d("2026-11-23")))
        .collect();
    written.sort();
    expected.sort();
    assert_eq!(written, expected, "exactly the lines not held, with the run's id");
    assert_eq!(payment_count(r.store()), before + 4);
    assert_eq!(fields(payment_run::discard(r.store(), &clerk, second.id, moment())), ["run"], "a posted run stays");
    let again = payment_run::prepare(r.store(), &clerk, "12/01/2026", moment());
    assert!(message_for(again, "month").contains("already posted"), "December is paid once");
}

#[test]
fn only_a_utility_bill_on_a_prepared_run_can_be_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = RunOffice::new(dir.path());
    let clerk = r.clerk.clone();
    let run = r.prepare("12/01/2026");
    let bill = line(&run, &r.master, CostCategory::UtilityPayment).clone();
    let rent_line = line(&run, &r.master, CostCategory::MasterLeaseRent).clone();
    let overdue = line(&run, &r.overdue, CostCategory::RentalAssistancePayment).clone();

    assert_eq!(
        fields(payment_run::set_line_amount(r.store(), &clerk, run.id, rent_line.id, "1100", moment())),
        ["amount"],
        "the rent comes from the lease"
    );
    assert_eq!(
        fields(payment_run::set_line_amount(r.store(), &clerk, run.id, overdue.id, "900", moment())),
        ["amount"],
        "a held line is not paid, whatever its amount"
    );
    let corrected = payment_run::set_line_amount(r.store(), &clerk, run.id, bill.id, "92.40", moment()).unwrap();
    let new_bill = corrected.lines.iter().find(|l| l.id == bill.id).unwrap();
    assert_eq!(new_bill.amount.to_string(), "92.40");
    assert_eq!(corrected.total, run.total - bill.amount + money("92.40"), "the total follows the bill");
    let (entry, changes) = last_audit(r.store());
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("payment_run", Some(run.id)));
    assert_eq!(changes, [change(&format!("line {} amount", bill.id), Some(&bill.amount.to_string()), Some("92.40"))]);

    let approved = r.approve(&run);
    assert!(approved.lines.iter().all(|l| !l.amount_editable), "nothing is editable once approved");
    assert_eq!(
        fields(payment_run::set_line_amount(r.store(), &clerk, run.id, bill.id, "95", moment())),
        ["amount"],
        "the supervisor approved the amounts as they stood"
    );
}

#[test]
fn a_subsistence_allowance_paid_by_hand_after_approval_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let carla = office.enrolled("Carla Diaz", &no_income());
    let unit = office.ready_unit("1A", "11/20/2026", &[carla]);
    office.lease(&unit, carla, "rental_assistance", "09/01/2026", "09/01/2026");
    office.case(carla, &vocational("11/2026", "8"));
    add_staff(&mut office.desk, "ssuper", "Sara Super", "supervisor");
    let admin = office.admin.clone();

    let run = payment_run::prepare(office.store(), &admin, "12/01/2026", moment()).unwrap();
    let allowance = run.lines.iter().find(|l| l.category == CostCategory::SubsistenceAllowance).unwrap();
    assert_eq!((allowance.amount.to_string(), allowance.held), ("300.00".into(), false), "{:?}", allowance.note);
    let supervisor = sign_in_as(&mut office.desk, "ssuper");
    payment_run::approve(office.store(), &supervisor, run.id, moment()).unwrap();

    // Meanwhile December's allowance is paid by hand.
    office.pay(&subsistence(carla, "12/01/2026", "12/31/2026", "300")).unwrap();
    let before = payment_count(office.store());
    let posted = payment_run::post(office.store(), &supervisor, run.id, "11/23/2026", moment());
    assert!(message_for(posted, "run").contains("was paid meanwhile"), "December's allowance would be paid twice");
    assert_eq!(payment_count(office.store()), before, "nothing of the run was posted");
}

#[test]
fn a_unit_leased_again_is_not_paid_twice_for_the_same_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = RunOffice::new(dir.path());
    let admin = r.office.admin.clone();

    // Eve, identified for unit 1D, signs her own master lease from 01/05/2027.
    let eve = r.awaiting_next.next_participant.as_ref().unwrap().participant_id;
    let schedule = r.office.schedule.clone();
    let unit_id = r.awaiting_next.unit_id;
    let store = r.store();
    payment_check::record(store, &admin, unit_id, &check_input(eve, &schedule), moment()).unwrap();
    let unit = housing_desk::units::get(store, unit_id).unwrap();
    let eves = r.office.lease(&unit, eve, "master_lease", "01/05/2027", "01/05/2027");

    // Cara's unit 1C is leased again under rental assistance: Gus moves in 12/10/2026.
    let gus = r.office.enrolled("Gus Halvorsen", &crate::income::form());
    let schedule = r.office.schedule.clone();
    let unit_id = r.moved_out.unit_id;
    payment_check::record(r.store(), &admin, unit_id, &check_input(gus, &schedule), moment()).unwrap();
    let unit = housing_desk::units::get(r.store(), unit_id).unwrap();
    let gus_lease = r.office.lease(&unit, gus, "rental_assistance", "12/10/2026", "12/10/2026");

    let december = r.prepare("12/01/2026");
    let cara = line(&december, &r.moved_out, CostCategory::RentalAssistancePayment);
    assert_eq!(
        (cara.period_start, cara.period_end, cara.days_covered),
        (d("2026-12-01"), d("2026-12-09"), 9),
        "Cara's vacancy is paid until Gus moves in, not through 12/30: {:?}",
        cara.note
    );
    let gus = line(&december, &gus_lease, CostCategory::RentalAssistancePayment);
    assert_eq!((gus.period_start, gus.period_end), (d("2026-12-10"), d("2026-12-31")));

    let january = r.prepare("01/01/2027");
    let dan = line(&january, &r.awaiting_next, CostCategory::MasterLeaseRent);
    assert_eq!(
        (dan.period_start, dan.period_end, dan.days_covered),
        (d("2027-01-01"), d("2027-01-04"), 4),
        "Dan's lease waits for Eve, whose own lease pays from 01/05: {:?}",
        dan.note
    );
    let eve = line(&january, &eves, CostCategory::MasterLeaseRent);
    assert_eq!((eve.period_start, eve.period_end, eve.days_covered), (d("2027-01-05"), d("2027-01-31"), 27));
}

#[test]
fn the_run_holds_the_utility_reimbursement_of_a_unit_whose_annual_inspection_is_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let admin = office.admin.clone();
    // With no income her TTP is below the $85 allowance: the grantee
    // reimburses her utilities. Leased two days ago, when the inspection of
    // 11/22/2025 still stood; today it is overdue.
    let fay = office.enrolled("Fay Quinn", &no_income());
    let unit = office.ready_unit("1E", "11/22/2025", &[fay]);
    let input = lease_from(fay, "rental_assistance", "09/01/2026", "09/01/2026");
    let lease = leases::create(office.store(), &admin, unit.id, &input, moment_on("2026-11-21")).unwrap();
    assert!(lease.utility_reimbursement > Money::ZERO, "the premise: {}", lease.utility_reimbursement);

    let run = payment_run::prepare(office.store(), &admin, "12/01/2026", moment()).unwrap();
    let reimbursement = line(&run, &lease, CostCategory::UtilityAllowanceReimbursement);
    assert!(reimbursement.held, "no assistance, utilities included, while the annual inspection is overdue");
    assert_eq!(
        reimbursement.note.as_deref(),
        Some("No assistance until the unit passes its inspection: annual inspection overdue.")
    );
    assert!(line(&run, &lease, CostCategory::RentalAssistancePayment).held, "the rent is held for the same reason");
    let counted = run.lines.iter().filter(|l| !l.held).fold(Money::ZERO, |t, l| t + l.amount);
    assert_eq!(run.total, counted, "a held line is not in the total");
}

#[test]
fn a_move_in_that_houses_the_participant_and_each_payment_a_run_posts_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let admin = office.admin.clone();
    let ana = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1A", "11/20/2026", &[ana]);
    let lease = office.lease(&unit, ana, "rental_assistance", "11/01/2026", "");
    let updates = |office: &mut Office| -> Vec<Changes> {
        let entries = audits(office.store(), "participant", ana);
        entries.into_iter().filter(|(action, _)| action == "update").map(|(_, changes)| changes).collect()
    };
    assert!(updates(&mut office).is_empty(), "not housed until the move-in");

    let moved_in = MoveInInput { move_in_date: "11/20/2026".into() };
    leases::record_move_in(office.store(), &admin, lease.id, &moved_in, moment()).unwrap();
    assert_eq!(
        updates(&mut office),
        [vec![change("status", Some("enrolled"), Some("housed"))]],
        "the participant's status changed with the move-in: the trail says so"
    );

    // December pays Ana's rent and Ben's: two payments, two entries.
    office.housed("Ben Okoro", "1B");
    add_staff(&mut office.desk, "ssuper", "Sara Super", "supervisor");
    let run = payment_run::prepare(office.store(), &admin, "12/01/2026", moment()).unwrap();
    let supervisor = sign_in_as(&mut office.desk, "ssuper");
    payment_run::approve(office.store(), &supervisor, run.id, moment()).unwrap();
    payment_run::post(office.store(), &supervisor, run.id, "11/23/2026", moment()).unwrap();
    let written = db::ledger::payments(office.store().conn(), db::ledger::Owner::Run(run.id)).unwrap();
    assert_eq!(written.len(), 2, "{written:#?}");
    let run_id = run.id.to_string();
    for p in &written {
        let amount = p.amount.to_string();
        assert_eq!(
            audits(office.store(), "payment", p.id),
            [(
                "create".to_string(),
                vec![
                    change("category", None, Some("rental_assistance_payment")),
                    change("payee", None, Some("Lawndale Properties LLC")),
                    change("amount", None, Some(&amount)),
                    change("run", None, Some(&run_id)),
                ]
            )],
            "one entry for payment {}, made by the run",
            p.id
        );
    }
}

/// A PHA schedule on which the fixture unit's heat and lights come to $85 a
/// month for one bedroom, the allowance `income::form` uses: a lease needs
/// its calculation made with the unit's own allowance.
fn money_schedule(store: &mut Store, session: &Session) -> i64 {
    use housing_desk::reference::{self, ScheduleImport};
    let import = ScheduleImport {
        name: "CHA apartments 2026 (leases)".into(),
        pha: "Chicago Housing Authority".into(),
        unit_type: "apartment".into(),
        effective_from: "2026-01-01".into(),
        source: "CHA utility allowance schedule, HUD-52667".into(),
        csv: "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\n\
              heating,natural gas,45,55,62,70,78,85\n\
              other electric,,25,30,38,46,55,63\n"
            .into(),
    };
    reference::import_utility_schedule(store, session, &import, moment()).unwrap();
    reference::utility_schedules(store).unwrap().into_iter().find(|s| s.name == import.name).unwrap().id
}

#[test]
fn the_home_page_asks_for_the_next_run_its_approval_and_posting_and_for_leases_ending() {
    use housing_desk::dashboard::{self, AttentionKind, Scope};
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let p = office.enrolled("Ana Silva", &crate::income::form());
    let unit = office.ready_unit("1F", "11/20/2026", &[p]);
    let admin = office.admin.clone();
    // A lease whose last day is 01/15/2027, 53 days from 11/23/2026.
    let input =
        LeaseInput { end_date: "01/15/2027".into(), ..lease_from(p, "rental_assistance", "11/01/2026", "11/01/2026") };
    let lease = leases::create(office.store(), &admin, unit.id, &input, moment()).unwrap();
    let card = participants::housing_card(office.store(), &admin, p, moment()).unwrap();
    assert_eq!(card.move_in_date, Some(d("2026-11-01")), "the housing card shows the lease's move-in");
    let group = |office: &mut Office, session: &Session, kind: AttentionKind| {
        let dash = dashboard::dashboard(office.store(), session, Scope::Office, moment()).unwrap();
        dash.attention.into_iter().find(|g| g.kind == kind).map(|g| g.items).unwrap_or_default()
    };
    let ending = group(&mut office, &admin, AttentionKind::LeaseEnding);
    assert_eq!(ending.len(), 1);
    assert_eq!(ending[0].name, "Ana Silva");
    assert_eq!(ending[0].date, Some(d("2027-01-15")));
    assert_eq!(ending[0].link, format!("#/units/{}", unit.id));
    assert!(ending[0].detail.starts_with("The lease at 1401 S Lawndale Ave, 1F, Chicago ends"), "{}", ending[0].detail);
    // Renewed through the summer: no longer ending soon.
    let renewal = LeaseChangeInput {
        kind: "renewal".into(),
        effective_on: "01/16/2027".into(),
        end_date: "07/31/2027".into(),
        ..LeaseChangeInput::default()
    };
    leases::change(office.store(), &admin, lease.id, &renewal, moment()).unwrap();
    assert!(group(&mut office, &admin, AttentionKind::LeaseEnding).is_empty(), "renewed");

    // From the 15th, December's run is asked for; prepared, it waits for a
    // supervisor; approved, it waits to be posted; posted, nothing is left.
    let runs = group(&mut office, &admin, AttentionKind::PaymentRun);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].name, "Payments for December 2026");
    assert_eq!(runs[0].link, "#/payments");
    let run = payment_run::prepare(office.store(), &admin, "12/01/2026", moment()).unwrap();
    add_staff(&mut office.desk, "kbell", "Keisha Bell", "supervisor");
    add_staff(&mut office.desk, "druiz", "Dana Ruiz", "case_manager");
    let supervisor = sign_in_as(&mut office.desk, "kbell");
    let waiting = group(&mut office, &supervisor, AttentionKind::PaymentRun);
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].detail, "Prepared: waiting for your approval");
    assert_eq!(waiting[0].link, format!("#/payments/runs/{}", run.id));
    payment_run::approve(office.store(), &supervisor, run.id, moment()).unwrap();
    let approved = group(&mut office, &admin, AttentionKind::PaymentRun);
    assert_eq!(approved[0].detail, "Approved by Keisha Bell: post it to the ledger");
    payment_run::post(office.store(), &admin, run.id, "11/23/2026", moment()).unwrap();
    assert!(group(&mut office, &admin, AttentionKind::PaymentRun).is_empty(), "posted");
    let case_manager = sign_in_as(&mut office.desk, "druiz");
    let dash = dashboard::dashboard(office.store(), &case_manager, Scope::Office, moment()).unwrap();
    assert!(dash.attention.iter().all(|g| g.kind != AttentionKind::PaymentRun), "case managers do not run payments");
}

#[test]
fn the_documents_behind_a_payment_are_kept_with_it_by_the_people_who_keep_the_payments() {
    use base64::Engine;
    use housing_desk::attachments::{self, AttachmentInput};
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    let paid = office.pay(&deposit(ana, &unit, "1000")).unwrap();
    let receipt = AttachmentInput {
        entity: "payment".into(),
        entity_id: paid.id,
        file_name: "receipt.pdf".into(),
        media_type: "application/pdf".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.4 receipt"),
    };
    let admin = office.admin.clone();
    let kept = attachments::add(office.store(), &admin, &receipt, moment()).unwrap();
    assert_eq!(kept.file_name, "receipt.pdf");
    assert_eq!(attachments::list(office.store(), &admin, "payment", paid.id).unwrap().len(), 1);
    let missing = AttachmentInput { entity_id: 9_999, ..receipt.clone() };
    assert!(attachments::add(office.store(), &admin, &missing, moment()).is_err(), "no such payment");
    add_staff(&mut office.desk, "hlee", "Hana Lee", "housing_locator");
    let locator = sign_in_as(&mut office.desk, "hlee");
    assert_forbidden(
        attachments::add(office.store(), &locator, &receipt, moment()),
        "a locator files a payment's receipt",
    );
}
