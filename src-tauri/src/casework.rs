//! Case management after screening: enrollment and the assigned case manager,
//! the case plan (housing, treatment and recovery, employment and income,
//! and the pre-tenancy and tenancy-sustaining skills the HERO program
//! teaches), SOAR and SSI/SSDI, vocational hours, employment, institutional
//! and temporary stays, waiting lists, and exit.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access;
use crate::accounts::{Role, Session};
use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::participants::ParticipantStatus;
use crate::rules::due;
use crate::rules::engagement::month_start;
use crate::screening::{Waitlist, WaitlistStatus};
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice, ValidationErrors};

/// A participant's case, as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Case {
    pub status: ParticipantStatus,
    pub enrollment: Option<Enrollment>,
    pub goals: Vec<Goal>,
    pub vocational_hours: Vec<VocationalMonth>,
    pub employment: Vec<Job>,
    pub stays: Vec<Stay>,
    pub waitlists: Vec<Registration>,
    pub exit: Option<Exit>,
    /// Staff who can be assigned as case manager.
    pub case_managers: Vec<StaffOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffOption {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Enrollment {
    pub enrolled_on: NaiveDate,
    #[ts(type = "number | null")]
    pub case_manager_id: Option<i64>,
    pub case_manager_name: Option<String>,
    pub soar_status: SoarStatus,
    pub soar_applied_on: Option<NaiveDate>,
    pub benefits_decision: BenefitsDecision,
    pub benefits_decision_on: Option<NaiveDate>,
    /// The day the first SSI/SSDI payment was received: the subsistence
    /// allowance ends the month after.
    pub first_benefit_payment_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Goal {
    #[ts(type = "number")]
    pub id: i64,
    pub area: GoalArea,
    pub goal: String,
    pub target_date: Option<NaiveDate>,
    pub status: GoalStatus,
    pub achieved_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VocationalMonth {
    #[ts(type = "number")]
    pub id: i64,
    /// The first day of the month.
    pub month: NaiveDate,
    pub provider_kind: ProviderKind,
    pub provider: String,
    /// Hours, as a decimal string ("4.5").
    pub hours: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Job {
    #[ts(type = "number")]
    pub id: i64,
    pub employer: String,
    pub job_title: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Stay {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: StayKind,
    pub place: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// For temporary housing: the last day of the 90 allowed.
    pub last_allowed_day: Option<NaiveDate>,
    /// For an institutional stay: six months or more, so the unit is vacant.
    pub vacancy: bool,
    /// For temporary housing: the program's temporary unit, if it is one.
    #[ts(type = "number | null")]
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
    /// For temporary housing: when the stay is planned to end.
    pub planned_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Registration {
    pub list: Waitlist,
    pub status: WaitlistStatus,
    pub registered_on: Option<NaiveDate>,
    pub agency: Option<String>,
    pub opens_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Exit {
    pub exit_date: NaiveDate,
    pub reason: ExitReason,
    pub destination: Destination,
    pub unit_outcome: UnitOutcome,
    pub notes: Option<String>,
}

/// The enrollment form as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct EnrollmentInput {
    pub enrolled_on: String,
    /// The staff id, as text ("" for none yet).
    pub case_manager_id: String,
    pub soar_status: String,
    pub soar_applied_on: String,
    pub benefits_decision: String,
    pub benefits_decision_on: String,
    /// The day the first (or lump-sum) SSI/SSDI payment was received.
    #[serde(default)]
    pub first_benefit_payment_on: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct GoalInput {
    pub area: String,
    pub goal: String,
    pub target_date: String,
    pub status: String,
    pub achieved_on: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct VocationalInput {
    /// "11/2026" or "2026-11".
    pub month: String,
    pub provider_kind: String,
    pub provider: String,
    pub hours: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct JobInput {
    pub employer: String,
    pub job_title: String,
    pub start_date: String,
    pub end_date: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StayInput {
    pub kind: String,
    pub place: String,
    pub start_date: String,
    pub end_date: String,
    /// The program's temporary unit, by id as text ("" for another place).
    pub unit_id: String,
    pub planned_end: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct RegistrationInput {
    pub list: String,
    pub status: String,
    pub registered_on: String,
    pub agency: String,
    pub opens_on: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ExitInput {
    pub exit_date: String,
    pub reason: String,
    pub destination: String,
    pub unit_outcome: String,
    pub notes: String,
}

/// A record of the case that can be added or changed, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", content = "input", rename_all = "snake_case")]
pub enum CaseChange {
    Enrollment(EnrollmentInput),
    /// A new goal (`id` null) or a change to one.
    Goal {
        #[ts(type = "number | null")]
        id: Option<i64>,
        goal: GoalInput,
    },
    Vocational(VocationalInput),
    /// A new job (`id` null) or a change to one (to end it).
    Job {
        #[ts(type = "number | null")]
        id: Option<i64>,
        job: JobInput,
    },
    /// A new stay (`id` null) or a change to one (to end it).
    Stay {
        #[ts(type = "number | null")]
        id: Option<i64>,
        stay: StayInput,
    },
    Registration(RegistrationInput),
    Exit(ExitInput),
}

/// The participant's case, shown to the signed-in staff member: the view
/// is audited.
pub fn case(store: &Store, session: &Session, participant_id: i64, when: Moment) -> Result<Case, DeskError> {
    let shown = case_as_it_stands(store, session, participant_id, when.today)?;
    audit::record_view(store, session, participant_id, audit::RecordPart::Case, when)?;
    Ok(shown)
}

/// The case on `today` (after a change, which is audited as such).
fn case_as_it_stands(
    store: &Store,
    session: &Session,
    participant_id: i64,
    today: NaiveDate,
) -> Result<Case, DeskError> {
    access::require_case(store, session, participant_id)?;
    let conn = store.conn();
    let participant = db::participants::get(conn, participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let j = db::journey::case_rows(conn, participant_id)?;
    let bad = |what: &str| DeskError::Store(db::StoreError::Invariant(format!("participant {participant_id}: {what}")));
    fn parse<T: Choice>(c: &str, bad: &dyn Fn(&str) -> DeskError) -> Result<T, DeskError> {
        T::from_code(c).ok_or_else(|| bad(c))
    }
    let enrollment = match j.enrollment {
        Some(e) => Some(Enrollment {
            enrolled_on: e.enrolled_on,
            case_manager_id: e.case_manager_id,
            case_manager_name: e.case_manager_name,
            soar_status: parse(&e.soar_status, &bad)?,
            soar_applied_on: e.soar_applied_on,
            benefits_decision: parse(&e.benefits_decision, &bad)?,
            benefits_decision_on: e.benefits_decision_on,
            first_benefit_payment_on: e.first_benefit_payment_on,
        }),
        None => None,
    };
    let goals = j
        .goals
        .into_iter()
        .map(|g| {
            Ok(Goal {
                id: g.id,
                area: parse(&g.area, &bad)?,
                goal: g.goal,
                target_date: g.target_date,
                status: parse(&g.status, &bad)?,
                achieved_on: g.achieved_on,
            })
        })
        .collect::<Result<_, DeskError>>()?;
    let vocational_hours = j
        .vocational
        .into_iter()
        .map(|v| {
            Ok(VocationalMonth {
                id: v.id,
                month: v.month,
                provider_kind: parse(&v.provider_kind, &bad)?,
                provider: v.provider,
                hours: v.hours,
            })
        })
        .collect::<Result<_, DeskError>>()?;
    let employment = j
        .jobs
        .into_iter()
        .map(|r| Job {
            id: r.id,
            employer: r.employer,
            job_title: r.job_title,
            start_date: r.start_date,
            end_date: r.end_date,
        })
        .collect();
    let stays = j
        .stays
        .into_iter()
        .map(|s| {
            let kind: StayKind = parse(&s.kind, &bad)?;
            Ok(Stay {
                id: s.id,
                kind,
                place: if s.place.is_empty() { s.unit_address.clone().unwrap_or_default() } else { s.place },
                last_allowed_day: (kind == StayKind::TemporaryHousing)
                    .then(|| due::temporary_stay_last_day(s.start_date)),
                vacancy: kind.is_institutional() && due::stay_is_vacancy(s.start_date, s.end_date, today),
                start_date: s.start_date,
                end_date: s.end_date,
                unit_id: s.unit_id,
                unit_address: s.unit_address,
                planned_end: s.planned_end,
            })
        })
        .collect::<Result<_, DeskError>>()?;
    let waitlists = j
        .waitlists
        .into_iter()
        .map(|w| {
            Ok(Registration {
                list: parse(&w.list, &bad)?,
                status: parse(&w.status, &bad)?,
                registered_on: w.registered_on,
                agency: w.agency,
                opens_on: w.opens_on,
            })
        })
        .collect::<Result<_, DeskError>>()?;
    // The latest exit, while they are out of the program; someone who came
    // back has no exit now.
    let exit = match j.exit.filter(|_| participant.details.status == ParticipantStatus::Exited) {
        Some(x) => Some(Exit {
            exit_date: x.exit_date,
            reason: parse(&x.reason, &bad)?,
            destination: parse(&x.destination, &bad)?,
            unit_outcome: parse(&x.unit_outcome, &bad)?,
            notes: x.notes,
        }),
        None => None,
    };
    let case_managers = db::staff::list(conn)?
        .into_iter()
        .filter(|s| s.active && s.role == Role::CaseManager)
        .map(|s| StaffOption { id: s.id, full_name: s.full_name })
        .collect();
    Ok(Case {
        status: participant.details.status,
        enrollment,
        goals,
        vocational_hours,
        employment,
        stays,
        waitlists,
        exit,
        case_managers,
    })
}

/// Checks one change to the case and saves it with its audit entry, then
/// answers the whole case.
pub fn change(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    change: &CaseChange,
    when: Moment,
) -> Result<Case, DeskError> {
    access::require_case(store, session, participant_id)?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let today = when.today;
    let checked = check(store, change, today)?;
    let status = participant.details.status;
    store.with_tx(|tx| {
        let (entity, id, changes) = match &checked {
            Checked::Enrollment(e) => {
                if !matches!(
                    status,
                    ParticipantStatus::Eligible | ParticipantStatus::Enrolled | ParticipantStatus::Housed
                ) {
                    return Err(ValidationErrors::single(
                        "enrolled_on",
                        "Only an eligible participant can be enrolled. Finish their screening first.",
                    )
                    .into());
                }
                let old = db::journey::enrollment(tx, participant_id)?;
                db::journey::save_enrollment(tx, participant_id, e, when.at)?;
                db::participants::set_case_manager(tx, participant_id, e.case_manager_id, when.at)?;
                if status == ParticipantStatus::Eligible {
                    db::participants::set_status(tx, participant_id, ParticipantStatus::Enrolled, when.at)?;
                }
                (Entity::Enrollment, participant_id, audit::diff(old.as_ref(), e, &[]))
            }
            Checked::Goal(id, g) => {
                let old = match id {
                    Some(id) => Some(db::journey::goal(tx, participant_id, *id)?.ok_or(DeskError::NotFound("goal"))?),
                    None => None,
                };
                let id = db::journey::save_goal(tx, participant_id, *id, g, session.staff_id, when.at)?;
                (Entity::CasePlanGoal, id, audit::diff(old.as_ref(), g, &[]))
            }
            Checked::Vocational(v) => {
                let old = db::journey::vocational_for(tx, participant_id, v)?;
                let id = db::journey::save_vocational(tx, participant_id, v, when.at)?;
                (Entity::VocationalHours, id, audit::diff(old.as_ref(), v, &[]))
            }
            Checked::Job(id, r) => {
                let old = match id {
                    Some(id) => Some(db::journey::job(tx, participant_id, *id)?.ok_or(DeskError::NotFound("job"))?),
                    None => None,
                };
                let id = db::journey::save_job(tx, participant_id, *id, r, when.at)?;
                (Entity::Employment, id, audit::diff(old.as_ref(), r, &[]))
            }
            Checked::Stay(id, s) => {
                let old = match id {
                    Some(id) => Some(db::journey::stay(tx, participant_id, *id)?.ok_or(DeskError::NotFound("stay"))?),
                    None => None,
                };
                let id = db::journey::save_stay(tx, participant_id, *id, s, when.at)?;
                (Entity::Stay, id, audit::diff(old.as_ref(), s, &[]))
            }
            Checked::Registration(r) => {
                let old = db::journey::waitlist(tx, participant_id, r.list.code())?;
                let id = db::journey::upsert_waitlist(tx, participant_id, r, when.at)?;
                let new = db::journey::RegistrationRecord::from(r);
                (Entity::WaitlistRegistration, id, audit::diff(old.as_ref(), &new, &[]))
            }
            Checked::Exit(x) => {
                if status == ParticipantStatus::Exited {
                    return Err(ValidationErrors::single("exit_date", "This participant has already exited.").into());
                }
                let exit_id = db::journey::save_exit(tx, participant_id, x, when.at)?;
                db::participants::set_status(tx, participant_id, ParticipantStatus::Exited, when.at)?;
                let mut changes = audit::diff(None, x, &[]);
                changes.push(audit::Change {
                    field: "status".into(),
                    old: Some(status.code().into()),
                    new: Some(ParticipantStatus::Exited.code().into()),
                });
                (Entity::Exit, exit_id, changes)
            }
        };
        if changes.is_empty() {
            return Ok(());
        }
        let mut changes = changes;
        changes.insert(
            0,
            audit::Change { field: "participant_id".into(), old: None, new: Some(participant_id.to_string()) },
        );
        let entry =
            AuditEntry { actor: session.actor(), action: AuditAction::Update, entity, entity_id: Some(id), changes };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    case_as_it_stands(store, session, participant_id, today)
}

/// A change that passed its checks.
enum Checked {
    Enrollment(db::journey::EnrollmentRecord),
    Goal(Option<i64>, db::journey::GoalRecord),
    Vocational(db::journey::VocationalRecord),
    Job(Option<i64>, db::journey::JobRecord),
    Stay(Option<i64>, db::journey::StayRecord),
    Registration(crate::screening::Registration),
    Exit(db::journey::ExitRecord),
}

/// The longest a month's vocational hours can be: every hour of 31 days.
const MAX_MONTH_HOURS: u32 = 744;

fn check(store: &Store, change: &CaseChange, today: NaiveDate) -> Result<Checked, DeskError> {
    let mut c = Checker::new();
    let checked = match change {
        CaseChange::Enrollment(e) => {
            let enrolled_on = c.past_date("enrolled_on", &e.enrolled_on, "the enrollment date", today, true);
            let case_manager_id = match e.case_manager_id.trim() {
                "" => None,
                typed => {
                    let found = match typed.parse::<i64>() {
                        Ok(id) => db::staff::get(store.conn(), id)?.filter(|s| s.active && s.role == Role::CaseManager),
                        Err(_) => None,
                    };
                    if found.is_none() {
                        c.add("case_manager_id", "Choose a case manager from the list.");
                    }
                    found.map(|s| s.id)
                }
            };
            let soar_status =
                c.choice::<SoarStatus>("soar_status", &e.soar_status, "where the SOAR application stands");
            let soar_applied_on =
                c.past_date("soar_applied_on", &e.soar_applied_on, "the SOAR application date", today, false);
            if soar_status.is_some_and(SoarStatus::applied)
                && soar_applied_on.is_none()
                && !c.has_error("soar_applied_on")
            {
                c.add("soar_applied_on", "Enter the date the SSI/SSDI application was filed.");
            }
            let benefits_decision =
                c.choice::<BenefitsDecision>("benefits_decision", &e.benefits_decision, "the SSI/SSDI decision");
            let benefits_decision_on =
                c.past_date("benefits_decision_on", &e.benefits_decision_on, "the decision date", today, false);
            if benefits_decision.is_some_and(BenefitsDecision::decided)
                && benefits_decision_on.is_none()
                && !c.has_error("benefits_decision_on")
            {
                c.add("benefits_decision_on", "Enter the date of the decision.");
            }
            let first_benefit_payment_on = c.past_date(
                "first_benefit_payment_on",
                &e.first_benefit_payment_on,
                "the day the first payment was received",
                today,
                false,
            );
            (|| {
                Some(Checked::Enrollment(db::journey::EnrollmentRecord {
                    enrolled_on: enrolled_on?,
                    case_manager_id,
                    soar_status: soar_status?.code(),
                    soar_applied_on,
                    benefits_decision: benefits_decision?.code(),
                    benefits_decision_on,
                    first_benefit_payment_on,
                }))
            })()
        }
        CaseChange::Goal { id, goal: g } => {
            let area = c.choice::<GoalArea>("area", &g.area, "the area of the goal");
            let goal = c.required_text("goal", &g.goal, "the goal", 1_000);
            let target_date = c.optional_date("target_date", &g.target_date, "the target date");
            let status = c.choice::<GoalStatus>("status", &g.status, "where the goal stands");
            let achieved_on = c.past_date("achieved_on", &g.achieved_on, "the date it was achieved", today, false);
            if status == Some(GoalStatus::Achieved) && achieved_on.is_none() && !c.has_error("achieved_on") {
                c.add("achieved_on", "Enter the date the goal was achieved.");
            }
            (|| {
                Some(Checked::Goal(
                    *id,
                    db::journey::GoalRecord {
                        area: area?.code(),
                        goal,
                        target_date,
                        status: status?.code(),
                        achieved_on: achieved_on.filter(|_| status == Some(GoalStatus::Achieved)),
                    },
                ))
            })()
        }
        CaseChange::Vocational(v) => {
            let month = parse_month(&v.month);
            match month {
                None => c.add("month", "Enter the month as MM/YYYY, like 10/2026."),
                Some(m) if m > month_start(today) => c.add("month", "The month cannot be in the future."),
                Some(_) => {}
            }
            let provider_kind = c.choice::<ProviderKind>("provider_kind", &v.provider_kind, "the kind of provider");
            let provider = c.required_text("provider", &v.provider, "the provider's name", 200);
            let hours = match v.hours.trim().parse::<Decimal>() {
                Ok(h) if h > Decimal::ZERO && h <= Decimal::from(MAX_MONTH_HOURS) && h.scale() <= 2 => {
                    Some(h.normalize())
                }
                _ => {
                    c.add("hours", "Enter the hours documented by the provider, like 8 or 4.5.");
                    None
                }
            };
            (|| {
                Some(Checked::Vocational(db::journey::VocationalRecord {
                    month: month?,
                    provider_kind: provider_kind?.code(),
                    provider,
                    hours: hours?.to_string(),
                }))
            })()
        }
        CaseChange::Job { id, job } => {
            let employer = c.required_text("employer", &job.employer, "the employer", 200);
            let job_title = c.optional_text("job_title", &job.job_title, "the job title", 200);
            let start_date = c.past_date("start_date", &job.start_date, "the start date", today, true);
            let end_date = c.past_date("end_date", &job.end_date, "the end date", today, false);
            end_after_start(&mut c, start_date, end_date);
            start_date.map(|start_date| {
                Checked::Job(*id, db::journey::JobRecord { employer, job_title, start_date, end_date })
            })
        }
        CaseChange::Stay { id, stay } => {
            let kind = c.choice::<StayKind>("kind", &stay.kind, "the kind of stay");
            let unit_id = match stay.unit_id.trim() {
                "" => None,
                typed => {
                    let unit = match typed.parse::<i64>() {
                        Ok(id) => db::units::get(store.conn(), id)?.filter(|u| u.details.temporary),
                        Err(_) => None,
                    };
                    if unit.is_none() {
                        c.add("unit_id", "Choose one of the program's temporary units, or leave it empty.");
                    }
                    if kind.is_some_and(StayKind::is_institutional) && unit.is_some() {
                        c.add("unit_id", "Only a temporary housing stay is in one of the program's units.");
                    }
                    unit.map(|u| u.id)
                }
            };
            let place = if unit_id.is_some() && stay.place.trim().is_empty() {
                String::new()
            } else {
                c.required_text("place", &stay.place, "where they stay", 300)
            };
            let start_date = c.required_date("start_date", &stay.start_date, "the first day");
            let end_date = c.past_date("end_date", &stay.end_date, "the last day", today, false);
            end_after_start(&mut c, start_date, end_date);
            let planned_end = c.optional_date("planned_end", &stay.planned_end, "the planned last day");
            if let (Some(start), Some(planned)) = (start_date, planned_end) {
                if planned < start {
                    c.add("planned_end", "The planned last day is before the first day.");
                } else if kind == Some(StayKind::TemporaryHousing) && planned > due::temporary_stay_last_day(start) {
                    c.add(
                        "planned_end",
                        format!(
                            "Temporary housing may not exceed 90 days: plan to end by {}.",
                            due::temporary_stay_last_day(start).format("%m/%d/%Y")
                        ),
                    );
                }
            }
            (|| {
                Some(Checked::Stay(
                    *id,
                    db::journey::StayRecord {
                        kind: kind?.code(),
                        place,
                        start_date: start_date?,
                        end_date,
                        unit_id,
                        planned_end,
                    },
                ))
            })()
        }
        CaseChange::Registration(r) => {
            let list = c.choice::<Waitlist>("list", &r.list, "the waiting list");
            let status = c.choice::<WaitlistStatus>("status", &r.status, "where they stand on it");
            let registered_on = c.past_date(
                "registered_on",
                &r.registered_on,
                "the date they registered",
                today,
                status == Some(WaitlistStatus::Registered),
            );
            let agency = c.optional_text("agency", &r.agency, "the agency", 200);
            let opens_on = c.optional_date("opens_on", &r.opens_on, "when registration opens");
            (|| {
                let status = status?;
                Some(Checked::Registration(crate::screening::Registration {
                    list: list?,
                    status,
                    registered_on: registered_on.filter(|_| status == WaitlistStatus::Registered),
                    agency,
                    opens_on: opens_on.filter(|_| status == WaitlistStatus::Agreed),
                }))
            })()
        }
        CaseChange::Exit(x) => {
            let exit_date = c.past_date("exit_date", &x.exit_date, "the exit date", today, true);
            let reason = c.choice::<ExitReason>("reason", &x.reason, "the reason for the exit");
            let destination = c.choice::<Destination>("destination", &x.destination, "where they went");
            let unit_outcome = c.choice::<UnitOutcome>("unit_outcome", &x.unit_outcome, "what happens to the unit");
            let notes = c.optional_text("notes", &x.notes, "the notes", 2_000);
            (|| {
                Some(Checked::Exit(db::journey::ExitRecord {
                    exit_date: exit_date?,
                    reason: reason?.code(),
                    destination: destination?.code(),
                    unit_outcome: unit_outcome?.code(),
                    notes,
                }))
            })()
        }
    };
    Ok(c.finish(checked)?)
}

fn end_after_start(c: &mut Checker, start: Option<NaiveDate>, end: Option<NaiveDate>) {
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            c.add("end_date", "The last day is before the first day.");
        }
    }
}

/// A month typed as `MM/YYYY`, `M/YYYY` or `YYYY-MM`, as its first day.
pub fn parse_month(typed: &str) -> Option<NaiveDate> {
    let typed = typed.trim();
    let (year, month) = if let Some((m, y)) = typed.split_once('/') {
        (y.parse::<i32>().ok().filter(|_| y.len() == 4)?, m.parse::<u32>().ok()?)
    } else {
        let (y, m) = typed.split_once('-')?;
        (y.parse::<i32>().ok().filter(|_| y.len() == 4)?, m.parse::<u32>().ok()?)
    };
    NaiveDate::from_ymd_opt(year, month, 1).filter(|d| d.year() >= 1900)
}

/// Where a SOAR-assisted SSI/SSDI application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SoarStatus {
    NotStarted,
    InProgress,
    Applied,
    Decided,
    NotNeeded,
}

impl SoarStatus {
    fn applied(self) -> bool {
        matches!(self, SoarStatus::Applied | SoarStatus::Decided)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BenefitsDecision {
    None,
    ApprovedSsi,
    ApprovedSsdi,
    ApprovedBoth,
    Denied,
    Appealed,
}

impl BenefitsDecision {
    fn decided(self) -> bool {
        !matches!(self, BenefitsDecision::None)
    }
}

/// The areas of a case plan, with the HERO program's pre-tenancy and
/// tenancy-sustaining skills as their own areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalArea {
    Housing,
    TreatmentRecovery,
    EmploymentIncome,
    FindingApartment,
    WorkingWithLandlord,
    Budgeting,
    DailyLiving,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    Open,
    Achieved,
    Dropped,
}

/// Individual Placement and Support, or a Community Rehabilitation Provider
/// (Guide: Subsistence Allowance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    Ips,
    Crp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StayKind {
    Hospital,
    LongTermCare,
    Smhrf,
    JailPrison,
    /// Immediate temporary housing after discharge or release (at most 90 days).
    TemporaryHousing,
}

impl StayKind {
    pub fn is_institutional(self) -> bool {
        !matches!(self, StayKind::TemporaryHousing)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    MovedToPermanentSubsidy,
    MovedInWithFamily,
    ChoseToLeave,
    LongInstitutionalStay,
    Evicted,
    LostContact,
    Died,
    Other,
}

/// Where a participant went (the HMIS destination groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    RentalWithSubsidy,
    RentalWithoutSubsidy,
    PermanentSupportiveHousing,
    FamilyOrFriendsPermanent,
    FamilyOrFriendsTemporary,
    Institution,
    ShelterOrStreet,
    Deceased,
    Unknown,
}

/// What happens to the unit when a participant leaves (Guide: Leasing:
/// another eligible participant may move in within 90 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitOutcome {
    NoUnit,
    KeptForAnotherParticipant,
    ReturnedToOwner,
    ParticipantKeepsLease,
}

choices!(SoarStatus {
    NotStarted => "not_started", "Not started";
    InProgress => "in_progress", "Gathering records (SOAR)";
    Applied => "applied", "Application filed";
    Decided => "decided", "Decision received";
    NotNeeded => "not_needed", "Not needed (already receives SSI/SSDI)";
});

choices!(BenefitsDecision {
    None => "none", "No decision yet";
    ApprovedSsi => "approved_ssi", "SSI approved";
    ApprovedSsdi => "approved_ssdi", "SSDI approved";
    ApprovedBoth => "approved_both", "SSI and SSDI approved";
    Denied => "denied", "Denied";
    Appealed => "appealed", "Denied and appealed";
});

choices!(GoalArea {
    Housing => "housing", "Housing";
    TreatmentRecovery => "treatment_recovery", "Treatment and recovery support";
    EmploymentIncome => "employment_income", "Employment and income";
    FindingApartment => "finding_apartment", "Pre-tenancy: finding an apartment";
    WorkingWithLandlord => "working_with_landlord", "Tenancy: working with a landlord";
    Budgeting => "budgeting", "Tenancy: budgeting";
    DailyLiving => "daily_living", "Tenancy: daily living";
});

choices!(GoalStatus {
    Open => "open", "Working on it";
    Achieved => "achieved", "Achieved";
    Dropped => "dropped", "No longer a goal";
});

choices!(ProviderKind {
    Ips => "ips", "IPS supported employment provider";
    Crp => "crp", "Community Rehabilitation Provider (CRP)";
});

choices!(StayKind {
    Hospital => "hospital", "Hospital";
    LongTermCare => "long_term_care", "Long-term care facility";
    Smhrf => "smhrf", "Specialized mental health rehabilitation facility (SMHRF)";
    JailPrison => "jail_prison", "Jail or prison";
    TemporaryHousing => "temporary_housing", "Temporary housing (at most 90 days)";
});

choices!(ExitReason {
    MovedToPermanentSubsidy => "moved_to_permanent_subsidy", "Moved to a permanent subsidy (HCV, Section 811)";
    MovedInWithFamily => "moved_in_with_family", "Moved in with family or friends";
    ChoseToLeave => "chose_to_leave", "Chose to leave the program";
    LongInstitutionalStay => "long_institutional_stay", "Institutional stay of six months or more";
    Evicted => "evicted", "Evicted";
    LostContact => "lost_contact", "Lost contact";
    Died => "died", "Died";
    Other => "other", "Other";
});

choices!(Destination {
    RentalWithSubsidy => "rental_with_subsidy", "Rental with an ongoing subsidy";
    RentalWithoutSubsidy => "rental_without_subsidy", "Rental without a subsidy";
    PermanentSupportiveHousing => "permanent_supportive_housing", "Permanent supportive housing";
    FamilyOrFriendsPermanent => "family_or_friends_permanent", "With family or friends, permanently";
    FamilyOrFriendsTemporary => "family_or_friends_temporary", "With family or friends, for now";
    Institution => "institution", "Hospital, treatment, jail or prison";
    ShelterOrStreet => "shelter_or_street", "Shelter or the street";
    Deceased => "deceased", "Deceased";
    Unknown => "unknown", "Not known";
});

choices!(UnitOutcome {
    NoUnit => "no_unit", "They had no unit yet";
    KeptForAnotherParticipant => "kept_for_another_participant", "Kept for another participant (within 90 days)";
    ReturnedToOwner => "returned_to_owner", "Returned to the owner";
    ParticipantKeepsLease => "participant_keeps_lease", "The participant keeps the lease on their own";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_as_offices_type_them() {
        let nov = NaiveDate::from_ymd_opt(2026, 11, 1);
        assert_eq!(parse_month("11/2026"), nov);
        assert_eq!(parse_month(" 2026-11 "), nov);
        assert_eq!(parse_month("2/2028"), NaiveDate::from_ymd_opt(2028, 2, 1));
        assert_eq!(parse_month("13/2026"), None);
        assert_eq!(parse_month("11/26"), None, "a two-digit year is ambiguous");
        assert_eq!(parse_month("November"), None);
    }
}
