//! What each role may see and do: one table, enforced at the window's one
//! gate before any command runs, and shown to administrators in Settings.
//!
//! - [`Permission`] is the closed list of things staff do, in plain words,
//!   and [`Permission::grants`] says which roles hold each.
//! - [`command_table!`] maps every command the window may call to the
//!   permission it needs (or [`Need::Anyone`], before sign-in). The same
//!   list registers the commands (`commands::handler`), so a command
//!   cannot be reachable without an entry.
//! - [`admit`] is the gate's answer; `commands::handler` asks it before
//!   dispatching, and a command missing from the table is refused.
//!
//! The table is role-level. The services keep their own checks (defence in
//! depth) and narrow further where one role reaches only some records:
//! `access.rs` limits a case manager to the full case of the participants
//! assigned to them ([`Grant::OwnParticipants`]), and, for instance, a
//! supervisor never approves a payment run they prepared. Every row below
//! agrees with the services' role checks; the comment on each permission
//! names the check it mirrors.

use serde::Serialize;
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::desk::Desk;
use crate::error::DeskError;
use crate::validation::Choice;

/// Something staff do, in the words the grid in Settings shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// The home page's attention lists and the print dialog; every service
    /// behind them shows each role only its own kinds (`dashboard::kinds_for`).
    SeeHome,
    /// Names and statuses, and the housing card (`participants::list_for`,
    /// `participants::housing_card`): what a housing locator needs.
    SeeParticipantList,
    /// The record without case notes (`access::require_record`).
    SeeRecords,
    /// A new referral (`access::require_records_role`).
    AddReferrals,
    /// The case itself (`access::require_case`): screening, case plan,
    /// notes, visits, stays, consents to disclose, exit; a case manager only
    /// for their own.
    KeepCases,
    /// Saving a calculation needs the case (`access::require_case` in
    /// `commands::income`); working one out, printing and signing the
    /// summary need the record (`access::require_record`,
    /// `access::require_calculation`).
    CalculateIncome,
    /// A participant's ledger (`ledger::require_ledger_view`): the money
    /// roles, and a case manager for their own participants.
    SeeParticipantPayments,
    /// Landlords, units and inspections are read by every role; the
    /// services do not check a role to read or print them.
    SeeHousing,
    /// `landlords::require_housing_role`: everyone but case managers.
    KeepHousing,
    /// `landlords::require_housing_role` in `leases.rs`.
    MakeLeases,
    /// `ledger::require_money_role` in `lease_documents::lease_packet`.
    PrepareLeasePackets,
    /// `ledger::require_ledger_view` (office and unit ledgers) and
    /// `payment_run::require_run_view`.
    SeeLedgers,
    /// `ledger::require_money_role`.
    RecordPayments,
    /// `ledger::require_money_role` in `payment_run.rs`.
    PreparePaymentRuns,
    /// `payment_run::approve`: a supervisor, never the one who prepared it.
    ApprovePaymentRuns,
    /// `reports::require_report_role`, also behind the charts, the HMIS
    /// export and the views of the budget, holidays and DMH's template.
    ProduceReports,
    /// `reports::budget::save`.
    SetGrantBudget,
    /// The program figures are read by every role (`reference::tables`);
    /// so is the notice of 42 CFR 2.32 every role's documents end with
    /// (`disclosure::notice_file_view`, no role check: it is public text).
    SeeFigures,
    /// `reference::can_edit` and `office::set_contact`.
    ChangeFigures,
    /// Administrators only: `reference::set_small_area_fmrs`,
    /// `reports::holidays`, `reports::mapping`, `accounts::set_lock_after`.
    OfficeSettings,
    /// `accounts::list_staff`.
    SeeStaff,
    /// `accounts::add_staff`, `unlock_account`, `reset_password`; the grid
    /// of this table too.
    ManageStaff,
    /// `backup::backup_from_window`, the daily backup (`backup::schedule`),
    /// restoring (`Desk::restorer`), the database key and the recovery
    /// passphrase (`Desk::administrator`).
    Backups,
    /// `audit_trail::require_audit_role`: the audit page and its CSV export.
    SeeAuditTrail,
}

/// How much of a permission a role holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Grant {
    Yes,
    No,
    /// Only for the participants assigned to them (case managers; `access.rs`).
    OwnParticipants,
}

/// What a command needs before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone, before sign-in: the first run, unlocking, signing in and out,
    /// the closed lists the first screens show.
    Anyone,
    /// A signed-in staff member whose role holds the permission.
    Permission(Permission),
    /// Before the records are open (first run, the recovery passphrase
    /// asked, a database that cannot be opened), anyone: the service asks
    /// for the recovery passphrase as proof. Once they are open, as
    /// `Permission`. For restoring a backup, which must work when no one
    /// can sign in (see `Desk::restorer`).
    OnceOpen(Permission),
}

