//! Commands: the income and rent calculation on a participant.

use tauri::State;

use super::{lock, DeskState};
use crate::access;
use crate::desk::Moment;
use crate::error::ApiError;
use crate::income_calc::{self, CalculationForm, CalculationResult, IncomeStatus, SavedCalculation};
use crate::reference::FmrArea;
use crate::store as db;

#[tauri::command(async)]
#[tracing::instrument(skip(state, form))]
pub fn preview_calculation(
    state: State<'_, DeskState>,
    participant_id: i64,
    form: CalculationForm,
) -> Result<CalculationResult, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    access::require_record(store, session, participant_id)?;
    Ok(income_calc::preview(store, participant_id, &form)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, form))]
pub fn save_calculation(
    state: State<'_, DeskState>,
    participant_id: i64,
    form: CalculationForm,
) -> Result<SavedCalculation, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    access::require_case(store, &session, participant_id)?;
    Ok(income_calc::save(store, &session, participant_id, &form, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn calculation_history(
    state: State<'_, DeskState>,
    participant_id: i64,
) -> Result<Vec<SavedCalculation>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(income_calc::calculation_history(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn fmr_areas(state: State<'_, DeskState>) -> Result<Vec<FmrArea>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(db::reference::fmr_areas(store.conn()).map_err(crate::error::DeskError::from)?)
}

/// Saves the signed income calculation summary as a PDF in the documents
/// folder and answers where it is.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn print_income_summary(state: State<'_, DeskState>, calculation_id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let (store, session) = desk.signed_in()?;
    let path = income_calc::save_summary(store, session, calculation_id, Moment::now(), &dir)?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn income_status(state: State<'_, DeskState>, participant_id: i64) -> Result<IncomeStatus, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(income_calc::income_status(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, signature))]
pub fn sign_summary(
    state: State<'_, DeskState>,
    calculation_id: i64,
    signature: crate::signatures::SignatureInput,
) -> Result<crate::signatures::Signature, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    access::require_calculation(store, &session, calculation_id)?;
    Ok(crate::signatures::sign(store, &session, calculation_id, &signature, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn summary_signatures(
    state: State<'_, DeskState>,
    calculation_id: i64,
) -> Result<Vec<crate::signatures::Signature>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(crate::signatures::summary_signatures(store, session, calculation_id, Moment::now())?)
}
