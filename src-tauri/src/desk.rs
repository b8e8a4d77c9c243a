//! The desk: where the app stands (first run, waiting for the recovery
//! passphrase, open, signed in) and the entry points that the window's
//! commands and `hdesk` share. No Tauri here: tests drive it directly.

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{self, Session, StaffInput};
use crate::audit::{Actor, AuditAction, AuditEntry, Entity};
use crate::error::DeskError;
use crate::office::{Office, OfficeInput};
use crate::paths::DataLocation;
use crate::store::keyring::KeyVault;
use crate::store::open::{self, KeySource, Opening, PassphraseReason};
use crate::store::{self as db, Store};
use crate::validation::{Checker, ValidationErrors};

/// The moment an action happens: the instant for records, the office's
/// calendar day for rules about dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub at: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Moment {
    pub fn now() -> Self {
        let local = Local::now();
        Self { at: local.with_timezone(&Utc), today: local.date_naive() }
    }
}

/// Which screen the app must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// No database yet: set up the office.
    Setup,
    /// The recovery passphrase is needed to open the database.
    Passphrase,
    /// Open; nobody signed in.
    SignIn,
    /// A staff member is signed in.
    Ready,
    /// The data cannot be opened; `message` says why and what to do.
    Failed,
}

/// Everything the UI needs to know to pick its screen. Never holds a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppStatus {
    pub stage: Stage,
    pub passphrase_reason: Option<PassphraseReason>,
    /// Whether the system keyring answers; without one, the recovery
    /// passphrase is asked at every start.
    pub keyring_available: bool,
    /// How the open database was unlocked.
    pub key_source: Option<KeySource>,
    /// Whether the keyring now holds the key, so the next start needs no passphrase.
    pub key_in_keyring: bool,
    pub office: Option<Office>,
    pub session: Option<Session>,
    pub message: Option<String>,
    /// The folder holding the database and its key file.
    pub data_dir: String,
}

/// The first-run form: the office, its first administrator and the
/// recovery passphrase.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct SetupRequest {
    pub grantee_name: String,
    pub program: String,
    pub county: String,
    pub full_name: String,
    pub username: String,
    pub password: String,
    pub password_confirm: String,
    pub recovery_passphrase: String,
    pub recovery_passphrase_confirm: String,
}

enum Phase {
    Setup,
    Passphrase(PassphraseReason),
    Open { store: Store, key_source: KeySource, key_in_keyring: bool, session: Option<Session> },
    Failed(String),
}

/// The app's state and its shared entry points.
pub struct Desk {
    location: DataLocation,
    vault: Box<dyn KeyVault>,
    keyring_available: bool,
    phase: Phase,
}

impl Desk {
    /// Looks for the store in `location` and opens it with the keyring's key
    /// when it can. Never fails: a store that cannot be opened becomes the
    /// `Failed` stage with words for the person at the desk.
    pub fn start(location: DataLocation, vault: Box<dyn KeyVault>) -> Self {
        let keyring_available = open::keyring_reachable(vault.as_ref());
        let phase = match open::find_store(&location, vault.as_ref()) {
            Ok(Opening::NeedsSetup) => Phase::Setup,
            Ok(Opening::NeedsPassphrase(reason)) => Phase::Passphrase(reason),
            Ok(Opening::Open(store)) => {
                Phase::Open { store, key_source: KeySource::Keyring, key_in_keyring: true, session: None }
            }
            Err(e) => {
                tracing::error!(error = %e, "the store could not be opened");
                Phase::Failed(failure_message(&location, &e))
            }
        };
        Self { location, vault, keyring_available, phase }
    }

    pub fn location(&self) -> &DataLocation {
        &self.location
    }

    pub fn status(&self) -> Result<AppStatus, DeskError> {
        let mut status = AppStatus {
            stage: Stage::Setup,
            passphrase_reason: None,
            keyring_available: self.keyring_available,
            key_source: None,
            key_in_keyring: false,
            office: None,
            session: None,
            message: None,
            data_dir: self.location.dir().display().to_string(),
        };
        match &self.phase {
            Phase::Setup => {}
            Phase::Passphrase(reason) => {
                status.stage = Stage::Passphrase;
                status.passphrase_reason = Some(reason.clone());
            }
            Phase::Open { store, key_source, key_in_keyring, session } => {
                status.stage = if session.is_some() { Stage::Ready } else { Stage::SignIn };
                status.key_source = Some(*key_source);
                status.key_in_keyring = *key_in_keyring;
                status.office = db::office::get(store.conn())?;
                status.session = session.clone();
            }
            Phase::Failed(message) => {
                status.stage = Stage::Failed;
                status.message = Some(message.clone());
            }
        }
        Ok(status)
    }

