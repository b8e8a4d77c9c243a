//! The participant journey after referral: the screening saved step by step
//! and determined, the case (enrollment, goals, vocational hours, jobs, stays,
//! waiting lists, exit), what each role may reach, and the needs-attention
//! dashboard.

use housing_desk::accounts::Session;
use housing_desk::casework::{
    self, BenefitsDecision, Case, CaseChange, Destination, EnrollmentInput, Exit, ExitInput, ExitReason, GoalArea,
    GoalInput, GoalStatus, JobInput, ProviderKind, RegistrationInput, SoarStatus, StayInput, StayKind, UnitOutcome,
    VocationalInput,
};
use housing_desk::dashboard::{self, AttentionGroup, AttentionItem, AttentionKind, Dashboard, Scope};
use housing_desk::desk::Desk;
use housing_desk::engagement::{self, VisitInput};
use housing_desk::error::{ApiError, DeskError, ErrorCode};
use housing_desk::income_calc;
use housing_desk::participants::{self, ParticipantInput, ParticipantStatus};
use housing_desk::rules::eligibility::Unmet;
use housing_desk::screening::{
    self, Determination, Evidence, OverrideInput, ScreeningForm, ScreeningView, Step, Waitlist, WaitlistStatus, STEPS,
};
use housing_desk::store::{self as db, Store};

use crate::support::*;

// ---- Fixtures ----

fn store_of(desk: &mut Desk) -> &mut Store {
    desk.signed_in().unwrap().0
}

fn add_participant(desk: &mut Desk, input: &ParticipantInput) -> i64 {
    let session = session_of(desk);
    participants::create(store_of(desk), &session, input, moment()).unwrap().id
}

/// A participant with no discharge or release date, so the dashboard's
/// release list leaves them out.
fn no_release(name: &str) -> ParticipantInput {
    ParticipantInput { expected_release_date: "".into(), ..participant(name) }
}

fn status_of(store: &Store, session: &Session, id: i64) -> ParticipantStatus {
    participants::get(store, session, id, moment()).unwrap().details.status
}

fn assert_not_found<T: std::fmt::Debug>(result: Result<T, DeskError>, what: &str) {
    let err = result.expect_err(what);
    assert_eq!(ApiError::from(err).code, ErrorCode::NotFound, "{what}");
}

fn seen(document: &str) -> Evidence {
    Evidence { method: "document".into(), document: document.into(), document_date: "11/01/2026".into() }
}

/// Every answer of an eligible person: SUD, an overdose in the last year,
/// homeless on release, SRN/811 agreed and an HCV registration.
fn eligible_form() -> ScreeningForm {
    ScreeningForm {
        age_evidence: seen("State ID"),
        medicaid: "enrolled".into(),
        medicaid_evidence: seen("Medicaid card"),
        homeless: "on_release".into(),
        homeless_situation: "Cook County Jail, no address on release".into(),
        homeless_evidence: seen("Jail release letter"),
        category: "sud".into(),
        sud_stays_12m: "1".into(),
        correctional_stays_12m: "1".into(),
        incarcerated_12_consecutive_months: "no".into(),
        overdoses_12m: "2".into(),
        category_evidence: seen("Hospital discharge summary"),
        household_size: "1".into(),
        household_evidence: seen("Household certification"),
        income_eligible: "yes".into(),
        income_evidence: seen("SSI award letter"),
        other_assistance: "no".into(),
        other_assistance_evidence: Evidence { method: "state_system".into(), ..Evidence::default() },
        srn_811: "agreed".into(),
        hcv: "registered".into(),
        hcv_agency: "Chicago Housing Authority".into(),
        hcv_registered_on: "2026-10-02".into(),
        ..ScreeningForm::default()
    }
}

/// The eligible answers, but neither enrolled in nor eligible for Medicaid.
fn no_medicaid_form() -> ScreeningForm {
    ScreeningForm { medicaid: "neither".into(), ..eligible_form() }
}

/// Saves every step of `form`, in the Guide's order.
fn save_every_step(store: &mut Store, session: &Session, id: i64, form: &ScreeningForm) -> ScreeningView {
    let mut view = None;
    for step in STEPS {
        view = Some(screening::save_step(store, session, id, *step, form, moment()).unwrap());
    }
    view.unwrap()
}

/// Screens participant `id` with the eligible answers and finishes.
fn make_eligible(store: &mut Store, session: &Session, id: i64) {
    save_every_step(store, session, id, &eligible_form());
    let v = screening::finish(store, session, id, None, moment()).unwrap();
    assert_eq!(v.determination, Some(Determination::Eligible));
}

fn enrollment(case_manager: Option<i64>) -> EnrollmentInput {
    EnrollmentInput {
        enrolled_on: "11/20/2026".into(),
        case_manager_id: case_manager.map(|id| id.to_string()).unwrap_or_default(),
        soar_status: "not_started".into(),
        soar_applied_on: "".into(),
        benefits_decision: "none".into(),
        benefits_decision_on: "".into(),
        first_benefit_payment_on: "".into(),
    }
}

/// Screens, finds eligible and enrolls participant `id`.
pub(crate) fn make_enrolled(store: &mut Store, session: &Session, id: i64, case_manager: Option<i64>) -> Case {
    make_eligible(store, session, id);
    casework::change(store, session, id, &CaseChange::Enrollment(enrollment(case_manager)), moment()).unwrap()
}

fn visit(date: &str, kind: &str) -> VisitInput {
    VisitInput {
        visit_date: date.into(),
        kind: kind.into(),
        minutes: "45".into(),
        with_whom: "Participant and her sister".into(),
        notes: "Talked about relapse triggers and the lease.".into(),
        linkages: vec!["mental_health".into()],
    }
}

fn goal(area: &str, text: &str, status: &str, achieved_on: &str) -> GoalInput {
    GoalInput {
        area: area.into(),
        goal: text.into(),
        target_date: "02/28/2027".into(),
        status: status.into(),
        achieved_on: achieved_on.into(),
    }
}

fn new_goal() -> CaseChange {
    CaseChange::Goal { id: None, goal: goal("budgeting", "Pay the rent portion on time", "open", "") }
}

fn stay(kind: &str, place: &str, start: &str, end: &str) -> StayInput {
    StayInput {
        kind: kind.into(),
        place: place.into(),
        start_date: start.into(),
        end_date: end.into(),
        ..Default::default()
    }
}

fn new_stay(kind: &str, place: &str, start: &str, end: &str) -> CaseChange {
    CaseChange::Stay { id: None, stay: stay(kind, place, start, end) }
}

fn registration(list: &str, status: &str, registered_on: &str, agency: &str, opens_on: &str) -> CaseChange {
    CaseChange::Registration(RegistrationInput {
        list: list.into(),
        status: status.into(),
        registered_on: registered_on.into(),
        agency: agency.into(),
        opens_on: opens_on.into(),
    })
}

fn exit(exit_date: &str) -> ExitInput {
    ExitInput {
        exit_date: exit_date.into(),
        reason: "moved_to_permanent_subsidy".into(),
        destination: "rental_with_subsidy".into(),
        unit_outcome: "kept_for_another_participant".into(),
        notes: "HCV voucher issued by CHA.".into(),
    }
}

/// An income calculation (the one of tests/it/income.rs) as of `as_of`.
fn calculation_as_of(as_of: &str) -> income_calc::CalculationForm {
    let mut f = crate::income::form();
    f.as_of = as_of.into();
    f.income[0].document_date = "".into();
    f
}

// ---- Screening ----

