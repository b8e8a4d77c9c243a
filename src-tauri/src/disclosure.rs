//! Disclosures of records protected by 42 CFR part 2 (Confidentiality of
//! Substance Use Disorder Patient Records): which documents and exports must
//! carry the notice of 42 CFR 2.32, and the office's wording of it, a plain
//! text file in the data folder's `templates` directory that the
//! administrator may revise (like the lease wording, `lease_documents`).
//!
//! The consents to disclose themselves are in `consents`.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::documents::disclosure_notice::Part2Notice;
use crate::documents::templates::{self, Block};
use crate::error::DeskError;
use crate::store::Store;
use crate::validation::ValidationErrors;

/// The sample notice Housing Desk ships: Statement 2 of 42 CFR 2.32(a).
pub const NOTICE_DEFAULT: &str = include_str!("../templates/part2-notice.txt");

/// The notice's file name in the templates directory.
pub const NOTICE_FILE: &str = "part2-notice.txt";

/// Every document and export Housing Desk produces, as far as 42 CFR part 2
/// is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// The signed income calculation summary: names the participant, their
    /// household, income and disability expenses.
    IncomeSummary,
    /// The lease packet: the HAP contract or sublease naming the
    /// participant as a program participant, their income summary, the
    /// inspection report, the rent certification and the utility worksheet.
    LeasePacket,
    /// The HQS inspection report; `names_tenant` when it names the
    /// participant living in or moving into the unit.
    InspectionReport { names_tenant: bool },
    /// The owner's deficiency notice: the unit, its owner and what failed.
    DeficiencyNotice,
    /// The rent reasonableness certification: the unit and its comparables.
    RentCertification,
    /// The monthly payment register (PDF) and its CSV for the finance
    /// office: payees, and the participants each payment is for.
    PaymentRegister,
    /// The monthly participant data, the app's workbook: one row per
    /// participant, with treatment and recovery-support linkage.
    MonthlyWorkbook,
    /// The same data filled into DMH's template.
    DmhTemplate,
    /// The quarterly performance workbook: counts and rates only.
    QuarterlyPerformance,
    /// The quarterly financial workbook: spending by category only.
    QuarterlyFinancial,
    /// The one-page quarterly summary PDF: counts, rates and spending.
    QuarterlySummary,
    /// The HMIS CSV export: client records with the disabling condition
    /// and substance use fields (HMIS 4.10).
    HmisExport,
}

impl DocumentKind {
    /// Every kind, for the tests that go through them all.
    pub const ALL: &'static [DocumentKind] = &[
        DocumentKind::IncomeSummary,
        DocumentKind::LeasePacket,
        DocumentKind::InspectionReport { names_tenant: true },
        DocumentKind::InspectionReport { names_tenant: false },
        DocumentKind::DeficiencyNotice,
        DocumentKind::RentCertification,
        DocumentKind::PaymentRegister,
        DocumentKind::MonthlyWorkbook,
        DocumentKind::DmhTemplate,
        DocumentKind::QuarterlyPerformance,
        DocumentKind::QuarterlyFinancial,
        DocumentKind::QuarterlySummary,
        DocumentKind::HmisExport,
    ];
}

