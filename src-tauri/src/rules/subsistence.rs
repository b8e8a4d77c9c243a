//! The subsistence allowance (Guide: Eligible Costs, Subsistence
//! Allowances): "Funds may be payable directly to program participants who
//! have no income (or their representative payee) in the maximum amount of
//! $300 per month for basic expenses only", for "a maximum of 24 months
//! ($7,200 total)", with the vocational conditions and the end rules below.
//!
//! Readings where the Guide is silent:
//! - A payment is judged by the month it is for; "the previous month" is the
//!   calendar month before it.
//! - "No income" leaves out the allowance itself (Guide: Total Tenant
//!   Payment: "Subsistence Allowances ... are exempt"), and the SSI/SSDI
//!   benefits and wages that the end rules govern: those rules pay one more
//!   month after the income starts, which a plain "no income" test would
//!   forbid. Any other income refuses the allowance.
//! - "terminated after payment is made the month following the first or lump
//!   sum payment received from the Social Security Administration": the
//!   allowance for the month after the month of that first payment is the
//!   last (first payment June 3 or June 30: July is the last).
//! - "the first full month of employment" is a calendar month: the month
//!   employment starts when it starts on the 1st, else the next one. The
//!   allowance for the month after it is the last (a start on March 1: April
//!   is the last; on March 2: May). A job that ended before a full month is
//!   not passed in.
//! - Hours count only when the IPS or CRP provider documented them ("via
//!   progress notes submitted with monthly billing"); the caller passes those.
//! - A written DMH extension lifts the 24-month and $7,200 limits for the
//!   months it covers, never the $300 a month. The Guide sets no length, so
//!   the extension names its last month.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use super::engagement::month_start;
use super::incentives::Approval;
use super::Money;
use super::{month_words, us_date};

/// "in the maximum amount of $300 per month".
pub const MONTHLY_LIMIT: Money = Money(Decimal::from_parts(300, 0, 0, false, 0));
/// "a maximum of 24 months".
pub const MONTHS_LIMIT: u32 = 24;
/// "($7,200 total)".
pub const TOTAL_LIMIT: Money = Money(Decimal::from_parts(7200, 0, 0, false, 0));
/// Hours of vocational activity in the previous month for a participant
/// "enrolled and engaged in documented ... (SOAR) services".
pub const HOURS_WITH_SOAR: Decimal = Decimal::from_parts(4, 0, 0, false, 0);
/// Hours of vocational activity in the previous month otherwise.
pub const HOURS_WITHOUT_SOAR: Decimal = Decimal::from_parts(8, 0, 0, false, 0);

/// DMH's written extension past 24 months or $7,200 ("Extensions may be
/// requested of and authorized by DMH program staff in writing").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub approval: Approval,
    /// The last month it covers (any day of it).
    pub through_month: NaiveDate,
}

/// The facts for one month's allowance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubsistenceMonth {
    /// The month the allowance is for (any day of it).
    pub month: NaiveDate,
    pub amount: Money,
    /// Months of allowance paid before this one.
    pub months_already_paid: u32,
    /// Allowance paid before this one, in dollars.
    pub total_already_paid: Money,
    /// Income other than this allowance, SSI/SSDI benefits and wages (those
    /// are judged by the dates below).
    pub other_income: Money,
    /// The participant has moved into, and still lives in, a unit assisted
    /// by this program.
    pub lives_in_assisted_unit: bool,
    /// Hours of vocational activity with an IPS or CRP provider in the
    /// previous month, as the provider documented them.
    pub previous_month_hours: Decimal,
    /// Currently enrolled and engaged in documented SOAR services.
    pub soar_enrolled_and_engaged: bool,
    /// The day the first (or lump-sum) SSI/SSDI payment was received.
    pub first_benefit_payment_on: Option<NaiveDate>,
    /// The day the participant's current employment started.
    pub employment_started_on: Option<NaiveDate>,
    pub extension: Option<Extension>,
}