#[test]
fn each_step_is_checked_alone_and_names_only_its_own_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Thi Nguyen"));
    let young = add_participant(&mut desk, &ParticipantInput { birth_date: "2006-01-01".into(), ..participant("Ada") });
    let store = store_of(&mut desk);
    let audit_before = db::audit::count(store.conn()).unwrap();

    let blank = ScreeningForm::default();
    let cases: &[(Step, &[&str])] = &[
        (Step::Age, &["age_evidence.method"]),
        (Step::Medicaid, &["medicaid", "medicaid_evidence.method"]),
        (Step::Homeless, &["homeless", "homeless_evidence.method"]),
        (
            Step::Category,
            &["category", "correctional_stays_12m", "incarcerated_12_consecutive_months", "category_evidence.method"],
        ),
        (Step::Household, &["household_size", "household_evidence.method"]),
        (Step::Income, &["income_eligible", "income_evidence.method"]),
        (Step::OtherAssistance, &["other_assistance", "other_assistance_evidence.method"]),
        (Step::Waitlists, &["srn_811", "hcv"]),
    ];
    for (step, want) in cases {
        assert_eq!(fields(screening::save_step(store, &admin, id, *step, &blank, moment())), *want, "{step:?}");
    }
    assert_eq!(
        fields(screening::save_step(store, &admin, young, Step::Age, &blank, moment())),
        ["aging_out_of_dcfs", "age_evidence.method"],
        "under 21, the Age step asks about DCFS guardianship"
    );

    // Nothing was saved by a refused step (and looking, below, is a view).
    assert_eq!(db::audit::count(store.conn()).unwrap(), audit_before, "refused steps write no audit entry");
    let v = screening::view(store, &admin, id, moment()).unwrap();
    assert_eq!((v.id, v.steps_done.len(), v.finished_at.as_deref()), (None, 0, None));
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Referred);

    // Answers that are there but wrong are named too.
    let mut wrong = eligible_form();
    wrong.homeless = "now".into();
    wrong.homeless_situation = "  ".into();
    assert_eq!(
        fields(screening::save_step(store, &admin, id, Step::Homeless, &wrong, moment())),
        ["homeless_situation"]
    );
    wrong.medicaid_evidence =
        Evidence { method: "fax".into(), document: "".into(), document_date: "12/01/2026".into() };
    assert_eq!(
        fields(screening::save_step(store, &admin, id, Step::Medicaid, &wrong, moment())),
        ["medicaid_evidence.method", "medicaid_evidence.document_date"]
    );
    wrong.srn_811 = "registered".into();
    wrong.hcv = "registered".into();
    wrong.hcv_agency = "".into();
    wrong.hcv_registered_on = "".into();
    assert_eq!(
        fields(screening::save_step(store, &admin, id, Step::Waitlists, &wrong, moment())),
        ["srn_811_registered_on", "hcv_agency", "hcv_registered_on"]
    );
    wrong.household_size = "2".into();
    assert_eq!(
        fields(screening::save_step(store, &admin, id, Step::Household, &wrong, moment())),
        ["live_in_aide"],
        "a household of two must say whether the second person is a live-in aide"
    );

    // A step is judged on its own answers only: the age step saves although
    // every other step's answers are blank.
    let age_only = ScreeningForm { age_evidence: seen("State ID"), ..ScreeningForm::default() };
    let v = screening::save_step(store, &admin, id, Step::Age, &age_only, moment()).unwrap();
    assert_eq!(v.steps_done, [Step::Age]);
}

#[test]
fn a_saved_step_starts_the_screening_and_the_view_resumes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Kwame Mensah"));
    let store = store_of(&mut desk);
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Referred);

    let mut form = ScreeningForm { age_evidence: seen("State ID"), ..ScreeningForm::default() };
    let v = screening::save_step(store, &admin, id, Step::Age, &form, moment()).unwrap();
    let screening_id = v.id.expect("a screening was started");
    assert_eq!(v.steps_done, [Step::Age]);
    assert_eq!(v.outcome.steps_left, STEPS[1..]);
    assert!(v.outcome.unmet.is_empty(), "no determination before every step is done");
    assert_eq!(v.determination, None);
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Screening, "referred → screening");

    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.entity.as_str(), entry.action.as_str(), entry.entity_id, entry.actor.as_str()),
        ("screening", "update", Some(screening_id), "mokafor")
    );
    assert_eq!(changes[0], change("participant_id", None, Some(&id.to_string())));
    assert!(changes.contains(&change("age_evidence.method", None, Some("document"))), "{changes:?}");
    assert!(changes.contains(&change("age_evidence.document", None, Some("State ID"))), "{changes:?}");

    form.medicaid = "eligible".into();
    form.medicaid_evidence = Evidence { method: "state_system".into(), ..Evidence::default() };
    let v = screening::save_step(store, &admin, id, Step::Medicaid, &form, moment()).unwrap();
    assert_eq!(v.id, Some(screening_id), "the open screening goes on");
    let (_, changes) = last_audit(store);
    assert_eq!(
        changes,
        [
            change("participant_id", None, Some(&id.to_string())),
            change("medicaid", None, Some("eligible")),
            change("medicaid_evidence.method", None, Some("state_system")),
        ],
        "only what changed since the last save is audited"
    );

    // Steps may be saved out of order, and saved again.
    form.srn_811 = "agreed".into();
    form.hcv = "agreed".into();
    form.hcv_opens_on = "01/15/2027".into();
    screening::save_step(store, &admin, id, Step::Waitlists, &form, moment()).unwrap();
    let v = screening::save_step(store, &admin, id, Step::Age, &form, moment()).unwrap();
    assert_eq!(v.steps_done, [Step::Age, Step::Medicaid, Step::Waitlists], "kept in the Guide's order, once each");

    // Later the screening resumes with every answer as typed.
    desk.sign_out(moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let admin = session_of(&mut desk);
    let store = store_of(&mut desk);
    let v = screening::view(store, &admin, id, moment()).unwrap();
    assert_eq!(v.id, Some(screening_id));
    assert_eq!(v.form, form);
    assert_eq!(v.form.hcv_opens_on, "01/15/2027", "typed dates stay as typed");
    assert_eq!(v.steps_done, [Step::Age, Step::Medicaid, Step::Waitlists]);
    assert_eq!(
        v.outcome.steps_left,
        [Step::Homeless, Step::Category, Step::Household, Step::Income, Step::OtherAssistance]
    );
    assert_eq!(v.age_years, 42);
    assert_eq!((v.finished_at, v.finished_by, v.determination), (None, None, None));
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Screening);

    assert_not_found(screening::view(store, &admin, 9_999, moment()), "no such participant");
}

#[test]
fn the_income_answer_starts_from_the_latest_calculation() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Grace Adeyemi"));
    let store = store_of(&mut desk);
    let v = screening::view(store, &admin, id, moment()).unwrap();
    assert_eq!((v.income_from_calculation, v.form.income_eligible.as_str()), (None, ""));

    income_calc::save(store, &admin, id, &crate::income::form(), moment()).unwrap();
    let v = screening::view(store, &admin, id, moment()).unwrap();
    assert_eq!(v.income_from_calculation, Some(true), "$11,604 a year is within the limit");
    assert_eq!(v.form.income_eligible, "yes", "a new screening starts from the calculation");
    assert_eq!(v.id, None, "viewing does not start a screening");
}

#[test]
fn finishing_needs_every_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Luis Ortega"));
    let store = store_of(&mut desk);

    assert_eq!(fields(screening::finish(store, &admin, id, None, moment())), ["screening"], "nothing to finish yet");

    let partial = ScreeningForm {
        age_evidence: seen("State ID"),
        medicaid: "enrolled".into(),
        medicaid_evidence: seen("Medicaid card"),
        ..ScreeningForm::default()
    };
    screening::save_step(store, &admin, id, Step::Age, &partial, moment()).unwrap();
    screening::save_step(store, &admin, id, Step::Medicaid, &partial, moment()).unwrap();
    assert_eq!(
        fields(screening::finish(store, &admin, id, None, moment())),
        [
            "homeless",
            "homeless_evidence.method",
            "category",
            "correctional_stays_12m",
            "incarcerated_12_consecutive_months",
            "category_evidence.method",
            "household_size",
            "household_evidence.method",
            "income_eligible",
            "income_evidence.method",
            "other_assistance",
            "other_assistance_evidence.method",
            "srn_811",
            "hcv",
        ],
        "every unanswered step is named, none of the answered ones"
    );
    let v = screening::view(store, &admin, id, moment()).unwrap();
    assert_eq!((v.finished_at, v.determination), (None, None));
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Screening);
}

#[test]
fn a_screening_cannot_be_finished_while_steps_are_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let first = add_participant(&mut desk, &participant("Nia Brooks"));
    let again = add_participant(&mut desk, &participant("Omar Haddad"));
    let store = store_of(&mut desk);

    // One step saved, with answers to the others already in the form.
    let v = screening::save_step(store, &admin, first, Step::Age, &eligible_form(), moment()).unwrap();
    assert_eq!(v.outcome.steps_left.len(), 7);
    let result = screening::finish(store, &admin, first, None, moment());
    assert!(
        matches!(result, Err(DeskError::Validation(_))),
        "7 steps were never saved, yet the screening was determined: {:?}",
        result.map(|v| v.determination)
    );
    assert_eq!(status_of(store, &admin, first), ParticipantStatus::Screening);

    // The way it happens at the desk: screening again copies the last
    // answers with no step done, and finishing at once re-decides on them
    // without anyone going through a step.
    save_every_step(store, &admin, again, &no_medicaid_form());
    screening::finish(store, &admin, again, None, moment()).unwrap();
    let v = screening::screen_again(store, &admin, again, moment()).unwrap();
    assert!(v.steps_done.is_empty());
    let result = screening::finish(store, &admin, again, None, moment());
    assert!(
        matches!(result, Err(DeskError::Validation(_))),
        "no step of the new screening was saved: {:?}",
        result.map(|v| v.determination)
    );
}

