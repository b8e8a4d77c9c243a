//! Annual income (24 CFR 5.609; Guide: Rent and Utility Payment Standards,
//! Income Eligibility) and adjusted income (24 CFR 5.611).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Money;

/// Whose income it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Member {
    Participant,
    /// A medically necessary live-in aide: never a household member for
    /// income (24 CFR 5.609(b)(1) excludes a live-in aide's income).
    LiveInAide,
}

/// What kind of income it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncomeSource {
    Wages,
    /// Net income from a business or self-employment.
    SelfEmployment,
    Ssi,
    Ssdi,
    SocialSecurity,
    Pension,
    Unemployment,
    Tanf,
    GeneralAssistance,
    ChildSupport,
    Alimony,
    VeteransBenefits,
    WorkersCompensation,
    Other,
    /// SNAP benefits: excluded (24 CFR 5.609(b)).
    Snap,
    /// This program's own subsistence allowance: "exempt and will not be
    /// included in any income or rent/utility payment calculations" (Guide:
    /// Total Tenant Payment).
    SubsistenceAllowance,
    /// A lump-sum Social Security back payment: excluded (5.609(b)).
    SsaLumpSum,
    /// Nonrecurring income: excluded (5.609(b)(24) under HOTMA).
    Nonrecurring,
}

impl IncomeSource {
    /// Whether this kind of income counts toward annual income at all.
    pub fn is_counted(self) -> bool {
        !matches!(
            self,
            IncomeSource::Snap
                | IncomeSource::SubsistenceAllowance
                | IncomeSource::SsaLumpSum
                | IncomeSource::Nonrecurring
        )
    }
}

/// How often an amount is received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Per hour, with the hours worked each week.
    Hourly,
    Weekly,
    Biweekly,
    Semimonthly,
    Monthly,
    Annual,
}

impl Frequency {
    /// How many times a year the amount is received (hourly: per hour of a
    /// weekly schedule, so the hours per week still multiply it).
    pub fn times_a_year(self) -> Decimal {
        Decimal::from(match self {
            Frequency::Hourly | Frequency::Weekly => 52,
            Frequency::Biweekly => 26,
            Frequency::Semimonthly => 24,
            Frequency::Monthly => 12,
            Frequency::Annual => 1,
        })
    }
}

/// An amount received at a frequency, over a year: hourly is amount × hours
/// a week × 52, weekly × 52, biweekly × 26, semimonthly × 24, monthly × 12.
/// `hours_per_week` matters only for hourly amounts.
pub fn annualize(amount: Money, frequency: Frequency, hours_per_week: Decimal) -> Money {
    let per_year = amount.0 * frequency.times_a_year();
    Money(if frequency == Frequency::Hourly { per_year * hours_per_week } else { per_year })
}

/// One source of income, annualized, and whether it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeLine {
    pub member: Member,
    pub source: IncomeSource,
    pub annual: Money,
    pub counted: bool,
}

/// Annual income (24 CFR 5.609): the counted sources over twelve months, to
/// the cent. The live-in aide's income and the excluded kinds are listed but
/// not added.
pub fn annual_income(lines: &[IncomeLine]) -> Money {
    lines.iter().filter(|l| l.counted).map(|l| l.annual).sum::<Money>().to_cents()
}

/// Whether a line of income counts: the participant's, of a counted kind.
pub fn is_counted(member: Member, source: IncomeSource) -> bool {
    member == Member::Participant && source.is_counted()
}

/// The 5.611 deduction amounts in force for a calculation (they change by
/// year: see the reference tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeductionParameters {
    /// Per dependent, 5.611(a)(1).
    pub dependent: Money,
    /// Once per elderly or disabled family, 5.611(a)(2).
    pub elderly_disabled: Money,
    /// The percent of annual income that unreimbursed medical and
    /// disability-assistance expenses must exceed, 5.611(a)(3).
    pub medical_threshold_percent: Decimal,
}

/// Each 5.611 deduction, for showing line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deductions {
    pub dependents: Money,
    pub elderly_disabled: Money,
    /// The medical and disability-assistance expenses over the threshold.
    pub medical: Money,
    /// The threshold those expenses had to exceed.
    pub medical_threshold: Money,
}

impl Deductions {
    pub fn total(&self) -> Money {
        self.dependents + self.elderly_disabled + self.medical
    }
}

/// The deductions of 24 CFR 5.611(a): `dependents` × the dependent
/// deduction; the elderly/disabled family deduction once, for an elderly or
/// disabled family; and, for such a family only, the part of unreimbursed
/// medical and disability-assistance expenses (annual) above the threshold
/// percent of annual income.
pub fn deductions(
    p: &DeductionParameters,
    annual_income: Money,
    dependents: u32,
    elderly_or_disabled_family: bool,
    annual_medical_and_disability_expenses: Money,
) -> Deductions {
    let medical_threshold = Money(annual_income.0 * p.medical_threshold_percent / Decimal::ONE_HUNDRED).to_cents();
    let (elderly_disabled, medical) = if elderly_or_disabled_family {
        (p.elderly_disabled, (annual_medical_and_disability_expenses - medical_threshold).at_least_zero().to_cents())
    } else {
        (Money::ZERO, Money::ZERO)
    };
    Deductions {
        dependents: Money(p.dependent.0 * Decimal::from(dependents)),
        elderly_disabled,
        medical,
        medical_threshold,
    }
}