/// Where the desk stands, as the gate needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Staff(Role),
    /// The records are open and nobody is signed in.
    SignedOut,
    /// The records are not open yet: setup, passphrase or failed.
    NotOpen,
    /// Signed in, but the window is locked until their password is given.
    WindowLocked,
}

impl Who {
    pub fn of(desk: &mut Desk) -> Who {
        match desk.signed_in() {
            Ok((_, session)) => Who::Staff(session.role),
            Err(DeskError::NotSignedIn) => Who::SignedOut,
            Err(DeskError::WindowLocked) => Who::WindowLocked,
            Err(_) => Who::NotOpen,
        }
    }
}

/// The table: every command the window may call, and what it needs. It is
/// written once and expanded twice, into [`COMMANDS`] here and into the
/// registered handler in `commands::handler`, so a command cannot be
/// registered without an entry and an entry cannot name a command that does
/// not exist (neither compiles).
///
/// **To add a command:** write it in `commands/<area>.rs`, then add one line
/// here, `<area>::<command> => <Permission>,` (or `=> Anyone,` for what must
/// work before sign-in, or `=> OnceOpen(<Permission>),` for what must also
/// work before the records can be opened), and its row to `tests::EXPECTED`
/// below. A command
/// written but not listed here is not registered at all (and
/// `tests/it/permissions.rs` fails). Pick the permission whose services the
/// command calls; if none fits, add a [`Permission`] with its grants and
/// words. Backups, restoring them (`OnceOpen(Backups)`), the database key
/// and the recovery passphrase need `Backups`.
macro_rules! command_table {
    ($then:ident) => {
        $then! {
            session::app_status => Anyone,
            session::complete_setup => Anyone,
            session::unlock => Anyone,
            session::sign_in => Anyone,
            session::sign_out => Anyone,
            session::choices => Anyone,
            session::lock_window => Anyone,
            session::unlock_window => Anyone,
            participants::dashboard => SeeHome,
            charts::print_page => SeeHome,
            participants::list_participants => SeeParticipantList,
            participants::housing_card => SeeParticipantList,
            participants::get_participant => SeeRecords,
            participants::create_participant => AddReferrals,
            participants::update_participant => KeepCases,
            staff::list_staff => SeeStaff,
            staff::add_staff => ManageStaff,
            staff::role_permissions => ManageStaff,
            staff::unlock_staff => ManageStaff,
            staff::reset_staff_password => ManageStaff,
            staff::set_lock_after => OfficeSettings,
            income::preview_calculation => CalculateIncome,
            income::save_calculation => CalculateIncome,
            income::calculation_history => SeeRecords,
            income::fmr_areas => SeeFigures,
            income::print_income_summary => CalculateIncome,
            income::income_status => SeeRecords,
            income::sign_summary => CalculateIncome,
            income::summary_signatures => SeeRecords,
            reference::reference_tables => SeeFigures,
            reference::add_deduction_set => ChangeFigures,
            reference::import_figures => ChangeFigures,
            reference::utility_schedules => SeeFigures,
            reference::import_utility_schedule => ChangeFigures,
            reference::set_small_area_fmrs => OfficeSettings,
            reference::add_program_limit => ChangeFigures,
            reference::set_office_contact => ChangeFigures,
            engagement::engagement => SeeRecords,
            engagement::log_visit => KeepCases,
            casework::screening => KeepCases,
            casework::save_screening_step => KeepCases,
            casework::finish_screening => KeepCases,
            casework::screen_again => KeepCases,
            casework::case => KeepCases,
            casework::change_case => KeepCases,
            money::create_lease => MakeLeases,
            money::unit_leases => MakeLeases,
            money::participant_leases => SeeRecords,
            money::record_move_in => MakeLeases,
            money::change_lease => MakeLeases,
            money::move_out => MakeLeases,
            money::set_next_participant => MakeLeases,
            money::print_lease_packet => PrepareLeasePackets,
            money::lease_wording => MakeLeases,
            money::participant_ledger => SeeParticipantPayments,
            money::unit_ledger => SeeLedgers,
            money::office_ledger => SeeLedgers,
            money::record_payment => RecordPayments,
            money::reverse_payment => RecordPayments,
            money::record_approval => RecordPayments,
            money::payment_runs => SeeLedgers,
            money::get_payment_run => SeeLedgers,
            money::prepare_payment_run => PreparePaymentRuns,
            money::approve_payment_run => ApprovePaymentRuns,
            money::post_payment_run => PreparePaymentRuns,
            money::discard_payment_run => PreparePaymentRuns,
            money::set_run_line_amount => PreparePaymentRuns,
            money::print_payment_register => SeeLedgers,
            reports::reports_due => ProduceReports,
            reports::monthly_report_preview => ProduceReports,
            reports::produce_monthly_report => ProduceReports,
            reports::report_history => ProduceReports,
            reports::save_report_copy => ProduceReports,
            reports::mark_report_submitted => ProduceReports,
            reports::dmh_template => ProduceReports,
            reports::load_dmh_template => OfficeSettings,
            reports::save_dmh_mapping => OfficeSettings,
            reports::quarterly_report_preview => ProduceReports,
            reports::produce_quarterly_report => ProduceReports,
            reports::grant_budget => ProduceReports,
            reports::save_grant_budget => SetGrantBudget,
            reports::office_holidays => ProduceReports,
            reports::save_office_holiday => OfficeSettings,
            reports::remove_office_holiday => OfficeSettings,
            hmis::produce_hmis_export => ProduceReports,
            charts::program_charts => ProduceReports,
            backup::backup_now => Backups,
            backup::choose_backup => OnceOpen(Backups),
            backup::restore_backup => OnceOpen(Backups),
            backup::rotate_key => Backups,
            backup::change_passphrase => Backups,
            backup::backup_schedule => Backups,
            backup::choose_daily_backup_folder => Backups,
            backup::save_backup_schedule => Backups,
            housing::list_landlords => SeeHousing,
            housing::get_landlord => SeeHousing,
            housing::save_landlord => KeepHousing,
            housing::list_units => SeeHousing,
            housing::get_unit => SeeHousing,
            housing::save_unit => KeepHousing,
            housing::inspection_template => SeeHousing,
            housing::record_inspection => KeepHousing,
            housing::get_inspection => SeeHousing,
            housing::inspections_overview => SeeHousing,
            housing::extend_follow_up => KeepHousing,
            housing::record_owner_refusal => KeepHousing,
            housing::certify_rent => KeepHousing,
            housing::work_out_payment_check => SeeHousing,
            housing::record_payment_check => KeepHousing,
            housing::add_incentive => KeepHousing,
            housing::print_inspection_report => SeeHousing,
            housing::print_deficiency_notice => SeeHousing,
            housing::print_rent_certification => SeeHousing,
            housing::add_attachment => KeepHousing,
            housing::list_attachments => SeeHousing,
            housing::save_attachment_copy => SeeHousing,
            // Consents to disclose and the 42 CFR 2.32 notice (issue 8).
            consents::participant_consents => SeeRecords,
            consents::record_consent => KeepCases,
            consents::revoke_consent => KeepCases,
            consents::consent_report => ProduceReports,
            consents::disclosure_notice => SeeFigures,
            // The audit trail (issue 8).
            audit::audit_trail => SeeAuditTrail,
            audit::audit_choices => SeeAuditTrail,
            audit::export_audit_trail => SeeAuditTrail,
        }
    };
}
pub(crate) use command_table;

