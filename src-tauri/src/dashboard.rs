//! The home page: what needs attention, by person and date, for the
//! signed-in staff member or the whole office, and how many people stand
//! where. Each kind of item comes from one rule in `rules::due` or
//! `rules::engagement`, and links to the place where it is done.

use chrono::Days;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::participants::ParticipantStatus;
use crate::rules::{due, engagement};
use crate::store::{self as db, attention::Candidate, Store};
use crate::validation::Choice;

/// The most items listed under one heading; the total is always given.
pub const ITEMS_PER_KIND: usize = 50;

/// Whose items to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The signed-in staff member's participants and screenings.
    #[default]
    Mine,
    Office,
}

/// The kinds of things that need attention, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttentionKind {
    Release,
    Screening,
    Visits,
    Recertification,
    TemporaryStay,
    Waitlist,
    /// HQS inspections: follow-ups running out, annual inspections due.
    Inspection,
    /// Leases ending within 60 days: renew, or plan the move.
    LeaseEnding,
    /// Monthly payment runs to prepare, approve or post.
    PaymentRun,
    /// Participants without a current consent to disclose, or whose
    /// consents all expire within 30 days (42 CFR 2.31; `consents`).
    Consent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttentionItem {
    /// The participant it is about (none for a unit's inspection).
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    /// The participant's name, or the unit's address.
    pub name: String,
    /// Where the name leads.
    pub name_link: String,
    /// The date it is due (or happened), when it has one.
    pub date: Option<chrono::NaiveDate>,
    /// What is needed, in plain words.
    pub detail: String,
    /// Where in the app it is done (a `#/` route).
    pub link: String,
    /// Past its date.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttentionGroup {
    pub kind: AttentionKind,
    pub title: String,
    /// Every item of this kind in the scope (the list stops at `ITEMS_PER_KIND`).
    #[ts(type = "number")]
    pub total: u64,
    pub items: Vec<AttentionItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusCount {
    pub status: ParticipantStatus,
    pub label: String,
    #[ts(type = "number")]
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    pub scope: Scope,
    /// Referred, screening, eligible, enrolled, housed: the whole office.
    pub counts: Vec<StatusCount>,
    #[ts(type = "number")]
    pub exited_this_month: u64,
    #[ts(type = "number")]
    pub total_participants: u64,
    /// Every kind the signed-in role works on, empty ones included.
    pub attention: Vec<AttentionGroup>,
    /// The next monthly and quarterly reports to DMH and the days left, for
    /// the roles that produce them (Guide: Data Reporting).
    pub reports_due: Vec<crate::reports::DueReport>,
}

/// The dashboard on `when.today` for `session`, in `scope`.
pub fn dashboard(store: &Store, session: &Session, scope: Scope, when: Moment) -> Result<Dashboard, DeskError> {
    let conn = store.conn();
    let today = when.today;
    let counts_by_status = db::participants::count_by_status(conn)?;
    let count_of = |s: ParticipantStatus| counts_by_status.iter().find(|(c, _)| *c == s).map_or(0, |(_, n)| *n);
    let shown = [
        ParticipantStatus::Referred,
        ParticipantStatus::Screening,
        ParticipantStatus::Eligible,
        ParticipantStatus::Enrolled,
        ParticipantStatus::Housed,
    ];
    let counts = shown
        .iter()
        .map(|&status| StatusCount { status, label: status.label().into(), count: count_of(status) })
        .collect();
    let month = engagement::month_start(today);
    let month_end = engagement::month_end(today);
    let exited_this_month = db::attention::exits_between(conn, month, month_end)?;
    let total_participants = counts_by_status.iter().map(|(_, n)| n).sum();

    let mine = |c: &Candidate| c.case_manager_id == Some(session.staff_id) || c.other_owner == Some(session.staff_id);
    let in_scope = |c: &Candidate| scope == Scope::Office || mine(c);
    let mut attention = Vec::new();
    for &kind in kinds_for(session.role) {
        let mut items: Vec<(AttentionItem, i64)> = Vec::new();
        match kind {
            AttentionKind::Release => {
                let from = today.checked_sub_days(Days::new(due::RELEASE_GRACE_DAYS)).unwrap_or(today);
                let to = today.checked_add_days(Days::new(due::RELEASE_WINDOW_DAYS)).unwrap_or(today);
                for c in db::attention::releases(conn, from, to)?.into_iter().filter(in_scope) {
                    let Some(date) = c.date.filter(|d| due::release_needs_attention(*d, today)) else { continue };
                    let from_where = c
                        .text
                        .as_deref()
                        .and_then(crate::participants::ReferralSource::from_code)
                        .map_or("an institution".to_string(), |s| s.label().to_lowercase());
                    let eligible = c.status == ParticipantStatus::Eligible.code();
                    let detail = match (date < today, eligible) {
                        (true, false) => format!("Left {from_where}: find them and finish screening"),
                        (false, false) => format!("Leaves {from_where}: screen before they leave"),
                        (true, true) => format!("Left {from_where}: find them and enroll"),
                        (false, true) => format!("Leaves {from_where}: enroll and line up housing before they leave"),
                    };
                    items.push((
                        item(
                            &c,
                            Some(date),
                            detail,
                            format!("#/participants/{}/screening", c.participant_id),
                            date < today,
                        ),
                        0,
                    ));
                }
            }
            AttentionKind::Screening => {
                for c in db::attention::unfinished_screenings(conn)?.into_iter().filter(in_scope) {
                    let detail =
                        format!("Screening not finished: {} of {} steps saved", c.first, crate::screening::STEPS.len());
                    let link = format!("#/participants/{}/screening", c.participant_id);
                    items.push((item(&c, c.date, detail, link, false), 0));
                }
            }
            AttentionKind::Visits => {
                let needed = (engagement::VISITS_PER_MONTH, engagement::HOME_VISITS_PER_MONTH);
                for c in db::attention::visits_short(conn, month, month_end, needed.0, needed.1)?
                    .into_iter()
                    .filter(in_scope)
                {
                    let visits = u32::try_from(c.first).unwrap_or(0);
                    let home = u32::try_from(c.second).unwrap_or(0);
                    let standing = engagement::month_standing(month, today, visits, home);
                    let detail = visits_detail(visits, home);
                    let link = format!("#/participants/{}/engagement", c.participant_id);
                    let at_risk = standing == engagement::MonthStanding::AtRisk;
                    items.push((item(&c, Some(month_end), detail, link, at_risk), i64::from(visits * 2 + home)));
                }
            }
            AttentionKind::Recertification => {
                for c in db::attention::last_full_calculations(conn)?.into_iter().filter(in_scope) {
                    let Some(due_on) = c.date.and_then(|last| due::recertification_needs_attention(last, today)) else {
                        continue;
                    };
                    let detail = "Annual income recertification due".to_string();
                    let link = format!("#/participants/{}/income", c.participant_id);
                    items.push((item(&c, Some(due_on), detail, link, due_on < today), 0));
                }
            }
            AttentionKind::TemporaryStay => {
                for c in db::attention::open_temporary_stays(conn)?.into_iter().filter(in_scope) {
                    let Some(last) = c.date.and_then(|start| due::temporary_stay_needs_attention(start, today)) else {
                        continue;
                    };
                    let place = c.text.clone().unwrap_or_default();
                    let detail = format!("Temporary housing at {place} reaches 90 days: find a long-term unit");
                    let link = format!("#/participants/{}/case", c.participant_id);
                    items.push((item(&c, Some(last), detail, link, last < today), 0));
                }
            }
            AttentionKind::Inspection => items.extend(inspection_items(conn, session, scope, today)?),
            AttentionKind::LeaseEnding => {
                let by = today.checked_add_days(Days::new(LEASE_WARNING_DAYS)).unwrap_or(today);
                for c in db::attention::leases_ending(conn, by)?.into_iter().filter(in_scope) {
                    let Some(last) = c.date else { continue };
                    let address = c.text.clone().unwrap_or_default();
                    let detail = if last < today {
                        format!("The lease at {address} ended: record the renewal or the move-out")
                    } else {
                        format!("The lease at {address} ends: renew it or plan the move")
                    };
                    // Case managers work from the case; the unit is the locator's.
                    let link = match session.role {
                        Role::CaseManager => format!("#/participants/{}/case", c.participant_id),
                        _ => format!("#/units/{}", c.first),
                    };
                    items.push((item(&c, Some(last), detail, link, last < today), 0));
                }
            }
            AttentionKind::PaymentRun => items.extend(payment_run_items(conn, session, today)?),
            AttentionKind::Consent => {
                for g in crate::consents::gaps(store, today)? {
                    if scope == Scope::Mine && g.case_manager_id != Some(session.staff_id) {
                        continue;
                    }
                    let (detail, date) = match (g.kind, g.expires_on) {
                        (crate::consents::ConsentGapKind::ExpiresSoon, Some(on)) => (
                            match &g.recipient {
                                Some(r) => format!("The consent to disclose to {r} expires: ask them to sign again"),
                                None => "The consent to disclose expires: ask them to sign again".to_string(),
                            },
                            Some(on),
                        ),
                        _ => (
                            "No current consent to disclose: ask them to sign one before anything is sent".into(),
                            None,
                        ),
                    };
                    let link = format!("#/participants/{}", g.participant_id);
                    items.push((
                        AttentionItem {
                            participant_id: Some(g.participant_id),
                            name: g.name.clone(),
                            name_link: link.clone(),
                            date,
                            detail,
                            link,
                            overdue: false,
                        },
                        // Missing consents first among the undated, by name.
                        0,
                    ));
                }
            }
            AttentionKind::Waitlist => {
                let by = today.checked_add_days(Days::new(due::WAITLIST_WINDOW_DAYS)).unwrap_or(today);
                for c in db::attention::waitlists_opening(conn, by)?.into_iter().filter(in_scope) {
                    let Some(opens) = c.date.filter(|d| due::waitlist_needs_attention(*d, today)) else { continue };
                    let list = c
                        .text
                        .as_deref()
                        .and_then(crate::screening::Waitlist::from_code)
                        .map_or("a waiting list", |l| l.label());
                    let verb = if opens <= today { "is open" } else { "opens" };
                    let detail = format!("Register for the {list} list: it {verb}");
                    let link = format!("#/participants/{}/case", c.participant_id);
                    items.push((item(&c, Some(opens), detail, link, false), 0));
                }
            }
        }
        // Soonest first; among equal dates, fewest visits first, then by name.
        items.sort_by(|(a, ra), (b, rb)| a.date.cmp(&b.date).then(ra.cmp(rb)).then_with(|| a.name.cmp(&b.name)));
        let total = items.len() as u64;
        attention.push(AttentionGroup {
            kind,
            title: title(kind).into(),
            total,
            items: items.into_iter().take(ITEMS_PER_KIND).map(|(i, _)| i).collect(),
        });
    }
    let reports_due = match crate::reports::require_report_role(session) {
        Ok(()) => crate::reports::due(store, session, today)?,
        Err(_) => Vec::new(),
    };
    // The attention lists name participants: one view of many, audited.
    let scope_words = match scope {
        Scope::Office => "the whole office",
        Scope::Mine => "mine",
    };
    crate::audit::record_list_view(store, session, "home page", &[("scope", scope_words.to_string())], when)?;
    Ok(Dashboard { scope, counts, exited_this_month, total_participants, attention, reports_due })
}

/// The kinds each role works on: a housing locator sees temporary stays,
/// not screenings, visits or income.
pub fn kinds_for(role: Role) -> &'static [AttentionKind] {
    use AttentionKind::*;
    match role {
        Role::HousingLocator => &[Inspection, TemporaryStay, LeaseEnding],
        Role::CaseManager => {
            &[Release, Screening, Visits, Recertification, TemporaryStay, Waitlist, Inspection, LeaseEnding, Consent]
        }
        _ => &[
            Release,
            Screening,
            Visits,
            Recertification,
            TemporaryStay,
            Waitlist,
            Inspection,
            LeaseEnding,
            PaymentRun,
            Consent,
        ],
    }
}

