//! The notice that must accompany each disclosure of records protected by
//! 42 CFR part 2 (42 CFR 2.32(a), "Notice and copy of consent to accompany
//! disclosure"): laid out as the last block of a PDF, or given as lines for
//! a workbook sheet and as a text file. The words are the office's own file
//! (`disclosure::notice` reads it), written in the template language of
//! [`super::templates`] with no placeholders. Which documents carry it is
//! decided in one place, `disclosure::needs_part2_notice`.

use super::layout::Document;
use super::templates::Block;

/// The notice, read from the office's file: headings, paragraphs and items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part2Notice {
    pub blocks: Vec<Block>,
}

/// The name of the text file the notice travels as inside a `.zip`.
pub const NOTICE_FILE_NAME: &str = "PART2-NOTICE.txt";

/// The name of the sheet the notice is on, the last of a workbook.
pub const NOTICE_SHEET_NAME: &str = "Disclosure notice";

impl Part2Notice {
    /// Each heading, paragraph and item on a line of its own, items with
    /// "- " before them: for a workbook sheet, one line a row.
    pub fn lines(&self) -> Vec<String> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(t) | Block::Paragraph(t) => Some(t.clone()),
                Block::Item(t) => Some(format!("- {t}")),
                // The notice knows no placeholders, so no table.
                Block::Table(_) => None,
            })
            .collect()
    }

    /// The notice as a plain text file: blocks separated by a blank line,
    /// Windows line endings so that Notepad shows them too.
    pub fn text(&self) -> String {
        let mut out = self.lines().join("\r\n\r\n");
        out.push_str("\r\n");
        out
    }
}

/// Appends the notice as the document's last block, after everything else
/// the document prints (its signature lines included): below a rule, in the
/// body type, kept together on one page so it is never split from itself.
/// Call it just before [`Document::finish`].
pub fn append(doc: &mut Document, notice: &Part2Notice) {
    let height: f32 = 16.0
        + notice
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(t) => doc.heading_height(t),
                Block::Paragraph(t) => doc.paragraph_height(t),
                Block::Item(t) => doc.item_height(t),
                Block::Table(_) => 0.0,
            })
            .sum::<f32>();
    doc.keep_together(height + 20.0);
    doc.bookmark("Disclosure notice (42 CFR 2.32)");
    doc.rule_across();
    for block in &notice.blocks {
        match block {
            Block::Heading(t) => doc.heading(t),
            Block::Paragraph(t) => doc.paragraph(t),
            Block::Item(t) => doc.item(t),
            Block::Table(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Part2Notice {
        Part2Notice {
            blocks: vec![
                Block::Heading("Notice accompanying this disclosure (42 CFR 2.32)".into()),
                Block::Paragraph("42 CFR part 2 prohibits unauthorized use or disclosure of these records.".into()),
                Block::Item("Ask the office for the consent.".into()),
            ],
        }
    }

    #[test]
    fn the_notice_reads_as_lines_and_as_a_text_file() {
        assert_eq!(
            notice().lines(),
            [
                "Notice accompanying this disclosure (42 CFR 2.32)",
                "42 CFR part 2 prohibits unauthorized use or disclosure of these records.",
                "- Ask the office for the consent.",
            ]
        );
        let text = notice().text();
        assert!(text.starts_with("Notice accompanying"), "{text}");
        assert!(text.contains("(42 CFR 2.32)\r\n\r\n42 CFR part 2 prohibits"), "blocks apart: {text:?}");
        assert!(text.ends_with("consent.\r\n"));
    }

    #[test]
    fn the_notice_is_the_last_thing_on_the_last_page() {
        let mut doc = Document::new("Test", "Office", "Footer").unwrap();
        doc.title("A document");
        for _ in 0..60 {
            doc.paragraph("A line of the document's own content that fills the page.");
        }
        append(&mut doc, &notice());
        let text = crate::documents::hap_contract::tests::pdf_text(&doc.finish(), "disclosure-notice-test.pdf");
        let flat = crate::documents::hap_contract::tests::flat(&text);
        let at =
            flat.find("42 CFR part 2 prohibits unauthorized use or disclosure of these records.").expect("printed");
        assert!(flat[..at].contains("fills the page"), "after the content");
        assert!(!flat[at..].contains("fills the page"), "nothing of the document after it");
        // Kept together: the heading and the statement are on the same page.
        let last_page = text.rsplit('\u{c}').find(|p| !p.trim().is_empty()).unwrap();
        assert!(last_page.contains("Notice accompanying"), "{last_page}");
        assert!(flat_of(last_page).contains("prohibits unauthorized use"), "{last_page}");
    }

    fn flat_of(s: &str) -> String {
        crate::documents::hap_contract::tests::flat(s)
    }
}
