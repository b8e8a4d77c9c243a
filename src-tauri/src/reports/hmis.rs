//! The HMIS CSV export for a period: who is in it, read from the store;
//! the HMIS records built from the participants' records (`hmis_csv`
//! writes and validates the files); the checked files zipped and kept like
//! every report. Nothing is sent anywhere: the user saves the `.zip` where
//! they choose and uploads it to their Continuum of Care's HMIS.
//!
//! Who is in it: everyone whose enrollment (the HMIS project stay) overlaps
//! the period. The project start (EntryDate) is the enrollment date on the
//! case: the day the office admitted the person to the program, after the
//! referral and the screening; a referral alone is not a project stay. A
//! stay ends at the first exit on or after that date. Someone the records
//! show in the program (marked enrolled or housed, or moved into a unit)
//! without an enrollment date stops the export, with a link to their case.
//!
//! "Data not collected" (99), never a guess, where the office did not ask:
//! - Client: SSNDataQuality (the app keeps no SSN); Sex, race and ethnicity
//!   (RaceNone), VeteranStatus when not asked on the record;
//! - Enrollment: LivingSituation when the referral came from another
//!   provider or the person themself (see `living_situation_code`);
//!   LengthOfStay always, and the homeless-history questions after a
//!   homeless situation (the app does not ask them); DisablingCondition when
//!   not asked;
//! - IncomeBenefits: IncomeFromAnySource at entry or exit when no income
//!   calculation is on file; BenefitsFromAnySource and
//!   InsuranceFromAnySource always (the calculation asks about income only);
//! - Disabilities: types 5 to 8 (physical, developmental, chronic health,
//!   HIV/AIDS) always, which the app does not ask; types 9 and 10 (mental
//!   health, substance use) when not asked on the record; IndefiniteAndImpairs
//!   after a "yes".

use std::collections::HashMap;

use chrono::{DateTime, Local, Months, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::hmis_csv::{self as csv, HmisExport, HmisFile, HmisProblem};
use super::{keep, require_report_role, ReportKind, ReportRecord};
use crate::accounts::Session;
use crate::calc::IncomeStep;
use crate::casework::{Destination, StayKind};
use crate::demographics::{Demographics, Race};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::income_calc::{CalculationKind, CalculationResult};
use crate::office::Program;
use crate::participants::ReferralSource;
use crate::rules::income::{IncomeSource, Member};
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice};

/// The longest period one export covers.
const MAX_YEARS: u32 = 3;
/// Income counted at entry when the first calculation comes this many days
/// after the enrollment (the office calculates it at lease-up).
const ENTRY_INCOME_DAYS: i64 = 30;

/// The export produced, or what stopped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HmisResult {
    /// The report kept, when the files passed every check.
    pub report: Option<ReportRecord>,
    /// What to mend before the export can be made; empty when it was made.
    pub problems: Vec<HmisIssue>,
    pub clients: u32,
    pub enrollments: u32,
    pub exits: u32,
}

/// One thing that stopped the export, in the office's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HmisIssue {
    /// The CSV file, row (1-based, header not counted) and column, when the
    /// check of the files found it.
    pub file: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
    /// The participant it belongs to, when it belongs to one.
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    pub name: Option<String>,
    /// Where in the app to mend it (a `#/…` route).
    pub link: Option<String>,
    pub link_text: Option<String>,
}

/// Checks the period typed as `from` and `to` (YYYY-MM-DD or MM/DD/YYYY):
/// both given, `from` not after `to`, not in the future, at most three years.
pub fn parse_period(from: &str, to: &str, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), DeskError> {
    let mut c = Checker::new();
    let first = c.required_date("from", from, "the first day of the period");
    let last = c.required_date("to", to, "the last day of the period");
    if first.is_some_and(|f| f > today) {
        c.add("from", "The first day cannot be in the future.");
    }
    if last.is_some_and(|l| l > today) {
        c.add("to", "The last day cannot be in the future: export up to today at the latest.");
    }
    if let (Some(f), Some(l)) = (first, last) {
        if f > l {
            c.add("to", "The last day must be on or after the first day.");
        } else if l.checked_sub_months(Months::new(12 * MAX_YEARS)).is_some_and(|earliest| f < earliest) {
            c.add("from", format!("The period can be at most {MAX_YEARS} years long: choose a later first day."));
        }
    }
    Ok(c.finish(first.zip(last))?)
}

