//! Landlord incentives offered and paid, per landlord and unit (Guide:
//! Landlord Incentives), each checked against the Guide's limits when it is
//! entered (`rules::incentives`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::landlords::require_housing_role;
use crate::rules::incentives::{self as rule, Approval, IncentiveCheck, IncentiveKind, MoveIn};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice};

/// Where an incentive stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncentiveStatus {
    Offered,
    Paid,
    Withdrawn,
}

/// An incentive as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct IncentiveInput {
    /// The participant it secured the unit for, by id as text ("" for none yet).
    pub participant_id: String,
    pub kind: String,
    pub amount: String,
    pub status: String,
    pub offered_on: String,
    pub paid_on: String,
    /// For a damage repair: the invoice, photos, the move-out inspection.
    pub documentation: String,
    /// The deposit covers it (for a damage repair).
    pub covered_by_deposit: bool,
    /// The participant still lives in the unit (for a damage repair).
    pub participant_in_unit: bool,
    /// The extra deposit month stays refundable to the participant.
    pub refundable: bool,
    /// A move after the participant's first move-in in the program.
    pub subsequent_move: bool,
    pub approved_by: String,
    pub approved_on: String,
    pub notes: String,
}

/// An incentive as recorded, and also what the audit trail compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Incentive {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub landlord_id: i64,
    #[ts(type = "number")]
    pub unit_id: i64,
    pub unit_address: String,
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub kind: IncentiveKind,
    #[ts(type = "string")]
    pub amount: Money,
    pub status: IncentiveStatus,
    pub offered_on: NaiveDate,
    pub paid_on: Option<NaiveDate>,
    pub documentation: Option<String>,
    pub subsequent_move: bool,
    pub approved_by: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// Records an incentive for `unit_id`, refused with every problem beside its
/// field when it breaks a limit of the Guide.
pub fn add(
    store: &mut Store,
    session: &Session,
    unit_id: i64,
    input: &IncentiveInput,
    when: Moment,
) -> Result<Incentive, DeskError> {
    require_housing_role(session)?;
    let unit = crate::units::get(store, unit_id)?;
    let mut c = Checker::new();
    let participant_id = match input.participant_id.trim() {
        "" => None,
        typed => {
            let found = match typed.parse::<i64>() {
                Ok(id) => db::participants::get(store.conn(), id)?.map(|p| p.id),
                Err(_) => None,
            };
            if found.is_none() {
                c.add("participant_id", "Choose the participant from the list.");
            }
            found
        }
    };
    let kind = c.choice::<IncentiveKind>("kind", &input.kind, "the kind of incentive");
    let amount = c.amount("amount", &input.amount, "the amount", true);
    let status = c.choice::<IncentiveStatus>("status", &input.status, "whether it was offered or paid");
    let offered_on = c.past_date("offered_on", &input.offered_on, "the date it was offered", when.today, true);
    let paid_on = c.past_date(
        "paid_on",
        &input.paid_on,
        "the date it was paid",
        when.today,
        status == Some(IncentiveStatus::Paid),
    );
    let documentation = c.optional_text("documentation", &input.documentation, "the documentation", 2_000);
    // Half an approval is reported on its blank field, not as no approval.
    let mut partial_approval = false;
    let approval = if input.subsequent_move {
        let by = c.optional_text("approved_by", &input.approved_by, "who approved it", 200);
        let on = c.past_date("approved_on", &input.approved_on, "the date of the approval", when.today, false);
        match (&by, on, input.approved_on.trim().is_empty()) {
            (Some(_), None, true) => {
                c.add("approved_on", "Enter the date of DMH's written approval.");
                partial_approval = true;
            }
            (None, Some(_), _) => {
                c.add("approved_by", "Enter who at DMH approved it in writing.");
                partial_approval = true;
            }
            (Some(_), None, false) => partial_approval = true,
            _ => {}
        }
        by.zip(on).map(|(approved_by, approved_on)| Approval { approved_by, approved_on })
    } else {
        None
    };
    let notes = c.optional_text("notes", &input.notes, "the notes", 2_000);
    if let (Some(kind), Some(amount), Some(offered_on)) = (kind, amount, offered_on) {
        let already_paid = db::incentives::paid_count(store.conn(), unit_id, participant_id, kind.code())?;
        let check = IncentiveCheck {
            kind,
            amount,
            monthly_rent: unit.details.asking_rent,
            move_in: if input.subsequent_move { MoveIn::Subsequent } else { MoveIn::Initial },
            paid_on: paid_on.unwrap_or(offered_on),
            approval: approval.clone(),
            refundable_to_participant: input.refundable,
            already_paid,
            damage_documented: documentation.is_some(),
            covered_by_deposit: input.covered_by_deposit,
            participant_in_unit: input.participant_in_unit,
        };
        for problem in rule::check_incentive(&check) {
            if !(partial_approval && problem.field() == "approval") {
                c.add(problem.field(), problem.message());
            }
        }
    }
    let (kind, amount, status, offered_on) = c.finish((|| Some((kind?, amount?, status?, offered_on?)))())?;
    let id = store.with_tx(|tx| {
        let id = db::incentives::insert(
            tx,
            &db::incentives::NewIncentive {
                landlord_id: unit.details.landlord_id,
                unit_id,
                participant_id,
                kind: kind.code(),
                amount,
                status: status.code(),
                offered_on,
                paid_on,
                documentation: documentation.as_deref(),
                subsequent_move: input.subsequent_move,
                approved_by: approval.as_ref().map(|a| a.approved_by.as_str()),
                approved_on: approval.as_ref().map(|a| a.approved_on),
                notes: notes.as_deref(),
                staff_id: session.staff_id,
            },
            when.at,
        )?;
        let recorded = db::incentives::get(tx, id)?.ok_or(DeskError::NotFound("incentive"))?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Incentive,
            entity_id: Some(id),
            changes: audit::diff(None, &recorded, &["id", "unit_address", "participant_name"]),
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    db::incentives::get(store.conn(), id)?.ok_or(DeskError::NotFound("incentive"))
}

/// Incentives for a unit, newest first.
pub fn for_unit(store: &Store, unit_id: i64) -> Result<Vec<Incentive>, DeskError> {
    Ok(db::incentives::list(store.conn(), "i.unit_id", unit_id)?)
}

/// Incentives for every unit of a landlord, newest first.
pub fn for_landlord(store: &Store, landlord_id: i64) -> Result<Vec<Incentive>, DeskError> {
    Ok(db::incentives::list(store.conn(), "i.landlord_id", landlord_id)?)
}

choices!(IncentiveKind {
    ExtraDepositMonth => "extra_deposit_month", "Extra (third) month of security deposit";
    SigningBonus => "signing_bonus", "Signing bonus (at most two months' rent)";
    DamageRepair => "damage_repair", "Damage repair beyond the deposit (documented)";
});

choices!(IncentiveStatus {
    Offered => "offered", "Offered";
    Paid => "paid", "Paid";
    Withdrawn => "withdrawn", "Withdrawn";
});
