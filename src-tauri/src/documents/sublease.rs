//! The sublease and occupancy agreement between the grantee and the
//! participant, for the Master Lease Option (Guide: Leasing Requirements,
//! "a Lease Agreement and either a Sublease Agreement or an Occupancy
//! Agreement"): the participant pays tenant rent to the grantee; the grantee
//! pays the owner the full contract rent and the actual cost of the
//! utilities the owner does not pay. The facts, the office's wording
//! ([`super::templates`]), and the participant's and the grantee's
//! signatures.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::hap_contract::{
    bedrooms, check_payment_day, ordinal, reimbursement, sign, supplied_by, us, write_blocks, LeasedUnit, Party,
    Provided, Supplier, UtilityLine, SAMPLE_WARNING,
};
use super::layout::Document;
use super::templates::{self, Template, TemplateKind};
use super::DocumentError;
use crate::rules::Money;

/// Everything the agreement shows.
pub struct Sublease {
    /// The program's name, e.g. "Housing is Recovery".
    pub program: String,
    /// The grantee (the office), the tenant under the master lease.
    pub grantee: Party,
    pub grantee_phone: String,
    /// Who signs for the grantee, e.g. "Maria Okafor, Housing Manager".
    pub grantee_signer: String,
    /// The owner, the grantee's landlord under the master lease.
    pub owner: Party,
    pub participant_name: String,
    pub unit: LeasedUnit,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// What the grantee pays the owner each month: the full contract rent.
    pub contract_rent: Money,
    /// The participant's rent, paid to the grantee.
    pub tenant_rent: Money,
    /// Paid by the grantee to the participant, if the calculation gives one.
    pub utility_reimbursement: Money,
    /// Every utility and appliance, and who pays for or supplies it; no
    /// utility is the participant's under a master lease.
    pub utilities: Vec<UtilityLine>,
    /// The day of the month the participant's rent is due, 1 to 28.
    pub rent_due_day: u8,
    /// How the participant pays, e.g. "at our office, by check or money order".
    pub payment_method: String,
    /// Printed in the footer of every page, e.g. "SUB-000031".
    pub identifier: String,
    pub dated: NaiveDate,
}

/// The signers of the agreement, in the order they sign.
pub fn signers(s: &Sublease) -> Vec<String> {
    vec![format!("Participant: {}", s.participant_name), format!("For the grantee: {}", s.grantee_signer)]
}

/// The values of the template's placeholders (see
/// [`templates::placeholders`] for [`TemplateKind::Sublease`]).
pub fn values(s: &Sublease) -> BTreeMap<&'static str, String> {
    let mut v = BTreeMap::new();
    v.insert("identifier", s.identifier.clone());
    v.insert("dated", us(s.dated));
    v.insert("program_name", s.program.clone());
    v.insert("grantee_name", s.grantee.name.clone());
    v.insert("grantee_address", s.grantee.address.clone());
    v.insert("grantee_phone", s.grantee_phone.clone());
    v.insert("owner_name", s.owner.name.clone());
    v.insert("owner_address", s.owner.address.clone());
    v.insert("participant_name", s.participant_name.clone());
    v.insert("unit_address", s.unit.address.clone());
    v.insert("unit_bedrooms", bedrooms(s.unit.bedrooms));
    v.insert("start_date", us(s.start));
    v.insert("end_date", us(s.end));
    v.insert("contract_rent", s.contract_rent.dollars());
    v.insert("tenant_rent", s.tenant_rent.dollars());
    v.insert("utility_reimbursement", s.utility_reimbursement.dollars());
    v.insert("owner_utilities", supplied_by(&s.utilities, Supplier::Owner));
    v.insert("grantee_utilities", supplied_by(&s.utilities, Supplier::Grantee));
    v.insert("utilities_table", String::new());
    v.insert("rent_due_day", ordinal(s.rent_due_day));
    v.insert("payment_method", s.payment_method.clone());
    v
}

/// Lays the agreement out and answers the PDF's bytes.
pub fn render(s: &Sublease, template: &Template) -> Result<Vec<u8>, DocumentError> {
    let (header, footer) = running_header(s);
    let mut doc = Document::new("Sublease and Occupancy Agreement", &header, &footer)?;
    write(&mut doc, s, template)?;
    Ok(doc.finish())
}

