//! The fields of the monthly participant data: each once, with its header,
//! its kind, its width, what it means (the workbook's notes sheet) and how
//! it is read from a participant's month. The app's own workbook writes them
//! all in this order; DMH's template maps its columns to them by key.

use rust_decimal::Decimal;

use super::monthly::MonthlyRow;
use super::workbook::{CellValue, Column, ColumnKind, Definition, Table};
use crate::rules::reporting::Stage;
use crate::rules::Money;
use crate::validation::Choice;

/// One field of the monthly data.
pub struct Field {
    /// Stable: DMH template mappings are stored by it.
    pub key: &'static str,
    pub header: &'static str,
    pub kind: ColumnKind,
    pub width: f64,
    pub meaning: &'static str,
    pub value: fn(&MonthlyRow) -> CellValue,
}

use ColumnKind::{Date, Hours, Integer, Money as MoneyKind, Text};

fn text(s: impl Into<String>) -> CellValue {
    let s = s.into();
    if s.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(s)
    }
}

fn date(d: Option<chrono::NaiveDate>) -> CellValue {
    d.map_or(CellValue::Empty, CellValue::Date)
}

fn money(m: Option<Money>) -> CellValue {
    m.map_or(CellValue::Empty, |m| CellValue::Money(m.0))
}

fn label<T: Choice>(c: Option<T>) -> CellValue {
    c.map_or(CellValue::Empty, |c| text(c.label()))
}

fn yes_no(b: bool) -> CellValue {
    text(if b { "Yes" } else { "No" })
}

fn stage_words(s: Stage) -> &'static str {
    match s {
        Stage::Referred => "Referred",
        Stage::Eligible => "Eligible, not yet enrolled",
        Stage::Ineligible => "Not eligible",
        Stage::Enrolled => "Enrolled, not yet housed",
        Stage::Housed => "Housed",
        Stage::Exited => "Exited",
    }
}

