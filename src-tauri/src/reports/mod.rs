//! The Guide's reporting (Guide: Data Reporting): the monthly participant
//! workbook, the quarterly performance and financial reports, their due
//! dates and history, and the HMIS CSV export.
//!
//! Every report produced is kept in the encrypted store with who made it
//! and for which period; nothing is sent anywhere. The user saves a copy
//! where they choose.

pub mod budget;
pub mod charts;
pub mod fields;
pub mod hmis;
pub mod hmis_csv;
pub mod holidays;
pub mod mapping;
pub mod monthly;
pub mod quarterly;
pub mod quarterly_workbooks;
pub mod workbook;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::rules::engagement::{month_end, month_start};
use crate::rules::reporting::{monthly_data_due, quarter_of, quarterly_reports_due};
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice, ValidationErrors};
use monthly::CheckItem;
use workbook::{Definition, Heading};

/// The kinds of report the office produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The monthly participant data in the app's own workbook.
    Monthly,
    /// The same data in DMH's template.
    MonthlyDmh,
    QuarterlyPerformance,
    QuarterlyFinancial,
    HmisCsv,
}

choices!(ReportKind {
    Monthly => "monthly", "Monthly participant data";
    MonthlyDmh => "monthly_dmh", "Monthly participant data (DMH template)";
    QuarterlyPerformance => "quarterly_performance", "Quarterly performance (PRTP/PPR)";
    QuarterlyFinancial => "quarterly_financial", "Quarterly financial (PFR)";
    HmisCsv => "hmis_csv", "HMIS CSV export";
});

/// A report as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ReportKind,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The period in words ("October 2026", "July–September 2026").
    pub period: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: i64,
    pub summary: String,
    pub created_by: String,
    pub created_at: String,
    pub submitted_on: Option<NaiveDate>,
    pub submitted_by: Option<String>,
}

/// When the next reports are due, counted from today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueReport {
    pub kind: ReportKind,
    /// The first day of the period reported.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub period: String,
    pub due_on: NaiveDate,
    /// Negative when overdue.
    #[ts(type = "number")]
    pub days_left: i64,
    /// Already produced and marked submitted.
    pub submitted_on: Option<NaiveDate>,
}

/// The monthly data for a month before it is produced: how many rows and
/// what to mend first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthlyPreview {
    pub month: NaiveDate,
    pub period: String,
    pub due_on: NaiveDate,
    pub participants: u32,
    pub check: Vec<CheckItem>,
    /// Whether DMH's template is loaded and mapped.
    pub template_ready: bool,
}

/// How a quarterly report is produced: the workbook to file with DMH, or
/// the one-page summary to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuarterlyFormat {
    Workbook,
    Summary,
}

/// The quarterly figures before they are produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QuarterlyPreview {
    pub due_on: NaiveDate,
    pub figures: quarterly::QuarterlyFigures,
}

/// A report produced: the record, and its file to save.
pub struct ReportFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Marking a report submitted, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct SubmittedInput {
    /// Empty to clear the mark.
    pub submitted_on: String,
}

/// A template file chosen in the window, as sent.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct TemplateFileInput {
    pub file_name: String,
    /// The file's bytes, base64.
    pub base64: String,
}

