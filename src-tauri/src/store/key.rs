//! The database key and its recovery wrapping.
//!
//! The key is 32 random bytes given to SQLCipher as a raw key, so opening the
//! store costs no key derivation. It lives in the OS keyring
//! ([`super::keyring`]) and, wrapped, in a small key file beside the
//! database: XChaCha20-Poly1305 under a key derived from the administrator's
//! recovery passphrase by Argon2id with OWASP's parameters (19 MiB, 2
//! passes, 1 lane). The plain key never leaves this module except as the
//! `PRAGMA key` value handed to SQLCipher, is zeroed when dropped, and has no
//! `Debug` or `Display` that shows it.

use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Identifies the key file's layout; bumped if it ever changes.
const KEY_FILE_FORMAT: &str = "housing-desk-key/1";
/// OWASP Password Storage Cheat Sheet, Argon2id option 2 (the crate default).
const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
const ARGON2_ITERATIONS: u32 = 2;
const ARGON2_LANES: u32 = 1;
/// The shortest recovery passphrase accepted at setup.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the recovery passphrase does not match this database's key file")]
    WrongPassphrase,
    #[error("the key file {path} is missing")]
    KeyFileMissing { path: String },
    #[error("the key file {path} is damaged or not a Housing Desk key file: {reason}")]
    KeyFileDamaged { path: String, reason: String },
    #[error("the key file {path} could not be written: {source}")]
    KeyFileWrite { path: String, source: std::io::Error },
    #[error("key derivation failed: {0}")]
    Derivation(String),
}

/// The 32-byte database key. Zeroed on drop; never printed.
pub struct DatabaseKey(Zeroizing<[u8; 32]>);

impl DatabaseKey {
    /// A fresh random key from the operating system's generator.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    /// Rebuilds a key from the bytes kept in the keyring.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(Self(Zeroizing::new(array)))
    }

    /// The bytes, for the keyring only.
    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The value of `PRAGMA key` for a raw key: `x'<64 hex digits>'`.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0.as_ref())))
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(<redacted>)")
    }
}

/// The key file: the database key wrapped under the recovery passphrase.
/// Everything in it is safe to read; without the passphrase it opens nothing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeyFile {
    pub format: String,
    /// Names this store's entry in the OS keyring.
    pub store_id: String,
    pub kdf: KdfParams,
    pub cipher: String,
    pub nonce: String,
    pub wrapped_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KdfParams {
    pub algorithm: String,
    pub version: u32,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: String,
}

impl KeyFile {
    /// Wraps `key` under `passphrase` for the store named `store_id`.
    pub fn wrap(key: &DatabaseKey, passphrase: &str, store_id: &str) -> Result<Self, KeyError> {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let kdf = KdfParams {
            algorithm: "argon2id".into(),
            version: 0x13,
            memory_kib: ARGON2_MEMORY_KIB,
            iterations: ARGON2_ITERATIONS,
            parallelism: ARGON2_LANES,
            salt: B64.encode(salt),
        };
        let wrapping_key = derive_wrapping_key(passphrase, &kdf)?;
        let cipher = XChaCha20Poly1305::new(wrapping_key.as_ref().into());
        let wrapped = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.as_bytes(), aad: store_id.as_bytes() })
            .map_err(|_| KeyError::Derivation("wrapping the key failed".into()))?;
        Ok(Self {
            format: KEY_FILE_FORMAT.into(),
            store_id: store_id.into(),
            kdf,
            cipher: "xchacha20poly1305".into(),
            nonce: B64.encode(nonce),
            wrapped_key: B64.encode(wrapped),
        })
    }

    /// Recovers the database key; a wrong passphrase is refused, never guessed past.
    pub fn unwrap_key(&self, passphrase: &str) -> Result<DatabaseKey, KeyError> {
        let damaged = |reason: &str| KeyError::KeyFileDamaged { path: "key file".into(), reason: reason.into() };
        if self.format != KEY_FILE_FORMAT || self.cipher != "xchacha20poly1305" || self.kdf.algorithm != "argon2id" {
            return Err(damaged("unknown format"));
        }
        let nonce = B64.decode(&self.nonce).map_err(|_| damaged("bad nonce"))?;
        let wrapped = B64.decode(&self.wrapped_key).map_err(|_| damaged("bad wrapped key"))?;
        if nonce.len() != 24 {
            return Err(damaged("bad nonce length"));
        }
        let wrapping_key = derive_wrapping_key(passphrase, &self.kdf)?;
        let cipher = XChaCha20Poly1305::new(wrapping_key.as_ref().into());
        let plain = Zeroizing::new(
            cipher
                .decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: self.store_id.as_bytes() })
                .map_err(|_| KeyError::WrongPassphrase)?,
        );
        DatabaseKey::from_bytes(&plain).ok_or_else(|| damaged("wrapped key has the wrong length"))
    }

    /// Reads the key file at `path`.
    pub fn read(path: &Path) -> Result<Self, KeyError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => KeyError::KeyFileMissing { path: shown.clone() },
            _ => KeyError::KeyFileDamaged { path: shown.clone(), reason: e.to_string() },
        })?;
        serde_json::from_str(&text).map_err(|e| KeyError::KeyFileDamaged { path: shown, reason: e.to_string() })
    }

    /// Writes the key file atomically: a temporary file, synced, then renamed.
    pub fn write(&self, path: &Path) -> Result<(), KeyError> {
        let write_err = |source| KeyError::KeyFileWrite { path: path.display().to_string(), source };
        let text = serde_json::to_string_pretty(self).map_err(|e| write_err(std::io::Error::other(e)))?;
        let tmp = path.with_extension("key.tmp");
        {
            use std::io::Write;
            let mut file = std::fs::File::create(&tmp).map_err(write_err)?;
            file.write_all(text.as_bytes()).map_err(write_err)?;
            file.sync_all().map_err(write_err)?;
        }
        std::fs::rename(&tmp, path).map_err(write_err)
    }
}

