//! The quarterly reports (Guide: Data Reporting: the Periodic Performance
//! Report Template by Program (PRTP) and Periodic Performance Report (PPR),
//! and the Periodic Financial Report (PFR), "no later than 30 days after the
//! end of each quarter"): the performance figures against the triple aim of
//! the Guide's Purpose, and spending by eligible-cost category against the
//! grant budget.
//!
//! Readings where the Guide is silent:
//! - The grant year is the State of Illinois' fiscal year, July to June,
//!   named by the year it ends (FY2027 runs from 07/01/2026); "year to date"
//!   counts from its July 1st.
//! - A participant counts once per figure, however many months of the
//!   quarter they appear in.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::monthly::{self, MonthlyRow};
use crate::casework::{Destination, ExitReason, StayKind};
use crate::error::DeskError;
use crate::rules::eligible_costs::CostCategory;
use crate::rules::reporting::{quarter_of, Stage};
use crate::rules::Money;
use crate::screening::Determination;
use crate::store::{self as db, Store};
use crate::validation::Choice;

/// The three aims of the Guide's Purpose, which the figures are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Aim {
    /// How people come into the program and get housed.
    Reach,
    /// "Preventing institutionalization and overdose deaths".
    PreventInstitutionalization,
    /// "Improving health outcomes and access to recovery support services".
    HealthAndRecovery,
    /// "Reducing State costs".
    StateCosts,
}

impl Aim {
    pub fn words(self) -> &'static str {
        match self {
            Aim::Reach => "Referral, eligibility and housing",
            Aim::PreventInstitutionalization => "Aim 1: preventing institutionalization and overdose deaths",
            Aim::HealthAndRecovery => "Aim 2: improving health outcomes and access to recovery support",
            Aim::StateCosts => "Aim 3: reducing State costs",
        }
    }
}

/// How a figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    Count,
    Days,
    Hours,
    Percent,
    Money,
}

/// One figure of the performance report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Measure {
    pub aim: Aim,
    pub label: String,
    pub kind: MeasureKind,
    /// Absent when there is nothing to measure (no one housed in the quarter
    /// for the days to housing).
    #[ts(type = "string | null")]
    pub value: Option<Decimal>,
    pub note: String,
}

/// Engagement compliance in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EngagementMonth {
    pub month: NaiveDate,
    pub label: String,
    /// Participants enrolled or housed the whole month.
    pub required: u32,
    pub met: u32,
}

/// Spending in one eligible-cost category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpendingLine {
    pub category: CostCategory,
    pub label: String,
    #[ts(type = "string | null")]
    pub budget: Option<Money>,
    #[ts(type = "string")]
    pub quarter: Money,
    #[ts(type = "string")]
    pub year_to_date: Money,
    #[ts(type = "string | null")]
    pub remaining: Option<Money>,
}

/// Everything the quarterly reports hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QuarterlyFigures {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub period: String,
    /// The State fiscal year, named by the year it ends.
    pub fiscal_year: i32,
    pub fiscal_year_start: NaiveDate,
    /// People living in a program unit on the quarter's last day.
    pub housed_at_end: u32,
    pub measures: Vec<Measure>,
    pub exits_by_destination: Vec<(String, u32)>,
    pub engagement: Vec<EngagementMonth>,
    pub spending: Vec<SpendingLine>,
    #[ts(type = "string | null")]
    pub budget_total: Option<Money>,
    #[ts(type = "string")]
    pub quarter_total: Money,
    #[ts(type = "string")]
    pub year_to_date_total: Money,
    /// The budget less the year's spending, when a budget is entered.
    #[ts(type = "string | null")]
    pub remaining_total: Option<Money>,
}

/// The State fiscal year (July–June, named by the year it ends) `day` is in,
/// and its first day.
pub fn fiscal_year_of(day: NaiveDate) -> (i32, NaiveDate) {
    let year = if day.month() >= 7 { day.year() + 1 } else { day.year() };
    (year, NaiveDate::from_ymd_opt(year - 1, 7, 1).unwrap_or(day))
}

