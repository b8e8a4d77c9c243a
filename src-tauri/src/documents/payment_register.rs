//! The monthly payment register: every payment of a month's payment run by
//! category, each with its subtotal, the grand total, the lines held back and
//! why, what each payee is paid for, and the supervisor's approval; and the
//! same lines as CSV for the finance office's accounting system.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::disclosure_notice::Part2Notice;
use super::layout::{Column, Document, Row, SignatureLine, Weight};
use super::DocumentError;
use crate::rules::{month_words, us_date, Money};

/// A month's payment run, as the supervisor approves it and the finance
/// office files it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRegister {
    /// The grantee's name, at the head of every page.
    pub office_name: String,
    /// E.g. "Housing is Recovery".
    pub program: String,
    /// The first day of the month paid for.
    pub month: NaiveDate,
    pub status: RegisterStatus,
    pub prepared_by: String,
    pub prepared_on: NaiveDate,
    /// In the footer of every page and on every CSV row, e.g. "PR-2026-11".
    pub identifier: String,
    /// In the payment run's order; the register groups them by category (in
    /// the order categories first appear here) and sorts them by payee.
    pub lines: Vec<RegisterLine>,
}

/// Where the payment run stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterStatus {
    /// Worked out, not yet approved: nothing on it may be paid.
    Preview,
    /// A supervisor approved it for payment; not yet posted to the ledger.
    Approved(Signoff),
    /// Posted to the ledger, after its approval (which a posted run keeps,
    /// so its register still names who approved it).
    Posted { approved: Signoff, posted: Signoff },
}

/// Who did something to the run in Housing Desk, and on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signoff {
    pub by: String,
    pub on: NaiveDate,
}

/// One payment of the run, or one held back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    /// E.g. "Rental assistance", "Master lease rent", "Utility reimbursement",
    /// "Subsistence allowance".
    pub category: String,
    /// Who is paid: the owner, the participant, the utility company.
    pub payee: String,
    /// Empty when no participant lives in the unit (a master-leased unit
    /// awaiting its first participant).
    pub participant: String,
    pub unit: String,
    /// The days paid for, e.g. "Nov 1–30, 2026".
    pub period: String,
    /// Days covered of the days in the month, when prorated.
    pub days: Option<(u32, u32)>,
    pub amount: Money,
    /// The check or transfer number.
    pub reference: Option<String>,
    /// Why the line is prorated or held, in plain words; a held line needs one.
    pub note: Option<String>,
    /// Not paid this month: shown with its reason, never in a total.
    pub held: bool,
}

impl RegisterStatus {
    /// The status in a word, as people see it.
    pub fn label(&self) -> &'static str {
        match self {
            RegisterStatus::Preview => "Preview",
            RegisterStatus::Approved(_) => "Approved",
            RegisterStatus::Posted { .. } => "Posted",
        }
    }

    /// Who approved the run for payment, once someone has.
    pub fn approval(&self) -> Option<&Signoff> {
        match self {
            RegisterStatus::Preview => None,
            RegisterStatus::Approved(a) | RegisterStatus::Posted { approved: a, .. } => Some(a),
        }
    }

    /// Who posted the run to the ledger, once someone has.
    pub fn posting(&self) -> Option<&Signoff> {
        match self {
            RegisterStatus::Posted { posted, .. } => Some(posted),
            _ => None,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            RegisterStatus::Preview => "preview",
            RegisterStatus::Approved(_) => "approved",
            RegisterStatus::Posted { .. } => "posted",
        }
    }
}

