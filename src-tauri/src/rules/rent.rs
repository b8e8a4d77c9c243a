//! What the participant pays and what the grantee pays (Guide: Rent and
//! Utility Payment Standards: Total Tenant Payment, Leasing Requirements,
//! Utility Allowances/Payments).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Money;

/// The two leasing arrangements of the Guide (Leasing Requirements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeasingOption {
    /// The participant is the tenant; the grantee pays the owner under a HAP contract.
    RentalAssistance,
    /// The grantee is the tenant and pays the full contract rent.
    MasterLease,
}

/// Total Tenant Payment with the two amounts it is the higher of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ttp {
    /// 30% of monthly adjusted income, exact.
    pub from_adjusted_income: Money,
    /// 10% of monthly annual income, exact.
    pub from_annual_income: Money,
    /// The higher of the two, rounded to the nearest dollar, halves up.
    pub amount: Money,
}

/// Total Tenant Payment (Guide: Total Tenant Payment): "the highest of ...
/// 30 percent of the participant's monthly adjusted income, calculated by
/// dividing the adjusted income (24 CFR 5.611) by 12 months; or 10 percent
/// of the participant's monthly income, calculated by dividing the annual
/// income (24 CFR 5.609) by 12 months", "rounded to the nearest dollar".
/// Both are computed exactly; only the result is rounded.
pub fn total_tenant_payment(annual_income: Money, adjusted_income: Money) -> Ttp {
    let twelve = Decimal::from(12);
    let from_adjusted_income = Money(adjusted_income.0 * Decimal::new(30, 2) / twelve);
    let from_annual_income = Money(annual_income.0 * Decimal::new(10, 2) / twelve);
    let amount = from_adjusted_income.max(from_annual_income).to_dollars();
    Ttp { from_adjusted_income, from_annual_income, amount }
}

/// Tenant Rent Payment (Guide: Total Tenant Payment): "TTP must be applied
/// first towards Utility Allowances before being applied to Contract Rent";
/// what remains is the participant's share of the contract rent, never
/// below zero.
pub fn tenant_rent(ttp: Money, utility_allowance: Money) -> Money {
    (ttp - utility_allowance).at_least_zero()
}

/// Utility reimbursement (Guide: Total Tenant Payment): "Where a utility
/// allowance exceeds a program participant's monthly rental contribution, a
/// utility reimbursement may be paid to the program participant": the
/// allowance less the TTP where that is positive.
pub fn utility_reimbursement(ttp: Money, utility_allowance: Money) -> Money {
    (utility_allowance - ttp).at_least_zero()
}

/// Gross rent: the contract rent plus the utility allowance, compared with
/// the payment standard (Guide: Fair Market Rent; Unit Size).
pub fn gross_rent(contract_rent: Money, utility_allowance: Money) -> Money {
    contract_rent + utility_allowance
}

/// Whether the unit's rent and utilities fit the payment standard (Guide:
/// Unit Size: "if the total rent and utility costs for the units meet the
/// Payment Standards for the allowed unit size").
pub fn within_payment_standard(gross_rent: Money, payment_standard: Money) -> bool {
    gross_rent <= payment_standard
}

/// The grantee's monthly payment to the owner (Guide: Leasing Requirements).
/// Rental Assistance Option: "based on the difference between the Contract
/// Rent and the Total Tenant Payment less the Utility Allowance", that is
/// contract rent less tenant rent, never below zero. Master Lease Option:
/// "the grantee is responsible for paying the full Contract Rent".
pub fn grantee_payment_to_owner(option: LeasingOption, contract_rent: Money, tenant_rent: Money) -> Money {
    match option {
        LeasingOption::RentalAssistance => (contract_rent - tenant_rent).at_least_zero(),
        LeasingOption::MasterLease => contract_rent,
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
    fn ttp_takes_the_higher_and_rounds_half_up() {
        // (annual, adjusted, from adjusted, from annual, TTP)
        let cases = [
            ("11604", "11079", "276.975", "96.7", "277"),
            ("12020", "12020", "300.5", "100.1666666666666666666666667", "301"), // a half rounds up
            ("12016", "12016", "300.4", "100.1333333333333333333333333", "300"),
            ("0", "0", "0", "0", "0"),
            ("13248", "0", "0", "110.4", "110"), // deductions ate it all: 10% of gross decides
        ];
        for (annual, adjusted, want_adj, want_annual, want) in cases {
            let t = total_tenant_payment(m(annual), m(adjusted));
            assert_eq!(t.from_adjusted_income, m(want_adj), "30% of {adjusted}/12");
            assert_eq!(t.from_annual_income.0.round_dp(20), m(want_annual).0.round_dp(20), "10% of {annual}/12");
            assert_eq!(t.amount, m(want), "TTP for {annual}/{adjusted}");
        }
    }

    #[test]
    fn the_allowance_comes_out_of_ttp_first() {
        let cases = [
            ("277", "85", "192", "0"),
            ("0", "110", "0", "110"), // no income: the whole allowance is reimbursed
            ("85", "85", "0", "0"),   // allowance equal to TTP
            ("60", "85", "0", "25"),  // allowance above TTP
        ];
        for (ttp, ua, rent, reimbursement) in cases {
            assert_eq!(tenant_rent(m(ttp), m(ua)), m(rent), "tenant rent for TTP {ttp}, UA {ua}");
            assert_eq!(utility_reimbursement(m(ttp), m(ua)), m(reimbursement), "reimbursement for TTP {ttp}, UA {ua}");
        }
    }

    #[test]
    fn the_grantee_pays_by_leasing_option() {
        use LeasingOption::*;
        assert_eq!(grantee_payment_to_owner(RentalAssistance, m("925"), m("192")), m("733"));
        assert_eq!(grantee_payment_to_owner(RentalAssistance, m("300"), m("390")), Money::ZERO, "never negative");
        assert_eq!(grantee_payment_to_owner(MasterLease, m("1010"), m("318")), m("1010"), "the full contract rent");
    }

    #[test]
    fn payment_standard_is_inclusive() {
        assert!(within_payment_standard(gross_rent(m("1015"), m("85")), m("1100")));
        assert!(!within_payment_standard(gross_rent(m("1015.01"), m("85")), m("1100")));
    }
}

/// A monthly amount for `days` of a month of `days_in_month` days, to the
/// cent (half up): the whole amount for the whole month. The Guide pays
/// rent by the month and leaves a part month to the grantee; paying by the
/// day is the usual reading (HUD's HAP contract prorates the first month).
pub fn prorated(monthly: Money, days: u32, days_in_month: u32) -> Money {
    if days_in_month == 0 || days >= days_in_month {
        return monthly;
    }
    let share = monthly.0 * rust_decimal::Decimal::from(days) / rust_decimal::Decimal::from(days_in_month);
    Money(share.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod prorated_tests {
    use super::*;
    use crate::rules::testing::m;

    #[test]
    fn a_whole_month_is_the_whole_amount_and_a_part_is_by_the_day() {
        assert_eq!(prorated(m("1000"), 30, 30), m("1000"));
        assert_eq!(prorated(m("1000"), 31, 30), m("1000"));
        assert_eq!(prorated(m("1000"), 15, 30), m("500.00"));
        assert_eq!(prorated(m("1000"), 10, 31), m("322.58"));
        assert_eq!(prorated(m("925"), 1, 28), m("33.04"));
        assert_eq!(prorated(m("1000"), 0, 31), m("0"));
    }
}
