//! Repository: landlords, with their unit count and incentives paid.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::landlords::{search_key, GranteeRelation, Landlord, LandlordDetails, LandlordRole};
use crate::rules::Money;
use crate::validation::Choice;

pub fn insert(conn: &Connection, d: &LandlordDetails, at: DateTime<Utc>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO landlord (name, organization, role, phone, email, mailing_address, payee_name, payee_address,
             grantee_relation, notes, search_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            d.name,
            d.organization,
            d.role.code(),
            d.phone,
            d.email,
            d.mailing_address,
            d.payee_name,
            d.payee_address,
            d.grantee_relation.code(),
            d.notes,
            search_key(d),
            timestamp(at)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, d: &LandlordDetails, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE landlord SET name = ?2, organization = ?3, role = ?4, phone = ?5, email = ?6, mailing_address = ?7,
             payee_name = ?8, payee_address = ?9, grantee_relation = ?10, notes = ?11, search_key = ?12,
             updated_at = ?13
         WHERE id = ?1",
        params![
            id,
            d.name,
            d.organization,
            d.role.code(),
            d.phone,
            d.email,
            d.mailing_address,
            d.payee_name,
            d.payee_address,
            d.grantee_relation.code(),
            d.notes,
            search_key(d),
            timestamp(at)
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "l.id, l.name, l.organization, l.role, l.phone, l.email, l.mailing_address, l.payee_name,
    l.payee_address, l.grantee_relation, l.notes,
    (SELECT count(*) FROM unit u WHERE u.landlord_id = l.id),
    (SELECT group_concat(i.amount, '|') FROM incentive i WHERE i.landlord_id = l.id AND i.status = 'paid')";

pub fn get(conn: &Connection, id: i64) -> Result<Option<Landlord>, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM landlord l WHERE l.id = ?1"), [id], |r| Ok(read(r)))
        .optional()?
        .transpose()
}

pub fn list(conn: &Connection, search: &str) -> Result<Vec<Landlord>, StoreError> {
    let pattern = super::contains_pattern(search);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM landlord l WHERE l.search_key LIKE ?1 ESCAPE '\\' ORDER BY l.search_key LIMIT 500"
    ))?;
    let rows = stmt.query_map([pattern], |r| Ok(read(r)))?;
    rows.map(|r| r?).collect()
}

fn read(r: &Row<'_>) -> Result<Landlord, StoreError> {
    let code = |i: usize| -> Result<String, StoreError> { Ok(r.get::<_, String>(i)?) };
    let bad = |c: String| StoreError::Invariant(format!("unknown code {c:?} in the landlord table"));
    let role = code(3)?;
    let relation = code(9)?;
    let paid: Option<String> = r.get(12)?;
    let incentives_paid = paid
        .unwrap_or_default()
        .split('|')
        .filter(|s| !s.is_empty())
        .map(|s| super::money(s, "incentive").map(|m| m.0))
        .sum::<Result<rust_decimal::Decimal, _>>()?;
    Ok(Landlord {
        id: r.get(0)?,
        details: LandlordDetails {
            name: r.get(1)?,
            organization: r.get(2)?,
            role: LandlordRole::from_code(&role).ok_or_else(|| bad(role.clone()))?,
            phone: r.get(4)?,
            email: r.get(5)?,
            mailing_address: r.get(6)?,
            payee_name: r.get(7)?,
            payee_address: r.get(8)?,
            grantee_relation: GranteeRelation::from_code(&relation).ok_or_else(|| bad(relation.clone()))?,
            notes: r.get(10)?,
        },
        units: r.get(11)?,
        incentives_paid: Money(incentives_paid),
    })
}