/// Lays the agreement into `doc`, from a fresh page, with its own header,
/// footer and bookmark. Refuses a utility left to the participant (the
/// grantee pays them under a master lease), a term that ends before it
/// starts, and a template with a placeholder the agreement does not fill.
pub fn write(doc: &mut Document, s: &Sublease, template: &Template) -> Result<(), DocumentError> {
    check(s)?;
    let blocks = templates::fill(template, &values(s))?;
    let (header, footer) = running_header(s);
    doc.fresh_page();
    doc.set_running_header(&header, &footer);
    doc.bookmark("Sublease and occupancy agreement");
    doc.title("Sublease and Occupancy Agreement");
    doc.paragraph(&format!("{} program  ·  Master Lease Option  ·  Agreement {}", s.program, s.identifier));
    if templates::is_sample(TemplateKind::Sublease, template) {
        doc.callout(SAMPLE_WARNING);
    }
    let mut facts = vec![
        ("Participant", s.participant_name.clone()),
        ("Grantee", format!("{}\n{}  ·  {}", s.grantee.name, s.grantee.address, s.grantee_phone)),
        ("Owner", format!("{}\n{} (landlord under the grantee's master lease)", s.owner.name, s.owner.address)),
        ("Unit", format!("{} ({})", s.unit.address, bedrooms(s.unit.bedrooms))),
        ("Term", format!("{} to {}", us(s.start), us(s.end))),
        (
            "Your rent",
            format!(
                "{} a month, paid to the grantee by the {} of each month",
                s.tenant_rent.dollars(),
                ordinal(s.rent_due_day)
            ),
        ),
        ("Contract rent", format!("{} a month, paid by the grantee to the owner", s.contract_rent.dollars())),
    ];
    if s.utility_reimbursement != Money::ZERO {
        facts.push(("Utility reimbursement", reimbursement(s.utility_reimbursement)));
    }
    doc.facts(&facts);
    write_blocks(doc, &blocks, &s.utilities);
    sign(doc, "By signing, you and the grantee agree to this agreement.", &signers(s));
    Ok(())
}

fn check(s: &Sublease) -> Result<(), DocumentError> {
    if s.end <= s.start {
        return Err(DocumentError::Invalid(format!(
            "The agreement's term must end after it starts; it runs from {} to {}. Correct the dates of the lease.",
            us(s.start),
            us(s.end)
        )));
    }
    let participant_pays: Vec<String> = s
        .utilities
        .iter()
        .filter(|u| u.by == Supplier::Participant && matches!(u.provided, Provided::Utility { .. }))
        .map(|u| u.provided.label())
        .collect();
    if !participant_pays.is_empty() {
        return Err(DocumentError::Invalid(format!(
            "Under the master lease option the grantee pays the actual cost of the utilities the owner does not \
             (Guide: Utility Allowances/Payments), but {} {} marked as paid by the participant. Mark {} as paid by \
             the owner or the grantee.",
            participant_pays.join(", "),
            if participant_pays.len() == 1 { "is" } else { "are" },
            if participant_pays.len() == 1 { "it" } else { "them" }
        )));
    }
    if s.tenant_rent > s.contract_rent {
        return Err(DocumentError::Invalid(format!(
            "The participant's rent of {} is more than the contract rent of {}; it is a share of it (Guide: Total \
             Tenant Payment). Calculate the lease's figures again before printing.",
            s.tenant_rent.dollars(),
            s.contract_rent.dollars()
        )));
    }
    check_payment_day(s.rent_due_day, "The day the participant's rent is due")
}

