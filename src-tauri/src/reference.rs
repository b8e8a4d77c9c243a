//! The program reference tables: figures that change by year or by place,
//! each with the date it took effect and where it came from.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{Role, Session};
use crate::audit::{AuditAction, AuditEntry, Change, Entity};
use crate::desk::Moment;
use crate::error::DeskError;
use crate::rules::money::{parse_typed, LARGEST_AMOUNT};
use crate::rules::utility_allowance::{Fuel, ScheduleRow, Utility};
use crate::rules::Money;
use crate::store::{self as db, Store};
use crate::validation::{Checker, Choice, ValidationErrors};

/// The 24 CFR 5.611 deduction amounts in force from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeductionSet {
    pub effective_from: NaiveDate,
    pub label: String,
    pub dependent_deduction: Money,
    pub elderly_disabled_deduction: Money,
    pub medical_threshold_percent: Decimal,
    pub source: String,
}

/// A Fair Market Rent area, with the counties it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FmrArea {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub counties: String,
}

/// One published figure in force on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub amount: Money,
    pub effective_from: NaiveDate,
    pub source: String,
}

/// A value a calculation used, as shown beside the result and kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct ParameterUsed {
    pub name: String,
    pub value: String,
    pub effective_from: String,
    pub source: String,
}

// ---- Showing and changing the tables (supervisors and administrators) ----

/// A deduction set as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeductionSetView {
    pub effective_from: NaiveDate,
    pub label: String,
    pub dependent_deduction: String,
    pub elderly_disabled_deduction: String,
    pub medical_threshold_percent: String,
    pub source: String,
}

/// One date's figures for an area: FMRs by bedrooms 0–4, or income limits
/// by household size 1–8 (index 0 is one person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FigureRow {
    pub effective_from: NaiveDate,
    pub source: String,
    pub amounts: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AreaTables {
    pub area: FmrArea,
    pub fmrs: Vec<FigureRow>,
    pub income_limits: Vec<FigureRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProgramLimitView {
    pub code: String,
    pub label: String,
    pub value: String,
    pub effective_from: NaiveDate,
    pub source: String,
}

/// A PHA utility allowance schedule as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScheduleView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub pha: String,
    pub unit_type: String,
    pub effective_from: NaiveDate,
    pub source: String,
    pub rows: Vec<ScheduleRowView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScheduleRowView {
    pub utility: Utility,
    pub fuel: Fuel,
    /// Monthly dollars for 0 to 5 bedrooms.
    pub amounts: Vec<String>,
}

/// A PHA's schedule (HUD-52667) as CSV, with its heading.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ScheduleImport {
    pub name: String,
    pub pha: String,
    pub unit_type: String,
    pub effective_from: String,
    pub source: String,
    pub csv: String,
}

/// Every reference table, for the Settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReferenceTables {
    /// Whether the signed-in staff member may change them.
    pub can_edit: bool,
    /// Whether payment standards come from Small Area FMRs by ZIP code.
    pub use_small_area_fmrs: bool,
    /// How many ZIP codes have Small Area FMRs.
    #[ts(type = "number")]
    pub small_area_zips: u64,
    pub small_area_newest: Option<NaiveDate>,
    pub utility_schedules: Vec<ScheduleView>,
    pub deduction_sets: Vec<DeductionSetView>,
    pub areas: Vec<AreaTables>,
    pub program_limits: Vec<ProgramLimitView>,
}

/// A new deduction set as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct DeductionSetInput {
    pub effective_from: String,
    pub label: String,
    pub dependent_deduction: String,
    pub elderly_disabled_deduction: String,
    pub medical_threshold_percent: String,
    pub source: String,
}

/// A new value of one of the Guide's limits, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ProgramLimitInput {
    pub code: String,
    pub value: String,
    pub effective_from: String,
    pub source: String,
}

/// Which published table a CSV holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    FairMarketRents,
    IncomeLimits,
    /// Small Area FMRs by ZIP code (`zip`, `safmr_0` … `safmr_4`).
    SmallAreaFmrs,
}

/// A HUD table pasted or loaded as CSV, with the date it takes effect.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FigureImport {
    pub kind: FigureKind,
    pub effective_from: String,
    pub source: String,
    pub csv: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSummary {
    pub areas: u32,
    pub added: u32,
    pub changed: u32,
}

