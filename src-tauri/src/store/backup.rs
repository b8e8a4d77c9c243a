//! Copies of the encrypted database: a consistent copy written while the
//! app runs, encrypted with the same key, and the record counts a backup's
//! manifest lists.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::key::DatabaseKey;
use super::{key_opens, latest_schema_version, StoreError};

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

/// The number of rows in each counted table the database has (an older
/// schema may lack some).
pub fn counts(conn: &Connection) -> Result<Vec<(String, u64)>, StoreError> {
    let mut out = Vec::with_capacity(COUNTED_TABLES.len());
    for t in COUNTED_TABLES {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [t],
            |r| r.get(0),
        )?;
        if exists {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            out.push(((*t).to_string(), n.max(0) as u64));
        }
    }
    Ok(out)
}

/// What checking a database copy found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCopy {
    pub schema_version: usize,
    pub counts: Vec<(String, u64)>,
}

/// Checks the database at `path` with `key` before it is trusted, changing
/// nothing in it (no migrations): the key opens it, SQLCipher's check of
/// every page's HMAC finds no tampered or damaged page, SQLite's own
/// integrity check answers "ok", and its schema is one this build knows.
pub fn check_copy(path: &Path, key: &DatabaseKey) -> Result<CheckedCopy, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing(path.display().to_string()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    if !key_opens(&conn, key).map_err(damaged)? {
        return Err(StoreError::WrongKey);
    }
    let mut problems: Vec<String> = Vec::new();
    {
        let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").map_err(damaged)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(damaged)?;
        for row in rows {
            problems.push(row.map_err(damaged)?);
        }
    }
    if problems.is_empty() {
        let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(damaged)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(damaged)?;
        for row in rows {
            let row = row.map_err(damaged)?;
            if row != "ok" {
                problems.push(row);
            }
        }
    }
    if !problems.is_empty() {
        let shown: Vec<String> = problems.into_iter().take(5).collect();
        return Err(StoreError::Damaged(shown.join("; ")));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let schema_version = usize::try_from(version).map_err(|_| StoreError::Damaged(format!("schema {version}")))?;
    if schema_version > latest_schema_version() {
        return Err(StoreError::TooNew { found: schema_version, known: latest_schema_version() });
    }
    let counted = counts(&conn).map_err(|e| match e {
        StoreError::Sqlite(s) => damaged(s),
        other => other,
    })?;
    conn.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok(CheckedCopy { schema_version, counts: counted })
}

/// Whether `key` opens the database at `path` (reads its first page and
/// nothing more). Opened read-only when the file may not be written.
pub fn check_header(path: &Path, key: &DatabaseKey) -> Result<bool, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .or_else(|_| {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    })?;
    key_opens(&conn, key).map_err(damaged)
}

/// Re-encrypts the whole database under `new_key` (SQLCipher's `PRAGMA
/// rekey`, one transaction). The connection goes on working with the new key.
pub fn rekey(conn: &Connection, new_key: &DatabaseKey) -> Result<(), StoreError> {
    conn.pragma_update(None, "rekey", new_key.pragma_value().as_str())?;
    // Prove the new key took: a read that decrypts a page.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    Ok(())
}

/// The daily backup's settings and how its last attempt went, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredSchedule {
    pub enabled: bool,
    pub folder: String,
    pub keep: u32,
    pub last_success_on: Option<String>,
    pub last_success_at: Option<String>,
    pub last_folder: Option<String>,
    pub last_attempt_at: Option<String>,
    pub last_error: Option<String>,
}

