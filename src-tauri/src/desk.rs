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
    /// Signed in, but the window is locked until their password is given.
    Locked,
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
    /// Minutes without use after which the window locks itself.
    pub lock_after_minutes: u32,
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
    /// A shared lock on the data folder's lock file while this desk works
    /// on it; restoring or rotating the key needs it alone.
    lock: Option<std::fs::File>,
    /// The window is locked (no use for a while, or on demand): the session
    /// stays, and every command that needs it is refused until the signed-in
    /// staff member's password unlocks it.
    window_locked: bool,
}

impl Desk {
    /// Looks for the store in `location` and opens it with the keyring's key
    /// when it can. Never fails: a store that cannot be opened becomes the
    /// `Failed` stage with words for the person at the desk.
    pub fn start(location: DataLocation, vault: Box<dyn KeyVault>) -> Self {
        let keyring_available = open::keyring_reachable(vault.as_ref());
        let lock = shared_lock(&location);
        let phase = find_phase(&location, vault.as_ref());
        Self { location, vault, keyring_available, phase, lock, window_locked: false }
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
            lock_after_minutes: accounts::MAX_LOCK_AFTER_MINUTES,
        };
        match &self.phase {
            Phase::Setup => {}
            Phase::Passphrase(reason) => {
                status.stage = Stage::Passphrase;
                status.passphrase_reason = Some(reason.clone());
            }
            Phase::Open { store, key_source, key_in_keyring, session } => {
                status.stage = match session {
                    Some(_) if self.window_locked => Stage::Locked,
                    Some(_) => Stage::Ready,
                    None => Stage::SignIn,
                };
                status.lock_after_minutes = db::office::lock_after_minutes(store.conn())?;
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
        if self.lock.is_none() {
            self.lock = shared_lock(&self.location);
        }
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
        let opened = open::open_with_passphrase(&self.location, self.vault.as_ref(), passphrase);
        let (mut store, key_in_keyring) = opened.map_err(|e| match &e {
            open::OpenError::Store(s) if s.storage_problem().is_some() => DeskError::DataFolder(
                crate::error::storage_message(s.storage_problem(), Some(&self.location.dir().display().to_string())),
            ),
            _ => DeskError::from(e),
        })?;
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
        let verified = match &found {
            Some(record) => accounts::verify_password(password, &record.password_hash),
            None => {
                accounts::verify_against_nothing(password);
                false
            }
        };
        let tried: String = username.trim().chars().take(64).collect();
        let Some(record) = found else {
            store.with_tx(|tx| db::audit::insert(tx, &failed_entry(None, &tried, None), when.at))?;
            return Err(not_right());
        };
        let member = &record.member;
        // A locked account stays locked even with the right password.
        if let Some(until) = accounts::still_locked(member.locked_until.as_deref(), when.at) {
            store
                .with_tx(|tx| db::audit::insert(tx, &failed_entry(Some(member.id), &tried, Some("locked")), when.at))?;
            return Err(ValidationErrors::single("password", accounts::locked_message(until)).into());
        }
        if !(verified && member.active) {
            let locked = store.with_tx(|tx| count_failure(tx, &record, &tried, when))?;
            return Err(match locked {
                Some(until) => ValidationErrors::single("password", accounts::locked_message(until)).into(),
                None => not_right(),
            });
        }
        let new_session = Session {
            staff_id: member.id,
            username: member.username.clone(),
            full_name: member.full_name.clone(),
            role: member.role,
        };
        store.with_tx(|tx| {
            if record.failed_sign_ins > 0 || member.locked_until.is_some() {
                db::staff::clear_lock(tx, member.id)?;
            }
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
        self.window_locked = false;
        self.status()
    }

    pub fn sign_out(&mut self, when: Moment) -> Result<AppStatus, DeskError> {
        self.window_locked = false;
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
            Phase::Open { session: Some(_), .. } if self.window_locked => Err(DeskError::WindowLocked),
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

    /// Locks the window (no use for a while, or the staff member asked):
    /// the session stays, the page underneath keeps what was typed, and
    /// nothing reaches the records until the password is given.
    pub fn lock_window(&mut self, when: Moment) -> Result<AppStatus, DeskError> {
        if let Phase::Open { store, session: Some(s), .. } = &mut self.phase {
            if !self.window_locked {
                let entry = AuditEntry {
                    actor: s.actor(),
                    action: AuditAction::LockWindow,
                    entity: Entity::Session,
                    entity_id: None,
                    changes: Vec::new(),
                };
                store.with_tx(|tx| db::audit::insert(tx, &entry, when.at))?;
                self.window_locked = true;
            }
        }
        self.status()
    }

    /// Unlocks the window with the signed-in staff member's password. Its
    /// failures count toward the account's lock like sign-ins; the fifth
    /// signs them out.
    pub fn unlock_window(&mut self, password: &str, when: Moment) -> Result<AppStatus, DeskError> {
        if !self.window_locked {
            return self.status();
        }
        let Phase::Open { store, session: Some(s), .. } = &mut self.phase else { return self.status() };
        if password.is_empty() {
            return Err(ValidationErrors::single("password", "Enter your password.").into());
        }
        let record =
            db::staff::sign_in_record_of(store.conn(), s.staff_id)?.ok_or(DeskError::NotFound("staff account"))?;
        let verified = accounts::verify_password(password, &record.password_hash);
        let actor = s.actor();
        if verified
            && record.member.active
            && accounts::still_locked(record.member.locked_until.as_deref(), when.at).is_none()
        {
            store.with_tx(|tx| {
                if record.failed_sign_ins > 0 {
                    db::staff::clear_lock(tx, record.member.id)?;
                }
                let entry = AuditEntry {
                    actor,
                    action: AuditAction::UnlockWindow,
                    entity: Entity::Session,
                    entity_id: None,
                    changes: Vec::new(),
                };
                db::audit::insert(tx, &entry, when.at)
            })?;
            self.window_locked = false;
            return self.status();
        }
        let tried = record.member.username.clone();
        let locked = match accounts::still_locked(record.member.locked_until.as_deref(), when.at) {
            Some(until) => Some(until),
            None => store.with_tx(|tx| count_failure(tx, &record, &tried, when))?,
        };
        match locked {
            Some(until) => {
                // Locked out: the session ends; what was typed cannot be kept.
                if let Phase::Open { session, .. } = &mut self.phase {
                    *session = None;
                }
                self.window_locked = false;
                Err(ValidationErrors::single(
                    "password",
                    format!("{} You have been signed out.", accounts::locked_message(until)),
                )
                .into())
            }
            None => Err(ValidationErrors::single("password", "That is not your password. Try again.").into()),
        }
    }

    /// Writes the daily backup when the records are open and it is due
    /// ([`crate::backup::run_scheduled`]); `None` when nothing was due.
    pub fn scheduled_backup(&self, when: Moment) -> Option<Result<crate::backup::BackupMade, DeskError>> {
        let Phase::Open { store, .. } = &self.phase else { return None };
        crate::backup::run_scheduled(store, &self.location, when).transpose()
    }

    /// Who is replacing the records, and whether this computer's key may be
    /// used to open a backup. Signed in, only an administrator may; when no
    /// one can sign in (first start, a lost or damaged database, no key),
    /// the recovery passphrase is the proof.
    fn restorer(&self) -> Result<(Actor, bool), DeskError> {
        if self.window_locked {
            return Err(DeskError::WindowLocked);
        }
        match &self.phase {
            Phase::Open { session: Some(s), .. } if s.role == accounts::Role::Administrator => Ok((s.actor(), true)),
            Phase::Open { session: Some(_), .. } => {
                Err(DeskError::Forbidden("Only an administrator restores a backup.".into()))
            }
            Phase::Open { session: None, .. } => Err(DeskError::NotSignedIn),
            _ => Ok((Actor { staff_id: None, name: "recovery passphrase".into() }, false)),
        }
    }

    /// What a backup says about itself, before anything is replaced.
    pub fn inspect_backup(&self, path: &std::path::Path) -> Result<crate::restore::BackupSummary, DeskError> {
        let (_, may_use_keyring) = self.restorer()?;
        let mut summary = crate::restore::inspect(&self.location, self.vault.as_ref(), path)?;
        summary.opens_with_this_computers_key &= may_use_keyring;
        Ok(summary)
    }

    /// Replaces the records with the backup at `path` once it has passed
    /// every check ([`crate::restore`]). The database replaced is kept aside
    /// whole; everyone signs in again to the restored records.
    pub fn restore(
        &mut self,
        path: &std::path::Path,
        passphrase: &str,
        when: Moment,
    ) -> Result<(AppStatus, crate::restore::RestoreDone), DeskError> {
        let (actor, may_use_keyring) = self.restorer()?;
        self.restore_as(actor, may_use_keyring, path, passphrase, when)
    }

    /// A restore run by `hdesk` for the computer's user `user`: the
    /// recovery passphrase is always the proof. The window must be closed.
    pub fn restore_by_system(
        &mut self,
        user: &str,
        path: &std::path::Path,
        passphrase: &str,
        when: Moment,
    ) -> Result<(AppStatus, crate::restore::RestoreDone), DeskError> {
        self.restore_as(system_actor("restore", user), false, path, passphrase, when)
    }

    fn restore_as(
        &mut self,
        actor: Actor,
        may_use_keyring: bool,
        path: &std::path::Path,
        passphrase: &str,
        when: Moment,
    ) -> Result<(AppStatus, crate::restore::RestoreDone), DeskError> {
        use crate::restore;
        if !may_use_keyring && passphrase.is_empty() {
            return Err(ValidationErrors::single(
                "passphrase",
                "Enter the recovery passphrase that was in use when the backup was made.",
            )
            .into());
        }
        let vault = may_use_keyring.then_some(self.vault.as_ref());
        let prepared = restore::prepare(&self.location, vault, path, passphrase)?;
        if let Err(e) = self.take_alone() {
            restore::abandon(&self.location);
            return Err(e);
        }
        let source = path.display().to_string();
        if let Phase::Open { store, .. } = &mut self.phase {
            let entry = restore_entry(&actor, &source, None);
            if let Err(e) = store.with_tx(|tx| db::audit::insert(tx, &entry, when.at)) {
                self.share_again();
                restore::abandon(&self.location);
                return Err(e.into());
            }
        }
        if let Phase::Open { store, .. } = std::mem::replace(&mut self.phase, Phase::Setup) {
            if let Err(e) = store.close() {
                tracing::error!(error = %e, "closing the database before a restore");
            }
        }
        let swapped = restore::swap_in(&self.location, self.vault.as_ref(), prepared, when);
        let result = match swapped {
            Ok((mut store, key_in_keyring, done)) => {
                let entry = restore_entry(&actor, &source, done.set_aside.as_deref());
                store.with_tx(|tx| db::audit::insert(tx, &entry, when.at))?;
                let key_source = if may_use_keyring && passphrase.is_empty() {
                    KeySource::Keyring
                } else {
                    KeySource::RecoveryPassphrase
                };
                self.keyring_available = self.keyring_available || key_in_keyring;
                self.phase = Phase::Open { store, key_source, key_in_keyring, session: None };
                self.window_locked = false;
                Ok(done)
            }
            Err(e) => {
                // The files are back as they were: open them as at start-up.
                restore::abandon(&self.location);
                self.phase = find_phase(&self.location, self.vault.as_ref());
                Err(e)
            }
        };
        self.share_again();
        let done = result?;
        Ok((self.status()?, done))
    }

    /// The signed-in administrator's store, for the key's upkeep.
    fn administrator(&mut self, what: &str) -> Result<(&mut Store, Session), DeskError> {
        let (store, session) = self.signed_in()?;
        accounts::require_administrator(session, what)?;
        let session = session.clone();
        Ok((store, session))
    }

    /// Re-encrypts the database under a new key ([`crate::keys`]).
    pub fn rotate_key(&mut self, passphrase: &str, when: Moment) -> Result<AppStatus, DeskError> {
        let (_, session) = self.administrator("changes the database key")?;
        self.rotate_key_as(session.actor(), passphrase, when)
    }

    /// A key rotation run by `hdesk` for the computer's user `user`.
    pub fn rotate_key_by_system(&mut self, user: &str, passphrase: &str, when: Moment) -> Result<(), DeskError> {
        self.store()?;
        self.rotate_key_as(system_actor("rotate-key", user), passphrase, when).map(|_| ())
    }

    fn rotate_key_as(&mut self, actor: Actor, passphrase: &str, when: Moment) -> Result<AppStatus, DeskError> {
        self.take_alone()?;
        let rotated = (|| {
            let location = self.location.clone();
            let vault: &dyn KeyVault = self.vault.as_ref();
            let Phase::Open { store, key_in_keyring, .. } = &mut self.phase else {
                return Err(DeskError::Locked);
            };
            *key_in_keyring = crate::keys::rotate_key(store, &location, vault, passphrase)?;
            let entry = AuditEntry {
                actor,
                action: AuditAction::RotateKey,
                entity: Entity::Database,
                entity_id: None,
                changes: Vec::new(),
            };
            store.with_tx(|tx| db::audit::insert(tx, &entry, when.at)).map_err(DeskError::from)
        })();
        self.share_again();
        rotated?;
        self.status()
    }

    /// Wraps the database key under a new recovery passphrase.
    pub fn change_passphrase(
        &mut self,
        change: &crate::keys::PassphraseChange,
        when: Moment,
    ) -> Result<AppStatus, DeskError> {
        let (_, session) = self.administrator("changes the recovery passphrase")?;
        self.change_passphrase_as(session.actor(), change, when)?;
        self.status()
    }

    /// A passphrase change run by `hdesk` for the computer's user `user`.
    pub fn change_passphrase_by_system(
        &mut self,
        user: &str,
        change: &crate::keys::PassphraseChange,
        when: Moment,
    ) -> Result<(), DeskError> {
        self.change_passphrase_as(system_actor("change-passphrase", user), change, when)
    }

    fn change_passphrase_as(
        &mut self,
        actor: Actor,
        change: &crate::keys::PassphraseChange,
        when: Moment,
    ) -> Result<(), DeskError> {
        let Phase::Open { store, .. } = &mut self.phase else { return Err(DeskError::Locked) };
        crate::keys::change_passphrase(store, &self.location, change)?;
        let entry = AuditEntry {
            actor,
            action: AuditAction::ChangePassphrase,
            entity: Entity::Database,
            entity_id: None,
            changes: Vec::new(),
        };
        store.with_tx(|tx| db::audit::insert(tx, &entry, when.at))?;
        Ok(())
    }

    /// Takes the data folder for this desk alone: no other window or
    /// `hdesk` may hold it while the database file is replaced or
    /// re-encrypted. [`Self::share_again`] gives it back.
    fn take_alone(&mut self) -> Result<(), DeskError> {
        self.location.ensure_dir().map_err(crate::store::StoreError::from)?;
        let file = match self.lock.take() {
            Some(file) => file,
            None => match shared_lock(&self.location) {
                Some(file) => file,
                None => return Ok(()),
            },
        };
        let _ = file.unlock();
        let taken = file.try_lock();
        let result = match taken {
            Ok(()) => Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {
                let _ = file.lock_shared();
                Err(DeskError::Forbidden(
                    "Housing Desk is open in another window, or an hdesk command is using these records. \
                     Close it, then try again."
                        .into(),
                ))
            }
            Err(std::fs::TryLockError::Error(e)) => {
                tracing::info!(error = %e, "the file system cannot lock; going on without the lock");
                Ok(())
            }
        };
        self.lock = Some(file);
        result
    }

    fn share_again(&mut self) {
        if let Some(file) = &self.lock {
            let _ = file.unlock();
            let _ = file.try_lock_shared();
        } else {
            self.lock = shared_lock(&self.location);
        }
    }
}

/// The actor `hdesk COMMAND` writes in the audit trail for the computer's
/// user `user`.
pub fn system_actor(command: &str, user: &str) -> Actor {
    Actor { staff_id: None, name: format!("hdesk {command} (system user {user})") }
}

fn restore_entry(actor: &Actor, source: &str, set_aside: Option<&str>) -> AuditEntry {
    let mut changes = vec![crate::audit::Change { field: "restored_from".into(), old: None, new: Some(source.into()) }];
    if let Some(aside) = set_aside {
        changes.push(crate::audit::Change { field: "replaced_kept_in".into(), old: None, new: Some(aside.into()) });
    }
    AuditEntry {
        actor: actor.clone(),
        action: AuditAction::Restore,
        entity: Entity::Database,
        entity_id: None,
        changes,
    }
}

/// The audit entry of a sign-in that did not work (`why` adds a reason).
fn failed_entry(staff_id: Option<i64>, tried: &str, why: Option<&str>) -> AuditEntry {
    AuditEntry {
        actor: Actor { staff_id, name: tried.to_string() },
        action: AuditAction::SignInFailed,
        entity: Entity::Session,
        entity_id: None,
        changes: why
            .map(|w| vec![crate::audit::Change { field: "reason".into(), old: None, new: Some(w.into()) }])
            .unwrap_or_default(),
    }
}

/// Counts a failed sign-in (or unlock) against the account, locks it on the
/// fifth in a row, and audits both. Answers the lock's end when it locked.
fn count_failure(
    tx: &rusqlite::Transaction<'_>,
    record: &db::staff::SignInRecord,
    tried: &str,
    when: Moment,
) -> Result<Option<DateTime<Utc>>, DeskError> {
    let (failed, locked_until) = accounts::after_failed_sign_in(record.failed_sign_ins, when.at);
    db::staff::record_failed_sign_in(tx, record.member.id, failed, locked_until)?;
    db::audit::insert(tx, &failed_entry(Some(record.member.id), tried, None), when.at)?;
    if let Some(until) = locked_until {
        let entry = AuditEntry {
            actor: Actor { staff_id: Some(record.member.id), name: record.member.username.clone() },
            action: AuditAction::AccountLocked,
            entity: Entity::Staff,
            entity_id: Some(record.member.id),
            changes: vec![crate::audit::Change {
                field: "locked_until".into(),
                old: None,
                new: Some(db::audit::timestamp(until)),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
    }
    Ok(locked_until)
}

fn not_right() -> DeskError {
    ValidationErrors::single("password", "The username or password is not right. Try again.").into()
}

/// What start-up finds in `location`, in words when it cannot open it.
fn find_phase(location: &DataLocation, vault: &dyn KeyVault) -> Phase {
    match open::find_store(location, vault) {
        Ok(Opening::NeedsSetup) => Phase::Setup,
        Ok(Opening::NeedsPassphrase(reason)) => Phase::Passphrase(reason),
        Ok(Opening::Open(store)) => {
            Phase::Open { store, key_source: KeySource::Keyring, key_in_keyring: true, session: None }
        }
        Err(e) => {
            tracing::error!(error = %e, "the store could not be opened");
            Phase::Failed(failure_message(location, &e))
        }
    }
}

/// Opens the data folder's lock file and takes a shared lock on it, when
/// the folder exists and the file system can lock.
fn shared_lock(location: &DataLocation) -> Option<std::fs::File> {
    if !location.dir().is_dir() {
        return None;
    }
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(location.lock_file()).ok()?;
    match file.try_lock_shared() {
        Ok(()) => Some(file),
        Err(e) => {
            tracing::info!(error = %e, "the data folder's lock file could not be locked");
            Some(file)
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
        open::OpenError::Store(StoreError::Missing(_)) => format!(
            "The database file (housing-desk.db) is missing from {dir}, though its key file is there. \
             Restore the latest backup. Housing Desk will not start a new, empty database in its place."
        ),
        open::OpenError::Store(e)
            if matches!(
                e.storage_problem(),
                Some(crate::store::StorageProblem::Full | crate::store::StorageProblem::ReadOnly)
            ) =>
        {
            crate::error::storage_message(e.storage_problem(), Some(&dir.to_string()))
        }
        open::OpenError::Store(e) if e.storage_problem() == Some(crate::store::StorageProblem::Damaged) => format!(
            "The database in {dir} is damaged: part of the file cannot be read. It has not been changed or \
             replaced. Restore the latest backup; the damaged file will be kept aside, not deleted."
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
