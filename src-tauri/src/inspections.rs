//! HQS inspections of units (24 CFR 982.401; form HUD-52580): every item of
//! the versioned checklist with its result, the deficiencies and who fixes
//! them, the 14-day follow-up and its extensions, and what the inspection
//! history makes of the unit (`rules::inspection::standing`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::landlords::require_housing_role;
use crate::rules::inspection::{
    self, InspectionKind, InspectionOutcome, InspectionRecord, ItemResult, UnitInspectionStanding,
};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::units::UnitStatus;
use crate::validation::{choices, Checker, Choice, ValidationErrors};

/// The checklist an inspection follows, from the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub version: String,
    pub name: String,
    pub sections: Vec<TemplateSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateSection {
    pub number: u32,
    pub title: String,
    /// Section 4 is filled in once per room used for living.
    pub per_room: bool,
    pub items: Vec<TemplateItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateItem {
    pub code: String,
    pub name: String,
}

/// Who must fix a deficiency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Responsible {
    Owner,
    Tenant,
}

/// One checklist item as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ItemInput {
    pub code: String,
    /// The room, for section 4 ("" elsewhere).
    pub room: String,
    pub result: String,
    pub comment: String,
    pub responsible: String,
}

/// An inspection as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct InspectionInput {
    pub kind: String,
    pub inspected_on: String,
    pub inspector: String,
    pub children_under_6: String,
    /// The rooms of section 4, by name ("Bedroom 1", "Hall").
    pub rooms: Vec<String>,
    pub items: Vec<ItemInput>,
    pub owner_refused: bool,
    pub staff_minutes: String,
    pub vendor_fee: String,
}

/// One checklist item as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Item {
    pub code: String,
    pub name: String,
    pub room: String,
    pub result: ItemResult,
    pub comment: Option<String>,
    pub responsible: Option<Responsible>,
}

/// An inspection as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Inspection {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub unit_id: i64,
    pub template_version: String,
    pub kind: InspectionKind,
    pub inspected_on: NaiveDate,
    pub inspector: String,
    pub children_under_6: u32,
    pub outcome: InspectionOutcome,
    pub follow_up_due: Option<NaiveDate>,
    pub extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub owner_refused: bool,
    pub staff_minutes: Option<u32>,
    #[ts(type = "string | null")]
    pub vendor_fee: Option<Money>,
    pub items: Vec<Item>,
    pub staff_name: Option<String>,
}

/// A unit's inspections, newest first, and where the unit stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitInspections {
    pub standing: UnitInspectionStanding,
    pub standing_label: String,
    /// Whether assistance may be paid for the unit on its inspections.
    pub assistance_allowed: bool,
    pub inspections: Vec<Inspection>,
}

/// One unit on the inspections page: where it stands and what is due when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InspectionRow {
    #[ts(type = "number")]
    pub unit_id: i64,
    pub address: String,
    pub last_inspected_on: NaiveDate,
    pub last_outcome: InspectionOutcome,
    pub standing: UnitInspectionStanding,
    pub standing_label: String,
    /// The follow-up or annual inspection's day.
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

