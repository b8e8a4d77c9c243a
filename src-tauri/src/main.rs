//! The Housing Desk window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = housing_desk::app::run() {
        eprintln!("Housing Desk could not start: {e}");
        std::process::exit(1);
    }
}
