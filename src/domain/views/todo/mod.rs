//! Te doen: from "what happened" to "what do I do now, and by when". One list of actions,
//! derived from the workspace every time (so it is never out of date), with what the user
//! said about an item (done, put off) read from the event log.
//!
//! A rejected line stays on the list until it is declared again: a later debit of the same
//! provider to the same gemeente for the same toewijzing, product and ProductPeriode (the
//! key TR389 uses). Once that successor is in, the successor's own status takes over: if it
//! is rejected too, it is the successor that is on the list.

mod declared;
mod toewijzing;

use crate::base::text::datum;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::ledger::{Claim, ClaimStatus};
use crate::analysis::reconcile::IssueKind;
use crate::analysis::term::Terms;
use crate::analysis::workspace::{LineKey, Workspace};
use crate::archive::journal::{LogEntry, TodoMark, marks, upload_dates};
use crate::base::money::Saldo;
use crate::formats::message::{Bericht, RetourCode};
use crate::views::overview::Bron;
use crate::views::wording::gemeente;
use declared::Declared;

/// What kind of action an item asks for. The order is the order of equally urgent items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TodoKind {
    /// A declaration the gemeente did not process (0001, a header code, rejected as a whole).
    SendAgain,
    /// Rejected lines (or lines not assessed) not yet declared again.
    DeclareAgain,
    /// A rejected credit: the original line still stands.
    CreditAgain,
    /// No 325 within 10 working days (OP090x4): ask the gemeente.
    ChaseAnswer,
    /// A 325 whose 323 is not loaded: what was approved cannot be shown.
    LoadDeclaration,
    /// A message Kloppend made that the user has not marked as uploaded in VECOZO.
    Upload,
    /// Approved lines the user marked as wrong: to credit.
    CreditWrong,
    /// A claim from an insurer's settlement overview that is still open.
    OpenClaim,
    /// Lines without an answer yet that do not fit their toewijzing (the gemeente will reject them).
    FitToewijzing,
    /// Approved lines outside their toewijzing since a newer 301 shortened or removed it: to credit.
    CreditOutsideToewijzing,
    /// A toewijzing that ends within six weeks: ask the gemeente in time.
    ToewijzingEnds,
    /// A running toewijzing with a past month without a declared line.
    MonthNotDeclared,
    /// A 301 without its 302 after 3 working days (only when the provider keeps 302s here).
    SendRetour,
    /// Care started (its first line) without a 305 after 5 working days (only with 305s here).
    SendStart,
    /// A toewijzing ended without a 307 after 5 working days (only with 307s here).
    SendStop,
    /// Sent, the answer is not due yet: nothing to do but wait.
    AwaitAnswer,
}

impl TodoKind {
    pub fn label(self) -> &'static str {
        match self {
            TodoKind::SendAgain => "Opnieuw versturen",
            TodoKind::DeclareAgain => "Opnieuw declareren",
            TodoKind::CreditAgain => "Credit opnieuw versturen",
            TodoKind::ChaseAnswer => "Antwoord navragen",
            TodoKind::LoadDeclaration => "Declaratie laden",
            TodoKind::Upload => "Uploaden in VECOZO",
            TodoKind::CreditWrong => "Onjuiste regels crediteren",
            TodoKind::OpenClaim => "Vordering open",
            TodoKind::FitToewijzing => "Past niet bij de toewijzing",
            TodoKind::CreditOutsideToewijzing => "Buiten de toewijzing: crediteren",
            TodoKind::ToewijzingEnds => "Toewijzing loopt af",
            TodoKind::MonthNotDeclared => "Maand nog niet gedeclareerd",
            TodoKind::SendRetour => "Toewijzing-retour (302) versturen",
            TodoKind::SendStart => "Start zorg (305) versturen",
            TodoKind::SendStop => "Stop zorg (307) versturen",
            TodoKind::AwaitAnswer => "Wacht op antwoord",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            TodoKind::SendAgain => "versturen",
            TodoKind::DeclareAgain => "opnieuw",
            TodoKind::CreditAgain => "credit",
            TodoKind::ChaseAnswer => "navragen",
            TodoKind::LoadDeclaration => "laden",
            TodoKind::Upload => "uploaden",
            TodoKind::CreditWrong => "onjuist",
            TodoKind::OpenClaim => "vordering",
            TodoKind::FitToewijzing => "toewijzing-past-niet",
            TodoKind::CreditOutsideToewijzing => "buiten-toewijzing",
            TodoKind::ToewijzingEnds => "toewijzing-loopt-af",
            TodoKind::MonthNotDeclared => "maand-niet-gedeclareerd",
            TodoKind::SendRetour => "retour-302",
            TodoKind::SendStart => "start-305",
            TodoKind::SendStop => "stop-307",
            TodoKind::AwaitAnswer => "wachten",
        }
    }

    /// Waiting is not an action of the user's: it is listed after the actions and not counted.
    pub fn is_waiting(self) -> bool {
        self == TodoKind::AwaitAnswer
    }
}

