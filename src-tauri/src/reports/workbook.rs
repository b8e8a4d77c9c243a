//! The workbook kit: writes report tables as Excel workbooks (rust_xlsxwriter),
//! finds the header row of a template someone else made (calamine), and fills
//! that template in place, keeping everything else in it (umya-spreadsheet).
//!
//! Sheet names given to [`write_workbook`] are made valid for Excel: the
//! characters `[ ] : * ? / \` become `-`, leading and trailing apostrophes and
//! spaces go, names are cut to 31 characters, an empty name becomes `Sheet N`,
//! and a repeated name (Excel ignores case) gets ` (2)`, ` (3)`, ...; Excel's
//! reserved name `History` becomes `History N`. The notes sheet is named
//! "Notes"; `notes_title` is printed above its Term / Meaning table.
//!
//! [`fill_template`] and the template's example rows: every cell below the
//! header row, in the template's columns (A up to the last header or mapped
//! column), has its value cleared before the data is written from the row
//! after the header down. So an example row is overwritten by the first
//! participant, or emptied if there are fewer rows than it had; cell
//! formatting, data validation and column widths stay. Cells to the right of
//! the template's columns, and rows above the header, are never touched.
//! An Excel table or autofilter that starts at the header row is stretched to
//! end at the last data row. Dates, money and hours get this module's number
//! formats; integers keep whatever format the template's cell had.
//!
//! Dates before 1 March 1900 (where Excel's calendar is wrong) are written as
//! `mm/dd/yyyy` text instead of a date.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, SheetVisible, Xlsx};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// One cell of a report table.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Integer(i64),
    Date(NaiveDate),
    Money(Decimal),
    Hours(Decimal),
    /// A percentage as people write it (87.5 for 87.5%).
    Percent(Decimal),
}

/// What a column holds; sets the column's format so that cells typed into it
/// later in Excel look like the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Integer,
    Date,
    Money,
    Hours,
    Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub key: String,
    pub header: String,
    pub kind: ColumnKind,
    /// Width in Excel character widths.
    pub width: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub columns: Vec<Column>,
    /// Each row holds one value per column; a short row is padded with blanks.
    pub rows: Vec<Vec<CellValue>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub term: String,
    pub meaning: String,
}

/// Printed above a table: a bold title, then one line per entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub title: String,
    pub lines: Vec<String>,
}

/// Where a template keeps its column headers.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateLayout {
    pub sheet: String,
    /// 0-based row index.
    pub header_row: u32,
    /// Header texts by column from A, blanks as empty strings, up to the last
    /// non-empty header.
    pub headers: Vec<String>,
}

/// What went wrong, in words for the person at the desk. Variants with a
/// `detail` carry the library's own message for the log, not for the screen.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("This file is not an Excel workbook (.xlsx).")]
    NotAWorkbook { detail: String },
    #[error("No header row found in the first 30 rows of sheet '{sheet}'.")]
    NoHeaderRow { sheet: String },
    #[error("The template has no sheet named '{sheet}'. Choose the template again.")]
    SheetMissing { sheet: String },
    #[error("Sheet '{sheet}' would need {rows} rows, more than Excel's limit of 1,048,576.")]
    TooManyRows { sheet: String, rows: usize },
    #[error("Sheet '{sheet}' would need {columns} columns, more than Excel's limit of 16,384.")]
    TooManyColumns { sheet: String, columns: usize },
    #[error("A value in column '{column}', row {row} of sheet '{sheet}' is longer than the 32,767 characters an Excel cell can hold. Shorten it and try again.")]
    TextTooLong { sheet: String, column: String, row: usize },
    #[error("The column matching points to report column {index}, but the report has only {count} columns. Match the columns again.")]
    MappingOutOfRange { index: usize, count: usize },
    #[error("The workbook could not be put together. Try again, and report the problem if it happens again.")]
    Write { detail: String },
}

const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
const MAX_TEXT: usize = 32_767;
const HEADER_SEARCH_ROWS: u32 = 30;
const DATE_FORMAT: &str = "mm/dd/yyyy";
const MONEY_FORMAT: &str = "$#,##0.00";
const HOURS_FORMAT: &str = "0.0#";
const INTEGER_FORMAT: &str = "0";
const PERCENT_FORMAT: &str = "0.0%";

