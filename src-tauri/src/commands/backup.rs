//! Commands: backups of the records, from Settings.

use tauri::State;

use super::{lock, DeskState};
use crate::backup::{self, BackupMade};
use crate::desk::Moment;
use crate::error::ApiError;

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
