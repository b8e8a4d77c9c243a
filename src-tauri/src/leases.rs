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
    #[ts(type = "number")]
    pub landlord_id: i64,
    pub landlord_name: String,
    /// The last day of the term first agreed, before any renewal.
    pub first_end_date: Option<NaiveDate>,
    /// Master lease: the participant identified for the vacated unit.
    pub next_participant: Option<NextParticipantView>,
    /// What changed, in the order it took effect.
    pub changes: Vec<LeaseChange>,
    /// The amounts set from a date later than `today` (a change not yet in force).
    pub upcoming: Option<LeaseChange>,
    /// The amounts as the lease was signed.
    pub signed: Amounts,
}

/// The participant identified for a vacated master-leased unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NextParticipantView {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub name: String,
    pub identified_on: NaiveDate,
    pub moves_in_on: NaiveDate,
}

/// What can change on a lease from a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeaseChangeKind {
    /// A new income calculation sets the tenant rent and the assistance.
    NewCalculation,
    /// The lease renewed: a new last day, perhaps a new contract rent.
    Renewal,
}

crate::validation::choices!(LeaseChangeKind {
    NewCalculation => "new_calculation", "New income calculation";
    Renewal => "renewal", "Renewal";
});

/// A change as shown, with the amounts it sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LeaseChange {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: LeaseChangeKind,
    pub effective_on: NaiveDate,
    #[ts(type = "number | null")]
    pub calculation_id: Option<i64>,
    /// A renewal's new rent: the certification it rests on.
    #[ts(type = "number | null")]
    pub comparison_id: Option<i64>,
    /// The amounts from this change on.
    pub amounts: Amounts,
    pub end_date: Option<NaiveDate>,
    pub note: Option<String>,
    pub staff_name: Option<String>,
}

/// What a lease sets each month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Amounts {
    #[ts(type = "string")]
    pub contract_rent: Money,
    #[ts(type = "string")]
    pub tenant_rent: Money,
    #[ts(type = "string")]
    pub utility_reimbursement: Money,
    /// Contract rent less tenant rent (rental assistance) or the full rent
    /// (master lease).
    #[ts(type = "string")]
    pub grantee_payment: Money,
}

/// The amounts lease `lease` sets on `day`: as signed, or as the last change
/// in force on that day set them.
pub fn amounts_on(lease: &Lease, day: NaiveDate) -> Amounts {
    lease.changes.iter().rev().find(|c| c.effective_on <= day).map(|c| c.amounts).unwrap_or(lease.signed)
}

/// A change as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct LeaseChangeInput {
    pub kind: String,
    pub effective_on: String,
    /// For a new calculation: the saved calculation, by id as text.
    pub calculation_id: String,
    /// For a renewal: the new last day, and the new rent if it changes.
    pub end_date: String,
    pub contract_rent: String,
    pub note: String,
}

/// A move-in as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct MoveInInput {
    pub move_in_date: String,
}

/// The next participant for a vacated master-leased unit, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NextParticipantInput {
    pub participant_id: String,
    pub identified_on: String,
    pub moves_in_on: String,
}

/// The amounts a lease sets on a day: its rent, and the calculation behind
/// the tenant rent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub contract_rent: Money,
    pub calculation_id: i64,
}

/// The terms in force on `day`: the lease as signed, then each change that
/// took effect on or before it, in order.
pub fn terms_on(lease: &db::leases::StoredLease, changes: &[db::leases::StoredChange], day: NaiveDate) -> Terms {
    let mut terms = Terms { contract_rent: lease.contract_rent, calculation_id: lease.calculation_id };
    for c in changes.iter().filter(|c| c.effective_on <= day) {
        if let Some(rent) = c.contract_rent {
            terms.contract_rent = rent;
        }
        if let Some(id) = c.calculation_id {
            terms.calculation_id = id;
        }
    }
    terms
}