/// Where the one click of an item goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A declaration's view, at a line when one is named.
    Declaration {
        file_id: String,
        line: Option<(usize, usize)>,
    },
    Import,
    Settlements,
    Toewijzingen,
    /// Declareren, with gemeente and month chosen.
    Declare {
        domein: crate::formats::message::Domein,
        gemeente: String,
        maand: NaiveDate,
    },
}

/// One item of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    /// Stable over rebuilds and reloads: what a mark in the log refers to.
    pub key: String,
    pub kind: TodoKind,
    pub title: String,
    /// Why, and what to do, in plain Dutch.
    pub reason: String,
    /// The last day to act (for waiting items: the day the answer is due).
    pub deadline: Option<NaiveDate>,
    /// Where the deadline comes from.
    pub deadline_note: String,
    /// The money at stake, when there is a sum.
    pub amount: Option<Saldo>,
    pub target: Target,
    /// The lines the credit wizard is opened with: to declare again ("declare again") or to
    /// credit ("credit wrong lines").
    pub lines: Vec<LineKey>,
    /// For "upload": the made message (file id, name) to mark as uploaded.
    pub upload: Option<(String, String)>,
}

/// How pressing an item's deadline is, seen from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Overdue,
    /// Within a week.
    Soon,
    Later,
    NoDeadline,
}

impl Todo {
    pub fn urgency(&self, today: NaiveDate) -> Urgency {
        match self.deadline {
            None => Urgency::NoDeadline,
            Some(d) if d < today => Urgency::Overdue,
            Some(d) if (d - today).num_days() <= 7 => Urgency::Soon,
            Some(_) => Urgency::Later,
        }
    }

    /// "verlopen op 30-11-2026", "uiterlijk 15-12-2026 (nog 14 dagen)".
    pub fn deadline_text(&self, today: NaiveDate) -> String {
        let Some(deadline) = self.deadline else { return "geen termijn".into() };
        let date = datum(deadline);
        let days = (deadline - today).num_days();
        match days {
            ..0 => format!("verlopen op {date}"),
            0 => format!("uiterlijk vandaag ({date})"),
            1 => format!("uiterlijk morgen ({date})"),
            n => format!("uiterlijk {date} (nog {n} dagen)"),
        }
    }
}

/// The list as the screen shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodoList {
    /// Most urgent first: actions by deadline (overdue first, none last), then waiting items.
    pub open: Vec<Todo>,
    /// Put off until the date (they come back on it).
    pub snoozed: Vec<(Todo, NaiveDate)>,
    pub done: Vec<Todo>,
}

impl TodoList {
    /// The count in the menu: actions still open (waiting is not an action).
    pub fn action_count(&self) -> usize {
        self.open.iter().filter(|t| !t.kind.is_waiting()).count()
    }
}

/// Every item for the messages of `bron`, sorted, with the user's marks applied.
pub fn build(workspace: &Workspace, log: &[LogEntry], terms: &Terms, bron: Bron, today: NaiveDate) -> TodoList {
    let marks = marks(log);
    let mut items = items(workspace, terms, bron, &upload_dates(log), &marks, today);
    crate::base::sort::by(&mut items, |a, b| {
        (a.kind.is_waiting(), a.deadline.is_none(), a.deadline, a.kind, &a.title).cmp(&(
            b.kind.is_waiting(),
            b.deadline.is_none(),
            b.deadline,
            b.kind,
            &b.title,
        ))
    });
    let mut list = TodoList::default();
    for item in items {
        match marks.get(item.key.as_str()) {
            Some(TodoMark::Done) => list.done.push(item),
            Some(TodoMark::PutOff { until: tot }) if *tot > today => {
                let tot = *tot;
                list.snoozed.push((item, tot));
            }
            _ => list.open.push(item),
        }
    }
    list
}

/// The key under which the user marks an approved line as wrong (or takes that back): the
/// file and the line's place in it, which never change.
pub fn wrong_line_key(file_id: &str, client: usize, prestatie: usize) -> String {
    format!("{WRONG_LINE}{file_id}:{client}-{prestatie}")
}

const WRONG_LINE: &str = "onjuiste-regel:";

/// The lines of one file the user's last word marks as wrong, as (client, prestatie).
pub fn marked_wrong_lines(marks: &HashMap<&str, TodoMark>, file_id: &str) -> std::collections::HashSet<(usize, usize)> {
    let prefix = format!("{WRONG_LINE}{file_id}:");
    marks
        .iter()
        .filter(|(_, mark)| **mark == TodoMark::Wrong)
        .filter_map(|(key, _)| {
            let (client, prestatie) = key.strip_prefix(prefix.as_str())?.split_once('-')?;
            Some((client.parse().ok()?, prestatie.parse().ok()?))
        })
        .collect()
}