/// Lays the register out and answers the PDF's bytes; refuses a register
/// that cannot be true (see [`check`]). `notice`, when given, is the last
/// block, after the approval signatures (see `disclosure`).
pub fn render(r: &PaymentRegister, notice: Option<&Part2Notice>) -> Result<Vec<u8>, DocumentError> {
    check(r)?;
    let month = month_words(r.month);
    let paid: Vec<&RegisterLine> = r.lines.iter().filter(|l| !l.held).collect();
    let held: Vec<&RegisterLine> = r.lines.iter().filter(|l| l.held).collect();
    let total: Money = paid.iter().map(|l| l.amount).sum();
    let held_total: Money = held.iter().map(|l| l.amount).sum();
    let groups = by_category(&r.lines);
    let payees = by_payee(&paid);

    let preview = r.status == RegisterStatus::Preview;
    let header = format!(
        "{}  ·  Payment register, {month}{}",
        r.office_name,
        if preview { "  ·  PREVIEW, NOT APPROVED" } else { "" }
    );
    let footer = format!("Payment register  ·  {month}  ·  {}", r.identifier);
    let mut doc = Document::new(&format!("Payment Register, {month}"), &header, &footer)?;
    doc.bookmark("Summary");
    doc.title(&format!("Payment Register: {month}"));
    let held_words = if held.is_empty() {
        String::new()
    } else {
        format!("; {} held ({}), not included", count(held.len(), "line", "lines"), held_total.dollars())
    };
    doc.facts(&[
        ("Office", r.office_name.clone()),
        ("Program", r.program.clone()),
        ("Month", month.clone()),
        ("Status", status_words(&r.status)),
        ("Prepared", format!("by {} on {}", r.prepared_by, us_date(r.prepared_on))),
        ("Register", r.identifier.clone()),
        (
            "Payments",
            format!(
                "{} to {}: {}{held_words}",
                count(paid.len(), "payment", "payments"),
                count(payees.len(), "payee", "payees"),
                total.dollars()
            ),
        ),
    ]);
    if preview {
        doc.callout(
            "PREVIEW: this payment run has not been approved. Nothing on this register may be paid until a \
             supervisor approves it.",
        );
    }

    // The summary, with the same grand total as the end of the lines.
    doc.heading("Summary by category");
    let mut summary: Vec<Row> = groups
        .iter()
        .filter(|(_, lines)| lines.iter().any(|l| !l.held))
        .map(|(category, lines)| {
            let paid: Vec<_> = lines.iter().filter(|l| !l.held).collect();
            let sum: Money = paid.iter().map(|l| l.amount).sum();
            Row::new(vec![category.to_string(), group_digits(paid.len()), sum.dollars()])
        })
        .collect();
    summary.push(Row::total(vec!["Total to be paid".into(), group_digits(paid.len()), total.dollars()]));
    doc.table(
        &[Column::left("Category", 0.6), Column::right("Payments", 0.18), Column::right("Amount", 0.22)],
        &summary,
    );
    if !held.is_empty() {
        doc.paragraph(&format!(
            "Not in the total: {} held, {}, listed with the reasons under \"Held: not paid this month\".",
            count(held.len(), "line", "lines"),
            held_total.dollars()
        ));
    }

    // The lines, category by category, in columns every category shares.
    let widths = Widths::new(&doc, r, total);
    for (category, lines) in &groups {
        let paid: Vec<&RegisterLine> = lines.iter().copied().filter(|l| !l.held).collect();
        if paid.is_empty() {
            continue;
        }
        let mut rows: Vec<Row> = paid.iter().map(|l| line_row(l)).collect();
        let sum: Money = paid.iter().map(|l| l.amount).sum();
        rows.push(widths.total_row("Subtotal", category, paid.len(), sum));
        section(&mut doc, category, None, &widths.line_columns(category), &rows);
    }
    // The grand total, in the same columns, with no header of its own.
    let untitled: Vec<Column> =
        widths.line_columns("").into_iter().map(|c| Column { title: String::new(), ..c }).collect();
    doc.table(&untitled, &[widths.total_row("Total to be paid", "All categories", paid.len(), total)]);

    if !held.is_empty() {
        held_section(&mut doc, &widths, &groups, held_total);
    }
    payee_section(&mut doc, &widths, &groups, &payees, total);
    approval_section(&mut doc, r, paid.len(), held.len(), total);
    if let Some(n) = notice {
        super::disclosure_notice::append(&mut doc, n);
    }
    Ok(doc.finish())
}

/// The lines held back, with their reasons and their own total.
fn held_section(doc: &mut Document, widths: &Widths, groups: &[(&str, Vec<&RegisterLine>)], held_total: Money) {
    // In the order of the categories, by payee, as the lines paid are.
    let mut rows: Vec<Row> = groups
        .iter()
        .flat_map(|(_, lines)| lines.iter().filter(|l| l.held))
        .map(|l| {
            Row::new(vec![
                l.category.clone(),
                l.payee.clone(),
                format!("{}\n{}", who_where(l), period(l)),
                l.note.clone().unwrap_or_default(),
                l.amount.dollars(),
            ])
        })
        .collect();
    let n = rows.len();
    rows.push(Row::total(vec![
        "Total held".into(),
        count(n, "line", "lines"),
        "Not paid this month".into(),
        String::new(),
        held_total.dollars(),
    ]));
    let category = fit(doc, groups.iter().flat_map(|(c, _)| c.split(' ')).chain(["Category"]), 60.0, 110.0);
    let rest = TABLE_WIDTH - widths.amount - category;
    let columns = [
        Column::left("Category", category),
        Column::left("Payee", rest * 0.22),
        Column::left("Participant, unit and period", rest * 0.4),
        Column::left("Why it is held", rest * 0.38),
        Column::right("Amount", widths.amount),
    ];
    let intro = "These lines are not paid this month and are in none of the totals above.";
    section(doc, "Held: not paid this month", Some(intro), &columns, &rows);
}