/// The lease's last day after its renewals.
pub fn last_day(lease: &db::leases::StoredLease, changes: &[db::leases::StoredChange]) -> Option<NaiveDate> {
    changes.iter().filter_map(|c| c.end_date).chain(lease.end_date).max()
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
    if let Some(p) = &participant {
        if let Some(other) = db::leases::list(store.conn(), "l.participant_id", p.id)?.into_iter().find(|l| l.active) {
            c.add(
                "participant_id",
                format!(
                    "{} already has a lease at {}: record the move-out there first.",
                    p.details.legal_name, other.unit_address
                ),
            );
        }
    }
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
            // The tenant rent is the TTP less this unit's utility allowance
            // (Guide: Total Tenant Payment): a calculation made with another
            // unit's allowance does not set this lease's rent.
            if let (Some(calc), Some(x)) = (&found, check) {
                let used = calc.result.output.utility_allowance;
                if used != x.result.utility_allowance {
                    c.add(
                        "participant_id",
                        format!(
                            "The income calculation used a utility allowance of {}, but this unit's is {} (from the payment standard check). Save a calculation with this unit's allowance first: the tenant rent depends on it.",
                            used.dollars(),
                            x.result.utility_allowance.dollars()
                        ),
                    );
                }
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
            audit_status(tx, session, participant.id, participant.details.status, ParticipantStatus::Housed, when)?;
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
    get(store, id, when.today)
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
    let lease = get(store, lease_id, when.today)?;
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
            audit_status(
                tx,
                session,
                lease.participant_id,
                ParticipantStatus::Housed,
                ParticipantStatus::Enrolled,
                when,
            )?;
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
    get(store, lease_id, when.today)
}

/// Records the day the participant moved in (Guide: under the master lease
/// option rent may be paid up to 90 days before it; rental assistance starts
/// with it). The participant is housed from that day.
pub fn record_move_in(
    store: &mut Store,
    session: &Session,
    lease_id: i64,
    input: &MoveInInput,
    when: Moment,
) -> Result<Lease, DeskError> {
    require_housing_role(session)?;
    let lease = get(store, lease_id, when.today)?;
    let mut c = Checker::new();
    if !lease.active {
        c.add("move_in_date", "This lease has ended.");
    }
    let date = c.required_date("move_in_date", &input.move_in_date, "the move-in date");
    if date.is_some_and(|d| d < lease.start_date) {
        c.add("move_in_date", "The move-in date is before the lease begins.");
    }
    if let (Some(d), Some(end)) = (date, lease.end_date) {
        if d > end {
            c.add("move_in_date", "The move-in date is after the lease ends.");
        }
    }
    let date = c.finish(date)?;
    store.with_tx(|tx| {
        db::leases::set_move_in(tx, lease_id, date)?;
        if date <= when.today {
            let participant =
                db::participants::get(tx, lease.participant_id)?.ok_or(DeskError::NotFound("participant"))?;
            if participant.details.status == ParticipantStatus::Enrolled {
                db::participants::set_status(tx, lease.participant_id, ParticipantStatus::Housed, when.at)?;
                audit_status(
                    tx,
                    session,
                    lease.participant_id,
                    ParticipantStatus::Enrolled,
                    ParticipantStatus::Housed,
                    when,
                )?;
            }
        }
        audit_update(
            tx,
            session,
            lease_id,
            "move_in_date",
            lease.move_in_date.map(|d| d.to_string()),
            date.to_string(),
            when,
        )
    })?;
    get(store, lease_id, when.today)
}

/// Changes a lease from a date: a new income calculation (the tenant rent
/// and the assistance follow it), or a renewal (a new last day; a new rent
/// only within the rent last certified reasonable, Guide: Rent
/// Reasonableness).
pub fn change(
    store: &mut Store,
    session: &Session,
    lease_id: i64,
    input: &LeaseChangeInput,
    when: Moment,
) -> Result<Lease, DeskError> {
    require_housing_role(session)?;
    let lease = get(store, lease_id, when.today)?;
    let mut c = Checker::new();
    if !lease.active {
        c.add("kind", "This lease has ended: start a new lease instead.");
    }
    let kind = c.choice::<LeaseChangeKind>("kind", &input.kind, "what changes");
    let effective_on = c.required_date("effective_on", &input.effective_on, "the day the change takes effect");
    if effective_on.is_some_and(|d| d <= lease.start_date) {
        c.add("effective_on", "A change takes effect after the lease begins.");
    }
    let note = c.optional_text("note", &input.note, "the note", 1_000);
    let mut change = db::leases::StoredChange {
        id: 0,
        lease_id,
        kind: String::new(),
        effective_on: effective_on.unwrap_or(lease.start_date),
        calculation_id: None,
        contract_rent: None,
        comparison_id: None,
        end_date: None,
        note,
        staff_name: None,
        created_at: String::new(),
    };
    match kind {
        Some(LeaseChangeKind::NewCalculation) => {
            let found = match input.calculation_id.trim().parse::<i64>() {
                Ok(id) => crate::income_calc::history(store, lease.participant_id)?.into_iter().find(|x| x.id == id),
                Err(_) => None,
            };
            match found {
                None => c.add("calculation_id", "Choose one of the participant's saved calculations."),
                Some(x) if !x.applies => c.add(
                    "calculation_id",
                    "This calculation does not set the rent yet (an interim increase waits for the next recertification).",
                ),
                Some(x) => {
                    if effective_on.is_some_and(|d| d < x.applies_from) {
                        c.add(
                            "effective_on",
                            format!("This calculation sets the rent from {} on.", crate::rules::us_date(x.applies_from)),
                        );
                    }
                    if let Some(d) = effective_on {
                        let stored = db::leases::get(store.conn(), lease_id)?.ok_or(DeskError::NotFound("lease"))?;
                        let changes = db::leases::changes(store.conn(), lease_id)?;
                        if terms_on(&stored, &changes, d).calculation_id == x.id {
                            c.add("calculation_id", "The lease already follows this calculation on that day.");
                        }
                    }
                    // The tenant rent is the TTP less this unit's allowance.
                    let lease_ua = crate::income_calc::get(store, lease.calculation_id)?.result.output.utility_allowance;
                    let new_ua = x.result.output.utility_allowance;
                    if new_ua != lease_ua {
                        let view = crate::units::view(store, lease.unit_id, when.today)?;
                        let unit_ua = view
                            .checks
                            .iter()
                            .find(|k| k.participant_id == lease.participant_id && k.result.passes)
                            .map(|k| k.result.utility_allowance);
                        if unit_ua != Some(new_ua) {
                            c.add(
                                "calculation_id",
                                format!(
                                    "This calculation used a utility allowance of {}, but this unit's is {}. Work out the rent with the unit's allowance (or check the payment standard again if the schedule changed).",
                                    new_ua.dollars(),
                                    unit_ua.unwrap_or(lease_ua).dollars()
                                ),
                            );
                        }
                    }
                    change.calculation_id = Some(x.id);
                }
            }
        }
        Some(LeaseChangeKind::Renewal) => {
            let end = c.required_date("end_date", &input.end_date, "the new last day of the lease");
            if let (Some(end), Some(current)) = (end, lease.end_date) {
                if end <= current {
                    c.add("end_date", format!("The lease already runs through {}.", crate::rules::us_date(current)));
                }
            }
            if let (Some(end), Some(from)) = (end, effective_on) {
                if end <= from {
                    c.add("end_date", "The renewed term ends before it begins.");
                }
            }
            change.end_date = end;
            if let Some(rent) = c.amount("contract_rent", &input.contract_rent, "the new contract rent", false) {
                if rent < lease.contract_rent {
                    change.contract_rent = Some(rent);
                } else if rent > lease.contract_rent {
                    let view = crate::units::view(store, lease.unit_id, when.today)?;
                    // The gross rent must still fit the payment standard the
                    // participant's last check found (Guide: Rent and Utility
                    // Payment Standards), with DMH's exception if it used one.
                    let fits = view
                        .checks
                        .iter()
                        .find(|x| x.participant_id == lease.participant_id && x.result.passes)
                        .map(|x| (x.result.payment_standard, rent + x.result.utility_allowance));
                    match fits {
                        Some((standard, gross)) if gross > standard => c.add(
                            "contract_rent",
                            format!(
                                "The new rent and utilities, {}, are above the payment standard of {}. Check the payment standard again on the unit's page (with DMH's written exception, if there is one).",
                                gross.dollars(),
                                standard.dollars()
                            ),
                        ),
                        None => c.add(
                            "contract_rent",
                            "Check the payment standard for this participant on the unit's page first.",
                        ),
                        Some(_) => {}
                    }
                    match view.comparisons.first().filter(|x| x.determination == Determination::Reasonable) {
                        Some(x) if rent.0 <= x.proposed_rent.0 => {
                            change.contract_rent = Some(rent);
                            change.comparison_id = Some(x.id);
                        }
                        Some(x) => c.add(
                            "contract_rent",
                            format!(
                                "The new rent is above the rent last certified reasonable, {}. Certify the new rent on the unit's page first.",
                                x.proposed_rent.dollars()
                            ),
                        ),
                        None => c.add("contract_rent", "Certify the new rent as reasonable on the unit's page first."),
                    }
                }
            }
        }
        None => {}
    }
    let kind = c.finish(kind)?;
    change.kind = kind.code().to_string();
    store.with_tx(|tx| {
        let id = db::leases::insert_change(tx, &change, session.staff_id, when.at)?;
        let mut changes = vec![
            Change { field: "kind".into(), old: None, new: Some(change.kind.clone()) },
            Change { field: "effective_on".into(), old: None, new: Some(change.effective_on.to_string()) },
        ];
        if let Some(x) = change.calculation_id {
            changes.push(Change { field: "calculation_id".into(), old: None, new: Some(x.to_string()) });
        }
        if let Some(x) = change.end_date {
            changes.push(Change { field: "end_date".into(), old: None, new: Some(x.to_string()) });
        }
        if let Some(x) = change.contract_rent {
            changes.push(Change { field: "contract_rent".into(), old: None, new: Some(x.to_string()) });
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::LeaseChange,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    get(store, lease_id, when.today)
}

/// Master lease option: the participant identified for a vacated unit, who
/// will move in within 90 days of the move-out (Guide: Leasing Requirements);
/// empty fields clear it.
pub fn set_next_participant(
    store: &mut Store,
    session: &Session,
    lease_id: i64,
    input: &NextParticipantInput,
    when: Moment,
) -> Result<Lease, DeskError> {
    require_housing_role(session)?;
    let lease = get(store, lease_id, when.today)?;
    let mut c = Checker::new();
    if lease.option != LeasingOption::MasterLease {
        c.add(
            "participant_id",
            "Only a master lease keeps paying while the next participant is on the way; under rental assistance, payments stop 30 days after the end of the month vacated.",
        );
    }
    let Some(moved_out) = lease.move_out_date else {
        return Err(ValidationErrors::single("participant_id", "Record the move-out first.").into());
    };
    let clear = input.participant_id.trim().is_empty()
        && input.identified_on.trim().is_empty()
        && input.moves_in_on.trim().is_empty();
    let next = if clear {
        c.finish(Some(()))?;
        None
    } else {
        let participant = match input.participant_id.trim().parse::<i64>() {
            Ok(id) => db::participants::get(store.conn(), id)?,
            Err(_) => None,
        };
        if participant.is_none() {
            c.add("participant_id", "Choose the participant.");
        }
        if participant.as_ref().is_some_and(|p| p.id == lease.participant_id) {
            c.add("participant_id", "Choose the participant who will move in next.");
        }
        let identified =
            c.past_date("identified_on", &input.identified_on, "the day they were identified", when.today, true);
        let moves_in = c.required_date("moves_in_on", &input.moves_in_on, "the day they move in");
        if moves_in.is_some_and(|d| d <= moved_out) {
            c.add("moves_in_on", "The next participant moves in after the move-out.");
        }
        let checked = (|| Some((participant?.id, identified?, moves_in?)))();
        Some(c.finish(checked)?)
    };
    store.with_tx(|tx| {
        db::leases::set_next_participant(tx, lease_id, next)?;
        audit_update(
            tx,
            session,
            lease_id,
            "next_participant",
            lease.next_participant.as_ref().map(|n| format!("{} moving in {}", n.participant_id, n.moves_in_on)),
            next.map(|n| format!("{} moving in {}", n.0, n.2)).unwrap_or_default(),
            when,
        )
    })?;
    get(store, lease_id, when.today)
}

/// The participant's status changed with their lease.
fn audit_status(
    tx: &rusqlite::Transaction<'_>,
    session: &Session,
    participant_id: i64,
    old: ParticipantStatus,
    new: ParticipantStatus,
    when: Moment,
) -> Result<(), DeskError> {
    let entry = AuditEntry {
        actor: session.actor(),
        action: AuditAction::Update,
        entity: Entity::Participant,
        entity_id: Some(participant_id),
        changes: vec![Change { field: "status".into(), old: Some(old.code().into()), new: Some(new.code().into()) }],
    };
    db::audit::insert(tx, &entry, when.at)?;
    Ok(())
}

fn audit_update(
    tx: &rusqlite::Transaction<'_>,
    session: &Session,
    lease_id: i64,
    field: &str,
    old: Option<String>,
    new: String,
    when: Moment,
) -> Result<(), DeskError> {
    let entry = AuditEntry {
        actor: session.actor(),
        action: AuditAction::Update,
        entity: Entity::Lease,
        entity_id: Some(lease_id),
        changes: vec![Change { field: field.into(), old, new: (!new.is_empty()).then_some(new) }],
    };
    db::audit::insert(tx, &entry, when.at)?;
    Ok(())
}

/// Lease `id` with the amounts in force on `today`.
pub fn get(store: &Store, id: i64, today: NaiveDate) -> Result<Lease, DeskError> {
    let stored = db::leases::get(store.conn(), id)?.ok_or(DeskError::NotFound("lease"))?;
    with_amounts(store, stored, today)
}

/// A unit's leases, newest first.
pub fn for_unit(store: &Store, unit_id: i64, today: NaiveDate) -> Result<Vec<Lease>, DeskError> {
    db::leases::list(store.conn(), "l.unit_id", unit_id)?.into_iter().map(|s| with_amounts(store, s, today)).collect()
}

/// A participant's leases, newest first.
/// A participant's leases as the window shows them: for those who may see
/// the record (`access::require_record`); the view is audited.
pub fn participant_leases(
    store: &Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<Vec<Lease>, DeskError> {
    crate::access::require_record(store, session, participant_id)?;
    let shown = for_participant(store, participant_id, when.today)?;
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::Leases, when)?;
    Ok(shown)
}

pub fn for_participant(store: &Store, participant_id: i64, today: NaiveDate) -> Result<Vec<Lease>, DeskError> {
    db::leases::list(store.conn(), "l.participant_id", participant_id)?
        .into_iter()
        .map(|s| with_amounts(store, s, today))
        .collect()
}

fn with_amounts(store: &Store, s: db::leases::StoredLease, today: NaiveDate) -> Result<Lease, DeskError> {
    shown(store, s, today, &mut Calculations::default())
}

/// A stored lease as shown, reading each calculation once across many
/// leases (the payment run).
pub fn shown(
    store: &Store,
    s: db::leases::StoredLease,
    today: NaiveDate,
    calculations: &mut Calculations,
) -> Result<Lease, DeskError> {
    let option = LeasingOption::from_code(&s.option)
        .ok_or_else(|| DeskError::Store(db::StoreError::Invariant(format!("lease {}: option {:?}", s.id, s.option))))?;
    let stored_changes = db::leases::changes(store.conn(), s.id)?;
    let terms = terms_on(&s, &stored_changes, today);
    let amounts = calculations.amounts(store, terms.calculation_id)?;
    let mut changes = Vec::with_capacity(stored_changes.len());
    for (i, c) in stored_changes.iter().enumerate() {
        let at = terms_on(&s, &stored_changes[..=i], c.effective_on);
        changes.push(LeaseChange {
            id: c.id,
            kind: crate::store::code(&c.kind, "lease_change")?,
            effective_on: c.effective_on,
            calculation_id: c.calculation_id,
            comparison_id: c.comparison_id,
            amounts: amounts_of(store, calculations, option, at)?,
            end_date: c.end_date,
            note: c.note.clone(),
            staff_name: c.staff_name.clone(),
        });
    }
    let upcoming = changes.iter().find(|c| c.effective_on > today).cloned();
    let signed = amounts_of(
        store,
        calculations,
        option,
        Terms { contract_rent: s.contract_rent, calculation_id: s.calculation_id },
    )?;
    let end_date = last_day(&s, &stored_changes);
    Ok(Lease {
        id: s.id,
        participant_id: s.participant_id,
        participant_name: s.participant_name,
        unit_id: s.unit_id,
        unit_address: s.unit_address,
        option,
        start_date: s.start_date,
        end_date,
        first_end_date: s.end_date,
        move_in_date: s.move_in_date,
        contract_rent: terms.contract_rent,
        tenant_rent: amounts.0,
        utility_reimbursement: amounts.1,
        grantee_payment: rent::grantee_payment_to_owner(option, terms.contract_rent, amounts.0),
        calculation_id: terms.calculation_id,
        inspection_id: s.inspection_id,
        comparison_id: s.comparison_id,
        check_id: s.check_id,
        active: s.active,
        move_out_date: s.move_out_date,
        move_out_reason: s.move_out_reason,
        landlord_id: s.landlord_id,
        landlord_name: s.landlord_name,
        next_participant: match (
            s.next_participant_id,
            s.next_participant_name,
            s.next_identified_on,
            s.next_moves_in_on,
        ) {
            (Some(participant_id), Some(name), Some(identified_on), Some(moves_in_on)) => {
                Some(NextParticipantView { participant_id, name, identified_on, moves_in_on })
            }
            _ => None,
        },
        changes,
        upcoming,
        signed,
    })
}

fn amounts_of(
    store: &Store,
    calculations: &mut Calculations,
    option: LeasingOption,
    t: Terms,
) -> Result<Amounts, DeskError> {
    let (tenant_rent, utility_reimbursement) = calculations.amounts(store, t.calculation_id)?;
    Ok(Amounts {
        contract_rent: t.contract_rent,
        tenant_rent,
        utility_reimbursement,
        grantee_payment: rent::grantee_payment_to_owner(option, t.contract_rent, tenant_rent),
    })
}

/// Tenant rent and utility reimbursement by calculation, each read once.
#[derive(Default)]
pub struct Calculations(std::collections::HashMap<i64, (Money, Money)>);

impl Calculations {
    /// The tenant rent and utility reimbursement calculation `id` sets.
    pub fn amounts(&mut self, store: &Store, id: i64) -> Result<(Money, Money), DeskError> {
        if let Some(found) = self.0.get(&id) {
            return Ok(*found);
        }
        let c = crate::income_calc::get(store, id)?;
        let found = (c.result.output.tenant_rent, c.result.output.utility_reimbursement);
        self.0.insert(id, found);
        Ok(found)
    }
}
