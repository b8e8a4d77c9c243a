//! The closed lists the forms offer, with the words from each enum's
//! `label()`, so the UI never spells a label twice.

use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Role;
use crate::office::Program;
use crate::participants::{ParticipantStatus, ReferralSource};
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_serde_names() {
        // The UI sends codes back; they must parse as the enums serialize.
        for item in choices().referral_sources {
            let parsed: ReferralSource = serde_json::from_value(serde_json::Value::String(item.code.clone())).unwrap();
            assert_eq!(parsed.code(), item.code);
        }
        for item in choices().participant_statuses {
            let parsed: ParticipantStatus = serde_json::from_value(serde_json::Value::String(item.code.clone())).unwrap();
            assert_eq!(parsed.code(), item.code);
        }
        for item in choices().roles {
            let parsed: Role = serde_json::from_value(serde_json::Value::String(item.code.clone())).unwrap();
            assert_eq!(parsed.code(), item.code);
        }
        for item in choices().programs {
            let parsed: Program = serde_json::from_value(serde_json::Value::String(item.code.clone())).unwrap();
            assert_eq!(parsed.code(), item.code);
        }
    }
}
