//! The Housing Assistance Payment contract between the grantee and the
//! owner, for the Rental Assistance Option (Guide: Leasing Requirements,
//! "The grantee must have a Housing Assistance Payment (HAP) contract with
//! the owner or designated agent governing the payment of rental
//! assistance"): the facts of the lease, the office's wording of the
//! contract ([`super::templates`]), and the owner's and the grantee's
//! signatures. The parties, utilities and helpers here serve the sublease
//! too.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::layout::{Column, Document, Row, SignatureLine};
use super::templates::{self, Block, Template, TemplateKind};
use super::DocumentError;
use crate::rules::rent::{self, LeasingOption};
use crate::rules::utility_allowance::{Fuel, Utility};
use crate::rules::Money;
use crate::validation::Choice;

/// Everything the contract shows.
pub struct HapContract {
    /// The program's name as owners know it, e.g. "Housing is Recovery".
    pub program: String,
    /// The grantee (the office), with its mailing address on one line.
    pub grantee: Party,
    pub grantee_phone: String,
    /// Who signs for the grantee, e.g. "Maria Okafor, Housing Manager".
    pub grantee_signer: String,
    /// The owner or the owner's designated agent.
    pub owner: Party,
    pub participant_name: String,
    pub unit: LeasedUnit,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub contract_rent: Money,
    /// The allowance for the utilities the participant pays.
    pub utility_allowance: Money,
    /// The participant's share, paid to the owner.
    pub tenant_rent: Money,
    /// The grantee's monthly housing assistance payment to the owner:
    /// contract rent less tenant rent.
    pub assistance: Money,
    /// Paid by the grantee to the participant when the allowance is more
    /// than the Total Tenant Payment.
    pub utility_reimbursement: Money,
    /// Every utility and appliance, and who pays for or supplies it.
    pub utilities: Vec<UtilityLine>,
    /// The day of the month by which the grantee pays, 1 to 28.
    pub payment_day: u8,
    /// How the grantee pays, e.g. "by check mailed to the owner's address".
    pub payment_method: String,
    /// Printed in the footer of every page, e.g. "HAP-000012".
    pub identifier: String,
    pub dated: NaiveDate,
}

/// A party to a lease document: a name, and a mailing address on one line.
#[derive(Debug, Clone)]
pub struct Party {
    pub name: String,
    pub address: String,
}

/// The unit leased.
#[derive(Debug, Clone)]
pub struct LeasedUnit {
    /// With the apartment number, city and ZIP code.
    pub address: String,
    /// 0 for an efficiency.
    pub bedrooms: u8,
}

/// One utility or appliance and who pays for or supplies it.
#[derive(Debug, Clone)]
pub struct UtilityLine {
    pub provided: Provided,
    pub by: Supplier,
}

/// A utility of the PHA's schedule, or an appliance.
#[derive(Debug, Clone)]
pub enum Provided {
    Utility {
        utility: Utility,
        fuel: Fuel,
    },
    /// E.g. "Range", "Refrigerator", "Window air conditioner".
    Appliance(String),
}

/// Who pays for a utility or supplies an appliance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Supplier {
    /// In the contract rent.
    Owner,
    /// The participant: under rental assistance, with a utility allowance.
    Participant,
    /// The grantee, the actual cost, to the utility company.
    Grantee,
}

impl Supplier {
    pub fn label(self) -> &'static str {
        match self {
            Supplier::Owner => "Owner",
            Supplier::Participant => "Participant",
            Supplier::Grantee => "Grantee",
        }
    }
}

impl Provided {
    /// "Heating (natural gas)", "Water", "Refrigerator".
    pub fn label(&self) -> String {
        match self {
            Provided::Utility { utility, fuel } if utility.has_fuel() => {
                format!("{} ({})", utility.label(), fuel.label().to_lowercase())
            }
            Provided::Utility { utility, .. } => utility.label().to_string(),
            Provided::Appliance(name) => name.clone(),
        }
    }
}

/// The signers of the contract, in the order they sign.
pub fn signers(c: &HapContract) -> Vec<String> {
    vec![format!("Owner or agent: {}", c.owner.name), format!("For the grantee: {}", c.grantee_signer)]
}

