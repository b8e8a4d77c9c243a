//! The audit page: the trail of who saw and changed what, filtered by
//! participant, staff member, kind of record, action and dates, newest
//! first, and its export to CSV. For supervisors and administrators
//! ([`Permission::SeeAuditTrail`]). Nothing here changes or removes an
//! entry; the store refuses both anyway (migration 0020).

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity, RecordPart, LIST, PART};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::lists::ChoiceItem;
use crate::permissions::{Grant, Permission};
use crate::store::audit::{TrailCursor, TrailFilter, TrailRow};
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// The entries shown on one page, unless the page asks for fewer.
pub const PAGE_SIZE: u32 = 50;
/// The most one page may ask for.
pub const MAX_PAGE_SIZE: u32 = 200;

/// The audit page's filters as typed; empty text is no filter.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AuditQuery {
    /// The participant chosen by name on the page.
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    #[ts(type = "number | null")]
    pub staff_id: Option<i64>,
    /// A kind of record (`Entity` code), or empty for every kind.
    pub kind: String,
    /// An action (`AuditAction` code), or empty for every action.
    pub action: String,
    /// From this day (MM/DD/YYYY or YYYY-MM-DD, the office's days).
    pub from: String,
    /// To this day, inclusive.
    pub to: String,
    /// The last entry of the page before; none for the newest.
    pub after: Option<AuditCursor>,
    /// Entries per page; 0 for [`PAGE_SIZE`].
    pub page_size: u32,
}

/// Where a page ends; the next page starts after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditCursor {
    pub at: String,
    #[ts(type = "number")]
    pub id: i64,
}

/// One page of the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Where the next (older) page starts; none when this is the last.
    pub next: Option<AuditCursor>,
}

/// One entry in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditRow {
    #[ts(type = "number")]
    pub id: i64,
    /// When, as stored (RFC 3339, UTC); the page shows it in local time.
    pub at: String,
    /// The staff member's name, or the username that was tried.
    pub who: String,
    /// The username they signed in with (or tried).
    pub username: String,
    pub action: String,
    pub action_label: String,
    pub kind: String,
    pub kind_label: String,
    #[ts(type = "number | null")]
    pub record_id: Option<i64>,
    /// The participant the entry is about, when it is about one.
    pub participant: Option<AuditParticipant>,
    /// What was seen or done beyond the action: the part of the record
    /// shown, the list and its filters.
    pub what: String,
    pub changes: Vec<AuditChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditParticipant {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// One field's change in plain words; `None` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What the page's selects offer (a staff member's code is their id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditChoices {
    pub staff: Vec<ChoiceItem>,
    pub kinds: Vec<ChoiceItem>,
    pub actions: Vec<ChoiceItem>,
}

/// An export of the audit trail written: where, and how many entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditExport {
    pub path: String,
    #[ts(type = "number")]
    pub entries: u64,
}

/// Succeeds for the roles that may read the trail (supervisors and
/// administrators); the permission table's gate says the same.
pub fn require_audit_role(session: &Session) -> Result<(), DeskError> {
    match Permission::SeeAuditTrail.grant(session.role) {
        Grant::Yes => Ok(()),
        _ => Err(DeskError::Forbidden(Permission::SeeAuditTrail.refusal(session.role))),
    }
}

/// The staff members, kinds of record and actions the filters offer.
pub fn choices(store: &Store, session: &Session) -> Result<AuditChoices, DeskError> {
    require_audit_role(session)?;
    let option = |code: &str, label: &str| ChoiceItem { code: code.into(), label: label.into() };
    Ok(AuditChoices {
        staff: db::audit::staff_names(store.conn())?
            .into_iter()
            .map(|(id, name)| option(&id.to_string(), &name))
            .collect(),
        kinds: Entity::ALL.iter().map(|e| option(e.code(), e.label())).collect(),
        actions: AuditAction::ALL.iter().map(|a| option(a.code(), a.label())).collect(),
    })
}

/// One page of the entries the query chooses, newest first.
pub fn page(store: &Store, session: &Session, query: &AuditQuery) -> Result<AuditPage, DeskError> {
    require_audit_role(session)?;
    let filter = checked(query)?;
    let size = match query.page_size {
        0 => PAGE_SIZE,
        n => n.min(MAX_PAGE_SIZE),
    };
    let after = query.after.as_ref().map(|c| TrailCursor { at: c.at.clone(), id: c.id });
    // One more than shown says whether an older page exists.
    let mut rows = db::audit::page(store.conn(), &filter, after.as_ref(), size + 1)?;
    let more = rows.len() > size as usize;
    rows.truncate(size as usize);
    let next = if more { rows.last().map(|r| AuditCursor { at: r.at.clone(), id: r.id }) } else { None };
    Ok(AuditPage { rows: rows.into_iter().map(plain_row).collect(), next })
}

