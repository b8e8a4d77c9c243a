//! The housing locator's desk: landlords, units and their filters, HQS
//! inspections (the HUD-52580 checklist, follow-ups, extensions, refusals),
//! rent reasonableness, payment standard checks, landlord incentives, the
//! unit page's "ready to lease", and who may change any of it.

use housing_desk::comparisons::{self, ComparableInput, Determination};
use housing_desk::error::{ApiError, ErrorCode};
use housing_desk::incentives::{self, IncentiveInput, IncentiveStatus};
use housing_desk::income_calc;
use housing_desk::inspections::{self, ExtensionInput, InspectionInput};
use housing_desk::landlords::{self, GranteeRelation, LandlordRole};
use housing_desk::payment_check::{self, CheckInput};
use housing_desk::reference;
use housing_desk::rules::incentives::IncentiveKind;
use housing_desk::rules::inspection::{IneligibleReason, InspectionOutcome, ItemResult, UnitInspectionStanding};
use housing_desk::rules::utility_allowance::{Fuel, Utility};
use housing_desk::store::Store;
use housing_desk::units::{self, UnitInput, UnitQuery, UnitStatus};

use crate::support::*;

// ---- Fixtures (the shared ones are in support.rs) ----

fn incentive(participant_id: Option<i64>, kind: &str, amount: &str) -> IncentiveInput {
    IncentiveInput {
        participant_id: participant_id.map(|id| id.to_string()).unwrap_or_default(),
        kind: kind.into(),
        amount: amount.into(),
        status: "paid".into(),
        offered_on: "11/02/2026".into(),
        paid_on: "11/05/2026".into(),
        documentation: "".into(),
        covered_by_deposit: false,
        participant_in_unit: false,
        refundable: false,
        subsequent_move: false,
        approved_by: "".into(),
        approved_on: "".into(),
        notes: "".into(),
    }
}

fn query() -> UnitQuery {
    UnitQuery::default()
}

fn streets(page: &units::UnitPage) -> Vec<String> {
    page.rows.iter().map(|r| r.address.split(',').next().unwrap().to_string()).collect()
}

// ---- Landlords ----

#[test]
fn landlords_are_created_and_updated_with_an_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let session = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;

    let created = add_landlord(store, &session, "Grace Adeyemi", "Lawndale Properties LLC");
    assert_eq!(created.details.name, "Grace Adeyemi");
    assert_eq!(created.details.organization.as_deref(), Some("Lawndale Properties LLC"));
    assert_eq!(created.details.role, LandlordRole::Agent);
    assert_eq!(created.details.phone.as_deref(), Some("(773) 555-0190"), "the phone is kept in one form");
    assert_eq!(created.details.grantee_relation, GranteeRelation::None);
    assert_eq!(created.details.notes, None, "empty text is kept as nothing");
    assert_eq!((created.units, created.incentives_paid.to_string()), (0, "0.00".to_string()));
    assert_eq!(landlords::get(store, created.id).unwrap(), created);

    let (entry, changes) = last_audit(store);
    assert_eq!((entry.action.as_str(), entry.entity.as_str()), ("create", "landlord"));
    assert_eq!((entry.entity_id, entry.staff_id), (Some(created.id), Some(session.staff_id)));
    assert!(changes.contains(&change("name", None, Some("Grace Adeyemi"))), "{changes:?}");
    assert!(changes.contains(&change("phone", None, Some("(773) 555-0190"))), "{changes:?}");
    assert!(!changes.iter().any(|c| c.0 == "notes"), "empty fields are not changes: {changes:?}");

    let mut input = landlord_input("Grace Adeyemi", "Lawndale Properties LLC");
    input.email = "leasing@lawndaleproperties.com".into();
    input.role = "owner".into();
    let updated = landlords::update(store, &session, created.id, &input, moment()).unwrap();
    assert_eq!(updated.details.email.as_deref(), Some("leasing@lawndaleproperties.com"));
    assert_eq!(updated.details.role, LandlordRole::Owner);
    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("update", "landlord", Some(created.id))
    );
    assert_eq!(
        changes,
        vec![
            change("role", Some("agent"), Some("owner")),
            change("email", Some("grace@lawndaleproperties.com"), Some("leasing@lawndaleproperties.com")),
        ]
    );

    let before = audit_count(store);
    let same = landlords::update(store, &session, created.id, &input, moment()).unwrap();
    assert_eq!(same, updated);
    assert_eq!(audit_count(store), before, "nothing changed, nothing audited");

    let err = ApiError::from(landlords::update(store, &session, 9_999, &input, moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn each_landlord_problem_is_named_by_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let session = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let before = audit_count(store);

    let mut input = landlord_input(" ", "");
    input.role = "tenant".into();
    input.phone = "555-0190".into();
    input.email = "grace@".into();
    input.grantee_relation = "".into();
    let refused = landlords::create(store, &session, &input, moment());
    assert_eq!(fields(refused), ["name", "role", "phone", "email", "grantee_relation"]);

    let mut long = landlord_input(&"x".repeat(201), "");
    long.notes = "y".repeat(4_001);
    assert_eq!(fields(landlords::create(store, &session, &long, moment())), ["name", "notes"]);

    let kept = add_landlord(store, &session, "Grace Adeyemi", "");
    let mut bad = landlord_input("Grace Adeyemi", "");
    bad.email = "not an email".into();
    assert_eq!(fields(landlords::update(store, &session, kept.id, &bad, moment())), ["email"]);
    assert_eq!(landlords::get(store, kept.id).unwrap(), kept, "a refused update changes nothing");
    assert_eq!(audit_count(store), before + 1, "only the good landlord was audited");
}

#[test]
fn landlords_are_found_by_folded_name_or_organization() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let session = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let lawndale = add_landlord(store, &session, "Lawndale Properties", "");
    let oscar = add_landlord(store, &session, "Óscar Núñez", "Pilsen Homes");
    let _pat = add_landlord(store, &session, "Pat O'Brien", "100% Rentals");

    let names = |search: &str| -> Vec<String> {
        landlords::list(store, search).unwrap().into_iter().map(|l| l.details.name).collect()
    };
    assert_eq!(names("lawndale"), ["Lawndale Properties"]);
    assert_eq!(names("  LAWNDALE prop "), ["Lawndale Properties"], "case and spaces around do not matter");
    assert_eq!(names("oscar nunez"), ["Óscar Núñez"], "accents do not matter");
    assert_eq!(names("pilsen"), ["Óscar Núñez"], "the organization is searched too");
    assert_eq!(names("100%"), ["Pat O'Brien"], "% is a character, not a wildcard");
    assert!(names("%").len() == 1 && names("_").is_empty(), "LIKE wildcards are escaped");
    assert_eq!(names(""), ["Lawndale Properties", "Óscar Núñez", "Pat O'Brien"], "everyone, by folded name");
    assert!(names("brooklyn").is_empty());
    let found = landlords::list(store, "lawndale").unwrap();
    assert_eq!(found[0].id, lawndale.id);
    assert_eq!(landlords::list(store, "pilsen").unwrap()[0].id, oscar.id);
}

#[test]
fn a_landlords_total_counts_only_paid_incentives_across_units() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let second = add_unit(store, &session, landlord.id, |u| u.unit_number = "3R".into());
    let other = add_landlord(store, &session, "Somebody Else", "");
    let other_unit = add_unit(store, &session, other.id, |u| u.street = "2200 W Cermak Rd".into());
    let ana = add_participant(store, &session, "Ana Silva");
    let ben = add_participant(store, &session, "Ben Okoro");

    incentives::add(store, &session, unit.id, &incentive(Some(ana), "signing_bonus", "1000"), moment()).unwrap();
    let mut repair = incentive(Some(ana), "damage_repair", "250.50");
    repair.documentation = "Invoice 4471 and photos of the door".into();
    incentives::add(store, &session, second.id, &repair, moment()).unwrap();
    let offered =
        IncentiveInput { status: "offered".into(), paid_on: "".into(), ..incentive(Some(ben), "signing_bonus", "800") };
    incentives::add(store, &session, second.id, &offered, moment()).unwrap();
    let withdrawn =
        IncentiveInput { status: "withdrawn".into(), paid_on: "".into(), ..incentive(None, "signing_bonus", "600") };
    incentives::add(store, &session, unit.id, &withdrawn, moment()).unwrap();
    incentives::add(store, &session, other_unit.id, &incentive(Some(ben), "signing_bonus", "700"), moment()).unwrap();

    let got = landlords::get(store, landlord.id).unwrap();
    assert_eq!(got.incentives_paid.to_string(), "1250.50", "1,000 + 250.50; offered and withdrawn are not paid");
    assert_eq!(got.units, 2);
    assert_eq!(landlords::get(store, other.id).unwrap().incentives_paid.to_string(), "700.00");
    let listed = landlords::list(store, "grace").unwrap();
    assert_eq!(listed[0].incentives_paid.to_string(), "1250.50", "the list shows the same total");
    assert_eq!(incentives::for_landlord(store, landlord.id).unwrap().len(), 4, "all four are listed, paid or not");
}

// ---- Units ----

