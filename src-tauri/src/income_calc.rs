//! The income and rent calculation in the app: the form staff fill in on a
//! participant, checked field by field; the figures in force on its date
//! from the reference tables; the result with every step; and saving it as
//! a dated calculation that keeps the values it used (Guide: Rent and
//! Utility Payment Standards, Income Eligibility and Total Tenant Payment).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::calc::{self, CalcInput, CalcOutput, ExpenseItem, ExpenseKind, Household, Housing, IncomeItem, Parameters};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::reference::ParameterUsed;
use crate::rules::income::{Frequency, IncomeSource, Member};
use crate::rules::payment_standard;
use crate::rules::recertification::{self, InterimEffect};
use crate::rules::rent::LeasingOption;
use crate::rules::utility_allowance::{self, Fuel, TenantPaid, Utility};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{capitalize, choices, Checker, Choice, ValidationErrors};

/// Why a calculation is made (Guide: Total Tenant Payment: at least every
/// twelve months or at a new lease; a decrease at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CalculationKind {
    Initial,
    AnnualRecertification,
    /// Between recertifications: income changed.
    Interim,
    NewLease,
}

/// How an income source was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    PayStubs,
    AwardLetter,
    BankStatement,
    EmployerStatement,
    ThirdParty,
    SelfDeclaration,
}

/// One line of income as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncomeForm {
    pub member: String,
    pub source: String,
    pub amount: String,
    pub frequency: String,
    pub hours_per_week: String,
    pub verification: String,
    pub document_date: String,
}

/// A tenant-paid utility as chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantUtilityForm {
    pub utility: String,
    pub fuel: String,
}

/// One medical or disability-assistance expense as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseForm {
    pub kind: String,
    pub amount: String,
    pub frequency: String,
}

/// The calculation form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalculationForm {
    pub kind: String,
    pub as_of: String,
    pub area_id: String,
    pub disabled: bool,
    pub dependents: String,
    /// A medically necessary live-in aide, documented (Guide: Unit Size).
    pub live_in_aide: bool,
    /// Room for medical equipment, documented by a licensed professional.
    pub medical_equipment: bool,
    /// The bedrooms of the unit itself, which may be more than allowed.
    pub unit_bedrooms: String,
    /// DMH's written exception to the FMR, in percent (blank for none).
    pub fmr_exception_percent: String,
    /// The date and reference of DMH's written approval of the exception.
    pub fmr_exception_approval: String,
    /// The unit's ZIP code: needed where the office uses Small Area FMRs.
    pub zip: String,
    /// The PHA schedule the allowance comes from; blank to type the allowance.
    pub ua_schedule_id: String,
    /// The utilities the tenant pays, with their fuels (with a schedule).
    pub tenant_utilities: Vec<TenantUtilityForm>,
    pub income: Vec<IncomeForm>,
    pub expenses: Vec<ExpenseForm>,
    pub option: String,
    pub contract_rent: String,
    pub utility_allowance: String,
}

/// The result, the figures it used, and what the form was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalculationResult {
    pub output: CalcOutput,
    pub parameters: Vec<ParameterUsed>,
    #[ts(type = "string")]
    pub payment_standard: Money,
    #[ts(type = "string")]
    pub income_limit: Money,
    /// The bedrooms the payment standard is for.
    pub allowed_bedrooms: u32,
    pub unit_bedrooms: u32,
    #[ts(type = "string")]
    pub fair_market_rent: Money,
}

/// A saved calculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedCalculation {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: CalculationKind,
    pub as_of: NaiveDate,
    pub form: CalculationForm,
    pub result: CalculationResult,
    pub staff_name: Option<String>,
    pub created_at: String,
    /// Whether it sets the rent: an interim increase does not until the next recertification.
    pub applies: bool,
    /// From when it sets the rent, or the recertification an increase waits for.
    pub applies_from: NaiveDate,
}

/// Where a participant's rent stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IncomeStatus {
    /// The calculation that sets the rent now, if any.
    #[ts(type = "number | null")]
    pub in_force: Option<i64>,
    /// When the next full calculation is due (12 months after the last full one).
    pub next_recertification_due: Option<NaiveDate>,
}

/// The figures the calculation needs from the participant and the tables.
struct Context {
    kind: CalculationKind,
    input: CalcInput,
    parameters: Vec<ParameterUsed>,
    allowed_bedrooms: u32,
    unit_bedrooms: u32,
    fair_market_rent: Money,
}

