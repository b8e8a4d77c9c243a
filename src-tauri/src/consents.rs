//! Consents to disclose (42 CFR 2.31), recorded per participant: to whom,
//! what, why, until when, the day it was signed; revoked, never deleted;
//! every change audited. And the report of participants without a current
//! consent or with one running out, for the Reports page and the home page.
//!
//! Who may do what, and why (`access.rs`):
//! - Seeing a participant's consents needs their record
//!   (`access::require_record`): office staff, supervisors and
//!   administrators, and case managers (of others' participants too: before
//!   passing anything on, whoever holds the record must be able to see what
//!   the participant allowed). Housing locators see the housing card only.
//! - Recording or revoking one is keeping the case (`access::require_case`):
//!   office staff, supervisors, administrators, and a case manager for their
//!   own participants, the people who sit down with the participant to sign.
//! - The report is the office's (`reports::require_report_role`), and the
//!   home page shows each of those roles the gaps in its scope.
//!
//! A consent is a signed paper, so its record is not edited: a mistake is
//! corrected by revoking it (with a note saying so) and recording it again,
//! which keeps both in the trail.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access;
use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::participants::ParticipantStatus;
use crate::rules::consent::{self as rule, ConsentDates, ConsentFacts, ConsentStatus};
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// A consent as typed on the participant's page; dates as `MM/DD/YYYY`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ConsentInput {
    pub recipient: String,
    pub information: String,
    pub purpose: String,
    pub signed_on: String,
    pub expires_on: String,
    pub expiry_event: String,
}

/// A revocation as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct RevokeInput {
    pub revoked_on: String,
    pub note: String,
}

/// A recorded consent, with where it stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Consent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub recipient: String,
    pub information: String,
    pub purpose: String,
    pub signed_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub expiry_event: Option<String>,
    pub revoked_on: Option<NaiveDate>,
    pub revoke_note: Option<String>,
    pub recorded_by: Option<String>,
    pub revoked_by: Option<String>,
    pub status: ConsentStatus,
    /// Current, and its expiry date is within 30 days.
    pub expires_soon: bool,
}

/// A participant's consents and whether they may be changed by the
/// signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantConsents {
    pub consents: Vec<Consent>,
    /// The staff member may record and revoke (they keep the case).
    pub can_record: bool,
}

/// The statuses the consent report covers: everyone whose record leaves the
/// office in a report (the monthly data lists everyone referred or served,
/// `reports::monthly`; HMIS everyone enrolled). Ineligible and exited
/// participants' records are no longer sent.
pub const STATUSES_NEEDING_CONSENT: &[ParticipantStatus] = &[
    ParticipantStatus::Referred,
    ParticipantStatus::Screening,
    ParticipantStatus::Eligible,
    ParticipantStatus::Enrolled,
    ParticipantStatus::Housed,
];

/// What the report says of one participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentGapKind {
    /// No consent in force today.
    Missing,
    /// Every consent in force expires within 30 days.
    ExpiresSoon,
}

/// One line of the consent report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentGap {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub name: String,
    pub status: ParticipantStatus,
    pub case_manager: Option<String>,
    #[ts(type = "number | null")]
    pub case_manager_id: Option<i64>,
    pub kind: ConsentGapKind,
    /// The day the last current consent expires (for `expires_soon`).
    pub expires_on: Option<NaiveDate>,
    pub recipient: Option<String>,
}

/// The report: who has no current consent, and whose runs out soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsentReport {
    pub on: NaiveDate,
    pub missing: Vec<ConsentGap>,
    pub expiring: Vec<ConsentGap>,
}

/// A participant's consents on the office's day `when`; the view is audited.
pub fn for_participant(
    store: &Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<ParticipantConsents, DeskError> {
    let access = access::require_record(store, session, participant_id)?;
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::Consents, when)?;
    let today = when.today;
    let consents =
        db::consents::for_participant(store.conn(), participant_id)?.into_iter().map(|c| shown(c, today)).collect();
    Ok(ParticipantConsents { consents, can_record: access == access::CaseAccess::Full })
}

