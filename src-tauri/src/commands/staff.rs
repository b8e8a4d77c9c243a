//! Commands: staff accounts and what each role may do.

use tauri::State;

use super::{lock, DeskState};
use crate::accounts::{self, StaffInput, StaffMember};
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

/// What each role may do, for the grid in Settings.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn role_permissions(state: State<'_, DeskState>) -> Result<RoleGrid, ApiError> {
    let mut desk = lock(&state)?;
    let (_, session) = desk.signed_in()?;
    Ok(permissions::role_grid(session)?)
}
