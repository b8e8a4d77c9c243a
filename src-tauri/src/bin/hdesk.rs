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
    let who = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into());
    let actor = housing_desk::audit::Actor { staff_id: None, name: format!("hdesk backup (system user {who})") };
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

/// Opens the store: the keyring's key, else the recovery passphrase from
/// `HOUSING_DESK_PASSPHRASE`, a prompt, or the first line of standard input.
fn open(location: DataLocation) -> Result<Desk, ExitCode> {
    let mut desk = Desk::start(location, Box::new(OsKeyring::new()));
    let status = desk.status().map_err(|e| fail_with(e.into()))?;
    match status.stage {
        Stage::SignIn | Stage::Ready => Ok(desk),
        Stage::Setup => {
            Err(fail(&format!("there is no Housing Desk database in {}; start the app to set one up", status.data_dir)))
        }
        Stage::Failed => Err(fail(status.message.as_deref().unwrap_or("the database cannot be opened"))),
        Stage::Passphrase => {
            let passphrase = read_passphrase().map_err(|e| fail(&format!("could not read the passphrase: {e}")))?;
            desk.unlock(&passphrase, Moment::now()).map_err(|e| fail_with(e.into()))?;
            Ok(desk)
        }
    }
}

fn read_passphrase() -> std::io::Result<String> {
    if let Ok(p) = std::env::var("HOUSING_DESK_PASSPHRASE") {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("The keyring has no key for this database. Recovery passphrase: ");
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
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