/// Works the calculation out without saving it: for the live result beside the form.
pub fn preview(store: &Store, participant_id: i64, form: &CalculationForm) -> Result<CalculationResult, DeskError> {
    let ctx = prepare(store, participant_id, form)?;
    Ok(result(&ctx))
}

/// Saves the calculation, with the values it used, and audits it.
pub fn save(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    form: &CalculationForm,
    when: Moment,
) -> Result<SavedCalculation, DeskError> {
    let ctx = prepare(store, participant_id, form)?;
    let result = result(&ctx);
    let (applies, applies_from) = effect(store, participant_id, &ctx, &result)?;
    let json = |e: serde_json::Error| db::StoreError::Invariant(e.to_string());
    let details = serde_json::to_string(form).map_err(json)?;
    let input_json = serde_json::to_string(&ctx.input).map_err(json)?;
    let result_json = serde_json::to_string(&result).map_err(json)?;
    let created_at = db::audit::timestamp(when.at);
    let id = store.with_tx(|tx| {
        let id = db::reference::insert_calculation(
            tx,
            &db::reference::NewCalculation {
                participant_id,
                kind: ctx.kind.code(),
                as_of: ctx.input.as_of,
                details: &details,
                input: &input_json,
                result: &result_json,
                staff_id: session.staff_id,
                created_at: &created_at,
                applies,
                applies_from,
            },
        )?;
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::IncomeCalculation,
            entity_id: Some(id),
            changes: vec![
                change("participant_id", participant_id.to_string()),
                change("kind", ctx.kind.code().into()),
                change("as_of", ctx.input.as_of.to_string()),
                change("annual_income", result.output.annual_income.to_string()),
                change("ttp", result.output.ttp.to_string()),
                change(
                    "applies_from",
                    if applies { applies_from.to_string() } else { format!("waits until {applies_from}") },
                ),
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    Ok(SavedCalculation {
        id,
        kind: ctx.kind,
        as_of: ctx.input.as_of,
        form: form.clone(),
        result,
        staff_name: Some(session.full_name.clone()),
        created_at,
        applies,
        applies_from,
    })
}

/// Whether a new calculation sets the rent, and from when (Guide: Total
/// Tenant Payment): a full one (initial, recertification, new lease) at
/// once; an interim one at once if the TTP does not go up, else it waits for
/// the next recertification.
fn effect(
    store: &Store,
    participant_id: i64,
    ctx: &Context,
    result: &CalculationResult,
) -> Result<(bool, NaiveDate), DeskError> {
    if ctx.kind != CalculationKind::Interim {
        return Ok((true, ctx.input.as_of));
    }
    let earlier: Vec<SavedCalculation> = history(store, participant_id)?
        .into_iter()
        .filter(|c| c.applies && c.applies_from <= ctx.input.as_of)
        .collect();
    let in_force = earlier.first();
    let last_full = earlier.iter().find(|c| c.kind != CalculationKind::Interim);
    match (in_force, last_full) {
        (Some(now), Some(full)) => {
            match recertification::interim_effect(now.result.output.ttp.0, result.output.ttp.0, full.as_of) {
                InterimEffect::AppliesNow => Ok((true, ctx.input.as_of)),
                InterimEffect::WaitsUntil(due) => Ok((false, due)),
            }
        }
        _ => Err(ValidationErrors::single(
            "kind",
            "An interim calculation changes an earlier one, and there is none in force yet. Choose Initial.",
        )
        .into()),
    }
}

/// A participant's saved calculations as the window shows them: for those
/// who may see the record (`access::require_record`); the view is audited.
pub fn calculation_history(
    store: &Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<Vec<SavedCalculation>, DeskError> {
    crate::access::require_record(store, session, participant_id)?;
    let shown = history(store, participant_id)?;
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::IncomeCalculations, when)?;
    Ok(shown)
}

/// The calculation in force and the next recertification date as the
/// window shows them: for those who may see the record; the view is audited.
pub fn income_status(
    store: &Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<IncomeStatus, DeskError> {
    crate::access::require_record(store, session, participant_id)?;
    let shown = status(store, participant_id, when.today)?;
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::IncomeStatus, when)?;
    Ok(shown)
}

/// The calculation in force and the next recertification date.
pub fn status(store: &Store, participant_id: i64, today: NaiveDate) -> Result<IncomeStatus, DeskError> {
    let all = history(store, participant_id)?;
    let in_force = all.iter().find(|c| c.applies && c.applies_from <= today);
    let last_full = all.iter().find(|c| c.applies && c.kind != CalculationKind::Interim);
    Ok(IncomeStatus {
        in_force: in_force.map(|c| c.id),
        next_recertification_due: last_full.map(|c| recertification::next_recertification_due(c.as_of)),
    })
}

/// A participant's saved calculations, newest first.
pub fn history(store: &Store, participant_id: i64) -> Result<Vec<SavedCalculation>, DeskError> {
    let rows = db::reference::calculations_for(store.conn(), participant_id)?;
    rows.into_iter().map(read_saved).collect()
}

/// Saved calculation `id`.
pub fn get(store: &Store, id: i64) -> Result<SavedCalculation, DeskError> {
    read_saved(db::reference::calculation(store.conn(), id)?.ok_or(DeskError::NotFound("calculation"))?)
}

/// The signed income calculation summary of a saved calculation, as a PDF,
/// with the file name it is saved under.
pub fn summary_pdf(store: &Store, calculation_id: i64, printed_on: NaiveDate) -> Result<(String, Vec<u8>), DeskError> {
    let row = db::reference::calculation(store.conn(), calculation_id)?.ok_or(DeskError::NotFound("calculation"))?;
    let participant_id = row.participant_id;
    let calculation = read_saved(row)?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let office = db::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let signatures = crate::signatures::for_calculation(store, calculation_id)?;
    let summary = crate::documents::income_summary::IncomeSummary {
        office: &office,
        participant: &participant,
        calculation: &calculation,
        printed_on,
        signatures: &signatures,
    };
    let notice = crate::disclosure::notice_for(store, crate::disclosure::DocumentKind::IncomeSummary)?;
    let bytes = crate::documents::income_summary::render(&summary, notice.as_ref())
        .map_err(|e| DeskError::Store(db::StoreError::Invariant(e.to_string())))?;
    let file = format!(
        "Income summary - {} - {} - {}.pdf",
        crate::housing_documents::file_name_part(&participant.details.legal_name),
        calculation.as_of,
        crate::documents::income_summary::identifier(&calculation)
    );
    Ok((file, bytes))
}

/// Writes the summary PDF into `dir` (created if need be) and answers its
/// path; for those who may see the participant's record. The print is
/// audited as an export of the participant's record.
pub fn save_summary(
    store: &Store,
    session: &Session,
    calculation_id: i64,
    when: Moment,
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, DeskError> {
    crate::access::require_calculation(store, session, calculation_id)?;
    let participant_id = db::reference::calculation(store.conn(), calculation_id)?
        .ok_or(DeskError::NotFound("calculation"))?
        .participant_id;
    let path = crate::housing_documents::save(dir, summary_pdf(store, calculation_id, when.today)?)?;
    crate::audit::record_print(store, session, participant_id, crate::audit::RecordPart::IncomeSummary, when)?;
    Ok(path)
}

fn read_saved(row: db::reference::StoredCalculation) -> Result<SavedCalculation, DeskError> {
    let id = row.id;
    let bad =
        |e: serde_json::Error| DeskError::Store(db::StoreError::Invariant(format!("saved calculation {id}: {e}")));
    let kind = CalculationKind::from_code(&row.kind)
        .ok_or_else(|| DeskError::Store(db::StoreError::Invariant(format!("unknown kind {:?}", row.kind))))?;
    Ok(SavedCalculation {
        id,
        kind,
        as_of: row.as_of,
        form: serde_json::from_str(&row.details).map_err(bad)?,
        result: serde_json::from_str(&row.result).map_err(bad)?,
        staff_name: row.staff_name,
        created_at: row.created_at,
        applies: row.applies,
        applies_from: row.applies_from.unwrap_or(row.as_of),
    })
}

fn result(ctx: &Context) -> CalculationResult {
    CalculationResult {
        output: calc::calculate(&ctx.input),
        parameters: ctx.parameters.clone(),
        payment_standard: ctx.input.housing.payment_standard,
        income_limit: ctx.input.parameters.income_limit,
        allowed_bedrooms: ctx.allowed_bedrooms,
        unit_bedrooms: ctx.unit_bedrooms,
        fair_market_rent: ctx.fair_market_rent,
    }
}

fn prepare(store: &Store, participant_id: i64, form: &CalculationForm) -> Result<Context, DeskError> {
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let mut c = Checker::new();
    let kind = c.choice::<CalculationKind>("kind", &form.kind, "why this calculation is made");
    let as_of = c.required_date("as_of", &form.as_of, "the date of the calculation");
    let area_id = match form.area_id.trim().parse::<i64>() {
        Ok(id) => Some(id),
        Err(_) => {
            c.add("area_id", "Choose the Fair Market Rent area where the unit is.");
            None
        }
    };
    let bedrooms = Some(payment_standard::allowed_bedrooms(form.live_in_aide, form.medical_equipment));
    let unit_bedrooms = whole(&mut c, "unit_bedrooms", &form.unit_bedrooms, "the unit's bedrooms", 0, 6);
    let exception = if form.fmr_exception_percent.trim().is_empty() {
        None
    } else {
        let percent = quantity(
            &mut c,
            "fmr_exception_percent",
            &form.fmr_exception_percent,
            "the percent of FMR approved",
            Decimal::from(1000),
        );
        if form.fmr_exception_approval.trim().is_empty() {
            c.add("fmr_exception_approval", "Enter the date and reference of DMH's written approval of the exception.");
        }
        percent
    };
    let dependents = whole(&mut c, "dependents", &form.dependents, "the number of dependents", 0, 20);
    let option = c.choice::<LeasingOption>("option", &form.option, "the leasing option");
    let contract_rent = c.amount("contract_rent", &form.contract_rent, "the contract rent", true);
    let mut parameters = Vec::new();
    let utility_allowance = if form.ua_schedule_id.trim().is_empty() {
        c.amount(
            "utility_allowance",
            &form.utility_allowance,
            "the utility allowance (0 when the owner pays all utilities)",
            true,
        )
    } else {
        // 24 CFR 982.517(d): the allowance for the smaller of the unit leased
        // and the size the family is allowed (as the payment standard check
        // reads it).
        let ua_bedrooms = match (unit_bedrooms, bedrooms) {
            (Some(unit), Some(allowed)) => Some(unit.min(allowed)),
            (unit, _) => unit,
        };
        allowance_from_schedule(store, &mut c, form, as_of, ua_bedrooms, &mut parameters)?
    };

    let mut income = Vec::new();
    for (i, line) in form.income.iter().enumerate() {
        let f = |name: &str| format!("income.{i}.{name}");
        let member = c.choice::<Member>(&f("member"), &line.member, "whose income this is");
        let source = c.choice::<IncomeSource>(&f("source"), &line.source, "the kind of income");
        let amount = c.amount(&f("amount"), &line.amount, "the amount", true);
        let frequency = c.choice::<Frequency>(&f("frequency"), &line.frequency, "how often it is received");
        let hours = if frequency == Some(Frequency::Hourly) {
            quantity(
                &mut c,
                &f("hours_per_week"),
                &line.hours_per_week,
                "the hours worked each week",
                Decimal::from(168),
            )
        } else {
            Some(Decimal::ZERO)
        };
        c.choice::<Verification>(&f("verification"), &line.verification, "how it was verified");
        if let Some(date) = c.optional_date(&f("document_date"), &line.document_date, "the document's date") {
            if as_of.is_some_and(|a| date > a) {
                c.add(&f("document_date"), "The document's date is after the date of the calculation.");
            }
        }
        if let (Some(member), Some(source), Some(amount), Some(frequency), Some(hours)) =
            (member, source, amount, frequency, hours)
        {
            income.push(IncomeItem { member, source, amount, frequency, hours_per_week: Some(hours) });
        }
    }
    let mut expenses = Vec::new();
    for (i, line) in form.expenses.iter().enumerate() {
        let f = |name: &str| format!("expenses.{i}.{name}");
        let kind = c.choice::<ExpenseKind>(&f("kind"), &line.kind, "the kind of expense");
        let amount = c.amount(&f("amount"), &line.amount, "the amount", true);
        let frequency = c.choice::<Frequency>(&f("frequency"), &line.frequency, "how often it is paid");
        if frequency == Some(Frequency::Hourly) {
            c.add(&f("frequency"), "Expenses are weekly, monthly or the like, not hourly.");
        }
        if let (Some(kind), Some(amount), Some(frequency)) = (kind, amount, frequency) {
            expenses.push(ExpenseItem { kind, amount, frequency, hours_per_week: None });
        }
    }

    // The tables, in force on the day of the calculation.
    let mut looked_up = None;
    if let (Some(as_of), Some(area), Some(bedrooms)) = (as_of, area_id, bedrooms) {
        let conn = store.conn();
        let deductions = db::reference::deduction_set_on(conn, as_of)?;
        let limit = db::reference::income_limit_on(conn, area, 1, as_of)?;
        // Where the office uses Small Area FMRs, the unit's ZIP code picks the FMR.
        let zip = form.zip.trim();
        let small_area = db::office::get(conn)?.is_some_and(|o| o.use_small_area_fmrs);
        let (fmr, fmr_name) = if small_area {
            if !crate::reference::is_zip(zip) {
                c.add("zip", "Enter the unit's 5-digit ZIP code: this office uses Small Area FMRs.");
                (None, String::new())
            } else {
                match db::reference::small_area_fmr_on(conn, zip, bedrooms, as_of)? {
                    Some(f) => (Some(f), format!("Small Area FMR, ZIP {zip}, {bedrooms} bedroom(s)")),
                    None => {
                        c.add(
                            "zip",
                            format!("No Small Area FMR is in force for ZIP {zip} on that date. Import it in Settings."),
                        );
                        (None, String::new())
                    }
                }
            }
        } else {
            (db::reference::fmr_on(conn, area, bedrooms, as_of)?, format!("Fair Market Rent, {bedrooms} bedroom(s)"))
        };
        let max_percent =
            db::reference::program_limit_on(conn, "fmr_exception_percent_max", as_of)?.unwrap_or(Decimal::ONE_HUNDRED);
        match (deductions, limit, fmr) {
            (Some(d), Some(limit), Some(fmr)) => {
                let used = |name: &str, value: String, from: NaiveDate, source: &str| ParameterUsed {
                    name: name.into(),
                    value,
                    effective_from: from.to_string(),
                    source: source.into(),
                };
                parameters.push(used(
                    "Dependent deduction",
                    d.dependent_deduction.to_string(),
                    d.effective_from,
                    &d.source,
                ));
                parameters.push(used(
                    "Elderly or disabled family deduction",
                    d.elderly_disabled_deduction.to_string(),
                    d.effective_from,
                    &d.source,
                ));
                parameters.push(used(
                    "Medical expense threshold (percent of annual income)",
                    d.medical_threshold_percent.to_string(),
                    d.effective_from,
                    &d.source,
                ));
                parameters.push(used(
                    "Income limit (30% AMI, one person)",
                    limit.amount.to_string(),
                    limit.effective_from,
                    &limit.source,
                ));
                parameters.push(used(&fmr_name, fmr.amount.to_string(), fmr.effective_from, &fmr.source));
                match payment_standard::payment_standard(fmr.amount, exception, max_percent) {
                    Ok(standard) => {
                        if let Some(p) = exception {
                            parameters.push(ParameterUsed {
                                name: format!("Payment standard exception: {p}% of FMR"),
                                value: standard.to_string(),
                                effective_from: as_of.to_string(),
                                source: format!("DMH written approval: {}", form.fmr_exception_approval.trim()),
                            });
                        }
                        looked_up = Some((d, limit.amount, standard, fmr.amount));
                    }
                    Err(e) => c.add(
                        "fmr_exception_percent",
                        format!("{}. Enter up to {max_percent}.", capitalize(&e.to_string())),
                    ),
                }
            }
            (None, _, _) => c.add(
                "as_of",
                "No HUD deduction amounts are in force on that date. Check the date, or add them in Settings.",
            ),
            (_, None, _) => {
                c.add("area_id", "No income limit is in force for that area on that date. Add it in Settings.")
            }
            (_, _, None) if small_area => {}
            (_, _, None) => c.add(
                "area_id",
                "No Fair Market Rent is in force for that area and size on that date. Add it in Settings.",
            ),
        }
    }
    let built = (|| {
        let (d, income_limit, payment_standard, fair_market_rent) = looked_up?;
        Some(Context {
            kind: kind?,
            input: CalcInput {
                as_of: as_of?,
                parameters: Parameters {
                    dependent_deduction: d.dependent_deduction,
                    elderly_disabled_deduction: d.elderly_disabled_deduction,
                    medical_threshold_percent: d.medical_threshold_percent,
                    income_limit,
                },
                household: Household {
                    birth_date: participant.details.birth_date,
                    disabled: form.disabled,
                    dependents: dependents?,
                    live_in_aide: form.live_in_aide,
                },
                income,
                expenses,
                housing: Housing {
                    option: option?,
                    contract_rent: contract_rent?,
                    utility_allowance: utility_allowance?,
                    payment_standard,
                },
                screening: None,
            },
            parameters,
            allowed_bedrooms: bedrooms?,
            unit_bedrooms: unit_bedrooms?,
            fair_market_rent,
        })
    })();
    Ok(c.finish(built)?)
}

/// The allowance worked out from the chosen PHA schedule for the unit's
/// bedrooms and the utilities the tenant pays; the schedule and each line
/// are kept with the figures used.
fn allowance_from_schedule(
    store: &Store,
    c: &mut Checker,
    form: &CalculationForm,
    as_of: Option<NaiveDate>,
    bedrooms: Option<u32>,
    parameters: &mut Vec<ParameterUsed>,
) -> Result<Option<Money>, DeskError> {
    let conn = store.conn();
    let schedule = form
        .ua_schedule_id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| db::reference::schedules(conn).ok()?.into_iter().find(|s| s.id == id));
    let Some(schedule) = schedule else {
        c.add("ua_schedule_id", "Choose a utility allowance schedule from the list.");
        return Ok(None);
    };
    if as_of.is_some_and(|d| d < schedule.effective_from) {
        c.add(
            "ua_schedule_id",
            "That schedule takes effect after the date of the calculation. Choose the one in force.",
        );
    }
    let mut paid = Vec::new();
    for (i, line) in form.tenant_utilities.iter().enumerate() {
        let utility = c.choice::<Utility>(&format!("tenant_utilities.{i}.utility"), &line.utility, "the utility");
        let fuel = match utility {
            Some(u) if u.has_fuel() => c.choice::<Fuel>(&format!("tenant_utilities.{i}.fuel"), &line.fuel, "its fuel"),
            _ => Some(Fuel::None),
        };
        if let (Some(utility), Some(fuel)) = (utility, fuel) {
            paid.push((i, TenantPaid { utility, fuel }));
        }
    }
    let Some(bedrooms) = bedrooms else { return Ok(None) };
    let rows = db::reference::schedule_rows(conn, schedule.id)?;
    let list: Vec<TenantPaid> = paid.iter().map(|(_, p)| *p).collect();
    match utility_allowance::utility_allowance(&rows, bedrooms, &list) {
        Ok(total) => {
            let column = bedrooms.min(5) as usize;
            let lines: Vec<String> = list
                .iter()
                .filter_map(|p| {
                    let row =
                        rows.iter().find(|r| r.utility == p.utility && (r.fuel == p.fuel || !p.utility.has_fuel()))?;
                    let fuel = if p.utility.has_fuel() {
                        format!(" ({})", p.fuel.label().to_lowercase())
                    } else {
                        String::new()
                    };
                    Some(format!("{}{fuel} {}", p.utility.label(), row.by_bedrooms[column]))
                })
                .collect();
            parameters.push(ParameterUsed {
                name: format!(
                    "Utility allowance, {bedrooms} bedroom(s): {}",
                    if lines.is_empty() { "owner pays all utilities".into() } else { lines.join("; ") }
                ),
                value: total.to_string(),
                effective_from: schedule.effective_from.to_string(),
                source: format!("{} ({}, {})", schedule.name, schedule.pha, schedule.unit_type),
            });
            Ok(Some(total))
        }
        Err(utility_allowance::AllowanceError::NoRow { utility, fuel }) => {
            let i = paid.iter().find(|(_, p)| p.utility == utility).map_or(0, |(i, _)| *i);
            let field = if utility.has_fuel() { "fuel" } else { "utility" };
            c.add(
                &format!("tenant_utilities.{i}.{field}"),
                format!(
                    "The schedule has no amount for {} by {}.",
                    utility.label().to_lowercase(),
                    fuel.label().to_lowercase()
                ),
            );
            Ok(None)
        }
        Err(utility_allowance::AllowanceError::Twice(utility)) => {
            let i = paid.iter().rev().find(|(_, p)| p.utility == utility).map_or(0, |(i, _)| *i);
            c.add(&format!("tenant_utilities.{i}.utility"), "This utility is listed twice.");
            Ok(None)
        }
    }
}

fn quantity(c: &mut Checker, field: &str, typed: &str, what: &str, max: Decimal) -> Option<Decimal> {
    match typed.trim().parse::<Decimal>() {
        Ok(d) if d >= Decimal::ZERO && d <= max => Some(d),
        Ok(_) => {
            c.add(field, format!("Enter {what} between 0 and {max}."));
            None
        }
        Err(_) if typed.trim().is_empty() => {
            c.add(field, format!("Enter {what}."));
            None
        }
        Err(_) => {
            c.add(field, format!("Enter {what} as a number, like 20 or 17.5."));
            None
        }
    }
}

fn whole(c: &mut Checker, field: &str, typed: &str, what: &str, min: u32, max: u32) -> Option<u32> {
    match typed.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            c.add(field, format!("Enter {what} as a whole number from {min} to {max}."));
            None
        }
    }
}

choices!(CalculationKind {
    Initial => "initial", "Initial (at enrollment)";
    AnnualRecertification => "annual_recertification", "Annual recertification";
    Interim => "interim", "Interim: income changed";
    NewLease => "new_lease", "New lease";
});

choices!(Verification {
    PayStubs => "pay_stubs", "Pay stubs";
    AwardLetter => "award_letter", "Award or benefit letter";
    BankStatement => "bank_statement", "Bank statement";
    EmployerStatement => "employer_statement", "Statement from the employer";
    ThirdParty => "third_party", "Other third-party verification";
    SelfDeclaration => "self_declaration", "Self-declaration";
});

choices!(Member {
    Participant => "participant", "Participant";
    LiveInAide => "live_in_aide", "Live-in aide (not counted)";
});

choices!(IncomeSource {
    Wages => "wages", "Wages";
    SelfEmployment => "self_employment", "Self-employment (net)";
    Ssi => "ssi", "SSI";
    Ssdi => "ssdi", "SSDI";
    SocialSecurity => "social_security", "Social Security";
    Pension => "pension", "Pension";
    Unemployment => "unemployment", "Unemployment";
    Tanf => "tanf", "TANF";
    GeneralAssistance => "general_assistance", "General Assistance";
    ChildSupport => "child_support", "Child support";
    Alimony => "alimony", "Alimony";
    VeteransBenefits => "veterans_benefits", "Veterans benefits";
    WorkersCompensation => "workers_compensation", "Workers' compensation";
    Other => "other", "Other income";
    Snap => "snap", "SNAP (not counted)";
    SubsistenceAllowance => "subsistence_allowance", "This program's subsistence allowance (not counted)";
    SsaLumpSum => "ssa_lump_sum", "Lump-sum Social Security back payment (not counted)";
    Nonrecurring => "nonrecurring", "Nonrecurring income (not counted)";
});

choices!(Frequency {
    Hourly => "hourly", "Per hour";
    Weekly => "weekly", "Every week";
    Biweekly => "biweekly", "Every two weeks";
    Semimonthly => "semimonthly", "Twice a month";
    Monthly => "monthly", "Every month";
    Annual => "annual", "Every year";
});

choices!(LeasingOption {
    RentalAssistance => "rental_assistance", "Rental assistance (HAP contract with the owner)";
    MasterLease => "master_lease", "Master lease (the grantee is the tenant)";
});

choices!(ExpenseKind {
    Medical => "medical", "Unreimbursed medical expenses";
    DisabilityAssistance => "disability_assistance", "Disability assistance expenses";
});

choices!(Utility {
    Heating => "heating", "Heating";
    Cooking => "cooking", "Cooking";
    WaterHeating => "water_heating", "Water heating";
    OtherElectric => "other_electric", "Other electric (lights and appliances)";
    AirConditioning => "air_conditioning", "Air conditioning";
    Water => "water", "Water";
    Sewer => "sewer", "Sewer";
    Trash => "trash", "Trash collection";
    RangeRefrigerator => "range_refrigerator", "Range or microwave and refrigerator (tenant-supplied)";
    Other => "other", "Other";
});

choices!(Fuel {
    NaturalGas => "natural_gas", "Natural gas";
    BottledGas => "bottled_gas", "Bottled gas or propane";
    Electric => "electric", "Electric";
    ElectricHeatPump => "electric_heat_pump", "Electric heat pump";
    Oil => "oil", "Oil";
    CoalOther => "coal_other", "Coal or other";
    None => "none", "No fuel";
});
