//! One income and rent calculation, whole: the contract of `hdesk calc`
//! (shared/acceptance/FORMAT.md) and the step-by-step figures the window
//! shows. Reading is strict: an unknown, missing or malformed field is
//! refused with its path (`input.income[1].hours_per_week: …`).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rules::eligibility::{self, Category, Medicaid, Screening};
use crate::rules::income::{self, DeductionParameters, Frequency, IncomeLine, IncomeSource, Member};
use crate::rules::money::{decimal, LARGEST_AMOUNT};
use crate::rules::rent::{self, LeasingOption};
use crate::rules::{Money, WholeDollars};

/// What a calculation needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalcInput {
    pub as_of: NaiveDate,
    pub parameters: Parameters,
    pub household: Household,
    pub income: Vec<IncomeItem>,
    pub expenses: Vec<ExpenseItem>,
    pub housing: Housing,
    #[serde(default)]
    pub screening: Option<ScreeningInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    pub dependent_deduction: Money,
    pub elderly_disabled_deduction: Money,
    #[serde(deserialize_with = "decimal")]
    pub medical_threshold_percent: Decimal,
    pub income_limit: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    pub birth_date: NaiveDate,
    pub disabled: bool,
    pub dependents: u32,
    pub live_in_aide: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeItem {
    pub member: Member,
    pub source: IncomeSource,
    pub amount: Money,
    pub frequency: Frequency,
    #[serde(default, deserialize_with = "optional_decimal")]
    pub hours_per_week: Option<Decimal>,
}

/// Kinds of expense deductible for an elderly or disabled family (5.611(a)(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExpenseKind {
    Medical,
    DisabilityAssistance,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenseItem {
    pub kind: ExpenseKind,
    pub amount: Money,
    pub frequency: Frequency,
    #[serde(default, deserialize_with = "optional_decimal")]
    pub hours_per_week: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Housing {
    pub option: LeasingOption,
    pub contract_rent: Money,
    pub utility_allowance: Money,
    pub payment_standard: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningInput {
    pub aging_out_of_dcfs_guardianship: bool,
    pub medicaid: Medicaid,
    pub homeless: bool,
    pub household_size: u32,
    pub receiving_other_rental_assistance: bool,
    pub srn_811_registered_or_agrees: bool,
    pub hcv_waitlist_or_agrees: bool,
    pub category: Category,
    pub psychiatric_admissions_12m: u32,
    pub sud_inpatient_or_withdrawal_stays_12m: u32,
    pub correctional_stays_12m: u32,
    pub incarcerated_last_12_consecutive_months: bool,
    pub smi_disability_determination: bool,
    pub incarcerated_at_least_once_12m: bool,
    pub overdoses_12m: u32,
}

/// One source of income as counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct IncomeStep {
    pub member: Member,
    pub source: IncomeSource,
    #[ts(type = "string")]
    pub annual: Money,
    pub counted: bool,
}

/// The result, with every step that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CalcOutput {
    #[ts(type = "string")]
    pub annual_income: Money,
    #[ts(type = "string")]
    pub adjusted_income: Money,
    pub elderly_or_disabled_family: bool,
    pub income_eligible: bool,
    /// Whole dollars.
    #[ts(type = "string")]
    pub ttp: WholeDollars,
    #[ts(type = "string")]
    pub tenant_rent: Money,
    /// The allowance the TTP was applied to first.
    #[ts(type = "string")]
    pub utility_allowance: Money,
    #[ts(type = "string")]
    pub utility_reimbursement: Money,
    #[ts(type = "string")]
    pub gross_rent: Money,
    pub within_payment_standard: bool,
    #[ts(type = "string")]
    pub grantee_payment_to_owner: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unmet: Option<Vec<String>>,
    /// The steps, for showing the calculation line by line.
    pub age_years: u32,
    pub income_lines: Vec<IncomeStep>,
    #[ts(type = "string")]
    pub dependent_deduction: Money,
    #[ts(type = "string")]
    pub elderly_disabled_deduction: Money,
    #[ts(type = "string")]
    pub medical_expenses: Money,
    #[ts(type = "string")]
    pub medical_threshold: Money,
    #[ts(type = "string")]
    pub medical_deduction: Money,
    #[ts(type = "string")]
    pub ttp_from_adjusted_income: Money,
    #[ts(type = "string")]
    pub ttp_from_annual_income: Money,
}

/// A problem with the input, named by its path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("input{path}: {message}")]
pub struct InputError {
    /// `.income[1].hours_per_week`, or empty for the whole input.
    pub path: String,
    pub message: String,
}

/// Reads a calculation input from JSON text, strictly.
pub fn parse(json: &str) -> Result<CalcInput, InputError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let input: CalcInput = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { format!(".{path}") };
        let message = e.inner().to_string();
        // serde says "missing field `x` at line…"; name the field in the path instead.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        if let Some(field) = between(&message, "missing field `", "`") {
            return InputError { path: format!("{path}.{field}"), message: "required".into() };
        }
        if let Some(field) = between(&message, "unknown field `", "`") {
            let path = path.strip_suffix(&format!(".{field}")).unwrap_or(&path).to_string();
            return InputError { path: format!("{path}.{field}"), message: "unknown field".into() };
        }
        InputError { path, message }
    })?;
    check(&input)?;
    Ok(input)
}

