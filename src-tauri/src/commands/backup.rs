//! Commands: backups and restore, the database key and the recovery
//! passphrase, from Settings (and restore from the screens shown when no
//! one can sign in).

use std::path::PathBuf;

use tauri::{AppHandle, State};

use super::dialogs::{self, Chosen};
use super::{lock, DeskState};
use crate::backup::{self, BackupMade, BackupSchedule, ScheduleInput};
use crate::desk::{AppStatus, Moment};
use crate::error::ApiError;
use crate::keys::PassphraseChange;
use crate::restore::{BackupSummary, Restored};

/// Writes a backup folder inside the folder the administrator chooses in
/// the system's folder dialog; `None` when the dialog was cancelled.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn backup_now(app: AppHandle, state: State<'_, DeskState>) -> Result<Option<BackupMade>, ApiError> {
    let start_in = {
        let mut desk = lock(&state)?;
        desk.signed_in()?;
        dialogs::beside(desk.location().dir())
    };
    let Some(folder) = dialogs::pick_folder(&app, "Choose where to write the backup", &start_in) else {
        return Ok(None);
    };
    let mut desk = lock(&state)?;
    let location = desk.location().clone();
    let (store, session) = desk.signed_in()?;
    Ok(Some(backup::backup_from_window(store, session, &location, &folder, Moment::now())?))
}

/// The backup folder chosen in the system's folder dialog and what it says
/// about itself, before anything is replaced; `None` when cancelled. The
/// folder is kept for [`restore_backup`].
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn choose_backup(
    app: AppHandle,
    state: State<'_, DeskState>,
    chosen: State<'_, Chosen>,
) -> Result<Option<BackupSummary>, ApiError> {
    let start_in = dialogs::beside(lock(&state)?.location().dir());
    let Some(folder) = dialogs::pick_folder(&app, "Choose the backup folder to restore", &start_in) else {
        return Ok(None);
    };
    let summary = lock(&state)?.inspect_backup(&folder);
    *chosen.backup.lock().map_err(|_| poisoned())? = Some(folder);
    Ok(Some(summary?))
}

/// Replaces the records with the backup chosen last, once it has passed
/// every check; everyone signs in again.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn restore_backup(
    state: State<'_, DeskState>,
    chosen: State<'_, Chosen>,
    passphrase: String,
) -> Result<Restored, ApiError> {
    let folder = chosen.backup.lock().map_err(|_| poisoned())?.clone().unwrap_or_default();
    let (status, done) = lock(&state)?.restore(&folder, &passphrase, Moment::now())?;
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

/// The daily backup's folder, chosen in the system's folder dialog and kept
/// for [`save_backup_schedule`]; `None` when cancelled.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn choose_daily_backup_folder(
    app: AppHandle,
    state: State<'_, DeskState>,
    chosen: State<'_, Chosen>,
) -> Result<Option<String>, ApiError> {
    let start_in = {
        let mut desk = lock(&state)?;
        let location = desk.location().clone();
        let (store, session) = desk.signed_in()?;
        let saved = backup::schedule(store, session)?.folder;
        if saved.is_empty() {
            dialogs::beside(location.dir())
        } else {
            PathBuf::from(saved)
        }
    };
    let Some(folder) = dialogs::pick_folder(&app, "Choose where the daily backup is written", &start_in) else {
        return Ok(None);
    };
    let shown = folder.display().to_string();
    *chosen.daily_folder.lock().map_err(|_| poisoned())? = Some(folder);
    Ok(Some(shown))
}

/// Saves the daily backup's settings; writes the first one when it is due.
/// Its folder must be the one saved before or the one just chosen in the
/// dialog: the page does not choose paths.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn save_backup_schedule(
    state: State<'_, DeskState>,
    chosen: State<'_, Chosen>,
    input: ScheduleInput,
) -> Result<BackupSchedule, ApiError> {
    let just_chosen = chosen.daily_folder.lock().map_err(|_| poisoned())?.clone();
    let mut desk = lock(&state)?;
    let location = desk.location().clone();
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    let saved = backup::schedule(store, &session)?.folder;
    let typed = input.folder.trim();
    let known =
        typed.is_empty() || typed == saved || just_chosen.as_ref().is_some_and(|c| c.display().to_string() == typed);
    if !known {
        return Err(crate::validation::ValidationErrors::single(
            "folder",
            "Choose the folder with \"Choose the folder…\".",
        )
        .into());
    }
    Ok(backup::save_schedule(store, &session, &location, &input, Moment::now())?)
}

fn poisoned() -> ApiError {
    ApiError::new(
        crate::error::ErrorCode::Internal,
        "Housing Desk hit an internal problem. Close it and open it again.",
    )
}
