//! The quarterly reports' one-page summary (Guide: Data Reporting: the
//! Periodic Performance Report Template by Program (PRTP) and Periodic
//! Performance Report (PPR), and the Periodic Financial Report (PFR), due
//! "no later than 30 days after the end of each quarter"): the performance
//! figures by the triple aim of the Guide's Purpose, engagement by month,
//! exits, and spending by eligible-cost category against the budget, which a
//! supervisor signs and sends with the workbooks.

use crate::validation::Choice;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::layout::{Column, Document, Row, SignatureLine, Weight};
use super::DocumentError;
use crate::reports::quarterly::{Aim, EngagementMonth, MeasureKind, QuarterlyFigures};
use crate::rules::{month_words, us_date, Money};

/// What the summary shows, and who made it.
pub struct QuarterlySummary<'a> {
    /// The grantee's name, at the head of every page.
    pub office_name: String,
    /// E.g. "Housing is Recovery".
    pub program: String,
    pub prepared_by: String,
    pub prepared_on: NaiveDate,
    pub figures: &'a QuarterlyFigures,
}

/// The sentence the supervisor signs.
pub const CERTIFICATION: &str = "I certify these figures are drawn from the agency's records.";

/// Lays the summary out and answers the PDF's bytes: one Letter page in the
/// usual case. When the full form runs over a page, the compact one is used
/// instead: the office, program, fiscal year and who prepared it move to the
/// running header and footer, and engagement by month into one paragraph;
/// a long list of spending lines still runs on to a second page.
pub fn render(s: &QuarterlySummary<'_>) -> Result<Vec<u8>, DocumentError> {
    let doc = lay_out(s, false)?;
    let doc = if doc.page_number() > 1 { lay_out(s, true)? } else { doc };
    Ok(doc.finish())
}

fn lay_out(s: &QuarterlySummary<'_>, compact: bool) -> Result<Document, DocumentError> {
    let f = s.figures;
    let quarter = format!("{}, {}–{}", fiscal_quarter(f), us_date(f.first), us_date(f.last));
    let year = format!("State fiscal year {}", f.fiscal_year);
    let prepared = format!("prepared by {} on {}", s.prepared_by, us_date(s.prepared_on));
    let footer = format!("Quarterly report summary  ·  {quarter}");
    let (header, footer) = if compact {
        (format!("{}  ·  {}  ·  {year}", s.office_name, s.program), format!("{footer}  ·  {prepared}"))
    } else {
        (format!("{}  ·  Quarterly report summary, {}", s.office_name, f.period), footer)
    };
    let mut doc = Document::new(&format!("Quarterly report summary, {}", f.period), &header, &footer)?;
    doc.bookmark("Quarterly report summary");
    doc.title(&format!("Quarterly report summary — {}", f.period));
    if !compact {
        doc.paragraph(&format!("{}  ·  {}  ·  {year}\n{quarter}  ·  {prepared}", s.office_name, s.program));
    }

    // Whether the last thing laid out was a paragraph, which an aim's
    // heading then stands a little apart from.
    let mut after_text = false;
    for aim in aims(f) {
        let measures: Vec<Cell> = f
            .measures
            .iter()
            .filter(|m| m.aim == aim)
            .map(|m| (m.label.clone(), measure_value(m.kind, m.value)))
            .collect();
        // Engagement by month beside the aim's figures, a line for each month.
        let months: Vec<Cell> = f.engagement.iter().map(engagement).collect();
        let rows = if aim == Aim::HealthAndRecovery && !compact && !months.is_empty() {
            side_by_side(&measures, &months)
        } else {
            pairs(&measures)
        };
        let columns = measure_columns(&doc, &rows);
        if after_text {
            doc.space(SUBHEADING_SPACE);
        }
        doc.keep_together(SUBHEADING_HEIGHT + doc.table_height(&columns, &rows[..1]));
        doc.strong(aim.label());
        doc.table(&columns, &rows);
        after_text = false;
        if aim == Aim::Reach && !f.exits_by_destination.is_empty() {
            let exits: Vec<String> = f
                .exits_by_destination
                .iter()
                .map(|(place, n)| format!("{place} ({})", grouped(Decimal::from(*n), 0)))
                .collect();
            doc.paragraph(&format!("Exits by destination: {}.", exits.join("  ·  ")));
            after_text = true;
        }
        if aim == Aim::HealthAndRecovery && compact && !months.is_empty() {
            let months: Vec<String> =
                months.iter().map(|(l, v)| if v == NONE { l.clone() } else { format!("{l} ({v})") }).collect();
            doc.paragraph(&format!("Engagement by month: {}.", months.join("  ·  ")));
            after_text = true;
        }
    }

    spending_table(&mut doc, f);

    let certification = doc.paragraph_height(CERTIFICATION);
    doc.keep_together(certification + SIGNATURE_HEIGHT);
    doc.paragraph(CERTIFICATION);
    doc.signatures(&[SignatureLine { label: "Supervisor: signature and printed name".into(), drawn: None }]);
    Ok(doc)
}

