//! Whether a unit fits a participant's payment standard (Guide: Rent and
//! Utility Payment Standards): the FMR area from the unit's county (or its
//! ZIP where the office uses Small Area FMRs), the unit size the participant
//! is allowed, the payment standard in force on the day, and the gross rent
//! (contract rent plus the utility allowance for the utilities the tenant
//! pays in that unit) against it. An exception up to the Guide's maximum
//! (120% of FMR) is recorded with who approved it in writing and when.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::landlords::require_housing_role;
use crate::rules::payment_standard::{self, allowed_bedrooms};
use crate::rules::utility_allowance::{self, TenantPaid};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{Checker, ValidationErrors};

/// The check as asked for.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct CheckInput {
    /// The participant, by id as text.
    pub participant_id: String,
    pub on: String,
    /// The contract rent to check; empty for the unit's asking rent.
    pub contract_rent: String,
    /// The utility allowance schedule (HUD-52667), by id as text; empty when
    /// the tenant pays no utilities.
    pub ua_schedule_id: String,
    /// An approved exception, percent of FMR ("" for none).
    pub exception_percent: String,
    pub approved_by: String,
    pub approved_on: String,
}

/// The check, worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckResult {
    pub area_name: String,
    /// Where the FMR came from: the area, or the ZIP's Small Area FMR.
    pub fmr_basis: String,
    pub allowed_bedrooms: u32,
    pub unit_bedrooms: u32,
    #[ts(type = "string")]
    pub fair_market_rent: Money,
    #[ts(type = "string")]
    pub payment_standard: Money,
    #[ts(type = "string")]
    pub contract_rent: Money,
    #[ts(type = "string")]
    pub utility_allowance: Money,
    #[ts(type = "string")]
    pub gross_rent: Money,
    pub passes: bool,
    /// The exception applied, percent of FMR.
    pub exception_percent: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<NaiveDate>,
    /// What the result means, in plain words.
    pub summary: String,
}

/// A recorded check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaymentStandardCheck {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub participant_name: String,
    pub checked_on: NaiveDate,
    pub result: CheckResult,
    pub staff_name: Option<String>,
}

/// Works the check out without saving it.
pub fn work_out(store: &Store, unit_id: i64, input: &CheckInput, today: NaiveDate) -> Result<CheckResult, DeskError> {
    let conn = store.conn();
    let unit = crate::units::get(store, unit_id)?;
    let mut c = Checker::new();
    let participant_id = input.participant_id.trim().parse::<i64>().ok();
    let participant = match participant_id {
        Some(id) => db::participants::get(conn, id)?,
        None => None,
    };
    if participant.is_none() {
        c.add("participant_id", "Choose the participant.");
    }
    let on = match input.on.trim() {
        "" => Some(today),
        _ => c.required_date("on", &input.on, "the date of the check"),
    };
    let contract_rent = if input.contract_rent.trim().is_empty() {
        Some(unit.details.asking_rent)
    } else {
        c.amount("contract_rent", &input.contract_rent, "the contract rent", true)
    };
    let exception = match input.exception_percent.trim().trim_end_matches('%') {
        "" => None,
        typed => match typed.parse::<Decimal>() {
            Ok(p) => Some(p),
            Err(_) => {
                c.add("exception_percent", "Enter the approved percent of FMR, like 110, or leave it empty.");
                None
            }
        },
    };
    let (approved_by, approved_on) = if exception.is_some() {
        let by = c.required_text("approved_by", &input.approved_by, "who approved the exception in writing", 200);
        let when = c.past_date("approved_on", &input.approved_on, "the date of the written approval", today, true);
        (Some(by), when)
    } else {
        (None, None)
    };
    let Some(area) = unit.area_id.or(db::units::area_for_county(conn, &unit.details.county)?) else {
        c.add(
            "unit",
            format!(
                "No Fair Market Rent area on file covers {} County. Import HUD's FMR table in Settings.",
                unit.details.county
            ),
        );
        return Err(c.finish::<()>(None).unwrap_err().into());
    };
    let (on, participant) = match (on, participant) {
        (Some(on), Some(p)) => (on, p),
        _ => return Err(c.finish::<()>(None).unwrap_err().into()),
    };
    // The unit size the participant is allowed: from their latest income
    // calculation (a documented live-in aide or medical equipment), else one.
    let latest = crate::income_calc::history(store, participant.id)?.into_iter().next();
    let bedrooms =
        latest.as_ref().map_or(1, |calc| allowed_bedrooms(calc.form.live_in_aide, calc.form.medical_equipment));
    let small_area = db::office::get(conn)?.is_some_and(|o| o.use_small_area_fmrs);
    let (fmr, basis) = if small_area {
        (
            db::reference::small_area_fmr_on(conn, &unit.details.zip, bedrooms, on)?,
            format!("Small Area FMR, ZIP {}", unit.details.zip),
        )
    } else {
        (db::reference::fmr_on(conn, area, bedrooms, on)?, unit.area_name.clone().unwrap_or_default())
    };
    let Some(fmr) = fmr else {
        c.add("on", format!("No Fair Market Rent for {bedrooms} bedroom(s) is in force on that date for {basis}."));
        return Err(c.finish::<()>(None).unwrap_err().into());
    };
    let max = db::reference::program_limit_on(conn, "fmr_exception_percent_max", on)?.unwrap_or(Decimal::from(120));
    let standard = match payment_standard::payment_standard(fmr.amount, exception, max) {
        Ok(s) => Some(s),
        Err(e) => {
            c.add("exception_percent", e.to_string());
            None
        }
    };
    // The allowance is for the smaller of the unit and the size allowed.
    let ua_bedrooms = unit.details.bedrooms.min(bedrooms);
    let allowance = if unit.details.tenant_utilities.is_empty() {
        Some(Money(Decimal::ZERO))
    } else {
        let schedule = input.ua_schedule_id.trim().parse::<i64>().ok();
        match schedule {
            None => {
                c.add("ua_schedule_id", "The tenant pays utilities here: choose the utility allowance schedule.");
                None
            }
            Some(id) if !db::reference::schedules(conn)?.iter().any(|s| s.id == id && s.effective_from <= on) => {
                c.add("ua_schedule_id", "Choose a utility allowance schedule in force on the date of the check.");
                None
            }
            Some(id) => {
                let rows = db::reference::schedule_rows(conn, id)?;
                let paid: Vec<TenantPaid> = unit
                    .details
                    .tenant_utilities
                    .iter()
                    .map(|t| TenantPaid { utility: t.utility, fuel: t.fuel })
                    .collect();
                match utility_allowance::utility_allowance(&rows, ua_bedrooms, &paid) {
                    Ok(a) => Some(a),
                    Err(_) => {
                        c.add(
                            "ua_schedule_id",
                            "That schedule has no allowance for a utility the tenant pays here. Choose another, or check the unit's utilities.",
                        );
                        None
                    }
                }
            }
        }
    };
    let (standard, allowance, contract_rent) = c.finish((|| Some((standard?, allowance?, contract_rent?)))())?;
    let gross = Money(contract_rent.0 + allowance.0);
    let passes = gross.0 <= standard.0;
    let summary = if passes {
        format!("Fits: the gross rent {} is within the payment standard {}.", dollars(gross), dollars(standard))
    } else {
        format!(
            "Does not fit: the gross rent {} is {} over the payment standard {}.",
            dollars(gross),
            dollars(Money(gross.0 - standard.0)),
            dollars(standard)
        )
    };
    Ok(CheckResult {
        area_name: unit.area_name.unwrap_or_default(),
        fmr_basis: basis,
        allowed_bedrooms: bedrooms,
        unit_bedrooms: unit.details.bedrooms,
        fair_market_rent: fmr.amount,
        payment_standard: standard,
        contract_rent,
        utility_allowance: allowance,
        gross_rent: gross,
        passes,
        exception_percent: exception.map(|p| p.normalize().to_string()),
        approved_by,
        approved_on,
        summary,
    })
}

