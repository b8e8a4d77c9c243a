//! The eligible-cost ledger (Guide: Eligible Costs): every payment with its
//! category, payee, date, period and reference, checked against the Guide's
//! limits when it is entered, and DMH's written approvals that lift exactly
//! the limit they name. Entries are never edited or deleted: a mistake is
//! undone by a reversing entry that says why.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::casework::{SoarStatus, StayKind};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::leases::{self, Lease};
use crate::rules::eligible_costs::{self as costs, CostCategory, TransitionAssistanceCheck, TransitionPayee};
use crate::rules::engagement::{month_end, month_start};
use crate::rules::incentives::{self as incentive_rules, Approval, IncentiveCheck, MoveIn, SecurityDepositCheck};
use crate::rules::income::IncomeSource;
use crate::rules::rent;
use crate::rules::subsistence::{self, Extension, SubsistenceMonth};
use crate::rules::vacancy;
use crate::rules::{month_words, us_date, Money};
use crate::store::ledger::{NewPayment, Owner, StoredApproval, StoredPayment};
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice};

impl Choice for CostCategory {
    const ALL: &'static [Self] = &CostCategory::ALL;
    fn code(self) -> &'static str {
        match self {
            CostCategory::RentalApplicationFee => "rental_application_fee",
            CostCategory::InspectionCost => "inspection_cost",
            CostCategory::SecurityDeposit => "security_deposit",
            CostCategory::MoveInFee => "move_in_fee",
            CostCategory::UtilityDeposit => "utility_deposit",
            CostCategory::ExtraDepositMonth => "extra_deposit_month",
            CostCategory::SigningBonus => "signing_bonus",
            CostCategory::DamageRepair => "damage_repair",
            CostCategory::TransitionAssistance => "transition_assistance",
            CostCategory::RentalAssistancePayment => "rental_assistance_payment",
            CostCategory::MasterLeaseRent => "master_lease_rent",
            CostCategory::UtilityAllowanceReimbursement => "utility_allowance_reimbursement",
            CostCategory::UtilityPayment => "utility_payment",
            CostCategory::SubsistenceAllowance => "subsistence_allowance",
            CostCategory::TemporaryHousing => "temporary_housing",
            CostCategory::EngagementAndSupportServices => "engagement_and_support_services",
        }
    }
    fn label(self) -> &'static str {
        CostCategory::label(self)
    }
}

/// Who is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PayeeKind {
    Owner,
    Participant,
    Vendor,
    Utility,
    Provider,
}

choices!(PayeeKind {
    Owner => "owner", "The owner or agent";
    Participant => "participant", "The participant (or representative payee)";
    Vendor => "vendor", "A vendor or mover";
    Utility => "utility", "A utility company";
    Provider => "provider", "A service provider";
});

/// The one limit of the Guide a DMH approval lifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalLifts {
    /// Deposits, move-in fees and landlord incentives for a move after the
    /// first (Guide: Security Deposits; Landlord Incentives).
    LaterMove,
    /// A transition expense off DMH's pre-approved list (Guide: Transition
    /// Assistance Funds).
    TransitionOffList,
    /// The subsistence allowance past 24 months or $7,200 (Guide:
    /// Subsistence Allowances: "Extensions may be ... authorized by DMH
    /// program staff in writing").
    SubsistenceExtension,
}

choices!(ApprovalLifts {
    LaterMove => "later_move", "Deposit, fees or incentive for a move after the first";
    TransitionOffList => "transition_off_list", "Transition expense not on DMH's pre-approved list";
    SubsistenceExtension => "subsistence_extension", "Subsistence allowance past 24 months or $7,200";
});

/// A DMH approval as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ApprovalInput {
    pub lifts: String,
    pub approved_by: String,
    pub approved_on: String,
    pub purpose: String,
    /// Subsistence extension: the last month it covers, as a date in it.
    pub through_month: String,
    /// A later move: the unit it is for, by id as text.
    #[serde(default)]
    pub unit_id: String,
}

/// A DMH approval on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApprovalRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub lifts: ApprovalLifts,
    pub approved_by: String,
    pub approved_on: NaiveDate,
    pub purpose: String,
    pub through_month: Option<NaiveDate>,
    /// A later move's approval: the unit moved into.
    #[ts(type = "number | null")]
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
}

/// A payment as typed. Facts a category does not use are ignored.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PaymentInput {
    pub category: String,
    pub participant_id: String,
    pub unit_id: String,
    pub payee: String,
    pub payee_kind: String,
    pub paid_on: String,
    pub period_start: String,
    pub period_end: String,
    pub amount: String,
    /// Check or reference number.
    pub reference: String,
    pub note: String,
    /// Deposit or extra month: the lease says it is refunded to the participant.
    pub refundable: bool,
    /// Transition assistance: the expense is on DMH's pre-approved list.
    pub on_pre_approved_list: bool,
    /// Utilities: the charge is for past-due service.
    pub arrearage: bool,
    /// Damage repair: the damage is documented (invoice, photos, move-out inspection).
    pub damage_documented: bool,
    pub covered_by_deposit: bool,
}

/// A reversal as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ReversalInput {
    pub reason: String,
    pub reversed_on: String,
}

/// A ledger entry as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Payment {
    #[ts(type = "number")]
    pub id: i64,
    pub category: CostCategory,
    pub category_label: String,
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    #[ts(type = "number | null")]
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
    #[ts(type = "number | null")]
    pub lease_id: Option<i64>,
    pub payee: String,
    pub payee_kind: PayeeKind,
    pub paid_on: NaiveDate,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    #[ts(type = "string")]
    pub amount: Money,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// The DMH approval it rests on.
    pub approval: Option<String>,
    #[ts(type = "number | null")]
    pub run_id: Option<i64>,
    #[ts(type = "number | null")]
    pub reverses_id: Option<i64>,
    pub reversed: bool,
}

/// One limit of the Guide with what has been used of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LimitLine {
    pub label: String,
    pub used: String,
    pub limit: String,
    pub remaining: String,
    pub over: bool,
    /// The Guide section that sets it.
    pub section: String,
    /// The approval on record that lifts it, in words.
    pub lifted_by: Option<String>,
}

/// Paid in one category, net of reversals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CategoryTotal {
    pub category: CostCategory,
    pub label: String,
    #[ts(type = "string")]
    pub total: Money,
    #[ts(type = "number")]
    pub payments: u64,
}

