//! When the Guide's reports are due (Guide: Data Reporting).
//!
//! - Monthly participant data: "submitted to the DMH Program Contact no
//!   later than the 5th business day of each month, containing information
//!   on all consumers referred or served during the prior month".
//! - Quarterly performance and financial reports (PRTP/PPR, PFR): "no later
//!   than 30 days after the end of each quarter".
//!
//! Readings where the Guide is silent:
//! - A business day is a weekday that is not a holiday in the office's
//!   holiday table (the State of Illinois' and the federal holidays, as the
//!   administrator keeps them); the table is passed in, never assumed.
//! - Quarters are calendar quarters (January–March, …); the 30 days are
//!   counted from the quarter's last day, that day not counted, and a due
//!   date that falls on a weekend or holiday is not moved (the Guide says
//!   "no later than").

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which business day of the month the monthly data is due on.
pub const MONTHLY_DUE_BUSINESS_DAY: u32 = 5;
/// Days after a quarter's end the quarterly reports are due.
pub const QUARTERLY_DUE_DAYS: u64 = 30;

/// Whether `day` is a business day: a weekday that is not in `holidays`.
pub fn is_business_day(day: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day)
}

/// The `n`th business day (from 1) of the month that contains `month`.
pub fn nth_business_day(month: NaiveDate, n: u32, holidays: &BTreeSet<NaiveDate>) -> NaiveDate {
    let mut day = month.with_day(1).unwrap_or(month);
    let mut seen = 0;
    loop {
        if is_business_day(day, holidays) {
            seen += 1;
            if seen >= n.max(1) {
                return day;
            }
        }
        day = day.succ_opt().unwrap_or(day);
    }
}

/// The day the monthly participant data for `month_reported` (any day of
/// it) is due: the 5th business day of the month after.
pub fn monthly_data_due(month_reported: NaiveDate, holidays: &BTreeSet<NaiveDate>) -> NaiveDate {
    let first = month_reported.with_day(1).unwrap_or(month_reported);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    nth_business_day(next, MONTHLY_DUE_BUSINESS_DAY, holidays)
}

/// The first and last day of the calendar quarter that contains `day`.
pub fn quarter_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_month = (day.month0() / 3) * 3 + 1;
    let first = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let last = first.checked_add_months(chrono::Months::new(3)).and_then(|d| d.pred_opt()).unwrap_or(first);
    (first, last)
}

/// The day the quarterly reports for the quarter that contains `day` are
/// due: 30 days after the quarter's last day.
pub fn quarterly_reports_due(day: NaiveDate) -> NaiveDate {
    let (_, last) = quarter_of(day);
    last.checked_add_days(Days::new(QUARTERLY_DUE_DAYS)).unwrap_or(last)
}

/// Where a participant stood on the program's path on a given day, for the
/// reports' counts (Guide: Program Referral and Intake, Enrollment, Housing
/// Placement, Exit). Later stages win: someone housed was also enrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Referred,
    Eligible,
    Ineligible,
    Enrolled,
    Housed,
    Exited,
}

/// What the record says happened, and when, for `stage_on`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathDates {
    pub referral: Option<NaiveDate>,
    /// The last finished screening: its day, and whether it found the
    /// person eligible (an override counts as eligible).
    pub screened: Option<(NaiveDate, bool)>,
    pub enrolled: Option<NaiveDate>,
    /// A move-in into a program unit, with the move-out if there was one.
    pub housed: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The last exit from the program.
    pub exited: Option<NaiveDate>,
}

/// The stage on `day`, or `None` before the referral. An exit counts until
/// a later enrollment (someone who came back).
pub fn stage_on(p: &PathDates, day: NaiveDate) -> Option<Stage> {
    let on = |d: Option<NaiveDate>| d.is_some_and(|d| d <= day);
    if !on(p.referral) {
        return None;
    }
    let enrolled = p.enrolled.filter(|d| *d <= day);
    if let Some(exit) = p.exited.filter(|d| *d <= day) {
        if enrolled.is_none_or(|e| e <= exit) {
            return Some(Stage::Exited);
        }
    }
    if let Some((moved_in, moved_out)) = p.housed {
        if moved_in <= day && moved_out.is_none_or(|out| out > day) {
            return Some(Stage::Housed);
        }
    }
    if enrolled.is_some() {
        return Some(Stage::Enrolled);
    }
    Some(match p.screened.filter(|(d, _)| *d <= day) {
        Some((_, true)) => Stage::Eligible,
        Some((_, false)) => Stage::Ineligible,
        None => Stage::Referred,
    })
}

