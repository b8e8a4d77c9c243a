//! Commands: the program's reference figures.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::reference::{
    self, DeductionSetInput, DeductionSetView, FigureImport, ImportSummary, ReferenceTables, ScheduleImport,
    ScheduleView,
};

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn reference_tables(state: State<'_, DeskState>) -> Result<ReferenceTables, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(reference::tables(store, session)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn add_deduction_set(state: State<'_, DeskState>, input: DeductionSetInput) -> Result<DeductionSetView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reference::add_deduction_set(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn import_figures(state: State<'_, DeskState>, import: FigureImport) -> Result<ImportSummary, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reference::import_figures(store, &session, &import, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn utility_schedules(state: State<'_, DeskState>) -> Result<Vec<ScheduleView>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(reference::utility_schedules(store)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn import_utility_schedule(state: State<'_, DeskState>, import: ScheduleImport) -> Result<u32, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reference::import_utility_schedule(store, &session, &import, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn set_small_area_fmrs(state: State<'_, DeskState>, on: bool) -> Result<crate::desk::AppStatus, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    reference::set_small_area_fmrs(store, &session, on, Moment::now())?;
    Ok(desk.status()?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn add_program_limit(
    state: State<'_, DeskState>,
    input: reference::ProgramLimitInput,
) -> Result<reference::ProgramLimitView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reference::add_program_limit(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn set_office_contact(
    state: State<'_, DeskState>,
    input: crate::office::ContactInput,
) -> Result<crate::desk::AppStatus, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    crate::office::set_contact(store, &session, &input, crate::desk::Moment::now())?;
    Ok(desk.status()?)
}