#[test]
fn units_pick_their_fair_market_rent_area_from_the_county() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;

    assert_eq!(unit.area_id, Some(1), "Cook is in the Chicago FMR area");
    assert_eq!(unit.area_name.as_deref(), Some("Chicago-Joliet-Naperville, IL HUD Metro FMR Area"));
    assert_eq!(unit.landlord_name, "Grace Adeyemi");
    assert_eq!(unit.details.asking_rent.to_string(), "1150.00");
    assert_eq!(unit.details.square_feet, Some(650));
    assert_eq!(unit.details.available_on, Some(d("2026-12-01")));
    assert_eq!(unit.details.status, UnitStatus::Prospect);
    assert_eq!(unit.details.owner_utilities, [Utility::Water, Utility::Trash]);
    assert_eq!(unit.details.tenant_utilities.len(), 2);
    assert_eq!(
        (unit.details.tenant_utilities[0].utility, unit.details.tenant_utilities[0].fuel),
        (Utility::Heating, Fuel::NaturalGas)
    );
    assert_eq!(unit.details.tenant_utilities[1].fuel, Fuel::None, "lights have no fuel");
    assert_eq!(units::get(store, unit.id).unwrap(), unit, "reads back the same");
    assert_eq!(landlords::get(store, landlord.id).unwrap().units, 1);

    let (entry, changes) = last_audit(store);
    assert_eq!((entry.action.as_str(), entry.entity.as_str(), entry.entity_id), ("create", "unit", Some(unit.id)));
    assert!(changes.contains(&change("asking_rent", None, Some("1150.00"))), "{changes:?}");
    assert!(changes.contains(&change("county", None, Some("Cook"))), "{changes:?}");

    let dupage = add_unit(store, &session, landlord.id, |u| u.county = "DuPage County".into());
    assert_eq!(dupage.area_id, Some(1), "\"DuPage County\" is DuPage");
    let springfield = add_unit(store, &session, landlord.id, |u| u.county = "sangamon".into());
    assert_eq!(springfield.area_name.as_deref(), Some("Springfield, IL MSA"));
    let champaign = add_unit(store, &session, landlord.id, |u| u.county = "Champaign".into());
    assert_eq!((champaign.area_id, champaign.area_name), (None, None), "no FMR area on file for Champaign");
}

#[test]
fn each_unit_problem_is_named_by_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, _) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let before = audit_count(store);

    let mut input = unit_input(landlord.id);
    input.zip = "6062".into();
    input.bedrooms = "one".into();
    input.tenant_utilities.push(utility("water", "")); // the owner pays water
    input.tenant_utilities.push(utility("heating", "electric")); // heating is listed already
    input.asking_rent = "0".into();
    assert_eq!(
        fields(units::create(store, &session, &input, moment())),
        ["zip", "bedrooms", "tenant_utilities.2.utility", "tenant_utilities.3.utility", "asking_rent"]
    );
    let twice = message_for(units::create(store, &session, &input, moment()), "tenant_utilities.2.utility");
    assert!(twice.contains("listed twice"), "{twice}");

    let mut input = unit_input(landlord.id);
    input.bedrooms = "9".into();
    input.year_built = "2027".into();
    input.tenant_utilities = vec![utility("cooking", "")];
    input.status = "sold".into();
    input.housing_type = "castle".into();
    input.available_on = "12/32/2026".into();
    assert_eq!(
        fields(units::create(store, &session, &input, moment())),
        ["housing_type", "bedrooms", "year_built", "tenant_utilities.0.fuel", "available_on", "status"]
    );

    let mut input = unit_input(landlord.id);
    input.landlord_id = "".into();
    assert_eq!(fields(units::create(store, &session, &input, moment())), ["landlord_id"]);
    input.landlord_id = "9999".into();
    assert_eq!(fields(units::create(store, &session, &input, moment())), ["landlord_id"], "no such landlord");
    assert_eq!(audit_count(store), before, "nothing refused was written");
}

#[test]
fn a_unit_update_is_audited_and_moves_its_area() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;

    let mut input = unit_input(landlord.id);
    input.asking_rent = "1200".into();
    input.county = "Champaign".into();
    let updated = units::update(store, &session, unit.id, &input, moment()).unwrap();
    assert_eq!(updated.details.asking_rent.to_string(), "1200.00");
    assert_eq!(updated.area_id, None, "the new county has no FMR area on file");
    let (entry, changes) = last_audit(store);
    assert_eq!((entry.action.as_str(), entry.entity.as_str(), entry.entity_id), ("update", "unit", Some(unit.id)));
    assert_eq!(
        changes,
        vec![
            change("county", Some("Cook"), Some("Champaign")),
            change("asking_rent", Some("1150.00"), Some("1200.00"))
        ]
    );

    let before = audit_count(store);
    assert_eq!(units::update(store, &session, unit.id, &input, moment()).unwrap(), updated);
    assert_eq!(audit_count(store), before, "nothing changed, nothing audited");

    let mut bad = unit_input(landlord.id);
    bad.zip = "606234".into();
    assert_eq!(fields(units::update(store, &session, unit.id, &bad, moment())), ["zip"]);
    assert_eq!(units::get(store, unit.id).unwrap(), updated);
    let err = ApiError::from(units::update(store, &session, 9_999, &input, moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn the_units_list_filters_by_what_a_participant_needs() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let session = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let l = add_landlord(store, &session, "Grace Adeyemi", "").id;
    let add =
        |store: &mut Store, street: &str, county: &str, bedrooms: &str, rent: &str, available: &str, status: &str| {
            add_unit(store, &session, l, |u| {
                u.street = street.into();
                u.unit_number = "".into();
                u.county = county.into();
                u.bedrooms = bedrooms.into();
                u.asking_rent = rent.into();
                u.available_on = available.into();
                u.status = status.into();
            })
        };
    // The Chicago 1-bedroom FMR is $1,581 from 2025-10-01 (FY2026), $1,560 before;
    // Springfield's is $970.
    let at = add(store, "1 At The Standard St", "Cook", "1", "1581", "12/15/2026", "prospect");
    let above = add(store, "2 A Cent Above Ave", "Cook", "1", "1581.01", "11/30/2026", "passed");
    let two = add(store, "3 Two Bedroom Blvd", "cook", "2", "1500", "02/01/2027", "prospect");
    let temp = add(store, "4 Rooming House Rd", "Champaign", "0", "700", "", "prospect");
    let temp = units::update(
        store,
        &session,
        temp.id,
        &UnitInput {
            street: "4 Rooming House Rd".into(),
            unit_number: "".into(),
            county: "Champaign".into(),
            bedrooms: "0".into(),
            asking_rent: "700".into(),
            available_on: "".into(),
            housing_type: "single_room_occupancy".into(),
            temporary: true,
            ..unit_input(l)
        },
        moment(),
    )
    .unwrap();
    let spring = add(store, "5 Capitol Ave", "Sangamon", "1", "970", "01/15/2027", "passed");
    let spring_above = add(store, "6 Capitol Ave", "Sangamon", "1", "970.01", "12/20/2026", "prospect");
    let fy2025 = add(store, "7 Last Year St", "Cook", "1", "1570", "12/10/2026", "prospect");

    let ids = |q: &UnitQuery| -> Vec<i64> {
        let mut ids: Vec<i64> = units::list(store, q, today()).unwrap().rows.iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    let all = units::list(store, &query(), today()).unwrap();
    assert_eq!(all.total, 7);
    assert_eq!(
        streets(&all),
        [
            "2 A Cent Above Ave",
            "5 Capitol Ave",
            "7 Last Year St",
            "1 At The Standard St",
            "6 Capitol Ave",
            "3 Two Bedroom Blvd",
            "4 Rooming House Rd"
        ],
        "passed first, then by the day available, units with no date last"
    );
    let row = all.rows.iter().find(|r| r.id == at.id).unwrap();
    assert_eq!(row.address, "1 At The Standard St, Chicago, IL 60623");
    assert_eq!((row.county.as_str(), row.bedrooms, row.asking_rent.to_string()), ("Cook", 1, "1581.00".to_string()));
    assert_eq!(
        (row.landlord_name.as_str(), row.last_inspected_on, row.last_outcome.as_deref()),
        ("Grace Adeyemi", None, None)
    );

    let status = UnitQuery { status: Some(UnitStatus::Passed), ..query() };
    assert_eq!(ids(&status), [above.id, spring.id]);
    let cook = UnitQuery { county: " COOK ".into(), ..query() };
    assert_eq!(ids(&cook), [at.id, above.id, two.id, fy2025.id], "county in any case");
    let big = UnitQuery { min_bedrooms: Some(2), ..query() };
    assert_eq!(ids(&big), [two.id]);
    let efficiency = UnitQuery { min_bedrooms: Some(0), ..query() };
    assert_eq!(ids(&efficiency).len(), 7);
    let soon = UnitQuery { available_by: Some(d("2026-12-15")), ..query() };
    assert_eq!(ids(&soon), [at.id, above.id, temp.id, fy2025.id], "on or before the day, or with no date");
    let temporary = UnitQuery { temporary_only: true, ..query() };
    assert_eq!(ids(&temporary), [temp.id]);
    let search = UnitQuery { search: "capitol".into(), ..query() };
    assert_eq!(ids(&search), [spring.id, spring_above.id]);
    let by_county = UnitQuery { search: "sangamon".into(), ..query() };
    assert_eq!(ids(&by_county), [spring.id, spring_above.id], "the county is searched too");

    let within = UnitQuery { within_payment_standard_for: Some(1), ..query() };
    assert_eq!(
        ids(&within),
        [at.id, two.id, spring.id, fy2025.id],
        "at $1,581 and $970 exactly: in; a cent above: out; no area: out; a 2-bedroom within the 1-bedroom FMR: in"
    );
    let page = units::list(store, &within, today()).unwrap();
    assert_eq!(page.total, 4);
    let last_fy = units::list(store, &within, d("2025-06-01")).unwrap();
    let mut last_fy_ids: Vec<i64> = last_fy.rows.iter().map(|r| r.id).collect();
    last_fy_ids.sort();
    assert_eq!(last_fy_ids, [two.id], "FY2025: $1,560 in Chicago, and Springfield's $921");
    let two_bedrooms = UnitQuery { within_payment_standard_for: Some(2), ..query() };
    assert_eq!(ids(&two_bedrooms), [at.id, above.id, two.id, spring.id, spring_above.id, fy2025.id]);

    let combined = UnitQuery {
        county: "Cook".into(),
        status: Some(UnitStatus::Prospect),
        within_payment_standard_for: Some(1),
        ..query()
    };
    assert_eq!(ids(&combined), [at.id, two.id, fy2025.id], "filters combine");
    assert_eq!(units::list(store, &combined, today()).unwrap().total, 3);
}

#[test]
fn the_units_list_pages_by_fifty() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let session = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let l = add_landlord(store, &session, "Grace Adeyemi", "").id;
    for n in 0..53 {
        add_unit(store, &session, l, |u| {
            u.street = format!("{} W Roosevelt Rd", 1000 + n);
            u.county = if n % 2 == 0 { "Cook".into() } else { "Will".into() };
        });
    }
    let first = units::list(store, &query(), today()).unwrap();
    assert_eq!((first.total, first.rows.len(), first.page, first.page_size), (53, 50, 1, 50));
    let second = units::list(store, &UnitQuery { page: 2, ..query() }, today()).unwrap();
    assert_eq!((second.total, second.rows.len(), second.page), (53, 3, 2));
    assert!(second.rows.iter().all(|r| !first.rows.iter().any(|f| f.id == r.id)), "no unit on both pages");
    let none = units::list(store, &UnitQuery { page: 3, ..query() }, today()).unwrap();
    assert_eq!((none.total, none.rows.len()), (53, 0));
    let zero = units::list(store, &UnitQuery { page: 0, ..query() }, today()).unwrap();
    assert_eq!((zero.page, zero.rows.len()), (1, 50), "page 0 is the first page");
    let will = units::list(store, &UnitQuery { county: "will".into(), ..query() }, today()).unwrap();
    assert_eq!((will.total, will.rows.len()), (26, 26), "the total counts the filtered units");
}

#[test]
fn the_county_filter_reads_county_the_way_the_fmr_area_does() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let suffixed = add_unit(store, &session, landlord.id, |u| u.county = "Cook County".into());
    assert_eq!((unit.area_id, suffixed.area_id), (Some(1), Some(1)), "both are Cook for the FMR");
    for typed in ["Cook", "Cook County"] {
        let page = units::list(store, &UnitQuery { county: typed.into(), ..query() }, today()).unwrap();
        assert_eq!(page.total, 2, "{typed:?} finds both Cook County units");
    }
}