#[test]
fn an_eligible_screening_registers_the_waiting_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Ama Owusu"));
    let store = store_of(&mut desk);

    let v = save_every_step(store, &admin, id, &eligible_form());
    let screening_id = v.id.unwrap();
    assert!(v.outcome.steps_left.is_empty() && v.outcome.unmet.is_empty(), "{:?}", v.outcome);
    assert_eq!(v.determination, None, "not determined until finished");

    let v = screening::finish(store, &admin, id, None, moment()).unwrap();
    assert_eq!(v.id, Some(screening_id));
    assert_eq!(v.determination, Some(Determination::Eligible));
    assert!(v.finished_at.is_some());
    assert_eq!(v.finished_by.as_deref(), Some("Maria Okafor"));
    assert_eq!((v.override_by_name, v.override_reason), (None, None));
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Eligible);

    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("screening", Some(screening_id)));
    assert!(changes.contains(&change("determination", None, Some("eligible"))), "{changes:?}");
    assert!(changes.contains(&change("status", Some("screening"), Some("eligible"))), "{changes:?}");
    assert!(!changes.iter().any(|c| c.0 == "unmet"), "nothing unmet: {changes:?}");

    let case = casework::case(store, &admin, id, moment()).unwrap();
    assert_eq!(case.status, ParticipantStatus::Eligible);
    let lists: Vec<_> =
        case.waitlists.iter().map(|w| (w.list, w.status, w.registered_on, w.agency.as_deref(), w.opens_on)).collect();
    let ihda = Some("Illinois Housing Development Authority");
    assert_eq!(
        lists,
        [
            (Waitlist::Srn, WaitlistStatus::Agreed, None, ihda, None),
            (Waitlist::Section811, WaitlistStatus::Agreed, None, ihda, None),
            (Waitlist::Hcv, WaitlistStatus::Registered, Some(d("2026-10-02")), Some("Chicago Housing Authority"), None),
        ]
    );

    assert_eq!(
        fields(screening::finish(store, &admin, id, None, moment())),
        ["screening"],
        "a finished screening is not finished twice"
    );
}

#[test]
fn an_ineligible_screening_names_the_unmet_requirement() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Pedro Alvarez"));
    let store = store_of(&mut desk);

    let v = save_every_step(store, &admin, id, &no_medicaid_form());
    assert_eq!(v.outcome.unmet.iter().map(|u| u.code).collect::<Vec<_>>(), [Unmet::Medicaid], "shown before finishing");

    let v = screening::finish(store, &admin, id, None, moment()).unwrap();
    assert_eq!(v.determination, Some(Determination::Ineligible));
    assert_eq!(v.outcome.unmet.len(), 1);
    assert_eq!(v.outcome.unmet[0].code, Unmet::Medicaid);
    assert_eq!(v.outcome.unmet[0].label, "Enrolled in Medicaid, or eligible to enroll");
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Ineligible);

    let (entry, changes) = last_audit(store);
    assert_eq!(entry.entity, "screening");
    assert!(changes.contains(&change("determination", None, Some("ineligible"))), "{changes:?}");
    assert!(changes.contains(&change("unmet", None, Some("medicaid"))), "{changes:?}");
    assert!(changes.contains(&change("status", Some("screening"), Some("ineligible"))), "{changes:?}");

    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Enrollment(enrollment(None)), moment())),
        ["enrolled_on"],
        "an ineligible participant cannot be enrolled"
    );
}

#[test]
fn a_supervisors_override_needs_a_reason_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Marisol Vega"));
    let eligible = add_participant(&mut desk, &participant("Ivan Petrov"));
    let store = store_of(&mut desk);
    save_every_step(store, &admin, id, &no_medicaid_form());

    let no_reason = OverrideInput { supervisor: "Ruth Alvarez".into(), reason: "   ".into() };
    assert_eq!(fields(screening::finish(store, &admin, id, Some(&no_reason), moment())), ["override_reason"]);
    let no_supervisor = OverrideInput { supervisor: "".into(), reason: "Medicaid application filed".into() };
    assert_eq!(fields(screening::finish(store, &admin, id, Some(&no_supervisor), moment())), ["override_supervisor"]);
    let v = screening::view(store, &admin, id, moment()).unwrap();
    assert_eq!((v.finished_at, v.determination), (None, None), "a refused override finishes nothing");
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Screening);

    let reason = "Medicaid application filed 11/18/2026; DHS confirmed eligibility by phone.";
    let o = OverrideInput { supervisor: " Ruth Alvarez ".into(), reason: reason.into() };
    let v = screening::finish(store, &admin, id, Some(&o), moment()).unwrap();
    // Read before `status_of`, whose view of the record is audited too.
    let (entry, changes) = last_audit(store);
    assert_eq!(v.determination, Some(Determination::EligibleByOverride));
    assert_eq!(v.override_by_name.as_deref(), Some("Ruth Alvarez"));
    assert_eq!(v.override_reason.as_deref(), Some(reason));
    assert_eq!(v.outcome.unmet.iter().map(|u| u.code).collect::<Vec<_>>(), [Unmet::Medicaid], "still shown");
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Eligible);

    assert_eq!((entry.entity.as_str(), entry.entity_id), ("screening", v.id));
    assert!(changes.contains(&change("determination", None, Some("eligible_by_override"))), "{changes:?}");
    assert!(changes.contains(&change("unmet", None, Some("medicaid"))), "{changes:?}");
    assert!(changes.contains(&change("override_by", None, Some("Ruth Alvarez"))), "{changes:?}");
    assert!(changes.contains(&change("override_reason", None, Some(reason))), "{changes:?}");
    assert!(entry.changes.as_deref().unwrap().contains("DHS confirmed eligibility"));

    // Eligible by override is eligible for enrollment.
    let case = casework::change(store, &admin, id, &CaseChange::Enrollment(enrollment(None)), moment()).unwrap();
    assert_eq!(case.status, ParticipantStatus::Enrolled);

    // An override offered for an eligible screening changes nothing.
    save_every_step(store, &admin, eligible, &eligible_form());
    let v = screening::finish(store, &admin, eligible, Some(&o), moment()).unwrap();
    assert_eq!(v.determination, Some(Determination::Eligible));
    assert_eq!((v.override_by_name, v.override_reason), (None, None));
}

#[test]
fn screening_again_starts_from_the_last_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Hung Tran"));
    let store = store_of(&mut desk);
    save_every_step(store, &admin, id, &no_medicaid_form());
    let first = screening::finish(store, &admin, id, None, moment()).unwrap();
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Ineligible);

    let v = screening::screen_again(store, &admin, id, moment()).unwrap();
    let second = v.id.unwrap();
    assert!(second > first.id.unwrap(), "a new screening");
    assert_eq!(v.form, no_medicaid_form(), "prefilled from the last screening");
    assert!(v.steps_done.is_empty());
    assert_eq!(v.outcome.steps_left, STEPS);
    assert_eq!((v.finished_at, v.determination), (None, None));
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Screening);
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.action.as_str(), entry.entity_id), ("screening", "create", Some(second)));
    assert_eq!(changes, [change("participant_id", None, Some(&id.to_string()))]);

    let v = screening::screen_again(store, &admin, id, moment()).unwrap();
    assert_eq!(v.id, Some(second), "an open screening is not started twice");

    // This time Medicaid is in place.
    save_every_step(store, &admin, id, &eligible_form());
    let v = screening::finish(store, &admin, id, None, moment()).unwrap();
    assert_eq!((v.id, v.determination), (Some(second), Some(Determination::Eligible)));
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Eligible);
}

