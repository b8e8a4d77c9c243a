//! The desk's journeys without a window: setup, sign-in, participants,
//! staff, and the audit trail every change leaves.

use housing_desk::accounts::{self, Role, StaffInput};
use housing_desk::desk::{Desk, Stage};
use housing_desk::error::{ApiError, ErrorCode};
use housing_desk::participants::{self, ParticipantQuery, ParticipantSort, ParticipantStatus};
use housing_desk::paths::DataLocation;
use housing_desk::store::keyring::NoKeyring;
use housing_desk::store::{self as db};

use crate::support::*;

fn signed_in_desk(dir: &std::path::Path) -> Desk {
    let mut desk = Desk::start(DataLocation::new(dir), Box::new(NoKeyring));
    assert_eq!(desk.status().unwrap().stage, Stage::Setup, "an empty folder starts at setup");
    let status = desk.complete_setup(&setup_request(), moment()).unwrap();
    assert_eq!(status.stage, Stage::SignIn, "setup ends at the sign-in screen");
    assert_eq!(status.office.unwrap().grantee_name, "Thresholds Housing");
    desk.sign_in("MOKAFOR", PASSWORD, moment()).expect("usernames are not case-sensitive");
    desk
}

#[test]
fn setup_reports_every_bad_field_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(DataLocation::new(dir.path()), Box::new(NoKeyring));
    let mut request = setup_request();
    request.grantee_name = "".into();
    request.password_confirm = "something else entirely".into();
    request.recovery_passphrase = PASSWORD.into();
    request.recovery_passphrase_confirm = PASSWORD.into();
    let err = ApiError::from(desk.complete_setup(&request, moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::Validation);
    let fields: Vec<_> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["grantee_name", "password_confirm", "recovery_passphrase"]);
    assert!(!DataLocation::new(dir.path()).database().exists(), "nothing is created until the form is right");
    assert!(!DataLocation::new(dir.path()).key_file().exists());
}

#[test]
fn setup_happens_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    let err = ApiError::from(desk.complete_setup(&setup_request(), moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::AlreadySetUp);
}

#[test]
fn sign_in_failures_are_audited_and_vague() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    desk.sign_out(moment()).unwrap();
    for (user, password) in [("mokafor", "wrong password here"), ("nobody", PASSWORD)] {
        let err = ApiError::from(desk.sign_in(user, password, moment()).unwrap_err());
        assert_eq!(err.fields[0].message, "The username or password is not right. Try again.", "never says which");
    }
    assert_eq!(desk.status().unwrap().stage, Stage::SignIn);
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let (store, _) = desk.signed_in().unwrap();
    let actions: Vec<_> =
        db::audit::recent(store.conn(), 10).unwrap().into_iter().map(|e| (e.action, e.actor)).collect();
    assert_eq!(
        actions[..5],
        [
            ("sign_in".to_string(), "mokafor".to_string()),
            ("sign_in_failed".into(), "nobody".into()),
            ("sign_in_failed".into(), "mokafor".into()),
            ("sign_out".into(), "mokafor".into()),
            ("sign_in".into(), "mokafor".into()),
        ]
    );
}

#[test]
fn participants_are_created_changed_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let created = participants::create(store, &session, &participant("Thi Nguyễn"), moment()).unwrap();
    let mut input = participant("Thi Nguyễn");
    input.status = "screening".into();
    input.phone = "3125550142".into();
    let updated = participants::update(store, &session, created.id, &input, moment()).unwrap();
    assert_eq!(updated.details.status, ParticipantStatus::Screening);
    assert_eq!(updated.details.phone.as_deref(), Some("(312) 555-0142"));

    let entries = db::audit::recent(store.conn(), 2).unwrap();
    assert_eq!(entries[0].action, "update");
    assert_eq!(entries[0].entity, "participant");
    assert_eq!(entries[0].entity_id, Some(created.id));
    let changes: serde_json::Value = serde_json::from_str(entries[0].changes.as_deref().unwrap()).unwrap();
    assert_eq!(
        changes,
        serde_json::json!([
            { "field": "phone", "old": null, "new": "(312) 555-0142" },
            { "field": "status", "old": "referred", "new": "screening" },
        ]),
        "the update records each changed field with old and new values"
    );
    assert_eq!(entries[1].action, "create");

    // Saving without changes writes nothing, not even an audit entry.
    let before = db::audit::count(store.conn()).unwrap();
    participants::update(store, &session, created.id, &input, moment()).unwrap();
    assert_eq!(db::audit::count(store.conn()).unwrap(), before);
}

#[test]
fn a_rejected_participant_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let mut input = participant("Ada Lovelace");
    input.birth_date = "1984-02-30".into();
    let err = ApiError::from(participants::create(store, &session, &input, moment()).unwrap_err());
    assert_eq!(err.fields.len(), 1);
    assert_eq!(err.fields[0].field, "birth_date");
    assert_eq!(db::participants::count(store.conn()).unwrap(), 0);
}

#[test]
fn search_sort_and_page_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    for name in ["Łukasz Wójcik", "Thi Nguyễn", "Anna Nguyen", "Bob 100%_Real"] {
        participants::create(store, &session, &participant(name), moment()).unwrap();
    }
    let names = |q: ParticipantQuery| -> Vec<String> {
        participants::list(store, &q).unwrap().rows.into_iter().map(|r| r.legal_name).collect()
    };
    let search = |s: &str| ParticipantQuery { search: s.into(), ..Default::default() };
    assert_eq!(names(search("nguyen")), ["Anna Nguyen", "Thi Nguyễn"], "accents do not matter");
    assert_eq!(names(search("LUKASZ")), ["Łukasz Wójcik"]);
    assert_eq!(names(search("%")), ["Bob 100%_Real"], "% is matched literally, not as a wildcard");
    assert_eq!(names(search("%_r")), ["Bob 100%_Real"]);
    assert!(names(search("1_0")).is_empty(), "_ is matched literally, not as any character");
    let page2 = ParticipantQuery { page: 2, page_size: 3, sort: ParticipantSort::Name, ..Default::default() };
    let result = participants::list(store, &page2).unwrap();
    assert_eq!(result.total, 4);
    assert_eq!(result.rows.len(), 1, "the second page of three holds the fourth");
    let desc = ParticipantQuery { descending: true, ..Default::default() };
    assert_eq!(names(desc)[0], "Thi Nguyễn");
}

#[test]
fn only_administrators_add_staff() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let admin = session.clone();
    let input = StaffInput {
        full_name: "Dana Reyes".into(),
        username: "dreyes".into(),
        role: "case_manager".into(),
        password: "another long password".into(),
        password_confirm: "another long password".into(),
    };
    let member = accounts::add_staff(store, &admin, &input, moment()).unwrap();
    assert_eq!(member.role, Role::CaseManager);
    let err = ApiError::from(accounts::add_staff(store, &admin, &input, moment()).unwrap_err());
    assert_eq!(err.fields[0].field, "username", "a taken username is reported on its field");

    desk.sign_out(moment()).unwrap();
    desk.sign_in("dreyes", "another long password", moment()).unwrap();
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let mut other = input.clone();
    other.username = "someone".into();
    let err = ApiError::from(accounts::add_staff(store, &session, &other, moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = ApiError::from(accounts::list_staff(store, &session).unwrap_err());
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[test]
fn nothing_works_before_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = signed_in_desk(dir.path());
    desk.sign_out(moment()).unwrap();
    let err = ApiError::from(desk.signed_in().unwrap_err());
    assert_eq!(err.code, ErrorCode::NotSignedIn);
}
