//! Rotating the database key and changing the recovery passphrase, both
//! proved by the current recovery passphrase (the administrator's secret
//! that opens the records on any computer).
//!
//! Rotation order keeps a way in at every instant: the new key is wrapped
//! into `housing-desk.key.pending` first, then SQLCipher re-encrypts every
//! page (`PRAGMA rekey`, one transaction), then the pending file replaces
//! the key file, then the keyring takes the new key. A stop between the
//! re-encryption and the rename is finished at the next start by the
//! recovery passphrase ([`crate::store::open::open_with_passphrase`]); a
//! stop before the re-encryption leaves a stale pending file that is
//! removed. Backups made before a rotation keep their own key file, so they
//! open with the passphrase in use when they were made.

use crate::accounts;
use crate::error::DeskError;
use crate::paths::DataLocation;
use crate::store::backup as copies;
use crate::store::key::{DatabaseKey, KeyError, KeyFile};
use crate::store::keyring::KeyVault;
use crate::store::Store;
use crate::validation::{Checker, ValidationErrors};

/// The form for changing the recovery passphrase.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
pub struct PassphraseChange {
    pub passphrase: String,
    pub new_passphrase: String,
    pub new_passphrase_confirm: String,
}

/// Unwraps the data folder's key file with the current passphrase and
/// proves the key opens the live database.
fn current_key(store: &Store, location: &DataLocation, passphrase: &str) -> Result<(DatabaseKey, KeyFile), DeskError> {
    if passphrase.is_empty() {
        return Err(ValidationErrors::single("passphrase", "Enter the current recovery passphrase.").into());
    }
    let file = KeyFile::read(&location.key_file())?;
    let key = file.unwrap_key(passphrase).map_err(|e| match e {
        KeyError::WrongPassphrase => DeskError::from(ValidationErrors::single(
            "passphrase",
            "That is not the current recovery passphrase. Check it and try again.",
        )),
        other => other.into(),
    })?;
    if !copies::check_header(store.path(), &key)? {
        return Err(DeskError::Store(crate::store::StoreError::Invariant(
            "the key file's key does not open the open database".into(),
        )));
    }
    Ok((key, file))
}

/// Re-encrypts the database under a new random key and wraps it under the
/// same recovery passphrase. Returns whether the keyring took the new key
/// (without a keyring, the passphrase is asked at each start, as before).
pub fn rotate_key(
    store: &Store,
    location: &DataLocation,
    vault: &dyn KeyVault,
    passphrase: &str,
) -> Result<bool, DeskError> {
    let (_, file) = current_key(store, location, passphrase)?;
    let new_key = DatabaseKey::generate();
    let new_file = KeyFile::wrap(&new_key, passphrase, &file.store_id)?;
    new_file.write(&location.pending_key_file())?;
    if let Err(e) = copies::rekey(store.conn(), &new_key) {
        let _ = std::fs::remove_file(location.pending_key_file());
        return Err(e.into());
    }
    std::fs::rename(location.pending_key_file(), location.key_file()).map_err(crate::store::StoreError::from)?;
    Ok(match vault.save(&file.store_id, &new_key) {
        Ok(()) => true,
        Err(e) => {
            tracing::info!(error = %e, "the new key could not be put in the keyring");
            false
        }
    })
}

/// Wraps the database key under a new recovery passphrase. The database
/// itself does not change.
pub fn change_passphrase(store: &Store, location: &DataLocation, change: &PassphraseChange) -> Result<(), DeskError> {
    let mut c = Checker::new();
    if change.passphrase.is_empty() {
        c.add("passphrase", "Enter the current recovery passphrase.");
    }
    accounts::check_new_password(
        &mut c,
        "new_passphrase",
        "new_passphrase_confirm",
        &change.new_passphrase,
        &change.new_passphrase_confirm,
        "recovery passphrase",
    );
    if !c.has_error("new_passphrase") && !change.passphrase.is_empty() && change.new_passphrase == change.passphrase {
        c.add("new_passphrase", "Choose a new recovery passphrase that is different from the current one.");
    }
    c.finish(Some(()))?;
    let (key, file) = current_key(store, location, &change.passphrase)?;
    KeyFile::wrap(&key, &change.new_passphrase, &file.store_id)?.write(&location.key_file())?;
    Ok(())
}