/// Each payee's total, and what it is for: what each check pays.
fn payee_section(
    doc: &mut Document,
    widths: &Widths,
    groups: &[(&str, Vec<&RegisterLine>)],
    payees: &[PayeeTotal<'_>],
    total: Money,
) {
    let mut rows: Vec<Row> = payees.iter().map(|p| p.row(groups)).collect();
    rows.push(Row::total(vec![
        "Total to be paid".into(),
        count(payees.len(), "payee", "payees"),
        String::new(),
        total.dollars(),
    ]));
    let rest = TABLE_WIDTH - widths.amount - widths.reference;
    let columns = [
        Column::left("Payee", rest * 0.3),
        Column::left("For", rest * 0.7),
        Column::left("Check no.", widths.reference),
        Column::right("Amount", widths.amount),
    ];
    let intro = "What each payee is paid this month, and for what.";
    section(doc, "Totals by payee", Some(intro), &columns, &rows);
}

/// The sentence the supervisor signs, what Housing Desk recorded, and the
/// lines for the supervisor and for whoever posts the run.
fn approval_section(doc: &mut Document, r: &PaymentRegister, paid: usize, held: usize, total: Money) {
    let month = month_words(r.month);
    let held_sentence = match held {
        0 => String::new(),
        n => format!(" The {} held are not approved for payment.", count(n, "line", "lines")),
    };
    let certification = format!(
        "I have reviewed the {} on this register for {month}, totalling {}, and approve them for payment from {} \
         funds.{held_sentence}",
        count(paid, "payment", "payments"),
        total.dollars(),
        r.program
    );
    let recorded = match (r.status.approval(), r.status.posting()) {
        (None, _) => None,
        (Some(a), None) => Some(format!("Recorded in Housing Desk: approved by {} on {}.", a.by, us_date(a.on))),
        (Some(a), Some(p)) => Some(format!(
            "Recorded in Housing Desk: approved by {} on {}; posted to the ledger by {} on {}.",
            a.by,
            us_date(a.on),
            p.by,
            us_date(p.on)
        )),
    };
    // Kept on one page: the heading, the sentence signed and both signatures.
    let lines = |text: &str| doc.wrap(text, TABLE_TEXT, Weight::Regular, TABLE_WIDTH).len() as f32;
    let text_lines = lines(&certification) + recorded.as_deref().map_or(0.0, lines);
    doc.keep_together(HEADING_HEIGHT + text_lines * TABLE_TEXT * 1.3 + 10.0 + 2.0 * SIGNATURE_HEIGHT);
    doc.heading("Approval");
    doc.bookmark("Approval");
    doc.paragraph(&certification);
    if let Some(recorded) = recorded {
        doc.paragraph(&recorded);
    }
    let approver = match r.status.approval() {
        Some(a) => format!("Approved for payment: {}, supervisor", a.by),
        None => "Approved for payment: supervisor".into(),
    };
    let poster = match r.status.posting() {
        Some(p) => format!("Posted to the ledger: {}", p.by),
        None => "Posted to the ledger by".into(),
    };
    doc.signatures(&[SignatureLine { label: approver, drawn: None }, SignatureLine { label: poster, drawn: None }]);
}

/// The register as CSV for the finance office's accounting system: a header
/// row, then one row per line in the register's order, held lines included
/// with `status` "held" (the others "pay"). Dates are ISO (`2026-11-01`),
/// amounts plain decimals with two places (`1234.50`), and the register's
/// own facts repeat on every row so each row stands alone. UTF-8 without a
/// byte-order mark; no total rows, which the accounting system adds itself.
pub fn csv(r: &PaymentRegister) -> Result<Vec<u8>, DocumentError> {
    check(r)?;
    let broke = |e: &dyn std::fmt::Display| {
        tracing::error!("payment register {}: CSV not written: {e}", r.identifier);
        DocumentError::Invalid("The payment register could not be turned into CSV; the details are in the log.".into())
    };
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for (i, l) in r.lines.iter().enumerate() {
        let approval = r.status.approval();
        let posting = r.status.posting();
        w.serialize(CsvLine {
            register: r.identifier.clone(),
            month: r.month,
            register_status: r.status.code().into(),
            prepared_by: r.prepared_by.clone(),
            prepared_on: r.prepared_on,
            approved_by: approval.map(|a| a.by.clone()).unwrap_or_default(),
            approved_on: approval.map(|a| a.on),
            posted_by: posting.map(|p| p.by.clone()).unwrap_or_default(),
            posted_on: posting.map(|p| p.on),
            line: i + 1,
            category: l.category.clone(),
            payee: l.payee.clone(),
            participant: l.participant.clone(),
            unit: l.unit.clone(),
            period: l.period.clone(),
            days_covered: l.days.map(|d| d.0),
            days_in_month: l.days.map(|d| d.1),
            amount: l.amount.to_cents(),
            reference: l.reference.clone().unwrap_or_default(),
            status: if l.held { "held" } else { "pay" }.into(),
            note: l.note.clone().unwrap_or_default(),
        })
        .map_err(|e| broke(&e))?;
    }
    w.into_inner().map_err(|e| broke(&e))
}

/// Refuses what would make a false register: a line with no payee, a held
/// line with no reason, days covered beyond the month, an amount with a
/// fraction of a cent (the lines would not add up to the printed total).
fn check(r: &PaymentRegister) -> Result<(), DocumentError> {
    for (i, l) in r.lines.iter().enumerate() {
        let which = || {
            let who = if l.participant.trim().is_empty() { &l.unit } else { &l.participant };
            format!("Line {} ({}, {who})", i + 1, l.category)
        };
        let problem = if l.payee.trim().is_empty() {
            Some("has no payee; say who is paid before printing the register".to_string())
        } else if l.held && l.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            Some("is held but gives no reason; say why it is held before printing the register".into())
        } else if let Some((covered, of)) = l.days.filter(|(c, n)| c > n || !(28..=31).contains(n)) {
            Some(format!("covers {covered} of {of} days, which no month has; correct the proration"))
        } else if l.amount.to_cents() != l.amount {
            Some(format!("is {}, a fraction of a cent; round it to the cent in the payment run", l.amount.0))
        } else {
            None
        };
        if let Some(p) = problem {
            return Err(DocumentError::Invalid(format!("{} {p}.", which())));
        }
    }
    Ok(())
}

