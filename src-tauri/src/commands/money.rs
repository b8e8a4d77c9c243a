//! Commands: leases and their changes, the eligible-cost ledger with DMH's
//! approvals, and the monthly payment run.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::lease_documents::WordingFile;
use crate::leases::{self, Lease, LeaseChangeInput, LeaseInput, MoveInInput, MoveOutInput, NextParticipantInput};
use crate::ledger::{self, ApprovalInput, ApprovalRecord, LedgerView, Payment, PaymentInput, ReversalInput};
use crate::payment_run::{self, PaymentRun, RunSummary};

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn create_lease(state: State<'_, DeskState>, unit_id: i64, input: LeaseInput) -> Result<Lease, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(leases::create(store, &session, unit_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn unit_leases(state: State<'_, DeskState>, unit_id: i64) -> Result<Vec<Lease>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    crate::landlords::require_housing_role(session)?;
    Ok(leases::for_unit(store, unit_id, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn participant_leases(state: State<'_, DeskState>, participant_id: i64) -> Result<Vec<Lease>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(leases::participant_leases(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn record_move_in(state: State<'_, DeskState>, lease_id: i64, input: MoveInInput) -> Result<Lease, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(leases::record_move_in(store, &session, lease_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn change_lease(state: State<'_, DeskState>, lease_id: i64, input: LeaseChangeInput) -> Result<Lease, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(leases::change(store, &session, lease_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn move_out(state: State<'_, DeskState>, lease_id: i64, input: MoveOutInput) -> Result<Lease, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(leases::move_out(store, &session, lease_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn set_next_participant(
    state: State<'_, DeskState>,
    lease_id: i64,
    input: NextParticipantInput,
) -> Result<Lease, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(leases::set_next_participant(store, &session, lease_id, &input, Moment::now())?)
}

/// Saves the lease packet as one PDF in the documents folder; answers where.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn print_lease_packet(state: State<'_, DeskState>, lease_id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let templates = crate::paths::templates_dir(desk.location());
    let (store, session) = desk.signed_in()?;
    let path = crate::lease_documents::print_lease_packet(store, session, lease_id, Moment::now(), &templates, &dir)?;
    Ok(path.display().to_string())
}

/// The wording files of the HAP contract and the sublease, each checked.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn lease_wording(state: State<'_, DeskState>) -> Result<Vec<WordingFile>, ApiError> {
    let mut desk = lock(&state)?;
    let templates = crate::paths::templates_dir(desk.location());
    let (_, session) = desk.signed_in()?;
    crate::landlords::require_housing_role(session)?;
    Ok(crate::lease_documents::wording_files(&templates)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn participant_ledger(state: State<'_, DeskState>, participant_id: i64) -> Result<LedgerView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(ledger::participant_ledger(store, session, participant_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn unit_ledger(state: State<'_, DeskState>, unit_id: i64) -> Result<LedgerView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(ledger::unit_ledger(store, session, unit_id, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn office_ledger(
    state: State<'_, DeskState>,
    from: String,
    to: String,
    category: String,
) -> Result<LedgerView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(ledger::office_ledger(store, session, &from, &to, &category)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn record_payment(state: State<'_, DeskState>, input: PaymentInput) -> Result<Payment, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(ledger::record_payment(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn reverse_payment(
    state: State<'_, DeskState>,
    payment_id: i64,
    input: ReversalInput,
) -> Result<Payment, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(ledger::reverse(store, &session, payment_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn record_approval(
    state: State<'_, DeskState>,
    participant_id: i64,
    input: ApprovalInput,
) -> Result<ApprovalRecord, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(ledger::record_approval(store, &session, participant_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn payment_runs(state: State<'_, DeskState>) -> Result<Vec<RunSummary>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(payment_run::list(store, session)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn get_payment_run(state: State<'_, DeskState>, id: i64) -> Result<PaymentRun, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(payment_run::get(store, session, id)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn prepare_payment_run(state: State<'_, DeskState>, month: String) -> Result<PaymentRun, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(payment_run::prepare(store, &session, &month, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn approve_payment_run(state: State<'_, DeskState>, id: i64) -> Result<PaymentRun, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(payment_run::approve(store, &session, id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn post_payment_run(state: State<'_, DeskState>, id: i64, paid_on: String) -> Result<PaymentRun, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(payment_run::post(store, &session, id, &paid_on, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn discard_payment_run(state: State<'_, DeskState>, id: i64) -> Result<PaymentRun, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(payment_run::discard(store, &session, id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn set_run_line_amount(
    state: State<'_, DeskState>,
    run_id: i64,
    line_id: i64,
    amount: String,
) -> Result<PaymentRun, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(payment_run::set_line_amount(store, &session, run_id, line_id, &amount, Moment::now())?)
}

/// Saves the run's payment register as a PDF and its CSV export in the
/// documents folder; answers where the PDF is.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn print_payment_register(state: State<'_, DeskState>, id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let (store, session) = desk.signed_in()?;
    let (pdf, csv, notice) = crate::lease_documents::payment_register(store, session, id, Moment::now().today)?;
    crate::housing_documents::save(&dir, csv)?;
    if let Some(notice) = notice {
        crate::housing_documents::save(&dir, notice)?;
    }
    Ok(crate::housing_documents::save(&dir, pdf)?.display().to_string())
}
