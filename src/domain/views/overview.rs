//! The Overzicht as data: filters, search, totals and the exceptions list, over a workspace.
//! Pure, so the screen only renders what this returns.

use chrono::Datelike;

use crate::analysis::reconcile::{DeclaratieView, IssueKind, LineRef, LineStatus, LineView, Totalen, Verwerking};
use crate::analysis::workspace::Workspace;
use crate::archive::Origin;
use crate::diagnostics::rules::Consequence;
use crate::formats::message::{Bericht, Client, Domein, Prestatie};
use crate::reference::gemeenten;
use crate::views::figures::Figures;

/// What the user filters on. Empty strings mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub gemeente: String,
    pub domein: Option<Domein>,
    /// `YYYY-MM` of the declaration period.
    pub periode: String,
    pub status: Option<LineStatus>,
    /// A retourcode ("0611"): declarations with a line (or client) rejected with it, and in
    /// the line list only those lines.
    pub code: String,
    /// DeclaratieNummer, ReferentieNummer, BSN or gemeente name (whole or part), or a whole
    /// toewijzing number, product code or retourcode.
    pub zoek: String,
    /// The user's own files, the demo, or both.
    pub bron: Bron,
}

/// Whose messages are counted. The demo is a mode of its own: with files of the user's own
/// loaded, the Overzicht counts those by default, so fictitious money never mixes into theirs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Bron {
    #[default]
    Alle,
    Eigen,
    Demo,
}

impl Bron {
    /// Own files only when there are any next to a demo; otherwise everything.
    pub fn default_for(workspace: &Workspace) -> Bron {
        let (mut own, mut demo) = (false, false);
        for doc in &workspace.documents {
            if doc.file.origin == Origin::Demo { demo = true } else { own = true }
        }
        if own && demo { Bron::Eigen } else { Bron::Alle }
    }

    pub(crate) fn admits(self, origin: Origin) -> bool {
        match self {
            Bron::Alle => true,
            Bron::Eigen => origin != Origin::Demo,
            Bron::Demo => origin == Origin::Demo,
        }
    }
}

/// The values the filters can take, from what is loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterOptions {
    pub gemeenten: Vec<String>,
    pub perioden: Vec<String>,
    /// The retourcodes that occur on any line, sorted.
    pub codes: Vec<String>,
}

pub fn filter_options(workspace: &Workspace) -> FilterOptions {
    let mut gemeenten = Vec::new();
    let mut perioden = Vec::new();
    let mut codes = std::collections::BTreeSet::new();
    for view in &workspace.reconciliation.declaraties {
        if let Some(Bericht::Declaratie(d)) = workspace.bericht(view.bericht) {
            gemeenten.push(d.header.ontvanger.to_string());
            perioden.push(periode_key(d.declaratie.declaratie_periode.begindatum));
        }
        for line in &view.lines {
            codes.extend(line.codes.iter().map(|c| c.code().to_string()));
        }
    }
    crate::base::sort::ascending(&mut gemeenten);
    gemeenten.dedup();
    crate::base::sort::ascending(&mut perioden);
    perioden.dedup();
    perioden.reverse();
    FilterOptions { gemeenten, perioden, codes: codes.into_iter().collect() }
}

/// "2026-10": the key of a declaration period in filters and exports.
pub(crate) fn periode_key(date: chrono::NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The declarations (their views) that pass the filter, newest period first.
pub fn select<'a>(workspace: &'a Workspace, filter: &Filter) -> Vec<&'a DeclaratieView> {
    let declaraties = &workspace.reconciliation.declaraties;
    select_positions(workspace, filter).into_iter().map(|i| &declaraties[i]).collect()
}

