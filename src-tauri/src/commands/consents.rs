//! Commands: consents to disclose (42 CFR 2.31) on a participant's page, the
//! report of those missing or running out, and the notice of 42 CFR 2.32
//! that ends each disclosure, for Settings.

use tauri::State;

use super::{lock, DeskState};
use crate::consents::{self, Consent, ConsentInput, ConsentReport, ParticipantConsents, RevokeInput};
use crate::desk::Moment;
use crate::disclosure::{self, NoticeFile};
use crate::error::ApiError;

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn participant_consents(state: State<'_, DeskState>, participant_id: i64) -> Result<ParticipantConsents, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(consents::for_participant(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn record_consent(
    state: State<'_, DeskState>,
    participant_id: i64,
    input: ConsentInput,
) -> Result<Consent, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(consents::record(store, &session, participant_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn revoke_consent(state: State<'_, DeskState>, consent_id: i64, input: RevokeInput) -> Result<Consent, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(consents::revoke(store, &session, consent_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn consent_report(state: State<'_, DeskState>) -> Result<ConsentReport, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(consents::report(store, session, Moment::now().today)?)
}

/// The notice file (where it is, whether it is still the shipped words).
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn disclosure_notice(state: State<'_, DeskState>) -> Result<NoticeFile, ApiError> {
    let mut desk = lock(&state)?;
    let templates = crate::paths::templates_dir(desk.location());
    desk.signed_in()?;
    Ok(disclosure::notice_file_view(&templates)?)
}
