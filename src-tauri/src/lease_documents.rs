//! The office's lease and money documents from the records: the lease
//! packet (cover sheet, HAP contract or sublease in the office's own
//! wording, income calculation summary, inspection report, rent
//! reasonableness certification, utility allowance worksheet) and the
//! payment register of a monthly run.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::Session;
use crate::documents::templates::{self, Template, TemplateKind};
use crate::error::DeskError;
use crate::rules::Money;
use crate::store::Store;
use crate::validation::{Choice, ValidationErrors};

/// The wording file of `kind` in `dir`, written from the sample the first
/// time, so the administrator finds it there to revise with counsel.
pub fn template_file(dir: &Path, kind: TemplateKind) -> Result<(PathBuf, String), DeskError> {
    let path = dir.join(match kind {
        TemplateKind::HapContract => "hap-contract.txt",
        TemplateKind::Sublease => "sublease.txt",
    });
    let io = |e: std::io::Error| DeskError::Store(crate::store::StoreError::Io(e));
    if !path.exists() {
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(&path, kind.default_text()).map_err(io)?;
    }
    let text = std::fs::read_to_string(&path).map_err(io)?;
    Ok((path, text))
}

/// The office's wording of `kind`, read and checked; a mistake is reported
/// with the file and the line.
pub fn template(dir: &Path, kind: TemplateKind) -> Result<Template, DeskError> {
    let (path, text) = template_file(dir, kind)?;
    let problem = |e: crate::documents::DocumentError| -> DeskError {
        ValidationErrors::single(
            "template",
            format!("The wording of the {} in {} has a mistake. {e}", kind.label(), path.display()),
        )
        .into()
    };
    let parsed = templates::parse(&text).map_err(problem)?;
    templates::check(kind, &parsed).map_err(problem)?;
    Ok(parsed)
}

/// One wording file, for the administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WordingFile {
    pub document: String,
    pub path: String,
    /// Still the sample wording, not yet revised.
    pub sample: bool,
    /// What is wrong with it, if anything.
    pub problem: Option<String>,
    /// The placeholders it may use, with what each prints.
    pub placeholders: Vec<(String, String)>,
}

/// The wording files of the lease documents, each checked.
pub fn wording_files(dir: &Path) -> Result<Vec<WordingFile>, DeskError> {
    [TemplateKind::HapContract, TemplateKind::Sublease]
        .into_iter()
        .map(|kind| {
            let (path, text) = template_file(dir, kind)?;
            let parsed = templates::parse(&text);
            let problem = match &parsed {
                Err(e) => Some(e.to_string()),
                Ok(t) => templates::check(kind, t).err().map(|e| e.to_string()),
            };
            Ok(WordingFile {
                document: kind.label().to_string(),
                path: path.display().to_string(),
                sample: parsed.as_ref().is_ok_and(|t| templates::is_sample(kind, t)),
                problem,
                placeholders: templates::placeholders(kind)
                    .iter()
                    .map(|(n, d)| (format!("{{{n}}}"), d.to_string()))
                    .collect(),
            })
        })
        .collect()
}

/// Prints the lease packet into `dir` and answers where; the print is
/// audited as an export of the participant's record (the packet holds the
/// income calculation summary).
pub fn print_lease_packet(
    store: &Store,
    session: &Session,
    lease_id: i64,
    when: crate::desk::Moment,
    templates_dir: &Path,
    dir: &Path,
) -> Result<std::path::PathBuf, DeskError> {
    let pdf = lease_packet(store, session, lease_id, when.today, templates_dir)?;
    let participant_id = crate::leases::get(store, lease_id, when.today)?.participant_id;
    let path = crate::housing_documents::save(dir, pdf)?;
    crate::audit::record_print(store, session, participant_id, crate::audit::RecordPart::LeasePacket, when)?;
    Ok(path)
}

