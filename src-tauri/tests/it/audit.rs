//! The audit trail (issue 8): every view of a participant's record is
//! recorded with the part shown, lists as one entry with their query; the
//! audit page's filters and paging choose the right entries; the CSV export
//! reads back as written; only supervisors and administrators read it; and
//! no one can change or delete an entry.

use chrono::{TimeZone, Utc};
use housing_desk::accounts::{Role, Session};
use housing_desk::audit_trail::{self, AuditQuery, AuditRow, CSV_HEADER};
use housing_desk::desk::Moment;
use housing_desk::participants::{ParticipantQuery, ParticipantStatus};
use housing_desk::store::Store;
use housing_desk::validation::Choice;
use housing_desk::{
    casework, dashboard, engagement, income_calc, lease_documents, leases, ledger, participants, screening, signatures,
};

use crate::support::*;

/// The moment `day` (YYYY-MM-DD) at noon UTC: the same calendar day in
/// every time zone an office may be in.
fn noon(day: &str) -> Moment {
    let today = d(day);
    Moment { at: Utc.from_utc_datetime(&today.and_hms_opt(12, 0, 0).unwrap()), today }
}

/// The newest entry: (action, entity, entity id, staff id, changes).
fn newest(store: &Store) -> (String, String, Option<i64>, Option<i64>, Changes) {
    let (entry, changes) = newest_audit(store);
    (entry.action, entry.entity, entry.entity_id, entry.staff_id, changes)
}

fn every_page(store: &Store, session: &Session, query: &AuditQuery) -> Vec<AuditRow> {
    let mut rows = Vec::new();
    let mut query = query.clone();
    loop {
        let page = audit_trail::page(store, session, &query).unwrap();
        rows.extend(page.rows);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return rows,
        }
    }
}

#[test]
fn opening_each_part_of_a_record_writes_one_view_entry_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = crate::money::Office::new(dir.path());
    let (p, _unit, lease) = office.housed("Nguyễn Thị Ánh", "2F");
    let admin = office.admin.clone();
    let contact = housing_desk::office::ContactInput {
        mailing_address: "3300 W Roosevelt Rd\nChicago, IL 60624".into(),
        phone: "312 555 0100".into(),
    };
    housing_desk::office::set_contact(office.store(), &admin, &contact, moment()).unwrap();
    let (printed, templates) = (dir.path().join("printed"), dir.path().join("templates"));
    let store = office.store();
    let calculation = income_calc::history(store, p).unwrap()[0].id;

    type Open<'a> = Box<dyn Fn(&Store) -> Result<(), housing_desk::error::DeskError> + 'a>;
    let a = &admin;
    let (printed, templates) = (&printed, &templates);
    let parts: Vec<(&str, &str, Open)> = vec![
        ("view", "record", Box::new(move |s| participants::get(s, a, p, moment()).map(drop))),
        ("view", "housing_card", Box::new(move |s| participants::housing_card(s, a, p, moment()).map(drop))),
        ("view", "screening", Box::new(move |s| screening::view(s, a, p, moment()).map(drop))),
        ("view", "case", Box::new(move |s| casework::case(s, a, p, moment()).map(drop))),
        ("view", "engagement", Box::new(move |s| engagement::overview(s, a, p, moment()).map(drop))),
        (
            "view",
            "income_calculations",
            Box::new(move |s| income_calc::calculation_history(s, a, p, moment()).map(drop)),
        ),
        ("view", "income_status", Box::new(move |s| income_calc::income_status(s, a, p, moment()).map(drop))),
        (
            "view",
            "signatures",
            Box::new(move |s| signatures::summary_signatures(s, a, calculation, moment()).map(drop)),
        ),
        ("view", "leases", Box::new(move |s| leases::participant_leases(s, a, p, moment()).map(drop))),
        ("view", "ledger", Box::new(move |s| ledger::participant_ledger(s, a, p, moment()).map(drop))),
        (
            "export",
            "income_summary",
            Box::new(move |s| income_calc::save_summary(s, a, calculation, moment(), printed).map(drop)),
        ),
        (
            "export",
            "lease_packet",
            Box::new(move |s| {
                lease_documents::print_lease_packet(s, a, lease.id, moment(), templates, printed).map(drop)
            }),
        ),
    ];
    for (action, part, open) in &parts {
        let before = audit_count(store);
        open(store).unwrap_or_else(|e| panic!("opening the {part}: {e:?}"));
        assert_eq!(audit_count(store), before + 1, "opening the {part} writes exactly one entry");
        let (got_action, entity, id, staff, changes) = newest(store);
        assert_eq!(got_action, *action, "the {part}: a view on screen, an export when printed");
        assert_eq!((entity.as_str(), id), ("participant", Some(p)), "the {part} is about participant {p}");
        assert_eq!(staff, Some(admin.staff_id), "who saw the {part}");
        assert_eq!(changes, vec![change("part", None, Some(part))], "the entry says which part was shown");
    }
    // The audit page names the person and the part in words.
    let rows = audit_trail::page(store, &admin, &AuditQuery { participant_id: Some(p), ..Default::default() }).unwrap();
    let newest_view = rows.rows.iter().find(|r| r.action == "view").unwrap();
    assert_eq!(newest_view.participant.as_ref().map(|p| p.name.as_str()), Some("Nguyễn Thị Ánh"));
    assert_eq!(newest_view.what, "payments ledger");
    assert_eq!(newest_view.action_label, "Viewed");
    assert!(newest_view.changes.is_empty(), "the part is the what, not a change: {newest_view:?}");
}

