//! Repository: units. Search, filters and paging happen here, in SQL.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use super::audit::timestamp;
use super::StoreError;
use crate::rules::utility_allowance::{Fuel, Utility};
use crate::rules::Money;
use crate::units::{
    address, search_key, HousingType, TenantUtility, Unit, UnitDetails, UnitPage, UnitQuery, UnitRow, UnitStatus,
    UNIT_PAGE_SIZE,
};
use crate::validation::Choice;

/// The Fair Market Rent area whose counties include `county` (as HUD lists
/// them: "Cook, DuPage, Kane"), if one is on file.
pub fn area_for_county(conn: &Connection, county: &str) -> Result<Option<i64>, StoreError> {
    let wanted = county.trim().trim_end_matches(" County").trim().to_lowercase();
    let mut stmt = conn.prepare_cached("SELECT id, counties FROM fmr_area ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, counties) = row?;
        if counties.split(',').any(|c| c.trim().trim_end_matches(" County").trim().to_lowercase() == wanted) {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Gives units with no FMR area the one their county now has (after an
/// import of HUD's table).
pub fn refresh_areas(conn: &Connection) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, county FROM unit WHERE area_id IS NULL")?;
    let units: Vec<(i64, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    for (id, county) in units {
        if let Some(area) = area_for_county(conn, &county)? {
            conn.execute("UPDATE unit SET area_id = ?2 WHERE id = ?1", params![id, area])?;
        }
    }
    Ok(())
}

/// Every area's payment standard (its Fair Market Rent in force on `on`) for
/// `bedrooms`, in cents.
pub fn payment_standards(conn: &Connection, bedrooms: u32, on: NaiveDate) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.area_id, f.amount FROM fair_market_rent f
         WHERE f.bedrooms = ?1 AND f.effective_from = (
             SELECT max(g.effective_from) FROM fair_market_rent g
             WHERE g.area_id = f.area_id AND g.bedrooms = ?1 AND g.effective_from <= ?2)",
    )?;
    let rows = stmt.query_map(params![bedrooms, on], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (area, amount) = row?;
        Ok((area, cents(&amount)?))
    })
    .collect()
}

pub fn insert(conn: &Connection, d: &UnitDetails, area: Option<i64>, at: DateTime<Utc>) -> Result<i64, StoreError> {
    let (owner, tenant) = utilities_json(d)?;
    conn.execute(
        "INSERT INTO unit (landlord_id, street, unit_number, city, zip, county, area_id, housing_type, bedrooms,
             square_feet, year_built, accessibility, amenities, owner_utilities, tenant_utilities, asking_rent,
             asking_rent_cents, available_on, status, temporary, notes, search_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
             ?23, ?23)",
        params![
            d.landlord_id,
            d.street,
            d.unit_number,
            d.city,
            d.zip,
            d.county,
            area,
            d.housing_type.code(),
            d.bedrooms,
            d.square_feet,
            d.year_built,
            d.accessibility,
            d.amenities,
            owner,
            tenant,
            d.asking_rent.0.to_string(),
            cents(&d.asking_rent.0.to_string())?,
            d.available_on,
            d.status.code(),
            d.temporary,
            d.notes,
            search_key(d),
            timestamp(at)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(
    conn: &Connection,
    id: i64,
    d: &UnitDetails,
    area: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (owner, tenant) = utilities_json(d)?;
    conn.execute(
        "UPDATE unit SET landlord_id = ?2, street = ?3, unit_number = ?4, city = ?5, zip = ?6, county = ?7,
             area_id = ?8, housing_type = ?9, bedrooms = ?10, square_feet = ?11, year_built = ?12,
             accessibility = ?13, amenities = ?14, owner_utilities = ?15, tenant_utilities = ?16, asking_rent = ?17,
             asking_rent_cents = ?18, available_on = ?19, status = ?20, temporary = ?21, notes = ?22,
             search_key = ?23, updated_at = ?24
         WHERE id = ?1",
        params![
            id,
            d.landlord_id,
            d.street,
            d.unit_number,
            d.city,
            d.zip,
            d.county,
            area,
            d.housing_type.code(),
            d.bedrooms,
            d.square_feet,
            d.year_built,
            d.accessibility,
            d.amenities,
            owner,
            tenant,
            d.asking_rent.0.to_string(),
            cents(&d.asking_rent.0.to_string())?,
            d.available_on,
            d.status.code(),
            d.temporary,
            d.notes,
            search_key(d),
            timestamp(at)
        ],
    )?;
    Ok(())
}

/// Moves a unit along (an inspection passed or failed it, a lease took it).
pub fn set_status(conn: &Connection, id: i64, status: UnitStatus, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE unit SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.code(), timestamp(at)],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Unit>, StoreError> {
    conn.query_row(
        "SELECT u.id, u.landlord_id, u.street, u.unit_number, u.city, u.zip, u.county, u.housing_type, u.bedrooms,
                u.square_feet, u.year_built, u.accessibility, u.amenities, u.owner_utilities, u.tenant_utilities,
                u.asking_rent, u.available_on, u.status, u.temporary, u.notes, l.name, u.area_id, a.name
         FROM unit u JOIN landlord l ON l.id = u.landlord_id LEFT JOIN fmr_area a ON a.id = u.area_id
         WHERE u.id = ?1",
        [id],
        |r| Ok(read_unit(r)),
    )
    .optional()?
    .transpose()
}

/// A page of units matching `q`; `standards` are each area's payment
/// standard in cents when the list keeps only units within it.
pub fn list(conn: &Connection, q: &UnitQuery, standards: Option<&[(i64, i64)]>) -> Result<UnitPage, StoreError> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut bind = |clauses: &mut Vec<String>, sql: &str, value: Box<dyn ToSql>| {
        args.push(value);
        clauses.push(sql.replace('?', &format!("?{}", args.len())));
    };
    let search = crate::participants::fold(q.search.trim());
    if !search.is_empty() {
        let pattern = super::contains_pattern(&search);
        bind(&mut clauses, "u.search_key LIKE ? ESCAPE '\\'", Box::new(pattern));
    }
    if let Some(status) = q.status {
        bind(&mut clauses, "u.status = ?", Box::new(status.code()));
    }
    let county = crate::units::county_name(&q.county);
    if !county.is_empty() {
        bind(&mut clauses, "u.county = ? COLLATE NOCASE", Box::new(county));
    }
    if let Some(b) = q.min_bedrooms {
        bind(&mut clauses, "u.bedrooms >= ?", Box::new(b));
    }
    if let Some(by) = q.available_by {
        bind(&mut clauses, "(u.available_on IS NULL OR u.available_on <= ?)", Box::new(by));
    }
    if q.temporary_only {
        clauses.push("u.temporary = 1".into());
    }
    if let Some(standards) = standards {
        // Area ids and cents are numbers from the store, not typed text.
        let within: Vec<String> = standards
            .iter()
            .map(|(area, cents)| format!("(u.area_id = {area} AND u.asking_rent_cents <= {cents})"))
            .collect();
        clauses.push(if within.is_empty() { "0".into() } else { format!("({})", within.join(" OR ")) });
    }
    let filter = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    let page = q.page.max(1);
    let offset = i64::from(page - 1) * i64::from(UNIT_PAGE_SIZE);
    let sql = format!(
        "SELECT u.id, u.street, u.unit_number, u.city, u.zip, u.county, u.bedrooms, u.asking_rent, u.available_on,
                u.status, u.temporary, l.name,
                (SELECT i.inspected_on || '|' || i.outcome FROM inspection i WHERE i.unit_id = u.id
                 ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1)
         FROM unit u JOIN landlord l ON l.id = u.landlord_id
         {filter}
         ORDER BY u.status = 'passed' DESC, u.available_on IS NULL, u.available_on, u.search_key, u.id
         LIMIT {UNIT_PAGE_SIZE} OFFSET {offset}"
    );
    let refs: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(refs.as_slice(), |r| Ok(read_row(r)))?.map(|r| r?).collect::<Result<Vec<_>, _>>()?;
    let total = super::count(conn, &format!("SELECT count(*) FROM unit u {filter}"), refs.as_slice())?;
    Ok(UnitPage { rows, total, page, page_size: UNIT_PAGE_SIZE })
}

/// Records a payment standard check (its result as JSON).
#[allow(clippy::too_many_arguments)]
pub fn insert_check(
    conn: &Connection,
    unit_id: i64,
    participant_id: i64,
    checked_on: NaiveDate,
    json: &str,
    result: &crate::payment_check::CheckResult,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO payment_standard_check (unit_id, participant_id, checked_on, result, passes, exception_percent,
             approved_by, approved_on, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            unit_id,
            participant_id,
            checked_on,
            json,
            result.passes,
            result.exception_percent,
            result.approved_by,
            result.approved_on,
            staff_id,
            timestamp(at)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A unit's checks, newest first: id, participant id and name, date, result JSON, staff name.
#[allow(clippy::type_complexity)]
pub fn checks(
    conn: &Connection,
    unit_id: i64,
) -> Result<Vec<(i64, i64, String, NaiveDate, String, Option<String>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.participant_id, p.legal_name, c.checked_on, c.result, s.full_name
         FROM payment_standard_check c JOIN participant p ON p.id = c.participant_id
         LEFT JOIN staff s ON s.id = c.staff_id
         WHERE c.unit_id = ?1 ORDER BY c.checked_on DESC, c.id DESC",
    )?;
    let rows = stmt.query_map([unit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn read_row(r: &Row<'_>) -> Result<UnitRow, StoreError> {
    let unit_number: Option<String> = r.get(2)?;
    let street: String = r.get(1)?;
    let city: String = r.get(3)?;
    let zip: String = r.get(4)?;
    let address = match unit_number {
        Some(n) => format!("{street}, {n}, {city}, IL {zip}"),
        None => format!("{street}, {city}, IL {zip}"),
    };
    let last: Option<String> = r.get(12)?;
    let (last_inspected_on, last_outcome) = match last.as_deref().and_then(|s| s.split_once('|')) {
        Some((date, outcome)) => (date.parse().ok(), Some(outcome.to_string())),
        None => (None, None),
    };
    Ok(UnitRow {
        id: r.get(0)?,
        address,
        county: r.get(5)?,
        bedrooms: r.get(6)?,
        asking_rent: money(&r.get::<_, String>(7)?)?,
        available_on: r.get(8)?,
        status: code(&r.get::<_, String>(9)?)?,
        temporary: r.get(10)?,
        landlord_name: r.get(11)?,
        last_inspected_on,
        last_outcome,
    })
}

fn read_unit(r: &Row<'_>) -> Result<Unit, StoreError> {
    let owner: Vec<String> = json(&r.get::<_, String>(13)?)?;
    let tenant: Vec<(String, String)> = json(&r.get::<_, String>(14)?)?;
    let details = UnitDetails {
        landlord_id: r.get(1)?,
        street: r.get(2)?,
        unit_number: r.get(3)?,
        city: r.get(4)?,
        zip: r.get(5)?,
        county: r.get(6)?,
        housing_type: code::<HousingType>(&r.get::<_, String>(7)?)?,
        bedrooms: r.get(8)?,
        square_feet: r.get(9)?,
        year_built: r.get(10)?,
        accessibility: r.get(11)?,
        amenities: r.get(12)?,
        owner_utilities: owner.iter().map(|c| code::<Utility>(c)).collect::<Result<_, _>>()?,
        tenant_utilities: tenant
            .iter()
            .map(|(u, f)| Ok(TenantUtility { utility: code(u)?, fuel: code::<Fuel>(f)? }))
            .collect::<Result<_, StoreError>>()?,
        asking_rent: money(&r.get::<_, String>(15)?)?,
        available_on: r.get(16)?,
        status: code(&r.get::<_, String>(17)?)?,
        temporary: r.get(18)?,
        notes: r.get(19)?,
    };
    let _ = address(&details);
    Ok(Unit { id: r.get(0)?, details, landlord_name: r.get(20)?, area_id: r.get(21)?, area_name: r.get(22)? })
}

fn utilities_json(d: &UnitDetails) -> Result<(String, String), StoreError> {
    let owner: Vec<&str> = d.owner_utilities.iter().map(|u| u.code()).collect();
    let tenant: Vec<(&str, &str)> = d.tenant_utilities.iter().map(|t| (t.utility.code(), t.fuel.code())).collect();
    let err = |e: serde_json::Error| StoreError::Invariant(e.to_string());
    Ok((serde_json::to_string(&owner).map_err(err)?, serde_json::to_string(&tenant).map_err(err)?))
}

fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Invariant(format!("unit utilities: {e}")))
}

fn code<T: Choice>(c: &str) -> Result<T, StoreError> {
    super::code(c, "unit")
}

fn money(text: &str) -> Result<Money, StoreError> {
    super::money(text, "unit")
}

fn cents(text: &str) -> Result<i64, StoreError> {
    let d = money(text)?.0;
    let c = (d * rust_decimal::Decimal::from(100)).round();
    i64::try_from(c).map_err(|_| StoreError::Invariant(format!("amount {text:?}")))
}
