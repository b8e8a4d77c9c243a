//! Shared fixtures.

use chrono::{NaiveDate, TimeZone, Utc};
use housing_desk::desk::{Desk, Moment, SetupRequest};
use housing_desk::participants::ParticipantInput;
use housing_desk::paths::DataLocation;
use housing_desk::store::keyring::NoKeyring;

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
