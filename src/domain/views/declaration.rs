//! The declaration view: one 323 with its answer joined in. Built once per workspace and
//! filter; the screen renders one page of its lines, each row made on demand by index.

use std::collections::HashMap;

use crate::analysis::reconcile::{DeclaratieView, IssueKind, LineRef, LineStatus, advies_declaratie_met, advies_regel};
use crate::analysis::workspace::{LineKey, Workspace};
use crate::base::money::Saldo;
use crate::formats::message::{Declaratiebericht, Domein, Periode, Prestatie, RetourCode};

use super::paging::Page;
use super::settlements::rij;
use super::wording;

/// Which lines the table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineFilter {
    pub status: Option<LineStatus>,
}

/// A line in another declaration this line leads to or comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineLink {
    pub file_id: String,
    pub client: usize,
    pub prestatie: usize,
    pub referentie: String,
    pub declaratie_nummer: String,
    /// The linked line's status (for a re-declaration: how it fared).
    pub status: Option<LineStatus>,
}

impl LineLink {
    /// What became of a rejected line declared again as this one, in words.
    pub(crate) fn handled_text(&self) -> String {
        let how = match self.status {
            Some(LineStatus::Goedgekeurd) => "goedgekeurd",
            Some(LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt) => {
                "ook afgewezen: herstel en declareer díe regel opnieuw"
            }
            Some(LineStatus::WachtOpAntwoord) | None => "wacht op het antwoord van de gemeente",
            Some(_) => "afgehandeld",
        };
        format!("Opnieuw gedeclareerd als {} in declaratie {}: {how}.", self.referentie, self.declaratie_nummer)
    }
}

/// Another declaration this one links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub declaratie_nummer: String,
    pub file_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationModel {
    /// Reconciliation input index of the 323.
    pub bericht: usize,
    pub file_id: String,
    /// Reconciliation input index of its 325, if loaded.
    pub antwoord: Option<usize>,
    /// Per client of the 323 (by index): the codes of the 325's client with the same BSN.
    pub client_codes: Vec<Vec<RetourCode>>,
    pub header_codes: Vec<RetourCode>,
    pub declaratie_codes: Vec<RetourCode>,
    /// Credit messages that credit lines of this declaration.
    pub credits: Vec<Link>,
    /// Declarations whose lines this (credit) declaration credits.
    pub originals: Vec<Link>,
    pub filter: LineFilter,
    /// The lines that pass the filter, as (client, prestatie), in message order.
    pub lines: Vec<(usize, usize)>,
    /// Lines in the declaration, unfiltered.
    pub total_lines: usize,
    /// Which codelist names the product categories.
    pub domein: Domein,
    /// Per line (client, prestatie): the later debit that declares it again.
    pub next: HashMap<(usize, usize), LineLink>,
    /// Per line: the earlier debit it declares again.
    pub previous: HashMap<(usize, usize), LineLink>,
    /// What insurers' settlement overviews say was paid for it (received minus offset), when
    /// a row names it ("Uw kenmerk" is its DeclaratieNummer).
    pub received: Option<Saldo>,
    /// Per unanswered line: the retourcodes the gemeente will reject it with, each with what the
    /// toewijzing or contract says and what to do (the T rules).
    pub expected: HashMap<(usize, usize), Vec<(String, String)>>,
    /// What to do with the declaration as a whole, counting the rejected lines already declared again.
    pub advies: String,
}

/// One line as the table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    pub key: LineKey,
    pub referentie: String,
    /// The line it credits (a credit line's VorigReferentieNummer).
    pub crediteert: Option<String>,
    pub product: String,
    pub toewijzing: u64,
    pub periode: Periode,
    /// "4 uur", or for unit 83 the amount ("€ 833,72").
    pub volume: String,
    pub tarief: Option<Saldo>,
    pub bedrag: Saldo,
    pub is_credit: bool,
    pub status: LineStatus,
    pub codes: Vec<RetourCode>,
    pub advies: String,
    /// Declared again as this line ("opnieuw gedeclareerd als …").
    pub next: Option<LineLink>,
    /// A rejected line that is declared again: its story replaces the advice to declare it again.
    pub handled: Option<String>,
    /// Declares this earlier line again.
    pub previous: Option<LineLink>,
    /// Not answered yet, and the gemeente will reject it: (retourcode, why and what to do).
    pub expected: Vec<(String, String)>,
}