#[test]
fn screening_an_enrolled_participant_again_keeps_them_enrolled() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &no_release("Iris Wong"));
    let store = store_of(&mut desk);
    make_enrolled(store, &admin, id, None);
    let visits_due = |store: &Store| {
        let dash = dashboard::dashboard(store, &admin, Scope::Office, moment()).unwrap();
        ids(&dash, AttentionKind::Visits)
    };
    assert_eq!(visits_due(store), [id], "enrolled, no visits yet this month");

    // The screening page offers "Screen again" after any finished screening.
    screening::screen_again(store, &admin, id, moment()).unwrap();
    assert_eq!(
        status_of(store, &admin, id),
        ParticipantStatus::Enrolled,
        "screening again must not take an enrolled participant out of the program"
    );
    assert_eq!(visits_due(store), [id], "their visits are still due");
    save_every_step(store, &admin, id, &eligible_form());
    screening::finish(store, &admin, id, None, moment()).unwrap();
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Enrolled, "eligible again, still enrolled");
}

// ---- Case work ----

#[test]
fn enrollment_needs_an_eligible_participant_and_an_active_case_manager() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let cm = add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    let locator = add_staff(&mut desk, "lpark", "Lee Park", "housing_locator");
    let former = add_staff(&mut desk, "oformer", "Olive Former", "case_manager");
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Rosa Delgado"));
    let store = store_of(&mut desk);
    store.conn().execute("UPDATE staff SET active = 0 WHERE id = ?1", [former]).unwrap();

    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Enrollment(enrollment(Some(cm))), moment())),
        ["enrolled_on"],
        "a referred participant is not eligible yet"
    );
    let case = casework::case(store, &admin, id, moment()).unwrap();
    assert_eq!((case.status, case.enrollment), (ParticipantStatus::Referred, None));
    assert_eq!(db::participants::case_manager(store.conn(), id).unwrap(), Some(None), "nobody was assigned");

    make_eligible(store, &admin, id);
    let with_manager =
        |typed: &str| CaseChange::Enrollment(EnrollmentInput { case_manager_id: typed.into(), ..enrollment(None) });
    for (typed, what) in [
        (locator.to_string(), "a housing locator"),
        (admin.staff_id.to_string(), "an administrator"),
        (former.to_string(), "a case manager no longer active"),
        ("9999".to_string(), "nobody"),
        ("Dana".to_string(), "not an id"),
    ] {
        assert_eq!(
            fields(casework::change(store, &admin, id, &with_manager(&typed), moment())),
            ["case_manager_id"],
            "{what}"
        );
    }
    let mut e = enrollment(Some(cm));
    e.soar_status = "applied".into();
    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Enrollment(e.clone()), moment())),
        ["soar_applied_on"],
        "an application filed needs its date"
    );
    e.benefits_decision = "approved_ssi".into();
    e.enrolled_on = "2026-11-24".into();
    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Enrollment(e.clone()), moment())),
        ["enrolled_on", "soar_applied_on", "benefits_decision_on"]
    );
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Eligible, "nothing was saved");

    e.enrolled_on = "11/20/2026".into();
    e.soar_applied_on = "11/10/2026".into();
    e.benefits_decision = "none".into();
    let case = casework::change(store, &admin, id, &CaseChange::Enrollment(e), moment()).unwrap();
    assert_eq!(case.status, ParticipantStatus::Enrolled);
    let en = case.enrollment.unwrap();
    assert_eq!(
        (en.enrolled_on, en.case_manager_id, en.case_manager_name.as_deref()),
        (d("2026-11-20"), Some(cm), Some("Dana Reyes"))
    );
    assert_eq!(
        (en.soar_status, en.soar_applied_on, en.benefits_decision, en.benefits_decision_on),
        (SoarStatus::Applied, Some(d("2026-11-10")), BenefitsDecision::None, None)
    );
    assert_eq!(
        case.case_managers.iter().map(|s| (s.id, s.full_name.as_str())).collect::<Vec<_>>(),
        [(cm, "Dana Reyes")],
        "only active case managers can be chosen"
    );
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Enrolled);
    assert_eq!(db::participants::case_manager(store.conn(), id).unwrap(), Some(Some(cm)));

    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("enrollment", Some(id)));
    assert_eq!(changes[0], change("participant_id", None, Some(&id.to_string())));
    assert!(changes.contains(&change("case_manager_id", None, Some(&cm.to_string()))), "{changes:?}");
    assert!(changes.contains(&change("soar_status", None, Some("applied"))), "{changes:?}");
    assert!(changes.contains(&change("soar_applied_on", None, Some("2026-11-10"))), "{changes:?}");

    // A later change of the enrollment audits what changed.
    let mut decided = enrollment(Some(cm));
    decided.soar_status = "decided".into();
    decided.soar_applied_on = "11/10/2026".into();
    decided.benefits_decision = "approved_ssi".into();
    decided.benefits_decision_on = "11/21/2026".into();
    let case = casework::change(store, &admin, id, &CaseChange::Enrollment(decided), moment()).unwrap();
    assert_eq!(case.status, ParticipantStatus::Enrolled, "still enrolled");
    assert_eq!(case.enrollment.unwrap().benefits_decision, BenefitsDecision::ApprovedSsi);
    let (_, changes) = last_audit(store);
    assert_eq!(
        changes,
        [
            change("participant_id", None, Some(&id.to_string())),
            change("soar_status", Some("applied"), Some("decided")),
            change("benefits_decision", Some("none"), Some("approved_ssi")),
            change("benefits_decision_on", None, Some("2026-11-21")),
        ]
    );
}

#[test]
fn goals_are_added_and_updated() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Ana Lima"));
    let other = add_participant(&mut desk, &participant("Ben Cole"));
    let store = store_of(&mut desk);
    make_enrolled(store, &admin, id, None);

    assert_eq!(
        fields(casework::change(
            store,
            &admin,
            id,
            &CaseChange::Goal { id: None, goal: GoalInput::default() },
            moment()
        )),
        ["area", "goal", "status"]
    );

    let text = "Pay the rent portion on time three months running";
    let add = CaseChange::Goal { id: None, goal: goal("budgeting", text, "open", "") };
    let case = casework::change(store, &admin, id, &add, moment()).unwrap();
    assert_eq!(case.goals.len(), 1);
    let g = &case.goals[0];
    assert_eq!(
        (g.area, g.goal.as_str(), g.target_date, g.status, g.achieved_on),
        (GoalArea::Budgeting, text, Some(d("2027-02-28")), GoalStatus::Open, None)
    );
    let goal_id = g.id;
    let (entry, _) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("case_plan_goal", Some(goal_id)));

    let achieved = |on: &str| CaseChange::Goal { id: Some(goal_id), goal: goal("budgeting", text, "achieved", on) };
    assert_eq!(fields(casework::change(store, &admin, id, &achieved(""), moment())), ["achieved_on"]);
    assert_eq!(
        fields(casework::change(store, &admin, id, &achieved("12/01/2026"), moment())),
        ["achieved_on"],
        "not in the future"
    );
    let case = casework::change(store, &admin, id, &achieved("11/20/2026"), moment()).unwrap();
    assert_eq!(case.goals.len(), 1, "updated, not added");
    assert_eq!(
        (case.goals[0].id, case.goals[0].status, case.goals[0].achieved_on),
        (goal_id, GoalStatus::Achieved, Some(d("2026-11-20")))
    );
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("case_plan_goal", Some(goal_id)));
    assert_eq!(
        changes,
        [
            change("participant_id", None, Some(&id.to_string())),
            change("status", Some("open"), Some("achieved")),
            change("achieved_on", None, Some("2026-11-20")),
        ]
    );

    // Back to open: the achieved date goes.
    let reopened = CaseChange::Goal { id: Some(goal_id), goal: goal("budgeting", text, "open", "11/20/2026") };
    let case = casework::change(store, &admin, id, &reopened, moment()).unwrap();
    assert_eq!((case.goals[0].status, case.goals[0].achieved_on), (GoalStatus::Open, None));

    let unknown = CaseChange::Goal { id: Some(9_999), goal: goal("housing", "Sign a lease", "open", "") };
    assert_not_found(casework::change(store, &admin, id, &unknown, moment()), "no such goal");
    let theirs = CaseChange::Goal { id: Some(goal_id), goal: goal("housing", "Sign a lease", "open", "") };
    assert_not_found(casework::change(store, &admin, other, &theirs, moment()), "another participant's goal");
    assert_eq!(casework::case(store, &admin, id, moment()).unwrap().goals[0].goal, text, "left as it was");
}

