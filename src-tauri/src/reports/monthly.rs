//! The monthly participant data (Guide: Data Reporting: "information on all
//! consumers referred or served during the prior month", the elements of
//! Exhibit E: demographics, outcomes and service delivery): one row per
//! participant, read a table at a time so 10,000 participants take one
//! query per table, and the check before export.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::casework::{Destination, ExitReason, StayKind};
use crate::demographics::{Demographics, RaceNone, Sex, YesNoAnswer};
use crate::engagement::Linkage;
use crate::error::DeskError;
use crate::leases::{self, Calculations};
use crate::participants::ReferralSource;
use crate::rules::eligibility::Category;
use crate::rules::engagement::{month_end, month_start, requirement_met, VisitKind};
use crate::rules::rent::LeasingOption;
use crate::rules::reporting::{days_within, stage_on, PathDates, Stage};
use crate::rules::Money;
use crate::screening::Determination;
use crate::store::{self as db, Store};
use crate::validation::Choice;

/// Temporary housing may last at most this many days (Guide: Eligible
/// Costs: Temporary Housing).
const TEMPORARY_HOUSING_DAYS: i64 = 90;

/// One participant's month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyRow {
    pub participant_id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub demographics: Demographics,
    pub referral_source: Option<ReferralSource>,
    pub referral_date: NaiveDate,
    pub referring_organization: Option<String>,
    pub category: Option<Category>,
    pub determination: Option<Determination>,
    pub determined_on: Option<NaiveDate>,
    pub enrolled_on: Option<NaiveDate>,
    /// Where they stood on the month's last day.
    pub stage: Stage,
    /// Where they lived on the month's last day, in words.
    pub living_situation: &'static str,
    /// The participant record's own status (for the consistency check).
    pub status_now: String,
    pub temporary_housing_since: Option<NaiveDate>,
    pub temporary_housing_days: i64,
    pub temporary_housing_total_days: i64,
    pub first_move_in: Option<NaiveDate>,
    /// The lease in force at the month's end (or the last one in the month).
    pub lease: Option<LeaseFacts>,
    pub visits: u32,
    pub home_visits: u32,
    /// Whether the two-visit rule applied this month (enrolled or housed
    /// from the month's first day), and whether it was met.
    pub engagement_required: bool,
    pub engagement_met: bool,
    pub linkages: Vec<Linkage>,
    pub vocational_hours: Option<Decimal>,
    pub employer: Option<String>,
    pub institutional_stays: u32,
    pub institutional_days: i64,
    pub exit: Option<(NaiveDate, Option<ExitReason>, Option<Destination>)>,
    pub case_manager: Option<String>,
}

/// The lease behind a month's rent and assistance.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaseFacts {
    pub unit_id: i64,
    pub option: LeasingOption,
    pub move_in: Option<NaiveDate>,
    pub move_out: Option<NaiveDate>,
    pub contract_rent: Money,
    pub tenant_rent: Money,
    pub grantee_payment: Money,
    pub utility_reimbursement: Money,
}

/// Something to mend before the data goes to DMH.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckItem {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub name: String,
    pub problem: String,
    /// Where in the app to mend it (a `#/…` route).
    pub link: String,
    /// The words of the link ("Open the engagement visits").
    pub link_text: String,
}

