//! The credit wizard as data: from the user's selection, kind and edits to the candidates
//! with their guards and, per gemeente and domain, the message that would be built (or why
//! it cannot be). Computed once per change of its inputs; the screen only renders it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::analysis::credit::{
    BuildError, Built, Candidate, Correctie, GebruiktNummer, Groep, Numbering, Request, Soort, build_with, check_with, group, propose,
};
use crate::analysis::reconcile::{LineRef, LineStatus};
use crate::analysis::workspace::{LineKey, Workspace};
use crate::archive::journal::Herkomst;
use crate::base::calendar::last_of_month;
use crate::formats::message::{Declaratiebericht, Eenheid, Periode, Prestatie, ProductCategorie};
use crate::reference::retourcodes::{Veld, veld};
use compact_str::CompactString;

/// The user's edits for one message (one group).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupEdits {
    pub declaratie_nummer: Option<String>,
    pub bericht_identificatie: Option<String>,
    /// `YYYY-MM`, as a month input gives it.
    pub maand: Option<String>,
}

/// What the user chose.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    pub soort: Soort,
    pub selection: &'a [LineKey],
    pub edits: &'a BTreeMap<Groep, GroupEdits>,
    pub correcties: &'a BTreeMap<LineKey, Correctie>,
    /// Identifiers the archive remembers (of deleted messages).
    pub eerder: &'a [GebruiktNummer],
    pub today: NaiveDate,
}

#[derive(Debug)]
pub struct Plan {
    /// Every selected line that is still loaded, with its guard.
    pub candidates: Vec<Candidate>,
    /// Per group: the message as it would be downloaded, or why it cannot be built.
    pub messages: Vec<(Groep, Result<Built, BuildError>)>,
    /// The groups whose proposed numbers follow Kloppend's own series for that gemeente.
    pub eigen_reeks: Vec<Groep>,
}

impl Plan {
    /// Every message can be built (and there is at least one).
    pub fn is_ready(&self) -> bool {
        !self.messages.is_empty() && self.messages.iter().all(|(_, b)| b.is_ok())
    }

    pub fn built(&self) -> impl Iterator<Item = &Built> {
        self.messages.iter().filter_map(|(_, b)| b.as_ref().ok())
    }
}

