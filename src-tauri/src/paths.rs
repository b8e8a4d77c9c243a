//! Where the data lives: one folder holding the encrypted database and its
//! key file. By default the user's data directory (`$XDG_DATA_HOME/housing-desk`
//! on Linux, `%APPDATA%\housing-desk` on Windows, `~/Library/Application
//! Support/housing-desk` on macOS); `HOUSING_DESK_DATA_DIR` overrides it.

use std::path::{Path, PathBuf};

/// The environment variable that points Housing Desk at another data folder.
pub const DATA_DIR_ENV: &str = "HOUSING_DESK_DATA_DIR";
/// The environment variable that says where printed documents are saved.
pub const DOCUMENTS_DIR_ENV: &str = "HOUSING_DESK_DOCUMENTS_DIR";

/// Where documents staff print are saved: `HOUSING_DESK_DOCUMENTS_DIR`, else
/// "Housing Desk" in the user's Documents folder, else beside the data.
pub fn documents_dir(location: &DataLocation) -> PathBuf {
    match std::env::var_os(DOCUMENTS_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(|d| d.join("Housing Desk")))
            .unwrap_or_else(|| location.dir().join("documents")),
    }
}
/// Where the office's own wording lives (the HAP contract and the sublease,
/// which the Guide says grantees revise with counsel): "templates" in the
/// data folder, as plain text files the administrator edits.
pub fn templates_dir(location: &DataLocation) -> PathBuf {
    location.dir().join("templates")
}

const DATABASE_FILE: &str = "housing-desk.db";
const KEY_FILE: &str = "housing-desk.key";

/// The data folder and the files in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLocation {
    dir: PathBuf,
}

impl DataLocation {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `HOUSING_DESK_DATA_DIR` if set, else the platform's user data folder.
    pub fn from_env() -> Option<Self> {
        match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => Some(Self::new(dir)),
            _ => directories::BaseDirs::new().map(|b| Self::new(b.data_dir().join("housing-desk"))),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The encrypted database.
    pub fn database(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    /// Where first-run setup builds the database before moving it into place.
    pub fn partial_database(&self) -> PathBuf {
        self.dir.join("housing-desk.db.setup")
    }

    /// The recovery key file kept beside the database.
    pub fn key_file(&self) -> PathBuf {
        self.dir.join(KEY_FILE)
    }

    /// Where a key rotation writes the new key file before the database is
    /// re-encrypted; promoted to the key file once the rotation is done.
    pub fn pending_key_file(&self) -> PathBuf {
        self.dir.join("housing-desk.key.pending")
    }

    /// Where a restore copies the backup's database to check it before it
    /// replaces anything.
    pub fn restoring_database(&self) -> PathBuf {
        self.dir.join("housing-desk.db.restoring")
    }

    /// Where a restore keeps the database it replaced: a folder per restore
    /// inside `replaced`.
    pub fn replaced_dir(&self) -> PathBuf {
        self.dir.join("replaced")
    }

    /// The file every Housing Desk process on this data holds a shared lock
    /// on; a restore or key rotation needs it alone.
    pub fn lock_file(&self) -> PathBuf {
        self.dir.join("housing-desk.lock")
    }

    /// Creates the folder, readable by its owner only on Unix.
    pub fn ensure_dir(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
}
