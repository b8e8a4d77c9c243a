// The only file that talks to the Rust side. Every command is typed with the
// bindings generated from Rust (./bindings), and every failure arrives as an
// ApiError: { code, message, fields }.
import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
// Consents to disclose and the 42 CFR 2.32 notice (issue 8).
import type { Consent } from './bindings/Consent';
import type { ConsentInput } from './bindings/ConsentInput';
import type { ConsentReport } from './bindings/ConsentReport';
import type { NoticeFile } from './bindings/NoticeFile';
import type { ParticipantConsents } from './bindings/ParticipantConsents';
import type { RevokeInput } from './bindings/RevokeInput';
import type { AppStatus } from './bindings/AppStatus';
import type { BackupSchedule } from './bindings/BackupSchedule';
import type { BackupSummary } from './bindings/BackupSummary';
import type { ScheduleInput } from './bindings/ScheduleInput';
import type { PassphraseChange } from './bindings/PassphraseChange';
import type { PasswordReset } from './bindings/PasswordReset';
import type { Restored } from './bindings/Restored';
import type { Choices } from './bindings/Choices';
import type { Dashboard } from './bindings/Dashboard';
import type { Participant } from './bindings/Participant';
import type { ParticipantInput } from './bindings/ParticipantInput';
import type { ParticipantPage } from './bindings/ParticipantPage';
import type { ParticipantQuery } from './bindings/ParticipantQuery';
import type { SetupRequest } from './bindings/SetupRequest';
import type { StaffInput } from './bindings/StaffInput';
import type { StaffMember } from './bindings/StaffMember';
import type { CalculationForm } from './bindings/CalculationForm';
import type { CalculationResult } from './bindings/CalculationResult';
import type { SavedCalculation } from './bindings/SavedCalculation';
import type { FmrArea } from './bindings/FmrArea';
import type { IncomeStatus } from './bindings/IncomeStatus';
import type { Signature } from './bindings/Signature';
import type { SignatureInput } from './bindings/SignatureInput';
import type { ReferenceTables } from './bindings/ReferenceTables';
import type { DeductionSetInput } from './bindings/DeductionSetInput';
import type { DeductionSetView } from './bindings/DeductionSetView';
import type { FigureImport } from './bindings/FigureImport';
import type { ImportSummary } from './bindings/ImportSummary';
import type { ScheduleImport } from './bindings/ScheduleImport';
import type { ScheduleView } from './bindings/ScheduleView';
import type { ProgramLimitInput } from './bindings/ProgramLimitInput';
import type { EngagementOverview } from './bindings/EngagementOverview';
import type { Visit } from './bindings/Visit';
import type { VisitInput } from './bindings/VisitInput';
import type { ProgramLimitView } from './bindings/ProgramLimitView';
import type { Scope } from './bindings/Scope';
import type { HousingCard } from './bindings/HousingCard';
import type { ScreeningView } from './bindings/ScreeningView';
import type { ScreeningForm } from './bindings/ScreeningForm';
import type { Step } from './bindings/Step';
import type { OverrideInput } from './bindings/OverrideInput';
import type { Case } from './bindings/Case';
import type { CaseChange } from './bindings/CaseChange';
import type { Landlord } from './bindings/Landlord';
import type { LandlordInput } from './bindings/LandlordInput';
import type { Lease } from './bindings/Lease';
import type { LeaseInput } from './bindings/LeaseInput';
import type { LeaseChangeInput } from './bindings/LeaseChangeInput';
import type { MoveInInput } from './bindings/MoveInInput';
import type { MoveOutInput } from './bindings/MoveOutInput';
import type { NextParticipantInput } from './bindings/NextParticipantInput';
import type { LedgerView } from './bindings/LedgerView';
import type { Payment } from './bindings/Payment';
import type { PaymentInput } from './bindings/PaymentInput';
import type { ReversalInput } from './bindings/ReversalInput';
import type { ApprovalInput } from './bindings/ApprovalInput';
import type { ApprovalRecord } from './bindings/ApprovalRecord';
import type { PaymentRun } from './bindings/PaymentRun';
import type { RunSummary } from './bindings/RunSummary';
import type { WordingFile } from './bindings/WordingFile';
import type { Incentive } from './bindings/Incentive';
import type { IncentiveInput } from './bindings/IncentiveInput';
import type { UnitQuery } from './bindings/UnitQuery';
import type { UnitPage } from './bindings/UnitPage';
import type { UnitInput } from './bindings/UnitInput';
import type { Unit } from './bindings/Unit';
import type { UnitView } from './bindings/UnitView';
import type { Template } from './bindings/Template';
import type { Inspection } from './bindings/Inspection';
import type { InspectionInput } from './bindings/InspectionInput';
import type { ExtensionInput } from './bindings/ExtensionInput';
import type { ComparisonInput } from './bindings/ComparisonInput';
import type { RentComparison } from './bindings/RentComparison';
import type { CheckInput } from './bindings/CheckInput';
import type { CheckResult } from './bindings/CheckResult';
import type { PaymentStandardCheck } from './bindings/PaymentStandardCheck';
import type { Attachment } from './bindings/Attachment';
import type { InspectionRow } from './bindings/InspectionRow';
import type { ContactInput } from './bindings/ContactInput';
import type { AttachmentInput } from './bindings/AttachmentInput';
import type { DueReport } from './bindings/DueReport';
import type { ProgramCharts } from './bindings/ProgramCharts';
import type { MonthlyPreview } from './bindings/MonthlyPreview';
import type { ReportRecord } from './bindings/ReportRecord';
import type { ReportKind } from './bindings/ReportKind';
import type { SubmittedInput } from './bindings/SubmittedInput';
import type { TemplateFileInput } from './bindings/TemplateFileInput';
import type { TemplateView } from './bindings/TemplateView';
import type { MappingInput } from './bindings/MappingInput';
import type { QuarterlyPreview } from './bindings/QuarterlyPreview';
import type { BackupMade } from './bindings/BackupMade';
import type { QuarterlyFormat } from './bindings/QuarterlyFormat';
import type { BudgetView } from './bindings/BudgetView';
import type { BudgetInput } from './bindings/BudgetInput';
import type { Holiday } from './bindings/Holiday';
import type { HolidayInput } from './bindings/HolidayInput';
import type { HmisResult } from './bindings/HmisResult';
import type { RoleGrid } from './bindings/RoleGrid';
// The audit trail (issue 8).
import type { AuditChoices } from './bindings/AuditChoices';
import type { AuditExport } from './bindings/AuditExport';
import type { AuditPage } from './bindings/AuditPage';
import type { AuditQuery } from './bindings/AuditQuery';

