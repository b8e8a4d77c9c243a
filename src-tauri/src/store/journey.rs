//! Repository: screenings, waiting lists, enrollment, case plan goals,
//! vocational hours, employment, stays and exits.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::audit::timestamp;
use super::StoreError;
use crate::screening::Registration;
use crate::validation::Choice;

/// A screening as stored.
pub struct StoredScreening {
    pub id: i64,
    pub form: String,
    pub steps_done: String,
    pub finished_at: Option<String>,
    pub finished_by_name: Option<String>,
    pub determination: Option<String>,
    pub override_by_name: Option<String>,
    pub override_reason: Option<String>,
}

pub fn latest_screening(conn: &Connection, participant_id: i64) -> Result<Option<StoredScreening>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT sc.id, sc.form, sc.steps_done, sc.finished_at, s.full_name, sc.determination,
                    sc.override_by_name, sc.override_reason
             FROM screening sc LEFT JOIN staff s ON s.id = sc.finished_by
             WHERE sc.participant_id = ?1 ORDER BY sc.id DESC LIMIT 1",
            [participant_id],
            |r| {
                Ok(StoredScreening {
                    id: r.get(0)?,
                    form: r.get(1)?,
                    steps_done: r.get(2)?,
                    finished_at: r.get(3)?,
                    finished_by_name: r.get(4)?,
                    determination: r.get(5)?,
                    override_by_name: r.get(6)?,
                    override_reason: r.get(7)?,
                })
            },
        )
        .optional()?)
}

pub fn start_screening(
    conn: &Connection,
    participant_id: i64,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let now = timestamp(at);
    conn.execute(
        "INSERT INTO screening (participant_id, form, started_by, started_at, updated_at) VALUES (?1, '{}', ?2, ?3, ?3)",
        params![participant_id, staff_id, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn save_screening(
    conn: &Connection,
    id: i64,
    form: &str,
    steps_done: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE screening SET form = ?2, steps_done = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, form, steps_done, timestamp(at)],
    )?;
    Ok(())
}

pub struct FinishedScreening<'a> {
    pub id: i64,
    pub staff_id: i64,
    pub determination: &'a str,
    pub unmet: &'a str,
    pub override_by_name: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

pub fn finish_screening(conn: &Connection, f: &FinishedScreening<'_>, at: DateTime<Utc>) -> Result<(), StoreError> {
    let now = timestamp(at);
    conn.execute(
        "UPDATE screening SET finished_at = ?2, finished_by = ?3, determination = ?4, unmet = ?5,
             override_by_name = ?6, override_reason = ?7, updated_at = ?2
         WHERE id = ?1 AND finished_at IS NULL",
        params![f.id, now, f.staff_id, f.determination, f.unmet, f.override_by_name, f.override_reason],
    )?;
    Ok(())
}

/// The participant's registration on `list`, as the audit trail compares it.
pub fn waitlist(conn: &Connection, participant_id: i64, list: &str) -> Result<Option<RegistrationRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT list, status, registered_on, agency, opens_on FROM waitlist_registration
             WHERE participant_id = ?1 AND list = ?2",
            params![participant_id, list],
            |r| {
                Ok(RegistrationRecord {
                    list: r.get(0)?,
                    status: r.get(1)?,
                    registered_on: r.get(2)?,
                    agency: r.get(3)?,
                    opens_on: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// A registration as the audit trail compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistrationRecord {
    pub list: String,
    pub status: String,
    pub registered_on: Option<NaiveDate>,
    pub agency: Option<String>,
    pub opens_on: Option<NaiveDate>,
}

impl From<&Registration> for RegistrationRecord {
    fn from(r: &Registration) -> Self {
        Self {
            list: r.list.code().into(),
            status: r.status.code().into(),
            registered_on: r.registered_on,
            agency: r.agency.clone(),
            opens_on: r.opens_on,
        }
    }
}

/// Adds or replaces the participant's registration on one list.
pub fn upsert_waitlist(
    conn: &Connection,
    participant_id: i64,
    r: &Registration,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "INSERT INTO waitlist_registration (participant_id, list, status, registered_on, agency, opens_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (participant_id, list) DO UPDATE SET status = excluded.status,
             registered_on = excluded.registered_on, agency = COALESCE(excluded.agency, agency),
             opens_on = excluded.opens_on, updated_at = excluded.updated_at
         RETURNING id",
        params![participant_id, r.list.code(), r.status.code(), r.registered_on, r.agency, r.opens_on, timestamp(at)],
        |row| row.get(0),
    )?)
}

/// The enrollment as checked, also what the audit trail compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnrollmentRecord {
    pub enrolled_on: NaiveDate,
    pub case_manager_id: Option<i64>,
    pub soar_status: &'static str,
    pub soar_applied_on: Option<NaiveDate>,
    pub benefits_decision: &'static str,
    pub benefits_decision_on: Option<NaiveDate>,
    pub first_benefit_payment_on: Option<NaiveDate>,
}

