//! Repository: files kept with records.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::timestamp;
use super::StoreError;
use crate::attachments::Attachment;

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
    file_name: &str,
    media_type: &str,
    bytes: &[u8],
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO attachment (entity, entity_id, file_name, media_type, bytes, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![entity, entity_id, file_name, media_type, bytes, staff_id, timestamp(at)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn list(conn: &Connection, entity: &str, entity_id: i64) -> Result<Vec<Attachment>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.file_name, a.media_type, length(a.bytes), s.full_name, a.created_at
         FROM attachment a LEFT JOIN staff s ON s.id = a.staff_id
         WHERE a.entity = ?1 AND a.entity_id = ?2 ORDER BY a.id DESC",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], |r| {
        Ok(Attachment {
            id: r.get(0)?,
            file_name: r.get(1)?,
            media_type: r.get(2)?,
            size_bytes: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
            added_by: r.get(4)?,
            added_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A file's name and bytes.
/// The record a file is kept with: its entity code.
pub fn entity_of(conn: &Connection, id: i64) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT entity FROM attachment WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

pub fn bytes(conn: &Connection, id: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    Ok(conn
        .query_row("SELECT file_name, bytes FROM attachment WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}
