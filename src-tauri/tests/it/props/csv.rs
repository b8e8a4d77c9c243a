//! The CSV importers: HUD's Fair Market Rents, 30% AMI income limits and
//! Small Area FMRs (`reference::parse_figures`, saved by `import_figures`),
//! a PHA's utility allowance schedule (`reference::parse_schedule`, saved by
//! `import_utility_schedule`), and the HMIS export's own check, which reads
//! its CSV files back (`reports::hmis_csv::validate`). Any text, any
//! bytes: never a panic, and an error that says what to fix; a table
//! written from generated rows reads back, and saves and reads back from
//! the store, as those rows.

use std::cell::Cell;

use chrono::NaiveDate;
use housing_desk::reference::{self, FigureImport, FigureKind, ImportedRow, ScheduleImport};
use housing_desk::reports::hmis_csv::{self, HmisFile};
use housing_desk::rules::money::LARGEST_AMOUNT;
use housing_desk::rules::utility_allowance::{Fuel, ScheduleRow, Utility};
use housing_desk::rules::Money;
use housing_desk::store as db;
use housing_desk::validation::Choice;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::check;
use super::money::held_amount;
use crate::support::*;

const KINDS: [FigureKind; 3] = [FigureKind::FairMarketRents, FigureKind::IncomeLimits, FigureKind::SmallAreaFmrs];

#[test]
fn any_text_is_a_table_or_an_error_that_says_what_to_fix() {
    check(file!(), "CSV importers on any text", 3_000, csv_ish(), |text| {
        for kind in KINDS {
            match reference::parse_figures(kind, &text) {
                Ok(rows) => {
                    prop_assert!(!rows.is_empty());
                    for row in &rows {
                        prop_assert!(!row.area.is_empty());
                        prop_assert!(kind != FigureKind::SmallAreaFmrs || reference::is_zip(&row.area), "{row:?}");
                        prop_assert!(row.amounts.iter().all(|(_, m)| in_range(*m)), "{row:?}");
                    }
                }
                Err(message) => says_what_to_fix(&message)?,
            }
        }
        match reference::parse_schedule(&text) {
            Ok(rows) => {
                prop_assert!(!rows.is_empty());
                for row in &rows {
                    prop_assert_eq!(row.utility.has_fuel(), row.fuel != Fuel::None, "{:?}", row);
                    prop_assert!(row.by_bedrooms.iter().all(|m| in_range(*m)), "{row:?}");
                }
            }
            Err(message) => says_what_to_fix(&message)?,
        }
        Ok(())
    });
}

