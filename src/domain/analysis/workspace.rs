//! Everything loaded, analysed together: the documents and their reconciliation. Rebuilt
//! as a whole when the set of documents changes (reconciling 100,000 lines takes ~25 ms).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::analysis::ledger::{Ledger, build_ledger};
use crate::analysis::reconcile::{Issue, LineRef, Reconciliation, reconcile_with_successors};
use crate::analysis::toewijzing::{self, Register};
use crate::archive::intake::Document;
use crate::diagnostics::findings::Finding;
use crate::diagnostics::rules::Rule;
use crate::formats::message::{Bericht, Loaded};

/// A line named by its file rather than by its place in the workspace, so that it survives
/// a rebuild (the user's selection is kept in these).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineKey {
    pub file_id: String,
    pub client: usize,
    pub prestatie: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub documents: Vec<Arc<Document>>,
    /// For each reconciliation input index: the index of its document.
    pub berichten: Vec<usize>,
    pub reconciliation: Reconciliation,
    pub ledger: Ledger,
    pub today: Option<NaiveDate>,
    /// For every debit line, the later debit that declares the same delivery again.
    pub successors: HashMap<LineRef, LineRef>,
    /// Every toewijzing of the loaded 301s, with its versions.
    pub toewijzingen: Register,
}

/// An unanswered 323 whose own errors reject it as a whole is not "waiting" or "late": it
/// will be refused (XSD) or answered with 0001, so the user is told to fix it and send it
/// again instead of chasing an answer (issue 27). Errors of one line only leave it waiting.
fn foresee_rejections(reconciliation: &mut Reconciliation, berichten: &[usize], documents: &[Arc<Document>]) {
    use crate::analysis::reconcile::{IssueKind, Verwerking};
    use crate::diagnostics::{findings::Severity, rules::Consequence};
    let mut foreseen = std::collections::HashSet::new();
    for view in reconciliation.declaraties.iter_mut() {
        if view.antwoord.is_some() || !matches!(view.verwerking, Verwerking::WachtOpAntwoord { .. } | Verwerking::AntwoordTeLaat { .. }) {
            continue;
        }
        let Some(loaded) = berichten.get(view.bericht).and_then(|&i| documents.get(i)).and_then(|d| d.loaded()) else { continue };
        let errors = || loaded.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.rule.gevolg());
        let door_vecozo = errors().any(|g| g == Consequence::Refused);
        if door_vecozo || errors().any(|g| g == Consequence::WholeMessage) {
            view.verwerking = Verwerking::WordtAfgewezen { door_vecozo };
            foreseen.insert(view.bericht);
        }
    }
    reconciliation.issues.retain(|i| !(i.kind == IssueKind::AntwoordTeLaat && foreseen.contains(&i.bericht)));
}

impl Workspace {
    /// Nothing is loaded: no file stored (refused ones are not kept).
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The files and their bytes together, as stored.
    pub fn stored(&self) -> (usize, u64) {
        (self.documents.len(), self.documents.iter().map(|d| d.file.size).sum())
    }

    pub fn build(documents: Vec<Arc<Document>>, today: NaiveDate) -> Workspace {
        let berichten: Vec<usize> = documents.iter().enumerate().filter(|(_, d)| d.loaded().is_some()).map(|(i, _)| i).collect();
        let refs: Vec<&Bericht> = berichten.iter().filter_map(|&i| documents[i].loaded()).map(|l| &l.bericht).collect();
        let (mut reconciliation, successors) = reconcile_with_successors(&refs, today);
        let toewijzingen = Register::build(documents.iter().enumerate().filter_map(|(i, d)| d.toewijzing().map(|t| (i, t))));
        let verdicts = toewijzing::check(&refs, &reconciliation.declaraties, &toewijzingen);
        reconciliation.issues.extend(verdicts);
        let tarieven: Vec<_> = documents.iter().filter_map(|d| d.tarieven()).collect();
        reconciliation.issues.extend(toewijzing::contract::check(&refs, &reconciliation.declaraties, &tarieven));
        let overzichten: Vec<_> = documents.iter().enumerate().filter_map(|(i, d)| d.overzicht().map(|o| (i, o))).collect();
        let declaraties: Vec<_> = refs.iter().enumerate().filter_map(|(i, b)| b.as_declaratie().map(|d| (i, d))).collect();
        let ledger = build_ledger(&overzichten, &declaraties);
        foresee_rejections(&mut reconciliation, &berichten, &documents);
        Workspace { documents, berichten, reconciliation, ledger, today: Some(today), successors, toewijzingen }
    }