/// One or more data sheets, each with an optional heading block above a frozen
/// header row, then a "Notes" sheet of definitions under `notes_title`, then,
/// when `notice` is given, a last sheet "Disclosure notice" with its lines
/// (the notice of 42 CFR 2.32; see `disclosure`).
pub fn write_workbook(
    sheets: &[(Option<Heading>, Table)],
    notes_title: &str,
    notes: &[Definition],
    notice: Option<&[String]>,
) -> Result<Vec<u8>, WorkbookError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let mut used_names = Vec::new();
    for (heading, table) in sheets {
        let name = unique_sheet_name(&table.sheet, &mut used_names);
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&name).map_err(write_error)?;
        write_table(worksheet, &name, heading.as_ref(), table, &formats)?;
    }
    let name = unique_sheet_name("Notes", &mut used_names);
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(&name).map_err(write_error)?;
    write_notes(worksheet, notes_title, notes, &formats)?;
    if let Some(lines) = notice {
        let name = unique_sheet_name(NOTICE_SHEET_NAME, &mut used_names);
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&name).map_err(write_error)?;
        worksheet.set_column_width(0, 100).map_err(write_error)?;
        for (i, line) in lines.iter().enumerate() {
            let format = if i == 0 { &formats.title } else { &formats.wrapped };
            worksheet.write_string_with_format(i as u32 * 2, 0, line, format).map_err(write_error)?;
        }
        set_print_setup(worksheet);
    }
    workbook.save_to_buffer().map_err(write_error)
}

/// The name of the notice's sheet, the last of a workbook that carries it.
pub const NOTICE_SHEET_NAME: &str = crate::documents::disclosure_notice::NOTICE_SHEET_NAME;

/// Finds the header row: the first row, within the first 30, that has at
/// least 3 non-empty text cells and more text cells than other non-empty
/// cells. Visible sheets are searched in order and the first one with such a
/// row wins; hidden sheets (often lists for drop-downs) are skipped.
pub fn read_template(bytes: &[u8]) -> Result<TemplateLayout, WorkbookError> {
    let mut workbook: Xlsx<Cursor<&[u8]>> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| WorkbookError::NotAWorkbook { detail: e.to_string() })?;
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    for name in &names {
        let range =
            workbook.worksheet_range(name).map_err(|e| WorkbookError::NotAWorkbook { detail: e.to_string() })?;
        if let Some((header_row, headers)) = find_header_row(&range) {
            return Ok(TemplateLayout { sheet: name.clone(), header_row, headers });
        }
    }
    Err(WorkbookError::NoHeaderRow { sheet: names.first().cloned().unwrap_or_default() })
}

/// Fills the template's sheet from the row below the header, one row per
/// table row; `mapping[i]` names the table column for template column `i`
/// (A = 0), `None` leaves it blank. See the module doc for example rows.
///
/// With `notice`, a last sheet "Disclosure notice" is added after the
/// template's own sheets, with its lines one every other row (the notice of
/// 42 CFR 2.32; see `disclosure`). A sheet of that name the template already
/// has is left alone and the notice's gets " (2)".
pub fn fill_template(
    bytes: &[u8],
    layout: &TemplateLayout,
    mapping: &[Option<usize>],
    table: &Table,
    notice: Option<&[String]>,
) -> Result<Vec<u8>, WorkbookError> {
    let count = table.columns.len();
    if let Some(index) = mapping.iter().flatten().find(|&&i| i >= count) {
        return Err(WorkbookError::MappingOutOfRange { index: index + 1, count });
    }
    let width = layout.headers.len().max(mapping.len());
    if width > MAX_COLUMNS {
        return Err(WorkbookError::TooManyColumns { sheet: layout.sheet.clone(), columns: width });
    }
    let needed = layout.header_row as usize + 1 + table.rows.len();
    if needed > MAX_ROWS {
        return Err(WorkbookError::TooManyRows { sheet: layout.sheet.clone(), rows: needed });
    }
    check_text_lengths(&layout.sheet, layout.header_row + 2, table)?;

    let mut book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(bytes), true)
        .map_err(|e| WorkbookError::NotAWorkbook { detail: e.to_string() })?;
    let sheet = book
        .get_sheet_by_name_mut(&layout.sheet)
        .ok_or_else(|| WorkbookError::SheetMissing { sheet: layout.sheet.clone() })?;

    // umya counts rows and columns from 1. Its get_cell_mut gives every column
    // it touches a width entry; only the template's own are put back after.
    let template_columns: Vec<u32> = sheet.get_column_dimensions().iter().map(|c| *c.get_col_num()).collect();
    let first_row = layout.header_row + 2;
    let last_column = width as u32;
    for cell in sheet.get_cell_collection_mut() {
        let at = cell.get_coordinate();
        if *at.get_row_num() >= first_row && *at.get_col_num() <= last_column {
            cell.set_blank();
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        let excel_row = first_row + r as u32;
        for (c, source) in mapping.iter().enumerate() {
            let Some(value) = source.and_then(|j| row.get(j)).and_then(stored) else {
                continue;
            };
            let cell = sheet.get_cell_mut((c as u32 + 1, excel_row));
            match value {
                Stored::Text(text) => {
                    cell.set_value_string(text);
                }
                Stored::Number(number, format) => {
                    cell.set_value_number(number);
                    // Integers keep the template's format (an ID column may pad with zeros).
                    if format != INTEGER_FORMAT {
                        cell.get_style_mut().get_number_format_mut().set_format_code(format);
                    }
                }
            }
        }
    }

    sheet.get_column_dimensions_mut().retain(|c| template_columns.contains(c.get_col_num()));
    let last_row = (first_row + table.rows.len() as u32).max(first_row + 1) - 1;
    stretch_to_rows(sheet, first_row - 1, last_row);

    if let Some(lines) = notice {
        let mut used: Vec<String> = book.get_sheet_collection().iter().map(|s| s.get_name().to_string()).collect();
        let name = unique_sheet_name(NOTICE_SHEET_NAME, &mut used);
        let sheet = book.new_sheet(&name).map_err(|e| WorkbookError::Write { detail: e.to_string() })?;
        sheet.get_column_dimension_mut("A").set_width(100.0);
        for (i, line) in lines.iter().enumerate() {
            let cell = sheet.get_cell_mut((1, i as u32 * 2 + 1));
            cell.set_value_string(line);
            let style = cell.get_style_mut();
            style.get_alignment_mut().set_wrap_text(true);
            if i == 0 {
                style.get_font_mut().set_bold(true);
            }
        }
    }

    let mut out = Vec::new();
    umya_spreadsheet::writer::xlsx::write_writer(&book, &mut out)
        .map_err(|e| WorkbookError::Write { detail: e.to_string() })?;
    Ok(out)
}

