//! Commands: staff accounts and what each role may do.

use tauri::State;

use super::{lock, DeskState};
use crate::accounts::{self, PasswordReset, StaffInput, StaffMember};
use crate::desk::AppStatus;
use crate::desk::Moment;
use crate::error::ApiError;
use crate::permissions::{self, RoleGrid};

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn list_staff(state: State<'_, DeskState>) -> Result<Vec<StaffMember>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(accounts::list_staff(store, session)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn add_staff(state: State<'_, DeskState>, input: StaffInput) -> Result<StaffMember, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(accounts::add_staff(store, &session, &input, Moment::now())?)
}

/// Unlocks an account locked after five failed sign-ins.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn unlock_staff(state: State<'_, DeskState>, staff_id: i64) -> Result<StaffMember, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(accounts::unlock_account(store, &session, staff_id, Moment::now())?)
}

/// Gives a staff account a new password (and unlocks it).
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn reset_staff_password(state: State<'_, DeskState>, reset: PasswordReset) -> Result<StaffMember, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(accounts::reset_password(store, &session, &reset, Moment::now())?)
}

/// Sets how many minutes without use lock the window.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn set_lock_after(state: State<'_, DeskState>, minutes: String) -> Result<AppStatus, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    accounts::set_lock_after(store, &session, &minutes, Moment::now())?;
    Ok(desk.status()?)
}

/// What each role may do, for the grid in Settings.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn role_permissions(state: State<'_, DeskState>) -> Result<RoleGrid, ApiError> {
    let mut desk = lock(&state)?;
    let (_, session) = desk.signed_in()?;
    Ok(permissions::role_grid(session)?)
}