/// [`select`] as positions in the reconciliation's declarations.
fn select_positions(workspace: &Workspace, filter: &Filter) -> Vec<usize> {
    let zoek = filter.zoek.trim().to_lowercase();
    let declaraties = &workspace.reconciliation.declaraties;
    let mut out: Vec<usize> = (0..declaraties.len()).filter(|&i| declaration_admitted(workspace, &declaraties[i], filter, &zoek)).collect();
    crate::base::sort::by_key(&mut out, |&i| {
        let d = workspace.bericht(declaraties[i].bericht).and_then(|b| b.as_declaratie());
        std::cmp::Reverse(d.map(|d| (d.declaratie.declaratie_periode.begindatum, d.declaratie.declaratie_dagtekening)))
    });
    out
}

/// Whether a declaration passes the filter and the (lower-cased) search.
fn declaration_admitted(workspace: &Workspace, view: &DeclaratieView, filter: &Filter, zoek: &str) -> bool {
    let Some(Bericht::Declaratie(d)) = workspace.bericht(view.bericht) else { return false };
    if !workspace.document(view.bericht).is_some_and(|doc| filter.bron.admits(doc.file.origin)) {
        return false;
    }
    if !filter.gemeente.is_empty() && d.header.ontvanger != filter.gemeente {
        return false;
    }
    if filter.domein.is_some_and(|domein| domein != d.domein) {
        return false;
    }
    if !filter.periode.is_empty() && periode_key(d.declaratie.declaratie_periode.begindatum) != filter.periode {
        return false;
    }
    if !view.lines.iter().any(|l| line_admitted(l, filter)) {
        return false;
    }
    if !zoek.is_empty() {
        let nummer = d.declaratie.declaratie_nummer.to_lowercase().contains(zoek)
            || gemeenten::naam(&d.header.ontvanger).is_some_and(|naam| naam.to_lowercase().contains(zoek));
        // A retourcode (e.g. "0611") finds the declarations with a line or client rejected with it.
        let line = view.lines.iter().any(|l| {
            d.declaratie.clienten.get(l.client).is_some_and(|c| c.prestaties.get(l.prestatie).is_some_and(|p| line_found(c, p, l, zoek)))
        });
        if !nummer && !line {
            return false;
        }
    }
    true
}

/// Whether a line passes the filter's status and retourcode.
fn line_admitted(line: &LineView, filter: &Filter) -> bool {
    filter.status.is_none_or(|s| line.status == s) && (filter.code.is_empty() || line.codes.iter().any(|c| c.code() == filter.code))
}

/// Whether a search term names this line: its client's BSN, its reference, its toewijzing,
/// product code or a retourcode.
fn line_found(client: &Client, prestatie: &Prestatie, line: &LineView, zoek: &str) -> bool {
    client.bsn.contains(zoek)
        || prestatie.referentie().to_lowercase().contains(zoek)
        || prestatie.toewijzing_nummer.to_string() == zoek
        || prestatie.product_code.to_lowercase() == zoek
        || line.codes.iter().any(|c| c.code() == zoek)
}

/// One row of the Overzicht's line list: a line and the declaration it is in.
pub type LineRow<'a> = (&'a DeclaratieView, &'a LineView);

/// The lines of the selected declarations (in their order) that pass the filter's status and
/// retourcode, and the search where it names lines rather than a whole declaration: the line
/// list and its export.
pub fn select_lines<'a>(workspace: &Workspace, views: &[&'a DeclaratieView], filter: &Filter) -> Vec<LineRow<'a>> {
    line_positions(workspace, views, filter).into_iter().map(|(v, l)| (views[v], &views[v].lines[l])).collect()
}

/// [`select_lines`] as (position in `views`, position of the line in its declaration).
fn line_positions(workspace: &Workspace, views: &[&DeclaratieView], filter: &Filter) -> Vec<(usize, usize)> {
    let zoek = filter.zoek.trim().to_lowercase();
    let mut out = Vec::new();
    for (v, view) in views.iter().enumerate() {
        let Some(Bericht::Declaratie(d)) = workspace.bericht(view.bericht) else { continue };

        let found = |l: &&LineView| {
            d.declaratie
                .clienten
                .get(l.client)
                .zip(d.declaratie.clienten.get(l.client).and_then(|c| c.prestaties.get(l.prestatie)))
                .is_some_and(|(c, p)| line_found(c, p, l, &zoek))
        };
        // A search that matched the declaration itself (its number, its gemeente) keeps all
        // its lines; one that matched lines keeps those.
        let narrow = !zoek.is_empty() && view.lines.iter().any(|l| found(&l));
        let kept = view.lines.iter().enumerate().filter(|(_, l)| line_admitted(l, filter) && (!narrow || found(l)));
        out.extend(kept.map(|(l, _)| (v, l)));
    }
    out
}

