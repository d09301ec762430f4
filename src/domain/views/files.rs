//! The import page's file list as data: one row per stored or refused file, with what it is,
//! what it holds and how its check went. Privacy: a 301's row names the gemeente and counts;
//! the client's name and address stay in the file.

use crate::analysis::reconcile::DeclaratieView;
use crate::analysis::workspace::Workspace;
use crate::archive::intake::{Content, Document, samenvatting};
use crate::base::text::{count, datum};
use crate::diagnostics::findings::{Finding, Severity};
use crate::formats::message::Soort;
use crate::views::wording::{self, Tone};

/// Where a row's "Bekijken" leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileTarget {
    /// The declaration page of this file.
    Declaratie,
    Verrekeningen,
    Instellingen,
}

/// One row of the file list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub id: String,
    /// The name as stored: the screen masks BSNs in it.
    pub name: String,
    /// "WMO323", "Verrekenoverzicht", "Geweigerd"…
    pub kind: String,
    /// The row's `data-type`: what tests and styles select on.
    pub data_type: String,
    pub nummer: String,
    pub periode: String,
    pub totaal: String,
    /// The check in words and its tone; for a refused file, why it was refused.
    pub controle: (String, Tone),
    pub herkomst: &'static str,
    pub target: Option<FileTarget>,
    /// The findings as shown (see `Workspace::shown_findings`), and the kind of message
    /// they are about.
    pub findings: Vec<Finding>,
    pub soort: Soort,
    pub refused: bool,
}

/// The stored files, then the ones refused this session.
pub fn file_rows(workspace: &Workspace, refused: &[std::sync::Arc<Document>]) -> Vec<FileRow> {
    workspace.documents.iter().chain(refused).map(|doc| file_row(workspace, doc)).collect()
}

fn file_row(workspace: &Workspace, doc: &Document) -> FileRow {
    let mut row = FileRow {
        id: doc.file.id.clone(),
        name: doc.file.name.clone(),
        kind: String::new(),
        data_type: String::new(),
        nummer: "—".into(),
        periode: "—".into(),
        totaal: "—".into(),
        controle: ("In orde".into(), Tone::Good),
        herkomst: doc.file.origin.label(),
        target: None,
        findings: Vec::new(),
        soort: Soort::Declaratie,
        refused: false,
    };
    match &doc.content {
        Content::Bericht(loaded) => {
            let s = samenvatting(loaded);
            row.findings = workspace.shown_findings(doc);
            row.soort = s.bericht_type.soort;
            row.kind = s.bericht_type.naam();
            row.data_type = row.kind.clone();
            row.nummer = s.declaratie_nummer.unwrap_or_else(|| "—".into());
            row.periode = s.periode.as_ref().map(wording::periode_maand).unwrap_or_else(|| "—".into());
            row.totaal = s.totaal.map(|t| t.to_string()).unwrap_or_else(|| "—".into());
            row.controle = check(&row.findings);
            row.target = (row.soort == Soort::Declaratie).then_some(FileTarget::Declaratie);
        }
        Content::Verrekening(overzicht) => {
            let onleesbaar = overzicht.rijen.iter().filter(|r| !r.is_leesbaar()).count();
            row.kind = "Verrekenoverzicht".into();
            row.data_type = "verrekenoverzicht".into();
            row.nummer = overzicht.volgnummer.map(|v| format!("overzicht {v}")).unwrap_or_else(|| "—".into());
            row.periode = overzicht.peildatum().map(datum).unwrap_or_else(|| "—".into());
            row.totaal = count(overzicht.rijen.len(), "regel", "regels");
            row.controle = unreadable(onleesbaar);
            row.target = Some(FileTarget::Verrekeningen);
        }
        Content::Melding(melding) => {
            row.kind = format!("{} ({})", melding.naam(), melding.soort.omschrijving());
            row.data_type = melding.naam();
            row.nummer = wording::gemeente(melding.gemeente());
            row.periode = datum(melding.header.bericht_identificatie.dagtekening);
            row.totaal = count(melding.producten.len(), "product", "producten");
        }
        Content::Tarieven(tarieven) => {
            row.kind = "Contracttarieven".into();
            row.data_type = "tarieven".into();
            row.totaal = count(tarieven.rijen.len(), "tarief", "tarieven");
            row.controle = unreadable(tarieven.onleesbaar.len());
            row.target = Some(FileTarget::Instellingen);
        }
        Content::Toewijzing(toewijzing) => {
            row.kind = toewijzing.naam();
            row.data_type = toewijzing.naam();
            row.nummer = wording::gemeente(toewijzing.gemeente());
            row.periode = datum(toewijzing.header.bericht_identificatie.dagtekening);
            row.totaal = format!("1 cliënt, {}", count(toewijzing.client.producten.len(), "toewijzing", "toewijzingen"));
        }
        Content::Geweigerd(error) => {
            row.kind = "Geweigerd".into();
            row.data_type = "geweigerd".into();
            row.controle = (error.to_string(), Tone::Bad);
            row.refused = true;
        }
    }
    row
}