macro_rules! need {
    (Anyone) => {
        Need::Anyone
    };
    (OnceOpen($permission:ident)) => {
        Need::OnceOpen(Permission::$permission)
    };
    ($permission:ident) => {
        Need::Permission(Permission::$permission)
    };
}

macro_rules! names_and_needs {
    ($($area:ident :: $command:ident => $need:ident $(($permission:ident))?),* $(,)?) => {
        /// Every command the window may call, by name, and what it needs.
        pub const COMMANDS: &[(&str, Need)] = &[$((stringify!($command), need!($need $(($permission))?))),*];
    };
}
command_table!(names_and_needs);

/// What `command` needs, or `None` when the table does not know it.
pub fn need_of(command: &str) -> Option<Need> {
    COMMANDS.iter().find(|(name, _)| *name == command).map(|(_, need)| *need)
}

/// The gate's answer for `command`: `Ok` to run it. `who` is asked only
/// when the command needs more than [`Need::Anyone`] (it takes the desk
/// lock). A command the table does not name is refused: the table fails
/// closed.
pub fn admit<E: From<DeskError>>(command: &str, who: impl FnOnce() -> Result<Who, E>) -> Result<(), E> {
    let Some(need) = need_of(command) else {
        tracing::warn!(command, "refused a command the permission table does not name");
        return Err(DeskError::Forbidden(UNKNOWN_COMMAND.into()).into());
    };
    if need == Need::Anyone {
        return Ok(());
    }
    judge(need, who()?).map_err(|refused| {
        tracing::info!(command, ?need, "refused by the permission table");
        refused.into()
    })
}

