//! Repository: what the reports read, a table at a time for a whole period
//! (one query per table, never one per participant), and the reports kept.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::timestamp;
use super::StoreError;
use crate::demographics::Demographics;

/// A participant as the reports see them.
pub struct ReportPerson {
    pub id: i64,
    pub legal_name: String,
    pub birth_date: NaiveDate,
    pub referral_source: String,
    pub referral_date: NaiveDate,
    pub referring_organization: Option<String>,
    pub status: String,
    pub case_manager: Option<String>,
    pub demographics: Demographics,
}

/// Everyone referred on or before `last` who had not already left before
/// `first`: exited (their last exit before `first`) or found ineligible
/// (their screening finished before `first`). Sorted by name.
pub fn people_in_period(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<ReportPerson>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.legal_name, p.birth_date, p.referral_source, p.referral_date, p.referring_organization,
                p.status, s.full_name, p.sex, p.race_ethnicity, p.veteran_status, p.disabling_condition,
                p.mental_health_disorder, p.substance_use_disorder
         FROM participant p LEFT JOIN staff s ON s.id = p.case_manager_id
         WHERE p.referral_date <= ?2
           AND NOT (p.status = 'exited'
                    AND (SELECT max(x.exit_date) FROM participant_exit x WHERE x.participant_id = p.id) < ?1)
           AND NOT (p.status = 'ineligible'
                    AND (SELECT max(date(sc.finished_at, 'localtime')) FROM screening sc
                         WHERE sc.participant_id = p.id) < ?1)
         ORDER BY p.sort_name, p.id",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((|| {
            Ok(ReportPerson {
                id: r.get(0)?,
                legal_name: r.get(1)?,
                birth_date: r.get(2)?,
                referral_source: r.get(3)?,
                referral_date: r.get(4)?,
                referring_organization: r.get(5)?,
                status: r.get(6)?,
                case_manager: r.get(7)?,
                demographics: super::participants::read_demographics(r, 8)?,
            })
        })())
    })?;
    rows.map(|r| r?).collect()
}

/// A participant's latest finished screening.
pub struct ReportScreening {
    /// The eligibility category as typed on the form (`smi`, `sud` or empty).
    pub category: String,
    pub determination: String,
    pub finished_on: NaiveDate,
}

/// The latest screening each participant finished on or before `last`.
pub fn screenings(conn: &Connection, last: NaiveDate) -> Result<HashMap<i64, ReportScreening>, StoreError> {
    #[derive(serde::Deserialize)]
    struct Form {
        #[serde(default)]
        category: String,
    }
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, form, determination, date(finished_at, 'localtime') FROM screening
         WHERE finished_at IS NOT NULL AND date(finished_at, 'localtime') <= ?1 ORDER BY finished_at, id",
    )?;
    let mut found = HashMap::new();
    let mut rows = stmt.query(params![last])?;
    while let Some(r) = rows.next()? {
        let form: Form = serde_json::from_str(&r.get::<_, String>(1)?)
            .map_err(|_| StoreError::Invariant("a screening's answers are not readable".into()))?;
        let determination: Option<String> = r.get(2)?;
        found.insert(
            r.get(0)?,
            ReportScreening {
                category: form.category,
                determination: determination.unwrap_or_default(),
                finished_on: r.get(3)?,
            },
        );
    }
    Ok(found)
}

/// Enrollment dates by participant.
pub fn enrollments(conn: &Connection) -> Result<HashMap<i64, NaiveDate>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT participant_id, enrolled_on FROM enrollment")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The first day each participant moved into a unit under the program.
pub fn first_move_ins(conn: &Connection) -> Result<HashMap<i64, NaiveDate>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, min(move_in_date) FROM lease WHERE move_in_date IS NOT NULL GROUP BY participant_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A visit in the period.
pub struct ReportVisit {
    pub participant_id: i64,
    pub visit_date: NaiveDate,
    pub kind: String,
    /// JSON list of linkage codes.
    pub linkages: String,
}

