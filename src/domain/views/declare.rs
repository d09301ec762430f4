//! The Declareren screen as data. `DeclareModel` is what the chosen gemeente and month offer:
//! per current toewijzing the clipped period, the unit, the maximum this month, what is left
//! over the whole toewijzing and the tariff Kloppend proposes (the contract's, else the one of
//! the last line declared on it). `plan` turns what the user typed into the message, or into
//! why it cannot be made yet, per row. Both are pure; the screen memoises each once.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use compact_str::CompactString;

use crate::analysis::credit::{GebruiktNummer, Groep};
use crate::analysis::declare::{self, Archive, DeclareError, Entry, Made, RowProblem, Volume};
use crate::analysis::reconcile::LineStatus;
use crate::analysis::toewijzing::contract::contract_tarief;
use crate::analysis::toewijzing::register::Key;
use crate::analysis::workspace::Workspace;
use crate::base::calendar::{first_of_month, last_of_month};
use crate::base::money::{BedragMetDc, Saldo, format_cents};
use crate::base::text::maand;
use crate::formats::message::{Eenheid, Periode, Prestatie, ProductCategorie, ProductReferentie};
use crate::formats::settlement::amount::parse_amount;
use crate::formats::timesheet::{DuurFout, Hoeveel, Urenstaat, Wie, parse_duur};
use crate::reference::gemeenten;
use crate::views::toewijzingen::{ToewijzingFilter, ToewijzingenModel, left_text, volume_text};

/// Where a proposed tariff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TariefBron {
    /// The contract tariff table (file name, row).
    Contract {
        bestand: String,
        regel: usize,
    },
    /// The tariff of the last line declared on this toewijzing.
    Vorige {
        referentie: String,
    },
    Geen,
}

impl TariefBron {
    pub fn text(&self) -> String {
        match self {
            TariefBron::Contract { bestand, regel } => format!("contracttarief ({bestand}, regel {regel})"),
            TariefBron::Vorige { referentie } => format!("zoals je vorige regel {referentie}; geen contracttarief bekend"),
            TariefBron::Geen => "geen tarief bekend: vul het tarief uit je contract in".into(),
        }
    }
}

/// One toewijzing that can be declared in the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclareRow {
    pub nummer: u64,
    pub bsn: String,
    pub voorletters: String,
    /// "02 02A01", or the category when the toewijzing names no code.
    pub product: String,
    /// The toewijzing's product code, if it names one.
    pub code: Option<String>,
    /// The toewijzing names no product code: the user enters the code delivered.
    pub needs_code: bool,
    pub categorie: Option<ProductCategorie>,
    /// The ProductPeriode, clipped to the toewijzing (IV089): "01-05-2025 t/m 31-05-2025".
    pub periode: Periode,
    pub periode_text: String,
    pub eenheid: Option<Eenheid>,
    /// What to type in the volume field: "uren (8 of 7:30)".
    pub volume_hint: &'static str,
    /// "15 uur" (TR321), "geen maximum per maand".
    pub maximum: String,
    /// What is still free this month after the lines already declared.
    pub left_month: Option<String>,
    /// Over the whole toewijzing (TR322/TR369), when it has a total.
    pub left_total: Option<String>,
    /// The lines of this month that already count (approved or waiting): a second debit for
    /// the same month is rejected (TR389) unless the first is credited.
    pub already: Vec<String>,
    /// In the toewijzing's unit (per hour when hourly), as typed in the field: "60,00".
    pub tarief: Option<u64>,
    pub tarief_bron: TariefBron,
    /// Euros (Eenheid 83): no tariff field.
    pub is_bedrag: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclareModel {
    /// Every provider-gemeente-domain with toewijzingen, with its label.
    pub groepen: Vec<(Groep, String)>,
    pub groep: Option<Groep>,
    /// The first of the month of care.
    pub maand: Option<NaiveDate>,
    pub maand_text: String,
    pub rows: Vec<DeclareRow>,
}

