//! The income calculation in the app: the tables in force on its date, the
//! result, saving with the values used, and every problem named.

use housing_desk::error::ApiError;
use housing_desk::income_calc::{self, CalculationForm, IncomeForm};

use crate::support::*;

pub fn form() -> CalculationForm {
    CalculationForm {
        kind: "initial".into(),
        as_of: "11/01/2026".into(),
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
        income: vec![IncomeForm {
            member: "participant".into(),
            source: "ssi".into(),
            amount: "967.00".into(),
            frequency: "monthly".into(),
            hours_per_week: "".into(),
            verification: "award_letter".into(),
            document_date: "10/15/2026".into(),
        }],
        expenses: vec![],
        option: "rental_assistance".into(),
        contract_rent: "925".into(),
        utility_allowance: "85".into(),
    }
}

#[test]
fn uses_the_figures_in_force_and_saves_them_with_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Thi Nguyễn"), moment()).unwrap();

    // 2026: deductions $500/$550/10%; Chicago FY2026 limit $25,550; 1-bedroom FMR $1,581.
    let r = income_calc::preview(store, p.id, &form()).unwrap();
    let out = serde_json::to_value(&r.output).unwrap();
    assert_eq!(out["annual_income"], "11604.00");
    assert_eq!(out["adjusted_income"], "11054.00", "the 2026 elderly/disabled deduction is $550");
    assert_eq!(out["ttp"], "276");
    assert_eq!(out["tenant_rent"], "191.00");
    assert_eq!(out["grantee_payment_to_owner"], "734.00");
    assert_eq!(r.payment_standard.to_string(), "1581.00");
    assert_eq!(r.income_limit.to_string(), "25550.00");
    assert!(r.parameters.iter().any(|p| p.effective_from == "2026-01-01" && p.value == "550.00"));

    // A year earlier the FY2025 figures and the 2025 deduction apply.
    let mut earlier = form();
    earlier.as_of = "2025-11-01".into();
    earlier.income[0].document_date = "2025-10-15".into();
    let r2025 = income_calc::preview(store, p.id, &earlier).unwrap();
    assert_eq!(r2025.output.adjusted_income.to_string(), "11079.00", "2025: $525");
    assert_eq!(r2025.payment_standard.to_string(), "1581.00", "FY2026 FMR from 2025-10-01");
    assert_eq!(r2025.income_limit.to_string(), "25200.00", "FY2025 limit until 2026-04-01");

    let saved = income_calc::save(store, &session, p.id, &form(), moment()).unwrap();
    let history = income_calc::history(store, p.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id, saved.id);
    assert_eq!(history[0].result, r, "what was saved reads back the same, parameters included");
    assert_eq!(history[0].form.income[0].verification, "award_letter");
}

#[test]
fn each_problem_is_named_by_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Ada"), moment()).unwrap();
    let mut f = form();
    f.income[0].frequency = "hourly".into();
    f.income[0].hours_per_week = "".into();
    f.contract_rent = "9.999".into();
    f.unit_bedrooms = "7".into();
    f.income[0].document_date = "12/01/2026".into();
    let err = ApiError::from(income_calc::preview(store, p.id, &f).unwrap_err());
    let fields: Vec<_> = err.fields.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["unit_bedrooms", "contract_rent", "income.0.hours_per_week", "income.0.document_date"]);

    // An exception to the FMR needs DMH's written approval, and 120% at most.
    let mut f = form();
    f.fmr_exception_percent = "125".into();
    let err = ApiError::from(income_calc::preview(store, p.id, &f).unwrap_err());
    let fields: Vec<_> = err.fields.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["fmr_exception_approval", "fmr_exception_percent"], "{err:?}");
    f.fmr_exception_percent = "120".into();
    f.fmr_exception_approval = "DMH letter of 10/01/2026, ref. 26-114".into();
    let r = income_calc::preview(store, p.id, &f).unwrap();
    assert_eq!(r.payment_standard.to_string(), "1897.20", "120% of the $1,581 FMR");
    assert!(r.parameters.iter().any(|p| p.source.contains("ref. 26-114")), "the approval is kept with the figures");

    // A live-in aide allows a second bedroom: the 2-bedroom FMR.
    let mut f = form();
    f.live_in_aide = true;
    f.unit_bedrooms = "2".into();
    let r = income_calc::preview(store, p.id, &f).unwrap();
    assert_eq!((r.allowed_bedrooms, r.payment_standard.to_string()), (2, "1781.00".to_string()));

    let mut old = form();
    old.as_of = "2020-01-01".into();
    old.income[0].document_date = "".into();
    let err = ApiError::from(income_calc::preview(store, p.id, &old).unwrap_err());
    assert_eq!(err.fields[0].field, "area_id", "no income limit in force in 2020: {err:?}");
}