/// Who may change the program's figures: supervisors and administrators.
pub fn can_edit(role: Role) -> bool {
    matches!(role, Role::Supervisor | Role::Administrator)
}

pub fn tables(store: &Store, session: &Session) -> Result<ReferenceTables, DeskError> {
    let conn = store.conn();
    let deduction_sets = db::reference::deduction_sets(conn)?
        .into_iter()
        .map(|d| DeductionSetView {
            effective_from: d.effective_from,
            label: d.label,
            dependent_deduction: d.dependent_deduction.to_string(),
            elderly_disabled_deduction: d.elderly_disabled_deduction.to_string(),
            medical_threshold_percent: d.medical_threshold_percent.to_string(),
            source: d.source,
        })
        .collect();
    let mut areas = Vec::new();
    for area in db::reference::fmr_areas(conn)? {
        let fmrs = rows_by_date(db::reference::fmrs_for_area(conn, area.id)?, 0, 5);
        let income_limits = rows_by_date(db::reference::income_limits_for_area(conn, area.id)?, 1, 8);
        areas.push(AreaTables { area, fmrs, income_limits });
    }
    let program_limits = db::reference::program_limits(conn)?
        .into_iter()
        .map(|(code, effective_from, value, source)| ProgramLimitView {
            label: limit_label(&code).to_string(),
            code,
            value,
            effective_from,
            source,
        })
        .collect();
    let (small_area_zips, small_area_newest) = db::reference::small_area_summary(conn)?;
    Ok(ReferenceTables {
        can_edit: can_edit(session.role),
        use_small_area_fmrs: db::office::get(conn)?.is_some_and(|o| o.use_small_area_fmrs),
        small_area_zips,
        small_area_newest,
        utility_schedules: utility_schedules(store)?,
        deduction_sets,
        areas,
        program_limits,
    })
}

/// Every utility allowance schedule with its rows, newest first.
pub fn utility_schedules(store: &Store) -> Result<Vec<ScheduleView>, DeskError> {
    let conn = store.conn();
    db::reference::schedules(conn)?
        .into_iter()
        .map(|s| {
            let rows = db::reference::schedule_rows(conn, s.id)?
                .into_iter()
                .map(|r| ScheduleRowView {
                    utility: r.utility,
                    fuel: r.fuel,
                    amounts: r.by_bedrooms.iter().map(Money::to_string).collect(),
                })
                .collect();
            Ok(ScheduleView {
                id: s.id,
                name: s.name,
                pha: s.pha,
                unit_type: s.unit_type,
                effective_from: s.effective_from,
                source: s.source,
                rows,
            })
        })
        .collect()
}

