//! The wording of the lease documents, kept as plain text files that the
//! office's administrator edits with a text editor (Guide: Leasing
//! Requirements, "HAP contract templates can be provided to grantees but are
//! not intended to be used by grantees without revision. Grantees should
//! consult with legal counsel"). The documents fill a template with their
//! names and figures; the sample wording ships in `src-tauri/templates/`.
//!
//! The template language, all of it:
//!
//! - A line starting with `//` is a note for whoever edits the file. It is
//!   never printed, and it does not end a paragraph.
//! - A line starting with `#` is a section heading: `# 4. Rent`.
//! - A line starting with `- ` is an item of a list.
//! - Other lines are text. The lines of a paragraph (or of a list item) are
//!   joined with a space; a blank line ends the paragraph, a heading or a
//!   new `- ` item ends it too. Indent a line to start a paragraph with `#`,
//!   `- ` or `//` as text: leading spaces are dropped, and only the first
//!   column makes a heading, an item or a note.
//! - `{name}` is replaced by the document's value for `name`, written in
//!   lower-case letters, digits and `_` (`{owner_name}`); a placeholder is
//!   written on one line. [`placeholders`] lists the names each document
//!   knows, with what they stand for. A name the document does not know is
//!   an error that names it and its line, so that a typing mistake is found
//!   before anything is printed.
//! - `{{` prints `{` and `}}` prints `}`; a lone `}` is an error.
//! - A placeholder that prints a table (`{utilities_table}`, see [`TABLES`])
//!   must be a paragraph of its own.

use std::collections::BTreeMap;

use super::DocumentError;

/// The sample HAP contract (rental assistance option), to be revised with
/// the office's legal counsel.
pub const HAP_CONTRACT_DEFAULT: &str = include_str!("../../templates/hap-contract.txt");
/// The sample sublease and occupancy agreement (master lease option), to be
/// revised with the office's legal counsel.
pub const SUBLEASE_DEFAULT: &str = include_str!("../../templates/sublease.txt");

/// The placeholders that print a table rather than words.
pub const TABLES: &[&str] = &["utilities_table"];

/// Which document a template words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    /// The Housing Assistance Payment contract between the grantee and the
    /// owner (rental assistance option).
    HapContract,
    /// The sublease or occupancy agreement between the grantee and the
    /// participant (master lease option).
    Sublease,
}

impl TemplateKind {
    pub fn label(self) -> &'static str {
        match self {
            TemplateKind::HapContract => "Housing Assistance Payment contract",
            TemplateKind::Sublease => "Sublease and occupancy agreement",
        }
    }

    /// The sample wording Housing Desk ships.
    pub fn default_text(self) -> &'static str {
        match self {
            TemplateKind::HapContract => HAP_CONTRACT_DEFAULT,
            TemplateKind::Sublease => SUBLEASE_DEFAULT,
        }
    }
}

/// A template read from its text: headings, paragraphs and list items, each
/// a run of text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    blocks: Vec<Source>,
}

/// What a filled template is made of, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// An item of a list.
    Item(String),
    /// A table placeholder (one of [`TABLES`]), for the document to draw.
    Table(String),
}

/// Each placeholder a document fills, with what it stands for in plain
/// words, for the administrator who edits the template.
pub fn placeholders(kind: TemplateKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        TemplateKind::HapContract => HAP_CONTRACT_PLACEHOLDERS,
        TemplateKind::Sublease => SUBLEASE_PLACEHOLDERS,
    }
}

