//! The signed income calculation summary (Guide: Rent and Utility Payment
//! Standards, Income Eligibility: "Calculation summaries must also include
//! signatures by both the grantee and program participant to certify that
//! the calculation is inclusive of all applicable sources of income or that
//! the program participant has no income from any applicable sources at the
//! time of calculation").

use super::disclosure_notice::Part2Notice;
use super::layout::{Column, Document, Row, SignatureLine};
use super::DocumentError;
use crate::income_calc::{IncomeForm, SavedCalculation, Verification};
use crate::office::Office;
use crate::participants::Participant;
use crate::rules::income::{Frequency, IncomeSource, Member};
use crate::rules::Money;
use crate::signatures::Signer;
use crate::validation::{parse_date, Choice};

/// Everything the summary shows.
pub struct IncomeSummary<'a> {
    pub office: &'a Office,
    pub participant: &'a Participant,
    pub calculation: &'a SavedCalculation,
    /// The day the document is printed.
    pub printed_on: chrono::NaiveDate,
    /// Signatures drawn on screen, if any; blank lines for the others.
    pub signatures: &'a [crate::signatures::Signature],
}

/// The certification sentence: all sources of income, or none.
pub fn certification(has_income: bool) -> &'static str {
    if has_income {
        "We certify that this calculation includes all sources of income of the program participant that apply at the time of the calculation, and that the information above is true and complete."
    } else {
        "We certify that the program participant has no income from any applicable source at the time of the calculation, and that the information above is true and complete."
    }
}

/// The document's short identifier, printed on every page.
pub fn identifier(c: &SavedCalculation) -> String {
    format!("IC-{:06}", c.id)
}

/// Lays the summary out and answers the PDF's bytes; `notice`, when given,
/// is the last block, after the signatures (see `disclosure`).
pub fn render(s: &IncomeSummary<'_>, notice: Option<&Part2Notice>) -> Result<Vec<u8>, DocumentError> {
    let (header, footer) = running_header(s);
    let mut doc = Document::new("Income Calculation Summary", &header, &footer)?;
    write(&mut doc, s)?;
    if let Some(n) = notice {
        super::disclosure_notice::append(&mut doc, n);
    }
    Ok(doc.finish())
}