/// The layout's width for tables (Letter less two 0.75-inch margins) and
/// its table text size and cell padding, to size columns by their contents.
const TABLE_WIDTH: f32 = 504.0;
const TABLE_TEXT: f32 = 9.5;
const CELL_PAD: f32 = 3.0;
/// About what a heading takes, with the space above and below it, and what
/// one signature line with its label takes.
const HEADING_HEIGHT: f32 = 26.0;
const SIGNATURE_HEIGHT: f32 = 58.0;

/// Widths, in points, shared by every table of lines so the columns line up
/// from one category to the next: the amounts as wide as the largest total.
struct Widths {
    period: f32,
    reference: f32,
    amount: f32,
}

impl Widths {
    fn new(doc: &Document, r: &PaymentRegister, total: Money) -> Self {
        let mut amounts: Vec<String> = r.lines.iter().map(|l| l.amount.dollars()).collect();
        amounts.push(total.dollars());
        amounts.push(r.lines.iter().filter(|l| l.held).map(|l| l.amount).sum::<Money>().dollars());
        let most = count(r.lines.iter().filter(|l| !l.held).count(), "payment", "payments");
        Widths {
            // The period column also shows how many payments a total adds up.
            period: fit(doc, r.lines.iter().map(|l| l.period.as_str()).chain(["Period", &most]), 60.0, 100.0),
            reference: fit(doc, r.lines.iter().filter_map(|l| l.reference.as_deref()).chain(["Check no."]), 40.0, 80.0),
            amount: fit(doc, amounts.iter().map(String::as_str).chain(["Amount"]), 50.0, 110.0),
        }
    }

    /// The columns of a category's lines; the payee's title names the
    /// category, so each page of a long table says what it lists.
    fn line_columns(&self, category: &str) -> Vec<Column> {
        let rest = TABLE_WIDTH - self.period - self.reference - self.amount;
        let payee = if category.is_empty() { "Payee".to_string() } else { format!("Payee ({category})") };
        vec![
            Column::left(&payee, rest * 0.42),
            Column::left("Participant and unit", rest * 0.58),
            Column::left("Period", self.period),
            Column::left("Check no.", self.reference),
            Column::right("Amount", self.amount),
        ]
    }

    /// A total: its label, what it adds up and how many payments, then its sum.
    fn total_row(&self, label: &str, of: &str, n: usize, sum: Money) -> Row {
        Row::total(vec![label.into(), of.into(), count(n, "payment", "payments"), String::new(), sum.dollars()])
    }
}

/// A heading, bookmarked, an optional sentence, and a table, kept on one
/// page when it fits on one, and otherwise with at least its first rows.
fn section(doc: &mut Document, title: &str, intro: Option<&str>, columns: &[Column], rows: &[Row]) {
    let intro_height = intro
        .map_or(0.0, |t| doc.wrap(t, TABLE_TEXT, Weight::Regular, TABLE_WIDTH).len() as f32 * TABLE_TEXT * 1.3 + 5.0);
    let above = HEADING_HEIGHT + intro_height;
    doc.keep_together(above + doc.table_height(columns, rows));
    doc.keep_together(above + doc.table_height(columns, &rows[..rows.len().min(3)]));
    doc.heading(title);
    doc.bookmark(title);
    if let Some(text) = intro {
        doc.paragraph(text);
    }
    doc.table(columns, rows);
}

