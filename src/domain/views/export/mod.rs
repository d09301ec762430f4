//! Exports for the accountant: what the Overzicht shows, as a CSV a Dutch spreadsheet opens
//! as it is — `;` between fields, a decimal comma, dates as dd-mm-jjjj, UTF-8 with a BOM (so
//! Excel does not guess Windows-1252), CRLF. Text that a spreadsheet would run as a formula
//! (`=`, `+`, `-`, `@`, tab, carriage return at the start) gets a leading apostrophe; amounts
//! are numbers and are never touched. BSNs are masked unless the user asks for them.

use crate::base::text::datum;
use chrono::NaiveDate;

use crate::analysis::ledger::Claim;
use crate::analysis::reconcile::{DeclaratieView, LineStatus, advies_regel};
use crate::analysis::workspace::Workspace;
use crate::base::money::Saldo;
use crate::formats::message::Eenheid;
use crate::formats::message::identity::mask_bsn;
use crate::views::overview::{LineRow, periode_key};
use crate::views::settlements::{overzicht_label, rij};
use crate::views::toewijzingen::ToewijzingRow;
use crate::views::wording;

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
            Cell::Date(date) => out.push_str(&datum(*date)),
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

/// The Overzicht's declarations, one row each, with what the screen shows of them.
pub fn declarations(workspace: &Workspace, views: &[&DeclaratieView]) -> Vec<u8> {
    const HEADER: [&str; 12] = [
        "Declaratienummer",
        "Wet",
        "Gemeente",
        "Declaratieperiode",
        "Dagtekening",
        "Status",
        "Ingediend",
        "Toegekend",
        "Afgewezen",
        "Open",
        "Regels",
        "Regels afgewezen",
    ];
    let rows = views.iter().filter_map(|view| {
        let d = workspace.bericht(view.bericht)?.as_declaratie()?;
        let b = view.bedragen;
        let afgewezen = view.count(LineStatus::Afgewezen) + view.count(LineStatus::NietBeoordeeld);
        Some(vec![
            Cell::Text(d.declaratie.declaratie_nummer.to_string()),
            Cell::Text(d.domein.naam().into()),
            Cell::Text(wording::gemeente(&d.header.ontvanger)),
            Cell::Code(periode_key(d.declaratie.declaratie_periode.begindatum)),
            Cell::Date(d.declaratie.declaratie_dagtekening),
            Cell::Text(wording::outcome(view).0.into()),
            Cell::Amount(b.ingediend),
            Cell::Amount(b.toegekend),
            Cell::Amount(b.afgewezen),
            Cell::Amount(b.open),
            Cell::Count(view.lines.len() as u64),
            Cell::Count(afgewezen as u64),
        ])
    });
    csv(&HEADER, rows)
}