/// A figure's label and its value as printed.
type Cell = (String, String);

/// What a bold line, a signature line with its label, take on the page.
const SUBHEADING_HEIGHT: f32 = 9.5 * 1.3 + 5.0;
const SIGNATURE_HEIGHT: f32 = 66.0;
/// Above an aim that follows a paragraph, so that it stands apart from it.
const SUBHEADING_SPACE: f32 = 3.0;
/// The layout's width for tables, its text size and cell padding, and the
/// gap between the two halves of a table of figures.
const TABLE_WIDTH: f32 = 504.0;
const TEXT: f32 = 9.5;
const CELL_PAD: f32 = 3.0;
const GAP: f32 = 14.0;

/// The aims in the order their measures come.
fn aims(f: &QuarterlyFigures) -> Vec<Aim> {
    let mut aims: Vec<Aim> = Vec::new();
    for m in &f.measures {
        if !aims.contains(&m.aim) {
            aims.push(m.aim);
        }
    }
    aims
}

/// "FY2027 Q1": the quarter of the State fiscal year (July–June).
fn fiscal_quarter(f: &QuarterlyFigures) -> String {
    format!("FY{} Q{}", f.fiscal_year, (f.first.month() + 5) % 12 / 3 + 1)
}

/// The figures down the left half, then down the right.
fn pairs(cells: &[Cell]) -> Vec<Row> {
    let (left, right) = cells.split_at(cells.len().div_ceil(2));
    side_by_side(left, right)
}

/// `left` down the left half, `right` down the right, a gap between.
fn side_by_side(left: &[Cell], right: &[Cell]) -> Vec<Row> {
    let n = left.len().max(right.len()).max(1);
    (0..n)
        .map(|i| {
            let (l1, v1) = left.get(i).cloned().unwrap_or_default();
            let (l2, v2) = right.get(i).cloned().unwrap_or_default();
            Row::new(vec![l1, v1, String::new(), l2, v2])
        })
        .collect()
}

/// Each half's values as wide as its widest, the labels sharing what is
/// left. The halves meet in the middle, so that the tables of the page line
/// up, unless a label would then wrap where moving the middle keeps it whole.
fn measure_columns(doc: &Document, rows: &[Row]) -> Vec<Column> {
    let widest = |i: usize| {
        let width = |r: &Row| r.cells.get(i).map_or(0.0, |t| doc.width(t, TEXT, Weight::Regular));
        rows.iter().map(|r| width(r) + 2.0 * CELL_PAD + 1.0).fold(0.0, f32::max)
    };
    let (left_label, left_value, right_label, right_value) = (widest(0), widest(1), widest(3), widest(4));
    let half = (TABLE_WIDTH - GAP) / 2.0;
    let (least, most) = (left_label + left_value, TABLE_WIDTH - GAP - right_label - right_value);
    let left = if least <= most { half.clamp(least, most) } else { half };
    vec![
        Column::left("", left - left_value),
        Column::right("", left_value),
        Column::left("", GAP),
        Column::left("", TABLE_WIDTH - GAP - left - right_value),
        Column::right("", right_value),
    ]
}