/// Lays the summary into `doc`, from a fresh page, with its own header,
/// footer and bookmark.
pub fn write(doc: &mut Document, s: &IncomeSummary<'_>) -> Result<(), DocumentError> {
    let c = s.calculation;
    let out = &c.result.output;
    let p = &s.participant.details;
    let (header, footer) = running_header(s);
    doc.fresh_page();
    doc.set_running_header(&header, &footer);
    doc.bookmark("Income calculation summary");
    doc.title("Income Calculation Summary");
    doc.facts(&[
        ("Participant", p.legal_name.clone()),
        ("Date of birth", format!("{} (age {} on the date of the calculation)", us(p.birth_date), out.age_years)),
        ("Calculation", format!("{}, as of {}", c.kind.label(), us(c.as_of))),
        ("Prepared by", format!("{}, {}", c.staff_name.clone().unwrap_or_default(), s.office.grantee_name)),
        ("Household", household(c, out.elderly_or_disabled_family)),
    ]);

    if !c.applies {
        doc.strong(&format!(
            "This interim calculation records an increase in income. It does not change the rent until the \
             recertification due {} (Guide: Total Tenant Payment).",
            us(c.applies_from)
        ));
    }

    doc.heading("Income (24 CFR 5.609)");
    if c.form.income.is_empty() {
        doc.paragraph("No income was reported or found from any source.");
    } else {
        let columns = [
            Column::left("Source", 0.19),
            Column::left("Whose", 0.12),
            Column::right("Amount", 0.11),
            Column::left("How often", 0.16),
            Column::right("A year", 0.14),
            Column::left("Verified by", 0.28),
        ];
        let mut rows: Vec<Row> = c
            .form
            .income
            .iter()
            .zip(&out.income_lines)
            .map(|(f, line)| {
                Row::new(vec![
                    label::<IncomeSource>(&f.source),
                    if line.member == Member::LiveInAide { "Live-in aide".into() } else { "Participant".into() },
                    amount(&f.amount),
                    frequency(f),
                    if line.counted { dollars(line.annual) } else { format!("{} (not counted)", dollars(line.annual)) },
                    verified(f),
                ])
            })
            .collect();
        rows.push(Row::total(vec![
            "Annual income".into(),
            String::new(),
            String::new(),
            String::new(),
            dollars(out.annual_income),
            String::new(),
        ]));
        doc.table(&columns, &rows);
    }

    doc.heading("Adjusted income (24 CFR 5.611)");
    let figures = [Column::left("", 0.75), Column::right("", 0.25)];
    let mut rows = vec![Row::new(vec!["Annual income".into(), dollars(out.annual_income)])];
    rows.push(Row::new(vec!["Less dependent deduction".into(), dollars(out.dependent_deduction)]));
    rows.push(Row::new(vec![
        "Less elderly or disabled family deduction".into(),
        dollars(out.elderly_disabled_deduction),
    ]));
    if out.medical_expenses != Money::ZERO {
        rows.push(Row::new(vec![
            format!(
                "Less medical and disability-assistance expenses of {} above {} (the threshold percent of annual income)",
                dollars(out.medical_expenses),
                dollars(out.medical_threshold)
            ),
            dollars(out.medical_deduction),
        ]));
    }
    rows.push(Row::total(vec!["Adjusted income".into(), dollars(out.adjusted_income)]));
    doc.table(&figures, &rows);

    doc.heading("Rent (Guide: Total Tenant Payment)");
    let mut rows = vec![
        Row::new(vec!["30% of monthly adjusted income".into(), dollars(out.ttp_from_adjusted_income)]),
        Row::new(vec!["10% of monthly annual income".into(), dollars(out.ttp_from_annual_income)]),
        Row::total(vec!["Total Tenant Payment (the higher, rounded to the nearest dollar)".into(), whole(out.ttp.0)]),
        Row::new(vec!["Utility allowance (applied first)".into(), dollars(out.utility_allowance)]),
        Row::total(vec!["Tenant rent payment".into(), dollars(out.tenant_rent)]),
    ];
    if out.utility_reimbursement != Money::ZERO {
        rows.push(Row::new(vec![
            "Utility reimbursement to the participant".into(),
            dollars(out.utility_reimbursement),
        ]));
    }
    rows.push(Row::new(vec!["Rent and utilities (contract rent plus allowance)".into(), dollars(out.gross_rent)]));
    rows.push(Row::new(vec![
        format!(
            "Payment standard for {} bedroom(s){} ({} unit): {}",
            c.result.allowed_bedrooms,
            if c.result.payment_standard == c.result.fair_market_rent {
                ", the FMR"
            } else {
                ", with DMH's written exception"
            },
            match c.result.unit_bedrooms {
                0 => "an efficiency".to_string(),
                n => format!("a {n}-bedroom"),
            },
            if out.within_payment_standard {
                "the rent and utilities fit it"
            } else {
                "the rent and utilities are OVER it"
            }
        ),
        dollars(c.result.payment_standard),
    ]));
    rows.push(Row::total(vec!["Grantee's monthly payment to the owner".into(), dollars(out.grantee_payment_to_owner)]));
    doc.table(&figures, &rows);
    doc.paragraph(&format!(
        "Income eligibility: annual income of {} is {} the limit of {} (30% of the area median income).",
        dollars(out.annual_income),
        if out.income_eligible { "at or below" } else { "ABOVE" },
        dollars(c.result.income_limit)
    ));

    doc.heading("Figures used");
    let columns = [
        Column::left("Figure", 0.42),
        Column::right("Value", 0.12),
        Column::left("In force from", 0.14),
        Column::left("Source", 0.32),
    ];
    let rows: Vec<Row> = c
        .result
        .parameters
        .iter()
        .map(|p| {
            Row::new(vec![
                p.name.clone(),
                p.value.clone(),
                parse_date(&p.effective_from).map_or(p.effective_from.clone(), us),
                p.source.clone(),
            ])
        })
        .collect();
    doc.table(&columns, &rows);

    doc.heading("Certification");
    doc.paragraph(certification(out.annual_income != Money::ZERO || !c.form.income.is_empty()));
    let drawn = |signer| {
        s.signatures.iter().find(|sig| sig.signer == signer).map(|sig| {
            let date = chrono::DateTime::parse_from_rfc3339(&sig.signed_at)
                .map(|d| us(d.with_timezone(&chrono::Local).date_naive()))
                .unwrap_or_default();
            (sig.strokes.clone(), date)
        })
    };
    let staff_name = s
        .signatures
        .iter()
        .find(|sig| sig.signer == Signer::Staff)
        .map_or_else(|| c.staff_name.clone().unwrap_or_default(), |sig| sig.signer_name.clone());
    doc.signatures(&[
        SignatureLine { label: format!("Program participant: {}", p.legal_name), drawn: drawn(Signer::Participant) },
        SignatureLine { label: format!("For the grantee: {staff_name}"), drawn: drawn(Signer::Staff) },
    ]);
    Ok(())
}

