//! `make bench`: seeds 10,000 participants into a fresh encrypted store and
//! times what staff wait for: opening the store with its key, a name search
//! as they type, a page of the participants list, an income calculation and
//! its signed summary PDF, the units and the dashboard, and the money desk
//! (2,000 leases, 500,000 ledger rows): the monthly payment run, the ledger
//! pages, a unit's leases, the lease packet and the payment register, and the
//! program charts. Writes the figures, with the machine and the date, to
//! docs/benchmarks.md, followed by the installable app's figures from
//! docs/package-figures.md (`make package-figures`) when there are some.

use std::time::{Duration, Instant};

use chrono::{Datelike, Days, Months, NaiveDate, Utc};
use housing_desk::accounts::Session;
use housing_desk::demographics::{Demographics, Race, Sex, SubstanceUse, YesNoAnswer};
use housing_desk::desk::Moment;
use housing_desk::leases::Lease;
use housing_desk::participants::{
    ParticipantDetails, ParticipantQuery, ParticipantSort, ParticipantStatus, ReferralSource,
};
use housing_desk::rules::engagement::{month_end, month_start};
use housing_desk::rules::Money;
use housing_desk::store::key::DatabaseKey;
use housing_desk::store::{self as db, Store};
use housing_desk::validation::Choice;
use rust_decimal::Decimal;

const PARTICIPANTS: usize = 10_000;
const VISITS: usize = 200_000;
const UNITS: usize = 2_000;
const INSPECTIONS: usize = 10_000;
const PAYMENTS: usize = 500_000;
/// One reversal for every this many payments.
const REVERSE_EVERY: usize = 249;
const RUNS: usize = 50;
/// Runs of the figures that take seconds (the payment run and its register).
const LONG_RUNS: usize = 10;
/// How long one run of a money figure may take before it is stopped.
const STOP_AFTER: Duration = Duration::from_secs(60);
/// The unit whose lease packet is laid out, and whose inspection has
/// [`PACKET_ROOMS`] rooms so that the packet runs to about 20 pages: a
/// three-bedroom house under rental assistance (a HAP contract).
const PACKET_UNIT: i64 = 20;
const PACKET_ROOMS: &[&str] = &[
    "Bedroom 1",
    "Bedroom 2",
    "Bedroom 3",
    "Dining room",
    "Family room",
    "Den",
    "Hall",
    "Upstairs hall",
    "Enclosed porch",
];
/// A vacated master-leased unit with the next participant identified.
const VACATED_UNIT: i64 = 57;

struct Figure {
    what: String,
    budget: Duration,
    median: Duration,
    p95: Duration,
    /// Still running after [`STOP_AFTER`], and stopped.
    stopped: bool,
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.db");
    let key = DatabaseKey::generate();
    let mut store = Store::create(&path, &key).expect("a new store");
    let seeded = Instant::now();
    seed(&mut store);
    let seed_time = seeded.elapsed();
    store.close().expect("closing the seeded store");

    let mut figures = Vec::new();
    figures.push(measure("Open the store with its key (and check the schema)", 50, || {
        let store = Store::open(&path, &key).expect("open");
        std::hint::black_box(store.schema_version().expect("schema"));
    }));

    let store = Store::open(&path, &key).expect("open");
    let mut prefixes = ["n", "ng", "ngu", "nguy", "nguye", "nguyen"].iter().cycle();
    figures.push(measure("Search by name as it is typed (\"n\" … \"nguyen\"), first page", 20, || {
        let q = ParticipantQuery { search: prefixes.next().expect("cycle").to_string(), ..Default::default() };
        std::hint::black_box(housing_desk::participants::list(&store, &q).expect("search"));
    }));
    let mut page = 0u32;
    figures.push(measure("Load a page of 50 of the participants list, sorted by name", 20, || {
        page = page % 200 + 1;
        let q = ParticipantQuery { page, page_size: 50, ..Default::default() };
        std::hint::black_box(housing_desk::participants::list(&store, &q).expect("list"));
    }));
    figures.push(measure("Load the list filtered by status, sorted by discharge date, descending", 20, || {
        let q = ParticipantQuery {
            status: Some(ParticipantStatus::Referred),
            sort: ParticipantSort::ExpectedReleaseDate,
            descending: true,
            ..Default::default()
        };
        std::hint::black_box(housing_desk::participants::list(&store, &q).expect("list"));
    }));

    // The income calculation and its signed summary (issue budget: PDF under 100 ms).
    let mut store = Store::open(&path, &key).expect("open");
    let (session, participant) = staff_and_participant(&mut store);
    let form = calculation_form();
    let when = housing_desk::desk::Moment::now();
    figures.push(measure("Work out one income calculation (with the figures in force on its date)", 20, || {
        std::hint::black_box(housing_desk::income_calc::preview(&store, participant, &form).expect("preview"));
    }));
    let saved = housing_desk::income_calc::save(&mut store, &session, participant, &form, when).expect("save");
    figures.push(measure("Lay out the signed income calculation summary PDF", 100, || {
        std::hint::black_box(housing_desk::income_calc::summary_pdf(&store, saved.id, when.today).expect("pdf"));
    }));

    seed_journey(&mut store, &session, when.today);
    // The locator's desk: unit search and the inspection report (budgets 20 and 100 ms).
    let inspection = seed_units(&mut store, &session, when);
    let mut county = ["", "Cook", "Sangamon"].iter().cycle();
    figures.push(measure("Units: a page of the list, filtered by status and bedrooms", 20, || {
        let q = housing_desk::units::UnitQuery {
            status: Some(housing_desk::units::UnitStatus::Passed),
            min_bedrooms: Some(1),
            county: county.next().expect("cycle").to_string(),
            page: 1,
            ..Default::default()
        };
        std::hint::black_box(housing_desk::units::list(&store, &q, when.today).expect("units"));
    }));
    figures.push(measure("Units: search by address within the 1-bedroom payment standard", 20, || {
        let q = housing_desk::units::UnitQuery {
            search: "lawndale".into(),
            within_payment_standard_for: Some(1),
            page: 1,
            ..Default::default()
        };
        std::hint::black_box(housing_desk::units::list(&store, &q, when.today).expect("units"));
    }));
    figures.push(measure("A unit's page: details, inspections, comparisons, checks, incentives", 50, || {
        std::hint::black_box(housing_desk::units::view(&store, 1, when.today).expect("unit"));
    }));
    figures.push(measure("Lay out the HQS inspection report PDF (84 items)", 100, || {
        std::hint::black_box(housing_desk::housing_documents::inspection_report(&store, inspection).expect("pdf"));
    }));