impl TemplateFileInput {
    /// The file's name and bytes: an Excel workbook no bigger than an
    /// attachment may be.
    pub fn decode(&self) -> Result<(String, Vec<u8>), ValidationErrors> {
        use base64::Engine;
        let name = self.file_name.trim();
        if !name.to_lowercase().ends_with(".xlsx") {
            return Err(ValidationErrors::single("file", "Choose DMH's template as an Excel workbook (.xlsx)."));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(self.base64.trim())
            .map_err(|_| ValidationErrors::single("file", "The file could not be read. Choose it again."))?;
        if bytes.len() > crate::attachments::MAX_BYTES {
            return Err(ValidationErrors::single(
                "file",
                "The file is larger than 15 MB; DMH's template is far smaller.",
            ));
        }
        Ok((name.to_string(), bytes))
    }
}

/// Which months the reports page offers: this one and the twelve before it.
const MONTHS_OFFERED: u32 = 13;

/// Only the roles that see participants' whole records make reports that
/// hold them.
pub fn require_report_role(session: &Session) -> Result<(), DeskError> {
    match session.role {
        Role::OfficeStaff | Role::Supervisor | Role::Administrator => Ok(()),
        _ => Err(DeskError::Forbidden("Office staff and supervisors produce the reports.".into())),
    }
}

/// "1 participant", "214 participants".
fn people(n: usize) -> String {
    if n == 1 {
        "1 participant".into()
    } else {
        format!("{n} participants")
    }
}

/// "October 2026".
pub fn month_words(month: NaiveDate) -> String {
    month.format("%B %Y").to_string()
}

/// "July–September 2026".
pub fn quarter_words(first: NaiveDate, last: NaiveDate) -> String {
    format!("{}–{}", first.format("%B"), last.format("%B %Y"))
}

/// The next monthly and quarterly reports due: the earliest month (of the
/// last three) and quarter not yet marked submitted, else the next ones;
/// periods that ended before the first referral are not owed.
pub fn due(store: &Store, session: &Session, today: NaiveDate) -> Result<Vec<DueReport>, DeskError> {
    require_report_role(session)?;
    let holidays = db::reference::holidays(
        store.conn(),
        today.checked_sub_months(Months::new(3)).unwrap_or(today),
        today.checked_add_months(Months::new(3)).unwrap_or(today),
    )?;
    let submitted = |kinds: &[ReportKind], start: NaiveDate| -> Result<Option<NaiveDate>, DeskError> {
        let mut found = None;
        for k in kinds {
            found = found.or(db::reports::submitted_on(store.conn(), k.code(), start)?);
        }
        Ok(found)
    };
    // Periods that ended before the first referral had no one to report
    // (an office that has just started using the app owes nothing for them).
    let first_referral = db::reports::first_referral(store.conn())?.unwrap_or(today);
    let this_month = month_start(today);
    let mut monthly = None;
    for back in (1..=3).rev() {
        let month = this_month.checked_sub_months(Months::new(back)).unwrap_or(this_month);
        if month_end(month) < first_referral {
            continue;
        }
        if submitted(&[ReportKind::Monthly, ReportKind::MonthlyDmh], month)?.is_none() {
            monthly = Some(month);
            break;
        }
    }
    let month = monthly.unwrap_or(this_month);
    let month_due = monthly_data_due(month, &holidays);
    let (q_first, _) = quarter_of(today);
    let previous_quarter = quarter_of(q_first.pred_opt().unwrap_or(q_first));
    let owed = |kind: ReportKind| -> Result<bool, DeskError> {
        Ok(previous_quarter.1 >= first_referral && submitted(&[kind], previous_quarter.0)?.is_none())
    };
    let quarter = if owed(ReportKind::QuarterlyPerformance)? { previous_quarter } else { quarter_of(today) };
    let quarter_due = quarterly_reports_due(quarter.0);
    let financial = if owed(ReportKind::QuarterlyFinancial)? { previous_quarter } else { quarter_of(today) };
    let financial_due = quarterly_reports_due(financial.0);
    Ok(vec![
        DueReport {
            kind: ReportKind::Monthly,
            period_start: month,
            period_end: month_end(month),
            period: month_words(month),
            due_on: month_due,
            days_left: (month_due - today).num_days(),
            submitted_on: submitted(&[ReportKind::Monthly, ReportKind::MonthlyDmh], month)?,
        },
        DueReport {
            kind: ReportKind::QuarterlyPerformance,
            period_start: quarter.0,
            period_end: quarter.1,
            period: quarter_words(quarter.0, quarter.1),
            due_on: quarter_due,
            days_left: (quarter_due - today).num_days(),
            submitted_on: submitted(&[ReportKind::QuarterlyPerformance], quarter.0)?,
        },
        DueReport {
            kind: ReportKind::QuarterlyFinancial,
            period_start: financial.0,
            period_end: financial.1,
            period: quarter_words(financial.0, financial.1),
            due_on: financial_due,
            days_left: (financial_due - today).num_days(),
            submitted_on: submitted(&[ReportKind::QuarterlyFinancial], financial.0)?,
        },
    ])
}

/// The month to report, from the typed `YYYY-MM` (or any date in it);
/// refuses months that have not started and months long past.
pub fn parse_month(typed: &str, today: NaiveDate) -> Result<NaiveDate, ValidationErrors> {
    let typed = typed.trim();
    let parsed = NaiveDate::parse_from_str(&format!("{typed}-01"), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(typed, "%Y-%m-%d"))
        .map(month_start);
    let Ok(month) = parsed else {
        return Err(ValidationErrors::single("month", "Choose the month to report."));
    };
    let earliest = month_start(today).checked_sub_months(Months::new(MONTHS_OFFERED - 1)).unwrap_or(today);
    if month > month_start(today) {
        return Err(ValidationErrors::single("month", "That month has not started yet."));
    }
    if month < earliest {
        return Err(ValidationErrors::single("month", "Choose one of the last 13 months."));
    }
    Ok(month)
}

/// The monthly data's row count and check, before producing it.
pub fn monthly_preview(
    store: &Store,
    session: &Session,
    month: &str,
    today: NaiveDate,
) -> Result<MonthlyPreview, DeskError> {
    require_report_role(session)?;
    let month = parse_month(month, today)?;
    let rows = monthly::rows(store, month, today)?;
    let holidays = db::reference::holidays(
        store.conn(),
        month,
        month_end(month).checked_add_months(Months::new(1)).unwrap_or(month),
    )?;
    Ok(MonthlyPreview {
        month,
        period: month_words(month),
        due_on: monthly_data_due(month, &holidays),
        participants: rows.len() as u32,
        check: monthly::check(&rows, month_end(month) < today),
        template_ready: mapping::ready(store)?,
    })
}

/// Produces the monthly participant data for `month` (in the app's own
/// workbook, or filled into DMH's template) and keeps it.
pub fn produce_monthly(
    store: &mut Store,
    session: &Session,
    month: &str,
    kind: ReportKind,
    when: Moment,
) -> Result<ReportRecord, DeskError> {
    require_report_role(session)?;
    let month = parse_month(month, when.today)?;
    let rows = monthly::rows(store, month, when.today)?;
    let period = month_words(month);
    let (bytes, file_name) = match kind {
        ReportKind::Monthly => {
            let office = db::office::get(store.conn())?.map(|o| o.grantee_name).unwrap_or_default();
            let heading = Heading {
                title: format!("Monthly participant data — {period}"),
                lines: vec![
                    format!("{office}: Housing is Recovery pilot, everyone referred or served in {period}."),
                    format!("Prepared by {} on {}.", session.full_name, when.today.format("%m/%d/%Y")),
                ],
            };
            let table = fields::table(&month.format("%B %Y").to_string(), &rows);
            let mut notes = vec![Definition {
                term: "Who is included".into(),
                meaning: format!(
                    "Everyone referred on or before the month's last day who had not exited or been found ineligible before its first day ({} participants).",
                    rows.len()
                ),
            }];
            notes.extend(fields::definitions());
            let notice = crate::disclosure::notice_for(store, crate::disclosure::DocumentKind::MonthlyWorkbook)?
                .map(|n| n.lines());
            let bytes = workbook::write_workbook(&[(Some(heading), table)], "Notes", &notes, notice.as_deref())
                .map_err(|e| report_error(e.to_string()))?;
            (bytes, format!("Monthly participant data {}.xlsx", month.format("%Y-%m")))
        }
        ReportKind::MonthlyDmh => {
            let bytes = mapping::fill(store, &rows)?;
            (bytes, format!("DMH monthly participant data {}.xlsx", month.format("%Y-%m")))
        }
        _ => return Err(ValidationErrors::single("kind", "Choose the monthly workbook or DMH's template.").into()),
    };
    let summary = people(rows.len());
    keep(store, session, kind, (month, month_end(month)), &file_name, &bytes, &summary, when)
}

/// Which quarters the reports page offers: this one and the seven before it.
const QUARTERS_OFFERED: u32 = 8;

/// The quarter to report, from the typed `YYYY-Qn` (or any date in it);
/// refuses quarters that have not started and quarters long past.
pub fn parse_quarter(typed: &str, today: NaiveDate) -> Result<NaiveDate, ValidationErrors> {
    let typed = typed.trim();
    let parsed = typed
        .split_once(['-', ' '])
        .and_then(|(y, q)| {
            let year: i32 = y.parse().ok()?;
            let q: u32 = q.trim_start_matches(['Q', 'q']).parse().ok()?;
            (1..=4).contains(&q).then(|| NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)).flatten()
        })
        .or_else(|| NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok().map(|d| quarter_of(d).0));
    let Some(first) = parsed else {
        return Err(ValidationErrors::single("quarter", "Choose the quarter to report."));
    };
    let this = quarter_of(today).0;
    if first > this {
        return Err(ValidationErrors::single("quarter", "That quarter has not started yet."));
    }
    let earliest = this.checked_sub_months(Months::new(3 * (QUARTERS_OFFERED - 1))).unwrap_or(this);
    if first < earliest {
        return Err(ValidationErrors::single("quarter", "Choose one of the last 8 quarters."));
    }
    Ok(first)
}