#[test]
fn vocational_hours_for_the_same_month_and_provider_are_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Carla Diaz"));
    let store = store_of(&mut desk);
    let hours = |month: &str, kind: &str, provider: &str, hours: &str| {
        CaseChange::Vocational(VocationalInput {
            month: month.into(),
            provider_kind: kind.into(),
            provider: provider.into(),
            hours: hours.into(),
        })
    };

    let case = casework::change(store, &admin, id, &hours("10/2026", "ips", "Thresholds IPS", "8"), moment()).unwrap();
    assert_eq!(case.vocational_hours.len(), 1);
    let first_id = case.vocational_hours[0].id;
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("vocational_hours", Some(first_id)));
    assert!(changes.contains(&change("hours", None, Some("8"))), "{changes:?}");

    let case =
        casework::change(store, &admin, id, &hours("2026-10", "ips", "Thresholds IPS", "12.50"), moment()).unwrap();
    assert_eq!(case.vocational_hours.len(), 1, "the same month and provider is replaced");
    let v = &case.vocational_hours[0];
    assert_eq!(
        (v.id, v.month, v.provider_kind, v.provider.as_str(), v.hours.as_str()),
        (first_id, d("2026-10-01"), ProviderKind::Ips, "Thresholds IPS", "12.5")
    );

    casework::change(store, &admin, id, &hours("10/2026", "crp", "Goodwill Chicago", "4"), moment()).unwrap();
    let case =
        casework::change(store, &admin, id, &hours("11/2026", "ips", "Thresholds IPS", "6.25"), moment()).unwrap();
    let rows: Vec<_> = case.vocational_hours.iter().map(|v| (v.month, v.provider.as_str(), v.hours.as_str())).collect();
    assert_eq!(
        rows,
        [
            (d("2026-11-01"), "Thresholds IPS", "6.25"),
            (d("2026-10-01"), "Goodwill Chicago", "4"),
            (d("2026-10-01"), "Thresholds IPS", "12.5"),
        ],
        "newest month first"
    );

    assert_eq!(
        fields(casework::change(store, &admin, id, &hours("12/2026", "ips", "Thresholds IPS", "8"), moment())),
        ["month"],
        "not a month to come"
    );
    assert_eq!(
        fields(casework::change(store, &admin, id, &hours("13/2026", "job_club", " ", "0"), moment())),
        ["month", "provider_kind", "provider", "hours"]
    );
    for bad in ["4.555", "745", "-2", "eight"] {
        assert_eq!(
            fields(casework::change(store, &admin, id, &hours("10/2026", "ips", "Thresholds IPS", bad), moment())),
            ["hours"],
            "{bad}"
        );
    }
}

#[test]
fn jobs_are_added_and_ended_after_they_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Dev Patel"));
    let store = store_of(&mut desk);
    let job = |id: Option<i64>, start: &str, end: &str| CaseChange::Job {
        id,
        job: JobInput {
            employer: "Jewel-Osco".into(),
            job_title: "Stocker".into(),
            start_date: start.into(),
            end_date: end.into(),
        },
    };

    assert_eq!(
        fields(casework::change(store, &admin, id, &job(None, "09/01/2026", "08/31/2026"), moment())),
        ["end_date"]
    );
    assert_eq!(fields(casework::change(store, &admin, id, &job(None, "12/01/2026", ""), moment())), ["start_date"]);
    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Job { id: None, job: JobInput::default() }, moment())),
        ["employer", "start_date"]
    );
    assert!(casework::case(store, &admin, id, moment()).unwrap().employment.is_empty());

    let case = casework::change(store, &admin, id, &job(None, "09/01/2026", ""), moment()).unwrap();
    assert_eq!(case.employment.len(), 1);
    let j = &case.employment[0];
    assert_eq!(
        (j.employer.as_str(), j.job_title.as_deref(), j.start_date, j.end_date),
        ("Jewel-Osco", Some("Stocker"), d("2026-09-01"), None)
    );
    let job_id = j.id;
    let (entry, _) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("employment", Some(job_id)));

    assert_eq!(
        fields(casework::change(store, &admin, id, &job(Some(job_id), "09/01/2026", "2026-08-01"), moment())),
        ["end_date"]
    );
    let case = casework::change(store, &admin, id, &job(Some(job_id), "09/01/2026", "11/15/2026"), moment()).unwrap();
    assert_eq!(case.employment.len(), 1);
    assert_eq!(case.employment[0].end_date, Some(d("2026-11-15")));
    let (_, changes) = last_audit(store);
    assert_eq!(
        changes,
        [change("participant_id", None, Some(&id.to_string())), change("end_date", None, Some("2026-11-15"))]
    );
}

#[test]
fn stays_show_the_ninety_day_limit_and_six_month_vacancies() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Eli Moore"));
    let store = store_of(&mut desk);

    for s in [
        new_stay("temporary_housing", "Pacific Garden Mission", "2026-10-01", ""),
        new_stay("jail_prison", "Cook County Jail", "2026-05-23", ""), // six months today
        new_stay("hospital", "Mount Sinai", "2026-05-24", ""),         // six months tomorrow
        new_stay("smhrf", "Sacred Heart SMHRF", "2026-01-10", "2026-07-09"), // a day short
        new_stay("long_term_care", "Alden Lakeland", "01/10/2026", "07/10/2026"), // six months
    ] {
        casework::change(store, &admin, id, &s, moment()).unwrap();
    }
    let case = casework::case(store, &admin, id, moment()).unwrap();
    let at = |place: &str| case.stays.iter().find(|s| s.place == place).unwrap().clone();

    let temp = at("Pacific Garden Mission");
    assert_eq!(temp.kind, StayKind::TemporaryHousing);
    assert_eq!(temp.last_allowed_day, Some(d("2026-12-29")), "October 1 is day 1 of 90");
    assert!(!temp.vacancy);
    let jail = at("Cook County Jail");
    assert_eq!((jail.kind, jail.last_allowed_day, jail.vacancy), (StayKind::JailPrison, None, true));
    assert!(!at("Mount Sinai").vacancy, "five months and 30 days is under six months");
    assert!(!at("Sacred Heart SMHRF").vacancy, "ended a day before six months");
    assert!(at("Alden Lakeland").vacancy, "ended on the six-month day");

    assert_eq!(
        fields(casework::change(
            store,
            &admin,
            id,
            &new_stay("temporary_housing", "The Night Ministry", "2026-10-01", "2026-09-30"),
            moment()
        )),
        ["end_date"]
    );
    assert_eq!(
        fields(casework::change(store, &admin, id, &new_stay("motel", " ", "", ""), moment())),
        ["kind", "place", "start_date"]
    );

    // Ending the temporary stay.
    let end = CaseChange::Stay {
        id: Some(temp.id),
        stay: stay("temporary_housing", "Pacific Garden Mission", "2026-10-01", "11/20/2026"),
    };
    let case = casework::change(store, &admin, id, &end, moment()).unwrap();
    assert_eq!(case.stays.len(), 5);
    let ended = case.stays.iter().find(|s| s.id == temp.id).unwrap();
    assert_eq!((ended.end_date, ended.last_allowed_day), (Some(d("2026-11-20")), Some(d("2026-12-29"))));
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("stay", Some(temp.id)));
    assert_eq!(
        changes,
        [change("participant_id", None, Some(&id.to_string())), change("end_date", None, Some("2026-11-20"))]
    );
}

#[test]
fn waiting_list_registrations_are_kept_one_per_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Fatima Said"));
    let store = store_of(&mut desk);

    let case = casework::change(
        store,
        &admin,
        id,
        &registration("hcv", "agreed", "", "Chicago Housing Authority", "12/01/2026"),
        moment(),
    )
    .unwrap();
    assert_eq!(case.waitlists.len(), 1);
    let w = &case.waitlists[0];
    assert_eq!(
        (w.list, w.status, w.registered_on, w.agency.as_deref(), w.opens_on),
        (Waitlist::Hcv, WaitlistStatus::Agreed, None, Some("Chicago Housing Authority"), Some(d("2026-12-01")))
    );
    let (entry, changes) = last_audit(store);
    assert_eq!(entry.entity, "waitlist_registration");
    assert!(changes.contains(&change("opens_on", None, Some("2026-12-01"))), "{changes:?}");

    assert_eq!(
        fields(casework::change(store, &admin, id, &registration("hcv", "registered", "", "", ""), moment())),
        ["registered_on"]
    );
    assert_eq!(
        fields(casework::change(store, &admin, id, &registration("srn_811", "waiting", "", "", ""), moment())),
        ["list", "status"]
    );
    let case = casework::change(store, &admin, id, &registration("hcv", "registered", "11/20/2026", "", ""), moment())
        .unwrap();
    assert_eq!(case.waitlists.len(), 1, "one registration per list");
    let w = &case.waitlists[0];
    assert_eq!(
        (w.status, w.registered_on, w.agency.as_deref(), w.opens_on),
        (WaitlistStatus::Registered, Some(d("2026-11-20")), Some("Chicago Housing Authority"), None)
    );
}

