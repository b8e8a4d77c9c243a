//! The Housing Quality Standards inspection report, laid out as form
//! HUD-52580 is: the unit and who was there, every item of every section
//! rated with a comment, the deficiencies and who must fix them, the outcome
//! and the dates that follow from it (Guide: Inspection Costs, "a follow-up
//! inspection must be completed within 14 days"; "conducted annually (within
//! 12 months after the previous inspection)").

use chrono::NaiveDate;

use super::disclosure_notice::Part2Notice;
use super::layout::{Column, Document, Row, SignatureLine};
use super::DocumentError;

/// Everything the report shows; the checklist comes in as data (a versioned
/// template), not as code. Labels are the words printed.
pub struct InspectionReport {
    /// The grantee's name, at the head of every page.
    pub office_name: String,
    /// Printed in the footer of every page, e.g. "HQS-000042".
    pub identifier: String,
    /// The checklist template used, e.g. "HUD-52580 (HQS), template of 2026-01-01".
    pub checklist: String,
    pub unit_address: String,
    pub county: String,
    /// As the form names it: "Low rise", "Duplex", "Single room occupancy", ...
    pub housing_type: &'static str,
    pub bedrooms: u8,
    pub year_built: Option<u16>,
    /// The program participant living in or moving into the unit, if known.
    pub tenant_name: Option<String>,
    /// "Owner" or "Agent".
    pub owner_role: &'static str,
    pub owner_name: String,
    /// Phone, e-mail or both, as one line.
    pub owner_contact: String,
    pub inspector: String,
    pub inspected_on: NaiveDate,
    /// "Initial", "Annual", "Follow-up", "Special" or "Complaint".
    pub kind: &'static str,
    /// Children under 6 in the household (lead-based paint items apply).
    pub children_under_six: u8,
    pub sections: Vec<Section>,
    pub deficiencies: Vec<Deficiency>,
    pub outcome: Outcome,
    pub follow_up: Option<FollowUp>,
    pub next_annual_due: Option<NaiveDate>,
}

/// One section of the checklist; section 4 comes once per room, with `room`.
pub struct Section {
    pub number: u8,
    pub title: String,
    /// The room's code and location, e.g. "Bedroom 1, second floor front".
    pub room: Option<String>,
    pub items: Vec<Item>,
}

pub struct Item {
    /// "2.10".
    pub code: String,
    pub name: String,
    pub result: ItemResult,
    pub comment: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemResult {
    Pass,
    Fail,
    Inconclusive,
    NotApplicable,
}

/// Something to fix: which item, what is wrong, who fixes it, by when.
pub struct Deficiency {
    /// Code and name, e.g. "2.10 Stove or Range with Oven".
    pub item: String,
    pub problem: String,
    pub responsible: Responsible,
    pub fix_by: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Responsible {
    Owner,
    Tenant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Inconclusive,
}

/// When the unit is inspected again after a fail.
pub enum FollowUp {
    /// Within 14 days of this inspection.
    Due(NaiveDate),
    /// Beyond 14 days, for an owner's good-faith effort to remediate.
    Extended { to: NaiveDate, reason: String },
}

impl ItemResult {
    pub fn label(self) -> &'static str {
        match self {
            ItemResult::Pass => "Pass",
            ItemResult::Fail => "Fail",
            ItemResult::Inconclusive => "Inconclusive",
            ItemResult::NotApplicable => "N/A",
        }
    }
}

impl Responsible {
    pub fn label(self) -> &'static str {
        match self {
            Responsible::Owner => "Owner",
            Responsible::Tenant => "Tenant",
        }
    }
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Passed => "Passed",
            Outcome::Failed => "Failed",
            Outcome::Inconclusive => "Inconclusive",
        }
    }
}

/// The outcome the items call for (HUD-52580: any Fail fails the unit;
/// otherwise any Inconclusive means more information is needed).
pub fn outcome_of<'a>(items: impl IntoIterator<Item = &'a Item>) -> Outcome {
    let results: Vec<ItemResult> = items.into_iter().map(|i| i.result).collect();
    match (results.contains(&ItemResult::Fail), results.contains(&ItemResult::Inconclusive)) {
        (true, _) => Outcome::Failed,
        (false, true) => Outcome::Inconclusive,
        (false, false) => Outcome::Passed,
    }
}

/// Lays the report out and answers the PDF's bytes; refuses an outcome the
/// items contradict.
/// `notice`, when given, is the last block (see `disclosure`).
pub fn render(r: &InspectionReport, notice: Option<&Part2Notice>) -> Result<Vec<u8>, DocumentError> {
    let (header, footer) = running_header(r);
    let mut doc = Document::new("HQS Inspection Report", &header, &footer)?;
    write(&mut doc, r)?;
    if let Some(n) = notice {
        super::disclosure_notice::append(&mut doc, n);
    }
    Ok(doc.finish())
}

