//! Finding, creating and unlocking the store at start-up: the key from the
//! keyring when it answers, else from the key file with the recovery
//! passphrase.

use super::key::{new_store_id, DatabaseKey, KeyError, KeyFile};
use super::keyring::{KeyVault, KeyringError};
use super::{Store, StoreError};
use crate::paths::DataLocation;

/// Where the key that opened the store came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Keyring,
    RecoveryPassphrase,
}

impl KeySource {
    pub fn label(self) -> &'static str {
        match self {
            KeySource::Keyring => "the system keyring",
            KeySource::RecoveryPassphrase => "the recovery passphrase",
        }
    }
}

/// Why the recovery passphrase is needed to open the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PassphraseReason {
    /// No keyring answers on this machine.
    KeyringUnavailable,
    /// The keyring answers but has no key for this database (a new OS
    /// profile, another machine, or the entry was deleted).
    KeyringEntryMissing,
    /// The keyring's key does not open this database.
    KeyringKeyWrong,
}

/// What start-up found.
#[derive(Debug)]
pub enum Opening {
    /// No database yet: first-run setup.
    NeedsSetup,
    /// A database exists; the recovery passphrase is needed to open it.
    NeedsPassphrase(PassphraseReason),
    /// Opened with the key from the keyring.
    Open(Store),
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Looks for the store and opens it with the keyring's key when it can.
/// A database that exists is never replaced: without its key file or its
/// key it is reported, not recreated.
pub fn find_store(location: &DataLocation, vault: &dyn KeyVault) -> Result<Opening, OpenError> {
    if !location.database().exists() {
        // A key file with no database beside it (and no setup under way)
        // means the database went missing: never start a new, empty one
        // over it without a word.
        if location.key_file().exists() && !location.partial_database().exists() {
            return Err(StoreError::Missing(location.database().display().to_string()).into());
        }
        return Ok(Opening::NeedsSetup);
    }
    let key_file = KeyFile::read(&location.key_file())?;
    let key = match vault.load(&key_file.store_id) {
        Ok(Some(key)) => key,
        Ok(None) => return Ok(Opening::NeedsPassphrase(PassphraseReason::KeyringEntryMissing)),
        Err(KeyringError::Damaged) => return Ok(Opening::NeedsPassphrase(PassphraseReason::KeyringKeyWrong)),
        Err(e @ KeyringError::Unavailable(_)) => {
            tracing::info!(error = %e, "keyring unavailable; the recovery passphrase is needed");
            return Ok(Opening::NeedsPassphrase(PassphraseReason::KeyringUnavailable));
        }
    };
    match Store::open(&location.database(), &key) {
        Ok(store) => {
            // The keyring's key still opens the database, so a key rotation
            // that left a pending key file never re-encrypted it.
            discard_stale_pending(location);
            Ok(Opening::Open(store))
        }
        Err(StoreError::WrongKey) => Ok(Opening::NeedsPassphrase(PassphraseReason::KeyringKeyWrong)),
        Err(e) => Err(e.into()),
    }
}

/// Opens the store with the recovery passphrase, then puts the key back in
/// the keyring so the next start needs no passphrase. Returns the store and
/// whether the keyring took the key.
pub fn open_with_passphrase(
    location: &DataLocation,
    vault: &dyn KeyVault,
    passphrase: &str,
) -> Result<(Store, bool), OpenError> {
    let mut key_file = KeyFile::read(&location.key_file())?;
    let mut key = key_file.unwrap_key(passphrase)?;
    let store = match Store::open(&location.database(), &key) {
        Ok(store) => {
            discard_stale_pending(location);
            store
        }
        Err(StoreError::WrongKey) if location.pending_key_file().exists() => {
            // A key rotation re-encrypted the database but stopped before
            // its new key file replaced the old one: finish it.
            let pending = KeyFile::read(&location.pending_key_file())?;
            let new_key = pending.unwrap_key(passphrase)?;
            let store = Store::open(&location.database(), &new_key)?;
            std::fs::rename(location.pending_key_file(), location.key_file()).map_err(StoreError::from)?;
            tracing::info!("finished a key rotation that had been interrupted");
            key_file = pending;
            key = new_key;
            store
        }
        Err(e) => return Err(e.into()),
    };
    let saved = match vault.save(&key_file.store_id, &key) {
        Ok(()) => true,
        Err(e) => {
            tracing::info!(error = %e, "could not put the database key back in the keyring");
            false
        }
    };
    Ok((store, saved))
}

/// First start: a new key, wrapped into the key file under the recovery
/// passphrase, kept in the keyring when one answers, and a new database
/// that `init` fills (the office and its first administrator). The database
/// is built under a temporary name and renamed into place only when `init`
/// succeeded, so an interrupted setup leaves no half-made store behind.
/// Returns the store and whether the keyring took the key.
pub fn create_store<E: From<OpenError>>(
    location: &DataLocation,
    vault: &dyn KeyVault,
    passphrase: &str,
    init: impl FnOnce(&mut Store) -> Result<(), E>,
) -> Result<(Store, bool), E> {
    let database = location.database();
    if database.exists() {
        return Err(OpenError::Store(StoreError::AlreadyExists(database.display().to_string())).into());
    }
    let io = |e: std::io::Error| E::from(OpenError::Store(StoreError::Io(e)));
    location.ensure_dir().map_err(io)?;
    let partial = location.partial_database();
    remove_database_files(&partial).map_err(io)?;

    let key = DatabaseKey::generate();
    let store_id = new_store_id();
    // The partial database first, so a key file never stands alone (which
    // start-up reads as a lost database), then the key file before any
    // record: a database must never exist without a way back in.
    let mut store = Store::create(&partial, &key).map_err(OpenError::from)?;
    KeyFile::wrap(&key, passphrase, &store_id).and_then(|f| f.write(&location.key_file())).map_err(OpenError::from)?;
    init(&mut store)?;
    store.close().map_err(OpenError::from)?;
    std::fs::rename(&partial, &database).map_err(io)?;
    let store = Store::open(&database, &key).map_err(OpenError::from)?;

    let saved = match vault.save(&store_id, &key) {
        Ok(()) => true,
        Err(e) => {
            tracing::info!(error = %e, "no keyring; the recovery passphrase will be asked at each start");
            false
        }
    };
    Ok((store, saved))
}

fn discard_stale_pending(location: &DataLocation) {
    let pending = location.pending_key_file();
    if pending.exists() {
        tracing::info!("removing the key file of a key rotation that never re-encrypted the database");
        let _ = std::fs::remove_file(pending);
    }
}

/// A database file and its write-ahead log companions (`-wal`, `-shm`).
pub(crate) fn database_files(path: &std::path::Path) -> [std::path::PathBuf; 3] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Removes a database file and its WAL companions, if they exist.
pub(crate) fn remove_database_files(path: &std::path::Path) -> std::io::Result<()> {
    for name in database_files(path) {
        match std::fs::remove_file(&name) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Whether a keyring answers on this machine, asked without touching any
/// real entry.
pub fn keyring_reachable(vault: &dyn KeyVault) -> bool {
    vault.load("housing-desk-probe").is_ok()
}
