//! Commands: the HMIS CSV export for a period, checked before it is kept.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::reports::hmis::{self, HmisResult};

/// Builds, checks and keeps the HMIS CSV export for `from`..=`to`, or
/// answers what to mend first.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn produce_hmis_export(state: State<'_, DeskState>, from: String, to: String) -> Result<HmisResult, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(hmis::produce_hmis(store, &session, &from, &to, Moment::now())?)
}