/// The figures for the quarter that contains `day`.
pub fn figures(store: &Store, day: NaiveDate) -> Result<QuarterlyFigures, DeskError> {
    let (first, last) = quarter_of(day);
    let months: Vec<NaiveDate> = (0..3).filter_map(|i| first.checked_add_months(chrono::Months::new(i))).collect();
    let mut by_month = Vec::with_capacity(3);
    for m in &months {
        by_month.push((*m, monthly::rows(store, *m)?));
    }
    let stays = db::reports::stays(store.conn(), first, last)?;
    let (fiscal_year, fiscal_year_start) = fiscal_year_of(first);
    let budget = db::reports::budget(store.conn(), fiscal_year)?;
    let quarter_spent = db::ledger::totals_by_category(store.conn(), first, last)?;
    let year_spent = db::ledger::totals_by_category(store.conn(), fiscal_year_start, last)?;
    let mut f = performance(first, last, &by_month, &stays);
    f.fiscal_year = fiscal_year;
    f.fiscal_year_start = fiscal_year_start;
    spending(&mut f, &budget, &quarter_spent, &year_spent)?;
    Ok(f)
}

/// The performance figures from the quarter's monthly rows and the stays
/// that ran in it (pure: no store).
pub fn performance(
    first: NaiveDate,
    last: NaiveDate,
    by_month: &[(NaiveDate, Vec<MonthlyRow>)],
    stays: &[db::reports::ReportStay],
) -> QuarterlyFigures {
    let within = |d: Option<NaiveDate>| d.is_some_and(|d| d >= first && d <= last);
    // Each participant once: their latest month's row.
    let mut people: BTreeMap<i64, &MonthlyRow> = BTreeMap::new();
    for (_, rows) in by_month {
        for r in rows {
            people.insert(r.participant_id, r);
        }
    }
    let count = |f: &dyn Fn(&MonthlyRow) -> bool| people.values().filter(|r| f(r)).count() as i64;
    let referred = count(&|r| within(Some(r.referral_date)));
    let screened = count(&|r| within(r.determined_on));
    let eligible = count(&|r| {
        within(r.determined_on)
            && matches!(r.determination, Some(Determination::Eligible | Determination::EligibleByOverride))
    });
    let enrolled = count(&|r| within(r.enrolled_on));
    let housed_in_quarter: Vec<&MonthlyRow> = people.values().copied().filter(|r| within(r.first_move_in)).collect();
    let end_rows: &[MonthlyRow] = by_month.last().map_or(&[], |(_, rows)| rows.as_slice());
    let housed_at_end = end_rows.iter().filter(|r| r.stage == Stage::Housed).count() as i64;
    let housed_during: HashSet<i64> = by_month
        .iter()
        .flat_map(|(_, rows)| rows.iter().filter(|r| r.stage == Stage::Housed).map(|r| r.participant_id))
        .collect();
    let exits: Vec<&MonthlyRow> = people.values().copied().filter(|r| within(r.exit.as_ref().map(|x| x.0))).collect();
    let permanent = |r: &&&MonthlyRow| {
        matches!(
            r.exit.as_ref().and_then(|x| x.2),
            Some(
                Destination::RentalWithSubsidy
                    | Destination::RentalWithoutSubsidy
                    | Destination::PermanentSupportiveHousing
                    | Destination::FamilyOrFriendsPermanent
            )
        )
    };
    let to_permanent = exits.iter().filter(permanent).count() as i64;
    let stable = housed_at_end
        + exits.iter().filter(|r| housed_during.contains(&r.participant_id)).filter(permanent).count() as i64;
    let to_homelessness =
        exits.iter().filter(|r| r.exit.as_ref().and_then(|x| x.2) == Some(Destination::ShelterOrStreet)).count() as i64;
    let deaths = exits.iter().filter(|r| r.exit.as_ref().and_then(|x| x.1) == Some(ExitReason::Died)).count() as i64;
    let days: Vec<i64> = housed_in_quarter
        .iter()
        .filter_map(|r| r.first_move_in.map(|m| (m - r.referral_date).num_days().max(0)))
        .collect();
    let stays_begun: Vec<&db::reports::ReportStay> = stays
        .iter()
        .filter(|s| s.start_date >= first && StayKind::from_code(&s.kind).is_some_and(StayKind::is_institutional))
        .collect();
    let enrolled_ids: HashSet<i64> = by_month
        .iter()
        .flat_map(|(_, rows)| {
            rows.iter().filter(|r| matches!(r.stage, Stage::Enrolled | Stage::Housed)).map(|r| r.participant_id)
        })
        .collect();
    let stays_of_participants = stays_begun.iter().filter(|s| enrolled_ids.contains(&s.participant_id)).count() as i64;
    let people_with_stays =
        stays_begun.iter().map(|s| s.participant_id).filter(|id| enrolled_ids.contains(id)).collect::<HashSet<_>>();
    let engagement: Vec<EngagementMonth> = by_month
        .iter()
        .map(|(m, rows)| EngagementMonth {
            month: *m,
            label: m.format("%B %Y").to_string(),
            required: rows.iter().filter(|r| r.engagement_required).count() as u32,
            met: rows.iter().filter(|r| r.engagement_required && r.engagement_met).count() as u32,
        })
        .collect();
    let (required, met) = engagement.iter().fold((0, 0), |(a, b), e| (a + e.required, b + e.met));
    let linked_any: HashSet<i64> = by_month
        .iter()
        .flat_map(|(_, rows)| rows.iter().filter(|r| !r.linkages.is_empty()).map(|r| r.participant_id))
        .collect();
    let employed: HashSet<i64> = by_month
        .iter()
        .flat_map(|(_, rows)| rows.iter().filter(|r| r.employer.is_some()).map(|r| r.participant_id))
        .collect();
    let hours: Decimal = by_month.iter().flat_map(|(_, rows)| rows.iter().filter_map(|r| r.vocational_hours)).sum();

    let n = |v: i64| Some(Decimal::from(v));
    let m = |aim, label: &str, kind, value, note: &str| Measure {
        aim,
        label: label.into(),
        kind,
        value,
        note: note.into(),
    };
    use Aim::*;
    use MeasureKind::*;
    let measures = vec![
        m(Reach, "Participants served", Count, n(people.len() as i64), "Referred or served in any month of the quarter."),
        m(Reach, "Referred", Count, n(referred), "Referrals received in the quarter."),
        m(Reach, "Screened", Count, n(screened), "Screenings finished in the quarter."),
        m(Reach, "Found eligible", Count, n(eligible), "Of those screened, eligible (overrides included)."),
        m(Reach, "Enrolled", Count, n(enrolled), "Enrolled in the quarter."),
        m(Reach, "Housed", Count, n(housed_in_quarter.len() as i64), "Moved into a program unit for the first time in the quarter."),
        m(Reach, "Housed at the quarter's end", Count, n(housed_at_end), "Living in a program unit on the quarter's last day."),
        m(Reach, "Average days from referral to housing", Days, average(&days), "For those first housed in the quarter."),
        m(Reach, "Median days from referral to housing", Days, median(&days), "For those first housed in the quarter."),
        m(Reach, "Exited", Count, n(exits.len() as i64), "Left the program in the quarter."),
        m(Reach, "Exited to permanent housing", Count, n(to_permanent), "Rental (with or without a subsidy), permanent supportive housing, or family or friends permanently."),
        m(Reach, "Housing stability", Percent, percent(stable, housed_during.len() as i64),
            "Of the people housed at any time in the quarter, the share still housed at its end or who left to permanent housing."),
        m(PreventInstitutionalization, "Institutional stays begun", Count, n(stays_of_participants),
            "Hospital, long-term care, SMHRF, jail or prison stays of enrolled or housed participants that began in the quarter."),
        m(PreventInstitutionalization, "Participants with an institutional stay", Count, n(people_with_stays.len() as i64), ""),
        m(PreventInstitutionalization, "Returns to homelessness", Count, n(to_homelessness), "Exits to a shelter or the street."),
        m(PreventInstitutionalization, "Deaths", Count, n(deaths), "Exits because the participant died (the record does not say the cause)."),
        m(HealthAndRecovery, "Engagement standard met", Percent, percent(met as i64, required as i64),
            "Participant-months with two visits, one at home, of those enrolled or housed the whole month."),
        m(HealthAndRecovery, "Linked to treatment or recovery support", Count, n(linked_any.len() as i64),
            "Participants whose visits in the quarter made at least one linkage."),
        m(HealthAndRecovery, "Employed", Count, n(employed.len() as i64), "Participants who held a job on any day of the quarter."),
        m(HealthAndRecovery, "Vocational hours", Hours, Some(hours), "Hours with IPS or CRP providers recorded for the quarter's months."),
    ];
    let mut destinations: Vec<(String, u32)> = Vec::new();
    for d in Destination::ALL {
        let c = exits.iter().filter(|r| r.exit.as_ref().and_then(|x| x.2) == Some(*d)).count() as u32;
        if c > 0 {
            destinations.push((d.label().to_string(), c));
        }
    }
    QuarterlyFigures {
        first,
        last,
        period: super::quarter_words(first, last),
        fiscal_year: 0,
        fiscal_year_start: first,
        housed_at_end: housed_at_end as u32,
        measures,
        exits_by_destination: destinations,
        engagement,
        spending: Vec::new(),
        budget_total: None,
        quarter_total: crate::rules::Money(Decimal::ZERO),
        year_to_date_total: crate::rules::Money(Decimal::ZERO),
        remaining_total: None,
    }
}