/// The month Kloppend proposes: the last one that is over (TR137).
pub fn default_month(today: NaiveDate) -> NaiveDate {
    first_of_month(first_of_month(today).pred_opt().unwrap_or(today))
}

impl DeclareModel {
    /// `groep`: the chosen one (else the first); `maand`: any day of the month of care.
    pub fn build(workspace: &Workspace, groep: Option<&Groep>, maand_van_zorg: NaiveDate) -> DeclareModel {
        let all = declare::groepen(&workspace.toewijzingen);
        let several_agbs = all.iter().any(|g| all.iter().any(|h| h.agb != g.agb));
        let groepen: Vec<(Groep, String)> = all
            .iter()
            .map(|g| {
                let agb = if several_agbs { format!(" · AGB {}", g.agb) } else { String::new() };
                (g.clone(), format!("{} · {}{agb}", gemeenten::label(&g.gemeente), g.domein.naam()))
            })
            .collect();
        let chosen = groep.filter(|g| all.contains(g)).or(all.first()).cloned();
        let month = first_of_month(maand_van_zorg);
        let maand_text = maand(month.year(), month.month());
        let Some(g) = chosen.clone() else {
            return DeclareModel { groepen, groep: None, maand: Some(month), maand_text, rows: Vec::new() };
        };
        let meters = ToewijzingenModel::build(workspace, &ToewijzingFilter { gemeente: Some(g.gemeente.clone()), status: None });
        let tarieven = workspace.tarieven();
        let rows = declare::declarable(&workspace.toewijzingen, &g, month)
            .into_iter()
            .map(|d| {
                let meter = meters.rows.iter().find(|r| r.key == d.toewijzing.key);
                row(workspace, &tarieven, d, meter, &maand_text)
            })
            .collect();
        DeclareModel { groepen, groep: chosen, maand: Some(month), maand_text, rows }
    }
}

fn row(
    workspace: &Workspace,
    tarieven: &[&crate::formats::tarieven::Tarieven],
    d: declare::Declarable<'_>,
    meter: Option<&crate::views::toewijzingen::ToewijzingRow>,
    maand_text: &str,
) -> DeclareRow {
    let version = d.toewijzing.current();
    let p = &version.product;
    let eenheid = p.omvang.as_ref().map(|o| o.eenheid.clone());
    let code = p.product.as_ref().and_then(|pr| pr.code.clone());
    let categorie = p.product.as_ref().map(|pr| pr.categorie.clone());
    let month_meter = meter.and_then(|m| m.months.iter().find(|mm| mm.label == maand_text));
    let maximum = match month_meter.and_then(|m| m.maximum) {
        Some(max) => volume_text(max, eenheid.as_ref()),
        None => "geen maximum per maand".into(),
    };
    let (tarief, tarief_bron) = proposed_tarief(workspace, tarieven, &d, code.as_deref(), eenheid.as_ref());
    DeclareRow {
        nummer: d.toewijzing.key.nummer,
        bsn: version.bsn.to_string(),
        voorletters: version.voorletters.as_deref().unwrap_or("").to_string(),
        product: match (&categorie, &code) {
            (Some(c), Some(code)) => format!("{} {code}", c.code()),
            (Some(c), None) => format!("categorie {} (kies de productcode)", c.code()),
            (None, _) => "generiek (kies categorie en productcode)".into(),
        },
        needs_code: code.is_none(),
        code: code.as_ref().map(|c| c.to_string()),
        categorie,
        periode: d.periode,
        periode_text: crate::views::wording::periode(&d.periode),
        volume_hint: match &eenheid {
            Some(Eenheid::Uur) => "uren (8 of 7:30)",
            Some(Eenheid::Euros) => "bedrag in euro's",
            Some(_) => "aantal",
            None => "—",
        },
        maximum,
        left_month: month_meter.and_then(|m| m.left()).map(|l| left_text(l, eenheid.as_ref())),
        left_total: meter.and_then(|m| m.total.left()).map(|l| left_text(l, eenheid.as_ref())),
        already: month_meter
            .filter(|m| m.approved + m.pending > 0)
            .map(|m| m.lines.iter().map(|l| l.referentie.clone()).collect())
            .unwrap_or_default(),
        tarief,
        tarief_bron,
        is_bedrag: eenheid == Some(Eenheid::Euros),
        eenheid,
    }
}