#[test]
fn the_summary_pdf_shows_every_figure_and_both_signature_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Thi Nguyễn Łukasz"), moment()).unwrap();
    let mut f = form();
    f.income.push(IncomeForm {
        member: "participant".into(),
        source: "wages".into(),
        amount: "13.50".into(),
        frequency: "hourly".into(),
        hours_per_week: "6".into(),
        verification: "pay_stubs".into(),
        document_date: "".into(),
    });
    let saved = income_calc::save(store, &session, p.id, &f, moment()).unwrap();
    let (file, bytes) = income_calc::summary_pdf(store, saved.id, moment().today).unwrap();
    assert!(file.starts_with("Income summary - Thi Nguyễn Łukasz - 2026-11-01"), "{file}");
    assert!(bytes.starts_with(b"%PDF"));

    let pdf = dir.path().join("summary.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    if let Some(keep) = std::env::var_os("HOUSING_DESK_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext could read the PDF");
    let text = String::from_utf8(out.stdout).unwrap();
    // 967 × 12 = 11,604; 13.50 × 6 × 52 = 4,212; 15,816 − 550 = 15,266;
    // 30% / 12 = 381.65 → TTP 382; less 85 → 297; the grantee pays 925 − 297 = 628.
    for want in [
        "Thi Nguyễn Łukasz",
        "Thresholds Housing",
        "Income Calculation Summary",
        "$11,604.00",
        "$4,212.00",
        "$15,816.00",
        "$15,266.00",
        "$381.65",
        "$382",
        "$297.00",
        "$628.00",
        "$1,581.00",
        "Payment standard for 1 bedroom(s), the FMR (a 1-bedroom unit)",
        "Award or benefit letter,",
        "dated 10/15/2026",
        "Per hour, 6",
        "hours a week",
        "We certify that this calculation includes all sources of income",
        "Program participant: Thi Nguyễn Łukasz",
        "For the grantee: Maria Okafor",
        "Page 1 of",
        "IC-",
    ] {
        assert!(text.contains(want), "the summary must show {want:?}:\n{text}");
    }
    assert!(!text.contains('?'), "no character fell back to '?':\n{text}");
}

#[test]
fn a_decrease_applies_at_once_an_increase_waits_for_the_recertification() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Grace"), moment()).unwrap();
    let calc = |kind: &str, as_of: &str, ssi: &str| {
        let mut f = form();
        f.kind = kind.into();
        f.as_of = as_of.into();
        f.income[0].amount = ssi.into();
        f.income[0].document_date = "".into();
        f
    };

    let err = ApiError::from(
        income_calc::save(store, &session, p.id, &calc("interim", "2026-05-01", "500"), moment()).unwrap_err(),
    );
    assert_eq!(err.fields[0].field, "kind", "an interim change needs a calculation to change");

    let initial = income_calc::save(store, &session, p.id, &calc("initial", "2026-03-01", "967"), moment()).unwrap();
    assert!(initial.applies);
    let lower = income_calc::save(store, &session, p.id, &calc("interim", "2026-06-01", "500"), moment()).unwrap();
    assert!(lower.applies, "a decrease applies at once");
    assert_eq!(lower.applies_from.to_string(), "2026-06-01");
    let higher = income_calc::save(store, &session, p.id, &calc("interim", "2026-08-01", "1400"), moment()).unwrap();
    assert!(!higher.applies, "an increase is noted, not applied");
    assert_eq!(higher.applies_from.to_string(), "2027-03-01", "it waits for the recertification 12 months after March");

    let status = income_calc::status(store, p.id, moment().today).unwrap();
    assert_eq!(status.in_force, Some(lower.id), "the decrease sets the rent now");
    assert_eq!(status.next_recertification_due.unwrap().to_string(), "2027-03-01");
}

