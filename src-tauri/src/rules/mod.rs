//! The Program Guide's rules as pure functions: no database, no clock, no
//! Tauri. Each cites the section of the Guide (or of 24 CFR Part 5) it
//! implements, and answers plain values the UI shows step by step.

pub mod consent;
pub mod due;
pub mod eligibility;
pub mod eligible_costs;
pub mod engagement;
pub mod incentives;
pub mod income;
pub mod inspection;
pub mod money;
pub mod payment_standard;
pub mod recertification;
pub mod rent;
pub mod rent_reasonableness;
pub mod reporting;
pub mod subsistence;
pub mod utility_allowance;
pub mod vacancy;

pub use money::{Money, WholeDollars};

/// A day as US offices write it: `03/15/2026`.
pub(crate) fn us_date(d: chrono::NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

/// A month in words: `March 2026`.
pub(crate) fn month_words(day: chrono::NaiveDate) -> String {
    day.format("%B %Y").to_string()
}

/// Short ways to write amounts and days in the rules' tests.
#[cfg(test)]
pub(crate) mod testing {
    use std::str::FromStr;

    /// `m("925.50")`: an amount.
    pub fn m(s: &str) -> super::Money {
        super::Money(rust_decimal::Decimal::from_str(s).unwrap())
    }

    /// `d("2026-11-23")`: a day.
    pub fn d(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::from_str(s).unwrap()
    }
}