/// The contract tariff for the row's product, unit and period, else the tariff of the last
/// debit line declared on this toewijzing in the same unit.
fn proposed_tarief(
    workspace: &Workspace,
    tarieven: &[&crate::formats::tarieven::Tarieven],
    d: &declare::Declarable<'_>,
    code: Option<&str>,
    eenheid: Option<&Eenheid>,
) -> (Option<u64>, TariefBron) {
    let Some(eenheid) = eenheid.filter(|e| **e != Eenheid::Euros) else { return (None, TariefBron::Geen) };
    if let Some(code) = code {
        let probe = Prestatie {
            product_referentie: ProductReferentie { referentie_nummer: CompactString::default(), vorig_referentie_nummer: None },
            toewijzing_nummer: d.toewijzing.key.nummer,
            product_categorie: ProductCategorie::new(""),
            product_code: code.into(),
            product_periode: d.periode,
            geleverd_volume: 0,
            eenheid: eenheid.clone(),
            product_tarief: None,
            ingediend_bedrag: BedragMetDc::debet(0),
        };
        if let Some(r) = contract_tarief(tarieven, &d.toewijzing.key.gemeente, &probe) {
            let bestand = tariff_file_name(workspace, r.regel, &r.product_code);
            return (Some(r.tarief), TariefBron::Contract { bestand, regel: r.regel });
        }
    }
    match last_line(workspace, &d.toewijzing.key, eenheid) {
        Some((tarief, referentie)) => (Some(tarief), TariefBron::Vorige { referentie }),
        None => (None, TariefBron::Geen),
    }
}

fn tariff_file_name(workspace: &Workspace, regel: usize, code: &str) -> String {
    workspace
        .documents
        .iter()
        .rev()
        .find(|doc| doc.tarieven().is_some_and(|t| t.rijen.iter().any(|r| r.regel == regel && r.product_code == code)))
        .map(|doc| doc.file.name.clone())
        .unwrap_or_default()
}

/// The tariff and reference of the newest debit line on this toewijzing in this unit that the
/// gemeente did not reject.
fn last_line(workspace: &Workspace, key: &Key, eenheid: &Eenheid) -> Option<(u64, String)> {
    let mut best: Option<(Periode, u64, String)> = None;
    for view in &workspace.reconciliation.declaraties {
        let Some(d) = workspace.bericht(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
        if d.header.ontvanger != key.gemeente || d.domein != key.domein {
            continue;
        }
        for line in view.lines.iter().filter(|l| !matches!(l.status, LineStatus::Afgewezen)) {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            let (Some(tarief), false) = (p.product_tarief, p.is_credit()) else { continue };
            if p.toewijzing_nummer != key.nummer || best.as_ref().is_some_and(|b| b.0 > p.product_periode) {
                continue;
            }
            let per_unit = if p.eenheid == *eenheid {
                tarief
            } else if p.eenheid == Eenheid::Minuut && *eenheid == Eenheid::Uur {
                // IV081: the hourly tariff behind a minute line (its amount tells it).
                let range = crate::base::tarief::uurtarieven(p.geleverd_volume, tarief, p.ingediend_bedrag.bedrag);
                if range.is_empty() { tarief.saturating_mul(60) } else { *range.start() }
            } else {
                continue;
            };
            best = Some((p.product_periode, per_unit, p.referentie().to_string()));
        }
    }
    best.map(|(_, t, r)| (t, r))
}

/// What the user typed in one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowInput {
    pub volume: String,
    /// Empty: the proposed tariff.
    pub tarief: String,
    pub product_code: String,
    /// For a generic toewijzing, which names no category either.
    pub categorie: String,
    /// Filled from a timesheet (shown so nothing is filled silently).
    pub uit_urenstaat: bool,
}