#[test]
fn a_refused_view_is_not_recorded_as_seen() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    add_staff(&mut desk, "hlee", "Hana Lee", "housing_locator");
    add_staff(&mut desk, "cmorris", "Carla Morris", "case_manager");
    let admin = session_of(&mut desk);
    let p = add_participant(desk.signed_in().unwrap().0, &admin, "Rosa Delgado");
    let locator = sign_in_as(&mut desk, "hlee");
    let store = desk.signed_in().unwrap().0;
    let before = audit_count(store);
    assert_forbidden(participants::get(store, &locator, p, moment()), "a locator sees the housing card only");
    assert_forbidden(casework::case(store, &locator, p, moment()), "nor the case");
    let case_manager = sign_in_as(&mut desk, "cmorris");
    let store = desk.signed_in().unwrap().0;
    let before_cm = audit_count(store);
    assert_eq!(before_cm, before + 2, "only the sign-out and sign-in were written for the locator's refusals");
    assert_forbidden(casework::case(store, &case_manager, p, moment()), "not their participant's case");
    assert_eq!(audit_count(store), before_cm, "a refused view shows nothing, so records nothing as seen");
}

#[test]
fn a_list_of_many_participants_is_one_entry_describing_the_query() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    for name in ["Thi Nguyễn", "Minh Nguyen", "Ana Silva"] {
        add_participant(store, &admin, name);
    }
    let before = audit_count(store);
    let query =
        ParticipantQuery { search: " ngu ".into(), status: Some(ParticipantStatus::Referred), ..Default::default() };
    let page = participants::list_for(store, &admin, &query, moment()).unwrap();
    assert_eq!(page.rows.len(), 2);
    assert_eq!(audit_count(store), before + 1, "one entry for the page, not one per name on it");
    let (action, entity, id, staff, changes) = newest(store);
    assert_eq!((action.as_str(), entity.as_str(), id, staff), ("view", "participant", None, Some(admin.staff_id)));
    assert_eq!(
        changes,
        vec![
            change("list", None, Some("participant list")),
            change("search", None, Some("ngu")),
            change("status", None, Some("Referred")),
            change("page", None, Some("1")),
        ],
        "the query, search text included, never the names shown"
    );

    dashboard::dashboard(store, &admin, dashboard::Scope::Office, moment()).unwrap();
    assert_eq!(audit_count(store), before + 2, "the home page's attention lists are one view too");
    let (action, _, id, _, changes) = newest(store);
    assert_eq!((action.as_str(), id), ("view", None));
    assert_eq!(changes[0], change("list", None, Some("home page")));
}