#[test]
fn a_unit_finds_its_fmr_area_once_the_table_is_imported() {
    use housing_desk::reference::{FigureImport, FigureKind};
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, _) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let kankakee = add_unit(store, &session, landlord.id, |u| {
        u.street = "250 E Court St".into();
        u.city = "Kankakee".into();
        u.zip = "60901".into();
        u.county = "Kankakee".into();
        u.asking_rent = "900".into();
        u.owner_utilities = vec!["heating".into(), "other_electric".into()];
        u.tenant_utilities = vec![];
    });
    assert_eq!(kankakee.area_id, None);
    let message = message_for(payment_check::work_out(store, kankakee.id, &check_input(ana, ""), today()), "unit");
    assert!(message.contains("Import HUD's FMR table in Settings"), "{message}");

    let import = FigureImport {
        kind: FigureKind::FairMarketRents,
        effective_from: "2025-10-01".into(),
        source: "HUD FY2026 FMR".into(),
        csv: "fmr_areaname,cntyname,fmr_0,fmr_1,fmr_2,fmr_3,fmr_4\n\"Kankakee, IL MSA\",Kankakee,850,940,1180,1500,1620\n"
            .into(),
    };
    reference::import_figures(store, &session, &import, moment()).unwrap();

    let r = payment_check::work_out(store, kankakee.id, &check_input(ana, ""), today());
    assert_eq!(r.map(|r| r.fair_market_rent.to_string()).ok().as_deref(), Some("940.00"), "as the message promised");
    let within = UnitQuery { within_payment_standard_for: Some(1), county: "Kankakee".into(), ..query() };
    assert_eq!(units::list(store, &within, today()).unwrap().total, 1, "$900 is within Kankakee's $940");
}

// ---- Inspections ----

#[test]
fn the_checklist_is_form_hud_52580_in_eight_sections() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    assert_eq!(template.version, "HUD-52580");
    assert_eq!(template.sections.len(), 8);
    let numbers: Vec<u32> = template.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
    let sizes: Vec<usize> = template.sections.iter().map(|s| s.items.len()).collect();
    assert_eq!(sizes, [9, 13, 13, 10, 4, 7, 7, 11]);
    let per_room: Vec<bool> = template.sections.iter().map(|s| s.per_room).collect();
    assert_eq!(per_room, [false, false, false, true, false, false, false, false], "section 4 is once per room");
    assert_eq!(template.sections[3].title, "Other Rooms Used for Living and Halls");
    assert_eq!(template.sections[7].items[10].name, "Lead-Based Paint: Owner's Certification");
}

#[test]
fn a_complete_passing_inspection_passes_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let mut input = all_pass(&template, &["Bedroom 1", "Hall"], "initial", "11/20/2026");
    input.vendor_fee = "$85".into();
    item(&mut input, "6.7", "").result = "not_applicable".into();

    let recorded = inspections::record(store, &session, unit.id, &input, moment()).unwrap();
    assert_eq!(recorded.outcome, InspectionOutcome::Pass);
    assert_eq!((recorded.follow_up_due, recorded.owner_refused), (None, false));
    assert_eq!(recorded.items.len(), 9 + 13 + 13 + 2 * 10 + 4 + 7 + 7 + 11, "section 4 for each of two rooms");
    assert_eq!(recorded.template_version, "HUD-52580");
    assert_eq!((recorded.inspected_on, recorded.staff_minutes), (d("2026-11-20"), Some(90)));
    assert_eq!(recorded.vendor_fee.map(|f| f.to_string()).as_deref(), Some("85.00"));
    assert_eq!(recorded.staff_name.as_deref(), Some("Maria Okafor"));
    let smoke = recorded.items.iter().find(|i| i.code == "4.10" && i.room == "Hall").unwrap();
    assert_eq!((smoke.name.as_str(), smoke.result), ("Smoke Detectors", ItemResult::Pass));
    assert_eq!(inspections::get(store, recorded.id).unwrap(), recorded);

    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Passed);
    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("create", "inspection", Some(recorded.id))
    );
    assert!(changes.contains(&change("outcome", None, Some("pass"))), "{changes:?}");
    assert!(changes.contains(&change("deficiencies", None, Some("0"))), "{changes:?}");
    assert!(changes.contains(&change("unit_id", None, Some(&unit.id.to_string()))), "{changes:?}");

    let standing = inspections::for_unit(store, unit.id, today()).unwrap();
    assert_eq!(standing.standing, UnitInspectionStanding::Passed { next_due: d("2027-11-20") }, "12 months on");
    assert!(standing.assistance_allowed);
    assert_eq!(standing.standing_label, "Passed");
    assert_eq!(standing.inspections, vec![recorded]);
    let row = units::list(store, &query(), today()).unwrap().rows.remove(0);
    assert_eq!((row.last_inspected_on, row.last_outcome.as_deref()), (Some(d("2026-11-20")), Some("pass")));
}

#[test]
fn every_missing_or_incomplete_item_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let before = audit_count(store);

    let mut input = all_pass(&template, &["Bedroom 1", "Hall"], "initial", "11/20/2026");
    input.items.retain(|i| !(i.code == "2.11" || (i.code == "4.10" && i.room == "Hall")));
    item(&mut input, "3.12", "").result = "".into();
    let furnace = item(&mut input, "7.2", "");
    furnace.result = "fail".into();
    let window = item(&mut input, "4.5", "Bedroom 1");
    window.result = "fail".into();
    window.comment = "Cracked pane".into();
    item(&mut input, "8.3", "").result = "maybe".into();
    assert_eq!(
        fields(inspections::record(store, &session, unit.id, &input, moment())),
        [
            "items.2.11",
            "items.3.12",
            "items.4.5.Bedroom 1.responsible",
            "items.4.10.Hall",
            "items.7.2.comment",
            "items.7.2.responsible",
            "items.8.3",
        ]
    );
    let missing = message_for(inspections::record(store, &session, unit.id, &input, moment()), "items.4.10.Hall");
    assert!(missing.contains("4.10 Smoke Detectors (Hall)"), "{missing}");

    let mut no_rooms = all_pass(&template, &[], "initial", "11/20/2026");
    no_rooms.rooms = vec!["  ".into()];
    assert_eq!(fields(inspections::record(store, &session, unit.id, &no_rooms, moment())), ["rooms"]);

    let mut header = all_pass(&template, &["Bedroom 1"], "inspection", "11/24/2026");
    header.inspector = "".into();
    header.children_under_6 = "many".into();
    header.staff_minutes = "0".into();
    header.vendor_fee = "-5".into();
    assert_eq!(
        fields(inspections::record(store, &session, unit.id, &header, moment())),
        ["kind", "inspected_on", "inspector", "children_under_6", "staff_minutes", "vendor_fee"]
    );
    assert_eq!(audit_count(store), before, "nothing refused was written");
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Prospect);
    assert!(inspections::for_unit(store, unit.id, today()).unwrap().inspections.is_empty());
}

