//! The Guide's eligible costs (Guide: Eligible Costs; Rent and Utility
//! Payment Standards) as one closed list, with the rules that apply across
//! them: transition assistance, utility arrearages, and no assistance for a
//! unit before it passes an HQS inspection. Deposits, fees and landlord
//! incentives are checked in [`super::incentives`], the subsistence
//! allowance in [`super::subsistence`], payments on vacant units in
//! [`super::vacancy`].
//!
//! Readings where the Guide is silent:
//! - Transition assistance "is one-time": it belongs to the initial program
//!   move-in, and may be paid to several vendors for it while the total
//!   stays within $3,000.
//! - "paid for directly by the grantee (not given to the program
//!   participant)": the grantee pays the seller or mover itself; money given
//!   or reimbursed to the participant is refused.
//! - An expense off DMH's pre-approved list needs the same kind of approval
//!   as a later move's deposit: in writing, naming who approved it, on or
//!   before the payment day ("approved in advance in writing").
//! - "before any assistance is provided for a unit": every payment for the
//!   unit or its utilities waits for a pass; not the application fee (paid to
//!   apply, before a unit is chosen), inspection costs, damage repairs (they
//!   may be what a unit needs to pass again), nor what is paid for the
//!   participant rather than the unit (transition assistance, subsistence,
//!   engagement and support services).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::incentives::{approval_problems, Approval, ApprovalProblem, IncentiveKind, MoveIn};
use super::inspection::{assistance_allowed, UnitInspectionStanding};
use super::rent::LeasingOption;
use super::us_date;
use super::Money;

/// What a payment is for: the Guide's cost categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CostCategory {
    RentalApplicationFee,
    InspectionCost,
    SecurityDeposit,
    /// Non-refundable move-in fees paid instead of a security deposit.
    MoveInFee,
    UtilityDeposit,
    /// Landlord incentive: the extra (third) month of security deposit.
    ExtraDepositMonth,
    /// Landlord incentive: the one-time signing bonus.
    SigningBonus,
    /// Landlord incentive: repairing damages or remediating conditions.
    DamageRepair,
    TransitionAssistance,
    /// Rental Assistance Option: the payment to the owner under the HAP contract.
    RentalAssistancePayment,
    /// Master Lease Option: the full contract rent.
    MasterLeaseRent,
    /// Rental Assistance Option: the utility allowance above the TTP, paid
    /// to the participant.
    UtilityAllowanceReimbursement,
    /// Master Lease Option: the actual cost of the utilities.
    UtilityPayment,
    SubsistenceAllowance,
    TemporaryHousing,
    EngagementAndSupportServices,
}

