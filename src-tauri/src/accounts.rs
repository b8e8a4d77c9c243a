//! Staff accounts: roles, passwords (Argon2id, never kept in plain text) and
//! the signed-in session.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// The shortest password accepted. NIST SP 800-63B asks for length over
/// complexity rules, so there are none beyond this.
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// What a staff member does in the office. What each may see and do is in
/// `permissions.rs`, checked before every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    OfficeStaff,
    HousingLocator,
    CaseManager,
    Supervisor,
    Administrator,
}

impl Choice for Role {
    const ALL: &'static [Self] =
        &[Role::OfficeStaff, Role::HousingLocator, Role::CaseManager, Role::Supervisor, Role::Administrator];
    fn code(self) -> &'static str {
        match self {
            Role::OfficeStaff => "office_staff",
            Role::HousingLocator => "housing_locator",
            Role::CaseManager => "case_manager",
            Role::Supervisor => "supervisor",
            Role::Administrator => "administrator",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Role::OfficeStaff => "Office staff",
            Role::HousingLocator => "Housing locator",
            Role::CaseManager => "Case manager",
            Role::Supervisor => "Supervisor",
            Role::Administrator => "Administrator",
        }
    }
}

/// A staff account as shown to people: never its password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffMember {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub active: bool,
    /// Until when (UTC, RFC 3339) the account is locked after five failed
    /// sign-ins; a past moment means it is no longer locked.
    pub locked_until: Option<String>,
}

/// The signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Session {
    #[ts(type = "number")]
    pub staff_id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
}

impl Session {
    pub fn actor(&self) -> crate::audit::Actor {
        crate::audit::Actor { staff_id: Some(self.staff_id), name: self.username.clone() }
    }
}

/// A new account as typed on a form.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StaffInput {
    pub full_name: String,
    pub username: String,
    pub role: String,
    pub password: String,
    pub password_confirm: String,
}

impl std::fmt::Debug for NewStaff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewStaff").field("username", &self.username).field("role", &self.role).finish_non_exhaustive()
    }
}

/// A checked new account, its password already hashed.
#[derive(Clone)]
pub struct NewStaff {
    pub full_name: String,
    pub username: String,
    pub role: Role,
    pub password_hash: String,
}

impl StaffInput {
    /// Checks every field into `c` and hashes the password when it is good.
    pub fn check(&self, c: &mut Checker) -> Option<NewStaff> {
        let full_name = c.required_text("full_name", &self.full_name, "the person's full name", 200);
        let username = self.username.trim().to_lowercase();
        if username.is_empty() {
            c.add("username", "Enter a username.");
        } else if username.chars().count() > 64
            || !username.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_'))
        {
            c.add("username", "A username is up to 64 letters, digits, dots, dashes or underscores, with no spaces.");
        }
        let role = c.choice::<Role>("role", &self.role, "a role");
        check_new_password(c, "password", "password_confirm", &self.password, &self.password_confirm, "password");
        if c.has_error("password") || c.has_error("password_confirm") {
            return None;
        }
        let password_hash = match hash_password(&self.password) {
            Ok(hash) => hash,
            Err(message) => {
                c.add("password", message);
                return None;
            }
        };
        Some(NewStaff { full_name, username, role: role?, password_hash })
    }

    pub fn validate(&self) -> Result<NewStaff, ValidationErrors> {
        let mut c = Checker::new();
        let staff = self.check(&mut c);
        c.finish(staff)
    }
}

/// Checks a new secret typed twice: long enough, not too long, the same both times.
pub fn check_new_password(c: &mut Checker, field: &str, confirm_field: &str, value: &str, confirm: &str, what: &str) {
    let length = value.chars().count();
    if value.is_empty() {
        c.add(field, format!("Enter a {what}."));
    } else if length < MIN_PASSWORD_CHARS {
        c.add(
            field,
            format!(
                "The {what} must be at least {MIN_PASSWORD_CHARS} characters. A short sentence is easy to remember."
            ),
        );
    } else if length > MAX_PASSWORD_CHARS {
        c.add(field, format!("The {what} must be {MAX_PASSWORD_CHARS} characters or fewer."));
    } else if value != confirm {
        c.add(confirm_field, format!("The two {what}s are not the same. Type it again."));
    }
}

/// Hashes a password with Argon2id (OWASP parameters) into a PHC string.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        "The password could not be stored. Try again.".to_string()
    })
}