/// Lays the report into `doc`, from a fresh page, with its own header,
/// footer and bookmark; refuses an outcome the items contradict.
pub fn write(doc: &mut Document, r: &InspectionReport) -> Result<(), DocumentError> {
    let items = || r.sections.iter().flat_map(|s| &s.items);
    if outcome_of(items()) != r.outcome {
        return Err(DocumentError::Invalid(format!(
            "The outcome is {} but the items rated make it {} (any Fail fails the unit; otherwise any \
             Inconclusive leaves it inconclusive). Correct the items or the outcome.",
            r.outcome.label(),
            outcome_of(items()).label()
        )));
    }
    let count = |want: ItemResult| items().filter(|i| i.result == want).count();
    let (header, footer) = running_header(r);
    doc.fresh_page();
    doc.set_running_header(&header, &footer);
    doc.bookmark("Inspection report");
    doc.title("HQS Inspection Report");
    doc.facts(&[
        ("Unit", r.unit_address.clone()),
        ("County", r.county.clone()),
        ("Housing type", format!("{}; {} bedroom(s); {}", r.housing_type, r.bedrooms, built(r.year_built))),
        ("Tenant", r.tenant_name.clone().unwrap_or_else(|| "None yet".into())),
        (r.owner_role, format!("{}  ·  {}", r.owner_name, r.owner_contact)),
        ("Inspection", format!("{}, on {}, by {}", r.kind, us(r.inspected_on), r.inspector)),
        (
            "Children under 6",
            match r.children_under_six {
                0 => "None (lead-based paint items are rated for the record)".to_string(),
                n => format!("{n} (lead-based paint items apply)"),
            },
        ),
        ("Checklist", r.checklist.clone()),
    ]);
    doc.strong(&format!(
        "Outcome: {}. Items rated: {} pass, {} fail, {} inconclusive, {} not applicable.",
        r.outcome.label(),
        count(ItemResult::Pass),
        count(ItemResult::Fail),
        count(ItemResult::Inconclusive),
        count(ItemResult::NotApplicable)
    ));

    let columns = [
        Column::left("Item", 0.07),
        Column::left("Name", 0.36),
        Column::left("Result", 0.14),
        Column::left("Comment", 0.43),
    ];
    for s in &r.sections {
        let title = match &s.room {
            Some(room) => format!("{}. {}: {}", s.number, s.title, room),
            None => format!("{}. {}", s.number, s.title),
        };
        let rows: Vec<Row> = s
            .items
            .iter()
            // A failed item stands out: bold, on a shaded row.
            .map(|i| Row {
                cells: vec![i.code.clone(), i.name.clone(), i.result.label().into(), i.comment.clone()],
                total: i.result == ItemResult::Fail,
            })
            .collect();
        // A room's items stay on one page with their heading, which names the room.
        doc.keep_together(HEADING + doc.table_height(&columns, &rows));
        doc.heading(&title);
        doc.table(&columns, &rows);
    }

    doc.heading("Deficiencies");
    if r.deficiencies.is_empty() {
        doc.paragraph("No deficiencies were found.");
    } else {
        let columns = [
            Column::left("Item", 0.26),
            Column::left("What is wrong", 0.48),
            Column::left("Who fixes", 0.12),
            Column::left("Fix by date", 0.14),
        ];
        let rows: Vec<Row> = r
            .deficiencies
            .iter()
            .map(|d| Row::new(vec![d.item.clone(), d.problem.clone(), d.responsible.label().into(), us(d.fix_by)]))
            .collect();
        doc.table(&columns, &rows);
    }

    doc.heading("Outcome");
    doc.callout(&match r.outcome {
        Outcome::Passed => format!("PASSED: the unit meets Housing Quality Standards as of {}.", us(r.inspected_on)),
        Outcome::Failed => "FAILED: the unit does not meet Housing Quality Standards. The deficiencies above must be \
                            fixed and the unit inspected again; if the owner refuses or the unit fails the follow-up \
                            inspection, it is ineligible for any financial assistance."
            .to_string(),
        Outcome::Inconclusive => "INCONCLUSIVE: more information is needed on the items marked Inconclusive before \
                                  the unit can pass."
            .to_string(),
    });
    let mut dates: Vec<(&str, String)> = match &r.follow_up {
        Some(FollowUp::Due(d)) => vec![("Follow-up due", format!("{} (within 14 days of this inspection)", us(*d)))],
        Some(FollowUp::Extended { to, reason }) => {
            vec![("Follow-up due", format!("{}, extended beyond 14 days. Reason: {reason}", us(*to)))]
        }
        None => Vec::new(),
    };
    dates.extend(r.next_annual_due.map(|d| ("Next annual due", format!("{} (within 12 months)", us(d)))));
    if !dates.is_empty() {
        doc.facts(&dates);
    }

    doc.heading("Signatures");
    doc.signatures(&[
        SignatureLine { label: format!("Inspector: {}", r.inspector), drawn: None },
        SignatureLine { label: format!("{}: {}", r.owner_role, r.owner_name), drawn: None },
    ]);
    Ok(())
}

