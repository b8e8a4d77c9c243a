//! The closed lists the forms offer, with the words from each enum's
//! `label()`, so the UI never spells a label twice.

use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Role;
use crate::calc::ExpenseKind;
use crate::engagement::Linkage;
use crate::income_calc::{CalculationKind, Verification};
use crate::office::Program;
use crate::participants::{ParticipantStatus, ReferralSource};
use crate::rules::engagement::VisitKind;
use crate::rules::income::{Frequency, IncomeSource, Member};
use crate::rules::rent::LeasingOption;
use crate::rules::utility_allowance::{Fuel, Utility};
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
    }
}