#[test]
fn exit_closes_the_case_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Gus Larsen"));
    let store = store_of(&mut desk);
    make_enrolled(store, &admin, id, None);

    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Exit(ExitInput::default()), moment())),
        ["exit_date", "reason", "destination", "unit_outcome"]
    );
    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Exit(exit("11/24/2026")), moment())),
        ["exit_date"]
    );
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Enrolled);

    let case = casework::change(store, &admin, id, &CaseChange::Exit(exit("11/10/2026")), moment()).unwrap();
    assert_eq!(case.status, ParticipantStatus::Exited);
    assert_eq!(
        case.exit,
        Some(Exit {
            exit_date: d("2026-11-10"),
            reason: ExitReason::MovedToPermanentSubsidy,
            destination: Destination::RentalWithSubsidy,
            unit_outcome: UnitOutcome::KeptForAnotherParticipant,
            notes: Some("HCV voucher issued by CHA.".into()),
        })
    );
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Exited);
    let (entry, changes) = last_audit(store);
    let exit_id: i64 = store
        .conn()
        .query_row("SELECT id FROM participant_exit WHERE participant_id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("exit", Some(exit_id)));
    assert!(changes.contains(&change("participant_id", None, Some(&id.to_string()))), "{changes:?}");
    assert!(changes.contains(&change("exit_date", None, Some("2026-11-10"))), "{changes:?}");
    assert!(changes.contains(&change("status", Some("enrolled"), Some("exited"))), "{changes:?}");

    let audit_before = db::audit::count(store.conn()).unwrap();
    assert_eq!(
        fields(casework::change(store, &admin, id, &CaseChange::Exit(exit("11/20/2026")), moment())),
        ["exit_date"],
        "a participant exits once"
    );
    assert_eq!(db::audit::count(store.conn()).unwrap(), audit_before, "a refused exit writes nothing");
    let case = casework::case(store, &admin, id, moment()).unwrap();
    assert_eq!(case.exit.unwrap().exit_date, d("2026-11-10"), "the first exit stands");
}

#[test]
fn a_participant_who_came_back_can_exit_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let id = add_participant(&mut desk, &participant("Hal Jensen"));
    let store = store_of(&mut desk);
    make_enrolled(store, &admin, id, None);
    casework::change(store, &admin, id, &CaseChange::Exit(exit("09/30/2026")), moment()).unwrap();

    // They come back: screened again, eligible, enrolled again.
    screening::screen_again(store, &admin, id, moment()).unwrap();
    make_enrolled(store, &admin, id, None);
    assert_eq!(status_of(store, &admin, id), ParticipantStatus::Enrolled);

    let result = casework::change(store, &admin, id, &CaseChange::Exit(exit("11/20/2026")), moment());
    let result = result.map(|c| c.exit).map_err(ApiError::from);
    assert!(
        !matches!(&result, Err(e) if e.code == ErrorCode::Internal),
        "the second exit should be recorded (or refused on a field), not fail inside the store: {result:?}"
    );
    assert_eq!(result.unwrap().unwrap().exit_date, d("2026-11-20"));
}

// ---- Roles ----

#[test]
fn a_housing_locator_sees_the_housing_card_and_nothing_of_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let cm = add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut desk, "lpark", "Lee Park", "housing_locator");
    let admin = session_of(&mut desk);
    let input = ParticipantInput {
        preferred_name: "Ro".into(),
        phone: "312-555-0142".into(),
        email: "rosa@example.org".into(),
        referring_organization: "Cook County Health".into(),
        last_known_location: "Lower Wacker Drive".into(),
        ..participant("Rosa Delgado")
    };
    let id = add_participant(&mut desk, &input);
    {
        let store = store_of(&mut desk);
        make_enrolled(store, &admin, id, Some(cm));
        income_calc::save(store, &admin, id, &crate::income::form(), moment()).unwrap();
        engagement::log_visit(store, &admin, id, &visit("11/03/2026", "home"), moment()).unwrap();
    }

    let locator = sign_in_as(&mut desk, "lpark");
    let store = store_of(&mut desk);
    let audit_before = db::audit::count(store.conn()).unwrap();
    assert_forbidden(participants::get(store, &locator, id, moment()), "participants::get");
    assert_forbidden(engagement::overview(store, &locator, id, moment()), "engagement::overview");
    assert_forbidden(
        engagement::log_visit(store, &locator, id, &visit("11/20/2026", "home"), moment()),
        "engagement::log_visit",
    );
    assert_forbidden(screening::view(store, &locator, id, moment()), "screening::view");
    assert_forbidden(
        screening::save_step(store, &locator, id, Step::Age, &eligible_form(), moment()),
        "screening::save_step",
    );
    assert_forbidden(screening::finish(store, &locator, id, None, moment()), "screening::finish");
    assert_forbidden(screening::screen_again(store, &locator, id, moment()), "screening::screen_again");
    assert_forbidden(casework::case(store, &locator, id, moment()), "casework::case");
    assert_forbidden(casework::change(store, &locator, id, &new_goal(), moment()), "casework::change");
    let edit = ParticipantInput { phone: "312-555-0199".into(), status: "enrolled".into(), ..input.clone() };
    assert_forbidden(participants::update(store, &locator, id, &edit, moment()), "participants::update");
    assert_forbidden(
        participants::create(store, &locator, &participant("New Person"), moment()),
        "participants::create",
    );
    let err = ApiError::from(participants::get(store, &locator, id, moment()).unwrap_err());
    assert!(err.message.contains("housing card"), "says what a locator can see: {}", err.message);
    assert_eq!(db::audit::count(store.conn()).unwrap(), audit_before, "nothing was written");
    assert_eq!(engagement::visits(store, id).unwrap().len(), 1);

    let card = participants::housing_card(store, &locator, id, moment()).unwrap();
    assert_eq!(card.id, id);
    assert_eq!(card.legal_name, "Rosa Delgado");
    assert_eq!(card.preferred_name.as_deref(), Some("Ro"));
    assert_eq!(card.phone.as_deref(), Some("(312) 555-0142"));
    assert_eq!(card.email.as_deref(), Some("rosa@example.org"));
    assert_eq!(card.status, ParticipantStatus::Enrolled);
    assert_eq!(card.household_size, Some(1), "from the screening");
    assert_eq!(card.bedrooms, Some(1), "from the income calculation");
    assert_eq!(card.move_in_date, None);

    let json = serde_json::to_value(&card).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "legal_name",
            "preferred_name",
            "phone",
            "email",
            "status",
            "household_size",
            "bedrooms",
            "move_in_date"
        ]
    );
    let text = json.to_string();
    for kept_out in [
        "hospital",
        "Cook County",
        "Lower Wacker",
        "1984",
        "2026-12-01",
        "2026-11-20",
        "medicaid",
        "sud",
        "relapse",
        "Dana Reyes",
    ] {
        assert!(!text.contains(kept_out), "the housing card must not show {kept_out:?}: {text}");
    }
    assert_not_found(participants::housing_card(store, &locator, 9_999, moment()), "no such participant");
}

