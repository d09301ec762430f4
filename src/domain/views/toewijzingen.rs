//! The Toewijzingen screen: per client and toewijzing what the gemeente allocated (product,
//! dates, status, omvang in words) and a meter per month and over the whole toewijzing:
//! maximum, declared, approved, rejected, waiting and what is left. Pure: a workspace and a
//! filter in, rows out. Shows BSN, initials, products and dates only (the 301's names and
//! addresses are never read into the model).

use chrono::{Datelike, NaiveDate};

use crate::analysis::reconcile::{LineRef, LineStatus};
use crate::analysis::toewijzing::maxima;
use crate::analysis::toewijzing::register::{Key, Status, Toewijzing};
use crate::analysis::workspace::{LineKey, Workspace};
use crate::base::calendar::{first_of_month, last_of_month, next_month};
use crate::base::money::Saldo;
use crate::base::text::{datum, maand, thousands};
use crate::formats::message::codes::volume_in_words;
use crate::formats::message::{Eenheid, Periode};
use crate::formats::toewijzing::{ToegewezenProduct, reden_wijziging};
use crate::reference::gemeenten;

/// Amounts of one meter, in the toewijzing's unit (minutes when it is hours, so minute lines
/// add up exactly; see [`volume_text`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meter {
    pub label: String,
    /// `None`: the toewijzing has no omvang for this span (budget, or open-ended).
    pub maximum: Option<u64>,
    pub approved: u64,
    pub rejected: u64,
    /// Sent or still to upload, no answer yet.
    pub pending: u64,
    /// The lines behind it, to open them in the declaration view.
    pub lines: Vec<MeterLine>,
}

/// A line behind a meter: where it is and its ReferentieNummer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeterLine {
    pub key: LineKey,
    pub referentie: String,
}

impl Meter {
    /// Everything declared that still counts or was rejected.
    pub fn declared(&self) -> u64 {
        self.approved + self.rejected + self.pending
    }

