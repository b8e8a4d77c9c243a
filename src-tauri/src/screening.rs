//! Screening a referral against the Guide's eligibility requirements (Guide:
//! Program Participant Eligibility Requirements), one requirement at a time,
//! each answer stored with how it was verified and the document that shows
//! it. An unfinished screening is saved step by step and resumes where it
//! stopped; the determination comes from `rules::eligibility`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access;
use crate::accounts::Session;
use crate::audit::{self, AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::participants::ParticipantStatus;
use crate::rules::due::age_on;
use crate::rules::eligibility::{self, Category, Medicaid, Screening, Unmet};
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice, ValidationErrors};

/// The steps of a screening, in the Guide's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Age,
    Medicaid,
    Homeless,
    Category,
    Household,
    Income,
    OtherAssistance,
    Waitlists,
}

/// How an answer was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verified {
    Document,
    ThirdPartyWritten,
    ThirdPartyOral,
    StateSystem,
    SelfCertification,
}

/// How an answer was verified, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Evidence {
    pub method: String,
    /// The document that shows it, e.g. "Medicaid card" or "Jail release letter".
    pub document: String,
    pub document_date: String,
}

/// Every answer of a screening, as typed: saved as it is so nothing typed is
/// lost, checked step by step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScreeningForm {
    /// "yes" or "no"; asked only when the person is under 21.
    pub aging_out_of_dcfs: String,
    pub age_evidence: Evidence,
    /// enrolled, eligible or neither.
    pub medicaid: String,
    pub medicaid_evidence: Evidence,
    /// now, on_release or no.
    pub homeless: String,
    /// Where they stay now, in the words of 59 Ill. Adm. Code 145.20.
    pub homeless_situation: String,
    pub homeless_evidence: Evidence,
    /// smi or sud.
    pub category: String,
    pub psychiatric_admissions_12m: String,
    pub sud_stays_12m: String,
    pub correctional_stays_12m: String,
    /// "yes" or "no".
    pub incarcerated_12_consecutive_months: String,
    pub smi_disability_determination: String,
    pub incarcerated_once_12m: String,
    pub overdoses_12m: String,
    pub category_evidence: Evidence,
    pub household_size: String,
    pub live_in_aide: String,
    pub household_evidence: Evidence,
    /// "yes" or "no": at or below 30% of the area median income.
    pub income_eligible: String,
    pub income_evidence: Evidence,
    pub other_assistance: String,
    pub other_assistance_evidence: Evidence,
    /// registered, agreed or declined.
    pub srn_811: String,
    pub srn_811_registered_on: String,
    /// registered, agreed or declined.
    pub hcv: String,
    pub hcv_agency: String,
    pub hcv_registered_on: String,
    pub hcv_opens_on: String,
}

/// How a finished screening came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Determination {
    Eligible,
    Ineligible,
    /// Ineligible by the rules, found eligible by a supervisor with a reason.
    EligibleByOverride,
}

/// An unmet requirement, in the Guide's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnmetRequirement {
    pub code: Unmet,
    pub label: String,
}

/// What the rules say about the answers so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Outcome {
    /// Steps still to answer; the rules can decide only when none are left.
    pub steps_left: Vec<Step>,
    pub unmet: Vec<UnmetRequirement>,
}

/// A participant's screening as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScreeningView {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub form: ScreeningForm,
    pub steps_done: Vec<Step>,
    /// Age today, from the date of birth on the participant's record.
    pub age_years: u32,
    /// Whether the latest saved income calculation found the income within
    /// the limit, when there is one.
    pub income_from_calculation: Option<bool>,
    pub outcome: Outcome,
    pub finished_at: Option<String>,
    pub finished_by: Option<String>,
    pub determination: Option<Determination>,
    pub override_by_name: Option<String>,
    pub override_reason: Option<String>,
}

/// A supervisor's override of an ineligible determination.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct OverrideInput {
    /// The supervisor who decided.
    pub supervisor: String,
    pub reason: String,
}

/// The participant's latest screening (a blank one when none was started),
/// shown to the signed-in staff member: the view is audited.
pub fn view(store: &Store, session: &Session, participant_id: i64, when: Moment) -> Result<ScreeningView, DeskError> {
    let shown = current(store, session, participant_id, when.today)?;
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::Screening, when)?;
    Ok(shown)
}