/// The spending lines by eligible-cost category and their total, with the
/// budget and what remains of it when one was entered; a sentence says so
/// when none was, rather than leaving the columns blank.
fn spending_table(doc: &mut Document, f: &QuarterlyFigures) {
    let budgeted = f.budget_total.is_some();
    let remaining_total = f.budget_total.map(|b| b - f.year_to_date_total);
    let cells = |label: &str, budget: Option<Money>, quarter: Money, year: Money, remaining: Option<Money>| {
        let mut cells = vec![label.to_string()];
        if budgeted {
            cells.push(budget.map_or_else(|| "Not entered".into(), Money::dollars));
        }
        cells.extend([quarter.dollars(), year.dollars()]);
        if budgeted {
            cells.push(remaining.map_or_else(|| NONE.into(), Money::dollars));
        }
        cells
    };
    let mut rows: Vec<Row> = f
        .spending
        .iter()
        .map(|l| Row::new(cells(&l.label, l.budget, l.quarter, l.year_to_date, l.remaining)))
        .collect();
    rows.push(Row::total(cells("Total", f.budget_total, f.quarter_total, f.year_to_date_total, remaining_total)));
    let titles: &[&str] = if budgeted {
        &["Budget", "This quarter", "Year to date", "Remaining"]
    } else {
        &["This quarter", "Year to date"]
    };
    // The amounts as wide as the widest, in bold as the total prints.
    let amount = rows
        .iter()
        .flat_map(|r| r.cells.iter().skip(1).map(String::as_str))
        .chain(titles.iter().copied())
        .map(|t| doc.width(t, TEXT, Weight::Bold) + 2.0 * CELL_PAD + 1.0)
        .fold(60.0, f32::max);
    let mut columns = vec![Column::left("Spending by category (PFR)", TABLE_WIDTH - amount * titles.len() as f32)];
    columns.extend(titles.iter().map(|t| Column::right(t, amount)));
    doc.keep_together(doc.table_height(&columns, &rows[..rows.len().min(3)]));
    doc.table(&columns, &rows);
    if !budgeted {
        doc.paragraph(&format!(
            "No budget entered for FY{}: enter the grant budget in Housing Desk to show what remains of it.",
            f.fiscal_year
        ));
    }
}

/// A month's engagement: "October 2026: 41 of 47 met" and "87.2%".
fn engagement(e: &EngagementMonth) -> Cell {
    let month = month_words(e.month);
    if e.required == 0 {
        return (format!("{month}: no one due"), NONE.into());
    }
    let share = Decimal::from(e.met) * Decimal::ONE_HUNDRED / Decimal::from(e.required);
    let (met, of) = (grouped(e.met.into(), 0), grouped(e.required.into(), 0));
    (format!("{month}: {met} of {of} met"), format!("{}%", grouped(share, 1)))
}

/// What a figure that could not be measured shows.
const NONE: &str = "—";

/// A measure as it reads: `1,234`, `41.5`, `87.2%`, `$1,234.56`, or "—".
fn measure_value(kind: MeasureKind, value: Option<Decimal>) -> String {
    let Some(v) = value else { return NONE.into() };
    match kind {
        MeasureKind::Count => grouped(v, 0),
        MeasureKind::Days | MeasureKind::Hours => grouped(v, 1),
        MeasureKind::Percent => format!("{}%", grouped(v, 1)),
        MeasureKind::Money => Money(v).dollars(),
    }
}

