//! Landlords: owners and their designated agents, who they are paid as, and
//! whether the grantee owns or is related to them (Guide: Master Lease
//! Option: grantees may not master-lease units they own or are related to
//! without a written exception).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::participants::fold;
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, ValidationErrors};

/// Owner, or the owner's designated agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LandlordRole {
    Owner,
    Agent,
}

/// Whether the grantee owns the property or is related to its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GranteeRelation {
    None,
    OwnedByGrantee,
    RelatedToGrantee,
}

/// A landlord's details, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LandlordDetails {
    pub name: String,
    pub organization: Option<String>,
    pub role: LandlordRole,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub mailing_address: Option<String>,
    pub payee_name: Option<String>,
    pub payee_address: Option<String>,
    pub grantee_relation: GranteeRelation,
    pub notes: Option<String>,
}

/// A landlord as shown, with what the program has paid them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Landlord {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: LandlordDetails,
    pub units: u32,
    /// Incentives paid to this landlord, all units together.
    #[ts(type = "string")]
    pub incentives_paid: Money,
}

/// The landlord form as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct LandlordInput {
    pub name: String,
    pub organization: String,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub mailing_address: String,
    pub payee_name: String,
    pub payee_address: String,
    pub grantee_relation: String,
    pub notes: String,
}

impl LandlordInput {
    pub fn validate(&self) -> Result<LandlordDetails, ValidationErrors> {
        let mut c = Checker::new();
        let name = c.required_text("name", &self.name, "the landlord's name", 200);
        let organization = c.optional_text("organization", &self.organization, "the organization", 200);
        let role = c.choice::<LandlordRole>("role", &self.role, "whether they own the property or act for the owner");
        let phone = c.optional_phone("phone", &self.phone);
        let email = c.optional_email("email", &self.email);
        let mailing_address = c.optional_text("mailing_address", &self.mailing_address, "the mailing address", 500);
        let payee_name = c.optional_text("payee_name", &self.payee_name, "the payee's name", 200);
        let payee_address = c.optional_text("payee_address", &self.payee_address, "the payee's address", 500);
        let grantee_relation =
            c.choice::<GranteeRelation>("grantee_relation", &self.grantee_relation, "whether the grantee owns it");
        let notes = c.optional_text("notes", &self.notes, "the notes", 4_000);
        let details = (|| {
            Some(LandlordDetails {
                name,
                organization,
                role: role?,
                phone,
                email,
                mailing_address,
                payee_name,
                payee_address,
                grantee_relation: grantee_relation?,
                notes,
            })
        })();
        c.finish(details)
    }
}

/// The text a landlord is found by: name and organization, folded.
pub fn search_key(d: &LandlordDetails) -> String {
    fold(&format!("{} {}", d.name, d.organization.as_deref().unwrap_or("")))
}

/// Housing locators, office staff, supervisors and administrators work with
/// landlords; case managers see them but do not change them.
pub fn require_housing_role(session: &Session) -> Result<(), DeskError> {
    match session.role {
        Role::CaseManager => Err(DeskError::Forbidden(
            "Housing locators, office staff and supervisors keep the landlords and units.".into(),
        )),
        _ => Ok(()),
    }
}

pub fn create(
    store: &mut Store,
    session: &Session,
    input: &LandlordInput,
    when: Moment,
) -> Result<Landlord, DeskError> {
    require_housing_role(session)?;
    let details = input.validate()?;
    store.with_tx(|tx| {
        let id = db::landlords::insert(tx, &details, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Landlord,
            entity_id: Some(id),
            changes: audit::diff(None, &details, &[]),
        };
        db::audit::insert(tx, &entry, when.at)?;
        db::landlords::get(tx, id)?.ok_or(DeskError::NotFound("landlord"))
    })
}

pub fn update(
    store: &mut Store,
    session: &Session,
    id: i64,
    input: &LandlordInput,
    when: Moment,
) -> Result<Landlord, DeskError> {
    require_housing_role(session)?;
    let details = input.validate()?;
    store.with_tx(|tx| {
        let old = db::landlords::get(tx, id)?.ok_or(DeskError::NotFound("landlord"))?;
        let changes = audit::diff(Some(&old.details), &details, &[]);
        if changes.is_empty() {
            return Ok(old);
        }
        db::landlords::update(tx, id, &details, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Landlord,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        db::landlords::get(tx, id)?.ok_or(DeskError::NotFound("landlord"))
    })
}

pub fn get(store: &Store, id: i64) -> Result<Landlord, DeskError> {
    db::landlords::get(store.conn(), id)?.ok_or(DeskError::NotFound("landlord"))
}

/// Landlords whose name or organization contains `search` (case and accents
/// do not matter), by name.
pub fn list(store: &Store, search: &str) -> Result<Vec<Landlord>, DeskError> {
    Ok(db::landlords::list(store.conn(), &fold(search.trim()))?)
}

choices!(LandlordRole {
    Owner => "owner", "The owner";
    Agent => "agent", "The owner's designated agent";
});

choices!(GranteeRelation {
    None => "none", "Not related to the grantee";
    OwnedByGrantee => "owned_by_grantee", "The grantee owns the property";
    RelatedToGrantee => "related_to_grantee", "Related to the grantee (staff, board, affiliate)";
});

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> LandlordInput {
        LandlordInput {
            name: "Grace Adeyemi".into(),
            organization: "Lawndale Properties LLC".into(),
            role: "agent".into(),
            phone: "773 555 0190".into(),
            grantee_relation: "none".into(),
            ..Default::default()
        }
    }

    #[test]
    fn good_input_is_checked_and_found_by_folded_words() {
        let d = good().validate().unwrap();
        assert_eq!(d.phone.as_deref(), Some("(773) 555-0190"));
        assert_eq!(search_key(&d), "grace adeyemi lawndale properties llc");
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut i = good();
        i.name = " ".into();
        i.role = "tenant".into();
        i.email = "grace@".into();
        i.grantee_relation = "".into();
        let fields: Vec<_> = i.validate().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "role", "email", "grantee_relation"]);
    }
}