/// The checks serde cannot make: no negative amounts, hours for hourly amounts.
fn check(input: &CalcInput) -> Result<(), InputError> {
    let err = |path: String, message: &str| Err(InputError { path, message: message.into() });
    let amounts = [
        (".parameters.dependent_deduction", input.parameters.dependent_deduction),
        (".parameters.elderly_disabled_deduction", input.parameters.elderly_disabled_deduction),
        (".parameters.income_limit", input.parameters.income_limit),
        (".housing.contract_rent", input.housing.contract_rent),
        (".housing.utility_allowance", input.housing.utility_allowance),
        (".housing.payment_standard", input.housing.payment_standard),
    ];
    for (path, amount) in amounts {
        if let Some(message) = out_of_range(amount) {
            return err(path.into(), &message);
        }
    }
    if input.parameters.medical_threshold_percent < Decimal::ZERO
        || input.parameters.medical_threshold_percent > Decimal::ONE_HUNDRED
    {
        return err(".parameters.medical_threshold_percent".into(), "must be between 0 and 100");
    }
    let lines = input.income.iter().map(|i| ("income", i.amount, i.frequency, i.hours_per_week));
    let lines = lines.chain(input.expenses.iter().map(|e| ("expenses", e.amount, e.frequency, e.hours_per_week)));
    let mut index = std::collections::HashMap::<&str, usize>::new();
    for (list, amount, frequency, hours) in lines {
        let i = index.entry(list).or_default();
        let at = format!(".{list}[{i}]");
        *i += 1;
        if let Some(message) = out_of_range(amount) {
            return err(format!("{at}.amount"), &message);
        }
        match (frequency, hours) {
            (Frequency::Hourly, None) => return err(format!("{at}.hours_per_week"), "required for hourly income"),
            (_, Some(h)) if h < Decimal::ZERO || h > Decimal::from(168) => {
                return err(format!("{at}.hours_per_week"), "must be between 0 and 168")
            }
            _ => {}
        }
    }
    Ok(())
}

/// Runs the whole calculation.
pub fn calculate(input: &CalcInput) -> CalcOutput {
    let age_years = income::age_on(input.household.birth_date, input.as_of);
    let elderly_or_disabled_family = income::is_elderly(age_years) || input.household.disabled;
    let lines: Vec<IncomeLine> = input
        .income
        .iter()
        .map(|i| IncomeLine {
            member: i.member,
            source: i.source,
            annual: income::annualize(i.amount, i.frequency, i.hours_per_week.unwrap_or_default()),
            counted: income::is_counted(i.member, i.source),
        })
        .collect();
    let annual_income = income::annual_income(&lines);
    let medical_expenses: Money = input
        .expenses
        .iter()
        .map(|e| income::annualize(e.amount, e.frequency, e.hours_per_week.unwrap_or_default()))
        .sum::<Money>()
        .to_cents();
    let parameters = DeductionParameters {
        dependent: input.parameters.dependent_deduction,
        elderly_disabled: input.parameters.elderly_disabled_deduction,
        medical_threshold_percent: input.parameters.medical_threshold_percent,
    };
    let deductions = income::deductions(
        &parameters,
        annual_income,
        input.household.dependents,
        elderly_or_disabled_family,
        medical_expenses,
    );
    let adjusted_income = income::adjusted_income(annual_income, &deductions);
    let income_eligible = income::income_eligible(annual_income, input.parameters.income_limit);
    let ttp = rent::total_tenant_payment(annual_income, adjusted_income);
    let h = &input.housing;
    let tenant_rent = rent::tenant_rent(ttp.amount, h.utility_allowance);
    let gross_rent = rent::gross_rent(h.contract_rent, h.utility_allowance);
    let unmet = input.screening.as_ref().map(|s| {
        eligibility::unmet_requirements(&Screening {
            age_years,
            aging_out_of_dcfs_guardianship: s.aging_out_of_dcfs_guardianship,
            medicaid: s.medicaid,
            homeless: s.homeless,
            household_size: s.household_size,
            live_in_aide: input.household.live_in_aide,
            income_eligible,
            receiving_other_rental_assistance: s.receiving_other_rental_assistance,
            srn_811_registered_or_agrees: s.srn_811_registered_or_agrees,
            hcv_waitlist_or_agrees: s.hcv_waitlist_or_agrees,
            category: s.category,
            psychiatric_admissions_12m: s.psychiatric_admissions_12m,
            sud_inpatient_or_withdrawal_stays_12m: s.sud_inpatient_or_withdrawal_stays_12m,
            correctional_stays_12m: s.correctional_stays_12m,
            incarcerated_last_12_consecutive_months: s.incarcerated_last_12_consecutive_months,
            smi_disability_determination: s.smi_disability_determination,
            incarcerated_at_least_once_12m: s.incarcerated_at_least_once_12m,
            overdoses_12m: s.overdoses_12m,
        })
    });
    CalcOutput {
        annual_income,
        adjusted_income,
        elderly_or_disabled_family,
        income_eligible,
        ttp: WholeDollars(ttp.amount),
        tenant_rent,
        utility_allowance: h.utility_allowance,
        utility_reimbursement: rent::utility_reimbursement(ttp.amount, h.utility_allowance),
        gross_rent,
        within_payment_standard: rent::within_payment_standard(gross_rent, h.payment_standard),
        grantee_payment_to_owner: rent::grantee_payment_to_owner(h.option, h.contract_rent, tenant_rent),
        eligible: unmet.as_ref().map(Vec::is_empty),
        unmet: unmet.map(|u| u.into_iter().map(|x| x.code().to_string()).collect()),
        age_years,
        income_lines: lines
            .into_iter()
            .map(|l| IncomeStep { member: l.member, source: l.source, annual: l.annual.to_cents(), counted: l.counted })
            .collect(),
        dependent_deduction: deductions.dependents,
        elderly_disabled_deduction: deductions.elderly_disabled,
        medical_expenses,
        medical_threshold: deductions.medical_threshold,
        medical_deduction: deductions.medical,
        ttp_from_adjusted_income: ttp.from_adjusted_income.to_cents(),
        ttp_from_annual_income: ttp.from_annual_income.to_cents(),
    }
}