pub fn totals(views: &[&DeclaratieView]) -> Totalen {
    let mut totalen = Totalen::default();
    for view in views {
        totalen.add(view);
    }
    totalen
}

/// How urgent an exception is (lower first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    High,
    Medium,
    Low,
}

/// One entry of the exceptions list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub priority: Priority,
    /// What kind of exception, in a word or two ("Niet verwerkt", the issue's label).
    pub kind: String,
    pub text: String,
    /// Input index of the 323 to open, if any.
    pub declaration: Option<usize>,
    /// The line to open it at (client, prestatie), when the exception is about one line.
    pub line: Option<(usize, usize)>,
}

/// A declaration that was not processed, or will be rejected as a whole: its exception's
/// kind and text.
fn not_processed(verwerking: &Verwerking) -> Option<(&'static str, String)> {
    let codes = |codes: &[crate::formats::message::RetourCode]| codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ");
    let text = match verwerking {
        Verwerking::TechnischAfgekeurd => "technisch afgekeurd (0001): niet verwerkt, verstuur opnieuw".to_string(),
        Verwerking::HeaderAfgewezen { codes: c } => format!("afgewezen op de header ({}): niet verwerkt, verstuur opnieuw", codes(c)),
        Verwerking::GeheelAfgewezen { codes: c } => format!("geheel afgewezen ({}): niet verwerkt", codes(c)),
        Verwerking::WordtAfgewezen { door_vecozo: true } => {
            return Some((
                "Wordt afgewezen",
                "wordt afgewezen: VECOZO weigert het bestand (XSD-fouten, zie Controle); herstel en upload opnieuw".into(),
            ));
        }
        Verwerking::WordtAfgewezen { door_vecozo: false } => {
            return Some((
                "Wordt afgewezen",
                "wordt afgewezen: de gemeente antwoordt met 0001 (fouten, zie Controle); herstel en verstuur opnieuw".into(),
            ));
        }
        _ => return None,
    };
    Some(("Niet verwerkt", text))
}

