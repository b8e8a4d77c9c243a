//! The window's commands: thin. Each takes the desk from Tauri's state and
//! its typed request, calls one core function and returns its result or an
//! [`ApiError`]. No rules and no SQL here. Commands are `async` so SQLite
//! and Argon2 never run on the window's main thread.

pub mod backup;
pub mod casework;
pub mod charts;
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

use std::sync::{Mutex, MutexGuard};

use crate::desk::Desk;
use crate::error::{ApiError, ErrorCode};

/// The desk, shared by every command.
pub type DeskState = Mutex<Desk>;

/// Every command the window may call.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        session::app_status,
        session::complete_setup,
        session::unlock,
        session::sign_in,
        session::sign_out,
        session::choices,
        session::lock_window,
        session::unlock_window,
        participants::dashboard,
        participants::list_participants,
        participants::get_participant,
        participants::create_participant,
        participants::update_participant,
        staff::list_staff,
        staff::add_staff,
        staff::unlock_staff,
        staff::reset_staff_password,
        staff::set_lock_after,
        income::preview_calculation,
        income::save_calculation,
        income::calculation_history,
        income::fmr_areas,
        income::print_income_summary,
        income::income_status,
        income::sign_summary,
        income::summary_signatures,
        reference::reference_tables,
        reference::add_deduction_set,
        reference::import_figures,
        reference::utility_schedules,
        reference::import_utility_schedule,
        reference::set_small_area_fmrs,
        reference::add_program_limit,
        reference::set_office_contact,
        engagement::engagement,
        engagement::log_visit,
        participants::housing_card,
        casework::screening,
        casework::save_screening_step,
        casework::finish_screening,
        casework::screen_again,
        casework::case,
        casework::change_case,
        money::create_lease,
        money::unit_leases,
        money::participant_leases,
        money::record_move_in,
        money::change_lease,
        money::move_out,
        money::set_next_participant,
        money::print_lease_packet,
        money::lease_wording,
        money::participant_ledger,
        money::unit_ledger,
        money::office_ledger,
        money::record_payment,
        money::reverse_payment,
        money::record_approval,
        money::payment_runs,
        money::get_payment_run,
        money::prepare_payment_run,
        money::approve_payment_run,
        money::post_payment_run,
        money::discard_payment_run,
        money::set_run_line_amount,
        money::print_payment_register,
        reports::reports_due,
        reports::monthly_report_preview,
        reports::produce_monthly_report,
        reports::report_history,
        reports::save_report_copy,
        reports::mark_report_submitted,
        reports::dmh_template,
        reports::load_dmh_template,
        reports::save_dmh_mapping,
        reports::quarterly_report_preview,
        reports::produce_quarterly_report,
        reports::grant_budget,
        reports::save_grant_budget,
        reports::office_holidays,
        reports::save_office_holiday,
        reports::remove_office_holiday,
        hmis::produce_hmis_export,
        charts::program_charts,
        charts::print_page,
        backup::backup_now,
        backup::inspect_backup,
        backup::restore_backup,
        backup::rotate_key,
        backup::change_passphrase,
        backup::backup_schedule,
        backup::save_backup_schedule,
        housing::list_landlords,
        housing::get_landlord,
        housing::save_landlord,
        housing::list_units,
        housing::get_unit,
        housing::save_unit,
        housing::inspection_template,
        housing::record_inspection,
        housing::get_inspection,
        housing::inspections_overview,
        housing::extend_follow_up,
        housing::record_owner_refusal,
        housing::certify_rent,
        housing::work_out_payment_check,
        housing::record_payment_check,
        housing::add_incentive,
        housing::print_inspection_report,
        housing::print_deficiency_notice,
        housing::print_rent_certification,
        housing::add_attachment,
        housing::list_attachments,
        housing::save_attachment_copy,
    ]
}

fn lock(state: &DeskState) -> Result<MutexGuard<'_, Desk>, ApiError> {
    state.lock().map_err(|_| {
        tracing::error!("the desk lock was poisoned by an earlier panic");
        ApiError::new(ErrorCode::Internal, "Housing Desk hit an internal problem. Close it and open it again.")
    })
}
