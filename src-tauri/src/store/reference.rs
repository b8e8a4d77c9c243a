//! Repository: the program reference tables, looked up by the date in force.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use super::StoreError;
use crate::reference::{DeductionSet, Figure, FmrArea};
use crate::rules::Money;
use crate::validation::Choice;

fn decimal(text: &str) -> Result<Decimal, StoreError> {
    text.parse().map_err(|_| StoreError::Invariant(format!("{text:?} in a reference table is not a number")))
}

/// The deduction amounts in force on `on`.
pub fn deduction_set_on(conn: &Connection, on: NaiveDate) -> Result<Option<DeductionSet>, StoreError> {
    conn.prepare_cached(
        "SELECT effective_from, label, dependent_deduction, elderly_disabled_deduction, medical_threshold_percent, source
         FROM deduction_set WHERE effective_from <= ?1 ORDER BY effective_from DESC LIMIT 1",
    )?
    .query_row([on], |r| Ok(read_deduction_set(r)))
    .optional()?
    .transpose()
}

/// A deduction set from a row of (effective_from, label, dependent,
/// elderly/disabled, threshold, source).
fn read_deduction_set(r: &rusqlite::Row<'_>) -> Result<DeductionSet, StoreError> {
    Ok(DeductionSet {
        effective_from: r.get(0)?,
        label: r.get(1)?,
        dependent_deduction: Money(decimal(&r.get::<_, String>(2)?)?),
        elderly_disabled_deduction: Money(decimal(&r.get::<_, String>(3)?)?),
        medical_threshold_percent: decimal(&r.get::<_, String>(4)?)?,
        source: r.get(5)?,
    })
}

/// Every FMR area, by name.
pub fn fmr_areas(conn: &Connection) -> Result<Vec<FmrArea>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name, counties FROM fmr_area ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok(FmrArea { id: r.get(0)?, name: r.get(1)?, counties: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The Fair Market Rent for `bedrooms` in `area` in force on `on`.
pub fn fmr_on(conn: &Connection, area: i64, bedrooms: u32, on: NaiveDate) -> Result<Option<Figure>, StoreError> {
    figure(
        conn,
        "SELECT amount, effective_from, source FROM fair_market_rent
         WHERE area_id = ?1 AND bedrooms = ?2 AND effective_from <= ?3 ORDER BY effective_from DESC LIMIT 1",
        params![area, bedrooms, on],
    )
}

/// The extremely low income (30% AMI) limit for `household_size` in `area` in force on `on`.
pub fn income_limit_on(
    conn: &Connection,
    area: i64,
    household_size: u32,
    on: NaiveDate,
) -> Result<Option<Figure>, StoreError> {
    figure(
        conn,
        "SELECT amount, effective_from, source FROM income_limit
         WHERE area_id = ?1 AND household_size = ?2 AND effective_from <= ?3 ORDER BY effective_from DESC LIMIT 1",
        params![area, household_size, on],
    )
}

/// A program limit (by its code) in force on `on`, as exact decimal text's value.
pub fn program_limit_on(conn: &Connection, code: &str, on: NaiveDate) -> Result<Option<Decimal>, StoreError> {
    conn.prepare_cached(
        "SELECT value FROM program_limit WHERE code = ?1 AND effective_from <= ?2 ORDER BY effective_from DESC LIMIT 1",
    )?
    .query_row(params![code, on], |r| r.get::<_, String>(0))
    .optional()?
    .map(|v| decimal(&v))
    .transpose()
}

fn figure(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Option<Figure>, StoreError> {
    conn.prepare_cached(sql)?
        .query_row(p, |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .map(|(amount, effective_from, source)| Ok(Figure { amount: Money(decimal(&amount)?), effective_from, source }))
        .transpose()
}

/// A saved calculation, as stored.
pub struct NewCalculation<'a> {
    pub participant_id: i64,
    pub kind: &'a str,
    pub as_of: NaiveDate,
    pub details: &'a str,
    pub input: &'a str,
    pub result: &'a str,
    pub staff_id: i64,
    pub created_at: &'a str,
    /// Whether it sets the rent; an increase between recertifications does not.
    pub applies: bool,
    /// From when it sets the rent, or (when it does not) the recertification it waits for.
    pub applies_from: NaiveDate,
}

pub fn insert_calculation(conn: &Connection, c: &NewCalculation<'_>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO income_calculation (participant_id, kind, as_of, details, input, result, staff_id, created_at,
            applies, applies_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.participant_id,
            c.kind,
            c.as_of,
            c.details,
            c.input,
            c.result,
            c.staff_id,
            c.created_at,
            c.applies,
            c.applies_from
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A saved calculation as read back.
pub struct StoredCalculation {
    pub id: i64,
    pub participant_id: i64,
    pub kind: String,
    pub as_of: NaiveDate,
    pub details: String,
    pub result: String,
    pub staff_name: Option<String>,
    pub created_at: String,
    pub applies: bool,
    pub applies_from: Option<NaiveDate>,
}

const CALCULATION_COLUMNS: &str = "c.id, c.participant_id, c.kind, c.as_of, c.details, c.result, s.full_name,
    c.created_at, c.applies, c.applies_from
    FROM income_calculation c LEFT JOIN staff s ON s.id = c.staff_id";

fn read_calculation(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredCalculation> {
    Ok(StoredCalculation {
        id: r.get(0)?,
        participant_id: r.get(1)?,
        kind: r.get(2)?,
        as_of: r.get(3)?,
        details: r.get(4)?,
        result: r.get(5)?,
        staff_name: r.get(6)?,
        created_at: r.get(7)?,
        applies: r.get(8)?,
        applies_from: r.get(9)?,
    })
}

/// One saved calculation.
pub fn calculation(conn: &Connection, id: i64) -> Result<Option<StoredCalculation>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {CALCULATION_COLUMNS} WHERE c.id = ?1"))?
        .query_row([id], read_calculation)
        .optional()?)
}

/// A participant's saved calculations, newest first.
pub fn calculations_for(conn: &Connection, participant_id: i64) -> Result<Vec<StoredCalculation>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CALCULATION_COLUMNS} WHERE c.participant_id = ?1 ORDER BY c.as_of DESC, c.id DESC"
    ))?;
    let rows = stmt.query_map([participant_id], read_calculation)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every deduction set, newest first.
