//! The office's holiday table: the days the monthly data's due date skips
//! besides weekends ("the 5th business day", Guide: Data Reporting). It
//! starts with the Illinois state and federal holidays; the administrator
//! keeps it (a day the State adds, a year not yet listed).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::store::{self as db, Store};
use crate::validation::{Checker, ValidationErrors};

/// One holiday as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
    /// A Saturday or Sunday: it changes no due date (the observed weekday
    /// should be listed instead).
    pub on_weekend: bool,
}

/// A holiday as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct HolidayInput {
    pub day: String,
    pub name: String,
}

/// The holidays from the start of last year on.
pub fn list(store: &Store, session: &Session, today: NaiveDate) -> Result<Vec<Holiday>, DeskError> {
    super::require_report_role(session)?;
    let from = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
    Ok(db::reports::holiday_list(store.conn(), from)?
        .into_iter()
        .map(|(day, name)| Holiday { on_weekend: day.weekday().number_from_monday() > 5, day, name })
        .collect())
}

/// Adds a holiday, or renames the one on that day.
pub fn save(
    store: &mut Store,
    session: &Session,
    input: &HolidayInput,
    when: Moment,
) -> Result<Vec<Holiday>, DeskError> {
    require_admin(session)?;
    let mut c = Checker::new();
    let day = c.required_date("day", &input.day, "the holiday's date");
    let name = c.required_text("name", &input.name, "the holiday's name", 80);
    if let Some(d) = day {
        let earliest = when.today.checked_sub_months(Months::new(12)).unwrap_or(when.today);
        let latest = when.today.checked_add_months(Months::new(36)).unwrap_or(when.today);
        if d < earliest || d > latest {
            c.add("day", "Enter a day from a year ago to three years ahead.");
        }
    }
    let day = c.finish(day)?;
    let before = db::reports::holiday_list(store.conn(), day)?.into_iter().find(|(d, _)| *d == day).map(|(_, n)| n);
    store.with_tx(|tx| {
        db::reports::save_holiday(tx, day, &name, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: if before.is_some() { AuditAction::Update } else { AuditAction::Create },
            entity: Entity::Holiday,
            entity_id: None,
            changes: vec![
                Change {
                    field: "day".into(),
                    old: before.as_ref().map(|_| day.to_string()),
                    new: Some(day.to_string()),
                },
                Change { field: "name".into(), old: before.clone(), new: Some(name.clone()) },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    list(store, session, when.today)
}

/// Removes the holiday on `day`.
pub fn remove(store: &mut Store, session: &Session, day: &str, when: Moment) -> Result<Vec<Holiday>, DeskError> {
    require_admin(session)?;
    let Some(day) = crate::validation::parse_date(day) else {
        return Err(ValidationErrors::single("day", "Choose the holiday to remove.").into());
    };
    let before = db::reports::holiday_list(store.conn(), day)?.into_iter().find(|(d, _)| *d == day).map(|(_, n)| n);
    let Some(name) = before else {
        return Err(DeskError::NotFound("holiday"));
    };
    store.with_tx(|tx| {
        db::reports::remove_holiday(tx, day)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Delete,
            entity: Entity::Holiday,
            entity_id: None,
            changes: vec![
                Change { field: "day".into(), old: Some(day.to_string()), new: None },
                Change { field: "name".into(), old: Some(name), new: None },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    list(store, session, when.today)
}

fn require_admin(session: &Session) -> Result<(), DeskError> {
    if session.role == Role::Administrator {
        Ok(())
    } else {
        Err(DeskError::Forbidden("Only an administrator keeps the holiday table.".into()))
    }
}