/// What is wrong with a month's allowance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubsistenceProblem {
    #[error("The amount cannot be negative.")]
    NegativeAmount,
    #[error("At most {} a month.", .limit.dollars())]
    AboveMonthlyLimit { limit: Money },
    #[error("At most {limit} months without a written DMH extension: {months_paid} have been paid.")]
    MonthsUsed { limit: u32, months_paid: u32 },
    #[error("At most {} in total without a written DMH extension: {} remains.", .limit.dollars(), .remaining.dollars())]
    AboveTotalLimit { limit: Money, remaining: Money },
    #[error("Name the DMH staff member who authorized the extension in writing.")]
    ExtensionNoApprover,
    #[error("The DMH extension covers months through {} only.", month_words(*.through_month))]
    ExtensionEnded { through_month: NaiveDate },
    #[error("The allowance is only for participants with no income: {} a month is counted.", .income.dollars())]
    HasIncome { income: Money },
    #[error("The allowance is paid only once the participant has moved into a unit assisted by this program, and while they live there.")]
    NotInAssistedUnit,
    #[error(
        "At least {} hours of vocational activity with an IPS or CRP provider are needed in {}{}; {} were documented.",
        .required.normalize(),
        month_words(*.previous_month),
        if *.with_soar { " (with SOAR)" } else { " (4 with SOAR)" },
        .hours.normalize()
    )]
    NotEnoughHours { previous_month: NaiveDate, required: Decimal, hours: Decimal, with_soar: bool },
    #[error(
        "The first Social Security payment was received on {}: the last allowance is for {}.",
        us_date(*.first_payment_on),
        month_words(*.last_month)
    )]
    AfterBenefitPayment { first_payment_on: NaiveDate, last_month: NaiveDate },
    #[error(
        "Employment started on {}, so its first full month is {}: the last allowance is for {}.",
        us_date(*.started_on),
        month_words(*.first_full_month),
        month_words(*.last_month)
    )]
    AfterEmployment { started_on: NaiveDate, first_full_month: NaiveDate, last_month: NaiveDate },
}

impl SubsistenceProblem {
    /// The form field the problem is about.
    pub fn field(&self) -> &'static str {
        match self {
            SubsistenceProblem::NegativeAmount
            | SubsistenceProblem::AboveMonthlyLimit { .. }
            | SubsistenceProblem::AboveTotalLimit { .. } => "amount",
            SubsistenceProblem::MonthsUsed { .. } => "month",
            SubsistenceProblem::ExtensionNoApprover => "approved_by",
            SubsistenceProblem::ExtensionEnded { .. } => "extension_through",
            SubsistenceProblem::HasIncome { .. } => "other_income",
            SubsistenceProblem::NotInAssistedUnit => "lives_in_assisted_unit",
            SubsistenceProblem::NotEnoughHours { .. } => "previous_month_hours",
            SubsistenceProblem::AfterBenefitPayment { .. } => "first_benefit_payment_on",
            SubsistenceProblem::AfterEmployment { .. } => "employment_started_on",
        }
    }

    /// The problem in plain words, for the office worker.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// The hours of vocational activity needed in the previous month (Guide:
/// "Currently enrolled and engaged in documented ... (SOAR) services and
/// participating in at least 4 hours of vocational activity per month (as
/// documented for the previous month) ...; or Participating in at least 8
/// hours").
pub fn hours_required(soar_enrolled_and_engaged: bool) -> Decimal {
    if soar_enrolled_and_engaged {
        HOURS_WITH_SOAR
    } else {
        HOURS_WITHOUT_SOAR
    }
}

/// The last month of allowance after the first (or lump-sum) SSI/SSDI
/// payment received on `first_payment_on` (Guide: "The allowance must be
/// terminated after payment is made the month following the first or lump
/// sum payment received from the Social Security Administration"): the
/// first day of the month after it.
pub fn last_month_after_benefit(first_payment_on: NaiveDate) -> NaiveDate {
    next_month(month_start(first_payment_on))
}

