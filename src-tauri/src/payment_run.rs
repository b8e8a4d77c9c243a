//! The monthly payment run (Guide: Rent and Utility Payment Standards;
//! Leasing Requirements; Subsistence Allowances): for a month, every lease's
//! payment to the owner (assistance or the full rent), utility
//! reimbursements to participants, utility payments under master leases and
//! subsistence allowances, with the vacancy rules applied. Prepared and
//! previewed, approved by a supervisor, then posted to the ledger in one
//! transaction. Lines the rules refuse are held with the reason, never paid.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::leases;
use crate::ledger::{self, require_money_role};
use crate::rules::eligible_costs::CostCategory;
use crate::rules::engagement::{month_end, month_start};
use crate::rules::rent::{self, LeasingOption};
use crate::rules::subsistence;
use crate::rules::vacancy::{self, DayStanding};
use crate::rules::{month_words, us_date, Money};
use crate::store::ledger::{NewPayment, Payer, RunLine};
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Prepared,
    Approved,
    Posted,
    Discarded,
}

crate::validation::choices!(RunStatus {
    Prepared => "prepared", "Prepared, waiting for a supervisor's approval";
    Approved => "approved", "Approved, ready to post";
    Posted => "posted", "Posted to the ledger";
    Discarded => "discarded", "Discarded";
});

/// One line of a run as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunLineView {
    #[ts(type = "number")]
    pub id: i64,
    pub category: CostCategory,
    pub category_label: String,
    #[ts(type = "number | null")]
    pub lease_id: Option<i64>,
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    #[ts(type = "number | null")]
    pub unit_id: Option<i64>,
    pub unit_address: Option<String>,
    pub payee: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub days_covered: u32,
    pub days_in_month: u32,
    #[ts(type = "string")]
    pub amount: Money,
    pub held: bool,
    pub note: Option<String>,
    /// A utility bill's amount the office may still correct before approval.
    pub amount_editable: bool,
}

/// A run with its lines and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaymentRun {
    #[ts(type = "number")]
    pub id: i64,
    pub month: NaiveDate,
    pub month_label: String,
    pub status: RunStatus,
    pub status_label: String,
    pub prepared_by: String,
    pub prepared_at: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub posted_by: Option<String>,
    pub posted_at: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub lines: Vec<RunLineView>,
    #[ts(type = "string")]
    pub total: Money,
    #[ts(type = "number")]
    pub held: u64,
}

/// A run in the list of runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub month: NaiveDate,
    pub month_label: String,
    pub status: RunStatus,
    pub status_label: String,
    pub prepared_by: String,
    pub approved_by: Option<String>,
    pub posted_by: Option<String>,
}