pub fn visits(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<ReportVisit>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, visit_date, kind, linkages FROM engagement_visit
         WHERE visit_date BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok(ReportVisit { participant_id: r.get(0)?, visit_date: r.get(1)?, kind: r.get(2)?, linkages: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Vocational hours recorded for months from `first` to `last`, by
/// participant, as decimal text.
pub fn vocational_hours(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, NaiveDate, String)>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT participant_id, month, hours FROM vocational_hours WHERE month BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Jobs held on some day of the period: participant and employer.
pub fn jobs(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, employer FROM employment
         WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1) ORDER BY start_date",
    )?;
    let rows = stmt.query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A stay that overlaps the period.
pub struct ReportStay {
    pub participant_id: i64,
    pub kind: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

pub fn stays(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<ReportStay>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, kind, start_date, end_date FROM stay
         WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1) ORDER BY start_date",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok(ReportStay { participant_id: r.get(0)?, kind: r.get(1)?, start_date: r.get(2)?, end_date: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An exit.
pub struct ReportExit {
    pub participant_id: i64,
    pub exit_date: NaiveDate,
    pub reason: String,
    pub destination: String,
}

/// Exits on or before `last`, oldest first.
pub fn exits(conn: &Connection, last: NaiveDate) -> Result<Vec<ReportExit>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, exit_date, reason, destination FROM participant_exit
         WHERE exit_date <= ?1 ORDER BY exit_date, id",
    )?;
    let rows = stmt.query_map(params![last], |r| {
        Ok(ReportExit { participant_id: r.get(0)?, exit_date: r.get(1)?, reason: r.get(2)?, destination: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A report produced, as kept.
pub struct StoredReport {
    pub id: i64,
    pub kind: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub file_name: String,
    pub size: i64,
    pub summary: String,
    pub created_by: String,
    pub created_at: String,
    pub submitted_on: Option<NaiveDate>,
    pub submitted_by: Option<String>,
}

/// A report to keep.
pub struct NewReport<'a> {
    pub kind: &'a str,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub file_name: &'a str,
    pub content: &'a [u8],
    pub summary: &'a str,
    pub staff_id: i64,
}

pub fn insert_report(conn: &Connection, r: &NewReport<'_>, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO report (kind, period_start, period_end, file_name, content, summary, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![r.kind, r.period_start, r.period_end, r.file_name, r.content, r.summary, r.staff_id, timestamp(at)],
    )?;
    Ok(conn.last_insert_rowid())
}

const REPORT_COLUMNS: &str = "r.id, r.kind, r.period_start, r.period_end, r.file_name, length(r.content), r.summary,
    coalesce(c.full_name, ''), r.created_at, r.submitted_on, s.full_name
    FROM report r LEFT JOIN staff c ON c.id = r.created_by LEFT JOIN staff s ON s.id = r.submitted_by";

fn read_report(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredReport> {
    Ok(StoredReport {
        id: r.get(0)?,
        kind: r.get(1)?,
        period_start: r.get(2)?,
        period_end: r.get(3)?,
        file_name: r.get(4)?,
        size: r.get(5)?,
        summary: r.get(6)?,
        created_by: r.get(7)?,
        created_at: r.get(8)?,
        submitted_on: r.get(9)?,
        submitted_by: r.get(10)?,
    })
}

/// The reports kept, newest first.
pub fn reports(conn: &Connection, limit: u32) -> Result<Vec<StoredReport>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {REPORT_COLUMNS} ORDER BY r.id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit], read_report)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn report(conn: &Connection, id: i64) -> Result<Option<StoredReport>, StoreError> {
    Ok(conn.query_row(&format!("SELECT {REPORT_COLUMNS} WHERE r.id = ?1"), [id], read_report).optional()?)
}

/// The file of report `id`.
pub fn report_content(conn: &Connection, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn.query_row("SELECT content FROM report WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Marks report `id` submitted on `on` by `staff_id`, or not submitted.
pub fn set_submitted(conn: &Connection, id: i64, on: Option<NaiveDate>, staff_id: i64) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE report SET submitted_on = ?2, submitted_by = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END WHERE id = ?1",
        params![id, on, staff_id],
    )?;
    Ok(())
}

/// The day a report of `kind` for the period starting `period_start` was
/// marked submitted, if one was.
pub fn submitted_on(conn: &Connection, kind: &str, period_start: NaiveDate) -> Result<Option<NaiveDate>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT min(submitted_on) FROM report WHERE kind = ?1 AND period_start = ?2 AND submitted_on IS NOT NULL",
            params![kind, period_start],
            |r| r.get::<_, Option<NaiveDate>>(0),
        )
        .optional()?
        .flatten())
}

