//! The grant budget by eligible-cost category for a State fiscal year,
//! entered by the supervisor, against which the quarterly financial report
//! (PFR) sets the spending (Guide: Data Reporting; Eligible Costs).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quarterly::fiscal_year_of;
use crate::accounts::{Role, Session};
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::rules::eligible_costs::CostCategory;
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// The largest amount a budget line may hold: well above any grant, so a
/// typing slip (an extra zero or three) is caught.
const LINE_LIMIT: i64 = 100_000_000;

/// One fiscal year's budget as the form shows it: every category, with its
/// amount where one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetView {
    pub fiscal_year: i32,
    /// "FY2027: 07/01/2026 to 06/30/2027".
    pub label: String,
    pub lines: Vec<BudgetLine>,
    #[ts(type = "string")]
    pub total: Money,
    /// Whether this user may change it (supervisors and administrators).
    pub editable: bool,
    /// The fiscal years the form offers, with their words.
    pub years: Vec<FiscalYear>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FiscalYear {
    pub year: i32,
    /// "FY2027: 07/01/2026 to 06/30/2027".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetLine {
    pub category: CostCategory,
    pub label: String,
    #[ts(type = "string | null")]
    pub amount: Option<Money>,
}

/// The budget as typed: an amount (or nothing) per category code.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BudgetInput {
    pub fiscal_year: i32,
    pub amounts: Vec<BudgetAmountInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BudgetAmountInput {
    pub category: CostCategory,
    pub amount: String,
}

/// The fiscal years the form offers: last year, this one and the next.
pub fn fiscal_years(today: NaiveDate) -> Vec<i32> {
    let (this, _) = fiscal_year_of(today);
    vec![this - 1, this, this + 1]
}

/// A fiscal year's budget; without a year, the one today is in.
pub fn view(
    store: &Store,
    session: &Session,
    fiscal_year: Option<i32>,
    today: NaiveDate,
) -> Result<BudgetView, DeskError> {
    super::require_report_role(session)?;
    let fiscal_year = fiscal_year.unwrap_or_else(|| fiscal_year_of(today).0);
    check_year(fiscal_year, today)?;
    let saved = db::reports::budget(store.conn(), fiscal_year)?;
    let lines: Vec<BudgetLine> = CostCategory::ALL
        .iter()
        .map(|c| BudgetLine { category: *c, label: c.label().into(), amount: saved.get(c.code()).copied() })
        .collect();
    let total = Money(lines.iter().filter_map(|l| l.amount).map(|m| m.0).sum());
    Ok(BudgetView {
        fiscal_year,
        label: year_label(fiscal_year),
        lines,
        total,
        editable: may_edit(session),
        years: fiscal_years(today).into_iter().map(|year| FiscalYear { year, label: year_label(year) }).collect(),
    })
}

/// Replaces a fiscal year's budget with what was typed, audited line by line.
pub fn save(store: &mut Store, session: &Session, input: &BudgetInput, when: Moment) -> Result<BudgetView, DeskError> {
    if !may_edit(session) {
        return Err(DeskError::Forbidden("Only a supervisor or an administrator sets the grant budget.".into()));
    }
    check_year(input.fiscal_year, when.today)?;
    let mut c = Checker::new();
    let mut lines: Vec<(String, Money)> = Vec::new();
    for a in &input.amounts {
        let field = format!("budget_{}", a.category.code());
        let what = format!("the budget for {}", a.category.label().to_lowercase());
        if let Some(m) = c.amount(&field, &a.amount, &what, false) {
            if m.0 > rust_decimal::Decimal::from(LINE_LIMIT) {
                c.add(&field, format!("{} is more than any grant: check the amount.", m.dollars()));
            } else if lines.iter().any(|(code, _)| code == a.category.code()) {
                c.add(&field, "This category is listed twice.");
            } else {
                lines.push((a.category.code().to_string(), m));
            }
        }
    }
    c.finish(Some(()))?;
    let before = db::reports::budget(store.conn(), input.fiscal_year)?;
    store.with_tx(|tx| {
        db::reports::save_budget(tx, input.fiscal_year, &lines, session.staff_id, when.at)?;
        let changes: Vec<Change> = CostCategory::ALL
            .iter()
            .filter_map(|cat| {
                let old = before.get(cat.code()).map(|m| m.0.to_string());
                let new = lines.iter().find(|(code, _)| code == cat.code()).map(|(_, m)| m.0.to_string());
                (old != new).then(|| Change { field: cat.code().into(), old, new })
            })
            .collect();
        if !changes.is_empty() {
            let entry = AuditEntry {
                actor: session.actor(),
                action: AuditAction::Update,
                entity: Entity::GrantBudget,
                entity_id: Some(i64::from(input.fiscal_year)),
                changes,
            };
            db::audit::insert(tx, &entry, when.at)?;
        }
        Ok::<_, DeskError>(())
    })?;
    view(store, session, Some(input.fiscal_year), when.today)
}

/// "FY2027: 07/01/2026 to 06/30/2027".
pub fn year_label(fiscal_year: i32) -> String {
    format!("FY{fiscal_year}: 07/01/{} to 06/30/{fiscal_year}", fiscal_year - 1)
}

fn may_edit(session: &Session) -> bool {
    matches!(session.role, Role::Supervisor | Role::Administrator)
}

fn check_year(fiscal_year: i32, today: NaiveDate) -> Result<(), ValidationErrors> {
    let (this, _) = fiscal_year_of(today);
    if (this - 5..=this + 1).contains(&fiscal_year) {
        Ok(())
    } else {
        Err(ValidationErrors::single(
            "fiscal_year",
            format!("Choose a fiscal year from FY{} to FY{}.", this - 5, this + 1),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_years_offered_surround_the_one_today_is_in() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(fiscal_years(day), vec![2026, 2027, 2028]);
        let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(fiscal_years(june), vec![2025, 2026, 2027]);
    }

    #[test]
    fn a_year_reads_with_its_dates() {
        assert_eq!(year_label(2027), "FY2027: 07/01/2026 to 06/30/2027");
    }

    #[test]
    fn years_far_away_are_refused() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert!(check_year(2027, day).is_ok());
        assert!(check_year(2022, day).is_ok());
        let e = check_year(2029, day).unwrap_err();
        assert_eq!(e.0[0].field, "fiscal_year");
        assert!(check_year(2021, day).is_err());
    }
}
