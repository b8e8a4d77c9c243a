//! Leases (Guide: Leasing Requirements): a participant, a unit and its owner
//! under the rental assistance option (the participant is the tenant; the
//! grantee pays contract rent less tenant rent under a HAP contract) or the
//! master lease option (the grantee is the tenant and pays the full rent;
//! the participant pays tenant rent to the grantee). A lease rests on a
//! passed HQS inspection, a rent certified reasonable, a payment standard
//! check that fits, and the income calculation in force; it is refused
//! without them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::comparisons::Determination;
use crate::desk::Moment;
use crate::error::DeskError;
use crate::landlords::require_housing_role;
use crate::participants::ParticipantStatus;
use crate::rules::rent::{self, LeasingOption};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::units::UnitStatus;
use crate::validation::{Checker, Choice, ValidationErrors};

/// A lease as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct LeaseInput {
    pub participant_id: String,
    pub option: String,
    pub start_date: String,
    pub end_date: String,
    pub move_in_date: String,
    pub contract_rent: String,
}

/// A lease as shown, with the monthly amounts it sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Lease {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub participant_name: String,
    #[ts(type = "number")]
    pub unit_id: i64,
    pub unit_address: String,
    pub option: LeasingOption,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub move_in_date: Option<NaiveDate>,
    #[ts(type = "string")]
    pub contract_rent: Money,
    /// From the income calculation the lease rests on.
    #[ts(type = "string")]
    pub tenant_rent: Money,
    #[ts(type = "string")]
    pub utility_reimbursement: Money,
    /// What the grantee pays the owner each month: contract rent less tenant
    /// rent under rental assistance, the full rent under a master lease.
    #[ts(type = "string")]
    pub grantee_payment: Money,
    #[ts(type = "number")]
    pub calculation_id: i64,
    #[ts(type = "number")]
    pub inspection_id: i64,
    #[ts(type = "number")]
    pub comparison_id: i64,
    #[ts(type = "number")]
    pub check_id: i64,
    pub active: bool,
    pub move_out_date: Option<NaiveDate>,
    pub move_out_reason: Option<String>,
}

/// A move-out as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct MoveOutInput {
    pub move_out_date: String,
    pub reason: String,
}

