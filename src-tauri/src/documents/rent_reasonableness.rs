//! The rent reasonableness certification (Guide: Rent Reasonableness, "The
//! contract rent charged for a unit must be reasonable in relation to rents
//! currently being charged for comparable units in the private unassisted
//! market"; "Grantees must complete and retain documentation of a rent
//! comparison for that unit and no less than 3 other units").

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::income_summary::dollars;
use super::layout::{Column, Document, Row, SignatureLine};
use super::DocumentError;
use crate::rules::Money;

/// The fewest comparable units the Guide accepts.
pub const MINIMUM_COMPARABLES: usize = 3;

/// Everything the certification shows.
pub struct RentReasonableness {
    /// The grantee's name, at the head of every page.
    pub office_name: String,
    /// Printed in the footer of every page, e.g. "RR-000017".
    pub identifier: String,
    pub prepared_on: NaiveDate,
    /// The unit whose rent is proposed.
    pub unit: UnitFeatures,
    pub owner_name: String,
    pub proposed_rent: Money,
    /// Unassisted units in the private market, at least three.
    pub comparables: Vec<Comparable>,
    pub determination: Determination,
    /// How the staff member weighed the differences.
    pub notes: String,
    pub staff_name: String,
    pub supervisor_name: String,
}

/// What the Guide says to compare: location, quality, size, unit type, age,
/// amenities and the utilities the owner provides.
pub struct UnitFeatures {
    pub address: String,
    pub bedrooms: u8,
    /// "Apartment", "Row house", "Single-family house", ...
    pub unit_type: &'static str,
    pub square_feet: Option<u32>,
    pub year_built: Option<u16>,
    /// Condition and quality, e.g. "Good: kitchen renovated 2021".
    pub quality: String,
    /// Amenities, housing services and maintenance, e.g. "Laundry in building, off-street parking".
    pub amenities: String,
    /// Utilities included in the rent, e.g. "Heat, water, trash"; empty for none.
    pub utilities_included: String,
}

/// A comparable unit, its rent, and where and when that rent was seen.
pub struct Comparable {
    pub unit: UnitFeatures,
    pub rent: Money,
    /// E.g. "Zillow listing", "Owner's rent roll", "Phone call to the manager".
    pub source: String,
    pub seen_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Determination {
    Reasonable,
    NotReasonable,
}

/// The sentence the staff member and supervisor sign.
pub fn certification(d: Determination) -> &'static str {
    match d {
        Determination::Reasonable => {
            "I certify that I compared the proposed rent for this unit with the rents currently charged for the \
             comparable unassisted units above, taking into account location, quality, size, unit type, age, \
             amenities, housing services, maintenance and the utilities the owner provides, and that the proposed \
             rent is reasonable in relation to them and, as far as I could find, not more than the owner charges for \
             comparable unassisted units."
        }
        Determination::NotReasonable => {
            "I certify that I compared the proposed rent for this unit with the rents currently charged for the \
             comparable unassisted units above, taking into account location, quality, size, unit type, age, \
             amenities, housing services, maintenance and the utilities the owner provides, and that the proposed \
             rent is not reasonable in relation to them."
        }
    }
}

/// Lays the certification out and answers the PDF's bytes; refuses fewer
/// than three comparables.
pub fn render(r: &RentReasonableness) -> Result<Vec<u8>, DocumentError> {
    let (header, footer) = running_header(r);
    let mut doc = Document::new("Rent Reasonableness Certification", &header, &footer)?;
    write(&mut doc, r)?;
    Ok(doc.finish())
}