/// Lines that can be picked for this kind of message, matching the search (a part of the
/// ReferentieNummer, DeclaratieNummer or BSN), in archive order.
pub fn pickable(workspace: &Workspace, soort: Soort, zoek: &str) -> Vec<LineRef> {
    let needle = zoek.trim().to_lowercase();
    let mut out = Vec::new();
    for view in &workspace.reconciliation.declaraties {
        let Some(d) = workspace.bericht(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
        let nummer_matches = !needle.is_empty() && d.declaratie.declaratie_nummer.to_lowercase().contains(&needle);
        for line in &view.lines {
            let Some(client) = d.declaratie.clienten.get(line.client) else { continue };
            let Some(p) = client.prestaties.get(line.prestatie) else { continue };
            let here = LineRef { bericht: view.bericht, client: line.client, prestatie: line.prestatie };
            if kind_for(workspace, here, line.status, p.is_credit()) != Some(soort.line_kind()) {
                continue;
            }
            let matches =
                needle.is_empty() || nummer_matches || client.bsn.contains(&needle) || p.referentie().to_lowercase().contains(&needle);
            if matches {
                out.push(here);
            }
        }
    }
    out
}

/// What a line can still become: an approved debit line is credited (or corrected), a
/// rejected or unprocessed one declared again. A credit line is never picked (a credit is
/// not credited again), nor a rejected line already declared again (its successor handles
/// it), nor a line still waiting or already credited.
fn kind_for(workspace: &Workspace, here: LineRef, status: LineStatus, is_credit: bool) -> Option<Soort> {
    match status {
        _ if is_credit => None,
        LineStatus::Goedgekeurd => Some(Soort::Credit),
        LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt if !workspace.successors.contains_key(&here) => {
            Some(Soort::Herdeclaratie)
        }
        _ => None,
    }
}

/// [`kind_for`] of a loaded line.
fn kind_of(workspace: &Workspace, here: LineRef) -> Option<Soort> {
    let line = workspace.reconciliation.declaratie(here.bericht)?.line(here.client, here.prestatie)?;
    let d = workspace.bericht(here.bericht)?.as_declaratie()?;
    let p = d.declaratie.clienten.get(here.client)?.prestaties.get(here.prestatie)?;
    kind_for(workspace, here, line.status, p.is_credit())
}

/// Of these lines of one declaration, the ones that can be credited or declared again (what
/// "alles kiezen" ticks). With `only`, just those of that kind ("hele declaratie crediteren").
pub fn choosable(workspace: &Workspace, bericht: usize, lines: &[(usize, usize)], only: Option<Soort>) -> Vec<LineKey> {
    lines
        .iter()
        .map(|&(client, prestatie)| LineRef { bericht, client, prestatie })
        .filter(|&here| kind_of(workspace, here).is_some_and(|k| only.is_none_or(|o| o.line_kind() == k)))
        .filter_map(|here| workspace.line_key(here))
        .collect()
}

/// Every approved debit line of one declaration, not credited yet ("hele declaratie crediteren").
pub fn whole_declaration(workspace: &Workspace, bericht: usize) -> Vec<LineKey> {
    let Some(view) = workspace.reconciliation.declaratie(bericht) else { return Vec::new() };
    let lines: Vec<(usize, usize)> = view.lines.iter().map(|l| (l.client, l.prestatie)).collect();
    choosable(workspace, bericht, &lines, Some(Soort::Credit))
}

/// The kind of message the ticked lines ask for, when they agree: crediting a rejected line
/// is refused (IV085), so ticked rejected lines open the wizard to declare them again.
pub fn soort_for(workspace: &Workspace, keys: &[LineKey]) -> Option<Soort> {
    let mut kinds = keys.iter().filter_map(|k| workspace.line_ref(k)).map(|here| kind_of(workspace, here));
    let first = kinds.next()??;
    kinds.all(|k| k == Some(first)).then_some(first)
}

/// The button that opens the wizard with the ticked lines, named for what it will make.
pub fn opening_label(soort: Option<Soort>, count: usize) -> String {
    let regels = crate::base::text::count(count, "regel", "regels");
    match soort {
        _ if count == 0 => "Naar Crediteren (nog geen regels gekozen)".into(),
        Some(Soort::Credit | Soort::Correctie) => format!("{regels} crediteren of corrigeren"),
        Some(Soort::Herdeclaratie) => format!("{regels} opnieuw declareren"),
        None => format!("{regels} naar Crediteren"),
    }
}

/// Where the debit lines of a built message come from, for the log (the made file is named
/// by the hash of its bytes, as the archive will store it).
pub fn herkomst(workspace: &Workspace, built: &Built) -> Vec<Herkomst> {
    let bestand = crate::base::digest::content_id(built.xml.as_bytes());
    built
        .regels
        .iter()
        .filter(|r| !r.credit)
        .filter_map(|r| {
            let van = workspace.line_key(r.origineel)?;
            Some(Herkomst {
                bestand: bestand.clone(),
                referentie: r.referentie.clone(),
                van_bestand: van.file_id,
                van_client: van.client,
                van_prestatie: van.prestatie,
            })
        })
        .collect()
}

/// A `YYYY-MM` month as a whole-month period.
pub fn parse_month(text: &str) -> Option<Periode> {
    let (y, m) = text.split_once('-')?;
    let begin = NaiveDate::from_ymd_opt(y.trim().parse().ok()?, m.trim().parse().ok()?, 1)?;
    Some(Periode { begindatum: begin, einddatum: last_of_month(begin) })
}

pub fn plan(workspace: &Workspace, choice: Choice<'_>) -> Plan {
    let refs = workspace.refs();
    let r = &workspace.reconciliation;
    let lines: Vec<_> = choice.selection.iter().filter_map(|k| workspace.line_ref(k)).collect();
    let mut candidates = check_with(&refs, r, &workspace.successors, choice.soort, &lines);
    let groups = group(&mut candidates, false);
    let tarieven = workspace.tarieven();
    let made = workspace.made();
    let mut eigen_reeks = Vec::new();
    let messages = groups
        .into_iter()
        .map(|(groep, lines)| {
            let proposal = propose(Numbering { berichten: &refs, eerder: choice.eerder, gemaakt: &made }, r, &groep, choice.today);
            if proposal.eigen_reeks {
                eigen_reeks.push(groep.clone());
            }
            let e = choice.edits.get(&groep).cloned().unwrap_or_default();
            let periode = e.maand.as_deref().and_then(parse_month).unwrap_or(proposal.declaratie_periode);
            let correcties = lines
                .iter()
                .filter_map(|l| workspace.line_key(*l).and_then(|k| choice.correcties.get(&k)).map(|c| (*l, c.clone())))
                .collect();
            let request = Request {
                soort: choice.soort,
                lines,
                correcties,
                declaratie_nummer: e.declaratie_nummer.unwrap_or(proposal.declaratie_nummer),
                bericht_identificatie: e.bericht_identificatie.unwrap_or(proposal.bericht_identificatie),
                declaratie_periode: periode,
                dagtekening: choice.today,
                referenties: proposal.referenties,
            };
            let built = build_with(&refs, choice.eerder, r, &request, &workspace.toewijzingen, &tarieven, &workspace.successors);
            (groep, built)
        })
        .collect();
    Plan { candidates, messages, eigen_reeks }
}

/// One line as the wizard's tables show it: the picker and the chosen lines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WizardLine {
    pub key: LineKey,
    pub nummer: String,
    pub referentie: String,
    pub bsn: String,
    pub periode: String,
    pub bedrag: crate::base::money::Saldo,
    pub status: LineStatus,
    /// "nu: 10 uur à € 55,00": what the line says now, where a correction starts from.
    pub huidig: String,
    /// Why the gemeente rejected it, in plain Dutch, if it did.
    pub reden: Option<String>,
    /// The fields its retourcodes are about (9340: the product), so the form asks for them.
    pub velden: Vec<Veld>,
    /// What the line's toewijzing says of product and unit, when its 301 is loaded.
    pub voorstel: Option<Voorstel>,
}