    /// Every loaded contract tariff file, in load order (a later one overrides an earlier).
    pub fn tarieven(&self) -> Vec<&crate::formats::tarieven::Tarieven> {
        self.documents.iter().filter_map(|d| d.tarieven()).collect()
    }

    /// The document behind a reconciliation input index.
    pub fn document(&self, bericht: usize) -> Option<&Arc<Document>> {
        self.berichten.get(bericht).and_then(|&i| self.documents.get(i))
    }

    pub fn loaded(&self, bericht: usize) -> Option<&Loaded> {
        self.document(bericht).and_then(|d| d.loaded())
    }

    pub fn bericht(&self, bericht: usize) -> Option<&Bericht> {
        self.loaded(bericht).map(|l| &l.bericht)
    }

    /// The reconciliation input index of a document, by its file id.
    pub fn bericht_index(&self, file_id: &str) -> Option<usize> {
        self.berichten.iter().position(|&i| self.documents[i].file.id == file_id)
    }

    /// Every loaded message, by reconciliation input index (what the analyses take).
    pub fn refs(&self) -> Vec<&Bericht> {
        self.berichten.iter().filter_map(|&i| self.documents[i].loaded()).map(|l| &l.bericht).collect()
    }

    /// The loaded messages Kloppend made (their numbers are the user's series for Kloppend).
    pub fn made(&self) -> Vec<&Bericht> {
        let made = self.berichten.iter().map(|&i| &self.documents[i]).filter(|d| d.file.origin == crate::archive::Origin::Gemaakt);
        made.filter_map(|d| d.loaded()).map(|l| &l.bericht).collect()
    }

    pub(crate) fn line_ref(&self, key: &LineKey) -> Option<LineRef> {
        self.bericht_index(&key.file_id).map(|bericht| LineRef { bericht, client: key.client, prestatie: key.prestatie })
    }

    /// The findings of a document as the screens show them: a TR387/TR388 warning about a broken
    /// month is left out when the loaded toewijzing starts or ends the line exactly there, and a
    /// TR378 warning about the gemeentecode when that gemeente's own 301s are loaded.
    pub fn shown_findings(&self, document: &Document) -> Vec<Finding> {
        let Some(loaded) = document.loaded() else { return Vec::new() };
        let Some(declaratie) = loaded.bericht.as_declaratie().filter(|_| !self.toewijzingen.is_empty()) else {
            return loaded.findings.clone();
        };
        // TR378 checks the code against the CBS list current on the toewijzing's Ingangsdatum:
        // a 301 that this gemeente sent under this code answers the warning about it.
        let known_gemeente = self.toewijzingen.knows_gemeente(&declaratie.header.ontvanger, declaratie.domein);
        loaded
            .findings
            .iter()
            .filter(|f| !(f.rule == Rule::TR378 && known_gemeente))
            .filter(|f| !toewijzing::check::confirms_partial_month(&self.toewijzingen, declaratie, f))
            .cloned()
            .collect()
    }

    /// What the log adds to the files: where made lines come from, and which made messages
    /// are uploaded (see [`Self::with_uploads`]).
    pub fn with_log(self, log: &[crate::archive::journal::LogEntry]) -> Workspace {
        self.with_herkomst(&crate::archive::journal::herkomst(log)).with_uploads(log)
    }

