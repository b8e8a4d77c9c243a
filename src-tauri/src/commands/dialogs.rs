//! The system's file dialogs, opened from Rust: where a file is saved or a
//! backup is written or read is chosen by the person in the dialog, never
//! sent by the page, so the webview holds no way to write or read an
//! arbitrary path. Each dialog starts in a real folder (a GTK dialog that
//! opens on "Recent" does not follow a typed location) and blocks only the
//! command's own thread, never the desk: other commands go on meanwhile.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// What was chosen in a dialog and is used by a later command: the backup
/// to restore (chosen, then inspected, then restored with the passphrase)
/// and the daily backup's folder (chosen, then saved with the schedule).
#[derive(Debug, Default)]
pub struct Chosen {
    pub backup: Mutex<Option<PathBuf>>,
    pub daily_folder: Mutex<Option<PathBuf>>,
}

fn dialog(app: &AppHandle, title: &str, start_in: &Path) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let mut builder = app.dialog().file().set_title(title);
    if start_in.is_dir() {
        builder = builder.set_directory(start_in);
    }
    if let Some(window) = app.get_webview_window("main") {
        builder = builder.set_parent(&window);
    }
    builder
}

/// The folder chosen, or `None` when the dialog was cancelled.
pub fn pick_folder(app: &AppHandle, title: &str, start_in: &Path) -> Option<PathBuf> {
    dialog(app, title, start_in).blocking_pick_folder().and_then(|p| p.into_path().ok())
}

/// Where to save `file_name`, or `None` when the dialog was cancelled.
pub fn save_path(
    app: &AppHandle,
    title: &str,
    start_in: &Path,
    file_name: &str,
    filter: (&str, &str),
) -> Option<PathBuf> {
    dialog(app, title, start_in)
        .set_file_name(file_name)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// The folder a dialog about backups starts in: beside the data folder.
pub fn beside(data_dir: &Path) -> PathBuf {
    data_dir.parent().map(Path::to_path_buf).unwrap_or_else(|| data_dir.to_path_buf())
}
