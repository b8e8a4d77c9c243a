//! Rent reasonableness (Guide: Rent and Utility Payment Standards, Rent
//! Reasonableness): "The contract rent charged for a unit must be reasonable
//! in relation to rents currently being charged for comparable units in the
//! private unassisted market and must not be in excess of rents currently
//! being charged by the owner for comparable unassisted units. Grantees must
//! complete and retain documentation of a rent comparison for that unit and
//! no less than 3 other units in the private unassisted market".

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};
use ts_rs::TS;

use super::Money;

/// Guide: "no less than 3 other units in the private unassisted market".
pub const MIN_COMPARABLES: usize = 3;

/// Why a rent comparison cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComparisonProblem {
    #[error(
        "A rent comparison needs at least 3 comparable units from the private unassisted market; {}.",
        recorded(*.count)
    )]
    TooFewComparables { count: usize },
    /// `position` counts from 1, as the list shows the units.
    #[error("Comparable unit {position} needs its monthly rent, more than $0.00.")]
    RentNotPositive { position: usize },
}

impl ComparisonProblem {
    pub fn field(&self) -> &'static str {
        "comparables"
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Whether `count` comparable units are enough for a rent comparison: at
/// least three.
pub fn check_comparables(count: usize) -> Result<(), ComparisonProblem> {
    if count < MIN_COMPARABLES {
        Err(ComparisonProblem::TooFewComparables { count })
    } else {
        Ok(())
    }
}

/// A percent to one decimal; crosses JSON as a string, `"-2.4"`, never a
/// float and never `"-0.0"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub Decimal);

impl Percent {
    /// `value` rounded to one decimal, halves away from zero.
    pub fn one_decimal(value: Decimal) -> Percent {
        let mut d = value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(1);
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        Percent(d)
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A unit's rent set beside the rents of comparable unassisted units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Comparison {
    #[ts(type = "string")]
    pub unit_rent: Money,
    pub comparables: u32,
    #[ts(type = "string")]
    pub lowest: Money,
    #[ts(type = "string")]
    pub highest: Money,
    /// To the cent, halves up.
    #[ts(type = "string")]
    pub average: Money,
    /// The middle rent, or halfway between the two middle ones; to the cent,
    /// halves up.
    #[ts(type = "string")]
    pub median: Money,
    /// The unit rent less the (rounded) average: negative when below it.
    #[ts(type = "string")]
    pub difference_from_average: Money,
    /// That difference as a percent of the (rounded) average, to one
    /// decimal, halves away from zero: `"-2.4"`.
    #[ts(type = "string")]
    pub percent_from_average: Percent,
    /// The unit rent is not above the highest comparable rent. A suggestion
    /// only: the staff member decides whether the rent is reasonable, taking
    /// into account what the Guide lists ("The location, quality, size, unit
    /// type, and age of the contract unit" and "Any amenities, housing
    /// services, maintenance and utilities to be provided by the owner").
    pub suggests_reasonable: bool,
}

/// The unit's rent compared with the comparable rents (in any order): the
/// lowest, highest, average and median, and how far the unit rent is from
/// the average. Refuses fewer than three comparables, and any comparable
/// rent of $0.00 or less (the first one, counting from 1).
pub fn compare(unit_rent: Money, comparable_rents: &[Money]) -> Result<Comparison, ComparisonProblem> {
    check_comparables(comparable_rents.len())?;
    if let Some(i) = comparable_rents.iter().position(|r| *r <= Money::ZERO) {
        return Err(ComparisonProblem::RentNotPositive { position: i + 1 });
    }
    let mut rents = comparable_rents.to_vec();
    rents.sort();
    let n = rents.len();
    let count = Decimal::from(n);
    let lowest = rents[0];
    let highest = rents[n - 1];
    let average = Money(rents.iter().copied().sum::<Money>().0 / count).to_cents();
    let median =
        if n % 2 == 1 { rents[n / 2] } else { Money((rents[n / 2 - 1] + rents[n / 2]).0 / Decimal::TWO) }.to_cents();
    let difference_from_average = unit_rent - average;
    let percent = Percent::one_decimal(difference_from_average.0 * Decimal::ONE_HUNDRED / average.0);
    Ok(Comparison {
        unit_rent,
        comparables: u32::try_from(n).unwrap_or(u32::MAX),
        lowest,
        highest,
        average,
        median,
        difference_from_average,
        percent_from_average: percent,
        suggests_reasonable: unit_rent <= highest,
    })
}

fn recorded(count: usize) -> String {
    match count {
        0 => "none are recorded".to_string(),
        1 => "1 is recorded".to_string(),
        n => format!("{n} are recorded"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    fn ms(list: &[&str]) -> Vec<Money> {
        list.iter().map(|s| m(s)).collect()
    }

    fn pct(s: &str) -> Percent {
        Percent(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn at_least_three_comparables() {
        let cases = [
            (0, Some("A rent comparison needs at least 3 comparable units from the private unassisted market; none are recorded.")),
            (1, Some("A rent comparison needs at least 3 comparable units from the private unassisted market; 1 is recorded.")),
            (2, Some("A rent comparison needs at least 3 comparable units from the private unassisted market; 2 are recorded.")),
            (3, None),
            (7, None),
        ];
        for (count, want) in cases {
            assert_eq!(check_comparables(count).err().map(|p| p.message()).as_deref(), want, "{count}");
        }
        assert_eq!(check_comparables(2).unwrap_err().field(), "comparables");
        assert_eq!(compare(m("1000"), &ms(&["900", "1100"])), Err(ComparisonProblem::TooFewComparables { count: 2 }));
    }

    #[test]
    fn comparable_rents_must_be_above_zero() {
        let problem = compare(m("1000"), &ms(&["900", "0", "-5"])).unwrap_err();
        assert_eq!(problem, ComparisonProblem::RentNotPositive { position: 2 });
        assert_eq!(problem.message(), "Comparable unit 2 needs its monthly rent, more than $0.00.");
    }

    /// (unit rent, comparables, lowest, highest, average, median, difference, percent, suggests reasonable)
    type Row<'a> = (&'a str, &'a [&'a str], &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, bool);

    #[test]
    fn comparisons() {
        let rows: [Row; 10] = [
            // Odd count, unit below the average: -25 / 1025 = -2.439%.
            ("1000", &["950", "1100", "1025"], "950", "1100", "1025.00", "1025", "-25.00", "-2.4", true),
            // Even count: the median is halfway between the middle two.
            ("1100", &["1250", "900", "1100", "1000"], "900", "1250", "1062.50", "1050", "37.50", "3.5", true),
            // Equal rents, the unit at the highest.
            ("1000", &["1000", "1000", "1000"], "1000", "1000", "1000.00", "1000", "0.00", "0.0", true),
            // A cent above the highest comparable.
            ("1000.01", &["1000", "1000", "1000"], "1000", "1000", "1000.00", "1000", "0.01", "0.0", false),
            // Averages to the cent: 1000.0033 down, 1000.0067 up, 1000.005 up.
            ("1000", &["1000", "1000", "1000.01"], "1000", "1000.01", "1000.00", "1000", "0.00", "0.0", true),
            ("1000", &["1000", "1000.01", "1000.01"], "1000", "1000.01", "1000.01", "1000.01", "-0.01", "0.0", true),
            ("1000", &["1000", "1000", "1000", "1000.02"], "1000", "1000.02", "1000.01", "1000", "-0.01", "0.0", true),
            // An even median on a half cent rounds up: 1000.005 -> 1000.01.
            ("990", &["999", "1000.01", "1000", "1002"], "999", "1002", "1000.25", "1000.01", "-10.25", "-1.0", true),
            // Percent on a half: 0.05% -> 0.1, -0.05% -> -0.1 (away from zero).
            ("1000.50", &["900", "1000", "1100"], "900", "1100", "1000.00", "1000", "0.50", "0.1", true),
            ("999.50", &["900", "1000", "1100"], "900", "1100", "1000.00", "1000", "-0.50", "-0.1", true),
        ];
        for (unit, comps, lowest, highest, average, median, difference, percent, reasonable) in rows {
            let got = compare(m(unit), &ms(comps)).unwrap();
            let want = Comparison {
                unit_rent: m(unit),
                comparables: u32::try_from(comps.len()).unwrap(),
                lowest: m(lowest),
                highest: m(highest),
                average: m(average),
                median: m(median),
                difference_from_average: m(difference),
                percent_from_average: pct(percent),
                suggests_reasonable: reasonable,
            };
            assert_eq!(got, want, "{unit} against {comps:?}");
        }
    }

    #[test]
    fn a_unit_far_above_the_market() {
        let got = compare(m("1500"), &ms(&["1000", "1100", "1200"])).unwrap();
        assert_eq!(got.percent_from_average, pct("36.4"), "400 / 1100 = 36.36%");
        assert!(!got.suggests_reasonable);
    }

    #[test]
    fn crosses_to_the_ui_as_strings() {
        let just_below = compare(m("999.99"), &ms(&["900", "1000", "1100"])).unwrap();
        assert_eq!(
            serde_json::to_string(&just_below).unwrap(),
            concat!(
                r#"{"unit_rent":"999.99","comparables":3,"lowest":"900.00","highest":"1100.00","#,
                r#""average":"1000.00","median":"1000.00","difference_from_average":"-0.01","#,
                r#""percent_from_average":"0.0","suggests_reasonable":true}"#
            ),
            "-0.001% shows as 0.0, never -0.0"
        );
        let whole = compare(m("1050"), &ms(&["900", "1000", "1100"])).unwrap();
        assert_eq!(serde_json::to_value(&whole).unwrap()["percent_from_average"], "5.0", "always one decimal");
    }
}
