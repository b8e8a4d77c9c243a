//! Restoring a backup. Nothing live is touched until the backup has proved
//! itself: its database matches the manifest's checksum, a key opens it
//! (this computer's, or the key file's under the recovery passphrase in use
//! when it was made, which is how a backup from another computer opens),
//! SQLCipher finds every page whole, SQLite's integrity check answers "ok",
//! and its schema is one this build knows (an older one is brought up to
//! date once restored). Only then is the current database moved aside,
//! whole, into `replaced/before-restore-<when>/` in the data folder, and the
//! backup put in its place. If anything fails on the way, the current
//! database goes back where it was.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::backup::{self, BackupManifest, DATABASE_FILE, KEY_FILE, MANIFEST_FILE};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::paths::DataLocation;
use crate::store::backup as copies;
use crate::store::key::{DatabaseKey, KeyError, KeyFile};
use crate::store::keyring::KeyVault;
use crate::store::open::{database_files, remove_database_files};
use crate::store::{Store, StoreError};
use crate::validation::ValidationErrors;

/// A backup found where the person pointed: a backup folder, or a database
/// file with its key file (and manifest, if any) beside it.
#[derive(Debug, Clone)]
pub struct BackupSource {
    pub database: PathBuf,
    pub key_file: Option<PathBuf>,
    pub manifest: Option<BackupManifest>,
}

/// What the window shows before anything is replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupSummary {
    /// The folder or file chosen.
    pub source: String,
    pub manifest: Option<BackupManifest>,
    /// Whether the backup carries its recovery key file.
    pub key_file_included: bool,
    /// Whether this computer's key opens it, so no passphrase is needed.
    pub opens_with_this_computers_key: bool,
}

/// A restore done: where from, and where the database it replaced is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreDone {
    pub restored_from: String,
    /// The folder holding the database (and key file) that was replaced;
    /// `None` when there was no database to replace.
    pub set_aside: Option<String>,
    #[ts(type = "number")]
    pub schema_version: u32,
    pub counts: Vec<backup::BackupCount>,
}

/// The answer to a restore from the window: where the app now stands (the
/// sign-in screen) and what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Restored {
    pub status: crate::desk::AppStatus,
    pub done: RestoreDone,
}

/// A backup checked and copied into the data folder, ready to swap in.
pub struct Prepared {
    source: BackupSource,
    key: DatabaseKey,
    /// The key file to keep beside the restored database.
    key_file: KeyFile,
    /// Whether `key_file` is the one already in the data folder.
    key_file_is_current: bool,
    schema_version: usize,
    counts: Vec<(String, u64)>,
}

/// Finds the backup at `path`: a backup folder (with `manifest.json`) or a
/// database file.
pub fn locate(path: &Path) -> Result<BackupSource, DeskError> {
    if path.as_os_str().is_empty() {
        return Err(ValidationErrors::single("folder", "Choose the backup to restore.").into());
    }
    let (folder, database) = if path.is_dir() {
        let database = path.join(DATABASE_FILE);
        if !database.is_file() {
            return Err(ValidationErrors::single(
                "folder",
                format!("{} is not a Housing Desk backup: it has no {DATABASE_FILE}.", path.display()),
            )
            .into());
        }
        (path.to_path_buf(), database)
    } else if path.is_file() {
        (path.parent().map(Path::to_path_buf).unwrap_or_default(), path.to_path_buf())
    } else {
        return Err(ValidationErrors::single("folder", format!("{} could not be found.", path.display())).into());
    };
    let manifest = if folder.join(MANIFEST_FILE).is_file() { Some(backup::read_manifest(&folder)?) } else { None };
    let key_file = Some(folder.join(KEY_FILE)).filter(|k| k.is_file());
    Ok(BackupSource { database, key_file, manifest })
}

/// Reads what a backup says about itself and whether this computer's key
/// opens it, without copying or changing anything.
pub fn inspect(location: &DataLocation, vault: &dyn KeyVault, path: &Path) -> Result<BackupSummary, DeskError> {
    let source = locate(path)?;
    let opens = this_computers_key(location, vault)
        .map(|(key, _)| matches!(copies::check_header(&source.database, &key), Ok(true)))
        .unwrap_or(false);
    Ok(BackupSummary {
        source: path.display().to_string(),
        manifest: source.manifest.clone(),
        key_file_included: source.key_file.is_some(),
        opens_with_this_computers_key: opens,
    })
}