/// Days of the period `first..=last` that fall within `start..=end` (an
/// open `end` runs past the period).
pub fn days_within(start: NaiveDate, end: Option<NaiveDate>, first: NaiveDate, last: NaiveDate) -> i64 {
    let from = start.max(first);
    let to = end.map_or(last, |e| e.min(last));
    if to < from {
        0
    } else {
        (to - from).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::d;

    /// The Illinois state and federal holidays the office starts with.
    fn illinois(days: &[&str]) -> BTreeSet<NaiveDate> {
        days.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn weekends_and_holidays_are_not_business_days() {
        let h = illinois(&["2026-11-26", "2026-11-27"]);
        assert!(is_business_day(d("2026-11-25"), &h), "a Wednesday");
        assert!(!is_business_day(d("2026-11-26"), &h), "Thanksgiving");
        assert!(!is_business_day(d("2026-11-27"), &h), "the day after, an Illinois holiday");
        assert!(!is_business_day(d("2026-11-28"), &h), "a Saturday");
        assert!(!is_business_day(d("2026-11-29"), &h), "a Sunday");
    }

    #[test]
    fn a_month_that_starts_on_a_weekend_counts_from_its_first_weekday() {
        // November 2026 starts on a Sunday: Mon 2, Tue 3 (Election Day, an
        // Illinois holiday in even years), Wed 4, Thu 5, Fri 6, Mon 9.
        let h = illinois(&["2026-11-03"]);
        assert_eq!(monthly_data_due(d("2026-10-15"), &h), d("2026-11-09"));
        assert_eq!(monthly_data_due(d("2026-10-15"), &BTreeSet::new()), d("2026-11-06"), "without the holiday");
        // August 2026 starts on a Saturday: Mon 3 … Fri 7.
        assert_eq!(monthly_data_due(d("2026-07-31"), &BTreeSet::new()), d("2026-08-07"));
    }

    #[test]
    fn a_holiday_on_the_fifth_moves_the_due_date_to_the_next_business_day() {
        // March 2027: Mon 1 is Casimir Pulaski Day; Tue 2 … Fri 5 are four, Mon 8 the fifth.
        let h = illinois(&["2027-03-01"]);
        assert_eq!(monthly_data_due(d("2027-02-10"), &h), d("2027-03-08"));
        // A holiday that falls on what would be the 5th business day.
        let h = illinois(&["2026-06-05"]);
        assert_eq!(nth_business_day(d("2026-06-01"), 5, &h), d("2026-06-08"));
    }

    #[test]
    fn december_s_data_is_due_in_the_new_year() {
        // January 2027: Fri 1 New Year's Day, Mon 4 … Thu 7 four, Fri 8 the fifth.
        let h = illinois(&["2027-01-01", "2027-01-18"]);
        assert_eq!(monthly_data_due(d("2026-12-31"), &h), d("2027-01-08"));
    }

    #[test]
    fn quarterly_reports_are_due_30_days_after_the_quarter_ends() {
        assert_eq!(quarter_of(d("2026-11-23")), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(quarter_of(d("2026-01-01")), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!(quarterly_reports_due(d("2026-11-23")), d("2027-01-30"), "December 31 + 30 days");
        assert_eq!(quarterly_reports_due(d("2026-02-14")), d("2026-04-30"), "March 31 + 30 days");
        assert_eq!(quarterly_reports_due(d("2026-05-01")), d("2026-07-30"), "June 30 + 30 days");
        assert_eq!(quarterly_reports_due(d("2026-09-30")), d("2026-10-30"), "September 30 + 30 days");
    }

    fn path() -> PathDates {
        PathDates {
            referral: Some(d("2026-01-10")),
            screened: Some((d("2026-01-20"), true)),
            enrolled: Some(d("2026-02-01")),
            housed: Some((d("2026-03-15"), Some(d("2026-09-30")))),
            exited: Some(d("2026-09-30")),
        }
    }

    #[test]
    fn the_stage_follows_the_path_day_by_day() {
        let p = path();
        assert_eq!(stage_on(&p, d("2026-01-09")), None);
        assert_eq!(stage_on(&p, d("2026-01-10")), Some(Stage::Referred));
        assert_eq!(stage_on(&p, d("2026-01-20")), Some(Stage::Eligible));
        assert_eq!(stage_on(&p, d("2026-02-01")), Some(Stage::Enrolled));
        assert_eq!(stage_on(&p, d("2026-03-14")), Some(Stage::Enrolled));
        assert_eq!(stage_on(&p, d("2026-03-15")), Some(Stage::Housed));
        assert_eq!(stage_on(&p, d("2026-09-29")), Some(Stage::Housed));
        assert_eq!(stage_on(&p, d("2026-09-30")), Some(Stage::Exited));
        let ineligible = PathDates {
            screened: Some((d("2026-01-20"), false)),
            ..PathDates { referral: p.referral, ..Default::default() }
        };
        assert_eq!(stage_on(&ineligible, d("2026-02-01")), Some(Stage::Ineligible));
    }

    #[test]
    fn someone_who_came_back_is_enrolled_again() {
        let back = PathDates { enrolled: Some(d("2026-10-15")), housed: None, ..path() };
        assert_eq!(stage_on(&back, d("2026-10-01")), Some(Stage::Exited));
        assert_eq!(stage_on(&back, d("2026-10-15")), Some(Stage::Enrolled));
    }

    #[test]
    fn days_within_a_month() {
        let (first, last) = (d("2026-11-01"), d("2026-11-30"));
        assert_eq!(days_within(d("2026-10-20"), Some(d("2026-11-05")), first, last), 5);
        assert_eq!(days_within(d("2026-11-25"), None, first, last), 6);
        assert_eq!(days_within(d("2026-10-01"), None, first, last), 30);
        assert_eq!(days_within(d("2026-11-30"), Some(d("2026-11-30")), first, last), 1);
        assert_eq!(days_within(d("2026-10-01"), Some(d("2026-10-31")), first, last), 0);
        assert_eq!(days_within(d("2026-12-01"), None, first, last), 0);
    }
}