/// The enrollment as stored, for the audit trail's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredEnrollmentRecord {
    pub enrolled_on: NaiveDate,
    pub case_manager_id: Option<i64>,
    pub soar_status: String,
    pub soar_applied_on: Option<NaiveDate>,
    pub benefits_decision: String,
    pub benefits_decision_on: Option<NaiveDate>,
    pub first_benefit_payment_on: Option<NaiveDate>,
}

pub fn enrollment(conn: &Connection, participant_id: i64) -> Result<Option<EnrollmentRecord>, StoreError> {
    let row = conn
        .query_row(
            "SELECT e.enrolled_on, p.case_manager_id, e.soar_status, e.soar_applied_on, e.benefits_decision,
                    e.benefits_decision_on, e.first_benefit_payment_on
             FROM enrollment e JOIN participant p ON p.id = e.participant_id WHERE e.participant_id = ?1",
            [participant_id],
            |r| {
                Ok(StoredEnrollmentRecord {
                    enrolled_on: r.get(0)?,
                    case_manager_id: r.get(1)?,
                    soar_status: r.get(2)?,
                    soar_applied_on: r.get(3)?,
                    benefits_decision: r.get(4)?,
                    benefits_decision_on: r.get(5)?,
                    first_benefit_payment_on: r.get(6)?,
                })
            },
        )
        .optional()?;
    row.map(|s| {
        Ok(EnrollmentRecord {
            enrolled_on: s.enrolled_on,
            case_manager_id: s.case_manager_id,
            soar_status: static_code::<crate::casework::SoarStatus>(&s.soar_status)?,
            soar_applied_on: s.soar_applied_on,
            benefits_decision: static_code::<crate::casework::BenefitsDecision>(&s.benefits_decision)?,
            benefits_decision_on: s.benefits_decision_on,
            first_benefit_payment_on: s.first_benefit_payment_on,
        })
    })
    .transpose()
}

pub fn save_enrollment(
    conn: &Connection,
    participant_id: i64,
    e: &EnrollmentRecord,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO enrollment (participant_id, enrolled_on, soar_status, soar_applied_on, benefits_decision,
             benefits_decision_on, first_benefit_payment_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7)
         ON CONFLICT (participant_id) DO UPDATE SET enrolled_on = excluded.enrolled_on,
             soar_status = excluded.soar_status, soar_applied_on = excluded.soar_applied_on,
             benefits_decision = excluded.benefits_decision, benefits_decision_on = excluded.benefits_decision_on,
             first_benefit_payment_on = excluded.first_benefit_payment_on, updated_at = excluded.updated_at",
        params![
            participant_id,
            e.enrolled_on,
            e.soar_status,
            e.soar_applied_on,
            e.benefits_decision,
            e.benefits_decision_on,
            timestamp(at),
            e.first_benefit_payment_on
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalRecord {
    pub area: &'static str,
    pub goal: String,
    pub target_date: Option<NaiveDate>,
    pub status: &'static str,
    pub achieved_on: Option<NaiveDate>,
}

pub fn goal(conn: &Connection, participant_id: i64, id: i64) -> Result<Option<GoalRecord>, StoreError> {
    let row = conn
        .query_row(
            "SELECT area, goal, target_date, status, achieved_on FROM case_plan_goal WHERE id = ?1 AND participant_id = ?2",
            [id, participant_id],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, r.get(4)?)),
        )
        .optional()?;
    row.map(|(area, goal, target_date, status, achieved_on)| {
        Ok(GoalRecord {
            area: static_code::<crate::casework::GoalArea>(&area)?,
            goal,
            target_date,
            status: static_code::<crate::casework::GoalStatus>(&status)?,
            achieved_on,
        })
    })
    .transpose()
}

