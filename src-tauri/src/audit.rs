//! The audit trail: who did what to which record, when, and what changed.
//! Every write records its entry in the same transaction as the change
//! (see `store::audit`), so a change without its entry cannot exist.
//!
//! Every view of a participant's record is recorded too (HIPAA's audit
//! controls, 45 CFR 164.312(b)): the services that show a participant's
//! record, or a part of it, call [`record_view`] with the part shown, and
//! the lists of many participants call [`record_list_view`] with the query.
//! The trail cannot be changed or deleted: triggers in the store refuse it
//! (migration `0020_audit_views.sql`), and the app has no command that would.

use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Session;
use crate::desk::Moment;
use crate::error::DeskError;
use crate::store::{self as db, Store};

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
    /// A participant's record, or a part of it, shown on screen; or a list
    /// of participants (no id, the query in the changes).
    View,
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
            AuditAction::View => "view",
        }
    }

    /// Every action, in the order the audit page offers them.
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::View,
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Delete,
        AuditAction::Export,
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::SignOut,
        AuditAction::LockWindow,
        AuditAction::UnlockWindow,
        AuditAction::AccountLocked,
        AuditAction::UnlockWithPassphrase,
        AuditAction::Restore,
        AuditAction::RotateKey,
        AuditAction::ChangePassphrase,
    ];

    /// The words for people, as the audit page shows them.
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Create => "Added",
            AuditAction::Update => "Changed",
            AuditAction::Delete => "Removed",
            AuditAction::Export => "Printed or exported",
            AuditAction::SignIn => "Signed in",
            AuditAction::SignInFailed => "Failed to sign in",
            AuditAction::SignOut => "Signed out",
            AuditAction::UnlockWithPassphrase => "Opened with the recovery passphrase",
            AuditAction::Restore => "Restored a backup",
            AuditAction::RotateKey => "Changed the database key",
            AuditAction::ChangePassphrase => "Changed the recovery passphrase",
            AuditAction::LockWindow => "Locked the window",
            AuditAction::UnlockWindow => "Unlocked the window",
            AuditAction::AccountLocked => "Account locked",
            AuditAction::View => "Viewed",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.code() == code)
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
    /// The audit trail itself (its export to CSV).
    AuditTrail,
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
            Entity::AuditTrail => "audit_log",
        }
    }

    /// Every kind, in the order the audit page offers them.
    pub const ALL: &'static [Entity] = &[
        Entity::Participant,
        Entity::Screening,
        Entity::Enrollment,
        Entity::CasePlanGoal,
        Entity::VocationalHours,
        Entity::Employment,
        Entity::Stay,
        Entity::WaitlistRegistration,
        Entity::Exit,
        Entity::Consent,
        Entity::EngagementVisit,
        Entity::IncomeCalculation,
        Entity::Signature,
        Entity::Lease,
        Entity::LeaseChange,
        Entity::Approval,
        Entity::Payment,
        Entity::PaymentRun,
        Entity::Landlord,
        Entity::Unit,
        Entity::Inspection,
        Entity::RentComparison,
        Entity::PaymentStandardCheck,
        Entity::Incentive,
        Entity::Attachment,
        Entity::Report,
        Entity::GrantBudget,
        Entity::Holiday,
        Entity::ReferenceTable,
        Entity::Office,
        Entity::Staff,
        Entity::Session,
        Entity::Backup,
        Entity::Database,
        Entity::AuditTrail,
    ];

    /// The words for people, as the audit page shows them.
    pub fn label(self) -> &'static str {
        match self {
            Entity::Office => "Office",
            Entity::Staff => "Staff account",
            Entity::Participant => "Participant",
            Entity::Session => "Sign-in",
            Entity::IncomeCalculation => "Income calculation",
            Entity::ReferenceTable => "Program figures",
            Entity::Signature => "Signature",
            Entity::EngagementVisit => "Engagement visit",
            Entity::Screening => "Screening",
            Entity::Enrollment => "Enrollment",
            Entity::CasePlanGoal => "Case plan goal",
            Entity::VocationalHours => "Vocational hours",
            Entity::Employment => "Job",
            Entity::Stay => "Stay",
            Entity::WaitlistRegistration => "Waiting list",
            Entity::Exit => "Exit",
            Entity::Consent => "Consent to disclose",
            Entity::Landlord => "Landlord",
            Entity::Unit => "Unit",
            Entity::Inspection => "Inspection",
            Entity::RentComparison => "Rent comparison",
            Entity::PaymentStandardCheck => "Payment standard check",
            Entity::Incentive => "Landlord incentive",
            Entity::Attachment => "File",
            Entity::Lease => "Lease",
            Entity::LeaseChange => "Lease change",
            Entity::Approval => "DMH approval",
            Entity::Payment => "Payment",
            Entity::PaymentRun => "Payment run",
            Entity::Report => "Report",
            Entity::GrantBudget => "Grant budget",
            Entity::Holiday => "Holiday",
            Entity::Backup => "Backup",
            Entity::Database => "Database",
            Entity::AuditTrail => "Audit trail",
        }
    }

    pub fn from_code(code: &str) -> Option<Entity> {
        Entity::ALL.iter().copied().find(|e| e.code() == code)
    }
}

