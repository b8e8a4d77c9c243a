//! A participant's demographics in the categories of the HUD HMIS data
//! standards (FY2026): 3.03 date of birth is on the record itself; 3.04 race
//! and ethnicity, 3.06 sex, 3.07 veteran status, 3.08 disabling condition,
//! 4.09 mental health disorder and 4.10 substance use disorder are here.
//! DMH's monthly participant data asks for them (Guide: Data Reporting:
//! "consumer demographics"), and the HMIS export writes their codes.
//!
//! Every answer can be "not asked": HMIS counts "data not collected" (99) as
//! an answer, so a participant entered before these questions is reported
//! honestly rather than guessed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validation::{choices, Checker, Choice};

/// The answers HMIS allows to a yes-or-no question (3.07, 3.08, 4.09).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum YesNoAnswer {
    No,
    Yes,
    DoesNotKnow,
    PrefersNotToAnswer,
    #[default]
    NotCollected,
}

impl YesNoAnswer {
    /// HMIS "No/Yes/Missing" list: 0, 1, 8, 9, 99.
    pub fn hmis_code(self) -> u8 {
        match self {
            YesNoAnswer::No => 0,
            YesNoAnswer::Yes => 1,
            YesNoAnswer::DoesNotKnow => 8,
            YesNoAnswer::PrefersNotToAnswer => 9,
            YesNoAnswer::NotCollected => 99,
        }
    }
}

/// 3.06 Sex (FY2026 replaced Gender with Sex).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    DoesNotKnow,
    PrefersNotToAnswer,
    #[default]
    NotCollected,
}

impl Sex {
    pub fn hmis_code(self) -> u8 {
        match self {
            Sex::Female => 0,
            Sex::Male => 1,
            Sex::DoesNotKnow => 8,
            Sex::PrefersNotToAnswer => 9,
            Sex::NotCollected => 99,
        }
    }
}

/// 3.04 Race and ethnicity: any of these may be chosen together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Race {
    AmericanIndianAlaskaNative,
    Asian,
    BlackAfricanAmerican,
    HispanicLatina,
    MiddleEasternNorthAfrican,
    NativeHawaiianPacificIslander,
    White,
}

impl Race {
    /// The column of the HMIS CSV's Client file that this answer sets to 1.
    pub fn hmis_column(self) -> &'static str {
        match self {
            Race::AmericanIndianAlaskaNative => "AmIndAKNative",
            Race::Asian => "Asian",
            Race::BlackAfricanAmerican => "BlackAfAmerican",
            Race::HispanicLatina => "HispanicLatinao",
            Race::MiddleEasternNorthAfrican => "MidEastNAfrican",
            Race::NativeHawaiianPacificIslander => "NativeHIPacific",
            Race::White => "White",
        }
    }
}

/// 3.04 when no race or ethnicity is given: HMIS's RaceNone (8, 9, 99).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RaceNone {
    DoesNotKnow,
    PrefersNotToAnswer,
    #[default]
    NotCollected,
}

impl RaceNone {
    pub fn hmis_code(self) -> u8 {
        match self {
            RaceNone::DoesNotKnow => 8,
            RaceNone::PrefersNotToAnswer => 9,
            RaceNone::NotCollected => 99,
        }
    }
}

/// 4.10 Substance use disorder: HMIS asks which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubstanceUse {
    No,
    Alcohol,
    Drugs,
    Both,
    DoesNotKnow,
    PrefersNotToAnswer,
    #[default]
    NotCollected,
}

impl SubstanceUse {
    /// HMIS DisabilityResponse for DisabilityType 10: 0, 1, 2, 3, 8, 9, 99.
    pub fn hmis_code(self) -> u8 {
        match self {
            SubstanceUse::No => 0,
            SubstanceUse::Alcohol => 1,
            SubstanceUse::Drugs => 2,
            SubstanceUse::Both => 3,
            SubstanceUse::DoesNotKnow => 8,
            SubstanceUse::PrefersNotToAnswer => 9,
            SubstanceUse::NotCollected => 99,
        }
    }
}

/// The demographics on a participant's record, checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct Demographics {
    pub sex: Sex,
    /// Empty when the person gave none; `race_none` says why.
    pub race_ethnicity: Vec<Race>,
    pub race_none: RaceNone,
    pub veteran_status: YesNoAnswer,
    pub disabling_condition: YesNoAnswer,
    pub mental_health_disorder: YesNoAnswer,
    pub substance_use_disorder: SubstanceUse,
}