    // The dashboard, with every kind of item (inspections included), for the
    // whole office and for one staff member (budget: under 50 ms).
    figures.push(measure("Dashboard: what needs attention for the whole office", 50, || {
        std::hint::black_box(
            housing_desk::dashboard::dashboard(&store, &session, housing_desk::dashboard::Scope::Office, when)
                .expect("dashboard"),
        );
    }));
    figures.push(measure("Dashboard: what needs attention for one staff member", 50, || {
        std::hint::black_box(
            housing_desk::dashboard::dashboard(&store, &session, housing_desk::dashboard::Scope::Mine, when)
                .expect("dashboard"),
        );
    }));

    // The money desk (issue budgets: the run 2 s, a ledger page or a unit's
    // leases 50 ms, the lease packet 300 ms, the register 2 s). The run the
    // register lays out is prepared before the ledger's three years are
    // written: the register reads the run's lines, not the ledger, and
    // preparing the run on the full ledger takes as long as the first figure.
    let seeded = Instant::now();
    let desk = seed_leases(&mut store, &session, when);
    let today = when.today;
    let run_month = month_end(today).succ_opt().expect("next month");
    let run = housing_desk::payment_run::prepare(&mut store, &session, &run_month.to_string(), when).expect("run");
    let payments = seed_payments(&mut store, &session, &desk, when);
    let money_seed_time = seeded.elapsed();
    let stop = store.conn().get_interrupt_handle();
    let mut run_lines = 0;
    figures.push(measure_stoppable(
        "Payment run: prepare the month's lines over 2,000 leases",
        2_000,
        LONG_RUNS,
        &stop,
        || {
            run_lines = std::hint::black_box(housing_desk::payment_run::compute_lines(&store, run_month, today)?).len();
            Ok(())
        },
    ));
    let tenant = tenant_of(PACKET_UNIT);
    let tenant_payments = store
        .conn()
        .query_row("SELECT count(*) FROM payment WHERE participant_id = ?1", [tenant], |r| r.get::<_, i64>(0))
        .expect("count");
    figures.push(measure_stoppable("A participant's payments and limits page", 50, RUNS, &stop, || {
        std::hint::black_box(housing_desk::ledger::participant_ledger(&store, &session, tenant, when)?);
        Ok(())
    }));
    let last_month = month_start(month_start(today).pred_opt().expect("last month"));
    let (from, to) = (last_month.to_string(), month_end(last_month).to_string());
    figures.push(measure_stoppable("The office ledger for a month with totals by category", 50, RUNS, &stop, || {
        std::hint::black_box(housing_desk::ledger::office_ledger(&store, &session, &from, &to, "")?);
        Ok(())
    }));
    // The program charts over the whole store: twelve months of stages,
    // housing, days to housing and engagement, and the year's spending by
    // category (budget: any screen's data under 50 ms).
    figures.push(measure_stoppable(
        "Program charts: 12 months of stages, housed, days to housing, engagement; the year's spending",
        50,
        RUNS,
        &stop,
        || {
            std::hint::black_box(housing_desk::reports::charts::program_charts(&store, &session, today)?);
            Ok(())
        },
    ));
    figures.push(measure_stoppable("A unit's leases", 50, RUNS, &stop, || {
        std::hint::black_box(housing_desk::leases::for_unit(&store, VACATED_UNIT, today)?);
        Ok(())
    }));
    let templates = tempfile::tempdir().expect("a templates folder");
    let packet = |store: &Store| {
        housing_desk::lease_documents::lease_packet(store, &session, desk.packet_lease, today, templates.path())
    };
    let pages = pdf_pages(&packet(&store).expect("lease packet").1);
    figures.push(measure_stoppable(format!("Lay out a {pages}-page lease packet PDF"), 300, RUNS, &stop, || {
        std::hint::black_box(packet(&store)?);
        Ok(())
    }));
    figures.push(measure_stoppable(
        format!("Lay out the payment register of {} lines", thousands(run.lines.len())),
        2_000,
        LONG_RUNS,
        &stop,
        || {
            std::hint::black_box(housing_desk::lease_documents::payment_register(&store, &session, run.id, today)?);
            Ok(())
        },
    ));

    // The reports (issue budgets: the monthly workbook for everyone in 2 s,
    // the quarterly data in 1 s), on the whole ledger.
    let report_month = last_month.format("%Y-%m").to_string();
    let mut report_rows = 0;
    figures.push(measure_stoppable(
        "Reports: the month's participant data counted and checked",
        2_000,
        LONG_RUNS,
        &stop,
        || {
            report_rows =
                std::hint::black_box(housing_desk::reports::monthly_preview(&store, &session, &report_month, today)?)
                    .participants;
            Ok(())
        },
    ));
    figures.push(measure_stoppable(
        format!(
            "Reports: produce the monthly participant workbook ({} rows) and keep it",
            thousands(report_rows as usize)
        ),
        2_000,
        LONG_RUNS,
        &stop,
        || {
            std::hint::black_box(housing_desk::reports::produce_monthly(
                &mut store,
                &session,
                &report_month,
                housing_desk::reports::ReportKind::Monthly,
                when,
            )?);
            Ok(())
        },
    ));
    let last_quarter = housing_desk::rules::reporting::quarter_of(
        housing_desk::rules::reporting::quarter_of(today).0.pred_opt().expect("last quarter"),
    )
    .0;
    let quarter_code = format!("{}-Q{}", last_quarter.year(), last_quarter.month0() / 3 + 1);
    figures.push(measure_stoppable(
        "Reports: the quarter's performance and spending figures",
        1_000,
        LONG_RUNS,
        &stop,
        || {
            std::hint::black_box(housing_desk::reports::quarterly_preview(&store, &session, &quarter_code, today)?);
            Ok(())
        },
    ));
    figures.push(measure_stoppable(
        "Reports: produce the quarterly financial workbook",
        1_000,
        LONG_RUNS,
        &stop,
        || {
            std::hint::black_box(housing_desk::reports::produce_quarterly(
                &mut store,
                &session,
                &quarter_code,
                housing_desk::reports::ReportKind::QuarterlyFinancial,
                housing_desk::reports::QuarterlyFormat::Workbook,
                when,
            )?);
            Ok(())
        },
    ));

