//! DMH's own monthly template (Guide: Data Reporting: "must be reported
//! using the prescribed template"): the administrator loads it once, says
//! which of the app's fields fills each of its columns, and from then on the
//! app fills DMH's template itself.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{self, FIELDS};
use super::monthly::MonthlyRow;
use super::workbook::{self, Column, Table, TemplateLayout};
use crate::accounts::{Role, Session};
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::store::{self as db, Store};
use crate::validation::ValidationErrors;

/// The template's kind in the store (one per report; only the monthly has one).
const MONTHLY: &str = "monthly";

/// A column of DMH's template and the field that fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateColumn {
    /// The column's letter in Excel ("A", "AB").
    pub letter: String,
    pub header: String,
    /// The field's key, or none to leave the column empty.
    pub field: Option<String>,
}

/// A field the mapping can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldOption {
    pub key: String,
    pub header: String,
    pub meaning: String,
}

/// DMH's template as loaded, with its mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateView {
    pub file_name: String,
    pub sheet: String,
    /// As Excel numbers rows (from 1).
    pub header_row: u32,
    pub columns: Vec<TemplateColumn>,
    pub fields: Vec<FieldOption>,
    pub updated_by: String,
    pub updated_at: String,
}

/// The mapping as chosen: one entry per template column, a field key or
/// empty.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct MappingInput {
    pub fields: Vec<String>,
}

fn require_admin(session: &Session) -> Result<(), DeskError> {
    match session.role {
        Role::Administrator => Ok(()),
        _ => Err(DeskError::Forbidden("The administrator loads DMH's template and maps its columns.".into())),
    }
}

/// The loaded template, if any.
pub fn view(store: &Store, session: &Session) -> Result<Option<TemplateView>, DeskError> {
    super::require_report_role(session)?;
    db::reports::template(store.conn(), MONTHLY)?.map(shown).transpose()
}

/// Whether DMH's template is loaded with at least one column mapped.
pub fn ready(store: &Store) -> Result<bool, DeskError> {
    Ok(match db::reports::template(store.conn(), MONTHLY)? {
        Some(t) => parse_list(&t.mapping)?.iter().any(Option::is_some),
        None => false,
    })
}

/// Loads DMH's template from its file, finds its header row and suggests a
/// field for each column from the headers' words; replaces one loaded before,
/// keeping the fields the administrator chose for the headers it still has.
pub fn load(
    store: &mut Store,
    session: &Session,
    file_name: &str,
    bytes: &[u8],
    when: Moment,
) -> Result<TemplateView, DeskError> {
    require_admin(session)?;
    let layout = workbook::read_template(bytes).map_err(|e| ValidationErrors::single("file", e.to_string()))?;
    // A new version of the template keeps the field chosen for every header
    // it still has (by its words); only new headers get a suggestion.
    let mut mapping = suggest(&layout.headers);
    if let Some(before) = db::reports::template(store.conn(), MONTHLY)? {
        let old_headers: Vec<String> = serde_json::from_str(&before.headers).unwrap_or_default();
        let old_mapping = parse_list(&before.mapping)?;
        let key = |h: &str| h.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        for (i, header) in layout.headers.iter().enumerate() {
            if let Some(j) = old_headers.iter().position(|h| !h.trim().is_empty() && key(h) == key(header)) {
                if let Some(slot) = mapping.get_mut(i) {
                    *slot = old_mapping.get(j).cloned().flatten();
                }
            }
        }
    }
    let headers = to_json(&layout.headers)?;
    let mapping_json = to_json(&mapping)?;
    store.with_tx(|tx| {
        db::reports::save_template(
            tx,
            MONTHLY,
            file_name,
            bytes,
            &layout.sheet,
            layout.header_row,
            &headers,
            &mapping_json,
            session.staff_id,
            when.at,
        )?;
        audit(tx, session, vec![Change { field: "template".into(), old: None, new: Some(file_name.into()) }], when)
    })?;
    view(store, session)?.ok_or(DeskError::NotFound("template"))
}

