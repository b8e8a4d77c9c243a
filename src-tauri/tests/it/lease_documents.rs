//! The lease and money documents printed from the records: the lease packet
//! under each leasing option (read back with `pdftotext`), the office's own
//! wording of the HAP contract and the sublease, who may print a packet, a
//! renewal's packet, and the payment register of a posted run as PDF and CSV.
//!
//! Today is 11/23/2026 (`support::moment`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use housing_desk::accounts::Session;
use housing_desk::comparisons;
use housing_desk::desk::Desk;
use housing_desk::documents::templates::{HAP_CONTRACT_DEFAULT, SUBLEASE_DEFAULT};
use housing_desk::error::{ApiError, ErrorCode};
use housing_desk::income_calc::{self, CalculationForm};
use housing_desk::inspections;
use housing_desk::lease_documents::{self, WordingFile};
use housing_desk::leases::{self, Lease, LeaseChangeInput, LeaseInput};
use housing_desk::payment_check;
use housing_desk::payment_run::{self, RunStatus};
use housing_desk::reference::{self, ScheduleImport};
use housing_desk::rules::rent::LeasingOption;
use housing_desk::store::Store;
use housing_desk::units::Unit;

use crate::support::*;

/// The statement the shipped notice file prints (42 CFR 2.32(a)(2)).
const NOTICE_STATEMENT: &str = "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

// ---- Fixtures ----

/// The office: the administrator signed in, one landlord whose name has
/// diacritics, the CHA utility schedule imported.
struct Office {
    desk: Desk,
    admin: Session,
    landlord_id: i64,
    schedule: String,
    /// Where the office keeps its wording files (not there until first used).
    templates: PathBuf,
}

const OWNER: &str = "Siobhán Müller";
/// The landlord's payee, who signs the HAP contract as owner or agent.
const PAYEE: &str = "Lawndale Properties LLC";
const PARTICIPANT: &str = "Nguyễn Thị Ánh";
const SAMPLE_MARK: &str = "SAMPLE WORDING, NOT YET REVISED";

impl Office {
    fn new(dir: &Path) -> Office {
        let mut desk = admin_desk(dir);
        let admin = session_of(&mut desk);
        let store = desk.signed_in().unwrap().0;
        let landlord_id = add_landlord(store, &admin, OWNER, PAYEE).id;
        let schedule = import_schedule(store, &admin, "2026-01-01").to_string();
        let contact = housing_desk::office::ContactInput {
            mailing_address: "3300 W Roosevelt Rd\nChicago, IL 60624".into(),
            phone: "312 555 0100".into(),
        };
        housing_desk::office::set_contact(store, &admin, &contact, moment()).unwrap();
        Office { desk, admin, landlord_id, schedule, templates: dir.join("templates") }
    }

    fn store(&mut self) -> &mut Store {
        self.desk.signed_in().unwrap().0
    }

    /// An enrolled participant with the SSI calculation of `income::form`,
    /// its allowance read from the office's schedule for the utilities the
    /// participant pays in the unit. On the CHA schedule gas heat is $45 and
    /// lights $25: TTP $276 less $70, so tenant rent $206, and on $1,150 the
    /// grantee pays the owner $944.
    fn enrolled(&mut self, name: &str) -> i64 {
        let form = CalculationForm {
            ua_schedule_id: self.schedule.clone(),
            tenant_utilities: vec![utility("heating", "natural_gas"), utility("other_electric", "")],
            utility_allowance: String::new(),
            ..crate::income::form()
        };
        let admin = self.admin.clone();
        let store = self.store();
        let id = add_participant(store, &admin, name);
        store.conn().execute("UPDATE participant SET status = 'enrolled' WHERE id = ?1", [id]).unwrap();
        income_calc::save(store, &admin, id, &form, moment()).unwrap();
        id
    }

    /// Unit `number` of 1401 S Lawndale Ave: passed its initial inspection
    /// on 11/20/2026, $1,150 certified reasonable, the payment standard
    /// checked for `participant`.
    fn ready_unit(&mut self, number: &str, participant: i64) -> Unit {
        let (admin, landlord_id, schedule) = (self.admin.clone(), self.landlord_id, self.schedule.clone());
        let store = self.store();
        let unit = add_unit(store, &admin, landlord_id, |u| u.unit_number = number.into());
        let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
        let passed = all_pass(&template, &["Bedroom 1"], "initial", "11/20/2026");
        inspections::record(store, &admin, unit.id, &passed, moment()).unwrap();
        let reasonable = comparison("1150", &["1100", "1200", "1250"], "reasonable", "");
        comparisons::certify(store, &admin, unit.id, &reasonable, moment()).unwrap();
        payment_check::record(store, &admin, unit.id, &check_input(participant, &schedule), moment()).unwrap();
        unit
    }

