//! The letter that tells an owner or agent their unit failed its Housing
//! Quality Standards inspection (Guide: Inspection Costs, "the owner or
//! designated agent must be informed of the deficiencies and agree to
//! remediate noted deficiencies promptly, and a follow-up inspection must be
//! completed within 14 days").

use chrono::NaiveDate;

use super::inspection_report::{us, Deficiency, Responsible};
use super::layout::{Column, Document, Row, SignatureLine};
use super::DocumentError;

/// Everything the letter says. The deficiencies are the inspection report's.
pub struct DeficiencyNotice {
    /// The grantee's name, at the head of the letter and of every page.
    pub office_name: String,
    /// The office's mailing address, one line per entry.
    pub office_address: Vec<String>,
    pub office_phone: String,
    /// The program's name as owners know it, e.g. "Housing is Recovery".
    pub program: String,
    /// Printed in the footer of every page, e.g. "HQS-000042-N1".
    pub identifier: String,
    /// The date of the letter.
    pub dated: NaiveDate,
    /// The owner or the owner's agent, as the letter is addressed.
    pub owner_name: String,
    /// Their mailing address, one line per entry.
    pub owner_address: Vec<String>,
    pub unit_address: String,
    pub inspected_on: NaiveDate,
    pub deficiencies: Vec<Deficiency>,
    /// The day of the follow-up inspection.
    pub follow_up_on: NaiveDate,
    /// Who to call, who signs.
    pub staff_name: String,
    pub staff_title: String,
    pub staff_phone: String,
}

