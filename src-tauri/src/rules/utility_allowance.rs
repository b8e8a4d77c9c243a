//! The utility allowance from a PHA's schedule (form HUD-52667; Guide: Rent
//! and Utility Payment Standards, Utility Allowances/Payments): "based on the
//! utility allowance schedule developed by the Public Housing Authority",
//! for the tenant-paid utilities the Guide lists.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Money;

/// A row of the schedule: what the utility is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Utility {
    Heating,
    Cooking,
    WaterHeating,
    /// Lights and appliances.
    OtherElectric,
    AirConditioning,
    Water,
    Sewer,
    Trash,
    /// A range or microwave and refrigerator the tenant supplies.
    RangeRefrigerator,
    Other,
}

/// The fuel of a heating, cooking or water-heating row; `none` for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Fuel {
    NaturalGas,
    BottledGas,
    Electric,
    ElectricHeatPump,
    Oil,
    CoalOther,
    None,
}

impl Utility {
    /// Whether the schedule prices this utility by fuel.
    pub fn has_fuel(self) -> bool {
        matches!(self, Utility::Heating | Utility::Cooking | Utility::WaterHeating)
    }
}

/// One row of a schedule: monthly dollars for 0 to 5 bedrooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub utility: Utility,
    pub fuel: Fuel,
    pub by_bedrooms: [Money; 6],
}

/// A utility the tenant pays, with its fuel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantPaid {
    pub utility: Utility,
    pub fuel: Fuel,
}

/// The allowance cannot be read from the schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllowanceError {
    #[error("the schedule has no row for {utility:?} by {fuel:?}")]
    NoRow { utility: Utility, fuel: Fuel },
    #[error("{0:?} is listed twice")]
    Twice(Utility),
}

/// The utility allowance: "the sum of the rows the tenant pays, for its
/// bedroom count" (HUD-52667); units over five bedrooms use the five-bedroom
/// column, the largest the form has.
pub fn utility_allowance(rows: &[ScheduleRow], bedrooms: u32, paid: &[TenantPaid]) -> Result<Money, AllowanceError> {
    let column = bedrooms.min(5) as usize;
    let mut total = Money::ZERO;
    for (i, p) in paid.iter().enumerate() {
        if paid[..i].iter().any(|q| q.utility == p.utility) {
            return Err(AllowanceError::Twice(p.utility));
        }
        let fuel = if p.utility.has_fuel() { p.fuel } else { Fuel::None };
        let row = rows
            .iter()
            .find(|r| r.utility == p.utility && r.fuel == fuel)
            .ok_or(AllowanceError::NoRow { utility: p.utility, fuel })?;
        total = total + row.by_bedrooms[column];
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn row(utility: Utility, fuel: Fuel, amounts: [&str; 6]) -> ScheduleRow {
        ScheduleRow { utility, fuel, by_bedrooms: amounts.map(|a| Money(rust_decimal::Decimal::from_str(a).unwrap())) }
    }

    fn schedule() -> Vec<ScheduleRow> {
        vec![
            row(Utility::Heating, Fuel::NaturalGas, ["38", "45", "52", "60", "68", "75"]),
            row(Utility::Heating, Fuel::Electric, ["45", "55", "66", "77", "88", "99"]),
            row(Utility::Cooking, Fuel::Electric, ["6", "7", "9", "11", "13", "15"]),
            row(Utility::OtherElectric, Fuel::None, ["20", "25", "33", "41", "50", "58"]),
            row(Utility::Water, Fuel::None, ["12", "14", "19", "25", "31", "36"]),
        ]
    }

    fn paid(utility: Utility, fuel: Fuel) -> TenantPaid {
        TenantPaid { utility, fuel }
    }

    #[test]
    fn the_sum_of_the_rows_the_tenant_pays_for_the_bedrooms() {
        let p = [
            paid(Utility::Heating, Fuel::NaturalGas),
            paid(Utility::Cooking, Fuel::Electric),
            paid(Utility::OtherElectric, Fuel::Electric), // the fuel of a row without fuels is ignored
        ];
        assert_eq!(utility_allowance(&schedule(), 1, &p).unwrap().to_string(), "77.00");
        assert_eq!(utility_allowance(&schedule(), 0, &p).unwrap().to_string(), "64.00");
        assert_eq!(
            utility_allowance(&schedule(), 7, &p).unwrap().to_string(),
            "148.00",
            "over five: the 5-bedroom column"
        );
        assert_eq!(utility_allowance(&schedule(), 1, &[]).unwrap(), Money::ZERO, "the owner pays everything");
    }

    #[test]
    fn a_missing_row_or_a_utility_twice_is_refused() {
        assert_eq!(
            utility_allowance(&schedule(), 1, &[paid(Utility::Heating, Fuel::Oil)]),
            Err(AllowanceError::NoRow { utility: Utility::Heating, fuel: Fuel::Oil })
        );
        let twice = [paid(Utility::Heating, Fuel::NaturalGas), paid(Utility::Heating, Fuel::Electric)];
        assert_eq!(utility_allowance(&schedule(), 1, &twice), Err(AllowanceError::Twice(Utility::Heating)));
    }
}