/// The CSV's header row.
pub const CSV_HEADER: [&str; 11] = [
    "When (local time)",
    "When (UTC)",
    "Staff member",
    "Username",
    "Action",
    "Kind of record",
    "Record number",
    "Participant",
    "Participant number",
    "What",
    "Changes",
];

/// Writes every entry the query chooses (all pages, newest first) to `path`
/// as CSV (RFC 4180, UTF-8, a header row), and records the export: the
/// trail itself leaving the store is a disclosure. Answers how many
/// entries were written.
pub fn export_csv(
    store: &Store,
    session: &Session,
    query: &AuditQuery,
    path: &std::path::Path,
    when: Moment,
) -> Result<u64, DeskError> {
    require_audit_role(session)?;
    let filter = checked(query)?;
    if path.as_os_str().is_empty() {
        return Err(ValidationErrors::single("path", "Choose where to save the file.").into());
    }
    if path.extension().map(|e| e.to_ascii_lowercase()) != Some("csv".into()) {
        return Err(ValidationErrors::single("path", "Save it as a .csv file.").into());
    }
    let cannot_save = |e: &dyn std::fmt::Display| {
        tracing::warn!(error = %e, "saving the audit trail");
        DeskError::from(ValidationErrors::single(
            "path",
            "The file could not be saved there. Choose another folder, or close the file if it is open.",
        ))
    };
    let file = std::fs::File::create(path).map_err(|e| cannot_save(&e))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    out.write_record(CSV_HEADER).map_err(|e| cannot_save(&e))?;
    let written = db::audit::for_each(store.conn(), &filter, |row| {
        let row = plain_row(row);
        let changes: Vec<String> = row.changes.iter().map(change_words).collect();
        out.write_record([
            local_time(&row.at),
            row.at.clone(),
            row.who.clone(),
            row.username.clone(),
            row.action_label.clone(),
            row.kind_label.clone(),
            row.record_id.map(|id| id.to_string()).unwrap_or_default(),
            row.participant.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            row.participant.as_ref().map(|p| p.id.to_string()).unwrap_or_default(),
            row.what.clone(),
            changes.join("\n"),
        ])
        .map_err(|e| cannot_save(&e))
    });
    let written = match written {
        Ok(n) => n,
        Err(e) => {
            // Half a file would look like the whole trail.
            drop(out);
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
    };
    out.flush().map_err(|e| cannot_save(&e))?;
    let mut changes = vec![
        Change { field: "saved_to".into(), old: None, new: Some(path.display().to_string()) },
        Change { field: "entries".into(), old: None, new: Some(written.to_string()) },
    ];
    changes.extend(filter_words(query));
    let entry = AuditEntry {
        actor: session.actor(),
        action: AuditAction::Export,
        entity: Entity::AuditTrail,
        entity_id: None,
        changes,
    };
    db::audit::insert(store.conn(), &entry, when.at)?;
    Ok(written)
}

/// The query checked, as the store's filter; every problem at once.
fn checked(query: &AuditQuery) -> Result<TrailFilter, ValidationErrors> {
    let mut c = Checker::new();
    let entity = match query.kind.trim() {
        "" => None,
        code => match Entity::from_code(code) {
            Some(e) => Some(e.code().to_string()),
            None => {
                c.add("kind", "Choose a kind of record from the list.");
                None
            }
        },
    };
    let action = match query.action.trim() {
        "" => None,
        code => match AuditAction::from_code(code) {
            Some(a) => Some(a.code().to_string()),
            None => {
                c.add("action", "Choose an action from the list.");
                None
            }
        },
    };
    let from = c.optional_date("from", &query.from, "the first day");
    let to = c.optional_date("to", &query.to, "the last day");
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            c.add("to", "The last day must be on or after the first day.");
        }
    }
    let filter = TrailFilter {
        participant_id: query.participant_id,
        staff_id: query.staff_id,
        entity,
        action,
        from: from.map(start_of),
        before: to.and_then(|d| d.succ_opt()).map(start_of),
    };
    c.finish(Some(filter))
}

/// The instant the office's day `day` begins, as stored (UTC).
fn start_of(day: NaiveDate) -> String {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let at = Local.from_local_datetime(&midnight).earliest().map(|t| t.with_timezone(&Utc));
    db::audit::timestamp(at.unwrap_or_else(|| Utc.from_utc_datetime(&midnight)))
}

/// A stored timestamp as the office's clock read it: `03/15/2026 02:05:09 PM`.
pub fn local_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&Local).format("%m/%d/%Y %I:%M:%S %p").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// `Legal name: Ann → Anne`, `Search: ngu`, `Phone: 312 → (empty)`.
pub fn change_words(change: &AuditChange) -> String {
    match (&change.old, &change.new) {
        (None, Some(new)) => format!("{}: {new}", change.field),
        (old, new) => format!(
            "{}: {} → {}",
            change.field,
            old.as_deref().unwrap_or("(empty)"),
            new.as_deref().unwrap_or("(empty)")
        ),
    }
}