/// Checks the backup at `path` and copies it to the data folder's
/// `housing-desk.db.restoring`, where it is checked again as the bytes that
/// will be used. Touches nothing live. Without `vault` (nobody could sign
/// in), only the recovery passphrase opens the backup.
pub fn prepare(
    location: &DataLocation,
    vault: Option<&dyn KeyVault>,
    path: &Path,
    passphrase: &str,
) -> Result<Prepared, DeskError> {
    let source = locate(path)?;
    if let Some(manifest) = &source.manifest {
        let sum = backup::sha256_of(&source.database).map_err(|e| unreadable(&source.database, &e))?;
        if sum != manifest.database_sha256 {
            return Err(ValidationErrors::single(
                "folder",
                "This backup's database does not match its manifest: it was changed or damaged after it was \
                 written. Choose another backup.",
            )
            .into());
        }
        if manifest.schema_version as usize > crate::store::latest_schema_version() {
            return Err(too_new());
        }
    }
    location.ensure_dir().map_err(StoreError::from)?;
    let restoring = location.restoring_database();
    remove_database_files(&restoring).map_err(StoreError::from)?;
    copy_synced(&source.database, &restoring).map_err(|e| unreadable(&source.database, &e))?;

    let result = choose_key(location, vault, &source, passphrase, &restoring).and_then(|chosen| {
        let checked = copies::check_copy(&restoring, &chosen.0).map_err(|e| copy_problem(e, passphrase))?;
        if let Some(manifest) = &source.manifest {
            let listed: Vec<(String, u64)> = manifest.counts.iter().map(|c| (c.table.clone(), c.rows)).collect();
            if listed != checked.counts {
                return Err(ValidationErrors::single(
                    "folder",
                    "This backup's records do not match the counts in its manifest. Choose another backup.",
                )
                .into());
            }
        }
        Ok((chosen, checked))
    });
    match result {
        Ok(((key, key_file, key_file_is_current), checked)) => Ok(Prepared {
            source,
            key,
            key_file,
            key_file_is_current,
            schema_version: checked.schema_version,
            counts: checked.counts,
        }),
        Err(e) => {
            let _ = remove_database_files(&restoring);
            Err(e)
        }
    }
}

/// Puts a prepared backup in place. The live store must be closed. The
/// database it replaces (with its write-ahead log and key file) is moved
/// whole into a new folder under `replaced/`; if the backup cannot be
/// opened in its place, everything is put back. Returns the opened store,
/// whether the keyring took the key, and what was done.
pub fn swap_in(
    location: &DataLocation,
    vault: &dyn KeyVault,
    prepared: Prepared,
    when: Moment,
) -> Result<(Store, bool, RestoreDone), DeskError> {
    let database = location.database();
    let set_aside = if database.exists() || location.key_file().exists() {
        let aside = location.replaced_dir().join(format!("before-restore-{}", when.at.format("%Y%m%d-%H%M%S")));
        std::fs::create_dir_all(&aside).map_err(StoreError::from)?;
        move_database_files(&database, &aside.join(DATABASE_FILE)).map_err(StoreError::from)?;
        if location.key_file().exists() {
            std::fs::copy(location.key_file(), aside.join(KEY_FILE)).map_err(StoreError::from)?;
        }
        Some(aside)
    } else {
        None
    };
    let put_back = |aside: &Option<PathBuf>| {
        let _ = remove_database_files(&database);
        if let Some(aside) = aside {
            let _ = move_database_files(&aside.join(DATABASE_FILE), &database);
            if aside.join(KEY_FILE).exists() {
                let _ = std::fs::copy(aside.join(KEY_FILE), location.key_file());
            }
            let _ = std::fs::remove_dir(aside);
        }
    };
    let opened = (|| -> Result<Store, DeskError> {
        std::fs::rename(location.restoring_database(), &database).map_err(StoreError::from)?;
        if !prepared.key_file_is_current {
            prepared.key_file.write(&location.key_file())?;
        }
        let _ = std::fs::remove_file(location.pending_key_file());
        Ok(Store::open(&database, &prepared.key)?)
    })();
    let store = match opened {
        Ok(store) => store,
        Err(e) => {
            tracing::error!(error = %e, "the restored database could not be opened; putting the old one back");
            put_back(&set_aside);
            return Err(e);
        }
    };
    let in_keyring = match vault.save(&prepared.key_file.store_id, &prepared.key) {
        Ok(()) => true,
        Err(e) => {
            tracing::info!(error = %e, "the restored database's key could not be put in the keyring");
            false
        }
    };
    let done = RestoreDone {
        restored_from: prepared.source.database.display().to_string(),
        set_aside: set_aside.map(|p| p.display().to_string()),
        schema_version: u32::try_from(prepared.schema_version).unwrap_or(u32::MAX),
        counts: prepared.counts.into_iter().map(|(table, rows)| backup::BackupCount { table, rows }).collect(),
    };
    Ok((store, in_keyring, done))
}