/// The rows for the month that contains `month`: everyone referred or served
/// in it, by name.
pub fn rows(store: &Store, month: NaiveDate, today: NaiveDate) -> Result<Vec<MonthlyRow>, DeskError> {
    // A month in progress is counted up to today: its stays and days run
    // no further than what has happened.
    let (first, last) = (month_start(month), month_end(month).min(today.max(month_start(month))));
    let conn = store.conn();
    let people = db::reports::people_in_period(conn, first, last)?;
    let screenings = db::reports::screenings(conn, last)?;
    let enrollments = db::reports::enrollments(conn)?;
    let first_move_ins = db::reports::first_move_ins(conn)?;
    let mut exits: HashMap<i64, db::reports::ReportExit> = HashMap::new();
    for x in db::reports::exits(conn, last)? {
        exits.insert(x.participant_id, x);
    }
    let mut visits: HashMap<i64, (u32, u32, Vec<Linkage>)> = HashMap::new();
    for v in db::reports::visits(conn, first, last)? {
        let entry = visits.entry(v.participant_id).or_default();
        let kind = VisitKind::from_code(&v.kind);
        if kind.is_some_and(VisitKind::counts) {
            entry.0 += 1;
        }
        if kind == Some(VisitKind::Home) {
            entry.1 += 1;
        }
        let codes: Vec<String> = serde_json::from_str(&v.linkages).unwrap_or_default();
        for l in codes.iter().filter_map(|c| Linkage::from_code(c)) {
            if !entry.2.contains(&l) {
                entry.2.push(l);
            }
        }
    }
    let mut hours: HashMap<i64, Decimal> = HashMap::new();
    for (id, _, h) in db::reports::vocational_hours(conn, first, last)? {
        *hours.entry(id).or_default() += h.parse::<Decimal>().unwrap_or_default();
    }
    let mut jobs: HashMap<i64, String> = HashMap::new();
    for (id, employer) in db::reports::jobs(conn, first, last)? {
        jobs.insert(id, employer);
    }
    let mut stays: HashMap<i64, Vec<db::reports::ReportStay>> = HashMap::new();
    for s in db::reports::stays(conn, first, last)? {
        stays.entry(s.participant_id).or_default().push(s);
    }
    let leases = month_leases(store, first, last)?;

    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let screening = screenings.get(&p.id);
        let determination = screening.and_then(|s| Determination::from_code(&s.determination));
        let lease = leases.get(&p.id).cloned();
        let exit = exits.get(&p.id);
        let path = PathDates {
            referral: Some(p.referral_date),
            screened: screening.map(|s| (s.finished_on, determination != Some(Determination::Ineligible))),
            enrolled: enrollments.get(&p.id).copied(),
            housed: lease.as_ref().and_then(|l| l.move_in.map(|m| (m, l.move_out))),
            exited: exit.map(|x| x.exit_date),
        };
        let stage = stage_on(&path, last).unwrap_or(Stage::Referred);
        let (visit_count, home_visits, linkages) = visits.remove(&p.id).unwrap_or_default();
        let engagement_required = matches!(stage_on(&path, first), Some(Stage::Enrolled | Stage::Housed))
            && matches!(stage, Stage::Enrolled | Stage::Housed);
        let my_stays = stays.remove(&p.id).unwrap_or_default();
        let mut temporary_since = None;
        let (mut temporary_days, mut temporary_total, mut institutional_stays, mut institutional_days) = (0, 0, 0, 0);
        let mut in_institution_at_end = false;
        for s in &my_stays {
            let kind = StayKind::from_code(&s.kind);
            let days = days_within(s.start_date, s.end_date, first, last);
            let open_at_end = s.end_date.is_none_or(|e| e >= last);
            if kind == Some(StayKind::TemporaryHousing) {
                temporary_since = Some(s.start_date);
                temporary_days += days;
                temporary_total = days_within(s.start_date, s.end_date, s.start_date, last);
            } else {
                institutional_stays += 1;
                institutional_days += days;
                in_institution_at_end |= open_at_end;
            }
        }
        let in_temporary_at_end = my_stays
            .iter()
            .any(|s| s.kind == StayKind::TemporaryHousing.code() && s.end_date.is_none_or(|e| e >= last));
        let living_situation = match stage {
            Stage::Exited => "Left the program",
            _ if in_institution_at_end => "Hospital, treatment facility, jail or prison",
            Stage::Housed => "Own unit under the program",
            _ if in_temporary_at_end => "Temporary housing",
            _ => "Homeless or not yet housed",
        };
        out.push(MonthlyRow {
            participant_id: p.id,
            name: p.legal_name,
            birth_date: p.birth_date,
            demographics: p.demographics,
            referral_source: ReferralSource::from_code(&p.referral_source),
            referral_date: p.referral_date,
            referring_organization: p.referring_organization,
            category: screening.and_then(|s| Category::from_code(&s.category)),
            determination,
            determined_on: screening.map(|s| s.finished_on),
            enrolled_on: path.enrolled,
            stage,
            living_situation,
            status_now: p.status,
            temporary_housing_since: temporary_since,
            temporary_housing_days: temporary_days,
            temporary_housing_total_days: temporary_total,
            first_move_in: first_move_ins.get(&p.id).copied(),
            lease,
            visits: visit_count,
            home_visits,
            engagement_required,
            engagement_met: requirement_met(visit_count, home_visits),
            linkages,
            vocational_hours: hours.get(&p.id).copied(),
            employer: jobs.remove(&p.id),
            institutional_stays,
            institutional_days,
            exit: exit
                .filter(|_| stage == Stage::Exited || exit.is_some_and(|x| x.exit_date >= first))
                .map(|x| (x.exit_date, ExitReason::from_code(&x.reason), Destination::from_code(&x.destination))),
            case_manager: p.case_manager,
        });
    }
    Ok(out)
}