fn running_header(s: &IncomeSummary<'_>) -> (String, String) {
    (
        format!("{}  ·  {}", s.office.grantee_name, s.office.program.label()),
        format!("Income calculation summary  ·  printed {}  ·  {}", us(s.printed_on), identifier(s.calculation)),
    )
}

fn household(c: &SavedCalculation, elderly_or_disabled: bool) -> String {
    let mut parts = vec!["Single-person household".to_string()];
    if c.form.live_in_aide {
        parts.push("with a medically necessary live-in aide (whose income is not counted)".into());
    }
    if c.form.disabled {
        parts.push("the participant is a person with disabilities".into());
    }
    if elderly_or_disabled {
        parts.push("an elderly or disabled family".into());
    }
    let dependents = c.form.dependents.trim();
    if !dependents.is_empty() && dependents != "0" {
        parts.push(format!("{dependents} dependent(s)"));
    }
    parts.join("; ")
}

fn label<T: Choice>(code: &str) -> String {
    T::from_code(code).map_or_else(|| code.to_string(), |c| c.label().to_string())
}

fn frequency(f: &IncomeForm) -> String {
    let how = label::<Frequency>(&f.frequency);
    if f.frequency == "hourly" {
        format!("{how}, {} hours a week", f.hours_per_week.trim())
    } else {
        how
    }
}

fn verified(f: &IncomeForm) -> String {
    let how = label::<Verification>(&f.verification);
    match parse_date(&f.document_date) {
        Some(d) => format!("{how}, dated {}", us(d)),
        None => how,
    }
}

fn amount(typed: &str) -> String {
    crate::rules::money::parse_typed(typed).map_or_else(|| typed.to_string(), |d| dollars(Money(d)))
}

/// `$11,604.00`.
pub fn dollars(m: Money) -> String {
    group(&m.to_string())
}

fn whole(m: Money) -> String {
    group(&format!("{:.0}", m.to_dollars().0))
}

fn group(text: &str) -> String {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |d| ("-", d));
    let (whole, cents) = digits.split_once('.').map_or((digits, None), |(w, c)| (w, Some(c)));
    let mut out = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match cents {
        Some(c) => format!("{sign}${out}.{c}"),
        None => format!("{sign}${out}"),
    }
}

fn us(d: chrono::NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn dollars_are_grouped() {
        let m = |s: &str| Money(rust_decimal::Decimal::from_str(s).unwrap());
        assert_eq!(dollars(m("11604")), "$11,604.00");
        assert_eq!(dollars(m("0")), "$0.00");
        assert_eq!(dollars(m("1234567.5")), "$1,234,567.50");
        assert_eq!(whole(m("276.5")), "$277");
    }
}