/// Reads a template. Refuses, naming each line, a `{` never closed on its
/// line, a lone `}`, and a placeholder name that is not lower-case letters,
/// digits and `_`.
pub fn parse(text: &str) -> Result<Template, DocumentError> {
    let mut blocks: Vec<Source> = Vec::new();
    let mut open = false;
    let mut errors = Vec::new();
    // A byte order mark, as some editors on Windows write, is not text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        if raw.starts_with("//") {
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let (shape, rest) = if let Some(rest) = raw.strip_prefix('#') {
            (Shape::Heading, rest.trim_start_matches('#').trim())
        } else if let Some(rest) = raw.strip_prefix("- ") {
            (Shape::Item, rest.trim())
        } else {
            (Shape::Paragraph, line)
        };
        let pieces = match pieces(rest, line_no) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match (shape, open, blocks.last_mut()) {
            (Shape::Paragraph, true, Some(last)) => {
                last.pieces.push(Piece::Text(" ".into()));
                last.pieces.extend(pieces);
            }
            _ => {
                blocks.push(Source { shape, pieces });
                // A heading is one line; text under it starts a paragraph.
                open = shape != Shape::Heading;
            }
        }
    }
    if errors.is_empty() {
        Ok(Template { blocks })
    } else {
        Err(DocumentError::Invalid(errors.join("\n")))
    }
}

