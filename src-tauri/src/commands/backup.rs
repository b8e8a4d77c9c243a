//! Commands: backups and restore, the database key and the recovery
//! passphrase, from Settings (and restore from the screens shown when no
//! one can sign in).

use tauri::State;

use super::{lock, DeskState};
use crate::backup::{self, BackupMade, BackupSchedule, ScheduleInput};
use crate::desk::{AppStatus, Moment};
use crate::error::ApiError;
use crate::keys::PassphraseChange;
use crate::restore::{BackupSummary, Restored};

/// Writes a backup folder inside `folder` (chosen in the system's folder
/// dialog).
#[tauri::command(async)]
#[tracing::instrument(skip(state, folder))]
pub fn backup_now(state: State<'_, DeskState>, folder: String) -> Result<BackupMade, ApiError> {
    let mut desk = lock(&state)?;
    let location = desk.location().clone();
    let (store, session) = desk.signed_in()?;
    Ok(backup::backup_from_window(store, session, &location, std::path::Path::new(&folder), Moment::now())?)
}

/// What the backup in `folder` says about itself, before anything is
/// replaced.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn inspect_backup(state: State<'_, DeskState>, folder: String) -> Result<BackupSummary, ApiError> {
    Ok(lock(&state)?.inspect_backup(std::path::Path::new(&folder))?)
}

/// Replaces the records with the backup in `folder` once it has passed
/// every check; everyone signs in again.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn restore_backup(state: State<'_, DeskState>, folder: String, passphrase: String) -> Result<Restored, ApiError> {
    let (status, done) = lock(&state)?.restore(std::path::Path::new(&folder), &passphrase, Moment::now())?;
    Ok(Restored { status, done })
}

/// Re-encrypts the database under a new key.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn rotate_key(state: State<'_, DeskState>, passphrase: String) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.rotate_key(&passphrase, Moment::now())?)
}

/// Changes the recovery passphrase.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn change_passphrase(state: State<'_, DeskState>, change: PassphraseChange) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.change_passphrase(&change, Moment::now())?)
}

/// The daily backup's settings and how its last run went.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn backup_schedule(state: State<'_, DeskState>) -> Result<BackupSchedule, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(backup::schedule(store, session)?)
}

/// Saves the daily backup's settings; writes the first one when it is due.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn save_backup_schedule(state: State<'_, DeskState>, input: ScheduleInput) -> Result<BackupSchedule, ApiError> {
    let mut desk = lock(&state)?;
    let location = desk.location().clone();
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(backup::save_schedule(store, &session, &location, &input, Moment::now())?)
}
