//! Security deposits and landlord incentives (Guide: Eligible Costs,
//! Security Deposits; Landlord Incentives): each limit computed from the
//! month's rent, every problem named with the field it is about.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::us_date;
use super::Money;

/// Whether a payment is for the participant's first move into program
/// housing or a later one made while still in the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveIn {
    Initial,
    /// A move "beyond the initial move-in while a participant remains in the
    /// program": needs DMH's written approval in advance.
    Subsequent,
}

impl MoveIn {
    pub fn label(self) -> &'static str {
        match self {
            MoveIn::Initial => "Initial move-in",
            MoveIn::Subsequent => "A later move",
        }
    }
}

/// The incentives a grantee may pay an owner (Guide: Landlord Incentives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncentiveKind {
    /// "The security deposit may be increased by an additional (third)
    /// month's rent as long as it is still refundable to the program participant".
    ExtraDepositMonth,
    /// "A one-time, non-refundable signing bonus that is equal to no more
    /// than two months' rent".
    SigningBonus,
    /// "Paying the cost to repair damages or remediate conditions".
    DamageRepair,
}

impl IncentiveKind {
    pub fn label(self) -> &'static str {
        match self {
            IncentiveKind::ExtraDepositMonth => "Extra (third) month of security deposit",
            IncentiveKind::SigningBonus => "Signing bonus",
            IncentiveKind::DamageRepair => "Damage repair",
        }
    }
}

/// DMH's written approval, given in advance, for a payment on a later move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Approval {
    /// The authorized DMH staff member who approved it in writing.
    pub approved_by: String,
    pub approved_on: NaiveDate,
}

/// Months of rent a security deposit may be (Guide: Security Deposits:
/// "equal to no more than two months' rent").
pub const DEPOSIT_MONTHS: u32 = 2;
/// Non-refundable move-in fees may be paid instead of a deposit "if those
/// fees total no more than 75% of one month's rent".
pub const MOVE_IN_FEES_PERCENT: u32 = 75;
/// Months of rent the extra deposit month may be: one, the third.
pub const EXTRA_DEPOSIT_MONTHS: u32 = 1;
/// Months of rent a signing bonus may be: "no more than two months' rent".
pub const SIGNING_BONUS_MONTHS: u32 = 2;

/// The most a security deposit may be: two months' rent.
pub fn security_deposit_limit(monthly_rent: Money) -> Money {
    down_to_cent(monthly_rent.0 * Decimal::from(DEPOSIT_MONTHS))
}

/// The most non-refundable move-in fees may total: 75% of one month's rent,
/// rounded down to the cent (a cent more would be above 75%).
pub fn move_in_fees_limit(monthly_rent: Money) -> Money {
    down_to_cent(monthly_rent.0 * Decimal::from(MOVE_IN_FEES_PERCENT) / Decimal::ONE_HUNDRED)
}

/// The most an incentive may be, or `None` for damage repairs, which the
/// Guide does not cap (they must be documented instead).
pub fn incentive_limit(kind: IncentiveKind, monthly_rent: Money) -> Option<Money> {
    match kind {
        IncentiveKind::ExtraDepositMonth => Some(down_to_cent(monthly_rent.0 * Decimal::from(EXTRA_DEPOSIT_MONTHS))),
        IncentiveKind::SigningBonus => Some(down_to_cent(monthly_rent.0 * Decimal::from(SIGNING_BONUS_MONTHS))),
        IncentiveKind::DamageRepair => None,
    }
}

/// What is wrong with the approval of a payment on a later move.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalProblem {
    #[error("A payment for a move after the first needs written approval from DMH staff, given in advance.")]
    Missing,
    #[error("Name the DMH staff member who approved it in writing.")]
    NoApprover,
    #[error(
        "The DMH approval is dated {}, after the payment on {}: it must be given on or before the payment date.",
        us_date(*.approved_on),
        us_date(*.paid_on)
    )]
    AfterPayment { approved_on: NaiveDate, paid_on: NaiveDate },
}