    // Backups at full size. The issue sets no budget: a backup runs while
    // people work, so seconds (10 s here); the check before a restore reads
    // every page twice (HMACs, then SQLite's full integrity check) while
    // nobody works, once in a long while (30 s here).
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("a folder for backups");
    let mut copy_number = 0;
    let mut last_copy = backups.join("none");
    figures.push(measure_stoppable(
        "Back up the whole store: a consistent encrypted copy while it is open",
        10_000,
        5,
        &stop,
        || {
            copy_number += 1;
            last_copy = backups.join(format!("copy-{copy_number}.db"));
            std::hint::black_box(housing_desk::store::backup::export_copy(store.conn(), &last_copy)?);
            Ok(())
        },
    ));
    let copy_bytes = std::fs::metadata(&last_copy).map(|m| m.len()).unwrap_or(0);
    figures.push(measure_stoppable(
        format!(
            "Check a backup before restoring it ({:.0} MB): every page's HMAC, SQLite's integrity check",
            copy_bytes as f64 / 1_048_576.0
        ),
        30_000,
        5,
        &stop,
        || {
            std::hint::black_box(housing_desk::store::backup::check_copy(&last_copy, &key)?);
            Ok(())
        },
    ));

    let run_words = match run_lines {
        0 => "was stopped before its lines were known".to_string(),
        n => format!("has {} lines", thousands(n)),
    };
    let money = format!(
        " The money desk: {} leases, one per unit ({} under the master lease option, {} moved out within the \
         vacancy window, {} of those with the next participant identified), and {PAYMENTS} ledger rows over three \
         years across the {PARTICIPANTS} participants ({} of them reversals), seeded in {}. The run for {} \
         {run_words}; the register lays out the run prepared before the ledger was written ({} lines, {} \
         held); the participant's page lists {tenant_payments} payments. The run and the register are over \
         {LONG_RUNS} runs; a figure whose first run is over ten times its budget is that one run, and one still \
         running after {} s is stopped.",
        desk.leases.len(),
        desk.master_leases,
        desk.moved_out,
        desk.next_participants,
        payments.reversals,
        ms(money_seed_time),
        run_month.format("%B %Y"),
        thousands(run.lines.len()),
        run.held,
        STOP_AFTER.as_secs(),
    );
    // The audit trail: a million entries, then the audit page's filters.
    let audit_seeded = Instant::now();
    seed_audit(&store, AUDIT_ENTRIES);
    let audit_seed_time = audit_seeded.elapsed();
    figures.extend(audit_figures(&store, &session, tenant, when));
    let money = format!(
        "{money} The audit trail: {} entries (views, changes, sign-ins by 40 staff over three years), seeded in {}.",
        thousands(AUDIT_ENTRIES),
        ms(audit_seed_time)
    );
    let report = render(&figures, seed_time, &money);
    print!("{report}");
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    std::fs::create_dir_all(&docs).expect("docs folder");
    // The installable app's figures (scripts/measure-package.sh) follow ours,
    // so that neither writer loses the other's.
    let package = std::fs::read_to_string(docs.join("package-figures.md")).map_or(String::new(), |f| format!("\n{f}"));
    std::fs::write(docs.join("benchmarks.md"), report + &package).expect("writing docs/benchmarks.md");
    if figures.iter().any(|f| f.median > f.budget) {
        eprintln!("a figure is over its budget");
        std::process::exit(1);
    }
}

const AUDIT_ENTRIES: usize = 1_000_000;

/// `n` audit entries in one statement: three in four views of a
/// participant's record, the rest changes and sign-ins, by 40 staff ids,
/// spread over three years up to now, oldest first (as they are written).
fn seed_audit(store: &Store, n: usize) {
    store
        .conn()
        .execute(
            "WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < ?1)
             INSERT INTO audit_log (at, staff_id, actor, action, entity, entity_id, changes)
             SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now', printf('-%d seconds', (?1 - k) * 94)),
                    NULL, printf('staff%d', k % 40),
                    CASE WHEN k % 4 < 3 THEN 'view' WHEN k % 8 = 3 THEN 'update' ELSE 'sign_in' END,
                    CASE WHEN k % 8 = 7 THEN 'session' ELSE 'participant' END,
                    CASE WHEN k % 8 = 7 THEN NULL ELSE k % ?2 + 1 END,
                    CASE WHEN k % 4 < 3 THEN '[{\"field\":\"part\",\"old\":null,\"new\":\"case\"}]' END
             FROM i",
            rusqlite::params![n as i64, PARTICIPANTS as i64],
        )
        .expect("seeding the audit trail");
}

/// The audit page at a million entries (budget 50 ms, a screen), and one
/// audited view of a record.
fn audit_figures(store: &Store, session: &Session, participant: i64, when: Moment) -> Vec<Figure> {
    use housing_desk::audit_trail::{self, AuditQuery};
    let page = |q: &AuditQuery| std::hint::black_box(audit_trail::page(store, session, q).expect("audit page"));
    let mut figures = vec![measure("Audit trail: the newest page of 50, no filter", 50, || {
        page(&AuditQuery::default());
    })];
    let newest = page(&AuditQuery::default());
    let deep = AuditQuery { after: newest.next.clone(), ..Default::default() };
    figures.push(measure("Audit trail: the next page of 50 (keyset)", 50, || {
        page(&deep);
    }));
    let person = AuditQuery { participant_id: Some(participant), ..Default::default() };
    figures.push(measure("Audit trail: one participant's entries, newest 50", 50, || {
        page(&person);
    }));
    let last_month = (when.today - chrono::Days::new(30)).format("%m/%d/%Y").to_string();
    let views = AuditQuery { action: "view".into(), from: last_month, ..Default::default() };
    figures.push(measure("Audit trail: views in the last 30 days, newest 50", 50, || {
        page(&views);
    }));
    figures.push(measure("Open a participant's record, with its view audited", 50, || {
        std::hint::black_box(housing_desk::participants::get(store, session, participant, when).expect("record"));
    }));
    figures
}

