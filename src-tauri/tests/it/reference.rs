//! The program figures: who may change them, new amounts by date, HUD tables
//! imported from CSV, and the calculation picking up what is in force.

use housing_desk::accounts::{self, StaffInput};
use housing_desk::error::{ApiError, ErrorCode};
use housing_desk::reference::{self, DeductionSetInput, FigureImport, FigureKind};
use housing_desk::store::{self as db};

use crate::support::*;

#[test]
fn supervisors_add_figures_that_later_calculations_use() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, admin) = desk.signed_in().unwrap();
    let admin = admin.clone();

    let tables = reference::tables(store, &admin).unwrap();
    assert!(tables.can_edit);
    assert_eq!(tables.deduction_sets[0].label, "HOTMA 2026", "newest first");
    let chicago = &tables.areas.iter().find(|a| a.area.name.starts_with("Chicago")).unwrap();
    assert_eq!(chicago.fmrs[0].amounts[1].as_deref(), Some("1581.00"), "FY2026 one bedroom");
    assert_eq!(chicago.income_limits[0].amounts[1].as_deref(), Some("29200.00"), "two people, FY2026");

    let set = DeductionSetInput {
        effective_from: "01/01/2027".into(),
        label: "HOTMA 2027".into(),
        dependent_deduction: "525".into(),
        elderly_disabled_deduction: "$575".into(),
        medical_threshold_percent: "10".into(),
        source: "HUD notice for calendar year 2027".into(),
    };
    reference::add_deduction_set(store, &admin, &set, moment()).unwrap();
    let again = ApiError::from(reference::add_deduction_set(store, &admin, &set, moment()).unwrap_err());
    assert_eq!(again.fields[0].field, "effective_from", "one set per date");

    let import = FigureImport {
        kind: FigureKind::FairMarketRents,
        effective_from: "2026-10-01".into(),
        source: "HUD FY2027 FMR".into(),
        csv: "fmr_areaname,cntyname,fmr_0,fmr_1,fmr_2,fmr_3,fmr_4\n\
              \"Chicago-Joliet-Naperville, IL HUD Metro FMR Area\",Cook,1512,1615,1820,2343,2711\n\
              \"Kankakee, IL MSA\",Kankakee,850,940,1180,1500,1620\n"
            .into(),
    };
    let summary = reference::import_figures(store, &admin, &import, moment()).unwrap();
    assert_eq!((summary.areas, summary.added, summary.changed), (2, 10, 0));
    let again = reference::import_figures(store, &admin, &import, moment()).unwrap();
    assert_eq!((again.added, again.changed), (0, 0), "importing the same table twice changes nothing");

    let fmr = db::reference::fmr_on(store.conn(), 1, 1, "2026-11-23".parse().unwrap()).unwrap().unwrap();
    assert_eq!((fmr.amount.to_string(), fmr.source.as_str()), ("1615.00".to_string(), "HUD FY2027 FMR"));
    let before = db::reference::fmr_on(store.conn(), 1, 1, "2026-09-30".parse().unwrap()).unwrap().unwrap();
    assert_eq!(before.amount.to_string(), "1581.00", "the FY2026 figure stays in force before the new date");

    let bad = FigureImport { csv: "area,fmr_0\nSomewhere,lots\n".into(), ..import.clone() };
    let err = ApiError::from(reference::import_figures(store, &admin, &bad, moment()).unwrap_err());
    assert_eq!(err.fields[0].field, "csv");
    assert!(err.fields[0].message.starts_with("Line 2, column fmr_0"), "{err:?}");

    let entries = db::audit::recent(store.conn(), 5).unwrap();
    assert!(entries.iter().any(|e| e.entity == "reference_table" && e.action == "update"), "imports are audited");

    // Small Area FMRs: imported by ZIP, used once the office turns them on.
    let safmr = FigureImport {
        kind: FigureKind::SmallAreaFmrs,
        effective_from: "2025-10-01".into(),
        source: "HUD FY2026 Small Area FMR".into(),
        csv: "zip,safmr_0,safmr_1,safmr_2,safmr_3,safmr_4\n60614,2010,2150,2530,3190,3700\n60628,1150,1240,1400,1800,2080\n".into(),
    };
    let s = reference::import_figures(store, &admin, &safmr, moment()).unwrap();
    assert_eq!((s.areas, s.added), (2, 10));
    let bad_zip = FigureImport { csv: "zip,safmr_0\n6061,1\n".into(), ..safmr.clone() };
    let err = ApiError::from(reference::import_figures(store, &admin, &bad_zip, moment()).unwrap_err());
    assert!(err.fields[0].message.contains("is not a 5-digit ZIP code"), "{err:?}");
    let p = housing_desk::participants::create(store, &admin, &participant("Ana Silva"), moment()).unwrap();
    let mut f = crate::income::form();
    reference::set_small_area_fmrs(store, &admin, true, moment()).unwrap();
    let err = ApiError::from(housing_desk::income_calc::preview(store, p.id, &f).unwrap_err());
    assert_eq!(err.fields[0].field, "zip", "a ZIP code is needed once Small Area FMRs are on");
    f.zip = "60628".into();
    let r = housing_desk::income_calc::preview(store, p.id, &f).unwrap();
    assert_eq!(r.payment_standard.to_string(), "1240.00", "the ZIP's one-bedroom Small Area FMR");
    assert!(r.parameters.iter().any(|p| p.name == "Small Area FMR, ZIP 60628, 1 bedroom(s)"));
    reference::set_small_area_fmrs(store, &admin, false, moment()).unwrap();

    // The Guide's own limits change by date too; the old value stays for its dates.
    let limit = reference::ProgramLimitInput {
        code: "transition_assistance_cap".into(),
        value: "$3,500".into(),
        effective_from: "2027-01-01".into(),
        source: "DMH notice 27-01".into(),
    };
    assert_eq!(reference::add_program_limit(store, &admin, &limit, moment()).unwrap().value, "3500");
    let on = |d: &str| {
        db::reference::program_limit_on(store.conn(), "transition_assistance_cap", d.parse().unwrap()).unwrap().unwrap()
    };
    assert_eq!((on("2026-12-31").to_string(), on("2027-01-01").to_string()), ("3000".to_string(), "3500".to_string()));
    let unknown = reference::ProgramLimitInput { code: "free_money".into(), ..limit.clone() };
    let err = ApiError::from(reference::add_program_limit(store, &admin, &unknown, moment()).unwrap_err());
    assert_eq!(err.fields[0].field, "code");

    // A case manager may look but not change.
    let staff = StaffInput {
        full_name: "Dana Reyes".into(),
        username: "dreyes".into(),
        role: "case_manager".into(),
        password: "another long password".into(),
        password_confirm: "another long password".into(),
    };
    accounts::add_staff(store, &admin, &staff, moment()).unwrap();
    desk.sign_out(moment()).unwrap();
    desk.sign_in("dreyes", "another long password", moment()).unwrap();
    let (store, case_manager) = desk.signed_in().unwrap();
    let case_manager = case_manager.clone();
    assert!(!reference::tables(store, &case_manager).unwrap().can_edit);
    let err = ApiError::from(reference::add_deduction_set(store, &case_manager, &set, moment()).unwrap_err());
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[test]
fn the_office_starts_with_the_illinois_and_federal_holidays_for_the_report_due_dates() {
    use housing_desk::rules::reporting::monthly_data_due;
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let store = desk.signed_in().unwrap().0;
    let holidays = housing_desk::store::reference::holidays(store.conn(), d("2026-01-01"), d("2027-12-31")).unwrap();
    assert_eq!(holidays.len(), 30, "15 a year, as observed");
    assert!(holidays.contains(&d("2026-11-03")), "Election Day is an Illinois holiday in even years");
    assert!(holidays.contains(&d("2027-12-31")), "New Year's Day 2028 falls on a Saturday");
    // October's data: November 2026 starts on a Sunday and Election Day is the 3rd.
    assert_eq!(monthly_data_due(d("2026-10-01"), &holidays), d("2026-11-09"));
    // December's: New Year's Day 2027 is a Friday.
    assert_eq!(monthly_data_due(d("2026-12-01"), &holidays), d("2027-01-08"));
}
