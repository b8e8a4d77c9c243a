//! Backups of the records: a folder holding an encrypted, consistent copy
//! of the database, the recovery key file that opens it with the recovery
//! passphrase (on this computer or another), and a manifest saying when it
//! was made, by which version, with which schema, how many records of each
//! kind and the copy's checksum. Written while the app runs; nothing in it
//! is readable without the key or the passphrase.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::{Actor, AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::paths::DataLocation;
use crate::store::{self as db, Store, StoreError};
use crate::validation::ValidationErrors;

/// The manifest's file name inside a backup folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The database copy's file name inside a backup folder.
pub const DATABASE_FILE: &str = "housing-desk.db";
/// The recovery key file's name inside a backup folder.
pub const KEY_FILE: &str = "housing-desk.key";

/// What a backup holds, written beside it as `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupManifest {
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// Who made it.
    pub created_by: String,
    pub app_version: String,
    pub schema_version: u32,
    pub database_file: String,
    /// The copy's size in bytes.
    #[ts(type = "number")]
    pub database_bytes: u64,
    /// SHA-256 of the database copy, lowercase hex.
    pub database_sha256: String,
    /// Whether the recovery key file is in the folder (without it, only this
    /// computer's keyring opens the copy).
    pub key_file_included: bool,
    /// Rows per table at the moment of the copy.
    pub counts: Vec<BackupCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupCount {
    pub table: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// A backup written: its folder and its manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupMade {
    pub folder: String,
    pub manifest: BackupManifest,
}

/// Writes a backup folder (`housing-desk-backup-YYYYMMDD-HHMMSS`) inside
/// `into`, which is created if missing. The folder appears whole or not at
/// all: it is written under a temporary name and renamed when complete.
/// The backup itself is audited.
pub fn make_backup(
    store: &Store,
    location: &DataLocation,
    into: &Path,
    actor: Actor,
    when: Moment,
) -> Result<BackupMade, DeskError> {
    if into.as_os_str().is_empty() {
        return Err(ValidationErrors::single("folder", "Choose the folder to write the backup in.").into());
    }
    std::fs::create_dir_all(into).map_err(|e| folder_error(into, &e))?;
    let name = format!("housing-desk-backup-{}", when.at.format("%Y%m%d-%H%M%S"));
    let folder = into.join(&name);
    if folder.exists() {
        return Err(
            ValidationErrors::single("folder", "A backup was written there this very second; try again.").into()
        );
    }
    let partial = into.join(format!("{name}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(|e| folder_error(into, &e))?;
    }
    std::fs::create_dir(&partial).map_err(|e| folder_error(into, &e))?;
    let written = write_into(store, location, &partial, &actor, when);
    let manifest = match written {
        Ok(m) => m,
        Err(e) => {
            // A half-written backup is worse than none: it would look whole.
            let _ = std::fs::remove_dir_all(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, &folder).map_err(|e| folder_error(into, &e))?;
    let entry = AuditEntry {
        actor,
        action: AuditAction::Export,
        entity: Entity::Backup,
        entity_id: None,
        changes: vec![
            Change { field: "folder".into(), old: None, new: Some(folder.display().to_string()) },
            Change { field: "database_sha256".into(), old: None, new: Some(manifest.database_sha256.clone()) },
        ],
    };
    db::audit::insert(store.conn(), &entry, when.at)?;
    Ok(BackupMade { folder: folder.display().to_string(), manifest })
}

/// A backup made from the window by an administrator, in the folder they
/// chose.
pub fn backup_from_window(
    store: &Store,
    session: &crate::accounts::Session,
    location: &DataLocation,
    into: &Path,
    when: Moment,
) -> Result<BackupMade, DeskError> {
    if session.role != crate::accounts::Role::Administrator {
        return Err(DeskError::Forbidden("Only an administrator makes backups.".into()));
    }
    make_backup(store, location, into, session.actor(), when)
}

/// Reads a backup folder's manifest.
pub fn read_manifest(folder: &Path) -> Result<BackupManifest, DeskError> {
    let text = std::fs::read_to_string(folder.join(MANIFEST_FILE)).map_err(|_| {
        ValidationErrors::single("folder", "This folder is not a Housing Desk backup: it has no manifest.json.")
    })?;
    serde_json::from_str(&text)
        .map_err(|_| ValidationErrors::single("folder", "This backup's manifest.json is damaged.").into())
}

/// SHA-256 of a file, lowercase hex.
pub fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn write_into(
    store: &Store,
    location: &DataLocation,
    partial: &Path,
    actor: &Actor,
    when: Moment,
) -> Result<BackupManifest, DeskError> {
    let copy: PathBuf = partial.join(DATABASE_FILE);
    let counts = db::backup::export_copy(store.conn(), &copy)?;
    let key_file = location.key_file();
    let key_file_included = key_file.exists();
    if key_file_included {
        std::fs::copy(&key_file, partial.join(KEY_FILE)).map_err(StoreError::from)?;
    }
    let manifest = BackupManifest {
        created_at: when.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        created_by: actor.name.clone(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: u32::try_from(store.schema_version()?).unwrap_or(u32::MAX),
        database_file: DATABASE_FILE.into(),
        database_bytes: std::fs::metadata(&copy).map_err(StoreError::from)?.len(),
        database_sha256: sha256_of(&copy).map_err(StoreError::from)?,
        key_file_included,
        counts: counts.into_iter().map(|(table, rows)| BackupCount { table, rows }).collect(),
    };
    let text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| StoreError::Invariant(format!("the manifest could not be written: {e}")))?;
    std::fs::write(partial.join(MANIFEST_FILE), text).map_err(StoreError::from)?;
    Ok(manifest)
}

fn folder_error(into: &Path, e: &std::io::Error) -> DeskError {
    tracing::warn!(error = %e, "writing a backup");
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "this account may not write there",
        std::io::ErrorKind::StorageFull => "the disk is full",
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        _ => "the folder could not be written",
    };
    ValidationErrors::single("folder", format!("The backup could not be written in {} ({why}).", into.display())).into()
}
