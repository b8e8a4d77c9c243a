//! Commands: first run, unlocking, signing in and out.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::{AppStatus, Moment, SetupRequest};
use crate::error::ApiError;
use crate::lists::Choices;

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn app_status(state: State<'_, DeskState>) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.status()?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn complete_setup(state: State<'_, DeskState>, request: SetupRequest) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.complete_setup(&request, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn unlock(state: State<'_, DeskState>, passphrase: String) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.unlock(&passphrase, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn sign_in(state: State<'_, DeskState>, username: String, password: String) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.sign_in(&username, &password, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn sign_out(state: State<'_, DeskState>) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.sign_out(Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn choices() -> Choices {
    crate::lists::choices()
}

/// Locks the window now (the staff member asked, or no one used it for a
/// while); what was typed stays on the page underneath.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn lock_window(state: State<'_, DeskState>) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.lock_window(Moment::now())?)
}

/// Unlocks the window with the signed-in staff member's password.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn unlock_window(state: State<'_, DeskState>, password: String) -> Result<AppStatus, ApiError> {
    Ok(lock(&state)?.unlock_window(&password, Moment::now())?)
}
