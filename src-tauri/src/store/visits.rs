//! Repository: engagement visits.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::StoreError;

/// A visit as stored.
pub struct StoredVisit {
    pub id: i64,
    pub visit_date: NaiveDate,
    pub kind: String,
    pub minutes: u32,
    pub with_whom: Option<String>,
    pub notes: Option<String>,
    pub linkages: String,
    pub staff_name: Option<String>,
}

/// A new visit.
pub struct NewVisit<'a> {
    pub participant_id: i64,
    pub visit_date: NaiveDate,
    pub kind: &'a str,
    pub minutes: u32,
    pub with_whom: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub linkages: &'a str,
    pub staff_id: i64,
    pub created_at: &'a str,
}

pub fn insert(conn: &Connection, v: &NewVisit<'_>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO engagement_visit (participant_id, visit_date, kind, minutes, with_whom, notes, linkages, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![v.participant_id, v.visit_date, v.kind, v.minutes, v.with_whom, v.notes, v.linkages, v.staff_id, v.created_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A participant's visits, newest first.
pub fn for_participant(conn: &Connection, participant_id: i64) -> Result<Vec<StoredVisit>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.visit_date, v.kind, v.minutes, v.with_whom, v.notes, v.linkages, s.full_name
         FROM engagement_visit v LEFT JOIN staff s ON s.id = v.staff_id
         WHERE v.participant_id = ?1 ORDER BY v.visit_date DESC, v.id DESC",
    )?;
    let rows = stmt.query_map([participant_id], |r| {
        Ok(StoredVisit {
            id: r.get(0)?,
            visit_date: r.get(1)?,
            kind: r.get(2)?,
            minutes: r.get(3)?,
            with_whom: r.get(4)?,
            notes: r.get(5)?,
            linkages: r.get(6)?,
            staff_name: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