#[test]
fn a_failed_initial_inspection_gives_fourteen_days_that_can_be_extended() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);

    let failed =
        inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/16/2026"), moment()).unwrap();
    assert_eq!(failed.outcome, InspectionOutcome::Fail);
    assert_eq!(failed.follow_up_due, Some(d("2026-11-30")), "14 days after 11/16");
    let furnace = failed.items.iter().find(|i| i.code == "7.2").unwrap();
    assert_eq!(furnace.comment.as_deref(), Some("Furnace flue disconnected; carbon monoxide risk"));
    assert_eq!(furnace.responsible, Some(inspections::Responsible::Owner));
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Failed);
    let (_, changes) = last_audit(store);
    assert!(changes.contains(&change("deficiencies", None, Some("1"))), "{changes:?}");
    let standing = inspections::for_unit(store, unit.id, today()).unwrap();
    assert_eq!(standing.standing, UnitInspectionStanding::FollowUpDue { due: d("2026-11-30") });
    assert!(!standing.assistance_allowed);

    // The extension needs a date after the due day and the owner's good-faith effort.
    let same_day = ExtensionInput { new_date: "11/30/2026".into(), reason: " ".into() };
    let refused = inspections::extend(store, &session, failed.id, &same_day, moment());
    assert_eq!(fields(refused).last().map(String::as_str), Some("reason"));
    let no_date = ExtensionInput { new_date: "".into(), reason: "Parts ordered".into() };
    assert_eq!(fields(inspections::extend(store, &session, failed.id, &no_date, moment())), ["new_date"]);
    assert_eq!(inspections::get(store, failed.id).unwrap().extended_to, None, "refused: nothing moved");

    let reason = "Contractor booked for 12/08; furnace parts ordered 11/18";
    let input = ExtensionInput { new_date: "12/10/2026".into(), reason: reason.into() };
    let extended = inspections::extend(store, &session, failed.id, &input, moment()).unwrap();
    assert_eq!(extended.extended_to, Some(d("2026-12-10")));
    assert_eq!(extended.extension_reason.as_deref(), Some(reason));
    assert_eq!(extended.follow_up_due, Some(d("2026-11-30")), "the original due day is kept");
    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("update", "inspection", Some(failed.id))
    );
    assert_eq!(
        changes,
        vec![change("extended_to", None, Some("2026-12-10")), change("extension_reason", None, Some(reason))]
    );
    let standing = inspections::for_unit(store, unit.id, d("2026-12-05")).unwrap().standing;
    assert_eq!(standing, UnitInspectionStanding::FollowUpDue { due: d("2026-12-10") }, "the follow-up moved");
    let late = inspections::for_unit(store, unit.id, d("2026-12-11")).unwrap().standing;
    assert_eq!(late, UnitInspectionStanding::FollowUpOverdue { was_due: d("2026-12-10") });

    // A second extension must be later than the first.
    let earlier = ExtensionInput { new_date: "12/05/2026".into(), reason: "More time".into() };
    assert_eq!(fields(inspections::extend(store, &session, failed.id, &earlier, moment())).len(), 1);

    // The follow-up that passes puts the unit back in play.
    let follow_up = all_pass(&template, &["Bedroom 1"], "follow_up", "11/23/2026");
    let passed = inspections::record(store, &session, unit.id, &follow_up, moment()).unwrap();
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Passed);
    let no_follow_up = ExtensionInput { new_date: "12/31/2026".into(), reason: "x".into() };
    assert_eq!(fields(inspections::extend(store, &session, passed.id, &no_follow_up, moment())), ["new_date"]);
}

#[test]
fn an_extension_to_a_date_not_after_the_due_day_is_named_on_new_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let failed =
        inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/16/2026"), moment()).unwrap();
    let input = ExtensionInput { new_date: "11/30/2026".into(), reason: "".into() };
    assert_eq!(fields(inspections::extend(store, &session, failed.id, &input, moment())), ["new_date", "reason"]);
}

#[test]
fn a_failed_follow_up_makes_the_unit_ineligible() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/10/2026"), moment()).unwrap();
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Failed);
    let follow_up =
        inspections::record(store, &session, unit.id, &failing(&template, "follow_up", "11/20/2026"), moment())
            .unwrap();
    assert_eq!(follow_up.outcome, InspectionOutcome::Fail);
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Ineligible);
    let standing = inspections::for_unit(store, unit.id, today()).unwrap();
    assert_eq!(
        standing.standing,
        UnitInspectionStanding::Ineligible { reason: IneligibleReason::FailedFollowUp { on: d("2026-11-20") } }
    );
    assert_eq!((standing.assistance_allowed, standing.standing_label.as_str()), (false, "Ineligible for assistance"));
    assert_eq!(standing.inspections[0].id, follow_up.id, "newest first");

    // Ineligible is final: a later pass does not restore the unit.
    inspections::record(
        store,
        &session,
        unit.id,
        &all_pass(&template, &["Bedroom 1"], "special", "11/23/2026"),
        moment(),
    )
    .unwrap();
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Ineligible);
}

#[test]
fn an_owner_who_refuses_repairs_makes_the_unit_ineligible() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let failed =
        inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/16/2026"), moment()).unwrap();
    let refused = inspections::owner_refused(store, &session, failed.id, moment()).unwrap();
    assert!(refused.owner_refused);
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Ineligible);
    let standing = inspections::for_unit(store, unit.id, today()).unwrap().standing;
    assert_eq!(
        standing,
        UnitInspectionStanding::Ineligible { reason: IneligibleReason::OwnerRefused { on: d("2026-11-16") } }
    );
    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("update", "inspection", Some(failed.id))
    );
    assert_eq!(changes, vec![change("owner_refused", Some("false"), Some("true"))]);

    // Refusing a passed inspection means nothing; the refusal recorded with the inspection counts too.
    let other = add_unit(store, &session, unit.details.landlord_id, |u| u.unit_number = "3R".into());
    let pass = inspections::record(
        store,
        &session,
        other.id,
        &all_pass(&template, &["Bedroom 1"], "initial", "11/16/2026"),
        moment(),
    )
    .unwrap();
    assert_eq!(fields(inspections::owner_refused(store, &session, pass.id, moment())), ["owner_refused"]);
    let third = add_unit(store, &session, unit.details.landlord_id, |u| u.unit_number = "4R".into());
    let mut refused_at_once = failing(&template, "initial", "11/16/2026");
    refused_at_once.owner_refused = true;
    inspections::record(store, &session, third.id, &refused_at_once, moment()).unwrap();
    assert_eq!(units::get(store, third.id).unwrap().details.status, UnitStatus::Ineligible);
}

#[test]
fn a_leased_unit_stays_leased_and_its_annual_inspection_comes_due() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, _) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let leased = add_unit(store, &session, landlord.id, |u| {
        u.unit_number = "1R".into();
        u.status = "leased".into();
    });
    inspections::record(
        store,
        &session,
        leased.id,
        &all_pass(&template, &["Bedroom 1"], "initial", "03/02/2026"),
        moment(),
    )
    .unwrap();
    assert_eq!(units::get(store, leased.id).unwrap().details.status, UnitStatus::Leased);
    let standing = inspections::for_unit(store, leased.id, today()).unwrap().standing;
    assert_eq!(standing, UnitInspectionStanding::Passed { next_due: d("2027-03-02") });
    let overdue = inspections::for_unit(store, leased.id, d("2027-03-03")).unwrap();
    assert_eq!(overdue.standing, UnitInspectionStanding::AnnualOverdue { was_due: d("2027-03-02") });
    assert!(!overdue.assistance_allowed);

    // The annual one fails: the lease holds while the follow-up is open.
    inspections::record(store, &session, leased.id, &failing(&template, "annual", "11/20/2026"), moment()).unwrap();
    assert_eq!(units::get(store, leased.id).unwrap().details.status, UnitStatus::Leased);
    inspections::record(
        store,
        &session,
        leased.id,
        &all_pass(&template, &["Bedroom 1"], "follow_up", "11/23/2026"),
        moment(),
    )
    .unwrap();
    assert_eq!(units::get(store, leased.id).unwrap().details.status, UnitStatus::Leased, "passed again, still leased");
    let standing = inspections::for_unit(store, leased.id, today()).unwrap().standing;
    assert_eq!(standing, UnitInspectionStanding::Passed { next_due: d("2027-11-23") });
}

