//! Who may see and change what about a participant. The records hold
//! mental-health and substance-use information, so the services check these
//! rules themselves; the UI only hides what a role cannot use.
//!
//! - Office staff, supervisors and administrators see and edit every case.
//! - A case manager sees and edits the case notes of the participants
//!   assigned to them; of other participants they see the record and how
//!   engagement stands, never the notes.
//! - A housing locator sees what they need to house someone (name, contact,
//!   household and unit size, move date), never the case.

use crate::accounts::{Role, Session};
use crate::error::DeskError;
use crate::store::{self as db, Store};

/// How much of one participant's case a staff member may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAccess {
    /// The whole case, notes included, to read and to change.
    Full,
    /// The record and how engagement stands, without notes; no changes to the case.
    WithoutNotes,
    /// Only the housing card.
    HousingOnly,
}

/// The access `role` (staff member `staff_id`) has to a participant whose
/// assigned case manager is `case_manager`.
pub fn case_access(role: Role, staff_id: i64, case_manager: Option<i64>) -> CaseAccess {
    match role {
        Role::OfficeStaff | Role::Supervisor | Role::Administrator => CaseAccess::Full,
        Role::CaseManager if case_manager == Some(staff_id) => CaseAccess::Full,
        Role::CaseManager => CaseAccess::WithoutNotes,
        Role::HousingLocator => CaseAccess::HousingOnly,
    }
}

/// The signed-in staff member's access to participant `participant_id`
/// (which must exist).
pub fn access_to(store: &Store, session: &Session, participant_id: i64) -> Result<CaseAccess, DeskError> {
    let case_manager =
        db::participants::case_manager(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    Ok(case_access(session.role, session.staff_id, case_manager))
}

/// Succeeds when the signed-in staff member may read and change the case of
/// participant `participant_id`: notes, screening, case plan, stays.
pub fn require_case(store: &Store, session: &Session, participant_id: i64) -> Result<(), DeskError> {
    match access_to(store, session, participant_id)? {
        CaseAccess::Full => Ok(()),
        CaseAccess::WithoutNotes => Err(DeskError::Forbidden(
            "Only the participant's case manager, office staff or a supervisor can see or change their case.".into(),
        )),
        CaseAccess::HousingOnly => Err(housing_only()),
    }
}

/// Succeeds unless the staff member is a housing locator: the participant's
/// record (referral, status) and how engagement stands.
pub fn require_record(store: &Store, session: &Session, participant_id: i64) -> Result<CaseAccess, DeskError> {
    match access_to(store, session, participant_id)? {
        CaseAccess::HousingOnly => Err(housing_only()),
        other => Ok(other),
    }
}

/// Succeeds when the staff member may see the participant's record that
/// saved income calculation `calculation_id` belongs to (its summary and
/// signatures).
pub fn require_calculation(store: &Store, session: &Session, calculation_id: i64) -> Result<(), DeskError> {
    let calculation =
        db::reference::calculation(store.conn(), calculation_id)?.ok_or(DeskError::NotFound("calculation"))?;
    require_record(store, session, calculation.participant_id).map(|_| ())
}

/// Succeeds for roles that may add or change participants' records.
pub fn require_records_role(session: &Session) -> Result<(), DeskError> {
    match session.role {
        Role::HousingLocator => Err(housing_only()),
        _ => Ok(()),
    }
}

/// Why a housing locator is refused a participant's record or case; the
/// permission table's gate says the same.
pub const HOUSING_CARD_ONLY: &str =
    "Housing locators see a participant's housing card (name, contact, unit size, move date), not their case.";

fn housing_only() -> DeskError {
    DeskError::Forbidden(HOUSING_CARD_ONLY.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_reaches_what_it_needs() {
        let me = 7;
        let cases = [
            (Role::OfficeStaff, None, CaseAccess::Full),
            (Role::Supervisor, Some(3), CaseAccess::Full),
            (Role::Administrator, Some(3), CaseAccess::Full),
            (Role::CaseManager, Some(me), CaseAccess::Full),
            (Role::CaseManager, Some(3), CaseAccess::WithoutNotes),
            (Role::CaseManager, None, CaseAccess::WithoutNotes),
            (Role::HousingLocator, Some(me), CaseAccess::HousingOnly),
            (Role::HousingLocator, None, CaseAccess::HousingOnly),
        ];
        for (role, case_manager, want) in cases {
            assert_eq!(case_access(role, me, case_manager), want, "{role:?} with case manager {case_manager:?}");
        }
    }
}
