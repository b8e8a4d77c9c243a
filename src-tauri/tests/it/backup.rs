//! Backups: a folder with an encrypted, consistent copy of the database, the
//! recovery key file and a manifest; the copy opens with the recovery
//! passphrase (as on another computer), passes SQLite's integrity check and
//! holds the records of the moment it was made.

use housing_desk::audit::Actor;
use housing_desk::backup::{self, BackupManifest};
use housing_desk::store::key::KeyFile;
use housing_desk::store::{self as db, latest_schema_version, Store};

use crate::money::Office;
use crate::support::*;

fn actor() -> Actor {
    Actor { staff_id: None, name: "hdesk backup (system user test)".into() }
}

#[test]
fn a_backup_opens_elsewhere_with_the_passphrase_and_holds_the_records_of_its_moment() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    office.housed("Ana Silva", "1A");
    let admin = office.admin.clone();
    add_participant(office.store(), &admin, "Łukasz Wójcik");
    let participants = db::participants::count(office.store().conn()).unwrap();

    let into = dir.path().join("backups");
    let location = office.desk.location().clone();
    let made = backup::make_backup(office.store(), &location, &into, actor(), moment()).unwrap();
    let folder = std::path::PathBuf::from(&made.folder);
    assert_eq!(folder.file_name().unwrap().to_str().unwrap(), "housing-desk-backup-20261123-150000");
    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["housing-desk.db", "housing-desk.key", "manifest.json"]);
    assert_eq!(std::fs::read_dir(&into).unwrap().count(), 1, "no partial folder is left behind");

    let manifest: BackupManifest = backup::read_manifest(&folder).unwrap();
    assert_eq!(manifest, made.manifest);
    assert_eq!(manifest.schema_version as usize, latest_schema_version());
    assert!(manifest.key_file_included);
    let rows = |m: &BackupManifest, table: &str| m.counts.iter().find(|c| c.table == table).unwrap().rows;
    assert_eq!(rows(&manifest, "participant"), participants);
    assert!(rows(&manifest, "lease") >= 1 && rows(&manifest, "audit_log") > 0, "{:?}", manifest.counts);
    let copy = folder.join("housing-desk.db");
    assert_eq!(backup::sha256_of(&copy).unwrap(), manifest.database_sha256);
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), manifest.database_bytes);
    let raw = std::fs::read(&copy).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"), "the copy is encrypted");
    assert!(!raw.windows(9).any(|w| w == b"Ana Silva"), "no name in the clear");

    let (entry, changes) = last_audit(office.store());
    assert_eq!((entry.action.as_str(), entry.entity.as_str()), ("export", "backup"));
    assert_eq!(entry.actor, "hdesk backup (system user test)");
    assert!(changes.iter().any(|(f, _, new)| f == "folder" && new.as_deref() == Some(made.folder.as_str())));

    // Written after the backup: not in it.
    add_participant(office.store(), &admin, "Marcus Webb");

    // On another computer: the key file and the passphrase open the copy.
    let key = KeyFile::read(&folder.join("housing-desk.key")).unwrap().unwrap_key(PASSPHRASE).unwrap();
    let restored = Store::open(&copy, &key).unwrap();
    let check: String = restored.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(restored.schema_version().unwrap(), latest_schema_version());
    assert_eq!(db::participants::count(restored.conn()).unwrap(), participants, "the moment of the backup");
    let name: String = restored
        .conn()
        .query_row("SELECT legal_name FROM participant WHERE legal_name LIKE 'Ł%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Łukasz Wójcik");
    assert!(KeyFile::read(&folder.join("housing-desk.key")).unwrap().unwrap_key("wrong passphrase").is_err());
}

#[test]
fn a_backup_that_cannot_be_written_says_where_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let location = office.desk.location().clone();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(fields(backup::make_backup(office.store(), &location, &file, actor(), moment())), ["folder"]);
    assert_eq!(
        fields(backup::make_backup(office.store(), &location, std::path::Path::new(""), actor(), moment())),
        ["folder"]
    );

    let into = dir.path().join("backups");
    backup::make_backup(office.store(), &location, &into, actor(), moment()).unwrap();
    assert_eq!(
        fields(backup::make_backup(office.store(), &location, &into, actor(), moment())),
        ["folder"],
        "the same second's backup is not overwritten"
    );
    let not_backup = dir.path().join("empty");
    std::fs::create_dir(&not_backup).unwrap();
    assert_eq!(fields(backup::read_manifest(&not_backup)), ["folder"]);
}

#[test]
fn from_the_window_only_an_administrator_makes_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    let location = office.desk.location().clone();
    let into = dir.path().join("backups");
    let admin = office.admin.clone();
    let made = backup::backup_from_window(office.store(), &admin, &location, &into, moment()).unwrap();
    assert_eq!(made.manifest.created_by, "mokafor");
    let supervisor = sign_in_as(&mut office.desk, "sgrant");
    assert_forbidden(backup::backup_from_window(office.store(), &supervisor, &location, &into, moment()), "supervisor");
}

