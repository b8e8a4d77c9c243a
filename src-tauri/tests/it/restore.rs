//! Restore, key rotation and the recovery passphrase: a backup proves
//! itself before it replaces anything, the replaced database is kept whole,
//! a backup from another computer opens with its passphrase, a lost or
//! damaged database is reported (never silently replaced), and the key and
//! passphrase change without losing a record or a way back in.

use std::path::{Path, PathBuf};

use housing_desk::backup;
use housing_desk::desk::{Desk, Stage};
use housing_desk::keys::PassphraseChange;
use housing_desk::paths::DataLocation;
use housing_desk::store::key::KeyFile;
use housing_desk::store::keyring::NoKeyring;
use housing_desk::store::{self as db, Store};

use crate::support::*;

/// An office with `names` as participants, backed up into `<dir>/backups`.
fn office_with_backup(dir: &Path, names: &[&str]) -> (Desk, PathBuf) {
    let mut desk = admin_desk(&dir.join("data"));
    let admin = session_of(&mut desk);
    for name in names {
        add_participant(desk.signed_in().unwrap().0, &admin, name);
    }
    let location = desk.location().clone();
    let made =
        backup::backup_from_window(desk.signed_in().unwrap().0, &admin, &location, &dir.join("backups"), moment())
            .unwrap();
    (desk, PathBuf::from(made.folder))
}

fn participants(desk: &mut Desk) -> Vec<String> {
    let store = desk.store().unwrap();
    let mut stmt = store.conn().prepare("SELECT legal_name FROM participant ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn later() -> housing_desk::desk::Moment {
    let mut m = moment();
    m.at += chrono::Duration::hours(2);
    m
}

fn audit_actions(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT action FROM audit_log ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn restoring_brings_back_the_backup_and_keeps_the_replaced_database_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, folder) = office_with_backup(dir.path(), &["Ana Silva", "Łukasz Wójcik"]);
    let admin = session_of(&mut desk);
    add_participant(desk.signed_in().unwrap().0, &admin, "Marcus Webb");

    // Without a keyring, the passphrase is needed even for this office's own backup.
    assert_eq!(fields(desk.restore(&folder, "", later())), ["passphrase"]);
    assert_eq!(fields(desk.restore(&folder, "not the passphrase at all", later())), ["passphrase"]);
    assert_eq!(participants(&mut desk).len(), 3, "a refused restore changes nothing");

    let (status, done) = desk.restore(&folder, PASSPHRASE, later()).unwrap();
    assert_eq!(status.stage, Stage::SignIn, "everyone signs in again to the restored records");
    assert_eq!(participants(&mut desk), ["Ana Silva", "Łukasz Wójcik"]);
    assert!(done.counts.iter().any(|c| c.table == "participant" && c.rows == 2), "{:?}", done.counts);
    let restored = desk.store().unwrap();
    assert_eq!(audit_actions(restored).last().map(String::as_str), Some("restore"));
    let (_, changes) = last_audit(restored);
    assert!(changes
        .iter()
        .any(|(f, _, new)| f == "restored_from" && new.as_deref() == Some(&*folder.to_string_lossy())));

    // The database it replaced is kept whole, with Marcus Webb in it.
    let aside = PathBuf::from(done.set_aside.expect("the replaced database is kept"));
    assert!(aside.starts_with(dir.path().join("data").join("replaced")), "{aside:?}");
    let key = KeyFile::read(&aside.join("housing-desk.key")).unwrap().unwrap_key(PASSPHRASE).unwrap();
    let old = Store::open(&aside.join("housing-desk.db"), &key).unwrap();
    assert_eq!(db::participants::count(old.conn()).unwrap(), 3);
    assert_eq!(audit_actions(&old).last().map(String::as_str), Some("restore"), "the old one says it was replaced");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("restoring") || n.contains("pending"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    desk.sign_in("mokafor", PASSWORD, later()).unwrap();
    // And it opens again at the next start with the passphrase.
    drop(desk);
    let mut again = Desk::start(DataLocation::new(dir.path().join("data")), Box::new(NoKeyring));
    again.unlock(PASSPHRASE, later()).unwrap();
    assert_eq!(participants(&mut again).len(), 2);
}

#[test]
fn a_backup_that_fails_a_check_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, folder) = office_with_backup(dir.path(), &["Ana Silva"]);
    let copy_of = |name: &str| {
        let to = dir.path().join(name);
        std::fs::create_dir(&to).unwrap();
        for f in ["housing-desk.db", "housing-desk.key", "manifest.json"] {
            std::fs::copy(folder.join(f), to.join(f)).unwrap();
        }
        to
    };

    // Changed after it was written: the checksum says so.
    let changed = copy_of("changed");
    let mut bytes = std::fs::read(changed.join("housing-desk.db")).unwrap();
    bytes[4096 + 700] ^= 0x5a;
    std::fs::write(changed.join("housing-desk.db"), &bytes).unwrap();
    assert!(message_for(desk.restore(&changed, PASSPHRASE, later()), "folder").contains("does not match its manifest"));

    // Without a manifest, SQLCipher's page check finds the damage.
    std::fs::remove_file(changed.join("manifest.json")).unwrap();
    assert!(message_for(desk.restore(&changed, PASSPHRASE, later()), "folder").contains("damaged"));

    // On a new computer, a key file from another backup does not open it.
    let mismatched = copy_of("mismatched");
    let other = tempfile::tempdir().unwrap();
    let (_, other_folder) = office_with_backup(other.path(), &[]);
    std::fs::copy(other_folder.join("housing-desk.key"), mismatched.join("housing-desk.key")).unwrap();
    let mut new_computer = Desk::start(DataLocation::new(other.path().join("new")), Box::new(NoKeyring));
    assert_eq!(fields(new_computer.restore(&mismatched, PASSPHRASE, later())), ["folder"]);
    assert_eq!(new_computer.status().unwrap().stage, Stage::Setup);
    // Here, this database's own key file opens its own backup.
    assert_eq!(desk.inspect_backup(&mismatched).unwrap().manifest.unwrap().created_by, "mokafor");

    // Not a backup at all.
    assert_eq!(fields(desk.restore(dir.path(), PASSPHRASE, later())), ["folder"]);
    assert_eq!(fields(desk.restore(&dir.path().join("nowhere"), PASSPHRASE, later())), ["folder"]);

    assert_eq!(participants(&mut desk), ["Ana Silva"], "the live records are untouched");
    assert!(!dir.path().join("data").join("replaced").exists(), "nothing was set aside");
    assert!(!dir.path().join("data").join("housing-desk.db.restoring").exists());
    desk.signed_in().unwrap();
}