    /// A $1,150 lease of a ready unit `number` to a new participant `name`,
    /// from 09/01/2026 (moved in that day) to 08/31/2027.
    fn leased(&mut self, name: &str, number: &str, option: &str) -> Lease {
        let participant = self.enrolled(name);
        let unit = self.ready_unit(number, participant);
        let input = LeaseInput {
            option: option.into(),
            start_date: "09/01/2026".into(),
            end_date: "08/31/2027".into(),
            move_in_date: "09/01/2026".into(),
            ..lease_input(participant, "1150")
        };
        let admin = self.admin.clone();
        leases::create(self.store(), &admin, unit.id, &input, moment()).unwrap()
    }

    /// The lease packet of `lease` printed by the administrator on `on`,
    /// with the office's wording files.
    fn packet(&mut self, lease: &Lease, on: NaiveDate) -> Result<(String, Vec<u8>), housing_desk::error::DeskError> {
        let (admin, templates) = (self.admin.clone(), self.templates.clone());
        lease_documents::lease_packet(self.store(), &admin, lease.id, on, &templates)
    }
}

/// The PDF's text as `pdftotext -layout` reads it.
fn pdf_text(bytes: &[u8], name: &str) -> String {
    assert!(bytes.starts_with(b"%PDF"), "{name} is a PDF");
    let dir = std::env::var_os("HOUSING_DESK_KEEP_PDF_DIR").map_or_else(std::env::temp_dir, Into::into);
    let path = dir.join(format!("{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext could read {name}");
    if std::env::var_os("HOUSING_DESK_KEEP_PDF_DIR").is_none() {
        std::fs::remove_file(&path).unwrap();
    }
    String::from_utf8(out.stdout).unwrap()
}

/// The text with each run of spaces and line breaks made one space, for
/// sentences that wrap.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pages of `pdftotext`'s text (it ends each page with a form feed).
fn pages(text: &str) -> Vec<&str> {
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_eq!(pages.last().map(|p| p.trim()), Some(""), "the text ends with a form feed");
    pages[..pages.len() - 1].to_vec()
}

/// A part of the packet as its pages show it: the running header at the top
/// of each of its pages, and the title on its first page.
struct PartMark {
    header: &'static str,
    title: &'static str,
}

const HAP_CONTRACT: PartMark =
    PartMark { header: "Housing Assistance Payment contract", title: "Housing Assistance Payment Contract" };
const SUBLEASE: PartMark =
    PartMark { header: "Sublease and occupancy agreement", title: "Sublease and Occupancy Agreement" };
/// The income summary's running header is the office and the program.
const INCOME_SUMMARY: PartMark = PartMark { header: "Housing is Recovery", title: "Income Calculation Summary" };
const INSPECTION: PartMark =
    PartMark { header: "Housing Quality Standards inspection", title: "HQS Inspection Report" };
const RENT_CERTIFICATION: PartMark =
    PartMark { header: "Rent reasonableness", title: "Rent Reasonableness Certification" };
const UTILITY_WORKSHEET: PartMark = PartMark { header: "Utility allowance", title: "Utility Allowance Worksheet" };

/// The first and last page (from 1) of each part, found in the text: a part
/// starts on the first page after the previous part's start that carries
/// its title, and runs to the page before the next part's start. Every page
/// of a part carries the part's running header.
fn part_pages(pages: &[&str], parts: &[PartMark]) -> Vec<(usize, usize)> {
    let mut firsts = Vec::new();
    let mut from = 1; // the cover is page 1 (index 0)
    for part in parts {
        let first = (from..pages.len())
            .find(|&i| pages[i].contains(part.title))
            .unwrap_or_else(|| panic!("no page after page {from} starts the part {:?}", part.title));
        firsts.push(first);
        from = first + 1;
    }
    let mut ranges = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let (first, end) = (firsts[k], firsts.get(k + 1).copied().unwrap_or(pages.len()));
        for (i, page) in pages.iter().enumerate().take(end).skip(first) {
            let header = page.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
            assert!(
                header.contains(part.header),
                "page {} belongs to the part {:?}, so its running header says so: {header:?}",
                i + 1,
                part.title
            );
        }
        ranges.push((first + 1, end));
    }
    ranges
}

