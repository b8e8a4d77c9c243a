//! The encrypted database: opening it with its key, migrations, and the one
//! transaction helper every write goes through. Only this module and its
//! repositories know SQL.

pub mod attachments;
pub mod attention;
pub mod audit;
pub mod backup;
pub mod charts;
pub mod comparisons;
pub mod consents;
pub mod hmis;
pub mod incentives;
pub mod inspections;
pub mod journey;
pub mod key;
pub mod keyring;
pub mod landlords;
pub mod leases;
pub mod ledger;
pub mod office;
pub mod open;
pub mod participants;
pub mod reference;
pub mod reports;
pub mod staff;
pub mod units;
pub mod visits;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, SchemaVersion, M};

use key::DatabaseKey;

/// The schema, one numbered SQL file per step, applied in order.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_init.sql")),
    M::up(include_str!("migrations/0002_reference_tables.sql")),
    M::up(include_str!("migrations/0003_calculation_effect.sql")),
    M::up(include_str!("migrations/0004_signatures.sql")),
    M::up(include_str!("migrations/0005_utility_schedules.sql")),
    M::up(include_str!("migrations/0006_small_area_fmrs.sql")),
    M::up(include_str!("migrations/0007_engagement_visits.sql")),
    M::up(include_str!("migrations/0008_participant_journey.sql")),
    M::up(include_str!("migrations/0009_locator_desk.sql")),
    M::up(include_str!("migrations/0010_office_contact.sql")),
    M::up(include_str!("migrations/0011_leases.sql")),
    M::up(include_str!("migrations/0012_ledger.sql")),
    M::up(include_str!("migrations/0013_ledger_indexes.sql")),
    M::up(include_str!("migrations/0014_holidays.sql")),
    M::up(include_str!("migrations/0015_demographics.sql")),
    M::up(include_str!("migrations/0016_reports.sql")),
    M::up(include_str!("migrations/0017_chart_indexes.sql")),
    M::up(include_str!("migrations/0018_backup_schedule.sql")),
    M::up(include_str!("migrations/0019_sign_in_lockout.sql")),
    M::up(include_str!("migrations/0020_consents.sql")),
    M::up(include_str!("migrations/0021_audit_views.sql")),
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the key does not open this database (or the file is not a Housing Desk database)")]
    WrongKey,
    #[error("the database file {0} does not exist")]
    Missing(String),
    #[error("the database file {0} already exists")]
    AlreadyExists(String),
    #[error("this database was made by a newer Housing Desk (schema {found}, this one knows {known})")]
    TooNew { found: usize, known: usize },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("schema migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the store is inconsistent: {0}")]
    Invariant(String),
    #[error("the database file is damaged: {0}")]
    Damaged(String),
}

/// What a storage failure means for the person at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageProblem {
    /// The disk (or the account's quota) is full.
    Full,
    /// The folder or the file may not be written: a read-only disk or
    /// missing permission.
    ReadOnly,
    /// Part of the file cannot be read back as it was written.
    Damaged,
}

impl StoreError {
    /// The storage problem behind this error, if it is one.
    pub fn storage_problem(&self) -> Option<StorageProblem> {
        use rusqlite::ErrorCode as C;
        let sqlite = |e: &rusqlite::Error| match e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DiskFull => Some(StorageProblem::Full),
                C::ReadOnly | C::PermissionDenied | C::CannotOpen => Some(StorageProblem::ReadOnly),
                C::DatabaseCorrupt => Some(StorageProblem::Damaged),
                _ => None,
            },
            _ => None,
        };
        let io = |e: &std::io::Error| match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Some(StorageProblem::Full),
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
                Some(StorageProblem::ReadOnly)
            }
            _ => None,
        };
        match self {
            StoreError::Damaged(_) => Some(StorageProblem::Damaged),
            StoreError::Sqlite(e) => sqlite(e),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => sqlite(err),
            StoreError::Io(e) => io(e),
            _ => None,
        }
    }
}

