//! The office using Housing Desk: the grantee, its program and county.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validation::{Checker, Choice, ValidationErrors};

/// The program the office runs (developers' guide: Illinois' Housing is
/// Recovery pilot, Connecticut's HERO, or another like them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    HousingIsRecovery,
    Hero,
    Other,
}

impl Choice for Program {
    const ALL: &'static [Self] = &[Program::HousingIsRecovery, Program::Hero, Program::Other];
    fn code(self) -> &'static str {
        match self {
            Program::HousingIsRecovery => "housing_is_recovery",
            Program::Hero => "hero",
            Program::Other => "other",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Program::HousingIsRecovery => "Housing is Recovery (Illinois)",
            Program::Hero => "HERO (Connecticut)",
            Program::Other => "Another supportive housing program",
        }
    }
}

/// The office, as kept in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Office {
    pub grantee_name: String,
    pub program: Program,
    pub county: String,
    /// Payment standards from Small Area FMRs by the unit's ZIP code instead
    /// of the metro area's FMR.
    pub use_small_area_fmrs: bool,
}

/// The office as typed on the setup screen.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct OfficeInput {
    pub grantee_name: String,
    pub program: String,
    pub county: String,
}

impl OfficeInput {
    /// Checks every field into `c`; `None` when a choice could not be read.
    pub fn check(&self, c: &mut Checker) -> Option<Office> {
        let grantee_name = c.required_text("grantee_name", &self.grantee_name, "the grantee's name", 200);
        let program = c.choice::<Program>("program", &self.program, "the program");
        let county = c.required_text("county", &self.county, "the county", 100);
        Some(Office { grantee_name, program: program?, county, use_small_area_fmrs: false })
    }

    pub fn validate(&self) -> Result<Office, ValidationErrors> {
        let mut c = Checker::new();
        let office = self.check(&mut c);
        c.finish(office)
    }
}