fn title(kind: AttentionKind) -> &'static str {
    match kind {
        AttentionKind::Release => "Leaving a hospital, jail, prison or detox in the next 14 days",
        AttentionKind::Screening => "Screenings not finished",
        AttentionKind::Visits => "Engagement visits due this month",
        AttentionKind::Recertification => "Recertifications due in the next 60 days",
        AttentionKind::TemporaryStay => "Temporary housing nearing 90 days",
        AttentionKind::Waitlist => "Waiting list registrations to make",
        AttentionKind::Inspection => "HQS inspections due and follow-ups running out",
        AttentionKind::LeaseEnding => "Leases ending in the next 60 days",
        AttentionKind::PaymentRun => "Monthly payments to prepare, approve or post",
        AttentionKind::Consent => "Consents to disclose missing or expiring in the next 30 days",
    }
}

/// What a participant still needs this month, in words.
pub fn visits_detail(visits: u32, home: u32) -> String {
    let missing = engagement::VISITS_PER_MONTH.saturating_sub(visits);
    let needs_home = home < engagement::HOME_VISITS_PER_MONTH;
    match (missing, needs_home) {
        (0, _) => "A home visit is still needed this month".into(),
        (1, true) => format!("{visits} visit so far: one more needed, at home"),
        (1, false) => format!("{visits} visit so far: one more needed"),
        (_, _) => "No visits yet this month: two needed, one at home".into(),
    }
}