fn seed(store: &mut Store) {
    const FIRST: &[&str] = &[
        "Thi", "Maria", "James", "Łukasz", "Aaliyah", "José", "Keisha", "Dmitri", "Ngozi", "Wei", "Fatima", "Robert",
        "Zoë", "Hiroshi", "Ana", "DeShawn", "Olga", "Miguel", "Siobhán", "Kwame",
    ];
    const LAST: &[&str] = &[
        "Nguyễn",
        "Okafor",
        "Johnson",
        "Wójcik",
        "García",
        "Washington",
        "Petrov",
        "Adeyemi",
        "Chen",
        "Haddad",
        "Smith",
        "Müller",
        "Tanaka",
        "Silva",
        "Jackson",
        "Kowalski",
        "Hernández",
        "O'Brien",
        "Mensah",
        "Brown",
    ];
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let now = Utc::now();
    store
        .with_tx(|tx| {
            for i in 0..PARTICIPANTS {
                let d = ParticipantDetails {
                    legal_name: format!("{} {} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()], i),
                    preferred_name: (i % 7 == 0).then(|| FIRST[(i + 3) % FIRST.len()].to_string()),
                    birth_date: NaiveDate::from_ymd_opt(
                        1950 + (i % 50) as i32,
                        1 + (i % 12) as u32,
                        1 + (i % 28) as u32,
                    )
                    .expect("date"),
                    phone: Some(format!("(312) 555-{:04}", i % 10_000)),
                    email: None,
                    last_known_location: Some("Pacific Garden Mission".into()),
                    referral_source: ReferralSource::ALL[i % ReferralSource::ALL.len()],
                    referring_organization: Some("Cook County Jail".into()),
                    referring_contact: None,
                    referral_date: start.checked_add_days(Days::new((i % 1000) as u64)).expect("date"),
                    expected_release_date: (i % 3 == 0)
                        .then(|| start.checked_add_days(Days::new((i % 1000 + 30) as u64)).expect("date")),
                    status: ParticipantStatus::ALL[i % ParticipantStatus::ALL.len()],
                    demographics: Demographics {
                        sex: Sex::ALL[i % Sex::ALL.len()],
                        race_ethnicity: vec![Race::ALL[i % Race::ALL.len()]],
                        veteran_status: YesNoAnswer::ALL[i % 3],
                        disabling_condition: YesNoAnswer::Yes,
                        mental_health_disorder: YesNoAnswer::ALL[(i + 1) % 2],
                        substance_use_disorder: SubstanceUse::ALL[i % 4],
                        ..Demographics::default()
                    },
                };
                db::participants::insert(tx, &d, now)?;
            }
            Ok::<_, db::StoreError>(())
        })
        .expect("seeding");
}

/// Visits, screenings, stays, waiting lists and income calculations across
/// the participants, as a busy office would have after two years.
fn seed_journey(store: &mut Store, session: &housing_desk::accounts::Session, today: NaiveDate) {
    let now = Utc::now();
    let created = db::audit::timestamp(now);
    store
        .with_tx(|tx| {
            for j in 0..VISITS {
                let participant_id = (j % PARTICIPANTS) as i64 + 1;
                let visit_date = today.checked_sub_days(Days::new((j * 7 % 730) as u64)).expect("date");
                db::visits::insert(
                    tx,
                    &db::visits::NewVisit {
                        participant_id,
                        visit_date,
                        kind: ["home", "community", "phone"][j % 3],
                        minutes: 45,
                        with_whom: None,
                        notes: Some("Talked about the lease and the IOP intake."),
                        linkages: "[]",
                        staff_id: session.staff_id,
                        created_at: &created,
                    },
                )?;
            }
            for i in 0..PARTICIPANTS {
                let id = i as i64 + 1;
                if i % 4 == 0 {
                    tx.execute(
                        "UPDATE participant SET case_manager_id = ?1 WHERE id = ?2",
                        rusqlite::params![session.staff_id, id],
                    )?;
                }
                if i % 10 == 1 {
                    db::journey::start_screening(tx, id, session.staff_id, now)?;
                }
                if i % 5 == 2 {
                    let as_of = today.checked_sub_days(Days::new((i % 400) as u64)).expect("date");
                    tx.execute(
                        "INSERT INTO income_calculation (participant_id, kind, as_of, details, input, result, staff_id,
                             created_at, applies, applies_from)
                         VALUES (?1, 'annual_recertification', ?2, '{}', '{}', '{}', ?3, ?4, 1, ?2)",
                        rusqlite::params![id, as_of, session.staff_id, created],
                    )?;
                }
                if i % 20 == 3 {
                    let start = today.checked_sub_days(Days::new((i % 100) as u64)).expect("date");
                    tx.execute(
                        "INSERT INTO stay (participant_id, kind, place, start_date, created_at)
                         VALUES (?1, 'temporary_housing', 'Lawndale SRO', ?2, ?3)",
                        rusqlite::params![id, start, created],
                    )?;
                }
                if i % 8 == 5 {
                    let opens = today.checked_add_days(Days::new((i % 30) as u64)).expect("date");
                    tx.execute(
                        "INSERT INTO waitlist_registration (participant_id, list, status, opens_on, updated_at)
                         VALUES (?1, 'hcv', 'agreed', ?2, ?3)",
                        rusqlite::params![id, opens, created],
                    )?;
                }
            }
            Ok::<_, db::StoreError>(())
        })
        .expect("seeding the journey");
}

