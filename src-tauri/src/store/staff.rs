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

/// An account and its password hash, for signing in.
pub fn find_for_sign_in(conn: &Connection, username: &str) -> Result<Option<(StaffMember, String)>, StoreError> {
    conn.query_row(
        "SELECT id, username, full_name, role, active, password_hash FROM staff WHERE username = ?1",
        [username.trim()],
        |r| Ok((read_member(r), r.get::<_, String>(5)?)),
    )
    .optional()?
    .map(|(member, hash)| Ok((member?, hash)))
    .transpose()
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<StaffMember>, StoreError> {
    conn.query_row("SELECT id, username, full_name, role, active FROM staff WHERE id = ?1", [id], |r| {
        Ok(read_member(r))
    })
    .optional()?
    .transpose()
}

/// Every account, by name.
pub fn list(conn: &Connection) -> Result<Vec<StaffMember>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, username, full_name, role, active FROM staff ORDER BY full_name COLLATE NOCASE, id",
    )?;
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
    })
}
