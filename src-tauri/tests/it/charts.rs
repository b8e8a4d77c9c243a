//! The program charts end to end: participants along the path over twelve
//! months, the housed count, days from referral to housing, engagement of
//! the people housed the whole month, the grant year's spending against
//! its budget, and who may see them.
//!
//! Today is 11/23/2026 (`support::moment`): the charts run from December
//! 2025 to November 2026, and the grant year is FY2027, from 07/01/2026.

use housing_desk::engagement::{self, VisitInput};
use housing_desk::ledger::{self, PaymentInput};
use housing_desk::participants;
use housing_desk::reports::charts;
use housing_desk::rules::eligible_costs::CostCategory;
use housing_desk::rules::Money;
use housing_desk::store as db;

use crate::money::Office;
use crate::support::*;

fn visit(date: &str, kind: &str) -> VisitInput {
    VisitInput {
        visit_date: date.into(),
        kind: kind.into(),
        minutes: "45".into(),
        with_whom: String::new(),
        notes: String::new(),
        linkages: vec![],
    }
}

fn money(s: &str) -> Money {
    Money(s.parse().unwrap())
}

/// The office: Ana referred 07/20 and housed since 09/01 (43 days), two
/// visits in October (one at home), none in September; Ben referred 10/01,
/// enrolled 10/05 and housed from 10/15 (14 days); Cy referred 03/02,
/// enrolled 04/01 and exited 09/15; Dee referred 10/12 and found eligible
/// on 10/20; Eve referred 11/20. Spending: Ana's rent for October and her
/// deposit in FY2027, and a fee paid on 06/30/2026 (FY2026, not counted);
/// a budget for rental assistance and deposits.
fn office(dir: &std::path::Path) -> Office {
    let mut office = Office::new(dir);
    let admin = office.admin.clone();
    let (ana, unit, _) = office.housed("Ana Silva", "1A");
    let ben = office.enrolled("Ben Okoro", &crate::income::form());
    let ben_unit = office.ready_unit("2B", "10/01/2026", &[ben]);
    office.lease(&ben_unit, ben, "rental_assistance", "10/15/2026", "10/15/2026");
    let store = office.store();
    let cy = participants::create(store, &admin, &participant("Cy Moreau"), moment()).unwrap().id;
    let dee = participants::create(store, &admin, &participant("Dee Park"), moment()).unwrap().id;
    participants::create(store, &admin, &participant("Eve Chen"), moment()).unwrap();
    let sql = [
        format!("UPDATE participant SET referral_date = '2026-07-20' WHERE id = {ana}"),
        format!("UPDATE participant SET referral_date = '2026-10-01' WHERE id = {ben}"),
        format!("INSERT INTO enrollment (participant_id, enrolled_on, updated_at) VALUES ({ben}, '2026-10-05', '')"),
        format!("UPDATE participant SET referral_date = '2026-03-02', status = 'exited' WHERE id = {cy}"),
        format!("INSERT INTO enrollment (participant_id, enrolled_on, updated_at) VALUES ({cy}, '2026-04-01', '')"),
        format!(
            "INSERT INTO participant_exit (participant_id, exit_date, reason, destination, unit_outcome, created_at)
             VALUES ({cy}, '2026-09-15', 'chose_to_leave', 'unknown', 'no_unit', '2026-09-15T12:00:00Z')"
        ),
        format!("UPDATE participant SET referral_date = '2026-10-12', status = 'eligible' WHERE id = {dee}"),
        format!(
            "INSERT INTO screening (participant_id, form, started_at, updated_at, finished_at, determination)
             VALUES ({dee}, '{{}}', '2026-10-13T15:00:00Z', '2026-10-20T15:00:00Z', '2026-10-20T15:00:00Z', 'eligible')"
        ),
        format!(
            "INSERT INTO payment (category, participant_id, payee, payee_kind, paid_on, amount, amount_cents, created_at)
             VALUES ('rental_application_fee', {cy}, 'Lawndale Properties LLC', 'owner', '2026-06-30', '50.00', 5000, '')"
        ),
    ];
    for s in sql {
        store.conn().execute(&s, []).unwrap();
    }
    engagement::log_visit(store, &admin, ana, &visit("10/06/2026", "home"), moment()).unwrap();
    engagement::log_visit(store, &admin, ana, &visit("10/20/2026", "community"), moment()).unwrap();
    engagement::log_visit(store, &admin, ana, &visit("09/10/2026", "phone"), moment()).unwrap();
    let pay = |category: &str, paid_on: &str, amount: &str| PaymentInput {
        category: category.into(),
        participant_id: ana.to_string(),
        unit_id: unit.id.to_string(),
        payee: "Lawndale Properties LLC".into(),
        payee_kind: "owner".into(),
        paid_on: paid_on.into(),
        amount: amount.into(),
        reference: "CHK 1042".into(),
        ..Default::default()
    };
    let rent = PaymentInput {
        period_start: "10/01/2026".into(),
        period_end: "10/31/2026".into(),
        ..pay("rental_assistance_payment", "10/01/2026", "959.00")
    };
    ledger::record_payment(store, &admin, &rent, moment()).unwrap();
    let deposit = PaymentInput { refundable: true, ..pay("security_deposit", "09/01/2026", "2300.00") };
    ledger::record_payment(store, &admin, &deposit, moment()).unwrap();
    let budget = [
        ("rental_assistance_payment".to_string(), money("120000.00")),
        ("security_deposit".to_string(), money("10000.00")),
    ];
    db::reports::save_budget(store.conn(), 2027, &budget, admin.staff_id, moment().at).unwrap();
    office
}

