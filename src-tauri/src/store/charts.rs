//! Repository: what the program charts read, a table at a time and only the
//! columns they need (dates and ids, never names or notes), so a year of
//! charts over 10,000 participants is a handful of narrow queries.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::StoreError;

/// Each participant referred on or before `last`, with the referral day.
pub fn referrals(conn: &Connection, last: NaiveDate) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, referral_date FROM participant WHERE referral_date <= ?1")?;
    let rows = stmt.query_map([last], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Screenings finished on or before `last`: participant, the day, and the
/// determination code (empty when none was recorded), oldest first.
pub fn finished_screenings(conn: &Connection, last: NaiveDate) -> Result<Vec<(i64, NaiveDate, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, date(finished_at, 'localtime'), coalesce(determination, '') FROM screening
         WHERE finished_at IS NOT NULL AND date(finished_at, 'localtime') <= ?1 ORDER BY finished_at, id",
    )?;
    let rows = stmt.query_map([last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Moves into program units on or before `last`: participant, move-in and
/// move-out (if any), by move-in day.
pub fn move_ins(conn: &Connection, last: NaiveDate) -> Result<Vec<(i64, NaiveDate, Option<NaiveDate>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, move_in_date, move_out_date FROM lease
         WHERE move_in_date IS NOT NULL AND move_in_date <= ?1 ORDER BY move_in_date, id",
    )?;
    let rows = stmt.query_map([last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Exits from the program on or before `last`, oldest first.
pub fn exit_dates(conn: &Connection, last: NaiveDate) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT participant_id, exit_date FROM participant_exit WHERE exit_date <= ?1 ORDER BY exit_date, id",
    )?;
    let rows = stmt.query_map([last], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Visits counted by participant, month (its first day) and kind code,
/// from `first` to `last`, of the participants enrolled on or before `last`
/// or living in a program unit on some day of that span (only they are
/// held to the visits).
pub fn housed_visits_by_month(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, NaiveDate, String, u32)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.participant_id, substr(v.visit_date, 1, 7) || '-01', v.kind, count(*)
         FROM engagement_visit v
         WHERE v.participant_id IN (SELECT l.participant_id FROM lease l
                                    WHERE l.move_in_date IS NOT NULL AND l.move_in_date <= ?2
                                      AND (l.move_out_date IS NULL OR l.move_out_date >= ?1)
                                    UNION SELECT e.participant_id FROM enrollment e WHERE e.enrolled_on <= ?2)
           AND v.visit_date BETWEEN ?1 AND ?2
         GROUP BY v.participant_id, substr(v.visit_date, 1, 7), v.kind",
    )?;
    let rows = stmt.query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
