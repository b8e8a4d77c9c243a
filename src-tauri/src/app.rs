//! The window app's setup: logging, the desk, the commands.

use std::sync::Mutex;

use crate::desk::Desk;
use crate::paths::DataLocation;
use crate::store::keyring::OsKeyring;

/// Starts Housing Desk's window on the data folder from the environment.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    init_logging();
    let location = DataLocation::from_env().ok_or("no home folder: set HOUSING_DESK_DATA_DIR to a data folder")?;
    tracing::info!(data_dir = %location.dir().display(), "starting");
    let desk = Desk::start(location, Box::new(OsKeyring::new()));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Mutex::new(desk))
        .manage(crate::commands::dialogs::Chosen::default())
        .setup(|app| {
            start_daily_backups(app.handle().clone());
            Ok(())
        })
        .invoke_handler(crate::commands::handler())
        .run(tauri::generate_context!())?;
    Ok(())
}

/// How often the daily backup looks whether it is due; the first look is a
/// minute after start, so it never slows the window's opening.
const BACKUP_FIRST_LOOK: std::time::Duration = std::time::Duration::from_secs(60);
const BACKUP_LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// A background thread that writes the daily backup when it is due
/// ([`crate::backup::run_scheduled`]) while the records are open.
fn start_daily_backups(app: tauri::AppHandle) {
    use tauri::Manager;
    let spawned = std::thread::Builder::new().name("daily-backup".into()).spawn(move || {
        std::thread::sleep(BACKUP_FIRST_LOOK);
        loop {
            let state = app.state::<crate::commands::DeskState>();
            // A poisoned lock means an earlier panic; the window says so.
            if let Ok(desk) = state.lock() {
                if let Some(Err(e)) = desk.scheduled_backup(crate::desk::Moment::now()) {
                    tracing::warn!(error = %e, "the daily backup did not run");
                }
            }
            std::thread::sleep(BACKUP_LOOK_EVERY);
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "the daily backup thread could not start");
    }
}

/// Logs to stderr at `info` (`RUST_LOG` changes it). Participant data and
/// secrets are never put in a log field.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// Logging for `hdesk`: warnings only, so its output stays clean for scripts.
pub fn init_logging_quiet() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