#[test]
fn a_case_manager_reaches_the_notes_of_their_own_participants_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let dana = add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut desk, "jkim", "Jin Kim", "case_manager");
    let admin = session_of(&mut desk);
    let input = participant("Alma Ruiz");
    let a = add_participant(&mut desk, &input);
    {
        let store = store_of(&mut desk);
        make_enrolled(store, &admin, a, Some(dana));
        engagement::log_visit(store, &admin, a, &visit("11/03/2026", "home"), moment()).unwrap();
    }

    let own = sign_in_as(&mut desk, "dreyes");
    let store = store_of(&mut desk);
    let v = engagement::log_visit(store, &own, a, &visit("11/10/2026", "community"), moment()).unwrap();
    assert_eq!(v.staff_name.as_deref(), Some("Dana Reyes"));
    let o = engagement::overview(store, &own, a, moment()).unwrap();
    assert!(!o.notes_hidden);
    assert_eq!(o.visits.len(), 2);
    assert!(o.visits.iter().all(|v| v.notes.as_deref() == Some("Talked about relapse triggers and the lease.")));
    assert!(o.visits.iter().all(|v| v.with_whom.is_some() && !v.linkages.is_empty()));
    assert_eq!(screening::view(store, &own, a, moment()).unwrap().determination, Some(Determination::Eligible));
    assert_eq!(casework::case(store, &own, a, moment()).unwrap().status, ParticipantStatus::Enrolled);
    assert_eq!(casework::change(store, &own, a, &new_goal(), moment()).unwrap().goals.len(), 1);
    assert_eq!(participants::get(store, &own, a, moment()).unwrap().details.legal_name, "Alma Ruiz");

    let other = sign_in_as(&mut desk, "jkim");
    let store = store_of(&mut desk);
    let o = engagement::overview(store, &other, a, moment()).unwrap();
    assert!(o.notes_hidden);
    assert_eq!(o.visits.len(), 2, "the visits are shown");
    for v in &o.visits {
        assert_eq!((v.notes.as_deref(), v.with_whom.as_deref(), v.linkages.len()), (None, None, 0), "{v:?}");
        assert!(v.staff_name.is_some());
    }
    assert_eq!((o.months[0].visits, o.months[0].home_visits), (2, 1), "how engagement stands is shown");
    assert_eq!(
        participants::get(store, &other, a, moment()).unwrap().details.legal_name,
        "Alma Ruiz",
        "the record is shown"
    );
    let audit_before = db::audit::count(store.conn()).unwrap();
    assert_forbidden(
        engagement::log_visit(store, &other, a, &visit("11/20/2026", "home"), moment()),
        "another case manager logs a visit",
    );
    assert_forbidden(casework::case(store, &other, a, moment()), "another case manager opens the case");
    assert_forbidden(casework::change(store, &other, a, &new_goal(), moment()), "another case manager adds a goal");
    assert_forbidden(screening::view(store, &other, a, moment()), "another case manager opens the screening");
    let edit = ParticipantInput { phone: "312-555-0199".into(), status: "enrolled".into(), ..input };
    assert_forbidden(participants::update(store, &other, a, &edit, moment()), "another case manager edits the record");
    let err = ApiError::from(casework::case(store, &other, a, moment()).unwrap_err());
    assert!(err.message.contains("case manager"), "{}", err.message);
    assert_eq!(db::audit::count(store.conn()).unwrap(), audit_before, "nothing was written");
    assert_eq!(engagement::visits(store, a).unwrap().len(), 2);
}

#[test]
fn office_staff_and_supervisors_see_and_change_every_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let cm = add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut desk, "ofront", "Omar Front", "office_staff");
    add_staff(&mut desk, "sboss", "Sue Boss", "supervisor");
    let admin = session_of(&mut desk);
    let input = participant("Alma Ruiz");
    let a = add_participant(&mut desk, &input);
    {
        let store = store_of(&mut desk);
        make_enrolled(store, &admin, a, Some(cm));
        engagement::log_visit(store, &admin, a, &visit("11/03/2026", "home"), moment()).unwrap();
    }

    for (username, phone) in [("ofront", "312-555-0101"), ("sboss", "312-555-0102")] {
        let s = sign_in_as(&mut desk, username);
        let store = store_of(&mut desk);
        assert_eq!(participants::get(store, &s, a, moment()).unwrap().id, a, "{username}");
        let o = engagement::overview(store, &s, a, moment()).unwrap();
        assert!(!o.notes_hidden, "{username}");
        assert!(o.visits.iter().all(|v| v.notes.is_some()), "{username}");
        assert_eq!(screening::view(store, &s, a, moment()).unwrap().determination, Some(Determination::Eligible));
        assert_eq!(casework::case(store, &s, a, moment()).unwrap().enrollment.unwrap().case_manager_id, Some(cm));
        engagement::log_visit(store, &s, a, &visit("11/10/2026", "community"), moment()).unwrap();
        casework::change(store, &s, a, &new_goal(), moment()).unwrap();
        let edit = ParticipantInput { phone: phone.into(), status: "enrolled".into(), ..input.clone() };
        assert!(participants::update(store, &s, a, &edit, moment()).unwrap().details.phone.is_some());
        assert_eq!(participants::housing_card(store, &s, a, moment()).unwrap().legal_name, "Alma Ruiz");
    }
    let admin = sign_in_as(&mut desk, "mokafor");
    let store = store_of(&mut desk);
    assert_eq!(engagement::visits(store, a).unwrap().len(), 3);
    assert_eq!(casework::case(store, &admin, a, moment()).unwrap().goals.len(), 2);
    assert_eq!(
        participants::get(store, &admin, a, moment()).unwrap().details.phone.as_deref(),
        Some("(312) 555-0102"),
        "the supervisor's change is the last"
    );
}

// ---- Dashboard ----

fn group(dash: &Dashboard, kind: AttentionKind) -> &AttentionGroup {
    dash.attention.iter().find(|g| g.kind == kind).unwrap_or_else(|| panic!("no {kind:?} group"))
}

fn ids(dash: &Dashboard, kind: AttentionKind) -> Vec<i64> {
    group(dash, kind).items.iter().filter_map(|i| i.participant_id).collect()
}

fn item(id: i64, name: &str, date: &str, detail: &str, page: &str, overdue: bool) -> AttentionItem {
    AttentionItem {
        participant_id: Some(id),
        name: name.into(),
        name_link: format!("#/participants/{id}"),
        date: Some(d(date)),
        detail: detail.into(),
        link: format!("#/participants/{id}/{page}"),
        overdue,
    }
}

