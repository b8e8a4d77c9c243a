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
