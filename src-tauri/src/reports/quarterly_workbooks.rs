//! The quarterly reports as workbooks: the performance data (PRTP/PPR) and
//! the financial data (PFR), each with a notes sheet that says what every
//! figure counts (Guide: Data Reporting).

use crate::validation::Choice;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::quarterly::{Measure, MeasureKind, QuarterlyFigures};
use super::workbook::{CellValue, Column, ColumnKind, Definition, Heading, Table};
use crate::reports::budget::year_label;

/// The performance workbook's sheets: the figures by aim, exits by
/// destination, engagement by month.
pub fn performance_sheets(f: &QuarterlyFigures, heading: Heading) -> Vec<(Option<Heading>, Table)> {
    let measures = Table {
        sheet: "Performance".into(),
        columns: vec![
            column("aim", "Aim of the Guide's purpose", ColumnKind::Text, 44.0),
            column("measure", "Measure", ColumnKind::Text, 44.0),
            column("value", "Value", ColumnKind::Text, 14.0),
            column("unit", "Unit", ColumnKind::Text, 10.0),
        ],
        rows: f
            .measures
            .iter()
            .map(|m| {
                vec![
                    CellValue::Text(m.aim.label().into()),
                    CellValue::Text(m.label.clone()),
                    measure_cell(m),
                    CellValue::Text(unit(m.kind).into()),
                ]
            })
            .collect(),
    };
    let exits = Table {
        sheet: "Exits by destination".into(),
        columns: vec![
            column("destination", "Destination", ColumnKind::Text, 48.0),
            column("exits", "Exits", ColumnKind::Integer, 10.0),
        ],
        rows: f
            .exits_by_destination
            .iter()
            .map(|(d, n)| vec![CellValue::Text(d.clone()), CellValue::Integer(i64::from(*n))])
            .collect(),
    };
    let engagement = Table {
        sheet: "Engagement".into(),
        columns: vec![
            column("month", "Month", ColumnKind::Text, 18.0),
            column("required", "Participants required to be seen", ColumnKind::Integer, 16.0),
            column("met", "Met the standard", ColumnKind::Integer, 14.0),
            column("share", "Share met", ColumnKind::Percent, 12.0),
        ],
        rows: f
            .engagement
            .iter()
            .map(|e| {
                vec![
                    CellValue::Text(e.label.clone()),
                    CellValue::Integer(i64::from(e.required)),
                    CellValue::Integer(i64::from(e.met)),
                    if e.required == 0 {
                        CellValue::Empty
                    } else {
                        CellValue::Percent((Decimal::from(e.met * 100) / Decimal::from(e.required)).round_dp(1))
                    },
                ]
            })
            .collect(),
    };
    vec![(Some(heading), measures), (None, exits), (None, engagement)]
}

/// What the performance workbook's figures mean.
pub fn performance_notes(f: &QuarterlyFigures) -> Vec<Definition> {
    let mut notes = vec![
        Definition {
            term: "The quarter".into(),
            meaning: format!(
                "{} ({} to {}). A participant counts once per figure, however many months of the quarter they appear in.",
                f.period,
                f.first.format("%m/%d/%Y"),
                f.last.format("%m/%d/%Y")
            ),
        },
        Definition {
            term: "The triple aim".into(),
            meaning: "The Guide's purpose: preventing institutionalization and overdose deaths, improving health outcomes and access to recovery support services, and reducing State costs.".into(),
        },
    ];
    notes.extend(
        f.measures
            .iter()
            .filter(|m| !m.note.is_empty())
            .map(|m| Definition { term: m.label.clone(), meaning: m.note.clone() }),
    );
    notes.push(Definition {
        term: "Engagement standard".into(),
        meaning: "At least two engagement visits in the month, one of them in the participant's home (Guide: Engagement and Support Services), counted for participants enrolled or housed the whole month.".into(),
    });
    notes.push(Definition {
        term: "No value".into(),
        meaning:
            "A blank value means there was nothing to measure (for example no one was first housed in the quarter)."
                .into(),
    });
    notes
}

