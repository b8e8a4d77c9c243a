//! Copies of the encrypted database: a consistent copy written while the
//! app runs, encrypted with the same key, and the record counts a backup's
//! manifest lists.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// The tables a backup manifest counts, in the order it lists them.
pub const COUNTED_TABLES: &[&str] =
    &["participant", "staff", "unit", "lease", "payment", "engagement_visit", "report", "audit_log"];

/// Writes a copy of the whole database to `dest` (which must not exist),
/// encrypted with the same key, and answers the record counts of that copy.
/// SQLCipher gives an attached database without a KEY clause the main
/// database's key, and `sqlcipher_export` copies the schema and every row;
/// both it and the counts run inside one read transaction, so the copy is
/// consistent and its counts are its own even while the window writes.
pub fn export_copy(conn: &Connection, dest: &Path) -> Result<Vec<(String, u64)>, StoreError> {
    if dest.exists() {
        return Err(StoreError::AlreadyExists(dest.display().to_string()));
    }
    let dest_text = dest.to_str().ok_or_else(|| StoreError::Invariant("the backup path is not valid text".into()))?;
    // The store's connection may not create files; an empty file is an
    // empty database to SQLite, which the export then fills.
    std::fs::File::create_new(dest)?;
    conn.execute("ATTACH DATABASE ?1 AS backup_copy", [dest_text])?;
    let exported = (|| -> Result<Vec<(String, u64)>, StoreError> {
        conn.execute_batch("BEGIN")?;
        let result = conn
            .query_row("SELECT sqlcipher_export('backup_copy')", [], |_| Ok(()))
            .map_err(StoreError::from)
            .and_then(|()| counts(conn));
        conn.execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
        let counted = result?;
        // The export copies the rows, not the schema version that
        // rusqlite_migration keeps in user_version.
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.execute_batch(&format!("PRAGMA backup_copy.user_version = {version}"))?;
        Ok(counted)
    })();
    let detached = conn.execute("DETACH DATABASE backup_copy", []);
    let counted = exported?;
    detached?;
    Ok(counted)
}

/// The number of rows in each counted table.
pub fn counts(conn: &Connection) -> Result<Vec<(String, u64)>, StoreError> {
    COUNTED_TABLES
        .iter()
        .map(|t| {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            Ok(((*t).to_string(), n.max(0) as u64))
        })
        .collect()
}