/// 2,000 units of 400 landlords with 10,000 inspections (every item of the
/// checklist), answering the id of a failed inspection to print.
fn seed_units(store: &mut Store, session: &housing_desk::accounts::Session, when: housing_desk::desk::Moment) -> i64 {
    use housing_desk::inspections::{InspectionInput, ItemInput};
    let streets = ["S Lawndale Ave", "W Ogden Ave", "S Homan Ave", "N Clark St", "E 63rd St", "S Pulaski Rd"];
    for l in 0..UNITS / 5 {
        let landlord = housing_desk::landlords::LandlordInput {
            name: format!("Owner {l}"),
            organization: format!("Properties {l} LLC"),
            role: "owner".into(),
            grantee_relation: "none".into(),
            ..Default::default()
        };
        let landlord = housing_desk::landlords::create(store, session, &landlord, when).expect("landlord");
        for u in 0..5 {
            let n = l * 5 + u;
            let unit = housing_desk::units::UnitInput {
                landlord_id: landlord.id.to_string(),
                street: format!("{} {}", 1000 + n, streets[n % streets.len()]),
                city: if n % 4 == 0 { "Springfield".into() } else { "Chicago".into() },
                zip: "60623".into(),
                county: if n % 4 == 0 { "Sangamon".into() } else { "Cook".into() },
                housing_type: "low_rise".into(),
                bedrooms: (n % 4).to_string(),
                asking_rent: format!("{}", 800 + (n % 900)),
                status: "prospect".into(),
                temporary: n % 25 == 0,
                ..Default::default()
            };
            housing_desk::units::create(store, session, &unit, when).expect("unit");
        }
    }
    let template = housing_desk::inspections::template(store).expect("template");
    let mut last_failed = 0;
    for i in 0..INSPECTIONS {
        let unit_id = (i % UNITS) as i64 + 1;
        let fail = i % 3 == 0;
        let mut items = Vec::new();
        for s in &template.sections {
            let rooms: Vec<String> =
                if s.per_room { vec!["Bedroom 1".into(), "Hall".into()] } else { vec![String::new()] };
            for room in rooms {
                for t in &s.items {
                    let failed = fail && t.code == "2.10";
                    items.push(ItemInput {
                        code: t.code.clone(),
                        room: room.clone(),
                        result: if failed { "fail".into() } else { "pass".into() },
                        comment: if failed {
                            "Two burners do not light; the oven door hinge is broken".into()
                        } else {
                            String::new()
                        },
                        responsible: if failed { "owner".into() } else { String::new() },
                    });
                }
            }
        }
        let days = (INSPECTIONS - i) as u64 / 10;
        let input = InspectionInput {
            kind: if i < UNITS { "initial".into() } else { "annual".into() },
            inspected_on: when.today.checked_sub_days(Days::new(days)).expect("date").to_string(),
            inspector: "Łukasz Wójcik".into(),
            children_under_6: "0".into(),
            rooms: vec!["Bedroom 1".into(), "Hall".into()],
            items,
            ..Default::default()
        };
        let recorded = housing_desk::inspections::record(store, session, unit_id, &input, when).expect("inspection");
        if fail {
            last_failed = recorded.id;
        }
    }
    last_failed
}

/// The leases of the money desk, as seeded.
struct MoneyDesk {
    leases: Vec<Lease>,
    master_leases: usize,
    moved_out: usize,
    next_participants: usize,
    packet_lease: i64,
    /// The units whose tenant pays utilities.
    tenant_pays_utilities: std::collections::HashSet<i64>,
}

/// The participant leased unit `unit` (ids 1, 6, 11, …: never one with the
/// placeholder calculations `seed_journey` writes, whose ids are 3 mod 5).
fn tenant_of(unit: i64) -> i64 {
    5 * (unit - 1) + 1
}

/// One lease per unit, each as the office makes it: the unit passed its
/// inspection (a follow-up that passes where the last one failed), the rent
/// certified reasonable, the participant's income calculation saved and the
/// payment standard checked. The studios (a quarter) are master leases; one
/// lease in 25 moved out 5 to 75 days ago, and half of the vacated
/// master-leased units have the next participant identified. In the studios
/// and one-bedrooms the tenant pays gas heat and lights (the CHA schedule);
/// one participant in ten has no income.
fn seed_leases(store: &mut Store, session: &Session, when: Moment) -> MoneyDesk {
    use housing_desk::comparisons::{self, ComparableInput, ComparisonInput};
    use housing_desk::leases::{self, LeaseInput, MoveOutInput, NextParticipantInput};
    use housing_desk::payment_check::{self, CheckInput};
    let today = when.today;
    // The contract gives the owner and the participant the office's phone.
    let contact = housing_desk::office::ContactInput {
        mailing_address: "1401 S Lawndale Ave\nChicago, IL 60623".into(),
        phone: "(773) 555-0142".into(),
    };
    housing_desk::office::set_contact(store, session, &contact, when).expect("office contact");
    let schedule = housing_desk::reference::ScheduleImport {
        name: "CHA apartments 2026".into(),
        pha: "Chicago Housing Authority".into(),
        unit_type: "apartment".into(),
        effective_from: "2026-01-01".into(),
        source: "CHA utility allowance schedule, HUD-52667".into(),
        csv: "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\n\
              heating,natural gas,38,45,52,60,68,75\n\
              cooking,electric,6,7,9,11,13,15\n\
              other electric,,20,25,33,41,50,58\n"
            .into(),
    };
    housing_desk::reference::import_utility_schedule(store, session, &schedule, when).expect("schedule");
    let schedule = housing_desk::reference::utility_schedules(store).expect("schedules")[0].id.to_string();
    store
        .with_tx(|tx| {
            for u in 1..=UNITS as i64 {
                tx.execute("UPDATE participant SET status = 'enrolled' WHERE id = ?1", [tenant_of(u)])?;
            }
            // Only where the unit is no bigger than the one bedroom a
            // participant is allowed: larger units would give the income
            // calculation and the payment standard check different allowances.
            tx.execute(
                "UPDATE unit SET owner_utilities = '[\"water\",\"trash\"]',
                     tenant_utilities = '[[\"heating\",\"natural_gas\"],[\"other_electric\",\"none\"]]'
                 WHERE bedrooms <= 1",
                [],
            )?;
            Ok::<_, db::StoreError>(())
        })
        .expect("enrolling");
    let template = housing_desk::inspections::template(store).expect("template");
    let mut desk = MoneyDesk {
        leases: Vec::new(),
        master_leases: 0,
        moved_out: 0,
        next_participants: 0,
        packet_lease: 0,
        tenant_pays_utilities: Default::default(),
    };
    for u in 1..=UNITS as i64 {
        let n = u as u64;
        let unit = housing_desk::units::get(store, u).expect("unit");
        let d = unit.details;
        let standing = housing_desk::inspections::for_unit(store, u, today).expect("inspections");
        if u == PACKET_UNIT || !standing.assistance_allowed {
            let rooms: &[&str] = if u == PACKET_UNIT { PACKET_ROOMS } else { &["Bedroom 1", "Hall"] };
            let kind = if standing.assistance_allowed { "special" } else { "follow_up" };
            let passed = all_pass(&template, rooms, kind, today);
            housing_desk::inspections::record(store, session, u, &passed, when).expect("passed inspection");
        }
        let master = d.bedrooms == 0;
        let option = if master { "master_lease" } else { "rental_assistance" };
        let sangamon = d.county == "Sangamon";
        let rent = d.asking_rent.0.min(Decimal::from(if sangamon { 890 } else { 1450 }));
        let schedule = (!d.tenant_utilities.is_empty()).then_some(schedule.as_str());
        if schedule.is_some() {
            desk.tenant_pays_utilities.insert(u);
        }
        let participant = tenant_of(u);
        let form = lease_calculation(u, sangamon, d.bedrooms, option, rent, schedule);
        housing_desk::income_calc::save(store, session, participant, &form, when).expect("calculation");
        let comparable = |r: Decimal, k: u64| ComparableInput {
            address: format!("{} S Homan Ave, {}", 1500 + n + k, d.city),
            bedrooms: d.bedrooms.to_string(),
            housing_type: "low_rise".into(),
            square_feet: "700".into(),
            year_built: "1925".into(),
            quality: "good".into(),
            amenities: "".into(),
            utilities_included: "water, trash".into(),
            rent: r.to_string(),
            source: "Zillow listing".into(),
            seen_on: (today - Days::new(10 + k)).to_string(),
        };
        let reasonable = ComparisonInput {
            proposed_rent: rent.to_string(),
            comparables: vec![
                comparable(rent - Decimal::from(25), 1),
                comparable(rent + Decimal::from(50), 2),
                comparable(rent + Decimal::from(100), 3),
            ],
            determination: "reasonable".into(),
            notes: "".into(),
        };
        comparisons::certify(store, session, u, &reasonable, when).expect("rent comparison");
        let check = CheckInput {
            participant_id: participant.to_string(),
            contract_rent: rent.to_string(),
            ua_schedule_id: schedule.unwrap_or_default().into(),
            ..Default::default()
        };
        let check = payment_check::record(store, session, u, &check, when).expect("payment standard check");
        assert!(check.result.passes, "unit {u}: {}", check.result.summary);
        // Begun 30 days to three years ago; the current term runs past today.
        let start = today - Days::new(30 + n * 97 % 1_065);
        let years = (today - start).num_days() as u32 / 365 + 1;
        let end = (start + Months::new(12 * years)).pred_opt().expect("end");
        let move_in = if n % 7 == 3 { start + Days::new(5) } else { start };
        let input = LeaseInput {
            participant_id: participant.to_string(),
            option: option.into(),
            start_date: start.to_string(),
            end_date: end.to_string(),
            move_in_date: move_in.to_string(),
            contract_rent: rent.to_string(),
        };
        let mut lease = leases::create(store, session, u, &input, when).expect("lease");
        if u % 25 == 7 {
            let out_on = today - Days::new(5 + n * 13 % 70);
            let out = MoveOutInput { move_out_date: out_on.to_string(), reason: "Moved in with family".into() };
            lease = leases::move_out(store, session, lease.id, &out, when).expect("move-out");
            desk.moved_out += 1;
            if master && (u / 100) % 2 == 0 {
                let next = NextParticipantInput {
                    participant_id: (participant + 1).to_string(),
                    identified_on: (out_on + Days::new(3)).to_string(),
                    moves_in_on: (out_on + Days::new(60)).to_string(),
                };
                lease = leases::set_next_participant(store, session, lease.id, &next, when).expect("next participant");
                desk.next_participants += 1;
            }
        }
        if u == PACKET_UNIT {
            desk.packet_lease = lease.id;
        }
        desk.master_leases += usize::from(master);
        desk.leases.push(lease);
    }
    desk
}