/// Exceptions first: declarations not processed, answers that are late or do not add up,
/// answers without a declaration, other mismatches, then rejected lines.
pub fn exceptions(workspace: &Workspace, views: &[&DeclaratieView]) -> Vec<Exception> {
    let r = &workspace.reconciliation;
    let selected: std::collections::HashSet<usize> = views.iter().map(|v| v.bericht).collect();
    let declaratie_of = |bericht: usize, ander: Option<usize>| -> Option<usize> {
        if selected.contains(&bericht) { Some(bericht) } else { ander.filter(|a| selected.contains(a)) }
    };
    let nummer = |bericht: usize| -> String {
        workspace.bericht(bericht).and_then(|b| b.as_declaratie()).map(|d| d.declaratie.declaratie_nummer.to_string()).unwrap_or_default()
    };
    let mut out = Vec::new();
    for view in views {
        if let Some((kind, text)) = not_processed(&view.verwerking) {
            out.push(Exception {
                priority: Priority::High,
                kind: kind.into(),
                text: format!("Declaratie {}: {text}", nummer(view.bericht)),
                declaration: Some(view.bericht),
                line: None,
            });
        }
    }
    for issue in &r.issues {
        // Orphan answers always show; other issues when they concern a selected declaration.
        let declaratie = declaratie_of(issue.bericht, issue.ander);
        if declaratie.is_none() && !matches!(issue.kind, IssueKind::AntwoordZonderDeclaratie | IssueKind::AntwoordVoorAnder) {
            continue;
        }
        let priority = match issue.kind {
            IssueKind::AntwoordTeLaat | IssueKind::SomKloptNiet | IssueKind::AntwoordZonderDeclaratie | IssueKind::AntwoordVoorAnder => {
                Priority::High
            }
            // What the gemeente will reject with its own code is urgent: it is money not paid.
            _ if matches!(issue.kind.gevolg(), Consequence::Rejected(_)) => Priority::High,
            _ => Priority::Medium,
        };
        // The line only when it is in the declaration that is opened.
        let regel = issue.line.filter(|l| Some(l.bericht) == declaratie).map(|l| (l.client, l.prestatie));
        out.push(Exception {
            priority,
            kind: issue.kind.label().into(),
            text: issue.message.clone(),
            declaration: declaratie,
            line: regel,
        });
    }
    for view in views {
        let Some(Bericht::Declaratie(d)) = workspace.bericht(view.bericht) else { continue };
        // A rejected line already declared again is handled: its successor carries its story.
        let handled = |client, prestatie| workspace.successors.contains_key(&LineRef { bericht: view.bericht, client, prestatie });
        for line in view.lines.iter().filter(|l| l.status.is_rejected() && !handled(l.client, l.prestatie)) {
            let p = &d.declaratie.clienten[line.client].prestaties[line.prestatie];
            let codes = line.codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ");
            out.push(Exception {
                priority: Priority::Low,
                kind: line.status.label().into(),
                text: format!(
                    "Declaratie {}, regel {} ({}): {codes}",
                    d.declaratie.declaratie_nummer,
                    p.referentie(),
                    p.ingediend_bedrag.saldo()
                ),
                declaration: Some(view.bericht),
                line: Some((line.client, line.prestatie)),
            });
        }
    }
    crate::base::sort::by_key(&mut out, |u| u.priority);
    out
}

/// The Overzicht for one filter, worked out once per change of the workspace or the filter.
/// The lists hold positions, not rows: paging builds only the rows in view, and an export
/// takes exactly the selection the screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// Nothing is loaded at all (not: nothing passes the filter).
    pub empty: bool,
    /// Whose messages are counted (the filter's, or Kloppend's choice).
    pub bron: Bron,
    pub totalen: Totalen,
    /// The money of the selection, as it adds up (see [`Figures`]).
    pub figures: Figures,
    pub exceptions: Vec<ExceptionRow>,
    /// Positions in the reconciliation's declarations, newest period first.
    declarations: Vec<usize>,
    /// (position of the declaration, position of the line in it).
    lines: Vec<(usize, usize)>,
}

/// One entry of the exceptions list, with the file to open it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionRow {
    pub exception: Exception,
    pub file_id: Option<String>,
}

/// One row of the declarations table (hashable: the screen keys its rows by what they show).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeclarationRow {
    pub file_id: String,
    pub nummer: String,
    pub wet: &'static str,
    pub gemeente: String,
    pub maand: String,
    pub dagtekening: String,
    pub uitkomst: (&'static str, crate::views::wording::Tone),
    pub bedragen: crate::analysis::reconcile::Bedragen,
    pub regels: usize,
    /// Lines rejected or not assessed.
    pub afgewezen: usize,
}

/// One row of the lines table (hashable, as a declaration row).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OverviewLine {
    pub file_id: String,
    /// (client, prestatie) in the declaration: where the link opens it.
    pub at: (usize, usize),
    pub nummer: String,
    pub gemeente: String,
    pub bsn: String,
    pub referentie: String,
    pub product: String,
    pub periode: String,
    pub bedrag: crate::base::money::Saldo,
    pub status: LineStatus,
    /// Its retourcodes, space-separated.
    pub codes: String,
}