/// The financial workbook's sheet: spending by eligible-cost category for
/// the quarter and the fiscal year to date against the budget.
pub fn financial_sheets(f: &QuarterlyFigures, heading: Heading) -> Vec<(Option<Heading>, Table)> {
    let money = |m: Option<crate::rules::Money>| m.map_or(CellValue::Empty, |m| CellValue::Money(m.0));
    let share = |budget: Option<crate::rules::Money>, spent: Decimal| match budget {
        Some(b) if b.0 > Decimal::ZERO => CellValue::Percent((spent * Decimal::ONE_HUNDRED / b.0).round_dp(1)),
        _ => CellValue::Empty,
    };
    let mut rows: Vec<Vec<CellValue>> = f
        .spending
        .iter()
        .map(|l| {
            vec![
                CellValue::Text(l.label.clone()),
                money(l.budget),
                CellValue::Money(l.quarter.0),
                CellValue::Money(l.year_to_date.0),
                money(l.remaining),
                share(l.budget, l.year_to_date.0),
            ]
        })
        .collect();
    rows.push(vec![
        CellValue::Text("Total".into()),
        money(f.budget_total),
        CellValue::Money(f.quarter_total.0),
        CellValue::Money(f.year_to_date_total.0),
        money(f.remaining_total),
        share(f.budget_total, f.year_to_date_total.0),
    ]);
    let spending = Table {
        sheet: "Spending".into(),
        columns: vec![
            column("category", "Eligible-cost category", ColumnKind::Text, 44.0),
            column("budget", &format!("Budget FY{}", f.fiscal_year), ColumnKind::Money, 16.0),
            column("quarter", "Spent in the quarter", ColumnKind::Money, 16.0),
            column("year_to_date", "Spent in the fiscal year to date", ColumnKind::Money, 18.0),
            column("remaining", "Budget remaining", ColumnKind::Money, 16.0),
            column("share", "Share of budget spent", ColumnKind::Percent, 14.0),
        ],
        rows,
    };
    vec![(Some(heading), spending)]
}

/// What the financial workbook's figures mean.
pub fn financial_notes(f: &QuarterlyFigures) -> Vec<Definition> {
    vec![
        Definition {
            term: "Fiscal year".into(),
            meaning: format!(
                "The State of Illinois' fiscal year, July to June, named by the year it ends. {}.",
                year_label(f.fiscal_year)
            ),
        },
        Definition {
            term: "Spent".into(),
            meaning: "Every payment recorded in the ledger for an eligible cost, by the day it was paid: in the quarter, and from the fiscal year's first day to the quarter's last day.".into(),
        },
        Definition {
            term: "Budget".into(),
            meaning: if f.budget_total.is_some() {
                "The grant budget by category as the supervisor entered it on the Reports page.".into()
            } else {
                "No grant budget has been entered for this fiscal year: enter it on the Reports page, then produce this report again.".into()
            },
        },
        Definition {
            term: "Categories".into(),
            meaning: "The eligible costs of the Guide (Eligible Costs); a category appears when it has a budget or spending.".into(),
        },
    ]
}

fn column(key: &str, header: &str, kind: ColumnKind, width: f64) -> Column {
    Column { key: key.into(), header: header.into(), kind, width }
}

fn measure_cell(m: &Measure) -> CellValue {
    let Some(v) = m.value else { return CellValue::Empty };
    match m.kind {
        MeasureKind::Count => match v.to_i64() {
            Some(n) if v.fract().is_zero() => CellValue::Integer(n),
            _ => CellValue::Hours(v),
        },
        MeasureKind::Days | MeasureKind::Hours => CellValue::Hours(v),
        MeasureKind::Percent => CellValue::Percent(v),
        MeasureKind::Money => CellValue::Money(v),
    }
}

fn unit(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::Count => "number",
        MeasureKind::Days => "days",
        MeasureKind::Hours => "hours",
        MeasureKind::Percent => "percent",
        MeasureKind::Money => "dollars",
    }
}