/// Whether a document of `kind` must end with the notice of 42 CFR 2.32.
///
/// The rule. 42 CFR 2.32(a): "Each disclosure made with the patient's
/// written consent must be accompanied by" one of the two written
/// statements of that section; 2.32(b) adds a copy of the consent or a clear
/// explanation of its scope. Part 2 protects "records" (42 CFR 2.11): any
/// information, recorded or not, created by, received or acquired by a
/// part 2 program relating to a patient, and the restrictions cover any
/// information that would identify a patient "as having or having had a
/// substance use disorder" (42 CFR 2.12(a)(1)); "patient identifying
/// information" is the name, address and the like by which that identity can
/// be determined (42 CFR 2.11). 42 CFR 2.13(c) forbids even acknowledging that
/// someone is a patient without consent.
///
/// How Housing Desk reads it, conservatively. The Housing is Recovery
/// pilot serves people with serious mental illness *or* a substance use
/// disorder at high risk of overdose (Guide: Eligible Population; HERO is
/// for people with a substance use disorder), and its grantees provide SUD
/// engagement and treatment through a community mental health center. So a
/// document that names someone as a participant of the program may identify
/// them as having a substance use disorder, even when it says nothing about
/// substance use; and some carry it outright (the monthly data's treatment
/// linkage, HMIS's substance use disorder field, the referral from detox).
/// Every such document carries the notice. A document that names no
/// participant (a unit's deficiency notice, a rent certification, a unit's
/// inspection with no tenant named) or gives only counts and sums (the
/// quarterly reports) identifies no patient, so it is not a disclosure of
/// part 2 records and carries no notice; adding it there would teach
/// readers to ignore it. The notice does not make a disclosure lawful: a
/// consent (see `consents`) or another part 2 exception must.
pub fn needs_part2_notice(kind: DocumentKind) -> bool {
    match kind {
        DocumentKind::IncomeSummary
        | DocumentKind::LeasePacket
        | DocumentKind::PaymentRegister
        | DocumentKind::MonthlyWorkbook
        | DocumentKind::DmhTemplate
        | DocumentKind::HmisExport => true,
        DocumentKind::InspectionReport { names_tenant } => names_tenant,
        DocumentKind::DeficiencyNotice
        | DocumentKind::RentCertification
        | DocumentKind::QuarterlyPerformance
        | DocumentKind::QuarterlyFinancial
        | DocumentKind::QuarterlySummary => false,
    }
}

/// The notice file in `dir`, written from the sample the first time so the
/// administrator finds it there to revise; with its text.
pub fn notice_file(dir: &Path) -> Result<(PathBuf, String), DeskError> {
    let path = dir.join(NOTICE_FILE);
    let io = |e: std::io::Error| DeskError::Store(crate::store::StoreError::Io(e));
    if !path.exists() {
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(&path, NOTICE_DEFAULT).map_err(io)?;
    }
    let text = std::fs::read_to_string(&path).map_err(io)?;
    Ok((path, text))
}

/// Reads the notice from its text: the template language with no
/// placeholders, and at least one paragraph or item to print.
pub fn parse_notice(text: &str) -> Result<Part2Notice, String> {
    let parsed = templates::parse(text).map_err(|e| e.to_string())?;
    let blocks = templates::fill(&parsed, &Default::default())
        .map_err(|e| format!("{e} The notice fills in nothing: write {{{{ or }}}} to print a brace."))?;
    if !blocks.iter().any(|b| matches!(b, Block::Paragraph(t) | Block::Item(t) if !t.trim().is_empty())) {
        return Err("The notice has no words to print: write the statement of 42 CFR 2.32 under its heading.".into());
    }
    Ok(Part2Notice { blocks })
}

/// The office's notice from the templates directory `dir`; a mistake in the
/// file is reported with the file, and nothing is produced until it is
/// mended.
pub fn notice(dir: &Path) -> Result<Part2Notice, DeskError> {
    let (path, text) = notice_file(dir)?;
    parse_notice(&text).map_err(|e| {
        ValidationErrors::single(
            "notice",
            format!(
                "The notice that accompanies a disclosure (42 CFR 2.32), in {}, has a mistake: {e} Ask the \
                 administrator to correct it.",
                path.display()
            ),
        )
        .into()
    })
}

/// The templates directory of the data folder `store` lives in.
pub fn templates_dir_of(store: &Store) -> PathBuf {
    let folder = store.path().parent().unwrap_or_else(|| Path::new("."));
    crate::paths::templates_dir(&crate::paths::DataLocation::new(folder))
}

/// The notice a document of `kind` ends with, from the office's file beside
/// `store`: `None` for a document that carries none.
pub fn notice_for(store: &Store, kind: DocumentKind) -> Result<Option<Part2Notice>, DeskError> {
    if needs_part2_notice(kind) {
        notice(&templates_dir_of(store)).map(Some)
    } else {
        Ok(None)
    }
}