#[test]
fn a_backup_from_another_computer_opens_on_a_new_one_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (_, folder) = office_with_backup(dir.path(), &["Ana Silva"]);
    let mut fresh = Desk::start(DataLocation::new(dir.path().join("new-computer")), Box::new(NoKeyring));
    assert_eq!(fresh.status().unwrap().stage, Stage::Setup);

    let summary = fresh.inspect_backup(&folder).unwrap();
    assert!(summary.key_file_included && !summary.opens_with_this_computers_key);
    assert_eq!(summary.manifest.unwrap().created_by, "mokafor");

    assert_eq!(fields(fresh.restore(&folder, "", later())), ["passphrase"]);
    let (status, done) = fresh.restore(&folder, PASSPHRASE, later()).unwrap();
    assert_eq!(status.stage, Stage::SignIn);
    assert_eq!(done.set_aside, None, "there was nothing to replace");
    assert_eq!(status.office.unwrap().grantee_name, "Thresholds Housing");
    fresh.sign_in("mokafor", PASSWORD, later()).unwrap();
    assert_eq!(participants(&mut fresh), ["Ana Silva"]);
}

#[test]
fn a_lost_database_is_reported_never_replaced_by_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, folder) = office_with_backup(dir.path(), &["Ana Silva"]);
    drop(desk);
    std::fs::remove_file(dir.path().join("data").join("housing-desk.db")).unwrap();

    let mut desk = Desk::start(DataLocation::new(dir.path().join("data")), Box::new(NoKeyring));
    let status = desk.status().unwrap();
    assert_eq!(status.stage, Stage::Failed, "not first-run setup");
    assert!(status.message.unwrap().contains("missing"));
    assert!(matches!(desk.complete_setup(&setup_request(), moment()), Err(_)), "no new empty database");

    let (status, _) = desk.restore(&folder, PASSPHRASE, later()).unwrap();
    assert_eq!(status.stage, Stage::SignIn);
    assert_eq!(participants(&mut desk), ["Ana Silva"]);
}

