//! `hdesk`: Housing Desk's command line, for what an administrator scripts.
//! It shares the library with the window, so both give the same answers.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use housing_desk::desk::{Desk, Moment, Stage};
use housing_desk::error::ApiError;
use housing_desk::paths::DataLocation;
use housing_desk::store::keyring::OsKeyring;
use housing_desk::store::{self as db, latest_schema_version};

#[derive(Parser)]
#[command(name = "hdesk", version, about = "Housing Desk from the command line")]
struct Cli {
    /// The data folder (default: $HOUSING_DESK_DATA_DIR, else the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the data file, schema version, record counts and where the key came from.
    Info {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Run one income and rent calculation from a JSON file (the format of
    /// shared/acceptance/FORMAT.md) and print the result as JSON. Bad input
    /// exits with 2 and one line naming the field.
    Calc {
        /// The JSON input file.
        file: std::path::PathBuf,
    },
    /// Write an encrypted backup inside DIR: a folder with a consistent copy
    /// of the database, the recovery key file and a manifest (date, schema
    /// version, record counts, checksum). Safe while the app is open.
    Backup {
        /// The folder to write the backup folder in (created if missing).
        dir: std::path::PathBuf,
        /// Print the manifest as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace the records with a backup (a backup folder, or its
    /// housing-desk.db). The backup is checked first (checksum, every
    /// page, integrity, schema); the database it replaces is kept whole in
    /// the data folder's `replaced/`. Close the window first. Asks for the
    /// recovery passphrase in use when the backup was made
    /// ($HOUSING_DESK_PASSPHRASE, a prompt, or standard input).
    Restore {
        /// The backup folder (or its housing-desk.db).
        backup: std::path::PathBuf,
        /// Print what was done as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Re-encrypt the database under a new random key, wrapped under the
    /// same recovery passphrase ($HOUSING_DESK_PASSPHRASE, a prompt, or
    /// standard input). Close the window first. Backups made before keep
    /// their own key file.
    RotateKey,
    /// Change the recovery passphrase: the current one, then the new one
    /// ($HOUSING_DESK_PASSPHRASE and $HOUSING_DESK_NEW_PASSPHRASE, prompts,
    /// or the first two lines of standard input).
    ChangePassphrase,
    /// Write the signed income calculation summary of a saved calculation as a PDF.
    Summary {
        /// The calculation's number (IC-000012 is 12).
        calculation: i64,
        /// Where to write the PDF.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    housing_desk::app::init_logging_quiet();
    // `calc` needs no store; the others open the one in the data folder.
    let location = || cli.data_dir.clone().map(DataLocation::new).or_else(DataLocation::from_env);
    let Some(location) = (match &cli.command {
        Command::Calc { file } => return calc(file),
        _ => location(),
    }) else {
        return fail("no home folder: pass --data-dir or set HOUSING_DESK_DATA_DIR");
    };
    match cli.command {
        Command::Info { json } => info(location, json),
        Command::Backup { dir, json } => backup(location, &dir, json),
        Command::Restore { backup, json } => restore(location, &backup, json),
        Command::RotateKey => rotate_key(location),
        Command::ChangePassphrase => change_passphrase(location),
        Command::Summary { calculation, out } => summary(location, calculation, &out),
        Command::Calc { file } => calc(&file),
    }
}

fn summary(location: DataLocation, calculation: i64, out: &std::path::Path) -> ExitCode {
    let desk = match open(location) {
        Ok(desk) => desk,
        Err(code) => return code,
    };
    let store = match desk.store() {
        Ok(s) => s,
        Err(e) => return fail_with(e.into()),
    };
    match housing_desk::income_calc::summary_pdf(store, calculation, Moment::now().today) {
        Ok((_, bytes)) => match std::fs::write(out, bytes) {
            Ok(()) => {
                println!("{}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("could not write {}: {e}", out.display())),
        },
        Err(e) => fail_with(e.into()),
    }
}

/// `hdesk calc FILE`: needs no store; the same rules the window uses.
fn calc(file: &std::path::Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("input: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let input = match housing_desk::calc::parse(&text) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match serde_json::to_string_pretty(&housing_desk::calc::calculate(&input)) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("could not write the result: {e}")),
    }
}

fn info(location: DataLocation, json: bool) -> ExitCode {
    let desk = match open(location) {
        Ok(desk) => desk,
        Err(code) => return code,
    };
    let status = match desk.status() {
        Ok(s) => s,
        Err(e) => return fail_with(e.into()),
    };
    let store = match desk.store() {
        Ok(s) => s,
        Err(e) => return fail_with(e.into()),
    };
    let counts = (|| -> Result<_, db::StoreError> {
        Ok((
            store.schema_version()?,
            db::participants::count(store.conn())?,
            db::staff::count(store.conn())?,
            db::audit::count(store.conn())?,
        ))
    })();
    let (schema, participants, staff, audit) = match counts {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let key_source = status.key_source.map_or("unknown", |k| k.label());
    let office = status.office.as_ref();
    if json {
        let value = serde_json::json!({
            "data_dir": status.data_dir,
            "database": store.path().display().to_string(),
            "key_file": desk.location().key_file().display().to_string(),
            "schema_version": schema,
            "latest_schema_version": latest_schema_version(),
            "key_source": status.key_source,
            "office": office,
            "counts": { "participants": participants, "staff": staff, "audit_entries": audit },
        });
        println!("{value:#}");
    } else {
        println!("Data folder:     {}", status.data_dir);
        println!("Database file:   {}", store.path().display());
        println!("Key file:        {}", desk.location().key_file().display());
        println!("Schema version:  {schema} (this build knows {})", latest_schema_version());
        println!("Key came from:   {key_source}");
        if let Some(o) = office {
            println!("Office:          {} ({})", o.grantee_name, o.county);
        }
        println!("Participants:    {participants}");
        println!("Staff accounts:  {staff}");
        println!("Audit entries:   {audit}");
    }
    ExitCode::SUCCESS
}

fn backup(location: DataLocation, dir: &std::path::Path, json: bool) -> ExitCode {
    let desk = match open(location) {
        Ok(desk) => desk,
        Err(code) => return code,
    };
    let store = match desk.store() {
        Ok(s) => s,
        Err(e) => return fail_with(e.into()),
    };
    let actor = housing_desk::desk::system_actor("backup", &system_user());
    let made = match housing_desk::backup::make_backup(store, desk.location(), dir, actor, Moment::now()) {
        Ok(m) => m,
        Err(e) => return fail_with(e.into()),
    };
    if json {
        let value = serde_json::json!({ "folder": made.folder, "manifest": made.manifest });
        println!("{value:#}");
    } else {
        println!("Backup written: {}", made.folder);
        println!("Schema version: {}", made.manifest.schema_version);
        for c in &made.manifest.counts {
            println!("  {:<18} {}", c.table, c.rows);
        }
        println!("SHA-256:        {}", made.manifest.database_sha256);
        if !made.manifest.key_file_included {
            println!("Note: no recovery key file was found; only this computer's keyring opens this copy.");
        }
    }
    ExitCode::SUCCESS
}

fn system_user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into())
}

fn restore(location: DataLocation, backup: &std::path::Path, json: bool) -> ExitCode {
    let mut desk = Desk::start(location, Box::new(OsKeyring::new()));
    let passphrase =
        match read_secret("HOUSING_DESK_PASSPHRASE", "Recovery passphrase in use when the backup was made: ") {
            Ok(p) => p,
            Err(e) => return fail(&format!("could not read the passphrase: {e}")),
        };
    let (_, done) = match desk.restore_by_system(&system_user(), backup, &passphrase, Moment::now()) {
        Ok(r) => r,
        Err(e) => return fail_with(e.into()),
    };
    if json {
        println!("{:#}", serde_json::json!(done));
    } else {
        println!("Restored from:   {}", done.restored_from);
        match &done.set_aside {
            Some(aside) => println!("Replaced database kept in: {aside}"),
            None => println!("There was no database to replace."),
        }
        println!("Schema version:  {}", done.schema_version);
        for c in &done.counts {
            println!("  {:<18} {}", c.table, c.rows);
        }
    }
    ExitCode::SUCCESS
}

/// Opens the store for the key's upkeep with `passphrase`, which every
/// such command needs anyway.
fn open_with(location: DataLocation, passphrase: &str) -> Result<Desk, ExitCode> {
    let mut desk = Desk::start(location, Box::new(OsKeyring::new()));
    let status = desk.status().map_err(|e| fail_with(e.into()))?;
    match status.stage {
        Stage::SignIn | Stage::Ready | Stage::Locked => {}
        Stage::Passphrase => {
            desk.unlock(passphrase, Moment::now()).map_err(|e| fail_with(e.into()))?;
        }
        Stage::Setup => {
            return Err(fail(&format!("there is no Housing Desk database in {}", status.data_dir)));
        }
        Stage::Failed => return Err(fail(status.message.as_deref().unwrap_or("the database cannot be opened"))),
    }
    Ok(desk)
}

fn rotate_key(location: DataLocation) -> ExitCode {
    let passphrase = match read_secret("HOUSING_DESK_PASSPHRASE", "Recovery passphrase: ") {
        Ok(p) => p,
        Err(e) => return fail(&format!("could not read the passphrase: {e}")),
    };
    let mut desk = match open_with(location, &passphrase) {
        Ok(d) => d,
        Err(code) => return code,
    };
    match desk.rotate_key_by_system(&system_user(), &passphrase, Moment::now()) {
        Ok(()) => {
            println!("The database is now encrypted under a new key; the recovery passphrase is unchanged.");
            ExitCode::SUCCESS
        }
        Err(e) => fail_with(e.into()),
    }
}

fn change_passphrase(location: DataLocation) -> ExitCode {
    let current = match read_secret("HOUSING_DESK_PASSPHRASE", "Current recovery passphrase: ") {
        Ok(p) => p,
        Err(e) => return fail(&format!("could not read the passphrase: {e}")),
    };
    let new = match read_secret("HOUSING_DESK_NEW_PASSPHRASE", "New recovery passphrase: ") {
        Ok(p) => p,
        Err(e) => return fail(&format!("could not read the new passphrase: {e}")),
    };
    let confirm = if std::env::var_os("HOUSING_DESK_NEW_PASSPHRASE").is_none() && std::io::stdin().is_terminal() {
        match rpassword::prompt_password("The new recovery passphrase again: ") {
            Ok(p) => p,
            Err(e) => return fail(&format!("could not read the new passphrase: {e}")),
        }
    } else {
        new.clone()
    };
    let mut desk = match open_with(location, &current) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let change = housing_desk::keys::PassphraseChange {
        passphrase: current,
        new_passphrase: new,
        new_passphrase_confirm: confirm,
    };
    match desk.change_passphrase_by_system(&system_user(), &change, Moment::now()) {
        Ok(()) => {
            println!("The recovery passphrase is changed. Keep the new one where the old one was kept.");
            ExitCode::SUCCESS
        }
        Err(e) => fail_with(e.into()),
    }
}

/// A secret from the environment variable `var`, else a prompt, else the
/// next line of standard input.
fn read_secret(var: &str, prompt: &str) -> std::io::Result<String> {
    if let Ok(p) = std::env::var(var) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Opens the store: the keyring's key, else the recovery passphrase from
/// `HOUSING_DESK_PASSPHRASE`, a prompt, or the first line of standard input.
fn open(location: DataLocation) -> Result<Desk, ExitCode> {
    let mut desk = Desk::start(location, Box::new(OsKeyring::new()));
    let status = desk.status().map_err(|e| fail_with(e.into()))?;
    match status.stage {
        Stage::SignIn | Stage::Ready | Stage::Locked => Ok(desk),
        Stage::Setup => {
            Err(fail(&format!("there is no Housing Desk database in {}; start the app to set one up", status.data_dir)))
        }
        Stage::Failed => Err(fail(status.message.as_deref().unwrap_or("the database cannot be opened"))),
        Stage::Passphrase => {
            let passphrase = read_secret(
                "HOUSING_DESK_PASSPHRASE",
                "The keyring has no key for this database. Recovery passphrase: ",
            )
            .map_err(|e| fail(&format!("could not read the passphrase: {e}")))?;
            desk.unlock(&passphrase, Moment::now()).map_err(|e| fail_with(e.into()))?;
            Ok(desk)
        }
    }
}

/// Prints what went wrong in one line per problem: the fields' own messages
/// when there are any, else the error's message.
fn fail_with(error: ApiError) -> ExitCode {
    if error.fields.is_empty() {
        return fail(&error.message);
    }
    for field in &error.fields {
        eprintln!("hdesk: {}", field.message);
    }
    ExitCode::FAILURE
}

fn fail(message: &str) -> ExitCode {
    eprintln!("hdesk: {message}");
    ExitCode::FAILURE
}
