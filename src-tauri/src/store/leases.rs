//! Repository: leases.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::rules::Money;

pub struct NewLease<'a> {
    pub participant_id: i64,
    pub unit_id: i64,
    pub option: &'a str,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub move_in_date: Option<NaiveDate>,
    pub contract_rent: Money,
    pub calculation_id: i64,
    pub inspection_id: i64,
    pub comparison_id: i64,
    pub check_id: i64,
    pub staff_id: i64,
}

/// A lease as stored.
pub struct StoredLease {
    pub id: i64,
    pub participant_id: i64,
    pub participant_name: String,
    pub unit_id: i64,
    pub unit_address: String,
    pub option: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub move_in_date: Option<NaiveDate>,
    pub contract_rent: Money,
    pub calculation_id: i64,
    pub inspection_id: i64,
    pub comparison_id: i64,
    pub check_id: i64,
    pub active: bool,
    pub move_out_date: Option<NaiveDate>,
    pub move_out_reason: Option<String>,
}

pub fn insert(conn: &Connection, l: &NewLease<'_>, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO lease (participant_id, unit_id, option, start_date, end_date, move_in_date, contract_rent,
             calculation_id, inspection_id, comparison_id, check_id, status, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'active', ?12, ?13)",
        params![
            l.participant_id,
            l.unit_id,
            l.option,
            l.start_date,
            l.end_date,
            l.move_in_date,
            l.contract_rent.0.to_string(),
            l.calculation_id,
            l.inspection_id,
            l.comparison_id,
            l.check_id,
            l.staff_id,
            timestamp(at)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn end(conn: &Connection, id: i64, move_out: NaiveDate, reason: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE lease SET status = 'ended', move_out_date = ?2, move_out_reason = ?3 WHERE id = ?1",
        params![id, move_out, reason],
    )?;
    Ok(())
}

const COLUMNS: &str = "l.id, l.participant_id, p.legal_name, l.unit_id,
    u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city, l.option, l.start_date, l.end_date,
    l.move_in_date, l.contract_rent, l.calculation_id, l.inspection_id, l.comparison_id, l.check_id, l.status,
    l.move_out_date, l.move_out_reason";

pub fn get(conn: &Connection, id: i64) -> Result<Option<StoredLease>, StoreError> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM lease l JOIN participant p ON p.id = l.participant_id JOIN unit u ON u.id = l.unit_id
             WHERE l.id = ?1"
        ),
        [id],
        |r| Ok(read(r)),
    )
    .optional()?
    .transpose()
}

/// Leases where `column` (`l.unit_id` or `l.participant_id`, never typed
/// text) is `id`, newest first.
pub fn list(conn: &Connection, column: &'static str, id: i64) -> Result<Vec<StoredLease>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM lease l JOIN participant p ON p.id = l.participant_id JOIN unit u ON u.id = l.unit_id
         WHERE {column} = ?1 ORDER BY l.start_date DESC, l.id DESC"
    ))?;
    let rows = stmt.query_map([id], |r| Ok(read(r)))?;
    rows.map(|r| r?).collect()
}

fn read(r: &Row<'_>) -> Result<StoredLease, StoreError> {
    let rent: String = r.get(9)?;
    let status: String = r.get(14)?;
    Ok(StoredLease {
        id: r.get(0)?,
        participant_id: r.get(1)?,
        participant_name: r.get(2)?,
        unit_id: r.get(3)?,
        unit_address: r.get(4)?,
        option: r.get(5)?,
        start_date: r.get(6)?,
        end_date: r.get(7)?,
        move_in_date: r.get(8)?,
        contract_rent: super::money(&rent, "lease")?,
        calculation_id: r.get(10)?,
        inspection_id: r.get(11)?,
        comparison_id: r.get(12)?,
        check_id: r.get(13)?,
        active: status == "active",
        move_out_date: r.get(15)?,
        move_out_reason: r.get(16)?,
    })
}
