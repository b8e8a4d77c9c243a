//! Commands: the reports, their due dates and history, DMH's template, the
//! grant budget and the office's holidays.

use tauri::State;

use super::{lock, DeskState};
use crate::desk::Moment;
use crate::error::ApiError;
use crate::reports::budget::{self, BudgetInput, BudgetView};
use crate::reports::holidays::{self, Holiday, HolidayInput};
use crate::reports::mapping::{self, MappingInput, TemplateView};
use crate::reports::{
    self, DueReport, MonthlyPreview, QuarterlyFormat, QuarterlyPreview, ReportKind, ReportRecord, SubmittedInput,
    TemplateFileInput,
};

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn reports_due(state: State<'_, DeskState>) -> Result<Vec<DueReport>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(reports::due(store, session, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn monthly_report_preview(state: State<'_, DeskState>, month: String) -> Result<MonthlyPreview, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(reports::monthly_preview(store, session, &month, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn produce_monthly_report(
    state: State<'_, DeskState>,
    month: String,
    kind: ReportKind,
) -> Result<ReportRecord, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reports::produce_monthly(store, &session, &month, kind, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn report_history(state: State<'_, DeskState>) -> Result<Vec<ReportRecord>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(reports::history(store, session)?)
}

/// Writes a kept report where the person chooses in the system's save
/// dialog (opened here, so the page never names a path). Answers the path
/// written, or `None` when the dialog was cancelled.
#[tauri::command(async)]
#[tracing::instrument(skip(app, state))]
pub fn save_report_copy(
    app: tauri::AppHandle,
    state: State<'_, DeskState>,
    id: i64,
) -> Result<Option<String>, ApiError> {
    let (file_name, start_in) = {
        let mut desk = lock(&state)?;
        let start_in = crate::paths::documents_dir(desk.location());
        let (store, session) = desk.signed_in()?;
        (reports::file(store, session, id)?.file_name, start_in)
    };
    let extension = std::path::Path::new(&file_name).extension().and_then(|e| e.to_str()).unwrap_or("").to_string();
    let kind = match extension.as_str() {
        "xlsx" => "Excel workbook",
        "pdf" => "PDF document",
        "zip" => "Zip file",
        "csv" => "CSV file",
        _ => "File",
    };
    let _ = std::fs::create_dir_all(&start_in);
    let Some(path) = super::dialogs::save_path(&app, "Save the report", &start_in, &file_name, (kind, &extension))
    else {
        return Ok(None);
    };
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    reports::save_copy(store, &session, id, &path, Moment::now())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn mark_report_submitted(
    state: State<'_, DeskState>,
    id: i64,
    input: SubmittedInput,
) -> Result<ReportRecord, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reports::mark_submitted(store, &session, id, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn dmh_template(state: State<'_, DeskState>) -> Result<Option<TemplateView>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(mapping::view(store, session)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn load_dmh_template(state: State<'_, DeskState>, input: TemplateFileInput) -> Result<TemplateView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    let (file_name, bytes) = input.decode()?;
    Ok(mapping::load(store, &session, &file_name, &bytes, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn save_dmh_mapping(state: State<'_, DeskState>, input: MappingInput) -> Result<TemplateView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(mapping::save(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn quarterly_report_preview(state: State<'_, DeskState>, quarter: String) -> Result<QuarterlyPreview, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(reports::quarterly_preview(store, session, &quarter, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn produce_quarterly_report(
    state: State<'_, DeskState>,
    quarter: String,
    kind: ReportKind,
    format: QuarterlyFormat,
) -> Result<ReportRecord, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(reports::produce_quarterly(store, &session, &quarter, kind, format, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn grant_budget(state: State<'_, DeskState>, fiscal_year: Option<i32>) -> Result<BudgetView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(budget::view(store, session, fiscal_year, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip_all)]
pub fn save_grant_budget(state: State<'_, DeskState>, input: BudgetInput) -> Result<BudgetView, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(budget::save(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn office_holidays(state: State<'_, DeskState>) -> Result<Vec<Holiday>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    Ok(holidays::list(store, session, Moment::now().today)?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state, input))]
pub fn save_office_holiday(state: State<'_, DeskState>, input: HolidayInput) -> Result<Vec<Holiday>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(holidays::save(store, &session, &input, Moment::now())?)
}

#[tauri::command(async)]
#[tracing::instrument(skip(state))]
pub fn remove_office_holiday(state: State<'_, DeskState>, day: String) -> Result<Vec<Holiday>, ApiError> {
    let mut desk = lock(&state)?;
    let (store, session) = desk.signed_in()?;
    let session = session.clone();
    Ok(holidays::remove(store, &session, &day, Moment::now())?)
}