/// The quarter's figures, before producing its reports.
pub fn quarterly_preview(
    store: &Store,
    session: &Session,
    quarter: &str,
    today: NaiveDate,
) -> Result<QuarterlyPreview, DeskError> {
    require_report_role(session)?;
    let first = parse_quarter(quarter, today)?;
    Ok(QuarterlyPreview { due_on: quarterly_reports_due(first), figures: quarterly::figures(store, first, today)? })
}

/// Produces a quarterly report (performance or financial, as a workbook or
/// the one-page summary) for the quarter and keeps it.
pub fn produce_quarterly(
    store: &mut Store,
    session: &Session,
    quarter: &str,
    kind: ReportKind,
    format: QuarterlyFormat,
    when: Moment,
) -> Result<ReportRecord, DeskError> {
    require_report_role(session)?;
    let first = parse_quarter(quarter, when.today)?;
    let f = quarterly::figures(store, first, when.today)?;
    let office = db::office::get(store.conn())?.map(|o| o.grantee_name).unwrap_or_default();
    let code = format!("{} Q{}", first.year(), first.month0() / 3 + 1);
    let prepared = format!("Prepared by {} on {}.", session.full_name, when.today.format("%m/%d/%Y"));
    let (bytes, file_name, summary) = match (kind, format) {
        (ReportKind::QuarterlyPerformance, QuarterlyFormat::Workbook) => {
            let heading = Heading {
                title: format!("Quarterly performance (PRTP/PPR) — {}", f.period),
                lines: vec![format!("{office}: Housing is Recovery pilot."), prepared],
            };
            let sheets = quarterly_workbooks::performance_sheets(&f, heading);
            let bytes = workbook::write_workbook(&sheets, "Notes", &quarterly_workbooks::performance_notes(&f), None)
                .map_err(|e| report_error(e.to_string()))?;
            (bytes, format!("Quarterly performance {code}.xlsx"), performance_summary(&f))
        }
        (ReportKind::QuarterlyFinancial, QuarterlyFormat::Workbook) => {
            let heading = Heading {
                title: format!("Quarterly financial report (PFR) — {}", f.period),
                lines: vec![
                    format!("{office}: Housing is Recovery pilot, {}.", budget::year_label(f.fiscal_year)),
                    prepared,
                ],
            };
            let sheets = quarterly_workbooks::financial_sheets(&f, heading);
            let bytes = workbook::write_workbook(&sheets, "Notes", &quarterly_workbooks::financial_notes(&f), None)
                .map_err(|e| report_error(e.to_string()))?;
            (bytes, format!("Quarterly financial {code}.xlsx"), financial_summary(&f))
        }
        (ReportKind::QuarterlyPerformance | ReportKind::QuarterlyFinancial, QuarterlyFormat::Summary) => {
            let doc = crate::documents::quarterly_summary::QuarterlySummary {
                office_name: office,
                program: "Housing is Recovery pilot".into(),
                prepared_by: session.full_name.clone(),
                prepared_on: when.today,
                figures: &f,
            };
            let bytes = crate::documents::quarterly_summary::render(&doc).map_err(crate::housing_documents::invalid)?;
            let what = if kind == ReportKind::QuarterlyPerformance { "performance" } else { "financial" };
            let summary =
                if kind == ReportKind::QuarterlyPerformance { performance_summary(&f) } else { financial_summary(&f) };
            (bytes, format!("Quarterly {what} summary {code}.pdf"), format!("One-page summary: {summary}"))
        }
        _ => return Err(ValidationErrors::single("kind", "Choose the performance or the financial report.").into()),
    };
    keep(store, session, kind, (f.first, f.last), &file_name, &bytes, &summary, when)
}

