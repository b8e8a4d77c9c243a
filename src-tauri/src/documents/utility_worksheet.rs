//! The utility allowance worksheet, laid out as the calculation of form
//! HUD-52667 is: the unit and the bedroom size used, the PHA's schedule,
//! one row for each utility the participant pays with its fuel and monthly
//! amount, the total allowance, and what follows from it (Guide: Rent and
//! Utility Payment Standards, Utility Allowances/Payments, "must be based on
//! the utility allowance schedule developed by the Public Housing Authority
//! (PHA) covering the geographic location of the property"; Total Tenant
//! Payment, "TTP must be applied first towards Utility Allowances before
//! being applied to Contract Rent").

use chrono::NaiveDate;

use super::layout::{Column, Document, Row, SignatureLine};
use super::DocumentError;
use crate::rules::rent::{self, LeasingOption};
use crate::rules::utility_allowance::{Fuel, Utility};
use crate::rules::Money;
use crate::validation::Choice;

/// Everything the worksheet shows.
pub struct UtilityWorksheet {
    /// The grantee's name, at the head of every page.
    pub office_name: String,
    /// Printed in the footer of every page, e.g. "UA-000019".
    pub identifier: String,
    pub prepared_on: NaiveDate,
    pub prepared_by: String,
    pub participant_name: String,
    pub unit_address: String,
    /// The bedroom size the schedule is read at (0 for an efficiency).
    pub bedrooms: u8,
    pub schedule: AllowanceSchedule,
    /// One line for each utility the participant pays, with the schedule's
    /// amount for the bedroom size.
    pub lines: Vec<AllowanceLine>,
    /// The participant's Total Tenant Payment, whole dollars.
    pub ttp: Money,
    pub contract_rent: Money,
    pub option: LeasingOption,
}

/// The PHA's utility allowance schedule used.
pub struct AllowanceSchedule {
    /// E.g. "Utility Allowance Schedule, Chicago".
    pub name: String,
    /// E.g. "Chicago Housing Authority".
    pub pha: String,
    /// The schedule's unit type, e.g. "Apartment (low rise)".
    pub unit_type: String,
    pub effective_from: NaiveDate,
}

/// One utility the participant pays.
pub struct AllowanceLine {
    pub utility: Utility,
    /// [`Fuel::None`] for utilities the schedule does not price by fuel.
    pub fuel: Fuel,
    /// The schedule's monthly amount for the bedroom size.
    pub monthly: Money,
}

/// The figures that follow from the allowance, by the Guide's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllowanceFigures {
    pub utility_allowance: Money,
    pub tenant_rent: Money,
    pub utility_reimbursement: Money,
    /// Contract rent plus the allowance.
    pub gross_rent: Money,
    pub grantee_payment: Money,
}

/// The total allowance and the figures that follow from it.
pub fn figures(w: &UtilityWorksheet) -> AllowanceFigures {
    let utility_allowance: Money = w.lines.iter().map(|l| l.monthly).sum();
    let tenant_rent = rent::tenant_rent(w.ttp, utility_allowance);
    AllowanceFigures {
        utility_allowance,
        tenant_rent,
        utility_reimbursement: rent::utility_reimbursement(w.ttp, utility_allowance),
        gross_rent: rent::gross_rent(w.contract_rent, utility_allowance),
        grantee_payment: rent::grantee_payment_to_owner(w.option, w.contract_rent, tenant_rent),
    }
}

/// The signers of the worksheet.
pub fn signers(w: &UtilityWorksheet) -> Vec<String> {
    vec![format!("Prepared by: {}", w.prepared_by)]
}

/// Lays the worksheet out and answers the PDF's bytes.
pub fn render(w: &UtilityWorksheet) -> Result<Vec<u8>, DocumentError> {
    let (header, footer) = running_header(w);
    let mut doc = Document::new("Utility Allowance Worksheet", &header, &footer)?;
    write(&mut doc, w)?;
    Ok(doc.finish())
}

