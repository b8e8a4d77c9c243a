//! The money parser (`rules::money::parse_typed`) and the form's amount
//! check (`validation::Checker::amount`): never a panic on anything typed;
//! every amount the app prints reads back as the same amount.

use std::str::FromStr;

use housing_desk::rules::money::{parse_typed, LARGEST_AMOUNT};
use housing_desk::rules::Money;
use housing_desk::validation::Checker;
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::check;

/// What a person might type or paste into an amount field: anything at
/// all, amount-like text with signs, commas, dots and exponents, very long
/// digit runs, digits of other scripts, and the app's own printed forms.
pub fn typed_amount() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        "[-+$ ,.0-9eE]{0,40}",
        "[0-9]{20,400}",
        "0\\.[0-9]{25,60}",
        "-?\\$?[0-9]{1,3}(,[0-9]{3}){0,12}(\\.[0-9]{0,30})?",
        "[0-9.]{0,5}\\.{2,10}[0-9]{0,5}",
        "[\u{660}-\u{669}\u{ff10}-\u{ff19}]{1,12}",
        "\\PC{0,20}",
        held_amount().prop_map(|m| m.dollars()),
    ]
    .boxed()
}

#[test]
fn the_parser_never_panics_and_reads_only_numbers() {
    check(file!(), "money parser on typed text", 10_000, typed_amount(), |typed| {
        if let Some(d) = parse_typed(&typed) {
            // Whatever it accepts is digits with at most a sign, a dollar
            // sign, commas and one point around them.
            let kept = typed.trim().chars().filter(|c| !matches!(c, '$' | ',' | '-' | '+' | '.'));
            prop_assert!(kept.clone().all(|c| c.is_ascii_digit()), "{typed:?} read as {d}");
        }
        Ok(())
    });
}

#[test]
fn a_typed_amount_is_a_value_or_one_error_on_its_field() {
    check(file!(), "amount check on typed text", 10_000, typed_amount(), |typed| {
        let mut c = Checker::new();
        let read = c.amount("contract_rent", &typed, "the contract rent", true);
        let errors = match c.finish(Some(())) {
            Ok(()) => Vec::new(),
            Err(e) => e.0,
        };
        match read {
            Some(m) => {
                prop_assert!(errors.is_empty(), "{typed:?} was read as {m} and also refused: {errors:?}");
                prop_assert!(m >= Money::ZERO && m <= LARGEST_AMOUNT, "{typed:?} read as {m}, out of range");
                prop_assert!(m.0.scale() <= 2, "{typed:?} read as {m}, finer than a cent");
            }
            None => {
                prop_assert_eq!(errors.len(), 1, "{:?} must be refused once: {:?}", typed, errors);
                prop_assert_eq!(errors[0].field.as_str(), "contract_rent");
                prop_assert!(errors[0].message.starts_with("Enter the contract rent"), "{:?}", errors[0]);
            }
        }
        Ok(())
    });
}

#[test]
fn every_amount_the_app_prints_reads_back_the_same() {
    check(file!(), "printed amount round trip", 10_000, held_amount(), |m| {
        // Printed forms are to the cent; the amounts the desk holds are too.
        let m = m.to_cents();
        prop_assert_eq!(parse_typed(&m.to_string()).map(Money), Some(m), "plain form {}", m);
        prop_assert_eq!(parse_typed(&m.dollars()).map(Money), Some(m), "dollar form {}", m.dollars());
        let json = serde_json::to_string(&m).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::from_str::<Money>(&json).ok(), Some(m), "over the wire as {}", json);
        Ok(())
    });
}

#[test]
fn an_amount_of_any_precision_prints_to_the_cent() {
    let fine = (any::<i64>(), 0u32..=28).prop_map(|(n, scale)| Money(Decimal::new(n, scale)));
    check(file!(), "printing rounds to the cent", 10_000, fine, |m| {
        let cents = m.to_cents();
        prop_assert_eq!(parse_typed(&m.dollars()).map(Money), Some(cents), "{:?} printed as {}", m, m.dollars());
        prop_assert!((m.0 - cents.0).abs() <= Decimal::from_str("0.005").unwrap_or_default(), "{m:?} → {cents}");
        Ok(())
    });
}

/// Amounts the desk can hold: cents between minus and plus the largest it
/// accepts, with the edges (zero, a cent, the largest) often.
pub fn held_amount() -> BoxedStrategy<Money> {
    let most = (LARGEST_AMOUNT.0 * Decimal::ONE_HUNDRED).to_i64().unwrap_or(i64::MAX);
    prop_oneof![Just(0i64), Just(1), Just(-1), Just(most), Just(-most), 0i64..1_000_000, -most..=most]
        .prop_map(|cents| Money(Decimal::new(cents, 2)))
        .boxed()
}