/// Fills a template with a document's values. Refuses a placeholder that is
/// not among `values`, naming it, its line and the nearest known name, and a
/// table placeholder that is not a paragraph of its own.
pub fn fill(template: &Template, values: &BTreeMap<&str, String>) -> Result<Vec<Block>, DocumentError> {
    let mut out = Vec::with_capacity(template.blocks.len());
    let mut errors = Vec::new();
    for block in &template.blocks {
        let mut text = String::new();
        let mut table = None;
        for piece in &block.pieces {
            let Piece::Field { name, line } = piece else {
                if let Piece::Text(t) = piece {
                    text.push_str(t);
                }
                continue;
            };
            match values.get(name.as_str()) {
                None => errors.push(unknown(name, *line, values)),
                Some(_) if TABLES.contains(&name.as_str()) => {
                    let fields = block.pieces.iter().filter(|p| matches!(p, Piece::Field { .. })).count();
                    let words = block.pieces.iter().any(|p| matches!(p, Piece::Text(t) if !t.trim().is_empty()));
                    if block.shape == Shape::Paragraph && fields == 1 && !words {
                        table = Some(name.clone());
                    } else {
                        errors.push(format!(
                            "Line {line} of the template: {{{name}}} prints a table, so it must stand on a line of \
                             its own, with a blank line before and after it."
                        ));
                    }
                }
                Some(value) => text.push_str(value),
            }
        }
        out.push(match (table, block.shape) {
            (Some(name), _) => Block::Table(name),
            (None, Shape::Heading) => Block::Heading(text),
            (None, Shape::Paragraph) => Block::Paragraph(text),
            (None, Shape::Item) => Block::Item(text),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(DocumentError::Invalid(errors.join("\n")))
    }
}

/// Checks a template against the placeholders of its kind, as the
/// administrator saves it: the same errors [`fill`] would give.
pub fn check(kind: TemplateKind, template: &Template) -> Result<(), DocumentError> {
    let values = placeholders(kind).iter().map(|(name, _)| (*name, String::new())).collect();
    fill(template, &values).map(|_| ())
}

/// Whether `template` is still the sample wording Housing Desk ships for
/// `kind`, which the Guide says must be revised before use.
pub fn is_sample(kind: TemplateKind, template: &Template) -> bool {
    parse(kind.default_text()).is_ok_and(|sample| &sample == template)
}

const HAP_CONTRACT_PLACEHOLDERS: &[(&str, &str)] = &[
    ("identifier", "The contract's number, e.g. HAP-000012."),
    ("dated", "The date of the contract, e.g. 03/16/2026."),
    ("program_name", "The program's name, e.g. Housing is Recovery."),
    ("grantee_name", "Your office, the grantee, as a party to the contract."),
    ("grantee_address", "Your office's mailing address, on one line."),
    ("grantee_phone", "Your office's phone number."),
    ("owner_name", "The owner of the unit, or the owner's designated agent."),
    ("owner_address", "The owner's or agent's mailing address, on one line."),
    ("participant_name", "The program participant: the tenant under the lease."),
    ("unit_address", "The address of the unit, with the apartment number."),
    ("unit_bedrooms", "The unit's size in words, e.g. \"1 bedroom\" or \"efficiency\"."),
    ("start_date", "The first day of the contract, e.g. 04/01/2026."),
    ("end_date", "The last day of the contract, e.g. 03/31/2027."),
    ("contract_rent", "The whole monthly rent for the unit under the lease, e.g. $1,195.00."),
    ("tenant_rent", "The participant's monthly share of the rent, paid to the owner."),
    ("assistance", "The grantee's monthly housing assistance payment to the owner: contract rent less tenant rent."),
    ("utility_allowance", "The monthly utility allowance for the utilities the participant pays."),
    (
        "utility_reimbursement",
        "What the grantee pays the participant each month when the allowance is more than their share; $0.00 when not.",
    ),
    ("owner_utilities", "The utilities and appliances the owner supplies, in words, or \"none\"."),
    ("tenant_utilities", "The utilities and appliances the participant pays for or supplies, in words, or \"none\"."),
    (
        "utilities_table",
        "A table of every utility and appliance and who pays for or supplies it. On a line of its own.",
    ),
    ("payment_day", "The day of the month by which the grantee pays the owner, e.g. 5th."),
    ("payment_method", "How the grantee pays the owner, e.g. \"by check mailed to the owner's address\"."),
];

const SUBLEASE_PLACEHOLDERS: &[(&str, &str)] = &[
    ("identifier", "The agreement's number, e.g. SUB-000031."),
    ("dated", "The date of the agreement, e.g. 03/16/2026."),
    ("program_name", "The program's name, e.g. Housing is Recovery."),
    ("grantee_name", "Your office, the grantee, which leases the unit from the owner."),
    ("grantee_address", "Your office's mailing address, on one line."),
    ("grantee_phone", "Your office's phone number."),
    ("owner_name", "The owner of the unit (the landlord under your office's master lease)."),
    ("owner_address", "The owner's mailing address, on one line."),
    ("participant_name", "The program participant who lives in the unit."),
    ("unit_address", "The address of the unit, with the apartment number."),
    ("unit_bedrooms", "The unit's size in words, e.g. \"1 bedroom\" or \"efficiency\"."),
    ("start_date", "The first day of the agreement, e.g. 04/01/2026."),
    ("end_date", "The last day of the agreement, e.g. 03/31/2027."),
    ("contract_rent", "The whole monthly rent your office pays the owner under the master lease."),
    ("tenant_rent", "The participant's monthly rent, paid to your office."),
    ("utility_reimbursement", "What your office pays the participant each month toward utilities; $0.00 when nothing."),
    ("owner_utilities", "The utilities and appliances the owner supplies, in words, or \"none\"."),
    ("grantee_utilities", "The utilities your office pays the actual cost of, in words, or \"none\"."),
    (
        "utilities_table",
        "A table of every utility and appliance and who pays for or supplies it. On a line of its own.",
    ),
    ("rent_due_day", "The day of the month the participant's rent is due, e.g. 5th."),
    ("payment_method", "How the participant pays your office, e.g. \"at the office, by check or money order\"."),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Heading,
    Paragraph,
    Item,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    shape: Shape,
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field { name: String, line: usize },
}

/// One line's text and placeholders.
fn pieces(text: &str, line: usize) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                literal.push('}');
            }
            '}' => {
                return Err(format!(
                    "Line {line} of the template: a \"}}\" closes no placeholder (after \"{}\"). Write }}}} to print \
                     a brace.",
                    snippet(&text[..at])
                ))
            }
            '{' => {
                let rest = &text[at + 1..];
                let Some(end) = rest.find(['}', '{']).filter(|&e| rest[e..].starts_with('}')) else {
                    return Err(format!(
                        "Line {line} of the template: the placeholder \"{{{}\" has no closing \"}}\" on its line. \
                         Close it, or write {{{{ to print a brace.",
                        snippet_after(rest)
                    ));
                };
                let name = &rest[..end];
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                    return Err(format!(
                        "Line {line} of the template: {{{name}}} is not a placeholder name. Names are lower-case \
                         letters, digits and _, like {{owner_name}}; write {{{{ to print a brace."
                    ));
                }
                if !literal.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut literal)));
                }
                out.push(Piece::Field { name: name.to_string(), line });
                for _ in 0..=name.chars().count() {
                    chars.next();
                }
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Ok(out)
}

