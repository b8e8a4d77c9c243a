//! The program in charts, for the home page and the Reports page: over the
//! last twelve months, where participants stood on the path (Guide: Program
//! Referral and Intake, Enrollment, Housing Placement, Exit), how many were
//! housed, how long housing took from the referral, engagement against the
//! two-visit standard (Guide: Eligible Costs, Engagement and Support
//! Services: "at least twice per month, with at least one of the visits
//! being a home visit"), and the grant year's spending by eligible-cost
//! category against the budget (Guide: Data Reporting, the Periodic
//! Financial Report) — the same figures the quarterly reports hold, for
//! the triple aim of the Guide's Purpose.
//!
//! Readings where the Guide is silent:
//! - The twelve months end with the current one; each month is counted at
//!   its last day, the current month at today.
//! - Engagement is measured over the people housed the whole month (living
//!   in a program unit on its first and its last day), and only for months
//!   that have ended: a month in progress is not yet missed.
//! - Days to housing run from the referral to the first move-in into a
//!   program unit, for the people first housed in the month.
//! - The grant year is the State fiscal year (see `quarterly`).

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::quarterly::{self, fiscal_year_of};
use crate::accounts::Session;
use crate::error::DeskError;
use crate::rules::eligible_costs::CostCategory;
use crate::rules::engagement::{month_end, month_start, requirement_met, VisitKind};
use crate::rules::reporting::{stage_on, PathDates, Stage};
use crate::rules::Money;
use crate::screening::Determination;
use crate::store::{self as db, Store};
use crate::validation::Choice;

/// How many months the charts cover, the current one included.
pub const MONTHS_SHOWN: u32 = 12;

/// Everything the charts draw.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgramCharts {
    /// The day the figures were counted.
    pub as_of: NaiveDate,
    /// "December 2025 to November 2026".
    pub period: String,
    /// Oldest first; the last is the current month.
    pub months: Vec<ChartMonth>,
    pub spending: SpendingChart,
}

/// One month of the charts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartMonth {
    /// Its first day.
    pub month: NaiveDate,
    /// "Dec 2025".
    pub label: String,
    /// The day the stages are counted: the month's last day, or today.
    pub counted_on: NaiveDate,
    /// Where people stood on `counted_on`: referred (not yet found eligible
    /// or not), found eligible, enrolled (not yet housed), housed.
    pub referred: u32,
    pub eligible: u32,
    pub enrolled: u32,
    pub housed: u32,
    /// People who first moved into a program unit in the month, and the
    /// days from their referral.
    pub moved_in: u32,
    pub median_days_to_housing: Option<f64>,
    pub average_days_to_housing: Option<f64>,
    /// Whether the month has ended (engagement is counted only then).
    pub ended: bool,
    /// People enrolled or housed the whole month (held to the engagement
    /// standard), and those of them with two visits, one at home.
    pub held_to_standard: u32,
    pub engagement_met: u32,
    /// `engagement_met` of `held_to_standard`, in percent with one
    /// decimal; none while the month runs or when no one was housed.
    pub engagement_percent: Option<f64>,
}

/// The grant year's spending by eligible-cost category against its budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpendingChart {
    /// The State fiscal year, named by the year it ends.
    pub fiscal_year: i32,
    pub from: NaiveDate,
    pub through: NaiveDate,
    pub lines: Vec<SpendingBar>,
    #[ts(type = "string")]
    pub spent_total: Money,
    /// None when no budget is entered for the year.
    #[ts(type = "string | null")]
    pub budget_total: Option<Money>,
}

/// One category's spending in the grant year so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpendingBar {
    pub category: CostCategory,
    pub label: String,
    #[ts(type = "string")]
    pub spent: Money,
    #[ts(type = "string | null")]
    pub budget: Option<Money>,
}

/// What the record says of one participant's path, every event kept (a
/// participant may be screened again, move more than once, exit and come
/// back), from which `dates_on` picks what held on a given day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantPath {
    pub referral: Option<NaiveDate>,
    /// Finished screenings, oldest first: the day and whether it found the
    /// person eligible (an override counts as eligible).
    pub screenings: Vec<(NaiveDate, bool)>,
    pub enrolled: Option<NaiveDate>,
    /// Moves into program units, by move-in day, with the move-out if any.
    pub stays: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// Exits, oldest first.
    pub exits: Vec<NaiveDate>,
}