    /// A message Kloppend made has no answer term until the user marks it uploaded: before
    /// that it is "nog uploaden" (not submitted, not open, never late); after it the term of
    /// 10 working days runs from the upload, not from its Dagtekening. Can be applied again
    /// to a workspace when only the upload marks changed.
    pub fn with_uploads(mut self, log: &[crate::archive::journal::LogEntry]) -> Workspace {
        use crate::analysis::reconcile::{ANTWOORDTERMIJN_WERKDAGEN, IssueKind, Totalen, Verwerking};
        let uploads = crate::archive::journal::upload_dates(log);
        let today = self.today.unwrap_or(NaiveDate::MIN);
        let mut made = std::collections::HashSet::new();
        let mut late = Vec::new();
        for view in self.reconciliation.declaraties.iter_mut() {
            let Some(doc) = self.berichten.get(view.bericht).and_then(|&i| self.documents.get(i)) else { continue };
            let unanswered =
                matches!(view.verwerking, Verwerking::WachtOpAntwoord { .. } | Verwerking::AntwoordTeLaat { .. } | Verwerking::NogUploaden);
            if doc.file.origin != crate::archive::Origin::Gemaakt || view.antwoord.is_some() || !unanswered {
                continue;
            }
            made.insert(view.bericht);
            let sum = view.bedragen.ingediend;
            match uploads.get(doc.file.id.as_str()) {
                None => {
                    view.verwerking = Verwerking::NogUploaden;
                    view.bedragen.set_pending(Default::default());
                    view.bedragen.te_uploaden = sum;
                }
                Some(&date) => {
                    let uiterlijk = crate::base::calendar::add_working_days(date, ANTWOORDTERMIJN_WERKDAGEN);
                    view.verwerking = if today > uiterlijk {
                        late.push((view.bericht, date, uiterlijk));
                        Verwerking::AntwoordTeLaat { uiterlijk }
                    } else {
                        Verwerking::WachtOpAntwoord { uiterlijk }
                    };
                    view.bedragen.set_pending(sum);
                    view.bedragen.te_uploaden = Default::default();
                }
            }
        }
        if made.is_empty() {
            return self;
        }
        let issues = &mut self.reconciliation.issues;
        issues.retain(|i| !(i.kind == IssueKind::AntwoordTeLaat && made.contains(&i.bericht)));
        for (bericht, date, uiterlijk) in late {
            let nummer = self
                .bericht(bericht)
                .and_then(|b| b.as_declaratie())
                .map(|d| d.declaratie.declaratie_nummer.to_string())
                .unwrap_or_default();
            self.reconciliation.issues.push(Issue::of(IssueKind::AntwoordTeLaat, bericht, format!(
                    "Declaratie {nummer}, geüpload op {}, heeft nog geen antwoord; de gemeente had uiterlijk {} moeten antwoorden. Neem contact op met de gemeente.",
                    crate::base::text::datum(date),
                    crate::base::text::datum(uiterlijk)
                )));
        }
        let mut totalen = Totalen::default();
        for view in &self.reconciliation.declaraties {
            totalen.add(view);
        }
        self.reconciliation.totalen = totalen;
        self
    }

    /// The lines Kloppend made, linked to the line each declares again or corrects: a
    /// re-declaration whose period, product or tariff changed has another TR389 key, so only
    /// the log can tell it succeeds the rejected line. Entries naming a file that is not
    /// loaded (deleted, undone) are ignored.
    pub fn with_herkomst(mut self, herkomst: &[crate::archive::journal::Herkomst]) -> Workspace {
        for h in herkomst {
            let (Some(made), Some(from)) = (
                self.bericht_index(&h.bestand),
                self.line_ref(&LineKey { file_id: h.van_bestand.clone(), client: h.van_client, prestatie: h.van_prestatie }),
            ) else {
                continue;
            };
            let Some(d) = self.bericht(made).and_then(|b| b.as_declaratie()) else { continue };
            let found = d.declaratie.clienten.iter().enumerate().find_map(|(client, c)| {
                c.prestaties.iter().position(|p| !p.is_credit() && p.referentie() == h.referentie).map(|prestatie| (client, prestatie))
            });
            if let Some((client, prestatie)) = found {
                self.successors.insert(from, LineRef { bericht: made, client, prestatie });
            }
        }
        self
    }

    pub fn line_key(&self, line: LineRef) -> Option<LineKey> {
        let file_id = self.document(line.bericht)?.file.id.clone();
        Some(LineKey { file_id, client: line.client, prestatie: line.prestatie })
    }
}
