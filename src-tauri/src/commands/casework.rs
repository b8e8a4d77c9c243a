//! Commands: screening and the case (enrollment, case plan, stays, exit).

use tauri::State;

use super::{lock, DeskState};
use crate::casework::{self, Case, CaseChange};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::screening::{self, OverrideInput, ScreeningForm, ScreeningView, Step};

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn screening(state: State<'_, DeskState>, participant_id: i64) -> Result<ScreeningView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(screening::view(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, form))]
pub fn save_screening_step(
    state: State<'_, DeskState>,
    participant_id: i64,
    step: Step,
    form: ScreeningForm,
) -> Result<ScreeningView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(screening::save_step(store, &session, participant_id, step, &form, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, override_input))]
pub fn finish_screening(
    state: State<'_, DeskState>,
    participant_id: i64,
    override_input: Option<OverrideInput>,
) -> Result<ScreeningView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(screening::finish(store, &session, participant_id, override_input.as_ref(), Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn screen_again(state: State<'_, DeskState>, participant_id: i64) -> Result<ScreeningView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(screening::screen_again(store, &session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn case(state: State<'_, DeskState>, participant_id: i64) -> Result<Case, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(casework::case(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, change))]
pub fn change_case(state: State<'_, DeskState>, participant_id: i64, change: CaseChange) -> Result<Case, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(casework::change(store, &session, participant_id, &change, Moment::now())?)
}