/// Whether `who` may do what needs `need`.
pub fn judge(need: Need, who: Who) -> Result<(), DeskError> {
    let (permission, before_opening) = match need {
        Need::Anyone => return Ok(()),
        Need::Permission(p) => (p, false),
        Need::OnceOpen(p) => (p, true),
    };
    match who {
        Who::NotOpen if before_opening => Ok(()),
        Who::NotOpen => Err(DeskError::Locked),
        Who::WindowLocked => Err(DeskError::WindowLocked),
        Who::SignedOut => Err(DeskError::NotSignedIn),
        Who::Staff(role) if permission.grant(role) == Grant::No => Err(DeskError::Forbidden(permission.refusal(role))),
        Who::Staff(_) => Ok(()),
    }
}

/// Said when the window asks for a command the table does not know.
pub const UNKNOWN_COMMAND: &str =
    "Housing Desk does not know that action, so it did not do it. Tell your administrator.";

// The grants, one column per role (see `column`).
const Y: Grant = Grant::Yes;
const N: Grant = Grant::No;
const OWN: Grant = Grant::OwnParticipants;

impl Permission {
    /// Every permission, in the order the grid shows them.
    pub const ALL: &'static [Permission] = &[
        Permission::SeeHome,
        Permission::SeeParticipantList,
        Permission::SeeRecords,
        Permission::AddReferrals,
        Permission::KeepCases,
        Permission::CalculateIncome,
        Permission::SeeParticipantPayments,
        Permission::SeeHousing,
        Permission::KeepHousing,
        Permission::MakeLeases,
        Permission::PrepareLeasePackets,
        Permission::SeeLedgers,
        Permission::RecordPayments,
        Permission::PreparePaymentRuns,
        Permission::ApprovePaymentRuns,
        Permission::ProduceReports,
        Permission::SetGrantBudget,
        Permission::SeeFigures,
        Permission::ChangeFigures,
        Permission::OfficeSettings,
        Permission::SeeStaff,
        Permission::ManageStaff,
        Permission::Backups,
        Permission::SeeAuditTrail,
    ];

    /// The words for people.
    pub fn label(self) -> &'static str {
        use Permission::*;
        match self {
            SeeHome => "See the home page and print what is on screen",
            SeeParticipantList => "See the participant list and housing cards",
            SeeRecords => "See participants' records, income and engagement (not case notes)",
            AddReferrals => "Add referrals",
            KeepCases => "Screen referrals and keep the case: case plan, notes, visits, stays, consents, exit",
            CalculateIncome => "Calculate income and rent; print and sign the income summary",
            SeeParticipantPayments => "See a participant's payments",
            SeeHousing => "See landlords, units, inspections and rent comparisons, and print their documents",
            KeepHousing => "Keep landlords, units, HQS inspections, rent comparisons and landlord incentives",
            MakeLeases => "Make leases and record move-ins and move-outs",
            PrepareLeasePackets => "Print lease packets",
            SeeLedgers => "See the ledgers and payment runs",
            RecordPayments => "Record payments and DMH's approvals",
            PreparePaymentRuns => "Prepare and post the monthly payment run",
            ApprovePaymentRuns => "Approve the monthly payment run",
            ProduceReports => "Produce the monthly and quarterly reports, the HMIS export and the charts",
            SetGrantBudget => "Set the grant budget",
            SeeFigures => "See the program figures",
            ChangeFigures => "Change the program figures and the office's address and phone",
            OfficeSettings => "Change office settings: Small Area FMRs, holidays, DMH's report template",
            SeeStaff => "See staff accounts",
            ManageStaff => "Add staff accounts and see what each role may do",
            Backups => "Make backups, restore them, change the database key and the recovery passphrase",
            SeeAuditTrail => "See who viewed and changed records (the audit trail) and export it",
        }
    }

    /// Who holds it: office staff, housing locator, case manager,
    /// supervisor, administrator.
    #[rustfmt::skip]
    pub fn grants(self) -> [Grant; 5] {
        use Permission::*;
        match self {
            //                       office locator case-mgr supervisor admin
            SeeHome                 => [Y,     Y,      Y,       Y,         Y],
            SeeParticipantList      => [Y,     Y,      Y,       Y,         Y],
            SeeRecords              => [Y,     N,      Y,       Y,         Y],
            AddReferrals            => [Y,     N,      Y,       Y,         Y],
            KeepCases               => [Y,     N,      OWN,     Y,         Y],
            CalculateIncome         => [Y,     N,      OWN,     Y,         Y],
            SeeParticipantPayments  => [Y,     N,      OWN,     Y,         Y],
            SeeHousing              => [Y,     Y,      Y,       Y,         Y],
            KeepHousing             => [Y,     Y,      N,       Y,         Y],
            MakeLeases              => [Y,     Y,      N,       Y,         Y],
            PrepareLeasePackets     => [Y,     N,      N,       Y,         Y],
            SeeLedgers              => [Y,     N,      N,       Y,         Y],
            RecordPayments          => [Y,     N,      N,       Y,         Y],
            PreparePaymentRuns      => [Y,     N,      N,       Y,         Y],
            ApprovePaymentRuns      => [N,     N,      N,       Y,         N],
            ProduceReports          => [Y,     N,      N,       Y,         Y],
            SetGrantBudget          => [N,     N,      N,       Y,         Y],
            SeeFigures              => [Y,     Y,      Y,       Y,         Y],
            ChangeFigures           => [N,     N,      N,       Y,         Y],
            OfficeSettings          => [N,     N,      N,       N,         Y],
            SeeStaff                => [N,     N,      N,       Y,         Y],
            ManageStaff             => [N,     N,      N,       N,         Y],
            Backups                 => [N,     N,      N,       N,         Y],
            SeeAuditTrail           => [N,     N,      N,       Y,         Y],
        }
    }

    /// How much of it `role` holds.
    pub fn grant(self, role: Role) -> Grant {
        self.grants()[column(role)]
    }

    /// Why `role` is refused, in words for the person at the desk.
    pub fn refusal(self, role: Role) -> String {
        let about_a_participant = matches!(
            self,
            Permission::SeeRecords
                | Permission::AddReferrals
                | Permission::KeepCases
                | Permission::CalculateIncome
                | Permission::SeeParticipantPayments
        );
        if role == Role::HousingLocator && about_a_participant {
            return crate::access::HOUSING_CARD_ONLY.to_string();
        }
        let holders: Vec<&str> =
            Role::ALL.iter().filter(|r| self.grant(**r) != Grant::No).map(|r| plural(*r)).collect();
        format!("“{}” is for {}; {} cannot do it.", self.label(), and_list(&holders), plural(role))
    }
}