impl Demographics {
    /// The race and ethnicity in words, for a report cell.
    pub fn race_ethnicity_words(&self) -> String {
        if self.race_ethnicity.is_empty() {
            return self.race_none.label().to_string();
        }
        self.race_ethnicity.iter().map(|r| r.label()).collect::<Vec<_>>().join("; ")
    }
}

/// The demographics as typed. Every field may be left empty: empty means
/// "not asked" (data not collected).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct DemographicsInput {
    pub sex: String,
    /// Codes of `Race`, or one of `does_not_know` / `prefers_not_to_answer`.
    pub race_ethnicity: Vec<String>,
    pub veteran_status: String,
    pub disabling_condition: String,
    pub mental_health_disorder: String,
    pub substance_use_disorder: String,
}

impl DemographicsInput {
    /// Checks the answers into `c`; `None` when one was not from its list.
    pub fn check(&self, c: &mut Checker) -> Option<Demographics> {
        fn answer<T: Choice + Default>(c: &mut Checker, field: &str, typed: &str, what: &str) -> Option<T> {
            if typed.trim().is_empty() {
                Some(T::default())
            } else {
                c.choice::<T>(field, typed, what)
            }
        }
        let sex = answer::<Sex>(c, "sex", &self.sex, "an answer for sex");
        let veteran_status = answer::<YesNoAnswer>(c, "veteran_status", &self.veteran_status, "a veteran status");
        let disabling_condition = answer::<YesNoAnswer>(
            c,
            "disabling_condition",
            &self.disabling_condition,
            "an answer for disabling condition",
        );
        let mental_health_disorder = answer::<YesNoAnswer>(
            c,
            "mental_health_disorder",
            &self.mental_health_disorder,
            "an answer for mental health disorder",
        );
        let substance_use_disorder = answer::<SubstanceUse>(
            c,
            "substance_use_disorder",
            &self.substance_use_disorder,
            "an answer for substance use disorder",
        );
        let mut races = Vec::new();
        let mut none = None;
        let mut bad = false;
        for code in &self.race_ethnicity {
            if let Some(r) = Race::ALL.iter().find(|r| r.code() == code) {
                if !races.contains(r) {
                    races.push(*r);
                }
            } else if let Some(n) = RaceNone::ALL.iter().find(|n| n.code() == code && **n != RaceNone::NotCollected) {
                none = Some(*n);
            } else {
                bad = true;
            }
        }
        if bad {
            c.add("race_ethnicity", "Choose race and ethnicity from the list.");
        } else if none.is_some() && !races.is_empty() {
            c.add(
                "race_ethnicity",
                format!(
                    "Choose races and ethnicities, or \"{}\", not both.",
                    none.map(|n| n.label()).unwrap_or_default()
                ),
            );
            bad = true;
        }
        races.sort();
        Some(Demographics {
            sex: sex?,
            race_ethnicity: races,
            race_none: if bad { RaceNone::NotCollected } else { none.unwrap_or_default() },
            veteran_status: veteran_status?,
            disabling_condition: disabling_condition?,
            mental_health_disorder: mental_health_disorder?,
            substance_use_disorder: substance_use_disorder?,
        })
        .filter(|_| !bad)
    }
}

impl From<&Demographics> for DemographicsInput {
    fn from(d: &Demographics) -> Self {
        let mut race_ethnicity: Vec<String> = d.race_ethnicity.iter().map(|r| r.code().to_string()).collect();
        if race_ethnicity.is_empty() && d.race_none != RaceNone::NotCollected {
            race_ethnicity.push(d.race_none.code().to_string());
        }
        DemographicsInput {
            sex: d.sex.code().into(),
            race_ethnicity,
            veteran_status: d.veteran_status.code().into(),
            disabling_condition: d.disabling_condition.code().into(),
            mental_health_disorder: d.mental_health_disorder.code().into(),
            substance_use_disorder: d.substance_use_disorder.code().into(),
        }
    }
}

choices!(YesNoAnswer {
    No => "no", "No";
    Yes => "yes", "Yes";
    DoesNotKnow => "does_not_know", "Does not know";
    PrefersNotToAnswer => "prefers_not_to_answer", "Prefers not to answer";
    NotCollected => "not_collected", "Not asked";
});