/// Saves the mapping the administrator chose.
pub fn save(
    store: &mut Store,
    session: &Session,
    input: &MappingInput,
    when: Moment,
) -> Result<TemplateView, DeskError> {
    require_admin(session)?;
    let found = db::reports::template(store.conn(), MONTHLY)?.ok_or(DeskError::NotFound("template"))?;
    let headers: Vec<String> = from_json(&found.headers)?;
    if input.fields.len() != headers.len() {
        return Err(ValidationErrors::single(
            "fields",
            "The template changed while you were mapping it. Open it again.",
        )
        .into());
    }
    let mut errors = Vec::new();
    let mut mapping = Vec::with_capacity(headers.len());
    for (i, key) in input.fields.iter().enumerate() {
        let key = key.trim();
        if key.is_empty() {
            mapping.push(None);
        } else if fields::field(key).is_some() {
            mapping.push(Some(key.to_string()));
        } else {
            errors.push(crate::validation::FieldError::new(format!("fields.{i}"), "Choose a field from the list."));
        }
    }
    if !errors.is_empty() {
        return Err(ValidationErrors(errors).into());
    }
    if mapping.iter().all(Option::is_none) {
        return Err(ValidationErrors::single("fields", "Choose a field for at least one column.").into());
    }
    let old: Vec<Option<String>> = parse_list(&found.mapping)?;
    let changes: Vec<Change> = headers
        .iter()
        .zip(old.iter().zip(&mapping))
        .filter(|(_, (o, n))| o != n)
        .map(|(h, (o, n))| Change { field: h.clone(), old: o.clone(), new: n.clone() })
        .collect();
    let json = to_json(&mapping)?;
    store.with_tx(|tx| {
        db::reports::save_mapping(tx, MONTHLY, &json, session.staff_id, when.at)?;
        audit(tx, session, changes, when)
    })?;
    view(store, session)?.ok_or(DeskError::NotFound("template"))
}

/// DMH's template filled with `rows`.
pub fn fill(store: &Store, rows: &[MonthlyRow]) -> Result<Vec<u8>, DeskError> {
    let found = db::reports::template(store.conn(), MONTHLY)?.ok_or_else(|| {
        ValidationErrors::single("kind", "DMH's template is not loaded yet. The administrator loads it in Reports.")
    })?;
    let mapping = parse_list(&found.mapping)?;
    let layout =
        TemplateLayout { sheet: found.sheet, header_row: found.header_row, headers: from_json(&found.headers)? };
    let table = fields::table(&layout.sheet, rows);
    let columns: Vec<Option<usize>> = mapping
        .iter()
        .map(|key| key.as_deref().and_then(|k| table.columns.iter().position(|c: &Column| c.key == k)))
        .collect();
    let notice = crate::disclosure::notice_for(store, crate::disclosure::DocumentKind::DmhTemplate)?.map(|n| n.lines());
    workbook::fill_template(&found.content, &layout, &columns, &table as &Table, notice.as_deref()).map_err(|e| {
        DeskError::from(ValidationErrors::single("kind", format!("DMH's template could not be filled: {e}")))
    })
}

/// A field for each header, from its words: the first field whose words
/// the header holds, each field used once. A header nothing fits stays
/// empty for the administrator to choose.
pub fn suggest(headers: &[String]) -> Vec<Option<String>> {
    let mut used: Vec<&str> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let words = normalize(h);
            if words.is_empty() {
                return None;
            }
            let found = SYNONYMS
                .iter()
                .find(|(key, phrases)| !used.contains(key) && phrases.iter().any(|p| fits(&words, p)))
                .map(|(key, _)| *key)
                .or_else(|| {
                    FIELDS
                        .iter()
                        .map(|f| f.key)
                        .find(|k| !used.contains(k) && normalize(fields::field(k).map_or("", |f| f.header)) == words)
                });
            if let Some(k) = found {
                used.push(k);
            }
            found.map(str::to_string)
        })
        .collect()
}

/// Words DMH's and similar templates use for each field, most specific
/// first. A phrase fits a header that is exactly it or holds it as whole words.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("birth_date", &["date of birth", "dob", "birth date", "birthdate"]),
    ("referral_date", &["referral date", "date of referral", "date referred"]),
    ("move_in_date", &["move in date", "movein date", "housing move in", "date housed", "move in"]),
    ("exit_date", &["exit date", "date of exit", "discharge date", "program exit date"]),
    ("enrolled_on", &["enrollment date", "date enrolled", "enrolled date", "program entry date", "entry date"]),
    ("determined_on", &["determination date", "eligibility date", "date determined"]),
    ("temporary_housing_since", &["temporary housing start", "temporary housing from", "temp housing start"]),
    ("temporary_housing_days", &["days in temporary housing", "temporary housing days", "temp housing days"]),
    ("participant_id", &["participant id", "client id", "consumer id", "personal id", "id"]),
    ("name", &["participant name", "client name", "consumer name", "full name", "name"]),
    ("sex", &["sex", "gender"]),
    ("race_ethnicity", &["race and ethnicity", "race ethnicity", "race", "ethnicity"]),
    ("veteran_status", &["veteran status", "veteran"]),
    ("disabling_condition", &["disabling condition", "disability"]),
    ("mental_health_disorder", &["mental health disorder", "mental illness", "smi"]),
    ("substance_use_disorder", &["substance use disorder", "sud", "substance use"]),
    ("referring_organization", &["referring organization", "referring agency", "referral agency"]),
    ("referral_setting", &["referral setting", "referral source", "referred from", "referral location"]),
    ("eligibility_category", &["eligibility category", "risk category", "category"]),
    ("determination", &["eligibility determination", "determination", "eligible"]),
    ("living_situation", &["housing status", "living situation", "current living"]),
    ("stage", &["program status", "status"]),
    ("leasing_option", &["leasing option", "lease type", "master lease", "rental assistance option"]),
    ("contract_rent", &["contract rent", "gross rent", "rent amount", "monthly rent"]),
    ("tenant_rent", &["tenant rent", "tenant portion", "participant rent", "tenant payment"]),
    ("assistance", &["rental assistance", "assistance amount", "subsidy amount", "hap amount", "grantee payment"]),
    ("utility_reimbursement", &["utility reimbursement", "utility payment"]),
    ("home_visits", &["home visits", "home visit"]),
    ("visits", &["engagement visits", "number of visits", "visits", "contacts"]),
    ("engagement_met", &["engagement standard", "engagement met", "visit requirement"]),
    ("linkages", &["treatment linkage", "recovery support", "linkage", "treatment"]),
    ("vocational_hours", &["vocational hours", "ips hours", "crp hours", "vocational"]),
    ("employer", &["employed", "employment", "employer"]),
    (
        "institutional_days",
        &["days institutionalized", "days in an institution", "days in institution", "institutional days"],
    ),
    ("institutional_stays", &["institutional stays", "institutionalization", "hospitalizations", "incarcerations"]),
    ("exit_reason", &["exit reason", "reason for exit", "discharge reason"]),
    ("destination", &["exit destination", "destination"]),
    ("case_manager", &["case manager", "staff"]),
];

