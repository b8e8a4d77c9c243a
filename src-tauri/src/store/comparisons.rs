//! Repository: rent comparisons and their comparable units.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::timestamp;
use super::StoreError;
use crate::comparisons::{Comparable, Determination};
use crate::rules::Money;
use crate::validation::Choice;

/// A comparison as stored.
pub struct StoredComparison {
    pub id: i64,
    pub unit_id: i64,
    pub proposed_rent: Money,
    pub comparables: Vec<Comparable>,
    pub determination: Determination,
    pub notes: Option<String>,
    pub determined_on: NaiveDate,
    pub staff_name: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    unit_id: i64,
    proposed_rent: Money,
    comparables: &[Comparable],
    determination: &str,
    notes: Option<&str>,
    determined_on: NaiveDate,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO rent_comparison (unit_id, proposed_rent, determination, notes, determined_on, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![unit_id, proposed_rent.0.to_string(), determination, notes, determined_on, staff_id, timestamp(at)],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO comparable (comparison_id, address, bedrooms, housing_type, square_feet, year_built, quality,
             amenities, utilities_included, rent, source, seen_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for c in comparables {
        stmt.execute(params![
            id,
            c.address,
            c.bedrooms,
            c.housing_type.code(),
            c.square_feet,
            c.year_built,
            c.quality.code(),
            c.amenities,
            c.utilities_included,
            c.rent.0.to_string(),
            c.source,
            c.seen_on
        ])?;
    }
    Ok(id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<StoredComparison>, StoreError> {
    let head = conn
        .query_row(
            "SELECT rc.id, rc.unit_id, rc.proposed_rent, rc.determination, rc.notes, rc.determined_on, s.full_name
             FROM rent_comparison rc LEFT JOIN staff s ON s.id = rc.staff_id WHERE rc.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, NaiveDate>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((id, unit_id, proposed_rent, determination, notes, determined_on, staff_name)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT address, bedrooms, housing_type, square_feet, year_built, quality, amenities, utilities_included,
                rent, source, seen_on
         FROM comparable WHERE comparison_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<u32>>(3)?,
            r.get::<_, Option<u32>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, NaiveDate>(10)?,
        ))
    })?;
    let mut comparables = Vec::new();
    for row in rows {
        let (
            address,
            bedrooms,
            housing_type,
            square_feet,
            year_built,
            quality,
            amenities,
            utilities_included,
            rent,
            source,
            seen_on,
        ) = row?;
        comparables.push(Comparable {
            address,
            bedrooms,
            housing_type: code(&housing_type)?,
            square_feet,
            year_built,
            quality: code(&quality)?,
            amenities,
            utilities_included,
            rent: money(&rent)?,
            source,
            seen_on,
        });
    }
    Ok(Some(StoredComparison {
        id,
        unit_id,
        proposed_rent: money(&proposed_rent)?,
        comparables,
        determination: code(&determination)?,
        notes,
        determined_on,
        staff_name,
    }))
}

/// A unit's comparisons, newest first.
pub fn for_unit(conn: &Connection, unit_id: i64) -> Result<Vec<StoredComparison>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM rent_comparison WHERE unit_id = ?1 ORDER BY determined_on DESC, id DESC")?;
    let ids: Vec<i64> = stmt.query_map([unit_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    ids.into_iter().filter_map(|id| get(conn, id).transpose()).collect()
}

fn code<T: Choice>(c: &str) -> Result<T, StoreError> {
    super::code(c, "rent comparison")
}

fn money(text: &str) -> Result<Money, StoreError> {
    super::money(text, "rent comparison")
}