/// Every inspected unit on `today`, the soonest due first (units with
/// nothing due, such as ineligible ones, last).
pub fn overview(store: &Store, today: NaiveDate) -> Result<Vec<InspectionRow>, DeskError> {
    let mut rows: Vec<InspectionRow> = db::attention::unit_inspections(store.conn())?
        .into_iter()
        .filter_map(|u| {
            let last = u.history.last()?.clone();
            let standing = inspection::standing(&u.history, today);
            let (due, overdue) = match standing {
                UnitInspectionStanding::Passed { next_due } => (Some(next_due), false),
                UnitInspectionStanding::FollowUpDue { due } => (Some(due), false),
                UnitInspectionStanding::AnnualOverdue { was_due }
                | UnitInspectionStanding::FollowUpOverdue { was_due } => (Some(was_due), true),
                _ => (None, false),
            };
            Some(InspectionRow {
                unit_id: u.unit_id,
                address: u.address,
                last_inspected_on: last.inspected_on,
                last_outcome: last.outcome,
                standing_label: standing.label().into(),
                standing,
                due,
                overdue,
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.due.is_none(), a.due, &a.address).cmp(&(b.due.is_none(), b.due, &b.address)));
    Ok(rows)
}

/// An extension of a follow-up, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ExtensionInput {
    pub new_date: String,
    pub reason: String,
}

/// The checklist in force (the newest template).
pub fn template(store: &Store) -> Result<Template, DeskError> {
    let (version, name, sections) = db::inspections::latest_template(store.conn())?;
    let sections: Vec<TemplateSection> = serde_json::from_str(&sections)
        .map_err(|e| DeskError::Store(db::StoreError::Invariant(format!("inspection template {version}: {e}"))))?;
    Ok(Template { version, name, sections })
}

/// The unit's inspections and standing on `today`.
pub fn for_unit(store: &Store, unit_id: i64, today: NaiveDate) -> Result<UnitInspections, DeskError> {
    crate::units::get(store, unit_id)?;
    let inspections = db::inspections::for_unit(store.conn(), unit_id)?;
    let history: Vec<InspectionRecord> = inspections.iter().rev().map(history_entry).collect();
    let standing = inspection::standing(&history, today);
    Ok(UnitInspections {
        standing_label: standing.label().into(),
        assistance_allowed: inspection::assistance_allowed(&standing),
        standing,
        inspections,
    })
}

pub fn get(store: &Store, id: i64) -> Result<Inspection, DeskError> {
    db::inspections::get(store.conn(), id)?.ok_or(DeskError::NotFound("inspection"))
}

/// Records an inspection of `unit_id`: every item of the checklist must have
/// a result, and every failed item what is wrong and who must fix it. The
/// unit's status follows the history: passed, failed (follow-up due) or
/// ineligible.
pub fn record(
    store: &mut Store,
    session: &Session,
    unit_id: i64,
    input: &InspectionInput,
    when: Moment,
) -> Result<Inspection, DeskError> {
    require_housing_role(session)?;
    let unit = crate::units::get(store, unit_id)?;
    let template = template(store)?;
    let checked = check(&template, input, when.today)?;
    let outcome = inspection::outcome(checked.items.iter().map(|i| i.result));
    // A follow-up that is due keeps its day: an inspection that does not pass
    // while one runs does not start the 14 days again (rules::inspection).
    let follow_up_due = if outcome == InspectionOutcome::Pass {
        None
    } else {
        let mut history: Vec<InspectionRecord> =
            db::inspections::for_unit(store.conn(), unit_id)?.iter().rev().map(history_entry).collect();
        history.push(InspectionRecord {
            inspected_on: checked.inspected_on,
            kind: checked.kind,
            outcome,
            extended_to: None,
            owner_refused: false,
        });
        match inspection::standing(&history, checked.inspected_on) {
            UnitInspectionStanding::FollowUpDue { due } => Some(due),
            UnitInspectionStanding::FollowUpOverdue { was_due } => Some(was_due),
            _ => Some(inspection::follow_up_due(checked.inspected_on)),
        }
    };
    let id = store.with_tx(|tx| {
        let id = db::inspections::insert(
            tx,
            &db::inspections::NewInspection {
                unit_id,
                template_version: &template.version,
                kind: checked.kind.code(),
                inspected_on: checked.inspected_on,
                inspector: &checked.inspector,
                children_under_6: checked.children_under_6,
                outcome: outcome.code(),
                follow_up_due,
                owner_refused: checked.owner_refused && outcome != InspectionOutcome::Pass,
                staff_minutes: checked.staff_minutes,
                vendor_fee: checked.vendor_fee.map(|m| m.0.to_string()),
                staff_id: session.staff_id,
            },
            &checked.items,
            when.at,
        )?;
        follow_status(tx, unit_id, unit.details.status, when)?;
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let failed = checked.items.iter().filter(|i| i.result == ItemResult::Fail).count();
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Inspection,
            entity_id: Some(id),
            changes: vec![
                change("unit_id", unit_id.to_string()),
                change("kind", checked.kind.code().into()),
                change("inspected_on", checked.inspected_on.to_string()),
                change("inspector", checked.inspector.clone()),
                change("outcome", outcome.code().into()),
                change("deficiencies", failed.to_string()),
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    get(store, id)
}

/// Grants an extension of a follow-up to a later agreed date, for an owner
/// who shows a good-faith effort (Guide: Inspection Costs).
pub fn extend(
    store: &mut Store,
    session: &Session,
    inspection_id: i64,
    input: &ExtensionInput,
    when: Moment,
) -> Result<Inspection, DeskError> {
    require_housing_role(session)?;
    let found = get(store, inspection_id)?;
    let Some(due) = found.follow_up_due else {
        return Err(
            ValidationErrors::single("new_date", "This inspection passed: there is no follow-up to extend.").into()
        );
    };
    let mut c = Checker::new();
    let new_date = c.required_date("new_date", &input.new_date, "the new follow-up date");
    if let Some(new_date) = new_date {
        for problem in inspection::extension_problems(found.extended_to.unwrap_or(due), new_date, &input.reason) {
            // The form asks for the new date as `new_date`.
            let field = if problem.field() == "extended_to" { "new_date" } else { problem.field() };
            c.add(field, problem.message());
        }
    }
    let new_date = c.finish(new_date)?;
    let reason = input.reason.trim().to_string();
    store.with_tx(|tx| {
        db::inspections::extend(tx, inspection_id, new_date, &reason)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Inspection,
            entity_id: Some(inspection_id),
            changes: vec![
                Change {
                    field: "extended_to".into(),
                    old: found.extended_to.map(|d| d.to_string()),
                    new: Some(new_date.to_string()),
                },
                Change {
                    field: "extension_reason".into(),
                    old: found.extension_reason.clone(),
                    new: Some(reason.clone()),
                },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    get(store, inspection_id)
}

/// Records that the owner refused to fix the deficiencies: the unit becomes
/// ineligible for assistance.
pub fn owner_refused(
    store: &mut Store,
    session: &Session,
    inspection_id: i64,
    when: Moment,
) -> Result<Inspection, DeskError> {
    require_housing_role(session)?;
    let found = get(store, inspection_id)?;
    if found.outcome == InspectionOutcome::Pass {
        return Err(
            ValidationErrors::single("owner_refused", "This inspection passed: there is nothing to refuse.").into()
        );
    }
    if found.owner_refused {
        return Err(ValidationErrors::single("owner_refused", "The owner's refusal is already recorded.").into());
    }
    let unit = crate::units::get(store, found.unit_id)?;
    store.with_tx(|tx| {
        db::inspections::set_owner_refused(tx, inspection_id)?;
        follow_status(tx, found.unit_id, unit.details.status, when)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Inspection,
            entity_id: Some(inspection_id),
            changes: vec![Change {
                field: "owner_refused".into(),
                old: Some("false".into()),
                new: Some("true".into()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    get(store, inspection_id)
}

/// The unit's status after its inspection history changed: a lease keeps it
/// leased unless it became ineligible.
fn follow_status(tx: &rusqlite::Connection, unit_id: i64, current: UnitStatus, when: Moment) -> Result<(), DeskError> {
    let history: Vec<InspectionRecord> =
        db::inspections::for_unit(tx, unit_id)?.iter().rev().map(history_entry).collect();
    let next = match inspection::standing(&history, when.today) {
        UnitInspectionStanding::Ineligible { .. } => UnitStatus::Ineligible,
        _ if current == UnitStatus::Leased => UnitStatus::Leased,
        UnitInspectionStanding::Passed { .. } | UnitInspectionStanding::AnnualOverdue { .. } => UnitStatus::Passed,
        UnitInspectionStanding::FollowUpDue { .. } | UnitInspectionStanding::FollowUpOverdue { .. } => {
            UnitStatus::Failed
        }
        UnitInspectionStanding::NotInspected => current,
    };
    if next != current {
        db::units::set_status(tx, unit_id, next, when.at)?;
    }
    Ok(())
}

/// One inspection as the rule reads it; the rule wants the history oldest
/// first (two on the same day count in that order), the store gives newest first.
fn history_entry(i: &Inspection) -> InspectionRecord {
    InspectionRecord {
        inspected_on: i.inspected_on,
        kind: i.kind,
        outcome: i.outcome,
        extended_to: i.extended_to,
        owner_refused: i.owner_refused,
    }
}

/// An inspection that passed its checks.
pub struct Checked {
    pub kind: InspectionKind,
    pub inspected_on: NaiveDate,
    pub inspector: String,
    pub children_under_6: u32,
    pub owner_refused: bool,
    pub staff_minutes: Option<u32>,
    pub vendor_fee: Option<Money>,
    pub items: Vec<Item>,
}

/// Checks an inspection against the checklist: every item (section 4 once
/// per room) needs a result, a failed item what is wrong and who fixes it.
/// Item errors are named `items.<code>` or `items.<code>.<room>`.
pub fn check(template: &Template, input: &InspectionInput, today: NaiveDate) -> Result<Checked, ValidationErrors> {
    let mut c = Checker::new();
    let kind = c.choice::<InspectionKind>("kind", &input.kind, "the kind of inspection");
    let inspected_on = c.past_date("inspected_on", &input.inspected_on, "the date of the inspection", today, true);
    let inspector = c.required_text("inspector", &input.inspector, "the inspector's name", 200);
    let children_under_6 = match input.children_under_6.trim() {
        "" => Some(0),
        typed => match typed.parse::<u32>() {
            Ok(n) if n <= 12 => Some(n),
            _ => {
                c.add("children_under_6", "Enter the number of children under 6 who will live there (0 if none).");
                None
            }
        },
    };
    let rooms: Vec<String> = input.rooms.iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
    let mut items = Vec::new();
    for section in &template.sections {
        let section_rooms: Vec<String> = if section.per_room { rooms.clone() } else { vec![String::new()] };
        for room in &section_rooms {
            for t in &section.items {
                let field =
                    if room.is_empty() { format!("items.{}", t.code) } else { format!("items.{}.{room}", t.code) };
                let typed = input.items.iter().find(|i| i.code == t.code && i.room.trim() == room);
                let Some(typed) = typed.filter(|i| !i.result.trim().is_empty()) else {
                    c.add(&field, format!("Choose a result for {} {}{}.", t.code, t.name, in_room(room)));
                    continue;
                };
                let Some(result) = c.choice::<ItemResult>(&field, &typed.result, "a result") else { continue };
                let comment = c.optional_text(&format!("{field}.comment"), &typed.comment, "the comment", 1_000);
                let responsible = if result == ItemResult::Fail {
                    if comment.is_none() {
                        c.add(
                            &format!("{field}.comment"),
                            format!("Say what is wrong with {} {}{}.", t.code, t.name, in_room(room)),
                        );
                    }
                    c.choice::<Responsible>(&format!("{field}.responsible"), &typed.responsible, "who must fix it")
                } else {
                    None
                };
                items.push(Item {
                    code: t.code.clone(),
                    name: t.name.clone(),
                    room: room.clone(),
                    result,
                    comment,
                    responsible,
                });
            }
        }
    }
    if template.sections.iter().any(|s| s.per_room) && rooms.is_empty() {
        c.add("rooms", "Name the other rooms used for living (a bedroom, a hall), at least one.");
    }
    let staff_minutes = match input.staff_minutes.trim() {
        "" => None,
        typed => match typed.parse::<u32>() {
            Ok(n) if (1..=24 * 60).contains(&n) => Some(n),
            _ => {
                c.add("staff_minutes", "Enter the staff time in minutes, or leave it empty.");
                None
            }
        },
    };
    let vendor_fee = c.amount("vendor_fee", &input.vendor_fee, "the inspector's fee", false);
    let checked = (|| {
        Some(Checked {
            kind: kind?,
            inspected_on: inspected_on?,
            inspector,
            children_under_6: children_under_6?,
            owner_refused: input.owner_refused,
            staff_minutes,
            vendor_fee,
            items,
        })
    })();
    c.finish(checked)
}

fn in_room(room: &str) -> String {
    if room.is_empty() {
        String::new()
    } else {
        format!(" ({room})")
    }
}

choices!(ItemResult {
    Pass => "pass", "Pass";
    Fail => "fail", "Fail";
    Inconclusive => "inconclusive", "Inconclusive";
    NotApplicable => "not_applicable", "Not applicable";
});

choices!(InspectionOutcome {
    Pass => "pass", "Passed";
    Fail => "fail", "Failed";
    Inconclusive => "inconclusive", "Inconclusive";
});

choices!(InspectionKind {
    Initial => "initial", "Initial";
    Annual => "annual", "Annual";
    FollowUp => "follow_up", "Follow-up (re-inspection)";
    Special => "special", "Special";
    Complaint => "complaint", "Complaint";
});

choices!(Responsible {
    Owner => "owner", "The owner";
    Tenant => "tenant", "The tenant";
});