/// Unit `unit`'s participant's income calculation: SSI and a few hours of
/// work, SSDI, or (one in ten) no income at all; the utility allowance from
/// `schedule` where the tenant pays gas heat and lights, else none.
fn lease_calculation(
    unit: i64,
    sangamon: bool,
    bedrooms: u32,
    option: &str,
    rent: Decimal,
    schedule: Option<&str>,
) -> housing_desk::income_calc::CalculationForm {
    use housing_desk::income_calc::TenantUtilityForm;
    let mut form = calculation_form();
    form.area_id = if sangamon { "2".into() } else { "1".into() };
    form.unit_bedrooms = bedrooms.to_string();
    form.option = option.into();
    form.contract_rent = rent.to_string();
    form.utility_allowance = "0".into();
    if let Some(schedule) = schedule {
        form.ua_schedule_id = schedule.into();
        form.tenant_utilities = vec![
            TenantUtilityForm { utility: "heating".into(), fuel: "natural_gas".into() },
            TenantUtilityForm { utility: "other_electric".into(), fuel: String::new() },
        ];
        form.utility_allowance = String::new();
    }
    if unit % 10 == 0 {
        form.income.clear();
    } else if unit % 3 == 0 {
        form.income.truncate(1);
        form.income[0].source = "ssdi".into();
        form.income[0].amount = "1250.00".into();
    }
    form
}

/// Every item of the checklist passed, section 4 once per room.
fn all_pass(
    template: &housing_desk::inspections::Template,
    rooms: &[&str],
    kind: &str,
    on: NaiveDate,
) -> housing_desk::inspections::InspectionInput {
    use housing_desk::inspections::{InspectionInput, ItemInput};
    let mut items = Vec::new();
    for s in &template.sections {
        let section_rooms: Vec<&str> = if s.per_room { rooms.to_vec() } else { vec![""] };
        for room in section_rooms {
            for t in &s.items {
                items.push(ItemInput {
                    code: t.code.clone(),
                    room: room.into(),
                    result: "pass".into(),
                    ..Default::default()
                });
            }
        }
    }
    InspectionInput {
        kind: kind.into(),
        inspected_on: on.to_string(),
        inspector: "Łukasz Wójcik".into(),
        children_under_6: "0".into(),
        rooms: rooms.iter().map(|r| r.to_string()).collect(),
        items,
        staff_minutes: "90".into(),
        ..Default::default()
    }
}

/// A ledger row before it is written.
struct Row {
    category: &'static str,
    participant: i64,
    unit: Option<i64>,
    lease: Option<i64>,
    payee: String,
    payee_kind: &'static str,
    paid_on: NaiveDate,
    period: Option<(NaiveDate, NaiveDate)>,
    amount: Money,
}

/// What `seed_payments` wrote.
struct Payments {
    reversals: usize,
}

