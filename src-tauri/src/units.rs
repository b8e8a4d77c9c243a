//! Units offered by landlords: where they are (county and ZIP pick the Fair
//! Market Rent area), what they are, who pays which utility, the asking rent,
//! and where each stands on the way to a lease.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{self, AuditAction, AuditEntry, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::income_calc::TenantUtilityForm;
use crate::landlords::require_housing_role;
use crate::participants::fold;
use crate::rules::utility_allowance::{Fuel, Utility};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{choices, Checker, Choice, ValidationErrors};

/// Where a unit stands on the way to a lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitStatus {
    Prospect,
    InspectionScheduled,
    /// Failed its latest HQS inspection; a follow-up is due.
    Failed,
    /// Passed HQS.
    Passed,
    Leased,
    Vacant,
    /// Not eligible for assistance (owner refused repairs, failed follow-up).
    Ineligible,
}

/// The housing types of form HUD-52580.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HousingType {
    SingleFamilyDetached,
    Duplex,
    RowHouse,
    LowRise,
    HighRise,
    Manufactured,
    Congregate,
    Cooperative,
    IndependentGroupResidence,
    SingleRoomOccupancy,
    SharedHousing,
    Other,
}

/// A utility the tenant pays, and its fuel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantUtility {
    pub utility: Utility,
    pub fuel: Fuel,
}

/// A unit's details, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitDetails {
    #[ts(type = "number")]
    pub landlord_id: i64,
    pub street: String,
    pub unit_number: Option<String>,
    pub city: String,
    pub zip: String,
    pub county: String,
    pub housing_type: HousingType,
    pub bedrooms: u32,
    pub square_feet: Option<u32>,
    pub year_built: Option<u32>,
    pub accessibility: Option<String>,
    pub amenities: Option<String>,
    pub owner_utilities: Vec<Utility>,
    pub tenant_utilities: Vec<TenantUtility>,
    #[ts(type = "string")]
    pub asking_rent: Money,
    pub available_on: Option<NaiveDate>,
    pub status: UnitStatus,
    /// Temporary housing (single-room occupancy and the like), for stays of at most 90 days.
    pub temporary: bool,
    pub notes: Option<String>,
}

/// A unit as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Unit {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: UnitDetails,
    pub landlord_name: String,
    /// The Fair Market Rent area the county picks, when one is on file.
    #[ts(type = "number | null")]
    pub area_id: Option<i64>,
    pub area_name: Option<String>,
}

/// The unit form as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct UnitInput {
    pub landlord_id: String,
    pub street: String,
    pub unit_number: String,
    pub city: String,
    pub zip: String,
    pub county: String,
    pub housing_type: String,
    pub bedrooms: String,
    pub square_feet: String,
    pub year_built: String,
    pub accessibility: String,
    pub amenities: String,
    pub owner_utilities: Vec<String>,
    pub tenant_utilities: Vec<TenantUtilityForm>,
    pub asking_rent: String,
    pub available_on: String,
    pub status: String,
    pub temporary: bool,
    pub notes: String,
}

/// The oldest and newest years a building can have been built.
const FIRST_YEAR: u32 = 1800;

