//! Engagement services (Guide: Eligible Costs, Engagement and Support
//! Services): "These engagement services must be provided at least twice per
//! month, with at least one of the visits being a home visit. Engagement
//! services must be provided in a home- or community-based setting and do
//! not require a clinic visit."

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where an engagement contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    Home,
    Community,
    /// A phone call: worth recording, but not a visit in a home- or
    /// community-based setting, so it does not count toward the two.
    Phone,
}

impl VisitKind {
    /// Whether the Guide counts it as an engagement visit.
    pub fn counts(self) -> bool {
        matches!(self, VisitKind::Home | VisitKind::Community)
    }
}

/// Visits required each month, and home visits among them.
pub const VISITS_PER_MONTH: u32 = 2;
pub const HOME_VISITS_PER_MONTH: u32 = 1;
/// In the last days of a month an unmet requirement is flagged at risk.
pub const AT_RISK_DAYS: i64 = 10;

/// How a month stands against the two-visit rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MonthStanding {
    /// Two visits or more, one of them at home.
    Met,
    /// Not yet met, with time left.
    OnTrack,
    /// Not yet met, and the month ends within `AT_RISK_DAYS` days.
    AtRisk,
    /// The month ended without meeting it.
    Missed,
}

/// Whether a month's visits meet the rule: at least two counted visits, at
/// least one of them at home.
pub fn requirement_met(counted_visits: u32, home_visits: u32) -> bool {
    counted_visits >= VISITS_PER_MONTH && home_visits >= HOME_VISITS_PER_MONTH
}

/// The first day of the month `day` falls in.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The last day of the month `day` falls in.
pub fn month_end(day: NaiveDate) -> NaiveDate {
    month_start(day).checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(day)
}

/// How the month that starts on `month` stands on `today`, given its visits.
pub fn month_standing(month: NaiveDate, today: NaiveDate, counted_visits: u32, home_visits: u32) -> MonthStanding {
    if requirement_met(counted_visits, home_visits) {
        return MonthStanding::Met;
    }
    let end = month_end(month);
    if today > end {
        MonthStanding::Missed
    } else if (end - today).num_days() < AT_RISK_DAYS {
        MonthStanding::AtRisk
    } else {
        MonthStanding::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    #[test]
    fn two_visits_one_at_home() {
        let cases = [(2, 1, true), (3, 2, true), (2, 0, false), (1, 1, false), (0, 0, false)];
        for (visits, home, want) in cases {
            assert_eq!(requirement_met(visits, home), want, "{visits} visits, {home} at home");
        }
        assert!(!VisitKind::Phone.counts() && VisitKind::Home.counts() && VisitKind::Community.counts());
    }

    #[test]
    fn month_ends_including_leap_years() {
        assert_eq!(month_end(d("2028-02-10")), d("2028-02-29"));
        assert_eq!(month_end(d("2026-02-10")), d("2026-02-28"));
        assert_eq!(month_end(d("2026-12-31")), d("2026-12-31"));
        assert_eq!(month_start(d("2026-11-23")), d("2026-11-01"));
    }

    #[test]
    fn standing_through_the_month() {
        let m = d("2026-11-01");
        let cases = [
            ("2026-11-05", 0, 0, MonthStanding::OnTrack),
            ("2026-11-20", 1, 0, MonthStanding::OnTrack), // 10 days left: not yet at risk
            ("2026-11-21", 1, 0, MonthStanding::AtRisk),  // 9 days left
            ("2026-11-30", 2, 0, MonthStanding::AtRisk),  // two visits, none at home
            ("2026-11-30", 2, 1, MonthStanding::Met),
            ("2026-12-01", 1, 1, MonthStanding::Missed),
            ("2026-12-01", 2, 1, MonthStanding::Met),
        ];
        for (today, visits, home, want) in cases {
            assert_eq!(month_standing(m, d(today), visits, home), want, "{today}: {visits} visits, {home} home");
        }
    }
}