/// Adjusted income (24 CFR 5.611): annual income less the deductions, never
/// below zero.
pub fn adjusted_income(annual_income: Money, deductions: &Deductions) -> Money {
    (annual_income - deductions.total()).at_least_zero().to_cents()
}

/// Elderly family: the head of household is 62 or older (24 CFR 5.403) on
/// the day of the calculation, counted by birthdays.
pub fn is_elderly(age_years: u32) -> bool {
    age_years >= 62
}

/// Whole years of age on `on`: a birthday counts on its day; someone born on
/// February 29 turns a year older on March 1 in other years.
pub fn age_on(birth: chrono::NaiveDate, on: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    if on < birth {
        return 0;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// Income eligibility (Guide: Participant Eligibility, "income at or below
/// 30% of the area median income"): annual income at or below the limit.
pub fn income_eligible(annual_income: Money, income_limit: Money) -> bool {
    annual_income <= income_limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    #[test]
    fn annualizing_each_frequency() {
        let cases = [
            ("15.00", Frequency::Hourly, "20", "15600.00"),
            ("15.25", Frequency::Hourly, "17.5", "13877.50"),
            ("300", Frequency::Weekly, "0", "15600"),
            ("600", Frequency::Biweekly, "0", "15600"),
            ("650", Frequency::Semimonthly, "0", "15600"),
            ("967.00", Frequency::Monthly, "0", "11604.00"),
            ("12020", Frequency::Annual, "0", "12020"),
        ];
        for (amount, frequency, hours, want) in cases {
            let got = annualize(m(amount), frequency, Decimal::from_str(hours).unwrap());
            assert_eq!(got, m(want), "{amount} {frequency:?} × {hours}h");
        }
    }

    #[test]
    fn excluded_income_and_the_aides_income_are_not_counted() {
        let line = |member, source, annual: &str| IncomeLine {
            member,
            source,
            annual: m(annual),
            counted: is_counted(member, source),
        };
        let lines = [
            line(Member::Participant, IncomeSource::Ssi, "11604"),
            line(Member::LiveInAide, IncomeSource::Wages, "25200"),
            line(Member::Participant, IncomeSource::Snap, "2000"),
            line(Member::Participant, IncomeSource::SubsistenceAllowance, "3600"),
            line(Member::Participant, IncomeSource::SsaLumpSum, "9000"),
            line(Member::Participant, IncomeSource::Nonrecurring, "500"),
        ];
        assert_eq!(annual_income(&lines), m("11604.00"));
    }

    #[test]
    fn medical_deduction_only_above_the_threshold_and_only_for_elderly_or_disabled() {
        let p = DeductionParameters {
            dependent: m("480"),
            elderly_disabled: m("525"),
            medical_threshold_percent: Decimal::TEN,
        };
        let elderly = deductions(&p, m("14400"), 0, true, m("3000"));
        assert_eq!(
            (elderly.medical_threshold, elderly.medical, elderly.total()),
            (m("1440.00"), m("1560.00"), m("2085.00"))
        );
        assert_eq!(adjusted_income(m("14400"), &elderly), m("12315.00"));
        let below = deductions(&p, m("14400"), 0, true, m("1440"));
        assert_eq!(below.medical, Money::ZERO, "exactly at the threshold deducts nothing");
        let younger = deductions(&p, m("14400"), 0, false, m("3000"));
        assert_eq!(younger.total(), Money::ZERO, "a family neither elderly nor disabled gets neither deduction");
        let dependents = deductions(&p, m("14400"), 2, false, Money::ZERO);
        assert_eq!(dependents.total(), m("960"));
    }

    #[test]
    fn adjusted_income_is_never_negative() {
        let p = DeductionParameters {
            dependent: m("480"),
            elderly_disabled: m("525"),
            medical_threshold_percent: Decimal::TEN,
        };
        let ded = deductions(&p, Money::ZERO, 0, true, m("100"));
        assert_eq!(adjusted_income(Money::ZERO, &ded), Money::ZERO);
    }

    #[test]
    fn age_counts_on_the_birthday() {
        let cases = [
            ("1964-11-01", "2026-11-01", 62), // the 62nd birthday itself
            ("1964-11-02", "2026-11-01", 61), // the day before it
            ("2005-11-01", "2026-11-01", 21),
            ("2004-02-29", "2025-02-28", 20), // leap-day birthday not yet reached
            ("2004-02-29", "2025-03-01", 21),
            ("2030-01-01", "2026-11-01", 0), // a date of birth after the day
        ];
        for (birth, on, want) in cases {
            assert_eq!(age_on(d(birth), d(on)), want, "born {birth}, on {on}");
        }
        assert!(is_elderly(62) && !is_elderly(61));
    }

    #[test]
    fn income_limit_is_inclusive() {
        assert!(income_eligible(m("24600.00"), m("24600")));
        assert!(!income_eligible(m("24600.01"), m("24600")));
    }
}