/// Lays the worksheet into `doc`, from a fresh page, with its own header,
/// footer and bookmark; refuses a utility listed twice.
pub fn write(doc: &mut Document, w: &UtilityWorksheet) -> Result<(), DocumentError> {
    for (i, line) in w.lines.iter().enumerate() {
        if w.lines[..i].iter().any(|l| l.utility == line.utility) {
            return Err(DocumentError::Invalid(format!(
                "{} is listed twice on the utility allowance worksheet; a utility is counted once, with its fuel.",
                line.utility.label()
            )));
        }
    }
    let f = figures(w);
    let (header, footer) = running_header(w);
    doc.fresh_page();
    doc.set_running_header(&header, &footer);
    doc.bookmark("Utility allowance worksheet");
    doc.title("Utility Allowance Worksheet");
    let mut facts = vec![
        ("Participant", w.participant_name.clone()),
        ("Unit", w.unit_address.clone()),
        ("Bedroom size used", bedrooms(w.bedrooms)),
    ];
    if w.schedule.name.is_empty() {
        // No schedule read: the tenant pays no utilities.
        facts.push(("Schedule", "Not needed: the tenant pays no utilities".to_string()));
    } else {
        facts.push(("Schedule", format!("{}, {} (form HUD-52667)", w.schedule.name, w.schedule.pha)));
        facts.push(("Unit type", w.schedule.unit_type.clone()));
        facts.push(("In force from", us(w.schedule.effective_from)));
    }
    facts.push(("Leasing option", w.option.label().to_string()));
    doc.facts(&facts);

    doc.heading("Utilities the participant pays");
    let columns = [
        Column::left("Utility or service", 0.46),
        Column::left("Fuel", 0.30),
        Column::right("Monthly allowance", 0.24),
    ];
    let mut rows: Vec<Row> = w
        .lines
        .iter()
        .map(|l| {
            let fuel = if l.utility.has_fuel() { l.fuel.label() } else { "" };
            Row::new(vec![l.utility.label().into(), fuel.into(), l.monthly.dollars()])
        })
        .collect();
    if rows.is_empty() {
        rows.push(Row::new(vec!["None: the owner pays every utility".into(), String::new(), Money::ZERO.dollars()]));
    }
    rows.push(Row::total(vec![
        format!("Total utility allowance, {}", bedrooms(w.bedrooms).to_lowercase()),
        String::new(),
        f.utility_allowance.dollars(),
    ]));
    doc.table(&columns, &rows);
    doc.paragraph(
        "Utility allowances \"are meant to cover the approximate cost of tenant-paid utilities, not the actual cost, \
         and must be based on the utility allowance schedule developed by the Public Housing Authority (PHA) \
         covering the geographic location of the property\" (Guide: Utility Allowances/Payments).",
    );

    doc.heading("What follows from the allowance");
    let figures_columns = [Column::left("", 0.80), Column::right("", 0.20)];
    let mut rows = vec![
        Row::new(vec!["Total Tenant Payment (TTP)".into(), w.ttp.dollars()]),
        Row::new(vec!["Less the utility allowance, applied first".into(), f.utility_allowance.dollars()]),
        Row::total(vec!["Tenant rent (not below $0.00)".into(), f.tenant_rent.dollars()]),
        Row::total(vec![
            "Utility reimbursement to the participant (allowance above TTP)".into(),
            f.utility_reimbursement.dollars(),
        ]),
        Row::new(vec!["Contract rent".into(), w.contract_rent.dollars()]),
        Row::new(vec!["Rent and utilities (contract rent plus the allowance)".into(), f.gross_rent.dollars()]),
    ];
    rows.push(Row::total(vec![
        match w.option {
            LeasingOption::RentalAssistance => {
                "Grantee's payment to the owner (contract rent less tenant rent)".to_string()
            }
            LeasingOption::MasterLease => "Grantee's payment to the owner (the full contract rent)".to_string(),
        },
        f.grantee_payment.dollars(),
    ]));
    doc.table(&figures_columns, &rows);
    doc.paragraph(&format!(
        "The tenant rent is paid {}. {}",
        match w.option {
            LeasingOption::RentalAssistance => "by the participant directly to the owner",
            LeasingOption::MasterLease => "by the participant to the grantee",
        },
        if f.utility_reimbursement == Money::ZERO {
            "No utility reimbursement is due: the TTP covers the allowance.".to_string()
        } else {
            format!(
                "The allowance is more than the TTP, so the grantee pays the participant (or their representative \
                 payee) a utility reimbursement of {} a month (Guide: Total Tenant Payment).",
                f.utility_reimbursement.dollars()
            )
        }
    ));

    doc.keep_together(26.0 + 66.0);
    doc.heading("Prepared by");
    let lines: Vec<SignatureLine> = signers(w).into_iter().map(|label| SignatureLine { label, drawn: None }).collect();
    doc.signatures(&lines);
    Ok(())
}

