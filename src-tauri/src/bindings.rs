//! The TypeScript types of every command's request and answer, generated
//! from the Rust types by `ts-rs` into `ui/src/lib/bindings/`. A test fails
//! when the files there are stale; `make bindings` rewrites them.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use ts_rs::TS;

    fn export_all(dir: &Path) {
        crate::desk::AppStatus::export_all_to(dir).unwrap();
        crate::desk::SetupRequest::export_all_to(dir).unwrap();
        crate::error::ApiError::export_all_to(dir).unwrap();
        crate::lists::Choices::export_all_to(dir).unwrap();
        crate::dashboard::Dashboard::export_all_to(dir).unwrap();
        crate::participants::Participant::export_all_to(dir).unwrap();
        crate::participants::ParticipantInput::export_all_to(dir).unwrap();
        crate::participants::ParticipantQuery::export_all_to(dir).unwrap();
        crate::participants::ParticipantPage::export_all_to(dir).unwrap();
        crate::accounts::StaffMember::export_all_to(dir).unwrap();
        crate::accounts::StaffInput::export_all_to(dir).unwrap();
        crate::income_calc::CalculationForm::export_all_to(dir).unwrap();
        crate::income_calc::CalculationResult::export_all_to(dir).unwrap();
        crate::income_calc::SavedCalculation::export_all_to(dir).unwrap();
        crate::income_calc::IncomeStatus::export_all_to(dir).unwrap();
        crate::signatures::SignatureInput::export_all_to(dir).unwrap();
        crate::signatures::Signature::export_all_to(dir).unwrap();
        crate::reference::FmrArea::export_all_to(dir).unwrap();
        crate::reference::ReferenceTables::export_all_to(dir).unwrap();
        crate::reference::DeductionSetInput::export_all_to(dir).unwrap();
        crate::reference::FigureImport::export_all_to(dir).unwrap();
        crate::reference::ImportSummary::export_all_to(dir).unwrap();
        crate::reference::ScheduleImport::export_all_to(dir).unwrap();
        crate::reference::ProgramLimitInput::export_all_to(dir).unwrap();
        crate::engagement::EngagementOverview::export_all_to(dir).unwrap();
        crate::engagement::VisitInput::export_all_to(dir).unwrap();
        crate::participants::HousingCard::export_all_to(dir).unwrap();
        crate::dashboard::Scope::export_all_to(dir).unwrap();
        crate::screening::ScreeningView::export_all_to(dir).unwrap();
        crate::screening::OverrideInput::export_all_to(dir).unwrap();
        crate::casework::Case::export_all_to(dir).unwrap();
        crate::casework::CaseChange::export_all_to(dir).unwrap();
        crate::landlords::Landlord::export_all_to(dir).unwrap();
        crate::landlords::LandlordInput::export_all_to(dir).unwrap();
        crate::incentives::Incentive::export_all_to(dir).unwrap();
        crate::incentives::IncentiveInput::export_all_to(dir).unwrap();
        crate::units::UnitQuery::export_all_to(dir).unwrap();
        crate::units::UnitPage::export_all_to(dir).unwrap();
        crate::units::UnitInput::export_all_to(dir).unwrap();
        crate::units::UnitView::export_all_to(dir).unwrap();
        crate::inspections::Template::export_all_to(dir).unwrap();
        crate::inspections::InspectionRow::export_all_to(dir).unwrap();
        crate::inspections::InspectionInput::export_all_to(dir).unwrap();
        crate::inspections::ExtensionInput::export_all_to(dir).unwrap();
        crate::comparisons::ComparisonInput::export_all_to(dir).unwrap();
        crate::payment_check::CheckInput::export_all_to(dir).unwrap();
        crate::attachments::AttachmentInput::export_all_to(dir).unwrap();
        crate::attachments::Attachment::export_all_to(dir).unwrap();
        crate::office::ContactInput::export_all_to(dir).unwrap();
        crate::leases::Lease::export_all_to(dir).unwrap();
        crate::leases::LeaseInput::export_all_to(dir).unwrap();
        crate::leases::LeaseChangeInput::export_all_to(dir).unwrap();
        crate::leases::MoveInInput::export_all_to(dir).unwrap();
        crate::leases::MoveOutInput::export_all_to(dir).unwrap();
        crate::leases::NextParticipantInput::export_all_to(dir).unwrap();
        crate::ledger::LedgerView::export_all_to(dir).unwrap();
        crate::ledger::PaymentInput::export_all_to(dir).unwrap();
        crate::ledger::ReversalInput::export_all_to(dir).unwrap();
        crate::ledger::ApprovalInput::export_all_to(dir).unwrap();
        crate::payment_run::PaymentRun::export_all_to(dir).unwrap();
        crate::payment_run::RunSummary::export_all_to(dir).unwrap();
        crate::lease_documents::WordingFile::export_all_to(dir).unwrap();
        crate::reports::DueReport::export_all_to(dir).unwrap();
        crate::reports::MonthlyPreview::export_all_to(dir).unwrap();
        crate::reports::ReportRecord::export_all_to(dir).unwrap();
        crate::reports::SubmittedInput::export_all_to(dir).unwrap();
        crate::reports::TemplateFileInput::export_all_to(dir).unwrap();
        crate::reports::mapping::TemplateView::export_all_to(dir).unwrap();
        crate::reports::mapping::MappingInput::export_all_to(dir).unwrap();
        crate::reports::QuarterlyPreview::export_all_to(dir).unwrap();
        crate::backup::BackupMade::export_all_to(dir).unwrap();
        crate::restore::BackupSummary::export_all_to(dir).unwrap();
        crate::backup::BackupSchedule::export_all_to(dir).unwrap();
        crate::backup::ScheduleInput::export_all_to(dir).unwrap();
        crate::restore::Restored::export_all_to(dir).unwrap();
        crate::keys::PassphraseChange::export_all_to(dir).unwrap();
        crate::accounts::PasswordReset::export_all_to(dir).unwrap();
        crate::reports::QuarterlyFormat::export_all_to(dir).unwrap();
        crate::reports::budget::BudgetView::export_all_to(dir).unwrap();
        crate::reports::budget::FiscalYear::export_all_to(dir).unwrap();
        crate::reports::budget::BudgetInput::export_all_to(dir).unwrap();
        crate::reports::holidays::Holiday::export_all_to(dir).unwrap();
        crate::reports::holidays::HolidayInput::export_all_to(dir).unwrap();
        crate::reports::hmis::HmisResult::export_all_to(dir).unwrap();
        crate::reports::charts::ProgramCharts::export_all_to(dir).unwrap();
        crate::permissions::RoleGrid::export_all_to(dir).unwrap();
        // Consents to disclose and the 42 CFR 2.32 notice (issue 8).
        crate::consents::ParticipantConsents::export_all_to(dir).unwrap();
        crate::consents::ConsentInput::export_all_to(dir).unwrap();
        crate::consents::RevokeInput::export_all_to(dir).unwrap();
        crate::consents::ConsentReport::export_all_to(dir).unwrap();
        crate::disclosure::NoticeFile::export_all_to(dir).unwrap();
        crate::audit_trail::AuditQuery::export_all_to(dir).unwrap();
        crate::audit_trail::AuditPage::export_all_to(dir).unwrap();
        crate::audit_trail::AuditChoices::export_all_to(dir).unwrap();
        crate::audit_trail::AuditExport::export_all_to(dir).unwrap();
    }

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".ts") {
                    files.insert(name, std::fs::read_to_string(entry.path()).unwrap());
                }
            }
        }
        files
    }

    #[test]
    fn ui_bindings_are_current() {
        let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
        let fresh = tempfile::tempdir().unwrap();
        export_all(fresh.path());
        let fresh_files = read_dir(fresh.path());
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&committed_dir);
            std::fs::create_dir_all(&committed_dir).unwrap();
            for (name, text) in &fresh_files {
                std::fs::write(committed_dir.join(name), text).unwrap();
            }
        }
        assert_eq!(
            read_dir(&committed_dir),
            fresh_files,
            "ui/src/lib/bindings is stale: run `make bindings` and commit the result"
        );
    }
}
