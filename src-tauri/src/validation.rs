//! Turning what a person typed into checked values, collecting every problem
//! at once so a form can show them all beside their fields.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::rules::money::{parse_typed, Money, LARGEST_AMOUNT};

/// One problem with one field, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    /// The field's name as the request spells it (`birth_date`).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Every problem found in one request; never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} field(s) need correcting", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn single(field: &str, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, message)])
    }
}

/// Collects field problems while a request is checked, then answers
/// `Ok(value)` or every error at once.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// Required free text: trimmed, not empty, at most `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, what: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("Enter {what}."));
        } else if value.chars().count() > max {
            self.add(field, format!("{} must be {max} characters or fewer.", capitalize(what)));
        }
        value.to_string()
    }

    /// Optional free text: trimmed, `None` when empty, at most `max` characters.
    pub fn optional_text(&mut self, field: &str, value: &str, what: &str, max: usize) -> Option<String> {
        let value = value.trim();
        if value.chars().count() > max {
            self.add(field, format!("{} must be {max} characters or fewer.", capitalize(what)));
        }
        (!value.is_empty()).then(|| value.to_string())
    }

    /// A required date, typed as `YYYY-MM-DD` or `MM/DD/YYYY`.
    pub fn required_date(&mut self, field: &str, value: &str, what: &str) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            self.add(field, format!("Enter {what}."));
            return None;
        }
        self.optional_date(field, value, what)
    }

    /// An optional date, typed as `YYYY-MM-DD` or `MM/DD/YYYY`.
    pub fn optional_date(&mut self, field: &str, value: &str, what: &str) -> Option<NaiveDate> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match parse_date(value) {
            Some(date) => Some(date),
            None => {
                self.add(field, format!("{} must be a real date, like 03/15/1984 or 1984-03-15.", capitalize(what)));
                None
            }
        }
    }

    /// A date on or before `today` (a visit, a registration, a document).
    pub fn past_date(
        &mut self,
        field: &str,
        value: &str,
        what: &str,
        today: NaiveDate,
        required: bool,
    ) -> Option<NaiveDate> {
        let date =
            if required { self.required_date(field, value, what) } else { self.optional_date(field, value, what) };
        if date.is_some_and(|d| d > today) {
            self.add(field, format!("{} cannot be in the future.", capitalize(what)));
            return None;
        }
        date
    }

    /// An optional US phone number, kept as `(312) 555-0142`.
    pub fn optional_phone(&mut self, field: &str, value: &str) -> Option<String> {
        let typed = self.optional_text(field, value, "the phone number", 40)?;
        let normalized = normalize_phone(&typed);
        if normalized.is_none() {
            self.add(field, "Enter a 10-digit phone number, like 312-555-0142.");
        }
        normalized
    }

    /// An optional email address.
    pub fn optional_email(&mut self, field: &str, value: &str) -> Option<String> {
        let email = self.optional_text(field, value, "the email address", 254);
        if email.as_deref().is_some_and(|e| !looks_like_email(e)) {
            self.add(field, "Enter an email address like name@example.org.");
        }
        email
    }

    /// An amount of dollars as typed (`967.50`, `$1,200`): zero or more, to
    /// the cent, at most [`LARGEST_AMOUNT`].
    pub fn amount(&mut self, field: &str, typed: &str, what: &str, required: bool) -> Option<Money> {
        if typed.trim().is_empty() {
            if required {
                self.add(field, format!("Enter {what}."));
            }
            return None;
        }
        match parse_typed(typed) {
            Some(d) if d < Decimal::ZERO => {
                self.add(field, format!("Enter {what} as an amount of zero or more."));
                None
            }
            Some(d) if d > LARGEST_AMOUNT.0 => {
                self.add(field, format!("Enter {what} of {} or less.", LARGEST_AMOUNT.dollars()));
                None
            }
            Some(d) if d.scale() > 2 => {
                self.add(field, format!("Enter {what} in dollars and cents, like 967.50."));
                None
            }
            Some(d) => Some(Money(d)),
            None => {
                self.add(field, format!("Enter {what} as an amount, like 967.50."));
                None
            }
        }
    }

    /// One value of a closed list, by its code.
    pub fn choice<T: Choice>(&mut self, field: &str, value: &str, what: &str) -> Option<T> {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("Choose {what}."));
            return None;
        }
        match T::ALL.iter().find(|c| c.code() == value) {
            Some(c) => Some(*c),
            None => {
                self.add(field, format!("Choose {what} from the list."));
                None
            }
        }
    }

    /// `Ok(value)` when nothing was wrong, else every problem found.
    /// `value` is `None` only where a check above recorded an error; were it
    /// ever `None` without one, that is reported rather than panicking.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, ValidationErrors> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ if !self.errors.is_empty() => Err(ValidationErrors(self.errors)),
            _ => Err(ValidationErrors::single("form", "Some answers could not be read. Check the form and try again.")),
        }
    }
}