/// What a page of the table holds: rows, with a client heading wherever the client changes
/// (and at the top of every page, so a page never starts with an unnamed client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableRow {
    Client { client: usize, bsn: String, codes: Vec<RetourCode> },
    Line(Box<LineRow>),
}

/// Paid for a declaration according to the settlement overviews: what was received, less
/// each claim on it once (a claim reappears in later overviews with what is still open; it
/// is its first amount that was taken back) and other amounts the provider owes.
fn received(workspace: &Workspace, bericht: usize) -> Option<Saldo> {
    let ledger = &workspace.ledger;
    let mut claims: Vec<usize> = Vec::new();
    let mut total = 0i64;
    let mut any = false;
    for row in ledger.rows.iter().filter(|row| row.declaratie == Some(bericht)) {
        let Some(r) = rij(workspace, row.rij) else { continue };
        any = true;
        total += r.u_ontvangt.unwrap_or(0);
        match row.claim {
            Some(claim) => claims.push(claim),
            None => total -= r.u_betaalt.unwrap_or(0),
        }
    }
    crate::base::sort::ascending(&mut claims);
    claims.dedup();
    total -= claims.iter().filter_map(|&c| ledger.claims.get(c)).map(|c| c.oorspronkelijk).sum::<i64>();
    any.then_some(Saldo(total))
}

fn line_link(workspace: &Workspace, line: LineRef) -> Option<LineLink> {
    let file_id = workspace.document(line.bericht)?.file.id.clone();
    let d = workspace.bericht(line.bericht)?.as_declaratie()?;
    let referentie = d.declaratie.clienten.get(line.client)?.prestaties.get(line.prestatie)?.referentie().to_string();
    let declaratie_nummer = d.declaratie.declaratie_nummer.to_string();
    let status = workspace.reconciliation.line(line).map(|l| l.status);
    Some(LineLink { file_id, client: line.client, prestatie: line.prestatie, referentie, declaratie_nummer, status })
}

fn link(workspace: &Workspace, bericht: usize) -> Option<Link> {
    let file_id = workspace.document(bericht)?.file.id.clone();
    let declaratie_nummer = workspace.bericht(bericht)?.as_declaratie()?.declaratie.declaratie_nummer.to_string();
    Some(Link { declaratie_nummer, file_id })
}

impl DeclarationModel {
    /// `None` when the file is not loaded or is not a 323.
    pub fn build(workspace: &Workspace, file_id: &str, filter: LineFilter) -> Option<DeclarationModel> {
        let bericht = workspace.bericht_index(file_id)?;
        let d = workspace.bericht(bericht)?.as_declaratie()?;
        let view = workspace.reconciliation.declaratie(bericht)?;
        let antwoord = view.antwoord.and_then(|a| workspace.bericht(a)).and_then(|b| b.as_antwoord());
        let answer = antwoord.and_then(|a| a.declaratie_antwoord.as_ref());
        // One map, not a search per client: TR101 makes BSNs unique within a message.
        let by_bsn: HashMap<&str, &Vec<RetourCode>> =
            answer.map(|da| da.clienten.iter().map(|c| (c.bsn.as_str(), &c.retour_codes)).collect()).unwrap_or_default();
        let client_codes =
            d.declaratie.clienten.iter().map(|c| by_bsn.get(c.bsn.as_str()).map(|v| v.to_vec()).unwrap_or_default()).collect();
        let mut originals: Vec<usize> = view.lines.iter().filter_map(|l| l.crediteert.map(|r| r.bericht)).collect();
        crate::base::sort::ascending(&mut originals);
        originals.dedup();
        let lines = view.lines.iter().filter(|l| filter.status.is_none_or(|s| s == l.status)).map(|l| (l.client, l.prestatie)).collect();
        let (mut next, mut previous) = (HashMap::new(), HashMap::new());
        for (&from, &to) in &workspace.successors {
            if from.bericht == bericht
                && let Some(l) = line_link(workspace, to)
            {
                next.insert((from.client, from.prestatie), l);
            }
            if to.bericht == bericht
                && let Some(l) = line_link(workspace, from)
            {
                previous.insert((to.client, to.prestatie), l);
            }
        }
        let redeclared = view.lines.iter().filter(|l| l.status.is_exception() && next.contains_key(&(l.client, l.prestatie))).count();
        let received = received(workspace, bericht);
        let mut expected: HashMap<(usize, usize), Vec<(String, String)>> = HashMap::new();
        for issue in workspace.reconciliation.issues.iter().filter(|i| i.bericht == bericht && matches!(i.kind, IssueKind::Toewijzing(_))) {
            if let (Some(line), Some(code)) = (issue.line, issue.kind.gevolg().retourcode()) {
                expected.entry((line.client, line.prestatie)).or_default().push((code.to_string(), issue.message.clone()));
            }
        }
        Some(DeclarationModel {
            bericht,
            file_id: file_id.to_string(),
            antwoord: view.antwoord,
            client_codes,
            header_codes: antwoord.map(|a| a.header.retour_codes.clone()).unwrap_or_default(),
            declaratie_codes: answer.map(|da| da.retour_codes.clone()).unwrap_or_default(),
            credits: view.creditberichten.iter().filter_map(|&c| link(workspace, c)).collect(),
            originals: originals.into_iter().filter_map(|b| link(workspace, b)).collect(),
            filter,
            lines,
            total_lines: view.lines.len(),
            domein: d.domein,
            advies: advies_declaratie_met(view, redeclared),
            next,
            previous,
            received,
            expected,
        })
    }