/// Why an amount cannot be calculated with: below zero, or above the
/// largest the desk reads (where a year of it could overflow `Decimal`).
fn out_of_range(amount: Money) -> Option<String> {
    if amount < Money::ZERO {
        Some("must not be negative".into())
    } else if amount > LARGEST_AMOUNT {
        Some(format!("must be at most {}", LARGEST_AMOUNT.0))
    } else {
        None
    }
}

fn optional_decimal<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    decimal(d).map(Some)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
      "as_of": "2026-11-01",
      "parameters": { "dependent_deduction": "480", "elderly_disabled_deduction": "525",
                      "medical_threshold_percent": "10", "income_limit": "24600" },
      "household": { "birth_date": "1984-03-15", "disabled": true, "dependents": 0, "live_in_aide": false },
      "income": [ { "member": "participant", "source": "ssi", "amount": "967.00", "frequency": "monthly" } ],
      "expenses": [],
      "housing": { "option": "rental_assistance", "contract_rent": "925", "utility_allowance": "85",
                   "payment_standard": "1100" }
    }"#;

    fn edit(f: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
        f(&mut v);
        v.to_string()
    }

    #[test]
    fn the_guides_worked_case() {
        let out = calculate(&parse(GOOD).unwrap());
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["annual_income"], "11604.00");
        assert_eq!(json["adjusted_income"], "11079.00");
        assert_eq!(json["ttp"], "277", "TTP is whole dollars");
        assert_eq!(json["tenant_rent"], "192.00");
        assert_eq!(json["grantee_payment_to_owner"], "733.00");
        assert!(json.get("eligible").is_none(), "no screening, no eligibility");
    }

    #[test]
    fn bad_input_names_its_field() {
        let cases: Vec<(String, &str)> = vec![
            (edit(|v| v["household"]["colour"] = "red".into()), "input.household.colour: unknown field"),
            (edit(|v| v.as_object_mut().unwrap().remove("as_of").map(|_| ()).unwrap()), "input.as_of: required"),
            (edit(|v| v["income"][0]["amount"] = "12,00".into()), "input.income[0].amount: \"12,00\" is not a number"),
            (edit(|v| v["income"][0]["amount"] = "-5".into()), "input.income[0].amount: must not be negative"),
            (
                edit(|v| {
                    v["income"].as_array_mut().unwrap().push(serde_json::json!(
                        { "member": "participant", "source": "wages", "amount": "15", "frequency": "hourly" }
                    ))
                }),
                "input.income[1].hours_per_week: required for hourly income",
            ),
            (
                edit(|v| v["housing"]["contract_rent"] = "-1".into()),
                "input.housing.contract_rent: must not be negative",
            ),
            // Found by the calculation input property: a larger amount
            // overflowed `Decimal` (a panic) once multiplied by 52.
            (
                edit(|v| v["income"][0]["amount"] = "7922816251426433759354395033".into()),
                "input.income[0].amount: must be at most 1000000000",
            ),
            (
                edit(|v| v["housing"]["payment_standard"] = "1000000000.01".into()),
                "input.housing.payment_standard: must be at most 1000000000",
            ),
            (
                edit(|v| v["household"]["dependents"] = (-1).into()),
                "input.household.dependents: invalid value: integer `-1`, expected u32",
            ),
        ];
        for (json, want) in cases {
            let err = parse(&json).unwrap_err();
            assert_eq!(err.to_string(), want);
        }
        let err = parse(&edit(|v| v["as_of"] = "2026-02-30".into())).unwrap_err();
        assert_eq!(err.path, ".as_of", "a date that does not exist is refused on its field");
        let err = parse(&edit(|v| v["housing"]["option"] = "lease".into())).unwrap_err();
        assert_eq!(err.path, ".housing.option");
    }
}
