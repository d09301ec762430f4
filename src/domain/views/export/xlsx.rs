//! A [`Sheet`] as an Excel workbook (rust_xlsxwriter): each cell keeps its type, so codes are
//! text ("0611" keeps its zero), amounts are numbers in euros, dates are dates, whatever the
//! spreadsheet's language. Unlike a CSV nothing is parsed on opening, so text needs no
//! neutralising: a cell that starts with "=" is stored as text, never as a formula.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{Cell, Sheet};

/// The rows a worksheet holds in Excel and LibreOffice, the header row included.
pub const MAX_ROWS: usize = 1_048_576;
/// No column is made wider than this (pixels, the writer's advice), however long its longest
/// text: the advice column would fill the screen.
const MAX_WIDTH_PIXELS: u32 = 300;

/// Why no workbook was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxFout {
    /// More rows than a worksheet holds.
    TeVeelRijen { rows: usize },
    /// The writer refused (its own words, for the technical detail).
    Schrijven(String),
}

impl std::fmt::Display for XlsxFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsxFout::TeVeelRijen { rows } => write!(
                f,
                "de selectie heeft {} rijen en een Excel-werkblad houdt er hoogstens {}; kies minder regels of exporteer als CSV",
                crate::base::text::thousands(*rows),
                crate::base::text::thousands(MAX_ROWS - 1)
            ),
            XlsxFout::Schrijven(detail) => write!(f, "het Excel-bestand kon niet worden gemaakt (technisch: {detail})"),
        }
    }
}

impl From<XlsxError> for XlsxFout {
    fn from(e: XlsxError) -> Self {
        XlsxFout::Schrijven(e.to_string())
    }
}

/// The one format per kind of cell, made once per workbook.
struct Formats {
    header: Format,
    text: Format,
    code: Format,
    amount: Format,
    count: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Top).set_text_wrap(),
            text: Format::new(),
            // "@": the cell stays text when the user edits it.
            code: Format::new().set_num_format("@"),
            amount: Format::new().set_num_format("#,##0.00"),
            count: Format::new().set_num_format("0"),
            date: Format::new().set_num_format("dd-mm-yyyy"),
        }
    }
}

/// The bytes of an .xlsx workbook with this sheet as its one worksheet: the header frozen and
/// filterable, the columns as wide as their content.
pub fn write(sheet: &Sheet) -> Result<Vec<u8>, XlsxFout> {
    if sheet.rows.len() >= MAX_ROWS {
        return Err(XlsxFout::TeVeelRijen { rows: sheet.rows.len() });
    }
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet.name)?;
    for (col, title) in sheet.header.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, *title, &formats.header)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            write_cell(worksheet, (i as u32 + 1, col as u16), cell, &formats)?;
        }
    }
    let last_col = sheet.header.len().saturating_sub(1) as u16;
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
    worksheet.set_autofit_max_width(MAX_WIDTH_PIXELS).autofit();
    Ok(workbook.save_to_buffer()?)
}

fn write_cell(worksheet: &mut Worksheet, (row, col): (u32, u16), cell: &Cell, formats: &Formats) -> Result<(), XlsxError> {
    match cell {
        // An empty cell is left out, as a spreadsheet would have it.
        Cell::Text(text) | Cell::Code(text) if text.is_empty() => {}
        Cell::Text(text) => {
            worksheet.write_string_with_format(row, col, text, &formats.text)?;
        }
        Cell::Code(code) => {
            worksheet.write_string_with_format(row, col, code, &formats.code)?;
        }
        // Euros as a spreadsheet number: cents are exact up to 2^53, far past any amount here.
        Cell::Amount(saldo) => {
            worksheet.write_number_with_format(row, col, saldo.cents() as f64 / 100.0, &formats.amount)?;
        }
        Cell::Count(n) => {
            worksheet.write_number_with_format(row, col, *n as f64, &formats.count)?;
        }
        Cell::Date(date) => match excel_date(*date) {
            Some(day) => {
                worksheet.write_datetime_with_format(row, col, &day, &formats.date)?;
            }
            // Before 1900 or after 9999 Excel has no date: the date as text, as on screen.
            None => {
                worksheet.write_string_with_format(row, col, crate::base::text::datum(*date), &formats.text)?;
            }
        },
    }
    Ok(())
}

fn excel_date(date: chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}
