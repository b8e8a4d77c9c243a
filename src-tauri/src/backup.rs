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
    /// Written by the daily backup, which removes its own oldest copies
    /// (never one made by hand).
    #[serde(default)]
    pub automatic: bool,
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
    write_backup(store, location, into, actor, when, false)
}

fn write_backup(
    store: &Store,
    location: &DataLocation,
    into: &Path,
    actor: Actor,
    when: Moment,
    automatic: bool,
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
    let written = write_into(store, location, &partial, &actor, when, automatic);
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
    crate::accounts::require_administrator(session, "makes backups")?;
    make_backup(store, location, into, session.actor(), when)
}

/// The daily backup's name in the audit trail and in its manifests.
pub const AUTOMATIC_ACTOR: &str = "automatic daily backup";
/// How long a failed daily backup waits before it is tried again.
const RETRY_AFTER_MINUTES: i64 = 60;

/// The daily backup as Settings shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupSchedule {
    pub enabled: bool,
    pub folder: String,
    pub keep: u32,
    /// When the last backup on schedule was written (UTC, RFC 3339), and where.
    pub last_success_at: Option<String>,
    pub last_folder: Option<String>,
    /// When the last attempt was, and why it failed if it did.
    pub last_attempt_at: Option<String>,
    pub last_error: Option<String>,
}

impl From<db::backup::StoredSchedule> for BackupSchedule {
    fn from(s: db::backup::StoredSchedule) -> Self {
        Self {
            enabled: s.enabled,
            folder: s.folder,
            keep: s.keep,
            last_success_at: s.last_success_at,
            last_folder: s.last_folder,
            last_attempt_at: s.last_attempt_at,
            last_error: s.last_error,
        }
    }
}

/// The daily backup's form, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ScheduleInput {
    pub enabled: bool,
    pub folder: String,
    pub keep: String,
}

/// The daily backup's settings, for an administrator.
pub fn schedule(store: &Store, session: &crate::accounts::Session) -> Result<BackupSchedule, DeskError> {
    crate::accounts::require_administrator(session, "sees the daily backup")?;
    Ok(db::backup::schedule(store.conn())?.into())
}

/// Saves the daily backup's settings (checked, audited) and, when it is on
/// and none was written today, writes the first one at once, so turning it
/// on shows straight away whether the folder works.
pub fn save_schedule(
    store: &mut Store,
    session: &crate::accounts::Session,
    location: &DataLocation,
    input: &ScheduleInput,
    when: Moment,
) -> Result<BackupSchedule, DeskError> {
    crate::accounts::require_administrator(session, "sets the daily backup")?;
    let mut c = crate::validation::Checker::new();
    let folder = input.folder.trim();
    if input.enabled && folder.is_empty() {
        c.add("folder", "Choose the folder the daily backup is written in.");
    } else if !folder.is_empty() && !Path::new(folder).is_absolute() {
        c.add("folder", "Choose the folder with the folder button, so it is a full path.");
    } else if folder.chars().count() > 1024 {
        c.add("folder", "That folder's path is too long.");
    }
    let keep = match input.keep.trim().parse::<u32>() {
        Ok(n) if (1..=365).contains(&n) => Some(n),
        _ => {
            c.add("keep", "Enter how many daily backups to keep: a whole number from 1 to 365.");
            None
        }
    };
    let keep = c.finish(keep)?;
    let before = db::backup::schedule(store.conn())?;
    store.with_tx(|tx| {
        db::backup::save_schedule(tx, input.enabled, folder, keep)?;
        let shown = |enabled: bool, folder: &str, keep: u32| {
            format!("{}; {folder}; keep {keep}", if enabled { "on" } else { "off" })
        };
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Backup,
            entity_id: None,
            changes: vec![Change {
                field: "daily_backup".into(),
                old: Some(shown(before.enabled, &before.folder, before.keep)),
                new: Some(shown(input.enabled, folder, keep)),
            }],
        };
        db::audit::insert(tx, &entry, when.at)
    })?;
    // A failure is recorded and shown with the settings, not refused: the
    // settings are saved either way.
    let _ = run_scheduled(store, location, when);
    Ok(db::backup::schedule(store.conn())?.into())
}

