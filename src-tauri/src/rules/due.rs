//! When something about a participant comes due: the windows the dashboard
//! watches so that nobody who should be helped falls through a crack.

use chrono::{Days, Months, NaiveDate};

use super::recertification::next_recertification_due;

/// Days ahead the dashboard looks for a discharge or release. Guide: Referral
/// Process: grantees "should develop a process for identifying eligible
/// individuals before hospital discharge, correctional system release".
pub const RELEASE_WINDOW_DAYS: u64 = 14;
/// A release date that passed this many days ago still shows, so a person
/// released while still being screened is not forgotten.
pub const RELEASE_GRACE_DAYS: u64 = 7;
/// Days ahead the dashboard looks for a recertification. Guide: Total Tenant
/// Payment: income is recalculated "minimally every twelve months".
pub const RECERTIFICATION_WINDOW_DAYS: u64 = 60;
/// Guide: Temporary/Immediate Housing: "immediate temporary housing, not to
/// exceed 90 days".
pub const TEMPORARY_STAY_LIMIT_DAYS: u64 = 90;
/// Days before the 90-day limit when the dashboard starts warning.
pub const TEMPORARY_STAY_WARNING_DAYS: u64 = 21;
/// Days ahead a waiting list's opening is announced.
pub const WAITLIST_WINDOW_DAYS: u64 = 14;
/// Guide: Leasing: "Stays in long-term care facilities, specialized mental
/// health rehabilitation facilities (SMHRFs), or correctional facilities of
/// less than six months are not considered vacancies."
pub const STAY_VACANCY_MONTHS: u32 = 6;

/// Whether a discharge or release on `release` needs attention on `today`:
/// within the next 14 days, or past by at most a week.
pub fn release_needs_attention(release: NaiveDate, today: NaiveDate) -> bool {
    let from = today.checked_sub_days(Days::new(RELEASE_GRACE_DAYS)).unwrap_or(NaiveDate::MIN);
    let to = today.checked_add_days(Days::new(RELEASE_WINDOW_DAYS)).unwrap_or(NaiveDate::MAX);
    (from..=to).contains(&release)
}

/// The recertification due date when it falls within the next 60 days or
/// has passed, after a full income calculation as of `last_full`.
pub fn recertification_needs_attention(last_full: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let due = next_recertification_due(last_full);
    let horizon = today.checked_add_days(Days::new(RECERTIFICATION_WINDOW_DAYS)).unwrap_or(NaiveDate::MAX);
    (due <= horizon).then_some(due)
}

/// The last day a temporary stay that began on `start` may last: 90 days,
/// counting the first night as day one.
pub fn temporary_stay_last_day(start: NaiveDate) -> NaiveDate {
    start.checked_add_days(Days::new(TEMPORARY_STAY_LIMIT_DAYS - 1)).unwrap_or(NaiveDate::MAX)
}

/// The last day of a temporary stay still open on `today`, when the limit is
/// three weeks away or less (or already passed).
pub fn temporary_stay_needs_attention(start: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let last = temporary_stay_last_day(start);
    let warn_from = last.checked_sub_days(Days::new(TEMPORARY_STAY_WARNING_DAYS)).unwrap_or(NaiveDate::MIN);
    (today >= warn_from).then_some(last)
}

/// Whether a waiting list that opens on `opens_on` should be registered for
/// now: it opens within two weeks, or has opened.
pub fn waitlist_needs_attention(opens_on: NaiveDate, today: NaiveDate) -> bool {
    opens_on <= today.checked_add_days(Days::new(WAITLIST_WINDOW_DAYS)).unwrap_or(NaiveDate::MAX)
}

/// Whether an institutional stay from `start` to `end` (or still going on
/// `today`) makes the unit vacant: only a stay of six months or more does.
pub fn stay_is_vacancy(start: NaiveDate, end: Option<NaiveDate>, today: NaiveDate) -> bool {
    let until = end.unwrap_or(today);
    start.checked_add_months(Months::new(STAY_VACANCY_MONTHS)).is_some_and(|six| until >= six)
}