/// Whether `phrase` is printed in one cell of a table: its words in order,
/// wrapped over as many lines as the column needs, each line of the cell
/// starting at the same column of `pdftotext -layout`'s text.
fn in_a_cell(text: &str, phrase: &str) -> bool {
    fn rest_below(lines: &[&str], column: usize, words: &[&str]) -> bool {
        let Some((line, below)) = lines.split_first() else { return words.is_empty() };
        words.is_empty()
            || (1..=words.len()).rev().any(|k| {
                let cell: String = line.chars().skip(column).collect();
                let piece = words[..k].join(" ");
                cell.strip_prefix(&piece).is_some_and(|after| after.is_empty() || after.starts_with(' '))
                    && rest_below(below, column, &words[k..])
            })
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len()).any(|i| {
        lines[i].match_indices(words[0]).any(|(at, _)| {
            let column = lines[i][..at].chars().count();
            rest_below(&lines[i..], column, &words)
        })
    })
}

/// "3" or "3–5", as the cover prints a page range.
fn range_label((first, last): (usize, usize)) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}\u{2013}{last}")
    }
}

/// Checks that every page says "Page i of N" and that the cover's checklist
/// gives each part the pages where it really is; answers the text flattened.
fn check_packet(bytes: &[u8], name: &str, parts: &[PartMark]) -> String {
    let text = pdf_text(bytes, name);
    let pages = pages(&text);
    let total = pages.len();
    assert!(total > parts.len(), "a cover and {} parts: {total} pages", parts.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            flat(page).contains(&format!("Page {} of {total}", i + 1)),
            "page {} is numbered across the whole packet:\n{page}",
            i + 1
        );
    }
    let ranges = part_pages(&pages, parts);
    assert_eq!(ranges[0].0, 2, "the first part follows a one-page cover: {ranges:?}");
    assert_eq!(ranges.last().map(|r| r.1), Some(total), "the last part ends the packet");
    let cover = pages[0];
    for (i, range) in ranges.iter().enumerate() {
        let row = cover
            .lines()
            .find(|l| l.split_whitespace().next() == Some(&(i + 1).to_string()))
            .unwrap_or_else(|| panic!("row {} of the checklist:\n{cover}", i + 1));
        assert!(
            row.split_whitespace().any(|w| w == range_label(*range)),
            "row {} of the cover's checklist sends the reader to pages {}, where {:?} is: {row:?}\n{cover}",
            i + 1,
            range_label(*range),
            parts[i].title
        );
    }
    flat(&text)
}

// ---- The lease packet ----