// ---------------------------------------------------------------- helpers

struct Formats {
    title: Format,
    line: Format,
    header: Format,
    text: Format,
    wrapped: Format,
    term: Format,
    integer: Format,
    date: Format,
    money: Format,
    hours: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            line: Format::new(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            term: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            integer: Format::new().set_num_format(INTEGER_FORMAT),
            date: Format::new().set_num_format(DATE_FORMAT),
            money: Format::new().set_num_format(MONEY_FORMAT),
            hours: Format::new().set_num_format(HOURS_FORMAT),
            percent: Format::new().set_num_format(PERCENT_FORMAT),
        }
    }

    fn for_kind(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Text => &self.text,
            ColumnKind::Integer => &self.integer,
            ColumnKind::Date => &self.date,
            ColumnKind::Money => &self.money,
            ColumnKind::Hours => &self.hours,
            ColumnKind::Percent => &self.percent,
        }
    }
}

fn write_table(
    ws: &mut Worksheet,
    name: &str,
    heading: Option<&Heading>,
    table: &Table,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let ncols = table.columns.len();
    if ncols > MAX_COLUMNS {
        return Err(WorkbookError::TooManyColumns { sheet: name.to_string(), columns: ncols });
    }
    let header_row = write_heading(ws, heading, f)?;
    let needed = header_row as usize + 1 + table.rows.len();
    if needed > MAX_ROWS {
        return Err(WorkbookError::TooManyRows { sheet: name.to_string(), rows: needed });
    }
    check_text_lengths(name, header_row + 2, table)?;
    set_print_setup(ws);
    if ncols == 0 {
        return Ok(());
    }
    let mut header_lines = 1.0_f64;
    for (c, column) in table.columns.iter().enumerate() {
        let col = c as u16;
        let width = if column.width > 0.0 { column.width } else { 12.0 };
        ws.set_column_width(col, width.min(255.0)).map_err(write_error)?;
        if column.kind != ColumnKind::Text {
            let format = f.for_kind(column.kind);
            ws.set_column_format(col, format).map_err(write_error)?;
        }
        ws.write_string_with_format(header_row, col, &column.header, &f.header).map_err(write_error)?;
        // Bold text runs about 10% wider than the width unit; Excel does not
        // grow a row for wrapped text written by a program, so estimate it.
        let chars = column.header.chars().count() as f64 * 1.1;
        header_lines = header_lines.max((chars / width.max(1.0)).ceil());
    }
    ws.set_row_height(header_row, 15.0 * header_lines.min(6.0)).map_err(write_error)?;

    for (r, row) in table.rows.iter().enumerate() {
        let excel_row = header_row + 1 + r as u32;
        for (c, value) in row.iter().take(ncols).enumerate() {
            write_value(ws, excel_row, c as u16, value, f)?;
        }
    }
    let last_row = header_row + table.rows.len() as u32;
    ws.autofilter(header_row, 0, last_row, (ncols - 1) as u16).map_err(write_error)?;
    ws.set_freeze_panes(header_row + 1, 0).map_err(write_error)?;
    ws.set_repeat_rows(header_row, header_row).map_err(write_error)?;
    Ok(())
}

/// Writes the heading block and returns the row for the column headers.
fn write_heading(ws: &mut Worksheet, heading: Option<&Heading>, f: &Formats) -> Result<u32, WorkbookError> {
    let Some(heading) = heading else {
        return Ok(0);
    };
    ws.write_string_with_format(0, 0, &heading.title, &f.title).map_err(write_error)?;
    ws.set_row_height(0, 20).map_err(write_error)?;
    for (i, line) in heading.lines.iter().enumerate() {
        ws.write_string_with_format(1 + i as u32, 0, line, &f.line).map_err(write_error)?;
    }
    // A blank row between the heading and the table.
    Ok(heading.lines.len() as u32 + 2)
}