/// An office with two participants and three staff members at work on
/// three days of March 2026; answers the desk, the supervisor and the ids.
struct Trail {
    desk: housing_desk::desk::Desk,
    supervisor: Session,
    case_manager: Session,
    ana: i64,
    ben: i64,
}

/// A referral of 03/01/2026, so March's work on it is not in its future.
fn referred_in_march(name: &str) -> housing_desk::participants::ParticipantInput {
    housing_desk::participants::ParticipantInput {
        referral_date: "2026-03-01".into(),
        expected_release_date: "2026-04-01".into(),
        ..participant(name)
    }
}

fn trail(dir: &std::path::Path) -> Trail {
    let mut desk = admin_desk(dir);
    add_staff(&mut desk, "sjones", "Sam Jones", "supervisor");
    add_staff(&mut desk, "cmorris", "Carla Morris", "case_manager");
    let admin = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let ana = participants::create(store, &admin, &referred_in_march("Ana Silva"), noon("2026-03-10")).unwrap().id;
    let ben = participants::create(store, &admin, &referred_in_march("Ben Okoro"), noon("2026-03-10")).unwrap().id;
    let supervisor = sign_in_as(&mut desk, "sjones");
    let case_manager = sign_in_as(&mut desk, "cmorris");
    let store = desk.signed_in().unwrap().0;
    participants::get(store, &case_manager, ana, noon("2026-03-12")).unwrap();
    participants::get(store, &case_manager, ben, noon("2026-03-12")).unwrap();
    let changed =
        housing_desk::participants::ParticipantInput { phone: "312 555 0142".into(), ..referred_in_march("Ana Silva") };
    participants::update(store, &supervisor, ana, &changed, noon("2026-03-15")).unwrap();
    income_calc::save(store, &supervisor, ana, &crate::income::form(), noon("2026-03-15")).unwrap();
    engagement::overview(store, &supervisor, ben, noon("2026-03-16")).unwrap();
    Trail { desk, supervisor, case_manager, ana, ben }
}

