//! When a new income calculation takes effect (Guide: Total Tenant Payment,
//! its conditions, and Income Eligibility).

use chrono::{Months, NaiveDate};

use super::Money;

/// The months between full income calculations: "minimally every twelve
/// months, or when a new lease is executed, whichever comes first".
pub const RECERTIFICATION_MONTHS: u32 = 12;

/// The day the next full income calculation is due after one made on `last`.
pub fn next_recertification_due(last: NaiveDate) -> NaiveDate {
    last.checked_add_months(Months::new(RECERTIFICATION_MONTHS)).unwrap_or(NaiveDate::MAX)
}

/// What an interim calculation does to the rent in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterimEffect {
    /// Income went down (or the TTP did not go up): "Any lost or terminated
    /// income sources can be immediately discounted upon documentation ...
    /// and a new income calculation may be made to determine the subsequent TTP."
    AppliesNow,
    /// The TTP would go up: "Any increase in income can be discounted until
    /// the next Income Eligibility calculation is required." It is noted and
    /// waits for the recertification due on the given day.
    WaitsUntil(NaiveDate),
}

/// Whether an interim calculation changes the rent now or is noted until the
/// next recertification, judged by the Total Tenant Payment it would set
/// against the one in force.
pub fn interim_effect(ttp_in_force: Money, new_ttp: Money, last_full_calculation: NaiveDate) -> InterimEffect {
    if new_ttp > ttp_in_force {
        InterimEffect::WaitsUntil(next_recertification_due(last_full_calculation))
    } else {
        InterimEffect::AppliesNow
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    fn m(s: &str) -> Money {
        Money(rust_decimal::Decimal::from_str(s).unwrap())
    }

    #[test]
    fn twelve_months_later_even_from_a_month_end() {
        assert_eq!(next_recertification_due(d("2026-11-01")), d("2027-11-01"));
        assert_eq!(next_recertification_due(d("2024-02-29")), d("2025-02-28"), "no February 29 next year");
    }

    #[test]
    fn a_decrease_applies_now_an_increase_waits() {
        let last = d("2026-03-01");
        assert_eq!(interim_effect(m("300"), m("120"), last), InterimEffect::AppliesNow);
        assert_eq!(interim_effect(m("300"), m("300"), last), InterimEffect::AppliesNow, "no change: nothing waits");
        assert_eq!(interim_effect(m("300"), m("301"), last), InterimEffect::WaitsUntil(d("2027-03-01")));
    }
}
