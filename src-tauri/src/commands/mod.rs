//! The window's commands: thin. Each takes the desk from Tauri's state and
//! its typed request, calls one core function and returns its result or an
//! [`ApiError`]. No rules and no SQL here. Commands are `async` so SQLite
//! and Argon2 never run on the window's main thread.

pub mod audit;
pub mod backup;
pub mod casework;
pub mod charts;
pub mod consents;
pub mod dialogs;
pub mod engagement;
pub mod hmis;
pub mod housing;
pub mod income;
pub mod money;
pub mod participants;
pub mod reference;
pub mod reports;
pub mod session;
pub mod staff;

use std::sync::{Arc, Mutex, MutexGuard};

use tauri::ipc::Invoke;
use tauri::Manager;

use crate::desk::Desk;
use crate::error::{ApiError, DeskError, ErrorCode};
use crate::permissions::{self, Need, Who};

/// The desk, shared by every command.
pub type DeskState = Mutex<Desk>;

/// Every command the window may call, each behind the permission table's
/// gate: before a command runs, its name is looked up in
/// [`permissions::command_table!`] and the signed-in role must hold the
/// permission it needs; otherwise it is refused (code `forbidden`) without
/// running. A name the table does not know is refused too.
///
/// The gate waits for the desk lock, which a long command (a backup, a
/// report) may hold, so it decides on a blocking thread, never on the
/// window's main thread. Commands for anyone (before sign-in) need no lock
/// and go straight through.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    let registered = Arc::new(registered());
    move |invoke: Invoke| {
        if permissions::need_of(invoke.message.command()) == Some(Need::Anyone) {
            return registered(invoke);
        }
        let registered = Arc::clone(&registered);
        tauri::async_runtime::spawn_blocking(move || {
            let webview = invoke.message.webview();
            let admitted = permissions::admit(invoke.message.command(), || {
                let state = webview.try_state::<DeskState>().ok_or_else(no_desk)?;
                let mut desk = lock(&state)?;
                Ok::<_, ApiError>(Who::of(&mut desk))
            });
            match admitted {
                Ok(()) => {
                    let resolver = invoke.resolver.clone();
                    let command = invoke.message.command().to_string();
                    if !registered(invoke) {
                        tracing::error!(command, "a command in the permission table is not registered");
                        resolver.reject(ApiError::from(DeskError::Forbidden(permissions::UNKNOWN_COMMAND.into())));
                    }
                }
                Err(refused) => invoke.resolver.reject(refused),
            }
        });
        true
    }
}

// The commands, registered from the one table in `permissions.rs`.
macro_rules! register {
    ($($area:ident :: $command:ident => $need:ident $(($permission:ident))?),* $(,)?) => {
        fn registered() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($area::$command),*]
        }
    };
}
permissions::command_table!(register);

fn no_desk() -> ApiError {
    tracing::error!("the desk is not in Tauri's state");
    ApiError::new(ErrorCode::Internal, "Housing Desk hit an internal problem. Close it and open it again.")
}

fn lock(state: &DeskState) -> Result<MutexGuard<'_, Desk>, ApiError> {
    state.lock().map_err(|_| {
        tracing::error!("the desk lock was poisoned by an earlier panic");
        ApiError::new(ErrorCode::Internal, "Housing Desk hit an internal problem. Close it and open it again.")
    })
}
