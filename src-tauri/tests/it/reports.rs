//! Reports: the monthly participant workbook opened again with a reader
//! (calamine) and checked cell by cell, the check before export, DMH's
//! template loaded, mapped and filled, the history with its submitted
//! dates, the due dates, and who may produce them.
//!
//! Today is 11/23/2026 (`support::moment`): October 2026's data is due on
//! Monday 11/09/2026 (Election Day, 11/03, is a holiday).

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use housing_desk::engagement::{self, VisitInput};
use housing_desk::participants::{self, ParticipantInput};
use housing_desk::reports::mapping::{self, MappingInput};
use housing_desk::reports::{self, ReportKind, SubmittedInput, TemplateFileInput};

use crate::money::Office;
use crate::support::*;

fn visit(date: &str, kind: &str) -> VisitInput {
    VisitInput {
        visit_date: date.into(),
        kind: kind.into(),
        minutes: "45".into(),
        with_whom: String::new(),
        notes: String::new(),
        linkages: vec!["mental_health".into()],
    }
}

/// The office with, for October 2026: Ana housed since 09/01 (rental
/// assistance, $959 a month from the grantee) with two visits, one at home;
/// Ben referred on 10/12 with his demographics; Cy referred in 2025 and
/// exited on 09/15/2026 (left before October: not in it).
pub(crate) fn october(dir: &std::path::Path) -> (Office, i64, i64, i64) {
    let mut office = Office::new(dir);
    let admin = office.admin.clone();
    let (ana, _, _) = office.housed("Ana Silva", "1A");
    let store = office.store();
    store.conn().execute("UPDATE participant SET referral_date = '2026-07-20' WHERE id = ?1", [ana]).unwrap();
    engagement::log_visit(store, &admin, ana, &visit("10/06/2026", "home"), moment()).unwrap();
    engagement::log_visit(store, &admin, ana, &visit("10/20/2026", "community"), moment()).unwrap();
    let ben_input = ParticipantInput {
        referral_date: "10/12/2026".into(),
        expected_release_date: String::new(),
        demographics: housing_desk::demographics::DemographicsInput {
            sex: "male".into(),
            race_ethnicity: vec!["black_african_american".into(), "hispanic_latina".into()],
            veteran_status: "yes".into(),
            disabling_condition: "yes".into(),
            ..Default::default()
        },
        ..participant("Ben Okoro")
    };
    let ben = participants::create(store, &admin, &ben_input, moment()).unwrap().id;
    let cy_input = ParticipantInput {
        referral_date: "03/02/2025".into(),
        expected_release_date: String::new(),
        ..participant("Cy Moreau")
    };
    let cy = participants::create(store, &admin, &cy_input, moment()).unwrap().id;
    store
        .conn()
        .execute(
            "INSERT INTO participant_exit (participant_id, exit_date, reason, destination, unit_outcome, created_at)
             VALUES (?1, '2026-09-15', 'chose_to_leave', 'unknown', 'no_unit', '2026-09-15T12:00:00Z')",
            [cy],
        )
        .unwrap();
    store.conn().execute("UPDATE participant SET status = 'exited' WHERE id = ?1", [cy]).unwrap();
    (office, ana, ben, cy)
}

/// A cell's date, when it is a real Excel date (a number formatted as one).
pub(crate) fn date_of(value: &Data) -> Option<NaiveDate> {
    match value {
        Data::DateTime(dt) if dt.is_datetime() => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(dt.as_f64() as u64))
        }
        _ => None,
    }
}

pub(crate) fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("the workbook opens again")
}

/// The row and column of `header` in `range`.
pub(crate) fn find(range: &calamine::Range<Data>, header: &str) -> (usize, usize) {
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if matches!(cell, Data::String(s) if s == header) {
                return (r, c);
            }
        }
    }
    panic!("no header {header:?}");
}

