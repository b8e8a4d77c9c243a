//! The permission table against the services and the source: every command
//! the window can call is in the table, and what the table refuses a role
//! the service behind the command refuses too (defence in depth), so the
//! gate and the services cannot drift apart unnoticed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use housing_desk::accounts::{self, Role, Session, StaffInput};
use housing_desk::desk::Desk;
use housing_desk::error::DeskError;
use housing_desk::paths::DataLocation;
use housing_desk::permissions::{self, Grant, Need, Permission, Who, COMMANDS};
use housing_desk::store::keyring::NoKeyring;
use housing_desk::store::Store;
use housing_desk::validation::Choice;
use housing_desk::{
    access, audit_trail, backup, casework, consents, engagement, income_calc, landlords, lease_documents, leases,
    ledger, office, participants, payment_run, reference, reports, units,
};

use crate::support::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// What a service call needs: a participant with no case manager, a unit,
/// and folders.
struct Fixture {
    participant: i64,
    unit: i64,
    desk_dir: PathBuf,
    scratch: PathBuf,
}

type ServiceCall = fn(&mut Store, &Session, &Fixture) -> Result<(), DeskError>;

/// One representative service per command the table restricts, called the
/// way its command calls it. Inputs are empty, so a role that is let
/// through gets a validation error or "not found", never a change of
/// consequence.
const CALLS: &[(&str, ServiceCall)] = &[
    ("get_participant", |st, s, f| participants::get(st, s, f.participant, moment()).map(drop)),
    ("create_participant", |st, s, _| participants::create(st, s, &Default::default(), moment()).map(drop)),
    ("case", |st, s, f| casework::case(st, s, f.participant, moment()).map(drop)),
    ("log_visit", |st, s, f| engagement::log_visit(st, s, f.participant, &Default::default(), moment()).map(drop)),
    // The command checks the case itself before `income_calc::save`.
    ("save_calculation", |st, s, f| {
        access::require_case(st, s, f.participant)?;
        income_calc::save(st, s, f.participant, &Default::default(), moment()).map(drop)
    }),
    ("participant_ledger", |st, s, f| ledger::participant_ledger(st, s, f.participant, moment()).map(drop)),
    ("save_landlord", |st, s, _| landlords::create(st, s, &Default::default(), moment()).map(drop)),
    ("save_unit", |st, s, _| units::create(st, s, &Default::default(), moment()).map(drop)),
    ("create_lease", |st, s, f| leases::create(st, s, f.unit, &Default::default(), moment()).map(drop)),
    ("print_lease_packet", |st, s, f| lease_documents::lease_packet(st, s, 999_999, today(), &f.scratch).map(drop)),
    ("office_ledger", |st, s, _| ledger::office_ledger(st, s, "", "", "").map(drop)),
    ("payment_runs", |st, s, _| payment_run::list(st, s).map(drop)),
    ("record_payment", |st, s, _| ledger::record_payment(st, s, &Default::default(), moment()).map(drop)),
    ("prepare_payment_run", |st, s, _| payment_run::prepare(st, s, "", moment()).map(drop)),
    ("approve_payment_run", |st, s, _| payment_run::approve(st, s, 999_999, moment()).map(drop)),
    ("reports_due", |st, s, _| reports::due(st, s, today()).map(drop)),
    ("program_charts", |st, s, _| reports::charts::program_charts(st, s, today()).map(drop)),
    ("save_grant_budget", |st, s, _| {
        let input = reports::budget::BudgetInput { fiscal_year: 0, amounts: Vec::new() };
        reports::budget::save(st, s, &input, moment()).map(drop)
    }),
    ("add_deduction_set", |st, s, _| reference::add_deduction_set(st, s, &Default::default(), moment()).map(drop)),
    ("set_office_contact", |st, s, _| office::set_contact(st, s, &Default::default(), moment()).map(drop)),
    ("set_small_area_fmrs", |st, s, _| reference::set_small_area_fmrs(st, s, false, moment())),
    ("save_office_holiday", |st, s, _| reports::holidays::save(st, s, &Default::default(), moment()).map(drop)),
    ("list_staff", |st, s, _| accounts::list_staff(st, s).map(drop)),
    ("add_staff", |st, s, _| accounts::add_staff(st, s, &StaffInput::default(), moment()).map(drop)),
    ("role_permissions", |_, s, _| permissions::role_grid(s).map(drop)),
    ("audit_trail", |st, s, _| audit_trail::page(st, s, &Default::default()).map(drop)),
    ("audit_choices", |st, s, _| audit_trail::choices(st, s).map(drop)),
    ("export_audit_trail", |st, s, f| {
        audit_trail::export_csv(st, s, &Default::default(), &f.scratch.join("trail.csv"), moment()).map(drop)
    }),
    ("backup_now", |st, s, f| {
        let location = DataLocation::new(&f.desk_dir);
        backup::backup_from_window(st, s, &location, &f.scratch, moment()).map(drop)
    }),
    // Consents to disclose (issue 8).
    ("participant_consents", |st, s, f| consents::for_participant(st, s, f.participant, moment()).map(drop)),
    ("record_consent", |st, s, f| consents::record(st, s, f.participant, &Default::default(), moment()).map(drop)),
    ("consent_report", |st, s, _| consents::report(st, s, today()).map(drop)),
];

fn permission_of(command: &str) -> Permission {
    match permissions::need_of(command) {
        Some(Need::Permission(p) | Need::OnceOpen(p)) => p,
        other => panic!("{command} should need a permission, the table says {other:?}"),
    }
}