/// DMH's template as kept.
pub struct StoredTemplate {
    pub file_name: String,
    pub content: Vec<u8>,
    pub sheet: String,
    pub header_row: u32,
    /// JSON list of header texts.
    pub headers: String,
    /// JSON list, one per header: a field key or null.
    pub mapping: String,
    pub updated_by: String,
    pub updated_at: String,
}

pub fn template(conn: &Connection, kind: &str) -> Result<Option<StoredTemplate>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT t.file_name, t.content, t.sheet, t.header_row, t.headers, t.mapping, coalesce(s.full_name, ''),
                    t.updated_at
             FROM report_template t LEFT JOIN staff s ON s.id = t.updated_by WHERE t.kind = ?1",
            [kind],
            |r| {
                Ok(StoredTemplate {
                    file_name: r.get(0)?,
                    content: r.get(1)?,
                    sheet: r.get(2)?,
                    header_row: r.get(3)?,
                    headers: r.get(4)?,
                    mapping: r.get(5)?,
                    updated_by: r.get(6)?,
                    updated_at: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Keeps DMH's template (replacing the one before) with its mapping.
#[allow(clippy::too_many_arguments)]
pub fn save_template(
    conn: &Connection,
    kind: &str,
    file_name: &str,
    content: &[u8],
    sheet: &str,
    header_row: u32,
    headers: &str,
    mapping: &str,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO report_template (kind, file_name, content, sheet, header_row, headers, mapping, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (kind) DO UPDATE SET file_name = excluded.file_name, content = excluded.content,
            sheet = excluded.sheet, header_row = excluded.header_row, headers = excluded.headers,
            mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        params![kind, file_name, content, sheet, header_row, headers, mapping, staff_id, timestamp(at)],
    )?;
    Ok(())
}

/// Replaces the mapping of the kept template.
pub fn save_mapping(
    conn: &Connection,
    kind: &str,
    mapping: &str,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE report_template SET mapping = ?2, updated_by = ?3, updated_at = ?4 WHERE kind = ?1",
        params![kind, mapping, staff_id, timestamp(at)],
    )? == 1)
}

/// The grant budget for a fiscal year by category code.
pub fn budget(conn: &Connection, fiscal_year: i32) -> Result<HashMap<String, crate::rules::Money>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT category, amount FROM grant_budget WHERE fiscal_year = ?1")?;
    let mut rows = stmt.query([fiscal_year])?;
    let mut found = HashMap::new();
    while let Some(r) = rows.next()? {
        let amount: String = r.get(1)?;
        found.insert(r.get(0)?, super::money(&amount, "grant_budget")?);
    }
    Ok(found)
}

/// Replaces a fiscal year's budget with `lines` (category code, amount).
pub fn save_budget(
    conn: &Connection,
    fiscal_year: i32,
    lines: &[(String, crate::rules::Money)],
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute("DELETE FROM grant_budget WHERE fiscal_year = ?1", [fiscal_year])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO grant_budget (fiscal_year, category, amount, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (category, amount) in lines {
        stmt.execute(params![fiscal_year, category, amount.0.to_string(), staff_id, timestamp(at)])?;
    }
    Ok(())
}

/// The earliest referral on record: no report is due for a period that
/// ended before the office had anyone to report.
pub fn first_referral(conn: &Connection) -> Result<Option<NaiveDate>, StoreError> {
    Ok(conn.query_row("SELECT min(referral_date) FROM participant", [], |r| r.get(0))?)
}

/// The office's holidays from `from` on, with their names.
pub fn holiday_list(conn: &Connection, from: NaiveDate) -> Result<Vec<(NaiveDate, String)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT day, name FROM holiday WHERE day >= ?1 ORDER BY day")?;
    let rows = stmt.query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds or renames a holiday.
pub fn save_holiday(conn: &Connection, day: NaiveDate, name: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO holiday (day, name, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (day) DO UPDATE SET name = excluded.name",
        params![day, name, timestamp(at)],
    )?;
    Ok(())
}

/// Removes a holiday; `false` when there was none that day.
pub fn remove_holiday(conn: &Connection, day: NaiveDate) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM holiday WHERE day = ?1", [day])? == 1)
}