#[test]
fn two_inspections_on_the_same_day_count_in_the_order_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/20/2026"), moment()).unwrap();
    inspections::record(
        store,
        &session,
        unit.id,
        &all_pass(&template, &["Bedroom 1"], "follow_up", "11/20/2026"),
        moment(),
    )
    .unwrap();
    let standing = inspections::for_unit(store, unit.id, today()).unwrap().standing;
    assert_eq!(standing, UnitInspectionStanding::Passed { next_due: d("2027-11-20") });
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Passed);
}

#[test]
fn an_inconclusive_follow_up_keeps_the_original_due_day() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let failed =
        inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/01/2026"), moment()).unwrap();
    assert_eq!(failed.follow_up_due, Some(d("2026-11-15")));
    let mut unsure = all_pass(&template, &["Bedroom 1"], "follow_up", "11/10/2026");
    item(&mut unsure, "7.2", "").result = "inconclusive".into();
    let follow_up = inspections::record(store, &session, unit.id, &unsure, moment()).unwrap();
    assert_eq!(follow_up.outcome, InspectionOutcome::Inconclusive);
    let standing = inspections::for_unit(store, unit.id, today()).unwrap().standing;
    assert_eq!(standing, UnitInspectionStanding::FollowUpOverdue { was_due: d("2026-11-15") }, "the rule's reading");
    assert_eq!(follow_up.follow_up_due, Some(d("2026-11-15")), "the inspection shows the same due day as the unit");
    let input = ExtensionInput { new_date: "11/20/2026".into(), reason: "Contractor booked".into() };
    let extended = inspections::extend(store, &session, follow_up.id, &input, moment()).unwrap();
    assert_eq!(extended.extended_to, Some(d("2026-11-20")), "a date after the real due day is an extension");
}

#[test]
fn recording_a_refusal_twice_does_not_invent_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let failed =
        inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/16/2026"), moment()).unwrap();
    inspections::owner_refused(store, &session, failed.id, moment()).unwrap();
    let before = audit_count(store);
    let again = inspections::owner_refused(store, &session, failed.id, moment());
    assert_eq!(audit_count(store), before, "nothing changed, so nothing is audited: {again:?}");
}

// ---- Rent reasonableness ----

#[test]
fn a_rent_comparison_needs_three_complete_comparables() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let before = audit_count(store);

    let mut two = comparison("1150", &["1100", "1200"], "reasonable", "");
    two.comparables.push(ComparableInput::default());
    let refused = comparisons::certify(store, &session, unit.id, &two, moment());
    assert_eq!(fields(refused), ["comparables"], "a blank row does not count");
    let message = message_for(comparisons::certify(store, &session, unit.id, &two, moment()), "comparables");
    assert!(message.contains("at least 3") && message.contains("2 are recorded"), "{message}");

    let mut bad = comparison("1150", &["1100", "1200", "1250", "0"], "reasonable", "");
    bad.comparables.insert(1, ComparableInput::default()); // a blank row keeps its place in the numbering
    bad.comparables[0].seen_on = "11/24/2026".into();
    bad.comparables[2].bedrooms = "two".into();
    bad.comparables[2].source = " ".into();
    bad.comparables[3].housing_type = "castle".into();
    bad.comparables[3].quality = "".into();
    bad.comparables[3].square_feet = "0".into();
    bad.comparables[4].address = "".into();
    bad.comparables[4].seen_on = "2025-11-01".into();
    assert_eq!(
        fields(comparisons::certify(store, &session, unit.id, &bad, moment())),
        [
            "comparables.0.seen_on",
            "comparables.2.bedrooms",
            "comparables.2.source",
            "comparables.3.housing_type",
            "comparables.3.square_feet",
            "comparables.3.quality",
            "comparables.4.address",
            "comparables.4.rent",
            "comparables.4.seen_on",
        ]
    );
    let old = message_for(comparisons::certify(store, &session, unit.id, &bad, moment()), "comparables.4.seen_on");
    assert!(old.contains("more than a year ago"), "{old}");

    let no_notes = comparison("1150", &["900", "950", "1000"], "not_reasonable", " ");
    assert_eq!(fields(comparisons::certify(store, &session, unit.id, &no_notes, moment())), ["notes"]);
    let undecided = comparison("", &["900", "950", "1000"], "", "");
    assert_eq!(
        fields(comparisons::certify(store, &session, unit.id, &undecided, moment())),
        ["proposed_rent", "determination"]
    );
    assert_eq!(audit_count(store), before, "nothing refused was written");
    assert!(comparisons::for_unit(store, unit.id).unwrap().is_empty());
    let err = ApiError::from(comparisons::certify(store, &session, 9_999, &no_notes, moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn a_certified_comparison_is_kept_with_its_comparables_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;

    let input = comparison("$1,150", &["1100", "1,200", "1250"], "reasonable", "Similar size and age, same block");
    let certified = comparisons::certify(store, &session, unit.id, &input, moment()).unwrap();
    assert_eq!((certified.unit_id, certified.proposed_rent.to_string()), (unit.id, "1150.00".to_string()));
    assert_eq!(certified.determination, Determination::Reasonable);
    assert_eq!(certified.determined_on, today());
    assert_eq!(certified.staff_name.as_deref(), Some("Maria Okafor"));
    assert_eq!(certified.notes.as_deref(), Some("Similar size and age, same block"));
    let c = &certified.comparison;
    assert_eq!(c.comparables, 3);
    assert_eq!(
        (c.lowest.to_string(), c.highest.to_string(), c.average.to_string(), c.median.to_string()),
        ("1100.00".into(), "1250.00".into(), "1183.33".into(), "1200.00".into())
    );
    assert_eq!(c.difference_from_average.to_string(), "-33.33");
    assert_eq!(c.percent_from_average.to_string(), "-2.8", "-33.33 / 1183.33");
    assert!(c.suggests_reasonable);
    assert_eq!(certified.comparables.len(), 3);
    let first = &certified.comparables[0];
    assert_eq!(
        (first.address.as_str(), first.bedrooms, first.rent.to_string()),
        ("1500 S Homan Ave, Chicago", 1, "1100.00".to_string())
    );
    assert_eq!((first.square_feet, first.year_built, first.seen_on), (Some(700), Some(1925), d("2026-11-10")));
    assert_eq!(first.utilities_included.as_deref(), Some("water, trash"));
    assert_eq!(comparisons::get(store, certified.id).unwrap(), certified, "reads back the same");

    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("create", "rent_comparison", Some(certified.id))
    );
    assert_eq!(
        changes,
        vec![
            change("unit_id", None, Some(&unit.id.to_string())),
            change("proposed_rent", None, Some("1150")),
            change("comparables", None, Some("3")),
            change("determination", None, Some("reasonable")),
        ]
    );

    let high = comparison("1400", &["1100", "1200", "1250"], "not_reasonable", "Asked the owner to lower it");
    let not = comparisons::certify(store, &session, unit.id, &high, moment()).unwrap();
    assert_eq!(not.determination, Determination::NotReasonable);
    assert!(!not.comparison.suggests_reasonable, "above the highest comparable");
    let listed: Vec<i64> = comparisons::for_unit(store, unit.id).unwrap().iter().map(|c| c.id).collect();
    assert_eq!(listed, [not.id, certified.id], "newest first");
}

// ---- Payment standard checks ----

