//! The quarterly reports: the performance and financial workbooks opened
//! again with calamine, the one-page summary, the grant budget that the
//! financial figures are set against, and the holiday table that moves the
//! monthly due date.
//!
//! The office of `reports::october`: Ana referred 07/20/2026 and housed
//! 09/01; Cy referred in 2025 and exited 09/15/2026; Ben referred 10/12
//! (after the third quarter). Today is 11/23/2026.

use calamine::{Data, DataType, Reader};
use housing_desk::reports::budget::{self, BudgetAmountInput, BudgetInput};
use housing_desk::reports::holidays::{self, HolidayInput};
use housing_desk::reports::quarterly::MeasureKind;
use housing_desk::reports::{self, QuarterlyFormat, ReportKind};
use housing_desk::rules::eligible_costs::CostCategory;

use crate::reports::{find, october, open};
use crate::support::*;

/// Records a payment straight into the ledger (the ledger's own rules are
/// tested in money.rs; here only its totals matter).
fn paid(store: &housing_desk::store::Store, category: &str, on: &str, amount: &str) {
    let cents: i64 = (amount.parse::<f64>().unwrap() * 100.0).round() as i64;
    store
        .conn()
        .execute(
            "INSERT INTO payment (category, payee, payee_kind, paid_on, amount, amount_cents, created_at)
             VALUES (?1, 'Lawndale Properties LLC', 'owner', ?2, ?3, ?4, '2026-11-23T12:00:00Z')",
            rusqlite::params![category, on, amount, cents],
        )
        .unwrap();
}

fn amounts(lines: &[(CostCategory, &str)]) -> Vec<BudgetAmountInput> {
    lines.iter().map(|(c, a)| BudgetAmountInput { category: *c, amount: (*a).into() }).collect()
}

#[test]
fn the_quarter_counts_each_person_once_against_the_triple_aim() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let preview = reports::quarterly_preview(store, &admin, "2026-Q3", moment().today).unwrap();
    assert_eq!(preview.due_on, d("2026-10-30"), "30 days after 09/30");
    let f = &preview.figures;
    assert_eq!((f.first, f.last, f.period.as_str()), (d("2026-07-01"), d("2026-09-30"), "July–September 2026"));
    assert_eq!((f.fiscal_year, f.fiscal_year_start), (2027, d("2026-07-01")));
    let value = |label: &str| {
        let m = f.measures.iter().find(|m| m.label == label).unwrap_or_else(|| panic!("no measure {label}"));
        m.value.map(|v| v.to_string())
    };
    assert_eq!(value("Participants served").as_deref(), Some("2"), "Ana and Cy, once each");
    assert_eq!(value("Referred").as_deref(), Some("1"), "Ana in July; Cy in 2025");
    assert_eq!(value("Housed").as_deref(), Some("1"), "Ana moved in on 09/01");
    assert_eq!(value("Housed at the quarter's end").as_deref(), Some("1"));
    assert_eq!(f.housed_at_end, 1);
    assert_eq!(value("Average days from referral to housing").as_deref(), Some("43"), "07/20 to 09/01");
    assert_eq!(value("Exited").as_deref(), Some("1"), "Cy on 09/15");
    assert_eq!(f.exits_by_destination.iter().map(|(_, n)| n).sum::<u32>(), 1);
    assert_eq!(f.measures.iter().find(|m| m.label == "Vocational hours").map(|m| m.kind), Some(MeasureKind::Hours));
    assert_eq!(f.engagement.len(), 3, "one line per month of the quarter");
    assert_eq!(f.engagement[0].label, "July 2026");

    assert_eq!(
        fields(reports::quarterly_preview(store, &admin, "2027-Q1", moment().today)),
        ["quarter"],
        "not started"
    );
    assert_eq!(fields(reports::quarterly_preview(store, &admin, "2024-Q4", moment().today)), ["quarter"], "8 back");
    assert_eq!(fields(reports::quarterly_preview(store, &admin, "Q3", moment().today)), ["quarter"]);
    assert!(reports::quarterly_preview(store, &admin, "2026-Q4", moment().today).is_ok(), "the quarter so far");
}