/// The values of the template's placeholders (see
/// [`templates::placeholders`] for [`TemplateKind::HapContract`]).
pub fn values(c: &HapContract) -> BTreeMap<&'static str, String> {
    let mut v = BTreeMap::new();
    v.insert("identifier", c.identifier.clone());
    v.insert("dated", us(c.dated));
    v.insert("program_name", c.program.clone());
    v.insert("grantee_name", c.grantee.name.clone());
    v.insert("grantee_address", c.grantee.address.clone());
    v.insert("grantee_phone", c.grantee_phone.clone());
    v.insert("owner_name", c.owner.name.clone());
    v.insert("owner_address", c.owner.address.clone());
    v.insert("participant_name", c.participant_name.clone());
    v.insert("unit_address", c.unit.address.clone());
    v.insert("unit_bedrooms", bedrooms(c.unit.bedrooms));
    v.insert("start_date", us(c.start));
    v.insert("end_date", us(c.end));
    v.insert("contract_rent", c.contract_rent.dollars());
    v.insert("tenant_rent", c.tenant_rent.dollars());
    v.insert("assistance", c.assistance.dollars());
    v.insert("utility_allowance", c.utility_allowance.dollars());
    v.insert("utility_reimbursement", c.utility_reimbursement.dollars());
    v.insert("owner_utilities", supplied_by(&c.utilities, Supplier::Owner));
    v.insert("tenant_utilities", supplied_by(&c.utilities, Supplier::Participant));
    v.insert("utilities_table", String::new());
    v.insert("payment_day", ordinal(c.payment_day));
    v.insert("payment_method", c.payment_method.clone());
    v
}

/// Lays the contract out and answers the PDF's bytes.
pub fn render(c: &HapContract, template: &Template) -> Result<Vec<u8>, DocumentError> {
    let (header, footer) = running_header(c);
    let mut doc = Document::new("Housing Assistance Payment Contract", &header, &footer)?;
    write(&mut doc, c, template)?;
    Ok(doc.finish())
}

/// Lays the contract into `doc`, from a fresh page, with its own header,
/// footer and bookmark. Refuses figures that do not follow the Guide's
/// rules, a term that ends before it starts, and a template with a
/// placeholder the contract does not fill.
pub fn write(doc: &mut Document, c: &HapContract, template: &Template) -> Result<(), DocumentError> {
    check(c)?;
    let blocks = templates::fill(template, &values(c))?;
    let (header, footer) = running_header(c);
    doc.fresh_page();
    doc.set_running_header(&header, &footer);
    doc.bookmark("Housing Assistance Payment contract");
    doc.title("Housing Assistance Payment Contract");
    doc.paragraph(&format!("{} program  ·  Rental Assistance Option  ·  Contract {}", c.program, c.identifier));
    if templates::is_sample(TemplateKind::HapContract, template) {
        doc.callout(SAMPLE_WARNING);
    }
    doc.facts(&[
        ("Grantee", format!("{}\n{}  ·  {}", c.grantee.name, c.grantee.address, c.grantee_phone)),
        ("Owner or agent", format!("{}\n{}", c.owner.name, c.owner.address)),
        ("Participant", format!("{} (the tenant under the lease)", c.participant_name)),
        ("Unit", format!("{} ({})", c.unit.address, bedrooms(c.unit.bedrooms))),
        ("Term", format!("{} to {}", us(c.start), us(c.end))),
        ("Contract rent", format!("{} a month", c.contract_rent.dollars())),
        ("Tenant rent", format!("{} a month, paid by the participant to the owner", c.tenant_rent.dollars())),
        ("Assistance payment", format!("{} a month, paid by the grantee to the owner", c.assistance.dollars())),
        ("Utility allowance", format!("{} a month", c.utility_allowance.dollars())),
        ("Utility reimbursement", reimbursement(c.utility_reimbursement)),
    ]);
    write_blocks(doc, &blocks, &c.utilities);
    sign(doc, "By signing, the owner and the grantee agree to this contract.", &signers(c));
    Ok(())
}

