//! Repository: what the HMIS CSV export reads for a period, a table at a
//! time (one query per table, never one per participant). Plain rows; which
//! row becomes which HMIS record is decided in `reports::hmis`.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::StoreError;
use crate::demographics::Demographics;

/// A participant whose enrollment (their project stay) overlaps the period.
pub struct HmisPerson {
    pub id: i64,
    pub legal_name: String,
    pub birth_date: NaiveDate,
    pub referral_source: String,
    pub demographics: Demographics,
    /// When the record was made and last changed (RFC 3339, UTC).
    pub created_at: String,
    pub updated_at: String,
    /// The project start: the day they enrolled (enrollment.enrolled_on).
    pub enrolled_on: NaiveDate,
    /// When the enrollment was last saved (RFC 3339, UTC).
    pub enrollment_updated_at: String,
}

/// Everyone with an enrollment on or before `last` whose stay had not
/// already ended before `first` (an exit on or after the enrollment date and
/// before `first`). Sorted by id, which is also the HMIS PersonalID.
pub fn people(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<HmisPerson>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.legal_name, p.birth_date, p.referral_source, p.created_at, p.updated_at,
                e.enrolled_on, e.updated_at,
                p.sex, p.race_ethnicity, p.veteran_status, p.disabling_condition,
                p.mental_health_disorder, p.substance_use_disorder
         FROM participant p JOIN enrollment e ON e.participant_id = p.id
         WHERE e.enrolled_on <= ?2
           AND NOT EXISTS (SELECT 1 FROM participant_exit x
                           WHERE x.participant_id = p.id AND x.exit_date >= e.enrolled_on AND x.exit_date < ?1)
         ORDER BY p.id",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((|| {
            Ok(HmisPerson {
                id: r.get(0)?,
                legal_name: r.get(1)?,
                birth_date: r.get(2)?,
                referral_source: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
                enrolled_on: r.get(6)?,
                enrollment_updated_at: r.get(7)?,
                demographics: super::participants::read_demographics(r, 8)?,
            })
        })())
    })?;
    rows.map(|r| r?).collect()
}

/// A participant the records show in the program (marked enrolled or
/// housed, or moved into a unit by `last`) without an enrollment date, and
/// not gone before `first`: the export cannot say when their stay began.
pub struct UndatedStay {
    pub id: i64,
    pub legal_name: String,
    pub status: String,
}

pub fn undated_stays(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<UndatedStay>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.legal_name, p.status FROM participant p
         WHERE NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.participant_id = p.id)
           AND p.referral_date <= ?2
           AND (p.status IN ('enrolled', 'housed')
                OR EXISTS (SELECT 1 FROM lease l WHERE l.participant_id = p.id AND l.move_in_date <= ?2))
           AND NOT (p.status = 'exited'
                    AND (SELECT max(x.exit_date) FROM participant_exit x WHERE x.participant_id = p.id) < ?1)
         ORDER BY p.sort_name, p.id",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok(UndatedStay { id: r.get(0)?, legal_name: r.get(1)?, status: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An exit on or before `last`.
pub struct HmisExitRow {
    pub id: i64,
    pub participant_id: i64,
    pub exit_date: NaiveDate,
    pub destination: String,
    pub created_at: String,
}

/// Exits on or before `last`, oldest first.
pub fn exits(conn: &Connection, last: NaiveDate) -> Result<Vec<HmisExitRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, participant_id, exit_date, destination, created_at FROM participant_exit
         WHERE exit_date <= ?1 ORDER BY exit_date, id",
    )?;
    let rows = stmt.query_map(params![last], |r| {
        Ok(HmisExitRow {
            id: r.get(0)?,
            participant_id: r.get(1)?,
            exit_date: r.get(2)?,
            destination: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A lease's move-in (and move-out), for the HMIS MoveInDate.
pub struct HmisMoveIn {
    pub participant_id: i64,
    pub move_in_date: NaiveDate,
    pub move_out_date: Option<NaiveDate>,
}

/// Every move-in on or before `last`, oldest first.
pub fn move_ins(conn: &Connection, last: NaiveDate) -> Result<Vec<HmisMoveIn>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, move_in_date, move_out_date FROM lease
         WHERE move_in_date IS NOT NULL AND move_in_date <= ?1 ORDER BY move_in_date, id",
    )?;
    let rows = stmt.query_map(params![last], |r| {
        Ok(HmisMoveIn { participant_id: r.get(0)?, move_in_date: r.get(1)?, move_out_date: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A stay in an institution or temporary housing around an exit.
pub struct HmisStay {
    pub participant_id: i64,
    pub kind: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

/// Stays that began on or before `last`, oldest first.
pub fn stays(conn: &Connection, last: NaiveDate) -> Result<Vec<HmisStay>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, kind, start_date, end_date FROM stay WHERE start_date <= ?1 ORDER BY start_date, id",
    )?;
    let rows = stmt.query_map(params![last], |r| {
        Ok(HmisStay { participant_id: r.get(0)?, kind: r.get(1)?, start_date: r.get(2)?, end_date: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A saved income calculation: its kind, date and result (JSON).
pub struct HmisCalculation {
    pub id: i64,
    pub participant_id: i64,
    pub kind: String,
    pub as_of: NaiveDate,
    /// The saved `CalculationResult`, as JSON.
    pub result: String,
    pub created_at: String,
}

/// Income calculations dated on or before `last`, oldest first.
pub fn calculations(conn: &Connection, last: NaiveDate) -> Result<Vec<HmisCalculation>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, participant_id, kind, as_of, result, created_at FROM income_calculation
         WHERE as_of <= ?1 ORDER BY as_of, id",
    )?;
    let rows = stmt.query_map(params![last], |r| {
        Ok(HmisCalculation {
            id: r.get(0)?,
            participant_id: r.get(1)?,
            kind: r.get(2)?,
            as_of: r.get(3)?,
            result: r.get(4)?,
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When the office was set up (RFC 3339, UTC), and the earliest enrollment:
/// the project's operating start is the earlier of the two.
pub fn program_start(conn: &Connection) -> Result<(Option<String>, Option<NaiveDate>), StoreError> {
    let office: Option<String> =
        conn.query_row("SELECT max(created_at) FROM office", [], |r| r.get::<_, Option<String>>(0))?;
    let enrolled: Option<NaiveDate> =
        conn.query_row("SELECT min(enrolled_on) FROM enrollment", [], |r| r.get::<_, Option<NaiveDate>>(0))?;
    Ok((office, enrolled))
}