#[test]
fn a_damaged_database_is_reported_and_kept_aside_when_a_backup_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, folder) = office_with_backup(dir.path(), &["Ana Silva"]);
    drop(desk);
    let live = dir.path().join("data").join("housing-desk.db");
    let mut bytes = std::fs::read(&live).unwrap();
    for b in &mut bytes[100..4000] {
        *b ^= 0xa5;
    }
    std::fs::write(&live, &bytes).unwrap();

    let mut desk = Desk::start(DataLocation::new(dir.path().join("data")), Box::new(NoKeyring));
    // Without a keyring the passphrase is asked first; it cannot open a damaged file.
    assert_eq!(desk.status().unwrap().stage, Stage::Passphrase);
    assert!(desk.unlock(PASSPHRASE, later()).is_err());
    let (status, done) = desk.restore(&folder, PASSPHRASE, later()).unwrap();
    assert_eq!(status.stage, Stage::SignIn);
    let aside = PathBuf::from(done.set_aside.unwrap());
    assert_eq!(std::fs::read(aside.join("housing-desk.db")).unwrap(), bytes, "the damaged file is kept as it was");
}

#[test]
fn only_an_administrator_restores_and_never_under_another_window() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, folder) = office_with_backup(dir.path(), &["Ana Silva"]);
    add_staff(&mut desk, "sgrant", "Sam Grant", "supervisor");
    sign_in_as(&mut desk, "sgrant");
    assert_forbidden(desk.restore(&folder, PASSPHRASE, later()), "supervisor");
    desk.sign_out(later()).unwrap();
    assert!(matches!(desk.restore(&folder, PASSPHRASE, later()), Err(housing_desk::error::DeskError::NotSignedIn)));

    desk.sign_in("mokafor", PASSWORD, later()).unwrap();
    let mut other_window = Desk::start(DataLocation::new(dir.path().join("data")), Box::new(NoKeyring));
    other_window.unlock(PASSPHRASE, later()).unwrap();
    assert_forbidden(desk.restore(&folder, PASSPHRASE, later()), "another window holds the data");
    assert!(!dir.path().join("data").join("housing-desk.db.restoring").exists());
    drop(other_window);
    desk.restore(&folder, PASSPHRASE, later()).unwrap();
}

#[test]
fn rotating_the_key_re_encrypts_every_page_and_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, folder) = office_with_backup(dir.path(), &["Ana Silva", "Łukasz Wójcik"]);
    let data = dir.path().join("data");
    let old_key = KeyFile::read(&data.join("housing-desk.key")).unwrap().unwrap_key(PASSPHRASE).unwrap();

    assert_eq!(fields(desk.rotate_key("", later())), ["passphrase"]);
    assert_eq!(fields(desk.rotate_key("not the passphrase at all", later())), ["passphrase"]);
    desk.rotate_key(PASSPHRASE, later()).unwrap();
    assert_eq!(audit_actions(desk.store().unwrap()).last().map(String::as_str), Some("rotate_key"));
    let admin = session_of(&mut desk);
    add_participant(desk.signed_in().unwrap().0, &admin, "Marcus Webb");
    drop(desk);

    assert!(!data.join("housing-desk.key.pending").exists());
    assert!(matches!(Store::open(&data.join("housing-desk.db"), &old_key), Err(db::StoreError::WrongKey)));
    let mut desk = Desk::start(DataLocation::new(&data), Box::new(NoKeyring));
    desk.unlock(PASSPHRASE, later()).unwrap();
    assert_eq!(participants(&mut desk), ["Ana Silva", "Łukasz Wójcik", "Marcus Webb"]);

    // A backup made before the rotation still restores with its own key file.
    desk.sign_in("mokafor", PASSWORD, later()).unwrap();
    desk.restore(&folder, PASSPHRASE, later()).unwrap();
    assert_eq!(participants(&mut desk).len(), 2);
}

