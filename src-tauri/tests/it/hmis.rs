//! The HMIS CSV export: produced from real records on a temporary store,
//! opened again as a `.zip`, read cell by cell, and run back through the
//! validator; the period typed wrong; a record that stops the export; who
//! may produce it.
//!
//! Today is 11/23/2026 (`support::moment`).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use housing_desk::casework::{self, CaseChange, ExitInput};
use housing_desk::demographics::DemographicsInput;
use housing_desk::income_calc::{self, IncomeForm};
use housing_desk::participants::{self, ParticipantInput};
use housing_desk::reports::hmis::{self, HmisResult};
use housing_desk::reports::hmis_csv::{self, HmisFile};
use housing_desk::reports::{self, ReportKind};

use crate::money::Office;
use crate::support::*;
use housing_desk::documents::disclosure_notice::NOTICE_FILE_NAME;

const FILES: [&str; 9] = [
    "Export.csv",
    "Organization.csv",
    "User.csv",
    "Project.csv",
    "Client.csv",
    "Enrollment.csv",
    "Exit.csv",
    "IncomeBenefits.csv",
    "Disabilities.csv",
];

/// Enrolls `id` on `on` (YYYY-MM-DD) as the case would after an eligible
/// screening (the screening itself is not what this file tests).
fn enroll(office: &mut Office, id: i64, on: &str) {
    let conn = office.store().conn();
    conn.execute(
        "INSERT INTO enrollment (participant_id, enrolled_on, updated_at) VALUES (?1, ?2, '2026-11-23T15:00:00Z')",
        rusqlite::params![id, on],
    )
    .unwrap();
    conn.execute("UPDATE participant SET status = 'enrolled' WHERE id = ?1 AND status <> 'housed'", [id]).unwrap();
}

fn exit(office: &mut Office, id: i64, on: &str, destination: &str) {
    let admin = office.admin.clone();
    let input = ExitInput {
        exit_date: on.into(),
        reason: "chose_to_leave".into(),
        destination: destination.into(),
        unit_outcome: "no_unit".into(),
        notes: String::new(),
    };
    casework::change(office.store(), &admin, id, &CaseChange::Exit(input), moment()).unwrap();
}

/// The office in the autumn of 2026:
/// - Ana: enrolled 08/20, housed since 09/01 (rental assistance), no
///   demographics asked, her SSI income calculated on 11/01;
/// - Ben: from the county jail, enrolled 10/05 with every demographic
///   answered, wages calculated on 10/06, left on 10/25 for a rental with a
///   subsidy;
/// - Cy: enrolled in 2025, left on 09/15/2026, before the autumn;
/// - Dee: referred only.
struct Autumn {
    office: Office,
    ana: i64,
    ben: i64,
    cy: i64,
    dee: i64,
}

fn autumn(dir: &std::path::Path) -> Autumn {
    let mut office = Office::new(dir);
    let admin = office.admin.clone();
    let (ana, _, _) = office.housed("Ana Silva", "1A");
    enroll(&mut office, ana, "2026-08-20");

    let ben_input = ParticipantInput {
        referral_source: "county_jail".into(),
        referral_date: "09/28/2026".into(),
        expected_release_date: String::new(),
        demographics: DemographicsInput {
            sex: "male".into(),
            race_ethnicity: vec!["black_african_american".into(), "hispanic_latina".into()],
            veteran_status: "yes".into(),
            disabling_condition: "yes".into(),
            mental_health_disorder: "yes".into(),
            substance_use_disorder: "alcohol".into(),
        },
        ..participant("Ben Okoro")
    };
    let ben = participants::create(office.store(), &admin, &ben_input, moment()).unwrap().id;
    enroll(&mut office, ben, "2026-10-05");
    let mut wages = crate::income::form();
    wages.as_of = "10/06/2026".into();
    wages.income = vec![IncomeForm {
        member: "participant".into(),
        source: "wages".into(),
        amount: "300".into(),
        frequency: "weekly".into(),
        hours_per_week: String::new(),
        verification: "pay_stubs".into(),
        document_date: "10/02/2026".into(),
    }];
    income_calc::save(office.store(), &admin, ben, &wages, moment()).unwrap();
    exit(&mut office, ben, "10/25/2026", "rental_with_subsidy");

    let cy_input = ParticipantInput {
        referral_date: "03/02/2025".into(),
        expected_release_date: String::new(),
        ..participant("Cy Moreau")
    };
    let cy = participants::create(office.store(), &admin, &cy_input, moment()).unwrap().id;
    enroll(&mut office, cy, "2025-05-01");
    exit(&mut office, cy, "09/15/2026", "unknown");

    let dee_input = ParticipantInput {
        referral_date: "10/12/2026".into(),
        expected_release_date: String::new(),
        ..participant("Dee Park")
    };
    let dee = participants::create(office.store(), &admin, &dee_input, moment()).unwrap().id;
    Autumn { office, ana, ben, cy, dee }
}