/// The numbers, when the user changed Kloppend's proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberEdits {
    pub declaratie_nummer: Option<String>,
    pub bericht_identificatie: Option<String>,
}

/// One row as it would be declared, or what is wrong with what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlan {
    pub nummer: u64,
    /// "€ 480,00 (8 uur à € 60,00)", when it can be computed.
    pub bedrag: Option<String>,
    /// What is wrong with the typed values, or why the gemeente would reject the row.
    pub problems: Vec<RowProblem>,
    /// The typed tariff differs from the contract table (or none is known): offer to keep it.
    pub new_tarief: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct DeclarePlan {
    pub declaratie_nummer: String,
    pub bericht_identificatie: String,
    /// The proposed numbers follow Kloppend's own series for this gemeente.
    pub eigen_reeks: bool,
    pub declaratie_periode: Periode,
    /// "mei 2025" of the DeclaratiePeriode, with why when it differs from the month of care.
    pub periode_text: String,
    pub rows: Vec<RowPlan>,
    /// The message, or why it is not made (`None` while no row has a volume).
    pub result: Option<Result<Made, DeclareError>>,
}

impl DeclarePlan {
    pub fn made(&self) -> Option<&Made> {
        self.result.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// Problems with the message as a whole (numbers, period).
    pub fn bericht_problems(&self) -> &[String] {
        match &self.result {
            Some(Err(DeclareError::Afgewezen(r))) => &r.bericht,
            _ => &[],
        }
    }
}

/// Everything the user chose and typed.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    pub inputs: &'a BTreeMap<u64, RowInput>,
    pub numbers: &'a NumberEdits,
    pub eerder: &'a [GebruiktNummer],
    pub today: NaiveDate,
}

/// The message for what was typed, checked against every rule.
pub fn plan(workspace: &Workspace, model: &DeclareModel, choice: Choice<'_>) -> Option<DeclarePlan> {
    let (groep, month) = (model.groep.clone()?, model.maand?);
    let refs = workspace.refs();
    let r = &workspace.reconciliation;
    let made = workspace.made();
    let numbering = crate::analysis::credit::Numbering { berichten: &refs, eerder: choice.eerder, gemaakt: &made };
    let proposal = declare::propose(numbering, r, &groep, month, choice.today);
    let eigen_reeks = proposal.eigen_reeks;
    let declaratie_nummer = choice.numbers.declaratie_nummer.clone().unwrap_or(proposal.declaratie_nummer);
    let bericht_identificatie = choice.numbers.bericht_identificatie.clone().unwrap_or(proposal.bericht_identificatie);
    let mut rows = Vec::new();
    let mut entries = Vec::new();
    for row in &model.rows {
        let input = choice.inputs.get(&row.nummer).cloned().unwrap_or_default();
        let (entry, plan) = row_plan(row, &input);
        entries.extend(entry);
        rows.push(plan);
    }
    let request = declare::Request {
        groep,
        maand: month,
        entries,
        declaratie_nummer: declaratie_nummer.clone(),
        bericht_identificatie: bericht_identificatie.clone(),
        declaratie_periode: proposal.declaratie_periode,
        dagtekening: choice.today,
        referenties: proposal.referenties,
    };
    let tarieven = workspace.tarieven();
    let archive =
        Archive { berichten: &refs, eerder: choice.eerder, reconciliation: r, toewijzingen: &workspace.toewijzingen, tarieven: &tarieven };
    let typed_ok = rows.iter().all(|r| r.problems.is_empty());
    let result = match declare::build(&archive, &request) {
        Err(DeclareError::GeenRegels) if typed_ok => None,
        Err(DeclareError::GeenRegels) => Some(Err(DeclareError::Afgewezen(Default::default()))),
        Err(DeclareError::Afgewezen(refusal)) => {
            for problem in &refusal.regels {
                if let Some(row) = rows.iter_mut().find(|r| r.nummer == problem.nummer) {
                    row.problems.push(problem.clone());
                }
            }
            Some(Err(DeclareError::Afgewezen(refusal)))
        }
        Ok(made) if typed_ok => Some(Ok(made)),
        // A row whose volume cannot be read is not in the message: it is not made until it is fixed.
        Ok(_) => Some(Err(DeclareError::Afgewezen(Default::default()))),
    };
    let p = request.declaratie_periode;
    let mut periode_text = maand(p.begindatum.year(), p.begindatum.month());
    if p.begindatum > month {
        periode_text
            .push_str(" (de laatst ingediende periode bij deze gemeente: een eerdere maand declareer je in een latere periode, IV090)");
    }
    Some(DeclarePlan { declaratie_nummer, bericht_identificatie, eigen_reeks, declaratie_periode: p, periode_text, rows, result })
}