fn items(
    workspace: &Workspace,
    terms: &Terms,
    bron: Bron,
    uploads: &HashMap<&str, NaiveDate>,
    marks: &HashMap<&str, TodoMark>,
    today: NaiveDate,
) -> Vec<Todo> {
    let mut out = Vec::new();
    for view in &workspace.reconciliation.declaraties {
        let Some(declared) = Declared::new(workspace, view, terms).filter(|d| bron.admits(d.doc.file.origin)) else { continue };
        let processing = declared.processing(uploads, today);
        // Not processed, or not yet uploaded: the item for the whole message says it all.
        let whole = declared.not_processed() || processing.as_ref().is_some_and(|t| t.kind == TodoKind::Upload);
        out.extend(processing);
        if whole {
            continue;
        }
        out.extend(declared.rejected_lines());
        out.extend(declared.marked_wrong(marks));
    }
    out.extend(answers_without_declaration(workspace, bron));
    out.extend(open_claims(workspace, bron));
    out.extend(toewijzing::items(workspace, terms, bron, today));
    out
}

/// "Laad de 323": an answer whose declaration is not in the archive.
fn answers_without_declaration(workspace: &Workspace, bron: Bron) -> Vec<Todo> {
    let mut out = Vec::new();
    for issue in workspace.reconciliation.issues.iter().filter(|i| i.kind == IssueKind::AntwoordZonderDeclaratie) {
        let Some(doc) = workspace.document(issue.bericht).filter(|doc| bron.admits(doc.file.origin)) else { continue };
        let Some(a) = workspace.bericht(issue.bericht).and_then(Bericht::as_antwoord) else { continue };
        let id = &a.header.declaratie_identificatie.identificatie;
        out.push(Todo {
            key: format!("laden:{}:{}:{id}", a.header.header.afzender, a.header.header.ontvanger),
            kind: TodoKind::LoadDeclaration,
            title: format!("Declaratie {id} laden voor het antwoord van {}", gemeente(&a.header.header.afzender)),
            reason: format!(
                "Het antwoord {} hoort bij declaratie {id}, die niet in het archief staat. Importeer die 323, anders kan Kloppend niet laten zien welke regels zijn goedgekeurd.",
                doc.file.name
            ),
            deadline: None,
            deadline_note: String::new(),
            amount: None,
            target: Target::Import,
            lines: Vec::new(),
            upload: None,
        });
    }
    out
}

/// An insurer's claims still open.
fn open_claims(workspace: &Workspace, bron: Bron) -> Vec<Todo> {
    // A claim belongs to the overview it first appeared in: the demo's or the user's own.
    let admitted = |claim: &&Claim| {
        claim.historie.first().and_then(|(rij, _)| workspace.documents.get(rij.doc)).is_some_and(|doc| bron.admits(doc.file.origin))
    };
    let open = workspace.ledger.claims.iter().filter(|c| c.status == ClaimStatus::Open).filter(admitted);
    open.map(|claim| Todo {
        key: format!("vordering:{}:{}:{}", claim.zorgverzekeraar.naam(), claim.agb, claim.kenmerk),
        kind: TodoKind::OpenClaim,
        title: format!("Vordering {} van {}: {} open", claim.kenmerk, claim.zorgverzekeraar.naam(), Saldo(claim.open)),
        reason: "De verzekeraar verrekent dit met volgende betalingen. Klopt de vordering niet, neem dan contact op met de verzekeraar."
            .into(),
        deadline: None,
        deadline_note: String::new(),
        amount: Some(Saldo(claim.open)),
        target: Target::Settlements,
        lines: Vec::new(),
        upload: None,
    })
    .collect()
}

/// What to do about each code, so a group of codes is not explained by its first only
/// (issue 27): one code reads as its advice, several as "0611 (2 regels): … 9307 (1 regel): …".
/// `per_code` pairs each code with how many lines carry it (0: not counted).
fn advice_per_code(per_code: &[(&RetourCode, usize)]) -> Option<String> {
    let known: Vec<(&RetourCode, usize, &'static str)> = per_code.iter().filter_map(|&(c, n)| c.info().map(|i| (c, n, i.advies))).collect();
    match known.as_slice() {
        [] => None,
        [(_, _, advies)] => Some((*advies).to_string()),
        several => Some(
            several
                .iter()
                .map(|(c, n, advies)| match n {
                    0 => format!("{}: {advies}", c.code()),
                    n => format!("{} ({}): {advies}", c.code(), crate::base::text::count(*n, "regel", "regels")),
                })
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}