impl ParticipantPath {
    /// The path as it stood on `day`, for `stage_on`: the last screening
    /// and exit by then, and the stay that covers the day (else the last
    /// one begun by then).
    pub fn dates_on(&self, day: NaiveDate) -> PathDates {
        let begun = self.stays.iter().filter(|(m, _)| *m <= day);
        let covering = begun.clone().find(|(_, out)| out.is_none_or(|o| o > day));
        PathDates {
            referral: self.referral,
            screened: self.screenings.iter().rev().find(|(d, _)| *d <= day).copied(),
            enrolled: self.enrolled,
            housed: covering.or_else(|| begun.clone().next_back()).copied(),
            exited: self.exits.iter().rev().find(|d| **d <= day).copied(),
        }
    }

    /// The stage on `day`.
    pub fn stage_on(&self, day: NaiveDate) -> Option<Stage> {
        stage_on(&self.dates_on(day), day)
    }

    /// The first day in a program unit.
    pub fn first_move_in(&self) -> Option<NaiveDate> {
        self.stays.iter().map(|(m, _)| *m).min()
    }
}

/// Visits in one participant-month that the engagement standard counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthVisits {
    /// Home and community visits (phone calls do not count).
    pub counted: u32,
    pub home: u32,
}

/// The charts for `today`, for the roles that see the reports.
pub fn program_charts(store: &Store, session: &Session, today: NaiveDate) -> Result<ProgramCharts, DeskError> {
    super::require_report_role(session)?;
    let conn = store.conn();
    let months = chart_months(today);
    let first = months.first().map_or(month_start(today), |(m, _)| *m);
    let last = month_end(today);

    let mut paths: HashMap<i64, ParticipantPath> = HashMap::new();
    for (id, referral) in db::charts::referrals(conn, today)? {
        paths.entry(id).or_default().referral = Some(referral);
    }
    for (id, day, determination) in db::charts::finished_screenings(conn, today)? {
        let eligible = Determination::from_code(&determination) != Some(Determination::Ineligible);
        if let Some(p) = paths.get_mut(&id) {
            p.screenings.push((day, eligible));
        }
    }
    for (id, day) in db::reports::enrollments(conn)? {
        if let Some(p) = paths.get_mut(&id) {
            p.enrolled = Some(day);
        }
    }
    for (id, move_in, move_out) in db::charts::move_ins(conn, today)? {
        if let Some(p) = paths.get_mut(&id) {
            p.stays.push((move_in, move_out));
        }
    }
    for (id, day) in db::charts::exit_dates(conn, today)? {
        if let Some(p) = paths.get_mut(&id) {
            p.exits.push(day);
        }
    }
    let mut visits: HashMap<(i64, NaiveDate), MonthVisits> = HashMap::new();
    for (id, month, kind, n) in db::charts::housed_visits_by_month(conn, first, last)? {
        let kind = VisitKind::from_code(&kind);
        let v = visits.entry((id, month)).or_default();
        if kind.is_some_and(VisitKind::counts) {
            v.counted += n;
        }
        if kind == Some(VisitKind::Home) {
            v.home += n;
        }
    }
    let people: Vec<(i64, ParticipantPath)> = paths.into_iter().collect();

    let (fiscal_year, from) = fiscal_year_of(today);
    let budget = db::reports::budget(conn, fiscal_year)?;
    let spent = db::ledger::totals_by_category(conn, from, today)?;
    let (lines, spent_total, budget_total) = spending_against_budget(&budget, &spent);

    Ok(ProgramCharts {
        as_of: today,
        period: format!("{} to {}", super::month_words(first), super::month_words(today)),
        months: chart_figures(&people, &visits, today),
        spending: SpendingChart { fiscal_year, from, through: today, lines, spent_total, budget_total },
    })
}

/// The months of the charts, oldest first: each one's first day and the
/// day it is counted on (its last day, or `today` for the current month).
pub fn chart_months(today: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let current = month_start(today);
    (0..MONTHS_SHOWN)
        .rev()
        .filter_map(|back| current.checked_sub_months(Months::new(back)))
        .map(|m| (m, month_end(m).min(today)))
        .collect()
}