fn write_value(ws: &mut Worksheet, row: u32, col: u16, value: &CellValue, f: &Formats) -> Result<(), WorkbookError> {
    match stored(value) {
        None => return Ok(()),
        Some(Stored::Text(text)) => ws.write_string_with_format(row, col, text, &f.text),
        Some(Stored::Number(number, format)) => {
            let format = match format {
                DATE_FORMAT => &f.date,
                MONEY_FORMAT => &f.money,
                HOURS_FORMAT => &f.hours,
                PERCENT_FORMAT => &f.percent,
                _ => &f.integer,
            };
            ws.write_number_with_format(row, col, number, format)
        }
    }
    .map_err(write_error)?;
    Ok(())
}

/// A value as Excel keeps it: text, or a number and its number format.
enum Stored<'a> {
    Text(Cow<'a, str>),
    Number(f64, &'static str),
}

fn stored(value: &CellValue) -> Option<Stored<'_>> {
    Some(match value {
        CellValue::Empty => return None,
        CellValue::Text(text) => Stored::Text(Cow::Borrowed(text)),
        CellValue::Integer(n) => Stored::Number(*n as f64, INTEGER_FORMAT),
        CellValue::Date(date) => match excel_serial(*date) {
            Some(serial) => Stored::Number(serial, DATE_FORMAT),
            None => Stored::Text(Cow::Owned(date.format("%m/%d/%Y").to_string())),
        },
        CellValue::Money(amount) => Stored::Number(decimal_to_f64(*amount), MONEY_FORMAT),
        CellValue::Hours(hours) => Stored::Number(decimal_to_f64(*hours), HOURS_FORMAT),
        CellValue::Percent(p) => Stored::Number(decimal_to_f64(*p / Decimal::ONE_HUNDRED), PERCENT_FORMAT),
    })
}

fn write_notes(ws: &mut Worksheet, title: &str, notes: &[Definition], f: &Formats) -> Result<(), WorkbookError> {
    let header_row = if title.trim().is_empty() {
        0
    } else {
        ws.write_string_with_format(0, 0, title, &f.title).map_err(write_error)?;
        2
    };
    ws.set_column_width(0, 28).map_err(write_error)?;
    ws.set_column_width(1, 90).map_err(write_error)?;
    ws.write_string_with_format(header_row, 0, "Term", &f.header).map_err(write_error)?;
    ws.write_string_with_format(header_row, 1, "Meaning", &f.header).map_err(write_error)?;
    for (i, note) in notes.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        ws.write_string_with_format(row, 0, &note.term, &f.term).map_err(write_error)?;
        ws.write_string_with_format(row, 1, &note.meaning, &f.wrapped).map_err(write_error)?;
    }
    ws.set_freeze_panes(header_row + 1, 0).map_err(write_error)?;
    set_print_setup(ws);
    ws.set_repeat_rows(header_row, header_row).map_err(write_error)?;
    Ok(())
}

fn set_print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&L&A&RPage &P of &N");
}

/// An Excel table or filter that starts at the header row is made to end at
/// the last data row, so sorting and filtering in Excel cover every row.
fn stretch_to_rows(sheet: &mut umya_spreadsheet::Worksheet, header: u32, last: u32) {
    for table in sheet.get_tables_mut().iter_mut() {
        let (start, end) = table.get_area().clone();
        if *start.get_row_num() == header {
            table.set_area(((*start.get_col_num(), header), (*end.get_col_num(), last)));
        }
    }
    if let Some(filter) = sheet.get_auto_filter_mut() {
        let range = filter.get_range_mut();
        let starts_at_header = range.get_coordinate_start_row().is_some_and(|row| *row.get_num() == header);
        if let (true, Some(end)) = (starts_at_header, range.get_coordinate_end_row_mut()) {
            end.set_num(last);
        }
    }
}

fn find_header_row(range: &calamine::Range<Data>) -> Option<(u32, Vec<String>)> {
    let (start_row, start_col) = range.start()?;
    let (end_row, end_col) = range.end()?;
    for row in start_row..=end_row.min(HEADER_SEARCH_ROWS - 1) {
        let mut text = 0;
        let mut filled = 0;
        let mut headers = Vec::new();
        let mut last = 0;
        for col in 0..=end_col {
            let value = if col < start_col { None } else { range.get_value((row, col)) };
            let cell = match value {
                None | Some(Data::Empty) => String::new(),
                Some(Data::String(s)) => {
                    if !s.trim().is_empty() {
                        text += 1;
                    }
                    s.trim().to_string()
                }
                Some(other) => other.to_string().trim().to_string(),
            };
            if !cell.is_empty() {
                filled += 1;
                last = headers.len() + 1;
            }
            headers.push(cell);
        }
        if text >= 3 && text * 2 > filled {
            headers.truncate(last);
            return Some((row, headers));
        }
    }
    None
}