/// The box at the top of a document printed from the sample wording.
pub(super) const SAMPLE_WARNING: &str = "SAMPLE WORDING, NOT YET REVISED: this document uses the sample template \
     that comes with Housing Desk. The Guide says such templates \"are not intended to be used by grantees without \
     revision\"; have the template reviewed by the office's legal counsel before anyone signs.";

/// The checks the figures must pass before they are printed.
fn check(c: &HapContract) -> Result<(), DocumentError> {
    let invalid = |m: String| Err(DocumentError::Invalid(m));
    if c.end <= c.start {
        return invalid(format!(
            "The contract's term must end after it starts; it runs from {} to {}. Correct the dates of the lease.",
            us(c.start),
            us(c.end)
        ));
    }
    let due = rent::grantee_payment_to_owner(LeasingOption::RentalAssistance, c.contract_rent, c.tenant_rent);
    if c.assistance != due {
        return invalid(format!(
            "The housing assistance payment is {} but the contract rent of {} less the tenant rent of {} is {} \
             (Guide: Leasing Requirements). Calculate the lease's figures again before printing.",
            c.assistance.dollars(),
            c.contract_rent.dollars(),
            c.tenant_rent.dollars(),
            due.dollars()
        ));
    }
    if c.utility_reimbursement > Money::ZERO && c.tenant_rent > Money::ZERO {
        return invalid(format!(
            "A utility reimbursement of {} is paid only when the utility allowance is more than the Total Tenant \
             Payment, and then the tenant rent is $0.00, not {} (Guide: Total Tenant Payment). Calculate the \
             lease's figures again before printing.",
            c.utility_reimbursement.dollars(),
            c.tenant_rent.dollars()
        ));
    }
    check_payment_day(c.payment_day, "The grantee's payment day")
}

pub(super) fn check_payment_day(day: u8, what: &str) -> Result<(), DocumentError> {
    if (1..=28).contains(&day) {
        Ok(())
    } else {
        Err(DocumentError::Invalid(format!(
            "{what} must be a day from the 1st to the 28th, which every month has; it is {day}."
        )))
    }
}

fn running_header(c: &HapContract) -> (String, String) {
    (
        format!("{}  ·  Housing Assistance Payment contract", c.grantee.name),
        format!("HAP contract  ·  dated {}  ·  {}", us(c.dated), c.identifier),
    )
}

/// Lays out a filled template: headings, paragraphs, list items, and the
/// utilities table where the template puts it. A heading stays with what
/// follows it, a paragraph that introduces the table stays with the table,
/// and a short paragraph or item is not split across pages.
pub(super) fn write_blocks(doc: &mut Document, blocks: &[Block], utilities: &[UtilityLine]) {
    let (columns, rows) = utilities_table(utilities);
    for (i, block) in blocks.iter().enumerate() {
        // A list is set off from the paragraph after it.
        let after_list = i > 0 && matches!(blocks[i - 1], Block::Item(_));
        if after_list && matches!(block, Block::Paragraph(_) | Block::Table(_)) {
            doc.space(4.0);
        }
        doc.keep_together(keep_with(doc, &blocks[i..], &columns, &rows));
        match block {
            Block::Heading(text) => doc.heading(text),
            Block::Paragraph(text) => doc.paragraph(text),
            Block::Item(text) => doc.item(text),
            Block::Table(_) => doc.table(&columns, &rows),
        }
    }
}

/// The height to keep on one page from the first of `blocks` on.
fn keep_with(doc: &Document, blocks: &[Block], columns: &[Column], rows: &[Row]) -> f32 {
    match blocks {
        [Block::Heading(_), rest @ ..] => HEADING + keep_with(doc, rest, columns, rows),
        [Block::Paragraph(text), Block::Table(_), ..] => doc.paragraph_height(text) + doc.table_height(columns, rows),
        [Block::Paragraph(text), ..] => doc.paragraph_height(text).min(KEEP_UP_TO),
        [Block::Item(text), ..] => doc.item_height(text).min(KEEP_UP_TO),
        [Block::Table(_), ..] => doc.table_height(columns, rows),
        [] => 0.0,
    }
}