/// The notice file, for the administrator in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeFile {
    pub path: String,
    /// Still the words Housing Desk ships (Statement 2 of 42 CFR 2.32(a)).
    pub default: bool,
    /// What is wrong with it, if anything.
    pub problem: Option<String>,
    /// The words printed, one block a line.
    pub lines: Vec<String>,
}

/// The notice file in `dir`, checked.
pub fn notice_file_view(dir: &Path) -> Result<NoticeFile, DeskError> {
    let (path, text) = notice_file(dir)?;
    let parsed = parse_notice(&text);
    let default = match (&parsed, parse_notice(NOTICE_DEFAULT)) {
        (Ok(mine), Ok(shipped)) => *mine == shipped,
        _ => false,
    };
    Ok(NoticeFile {
        path: path.display().to_string(),
        default,
        lines: parsed.as_ref().map(Part2Notice::lines).unwrap_or_default(),
        problem: parsed.err(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DocumentKind::*;

    #[test]
    fn each_document_that_names_a_participant_carries_the_notice_and_no_other() {
        let cases = [
            (IncomeSummary, true),
            (LeasePacket, true),
            (InspectionReport { names_tenant: true }, true),
            (InspectionReport { names_tenant: false }, false),
            (DeficiencyNotice, false),
            (RentCertification, false),
            (PaymentRegister, true),
            (MonthlyWorkbook, true),
            (DmhTemplate, true),
            (QuarterlyPerformance, false),
            (QuarterlyFinancial, false),
            (QuarterlySummary, false),
            (HmisExport, true),
        ];
        assert_eq!(cases.len(), DocumentKind::ALL.len(), "a row for every kind");
        for (kind, want) in cases {
            assert_eq!(needs_part2_notice(kind), want, "{kind:?}");
        }
    }

    #[test]
    fn the_shipped_notice_is_statement_2_of_2_32_under_a_heading() {
        let notice = parse_notice(NOTICE_DEFAULT).unwrap();
        assert_eq!(
            notice.lines(),
            [
                "Notice accompanying this disclosure (42 CFR 2.32)",
                "42 CFR part 2 prohibits unauthorized use or disclosure of these records.",
            ],
            "the notes for the administrator are never printed"
        );
    }

    #[test]
    fn a_notice_with_nothing_to_print_or_a_placeholder_is_refused() {
        assert!(parse_notice("// only notes\n# A heading\n").unwrap_err().contains("no words to print"));
        assert!(parse_notice("").is_err());
        let placeholder = parse_notice("Disclosed to {recipient}.").unwrap_err();
        assert!(placeholder.contains("recipient"), "{placeholder}");
        assert_eq!(parse_notice("Braces {{like this}}.").unwrap().lines(), ["Braces {like this}."]);
    }

    #[test]
    fn the_file_is_written_once_and_then_read_as_the_administrator_left_it() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        let view = notice_file_view(&templates).unwrap();
        assert!(view.default && view.problem.is_none());
        assert_eq!(std::fs::read_to_string(templates.join(NOTICE_FILE)).unwrap(), NOTICE_DEFAULT);
        std::fs::write(templates.join(NOTICE_FILE), "# Notice\n\nOur counsel's words.\n").unwrap();
        let view = notice_file_view(&templates).unwrap();
        assert!(!view.default);
        assert_eq!(view.lines, ["Notice", "Our counsel's words."]);
        assert_eq!(notice(&templates).unwrap().lines(), ["Notice", "Our counsel's words."]);
        std::fs::write(templates.join(NOTICE_FILE), "// nothing\n").unwrap();
        let err = notice(&templates).unwrap_err();
        assert!(matches!(err, DeskError::Validation(_)), "{err:?}");
        assert!(notice_file_view(&templates).unwrap().problem.is_some());
    }
}