fn item(c: &Candidate, date: Option<chrono::NaiveDate>, detail: String, link: String, overdue: bool) -> AttentionItem {
    AttentionItem {
        participant_id: Some(c.participant_id),
        name: c.name.clone(),
        name_link: format!("#/participants/{}", c.participant_id),
        date,
        detail,
        link,
        overdue,
    }
}

/// Leases ending within this many days show.
pub const LEASE_WARNING_DAYS: u64 = 60;
/// From this day of the month, next month's payment run is asked for.
pub const RUN_REMINDER_DAY: u32 = 15;

/// The month's payment runs: next month's to prepare (from the 15th), runs
/// waiting for a supervisor's approval, approved runs to post.
fn payment_run_items(
    conn: &rusqlite::Connection,
    session: &Session,
    today: chrono::NaiveDate,
) -> Result<Vec<(AttentionItem, i64)>, DeskError> {
    use chrono::Datelike;
    let mut items = Vec::new();
    let next = engagement::month_end(today).succ_opt().unwrap_or(today);
    let run_item = |name: String, link: String, date, detail: String, overdue| AttentionItem {
        participant_id: None,
        name,
        name_link: link.clone(),
        date: Some(date),
        detail,
        link,
        overdue,
    };
    if today.day() >= RUN_REMINDER_DAY && db::ledger::open_run(conn, next)?.is_none() {
        items.push((
            run_item(
                format!("Payments for {}", crate::rules::month_words(next)),
                "#/payments".into(),
                engagement::month_end(today),
                "Prepare the month's payment run: owners are paid by the 1st".into(),
                false,
            ),
            0,
        ));
    }
    for run in db::ledger::runs(conn, 12)? {
        let link = format!("#/payments/runs/{}", run.id);
        let name = format!("Payments for {}", crate::rules::month_words(run.month));
        let due = run.month;
        match run.status.as_str() {
            "prepared" => {
                let detail = if session.role == Role::Supervisor {
                    "Prepared: waiting for your approval".to_string()
                } else {
                    format!("Prepared by {}: waiting for a supervisor's approval", run.prepared_by)
                };
                items.push((run_item(name, link, due, detail, due <= today), 0));
            }
            "approved" => {
                let detail = format!("Approved by {}: post it to the ledger", run.approved_by.unwrap_or_default());
                items.push((run_item(name, link, due, detail, due < today), 0));
            }
            _ => {}
        }
    }
    Ok(items)
}