#[test]
fn a_rental_assistance_packet_holds_the_cover_the_hap_contract_and_the_records_the_lease_rests_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let lease = office.leased(PARTICIPANT, "2R", "rental_assistance");
    assert_eq!(
        (lease.contract_rent.to_string(), lease.tenant_rent.to_string(), lease.grantee_payment.to_string()),
        ("1150.00".into(), "206.00".into(), "944.00".into()),
        "the figures the packet must print"
    );
    assert!(!office.templates.exists(), "no wording file before the first packet");

    let (file, bytes) = office.packet(&lease, today()).unwrap();
    let identifier = format!("LEASE-{:06}", lease.id);
    assert_eq!(file, format!("Lease packet - {PARTICIPANT} - {identifier} 2026-11-23.pdf"), "the file is named");
    let parts = [HAP_CONTRACT, INCOME_SUMMARY, INSPECTION, RENT_CERTIFICATION, UTILITY_WORKSHEET];
    let text = check_packet(&bytes, "rental-assistance-packet.pdf", &parts);

    let cover = text.split("What is in this packet").next().unwrap();
    for want in [
        "Lease Packet".to_string(),
        format!("Participant {PARTICIPANT}"),
        "Unit 1401 S Lawndale Ave, 2R, Chicago, IL 60623".into(),
        format!("Owner or agent {OWNER}"),
        "Leasing option Rental assistance".into(),
        format!("Lease {identifier}"),
        "Prepared by Maria Okafor, on 11/23/2026".into(),
    ] {
        assert!(cover.contains(&want), "the cover shows {want:?}:\n{cover}");
    }

    // The contract's figures are the lease's.
    for want in [
        format!("Participant {PARTICIPANT} (the tenant under the lease)"),
        format!("Contract rent {} a month", lease.contract_rent.dollars()),
        format!("Tenant rent {} a month, paid by the participant to the owner", lease.tenant_rent.dollars()),
        // The label "Assistance payment" wraps onto two lines beside its value.
        format!("{} a month, paid by the grantee to the owner", lease.grantee_payment.dollars()),
        "Term 09/01/2026 to 08/31/2027".into(),
        "Utility allowance $70.00 a month".into(),
        format!("{identifier}-HAP"),
    ] {
        assert!(text.contains(&want), "the HAP contract shows {want:?}:\n{text}");
    }
    assert!(text.contains(SAMPLE_MARK), "the contract printed from the sample wording says so");

    // The worksheet reads the allowance from the schedule, and agrees with the contract.
    let sheet = worksheet(&text);
    for want in [
        "Schedule CHA apartments 2026-01-01, Chicago Housing Authority".to_string(),
        "Heating Natural gas $45.00".into(),
        "Other electric (lights and appliances) $25.00".into(),
        "Total utility allowance, 1 bedroom $70.00".into(),
        format!("Tenant rent (not below $0.00) {}", lease.tenant_rent.dollars()),
        format!("Grantee's payment to the owner (contract rent less tenant rent) {}", lease.grantee_payment.dollars()),
    ] {
        assert!(sheet.contains(&want), "the worksheet agrees with the contract: {want:?}\n{sheet}");
    }

    // The records the lease rests on.
    for want in [
        "Income Calculation Summary",
        "Tenant rent payment $206.00",
        "HQS Inspection Report",
        "PASSED: the unit meets Housing Quality Standards as of 11/20/2026.",
        "The proposed rent of $1,150.00 a month is REASONABLE.",
    ] {
        assert!(text.contains(want), "the packet shows {want:?}:\n{text}");
    }
    // It names the participant to the owner as a participant of a program
    // for people with a substance use disorder: the notice of 42 CFR 2.32
    // is its last block, after the last part, from the office's file.
    let notice_at = text.rfind(NOTICE_STATEMENT).expect("the packet ends with the notice of 42 CFR 2.32");
    assert!(text.rfind("Total utility allowance").unwrap() < notice_at, "after the last part");
    assert!(office.templates.join("part2-notice.txt").exists(), "written beside the lease wording on first use");

    let written = office.templates.join("hap-contract.txt");
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        HAP_CONTRACT_DEFAULT,
        "the administrator finds the sample wording in the data folder, to revise"
    );
    assert!(!office.templates.join("sublease.txt").exists(), "a rental assistance packet has no sublease");
}

#[test]
fn a_master_lease_packet_holds_the_sublease_instead_of_the_hap_contract() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let lease = office.leased(PARTICIPANT, "2R", "master_lease");
    assert_eq!(lease.option, LeasingOption::MasterLease);

    let (_, bytes) = office.packet(&lease, today()).unwrap();
    let parts = [SUBLEASE, INCOME_SUMMARY, INSPECTION, RENT_CERTIFICATION, UTILITY_WORKSHEET];
    let text = check_packet(&bytes, "master-lease-packet.pdf", &parts);
    assert!(text.contains("Leasing option Master lease"), "the cover names the option:\n{text}");
    assert!(
        !text.contains(HAP_CONTRACT.title) && !text.contains("-HAP"),
        "under a master lease the grantee is the tenant: there is no HAP contract"
    );
    for want in [format!("LEASE-{:06}-SUB", lease.id), lease.tenant_rent.dollars(), SAMPLE_MARK.into()] {
        assert!(text.contains(&want), "the sublease shows {want:?}:\n{text}");
    }
    assert_eq!(
        std::fs::read_to_string(office.templates.join("sublease.txt")).unwrap(),
        SUBLEASE_DEFAULT,
        "the sublease's sample wording is written for the administrator"
    );
    assert!(!office.templates.join("hap-contract.txt").exists(), "a master lease packet has no HAP contract");
}