/// Lays the certification into `doc`, from a fresh page, with its own
/// header, footer and bookmark; refuses fewer than three comparables.
pub fn write(doc: &mut Document, r: &RentReasonableness) -> Result<(), DocumentError> {
    if r.comparables.len() < MINIMUM_COMPARABLES {
        return Err(DocumentError::Invalid(format!(
            "A rent reasonableness certification needs at least {MINIMUM_COMPARABLES} comparable unassisted units \
             (Guide: Rent Reasonableness); {} {} given. Add comparables before printing.",
            r.comparables.len(),
            if r.comparables.len() == 1 { "was" } else { "were" }
        )));
    }
    let (header, footer) = running_header(r);
    doc.fresh_page();
    doc.set_running_header(&header, &footer);
    doc.bookmark("Rent reasonableness certification");
    doc.title("Rent Reasonableness Certification");
    let u = &r.unit;
    doc.facts(&[
        ("Unit", u.address.clone()),
        ("Owner", r.owner_name.clone()),
        ("Size and age", size(u, "; ")),
        ("Condition", u.quality.clone()),
        ("Amenities", u.amenities.clone()),
        ("Utilities in rent", utilities(u)),
        ("Proposed rent", format!("{} a month", dollars(r.proposed_rent))),
    ]);

    doc.heading("Comparable unassisted units");
    let columns = [
        Column::left("Address", 0.17),
        Column::left("Size and age", 0.14),
        Column::left("Condition", 0.13),
        Column::left("Amenities", 0.17),
        Column::left("Utilities in rent", 0.11),
        Column::right("Rent", 0.11),
        Column::left("Where and when seen", 0.17),
    ];
    let rows: Vec<Row> = r
        .comparables
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let u = &c.unit;
            let seen = format!("{}\n{}", c.source, us(c.seen_on));
            let address = format!("{}. {}", i + 1, u.address);
            Row::new(vec![
                address,
                size(u, "\n"),
                u.quality.clone(),
                u.amenities.clone(),
                utilities(u),
                dollars(c.rent),
                seen,
            ])
        })
        .collect();
    doc.table(&columns, &rows);

    let rents: Vec<Money> = r.comparables.iter().map(|c| c.rent).collect();
    let (low, high) =
        (rents.iter().min().copied().unwrap_or_default(), rents.iter().max().copied().unwrap_or_default());
    let average = Money(rents.iter().copied().sum::<Money>().0 / Decimal::from(rents.len())).to_cents();
    let against = if r.proposed_rent > average {
        format!("{} above the average", dollars(r.proposed_rent - average))
    } else if r.proposed_rent < average {
        format!("{} below the average", dollars(average - r.proposed_rent))
    } else {
        "equal to the average".into()
    };
    let range = if r.proposed_rent > high {
        "above the highest comparable"
    } else if r.proposed_rent < low {
        "below the lowest comparable"
    } else {
        "within the range of the comparables"
    };
    doc.heading("Summary");
    doc.table(
        &[
            Column::right("Lowest", 0.16),
            Column::right("Highest", 0.16),
            Column::right("Average", 0.16),
            Column::right("Proposed rent", 0.18),
            Column::left("Proposed against the comparables", 0.34),
        ],
        &[Row::new(vec![
            dollars(low),
            dollars(high),
            dollars(average),
            dollars(r.proposed_rent),
            format!("{against}; {range}"),
        ])],
    );

    doc.heading("Determination");
    doc.callout(&format!(
        "The proposed rent of {} a month is {}.",
        dollars(r.proposed_rent),
        match r.determination {
            Determination::Reasonable => "REASONABLE",
            Determination::NotReasonable => "NOT REASONABLE",
        }
    ));
    if !r.notes.trim().is_empty() {
        doc.paragraph(&format!("Notes: {}", r.notes.trim()));
    }

    doc.heading("Certification");
    doc.paragraph(certification(r.determination));
    doc.signatures(&[
        SignatureLine { label: format!("Staff member: {}", r.staff_name), drawn: None },
        SignatureLine { label: format!("Supervisor: {}", r.supervisor_name), drawn: None },
    ]);
    Ok(())
}

fn running_header(r: &RentReasonableness) -> (String, String) {
    (
        format!("{}  ·  Rent reasonableness", r.office_name),
        format!("Rent reasonableness certification  ·  {}  ·  {}", us(r.prepared_on), r.identifier),
    )
}

fn size(u: &UnitFeatures, sep: &str) -> String {
    let bedrooms = match u.bedrooms {
        0 => "Efficiency".to_string(),
        n => format!("{n} BR"),
    };
    let feet = u.square_feet.map_or_else(|| "sq ft unknown".into(), |f| format!("{f} sq ft"));
    let built = u.year_built.map_or_else(|| "year built unknown".into(), |y| format!("built {y}"));
    format!("{bedrooms} {}{sep}{feet}{sep}{built}", u.unit_type.to_lowercase())
}

fn utilities(u: &UnitFeatures) -> String {
    if u.utilities_included.trim().is_empty() {
        "None".into()
    } else {
        u.utilities_included.clone()
    }
}

fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::str::FromStr;

    /// Address|sq ft|built|condition|amenities|utilities|rent|where seen|day of March 2026; "@" for LAUNDRY.
    const COMPARABLES: &str = "\
        4617 N Beacon St, Apt 3|600|1918|Good: updated 2019|@|Heat, water|1150|Zillow listing|3\n\
        1047 W Leland Ave, Apt 1E|700|1926|Very good: full gut rehab 2022|In-unit washer and dryer, dishwasher, \
        bike room|Water, trash|1295|Apartments.com listing|4\n\
        4730 N Magnolia Ave, Apt G|560|1929|Fair: original kitchen, garden level|Laundry in building|Heat, water, \
        trash|1050|Phone call to the building manager|4\n\
        4545 N Malden St, Apt 1|650|1924|Good: same owner, unassisted tenant|@|Heat, water, trash|1200|Owner's rent \
        roll, unassisted unit|5\n\
        1250 W Sunnyside Ave, Apt 4S|680|1964|Good: elevator building|Elevator, laundry room, parking space for $75 \
        a month|Heat, cooking gas, water|1225|Craigslist listing and site visit|6\n\
        4420 N Clifton Ave, Apt 2|620|1912|Average: carpet worn, older windows|Laundry in the basement|Water|1095|\
        Domu listing|6\n\
        4801 N Winthrop Ave, Apt 905|590|1971|Good: high rise with doorman|Doorman, fitness room, laundry on every \
        floor|Heat, water, trash|1240|Leasing office quote|9\n\
        4850 N Kenmore Ave, Apt 3B|610|1927|Good: new windows 2020|@|Heat, water|1175|Zillow listing|10\n\
        1036 W Argyle St, Apt 2|575|1915|Fair: shared porch, window units|Laundry in building|Water, trash|1025|\
        Yard sign, phone call to the owner|10";
    const LAUNDRY: &str = "Laundry in the basement, intercom entry, on-site maintenance";

    pub(crate) fn example() -> RentReasonableness {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let money = |s: &str| Money(Decimal::from_str(s).unwrap());
        let unit = |f: &[&str]| UnitFeatures {
            address: f[0].into(),
            bedrooms: 1,
            unit_type: "Apartment",
            square_feet: f[1].parse().ok(),
            year_built: f[2].parse().ok(),
            quality: f[3].into(),
            amenities: if f[4] == "@" { LAUNDRY.into() } else { f[4].into() },
            utilities_included: f[5].into(),
        };
        let comparables = COMPARABLES
            .lines()
            .map(|line| line.split('|').collect::<Vec<_>>())
            .map(|f| Comparable {
                unit: unit(&f),
                rent: money(f[6]),
                source: f[7].into(),
                seen_on: d(f[8].parse().unwrap()),
            })
            .collect();
        RentReasonableness {
            office_name: "Thresholds Housing Services (Grantee)".into(),
            identifier: "RR-000017".into(),
            prepared_on: d(12),
            unit: unit(&[
                "4521 N Malden St, Apt 2R, Chicago, IL 60640",
                "640",
                "1924",
                "Good: kitchen and bath renovated 2021",
                "@",
                "Heat, water, trash",
            ]),
            owner_name: "Łukasz Wójcik, Uptown Lakeside Management LLC".into(),
            proposed_rent: money("1195"),
            comparables,
            determination: Determination::Reasonable,
            notes: "The proposed rent is in the middle of the range. The unit includes heat, which three of the \
                    nine comparables do not; the dearest units offer in-unit laundry, an elevator or a doorman, which \
                    this unit lacks. The owner charges $1,200.00 for the unassisted unit at 4545 N Malden, of the \
                    same size and age, so the proposed rent is not above what the owner charges unassisted tenants."
                .into(),
            staff_name: "Maria Okafor".into(),
            supervisor_name: "Nguyễn Thị Lan".into(),
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
    fn the_proposed_rent_stands_beside_nine_comparables() {
        let started = std::time::Instant::now();
        let bytes = render(&example()).unwrap();
        eprintln!("rent reasonableness rendered in {:?}", started.elapsed());
        let text = pdf_text(&bytes, "housing-desk-rent-reasonableness.pdf");
        assert_eq!(
            text.matches('\u{c}').count(),
            2,
            "nine comparables break onto a second page, the certification with them:\n{text}"
        );
        // 1150 + 1295 + 1050 + 1200 + 1225 + 1095 + 1240 + 1175 + 1025 = 10455;
        // / 9 = 1161.67; 1195 − 1161.67 = 33.33.
        for want in [
            "Rent Reasonableness Certification",
            "4521 N Malden St, Apt 2R, Chicago, IL 60640",
            "Łukasz Wójcik",
            "1 BR apartment; 640 sq ft; built 1924",
            "$1,195.00 a month",
            "Argyle St, Apt 2",
            "Yard sign,",
            "Phone call to",
            "the building",
            "03/09/2026",
            "$1,025.00",
            "$1,295.00",
            "$1,161.67",
            "$33.33 above the average; within",
            "the range of the comparables",
            "The proposed rent of $1,195.00 a month is REASONABLE.",
            "Notes: The proposed rent is in the middle of the range.",
            "I certify that I compared the proposed rent",
            "Staff member: Maria Okafor",
            "Supervisor: Nguyễn Thị Lan",
            "RR-000017 · Page 1 of 2",
            "Page 2 of 2",
        ] {
            assert!(text.contains(want), "the certification shows {want:?}:\n{text}");
        }
    }

    #[test]
    fn fewer_than_three_comparables_are_refused() {
        let mut r = example();
        r.comparables.truncate(2);
        let err = render(&r).unwrap_err();
        assert!(matches!(err, DocumentError::Invalid(_)), "two comparables are not enough");
        assert!(err.to_string().contains("at least 3 comparable"), "the message says how many: {err}");
        r = example();
        r.comparables.truncate(3);
        assert!(render(&r).is_ok(), "three are enough");
    }
}