impl Grant {
    pub fn label(self) -> &'static str {
        match self {
            Grant::Yes => "Yes",
            Grant::No => "No",
            Grant::OwnParticipants => "Their own participants",
        }
    }
}

/// The grid shown to administrators: permissions as rows, roles as columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleGrid {
    pub roles: Vec<RoleColumn>,
    pub rows: Vec<PermissionRow>,
    /// What "their own participants" means.
    pub own_participants: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleColumn {
    pub role: Role,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PermissionRow {
    pub permission: Permission,
    pub label: String,
    /// One per role, in the order of `RoleGrid::roles`.
    pub grants: Vec<GrantCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GrantCell {
    pub role: Role,
    pub grant: Grant,
    pub label: String,
}

/// The whole table as the grid in Settings shows it; for those who may
/// manage staff (the gate checks first; this checks again).
pub fn role_grid(session: &Session) -> Result<RoleGrid, DeskError> {
    if Permission::ManageStaff.grant(session.role) == Grant::No {
        return Err(DeskError::Forbidden(Permission::ManageStaff.refusal(session.role)));
    }
    Ok(RoleGrid {
        roles: Role::ALL.iter().map(|r| RoleColumn { role: *r, label: r.label().to_string() }).collect(),
        rows: Permission::ALL
            .iter()
            .map(|p| PermissionRow {
                permission: *p,
                label: p.label().to_string(),
                grants: Role::ALL
                    .iter()
                    .map(|r| GrantCell { role: *r, grant: p.grant(*r), label: p.grant(*r).label().to_string() })
                    .collect(),
            })
            .collect(),
        own_participants: "Their own participants: a case manager reaches the whole case of the participants \
                           assigned to them; of others they see the record and how engagement stands, never the notes."
            .to_string(),
    })
}

/// The column of `role` in [`Permission::grants`].
fn column(role: Role) -> usize {
    match role {
        Role::OfficeStaff => 0,
        Role::HousingLocator => 1,
        Role::CaseManager => 2,
        Role::Supervisor => 3,
        Role::Administrator => 4,
    }
}

fn plural(role: Role) -> &'static str {
    match role {
        Role::OfficeStaff => "office staff",
        Role::HousingLocator => "housing locators",
        Role::CaseManager => "case managers",
        Role::Supervisor => "supervisors",
        Role::Administrator => "administrators",
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, ErrorCode};

    const O: Role = Role::OfficeStaff;
    const L: Role = Role::HousingLocator;
    const C: Role = Role::CaseManager;
    const S: Role = Role::Supervisor;
    const A: Role = Role::Administrator;
    const EVERYONE: Option<&[Role]> = Some(&[O, L, C, S, A]);

    /// Who the gate lets through, command by command, written from the
    /// services' own role checks (see each permission's doc comment), not
    /// from the table. `None`: anyone, before sign-in. A new command needs a
    /// row here too.
    const EXPECTED: &[(&str, Option<&[Role]>)] = &[
        ("app_status", None),
        ("complete_setup", None),
        ("unlock", None),
        ("sign_in", None),
        ("sign_out", None),
        ("choices", None),
        ("lock_window", None),
        ("unlock_window", None),
        ("dashboard", EVERYONE),
        ("print_page", EVERYONE),
        ("list_participants", EVERYONE),
        ("housing_card", EVERYONE),
        ("get_participant", Some(&[O, C, S, A])),
        ("create_participant", Some(&[O, C, S, A])),
        ("update_participant", Some(&[O, C, S, A])),
        ("list_staff", Some(&[S, A])),
        ("add_staff", Some(&[A])),
        ("role_permissions", Some(&[A])),
        ("unlock_staff", Some(&[A])),
        ("reset_staff_password", Some(&[A])),
        ("set_lock_after", Some(&[A])),
        ("preview_calculation", Some(&[O, C, S, A])),
        ("save_calculation", Some(&[O, C, S, A])),
        ("calculation_history", Some(&[O, C, S, A])),
        ("fmr_areas", EVERYONE),
        ("print_income_summary", Some(&[O, C, S, A])),
        ("income_status", Some(&[O, C, S, A])),
        ("sign_summary", Some(&[O, C, S, A])),
        ("summary_signatures", Some(&[O, C, S, A])),
        ("reference_tables", EVERYONE),
        ("add_deduction_set", Some(&[S, A])),
        ("import_figures", Some(&[S, A])),
        ("utility_schedules", EVERYONE),
        ("import_utility_schedule", Some(&[S, A])),
        ("set_small_area_fmrs", Some(&[A])),
        ("add_program_limit", Some(&[S, A])),
        ("set_office_contact", Some(&[S, A])),
        ("engagement", Some(&[O, C, S, A])),
        ("log_visit", Some(&[O, C, S, A])),
        ("screening", Some(&[O, C, S, A])),
        ("save_screening_step", Some(&[O, C, S, A])),
        ("finish_screening", Some(&[O, C, S, A])),
        ("screen_again", Some(&[O, C, S, A])),
        ("case", Some(&[O, C, S, A])),
        ("change_case", Some(&[O, C, S, A])),
        ("create_lease", Some(&[O, L, S, A])),
        ("unit_leases", Some(&[O, L, S, A])),
        ("participant_leases", Some(&[O, C, S, A])),
        ("record_move_in", Some(&[O, L, S, A])),
        ("change_lease", Some(&[O, L, S, A])),
        ("move_out", Some(&[O, L, S, A])),
        ("set_next_participant", Some(&[O, L, S, A])),
        ("print_lease_packet", Some(&[O, S, A])),
        ("lease_wording", Some(&[O, L, S, A])),
        ("participant_ledger", Some(&[O, C, S, A])),
        ("unit_ledger", Some(&[O, S, A])),
        ("office_ledger", Some(&[O, S, A])),
        ("record_payment", Some(&[O, S, A])),
        ("reverse_payment", Some(&[O, S, A])),
        ("record_approval", Some(&[O, S, A])),
        ("payment_runs", Some(&[O, S, A])),
        ("get_payment_run", Some(&[O, S, A])),
        ("prepare_payment_run", Some(&[O, S, A])),
        ("approve_payment_run", Some(&[S])),
        ("post_payment_run", Some(&[O, S, A])),
        ("discard_payment_run", Some(&[O, S, A])),
        ("set_run_line_amount", Some(&[O, S, A])),
        ("print_payment_register", Some(&[O, S, A])),
        ("reports_due", Some(&[O, S, A])),
        ("monthly_report_preview", Some(&[O, S, A])),
        ("produce_monthly_report", Some(&[O, S, A])),
        ("report_history", Some(&[O, S, A])),
        ("save_report_copy", Some(&[O, S, A])),
        ("mark_report_submitted", Some(&[O, S, A])),
        ("dmh_template", Some(&[O, S, A])),
        ("load_dmh_template", Some(&[A])),
        ("save_dmh_mapping", Some(&[A])),
        ("quarterly_report_preview", Some(&[O, S, A])),
        ("produce_quarterly_report", Some(&[O, S, A])),
        ("grant_budget", Some(&[O, S, A])),
        ("save_grant_budget", Some(&[S, A])),
        ("office_holidays", Some(&[O, S, A])),
        ("save_office_holiday", Some(&[A])),
        ("remove_office_holiday", Some(&[A])),
        ("produce_hmis_export", Some(&[O, S, A])),
        ("program_charts", Some(&[O, S, A])),
        ("backup_now", Some(&[A])),
        ("choose_backup", Some(&[A])),
        ("restore_backup", Some(&[A])),
        ("rotate_key", Some(&[A])),
        ("change_passphrase", Some(&[A])),
        ("backup_schedule", Some(&[A])),
        ("choose_daily_backup_folder", Some(&[A])),
        ("save_backup_schedule", Some(&[A])),
        ("list_landlords", EVERYONE),
        ("get_landlord", EVERYONE),
        ("save_landlord", Some(&[O, L, S, A])),
        ("list_units", EVERYONE),
        ("get_unit", EVERYONE),
        ("save_unit", Some(&[O, L, S, A])),
        ("inspection_template", EVERYONE),
        ("record_inspection", Some(&[O, L, S, A])),
        ("get_inspection", EVERYONE),
        ("inspections_overview", EVERYONE),
        ("extend_follow_up", Some(&[O, L, S, A])),
        ("record_owner_refusal", Some(&[O, L, S, A])),
        ("certify_rent", Some(&[O, L, S, A])),
        ("work_out_payment_check", EVERYONE),
        ("record_payment_check", Some(&[O, L, S, A])),
        ("add_incentive", Some(&[O, L, S, A])),
        ("print_inspection_report", EVERYONE),
        ("print_deficiency_notice", EVERYONE),
        ("print_rent_certification", EVERYONE),
        ("add_attachment", Some(&[O, L, S, A])),
        ("list_attachments", EVERYONE),
        ("save_attachment_copy", EVERYONE),
        // Consents to disclose and the 42 CFR 2.32 notice (issue 8).
        ("participant_consents", Some(&[O, C, S, A])),
        ("record_consent", Some(&[O, C, S, A])),
        ("revoke_consent", Some(&[O, C, S, A])),
        ("consent_report", Some(&[O, S, A])),
        ("disclosure_notice", EVERYONE),
        // The audit trail (issue 8).
        ("audit_trail", Some(&[S, A])),
        ("audit_choices", Some(&[S, A])),
        ("export_audit_trail", Some(&[S, A])),
    ];

    fn gate(command: &str, who: Who) -> Result<(), ApiError> {
        admit(command, || Ok::<_, ApiError>(who))
    }

    #[test]
    fn the_gate_answers_every_command_for_every_role_as_expected() {
        for (command, expected) in EXPECTED {
            for role in Role::ALL {
                let answer = gate(command, Who::Staff(*role));
                match expected {
                    Some(roles) if !roles.contains(role) => {
                        let err = answer.expect_err(&format!("{command} must be refused to {role:?}"));
                        assert_eq!(err.code, ErrorCode::Forbidden, "{command} for {role:?}: {err:?}");
                    }
                    _ => assert_eq!(answer, Ok(()), "{command} must be let through for {role:?}"),
                }
            }
        }
    }

    #[test]
    fn every_command_in_the_table_has_an_expectation_and_back() {
        let table: Vec<&str> = COMMANDS.iter().map(|(name, _)| *name).collect();
        let expected: Vec<&str> = EXPECTED.iter().map(|(name, _)| *name).collect();
        let missing: Vec<_> = table.iter().filter(|n| !expected.contains(n)).collect();
        let stale: Vec<_> = expected.iter().filter(|n| !table.contains(n)).collect();
        assert!(missing.is_empty(), "commands with no row in EXPECTED (say who may run them): {missing:?}");
        assert!(stale.is_empty(), "rows in EXPECTED for commands the table does not have: {stale:?}");
    }

    #[test]
    fn each_command_is_in_the_table_once() {
        for (i, (name, _)) in COMMANDS.iter().enumerate() {
            assert!(!COMMANDS[i + 1..].iter().any(|(other, _)| other == name), "{name} is in the table twice");
        }
    }

    #[test]
    fn a_command_the_table_does_not_know_is_refused_even_to_an_administrator() {
        for name in ["delete_everything", "", "App_Status", "plugin:dialog|open"] {
            let err = gate(name, Who::Staff(Role::Administrator)).expect_err(name);
            assert_eq!(err.code, ErrorCode::Forbidden, "{name:?}");
            assert_eq!(err.message, UNKNOWN_COMMAND);
        }
    }

    #[test]
    fn before_sign_in_only_the_open_commands_pass() {
        for (command, expected) in EXPECTED {
            let answer = gate(command, Who::SignedOut);
            match expected {
                None => assert_eq!(answer, Ok(()), "{command} must work before sign-in"),
                Some(_) => assert_eq!(
                    answer.map_err(|e| e.code),
                    Err(ErrorCode::NotSignedIn),
                    "{command} must need a signed-in staff member"
                ),
            }
        }
        // A locked desk says so, not "forbidden": the UI shows the unlock screen.
        assert_eq!(gate("dashboard", Who::NotOpen).map_err(|e| e.code), Err(ErrorCode::Locked));
    }

    #[test]
    fn once_open_lets_anyone_in_before_the_records_open_and_then_only_the_holders() {
        // Restoring a backup must work from the screens shown when no one can
        // sign in; once the records are open it is an administrator's.
        let need = Need::OnceOpen(Permission::Backups);
        assert!(judge(need, Who::NotOpen).is_ok(), "before opening, the service asks for the passphrase");
        assert!(matches!(judge(need, Who::SignedOut), Err(DeskError::NotSignedIn)));
        assert!(judge(need, Who::Staff(A)).is_ok());
        for role in [O, L, C, S] {
            assert!(matches!(judge(need, Who::Staff(role)), Err(DeskError::Forbidden(_))), "{role:?}");
        }
        // A plain permission is never granted to a desk that is not open.
        assert!(matches!(judge(Need::Permission(Permission::Backups), Who::NotOpen), Err(DeskError::Locked)));
    }

    #[test]
    fn the_role_is_not_read_for_open_commands() {
        // Reading it takes the desk lock; the first screens must not wait for it.
        let answer: Result<(), DeskError> = admit("app_status", || panic!("the desk was asked"));
        assert!(answer.is_ok());
    }

    #[test]
    fn every_permission_is_used_by_a_command_and_held_by_someone() {
        for p in Permission::ALL {
            assert!(
                COMMANDS.iter().any(|(_, need)| matches!(need, Need::Permission(q) | Need::OnceOpen(q) if q == p)),
                "{p:?} guards no command: remove it or use it"
            );
            assert!(Role::ALL.iter().any(|r| p.grant(*r) == Grant::Yes), "{p:?} is held by nobody");
        }
        let listed: std::collections::HashSet<_> = Permission::ALL.iter().collect();
        assert_eq!(listed.len(), Permission::ALL.len(), "a permission is listed twice");
    }

    #[test]
    fn own_participants_is_only_ever_a_case_managers_grant() {
        // access.rs narrows only case managers to their own participants.
        for p in Permission::ALL {
            for r in Role::ALL {
                if p.grant(*r) == Grant::OwnParticipants {
                    assert_eq!(*r, Role::CaseManager, "{p:?} for {r:?}");
                }
            }
        }
    }

    #[test]
    fn refusals_say_who_may_and_who_may_not() {
        assert_eq!(
            Permission::RecordPayments.refusal(Role::CaseManager),
            "“Record payments and DMH's approvals” is for office staff, supervisors and administrators; \
             case managers cannot do it."
        );
        assert_eq!(
            Permission::ApprovePaymentRuns.refusal(Role::Administrator),
            "“Approve the monthly payment run” is for supervisors; administrators cannot do it."
        );
        // The locator hears what the case services say (the journey tests read it).
        assert_eq!(Permission::KeepCases.refusal(Role::HousingLocator), crate::access::HOUSING_CARD_ONLY);
    }

    #[test]
    fn the_grid_is_for_administrators_and_shows_the_whole_table() {
        let session = |role| Session { staff_id: 1, username: "x".into(), full_name: "X".into(), role };
        for role in [O, L, C, S] {
            assert!(matches!(role_grid(&session(role)), Err(DeskError::Forbidden(_))), "{role:?}");
        }
        let grid = role_grid(&session(A)).unwrap();
        assert_eq!(grid.roles.iter().map(|c| c.role).collect::<Vec<_>>(), Role::ALL);
        assert_eq!(grid.rows.len(), Permission::ALL.len());
        let approve = grid.rows.iter().find(|r| r.permission == Permission::ApprovePaymentRuns).unwrap();
        let words: Vec<_> = approve.grants.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(words, ["No", "No", "No", "Yes", "No"], "only a supervisor approves a run");
        let cases = grid.rows.iter().find(|r| r.permission == Permission::KeepCases).unwrap();
        assert_eq!(cases.grants[2].label, "Their own participants");
    }
}
