//! Photos and documents kept with a unit, a landlord or an inspection (a
//! deficiency's photo, a lease, a utility bill), inside the encrypted store
//! so a copy never sits unprotected on disk until someone asks for it.

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Session;
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::landlords::require_housing_role;
use crate::store::{self as db, Store};
use crate::validation::{Checker, ValidationErrors};

/// The largest file kept: a phone photo or a scanned lease fits.
pub const MAX_BYTES: usize = 15 * 1024 * 1024;

/// The kinds of files kept, by media type, with the extension they save as.
const KINDS: &[(&str, &str)] = &[
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/heic", "heic"),
    ("image/webp", "webp"),
    ("application/pdf", "pdf"),
];

/// A file as sent by the window.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AttachmentInput {
    /// "unit", "landlord", "inspection" or "payment".
    pub entity: String,
    #[ts(type = "number")]
    pub entity_id: i64,
    pub file_name: String,
    pub media_type: String,
    /// The file's bytes, base64.
    pub base64: String,
}

/// A kept file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub added_by: Option<String>,
    pub added_at: String,
}

/// Keeps a file with a record, audited (its name and size, not its content).
pub fn add(
    store: &mut Store,
    session: &Session,
    input: &AttachmentInput,
    when: Moment,
) -> Result<Attachment, DeskError> {
    let entity = entity_of(&input.entity)?;
    match entity {
        // The invoice, receipt or approval letter behind a payment.
        Entity::Payment => crate::ledger::require_money_role(session)?,
        _ => require_housing_role(session)?,
    }
    match entity {
        Entity::Unit => drop(crate::units::get(store, input.entity_id)?),
        Entity::Landlord => drop(crate::landlords::get(store, input.entity_id)?),
        Entity::Payment => drop(crate::ledger::payment(store, input.entity_id)?),
        _ => drop(crate::inspections::get(store, input.entity_id)?),
    }
    let mut c = Checker::new();
    let file_name = clean_name(&c.required_text("file", &input.file_name, "the file", 200));
    if !KINDS.iter().any(|(t, _)| *t == input.media_type) {
        c.add("file", "Choose a photo (JPEG, PNG, HEIC, WebP) or a PDF.");
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(input.base64.trim()).ok();
    match &bytes {
        None => c.add("file", "The file could not be read. Choose it again."),
        Some(b) if b.is_empty() => c.add("file", "The file is empty."),
        Some(b) if b.len() > MAX_BYTES => {
            c.add("file", "The file is larger than 15 MB. Make the photo smaller or scan at a lower resolution.")
        }
        Some(_) => {}
    }
    let bytes = c.finish(bytes)?;
    let id = store.with_tx(|tx| {
        let id = db::attachments::insert(
            tx,
            entity.code(),
            input.entity_id,
            &file_name,
            &input.media_type,
            &bytes,
            session.staff_id,
            when.at,
        )?;
        let change = |field: &str, new: String| Change { field: field.into(), old: None, new: Some(new) };
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::Attachment,
            entity_id: Some(id),
            changes: vec![
                change("entity", format!("{} {}", entity.code(), input.entity_id)),
                change("file_name", file_name.clone()),
                change("size_bytes", bytes.len().to_string()),
            ],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(id)
    })?;
    list(store, session, &input.entity, input.entity_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(DeskError::NotFound("file"))
}

/// The files kept with a record, newest first; a payment's only for the
/// people who keep the payments.
pub fn list(store: &Store, session: &Session, entity: &str, entity_id: i64) -> Result<Vec<Attachment>, DeskError> {
    let entity = entity_of(entity)?;
    may_see(session, entity)?;
    Ok(db::attachments::list(store.conn(), entity.code(), entity_id)?)
}

fn may_see(session: &Session, entity: Entity) -> Result<(), DeskError> {
    match entity {
        Entity::Payment => crate::ledger::require_money_role(session),
        _ => Ok(()),
    }
}

/// Writes a copy of a kept file into `dir` to open it; answers where.
pub fn save_copy(
    store: &Store,
    session: &Session,
    id: i64,
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, DeskError> {
    let code = db::attachments::entity_of(store.conn(), id)?.ok_or(DeskError::NotFound("file"))?;
    may_see(session, entity_of(&code)?)?;
    let (file_name, bytes) = db::attachments::bytes(store.conn(), id)?.ok_or(DeskError::NotFound("file"))?;
    crate::housing_documents::save(dir, (file_name, bytes))
}

fn entity_of(code: &str) -> Result<Entity, DeskError> {
    match code {
        "unit" => Ok(Entity::Unit),
        "landlord" => Ok(Entity::Landlord),
        "inspection" => Ok(Entity::Inspection),
        "payment" => Ok(Entity::Payment),
        _ => Err(ValidationErrors::single(
            "entity",
            "Files are kept with a unit, a landlord, an inspection or a payment.",
        )
        .into()),
    }
}

/// A file name without folders or characters file systems refuse.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String =
        base.chars().map(|ch| if ch.is_control() || r#"<>:"|?*"#.contains(ch) { '_' } else { ch }).collect();
    let trimmed = cleaned.trim().trim_start_matches('.').to_string();
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_folders_and_bad_characters() {
        assert_eq!(clean_name("C:\\Users\\ana\\Desktop\\stove photo.jpg"), "stove photo.jpg");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("lease: 2F?.pdf"), "lease_ 2F_.pdf");
        assert_eq!(clean_name("..."), "file");
    }
}
