//! The lease packet: one PDF with a cover sheet and every document of a
//! lease, each part on its own pages under its own header, with a bookmark
//! per part and "Page N of M" across the whole packet. The cover's checklist
//! says where each part starts and ends and who must still sign it.
//!
//! The cover comes first but needs the page numbers of what follows, so the
//! packet is laid out until its numbers settle: once with the numbers
//! unknown, then with the numbers that layout found, and again only if the
//! cover itself grew by a page (see [`render`]).

use chrono::NaiveDate;

use super::disclosure_notice::Part2Notice;
use super::hap_contract::{self, HapContract};
use super::income_summary::{self, IncomeSummary};
use super::inspection_report::{self, InspectionReport};
use super::layout::{Column, Document, Row};
use super::rent_reasonableness::{self, RentReasonableness};
use super::sublease::{self, Sublease};
use super::templates::Template;
use super::utility_worksheet::{self, UtilityWorksheet};
use super::DocumentError;
use crate::rules::rent::LeasingOption;
use crate::validation::Choice;

/// A lease's documents, with what the cover sheet says of them.
pub struct LeasePacket<'a> {
    pub cover: Cover,
    /// In the order they are printed.
    pub parts: Vec<Part<'a>>,
}

/// The cover sheet's facts.
pub struct Cover {
    /// The grantee's name, at the head of the cover.
    pub office_name: String,
    /// E.g. "Housing is Recovery".
    pub program: String,
    /// The lease's identifier, in the cover's footer, e.g. "LEASE-000007".
    pub identifier: String,
    pub participant_name: String,
    pub unit_address: String,
    pub owner_name: String,
    pub option: LeasingOption,
    pub prepared_by: String,
    pub prepared_on: NaiveDate,
}

/// One document of the packet, and who has signed it so far.
pub struct Part<'a> {
    pub document: PartDocument<'a>,
    /// The signers who have signed; the cover lists the others as still
    /// needed. A signature drawn on screen on an income summary counts too.
    pub signed: Vec<Signer>,
}

/// The documents a packet can hold, each with its data.
pub enum PartDocument<'a> {
    /// Rental assistance option only; with the office's wording.
    HapContract(HapContract, Template),
    /// Master lease option only; with the office's wording.
    Sublease(Sublease, Template),
    IncomeSummary(IncomeSummary<'a>),
    InspectionReport(InspectionReport),
    RentReasonableness(RentReasonableness),
    UtilityWorksheet(UtilityWorksheet),
}

/// Who signs the documents of a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    /// The owner or the owner's agent.
    Owner,
    Participant,
    /// A staff member signing for the grantee.
    Grantee,
    Inspector,
    Supervisor,
}

/// The first and last page of a part, counted across the packet from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRange {
    pub first: usize,
    pub last: usize,
}

impl PageRange {
    /// "3" or "3–5".
    pub fn label(self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}\u{2013}{}", self.first, self.last)
        }
    }
}

