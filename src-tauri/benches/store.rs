//! `make bench`: seeds 10,000 participants into a fresh encrypted store and
//! times what staff wait for: opening the store with its key, a name search
//! as they type, a page of the participants list, an income calculation and
//! its signed summary PDF. Writes the figures,
//! with the machine and the date, to docs/benchmarks.md.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use housing_desk::participants::{
    ParticipantDetails, ParticipantQuery, ParticipantSort, ParticipantStatus, ReferralSource,
};
use housing_desk::store::key::DatabaseKey;
use housing_desk::store::{self as db, Store};
use housing_desk::validation::Choice;

const PARTICIPANTS: usize = 10_000;
const VISITS: usize = 200_000;
const UNITS: usize = 2_000;
const INSPECTIONS: usize = 10_000;
const RUNS: usize = 50;

struct Figure {
    what: &'static str,
    budget: Duration,
    median: Duration,
    p95: Duration,
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

    let report = render(&figures, seed_time);
    print!("{report}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks.md");
    std::fs::create_dir_all(out.parent().expect("docs folder")).expect("docs folder");
    std::fs::write(&out, report).expect("writing docs/benchmarks.md");
    if figures.iter().any(|f| f.median > f.budget) {
        eprintln!("a figure is over its budget");
        std::process::exit(1);
    }
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

fn measure(what: &'static str, budget_ms: u64, mut run: impl FnMut()) -> Figure {
    run(); // warm the page cache and the statement cache
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed()
        })
        .collect();
    times.sort();
    Figure { what, budget: Duration::from_millis(budget_ms), median: times[RUNS / 2], p95: times[RUNS * 95 / 100] }
}

fn render(figures: &[Figure], seed_time: Duration) -> String {
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let mut out = String::from("# Benchmarks\n\nWritten by `make bench` (`cargo bench --bench store`, release build). Do not edit by hand.\n\n");
    out += &format!("- Date: {}\n", Utc::now().format("%Y-%m-%d %H:%M UTC"));
    out += &format!("- Machine: {}\n", machine());
    out += &format!(
        "- Data: {PARTICIPANTS} participants in a fresh SQLCipher store (seeded in {}), and for the dashboard {VISITS} engagement visits with screenings, stays, waiting lists and income calculations, and {UNITS} units with {INSPECTIONS} HQS inspections; each figure is over {RUNS} runs after one warm-up.\n\n",
        ms(seed_time)
    );
    out += "| What | Median | 95th percentile | Budget | Within |\n|---|---|---|---|---|\n";
    for f in figures {
        out += &format!(
            "| {} | {} | {} | {} | {} |\n",
            f.what,
            ms(f.median),
            ms(f.p95),
            ms(f.budget),
            if f.median <= f.budget { "yes" } else { "**no**" }
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
