//! Repository: participants. Search, sort and paging happen here, in SQL.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::audit::timestamp;
use super::StoreError;
use crate::demographics::{Demographics, Race};
use crate::participants::{
    fold, search_key, Participant, ParticipantDetails, ParticipantPage, ParticipantQuery, ParticipantRow,
    ParticipantSort, ParticipantStatus, ReferralSource,
};
use crate::validation::Choice;

pub fn insert(conn: &Connection, d: &ParticipantDetails, at: DateTime<Utc>) -> Result<i64, StoreError> {
    let now = timestamp(at);
    conn.execute(
        "INSERT INTO participant (legal_name, preferred_name, birth_date, phone, email, last_known_location,
            referral_source, referring_organization, referring_contact, referral_date, expected_release_date,
            status, search_key, sort_name, created_at, updated_at,
            sex, race_ethnicity, veteran_status, disabling_condition, mental_health_disorder, substance_use_disorder)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        params![
            d.legal_name,
            d.preferred_name,
            d.birth_date,
            d.phone,
            d.email,
            d.last_known_location,
            d.referral_source.code(),
            d.referring_organization,
            d.referring_contact,
            d.referral_date,
            d.expected_release_date,
            d.status.code(),
            search_key(d),
            fold(&d.legal_name),
            now,
            d.demographics.sex.code(),
            race_codes(&d.demographics)?,
            d.demographics.veteran_status.code(),
            d.demographics.disabling_condition.code(),
            d.demographics.mental_health_disorder.code(),
            d.demographics.substance_use_disorder.code(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the details of participant `id`; `false` when there is none.
pub fn update(conn: &Connection, id: i64, d: &ParticipantDetails, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE participant SET legal_name = ?2, preferred_name = ?3, birth_date = ?4, phone = ?5, email = ?6,
            last_known_location = ?7, referral_source = ?8, referring_organization = ?9, referring_contact = ?10,
            referral_date = ?11, expected_release_date = ?12, status = ?13, search_key = ?14, sort_name = ?15,
            updated_at = ?16, sex = ?17, race_ethnicity = ?18, veteran_status = ?19, disabling_condition = ?20,
            mental_health_disorder = ?21, substance_use_disorder = ?22
         WHERE id = ?1",
        params![
            id,
            d.legal_name,
            d.preferred_name,
            d.birth_date,
            d.phone,
            d.email,
            d.last_known_location,
            d.referral_source.code(),
            d.referring_organization,
            d.referring_contact,
            d.referral_date,
            d.expected_release_date,
            d.status.code(),
            search_key(d),
            fold(&d.legal_name),
            timestamp(at),
            d.demographics.sex.code(),
            race_codes(&d.demographics)?,
            d.demographics.veteran_status.code(),
            d.demographics.disabling_condition.code(),
            d.demographics.mental_health_disorder.code(),
            d.demographics.substance_use_disorder.code(),
        ],
    )?;
    Ok(changed == 1)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Participant>, StoreError> {
    conn.query_row(
        "SELECT id, legal_name, preferred_name, birth_date, phone, email, last_known_location, referral_source,
                referring_organization, referring_contact, referral_date, expected_release_date, status,
                created_at, updated_at, sex, race_ethnicity, veteran_status, disabling_condition,
                mental_health_disorder, substance_use_disorder
         FROM participant WHERE id = ?1",
        [id],
        |r| Ok(read_participant(r)),
    )
    .optional()?
    .transpose()
}

/// The participant's assigned case manager: `None` when there is no such
/// participant, `Some(None)` when nobody is assigned.
pub fn case_manager(conn: &Connection, id: i64) -> Result<Option<Option<i64>>, StoreError> {
    Ok(conn.query_row("SELECT case_manager_id FROM participant WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Moves a participant along the program's path (screening, enrollment, exit).
pub fn set_status(conn: &Connection, id: i64, status: ParticipantStatus, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE participant SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.code(), timestamp(at)],
    )?;
    Ok(())
}

pub fn set_case_manager(
    conn: &Connection,
    id: i64,
    staff_id: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE participant SET case_manager_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, staff_id, timestamp(at)],
    )?;
    Ok(())
}

/// One page of the list, with the number of matches on all pages.
pub fn list(conn: &Connection, q: &ParticipantQuery) -> Result<ParticipantPage, StoreError> {
    let search = q.search_key();
    let pattern = super::contains_pattern(&search);
    let status = q.status.map(|s| s.code());
    // Only the filters in use go into the query, so an unfiltered count and
    // page are answered from the indexes without reading every row.
    let mut filters = Vec::new();
    if !search.is_empty() {
        filters.push("search_key LIKE :pattern ESCAPE '\\'");
    }
    if status.is_some() {
        filters.push("status = :status");
    }
    let filter = if filters.is_empty() { String::new() } else { format!("WHERE {}", filters.join(" AND ")) };
    let order = match q.sort {
        ParticipantSort::Name => "sort_name",
        ParticipantSort::BirthDate => "birth_date",
        ParticipantSort::Status => "status",
        ParticipantSort::ReferralDate => "referral_date",
        ParticipantSort::ExpectedReleaseDate => "expected_release_date IS NULL, expected_release_date",
        ParticipantSort::UpdatedAt => "updated_at",
    };
    let direction = if q.descending { "DESC" } else { "ASC" };
    // Every piece spliced into the SQL comes from the fixed lists above,
    // never from what was typed; typed values are bound as parameters.
    let sql = format!(
        "SELECT id, legal_name, preferred_name, birth_date, status, referral_source, referral_date,
                expected_release_date
         FROM participant {filter}
         ORDER BY {order} {direction}, sort_name, id
         LIMIT :limit OFFSET :offset"
    );
    let offset = i64::try_from(q.offset()).unwrap_or(i64::MAX);
    let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
    if !search.is_empty() {
        named.push((":pattern", &pattern));
    }
    if let Some(status) = &status {
        named.push((":status", status));
    }
    let count_params = named.clone();
    let limit = q.limit();
    named.push((":limit", &limit));
    named.push((":offset", &offset));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(named.as_slice(), |r| Ok(read_row(r)))?.map(|r| r?).collect::<Result<Vec<_>, _>>()?;
    let total = super::count(conn, &format!("SELECT count(*) FROM participant {filter}"), count_params.as_slice())?;
    Ok(ParticipantPage { rows, total, page: q.page.max(1), page_size: q.limit() })
}

/// How many participants have each status.
pub fn count_by_status(conn: &Connection) -> Result<Vec<(ParticipantStatus, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT status, count(*) FROM participant GROUP BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    rows.map(|row| {
        let (code, n) = row?;
        Ok((parse_code::<ParticipantStatus>(&code)?, u64::try_from(n).unwrap_or(0)))
    })
    .collect()
}

pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    super::count(conn, "SELECT count(*) FROM participant", [])
}

fn read_row(r: &Row<'_>) -> Result<ParticipantRow, StoreError> {
    Ok(ParticipantRow {
        id: r.get(0)?,
        legal_name: r.get(1)?,
        preferred_name: r.get(2)?,
        birth_date: r.get(3)?,
        status: parse_code(&r.get::<_, String>(4)?)?,
        referral_source: Some(parse_code(&r.get::<_, String>(5)?)?),
        referral_date: r.get(6)?,
        expected_release_date: r.get(7)?,
    })
}

fn read_participant(r: &Row<'_>) -> Result<Participant, StoreError> {
    Ok(Participant {
        id: r.get(0)?,
        details: ParticipantDetails {
            legal_name: r.get(1)?,
            preferred_name: r.get(2)?,
            birth_date: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
            last_known_location: r.get(6)?,
            referral_source: parse_code::<ReferralSource>(&r.get::<_, String>(7)?)?,
            referring_organization: r.get(8)?,
            referring_contact: r.get(9)?,
            referral_date: r.get(10)?,
            expected_release_date: r.get(11)?,
            status: parse_code(&r.get::<_, String>(12)?)?,
            demographics: read_demographics(r, 15)?,
        },
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

/// The demographics from six columns starting at `at`: sex, race_ethnicity
/// (a JSON list of codes), veteran_status, disabling_condition,
/// mental_health_disorder, substance_use_disorder.
pub(crate) fn read_demographics(r: &Row<'_>, at: usize) -> Result<Demographics, StoreError> {
    let races: Vec<String> = serde_json::from_str(&r.get::<_, String>(at + 1)?)
        .map_err(|_| StoreError::Invariant("a participant's race and ethnicity is not a list".into()))?;
    let mut d = Demographics {
        sex: parse_code(&r.get::<_, String>(at)?)?,
        veteran_status: parse_code(&r.get::<_, String>(at + 2)?)?,
        disabling_condition: parse_code(&r.get::<_, String>(at + 3)?)?,
        mental_health_disorder: parse_code(&r.get::<_, String>(at + 4)?)?,
        substance_use_disorder: parse_code(&r.get::<_, String>(at + 5)?)?,
        ..Demographics::default()
    };
    for code in races {
        if let Some(race) = Race::ALL.iter().find(|x| x.code() == code) {
            d.race_ethnicity.push(*race);
        } else {
            d.race_none = parse_code(&code)?;
        }
    }
    Ok(d)
}

fn race_codes(d: &Demographics) -> Result<String, StoreError> {
    let typed = crate::demographics::DemographicsInput::from(d).race_ethnicity;
    serde_json::to_string(&typed).map_err(|e| StoreError::Invariant(e.to_string()))
}

fn parse_code<T: Choice>(code: &str) -> Result<T, StoreError> {
    super::code(code, "participant")
}