#[test]
fn the_performance_workbook_reads_back_with_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let r = reports::produce_quarterly(
        store,
        &admin,
        "2026-Q3",
        ReportKind::QuarterlyPerformance,
        QuarterlyFormat::Workbook,
        moment(),
    )
    .unwrap();
    assert_eq!(r.file_name, "Quarterly performance 2026 Q3.xlsx");
    assert_eq!(r.period, "July–September 2026");
    assert_eq!(r.summary, "2 served, 1 housed at the quarter's end");
    let file = reports::file(store, &admin, r.id).unwrap();
    let mut book = open(&file.bytes);
    assert_eq!(
        book.sheet_names(),
        ["Performance", "Exits by destination", "Engagement", "Notes"],
        "counts and rates identify no one: no notice of 42 CFR 2.32 (see disclosure::needs_part2_notice)"
    );
    let sheet = book.worksheet_range("Performance").unwrap();
    let (header, measure_col) = find(&sheet, "Measure");
    let value_col = find(&sheet, "Value").1;
    let row = |label: &str| {
        (header + 1..sheet.height())
            .find(|r| sheet.get((*r, measure_col)) == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(sheet.get((row("Exited"), value_col)).and_then(|c| c.as_f64()), Some(1.0));
    assert_eq!(
        sheet.get((row("Average days from referral to housing"), value_col)).and_then(|c| c.as_f64()),
        Some(43.0)
    );
    let stability = sheet.get((row("Housing stability"), value_col)).cloned();
    assert!(matches!(stability, Some(Data::Float(_))), "a percentage is a number: {stability:?}");
    let notes = book.worksheet_range("Notes").unwrap();
    let terms: Vec<String> = notes.rows().filter_map(|r| r.first().map(|c| c.to_string())).collect();
    assert!(terms.iter().any(|t| t == "The triple aim"), "{terms:?}");
    assert!(terms.iter().any(|t| t == "Housing stability"), "each measure is defined");
}

#[test]
fn the_financial_report_sets_the_quarter_and_the_year_against_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();
    paid(store, "security_deposit", "2026-08-15", "2000.00");
    paid(store, "rental_assistance_payment", "2026-09-01", "959.00");
    paid(store, "rental_assistance_payment", "2026-06-20", "959.00"); // FY2026
    paid(store, "rental_assistance_payment", "2026-10-01", "959.00"); // the next quarter

    let before = reports::quarterly_preview(store, &admin, "2026-Q3", moment().today).unwrap().figures;
    assert_eq!(before.budget_total, None, "no budget yet");
    assert_eq!(before.quarter_total.to_string(), "2959.00");
    let none = reports::produce_quarterly(
        store,
        &admin,
        "2026-Q3",
        ReportKind::QuarterlyFinancial,
        QuarterlyFormat::Workbook,
        moment(),
    )
    .unwrap();
    assert_eq!(none.summary, "$2,959.00 spent in the quarter; no budget entered");

    let input = BudgetInput {
        fiscal_year: 2027,
        amounts: amounts(&[
            (CostCategory::SecurityDeposit, "10,000"),
            (CostCategory::RentalAssistancePayment, "$50000.00"),
            (CostCategory::SigningBonus, ""),
        ]),
    };
    let view = budget::save(store, &admin, &input, moment()).unwrap();
    assert_eq!(view.total.to_string(), "60000.00");
    assert_eq!(view.lines.len(), CostCategory::ALL.len(), "every category is offered");
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("grant_budget", Some(2027)));
    assert_eq!(changes.len(), 2, "the two amounts set: {changes:?}");

    let f = reports::quarterly_preview(store, &admin, "2026-Q3", moment().today).unwrap().figures;
    assert_eq!(f.budget_total.map(|m| m.to_string()).as_deref(), Some("60000.00"));
    assert_eq!(f.year_to_date_total.to_string(), "2959.00", "from 07/01, not June's payment");
    assert_eq!(f.remaining_total.map(|m| m.to_string()).as_deref(), Some("57041.00"));
    let rent = f.spending.iter().find(|l| l.category == CostCategory::RentalAssistancePayment).unwrap();
    assert_eq!(
        (rent.quarter.to_string(), rent.remaining.map(|m| m.to_string())),
        ("959.00".into(), Some("49041.00".into()))
    );

    let r = reports::produce_quarterly(
        store,
        &admin,
        "2026-Q3",
        ReportKind::QuarterlyFinancial,
        QuarterlyFormat::Workbook,
        moment(),
    )
    .unwrap();
    assert_eq!(r.summary, "$2,959.00 spent in the quarter, $2,959.00 of $60,000.00 in the fiscal year");
    let file = reports::file(store, &admin, r.id).unwrap();
    let mut book = open(&file.bytes);
    assert_eq!(book.sheet_names(), ["Spending", "Notes"]);
    let sheet = book.worksheet_range("Spending").unwrap();
    let (header, category_col) = find(&sheet, "Eligible-cost category");
    let col = |h: &str| find(&sheet, h).1;
    let row = |label: &str| {
        (header + 1..sheet.height())
            .find(|r| sheet.get((*r, category_col)) == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let cell = |r: usize, c: usize| sheet.get((r, c)).and_then(|v| v.as_f64());
    let deposit = row("Security deposit");
    assert_eq!(cell(deposit, col("Budget FY2027")), Some(10000.0));
    assert_eq!(cell(deposit, col("Spent in the quarter")), Some(2000.0));
    assert_eq!(cell(deposit, col("Budget remaining")), Some(8000.0));
    assert_eq!(cell(deposit, col("Share of budget spent")), Some(0.2), "20% as Excel keeps a percentage");
    let total = row("Total");
    assert_eq!(cell(total, col("Spent in the fiscal year to date")), Some(2959.0));

    // The one-page summary, kept with the performance report.
    let pdf = reports::produce_quarterly(
        store,
        &admin,
        "2026-Q3",
        ReportKind::QuarterlyPerformance,
        QuarterlyFormat::Summary,
        moment(),
    )
    .unwrap();
    assert_eq!(pdf.file_name, "Quarterly performance summary 2026 Q3.pdf");
    let bytes = reports::file(store, &admin, pdf.id).unwrap().bytes;
    assert!(bytes.starts_with(b"%PDF"));
    let text = crate::consents::pdf_words(&bytes);
    assert!(!text.contains("42 CFR part 2"), "a summary of counts carries no disclosure notice:\n{text}");
    let to = dir.path().join("summary.pdf");
    reports::save_copy(store, &admin, pdf.id, &to, moment()).unwrap();
    assert!(to.exists());
}

#[test]
fn the_budget_names_the_amount_to_correct_and_only_supervisors_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    add_staff(&mut office.desk, "tkim", "Tia Kim", "office_staff");
    add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");
    let supervisor = sign_in_as(&mut office.desk, "sgrant");
    let store = office.store();

    let bad = BudgetInput {
        fiscal_year: 2027,
        amounts: amounts(&[(CostCategory::SecurityDeposit, "ten thousand"), (CostCategory::InspectionCost, "-5")]),
    };
    assert_eq!(
        fields(budget::save(store, &supervisor, &bad, moment())),
        ["budget_security_deposit", "budget_inspection_cost"]
    );
    let huge = BudgetInput { fiscal_year: 2027, amounts: amounts(&[(CostCategory::SecurityDeposit, "500000000")]) };
    assert_eq!(fields(budget::save(store, &supervisor, &huge, moment())), ["budget_security_deposit"]);
    let far = BudgetInput { fiscal_year: 2031, amounts: vec![] };
    assert_eq!(fields(budget::save(store, &supervisor, &far, moment())), ["fiscal_year"]);
    let good = BudgetInput { fiscal_year: 2027, amounts: amounts(&[(CostCategory::SecurityDeposit, "12500.50")]) };
    assert_eq!(budget::save(store, &supervisor, &good, moment()).unwrap().total.to_string(), "12500.50");

    let staff = sign_in_as(&mut office.desk, "tkim");
    let store = office.store();
    let seen = budget::view(store, &staff, Some(2027), moment().today).unwrap();
    assert!(!seen.editable, "office staff see it");
    let today_s = budget::view(store, &staff, None, moment().today).unwrap();
    assert_eq!(today_s.fiscal_year, 2027, "without a year, the one 11/23/2026 is in");
    let offered: Vec<(i32, &str)> = today_s.years.iter().map(|y| (y.year, y.label.as_str())).collect();
    assert_eq!(offered[1], (2027, "FY2027: 07/01/2026 to 06/30/2027"));
    assert_eq!(offered.len(), 3);
    assert_forbidden(budget::save(store, &staff, &good, moment()), "office staff");
    let cm = sign_in_as(&mut office.desk, "dreyes");
    let store = office.store();
    assert_forbidden(budget::view(store, &cm, None, moment().today), "case manager");
    assert_forbidden(reports::quarterly_preview(store, &cm, "2026-Q3", moment().today), "case manager");
}