/// The lease packet of lease `lease_id` as one PDF, with its file name: the
/// cover sheet, the HAP contract (rental assistance) or the sublease (master
/// lease) in the office's wording from `templates_dir`, the signed income
/// calculation summary, the inspection report and the rent reasonableness
/// certification the lease rests on, and the utility allowance worksheet.
pub fn lease_packet(
    store: &Store,
    session: &Session,
    lease_id: i64,
    today: NaiveDate,
    templates_dir: &Path,
) -> Result<(String, Vec<u8>), DeskError> {
    use crate::documents::hap_contract::{HapContract, LeasedUnit, Party, Provided, Supplier, UtilityLine};
    use crate::documents::lease_packet::{self as packet, Cover, LeasePacket, Part, PartDocument};
    use crate::documents::sublease::Sublease;
    use crate::documents::utility_worksheet::{AllowanceSchedule, UtilityWorksheet};
    use crate::rules::rent::LeasingOption;
    // The packet holds the income calculation summary: the office prints
    // it, not the locator (who sees the housing card only).
    crate::ledger::require_money_role(session)?;
    let lease = crate::leases::get(store, lease_id, today)?;
    let unit = crate::units::get(store, lease.unit_id)?;
    let landlord = crate::landlords::get(store, unit.details.landlord_id)?;
    let office = crate::store::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let participant = crate::store::participants::get(store.conn(), lease.participant_id)?
        .ok_or(DeskError::NotFound("participant"))?;
    let calculation = crate::income_calc::get(store, lease.calculation_id)?;
    let signatures = crate::signatures::for_calculation(store, lease.calculation_id)?;
    let (report, _) = crate::housing_documents::report_input(store, lease.inspection_id)?;
    // The terms in force on the day it is printed: a renewal that starts
    // later is not yet part of the lease the packet describes.
    let in_force = || lease.changes.iter().filter(|c| c.effective_on <= today);
    let comparison_id = in_force().filter_map(|c| c.comparison_id).next_back().unwrap_or(lease.comparison_id);
    let end = in_force().filter_map(|c| c.end_date).chain(lease.first_end_date).max().unwrap_or(lease.start_date);
    let phone =
        match office.phone.clone() {
            Some(p) if !p.trim().is_empty() => p,
            _ => return Err(ValidationErrors::single(
                "phone",
                "Enter the office's phone in Settings first: the contract gives it to the owner and the participant.",
            )
            .into()),
        };
    let certification = crate::housing_documents::certification_input(store, comparison_id)?;
    let lines =
        |text: Option<&str>| -> String { crate::housing_documents::address_lines(text.unwrap_or("")).join(", ") };
    let grantee = Party {
        name: office.grantee_name.clone(),
        address: match office.mailing_address.as_deref() {
            Some(a) => lines(Some(a)),
            None => format!("{} County, Illinois", office.county),
        },
    };
    // The owner or the owner's agent signs; the payee is only where checks go.
    let owner = Party {
        name: match &landlord.details.organization {
            Some(org) => format!("{} ({org})", landlord.details.name),
            None => landlord.details.name.clone(),
        },
        address: lines(landlord.details.mailing_address.as_deref().or(landlord.details.payee_address.as_deref())),
    };
    let d = &unit.details;
    let leased_unit =
        LeasedUnit { address: crate::units::address(d), bedrooms: u8::try_from(d.bedrooms).unwrap_or(u8::MAX) };
    let tenant_pays = match lease.option {
        LeasingOption::RentalAssistance => Supplier::Participant,
        LeasingOption::MasterLease => Supplier::Grantee,
    };
    let mut utilities: Vec<UtilityLine> = d
        .owner_utilities
        .iter()
        .map(|u| UtilityLine {
            provided: Provided::Utility { utility: *u, fuel: crate::rules::utility_allowance::Fuel::None },
            by: Supplier::Owner,
        })
        .collect();
    utilities.extend(
        d.tenant_utilities
            .iter()
            .map(|t| UtilityLine { provided: Provided::Utility { utility: t.utility, fuel: t.fuel }, by: tenant_pays }),
    );
    let identifier = format!("LEASE-{:06}", lease.id);
    let output = &calculation.result.output;
    let first_part = match lease.option {
        LeasingOption::RentalAssistance => {
            let contract = HapContract {
                program: office.program.label().to_string(),
                grantee: grantee.clone(),
                grantee_phone: phone.clone(),
                grantee_signer: session.full_name.clone(),
                owner: owner.clone(),
                participant_name: participant.details.legal_name.clone(),
                unit: leased_unit.clone(),
                start: lease.start_date,
                end,
                contract_rent: lease.contract_rent,
                utility_allowance: output.utility_allowance,
                tenant_rent: lease.tenant_rent,
                assistance: lease.grantee_payment,
                utility_reimbursement: lease.utility_reimbursement,
                utilities: utilities.clone(),
                payment_day: 1,
                payment_method: "check".into(),
                identifier: format!("{identifier}-HAP"),
                dated: today,
            };
            PartDocument::HapContract(contract, template(templates_dir, TemplateKind::HapContract)?)
        }
        LeasingOption::MasterLease => PartDocument::Sublease(
            Sublease {
                program: office.program.label().to_string(),
                grantee: grantee.clone(),
                grantee_phone: phone.clone(),
                grantee_signer: session.full_name.clone(),
                owner: owner.clone(),
                participant_name: participant.details.legal_name.clone(),
                unit: leased_unit.clone(),
                start: lease.start_date,
                end,
                contract_rent: lease.contract_rent,
                tenant_rent: lease.tenant_rent,
                utility_reimbursement: lease.utility_reimbursement,
                utilities: utilities.clone(),
                rent_due_day: 1,
                payment_method: "check or money order to the grantee".into(),
                identifier: format!("{identifier}-SUB"),
                dated: today,
            },
            template(templates_dir, TemplateKind::Sublease)?,
        ),
    };
    let worksheet = UtilityWorksheet {
        office_name: office.grantee_name.clone(),
        identifier: format!("{identifier}-UA"),
        prepared_on: today,
        prepared_by: session.full_name.clone(),
        participant_name: participant.details.legal_name.clone(),
        unit_address: crate::units::address(d),
        // The allowance is read at the size the participant is allowed, not
        // a larger unit's (as the payment standard check reads it).
        bedrooms: u8::try_from(d.bedrooms.min(calculation.result.allowed_bedrooms).min(5)).unwrap_or(5),
        schedule: AllowanceSchedule {
            name: String::new(),
            pha: String::new(),
            unit_type: String::new(),
            effective_from: lease.start_date,
        },
        lines: Vec::new(),
        ttp: output.ttp.0,
        contract_rent: lease.contract_rent,
        option: lease.option,
    };
    let recorded = calculation.form.ua_schedule_id.trim().parse::<i64>().ok();
    let worksheet = with_schedule(store, worksheet, d, output.utility_allowance, lease.start_date, recorded)?;
    let shown = crate::documents::utility_worksheet::figures(&worksheet).utility_allowance;
    if shown != output.utility_allowance {
        return Err(ValidationErrors::single(
            "participant_id",
            format!(
                "The PHA schedule gives this unit an allowance of {}, but the income calculation used {}: work out the rent again with the schedule before printing the packet.",
                shown.dollars(),
                output.utility_allowance.dollars()
            ),
        )
        .into());
    }
    let summary = crate::documents::income_summary::IncomeSummary {
        office: &office,
        participant: &participant,
        calculation: &calculation,
        printed_on: today,
        signatures: &signatures,
    };
    let data = LeasePacket {
        cover: Cover {
            office_name: office.grantee_name.clone(),
            program: office.program.label().to_string(),
            identifier: identifier.clone(),
            participant_name: participant.details.legal_name.clone(),
            unit_address: crate::units::address(d),
            owner_name: landlord.details.name.clone(),
            option: lease.option,
            prepared_by: session.full_name.clone(),
            prepared_on: today,
        },
        parts: vec![
            Part { document: first_part, signed: Vec::new() },
            Part { document: PartDocument::IncomeSummary(summary), signed: Vec::new() },
            Part { document: PartDocument::InspectionReport(report), signed: Vec::new() },
            Part { document: PartDocument::RentReasonableness(certification), signed: Vec::new() },
            Part { document: PartDocument::UtilityWorksheet(worksheet), signed: Vec::new() },
        ],
    };
    // The packet names the participant to the owner: it carries the notice
    // (see `disclosure`), read from the same folder as the lease wording.
    let notice = crate::disclosure::needs_part2_notice(crate::disclosure::DocumentKind::LeasePacket)
        .then(|| crate::disclosure::notice(templates_dir))
        .transpose()?;
    let bytes = packet::render(&data, notice.as_ref()).map_err(crate::housing_documents::invalid)?;
    let name = crate::housing_documents::file_name_part(&participant.details.legal_name);
    Ok((format!("Lease packet - {name} - {identifier} {today}.pdf"), bytes))
}