/// The first full calendar month of employment that started on `started_on`.
pub fn first_full_month_of_employment(started_on: NaiveDate) -> NaiveDate {
    if started_on.day() == 1 {
        started_on
    } else {
        next_month(month_start(started_on))
    }
}

/// The last month of allowance for employment that started on `started_on`
/// (Guide: "Participants obtaining employment must have their allowance
/// terminated after payment is made the month following the first full
/// month of employment"): the first day of the month after its first full month.
pub fn last_month_after_employment(started_on: NaiveDate) -> NaiveDate {
    next_month(first_full_month_of_employment(started_on))
}

/// Every problem with one month's allowance (Guide: Subsistence Allowances):
/// - at most $300 a month; at most 24 months and $7,200 in total, unless DMH
///   extended it in writing for this month;
/// - only for "program participants who have no income";
/// - "only after they have moved into and remain living in a unit assisted
///   by this program";
/// - at least 4 hours of vocational activity with an IPS or CRP provider
///   documented for the previous month while enrolled and engaged in SOAR,
///   else at least 8;
/// - not past the month following the first SSI/SSDI payment, nor past the
///   month following the first full month of employment.
///
/// See the module notes for the readings.
pub fn check_subsistence(input: &SubsistenceMonth) -> Vec<SubsistenceProblem> {
    let mut problems = Vec::new();
    let month = month_start(input.month);
    if input.amount < Money::ZERO {
        problems.push(SubsistenceProblem::NegativeAmount);
    } else if input.amount > MONTHLY_LIMIT {
        problems.push(SubsistenceProblem::AboveMonthlyLimit { limit: MONTHLY_LIMIT });
    }

    let extension = input.extension.as_ref();
    let extended =
        extension.is_some_and(|e| !e.approval.approved_by.trim().is_empty() && month <= month_start(e.through_month));
    let months_used = input.months_already_paid >= MONTHS_LIMIT;
    let total_over = input.total_already_paid + input.amount.at_least_zero() > TOTAL_LIMIT;
    if !extended {
        if months_used {
            problems
                .push(SubsistenceProblem::MonthsUsed { limit: MONTHS_LIMIT, months_paid: input.months_already_paid });
        }
        if total_over {
            let remaining = (TOTAL_LIMIT - input.total_already_paid).at_least_zero();
            problems.push(SubsistenceProblem::AboveTotalLimit { limit: TOTAL_LIMIT, remaining });
        }
        if let Some(e) = extension.filter(|_| months_used || total_over) {
            if e.approval.approved_by.trim().is_empty() {
                problems.push(SubsistenceProblem::ExtensionNoApprover);
            } else {
                problems.push(SubsistenceProblem::ExtensionEnded { through_month: month_start(e.through_month) });
            }
        }
    }

    if input.other_income > Money::ZERO {
        problems.push(SubsistenceProblem::HasIncome { income: input.other_income });
    }
    if !input.lives_in_assisted_unit {
        problems.push(SubsistenceProblem::NotInAssistedUnit);
    }
    let required = hours_required(input.soar_enrolled_and_engaged);
    if input.previous_month_hours < required {
        problems.push(SubsistenceProblem::NotEnoughHours {
            previous_month: previous_month(month),
            required,
            hours: input.previous_month_hours,
            with_soar: input.soar_enrolled_and_engaged,
        });
    }
    if let Some(first_payment_on) = input.first_benefit_payment_on {
        let last_month = last_month_after_benefit(first_payment_on);
        if month > last_month {
            problems.push(SubsistenceProblem::AfterBenefitPayment { first_payment_on, last_month });
        }
    }
    if let Some(started_on) = input.employment_started_on {
        let last_month = last_month_after_employment(started_on);
        if month > last_month {
            let first_full_month = first_full_month_of_employment(started_on);
            problems.push(SubsistenceProblem::AfterEmployment { started_on, first_full_month, last_month });
        }
    }
    problems
}

fn next_month(first_day: NaiveDate) -> NaiveDate {
    first_day.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX)
}

