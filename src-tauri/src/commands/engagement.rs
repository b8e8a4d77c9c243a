//! Commands: engagement visits.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::Moment;
use crate::engagement::{self, EngagementOverview, Visit, VisitInput};
use crate::error::ApiError;

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn engagement(state: State<'_, DeskState>, participant_id: i64) -> Result<EngagementOverview, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(engagement::overview(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn log_visit(state: State<'_, DeskState>, participant_id: i64, input: VisitInput) -> Result<Visit, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(engagement::log_visit(store, &session, participant_id, &input, Moment::now())?)
}