/// The message for a placeholder the document does not fill.
fn unknown(name: &str, line: usize, values: &BTreeMap<&str, String>) -> String {
    let nearest = values
        .keys()
        .map(|known| (distance(name, known), *known))
        .min()
        .filter(|(d, known)| *d <= 3.max(known.len() / 3));
    let hint = nearest.map_or_else(String::new, |(_, known)| format!(" Did you mean {{{known}}}?"));
    format!(
        "Line {line} of the template: {{{name}}} is not a placeholder this document fills.{hint} The placeholders \
         it knows are listed with the template."
    )
}

/// Edit distance (insertions, deletions, substitutions) between two names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The last few words before a point, to show where on a line.
fn snippet(before: &str) -> String {
    let chars: Vec<char> = before.chars().collect();
    chars[chars.len().saturating_sub(24)..].iter().collect()
}

fn snippet_after(after: &str) -> String {
    after.chars().take(24).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&'static str, &str)]) -> BTreeMap<&'static str, String> {
        pairs.iter().map(|(k, v)| (*k, (*v).to_string())).collect()
    }

    fn err(result: Result<impl std::fmt::Debug, DocumentError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn headings_paragraphs_items_and_notes() {
        let t = parse(
            "// A note for the administrator.\n\
             # 1. Parties\n\
             This contract is between {grantee_name}\n\
             // a note inside a paragraph does not end it\n\
             and {owner_name}.\n\
             \n\
             - first item\n  goes on here\n\
             - second item\n\
             \n\
             \x20# not a heading, a paragraph that starts with #\n\
             ## 2. Rent\n",
        )
        .unwrap();
        let blocks = fill(&t, &values(&[("grantee_name", "Thresholds"), ("owner_name", "Łukasz Wójcik")])).unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::Heading("1. Parties".into()),
                Block::Paragraph("This contract is between Thresholds and Łukasz Wójcik.".into()),
                Block::Item("first item goes on here".into()),
                Block::Item("second item".into()),
                Block::Paragraph("# not a heading, a paragraph that starts with #".into()),
                Block::Heading("2. Rent".into()),
            ],
            "lines join into paragraphs; notes vanish; an indented # is text"
        );
    }

    #[test]
    fn a_file_saved_on_windows_reads_the_same() {
        let t = parse("\u{feff}# 1. Parties\r\nBetween {owner_name}\r\nand us.\r\n").unwrap();
        let blocks = fill(&t, &values(&[("owner_name", "Łukasz Wójcik")])).unwrap();
        assert_eq!(
            blocks,
            vec![Block::Heading("1. Parties".into()), Block::Paragraph("Between Łukasz Wójcik and us.".into())],
            "a byte order mark and CRLF line ends are not text"
        );
    }

    #[test]
    fn braces_are_escaped_by_doubling() {
        let t = parse("Write {{owner_name}} to print {owner_name}; a lone }} too.").unwrap();
        let blocks = fill(&t, &values(&[("owner_name", "Nguyễn Thị Ánh")])).unwrap();
        assert_eq!(blocks, vec![Block::Paragraph("Write {owner_name} to print Nguyễn Thị Ánh; a lone } too.".into())]);
    }

    #[test]
    fn an_unknown_placeholder_is_named_with_its_line_and_the_nearest_name() {
        let t = parse("# Parties\n\nBetween {grantee_name}\nand {owner_nmae}.\n\n{tenant_rnet} and {zzz}").unwrap();
        let message = err(fill(&t, &values(&[("grantee_name", "G"), ("owner_name", "O"), ("tenant_rent", "$1")])));
        assert!(
            message.contains("Line 4 of the template: {owner_nmae} is not a placeholder this document fills. Did you mean {owner_name}?"),
            "the misspelt name, its line and the likely one: {message}"
        );
        assert!(
            message.contains("Line 6 of the template: {tenant_rnet}"),
            "every mistake is listed at once: {message}"
        );
        let zzz = message.lines().find(|l| l.contains("{zzz}")).unwrap_or_default();
        assert!(
            zzz.starts_with("Line 6") && !zzz.contains("Did you mean"),
            "no wild guess for a name like no other: {message}"
        );
    }

    #[test]
    fn an_unclosed_or_stray_brace_is_named_with_its_line() {
        let message = err(parse("# Rent\n\nThe rent is {contract_rent a month.\nAnd fine."));
        assert!(
            message.starts_with(
                "Line 3 of the template: the placeholder \"{contract_rent a month.\" has no closing \"}\""
            ),
            "{message}"
        );
        let message = err(parse("ok\nthe {owner_name\n}"));
        assert!(
            message.contains("Line 2") && message.contains("Line 3") && message.contains("closes no placeholder"),
            "a placeholder does not run across lines: {message}"
        );
        let message = err(parse("A {owner {name}} here"));
        assert!(
            message.contains("Line 1") && message.contains("no closing"),
            "a brace inside a placeholder: {message}"
        );
        let message = err(parse("The {Owner Name} signs."));
        assert!(message.contains("{Owner Name} is not a placeholder name"), "{message}");
    }

    #[test]
    fn a_table_placeholder_stands_alone() {
        let v = values(&[("utilities_table", ""), ("owner_name", "O")]);
        let blocks = fill(&parse("Utilities:\n\n{utilities_table}\n\nAfter.").unwrap(), &v).unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph("Utilities:".into()),
                Block::Table("utilities_table".into()),
                Block::Paragraph("After.".into())
            ]
        );
        let message = err(fill(&parse("The utilities: {utilities_table}").unwrap(), &v));
        assert!(message.contains("Line 1") && message.contains("must stand on a line of its own"), "{message}");
    }

    #[test]
    fn the_sample_templates_read_and_use_only_their_placeholders() {
        for kind in [TemplateKind::HapContract, TemplateKind::Sublease] {
            let t = parse(kind.default_text()).unwrap_or_else(|e| panic!("{} reads: {e}", kind.label()));
            check(kind, &t).unwrap_or_else(|e| panic!("{} uses only its placeholders: {e}", kind.label()));
            assert!(is_sample(kind, &t), "the sample is recognised as the sample");
            let mut names: Vec<&str> = placeholders(kind).iter().map(|(n, _)| *n).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), placeholders(kind).len(), "each placeholder is listed once");
            for (name, description) in placeholders(kind) {
                assert!(description.ends_with('.') && description.len() > 10, "{name} is described in words");
            }
        }
        let revised = parse(&format!("{HAP_CONTRACT_DEFAULT}\nRevised with counsel.")).unwrap();
        assert!(!is_sample(TemplateKind::HapContract, &revised), "a revised template is not the sample");
        let sublease = parse(SUBLEASE_DEFAULT).unwrap();
        let message = err(check(TemplateKind::HapContract, &sublease));
        assert!(
            message.contains("{grantee_utilities}"),
            "the sublease's placeholders are not the contract's: {message}"
        );
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("owner_nmae", "owner_name"), 2);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("tenant_rent", "tenant_rent"), 0);
    }
}