#[test]
fn a_holiday_the_administrator_adds_moves_the_monthly_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();
    let due = |store: &housing_desk::store::Store| {
        reports::monthly_preview(store, &admin, "2026-11", moment().today).unwrap().due_on
    };
    assert_eq!(due(store), d("2026-12-07"), "Tue 1st to Mon 7th: five business days");

    let typed = HolidayInput { day: "12/03/2026".into(), name: "Office closed (flood)".into() };
    let list = holidays::save(store, &admin, &typed, moment()).unwrap();
    assert!(list.iter().any(|h| h.day == d("2026-12-03") && h.name == "Office closed (flood)"));
    assert_eq!(due(store), d("2026-12-08"));
    let (entry, _) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.action.as_str()), ("holiday", "create"));
    let christmas = list.iter().find(|h| h.day == d("2026-12-25")).expect("the table starts with the year's holidays");
    assert!(!christmas.on_weekend, "a Friday in 2026");

    holidays::remove(store, &admin, "2026-12-03", moment()).unwrap();
    assert_eq!(due(store), d("2026-12-07"));
    assert_eq!(last_audit(store).0.action, "delete");

    let empty = HolidayInput { day: "12/32/2026".into(), name: " ".into() };
    assert_eq!(fields(holidays::save(store, &admin, &empty, moment())), ["day", "name"]);
    let far = HolidayInput { day: "01/01/2031".into(), name: "New Year's Day".into() };
    assert_eq!(fields(holidays::save(store, &admin, &far, moment())), ["day"]);
    assert!(matches!(
        holidays::remove(store, &admin, "2026-12-03", moment()),
        Err(housing_desk::error::DeskError::NotFound(_))
    ));

    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    let supervisor = sign_in_as(&mut office.desk, "sgrant");
    let store = office.store();
    assert!(holidays::list(store, &supervisor, moment().today).is_ok(), "a supervisor sees them");
    assert_forbidden(holidays::save(store, &supervisor, &typed, moment()), "supervisor");
}

#[test]
fn an_office_that_has_just_started_owes_nothing_for_the_months_before_its_first_referral() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = crate::money::Office::new(dir.path());
    let admin = office.admin.clone();
    let store = office.store();
    let first = housing_desk::participants::ParticipantInput {
        referral_date: "11/20/2026".into(),
        expected_release_date: String::new(),
        ..participant("Ada Quinn")
    };
    housing_desk::participants::create(store, &admin, &first, moment()).unwrap();

    let due = reports::due(store, &admin, moment().today).unwrap();
    let period = |kind: ReportKind| {
        let r = due.iter().find(|r| r.kind == kind).unwrap();
        (r.period.clone(), r.due_on)
    };
    assert_eq!(period(ReportKind::Monthly), ("November 2026".into(), d("2026-12-07")), "not August to October");
    assert_eq!(period(ReportKind::QuarterlyPerformance), ("October–December 2026".into(), d("2027-01-30")));
    assert_eq!(period(ReportKind::QuarterlyFinancial), ("October–December 2026".into(), d("2027-01-30")));
}