/// Produces the HMIS CSV export for the period: builds the files, checks
/// them, and keeps them as one `.zip` only when nothing is wrong. Problems
/// are answered, not raised: the export is not kept and each problem says
/// what to mend and where.
pub fn produce_hmis(
    store: &mut Store,
    session: &Session,
    from: &str,
    to: &str,
    when: Moment,
) -> Result<HmisResult, DeskError> {
    require_report_role(session)?;
    let (first, last) = parse_period(from, to, when.today)?;
    let mut problems = undated_problems(store, first, last)?;
    let (export, names) = build(store, session, first, last, when)?;
    let (clients, enrollments, exits) =
        (export.clients.len() as u32, export.enrollments.len() as u32, export.exits.len() as u32);
    let files = csv::write(&export);
    problems.extend(csv::validate(&files).into_iter().map(|p| issue(p, &export, &names)));
    if !problems.is_empty() {
        return Ok(HmisResult { report: None, problems, clients, enrollments, exits });
    }
    let notice = crate::disclosure::notice_for(store, crate::disclosure::DocumentKind::HmisExport)?;
    let bytes = zip_files(&files, notice.as_ref(), export.export_date)?;
    let file_name = format!("HMIS CSV {first} to {last}.zip");
    let summary =
        format!("{}, {}, {}", count(clients, "client"), count(enrollments, "enrollment"), count(exits, "exit"));
    let record = keep(store, session, ReportKind::HmisCsv, (first, last), &file_name, &bytes, &summary, when)?;
    Ok(HmisResult { report: Some(record), problems, clients, enrollments, exits })
}