/// The latest screening as it stands after a step is saved (the save is
/// audited as a change, so no view entry is added).
fn current(
    store: &Store,
    session: &Session,
    participant_id: i64,
    today: NaiveDate,
) -> Result<ScreeningView, DeskError> {
    access::require_case(store, session, participant_id)?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let age_years = age_on(participant.details.birth_date, today);
    let income_from_calculation = latest_income_eligible(store, participant_id)?;
    let stored = db::journey::latest_screening(store.conn(), participant_id)?;
    let (id, form, steps_done, finished) = match stored {
        Some(s) => {
            let form: ScreeningForm = parse_json(&s.form, s.id)?;
            let steps: Vec<Step> = parse_json(&s.steps_done, s.id)?;
            (Some(s.id), form, steps, Some(s))
        }
        None => {
            let form = ScreeningForm {
                income_eligible: income_from_calculation.map(yes_no).unwrap_or_default().into(),
                ..ScreeningForm::default()
            };
            (None, form, Vec::new(), None)
        }
    };
    let outcome = outcome(&form, &steps_done, age_years);
    let finished = finished.filter(|s| s.finished_at.is_some());
    Ok(ScreeningView {
        id,
        form,
        steps_done,
        age_years,
        income_from_calculation,
        outcome,
        finished_at: finished.as_ref().and_then(|s| s.finished_at.clone()),
        finished_by: finished.as_ref().and_then(|s| s.finished_by_name.clone()),
        determination: finished.as_ref().and_then(|s| s.determination.as_deref().and_then(Determination::from_code)),
        override_by_name: finished.as_ref().and_then(|s| s.override_by_name.clone()),
        override_reason: finished.as_ref().and_then(|s| s.override_reason.clone()),
    })
}