/// The width a column needs to show the widest of `texts` in bold on one
/// line, within `min` and `max` points (beyond `max`, text wraps).
fn fit<'a>(doc: &Document, texts: impl IntoIterator<Item = &'a str>, min: f32, max: f32) -> f32 {
    let widest = texts
        .into_iter()
        .flat_map(|t| t.split('\n'))
        .map(|t| doc.width(t, TABLE_TEXT, Weight::Bold))
        .fold(0.0, f32::max);
    (widest + 2.0 * CELL_PAD + 2.0).clamp(min, max)
}

/// Lines by category, in the order categories first appear; within each,
/// sorted by payee, then participant and unit, so a payee's lines stand together.
fn by_category(lines: &[RegisterLine]) -> Vec<(&str, Vec<&RegisterLine>)> {
    let mut groups: Vec<(&str, Vec<&RegisterLine>)> = Vec::new();
    for l in lines {
        match groups.iter_mut().find(|(c, _)| *c == l.category) {
            Some((_, g)) => g.push(l),
            None => groups.push((&l.category, vec![l])),
        }
    }
    for (_, g) in &mut groups {
        g.sort_by_cached_key(|l| (l.payee.to_lowercase(), l.participant.to_lowercase(), l.unit.to_lowercase()));
    }
    groups
}

/// What one payee is paid this month.
struct PayeeTotal<'a> {
    payee: &'a str,
    lines: Vec<&'a RegisterLine>,
}

/// The lines paid (not held), by payee, sorted by name.
fn by_payee<'a>(paid: &[&'a RegisterLine]) -> Vec<PayeeTotal<'a>> {
    let mut map: BTreeMap<(String, &str), Vec<&RegisterLine>> = BTreeMap::new();
    for l in paid {
        map.entry((l.payee.to_lowercase(), &l.payee)).or_default().push(l);
    }
    map.into_iter().map(|((_, payee), lines)| PayeeTotal { payee, lines }).collect()
}

impl PayeeTotal<'_> {
    /// Payee, what for (category by category), check numbers, amount.
    fn row(&self, groups: &[(&str, Vec<&RegisterLine>)]) -> Row {
        let parts: Vec<(&str, Vec<&RegisterLine>)> = groups
            .iter()
            .map(|(c, _)| (*c, self.lines.iter().copied().filter(|l| l.category == *c).collect::<Vec<_>>()))
            .filter(|(_, ls)| !ls.is_empty())
            .collect();
        let for_what: Vec<String> = parts
            .iter()
            .map(|(c, ls)| {
                let what = match ls.as_slice() {
                    [one] => format!("{c}: {}, {}", who_where(one).replace('\n', ", "), one.period),
                    many => format!("{c}: {}", count(many.len(), "payment", "payments")),
                };
                if parts.len() > 1 {
                    format!("{what} ({})", ls.iter().map(|l| l.amount).sum::<Money>().dollars())
                } else {
                    what
                }
            })
            .collect();
        let mut refs: Vec<&str> = self.lines.iter().filter_map(|l| l.reference.as_deref()).collect();
        refs.sort_unstable();
        refs.dedup();
        let refs = match refs.as_slice() {
            [first, _, _, rest @ ..] => format!("{first} and {} more", rest.len() + 2),
            few => few.join(", "),
        };
        let sum: Money = self.lines.iter().map(|l| l.amount).sum();
        Row::new(vec![self.payee.to_string(), for_what.join("\n"), refs, sum.dollars()])
    }
}

/// A paid line; its note (why it is prorated) under the participant and
/// unit, where a note is rare enough not to need a column of its own.
fn line_row(l: &RegisterLine) -> Row {
    let mut who = who_where(l);
    if let Some(note) = l.note.as_deref().filter(|n| !n.trim().is_empty()) {
        who.push_str(&format!("\nNote: {}", note.trim()));
    }
    Row::new(vec![l.payee.clone(), who, period(l), l.reference.clone().unwrap_or_default(), l.amount.dollars()])
}

/// The participant over the unit; the unit alone when no one lives there.
fn who_where(l: &RegisterLine) -> String {
    if l.participant.trim().is_empty() {
        l.unit.clone()
    } else {
        format!("{}\n{}", l.participant, l.unit)
    }
}

/// The period, and the days covered when prorated.
fn period(l: &RegisterLine) -> String {
    match l.days {
        Some((covered, of)) => format!("{}\n{covered} of {of} days", l.period),
        None => l.period.clone(),
    }
}