/// What a line's toewijzing (its newest version) says of the fields a rejection can be about:
/// proposed in the form for a line rejected on them (9339/9340 product, 9341 unit, 9307/9308
/// period, 9321 volume).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Voorstel {
    /// `None`: a generic toewijzing (any product of the category the line names).
    pub product_categorie: Option<ProductCategorie>,
    /// `None`: the toewijzing names only a category (any code of it is allowed).
    pub product_code: Option<CompactString>,
    /// `None`: the toewijzing has no Omvang (a budget only).
    pub eenheid: Option<Eenheid>,
    /// The line's period cut to the toewijzing's dates, when that differs from the line's.
    pub periode: Option<Periode>,
    /// "12 uur": the most the toewijzing allows for the line's period (TR321), if it says.
    pub maximum: Option<String>,
}

impl Voorstel {
    /// "02 02A02": the product as the form shows it, if the toewijzing names one.
    pub fn product_text(&self) -> Option<String> {
        let categorie = self.product_categorie.as_ref()?;
        Some(match &self.product_code {
            Some(code) => format!("{} {code}", categorie.code()),
            None => categorie.code().to_string(),
        })
    }
}

/// The fields a line's retourcodes are about, each once, in a fixed order.
fn velden_of(workspace: &Workspace, line: LineRef) -> Vec<Veld> {
    let Some(view) = workspace.reconciliation.line(line) else { return Vec::new() };
    let mut velden: Vec<Veld> = view.codes.iter().filter_map(|c| veld(c.code())).collect();
    crate::base::sort::ascending(&mut velden);
    velden.dedup();
    velden
}

fn voorstel(workspace: &Workspace, d: &Declaratiebericht, p: &Prestatie) -> Option<Voorstel> {
    use crate::analysis::toewijzing::maxima;
    let toewijzing = workspace.toewijzingen.get(&d.header.ontvanger, d.domein, p.toewijzing_nummer)?;
    let product = &toewijzing.current().product;
    let genoemd = product.product.as_ref();
    let eenheid = product.omvang.as_ref().map(|o| o.eenheid.clone());
    let periode = maxima::clip(&p.product_periode, product)
        .map(|(begindatum, einddatum)| Periode { begindatum, einddatum })
        .filter(|clipped| *clipped != p.product_periode);
    let maximum = maxima::per_periode(d.domein, product, &periode.unwrap_or(p.product_periode))
        .zip(eenheid.clone())
        .map(|(max, e)| crate::views::wording::volume(max, e));
    Some(Voorstel {
        product_categorie: genoemd.map(|g| g.categorie.clone()),
        product_code: genoemd.and_then(|g| g.code.clone()),
        eenheid,
        periode,
        maximum,
    })
}

/// A line of the archive as the wizard shows it.
pub fn wizard_line(workspace: &Workspace, line: LineRef) -> Option<WizardLine> {
    let d = workspace.bericht(line.bericht)?.as_declaratie()?;
    let client = d.declaratie.clienten.get(line.client)?;
    let p = client.prestaties.get(line.prestatie)?;
    let view = workspace.reconciliation.line(line);
    let tarief =
        p.product_tarief.map(|t| format!(" à {}", crate::base::money::Saldo(i64::try_from(t).unwrap_or(i64::MAX)))).unwrap_or_default();
    let reden = view.and_then(|l| l.codes.iter().find(|code| code.rejects())).map(|code| match code.info() {
        Some(info) => info.uitleg.to_string(),
        None => format!("code {code}"),
    });
    let velden = velden_of(workspace, line);
    // Product and period are said only where they are what was rejected: otherwise noise.
    let mut product = String::new();
    if velden.contains(&Veld::Product) {
        product.push_str(&format!(" · product {} {}", p.product_categorie.code(), p.product_code));
    }
    if velden.contains(&Veld::Periode) {
        product.push_str(&format!(" · periode {}", crate::views::wording::periode(&p.product_periode)));
    }
    Some(WizardLine {
        key: workspace.line_key(line)?,
        nummer: d.declaratie.declaratie_nummer.to_string(),
        referentie: p.referentie().to_string(),
        bsn: client.bsn.to_string(),
        periode: crate::views::wording::periode(&p.product_periode),
        bedrag: p.ingediend_bedrag.saldo(),
        status: view.map_or(LineStatus::WachtOpAntwoord, |l| l.status),
        huidig: format!("nu: {}{tarief}{product}", crate::views::wording::volume(p.geleverd_volume, p.eenheid.clone())),
        reden,
        velden,
        voorstel: voorstel(workspace, d, p),
    })
}