/// Whether `password` matches the stored PHC hash.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the same time as checking a real password, so a sign-in with an
/// unknown username cannot be told apart by how long it takes.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("no such account here").unwrap_or_default());
    let _ = verify_password(password, hash);
}

/// Adds a staff account; administrators only.
pub fn add_staff(
    store: &mut Store,
    session: &Session,
    input: &StaffInput,
    when: Moment,
) -> Result<StaffMember, DeskError> {
    if session.role != Role::Administrator {
        return Err(DeskError::Forbidden("Only an administrator can add staff accounts.".into()));
    }
    let staff = input.validate()?;
    store.with_tx(|tx| {
        let Some(id) = db::staff::insert(tx, &staff, when.at)? else {
            return Err(ValidationErrors::single("username", "That username is taken. Choose another.").into());
        };
        let member = db::staff::get(tx, id)?.ok_or(DeskError::NotFound("staff account"))?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Staff,
            entity_id: Some(id),
            changes: audit::diff(None, &member, &["id"]),
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok(member)
    })
}

/// Failed sign-ins in a row that lock an account, and for how long
/// (issue 8; NIST SP 800-63B 5.2.2 asks that failed attempts be limited).
pub const MAX_FAILED_SIGN_INS: u32 = 5;
pub const LOCKOUT_MINUTES: i64 = 15;
/// The longest the window may stay unlocked without use, in minutes; the
/// administrator may shorten it.
pub const MAX_LOCK_AFTER_MINUTES: u32 = 15;

/// Until when an account whose lock is stored as `locked_until` is still
/// locked at `now`; `None` when it is not.
pub fn still_locked(locked_until: Option<&str>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let until = DateTime::parse_from_rfc3339(locked_until?).ok()?.with_timezone(&Utc);
    (until > now).then_some(until)
}

/// After one more failed sign-in: the count to keep and, on the fifth in a
/// row, the moment the account is locked until (the count starts again).
pub fn after_failed_sign_in(failed_before: u32, now: DateTime<Utc>) -> (u32, Option<DateTime<Utc>>) {
    let failed = failed_before.saturating_add(1);
    if failed >= MAX_FAILED_SIGN_INS {
        (0, Some(now + chrono::Duration::minutes(LOCKOUT_MINUTES)))
    } else {
        (failed, None)
    }
}

/// What a locked account is told, with the local time it opens again.
pub fn locked_message(until: DateTime<Utc>) -> String {
    let local = until.with_timezone(&chrono::Local).format("%-I:%M %p");
    format!(
        "This account is locked after {MAX_FAILED_SIGN_INS} sign-ins in a row that did not work. \
         Try again after {local}, or ask an administrator to unlock it."
    )
}

/// An administrator's new password for a staff account.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PasswordReset {
    #[ts(type = "number")]
    pub staff_id: i64,
    pub password: String,
    pub password_confirm: String,
}

/// Succeeds for an administrator; else refuses with "Only an administrator {what}."
pub fn require_administrator(session: &Session, what: &str) -> Result<(), DeskError> {
    if session.role != Role::Administrator {
        return Err(DeskError::Forbidden(format!("Only an administrator {what}.")));
    }
    Ok(())
}

