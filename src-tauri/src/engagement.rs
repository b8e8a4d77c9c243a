//! Case management: engagement visits and how each month stands against the
//! Guide's rule of two visits a month, one at home (see `rules::engagement`).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{self, CaseAccess};
use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::rules::engagement::{self, MonthStanding, VisitKind};
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice};

/// A service a visit linked the participant to (Guide: "linkage to mental
/// health or substance use recovery support services").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Linkage {
    MentalHealth,
    SubstanceUseTreatment,
    PeerRecoveryGroup,
    Outpatient,
    Medical,
}

/// A visit as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct VisitInput {
    pub visit_date: String,
    pub kind: String,
    pub minutes: String,
    pub with_whom: String,
    pub notes: String,
    pub linkages: Vec<String>,
}

/// A visit as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Visit {
    #[ts(type = "number")]
    pub id: i64,
    pub visit_date: NaiveDate,
    pub kind: VisitKind,
    pub minutes: u32,
    pub with_whom: Option<String>,
    pub notes: Option<String>,
    pub linkages: Vec<Linkage>,
    pub staff_name: Option<String>,
}

/// One month against the two-visit rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthEngagement {
    /// The first day of the month.
    pub month: NaiveDate,
    pub visits: u32,
    pub home_visits: u32,
    pub standing: MonthStanding,
}

/// A participant's visits and how each month stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EngagementOverview {
    pub visits: Vec<Visit>,
    pub months: Vec<MonthEngagement>,
    /// The notes are left out: the signed-in case manager is not this
    /// participant's (see `access`). Such a reader cannot log visits either.
    pub notes_hidden: bool,
}

/// The visits and the months, on `today`, as the signed-in staff member may
/// see them.
/// The view is audited.
pub fn overview(
    store: &Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<EngagementOverview, DeskError> {
    let today = when.today;
    let access = access::require_record(store, session, participant_id)?;
    let mut visits = visits(store, participant_id)?;
    let notes_hidden = access != CaseAccess::Full;
    if notes_hidden {
        for v in &mut visits {
            v.notes = None;
            v.with_whom = None;
            v.linkages.clear();
        }
    }
    let months = months(&visits, today, today);
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::Engagement, when)?;
    Ok(EngagementOverview { visits, months, notes_hidden })
}

/// The longest visit the form accepts, in minutes.
const MAX_MINUTES: u32 = 12 * 60;

