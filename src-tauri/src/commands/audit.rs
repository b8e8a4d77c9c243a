//! Commands: the audit page and its CSV export.

use tauri::State;

use super::{lock, DeskState};
use crate::audit_trail::{self, AuditChoices, AuditPage, AuditQuery};
use crate::desk::Moment;
use crate::error::ApiError;

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn audit_trail(state: State<'_, DeskState>, query: AuditQuery) -> Result<AuditPage, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(audit_trail::page(store, session, &query)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn audit_choices(state: State<'_, DeskState>) -> Result<AuditChoices, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(audit_trail::choices(store, session)?)
}

/// Writes the entries the filters choose, every page, as CSV to the path
/// chosen in the system's save dialog; answers how many.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn export_audit_trail(state: State<'_, DeskState>, query: AuditQuery, path: String) -> Result<u64, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(audit_trail::export_csv(store, session, &query, std::path::Path::new(&path), Moment::now())?)
}