impl CostCategory {
    pub const ALL: [CostCategory; 16] = [
        CostCategory::RentalApplicationFee,
        CostCategory::InspectionCost,
        CostCategory::SecurityDeposit,
        CostCategory::MoveInFee,
        CostCategory::UtilityDeposit,
        CostCategory::ExtraDepositMonth,
        CostCategory::SigningBonus,
        CostCategory::DamageRepair,
        CostCategory::TransitionAssistance,
        CostCategory::RentalAssistancePayment,
        CostCategory::MasterLeaseRent,
        CostCategory::UtilityAllowanceReimbursement,
        CostCategory::UtilityPayment,
        CostCategory::SubsistenceAllowance,
        CostCategory::TemporaryHousing,
        CostCategory::EngagementAndSupportServices,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CostCategory::RentalApplicationFee => "Rental application fee",
            CostCategory::InspectionCost => "Inspection cost",
            CostCategory::SecurityDeposit => "Security deposit",
            CostCategory::MoveInFee => "Move-in fee (instead of a deposit)",
            CostCategory::UtilityDeposit => "Utility deposit or connection fee",
            CostCategory::ExtraDepositMonth => "Landlord incentive: extra (third) month of deposit",
            CostCategory::SigningBonus => "Landlord incentive: signing bonus",
            CostCategory::DamageRepair => "Landlord incentive: damage repair",
            CostCategory::TransitionAssistance => "Transition assistance",
            CostCategory::RentalAssistancePayment => "Rental assistance payment",
            CostCategory::MasterLeaseRent => "Master lease rent",
            CostCategory::UtilityAllowanceReimbursement => "Utility allowance reimbursement",
            CostCategory::UtilityPayment => "Utility payment (master lease)",
            CostCategory::SubsistenceAllowance => "Subsistence allowance",
            CostCategory::TemporaryHousing => "Temporary housing",
            CostCategory::EngagementAndSupportServices => "Engagement and support services",
        }
    }

    /// The heading of the Guide that makes it eligible.
    pub fn guide_section(self) -> &'static str {
        match self {
            CostCategory::RentalApplicationFee => "Rental Application Fees",
            CostCategory::InspectionCost => "Inspection Costs",
            CostCategory::SecurityDeposit | CostCategory::MoveInFee => "Security Deposits",
            CostCategory::UtilityDeposit => "Utility Deposits",
            CostCategory::ExtraDepositMonth | CostCategory::SigningBonus | CostCategory::DamageRepair => {
                "Landlord Incentives"
            }
            CostCategory::TransitionAssistance => "Transition Assistance Funds",
            CostCategory::RentalAssistancePayment | CostCategory::MasterLeaseRent => {
                "Rental Assistance/Leasing Payments"
            }
            CostCategory::UtilityAllowanceReimbursement | CostCategory::UtilityPayment => "Utility Allowances/Payments",
            CostCategory::SubsistenceAllowance => "Subsistence Allowances",
            CostCategory::TemporaryHousing => "Temporary/Immediate Housing",
            CostCategory::EngagementAndSupportServices => "Engagement and Support Services",
        }
    }

    /// The landlord incentive it is, for [`super::incentives::check_incentive`].
    pub fn incentive_kind(self) -> Option<IncentiveKind> {
        match self {
            CostCategory::ExtraDepositMonth => Some(IncentiveKind::ExtraDepositMonth),
            CostCategory::SigningBonus => Some(IncentiveKind::SigningBonus),
            CostCategory::DamageRepair => Some(IncentiveKind::DamageRepair),
            _ => None,
        }
    }

    /// The only leasing option it is paid under, when there is one (Guide:
    /// Leasing Requirements; Utility Allowances/Payments: "provide a Utility
    /// Allowance to program participants when the program participant is
    /// sole liable party to the lease (Rental Assistance Option) or must make
    /// full payments for the actual costs of utilities when the grantee is
    /// sole liable party to the lease (Master Lease Option)").
    pub fn leasing_option(self) -> Option<LeasingOption> {
        match self {
            CostCategory::RentalAssistancePayment | CostCategory::UtilityAllowanceReimbursement => {
                Some(LeasingOption::RentalAssistance)
            }
            CostCategory::MasterLeaseRent | CostCategory::UtilityPayment => Some(LeasingOption::MasterLease),
            _ => None,
        }
    }

    /// Whether it is assistance for a unit, paid only once the unit passed an
    /// HQS inspection (see the module notes for the reading).
    pub fn needs_passed_inspection(self) -> bool {
        matches!(
            self,
            CostCategory::SecurityDeposit
                | CostCategory::MoveInFee
                | CostCategory::UtilityDeposit
                | CostCategory::ExtraDepositMonth
                | CostCategory::SigningBonus
                | CostCategory::RentalAssistancePayment
                | CostCategory::MasterLeaseRent
                | CostCategory::UtilityAllowanceReimbursement
                | CostCategory::UtilityPayment
                | CostCategory::TemporaryHousing
        )
    }
}

/// Guide: Transition Assistance Funds: "These funds are one-time and capped
/// at $3,000 total."
pub const TRANSITION_ASSISTANCE_LIMIT: Money = Money(Decimal::from_parts(3000, 0, 0, false, 0));

/// Who receives a transition assistance payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransitionPayee {
    /// The seller, mover or other vendor, paid by the grantee directly.
    Vendor,
    /// The participant (or their representative payee): not allowed.
    Participant,
}

impl TransitionPayee {
    pub fn label(self) -> &'static str {
        match self {
            TransitionPayee::Vendor => "The vendor, paid directly",
            TransitionPayee::Participant => "The participant",
        }
    }
}

/// A transition assistance payment to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionAssistanceCheck {
    pub amount: Money,
    /// Transition assistance already paid for this participant.
    pub already_paid: Money,
    pub move_in: MoveIn,
    pub payee: TransitionPayee,
    /// The expense is on DMH's list of pre-approved expenses.
    pub on_pre_approved_list: bool,
    /// The DMH Program Contact's written approval of an expense off the list.
    pub approval: Option<Approval>,
    pub paid_on: NaiveDate,
}