fn running_header(r: &InspectionReport) -> (String, String) {
    (
        format!("{}  ·  Housing Quality Standards inspection", r.office_name),
        format!("HQS inspection report  ·  inspected {}  ·  {}", us(r.inspected_on), r.identifier),
    )
}

/// The height of a [`Document::heading`], space above included.
const HEADING: f32 = 26.0;

fn built(year: Option<u16>) -> String {
    year.map_or_else(|| "year built unknown".into(), |y| format!("built {y}"))
}

/// `03/10/2026`.
pub(crate) fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const ROOM: &str = "Electricity|Electrical Hazards|Security|Window Condition|Ceiling Condition|Wall Condition|\
                        Floor Condition|Lead-Based Paint";
    const OTHER: &str = "Room Code and Location|Electricity/Illumination|Electrical Hazards|Security|Window Condition|\
                         Ceiling Condition|Wall Condition|Floor Condition|Lead-Based Paint|Smoke Detectors";
    /// HUD-52580, a section a line: number|title|room|items; "@" and "%" stand for the lists above.
    const CHECKLIST: &str = "\
        1|Living Room||Living Room Present|@\n\
        2|Kitchen||Kitchen Area Present|@|Stove or Range with Oven|Refrigerator|Sink|Space for Storage, \
        Preparation and Serving of Food\n\
        3|Bathroom||Bathroom Present|@|Flush Toilet in Enclosed Room in Unit|Fixed Wash Basin or Lavatory in Unit|\
        Tub or Shower in Unit|Ventilation\n\
        4|Other Rooms Used for Living and Halls|Bedroom 1, second floor, front|%\n\
        4|Other Rooms Used for Living and Halls|Hall, second floor|%\n\
        5|All Secondary Rooms||None|Security|Electrical Hazards|Other Potentially Hazardous Features\n\
        6|Building Exterior||Condition of Foundation|Condition of Stairs, Rails and Porches|Condition of Roof and \
        Gutters|Condition of Exterior Surfaces|Condition of Chimney|Lead-Based Paint: Exterior Surfaces|\
        Manufactured Homes: Tie Downs\n\
        7|Heating and Plumbing||Adequacy of Heating Equipment|Safety of Heating Equipment|Ventilation and Adequacy \
        of Cooling|Water Heater|Approvable Water Supply|Plumbing|Sewer Connection\n\
        8|General Health and Safety||Access to Unit|Exits|Evidence of Infestation|Garbage and Debris|Refuse \
        Disposal|Interior Stairs and Common Halls|Other Interior Hazards|Elevators|Interior Air Quality|Site and \
        Neighborhood Conditions|Lead-Based Paint: Owner's Certification";

    /// Every item passes but these: (code, room or "", result, comment).
    const RATINGS: &[(&str, &str, ItemResult, &str)] = &[
        ("1.5", "", ItemResult::Pass, "Storm window on the east side is cracked in the upper corner; sash intact."),
        ("2.10", "", ItemResult::Fail, "Two of four burners do not light; the oven door gasket is torn and loose."),
        ("3.13", "", ItemResult::Fail, "Exhaust fan does not run and the window is painted shut: no ventilation."),
        ("4.10", "Hall, second floor", ItemResult::Fail, "No smoke detector in the hall outside the bedroom."),
        ("5.1", "", ItemResult::NotApplicable, ""),
        ("6.5", "", ItemResult::NotApplicable, "No chimney."),
        ("6.7", "", ItemResult::NotApplicable, "Not a manufactured home."),
        ("7.4", "", ItemResult::Pass, "Gas, installed 2019; relief valve piped to within 6 inches of the floor."),
        ("8.8", "", ItemResult::NotApplicable, "Two-storey building without an elevator."),
    ];

    pub(crate) fn example() -> InspectionReport {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let sections = CHECKLIST
            .lines()
            .map(|line| {
                let mut parts = line.split('|');
                let (number, title, room) =
                    (parts.next().unwrap().parse().unwrap(), parts.next().unwrap(), parts.next());
                let names = parts.flat_map(|p| match p {
                    "@" => ROOM.split('|').collect(),
                    "%" => OTHER.split('|').collect(),
                    name => vec![name],
                });
                let items = names
                    .enumerate()
                    .map(|(i, name)| {
                        let code = format!("{number}.{}", i + 1);
                        let rating = RATINGS.iter().find(|r| r.0 == code && (r.1.is_empty() || Some(r.1) == room));
                        let (result, comment) = rating.map_or((ItemResult::Pass, ""), |r| (r.2, r.3));
                        Item { code, name: name.into(), result, comment: comment.into() }
                    })
                    .collect();
                Section { number, title: title.into(), room: room.filter(|r| !r.is_empty()).map(Into::into), items }
            })
            .collect();
        let owner = |item: &str, problem: &str| Deficiency {
            item: item.into(),
            problem: problem.into(),
            responsible: Responsible::Owner,
            fix_by: d(3, 24),
        };
        InspectionReport {
            office_name: "Thresholds Housing Services (Grantee)".into(),
            identifier: "HQS-000042".into(),
            checklist: "HUD-52580 (HQS), template of 2026-01-01".into(),
            unit_address: "4521 N Malden St, Apt 2R, Chicago, IL 60640".into(),
            county: "Cook".into(),
            housing_type: "Low rise",
            bedrooms: 1,
            year_built: Some(1924),
            tenant_name: Some("Nguyễn Thị Lan".into()),
            owner_role: "Agent",
            owner_name: "Łukasz Wójcik, Uptown Lakeside Management LLC".into(),
            owner_contact: "(773) 555-0148 · lwojcik@uptownlakeside.example".into(),
            inspector: "Maria Okafor".into(),
            inspected_on: d(3, 10),
            kind: "Initial",
            children_under_six: 0,
            sections,
            deficiencies: vec![
                owner(
                    "2.10 Stove or Range with Oven",
                    "Repair or replace the range: all burners light, the door seals.",
                ),
                owner("3.13 Ventilation", "Repair the bathroom exhaust fan, or free the window so that it opens."),
                owner("4.10 Smoke Detectors (Hall, second floor)", "Install a working smoke detector in the hall."),
            ],
            outcome: Outcome::Failed,
            follow_up: Some(FollowUp::Due(d(3, 24))),
            next_annual_due: None,
        }
    }

    /// The text of a PDF as `pdftotext -layout` reads it, a form feed after each page.
    fn pdf_text(bytes: &[u8], name: &str) -> String {
        let dir = std::env::var_os("HOUSING_DESK_KEEP_PDF_DIR").map_or_else(std::env::temp_dir, Into::into);
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
        assert!(out.status.success(), "pdftotext could read the PDF");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn a_failed_initial_inspection_lists_every_item_and_the_deficiencies() {
        let started = std::time::Instant::now();
        let bytes = render(&example(), None).unwrap();
        eprintln!("inspection report rendered in {:?}", started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-inspection-report.pdf");
        assert_eq!(text.matches('\u{c}').count(), 5, "84 items, the deficiencies and signatures take 5 pages:\n{text}");
        for want in [
            "Thresholds Housing Services (Grantee)",
            "4521 N Malden St, Apt 2R, Chicago, IL 60640",
            "Low rise; 1 bedroom(s); built 1924",
            "Nguyễn Thị Lan",
            "Initial, on 03/10/2026, by Maria Okafor",
            "Outcome: Failed. Items rated: 77 pass, 3 fail, 0 inconclusive, 4 not applicable.",
            "4. Other Rooms Used for Living and Halls: Hall, second floor",
            "8.11",
            "Two of four burners do not",
            "Install a working smoke detector",
            "FAILED: the unit does not meet Housing Quality Standards",
            "03/24/2026 (within 14 days of this inspection)",
            "Inspector: Maria Okafor",
            "Agent: Łukasz Wójcik",
            "HQS-000042 · Page 1 of 5",
            "Page 5 of 5",
        ] {
            assert!(text.contains(want), "the report shows {want:?}:\n{text}");
        }
        assert_eq!(text.matches(" Fail ").count(), 3, "each failed item is marked Fail in its row:\n{text}");
    }

    #[test]
    fn the_outcome_must_follow_from_the_items() {
        let mut report = example();
        report.outcome = Outcome::Passed;
        let err = render(&report, None).unwrap_err().to_string();
        assert!(err.contains("Passed") && err.contains("Failed"), "the message names both outcomes: {err}");
        report.sections.iter_mut().flat_map(|s| &mut s.items).for_each(|i| i.result = ItemResult::Pass);
        (report.deficiencies, report.follow_up) = (Vec::new(), None);
        report.next_annual_due = NaiveDate::from_ymd_opt(2027, 3, 10);
        let text = pdf_text(&render(&report, None).unwrap(), "housing-desk-inspection-passed.pdf");
        for want in ["PASSED: the unit meets Housing Quality Standards", "No deficiencies were found.", "03/10/2027"] {
            assert!(text.contains(want), "a passed unit's report shows {want:?}:\n{text}");
        }
    }
}
