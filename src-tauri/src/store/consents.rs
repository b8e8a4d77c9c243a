//! Repository: consents to disclose (migration 0020). Rows are inserted and
//! revoked, never deleted.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::StoreError;

/// A consent as stored, with the names of who recorded and revoked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConsent {
    pub id: i64,
    pub participant_id: i64,
    pub recipient: String,
    pub information: String,
    pub purpose: String,
    pub expires_on: Option<NaiveDate>,
    pub expiry_event: Option<String>,
    pub signed_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
    pub revoke_note: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: String,
    pub revoked_by: Option<String>,
}

/// A new consent.
pub struct NewConsent<'a> {
    pub participant_id: i64,
    pub recipient: &'a str,
    pub information: &'a str,
    pub purpose: &'a str,
    pub expires_on: Option<NaiveDate>,
    pub expiry_event: Option<&'a str>,
    pub signed_on: NaiveDate,
    pub recorded_by: i64,
    pub recorded_at: &'a str,
}

pub fn insert(conn: &Connection, c: &NewConsent<'_>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO disclosure_consent (participant_id, recipient, information, purpose, expires_on, expiry_event,
                                         signed_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.participant_id,
            c.recipient,
            c.information,
            c.purpose,
            c.expires_on,
            c.expiry_event,
            c.signed_on,
            c.recorded_by,
            c.recorded_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Marks consent `id` revoked; answers whether a consent not yet revoked
/// was there to revoke.
pub fn revoke(
    conn: &Connection,
    id: i64,
    revoked_on: NaiveDate,
    note: Option<&str>,
    staff_id: i64,
) -> Result<bool, StoreError> {
    let n = conn.execute(
        "UPDATE disclosure_consent SET revoked_on = ?2, revoke_note = ?3, revoked_by = ?4
         WHERE id = ?1 AND revoked_on IS NULL",
        params![id, revoked_on, note, staff_id],
    )?;
    Ok(n == 1)
}

const SELECT: &str = "SELECT c.id, c.participant_id, c.recipient, c.information, c.purpose, c.expires_on,
        c.expiry_event, c.signed_on, c.revoked_on, c.revoke_note, r.full_name, c.recorded_at, v.full_name
     FROM disclosure_consent c
     LEFT JOIN staff r ON r.id = c.recorded_by
     LEFT JOIN staff v ON v.id = c.revoked_by";

/// Consent `id`.
pub fn get(conn: &Connection, id: i64) -> Result<Option<StoredConsent>, StoreError> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?.query_row([id], read).optional()?)
}

/// A participant's consents, the latest signed first.
pub fn for_participant(conn: &Connection, participant_id: i64) -> Result<Vec<StoredConsent>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE c.participant_id = ?1 ORDER BY c.signed_on DESC, c.id DESC"))?;
    let rows = stmt.query_map([participant_id], read)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn read(r: &Row<'_>) -> rusqlite::Result<StoredConsent> {
    Ok(StoredConsent {
        id: r.get(0)?,
        participant_id: r.get(1)?,
        recipient: r.get(2)?,
        information: r.get(3)?,
        purpose: r.get(4)?,
        expires_on: r.get(5)?,
        expiry_event: r.get(6)?,
        signed_on: r.get(7)?,
        revoked_on: r.get(8)?,
        revoke_note: r.get(9)?,
        recorded_by: r.get(10)?,
        recorded_at: r.get(11)?,
        revoked_by: r.get(12)?,
    })
}

/// A participant the consent report is about: none current, or the
/// current one that lasts longest ends soon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentGap {
    pub participant_id: i64,
    pub name: String,
    pub status: String,
    pub case_manager_id: Option<i64>,
    pub case_manager: Option<String>,
    /// The latest expiry date among current consents; `None` with
    /// `current == 0`: no current consent at all.
    pub latest_expiry: Option<NaiveDate>,
    /// How many consents are current.
    pub current: i64,
    /// The recipient of the consent that lasts longest, when there is one.
    pub recipient: Option<String>,
}

/// Participants with one of `statuses` who, on `today`, have no current
/// consent, or whose current consents all expire on or before `by`. One
/// query over every participant (indexed by `participant_status` and
/// `disclosure_consent_participant`); a consent is current as
/// `rules::consent::consent_status` says: signed on or before `today`, not
/// revoked on or before it, and with no expiry date or one on or after it.
/// A consent that ends on an event counts as lasting (no date to run out).
pub fn gaps(
    conn: &Connection,
    statuses: &[&str],
    today: NaiveDate,
    by: NaiveDate,
) -> Result<Vec<ConsentGap>, StoreError> {
    let wanted = serde_json::to_string(statuses).map_err(|e| StoreError::Invariant(e.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.legal_name, p.status, p.case_manager_id, s.full_name,
                max(COALESCE(c.expires_on, '9999-12-31')), count(c.id),
                (SELECT c2.recipient FROM disclosure_consent c2
                  WHERE c2.participant_id = p.id AND (c2.revoked_on IS NULL OR c2.revoked_on > ?2)
                    AND c2.signed_on <= ?2 AND (c2.expires_on IS NULL OR c2.expires_on >= ?2)
                  ORDER BY COALESCE(c2.expires_on, '9999-12-31') DESC, c2.id DESC LIMIT 1)
         FROM participant p
         LEFT JOIN staff s ON s.id = p.case_manager_id
         LEFT JOIN disclosure_consent c
                ON c.participant_id = p.id AND (c.revoked_on IS NULL OR c.revoked_on > ?2)
               AND c.signed_on <= ?2 AND (c.expires_on IS NULL OR c.expires_on >= ?2)
         WHERE p.status IN (SELECT value FROM json_each(?1))
         GROUP BY p.id
         HAVING count(c.id) = 0 OR max(COALESCE(c.expires_on, '9999-12-31')) <= ?3
         ORDER BY p.sort_name, p.id",
    )?;
    let rows = stmt.query_map(params![wanted, today, by], |r| {
        let latest: Option<String> = r.get(5)?;
        let current: i64 = r.get(6)?;
        Ok(ConsentGap {
            participant_id: r.get(0)?,
            name: r.get(1)?,
            status: r.get(2)?,
            case_manager_id: r.get(3)?,
            case_manager: r.get(4)?,
            latest_expiry: if current == 0 { None } else { latest.and_then(|t| t.parse().ok()) },
            current,
            recipient: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
