//! A [`Sheet`] as a CSV a Dutch spreadsheet opens as it is: `;` between fields, a decimal
//! comma, dates as dd-mm-jjjj, UTF-8 with a BOM (so Excel does not guess Windows-1252), CRLF.
//! Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at
//! the start) gets a leading apostrophe; amounts are numbers and are never touched.

use super::{Cell, Sheet};
use crate::base::text::datum;

/// The bytes of a CSV of this sheet.
pub fn write(sheet: &Sheet) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for (i, title) in sheet.header.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        text_cell(title, &mut out);
    }
    out.push_str("\r\n");
    for row in &sheet.rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            render(cell, &mut out);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn render(cell: &Cell, out: &mut String) {
    match cell {
        Cell::Text(text) => text_cell(text, out),
        // Always quoted: a spreadsheet that reads quoted fields as text keeps the zeros.
        Cell::Code(code) => quoted(&neutralised(code), out),
        Cell::Amount(saldo) => {
            let cents = saldo.cents();
            let sign = if cents < 0 { "-" } else { "" };
            let abs = cents.unsigned_abs();
            out.push_str(&format!("{sign}{},{:02}", abs / 100, abs % 100));
        }
        Cell::Count(n) => out.push_str(&n.to_string()),
        Cell::Date(date) => out.push_str(&datum(*date)),
    }
}

/// The text with an apostrophe in front when a spreadsheet would evaluate it (CSV
/// injection): what starts with one of these.
fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}").into() } else { text.into() }
}

fn quoted(value: &str, out: &mut String) {
    out.push('"');
    out.push_str(&value.replace('"', "\"\""));
    out.push('"');
}

fn text_cell(text: &str, out: &mut String) {
    let value = neutralised(text);
    if value.contains([';', '"', '\n', '\r']) {
        quoted(&value, out);
    } else {
        out.push_str(&value);
    }
}