export type { ApiError };

/** Turns whatever a rejected command gave into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw && typeof raw === 'object' && 'code' in raw && 'message' in raw) {
    const e = raw as Partial<ApiError>;
    return {
      code: e.code ?? 'internal',
      message: String(e.message ?? ''),
      fields: Array.isArray(e.fields) ? e.fields : [],
    };
  }
  const message = typeof raw === 'string' && raw ? raw : 'Housing Desk could not do that. Try again.';
  return { code: 'internal', message, fields: [] };
}

/** Whether a value thrown by this module is an ApiError. */
export function isApiError(e: unknown): e is ApiError {
  return !!e && typeof e === 'object' && 'code' in e && 'fields' in e;
}

/** The event the window hears when Rust refuses a command because the
 *  window is locked (it locked itself elsewhere, or another check ran late). */
export const WINDOW_LOCKED_EVENT = 'housing-desk:window-locked';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = toApiError(raw);
    if (error.code === 'window_locked') window.dispatchEvent(new CustomEvent(WINDOW_LOCKED_EVENT));
    throw error;
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  completeSetup: (request: SetupRequest) => call<AppStatus>('complete_setup', { request }),
  unlock: (passphrase: string) => call<AppStatus>('unlock', { passphrase }),
  signIn: (username: string, password: string) => call<AppStatus>('sign_in', { username, password }),
  signOut: () => call<AppStatus>('sign_out'),
  lockWindow: () => call<AppStatus>('lock_window'),
  unlockWindow: (password: string) => call<AppStatus>('unlock_window', { password }),
  unlockStaff: (staffId: number) => call<StaffMember>('unlock_staff', { staffId }),
  resetStaffPassword: (reset: PasswordReset) => call<StaffMember>('reset_staff_password', { reset }),
  setLockAfter: (minutes: string) => call<AppStatus>('set_lock_after', { minutes }),
  choices: () => call<Choices>('choices'),
  dashboard: (scope: Scope) => call<Dashboard>('dashboard', { scope }),
  listParticipants: (query: ParticipantQuery) => call<ParticipantPage>('list_participants', { query }),
  getParticipant: (id: number) => call<Participant>('get_participant', { id }),
  createParticipant: (input: ParticipantInput) => call<Participant>('create_participant', { input }),
  updateParticipant: (id: number, input: ParticipantInput) => call<Participant>('update_participant', { id, input }),
  listStaff: () => call<StaffMember[]>('list_staff'),
  rolePermissions: () => call<RoleGrid>('role_permissions'),
  addStaff: (input: StaffInput) => call<StaffMember>('add_staff', { input }),
  previewCalculation: (participantId: number, form: CalculationForm) =>
    call<CalculationResult>('preview_calculation', { participantId, form }),
  saveCalculation: (participantId: number, form: CalculationForm) =>
    call<SavedCalculation>('save_calculation', { participantId, form }),
  calculationHistory: (participantId: number) => call<SavedCalculation[]>('calculation_history', { participantId }),
  fmrAreas: () => call<FmrArea[]>('fmr_areas'),
  incomeStatus: (participantId: number) => call<IncomeStatus>('income_status', { participantId }),
  signSummary: (calculationId: number, signature: SignatureInput) =>
    call<Signature>('sign_summary', { calculationId, signature }),
  summarySignatures: (calculationId: number) => call<Signature[]>('summary_signatures', { calculationId }),
  printIncomeSummary: (calculationId: number) => call<string>('print_income_summary', { calculationId }),
  referenceTables: () => call<ReferenceTables>('reference_tables'),
  addDeductionSet: (input: DeductionSetInput) => call<DeductionSetView>('add_deduction_set', { input }),
  importFigures: (input: FigureImport) => call<ImportSummary>('import_figures', { import: input }),
  utilitySchedules: () => call<ScheduleView[]>('utility_schedules'),
  setSmallAreaFmrs: (on: boolean) => call<AppStatus>('set_small_area_fmrs', { on }),
  addProgramLimit: (input: ProgramLimitInput) => call<ProgramLimitView>('add_program_limit', { input }),
  engagement: (participantId: number) => call<EngagementOverview>('engagement', { participantId }),
  logVisit: (participantId: number, input: VisitInput) => call<Visit>('log_visit', { participantId, input }),
  importUtilitySchedule: (input: ScheduleImport) => call<number>('import_utility_schedule', { import: input }),
  housingCard: (id: number) => call<HousingCard>('housing_card', { id }),
  screening: (participantId: number) => call<ScreeningView>('screening', { participantId }),
  saveScreeningStep: (participantId: number, step: Step, form: ScreeningForm) =>
    call<ScreeningView>('save_screening_step', { participantId, step, form }),
  finishScreening: (participantId: number, overrideInput: OverrideInput | null) =>
    call<ScreeningView>('finish_screening', { participantId, overrideInput }),
  screenAgain: (participantId: number) => call<ScreeningView>('screen_again', { participantId }),
  caseOf: (participantId: number) => call<Case>('case', { participantId }),
  changeCase: (participantId: number, change: CaseChange) => call<Case>('change_case', { participantId, change }),
  listLandlords: (search: string) => call<Landlord[]>('list_landlords', { search }),
  getLandlord: (id: number) => call<[Landlord, Incentive[]]>('get_landlord', { id }),
  saveLandlord: (id: number | null, input: LandlordInput) => call<Landlord>('save_landlord', { id, input }),
  listUnits: (query: UnitQuery) => call<UnitPage>('list_units', { query }),
  getUnit: (id: number) => call<UnitView>('get_unit', { id }),
  saveUnit: (id: number | null, input: UnitInput) => call<Unit>('save_unit', { id, input }),
  inspectionTemplate: () => call<Template>('inspection_template'),
  recordInspection: (unitId: number, input: InspectionInput) => call<Inspection>('record_inspection', { unitId, input }),
  getInspection: (id: number) => call<Inspection>('get_inspection', { id }),
  inspectionsOverview: () => call<InspectionRow[]>('inspections_overview'),
  setOfficeContact: (input: ContactInput) => call<AppStatus>('set_office_contact', { input }),
  extendFollowUp: (inspectionId: number, input: ExtensionInput) =>
    call<Inspection>('extend_follow_up', { inspectionId, input }),
  recordOwnerRefusal: (inspectionId: number) => call<Inspection>('record_owner_refusal', { inspectionId }),
  certifyRent: (unitId: number, input: ComparisonInput) => call<RentComparison>('certify_rent', { unitId, input }),
  workOutPaymentCheck: (unitId: number, input: CheckInput) =>
    call<CheckResult>('work_out_payment_check', { unitId, input }),
  recordPaymentCheck: (unitId: number, input: CheckInput) =>
    call<PaymentStandardCheck>('record_payment_check', { unitId, input }),
  addIncentive: (unitId: number, input: IncentiveInput) => call<Incentive>('add_incentive', { unitId, input }),
  printInspectionReport: (inspectionId: number) => call<string>('print_inspection_report', { inspectionId }),
  printDeficiencyNotice: (inspectionId: number) => call<string>('print_deficiency_notice', { inspectionId }),
  printRentCertification: (comparisonId: number) => call<string>('print_rent_certification', { comparisonId }),
  addAttachment: (input: AttachmentInput) => call<Attachment>('add_attachment', { input }),
  listAttachments: (entity: string, entityId: number) => call<Attachment[]>('list_attachments', { entity, entityId }),
  saveAttachmentCopy: (id: number) => call<string>('save_attachment_copy', { id }),
  createLease: (unitId: number, input: LeaseInput) => call<Lease>('create_lease', { unitId, input }),
  unitLeases: (unitId: number) => call<Lease[]>('unit_leases', { unitId }),
  participantLeases: (participantId: number) => call<Lease[]>('participant_leases', { participantId }),
  recordMoveIn: (leaseId: number, input: MoveInInput) => call<Lease>('record_move_in', { leaseId, input }),
  changeLease: (leaseId: number, input: LeaseChangeInput) => call<Lease>('change_lease', { leaseId, input }),
  moveOut: (leaseId: number, input: MoveOutInput) => call<Lease>('move_out', { leaseId, input }),
  setNextParticipant: (leaseId: number, input: NextParticipantInput) =>
    call<Lease>('set_next_participant', { leaseId, input }),
  printLeasePacket: (leaseId: number) => call<string>('print_lease_packet', { leaseId }),
  leaseWording: () => call<WordingFile[]>('lease_wording'),
  participantLedger: (participantId: number) => call<LedgerView>('participant_ledger', { participantId }),
  unitLedger: (unitId: number) => call<LedgerView>('unit_ledger', { unitId }),
  officeLedger: (from: string, to: string, category: string) => call<LedgerView>('office_ledger', { from, to, category }),
  recordPayment: (input: PaymentInput) => call<Payment>('record_payment', { input }),
  reversePayment: (paymentId: number, input: ReversalInput) => call<Payment>('reverse_payment', { paymentId, input }),
  recordApproval: (participantId: number, input: ApprovalInput) =>
    call<ApprovalRecord>('record_approval', { participantId, input }),
  paymentRuns: () => call<RunSummary[]>('payment_runs'),
  getPaymentRun: (id: number) => call<PaymentRun>('get_payment_run', { id }),
  preparePaymentRun: (month: string) => call<PaymentRun>('prepare_payment_run', { month }),
  approvePaymentRun: (id: number) => call<PaymentRun>('approve_payment_run', { id }),
  postPaymentRun: (id: number, paidOn: string) => call<PaymentRun>('post_payment_run', { id, paidOn }),
  discardPaymentRun: (id: number) => call<PaymentRun>('discard_payment_run', { id }),
  setRunLineAmount: (runId: number, lineId: number, amount: string) =>
    call<PaymentRun>('set_run_line_amount', { runId, lineId, amount }),
  printPaymentRegister: (id: number) => call<string>('print_payment_register', { id }),
  reportsDue: () => call<DueReport[]>('reports_due'),
  programCharts: () => call<ProgramCharts>('program_charts'),
  printPage: () => call<null>('print_page'),
  monthlyReportPreview: (month: string) => call<MonthlyPreview>('monthly_report_preview', { month }),
  produceMonthlyReport: (month: string, kind: ReportKind) => call<ReportRecord>('produce_monthly_report', { month, kind }),
  reportHistory: () => call<ReportRecord[]>('report_history'),
  /** Opens the system's save dialog (from Rust) and writes the report there: the path, or null when cancelled. */
  saveReportCopy: (id: number) => call<string | null>('save_report_copy', { id }),
  markReportSubmitted: (id: number, input: SubmittedInput) => call<ReportRecord>('mark_report_submitted', { id, input }),
  dmhTemplate: () => call<TemplateView | null>('dmh_template'),
  loadDmhTemplate: (input: TemplateFileInput) => call<TemplateView>('load_dmh_template', { input }),
  saveDmhMapping: (input: MappingInput) => call<TemplateView>('save_dmh_mapping', { input }),
  quarterlyReportPreview: (quarter: string) => call<QuarterlyPreview>('quarterly_report_preview', { quarter }),
  produceQuarterlyReport: (quarter: string, kind: ReportKind, format: QuarterlyFormat) =>
    call<ReportRecord>('produce_quarterly_report', { quarter, kind, format }),
  /** A fiscal year's budget; without a year, the one today is in. */
  grantBudget: (fiscalYear: number | null) => call<BudgetView>('grant_budget', { fiscalYear }),
  saveGrantBudget: (input: BudgetInput) => call<BudgetView>('save_grant_budget', { input }),
  officeHolidays: () => call<Holiday[]>('office_holidays'),
  saveOfficeHoliday: (input: HolidayInput) => call<Holiday[]>('save_office_holiday', { input }),
  removeOfficeHoliday: (day: string) => call<Holiday[]>('remove_office_holiday', { day }),
  produceHmisExport: (from: string, to: string) => call<HmisResult>('produce_hmis_export', { from, to }),
  /** The system's folder dialogs open from Rust: the page never names a path. null when cancelled. */
  backupNow: () => call<BackupMade | null>('backup_now'),
  chooseDailyBackupFolder: () => call<string | null>('choose_daily_backup_folder'),
  backupSchedule: () => call<BackupSchedule>('backup_schedule'),
  saveBackupSchedule: (input: ScheduleInput) => call<BackupSchedule>('save_backup_schedule', { input }),
  chooseBackup: () => call<BackupSummary | null>('choose_backup'),
  restoreBackup: (passphrase: string) => call<Restored>('restore_backup', { passphrase }),
  rotateKey: (passphrase: string) => call<AppStatus>('rotate_key', { passphrase }),
  changePassphrase: (change: PassphraseChange) => call<AppStatus>('change_passphrase', { change }),
  // Consents to disclose and the 42 CFR 2.32 notice (issue 8).
  participantConsents: (participantId: number) => call<ParticipantConsents>('participant_consents', { participantId }),
  recordConsent: (participantId: number, input: ConsentInput) => call<Consent>('record_consent', { participantId, input }),
  revokeConsent: (consentId: number, input: RevokeInput) => call<Consent>('revoke_consent', { consentId, input }),
  consentReport: () => call<ConsentReport>('consent_report'),
  disclosureNotice: () => call<NoticeFile>('disclosure_notice'),
  // The audit trail (issue 8).
  auditTrail: (query: AuditQuery) => call<AuditPage>('audit_trail', { query }),
  auditChoices: () => call<AuditChoices>('audit_choices'),
  /** Opens the save dialog (from Rust) and writes every entry the filters choose as CSV; null when cancelled. */
  exportAuditTrail: (query: AuditQuery) => call<AuditExport | null>('export_audit_trail', { query }),
};
