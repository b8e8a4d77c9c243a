//! The payment standard (Guide: Rent and Utility Payment Standards, Fair
//! Market Rent and Unit Size).

use rust_decimal::Decimal;

use super::Money;

/// The bedrooms a participant's payment standard is for (Guide: Unit Size):
/// "Since this program is limited to single-person households, Payment
/// Standards for units larger than one bedroom may be assigned only for
/// program participants requiring a live-in aide or who need additional
/// room to store medical equipment", each documented by a licensed or
/// certified professional. One bedroom, plus one for a documented live-in
/// aide, plus one for documented medical equipment.
pub fn allowed_bedrooms(documented_live_in_aide: bool, documented_medical_equipment: bool) -> u32 {
    1 + u32::from(documented_live_in_aide) + u32::from(documented_medical_equipment)
}

/// Why a payment standard cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentStandardError {
    #[error("an exception of {asked}% is above the {max}% of FMR the Guide allows")]
    AboveMaximum { asked: Decimal, max: Decimal },
    #[error("an exception must be above 100% of FMR")]
    NotAnException,
}

/// The payment standard (Guide: Fair Market Rent): "at or below the Fair
/// Market Rent (FMR) for the unit size and the geographical area", or, where
/// DMH allowed it "in writing in advance", up to `max_percent` (120%) of
/// FMR. `approved_percent` is that written approval, if any. Rounded to the cent.
pub fn payment_standard(
    fmr: Money,
    approved_percent: Option<Decimal>,
    max_percent: Decimal,
) -> Result<Money, PaymentStandardError> {
    match approved_percent {
        None => Ok(fmr),
        Some(p) if p <= Decimal::ONE_HUNDRED => Err(PaymentStandardError::NotAnException),
        Some(p) if p > max_percent => Err(PaymentStandardError::AboveMaximum { asked: p, max: max_percent }),
        Some(p) => Ok(Money(fmr.0 * p / Decimal::ONE_HUNDRED).to_cents()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn bedrooms_allowed() {
        assert_eq!(allowed_bedrooms(false, false), 1, "a single person: one bedroom");
        assert_eq!(allowed_bedrooms(true, false), 2, "with a live-in aide");
        assert_eq!(allowed_bedrooms(false, true), 2, "with medical equipment");
        assert_eq!(allowed_bedrooms(true, true), 3);
    }

    #[test]
    fn exceptions_up_to_the_maximum_only() {
        let max = Decimal::from(120);
        assert_eq!(payment_standard(m("1581"), None, max), Ok(m("1581")));
        assert_eq!(payment_standard(m("1581"), Some(Decimal::from(120)), max), Ok(m("1897.20")));
        assert_eq!(payment_standard(m("1581"), Some(Decimal::from_str("110.5").unwrap()), max), Ok(m("1747.01")));
        assert_eq!(
            payment_standard(m("1581"), Some(Decimal::from(121)), max),
            Err(PaymentStandardError::AboveMaximum { asked: Decimal::from(121), max })
        );
        assert_eq!(
            payment_standard(m("1581"), Some(Decimal::from(100)), max),
            Err(PaymentStandardError::NotAnException)
        );
    }
}
