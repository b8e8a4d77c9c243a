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
    /// Printed on letters: one line per line of the address.
    pub mailing_address: Option<String>,
    pub phone: Option<String>,
}

/// The office's contact details as typed in Settings.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ContactInput {
    pub mailing_address: String,
    pub phone: String,
}

impl ContactInput {
    pub fn validate(&self) -> Result<(Option<String>, Option<String>), ValidationErrors> {
        let mut c = Checker::new();
        let address = c.optional_text("mailing_address", &self.mailing_address, "the mailing address", 500);
        let phone = c.optional_phone("phone", &self.phone);
        c.finish(Some((address, phone)))
    }
}

/// Sets the office's mailing address and phone (supervisors and
/// administrators), audited.
pub fn set_contact(
    store: &mut crate::store::Store,
    session: &crate::accounts::Session,
    input: &ContactInput,
    when: crate::desk::Moment,
) -> Result<Office, crate::error::DeskError> {
    use crate::accounts::Role;
    use crate::audit::{AuditAction, AuditEntry, Change, Entity};
    use crate::error::DeskError;
    use crate::store as db;
    if !matches!(session.role, Role::Administrator | Role::Supervisor) {
        return Err(DeskError::Forbidden(
            "Only supervisors and administrators can change the office's details.".into(),
        ));
    }
    let (address, phone) = input.validate()?;
    store.with_tx(|tx| {
        let old = db::office::get(tx)?.ok_or(DeskError::NotFound("office"))?;
        db::office::set_contact(tx, address.as_deref(), phone.as_deref())?;
        let mut changes = Vec::new();
        if old.mailing_address != address {
            changes.push(Change {
                field: "mailing_address".into(),
                old: old.mailing_address.clone(),
                new: address.clone(),
            });
        }
        if old.phone != phone {
            changes.push(Change { field: "phone".into(), old: old.phone.clone(), new: phone.clone() });
        }
        if !changes.is_empty() {
            let entry = AuditEntry {
                actor: session.actor(),
                action: AuditAction::Update,
                entity: Entity::Office,
                entity_id: Some(1),
                changes,
            };
            db::audit::insert(tx, &entry, when.at)?;
        }
        db::office::get(tx)?.ok_or(DeskError::NotFound("office"))
    })
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
        Some(Office {
            grantee_name,
            program: program?,
            county,
            use_small_area_fmrs: false,
            mailing_address: None,
            phone: None,
        })
    }

    pub fn validate(&self) -> Result<Office, ValidationErrors> {
        let mut c = Checker::new();
        let office = self.check(&mut c);
        c.finish(office)
    }
}