impl UnitInput {
    /// Checks every field; `this_year` bounds the year built.
    pub fn validate(&self, this_year: u32) -> Result<UnitDetails, ValidationErrors> {
        let mut c = Checker::new();
        let landlord_id = self.landlord_id.trim().parse::<i64>().ok();
        if landlord_id.is_none() {
            c.add("landlord_id", "Choose the landlord.");
        }
        let street = c.required_text("street", &self.street, "the street address", 200);
        let unit_number = c.optional_text("unit_number", &self.unit_number, "the apartment number", 40);
        let city = c.required_text("city", &self.city, "the city", 100);
        let zip = self.zip.trim().to_string();
        if !(zip.len() == 5 && zip.chars().all(|ch| ch.is_ascii_digit())) {
            c.add("zip", "Enter the 5-digit ZIP code.");
        }
        let county = county_name(&c.required_text("county", &self.county, "the county", 100));
        let housing_type = c.choice::<HousingType>("housing_type", &self.housing_type, "the type of housing");
        let bedrooms = match self.bedrooms.trim().parse::<u32>() {
            Ok(b) if b <= 8 => Some(b),
            _ => {
                c.add("bedrooms", "Enter the number of bedrooms, 0 for an efficiency.");
                None
            }
        };
        let square_feet = optional_number(&mut c, "square_feet", &self.square_feet, "the square feet", 1, 20_000);
        let year_built =
            optional_number(&mut c, "year_built", &self.year_built, "the year built", FIRST_YEAR, this_year);
        let accessibility = c.optional_text("accessibility", &self.accessibility, "the accessibility features", 1_000);
        let amenities = c.optional_text("amenities", &self.amenities, "the amenities", 1_000);
        let mut owner_utilities = Vec::new();
        for code in &self.owner_utilities {
            match Utility::from_code(code) {
                Some(u) if !owner_utilities.contains(&u) => owner_utilities.push(u),
                Some(_) => {}
                None => c.add("owner_utilities", "Choose the utilities from the list."),
            }
        }
        let mut tenant_utilities: Vec<TenantUtility> = Vec::new();
        for (i, t) in self.tenant_utilities.iter().enumerate() {
            let utility = c.choice::<Utility>(&format!("tenant_utilities.{i}.utility"), &t.utility, "the utility");
            let fuel = if utility.is_some_and(|u| u.has_fuel()) {
                c.choice::<Fuel>(&format!("tenant_utilities.{i}.fuel"), &t.fuel, "the fuel")
            } else {
                Some(Fuel::None)
            };
            if let (Some(utility), Some(fuel)) = (utility, fuel) {
                if owner_utilities.contains(&utility) || tenant_utilities.iter().any(|x| x.utility == utility) {
                    c.add(
                        &format!("tenant_utilities.{i}.utility"),
                        format!("{} is listed twice: the owner or the tenant pays it, not both.", utility.label()),
                    );
                } else {
                    tenant_utilities.push(TenantUtility { utility, fuel });
                }
            }
        }
        let asking_rent = c.amount("asking_rent", &self.asking_rent, "the asking rent", true);
        if asking_rent.is_some_and(|r| r.0.is_zero()) {
            c.add("asking_rent", "Enter the asking rent, more than $0.");
        }
        let available_on = c.optional_date("available_on", &self.available_on, "the date it is available");
        let status = c.choice::<UnitStatus>("status", &self.status, "where the unit stands");
        let notes = c.optional_text("notes", &self.notes, "the notes", 4_000);
        let details = (|| {
            Some(UnitDetails {
                landlord_id: landlord_id?,
                street,
                unit_number,
                city,
                zip,
                county,
                housing_type: housing_type?,
                bedrooms: bedrooms?,
                square_feet,
                year_built,
                accessibility,
                amenities,
                owner_utilities,
                tenant_utilities,
                asking_rent: asking_rent?,
                available_on,
                status: status?,
                temporary: self.temporary,
                notes,
            })
        })();
        c.finish(details)
    }
}

/// A county's name as units keep it: "Cook County" and "cook" are "Cook".
pub fn county_name(typed: &str) -> String {
    let trimmed = typed.trim();
    let name = trimmed.strip_suffix(" County").or_else(|| trimmed.strip_suffix(" county")).unwrap_or(trimmed).trim();
    crate::validation::capitalize(name)
}

fn optional_number(c: &mut Checker, field: &str, typed: &str, what: &str, min: u32, max: u32) -> Option<u32> {
    let typed = typed.trim().replace(',', "");
    if typed.is_empty() {
        return None;
    }
    match typed.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            c.add(field, format!("Enter {what} as a number from {min} to {max}, or leave it empty."));
            None
        }
    }
}

/// The one-line address of a unit.
pub fn address(d: &UnitDetails) -> String {
    match &d.unit_number {
        Some(n) => format!("{}, {}, {}, IL {}", d.street, n, d.city, d.zip),
        None => format!("{}, {}, IL {}", d.street, d.city, d.zip),
    }
}

/// The text a unit is found by: its address and county, folded.
pub fn search_key(d: &UnitDetails) -> String {
    fold(&format!("{} {}", address(d), d.county))
}