/// Works the check out and records it, audited.
pub fn record(
    store: &mut Store,
    session: &Session,
    unit_id: i64,
    input: &CheckInput,
    when: Moment,
) -> Result<PaymentStandardCheck, DeskError> {
    require_housing_role(session)?;
    let result = work_out(store, unit_id, input, when.today)?;
    let participant_id = input
        .participant_id
        .trim()
        .parse::<i64>()
        .map_err(|_| ValidationErrors::single("participant_id", "Choose the participant."))?;
    let checked_on = crate::validation::parse_date(&input.on).unwrap_or(when.today);
    let json = serde_json::to_string(&result).map_err(|e| db::StoreError::Invariant(e.to_string()))?;
    let id = store.with_tx(|tx| {
        let id = db::units::insert_check(
            tx,
            unit_id,
            participant_id,
            checked_on,
            &json,
            &result,
            session.staff_id,
            when.at,
        )?;
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let mut changes = vec![
            change("unit_id", unit_id.to_string()),
            change("participant_id", participant_id.to_string()),
            change("gross_rent", result.gross_rent.0.to_string()),
            change("payment_standard", result.payment_standard.0.to_string()),
            change("passes", result.passes.to_string()),
        ];
        if let Some(p) = &result.exception_percent {
            changes.push(change("exception_percent", p.clone()));
            changes.push(change("approved_by", result.approved_by.clone().unwrap_or_default()));
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::PaymentStandardCheck,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    checks(store, unit_id)?.into_iter().find(|c| c.id == id).ok_or(DeskError::NotFound("payment standard check"))
}

/// A unit's recorded checks, newest first.
pub fn checks(store: &Store, unit_id: i64) -> Result<Vec<PaymentStandardCheck>, DeskError> {
    db::units::checks(store.conn(), unit_id)?
        .into_iter()
        .map(|(id, participant_id, participant_name, checked_on, json, staff_name)| {
            let result: CheckResult = serde_json::from_str(&json).map_err(|e| {
                DeskError::Store(db::StoreError::Invariant(format!("payment standard check {id}: {e}")))
            })?;
            Ok(PaymentStandardCheck { id, participant_id, participant_name, checked_on, result, staff_name })
        })
        .collect()
}

fn dollars(m: Money) -> String {
    crate::documents::income_summary::dollars(m)
}