#[test]
fn the_office_s_own_wording_is_checked_before_printing_and_printed_without_the_sample_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let lease = office.leased(PARTICIPANT, "2R", "rental_assistance");
    let wording = |office: &Office| -> HashMap<String, WordingFile> {
        lease_documents::wording_files(&office.templates)
            .unwrap()
            .into_iter()
            .map(|w| (w.document.clone(), w))
            .collect()
    };
    let hap = "Housing Assistance Payment contract";
    let sublease = "Sublease and occupancy agreement";

    let files = wording(&office);
    assert_eq!(files.len(), 2, "{files:?}");
    for w in files.values() {
        assert!(w.sample && w.problem.is_none(), "both start as the sample, which reads: {w:?}");
        assert!(Path::new(&w.path).starts_with(&office.templates), "kept in the data folder: {}", w.path);
    }
    assert!(
        files[hap].placeholders.iter().any(|(name, _)| name == "{owner_name}"),
        "the administrator is told the placeholders"
    );

    // A misspelt placeholder: nothing is printed, and the message says where.
    let path = office.templates.join("hap-contract.txt");
    // The first line that prints the owner's name (the notes at the top name the placeholder too).
    let line = HAP_CONTRACT_DEFAULT
        .lines()
        .position(|l| !l.starts_with("//") && l.contains("{owner_name}"))
        .expect("the sample names the owner")
        + 1;
    let misspelt: String = HAP_CONTRACT_DEFAULT
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { l.replacen("{owner_name}", "{owner_nmae}", 1) } else { l.to_string() } + "\n")
        .collect();
    std::fs::write(&path, &misspelt).unwrap();
    let err = ApiError::from(office.packet(&lease, today()).expect_err("a misspelt placeholder is not printed"));
    assert_eq!(err.code, ErrorCode::Validation, "{err:?}");
    assert_eq!(err.fields.len(), 1, "{err:?}");
    assert_eq!(err.fields[0].field, "template", "{err:?}");
    let message = &err.fields[0].message;
    for want in [
        path.display().to_string(),
        format!("Line {line} of the template: {{owner_nmae}} is not a placeholder"),
        "Did you mean {owner_name}?".into(),
    ] {
        assert!(message.contains(&want), "the message names {want:?}: {message}");
    }
    let files = wording(&office);
    assert!(!files[hap].sample, "an edited file is no longer the sample");
    let problem = files[hap].problem.as_deref().unwrap_or_default();
    assert!(problem.contains(&format!("Line {line}")) && problem.contains("{owner_nmae}"), "{problem}");
    assert!(files[sublease].sample && files[sublease].problem.is_none(), "the sublease is untouched");

    // Revised with counsel: printed in the office's words, without the mark.
    let revised = format!(
        "{}\n\n# 20. Review by counsel\n\nThis contract was revised with the grantee's counsel for {{owner_name}} \
         and {{participant_name}}.\n",
        HAP_CONTRACT_DEFAULT.replace(
            "# 1. Parties and purpose",
            "// Revised with counsel, November 2026.\n# 1. The parties to this contract"
        )
    );
    assert_ne!(revised, HAP_CONTRACT_DEFAULT);
    std::fs::write(&path, &revised).unwrap();
    let (_, bytes) = office.packet(&lease, today()).unwrap();
    let text = flat(&pdf_text(&bytes, "revised-wording-packet.pdf"));
    for want in [
        "1. The parties to this contract".to_string(),
        format!("This contract was revised with the grantee's counsel for {OWNER} ({PAYEE}) and {PARTICIPANT}."),
    ] {
        assert!(text.contains(&want), "the office's wording is printed: {want:?}\n{text}");
    }
    assert!(!text.contains("1. Parties and purpose"), "the sample's heading was replaced");
    assert!(!text.contains(SAMPLE_MARK), "revised wording is not marked as the sample");
    let files = wording(&office);
    assert!(!files[hap].sample && files[hap].problem.is_none(), "revised and correct: {:?}", files[hap]);
}

#[test]
fn a_case_manager_cannot_print_a_lease_packet() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let lease = office.leased(PARTICIPANT, "2R", "rental_assistance");
    add_staff(&mut office.desk, "dreyes", "Dana Reyes", "case_manager");
    let case_manager = sign_in_as(&mut office.desk, "dreyes");
    let templates = office.templates.clone();
    assert_forbidden(
        lease_documents::lease_packet(office.store(), &case_manager, lease.id, today(), &templates),
        "a case manager prints the owner's contract",
    );
    assert!(!templates.exists(), "refused before anything was written");
}