/// The filters of the units list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct UnitQuery {
    /// Part of the address or county.
    pub search: String,
    pub status: Option<UnitStatus>,
    pub county: String,
    /// At least this many bedrooms.
    pub min_bedrooms: Option<u32>,
    /// Available on or before this day (or with no date).
    pub available_by: Option<NaiveDate>,
    /// Only units whose asking rent is within the payment standard for this
    /// many bedrooms in their area, as of today.
    pub within_payment_standard_for: Option<u32>,
    pub temporary_only: bool,
    /// From 1.
    pub page: u32,
}

/// One row of the units list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitRow {
    #[ts(type = "number")]
    pub id: i64,
    pub address: String,
    pub county: String,
    pub bedrooms: u32,
    #[ts(type = "string")]
    pub asking_rent: Money,
    pub available_on: Option<NaiveDate>,
    pub status: UnitStatus,
    pub temporary: bool,
    pub landlord_name: String,
    /// The date of the latest inspection and its outcome, if any.
    pub last_inspected_on: Option<NaiveDate>,
    pub last_outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitPage {
    pub rows: Vec<UnitRow>,
    #[ts(type = "number")]
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

pub const UNIT_PAGE_SIZE: u32 = 50;

pub fn create(store: &mut Store, session: &Session, input: &UnitInput, when: Moment) -> Result<Unit, DeskError> {
    require_housing_role(session)?;
    let details = checked(store, input, when)?;
    store.with_tx(|tx| {
        let area = db::units::area_for_county(tx, &details.county)?;
        let id = db::units::insert(tx, &details, area, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Unit,
            entity_id: Some(id),
            changes: audit::diff(None, &details, &[]),
        };
        db::audit::insert(tx, &entry, when.at)?;
        db::units::get(tx, id)?.ok_or(DeskError::NotFound("unit"))
    })
}

pub fn update(
    store: &mut Store,
    session: &Session,
    id: i64,
    input: &UnitInput,
    when: Moment,
) -> Result<Unit, DeskError> {
    require_housing_role(session)?;
    let details = checked(store, input, when)?;
    store.with_tx(|tx| {
        let old = db::units::get(tx, id)?.ok_or(DeskError::NotFound("unit"))?;
        let changes = audit::diff(Some(&old.details), &details, &[]);
        if changes.is_empty() {
            return Ok(old);
        }
        let area = db::units::area_for_county(tx, &details.county)?;
        db::units::update(tx, id, &details, area, when.at)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Unit,
            entity_id: Some(id),
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        db::units::get(tx, id)?.ok_or(DeskError::NotFound("unit"))
    })
}

pub fn get(store: &Store, id: i64) -> Result<Unit, DeskError> {
    db::units::get(store.conn(), id)?.ok_or(DeskError::NotFound("unit"))
}

/// A page of units matching `q`, on `today`'s payment standards.
pub fn list(store: &Store, q: &UnitQuery, today: NaiveDate) -> Result<UnitPage, DeskError> {
    let standards = match q.within_payment_standard_for {
        Some(bedrooms) => Some(db::units::payment_standards(store.conn(), bedrooms, today)?),
        None => None,
    };
    Ok(db::units::list(store.conn(), q, standards.as_deref())?)
}

/// Everything the unit page shows: the unit, its inspections and standing,
/// rent comparisons, payment standard checks and incentives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitView {
    pub unit: Unit,
    pub inspections: crate::inspections::UnitInspections,
    pub comparisons: Vec<crate::comparisons::RentComparison>,
    pub checks: Vec<crate::payment_check::PaymentStandardCheck>,
    pub incentives: Vec<crate::incentives::Incentive>,
    /// Ready to lease: passed inspection, a reasonable rent certified for the
    /// asking rent, and (when checked) within a participant's payment standard.
    pub ready: bool,
    /// What still stands in the way, in plain words.
    pub waiting_on: Vec<String>,
}

