//! The calculation input: `hdesk calc`'s JSON (`calc::parse` then
//! `calc::calculate`) and the app's calculation form (`income_calc::preview`).
//! Generated requests, typed but with any amount, frequency, household and
//! date, from zero to the largest amount accepted, negatives, and the edges
//! of `i64`, `u64`, `u32`, `Decimal` and the calendar: never a panic; an
//! output, or an error that names its field; and the Guide's rent rules
//! hold between the figures of every output.

use std::cell::Cell;

use chrono::{Datelike, NaiveDate};
use housing_desk::calc::{self, CalcInput, CalcOutput, ExpenseKind};
use housing_desk::error::DeskError;
use housing_desk::income_calc::{self, CalculationForm, ExpenseForm, IncomeForm};
use housing_desk::rules::eligibility::{Category, Medicaid};
use housing_desk::rules::income::{Frequency, IncomeSource, Member};
use housing_desk::rules::money::LARGEST_AMOUNT;
use housing_desk::rules::rent::LeasingOption;
use housing_desk::rules::Money;
use housing_desk::validation::Choice;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

use super::check;
use super::money::{held_amount, typed_amount};
use crate::support::*;

#[test]
fn any_typed_request_is_a_result_or_an_error_on_its_field() {
    let calculated = Cell::new(0);
    check(file!(), "calc input, any typed request", 3_000, request(Range::Any), |json| {
        let text = json.to_string();
        match calc::parse(&text) {
            Ok(input) => {
                calculated.set(calculated.get() + 1);
                guide_rules_hold(&input, &calc::calculate(&input))?
            }
            Err(e) => {
                prop_assert!(e.path.starts_with('.') && e.path.len() > 1, "no field named: {e}\n{text}");
                prop_assert!(!e.message.is_empty(), "{e}");
            }
        }
        Ok(())
    });
    eprintln!("  of which {} were calculated, the rest refused on a field", calculated.get());
}

#[test]
fn every_request_within_the_limits_is_calculated() {
    check(file!(), "calc input, requests within the limits", 3_000, request(Range::Accepted), |json| {
        let text = json.to_string();
        let input = calc::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        guide_rules_hold(&input, &calc::calculate(&input))
    });
}

#[test]
fn broken_request_text_is_an_error_not_a_panic() {
    let text = prop_oneof![
        any::<String>(),
        (request(Range::Accepted), any::<prop::sample::Index>(), 0usize..40, ".{0,12}").prop_map(
            |(json, at, cut, insert)| {
                let mut chars: Vec<char> = json.to_string().chars().collect();
                let from = at.index(chars.len() + 1);
                let to = (from + cut).min(chars.len());
                chars.splice(from..to, insert.chars());
                chars.into_iter().collect::<String>()
            }
        ),
    ];
    check(file!(), "calc input, broken JSON text", 3_000, text, |text| {
        if let Ok(input) = calc::parse(&text) {
            guide_rules_hold(&input, &calc::calculate(&input))?;
        }
        Ok(())
    });
}

/// The app's own form, typed anything in each box, on a real store with the
/// FY2026 figures: never a panic; a result, or errors each on a field of the form.
#[test]
fn the_calculation_form_answers_a_result_or_errors_on_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, session) = desk.signed_in().unwrap();
    let session = session.clone();
    let p = housing_desk::participants::create(store, &session, &participant("Ana Díaz"), moment()).unwrap();
    let store = &*store;
    let calculated = Cell::new(0);
    check(file!(), "calculation form on the store", 800, form(), |form| {
        match income_calc::preview(store, p.id, &form) {
            Ok(result) => {
                calculated.set(calculated.get() + 1);
                let input = input_of(&form, &result.output, result.payment_standard, result.income_limit);
                guide_rules_hold(&input, &result.output)?;
            }
            Err(DeskError::Validation(errors)) => {
                prop_assert!(!errors.0.is_empty());
                for e in &errors.0 {
                    prop_assert!(is_form_field(&e.field), "{:?} is not a field of the form", e.field);
                    prop_assert!(!e.message.is_empty());
                }
            }
            Err(other) => return Err(TestCaseError::fail(format!("not a validation error: {other:?}"))),
        }
        Ok(())
    });
    eprintln!("  of which {} were calculated, the rest refused on their fields", calculated.get());
}