fn running_header(s: &Sublease) -> (String, String) {
    (
        format!("{}  ·  Sublease and occupancy agreement", s.grantee.name),
        format!("Sublease  ·  dated {}  ·  {}", us(s.dated), s.identifier),
    )
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::documents::hap_contract::tests::{date, flat, money, pdf_text};
    use crate::rules::utility_allowance::{Fuel, Utility};

    pub fn example() -> Sublease {
        let u = |utility, fuel, by| UtilityLine { provided: Provided::Utility { utility, fuel }, by };
        let a = |name: &str, by| UtilityLine { provided: Provided::Appliance(name.into()), by };
        Sublease {
            program: "Housing is Recovery".into(),
            grantee: Party {
                name: "Thresholds Housing Services (Grantee)".into(),
                address: "4101 N Ravenswood Ave, Chicago, IL 60613".into(),
            },
            grantee_phone: "(773) 555-0100".into(),
            grantee_signer: "Maria Okafor, Housing Manager".into(),
            owner: Party { name: "Siobhán Müller".into(), address: "2210 W Foster Ave, Chicago, IL 60625".into() },
            participant_name: "Łukasz Wójcik".into(),
            unit: LeasedUnit { address: "5043 N Winchester Ave, Unit 1, Chicago, IL 60640".into(), bedrooms: 0 },
            start: date(2026, 5, 1),
            end: date(2027, 4, 30),
            contract_rent: money("1010"),
            tenant_rent: money("318"),
            utility_reimbursement: Money::ZERO,
            utilities: vec![
                u(Utility::Heating, Fuel::Electric, Supplier::Grantee),
                u(Utility::Cooking, Fuel::Electric, Supplier::Grantee),
                u(Utility::OtherElectric, Fuel::None, Supplier::Grantee),
                u(Utility::Water, Fuel::None, Supplier::Owner),
                u(Utility::Trash, Fuel::None, Supplier::Owner),
                a("Range", Supplier::Owner),
                a("Refrigerator", Supplier::Owner),
                a("Microwave", Supplier::Participant),
            ],
            rent_due_day: 3,
            payment_method: "at our office or by mail, by check or money order".into(),
            identifier: "SUB-000031".into(),
            dated: date(2026, 4, 20),
        }
    }

    pub fn sample() -> Template {
        templates::parse(templates::SUBLEASE_DEFAULT).unwrap()
    }

    #[test]
    fn the_agreement_says_who_pays_what_and_the_house_rules() {
        let started = std::time::Instant::now();
        let bytes = render(&example(), &sample()).unwrap();
        eprintln!("sublease rendered in {:?}", started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-sublease.pdf");
        let pages = text.matches('\u{c}').count();
        let flat = flat(&text);
        for want in [
            "Sublease and Occupancy Agreement",
            "SAMPLE WORDING, NOT YET REVISED",
            "and Łukasz Wójcik (\"you\")",
            "Siobhán Müller",
            "5043 N Winchester Ave, Unit 1, Chicago, IL 60640 (efficiency)",
            "05/01/2026 to 04/30/2027",
            "You pay us $318.00 a month, by the 3rd day of each month, at our office or by mail, by check or money order.",
            "We pay the owner the whole rent for your home, $1,010.00 a month.",
            "regardless of whether the program participant pays their portion of rent",
            "the actual cost of the utilities the owner does not pay: heating (electric), cooking (electric) and other \
             electric (lights and appliances).",
            "The owner supplies: water, trash collection, range and refrigerator.",
            "Microwave Appliance Participant",
            "You do not have to take part in treatment or services to keep your home.",
            "if the consumer is open to receiving such linkage",
            "correctional facilities of less than six months are not considered vacancies",
            "the tenant will have no liability of any kind",
            "Participant: Łukasz Wójcik",
            "For the grantee: Maria Okafor, Housing Manager",
            "SUB-000031 · Page 1 of",
        ] {
            assert!(flat.contains(want), "the agreement shows {want:?}:\n{text}");
        }
        assert!(flat.contains(&format!("Page {pages} of {pages}")), "{text}");
        assert!(!flat.contains('{') && !flat.contains("OFFICE CHOICE"), "no placeholder or note is printed:\n{text}");
    }

    #[test]
    fn a_utility_left_to_the_participant_is_refused() {
        let mut s = example();
        s.utilities[0].by = Supplier::Participant;
        let err = render(&s, &sample()).unwrap_err().to_string();
        assert!(err.contains("Heating (electric) is marked as paid by the participant"), "{err}");
        let mut s = example();
        s.tenant_rent = money("1200");
        assert!(render(&s, &sample()).unwrap_err().to_string().contains("more than the contract rent"));
    }

    #[test]
    fn the_values_are_the_placeholders_the_administrator_is_shown() {
        let mut listed: Vec<&str> = templates::placeholders(TemplateKind::Sublease).iter().map(|(n, _)| *n).collect();
        listed.sort_unstable();
        assert_eq!(
            values(&example()).keys().copied().collect::<Vec<_>>(),
            listed,
            "every value is listed, and no more"
        );
    }
}