impl PartDocument<'_> {
    /// The part's name on the cover and in the outline.
    pub fn title(&self) -> String {
        match self {
            PartDocument::HapContract(c, _) => format!("Housing Assistance Payment contract ({})", c.identifier),
            PartDocument::Sublease(s, _) => format!("Sublease and occupancy agreement ({})", s.identifier),
            PartDocument::IncomeSummary(s) => {
                format!("Income calculation summary ({})", income_summary::identifier(s.calculation))
            }
            PartDocument::InspectionReport(r) => format!("HQS inspection report ({})", r.identifier),
            PartDocument::RentReasonableness(r) => format!("Rent reasonableness certification ({})", r.identifier),
            PartDocument::UtilityWorksheet(w) => format!("Utility allowance worksheet ({})", w.identifier),
        }
    }

    /// Everyone who signs the part, with the words under their line.
    pub fn signers(&self) -> Vec<(Signer, String)> {
        match self {
            PartDocument::HapContract(c, _) => {
                let labels = hap_contract::signers(c);
                [Signer::Owner, Signer::Grantee].into_iter().zip(labels).collect()
            }
            PartDocument::Sublease(s, _) => {
                let labels = sublease::signers(s);
                [Signer::Participant, Signer::Grantee].into_iter().zip(labels).collect()
            }
            PartDocument::IncomeSummary(s) => vec![
                (Signer::Participant, format!("Program participant: {}", s.participant.details.legal_name)),
                (Signer::Grantee, format!("For the grantee: {}", s.calculation.staff_name.clone().unwrap_or_default())),
            ],
            PartDocument::InspectionReport(r) => vec![
                (Signer::Inspector, format!("Inspector: {}", r.inspector)),
                (Signer::Owner, format!("{}: {}", r.owner_role, r.owner_name)),
            ],
            PartDocument::RentReasonableness(r) => vec![
                (Signer::Grantee, format!("Staff member: {}", r.staff_name)),
                (Signer::Supervisor, format!("Supervisor: {}", r.supervisor_name)),
            ],
            PartDocument::UtilityWorksheet(w) => {
                utility_worksheet::signers(w).into_iter().map(|label| (Signer::Grantee, label)).collect()
            }
        }
    }

    fn write(&self, doc: &mut Document) -> Result<(), DocumentError> {
        match self {
            PartDocument::HapContract(c, t) => hap_contract::write(doc, c, t),
            PartDocument::Sublease(s, t) => sublease::write(doc, s, t),
            PartDocument::IncomeSummary(s) => income_summary::write(doc, s),
            PartDocument::InspectionReport(r) => inspection_report::write(doc, r),
            PartDocument::RentReasonableness(r) => rent_reasonableness::write(doc, r),
            PartDocument::UtilityWorksheet(w) => utility_worksheet::write(doc, w),
        }
    }
}

impl Part<'_> {
    /// The signers who have not signed yet, with the words under their line.
    pub fn still_to_sign(&self) -> Vec<String> {
        let drawn = |who: Signer| match (&self.document, who) {
            (PartDocument::IncomeSummary(s), Signer::Participant) => {
                s.signatures.iter().any(|sig| sig.signer == crate::signatures::Signer::Participant)
            }
            (PartDocument::IncomeSummary(s), Signer::Grantee) => {
                s.signatures.iter().any(|sig| sig.signer == crate::signatures::Signer::Staff)
            }
            _ => false,
        };
        self.document
            .signers()
            .into_iter()
            .filter(|(who, _)| !self.signed.contains(who) && !drawn(*who))
            .map(|(_, label)| label)
            .collect()
    }
}

impl Signer {
    pub fn label(self) -> &'static str {
        match self {
            Signer::Owner => "Owner or agent",
            Signer::Participant => "Participant",
            Signer::Grantee => "Grantee",
            Signer::Inspector => "Inspector",
            Signer::Supervisor => "Supervisor",
        }
    }
}

/// Lays out the packet and answers the PDF's bytes. Refuses a packet with
/// no parts, a contract of the other leasing option, and a signer marked as
/// signed on a part they do not sign.
///
/// The checklist on the cover needs the page numbers of the parts, which
/// depend on how long the cover is. So the packet is laid out with the
/// numbers unknown, then again with the numbers found, until a layout finds
/// the numbers it printed (the second, unless the numbers made the cover a
/// page longer); only that layout is finished into a PDF.
///
/// `notice`, when given, is the packet's last block, after the last part
/// (see `disclosure`): the cover says so, and counts the page it ends on
/// with the last part's pages.
pub fn render(packet: &LeasePacket<'_>, notice: Option<&Part2Notice>) -> Result<Vec<u8>, DocumentError> {
    Ok(settle(packet, notice)?.0.finish())
}

/// Where each part of the packet starts and ends, as [`render`] prints them.
pub fn page_ranges(packet: &LeasePacket<'_>, notice: Option<&Part2Notice>) -> Result<Vec<PageRange>, DocumentError> {
    Ok(settle(packet, notice)?.1)
}

/// The packet laid out with the page numbers it prints on its cover.
fn settle(packet: &LeasePacket<'_>, notice: Option<&Part2Notice>) -> Result<(Document, Vec<PageRange>), DocumentError> {
    check(packet)?;
    let mut printed: Option<Vec<PageRange>> = None;
    for _ in 0..MAX_LAYOUTS {
        let (doc, found) = lay_out(packet, printed.as_deref(), notice)?;
        if printed.as_ref() == Some(&found) {
            return Ok((doc, found));
        }
        printed = Some(found);
    }
    Err(DocumentError::Invalid(format!(
        "The page numbers of the lease packet's cover did not settle after {MAX_LAYOUTS} layouts; this is a bug in \
         Housing Desk. Print the documents one by one meanwhile."
    )))
}