#[test]
fn the_monthly_workbook_has_a_row_for_everyone_referred_or_served_with_real_dates_and_money() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ana, ben, cy) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let record = reports::produce_monthly(store, &admin, "2026-10", ReportKind::Monthly, moment()).unwrap();
    assert_eq!(record.period, "October 2026");
    assert_eq!(record.summary, "2 participants", "Ana and Ben; Cy left in September");
    assert_eq!(record.file_name, "Monthly participant data 2026-10.xlsx");
    let file = reports::file(store, &admin, record.id).unwrap();

    let mut book = open(&file.bytes);
    assert_eq!(
        book.sheet_names(),
        ["October 2026", "Notes", "Disclosure notice"],
        "a row per participant is a disclosure of part 2 records: the notice of 42 CFR 2.32 is the last sheet"
    );
    let notice = book.worksheet_range("Disclosure notice").unwrap();
    let words: Vec<String> = notice.rows().filter_map(|r| r.first().map(|c| c.to_string())).collect();
    assert!(
        words.iter().any(|w| w == "42 CFR part 2 prohibits unauthorized use or disclosure of these records."),
        "the shipped statement: {words:?}"
    );
    let sheet = book.worksheet_range("October 2026").unwrap();
    let (header_row, id_col) = find(&sheet, "Participant ID");
    let col = |h: &str| find(&sheet, h).1;
    let cell = |r: usize, c: usize| sheet.get((r, c)).cloned().unwrap_or(Data::Empty);
    let ids: Vec<Data> = (header_row + 1..sheet.height()).map(|r| cell(r, id_col)).collect();
    assert_eq!(ids.len(), 2, "one row per participant");
    let row_of = |id: i64| header_row + 1 + ids.iter().position(|d| d.as_f64() == Some(id as f64)).expect("a row");
    assert!(!ids.iter().any(|d| d.as_f64() == Some(cy as f64)), "Cy exited before October");

    let a = row_of(ana);
    assert_eq!(cell(a, col("Name")), Data::String("Ana Silva".into()));
    let move_in = cell(a, col("Move-in date"));
    assert_eq!(date_of(&move_in), Some(d("2026-09-01")), "a real date, not text: {move_in:?}");
    assert_eq!(cell(a, col("Rental assistance paid by grantee")).as_f64(), Some(959.0), "money as a number");
    assert_eq!(cell(a, col("Tenant rent")).as_f64(), Some(191.0));
    assert_eq!(cell(a, col("Status at month end")), Data::String("Housed".into()));
    assert_eq!(cell(a, col("Engagement visits (month)")).as_f64(), Some(2.0));
    assert_eq!(cell(a, col("Home visits (month)")).as_f64(), Some(1.0));
    assert_eq!(cell(a, col("Engagement standard met")), Data::String("Yes".into()));
    assert_eq!(
        cell(a, col("Treatment and recovery-support linkage (month)")),
        Data::String("Mental health services".into())
    );
    assert_eq!(cell(a, col("Sex")), Data::String("Not asked".into()), "never guessed");

    let b = row_of(ben);
    assert_eq!(date_of(&cell(b, col("Referral date"))), Some(d("2026-10-12")));
    assert_eq!(cell(b, col("Sex")), Data::String("Male".into()));
    assert_eq!(
        cell(b, col("Race and ethnicity")),
        Data::String("Black, African American, or African; Hispanic/Latina/e/o".into())
    );
    assert_eq!(cell(b, col("Veteran")), Data::String("Yes".into()));
    assert_eq!(cell(b, col("Status at month end")), Data::String("Referred".into()));
    assert_eq!(cell(b, col("Engagement standard met")), Data::String("Not required".into()));
    assert_eq!(cell(b, col("Move-in date")), Data::Empty);

    let notes = book.worksheet_range("Notes").unwrap();
    let terms: Vec<String> = notes.rows().filter_map(|r| r.first().map(|c| c.to_string())).collect();
    assert!(terms.iter().any(|t| t == "Move-in date"), "every header is defined: {terms:?}");
    assert!(terms.iter().any(|t| t == "Who is included"));
}

#[test]
fn the_check_before_export_names_what_is_missing_with_a_link_to_mend_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ana, ben, _) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let november = reports::monthly_preview(store, &admin, "2026-11", moment().today).unwrap();
    assert_eq!(november.participants, 2);
    assert_eq!(november.due_on, d("2026-12-07"), "the 5th business day of December");
    let ana_items: Vec<(&str, &str)> = november
        .check
        .iter()
        .filter(|c| c.participant_id == ana)
        .map(|c| (c.problem.as_str(), c.link.as_str()))
        .collect();
    let engagement = format!("#/participants/{ana}/engagement");
    assert!(
        !ana_items.iter().any(|(_, l)| *l == engagement),
        "November is still running: visits to come are not missing yet {ana_items:?}"
    );
    let september = reports::monthly_preview(store, &admin, "2026-09", moment().today).unwrap();
    assert!(
        september.check.iter().any(|c| c.participant_id == ana
            && c.problem == "No engagement visits recorded in the month."
            && c.link == engagement),
        "housed from 09/01 and not seen in September: {:?}",
        september.check
    );
    let record = format!("#/participants/{ana}");
    assert!(ana_items.iter().any(|(p, l)| p.starts_with("No demographics recorded") && *l == record), "{ana_items:?}");
    assert!(
        !november.check.iter().any(|c| c.participant_id == ben && c.problem.starts_with("No demographics")),
        "Ben's demographics are recorded"
    );
    assert!(
        november.check.iter().any(|c| c.participant_id == ana && c.problem == "Enrolled without a finished screening."),
        "the fixture enrolled Ana without a screening"
    );

    let october = reports::monthly_preview(store, &admin, "2026-10", moment().today).unwrap();
    assert_eq!(october.due_on, d("2026-11-09"), "Election Day on the 3rd is a holiday");
    assert!(!october.check.iter().any(|c| c.link.ends_with("/engagement")), "October's visits meet the standard");

    assert_eq!(
        fields(reports::monthly_preview(store, &admin, "2026-12", moment().today)),
        ["month"],
        "not started yet"
    );
    assert_eq!(fields(reports::monthly_preview(store, &admin, "2025-10", moment().today)), ["month"], "13 months back");
    assert_eq!(fields(reports::monthly_preview(store, &admin, "October", moment().today)), ["month"]);
}