pub fn deduction_sets(conn: &Connection) -> Result<Vec<DeductionSet>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT effective_from, label, dependent_deduction, elderly_disabled_deduction, medical_threshold_percent, source
         FROM deduction_set ORDER BY effective_from DESC",
    )?;
    let rows = stmt.query_map([], |r| Ok(read_deduction_set(r)))?;
    rows.map(|row| row?).collect()
}

/// Adds a deduction set; `false` when one already starts on that date.
pub fn insert_deduction_set(conn: &Connection, d: &DeductionSet, created_at: &str) -> Result<bool, StoreError> {
    let n = conn.execute(
        "INSERT INTO deduction_set (effective_from, label, dependent_deduction, elderly_disabled_deduction,
            medical_threshold_percent, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(effective_from) DO NOTHING",
        params![
            d.effective_from,
            d.label,
            d.dependent_deduction.0.to_string(),
            d.elderly_disabled_deduction.0.to_string(),
            d.medical_threshold_percent.to_string(),
            d.source,
            created_at
        ],
    )?;
    Ok(n == 1)
}

/// Every figure of one kind for an area, newest first: (effective_from, size or bedrooms, amount, source).
pub type AreaFigure = (NaiveDate, u32, Money, String);

pub fn fmrs_for_area(conn: &Connection, area: i64) -> Result<Vec<AreaFigure>, StoreError> {
    area_figures(
        conn,
        "SELECT effective_from, bedrooms, amount, source FROM fair_market_rent WHERE area_id = ?1
         ORDER BY effective_from DESC, bedrooms",
        area,
    )
}

pub fn income_limits_for_area(conn: &Connection, area: i64) -> Result<Vec<AreaFigure>, StoreError> {
    area_figures(
        conn,
        "SELECT effective_from, household_size, amount, source FROM income_limit WHERE area_id = ?1
         ORDER BY effective_from DESC, household_size",
        area,
    )
}