/// The height of a [`Document::heading`], the space above it included.
const HEADING: f32 = 26.0;

/// A paragraph of up to four lines is kept on one page; a longer one starts
/// on a page with room for four of its lines.
const KEEP_UP_TO: f32 = 4.0 * 9.5 * 1.3 + 5.0;

/// The signature section: a sentence, then a line for each signer, kept
/// on one page.
pub(super) fn sign(doc: &mut Document, sentence: &str, signers: &[String]) {
    doc.keep_together(26.0 + 20.0 + 66.0 * signers.len() as f32);
    doc.heading("Signatures");
    doc.paragraph(sentence);
    let lines: Vec<SignatureLine> =
        signers.iter().map(|label| SignatureLine { label: label.clone(), drawn: None }).collect();
    doc.signatures(&lines);
}

fn utilities_table(utilities: &[UtilityLine]) -> ([Column; 3], Vec<Row>) {
    let columns = [
        Column::left("Utility or appliance", 0.46),
        Column::left("Kind", 0.22),
        Column::left("Paid for or supplied by", 0.32),
    ];
    let mut rows: Vec<Row> = utilities
        .iter()
        .map(|u| {
            let (what, kind) = match &u.provided {
                Provided::Utility { utility, fuel } if utility.has_fuel() => {
                    (utility.label().to_string(), fuel.label().to_string())
                }
                Provided::Utility { utility, .. } => (utility.label().to_string(), "Utility".to_string()),
                Provided::Appliance(name) => (name.clone(), "Appliance".to_string()),
            };
            Row::new(vec![what, kind, u.by.label().to_string()])
        })
        .collect();
    if rows.is_empty() {
        rows.push(Row::new(vec!["None listed".into(), String::new(), String::new()]));
    }
    (columns, rows)
}

