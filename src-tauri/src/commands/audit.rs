//! Commands: the audit page and its CSV export.

use tauri::State;

use super::{lock, DeskState};
use crate::audit_trail::{self, AuditChoices, AuditExport, AuditPage, AuditQuery};
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

/// Writes every entry the filters choose as CSV where the person chooses in
/// the system's save dialog (opened here: the page never names a path).
/// Answers the path and how many entries, or `None` when cancelled.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn export_audit_trail(
    app: tauri::AppHandle,
    state: State<'_, DeskState>,
    query: AuditQuery,
) -> Result<Option<AuditExport>, ApiError> {
    let start_in = {
        let mut desk = lock(&state)?;
        let start_in = crate::paths::documents_dir(desk.location());
        let (_, session) = desk.signed_in()?;
        audit_trail::require_audit_role(session)?;
        start_in
    };
    let _ = std::fs::create_dir_all(&start_in);
    let name = format!("Audit trail {}.csv", Moment::now().today);
    let Some(path) = super::dialogs::save_path(&app, "Save the audit trail", &start_in, &name, ("CSV file", "csv"))
    else {
        return Ok(None);
    };
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let entries = audit_trail::export_csv(store, session, &query, &path, Moment::now())?;
    Ok(Some(AuditExport { path: path.display().to_string(), entries }))
}