fn previous_month(first_day: NaiveDate) -> NaiveDate {
    first_day.checked_sub_months(Months::new(1)).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;
    use std::str::FromStr;
    use SubsistenceProblem as P;

    fn h(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// June 2026's allowance for a participant who meets every condition.
    fn june() -> SubsistenceMonth {
        SubsistenceMonth {
            month: d("2026-06-01"),
            amount: m("300"),
            months_already_paid: 5,
            total_already_paid: m("1500"),
            other_income: Money::ZERO,
            lives_in_assisted_unit: true,
            previous_month_hours: h("8"),
            soar_enrolled_and_engaged: false,
            first_benefit_payment_on: None,
            employment_started_on: None,
            extension: None,
        }
    }

    fn extension(by: &str, through: &str) -> Option<Extension> {
        Some(Extension {
            approval: Approval { approved_by: by.to_string(), approved_on: d("2026-05-20") },
            through_month: d(through),
        })
    }

    #[test]
    fn at_most_three_hundred_a_month() {
        let cases = [
            ("300.00", vec![]),
            ("299.99", vec![]),
            ("0", vec![]),
            ("300.01", vec![P::AboveMonthlyLimit { limit: m("300") }]),
            ("-0.01", vec![P::NegativeAmount]),
        ];
        for (amount, want) in cases {
            assert_eq!(check_subsistence(&SubsistenceMonth { amount: m(amount), ..june() }), want, "{amount}");
        }
        assert_eq!(P::AboveMonthlyLimit { limit: MONTHLY_LIMIT }.message(), "At most $300.00 a month.");
    }

    #[test]
    fn at_most_twenty_four_months() {
        // (months already paid, problems): the 24th month is allowed, the 25th is not.
        let total = m("6900");
        let cases = [
            (23, vec![]),
            (24, vec![P::MonthsUsed { limit: 24, months_paid: 24 }]),
            (30, vec![P::MonthsUsed { limit: 24, months_paid: 30 }]),
        ];
        for (months, want) in cases {
            let input = SubsistenceMonth { months_already_paid: months, total_already_paid: total, ..june() };
            assert_eq!(check_subsistence(&input), want, "{months} months paid");
        }
        let message = P::MonthsUsed { limit: 24, months_paid: 24 }.message();
        assert_eq!(message, "At most 24 months without a written DMH extension: 24 have been paid.");
    }

    #[test]
    fn at_most_seven_thousand_two_hundred_in_total() {
        let over = |remaining: &str| vec![P::AboveTotalLimit { limit: m("7200"), remaining: m(remaining) }];
        // (already paid, amount, problems)
        let cases = [
            ("6900.00", "300.00", vec![]), // $7,200.00
            ("6900.01", "299.99", vec![]),
            ("6900.01", "300.00", over("299.99")), // $7,200.01
            ("7200.00", "0.01", over("0.00")),
            ("7300.00", "0", over("0.00")), // already past: nothing remains, not a negative
        ];
        for (already, amount, want) in cases {
            let input = SubsistenceMonth { total_already_paid: m(already), amount: m(amount), ..june() };
            assert_eq!(check_subsistence(&input), want, "{already} + {amount}");
        }
        let message = P::AboveTotalLimit { limit: m("7200"), remaining: m("299.99") }.message();
        assert_eq!(message, "At most $7,200.00 in total without a written DMH extension: $299.99 remains.");
    }

    #[test]
    fn a_written_extension_lifts_the_months_and_total_not_the_monthly_limit() {
        let month_25 = SubsistenceMonth { months_already_paid: 24, total_already_paid: m("7200"), ..june() };
        let cases = [
            (extension("R. Alvarez, DMH", "2026-06-01"), vec![]), // covers June
            (extension("R. Alvarez, DMH", "2026-12-15"), vec![]), // any day of the last month
            (
                extension("R. Alvarez, DMH", "2026-05-31"),
                vec![
                    P::MonthsUsed { limit: 24, months_paid: 24 },
                    P::AboveTotalLimit { limit: m("7200"), remaining: m("0") },
                    P::ExtensionEnded { through_month: d("2026-05-01") },
                ],
            ),
            (
                extension(" ", "2026-12-01"),
                vec![
                    P::MonthsUsed { limit: 24, months_paid: 24 },
                    P::AboveTotalLimit { limit: m("7200"), remaining: m("0") },
                    P::ExtensionNoApprover,
                ],
            ),
        ];
        for (ext, want) in cases {
            let input = SubsistenceMonth { extension: ext.clone(), ..month_25.clone() };
            assert_eq!(check_subsistence(&input), want, "{ext:?}");
        }
        let over_300 =
            SubsistenceMonth { amount: m("300.01"), extension: extension("R. Alvarez", "2026-12-01"), ..month_25 };
        assert_eq!(check_subsistence(&over_300), vec![P::AboveMonthlyLimit { limit: m("300") }]);
        let unneeded = SubsistenceMonth { extension: extension("R. Alvarez", "2026-01-01"), ..june() };
        assert_eq!(check_subsistence(&unneeded), vec![], "an old extension is no problem within the limits");
        assert_eq!(
            P::ExtensionEnded { through_month: d("2026-05-01") }.message(),
            "The DMH extension covers months through May 2026 only."
        );
    }

    #[test]
    fn vocational_hours_in_the_previous_month() {
        let short = |required: &str, hours: &str, with_soar| {
            vec![P::NotEnoughHours {
                previous_month: d("2026-05-01"),
                required: h(required),
                hours: h(hours),
                with_soar,
            }]
        };
        // (SOAR, hours, problems)
        let cases = [
            (true, "4", vec![]),
            (true, "4.0", vec![]),
            (true, "3.9", short("4", "3.9", true)),
            (false, "8", vec![]),
            (false, "7.9", short("8", "7.9", false)),
            (false, "4", short("8", "4", false)),
            (true, "0", short("4", "0", true)),
        ];
        for (soar, hours, want) in cases {
            let input = SubsistenceMonth { soar_enrolled_and_engaged: soar, previous_month_hours: h(hours), ..june() };
            assert_eq!(check_subsistence(&input), want, "SOAR {soar}, {hours} hours");
        }
        assert_eq!(
            short("8", "7.90", false)[0].message(),
            "At least 8 hours of vocational activity with an IPS or CRP provider are needed in May 2026 (4 with SOAR); 7.9 were documented."
        );
        assert_eq!(
            short("4", "3.9", true)[0].message(),
            "At least 4 hours of vocational activity with an IPS or CRP provider are needed in May 2026 (with SOAR); 3.9 were documented."
        );
        let january = SubsistenceMonth { month: d("2027-01-01"), previous_month_hours: h("1"), ..june() };
        assert_eq!(
            check_subsistence(&january),
            vec![P::NotEnoughHours {
                previous_month: d("2026-12-01"),
                required: h("8"),
                hours: h("1"),
                with_soar: false
            }],
            "the previous month of January is December"
        );
    }

    #[test]
    fn no_income_and_living_in_an_assisted_unit() {
        let income = SubsistenceMonth { other_income: m("0.01"), ..june() };
        assert_eq!(check_subsistence(&income), vec![P::HasIncome { income: m("0.01") }]);
        let moved_out = SubsistenceMonth { lives_in_assisted_unit: false, ..june() };
        assert_eq!(check_subsistence(&moved_out), vec![P::NotInAssistedUnit]);
        assert_eq!(
            P::HasIncome { income: m("1250") }.message(),
            "The allowance is only for participants with no income: $1,250.00 a month is counted."
        );
    }

    #[test]
    fn ends_after_the_month_following_the_first_benefit_payment() {
        // (first payment, allowance month, allowed)
        let cases = [
            ("2026-06-03", "2026-06-01", true),
            ("2026-06-03", "2026-07-01", true), // the month following: the last
            ("2026-06-03", "2026-08-01", false),
            ("2026-06-30", "2026-07-31", true),
            ("2026-06-30", "2026-08-01", false),
            ("2026-07-01", "2026-08-01", true),
            ("2026-12-10", "2027-01-01", true), // across a year end
            ("2026-12-10", "2027-02-01", false),
            ("2019-04-01", "2026-06-01", false), // receiving benefits long before
        ];
        for (paid, month, allowed) in cases {
            let input = SubsistenceMonth { month: d(month), first_benefit_payment_on: Some(d(paid)), ..june() };
            assert_eq!(check_subsistence(&input).is_empty(), allowed, "first payment {paid}, allowance for {month}");
        }
        let august =
            SubsistenceMonth { month: d("2026-08-01"), first_benefit_payment_on: Some(d("2026-06-03")), ..june() };
        let problems = check_subsistence(&august);
        assert_eq!(
            problems,
            vec![P::AfterBenefitPayment { first_payment_on: d("2026-06-03"), last_month: d("2026-07-01") }]
        );
        assert_eq!(problems[0].field(), "first_benefit_payment_on");
        assert_eq!(
            problems[0].message(),
            "The first Social Security payment was received on 06/03/2026: the last allowance is for July 2026."
        );
    }

    #[test]
    fn ends_after_the_month_following_the_first_full_month_of_employment() {
        let cases = [
            ("2026-03-01", "2026-03-01"), // starts on the 1st: that month is full
            ("2026-03-02", "2026-04-01"),
            ("2026-03-31", "2026-04-01"),
            ("2026-12-15", "2027-01-01"),
        ];
        for (started, want) in cases {
            assert_eq!(first_full_month_of_employment(d(started)), d(want), "{started}");
        }
        // (started, allowance month, allowed)
        let cases = [
            ("2026-03-01", "2026-04-01", true),
            ("2026-03-01", "2026-05-01", false),
            ("2026-03-02", "2026-05-01", true),
            ("2026-03-02", "2026-06-01", false),
            ("2026-12-15", "2027-02-01", true),
            ("2026-12-15", "2027-03-01", false),
        ];
        for (started, month, allowed) in cases {
            let input = SubsistenceMonth { month: d(month), employment_started_on: Some(d(started)), ..june() };
            assert_eq!(
                check_subsistence(&input).is_empty(),
                allowed,
                "employment from {started}, allowance for {month}"
            );
        }
        let p = P::AfterEmployment {
            started_on: d("2026-03-02"),
            first_full_month: d("2026-04-01"),
            last_month: d("2026-05-01"),
        };
        assert_eq!(p.field(), "employment_started_on");
        assert_eq!(
            p.message(),
            "Employment started on 03/02/2026, so its first full month is April 2026: the last allowance is for May 2026."
        );
    }

    #[test]
    fn every_problem_at_once_with_its_field() {
        let input = SubsistenceMonth {
            month: d("2026-08-01"),
            amount: m("350"),
            months_already_paid: 24,
            total_already_paid: m("7200"),
            other_income: m("100"),
            lives_in_assisted_unit: false,
            previous_month_hours: h("2"),
            soar_enrolled_and_engaged: true,
            first_benefit_payment_on: Some(d("2026-06-03")),
            employment_started_on: Some(d("2026-05-01")),
            extension: None,
        };
        let fields: Vec<&str> = check_subsistence(&input).iter().map(P::field).collect();
        assert_eq!(
            fields,
            [
                "amount",
                "month",
                "amount",
                "other_income",
                "lives_in_assisted_unit",
                "previous_month_hours",
                "first_benefit_payment_on",
                "employment_started_on"
            ]
        );
    }

    #[test]
    fn dollars_are_grouped() {
        let cases = [("7200", "$7,200.00"), ("0.5", "$0.50"), ("300", "$300.00"), ("1234567.891", "$1,234,567.89")];
        for (amount, want) in cases {
            assert_eq!(m(amount).dollars(), want);
        }
    }
}