fn performance_summary(f: &quarterly::QuarterlyFigures) -> String {
    let served = f.measures.first().and_then(|m| m.value).unwrap_or_default();
    format!("{served} served, {} housed at the quarter's end", f.housed_at_end)
}

fn financial_summary(f: &quarterly::QuarterlyFigures) -> String {
    match f.budget_total {
        Some(b) => format!(
            "{} spent in the quarter, {} of {} in the fiscal year",
            f.quarter_total.dollars(),
            f.year_to_date_total.dollars(),
            b.dollars()
        ),
        None => format!("{} spent in the quarter; no budget entered", f.quarter_total.dollars()),
    }
}

/// The reports kept, newest first.
pub fn history(store: &Store, session: &Session) -> Result<Vec<ReportRecord>, DeskError> {
    require_report_role(session)?;
    db::reports::reports(store.conn(), 200)?.into_iter().map(record).collect()
}

/// The file of a kept report, to save where the user chooses.
pub fn file(store: &Store, session: &Session, id: i64) -> Result<ReportFile, DeskError> {
    require_report_role(session)?;
    let found = db::reports::report(store.conn(), id)?.ok_or(DeskError::NotFound("report"))?;
    let bytes = db::reports::report_content(store.conn(), id)?.ok_or(DeskError::NotFound("report"))?;
    Ok(ReportFile { file_name: found.file_name, bytes })
}