#[test]
fn a_renewal_s_packet_has_the_new_rent_and_the_certification_it_rests_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let lease = office.leased(PARTICIPANT, "2R", "rental_assistance");
    let first_certification = lease.comparison_id;
    let admin = office.admin.clone();

    // The owner asks $1,200 from the renewal; the new rent is certified reasonable first.
    let higher = comparison("1200", &["1175", "1250", "1300"], "reasonable", "Renewal");
    let certified = comparisons::certify(office.store(), &admin, lease.unit_id, &higher, moment()).unwrap();
    let renewal = LeaseChangeInput {
        kind: "renewal".into(),
        effective_on: "09/01/2027".into(),
        end_date: "08/31/2028".into(),
        contract_rent: "1200".into(),
        ..Default::default()
    };
    let renewed = leases::change(office.store(), &admin, lease.id, &renewal, moment()).unwrap();
    assert_eq!(renewed.changes[0].comparison_id, Some(certified.id), "the renewal rests on the new certification");

    let on = d("2027-09-01");
    let in_force = leases::get(office.store(), lease.id, on).unwrap();
    assert_eq!(
        (in_force.contract_rent.to_string(), in_force.grantee_payment.to_string()),
        ("1200.00".into(), "994.00".into()),
        "$1,200 less the same $206 tenant rent"
    );
    let (_, bytes) = office.packet(&lease, on).unwrap();
    let parts = [HAP_CONTRACT, INCOME_SUMMARY, INSPECTION, RENT_CERTIFICATION, UTILITY_WORKSHEET];
    let text = check_packet(&bytes, "renewal-packet.pdf", &parts);
    for want in [
        "Contract rent $1,200.00 a month".to_string(),
        "$994.00 a month, paid by the grantee to the owner".into(),
        "to 08/31/2028 Contract rent".into(),
        format!("Rent reasonableness certification · 11/23/2026 · RR-{:06} · Page", certified.id),
        "The proposed rent of $1,200.00 a month is REASONABLE.".into(),
    ] {
        assert!(text.contains(&want), "the renewal's packet shows {want:?}:\n{text}");
    }
    assert!(
        !text.contains(&format!("RR-{first_certification:06}")) && !text.contains("$1,150.00 a month is REASONABLE"),
        "the certification of the first rent no longer supports the lease:\n{text}"
    );
}

/// A packet printed before a renewal takes effect is the lease as it stands
/// that day: the rent in force, the term in force and the certification
/// that rent rests on; or, printed ahead for the renewal, the renewal's term
/// with its rent and its certification. Never one with the other's.
#[test]
fn a_packet_printed_before_a_renewal_takes_effect_does_not_mix_the_two_terms() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let lease = office.leased(PARTICIPANT, "2R", "rental_assistance");
    let admin = office.admin.clone();
    let higher = comparison("1200", &["1175", "1250", "1300"], "reasonable", "Renewal");
    let certified = comparisons::certify(office.store(), &admin, lease.unit_id, &higher, moment()).unwrap();
    let renewal = LeaseChangeInput {
        kind: "renewal".into(),
        effective_on: "09/01/2027".into(),
        end_date: "08/31/2028".into(),
        contract_rent: "1200".into(),
        ..Default::default()
    };
    leases::change(office.store(), &admin, lease.id, &renewal, moment()).unwrap();

    let (_, bytes) = office.packet(&lease, today()).unwrap();
    let text = flat(&pdf_text(&bytes, "packet-before-renewal.pdf"));
    let (term, certification, rent) = if text.contains("Contract rent $1,150.00 a month") {
        ("Term 09/01/2026 to 08/31/2027", lease.comparison_id, "$1,150.00")
    } else {
        ("Term 09/01/2027 to 08/31/2028", certified.id, "$1,200.00")
    };
    for want in [
        term.to_string(),
        format!("Contract rent {rent} a month"),
        format!("· RR-{certification:06} · Page"),
        format!("The proposed rent of {rent} a month is REASONABLE."),
    ] {
        assert!(text.contains(&want), "one term, its rent and its certification: {want:?}\n{text}");
    }
}

/// The worksheet's part of a packet's flattened text (the packet's last part).
fn worksheet(text: &str) -> &str {
    &text[text.rfind(UTILITY_WORKSHEET.title).expect("the packet has the utility allowance worksheet")..]
}