#[test]
fn every_report_is_kept_and_marked_submitted_and_the_due_dates_move_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let due = reports::due(store, &admin, moment().today).unwrap();
    let monthly = due.iter().find(|r| r.kind == ReportKind::Monthly).unwrap();
    assert_eq!(monthly.period, "August 2026", "the oldest of the last three months not submitted");
    let quarterly = due.iter().find(|r| r.kind == ReportKind::QuarterlyPerformance).unwrap();
    assert_eq!((quarterly.period.as_str(), quarterly.due_on), ("July–September 2026", d("2026-10-30")));
    assert_eq!(quarterly.days_left, -24, "overdue");

    let mut kept = Vec::new();
    for month in ["2026-08", "2026-09", "2026-10"] {
        let r = reports::produce_monthly(store, &admin, month, ReportKind::Monthly, moment()).unwrap();
        let typed = SubmittedInput { submitted_on: "11/09/2026".into() };
        kept.push(reports::mark_submitted(store, &admin, r.id, &typed, moment()).unwrap());
    }
    assert_eq!(kept[2].submitted_on, Some(d("2026-11-09")));
    assert_eq!(kept[2].submitted_by.as_deref(), Some("Maria Okafor"));
    let due = reports::due(store, &admin, moment().today).unwrap();
    let monthly = due.iter().find(|r| r.kind == ReportKind::Monthly).unwrap();
    assert_eq!((monthly.period.as_str(), monthly.due_on, monthly.days_left), ("November 2026", d("2026-12-07"), 14));

    let history = reports::history(store, &admin).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].period, "October 2026", "newest first");
    assert_eq!(history[0].created_by, "Maria Okafor");

    let early = SubmittedInput { submitted_on: "10/31/2026".into() };
    assert_eq!(
        fields(reports::mark_submitted(store, &admin, kept[2].id, &early, moment())),
        ["submitted_on"],
        "October's data cannot have been sent before October ended"
    );
    let future = SubmittedInput { submitted_on: "12/01/2026".into() };
    assert_eq!(fields(reports::mark_submitted(store, &admin, kept[0].id, &future, moment())), ["submitted_on"]);
    let cleared = reports::mark_submitted(store, &admin, kept[0].id, &SubmittedInput::default(), moment()).unwrap();
    assert_eq!(cleared.submitted_on, None);
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("report", Some(kept[0].id)));
    assert_eq!(changes, [change("submitted_on", Some("2026-11-09"), None)]);

    // A copy goes where the user chose, as the same kind of file.
    let to = dir.path().join("October.xlsx");
    reports::save_copy(store, &admin, kept[2].id, &to, moment()).unwrap();
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.action.as_str(), entry.entity.as_str(), entry.entity_id), ("export", "report", Some(kept[2].id)));
    assert_eq!(changes, [change("saved_to", None, Some(&to.display().to_string()))], "who saved which report where");
    assert_eq!(std::fs::read(&to).unwrap(), reports::file(store, &admin, kept[2].id).unwrap().bytes);
    assert_eq!(
        fields(reports::save_copy(store, &admin, kept[2].id, &dir.path().join("October.pdf"), moment())),
        ["path"]
    );
}