/// What follows from the Guide between the figures of one output.
fn guide_rules_hold(input: &CalcInput, out: &CalcOutput) -> Result<(), TestCaseError> {
    let h = &input.housing;
    let zero = Money::ZERO;
    // 24 CFR 5.609, FORMAT.md: the participant's counted sources, annualized, to the cent.
    let annual: Money = input
        .income
        .iter()
        .filter(|i| i.member == Member::Participant && i.source.is_counted())
        .map(|i| {
            let times = match i.frequency {
                Frequency::Hourly => Decimal::from(52) * i.hours_per_week.unwrap_or_default(),
                Frequency::Weekly => Decimal::from(52),
                Frequency::Biweekly => Decimal::from(26),
                Frequency::Semimonthly => Decimal::from(24),
                Frequency::Monthly => Decimal::from(12),
                Frequency::Annual => Decimal::ONE,
            };
            Money(i.amount.0 * times)
        })
        .sum::<Money>()
        .to_cents();
    prop_assert_eq!(out.annual_income, annual, "annual income");
    // 24 CFR 5.611: annual income less the deductions, never below zero.
    prop_assert!(zero <= out.adjusted_income && out.adjusted_income <= out.annual_income, "{out:?}");
    // Guide, Total Tenant Payment: the higher of 30% of monthly adjusted
    // income and 10% of monthly income, rounded to the nearest dollar.
    let twelve = Decimal::from(12);
    let higher =
        (out.adjusted_income.0 * Decimal::new(3, 1) / twelve).max(out.annual_income.0 * Decimal::new(1, 1) / twelve);
    let ttp = out.ttp.0;
    prop_assert_eq!(ttp.0, higher.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero), "TTP");
    prop_assert!(ttp >= zero && ttp.0.fract().is_zero(), "TTP {} is whole dollars, not negative", ttp);
    // "TTP must be applied first towards Utility Allowances before being
    // applied to Contract Rent": tenant rent is what remains, a reimbursement
    // what the allowance exceeds it by; never both, never negative.
    prop_assert!(out.tenant_rent >= zero && out.utility_reimbursement >= zero, "{out:?}");
    prop_assert!(out.tenant_rent == zero || out.utility_reimbursement == zero, "{out:?}");
    prop_assert_eq!(out.tenant_rent - out.utility_reimbursement, ttp - h.utility_allowance, "TTP less the allowance");
    // Leasing Requirements: rental assistance pays the contract rent less
    // the tenant's part, never below zero; a master lease pays it all.
    let payment = out.grantee_payment_to_owner;
    match h.option {
        LeasingOption::RentalAssistance => {
            prop_assert_eq!(payment, (h.contract_rent - out.tenant_rent).at_least_zero(), "rental assistance payment");
        }
        LeasingOption::MasterLease => prop_assert_eq!(payment, h.contract_rent, "master lease payment"),
    }
    prop_assert!(payment >= zero && payment <= h.contract_rent, "{out:?}");
    prop_assert_eq!(out.gross_rent, h.contract_rent + h.utility_allowance);
    prop_assert_eq!(out.within_payment_standard, out.gross_rent <= h.payment_standard);
    prop_assert_eq!(out.income_eligible, out.annual_income <= input.parameters.income_limit);
    prop_assert_eq!(out.eligible.is_some(), input.screening.is_some(), "eligibility only with a screening");
    prop_assert_eq!(out.eligible, out.unmet.as_ref().map(Vec::is_empty));
    serde_json::to_string(out).map_err(|e| TestCaseError::fail(format!("the output does not print: {e}")))?;
    Ok(())
}

// ---- hdesk calc's JSON ----

/// How far the generated values reach.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Range {
    /// Within what the contract accepts: every request must be calculated.
    Accepted,
    /// Anything of the right JSON shape, and junk in the amounts.
    Any,
}