/// The worksheet shows the schedule the lease's allowance was read from,
/// with the contract's figures, even when that schedule took effect after
/// the lease began (the calculation is newer than the lease).
#[test]
fn the_worksheet_never_contradicts_the_contract_it_is_printed_with() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    // From October the CHA allows $55 for gas heat and $30 for lights.
    let admin = office.admin.clone();
    let october = ScheduleImport {
        name: "CHA apartments 2026-10-01".into(),
        pha: "Chicago Housing Authority".into(),
        unit_type: "apartment".into(),
        effective_from: "2026-10-01".into(),
        source: "CHA utility allowance schedule, HUD-52667".into(),
        csv: "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\n\
              heating,natural gas,45,55,62,70,78,85\n\
              other electric,,25,30,38,46,55,63\n"
            .into(),
    };
    reference::import_utility_schedule(office.store(), &admin, &october, moment()).unwrap();
    let october = reference::utility_schedules(office.store()).unwrap().into_iter().find(|s| s.name == october.name);
    office.schedule = october.unwrap().id.to_string();
    // The lease began 09/01/2026; its calculation of 11/01/2026 reads the October schedule.
    let lease = office.leased(PARTICIPANT, "2R", "rental_assistance");
    assert_eq!(lease.tenant_rent.to_string(), "191.00", "TTP $276 less the $85 of the October schedule");

    let (_, bytes) = office.packet(&lease, today()).unwrap();
    let text = flat(&pdf_text(&bytes, "october-schedule-packet.pdf"));
    assert!(text.contains("Utility allowance $85.00 a month"), "the contract's allowance, as calculated");
    let worksheet = worksheet(&text);
    for want in [
        "Schedule CHA apartments 2026-10-01",
        "Total utility allowance, 1 bedroom $85.00",
        "Tenant rent (not below $0.00) $191.00",
        "Grantee's payment to the owner (contract rent less tenant rent) $959.00",
    ] {
        assert!(worksheet.contains(want), "the worksheet agrees with the contract: {want:?}\n{worksheet}");
    }
}

// ---- The payment register ----

#[test]
fn the_register_of_a_posted_run_names_payees_approver_and_totals_and_its_csv_has_a_row_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let assisted = office.leased("Ana Silva", "1A", "rental_assistance");
    let master = office.leased(PARTICIPANT, "1B", "master_lease");
    add_staff(&mut office.desk, "oclerk", "Omar Clerk", "office_staff");
    add_staff(&mut office.desk, "ssuper", "Sara Super", "supervisor");
    let supervisor = sign_in_as(&mut office.desk, "ssuper");
    let clerk = sign_in_as(&mut office.desk, "oclerk");
    let run = payment_run::prepare(office.store(), &clerk, "12/01/2026", moment()).unwrap();
    payment_run::approve(office.store(), &supervisor, run.id, moment()).unwrap();
    let run = payment_run::post(office.store(), &clerk, run.id, "11/23/2026", moment()).unwrap();
    assert_eq!((run.status, run.held), (RunStatus::Posted, 0), "{:#?}", run.lines);
    let lease_line = |lease: &Lease| run.lines.iter().find(|l| l.lease_id == Some(lease.id) && !l.amount_editable);
    assert_eq!(lease_line(&assisted).map(|l| l.amount.to_string()).as_deref(), Some("944.00"), "$1,150 less $206");
    assert_eq!(lease_line(&master).map(|l| l.amount.to_string()).as_deref(), Some("1150.00"));

    let ((pdf_name, pdf), (csv_name, csv), notice_file) =
        lease_documents::payment_register(office.store(), &clerk, run.id, today()).unwrap();
    let identifier = format!("RUN-{:06}", run.id);
    assert_eq!(pdf_name, format!("Payment register 2026-12 {identifier}.pdf"));
    assert_eq!(csv_name, format!("Payment register 2026-12 {identifier}.csv"));

    let layout = pdf_text(&pdf, "payment-register.pdf");
    for (payee, participant) in [(PAYEE, "Ana Silva"), (PAYEE, PARTICIPANT)] {
        assert!(
            in_a_cell(&layout, payee) && in_a_cell(&layout, participant),
            "{payee} is paid for {participant}:\n{layout}"
        );
    }
    let text = flat(&layout);
    for want in [
        "Payment Register: December 2026".to_string(),
        "Approved for payment: Sara Super, supervisor".into(),
        "Posted to the ledger: Omar Clerk".into(),
        "approved by Sara Super on 11/23/2026; posted to the ledger by Omar Clerk on 11/23/2026".into(),
        format!("Total to be paid {} {}", run.lines.len(), run.total.dollars()),
        format!("totalling {}", run.total.dollars()),
        identifier.clone(),
    ] {
        assert!(text.contains(&want), "the register shows {want:?}:\n{text}");
    }
    // It names the participants each payment is for: the notice of 42 CFR
    // 2.32 ends the PDF, after the approval, and travels beside the CSV as a
    // text file, so the finance office's system still imports the CSV.
    let notice_at = text.rfind(NOTICE_STATEMENT).expect("the register ends with the notice");
    assert!(text.find("Approved for payment").unwrap() < notice_at, "after the sign-off");
    let (notice_name, notice) = notice_file.expect("a notice file goes with the CSV");
    assert_eq!(notice_name, format!("Payment register 2026-12 {identifier} - PART2-NOTICE.txt"));
    assert!(String::from_utf8(notice).unwrap().contains(NOTICE_STATEMENT));
    assert!(!String::from_utf8_lossy(&csv).contains("42 CFR"), "the CSV is only its rows");

    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let rows: Vec<HashMap<String, String>> = reader.deserialize().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), run.lines.len(), "one row per line of the run");
    for (row, line) in rows.iter().zip(&run.lines) {
        assert_eq!(row["amount"], line.amount.to_string(), "plain decimals with two places: {row:?}");
        assert_eq!(row["payee"], line.payee, "{row:?}");
        assert_eq!(
            (row["register"].as_str(), row["register_status"].as_str(), row["status"].as_str()),
            (identifier.as_str(), "posted", "pay"),
            "each row stands alone: {row:?}"
        );
        assert_eq!((row["approved_by"].as_str(), row["posted_by"].as_str()), ("Sara Super", "Omar Clerk"));
        assert_eq!((row["month"].as_str(), row["posted_on"].as_str()), ("2026-12-01", "2026-11-23"));
    }
    let amounts: Vec<&str> = rows.iter().map(|r| r["amount"].as_str()).collect();
    assert!(amounts.contains(&"944.00") && amounts.contains(&"1150.00"), "{amounts:?}");
    let total: rust_decimal::Decimal = rows.iter().map(|r| r["amount"].parse::<rust_decimal::Decimal>().unwrap()).sum();
    assert_eq!(total, run.total.0, "the rows add up to the run's total");
}