/// A message's check: its errors, else its warnings, else "In orde".
fn check(findings: &[Finding]) -> (String, Tone) {
    let of = |severity| findings.iter().filter(|f| f.severity == severity).count();
    match (of(Severity::Error), of(Severity::Warning)) {
        (0, 0) => ("In orde".into(), Tone::Good),
        (0, w) => (count(w, "waarschuwing", "waarschuwingen"), Tone::Attention),
        (f, _) => (count(f, "fout", "fouten"), Tone::Bad),
    }
}

/// A CSV's check: how many of its rows could not be read.
fn unreadable(rows: usize) -> (String, Tone) {
    match rows {
        0 => ("In orde".into(), Tone::Good),
        n => (format!("{} onleesbaar", count(n, "regel", "regels")), Tone::Attention),
    }
}

/// One file an import added, as the summary after it says (issue 27): what it is and, for a
/// declaration or an answer, what became of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedFile {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub nummer: String,
    /// "15 regels: 12 goedgekeurd, 3 afgewezen"; for other files what they hold.
    pub inhoud: String,
    pub bedrag: String,
    pub target: Option<FileTarget>,
}

/// The files of the last import, in the order they were added (the ones not loaded any more
/// are left out).
pub fn added(workspace: &Workspace, ids: &[String]) -> Vec<AddedFile> {
    // One map, not a scan per id: an import can add a thousand files to a thousand more.
    let by_id: std::collections::HashMap<&str, &Document> = workspace.documents.iter().map(|d| (d.file.id.as_str(), d.as_ref())).collect();
    let answered: std::collections::HashMap<usize, &DeclaratieView> =
        workspace.reconciliation.declaraties.iter().filter_map(|v| Some((v.antwoord?, v))).collect();
    ids.iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .map(|doc| {
            let row = file_row(workspace, doc);
            let inhoud = line_outcome(workspace, &answered, &doc.file.id).unwrap_or_else(|| row.totaal.clone());
            let bedrag = if row.soort == Soort::Declaratie && doc.loaded().is_some() { row.totaal.clone() } else { String::new() };
            AddedFile { id: row.id, name: row.name, kind: row.kind, nummer: row.nummer, inhoud, bedrag, target: row.target }
        })
        .collect()
}

/// For a 323, or a 325 with its 323 loaded: its lines counted per status, in words.
/// `answered`: each linked answer's declaration, by the answer's input index.
fn line_outcome(workspace: &Workspace, answered: &std::collections::HashMap<usize, &DeclaratieView>, file_id: &str) -> Option<String> {
    use crate::analysis::reconcile::LineStatus;
    let bericht = workspace.bericht_index(file_id)?;
    let r = &workspace.reconciliation;
    let view = r.declaratie(bericht).or_else(|| answered.get(&bericht).copied())?;
    let parts: Vec<String> = LineStatus::ALL
        .into_iter()
        .map(|s| (s, view.count(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.label().to_lowercase()))
        .collect();
    let answer = r.declaratie(bericht).is_none();
    let lines = count(view.lines.len(), "regel", "regels");
    Some(if answer { format!("beoordeelt {lines}: {}", parts.join(", ")) } else { format!("{lines}: {}", parts.join(", ")) })
}