fn plain_row(row: TrailRow) -> AuditRow {
    let action_label = AuditAction::from_code(&row.action).map(|a| a.label().to_string()).unwrap_or(row.action.clone());
    let kind_label = Entity::from_code(&row.entity).map(|e| e.label().to_string()).unwrap_or(row.entity.clone());
    let stored: Vec<Change> = row.changes.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default();
    let mut what = Vec::new();
    let mut changes = Vec::new();
    for change in stored {
        match change.field.as_str() {
            PART => what.push(
                change
                    .new
                    .as_deref()
                    .and_then(RecordPart::from_code)
                    .map(|p| p.label().to_string())
                    .unwrap_or_default(),
            ),
            LIST => what.push(change.new.unwrap_or_default()),
            field => changes.push(AuditChange {
                field: field_words(field),
                old: change.old.map(|v| value_words(&v)),
                new: change.new.map(|v| value_words(&v)),
            }),
        }
    }
    AuditRow {
        id: row.id,
        at: row.at,
        who: row.staff_name.unwrap_or_else(|| row.actor.clone()),
        username: row.actor,
        action: row.action,
        action_label,
        kind: row.entity,
        kind_label,
        record_id: row.entity_id,
        participant: match (row.participant_id, row.participant_name) {
            (Some(id), Some(name)) => Some(AuditParticipant { id, name }),
            _ => None,
        },
        what: what.join(", "),
        changes,
    }
}

/// A stored field name in words: `legal_name` → `Legal name`.
fn field_words(field: &str) -> String {
    crate::validation::capitalize(&field.replace('_', " "))
}

/// A stored value in words: a group of fields kept as JSON (demographics)
/// reads `Sex: not collected; Race ethnicity: (none)` instead of braces.
fn value_words(value: &str) -> String {
    fn words(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Object(map) => {
                map.iter().map(|(k, v)| format!("{}: {}", field_words(k), words(v))).collect::<Vec<_>>().join("; ")
            }
            serde_json::Value::Array(items) if items.is_empty() => "(none)".into(),
            serde_json::Value::Array(items) => items.iter().map(words).collect::<Vec<_>>().join(", "),
            serde_json::Value::String(s) if s.is_empty() => "(empty)".into(),
            serde_json::Value::String(s) => s.replace('_', " "),
            serde_json::Value::Null => "(empty)".into(),
            other => other.to_string(),
        }
    }
    match serde_json::from_str::<serde_json::Value>(value) {
        Ok(v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => words(&v),
        _ => value.to_string(),
    }
}

/// The filters of an export, as its audit entry records them.
fn filter_words(query: &AuditQuery) -> Vec<Change> {
    let set = |field: &str, value: String| Change { field: field.into(), old: None, new: Some(value) };
    let mut out = Vec::new();
    if let Some(p) = query.participant_id {
        out.push(set("participant", p.to_string()));
    }
    if let Some(s) = query.staff_id {
        out.push(set("staff_member", s.to_string()));
    }
    for (field, value) in [("kind", &query.kind), ("action", &query.action), ("from", &query.from), ("to", &query.to)] {
        if !value.trim().is_empty() {
            out.push(set(field, value.trim().to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_as_plain_words() {
        let c = |old: Option<&str>, new: Option<&str>| AuditChange {
            field: "Legal name".into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        };
        assert_eq!(change_words(&c(Some("Ann"), Some("Anne"))), "Legal name: Ann → Anne");
        assert_eq!(change_words(&c(None, Some("Anne"))), "Legal name: Anne");
        assert_eq!(change_words(&c(Some("Ann"), None)), "Legal name: Ann → (empty)");
        assert_eq!(field_words("expected_release_date"), "Expected release date");
        assert_eq!(
            value_words(r#"{"sex":"not_collected","race_ethnicity":[],"veteran_status":"yes"}"#),
            "Sex: not collected; Race ethnicity: (none); Veteran status: yes"
        );
        assert_eq!(value_words("Ana, \"Red\""), "Ana, \"Red\"", "plain text is left as typed");
    }

    #[test]
    fn the_filters_are_checked_all_at_once() {
        let query = AuditQuery {
            kind: "nonsense".into(),
            action: "erase".into(),
            from: "13/45/2026".into(),
            to: "".into(),
            ..Default::default()
        };
        let err = checked(&query).unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "action", "from"]);
        let backwards = AuditQuery { from: "03/15/2026".into(), to: "03/14/2026".into(), ..Default::default() };
        assert_eq!(checked(&backwards).unwrap_err().0[0].field, "to");
    }

    #[test]
    fn a_day_runs_from_its_midnight_to_the_next() {
        let q = AuditQuery { from: "03/15/2026".into(), to: "2026-03-15".into(), ..Default::default() };
        let f = checked(&q).unwrap();
        let (from, before) = (f.from.unwrap(), f.before.unwrap());
        let span = DateTime::parse_from_rfc3339(&before).unwrap() - DateTime::parse_from_rfc3339(&from).unwrap();
        assert!((23..=25).contains(&span.num_hours()), "one local day: {from} to {before}");
    }
}