/// Spending by category for the quarter and the year to date against the
/// budget, and the cost figures of the third aim.
fn spending(
    f: &mut QuarterlyFigures,
    budget: &HashMap<String, Money>,
    quarter: &[(String, i64, u64)],
    year: &[(String, i64, u64)],
) -> Result<(), DeskError> {
    let cents = |rows: &[(String, i64, u64)], code: &str| {
        rows.iter().find(|(c, _, _)| c == code).map_or(Decimal::ZERO, |(_, cents, _)| Decimal::new(*cents, 2))
    };
    let mut lines = Vec::new();
    for c in CostCategory::ALL {
        let b = budget.get(c.code()).copied();
        let q = cents(quarter, c.code());
        let y = cents(year, c.code());
        if b.is_none() && q.is_zero() && y.is_zero() {
            continue;
        }
        lines.push(SpendingLine {
            category: c,
            label: c.label().into(),
            budget: b,
            quarter: Money(q),
            year_to_date: Money(y),
            remaining: b.map(|b| Money(b.0 - y)),
        });
    }
    f.quarter_total = Money(lines.iter().map(|l| l.quarter.0).sum());
    f.year_to_date_total = Money(lines.iter().map(|l| l.year_to_date.0).sum());
    f.budget_total = (!budget.is_empty()).then(|| Money(budget.values().map(|m| m.0).sum()));
    f.remaining_total = f.budget_total.map(|b| Money(b.0 - f.year_to_date_total.0));
    let housed = f.housed_at_end;
    f.measures.push(Measure {
        aim: Aim::StateCosts,
        label: "Spent in the quarter".into(),
        kind: MeasureKind::Money,
        value: Some(f.quarter_total.0),
        note: "Every eligible cost paid in the quarter.".into(),
    });
    f.measures.push(Measure {
        aim: Aim::StateCosts,
        label: "Spent per person housed at the quarter's end".into(),
        kind: MeasureKind::Money,
        value: (housed > 0).then(|| (f.quarter_total.0 / Decimal::from(housed)).round_dp(2)),
        note: "The quarter's spending divided by the people housed on its last day.".into(),
    });
    f.spending = lines;
    Ok(())
}

fn average(days: &[i64]) -> Option<Decimal> {
    (!days.is_empty()).then(|| (Decimal::from(days.iter().sum::<i64>()) / Decimal::from(days.len())).round_dp(1))
}

fn median(days: &[i64]) -> Option<Decimal> {
    if days.is_empty() {
        return None;
    }
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    Some(if sorted.len() % 2 == 0 {
        (Decimal::from(sorted[mid - 1] + sorted[mid]) / Decimal::TWO).round_dp(1)
    } else {
        Decimal::from(sorted[mid])
    })
}

/// `part` of `whole` as a percentage with one decimal; none of nothing.
fn percent(part: i64, whole: i64) -> Option<Decimal> {
    (whole > 0).then(|| (Decimal::from(part * 100) / Decimal::from(whole)).round_dp(1))
}