#[test]
fn a_payment_standard_check_sets_the_gross_rent_against_the_fmr() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");

    // The tenant pays gas heat and lights: a schedule is needed.
    let err = payment_check::work_out(store, unit.id, &check_input(ana, ""), today());
    assert_eq!(fields(err), ["ua_schedule_id"]);

    let schedule = import_schedule(store, &session, "2026-01-01");
    let r = payment_check::work_out(store, unit.id, &check_input(ana, &schedule.to_string()), today()).unwrap();
    assert_eq!(r.area_name, "Chicago-Joliet-Naperville, IL HUD Metro FMR Area");
    assert_eq!(r.fmr_basis, "Chicago-Joliet-Naperville, IL HUD Metro FMR Area");
    assert_eq!((r.allowed_bedrooms, r.unit_bedrooms), (1, 1), "no income calculation: one bedroom");
    assert_eq!(r.fair_market_rent.to_string(), "1581.00", "FY2026 one bedroom");
    assert_eq!(r.payment_standard.to_string(), "1581.00");
    assert_eq!(r.contract_rent.to_string(), "1150.00", "the asking rent when none is typed");
    assert_eq!(r.utility_allowance.to_string(), "70.00", "gas heat 45 + lights 25, one bedroom");
    assert_eq!(r.gross_rent.to_string(), "1220.00");
    assert!(r.passes);
    assert_eq!((r.exception_percent, r.approved_by, r.approved_on), (None, None, None));
    assert_eq!(r.summary, "Fits: the gross rent $1,220.00 is within the payment standard $1,581.00.");

    // At the payment standard exactly it fits; a cent above it does not.
    let at = CheckInput { contract_rent: "1511".into(), ..check_input(ana, &schedule.to_string()) };
    let r = payment_check::work_out(store, unit.id, &at, today()).unwrap();
    assert_eq!((r.gross_rent.to_string(), r.passes), ("1581.00".to_string(), true));
    let above = CheckInput { contract_rent: "1511.01".into(), ..at.clone() };
    let r = payment_check::work_out(store, unit.id, &above, today()).unwrap();
    assert_eq!((r.gross_rent.to_string(), r.passes), ("1581.01".to_string(), false));
    assert_eq!(r.summary, "Does not fit: the gross rent $1,581.01 is $0.01 over the payment standard $1,581.00.");

    // A two-bedroom unit: the 1-bedroom FMR and the allowance for one bedroom.
    let two = add_unit(store, &session, landlord.id, |u| {
        u.unit_number = "3R".into();
        u.bedrooms = "2".into();
        u.asking_rent = "1450".into();
    });
    let r = payment_check::work_out(store, two.id, &check_input(ana, &schedule.to_string()), today()).unwrap();
    assert_eq!((r.allowed_bedrooms, r.unit_bedrooms), (1, 2));
    assert_eq!(r.fair_market_rent.to_string(), "1581.00");
    assert_eq!(r.utility_allowance.to_string(), "70.00", "min(2, 1) = the 1-bedroom column, not 52 + 33");
    assert_eq!((r.gross_rent.to_string(), r.passes), ("1520.00".to_string(), true));

    // An efficiency: the 0-bedroom column of the schedule.
    let studio = add_unit(store, &session, landlord.id, |u| {
        u.unit_number = "G".into();
        u.bedrooms = "0".into();
        u.asking_rent = "1000".into();
    });
    let r = payment_check::work_out(store, studio.id, &check_input(ana, &schedule.to_string()), today()).unwrap();
    assert_eq!(r.utility_allowance.to_string(), "58.00", "38 + 20");

    // The owner pays every utility: no schedule is needed and the allowance is nothing.
    let all_in = add_unit(store, &session, landlord.id, |u| {
        u.unit_number = "4F".into();
        u.owner_utilities = vec!["heating".into(), "other_electric".into(), "water".into()];
        u.tenant_utilities = vec![];
    });
    let r = payment_check::work_out(store, all_in.id, &check_input(ana, ""), today()).unwrap();
    assert_eq!(
        (r.utility_allowance.to_string(), r.gross_rent.to_string()),
        ("0.00".to_string(), "1150.00".to_string())
    );

    // A check for a past day uses the FMR in force then.
    let last_year = CheckInput { on: "2025-06-01".into(), ..check_input(ana, "") };
    let r = payment_check::work_out(store, all_in.id, &last_year, today()).unwrap();
    assert_eq!(r.fair_market_rent.to_string(), "1560.00", "FY2025");

    // A participant whose calculation documents a live-in aide is allowed two bedrooms.
    let ben = add_participant(store, &session, "Ben Okoro");
    let mut form = crate::income::form();
    form.live_in_aide = true;
    form.unit_bedrooms = "2".into();
    income_calc::save(store, &session, ben, &form, moment()).unwrap();
    let r = payment_check::work_out(store, two.id, &check_input(ben, &schedule.to_string()), today()).unwrap();
    assert_eq!((r.allowed_bedrooms, r.fair_market_rent.to_string()), (2, "1781.00".to_string()));
    assert_eq!(r.utility_allowance.to_string(), "85.00", "52 + 33 for two bedrooms");
}

#[test]
fn each_payment_standard_check_problem_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let schedule = import_schedule(store, &session, "2026-01-01").to_string();

    let nobody = CheckInput { participant_id: "".into(), ..check_input(ana, &schedule) };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &nobody, today())), ["participant_id"]);
    let unknown = CheckInput { participant_id: "9999".into(), ..check_input(ana, &schedule) };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &unknown, today())), ["participant_id"]);
    let typo =
        CheckInput { contract_rent: "twelve hundred".into(), on: "13/01/2026".into(), ..check_input(ana, &schedule) };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &typo, today())), ["on", "contract_rent"]);

    // An exception needs DMH's written approval: who and when.
    let exception = CheckInput { exception_percent: "110".into(), ..check_input(ana, &schedule) };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &exception, today())), ["approved_by", "approved_on"]);
    let future =
        CheckInput { approved_by: "R. Alvarez, DMH".into(), approved_on: "12/01/2026".into(), ..exception.clone() };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &future, today())), ["approved_on"]);
    let too_much = CheckInput { exception_percent: "125%".into(), approved_on: "11/01/2026".into(), ..future.clone() };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &too_much, today())), ["exception_percent"]);
    let message = message_for(payment_check::work_out(store, unit.id, &too_much, today()), "exception_percent");
    assert!(message.contains("125") && message.contains("120"), "{message}");
    let not_above = CheckInput { exception_percent: "100".into(), ..too_much.clone() };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &not_above, today())), ["exception_percent"]);
    let words = CheckInput { exception_percent: "lots".into(), ..too_much.clone() };
    assert_eq!(fields(payment_check::work_out(store, unit.id, &words, today())), ["exception_percent"]);

    let max = CheckInput { exception_percent: "120".into(), contract_rent: "1827.20".into(), ..too_much.clone() };
    let r = payment_check::work_out(store, unit.id, &max, today()).unwrap();
    assert_eq!(r.payment_standard.to_string(), "1897.20", "120% of $1,581");
    assert_eq!((r.gross_rent.to_string(), r.passes), ("1897.20".to_string(), true), "at the raised standard");
    assert_eq!(r.exception_percent.as_deref(), Some("120"));
    assert_eq!((r.approved_by.as_deref(), r.approved_on), (Some("R. Alvarez, DMH"), Some(d("2026-11-01"))));
    let over = CheckInput { contract_rent: "1827.21".into(), ..max.clone() };
    assert!(!payment_check::work_out(store, unit.id, &over, today()).unwrap().passes);

    // No FMR area on file for the unit's county.
    let champaign = add_unit(store, &session, landlord.id, |u| u.county = "Champaign".into());
    let err = payment_check::work_out(store, champaign.id, &check_input(ana, &schedule), today());
    assert_eq!(fields(err), ["unit"]);
    let message =
        message_for(payment_check::work_out(store, champaign.id, &check_input(ana, &schedule), today()), "unit");
    assert!(message.contains("Champaign County"), "{message}");

    // The schedule has no row for a utility the tenant pays here.
    let water = add_unit(store, &session, landlord.id, |u| {
        u.unit_number = "5F".into();
        u.owner_utilities = vec![];
        u.tenant_utilities = vec![utility("water", "")];
    });
    assert_eq!(
        fields(payment_check::work_out(store, water.id, &check_input(ana, &schedule), today())),
        ["ua_schedule_id"]
    );
    let err = ApiError::from(payment_check::work_out(store, 9_999, &check_input(ana, &schedule), today()).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn the_utility_schedule_must_exist_and_be_in_force_on_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let later = import_schedule(store, &session, "2027-01-01");

    let not_yet = payment_check::work_out(store, unit.id, &check_input(ana, &later.to_string()), today());
    assert_eq!(fields(not_yet), ["ua_schedule_id"], "the 2027 schedule is not in force on 11/23/2026");

    let message =
        message_for(payment_check::work_out(store, unit.id, &check_input(ana, "9999"), today()), "ua_schedule_id");
    assert!(message.starts_with("Choose"), "an unknown schedule is a choice to make again: {message}");
    assert!(!message.contains("NaturalGas") && !message.contains("Heating"), "no Rust names: {message}");
}

#[test]
fn a_recorded_check_is_listed_with_the_unit_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let schedule = import_schedule(store, &session, "2026-01-01").to_string();

    let fits = payment_check::record(store, &session, unit.id, &check_input(ana, &schedule), moment()).unwrap();
    assert_eq!((fits.participant_id, fits.participant_name.as_str()), (ana, "Ana Silva"));
    assert_eq!((fits.checked_on, fits.staff_name.as_deref()), (today(), Some("Maria Okafor")));
    assert!(fits.result.passes);
    let worked = payment_check::work_out(store, unit.id, &check_input(ana, &schedule), today()).unwrap();
    assert_eq!(fits.result, worked, "what is kept is what was worked out");
    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("create", "payment_standard_check", Some(fits.id))
    );
    assert_eq!(
        changes,
        vec![
            change("unit_id", None, Some(&unit.id.to_string())),
            change("participant_id", None, Some(&ana.to_string())),
            change("gross_rent", None, Some("1220")),
            change("payment_standard", None, Some("1581")),
            change("passes", None, Some("true")),
        ]
    );

    let approved = CheckInput {
        contract_rent: "1700".into(),
        exception_percent: "110".into(),
        approved_by: "R. Alvarez, DMH".into(),
        approved_on: "11/01/2026".into(),
        on: "11/20/2026".into(),
        ..check_input(ana, &schedule)
    };
    let exception = payment_check::record(store, &session, unit.id, &approved, moment()).unwrap();
    assert_eq!(exception.checked_on, d("2026-11-20"), "the day typed");
    assert_eq!(exception.result.payment_standard.to_string(), "1739.10", "110% of $1,581");
    assert_eq!((exception.result.gross_rent.to_string(), exception.result.passes), ("1770.00".to_string(), false));
    assert_eq!(exception.result.exception_percent.as_deref(), Some("110"));
    let (_, changes) = last_audit(store);
    assert!(changes.contains(&change("exception_percent", None, Some("110"))), "{changes:?}");
    assert!(changes.contains(&change("approved_by", None, Some("R. Alvarez, DMH"))), "{changes:?}");
    assert!(changes.contains(&change("passes", None, Some("false"))), "{changes:?}");

    let listed = payment_check::checks(store, unit.id).unwrap();
    assert_eq!(listed, vec![fits.clone(), exception.clone()], "newest check date first");
    assert!(payment_check::checks(store, 9_999).unwrap().is_empty());

    let before = audit_count(store);
    let refused = payment_check::record(store, &session, unit.id, &check_input(ana, ""), moment());
    assert_eq!(fields(refused), ["ua_schedule_id"]);
    assert_eq!((audit_count(store), payment_check::checks(store, unit.id).unwrap().len()), (before, 2));
}