#[test]
fn what_the_table_refuses_the_services_refuse_too() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let (mut desk, admin, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let participant = add_participant(store, &admin, "Marcus Webb");
    let fixture =
        Fixture { participant, unit: unit.id, desk_dir: dir.path().to_path_buf(), scratch: scratch.path().into() };
    let mut permissions_seen = BTreeSet::new();
    for (command, call) in CALLS {
        let permission = permission_of(command);
        permissions_seen.insert(format!("{permission:?}"));
        for role in Role::ALL {
            // The administrator's account, wearing each role: the services
            // judge the role, and the participant has no case manager.
            let session = Session { role: *role, ..admin.clone() };
            let result = call(desk.signed_in().unwrap().0, &session, &fixture);
            match permission.grant(*role) {
                Grant::No => assert_forbidden(
                    result,
                    &format!("the table refuses {command} to {role:?}, so its service must refuse it too"),
                ),
                // access.rs: not their participant, so not their case.
                Grant::OwnParticipants => {
                    assert_forbidden(result, &format!("{command}: a case manager reaches only their own participants"))
                }
                Grant::Yes => assert!(
                    !matches!(result, Err(DeskError::Forbidden(_))),
                    "the table lets {role:?} run {command}, so its service must not refuse the role: {result:?}"
                ),
            }
        }
    }
    // Every permission that some role lacks is tried at least once.
    for p in Permission::ALL {
        if Role::ALL.iter().any(|r| p.grant(*r) != Grant::Yes) {
            assert!(permissions_seen.contains(&format!("{p:?}")), "no service call in CALLS checks {p:?}");
        }
    }
}

#[test]
fn the_gate_reads_where_the_desk_stands() {
    // Signed out, the gate must hear "not signed in", not someone's leftover
    // role; before the records open, "locked".
    let dir = tempfile::tempdir().unwrap();
    let mut desk: Desk = admin_desk(dir.path());
    assert_eq!(Who::of(&mut desk), Who::Staff(Role::Administrator));
    desk.sign_out(moment()).unwrap();
    assert_eq!(Who::of(&mut desk), Who::SignedOut);
    let answer = permissions::admit("dashboard", || Ok::<_, DeskError>(Who::of(&mut desk)));
    assert!(matches!(answer, Err(DeskError::NotSignedIn)), "{answer:?}");

    let fresh = tempfile::tempdir().unwrap();
    let mut unopened = Desk::start(DataLocation::new(fresh.path()), Box::new(NoKeyring));
    assert_eq!(Who::of(&mut unopened), Who::NotOpen, "a desk still to be set up is not open");
    let answer = permissions::admit("dashboard", || Ok::<_, DeskError>(Who::of(&mut unopened)));
    assert!(matches!(answer, Err(DeskError::Locked)), "{answer:?}");
}

/// The names of the `#[tauri::command]` functions in `commands/`.
fn written_commands() -> BTreeSet<String> {
    let dir = repo().join("src-tauri/src/commands");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let mut after_attribute = false;
        for line in text.lines().map(str::trim_start) {
            if line.starts_with("#[tauri::command") {
                after_attribute = true;
            } else if after_attribute && line.starts_with("pub fn ")
                || after_attribute && line.starts_with("pub async fn ")
            {
                let rest = line.trim_start_matches("pub ").trim_start_matches("async ").trim_start_matches("fn ");
                names.insert(rest.split(['(', '<']).next().unwrap().to_string());
                after_attribute = false;
            }
        }
    }
    names
}

#[test]
fn every_command_written_is_in_the_table_and_every_entry_is_written() {
    let written = written_commands();
    let table: BTreeSet<String> = COMMANDS.iter().map(|(n, _)| n.to_string()).collect();
    assert!(written.len() > 50, "the scan of commands/ found too few commands: {written:?}");
    let missing: Vec<_> = written.difference(&table).collect();
    let unknown: Vec<_> = table.difference(&written).collect();
    assert!(
        missing.is_empty(),
        "commands with no line in permissions::command_table! (the window cannot call them): {missing:?}"
    );
    assert!(unknown.is_empty(), "the table names commands that do not exist: {unknown:?}");
}

#[test]
fn commands_are_registered_only_through_the_table() {
    // A second `generate_handler!` would register commands the gate does not know.
    let mut rust = Vec::new();
    collect_rs(&repo().join("src-tauri/src"), &mut rust);
    let mut uses = Vec::new();
    for path in rust {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains("generate_handler!") && !line.trim_start().starts_with("//") {
                uses.push(format!("{}:{}", path.strip_prefix(repo()).unwrap().display(), n + 1));
            }
        }
    }
    assert_eq!(uses.len(), 1, "one generate_handler!, fed by permissions::command_table!: {uses:?}");
    assert!(uses[0].contains("src/commands/mod.rs"), "{uses:?}");
    let app = std::fs::read_to_string(repo().join("src-tauri/src/app.rs")).unwrap();
    assert!(app.contains(".invoke_handler(crate::commands::handler())"), "the app must use the gated handler");
}

#[test]
fn every_command_the_ui_calls_is_in_the_table() {
    let api = std::fs::read_to_string(repo().join("ui/src/lib/api.ts")).unwrap();
    let mut called = BTreeSet::new();
    for piece in api.split("call<").skip(1) {
        // call<Type>('name', …)
        if let Some(name) = piece.split_once(">('").and_then(|(_, rest)| rest.split('\'').next()) {
            called.insert(name.to_string());
        }
    }
    assert!(called.len() > 50, "the scan of api.ts found too few commands: {called:?}");
    let unknown: Vec<_> = called.iter().filter(|n| permissions::need_of(n).is_none()).collect();
    assert!(unknown.is_empty(), "api.ts calls commands the gate would refuse as unknown: {unknown:?}");
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