/// Whether the daily backup should run at `when`: it is on, has a folder,
/// has not written today's backup, and did not fail within the last hour.
pub fn is_due(s: &db::backup::StoredSchedule, when: Moment) -> bool {
    if !s.enabled || s.folder.is_empty() {
        return false;
    }
    let today = when.today.to_string();
    if s.last_success_on.as_deref().is_some_and(|on| on >= today.as_str()) {
        return false;
    }
    match (&s.last_error, s.last_attempt_at.as_deref().and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok())) {
        (Some(_), Some(at)) => when.at.signed_duration_since(at) >= chrono::Duration::minutes(RETRY_AFTER_MINUTES),
        _ => true,
    }
}

/// Writes the daily backup when it is due, then removes the daily backups
/// beyond the number kept. Answers the backup written, if one was; a
/// failure is recorded for Settings and answered too.
pub fn run_scheduled(store: &Store, location: &DataLocation, when: Moment) -> Result<Option<BackupMade>, DeskError> {
    let s = db::backup::schedule(store.conn())?;
    if !is_due(&s, when) {
        return Ok(None);
    }
    let actor = Actor { staff_id: None, name: AUTOMATIC_ACTOR.into() };
    let at = when.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let into = Path::new(&s.folder);
    match write_backup(store, location, into, actor, when, true) {
        Ok(made) => {
            if let Err(e) = prune(into, s.keep) {
                tracing::warn!(error = %e, "removing old daily backups");
            }
            db::backup::record_attempt(store.conn(), &at, &when.today.to_string(), Ok(&made.folder))?;
            tracing::info!("the daily backup was written");
            Ok(Some(made))
        }
        Err(e) => {
            let why = crate::error::ApiError::from(e);
            let why = why.fields.first().map(|f| f.message.clone()).unwrap_or(why.message);
            tracing::warn!(problem = %why, "the daily backup failed");
            db::backup::record_attempt(store.conn(), &at, &when.today.to_string(), Err(&why))?;
            Err(ValidationErrors::single("folder", why).into())
        }
    }
}

/// Removes the oldest daily backups in `into` beyond the newest `keep`.
/// Backups made by hand, and anything that is not a whole backup folder
/// with a manifest saying it is a daily one, are never touched.
pub fn prune(into: &Path, keep: u32) -> std::io::Result<Vec<PathBuf>> {
    let mut daily: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(into)? {
        let path = entry?.path();
        let named = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("housing-desk-backup-") && !n.ends_with(".partial"));
        if named && path.is_dir() && read_manifest(&path).is_ok_and(|m| m.automatic) {
            daily.push(path);
        }
    }
    // The names carry the moment (YYYYMMDD-HHMMSS): newest last.
    daily.sort();
    let excess = daily.len().saturating_sub(keep as usize);
    let removed: Vec<PathBuf> = daily.into_iter().take(excess).collect();
    for path in &removed {
        std::fs::remove_dir_all(path)?;
    }
    Ok(removed)
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
    automatic: bool,
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
        automatic,
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn at(day: u32, hour: u32, minute: u32) -> Moment {
        Moment {
            at: Utc.with_ymd_and_hms(2026, 12, day, hour, minute, 0).unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
        }
    }

    fn on(folder: &str) -> db::backup::StoredSchedule {
        db::backup::StoredSchedule { enabled: true, folder: folder.into(), keep: 7, ..Default::default() }
    }

    #[test]
    fn the_daily_backup_is_due_once_a_day_and_retried_an_hour_after_a_failure() {
        assert!(!is_due(&db::backup::StoredSchedule::default(), at(4, 9, 0)), "off");
        assert!(!is_due(&on(""), at(4, 9, 0)), "no folder");
        assert!(is_due(&on("/media/usb"), at(4, 9, 0)), "never written");

        let mut s = on("/media/usb");
        s.last_success_on = Some("2026-12-04".into());
        s.last_attempt_at = Some("2026-12-04T09:00:00Z".into());
        assert!(!is_due(&s, at(4, 23, 59)), "written today");
        assert!(is_due(&s, at(5, 0, 1)), "a new day");

        s.last_error = Some("the disk is full".into());
        s.last_attempt_at = Some("2026-12-05T09:00:00Z".into());
        assert!(!is_due(&s, at(5, 9, 59)), "failed less than an hour ago");
        assert!(is_due(&s, at(5, 10, 0)), "an hour after a failure");
    }
}
