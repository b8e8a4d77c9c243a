//! The closed lists the forms offer, with the words from each enum's
//! `label()`, so the UI never spells a label twice.

use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Role;
use crate::calc::ExpenseKind;
use crate::casework::{
    BenefitsDecision, Destination, ExitReason, GoalArea, GoalStatus, ProviderKind, SoarStatus, StayKind, UnitOutcome,
};
use crate::engagement::Linkage;
use crate::income_calc::{CalculationKind, Verification};
use crate::office::Program;
use crate::participants::{ParticipantStatus, ReferralSource};
use crate::rules::eligibility::{Category, Medicaid};
use crate::rules::engagement::VisitKind;
use crate::rules::income::{Frequency, IncomeSource, Member};
use crate::rules::rent::LeasingOption;
use crate::rules::utility_allowance::{Fuel, Utility};
use crate::screening::{Determination, Homeless, Step, Verified, Waitlist, WaitlistStatus};
use crate::validation::Choice;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChoiceItem {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Choices {
    pub participant_statuses: Vec<ChoiceItem>,
    pub referral_sources: Vec<ChoiceItem>,
    pub roles: Vec<ChoiceItem>,
    pub programs: Vec<ChoiceItem>,
    pub calculation_kinds: Vec<ChoiceItem>,
    pub income_members: Vec<ChoiceItem>,
    pub income_sources: Vec<ChoiceItem>,
    pub frequencies: Vec<ChoiceItem>,
    pub verifications: Vec<ChoiceItem>,
    pub expense_kinds: Vec<ChoiceItem>,
    pub leasing_options: Vec<ChoiceItem>,
    pub utilities: Vec<ChoiceItem>,
    pub fuels: Vec<ChoiceItem>,
    pub visit_kinds: Vec<ChoiceItem>,
    pub linkages: Vec<ChoiceItem>,
    pub screening_steps: Vec<ChoiceItem>,
    pub evidence_methods: Vec<ChoiceItem>,
    pub medicaid: Vec<ChoiceItem>,
    pub categories: Vec<ChoiceItem>,
    pub homeless: Vec<ChoiceItem>,
    pub waitlist_statuses: Vec<ChoiceItem>,
    pub waitlists: Vec<ChoiceItem>,
    pub determinations: Vec<ChoiceItem>,
    pub soar_statuses: Vec<ChoiceItem>,
    pub benefits_decisions: Vec<ChoiceItem>,
    pub goal_areas: Vec<ChoiceItem>,
    pub goal_statuses: Vec<ChoiceItem>,
    pub provider_kinds: Vec<ChoiceItem>,
    pub stay_kinds: Vec<ChoiceItem>,
    pub exit_reasons: Vec<ChoiceItem>,
    pub destinations: Vec<ChoiceItem>,
    pub unit_outcomes: Vec<ChoiceItem>,
    pub landlord_roles: Vec<ChoiceItem>,
    pub grantee_relations: Vec<ChoiceItem>,
    pub unit_statuses: Vec<ChoiceItem>,
    pub housing_types: Vec<ChoiceItem>,
    pub item_results: Vec<ChoiceItem>,
    pub inspection_kinds: Vec<ChoiceItem>,
    pub responsibles: Vec<ChoiceItem>,
    pub qualities: Vec<ChoiceItem>,
    pub rent_determinations: Vec<ChoiceItem>,
    pub incentive_kinds: Vec<ChoiceItem>,
    pub incentive_statuses: Vec<ChoiceItem>,
    pub cost_categories: Vec<ChoiceItem>,
    pub payee_kinds: Vec<ChoiceItem>,
    pub approval_lifts: Vec<ChoiceItem>,
    pub lease_change_kinds: Vec<ChoiceItem>,
    pub sexes: Vec<ChoiceItem>,
    pub races: Vec<ChoiceItem>,
    pub race_none: Vec<ChoiceItem>,
    pub yes_no_answers: Vec<ChoiceItem>,
    pub substance_uses: Vec<ChoiceItem>,
    pub report_kinds: Vec<ChoiceItem>,
    /// The aims of the Guide's purpose the quarterly figures are grouped by.
    pub aims: Vec<ChoiceItem>,
}

pub fn choices() -> Choices {
    fn items<T: Choice>() -> Vec<ChoiceItem> {
        T::ALL.iter().map(|c| ChoiceItem { code: c.code().into(), label: c.label().into() }).collect()
    }
    Choices {
        participant_statuses: items::<ParticipantStatus>(),
        referral_sources: items::<ReferralSource>(),
        roles: items::<Role>(),
        programs: items::<Program>(),
        calculation_kinds: items::<CalculationKind>(),
        income_members: items::<Member>(),
        income_sources: items::<IncomeSource>(),
        frequencies: items::<Frequency>(),
        verifications: items::<Verification>(),
        expense_kinds: items::<ExpenseKind>(),
        leasing_options: items::<LeasingOption>(),
        utilities: items::<Utility>(),
        fuels: items::<Fuel>(),
        visit_kinds: items::<VisitKind>(),
        linkages: items::<Linkage>(),
        screening_steps: items::<Step>(),
        evidence_methods: items::<Verified>(),
        medicaid: items::<Medicaid>(),
        categories: items::<Category>(),
        homeless: items::<Homeless>(),
        waitlist_statuses: items::<WaitlistStatus>(),
        waitlists: items::<Waitlist>(),
        determinations: items::<Determination>(),
        soar_statuses: items::<SoarStatus>(),
        benefits_decisions: items::<BenefitsDecision>(),
        goal_areas: items::<GoalArea>(),
        goal_statuses: items::<GoalStatus>(),
        provider_kinds: items::<ProviderKind>(),
        stay_kinds: items::<StayKind>(),
        exit_reasons: items::<ExitReason>(),
        destinations: items::<Destination>(),
        unit_outcomes: items::<UnitOutcome>(),
        landlord_roles: items::<crate::landlords::LandlordRole>(),
        grantee_relations: items::<crate::landlords::GranteeRelation>(),
        unit_statuses: items::<crate::units::UnitStatus>(),
        housing_types: items::<crate::units::HousingType>(),
        item_results: items::<crate::rules::inspection::ItemResult>(),
        inspection_kinds: items::<crate::rules::inspection::InspectionKind>(),
        responsibles: items::<crate::inspections::Responsible>(),
        qualities: items::<crate::comparisons::Quality>(),
        rent_determinations: items::<crate::comparisons::Determination>(),
        incentive_kinds: items::<crate::rules::incentives::IncentiveKind>(),
        incentive_statuses: items::<crate::incentives::IncentiveStatus>(),
        cost_categories: items::<crate::rules::eligible_costs::CostCategory>(),
        payee_kinds: items::<crate::ledger::PayeeKind>(),
        approval_lifts: items::<crate::ledger::ApprovalLifts>(),
        lease_change_kinds: items::<crate::leases::LeaseChangeKind>(),
        sexes: items::<crate::demographics::Sex>(),
        races: items::<crate::demographics::Race>(),
        race_none: items::<crate::demographics::RaceNone>(),
        yes_no_answers: items::<crate::demographics::YesNoAnswer>(),
        substance_uses: items::<crate::demographics::SubstanceUse>(),
        report_kinds: items::<crate::reports::ReportKind>(),
        aims: items::<crate::reports::quarterly::Aim>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_serde_names() {
        // The UI sends codes back; they must parse as the enums serialize.
        fn round_trips<T: Choice + serde::de::DeserializeOwned>(items: Vec<ChoiceItem>) {
            assert!(!items.is_empty());
            for item in items {
                let parsed: T = serde_json::from_value(serde_json::Value::String(item.code.clone())).unwrap();
                assert_eq!(parsed.code(), item.code);
            }
        }
        let c = choices();
        round_trips::<ReferralSource>(c.referral_sources);
        round_trips::<ParticipantStatus>(c.participant_statuses);
        round_trips::<Role>(c.roles);
        round_trips::<Program>(c.programs);
        round_trips::<CalculationKind>(c.calculation_kinds);
        round_trips::<Member>(c.income_members);
        round_trips::<IncomeSource>(c.income_sources);
        round_trips::<Frequency>(c.frequencies);
        round_trips::<Verification>(c.verifications);
        round_trips::<ExpenseKind>(c.expense_kinds);
        round_trips::<LeasingOption>(c.leasing_options);
        round_trips::<Utility>(c.utilities);
        round_trips::<Fuel>(c.fuels);
        round_trips::<VisitKind>(c.visit_kinds);
        round_trips::<Linkage>(c.linkages);
        round_trips::<Step>(c.screening_steps);
        round_trips::<Verified>(c.evidence_methods);
        round_trips::<Medicaid>(c.medicaid);
        round_trips::<Category>(c.categories);
        round_trips::<Homeless>(c.homeless);
        round_trips::<WaitlistStatus>(c.waitlist_statuses);
        round_trips::<Waitlist>(c.waitlists);
        round_trips::<Determination>(c.determinations);
        round_trips::<SoarStatus>(c.soar_statuses);
        round_trips::<BenefitsDecision>(c.benefits_decisions);
        round_trips::<GoalArea>(c.goal_areas);
        round_trips::<GoalStatus>(c.goal_statuses);
        round_trips::<ProviderKind>(c.provider_kinds);
        round_trips::<StayKind>(c.stay_kinds);
        round_trips::<ExitReason>(c.exit_reasons);
        round_trips::<Destination>(c.destinations);
        round_trips::<UnitOutcome>(c.unit_outcomes);
        round_trips::<crate::landlords::LandlordRole>(c.landlord_roles);
        round_trips::<crate::landlords::GranteeRelation>(c.grantee_relations);
        round_trips::<crate::units::UnitStatus>(c.unit_statuses);
        round_trips::<crate::units::HousingType>(c.housing_types);
        round_trips::<crate::rules::inspection::ItemResult>(c.item_results);
        round_trips::<crate::rules::inspection::InspectionKind>(c.inspection_kinds);
        round_trips::<crate::inspections::Responsible>(c.responsibles);
        round_trips::<crate::comparisons::Quality>(c.qualities);
        round_trips::<crate::comparisons::Determination>(c.rent_determinations);
        round_trips::<crate::rules::incentives::IncentiveKind>(c.incentive_kinds);
        round_trips::<crate::incentives::IncentiveStatus>(c.incentive_statuses);
    }
}