impl Overview {
    pub fn new(workspace: &Workspace, filter: &Filter) -> Overview {
        let r = &workspace.reconciliation;
        let empty = r.declaraties.is_empty() && r.antwoorden_zonder_declaratie.is_empty();
        let declarations = select_positions(workspace, filter);
        let views: Vec<&DeclaratieView> = declarations.iter().map(|&i| &r.declaraties[i]).collect();
        let lines = line_positions(workspace, &views, filter).into_iter().map(|(v, l)| (declarations[v], l)).collect();
        let exceptions = exceptions(workspace, &views)
            .into_iter()
            .map(|e| ExceptionRow { file_id: e.declaration.and_then(|b| workspace.document(b)).map(|d| d.file.id.clone()), exception: e })
            .collect();
        let figures = Figures::of(workspace, views.iter().copied());
        Overview { empty, bron: filter.bron, totalen: totals(&views), figures, exceptions, declarations, lines }
    }

    pub fn declaration_count(&self) -> usize {
        self.declarations.len()
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The selected declarations, for an export of exactly what the screen shows.
    pub fn selected<'a>(&self, workspace: &'a Workspace) -> Vec<&'a DeclaratieView> {
        self.declarations.iter().filter_map(|&i| workspace.reconciliation.declaraties.get(i)).collect()
    }

    /// The selected lines, for an export of exactly what the screen shows.
    pub fn selected_lines<'a>(&self, workspace: &'a Workspace) -> Vec<LineRow<'a>> {
        let declaraties = &workspace.reconciliation.declaraties;
        self.lines.iter().filter_map(|&(d, l)| declaraties.get(d).and_then(|view| Some((view, view.lines.get(l)?)))).collect()
    }

    /// The declaration rows in `range` (a page).
    pub fn declaration_rows(&self, workspace: &Workspace, range: std::ops::Range<usize>) -> Vec<DeclarationRow> {
        let views = &self.declarations[crate::views::paging::within(range, self.declarations.len())];
        views.iter().filter_map(|&i| declaration_row(workspace, workspace.reconciliation.declaraties.get(i)?)).collect()
    }

    /// The line rows in `range` (a page).
    pub fn line_rows(&self, workspace: &Workspace, range: std::ops::Range<usize>) -> Vec<OverviewLine> {
        let lines = &self.lines[crate::views::paging::within(range, self.lines.len())];
        let declaraties = &workspace.reconciliation.declaraties;
        lines.iter().filter_map(|&(d, l)| declaraties.get(d).and_then(|view| line_row(workspace, view, view.lines.get(l)?))).collect()
    }
}

fn declaration_row(workspace: &Workspace, view: &DeclaratieView) -> Option<DeclarationRow> {
    let d = workspace.bericht(view.bericht)?.as_declaratie()?;
    Some(DeclarationRow {
        file_id: workspace.document(view.bericht)?.file.id.clone(),
        nummer: d.declaratie.declaratie_nummer.to_string(),
        wet: view.bericht_type.domein.naam(),
        gemeente: crate::views::wording::gemeente(&d.header.ontvanger),
        maand: crate::views::wording::periode_maand(&d.declaratie.declaratie_periode),
        dagtekening: crate::base::text::datum(d.declaratie.declaratie_dagtekening),
        uitkomst: crate::views::wording::outcome(view),
        bedragen: view.bedragen,
        regels: view.lines.len(),
        afgewezen: view.count(LineStatus::Afgewezen) + view.count(LineStatus::NietBeoordeeld),
    })
}

fn line_row(workspace: &Workspace, view: &DeclaratieView, line: &LineView) -> Option<OverviewLine> {
    let d = workspace.bericht(view.bericht)?.as_declaratie()?;
    let client = d.declaratie.clienten.get(line.client)?;
    let p = client.prestaties.get(line.prestatie)?;
    Some(OverviewLine {
        file_id: workspace.document(view.bericht)?.file.id.clone(),
        at: (line.client, line.prestatie),
        nummer: d.declaratie.declaratie_nummer.to_string(),
        gemeente: crate::views::wording::gemeente(&d.header.ontvanger),
        bsn: client.bsn.to_string(),
        referentie: p.referentie().to_string(),
        product: p.product_code.to_string(),
        periode: crate::views::wording::periode(&p.product_periode),
        bedrag: p.ingediend_bedrag.saldo(),
        status: line.status,
        codes: line.codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(" "),
    })
}