#[test]
fn the_filters_choose_the_right_entries_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = trail(dir.path());
    let (sup, cm) = (t.supervisor.clone(), t.case_manager.clone());
    let store = t.desk.signed_in().unwrap().0;
    let rows = |q: AuditQuery| every_page(store, &sup, &q);
    let all = rows(AuditQuery::default());
    assert_eq!(all.len() as u64, audit_count(store), "no filter: every entry");
    assert!(all.windows(2).all(|w| (w[0].at.as_str(), w[0].id) > (w[1].at.as_str(), w[1].id)), "newest first");

    // By participant: Ana's record, her views, and the calculation kept for her.
    let ana = rows(AuditQuery { participant_id: Some(t.ana), ..Default::default() });
    let kinds: Vec<_> = ana.iter().map(|r| (r.action.as_str(), r.kind.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("create", "income_calculation"),
            ("update", "participant"),
            ("view", "participant"),
            ("create", "participant")
        ],
        "every entry about Ana and none about Ben"
    );
    assert!(ana.iter().all(|r| r.participant.as_ref().map(|p| p.id) == Some(t.ana)), "each row names Ana");
    let update = &ana[1];
    assert_eq!(update.who, "Sam Jones");
    assert!(
        update
            .changes
            .iter()
            .any(|c| c.field == "Phone" && c.old.is_none() && c.new.as_deref() == Some("(312) 555-0142")),
        "the change in plain words: {:?}",
        update.changes
    );

    // By staff member, kind of record, action, dates; and together.
    let by_cm = rows(AuditQuery { staff_id: Some(cm.staff_id), ..Default::default() });
    assert!(by_cm.iter().all(|r| r.who == "Carla Morris"));
    assert_eq!(by_cm.iter().filter(|r| r.action == "view").count(), 2, "her two views");
    let calculations = rows(AuditQuery { kind: "income_calculation".into(), ..Default::default() });
    assert_eq!(calculations.len(), 1);
    let views = rows(AuditQuery { action: "view".into(), ..Default::default() });
    assert_eq!(views.len(), 3, "two by the case manager, one by the supervisor");
    let on_the_12th = rows(AuditQuery { from: "03/12/2026".into(), to: "03/12/2026".into(), ..Default::default() });
    assert_eq!(on_the_12th.iter().map(|r| r.record_id).collect::<Vec<_>>(), [Some(t.ben), Some(t.ana)]);
    let from_the_15th = rows(AuditQuery { from: "2026-03-15".into(), ..Default::default() });
    let ids = |rows: &[AuditRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    let expected: Vec<_> = all.iter().filter(|r| r.at.as_str() >= "2026-03-15").cloned().collect();
    assert_eq!(ids(&from_the_15th), ids(&expected), "the 15th, the 16th and the setup of 11/23/2026");
    assert_eq!(from_the_15th.iter().filter(|r| r.at.starts_with("2026-03")).count(), 3);
    let to_the_15th = rows(AuditQuery { to: "03/15/2026".into(), ..Default::default() });
    let expected: Vec<_> = all.iter().filter(|r| r.at.as_str() < "2026-03-16").cloned().collect();
    assert_eq!(ids(&to_the_15th), ids(&expected), "to a day includes the whole of it");
    assert_eq!(to_the_15th.len(), 2 + 2 + 2, "created on the 10th, viewed on the 12th, changed on the 15th");
    let ben_viewed_by_sup = rows(AuditQuery {
        participant_id: Some(t.ben),
        staff_id: Some(sup.staff_id),
        action: "view".into(),
        from: "03/16/2026".into(),
        to: "03/16/2026".into(),
        ..Default::default()
    });
    assert_eq!(ben_viewed_by_sup.len(), 1);
    assert_eq!(ben_viewed_by_sup[0].what, "engagement visits");

    // Paging: small pages, followed to the end, give every row once.
    let paged = rows(AuditQuery { page_size: 2, ..Default::default() });
    assert_eq!(paged.iter().map(|r| r.id).collect::<Vec<_>>(), all.iter().map(|r| r.id).collect::<Vec<_>>());

    // What was typed wrong is said beside each field, all at once.
    let wrong = AuditQuery { from: "02/30/2026".into(), to: "soon".into(), kind: "x".into(), ..Default::default() };
    assert_eq!(fields(audit_trail::page(store, &sup, &wrong)), ["kind", "from", "to"]);
}

#[test]
fn the_csv_export_reads_back_with_every_entry_and_is_itself_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = trail(dir.path());
    let sup = t.supervisor.clone();
    let store = t.desk.signed_in().unwrap().0;
    // A name and a search text that need quoting: commas, quotes, a newline, accents.
    let odd = participants::create(store, &sup, &participant("Nguyễn, \"Ánh\" Thị"), moment()).unwrap().id;
    let query = ParticipantQuery { search: "ngu, \"a\"\nb".into(), ..Default::default() };
    participants::list_for(store, &sup, &query, moment()).unwrap();
    participants::get(store, &sup, odd, moment()).unwrap();

    let shown = every_page(store, &sup, &AuditQuery::default());
    let path = dir.path().join("audit trail.csv");
    let written = audit_trail::export_csv(store, &sup, &AuditQuery::default(), &path, moment()).unwrap();
    assert_eq!(written, shown.len() as u64, "every page, not only the first");

    let mut reader = csv::Reader::from_path(&path).unwrap();
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER, "a header row");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), shown.len());
    for (record, row) in records.iter().zip(&shown) {
        assert_eq!(&record[1], row.at, "the same entries in the same order");
        assert_eq!(&record[2], row.who);
        assert_eq!(&record[4], row.action_label);
        assert_eq!(&record[7], row.participant.as_ref().map(|p| p.name.as_str()).unwrap_or(""));
    }
    let viewed = &records[0];
    assert_eq!(&viewed[7], "Nguyễn, \"Ánh\" Thị", "the name survives its comma and quotes");
    assert_eq!(&viewed[8], odd.to_string());
    assert_eq!(&viewed[9], "record");
    let list = &records[1];
    assert_eq!(&list[9], "participant list");
    assert_eq!(&list[10], "Search: ngu, \"a\"\nb\nPage: 1", "the newline inside a field is quoted, not a new row");
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains("\"Nguyễn, \"\"Ánh\"\" Thị\""), "RFC 4180: quotes doubled inside a quoted field");

    let (action, entity, id, staff, changes) = newest(store);
    assert_eq!((action.as_str(), entity.as_str(), id, staff), ("export", "audit_log", None, Some(sup.staff_id)));
    assert!(changes.contains(&change("entries", None, Some(&written.to_string()))), "{changes:?}");

    // Filtered: only the participant's entries are written.
    let ana_path = dir.path().join("ana.csv");
    let ana = AuditQuery { participant_id: Some(t.ana), ..Default::default() };
    assert_eq!(audit_trail::export_csv(store, &sup, &ana, &ana_path, moment()).unwrap(), 4);
    let ana_rows = csv::Reader::from_path(&ana_path).unwrap().records().count();
    assert_eq!(ana_rows, 4);
    // Not a CSV: refused beside the path, nothing written.
    let wrong = dir.path().join("trail.xlsx");
    assert_eq!(fields(audit_trail::export_csv(store, &sup, &ana, &wrong, moment())), ["path"]);
    assert!(!wrong.exists());
    let _ = t.ben;
}

