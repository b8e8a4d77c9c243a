//! The locator's documents from the records: the HQS inspection report, the
//! deficiency notice to the owner, and the rent reasonableness
//! certification. Each is laid out by its file in `documents/` and saved in
//! the documents folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::accounts::Session;
use crate::comparisons::{self, Determination};
use crate::documents::inspection_report::{
    self as report, Deficiency, FollowUp, InspectionReport, Item, ItemResult as PrintedResult, Outcome,
    Responsible as PrintedResponsible, Section,
};
use crate::documents::{deficiency_notice, rent_reasonableness as certificate, DocumentError};
use crate::error::DeskError;
use crate::inspections::{self, Responsible};
use crate::rules::inspection::{self as rule, InspectionOutcome, ItemResult};
use crate::store::{self as db, Store};
use crate::units::{self, UnitDetails};
use crate::validation::{Choice, ValidationErrors};

/// The inspection report of inspection `id`, as a PDF with its file name.
pub fn inspection_report(store: &Store, id: i64) -> Result<(String, Vec<u8>), DeskError> {
    let (input, _) = report_input(store, id)?;
    // Naming the tenant names a program participant (see `disclosure`).
    let kind = crate::disclosure::DocumentKind::InspectionReport {
        names_tenant: input.tenant_name.as_deref().is_some_and(|n| !n.trim().is_empty()),
    };
    let notice = crate::disclosure::notice_for(store, kind)?;
    let bytes = report::render(&input, notice.as_ref()).map_err(invalid)?;
    Ok((format!("HQS inspection {} {}.pdf", input.identifier, input.inspected_on), bytes))
}

/// The deficiency notice for inspection `id`, signed by `session`, dated `today`.
pub fn deficiency_notice(
    store: &Store,
    session: &Session,
    id: i64,
    today: NaiveDate,
) -> Result<(String, Vec<u8>), DeskError> {
    let (input, follow_up_on) = report_input(store, id)?;
    let Some(follow_up_on) = follow_up_on else {
        return Err(ValidationErrors::single(
            "inspection",
            "This inspection passed: there is nothing for the owner to fix.",
        )
        .into());
    };
    let found = inspections::get(store, id)?;
    let unit = units::get(store, found.unit_id)?;
    let landlord = crate::landlords::get(store, unit.details.landlord_id)?;
    let office = db::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let mut owner_address: Vec<String> = landlord.details.organization.iter().cloned().collect();
    owner_address.extend(address_lines(landlord.details.mailing_address.as_deref().unwrap_or("")));
    let notice = deficiency_notice::DeficiencyNotice {
        office_name: office.grantee_name.clone(),
        office_address: match office.mailing_address.as_deref() {
            Some(a) => address_lines(a),
            None => vec![format!("{} County, Illinois", office.county)],
        },
        office_phone: office.phone.clone().unwrap_or_default(),
        program: office.program.label().to_string(),
        identifier: format!("{}-N", input.identifier),
        dated: today,
        owner_name: landlord.details.name.clone(),
        owner_address,
        unit_address: input.unit_address.clone(),
        inspected_on: input.inspected_on,
        deficiencies: input.deficiencies,
        follow_up_on,
        staff_name: session.full_name.clone(),
        staff_title: session.role.label().to_string(),
        staff_phone: office.phone.clone().unwrap_or_default(),
    };
    let bytes = deficiency_notice::render(&notice).map_err(invalid)?;
    Ok((format!("Deficiency notice {} {}.pdf", notice.identifier, today), bytes))
}

/// The rent reasonableness certification of comparison `id`.
pub fn rent_certification(store: &Store, id: i64) -> Result<(String, Vec<u8>), DeskError> {
    let input = certification_input(store, id)?;
    let bytes = certificate::render(&input).map_err(invalid)?;
    Ok((format!("Rent reasonableness {} {}.pdf", input.identifier, input.prepared_on), bytes))
}