    pub fn declaratie<'w>(&self, workspace: &'w Workspace) -> Option<(&'w Declaratiebericht, &'w DeclaratieView)> {
        Some((workspace.bericht(self.bericht)?.as_declaratie()?, workspace.reconciliation.declaratie(self.bericht)?))
    }

    pub fn page(&self, number: usize, size: usize) -> Page {
        Page::of(self.lines.len(), size, number)
    }

    /// The page that shows a line, if the filter lets it through.
    pub fn page_of(&self, line: (usize, usize), size: usize) -> Option<usize> {
        // Lines are in (client, prestatie) order.
        self.lines.binary_search(&line).ok().map(|i| i / size.max(1))
    }

    /// The rows of one page, client headings included.
    pub fn rows(&self, workspace: &Workspace, page: Page) -> Vec<TableRow> {
        let Some((d, view)) = self.declaratie(workspace) else { return Vec::new() };
        let mut out = Vec::with_capacity(page.end - page.start + 8);
        let mut current = None;
        for &(c, p) in &self.lines[page.start..page.end] {
            let (Some(client), Some(line)) = (d.declaratie.clienten.get(c), view.line(c, p)) else { continue };
            let Some(prestatie) = client.prestaties.get(p) else { continue };
            if current != Some(c) {
                current = Some(c);
                let codes = self.client_codes.get(c).cloned().unwrap_or_default();
                out.push(TableRow::Client { client: c, bsn: client.bsn.to_string(), codes });
            }
            let advies = advies_regel(line, &view.verwerking, prestatie.is_credit());
            out.push(TableRow::Line(Box::new(self.line_row(c, p, prestatie, line.status, line.codes.clone(), advies))));
        }
        out
    }

    fn line_row(&self, c: usize, p: usize, prestatie: &Prestatie, status: LineStatus, codes: Vec<RetourCode>, advies: String) -> LineRow {
        LineRow {
            key: LineKey { file_id: self.file_id.clone(), client: c, prestatie: p },
            referentie: prestatie.referentie().to_string(),
            crediteert: prestatie.product_referentie.vorig_referentie_nummer.as_ref().map(|v| v.to_string()),
            product: product_text(prestatie, self.domein),
            toewijzing: prestatie.toewijzing_nummer,
            periode: prestatie.product_periode,
            volume: wording::volume(prestatie.geleverd_volume, prestatie.eenheid.clone()),
            tarief: prestatie.product_tarief.map(|t| Saldo(t as i64)),
            bedrag: prestatie.ingediend_bedrag.saldo(),
            is_credit: prestatie.is_credit(),
            status,
            codes,
            advies,
            handled: self.next.get(&(c, p)).filter(|_| status.is_exception()).map(LineLink::handled_text),
            next: self.next.get(&(c, p)).cloned(),
            previous: self.previous.get(&(c, p)).cloned(),
            expected: self.expected.get(&(c, p)).cloned().unwrap_or_default(),
        }
    }
}