/// Checks a typed consent: each field named with its problem (42 CFR 2.31(a)).
pub fn check(input: &ConsentInput, today: NaiveDate) -> Result<CheckedConsent, ValidationErrors> {
    let mut c = Checker::new();
    let recipient = c.required_text("recipient", &input.recipient, "who the information may be disclosed to", 300);
    let information = c.required_text("information", &input.information, "how much and what kind of information", 1000);
    let purpose = c.required_text("purpose", &input.purpose, "the purpose of the disclosure", 1000);
    let signed_on = c.required_date("signed_on", &input.signed_on, "the day it was signed");
    let expires_on = c.optional_date("expires_on", &input.expires_on, "the day it expires");
    let expiry_event = c.optional_text("expiry_event", &input.expiry_event, "the event or condition", 300);
    let typed_expiry_wrong = c.has_error("expires_on");
    let facts = ConsentFacts {
        recipient: &recipient,
        information: &information,
        purpose: &purpose,
        signed_on,
        expires_on,
        expiry_event: expiry_event.as_deref().unwrap_or(""),
    };
    for (field, message) in rule::check_consent(&facts, today) {
        // A date typed wrong says so already; not also "enter a date".
        if !(field == "expires_on" && typed_expiry_wrong) {
            c.add(field, message);
        }
    }
    let checked = signed_on.map(|signed_on| CheckedConsent {
        recipient,
        information,
        purpose,
        signed_on,
        expires_on,
        expiry_event,
    });
    c.finish(checked)
}

/// A consent that passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedConsent {
    pub recipient: String,
    pub information: String,
    pub purpose: String,
    pub signed_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub expiry_event: Option<String>,
}

