//! Repository: the audit trail. Rows are only ever inserted: migration
//! 0020 refuses UPDATE and DELETE on `audit_log`, and nothing here tries.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, Row};

use super::StoreError;
use crate::audit::AuditEntry;

/// Writes one audit entry; call it inside the transaction of the change.
pub fn insert(conn: &Connection, entry: &AuditEntry, at: DateTime<Utc>) -> Result<(), StoreError> {
    let changes = if entry.changes.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&entry.changes).map_err(|e| StoreError::Invariant(e.to_string()))?)
    };
    conn.execute(
        "INSERT INTO audit_log (at, staff_id, actor, action, entity, entity_id, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            timestamp(at),
            entry.actor.staff_id,
            entry.actor.name,
            entry.action.code(),
            entry.entity.code(),
            entry.entity_id,
            changes
        ],
    )?;
    Ok(())
}

/// One stored audit entry, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAuditEntry {
    pub at: String,
    pub staff_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub changes: Option<String>,
}

/// The newest entries first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<StoredAuditEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, staff_id, actor, action, entity, entity_id, changes
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(StoredAuditEntry {
            at: r.get(0)?,
            staff_id: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            changes: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    super::count(conn, "SELECT count(*) FROM audit_log", [])
}

/// What the audit page asks for; every filter that is `Some` must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrailFilter {
    /// Entries about this participant: their record, and the records kept
    /// for them (screening, case, visits, calculations, leases, payments).
    pub participant_id: Option<i64>,
    pub staff_id: Option<i64>,
    /// An `Entity` code.
    pub entity: Option<String>,
    /// An `AuditAction` code.
    pub action: Option<String>,
    /// From this timestamp (inclusive), as stored.
    pub from: Option<String>,
    /// Before this timestamp (exclusive), as stored.
    pub before: Option<String>,
}

/// Where a page of the trail ends: the next page starts after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailCursor {
    pub at: String,
    pub id: i64,
}

/// One entry as the audit page shows it, with the names it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailRow {
    pub id: i64,
    pub at: String,
    pub staff_id: Option<i64>,
    /// The username (or, for a failed sign-in, the name that was tried).
    pub actor: String,
    pub staff_name: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub changes: Option<String>,
    /// The participant the entry is about, when it is about one.
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
}

/// The kinds of record kept for one participant, other than the
/// participant row itself, and where to find whose each is: `entity` code,
/// the table (`FROM …`), its id column and its participant column. The
/// audit page filters by person through these, and names each row's person.
const KEPT_FOR_A_PARTICIPANT: &[(&str, &str, &str, &str)] = &[
    ("screening", "screening", "id", "participant_id"),
    ("waitlist_registration", "waitlist_registration", "id", "participant_id"),
    ("case_plan_goal", "case_plan_goal", "id", "participant_id"),
    ("vocational_hours", "vocational_hours", "id", "participant_id"),
    ("employment", "employment", "id", "participant_id"),
    ("stay", "stay", "id", "participant_id"),
    ("exit", "participant_exit", "id", "participant_id"),
    ("engagement_visit", "engagement_visit", "id", "participant_id"),
    ("income_calculation", "income_calculation", "id", "participant_id"),
    // A signature's entry names the calculation it signs.
    ("signature", "income_calculation", "id", "participant_id"),
    ("lease", "lease", "id", "participant_id"),
    ("lease_change", "lease_change c JOIN lease l ON l.id = c.lease_id", "c.id", "l.participant_id"),
    ("approval", "approval", "id", "participant_id"),
    ("payment", "payment", "id", "participant_id"),
    ("consent", "disclosure_consent", "id", "participant_id"),
];

/// Entries whose id is the participant's own: the record, its views, and
/// the enrollment (kept one per participant, audited under their id).
const THE_PARTICIPANTS_OWN: &str = "'participant', 'enrollment'";

/// One page of the trail, newest first, after `after` (the last row of the
/// previous page). Keyset paging: as fast on page 1,000 as on page 1.
pub fn page(
    conn: &Connection,
    filter: &TrailFilter,
    after: Option<&TrailCursor>,
    limit: u32,
) -> Result<Vec<TrailRow>, StoreError> {
    let (sql, values) = query(filter, after, Some(limit));
    let mut stmt = conn.prepare(&sql)?;
    let params: Vec<(&str, &dyn ToSql)> = values.iter().map(|(n, v)| (*n, v as &dyn ToSql)).collect();
    let rows = stmt.query_map(params.as_slice(), trail_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every entry that `filter` chooses, newest first, handed to `each` one
/// at a time (an export of a million rows never sits in memory at once).
pub fn for_each<E: From<StoreError>>(
    conn: &Connection,
    filter: &TrailFilter,
    mut each: impl FnMut(TrailRow) -> Result<(), E>,
) -> Result<u64, E> {
    let (sql, values) = query(filter, None, None);
    let mut stmt = conn.prepare(&sql).map_err(StoreError::from)?;
    let params: Vec<(&str, &dyn ToSql)> = values.iter().map(|(n, v)| (*n, v as &dyn ToSql)).collect();
    let mut rows = stmt.query(params.as_slice()).map_err(StoreError::from)?;
    let mut n = 0;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        each(trail_row(row).map_err(StoreError::from)?)?;
        n += 1;
    }
    Ok(n)
}

/// The staff members who appear in the trail or hold an account, by name.
pub fn staff_names(conn: &Connection) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, full_name FROM staff ORDER BY full_name COLLATE NOCASE, id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A bound value of the trail's query.
enum Value {
    Int(i64),
    Text(String),
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Value::Int(i) => i.to_sql(),
            Value::Text(t) => t.to_sql(),
        }
    }
}