fn status_words(s: &RegisterStatus) -> String {
    match s {
        RegisterStatus::Preview => "Preview: not yet approved; do not pay from this register".into(),
        RegisterStatus::Approved(a) => {
            format!("Approved for payment by {} on {}; not yet posted to the ledger", a.by, us_date(a.on))
        }
        RegisterStatus::Posted { approved, posted } => format!(
            "Posted to the ledger by {} on {}; approved for payment by {} on {}",
            posted.by,
            us_date(posted.on),
            approved.by,
            us_date(approved.on)
        ),
    }
}

/// "1 payment", "2,000 payments".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group_digits(n), if n == 1 { one } else { many })
}

fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One CSV row: the register's facts, then the line's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CsvLine {
    register: String,
    month: NaiveDate,
    register_status: String,
    prepared_by: String,
    prepared_on: NaiveDate,
    approved_by: String,
    approved_on: Option<NaiveDate>,
    posted_by: String,
    posted_on: Option<NaiveDate>,
    line: usize,
    category: String,
    payee: String,
    participant: String,
    unit: String,
    period: String,
    days_covered: Option<u32>,
    days_in_month: Option<u32>,
    amount: Money,
    reference: String,
    status: String,
    note: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{d, m};

    /// Category|payee|participant|unit|period|days|amount|check no.|note|held ("H").
    const LINES: &str = "\
        Rental assistance|Uptown Lakeside Management LLC|Nguyễn Thị Ánh|4521 N Malden St, Apt 2R|Nov 1–30, 2026||612.00|104501||\n\
        Rental assistance|Łukasz Wójcik|Jamal Reyes|1047 W Leland Ave, Apt 1E|Nov 1–30, 2026||840.00|104502||\n\
        Rental assistance|Uptown Lakeside Management LLC|Darnell Price|4521 N Malden St, Apt 1F|Nov 13–30, 2026|18/30|442.80|\
        104501|Lease began 11/13/2026; paid from the first day of the lease.|\n\
        Master lease rent|Lakeview Supportive Housing LP||1250 W Sunnyside Ave, Apt 4S|Nov 1–30, 2026||1225.00|104503|\
        Awaiting its first participant (moves in 12/01/2026): rent up to 90 days before occupancy.|\n\
        Rental assistance|Uptown Lakeside Management LLC|Siobhán Müller|4521 N Malden St, Apt 3F|Nov 1–30, 2026||540.00|\
        104501||\n\
        Utility reimbursement|Nguyễn Thị Ánh|Nguyễn Thị Ánh|4521 N Malden St, Apt 2R|Nov 1–30, 2026||38.00|EFT-2211||\n\
        Rental assistance|Uptown Lakeside Management LLC|Tomasz Nowak|4521 N Malden St, Apt 4R|Nov 1–30, 2026||700.00||\
        Unit vacated 08/31/2026; assistance ended 09/30/2026, 30 days after the end of the month vacated. No new \
        participant has moved in.|H\n\
        Master lease utilities|ComEd|Keisha Daniels|1250 W Sunnyside Ave, Apt 2N|Oct 2026 bill||64.17|104504||\n\
        Utility reimbursement|Keisha Daniels|Keisha Daniels|1250 W Sunnyside Ave, Apt 2N|Nov 1–30, 2026||45.00||No \
        utility bill on file for October; the reimbursement waits for the bill.|H\n\
        Subsistence allowance|Nguyễn Thị Ánh|Nguyễn Thị Ánh|4521 N Malden St, Apt 2R|Nov 2026||50.00|EFT-2211||";

    fn line(f: &[&str]) -> RegisterLine {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        RegisterLine {
            category: f[0].into(),
            payee: f[1].into(),
            participant: f[2].into(),
            unit: f[3].into(),
            period: f[4].into(),
            days: f[5].split_once('/').map(|(c, n)| (c.parse().unwrap(), n.parse().unwrap())),
            amount: m(f[6]),
            reference: some(f[7]),
            note: some(f[8]),
            held: f[9] == "H",
        }
    }

    fn example() -> PaymentRegister {
        PaymentRegister {
            office_name: "Thresholds Housing Services (Grantee)".into(),
            program: "Housing is Recovery".into(),
            month: d("2026-11-01"),
            status: RegisterStatus::Approved(Signoff { by: "Nguyễn Thị Lan".into(), on: d("2026-10-28") }),
            prepared_by: "Maria Okafor".into(),
            prepared_on: d("2026-10-26"),
            identifier: "PR-2026-11".into(),
            lines: LINES.lines().map(|l| line(&l.split('|').collect::<Vec<_>>())).collect(),
        }
    }

    fn pdf_text(bytes: &[u8], name: &str) -> String {
        let dir = std::env::var_os("HOUSING_DESK_KEEP_PDF_DIR").map_or_else(std::env::temp_dir, Into::into);
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
        assert!(out.status.success(), "pdftotext could read the PDF");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn the_register_totals_each_category_and_leaves_held_lines_out() {
        let bytes = render(&example(), None).unwrap();
        let text = pdf_text(&bytes, "housing-desk-payment-register.pdf");
        // pdftotext -layout pads columns with runs of spaces; a table row reads as one line once they are one.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // Rental assistance paid: 612.00 + 840.00 + 442.80 + 540.00 = 2,434.80 (Tomasz Nowak's 700.00 is held).
        // All paid: 2,434.80 + 1,225.00 + 38.00 + 64.17 + 50.00 = 3,811.97; held: 700.00 + 45.00 = 745.00.
        for want in [
            "Payment Register: November 2026",
            "Approved for payment by Nguyễn Thị Lan on 10/28/2026",
            "Prepared by Maria Okafor on 10/26/2026",
            "8 payments to 5 payees: $3,811.97; 2 lines held ($745.00), not included",
            "Rental assistance 4 $2,434.80",
            "Total to be paid 8 $3,811.97",
            "Uptown Lakeside Nguyễn Thị Ánh Nov 1–30, 2026 104501 $612.00",
            "Łukasz Wójcik Jamal Reyes Nov 1–30, 2026 104502 $840.00",
            "Siobhán Müller",
            "Nov 13–30, 2026 104501 $442.80",
            "18 of 30 days",
            "Note: Lease began 11/13/2026;",
            "Subtotal Rental assistance 4 payments $2,434.80",
            "Subtotal Master lease rent 1 payment $1,225.00",
            "Subtotal Utility reimbursement 1 payment $38.00",
            "Subtotal Master lease utilities 1 payment $64.17",
            "Subtotal Subsistence allowance 1 payment $50.00",
            "Total to be paid All categories 8 payments $3,811.97",
            "Held: not paid this month",
            "Tomasz Nowak Unit vacated 08/31/2026; $700.00",
            "Keisha Daniels Keisha Daniels No utility bill on file for $45.00",
            "Total held 2 lines Not paid this month $745.00",
            "Uptown Lakeside Rental assistance: 3 payments 104501 $1,594.80",
            "Subsistence allowance: Nguyễn Thị Ánh, 4521 N Malden St, Apt 2R, Nov 2026 ($50.00)",
            "Total to be paid 5 payees $3,811.97",
            "Recorded in Housing Desk: approved by Nguyễn Thị Lan on 10/28/2026.",
            "Approved for payment: Nguyễn Thị Lan, supervisor Date",
            "Posted to the ledger by Date",
            "PR-2026-11 · Page 1 of",
        ] {
            assert!(flat.contains(want), "the register shows {want:?}:\n{text}");
        }
        assert!(!flat.contains("$4,556.97"), "the held $745.00 is in no total:\n{text}");
        assert_eq!(flat.matches("Tomasz Nowak").count(), 1, "a held line is listed only among the held:\n{text}");
        assert!(!flat.contains("PREVIEW"), "an approved register is not marked as a preview");
        assert_eq!(flat.matches("$3,811.97").count(), 5, "the grand total: facts, summary, end of lines, payees");
    }

    #[test]
    fn a_preview_says_on_every_page_that_it_is_not_approved() {
        let mut r = example();
        r.status = RegisterStatus::Preview;
        let text = pdf_text(&render(&r, None).unwrap(), "housing-desk-payment-register-preview.pdf");
        let pages = text.matches('\u{c}').count();
        assert_eq!(text.matches("PREVIEW, NOT APPROVED").count(), pages, "every page's header says so:\n{text}");
        assert!(text.contains("PREVIEW: this payment run has not been approved."), "{text}");
        assert!(text.contains("Approved for payment: supervisor"), "the approver's line is blank for ink");
    }

    #[test]
    fn a_posted_register_names_who_approved_and_who_posted() {
        let mut r = example();
        r.status = RegisterStatus::Posted {
            approved: Signoff { by: "Nguyễn Thị Lan".into(), on: d("2026-10-28") },
            posted: Signoff { by: "Ana Castillo".into(), on: d("2026-10-30") },
        };
        let text = pdf_text(&render(&r, None).unwrap(), "housing-desk-payment-register-posted.pdf");
        for want in [
            "Posted to the ledger by Ana Castillo on 10/30/2026; approved for payment by",
            "Posted to the ledger: Ana Castillo",
            "posted to the ledger by Ana",
        ] {
            assert!(text.contains(want), "{want:?}:\n{text}");
        }
    }

    #[test]
    fn a_register_that_cannot_be_true_is_refused() {
        type Spoil = fn(&mut RegisterLine);
        let cases: [(Spoil, &str); 4] = [
            (
                |l| (l.held, l.note) = (true, None),
                "Line 1 (Rental assistance, Nguyễn Thị Ánh) is held but gives no reason",
            ),
            (|l| l.days = Some((31, 30)), "covers 31 of 30 days"),
            (|l| l.amount = m("612.005"), "a fraction of a cent"),
            (|l| l.payee = " ".into(), "has no payee"),
        ];
        for (spoil, want) in cases {
            let mut r = example();
            spoil(&mut r.lines[0]);
            for err in [render(&r, None).unwrap_err(), csv(&r).unwrap_err()] {
                assert!(err.to_string().contains(want), "{want:?} in {err}");
            }
        }
    }

    #[test]
    fn two_thousand_lines_page_with_their_header_and_add_up() {
        let categories = ["Rental assistance", "Master lease rent", "Utility reimbursement", "Subsistence allowance"];
        let mut lines = Vec::new();
        let mut total = m("0");
        for i in 0..2000 {
            // One owner with 400 units, the rest spread over 150 owners.
            let payee =
                if i % 5 == 0 { "Uptown Lakeside Management LLC".to_string() } else { format!("Owner {}", i % 150) };
            let held = i % 97 == 0;
            let amount = m(&format!("{}.{:02}", 400 + i % 613, i % 100));
            if !held {
                total = total + amount;
            }
            lines.push(RegisterLine {
                category: categories[i % 7 % 4].into(),
                payee,
                participant: format!("Participant {i} Nguyễn"),
                unit: format!("{} N Broadway, Apt {}", 4000 + i, i % 40),
                period: "Nov 1–30, 2026".into(),
                days: (i % 11 == 0).then_some((17, 30)),
                amount,
                reference: Some(format!("{}", 200000 + i % 150)),
                note: (held || i % 11 == 0).then(|| "Moved in 11/14/2026.".into()),
                held,
            });
        }
        let r = PaymentRegister { lines, ..example() };
        let started = std::time::Instant::now();
        let bytes = render(&r, None).unwrap();
        eprintln!("2,000-line register: {} bytes in {:?}", bytes.len(), started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-payment-register-2000.pdf");
        let pages = text.matches('\u{c}').count();
        eprintln!("{pages} pages");
        assert!(text.contains(&format!("Page 1 of {pages}")), "the footer counts every page");
        assert!(
            text.matches("Participant and unit").count() > pages / 2,
            "the header row repeats on the pages of long tables ({pages} pages)"
        );
        assert!(text.contains(&total.dollars()), "the grand total {} is printed", total.dollars());
        assert!(text.contains("Approved for payment: Nguyễn Thị Lan"), "the approval comes at the end");
    }

    #[test]
    fn the_csv_reads_back_line_for_line() {
        let mut r = example();
        r.lines[1].payee = "Wójcik, Łukasz \"Luke\"".into();
        r.lines[1].note = Some("Two lines:\nsecond line".into());
        let bytes = csv(&r).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with(
            "register,month,register_status,prepared_by,prepared_on,approved_by,approved_on,posted_by,posted_on,line,\
             category,payee,participant,unit,period,days_covered,days_in_month,amount,reference,status,note\n"
        ), "the header row names the columns the accounting system maps:\n{text}");
        assert!(
            text.contains("PR-2026-11,2026-11-01,approved,Maria Okafor,2026-10-26,Nguyễn Thị Lan,2026-10-28,,,1,"),
            "ISO dates, the register's facts on every row:\n{text}"
        );
        assert!(text.contains(",18,30,442.80,104501,pay,"), "days and a plain two-place amount:\n{text}");

        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<CsvLine> = reader.deserialize().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), r.lines.len(), "one row per line, held ones included");
        for (i, (row, l)) in rows.iter().zip(&r.lines).enumerate() {
            assert_eq!(row.line, i + 1);
            assert_eq!(
                (&row.category, &row.payee, &row.participant, &row.unit, &row.period),
                (&l.category, &l.payee, &l.participant, &l.unit, &l.period),
                "line {} reads back as written",
                i + 1
            );
            assert_eq!(row.amount, l.amount);
            assert_eq!((row.days_covered, row.days_in_month), l.days.map_or((None, None), |(c, n)| (Some(c), Some(n))));
            assert_eq!(Some(row.reference.as_str()).filter(|s| !s.is_empty()), l.reference.as_deref());
            assert_eq!(Some(row.note.as_str()).filter(|s| !s.is_empty()), l.note.as_deref());
            assert_eq!(row.status, if l.held { "held" } else { "pay" });
            assert_eq!((row.month, row.approved_on, row.posted_on), (d("2026-11-01"), Some(d("2026-10-28")), None));
        }
        let paid: Money = rows.iter().filter(|r| r.status == "pay").map(|r| r.amount).sum();
        assert_eq!(paid, m("3811.97"), "the paid rows add up to the register's total");
    }
}
