//! Exports for the accountant: what a screen shows, as a [`Sheet`] of typed cells, written
//! as a CSV a Dutch spreadsheet opens as it is ([`csv`]) or as an Excel workbook ([`xlsx`]).
//! BSNs are masked unless the user asks for them.

pub mod csv;
pub mod xlsx;

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

/// One cell, typed: each writer keeps codes as text, amounts as numbers, dates as dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// A code that is not a number ("0611", "02", "2025-05", a BSN): always text, so a
    /// spreadsheet keeps its leading zeros.
    Code(String),
    /// Signed eurocents.
    Amount(Saldo),
    Count(u64),
    Date(NaiveDate),
}

/// The kinds of file an export is written as. Excel first: it is what a provider's
/// accountant opens, and its cells need no guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    #[default]
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Xlsx, ExportFormat::Csv];

    /// The file extension, which is also its name in preferences and in the page.
    pub fn slug(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "Excel (.xlsx)",
            ExportFormat::Csv => "CSV (met ; en komma)",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ExportFormat::Csv => "text/csv;charset=utf-8",
        }
    }
}

/// One export: a named table with a header row. The name is the worksheet's and the file's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &'static str, header: &[&'static str], rows: impl IntoIterator<Item = Vec<Cell>>) -> Self {
        Sheet { name, header: header.to_vec(), rows: rows.into_iter().collect() }
    }

    /// The bytes of this sheet as a Dutch CSV.
    pub fn csv(&self) -> Vec<u8> {
        csv::write(self)
    }

    /// The bytes of this sheet in this format.
    pub fn write(&self, format: ExportFormat) -> Result<Vec<u8>, xlsx::XlsxFout> {
        match format {
            ExportFormat::Xlsx => self.xlsx(),
            ExportFormat::Csv => Ok(self.csv()),
        }
    }

    /// The download's name: what it holds, the day it was made, the format.
    pub fn file_name(&self, format: ExportFormat, today: NaiveDate) -> String {
        format!("kloppend_{}_{}.{}", self.name, today.format("%Y%m%d"), format.slug())
    }

    /// The bytes of this sheet as an Excel workbook.
    pub fn xlsx(&self) -> Result<Vec<u8>, xlsx::XlsxFout> {
        xlsx::write(self)
    }
}

/// The Overzicht's declarations, one row each, with what the screen shows of them.
pub fn declarations(workspace: &Workspace, views: &[&DeclaratieView]) -> Sheet {
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
    Sheet::new("declaraties", &HEADER, rows)
}

/// These lines (the Overzicht's line list, in its order) with their status, codes and advice.
pub fn lines(workspace: &Workspace, selected: &[LineRow], show_bsn: bool) -> Sheet {
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
    Sheet::new("regels", &HEADER, rows)
}

/// The settlement rows Verrekeningen shows (indices into the ledger's rows, its filter applied).
pub fn settlement_rows(workspace: &Workspace, rows: &[usize]) -> Sheet {
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
    Sheet::new("verrekenregels", &HEADER, out)
}

/// The claims Verrekeningen shows: what was claimed, offset and is still open.
pub fn claims(workspace: &Workspace, claims: &[&Claim]) -> Sheet {
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
    Sheet::new("vorderingen", &HEADER, out)
}

/// The Toewijzingen screen's meters, one row per toewijzing and month (and one for the whole
/// toewijzing): what the gemeente allocated and what of it was used. Volumes in the
/// toewijzing's unit (hours as decimal hours); only BSN (masked unless asked), initials,
/// products and dates, as on the screen.
pub fn toewijzingen(rows: &[ToewijzingRow], show_bsn: bool) -> Sheet {
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
    Sheet::new("toewijzingen", &header, out)
}