/// `v` rounded (halves away from zero) to `places`, thousands grouped.
fn grouped(v: Decimal, places: u32) -> String {
    let v = v.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", places as usize, v.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::from(if v.is_sign_negative() && !v.is_zero() { "-" } else { "" });
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::hap_contract::tests::{flat, pdf_text};
    use crate::reports::quarterly::{Measure, SpendingLine};
    use crate::rules::eligible_costs::CostCategory;
    use crate::rules::testing::{d, m};

    /// Aim|label|kind|value ("" for none), in the order the reports module gives them.
    const MEASURES: &str = "\
        R|Participants served|C|64\nR|Referred|C|23\nR|Screened|C|19\nR|Found eligible|C|16\nR|Enrolled|C|14\n\
        R|Housed|C|0\nR|Housed at the quarter's end|C|52\nR|Average days from referral to housing|D|\n\
        R|Median days from referral to housing|D|\nR|Exited|C|5\nR|Exited to permanent housing|C|3\n\
        R|Housing stability|P|94.6\n\
        1|Institutional stays begun|C|7\n1|Participants with an institutional stay|C|6\n\
        1|Returns to homelessness|C|1\n1|Deaths|C|1\n\
        2|Engagement standard met|P|88.96\n2|Linked to treatment or recovery support|C|41\n2|Employed|C|9\n\
        2|Vocational hours|D|1236.5\n\
        3|Spent in the quarter|M|187654.32\n3|Spent per person housed at the quarter's end|M|3608.737";

    fn measure(f: &[&str]) -> Measure {
        let aims = [Aim::Reach, Aim::PreventInstitutionalization, Aim::HealthAndRecovery, Aim::StateCosts];
        let kinds = [MeasureKind::Count, MeasureKind::Days, MeasureKind::Percent, MeasureKind::Money];
        let (aim, kind) = (aims["R123".find(f[0]).unwrap()], kinds["CDPM".find(f[2]).unwrap()]);
        Measure { aim, label: f[1].into(), kind, value: (!f[3].is_empty()).then(|| m(f[3]).0), note: String::new() }
    }

    fn line(category: CostCategory, budget: Option<&str>, quarter: &str) -> SpendingLine {
        let budget = budget.map(m);
        SpendingLine {
            category,
            label: category.label().into(),
            budget,
            quarter: m(quarter),
            year_to_date: m(quarter),
            remaining: budget.map(|b| b - m(quarter)),
        }
    }

    fn example() -> QuarterlyFigures {
        let engagement = [("2026-07-01", 47, 41), ("2026-08-01", 49, 44), ("2026-09-01", 52, 47)]
            .map(|(month, required, met)| EngagementMonth { month: d(month), label: String::new(), required, met });
        let spending = vec![
            line(CostCategory::SecurityDeposit, Some("36000"), "8950.00"),
            line(CostCategory::TransitionAssistance, Some("45000"), "14870.82"),
            line(CostCategory::RentalAssistancePayment, Some("480000"), "96412.50"),
            line(CostCategory::MasterLeaseRent, Some("240000"), "51300.00"),
            line(CostCategory::UtilityAllowanceReimbursement, None, "1245.00"),
            line(CostCategory::EngagementAndSupportServices, None, "14876.00"),
        ];
        QuarterlyFigures {
            first: d("2026-07-01"),
            last: d("2026-09-30"),
            period: "July–September 2026".into(),
            fiscal_year: 2027,
            fiscal_year_start: d("2026-07-01"),
            housed_at_end: 52,
            measures: MEASURES.lines().map(|l| measure(&l.trim().split('|').collect::<Vec<_>>())).collect(),
            exits_by_destination: vec![
                ("Rental with an ongoing subsidy".into(), 2),
                ("Permanent supportive housing".into(), 1),
                ("Shelter or the street".into(), 1),
                ("Deceased".into(), 1),
            ],
            engagement: engagement.to_vec(),
            budget_total: Some(m("801000")),
            quarter_total: spending.iter().map(|l| l.quarter).sum(),
            year_to_date_total: spending.iter().map(|l| l.year_to_date).sum(),
            remaining_total: None,
            spending,
        }
    }

    fn summary(f: &QuarterlyFigures) -> QuarterlySummary<'_> {
        QuarterlySummary {
            office_name: "Thresholds Housing Services (Grantee)".into(),
            program: "Housing is Recovery".into(),
            prepared_by: "Maria Okafor".into(),
            prepared_on: d("2026-10-20"),
            figures: f,
        }
    }

    #[test]
    fn the_summary_shows_every_aim_and_the_spending_on_one_page() {
        let f = example();
        let text = pdf_text(&render(&summary(&f)).unwrap(), "housing-desk-quarterly-summary.pdf");
        let flat = flat(&text);
        // Spent: 8,950.00 + 14,870.82 + 96,412.50 + 51,300.00 + 1,245.00 + 14,876.00 = 187,654.32;
        // remaining: 801,000.00 - 187,654.32 = 613,345.68.
        for want in [
            "Thresholds Housing Services (Grantee) · Housing is Recovery · State fiscal year 2027",
            "Quarterly report summary — July–September 2026",
            Aim::Reach.label(),
            Aim::PreventInstitutionalization.label(),
            Aim::HealthAndRecovery.label(),
            Aim::StateCosts.label(),
            "Participants served 64",
            "Average days from referral to housing —",
            "Median days from referral to housing —",
            "Housing stability 94.6%",
            "Engagement standard met 89.0%",
            "Vocational hours 1,236.5",
            "Spent per person housed at the quarter's end $3,608.74",
            "Exits by destination: Rental with an ongoing subsidy (2) · Permanent supportive housing (1)",
            "Engagement by month: July 2026: 41 of 47 met (87.2%) · August 2026: 44 of 49 met (89.8%)",
            "September 2026: 47 of 52 met (90.4%).",
            "Rental assistance payment $480,000.00 $96,412.50 $96,412.50 $383,587.50",
            "Engagement and support services Not entered $14,876.00 $14,876.00 —",
            "Total $801,000.00 $187,654.32 $187,654.32 $613,345.68",
            CERTIFICATION,
            "Supervisor: signature and printed name Date",
            "FY2027 Q1, 07/01/2026–09/30/2026 · prepared by Maria Okafor on 10/20/2026 · Page 1 of 1",
        ] {
            assert!(flat.contains(want), "the summary shows {want:?}:\n{text}");
        }
        assert_eq!(text.matches('\u{c}').count(), 1, "the usual quarter fits one page:\n{text}");
        assert!(!flat.contains("No budget entered"), "a budget was entered, for most lines");
    }

    #[test]
    fn a_quiet_quarter_has_room_for_the_office_and_a_line_for_each_month() {
        let mut f = example();
        f.exits_by_destination.clear();
        f.spending.truncate(3);
        f.budget_total = Some(m("561000"));
        f.quarter_total = f.spending.iter().map(|l| l.quarter).sum();
        f.year_to_date_total = f.quarter_total;
        let text = pdf_text(&render(&summary(&f)).unwrap(), "housing-desk-quarterly-summary-quiet.pdf");
        let flat = flat(&text);
        for want in [
            "Thresholds Housing Services (Grantee) · Housing is Recovery · State fiscal year 2027",
            "FY2027 Q1, 07/01/2026–09/30/2026 · prepared by Maria Okafor on 10/20/2026",
            "Engagement standard met 89.0% July 2026: 41 of 47 met 87.2%",
            "Linked to treatment or recovery support 41 August 2026: 44 of 49 met 89.8%",
            "Employed 9 September 2026: 47 of 52 met 90.4%",
            "Total $561,000.00 $120,233.32 $120,233.32 $440,766.68",
        ] {
            assert!(flat.contains(want), "the roomier form shows {want:?}:\n{text}");
        }
        assert!(!flat.contains("Exits by destination"), "no exits, no line for them:\n{text}");
        assert_eq!(text.matches('\u{c}').count(), 1, "{text}");
    }

    #[test]
    fn without_a_budget_the_summary_says_so_instead_of_leaving_blanks() {
        let mut f = example();
        for l in &mut f.spending {
            (l.budget, l.remaining) = (None, None);
        }
        f.budget_total = None;
        let text = pdf_text(&render(&summary(&f)).unwrap(), "housing-desk-quarterly-summary-no-budget.pdf");
        let flat = flat(&text);
        assert!(flat.contains("No budget entered for FY2027"), "the missing budget is named:\n{text}");
        assert!(flat.contains("Total $187,654.32 $187,654.32"), "the spending still adds up:\n{text}");
        assert!(!flat.contains("Remaining") && !flat.contains("Not entered"), "no empty budget columns:\n{text}");
        assert_eq!(text.matches('\u{c}').count(), 1, "{text}");
    }

    #[test]
    fn every_category_spent_runs_on_to_a_second_page_with_the_signature_kept_whole() {
        let mut f = example();
        f.spending = CostCategory::ALL.iter().map(|c| line(*c, Some("10000"), "1234.56")).collect();
        (f.budget_total, f.quarter_total, f.year_to_date_total) = (Some(m("160000")), m("19752.96"), m("19752.96"));
        let text = pdf_text(&render(&summary(&f)).unwrap(), "housing-desk-quarterly-summary-long.pdf");
        let pages: Vec<String> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(flat).collect();
        assert_eq!(pages.len(), 2, "sixteen categories run on to a second page, and no further:\n{text}");
        assert!(pages[1].contains("Spending by category (PFR) Budget This quarter"), "the header row repeats:\n{text}");
        assert!(
            pages[1].contains(CERTIFICATION) && pages[1].contains("Supervisor: signature and printed name"),
            "the sentence signed stays with its signature line:\n{text}"
        );
        assert!(pages[1].contains("Total $160,000.00 $19,752.96 $19,752.96 $140,247.04"), "{text}");
        assert_eq!(flat(&text).matches("Landlord incentive: damage repair").count(), 1, "no line is lost or doubled");
    }

    #[test]
    fn each_kind_of_figure_reads_as_people_write_it() {
        use MeasureKind::*;
        let cases = [
            (Count, Some("1234"), "1,234"),
            (Count, Some("7"), "7"),
            (Days, Some("38.45"), "38.5"),
            (Days, Some("1236"), "1,236.0"),
            (Percent, Some("87.25"), "87.3%"),
            (Percent, Some("100"), "100.0%"),
            (Money, Some("1234.5"), "$1,234.50"),
            (Money, Some("-12.5"), "-$12.50"),
            (Percent, None, "—"),
        ];
        for (kind, value, want) in cases {
            assert_eq!(measure_value(kind, value.map(|v| m(v).0)), want, "{kind:?} {value:?}");
        }
    }
}