/// A whole request, every field present and typed.
fn request(range: Range) -> impl Strategy<Value = Value> {
    let (amount, date, hours, percent) = match range {
        Range::Accepted => (good_amount(), good_date(), good_hours(), good_percent()),
        Range::Any => (any_amount(), any_date(), any_hours(), any_percent()),
    };
    let parameters = (amount.clone(), amount.clone(), percent, amount.clone()).prop_map(|(d, e, p, l)| {
        json!({ "dependent_deduction": d, "elderly_disabled_deduction": e,
                "medical_threshold_percent": p, "income_limit": l })
    });
    let household = (date.clone(), any::<bool>(), count(range), any::<bool>()).prop_map(|(b, disabled, deps, aide)| {
        json!({ "birth_date": b, "disabled": disabled, "dependents": deps, "live_in_aide": aide })
    });
    let income = (code::<Member>(), code::<IncomeSource>(), amount.clone(), code::<Frequency>(), hours.clone())
        .prop_map(|(member, source, amount, frequency, hours)| {
            let mut item = json!({ "member": member, "source": source, "amount": amount, "frequency": frequency });
            with_hours(&mut item, hours);
            item
        });
    let expense = (code::<ExpenseKind>(), amount.clone(), code::<Frequency>(), hours).prop_map(
        |(kind, amount, frequency, hours)| {
            let mut item = json!({ "kind": kind, "amount": amount, "frequency": frequency });
            with_hours(&mut item, hours);
            item
        },
    );
    let housing = (code::<LeasingOption>(), amount.clone(), amount.clone(), amount).prop_map(
        |(o, c, u, p)| json!({ "option": o, "contract_rent": c, "utility_allowance": u, "payment_standard": p }),
    );
    let screening = (
        (any::<bool>(), code::<Medicaid>(), any::<bool>(), count(range), any::<bool>(), any::<bool>(), any::<bool>()),
        (
            code::<Category>(),
            count(range),
            count(range),
            count(range),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            count(range),
        ),
    )
        .prop_map(
            |((dcfs, medicaid, homeless, size, other, srn, hcv), (category, psych, sud, jail, year, smi, once, od))| {
                json!({
                    "aging_out_of_dcfs_guardianship": dcfs, "medicaid": medicaid, "homeless": homeless,
                    "household_size": size, "receiving_other_rental_assistance": other,
                    "srn_811_registered_or_agrees": srn, "hcv_waitlist_or_agrees": hcv, "category": category,
                    "psychiatric_admissions_12m": psych, "sud_inpatient_or_withdrawal_stays_12m": sud,
                    "correctional_stays_12m": jail, "incarcerated_last_12_consecutive_months": year,
                    "smi_disability_determination": smi, "incarcerated_at_least_once_12m": once, "overdoses_12m": od
                })
            },
        );
    (date, parameters, household, vec(income, 0..6), vec(expense, 0..4), housing, option::of(screening)).prop_map(
        |(as_of, parameters, household, income, expenses, housing, screening)| {
            let mut v = json!({ "as_of": as_of, "parameters": parameters, "household": household,
                                "income": income, "expenses": expenses, "housing": housing });
            if let (Some(s), Some(o)) = (screening, v.as_object_mut()) {
                o.insert("screening".into(), s);
            }
            v
        },
    )
}

/// Amounts the contract accepts: zero to the largest, to the cent, as a
/// string or a JSON number.
fn good_amount() -> BoxedStrategy<Value> {
    held_amount()
        .prop_map(|m| m.0.abs())
        .prop_flat_map(|d| {
            let number = d.trunc().to_string().parse::<u64>().map_or(Value::Null, |n| json!(n));
            prop_oneof![Just(json!(d.to_string())), Just(json!(Money(d).to_string())), Just(number)]
        })
        .boxed()
}

/// Any amount on the wire: the accepted ones, negatives, any precision up
/// to `Decimal`'s limits, JSON integers and floats of every size, and junk.
fn any_amount() -> BoxedStrategy<Value> {
    let decimal = (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
        .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(lo, mid, hi, negative, scale));
    let edges = [
        Decimal::MAX,
        Decimal::MIN,
        LARGEST_AMOUNT.0,
        LARGEST_AMOUNT.0 + Decimal::new(1, 2),
        Decimal::new(1, 28),
        Decimal::new(-1, 2),
    ];
    prop_oneof![
        40 => good_amount(),
        1 => held_amount().prop_map(|m| json!(m.to_string())),
        2 => decimal.prop_map(|d| json!(d.to_string())),
        1 => select(edges.to_vec()).prop_map(|d| json!(d.to_string())),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<u64>().prop_map(|n| json!(n)),
        1 => any::<f64>().prop_map(|f| json!(f)),
        1 => typed_amount().prop_map(|s| json!(s)),
    ]
    .boxed()
}

/// The medical threshold: 0 to 100 percent, as a string or a number.
fn good_percent() -> BoxedStrategy<Value> {
    (0i64..=10_000)
        .prop_flat_map(|n| {
            let d = Decimal::new(n, 2);
            prop_oneof![Just(json!(d.to_string())), Just(json!(n / 100))]
        })
        .boxed()
}

fn any_percent() -> BoxedStrategy<Value> {
    prop_oneof![12 => good_percent(), 1 => any::<i64>().prop_map(|n| json!(n)), 1 => any::<f64>().prop_map(|f| json!(f))]
        .boxed()
}