/// The CSV files in a `.zip`, in its order (the notice of 42 CFR 2.32
/// beside them is read by [`notice_in`]).
fn unzip(bytes: &[u8]) -> Vec<HmisFile> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the export is a zip");
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let found = f.name().unwrap().to_string();
        if found == NOTICE_FILE_NAME {
            continue;
        }
        let name = FILES.into_iter().find(|n| *n == found).unwrap_or_else(|| panic!("unexpected {found}"));
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        files.push(HmisFile { name, text });
    }
    files
}

/// The names of every file in a `.zip`, and the text of its notice file.
fn notice_in(bytes: &[u8]) -> (Vec<String>, Option<String>) {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the export is a zip");
    let names: Vec<String> =
        (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
    let text = archive.by_name(NOTICE_FILE_NAME).ok().map(|mut f| {
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        text
    });
    (names, text)
}

/// A file's rows as maps of column to cell.
fn rows(files: &[HmisFile], name: &str) -> Vec<HashMap<String, String>> {
    let file = files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name} in the zip"));
    let mut reader = csv::Reader::from_reader(file.text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

fn row_of<'a>(rows: &'a [HashMap<String, String>], column: &str, value: &str) -> &'a HashMap<String, String> {
    rows.iter().find(|r| r[column] == value).unwrap_or_else(|| panic!("a row with {column} {value}"))
}

fn produced(result: HmisResult) -> housing_desk::reports::ReportRecord {
    assert_eq!(result.problems, vec![], "the export passes its checks");
    result.report.expect("the export is kept")
}