    /// First run: checks the whole form, then creates the key, the key file,
    /// the database, the office and its first administrator.
    pub fn complete_setup(&mut self, request: &SetupRequest, when: Moment) -> Result<AppStatus, DeskError> {
        if !matches!(self.phase, Phase::Setup) {
            return Err(DeskError::AlreadySetUp);
        }
        let (office, admin) = check_setup(request)?;
        let (store, key_in_keyring) =
            open::create_store(&self.location, self.vault.as_ref(), &request.recovery_passphrase, |store| {
                store.with_tx(|tx| {
                    db::office::insert(tx, &office, when.at)?;
                    let id = db::staff::insert(tx, &admin, when.at)?
                        .ok_or_else(|| db::StoreError::Invariant("a new database already had staff".into()))?;
                    let actor = Actor { staff_id: Some(id), name: admin.username.clone() };
                    let created = |entity, entity_id, changes| AuditEntry {
                        actor: actor.clone(),
                        action: AuditAction::Create,
                        entity,
                        entity_id,
                        changes,
                    };
                    db::audit::insert(
                        tx,
                        &created(Entity::Office, Some(1), crate::audit::diff(None, &office, &[])),
                        when.at,
                    )?;
                    let member = db::staff::get(tx, id)?
                        .ok_or_else(|| db::StoreError::Invariant("the new administrator was not saved".into()))?;
                    db::audit::insert(
                        tx,
                        &created(Entity::Staff, Some(id), crate::audit::diff(None, &member, &["id"])),
                        when.at,
                    )?;
                    Ok::<_, DeskError>(())
                })
            })?;
        // Without a keyring, the next start will need the passphrase.
        let key_source = if key_in_keyring { KeySource::Keyring } else { KeySource::RecoveryPassphrase };
        self.phase = Phase::Open { store, key_source, key_in_keyring, session: None };
        self.status()
    }

    /// Opens the store with the recovery passphrase (no keyring, or the
    /// keyring lost its entry) and puts the key back in the keyring.
    pub fn unlock(&mut self, passphrase: &str, when: Moment) -> Result<AppStatus, DeskError> {
        if !matches!(self.phase, Phase::Passphrase(_)) {
            return self.status();
        }
        if passphrase.is_empty() {
            return Err(ValidationErrors::single("passphrase", "Enter the recovery passphrase.").into());
        }
        let (mut store, key_in_keyring) = open::open_with_passphrase(&self.location, self.vault.as_ref(), passphrase)?;
        store.with_tx(|tx| {
            let entry = AuditEntry {
                actor: Actor { staff_id: None, name: "recovery passphrase".into() },
                action: AuditAction::UnlockWithPassphrase,
                entity: Entity::Session,
                entity_id: None,
                changes: Vec::new(),
            };
            db::audit::insert(tx, &entry, when.at)
        })?;
        self.keyring_available = self.keyring_available || key_in_keyring;
        self.phase = Phase::Open { store, key_source: KeySource::RecoveryPassphrase, key_in_keyring, session: None };
        self.status()
    }

