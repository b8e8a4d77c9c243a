//! The command line: `hdesk --help` and `hdesk info`, run as a person would.

use std::process::Command;

use housing_desk::desk::Desk;
use housing_desk::paths::DataLocation;
use housing_desk::store::key::KeyFile;
use housing_desk::store::keyring::{KeyVault, OsKeyring};

use crate::support::*;

fn hdesk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hdesk"));
    cmd.env_remove("HOUSING_DESK_PASSPHRASE")
        .env_remove("HOUSING_DESK_NEW_PASSPHRASE")
        .env_remove("HOUSING_DESK_DATA_DIR");
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
fn backup_writes_a_folder_whose_copy_the_passphrase_opens() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut desk = Desk::start(DataLocation::new(&data), Box::new(housing_desk::store::keyring::NoKeyring));
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    housing_desk::participants::create(store, &session, &participant("Ada Byron"), moment()).unwrap();

    // While the window holds the database open, hdesk backs it up.
    let backups = dir.path().join("backups");
    let out = hdesk()
        .args(["backup", "--json", "--data-dir"])
        .arg(&data)
        .arg(&backups)
        .env("HOUSING_DESK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let folder = std::path::PathBuf::from(made["folder"].as_str().unwrap());
    assert!(folder.starts_with(&backups));
    let participants =
        made["manifest"]["counts"].as_array().unwrap().iter().find(|c| c["table"] == "participant").unwrap();
    assert_eq!(participants["rows"], 1);
    let key = KeyFile::read(&folder.join("housing-desk.key")).unwrap().unwrap_key(PASSPHRASE).unwrap();
    let copy = housing_desk::store::Store::open(&folder.join("housing-desk.db"), &key).unwrap();
    assert_eq!(housing_desk::store::participants::count(copy.conn()).unwrap(), 1);
    drop(desk);
}

#[test]
fn restore_rotate_key_and_change_passphrase_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let backups = dir.path().join("backups");
    let mut desk = Desk::start(DataLocation::new(&data), Box::new(housing_desk::store::keyring::NoKeyring));
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    let location = desk.location().clone();
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    housing_desk::participants::create(store, &session, &participant("Ada Byron"), moment()).unwrap();
    let made = housing_desk::backup::backup_from_window(store, &session, &location, &backups, moment()).unwrap();
    housing_desk::participants::create(store, &session, &participant("Grace Hopper"), moment()).unwrap();

    // Not while the window holds the records.
    let restore = |passphrase: &str| {
        hdesk()
            .args(["restore", "--json", "--data-dir"])
            .arg(&data)
            .arg(&made.folder)
            .env("HOUSING_DESK_PASSPHRASE", passphrase)
            .output()
            .unwrap()
    };
    let out = restore(PASSPHRASE);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("open in another window"), "{out:?}");
    drop(desk);

    let out = restore("not the passphrase at all");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not the recovery passphrase of this backup"), "{out:?}");
    let out = restore(PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(done["set_aside"].as_str().unwrap().contains("replaced"));
    let count = |v: &serde_json::Value| {
        v["counts"].as_array().unwrap().iter().find(|c| c["table"] == "participant").unwrap()["rows"].clone()
    };
    assert_eq!(count(&done), 1);

    // Rotate the key: the passphrase still opens it; an old key no longer does.
    let key_before = KeyFile::read(&data.join("housing-desk.key")).unwrap().unwrap_key(PASSPHRASE).unwrap();
    let out = hdesk()
        .args(["rotate-key", "--data-dir"])
        .arg(&data)
        .env("HOUSING_DESK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(housing_desk::store::Store::open(&data.join("housing-desk.db"), &key_before).is_err());

    // Change the passphrase, both given on standard input.
    const NEW: &str = "lanterns along the canal";
    let mut child = hdesk()
        .args(["change-passphrase", "--data-dir"])
        .arg(&data)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{PASSPHRASE}\n{NEW}").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out =
        hdesk().args(["info", "--json", "--data-dir"]).arg(&data).env("HOUSING_DESK_PASSPHRASE", NEW).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["counts"]["participants"], 1);
    assert!(info["counts"]["audit_entries"].as_u64().unwrap() > 3);
}

#[test]
fn info_on_an_empty_folder_says_to_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = hdesk().args(["info", "--data-dir"]).arg(dir.path()).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("start the app to set one up"));
    assert!(!DataLocation::new(dir.path()).database().exists(), "info never creates a database");
}

#[test]
fn calc_refuses_bad_input_with_one_line_naming_the_field() {
    let good: serde_json::Value = serde_json::from_str(
        r#"{ "as_of": "2026-11-01",
             "parameters": { "dependent_deduction": "480", "elderly_disabled_deduction": "525",
                             "medical_threshold_percent": "10", "income_limit": "24600" },
             "household": { "birth_date": "1984-03-15", "disabled": false, "dependents": 0, "live_in_aide": false },
             "income": [ { "member": "participant", "source": "wages", "amount": "15", "frequency": "hourly",
                           "hours_per_week": 20 } ],
             "expenses": [],
             "housing": { "option": "rental_assistance", "contract_rent": "1000", "utility_allowance": "0",
                          "payment_standard": "950" } }"#,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |value: &serde_json::Value| {
        let path = dir.path().join("input.json");
        std::fs::write(&path, value.to_string()).unwrap();
        hdesk().arg("calc").arg(&path).output().unwrap()
    };

    let out = run(&good);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["ttp"], "390");

    type Edit = fn(&mut serde_json::Value);
    let cases: &[(Edit, &str)] = &[
        (
            |v| v["income"][0].as_object_mut().unwrap().remove("hours_per_week").map(|_| ()).unwrap(),
            "input.income[0].hours_per_week: required for hourly income",
        ),
        (|v| v["housing"]["bedrooms"] = 1.into(), "input.housing.bedrooms: unknown field"),
        (
            |v| v["household"].as_object_mut().unwrap().remove("birth_date").map(|_| ()).unwrap(),
            "input.household.birth_date: required",
        ),
        (|v| v["income"][0]["amount"] = "fifteen".into(), "input.income[0].amount: \"fifteen\" is not a number"),
        (
            |v| v["expenses"] = serde_json::json!([{ "kind": "medical", "amount": "-3", "frequency": "monthly" }]),
            "input.expenses[0].amount: must not be negative",
        ),
    ];
    for (edit, want) in cases {
        let mut v = good.clone();
        edit(&mut v);
        let out = run(&v);
        assert_eq!(out.status.code(), Some(2), "bad input exits with 2: {want}");
        assert!(out.stdout.is_empty(), "nothing on stdout for {want}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{want}\n"), "exactly one line");
    }
    let err = run(&serde_json::json!({ "as_of": "2026-13-01" }));
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).starts_with("input.as_of: "));
}
