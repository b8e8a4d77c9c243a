//! Rent reasonableness (Guide: Rent Reasonableness): a unit's rent beside at
//! least three comparable unassisted units, and the staff member's
//! determination, kept with the comparables it rests on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::landlords::require_housing_role;
use crate::rules::rent_reasonableness::{self, Comparison};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::units::HousingType;
use crate::validation::{choices, Checker, Choice, ValidationErrors};

/// The staff member's determination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Determination {
    Reasonable,
    NotReasonable,
}

/// The condition of a unit, as rent comparisons rate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    Excellent,
    Good,
    Fair,
    Poor,
}

/// A comparable unit as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComparableInput {
    pub address: String,
    pub bedrooms: String,
    pub housing_type: String,
    pub square_feet: String,
    pub year_built: String,
    pub quality: String,
    pub amenities: String,
    pub utilities_included: String,
    pub rent: String,
    /// Where the rent was seen: a listing site, a call to the owner.
    pub source: String,
    pub seen_on: String,
}

/// A comparison as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ComparisonInput {
    pub proposed_rent: String,
    pub comparables: Vec<ComparableInput>,
    pub determination: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Comparable {
    pub address: String,
    pub bedrooms: u32,
    pub housing_type: HousingType,
    pub square_feet: Option<u32>,
    pub year_built: Option<u32>,
    pub quality: Quality,
    pub amenities: Option<String>,
    pub utilities_included: Option<String>,
    #[ts(type = "string")]
    pub rent: Money,
    pub source: String,
    pub seen_on: NaiveDate,
}

/// A certified comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RentComparison {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub unit_id: i64,
    #[ts(type = "string")]
    pub proposed_rent: Money,
    pub comparables: Vec<Comparable>,
    pub comparison: Comparison,
    pub determination: Determination,
    pub notes: Option<String>,
    pub determined_on: NaiveDate,
    pub staff_name: Option<String>,
}

/// How long ago a comparable rent may have been seen.
const MAX_AGE_DAYS: i64 = 365;

