//! Exports for the accountant: what the Overzicht shows, as a CSV a Dutch spreadsheet opens
//! as it is — `;` between fields, a decimal comma, dates as dd-mm-jjjj, UTF-8 with a BOM (so
//! Excel does not guess Windows-1252), CRLF. Text that a spreadsheet would run as a formula
//! (`=`, `+`, `-`, `@`, tab, carriage return at the start) gets a leading apostrophe; amounts
//! are numbers and are never touched. BSNs are masked unless the user asks for them.

use chrono::NaiveDate;

use crate::message::validate::mask_bsn;
use crate::money::Saldo;
use crate::overview::periode_key;
use crate::reconcile::{DeclaratieView, advies_regel};
use crate::view::wording;
use crate::workspace::Workspace;

/// One cell: text is neutralised and quoted as needed, numbers and dates are written plainly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// A code that is not a number ("0611", "02", "2025-05", a BSN): always quoted, so a
    /// spreadsheet that reads quoted fields as text keeps its leading zeros.
    Code(String),
    /// Signed eurocents, written "-1234,56".
    Amount(Saldo),
    Count(u64),
    Date(NaiveDate),
}

impl Cell {
    fn render(&self, out: &mut String) {
        match self {
            Cell::Text(text) => text_cell(text, out),
            Cell::Code(code) => quoted(&neutralised(code), out),
            Cell::Amount(saldo) => {
                let cents = saldo.cents();
                let sign = if cents < 0 { "-" } else { "" };
                let abs = cents.unsigned_abs();
                out.push_str(&format!("{sign}{},{:02}", abs / 100, abs % 100));
            }
            Cell::Count(n) => out.push_str(&n.to_string()),
            Cell::Date(date) => out.push_str(&date.format("%d-%m-%Y").to_string()),
        }
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

/// The bytes of a CSV with this header and these rows.
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let line = |cells: &[Cell], out: &mut String| {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            cell.render(out);
        }
        out.push_str("\r\n");
    };
    line(&header.iter().map(|h| Cell::Text(h.to_string())).collect::<Vec<_>>(), &mut out);
    for row in rows {
        line(&row, &mut out);
    }
    out.into_bytes()
}

/// Every line of these declarations (the Overzicht's selection, in its order) with its
/// status, codes and advice.
pub fn lines(workspace: &Workspace, views: &[&DeclaratieView], show_bsn: bool) -> Vec<u8> {
    const HEADER: [&str; 17] = [
        "Declaratienummer",
        "Wet",
        "Gemeente",
        "Declaratieperiode",
        "BSN",
        "Referentie",
        "Toewijzing",
        "Productcategorie",
        "Productcode",
        "Begin",
        "Eind",
        "Volume",
        "Bedrag",
        "Debet/credit",
        "Status",
        "Retourcodes",
        "Advies",
    ];
    let mut rows = Vec::new();
    for view in views {
        let Some(d) = workspace.bericht(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
        for line in &view.lines {
            let Some(client) = d.declaratie.clienten.get(line.client) else { continue };
            let Some(p) = client.prestaties.get(line.prestatie) else { continue };
            let bsn = if show_bsn { client.bsn.to_string() } else { mask_bsn(&client.bsn) };
            let codes = line.codes.iter().map(|c| c.code().to_string()).collect::<Vec<_>>().join(" ");
            rows.push(vec![
                Cell::Text(d.declaratie.declaratie_nummer.to_string()),
                Cell::Text(d.domein.naam().into()),
                Cell::Text(wording::gemeente(&d.header.ontvanger)),
                Cell::Code(periode_key(d.declaratie.declaratie_periode.begindatum)),
                Cell::Code(bsn),
                Cell::Text(p.referentie().to_string()),
                Cell::Count(p.toewijzing_nummer),
                Cell::Code(p.product_categorie.code().to_string()),
                Cell::Code(p.product_code.to_string()),
                Cell::Date(p.product_periode.begindatum),
                Cell::Date(p.product_periode.einddatum),
                Cell::Text(wording::volume(p.geleverd_volume, p.eenheid.clone())),
                Cell::Amount(p.ingediend_bedrag.saldo()),
                Cell::Text(if p.is_credit() { "credit" } else { "debet" }.into()),
                Cell::Text(line.status.label().into()),
                Cell::Code(codes),
                Cell::Text(advies_regel(line, &view.verwerking, p.is_credit())),
            ]);
        }
    }
    csv(&HEADER, rows)
}