pub fn save_goal(
    conn: &Connection,
    participant_id: i64,
    id: Option<i64>,
    g: &GoalRecord,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let now = timestamp(at);
    match id {
        Some(id) => {
            conn.execute(
                "UPDATE case_plan_goal SET area = ?3, goal = ?4, target_date = ?5, status = ?6, achieved_on = ?7,
                     updated_at = ?8
                 WHERE id = ?1 AND participant_id = ?2",
                params![id, participant_id, g.area, g.goal, g.target_date, g.status, g.achieved_on, now],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO case_plan_goal (participant_id, area, goal, target_date, status, achieved_on, staff_id,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![participant_id, g.area, g.goal, g.target_date, g.status, g.achieved_on, staff_id, now],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VocationalRecord {
    pub month: NaiveDate,
    pub provider_kind: &'static str,
    pub provider: String,
    pub hours: String,
}

/// What was recorded for the same month and provider, if anything.
pub fn vocational_for(
    conn: &Connection,
    participant_id: i64,
    v: &VocationalRecord,
) -> Result<Option<VocationalRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT hours FROM vocational_hours WHERE participant_id = ?1 AND month = ?2 AND provider_kind = ?3 AND provider = ?4",
            params![participant_id, v.month, v.provider_kind, v.provider],
            |r| Ok(VocationalRecord { hours: r.get(0)?, ..v.clone() }),
        )
        .optional()?)
}

/// Records a month's hours with a provider, replacing what was recorded for
/// the same month and provider.
pub fn save_vocational(
    conn: &Connection,
    participant_id: i64,
    v: &VocationalRecord,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "INSERT INTO vocational_hours (participant_id, month, provider_kind, provider, hours, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (participant_id, month, provider_kind, provider) DO UPDATE SET hours = excluded.hours
         RETURNING id",
        params![participant_id, v.month, v.provider_kind, v.provider, v.hours, timestamp(at)],
        |r| r.get(0),
    )?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobRecord {
    pub employer: String,
    pub job_title: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

pub fn job(conn: &Connection, participant_id: i64, id: i64) -> Result<Option<JobRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT employer, job_title, start_date, end_date FROM employment WHERE id = ?1 AND participant_id = ?2",
            [id, participant_id],
            |r| Ok(JobRecord { employer: r.get(0)?, job_title: r.get(1)?, start_date: r.get(2)?, end_date: r.get(3)? }),
        )
        .optional()?)
}

