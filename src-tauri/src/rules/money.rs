//! Money: `rust_decimal`, never a float. Crosses JSON as a string with two
//! decimals (`"967.00"`); read from a string or a JSON number.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// An amount of dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(d: Decimal) -> Self {
        Money(d)
    }

    /// Rounded to the cent, halves away from zero (up, for the positive
    /// amounts of this program).
    pub fn to_cents(self) -> Money {
        Money(self.0.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    /// Rounded to the whole dollar, halves up (Guide: Total Tenant Payment,
    /// "rounded to the nearest dollar").
    pub fn to_dollars(self) -> Money {
        Money(self.0.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
    }

    /// The larger of zero and this amount.
    pub fn at_least_zero(self) -> Money {
        Money(self.0.max(Decimal::ZERO))
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl Money {
    /// As people read an amount: `$1,850.00`, `-$12.50`.
    pub fn dollars(self) -> String {
        let text = self.to_string();
        let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
        let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
        let mut grouped = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        format!("{sign}${grouped}.{cents}")
    }
}

impl fmt::Display for Money {
    /// Two decimals, no thousands separator: `11604.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.to_cents().0)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        decimal(d).map(Money)
    }
}

/// The largest amount the desk reads from a form, a calculation input or an
/// imported table: $1,000,000,000.00, far above any rent, income or limit
/// of this program, and far enough below `Decimal`'s own limit (about
/// 7.9 × 10^28) that a year of an hourly wage at 168 hours, summed over
/// any list, cannot overflow.
pub const LARGEST_AMOUNT: Money = Money(Decimal::from_parts(1_000_000_000, 0, 0, false, 0));

/// Reads an amount as staff type it or HUD prints it: `967.50`, `$1,512`,
/// and as the app prints it ([`Money::dollars`]): `-$12.50`.
/// `None` when it is not a number; the sign is kept for the caller to judge.
pub fn parse_typed(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let (sign, unsigned) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let cleaned = format!("{sign}{}", unsigned.trim_start_matches('$').replace(',', ""));
    if cleaned.is_empty() || cleaned.contains(NOT_IN_AN_AMOUNT) {
        return None;
    }
    Decimal::from_str_exact(&cleaned).ok()
}

/// What `Decimal` reads but no one writes in an amount: an exponent
/// (`1e3`) or a digit separator (`1_000`, and so `12_50` would be 1250).
const NOT_IN_AN_AMOUNT: [char; 3] = ['e', 'E', '_'];

/// A whole-dollar amount (TTP): crosses JSON as `"277"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct WholeDollars(pub Money);

impl fmt::Display for WholeDollars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.0}", self.0.to_dollars().0)
    }
}

impl Serialize for WholeDollars {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for WholeDollars {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        decimal(d).map(|d| WholeDollars(Money(d)))
    }
}

/// Reads a decimal from a JSON string (`"12.50"`) or number (`12.5`).
pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = Decimal;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number, like \"967.00\"")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            let t = v.trim();
            if t.is_empty() || t.contains(NOT_IN_AN_AMOUNT) {
                return Err(E::custom(format!("{v:?} is not a number")));
            }
            Decimal::from_str_exact(t).map_err(|_| E::custom(format!("{v:?} is not a number")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
            // The shortest text that reads back as the same float: 12.5 → "12.5".
            Decimal::from_str(&v.to_string()).map_err(|_| E::custom(format!("{v} is not a usable number")))
        }
    }
    d.deserialize_any(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(m("300.50").to_dollars(), m("301"));
        assert_eq!(m("300.49").to_dollars(), m("300"));
        assert_eq!(m("0.005").to_cents(), m("0.01"));
        assert_eq!(m("0.004").to_cents(), m("0.00"));
    }

    #[test]
    fn serializes_as_two_decimal_string() {
        assert_eq!(serde_json::to_string(&m("11604")).unwrap(), "\"11604.00\"");
        assert_eq!(serde_json::to_string(&m("0.1")).unwrap(), "\"0.10\"");
    }

    #[test]
    fn reads_typed_amounts() {
        assert_eq!(parse_typed(" $1,512 "), Some(Decimal::from(1512)));
        assert_eq!(parse_typed("967.50"), Decimal::from_str("967.50").ok());
        assert_eq!(parse_typed("-5"), Some(Decimal::from(-5)), "the caller refuses negatives with its own words");
        // Found by the money round-trip property: the app's own "-$12.50" did not read back.
        assert_eq!(parse_typed("-$12.50"), Decimal::from_str("-12.50").ok(), "as dollars() prints it");
        assert_eq!(parse_typed("-$1,850.00"), Decimal::from_str("-1850.00").ok());
        assert_eq!(parse_typed("$-5"), Some(Decimal::from(-5)));
        // "0_" and "12_50" found by the parser property: `Decimal` skips underscores (1250).
        for bad in ["", "n/a", "1e3", "12,5.0.1", "--5", "-$-5", "-", "0_", "12_50"] {
            assert_eq!(parse_typed(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reads_strings_and_numbers() {
        let cases = [("\"967.00\"", "967.00"), ("967", "967"), ("12.5", "12.5"), ("\" 85 \"", "85")];
        for (json, want) in cases {
            assert_eq!(serde_json::from_str::<Money>(json).unwrap(), m(want), "{json}");
        }
        for bad in ["\"12,50\"", "\"abc\"", "\"\"", "\"1e3\"", "\"12_50\"", "true", "null"] {
            assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad} must be refused");
        }
    }
}