#[test]
fn the_export_is_a_zip_of_fy2026_files_that_pass_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    let Autumn { mut office, ana, ben, cy, dee } = autumn(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let result = hmis::produce_hmis(store, &admin, "2026-10-01", "2026-11-23", moment()).unwrap();
    assert_eq!((result.clients, result.enrollments, result.exits), (2, 2, 1), "Ana and Ben; Cy left before");
    let record = produced(result);
    assert_eq!(record.kind, ReportKind::HmisCsv);
    assert_eq!(record.file_name, "HMIS CSV 2026-10-01 to 2026-11-23.zip");
    assert_eq!(record.summary, "2 clients, 2 enrollments, 1 exit");
    assert_eq!((record.period_start, record.period_end), (d("2026-10-01"), d("2026-11-23")));
    assert_eq!(record.created_by, "Maria Okafor", "kept with who made it");

    let zipped = reports::file(store, &admin, record.id).unwrap().bytes;
    let files = unzip(&zipped);
    let names: Vec<&str> = files.iter().map(|f| f.name).collect();
    assert_eq!(names, FILES, "the nine files, in the writer's order");
    // Client records with the substance use field: a disclosure of part 2
    // records, so the notice of 42 CFR 2.32 goes with it, as a file of its
    // own so that HMIS still imports every CSV.
    let (all, notice) = notice_in(&zipped);
    assert_eq!(all.len(), FILES.len() + 1, "the CSVs and the notice: {all:?}");
    assert_eq!(all.last().map(String::as_str), Some(NOTICE_FILE_NAME), "the notice comes last");
    let notice = notice.expect("the notice is in the zip");
    assert!(notice.contains("42 CFR part 2 prohibits unauthorized use or disclosure of these records."), "{notice}");
    assert!(!files.iter().any(|f| f.text.contains("42 CFR")), "no CSV carries the notice: they stay importable");
    assert_eq!(hmis_csv::validate(&files), vec![], "what was saved passes the validator as read back");

    let export = &rows(&files, "Export.csv")[0];
    assert_eq!(export["CSVVersion"], "FY2026");
    assert_eq!((export["ExportStartDate"].as_str(), export["ExportEndDate"].as_str()), ("2026-10-01", "2026-11-23"));
    assert_eq!(export["SourceName"], "Thresholds Housing", "the office is the source");
    let project = &rows(&files, "Project.csv")[0];
    assert_eq!((project["ProjectType"].as_str(), project["HousingType"].as_str()), ("3", "3"), "PSH, scattered site");
    assert_eq!(project["OperatingStartDate"], "2025-05-01", "the first enrollment, before the office was set up here");
    assert_eq!(rows(&files, "User.csv")[0]["UserID"], "mokafor", "the user who made it");

    let clients = rows(&files, "Client.csv");
    let ids: Vec<&str> = clients.iter().map(|c| c["PersonalID"].as_str()).collect();
    assert_eq!(ids, [ana.to_string(), ben.to_string()], "not Cy (left before), not Dee (referred only)");
    assert!(!ids.contains(&cy.to_string().as_str()) && !ids.contains(&dee.to_string().as_str()));
    let a = row_of(&clients, "PersonalID", &ana.to_string());
    assert_eq!((a["FirstName"].as_str(), a["LastName"].as_str()), ("Ana", "Silva"));
    assert_eq!(a["DOB"], "1984-03-15");
    assert_eq!(a["SSN"], "", "the app keeps no SSN");
    assert_eq!(a["SSNDataQuality"], "99");
    for column in ["Sex", "RaceNone", "VeteranStatus"] {
        assert_eq!(a[column], "99", "Ana was not asked: {column} is data not collected");
    }
    let b = row_of(&clients, "PersonalID", &ben.to_string());
    assert_eq!((b["Sex"].as_str(), b["VeteranStatus"].as_str()), ("1", "1"));
    assert_eq!((b["BlackAfAmerican"].as_str(), b["HispanicLatinao"].as_str(), b["White"].as_str()), ("1", "1", "0"));
    assert_eq!(b["RaceNone"], "", "a race is marked");

    let enrollments = rows(&files, "Enrollment.csv");
    for e in &enrollments {
        assert!(ids.contains(&e["PersonalID"].as_str()), "every enrollment's person is in Client.csv");
        assert_eq!(e["ProjectID"], project["ProjectID"], "every enrollment is in the project");
        assert_eq!(e["RelationshipToHoH"], "1");
    }
    let ea = row_of(&enrollments, "PersonalID", &ana.to_string());
    assert_eq!((ea["EntryDate"].as_str(), ea["MoveInDate"].as_str()), ("2026-08-20", "2026-09-01"));
    assert_eq!(ea["LivingSituation"], "206", "referred from a hospital");
    assert_eq!(ea["DisablingCondition"], "99");
    let eb = row_of(&enrollments, "PersonalID", &ben.to_string());
    assert_eq!((eb["EntryDate"].as_str(), eb["MoveInDate"].as_str()), ("2026-10-05", ""));
    assert_eq!((eb["LivingSituation"].as_str(), eb["DisablingCondition"].as_str()), ("207", "1"));

    let exits = rows(&files, "Exit.csv");
    assert_eq!(exits.len(), 1);
    assert_eq!(exits[0]["EnrollmentID"], eb["EnrollmentID"]);
    assert_eq!(exits[0]["ExitDate"], "2026-10-25");
    assert_eq!(
        (exits[0]["Destination"].as_str(), exits[0]["DestinationSubsidyType"].as_str()),
        ("435", "420"),
        "a rental with a subsidy, kind not recorded"
    );

    let incomes = rows(&files, "IncomeBenefits.csv");
    let income = |person: i64, stage: &str| {
        incomes
            .iter()
            .find(|r| r["PersonalID"] == person.to_string() && r["DataCollectionStage"] == stage)
            .unwrap_or_else(|| panic!("income of {person} at stage {stage}"))
    };
    let ana_entry = income(ana, "1");
    assert_eq!(ana_entry["InformationDate"], "2026-08-20");
    assert_eq!(ana_entry["IncomeFromAnySource"], "99", "no calculation near her entry: not collected");
    let ana_update = income(ana, "2");
    assert_eq!((ana_update["InformationDate"].as_str(), ana_update["SSIAmount"].as_str()), ("2026-11-01", "967.00"));
    assert_eq!(ana_update["TotalMonthlyIncome"], "967.00");
    let ben_entry = income(ben, "1");
    assert_eq!(ben_entry["InformationDate"], "2026-10-05", "the entry's information date is the entry date");
    assert_eq!(
        (ben_entry["Earned"].as_str(), ben_entry["EarnedAmount"].as_str()),
        ("1", "1300.00"),
        "$300 a week is $15,600 a year, $1,300 a month"
    );
    let ben_exit = income(ben, "3");
    assert_eq!((ben_exit["InformationDate"].as_str(), ben_exit["EarnedAmount"].as_str()), ("2026-10-25", "1300.00"));
    assert_eq!(ben_exit["BenefitsFromAnySource"], "99", "the app does not ask about benefits");

    let disabilities = rows(&files, "Disabilities.csv");
    let disability = |person: i64, kind: &str, stage: &str| {
        disabilities
            .iter()
            .find(|r| {
                r["PersonalID"] == person.to_string()
                    && r["DisabilityType"] == kind
                    && r["DataCollectionStage"] == stage
            })
            .unwrap_or_else(|| panic!("disability {kind} of {person} at stage {stage}"))
    };
    assert_eq!(disability(ben, "9", "1")["DisabilityResponse"], "1", "mental health disorder");
    assert_eq!(disability(ben, "9", "1")["IndefiniteAndImpairs"], "99", "asked only after a yes; not asked here");
    assert_eq!(disability(ben, "10", "1")["DisabilityResponse"], "1", "substance use: alcohol");
    assert_eq!(disability(ben, "10", "3")["InformationDate"], "2026-10-25", "and again at exit");
    assert_eq!(disability(ana, "9", "1")["DisabilityResponse"], "99");
    assert_eq!(disability(ana, "5", "1")["DisabilityResponse"], "99", "physical disability is not asked");
    assert_eq!(disabilities.len(), 6 * 3, "six types at Ana's entry, Ben's entry and Ben's exit");

    // A copy goes where the user chose, as a .zip and nothing else.
    let to = dir.path().join("hmis.zip");
    reports::save_copy(store, &admin, record.id, &to, moment()).unwrap();
    assert_eq!(std::fs::read(&to).unwrap(), reports::file(store, &admin, record.id).unwrap().bytes);
    assert_eq!(fields(reports::save_copy(store, &admin, record.id, &dir.path().join("hmis.csv"), moment())), ["path"]);

    let (entry, changes) = last_audit(store);
    assert_eq!((entry.action.as_str(), entry.entity_id), ("export", Some(record.id)), "the copy saved is audited");
    assert_eq!(changes, [change("saved_to", None, Some(&to.display().to_string()))]);
    let produced = housing_desk::store::audit::recent(store.conn(), 5).unwrap();
    let made = produced.iter().find(|e| e.action == "create" && e.entity_id == Some(record.id)).expect("audited");
    assert!(made.changes.as_deref().unwrap_or("").contains("2026-10-01 to 2026-11-23"), "{:?}", made.changes);
    assert_eq!(reports::history(store, &admin).unwrap()[0].id, record.id, "listed with the reports produced");
}