/// Adds a PHA's utility allowance schedule from CSV: one row per utility
/// and fuel (`utility`, `fuel`, and `br_0` … `br_5`), all or nothing.
pub fn import_utility_schedule(
    store: &mut Store,
    session: &Session,
    import: &ScheduleImport,
    when: Moment,
) -> Result<u32, DeskError> {
    require_editor(session)?;
    let mut c = Checker::new();
    let name = c.required_text("name", &import.name, "a name for the schedule, like CHA apartments 2027", 200);
    let pha = c.required_text("pha", &import.pha, "the Public Housing Authority", 200);
    let unit_type = c.required_text("unit_type", &import.unit_type, "the unit type, like apartment", 100);
    let from = c.required_date("effective_from", &import.effective_from, "the date the schedule takes effect");
    let source = c.required_text("source", &import.source, "where the schedule comes from", 300);
    let rows = match parse_schedule(&import.csv) {
        Ok(rows) => Some(rows),
        Err(message) => {
            c.add("csv", message);
            None
        }
    };
    let (effective_from, rows) = c.finish(from.zip(rows))?;
    let created_at = db::audit::timestamp(when.at);
    let heading = db::reference::StoredSchedule { id: 0, name, pha, unit_type, effective_from, source };
    store.with_tx(|tx| {
        let Some(id) = db::reference::insert_schedule(tx, &heading, &rows, &created_at)? else {
            return Err(ValidationErrors::single(
                "effective_from",
                "A schedule of that name already starts on that date.",
            )
            .into());
        };
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::ReferenceTable,
            entity_id: Some(id),
            changes: vec![Change {
                field: "utility_schedule".into(),
                old: None,
                new: Some(format!("{} from {} ({} rows)", heading.name, heading.effective_from, rows.len())),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(rows.len() as u32)
    })
}

/// Reads a utility allowance schedule from CSV; utilities and fuels by code
/// or by their words ("water heating", "natural gas"); the error names the
/// line and column.
pub fn parse_schedule(text: &str) -> Result<Vec<ScheduleRow>, String> {
    let (table, records) = read_csv(text)?;
    let utility_col = table.column(&["utility"]).ok_or("No utility column: add one called utility.")?;
    let fuel_col = table.column(&["fuel"]);
    let mut bedroom_cols = Vec::new();
    for b in 0..6 {
        let col = table
            .column(&[format!("br_{b}"), format!("{b}br"), format!("{b}_br"), format!("bedrooms_{b}")])
            .ok_or_else(|| format!("No column for {b} bedrooms: name the columns br_0 to br_5."))?;
        bedroom_cols.push(col);
    }
    let code = |s: &str| s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let mut rows: Vec<ScheduleRow> = Vec::new();
    for record in records {
        let (line, record) = record?;
        let utility_text = record.get(utility_col).unwrap_or("");
        let utility = Utility::ALL
            .iter()
            .copied()
            .find(|u| u.code() == code(utility_text) || code(u.label()) == code(utility_text))
            .ok_or_else(|| {
                format!("Line {line}, column utility: {utility_text:?} is not a utility of form HUD-52667.")
            })?;
        let fuel_text = fuel_col.and_then(|c| record.get(c)).unwrap_or("");
        let fuel = if !utility.has_fuel() || fuel_text.is_empty() {
            Fuel::None
        } else {
            Fuel::ALL
                .iter()
                .copied()
                .find(|f| f.code() == code(fuel_text) || code(f.label()) == code(fuel_text))
                .ok_or_else(|| format!("Line {line}, column fuel: {fuel_text:?} is not a fuel."))?
        };
        if utility.has_fuel() && fuel == Fuel::None {
            return Err(format!("Line {line}, column fuel: {} needs its fuel.", utility.label()));
        }
        let mut by_bedrooms = [Money::ZERO; 6];
        for (slot, col) in by_bedrooms.iter_mut().zip(&bedroom_cols) {
            *slot = table.amount(&record, line, *col)?.ok_or_else(|| table.not_an_amount(&record, line, *col))?;
        }
        if rows.iter().any(|r| r.utility == utility && r.fuel == fuel) {
            return Err(format!("Line {line}: {} by {} is listed twice.", utility.label(), fuel.label()));
        }
        rows.push(ScheduleRow { utility, fuel, by_bedrooms });
    }
    if rows.is_empty() {
        return Err("The CSV has no rows under its header.".into());
    }
    Ok(rows)
}

pub fn add_deduction_set(
    store: &mut Store,
    session: &Session,
    input: &DeductionSetInput,
    when: Moment,
) -> Result<DeductionSetView, DeskError> {
    require_editor(session)?;
    let mut c = Checker::new();
    let effective_from = c.required_date("effective_from", &input.effective_from, "the date the amounts take effect");
    let label = c.required_text("label", &input.label, "a name for this set, like HOTMA 2027", 100);
    let dependent = c.amount("dependent_deduction", &input.dependent_deduction, "the dependent deduction", true);
    let elderly = c.amount(
        "elderly_disabled_deduction",
        &input.elderly_disabled_deduction,
        "the elderly or disabled family deduction",
        true,
    );
    let threshold = match input.medical_threshold_percent.trim().parse::<Decimal>() {
        Ok(p) if p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED => Some(p),
        _ => {
            c.add("medical_threshold_percent", "Enter the threshold as a percent from 0 to 100, like 10.");
            None
        }
    };
    let source = c.required_text("source", &input.source, "where the amounts come from", 300);
    let set = (|| {
        Some(DeductionSet {
            effective_from: effective_from?,
            label,
            dependent_deduction: dependent?,
            elderly_disabled_deduction: elderly?,
            medical_threshold_percent: threshold?,
            source,
        })
    })();
    let set = c.finish(set)?;
    let created_at = db::audit::timestamp(when.at);
    store.with_tx(|tx| {
        if !db::reference::insert_deduction_set(tx, &set, &created_at)? {
            return Err(ValidationErrors::single(
                "effective_from",
                "A set of amounts already takes effect on that date. Choose another date.",
            )
            .into());
        }
        let changes = crate::audit::diff(None, &set, &[]);
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::ReferenceTable,
            entity_id: None,
            changes,
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    Ok(DeductionSetView {
        effective_from: set.effective_from,
        label: set.label,
        dependent_deduction: set.dependent_deduction.to_string(),
        elderly_disabled_deduction: set.elderly_disabled_deduction.to_string(),
        medical_threshold_percent: set.medical_threshold_percent.to_string(),
        source: set.source,
    })
}

/// Imports HUD's Fair Market Rents (`fmr_0` … `fmr_4`) or extremely low
/// income limits (`eli_1` … `eli_8`, or `l30_1` …) from CSV, one row per
/// area (`area` or `fmr_areaname`, and optionally `counties`), all in one
/// transaction: every problem is reported by line and column, and nothing
/// is stored unless every row is good.
pub fn import_figures(
    store: &mut Store,
    session: &Session,
    import: &FigureImport,
    when: Moment,
) -> Result<ImportSummary, DeskError> {
    require_editor(session)?;
    let mut c = Checker::new();
    let from = c.required_date("effective_from", &import.effective_from, "the date the figures take effect");
    let source = c.required_text("source", &import.source, "where the figures come from, like HUD FY2027 FMR", 300);
    let rows = match parse_figures(import.kind, &import.csv) {
        Ok(rows) => Some(rows),
        Err(message) => {
            c.add("csv", message);
            None
        }
    };
    let (from, rows) = c.finish(from.zip(rows))?;
    store.with_tx(|tx| {
        let mut summary = ImportSummary { areas: 0, added: 0, changed: 0 };
        let mut changes = Vec::new();
        for row in &rows {
            use db::reference::FigureOf;
            let of = match import.kind {
                FigureKind::FairMarketRents => {
                    FigureOf::FairMarketRent { area: db::reference::area_id(tx, &row.area, &row.counties)? }
                }
                FigureKind::IncomeLimits => {
                    FigureOf::IncomeLimit { area: db::reference::area_id(tx, &row.area, &row.counties)? }
                }
                FigureKind::SmallAreaFmrs => FigureOf::SmallAreaFmr { zip: &row.area },
            };
            summary.areas += 1;
            for (n, amount) in &row.amounts {
                let old = db::reference::set_figure(tx, of, from, *n, *amount, &source)?;
                match old {
                    None => summary.added += 1,
                    Some(o) if o != *amount => summary.changed += 1,
                    Some(_) => continue,
                }
                let what = match import.kind {
                    FigureKind::FairMarketRents => format!("{} FMR {n} bedroom(s) from {from}", row.area),
                    FigureKind::IncomeLimits => format!("{} 30% AMI limit, {n} person(s), from {from}", row.area),
                    FigureKind::SmallAreaFmrs => format!("ZIP {} Small Area FMR {n} bedroom(s) from {from}", row.area),
                };
                changes.push(Change { field: what, old: old.map(|o| o.to_string()), new: Some(amount.to_string()) });
            }
        }
        if !changes.is_empty() {
            let entry = AuditEntry {
                actor: session.actor(),
                action: AuditAction::Update,
                entity: Entity::ReferenceTable,
                entity_id: None,
                changes,
            };
            db::audit::insert(tx, &entry, when.at)?;
        }
        // Units whose county had no FMR area get the one just imported.
        if import.kind == FigureKind::FairMarketRents {
            db::units::refresh_areas(tx)?;
        }
        Ok::<_, DeskError>(summary)
    })
}

/// One area's row of an imported table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    pub area: String,
    pub counties: String,
    /// (bedrooms or household size, amount)
    pub amounts: Vec<(u32, Money)>,
}

/// Reads a HUD table from CSV text; the error names the line and column.
pub fn parse_figures(kind: FigureKind, text: &str) -> Result<Vec<ImportedRow>, String> {
    let (table, records) = read_csv(text)?;
    let area_col = match kind {
        FigureKind::SmallAreaFmrs => table
            .column(&["zip", "zip_code", "zipcode"])
            .ok_or("No column names the ZIP code: add a column called zip.")?,
        _ => table
            .column(&["area", "fmr_areaname", "areaname", "hud_area_name", "name"])
            .ok_or("No column names the area: add a column called area (or fmr_areaname).")?,
    };
    let counties_col = table.column(&["counties", "cntyname", "county", "county_name"]);
    let (sizes, prefixes): (std::ops::RangeInclusive<u32>, &[&str]) = match kind {
        FigureKind::FairMarketRents => (0..=4, &["fmr_", "fmr"]),
        FigureKind::IncomeLimits => (1..=8, &["eli_", "l30_", "eli"]),
        FigureKind::SmallAreaFmrs => (0..=4, &["safmr_", "fmr_"]),
    };
    let columns: Vec<(u32, usize)> = sizes
        .filter_map(|n| prefixes.iter().find_map(|p| table.column(&[format!("{p}{n}")])).map(|col| (n, col)))
        .collect();
    if columns.is_empty() {
        return Err(match kind {
            FigureKind::FairMarketRents => "No FMR columns: name them fmr_0 to fmr_4.".into(),
            FigureKind::IncomeLimits => "No income limit columns: name them eli_1 to eli_8 (or l30_1 to l30_8).".into(),
            FigureKind::SmallAreaFmrs => "No Small Area FMR columns: name them safmr_0 to safmr_4.".into(),
        });
    }
    let mut rows = Vec::new();
    for record in records {
        let (line, record) = record?;
        let area = record.get(area_col).unwrap_or("").to_string();
        if area.is_empty() {
            return Err(format!("Line {line}: the area's name is empty."));
        }
        if kind == FigureKind::SmallAreaFmrs && !is_zip(&area) {
            return Err(format!(
                "Line {line}, column {}: {area:?} is not a 5-digit ZIP code.",
                table.headers[area_col]
            ));
        }
        let counties = counties_col.and_then(|c| record.get(c)).unwrap_or("").to_string();
        let mut amounts = Vec::new();
        for (n, col) in &columns {
            if let Some(amount) = table.amount(&record, line, *col)? {
                amounts.push((*n, amount));
            }
        }
        rows.push(ImportedRow { area, counties, amounts });
    }
    if rows.is_empty() {
        return Err("The CSV has no rows under its header.".into());
    }
    Ok(rows)
}

/// Adds a new value for one of the Guide's limits from a date (DMH may
/// change program policies: Guide, Purpose); earlier values stay for their dates.
pub fn add_program_limit(
    store: &mut Store,
    session: &Session,
    input: &ProgramLimitInput,
    when: Moment,
) -> Result<ProgramLimitView, DeskError> {
    require_editor(session)?;
    let mut c = Checker::new();
    let known = db::reference::program_limits(store.conn())?.into_iter().any(|(code, ..)| code == input.code);
    if !known {
        c.add("code", "Choose a limit from the list.");
    }
    let value = match parse_typed(&input.value) {
        Some(v) if v >= Decimal::ZERO => Some(v),
        _ => {
            c.add("value", "Enter the new value as a number, like 3000 or 120.");
            None
        }
    };
    let from = c.required_date("effective_from", &input.effective_from, "the date the new value takes effect");
    let source = c.required_text("source", &input.source, "where it comes from, like DMH's written notice", 300);
    let (value, from) = c.finish(value.zip(from))?;
    store.with_tx(|tx| {
        if !db::reference::insert_program_limit(tx, &input.code, from, &value.to_string(), &source)? {
            return Err(
                ValidationErrors::single("effective_from", "This limit already has a value from that date.").into()
            );
        }
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Create,
            entity: Entity::ReferenceTable,
            entity_id: None,
            changes: vec![Change {
                field: format!("{} from {from}", input.code),
                old: None,
                new: Some(value.to_string()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })?;
    Ok(ProgramLimitView {
        label: limit_label(&input.code).to_string(),
        code: input.code.clone(),
        value: value.to_string(),
        effective_from: from,
        source,
    })
}

/// The columns of a CSV table as staff paste it or HUD publishes it: names
/// read lower-case, with spaces and dashes as underscores.
struct CsvColumns {
    headers: Vec<String>,
}

/// Reads the header of a CSV table and answers its columns and its rows,
/// each with its line number (the header is line 1), read as they are asked for.
/// The largest CSV file an import reads: HUD's national Small Area FMR
/// table, the biggest the office loads, is a few megabytes.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

fn read_csv(
    text: &str,
) -> Result<(CsvColumns, impl Iterator<Item = Result<(usize, csv::StringRecord), String>>), String> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "The file is {:.1} MB; an import reads at most {} MB. Check that this is HUD's table or the utility schedule.",
            text.len() as f64 / (1024.0 * 1024.0),
            MAX_IMPORT_BYTES / (1024 * 1024)
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(std::io::Cursor::new(text.as_bytes().to_vec()));
    let headers = reader
        .headers()
        .map_err(|e| format!("The first line must name the columns: {e}"))?
        .iter()
        .map(|h| h.to_ascii_lowercase().replace([' ', '-'], "_"))
        .collect();
    let records = reader.into_records().enumerate().map(|(i, record)| {
        let line = i + 2;
        record.map(|r| (line, r)).map_err(|e| format!("Line {line} could not be read: {e}"))
    });
    Ok((CsvColumns { headers }, records))
}

impl CsvColumns {
    /// The first column called by one of `names`.
    fn column(&self, names: &[impl AsRef<str>]) -> Option<usize> {
        self.headers.iter().position(|h| names.iter().any(|n| n.as_ref() == h))
    }

    /// The amount in a cell: `None` when empty, an error naming the line and
    /// column when it is not an amount of zero to [`LARGEST_AMOUNT`].
    fn amount(&self, record: &csv::StringRecord, line: usize, col: usize) -> Result<Option<Money>, String> {
        let raw = record.get(col).unwrap_or("");
        if raw.is_empty() {
            return Ok(None);
        }
        match parse_typed(raw) {
            Some(d) if d > LARGEST_AMOUNT.0 => Err(format!(
                "Line {line}, column {}: {raw:?} is more than {}.",
                self.headers[col],
                LARGEST_AMOUNT.dollars()
            )),
            Some(d) if d >= Decimal::ZERO => Ok(Some(Money(d))),
            _ => Err(self.not_an_amount(record, line, col)),
        }
    }

    fn not_an_amount(&self, record: &csv::StringRecord, line: usize, col: usize) -> String {
        let raw = record.get(col).unwrap_or("");
        format!("Line {line}, column {}: {raw:?} is not an amount.", self.headers[col])
    }
}

/// Whether `text` is a 5-digit ZIP code.
pub fn is_zip(text: &str) -> bool {
    text.len() == 5 && text.chars().all(|c| c.is_ascii_digit())
}

/// Turns Small Area FMRs on or off for the office; administrators only.
pub fn set_small_area_fmrs(store: &mut Store, session: &Session, on: bool, when: Moment) -> Result<(), DeskError> {
    if session.role != Role::Administrator {
        return Err(DeskError::Forbidden("Only an administrator can change how payment standards are set.".into()));
    }
    store.with_tx(|tx| {
        let before = db::office::get(tx)?.ok_or(DeskError::NotFound("office"))?.use_small_area_fmrs;
        if before == on {
            return Ok(());
        }
        db::office::set_small_area_fmrs(tx, on)?;
        let entry = AuditEntry {
            actor: session.actor(),
            action: AuditAction::Update,
            entity: Entity::Office,
            entity_id: Some(1),
            changes: vec![Change {
                field: "use_small_area_fmrs".into(),
                old: Some(before.to_string()),
                new: Some(on.to_string()),
            }],
        };
        db::audit::insert(tx, &entry, when.at)?;
        Ok::<_, DeskError>(())
    })
}

fn require_editor(session: &Session) -> Result<(), DeskError> {
    if can_edit(session.role) {
        Ok(())
    } else {
        Err(DeskError::Forbidden("Only supervisors and administrators can change the program's figures.".into()))
    }
}

fn rows_by_date(figures: Vec<db::reference::AreaFigure>, first: u32, count: usize) -> Vec<FigureRow> {
    let mut rows: Vec<FigureRow> = Vec::new();
    for (from, n, amount, source) in figures {
        if rows.last().map(|r| r.effective_from) != Some(from) {
            rows.push(FigureRow { effective_from: from, source: source.clone(), amounts: vec![None; count] });
        }
        if let (Some(row), Some(i)) = (rows.last_mut(), n.checked_sub(first)) {
            if let Some(slot) = row.amounts.get_mut(i as usize) {
                *slot = Some(amount.to_string());
            }
        }
    }
    rows
}

fn limit_label(code: &str) -> &'static str {
    match code {
        "transition_assistance_cap" => "Transition assistance, in all ($)",
        "subsistence_monthly_max" => "Subsistence allowance, a month ($)",
        "subsistence_months_max" => "Subsistence allowance, months in all",
        "fmr_exception_percent_max" => "Payment standard exception, most percent of FMR",
        "temporary_housing_days_max" => "Temporary housing, most days",
        "reinspection_days" => "Follow-up inspection after a failure, days",
        "inspection_interval_months" => "Between inspections, most months",
        "security_deposit_months_max" => "Security deposit, most months of rent",
        "move_in_fee_percent_max" => "Non-refundable move-in fees, most percent of a month's rent",
        "signing_bonus_months_max" => "Signing bonus, most months of rent",
        _ => "Program limit",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_too_large_to_be_an_import_is_refused_before_it_is_read() {
        let mut csv = String::from("fmr_areaname,fmr_0,fmr_1,fmr_2,fmr_3,fmr_4\n");
        let row = "Somewhere,1,2,3,4,5\n";
        while csv.len() <= MAX_IMPORT_BYTES {
            csv.push_str(row);
        }
        let refused = parse_figures(FigureKind::FairMarketRents, &csv).unwrap_err();
        assert!(refused.contains("at most 20 MB"), "{refused}");
        assert!(parse_schedule(&csv).unwrap_err().contains("at most 20 MB"));
    }

    #[test]
    fn reads_hud_fmr_columns() {
        let csv = "fmr_areaname,cntyname,fmr_0,fmr_1,fmr_2,fmr_3,fmr_4\n\
                   \"Chicago-Joliet-Naperville, IL HUD Metro FMR Area\",Cook,\"$1,512\",1615,1820,2343,2711\n";
        let rows = parse_figures(FigureKind::FairMarketRents, csv).unwrap();
        assert_eq!(rows[0].area, "Chicago-Joliet-Naperville, IL HUD Metro FMR Area");
        assert_eq!(rows[0].amounts.len(), 5);
        assert_eq!(rows[0].amounts[0].1.to_string(), "1512.00", "a dollar sign and a comma are fine");
    }

    #[test]
    fn reads_a_utility_schedule_by_code_or_words() {
        let csv = "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\n\
                   Heating,Natural gas,38,45,52,60,68,75\n\
                   water_heating,electric,10,12,15,18,21,24\n\
                   Other electric (lights and appliances),,20,25,33,41,50,58\n";
        let rows = parse_schedule(csv).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[0].utility, rows[0].fuel), (Utility::Heating, Fuel::NaturalGas));
        assert_eq!((rows[2].utility, rows[2].fuel), (Utility::OtherElectric, Fuel::None));
        let no_fuel = "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\nCooking,,1,2,3,4,5,6\n";
        assert_eq!(parse_schedule(no_fuel).unwrap_err(), "Line 2, column fuel: Cooking needs its fuel.");
        let bad = "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\nWater,,1,2,x,4,5,6\n";
        let huge = "utility,fuel,br_0,br_1,br_2,br_3,br_4,br_5\nWater,,1,2,3,4,5,1000000000.01\n";
        assert_eq!(
            parse_schedule(huge).unwrap_err(),
            "Line 2, column br_5: \"1000000000.01\" is more than $1,000,000,000.00.",
            "an amount no calculation could multiply is refused on import"
        );
        assert_eq!(parse_schedule(bad).unwrap_err(), "Line 2, column br_2: \"x\" is not an amount.");
    }

    #[test]
    fn names_the_line_and_column_of_a_bad_amount() {
        let csv = "area,eli_1,eli_2\nSpringfield IL MSA,24150,abc\n";
        assert_eq!(
            parse_figures(FigureKind::IncomeLimits, csv).unwrap_err(),
            "Line 2, column eli_2: \"abc\" is not an amount."
        );
        assert!(parse_figures(FigureKind::IncomeLimits, "area,foo\nX,1\n").unwrap_err().contains("eli_1"));
        assert!(parse_figures(FigureKind::FairMarketRents, "fmr_0\n1\n").unwrap_err().contains("area"));
        assert!(parse_figures(FigureKind::FairMarketRents, "area,fmr_0\n").unwrap_err().contains("no rows"));
    }
}