/// A single participant in a two-bedroom unit: the utility allowance is read
/// at the one bedroom the payment standard allows them, on the check, the
/// calculation and the worksheet alike, so the lease and its packet agree.
#[test]
fn a_larger_unit_s_worksheet_reads_the_allowance_at_the_size_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Office::new(dir.path());
    let (admin, landlord_id, schedule) = (office.admin.clone(), office.landlord_id, office.schedule.clone());
    let store = office.store();
    let p = add_participant(store, &admin, PARTICIPANT);
    store.conn().execute("UPDATE participant SET status = 'enrolled' WHERE id = ?1", [p]).unwrap();
    let form = CalculationForm {
        ua_schedule_id: schedule.clone(),
        tenant_utilities: vec![utility("heating", "natural_gas"), utility("other_electric", "")],
        utility_allowance: String::new(),
        unit_bedrooms: "2".into(),
        ..crate::income::form()
    };
    income_calc::save(store, &admin, p, &form, moment()).unwrap();
    let unit = add_unit(store, &admin, landlord_id, |u| {
        u.unit_number = "3B".into();
        u.bedrooms = "2".into();
    });
    let template = inspections::template(store).expect(TEMPLATE_UNREADABLE);
    let passed = all_pass(&template, &["Bedroom 1", "Bedroom 2"], "initial", "11/20/2026");
    inspections::record(store, &admin, unit.id, &passed, moment()).unwrap();
    let reasonable = comparison("1150", &["1100", "1200", "1250"], "reasonable", "");
    comparisons::certify(store, &admin, unit.id, &reasonable, moment()).unwrap();
    payment_check::record(store, &admin, unit.id, &check_input(p, &schedule), moment()).unwrap();
    let input = LeaseInput { move_in_date: "12/01/2026".into(), ..lease_input(p, "1150") };
    let lease = leases::create(store, &admin, unit.id, &input, moment()).unwrap();
    let (_, bytes) = office.packet(&lease, today()).unwrap();
    let text = pdf_text(&bytes, "larger-unit.pdf");
    assert!(text.contains("Bedroom size used") && text.contains("1 bedroom"), "the size allowed");
    assert!(text.contains("Total utility allowance, 1 bedroom"), "read at one bedroom");
}