const MAX_LAYOUTS: usize = 4;

fn check(packet: &LeasePacket<'_>) -> Result<(), DocumentError> {
    if packet.parts.is_empty() {
        return Err(DocumentError::Invalid("A lease packet needs at least one document in it.".into()));
    }
    for part in &packet.parts {
        let wrong_option = match (&part.document, packet.cover.option) {
            (PartDocument::HapContract(..), LeasingOption::MasterLease) => Some("HAP contract"),
            (PartDocument::Sublease(..), LeasingOption::RentalAssistance) => Some("sublease"),
            _ => None,
        };
        if let Some(what) = wrong_option {
            return Err(DocumentError::Invalid(format!(
                "This lease is under the {}, which has no {what} (Guide: Leasing Requirements). Take it out of the \
                 packet or correct the lease's option.",
                match packet.cover.option {
                    LeasingOption::RentalAssistance => "Rental Assistance Option",
                    LeasingOption::MasterLease => "Master Lease Option",
                }
            )));
        }
        let signers = part.document.signers();
        if let Some(who) = part.signed.iter().find(|who| !signers.iter().any(|(s, _)| s == *who)) {
            return Err(DocumentError::Invalid(format!(
                "The {} has no signature line for the {}, so it cannot be marked as signed by them.",
                part.document.title(),
                who.label().to_lowercase()
            )));
        }
    }
    Ok(())
}

/// Lays out the cover (with `printed` page ranges, or "…" while they are not
/// known) and every part, and answers where each part really fell.
fn lay_out(
    packet: &LeasePacket<'_>,
    printed: Option<&[PageRange]>,
    notice: Option<&Part2Notice>,
) -> Result<(Document, Vec<PageRange>), DocumentError> {
    let c = &packet.cover;
    let header = format!("{}  ·  Lease packet", c.office_name);
    let footer = format!("Lease packet  ·  prepared {}  ·  {}", us(c.prepared_on), c.identifier);
    let mut doc = Document::new(&format!("Lease packet {}", c.identifier), &header, &footer)?;
    cover(&mut doc, packet, printed, notice.is_some());
    let mut found = Vec::with_capacity(packet.parts.len());
    for part in &packet.parts {
        doc.fresh_page();
        let first = doc.page_number();
        part.document.write(&mut doc)?;
        found.push(PageRange { first, last: doc.page_number() });
    }
    if let Some(n) = notice {
        super::disclosure_notice::append(&mut doc, n);
        if let Some(last) = found.last_mut() {
            last.last = doc.page_number();
        }
    }
    Ok((doc, found))
}

fn cover(doc: &mut Document, packet: &LeasePacket<'_>, printed: Option<&[PageRange]>, with_notice: bool) {
    let c = &packet.cover;
    doc.bookmark("Cover sheet and checklist");
    doc.title("Lease Packet");
    doc.paragraph(&format!("{}  ·  {} program", c.office_name, c.program));
    doc.facts(&[
        ("Participant", c.participant_name.clone()),
        ("Unit", c.unit_address.clone()),
        ("Owner or agent", c.owner_name.clone()),
        ("Leasing option", c.option.label().to_string()),
        ("Lease", c.identifier.clone()),
        ("Prepared by", format!("{}, on {}", c.prepared_by, us(c.prepared_on))),
    ]);

    doc.heading("What is in this packet");
    let columns = [
        Column::right("#", 0.05),
        Column::left("Document", 0.40),
        Column::left("Pages", 0.11),
        Column::left("Signatures still needed", 0.44),
    ];
    let mut missing = 0;
    let rows: Vec<Row> = packet
        .parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let pages = printed.and_then(|p| p.get(i)).map_or_else(|| "\u{2026}".to_string(), |r| r.label());
            let still = part.still_to_sign();
            missing += still.len();
            let still = if still.is_empty() { "None: signed by all".to_string() } else { still.join("\n") };
            Row::new(vec![format!("{}", i + 1), part.document.title(), pages, still])
        })
        .collect();
    doc.table(&columns, &rows);

    let parts_unsigned = packet.parts.iter().filter(|p| !p.still_to_sign().is_empty()).count();
    doc.callout(&match missing {
        0 => "Every document in this packet is signed.".to_string(),
        1 => "1 signature is still needed, listed above.".to_string(),
        n => format!(
            "{n} signatures are still needed, in {parts_unsigned} {}, listed above.",
            if parts_unsigned == 1 { "document" } else { "documents" }
        ),
    });
    doc.paragraph(match c.option {
        LeasingOption::RentalAssistance => {
            "Rental Assistance Option: the participant signs the lease with the owner and pays the tenant rent to \
             the owner; the grantee and the owner sign the Housing Assistance Payment contract, under which the \
             grantee pays the rest of the rent (Guide: Leasing Requirements)."
        }
        LeasingOption::MasterLease => {
            "Master Lease Option: the grantee signs the lease with the owner and pays the full rent; the grantee and \
             the participant sign the sublease or occupancy agreement, under which the participant pays the tenant \
             rent to the grantee (Guide: Leasing Requirements)."
        }
    });
    doc.paragraph(
        "Page numbers count across the whole packet. Each document keeps its own heading and identifier at the top \
         and foot of its pages, and has a bookmark in the PDF's outline.",
    );
    if with_notice {
        doc.paragraph(
            "The packet names the participant: it ends with the notice that must accompany a disclosure of their \
             records (42 CFR 2.32), on the last page.",
        );
    }
}

fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::{self, CalcInput, Household, Housing, IncomeItem, Parameters};
    use crate::documents::hap_contract::tests::{date, flat, money, pdf_text};
    use crate::documents::templates;
    use crate::income_calc::{CalculationForm, CalculationKind, CalculationResult, IncomeForm, SavedCalculation};
    use crate::office::{Office, Program};
    use crate::participants::{Participant, ParticipantDetails, ParticipantStatus, ReferralSource};
    use crate::reference::ParameterUsed;
    use crate::rules::income::{Frequency, IncomeSource, Member};

    /// The office, the participant and a saved calculation an income summary shows: SSI of $967 a month,
    /// disabled, so TTP $277; with the $47 allowance, tenant rent $230, as in the HAP contract's example.
    fn income() -> (Office, Participant, SavedCalculation) {
        let office = Office {
            grantee_name: "Thresholds Housing Services (Grantee)".into(),
            program: Program::HousingIsRecovery,
            county: "Cook".into(),
            use_small_area_fmrs: false,
            mailing_address: None,
            phone: None,
        };
        let participant = Participant {
            id: 7,
            details: ParticipantDetails {
                legal_name: "Nguyễn Thị Ánh".into(),
                preferred_name: None,
                birth_date: date(1978, 6, 2),
                phone: None,
                email: None,
                last_known_location: None,
                referral_source: ReferralSource::Hospital,
                referring_organization: None,
                referring_contact: None,
                referral_date: date(2026, 1, 20),
                expected_release_date: None,
                status: ParticipantStatus::Housed,
                demographics: Default::default(),
            },
            created_at: String::new(),
            updated_at: String::new(),
        };
        let as_of = date(2026, 3, 12);
        let input = CalcInput {
            as_of,
            parameters: Parameters {
                dependent_deduction: money("480"),
                elderly_disabled_deduction: money("525"),
                medical_threshold_percent: rust_decimal::Decimal::from(10),
                income_limit: money("25550"),
            },
            household: Household { birth_date: date(1978, 6, 2), disabled: true, dependents: 0, live_in_aide: false },
            income: vec![IncomeItem {
                member: Member::Participant,
                source: IncomeSource::Ssi,
                amount: money("967"),
                frequency: Frequency::Monthly,
                hours_per_week: None,
            }],
            expenses: Vec::new(),
            housing: Housing {
                option: LeasingOption::RentalAssistance,
                contract_rent: money("1195"),
                utility_allowance: money("47"),
                payment_standard: money("1581"),
            },
            screening: None,
        };
        let used = |name: &str, value: &str, source: &str| ParameterUsed {
            name: name.into(),
            value: value.into(),
            effective_from: "2025-10-01".into(),
            source: source.into(),
        };
        let calculation = SavedCalculation {
            id: 41,
            kind: CalculationKind::Initial,
            as_of,
            form: CalculationForm {
                income: vec![IncomeForm {
                    member: "participant".into(),
                    source: "ssi".into(),
                    amount: "967".into(),
                    frequency: "monthly".into(),
                    hours_per_week: String::new(),
                    verification: "award_letter".into(),
                    document_date: "2026-01-05".into(),
                }],
                disabled: true,
                ..CalculationForm::default()
            },
            result: CalculationResult {
                output: calc::calculate(&input),
                parameters: vec![
                    used("Fair Market Rent, 1 bedroom", "1581", "HUD FY2026 FMR, Chicago-Joliet-Naperville HMFA"),
                    used("Income limit (30% AMI), 1 person", "25550", "HUD FY2026 income limits"),
                ],
                payment_standard: money("1581"),
                income_limit: money("25550"),
                allowed_bedrooms: 1,
                unit_bedrooms: 1,
                fair_market_rent: money("1581"),
            },
            staff_name: Some("Maria Okafor".into()),
            created_at: String::new(),
            applies: true,
            applies_from: as_of,
        };
        (office, participant, calculation)
    }

    fn cover(option: LeasingOption) -> Cover {
        Cover {
            office_name: "Thresholds Housing Services (Grantee)".into(),
            program: "Housing is Recovery".into(),
            identifier: "LEASE-000007".into(),
            participant_name: "Nguyễn Thị Ánh".into(),
            unit_address: "4521 N Malden St, Apt 2R, Chicago, IL 60640".into(),
            owner_name: "Łukasz Wójcik, Uptown Lakeside Management LLC".into(),
            option,
            prepared_by: "Maria Okafor".into(),
            prepared_on: date(2026, 3, 16),
        }
    }

    /// A rental assistance packet: the contract, the worksheet, the income summary, the inspection and the rent
    /// reasonableness certification; with `reinspection`, the passed follow-up inspection as well.
    fn packet<'a>(income: &'a (Office, Participant, SavedCalculation), reinspection: bool) -> LeasePacket<'a> {
        let hap = hap_contract::tests::example();
        let template = templates::parse(templates::HAP_CONTRACT_DEFAULT).unwrap();
        let mut parts = vec![
            Part { document: PartDocument::HapContract(hap, template), signed: Vec::new() },
            Part {
                document: PartDocument::UtilityWorksheet(utility_worksheet::tests::example()),
                signed: vec![Signer::Grantee],
            },
            Part {
                document: PartDocument::IncomeSummary(IncomeSummary {
                    office: &income.0,
                    participant: &income.1,
                    calculation: &income.2,
                    printed_on: date(2026, 3, 16),
                    signatures: &[],
                }),
                signed: vec![Signer::Grantee],
            },
            Part {
                document: PartDocument::InspectionReport(InspectionReport {
                    tenant_name: Some("Nguyễn Thị Ánh".into()),
                    ..inspection_report::tests::example()
                }),
                signed: vec![Signer::Inspector, Signer::Owner],
            },
        ];
        if reinspection {
            let mut passed = inspection_report::tests::example();
            passed.sections.iter_mut().flat_map(|s| &mut s.items).for_each(|i| {
                if i.result == inspection_report::ItemResult::Fail {
                    i.result = inspection_report::ItemResult::Pass;
                    i.comment = "Repaired; checked at the follow-up inspection.".into();
                }
            });
            (passed.outcome, passed.deficiencies, passed.follow_up) =
                (inspection_report::Outcome::Passed, Vec::new(), None);
            (passed.kind, passed.inspected_on, passed.identifier) =
                ("Follow-up", date(2026, 3, 23), "HQS-000043".into());
            passed.next_annual_due = Some(date(2027, 3, 23));
            parts.push(Part { document: PartDocument::InspectionReport(passed), signed: vec![Signer::Inspector] });
        }
        parts.push(Part {
            document: PartDocument::RentReasonableness(rent_reasonableness::tests::example()),
            signed: vec![Signer::Grantee],
        });
        LeasePacket { cover: cover(LeasingOption::RentalAssistance), parts }
    }

    /// The PDF's outline as `pdftohtml -xml` reads it: (page, title) of each entry.
    fn outline(bytes: &[u8], name: &str) -> Vec<(usize, String)> {
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out =
            std::process::Command::new("pdftohtml").args(["-xml", "-i", "-q", "-stdout"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "pdftohtml could read the PDF");
        let xml = String::from_utf8(out.stdout).unwrap();
        let outline = xml.split("<outline>").nth(1).unwrap_or_default();
        outline
            .split("<item page=\"")
            .skip(1)
            .map(|item| {
                let (page, rest) = item.split_once("\">").unwrap();
                let title = rest.split("</item>").next().unwrap();
                (page.parse().unwrap(), title.replace("&amp;", "&"))
            })
            .collect()
    }

    /// Which part each page belongs to, by the running header at its top; 0 for the cover.
    fn part_of_page(page: &str) -> usize {
        let header = page.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let parts = [
            "Lease packet",
            "Housing Assistance Payment contract",
            "Utility allowance",
            "Housing is Recovery",
            "Housing Quality Standards inspection",
            "Rent reasonableness",
        ];
        parts
            .iter()
            .position(|p| header.contains(p))
            .unwrap_or_else(|| panic!("a page with an unknown header: {header:?}"))
    }

    #[test]
    fn the_cover_lists_each_part_where_it_really_is_and_who_must_still_sign() {
        let income = income();
        let packet = packet(&income, false);
        let started = std::time::Instant::now();
        let bytes = render(&packet, None).unwrap();
        eprintln!("lease packet rendered in {:?}", started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-lease-packet.pdf");
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        let total = pages.len();
        assert_eq!(text.matches('\u{c}').count(), total, "no blank page:\n{text}");

        // Page N of M across the packet, on every page.
        for (i, page) in pages.iter().enumerate() {
            assert!(flat(page).contains(&format!("Page {} of {total}", i + 1)), "page {} is numbered:\n{page}", i + 1);
        }
        assert!(flat(pages[0]).contains("LEASE-000007 · Page 1 of"), "the cover's footer:\n{}", pages[0]);
        assert!(
            flat(pages[total - 1]).contains(&format!("RR-000017 · Page {total} of {total}")),
            "the last page's footer"
        );

        // Where each part really is, read from the running headers of the pages.
        let mut real: Vec<PageRange> = Vec::new();
        for (i, page) in pages.iter().enumerate().skip(1) {
            let part = part_of_page(page);
            if part == real.len() + 1 {
                real.push(PageRange { first: i + 1, last: i + 1 });
            } else {
                assert_eq!(part, real.len(), "the parts follow each other in order, page {}", i + 1);
                real.last_mut().unwrap().last = i + 1;
            }
        }
        assert_eq!(real.len(), 5, "five parts after the cover");
        assert_eq!(page_ranges(&packet, None).unwrap(), real, "page_ranges answers what was printed");
        assert!(real[3].last - real[3].first >= 4, "the inspection report takes its five pages: {real:?}");

        // The cover's checklist prints those ranges.
        let cover = pages[0];
        for (i, range) in real.iter().enumerate() {
            let row = cover
                .lines()
                .find(|l| l.split_whitespace().next() == Some(&(i + 1).to_string()))
                .unwrap_or_else(|| panic!("row {} of the checklist:\n{cover}", i + 1));
            assert!(
                row.split_whitespace().any(|w| w == range.label()),
                "row {} says pages {}: {row:?}\n{cover}",
                i + 1,
                range.label()
            );
        }
        let cover = flat(cover);
        for want in [
            "Lease Packet",
            "Nguyễn Thị Ánh",
            "Łukasz Wójcik, Uptown Lakeside Management LLC",
            "Rental assistance (HAP contract with the owner)",
            "Maria Okafor, on 03/16/2026",
            "Owner or agent: Łukasz Wójcik",
            "For the grantee: Maria Okafor, Housing Manager",
            "Program participant: Nguyễn Thị Ánh",
            "Supervisor: Nguyễn Thị Lan",
            "None: signed by all",
            "4 signatures are still needed, in 3 documents, listed above.",
        ] {
            assert!(cover.contains(want), "the cover shows {want:?}:\n{cover}");
        }
        assert!(!cover.contains("Inspector: Maria Okafor"), "the inspector has signed:\n{cover}");

        // Each part is there, with its figures, and each part's own header.
        let all = flat(&text);
        for want in [
            "Housing Assistance Payment Contract",
            "assistance for the unit may continue for a maximum of 30 days from the end of the month",
            "Total utility allowance, 1 bedroom $47.00",
            "Income Calculation Summary",
            "Tenant rent payment $230.00",
            "HQS Inspection Report",
            "The proposed rent of $1,195.00 a month is REASONABLE.",
        ] {
            assert!(all.contains(want), "the packet shows {want:?}");
        }

        // A bookmark per part, at its first page.
        let marks = outline(&bytes, "housing-desk-lease-packet-outline.pdf");
        let want: Vec<(usize, String)> = std::iter::once((1, "Cover sheet and checklist".to_string()))
            .chain(
                [
                    "Housing Assistance Payment contract",
                    "Utility allowance worksheet",
                    "Income calculation summary",
                    "Inspection report",
                    "Rent reasonableness certification",
                ]
                .iter()
                .zip(&real)
                .map(|(name, range)| (range.first, name.to_string())),
            )
            .collect();
        assert_eq!(marks, want, "the outline has a bookmark per part at its first page");
    }

    #[test]
    fn a_twenty_page_packet_renders() {
        let income = income();
        let packet = packet(&income, true);
        let started = std::time::Instant::now();
        let bytes = render(&packet, None).unwrap();
        let elapsed = started.elapsed();
        let text = pdf_text(&bytes, "housing-desk-lease-packet-20.pdf");
        let total = text.matches('\u{c}').count();
        eprintln!("a {total}-page lease packet ({} bytes) rendered in {elapsed:?}", bytes.len());
        assert!(total >= 20, "the follow-up inspection makes it {total} pages");
        assert!(flat(&text).contains(&format!("Page {total} of {total}")));
        assert!(flat(&text).contains("PASSED: the unit meets Housing Quality Standards as of 03/23/2026."));
    }

    #[test]
    fn a_master_lease_packet_holds_the_sublease() {
        let packet = LeasePacket {
            cover: Cover {
                participant_name: "Łukasz Wójcik".into(),
                unit_address: "5043 N Winchester Ave, Unit 1, Chicago, IL 60640".into(),
                owner_name: "Siobhán Müller".into(),
                ..cover(LeasingOption::MasterLease)
            },
            parts: vec![
                Part {
                    document: PartDocument::Sublease(sublease::tests::example(), sublease::tests::sample()),
                    signed: vec![Signer::Participant],
                },
                Part {
                    document: PartDocument::RentReasonableness(rent_reasonableness::tests::example()),
                    signed: vec![Signer::Grantee, Signer::Supervisor],
                },
            ],
        };
        let bytes = render(&packet, None).unwrap();
        let text = pdf_text(&bytes, "housing-desk-lease-packet-master.pdf");
        let cover = flat(text.split('\u{c}').next().unwrap());
        for want in ["Master lease (the grantee is the tenant)", "Master Lease Option:", "1 signature is still needed"]
        {
            assert!(cover.contains(want), "the cover shows {want:?}:\n{cover}");
        }
        assert!(cover.contains("For the grantee: Maria Okafor") && !cover.contains("Participant: Łukasz"), "{cover}");
        let ranges = page_ranges(&packet, None).unwrap();
        assert_eq!(ranges[0].first, 2, "the sublease follows a one-page cover");
        assert_eq!(ranges[1].first, ranges[0].last + 1, "each part starts on its own page");
    }

    #[test]
    fn a_packet_that_contradicts_the_guide_or_its_signers_is_refused() {
        let income = income();
        let mut wrong = packet(&income, false);
        wrong.cover.option = LeasingOption::MasterLease;
        let err = render(&wrong, None).unwrap_err().to_string();
        assert!(err.contains("under the Master Lease Option, which has no HAP contract"), "{err}");
        let mut wrong = packet(&income, false);
        wrong.parts[1].signed.push(Signer::Owner);
        let err = render(&wrong, None).unwrap_err().to_string();
        assert!(
            err.contains("Utility allowance worksheet (UA-000019) has no signature line for the owner or agent"),
            "{err}"
        );
        let empty = LeasePacket { cover: cover(LeasingOption::RentalAssistance), parts: Vec::new() };
        assert!(render(&empty, None).unwrap_err().to_string().contains("at least one document"));
    }
}
