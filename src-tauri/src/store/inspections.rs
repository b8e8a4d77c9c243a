//! Repository: the inspection checklist template, inspections and their items.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::inspections::{Inspection, Item, Responsible};
use crate::validation::Choice;

/// The newest checklist template: version, name and sections (JSON).
pub fn latest_template(conn: &Connection) -> Result<(String, String, String), StoreError> {
    Ok(conn.query_row(
        "SELECT version, name, sections FROM inspection_template ORDER BY rowid DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

pub struct NewInspection<'a> {
    pub unit_id: i64,
    pub template_version: &'a str,
    pub kind: &'a str,
    pub inspected_on: NaiveDate,
    pub inspector: &'a str,
    pub children_under_6: u32,
    pub outcome: &'a str,
    pub follow_up_due: Option<NaiveDate>,
    pub owner_refused: bool,
    pub staff_minutes: Option<u32>,
    pub vendor_fee: Option<String>,
    pub staff_id: i64,
}

pub fn insert(conn: &Connection, i: &NewInspection<'_>, items: &[Item], at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO inspection (unit_id, template_version, kind, inspected_on, inspector, children_under_6, outcome,
             follow_up_due, owner_refused, staff_minutes, vendor_fee, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            i.unit_id,
            i.template_version,
            i.kind,
            i.inspected_on,
            i.inspector,
            i.children_under_6,
            i.outcome,
            i.follow_up_due,
            i.owner_refused,
            i.staff_minutes,
            i.vendor_fee,
            i.staff_id,
            timestamp(at)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO inspection_item (inspection_id, code, room, result, comment, responsible)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for item in items {
        stmt.execute(params![
            id,
            item.code,
            item.room,
            item.result.code(),
            item.comment,
            item.responsible.map(|r| r.code())
        ])?;
    }
    Ok(id)
}

pub fn extend(conn: &Connection, id: i64, new_date: NaiveDate, reason: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE inspection SET extended_to = ?2, extension_reason = ?3 WHERE id = ?1",
        params![id, new_date, reason],
    )?;
    Ok(())
}

pub fn set_owner_refused(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.execute("UPDATE inspection SET owner_refused = 1 WHERE id = ?1", [id])?;
    Ok(())
}

const COLUMNS: &str = "i.id, i.unit_id, i.template_version, i.kind, i.inspected_on, i.inspector, i.children_under_6,
    i.outcome, i.follow_up_due, i.extended_to, i.extension_reason, i.owner_refused, i.staff_minutes, i.vendor_fee,
    s.full_name, i.template_version";

pub fn get(conn: &Connection, id: i64) -> Result<Option<Inspection>, StoreError> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM inspection i LEFT JOIN staff s ON s.id = i.staff_id WHERE i.id = ?1"),
            [id],
            |r| Ok(read(r)),
        )
        .optional()?
        .transpose()?;
    found.map(|i| with_items(conn, i)).transpose()
}

/// A unit's inspections with their items, newest first.
pub fn for_unit(conn: &Connection, unit_id: i64) -> Result<Vec<Inspection>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inspection i LEFT JOIN staff s ON s.id = i.staff_id
         WHERE i.unit_id = ?1 ORDER BY i.inspected_on DESC, i.id DESC"
    ))?;
    let rows = stmt.query_map([unit_id], |r| Ok(read(r)))?.map(|r| r?).collect::<Result<Vec<_>, StoreError>>()?;
    rows.into_iter().map(|i| with_items(conn, i)).collect()
}

fn with_items(conn: &Connection, mut i: Inspection) -> Result<Inspection, StoreError> {
    let names = item_names(conn, &i.template_version)?;
    let mut stmt = conn.prepare_cached(
        "SELECT code, room, result, comment, responsible FROM inspection_item WHERE inspection_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([i.id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    for row in rows {
        let (code, room, result, comment, responsible) = row?;
        let name = names.iter().find(|(c, _)| *c == code).map(|(_, n)| n.clone()).unwrap_or_default();
        i.items.push(Item {
            code,
            name,
            room,
            result: parse(&result)?,
            comment,
            responsible: responsible.as_deref().map(parse::<Responsible>).transpose()?,
        });
    }
    Ok(i)
}

/// Each item's code and name in a template version.
fn item_names(conn: &Connection, version: &str) -> Result<Vec<(String, String)>, StoreError> {
    let sections: String =
        conn.query_row("SELECT sections FROM inspection_template WHERE version = ?1", [version], |r| r.get(0))?;
    let parsed: Vec<crate::inspections::TemplateSection> =
        serde_json::from_str(&sections).map_err(|e| StoreError::Invariant(format!("template {version}: {e}")))?;
    Ok(parsed.into_iter().flat_map(|s| s.items.into_iter().map(|i| (i.code, i.name))).collect())
}

fn read(r: &Row<'_>) -> Result<Inspection, StoreError> {
    let fee: Option<String> = r.get(13)?;
    Ok(Inspection {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        template_version: r.get(2)?,
        kind: parse(&r.get::<_, String>(3)?)?,
        inspected_on: r.get(4)?,
        inspector: r.get(5)?,
        children_under_6: r.get(6)?,
        outcome: parse(&r.get::<_, String>(7)?)?,
        follow_up_due: r.get(8)?,
        extended_to: r.get(9)?,
        extension_reason: r.get(10)?,
        owner_refused: r.get(11)?,
        staff_minutes: r.get(12)?,
        vendor_fee: fee.map(|f| super::money(&f, "inspection")).transpose()?,
        items: Vec::new(),
        staff_name: r.get(14)?,
    })
}

fn parse<T: Choice>(code: &str) -> Result<T, StoreError> {
    super::code(code, "inspection")
}