/// An open, unlocked, migrated database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Creates a new encrypted database at `path` (which must not exist) and
    /// brings it to the latest schema.
    pub fn create(path: &Path, key: &DatabaseKey) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.display().to_string()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::connect(path, key, flags)
    }

    /// Opens the existing encrypted database at `path` and applies any
    /// migrations this version adds.
    pub fn open(path: &Path, key: &DatabaseKey) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::connect(path, key, flags)
    }

    fn connect(path: &Path, key: &DatabaseKey, flags: OpenFlags) -> Result<Self, StoreError> {
        let mut conn = Connection::open_with_flags(path, flags)?;
        configure(&conn, key)?;
        migrate(&mut conn)?;
        Ok(Self { conn, path: path.to_path_buf() })
    }

    /// Closes the database, folding the write-ahead log into the main file.
    pub fn close(self) -> Result<(), StoreError> {
        self.conn.close().map_err(|(_, e)| StoreError::from(e))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        Ok(match Migrations::from_slice(MIGRATIONS).current_version(&self.conn)? {
            SchemaVersion::Inside(v) | SchemaVersion::Outside(v) => v.get(),
            SchemaVersion::NoneSet => 0,
        })
    }

    /// Runs `f` in an `IMMEDIATE` transaction: committed when it returns
    /// `Ok`, rolled back when it returns `Err` (or panics).
    pub fn with_tx<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

/// Runs a `SELECT count(*)` query.
pub(crate) fn count(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<u64, StoreError> {
    let n: i64 = conn.prepare_cached(sql)?.query_row(params, |r| r.get(0))?;
    u64::try_from(n).map_err(|_| StoreError::Invariant(format!("negative count {n}")))
}

/// A code of a closed list as stored in `table`, or the invariant it breaks.
pub(crate) fn code<T: crate::validation::Choice>(text: &str, table: &str) -> Result<T, StoreError> {
    T::from_code(text).ok_or_else(|| StoreError::Invariant(format!("unknown code {text:?} in the {table} table")))
}

/// An amount as stored in `table` (decimal text, never a float).
pub(crate) fn money(text: &str, table: &str) -> Result<crate::rules::Money, StoreError> {
    text.parse::<rust_decimal::Decimal>()
        .map(crate::rules::Money)
        .map_err(|_| StoreError::Invariant(format!("amount {text:?} in the {table} table")))
}

/// `%text%` for `LIKE … ESCAPE '\'`, with `%`, `_` and `\` escaped so typed
/// text matches literally.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The number of the newest schema this build knows.
pub fn latest_schema_version() -> usize {
    MIGRATIONS.len()
}

/// Gives `conn` the key and answers whether it opens the database. The
/// first read proves the key: a wrong one fails with SQLITE_NOTADB; any
/// other failure is answered as the error it is.
pub(crate) fn key_opens(conn: &Connection, key: &DatabaseKey) -> Result<bool, rusqlite::Error> {
    // Quiet SQLCipher's own logging, or a wrong key prints to stderr.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.pragma_update(None, "key", key.pragma_value().as_str())?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(true),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => Ok(false),
        Err(e) => Err(e),
    }
}

/// Every connection is set up here, key first.
fn configure(conn: &Connection, key: &DatabaseKey) -> Result<(), StoreError> {
    if !key_opens(conn, key)? {
        return Err(StoreError::WrongKey);
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Invariant(format!("journal mode is {mode}, not WAL")));
    }
    // 32 MiB of decrypted pages: lists and searches stay in memory.
    conn.pragma_update(None, "cache_size", -32_000)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let migrations = Migrations::from_slice(MIGRATIONS);
    if let SchemaVersion::Outside(v) = migrations.current_version(conn)? {
        return Err(StoreError::TooNew { found: v.get(), known: MIGRATIONS.len() });
    }
    migrations.to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        // rusqlite_migration checks every step applies cleanly on an empty database.
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