/// Prepares the run for the month that contains `month` (typed as a date).
/// One run per month at a time: a prepared or approved run is discarded
/// first to prepare it again.
pub fn prepare(store: &mut Store, session: &Session, month: &str, when: Moment) -> Result<PaymentRun, DeskError> {
    require_money_role(session)?;
    let mut c = Checker::new();
    let month = c.required_date("month", month, "the month to pay").map(month_start);
    let month = c.finish(month)?;
    if let Some(existing) = db::ledger::open_run(store.conn(), month)? {
        let run = get(store, session, existing)?;
        let message = match run.status {
            RunStatus::Posted => format!("The run for {} was already posted.", month_words(month)),
            _ => format!(
                "A run for {} is already prepared: open it, or discard it to prepare it again.",
                month_words(month)
            ),
        };
        return Err(ValidationErrors::single("month", message).into());
    }
    let lines = compute_lines(store, month, when.today)?;
    let id = store.with_tx(|tx| {
        let id = db::ledger::insert_run(tx, month, session.staff_id, when.at)?;
        for line in &lines {
            db::ledger::insert_line(tx, id, line)?;
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::PaymentRun,
            entity_id: Some(id),
            changes: vec![
                Change { field: "month".into(), old: None, new: Some(month.to_string()) },
                Change { field: "lines".into(), old: None, new: Some(lines.len().to_string()) },
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    get(store, session, id)
}

/// A supervisor approves a prepared run as it stands.
pub fn approve(store: &mut Store, session: &Session, id: i64, when: Moment) -> Result<PaymentRun, DeskError> {
    if session.role != Role::Supervisor {
        return Err(DeskError::Forbidden("A supervisor approves the payment run.".into()));
    }
    if db::ledger::run(store.conn(), id)?.is_some_and(|r| r.prepared_by_id == session.staff_id) {
        return Err(DeskError::Forbidden(
            "Another supervisor approves a run you prepared: the one who approves checks someone else's work.".into(),
        ));
    }
    transition(store, session, id, RunStatus::Prepared, RunStatus::Approved, None, when)
}

/// Posts an approved run to the ledger, every line at once, paid on `paid_on`.
pub fn post(
    store: &mut Store,
    session: &Session,
    id: i64,
    paid_on: &str,
    when: Moment,
) -> Result<PaymentRun, DeskError> {
    require_money_role(session)?;
    let mut c = Checker::new();
    let paid_on = c.past_date("paid_on", paid_on, "the date the payments are made", when.today, true);
    let paid_on = c.finish(paid_on)?;
    transition(store, session, id, RunStatus::Approved, RunStatus::Posted, Some(paid_on), when)
}

/// Discards a run that is not posted, so the month can be prepared again.
pub fn discard(store: &mut Store, session: &Session, id: i64, when: Moment) -> Result<PaymentRun, DeskError> {
    require_money_role(session)?;
    let run = get(store, session, id)?;
    let from = match run.status {
        RunStatus::Prepared | RunStatus::Approved => run.status,
        _ => return Err(ValidationErrors::single("run", "A posted run stays: reverse single payments instead.").into()),
    };
    transition(store, session, id, from, RunStatus::Discarded, None, when)
}

/// Corrects a utility bill's amount on a prepared run (master lease: the
/// grantee pays the actual cost).
pub fn set_line_amount(
    store: &mut Store,
    session: &Session,
    run_id: i64,
    line_id: i64,
    amount: &str,
    when: Moment,
) -> Result<PaymentRun, DeskError> {
    require_money_role(session)?;
    let run = get(store, session, run_id)?;
    let mut c = Checker::new();
    let line = run.lines.iter().find(|l| l.id == line_id).ok_or(DeskError::NotFound("line"))?;
    if !line.amount_editable || run.status != RunStatus::Prepared {
        c.add("amount", "Only a utility bill's amount on a prepared run can be corrected.");
    }
    let amount = c.amount("amount", amount, "the bill's amount", true);
    let amount = c.finish(amount)?;
    let old = line.amount;
    store.with_tx(|tx| {
        if !db::ledger::set_line_amount(tx, run_id, line_id, amount)? {
            return Err(ValidationErrors::single("amount", "The run is no longer prepared.").into());
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::PaymentRun,
            entity_id: Some(run_id),
            changes: vec![Change {
                field: format!("line {line_id} amount"),
                old: Some(old.to_string()),
                new: Some(amount.to_string()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    get(store, session, run_id)
}

fn transition(
    store: &mut Store,
    session: &Session,
    id: i64,
    from: RunStatus,
    to: RunStatus,
    paid_on: Option<NaiveDate>,
    when: Moment,
) -> Result<PaymentRun, DeskError> {
    let run = get(store, session, id)?;
    if run.status != from {
        return Err(ValidationErrors::single(
            "run",
            format!("This run is {}: it cannot be {} now.", run.status_label.to_lowercase(), to.code()),
        )
        .into());
    }
    let lines = db::ledger::lines(store.conn(), id)?;
    store.with_tx(|tx| {
        if !db::ledger::set_run_status(tx, id, from.code(), to.code(), session.staff_id, when.at, paid_on)? {
            return Err(DeskError::from(ValidationErrors::single("run", "Someone else changed this run: open it again.")));
        }
        if to == RunStatus::Posted {
            let paid_on = paid_on.unwrap_or(when.today);
            for line in lines.iter().filter(|l| !l.held && l.amount > Money::ZERO) {
                // Paid meanwhile: for the lease, or (an allowance, which has
                // no lease) for the participant.
                let paid_meanwhile = match (line.lease_id, line.participant_id) {
                    (Some(lease_id), _) => {
                        db::ledger::period_paid(tx, Payer::Lease, lease_id, &line.category, line.period_start, line.period_end)?
                    }
                    (None, Some(participant_id)) => db::ledger::period_paid(
                        tx,
                        Payer::Participant,
                        participant_id,
                        &line.category,
                        line.period_start,
                        line.period_end,
                    )?,
                    (None, None) => false,
                };
                if paid_meanwhile {
                    return Err(ValidationErrors::single(
                        "run",
                        format!(
                            "{} for {} was paid meanwhile for some of these days: discard this run and prepare it again.",
                            line.payee,
                            line.unit_address.as_deref().unwrap_or("the unit")
                        ),
                    )
                    .into());
                }
                let payee_kind = match line.category.as_str() {
                    c if c == CostCategory::RentalAssistancePayment.code() || c == CostCategory::MasterLeaseRent.code() => "owner",
                    c if c == CostCategory::UtilityPayment.code() => "utility",
                    _ => "participant",
                };
                let payment_id = db::ledger::insert_payment(
                    tx,
                    &NewPayment {
                        category: &line.category,
                        participant_id: line.participant_id,
                        unit_id: line.unit_id,
                        lease_id: line.lease_id,
                        payee: &line.payee,
                        payee_kind,
                        paid_on,
                        period_start: Some(line.period_start),
                        period_end: Some(line.period_end),
                        amount: line.amount,
                        reference: None,
                        note: line.note.as_deref(),
                        approval_id: None,
                        run_id: Some(id),
                        reverses_id: None,
                        staff_id: session.staff_id,
                    },
                    when.at,
                )?;
                let entry = AuditEntry {
                    actor: session.actor(),
                    action: AuditAction::Create,
                    entity: Entity::Payment,
                    entity_id: Some(payment_id),
                    changes: vec![
                        Change { field: "category".into(), old: None, new: Some(line.category.clone()) },
                        Change { field: "payee".into(), old: None, new: Some(line.payee.clone()) },
                        Change { field: "amount".into(), old: None, new: Some(line.amount.to_string()) },
                        Change { field: "run".into(), old: None, new: Some(id.to_string()) },
                    ],
                };
                db::audit::insert(tx, &entry, when.at)?;
            }
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::PaymentRun,
            entity_id: Some(id),
            changes: vec![Change { field: "status".into(), old: Some(from.code().into()), new: Some(to.code().into()) }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    get(store, session, id)
}

pub fn get(store: &Store, session: &Session, id: i64) -> Result<PaymentRun, DeskError> {
    require_run_view(session)?;
    let run = db::ledger::run(store.conn(), id)?.ok_or(DeskError::NotFound("payment run"))?;
    let status: RunStatus = db::code(&run.status, "payment_run")?;
    let mut lines = Vec::new();
    let mut total = Money::ZERO;
    let mut held = 0;
    for l in db::ledger::lines(store.conn(), id)? {
        let category: CostCategory = db::code(&l.category, "payment_run_line")?;
        if l.held {
            held += 1;
        } else {
            total = total + l.amount;
        }
        lines.push(RunLineView {
            id: l.id,
            category,
            category_label: category.label().into(),
            lease_id: l.lease_id,
            participant_id: l.participant_id,
            participant_name: l.participant_name,
            unit_id: l.unit_id,
            unit_address: l.unit_address,
            payee: l.payee,
            period_start: l.period_start,
            period_end: l.period_end,
            days_covered: l.days_covered,
            days_in_month: l.days_in_month,
            amount: l.amount,
            held: l.held,
            note: l.note,
            amount_editable: category == CostCategory::UtilityPayment && !l.held && status == RunStatus::Prepared,
        });
    }
    Ok(PaymentRun {
        id,
        month: run.month,
        month_label: month_words(run.month),
        status,
        status_label: status.label().into(),
        prepared_by: run.prepared_by,
        prepared_at: run.prepared_at,
        approved_by: run.approved_by,
        approved_at: run.approved_at,
        posted_by: run.posted_by,
        posted_at: run.posted_at,
        paid_on: run.paid_on,
        lines,
        total,
        held,
    })
}

/// The runs, newest month first.
pub fn list(store: &Store, session: &Session) -> Result<Vec<RunSummary>, DeskError> {
    require_run_view(session)?;
    db::ledger::runs(store.conn(), 60)?
        .into_iter()
        .map(|r| {
            let status: RunStatus = db::code(&r.status, "payment_run")?;
            Ok(RunSummary {
                id: r.id,
                month: r.month,
                month_label: month_words(r.month),
                status,
                status_label: status.label().into(),
                prepared_by: r.prepared_by,
                approved_by: r.approved_by,
                posted_by: r.posted_by,
            })
        })
        .collect()
}

fn require_run_view(session: &Session) -> Result<(), DeskError> {
    match session.role {
        Role::OfficeStaff | Role::Supervisor | Role::Administrator => Ok(()),
        _ => Err(DeskError::Forbidden("Office staff and supervisors keep the payments.".into())),
    }
}

/// Every line the month owes, held lines with the reason.
pub fn compute_lines(store: &Store, month: NaiveDate, today: NaiveDate) -> Result<Vec<RunLine>, DeskError> {
    let first = month_start(month);
    let last = month_end(month);
    let stored = db::leases::for_month(store.conn(), first, last)?;
    let paid_rent = db::ledger::paid_in_period(
        store.conn(),
        Payer::Lease,
        CostCategory::RentalAssistancePayment.code(),
        first,
        last,
    )?;
    let paid_master =
        db::ledger::paid_in_period(store.conn(), Payer::Lease, CostCategory::MasterLeaseRent.code(), first, last)?;
    let paid_reimbursement = db::ledger::paid_in_period(
        store.conn(),
        Payer::Lease,
        CostCategory::UtilityAllowanceReimbursement.code(),
        first,
        last,
    )?;
    let paid_utility =
        db::ledger::paid_in_period(store.conn(), Payer::Lease, CostCategory::UtilityPayment.code(), first, last)?;
    // Every unit's inspection standing from the inspections' dates and
    // outcomes alone (one query), not each unit's whole checklist.
    let standings: std::collections::HashMap<i64, (bool, String)> = db::attention::unit_inspections(store.conn())?
        .into_iter()
        .map(|u| {
            let standing = crate::rules::inspection::standing(&u.history, today);
            (u.unit_id, (crate::rules::inspection::assistance_allowed(&standing), standing.label().to_string()))
        })
        .collect();
    let mut calculations = leases::Calculations::default();
    let mut payees = std::collections::HashMap::new();
    let mut lines = Vec::new();
    let mut housed = Vec::new();
    for s in stored {
        let lease = leases::shown(store, s, first, &mut calculations)?;
        let occupancy = ledger::lease_occupancy(store, &lease)?;
        let payment = vacancy::month_payment(&occupancy, first);
        let amounts = leases::amounts_on(&lease, first);
        let (inspection_ok, standing_label) =
            standings.get(&lease.unit_id).cloned().unwrap_or((false, "not inspected".to_string()));
        // The owner is paid as the landlord record says checks are made out
        // ("Paid as"), else in the landlord's own name.
        let owner_payee = match payees.get(&lease.landlord_id) {
            Some(payee) => String::clone(payee),
            None => {
                let landlord = crate::landlords::get(store, lease.landlord_id)?;
                let payee = landlord.details.payee_name.unwrap_or(landlord.details.name);
                payees.insert(lease.landlord_id, payee.clone());
                payee
            }
        };
        let (covered_first, covered_last) = covered_span(&payment).unwrap_or((first, last));
        let base = |category: CostCategory, payee: &str| RunLine {
            id: 0,
            category: category.code().into(),
            lease_id: Some(lease.id),
            participant_id: Some(lease.participant_id),
            participant_name: None,
            unit_id: Some(lease.unit_id),
            unit_address: None,
            payee: payee.into(),
            period_start: covered_first,
            period_end: covered_last,
            days_covered: payment.covered_days,
            days_in_month: payment.days_in_month,
            amount: Money::ZERO,
            held: false,
            note: None,
        };
        // The owner: contract rent less tenant rent, or the full rent.
        let (category, paid) = match lease.option {
            LeasingOption::RentalAssistance => (CostCategory::RentalAssistancePayment, &paid_rent),
            LeasingOption::MasterLease => (CostCategory::MasterLeaseRent, &paid_master),
        };
        if amounts.grantee_payment > Money::ZERO
            && payment
                .stretches
                .iter()
                .any(|s| !matches!(s.standing, DayStanding::BeforeLease { .. } | DayStanding::AfterLease { .. }))
        {
            let mut line = base(category, &owner_payee);
            line.amount = rent::prorated(amounts.grantee_payment, payment.covered_days, payment.days_in_month);
            if paid.contains(&lease.id) {
                line.held = true;
                line.note = Some("Already paid for this month in the ledger.".into());
            } else if !payment.allowed() {
                line.held = true;
                line.amount = amounts.grantee_payment;
                line.period_start = first;
                line.period_end = last;
                line.note = Some(payment.reasons().join(" "));
            } else if !inspection_ok {
                line.held = true;
                line.note = Some(format!(
                    "No assistance until the unit passes its inspection: {}.",
                    standing_label.to_lowercase()
                ));
            } else if !payment.whole_month() {
                line.note = Some(format!(
                    "{} of {} days, at {} a month. {}",
                    payment.covered_days,
                    payment.days_in_month,
                    amounts.grantee_payment.dollars(),
                    payment.reasons().join(" ")
                ));
            }
            lines.push(line);
        }
        // The participant's utilities, for the days they live there.
        let occupied: u32 = payment
            .stretches
            .iter()
            .filter(|s| matches!(s.standing, DayStanding::Occupied))
            .map(|s| (s.last_day - s.first_day).num_days() as u32 + 1)
            .sum();
        let occupied_span = payment.stretches.iter().filter(|s| matches!(s.standing, DayStanding::Occupied)).fold(
            None,
            |span: Option<(NaiveDate, NaiveDate)>, s| match span {
                None => Some((s.first_day, s.last_day)),
                Some((a, _)) => Some((a, s.last_day)),
            },
        );
        if let Some((a, b)) = occupied_span {
            housed.push((lease.clone(), occupied));
            match lease.option {
                LeasingOption::RentalAssistance if amounts.utility_reimbursement > Money::ZERO => {
                    let mut line = base(CostCategory::UtilityAllowanceReimbursement, &lease.participant_name);
                    line.period_start = a;
                    line.period_end = b;
                    line.days_covered = occupied;
                    line.amount = rent::prorated(amounts.utility_reimbursement, occupied, payment.days_in_month);
                    if paid_reimbursement.contains(&lease.id) {
                        line.held = true;
                        line.note = Some("Already paid for this month in the ledger.".into());
                    } else if !inspection_ok {
                        line.held = true;
                        line.note = Some(format!(
                            "No assistance until the unit passes its inspection: {}.",
                            standing_label.to_lowercase()
                        ));
                    } else if occupied < payment.days_in_month {
                        line.note = Some(format!("{occupied} of {} days lived in the unit.", payment.days_in_month));
                    }
                    lines.push(line);
                }
                LeasingOption::MasterLease => {
                    let unit = crate::units::get(store, lease.unit_id)?;
                    if !unit.details.tenant_utilities.is_empty() {
                        let calc = crate::income_calc::get(store, lease.calculation_id)?;
                        let mut line =
                            base(CostCategory::UtilityPayment, &format!("Utilities for {}", lease.unit_address));
                        line.period_start = first;
                        line.period_end = last;
                        line.days_covered = payment.days_in_month;
                        // The grantee pays the actual cost (Guide: Utility
                        // Allowances/Payments): nothing is paid until the
                        // bill's amount is entered; the allowance is a guide.
                        line.amount = Money::ZERO;
                        if paid_utility.contains(&lease.id) {
                            line.held = true;
                            line.note = Some("Already paid for this month in the ledger.".into());
                        } else if !inspection_ok {
                            line.held = true;
                            line.note = Some(format!(
                                "No assistance until the unit passes its inspection: {}.",
                                standing_label.to_lowercase()
                            ));
                        } else {
                            line.note = Some(format!(
                                "Enter the bills' actual amount before approval (the utility allowance for the unit is {}); a line left at $0.00 is not paid.",
                                calc.result.output.utility_allowance.dollars()
                            ));
                        }
                        lines.push(line);
                    }
                }
                _ => {}
            }
        }
    }
    // Subsistence allowances: participants living in an assisted unit with
    // no income counted, or paid the allowance the month before.
    let before = month_start(first - chrono::Days::new(1));
    let subsistence = CostCategory::SubsistenceAllowance.code();
    let subsistence_before =
        db::ledger::paid_in_period(store.conn(), Payer::Participant, subsistence, before, month_end(before))?;
    let subsistence_now = db::ledger::paid_in_period(store.conn(), Payer::Participant, subsistence, first, last)?;
    let mut seen = std::collections::HashSet::new();
    for (lease, _) in housed {
        if !seen.insert(lease.participant_id) {
            continue;
        }
        let paid_before = subsistence_before.contains(&lease.participant_id);
        if subsistence_now.contains(&lease.participant_id) {
            continue;
        }
        if !paid_before {
            let calc = crate::income_calc::get(store, lease.calculation_id)?;
            if calc.result.output.annual_income != Money::ZERO {
                continue;
            }
        }
        let prior: Vec<ledger::Payment> = ledger_for(store, lease.participant_id)?;
        let approvals = approvals_for(store, lease.participant_id)?;
        let leases_of = leases::for_participant(store, lease.participant_id, first)?;
        let facts = ledger::subsistence_facts(
            store,
            lease.participant_id,
            first,
            subsistence::MONTHLY_LIMIT,
            &prior,
            &leases_of,
            &approvals,
        )?;
        let problems = subsistence::check_subsistence(&facts);
        lines.push(RunLine {
            id: 0,
            category: CostCategory::SubsistenceAllowance.code().into(),
            lease_id: None,
            participant_id: Some(lease.participant_id),
            participant_name: None,
            unit_id: Some(lease.unit_id),
            unit_address: None,
            payee: lease.participant_name.clone(),
            period_start: first,
            period_end: last,
            days_covered: last.signed_duration_since(first).num_days() as u32 + 1,
            days_in_month: last.signed_duration_since(first).num_days() as u32 + 1,
            amount: subsistence::MONTHLY_LIMIT,
            held: !problems.is_empty(),
            note: (!problems.is_empty()).then(|| problems.iter().map(|p| p.message()).collect::<Vec<_>>().join(" ")),
        });
    }
    Ok(lines)
}

fn ledger_for(store: &Store, participant_id: i64) -> Result<Vec<ledger::Payment>, DeskError> {
    db::ledger::payments(store.conn(), db::ledger::Owner::Participant(participant_id))?
        .into_iter()
        .map(ledger::payment_shown)
        .collect()
}

fn approvals_for(store: &Store, participant_id: i64) -> Result<Vec<ledger::ApprovalRecord>, DeskError> {
    ledger::approvals(store, participant_id)
}

/// The first and last covered day of the month, if any.
fn covered_span(p: &vacancy::MonthPayment) -> Option<(NaiveDate, NaiveDate)> {
    let covered: Vec<_> = p.stretches.iter().filter(|s| s.standing.covered()).collect();
    Some((covered.first()?.first_day, covered.last()?.last_day))
}

/// Words for the run's period, "November 1–30, 2026".
pub fn period_words(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        us_date(first)
    } else {
        format!("{} – {}", us_date(first), us_date(last))
    }
}
