//! Shared fixtures.

use chrono::{NaiveDate, TimeZone, Utc};
use housing_desk::accounts::{self, Session, StaffInput};
use housing_desk::desk::{Desk, Moment, SetupRequest};
use housing_desk::error::{ApiError, DeskError, ErrorCode};
use housing_desk::participants::ParticipantInput;
use housing_desk::paths::DataLocation;
use housing_desk::store::keyring::NoKeyring;
use housing_desk::store::{self as db, Store};

pub fn moment() -> Moment {
    Moment {
        at: Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

pub const PASSWORD: &str = "kitchen window sunrise";
pub const PASSPHRASE: &str = "blue heron over the river";

pub fn setup_request() -> SetupRequest {
    SetupRequest {
        grantee_name: "Thresholds Housing".into(),
        program: "housing_is_recovery".into(),
        county: "Cook".into(),
        full_name: "Maria Okafor".into(),
        username: "mokafor".into(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
        recovery_passphrase: PASSPHRASE.into(),
        recovery_passphrase_confirm: PASSPHRASE.into(),
    }
}

pub fn participant(name: &str) -> ParticipantInput {
    ParticipantInput {
        legal_name: name.into(),
        birth_date: "1984-03-15".into(),
        referral_source: "hospital".into(),
        referral_date: "2026-11-20".into(),
        expected_release_date: "2026-12-01".into(),
        status: "referred".into(),
        ..Default::default()
    }
}

/// A desk set up in `dir` (no keyring) with the administrator signed in.
pub fn admin_desk(dir: &std::path::Path) -> Desk {
    let mut desk = Desk::start(DataLocation::new(dir), Box::new(NoKeyring));
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    desk
}

// ---- Shared by the domain tests ----

/// A field's change as the audit trail records it: (field, old, new).
pub type Changes = Vec<(String, Option<String>, Option<String>)>;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn today() -> NaiveDate {
    moment().today
}

pub fn session_of(desk: &mut Desk) -> Session {
    desk.signed_in().unwrap().1.clone()
}

/// Adds a staff account as the signed-in administrator; answers its id.
pub fn add_staff(desk: &mut Desk, username: &str, full_name: &str, role: &str) -> i64 {
    let (store, admin) = desk.signed_in().unwrap();
    let admin = admin.clone();
    let input = StaffInput {
        full_name: full_name.into(),
        username: username.into(),
        role: role.into(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    accounts::add_staff(store, &admin, &input, moment()).unwrap().id
}

/// Signs whoever is signed in out, and `username` in.
pub fn sign_in_as(desk: &mut Desk, username: &str) -> Session {
    desk.sign_out(moment()).unwrap();
    desk.sign_in(username, PASSWORD, moment()).unwrap();
    session_of(desk)
}

/// The fields a refused request names (it must be a validation error).
pub fn fields<T: std::fmt::Debug>(result: Result<T, DeskError>) -> Vec<String> {
    let err = ApiError::from(result.expect_err("the request should be refused"));
    assert_eq!(err.code, ErrorCode::Validation, "{err:?}");
    err.fields.into_iter().map(|f| f.field).collect()
}

pub fn assert_forbidden<T: std::fmt::Debug>(result: Result<T, DeskError>, what: &str) {
    let err = result.expect_err(what);
    assert!(matches!(err, DeskError::Forbidden(_)), "{what}: {err:?}");
    assert_eq!(ApiError::from(err).code, ErrorCode::Forbidden, "{what}");
}

/// The newest audit entry, and its changes as (field, old, new).
pub fn last_audit(store: &Store) -> (db::audit::StoredAuditEntry, Changes) {
    let entry = db::audit::recent(store.conn(), 1).unwrap().remove(0);
    let changes = entry
        .changes
        .as_deref()
        .map(|c| serde_json::from_str::<Vec<serde_json::Value>>(c).unwrap())
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().map(String::from);
            (text("field").unwrap(), text("old"), text("new"))
        })
        .collect();
    (entry, changes)
}

pub fn change(field: &str, old: Option<&str>, new: Option<&str>) -> (String, Option<String>, Option<String>) {
    (field.into(), old.map(String::from), new.map(String::from))
}
