//! Repository: landlord incentives.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::incentives::Incentive;
use crate::rules::Money;

pub struct NewIncentive<'a> {
    pub landlord_id: i64,
    pub unit_id: i64,
    pub participant_id: Option<i64>,
    pub kind: &'a str,
    pub amount: Money,
    pub status: &'a str,
    pub offered_on: NaiveDate,
    pub paid_on: Option<NaiveDate>,
    pub documentation: Option<&'a str>,
    pub subsequent_move: bool,
    pub approved_by: Option<&'a str>,
    pub approved_on: Option<NaiveDate>,
    pub notes: Option<&'a str>,
    pub staff_id: i64,
}

pub fn insert(conn: &Connection, i: &NewIncentive<'_>, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO incentive (landlord_id, unit_id, participant_id, kind, amount, status, offered_on, paid_on,
             documentation, subsequent_move, approved_by, approved_on, notes, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            i.landlord_id,
            i.unit_id,
            i.participant_id,
            i.kind,
            i.amount.0.to_string(),
            i.status,
            i.offered_on,
            i.paid_on,
            i.documentation,
            i.subsequent_move,
            i.approved_by,
            i.approved_on,
            i.notes,
            i.staff_id,
            timestamp(at)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// How many incentives of `kind` were paid for this unit and participant.
pub fn paid_count(conn: &Connection, unit_id: i64, participant_id: Option<i64>, kind: &str) -> Result<u32, StoreError> {
    let n = super::count(
        conn,
        "SELECT count(*) FROM incentive WHERE unit_id = ?1 AND participant_id IS ?2 AND kind = ?3 AND status = 'paid'",
        params![unit_id, participant_id, kind],
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

const COLUMNS: &str =
    "i.id, i.landlord_id, i.unit_id, u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city,
    i.participant_id, p.legal_name, i.kind, i.amount, i.status, i.offered_on, i.paid_on, i.documentation,
    i.subsequent_move, i.approved_by, i.approved_on, i.notes";

/// Marks the oldest incentive of `kind` still offered for the unit (for the
/// participant, or for no one yet) as paid on `paid_on`; its id, if any.
pub fn mark_paid(
    conn: &Connection,
    unit_id: i64,
    participant_id: i64,
    kind: &str,
    paid_on: chrono::NaiveDate,
) -> Result<Option<i64>, StoreError> {
    use rusqlite::OptionalExtension;
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM incentive WHERE unit_id = ?1 AND kind = ?2 AND status = 'offered'
               AND (participant_id = ?3 OR participant_id IS NULL)
             ORDER BY participant_id IS NULL, offered_on, id LIMIT 1",
            rusqlite::params![unit_id, kind, participant_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = id {
        conn.execute(
            "UPDATE incentive SET status = 'paid', paid_on = ?2, participant_id = ?3 WHERE id = ?1",
            rusqlite::params![id, paid_on, participant_id],
        )?;
    }
    Ok(id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Incentive>, StoreError> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM incentive i JOIN unit u ON u.id = i.unit_id
             LEFT JOIN participant p ON p.id = i.participant_id WHERE i.id = ?1"
        ),
        [id],
        |r| Ok(read(r)),
    )
    .optional()?
    .transpose()
}

/// Incentives where `column` (`i.unit_id` or `i.landlord_id`, never typed
/// text) is `id`, newest first.
pub fn list(conn: &Connection, column: &'static str, id: i64) -> Result<Vec<Incentive>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM incentive i JOIN unit u ON u.id = i.unit_id
         LEFT JOIN participant p ON p.id = i.participant_id
         WHERE {column} = ?1 ORDER BY i.offered_on DESC, i.id DESC"
    ))?;
    let rows = stmt.query_map([id], |r| Ok(read(r)))?;
    rows.map(|r| r?).collect()
}

fn read(r: &Row<'_>) -> Result<Incentive, StoreError> {
    let code = |i: usize| -> Result<String, StoreError> { Ok(r.get::<_, String>(i)?) };
    let kind = code(6)?;
    let status = code(8)?;
    let amount = code(7)?;
    Ok(Incentive {
        id: r.get(0)?,
        landlord_id: r.get(1)?,
        unit_id: r.get(2)?,
        unit_address: r.get(3)?,
        participant_id: r.get(4)?,
        participant_name: r.get(5)?,
        kind: super::code(&kind, "incentive")?,
        amount: super::money(&amount, "incentive")?,
        status: super::code(&status, "incentive")?,
        offered_on: r.get(9)?,
        paid_on: r.get(10)?,
        documentation: r.get(11)?,
        subsequent_move: r.get(12)?,
        approved_by: r.get(13)?,
        approved_on: r.get(14)?,
        notes: r.get(15)?,
    })
}