/// `first_row` is the Excel row number (from 1) of the table's first row.
fn check_text_lengths(sheet: &str, first_row: u32, table: &Table) -> Result<(), WorkbookError> {
    for (r, row) in table.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if let CellValue::Text(text) = value {
                if text.len() > MAX_TEXT && text.encode_utf16().count() > MAX_TEXT {
                    return Err(WorkbookError::TextTooLong {
                        sheet: sheet.to_string(),
                        column: table.columns.get(c).map(|col| col.header.clone()).unwrap_or_default(),
                        row: first_row as usize + r,
                    });
                }
            }
        }
    }
    Ok(())
}

/// Excel's serial day number (days since 30 Dec 1899), for dates Excel's
/// calendar gets right: 1 March 1900 to 31 December 9999.
fn excel_serial(date: NaiveDate) -> Option<f64> {
    let first = NaiveDate::from_ymd_opt(1900, 3, 1)?;
    if date < first || date.year() > 9999 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    Some((date - epoch).num_days() as f64)
}

/// The nearest double to the decimal: one correctly rounded division when
/// mantissa and power of ten are both exact doubles (every amount under
/// $90 trillion with cents), else rust_decimal's own conversion.
fn decimal_to_f64(value: Decimal) -> f64 {
    const EXACT: i128 = 1 << 53;
    let mantissa = value.mantissa();
    let scale = value.scale();
    if mantissa.abs() < EXACT && scale <= 22 {
        mantissa as f64 / 10f64.powi(scale as i32)
    } else {
        value.as_f64()
    }
}

fn write_error(e: rust_xlsxwriter::XlsxError) -> WorkbookError {
    WorkbookError::Write { detail: e.to_string() }
}