/// Every month's figures from the participants' paths and their visits
/// (keyed by participant and the month's first day).
pub fn chart_figures(
    people: &[(i64, ParticipantPath)],
    visits: &HashMap<(i64, NaiveDate), MonthVisits>,
    today: NaiveDate,
) -> Vec<ChartMonth> {
    chart_months(today)
        .into_iter()
        .map(|(month, counted_on)| {
            let stages = stages_on(people.iter().map(|(_, p)| p), counted_on);
            let days = days_to_housing(people.iter().map(|(_, p)| p), month, month_end(month));
            let ended = month_end(month) < today;
            let (held_to_standard, engagement_met) = if ended { engagement_in(people, visits, month) } else { (0, 0) };
            ChartMonth {
                month,
                label: month.format("%b %Y").to_string(),
                counted_on,
                referred: stages.referred,
                eligible: stages.eligible,
                enrolled: stages.enrolled,
                housed: stages.housed,
                moved_in: days.len() as u32,
                median_days_to_housing: median(&days),
                average_days_to_housing: average(&days),
                ended,
                held_to_standard,
                engagement_met,
                engagement_percent: percent(engagement_met, held_to_standard),
            }
        })
        .collect()
}

/// How many people stood at each stage of the path on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageTally {
    pub referred: u32,
    pub eligible: u32,
    pub enrolled: u32,
    pub housed: u32,
    pub ineligible: u32,
    pub exited: u32,
}

/// Where everyone stood on `day` (people not yet referred are not counted).
pub fn stages_on<'a>(people: impl Iterator<Item = &'a ParticipantPath>, day: NaiveDate) -> StageTally {
    let mut t = StageTally::default();
    for p in people {
        match p.stage_on(day) {
            Some(Stage::Referred) => t.referred += 1,
            Some(Stage::Eligible) => t.eligible += 1,
            Some(Stage::Enrolled) => t.enrolled += 1,
            Some(Stage::Housed) => t.housed += 1,
            Some(Stage::Ineligible) => t.ineligible += 1,
            Some(Stage::Exited) => t.exited += 1,
            None => {}
        }
    }
    t
}

/// Days from the referral to the first move-in, for each person whose
/// first move-in fell from `first` to `last` (none below zero: a referral
/// typed after the move-in counts as the same day).
pub fn days_to_housing<'a>(
    people: impl Iterator<Item = &'a ParticipantPath>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<i64> {
    people
        .filter_map(|p| {
            let moved = p.first_move_in().filter(|m| *m >= first && *m <= last)?;
            Some((moved - p.referral?).num_days().max(0))
        })
        .collect()
}

/// Of the people enrolled or housed the whole month that starts on `month`
/// (on its first and its last day; the same people the monthly data and
/// the dashboard hold to the rule), how many, and how many met the
/// two-visit standard with one visit at home (Guide: Engagement services
/// "at least twice per month, with at least one of the visits being a home
/// visit").
pub fn engagement_in(
    people: &[(i64, ParticipantPath)],
    visits: &HashMap<(i64, NaiveDate), MonthVisits>,
    month: NaiveDate,
) -> (u32, u32) {
    let (first, last) = (month_start(month), month_end(month));
    let mut required = 0;
    let mut met = 0;
    for (id, p) in people {
        let held = |day| matches!(p.stage_on(day), Some(Stage::Enrolled | Stage::Housed));
        if !held(first) || !held(last) {
            continue;
        }
        required += 1;
        let v = visits.get(&(*id, first)).copied().unwrap_or_default();
        if requirement_met(v.counted, v.home) {
            met += 1;
        }
    }
    (required, met)
}

/// The year's spending (category code, cents, payments) against the budget
/// (category code, amount), a line for each category with either, in the
/// Guide's order; with the totals (no budget total when none is entered).
pub fn spending_against_budget(
    budget: &HashMap<String, Money>,
    spent: &[(String, i64, u64)],
) -> (Vec<SpendingBar>, Money, Option<Money>) {
    let mut lines = Vec::new();
    for c in CostCategory::ALL {
        let b = budget.get(c.code()).copied();
        let cents: i64 = spent.iter().filter(|(code, _, _)| code == c.code()).map(|(_, cents, _)| cents).sum();
        if b.is_none() && cents == 0 {
            continue;
        }
        lines.push(SpendingBar {
            category: c,
            label: c.label().into(),
            spent: Money(Decimal::new(cents, 2)),
            budget: b,
        });
    }
    let spent_total = Money(lines.iter().map(|l| l.spent.0).sum());
    let budget_total = (!budget.is_empty()).then(|| Money(budget.values().map(|m| m.0).sum()));
    (lines, spent_total, budget_total)
}

/// The quarterly report's figures, as numbers to draw: one computation and
/// one rounding, so a chart and the report never disagree.
fn median(days: &[i64]) -> Option<f64> {
    quarterly::median(days).and_then(|d| d.to_f64())
}

fn average(days: &[i64]) -> Option<f64> {
    quarterly::average(days).and_then(|d| d.to_f64())
}