/// Records a consent for participant `participant_id`, audited.
pub fn record(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    input: &ConsentInput,
    when: Moment,
) -> Result<Consent, DeskError> {
    access::require_case(store, session, participant_id)?;
    let k = check(input, when.today)?;
    let recorded_at = db::audit::timestamp(when.at);
    let id = store.with_tx(|tx| {
        let id = db::consents::insert(
            tx,
            &db::consents::NewConsent {
                participant_id,
                recipient: &k.recipient,
                information: &k.information,
                purpose: &k.purpose,
                expires_on: k.expires_on,
                expiry_event: k.expiry_event.as_deref(),
                signed_on: k.signed_on,
                recorded_by: session.staff_id,
                recorded_at: &recorded_at,
            },
        )?;
        let change = |field: &str, new: Option<String>| Change { field: field.into(), old: None, new };
        let changes = vec![
            change("participant_id", Some(participant_id.to_string())),
            change("recipient", Some(k.recipient.clone())),
            change("information", Some(k.information.clone())),
            change("purpose", Some(k.purpose.clone())),
            change("signed_on", Some(k.signed_on.to_string())),
            change("expires_on", k.expires_on.map(|d| d.to_string())),
            change("expiry_event", k.expiry_event.clone()),
        ]
        .into_iter()
        .filter(|c| c.new.is_some())
        .collect();
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Consent,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    let stored = db::consents::get(store.conn(), id)?.ok_or(DeskError::NotFound("consent"))?;
    Ok(shown(stored, when.today))
}

/// Records that consent `consent_id` was revoked (or ended: an event that
/// ended it, a mistake corrected), audited. A consent is revoked once.
pub fn revoke(
    store: &mut Store,
    session: &Session,
    consent_id: i64,
    input: &RevokeInput,
    when: Moment,
) -> Result<Consent, DeskError> {
    let existing = db::consents::get(store.conn(), consent_id)?.ok_or(DeskError::NotFound("consent"))?;
    access::require_case(store, session, existing.participant_id)?;
    let mut c = Checker::new();
    if existing.revoked_on.is_some() {
        c.add("revoked_on", "This consent is already revoked.");
    }
    let revoked_on = c.required_date("revoked_on", &input.revoked_on, "the day it was revoked");
    if let Some(problem) = revoked_on.and_then(|r| rule::check_revocation(existing.signed_on, r, when.today)) {
        c.add("revoked_on", problem);
    }
    let note = c.optional_text("note", &input.note, "the note", 500);
    let revoked_on = c.finish(revoked_on)?;
    store.with_tx(|tx| {
        if !db::consents::revoke(tx, consent_id, revoked_on, note.as_deref(), session.staff_id)? {
            return Err(DeskError::from(ValidationErrors::single("revoked_on", "This consent is already revoked.")));
        }
        let mut changes = vec![Change { field: "revoked_on".into(), old: None, new: Some(revoked_on.to_string()) }];
        if let Some(n) = &note {
            changes.push(Change { field: "revoke_note".into(), old: None, new: Some(n.clone()) });
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Consent,
            entity_id: Some(consent_id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok(())
    })?;
    let stored = db::consents::get(store.conn(), consent_id)?.ok_or(DeskError::NotFound("consent"))?;
    Ok(shown(stored, when.today))
}

/// The consent report on `today`: every participant in
/// [`STATUSES_NEEDING_CONSENT`] without a current consent, and those whose
/// current consents all expire within 30 days.
pub fn report(store: &Store, session: &Session, today: NaiveDate) -> Result<ConsentReport, DeskError> {
    crate::reports::require_report_role(session)?;
    let (missing, expiring) = gaps(store, today)?.into_iter().partition(|g| g.kind == ConsentGapKind::Missing);
    Ok(ConsentReport { on: today, missing, expiring })
}

/// The report's lines, for the report and the home page (which checks its
/// own roles): one query over every participant.
pub fn gaps(store: &Store, today: NaiveDate) -> Result<Vec<ConsentGap>, DeskError> {
    let statuses: Vec<&str> = STATUSES_NEEDING_CONSENT.iter().map(|s| s.code()).collect();
    let by = today.checked_add_days(Days::new(rule::EXPIRY_WARNING_DAYS)).unwrap_or(today);
    db::consents::gaps(store.conn(), &statuses, today, by)?
        .into_iter()
        .map(|g| {
            let status = db::code::<ParticipantStatus>(&g.status, "participant")?;
            let kind = if g.current == 0 { ConsentGapKind::Missing } else { ConsentGapKind::ExpiresSoon };
            Ok(ConsentGap {
                participant_id: g.participant_id,
                name: g.name,
                status,
                case_manager: g.case_manager,
                case_manager_id: g.case_manager_id,
                kind,
                expires_on: g.latest_expiry,
                recipient: g.recipient,
            })
        })
        .collect()
}

fn shown(c: db::consents::StoredConsent, today: NaiveDate) -> Consent {
    let status = rule::consent_status(
        ConsentDates { signed_on: c.signed_on, expires_on: c.expires_on, revoked_on: c.revoked_on },
        today,
    );
    Consent {
        id: c.id,
        participant_id: c.participant_id,
        recipient: c.recipient,
        information: c.information,
        purpose: c.purpose,
        signed_on: c.signed_on,
        expires_on: c.expires_on,
        expiry_event: c.expiry_event,
        revoked_on: c.revoked_on,
        revoke_note: c.revoke_note,
        recorded_by: c.recorded_by,
        revoked_by: c.revoked_by,
        expires_soon: status == ConsentStatus::Current && rule::expires_soon(c.expires_on, today),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> ConsentInput {
        ConsentInput {
            recipient: "Illinois Department of Human Services, Division of Mental Health".into(),
            information: "Name, enrollment and housing status, engagement visits".into(),
            purpose: "Program reporting and payment".into(),
            signed_on: "11/20/2026".into(),
            expires_on: "11/20/2027".into(),
            expiry_event: String::new(),
        }
    }

    fn fields(input: &ConsentInput) -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        match check(input, today) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.into_iter().map(|f| f.field).collect(),
        }
    }

    #[test]
    fn a_typed_consent_is_checked_field_by_field() {
        assert!(fields(&typed()).is_empty());
        let blank = ConsentInput::default();
        assert_eq!(fields(&blank), ["recipient", "information", "purpose", "signed_on", "expires_on"]);
        let wrong_dates = ConsentInput { signed_on: "13/45/2026".into(), expires_on: "soon".into(), ..typed() };
        assert_eq!(fields(&wrong_dates), ["signed_on", "expires_on"], "each once, saying the date is not real");
        let event =
            ConsentInput { expires_on: String::new(), expiry_event: "When they leave the program".into(), ..typed() };
        let k = check(&event, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        assert_eq!((k.expires_on, k.expiry_event.as_deref()), (None, Some("When they leave the program")));
        let backwards = ConsentInput { expires_on: "11/19/2026".into(), ..typed() };
        assert_eq!(fields(&backwards), ["expires_on"]);
        let long = ConsentInput { recipient: "x".repeat(301), ..typed() };
        assert_eq!(fields(&long), ["recipient"]);
    }
}
