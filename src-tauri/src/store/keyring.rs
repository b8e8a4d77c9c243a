//! Where the database key is kept between starts: the OS keyring (Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows).
//!
//! Behind a small trait so the start-up logic can be tested against a keyring
//! that is unreachable, as on a machine with no Secret Service.

use super::key::DatabaseKey;

/// The keyring service under which Housing Desk keeps its entries; each store
/// has its own entry, named by the store id in its key file.
pub const SERVICE: &str = "Housing Desk database key";

#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// No keyring answers (no Secret Service, locked, denied).
    #[error("the system keyring cannot be reached: {0}")]
    Unavailable(String),
    /// The keyring holds something for this store that is not a key.
    #[error("the keyring entry for this database is damaged")]
    Damaged,
}

/// A place to keep the database key.
pub trait KeyVault: Send + Sync {
    /// The key for `store_id`, `None` when the keyring has no entry for it.
    fn load(&self, store_id: &str) -> Result<Option<DatabaseKey>, KeyringError>;
    fn save(&self, store_id: &str, key: &DatabaseKey) -> Result<(), KeyringError>;
    /// Removes the entry; no entry is not an error.
    fn delete(&self, store_id: &str) -> Result<(), KeyringError>;
}

/// The operating system's keyring, through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct OsKeyring {
    service: String,
}

impl OsKeyring {
    pub fn new() -> Self {
        Self { service: SERVICE.to_string() }
    }

    fn entry(&self, store_id: &str) -> Result<keyring::Entry, KeyringError> {
        keyring::Entry::new(&self.service, store_id).map_err(unavailable)
    }
}

impl Default for OsKeyring {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyVault for OsKeyring {
    fn load(&self, store_id: &str) -> Result<Option<DatabaseKey>, KeyringError> {
        match self.entry(store_id)?.get_secret() {
            Ok(bytes) => {
                let bytes = zeroize::Zeroizing::new(bytes);
                DatabaseKey::from_bytes(&bytes).map(Some).ok_or(KeyringError::Damaged)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn save(&self, store_id: &str, key: &DatabaseKey) -> Result<(), KeyringError> {
        self.entry(store_id)?.set_secret(key.as_bytes()).map_err(unavailable)
    }

    fn delete(&self, store_id: &str) -> Result<(), KeyringError> {
        match self.entry(store_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// A keyring that never answers: for machines and tests without one.
#[derive(Debug, Clone, Default)]
pub struct NoKeyring;

impl KeyVault for NoKeyring {
    fn load(&self, _: &str) -> Result<Option<DatabaseKey>, KeyringError> {
        Err(KeyringError::Unavailable("no keyring on this machine".into()))
    }
    fn save(&self, _: &str, _: &DatabaseKey) -> Result<(), KeyringError> {
        Err(KeyringError::Unavailable("no keyring on this machine".into()))
    }
    fn delete(&self, _: &str) -> Result<(), KeyringError> {
        Err(KeyringError::Unavailable("no keyring on this machine".into()))
    }
}

fn unavailable(e: keyring::Error) -> KeyringError {
    KeyringError::Unavailable(e.to_string())
}
