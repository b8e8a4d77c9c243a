//! Faults a desk meets: the disk fills, the data folder turns read-only,
//! the keyring loses the key, a page of the file is damaged, the wrong
//! recovery passphrase is typed. Each gives a message in plain words and
//! loses nothing that was saved.
//!
//! The full disk and the read-only folder are real small file systems
//! (tmpfs, mounted for the test), so these tests need root, as `make test`
//! on the project's machines has.

use std::path::{Path, PathBuf};
use std::process::Command;

use housing_desk::desk::{Desk, Stage};
use housing_desk::error::ApiError;
use housing_desk::paths::DataLocation;
use housing_desk::store::key::KeyFile;
use housing_desk::store::keyring::{KeyVault, NoKeyring, OsKeyring};
use housing_desk::store::{self as db};

use crate::support::*;

/// A tmpfs of `size` mounted on a new folder; unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "these fault tests mount a small tmpfs and need root (make test runs as root)");
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, option: &str) {
        let status =
            Command::new("mount").args(["-o", &format!("remount,{option}")]).arg(self.dir.path()).status().unwrap();
        assert!(status.success(), "remount {option}");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

fn names(desk: &mut Desk) -> Vec<String> {
    let store = desk.store().unwrap();
    let mut stmt = store.conn().prepare("SELECT legal_name FROM participant ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn integrity(desk: &mut Desk) -> String {
    desk.store().unwrap().conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn try_add(desk: &mut Desk, name: &str) -> Result<i64, housing_desk::error::DeskError> {
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    housing_desk::participants::create(store, &session, &participant(name), moment()).map(|p| p.id)
}

#[test]
fn a_full_disk_refuses_the_save_in_plain_words_and_keeps_what_was_saved() {
    let disk = SmallDisk::mount("6m");
    let data = disk.path().join("data");
    let mut desk = admin_desk(&data);
    try_add(&mut desk, "Ana Silva").unwrap();
    // Fill the disk to the last few kilobytes.
    let filler: PathBuf = disk.path().join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 16 * 1024];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
    let mut saved = vec!["Ana Silva".to_string()];
    let mut refusal = None;
    for i in 0..2000 {
        let name = format!("Participant {i} with a longer name to fill the pages sooner");
        match try_add(&mut desk, &name) {
            Ok(_) => saved.push(name),
            Err(e) => {
                refusal = Some(ApiError::from(e));
                break;
            }
        }
    }
    let refusal = refusal.expect("the disk fills up");
    assert!(refusal.message.contains("disk") && refusal.message.contains("full"), "{refusal:?}");
    assert!(refusal.message.contains("nothing was saved"), "{refusal:?}");

    // Everything saved before is there and whole; with space again, saving works.
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(names(&mut desk), saved);
    assert_eq!(integrity(&mut desk), "ok");
    try_add(&mut desk, "After the disk was cleared").unwrap();
    drop(desk);
    let mut again = Desk::start(DataLocation::new(&data), Box::new(NoKeyring));
    again.unlock(PASSPHRASE, moment()).unwrap();
    assert_eq!(names(&mut again).len(), saved.len() + 1);
}

#[test]
fn a_read_only_data_folder_is_said_in_plain_words_and_nothing_is_lost() {
    let disk = SmallDisk::mount("16m");
    let data = disk.path().join("data");
    let mut desk = admin_desk(&data);
    try_add(&mut desk, "Ana Silva").unwrap();
    drop(desk);

    disk.remount("ro");
    let mut desk = Desk::start(DataLocation::new(&data), Box::new(NoKeyring));
    let status = desk.status().unwrap();
    let said = match status.stage {
        Stage::Failed => status.message.unwrap(),
        Stage::Passphrase => ApiError::from(desk.unlock(PASSPHRASE, moment()).unwrap_err()).message,
        other => panic!("a read-only folder cannot be used as if writable: {other:?}"),
    };
    assert!(said.contains("read-only") || said.contains("cannot be written"), "{said}");
    assert!(said.contains(&data.display().to_string()), "names the folder: {said}");
    drop(desk);

    disk.remount("rw");
    let mut desk = Desk::start(DataLocation::new(&data), Box::new(NoKeyring));
    desk.unlock(PASSPHRASE, moment()).unwrap();
    assert_eq!(names(&mut desk), ["Ana Silva"]);
    assert_eq!(integrity(&mut desk), "ok");
}

#[test]
fn a_lost_keyring_entry_asks_for_the_passphrase_and_a_wrong_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new()));
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    try_add(&mut desk, "Ana Silva").unwrap();
    drop(desk);
    let store_id = KeyFile::read(&DataLocation::new(dir.path()).key_file()).unwrap().store_id;
    OsKeyring::new().delete(&store_id).unwrap();

    let mut desk = Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new()));
    let status = desk.status().unwrap();
    assert_eq!(status.stage, Stage::Passphrase);
    assert!(matches!(status.passphrase_reason, Some(housing_desk::store::open::PassphraseReason::KeyringEntryMissing)));
    assert_eq!(
        message_for(desk.unlock("not the passphrase at all", moment()), "passphrase"),
        "That recovery passphrase does not open this database. Check it and try again."
    );
    assert_eq!(desk.status().unwrap().stage, Stage::Passphrase, "a wrong passphrase changes nothing");
    assert!(desk.unlock(PASSPHRASE, moment()).unwrap().key_in_keyring, "the key goes back in the keyring");
    assert_eq!(names(&mut desk), ["Ana Silva"]);
    drop(desk);
    assert_eq!(
        Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new())).status().unwrap().stage,
        Stage::SignIn
    );
    OsKeyring::new().delete(&store_id).unwrap();
}