/// Lays the letter out and answers the PDF's bytes; refuses a notice with
/// nothing to fix or a follow-up before the inspection.
pub fn render(n: &DeficiencyNotice) -> Result<Vec<u8>, DocumentError> {
    if n.deficiencies.is_empty() {
        return Err(DocumentError::Invalid(
            "A deficiency notice needs at least one deficiency; a unit that passed gets none.".into(),
        ));
    }
    if n.follow_up_on <= n.inspected_on {
        return Err(DocumentError::Invalid(format!(
            "The follow-up inspection ({}) must come after the inspection of {}.",
            us(n.follow_up_on),
            us(n.inspected_on)
        )));
    }
    let within = (n.follow_up_on - n.inspected_on).num_days() <= 14;
    let header = format!("{}  ·  {}", n.office_name, n.program);
    let footer = format!("Notice of HQS deficiencies  ·  dated {}  ·  {}", us(n.dated), n.identifier);
    let mut doc = Document::new("Notice of HQS Deficiencies", &header, &footer)?;
    doc.bookmark("Notice of deficiencies");

    doc.title(&n.office_name);
    doc.paragraph(&format!("{}\nPhone {}", n.office_address.join("\n"), n.office_phone));
    doc.space(10.0);
    doc.paragraph(&us(n.dated));
    doc.space(6.0);
    doc.paragraph(&format!("{}\n{}", n.owner_name, n.owner_address.join("\n")));
    doc.space(6.0);
    doc.strong(&format!("Re: Housing Quality Standards inspection of {}: the unit failed", n.unit_address));
    doc.space(4.0);
    doc.paragraph(&format!("Dear {}:", n.owner_name));
    doc.paragraph(&format!(
        "On {}, {} inspected the unit at {} under the Housing Quality Standards (HQS, 24 CFR 982.401) that apply \
         to every unit assisted by the {} program. The unit did not pass. The deficiencies found are listed below, \
         with who must fix each one and by when.",
        us(n.inspected_on),
        n.office_name,
        n.unit_address,
        n.program
    ));

    let columns = [
        Column::left("Item", 0.25),
        Column::left("What is wrong", 0.47),
        Column::left("Who fixes", 0.13),
        Column::left("Fix by", 0.15),
    ];
    let rows: Vec<Row> = n
        .deficiencies
        .iter()
        .map(|d| Row::new(vec![d.item.clone(), d.problem.clone(), d.responsible.label().into(), us(d.fix_by)]))
        .collect();
    doc.table(&columns, &rows);
    doc.paragraph("Please fix the items marked Owner, and let us know promptly that you agree to make these repairs.");
    if n.deficiencies.iter().any(|d| d.responsible == Responsible::Tenant) {
        doc.paragraph(
            "Items marked Tenant are the tenant's to fix; they are listed so that you have the whole result.",
        );
    }

    doc.heading("Follow-up inspection");
    doc.strong(&format!(
        "We will inspect the unit again on {}{}. Please make sure we can get into the unit that day.",
        us(n.follow_up_on),
        if within {
            ", within the 14 days the program allows".to_string()
        } else {
            format!(", later than the usual 14 days by the extension agreed with {}", n.office_name)
        }
    ));
    doc.heading("If the repairs are not made");
    doc.paragraph(
        "If the deficiencies are not fixed by the follow-up inspection, or if you refuse to fix them, the unit \
         becomes ineligible for any financial assistance from the program: we cannot pay its rent or any other \
         cost for it.",
    );
    doc.heading("If you need more time");
    doc.paragraph(&format!(
        "Call us before {}. We can agree to a later date if you show a good-faith effort to make the repairs, \
         for example a contract or work order with a repairer, parts on order, or receipts for work begun.",
        us(n.follow_up_on)
    ));
    doc.space(4.0);
    doc.paragraph(&format!("Questions: call {}, {}, at {}.", n.staff_name, n.staff_title, n.staff_phone));
    doc.space(6.0);
    doc.paragraph("Sincerely,");
    doc.signatures(&[SignatureLine {
        label: format!("{}, {}, {}", n.staff_name, n.staff_title, n.office_name),
        drawn: None,
    }]);
    Ok(doc.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> DeficiencyNotice {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let owner = |item: &str, problem: &str| Deficiency {
            item: item.into(),
            problem: problem.into(),
            responsible: Responsible::Owner,
            fix_by: d(3, 24),
        };
        let mut deficiencies: Vec<Deficiency> = [
            (
                "2.10 Stove or Range with Oven",
                "Two of the four burners do not light and the oven door does not close fully; the gasket is torn \
                 along the bottom edge. Repair or replace the range.",
            ),
            (
                "3.13 Ventilation",
                "The bathroom exhaust fan does not run and the window is painted shut. Repair the fan or free the \
                 window so that it opens.",
            ),
            (
                "4.10 Smoke Detectors (Hall, second floor)",
                "There is no smoke detector in the hall outside the bedroom. Install a working smoke detector.",
            ),
            (
                "4.3 Electrical Hazards (Bedroom 1)",
                "The cover plate of the outlet beside the closet is missing and the wiring is exposed. Fit a cover \
                 plate.",
            ),
            (
                "6.2 Condition of Stairs, Rails and Porches",
                "The handrail of the rear stairs is loose for its whole length and two balusters are missing. Secure \
                 the rail and replace the balusters.",
            ),
            (
                "7.6 Plumbing",
                "The kitchen sink drain leaks into the cabinet below; the cabinet floor is soft with water damage. \
                 Repair the drain and the cabinet floor.",
            ),
            (
                "8.3 Evidence of Infestation",
                "Mouse droppings in the kitchen cabinets and behind the refrigerator. Treat the unit and seal the gap \
                 around the radiator pipe.",
            ),
        ]
        .into_iter()
        .map(|(item, problem)| owner(item, problem))
        .collect();
        deficiencies.push(Deficiency {
            item: "8.4 Garbage and Debris".into(),
            problem: "Boxes and bags stored against the rear exit door block the way out. Clear the exit.".into(),
            responsible: Responsible::Tenant,
            fix_by: d(3, 17),
        });
        DeficiencyNotice {
            office_name: "Thresholds Housing Services".into(),
            office_address: vec!["4101 N Ravenswood Ave, Suite 300".into(), "Chicago, IL 60613".into()],
            office_phone: "(773) 555-0100".into(),
            program: "Housing is Recovery".into(),
            identifier: "HQS-000042-N1".into(),
            dated: d(3, 11),
            owner_name: "Łukasz Wójcik".into(),
            owner_address: vec![
                "Uptown Lakeside Management LLC".into(),
                "1200 W Lawrence Ave".into(),
                "Chicago, IL 60640".into(),
            ],
            unit_address: "4521 N Malden St, Apt 2R, Chicago, IL 60640".into(),
            inspected_on: d(3, 10),
            deficiencies,
            follow_up_on: d(3, 24),
            staff_name: "Maria Okafor".into(),
            staff_title: "Housing Specialist".into(),
            staff_phone: "(773) 555-0142".into(),
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
    fn the_owner_learns_what_to_fix_by_when_and_what_happens_if_not() {
        let notice = example();
        let started = std::time::Instant::now();
        let bytes = render(&notice).unwrap();
        eprintln!("deficiency notice rendered in {:?}", started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-deficiency-notice.pdf");
        assert_eq!(text.matches('\u{c}').count(), 2, "eight deficiencies push the letter onto a second page:\n{text}");
        for want in [
            "Thresholds Housing Services",
            "4101 N Ravenswood Ave, Suite 300",
            "03/11/2026",
            "Łukasz Wójcik",
            "1200 W Lawrence Ave",
            "Re: Housing Quality Standards inspection of 4521 N Malden St, Apt 2R, Chicago, IL 60640",
            "On 03/10/2026",
            "The unit did not pass.",
            "2.10 Stove or Range",
            "8.4 Garbage and Debris",
            "03/17/2026",
            "Items marked Tenant are the tenant's to fix",
            "If the repairs are not made",
            "We will inspect the unit again on 03/24/2026, within the 14 days the program allows.",
            "ineligible for any financial assistance",
            "good-faith",
            "Questions: call Maria Okafor, Housing Specialist, at (773) 555-0142.",
            "Maria Okafor, Housing Specialist, Thresholds Housing Services",
            "Page 1 of 2",
            "Page 2 of 2",
        ] {
            assert!(text.contains(want), "the letter says {want:?}:\n{text}");
        }
        assert_eq!(text.matches("Owner ").count(), 7, "each owner's item says so:\n{text}");
    }

    #[test]
    fn a_notice_needs_a_deficiency_and_a_later_follow_up() {
        let mut notice = example();
        notice.follow_up_on = notice.inspected_on;
        assert!(matches!(render(&notice), Err(DocumentError::Invalid(_))), "a follow-up on the same day is refused");
        notice.follow_up_on = NaiveDate::from_ymd_opt(2026, 4, 7).unwrap();
        notice.deficiencies.clear();
        assert!(matches!(render(&notice), Err(DocumentError::Invalid(_))), "a notice without deficiencies is refused");
    }
}