    /// Signs a staff member in. Every attempt is audited; a failure does
    /// not say whether the username or the password was wrong.
    pub fn sign_in(&mut self, username: &str, password: &str, when: Moment) -> Result<AppStatus, DeskError> {
        let Phase::Open { store, session, .. } = &mut self.phase else { return Err(DeskError::Locked) };
        let mut c = Checker::new();
        if username.trim().is_empty() {
            c.add("username", "Enter your username.");
        }
        if password.is_empty() {
            c.add("password", "Enter your password.");
        }
        c.finish(Some(()))?;
        let found = db::staff::find_for_sign_in(store.conn(), username)?;
        let member = match &found {
            Some((member, hash)) if member.active && accounts::verify_password(password, hash) => Some(member.clone()),
            Some((_, hash)) => {
                let _ = accounts::verify_password(password, hash);
                None
            }
            None => {
                accounts::verify_against_nothing(password);
                None
            }
        };
        let Some(member) = member else {
            let tried: String = username.trim().chars().take(64).collect();
            store.with_tx(|tx| {
                let entry = AuditEntry {
                    actor: Actor { staff_id: found.as_ref().map(|(m, _)| m.id), name: tried },
                    action: AuditAction::SignInFailed,
                    entity: Entity::Session,
                    entity_id: None,
                    changes: Vec::new(),
                };
                db::audit::insert(tx, &entry, when.at)
            })?;
            return Err(
                ValidationErrors::single("password", "The username or password is not right. Try again.").into()
            );
        };
        let new_session =
            Session { staff_id: member.id, username: member.username, full_name: member.full_name, role: member.role };
        store.with_tx(|tx| {
            let entry = AuditEntry {
                actor: new_session.actor(),
                action: AuditAction::SignIn,
                entity: Entity::Session,
                entity_id: None,
                changes: Vec::new(),
            };
            db::audit::insert(tx, &entry, when.at)
        })?;
        *session = Some(new_session);
        self.status()
    }

    pub fn sign_out(&mut self, when: Moment) -> Result<AppStatus, DeskError> {
        if let Phase::Open { store, session, .. } = &mut self.phase {
            if let Some(s) = session.take() {
                store.with_tx(|tx| {
                    let entry = AuditEntry {
                        actor: s.actor(),
                        action: AuditAction::SignOut,
                        entity: Entity::Session,
                        entity_id: None,
                        changes: Vec::new(),
                    };
                    db::audit::insert(tx, &entry, when.at)
                })?;
            }
        }
        self.status()
    }

    /// The open store and the signed-in staff member, for every service
    /// that needs both.
    pub fn signed_in(&mut self) -> Result<(&mut Store, &Session), DeskError> {
        match &mut self.phase {
            Phase::Open { store, session: Some(session), .. } => Ok((store, session)),
            Phase::Open { session: None, .. } => Err(DeskError::NotSignedIn),
            _ => Err(DeskError::Locked),
        }
    }

    /// The open store without a session: for `hdesk`, run by whoever holds
    /// the key on this machine.
    pub fn store(&self) -> Result<&Store, DeskError> {
        match &self.phase {
            Phase::Open { store, .. } => Ok(store),
            _ => Err(DeskError::Locked),
        }
    }
}

fn check_setup(r: &SetupRequest) -> Result<(Office, accounts::NewStaff), ValidationErrors> {
    let mut c = Checker::new();
    let office =
        OfficeInput { grantee_name: r.grantee_name.clone(), program: r.program.clone(), county: r.county.clone() }
            .check(&mut c);
    let admin = StaffInput {
        full_name: r.full_name.clone(),
        username: r.username.clone(),
        role: "administrator".into(),
        password: r.password.clone(),
        password_confirm: r.password_confirm.clone(),
    }
    .check(&mut c);
    accounts::check_new_password(
        &mut c,
        "recovery_passphrase",
        "recovery_passphrase_confirm",
        &r.recovery_passphrase,
        &r.recovery_passphrase_confirm,
        "recovery passphrase",
    );
    if !c.has_error("recovery_passphrase") && !r.password.is_empty() && r.recovery_passphrase == r.password {
        c.add("recovery_passphrase", "Use a recovery passphrase that is different from the administrator's password.");
    }
    let both = office.zip(admin);
    c.finish(both)
}

fn failure_message(location: &DataLocation, e: &open::OpenError) -> String {
    use crate::store::key::KeyError;
    use crate::store::StoreError;
    let dir = location.dir().display();
    match e {
        open::OpenError::Key(KeyError::KeyFileMissing { .. }) => format!(
            "The database is in {dir}, but its key file (housing-desk.key) is missing. \
             Put the key file back from a backup; Housing Desk will not replace the database."
        ),
        open::OpenError::Key(KeyError::KeyFileDamaged { .. }) => format!(
            "The key file housing-desk.key in {dir} is damaged. Put it back from a backup; \
             Housing Desk will not replace the database."
        ),
        open::OpenError::Store(StoreError::TooNew { .. }) => {
            "This database was saved by a newer version of Housing Desk. Install the newer version to open it."
                .to_string()
        }
        _ => format!(
            "Housing Desk could not open the database in {dir}. It has not been changed or replaced. \
             Tell your administrator: the details are in the log."
        ),
    }
}
