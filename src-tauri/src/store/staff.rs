//! Repository: staff accounts.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::accounts::{NewStaff, Role, StaffMember};
use crate::validation::Choice;

/// Inserts an account; `Ok(None)` when the username is taken.
pub fn insert(conn: &Connection, staff: &NewStaff, at: DateTime<Utc>) -> Result<Option<i64>, StoreError> {
    let now = timestamp(at);
    let inserted = conn.execute(
        "INSERT INTO staff (username, full_name, role, password_hash, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)
         ON CONFLICT(username) DO NOTHING",
        params![staff.username, staff.full_name, staff.role.code(), staff.password_hash, now],
    )?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

/// What signing in needs of an account: the account, its password hash
/// and how many sign-ins in a row have failed.
#[derive(Debug, Clone)]
pub struct SignInRecord {
    pub member: StaffMember,
    pub password_hash: String,
    pub failed_sign_ins: u32,
}

const MEMBER_COLUMNS: &str = "id, username, full_name, role, active, locked_until";

/// An account and its password hash, for signing in.
pub fn find_for_sign_in(conn: &Connection, username: &str) -> Result<Option<SignInRecord>, StoreError> {
    sign_in_record(conn, "username = ?1", username.trim())
}

/// The same for the account `id` (unlocking the window).
pub fn sign_in_record_of(conn: &Connection, id: i64) -> Result<Option<SignInRecord>, StoreError> {
    sign_in_record(conn, "id = ?1", id)
}

fn sign_in_record(
    conn: &Connection,
    filter: &str,
    value: impl rusqlite::ToSql,
) -> Result<Option<SignInRecord>, StoreError> {
    conn.query_row(
        &format!("SELECT {MEMBER_COLUMNS}, password_hash, failed_sign_ins FROM staff WHERE {filter}"),
        [value],
        |r| Ok((read_member(r), r.get::<_, String>(6)?, r.get::<_, u32>(7)?)),
    )
    .optional()?
    .map(|(member, password_hash, failed_sign_ins)| {
        Ok(SignInRecord { member: member?, password_hash, failed_sign_ins })
    })
    .transpose()
}

/// Records a failed sign-in: the new count, and the moment the account is
/// locked until when it is locked.
pub fn record_failed_sign_in(
    conn: &Connection,
    id: i64,
    failed_sign_ins: u32,
    locked_until: Option<DateTime<Utc>>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE staff SET failed_sign_ins = ?2, locked_until = COALESCE(?3, locked_until) WHERE id = ?1",
        params![id, failed_sign_ins, locked_until.map(timestamp)],
    )?;
    Ok(())
}

/// Clears the failed sign-ins and any lock (a sign-in that worked, or an
/// administrator unlocking the account).
pub fn clear_lock(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.execute("UPDATE staff SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?1", [id])?;
    Ok(())
}

/// Sets a new password hash (an administrator's reset); clears any lock.
pub fn set_password(conn: &Connection, id: i64, password_hash: &str, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let n = conn.execute(
        "UPDATE staff SET password_hash = ?2, failed_sign_ins = 0, locked_until = NULL, updated_at = ?3 WHERE id = ?1",
        params![id, password_hash, timestamp(at)],
    )?;
    Ok(n == 1)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<StaffMember>, StoreError> {
    conn.query_row(&format!("SELECT {MEMBER_COLUMNS} FROM staff WHERE id = ?1"), [id], |r| Ok(read_member(r)))
        .optional()?
        .transpose()
}

/// Every account, by name.
pub fn list(conn: &Connection) -> Result<Vec<StaffMember>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {MEMBER_COLUMNS} FROM staff ORDER BY full_name COLLATE NOCASE, id"))?;
    let rows = stmt.query_map([], |r| Ok(read_member(r)))?;
    rows.map(|r| r?).collect()
}

pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    super::count(conn, "SELECT count(*) FROM staff", [])
}

fn read_member(r: &Row<'_>) -> Result<StaffMember, StoreError> {
    let role: String = r.get(3)?;
    Ok(StaffMember {
        id: r.get(0)?,
        username: r.get(1)?,
        full_name: r.get(2)?,
        role: Role::from_code(&role).ok_or_else(|| StoreError::Invariant(format!("unknown role {role:?}")))?,
        active: r.get(4)?,
        locked_until: r.get(5)?,
    })
}
