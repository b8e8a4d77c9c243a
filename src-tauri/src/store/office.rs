//! Repository: the office (one row).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::timestamp;
use super::StoreError;
use crate::office::{Office, Program};
use crate::validation::Choice;

pub fn insert(conn: &Connection, office: &Office, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO office (id, grantee_name, program, county, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![office.grantee_name, office.program.code(), office.county, timestamp(at)],
    )?;
    Ok(())
}

/// The office, or `None` before setup finished.
pub fn get(conn: &Connection) -> Result<Option<Office>, StoreError> {
    let row = conn
        .query_row(
            "SELECT grantee_name, program, county, use_small_area_fmrs, mailing_address, phone FROM office WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )
        .optional()?;
    row.map(|(grantee_name, program, county, use_small_area_fmrs, mailing_address, phone)| {
        let program = Program::from_code(&program)
            .ok_or_else(|| StoreError::Invariant(format!("unknown program code {program:?}")))?;
        Ok(Office { grantee_name, program, county, use_small_area_fmrs, mailing_address, phone })
    })
    .transpose()
}

pub fn set_contact(conn: &Connection, mailing_address: Option<&str>, phone: Option<&str>) -> Result<(), StoreError> {
    conn.execute("UPDATE office SET mailing_address = ?1, phone = ?2 WHERE id = 1", params![mailing_address, phone])?;
    Ok(())
}

/// Turns the use of Small Area FMRs on or off.
pub fn set_small_area_fmrs(conn: &Connection, on: bool) -> Result<(), StoreError> {
    conn.execute("UPDATE office SET use_small_area_fmrs = ?1 WHERE id = 1", [on])?;
    Ok(())
}

/// Minutes without use after which the window locks itself.
pub fn lock_after_minutes(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("SELECT lock_after_minutes FROM office WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or(15))
}

pub fn set_lock_after_minutes(conn: &Connection, minutes: u32) -> Result<(), StoreError> {
    conn.execute("UPDATE office SET lock_after_minutes = ?1 WHERE id = 1", [minutes])?;
    Ok(())
}