#[test]
fn the_charts_follow_each_participant_month_by_month_and_the_spending_against_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = office(dir.path());
    let admin = office.admin.clone();
    let c = charts::program_charts(office.store(), &admin, moment().today).unwrap();

    assert_eq!(c.period, "December 2025 to November 2026");
    let labels: Vec<&str> = c.months.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"Dec 2025"), "twelve months ending with this one");
    assert_eq!(labels.last(), Some(&"Nov 2026"));
    assert_eq!(c.months.len(), 12);
    let month = |label: &str| c.months.iter().find(|m| m.label == label).unwrap();

    // The path at each month's end (this month at today).
    let stages = |label: &str| {
        let m = month(label);
        (m.referred, m.eligible, m.enrolled, m.housed)
    };
    assert_eq!(stages("Feb 2026"), (0, 0, 0, 0), "no one referred yet");
    assert_eq!(stages("Mar 2026"), (1, 0, 0, 0), "Cy referred 03/02");
    assert_eq!(stages("Jul 2026"), (1, 0, 1, 0), "Cy enrolled, Ana referred");
    assert_eq!(stages("Sep 2026"), (0, 0, 0, 1), "Ana housed, Cy exited 09/15 and no longer counted");
    assert_eq!(stages("Oct 2026"), (0, 1, 0, 2), "Dee found eligible, Ben housed 10/15");
    assert_eq!(month("Nov 2026").counted_on, d("2026-11-23"), "this month is counted today");
    assert_eq!(stages("Nov 2026"), (1, 1, 0, 2), "Eve referred 11/20");

    // Days from referral to the first move-in, by the month of the move-in.
    let sep = month("Sep 2026");
    assert_eq!((sep.moved_in, sep.median_days_to_housing, sep.average_days_to_housing), (1, Some(43.0), Some(43.0)));
    let oct = month("Oct 2026");
    assert_eq!((oct.moved_in, oct.median_days_to_housing), (1, Some(14.0)));
    assert_eq!(month("Aug 2026").median_days_to_housing, None, "no one housed in August");

    // Engagement: the people enrolled or housed a whole month are held to
    // it (as in the monthly data); a phone call does not count.
    let aug = month("Aug 2026");
    assert_eq!((aug.held_to_standard, aug.engagement_met), (1, 0), "Cy, enrolled all August, had no visits");
    assert_eq!((sep.held_to_standard, sep.engagement_met, sep.engagement_percent), (1, 0, Some(0.0)), "Ana");
    assert_eq!((oct.held_to_standard, oct.engagement_met, oct.engagement_percent), (1, 1, Some(100.0)));
    assert_eq!(month("Feb 2026").engagement_percent, None, "no one enrolled: nothing to divide");
    let nov = month("Nov 2026");
    assert!(!nov.ended && nov.engagement_percent.is_none(), "November has not ended");

    // FY2027 so far: the fee of 06/30/2026 belongs to FY2026.
    let s = &c.spending;
    assert_eq!((s.fiscal_year, s.from, s.through), (2027, d("2026-07-01"), d("2026-11-23")));
    let lines: Vec<(CostCategory, Money, Option<Money>)> =
        s.lines.iter().map(|l| (l.category, l.spent, l.budget)).collect();
    assert_eq!(
        lines,
        [
            (CostCategory::SecurityDeposit, money("2300.00"), Some(money("10000.00"))),
            (CostCategory::RentalAssistancePayment, money("959.00"), Some(money("120000.00"))),
        ]
    );
    assert_eq!((s.spent_total, s.budget_total), (money("3259.00"), Some(money("130000.00"))));
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["spending"]["spent_total"], "3259.00", "money crosses as text, never a float");
}

#[test]
fn only_office_staff_supervisors_and_administrators_see_the_charts() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = office(dir.path());
    add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut office.desk, "lpark", "Lee Park", "housing_locator");
    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    add_staff(&mut office.desk, "ojones", "Olu Jones", "office_staff");
    for who in ["dreyes", "lpark"] {
        let session = sign_in_as(&mut office.desk, who);
        assert_forbidden(charts::program_charts(office.store(), &session, moment().today), who);
    }
    for who in ["sgrant", "ojones"] {
        let session = sign_in_as(&mut office.desk, who);
        let c = charts::program_charts(office.store(), &session, moment().today).unwrap();
        assert_eq!(c.months.last().map(|m| m.housed), Some(2), "{who} sees the office's figures");
    }
}