/// "1 client", "38 clients".
fn count(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Participants in the program by the records but with no enrollment date.
fn undated_problems(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<Vec<HmisIssue>, DeskError> {
    Ok(db::hmis::undated_stays(store.conn(), first, last)?
        .into_iter()
        .map(|p| {
            let marked = match p.status.as_str() {
                "enrolled" => "is marked enrolled",
                "housed" => "is marked housed",
                _ => "moved into a unit",
            };
            HmisIssue {
                file: None,
                row: None,
                column: None,
                message: format!(
                    "{} {marked}, but the case has no enrollment date, so HMIS cannot be told when their stay began.",
                    p.legal_name
                ),
                fix: "Record the day they enrolled on the case, then export again.".into(),
                participant_id: Some(p.id),
                name: Some(p.legal_name),
                link: Some(format!("#/participants/{}/case", p.id)),
                link_text: Some("Open the case".into()),
            }
        })
        .collect())
}

/// The export's records for the period, and participants' names by id.
fn build(
    store: &Store,
    session: &Session,
    first: NaiveDate,
    last: NaiveDate,
    when: Moment,
) -> Result<(HmisExport, HashMap<i64, String>), DeskError> {
    let conn = store.conn();
    let office = db::office::get(conn)?.ok_or(DeskError::NotFound("office"))?;
    let export_date = when.at.with_timezone(&Local).naive_local();
    let (office_created, first_enrolled) = db::hmis::program_start(conn)?;
    let office_start = office_created.as_deref().map(local_time).transpose()?.map(|t| t.date());
    let operating_start = [office_start, first_enrolled].into_iter().flatten().min().unwrap_or(first);

    let mut exits: HashMap<i64, Vec<db::hmis::HmisExitRow>> = HashMap::new();
    for x in db::hmis::exits(conn, last)? {
        exits.entry(x.participant_id).or_default().push(x);
    }
    let mut move_ins: HashMap<i64, Vec<db::hmis::HmisMoveIn>> = HashMap::new();
    for m in db::hmis::move_ins(conn, last)? {
        move_ins.entry(m.participant_id).or_default().push(m);
    }
    let mut stays: HashMap<i64, Vec<db::hmis::HmisStay>> = HashMap::new();
    for s in db::hmis::stays(conn, last)? {
        stays.entry(s.participant_id).or_default().push(s);
    }
    let mut calculations: HashMap<i64, Vec<db::hmis::HmisCalculation>> = HashMap::new();
    for c in db::hmis::calculations(conn, last)? {
        calculations.entry(c.participant_id).or_default().push(c);
    }

    let mut export = HmisExport {
        export_id: when.at.format("HD%Y%m%d%H%M%S").to_string(),
        source_id: "1".into(),
        source_name: office.grantee_name.clone(),
        export_date,
        start_date: first,
        end_date: last,
        software_version: env!("CARGO_PKG_VERSION").into(),
        project_id: "1".into(),
        project_name: project_name(&office.grantee_name, office.program),
        operating_start_date: operating_start,
        // Both of the Guide's leasing options (rental assistance, master
        // lease) house each participant in a unit of the private market
        // wherever it is found: 3, tenant-based scattered site. The office
        // keeps no setting that says otherwise.
        housing_type: 3,
        // A permanent supportive housing project for people leaving
        // institutions homeless: part of the CoC's homeless services
        // whatever its funding (2.02.5).
        continuum_project: true,
        coc_code: None,
        user_id: session.username.clone(),
        clients: Vec::new(),
        enrollments: Vec::new(),
        exits: Vec::new(),
        income_benefits: Vec::new(),
        disabilities: Vec::new(),
    };
    let mut names = HashMap::new();
    for p in db::hmis::people(conn, first, last)? {
        let personal_id = p.id.to_string();
        let entry = p.enrolled_on;
        let exit = exits.get(&p.id).and_then(|xs| xs.iter().find(|x| x.exit_date >= entry));
        let (first_name, last_name, name_quality) = split_name(&p.legal_name);
        export.clients.push(csv::HmisClient {
            personal_id: personal_id.clone(),
            first_name,
            last_name,
            name_data_quality: name_quality,
            dob: Some(p.birth_date),
            dob_data_quality: 1,
            races: races(&p.demographics),
            race_none: Some(p.demographics.race_none.hmis_code()),
            sex: p.demographics.sex.hmis_code(),
            veteran_status: p.demographics.veteran_status.hmis_code(),
            date_created: local_time(&p.created_at)?,
            date_updated: local_time(&p.updated_at)?,
        });

        let enrollment_id = format!("{}-{}", p.id, entry.format("%Y%m%d"));
        let enrollment_at = local_time(&p.enrollment_updated_at)?;
        let stay_end = exit.map_or(last, |x| x.exit_date.min(last));
        // The first move-in of a lease that ran into the stay; one before
        // the enrollment date is written as it is, and the check says so.
        let move_in = move_ins.get(&p.id).and_then(|ms| {
            ms.iter()
                .filter(|m| m.move_in_date <= stay_end && m.move_out_date.is_none_or(|out| out >= entry))
                .map(|m| m.move_in_date)
                .min()
        });
        let living_situation = ReferralSource::from_code(&p.referral_source).map_or(99, csv::living_situation_code);
        export.enrollments.push(csv::HmisEnrollment {
            enrollment_id: enrollment_id.clone(),
            personal_id: personal_id.clone(),
            entry_date: entry,
            household_id: format!("H{enrollment_id}"),
            relationship_to_hoh: 1,
            living_situation,
            length_of_stay: None,
            disabling_condition: p.demographics.disabling_condition.hmis_code(),
            move_in_date: move_in,
            date_created: enrollment_at,
            date_updated: enrollment_at,
        });

        let exit = exit.filter(|x| x.exit_date <= last);
        if let Some(x) = exit {
            let destination = Destination::from_code(&x.destination).unwrap_or(Destination::Unknown);
            let institution = (destination == Destination::Institution)
                .then(|| institution_left_for(stays.get(&p.id).map(Vec::as_slice).unwrap_or(&[]), x.exit_date))
                .flatten();
            let code = institution.unwrap_or_else(|| csv::destination_code(destination));
            let exit_at = local_time(&x.created_at)?;
            export.exits.push(csv::HmisExit {
                exit_id: x.id.to_string(),
                enrollment_id: enrollment_id.clone(),
                personal_id: personal_id.clone(),
                exit_date: x.exit_date,
                destination: code,
                destination_subsidy_type: csv::destination_subsidy_type(destination),
                other_destination: (code == 17).then(|| "Institution (kind not recorded)".to_string()),
                date_created: exit_at,
                date_updated: exit_at,
            });
        }

        let stay = Stay {
            enrollment_id: &enrollment_id,
            personal_id: &personal_id,
            entry,
            exit: exit.map(|x| x.exit_date),
            first,
            last,
            export_date,
        };
        let mine = calculations.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        export.income_benefits.extend(income_records(&stay, mine)?);
        export.disabilities.extend(disability_records(&stay, &p.demographics, enrollment_at));
        names.insert(p.id, p.legal_name);
    }
    Ok((export, names))
}

/// One enrollment as the income and disability records need it.
struct Stay<'a> {
    enrollment_id: &'a str,
    personal_id: &'a str,
    entry: NaiveDate,
    /// The exit, when it falls in the period.
    exit: Option<NaiveDate>,
    first: NaiveDate,
    last: NaiveDate,
    export_date: NaiveDateTime,
}

/// "Housing is Recovery (Illinois), Thresholds Housing".
fn project_name(grantee: &str, program: Program) -> String {
    match program {
        Program::Other => format!("{grantee} permanent supportive housing"),
        _ => format!("{}, {grantee}", program.label()),
    }
}

/// The legal name as HMIS's first and last name, and NameDataQuality: the
/// last word is the last name; a single word is a partial name (2).
fn split_name(legal_name: &str) -> (Option<String>, Option<String>, u8) {
    let words: Vec<&str> = legal_name.split_whitespace().collect();
    match words.as_slice() {
        [] => (None, None, 99),
        [only] => (Some((*only).to_string()), None, 2),
        [rest @ .., last] => (Some(rest.join(" ")), Some((*last).to_string()), 1),
    }
}

fn races(d: &Demographics) -> Vec<csv::HmisRace> {
    d.race_ethnicity.iter().copied().map(Race::hmis_column).filter_map(csv::HmisRace::from_column).collect()
}

/// The destination code of the institutional stay a participant left for:
/// one that began by the exit day and had not ended before it.
fn institution_left_for(stays: &[db::hmis::HmisStay], exit: NaiveDate) -> Option<u16> {
    stays
        .iter()
        .filter(|s| s.start_date <= exit && s.end_date.is_none_or(|e| e >= exit))
        .filter_map(|s| StayKind::from_code(&s.kind).and_then(csv::stay_destination_code))
        .next_back()
}

/// A stored timestamp (RFC 3339, UTC) as the office's local date and time.
fn local_time(stored: &str) -> Result<NaiveDateTime, DeskError> {
    DateTime::parse_from_rfc3339(stored).map(|t| t.with_timezone(&Local).naive_local()).map_err(|_| {
        DeskError::Store(db::StoreError::Invariant(format!("the time {stored:?} in the records is not readable")))
    })
}

/// 5.03 DataCollectionStage.
const ENTRY: u8 = 1;
const UPDATE: u8 = 2;
const EXIT: u8 = 3;
const ANNUAL: u8 = 5;

/// Income at entry, each update and annual assessment in the period, and at
/// exit, from the saved income calculations:
/// - entry: the last calculation on or before the enrollment date, else the
///   first within 30 days after it, else "data not collected";
/// - annual assessment: each annual recertification in the period;
/// - update: each other calculation after entry in the period;
/// - exit: the last calculation on or before the exit, else "data not
///   collected".
fn income_records(
    stay: &Stay<'_>,
    calculations: &[db::hmis::HmisCalculation],
) -> Result<Vec<csv::HmisIncomeBenefits>, DeskError> {
    let end = stay.exit.unwrap_or(stay.last);
    let at_entry = calculations.iter().rfind(|c| c.as_of <= stay.entry).or_else(|| {
        calculations.iter().find(|c| c.as_of > stay.entry && (c.as_of - stay.entry).num_days() <= ENTRY_INCOME_DAYS)
    });
    let mut out = vec![income_record(stay, ENTRY, stay.entry, at_entry)?];
    for c in calculations {
        if c.as_of <= stay.entry || c.as_of < stay.first || c.as_of > end || at_entry.is_some_and(|e| e.id == c.id) {
            continue;
        }
        let stage = match CalculationKind::from_code(&c.kind) {
            Some(CalculationKind::AnnualRecertification) => ANNUAL,
            _ => UPDATE,
        };
        out.push(income_record(stay, stage, c.as_of, Some(c))?);
    }
    if let Some(exit) = stay.exit {
        let at_exit = calculations.iter().rfind(|c| c.as_of <= exit);
        out.push(income_record(stay, EXIT, exit, at_exit)?);
    }
    Ok(out)
}

fn income_record(
    stay: &Stay<'_>,
    stage: u8,
    on: NaiveDate,
    calculation: Option<&db::hmis::HmisCalculation>,
) -> Result<csv::HmisIncomeBenefits, DeskError> {
    let id = format!("{}-{stage}-{}", stay.enrollment_id, calculation.map_or(0, |c| c.id));
    let mut record = csv::HmisIncomeBenefits {
        income_benefits_id: id,
        enrollment_id: stay.enrollment_id.into(),
        personal_id: stay.personal_id.into(),
        information_date: on,
        data_collection_stage: stage,
        income_from_any_source: 99,
        total_monthly_income: None,
        earned: None,
        ssi: None,
        ssdi: None,
        other: None,
        other_source_identify: None,
        benefits_from_any_source: None,
        insurance_from_any_source: None,
        date_created: stay.export_date,
        date_updated: stay.export_date,
    };
    let Some(c) = calculation else { return Ok(record) };
    let result: CalculationResult = serde_json::from_str(&c.result)
        .map_err(|e| DeskError::Store(db::StoreError::Invariant(format!("saved calculation {}: {e}", c.id))))?;
    let income = monthly_income(&result.output.income_lines);
    record.income_from_any_source = u8::from(income.total > Decimal::ZERO);
    record.total_monthly_income = Some(income.total);
    record.earned = income.earned;
    record.ssi = income.ssi;
    record.ssdi = income.ssdi;
    record.other = income.other;
    record.other_source_identify = (!income.other_sources.is_empty()).then(|| income.other_sources.join(", "));
    record.date_created = local_time(&c.created_at)?;
    record.date_updated = record.date_created;
    Ok(record)
}

/// A calculation's counted income, a month at a time, by HMIS source.
#[derive(Debug, Default, PartialEq)]
struct MonthlyIncome {
    total: Decimal,
    earned: Option<Decimal>,
    ssi: Option<Decimal>,
    ssdi: Option<Decimal>,
    other: Option<Decimal>,
    /// The app's names of the sources put under "other".
    other_sources: Vec<&'static str>,
}

/// The participant's counted income lines (24 CFR 5.609, as the calculation
/// counted them; a live-in aide's and excluded income left out) divided by
/// twelve, to the cent. Wages and self-employment are HMIS "earned" income;
/// SSI and SSDI their own; every other counted source is reported as
/// "other", named in OtherIncomeSourceIdentify (the writer has columns for
/// these four only).
fn monthly_income(lines: &[IncomeStep]) -> MonthlyIncome {
    let mut out = MonthlyIncome::default();
    let add = |slot: &mut Option<Decimal>, v: Decimal| *slot = Some(slot.unwrap_or_default() + v);
    for line in lines.iter().filter(|l| l.counted && l.member == Member::Participant) {
        let annual = line.annual.0;
        match line.source {
            IncomeSource::Wages | IncomeSource::SelfEmployment => add(&mut out.earned, annual),
            IncomeSource::Ssi => add(&mut out.ssi, annual),
            IncomeSource::Ssdi => add(&mut out.ssdi, annual),
            other => {
                add(&mut out.other, annual);
                if !out.other_sources.contains(&other.label()) {
                    out.other_sources.push(other.label());
                }
            }
        }
    }
    let month = |v: Option<Decimal>| v.map(|a| (a / Decimal::from(12)).round_dp(2));
    (out.earned, out.ssi, out.ssdi, out.other) = (month(out.earned), month(out.ssi), month(out.ssdi), month(out.other));
    out.total = [out.earned, out.ssi, out.ssdi, out.other].into_iter().flatten().sum();
    out
}

/// Disabilities at entry (and at exit, in the period): mental health (9) and
/// substance use (10) from the record, the four types the app does not ask
/// about as "data not collected".
fn disability_records(stay: &Stay<'_>, d: &Demographics, at: NaiveDateTime) -> Vec<csv::HmisDisability> {
    let answers: [(u8, u8); 6] = [
        (5, 99),
        (6, 99),
        (7, 99),
        (8, 99),
        (9, d.mental_health_disorder.hmis_code()),
        (10, d.substance_use_disorder.hmis_code()),
    ];
    let stages = [(ENTRY, Some(stay.entry)), (EXIT, stay.exit)];
    let mut out = Vec::new();
    for (stage, on) in stages {
        let Some(on) = on else { continue };
        for (kind, response) in answers {
            out.push(csv::HmisDisability {
                disabilities_id: format!("{}-{stage}-{kind}", stay.enrollment_id),
                enrollment_id: stay.enrollment_id.into(),
                personal_id: stay.personal_id.into(),
                information_date: on,
                disability_type: kind,
                disability_response: response,
                indefinite_and_impairs: None,
                data_collection_stage: stage,
                date_created: at,
                date_updated: at,
            });
        }
    }
    out
}

/// A problem the check found, told with its participant and what to mend.
fn issue(p: HmisProblem, export: &HmisExport, names: &HashMap<i64, String>) -> HmisIssue {
    let person: Option<&str> = p.row.and_then(|row| {
        let i = row.checked_sub(1)?;
        match p.file.as_str() {
            "Client.csv" => export.clients.get(i).map(|r| r.personal_id.as_str()),
            "Enrollment.csv" => export.enrollments.get(i).map(|r| r.personal_id.as_str()),
            "Exit.csv" => export.exits.get(i).map(|r| r.personal_id.as_str()),
            "IncomeBenefits.csv" => export.income_benefits.get(i).map(|r| r.personal_id.as_str()),
            "Disabilities.csv" => export.disabilities.get(i).map(|r| r.personal_id.as_str()),
            _ => None,
        }
    });
    let participant_id = person.and_then(|id| id.parse::<i64>().ok());
    let column = p.column.as_deref().unwrap_or("");
    let (fix, part, link_text) = match (participant_id, p.file.as_str()) {
        (None, _) => (
            "This is a fault in Housing Desk's export, not in your records. Tell whoever supports Housing Desk, with this message.",
            None,
            None,
        ),
        (Some(_), "Enrollment.csv") if matches!(column, "EntryDate" | "MoveInDate") => (
            "Check the enrollment date on the case and the move-in date on the lease.",
            Some("case"),
            Some("Open the case"),
        ),
        (Some(_), "Exit.csv" | "Enrollment.csv") => {
            ("Check the enrollment and the exit on the case.", Some("case"), Some("Open the case"))
        }
        (Some(_), "IncomeBenefits.csv") => {
            ("Check the dates of the income calculations.", Some("income"), Some("Open the income calculations"))
        }
        (Some(_), _) => ("Check the name, date of birth and demographics on the record.", Some(""), Some("Open the record")),
    };
    HmisIssue {
        file: Some(p.file),
        row: p.row.map(|r| r as u32),
        column: p.column,
        // A problem in someone's record is told in the office's words; one
        // in the export itself keeps the file's terms for whoever supports it.
        message: if participant_id.is_some() { office_words(&p.message) } else { p.message },
        fix: fix.into(),
        participant_id,
        name: participant_id.and_then(|id| names.get(&id).cloned()),
        link: participant_id.zip(part).map(|(id, part)| {
            if part.is_empty() {
                format!("#/participants/{id}")
            } else {
                format!("#/participants/{id}/{part}")
            }
        }),
        link_text: link_text.map(String::from),
    }
}

/// A validator message about a participant's row in the words of the
/// record: the file and row dropped, the HMIS column names as the fields the
/// office knows, dates as MM/DD/YYYY.
fn office_words(message: &str) -> String {
    let mut text = match message.split_once(": ") {
        Some((at, rest)) if at.contains(".csv row ") => rest.to_string(),
        _ => message.to_string(),
    };
    const WORDS: &[(&str, &str)] = &[
        (" in Exit.csv", ""),
        ("MoveInDate", "the move-in date"),
        ("EntryDate", "the enrollment date"),
        ("the entry date", "the enrollment date"),
        ("ExitDate", "the exit date"),
        ("InformationDate", "the date of the income calculation"),
        ("DOB", "the date of birth"),
        ("FirstName", "the first name"),
        ("LastName", "the last name"),
    ];
    for (column, words) in WORDS {
        text = text.replace(column, words);
    }
    if let Some(start) = text.find(" of enrollment \"") {
        if let Some(end) = text[start + 16..].find('"') {
            text.replace_range(start..start + 17 + end, "");
        }
    }
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let window = &chars[i..chars.len().min(i + 10)];
        let shaped = window.len() == 10
            && window.iter().enumerate().all(|(k, c)| if k == 4 || k == 7 { *c == '-' } else { c.is_ascii_digit() });
        if shaped {
            let iso: String = window.iter().collect();
            if let Ok(d) = NaiveDate::parse_from_str(&iso, "%Y-%m-%d") {
                out.push_str(&d.format("%m/%d/%Y").to_string());
                i += 10;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    let mut first = out.chars();
    match first.next() {
        Some(c) => c.to_uppercase().chain(first).collect(),
        None => out,
    }
}

/// The CSV files in one `.zip` (deflated), each dated with the export.
/// The CSV files, as HMIS imports them, and the notice of 42 CFR 2.32 as a
/// file of its own beside them (`PART2-NOTICE.txt`), so the CSVs stay
/// importable (see `disclosure`).
fn zip_files(
    files: &[HmisFile],
    notice: Option<&crate::documents::disclosure_notice::Part2Notice>,
    at: NaiveDateTime,
) -> Result<Vec<u8>, DeskError> {
    use chrono::{Datelike, Timelike};
    use std::io::Write;
    let fail = |e: &dyn std::fmt::Display| {
        tracing::error!(detail = %e, "zipping the HMIS export");
        DeskError::Store(db::StoreError::Invariant(format!("the HMIS export could not be zipped: {e}")))
    };
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(at.year()).unwrap_or(1980),
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for f in files {
        zip.start_file(f.name, options).map_err(|e| fail(&e))?;
        zip.write_all(f.text.as_bytes()).map_err(|e| fail(&e))?;
    }
    if let Some(n) = notice {
        zip.start_file(crate::documents::disclosure_notice::NOTICE_FILE_NAME, options).map_err(|e| fail(&e))?;
        zip.write_all(n.text().as_bytes()).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_problem_in_a_record_reads_in_the_office_s_words() {
        use super::office_words;
        assert_eq!(
            office_words("Enrollment.csv row 3: MoveInDate 2026-01-10 is before EntryDate 2026-02-01."),
            "The move-in date 01/10/2026 is before the enrollment date 02/01/2026."
        );
        assert_eq!(
            office_words("Exit.csv row 1: ExitDate 2026-09-30 is before the export period starts (2026-10-01)."),
            "The exit date 09/30/2026 is before the export period starts (10/01/2026)."
        );
        assert_eq!(
            office_words("IncomeBenefits.csv row 2: InformationDate 2026-01-05 is before the entry date 2026-02-01 of enrollment \"7\"."),
            "The date of the income calculation 01/05/2026 is before the enrollment date 02/01/2026."
        );
        assert_eq!(
            office_words("Enrollment.csv row 4: MoveInDate 2026-12-01 is after the exit date 2026-11-20 in Exit.csv."),
            "The move-in date 12/01/2026 is after the exit date 11/20/2026."
        );
    }

    use super::*;
    use crate::rules::Money;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn fields(r: Result<(NaiveDate, NaiveDate), DeskError>) -> Vec<(String, String)> {
        match r {
            Err(DeskError::Validation(v)) => v.0.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn the_period_is_checked_field_by_field() {
        let today = d("2026-11-23");
        assert_eq!(parse_period("2026-10-01", "2026-11-23", today).unwrap(), (d("2026-10-01"), d("2026-11-23")));
        assert_eq!(parse_period("10/01/2026", "10/31/2026", today).unwrap(), (d("2026-10-01"), d("2026-10-31")));
        assert_eq!(parse_period("2023-11-23", "2026-11-23", today).unwrap().0, d("2023-11-23"), "exactly 3 years");
        let cases: [(&str, &str, &[&str]); 6] = [
            ("", "", &["from", "to"]),
            ("October", "2026-10-31", &["from"]),
            ("2026-10-31", "2026-10-01", &["to"]),
            ("2026-11-01", "2026-11-24", &["to"]),
            ("2026-11-24", "2026-11-30", &["from", "to"]),
            ("2023-11-22", "2026-11-23", &["from"]),
        ];
        for (from, to, want) in cases {
            let got: Vec<String> = fields(parse_period(from, to, today)).into_iter().map(|(f, _)| f).collect();
            assert_eq!(got, want, "{from:?} to {to:?}");
        }
        let (_, message) = fields(parse_period("2026-10-31", "2026-10-01", today)).remove(0);
        assert_eq!(message, "The last day must be on or after the first day.");
    }

    #[test]
    fn names_split_into_first_and_last() {
        assert_eq!(split_name("Ana Silva"), (Some("Ana".into()), Some("Silva".into()), 1));
        assert_eq!(split_name(" Mary  Ann Lee "), (Some("Mary Ann".into()), Some("Lee".into()), 1));
        assert_eq!(split_name("Prince"), (Some("Prince".into()), None, 2), "one word is a partial name");
        assert_eq!(split_name("  "), (None, None, 99));
    }

    fn line(member: Member, source: IncomeSource, annual: &str, counted: bool) -> IncomeStep {
        IncomeStep { member, source, annual: Money(annual.parse().expect("amount")), counted }
    }

    #[test]
    fn income_is_the_counted_participant_income_by_the_month() {
        let lines = vec![
            line(Member::Participant, IncomeSource::Ssi, "11928", true),
            line(Member::Participant, IncomeSource::Wages, "5200", true),
            line(Member::Participant, IncomeSource::SelfEmployment, "1000", true),
            line(Member::Participant, IncomeSource::Pension, "1200", true),
            line(Member::Participant, IncomeSource::ChildSupport, "600", true),
            line(Member::Participant, IncomeSource::Snap, "2400", false),
            line(Member::LiveInAide, IncomeSource::Wages, "30000", true),
        ];
        let got = monthly_from(lines);
        assert_eq!(got.ssi, Some(Decimal::new(99_400, 2)));
        assert_eq!(got.earned, Some(Decimal::new(51_667, 2)), "(5200 + 1000) / 12 to the cent");
        assert_eq!(got.ssdi, None);
        assert_eq!(got.other, Some(Decimal::new(15_000, 2)));
        assert_eq!(got.other_sources, ["Pension", "Child support"]);
        assert_eq!(got.total, Decimal::new(166_067, 2), "the sum of the sources as written");
        assert_eq!(monthly_from(vec![]).total, Decimal::ZERO, "no income is 0, a real answer");
    }

    fn monthly_from(lines: Vec<IncomeStep>) -> MonthlyIncome {
        monthly_income(&lines)
    }
}