/// The SQL of a page (or, without `limit`, of every row) and its values.
///
/// With a participant, the ids of their entries are gathered first, one
/// indexed lookup per kind of record (`audit_log(entity, entity_id)`), and
/// only those rows are sorted; otherwise the newest rows are walked down
/// `audit_log(at)` or the filter's `(…, at)` index and the walk stops at
/// `limit`.
fn query(
    filter: &TrailFilter,
    after: Option<&TrailCursor>,
    limit: Option<u32>,
) -> (String, Vec<(&'static str, Value)>) {
    let mut values: Vec<(&'static str, Value)> = Vec::new();
    let mut conditions: Vec<&str> = Vec::new();
    let mut with = String::new();
    let mut from = "audit_log a".to_string();
    if let Some(p) = filter.participant_id {
        let mut parts =
            vec![format!("SELECT id FROM audit_log WHERE entity IN ({THE_PARTICIPANTS_OWN}) AND entity_id = :p")];
        parts.extend(KEPT_FOR_A_PARTICIPANT.iter().map(|(entity, table, id, owner)| {
            format!(
                "SELECT id FROM audit_log WHERE entity = '{entity}' \
                 AND entity_id IN (SELECT {id} FROM {table} WHERE {owner} = :p)"
            )
        }));
        with = format!("WITH chosen(id) AS MATERIALIZED ({}) ", parts.join(" UNION ALL "));
        // CROSS JOIN keeps the chosen ids as the outer loop.
        from = "chosen CROSS JOIN audit_log a ON a.id = chosen.id".into();
        values.push((":p", Value::Int(p)));
    }
    if let Some(staff) = filter.staff_id {
        conditions.push("a.staff_id = :staff");
        values.push((":staff", Value::Int(staff)));
    }
    if let Some(entity) = &filter.entity {
        conditions.push("a.entity = :entity");
        values.push((":entity", Value::Text(entity.clone())));
    }
    if let Some(action) = &filter.action {
        conditions.push("a.action = :action");
        values.push((":action", Value::Text(action.clone())));
    }
    if let Some(at) = &filter.from {
        conditions.push("a.at >= :from");
        values.push((":from", Value::Text(at.clone())));
    }
    if let Some(at) = &filter.before {
        conditions.push("a.at < :before");
        values.push((":before", Value::Text(at.clone())));
    }
    if let Some(cursor) = after {
        conditions.push("(a.at < :after_at OR (a.at = :after_at AND a.id < :after_id))");
        values.push((":after_at", Value::Text(cursor.at.clone())));
        values.push((":after_id", Value::Int(cursor.id)));
    }
    let mut whose = String::from("CASE");
    whose.push_str(&format!(" WHEN a.entity IN ({THE_PARTICIPANTS_OWN}) THEN a.entity_id"));
    for (entity, table, id, owner) in KEPT_FOR_A_PARTICIPANT {
        whose.push_str(&format!(
            " WHEN a.entity = '{entity}' THEN (SELECT {owner} FROM {table} WHERE {id} = a.entity_id)"
        ));
    }
    whose.push_str(" END");
    let where_clause =
        if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) };
    let limit = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    let sql = format!(
        "{with}SELECT q.id, q.at, q.staff_id, q.actor, s.full_name, q.action, q.entity, q.entity_id, q.changes,
                q.participant_id, p.legal_name
         FROM (SELECT a.id, a.at, a.staff_id, a.actor, a.action, a.entity, a.entity_id, a.changes,
                      {whose} AS participant_id
               FROM {from}{where_clause}
               ORDER BY a.at DESC, a.id DESC{limit}) q
         LEFT JOIN staff s ON s.id = q.staff_id
         LEFT JOIN participant p ON p.id = q.participant_id
         ORDER BY q.at DESC, q.id DESC"
    );
    (sql, values)
}

fn trail_row(r: &Row<'_>) -> rusqlite::Result<TrailRow> {
    Ok(TrailRow {
        id: r.get(0)?,
        at: r.get(1)?,
        staff_id: r.get(2)?,
        actor: r.get(3)?,
        staff_name: r.get(4)?,
        action: r.get(5)?,
        entity: r.get(6)?,
        entity_id: r.get(7)?,
        changes: r.get(8)?,
        participant_id: r.get(9)?,
        participant_name: r.get(10)?,
    })
}

/// Timestamps are stored as RFC 3339 UTC to the second.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