/// Every field, in the order of the app's own workbook.
pub static FIELDS: &[Field] = &[
    Field { key: "participant_id", header: "Participant ID", kind: Integer, width: 11.0,
        meaning: "The number Housing Desk gives the participant; the same in every month's data and in the HMIS export (PersonalID).",
        value: |r| CellValue::Integer(r.participant_id) },
    Field { key: "name", header: "Name", kind: Text, width: 26.0,
        meaning: "Legal name.", value: |r| text(r.name.clone()) },
    Field { key: "birth_date", header: "Date of birth", kind: Date, width: 12.0,
        meaning: "HMIS 3.03.", value: |r| CellValue::Date(r.birth_date) },
    Field { key: "sex", header: "Sex", kind: Text, width: 12.0,
        meaning: "HMIS 3.06 (FY2026). \"Not asked\" is HMIS's \"data not collected\".",
        value: |r| text(r.demographics.sex.label()) },
    Field { key: "race_ethnicity", header: "Race and ethnicity", kind: Text, width: 28.0,
        meaning: "HMIS 3.04: every answer the person gave, separated by semicolons.",
        value: |r| text(r.demographics.race_ethnicity_words()) },
    Field { key: "veteran_status", header: "Veteran", kind: Text, width: 10.0,
        meaning: "HMIS 3.07.", value: |r| text(r.demographics.veteran_status.label()) },
    Field { key: "disabling_condition", header: "Disabling condition", kind: Text, width: 12.0,
        meaning: "HMIS 3.08.", value: |r| text(r.demographics.disabling_condition.label()) },
    Field { key: "mental_health_disorder", header: "Mental health disorder", kind: Text, width: 12.0,
        meaning: "HMIS 4.09.", value: |r| text(r.demographics.mental_health_disorder.label()) },
    Field { key: "substance_use_disorder", header: "Substance use disorder", kind: Text, width: 16.0,
        meaning: "HMIS 4.10.", value: |r| text(r.demographics.substance_use_disorder.label()) },
    Field { key: "referral_setting", header: "Referral setting", kind: Text, width: 22.0,
        meaning: "Where the referral came from (Guide: Program Referral and Intake: hospitals, county jails, prisons, shelters, withdrawal management).",
        value: |r| label(r.referral_source) },
    Field { key: "referring_organization", header: "Referring organization", kind: Text, width: 22.0,
        meaning: "As recorded on the referral.", value: |r| text(r.referring_organization.clone().unwrap_or_default()) },
    Field { key: "referral_date", header: "Referral date", kind: Date, width: 12.0,
        meaning: "The day the referral was received.", value: |r| CellValue::Date(r.referral_date) },
    Field { key: "eligibility_category", header: "Eligibility category", kind: Text, width: 24.0,
        meaning: "Guide: Program Participant Eligibility Requirements: at high risk of unnecessary institutionalization (serious mental illness) or of overdose (substance use disorder), from the last finished screening.",
        value: |r| label(r.category) },
    Field { key: "determination", header: "Eligibility determination", kind: Text, width: 16.0,
        meaning: "The last finished screening's finding; an override is a supervisor's, with a reason on file.",
        value: |r| label(r.determination) },
    Field { key: "determined_on", header: "Determination date", kind: Date, width: 12.0,
        meaning: "The day the screening was finished.", value: |r| date(r.determined_on) },
    Field { key: "enrolled_on", header: "Enrollment date", kind: Date, width: 12.0,
        meaning: "The day the participant was enrolled.", value: |r| date(r.enrolled_on) },
    Field { key: "stage", header: "Status at month end", kind: Text, width: 18.0,
        meaning: "Where the participant stood on the month's last day, worked out from the dates on the record.",
        value: |r| text(stage_words(r.stage)) },
    Field { key: "living_situation", header: "Housing status at month end", kind: Text, width: 22.0,
        meaning: "Where the participant lived on the month's last day.", value: |r| text(r.living_situation) },
    Field { key: "temporary_housing_since", header: "Temporary housing from", kind: Date, width: 12.0,
        meaning: "Start of the temporary housing stay in the month, if any (Guide: at most 90 days).",
        value: |r| date(r.temporary_housing_since) },
    Field { key: "temporary_housing_days", header: "Days in temporary housing (month)", kind: Integer, width: 12.0,
        meaning: "Nights in temporary housing in the month.",
        value: |r| if r.temporary_housing_days > 0 { CellValue::Integer(r.temporary_housing_days) } else { CellValue::Empty } },
    Field { key: "move_in_date", header: "Move-in date", kind: Date, width: 12.0,
        meaning: "The first day the participant lived in a unit under the program.", value: |r| date(r.first_move_in) },
    Field { key: "leasing_option", header: "Leasing option", kind: Text, width: 18.0,
        meaning: "Guide: Leasing Requirements: rental assistance (the participant holds the lease) or master lease (the grantee does).",
        value: |r| label(r.lease.as_ref().map(|l| l.option)) },
    Field { key: "contract_rent", header: "Contract rent", kind: MoneyKind, width: 12.0,
        meaning: "Monthly rent to the owner under the lease in force at the month's end.",
        value: |r| money(r.lease.as_ref().map(|l| l.contract_rent)) },
    Field { key: "tenant_rent", header: "Tenant rent", kind: MoneyKind, width: 12.0,
        meaning: "The participant's share: total tenant payment less the utility allowance (Guide: Total Tenant Payment).",
        value: |r| money(r.lease.as_ref().map(|l| l.tenant_rent)) },
    Field { key: "assistance", header: "Rental assistance paid by grantee", kind: MoneyKind, width: 14.0,
        meaning: "Contract rent less tenant rent (rental assistance) or the full rent (master lease).",
        value: |r| money(r.lease.as_ref().map(|l| l.grantee_payment)) },
    Field { key: "utility_reimbursement", header: "Utility reimbursement", kind: MoneyKind, width: 12.0,
        meaning: "Paid to the participant when the utility allowance exceeds the total tenant payment.",
        value: |r| money(r.lease.as_ref().map(|l| l.utility_reimbursement)) },
    Field { key: "visits", header: "Engagement visits (month)", kind: Integer, width: 11.0,
        meaning: "Home- and community-based visits in the month (Guide: Engagement and Support Services: at least two a month). Phone calls are not counted.",
        value: |r| CellValue::Integer(r.visits.into()) },
    Field { key: "home_visits", header: "Home visits (month)", kind: Integer, width: 10.0,
        meaning: "Visits at the participant's home in the month (at least one required).",
        value: |r| CellValue::Integer(r.home_visits.into()) },
    Field { key: "engagement_met", header: "Engagement standard met", kind: Text, width: 12.0,
        meaning: "Yes when two visits, one at home, were made; \"Not required\" when the participant was not enrolled or housed for the whole month.",
        value: |r| if r.engagement_required { yes_no(r.engagement_met) } else { text("Not required") } },
    Field { key: "linkages", header: "Treatment and recovery-support linkage (month)", kind: Text, width: 30.0,
        meaning: "Services the visits in the month linked the participant to.",
        value: |r| text(r.linkages.iter().map(|l| l.label()).collect::<Vec<_>>().join("; ")) },
    Field { key: "vocational_hours", header: "Vocational hours (month)", kind: Hours, width: 11.0,
        meaning: "Hours with an IPS or CRP provider recorded for the month.",
        value: |r| r.vocational_hours.filter(|h| *h > Decimal::ZERO).map_or(CellValue::Empty, CellValue::Hours) },
    Field { key: "employer", header: "Employed (month)", kind: Text, width: 20.0,
        meaning: "The employer of a job held on any day of the month.", value: |r| text(r.employer.clone().unwrap_or_default()) },
    Field { key: "institutional_stays", header: "Institutional stays (month)", kind: Integer, width: 11.0,
        meaning: "Stays in a hospital, long-term care, an SMHRF, jail or prison that ran in the month.",
        value: |r| CellValue::Integer(r.institutional_stays.into()) },
    Field { key: "institutional_days", header: "Days in an institution (month)", kind: Integer, width: 11.0,
        meaning: "Days of those stays that fell in the month.", value: |r| CellValue::Integer(r.institutional_days) },
    Field { key: "exit_date", header: "Exit date", kind: Date, width: 12.0,
        meaning: "The day the participant left the program, when they had left by the month's end.",
        value: |r| date(r.exit.as_ref().map(|x| x.0)) },
    Field { key: "exit_reason", header: "Exit reason", kind: Text, width: 22.0,
        meaning: "Why they left.", value: |r| label(r.exit.as_ref().and_then(|x| x.1)) },
    Field { key: "destination", header: "Exit destination", kind: Text, width: 22.0,
        meaning: "Where they went (the HMIS destination groups).", value: |r| label(r.exit.as_ref().and_then(|x| x.2)) },
    Field { key: "case_manager", header: "Case manager", kind: Text, width: 18.0,
        meaning: "The case manager assigned at the time of the report.", value: |r| text(r.case_manager.clone().unwrap_or_default()) },
];

/// The field with key `key`.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// The monthly data as one sheet.
pub fn table(sheet: &str, rows: &[MonthlyRow]) -> Table {
    Table {
        sheet: sheet.into(),
        columns: FIELDS
            .iter()
            .map(|f| Column { key: f.key.into(), header: f.header.into(), kind: f.kind, width: f.width })
            .collect(),
        rows: rows.iter().map(|r| FIELDS.iter().map(|f| (f.value)(r)).collect()).collect(),
    }
}

/// The notes sheet: each header and what it means.
pub fn definitions() -> Vec<Definition> {
    FIELDS.iter().map(|f| Definition { term: f.header.into(), meaning: f.meaning.into() }).collect()
}