// ---- Incentives ----

#[test]
fn incentives_are_checked_against_the_guides_limits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, landlord, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let ben = add_participant(store, &session, "Ben Okoro");
    let before = audit_count(store);

    // The unit asks $1,150: a signing bonus is at most $2,300.
    let over = incentive(Some(ana), "signing_bonus", "2300.01");
    assert_eq!(fields(incentives::add(store, &session, unit.id, &over, moment())), ["amount"]);
    let message = message_for(incentives::add(store, &session, unit.id, &over, moment()), "amount");
    assert_eq!(message, "A signing bonus can be at most two months' rent: $2,300.00.");
    let extra = IncentiveInput { refundable: true, ..incentive(Some(ana), "extra_deposit_month", "1150.01") };
    let message = message_for(incentives::add(store, &session, unit.id, &extra, moment()), "amount");
    assert!(message.contains("$1,150.00"), "{message}");
    let kept = IncentiveInput { refundable: false, amount: "1150".into(), ..extra.clone() };
    assert_eq!(fields(incentives::add(store, &session, unit.id, &kept, moment())), ["refundable"]);

    // Damage repairs must be documented, and not be what the deposit covers.
    let repair = incentive(Some(ana), "damage_repair", "480");
    assert_eq!(fields(incentives::add(store, &session, unit.id, &repair, moment())), ["documentation"]);
    let covered = IncentiveInput { documentation: "Invoice 4471".into(), covered_by_deposit: true, ..repair.clone() };
    assert_eq!(fields(incentives::add(store, &session, unit.id, &covered, moment())), ["documentation"]);

    // A later move needs DMH's written approval, given on or before the payment.
    let later = IncentiveInput { subsequent_move: true, ..incentive(Some(ana), "signing_bonus", "1000") };
    assert_eq!(fields(incentives::add(store, &session, unit.id, &later, moment())), ["approval"]);
    let message = message_for(incentives::add(store, &session, unit.id, &later, moment()), "approval");
    assert!(message.contains("written approval"), "{message}");
    let late =
        IncentiveInput { approved_by: "R. Alvarez, DMH".into(), approved_on: "11/06/2026".into(), ..later.clone() };
    assert_eq!(
        fields(incentives::add(store, &session, unit.id, &late, moment())),
        ["approved_on"],
        "after the payment"
    );

    // The form itself.
    let typed = IncentiveInput {
        participant_id: "9999".into(),
        kind: "gift_card".into(),
        amount: "-5".into(),
        status: "paid".into(),
        offered_on: "".into(),
        paid_on: "".into(),
        ..incentive(None, "", "")
    };
    assert_eq!(
        fields(incentives::add(store, &session, unit.id, &typed, moment())),
        ["participant_id", "kind", "amount", "offered_on", "paid_on"]
    );
    assert_eq!(audit_count(store), before, "nothing refused was written");
    assert!(incentives::for_unit(store, unit.id).unwrap().is_empty());

    // A good one, at the limit exactly.
    let bonus =
        incentives::add(store, &session, unit.id, &incentive(Some(ana), "signing_bonus", "2300"), moment()).unwrap();
    assert_eq!(
        (bonus.kind, bonus.status, bonus.amount.to_string()),
        (IncentiveKind::SigningBonus, IncentiveStatus::Paid, "2300.00".to_string())
    );
    assert_eq!((bonus.landlord_id, bonus.unit_id, bonus.participant_id), (landlord.id, unit.id, Some(ana)));
    assert_eq!(bonus.participant_name.as_deref(), Some("Ana Silva"));
    assert_eq!(bonus.unit_address, "1401 S Lawndale Ave, 2F, Chicago");
    assert_eq!((bonus.offered_on, bonus.paid_on), (d("2026-11-02"), Some(d("2026-11-05"))));
    let (entry, changes) = last_audit(store);
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("create", "incentive", Some(bonus.id))
    );
    assert!(changes.contains(&change("amount", None, Some("2300.00"))), "{changes:?}");
    assert!(changes.contains(&change("kind", None, Some("signing_bonus"))), "{changes:?}");
    assert!(changes.contains(&change("status", None, Some("paid"))), "{changes:?}");
    assert!(!changes.iter().any(|c| ["id", "unit_address", "participant_name"].contains(&c.0.as_str())), "{changes:?}");

    // Once per unit and participant.
    let again = incentive(Some(ana), "signing_bonus", "100");
    assert_eq!(fields(incentives::add(store, &session, unit.id, &again, moment())), ["kind"]);
    let message = message_for(incentives::add(store, &session, unit.id, &again, moment()), "kind");
    assert!(message.contains("only once"), "{message}");
    let for_ben =
        incentives::add(store, &session, unit.id, &incentive(Some(ben), "signing_bonus", "500"), moment()).unwrap();

    // A later move approved in advance, and a documented repair.
    let approved =
        IncentiveInput { approved_by: "R. Alvarez, DMH".into(), approved_on: "11/01/2026".into(), ..later.clone() };
    let other_unit = add_unit(store, &session, landlord.id, |u| u.unit_number = "3R".into());
    let moved = incentives::add(store, &session, other_unit.id, &approved, moment()).unwrap();
    assert!(moved.subsequent_move);
    assert_eq!((moved.approved_by.as_deref(), moved.approved_on), (Some("R. Alvarez, DMH"), Some(d("2026-11-01"))));
    let fixed = IncentiveInput {
        documentation: "Invoice 4471, photos".into(),
        covered_by_deposit: true,
        participant_in_unit: true,
        ..repair.clone()
    };
    let fixed = incentives::add(store, &session, unit.id, &fixed, moment()).unwrap();
    assert_eq!(fixed.documentation.as_deref(), Some("Invoice 4471, photos"));

    let for_landlord: Vec<i64> = incentives::for_landlord(store, landlord.id).unwrap().iter().map(|i| i.id).collect();
    assert_eq!(for_landlord, [fixed.id, moved.id, for_ben.id, bonus.id], "newest first");
    let for_unit: Vec<i64> = incentives::for_unit(store, unit.id).unwrap().iter().map(|i| i.id).collect();
    assert_eq!(for_unit, [fixed.id, for_ben.id, bonus.id]);
    assert_eq!(landlords::get(store, landlord.id).unwrap().incentives_paid.to_string(), "4280.00");
}

#[test]
fn a_half_typed_approval_names_the_missing_half() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let later = IncentiveInput { subsequent_move: true, ..incentive(Some(ana), "signing_bonus", "1000") };
    let no_name = IncentiveInput { approved_on: "11/01/2026".into(), ..later.clone() };
    assert_eq!(fields(incentives::add(store, &session, unit.id, &no_name, moment())), ["approved_by"]);
    let no_date = IncentiveInput { approved_by: "R. Alvarez, DMH".into(), ..later.clone() };
    assert_eq!(fields(incentives::add(store, &session, unit.id, &no_date, moment())), ["approved_on"]);
}

// ---- The unit page ----

#[test]
fn the_unit_page_says_what_stands_between_the_unit_and_a_lease() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");

    let view = units::view(store, unit.id, today()).unwrap();
    assert!(!view.ready);
    assert_eq!(view.waiting_on, ["Inspection: not inspected", "Rent reasonableness: not certified yet"]);
    assert_eq!(view.unit, unit);
    assert_eq!(view.inspections.standing, UnitInspectionStanding::NotInspected);
    assert!(view.comparisons.is_empty() && view.checks.is_empty() && view.incentives.is_empty());

    let not = comparison("1150", &["900", "950", "1000"], "not_reasonable", "Above the market");
    comparisons::certify(store, &session, unit.id, &not, moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on[1], "Rent reasonableness: the rent was found not reasonable");

    let other_rent = comparison("1100", &["1100", "1200", "1250"], "reasonable", "");
    comparisons::certify(store, &session, unit.id, &other_rent, moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on[1], "Rent reasonableness: certified for a different rent; certify the asking rent");

    let asked = comparison("1150.00", &["1100", "1200", "1250"], "reasonable", "");
    comparisons::certify(store, &session, unit.id, &asked, moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on, ["Inspection: not inspected"], "certified for the asking rent");
    assert_eq!(view.comparisons.len(), 3);

    let schedule = import_schedule(store, &session, "2026-01-01").to_string();
    let too_high = CheckInput { contract_rent: "1600".into(), ..check_input(ana, &schedule) };
    payment_check::record(store, &session, unit.id, &too_high, moment()).unwrap();
    incentives::add(store, &session, unit.id, &incentive(Some(ana), "signing_bonus", "500"), moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on, ["Inspection: not inspected", "Payment standard: the latest check does not fit"]);
    assert_eq!((view.checks.len(), view.incentives.len()), (1, 1));

    payment_check::record(store, &session, unit.id, &check_input(ana, &schedule), moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on, ["Inspection: not inspected"], "the latest check fits");
    assert!(!view.ready);
    let err = ApiError::from(units::view(store, 9_999, today()).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn a_passed_unit_with_its_rent_certified_and_a_fitting_check_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);

    inspections::record(store, &session, unit.id, &failing(&template, "initial", "11/16/2026"), moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on[0], "Inspection: follow-up inspection due");
    assert_eq!(view.unit.details.status, UnitStatus::Failed);

    inspections::record(
        store,
        &session,
        unit.id,
        &all_pass(&template, &["Bedroom 1"], "follow_up", "11/20/2026"),
        moment(),
    )
    .unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert_eq!(view.waiting_on, ["Rent reasonableness: not certified yet"], "passed; no payment check is needed");
    assert!(!view.ready);

    let asked = comparison("1150", &["1100", "1200", "1250"], "reasonable", "");
    comparisons::certify(store, &session, unit.id, &asked, moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert!(view.ready, "{:?}", view.waiting_on);
    assert!(view.waiting_on.is_empty());
    assert_eq!(view.inspections.inspections.len(), 2);

    let schedule = import_schedule(store, &session, "2026-01-01").to_string();
    payment_check::record(store, &session, unit.id, &check_input(ana, &schedule), moment()).unwrap();
    assert!(units::view(store, unit.id, today()).unwrap().ready, "the latest check fits");
    let too_high = CheckInput { contract_rent: "1600".into(), ..check_input(ana, &schedule) };
    payment_check::record(store, &session, unit.id, &too_high, moment()).unwrap();
    let view = units::view(store, unit.id, today()).unwrap();
    assert!(!view.ready);
    assert_eq!(view.waiting_on, ["Payment standard: the latest check does not fit"]);

    // A year on, the annual inspection is overdue.
    let view = units::view(store, unit.id, d("2027-11-21")).unwrap();
    assert_eq!(view.waiting_on[0], "Inspection: annual inspection overdue");
}