/// Whole years between `birth` and `on` (the age on that day; someone born
/// on February 29 turns a year older on March 1 in common years).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    #[test]
    fn releases_in_the_next_fourteen_days() {
        let today = d("2026-11-23");
        let cases = [
            ("2026-11-23", true),
            ("2026-12-07", true), // day 14
            ("2026-12-08", false),
            ("2026-11-16", true), // a week past
            ("2026-11-15", false),
        ];
        for (release, want) in cases {
            assert_eq!(release_needs_attention(d(release), today), want, "{release}");
        }
        // Across a year end and a leap day.
        assert!(release_needs_attention(d("2027-01-05"), d("2026-12-25")));
        assert!(release_needs_attention(d("2028-03-13"), d("2028-02-28")));
        assert!(!release_needs_attention(d("2028-03-14"), d("2028-02-28")));
    }

    #[test]
    fn recertifications_in_the_next_sixty_days() {
        let today = d("2026-11-23");
        assert_eq!(recertification_needs_attention(d("2026-01-22"), today), Some(d("2027-01-22"))); // day 60
        assert_eq!(recertification_needs_attention(d("2026-01-23"), today), None); // day 61
        assert_eq!(recertification_needs_attention(d("2025-10-01"), today), Some(d("2026-10-01")), "overdue shows");
        // A calculation on a leap day comes due on February 28 the next year.
        assert_eq!(recertification_needs_attention(d("2028-02-29"), d("2029-01-01")), Some(d("2029-02-28")));
    }

    #[test]
    fn temporary_stays_near_ninety_days() {
        let start = d("2026-09-01");
        assert_eq!(temporary_stay_last_day(start), d("2026-11-29"));
        assert_eq!(temporary_stay_needs_attention(start, d("2026-11-07")), None);
        assert_eq!(temporary_stay_needs_attention(start, d("2026-11-08")), Some(d("2026-11-29")));
        assert_eq!(temporary_stay_needs_attention(start, d("2026-12-15")), Some(d("2026-11-29")), "past the limit");
        // Through February of a leap year: 90 days from Jan 1 ends March 30.
        assert_eq!(temporary_stay_last_day(d("2028-01-01")), d("2028-03-30"));
        assert_eq!(temporary_stay_last_day(d("2027-01-01")), d("2027-03-31"));
    }

    #[test]
    fn waiting_lists_opening_soon() {
        let today = d("2026-11-23");
        assert!(waitlist_needs_attention(d("2026-12-07"), today));
        assert!(!waitlist_needs_attention(d("2026-12-08"), today));
        assert!(waitlist_needs_attention(d("2026-10-01"), today), "already open");
    }

    #[test]
    fn stays_under_six_months_are_not_vacancies() {
        let start = d("2026-03-15");
        assert!(!stay_is_vacancy(start, Some(d("2026-09-14")), d("2026-11-23")));
        assert!(stay_is_vacancy(start, Some(d("2026-09-15")), d("2026-11-23")));
        assert!(!stay_is_vacancy(start, None, d("2026-09-14")), "still there, not yet six months");
        assert!(stay_is_vacancy(start, None, d("2026-09-15")));
        // August 31 plus six months is the last day of February.
        assert!(stay_is_vacancy(d("2027-08-31"), None, d("2028-02-29")));
        assert!(!stay_is_vacancy(d("2027-08-31"), None, d("2028-02-28")));
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_on(d("2005-11-24"), d("2026-11-23")), 20);
        assert_eq!(age_on(d("2005-11-23"), d("2026-11-23")), 21);
        assert_eq!(age_on(d("2004-02-29"), d("2025-02-28")), 20);
        assert_eq!(age_on(d("2004-02-29"), d("2025-03-01")), 21);
        assert_eq!(age_on(d("2030-01-01"), d("2026-11-23")), 0);
    }
}