/// A valid Excel sheet name, distinct (ignoring case) from those in `used`.
fn unique_sheet_name(raw: &str, used: &mut Vec<String>) -> String {
    let cleaned: String = raw
        .chars()
        .map(|ch| match ch {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut base = cleaned.trim().trim_matches('\'').trim().to_string();
    if base.is_empty() || base.eq_ignore_ascii_case("history") {
        base = format!("{} {}", if base.is_empty() { "Sheet" } else { &base }, used.len() + 1);
    }
    let mut name = cut_to(&base, 31);
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = format!("{}{}", cut_to(&base, 31 - suffix.len()), suffix);
        n += 1;
    }
    used.push(name.clone());
    name
}

/// The longest prefix of `s` at most `units` UTF-16 units long (how Excel counts).
fn cut_to(s: &str, units: usize) -> String {
    let mut total = 0;
    let mut out: String = s
        .chars()
        .take_while(|c| {
            total += c.len_utf16();
            total <= units
        })
        .collect();
    while out.ends_with(' ') || out.ends_with('\'') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn col(key: &str, header: &str, kind: ColumnKind) -> Column {
        Column { key: key.into(), header: header.into(), kind, width: 14.0 }
    }

    fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
        open_workbook_from_rs(Cursor::new(bytes)).unwrap()
    }

    fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    fn date_of(value: &Data) -> Option<NaiveDate> {
        match value {
            Data::DateTime(dt) if dt.is_datetime() => {
                let days = dt.as_f64() as i64;
                Some(ymd(1899, 12, 30) + chrono::Duration::days(days))
            }
            _ => None,
        }
    }

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    fn sample_table() -> Table {
        Table {
            sheet: "Participants: Oct/2026 [draft]".into(),
            columns: vec![
                col("id", "Participant ID", ColumnKind::Integer),
                col("name", "Name", ColumnKind::Text),
                col("start", "Enrollment date", ColumnKind::Date),
                col("rent", "Monthly rent paid by the program", ColumnKind::Money),
                col("hours", "Case management hours", ColumnKind::Hours),
            ],
            rows: vec![
                vec![
                    CellValue::Integer(101),
                    text("Rivera, Ana"),
                    CellValue::Date(ymd(2026, 10, 15)),
                    CellValue::Money(dec("1234.56")),
                    CellValue::Hours(dec("2.25")),
                ],
                vec![CellValue::Integer(102), text("=Not a formula"), CellValue::Empty, CellValue::Money(dec("-0.10"))],
            ],
        }
    }

    #[test]
    fn written_workbook_reads_back_with_real_dates_numbers_and_blanks() {
        let heading = Heading {
            title: "Monthly participant data — October 2026".into(),
            lines: vec!["Prepared by J. Smith on 11/02/2026".into()],
        };
        let notes = vec![Definition {
            term: "Enrollment date".into(),
            meaning: "The day the participant signed the program agreement.".into(),
        }];
        let bytes = write_workbook(&[(Some(heading), sample_table())], "What the columns mean", &notes, None).unwrap();
        let mut book = open(&bytes);
        // '[', ']', ':' and '/' are not allowed in sheet names, and 31 characters is the limit.
        assert_eq!(book.sheet_names(), vec!["Participants- Oct-2026 -draft-", "Notes"]);
        let data = book.worksheet_range("Participants- Oct-2026 -draft-").unwrap();
        assert_eq!(cell(&data, 0, 0), Data::String("Monthly participant data — October 2026".into()));
        // Title, one line, one blank row: the header is on row 3 (0-based).
        let headers: Vec<Data> = (0..5).map(|c| cell(&data, 3, c)).collect();
        assert_eq!(headers[0], Data::String("Participant ID".into()));
        assert_eq!(headers[4], Data::String("Case management hours".into()));
        assert_eq!(cell(&data, 4, 0), Data::Float(101.0), "integers are numbers");
        assert_eq!(date_of(&cell(&data, 4, 2)), Some(ymd(2026, 10, 15)), "a real date");
        assert_eq!(cell(&data, 4, 3), Data::Float(1234.56), "money is the nearest double");
        assert_eq!(cell(&data, 4, 4), Data::Float(2.25));
        assert_eq!(cell(&data, 5, 1), Data::String("=Not a formula".into()), "text stays text");
        assert_eq!(cell(&data, 5, 2), Data::Empty, "an empty value is a blank cell, not \"\"");
        assert_eq!(cell(&data, 5, 3), Data::Float(-0.1));
        assert_eq!(cell(&data, 5, 4), Data::Empty, "a short row is padded with blanks");

        let notes_sheet = book.worksheet_range("Notes").unwrap();
        assert_eq!(cell(&notes_sheet, 0, 0), Data::String("What the columns mean".into()));
        assert_eq!(cell(&notes_sheet, 2, 1), Data::String("Meaning".into()));
        assert_eq!(cell(&notes_sheet, 3, 0), Data::String("Enrollment date".into()));

        // calamine does not report panes or print setup; umya reads the sheet XML.
        let umya = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(&bytes), true).unwrap();
        let sheet = &umya.get_sheet_collection()[0];
        let pane = sheet.get_sheets_views().get_sheet_view_list()[0].get_pane().unwrap();
        assert_eq!(pane.get_top_left_cell().to_string(), "A5", "frozen below the header row");
        assert!(matches!(pane.get_state(), umya_spreadsheet::PaneStateValues::Frozen));
        assert_eq!(sheet.get_auto_filter().unwrap().get_range().get_range(), "A4:E6");
        assert!(matches!(sheet.get_page_setup().get_orientation(), umya_spreadsheet::OrientationValues::Landscape));
        let width = *sheet.get_column_dimension("B").unwrap().get_width();
        assert!((width - 14.0).abs() < 1.0, "column width from Column.width, got {width}");
    }

    #[test]
    fn sheet_names_are_made_valid_and_distinct() {
        let mut used = vec![];
        assert_eq!(unique_sheet_name("a/b\\c?d*e[f]g:h", &mut used), "a-b-c-d-e-f-g-h");
        assert_eq!(unique_sheet_name("'Quoted'", &mut used), "Quoted");
        assert_eq!(unique_sheet_name("quoted", &mut used), "quoted (2)", "Excel ignores case");
        assert_eq!(unique_sheet_name("   ", &mut used), "Sheet 4");
        let long = "Quarterly performance report for the state";
        assert_eq!(unique_sheet_name(long, &mut used), "Quarterly performance report fo");
        assert_eq!(unique_sheet_name(long, &mut used), "Quarterly performance repor (2)");
        assert_eq!(unique_sheet_name("History", &mut used), "History 7", "reserved by Excel");
    }

    #[test]
    fn money_converts_to_the_nearest_double() {
        for s in ["0.1", "0.10", "1234.56", "-0.01", "99999999.99", "123456789012.345", "0.0000001"] {
            assert_eq!(decimal_to_f64(dec(s)), s.parse::<f64>().unwrap(), "{s}");
        }
    }

    /// Instructions first, then "Data": title, blank row, 6 headers with a blank
    /// column C, one example row, a drop-down on column G and a wide column B.
    fn dmh_template() -> Vec<u8> {
        let mut wb = Workbook::new();
        let instructions = wb.add_worksheet().set_name("Instructions").unwrap();
        instructions
            .write_string(0, 0, "Fill one row per participant. Dates as mm/dd/yyyy. Do not rename the columns.")
            .unwrap();
        let data = wb.add_worksheet().set_name("Data").unwrap();
        data.write_string(0, 0, "DMH Monthly Participant Data").unwrap();
        for (c, h) in ["Participant ID", "Last Name", "", "Enrollment Date", "Monthly Rent", "Case Hours", "County"]
            .iter()
            .enumerate()
        {
            if !h.is_empty() {
                data.write_string(2, c as u16, *h).unwrap();
            }
        }
        let date = Format::new().set_num_format("m/d/yyyy");
        data.write_string(3, 0, "EX-001").unwrap();
        data.write_string(3, 1, "Example").unwrap();
        data.write_string(3, 2, "delete this row").unwrap();
        data.write_number_with_format(3, 3, 46023.0, &date).unwrap();
        data.write_number(3, 4, 950.0).unwrap();
        data.write_number(3, 5, 2.5).unwrap();
        data.write_string(3, 6, "Example County").unwrap();
        data.write_string(3, 8, "note beside the table").unwrap();
        data.set_column_width(1, 30).unwrap();
        data.autofilter(2, 0, 3, 6).unwrap();
        let counties =
            rust_xlsxwriter::DataValidation::new().allow_list_strings(&["Alameda", "Fresno", "Kern"]).unwrap();
        data.add_data_validation(3, 6, 500, 6, &counties).unwrap();
        wb.save_to_buffer().unwrap()
    }

    fn template_table(rows: usize) -> Table {
        Table {
            sheet: "Participants".into(),
            columns: vec![
                col("id", "ID", ColumnKind::Text),
                col("last", "Last name", ColumnKind::Text),
                col("first", "First name", ColumnKind::Text),
                col("start", "Enrolled", ColumnKind::Date),
                col("rent", "Rent", ColumnKind::Money),
                col("hours", "Hours", ColumnKind::Hours),
            ],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        text(&format!("P-{i}")),
                        text("Nguyen"),
                        text("Lan"),
                        CellValue::Date(ymd(2026, 9, 1 + i as u32)),
                        CellValue::Money(dec("812.40")),
                        if i == 0 { CellValue::Hours(dec("1.5")) } else { CellValue::Empty },
                    ]
                })
                .collect(),
        }
    }

    #[test]
    fn template_header_row_is_found_on_the_data_sheet() {
        let layout = read_template(&dmh_template()).unwrap();
        assert_eq!(layout.sheet, "Data", "Instructions has one text cell a row");
        assert_eq!(layout.header_row, 2, "the title row has a single text cell");
        assert_eq!(
            layout.headers,
            ["Participant ID", "Last Name", "", "Enrollment Date", "Monthly Rent", "Case Hours", "County"]
        );
    }

    #[test]
    fn filled_template_keeps_the_template_and_replaces_the_example_row() {
        let template = dmh_template();
        let layout = read_template(&template).unwrap();
        // Template C (blank header) and G (County) get nothing; First name is not sent.
        let mapping = [Some(0), Some(1), None, Some(3), Some(4), Some(5), None];
        let bytes = fill_template(&template, &layout, &mapping, &template_table(2), None).unwrap();

        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), vec!["Instructions", "Data"]);
        let instructions = book.worksheet_range("Instructions").unwrap();
        assert!(matches!(cell(&instructions, 0, 0), Data::String(s) if s.starts_with("Fill one row")));
        let data = book.worksheet_range("Data").unwrap();
        assert_eq!(cell(&data, 0, 0), Data::String("DMH Monthly Participant Data".into()));
        assert_eq!(cell(&data, 2, 6), Data::String("County".into()), "header row untouched");
        // The example row (row 3) now holds the first participant.
        assert_eq!(cell(&data, 3, 0), Data::String("P-0".into()));
        assert_eq!(cell(&data, 3, 1), Data::String("Nguyen".into()));
        assert_eq!(cell(&data, 3, 2), Data::Empty, "unmapped column: example text cleared");
        assert_eq!(date_of(&cell(&data, 3, 3)), Some(ymd(2026, 9, 1)));
        assert_eq!(cell(&data, 3, 4), Data::Float(812.4));
        assert_eq!(cell(&data, 3, 5), Data::Float(1.5));
        assert_eq!(cell(&data, 3, 6), Data::Empty, "unmapped County: example cleared");
        assert_eq!(
            cell(&data, 3, 8),
            Data::String("note beside the table".into()),
            "cells right of the template's columns are left alone"
        );
        assert_eq!(cell(&data, 4, 0), Data::String("P-1".into()));
        assert_eq!(date_of(&cell(&data, 4, 3)), Some(ymd(2026, 9, 2)));
        assert_eq!(cell(&data, 4, 5), Data::Empty);
        assert_eq!(cell(&data, 5, 0), Data::Empty, "nothing past the data");

        let umya = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(&bytes), true).unwrap();
        let sheet = umya.get_sheet_by_name("Data").unwrap();
        assert!(sheet.get_data_validations().is_some(), "drop-downs kept");
        let filter = sheet.get_auto_filter().unwrap().get_range().get_range();
        assert_eq!(filter, "A3:G5", "the filter now covers both participants");
        let width = *sheet.get_column_dimension("B").unwrap().get_width();
        assert!((width - 30.0).abs() < 1.0, "column width kept, got {width}");
        let money = sheet.get_style("E4").get_number_format().unwrap().get_format_code().to_string();
        assert_eq!(money, MONEY_FORMAT);
    }

    #[test]
    fn filling_with_no_rows_empties_the_example_row() {
        let template = dmh_template();
        let layout = read_template(&template).unwrap();
        let mapping = [Some(0), Some(1), None, Some(3), Some(4), Some(5), None];
        let bytes = fill_template(&template, &layout, &mapping, &template_table(0), None).unwrap();
        let data = open(&bytes).worksheet_range("Data").unwrap();
        for c in 0..7 {
            assert_eq!(cell(&data, 3, c), Data::Empty, "example cell in column {c} cleared");
        }
    }

    #[test]
    fn bad_input_gets_plain_words() {
        let garbage = b"PK\x03\x04 this is not really a zip file".as_slice();
        let err = read_template(garbage).unwrap_err();
        assert_eq!(err.to_string(), "This file is not an Excel workbook (.xlsx).");
        let layout = TemplateLayout { sheet: "Data".into(), header_row: 0, headers: vec![] };
        let err = fill_template(b"hello", &layout, &[], &template_table(1), None).unwrap_err();
        assert_eq!(err.to_string(), "This file is not an Excel workbook (.xlsx).");

        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("Summary").unwrap().write_string(0, 0, "Only a title").unwrap();
        let err = read_template(&wb.save_to_buffer().unwrap()).unwrap_err();
        assert_eq!(err.to_string(), "No header row found in the first 30 rows of sheet 'Summary'.");

        let err = fill_template(&dmh_template(), &layout, &[Some(9)], &template_table(1), None).unwrap_err();
        assert!(matches!(err, WorkbookError::MappingOutOfRange { index: 10, count: 6 }));
        let missing = TemplateLayout { sheet: "Gone".into(), ..layout };
        let err = fill_template(&dmh_template(), &missing, &[], &template_table(1), None).unwrap_err();
        assert!(matches!(err, WorkbookError::SheetMissing { .. }));

        let mut long = template_table(1);
        long.rows[0][1] = text(&"x".repeat(40_000));
        let err = write_workbook(&[(None, long)], "", &[], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "A value in column 'Last name', row 2 of sheet 'Participants' is longer than the 32,767 characters \
             an Excel cell can hold. Shorten it and try again."
        );
    }

    fn big_table(rows: usize, cols: usize) -> Table {
        let kinds = [ColumnKind::Text, ColumnKind::Integer, ColumnKind::Date, ColumnKind::Money, ColumnKind::Hours];
        Table {
            sheet: "Data".into(),
            columns: (0..cols).map(|c| col(&format!("c{c}"), &format!("Column {c}"), kinds[c % 5])).collect(),
            rows: (0..rows)
                .map(|r| {
                    (0..cols)
                        .map(|c| match kinds[c % 5] {
                            ColumnKind::Text => text(&format!("Participant {r} field {c}")),
                            ColumnKind::Integer => CellValue::Integer(r as i64),
                            ColumnKind::Date => CellValue::Date(ymd(2026, 1 + (r % 12) as u32, 1 + (c % 28) as u32)),
                            ColumnKind::Money => CellValue::Money(Decimal::new(r as i64 * 100 + 37, 2)),
                            ColumnKind::Hours => CellValue::Hours(Decimal::new(r as i64 % 40, 1)),
                            ColumnKind::Percent => CellValue::Percent(Decimal::new(r as i64 % 1000, 1)),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    #[ignore = "timing; run with --release -- --ignored --nocapture"]
    fn time_write_workbook_10k_rows_45_columns() {
        let table = big_table(10_000, 45);
        let started = Instant::now();
        let bytes = write_workbook(&[(None, table)], "Notes", &[], None).unwrap();
        let took = started.elapsed();
        println!("write_workbook 10,000 x 45: {took:?}, {} bytes", bytes.len());
        assert!(took.as_secs_f64() < 2.0);
    }

    #[test]
    #[ignore = "timing; run with --release -- --ignored --nocapture"]
    fn time_fill_template_10k_rows_40_columns() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Data").unwrap();
        for c in 0..40u16 {
            ws.write_string(0, c, format!("Header {c}")).unwrap();
        }
        let template = wb.save_to_buffer().unwrap();
        let layout = read_template(&template).unwrap();
        let table = big_table(10_000, 40);
        let mapping: Vec<Option<usize>> = (0..40).map(Some).collect();
        let started = Instant::now();
        let bytes = fill_template(&template, &layout, &mapping, &table, None).unwrap();
        let took = started.elapsed();
        println!("fill_template 10,000 x 40: {took:?}, {} bytes", bytes.len());
        let data = open(&bytes).worksheet_range("Data").unwrap();
        assert_eq!(cell(&data, 10_000, 1), Data::Float(9_999.0));
        assert!(took.as_secs_f64() < 5.0);
    }
}