/// The daily backup's settings (off, keeping 7, when never saved).
pub fn schedule(conn: &Connection) -> Result<StoredSchedule, StoreError> {
    use rusqlite::OptionalExtension;
    let found = conn
        .query_row(
            "SELECT enabled, folder, keep, last_success_on, last_success_at, last_folder, last_attempt_at, last_error
             FROM backup_schedule WHERE id = 1",
            [],
            |r| {
                Ok(StoredSchedule {
                    enabled: r.get(0)?,
                    folder: r.get(1)?,
                    keep: r.get(2)?,
                    last_success_on: r.get(3)?,
                    last_success_at: r.get(4)?,
                    last_folder: r.get(5)?,
                    last_attempt_at: r.get(6)?,
                    last_error: r.get(7)?,
                })
            },
        )
        .optional()?;
    Ok(found.unwrap_or(StoredSchedule { keep: 7, ..StoredSchedule::default() }))
}

/// Saves whether the daily backup runs, where, and how many it keeps.
pub fn save_schedule(conn: &Connection, enabled: bool, folder: &str, keep: u32) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO backup_schedule (id, enabled, folder, keep) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, folder = excluded.folder, keep = excluded.keep",
        rusqlite::params![enabled, folder, keep],
    )?;
    Ok(())
}

/// Records an attempt of the daily backup: its folder when it was written
/// (on the office's day `on`), else why not.
pub fn record_attempt(conn: &Connection, at: &str, on: &str, outcome: Result<&str, &str>) -> Result<(), StoreError> {
    match outcome {
        Ok(folder) => conn.execute(
            "UPDATE backup_schedule SET last_attempt_at = ?1, last_success_at = ?1, last_success_on = ?2,
                    last_folder = ?3, last_error = NULL WHERE id = 1",
            rusqlite::params![at, on, folder],
        )?,
        Err(why) => conn.execute(
            "UPDATE backup_schedule SET last_attempt_at = ?1, last_error = ?2 WHERE id = 1",
            rusqlite::params![at, why],
        )?,
    };
    Ok(())
}

/// A read error while checking a copy is the copy's damage, not the store's.
fn damaged(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) =>
        {
            StoreError::Damaged(e.to_string())
        }
        _ => StoreError::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store_with_rows(path: &Path, key: &DatabaseKey) -> Store {
        let mut store = Store::create(path, key).unwrap();
        store
            .with_tx(|tx| {
                tx.execute(
                    "INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-12-04T00:00:00Z', 'test', 'create', 'office')",
                    [],
                )
                .map_err(StoreError::from)
            })
            .unwrap();
        store
    }

    #[test]
    fn rekey_in_wal_mode_keeps_every_row_and_only_the_new_key_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let old = DatabaseKey::generate();
        let store = store_with_rows(&path, &old);
        let before = counts(store.conn()).unwrap();
        let new = DatabaseKey::generate();
        rekey(store.conn(), &new).unwrap();
        assert_eq!(counts(store.conn()).unwrap(), before, "the open connection reads on");
        store.close().unwrap();
        assert!(matches!(Store::open(&path, &old), Err(StoreError::WrongKey)));
        let reopened = Store::open(&path, &new).unwrap();
        assert_eq!(counts(reopened.conn()).unwrap(), before);
        let check: String = reopened.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
    }

    #[test]
    fn check_copy_tells_a_wrong_key_from_a_damaged_page() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let key = DatabaseKey::generate();
        store_with_rows(&path, &key).close().unwrap();
        let checked = check_copy(&path, &key).unwrap();
        assert_eq!(checked.schema_version, latest_schema_version());
        assert!(checked.counts.iter().any(|(t, n)| t == "audit_log" && *n == 1), "{:?}", checked.counts);
        assert!(matches!(check_copy(&path, &DatabaseKey::generate()), Err(StoreError::WrongKey)));

        // One flipped byte in the middle of the second page.
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096;
        assert!(bytes.len() > 2 * page);
        bytes[page + 1000] ^= 0x55;
        std::fs::write(&path, &bytes).unwrap();
        match check_copy(&path, &key) {
            Err(StoreError::Damaged(why)) => assert!(!why.is_empty()),
            other => panic!("a damaged page must be reported, got {other:?}"),
        }
    }
}
