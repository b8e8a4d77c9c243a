//! The encrypted store and its key: what is on disk, wrong keys, recovery.

use housing_desk::desk::{Desk, Stage};
use housing_desk::paths::DataLocation;
use housing_desk::store::key::{DatabaseKey, KeyFile};
use housing_desk::store::keyring::{KeyVault, NoKeyring, OsKeyring};
use housing_desk::store::{Store, StoreError};

use crate::support::*;

/// A desk set up in a fresh folder with one participant in it.
fn set_up_with_participant(dir: &std::path::Path, vault: Box<dyn KeyVault>, name: &str) -> Desk {
    let mut desk = Desk::start(DataLocation::new(dir), vault);
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    housing_desk::participants::create(store, &session, &participant(name), moment()).unwrap();
    desk
}

fn store_id(dir: &std::path::Path) -> String {
    KeyFile::read(&DataLocation::new(dir).key_file()).unwrap().store_id
}

#[test]
fn the_file_on_disk_is_ciphertext() {
    let dir = tempfile::tempdir().unwrap();
    let desk = set_up_with_participant(dir.path(), Box::new(NoKeyring), "Zebediah Quillfeather");
    drop(desk);
    let location = DataLocation::new(dir.path());
    let bytes = std::fs::read(location.database()).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "an unencrypted SQLite header would mean no encryption");
    let mut everything = bytes.clone();
    // The write-ahead log holds recent pages too; it must be encrypted as well.
    for side in ["housing-desk.db-wal", "housing-desk.db-shm"] {
        if let Ok(more) = std::fs::read(dir.path().join(side)) {
            everything.extend(more);
        }
    }
    everything.extend(std::fs::read(location.key_file()).unwrap());
    let needle = b"Quillfeather";
    assert!(
        !everything.windows(needle.len()).any(|w| w == needle),
        "a participant's name must not appear in any file in the data folder"
    );
}

#[test]
fn the_wrong_key_is_refused_and_the_right_one_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let key = DatabaseKey::generate();
    let store = Store::create(&path, &key).unwrap();
    store.close().unwrap();
    match Store::open(&path, &DatabaseKey::generate()) {
        Err(StoreError::WrongKey) => {}
        other => panic!("a wrong key must be refused with WrongKey, got {other:?}"),
    }
    let store = Store::open(&path, &key).expect("the right key opens the store");
    assert_eq!(store.schema_version().unwrap(), housing_desk::store::latest_schema_version());
}

#[test]
fn a_failed_transaction_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let key = DatabaseKey::generate();
    let mut store = Store::create(&path, &key).unwrap();
    let result: Result<(), StoreError> = store.with_tx(|tx| {
        tx.execute(
            "INSERT INTO office (id, grantee_name, program, county, created_at) VALUES (1, 'A', 'hero', 'B', 'now')",
            [],
        )?;
        Err(StoreError::Invariant("stop half-way".into()))
    });
    assert!(result.is_err());
    let n: i64 = store.conn().query_row("SELECT count(*) FROM office", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "the insert before the failure must be rolled back");
}

#[test]
fn a_crash_mid_transaction_keeps_committed_data_whole() {
    // A child process commits one row, then dies (abort: no unwinding, no
    // cleanup) in the middle of a second transaction. The committed row must
    // be there, the uncommitted write must not, and the file must be whole.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let key = [7u8; 32];
    Store::create(&path, &DatabaseKey::from_bytes(&key).unwrap()).unwrap().close().unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "store::crash_child", "--ignored", "--nocapture"])
        .env("HOUSING_DESK_CRASH_DB", &path)
        .status()
        .unwrap();
    assert!(!status.success(), "the child must die mid-transaction, not finish");
    let store = Store::open(&path, &DatabaseKey::from_bytes(&key).unwrap()).unwrap();
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT grantee_name FROM office")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["Committed"], "only the committed write survives the crash");
    let ok: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