#[test]
fn the_dashboard_lists_each_kind_by_person_date_and_link() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    add_staff(&mut desk, "lpark", "Lee Park", "housing_locator");
    let admin = session_of(&mut desk);
    let released = |name: &str, release: &str| ParticipantInput {
        referral_source: "county_jail".into(),
        referral_date: "2026-11-10".into(),
        expected_release_date: release.into(),
        ..participant(name)
    };
    let rosa = add_participant(&mut desk, &released("Rosa Release", "2026-12-07")); // in 14 days
    add_participant(&mut desk, &released("Felix Fifteen", "2026-12-08")); // in 15 days
    let lou = add_participant(&mut desk, &released("Lou Left", "2026-11-16")); // a week ago
    add_participant(&mut desk, &released("Lena Long-gone", "2026-11-15")); // eight days ago
    let sam = add_participant(&mut desk, &no_release("Sam Screening"));
    let vera = add_participant(&mut desk, &no_release("Vera Visits"));
    let carl = add_participant(&mut desk, &no_release("Carl Community"));
    let hana = add_participant(&mut desk, &no_release("Hana Home"));
    let rex = add_participant(&mut desk, &no_release("Rex Recert"));
    let tess = add_participant(&mut desk, &no_release("Tess Temporary"));
    let tom = add_participant(&mut desk, &no_release("Tom Temporary"));
    let wade = add_participant(&mut desk, &no_release("Wade Waitlist"));
    let xena = add_participant(&mut desk, &no_release("Xena Exited"));
    let olga = add_participant(&mut desk, &no_release("Olga October"));
    let store = store_of(&mut desk);

    screening::save_step(store, &admin, sam, Step::Age, &eligible_form(), moment()).unwrap();
    for p in [vera, carl, hana, rex, xena, olga] {
        make_enrolled(store, &admin, p, None);
    }
    // Vera: one visit that counts (the phone call does not), none at home.
    engagement::log_visit(store, &admin, vera, &visit("11/10/2026", "community"), moment()).unwrap();
    engagement::log_visit(store, &admin, vera, &visit("11/12/2026", "phone"), moment()).unwrap();
    // Carl: three visits, none at home. Hana and Rex: two visits, one at home.
    for day in ["11/02/2026", "11/09/2026", "11/16/2026"] {
        engagement::log_visit(store, &admin, carl, &visit(day, "community"), moment()).unwrap();
    }
    for p in [hana, rex] {
        engagement::log_visit(store, &admin, p, &visit("11/03/2026", "home"), moment()).unwrap();
        engagement::log_visit(store, &admin, p, &visit("11/17/2026", "community"), moment()).unwrap();
    }
    // October's visits do not count for November.
    engagement::log_visit(store, &admin, vera, &visit("10/28/2026", "home"), moment()).unwrap();
    // Rex's last full calculation was 2026-01-15: due 2027-01-15, within 60 days.
    // Hana's was 2026-03-01: due 2027-03-01, not yet.
    income_calc::save(store, &admin, rex, &calculation_as_of("2026-01-15"), moment()).unwrap();
    income_calc::save(store, &admin, hana, &calculation_as_of("2026-03-01"), moment()).unwrap();
    // Tess has been in temporary housing since September 1 (day 90 is November 29); Tom since October 1.
    casework::change(
        store,
        &admin,
        tess,
        &new_stay("temporary_housing", "Pacific Garden Mission", "2026-09-01", ""),
        moment(),
    )
    .unwrap();
    casework::change(
        store,
        &admin,
        tom,
        &new_stay("temporary_housing", "The Night Ministry", "2026-10-01", ""),
        moment(),
    )
    .unwrap();
    // Wade agreed to register for lists opening on December 1 (in 8 days) and December 8 (in 15).
    casework::change(store, &admin, wade, &registration("hcv", "agreed", "", "CHA", "12/01/2026"), moment()).unwrap();
    casework::change(store, &admin, wade, &registration("srn", "agreed", "", "", "12/08/2026"), moment()).unwrap();
    casework::change(store, &admin, xena, &CaseChange::Exit(exit("11/10/2026")), moment()).unwrap();
    casework::change(store, &admin, olga, &CaseChange::Exit(exit("10/30/2026")), moment()).unwrap();

    let dash = dashboard::dashboard(store, &admin, Scope::Office, moment()).unwrap();
    assert_eq!(dash.scope, Scope::Office);
    let kinds: Vec<_> = dash.attention.iter().map(|g| g.kind).collect();
    use AttentionKind::{Recertification, Release, Screening, TemporaryStay, Visits};
    assert_eq!(
        kinds,
        [
            Release,
            Screening,
            Visits,
            Recertification,
            TemporaryStay,
            AttentionKind::Waitlist,
            AttentionKind::Inspection,
            AttentionKind::LeaseEnding,
            AttentionKind::PaymentRun,
            AttentionKind::Consent
        ]
    );
    for g in &dash.attention {
        assert_eq!(g.total, g.items.len() as u64, "{:?}", g.kind);
    }

    assert_eq!(
        group(&dash, Release).items,
        [
            item(lou, "Lou Left", "2026-11-16", "Left county jail: find them and finish screening", "screening", true),
            item(
                rosa,
                "Rosa Release",
                "2026-12-07",
                "Leaves county jail: screen before they leave",
                "screening",
                false
            ),
        ],
        "14 days ahead is listed, 15 is not; a week past is listed, eight days is not"
    );
    assert_eq!(
        group(&dash, Screening).items,
        [item(sam, "Sam Screening", "2026-11-23", "Screening not finished: 1 of 8 steps saved", "screening", false)]
    );
    let visits = &group(&dash, Visits).items;
    assert_eq!(ids(&dash, Visits), [vera, carl], "Hana and Rex had two visits, one at home");
    assert_eq!(visits[0].name, "Vera Visits");
    assert_eq!(visits[0].date, Some(d("2026-11-30")), "due by the end of the month");
    assert_eq!(visits[0].link, format!("#/participants/{vera}/engagement"));
    assert_eq!(visits[0].detail, "1 visit so far: one more needed, at home");
    assert_eq!(visits[1].detail, "A home visit is still needed this month");
    assert_eq!(
        group(&dash, Recertification).items,
        [item(rex, "Rex Recert", "2027-01-15", "Annual income recertification due", "income", false)]
    );
    assert_eq!(
        group(&dash, TemporaryStay).items,
        [item(
            tess,
            "Tess Temporary",
            "2026-11-29",
            "Temporary housing at Pacific Garden Mission reaches 90 days: find a long-term unit",
            "case",
            false
        )]
    );
    assert_eq!(
        group(&dash, AttentionKind::Waitlist).items,
        [item(
            wade,
            "Wade Waitlist",
            "2026-12-01",
            "Register for the Housing Choice Voucher list: it opens",
            "case",
            false
        )]
    );

    let counts: Vec<_> = dash.counts.iter().map(|c| (c.status, c.count)).collect();
    assert_eq!(
        counts,
        [
            (ParticipantStatus::Referred, 7),
            (ParticipantStatus::Screening, 1),
            (ParticipantStatus::Eligible, 0),
            (ParticipantStatus::Enrolled, 4),
            (ParticipantStatus::Housed, 0),
        ]
    );
    assert_eq!(dash.counts[0].label, "Referred");
    assert_eq!(dash.exited_this_month, 1, "Xena left in November, Olga in October");
    assert_eq!(dash.total_participants, 14);

    // A housing locator works on units: inspections, temporary stays, leases ending.
    let locator = sign_in_as(&mut desk, "lpark");
    let store = store_of(&mut desk);
    let dash = dashboard::dashboard(store, &locator, Scope::Office, moment()).unwrap();
    assert_eq!(
        dash.attention.iter().map(|g| g.kind).collect::<Vec<_>>(),
        [AttentionKind::Inspection, TemporaryStay, AttentionKind::LeaseEnding]
    );
    assert_eq!(ids(&dash, TemporaryStay), [tess]);
}

#[test]
fn mine_lists_only_the_signed_in_case_managers_participants() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let dana = add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    let jin = add_staff(&mut desk, "jkim", "Jin Kim", "case_manager");
    let admin = session_of(&mut desk);
    let ana = add_participant(&mut desk, &no_release("Ana Assigned"));
    let ben = add_participant(&mut desk, &no_release("Ben Other"));
    let cy = add_participant(&mut desk, &participant("Cy Unassigned")); // released 2026-12-01
    {
        let store = store_of(&mut desk);
        make_enrolled(store, &admin, ana, Some(dana));
        make_enrolled(store, &admin, ben, Some(jin));
        casework::change(store, &admin, ana, &new_stay("temporary_housing", "Motel 6", "2026-09-01", ""), moment())
            .unwrap();
        casework::change(store, &admin, ben, &new_stay("temporary_housing", "Motel 8", "2026-09-02", ""), moment())
            .unwrap();
        income_calc::save(store, &admin, ben, &calculation_as_of("2026-01-15"), moment()).unwrap();
        casework::change(store, &admin, ana, &registration("hcv", "agreed", "", "", "12/01/2026"), moment()).unwrap();
        screening::save_step(store, &admin, cy, Step::Age, &eligible_form(), moment()).unwrap();
    }
    use AttentionKind::{Recertification, Release, Screening, TemporaryStay, Visits};

    let s = sign_in_as(&mut desk, "dreyes");
    let store = store_of(&mut desk);
    let mine = dashboard::dashboard(store, &s, Scope::Mine, moment()).unwrap();
    assert_eq!(mine.scope, Scope::Mine);
    assert_eq!(ids(&mine, Visits), [ana]);
    assert_eq!(ids(&mine, TemporaryStay), [ana]);
    assert_eq!(ids(&mine, AttentionKind::Waitlist), [ana]);
    assert_eq!(ids(&mine, Recertification), [] as [i64; 0], "Ben is Jin's");
    assert_eq!(ids(&mine, Release), [] as [i64; 0]);
    assert_eq!(ids(&mine, Screening), [] as [i64; 0], "the administrator started Cy's screening");
    assert!(mine.attention.iter().all(|g| g.total == g.items.len() as u64));

    let office = dashboard::dashboard(store, &s, Scope::Office, moment()).unwrap();
    assert_eq!(ids(&office, Visits), [ana, ben]);
    assert_eq!(ids(&office, TemporaryStay), [ana, ben]);
    assert_eq!(ids(&office, Recertification), [ben]);
    assert_eq!(ids(&office, Release), [cy]);
    assert_eq!(ids(&office, Screening), [cy]);
    assert_eq!(
        (mine.counts.clone(), mine.exited_this_month, mine.total_participants),
        (office.counts.clone(), office.exited_this_month, office.total_participants),
        "the counts are the whole office's in either scope"
    );

    let s = sign_in_as(&mut desk, "jkim");
    let store = store_of(&mut desk);
    let mine = dashboard::dashboard(store, &s, Scope::Mine, moment()).unwrap();
    assert_eq!(ids(&mine, Visits), [ben]);
    assert_eq!(ids(&mine, Recertification), [ben]);
    assert_eq!(ids(&mine, TemporaryStay), [ben]);
    assert_eq!(ids(&mine, AttentionKind::Waitlist), [] as [i64; 0]);

    // The administrator's own: the screening they started.
    let s = sign_in_as(&mut desk, "mokafor");
    let store = store_of(&mut desk);
    let mine = dashboard::dashboard(store, &s, Scope::Mine, moment()).unwrap();
    assert_eq!(ids(&mine, Screening), [cy]);
    assert_eq!(ids(&mine, Visits), [] as [i64; 0]);
}