/// Fills the worksheet from the PHA schedule the unit's allowance was read
/// from: of the schedules in force on `on`, the one that gives `allowance`
/// for the utilities the tenant pays, else the newest. With no utilities
/// paid by the tenant there is nothing to read.
fn with_schedule(
    store: &Store,
    mut w: crate::documents::utility_worksheet::UtilityWorksheet,
    d: &crate::units::UnitDetails,
    allowance: Money,
    on: NaiveDate,
    recorded: Option<i64>,
) -> Result<crate::documents::utility_worksheet::UtilityWorksheet, DeskError> {
    use crate::documents::utility_worksheet::{AllowanceLine, AllowanceSchedule};
    use crate::rules::utility_allowance::{self as ua, TenantPaid};
    let paid: Vec<TenantPaid> =
        d.tenant_utilities.iter().map(|t| TenantPaid { utility: t.utility, fuel: t.fuel }).collect();
    let schedules: Vec<_> =
        crate::reference::utility_schedules(store)?.into_iter().filter(|s| s.effective_from <= on).collect();
    let mut chosen = None;
    // The schedule the calculation recorded, when it did.
    let all = crate::reference::utility_schedules(store)?;
    if let Some(s) = recorded.and_then(|id| all.iter().find(|s| s.id == id)) {
        chosen = Some((s, crate::store::reference::schedule_rows(store.conn(), s.id)?));
    }
    for s in schedules.iter().filter(|_| chosen.is_none()) {
        let rows = crate::store::reference::schedule_rows(store.conn(), s.id)?;
        if ua::utility_allowance(&rows, u32::from(w.bedrooms), &paid).is_ok_and(|x| x == allowance) {
            chosen = Some((s, rows));
            break;
        }
    }
    if chosen.is_none() && !paid.is_empty() {
        if let Some(s) = schedules.first() {
            chosen = Some((s, crate::store::reference::schedule_rows(store.conn(), s.id)?));
        }
    }
    if paid.is_empty() {
        chosen = None;
    } else if chosen.is_none() {
        w.schedule.name = "None on file".into();
        w.schedule.pha = "import the PHA's schedule in Settings".into();
    }
    if let Some((s, rows)) = chosen {
        w.schedule = AllowanceSchedule {
            name: s.name.clone(),
            pha: s.pha.clone(),
            unit_type: s.unit_type.clone(),
            effective_from: s.effective_from,
        };
        let column = usize::from(w.bedrooms.min(5));
        w.lines = paid
            .iter()
            .filter_map(|p| {
                rows.iter()
                    .find(|r| r.utility == p.utility && (r.fuel == p.fuel || !p.utility.has_fuel()))
                    .map(|r| AllowanceLine { utility: p.utility, fuel: r.fuel, monthly: r.by_bedrooms[column] })
            })
            .collect();
    }
    Ok(w)
}