/// Removes a prepared copy that will not be used.
pub fn abandon(location: &DataLocation) {
    let _ = remove_database_files(&location.restoring_database());
}

/// The key in this computer's keyring for the data folder's key file.
fn this_computers_key(location: &DataLocation, vault: &dyn KeyVault) -> Option<(DatabaseKey, KeyFile)> {
    let current = KeyFile::read(&location.key_file()).ok()?;
    let key = vault.load(&current.store_id).ok().flatten()?;
    Some((key, current))
}

/// The key that opens the copy at `restoring`: this computer's first (so a
/// backup of this database needs no passphrase), else the backup's key file
/// under the passphrase, else the current key file under it.
fn choose_key(
    location: &DataLocation,
    vault: Option<&dyn KeyVault>,
    source: &BackupSource,
    passphrase: &str,
    restoring: &Path,
) -> Result<(DatabaseKey, KeyFile, bool), DeskError> {
    if let Some((key, current)) = vault.and_then(|v| this_computers_key(location, v)) {
        if matches!(copies::check_header(restoring, &key), Ok(true)) {
            return Ok((key, current, true));
        }
    }
    if passphrase.is_empty() {
        return Err(ValidationErrors::single(
            "passphrase",
            "This computer's key does not open this backup: it was made on another computer, or before the key \
             was changed. Enter the recovery passphrase that was in use when it was made.",
        )
        .into());
    }
    let mut candidates: Vec<(KeyFile, bool)> = Vec::new();
    if let Some(path) = &source.key_file {
        candidates.push((KeyFile::read(path).map_err(key_file_problem)?, false));
    }
    if let Ok(current) = KeyFile::read(&location.key_file()) {
        candidates.push((current, true));
    }
    if candidates.is_empty() {
        return Err(ValidationErrors::single(
            "folder",
            "This backup has no recovery key file (housing-desk.key) beside it, so nothing can open it here. \
             Choose a backup folder that has one.",
        )
        .into());
    }
    let mut passphrase_matched = false;
    for (file, is_current) in candidates {
        match file.unwrap_key(passphrase) {
            Ok(key) => {
                passphrase_matched = true;
                if matches!(copies::check_header(restoring, &key), Ok(true)) {
                    return Ok((key, file, is_current));
                }
            }
            Err(KeyError::WrongPassphrase) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(if passphrase_matched {
        ValidationErrors::single(
            "folder",
            "The recovery key file beside this backup does not open its database: they come from different \
             backups. Choose a backup folder as it was written.",
        )
    } else {
        ValidationErrors::single(
            "passphrase",
            "That is not the recovery passphrase of this backup. Enter the one that was in use when it was made.",
        )
    }
    .into())
}

fn copy_problem(e: StoreError, passphrase: &str) -> DeskError {
    match e {
        StoreError::Damaged(why) => {
            tracing::warn!(problem = %why, "a backup failed its checks");
            ValidationErrors::single(
                "folder",
                "This backup is damaged: some of its pages do not pass the checks. Nothing was replaced. \
                 Choose another backup.",
            )
            .into()
        }
        StoreError::TooNew { .. } => too_new(),
        StoreError::WrongKey if passphrase.is_empty() => ValidationErrors::single(
            "passphrase",
            "Enter the recovery passphrase that was in use when this backup was made.",
        )
        .into(),
        StoreError::WrongKey => ValidationErrors::single(
            "passphrase",
            "That is not the recovery passphrase of this backup. Enter the one that was in use when it was made.",
        )
        .into(),
        other => other.into(),
    }
}

fn key_file_problem(e: KeyError) -> DeskError {
    tracing::warn!(error = %e, "a backup's key file");
    ValidationErrors::single("folder", "The recovery key file in this backup is damaged. Choose another backup.").into()
}

fn too_new() -> DeskError {
    ValidationErrors::single(
        "folder",
        "This backup was made by a newer version of Housing Desk. Install the newer version to restore it.",
    )
    .into()
}

fn unreadable(path: &Path, e: &std::io::Error) -> DeskError {
    tracing::warn!(error = %e, "reading a backup");
    ValidationErrors::single("folder", format!("{} could not be read ({e}).", path.display())).into()
}

/// Copies `from` to `to` and makes sure the copy is on disk.
fn copy_synced(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to)?;
    std::fs::File::open(to)?.sync_all()
}

/// Moves a database file and its write-ahead log companions, if any.
fn move_database_files(from: &Path, to: &Path) -> std::io::Result<()> {
    for (a, b) in database_files(from).iter().zip(database_files(to).iter()) {
        if a.exists() {
            std::fs::rename(a, b)?;
        }
    }
    Ok(())
}
