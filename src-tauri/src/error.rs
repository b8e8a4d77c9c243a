//! The one error that crosses into the UI and the command line.
//!
//! Each layer has its own `thiserror` enum; they all turn into [`ApiError`],
//! which serializes as `{ "code": …, "message": …, "fields": [{ "field": …,
//! "message": … }] }`. Messages are written for office staff: what is wrong
//! and what to do. Details (SQL, paths, causes) go to the log, never here.

use serde::Serialize;
use ts_rs::TS;

use crate::store::key::KeyError;
use crate::store::open::OpenError;
use crate::store::StoreError;
use crate::validation::{FieldError, ValidationErrors};

/// What the services of every area can fail with.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    #[error("not signed in")]
    NotSignedIn,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the store is locked")]
    Locked,
    #[error("the window is locked")]
    WindowLocked,
    /// The data folder cannot be used (full, read-only, damaged); the words
    /// name the folder.
    #[error("{0}")]
    DataFolder(String),
    #[error("setup was already completed")]
    AlreadySetUp,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Key(#[from] KeyError),
}

impl From<OpenError> for DeskError {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Key(k) => DeskError::Key(k),
            OpenError::Store(s) => DeskError::Store(s),
        }
    }
}

/// The closed set of error kinds the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields are wrong; `fields` says which.
    Validation,
    /// The action needs a signed-in staff member.
    NotSignedIn,
    /// The signed-in staff member's role may not do this.
    Forbidden,
    /// The record asked for does not exist.
    NotFound,
    /// The store is not open yet (setup or recovery passphrase needed).
    Locked,
    /// The window locked itself or was locked; the staff member's password
    /// unlocks it.
    WindowLocked,
    /// Setup was already completed.
    AlreadySetUp,
    /// Something failed that staff cannot fix by retyping.
    Internal,
}

/// The error every command returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new() }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        for field in &self.fields {
            write!(f, "\n  {}: {}", field.field, field.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        let message = match errors.0.len() {
            1 => "There is a problem with one answer. Correct it and try again.".to_string(),
            n => format!("There are problems with {n} answers. Correct them and try again."),
        };
        Self { code: ErrorCode::Validation, message, fields: errors.0 }
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        use ErrorCode::*;
        match e {
            DeskError::Validation(v) => v.into(),
            DeskError::NotSignedIn => ApiError::new(NotSignedIn, "Your session has ended. Sign in again."),
            DeskError::Forbidden(what) => ApiError::new(Forbidden, what),
            DeskError::NotFound(what) => {
                ApiError::new(NotFound, format!("That {what} could not be found. It may have been removed."))
            }
            DeskError::Locked => ApiError::new(Locked, "Housing Desk is locked. Unlock it first."),
            DeskError::DataFolder(words) => ApiError::new(Internal, words),
            DeskError::WindowLocked => {
                ApiError::new(WindowLocked, "Housing Desk is locked. Enter your password to go on.")
            }
            DeskError::AlreadySetUp => ApiError::new(AlreadySetUp, "This office is already set up. Sign in instead."),
            DeskError::Key(KeyError::WrongPassphrase) => ValidationErrors::single(
                "passphrase",
                "That recovery passphrase does not open this database. Check it and try again.",
            )
            .into(),
            DeskError::Key(e) => {
                tracing::error!(error = %e, "key problem");
                ApiError::new(Internal, format!("The database key could not be used: {e}."))
            }
            DeskError::Store(StoreError::WrongKey) => ApiError::new(
                Internal,
                "The key does not open the database file. Restore the matching key file or a backup.",
            ),
            DeskError::Store(StoreError::TooNew { .. }) => ApiError::new(
                Internal,
                "This database was saved by a newer version of Housing Desk. Install the newer version to open it.",
            ),
            DeskError::Store(e) if e.storage_problem().is_some() => {
                tracing::error!(error = %e, "storage problem");
                ApiError::new(Internal, storage_message(e.storage_problem(), None))
            }
            DeskError::Store(e) => {
                tracing::error!(error = %e, "store problem");
                ApiError::new(Internal, "Housing Desk could not read or save the records. Nothing was changed. Try again, and if it happens again, tell your administrator.")
            }
        }
    }
}

/// What a storage problem means, in words for the person at the desk;
/// `folder` names the data folder when it is known.
pub fn storage_message(problem: Option<crate::store::StorageProblem>, folder: Option<&str>) -> String {
    use crate::store::StorageProblem;
    let folder = folder.map(|f| format!(" ({f})")).unwrap_or_default();
    match problem {
        Some(StorageProblem::Full) => format!(
            "The disk that holds the records{folder} is full, so nothing was saved. What you typed is still here: \
             free some space on the disk, or tell your administrator, then save again."
        ),
        Some(StorageProblem::ReadOnly) => format!(
            "The folder that holds the records{folder} cannot be written: it is read-only, or this account may \
             not write there. Nothing was changed. Tell your administrator."
        ),
        Some(StorageProblem::Damaged) => format!(
            "Part of the records file{folder} is damaged and cannot be read. Nothing was changed. An \
             administrator should restore the latest backup (Settings, \"Restore a backup\")."
        ),
        None => "Housing Desk could not read or save the records. Nothing was changed. Try again, and if it \
                 happens again, tell your administrator."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_json_is_pinned() {
        // The UI reads exactly these keys; changing them breaks every form.
        let err = ApiError::from(ValidationErrors(vec![FieldError::new("birth_date", "Enter a real date of birth.")]));
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"code":"validation","message":"There is a problem with one answer. Correct it and try again.","fields":[{"field":"birth_date","message":"Enter a real date of birth."}]}"#
        );
    }

    #[test]
    fn plain_error_has_empty_fields() {
        let err = ApiError::new(ErrorCode::NotSignedIn, "Sign in first.");
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"code":"not_signed_in","message":"Sign in first.","fields":[]}"#
        );
    }
}