/// A new random identifier for a store's keyring entry.
pub fn new_store_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn derive_wrapping_key(passphrase: &str, kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let salt = B64
        .decode(&kdf.salt)
        .map_err(|_| KeyError::KeyFileDamaged { path: "key file".into(), reason: "bad salt".into() })?;
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| KeyError::Derivation(e.to_string()))?;
    let version = Version::try_from(kdf.version).map_err(|e| KeyError::Derivation(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, version, params)
        .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
        .map_err(|e| KeyError::Derivation(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_then_unwrap_gives_the_same_key() {
        let key = DatabaseKey::generate();
        let file = KeyFile::wrap(&key, "correct horse battery", "store-1").unwrap();
        let back = file.unwrap_key("correct horse battery").unwrap();
        assert_eq!(key.as_bytes(), back.as_bytes(), "the recovered key must open the same database");
    }

    #[test]
    fn wrong_passphrase_is_refused() {
        let file = KeyFile::wrap(&DatabaseKey::generate(), "correct horse battery", "store-1").unwrap();
        assert!(matches!(file.unwrap_key("correct horse batterz"), Err(KeyError::WrongPassphrase)));
    }

    #[test]
    fn key_file_is_bound_to_its_store() {
        // Copying the wrapped key into another store's file must not work.
        let mut file = KeyFile::wrap(&DatabaseKey::generate(), "correct horse battery", "store-1").unwrap();
        file.store_id = "store-2".into();
        assert!(matches!(file.unwrap_key("correct horse battery"), Err(KeyError::WrongPassphrase)));
    }

    #[test]
    fn key_file_holds_no_plain_key() {
        let key = DatabaseKey::generate();
        let file = KeyFile::wrap(&key, "correct horse battery", "store-1").unwrap();
        let text = serde_json::to_string(&file).unwrap();
        assert!(!text.contains(&hex::encode(key.as_bytes())), "hex key must not appear");
        assert!(!text.contains(&B64.encode(key.as_bytes())), "base64 key must not appear");
        assert_eq!(file.kdf.memory_kib, 19456, "OWASP Argon2id memory");
        assert_eq!(file.kdf.iterations, 2, "OWASP Argon2id passes");
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = DatabaseKey::generate();
        let shown = format!("{key:?}");
        assert_eq!(shown, "DatabaseKey(<redacted>)");
    }

    #[test]
    fn pragma_value_is_a_raw_key() {
        let key = DatabaseKey::from_bytes(&[0xab; 32]).unwrap();
        assert_eq!(key.pragma_value().as_str(), format!("x'{}'", "ab".repeat(32)));
    }

    #[test]
    fn key_file_round_trips_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("housing-desk.key");
        let file = KeyFile::wrap(&DatabaseKey::generate(), "correct horse battery", "s").unwrap();
        file.write(&path).unwrap();
        assert_eq!(KeyFile::read(&path).unwrap(), file);
        assert!(matches!(KeyFile::read(&dir.path().join("nope.key")), Err(KeyError::KeyFileMissing { .. })));
        std::fs::write(&path, "{ not json").unwrap();
        assert!(matches!(KeyFile::read(&path), Err(KeyError::KeyFileDamaged { .. })));
    }
}