#[test]
fn a_period_with_no_one_in_it_gives_files_with_their_headers_only() {
    let dir = tempfile::tempdir().unwrap();
    let Autumn { mut office, .. } = autumn(dir.path());
    let admin = office.admin.clone();
    let store = office.store();

    let result = hmis::produce_hmis(store, &admin, "01/01/2024", "12/31/2024", moment()).unwrap();
    assert_eq!((result.clients, result.enrollments, result.exits), (0, 0, 0), "no one was enrolled before 2025");
    let record = produced(result);
    assert_eq!(record.summary, "0 clients, 0 enrollments, 0 exits");
    let files = unzip(&reports::file(store, &admin, record.id).unwrap().bytes);
    assert_eq!(hmis_csv::validate(&files), vec![]);
    assert!(rows(&files, "Client.csv").is_empty() && rows(&files, "Enrollment.csv").is_empty());
    assert_eq!(rows(&files, "Export.csv").len(), 1, "the export header is still there");
    let typed = reports::SubmittedInput { submitted_on: "11/20/2026".into() };
    assert_eq!(
        fields(reports::mark_submitted(store, &admin, record.id, &typed, moment())),
        ["submitted_on"],
        "the HMIS export is not a DMH report"
    );
}

#[test]
fn a_wrong_period_names_the_field_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Autumn { mut office, .. } = autumn(dir.path());
    let admin = office.admin.clone();
    let store = office.store();
    let cases: [(&str, &str, &[&str]); 5] = [
        ("", "2026-10-31", &["from"]),
        ("2026-10-01", "31.10.2026", &["to"]),
        ("2026-10-31", "2026-10-01", &["to"]),
        ("2026-11-01", "2026-12-31", &["to"]),
        ("2023-01-01", "2026-10-31", &["from"]),
    ];
    for (from, to, want) in cases {
        assert_eq!(fields(hmis::produce_hmis(store, &admin, from, to, moment())), want, "{from:?} to {to:?}");
    }
    assert_eq!(
        message_for(hmis::produce_hmis(store, &admin, "2026-10-31", "2026-10-01", moment()), "to"),
        "The last day must be on or after the first day."
    );
    assert!(reports::history(store, &admin).unwrap().is_empty(), "nothing was kept");
}