#[test]
fn hud_tables_written_from_rows_read_back_as_those_rows() {
    let table = select(KINDS.to_vec()).prop_flat_map(hud_table);
    check(file!(), "HUD tables read back", 3_000, table, |(kind, rows, text)| {
        let read = reference::parse_figures(kind, &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(read, rows, "{}", text);
        Ok(())
    });
}

#[test]
fn utility_schedules_written_from_rows_read_back_as_those_rows() {
    check(file!(), "utility schedules read back", 1_000, schedule_table(), |(rows, text)| {
        let read = reference::parse_schedule(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(read, rows, "{}", text);
        Ok(())
    });
}

/// Through the store: what is imported is what the Settings page shows and
/// what a calculation on that date finds.
#[test]
fn imported_tables_are_saved_and_read_back_as_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = admin_desk(dir.path());
    let (store, admin) = desk.signed_in().unwrap();
    let admin = admin.clone();
    let store = std::cell::RefCell::new(store);
    let case = Cell::new(0i64);
    let first = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let table = select(KINDS.to_vec()).prop_flat_map(hud_table);
    check(file!(), "HUD tables saved and read back", 100, table, |(kind, rows, text)| {
        // A date of its own for each case, so each reads back only itself.
        case.set(case.get() + 1);
        let from = first + chrono::Days::new(case.get() as u64);
        let import =
            FigureImport { kind, effective_from: from.to_string(), source: "HUD, generated".into(), csv: text.clone() };
        let store = &mut **store.borrow_mut();
        let summary = reference::import_figures(store, &admin, &import, moment())
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let amounts: usize = rows.iter().map(|r| r.amounts.len()).sum();
        prop_assert_eq!((summary.areas as usize, summary.added as usize, summary.changed), (rows.len(), amounts, 0));
        let tables = reference::tables(store, &admin).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        for row in &rows {
            for (n, amount) in &row.amounts {
                let saved = match kind {
                    FigureKind::SmallAreaFmrs => db::reference::small_area_fmr_on(store.conn(), &row.area, *n, from)
                        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?
                        .filter(|f| f.effective_from == from)
                        .map(|f| f.amount.to_string()),
                    _ => {
                        let area = tables.areas.iter().find(|a| a.area.name == row.area);
                        let figures =
                            area.map(|a| if kind == FigureKind::IncomeLimits { &a.income_limits } else { &a.fmrs });
                        let first_size = if kind == FigureKind::IncomeLimits { 1 } else { 0 };
                        figures
                            .and_then(|f| f.iter().find(|r| r.effective_from == from))
                            .and_then(|r| r.amounts.get((n - first_size) as usize).cloned().flatten())
                    }
                };
                prop_assert_eq!(saved, Some(amount.to_string()), "{:?} {} {}", kind, row.area, n);
            }
        }
        Ok(())
    });
    let case = Cell::new(0u32);
    check(file!(), "utility schedules saved and read back", 100, schedule_table(), |(rows, text)| {
        case.set(case.get() + 1);
        let name = format!("Generated schedule {}", case.get());
        let import = ScheduleImport {
            name: name.clone(),
            pha: "Generated PHA".into(),
            unit_type: "apartment".into(),
            effective_from: first.to_string(),
            source: "generated".into(),
            csv: text.clone(),
        };
        let store = &mut **store.borrow_mut();
        let count = reference::import_utility_schedule(store, &admin, &import, moment())
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        prop_assert_eq!(count as usize, rows.len());
        let schedules = reference::utility_schedules(store).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let saved = schedules.iter().find(|s| s.name == name).ok_or_else(|| TestCaseError::fail("not saved"))?;
        let saved: Vec<_> = saved.rows.iter().map(|r| (r.utility, r.fuel, r.amounts.clone())).collect();
        let mut want: Vec<_> =
            rows.iter().map(|r| (r.utility, r.fuel, r.by_bedrooms.iter().map(Money::to_string).collect())).collect();
        want.sort();
        let mut saved = saved;
        saved.sort();
        prop_assert_eq!(saved, want);
        Ok(())
    });
}

#[test]
fn the_hmis_check_reads_any_file_text_without_a_panic() {
    let files = vec(prop_oneof![3 => hmis_ish(), 1 => csv_ish().prop_map(|text| (0, text))], NAMES.len());
    check(file!(), "HMIS check on any file text", 500, files, |texts| {
        let files: Vec<HmisFile> =
            NAMES.iter().zip(texts).map(|(name, (_, text))| HmisFile { name: name.0, text }).collect();
        for problem in hmis_csv::validate(&files) {
            prop_assert!(NAMES.iter().any(|(n, _)| problem.file == *n), "{problem:?}");
            prop_assert!(!problem.message.is_empty());
        }
        Ok(())
    });
}

// ---- Checks ----

fn in_range(m: Money) -> bool {
    Money::ZERO <= m && m <= LARGEST_AMOUNT
}

/// The importers' errors: the line (and column) at fault, or the column or
/// rows missing, in words for the person who pasted the table.
fn says_what_to_fix(message: &str) -> Result<(), TestCaseError> {
    let starts = ["Line ", "No ", "The first line must name the columns", "The CSV has no rows"];
    prop_assert!(starts.iter().any(|s| message.starts_with(s)), "unclear error: {message:?}");
    Ok(())
}

// ---- Any text ----

/// CSV-ish text: headers from the importers' own names and anything else,
/// cells of amounts, words, quotes, long runs and any characters, quoted
/// properly or not at all, with a BOM or not, and any line ending; or any
/// bytes at all (read as the window sends them, which is UTF-8 with
/// anything else replaced).
fn csv_ish() -> BoxedStrategy<String> {
    let names = [
        "area",
        "fmr_areaname",
        "Area Name",
        "zip",
        "ZIP-Code",
        "counties",
        "cntyname",
        "fmr_0",
        "fmr_1",
        "FMR 2",
        "fmr3",
        "fmr_4",
        "eli_1",
        "l30_2",
        "ELI-3",
        "eli_8",
        "safmr_0",
        "safmr_1",
        "safmr_2",
        "safmr_3",
        "safmr_4",
        "utility",
        "fuel",
        "br_0",
        "br_1",
        "2br",
        "3_br",
        "bedrooms_4",
        "br_5",
        "",
    ];
    let header = prop_oneof![6 => select(names.to_vec()).prop_map(String::from), 1 => "[a-z_ ]{0,12}", 1 => ".{0,20}"];
    let words = [
        "",
        "1512",
        "$1,512",
        "0",
        "-5",
        "1e3",
        "abc",
        "1000000000.01",
        "$1,000,000,000.00",
        "Cook",
        "60601",
        "6060",
        "heating",
        "Natural gas",
        "water_heating",
        "electric",
        "Other electric (lights and appliances)",
        "water",
        "\"",
        "\"\"",
        "a\"b",
        "\r\n",
        "\u{feff}",
        " ",
        ",",
    ];
    let cell = prop_oneof![
        8 => select(words.to_vec()).prop_map(String::from),
        2 => any::<String>(),
        1 => ("[0-9]{1,9}", 3usize..40).prop_map(|(digits, n)| digits.repeat(n)),
        1 => ("[a-z\", ]{1,8}", 200usize..800).prop_map(|(run, n)| run.repeat(n)),
    ];
    let table = (
        vec(header, 0..14),
        vec(vec(cell, 0..16), 0..8),
        any::<bool>(),
        any::<bool>(),
        select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(headers, rows, bom, quote, end)| {
            let line = |cells: &[String]| -> String {
                let cells: Vec<String> = if quote { cells.iter().map(|c| quoted(c)).collect() } else { cells.to_vec() };
                cells.join(",")
            };
            let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
            text.push_str(&line(&headers));
            for row in &rows {
                text.push_str(end);
                text.push_str(&line(row));
            }
            text
        });
    prop_oneof![
        6 => table,
        1 => any::<String>(),
        1 => vec(any::<u8>(), 0..2000).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
    .boxed()
}

fn quoted(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

// ---- Tables from rows ----

/// A HUD table of the kind: its rows as they must read back, and its CSV
/// text written by the `csv` crate (quoting where a name needs it), under
/// any of the names HUD and staff give the columns, with or without a BOM.
fn hud_table(kind: FigureKind) -> BoxedStrategy<(FigureKind, Vec<ImportedRow>, String)> {
    let (sizes, area_names, prefixes): (Vec<u32>, &[&str], &[&str]) = match kind {
        FigureKind::FairMarketRents => {
            ((0..=4).collect(), &["area", "fmr_areaname", "AreaName", "HUD Area Name", "name"], &["fmr_", "FMR "])
        }
        FigureKind::IncomeLimits => {
            ((1..=8).collect(), &["area", "hud_area_name", "areaname"], &["eli_", "L30-", "ELI "])
        }
        FigureKind::SmallAreaFmrs => ((0..=4).collect(), &["zip", "ZIP Code", "zipcode"], &["safmr_", "SAFMR "]),
    };
    let columns = subsequence(sizes.clone(), 1..=sizes.len());
    let area = if kind == FigureKind::SmallAreaFmrs { "[0-9]{5}".boxed() } else { area_name() };
    let cell = prop_oneof![1 => Just(None), 5 => held_amount().prop_map(|m| Some(Money(m.0.abs())))];
    let row = (area, option_of_counties(), vec(cell, 8));
    (columns, vec(row, 1..6), select(area_names), select(prefixes), any::<bool>(), any::<bool>(), vec(0usize..3, 8))
        .prop_map(move |(columns, rows, area_name, prefix, bom, crlf, forms)| {
            let mut header = vec![area_name.to_string(), "counties".into()];
            header.extend(columns.iter().map(|n| format!("{prefix}{n}")));
            let mut records = vec![header];
            let mut want = Vec::new();
            for (i, (area, counties, cells)) in rows.into_iter().enumerate() {
                // One row per area: a later row of the same name would replace it.
                let area = if kind == FigureKind::SmallAreaFmrs {
                    format!("{:05}", (area.parse::<u32>().unwrap_or(0) + i as u32) % 100_000)
                } else {
                    format!("{area} {i}")
                };
                let mut record = vec![area.clone(), counties.clone()];
                let mut amounts = Vec::new();
                for (k, n) in columns.iter().enumerate() {
                    match cells[k] {
                        Some(m) => {
                            record.push(written(m, forms[k]));
                            amounts.push((*n, m));
                        }
                        None => record.push(String::new()),
                    }
                }
                records.push(record);
                want.push(ImportedRow { area, counties, amounts });
            }
            (kind, want, write(&records, bom, crlf))
        })
        .boxed()
}

/// A utility schedule: rows of distinct utility and fuel, by code or by
/// the words of form HUD-52667 in any case, six amounts each.
fn schedule_table() -> BoxedStrategy<(Vec<ScheduleRow>, String)> {
    let pairs: Vec<(Utility, Fuel)> = Utility::ALL
        .iter()
        .flat_map(|u| {
            let fuels: Vec<Fuel> = if u.has_fuel() {
                Fuel::ALL.iter().copied().filter(|f| *f != Fuel::None).collect()
            } else {
                vec![Fuel::None]
            };
            fuels.into_iter().map(move |f| (*u, f))
        })
        .collect();
    let count = pairs.len();
    let amounts = vec(held_amount().prop_map(|m| Money(m.0.abs())), 6);
    let line = (amounts, 0usize..4, 0usize..3);
    (
        subsequence(pairs, 1..=count).prop_shuffle().prop_flat_map(move |pairs| {
            let n = pairs.len();
            (Just(pairs), vec(line.clone(), n))
        }),
        select(vec![["br_", ""], ["", "br"], ["", "_br"], ["bedrooms_", ""], ["BR ", ""]]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|((pairs, lines), bedrooms, bom, crlf)| {
            let mut header = vec!["Utility".to_string(), "fuel".into()];
            header.extend((0..6).map(|b| format!("{}{b}{}", bedrooms[0], bedrooms[1])));
            let mut records = vec![header];
            let mut want = Vec::new();
            for ((utility, fuel), (by_bedrooms, words, form)) in pairs.into_iter().zip(lines) {
                let name = |code: &str, label: &str| match words {
                    0 => code.to_string(),
                    1 => label.to_string(),
                    2 => label.to_uppercase(),
                    _ => code.replace('_', " "),
                };
                let fuel_text = if fuel == Fuel::None { String::new() } else { name(fuel.code(), fuel.label()) };
                let mut record = vec![name(utility.code(), utility.label()), fuel_text];
                record.extend(by_bedrooms.iter().map(|m| written(*m, form)));
                records.push(record);
                let by_bedrooms =
                    [by_bedrooms[0], by_bedrooms[1], by_bedrooms[2], by_bedrooms[3], by_bedrooms[4], by_bedrooms[5]];
                want.push(ScheduleRow { utility, fuel, by_bedrooms });
            }
            (want, write(&records, bom, crlf))
        })
        .boxed()
}

/// An area's name as HUD prints it or staff type it: any letters of any
/// script, commas, quotes and line breaks inside; no space at either end,
/// which the importer trims.
fn area_name() -> BoxedStrategy<String> {
    prop_oneof![
        "\\PC{1,40}",
        "[A-Za-z ,\"'\n;-]{1,30}",
        Just("Chicago-Joliet-Naperville, IL HUD Metro FMR Area".into())
    ]
    .prop_map(|s: String| s.trim().to_string())
    .prop_filter("a name", |s| !s.is_empty())
    .boxed()
}

fn option_of_counties() -> BoxedStrategy<String> {
    prop_oneof![Just(String::new()), Just("Cook".to_string()), "\\PC{1,20}".prop_map(|s: String| s.trim().to_string())]
        .boxed()
}

/// An amount as HUD or staff write it: `1512.00`, `$1,512.00`, or whole
/// dollars where it has no cents.
fn written(m: Money, form: usize) -> String {
    match form {
        0 => m.to_string(),
        1 => m.dollars(),
        _ if m.0.fract().is_zero() => m.0.trunc().to_string(),
        _ => m.0.to_string(),
    }
}

fn write(records: &[Vec<String>], bom: bool, crlf: bool) -> String {
    let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    let mut w = csv::WriterBuilder::new().terminator(terminator).from_writer(Vec::new());
    for r in records {
        w.write_record(r).expect("writing to memory");
    }
    let bytes = w.into_inner().expect("writing to memory");
    let text = String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out");
    if bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

// ---- HMIS ----

/// The nine files of the export, with their FY2026 headers.
const NAMES: [(&str, &[&str]); 9] = [
    ("Export.csv", hmis_csv::EXPORT_COLUMNS),
    ("Organization.csv", hmis_csv::ORGANIZATION_COLUMNS),
    ("User.csv", hmis_csv::USER_COLUMNS),
    ("Project.csv", hmis_csv::PROJECT_COLUMNS),
    ("Client.csv", hmis_csv::CLIENT_COLUMNS),
    ("Enrollment.csv", hmis_csv::ENROLLMENT_COLUMNS),
    ("Exit.csv", hmis_csv::EXIT_COLUMNS),
    ("IncomeBenefits.csv", hmis_csv::INCOME_BENEFITS_COLUMNS),
    ("Disabilities.csv", hmis_csv::DISABILITIES_COLUMNS),
];

/// A file of the export with its right header (so every check runs) and
/// rows of plausible and odd cells, short or long.
fn hmis_ish() -> BoxedStrategy<(usize, String)> {
    let cell = prop_oneof![
        6 => select(vec!["", "1", "2", "99", "2026-11-01", "2026-11-01 12:00:00", "2026-02-30", "943.00", "x", "FY2026"])
            .prop_map(String::from),
        1 => ".{0,10}",
    ];
    (0..NAMES.len(), vec(vec(cell, 0..40), 0..4))
        .prop_map(|(i, rows)| {
            let mut text = NAMES[i].1.join(",");
            for row in rows {
                text.push('\n');
                text.push_str(&row.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(","));
            }
            (i, text)
        })
        .boxed()
}