/// [`PAYMENTS`] ledger rows over the last three years, written in the order
/// they were paid: each lease's monthly rent (and utilities, and the
/// subsistence allowance of participants with no income) through this month,
/// with its deposit, fees and moving costs; engagement services, temporary
/// housing and transition costs across every participant; and one payment in
/// [`REVERSE_EVERY`] reversed by a later entry.
fn seed_payments(store: &mut Store, session: &Session, desk: &MoneyDesk, when: Moment) -> Payments {
    let today = when.today;
    let cents = |c: i64| Money(Decimal::new(c, 2));
    let reversals = PAYMENTS / (REVERSE_EVERY + 1);
    let originals = PAYMENTS - reversals;
    let mut rows: Vec<Row> = Vec::with_capacity(originals);
    for lease in &desk.leases {
        let (participant, unit) = (lease.participant_id, Some(lease.unit_id));
        let master = lease.option == housing_desk::rules::rent::LeasingOption::MasterLease;
        let no_income = lease.unit_id % 10 == 0;
        let tenant_pays_utilities = desk.tenant_pays_utilities.contains(&lease.unit_id);
        let one_time = |category, payee: &str, payee_kind, amount| Row {
            category,
            participant,
            unit,
            lease: Some(lease.id),
            payee: payee.into(),
            payee_kind,
            paid_on: lease.start_date - Days::new(5),
            period: None,
            amount,
        };
        rows.push(one_time("rental_application_fee", &lease.landlord_name, "owner", cents(5_000)));
        rows.push(one_time("inspection_cost", "Chicago HQS Inspections", "vendor", cents(15_000)));
        rows.push(one_time("security_deposit", &lease.landlord_name, "owner", lease.signed.contract_rent));
        rows.push(one_time("transition_assistance", "Two Men and a Truck", "vendor", cents(45_000)));
        if lease.unit_id % 5 == 0 {
            rows.push(one_time("signing_bonus", &lease.landlord_name, "owner", lease.signed.contract_rent));
        }
        let stop = lease.move_out_date.unwrap_or(today).min(today);
        let mut month = month_start(lease.start_date);
        let mut months_paid = 0u32;
        while month <= stop {
            let last = month_end(month);
            // Paid a month ahead; a vacated unit through the move-out.
            let from = month.max(lease.start_date);
            let to = if lease.move_out_date.is_some() { last.min(stop) } else { last };
            let days = (to - from).num_days() as u32 + 1;
            let in_month = (last - month).num_days() as u32 + 1;
            let paid_on = if from == lease.start_date { lease.start_date } else { month - Days::new(3) };
            let amounts = housing_desk::leases::amounts_on(lease, month);
            let monthly = |category, payee: String, payee_kind, amount| Row {
                category,
                participant,
                unit,
                lease: Some(lease.id),
                payee,
                payee_kind,
                paid_on,
                period: Some((from, to)),
                amount,
            };
            let owner = if master { "master_lease_rent" } else { "rental_assistance_payment" };
            let rent = housing_desk::rules::rent::prorated(amounts.grantee_payment, days, in_month);
            rows.push(monthly(owner, lease.landlord_name.clone(), "owner", rent));
            if !master && amounts.utility_reimbursement > Money::ZERO {
                let paid = housing_desk::rules::rent::prorated(amounts.utility_reimbursement, days, in_month);
                rows.push(monthly(
                    "utility_allowance_reimbursement",
                    lease.participant_name.clone(),
                    "participant",
                    paid,
                ));
            }
            if master && tenant_pays_utilities {
                let bill = cents(5_500 + i64::from(month.month()) * 350);
                rows.push(monthly("utility_payment", "ComEd and Peoples Gas".into(), "utility", bill));
            }
            if no_income && months_paid < 24 {
                let mut allowance =
                    monthly("subsistence_allowance", lease.participant_name.clone(), "participant", cents(30_000));
                (allowance.unit, allowance.lease, allowance.period) = (None, None, Some((month, last)));
                rows.push(allowance);
            }
            months_paid += 1;
            month = last.succ_opt().expect("next month");
        }
    }
    // The rest of the office's spending, across every participant.
    let filler = originals.saturating_sub(rows.len());
    for j in 0..filler {
        let participant = (j % PARTICIPANTS) as i64 + 1;
        let paid_on = today - Days::new((j as u64 * 7_919) % 1_095);
        let (category, payee, payee_kind, amount, period) = match j % 20 {
            0..=11 => (
                "engagement_and_support_services",
                "Thresholds Community Support",
                "provider",
                2_500 + (j % 40) as i64 * 500,
                None,
            ),
            12..=16 => (
                "temporary_housing",
                "Lawndale SRO",
                "vendor",
                21_000 + (j % 7) as i64 * 1_000,
                Some((paid_on, paid_on + Days::new(6))),
            ),
            17 => ("transition_assistance", "Target", "vendor", 4_000 + (j % 30) as i64 * 500, None),
            18 => ("rental_application_fee", "Cook County Apartments", "owner", 3_500, None),
            _ => ("utility_deposit", "ComEd", "utility", 15_000, None),
        };
        rows.push(Row {
            category,
            participant,
            unit: None,
            lease: None,
            payee: payee.into(),
            payee_kind,
            paid_on,
            period,
            amount: cents(amount),
        });
    }
    rows.sort_by_key(|r| r.paid_on);
    let now = Utc::now();
    let mut reversed = 0;
    store
        .with_tx(|tx| {
            let mut ids = Vec::with_capacity(rows.len());
            let write = |r: &Row, i: usize, reverses: Option<i64>| {
                let reference = format!("CHK {}", 100_000 + i);
                let p = db::ledger::NewPayment {
                    category: r.category,
                    participant_id: Some(r.participant),
                    unit_id: r.unit,
                    lease_id: r.lease,
                    payee: &r.payee,
                    payee_kind: r.payee_kind,
                    paid_on: if reverses.is_some() { (r.paid_on + Days::new(10)).min(today) } else { r.paid_on },
                    period_start: r.period.map(|p| p.0),
                    period_end: r.period.map(|p| p.1),
                    amount: if reverses.is_some() { Money(-r.amount.0) } else { r.amount },
                    reference: Some(&reference),
                    note: reverses.map(|_| "Check voided: made out to the wrong payee"),
                    approval_id: None,
                    run_id: None,
                    reverses_id: reverses,
                    staff_id: session.staff_id,
                };
                db::ledger::insert_payment(tx, &p, now)
            };
            for (i, r) in rows.iter().enumerate() {
                ids.push(write(r, i, None)?);
            }
            for (i, r) in rows.iter().enumerate().step_by(REVERSE_EVERY).take(reversals) {
                write(r, i, Some(ids[i]))?;
                reversed += 1;
            }
            Ok::<_, db::StoreError>(())
        })
        .expect("seeding the ledger");
    Payments { reversals: reversed }
}