fn running_header(w: &UtilityWorksheet) -> (String, String) {
    (
        format!("{}  ·  Utility allowance", w.office_name),
        format!("Utility allowance worksheet  ·  {}  ·  {}", us(w.prepared_on), w.identifier),
    )
}

fn bedrooms(n: u8) -> String {
    match n {
        0 => "Efficiency (0 bedrooms)".into(),
        1 => "1 bedroom".into(),
        n => format!("{n} bedrooms"),
    }
}

fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::documents::hap_contract::tests::{date, flat, money, pdf_text};

    pub fn example() -> UtilityWorksheet {
        UtilityWorksheet {
            office_name: "Thresholds Housing Services (Grantee)".into(),
            identifier: "UA-000019".into(),
            prepared_on: date(2026, 3, 14),
            prepared_by: "Maria Okafor".into(),
            participant_name: "Nguyễn Thị Ánh".into(),
            unit_address: "4521 N Malden St, Apt 2R, Chicago, IL 60640".into(),
            bedrooms: 1,
            schedule: AllowanceSchedule {
                name: "Utility Allowance Schedule, City of Chicago".into(),
                pha: "Chicago Housing Authority".into(),
                unit_type: "Apartment (low rise)".into(),
                effective_from: date(2026, 1, 1),
            },
            lines: vec![
                AllowanceLine { utility: Utility::Cooking, fuel: Fuel::NaturalGas, monthly: money("4") },
                AllowanceLine { utility: Utility::OtherElectric, fuel: Fuel::None, monthly: money("43") },
            ],
            ttp: money("277"),
            contract_rent: money("1195"),
            option: LeasingOption::RentalAssistance,
        }
    }

    #[test]
    fn the_allowance_is_the_sum_of_the_rows_and_comes_out_of_the_ttp_first() {
        let text = pdf_text(&render(&example()).unwrap(), "housing-desk-utility-worksheet.pdf");
        let flat = flat(&text);
        for want in [
            "Utility Allowance Worksheet",
            "Nguyễn Thị Ánh",
            "Bedroom size used 1 bedroom",
            "Utility Allowance Schedule, City of Chicago, Chicago Housing Authority (form HUD-52667)",
            "01/01/2026",
            "Cooking Natural gas $4.00",
            "Other electric (lights and appliances) $43.00",
            "Total utility allowance, 1 bedroom $47.00",
            "Total Tenant Payment (TTP) $277.00",
            "Tenant rent (not below $0.00) $230.00",
            "Utility reimbursement to the participant (allowance above TTP) $0.00",
            "Rent and utilities (contract rent plus the allowance) $1,242.00",
            "(contract rent less tenant rent) $965.00",
            "No utility reimbursement is due",
            "Prepared by: Maria Okafor",
            "UA-000019 · Page 1 of 1",
        ] {
            assert!(flat.contains(want), "the worksheet shows {want:?}:\n{text}");
        }
    }

    #[test]
    fn an_allowance_above_the_ttp_is_reimbursed() {
        let mut w = example();
        w.ttp = money("25");
        w.option = LeasingOption::MasterLease;
        let f = figures(&w);
        assert_eq!((f.tenant_rent, f.utility_reimbursement), (Money::ZERO, money("22")), "$47 allowance, $25 TTP");
        assert_eq!(f.grantee_payment, money("1195"), "under a master lease the grantee pays the full rent");
        let text = flat(&pdf_text(&render(&w).unwrap(), "housing-desk-utility-reimbursement.pdf"));
        assert!(text.contains("a utility reimbursement of $22.00 a month"), "{text}");
        w.lines.push(AllowanceLine { utility: Utility::Cooking, fuel: Fuel::Electric, monthly: money("7") });
        let err = render(&w).unwrap_err().to_string();
        assert!(err.contains("Cooking is listed twice"), "{err}");
    }
}