/// "heating (natural gas), water and refrigerator", or "none".
pub(super) fn supplied_by(utilities: &[UtilityLine], by: Supplier) -> String {
    let names: Vec<String> = utilities
        .iter()
        .filter(|u| u.by == by)
        .map(|u| match &u.provided {
            Provided::Appliance(name) => name.to_lowercase(),
            p => {
                let label = p.label();
                // "Heating (natural gas)" reads "heating (natural gas)" mid-sentence.
                let mut chars = label.chars();
                chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
            }
        })
        .collect();
    match names.as_slice() {
        [] => "none".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn reimbursement(amount: Money) -> String {
    if amount == Money::ZERO {
        "None".into()
    } else {
        format!("{} a month, paid by the grantee to the participant", amount.dollars())
    }
}

/// "efficiency", "1 bedroom", "2 bedrooms".
pub(super) fn bedrooms(n: u8) -> String {
    match n {
        0 => "efficiency".into(),
        1 => "1 bedroom".into(),
        n => format!("{n} bedrooms"),
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "21st".
pub(super) fn ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::str::FromStr;

    pub fn money(s: &str) -> Money {
        Money(rust_decimal::Decimal::from_str(s).unwrap())
    }

    pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub fn utilities() -> Vec<UtilityLine> {
        let u = |utility, fuel, by| UtilityLine { provided: Provided::Utility { utility, fuel }, by };
        let a = |name: &str, by| UtilityLine { provided: Provided::Appliance(name.into()), by };
        vec![
            u(Utility::Heating, Fuel::NaturalGas, Supplier::Owner),
            u(Utility::Cooking, Fuel::NaturalGas, Supplier::Owner),
            u(Utility::WaterHeating, Fuel::NaturalGas, Supplier::Owner),
            u(Utility::OtherElectric, Fuel::None, Supplier::Participant),
            u(Utility::Water, Fuel::None, Supplier::Owner),
            u(Utility::Sewer, Fuel::None, Supplier::Owner),
            u(Utility::Trash, Fuel::None, Supplier::Owner),
            a("Range", Supplier::Owner),
            a("Refrigerator", Supplier::Owner),
            a("Window air conditioner", Supplier::Grantee),
        ]
    }

    pub fn example() -> HapContract {
        HapContract {
            program: "Housing is Recovery".into(),
            grantee: Party {
                name: "Thresholds Housing Services (Grantee)".into(),
                address: "4101 N Ravenswood Ave, Chicago, IL 60613".into(),
            },
            grantee_phone: "(773) 555-0100".into(),
            grantee_signer: "Maria Okafor, Housing Manager".into(),
            owner: Party {
                name: "Łukasz Wójcik, Uptown Lakeside Management LLC".into(),
                address: "1250 W Wilson Ave, Suite 3, Chicago, IL 60640".into(),
            },
            participant_name: "Nguyễn Thị Ánh".into(),
            unit: LeasedUnit { address: "4521 N Malden St, Apt 2R, Chicago, IL 60640".into(), bedrooms: 1 },
            start: date(2026, 4, 1),
            end: date(2027, 3, 31),
            contract_rent: money("1195"),
            utility_allowance: money("47"),
            tenant_rent: money("230"),
            assistance: money("965"),
            utility_reimbursement: Money::ZERO,
            utilities: utilities(),
            payment_day: 5,
            payment_method: "by check mailed to the owner's address".into(),
            identifier: "HAP-000012".into(),
            dated: date(2026, 3, 16),
        }
    }

    /// The text of a PDF as `pdftotext -layout` reads it, a form feed after each page.
    pub fn pdf_text(bytes: &[u8], name: &str) -> String {
        let dir = std::env::var_os("HOUSING_DESK_KEEP_PDF_DIR").map_or_else(std::env::temp_dir, Into::into);
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
        assert!(out.status.success(), "pdftotext could read the PDF");
        String::from_utf8(out.stdout).unwrap()
    }

    /// The text with each run of spaces and line breaks made one space, for
    /// sentences that wrap.
    pub fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn sample() -> Template {
        templates::parse(templates::HAP_CONTRACT_DEFAULT).unwrap()
    }

    #[test]
    fn the_contract_shows_the_parties_the_figures_and_the_guide_s_terms() {
        let started = std::time::Instant::now();
        let bytes = render(&example(), &sample()).unwrap();
        eprintln!("HAP contract rendered in {:?}", started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-hap-contract.pdf");
        let pages = text.matches('\u{c}').count();
        let flat = flat(&text);
        for want in [
            "Housing Assistance Payment Contract",
            "SAMPLE WORDING, NOT YET REVISED",
            "Nguyễn Thị Ánh (the tenant under the lease)",
            "Łukasz Wójcik, Uptown Lakeside Management LLC",
            "4521 N Malden St, Apt 2R, Chicago, IL 60640 (1 bedroom)",
            "04/01/2026 to 03/31/2027",
            "Contract rent: $1,195.00 a month",
            "Housing assistance payment: $965.00 a month, paid by the grantee to the owner.",
            "Tenant rent: $230.00 a month, paid by the participant directly to the owner.",
            "the utility allowance of $47.00 a month",
            "The owner supplies, at the owner's cost: heating (natural gas), cooking (natural gas), water heating \
             (natural gas), water, sewer, trash collection, range and refrigerator.",
            "The participant pays for or supplies: other electric (lights and appliances).",
            "Window air conditioner Appliance Grantee",
            "the assistance for the unit may continue for a maximum of 30 days from the end of the month in which the \
             unit was vacated",
            "Stays in long-term care facilities, specialized mental health rehabilitation facilities (SMHRFs), or \
             correctional facilities of less than six months are not considered vacancies",
            "An HQS inspection must be completed before any assistance is provided for a unit",
            "within 12 months after the previous inspection",
            "by the 5th day of that month, by check mailed to the owner's address",
            "must not be in excess of rents currently being charged by the owner for comparable unassisted units",
            "will be refunded to the program participant as stipulated in the lease agreement",
            "Owner or agent: Łukasz Wójcik",
            "For the grantee: Maria Okafor, Housing Manager",
            "HAP-000012 · Page 1 of",
        ] {
            assert!(flat.contains(want), "the contract shows {want:?}:\n{text}");
        }
        assert!(flat.contains(&format!("Page {pages} of {pages}")), "the last page is numbered:\n{text}");
        assert!(!flat.contains('{') && !flat.contains("//"), "no placeholder or note is printed:\n{text}");
        let last = text.split('\u{c}').rfind(|p| !p.trim().is_empty()).unwrap();
        assert!(
            last.contains("Signatures") && last.contains("Owner or agent") && last.contains("For the grantee"),
            "the signature section is kept together on one page:\n{last}"
        );
    }

    #[test]
    fn a_revised_template_prints_without_the_sample_warning() {
        let t = templates::parse(
            "# 1. Parties\n\nBetween {grantee_name} and {owner_name}, for {unit_address}.\n\n{utilities_table}\n",
        )
        .unwrap();
        let text = flat(&pdf_text(&render(&example(), &t).unwrap(), "housing-desk-hap-revised.pdf"));
        assert!(!text.contains("SAMPLE WORDING"), "the office's own wording carries no warning:\n{text}");
        assert!(text.contains("Between Thresholds Housing Services (Grantee) and Łukasz Wójcik"), "{text}");
    }

    #[test]
    fn a_heading_its_lead_in_and_the_table_share_a_page_wherever_they_fall() {
        for filler in 0..36 {
            let mut text = String::from("# 1. Parties\n\n");
            text.push_str(&"A line of filler for {owner_name}.\n\n".repeat(filler));
            text.push_str(
                "# 5. Utilities and appliances\n\nEach one, and who supplies it:\n\n{utilities_table}\n\nAfter.",
            );
            let t = templates::parse(&text).unwrap();
            let out = pdf_text(&render(&example(), &t).unwrap(), "housing-desk-hap-keep.pdf");
            let page = out.split('\u{c}').find(|p| p.contains("Utility or appliance")).unwrap();
            assert!(
                page.contains("5. Utilities and appliances") && page.contains("Each one, and who supplies it:"),
                "after {filler} lines of filler, the heading and its lead-in are on the table's page:\n{out}"
            );
            assert_eq!(out.matches("Utility or appliance").count(), 1, "the table is not split:\n{out}");
        }
    }

    #[test]
    fn figures_that_break_the_guide_s_rules_are_refused() {
        let mut c = example();
        c.assistance = money("1195");
        let err = render(&c, &sample()).unwrap_err().to_string();
        assert!(err.contains("$1,195.00 less the tenant rent of $230.00 is $965.00"), "{err}");
        let mut c = example();
        c.utility_reimbursement = money("12");
        assert!(render(&c, &sample()).unwrap_err().to_string().contains("tenant rent is $0.00"));
        let mut c = example();
        c.end = c.start;
        assert!(render(&c, &sample()).unwrap_err().to_string().contains("must end after it starts"));
        let mut c = example();
        c.payment_day = 31;
        assert!(render(&c, &sample()).unwrap_err().to_string().contains("the 1st to the 28th"));
        let t = templates::parse("Pay {asistance} a month.").unwrap();
        let err = render(&example(), &t).unwrap_err().to_string();
        assert!(err.contains("Line 1") && err.contains("{asistance}") && err.contains("{assistance}"), "{err}");
    }

    #[test]
    fn the_values_are_the_placeholders_the_administrator_is_shown() {
        let values = values(&example());
        let listed: Vec<&str> = templates::placeholders(TemplateKind::HapContract).iter().map(|(n, _)| *n).collect();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort_unstable();
        assert_eq!(values.keys().copied().collect::<Vec<_>>(), listed_sorted, "every value is listed, and no more");
    }

    #[test]
    fn words_for_days_and_bedrooms() {
        let cases =
            [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (21, "21st"), (28, "28th")];
        for (n, want) in cases {
            assert_eq!(ordinal(n), want);
        }
        assert_eq!(
            (bedrooms(0), bedrooms(1), bedrooms(2)),
            ("efficiency".into(), "1 bedroom".into(), "2 bedrooms".into())
        );
    }
}
