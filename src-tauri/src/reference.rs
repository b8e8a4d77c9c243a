//! The program reference tables: figures that change by year or by place,
//! each with the date it took effect and where it came from.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::rules::Money;

/// The 24 CFR 5.611 deduction amounts in force from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeductionSet {
    pub effective_from: chrono::NaiveDate,
    pub label: String,
    pub dependent_deduction: Money,
    pub elderly_disabled_deduction: Money,
    pub medical_threshold_percent: Decimal,
    pub source: String,
}

/// A Fair Market Rent area, with the counties it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FmrArea {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub counties: String,
}

/// One published figure in force on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub amount: Money,
    pub effective_from: chrono::NaiveDate,
    pub source: String,
}

/// A value a calculation used, as shown beside the result and kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct ParameterUsed {
    pub name: String,
    pub value: String,
    pub effective_from: String,
    pub source: String,
}