/// What is wrong with a transition assistance payment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionProblem {
    #[error("The amount cannot be negative.")]
    NegativeAmount,
    #[error("Transition assistance is capped at {} in total: {} remains.", .limit.dollars(), .remaining.dollars())]
    AboveLimit { limit: Money, remaining: Money },
    #[error("Transition assistance is only for the first program move-in: later moves are not eligible.")]
    LaterMove,
    #[error("Pay the vendor directly: transition assistance cannot be given to the participant.")]
    PaidToParticipant,
    #[error("This expense is not on DMH's pre-approved list: it needs written approval from the DMH Program Contact, given in advance.")]
    NotOnList,
    #[error(transparent)]
    Approval(#[from] ApprovalProblem),
}

impl TransitionProblem {
    pub fn field(&self) -> &'static str {
        match self {
            TransitionProblem::NegativeAmount | TransitionProblem::AboveLimit { .. } => "amount",
            TransitionProblem::LaterMove => "move_in",
            TransitionProblem::PaidToParticipant => "payee",
            TransitionProblem::NotOnList => "approval",
            TransitionProblem::Approval(a) => a.field(),
        }
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Every problem with a transition assistance payment (Guide: Transition
/// Assistance Funds): "These funds are one-time and capped at $3,000 total.
/// Funds must be paid for directly by the grantee (not given to the program
/// participant) and may only be offered at the initial program move-in
/// (subsequent moves while remaining in the program are ineligible)", and
/// "Any use of funds outside the pre-approved expense list must be approved
/// in advance in writing by the DMH Program Contact". No approval makes a
/// later move eligible.
pub fn check_transition_assistance(input: &TransitionAssistanceCheck) -> Vec<TransitionProblem> {
    let mut problems = Vec::new();
    if input.amount < Money::ZERO {
        problems.push(TransitionProblem::NegativeAmount);
    } else if input.already_paid + input.amount > TRANSITION_ASSISTANCE_LIMIT {
        let remaining = (TRANSITION_ASSISTANCE_LIMIT - input.already_paid).at_least_zero();
        problems.push(TransitionProblem::AboveLimit { limit: TRANSITION_ASSISTANCE_LIMIT, remaining });
    }
    if input.move_in == MoveIn::Subsequent {
        problems.push(TransitionProblem::LaterMove);
    }
    if input.payee == TransitionPayee::Participant {
        problems.push(TransitionProblem::PaidToParticipant);
    }
    if !input.on_pre_approved_list {
        match &input.approval {
            None => problems.push(TransitionProblem::NotOnList),
            // The same test as a later move's approval: named, in writing, in advance.
            Some(a) => problems.extend(
                approval_problems(MoveIn::Subsequent, Some(a), input.paid_on)
                    .into_iter()
                    .map(TransitionProblem::Approval),
            ),
        }
    }
    problems
}

/// A cost the Guide rules out, whatever its category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostProblem {
    #[error("Utility arrearages are not an eligible cost: pay only deposits, connection fees and current charges.")]
    UtilityArrearage,
    #[error("{}", no_inspection_message(.standing))]
    NoPassedInspection { standing: UnitInspectionStanding },
}

impl CostProblem {
    pub fn field(&self) -> &'static str {
        match self {
            CostProblem::UtilityArrearage => "arrearage",
            CostProblem::NoPassedInspection { .. } => "unit",
        }
    }

    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Guide: Utility Deposits; Utility Allowances/Payments: "Utility arrearages
/// are not an eligible cost under Utility Deposits or Utility
/// Allowances/Payments for this program", and no other category pays them.
pub fn utility_arrearage_problem(is_arrearage: bool) -> Option<CostProblem> {
    is_arrearage.then_some(CostProblem::UtilityArrearage)
}

/// Guide: Inspection Costs: "An HQS inspection must be completed before any
/// assistance is provided for a unit": a payment in a category that
/// [needs a pass](CostCategory::needs_passed_inspection) waits until
/// [`assistance_allowed`] says the unit stands passed.
pub fn inspection_problem(category: CostCategory, standing: &UnitInspectionStanding) -> Option<CostProblem> {
    (category.needs_passed_inspection() && !assistance_allowed(standing))
        .then_some(CostProblem::NoPassedInspection { standing: *standing })
}

fn no_inspection_message(standing: &UnitInspectionStanding) -> String {
    match standing {
        UnitInspectionStanding::Ineligible { reason } => reason.message(),
        UnitInspectionStanding::AnnualOverdue { was_due } => format!(
            "The unit's annual inspection was due on {}: no assistance can be paid for it until it passes again.",
            us_date(*was_due)
        ),
        UnitInspectionStanding::FollowUpDue { .. } | UnitInspectionStanding::FollowUpOverdue { .. } => {
            "The unit's last inspection did not pass: no assistance can be paid for it until it passes the follow-up."
                .to_string()
        }
        UnitInspectionStanding::NotInspected | UnitInspectionStanding::Passed { .. } => {
            "No assistance can be paid for the unit until it passes an HQS inspection.".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::inspection::IneligibleReason;
    use crate::rules::testing::*;
    use std::collections::HashSet;
    use TransitionProblem as P;

    fn transition(amount: &str) -> TransitionAssistanceCheck {
        TransitionAssistanceCheck {
            amount: m(amount),
            already_paid: Money::ZERO,
            move_in: MoveIn::Initial,
            payee: TransitionPayee::Vendor,
            on_pre_approved_list: true,
            approval: None,
            paid_on: d("2026-03-01"),
        }
    }

    fn approval(by: &str, on: &str) -> Option<Approval> {
        Some(Approval { approved_by: by.to_string(), approved_on: d(on) })
    }

    #[test]
    fn transition_assistance_at_most_three_thousand_in_total() {
        let over = |remaining: &str| vec![P::AboveLimit { limit: m("3000"), remaining: m(remaining) }];
        // (already paid, amount, problems)
        let cases = [
            ("0", "3000.00", vec![]),
            ("0", "3000.01", over("3000")),
            ("2500", "500.00", vec![]),
            ("2500", "500.01", over("500")),
            ("3000", "0.01", over("0")),
            ("3100", "0", over("0")), // already past: nothing remains, not a negative
        ];
        for (already, amount, want) in cases {
            let input = TransitionAssistanceCheck { already_paid: m(already), ..transition(amount) };
            assert_eq!(check_transition_assistance(&input), want, "{already} + {amount}");
        }
        assert_eq!(check_transition_assistance(&transition("-1")), vec![P::NegativeAmount]);
        let message = P::AboveLimit { limit: m("3000"), remaining: m("500") }.message();
        assert_eq!(message, "Transition assistance is capped at $3,000.00 in total: $500.00 remains.");
    }

    #[test]
    fn only_at_the_first_move_in_even_with_approval() {
        let later = |a| TransitionAssistanceCheck { move_in: MoveIn::Subsequent, approval: a, ..transition("400") };
        assert_eq!(check_transition_assistance(&later(None)), vec![P::LaterMove]);
        assert_eq!(check_transition_assistance(&later(approval("R. Alvarez, DMH", "2026-02-01"))), vec![P::LaterMove]);
        assert_eq!(P::LaterMove.field(), "move_in");
    }

    #[test]
    fn paid_to_the_vendor_not_the_participant() {
        let to_participant = TransitionAssistanceCheck { payee: TransitionPayee::Participant, ..transition("400") };
        let problems = check_transition_assistance(&to_participant);
        assert_eq!(problems, vec![P::PaidToParticipant]);
        assert_eq!(
            (problems[0].field(), problems[0].message().as_str()),
            ("payee", "Pay the vendor directly: transition assistance cannot be given to the participant.")
        );
    }

    #[test]
    fn off_the_list_needs_written_approval_in_advance() {
        let off = |a| TransitionAssistanceCheck { on_pre_approved_list: false, approval: a, ..transition("400") };
        let cases = [
            (off(None), vec![P::NotOnList]),
            (off(approval("R. Alvarez, DMH", "2026-02-20")), vec![]),
            (off(approval("R. Alvarez, DMH", "2026-03-01")), vec![]), // the payment day itself
            (
                off(approval("R. Alvarez, DMH", "2026-03-02")),
                vec![P::Approval(ApprovalProblem::AfterPayment {
                    approved_on: d("2026-03-02"),
                    paid_on: d("2026-03-01"),
                })],
            ),
            (off(approval(" ", "2026-02-20")), vec![P::Approval(ApprovalProblem::NoApprover)]),
            (TransitionAssistanceCheck { approval: None, ..transition("400") }, vec![]), // on the list
        ];
        for (input, want) in cases {
            assert_eq!(check_transition_assistance(&input), want, "{input:?}");
        }
        assert_eq!(P::NotOnList.field(), "approval");
        assert_eq!(P::Approval(ApprovalProblem::NoApprover).field(), "approved_by");
    }

    #[test]
    fn every_transition_problem_at_once() {
        let input = TransitionAssistanceCheck {
            already_paid: m("2900"),
            move_in: MoveIn::Subsequent,
            payee: TransitionPayee::Participant,
            on_pre_approved_list: false,
            ..transition("200")
        };
        let fields: Vec<&str> = check_transition_assistance(&input).iter().map(P::field).collect();
        assert_eq!(fields, ["amount", "move_in", "payee", "approval"]);
    }

    #[test]
    fn utility_arrearages_are_never_eligible() {
        assert_eq!(utility_arrearage_problem(true), Some(CostProblem::UtilityArrearage));
        assert_eq!(utility_arrearage_problem(false), None);
        assert_eq!(CostProblem::UtilityArrearage.field(), "arrearage");
    }

    #[test]
    fn no_assistance_for_a_unit_before_a_passed_inspection() {
        let passed = UnitInspectionStanding::Passed { next_due: d("2027-03-01") };
        let overdue = UnitInspectionStanding::AnnualOverdue { was_due: d("2026-03-01") };
        let not_inspected = UnitInspectionStanding::NotInspected;
        // (category, standing, refused)
        let cases = [
            (CostCategory::RentalAssistancePayment, passed, false),
            (CostCategory::RentalAssistancePayment, not_inspected, true),
            (CostCategory::MasterLeaseRent, overdue, true),
            (CostCategory::SecurityDeposit, UnitInspectionStanding::FollowUpDue { due: d("2026-03-15") }, true),
            (CostCategory::UtilityPayment, not_inspected, true),
            (CostCategory::TemporaryHousing, not_inspected, true),
            (CostCategory::RentalApplicationFee, not_inspected, false),
            (CostCategory::InspectionCost, not_inspected, false),
            (CostCategory::DamageRepair, overdue, false),
            (CostCategory::TransitionAssistance, not_inspected, false),
            (CostCategory::SubsistenceAllowance, not_inspected, false),
        ];
        for (category, standing, refused) in cases {
            assert_eq!(inspection_problem(category, &standing).is_some(), refused, "{category:?} when {standing:?}");
        }
        let messages = [
            (not_inspected, "No assistance can be paid for the unit until it passes an HQS inspection."),
            (overdue, "The unit's annual inspection was due on 03/01/2026: no assistance can be paid for it until it passes again."),
            (
                UnitInspectionStanding::FollowUpOverdue { was_due: d("2026-03-15") },
                "The unit's last inspection did not pass: no assistance can be paid for it until it passes the follow-up.",
            ),
            (
                UnitInspectionStanding::Ineligible { reason: IneligibleReason::FailedFollowUp { on: d("2026-03-14") } },
                "The unit failed its follow-up inspection on 03/14/2026: it cannot receive any financial assistance.",
            ),
        ];
        for (standing, want) in messages {
            let problem = inspection_problem(CostCategory::MasterLeaseRent, &standing).unwrap();
            assert_eq!((problem.field(), problem.message().as_str()), ("unit", want));
        }
    }

    #[test]
    fn categories_are_listed_once_with_their_words() {
        let codes: HashSet<String> = CostCategory::ALL.iter().map(|c| serde_json::to_string(c).unwrap()).collect();
        let labels: HashSet<&str> = CostCategory::ALL.iter().map(|c| c.label()).collect();
        assert_eq!((codes.len(), labels.len()), (16, 16), "every category once, each with its own words");
        assert_eq!(
            serde_json::to_string(&CostCategory::UtilityAllowanceReimbursement).unwrap(),
            r#""utility_allowance_reimbursement""#
        );
        assert_eq!(serde_json::to_string(&TransitionPayee::Vendor).unwrap(), r#""vendor""#);
        assert_eq!(CostCategory::MoveInFee.guide_section(), "Security Deposits");
        assert_eq!(CostCategory::SigningBonus.guide_section(), "Landlord Incentives");
    }

    #[test]
    fn incentives_and_leasing_options_by_category() {
        let incentives: Vec<_> = CostCategory::ALL.iter().filter_map(|c| c.incentive_kind()).collect();
        assert_eq!(
            incentives,
            [IncentiveKind::ExtraDepositMonth, IncentiveKind::SigningBonus, IncentiveKind::DamageRepair]
        );
        let cases = [
            (CostCategory::RentalAssistancePayment, Some(LeasingOption::RentalAssistance)),
            (CostCategory::UtilityAllowanceReimbursement, Some(LeasingOption::RentalAssistance)),
            (CostCategory::MasterLeaseRent, Some(LeasingOption::MasterLease)),
            (CostCategory::UtilityPayment, Some(LeasingOption::MasterLease)),
            (CostCategory::UtilityDeposit, None),
            (CostCategory::SecurityDeposit, None),
        ];
        for (category, want) in cases {
            assert_eq!(category.leasing_option(), want, "{category:?}");
        }
    }
}