fn day(d: u32) -> housing_desk::desk::Moment {
    use chrono::TimeZone;
    housing_desk::desk::Moment {
        at: chrono::Utc.with_ymd_and_hms(2026, 12, d, 14, 0, 0).unwrap(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap(),
    }
}

fn schedule_input(enabled: bool, folder: &std::path::Path, keep: &str) -> backup::ScheduleInput {
    backup::ScheduleInput { enabled, folder: folder.display().to_string(), keep: keep.into() }
}

fn folders_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn the_daily_backup_writes_once_a_day_and_keeps_only_the_newest_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let location = office.desk.location().clone();
    let admin = office.admin.clone();
    let into = dir.path().join("daily");
    std::fs::create_dir(&into).unwrap();
    // A backup made by hand in the same folder is never removed.
    backup::make_backup(office.store(), &location, &into, actor(), day(1)).unwrap();

    let saved =
        backup::save_schedule(office.store(), &admin, &location, &schedule_input(true, &into, "2"), day(2)).unwrap();
    assert!(saved.enabled && saved.keep == 2);
    assert!(saved.last_error.is_none(), "{saved:?}");
    assert_eq!(saved.last_success_at.as_deref(), Some("2026-12-02T14:00:00Z"), "turning it on writes the first");
    assert_eq!(folders_in(&into).len(), 2);
    let manifest = backup::read_manifest(std::path::Path::new(saved.last_folder.as_deref().unwrap())).unwrap();
    assert!(manifest.automatic);
    assert_eq!(manifest.created_by, backup::AUTOMATIC_ACTOR);

    // Not again the same day; once on each new day.
    assert!(office.desk.scheduled_backup(day(2)).is_none());
    for d in 3..=5 {
        office.desk.scheduled_backup(day(d)).unwrap().unwrap();
    }
    assert_eq!(
        folders_in(&into),
        [
            "housing-desk-backup-20261201-140000",
            "housing-desk-backup-20261204-140000",
            "housing-desk-backup-20261205-140000"
        ],
        "the hand-made one stays; of the daily ones, the newest two"
    );
    let (entry, _) = last_audit(office.store());
    assert_eq!((entry.actor.as_str(), entry.action.as_str()), (backup::AUTOMATIC_ACTOR, "export"));
}

#[test]
fn a_daily_backup_that_fails_says_why_in_settings_and_is_tried_again_later() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let location = office.desk.location().clone();
    let admin = office.admin.clone();
    let not_a_folder = dir.path().join("unplugged-drive");
    std::fs::write(&not_a_folder, "a file where the folder should be").unwrap();

    let saved =
        backup::save_schedule(office.store(), &admin, &location, &schedule_input(true, &not_a_folder, "7"), day(2))
            .unwrap();
    assert!(saved.enabled, "the settings are saved even when the first backup fails");
    assert!(saved.last_error.as_deref().unwrap().contains("could not be written"), "{saved:?}");
    assert!(saved.last_success_at.is_none());

    let mut soon = day(2);
    soon.at += chrono::Duration::minutes(30);
    assert!(office.desk.scheduled_backup(soon).is_none(), "not retried within the hour");
    std::fs::remove_file(&not_a_folder).unwrap();
    let mut later = day(2);
    later.at += chrono::Duration::minutes(61);
    office.desk.scheduled_backup(later).unwrap().unwrap();
    let now = backup::schedule(office.store(), &admin).unwrap();
    assert!(now.last_error.is_none() && now.last_success_at.is_some(), "{now:?}");
}

#[test]
fn only_an_administrator_sets_the_daily_backup_and_the_form_names_its_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let location = office.desk.location().clone();
    let admin = office.admin.clone();
    let into = dir.path().join("daily");
    let bad = |office: &mut Office, input: backup::ScheduleInput| {
        fields(backup::save_schedule(office.store(), &admin, &location, &input, day(2)))
    };
    assert_eq!(bad(&mut office, schedule_input(true, std::path::Path::new(""), "7")), ["folder"]);
    assert_eq!(bad(&mut office, schedule_input(true, std::path::Path::new("relative/dir"), "7")), ["folder"]);
    assert_eq!(bad(&mut office, schedule_input(true, &into, "0")), ["keep"]);
    assert_eq!(bad(&mut office, schedule_input(true, &into, "seven")), ["keep"]);
    assert_eq!(bad(&mut office, schedule_input(false, &into, "366")), ["keep"]);
    // Off, with no folder: fine, and nothing is written.
    let off = backup::save_schedule(
        office.store(),
        &admin,
        &location,
        &schedule_input(false, std::path::Path::new(""), "7"),
        day(2),
    )
    .unwrap();
    assert!(!off.enabled && off.last_attempt_at.is_none());

    add_staff(&mut office.desk, "sgrant", "Sam Grant", "supervisor");
    let supervisor = sign_in_as(&mut office.desk, "sgrant");
    assert_forbidden(backup::schedule(office.store(), &supervisor), "supervisor reads");
    assert_forbidden(
        backup::save_schedule(office.store(), &supervisor, &location, &schedule_input(true, &into, "7"), day(2)),
        "supervisor saves",
    );
}