// ---- Who may change the housing records ----

#[test]
fn case_managers_see_but_do_not_change_landlords_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, admin, landlord, unit) = desk_with_unit(dir.path());
    let ana = add_participant(desk.signed_in().unwrap().0, &admin, "Ana Silva");
    add_staff(&mut desk, "dreyes", "Dana Reyes", "case_manager");
    add_staff(&mut desk, "hlee", "Hana Lee", "housing_locator");

    let case_manager = sign_in_as(&mut desk, "dreyes");
    let store = desk.signed_in().unwrap().0;
    let before = audit_count(store);
    assert_forbidden(
        landlords::create(store, &case_manager, &landlord_input("New Owner", ""), moment()),
        "a case manager adds a landlord",
    );
    assert_forbidden(
        landlords::update(store, &case_manager, landlord.id, &landlord_input("Renamed", ""), moment()),
        "a case manager changes a landlord",
    );
    assert_forbidden(
        units::create(store, &case_manager, &unit_input(landlord.id), moment()),
        "a case manager adds a unit",
    );
    assert_forbidden(
        units::update(store, &case_manager, unit.id, &unit_input(landlord.id), moment()),
        "a case manager changes a unit",
    );
    assert_forbidden(
        inspections::record(store, &case_manager, unit.id, &InspectionInput::default(), moment()),
        "a case manager records an inspection",
    );
    assert_forbidden(
        inspections::extend(store, &case_manager, 1, &ExtensionInput::default(), moment()),
        "a case manager extends a follow-up",
    );
    assert_forbidden(inspections::owner_refused(store, &case_manager, 1, moment()), "a case manager records a refusal");
    let asked = comparison("1150", &["1100", "1200", "1250"], "reasonable", "");
    assert_forbidden(
        comparisons::certify(store, &case_manager, unit.id, &asked, moment()),
        "a case manager certifies a rent",
    );
    assert_forbidden(
        payment_check::record(store, &case_manager, unit.id, &check_input(ana, ""), moment()),
        "a case manager records a payment standard check",
    );
    assert_forbidden(
        incentives::add(store, &case_manager, unit.id, &incentive(Some(ana), "signing_bonus", "500"), moment()),
        "a case manager records an incentive",
    );
    assert_eq!(audit_count(store), before, "nothing was written");

    // They may look.
    assert_eq!(landlords::list(store, "").unwrap().len(), 1);
    assert_eq!(units::list(store, &query(), today()).unwrap().total, 1);
    assert!(!units::view(store, unit.id, today()).unwrap().ready);

    // A housing locator may change them.
    let locator = sign_in_as(&mut desk, "hlee");
    let store = desk.signed_in().unwrap().0;
    let added = landlords::create(store, &locator, &landlord_input("New Owner", ""), moment()).unwrap();
    let (entry, _) = last_audit(store);
    assert_eq!(
        (entry.entity.as_str(), entry.entity_id, entry.staff_id),
        ("landlord", Some(added.id), Some(locator.staff_id))
    );
    assert_eq!(entry.actor, "hlee");
    units::create(store, &locator, &unit_input(added.id), moment()).unwrap();
    comparisons::certify(store, &locator, unit.id, &asked, moment()).unwrap();
}

// ---- Leases ----

#[test]
fn a_lease_rests_on_a_passed_inspection_a_certified_rent_a_fitting_check_and_the_income_in_force() {
    use housing_desk::leases::{self, MoveOutInput};
    use housing_desk::participants::ParticipantStatus;
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, session, _, unit) = desk_with_unit(dir.path());
    let store = desk.signed_in().unwrap().0;
    let ana = add_participant(store, &session, "Ana Silva");

    // Nothing in place yet: each missing piece is named.
    let problems = fields(leases::create(store, &session, unit.id, &lease_input(ana, "1150"), moment()));
    for field in ["participant_id", "unit", "contract_rent"] {
        assert!(problems.iter().any(|f| f == field), "{field} in {problems:?}");
    }
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Prospect, "nothing was written");

    store.conn().execute("UPDATE participant SET status = 'enrolled' WHERE id = ?1", [ana]).unwrap();
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    inspections::record(
        store,
        &session,
        unit.id,
        &all_pass(&template, &["Bedroom 1"], "initial", "11/20/2026"),
        moment(),
    )
    .unwrap();
    comparisons::certify(
        store,
        &session,
        unit.id,
        &comparison("1150", &["1100", "1200", "1250"], "reasonable", ""),
        moment(),
    )
    .unwrap();
    income_calc::save(store, &session, ana, &crate::income::form(), moment()).unwrap();
    let schedule = import_schedule(store, &session, "2026-01-01").to_string();
    payment_check::record(store, &session, unit.id, &check_input(ana, &schedule), moment()).unwrap();

    // The calculation used another unit's allowance ($85): the tenant rent
    // for this unit ($70 of heat and lights) would be wrong.
    let refused = leases::create(store, &session, unit.id, &lease_input(ana, "1150"), moment()).unwrap_err();
    assert!(format!("{refused:?}").contains("utility allowance of $85.00, but this unit's is $70.00"), "{refused:?}");
    let mut this_unit = crate::income::form();
    this_unit.utility_allowance = "70".into();
    this_unit.contract_rent = "1150".into();
    income_calc::save(store, &session, ana, &this_unit, moment()).unwrap();

    assert_eq!(
        fields(leases::create(store, &session, unit.id, &lease_input(ana, "1200"), moment())),
        ["contract_rent", "contract_rent"],
        "above the certified rent and the rent the check used"
    );
    let lease = leases::create(store, &session, unit.id, &lease_input(ana, "1150"), moment()).unwrap();
    assert!(lease.active);
    assert_eq!(lease.contract_rent.to_string(), "1150.00");
    assert_eq!(
        lease.grantee_payment.0,
        lease.contract_rent.0 - lease.tenant_rent.0,
        "rental assistance: rent less tenant rent"
    );
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Leased);
    assert_eq!(
        housing_desk::participants::get(store, &session, ana, moment()).unwrap().details.status,
        ParticipantStatus::Enrolled,
        "housed from the move-in date, which is not set yet"
    );
    let (entry, _) = last_audit(store);
    assert_eq!((entry.entity.as_str(), entry.entity_id), ("lease", Some(lease.id)));
    assert_eq!(
        fields(leases::create(store, &session, unit.id, &lease_input(ana, "1150"), moment())),
        ["participant_id", "unit"],
        "a leased unit is not leased twice"
    );

    let early = MoveOutInput { move_out_date: "11/20/2026".into(), reason: "Moved in with family".into() };
    assert_eq!(fields(leases::move_out(store, &session, lease.id, &early, moment())), ["move_out_date"]);
    let out = MoveOutInput { move_out_date: "12/01/2026".into(), reason: "".into() };
    let future = fields(leases::move_out(store, &session, lease.id, &out, moment()));
    assert_eq!(future, ["move_out_date", "reason"], "12/01 is after today, and a reason is needed");
    store.conn().execute("UPDATE lease SET start_date = '2026-11-01' WHERE id = ?1", [lease.id]).unwrap();
    let out = MoveOutInput { move_out_date: "11/22/2026".into(), reason: "Moved in with family".into() };
    let ended = leases::move_out(store, &session, lease.id, &out, moment()).unwrap();
    assert!(!ended.active);
    assert_eq!(units::get(store, unit.id).unwrap().details.status, UnitStatus::Vacant);
    assert_eq!(leases::for_unit(store, unit.id, today()).unwrap().len(), 1);
}
