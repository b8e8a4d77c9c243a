//! Commands: the program charts for the home page and the Reports page.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::reports::charts::{self, ProgramCharts};

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn program_charts(state: State<'_, DeskState>) -> Result<ProgramCharts, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(charts::program_charts(store, session, Moment::now().today)?)
}

/// Opens the system's print dialog for what the window shows (the webview
/// has no `window.print()` of its own here). The page decides what prints
/// through its print styles.
#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn print_page(state: State<'_, DeskState>, webview: tauri::Webview) -> Result<(), ApiError> {
    let mut desk = lock(&state)?;
    desk.signed_in()?;
    drop(desk);
    webview.print().map_err(|e| {
        tracing::warn!(error = %e, "opening the print dialog");
        ApiError::from(crate::error::DeskError::from(crate::validation::ValidationErrors::single(
            "print",
            "The print dialog could not be opened. Check that a printer is set up on this computer.",
        )))
    })
}