impl ApprovalProblem {
    pub fn field(&self) -> &'static str {
        match self {
            ApprovalProblem::Missing => "approval",
            ApprovalProblem::NoApprover => "approved_by",
            ApprovalProblem::AfterPayment { .. } => "approved_on",
        }
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Every problem with the approval of a payment made on `paid_on` (Guide:
/// deposits, fees and incentives "for subsequent moves beyond the initial
/// move-in ... require approval in advance in writing by authorized DMH
/// staff"): none on the initial move-in; on a later move, an approval naming
/// who gave it, dated on or before the payment.
pub fn approval_problems(move_in: MoveIn, approval: Option<&Approval>, paid_on: NaiveDate) -> Vec<ApprovalProblem> {
    let mut problems = Vec::new();
    match (move_in, approval) {
        (MoveIn::Initial, _) => {}
        (MoveIn::Subsequent, None) => problems.push(ApprovalProblem::Missing),
        (MoveIn::Subsequent, Some(a)) => {
            if a.approved_by.trim().is_empty() {
                problems.push(ApprovalProblem::NoApprover);
            }
            if a.approved_on > paid_on {
                problems.push(ApprovalProblem::AfterPayment { approved_on: a.approved_on, paid_on });
            }
        }
    }
    problems
}

/// A security deposit, or the move-in fees paid instead of one, to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityDepositCheck {
    /// The unit's monthly rent (the contract rent).
    pub monthly_rent: Money,
    /// The refundable security deposit; zero when fees are paid instead.
    pub deposit: Money,
    /// Non-refundable move-in fees; zero when a deposit is paid instead.
    pub move_in_fees: Money,
    /// The lease says the deposit is refunded to the participant.
    pub refundable_to_participant: bool,
    pub move_in: MoveIn,
    pub paid_on: NaiveDate,
    pub approval: Option<Approval>,
}

/// What is wrong with a security deposit or move-in fees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DepositProblem {
    #[error("The deposit cannot be negative.")]
    NegativeDeposit,
    #[error("The move-in fees cannot be negative.")]
    NegativeMoveInFees,
    #[error("A security deposit can be at most two months' rent: {}.", .limit.dollars())]
    DepositAboveLimit { limit: Money },
    #[error("Move-in fees paid instead of a deposit can be at most 75% of one month's rent: {}.", .limit.dollars())]
    MoveInFeesAboveLimit { limit: Money },
    #[error("Move-in fees can be paid instead of a security deposit, not in addition to one.")]
    FeesAndDeposit,
    #[error("The lease must say the deposit is refunded to the participant.")]
    NotRefundable,
    #[error(transparent)]
    Approval(#[from] ApprovalProblem),
}

impl DepositProblem {
    pub fn field(&self) -> &'static str {
        match self {
            DepositProblem::NegativeDeposit | DepositProblem::DepositAboveLimit { .. } => "deposit",
            DepositProblem::NegativeMoveInFees
            | DepositProblem::MoveInFeesAboveLimit { .. }
            | DepositProblem::FeesAndDeposit => "move_in_fees",
            DepositProblem::NotRefundable => "refundable",
            DepositProblem::Approval(a) => a.field(),
        }
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Every problem with a security deposit or the fees paid instead (Guide:
/// Security Deposits): a deposit "equal to no more than two months' rent"
/// that "will be refunded to the program participant as stipulated in the
/// lease agreement"; "Non-refundable move-in fees charged by a property may
/// be paid instead of security deposits (not in addition to) if those fees
/// total no more than 75% of one month's rent"; for a later move, DMH's
/// written approval in advance. With nothing paid there is nothing to
/// approve. The extra (third) month is an incentive, checked by
/// [`check_incentive`], not counted here.
pub fn check_security_deposit(input: &SecurityDepositCheck) -> Vec<DepositProblem> {
    let mut problems = Vec::new();
    let deposit_limit = security_deposit_limit(input.monthly_rent);
    let fees_limit = move_in_fees_limit(input.monthly_rent);
    if input.deposit < Money::ZERO {
        problems.push(DepositProblem::NegativeDeposit);
    } else if input.deposit > deposit_limit {
        problems.push(DepositProblem::DepositAboveLimit { limit: deposit_limit });
    }
    if input.move_in_fees < Money::ZERO {
        problems.push(DepositProblem::NegativeMoveInFees);
    } else if input.move_in_fees > fees_limit {
        problems.push(DepositProblem::MoveInFeesAboveLimit { limit: fees_limit });
    }
    if input.deposit > Money::ZERO && input.move_in_fees > Money::ZERO {
        problems.push(DepositProblem::FeesAndDeposit);
    }
    if input.deposit > Money::ZERO && !input.refundable_to_participant {
        problems.push(DepositProblem::NotRefundable);
    }
    if input.deposit > Money::ZERO || input.move_in_fees > Money::ZERO {
        let approval = approval_problems(input.move_in, input.approval.as_ref(), input.paid_on);
        problems.extend(approval.into_iter().map(DepositProblem::Approval));
    }
    problems
}

/// A landlord incentive to check. The facts under each kind are read only
/// for that kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncentiveCheck {
    pub kind: IncentiveKind,
    pub amount: Money,
    /// The unit's monthly rent (the contract rent).
    pub monthly_rent: Money,
    pub move_in: MoveIn,
    pub paid_on: NaiveDate,
    pub approval: Option<Approval>,
    /// Extra deposit month: the lease says it is refunded to the participant.
    pub refundable_to_participant: bool,
    /// Signing bonus and extra deposit month: how many of the same kind were
    /// already paid for this landlord, unit and participant.
    pub already_paid: u32,
    /// Damage repair: the damage or condition is clearly documented.
    pub damage_documented: bool,
    /// Damage repair: the security deposit covers it.
    pub covered_by_deposit: bool,
    /// Damage repair: the participant still lives in the unit.
    pub participant_in_unit: bool,
}

/// What is wrong with a landlord incentive.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IncentiveProblem {
    #[error("The amount cannot be negative.")]
    NegativeAmount,
    #[error("The extra deposit month can be at most one month's rent: {}.", .limit.dollars())]
    ExtraDepositMonthAboveLimit { limit: Money },
    #[error("A signing bonus can be at most two months' rent: {}.", .limit.dollars())]
    SigningBonusAboveLimit { limit: Money },
    #[error("The extra deposit month must be refundable to the participant, as the lease states.")]
    NotRefundable,
    #[error("The deposit can be increased by one extra month only once, and it already was for this participant, landlord and unit.")]
    ExtraDepositMonthAlreadyPaid,
    #[error("A signing bonus is paid only once, and one was already paid for this participant, landlord and unit.")]
    SigningBonusAlreadyPaid,
    #[error("Damage repairs can be paid only when the damage is clearly documented.")]
    NotDocumented,
    #[error("The security deposit covers this damage: pay it from the deposit, not as an incentive.")]
    CoveredByDeposit,
    #[error(transparent)]
    Approval(#[from] ApprovalProblem),
}

impl IncentiveProblem {
    pub fn field(&self) -> &'static str {
        match self {
            IncentiveProblem::NegativeAmount
            | IncentiveProblem::ExtraDepositMonthAboveLimit { .. }
            | IncentiveProblem::SigningBonusAboveLimit { .. } => "amount",
            IncentiveProblem::NotRefundable => "refundable",
            IncentiveProblem::ExtraDepositMonthAlreadyPaid | IncentiveProblem::SigningBonusAlreadyPaid => "kind",
            IncentiveProblem::NotDocumented | IncentiveProblem::CoveredByDeposit => "documentation",
            IncentiveProblem::Approval(a) => a.field(),
        }
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Every problem with a landlord incentive (Guide: Landlord Incentives):
/// - the extra (third) deposit month: at most one month's rent, "still
///   refundable to the program participant as stipulated in the lease
///   agreement", and (being the third month) paid once;
/// - the signing bonus: "one-time, non-refundable ... no more than two
///   months' rent": once per landlord, unit and participant;
/// - damage repairs: no dollar limit, but "clearly documented and not
///   covered by the security deposit, and/or ... incurred while the program
///   participant is still residing in the unit". Read so: documented always;
///   damage the deposit covers is paid from the deposit, unless the
///   participant still lives there (the deposit is then still held);
/// - "Program funds may not be used to pay for landlord incentives for
///   subsequent moves while a participant remains in the program without
///   approval in advance in writing by DMH staff."
pub fn check_incentive(input: &IncentiveCheck) -> Vec<IncentiveProblem> {
    let mut problems = Vec::new();
    if input.amount < Money::ZERO {
        problems.push(IncentiveProblem::NegativeAmount);
    } else if let Some(limit) = incentive_limit(input.kind, input.monthly_rent).filter(|l| input.amount > *l) {
        problems.push(match input.kind {
            IncentiveKind::SigningBonus => IncentiveProblem::SigningBonusAboveLimit { limit },
            _ => IncentiveProblem::ExtraDepositMonthAboveLimit { limit },
        });
    }
    match input.kind {
        IncentiveKind::ExtraDepositMonth => {
            if !input.refundable_to_participant {
                problems.push(IncentiveProblem::NotRefundable);
            }
            if input.already_paid > 0 {
                problems.push(IncentiveProblem::ExtraDepositMonthAlreadyPaid);
            }
        }
        IncentiveKind::SigningBonus => {
            if input.already_paid > 0 {
                problems.push(IncentiveProblem::SigningBonusAlreadyPaid);
            }
        }
        IncentiveKind::DamageRepair => {
            if !input.damage_documented {
                problems.push(IncentiveProblem::NotDocumented);
            }
            if input.covered_by_deposit && !input.participant_in_unit {
                problems.push(IncentiveProblem::CoveredByDeposit);
            }
        }
    }
    let approval = approval_problems(input.move_in, input.approval.as_ref(), input.paid_on);
    problems.extend(approval.into_iter().map(IncentiveProblem::Approval));
    problems
}

fn down_to_cent(d: Decimal) -> Money {
    Money(d.round_dp_with_strategy(2, RoundingStrategy::ToZero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn deposit(amount: &str) -> SecurityDepositCheck {
        SecurityDepositCheck {
            monthly_rent: m("925"),
            deposit: m(amount),
            move_in_fees: Money::ZERO,
            refundable_to_participant: true,
            move_in: MoveIn::Initial,
            paid_on: d("2026-03-01"),
            approval: None,
        }
    }

    fn fees(amount: &str) -> SecurityDepositCheck {
        SecurityDepositCheck {
            deposit: Money::ZERO,
            move_in_fees: m(amount),
            refundable_to_participant: false,
            ..deposit("0")
        }
    }

    fn incentive(kind: IncentiveKind, amount: &str) -> IncentiveCheck {
        IncentiveCheck {
            kind,
            amount: m(amount),
            monthly_rent: m("925"),
            move_in: MoveIn::Initial,
            paid_on: d("2026-03-01"),
            approval: None,
            refundable_to_participant: true,
            already_paid: 0,
            damage_documented: true,
            covered_by_deposit: false,
            participant_in_unit: false,
        }
    }

    fn approval(by: &str, on: &str) -> Option<Approval> {
        Some(Approval { approved_by: by.to_string(), approved_on: d(on) })
    }

    #[test]
    fn limits_from_the_rent() {
        assert_eq!(security_deposit_limit(m("925")), m("1850"));
        assert_eq!(security_deposit_limit(m("925.55")), m("1851.10"));
        assert_eq!(move_in_fees_limit(m("925")), m("693.75"));
        assert_eq!(move_in_fees_limit(m("925.50")), m("694.12"), "694.125 rounded down: 694.13 is above 75%");
        assert_eq!(move_in_fees_limit(m("1000.01")), m("750.00"));
        assert_eq!(incentive_limit(IncentiveKind::ExtraDepositMonth, m("925")), Some(m("925")));
        assert_eq!(incentive_limit(IncentiveKind::SigningBonus, m("925")), Some(m("1850")));
        assert_eq!(incentive_limit(IncentiveKind::DamageRepair, m("925")), None, "the Guide sets no cap");
    }

    #[test]
    fn deposit_at_most_two_months() {
        let over = vec![DepositProblem::DepositAboveLimit { limit: m("1850") }];
        let cases = [("1849.99", vec![]), ("1850.00", vec![]), ("1850.01", over), ("0", vec![])];
        for (amount, want) in cases {
            assert_eq!(check_security_deposit(&deposit(amount)), want, "{amount}");
        }
        assert_eq!(check_security_deposit(&deposit("-1")), vec![DepositProblem::NegativeDeposit]);
    }

    #[test]
    fn fees_at_most_three_quarters_of_a_month() {
        let over = vec![DepositProblem::MoveInFeesAboveLimit { limit: m("693.75") }];
        let cases = [("693.74", vec![]), ("693.75", vec![]), ("693.76", over)];
        for (amount, want) in cases {
            assert_eq!(check_security_deposit(&fees(amount)), want, "{amount}");
        }
        let odd_rent = SecurityDepositCheck { monthly_rent: m("925.50"), ..fees("694.12") };
        assert_eq!(check_security_deposit(&odd_rent), vec![]);
        let odd_rent_over = SecurityDepositCheck { move_in_fees: m("694.13"), ..odd_rent };
        assert_eq!(
            check_security_deposit(&odd_rent_over),
            vec![DepositProblem::MoveInFeesAboveLimit { limit: m("694.12") }]
        );
        assert_eq!(check_security_deposit(&fees("-0.01")), vec![DepositProblem::NegativeMoveInFees]);
    }

    #[test]
    fn fees_instead_of_a_deposit_not_besides() {
        let both = SecurityDepositCheck { move_in_fees: m("100"), ..deposit("900") };
        assert_eq!(check_security_deposit(&both), vec![DepositProblem::FeesAndDeposit]);
        let p = &check_security_deposit(&both)[0];
        assert_eq!(p.field(), "move_in_fees");
        assert_eq!(p.message(), "Move-in fees can be paid instead of a security deposit, not in addition to one.");
    }

    #[test]
    fn the_deposit_is_refunded_to_the_participant() {
        let kept = SecurityDepositCheck { refundable_to_participant: false, ..deposit("900") };
        assert_eq!(check_security_deposit(&kept), vec![DepositProblem::NotRefundable]);
        assert_eq!(check_security_deposit(&fees("500")), vec![], "fees are non-refundable by nature");
    }

    #[test]
    fn later_moves_need_approval_in_advance() {
        let later =
            |a: Option<Approval>| SecurityDepositCheck { move_in: MoveIn::Subsequent, approval: a, ..deposit("900") };
        let cases = [
            (later(None), vec![DepositProblem::Approval(ApprovalProblem::Missing)]),
            (later(approval("R. Alvarez, DMH", "2026-02-20")), vec![]),
            (later(approval("R. Alvarez, DMH", "2026-03-01")), vec![]), // the payment day itself
            (
                later(approval("R. Alvarez, DMH", "2026-03-02")),
                vec![DepositProblem::Approval(ApprovalProblem::AfterPayment {
                    approved_on: d("2026-03-02"),
                    paid_on: d("2026-03-01"),
                })],
            ),
            (later(approval("  ", "2026-02-20")), vec![DepositProblem::Approval(ApprovalProblem::NoApprover)]),
            (SecurityDepositCheck { move_in: MoveIn::Subsequent, ..deposit("0") }, vec![]), // nothing paid
        ];
        for (input, want) in cases {
            assert_eq!(check_security_deposit(&input), want, "{:?}", input.approval);
        }
        let fees_later = SecurityDepositCheck { move_in: MoveIn::Subsequent, ..fees("300") };
        assert_eq!(check_security_deposit(&fees_later), vec![DepositProblem::Approval(ApprovalProblem::Missing)]);
    }

    #[test]
    fn deposit_problems_in_plain_words() {
        let cases = [
            (
                DepositProblem::DepositAboveLimit { limit: m("1850") },
                "deposit",
                "A security deposit can be at most two months' rent: $1,850.00.",
            ),
            (
                DepositProblem::MoveInFeesAboveLimit { limit: m("693.75") },
                "move_in_fees",
                "Move-in fees paid instead of a deposit can be at most 75% of one month's rent: $693.75.",
            ),
            (DepositProblem::NotRefundable, "refundable", "The lease must say the deposit is refunded to the participant."),
            (
                DepositProblem::Approval(ApprovalProblem::Missing),
                "approval",
                "A payment for a move after the first needs written approval from DMH staff, given in advance.",
            ),
            (
                DepositProblem::Approval(ApprovalProblem::AfterPayment {
                    approved_on: d("2026-03-02"),
                    paid_on: d("2026-03-01"),
                }),
                "approved_on",
                "The DMH approval is dated 03/02/2026, after the payment on 03/01/2026: it must be given on or before the payment date.",
            ),
            (DepositProblem::Approval(ApprovalProblem::NoApprover), "approved_by", "Name the DMH staff member who approved it in writing."),
        ];
        for (problem, field, message) in cases {
            assert_eq!((problem.field(), problem.message().as_str()), (field, message));
        }
    }

    #[test]
    fn signing_bonus_at_most_two_months_once() {
        let over = vec![IncentiveProblem::SigningBonusAboveLimit { limit: m("1850") }];
        let cases = [("1849.99", vec![]), ("1850", vec![]), ("1850.01", over)];
        for (amount, want) in cases {
            assert_eq!(check_incentive(&incentive(IncentiveKind::SigningBonus, amount)), want, "{amount}");
        }
        let again = IncentiveCheck { already_paid: 1, ..incentive(IncentiveKind::SigningBonus, "500") };
        assert_eq!(check_incentive(&again), vec![IncentiveProblem::SigningBonusAlreadyPaid]);
        let message = IncentiveProblem::SigningBonusAboveLimit { limit: m("1850") }.message();
        assert_eq!(message, "A signing bonus can be at most two months' rent: $1,850.00.");
    }

    #[test]
    fn extra_deposit_month_at_most_one_month_refundable() {
        let over = vec![IncentiveProblem::ExtraDepositMonthAboveLimit { limit: m("925") }];
        let cases = [("924.99", vec![]), ("925.00", vec![]), ("925.01", over)];
        for (amount, want) in cases {
            assert_eq!(check_incentive(&incentive(IncentiveKind::ExtraDepositMonth, amount)), want, "{amount}");
        }
        let kept =
            IncentiveCheck { refundable_to_participant: false, ..incentive(IncentiveKind::ExtraDepositMonth, "925") };
        assert_eq!(check_incentive(&kept), vec![IncentiveProblem::NotRefundable]);
        let again = IncentiveCheck { already_paid: 1, ..incentive(IncentiveKind::ExtraDepositMonth, "925") };
        assert_eq!(check_incentive(&again), vec![IncentiveProblem::ExtraDepositMonthAlreadyPaid]);
        let message = IncentiveProblem::ExtraDepositMonthAboveLimit { limit: m("1234.5") }.message();
        assert_eq!(message, "The extra deposit month can be at most one month's rent: $1,234.50.");
    }

    #[test]
    fn damage_repairs_documented_and_not_from_the_deposit() {
        let repair = |documented, covered, in_unit| IncentiveCheck {
            damage_documented: documented,
            covered_by_deposit: covered,
            participant_in_unit: in_unit,
            already_paid: 3, // repairs may be paid more than once
            refundable_to_participant: false,
            ..incentive(IncentiveKind::DamageRepair, "12500")
        };
        let cases = [
            (repair(true, false, false), vec![]), // no dollar cap
            (repair(false, false, false), vec![IncentiveProblem::NotDocumented]),
            (repair(true, true, false), vec![IncentiveProblem::CoveredByDeposit]),
            (repair(true, true, true), vec![]), // still living there: the deposit is still held
            (repair(false, true, false), vec![IncentiveProblem::NotDocumented, IncentiveProblem::CoveredByDeposit]),
        ];
        for (input, want) in cases {
            assert_eq!(check_incentive(&input), want, "{input:?}");
        }
        assert_eq!(IncentiveProblem::NotDocumented.field(), "documentation");
    }

    #[test]
    fn every_problem_at_once_with_its_field() {
        let input = IncentiveCheck {
            move_in: MoveIn::Subsequent,
            already_paid: 1,
            ..incentive(IncentiveKind::SigningBonus, "2000")
        };
        let problems = check_incentive(&input);
        let fields: Vec<&str> = problems.iter().map(IncentiveProblem::field).collect();
        assert_eq!(fields, ["amount", "kind", "approval"]);
        let negative = incentive(IncentiveKind::SigningBonus, "-5");
        assert_eq!(check_incentive(&negative), vec![IncentiveProblem::NegativeAmount]);
    }

    #[test]
    fn incentives_on_later_moves_need_approval_in_advance() {
        let later = |a| IncentiveCheck {
            move_in: MoveIn::Subsequent,
            approval: a,
            ..incentive(IncentiveKind::SigningBonus, "900")
        };
        assert_eq!(check_incentive(&later(None)), vec![IncentiveProblem::Approval(ApprovalProblem::Missing)]);
        assert_eq!(check_incentive(&later(approval("R. Alvarez", "2026-03-01"))), vec![]);
        assert_eq!(
            check_incentive(&later(approval("R. Alvarez", "2026-03-02"))),
            vec![IncentiveProblem::Approval(ApprovalProblem::AfterPayment {
                approved_on: d("2026-03-02"),
                paid_on: d("2026-03-01")
            })]
        );
    }

    #[test]
    fn dollars_are_grouped() {
        let cases = [("1850", "$1,850.00"), ("0.5", "$0.50"), ("693.75", "$693.75"), ("1234567.891", "$1,234,567.89")];
        for (amount, want) in cases {
            assert_eq!(m(amount).dollars(), want);
        }
    }

    #[test]
    fn kinds_cross_to_the_ui_in_snake_case() {
        assert_eq!(serde_json::to_string(&IncentiveKind::ExtraDepositMonth).unwrap(), r#""extra_deposit_month""#);
        assert_eq!(serde_json::to_string(&MoveIn::Subsequent).unwrap(), r#""subsequent""#);
    }
}
