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
use crate::rules::engagement::{month_end, month_start};
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

crate::validation::choices!(Aim {
    Reach => "reach", "Referral, eligibility and housing";
    PreventInstitutionalization => "prevent_institutionalization", "Aim 1: preventing institutionalization and overdose deaths";
    HealthAndRecovery => "health_and_recovery", "Aim 2: improving health outcomes and access to recovery support";
    StateCosts => "state_costs", "Aim 3: reducing State costs";
});

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
/// A quarter in progress is counted up to `today`.
pub fn figures(store: &Store, day: NaiveDate, today: NaiveDate) -> Result<QuarterlyFigures, DeskError> {
    let (first, last) = quarter_of(day);
    let months: Vec<NaiveDate> = (0..3).filter_map(|i| first.checked_add_months(chrono::Months::new(i))).collect();
    let mut by_month = Vec::with_capacity(3);
    for m in &months {
        if *m <= today {
            by_month.push((*m, monthly::rows(store, *m, today)?));
        }
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
    // Housed at any time in the quarter: at a month's end, or under a lease
    // whose stay overlapped the month (someone evicted mid-month counts).
    let housed_during: HashSet<i64> = by_month
        .iter()
        .flat_map(|(m, rows)| {
            let (m_first, m_last) = (month_start(*m), month_end(*m));
            rows.iter()
                .filter(move |r| {
                    r.stage == Stage::Housed
                        || r.lease.as_ref().is_some_and(|l| {
                            l.move_in.is_some_and(|i| i <= m_last) && l.move_out.is_none_or(|o| o >= m_first)
                        })
                })
                .map(|r| r.participant_id)
        })
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
    // A stay counts against the first aim once the person is a participant:
    // the discharge that led to the referral is not one.
    let enrolled_on: HashMap<i64, NaiveDate> =
        people.values().filter_map(|r| r.enrolled_on.map(|d| (r.participant_id, d))).collect();
    let participant_stays: Vec<&&db::reports::ReportStay> = stays_begun
        .iter()
        .filter(|s| enrolled_ids.contains(&s.participant_id))
        .filter(|s| enrolled_on.get(&s.participant_id).is_none_or(|d| s.start_date >= *d))
        .collect();
    let stays_of_participants = participant_stays.len() as i64;
    let people_with_stays = participant_stays.iter().map(|s| s.participant_id).collect::<HashSet<_>>();
    let engagement: Vec<EngagementMonth> = by_month
        .iter()
        .map(|(m, rows)| EngagementMonth {
            month: *m,
            label: super::month_words(*m),
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

/// The average of `days` to one decimal (halves away from zero, as people
/// round); none of nothing. The charts draw the same figure.
pub(crate) fn average(days: &[i64]) -> Option<Decimal> {
    (!days.is_empty()).then(|| one_decimal(Decimal::from(days.iter().sum::<i64>()) / Decimal::from(days.len())))
}

/// The median of `days` (the mean of the middle two of an even count).
pub(crate) fn median(days: &[i64]) -> Option<Decimal> {
    if days.is_empty() {
        return None;
    }
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        one_decimal(Decimal::from(sorted[mid - 1] + sorted[mid]) / Decimal::TWO)
    } else {
        Decimal::from(sorted[mid])
    })
}

/// `part` of `whole` as a percentage with one decimal; none of nothing.
pub(crate) fn percent(part: i64, whole: i64) -> Option<Decimal> {
    (whole > 0).then(|| one_decimal(Decimal::from(part * 100) / Decimal::from(whole)))
}

fn one_decimal(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::monthly::LeaseFacts;
    use super::*;
    use crate::demographics::Demographics;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A participant's month with nothing recorded but the referral.
    fn row(id: i64, referred: &str, stage: Stage) -> MonthlyRow {
        MonthlyRow {
            participant_id: id,
            name: format!("Participant {id}"),
            birth_date: d("1980-01-01"),
            demographics: Demographics::default(),
            referral_source: None,
            referral_date: d(referred),
            referring_organization: None,
            category: None,
            determination: None,
            determined_on: None,
            enrolled_on: None,
            stage,
            living_situation: "",
            status_now: String::new(),
            temporary_housing_since: None,
            temporary_housing_days: 0,
            temporary_housing_total_days: 0,
            first_move_in: None,
            lease: None,
            visits: 0,
            home_visits: 0,
            engagement_required: false,
            engagement_met: false,
            linkages: vec![],
            vocational_hours: None,
            employer: None,
            institutional_stays: 0,
            institutional_days: 0,
            exit: None,
            case_manager: None,
        }
    }

    fn housed(id: i64, referred: &str, moved_in: &str) -> MonthlyRow {
        MonthlyRow {
            first_move_in: Some(d(moved_in)),
            enrolled_on: Some(d(referred)),
            ..row(id, referred, Stage::Housed)
        }
    }

    fn value(f: &QuarterlyFigures, label: &str) -> Option<String> {
        f.measures.iter().find(|m| m.label == label).unwrap_or_else(|| panic!("{label}")).value.map(|v| v.to_string())
    }

    fn quarter(months: [Vec<MonthlyRow>; 3], stays: &[db::reports::ReportStay]) -> QuarterlyFigures {
        let firsts = [d("2026-07-01"), d("2026-08-01"), d("2026-09-01")];
        let by_month: Vec<(NaiveDate, Vec<MonthlyRow>)> = firsts.into_iter().zip(months).collect();
        performance(d("2026-07-01"), d("2026-09-30"), &by_month, stays)
    }

    #[test]
    fn days_to_housing_are_the_average_and_median_of_those_first_housed_in_the_quarter() {
        let a = housed(1, "2026-06-01", "2026-07-11"); // 40 days
        let b = housed(2, "2026-07-01", "2026-08-01"); // 31 days
        let c = housed(3, "2026-07-10", "2026-09-30"); // 82 days
        let earlier = housed(4, "2025-01-01", "2025-03-01"); // housed before the quarter
        let f = quarter(
            [vec![a.clone(), earlier.clone()], vec![a.clone(), b.clone(), earlier.clone()], vec![a, b, c, earlier]],
            &[],
        );
        assert_eq!(value(&f, "Housed").as_deref(), Some("3"));
        assert_eq!(value(&f, "Average days from referral to housing").as_deref(), Some("51"), "(40 + 31 + 82) / 3");
        assert_eq!(value(&f, "Median days from referral to housing").as_deref(), Some("40"));
        assert_eq!(value(&f, "Housed at the quarter's end").as_deref(), Some("4"));
        assert_eq!(value(&f, "Participants served").as_deref(), Some("4"), "each person once");
        assert_eq!(value(&f, "Referred").as_deref(), Some("2"), "b and c in July");
    }

    #[test]
    fn a_quarter_with_no_one_housed_has_no_days_and_no_shares_rather_than_a_division_by_zero() {
        let f = quarter([vec![row(1, "2026-07-02", Stage::Referred)], vec![], vec![]], &[]);
        assert_eq!(value(&f, "Average days from referral to housing"), None);
        assert_eq!(value(&f, "Median days from referral to housing"), None);
        assert_eq!(value(&f, "Housing stability"), None);
        assert_eq!(value(&f, "Engagement standard met"), None);
        assert_eq!(value(&f, "Housed at the quarter's end").as_deref(), Some("0"), "the last month is empty");
    }

    #[test]
    fn stability_counts_those_still_housed_and_those_who_left_for_permanent_housing() {
        let stays = housed(1, "2026-01-05", "2026-02-01");
        let moved_on = MonthlyRow {
            exit: Some((
                d("2026-08-20"),
                Some(ExitReason::MovedToPermanentSubsidy),
                Some(Destination::RentalWithSubsidy),
            )),
            ..housed(2, "2026-01-05", "2026-02-01")
        };
        let to_street = MonthlyRow {
            exit: Some((d("2026-09-02"), Some(ExitReason::Evicted), Some(Destination::ShelterOrStreet))),
            ..housed(3, "2026-01-05", "2026-02-01")
        };
        // Housed since February, died on 07/15: July's row is an exit, but
        // the lease says they were housed in the quarter.
        let died = MonthlyRow {
            stage: Stage::Exited,
            exit: Some((d("2026-07-15"), Some(ExitReason::Died), Some(Destination::Deceased))),
            lease: Some(LeaseFacts {
                unit_id: 4,
                option: crate::rules::rent::LeasingOption::RentalAssistance,
                move_in: Some(d("2026-02-01")),
                move_out: Some(d("2026-07-15")),
                contract_rent: Money(Decimal::from(1000)),
                tenant_rent: Money(Decimal::from(200)),
                grantee_payment: Money(Decimal::from(800)),
                utility_reimbursement: Money(Decimal::ZERO),
            }),
            ..housed(4, "2026-01-05", "2026-02-01")
        };
        let exited = |r: &MonthlyRow| MonthlyRow { stage: Stage::Exited, ..r.clone() };
        let f = quarter(
            [
                vec![stays.clone(), moved_on.clone(), to_street.clone(), died.clone()],
                vec![stays.clone(), exited(&moved_on), to_street.clone()],
                vec![stays, exited(&to_street)],
            ],
            &[],
        );
        assert_eq!(value(&f, "Exited").as_deref(), Some("3"));
        assert_eq!(value(&f, "Exited to permanent housing").as_deref(), Some("1"));
        assert_eq!(value(&f, "Returns to homelessness").as_deref(), Some("1"));
        assert_eq!(value(&f, "Deaths").as_deref(), Some("1"));
        // Housed at some time: 1, 2, 3 and 4 (by the lease that ended when
        // they died). Still housed at the end: 1; left to permanent housing: 2.
        assert_eq!(value(&f, "Housing stability").as_deref(), Some("50"));
        let destinations: Vec<&str> = f.exits_by_destination.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(destinations.len(), 3, "{destinations:?}");
    }

    #[test]
    fn engagement_and_stays_count_participant_months_and_stays_begun_in_the_quarter() {
        let met =
            MonthlyRow { engagement_required: true, engagement_met: true, ..housed(1, "2026-01-05", "2026-02-01") };
        let missed = MonthlyRow { engagement_required: true, ..housed(2, "2026-01-05", "2026-02-01") };
        let referred = row(3, "2026-08-01", Stage::Referred);
        let enrolled_later = MonthlyRow { enrolled_on: Some(d("2026-08-15")), ..row(5, "2026-07-01", Stage::Enrolled) };
        let stay = |id, kind: &str, start: &str| db::reports::ReportStay {
            participant_id: id,
            kind: kind.into(),
            start_date: d(start),
            end_date: None,
        };
        let stays = [
            stay(1, "hospital", "2026-07-04"),
            stay(1, "jail_prison", "2026-09-01"),
            stay(2, "hospital", "2026-06-20"),          // began before the quarter
            stay(2, "temporary_housing", "2026-08-01"), // not an institution
            stay(3, "hospital", "2026-08-10"),          // not enrolled
            stay(5, "hospital", "2026-07-20"),          // before the enrollment it led to
        ];
        let f = quarter(
            [
                vec![met.clone(), missed.clone()],
                vec![met.clone(), missed.clone(), referred.clone()],
                vec![met, missed, referred, enrolled_later],
            ],
            &stays,
        );
        assert_eq!(value(&f, "Engagement standard met").as_deref(), Some("50"), "3 of 6 participant-months");
        assert_eq!(f.engagement.iter().map(|e| (e.required, e.met)).collect::<Vec<_>>(), [(2, 1), (2, 1), (2, 1)]);
        assert_eq!(value(&f, "Institutional stays begun").as_deref(), Some("2"));
        assert_eq!(value(&f, "Participants with an institutional stay").as_deref(), Some("1"));
    }

    #[test]
    fn spending_sets_each_category_against_its_budget_and_totals_them() {
        let mut f = quarter(
            [vec![housed(1, "2026-01-05", "2026-02-01")], vec![], vec![housed(1, "2026-01-05", "2026-02-01")]],
            &[],
        );
        let budget = HashMap::from([("security_deposit".to_string(), Money(Decimal::new(1_000_000, 2)))]);
        let quarter_spent =
            vec![("security_deposit".to_string(), 250_000, 2), ("inspection_cost".to_string(), 15_000, 1)];
        let year_spent = vec![("security_deposit".to_string(), 400_000, 3), ("inspection_cost".to_string(), 15_000, 1)];
        spending(&mut f, &budget, &quarter_spent, &year_spent).unwrap();
        let deposit = f.spending.iter().find(|l| l.category == CostCategory::SecurityDeposit).unwrap();
        assert_eq!(deposit.remaining.map(|m| m.to_string()).as_deref(), Some("6000.00"));
        let inspection = f.spending.iter().find(|l| l.category == CostCategory::InspectionCost).unwrap();
        assert_eq!(inspection.budget, None, "spent without a budget line");
        assert_eq!(f.quarter_total.to_string(), "2650.00");
        assert_eq!(f.year_to_date_total.to_string(), "4150.00");
        assert_eq!(f.remaining_total.map(|m| m.to_string()).as_deref(), Some("5850.00"));
        assert_eq!(value(&f, "Spent per person housed at the quarter's end").as_deref(), Some("2650.00"));
        assert_eq!(f.spending.len(), 2, "categories with neither budget nor spending are left out");
    }

    #[test]
    fn the_fiscal_year_runs_july_to_june_named_by_its_end() {
        assert_eq!(fiscal_year_of(d("2026-07-01")), (2027, d("2026-07-01")));
        assert_eq!(fiscal_year_of(d("2026-06-30")), (2026, d("2025-07-01")));
    }
}