/// The payment register of run `run_id`: the PDF and the CSV export for the
/// finance office, each with its file name, and the notice of 42 CFR 2.32 as
/// a text file to go with the CSV (the register names the participants each
/// payment is for; see `disclosure`). The CSV stays as the finance office's
/// system imports it: the notice ends the PDF and travels beside the CSV.
#[allow(clippy::type_complexity)]
pub fn payment_register(
    store: &Store,
    session: &Session,
    run_id: i64,
    today: NaiveDate,
) -> Result<((String, Vec<u8>), (String, Vec<u8>), Option<(String, Vec<u8>)>), DeskError> {
    use crate::documents::payment_register::{
        self as register, PaymentRegister, RegisterLine, RegisterStatus, Signoff,
    };
    use crate::payment_run::{self, RunStatus};
    let run = payment_run::get(store, session, run_id)?;
    let office = crate::store::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let day = |at: &Option<String>| at.as_deref().and_then(|t| t.get(..10)).and_then(crate::validation::parse_date);
    let approved =
        || Signoff { by: run.approved_by.clone().unwrap_or_default(), on: day(&run.approved_at).unwrap_or(today) };
    let status = match run.status {
        RunStatus::Prepared | RunStatus::Discarded => RegisterStatus::Preview,
        RunStatus::Approved => RegisterStatus::Approved(approved()),
        RunStatus::Posted => RegisterStatus::Posted {
            approved: approved(),
            posted: Signoff {
                by: run.posted_by.clone().unwrap_or_default(),
                on: run.paid_on.or(day(&run.posted_at)).unwrap_or(today),
            },
        },
    };
    let identifier = format!("RUN-{:06}", run.id);
    let data = PaymentRegister {
        office_name: office.grantee_name.clone(),
        program: office.program.label().to_string(),
        month: run.month,
        status,
        prepared_by: run.prepared_by.clone(),
        prepared_on: day(&Some(run.prepared_at.clone())).unwrap_or(today),
        identifier: identifier.clone(),
        lines: run
            .lines
            .iter()
            .map(|l| RegisterLine {
                category: l.category_label.clone(),
                payee: l.payee.clone(),
                participant: l.participant_name.clone().unwrap_or_default(),
                unit: l.unit_address.clone().unwrap_or_default(),
                period: payment_run::period_words(l.period_start, l.period_end),
                days: (l.days_covered < l.days_in_month).then_some((l.days_covered, l.days_in_month)),
                amount: l.amount,
                reference: None,
                note: l.note.clone(),
                held: l.held,
            })
            .collect(),
    };
    let name = format!("Payment register {} {}", run.month.format("%Y-%m"), identifier);
    let notice = crate::disclosure::notice_for(store, crate::disclosure::DocumentKind::PaymentRegister)?;
    let pdf = register::render(&data, notice.as_ref()).map_err(invalid)?;
    let csv = register::csv(&data).map_err(invalid)?;
    let notice_file = notice.map(|n| {
        (format!("{name} - {}", crate::documents::disclosure_notice::NOTICE_FILE_NAME), n.text().into_bytes())
    });
    Ok(((format!("{name}.pdf"), pdf), (format!("{name}.csv"), csv), notice_file))
}

fn invalid(e: crate::documents::DocumentError) -> DeskError {
    crate::validation::ValidationErrors::single("document", e.to_string()).into()
}
