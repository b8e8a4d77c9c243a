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
    pub landlord_id: i64,
    pub landlord_name: String,
    pub next_participant_id: Option<i64>,
    pub next_participant_name: Option<String>,
    pub next_identified_on: Option<NaiveDate>,
    pub next_moves_in_on: Option<NaiveDate>,
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
    l.move_out_date, l.move_out_reason, u.landlord_id, ll.name, l.next_participant_id, np.legal_name,
    l.next_identified_on, l.next_moves_in_on";

const FROM: &str = "FROM lease l JOIN participant p ON p.id = l.participant_id JOIN unit u ON u.id = l.unit_id
    JOIN landlord ll ON ll.id = u.landlord_id LEFT JOIN participant np ON np.id = l.next_participant_id";

pub fn get(conn: &Connection, id: i64) -> Result<Option<StoredLease>, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} {FROM} WHERE l.id = ?1"), [id], |r| Ok(read(r))).optional()?.transpose()
}

/// Leases where `column` (`l.unit_id` or `l.participant_id`, never typed
/// text) is `id`, newest first.
pub fn list(conn: &Connection, column: &'static str, id: i64) -> Result<Vec<StoredLease>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE {column} = ?1 ORDER BY l.start_date DESC, l.id DESC"
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
        landlord_id: r.get(17)?,
        landlord_name: r.get(18)?,
        next_participant_id: r.get(19)?,
        next_participant_name: r.get(20)?,
        next_identified_on: r.get(21)?,
        next_moves_in_on: r.get(22)?,
    })
}

/// Leases a payment run for the month from `first` to `last` may pay on:
/// begun by its last day, and active or moved out recently enough that the
/// vacancy rules may still pay (at most 30 days after the end of the month
/// vacated, or 90 days when the next participant is identified).
pub fn for_month(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<StoredLease>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE l.start_date <= ?2
           AND (l.status = 'active' OR l.move_out_date >= date(?1, '-100 days'))
         ORDER BY ll.name, l.id"
    ))?;
    let rows = stmt.query_map(params![first, last], |r| Ok(read(r)))?;
    rows.map(|r| r?).collect()
}

pub fn set_move_in(conn: &Connection, id: i64, move_in: NaiveDate) -> Result<(), StoreError> {
    conn.execute("UPDATE lease SET move_in_date = ?2 WHERE id = ?1", params![id, move_in])?;
    Ok(())
}

pub fn set_next_participant(
    conn: &Connection,
    id: i64,
    next: Option<(i64, NaiveDate, NaiveDate)>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE lease SET next_participant_id = ?2, next_identified_on = ?3, next_moves_in_on = ?4 WHERE id = ?1",
        params![id, next.map(|n| n.0), next.map(|n| n.1), next.map(|n| n.2)],
    )?;
    Ok(())
}

/// A change to a lease as stored.
#[derive(Debug, Clone)]
pub struct StoredChange {
    pub id: i64,
    pub lease_id: i64,
    pub kind: String,
    pub effective_on: NaiveDate,
    pub calculation_id: Option<i64>,
    pub contract_rent: Option<Money>,
    pub comparison_id: Option<i64>,
    pub end_date: Option<NaiveDate>,
    pub note: Option<String>,
    pub staff_name: Option<String>,
    pub created_at: String,
}

pub fn insert_change(conn: &Connection, c: &StoredChange, staff_id: i64, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO lease_change (lease_id, kind, effective_on, calculation_id, contract_rent, comparison_id, end_date,
             note, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.lease_id,
            c.kind,
            c.effective_on,
            c.calculation_id,
            c.contract_rent.map(|m| m.0.to_string()),
            c.comparison_id,
            c.end_date,
            c.note,
            staff_id,
            timestamp(at)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The changes of lease `lease_id`, in the order they take effect.
pub fn changes(conn: &Connection, lease_id: i64) -> Result<Vec<StoredChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.lease_id, c.kind, c.effective_on, c.calculation_id, c.contract_rent, c.comparison_id,
                c.end_date, c.note, s.full_name, c.created_at
         FROM lease_change c LEFT JOIN staff s ON s.id = c.staff_id
         WHERE c.lease_id = ?1 ORDER BY c.effective_on, c.id",
    )?;
    let rows = stmt.query_map([lease_id], |r| {
        let rent: Option<String> = r.get(5)?;
        Ok((
            StoredChange {
                id: r.get(0)?,
                lease_id: r.get(1)?,
                kind: r.get(2)?,
                effective_on: r.get(3)?,
                calculation_id: r.get(4)?,
                contract_rent: None,
                comparison_id: r.get(6)?,
                end_date: r.get(7)?,
                note: r.get(8)?,
                staff_name: r.get(9)?,
                created_at: r.get(10)?,
            },
            rent,
        ))
    })?;
    rows.map(|r| {
        let (mut c, rent) = r?;
        c.contract_rent = rent.as_deref().map(|t| super::money(t, "lease_change")).transpose()?;
        Ok(c)
    })
    .collect()
}

/// A participant's stays in long-term care, an SMHRF or a jail or prison:
/// kind, first day, last day (for the vacancy rules).
pub fn institutional_stays(
    conn: &Connection,
    participant_id: i64,
) -> Result<Vec<(String, NaiveDate, Option<NaiveDate>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, start_date, end_date FROM stay
         WHERE participant_id = ?1 AND kind IN ('long_term_care', 'smhrf', 'jail_prison') ORDER BY start_date",
    )?;
    let rows = stmt.query_map([participant_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