/// Follow-ups due within this many days show before they run out.
pub const FOLLOW_UP_WARNING_DAYS: u64 = 5;
/// Annual inspections due within this many days show.
pub const ANNUAL_WARNING_DAYS: u64 = 30;

/// Units whose follow-up inspection runs out soon or has, and units whose
/// annual inspection is due soon or overdue, each with its sort key.
fn inspection_items(
    conn: &rusqlite::Connection,
    session: &Session,
    scope: Scope,
    today: chrono::NaiveDate,
) -> Result<Vec<(AttentionItem, i64)>, DeskError> {
    use crate::rules::inspection::{self, UnitInspectionStanding as S};
    let mut items = Vec::new();
    for unit in db::attention::unit_inspections(conn)? {
        if scope == Scope::Mine && unit.last_staff_id != Some(session.staff_id) {
            continue;
        }
        let standing = inspection::standing(&unit.history, today);
        let soon = |d: chrono::NaiveDate| d <= today.checked_add_days(Days::new(FOLLOW_UP_WARNING_DAYS)).unwrap_or(d);
        let (date, detail, overdue) = match standing {
            S::FollowUpDue { due } if soon(due) => {
                (due, "Follow-up inspection due: the 14 days run out".to_string(), false)
            }
            S::FollowUpOverdue { was_due } => {
                (was_due, "Follow-up inspection overdue: no assistance until it passes".into(), true)
            }
            S::Passed { next_due } if inspection::annual_due_soon(next_due, today, ANNUAL_WARNING_DAYS) => {
                (next_due, "Annual HQS inspection due".into(), false)
            }
            S::AnnualOverdue { was_due } => (was_due, "Annual HQS inspection overdue".into(), true),
            _ => continue,
        };
        items.push((
            AttentionItem {
                participant_id: None,
                name: unit.address.clone(),
                name_link: format!("#/units/{}", unit.unit_id),
                date: Some(date),
                detail,
                link: format!("#/units/{}/inspect", unit.unit_id),
                overdue,
            },
            0,
        ));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_detail_says_what_is_missing() {
        assert_eq!(visits_detail(0, 0), "No visits yet this month: two needed, one at home");
        assert_eq!(visits_detail(1, 0), "1 visit so far: one more needed, at home");
        assert_eq!(visits_detail(1, 1), "1 visit so far: one more needed");
        assert_eq!(visits_detail(3, 0), "A home visit is still needed this month");
    }

    #[test]
    fn locators_see_only_housing_items() {
        assert_eq!(
            kinds_for(Role::HousingLocator),
            &[AttentionKind::Inspection, AttentionKind::TemporaryStay, AttentionKind::LeaseEnding]
        );
        assert_eq!(kinds_for(Role::CaseManager).len(), 9, "everything but the payment runs");
        assert!(kinds_for(Role::CaseManager).contains(&AttentionKind::Consent), "they ask for the signature");
        assert!(!kinds_for(Role::HousingLocator).contains(&AttentionKind::Consent), "not a locator's record");
        assert!(!kinds_for(Role::CaseManager).contains(&AttentionKind::PaymentRun));
        assert!(kinds_for(Role::Supervisor).contains(&AttentionKind::PaymentRun));
    }
}
