//! Repository: the eligible-cost ledger, DMH approvals, and monthly payment
//! runs with their lines.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::rules::Money;

/// A DMH approval as stored.
#[derive(Debug, Clone)]
pub struct StoredApproval {
    pub id: i64,
    pub participant_id: i64,
    pub lifts: String,
    pub approved_by: String,
    pub approved_on: NaiveDate,
    pub purpose: String,
    pub through_month: Option<NaiveDate>,
    /// A later move's approval: the unit moved into.
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
}

pub fn insert_approval(
    conn: &Connection,
    a: &StoredApproval,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO approval (participant_id, lifts, approved_by, approved_on, purpose, through_month, staff_id, created_at,
             unit_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.participant_id,
            a.lifts,
            a.approved_by,
            a.approved_on,
            a.purpose,
            a.through_month,
            staff_id,
            timestamp(at),
            a.unit_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A participant's approvals, newest first.
pub fn approvals(conn: &Connection, participant_id: i64) -> Result<Vec<StoredApproval>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.participant_id, a.lifts, a.approved_by, a.approved_on, a.purpose, a.through_month, a.unit_id,
                u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city
         FROM approval a LEFT JOIN unit u ON u.id = a.unit_id
         WHERE a.participant_id = ?1 ORDER BY a.approved_on DESC, a.id DESC",
    )?;
    let rows = stmt.query_map([participant_id], |r| {
        Ok(StoredApproval {
            id: r.get(0)?,
            participant_id: r.get(1)?,
            lifts: r.get(2)?,
            approved_by: r.get(3)?,
            approved_on: r.get(4)?,
            purpose: r.get(5)?,
            through_month: r.get(6)?,
            unit_id: r.get(7)?,
            unit_address: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A ledger entry as written.
#[derive(Debug, Clone)]
pub struct NewPayment<'a> {
    pub category: &'a str,
    pub participant_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub lease_id: Option<i64>,
    pub payee: &'a str,
    pub payee_kind: &'a str,
    pub paid_on: NaiveDate,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub amount: Money,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
    pub approval_id: Option<i64>,
    pub run_id: Option<i64>,
    pub reverses_id: Option<i64>,
    pub staff_id: i64,
}

pub fn insert_payment(conn: &Connection, p: &NewPayment<'_>, at: DateTime<Utc>) -> Result<i64, StoreError> {
    let cents = (p.amount.0 * rust_decimal::Decimal::ONE_HUNDRED).round();
    let cents: i64 = i64::try_from(cents).map_err(|_| StoreError::Invariant(format!("amount {}", p.amount.0)))?;
    conn.prepare_cached(
        "INSERT INTO payment (category, participant_id, unit_id, lease_id, payee, payee_kind, paid_on, period_start,
             period_end, amount, amount_cents, reference, note, approval_id, run_id, reverses_id, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        p.category,
        p.participant_id,
        p.unit_id,
        p.lease_id,
        p.payee,
        p.payee_kind,
        p.paid_on,
        p.period_start,
        p.period_end,
        p.amount.0.to_string(),
        cents,
        p.reference,
        p.note,
        p.approval_id,
        p.run_id,
        p.reverses_id,
        p.staff_id,
        timestamp(at)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A ledger entry as stored, with the names it points at.
#[derive(Debug, Clone)]
pub struct StoredPayment {
    pub id: i64,
    pub category: String,
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
    pub lease_id: Option<i64>,
    pub payee: String,
    pub payee_kind: String,
    pub paid_on: NaiveDate,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub amount: Money,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub approval_id: Option<i64>,
    pub run_id: Option<i64>,
    pub reverses_id: Option<i64>,
    pub reversed: bool,
}

const PAYMENT_COLUMNS: &str = "x.id, x.category, x.participant_id, p.legal_name, x.unit_id,
    u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city, x.lease_id, x.payee, x.payee_kind, x.paid_on,
    x.period_start, x.period_end, x.amount, x.reference, x.note, x.approval_id, x.run_id, x.reverses_id,
    EXISTS (SELECT 1 FROM payment r WHERE r.reverses_id = x.id)";

const PAYMENT_FROM: &str =
    "FROM payment x LEFT JOIN participant p ON p.id = x.participant_id LEFT JOIN unit u ON u.id = x.unit_id";

fn read_payment(r: &Row<'_>) -> Result<StoredPayment, StoreError> {
    let amount: String = r.get(12)?;
    Ok(StoredPayment {
        id: r.get(0)?,
        category: r.get(1)?,
        participant_id: r.get(2)?,
        participant_name: r.get(3)?,
        unit_id: r.get(4)?,
        unit_address: r.get(5)?,
        lease_id: r.get(6)?,
        payee: r.get(7)?,
        payee_kind: r.get(8)?,
        paid_on: r.get(9)?,
        period_start: r.get(10)?,
        period_end: r.get(11)?,
        amount: super::money(&amount, "payment")?,
        reference: r.get(13)?,
        note: r.get(14)?,
        approval_id: r.get(15)?,
        run_id: r.get(16)?,
        reverses_id: r.get(17)?,
        reversed: r.get(18)?,
    })
}

pub fn payment(conn: &Connection, id: i64) -> Result<Option<StoredPayment>, StoreError> {
    conn.query_row(&format!("SELECT {PAYMENT_COLUMNS} {PAYMENT_FROM} WHERE x.id = ?1"), [id], |r| Ok(read_payment(r)))
        .optional()?
        .transpose()
}

/// Whose payments to list.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    Participant(i64),
    Unit(i64),
    Run(i64),
}

/// Payments of a participant, a unit or a run, newest first.
pub fn payments(conn: &Connection, owner: Owner) -> Result<Vec<StoredPayment>, StoreError> {
    let (column, id) = match owner {
        Owner::Participant(id) => ("x.participant_id", id),
        Owner::Unit(id) => ("x.unit_id", id),
        Owner::Run(id) => ("x.run_id", id),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} {PAYMENT_FROM} WHERE {column} = ?1 ORDER BY x.paid_on DESC, x.id DESC"
    ))?;
    let rows = stmt.query_map([id], |r| Ok(read_payment(r)))?;
    rows.map(|r| r?).collect()
}

/// Payments in the office's ledger between two days (inclusive), newest
/// first, at most `limit`; optionally of one category.
pub fn ledger_page(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    category: Option<&str>,
    limit: u32,
) -> Result<Vec<StoredPayment>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} {PAYMENT_FROM} WHERE x.paid_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR x.category = ?3)
         ORDER BY x.paid_on DESC, x.id DESC LIMIT ?4"
    ))?;
    let rows = stmt.query_map(params![from, to, category, limit], |r| Ok(read_payment(r)))?;
    rows.map(|r| r?).collect()
}

