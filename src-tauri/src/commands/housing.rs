//! Commands: the housing locator's desk (landlords, units, inspections,
//! rent reasonableness, payment standard checks, incentives).

use tauri::State;

use super::{lock, DeskState};
use crate::attachments::{self, Attachment, AttachmentInput};
use crate::comparisons::{self, ComparisonInput, RentComparison};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::housing_documents;
use crate::incentives::{self, Incentive, IncentiveInput};
use crate::inspections::{self, ExtensionInput, Inspection, InspectionInput, Template};
use crate::landlords::{self, Landlord, LandlordInput};
use crate::payment_check::{self, CheckInput, CheckResult, PaymentStandardCheck};
use crate::units::{self, Unit, UnitInput, UnitPage, UnitQuery, UnitView};

#[tauri::command(async)]
#[tracing::instrument(skip(state, search))]
pub fn list_landlords(state: State<'_, DeskState>, search: String) -> Result<Vec<Landlord>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(landlords::list(store, &search)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn get_landlord(state: State<'_, DeskState>, id: i64) -> Result<(Landlord, Vec<Incentive>), ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok((landlords::get(store, id)?, incentives::for_landlord(store, id)?))
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn save_landlord(state: State<'_, DeskState>, id: Option<i64>, input: LandlordInput) -> Result<Landlord, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(match id {
        Some(id) => landlords::update(store, &session, id, &input, Moment::now())?,
        None => landlords::create(store, &session, &input, Moment::now())?,
    })
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn list_units(state: State<'_, DeskState>, query: UnitQuery) -> Result<UnitPage, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(units::list(store, &query, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn get_unit(state: State<'_, DeskState>, id: i64) -> Result<UnitView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(units::view(store, id, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn save_unit(state: State<'_, DeskState>, id: Option<i64>, input: UnitInput) -> Result<Unit, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(match id {
        Some(id) => units::update(store, &session, id, &input, Moment::now())?,
        None => units::create(store, &session, &input, Moment::now())?,
    })
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn inspection_template(state: State<'_, DeskState>) -> Result<Template, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(inspections::template(store)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn record_inspection(
    state: State<'_, DeskState>,
    unit_id: i64,
    input: InspectionInput,
) -> Result<Inspection, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(inspections::record(store, &session, unit_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn inspections_overview(state: State<'_, DeskState>) -> Result<Vec<crate::inspections::InspectionRow>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(inspections::overview(store, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn get_inspection(state: State<'_, DeskState>, id: i64) -> Result<Inspection, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(inspections::get(store, id)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn extend_follow_up(
    state: State<'_, DeskState>,
    inspection_id: i64,
    input: ExtensionInput,
) -> Result<Inspection, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(inspections::extend(store, &session, inspection_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn record_owner_refusal(state: State<'_, DeskState>, inspection_id: i64) -> Result<Inspection, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(inspections::owner_refused(store, &session, inspection_id, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn certify_rent(
    state: State<'_, DeskState>,
    unit_id: i64,
    input: ComparisonInput,
) -> Result<RentComparison, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(comparisons::certify(store, &session, unit_id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn work_out_payment_check(
    state: State<'_, DeskState>,
    unit_id: i64,
    input: CheckInput,
) -> Result<CheckResult, ApiError> {
    let mut desk = lock(&state)?;
    let (store, _) = desk.signed_in()?;
    Ok(payment_check::work_out(store, unit_id, &input, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn record_payment_check(
    state: State<'_, DeskState>,
    unit_id: i64,
    input: CheckInput,
) -> Result<PaymentStandardCheck, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(payment_check::record(store, &session, unit_id, &input, Moment::now())?)
}

/// Saves the inspection report as a PDF in the documents folder; answers where.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn print_inspection_report(state: State<'_, DeskState>, inspection_id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let (store, _) = desk.signed_in()?;
    let path = housing_documents::save(&dir, housing_documents::inspection_report(store, inspection_id)?)?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn print_deficiency_notice(state: State<'_, DeskState>, inspection_id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let (store, session) = desk.signed_in()?;
    let pdf = housing_documents::deficiency_notice(store, session, inspection_id, Moment::now().today)?;
    Ok(housing_documents::save(&dir, pdf)?.display().to_string())
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn print_rent_certification(state: State<'_, DeskState>, comparison_id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let (store, _) = desk.signed_in()?;
    let path = housing_documents::save(&dir, housing_documents::rent_certification(store, comparison_id)?)?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn add_attachment(state: State<'_, DeskState>, input: AttachmentInput) -> Result<Attachment, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(attachments::add(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn list_attachments(
    state: State<'_, DeskState>,
    entity: String,
    entity_id: i64,
) -> Result<Vec<Attachment>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(attachments::list(store, session, &entity, entity_id)?)
}

/// Writes a copy of a kept file into the documents folder; answers where.
#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn save_attachment_copy(state: State<'_, DeskState>, id: i64) -> Result<String, ApiError> {
    let mut desk = lock(&state)?;
    let dir = crate::paths::documents_dir(desk.location());
    let (store, session) = desk.signed_in()?;
    Ok(attachments::save_copy(store, session, id, &dir)?.display().to_string())
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn add_incentive(state: State<'_, DeskState>, unit_id: i64, input: IncentiveInput) -> Result<Incentive, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(incentives::add(store, &session, unit_id, &input, Moment::now())?)
}