#[test]
fn dmh_template_is_loaded_once_mapped_and_filled_by_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ana, ..) = october(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    // DMH's template: instructions first, then a data sheet whose headers
    // are on row 3 in DMH's words.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Instructions").unwrap().write(0, 0, "Complete one row per consumer.").unwrap();
    let data = book.add_worksheet().set_name("Consumers").unwrap();
    data.write(0, 0, "Housing is Recovery: monthly consumer data").unwrap();
    for (i, h) in ["Client ID", "Consumer Name", "DOB", "Move-In Date", "Rental Assistance Amount", "Agency use only"]
        .iter()
        .enumerate()
    {
        data.write(2, i as u16, *h).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    use base64::Engine;
    let typed = TemplateFileInput {
        file_name: "HIR monthly template.xlsx".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
    };
    let (name, decoded) = typed.decode().unwrap();
    let view = mapping::load(store, &admin, &name, &decoded, moment()).unwrap();
    assert_eq!((view.sheet.as_str(), view.header_row), ("Consumers", 3));
    let suggested: Vec<Option<&str>> = view.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(
        suggested,
        [Some("participant_id"), Some("name"), Some("birth_date"), Some("move_in_date"), Some("assistance"), None]
    );
    assert!(
        reports::monthly_preview(store, &admin, "2026-10", moment().today).unwrap().template_ready,
        "the suggestions already fill columns"
    );

    // The administrator leaves the name out (DMH asked for IDs only).
    let chosen = MappingInput {
        fields: ["participant_id", "", "birth_date", "move_in_date", "assistance", ""].map(String::from).to_vec(),
    };
    mapping::save(store, &admin, &chosen, moment()).unwrap();
    assert!(reports::monthly_preview(store, &admin, "2026-10", moment().today).unwrap().template_ready);
    let bad = MappingInput { fields: ["participant_id", "shoe_size", "", "", "", ""].map(String::from).to_vec() };
    assert_eq!(fields(mapping::save(store, &admin, &bad, moment())), ["fields.1"]);
    // A new version of the same template keeps what the administrator chose.
    let again = mapping::load(store, &admin, &name, &decoded, moment()).unwrap();
    let kept: Vec<Option<&str>> = again.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(
        kept,
        [Some("participant_id"), None, Some("birth_date"), Some("move_in_date"), Some("assistance"), None],
        "the name column stays empty, as chosen, rather than suggested again"
    );

    let record = reports::produce_monthly(store, &admin, "2026-10", ReportKind::MonthlyDmh, moment()).unwrap();
    let file = reports::file(store, &admin, record.id).unwrap();
    let mut filled = open(&file.bytes);
    assert_eq!(
        filled.sheet_names(),
        ["Instructions", "Consumers", "Disclosure notice"],
        "DMH's sheets, kept, and the notice of 42 CFR 2.32 after them"
    );
    let notice = filled.worksheet_range("Disclosure notice").unwrap();
    assert_eq!(
        notice.get((2, 0)),
        Some(&Data::String("42 CFR part 2 prohibits unauthorized use or disclosure of these records.".into()))
    );
    let instructions = filled.worksheet_range("Instructions").unwrap();
    assert_eq!(instructions.get((0, 0)), Some(&Data::String("Complete one row per consumer.".into())));
    let sheet = filled.worksheet_range("Consumers").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().skip(3).map(|r| r.to_vec()).collect();
    let row = rows.iter().find(|r| r.first().and_then(|c| c.as_f64()) == Some(ana as f64)).expect("Ana's row");
    assert!(matches!(row.get(1), None | Some(Data::Empty)), "the name column is left empty");
    assert_eq!(row.get(3).and_then(date_of), Some(d("2026-09-01")));
    assert_eq!(row.get(4).and_then(|c| c.as_f64()), Some(959.0));

    let not_xlsx = TemplateFileInput { file_name: "template.xls".into(), base64: String::new() };
    assert_eq!(fields(not_xlsx.decode().map_err(housing_desk::error::DeskError::from)), ["file"]);
    let garbage = mapping::load(store, &admin, "x.xlsx", b"not a workbook", moment());
    assert_eq!(fields(garbage), ["file"]);
}

#[test]
fn only_the_roles_that_see_whole_records_produce_reports_and_only_the_administrator_maps_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let (mut office, ..) = october(dir.path());
    let admin = office.admin.clone();
    add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut office.desk, "lpark", "Lee Park", "housing_locator");
    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    for who in ["dreyes", "lpark"] {
        let session = sign_in_as(&mut office.desk, who);
        let store = office.store();
        assert_forbidden(reports::monthly_preview(store, &session, "2026-10", moment().today), who);
        assert_forbidden(reports::produce_monthly(store, &session, "2026-10", ReportKind::Monthly, moment()), who);
        assert_forbidden(reports::history(store, &session), who);
    }
    let supervisor = sign_in_as(&mut office.desk, "sgrant");
    let store = office.store();
    let record = reports::produce_monthly(store, &supervisor, "2026-10", ReportKind::Monthly, moment()).unwrap();
    assert_eq!(record.created_by, "Sam Grant");
    assert_forbidden(mapping::load(store, &supervisor, "t.xlsx", b"x", moment()), "supervisor");
    let _ = admin;
}