fn area_figures(conn: &Connection, sql: &str, area: i64) -> Result<Vec<AreaFigure>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([area], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?)))?;
    rows.map(|row| {
        let (from, n, amount, source) = row?;
        Ok((from, n, Money(decimal(&amount)?), source))
    })
    .collect()
}

/// The area's id, adding it when it is new.
pub fn area_id(conn: &Connection, name: &str, counties: &str) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO fmr_area (name, counties) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
        params![name, counties],
    )?;
    Ok(conn.query_row("SELECT id FROM fmr_area WHERE name = ?1", [name], |r| r.get(0))?)
}

/// Every program limit, by code and date (newest first): (code, effective_from, value, source).
pub fn program_limits(conn: &Connection) -> Result<Vec<(String, NaiveDate, String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, effective_from, value, source FROM program_limit ORDER BY code, effective_from DESC",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A signature as stored: (signer, signer_name, strokes JSON, signed_at).
pub type StoredSignature = (String, String, String, String);

/// Adds a signature; `false` when that signer already signed.
pub fn insert_signature(
    conn: &Connection,
    calculation_id: i64,
    signer: &str,
    signer_name: &str,
    strokes: &str,
    signed_at: &str,
    captured_by: i64,
) -> Result<bool, StoreError> {
    let n = conn.execute(
        "INSERT INTO calculation_signature (calculation_id, signer, signer_name, strokes, signed_at, captured_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(calculation_id, signer) DO NOTHING",
        params![calculation_id, signer, signer_name, strokes, signed_at, captured_by],
    )?;
    Ok(n == 1)
}

pub fn signatures_for(conn: &Connection, calculation_id: i64) -> Result<Vec<StoredSignature>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT signer, signer_name, strokes, signed_at FROM calculation_signature WHERE calculation_id = ?1 ORDER BY signer",
    )?;
    let rows = stmt.query_map([calculation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A utility allowance schedule's heading.
pub struct StoredSchedule {
    pub id: i64,
    pub name: String,
    pub pha: String,
    pub unit_type: String,
    pub effective_from: NaiveDate,
    pub source: String,
}

/// Adds a schedule and its rows; `None` when one of that name already starts that day.
pub fn insert_schedule(
    conn: &Connection,
    s: &StoredSchedule,
    rows: &[crate::rules::utility_allowance::ScheduleRow],
    created_at: &str,
) -> Result<Option<i64>, StoreError> {
    let n = conn.execute(
        "INSERT INTO utility_schedule (name, pha, unit_type, effective_from, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(name, effective_from) DO NOTHING",
        params![s.name, s.pha, s.unit_type, s.effective_from, s.source, created_at],
    )?;
    if n == 0 {
        return Ok(None);
    }
    let id = conn.last_insert_rowid();
    for row in rows {
        let amounts: Vec<String> = row.by_bedrooms.iter().map(|m| m.0.to_string()).collect();
        conn.execute(
            "INSERT INTO utility_schedule_row (schedule_id, utility, fuel, amounts) VALUES (?1, ?2, ?3, ?4)",
            params![
                id,
                row.utility.code(),
                row.fuel.code(),
                serde_json::to_string(&amounts).map_err(|e| StoreError::Invariant(e.to_string()))?
            ],
        )?;
    }
    Ok(Some(id))
}

/// Every schedule, newest first.
pub fn schedules(conn: &Connection) -> Result<Vec<StoredSchedule>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, pha, unit_type, effective_from, source FROM utility_schedule ORDER BY effective_from DESC, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredSchedule {
            id: r.get(0)?,
            name: r.get(1)?,
            pha: r.get(2)?,
            unit_type: r.get(3)?,
            effective_from: r.get(4)?,
            source: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A schedule's rows.
pub fn schedule_rows(
    conn: &Connection,
    schedule_id: i64,
) -> Result<Vec<crate::rules::utility_allowance::ScheduleRow>, StoreError> {
    use crate::rules::utility_allowance::ScheduleRow;
    let mut stmt = conn.prepare_cached(
        "SELECT utility, fuel, amounts FROM utility_schedule_row WHERE schedule_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt
        .query_map([schedule_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|row| {
        let (utility, fuel, amounts) = row?;
        let bad = |what: &str| StoreError::Invariant(format!("utility schedule {schedule_id}: {what}"));
        let amounts: Vec<String> = serde_json::from_str(&amounts).map_err(|_| bad("amounts"))?;
        let mut by_bedrooms = [Money::ZERO; 6];
        for (slot, a) in by_bedrooms.iter_mut().zip(&amounts) {
            *slot = Money(decimal(a)?);
        }
        Ok(ScheduleRow {
            utility: Choice::from_code(&utility).ok_or_else(|| bad("utility"))?,
            fuel: Choice::from_code(&fuel).ok_or_else(|| bad("fuel"))?,
            by_bedrooms,
        })
    })
    .collect()
}

/// The Small Area FMR for `bedrooms` in `zip` in force on `on`.
pub fn small_area_fmr_on(
    conn: &Connection,
    zip: &str,
    bedrooms: u32,
    on: NaiveDate,
) -> Result<Option<Figure>, StoreError> {
    figure(
        conn,
        "SELECT amount, effective_from, source FROM small_area_fmr
         WHERE zip = ?1 AND bedrooms = ?2 AND effective_from <= ?3 ORDER BY effective_from DESC LIMIT 1",
        params![zip, bedrooms, on],
    )
}

/// Which published figure is set: an area's FMR or income limit, or a ZIP
/// code's Small Area FMR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureOf<'a> {
    FairMarketRent { area: i64 },
    IncomeLimit { area: i64 },
    SmallAreaFmr { zip: &'a str },
}

/// Sets one published figure for a date and a bedroom count or household
/// size; answers the amount it replaced, if any.
pub fn set_figure(
    conn: &Connection,
    of: FigureOf<'_>,
    from: NaiveDate,
    size: u32,
    amount: Money,
    source: &str,
) -> Result<Option<Money>, StoreError> {
    // Table and column names come from this fixed list, never from input.
    let (table, key_column, size_column, key): (_, _, _, &dyn rusqlite::ToSql) = match &of {
        FigureOf::FairMarketRent { area } => ("fair_market_rent", "area_id", "bedrooms", area),
        FigureOf::IncomeLimit { area } => ("income_limit", "area_id", "household_size", area),
        FigureOf::SmallAreaFmr { zip } => ("small_area_fmr", "zip", "bedrooms", zip),
    };
    let old = figure(
        conn,
        &format!(
            "SELECT amount, effective_from, source FROM {table}
             WHERE {key_column} = ?1 AND effective_from = ?2 AND {size_column} = ?3"
        ),
        params![key, from, size],
    )?;
    conn.execute(
        &format!(
            "INSERT INTO {table} ({key_column}, effective_from, {size_column}, amount, source) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT({key_column}, effective_from, {size_column})
             DO UPDATE SET amount = excluded.amount, source = excluded.source"
        ),
        params![key, from, size, amount.0.to_string(), source],
    )?;
    Ok(old.map(|f| f.amount))
}

/// How many ZIP codes have Small Area FMRs, and the newest date among them.
pub fn small_area_summary(conn: &Connection) -> Result<(u64, Option<NaiveDate>), StoreError> {
    Ok(conn.query_row("SELECT count(DISTINCT zip), max(effective_from) FROM small_area_fmr", [], |r| {
        Ok((u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), r.get(1)?))
    })?)
}

/// Adds a program limit's value from a date; `false` when one already starts that day.
pub fn insert_program_limit(
    conn: &Connection,
    code: &str,
    from: NaiveDate,
    value: &str,
    source: &str,
) -> Result<bool, StoreError> {
    let n = conn.execute(
        "INSERT INTO program_limit (code, effective_from, value, source) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(code, effective_from) DO NOTHING",
        params![code, from, value, source],
    )?;
    Ok(n == 1)
}

/// The office's holidays from `from` to `to` (inclusive), for business days.
pub fn holidays(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<std::collections::BTreeSet<chrono::NaiveDate>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT day FROM holiday WHERE day BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map(rusqlite::params![from, to], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
