//! The audit trail: who did what to which record, when, and what changed.
//! Every write records its entry in the same transaction as the change
//! (see `store::audit`), so a change without its entry cannot exist.

use serde::Serialize;
use ts_rs::TS;

/// Who acted: a signed-in staff member, or for a failed sign-in the
/// username that was tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub staff_id: Option<i64>,
    pub name: String,
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Create,
    Update,
    /// A row removed from a table the administrator keeps (a holiday);
    /// participants' records are never deleted.
    Delete,
    /// A copy of a record or report written outside the store (a disclosure).
    Export,
    SignIn,
    SignInFailed,
    SignOut,
    /// Opened with the recovery passphrase instead of the keyring.
    UnlockWithPassphrase,
    /// The database replaced by a backup (written in both: the one set
    /// aside and the one restored).
    Restore,
    /// The database re-encrypted under a new key.
    RotateKey,
    /// The recovery passphrase changed.
    ChangePassphrase,
    /// The window locked (no use for a while, or on demand) and unlocked.
    LockWindow,
    UnlockWindow,
    /// An account locked after five failed sign-ins in a row.
    AccountLocked,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Export => "export",
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignOut => "sign_out",
            AuditAction::UnlockWithPassphrase => "unlock_with_passphrase",
            AuditAction::Restore => "restore",
            AuditAction::RotateKey => "rotate_key",
            AuditAction::ChangePassphrase => "change_passphrase",
            AuditAction::LockWindow => "lock_window",
            AuditAction::UnlockWindow => "unlock_window",
            AuditAction::AccountLocked => "account_locked",
        }
    }
}

/// The kind of record acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Office,
    Staff,
    Participant,
    Session,
    IncomeCalculation,
    /// The program's reference figures (deductions, FMRs, income limits).
    ReferenceTable,
    /// A signature drawn on screen for a calculation's summary.
    Signature,
    EngagementVisit,
    Screening,
    Enrollment,
    CasePlanGoal,
    VocationalHours,
    Employment,
    Stay,
    WaitlistRegistration,
    Exit,
    /// A consent to disclose (42 CFR 2.31): recorded, then revoked; never deleted.
    Consent,
    Landlord,
    Unit,
    Inspection,
    RentComparison,
    PaymentStandardCheck,
    Incentive,
    Attachment,
    Lease,
    LeaseChange,
    Approval,
    Payment,
    PaymentRun,
    /// A report produced for DMH or the HMIS, or DMH's template.
    Report,
    /// The grant budget by eligible-cost category.
    GrantBudget,
    Holiday,
    /// A backup of the whole database.
    Backup,
    /// The database as a whole: its key, its recovery passphrase.
    Database,
}

impl Entity {
    pub fn code(self) -> &'static str {
        match self {
            Entity::Office => "office",
            Entity::Staff => "staff",
            Entity::Participant => "participant",
            Entity::Session => "session",
            Entity::IncomeCalculation => "income_calculation",
            Entity::ReferenceTable => "reference_table",
            Entity::Signature => "signature",
            Entity::EngagementVisit => "engagement_visit",
            Entity::Screening => "screening",
            Entity::Enrollment => "enrollment",
            Entity::CasePlanGoal => "case_plan_goal",
            Entity::VocationalHours => "vocational_hours",
            Entity::Employment => "employment",
            Entity::Stay => "stay",
            Entity::WaitlistRegistration => "waitlist_registration",
            Entity::Exit => "exit",
            Entity::Consent => "consent",
            Entity::Landlord => "landlord",
            Entity::Unit => "unit",
            Entity::Inspection => "inspection",
            Entity::RentComparison => "rent_comparison",
            Entity::PaymentStandardCheck => "payment_standard_check",
            Entity::Incentive => "incentive",
            Entity::Attachment => "attachment",
            Entity::Lease => "lease",
            Entity::LeaseChange => "lease_change",
            Entity::Approval => "approval",
            Entity::Payment => "payment",
            Entity::PaymentRun => "payment_run",
            Entity::Report => "report",
            Entity::GrantBudget => "grant_budget",
            Entity::Holiday => "holiday",
            Entity::Backup => "backup",
            Entity::Database => "database",
        }
    }
}

/// One field's change; `None` is an empty value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One entry of the audit trail, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: Actor,
    pub action: AuditAction,
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub changes: Vec<Change>,
}

/// The fields that differ between `old` and `new`, compared through their
/// serialized form so every record type is audited the same way. With no
/// `old`, every non-empty field of `new` is a change from nothing.
/// `skip` names fields that are not the record's content (ids, timestamps,
/// secrets such as password hashes).
pub fn diff<T: Serialize>(old: Option<&T>, new: &T, skip: &[&str]) -> Vec<Change> {
    let as_map = |v: &T| match serde_json::to_value(v) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let new_map = as_map(new);
    let old_map = old.map(as_map).unwrap_or_default();
    new_map
        .iter()
        .filter(|(field, _)| !skip.contains(&field.as_str()))
        .filter_map(|(field, new_value)| {
            let old_value = old_map.get(field).and_then(plain);
            let new_value = plain(new_value);
            (old_value != new_value).then(|| Change { field: field.clone(), old: old_value, new: new_value })
        })
        .collect()
}

fn plain(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Record {
        id: i64,
        name: String,
        phone: Option<String>,
        count: u32,
    }

    #[test]
    fn diff_lists_only_what_changed() {
        let old = Record { id: 1, name: "Ann".into(), phone: None, count: 2 };
        let new = Record { id: 1, name: "Anne".into(), phone: Some("312".into()), count: 2 };
        let changes = diff(Some(&old), &new, &["id"]);
        assert_eq!(
            changes,
            vec![
                Change { field: "name".into(), old: Some("Ann".into()), new: Some("Anne".into()) },
                Change { field: "phone".into(), old: None, new: Some("312".into()) },
            ]
        );
    }

    #[test]
    fn diff_of_a_new_record_lists_every_filled_field() {
        let new = Record { id: 7, name: "Ann".into(), phone: None, count: 0 };
        let fields: Vec<_> = diff(None, &new, &["id"]).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, ["name", "count"], "empty fields are not changes; skipped fields never appear");
    }
}