/// The entry for one row (none without volume) and what is wrong with what was typed.
fn row_plan(row: &DeclareRow, input: &RowInput) -> (Option<Entry>, RowPlan) {
    let mut plan = RowPlan { nummer: row.nummer, bedrag: None, problems: Vec::new(), new_tarief: None };
    let problem = |message: String| RowProblem { nummer: row.nummer, rule: None, code: None, message };
    let volume = match parse_volume(input.volume.trim(), row.eenheid.as_ref()) {
        Ok(None) => return (None, plan),
        Ok(Some(v)) => v,
        Err(why) => {
            plan.problems.push(problem(why.to_string()));
            return (None, plan);
        }
    };
    let tarief = if input.tarief.trim().is_empty() {
        row.tarief
    } else {
        match parse_amount(&input.tarief) {
            Ok(Some(cents)) if cents >= 0 => Some(cents as u64),
            _ => {
                plan.problems.push(problem(format!("tarief '{}' is geen bedrag zoals 60,00.", input.tarief.trim())));
                return (None, plan);
            }
        }
    };
    let from_contract = matches!(row.tarief_bron, TariefBron::Contract { .. }) && tarief == row.tarief;
    plan.new_tarief = tarief.filter(|_| !row.is_bedrag && !from_contract);
    let product = row.needs_code.then(|| {
        let categorie = row.categorie.clone().unwrap_or_else(|| ProductCategorie::new(input.categorie.trim()));
        (categorie, CompactString::from(input.product_code.trim()))
    });
    let entry = Entry { nummer: row.nummer, volume, tarief, product };
    if let Some(eenheid) = &row.eenheid
        && let Ok(a) = declare::amount(row.nummer, eenheid, &entry)
    {
        plan.bedrag = Some(amount_text(&a));
    }
    (Some(entry), plan)
}

/// What is wrong with a typed volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeFout {
    Duur(DuurFout),
    Bedrag(String),
    Aantal(String),
}

impl std::fmt::Display for VolumeFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VolumeFout::Duur(e) => write!(f, "{e}."),
            VolumeFout::Bedrag(t) => write!(f, "'{t}' is geen bedrag zoals 120,50."),
            VolumeFout::Aantal(t) => write!(f, "'{t}' is geen heel aantal."),
        }
    }
}

impl std::error::Error for VolumeFout {}