/// A closed list of choices with stable codes and words for people.
pub trait Choice: Copy + 'static {
    const ALL: &'static [Self];
    /// The stable code stored and sent over the wire (`county_jail`).
    fn code(self) -> &'static str;
    /// The words shown to people (`County jail`).
    fn label(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }
}

/// Implements [`Choice`] for a closed list from one table of
/// `Variant => "code", "label";` lines, so codes and words are written once.
macro_rules! choices {
    ($t:ty { $($v:ident => $code:literal, $label:literal;)* }) => {
        impl $crate::validation::Choice for $t {
            const ALL: &'static [Self] = &[$(<$t>::$v),*];
            fn code(self) -> &'static str {
                match self { $(<$t>::$v => $code),* }
            }
            fn label(self) -> &'static str {
                match self { $(<$t>::$v => $label),* }
            }
        }
    };
}
pub(crate) use choices;

/// A US phone number as `(312) 555-0142`, from any way of typing its 10
/// digits (a leading country code 1 is allowed).
pub fn normalize_phone(typed: &str) -> Option<String> {
    if typed.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.len() {
        11 if digits.starts_with('1') => &digits[1..],
        10 => &digits[..],
        _ => return None,
    };
    Some(format!("({}) {}-{}", &digits[0..3], &digits[3..6], &digits[6..10]))
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

/// Parses `YYYY-MM-DD` (ISO) or `MM/DD/YYYY` (as US offices write dates).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok().filter(|_| value.len() == 10).or_else(|| {
        let parts: Vec<&str> = value.split('/').collect();
        if parts.len() != 3 || parts[2].len() != 4 || parts[0].is_empty() || parts[1].is_empty() {
            return None;
        }
        let month = parts[0].parse().ok()?;
        let day = parts[1].parse().ok()?;
        let year = parts[2].parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// The text with its first letter in capitals.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_office_formats() {
        let cases = [
            ("1984-03-15", Some((1984, 3, 15))),
            ("03/15/1984", Some((1984, 3, 15))),
            ("3/5/1984", Some((1984, 3, 5))),
            (" 2024-02-29 ", Some((2024, 2, 29))),
            ("2023-02-29", None), // not a leap year
            ("1984-3-15", None),  // ISO must be zero-padded
            ("15/03/1984", None), // day first is not a US date
            ("03/15/84", None),   // two-digit years are ambiguous
            ("yesterday", None),
            ("", None),
        ];
        for (input, want) in cases {
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(parse_date(input), want, "parsing {input:?}");
        }
    }

    #[test]
    fn checker_collects_every_problem() {
        let mut c = Checker::new();
        let name = c.required_text("legal_name", "   ", "the legal name", 10);
        c.required_text("city", "abcdefghijk", "the city", 10);
        c.optional_date("birth_date", "31/31/2000", "the date of birth");
        assert_eq!(name, "");
        let errors = c.finish(Some(())).unwrap_err().0;
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["legal_name", "city", "birth_date"], "all three problems reported together");
        assert_eq!(errors[0].message, "Enter the legal name.");
        assert_eq!(errors[1].message, "The city must be 10 characters or fewer.");
    }

    #[test]
    fn amounts_from_zero_to_the_largest_to_the_cent() {
        // (typed, read as, the error)
        let cases = [
            ("$1,000,000,000.00", Some("1000000000.00"), None),
            ("0", Some("0"), None),
            ("-$12.50", None, Some("Enter the rent as an amount of zero or more.")),
            ("12.505", None, Some("Enter the rent in dollars and cents, like 967.50.")),
            // Found by the calculation input property: larger amounts
            // overflowed the calculation (a panic) once multiplied by 52.
            ("1000000000.01", None, Some("Enter the rent of $1,000,000,000.00 or less.")),
            ("7922816251426433759354395033", None, Some("Enter the rent of $1,000,000,000.00 or less.")),
            ("lots", None, Some("Enter the rent as an amount, like 967.50.")),
        ];
        for (typed, want, error) in cases {
            let mut c = Checker::new();
            let got = c.amount("rent", typed, "the rent", true);
            assert_eq!(got.map(|m| m.0.to_string()).as_deref(), want, "{typed:?}");
            let errors = c.finish(Some(())).err().map(|e| e.0).unwrap_or_default();
            assert_eq!(errors.first().map(|e| e.message.as_str()), error, "{typed:?}");
        }
    }
}
