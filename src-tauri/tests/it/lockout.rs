//! Five failed sign-ins lock an account for 15 minutes; an administrator
//! unlocks it or resets its password; the window locks (on demand or after
//! a while without use) and refuses every command until the signed-in
//! staff member's password is given.

use housing_desk::accounts::{self, PasswordReset};
use housing_desk::desk::{Moment, Stage};
use housing_desk::error::{ApiError, DeskError, ErrorCode};

use crate::support::*;

fn minutes_later(m: i64) -> Moment {
    let mut at = moment();
    at.at += chrono::Duration::minutes(m);
    at
}

fn audit_actions(desk: &mut housing_desk::desk::Desk) -> Vec<String> {
    let store = desk.store().unwrap();
    let mut stmt = store.conn().prepare("SELECT action FROM audit_log ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn five_failed_sign_ins_lock_the_account_for_fifteen_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    desk.sign_out(moment()).unwrap();

    for _ in 0..4 {
        let message = message_for(desk.sign_in("dreyes", "wrong password here", moment()), "password");
        assert_eq!(message, "The username or password is not right. Try again.");
    }
    let message = message_for(desk.sign_in("dreyes", "wrong password here", moment()), "password");
    assert!(message.contains("locked after 5 sign-ins"), "{message}");
    // Even the right password is refused while locked.
    assert!(message_for(desk.sign_in("dreyes", PASSWORD, minutes_later(14)), "password").contains("locked"));
    assert!(audit_actions(&mut desk).contains(&"account_locked".to_string()));
    // Another account is not affected; the lock ends after 15 minutes.
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    desk.sign_out(moment()).unwrap();
    desk.sign_in("dreyes", PASSWORD, minutes_later(15)).unwrap();
    desk.sign_out(minutes_later(15)).unwrap();

    // A success clears the count: four more failures do not lock.
    for _ in 0..4 {
        desk.sign_in("dreyes", "wrong password here", minutes_later(16)).unwrap_err();
    }
    desk.sign_in("dreyes", PASSWORD, minutes_later(16)).unwrap();
}

#[test]
fn an_administrator_unlocks_an_account_and_resets_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let dana = add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    desk.sign_out(moment()).unwrap();
    for _ in 0..5 {
        desk.sign_in("dreyes", "wrong password here", moment()).unwrap_err();
    }
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let admin = session_of(&mut desk);
    let listed = accounts::list_staff(desk.signed_in().unwrap().0, &admin).unwrap();
    assert!(listed.iter().find(|m| m.id == dana).unwrap().locked_until.is_some());

    let unlocked = accounts::unlock_account(desk.signed_in().unwrap().0, &admin, dana, moment()).unwrap();
    assert_eq!(unlocked.locked_until, None);
    let reset = |password: &str, confirm: &str| PasswordReset {
        staff_id: dana,
        password: password.into(),
        password_confirm: confirm.into(),
    };
    assert_eq!(
        fields(accounts::reset_password(desk.signed_in().unwrap().0, &admin, &reset("short", "short"), moment())),
        ["password"]
    );
    assert_eq!(
        fields(accounts::reset_password(
            desk.signed_in().unwrap().0,
            &admin,
            &reset("a new long password", "a new long passwort"),
            moment()
        )),
        ["password_confirm"]
    );
    accounts::reset_password(
        desk.signed_in().unwrap().0,
        &admin,
        &reset("a new long password", "a new long password"),
        moment(),
    )
    .unwrap();
    let (entry, changes) = last_audit(desk.store().unwrap());
    assert_eq!(entry.entity_id, Some(dana));
    assert_eq!(changes, [change("password", None, Some("reset by an administrator"))], "never the password itself");

    let supervisor_id = add_staff(&mut desk, "sgrant", "Sam Grant", "supervisor");
    let supervisor = sign_in_as(&mut desk, "sgrant");
    assert_forbidden(accounts::unlock_account(desk.signed_in().unwrap().0, &supervisor, dana, moment()), "unlock");
    assert_forbidden(
        accounts::reset_password(
            desk.signed_in().unwrap().0,
            &supervisor,
            &reset("another long one", "another long one"),
            moment(),
        ),
        "reset",
    );
    assert_forbidden(accounts::set_lock_after(desk.signed_in().unwrap().0, &supervisor, "5", moment()), "lock after");
    let _ = supervisor_id;
    desk.sign_out(moment()).unwrap();
    desk.sign_in("dreyes", PASSWORD, moment()).unwrap_err();
    desk.sign_in("dreyes", "a new long password", moment()).unwrap();
}

#[test]
fn a_locked_window_refuses_every_command_until_the_password_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    assert_eq!(desk.status().unwrap().lock_after_minutes, 15);
    assert_eq!(
        fields(accounts::set_lock_after(desk.signed_in().unwrap().0, &admin, "16", moment())),
        ["lock_after_minutes"]
    );
    assert_eq!(
        fields(accounts::set_lock_after(desk.signed_in().unwrap().0, &admin, "0", moment())),
        ["lock_after_minutes"]
    );
    accounts::set_lock_after(desk.signed_in().unwrap().0, &admin, "5", moment()).unwrap();
    assert_eq!(desk.status().unwrap().lock_after_minutes, 5);

    let status = desk.lock_window(moment()).unwrap();
    assert_eq!(status.stage, Stage::Locked);
    assert_eq!(status.session.as_ref().unwrap().username, "mokafor", "the session stays");
    let refused = desk.signed_in().map(|_| ()).unwrap_err();
    assert!(matches!(refused, DeskError::WindowLocked));
    assert_eq!(ApiError::from(refused).code, ErrorCode::WindowLocked);
    assert!(matches!(desk.restore(dir.path(), PASSPHRASE, moment()), Err(DeskError::WindowLocked)));

    assert_eq!(fields(desk.unlock_window("", moment())), ["password"]);
    assert_eq!(
        message_for(desk.unlock_window("not my password", moment()), "password"),
        "That is not your password. Try again."
    );
    let status = desk.unlock_window(PASSWORD, moment()).unwrap();
    assert_eq!(status.stage, Stage::Ready);
    desk.signed_in().unwrap();
    let actions = audit_actions(&mut desk);
    assert!(actions.ends_with(&["lock_window".into(), "sign_in_failed".into(), "unlock_window".into()]), "{actions:?}");
}

#[test]
fn five_wrong_passwords_at_the_locked_window_sign_out_and_lock_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    sign_in_as(&mut desk, "dreyes");
    desk.lock_window(moment()).unwrap();
    for _ in 0..4 {
        desk.unlock_window("not my password", moment()).unwrap_err();
        assert_eq!(desk.status().unwrap().stage, Stage::Locked);
    }
    let message = message_for(desk.unlock_window("not my password", moment()), "password");
    assert!(message.contains("You have been signed out."), "{message}");
    assert_eq!(desk.status().unwrap().stage, Stage::SignIn);
    assert!(message_for(desk.sign_in("dreyes", PASSWORD, moment()), "password").contains("locked"));
}