/// A participant's or a unit's ledger: entries, totals and limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LedgerView {
    pub title: String,
    pub payments: Vec<Payment>,
    pub totals: Vec<CategoryTotal>,
    #[ts(type = "string")]
    pub total: Money,
    pub limits: Vec<LimitLine>,
    pub approvals: Vec<ApprovalRecord>,
}

/// Who may enter payments and approvals: office staff, supervisors and
/// administrators (the people who answer for the money).
pub fn require_money_role(session: &Session) -> Result<(), DeskError> {
    match session.role {
        Role::OfficeStaff | Role::Supervisor | Role::Administrator => Ok(()),
        _ => Err(DeskError::Forbidden("Office staff and supervisors keep the payments.".into())),
    }
}

/// Records DMH's written approval for a participant.
pub fn record_approval(
    store: &mut Store,
    session: &Session,
    participant_id: i64,
    input: &ApprovalInput,
    when: Moment,
) -> Result<ApprovalRecord, DeskError> {
    require_money_role(session)?;
    db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let mut c = Checker::new();
    let lifts = c.choice::<ApprovalLifts>("lifts", &input.lifts, "what the approval allows");
    let approved_by = c.required_text("approved_by", &input.approved_by, "who at DMH approved it in writing", 200);
    let approved_on = c.past_date("approved_on", &input.approved_on, "the date of the approval", when.today, true);
    let purpose = c.required_text("purpose", &input.purpose, "what it approves", 1_000);
    let through = c.optional_date("through_month", &input.through_month, "the last month it covers");
    let through = through.map(month_start);
    if lifts == Some(ApprovalLifts::SubsistenceExtension) && through.is_none() && !c.has_error("through_month") {
        c.add("through_month", "Enter the last month the extension covers.");
    }
    // DMH approves the deposit, fees or incentive of one move: to one unit.
    let unit_id = match input.unit_id.trim() {
        "" if lifts == Some(ApprovalLifts::LaterMove) => {
            c.add("unit_id", "Choose the unit the move is to.");
            None
        }
        "" => None,
        text => match text.parse::<i64>().ok() {
            Some(id) if db::units::get(store.conn(), id)?.is_some() => Some(id),
            _ => {
                c.add("unit_id", "Choose the unit from the list.");
                None
            }
        },
    };
    let checked = (|| Some((lifts?, approved_on?)))();
    let (lifts, approved_on) = c.finish(checked)?;
    let stored = StoredApproval {
        id: 0,
        participant_id,
        lifts: lifts.code().into(),
        approved_by,
        approved_on,
        purpose,
        through_month: through.filter(|_| lifts == ApprovalLifts::SubsistenceExtension),
        unit_id: unit_id.filter(|_| lifts == ApprovalLifts::LaterMove),
        unit_address: None,
    };
    let id = store.with_tx(|tx| {
        let id = db::ledger::insert_approval(tx, &stored, session.staff_id, when.at)?;
        let record = approval_record(StoredApproval { id, ..stored.clone() })?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Approval,
            entity_id: Some(id),
            changes: audit::diff(None, &record, &["id"]),
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    approval_record(StoredApproval { id, ..stored })
}

/// Enters a payment after checking it against the Guide's limits; refused
/// with every problem beside its field.
pub fn record_payment(
    store: &mut Store,
    session: &Session,
    input: &PaymentInput,
    when: Moment,
) -> Result<Payment, DeskError> {
    require_money_role(session)?;
    let checked = check_payment(store, input, when.today)?;
    let id = store.with_tx(|tx| {
        let id = db::ledger::insert_payment(tx, &checked.as_new(session.staff_id), when.at)?;
        audit_payment(tx, session, id, &checked, when)?;
        // A landlord incentive the locator offered is paid by this payment.
        if let (Some(kind), Some(unit), Some(participant)) =
            (checked.category.incentive_kind(), checked.unit_id, checked.participant_id)
        {
            if let Some(incentive) = db::incentives::mark_paid(tx, unit, participant, kind.code(), checked.paid_on)? {
                let entry = AuditEntry {
                    actor: session.actor(),
                    action: AuditAction::Update,
                    entity: Entity::Incentive,
                    entity_id: Some(incentive),
                    changes: vec![audit::Change {
                        field: "status".into(),
                        old: Some("offered".into()),
                        new: Some(format!("paid by payment {id}")),
                    }],
                };
                db::audit::insert(tx, &entry, when.at)?;
            }
        }
        Ok::<_, DeskError>(id)
    })?;
    payment(store, id)
}

/// Undoes a payment with a reversing entry on `reversed_on`, with the reason.
pub fn reverse(
    store: &mut Store,
    session: &Session,
    payment_id: i64,
    input: &ReversalInput,
    when: Moment,
) -> Result<Payment, DeskError> {
    require_money_role(session)?;
    let original = db::ledger::payment(store.conn(), payment_id)?.ok_or(DeskError::NotFound("payment"))?;
    let mut c = Checker::new();
    if original.reversed || original.reverses_id.is_some() {
        c.add("reason", "This entry was already reversed, or is itself a reversal.");
    }
    let reason = c.required_text("reason", &input.reason, "why the payment is reversed", 1_000);
    let on = c.past_date("reversed_on", &input.reversed_on, "the date of the reversal", when.today, true);
    if on.is_some_and(|d| d < original.paid_on) {
        c.add("reversed_on", "The reversal is dated before the payment.");
    }
    let on = c.finish(on)?;
    let id = store.with_tx(|tx| {
        let new = NewPayment {
            category: &original.category,
            participant_id: original.participant_id,
            unit_id: original.unit_id,
            lease_id: original.lease_id,
            payee: &original.payee,
            payee_kind: &original.payee_kind,
            paid_on: on,
            period_start: original.period_start,
            period_end: original.period_end,
            amount: Money(-original.amount.0),
            reference: original.reference.as_deref(),
            note: Some(&reason),
            approval_id: original.approval_id,
            run_id: None,
            reverses_id: Some(original.id),
            staff_id: session.staff_id,
        };
        let id = db::ledger::insert_payment(tx, &new, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Payment,
            entity_id: Some(id),
            changes: vec![
                audit::Change { field: "reverses".into(), old: None, new: Some(original.id.to_string()) },
                audit::Change { field: "reason".into(), old: None, new: Some(reason.clone()) },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    payment(store, id)
}

pub fn payment(store: &Store, id: i64) -> Result<Payment, DeskError> {
    let stored = db::ledger::payment(store.conn(), id)?.ok_or(DeskError::NotFound("payment"))?;
    let approvals = match stored.participant_id {
        Some(p) => db::ledger::approvals(store.conn(), p)?,
        None => Vec::new(),
    };
    shown(stored, &approvals)
}

/// A participant's ledger: payments, totals by category, each limit of the
/// Guide with what is used, and DMH's approvals on record.
/// The view is audited.
pub fn participant_ledger(
    store: &Store,
    session: &Session,
    participant_id: i64,
    when: Moment,
) -> Result<LedgerView, DeskError> {
    let today = when.today;
    require_ledger_view(store, session, Some(participant_id))?;
    let participant = db::participants::get(store.conn(), participant_id)?.ok_or(DeskError::NotFound("participant"))?;
    let stored_approvals = db::ledger::approvals(store.conn(), participant_id)?;
    let stored = db::ledger::payments(store.conn(), Owner::Participant(participant_id))?;
    let payments = stored.into_iter().map(|p| shown(p, &stored_approvals)).collect::<Result<Vec<_>, _>>()?;
    let approvals = stored_approvals.iter().cloned().map(approval_record).collect::<Result<Vec<_>, _>>()?;
    let leases = leases::for_participant(store, participant_id, today)?;
    let limits = participant_limits(store, participant_id, &payments, &approvals, &leases, today)?;
    let (totals, total) = totals(&payments);
    crate::audit::record_view(store, session, participant_id, crate::audit::RecordPart::Ledger, when)?;
    Ok(LedgerView { title: participant.details.legal_name, payments, totals, total, limits, approvals })
}

/// A unit's ledger: every payment for it, totals by category, and the
/// deposit and incentive limits of its current lease.
pub fn unit_ledger(store: &Store, session: &Session, unit_id: i64, today: NaiveDate) -> Result<LedgerView, DeskError> {
    require_ledger_view(store, session, None)?;
    let unit = crate::units::get(store, unit_id)?;
    let stored = db::ledger::payments(store.conn(), Owner::Unit(unit_id))?;
    let payments = stored.into_iter().map(|p| shown(p, &[])).collect::<Result<Vec<_>, _>>()?;
    let leases = leases::for_unit(store, unit_id, today)?;
    let mut limits = Vec::new();
    if let Some(lease) = leases.iter().find(|l| l.active) {
        let mine: Vec<&Payment> = payments.iter().filter(|p| p.participant_id == Some(lease.participant_id)).collect();
        limits.extend(lease_limits(lease, &mine, &[]));
    }
    let (totals, total) = totals(&payments);
    let title = match &unit.details.unit_number {
        Some(n) => format!("{}, {}, {}", unit.details.street, n, unit.details.city),
        None => format!("{}, {}", unit.details.street, unit.details.city),
    };
    Ok(LedgerView { title, payments, totals, total, limits, approvals: Vec::new() })
}

/// The office's payments between two days, newest first (at most 500), with
/// totals by category for the whole period.
pub fn office_ledger(
    store: &Store,
    session: &Session,
    from: &str,
    to: &str,
    category: &str,
) -> Result<LedgerView, DeskError> {
    require_ledger_view(store, session, None)?;
    let mut c = Checker::new();
    let from = c.required_date("from", from, "the first day");
    let to = c.required_date("to", to, "the last day");
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            c.add("to", "The last day is before the first.");
        }
    }
    let category =
        if category.trim().is_empty() { None } else { c.choice::<CostCategory>("category", category, "a category") };
    let (from, to) = c.finish((|| Some((from?, to?)))())?;
    let stored = db::ledger::ledger_page(store.conn(), from, to, category.map(|x| x.code()), 500)?;
    let payments = stored.into_iter().map(|p| shown(p, &[])).collect::<Result<Vec<_>, _>>()?;
    let mut totals = Vec::new();
    let mut total = Money::ZERO;
    for (code, cents, count) in db::ledger::totals_by_category(store.conn(), from, to)? {
        let category: CostCategory = db::code(&code, "payment")?;
        let amount = Money(Decimal::new(cents, 2));
        total = total + amount;
        totals.push(CategoryTotal { category, label: category.label().into(), total: amount, payments: count });
    }
    Ok(LedgerView {
        title: format!("{} to {}", us_date(from), us_date(to)),
        payments,
        totals,
        total,
        limits: Vec::new(),
        approvals: Vec::new(),
    })
}

fn require_ledger_view(store: &Store, session: &Session, participant_id: Option<i64>) -> Result<(), DeskError> {
    match session.role {
        Role::OfficeStaff | Role::Supervisor | Role::Administrator => Ok(()),
        Role::CaseManager => match participant_id {
            Some(p) => crate::access::require_case(store, session, p),
            None => Err(DeskError::Forbidden("Office staff and supervisors keep the payments.".into())),
        },
        Role::HousingLocator => Err(DeskError::Forbidden("Office staff and supervisors keep the payments.".into())),
    }
}

/// A payment that passed every check, ready to write.
pub(crate) struct CheckedPayment {
    pub category: CostCategory,
    pub participant_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub lease_id: Option<i64>,
    pub payee: String,
    pub payee_kind: PayeeKind,
    pub paid_on: NaiveDate,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub amount: Money,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub approval_id: Option<i64>,
}

impl CheckedPayment {
    fn as_new(&self, staff_id: i64) -> NewPayment<'_> {
        NewPayment {
            category: self.category.code(),
            participant_id: self.participant_id,
            unit_id: self.unit_id,
            lease_id: self.lease_id,
            payee: &self.payee,
            payee_kind: self.payee_kind.code(),
            paid_on: self.paid_on,
            period_start: self.period.map(|p| p.0),
            period_end: self.period.map(|p| p.1),
            amount: self.amount,
            reference: self.reference.as_deref(),
            note: self.note.as_deref(),
            approval_id: self.approval_id,
            run_id: None,
            reverses_id: None,
            staff_id,
        }
    }
}

fn audit_payment(
    tx: &rusqlite::Transaction<'_>,
    session: &Session,
    id: i64,
    p: &CheckedPayment,
    when: Moment,
) -> Result<(), DeskError> {
    let change = |field: &str, new: String| audit::Change { field: field.into(), old: None, new: Some(new) };
    let mut changes = vec![
        change("category", p.category.code().into()),
        change("payee", p.payee.clone()),
        change("paid_on", p.paid_on.to_string()),
        change("amount", p.amount.to_string()),
    ];
    if let Some(x) = p.participant_id {
        changes.push(change("participant_id", x.to_string()));
    }
    if let Some(x) = p.approval_id {
        changes.push(change("approval_id", x.to_string()));
    }
    let entry = AuditEntry {
        actor: session.actor(),
        action: AuditAction::Create,
        entity: Entity::Payment,
        entity_id: Some(id),
        changes,
    };
    db::audit::insert(tx, &entry, when.at)?;
    Ok(())
}

/// Every check of the Guide for a payment as typed.
pub(crate) fn check_payment(
    store: &Store,
    input: &PaymentInput,
    today: NaiveDate,
) -> Result<CheckedPayment, DeskError> {
    let mut c = Checker::new();
    let category = c.choice::<CostCategory>("category", &input.category, "what the payment is for");
    let payee_kind = c.choice::<PayeeKind>("payee_kind", &input.payee_kind, "who is paid");
    let payee = c.required_text("payee", &input.payee, "the payee's name", 200);
    let paid_on = c.past_date("paid_on", &input.paid_on, "the date paid", today, true);
    let amount = c.amount("amount", &input.amount, "the amount", true);
    if amount.is_some_and(|a| a == Money::ZERO) {
        c.add("amount", "Enter an amount above zero.");
    }
    let reference = c.optional_text("reference", &input.reference, "the check or reference number", 100);
    let note = c.optional_text("note", &input.note, "the note", 1_000);
    let period_start = c.optional_date("period_start", &input.period_start, "the first day it pays for");
    let period_end = c.optional_date("period_end", &input.period_end, "the last day it pays for");
    let period = match (period_start, period_end) {
        (Some(a), Some(b)) if b < a => {
            c.add("period_end", "The period ends before it begins.");
            None
        }
        (Some(a), Some(b)) => Some((a, b)),
        (Some(a), None) => Some((a, a)),
        (None, Some(_)) => {
            c.add("period_start", "Enter the first day it pays for.");
            None
        }
        (None, None) => None,
    };
    let participant = match input.participant_id.trim() {
        "" => None,
        text => match text.parse::<i64>().ok().map(|id| db::participants::get(store.conn(), id)).transpose()?.flatten()
        {
            Some(p) => Some(p),
            None => {
                c.add("participant_id", "Choose the participant from the list.");
                None
            }
        },
    };
    let unit = match input.unit_id.trim() {
        "" => None,
        text => match text.parse::<i64>().ok() {
            Some(id) if db::units::get(store.conn(), id)?.is_some() => Some(crate::units::view(store, id, today)?),
            _ => {
                c.add("unit_id", "Choose the unit from the list.");
                None
            }
        },
    };
    let Some(category) = category else {
        return Err(c.finish::<()>(None).unwrap_err().into());
    };
    // What is paid for a time says which: the month, the nights.
    let needs_period = matches!(
        category,
        CostCategory::RentalAssistancePayment
            | CostCategory::MasterLeaseRent
            | CostCategory::UtilityAllowanceReimbursement
            | CostCategory::UtilityPayment
            | CostCategory::SubsistenceAllowance
            | CostCategory::TemporaryHousing
    );
    if needs_period && period.is_none() && !c.has_error("period_start") && !c.has_error("period_end") {
        c.add("period_start", "Enter the first day it pays for.");
    }
    let needs_participant = category != CostCategory::InspectionCost;
    let needs_unit = matches!(
        category,
        CostCategory::InspectionCost
            | CostCategory::SecurityDeposit
            | CostCategory::MoveInFee
            | CostCategory::UtilityDeposit
            | CostCategory::ExtraDepositMonth
            | CostCategory::SigningBonus
            | CostCategory::DamageRepair
            | CostCategory::RentalAssistancePayment
            | CostCategory::MasterLeaseRent
            | CostCategory::UtilityAllowanceReimbursement
            | CostCategory::UtilityPayment
    );
    if needs_participant && participant.is_none() && !c.has_error("participant_id") {
        c.add("participant_id", "Choose the participant the payment is for.");
    }
    if needs_unit && unit.is_none() && !c.has_error("unit_id") {
        c.add("unit_id", "Choose the unit the payment is for.");
    }
    let participant_id = participant.as_ref().map(|p| p.id);
    let unit_id = unit.as_ref().map(|u| u.unit.id);
    let stored_approvals = match participant_id {
        Some(p) => db::ledger::approvals(store.conn(), p)?,
        None => Vec::new(),
    };
    let approvals = stored_approvals.iter().cloned().map(approval_record).collect::<Result<Vec<_>, _>>()?;
    // An approval for a later move covers that move's unit only.
    let applies = |a: &&ApprovalRecord, lifts: ApprovalLifts| {
        a.lifts == lifts && (lifts != ApprovalLifts::LaterMove || a.unit_id == unit_id)
    };
    let find_approval = |lifts: ApprovalLifts| -> Option<&ApprovalRecord> {
        approvals.iter().filter(|a| applies(a, lifts)).find(|a| paid_on.is_none_or(|d| a.approved_on <= d)).or_else(
            || {
                // One dated after the payment still answers, so the rule can say why it does not count.
                approvals.iter().find(|a| applies(a, lifts))
            },
        )
    };
    let leases = match participant_id {
        Some(p) => leases::for_participant(store, p, today)?,
        None => Vec::new(),
    };
    let lease = match (unit_id, &period) {
        (Some(u), Some((first, _))) => leases
            .iter()
            .filter(|l| l.unit_id == u)
            .find(|l| l.start_date <= *first)
            .or_else(|| leases.iter().find(|l| l.unit_id == u)),
        (Some(u), None) => {
            leases.iter().find(|l| l.unit_id == u && l.active).or_else(|| leases.iter().find(|l| l.unit_id == u))
        }
        _ => None,
    };
    let prior: Vec<Payment> = match participant_id {
        Some(p) => db::ledger::payments(store.conn(), Owner::Participant(p))?
            .into_iter()
            .map(|x| shown(x, &stored_approvals))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let paid = |cat: CostCategory, unit: Option<i64>| -> (Money, u32) {
        let mut total = Money::ZERO;
        let mut count = 0;
        for p in prior.iter().filter(|p| p.category == cat && (unit.is_none() || p.unit_id == unit)) {
            total = total + p.amount;
            if p.reverses_id.is_none() && !p.reversed {
                count += 1;
            }
        }
        (total, count)
    };
    let move_in = match unit_id {
        // A later move: the participant lived in another unit of the program before.
        Some(u) => {
            // Leases are numbered as they are made: one made before this
            // unit's lease (or any, before this unit has one) came first.
            if leases.iter().any(|l| l.unit_id != u && l.move_in_date.is_some() && lease.is_none_or(|x| l.id < x.id)) {
                MoveIn::Subsequent
            } else {
                MoveIn::Initial
            }
        }
        None => {
            if leases.iter().filter(|l| l.move_in_date.is_some()).count() > 1 {
                MoveIn::Subsequent
            } else {
                MoveIn::Initial
            }
        }
    };
    let monthly_rent = lease.map(|l| l.contract_rent).or(unit.as_ref().map(|u| u.unit.details.asking_rent));
    let mut approval_id = None;
    let mut use_approval = |lifts: ApprovalLifts| -> Option<Approval> {
        let a = find_approval(lifts)?;
        approval_id = Some(a.id);
        Some(Approval { approved_by: a.approved_by.clone(), approved_on: a.approved_on })
    };
    // The Guide: no assistance for a unit before it passes its inspection.
    if let Some(u) = &unit {
        if let Some(problem) = costs::inspection_problem(category, &u.inspections.standing) {
            c.add("unit_id", problem.message());
        }
    }
    if matches!(
        category,
        CostCategory::UtilityDeposit | CostCategory::UtilityPayment | CostCategory::UtilityAllowanceReimbursement
    ) {
        if let Some(problem) = costs::utility_arrearage_problem(input.arrearage) {
            c.add("arrearage", problem.message());
        }
    }
    if let (Some(amount), Some(paid_on)) = (amount, paid_on) {
        match category {
            CostCategory::SecurityDeposit | CostCategory::MoveInFee => {
                if let Some(rent) = monthly_rent {
                    let (deposits, _) = paid(CostCategory::SecurityDeposit, unit_id);
                    let (fees, _) = paid(CostCategory::MoveInFee, unit_id);
                    let is_deposit = category == CostCategory::SecurityDeposit;
                    let approval =
                        if move_in == MoveIn::Subsequent { use_approval(ApprovalLifts::LaterMove) } else { None };
                    let check = SecurityDepositCheck {
                        monthly_rent: rent,
                        deposit: if is_deposit { deposits + amount } else { deposits },
                        move_in_fees: if is_deposit { fees } else { fees + amount },
                        refundable_to_participant: input.refundable || !is_deposit,
                        move_in,
                        paid_on,
                        approval,
                    };
                    for p in incentive_rules::check_security_deposit(&check) {
                        let field = match p.field() {
                            "deposit" | "move_in_fees" => "amount",
                            "refundable" => "refundable",
                            _ => "approval",
                        };
                        let mut message = p.message();
                        if field == "amount" && (deposits + fees) > Money::ZERO {
                            message = format!("{message} Already paid for this unit: {}.", (deposits + fees).dollars());
                        }
                        c.add(field, message);
                    }
                }
            }
            CostCategory::ExtraDepositMonth | CostCategory::SigningBonus | CostCategory::DamageRepair => {
                if let (Some(rent), Some(kind)) = (monthly_rent, category.incentive_kind()) {
                    let (_, count) = paid(category, unit_id);
                    let approval =
                        if move_in == MoveIn::Subsequent { use_approval(ApprovalLifts::LaterMove) } else { None };
                    let check = IncentiveCheck {
                        kind,
                        amount,
                        monthly_rent: rent,
                        move_in,
                        paid_on,
                        approval,
                        refundable_to_participant: input.refundable,
                        already_paid: count,
                        damage_documented: input.damage_documented,
                        covered_by_deposit: input.covered_by_deposit,
                        participant_in_unit: lease.is_some_and(|l| l.active),
                    };
                    for p in incentive_rules::check_incentive(&check) {
                        let field = match p.field() {
                            "amount" => "amount",
                            "refundable" => "refundable",
                            "kind" => "category",
                            "documentation" => "damage_documented",
                            "participant_in_unit" => "unit_id",
                            _ => "approval",
                        };
                        c.add(field, p.message());
                    }
                }
            }
            CostCategory::TransitionAssistance => {
                let (already_paid, _) = paid(CostCategory::TransitionAssistance, None);
                let approval =
                    if input.on_pre_approved_list { None } else { use_approval(ApprovalLifts::TransitionOffList) };
                let check = TransitionAssistanceCheck {
                    amount,
                    already_paid,
                    // A later move: another lease was made after one the participant moved into.
                    move_in: if leases.iter().any(|l| l.move_in_date.is_some() && leases.iter().any(|m| m.id > l.id)) {
                        MoveIn::Subsequent
                    } else {
                        MoveIn::Initial
                    },
                    payee: if payee_kind == Some(PayeeKind::Participant) {
                        TransitionPayee::Participant
                    } else {
                        TransitionPayee::Vendor
                    },
                    on_pre_approved_list: input.on_pre_approved_list,
                    approval,
                    paid_on,
                };
                for p in costs::check_transition_assistance(&check) {
                    let field = match p.field() {
                        "amount" => "amount",
                        "payee" => "payee_kind",
                        "move_in" => "category",
                        _ => "on_pre_approved_list",
                    };
                    c.add(field, p.message());
                }
            }
            CostCategory::SubsistenceAllowance => {
                if let Some(p) = participant_id {
                    let month = month_start(period.map(|x| x.0).unwrap_or(paid_on));
                    if period.is_some_and(|(a, b)| month_start(a) != month_start(b)) {
                        c.add("period_end", "An allowance pays for one month: start and end in the same month.");
                    }
                    let facts = subsistence_facts(store, p, month, amount, &prior, &leases, &approvals)?;
                    if facts.extension.is_some() {
                        approval_id = find_approval(ApprovalLifts::SubsistenceExtension).map(|a| a.id);
                    }
                    if prior.iter().any(|x| {
                        x.category == CostCategory::SubsistenceAllowance
                            && !x.reversed
                            && x.reverses_id.is_none()
                            && x.period_start.map(month_start) == Some(month)
                    }) {
                        c.add("period_start", format!("The allowance for {} was already paid.", month_words(month)));
                    }
                    for problem in subsistence::check_subsistence(&facts) {
                        let field = match problem.field() {
                            "amount" => "amount",
                            "month" => "period_start",
                            "approved_by" | "extension_through" => "approval",
                            _ => "participant_id",
                        };
                        c.add(field, problem.message());
                    }
                }
            }
            CostCategory::TemporaryHousing => {
                if let Some(p) = participant_id {
                    match period {
                        // Asked for above, with every category paid for a time.
                        None => {}
                        Some((first, last)) => {
                            let stays = db::journey::case_rows(store.conn(), p)?.stays;
                            let stay = stays.iter().find(|s| {
                                s.kind == StayKind::TemporaryHousing.code()
                                    && s.start_date <= first
                                    && s.end_date.is_none_or(|e| e >= first)
                            });
                            if let Some(end) = stay.and_then(|s| s.end_date).filter(|e| last > *e) {
                                c.add(
                                    "period_end",
                                    format!("The stay ended on {}: nothing is paid for nights after it.", us_date(end)),
                                );
                            }
                            match stay {
                                None => c.add(
                                    "period_start",
                                    "Record the temporary stay on the participant's case page first: temporary housing is paid only during it.",
                                ),
                                Some(s) => {
                                    let last_allowed = s.start_date + chrono::Days::new(89);
                                    if last > last_allowed {
                                        c.add(
                                            "period_end",
                                            format!(
                                                "Temporary housing is paid for at most 90 days: this stay began on {}, so through {}.",
                                                us_date(s.start_date),
                                                us_date(last_allowed)
                                            ),
                                        );
                                    } else if db::ledger::period_paid(
                                        store.conn(),
                                        db::ledger::Payer::Participant,
                                        p,
                                        category.code(),
                                        first,
                                        last,
                                    )? {
                                        c.add(
                                            "period_start",
                                            "Temporary housing is already paid for some of these nights.",
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
            CostCategory::RentalAssistancePayment
            | CostCategory::MasterLeaseRent
            | CostCategory::UtilityAllowanceReimbursement
            | CostCategory::UtilityPayment => {
                let option = category.leasing_option();
                match (lease, period) {
                    (None, _) if unit_id.is_some() && participant_id.is_some() => {
                        c.add("unit_id", "There is no lease for this participant in this unit.")
                    }
                    (Some(l), _) if Some(l.option) != option => c.add(
                        "category",
                        format!(
                            "The lease is under the {} option: choose its kind of payment.",
                            l.option.label().to_lowercase()
                        ),
                    ),
                    (Some(_), None) => {}
                    (Some(l), Some((first, last))) => {
                        if month_start(first) != month_start(last) {
                            c.add("period_end", "Enter one month at a time: start and end in the same month.");
                        } else {
                            let occupancy = lease_occupancy(store, l)?;
                            let month = vacancy::month_payment(&occupancy, first);
                            let outside = month
                                .stretches
                                .iter()
                                .filter(|s| !s.standing.covered() && s.first_day <= last && s.last_day >= first)
                                .map(|s| s.standing.message())
                                .collect::<Vec<_>>();
                            if !outside.is_empty() {
                                c.add("period_start", outside.join(" "));
                            } else if category != CostCategory::UtilityPayment
                                && db::ledger::period_paid(
                                    store.conn(),
                                    db::ledger::Payer::Lease,
                                    l.id,
                                    category.code(),
                                    first,
                                    last,
                                )?
                            {
                                c.add("period_start", "A payment of this kind already covers some of these days.");
                            } else if category != CostCategory::UtilityPayment {
                                let monthly = monthly_amount(category, l, first);
                                let days = (last - first).num_days() as u32 + 1;
                                let most = rent::prorated(monthly, days, month.days_in_month);
                                if amount > most {
                                    c.add(
                                        "amount",
                                        format!(
                                            "At most {} for {} of the {} days of {}, at {} a month.",
                                            most.dollars(),
                                            days,
                                            month.days_in_month,
                                            month_words(first),
                                            monthly.dollars()
                                        ),
                                    );
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            CostCategory::RentalApplicationFee
            | CostCategory::InspectionCost
            | CostCategory::UtilityDeposit
            | CostCategory::EngagementAndSupportServices => {}
        }
    }
    let checked = (|| Some((payee_kind?, paid_on?, amount?)))();
    let (payee_kind, paid_on, amount) = c.finish(checked)?;
    Ok(CheckedPayment {
        category,
        participant_id,
        unit_id,
        lease_id: lease.filter(|_| unit_id.is_some()).map(|l| l.id),
        payee,
        payee_kind,
        paid_on,
        period,
        amount,
        reference,
        note,
        approval_id,
    })
}

/// What a month of the lease pays in `category` before proration, under the
/// terms in force on `day`.
pub fn monthly_amount(category: CostCategory, lease: &Lease, day: NaiveDate) -> Money {
    let amounts = leases::amounts_on(lease, day);
    match category {
        CostCategory::RentalAssistancePayment | CostCategory::MasterLeaseRent => amounts.grantee_payment,
        CostCategory::UtilityAllowanceReimbursement => amounts.utility_reimbursement,
        _ => Money::ZERO,
    }
}

/// What the vacancy rules need to know about a lease and its participant.
pub fn lease_occupancy(store: &Store, lease: &Lease) -> Result<vacancy::LeaseOccupancy, DeskError> {
    let stays = db::leases::institutional_stays(store.conn(), lease.participant_id)?
        .into_iter()
        .filter_map(|(kind, start_date, end_date)| {
            let facility = match kind.as_str() {
                k if k == StayKind::LongTermCare.code() => vacancy::Facility::LongTermCare,
                k if k == StayKind::Smhrf.code() => vacancy::Facility::Smhrf,
                k if k == StayKind::JailPrison.code() => vacancy::Facility::Correctional,
                _ => return None,
            };
            Some(vacancy::FacilityStay { facility, entered_on: start_date, left_on: end_date })
        })
        .collect();
    // Once the participant moved out, a later lease of the same unit pays
    // from its own first paid day (Guide: the vacancy payments continue
    // "unless occupied by another eligible participant"): this lease stops
    // the day before, so no day of the unit is paid twice.
    let successor_pays_from = match lease.move_out_date {
        None => None,
        Some(_) => db::leases::list(store.conn(), "l.unit_id", lease.unit_id)?
            .into_iter()
            .filter(|l| l.id != lease.id && l.start_date > lease.start_date)
            .filter_map(|l| {
                // A master lease pays from its start; rental assistance from the move-in.
                if l.option == rent::LeasingOption::MasterLease.code() {
                    Some(l.start_date)
                } else {
                    l.move_in_date
                }
            })
            .min(),
    };
    let lease_end = match (lease.end_date, successor_pays_from.and_then(|d| d.pred_opt())) {
        (Some(end), Some(before)) => Some(end.min(before)),
        (end, before) => end.or(before),
    };
    Ok(vacancy::LeaseOccupancy {
        option: lease.option,
        lease_start: lease.start_date,
        lease_end,
        moved_in_on: lease.move_in_date,
        moved_out_on: lease.move_out_date,
        next_participant: lease
            .next_participant
            .as_ref()
            .map(|n| vacancy::NextParticipant { identified_on: n.identified_on, moves_in_on: n.moves_in_on }),
        stays,
    })
}

/// The facts of one month's subsistence allowance, from the records.
pub(crate) fn subsistence_facts(
    store: &Store,
    participant_id: i64,
    month: NaiveDate,
    amount: Money,
    prior: &[Payment],
    leases: &[Lease],
    approvals: &[ApprovalRecord],
) -> Result<SubsistenceMonth, DeskError> {
    let earlier: Vec<&Payment> = prior
        .iter()
        .filter(|p| p.category == CostCategory::SubsistenceAllowance)
        .filter(|p| p.period_start.map(month_start).unwrap_or(month_start(p.paid_on)) < month)
        .collect();
    let total_already_paid = earlier.iter().fold(Money::ZERO, |t, p| t + p.amount);
    let months_already_paid = {
        let mut months: Vec<NaiveDate> = earlier
            .iter()
            .filter(|p| !p.reversed && p.reverses_id.is_none())
            .map(|p| p.period_start.map(month_start).unwrap_or(month_start(p.paid_on)))
            .collect();
        months.sort();
        months.dedup();
        months.len() as u32
    };
    let month_end = month_end(month);
    let lives_in_assisted_unit = leases
        .iter()
        .any(|l| l.move_in_date.is_some_and(|d| d <= month_end) && l.move_out_date.is_none_or(|d| d >= month));
    let rows = db::journey::case_rows(store.conn(), participant_id)?;
    let enrollment = db::journey::enrollment(store.conn(), participant_id)?;
    let first_benefit_payment_on = enrollment.as_ref().and_then(|e| e.first_benefit_payment_on);
    let employment_started_on = rows
        .jobs
        .iter()
        .filter(|j| j.start_date <= month_end && j.end_date.is_none_or(|e| e >= month))
        .map(|j| j.start_date)
        .min();
    // SSI/SSDI and wages are left to the end rules only when the day they
    // began is recorded (the first payment; the job): otherwise they are
    // income like any other, and the allowance is refused (Guide: "not
    // eligible" with income).
    let status = crate::income_calc::status(store, participant_id, month)?;
    let other_income = match status.in_force {
        Some(id) => {
            let calc = crate::income_calc::get(store, id)?;
            let annual = calc
                .result
                .output
                .income_lines
                .iter()
                .filter(|l| l.counted)
                .filter(|l| match l.source {
                    IncomeSource::Ssi | IncomeSource::Ssdi => first_benefit_payment_on.is_none(),
                    IncomeSource::Wages => employment_started_on.is_none(),
                    _ => true,
                })
                .fold(Money::ZERO, |t, l| t + l.annual);
            Money((annual.0 / Decimal::from(12)).round_dp(2))
        }
        None => Money::ZERO,
    };
    let previous = month_start(month - chrono::Days::new(1));
    let previous_month_hours =
        rows.vocational.iter().filter(|v| v.month == previous).filter_map(|v| v.hours.parse::<Decimal>().ok()).sum();
    let soar_enrolled_and_engaged = enrollment.as_ref().is_some_and(
        |e| matches!(e.soar_status, s if s == SoarStatus::InProgress.code() || s == SoarStatus::Applied.code()),
    );
    let extension = approvals.iter().filter(|a| a.lifts == ApprovalLifts::SubsistenceExtension).find_map(|a| {
        a.through_month.map(|through| Extension {
            approval: Approval { approved_by: a.approved_by.clone(), approved_on: a.approved_on },
            through_month: through,
        })
    });
    Ok(SubsistenceMonth {
        month,
        amount,
        months_already_paid,
        total_already_paid,
        other_income,
        lives_in_assisted_unit,
        previous_month_hours,
        soar_enrolled_and_engaged,
        first_benefit_payment_on,
        employment_started_on,
        extension,
    })
}

/// The Guide's limits for a participant, with what is used of each.
fn participant_limits(
    store: &Store,
    participant_id: i64,
    payments: &[Payment],
    approvals: &[ApprovalRecord],
    leases: &[Lease],
    today: NaiveDate,
) -> Result<Vec<LimitLine>, DeskError> {
    let mut lines = Vec::new();
    if let Some(lease) = leases.iter().find(|l| l.active).or(leases.first()) {
        let mine: Vec<&Payment> = payments.iter().filter(|p| p.unit_id == Some(lease.unit_id)).collect();
        lines.extend(lease_limits(lease, &mine, approvals));
    }
    let sum = |cat: CostCategory| payments.iter().filter(|p| p.category == cat).fold(Money::ZERO, |t, p| t + p.amount);
    let transition = sum(CostCategory::TransitionAssistance);
    lines.push(limit_line(
        "Transition assistance",
        transition,
        costs::TRANSITION_ASSISTANCE_LIMIT,
        "Transition Assistance Funds",
        approvals.iter().find(|a| a.lifts == ApprovalLifts::TransitionOffList).map(|a| {
            format!(
                "Off-list expense approved by {} on {} (the $3,000 cap still applies)",
                a.approved_by,
                us_date(a.approved_on)
            )
        }),
    ));
    let subsistence: Vec<&Payment> =
        payments.iter().filter(|p| p.category == CostCategory::SubsistenceAllowance).collect();
    let total = subsistence.iter().fold(Money::ZERO, |t, p| t + p.amount);
    let mut months: Vec<NaiveDate> = subsistence
        .iter()
        .filter(|p| !p.reversed && p.reverses_id.is_none())
        .map(|p| month_start(p.period_start.unwrap_or(p.paid_on)))
        .collect();
    months.sort();
    months.dedup();
    let extension = approvals.iter().find(|a| a.lifts == ApprovalLifts::SubsistenceExtension).map(|a| {
        format!(
            "Extended through {} by {} on {}",
            a.through_month.map(month_words).unwrap_or_default(),
            a.approved_by,
            us_date(a.approved_on)
        )
    });
    lines.push(LimitLine {
        label: "Subsistence allowance: months".into(),
        used: months.len().to_string(),
        limit: subsistence::MONTHS_LIMIT.to_string(),
        remaining: (subsistence::MONTHS_LIMIT as usize).saturating_sub(months.len()).to_string(),
        over: months.len() > subsistence::MONTHS_LIMIT as usize && extension.is_none(),
        section: "Subsistence Allowances".into(),
        lifted_by: extension.clone(),
    });
    let mut total_line = limit_line(
        "Subsistence allowance: total",
        total,
        subsistence::TOTAL_LIMIT,
        "Subsistence Allowances",
        extension,
    );
    total_line.over = total_line.over && total_line.lifted_by.is_none();
    lines.push(total_line);
    // Temporary housing: the days of the stay against the 90 allowed.
    let rows = db::journey::case_rows(store.conn(), participant_id)?;
    if let Some(stay) =
        rows.stays.iter().filter(|s| s.kind == StayKind::TemporaryHousing.code()).max_by_key(|s| s.start_date)
    {
        let end = stay.end_date.unwrap_or(today).max(stay.start_date);
        let days = (end - stay.start_date).num_days() + 1;
        lines.push(LimitLine {
            label: "Temporary housing: days of the stay".into(),
            used: days.to_string(),
            limit: "90".into(),
            remaining: (90 - days).max(0).to_string(),
            over: days > 90,
            section: "Temporary/Immediate Housing".into(),
            lifted_by: None,
        });
    }
    Ok(lines)
}

/// The deposit, fee and incentive limits of a lease.
fn lease_limits(lease: &Lease, payments: &[&Payment], approvals: &[ApprovalRecord]) -> Vec<LimitLine> {
    let rent = lease.contract_rent;
    let sum = |cat: CostCategory| payments.iter().filter(|p| p.category == cat).fold(Money::ZERO, |t, p| t + p.amount);
    let later_move = approvals
        .iter()
        .find(|a| a.lifts == ApprovalLifts::LaterMove && a.unit_id == Some(lease.unit_id))
        .map(|a| format!("Later move approved by {} on {}", a.approved_by, us_date(a.approved_on)));
    vec![
        limit_line(
            "Security deposit (two months' rent)",
            sum(CostCategory::SecurityDeposit),
            incentive_rules::security_deposit_limit(rent),
            "Security Deposits",
            later_move.clone(),
        ),
        limit_line(
            "Move-in fees instead of a deposit (75% of a month)",
            sum(CostCategory::MoveInFee),
            incentive_rules::move_in_fees_limit(rent),
            "Security Deposits",
            later_move.clone(),
        ),
        limit_line(
            "Extra (third) month of deposit",
            sum(CostCategory::ExtraDepositMonth),
            rent,
            "Landlord Incentives",
            later_move.clone(),
        ),
        limit_line(
            "Signing bonus (two months' rent, once)",
            sum(CostCategory::SigningBonus),
            Money(rent.0 * Decimal::from(incentive_rules::SIGNING_BONUS_MONTHS)),
            "Landlord Incentives",
            later_move,
        ),
    ]
}

fn limit_line(label: &str, used: Money, limit: Money, section: &str, lifted_by: Option<String>) -> LimitLine {
    LimitLine {
        label: label.into(),
        used: used.dollars(),
        limit: limit.dollars(),
        remaining: (limit - used).at_least_zero().dollars(),
        over: used > limit,
        section: section.into(),
        lifted_by,
    }
}

fn totals(payments: &[Payment]) -> (Vec<CategoryTotal>, Money) {
    let mut totals: Vec<CategoryTotal> = Vec::new();
    let mut total = Money::ZERO;
    for p in payments {
        total = total + p.amount;
        match totals.iter_mut().find(|t| t.category == p.category) {
            Some(t) => {
                t.total = t.total + p.amount;
                t.payments += 1;
            }
            None => totals.push(CategoryTotal {
                category: p.category,
                label: p.category.label().into(),
                total: p.amount,
                payments: 1,
            }),
        }
    }
    totals.sort_by_key(|t| CostCategory::ALL.iter().position(|c| *c == t.category));
    (totals, total)
}

/// A stored payment as shown, without the words of its approval.
pub(crate) fn payment_shown(p: StoredPayment) -> Result<Payment, DeskError> {
    shown(p, &[])
}

/// A participant's DMH approvals on record, newest first.
pub fn approvals(store: &Store, participant_id: i64) -> Result<Vec<ApprovalRecord>, DeskError> {
    db::ledger::approvals(store.conn(), participant_id)?.into_iter().map(approval_record).collect()
}

fn shown(p: StoredPayment, approvals: &[StoredApproval]) -> Result<Payment, DeskError> {
    let category: CostCategory = db::code(&p.category, "payment")?;
    let approval = p
        .approval_id
        .and_then(|id| approvals.iter().find(|a| a.id == id))
        .map(|a| format!("Approved by {} on {}: {}", a.approved_by, us_date(a.approved_on), a.purpose));
    Ok(Payment {
        id: p.id,
        category,
        category_label: category.label().into(),
        participant_id: p.participant_id,
        participant_name: p.participant_name,
        unit_id: p.unit_id,
        unit_address: p.unit_address,
        lease_id: p.lease_id,
        payee: p.payee,
        payee_kind: db::code(&p.payee_kind, "payment")?,
        paid_on: p.paid_on,
        period_start: p.period_start,
        period_end: p.period_end,
        amount: p.amount,
        reference: p.reference,
        note: p.note,
        approval,
        run_id: p.run_id,
        reverses_id: p.reverses_id,
        reversed: p.reversed,
    })
}

fn approval_record(a: StoredApproval) -> Result<ApprovalRecord, DeskError> {
    Ok(ApprovalRecord {
        id: a.id,
        lifts: db::code(&a.lifts, "approval")?,
        approved_by: a.approved_by,
        approved_on: a.approved_on,
        purpose: a.purpose,
        through_month: a.through_month,
        unit_id: a.unit_id,
        unit_address: a.unit_address,
    })
}