/// Leases unit `unit_id` to a participant after checking everything the
/// Guide requires first. The unit becomes leased; the participant is housed
/// from the move-in date (enrolled until then).
pub fn create(
    store: &mut Store,
    session: &Session,
    unit_id: i64,
    input: &LeaseInput,
    when: Moment,
) -> Result<Lease, DeskError> {
    require_housing_role(session)?;
    let view = crate::units::view(store, unit_id, when.today)?;
    let mut c = Checker::new();
    let participant = match input.participant_id.trim().parse::<i64>() {
        Ok(id) => db::participants::get(store.conn(), id)?,
        Err(_) => None,
    };
    match &participant {
        None => c.add("participant_id", "Choose the participant."),
        Some(p) if !matches!(p.details.status, ParticipantStatus::Enrolled | ParticipantStatus::Housed) => c.add(
            "participant_id",
            "Only an enrolled participant can be leased a unit. Enroll them on their case page.",
        ),
        Some(_) => {}
    }
    let option = c.choice::<LeasingOption>("option", &input.option, "the leasing option");
    let start_date = c.required_date("start_date", &input.start_date, "the first day of the lease");
    let end_date = c.optional_date("end_date", &input.end_date, "the last day of the lease");
    let move_in_date = c.optional_date("move_in_date", &input.move_in_date, "the move-in date");
    if let (Some(start), Some(end)) = (start_date, end_date) {
        if end <= start {
            c.add("end_date", "The lease ends before it begins.");
        }
    }
    if let (Some(start), Some(move_in)) = (start_date, move_in_date) {
        if move_in < start {
            c.add("move_in_date", "The move-in date is before the lease begins.");
        }
    }
    let contract_rent = c.amount("contract_rent", &input.contract_rent, "the contract rent", true);
    // What the lease rests on (Guide: Inspection Costs, Rent Reasonableness,
    // Rent and Utility Payment Standards).
    if view.unit.details.status == UnitStatus::Leased {
        c.add("unit", "The unit is already leased. Record the move-out first.");
    }
    let inspection = view.inspections.inspections.first().filter(|_| view.inspections.assistance_allowed);
    if inspection.is_none() {
        c.add("unit", format!("The unit cannot be leased yet: {}.", view.inspections.standing_label.to_lowercase()));
    }
    let comparison = view.comparisons.first().filter(|x| x.determination == Determination::Reasonable);
    match (comparison, contract_rent) {
        (None, _) => c.add("contract_rent", "Certify the unit's rent as reasonable first."),
        (Some(x), Some(rent)) if rent.0 > x.proposed_rent.0 => c.add(
            "contract_rent",
            format!("The contract rent is above the rent certified reasonable, {}.", x.proposed_rent.dollars()),
        ),
        _ => {}
    }
    let check = participant
        .as_ref()
        .and_then(|p| view.checks.iter().find(|x| x.participant_id == p.id))
        .filter(|x| x.result.passes);
    if participant.is_some() && check.is_none() {
        c.add("participant_id", "Check the payment standard for this participant on this unit first; it must fit.");
    }
    if let (Some(x), Some(rent)) = (check, contract_rent) {
        if rent.0 > x.result.contract_rent.0 {
            c.add("contract_rent", "The contract rent is above the rent the payment standard check used. Check again.");
        }
    }
    let calculation = match &participant {
        Some(p) => {
            let status = crate::income_calc::status(store, p.id, when.today)?;
            let found = match status.in_force {
                Some(id) => crate::income_calc::history(store, p.id)?.into_iter().find(|x| x.id == id),
                None => None,
            };
            if found.is_none() {
                c.add("participant_id", "Save the participant's income calculation first: it sets the tenant rent.");
            }
            found
        }
        None => None,
    };
    let checked = (|| {
        Some((
            participant?,
            option?,
            start_date?,
            contract_rent?,
            inspection?.id,
            comparison?.id,
            check?.id,
            calculation?,
        ))
    })();
    let (participant, option, start_date, contract_rent, inspection_id, comparison_id, check_id, calculation) =
        c.finish(checked)?;
    let housed = move_in_date.is_some_and(|d| d <= when.today);
    let id = store.with_tx(|tx| {
        let id = db::leases::insert(
            tx,
            &db::leases::NewLease {
                participant_id: participant.id,
                unit_id,
                option: option.code(),
                start_date,
                end_date,
                move_in_date,
                contract_rent,
                calculation_id: calculation.id,
                inspection_id,
                comparison_id,
                check_id,
                staff_id: session.staff_id,
            },
            when.at,
        )?;
        db::units::set_status(tx, unit_id, UnitStatus::Leased, when.at)?;
        if housed && participant.details.status != ParticipantStatus::Housed {
            db::participants::set_status(tx, participant.id, ParticipantStatus::Housed, when.at)?;
        }
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Lease,
            entity_id: Some(id),
            changes: vec![
                change("participant_id", participant.id.to_string()),
                change("unit_id", unit_id.to_string()),
                change("option", option.code().into()),
                change("start_date", start_date.to_string()),
                change("contract_rent", contract_rent.to_string()),
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    get(store, id)
}

/// Ends a lease on the move-out date with its reason: the unit is vacant,
/// the participant back to enrolled (their exit, if they leave the program,
/// is recorded on their case page).
pub fn move_out(
    store: &mut Store,
    session: &Session,
    lease_id: i64,
    input: &MoveOutInput,
    when: Moment,
) -> Result<Lease, DeskError> {
    require_housing_role(session)?;
    let lease = get(store, lease_id)?;
    if !lease.active {
        return Err(ValidationErrors::single("move_out_date", "This lease has already ended.").into());
    }
    let mut c = Checker::new();
    let date = c.past_date("move_out_date", &input.move_out_date, "the move-out date", when.today, true);
    if date.is_some_and(|d| d < lease.start_date) {
        c.add("move_out_date", "The move-out date is before the lease began.");
    }
    let reason = c.required_text("reason", &input.reason, "the reason for the move-out", 1_000);
    let date = c.finish(date)?;
    store.with_tx(|tx| {
        db::leases::end(tx, lease_id, date, &reason)?;
        db::units::set_status(tx, lease.unit_id, UnitStatus::Vacant, when.at)?;
        let participant = db::participants::get(tx, lease.participant_id)?.ok_or(DeskError::NotFound("participant"))?;
        if participant.details.status == ParticipantStatus::Housed {
            db::participants::set_status(tx, lease.participant_id, ParticipantStatus::Enrolled, when.at)?;
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Lease,
            entity_id: Some(lease_id),
            changes: vec![
                Change { field: "move_out_date".into(), old: None, new: Some(date.to_string()) },
                Change { field: "move_out_reason".into(), old: None, new: Some(reason.clone()) },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    get(store, lease_id)
}

pub fn get(store: &Store, id: i64) -> Result<Lease, DeskError> {
    let stored = db::leases::get(store.conn(), id)?.ok_or(DeskError::NotFound("lease"))?;
    with_amounts(store, stored)
}

/// A unit's leases, newest first.
pub fn for_unit(store: &Store, unit_id: i64) -> Result<Vec<Lease>, DeskError> {
    db::leases::list(store.conn(), "l.unit_id", unit_id)?.into_iter().map(|s| with_amounts(store, s)).collect()
}

/// A participant's leases, newest first.
pub fn for_participant(store: &Store, participant_id: i64) -> Result<Vec<Lease>, DeskError> {
    db::leases::list(store.conn(), "l.participant_id", participant_id)?
        .into_iter()
        .map(|s| with_amounts(store, s))
        .collect()
}

fn with_amounts(store: &Store, s: db::leases::StoredLease) -> Result<Lease, DeskError> {
    let option = LeasingOption::from_code(&s.option)
        .ok_or_else(|| DeskError::Store(db::StoreError::Invariant(format!("lease {}: option {:?}", s.id, s.option))))?;
    let calculation = crate::income_calc::history(store, s.participant_id)?
        .into_iter()
        .find(|c| c.id == s.calculation_id)
        .ok_or(DeskError::NotFound("calculation"))?;
    let tenant_rent = calculation.result.output.tenant_rent;
    Ok(Lease {
        id: s.id,
        participant_id: s.participant_id,
        participant_name: s.participant_name,
        unit_id: s.unit_id,
        unit_address: s.unit_address,
        option,
        start_date: s.start_date,
        end_date: s.end_date,
        move_in_date: s.move_in_date,
        contract_rent: s.contract_rent,
        tenant_rent,
        utility_reimbursement: calculation.result.output.utility_reimbursement,
        grantee_payment: rent::grantee_payment_to_owner(option, s.contract_rent, tenant_rent),
        calculation_id: s.calculation_id,
        inspection_id: s.inspection_id,
        comparison_id: s.comparison_id,
        check_id: s.check_id,
        active: s.active,
        move_out_date: s.move_out_date,
        move_out_reason: s.move_out_reason,
    })
}