#[test]
fn signatures_drawn_on_screen_are_printed_with_their_date() {
    use housing_desk::signatures::{self, SignatureInput, Signer};
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Ada Okonkwo"), moment()).unwrap();
    let saved = income_calc::save(store, &session, p.id, &form(), moment()).unwrap();

    let (_, blank) = income_calc::summary_pdf(store, saved.id, moment().today).unwrap();
    let wave: Vec<[f32; 2]> = (0..40).map(|i| [i as f32 / 40.0, 0.5 + 0.3 * ((i as f32) / 3.0).sin()]).collect();
    let input = SignatureInput { signer: Signer::Participant, strokes: vec![wave.clone()] };
    let signed = signatures::sign(store, &session, saved.id, &input, moment()).unwrap();
    assert_eq!(signed.signer_name, "Ada Okonkwo");
    let again = ApiError::from(signatures::sign(store, &session, saved.id, &input, moment()).unwrap_err());
    assert_eq!(again.fields[0].field, "participant", "each signer signs once");
    let dot = SignatureInput { signer: Signer::Staff, strokes: vec![vec![[0.5, 0.5]]] };
    assert!(signatures::sign(store, &session, saved.id, &dot, moment()).is_err(), "a dot is not a signature");

    let (_, bytes) = income_calc::summary_pdf(store, saved.id, moment().today).unwrap();
    assert!(bytes.len() > blank.len(), "the strokes are drawn into the PDF");
    let pdf = dir.path().join("signed.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    if let Some(keep) = std::env::var_os("HOUSING_DESK_KEEP_SIGNED_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Program participant: Ada Okonkwo (signed on screen)"), "{text}");
    assert!(text.contains("For the grantee: Maria Okafor"), "the staff line stays blank for ink");
    let signed_on =
        chrono::DateTime::parse_from_rfc3339(&signed.signed_at).unwrap().with_timezone(&chrono::Local).date_naive();
    assert!(text.contains(&signed_on.format("%m/%d/%Y").to_string()), "the signing date is printed");
}

#[test]
fn the_allowance_comes_from_the_phas_schedule_for_the_units_bedrooms() {
    use housing_desk::income_calc::TenantUtilityForm;
    use housing_desk::reference::{self, ScheduleImport};
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Ada"), moment()).unwrap();
    let import = ScheduleImport {
        name: "CHA apartments".into(),
        pha: "Chicago Housing Authority".into(),
        unit_type: "apartment".into(),
        effective_from: "2026-01-01".into(),
        source: "CHA utility allowance schedule, HUD-52667, 2026".into(),
        csv: "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\n\
              heating,natural gas,38,45,52,60,68,75\n\
              cooking,electric,6,7,9,11,13,15\n\
              other electric,,20,25,33,41,50,58\n"
            .into(),
    };
    assert_eq!(reference::import_utility_schedule(store, &session, &import, moment()).unwrap(), 3);
    let id = reference::utility_schedules(store).unwrap()[0].id;
    let utility = |u: &str, f: &str| TenantUtilityForm { utility: u.into(), fuel: f.into() };
    let mut f = form();
    f.utility_allowance = "".into();
    f.ua_schedule_id = id.to_string();
    f.tenant_utilities =
        vec![utility("heating", "natural_gas"), utility("cooking", "electric"), utility("other_electric", "")];
    let r = income_calc::preview(store, p.id, &f).unwrap();
    assert_eq!(r.output.utility_allowance.to_string(), "77.00", "45 + 7 + 25 for one bedroom");
    assert!(r.parameters.iter().any(|p| p.source.starts_with("CHA apartments") && p.value == "77.00"));

    // 24 CFR 982.517(d): the smaller of the unit and the size allowed.
    f.unit_bedrooms = "2".into();
    assert_eq!(
        income_calc::preview(store, p.id, &f).unwrap().output.utility_allowance.to_string(),
        "77.00",
        "one person in a two-bedroom unit: the one bedroom allowed picks the column"
    );
    f.live_in_aide = true;
    assert_eq!(
        income_calc::preview(store, p.id, &f).unwrap().output.utility_allowance.to_string(),
        "94.00",
        "with a live-in aide two bedrooms are allowed: the unit's column"
    );

    f.tenant_utilities[0].fuel = "oil".into();
    let err = ApiError::from(income_calc::preview(store, p.id, &f).unwrap_err());
    assert_eq!(err.fields[0].field, "tenant_utilities.0.fuel", "{err:?}");
    assert_eq!(err.fields[0].message, "The schedule has no amount for heating by oil.");
}