/// These lines (the Overzicht's line list, in its order) with their status, codes and advice.
pub fn lines(workspace: &Workspace, selected: &[LineRow], show_bsn: bool) -> Vec<u8> {
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
    for &(view, line) in selected {
        let Some(d) = workspace.bericht(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
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
    csv(&HEADER, rows)
}

/// The settlement rows Verrekeningen shows (indices into the ledger's rows, its filter applied).
pub fn settlement_rows(workspace: &Workspace, rows: &[usize]) -> Vec<u8> {
    const HEADER: [&str; 12] = [
        "Overzicht",
        "Regel",
        "Onderwerp",
        "AGB",
        "Uw kenmerk",
        "Ons kenmerk",
        "Zorgverzekeraar",
        "Vervaldatum",
        "U ontvangt",
        "U betaalt",
        "Toelichting",
        "Declaratie gevonden",
    ];
    let ledger = &workspace.ledger;
    let out = rows.iter().filter_map(|&i| {
        let lr = ledger.rows.get(i)?;
        let r = rij(workspace, lr.rij)?;
        let amount = |cents: Option<i64>| cents.map_or(Cell::Text(String::new()), |c| Cell::Amount(Saldo(c)));
        Some(vec![
            Cell::Text(overzicht_label(workspace, lr.rij.doc)),
            Cell::Count(r.regel as u64),
            Cell::Text(r.onderwerp.label().to_string()),
            Cell::Code(r.agb.clone()),
            Cell::Code(r.uw_kenmerk.clone()),
            Cell::Code(r.ons_kenmerk.clone()),
            Cell::Text(r.zorgverzekeraar.naam()),
            r.vervaldatum.map_or(Cell::Text(String::new()), Cell::Date),
            amount(r.u_ontvangt),
            amount(r.u_betaalt),
            Cell::Text(r.toelichting.label().to_string()),
            Cell::Text(if lr.declaratie.is_some() { "ja" } else { "nee" }.into()),
        ])
    });
    csv(&HEADER, out)
}

/// The claims Verrekeningen shows: what was claimed, offset and is still open.
pub fn claims(workspace: &Workspace, claims: &[&Claim]) -> Vec<u8> {
    const HEADER: [&str; 8] = ["Zorgverzekeraar", "AGB", "Kenmerk", "Gevorderd", "Verrekend", "Open", "Status", "Verloop"];
    let out = claims.iter().map(|c| {
        let verloop = c
            .historie
            .iter()
            .map(|(r, open)| format!("{}: open {}", overzicht_label(workspace, r.doc), Saldo(*open)))
            .collect::<Vec<_>>()
            .join(" > ");
        vec![
            Cell::Text(c.zorgverzekeraar.naam()),
            Cell::Code(c.agb.clone()),
            Cell::Code(c.kenmerk.clone()),
            Cell::Amount(Saldo(c.oorspronkelijk)),
            Cell::Amount(Saldo(c.verrekend())),
            Cell::Amount(Saldo(c.open)),
            Cell::Text(c.status.label().to_string()),
            Cell::Text(verloop),
        ]
    });
    csv(&HEADER, out)
}

/// The Toewijzingen screen's meters, one row per toewijzing and month (and one for the whole
/// toewijzing): what the gemeente allocated and what of it was used. Volumes in the
/// toewijzing's unit (hours as decimal hours); only BSN (masked unless asked), initials,
/// products and dates, as on the screen.
pub fn toewijzingen(rows: &[ToewijzingRow], show_bsn: bool) -> Vec<u8> {
    let header = [
        "Gemeente",
        "Toewijzing",
        "BSN",
        "Voorletters",
        "Product",
        "Ingangsdatum",
        "Einddatum",
        "Status",
        "Omvang",
        "Periode",
        "Maximum",
        "Gedeclareerd",
        "Goedgekeurd",
        "Afgewezen",
        "Wacht op antwoord",
        "Over",
        "Eenheid",
    ];
    let mut out = Vec::new();
    for r in rows {
        let hours = r.eenheid == Some(Eenheid::Uur);
        // Hours are counted in minutes on the meters: written as hours with two decimals.
        let volume = |v: i64| if hours { Cell::Amount(Saldo(v * 100 / 60)) } else { Cell::Count(v.max(0) as u64) };
        let eenheid = match &r.eenheid {
            Some(e) => e.omschrijving().to_string(),
            None => String::new(),
        };
        for m in r.months.iter().chain(std::iter::once(&r.total)) {
            out.push(vec![
                Cell::Text(r.gemeente.clone()),
                Cell::Code(r.key.nummer.to_string()),
                Cell::Code(if show_bsn { r.bsn.clone() } else { mask_bsn(&r.bsn) }),
                Cell::Text(r.voorletters.clone()),
                Cell::Code(r.product.clone()),
                Cell::Date(r.ingangsdatum),
                r.einddatum.map(Cell::Date).unwrap_or(Cell::Text(String::new())),
                Cell::Text(r.status.label().into()),
                Cell::Text(r.omvang.clone()),
                Cell::Text(m.label.clone()),
                m.maximum.map(|v| volume(v as i64)).unwrap_or(Cell::Text(String::new())),
                volume(m.declared() as i64),
                volume(m.approved as i64),
                volume(m.rejected as i64),
                volume(m.pending as i64),
                m.left().map(volume).unwrap_or(Cell::Text(String::new())),
                Cell::Text(eenheid.clone()),
            ]);
        }
    }
    csv(&header, out)
}