/// A volume as typed in the toewijzing's unit; `None` when empty or zero.
fn parse_volume(text: &str, eenheid: Option<&Eenheid>) -> Result<Option<Volume>, VolumeFout> {
    if text.is_empty() {
        return Ok(None);
    }
    let volume = match eenheid {
        Some(Eenheid::Uur) => Volume::Minuten(parse_duur(text).map_err(VolumeFout::Duur)?),
        Some(Eenheid::Euros) => match parse_amount(text) {
            Ok(Some(cents)) if cents >= 0 => Volume::InEenheid(cents as u64),
            _ => return Err(VolumeFout::Bedrag(text.into())),
        },
        _ => Volume::InEenheid(text.parse().map_err(|_| VolumeFout::Aantal(text.into()))?),
    };
    Ok((!volume.is_zero()).then_some(volume))
}

/// "€ 480,00 (8 uur à € 60,00)".
fn amount_text(a: &declare::Amount) -> String {
    let bedrag = Saldo(a.bedrag.min(i64::MAX as u64) as i64);
    match a.product_tarief {
        Some(t) => {
            format!("{bedrag} ({} à € {})", crate::formats::message::codes::volume_in_words(a.volume, a.eenheid.clone()), format_cents(t))
        }
        None => bedrag.to_string(),
    }
}

/// What a timesheet filled in: per row the new volume text, and every timesheet row that
/// was not used, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filled {
    pub volumes: BTreeMap<u64, String>,
    /// How many timesheet rows went into the volumes.
    pub used: usize,
    /// (row, why) for each row not used, unreadable rows included.
    pub skipped: Vec<(usize, String)>,
}

/// Sum a timesheet's rows of the model's month per toewijzing (by number, or by BSN when that
/// client has exactly one toewijzing in the list).
pub fn fill(model: &DeclareModel, staat: &Urenstaat) -> Filled {
    let mut out = Filled::default();
    out.skipped.extend(staat.onleesbaar.iter().map(|(r, why)| (*r, why.to_string())));
    let Some(month) = model.maand else { return out };
    let mut minutes: BTreeMap<u64, u64> = BTreeMap::new();
    for rij in &staat.rijen {
        if rij.wanneer.maand() != month {
            out.skipped.push((rij.regel, format!("valt buiten {}", model.maand_text)));
            continue;
        }
        let rows: Vec<&DeclareRow> = match &rij.wie {
            Wie::Toewijzing(n) => model.rows.iter().filter(|r| r.nummer == *n).collect(),
            Wie::Bsn(bsn) => model.rows.iter().filter(|r| r.bsn == bsn.as_str()).collect(),
        };
        let row = match rows.as_slice() {
            [row] => *row,
            [] => {
                out.skipped.push((rij.regel, "geen toewijzing van deze cliënt in de lijst".into()));
                continue;
            }
            _ => {
                out.skipped.push((rij.regel, "deze cliënt heeft meer toewijzingen: vul de kolom toewijzingnummer".into()));
                continue;
            }
        };
        let amount = match (rij.hoeveel, &row.eenheid) {
            (Hoeveel::Minuten(m), Some(Eenheid::Uur)) => m,
            (Hoeveel::Aantal(a), Some(e)) if *e != Eenheid::Uur && *e != Eenheid::Euros => a,
            _ => {
                out.skipped.push((rij.regel, format!("past niet bij de eenheid van toewijzing {}", row.nummer)));
                continue;
            }
        };
        *minutes.entry(row.nummer).or_default() += amount;
        out.used += 1;
    }
    for (nummer, total) in minutes {
        let hours = model.rows.iter().any(|r| r.nummer == nummer && r.eenheid == Some(Eenheid::Uur));
        let text = if hours { format!("{}:{:02}", total / 60, total % 60) } else { total.to_string() };
        out.volumes.insert(nummer, text);
    }
    crate::base::sort::by_key(&mut out.skipped, |(r, _)| *r);
    out
}

/// The last day of the model's month: a declaration is made once the month is over (TR137).
pub fn month_is_over(model: &DeclareModel, today: NaiveDate) -> bool {
    model.maand.is_some_and(|m| last_of_month(m) < today)
}