/// Totals by category of the payments between two days (inclusive), in cents.
pub fn totals_by_category(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, i64, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT category, sum(amount_cents), count(*) FROM payment WHERE paid_on BETWEEN ?1 AND ?2
         GROUP BY category ORDER BY category",
    )?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whose payments a period is checked for: a lease's or a participant's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payer {
    Lease,
    Participant,
}

impl Payer {
    fn column(self) -> &'static str {
        match self {
            Payer::Lease => "x.lease_id",
            Payer::Participant => "x.participant_id",
        }
    }
}

/// A payment of category ?1 covering a day from ?2 to ?3, neither reversed
/// nor itself a reversal.
const LIVE_IN_PERIOD: &str = "x.category = ?1 AND x.reverses_id IS NULL AND x.period_start <= ?3
    AND x.period_end >= ?2 AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.reverses_id = x.id)";

/// Whether a payment of `category` by `payer` `id` (a lease, or a
/// participant with or without a lease) already covers a day of the period.
pub fn period_paid(
    conn: &Connection,
    payer: Payer,
    id: i64,
    category: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<bool, StoreError> {
    let sql = format!("SELECT count(*) FROM payment x WHERE {LIVE_IN_PERIOD} AND {} = ?4", payer.column());
    Ok(super::count(conn, &sql, params![category, first, last, id])? > 0)
}

/// The leases or participants with a payment of `category` covering a day
/// of the period.
pub fn paid_in_period(
    conn: &Connection,
    payer: Payer,
    category: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<std::collections::HashSet<i64>, StoreError> {
    let column = payer.column();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT {column} FROM payment x WHERE {LIVE_IN_PERIOD} AND {column} IS NOT NULL"
    ))?;
    let rows = stmt.query_map(params![category, first, last], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A payment run as stored.
#[derive(Debug, Clone)]
pub struct StoredRun {
    pub id: i64,
    pub month: NaiveDate,
    pub status: String,
    pub prepared_by_id: i64,
    pub prepared_by: String,
    pub prepared_at: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub posted_by: Option<String>,
    pub posted_at: Option<String>,
    pub paid_on: Option<NaiveDate>,
}

const RUN_COLUMNS: &str = "r.id, r.month, r.status, a.full_name, r.prepared_at, b.full_name, r.approved_at,
    c.full_name, r.posted_at, r.paid_on, r.prepared_by";
const RUN_FROM: &str =
    "FROM payment_run r JOIN staff a ON a.id = r.prepared_by LEFT JOIN staff b ON b.id = r.approved_by
    LEFT JOIN staff c ON c.id = r.posted_by";

fn read_run(r: &Row<'_>) -> rusqlite::Result<StoredRun> {
    Ok(StoredRun {
        id: r.get(0)?,
        month: r.get(1)?,
        status: r.get(2)?,
        prepared_by: r.get(3)?,
        prepared_at: r.get(4)?,
        approved_by: r.get(5)?,
        approved_at: r.get(6)?,
        posted_by: r.get(7)?,
        posted_at: r.get(8)?,
        paid_on: r.get(9)?,
        prepared_by_id: r.get(10)?,
    })
}

pub fn run(conn: &Connection, id: i64) -> Result<Option<StoredRun>, StoreError> {
    Ok(conn.query_row(&format!("SELECT {RUN_COLUMNS} {RUN_FROM} WHERE r.id = ?1"), [id], read_run).optional()?)
}

/// Runs, newest month first, discarded ones left out.
pub fn runs(conn: &Connection, limit: u32) -> Result<Vec<StoredRun>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} {RUN_FROM} WHERE r.status <> 'discarded' ORDER BY r.month DESC, r.id DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], read_run)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The run of `month` that is not discarded, if any.
pub fn open_run(conn: &Connection, month: NaiveDate) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM payment_run WHERE month = ?1 AND status <> 'discarded' ORDER BY id DESC LIMIT 1",
            [month],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert_run(conn: &Connection, month: NaiveDate, staff_id: i64, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO payment_run (month, status, prepared_by, prepared_at) VALUES (?1, 'prepared', ?2, ?3)",
        params![month, staff_id, timestamp(at)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Moves a run from `from` to `to`, recording who and when; false when the
/// run was no longer in `from` (someone else moved it first).
pub fn set_run_status(
    conn: &Connection,
    id: i64,
    from: &str,
    to: &str,
    staff_id: i64,
    at: DateTime<Utc>,
    paid_on: Option<NaiveDate>,
) -> Result<bool, StoreError> {
    let n = match to {
        "approved" => conn.execute(
            "UPDATE payment_run SET status = ?3, approved_by = ?4, approved_at = ?5 WHERE id = ?1 AND status = ?2",
            params![id, from, to, staff_id, timestamp(at)],
        )?,
        "posted" => conn.execute(
            "UPDATE payment_run SET status = ?3, posted_by = ?4, posted_at = ?5, paid_on = ?6 WHERE id = ?1 AND status = ?2",
            params![id, from, to, staff_id, timestamp(at), paid_on],
        )?,
        _ => conn.execute("UPDATE payment_run SET status = ?3 WHERE id = ?1 AND status = ?2", params![id, from, to])?,
    };
    Ok(n == 1)
}

/// A line of a payment run as stored.
#[derive(Debug, Clone)]
pub struct RunLine {
    pub id: i64,
    pub category: String,
    pub lease_id: Option<i64>,
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
    pub payee: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub days_covered: u32,
    pub days_in_month: u32,
    pub amount: Money,
    pub held: bool,
    pub note: Option<String>,
}

pub fn insert_line(conn: &Connection, run_id: i64, l: &RunLine) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO payment_run_line (run_id, category, lease_id, participant_id, unit_id, payee, period_start,
             period_end, days_covered, days_in_month, amount, held, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        run_id,
        l.category,
        l.lease_id,
        l.participant_id,
        l.unit_id,
        l.payee,
        l.period_start,
        l.period_end,
        l.days_covered,
        l.days_in_month,
        l.amount.0.to_string(),
        l.held,
        l.note
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn lines(conn: &Connection, run_id: i64) -> Result<Vec<RunLine>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.category, l.lease_id, l.participant_id, p.legal_name, l.unit_id,
             u.street || coalesce(', ' || u.unit_number, '') || ', ' || u.city, l.payee, l.period_start, l.period_end,
             l.days_covered, l.days_in_month, l.amount, l.held, l.note
         FROM payment_run_line l LEFT JOIN participant p ON p.id = l.participant_id LEFT JOIN unit u ON u.id = l.unit_id
         WHERE l.run_id = ?1 ORDER BY l.held, l.category, l.payee, l.id",
    )?;
    let rows = stmt.query_map([run_id], |r| {
        let amount: String = r.get(12)?;
        Ok((
            RunLine {
                id: r.get(0)?,
                category: r.get(1)?,
                lease_id: r.get(2)?,
                participant_id: r.get(3)?,
                participant_name: r.get(4)?,
                unit_id: r.get(5)?,
                unit_address: r.get(6)?,
                payee: r.get(7)?,
                period_start: r.get(8)?,
                period_end: r.get(9)?,
                days_covered: r.get(10)?,
                days_in_month: r.get(11)?,
                amount: Money::ZERO,
                held: r.get(13)?,
                note: r.get(14)?,
            },
            amount,
        ))
    })?;
    rows.map(|r| {
        let (mut line, amount) = r?;
        line.amount = super::money(&amount, "payment_run_line")?;
        Ok(line)
    })
    .collect()
}

/// Sets the amount of a line of a prepared run (a utility bill's actual cost).
pub fn set_line_amount(conn: &Connection, run_id: i64, line_id: i64, amount: Money) -> Result<bool, StoreError> {
    let n = conn.execute(
        "UPDATE payment_run_line SET amount = ?3 WHERE id = ?2 AND run_id = ?1
           AND run_id IN (SELECT id FROM payment_run WHERE status = 'prepared')",
        params![run_id, line_id, amount.0.to_string()],
    )?;
    Ok(n == 1)
}