/// Which part of a participant's record was shown or printed: the `part`
/// of a view entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordPart {
    Record,
    HousingCard,
    Screening,
    Case,
    Engagement,
    IncomeCalculations,
    IncomeStatus,
    IncomeSummary,
    Signatures,
    Leases,
    Ledger,
    LeasePacket,
    Consents,
}

crate::validation::choices!(RecordPart {
    Record => "record", "record";
    HousingCard => "housing_card", "housing card";
    Screening => "screening", "screening";
    Case => "case", "case (plan, notes, stays, exit)";
    Engagement => "engagement", "engagement visits";
    IncomeCalculations => "income_calculations", "income calculations";
    IncomeStatus => "income_status", "income status";
    IncomeSummary => "income_summary", "income calculation summary";
    Signatures => "signatures", "signatures on the income summary";
    Leases => "leases", "leases";
    Ledger => "ledger", "payments ledger";
    LeasePacket => "lease_packet", "lease packet";
    Consents => "consents", "consents to disclose";
});

/// The field of a view entry that names the part shown.
pub const PART: &str = "part";
/// The field of a list view entry that names the list shown.
pub const LIST: &str = "list";

/// One field's change; `None` is an empty value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
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

/// Records that the signed-in staff member was shown `part` of participant
/// `participant_id`'s record: one INSERT, no transaction of its own, so a
/// view stays within the screen's budget. Call it after the service has
/// read what it shows (a refused or failed view is not recorded as seen).
pub fn record_view(
    store: &Store,
    session: &Session,
    participant_id: i64,
    part: RecordPart,
    when: Moment,
) -> Result<(), DeskError> {
    record_part(store, session, AuditAction::View, participant_id, part, when)
}

/// Records that part of a participant's record left the store as a
/// document (a PDF printed for them): an export, a disclosure.
pub fn record_print(
    store: &Store,
    session: &Session,
    participant_id: i64,
    part: RecordPart,
    when: Moment,
) -> Result<(), DeskError> {
    record_part(store, session, AuditAction::Export, participant_id, part, when)
}

/// Records that a list of many participants was shown: one entry without
/// an id whose changes describe the query (`list`, then each filter that
/// was set, the search text included: it stays inside the encrypted store
/// and the audit page is for supervisors and administrators only).
pub fn record_list_view(
    store: &Store,
    session: &Session,
    list: &str,
    filters: &[(&str, String)],
    when: Moment,
) -> Result<(), DeskError> {
    let mut changes = vec![Change { field: LIST.into(), old: None, new: Some(list.into()) }];
    changes.extend(filters.iter().filter(|(_, value)| !value.trim().is_empty()).map(|(field, value)| Change {
        field: (*field).into(),
        old: None,
        new: Some(value.clone()),
    }));
    let entry = AuditEntry {
        actor: session.actor(),
        action: AuditAction::View,
        entity: Entity::Participant,
        entity_id: None,
        changes,
    };
    Ok(db::audit::insert(store.conn(), &entry, when.at)?)
}

fn record_part(
    store: &Store,
    session: &Session,
    action: AuditAction,
    participant_id: i64,
    part: RecordPart,
    when: Moment,
) -> Result<(), DeskError> {
    use crate::validation::Choice;
    let entry = AuditEntry {
        actor: session.actor(),
        action,
        entity: Entity::Participant,
        entity_id: Some(participant_id),
        changes: vec![Change { field: PART.into(), old: None, new: Some(part.code().into()) }],
    };
    Ok(db::audit::insert(store.conn(), &entry, when.at)?)
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
