//! Consents to disclose under 42 CFR part 2: whether a recorded consent is
//! in force on a day, and the checks a consent must pass to be recorded.
//!
//! 42 CFR 2.31(a) lists what a written consent must include: the patient's
//! name; who may make the disclosure; "how much and what kind of
//! information is to be disclosed"; the name of the person or entity to
//! whom it is made (the recipient); the purpose; a statement that the
//! consent may be revoked at any time except to the extent already acted
//! on; "the date, event, or condition upon which the consent will expire if
//! not revoked before"; and the signature of the patient and the date it was
//! signed. Housing Desk records the parts that vary (recipient, information,
//! purpose, expiry, signature date) for the participant whose page it is,
//! the office being who discloses; the paper itself, with the statement on
//! revoking, is the office's form.
//!
//! A consent that expires on an event or condition ("when I leave the
//! program") cannot be judged by a date: it stays current until staff record
//! that it ended, by revoking it with a note (2.31(a)(7) lets the patient
//! choose such an expiry; only a person can tell when it happened).

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// Where a recorded consent stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    /// Signed, not revoked and not past its expiry: disclosures under it may be made.
    Current,
    /// Past its expiry date.
    Expired,
    /// Revoked by the participant (or recorded as ended).
    Revoked,
}

impl ConsentStatus {
    pub fn label(self) -> &'static str {
        match self {
            ConsentStatus::Current => "Current",
            ConsentStatus::Expired => "Expired",
            ConsentStatus::Revoked => "Revoked",
        }
    }
}

/// The dates that decide a consent's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentDates {
    pub signed_on: NaiveDate,
    /// `None` when it expires on an event or condition instead.
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
}

/// How a consent stands on `today`: revoked from the day it was revoked;
/// expired the day after its expiry date (it covers the whole of that day,
/// 2.31(a)(7)); otherwise current once signed. A consent signed after
/// `today` is not current yet (it cannot be recorded so; an office's clock
/// set back is the only way to see one), so it counts as expired.
pub fn consent_status(c: ConsentDates, today: NaiveDate) -> ConsentStatus {
    if c.revoked_on.is_some_and(|r| r <= today) {
        ConsentStatus::Revoked
    } else if c.signed_on > today || c.expires_on.is_some_and(|e| e < today) {
        ConsentStatus::Expired
    } else {
        ConsentStatus::Current
    }
}

/// Expiries this many days ahead or fewer are warned about.
pub const EXPIRY_WARNING_DAYS: u64 = 30;

/// Whether a current consent's expiry date falls within the warning
/// window: from `today` to 30 days after it, both included.
pub fn expires_soon(expires_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    let until = today.checked_add_days(Days::new(EXPIRY_WARNING_DAYS)).unwrap_or(today);
    expires_on.is_some_and(|e| e >= today && e <= until)
}

/// A consent's dates and words as typed, already parsed: what
/// [`check_consent`] judges. Field names are those of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentFacts<'a> {
    pub recipient: &'a str,
    pub information: &'a str,
    pub purpose: &'a str,
    pub signed_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub expiry_event: &'a str,
}

/// The rules of 2.31(a) a recorded consent must meet beyond each field
/// being filled in and well typed, as `(field, message)` pairs: an expiry
/// (a date, or an event or condition), an expiry date after the day it was
/// signed, a signature date not in the future.
pub fn check_consent(f: &ConsentFacts<'_>, today: NaiveDate) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if let Some(signed) = f.signed_on {
        if signed > today {
            problems.push(("signed_on", "The day it was signed cannot be in the future.".to_string()));
        }
        if f.expires_on.is_some_and(|e| e <= signed) {
            problems.push(("expires_on", "The consent must expire after the day it was signed.".to_string()));
        }
    }
    if f.expires_on.is_none() && f.expiry_event.trim().is_empty() {
        problems.push((
            "expires_on",
            "Enter the date the consent expires, or the event or condition that ends it (42 CFR 2.31(a)(7)).".into(),
        ));
    }
    problems
}