    /// What is left: the maximum minus what counts (approved and pending); negative is over.
    pub fn left(&self) -> Option<i64> {
        self.maximum.map(|m| m as i64 - (self.approved + self.pending) as i64)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToewijzingRow {
    pub key: Key,
    pub gemeente: String,
    pub bsn: String,
    pub voorletters: String,
    pub product: String,
    pub ingangsdatum: NaiveDate,
    pub einddatum: Option<NaiveDate>,
    /// "01-04-2025 t/m 31-12-2025", "vanaf 01-04-2025".
    pub looptijd: String,
    pub status: Status,
    /// The current version's RedenWijziging in words.
    pub reden: Option<&'static str>,
    /// "3 uur per week", "budget € 4.000,00".
    pub omvang: String,
    /// The unit of the meters' numbers.
    pub eenheid: Option<Eenheid>,
    pub months: Vec<Meter>,
    pub total: Meter,
}

/// Filter choices of the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToewijzingFilter {
    pub gemeente: Option<String>,
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToewijzingenModel {
    pub rows: Vec<ToewijzingRow>,
    /// Gemeenten with toewijzingen: (code, label), for the filter.
    pub gemeenten: Vec<(String, String)>,
    /// Rows before the filter.
    pub total: usize,
}

impl ToewijzingenModel {
    pub fn build(workspace: &Workspace, filter: &ToewijzingFilter) -> ToewijzingenModel {
        let today = workspace.today.unwrap_or(NaiveDate::MIN);
        let mut lines = lines_per_toewijzing(workspace);
        let mut gemeenten: Vec<(String, String)> = Vec::new();
        let mut rows = Vec::new();
        let register = &workspace.toewijzingen;
        for t in register.toewijzingen.values() {
            let code = t.key.gemeente.to_string();
            if !gemeenten.iter().any(|(c, _)| *c == code) {
                gemeenten.push((code.clone(), gemeenten::label(&code)));
            }
            let row = row(workspace, t, lines.remove(&t.key).unwrap_or_default(), today);
            let keep = filter.gemeente.as_ref().is_none_or(|g| *g == code) && filter.status.is_none_or(|s| s == row.status);
            if keep {
                rows.push(row);
            }
        }
        crate::base::sort::by_key(&mut rows, |r| (r.bsn.clone(), r.ingangsdatum, r.key.nummer));
        ToewijzingenModel { rows, gemeenten, total: register.toewijzingen.len() }
    }
}

/// The debit and credit lines of every toewijzing, with their status, in input order.
fn lines_per_toewijzing(workspace: &Workspace) -> std::collections::HashMap<Key, Vec<(LineRef, LineStatus)>> {
    let mut out: std::collections::HashMap<Key, Vec<(LineRef, LineStatus)>> = std::collections::HashMap::new();
    if workspace.toewijzingen.is_empty() {
        return out;
    }
    for view in &workspace.reconciliation.declaraties {
        let Some(d) = workspace.bericht(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
        let toewijzingen = workspace.toewijzingen.of(&d.header.ontvanger, d.domein);
        for line in &view.lines {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            if let Some(t) = toewijzingen.get(p.toewijzing_nummer) {
                out.entry(t.key.clone())
                    .or_default()
                    .push((LineRef { bericht: view.bericht, client: line.client, prestatie: line.prestatie }, line.status));
            }
        }
    }
    out
}

fn row(workspace: &Workspace, t: &Toewijzing, lines: Vec<(LineRef, LineStatus)>, today: NaiveDate) -> ToewijzingRow {
    let version = t.current();
    let p = &version.product;
    let status = t.status(today);
    let eenheid = p.omvang.as_ref().map(|o| o.eenheid.clone());
    let mut months = month_meters(t.key.domein, p, today);
    let hours = eenheid == Some(Eenheid::Uur);
    let in_unit = |m: u64| if hours { m.saturating_mul(60) } else { m };
    let mut total = Meter { label: "Hele toewijzing".into(), maximum: maxima::totaal(p).map(in_unit), ..Meter::default() };
    for (at, line_status) in lines {
        let Some(prestatie) = workspace
            .bericht(at.bericht)
            .and_then(|b| b.as_declaratie())
            .and_then(|d| d.declaratie.clienten.get(at.client))
            .and_then(|c| c.prestaties.get(at.prestatie))
        else {
            continue;
        };
        let volume = in_meter_unit(prestatie.geleverd_volume, &prestatie.eenheid, eenheid.as_ref());
        let Some(key) = workspace.line_key(at) else { continue };
        let line = MeterLine { key, referentie: prestatie.referentie().to_string() };
        let sign = if prestatie.is_credit() { -1 } else { 1 };
        let month = months.iter_mut().find(|m| m.0 == first_of_month(prestatie.product_periode.begindatum));
        for meter in month.map(|m| &mut m.1).into_iter().chain(std::iter::once(&mut total)) {
            add(meter, line_status, sign, volume);
            meter.lines.push(line.clone());
        }
    }
    ToewijzingRow {
        key: t.key.clone(),
        gemeente: gemeenten::label(&t.key.gemeente),
        bsn: version.bsn.to_string(),
        voorletters: version.voorletters.as_deref().unwrap_or("").to_string(),
        product: product_text(p),
        ingangsdatum: p.ingangsdatum,
        einddatum: p.einddatum,
        looptijd: match p.einddatum {
            Some(e) => format!("{} t/m {}", datum(p.ingangsdatum), datum(e)),
            None => format!("vanaf {}", datum(p.ingangsdatum)),
        },
        status,
        reden: p.reden_wijziging.as_deref().and_then(reden_wijziging),
        omvang: omvang_text(p),
        eenheid: eenheid.clone(),
        months: months.into_iter().map(|(_, m)| m).collect(),
        total,
    }
}

/// A line's volume in the meter's unit: minutes under an hourly toewijzing stay minutes, hours
/// become minutes (the meters of an hourly toewijzing count minutes).
fn in_meter_unit(volume: u64, line: &Eenheid, toewijzing: Option<&Eenheid>) -> u64 {
    match (line, toewijzing) {
        (Eenheid::Uur, Some(Eenheid::Uur)) => volume.saturating_mul(60),
        _ => volume,
    }
}

fn add(meter: &mut Meter, status: LineStatus, sign: i64, volume: u64) {
    let bucket = match status {
        LineStatus::WachtOpAntwoord => &mut meter.pending,
        LineStatus::Goedgekeurd | LineStatus::CreditIngediend => &mut meter.approved,
        LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt => &mut meter.rejected,
        // Approved and credited: it no longer counts.
        LineStatus::Gecrediteerd => return,
    };
    // A credit takes its volume off what counted (its own status says whether it was sent).
    *bucket = if sign < 0 { bucket.saturating_sub(volume) } else { bucket.saturating_add(volume) };
}

/// One meter per calendar month the toewijzing covers, up to its end or this month.
fn month_meters(domein: crate::formats::message::Domein, p: &ToegewezenProduct, today: NaiveDate) -> Vec<(NaiveDate, Meter)> {
    let mut out = Vec::new();
    if p.is_vervallen() {
        return out;
    }
    // An open-ended toewijzing is metered up to this month.
    let last = p.einddatum.unwrap_or_else(|| last_of_month(today.max(p.ingangsdatum)));
    let mut month = first_of_month(p.ingangsdatum);
    // A toewijzing of many years still gets a bounded list (ten years of months).
    while month <= last && out.len() < 120 {
        let periode = Periode { begindatum: month, einddatum: last_of_month(month) };
        let maximum = maxima::per_periode(domein, p, &periode);
        let unit_max = maximum.map(|m| if p.omvang.as_ref().is_some_and(|o| o.eenheid == Eenheid::Uur) { m * 60 } else { m });
        out.push((month, Meter { label: maand(month.year(), month.month()), maximum: unit_max, ..Meter::default() }));
        month = next_month(month);
    }
    out
}

fn product_text(p: &ToegewezenProduct) -> String {
    match &p.product {
        None => "generiek (geen product toegewezen)".into(),
        Some(product) => match &product.code {
            Some(code) => format!("{} {}", product.categorie.code(), code),
            None => format!("{} (elke code van deze categorie)", product.categorie.code()),
        },
    }
}

/// "3 uur per week", "€ 4.000,00 budget", "geen omvang".
pub(crate) fn omvang_text(p: &ToegewezenProduct) -> String {
    match (&p.omvang, p.budget) {
        (Some(o), _) => format!("{} {}", volume_in_words(o.volume, o.eenheid.clone()), o.frequentie.omschrijving()),
        (None, Some(budget)) => format!("budget {}", Saldo(budget.min(i64::MAX as u64) as i64)),
        (None, None) => "geen omvang in de toewijzing".into(),
    }
}

/// A meter's number in words: minutes of an hourly toewijzing as hours and minutes.
pub fn volume_text(volume: u64, eenheid: Option<&Eenheid>) -> String {
    match eenheid {
        Some(Eenheid::Uur) => match (volume / 60, volume % 60) {
            (h, 0) => format!("{} uur", thousands(h as usize)),
            (h, m) => format!("{} uur {m} min", thousands(h as usize)),
        },
        Some(e) => volume_in_words(volume, e.clone()),
        None => thousands(volume as usize),
    }
}

/// "-2 uur" for a meter over its maximum.
pub fn left_text(left: i64, eenheid: Option<&Eenheid>) -> String {
    let text = volume_text(left.unsigned_abs(), eenheid);
    if left < 0 { format!("{text} te veel") } else { text }
}
