//! Repository: what the dashboard watches, one query per kind of item, each
//! over every participant at once (no query per person).

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use super::StoreError;

/// A participant a dashboard item is about.
pub struct Candidate {
    pub participant_id: i64,
    pub name: String,
    pub case_manager_id: Option<i64>,
    /// Someone else who answers for the item (who started a screening).
    pub other_owner: Option<i64>,
    pub date: Option<NaiveDate>,
    /// Numbers the item shows (visits and home visits; steps done).
    pub first: i64,
    pub second: i64,
    /// A word the item shows (the kind of stay, the list).
    pub text: Option<String>,
    /// The participant's status code.
    pub status: String,
}

/// People referred, screening or eligible with a discharge or release date
/// between `from` and `to`.
pub fn releases(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT id, legal_name, case_manager_id, NULL, expected_release_date, 0, 0, referral_source, status
         FROM participant
         WHERE status IN ('referred', 'screening', 'eligible') AND expected_release_date BETWEEN ?1 AND ?2",
        params![from, to],
    )
}

/// Screenings started and not finished (the date is when they began).
pub fn unfinished_screenings(conn: &Connection) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT p.id, p.legal_name, p.case_manager_id, sc.started_by, substr(sc.started_at, 1, 10),
                json_array_length(sc.steps_done), 0, NULL, p.status
         FROM screening sc JOIN participant p ON p.id = sc.participant_id
         WHERE sc.finished_at IS NULL AND p.status NOT IN ('exited')",
        [],
    )
}

/// Enrolled and housed people whose counted visits between `from` and `to`
/// (a month) fall short: fewer than `visits`, or fewer than `home` at home.
pub fn visits_short(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    visits: u32,
    home: u32,
) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT p.id, p.legal_name, p.case_manager_id, NULL, NULL, COALESCE(v.n, 0), COALESCE(v.home, 0), NULL, p.status
         FROM participant p
         LEFT JOIN (SELECT participant_id, count(*) AS n, sum(kind = 'home') AS home
                    FROM engagement_visit
                    WHERE visit_date BETWEEN ?1 AND ?2 AND kind IN ('home', 'community')
                    GROUP BY participant_id) v ON v.participant_id = p.id
         WHERE p.status IN ('enrolled', 'housed') AND (COALESCE(v.n, 0) < ?3 OR COALESCE(v.home, 0) < ?4)",
        params![from, to, visits, home],
    )
}

/// Enrolled and housed people with the date of their last full income
/// calculation that sets the rent.
pub fn last_full_calculations(conn: &Connection) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT p.id, p.legal_name, p.case_manager_id, NULL, max(c.as_of), 0, 0, NULL, p.status
         FROM participant p JOIN income_calculation c ON c.participant_id = p.id
         WHERE p.status IN ('enrolled', 'housed') AND c.applies = 1 AND c.kind <> 'interim'
         GROUP BY p.id",
        [],
    )
}

/// Temporary housing stays still open (the date is the first day).
pub fn open_temporary_stays(conn: &Connection) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT p.id, p.legal_name, p.case_manager_id, NULL, s.start_date, 0, 0, s.place, p.status
         FROM stay s JOIN participant p ON p.id = s.participant_id
         WHERE s.kind = 'temporary_housing' AND s.end_date IS NULL AND p.status <> 'exited'",
        [],
    )
}

/// Active leases whose last day (after renewals) is on or before `by`; the
/// unit's id in `first`, its address in `text`.
pub fn leases_ending(conn: &Connection, by: NaiveDate) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT p.id, p.legal_name, p.case_manager_id, NULL, e.last_day, e.unit_id, l.id,
                u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city, p.status
         FROM (SELECT l.id, l.unit_id,
                      max(coalesce(l.end_date, ''), coalesce((SELECT max(c.end_date) FROM lease_change c
                          WHERE c.lease_id = l.id AND c.end_date IS NOT NULL), '')) AS last_day
               FROM lease l WHERE l.status = 'active') e
         JOIN lease l ON l.id = e.id JOIN participant p ON p.id = l.participant_id JOIN unit u ON u.id = e.unit_id
         WHERE e.last_day <> '' AND e.last_day <= ?1",
        params![by],
    )
}

/// Waiting lists people agreed to register for, opening on or before `by`.
pub fn waitlists_opening(conn: &Connection, by: NaiveDate) -> Result<Vec<Candidate>, StoreError> {
    query(
        conn,
        "SELECT p.id, p.legal_name, p.case_manager_id, NULL, w.opens_on, 0, 0, w.list, p.status
         FROM waitlist_registration w JOIN participant p ON p.id = w.participant_id
         WHERE w.status = 'agreed' AND w.opens_on IS NOT NULL AND w.opens_on <= ?1
           AND p.status NOT IN ('exited', 'ineligible')",
        params![by],
    )
}

/// A unit's inspection history (oldest first) and who recorded the latest.
pub struct UnitHistory {
    pub unit_id: i64,
    pub address: String,
    pub history: Vec<crate::rules::inspection::InspectionRecord>,
    pub last_staff_id: Option<i64>,
}

/// Every inspected unit's history, in one pass over the inspections.
pub fn unit_inspections(conn: &Connection) -> Result<Vec<UnitHistory>, StoreError> {
    use crate::validation::Choice;
    let mut stmt = conn.prepare_cached(
        "SELECT i.unit_id, u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city, i.inspected_on, i.kind,
                i.outcome, i.extended_to, i.owner_refused, i.staff_id
         FROM inspection i JOIN unit u ON u.id = i.unit_id
         ORDER BY i.unit_id, i.inspected_on, i.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<UnitHistory> = Vec::new();
    let bad = |c: String| StoreError::Invariant(format!("unknown code {c:?} in the inspection table"));
    while let Some(r) = rows.next()? {
        let unit_id: i64 = r.get(0)?;
        let kind: String = r.get(3)?;
        let outcome: String = r.get(4)?;
        let record = crate::rules::inspection::InspectionRecord {
            inspected_on: r.get(2)?,
            kind: Choice::from_code(&kind).ok_or_else(|| bad(kind.clone()))?,
            outcome: Choice::from_code(&outcome).ok_or_else(|| bad(outcome.clone()))?,
            extended_to: r.get(5)?,
            owner_refused: r.get(6)?,
        };
        let staff: Option<i64> = r.get(7)?;
        match out.last_mut() {
            Some(last) if last.unit_id == unit_id => {
                last.history.push(record);
                last.last_staff_id = staff;
            }
            _ => out.push(UnitHistory { unit_id, address: r.get(1)?, history: vec![record], last_staff_id: staff }),
        }
    }
    Ok(out)
}

/// How many people exited between `from` and `to`.
pub fn exits_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<u64, StoreError> {
    super::count(conn, "SELECT count(*) FROM participant_exit WHERE exit_date BETWEEN ?1 AND ?2", params![from, to])
}

fn query(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Candidate>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, read)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn read(r: &Row<'_>) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        participant_id: r.get(0)?,
        name: r.get(1)?,
        case_manager_id: r.get(2)?,
        other_owner: r.get(3)?,
        date: r.get(4)?,
        first: r.get(5)?,
        second: r.get(6)?,
        text: r.get(7)?,
        status: r.get(8)?,
    })
}
