//! The command line: `hdesk --help` and `hdesk info`, run as a person would.

use std::process::Command;

use housing_desk::desk::Desk;
use housing_desk::paths::DataLocation;
use housing_desk::store::key::KeyFile;
use housing_desk::store::keyring::{KeyVault, OsKeyring};

use crate::support::*;

fn hdesk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hdesk"));
    cmd.env_remove("HOUSING_DESK_PASSPHRASE").env_remove("HOUSING_DESK_DATA_DIR");
    cmd
}

#[test]
fn help_names_the_subcommands() {
    let out = hdesk().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("info"), "--help lists `info`: {text}");
}

#[test]
fn info_counts_the_records_and_says_where_the_key_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(DataLocation::new(dir.path()), Box::new(OsKeyring::new()));
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    for name in ["Ada Byron", "Grace Hopper"] {
        housing_desk::participants::create(store, &session, &participant(name), moment()).unwrap();
    }
    drop(desk);

    let out = hdesk().args(["info", "--json", "--data-dir"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["counts"]["participants"], 2);
    assert_eq!(info["counts"]["staff"], 1);
    assert_eq!(info["schema_version"], housing_desk::store::latest_schema_version());
    assert_eq!(info["key_source"], "keyring");
    assert!(info["database"].as_str().unwrap().ends_with("housing-desk.db"));

    // Without the keyring entry, the passphrase opens it, and info says so.
    let store_id = KeyFile::read(&DataLocation::new(dir.path()).key_file()).unwrap().store_id;
    OsKeyring::new().delete(&store_id).unwrap();
    let out = hdesk()
        .args(["info", "--json", "--data-dir"])
        .arg(dir.path())
        .env("HOUSING_DESK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["key_source"], "recovery_passphrase");
    OsKeyring::new().delete(&store_id).unwrap();

    // A wrong passphrase: a plain message naming the problem, nothing on stdout.
    let out = hdesk()
        .args(["info", "--data-dir"])
        .arg(dir.path())
        .env("HOUSING_DESK_PASSPHRASE", "not the passphrase at all")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim(), "hdesk: That recovery passphrase does not open this database. Check it and try again.");
}

#[test]
fn info_on_an_empty_folder_says_to_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = hdesk().args(["info", "--data-dir"]).arg(dir.path()).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("start the app to set one up"));
    assert!(!DataLocation::new(dir.path()).database().exists(), "info never creates a database");
}