/// "Begeleiding (02 / 02A12)": the category's name first, the codes after it.
fn product_text(prestatie: &Prestatie, domein: Domein) -> String {
    let codes = format!("{} / {}", prestatie.product_categorie.code(), prestatie.product_code);
    match prestatie.product_categorie.omschrijving(domein) {
        Some(naam) => format!("{naam} ({codes})"),
        None => codes,
    }
}

/// The head of the declaration page: the facts of the message, its answer, its money and
/// what does not add up, worked out once per model.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclarationHeader {
    pub nummer: String,
    /// The whole message is a credit (its total is).
    pub credit_message: bool,
    /// "Deels afgewezen" and its tone.
    pub uitkomst: (&'static str, wording::Tone),
    pub afzender: String,
    pub gemeente: String,
    /// "Wmo-declaratie (323) · BerichtCode 447 · release 3.2".
    pub bericht: String,
    /// "B2025050 (05-06-2025)".
    pub berichtnummer: String,
    pub periode: String,
    pub dagtekening: String,
    /// The file name as stored (the screen masks BSNs in it) and where it came from.
    pub bestand: String,
    pub herkomst: &'static str,
    /// The answer: its number and date, and its file name as stored; `None` until it came.
    pub antwoord: Option<(String, String)>,
    pub bedragen: crate::analysis::reconcile::Bedragen,
    /// Its debit lines' money as it adds up (credits count on the lines they credit).
    pub figures: crate::views::figures::Figures,
    /// The credit lines in this message (a credit or a correction), unsigned.
    pub credit_lines: Saldo,
    pub som: Option<crate::analysis::reconcile::SomControle>,
    /// What does not match between the messages: (kind, what, consequence).
    pub issues: Vec<(&'static str, String, String)>,
    pub findings: Vec<crate::diagnostics::findings::Finding>,
    /// The number of lines per status, for the line filter.
    pub counts: Vec<(LineStatus, usize)>,
}

impl DeclarationModel {
    pub fn header(&self, workspace: &Workspace) -> Option<DeclarationHeader> {
        let (d, view) = self.declaratie(workspace)?;
        let h = &d.header;
        let doc = workspace.document(self.bericht);
        let antwoord = self.antwoord.and_then(|a| {
            let answer = workspace.bericht(a)?.as_antwoord()?;
            let id = &answer.header.header.bericht_identificatie;
            Some((
                format!("{} van {}", id.identificatie, crate::base::text::datum(id.dagtekening)),
                workspace.document(a)?.file.name.clone(),
            ))
        });
        let issues = workspace.reconciliation.issues_for(self.bericht);
        Some(DeclarationHeader {
            nummer: d.declaratie.declaratie_nummer.to_string(),
            credit_message: d.declaratie.totaal_ingediend_bedrag.debet_credit.is_credit(),
            uitkomst: wording::outcome(view),
            afzender: h.afzender.to_string(),
            gemeente: wording::gemeente(&h.ontvanger),
            bericht: format!("{} · BerichtCode {} · release {}", view.bericht_type.naam(), h.bericht_code, d.release),
            berichtnummer: format!(
                "{} ({})",
                h.bericht_identificatie.identificatie,
                crate::base::text::datum(h.bericht_identificatie.dagtekening)
            ),
            periode: wording::periode(&d.declaratie.declaratie_periode),
            dagtekening: crate::base::text::datum(d.declaratie.declaratie_dagtekening),
            bestand: doc.map(|d| d.file.name.clone()).unwrap_or_default(),
            herkomst: doc.map(|d| d.file.origin.label()).unwrap_or(""),
            antwoord,
            bedragen: view.bedragen,
            figures: crate::views::figures::Figures::of(workspace, [view]),
            credit_lines: d
                .declaratie
                .clienten
                .iter()
                .flat_map(|c| &c.prestaties)
                .filter(|p| p.is_credit())
                .map(|p| -p.ingediend_bedrag.saldo())
                .sum(),
            som: view.som_controle,
            issues: issues.map(|i| (i.kind.label(), i.message.clone(), i.kind.gevolg().label())).collect(),
            findings: doc.map(|d| workspace.shown_findings(d)).unwrap_or_default(),
            counts: LineStatus::ALL.iter().map(|s| (*s, view.count(*s))).collect(),
        })
    }
}
