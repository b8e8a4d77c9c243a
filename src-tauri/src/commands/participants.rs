//! Commands: the dashboard and participants.

use tauri::State;

use super::{lock, DeskState};
use crate::dashboard::{self, Dashboard, Scope};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::participants::{self, HousingCard, Participant, ParticipantInput, ParticipantPage, ParticipantQuery};

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn dashboard(state: State<'_, DeskState>, scope: Scope) -> Result<Dashboard, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(dashboard::dashboard(store, session, scope, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn list_participants(state: State<'_, DeskState>, query: ParticipantQuery) -> Result<ParticipantPage, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(participants::list_for(store, session, &query, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn get_participant(state: State<'_, DeskState>, id: i64) -> Result<Participant, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(participants::get(store, session, id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn housing_card(state: State<'_, DeskState>, id: i64) -> Result<HousingCard, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(participants::housing_card(store, session, id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn create_participant(state: State<'_, DeskState>, input: ParticipantInput) -> Result<Participant, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(participants::create(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn update_participant(
    state: State<'_, DeskState>,
    id: i64,
    input: ParticipantInput,
) -> Result<Participant, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(participants::update(store, &session, id, &input, Moment::now())?)
}