/// The rent reasonableness certification of comparison `id`, laid out by
/// `documents::rent_reasonableness`.
pub(crate) fn certification_input(store: &Store, id: i64) -> Result<certificate::RentReasonableness, DeskError> {
    let c = comparisons::get(store, id)?;
    let unit = units::get(store, c.unit_id)?;
    let landlord = crate::landlords::get(store, unit.details.landlord_id)?;
    let office = db::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let d = &unit.details;
    let input = certificate::RentReasonableness {
        office_name: office.grantee_name,
        identifier: format!("RR-{id:06}"),
        prepared_on: c.determined_on,
        unit: certificate::UnitFeatures {
            address: units::address(d),
            bedrooms: u8::try_from(d.bedrooms).unwrap_or(u8::MAX),
            unit_type: d.housing_type.label(),
            square_feet: d.square_feet,
            year_built: d.year_built.and_then(|y| u16::try_from(y).ok()),
            quality: String::new(),
            amenities: d.amenities.clone().unwrap_or_default(),
            utilities_included: owner_paid(d),
        },
        owner_name: landlord.details.name,
        proposed_rent: c.proposed_rent,
        comparables: c
            .comparables
            .iter()
            .map(|x| certificate::Comparable {
                unit: certificate::UnitFeatures {
                    address: x.address.clone(),
                    bedrooms: u8::try_from(x.bedrooms).unwrap_or(u8::MAX),
                    unit_type: x.housing_type.label(),
                    square_feet: x.square_feet,
                    year_built: x.year_built.and_then(|y| u16::try_from(y).ok()),
                    quality: x.quality.label().to_string(),
                    amenities: x.amenities.clone().unwrap_or_default(),
                    utilities_included: x.utilities_included.clone().unwrap_or_default(),
                },
                rent: x.rent,
                source: x.source.clone(),
                seen_on: x.seen_on,
            })
            .collect(),
        determination: match c.determination {
            Determination::Reasonable => certificate::Determination::Reasonable,
            Determination::NotReasonable => certificate::Determination::NotReasonable,
        },
        notes: c.notes.unwrap_or_default(),
        staff_name: c.staff_name.unwrap_or_default(),
        supervisor_name: String::new(),
    };
    Ok(input)
}

/// A person's name as part of a file name: letters, digits, spaces and
/// hyphens kept, anything else (a slash, a colon) made `_`.
pub fn file_name_part(name: &str) -> String {
    let part: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { '_' }).collect();
    part.trim().to_string()
}

/// The lines of an address typed on several lines, blank ones left out.
pub fn address_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Saves a document's bytes as `file` in `dir` and answers where (every
/// document the app prints goes through here).
pub fn save(dir: &Path, (file, bytes): (String, Vec<u8>)) -> Result<PathBuf, DeskError> {
    let io = |e: std::io::Error| DeskError::Store(db::StoreError::Io(e));
    std::fs::create_dir_all(dir).map_err(io)?;
    let path = dir.join(file);
    std::fs::write(&path, bytes).map_err(io)?;
    Ok(path)
}