/// A count (dependents, household size, stays): small, or any `u32`; and,
/// past what is accepted, out of `u32`'s range, which serde must refuse on its field.
fn count(range: Range) -> BoxedStrategy<Value> {
    let accepted = prop_oneof![8 => (0u32..10).prop_map(|n| json!(n)), 1 => any::<u32>().prop_map(|n| json!(n))];
    match range {
        Range::Accepted => accepted.boxed(),
        Range::Any => prop_oneof![
            40 => accepted,
            1 => select(vec![json!(u64::from(u32::MAX) + 1), json!(-1), json!(i64::MIN), json!(1.5)]),
        ]
        .boxed(),
    }
}

/// Hours a week within the limits: none, or 0 to 168 to the hundredth.
fn good_hours() -> BoxedStrategy<Option<Value>> {
    option::of((0i64..=16_800).prop_map(|n| json!(Decimal::new(n, 2).to_string()))).boxed()
}

/// Hours a week: those, or any number at all.
fn any_hours() -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        12 => good_hours(),
        1 => any::<i64>().prop_map(|n| Some(json!(n))),
        1 => any::<f64>().prop_map(|f| Some(json!(f))),
        1 => typed_amount().prop_map(|s| Some(json!(s))),
    ]
    .boxed()
}

/// Hourly amounts always have hours (their absence is a case of its own in
/// calc's unit tests); other lines have them now and then, which the
/// contract allows.
fn with_hours(item: &mut Value, hours: Option<Value>) {
    let hours = if item["frequency"] == "hourly" { hours.or_else(|| Some(json!("40"))) } else { hours };
    if let (Some(h), Some(o)) = (hours, item.as_object_mut()) {
        o.insert("hours_per_week".into(), h);
    }
}

fn good_date() -> BoxedStrategy<Value> {
    let from = NaiveDate::from_ymd_opt(1900, 1, 1).map_or(0, |d| d.num_days_from_ce());
    (from..from + 200 * 366)
        .prop_filter_map("a day", NaiveDate::from_num_days_from_ce_opt)
        .prop_map(|d| json!(d))
        .boxed()
}

/// Any day chrono can hold, its first and last, or text that is no date.
fn any_date() -> BoxedStrategy<Value> {
    let (first, last) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
    prop_oneof![
        12 => good_date(),
        2 => (first..=last).prop_filter_map("a day", NaiveDate::from_num_days_from_ce_opt).prop_map(|d| json!(d)),
        1 => select(vec![json!(NaiveDate::MIN), json!(NaiveDate::MAX), json!("2026-02-30"), json!("11/01/2026")]),
    ]
    .boxed()
}

/// The wire name of one of a closed list.
fn code<T: Choice + serde::Serialize + std::fmt::Debug>() -> impl Strategy<Value = Value> + Clone {
    select(T::ALL.to_vec()).prop_map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
}

// ---- The app's form ----

