//! Repository: the program reference tables, looked up by the date in force.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use super::StoreError;
use crate::reference::{DeductionSet, Figure, FmrArea};
use crate::rules::Money;

fn decimal(text: &str) -> Result<Decimal, StoreError> {
    text.parse().map_err(|_| StoreError::Invariant(format!("{text:?} in a reference table is not a number")))
}

/// The deduction amounts in force on `on`.
pub fn deduction_set_on(conn: &Connection, on: NaiveDate) -> Result<Option<DeductionSet>, StoreError> {
    conn.prepare_cached(
        "SELECT effective_from, label, dependent_deduction, elderly_disabled_deduction, medical_threshold_percent, source
         FROM deduction_set WHERE effective_from <= ?1 ORDER BY effective_from DESC LIMIT 1",
    )?
    .query_row([on], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get(5)?))
    })
    .optional()?
    .map(|(effective_from, label, dependent, elderly, threshold, source)| {
        Ok(DeductionSet {
            effective_from,
            label,
            dependent_deduction: Money(decimal(&dependent)?),
            elderly_disabled_deduction: Money(decimal(&elderly)?),
            medical_threshold_percent: decimal(&threshold)?,
            source,
        })
    })
    .transpose()
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
}

pub fn insert_calculation(conn: &Connection, c: &NewCalculation<'_>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO income_calculation (participant_id, kind, as_of, details, input, result, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![c.participant_id, c.kind, c.as_of, c.details, c.input, c.result, c.staff_id, c.created_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A participant's saved calculations, newest first: (id, kind, as_of, details, result, staff name, created_at).
pub type StoredCalculation = (i64, String, NaiveDate, String, String, Option<String>, String);

/// One saved calculation and its participant's id.
pub fn calculation(conn: &Connection, id: i64) -> Result<Option<(i64, StoredCalculation)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT c.participant_id, c.id, c.kind, c.as_of, c.details, c.result, s.full_name, c.created_at
             FROM income_calculation c LEFT JOIN staff s ON s.id = c.staff_id WHERE c.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        })
        .optional()?)
}

pub fn calculations_for(conn: &Connection, participant_id: i64) -> Result<Vec<StoredCalculation>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.kind, c.as_of, c.details, c.result, s.full_name, c.created_at
         FROM income_calculation c LEFT JOIN staff s ON s.id = c.staff_id
         WHERE c.participant_id = ?1 ORDER BY c.as_of DESC, c.id DESC",
    )?;
    let rows = stmt.query_map([participant_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