choices!(Sex {
    Female => "female", "Female";
    Male => "male", "Male";
    DoesNotKnow => "does_not_know", "Does not know";
    PrefersNotToAnswer => "prefers_not_to_answer", "Prefers not to answer";
    NotCollected => "not_collected", "Not asked";
});

choices!(Race {
    AmericanIndianAlaskaNative => "american_indian_alaska_native", "American Indian, Alaska Native, or Indigenous";
    Asian => "asian", "Asian or Asian American";
    BlackAfricanAmerican => "black_african_american", "Black, African American, or African";
    HispanicLatina => "hispanic_latina", "Hispanic/Latina/e/o";
    MiddleEasternNorthAfrican => "middle_eastern_north_african", "Middle Eastern or North African";
    NativeHawaiianPacificIslander => "native_hawaiian_pacific_islander", "Native Hawaiian or Pacific Islander";
    White => "white", "White";
});

choices!(RaceNone {
    DoesNotKnow => "does_not_know", "Does not know";
    PrefersNotToAnswer => "prefers_not_to_answer", "Prefers not to answer";
    NotCollected => "not_collected", "Not asked";
});

choices!(SubstanceUse {
    No => "no", "No";
    Alcohol => "alcohol", "Alcohol use disorder";
    Drugs => "drugs", "Drug use disorder";
    Both => "both", "Both alcohol and drug use disorders";
    DoesNotKnow => "does_not_know", "Does not know";
    PrefersNotToAnswer => "prefers_not_to_answer", "Prefers not to answer";
    NotCollected => "not_collected", "Not asked";
});

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &DemographicsInput) -> Result<Demographics, crate::validation::ValidationErrors> {
        let mut c = Checker::new();
        let d = input.check(&mut c);
        c.finish(d)
    }

    #[test]
    fn nothing_typed_is_data_not_collected() {
        let d = check(&DemographicsInput::default()).unwrap();
        assert_eq!(d, Demographics::default());
        assert_eq!(d.sex.hmis_code(), 99);
        assert_eq!(d.race_none.hmis_code(), 99);
        assert_eq!(d.race_ethnicity_words(), "Not asked");
    }

    #[test]
    fn races_are_many_and_kept_in_order() {
        let input = DemographicsInput {
            race_ethnicity: vec!["white".into(), "hispanic_latina".into(), "white".into()],
            sex: "female".into(),
            ..Default::default()
        };
        let d = check(&input).unwrap();
        assert_eq!(d.race_ethnicity, vec![Race::HispanicLatina, Race::White]);
        assert_eq!(d.race_ethnicity_words(), "Hispanic/Latina/e/o; White");
        assert_eq!(d.sex.hmis_code(), 0);
        assert_eq!(DemographicsInput::from(&d).race_ethnicity, vec!["hispanic_latina", "white"]);
    }

    #[test]
    fn a_race_and_prefers_not_to_answer_together_are_refused() {
        let input = DemographicsInput {
            race_ethnicity: vec!["asian".into(), "prefers_not_to_answer".into()],
            ..Default::default()
        };
        let e = check(&input).unwrap_err();
        assert_eq!(e.0[0].field, "race_ethnicity");
        let only = DemographicsInput { race_ethnicity: vec!["prefers_not_to_answer".into()], ..Default::default() };
        let d = check(&only).unwrap();
        assert!(d.race_ethnicity.is_empty());
        assert_eq!(d.race_none.hmis_code(), 9);
        assert_eq!(DemographicsInput::from(&d).race_ethnicity, vec!["prefers_not_to_answer"]);
    }

    #[test]
    fn an_answer_off_the_list_names_its_field() {
        let input = DemographicsInput {
            veteran_status: "maybe".into(),
            race_ethnicity: vec!["x".into()],
            ..Default::default()
        };
        let e = check(&input).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert!(fields.contains(&"veteran_status") && fields.contains(&"race_ethnicity"), "{fields:?}");
    }

    #[test]
    fn hmis_codes() {
        assert_eq!(YesNoAnswer::Yes.hmis_code(), 1);
        assert_eq!(YesNoAnswer::PrefersNotToAnswer.hmis_code(), 9);
        assert_eq!(SubstanceUse::Both.hmis_code(), 3);
        assert_eq!(Race::HispanicLatina.hmis_column(), "HispanicLatinao");
    }
}