/// The form with each box from a pool of good answers and anything at all.
fn form() -> impl Strategy<Value = CalculationForm> {
    /// A box: mostly a good answer, now and then a plausible wrong one or
    /// anything at all, so that a good share of forms are calculated.
    fn boxed(good: &'static [&'static str], odd: &'static [&'static str]) -> BoxedStrategy<String> {
        let odd = if odd.is_empty() { good } else { odd };
        prop_oneof![
            24 => select(good).prop_map(String::from),
            1 => select(odd).prop_map(String::from),
            1 => typed_amount(),
        ]
        .boxed()
    }
    let amount = || {
        prop_oneof![
            12 => held_amount().prop_map(|m| m.0.abs().to_string()),
            12 => held_amount().prop_map(|m| m.0.abs()).prop_map(|d| Money(d).dollars()),
            1 => held_amount().prop_map(|m| m.dollars()),
            1 => typed_amount(),
        ]
    };
    let income =
        (
            boxed(&["participant", "live_in_aide"], &["aide", ""]),
            boxed(&["wages", "ssi", "snap", "other", "subsistence_allowance"], &["salary"]),
            amount(),
            boxed(&["hourly", "weekly", "biweekly", "semimonthly", "monthly", "annual"], &["daily"]),
            boxed(&["40", "0", "168", "17.5"], &["", "168.01", "-1", "1e3", "4_0"]),
            boxed(&["award_letter", "pay_stubs", "self_declaration"], &["", "phone"]),
            boxed(&["", "10/15/2025", "2025-12-31"], &["2100-01-01", "02/30/2026"]),
        )
            .prop_map(|(member, source, amount, frequency, hours_per_week, verification, document_date)| {
                IncomeForm { member, source, amount, frequency, hours_per_week, verification, document_date }
            });
    let expense =
        (boxed(&["medical", "disability_assistance"], &["food"]), amount(), boxed(&["monthly", "annual"], &["hourly"]))
            .prop_map(|(kind, amount, frequency)| ExpenseForm { kind, amount, frequency });
    let head = (
        boxed(&["initial", "new_lease", "annual_recertification"], &["interim", "sometime"]),
        boxed(&["11/01/2026", "2026-06-30", "12/31/2099"], &["01/01/1900", "12/31/9999", "02/29/2026", ""]),
        boxed(&["1"], &["0", "-1", "9223372036854775807", ""]),
        any::<bool>(),
        boxed(&["0", "1", "20"], &["21", "4294967295", "4294967296", "-1"]),
        any::<bool>(),
        any::<bool>(),
        boxed(&["0", "1", "2", "6"], &["7", ""]),
        boxed(&[""], &["120", "1000", "1000.01", "-5"]),
        boxed(&[""], &["2026-10-01 ref. 26-114"]),
    );
    let tail = (
        vec(income, 0..4),
        vec(expense, 0..3),
        boxed(&["rental_assistance", "master_lease"], &["lease"]),
        amount(),
        amount(),
    );
    (head, tail).prop_map(
        |(
            (
                kind,
                as_of,
                area_id,
                disabled,
                dependents,
                live_in_aide,
                medical_equipment,
                unit_bedrooms,
                percent,
                approval,
            ),
            (income, expenses, option, contract_rent, utility_allowance),
        )| CalculationForm {
            kind,
            as_of,
            area_id,
            disabled,
            dependents,
            live_in_aide,
            medical_equipment,
            unit_bedrooms,
            fmr_exception_percent: percent,
            fmr_exception_approval: approval,
            zip: String::new(),
            ua_schedule_id: String::new(),
            tenant_utilities: Vec::new(),
            income,
            expenses,
            option,
            contract_rent,
            utility_allowance,
        },
    )
}

/// The calculation input a form was read as, from the form and the result,
/// for checking the Guide's rules on the app's result as on `hdesk calc`'s.
fn input_of(form: &CalculationForm, out: &CalcOutput, payment_standard: Money, income_limit: Money) -> CalcInput {
    let amount = |typed: &str| Money(housing_desk::rules::money::parse_typed(typed).unwrap_or_default());
    CalcInput {
        as_of: NaiveDate::MIN,
        parameters: calc::Parameters {
            dependent_deduction: Money::ZERO,
            elderly_disabled_deduction: Money::ZERO,
            medical_threshold_percent: Decimal::ZERO,
            income_limit,
        },
        household: calc::Household {
            birth_date: NaiveDate::MIN,
            disabled: form.disabled,
            dependents: 0,
            live_in_aide: false,
        },
        income: form
            .income
            .iter()
            .map(|i| calc::IncomeItem {
                member: Member::from_code(i.member.trim()).unwrap_or(Member::LiveInAide),
                source: IncomeSource::from_code(i.source.trim()).unwrap_or(IncomeSource::Other),
                amount: amount(&i.amount),
                frequency: Frequency::from_code(i.frequency.trim()).unwrap_or(Frequency::Annual),
                hours_per_week: i.hours_per_week.trim().parse().ok(),
            })
            .collect(),
        expenses: Vec::new(),
        housing: calc::Housing {
            option: LeasingOption::from_code(form.option.trim()).unwrap_or(LeasingOption::MasterLease),
            contract_rent: amount(&form.contract_rent),
            utility_allowance: out.utility_allowance,
            payment_standard,
        },
        screening: None,
    }
}

/// Whether `field` names a box of the calculation form (`income.0.amount`).
fn is_form_field(field: &str) -> bool {
    let top = [
        "kind",
        "as_of",
        "area_id",
        "dependents",
        "unit_bedrooms",
        "fmr_exception_percent",
        "fmr_exception_approval",
        "zip",
        "ua_schedule_id",
        "option",
        "contract_rent",
        "utility_allowance",
    ];
    let lines = [
        ("income", &["member", "source", "amount", "frequency", "hours_per_week", "verification", "document_date"][..]),
        ("expenses", &["kind", "amount", "frequency"][..]),
    ];
    top.contains(&field)
        || lines.iter().any(|(list, names)| {
            let mut parts = field.split('.');
            parts.next() == Some(*list)
                && parts.next().is_some_and(|i| i.parse::<usize>().is_ok())
                && parts.next().is_some_and(|n| names.contains(&n))
                && parts.next().is_none()
        })
}
