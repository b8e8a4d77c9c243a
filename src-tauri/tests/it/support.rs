//! Shared fixtures.

use chrono::{NaiveDate, TimeZone, Utc};
use housing_desk::accounts::{self, Session, StaffInput};
use housing_desk::comparisons::{ComparableInput, ComparisonInput};
use housing_desk::desk::{Desk, Moment, SetupRequest};
use housing_desk::error::{ApiError, DeskError, ErrorCode};
use housing_desk::income_calc::TenantUtilityForm;
use housing_desk::inspections::{InspectionInput, ItemInput, Template};
use housing_desk::landlords::{self, Landlord, LandlordInput};
use housing_desk::leases::LeaseInput;
use housing_desk::participants::ParticipantInput;
use housing_desk::paths::DataLocation;
use housing_desk::payment_check::CheckInput;
use housing_desk::reference::{self, ScheduleImport};
use housing_desk::store::keyring::NoKeyring;
use housing_desk::store::{self as db, Store};
use housing_desk::units::{self, Unit, UnitInput};

pub fn moment() -> Moment {
    Moment {
        at: Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

pub const PASSWORD: &str = "kitchen window sunrise";
pub const PASSPHRASE: &str = "blue heron over the river";

pub fn setup_request() -> SetupRequest {
    SetupRequest {
        grantee_name: "Thresholds Housing".into(),
        program: "housing_is_recovery".into(),
        county: "Cook".into(),
        full_name: "Maria Okafor".into(),
        username: "mokafor".into(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
        recovery_passphrase: PASSPHRASE.into(),
        recovery_passphrase_confirm: PASSPHRASE.into(),
    }
}

pub fn participant(name: &str) -> ParticipantInput {
    ParticipantInput {
        legal_name: name.into(),
        birth_date: "1984-03-15".into(),
        referral_source: "hospital".into(),
        referral_date: "2026-11-20".into(),
        expected_release_date: "2026-12-01".into(),
        status: "referred".into(),
        ..Default::default()
    }
}

/// A desk set up in `dir` (no keyring) with the administrator signed in.
pub fn admin_desk(dir: &std::path::Path) -> Desk {
    let mut desk = Desk::start(DataLocation::new(dir), Box::new(NoKeyring));
    desk.complete_setup(&setup_request(), moment()).unwrap();
    desk.sign_in("mokafor", PASSWORD, moment()).unwrap();
    desk
}

// ---- Shared by the domain tests ----

/// A field's change as the audit trail records it: (field, old, new).
pub type Changes = Vec<(String, Option<String>, Option<String>)>;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn today() -> NaiveDate {
    moment().today
}

pub fn session_of(desk: &mut Desk) -> Session {
    desk.signed_in().unwrap().1.clone()
}

/// Adds a staff account as the signed-in administrator; answers its id.
pub fn add_staff(desk: &mut Desk, username: &str, full_name: &str, role: &str) -> i64 {
    let (store, admin) = desk.signed_in().unwrap();
    let admin = admin.clone();
    let input = StaffInput {
        full_name: full_name.into(),
        username: username.into(),
        role: role.into(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    accounts::add_staff(store, &admin, &input, moment()).unwrap().id
}

/// Signs whoever is signed in out, and `username` in.
pub fn sign_in_as(desk: &mut Desk, username: &str) -> Session {
    desk.sign_out(moment()).unwrap();
    desk.sign_in(username, PASSWORD, moment()).unwrap();
    session_of(desk)
}

/// The fields a refused request names (it must be a validation error).
pub fn fields<T: std::fmt::Debug>(result: Result<T, DeskError>) -> Vec<String> {
    let err = ApiError::from(result.expect_err("the request should be refused"));
    assert_eq!(err.code, ErrorCode::Validation, "{err:?}");
    err.fields.into_iter().map(|f| f.field).collect()
}

pub fn assert_forbidden<T: std::fmt::Debug>(result: Result<T, DeskError>, what: &str) {
    let err = result.expect_err(what);
    assert!(matches!(err, DeskError::Forbidden(_)), "{what}: {err:?}");
    assert_eq!(ApiError::from(err).code, ErrorCode::Forbidden, "{what}");
}

/// The newest audit entry that is not a view, and its changes as (field,
/// old, new). Views are recorded on every read (`audit::record_view`), so a
/// test that reads back what it changed would otherwise find its own view.
pub fn last_audit(store: &Store) -> (db::audit::StoredAuditEntry, Changes) {
    let entry = db::audit::recent(store.conn(), 200)
        .unwrap()
        .into_iter()
        .find(|e| e.action != "view")
        .expect("an audit entry other than a view");
    audit_entry_changes(entry)
}

/// The newest audit entry, views included, and its changes.
pub fn newest_audit(store: &Store) -> (db::audit::StoredAuditEntry, Changes) {
    audit_entry_changes(db::audit::recent(store.conn(), 1).unwrap().remove(0))
}

fn audit_entry_changes(entry: db::audit::StoredAuditEntry) -> (db::audit::StoredAuditEntry, Changes) {
    let changes = entry
        .changes
        .as_deref()
        .map(|c| serde_json::from_str::<Vec<serde_json::Value>>(c).unwrap())
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().map(String::from);
            (text("field").unwrap(), text("old"), text("new"))
        })
        .collect();
    (entry, changes)
}

pub fn change(field: &str, old: Option<&str>, new: Option<&str>) -> (String, Option<String>, Option<String>) {
    (field.into(), old.map(String::from), new.map(String::from))
}

// ---- The housing desk: a landlord, units ready to lease, leases ----

/// Why the checklist template could not be read (at adb84c0 migration 0009
/// seeded `{"sections": [...]}` where `inspections::template` reads a list).
pub const TEMPLATE_UNREADABLE: &str = "the seeded HUD-52580 checklist template must be readable";

/// The message given for `field` in a refused request.
pub fn message_for<T: std::fmt::Debug>(result: Result<T, DeskError>, field: &str) -> String {
    let err = ApiError::from(result.expect_err("the request should be refused"));
    err.fields
        .iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("no error on {field}: {err:?}"))
        .message
        .clone()
}

pub fn audit_count(store: &Store) -> u64 {
    db::audit::count(store.conn()).unwrap()
}

pub fn landlord_input(name: &str, organization: &str) -> LandlordInput {
    LandlordInput {
        name: name.into(),
        organization: organization.into(),
        role: "agent".into(),
        phone: "773 555 0190".into(),
        email: "grace@lawndaleproperties.com".into(),
        mailing_address: "1400 S Lawndale Ave, Chicago, IL 60623".into(),
        payee_name: "Lawndale Properties LLC".into(),
        payee_address: "PO Box 2231, Chicago, IL 60623".into(),
        grantee_relation: "none".into(),
        notes: "".into(),
    }
}

pub fn add_landlord(store: &mut Store, session: &Session, name: &str, organization: &str) -> Landlord {
    landlords::create(store, session, &landlord_input(name, organization), moment()).unwrap()
}

pub fn utility(u: &str, f: &str) -> TenantUtilityForm {
    TenantUtilityForm { utility: u.into(), fuel: f.into() }
}

/// A one-bedroom Cook County apartment asking $1,150; the tenant pays gas
/// heat and lights, the owner water and trash.
pub fn unit_input(landlord_id: i64) -> UnitInput {
    UnitInput {
        landlord_id: landlord_id.to_string(),
        street: "1401 S Lawndale Ave".into(),
        unit_number: "2F".into(),
        city: "Chicago".into(),
        zip: "60623".into(),
        county: "Cook".into(),
        housing_type: "low_rise".into(),
        bedrooms: "1".into(),
        square_feet: "650".into(),
        year_built: "1924".into(),
        accessibility: "".into(),
        amenities: "Laundry in the building".into(),
        owner_utilities: vec!["water".into(), "trash".into()],
        tenant_utilities: vec![utility("heating", "natural_gas"), utility("other_electric", "")],
        asking_rent: "$1,150".into(),
        available_on: "12/01/2026".into(),
        status: "prospect".into(),
        temporary: false,
        notes: "".into(),
    }
}

pub fn add_unit(store: &mut Store, session: &Session, landlord_id: i64, tweak: impl FnOnce(&mut UnitInput)) -> Unit {
    let mut input = unit_input(landlord_id);
    tweak(&mut input);
    units::create(store, session, &input, moment()).unwrap()
}

/// A desk with the administrator signed in, one landlord and one unit.
pub fn desk_with_unit(dir: &std::path::Path) -> (Desk, Session, Landlord, Unit) {
    let mut desk = admin_desk(dir);
    let session = session_of(&mut desk);
    let store = desk.signed_in().unwrap().0;
    let landlord = add_landlord(store, &session, "Grace Adeyemi", "Lawndale Properties LLC");
    let unit = add_unit(store, &session, landlord.id, |_| {});
    (desk, session, landlord, unit)
}

pub fn add_participant(store: &mut Store, session: &Session, name: &str) -> i64 {
    housing_desk::participants::create(store, session, &participant(name), moment()).unwrap().id
}

/// Imports the CHA apartment schedule (HUD-52667) and answers its id.
pub fn import_schedule(store: &mut Store, session: &Session, effective_from: &str) -> i64 {
    let import = ScheduleImport {
        name: format!("CHA apartments {effective_from}"),
        pha: "Chicago Housing Authority".into(),
        unit_type: "apartment".into(),
        effective_from: effective_from.into(),
        source: "CHA utility allowance schedule, HUD-52667".into(),
        csv: "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\n\
              heating,natural gas,38,45,52,60,68,75\n\
              cooking,electric,6,7,9,11,13,15\n\
              other electric,,20,25,33,41,50,58\n"
            .into(),
    };
    reference::import_utility_schedule(store, session, &import, moment()).unwrap();
    let name = import.name;
    reference::utility_schedules(store).unwrap().into_iter().find(|s| s.name == name).unwrap().id
}

/// Every item of the checklist passed, section 4 once per room.
pub fn all_pass(template: &Template, rooms: &[&str], kind: &str, on: &str) -> InspectionInput {
    let mut items = Vec::new();
    for section in &template.sections {
        let section_rooms: Vec<&str> = if section.per_room { rooms.to_vec() } else { vec![""] };
        for room in section_rooms {
            for t in &section.items {
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
        inspected_on: on.into(),
        inspector: "Luis Ortega, HQS certified".into(),
        children_under_6: "0".into(),
        rooms: rooms.iter().map(|r| r.to_string()).collect(),
        items,
        owner_refused: false,
        staff_minutes: "90".into(),
        vendor_fee: "".into(),
    }
}

pub fn item<'a>(input: &'a mut InspectionInput, code: &str, room: &str) -> &'a mut ItemInput {
    input.items.iter_mut().find(|i| i.code == code && i.room == room).unwrap()
}

/// The checklist with the furnace (7.2) failed, the owner to fix it.
pub fn failing(template: &Template, kind: &str, on: &str) -> InspectionInput {
    let mut input = all_pass(template, &["Bedroom 1"], kind, on);
    let furnace = item(&mut input, "7.2", "");
    furnace.result = "fail".into();
    furnace.comment = "Furnace flue disconnected; carbon monoxide risk".into();
    furnace.responsible = "owner".into();
    input
}

pub fn comparable(rent: &str) -> ComparableInput {
    ComparableInput {
        address: "1500 S Homan Ave, Chicago".into(),
        bedrooms: "1".into(),
        housing_type: "low_rise".into(),
        square_feet: "700".into(),
        year_built: "1925".into(),
        quality: "good".into(),
        amenities: "".into(),
        utilities_included: "water, trash".into(),
        rent: rent.into(),
        source: "Zillow listing".into(),
        seen_on: "11/10/2026".into(),
    }
}

pub fn comparison(proposed: &str, rents: &[&str], determination: &str, notes: &str) -> ComparisonInput {
    ComparisonInput {
        proposed_rent: proposed.into(),
        comparables: rents.iter().map(|r| comparable(r)).collect(),
        determination: determination.into(),
        notes: notes.into(),
    }
}

pub fn check_input(participant_id: i64, schedule: &str) -> CheckInput {
    CheckInput {
        participant_id: participant_id.to_string(),
        on: "".into(),
        contract_rent: "".into(),
        ua_schedule_id: schedule.into(),
        exception_percent: "".into(),
        approved_by: "".into(),
        approved_on: "".into(),
    }
}

/// A rental assistance lease from 12/01/2026 to 11/30/2027, no move-in yet.
pub fn lease_input(participant_id: i64, rent: &str) -> LeaseInput {
    LeaseInput {
        participant_id: participant_id.to_string(),
        option: "rental_assistance".into(),
        start_date: "12/01/2026".into(),
        end_date: "11/30/2027".into(),
        move_in_date: "".into(),
        contract_rent: rent.into(),
    }
}