/// What a built message holds, for the check before it is downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub periode: String,
    /// "€ 120,00", or "€ 120,00 credit" for a message that pays back.
    pub totaal: String,
    pub bsns: Vec<String>,
    pub rows: Vec<ChecklistRow>,
    /// The made message's warnings (it has no errors, or it would not be built), as the
    /// import list would show them after the download: to be seen before it (issue 27).
    pub waarschuwingen: Vec<crate::diagnostics::findings::Finding>,
}

/// One line of a built message beside the line it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub referentie: String,
    pub credit: bool,
    pub bedrag: crate::base::money::Saldo,
    pub origineel: String,
    pub origineel_bedrag: crate::base::money::Saldo,
    /// The amount equals the original's (for a credit: the only right outcome).
    pub zelfde_bedrag: bool,
    /// For a new debit line: every value that differs from the line it declares again or
    /// corrects, "tarief € 55,00 → € 58,00" (empty: nothing changed).
    pub wijzigingen: Vec<String>,
}

pub fn checklist(workspace: &Workspace, built: &Built) -> Checklist {
    use crate::base::money::Saldo;
    let totaal = built.totaal();
    let totaal = if totaal.cents() < 0 { format!("{} credit", Saldo(-totaal.cents())) } else { totaal.to_string() };
    let original = |line: LineRef| {
        let d = workspace.bericht(line.bericht)?.as_declaratie()?;
        d.declaratie.clienten.get(line.client)?.prestaties.get(line.prestatie)
    };
    let rows = built.regels.iter().zip(built.bericht.prestaties()).map(|(regel, (_, p))| {
        let was = original(regel.origineel);
        let origineel_bedrag = was.map(|o| o.ingediend_bedrag.saldo()).unwrap_or_default();
        let bedrag = p.ingediend_bedrag.saldo();
        ChecklistRow {
            referentie: regel.referentie.clone(),
            credit: regel.credit,
            zelfde_bedrag: bedrag.cents().abs() == origineel_bedrag.cents().abs(),
            bedrag,
            origineel: was.map(|o| o.referentie().to_string()).unwrap_or_default(),
            origineel_bedrag,
            wijzigingen: match was {
                Some(was) if !regel.credit => changes(was, p),
                _ => Vec::new(),
            },
        }
    });
    // As the import list shows them: a broken month the loaded toewijzing starts or ends
    // there is no warning.
    let waarschuwingen = built
        .findings
        .iter()
        .filter(|f| !crate::analysis::toewijzing::check::confirms_partial_month(&workspace.toewijzingen, &built.bericht, f))
        .cloned()
        .collect();
    Checklist {
        periode: crate::views::wording::periode(&built.bericht.declaratie.declaratie_periode),
        totaal,
        bsns: built.bericht.declaratie.clienten.iter().map(|c| c.bsn.to_string()).collect(),
        rows: rows.collect(),
        waarschuwingen,
    }
}

/// Every value of a new debit line that differs from the line it comes from, in words.
fn changes(was: &crate::formats::message::Prestatie, nu: &crate::formats::message::Prestatie) -> Vec<String> {
    use crate::base::money::Saldo;
    use crate::views::wording::{periode, volume};
    let mut out = Vec::new();
    let mut differs = |wat: &str, oud: String, nieuw: String| {
        if oud != nieuw {
            out.push(format!("{wat} {oud} → {nieuw}"));
        }
    };
    differs("toewijzing", was.toewijzing_nummer.to_string(), nu.toewijzing_nummer.to_string());
    differs(
        "product",
        format!("{} {}", was.product_categorie.code(), was.product_code),
        format!("{} {}", nu.product_categorie.code(), nu.product_code),
    );
    differs("periode", periode(&was.product_periode), periode(&nu.product_periode));
    differs("volume", volume(was.geleverd_volume, was.eenheid.clone()), volume(nu.geleverd_volume, nu.eenheid.clone()));
    let tarief = |t: Option<u64>| t.and_then(|c| i64::try_from(c).ok()).map(|c| Saldo(c).to_string()).unwrap_or_else(|| "geen".into());
    differs("tarief", tarief(was.product_tarief), tarief(nu.product_tarief));
    differs("bedrag", was.ingediend_bedrag.saldo().to_string(), nu.ingediend_bedrag.saldo().to_string());
    out
}