/// Unlocks an account locked by failed sign-ins; administrators only.
pub fn unlock_account(
    store: &mut Store,
    session: &Session,
    staff_id: i64,
    when: Moment,
) -> Result<StaffMember, DeskError> {
    require_administrator(session, "unlocks staff accounts")?;
    store.with_tx(|tx| {
        let before = db::staff::get(tx, staff_id)?.ok_or(DeskError::NotFound("staff account"))?;
        db::staff::clear_lock(tx, staff_id)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Staff,
            entity_id: Some(staff_id),
            changes: vec![audit::Change { field: "locked_until".into(), old: before.locked_until.clone(), new: None }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok(db::staff::get(tx, staff_id)?.ok_or(DeskError::NotFound("staff account"))?)
    })
}

/// Sets a new password for a staff account (given to them in person) and
/// unlocks it; administrators only. The password itself is never audited.
pub fn reset_password(
    store: &mut Store,
    session: &Session,
    reset: &PasswordReset,
    when: Moment,
) -> Result<StaffMember, DeskError> {
    require_administrator(session, "resets passwords")?;
    let mut c = Checker::new();
    check_new_password(&mut c, "password", "password_confirm", &reset.password, &reset.password_confirm, "password");
    c.finish(Some(()))?;
    let hash = hash_password(&reset.password).map_err(|m| ValidationErrors::single("password", m))?;
    store.with_tx(|tx| {
        if !db::staff::set_password(tx, reset.staff_id, &hash, when.at)? {
            return Err(DeskError::NotFound("staff account"));
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Staff,
            entity_id: Some(reset.staff_id),
            changes: vec![audit::Change {
                field: "password".into(),
                old: None,
                new: Some("reset by an administrator".into()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok(db::staff::get(tx, reset.staff_id)?.ok_or(DeskError::NotFound("staff account"))?)
    })
}

/// Sets how many minutes without use lock the window (1 to 15);
/// administrators only.
pub fn set_lock_after(store: &mut Store, session: &Session, minutes: &str, when: Moment) -> Result<u32, DeskError> {
    require_administrator(session, "sets when the window locks")?;
    let minutes = match minutes.trim().parse::<u32>() {
        Ok(m) if (1..=MAX_LOCK_AFTER_MINUTES).contains(&m) => m,
        _ => {
            return Err(ValidationErrors::single(
                "lock_after_minutes",
                format!("Enter a whole number of minutes from 1 to {MAX_LOCK_AFTER_MINUTES}."),
            )
            .into())
        }
    };
    store.with_tx(|tx| {
        let before = db::office::lock_after_minutes(tx)?;
        db::office::set_lock_after_minutes(tx, minutes)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Office,
            entity_id: Some(1),
            changes: vec![audit::Change {
                field: "lock_after_minutes".into(),
                old: Some(before.to_string()),
                new: Some(minutes.to_string()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok(minutes)
    })
}

/// Every staff account; administrators and supervisors only.
pub fn list_staff(store: &Store, session: &Session) -> Result<Vec<StaffMember>, DeskError> {
    if !matches!(session.role, Role::Administrator | Role::Supervisor) {
        return Err(DeskError::Forbidden("Only administrators and supervisors can see staff accounts.".into()));
    }
    Ok(db::staff::list(store.conn())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(password: &str, confirm: &str) -> StaffInput {
        StaffInput {
            full_name: "Dana Reyes".into(),
            username: " DReyes ".into(),
            role: "case_manager".into(),
            password: password.into(),
            password_confirm: confirm.into(),
        }
    }

    #[test]
    fn the_fifth_failure_in_a_row_locks_for_fifteen_minutes() {
        let now = chrono::Utc::now();
        let mut failed = 0;
        for _ in 0..4 {
            let (n, lock) = after_failed_sign_in(failed, now);
            assert!(lock.is_none());
            failed = n;
        }
        assert_eq!(failed, 4);
        let (n, lock) = after_failed_sign_in(failed, now);
        assert_eq!((n, lock), (0, Some(now + chrono::Duration::minutes(15))));
        let until = lock.unwrap().to_rfc3339();
        assert!(still_locked(Some(&until), now + chrono::Duration::minutes(14)).is_some());
        assert!(still_locked(Some(&until), now + chrono::Duration::minutes(15)).is_none());
        assert!(still_locked(None, now).is_none());
        assert!(still_locked(Some("not a time"), now).is_none());
    }

    #[test]
    fn good_account_is_hashed_and_lowercased() {
        let staff = input("a long enough phrase", "a long enough phrase").validate().unwrap();
        assert_eq!(staff.username, "dreyes", "usernames are case-insensitive, kept lower-case");
        assert_eq!(staff.role, Role::CaseManager);
        assert!(staff.password_hash.starts_with("$argon2id$"), "Argon2id PHC string");
        assert!(!staff.password_hash.contains("a long enough phrase"));
        assert!(verify_password("a long enough phrase", &staff.password_hash));
        assert!(!verify_password("a long enough phrasE", &staff.password_hash));
    }

    #[test]
    fn password_rules_name_their_field() {
        let cases = [
            ("", "", "password"),
            ("short", "short", "password"),
            ("a long enough phrase", "a long enough phrasf", "password_confirm"),
        ];
        for (password, confirm, field) in cases {
            let errors = input(password, confirm).validate().unwrap_err().0;
            assert_eq!(errors.len(), 1, "{password:?}: one problem");
            assert_eq!(errors[0].field, field, "{password:?} is reported on {field}");
        }
    }

    #[test]
    fn bad_username_and_role_are_reported_together() {
        let mut i = input("a long enough phrase", "a long enough phrase");
        i.username = "dana reyes".into();
        i.role = "boss".into();
        let fields: Vec<_> = i.validate().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["username", "role"]);
    }
}