/// What is missing or does not agree, participant by participant, with
/// where to mend it.
/// `ended`: the month is over (visits still to come are not missing yet).
pub fn check(rows: &[MonthlyRow], ended: bool) -> Vec<CheckItem> {
    let mut items = Vec::new();
    for r in rows {
        let mut add = |problem: String, link: String, link_text: &str| {
            items.push(CheckItem {
                participant_id: r.participant_id,
                name: r.name.clone(),
                problem,
                link,
                link_text: link_text.into(),
            })
        };
        let id = r.participant_id;
        let record = format!("#/participants/{id}");
        let d = &r.demographics;
        if d.sex == Sex::NotCollected
            && d.race_ethnicity.is_empty()
            && d.race_none == RaceNone::NotCollected
            && d.veteran_status == YesNoAnswer::NotCollected
            && d.disabling_condition == YesNoAnswer::NotCollected
        {
            add(
                "No demographics recorded (sex, race and ethnicity, veteran status, disabling condition).".into(),
                record.clone(),
                "Open the record",
            );
        }
        if r.referral_source.is_none() {
            add("The referral setting is not one DMH counts.".into(), record.clone(), "Open the record");
        }
        if matches!(r.stage, Stage::Enrolled | Stage::Housed | Stage::Exited) && r.determination.is_none() {
            add(
                "Enrolled without a finished screening.".into(),
                format!("#/participants/{id}/screening"),
                "Open the screening",
            );
        }
        if r.status_now == "housed" && r.lease.is_none() {
            add("Marked housed, but no lease is recorded for the month.".into(), record.clone(), "Open the record");
        }
        if let Some(lease) = r.lease.as_ref().filter(|l| l.move_in.is_none()) {
            add(
                "A lease is signed but no move-in date is recorded.".into(),
                format!("#/units/{}", lease.unit_id),
                "Open the unit",
            );
        }
        if ended && r.engagement_required && !r.engagement_met {
            let problem = if r.visits == 0 {
                "No engagement visits recorded in the month.".to_string()
            } else if r.visits < 2 {
                format!("Only {} engagement visit recorded in the month (two are required).", r.visits)
            } else {
                "No home visit recorded in the month.".to_string()
            };
            add(problem, format!("#/participants/{id}/engagement"), "Open the engagement visits");
        }
        if r.temporary_housing_total_days > TEMPORARY_HOUSING_DAYS {
            add(
                format!(
                    "In temporary housing {} days, more than the {TEMPORARY_HOUSING_DAYS} the Guide allows.",
                    r.temporary_housing_total_days
                ),
                format!("#/participants/{id}/case"),
                "Open the case",
            );
        }
        if let Some((_, _, destination)) = &r.exit {
            if matches!(destination, None | Some(Destination::Unknown)) {
                add(
                    "Exited, but where they went is not known.".into(),
                    format!("#/participants/{id}/case"),
                    "Open the case",
                );
            }
        }
    }
    items
}

/// The lease of each participant for the month: the one in force on its
/// last day, else the last one that ran in it.
fn month_leases(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<HashMap<i64, LeaseFacts>, DeskError> {
    let mut found: HashMap<i64, (NaiveDate, LeaseFacts)> = HashMap::new();
    let mut calculations = Calculations::default();
    for stored in db::leases::for_month(store.conn(), first, last)? {
        if stored.move_out_date.is_some_and(|d| d < first) || stored.start_date > last {
            continue;
        }
        let participant_id = stored.participant_id;
        let lease = leases::shown(store, stored, last, &mut calculations)?;
        let amounts = leases::amounts_on(&lease, last);
        let facts = LeaseFacts {
            unit_id: lease.unit_id,
            option: lease.option,
            move_in: lease.move_in_date,
            move_out: lease.move_out_date,
            contract_rent: amounts.contract_rent,
            tenant_rent: amounts.tenant_rent,
            grantee_payment: amounts.grantee_payment,
            utility_reimbursement: amounts.utility_reimbursement,
        };
        let start = lease.start_date;
        match found.get(&participant_id) {
            Some((seen, _)) if *seen > start => {}
            _ => {
                found.insert(participant_id, (start, facts));
            }
        }
    }
    Ok(found.into_iter().map(|(k, (_, v))| (k, v)).collect())
}