#[test]
fn a_damaged_page_is_reported_in_plain_words_and_a_backup_restores() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut desk = admin_desk(&data);
    for i in 0..300 {
        try_add(&mut desk, &format!("Participant {i} with a name long enough to use many pages")).unwrap();
    }
    let admin = session_of(&mut desk);
    let location = desk.location().clone();
    let made = housing_desk::backup::backup_from_window(
        desk.signed_in().unwrap().0,
        &admin,
        &location,
        &dir.path().join("backups"),
        moment(),
    )
    .unwrap();
    drop(desk);

    // Damage a page in the middle of the participant table.
    let file = data.join("housing-desk.db");
    let mut bytes = std::fs::read(&file).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages > 12, "{pages} pages");
    // Participants and their audit entries fill the second half of the file.
    for page in pages / 2..pages / 2 + 8 {
        for b in &mut bytes[page * 4096 + 64..page * 4096 + 1064] {
            *b ^= 0x5a;
        }
    }
    std::fs::write(&file, &bytes).unwrap();

    let mut desk = Desk::start(DataLocation::new(&data), Box::new(NoKeyring));
    let said = match desk.unlock(PASSPHRASE, moment()) {
        Err(e) => ApiError::from(e).message,
        Ok(_) => {
            desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
            let store = desk.signed_in().unwrap().0;
            // Reading every participant's row reaches the damaged page.
            let listed: Result<String, housing_desk::error::DeskError> = store
                .conn()
                .query_row("SELECT group_concat(legal_name) FROM participant", [], |r| r.get(0))
                .map_err(|e| db::StoreError::from(e).into());
            let check = db::backup::check_copy(
                &file,
                &KeyFile::read(&location.key_file()).unwrap().unwrap_key(PASSPHRASE).unwrap(),
            );
            assert!(matches!(check, Err(db::StoreError::Damaged(_))), "the page check finds it: {check:?}");
            ApiError::from(listed.expect_err("reading the damaged page fails")).message
        }
    };
    assert!(said.contains("damaged"), "{said}");
    assert!(said.contains("backup"), "says what to do: {said}");

    // The restore replaces it and keeps the damaged file aside.
    drop(desk);
    let mut desk = Desk::start(DataLocation::new(&data), Box::new(NoKeyring));
    if desk.status().unwrap().stage == Stage::Passphrase {
        let _ = desk.unlock(PASSPHRASE, moment());
    }
    if desk.status().unwrap().stage == Stage::SignIn {
        desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    }
    let (_, done) = desk.restore(std::path::Path::new(&made.folder), PASSPHRASE, moment()).unwrap();
    assert_eq!(std::fs::read(PathBuf::from(done.set_aside.unwrap()).join("housing-desk.db")).unwrap(), bytes);
    assert_eq!(names(&mut desk).len(), 300);
}