#[test]
fn a_rotation_stopped_after_re_encrypting_is_finished_by_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = office_with_backup(dir.path(), &["Ana Silva"]);
    let location = desk.location().clone();
    // What rotate_key does before its rename, then the power goes.
    let store_id = KeyFile::read(&location.key_file()).unwrap().store_id;
    let new_key = housing_desk::store::key::DatabaseKey::generate();
    KeyFile::wrap(&new_key, PASSPHRASE, &store_id).unwrap().write(&location.pending_key_file()).unwrap();
    db::backup::rekey(desk.store().unwrap().conn(), &new_key).unwrap();
    drop(desk);

    let mut desk = Desk::start(location.clone(), Box::new(NoKeyring));
    assert_eq!(desk.status().unwrap().stage, Stage::Passphrase);
    desk.unlock(PASSPHRASE, later()).unwrap();
    assert_eq!(participants(&mut desk), ["Ana Silva"]);
    assert!(!location.pending_key_file().exists(), "the pending key file became the key file");
    KeyFile::read(&location.key_file()).unwrap().unwrap_key(PASSPHRASE).unwrap();

    // A pending file from a rotation that never re-encrypted is dropped.
    KeyFile::wrap(&housing_desk::store::key::DatabaseKey::generate(), PASSPHRASE, &store_id)
        .unwrap()
        .write(&location.pending_key_file())
        .unwrap();
    drop(desk);
    let mut desk = Desk::start(location.clone(), Box::new(NoKeyring));
    desk.unlock(PASSPHRASE, later()).unwrap();
    assert!(!location.pending_key_file().exists());
    assert_eq!(participants(&mut desk), ["Ana Silva"]);
}

#[test]
fn changing_the_recovery_passphrase_rewraps_the_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = office_with_backup(dir.path(), &["Ana Silva"]);
    let change = |current: &str, new: &str, confirm: &str| PassphraseChange {
        passphrase: current.into(),
        new_passphrase: new.into(),
        new_passphrase_confirm: confirm.into(),
    };
    const NEW: &str = "lanterns along the canal";
    assert_eq!(fields(desk.change_passphrase(&change("", NEW, NEW), later())), ["passphrase"]);
    assert_eq!(fields(desk.change_passphrase(&change("wrong wrong wrong", NEW, NEW), later())), ["passphrase"]);
    assert_eq!(fields(desk.change_passphrase(&change(PASSPHRASE, "short", "short"), later())), ["new_passphrase"]);
    assert_eq!(
        fields(desk.change_passphrase(&change(PASSPHRASE, NEW, "lanterns along the canal!"), later())),
        ["new_passphrase_confirm"]
    );
    assert_eq!(
        fields(desk.change_passphrase(&change(PASSPHRASE, PASSPHRASE, PASSPHRASE), later())),
        ["new_passphrase"]
    );
    let before = std::fs::read(desk.location().database()).unwrap().len();
    desk.change_passphrase(&change(PASSPHRASE, NEW, NEW), later()).unwrap();
    assert_eq!(audit_actions(desk.store().unwrap()).last().map(String::as_str), Some("change_passphrase"));

    add_staff(&mut desk, "sgrant", "Sam Grant", "supervisor");
    sign_in_as(&mut desk, "sgrant");
    assert_forbidden(desk.change_passphrase(&change(NEW, PASSPHRASE, PASSPHRASE), later()), "supervisor");
    assert_forbidden(desk.rotate_key(NEW, later()), "supervisor");

    let key_file = KeyFile::read(&desk.location().key_file()).unwrap();
    assert!(key_file.unwrap_key(PASSPHRASE).is_err(), "the old passphrase no longer opens it");
    key_file.unwrap_key(NEW).unwrap();
    let location = desk.location().clone();
    drop(desk);
    assert!(std::fs::read(location.database()).unwrap().len() >= before);
    let mut desk = Desk::start(location, Box::new(NoKeyring));
    assert_eq!(fields(desk.unlock(PASSPHRASE, later())), ["passphrase"]);
    desk.unlock(NEW, later()).unwrap();
    assert_eq!(participants(&mut desk), ["Ana Silva"]);
}