/// The child of the crash test: run only by it, through `--ignored`.
#[test]
#[ignore = "run as a child process by a_crash_mid_transaction_keeps_committed_data_whole"]
fn crash_child() {
    let path = std::env::var_os("HOUSING_DESK_CRASH_DB").expect("run by the crash test");
    let mut store = Store::open(std::path::Path::new(&path), &DatabaseKey::from_bytes(&[7u8; 32]).unwrap()).unwrap();
    store
        .with_tx(|tx| {
            tx.execute(
                "INSERT INTO office (id, grantee_name, program, county, created_at) VALUES (1, 'Committed', 'hero', 'B', 'now')",
                [],
            )?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let _: Result<(), StoreError> = store.with_tx(|tx| {
        tx.execute("UPDATE office SET grantee_name = 'Uncommitted'", [])?;
        // Enough pages to spill into the write-ahead log before the crash.
        tx.execute_batch("CREATE TABLE filler(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO filler SELECT randomblob(100) FROM n;")?;
        std::process::abort();
    });
}

#[test]
fn the_keyring_key_opens_the_store_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    drop(set_up_with_participant(dir.path(), Box::new(OsKeyring::new()), "Ada Byron"));
    let desk = Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new()));
    let status = desk.status().unwrap();
    assert_eq!(status.stage, Stage::SignIn, "with the key in the keyring no passphrase is needed: {status:?}");
    OsKeyring::new().delete(&store_id(dir.path())).unwrap();
}

#[test]
fn recovery_with_the_passphrase_after_the_keyring_entry_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    drop(set_up_with_participant(dir.path(), Box::new(OsKeyring::new()), "Grace Hopper"));
    let id = store_id(dir.path());
    OsKeyring::new().delete(&id).unwrap();
    assert!(OsKeyring::new().load(&id).unwrap().is_none(), "the entry is gone");

    let mut desk = Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new()));
    let status = desk.status().unwrap();
    assert_eq!(status.stage, Stage::Passphrase);
    assert_eq!(status.passphrase_reason, Some(housing_desk::store::open::PassphraseReason::KeyringEntryMissing));

    let err = desk.unlock("blue heron over the rivet", moment()).unwrap_err();
    let api = housing_desk::error::ApiError::from(err);
    assert_eq!(api.fields[0].field, "passphrase", "a wrong passphrase is reported on its field: {api:?}");
    assert_eq!(desk.status().unwrap().stage, Stage::Passphrase, "still locked after a wrong passphrase");

    let status = desk.unlock(PASSPHRASE, moment()).unwrap();
    assert_eq!(status.stage, Stage::SignIn);
    assert!(status.key_in_keyring, "the key is put back in the keyring");
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let (store, _) = desk.signed_in().unwrap();
    let page = housing_desk::participants::list(store, &Default::default()).unwrap();
    assert_eq!(page.rows[0].legal_name, "Grace Hopper", "the data survived the lost keyring");
    drop(desk);

    let desk = Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new()));
    assert_eq!(desk.status().unwrap().stage, Stage::SignIn, "the next start needs no passphrase again");
    OsKeyring::new().delete(&id).unwrap();
}

#[test]
fn without_a_keyring_the_passphrase_is_asked_at_every_start() {
    let dir = tempfile::tempdir().unwrap();
    let desk = set_up_with_participant(dir.path(), Box::new(NoKeyring), "Alan Turing");
    assert!(!desk.status().unwrap().keyring_available);
    drop(desk);
    for _ in 0..2 {
        let mut desk = Desk::start(DataLocation::new(dir.path()), Box::new(NoKeyring));
        let status = desk.status().unwrap();
        assert_eq!(status.stage, Stage::Passphrase);
        assert_eq!(status.passphrase_reason, Some(housing_desk::store::open::PassphraseReason::KeyringUnavailable));
        assert!(!desk.unlock(PASSPHRASE, moment()).unwrap().key_in_keyring);
    }
}

#[test]
fn a_database_without_its_key_file_is_reported_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    drop(set_up_with_participant(dir.path(), Box::new(NoKeyring), "Katherine Johnson"));
    let location = DataLocation::new(dir.path());
    let before = std::fs::read(location.database()).unwrap();
    std::fs::remove_file(location.key_file()).unwrap();
    let desk = Desk::start(location.clone(), Box::new(NoKeyring));
    let status = desk.status().unwrap();
    assert_eq!(status.stage, Stage::Failed);
    assert!(status.message.unwrap().contains("key file"), "the message says what is missing");
    assert_eq!(std::fs::read(location.database()).unwrap(), before, "the database is untouched");
}