/// Lower-case words of a header, punctuation dropped ("Move-In Date:" ->
/// "move in date").
fn normalize(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn fits(words: &str, phrase: &str) -> bool {
    words == phrase || format!(" {words} ").contains(&format!(" {phrase} "))
}

fn shown(t: db::reports::StoredTemplate) -> Result<TemplateView, DeskError> {
    let headers: Vec<String> = from_json(&t.headers)?;
    let mapping = parse_list(&t.mapping)?;
    Ok(TemplateView {
        file_name: t.file_name,
        sheet: t.sheet,
        header_row: t.header_row + 1,
        columns: headers
            .into_iter()
            .enumerate()
            .map(|(i, header)| TemplateColumn {
                letter: column_letter(i),
                header,
                field: mapping.get(i).cloned().flatten(),
            })
            .collect(),
        fields: FIELDS
            .iter()
            .map(|f| FieldOption { key: f.key.into(), header: f.header.into(), meaning: f.meaning.into() })
            .collect(),
        updated_by: t.updated_by,
        updated_at: t.updated_at,
    })
}

/// Excel's letters for column `i` (from 0): A … Z, AA, AB …
pub fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn audit(
    tx: &rusqlite::Transaction<'_>,
    session: &Session,
    changes: Vec<Change>,
    when: Moment,
) -> Result<(), DeskError> {
    let entry = AuditEntry {
        actor: session.actor(),
        action: AuditAction::Update,
        entity: Entity::Report,
        entity_id: None,
        changes,
    };
    db::audit::insert(tx, &entry, when.at)?;
    Ok(())
}

fn to_json<T: Serialize>(v: &T) -> Result<String, DeskError> {
    serde_json::to_string(v).map_err(|e| DeskError::Store(db::StoreError::Invariant(e.to_string())))
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, DeskError> {
    serde_json::from_str(s)
        .map_err(|_| DeskError::Store(db::StoreError::Invariant("DMH's template as kept is not readable".into())))
}

fn parse_list(s: &str) -> Result<Vec<Option<String>>, DeskError> {
    from_json(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_are_matched_by_their_words() {
        let found = suggest(&headers(&[
            "Client ID",
            "Consumer Name",
            "DOB",
            "Gender",
            "Race",
            "Ethnicity",
            "Move-In Date:",
            "Referral Source",
            "# of Home Visits",
            "Exit Destination",
            "",
            "Favourite colour",
        ]));
        let keys: Vec<Option<&str>> = found.iter().map(|k| k.as_deref()).collect();
        assert_eq!(
            keys,
            vec![
                Some("participant_id"),
                Some("name"),
                Some("birth_date"),
                Some("sex"),
                Some("race_ethnicity"),
                // A second race column is left for the administrator: a field fills one column.
                None,
                Some("move_in_date"),
                Some("referral_setting"),
                Some("home_visits"),
                Some("destination"),
                None,
                None,
            ]
        );
    }

    #[test]
    fn a_word_inside_another_does_not_fit() {
        // "id" must not fit "Residence", nor "sud" "pseudonym".
        assert_eq!(suggest(&headers(&["Residence", "Pseudonym"])), vec![None, None]);
    }

    #[test]
    fn every_synonym_names_a_field() {
        for (key, _) in SYNONYMS {
            assert!(fields::field(key).is_some(), "{key}");
        }
    }

    #[test]
    fn the_app_own_headers_map_to_themselves() {
        let own: Vec<String> = FIELDS.iter().map(|f| f.header.to_string()).collect();
        let found = suggest(&own);
        for (f, k) in FIELDS.iter().zip(&found) {
            assert_eq!(k.as_deref(), Some(f.key), "{}", f.header);
        }
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