/// Records a visit, audited (the notes' words stay out of the audit trail).
pub fn log_visit(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    input: &VisitInput,
    when: Moment,
) -> Result<Visit, DeskError> {
    access::require_case(store, session, participant_id)?;
    let mut c = Checker::new();
    let date = c.required_date("visit_date", &input.visit_date, "the date of the visit");
    if date.is_some_and(|d| d > when.today) {
        c.add("visit_date", "The date of the visit cannot be in the future.");
    }
    let kind = c.choice::<VisitKind>("kind", &input.kind, "where the visit happened");
    let minutes = match input.minutes.trim().parse::<u32>() {
        Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(m),
        _ => {
            c.add("minutes", format!("Enter how long the visit took, in minutes, from 1 to {MAX_MINUTES}."));
            None
        }
    };
    let with_whom = c.optional_text("with_whom", &input.with_whom, "who was there", 300);
    let notes = c.optional_text("notes", &input.notes, "the notes", 10_000);
    let mut linkages = Vec::new();
    for code in &input.linkages {
        match Linkage::from_code(code) {
            Some(l) if !linkages.contains(&l) => linkages.push(l),
            Some(_) => {}
            None => c.add("linkages", "Choose the linkages from the list."),
        }
    }
    let (date, (kind, minutes)) = c.finish(date.zip(kind.zip(minutes)))?;
    let linkage_codes: Vec<&str> = linkages.iter().map(|l| l.code()).collect();
    let linkages_json = serde_json::to_string(&linkage_codes).map_err(|e| db::StoreError::Invariant(e.to_string()))?;
    let created_at = db::audit::timestamp(when.at);
    let id = store.with_tx(|tx| {
        let id = db::visits::insert(
            tx,
            &db::visits::NewVisit {
                participant_id,
                visit_date: date,
                kind: kind.code(),
                minutes,
                with_whom: with_whom.as_deref(),
                notes: notes.as_deref(),
                linkages: &linkages_json,
                staff_id: session.staff_id,
                created_at: &created_at,
            },
        )?;
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let mut changes = vec![
            change("participant_id", participant_id.to_string()),
            change("visit_date", date.to_string()),
            change("kind", kind.code().into()),
            change("minutes", minutes.to_string()),
        ];
        if notes.is_some() {
            changes.push(change("notes", "(written)".into()));
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::EngagementVisit,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    Ok(Visit {
        id,
        visit_date: date,
        kind,
        minutes,
        with_whom,
        notes,
        linkages,
        staff_name: Some(session.full_name.clone()),
    })
}

/// A participant's visits, newest first.
pub fn visits(store: &Store, participant_id: i64) -> Result<Vec<Visit>, DeskError> {
    db::visits::for_participant(store.conn(), participant_id)?
        .into_iter()
        .map(|v| {
            let bad = |what: &str| DeskError::Store(db::StoreError::Invariant(format!("visit {}: {what}", v.id)));
            let codes: Vec<String> = serde_json::from_str(&v.linkages).map_err(|_| bad("linkages"))?;
            Ok(Visit {
                id: v.id,
                visit_date: v.visit_date,
                kind: VisitKind::from_code(&v.kind).ok_or_else(|| bad("kind"))?,
                minutes: v.minutes,
                with_whom: v.with_whom,
                notes: v.notes,
                linkages: codes.iter().filter_map(|c| Linkage::from_code(c)).collect(),
                staff_name: v.staff_name,
            })
        })
        .collect()
}

/// Every month from the first visit (or `since`, if earlier) to this one,
/// newest first, with its standing on `today`.
pub fn months(visits: &[Visit], since: NaiveDate, today: NaiveDate) -> Vec<MonthEngagement> {
    let first = visits.iter().map(|v| v.visit_date).min().map_or(since, |d| d.min(since));
    let mut month = engagement::month_start(today);
    let stop = engagement::month_start(first);
    let mut out = Vec::new();
    while month >= stop {
        let end = engagement::month_end(month);
        let in_month = visits.iter().filter(|v| v.visit_date >= month && v.visit_date <= end && v.kind.counts());
        let counted = in_month.clone().count() as u32;
        let home = in_month.filter(|v| v.kind == VisitKind::Home).count() as u32;
        out.push(MonthEngagement {
            month,
            visits: counted,
            home_visits: home,
            standing: engagement::month_standing(month, today, counted, home),
        });
        match month.checked_sub_months(Months::new(1)) {
            Some(previous) => month = previous,
            None => break,
        }
    }
    out
}

choices!(VisitKind {
    Home => "home", "Home visit";
    Community => "community", "In the community";
    Phone => "phone", "Phone call (does not count toward the two visits)";
});

choices!(Linkage {
    MentalHealth => "mental_health", "Mental health services";
    SubstanceUseTreatment => "substance_use_treatment", "Substance use treatment";
    PeerRecoveryGroup => "peer_recovery_group", "Peer recovery group";
    Outpatient => "outpatient", "Outpatient program";
    Medical => "medical", "Medical care";
});

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn visit(date: &str, kind: VisitKind) -> Visit {
        Visit {
            id: 0,
            visit_date: NaiveDate::from_str(date).unwrap(),
            kind,
            minutes: 30,
            with_whom: None,
            notes: None,
            linkages: vec![],
            staff_name: None,
        }
    }

    #[test]
    fn months_count_only_home_and_community_visits() {
        let v = [
            visit("2026-09-03", VisitKind::Home),
            visit("2026-09-20", VisitKind::Community),
            visit("2026-10-02", VisitKind::Community),
            visit("2026-10-15", VisitKind::Phone),
            visit("2026-11-04", VisitKind::Home),
        ];
        let today = NaiveDate::from_str("2026-11-23").unwrap();
        let m = months(&v, today, today);
        let got: Vec<_> = m.iter().map(|x| (x.month.to_string(), x.visits, x.home_visits, x.standing)).collect();
        assert_eq!(
            got,
            vec![
                ("2026-11-01".into(), 1, 1, MonthStanding::AtRisk),
                ("2026-10-01".into(), 1, 0, MonthStanding::Missed),
                ("2026-09-01".into(), 2, 1, MonthStanding::Met),
            ]
        );
    }
}