/// Checks the answers of one step and saves the whole form (a new screening
/// is started if none is open). The participant moves to "Screening".
pub fn save_step(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    step: Step,
    form: &ScreeningForm,
    when: Moment,
) -> Result<ScreeningView, DeskError> {
    access::require_case(store, session, participant_id)?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let age = age_on(participant.details.birth_date, when.today);
    let mut c = Checker::new();
    check_step(&mut c, step, form, age, when.today);
    c.finish(Some(()))?;
    store.with_tx(|tx| {
        let open = db::journey::latest_screening(tx, participant_id)?.filter(|s| s.finished_at.is_none());
        let (id, old_form, mut steps) = match open {
            Some(s) => {
                (s.id, parse_json::<ScreeningForm>(&s.form, s.id)?, parse_json::<Vec<Step>>(&s.steps_done, s.id)?)
            }
            None => {
                let id = db::journey::start_screening(tx, participant_id, session.staff_id, when.at)?;
                (id, ScreeningForm::default(), Vec::new())
            }
        };
        if !steps.contains(&step) {
            steps.push(step);
            steps.sort();
        }
        db::journey::save_screening(tx, id, &to_json(form)?, &to_json(&steps)?, when.at)?;
        if participant.details.status == ParticipantStatus::Referred {
            db::participants::set_status(tx, participant_id, ParticipantStatus::Screening, when.at)?;
        }
        let mut changes = audit::diff(Some(&flatten(&old_form)), &flatten(form), &[]);
        changes.insert(0, Change { field: "participant_id".into(), old: None, new: Some(participant_id.to_string()) });
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Screening,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    current(store, session, participant_id, when.today)
}

/// Finishes the open screening: every step must be answered. The rules
/// decide; an ineligible result stands unless a supervisor's override is
/// given with a reason (audited). Waiting list answers become registrations.
pub fn finish(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    override_input: Option<&OverrideInput>,
    when: Moment,
) -> Result<ScreeningView, DeskError> {
    access::require_case(store, session, participant_id)?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let open = db::journey::latest_screening(store.conn(), participant_id)?
        .filter(|s| s.finished_at.is_none())
        .ok_or_else(|| ValidationErrors::single("screening", "There is no screening in progress to finish."))?;
    let form: ScreeningForm = parse_json(&open.form, open.id)?;
    let age = age_on(participant.details.birth_date, when.today);
    let mut c = Checker::new();
    for step in STEPS {
        check_step(&mut c, *step, &form, age, when.today);
    }
    c.finish(Some(()))?;
    let steps_done: Vec<Step> = parse_json(&open.steps_done, open.id)?;
    let left: Vec<&str> = STEPS.iter().filter(|s| !steps_done.contains(s)).map(|s| s.label()).collect();
    if !left.is_empty() {
        return Err(ValidationErrors::single(
            "screening",
            format!("Go through each step and save it before the determination. Not saved yet: {}.", left.join(", ")),
        )
        .into());
    }
    let screening = to_rule(&form, age).ok_or_else(|| {
        ValidationErrors::single("screening", "Some answers are missing. Go back through each step and save it.")
    })?;
    let unmet = eligibility::unmet_requirements(&screening);
    let overridden = match override_input {
        Some(o) if !unmet.is_empty() => {
            let mut c = Checker::new();
            let supervisor = c.required_text("override_supervisor", &o.supervisor, "the supervisor who decided", 200);
            let reason = c.required_text("override_reason", &o.reason, "the reason for the override", 2_000);
            c.finish(Some((supervisor, reason)))?;
            Some((o.supervisor.trim().to_string(), o.reason.trim().to_string()))
        }
        _ => None,
    };
    let determination = match (&overridden, unmet.is_empty()) {
        (_, true) => Determination::Eligible,
        (Some(_), false) => Determination::EligibleByOverride,
        (None, false) => Determination::Ineligible,
    };
    let unmet_codes: Vec<&str> = unmet.iter().map(|u| u.code()).collect();
    // Someone already in the program stays in it: a new screening records
    // its determination, and staff decide what follows.
    let status = match (participant.details.status, determination) {
        (ParticipantStatus::Enrolled | ParticipantStatus::Housed, _) => participant.details.status,
        (_, Determination::Ineligible) => ParticipantStatus::Ineligible,
        _ => ParticipantStatus::Eligible,
    };
    let registrations = waitlist_answers(&form);
    store.with_tx(|tx| {
        db::journey::finish_screening(
            tx,
            &db::journey::FinishedScreening {
                id: open.id,
                staff_id: session.staff_id,
                determination: determination.code(),
                unmet: &to_json(&unmet_codes)?,
                override_by_name: overridden.as_ref().map(|o| o.0.as_str()),
                override_reason: overridden.as_ref().map(|o| o.1.as_str()),
            },
            when.at,
        )?;
        for r in &registrations {
            db::journey::upsert_waitlist(tx, participant_id, r, when.at)?;
        }
        db::participants::set_status(tx, participant_id, status, when.at)?;
        let mut changes = vec![
            Change { field: "participant_id".into(), old: None, new: Some(participant_id.to_string()) },
            Change { field: "determination".into(), old: None, new: Some(determination.code().into()) },
            Change {
                field: "status".into(),
                old: Some(participant.details.status.code().into()),
                new: Some(status.code().into()),
            },
        ];
        if !unmet_codes.is_empty() {
            changes.push(Change { field: "unmet".into(), old: None, new: Some(unmet_codes.join(", ")) });
        }
        if let Some((supervisor, reason)) = &overridden {
            changes.push(Change { field: "override_by".into(), old: None, new: Some(supervisor.clone()) });
            changes.push(Change { field: "override_reason".into(), old: None, new: Some(reason.clone()) });
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Screening,
            entity_id: Some(open.id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    current(store, session, participant_id, when.today)
}

/// Starts a new screening after a finished one (for example when someone
/// found ineligible comes back), starting from the last answers.
pub fn screen_again(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<ScreeningView, DeskError> {
    access::require_case(store, session, participant_id)?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let in_program = matches!(participant.details.status, ParticipantStatus::Enrolled | ParticipantStatus::Housed);
    store.with_tx(|tx| {
        let last = db::journey::latest_screening(tx, participant_id)?;
        if last.as_ref().is_some_and(|s| s.finished_at.is_none()) {
            return Ok(());
        }
        let id = db::journey::start_screening(tx, participant_id, session.staff_id, when.at)?;
        if let Some(last) = last {
            db::journey::save_screening(tx, id, &last.form, "[]", when.at)?;
        }
        if !in_program {
            db::participants::set_status(tx, participant_id, ParticipantStatus::Screening, when.at)?;
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Screening,
            entity_id: Some(id),
            changes: vec![Change { field: "participant_id".into(), old: None, new: Some(participant_id.to_string()) }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    current(store, session, participant_id, when.today)
}

/// Every step, in order.
pub const STEPS: &[Step] = &[
    Step::Age,
    Step::Medicaid,
    Step::Homeless,
    Step::Category,
    Step::Household,
    Step::Income,
    Step::OtherAssistance,
    Step::Waitlists,
];

/// What the rules make of the answers of the steps done.
pub fn outcome(form: &ScreeningForm, steps_done: &[Step], age: u32) -> Outcome {
    let steps_left: Vec<Step> = STEPS.iter().copied().filter(|s| !steps_done.contains(s)).collect();
    let unmet = match to_rule(form, age) {
        Some(s) if steps_left.is_empty() => eligibility::unmet_requirements(&s),
        _ => Vec::new(),
    };
    Outcome {
        steps_left,
        unmet: unmet.into_iter().map(|code| UnmetRequirement { code, label: code.label().into() }).collect(),
    }
}

/// Checks the answers of `step`, naming each field that is wrong.
pub fn check_step(c: &mut Checker, step: Step, f: &ScreeningForm, age: u32, today: NaiveDate) {
    match step {
        Step::Age => {
            if age < eligibility::MINIMUM_AGE {
                yes_no_answer(
                    c,
                    "aging_out_of_dcfs",
                    &f.aging_out_of_dcfs,
                    "whether they are aging out of DCFS guardianship",
                );
            }
            evidence(c, "age_evidence", &f.age_evidence, today);
        }
        Step::Medicaid => {
            c.choice::<Medicaid>("medicaid", &f.medicaid, "their Medicaid status");
            evidence(c, "medicaid_evidence", &f.medicaid_evidence, today);
        }
        Step::Homeless => {
            c.choice::<Homeless>("homeless", &f.homeless, "whether they are homeless");
            if Homeless::from_code(&f.homeless).is_some_and(|h| h != Homeless::No) {
                c.required_text("homeless_situation", &f.homeless_situation, "where they stay now", 500);
            }
            evidence(c, "homeless_evidence", &f.homeless_evidence, today);
        }
        Step::Category => {
            let category = c.choice::<Category>("category", &f.category, "the eligibility category");
            count(c, "correctional_stays_12m", &f.correctional_stays_12m, "stays in a jail or prison");
            yes_no_answer(
                c,
                "incarcerated_12_consecutive_months",
                &f.incarcerated_12_consecutive_months,
                "whether they were incarcerated the last 12 months in a row",
            );
            match category {
                Some(Category::Smi) => {
                    count(c, "psychiatric_admissions_12m", &f.psychiatric_admissions_12m, "psychiatric admissions");
                    yes_no_answer(
                        c,
                        "smi_disability_determination",
                        &f.smi_disability_determination,
                        "whether there is a disability determination for serious mental illness",
                    );
                    yes_no_answer(
                        c,
                        "incarcerated_once_12m",
                        &f.incarcerated_once_12m,
                        "whether they were incarcerated at least once",
                    );
                }
                Some(Category::Sud) => {
                    count(c, "sud_stays_12m", &f.sud_stays_12m, "inpatient or withdrawal management stays");
                    count(c, "overdoses_12m", &f.overdoses_12m, "overdoses");
                }
                None => {}
            }
            evidence(c, "category_evidence", &f.category_evidence, today);
        }
        Step::Household => {
            match f.household_size.trim().parse::<u32>() {
                Ok(n) if (1..=12).contains(&n) => {
                    if n == 2 {
                        yes_no_answer(
                            c,
                            "live_in_aide",
                            &f.live_in_aide,
                            "whether the second person is a live-in aide",
                        );
                    }
                }
                _ => c.add("household_size", "Enter how many people will live in the household, from 1 to 12."),
            }
            evidence(c, "household_evidence", &f.household_evidence, today);
        }
        Step::Income => {
            yes_no_answer(
                c,
                "income_eligible",
                &f.income_eligible,
                "whether the income is within 30% of the area median",
            );
            evidence(c, "income_evidence", &f.income_evidence, today);
        }
        Step::OtherAssistance => {
            yes_no_answer(
                c,
                "other_assistance",
                &f.other_assistance,
                "whether they receive rental assistance from another program",
            );
            evidence(c, "other_assistance_evidence", &f.other_assistance_evidence, today);
        }
        Step::Waitlists => {
            let srn =
                c.choice::<WaitlistStatus>("srn_811", &f.srn_811, "where they stand on the SRN and Section 811 lists");
            if srn == Some(WaitlistStatus::Registered) {
                c.past_date("srn_811_registered_on", &f.srn_811_registered_on, "the date they registered", today, true);
            }
            let hcv = c.choice::<WaitlistStatus>("hcv", &f.hcv, "where they stand on a Housing Choice Voucher list");
            if hcv == Some(WaitlistStatus::Registered) {
                c.required_text("hcv_agency", &f.hcv_agency, "the housing authority", 200);
                c.past_date("hcv_registered_on", &f.hcv_registered_on, "the date they registered", today, true);
            }
            if hcv == Some(WaitlistStatus::Agreed) {
                c.optional_date("hcv_opens_on", &f.hcv_opens_on, "when the waiting list opens");
            }
        }
    }
}

/// The rules' input, when every answer it needs is there.
pub fn to_rule(f: &ScreeningForm, age: u32) -> Option<Screening> {
    let n = |s: &str| s.trim().parse::<u32>().ok();
    let yes = |s: &str| s == "yes";
    let household_size = n(&f.household_size)?;
    Some(Screening {
        age_years: age,
        aging_out_of_dcfs_guardianship: yes(&f.aging_out_of_dcfs),
        medicaid: Medicaid::from_code(&f.medicaid)?,
        homeless: Homeless::from_code(&f.homeless)? != Homeless::No,
        household_size,
        live_in_aide: household_size == 2 && yes(&f.live_in_aide),
        income_eligible: yes(&f.income_eligible),
        receiving_other_rental_assistance: yes(&f.other_assistance),
        srn_811_registered_or_agrees: WaitlistStatus::from_code(&f.srn_811)? != WaitlistStatus::Declined,
        hcv_waitlist_or_agrees: WaitlistStatus::from_code(&f.hcv)? != WaitlistStatus::Declined,
        category: Category::from_code(&f.category)?,
        psychiatric_admissions_12m: n(&f.psychiatric_admissions_12m).unwrap_or(0),
        sud_inpatient_or_withdrawal_stays_12m: n(&f.sud_stays_12m).unwrap_or(0),
        correctional_stays_12m: n(&f.correctional_stays_12m).unwrap_or(0),
        incarcerated_last_12_consecutive_months: yes(&f.incarcerated_12_consecutive_months),
        smi_disability_determination: yes(&f.smi_disability_determination),
        incarcerated_at_least_once_12m: yes(&f.incarcerated_once_12m),
        overdoses_12m: n(&f.overdoses_12m).unwrap_or(0),
    })
}

/// Homelessness now or on release (59 Ill. Adm. Code 145.20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Homeless {
    Now,
    OnRelease,
    No,
}

/// Where a participant stands on a waiting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    Registered,
    /// Agreed to register when registration opens.
    Agreed,
    Declined,
}

/// The waiting lists the Guide names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Waitlist {
    Srn,
    #[serde(rename = "section_811")]
    Section811,
    Hcv,
}

/// A waiting list registration to store.
pub struct Registration {
    pub list: Waitlist,
    pub status: WaitlistStatus,
    pub registered_on: Option<NaiveDate>,
    pub agency: Option<String>,
    pub opens_on: Option<NaiveDate>,
}

choices!(Step {
    Age => "age", "Age";
    Medicaid => "medicaid", "Medicaid";
    Homeless => "homeless", "Homelessness";
    Category => "category", "Category and its criteria";
    Household => "household", "Household";
    Income => "income", "Income";
    OtherAssistance => "other_assistance", "Other rental assistance";
    Waitlists => "waitlists", "Waiting lists";
});

choices!(Verified {
    Document => "document", "Document seen (a copy is in the file)";
    ThirdPartyWritten => "third_party_written", "Written third-party verification";
    ThirdPartyOral => "third_party_oral", "Oral third-party verification";
    StateSystem => "state_system", "Checked in a state or HMIS system";
    SelfCertification => "self_certification", "Self-certification";
});

choices!(Medicaid {
    Enrolled => "enrolled", "Enrolled in Medicaid";
    Eligible => "eligible", "Eligible to enroll";
    Neither => "neither", "Neither enrolled nor eligible";
});

choices!(Category {
    Smi => "smi", "At high risk of unnecessary institutionalization (serious mental illness)";
    Sud => "sud", "At high risk of overdose (substance use disorder)";
});

choices!(Homeless {
    Now => "now", "Homeless now";
    OnRelease => "on_release", "Will be homeless on discharge or release";
    No => "no", "Not homeless";
});

choices!(WaitlistStatus {
    Registered => "registered", "Registered";
    Agreed => "agreed", "Agrees to register when it opens";
    Declined => "declined", "Declines to register";
});

choices!(Waitlist {
    Srn => "srn", "IHDA Statewide Referral Network (SRN)";
    Section811 => "section_811", "Section 811";
    Hcv => "hcv", "Housing Choice Voucher";
});

choices!(Determination {
    Eligible => "eligible", "Eligible";
    Ineligible => "ineligible", "Ineligible";
    EligibleByOverride => "eligible_by_override", "Eligible by a supervisor's override";
});

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn yes_no_answer(c: &mut Checker, field: &str, value: &str, what: &str) {
    if !matches!(value, "yes" | "no") {
        c.add(field, format!("Answer {what}: yes or no."));
    }
}

fn count(c: &mut Checker, field: &str, value: &str, what: &str) {
    if !matches!(value.trim().parse::<u32>(), Ok(n) if n <= 365) {
        c.add(field, format!("Enter the number of {what} in the last 12 months (0 if none)."));
    }
}

fn evidence(c: &mut Checker, prefix: &str, e: &Evidence, today: NaiveDate) {
    c.choice::<Verified>(&format!("{prefix}.method"), &e.method, "how this was verified");
    c.optional_text(&format!("{prefix}.document"), &e.document, "the document", 300);
    c.past_date(&format!("{prefix}.document_date"), &e.document_date, "the document's date", today, false);
}

fn waitlist_answers(f: &ScreeningForm) -> Vec<Registration> {
    let date = |s: &str| crate::validation::parse_date(s);
    let mut out = Vec::new();
    if let Some(status) = WaitlistStatus::from_code(&f.srn_811) {
        for list in [Waitlist::Srn, Waitlist::Section811] {
            out.push(Registration {
                list,
                status,
                registered_on: date(&f.srn_811_registered_on).filter(|_| status == WaitlistStatus::Registered),
                agency: Some("Illinois Housing Development Authority".into()),
                opens_on: None,
            });
        }
    }
    if let Some(status) = WaitlistStatus::from_code(&f.hcv) {
        out.push(Registration {
            list: Waitlist::Hcv,
            status,
            registered_on: date(&f.hcv_registered_on).filter(|_| status == WaitlistStatus::Registered),
            agency: Some(f.hcv_agency.trim().to_string()).filter(|a| !a.is_empty()),
            opens_on: date(&f.hcv_opens_on).filter(|_| status == WaitlistStatus::Agreed),
        });
    }
    out
}

/// The form as flat fields (evidence as `age_evidence.method` …) for the audit trail.
fn flatten(f: &ScreeningForm) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(f) {
        for (k, v) in map {
            match v {
                serde_json::Value::Object(inner) => {
                    for (ik, iv) in inner {
                        out.insert(format!("{k}.{ik}"), iv);
                    }
                }
                other => {
                    out.insert(k, other);
                }
            }
        }
    }
    out
}

fn latest_income_eligible(store: &Store, participant_id: i64) -> Result<Option<bool>, DeskError> {
    let history = crate::income_calc::history(store, participant_id)?;
    Ok(history.first().map(|c| c.result.output.income_eligible))
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, screening_id: i64) -> Result<T, DeskError> {
    serde_json::from_str(text)
        .map_err(|e| DeskError::Store(db::StoreError::Invariant(format!("screening {screening_id}: {e}"))))
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, DeskError> {
    serde_json::to_string(value).map_err(|e| DeskError::Store(db::StoreError::Invariant(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn today() -> NaiveDate {
        NaiveDate::from_str("2026-11-23").unwrap()
    }

    fn seen() -> Evidence {
        Evidence { method: "document".into(), document: "Letter".into(), document_date: "11/01/2026".into() }
    }

    pub(crate) fn complete() -> ScreeningForm {
        ScreeningForm {
            age_evidence: seen(),
            medicaid: "enrolled".into(),
            medicaid_evidence: seen(),
            homeless: "on_release".into(),
            homeless_situation: "Cook County Jail, no address on release".into(),
            homeless_evidence: seen(),
            category: "sud".into(),
            sud_stays_12m: "1".into(),
            correctional_stays_12m: "1".into(),
            incarcerated_12_consecutive_months: "no".into(),
            overdoses_12m: "2".into(),
            category_evidence: seen(),
            household_size: "1".into(),
            household_evidence: seen(),
            income_eligible: "yes".into(),
            income_evidence: seen(),
            other_assistance: "no".into(),
            other_assistance_evidence: seen(),
            srn_811: "agreed".into(),
            hcv: "registered".into(),
            hcv_agency: "Chicago Housing Authority".into(),
            hcv_registered_on: "2026-10-02".into(),
            ..ScreeningForm::default()
        }
    }

    #[test]
    fn a_complete_form_passes_every_step_and_the_rules() {
        let f = complete();
        for step in STEPS {
            let mut c = Checker::new();
            check_step(&mut c, *step, &f, 42, today());
            assert!(c.finish(Some(())).is_ok(), "{step:?}");
        }
        let o = outcome(&f, STEPS, 42);
        assert!(o.steps_left.is_empty() && o.unmet.is_empty(), "{o:?}");
    }

    #[test]
    fn each_step_names_its_fields() {
        let blank = ScreeningForm::default();
        let fields = |step: Step, age: u32| {
            let mut c = Checker::new();
            check_step(&mut c, step, &blank, age, today());
            c.finish(Some(())).unwrap_err().0.into_iter().map(|e| e.field).collect::<Vec<_>>()
        };
        assert_eq!(fields(Step::Age, 42), ["age_evidence.method"]);
        assert_eq!(fields(Step::Age, 20), ["aging_out_of_dcfs", "age_evidence.method"], "under 21 asks about DCFS");
        assert_eq!(fields(Step::Medicaid, 42), ["medicaid", "medicaid_evidence.method"]);
        assert_eq!(
            fields(Step::Waitlists, 42),
            ["srn_811", "hcv"],
            "waiting lists are answered by their own dates, not a verification method"
        );
    }

    #[test]
    fn category_asks_only_its_own_criteria() {
        let mut f = complete();
        f.category = "smi".into();
        let mut c = Checker::new();
        check_step(&mut c, Step::Category, &f, 42, today());
        let fields: Vec<String> = c.finish(Some(())).unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["psychiatric_admissions_12m", "smi_disability_determination", "incarcerated_once_12m"]);
    }

    #[test]
    fn unmet_requirements_come_back_in_words() {
        let mut f = complete();
        f.medicaid = "neither".into();
        f.srn_811 = "declined".into();
        let o = outcome(&f, STEPS, 19);
        let codes: Vec<Unmet> = o.unmet.iter().map(|u| u.code).collect();
        assert_eq!(codes, [Unmet::Age, Unmet::Medicaid, Unmet::Srn811]);
        assert!(o.unmet[0].label.contains("21 years"));
    }

    #[test]
    fn no_determination_until_every_step_is_done() {
        let f = complete();
        let o = outcome(&f, &[Step::Age, Step::Medicaid], 42);
        assert_eq!(o.steps_left.len(), STEPS.len() - 2);
        assert!(o.unmet.is_empty());
    }

    #[test]
    fn waiting_list_answers_become_registrations() {
        let mut f = complete();
        f.hcv = "agreed".into();
        f.hcv_opens_on = "01/15/2027".into();
        let r = waitlist_answers(&f);
        let lists: Vec<_> = r.iter().map(|r| (r.list, r.status)).collect();
        assert_eq!(
            lists,
            [
                (Waitlist::Srn, WaitlistStatus::Agreed),
                (Waitlist::Section811, WaitlistStatus::Agreed),
                (Waitlist::Hcv, WaitlistStatus::Agreed)
            ]
        );
        assert_eq!(r[2].opens_on, NaiveDate::from_ymd_opt(2027, 1, 15));
    }
}