pub fn save_job(
    conn: &Connection,
    participant_id: i64,
    id: Option<i64>,
    j: &JobRecord,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    match id {
        Some(id) => {
            conn.execute(
                "UPDATE employment SET employer = ?3, job_title = ?4, start_date = ?5, end_date = ?6
                 WHERE id = ?1 AND participant_id = ?2",
                params![id, participant_id, j.employer, j.job_title, j.start_date, j.end_date],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO employment (participant_id, employer, job_title, start_date, end_date, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![participant_id, j.employer, j.job_title, j.start_date, j.end_date, timestamp(at)],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StayRecord {
    pub kind: &'static str,
    pub place: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub unit_id: Option<i64>,
    pub planned_end: Option<NaiveDate>,
}

pub fn stay(conn: &Connection, participant_id: i64, id: i64) -> Result<Option<StayRecord>, StoreError> {
    let row = conn
        .query_row(
            "SELECT kind, place, start_date, end_date, unit_id, planned_end FROM stay WHERE id = ?1 AND participant_id = ?2",
            [id, participant_id],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    row.map(|(kind, place, start_date, end_date, unit_id, planned_end)| {
        Ok(StayRecord {
            kind: static_code::<crate::casework::StayKind>(&kind)?,
            place,
            start_date,
            end_date,
            unit_id,
            planned_end,
        })
    })
    .transpose()
}

pub fn save_stay(
    conn: &Connection,
    participant_id: i64,
    id: Option<i64>,
    s: &StayRecord,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    match id {
        Some(id) => {
            conn.execute(
                "UPDATE stay SET kind = ?3, place = ?4, start_date = ?5, end_date = ?6, unit_id = ?7, planned_end = ?8
                 WHERE id = ?1 AND participant_id = ?2",
                params![id, participant_id, s.kind, s.place, s.start_date, s.end_date, s.unit_id, s.planned_end],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO stay (participant_id, kind, place, start_date, end_date, unit_id, planned_end, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    participant_id,
                    s.kind,
                    s.place,
                    s.start_date,
                    s.end_date,
                    s.unit_id,
                    s.planned_end,
                    timestamp(at)
                ],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExitRecord {
    pub exit_date: NaiveDate,
    pub reason: &'static str,
    pub destination: &'static str,
    pub unit_outcome: &'static str,
    pub notes: Option<String>,
}

pub fn save_exit(conn: &Connection, participant_id: i64, x: &ExitRecord, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO participant_exit (participant_id, exit_date, reason, destination, unit_outcome, notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![participant_id, x.exit_date, x.reason, x.destination, x.unit_outcome, x.notes, timestamp(at)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Rows of the case, codes as stored; the service reads them into types.
pub struct CaseRows {
    pub enrollment: Option<EnrollmentRow>,
    pub goals: Vec<GoalRow>,
    pub vocational: Vec<VocationalRow>,
    pub jobs: Vec<JobRow>,
    pub stays: Vec<StayRow>,
    pub waitlists: Vec<WaitlistRow>,
    pub exit: Option<ExitRow>,
}

pub struct EnrollmentRow {
    pub enrolled_on: NaiveDate,
    pub case_manager_id: Option<i64>,
    pub case_manager_name: Option<String>,
    pub soar_status: String,
    pub soar_applied_on: Option<NaiveDate>,
    pub benefits_decision: String,
    pub benefits_decision_on: Option<NaiveDate>,
    pub first_benefit_payment_on: Option<NaiveDate>,
}

pub struct GoalRow {
    pub id: i64,
    pub area: String,
    pub goal: String,
    pub target_date: Option<NaiveDate>,
    pub status: String,
    pub achieved_on: Option<NaiveDate>,
}

pub struct VocationalRow {
    pub id: i64,
    pub month: NaiveDate,
    pub provider_kind: String,
    pub provider: String,
    pub hours: String,
}

pub struct JobRow {
    pub id: i64,
    pub employer: String,
    pub job_title: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

pub struct StayRow {
    pub id: i64,
    pub kind: String,
    pub place: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
    pub planned_end: Option<NaiveDate>,
}

pub struct WaitlistRow {
    pub list: String,
    pub status: String,
    pub registered_on: Option<NaiveDate>,
    pub agency: Option<String>,
    pub opens_on: Option<NaiveDate>,
}

pub struct ExitRow {
    pub exit_date: NaiveDate,
    pub reason: String,
    pub destination: String,
    pub unit_outcome: String,
    pub notes: Option<String>,
}

pub fn case_rows(conn: &Connection, participant_id: i64) -> Result<CaseRows, StoreError> {
    let enrollment = conn
        .query_row(
            "SELECT e.enrolled_on, p.case_manager_id, s.full_name, e.soar_status, e.soar_applied_on,
                    e.benefits_decision, e.benefits_decision_on, e.first_benefit_payment_on
             FROM enrollment e JOIN participant p ON p.id = e.participant_id
             LEFT JOIN staff s ON s.id = p.case_manager_id
             WHERE e.participant_id = ?1",
            [participant_id],
            |r| {
                Ok(EnrollmentRow {
                    enrolled_on: r.get(0)?,
                    case_manager_id: r.get(1)?,
                    case_manager_name: r.get(2)?,
                    soar_status: r.get(3)?,
                    soar_applied_on: r.get(4)?,
                    benefits_decision: r.get(5)?,
                    benefits_decision_on: r.get(6)?,
                    first_benefit_payment_on: r.get(7)?,
                })
            },
        )
        .optional()?;
    let goals = rows(
        conn,
        "SELECT id, area, goal, target_date, status, achieved_on FROM case_plan_goal WHERE participant_id = ?1
         ORDER BY status = 'open' DESC, target_date IS NULL, target_date, id",
        participant_id,
        |r| {
            Ok(GoalRow {
                id: r.get(0)?,
                area: r.get(1)?,
                goal: r.get(2)?,
                target_date: r.get(3)?,
                status: r.get(4)?,
                achieved_on: r.get(5)?,
            })
        },
    )?;
    let vocational = rows(
        conn,
        "SELECT id, month, provider_kind, provider, hours FROM vocational_hours WHERE participant_id = ?1
         ORDER BY month DESC, provider",
        participant_id,
        |r| {
            Ok(VocationalRow {
                id: r.get(0)?,
                month: r.get(1)?,
                provider_kind: r.get(2)?,
                provider: r.get(3)?,
                hours: r.get(4)?,
            })
        },
    )?;
    let jobs = rows(
        conn,
        "SELECT id, employer, job_title, start_date, end_date FROM employment WHERE participant_id = ?1
         ORDER BY start_date DESC, id DESC",
        participant_id,
        |r| {
            Ok(JobRow {
                id: r.get(0)?,
                employer: r.get(1)?,
                job_title: r.get(2)?,
                start_date: r.get(3)?,
                end_date: r.get(4)?,
            })
        },
    )?;
    let stays = rows(
        conn,
        "SELECT s.id, s.kind, s.place, s.start_date, s.end_date, s.unit_id,
                u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city, s.planned_end
         FROM stay s LEFT JOIN unit u ON u.id = s.unit_id
         WHERE s.participant_id = ?1 ORDER BY s.start_date DESC, s.id DESC",
        participant_id,
        |r| {
            Ok(StayRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                place: r.get(2)?,
                start_date: r.get(3)?,
                end_date: r.get(4)?,
                unit_id: r.get(5)?,
                unit_address: r.get(6)?,
                planned_end: r.get(7)?,
            })
        },
    )?;
    let waitlists = rows(
        conn,
        "SELECT list, status, registered_on, agency, opens_on FROM waitlist_registration WHERE participant_id = ?1
         ORDER BY CASE list WHEN 'srn' THEN 1 WHEN 'section_811' THEN 2 ELSE 3 END",
        participant_id,
        |r| {
            Ok(WaitlistRow {
                list: r.get(0)?,
                status: r.get(1)?,
                registered_on: r.get(2)?,
                agency: r.get(3)?,
                opens_on: r.get(4)?,
            })
        },
    )?;
    let exit = conn
        .query_row(
            "SELECT exit_date, reason, destination, unit_outcome, notes FROM participant_exit WHERE participant_id = ?1
             ORDER BY exit_date DESC, id DESC LIMIT 1",
            [participant_id],
            |r| {
                Ok(ExitRow {
                    exit_date: r.get(0)?,
                    reason: r.get(1)?,
                    destination: r.get(2)?,
                    unit_outcome: r.get(3)?,
                    notes: r.get(4)?,
                })
            },
        )
        .optional()?;
    Ok(CaseRows { enrollment, goals, vocational, jobs, stays, waitlists, exit })
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    participant_id: i64,
    read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let out = stmt.query_map([participant_id], read)?.collect::<Result<_, _>>()?;
    Ok(out)
}

fn static_code<T: Choice>(code: &str) -> Result<&'static str, StoreError> {
    super::code::<T>(code, "case").map(Choice::code)
}