/// The checks on revoking a consent signed on `signed_on`: the day it was
/// revoked is neither before it was signed nor in the future.
pub fn check_revocation(signed_on: NaiveDate, revoked_on: NaiveDate, today: NaiveDate) -> Option<String> {
    if revoked_on > today {
        Some("The day it was revoked cannot be in the future.".into())
    } else if revoked_on < signed_on {
        Some("The day it was revoked cannot be before the day it was signed.".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConsentStatus::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_consent_is_current_from_its_signing_to_the_end_of_its_expiry_day_unless_revoked() {
        let today = d("2026-11-23");
        let c = |signed: &str, expires: Option<&str>, revoked: Option<&str>| ConsentDates {
            signed_on: d(signed),
            expires_on: expires.map(d),
            revoked_on: revoked.map(d),
        };
        let cases = [
            ("signed today", c("2026-11-23", Some("2027-11-23"), None), Current),
            ("expires today: still covers the day", c("2026-01-01", Some("2026-11-23"), None), Current),
            ("expired yesterday", c("2026-01-01", Some("2026-11-22"), None), Expired),
            ("an event, no date", c("2025-01-01", None, None), Current),
            ("revoked today", c("2026-01-01", Some("2027-01-01"), Some("2026-11-23")), Revoked),
            ("revoked tomorrow (a clock set back)", c("2026-01-01", Some("2027-01-01"), Some("2026-11-24")), Current),
            ("revoked after it expired: revoked", c("2025-01-01", Some("2025-06-01"), Some("2025-07-01")), Revoked),
            ("signed tomorrow: not yet in force", c("2026-11-24", Some("2027-11-24"), None), Expired),
        ];
        for (what, dates, want) in cases {
            assert_eq!(consent_status(dates, today), want, "{what}");
        }
    }

    #[test]
    fn expiries_in_the_next_30_days_are_warned_about() {
        let today = d("2026-11-23");
        assert!(expires_soon(Some(d("2026-11-23")), today), "today");
        assert!(expires_soon(Some(d("2026-12-23")), today), "the 30th day");
        assert!(!expires_soon(Some(d("2026-12-24")), today), "the 31st day");
        assert!(!expires_soon(Some(d("2026-11-22")), today), "already expired: that is another warning");
        assert!(!expires_soon(None, today), "an event has no date to warn about");
    }

    fn facts<'a>(signed: Option<&str>, expires: Option<&str>, event: &'a str) -> ConsentFacts<'a> {
        ConsentFacts {
            recipient: "Illinois DMH",
            information: "Monthly participant data",
            purpose: "Program reporting",
            signed_on: signed.map(d),
            expires_on: expires.map(d),
            expiry_event: event,
        }
    }

    #[test]
    fn a_consent_needs_an_expiry_after_its_signing_and_a_signature_not_in_the_future() {
        let today = d("2026-11-23");
        let fields = |f: ConsentFacts<'_>| check_consent(&f, today).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert!(fields(facts(Some("2026-11-20"), Some("2027-11-20"), "")).is_empty());
        assert!(fields(facts(Some("2026-11-20"), None, "When they leave the program")).is_empty());
        assert!(fields(facts(Some("2026-11-20"), Some("2027-11-20"), "or at discharge")).is_empty(), "both");
        assert_eq!(fields(facts(Some("2026-11-20"), None, "  ")), ["expires_on"], "neither");
        assert_eq!(fields(facts(Some("2026-11-20"), Some("2026-11-20"), "")), ["expires_on"], "the same day");
        assert_eq!(fields(facts(Some("2026-11-20"), Some("2026-11-19"), "")), ["expires_on"], "before");
        assert_eq!(fields(facts(Some("2026-11-24"), Some("2027-11-24"), "")), ["signed_on"], "tomorrow");
        // An expiry already past is allowed: an old consent recorded for the file.
        assert!(fields(facts(Some("2025-01-02"), Some("2025-06-01"), "")).is_empty());
        let (_, words) = &check_consent(&facts(Some("2026-11-20"), None, ""), today)[0];
        assert!(words.contains("2.31(a)(7)"), "{words}");
    }

    #[test]
    fn a_revocation_falls_between_the_signing_and_today() {
        let (signed, today) = (d("2026-01-10"), d("2026-11-23"));
        assert_eq!(check_revocation(signed, d("2026-11-23"), today), None);
        assert_eq!(check_revocation(signed, d("2026-01-10"), today), None, "the day it was signed");
        assert!(check_revocation(signed, d("2026-11-24"), today).unwrap().contains("future"));
        assert!(check_revocation(signed, d("2026-01-09"), today).unwrap().contains("before"));
    }
}