/// Writes a kept report's file to `path` (chosen in the save dialog).
pub fn save_copy(
    store: &mut Store,
    session: &Session,
    id: i64,
    path: &std::path::Path,
    when: Moment,
) -> Result<(), DeskError> {
    let found = file(store, session, id)?;
    if path.as_os_str().is_empty() {
        return Err(ValidationErrors::single("path", "Choose where to save the file.").into());
    }
    // The file keeps its kind: a workbook saved under another extension
    // would not open, and the window may only write report files.
    let wanted = std::path::Path::new(&found.file_name).extension();
    if path.extension().map(|e| e.to_ascii_lowercase()) != wanted.map(|e| e.to_ascii_lowercase()) {
        let ext = wanted.and_then(|e| e.to_str()).unwrap_or("");
        return Err(ValidationErrors::single("path", format!("Save it as a .{ext} file.")).into());
    }
    std::fs::write(path, &found.bytes).map_err(|e| {
        tracing::warn!(error = %e, "saving a report copy");
        DeskError::from(ValidationErrors::single(
            "path",
            format!("The file could not be saved there ({}). Choose another folder.", io_words(&e)),
        ))
    })?;
    // A report leaving the encrypted store is a disclosure of what it holds:
    // who saved which report where is kept (HIPAA audit controls).
    store.with_tx(|tx| {
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Export,
            entity: Entity::Report,
            entity_id: Some(id),
            changes: vec![Change { field: "saved_to".into(), old: None, new: Some(path.display().to_string()) }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })
}

/// Marks a report submitted to DMH on a day, or clears the mark.
pub fn mark_submitted(
    store: &mut Store,
    session: &Session,
    id: i64,
    input: &SubmittedInput,
    when: Moment,
) -> Result<ReportRecord, DeskError> {
    require_report_role(session)?;
    let found = db::reports::report(store.conn(), id)?.ok_or(DeskError::NotFound("report"))?;
    if found.kind == ReportKind::HmisCsv.code() {
        return Err(ValidationErrors::single(
            "submitted_on",
            "The HMIS export is not submitted to DMH: it is imported into the Continuum of Care's HMIS.",
        )
        .into());
    }
    let mut c = Checker::new();
    let on = c.optional_date("submitted_on", &input.submitted_on, "the day it was submitted");
    if on.is_some_and(|d| d > when.today) {
        c.add("submitted_on", "The day it was submitted cannot be in the future.");
    }
    if on.is_some_and(|d| d <= found.period_end) {
        c.add("submitted_on", "The day it was submitted must be after the period it reports has ended.");
    }
    c.finish(Some(()))?;
    store.with_tx(|tx| {
        db::reports::set_submitted(tx, id, on, session.staff_id)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Report,
            entity_id: Some(id),
            changes: vec![Change {
                field: "submitted_on".into(),
                old: found.submitted_on.map(|d| d.to_string()),
                new: on.map(|d| d.to_string()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    record(db::reports::report(store.conn(), id)?.ok_or(DeskError::NotFound("report"))?)
}

/// Keeps a produced report with its audit entry, in one transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn keep(
    store: &mut Store,
    session: &Session,
    kind: ReportKind,
    (start, end): (NaiveDate, NaiveDate),
    file_name: &str,
    bytes: &[u8],
    summary: &str,
    when: Moment,
) -> Result<ReportRecord, DeskError> {
    let id = store.with_tx(|tx| {
        let id = db::reports::insert_report(
            tx,
            &db::reports::NewReport {
                kind: kind.code(),
                period_start: start,
                period_end: end,
                file_name,
                content: bytes,
                summary,
                staff_id: session.staff_id,
            },
            when.at,
        )?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Report,
            entity_id: Some(id),
            changes: vec![
                Change { field: "kind".into(), old: None, new: Some(kind.code().into()) },
                Change { field: "period".into(), old: None, new: Some(format!("{start} to {end}")) },
                Change { field: "summary".into(), old: None, new: Some(summary.into()) },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    record(db::reports::report(store.conn(), id)?.ok_or(DeskError::NotFound("report"))?)
}

fn record(s: db::reports::StoredReport) -> Result<ReportRecord, DeskError> {
    let kind: ReportKind = db::code(&s.kind, "report")?;
    let period = if s.period_start.day() == 1 && s.period_end == month_end(s.period_start) {
        month_words(s.period_start)
    } else if (s.period_start, s.period_end) == quarter_of(s.period_start) {
        quarter_words(s.period_start, s.period_end)
    } else {
        format!("{} to {}", s.period_start.format("%m/%d/%Y"), s.period_end.format("%m/%d/%Y"))
    };
    Ok(ReportRecord {
        id: s.id,
        kind,
        period_start: s.period_start,
        period_end: s.period_end,
        period,
        file_name: s.file_name,
        size: s.size,
        summary: s.summary,
        created_by: s.created_by,
        created_at: s.created_at,
        submitted_on: s.submitted_on,
        submitted_by: s.submitted_by,
    })
}

/// A report that could not be written: an invariant of ours, told plainly.
fn report_error(detail: String) -> DeskError {
    tracing::error!(%detail, "writing a report");
    DeskError::Store(db::StoreError::Invariant(format!("the report could not be written: {detail}")))
}

fn io_words(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied",
        std::io::ErrorKind::NotFound => "the folder does not exist",
        _ => "the disk refused it",
    }
}