#[test]
fn only_supervisors_and_administrators_read_or_export_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    for role in Role::ALL {
        let session = Session { role: *role, ..admin.clone() };
        let path = dir.path().join(format!("{role:?}.csv"));
        let page = audit_trail::page(store, &session, &AuditQuery::default());
        let choices = audit_trail::choices(store, &session);
        let export = audit_trail::export_csv(store, &session, &AuditQuery::default(), &path, moment());
        if matches!(role, Role::Supervisor | Role::Administrator) {
            assert!(page.is_ok() && choices.is_ok() && export.is_ok(), "{role:?} may");
        } else {
            assert_forbidden(page, &format!("{role:?} may not read the trail"));
            assert_forbidden(choices, &format!("{role:?}"));
            assert_forbidden(export, &format!("{role:?} may not export it"));
            assert!(!path.exists(), "nothing written for {role:?}");
        }
    }
    let gate = |role| {
        housing_desk::permissions::judge(
            housing_desk::permissions::need_of("export_audit_trail").unwrap(),
            housing_desk::permissions::Who::Staff(role),
        )
    };
    assert!(gate(Role::Supervisor).is_ok() && gate(Role::Administrator).is_ok());
    assert!(
        gate(Role::CaseManager).is_err() && gate(Role::OfficeStaff).is_err() && gate(Role::HousingLocator).is_err()
    );
}

#[test]
fn no_one_can_change_or_delete_an_entry_even_with_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let admin = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let before = audit_count(store);
    let entries = housing_desk::store::audit::recent(store.conn(), 1000).unwrap();
    let update = store.conn().execute("UPDATE audit_log SET actor = 'someone else'", []);
    assert!(format!("{update:?}").contains("the audit trail cannot be changed"), "{update:?}");
    let delete = store.conn().execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", []);
    assert!(format!("{delete:?}").contains("the audit trail cannot be deleted"), "{delete:?}");
    // Inside a transaction too, as a repository function would run it.
    let in_tx: Result<(), housing_desk::store::StoreError> = store.with_tx(|tx| {
        tx.execute("DELETE FROM audit_log", [])?;
        Ok(())
    });
    assert!(in_tx.is_err(), "a transaction that deletes the trail is rolled back");
    assert_eq!(audit_count(store), before);
    assert_eq!(housing_desk::store::audit::recent(store.conn(), 1000).unwrap(), entries, "every entry as it was");
    // Adding goes on working.
    participants::list_for(store, &admin, &Default::default(), moment()).unwrap();
    assert_eq!(audit_count(store), before + 1);
}

#[test]
fn nothing_in_the_app_updates_or_deletes_the_trail() {
    // The triggers would refuse it at run time; this says where, before.
    let src = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
        for bad in ["update audit_log", "delete from audit_log", "drop trigger", "drop table audit_log"] {
            assert!(!text.contains(bad), "{} has {bad:?}", path.display());
        }
    }
}