/// The report's input, and the follow-up date when the unit did not pass.
pub(crate) fn report_input(store: &Store, id: i64) -> Result<(InspectionReport, Option<NaiveDate>), DeskError> {
    let found = inspections::get(store, id)?;
    let unit = units::get(store, found.unit_id)?;
    let landlord = crate::landlords::get(store, unit.details.landlord_id)?;
    let office = db::office::get(store.conn())?.ok_or(DeskError::NotFound("office"))?;
    let template = inspections::template(store)?;
    let d: &UnitDetails = &unit.details;
    let follow_up_on = found.extended_to.or(found.follow_up_due);
    let mut sections = Vec::new();
    for s in &template.sections {
        let rooms: Vec<String> = if s.per_room {
            let mut seen: Vec<String> = Vec::new();
            for i in found.items.iter().filter(|i| s.items.iter().any(|t| t.code == i.code)) {
                if !seen.contains(&i.room) {
                    seen.push(i.room.clone());
                }
            }
            seen
        } else {
            vec![String::new()]
        };
        for room in rooms {
            let items = s
                .items
                .iter()
                .filter_map(|t| found.items.iter().find(|i| i.code == t.code && i.room == room))
                .map(|i| Item {
                    code: i.code.clone(),
                    name: i.name.clone(),
                    result: printed(i.result),
                    comment: i.comment.clone().unwrap_or_default(),
                })
                .collect();
            sections.push(Section {
                number: u8::try_from(s.number).unwrap_or(0),
                title: s.title.clone(),
                room: (!room.is_empty()).then_some(room),
                items,
            });
        }
    }
    let deficiencies = found
        .items
        .iter()
        .filter(|i| i.result == ItemResult::Fail)
        .map(|i| Deficiency {
            item: if i.room.is_empty() {
                format!("{} {}", i.code, i.name)
            } else {
                format!("{} {} ({})", i.code, i.name, i.room)
            },
            problem: i.comment.clone().unwrap_or_default(),
            responsible: match i.responsible {
                Some(Responsible::Tenant) => PrintedResponsible::Tenant,
                _ => PrintedResponsible::Owner,
            },
            fix_by: follow_up_on.unwrap_or(found.inspected_on),
        })
        .collect();
    let contact =
        [landlord.details.phone.clone(), landlord.details.email.clone()].into_iter().flatten().collect::<Vec<_>>();
    let input = InspectionReport {
        office_name: office.grantee_name,
        identifier: format!("HQS-{:06}", found.id),
        checklist: format!("{} (version {})", template.name, found.template_version),
        unit_address: units::address(d),
        county: d.county.clone(),
        housing_type: d.housing_type.label(),
        bedrooms: u8::try_from(d.bedrooms).unwrap_or(u8::MAX),
        year_built: d.year_built.and_then(|y| u16::try_from(y).ok()),
        tenant_name: None,
        owner_role: if landlord.details.role == crate::landlords::LandlordRole::Agent { "Agent" } else { "Owner" },
        owner_name: landlord.details.name.clone(),
        owner_contact: contact.join(" · "),
        inspector: found.inspector.clone(),
        inspected_on: found.inspected_on,
        kind: match found.kind {
            rule::InspectionKind::Initial => "Initial",
            rule::InspectionKind::Annual => "Annual",
            rule::InspectionKind::FollowUp => "Follow-up",
            rule::InspectionKind::Special => "Special",
            rule::InspectionKind::Complaint => "Complaint",
        },
        children_under_six: u8::try_from(found.children_under_6).unwrap_or(u8::MAX),
        sections,
        deficiencies,
        outcome: match found.outcome {
            InspectionOutcome::Pass => Outcome::Passed,
            InspectionOutcome::Fail => Outcome::Failed,
            InspectionOutcome::Inconclusive => Outcome::Inconclusive,
        },
        follow_up: match (found.extended_to, found.follow_up_due) {
            (Some(to), _) => {
                Some(FollowUp::Extended { to, reason: found.extension_reason.clone().unwrap_or_default() })
            }
            (None, Some(due)) => Some(FollowUp::Due(due)),
            _ => None,
        },
        next_annual_due: (found.outcome == InspectionOutcome::Pass).then(|| rule::next_annual_due(found.inspected_on)),
    };
    Ok((input, follow_up_on.filter(|_| found.outcome != InspectionOutcome::Pass)))
}

fn printed(r: ItemResult) -> PrintedResult {
    match r {
        ItemResult::Pass => PrintedResult::Pass,
        ItemResult::Fail => PrintedResult::Fail,
        ItemResult::Inconclusive => PrintedResult::Inconclusive,
        ItemResult::NotApplicable => PrintedResult::NotApplicable,
    }
}

/// The utilities the owner pays, in words (what the rent includes).
fn owner_paid(d: &UnitDetails) -> String {
    let words: Vec<&str> = d.owner_utilities.iter().map(|u| u.label()).collect();
    if words.is_empty() {
        "None".into()
    } else {
        words.join(", ")
    }
}

pub(crate) fn invalid(e: DocumentError) -> DeskError {
    match e {
        DocumentError::Invalid(why) => ValidationErrors::single("document", why).into(),
        DocumentError::Font => {
            DeskError::Store(db::StoreError::Invariant("the embedded font could not be read".into()))
        }
    }
}