/// The pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let mut pages = 0;
    for (i, _) in pdf.windows(5).enumerate().filter(|(_, w)| *w == b"/Type") {
        let rest = &pdf[i + 5..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(b"/Page") && !rest.starts_with(b"/Pages") {
            pages += 1;
        }
    }
    pages
}

fn staff_and_participant(store: &mut Store) -> (housing_desk::accounts::Session, i64) {
    let now = Utc::now();
    store
        .with_tx(|tx| {
            db::office::insert(
                tx,
                &housing_desk::office::Office {
                    grantee_name: "Thresholds Housing".into(),
                    program: housing_desk::office::Program::HousingIsRecovery,
                    county: "Cook".into(),
                    use_small_area_fmrs: false,
                    mailing_address: None,
                    phone: None,
                },
                now,
            )?;
            let staff = housing_desk::accounts::NewStaff {
                full_name: "Maria Okafor".into(),
                username: "mokafor".into(),
                role: housing_desk::accounts::Role::Administrator,
                password_hash: "not used".into(),
            };
            let id = db::staff::insert(tx, &staff, now)?.expect("a new username");
            let session = housing_desk::accounts::Session {
                staff_id: id,
                username: staff.username.clone(),
                full_name: staff.full_name.clone(),
                role: staff.role,
            };
            Ok::<_, db::StoreError>((session, 1))
        })
        .expect("staff")
}

fn calculation_form() -> housing_desk::income_calc::CalculationForm {
    use housing_desk::income_calc::{CalculationForm, IncomeForm};
    let line = |source: &str, amount: &str, frequency: &str, hours: &str| IncomeForm {
        member: "participant".into(),
        source: source.into(),
        amount: amount.into(),
        frequency: frequency.into(),
        hours_per_week: hours.into(),
        verification: "pay_stubs".into(),
        document_date: "".into(),
    };
    CalculationForm {
        kind: "initial".into(),
        as_of: "2026-11-01".into(),
        area_id: "1".into(),
        disabled: true,
        dependents: "0".into(),
        live_in_aide: false,
        medical_equipment: false,
        unit_bedrooms: "1".into(),
        fmr_exception_percent: "".into(),
        fmr_exception_approval: "".into(),
        zip: "".into(),
        ua_schedule_id: "".into(),
        tenant_utilities: vec![],
        income: vec![line("ssi", "967.00", "monthly", ""), line("wages", "13.50", "hourly", "6")],
        expenses: vec![],
        option: "rental_assistance".into(),
        contract_rent: "925".into(),
        utility_allowance: "85".into(),
    }
}

fn measure(what: impl Into<String>, budget_ms: u64, mut run: impl FnMut()) -> Figure {
    run(); // warm the page cache and the statement cache
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed()
        })
        .collect();
    times.sort();
    Figure {
        what: what.into(),
        budget: Duration::from_millis(budget_ms),
        median: times[RUNS / 2],
        p95: times[RUNS * 95 / 100],
        stopped: false,
    }
}

/// [`measure`] for a figure that may be far over its budget, over `runs`
/// runs: a run still going after [`STOP_AFTER`] is stopped through SQLite's
/// interrupt and the figure reported as over, and a first run over ten times
/// the budget is the figure on its own, so that `make bench` ends in minutes
/// whatever the figures are.
fn measure_stoppable(
    what: impl Into<String>,
    budget_ms: u64,
    runs: usize,
    stop: &rusqlite::InterruptHandle,
    mut run: impl FnMut() -> Result<(), housing_desk::error::DeskError>,
) -> Figure {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    let (what, budget) = (what.into(), Duration::from_millis(budget_ms));
    let mut timed = || -> Option<Duration> {
        let (done, wait) = channel::<()>();
        std::thread::scope(|s| {
            s.spawn(move || {
                if wait.recv_timeout(STOP_AFTER) == Err(RecvTimeoutError::Timeout) {
                    // Until the run gives up: statements it starts meanwhile are stopped too.
                    while wait.recv_timeout(Duration::from_millis(10)) == Err(RecvTimeoutError::Timeout) {
                        stop.interrupt();
                    }
                }
            });
            let t = Instant::now();
            let result = run();
            let elapsed = t.elapsed();
            drop(done);
            match result {
                Ok(()) => Some(elapsed),
                Err(_) if elapsed >= STOP_AFTER => None,
                Err(e) => panic!("{what}: {e:?}"),
            }
        })
    };
    let Some(first) = timed() else {
        return Figure { what, budget, median: STOP_AFTER, p95: STOP_AFTER, stopped: true };
    };
    if first > budget * 10 {
        return Figure { what: format!("{what} (one run)"), budget, median: first, p95: first, stopped: false };
    }
    let mut times: Vec<Duration> = (0..runs).map(|_| timed().unwrap_or(STOP_AFTER)).collect();
    times.sort();
    Figure { what, budget, median: times[runs / 2], p95: times[runs * 95 / 100], stopped: false }
}

/// 2727 as "2,727".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn render(figures: &[Figure], seed_time: Duration, money: &str) -> String {
    let mut out = String::from("# Benchmarks\n\nWritten by `make bench` (`cargo bench --bench store`, release build). Do not edit by hand.\n\n");
    out += &format!("- Date: {}\n", Utc::now().format("%Y-%m-%d %H:%M UTC"));
    out += &format!("- Machine: {}\n", machine());
    out += &format!(
        "- Data: {PARTICIPANTS} participants in a fresh SQLCipher store (seeded in {}), and for the dashboard {VISITS} engagement visits with screenings, stays, waiting lists and income calculations, and {UNITS} units with {INSPECTIONS} HQS inspections; each figure is over {RUNS} runs after one warm-up.{money}\n\n",
        ms(seed_time)
    );
    out += "| What | Median | 95th percentile | Budget | Within |\n|---|---|---|---|---|\n";
    for f in figures {
        out += &format!(
            "| {} | {} | {} | {} | {} |\n",
            f.what,
            if f.stopped { format!("stopped after {} s", STOP_AFTER.as_secs()) } else { ms(f.median) },
            if f.stopped { "—".to_string() } else { ms(f.p95) },
            ms(f.budget),
            if f.median <= f.budget && !f.stopped { "yes" } else { "**no**" }
        );
    }
    out
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown processor".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| t.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or("unknown memory".to_string(), |kb| format!("{:.0} GiB", kb as f64 / 1024.0 / 1024.0));
    format!("{cpu}, {cores} cores, {memory}, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}