#[test]
fn records_that_cannot_be_exported_stop_it_with_the_participant_and_what_to_mend() {
    let dir = tempfile::tempdir().unwrap();
    let Autumn { mut office, ana, .. } = autumn(dir.path());
    let admin = office.admin.clone();
    // Eve is housed by the records, but her case has no enrollment date.
    let (eve, _, _) = office.housed("Eve Adams", "2B");
    // Ana's enrollment date typed as 09/10, after she moved in on 09/01.
    let store = office.store();
    store.conn().execute("UPDATE enrollment SET enrolled_on = '2026-09-10' WHERE participant_id = ?1", [ana]).unwrap();

    let result = hmis::produce_hmis(store, &admin, "2026-10-01", "2026-11-23", moment()).unwrap();
    assert_eq!(result.report, None, "not kept while something is wrong");
    let eve_problem = result.problems.iter().find(|p| p.participant_id == Some(eve)).expect("Eve is named");
    assert_eq!(
        eve_problem.message,
        "Eve Adams is marked housed, but the case has no enrollment date, so HMIS cannot be told when their stay began."
    );
    assert_eq!(eve_problem.link.as_deref(), Some(format!("#/participants/{eve}/case").as_str()));
    assert_eq!(eve_problem.file, None);

    let move_in = result
        .problems
        .iter()
        .find(|p| p.column.as_deref() == Some("MoveInDate"))
        .unwrap_or_else(|| panic!("the validator's finding is passed on: {:?}", result.problems));
    assert_eq!(move_in.file.as_deref(), Some("Enrollment.csv"));
    assert_eq!(move_in.message, "The move-in date 09/01/2026 is before the enrollment date 09/10/2026.");
    assert_eq!(move_in.name.as_deref(), Some("Ana Silva"), "the row is traced back to its participant");
    assert_eq!(move_in.fix, "Check the enrollment date on the case and the move-in date on the lease.");
    assert_eq!(move_in.link_text.as_deref(), Some("Open the case"));
    assert!(reports::history(store, &admin).unwrap().is_empty(), "nothing was kept");
}

#[test]
fn only_the_roles_that_see_whole_records_export_to_hmis() {
    let dir = tempfile::tempdir().unwrap();
    let Autumn { mut office, .. } = autumn(dir.path());
    add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut office.desk, "lpark", "Lee Park", "housing_locator");
    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    for who in ["dreyes", "lpark"] {
        let session = sign_in_as(&mut office.desk, who);
        assert_forbidden(hmis::produce_hmis(office.store(), &session, "2026-10-01", "2026-10-31", moment()), who);
    }
    let supervisor = sign_in_as(&mut office.desk, "sgrant");
    let record =
        produced(hmis::produce_hmis(office.store(), &supervisor, "2026-10-01", "2026-10-31", moment()).unwrap());
    assert_eq!(record.created_by, "Sam Grant");
}