pub fn view(store: &Store, id: i64, today: NaiveDate) -> Result<UnitView, DeskError> {
    let unit = get(store, id)?;
    let inspections = crate::inspections::for_unit(store, id, today)?;
    let comparisons = crate::comparisons::for_unit(store, id)?;
    let checks = crate::payment_check::checks(store, id)?;
    let incentives = crate::incentives::for_unit(store, id)?;
    let mut waiting_on = Vec::new();
    if !inspections.assistance_allowed {
        waiting_on.push(format!("Inspection: {}", inspections.standing_label.to_lowercase()));
    }
    match comparisons.first() {
        None => waiting_on.push("Rent reasonableness: not certified yet".into()),
        Some(c) if c.determination != crate::comparisons::Determination::Reasonable => {
            waiting_on.push("Rent reasonableness: the rent was found not reasonable".into())
        }
        Some(c) if c.proposed_rent != unit.details.asking_rent => {
            waiting_on.push("Rent reasonableness: certified for a different rent; certify the asking rent".into())
        }
        Some(_) => {}
    }
    if checks.first().is_some_and(|c| !c.result.passes) {
        waiting_on.push("Payment standard: the latest check does not fit".into());
    }
    let ready = waiting_on.is_empty();
    Ok(UnitView { unit, inspections, comparisons, checks, incentives, ready, waiting_on })
}

fn checked(store: &Store, input: &UnitInput, when: Moment) -> Result<UnitDetails, DeskError> {
    use chrono::Datelike;
    let details = input.validate(u32::try_from(when.today.year()).unwrap_or(0))?;
    if db::landlords::get(store.conn(), details.landlord_id)?.is_none() {
        return Err(ValidationErrors::single("landlord_id", "Choose the landlord from the list.").into());
    }
    Ok(details)
}

choices!(UnitStatus {
    Prospect => "prospect", "Prospect";
    InspectionScheduled => "inspection_scheduled", "Inspection scheduled";
    Failed => "failed", "Failed inspection";
    Passed => "passed", "Passed inspection";
    Leased => "leased", "Leased";
    Vacant => "vacant", "Vacant";
    Ineligible => "ineligible", "Not eligible for assistance";
});

choices!(HousingType {
    SingleFamilyDetached => "single_family_detached", "Single-family detached";
    Duplex => "duplex", "Duplex or two-family";
    RowHouse => "row_house", "Row house or town house";
    LowRise => "low_rise", "Low-rise apartment (3 or 4 stories)";
    HighRise => "high_rise", "High-rise apartment (5 or more stories)";
    Manufactured => "manufactured", "Manufactured home";
    Congregate => "congregate", "Congregate";
    Cooperative => "cooperative", "Cooperative";
    IndependentGroupResidence => "independent_group_residence", "Independent group residence";
    SingleRoomOccupancy => "single_room_occupancy", "Single room occupancy";
    SharedHousing => "shared_housing", "Shared housing";
    Other => "other", "Other";
});

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> UnitInput {
        UnitInput {
            landlord_id: "1".into(),
            street: "1401 S Lawndale Ave".into(),
            unit_number: "2F".into(),
            city: "Chicago".into(),
            zip: "60623".into(),
            county: "Cook".into(),
            housing_type: "low_rise".into(),
            bedrooms: "1".into(),
            square_feet: "1,050".into(),
            year_built: "1924".into(),
            owner_utilities: vec!["water".into(), "trash".into()],
            tenant_utilities: vec![
                TenantUtilityForm { utility: "heating".into(), fuel: "natural_gas".into() },
                TenantUtilityForm { utility: "other_electric".into(), fuel: "".into() },
            ],
            asking_rent: "$1,150".into(),
            status: "prospect".into(),
            ..Default::default()
        }
    }

    #[test]
    fn good_input_is_checked() {
        let d = good().validate(2026).unwrap();
        assert_eq!(d.square_feet, Some(1050));
        assert_eq!(d.tenant_utilities.len(), 2);
        assert_eq!(d.tenant_utilities[1].fuel, Fuel::None);
        assert_eq!(address(&d), "1401 S Lawndale Ave, 2F, Chicago, IL 60623");
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut i = good();
        i.zip = "6062".into();
        i.bedrooms = "one".into();
        i.year_built = "2031".into();
        i.tenant_utilities.push(TenantUtilityForm { utility: "water".into(), fuel: "".into() });
        i.asking_rent = "0".into();
        let fields: Vec<_> = i.validate(2026).unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["zip", "bedrooms", "year_built", "tenant_utilities.2.utility", "asking_rent"]);
    }
}