/// `part` of `whole` in percent with one decimal; none of nothing.
fn percent(part: u32, whole: u32) -> Option<f64> {
    quarterly::percent(i64::from(part), i64::from(whole)).and_then(|d| d.to_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::d;

    /// Referred 01/10, screened eligible 01/20, enrolled 02/01, housed from
    /// 03/15.
    fn housed_from_march() -> ParticipantPath {
        ParticipantPath {
            referral: Some(d("2026-01-10")),
            screenings: vec![(d("2026-01-20"), true)],
            enrolled: Some(d("2026-02-01")),
            stays: vec![(d("2026-03-15"), None)],
            exits: vec![],
        }
    }

    fn people(paths: Vec<ParticipantPath>) -> Vec<(i64, ParticipantPath)> {
        paths.into_iter().enumerate().map(|(i, p)| (i as i64 + 1, p)).collect()
    }

    #[test]
    fn the_twelve_months_end_with_the_current_one_counted_today() {
        let months = chart_months(d("2026-11-23"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], (d("2025-12-01"), d("2025-12-31")));
        assert_eq!(months[2], (d("2026-02-01"), d("2026-02-28")), "February's last day");
        assert_eq!(months[11], (d("2026-11-01"), d("2026-11-23")), "this month, at today");
        let january = chart_months(d("2027-01-31"));
        assert_eq!(january[0].0, d("2026-02-01"));
        assert_eq!(january[11], (d("2027-01-01"), d("2027-01-31")));
    }

    #[test]
    fn stages_are_counted_at_each_months_end() {
        let p = housed_from_march();
        let count = |day: &str| stages_on([&p].into_iter(), d(day));
        assert_eq!(count("2025-12-31"), StageTally::default(), "not yet referred");
        assert_eq!(count("2026-01-31").eligible, 1);
        assert_eq!(count("2026-02-28").enrolled, 1);
        assert_eq!(count("2026-03-14").enrolled, 1, "the day before the move-in");
        assert_eq!(count("2026-03-15").housed, 1, "the move-in day");
        let months = chart_figures(&people(vec![p]), &HashMap::new(), d("2026-11-23"));
        let housed: Vec<u32> = months.iter().map(|m| m.housed).collect();
        assert_eq!(housed, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1], "housed from March's end on");
        let referred: Vec<u32> = months.iter().map(|m| m.referred + m.eligible + m.enrolled).collect();
        assert_eq!(referred, [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn people_who_exit_or_move_out_leave_the_counts_and_come_back_when_they_return() {
        let left = ParticipantPath {
            stays: vec![(d("2026-03-15"), Some(d("2026-06-30")))],
            exits: vec![d("2026-06-30")],
            ..housed_from_march()
        };
        let moved = ParticipantPath {
            stays: vec![(d("2026-03-15"), Some(d("2026-05-10"))), (d("2026-06-01"), None)],
            ..housed_from_march()
        };
        let back = ParticipantPath {
            referral: Some(d("2025-06-01")),
            screenings: vec![(d("2025-06-05"), false), (d("2026-04-02"), true)],
            enrolled: Some(d("2026-04-20")),
            stays: vec![],
            exits: vec![d("2025-07-01")],
        };
        let t = |day: &str| stages_on([&left, &moved, &back].into_iter(), d(day));
        assert_eq!(t("2026-05-31"), StageTally { housed: 1, enrolled: 2, ..Default::default() }, "moved out 05/10");
        assert_eq!(t("2026-06-30"), StageTally { housed: 1, enrolled: 1, exited: 1, ..Default::default() });
        assert_eq!(t("2026-03-31"), StageTally { housed: 2, exited: 1, ..Default::default() }, "back exited");
        assert_eq!(t("2025-06-30").ineligible, 1, "screened ineligible first");
        assert_eq!(left.first_move_in(), Some(d("2026-03-15")));
        assert_eq!(moved.dates_on(d("2026-05-20")).housed, Some((d("2026-03-15"), Some(d("2026-05-10")))));
        assert_eq!(moved.dates_on(d("2026-06-01")).housed, Some((d("2026-06-01"), None)));
    }

    #[test]
    fn days_to_housing_by_the_month_of_the_first_move_in() {
        let p = |referral: &str, moves: &[&str]| ParticipantPath {
            referral: Some(d(referral)),
            stays: moves.iter().map(|m| (d(m), None)).collect(),
            ..Default::default()
        };
        let group = [
            p("2026-01-01", &["2026-03-01"]),               // 59 days
            p("2026-02-01", &["2026-03-31"]),               // 58 days, the month's last day
            p("2026-03-01", &["2026-03-11"]),               // 10 days
            p("2026-03-01", &["2026-02-28", "2026-03-20"]), // first housed in February
            p("2026-03-05", &["2026-04-01"]),               // April's first day
            p("2026-03-10", &["2026-03-09"]),               // referral typed late: 0
            p("2026-03-10", &[]),                           // not housed
        ];
        let march = days_to_housing(group.iter(), d("2026-03-01"), d("2026-03-31"));
        assert_eq!(march, [59, 58, 10, 0]);
        assert_eq!(median(&march), Some(34.0), "(10 + 58) / 2");
        assert_eq!(average(&march), Some(31.8), "127 / 4");
        assert_eq!(median(&[3, 9, 4]), Some(4.0));
        assert_eq!(median(&[]), None);
        assert_eq!(average(&[]), None, "no one housed: no division by zero");
    }

    #[test]
    fn engagement_counts_the_people_enrolled_or_housed_the_whole_month_and_ended_months_only() {
        let whole = housed_from_march();
        let moved_in_mid_month = ParticipantPath { stays: vec![(d("2026-10-15"), None)], ..housed_from_march() };
        let moved_out =
            ParticipantPath { stays: vec![(d("2026-03-15"), Some(d("2026-10-31")))], ..housed_from_march() };
        let no_visits = housed_from_march();
        let group = people(vec![whole, moved_in_mid_month, moved_out, no_visits]);
        let october = d("2026-10-01");
        let visits: HashMap<(i64, NaiveDate), MonthVisits> = [
            ((1, october), MonthVisits { counted: 2, home: 1 }),
            ((2, october), MonthVisits { counted: 3, home: 3 }),
            ((3, october), MonthVisits { counted: 2, home: 1 }),
            ((4, d("2026-09-01")), MonthVisits { counted: 2, home: 1 }),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            engagement_in(&group, &visits, october),
            (4, 3),
            "all four enrolled or housed all October (2 moved in, 3 moved out, still enrolled); 4 had no visits"
        );
        let months = chart_figures(&group, &visits, d("2026-11-23"));
        let oct = &months[10];
        assert_eq!((oct.label.as_str(), oct.ended, oct.held_to_standard, oct.engagement_met), ("Oct 2026", true, 4, 3));
        assert_eq!(oct.engagement_percent, Some(75.0));
        assert_eq!(months[9].engagement_percent, Some(25.0), "September: all four enrolled or housed, only 4 met");
        let nov = &months[11];
        assert!(!nov.ended && nov.engagement_percent.is_none(), "November is still running");
        assert_eq!(months[1].engagement_percent, None, "no one housed in January: no division by zero");
        let one_short = [((1, october), MonthVisits { counted: 2, home: 0 })].into_iter().collect();
        assert_eq!(engagement_in(&group[..1], &one_short, october), (1, 0), "two visits, none at home");
    }

    #[test]
    fn spending_against_the_budget_in_the_guides_order() {
        use crate::rules::testing::m;
        let budget: HashMap<String, Money> =
            [("security_deposit".to_string(), m("5000")), ("rental_assistance_payment".to_string(), m("120000"))]
                .into_iter()
                .collect();
        let spent = vec![
            ("rental_assistance_payment".to_string(), 4_508_050, 47),
            ("rental_application_fee".to_string(), 3_500, 1),
            ("transition_assistance".to_string(), 0, 2),
        ];
        let (lines, spent_total, budget_total) = spending_against_budget(&budget, &spent);
        let shown: Vec<(CostCategory, Money, Option<Money>)> =
            lines.iter().map(|l| (l.category, l.spent, l.budget)).collect();
        assert_eq!(
            shown,
            [
                (CostCategory::RentalApplicationFee, m("35.00"), None),
                (CostCategory::SecurityDeposit, m("0"), Some(m("5000"))),
                (CostCategory::RentalAssistancePayment, m("45080.50"), Some(m("120000"))),
            ],
            "a category shows with a budget or spending; a reversal that nets to zero and no budget is left out"
        );
        assert_eq!((spent_total, budget_total), (m("45115.50"), Some(m("125000"))));
        assert_eq!(spending_against_budget(&HashMap::new(), &[]), (vec![], Money::ZERO, None), "nothing entered");
    }

    #[test]
    fn percent_with_one_decimal() {
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(0, 5), Some(0.0));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(1, 16), Some(6.3), "6.25: halves away from zero, as the quarterly report rounds it");
    }
}
