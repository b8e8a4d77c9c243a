//! Repository: the audit trail.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection};

use super::StoreError;
use crate::audit::AuditEntry;

/// Writes one audit entry; call it inside the transaction of the change.
pub fn insert(conn: &Connection, entry: &AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
    let changes = if entry.changes.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&entry.changes).map_err(|e| StoreError::Invariant(e.to_string()))?)
    };
    conn.execute(
        "INSERT INTO audit_log (at, staff_id, actor, action, entity, entity_id, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            timestamp(at),
            entry.actor.staff_id,
            entry.actor.name,
            entry.action.code(),
            entry.entity.code(),
            entry.entity_id,
            changes
        ],
    )?;
    Ok(())
}

/// One stored audit entry, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAuditEntry {
    pub at: String,
    pub staff_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub changes: Option<String>,
}

/// The newest entries first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<StoredAuditEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, staff_id, actor, action, entity, entity_id, changes
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(StoredAuditEntry {
            at: r.get(0)?,
            staff_id: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            changes: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    super::count(conn, "SELECT count(*) FROM audit_log", [])
}

/// Timestamps are stored as RFC 3339 UTC to the second.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