/// Checks the comparison (at least three comparables, each complete) and
/// records the staff member's determination.
pub fn certify(
    store: &mut Store,
    session: &Session,
    unit_id: i64,
    input: &ComparisonInput,
    when: Moment,
) -> Result<RentComparison, DeskError> {
    require_housing_role(session)?;
    crate::units::get(store, unit_id)?;
    let (proposed_rent, comparables, determination, notes) = check(input, when.today)?;
    let id = store.with_tx(|tx| {
        let id = db::comparisons::insert(
            tx,
            unit_id,
            proposed_rent,
            &comparables,
            determination.code(),
            notes.as_deref(),
            when.today,
            session.staff_id,
            when.at,
        )?;
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::RentComparison,
            entity_id: Some(id),
            changes: vec![
                change("unit_id", unit_id.to_string()),
                change("proposed_rent", proposed_rent.0.to_string()),
                change("comparables", comparables.len().to_string()),
                change("determination", determination.code().into()),
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    get(store, id)
}

pub fn get(store: &Store, id: i64) -> Result<RentComparison, DeskError> {
    let stored = db::comparisons::get(store.conn(), id)?.ok_or(DeskError::NotFound("rent comparison"))?;
    with_comparison(stored)
}

/// A unit's comparisons, newest first.
pub fn for_unit(store: &Store, unit_id: i64) -> Result<Vec<RentComparison>, DeskError> {
    db::comparisons::for_unit(store.conn(), unit_id)?.into_iter().map(with_comparison).collect()
}

fn with_comparison(s: db::comparisons::StoredComparison) -> Result<RentComparison, DeskError> {
    let rents: Vec<Money> = s.comparables.iter().map(|c| c.rent).collect();
    let comparison = rent_reasonableness::compare(s.proposed_rent, &rents)
        .map_err(|e| DeskError::Store(db::StoreError::Invariant(format!("rent comparison {}: {e}", s.id))))?;
    Ok(RentComparison {
        id: s.id,
        unit_id: s.unit_id,
        proposed_rent: s.proposed_rent,
        comparables: s.comparables,
        comparison,
        determination: s.determination,
        notes: s.notes,
        determined_on: s.determined_on,
        staff_name: s.staff_name,
    })
}

type CheckedComparison = (Money, Vec<Comparable>, Determination, Option<String>);

/// Checks a comparison as typed. Comparable errors are named
/// `comparables.<i>.<field>`.
pub fn check(input: &ComparisonInput, today: NaiveDate) -> Result<CheckedComparison, ValidationErrors> {
    use chrono::Datelike;
    let mut c = Checker::new();
    let proposed_rent = c.amount("proposed_rent", &input.proposed_rent, "the proposed rent", true);
    let filled: Vec<(usize, &ComparableInput)> = input
        .comparables
        .iter()
        .enumerate()
        .filter(|(_, x)| !(x.address.trim().is_empty() && x.rent.trim().is_empty()))
        .collect();
    if let Err(problem) = rent_reasonableness::check_comparables(filled.len()) {
        c.add(problem.field(), problem.message());
    }
    let mut comparables = Vec::new();
    for (i, x) in filled {
        let f = |name: &str| format!("comparables.{i}.{name}");
        let address = c.required_text(&f("address"), &x.address, "the comparable's address", 300);
        let bedrooms = match x.bedrooms.trim().parse::<u32>() {
            Ok(b) if b <= 8 => Some(b),
            _ => {
                c.add(&f("bedrooms"), "Enter the bedrooms, 0 for an efficiency.");
                None
            }
        };
        let housing_type = c.choice::<HousingType>(&f("housing_type"), &x.housing_type, "the type of housing");
        let number = |c: &mut Checker, name: &str, typed: &str, what: &str, max: u32| -> Option<u32> {
            let typed = typed.trim().replace(',', "");
            if typed.is_empty() {
                return None;
            }
            let n = typed.parse::<u32>().ok().filter(|n| *n > 0 && *n <= max);
            if n.is_none() {
                c.add(&f(name), format!("Enter {what} as a number, or leave it empty."));
            }
            n
        };
        let square_feet = number(&mut c, "square_feet", &x.square_feet, "the square feet", 20_000);
        let year_built =
            number(&mut c, "year_built", &x.year_built, "the year built", u32::try_from(today.year()).unwrap_or(0));
        let quality = c.choice::<Quality>(&f("quality"), &x.quality, "the condition");
        let amenities = c.optional_text(&f("amenities"), &x.amenities, "the amenities", 500);
        let utilities_included = c.optional_text(&f("utilities_included"), &x.utilities_included, "the utilities", 300);
        let rent = c.amount(&f("rent"), &x.rent, "the comparable's rent", true);
        if rent.is_some_and(|r| r.0.is_zero()) {
            c.add(&f("rent"), "Enter the comparable's monthly rent, more than $0.");
        }
        let source = c.required_text(&f("source"), &x.source, "where the rent was seen", 300);
        let seen_on = c.past_date(&f("seen_on"), &x.seen_on, "the date the rent was seen", today, true);
        if seen_on.is_some_and(|d| (today - d).num_days() > MAX_AGE_DAYS) {
            c.add(&f("seen_on"), "The rent was seen more than a year ago: find a current one.");
        }
        if let (Some(bedrooms), Some(housing_type), Some(quality), Some(rent), Some(seen_on)) =
            (bedrooms, housing_type, quality, rent, seen_on)
        {
            comparables.push(Comparable {
                address,
                bedrooms,
                housing_type,
                square_feet,
                year_built,
                quality,
                amenities,
                utilities_included,
                rent,
                source,
                seen_on,
            });
        }
    }
    let determination = c.choice::<Determination>("determination", &input.determination, "your determination");
    let notes = c.optional_text("notes", &input.notes, "the notes", 2_000);
    if determination == Some(Determination::NotReasonable) && notes.is_none() {
        c.add("notes", "Say why the rent is not reasonable (the owner can be asked to lower it).");
    }
    let checked = (|| Some((proposed_rent?, comparables, determination?, notes)))();
    c.finish(checked)
}

choices!(Determination {
    Reasonable => "reasonable", "The rent is reasonable";
    NotReasonable => "not_reasonable", "The rent is not reasonable";
});

choices!(Quality {
    Excellent => "excellent", "Excellent";
    Good => "good", "Good";
    Fair => "fair", "Fair";
    Poor => "poor", "Poor";
});

#[cfg(test)]
mod tests {
    use super::*;

    fn comparable(rent: &str) -> ComparableInput {
        ComparableInput {
            address: "1500 S Homan Ave, Chicago".into(),
            bedrooms: "1".into(),
            housing_type: "low_rise".into(),
            quality: "good".into(),
            rent: rent.into(),
            source: "Zillow listing".into(),
            seen_on: "11/10/2026".into(),
            ..Default::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn fewer_than_three_comparables_are_refused() {
        let input = ComparisonInput {
            proposed_rent: "1150".into(),
            comparables: vec![comparable("1100"), comparable("1200"), ComparableInput::default()],
            determination: "reasonable".into(),
            notes: "".into(),
        };
        let fields: Vec<_> = check(&input, today()).unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["comparables"], "the blank third row does not count");
    }

    #[test]
    fn each_comparable_field_is_named() {
        let mut bad = comparable("0");
        bad.seen_on = "2025-10-01".into();
        let input = ComparisonInput {
            proposed_rent: "1150".into(),
            comparables: vec![comparable("1100"), comparable("1200"), bad],
            determination: "not_reasonable".into(),
            notes: "".into(),
        };
        let fields: Vec<_> = check(&input, today()).unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["comparables.2.rent", "comparables.2.seen_on", "notes"]);
    }
}
