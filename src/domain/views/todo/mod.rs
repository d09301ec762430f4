//! Te doen: from "what happened" to "what do I do now, and by when". One list of actions,
//! derived from the workspace every time (so it is never out of date), with what the user
//! said about an item (done, put off) read from the event log.
//!
//! A rejected line stays on the list until it is declared again: a later debit of the same
//! provider to the same gemeente for the same toewijzing, product and ProductPeriode (the
//! key TR389 uses). Once that successor is in, the successor's own status takes over: if it
//! is rejected too, it is the successor that is on the list.

mod toewijzing;

use crate::base::text::datum;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::credit::Soort;
use crate::analysis::ledger::{Claim, ClaimStatus};
use crate::analysis::reconcile::{ANTWOORDTERMIJN_WERKDAGEN, IssueKind, LineRef, LineStatus, Verwerking};
use crate::analysis::term::Terms;
use crate::analysis::workspace::{LineKey, Workspace};
use crate::archive::Origin;
use crate::archive::journal::{Gebeurtenis, Markering, geupload, markeringen};
use crate::base::calendar::add_working_days;
use crate::base::money::Saldo;
use crate::formats::message::{Bericht, RetourCode};
use crate::views::overview::Bron;
use crate::views::wording::{count, gemeente};

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
pub fn build(workspace: &Workspace, log: &[Gebeurtenis], terms: &Terms, bron: Bron, today: NaiveDate) -> TodoList {
    let marks = markeringen(log);
    let mut items = items(workspace, terms, bron, &geupload(log), &marks, today);
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
            Some(Markering::Afgehandeld) => list.done.push(item),
            Some(Markering::Uitgesteld { tot }) if *tot > today => {
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
pub fn marked_wrong_lines(marks: &HashMap<&str, Markering>, file_id: &str) -> std::collections::HashSet<(usize, usize)> {
    let prefix = format!("{WRONG_LINE}{file_id}:");
    marks
        .iter()
        .filter(|(_, mark)| **mark == Markering::Onjuist)
        .filter_map(|(key, _)| {
            let (client, prestatie) = key.strip_prefix(prefix.as_str())?.split_once('-')?;
            Some((client.parse().ok()?, prestatie.parse().ok()?))
        })
        .collect()
}

/// Whether the user's last word on this approved line is that it is wrong.
pub fn is_marked_wrong(marks: &HashMap<&str, Markering>, file_id: &str, client: usize, prestatie: usize) -> bool {
    marks.get(wrong_line_key(file_id, client, prestatie).as_str()) == Some(&Markering::Onjuist)
}

fn items(
    workspace: &Workspace,
    terms: &Terms,
    bron: Bron,
    uploads: &HashMap<&str, NaiveDate>,
    marks: &HashMap<&str, Markering>,
    today: NaiveDate,
) -> Vec<Todo> {
    let admitted = |bericht: usize| workspace.document(bericht).is_some_and(|doc| bron.admits(doc.file.origin));
    let next = &workspace.successors;
    let mut out = Vec::new();
    for view in &workspace.reconciliation.declaraties {
        if !admitted(view.bericht) {
            continue;
        }
        let (Some(d), Some(doc)) = (workspace.bericht(view.bericht).and_then(Bericht::as_declaratie), workspace.document(view.bericht))
        else {
            continue;
        };
        let nummer = &d.declaratie.declaratie_nummer;
        let aan = gemeente(&d.header.ontvanger);
        let periode = d.declaratie.declaratie_periode;
        let term = terms.of(&d.header.ontvanger);
        let term_deadline = term.deadline(periode.einddatum);
        let term_note = format!("termijn: {}; bron: {}", term.label(), term.source());
        let key = |kind: TodoKind| format!("{}:{}:{}:{}:{}", kind.slug(), d.domein.prefix(), d.header.afzender, d.header.ontvanger, nummer);
        let at = |line: Option<(usize, usize)>| Target::Declaration { file_id: doc.file.id.clone(), line };
        let line_ref = |client, prestatie| LineRef { bericht: view.bericht, client, prestatie };
        match &view.verwerking {
            Verwerking::TechnischAfgekeurd | Verwerking::HeaderAfgewezen { .. } | Verwerking::GeheelAfgewezen { .. } => {
                // Sent again once every debit line of it has been declared again.
                let open = d
                    .declaratie
                    .clienten
                    .iter()
                    .enumerate()
                    .flat_map(|(ci, c)| c.prestaties.iter().enumerate().map(move |(pi, p)| (ci, pi, p)))
                    .any(|(ci, pi, p)| p.is_credit() || !next.contains_key(&line_ref(ci, pi)));
                if open {
                    let codes = match &view.verwerking {
                        Verwerking::HeaderAfgewezen { codes } | Verwerking::GeheelAfgewezen { codes } => codes.clone(),
                        _ => vec![RetourCode::new(RetourCode::TECHNISCH_AFGEKEURD)],
                    };
                    out.push(Todo {
                        key: key(TodoKind::SendAgain),
                        kind: TodoKind::SendAgain,
                        title: format!("Declaratie {nummer} aan {aan} opnieuw versturen"),
                        reason: format!(
                            "De gemeente heeft de declaratie niet verwerkt ({}). {}",
                            codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", "),
                            first_advice(&codes)
                                .unwrap_or("Herstel de fout en verstuur de declaratie opnieuw, met een nieuwe BerichtIdentificatie.")
                        ),
                        deadline: Some(term_deadline),
                        deadline_note: term_note.clone(),
                        amount: Some(view.bedragen.niet_verwerkt),
                        target: at(None),
                        lines: Vec::new(),
                        upload: None,
                    });
                }
                continue;
            }
            Verwerking::AntwoordTeLaat { .. } | Verwerking::WachtOpAntwoord { .. } | Verwerking::NogUploaden => {
                let uiterlijk = match &view.verwerking {
                    Verwerking::AntwoordTeLaat { uiterlijk } | Verwerking::WachtOpAntwoord { uiterlijk } => Some(*uiterlijk),
                    _ => None,
                };
                let uploaded = uploads.get(doc.file.id.as_str()).copied();
                if doc.file.origin == Origin::Gemaakt && uploaded.is_none() {
                    // Made, perhaps downloaded, but not sent: no answer can be late.
                    out.push(Todo {
                        key: format!("uploaden:{}", doc.file.id),
                        kind: TodoKind::Upload,
                        title: format!("{} uploaden in VECOZO", doc.file.name),
                        reason: format!(
                            "Kloppend heeft declaratie {nummer} aan {aan} gemaakt; de gemeente krijgt hem pas als je het bestand in VECOZO uploadt. Klik daarna op 'Geüpload in VECOZO': vanaf dan loopt de antwoordtermijn van {ANTWOORDTERMIJN_WERKDAGEN} werkdagen."
                        ),
                        deadline: Some(term_deadline),
                        deadline_note: term_note.clone(),
                        amount: Some(if view.verwerking == Verwerking::NogUploaden { view.bedragen.te_uploaden } else { view.bedragen.pending() }),
                        target: at(None),
                        lines: Vec::new(),
                        upload: Some((doc.file.id.clone(), doc.file.name.clone())),
                    });
                    continue;
                }
                // A made message's term runs from its upload, not from its Dagtekening.
                let Some(due) = uploaded.map(|date| add_working_days(date, ANTWOORDTERMIJN_WERKDAGEN)).or(uiterlijk) else { continue };
                out.push(if today > due {
                    Todo {
                        key: key(TodoKind::ChaseAnswer),
                        kind: TodoKind::ChaseAnswer,
                        title: format!("Antwoord op declaratie {nummer} navragen bij {aan}"),
                        reason: "Er is binnen 10 werkdagen geen declaratie-antwoord (325) gekomen. Kijk in VECOZO of het antwoord er is en importeer het; is het er niet, neem dan contact op met de gemeente.".into(),
                        deadline: Some(due),
                        deadline_note: "het antwoord had er binnen 10 werkdagen moeten zijn (OP090x4)".into(),
                        amount: Some(view.bedragen.pending()),
                        target: at(None),
                        lines: Vec::new(),
                        upload: None,
                    }
                } else {
                    Todo {
                        key: key(TodoKind::AwaitAnswer),
                        kind: TodoKind::AwaitAnswer,
                        title: format!("Declaratie {nummer} aan {aan}: wacht op antwoord"),
                        reason: "Importeer het declaratie-antwoord (325) zodra het in VECOZO staat.".into(),
                        deadline: Some(due),
                        deadline_note: "de gemeente antwoordt binnen 10 werkdagen (OP090x4)".into(),
                        amount: Some(view.bedragen.pending()),
                        target: at(None),
                        lines: Vec::new(),
                        upload: None,
                    }
                });
            }
            Verwerking::Beoordeeld => {}
        }
        // Rejected lines not yet declared again, and rejected credits.
        let mut again: Vec<(usize, usize, Saldo, &[RetourCode])> = Vec::new();
        let mut credits: Vec<(usize, usize, Saldo, &[RetourCode])> = Vec::new();
        for line in view.lines.iter().filter(|l| l.status.is_rejected()) {
            let p = &d.declaratie.clienten[line.client].prestaties[line.prestatie];
            let entry = (line.client, line.prestatie, p.ingediend_bedrag.saldo(), line.codes.as_slice());
            if p.is_credit() {
                credits.push(entry);
            } else if !next.contains_key(&line_ref(line.client, line.prestatie)) {
                again.push(entry);
            }
        }
        for (kind, lines) in [(TodoKind::DeclareAgain, again), (TodoKind::CreditAgain, credits)] {
            let Some(&(client, prestatie, _, _)) = lines.first() else { continue };
            let amount: Saldo = lines.iter().map(|l| l.2).sum();
            let mut codes: Vec<&RetourCode> = lines.iter().flat_map(|l| l.3.iter()).filter(|c| c.rejects()).collect();
            crate::base::sort::by_key(&mut codes, |c| c.code());
            codes.dedup();
            let code_list = codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ");
            let advice = codes
                .iter()
                .find_map(|c| c.info())
                .map(|i| i.advies)
                .unwrap_or("Zoek uit waarom de regels zijn afgewezen en herstel de gegevens.");
            let (title, reason) = match kind {
                TodoKind::DeclareAgain => (
                    format!(
                        "{} van declaratie {nummer} aan {aan} opnieuw declareren",
                        count(lines.len(), "afgewezen regel", "afgewezen regels")
                    ),
                    format!(
                        "Afgewezen met {code_list}. {advice} Kloppend maakt de nieuwe regels met '{}' (nieuwe referenties); crediteer een afgewezen regel nooit.",
                        Soort::Herdeclaratie.label()
                    ),
                ),
                _ => (
                    format!(
                        "{} in declaratie {nummer} aan {aan} opnieuw versturen",
                        count(lines.len(), "afgewezen credit", "afgewezen credits")
                    ),
                    format!("Afgewezen met {code_list}: de oorspronkelijke regels staan dus nog. {advice}"),
                ),
            };
            out.push(Todo {
                key: key(kind),
                kind,
                title,
                reason,
                deadline: (kind == TodoKind::DeclareAgain).then_some(term_deadline),
                deadline_note: if kind == TodoKind::DeclareAgain { term_note.clone() } else { String::new() },
                amount: Some(amount),
                target: at(Some((client, prestatie))),
                lines: match kind {
                    TodoKind::DeclareAgain => {
                        lines.iter().map(|l| LineKey { file_id: doc.file.id.clone(), client: l.0, prestatie: l.1 }).collect()
                    }
                    _ => Vec::new(),
                },
                upload: None,
            });
        }
        // Approved lines the user marked as wrong, until a credit for them is sent (their
        // status then moves on from "approved").
        let wrong: Vec<(usize, usize, Saldo)> = view
            .lines
            .iter()
            .filter(|l| l.status == LineStatus::Goedgekeurd && is_marked_wrong(marks, &doc.file.id, l.client, l.prestatie))
            .filter_map(|l| {
                let p = d.declaratie.clienten.get(l.client)?.prestaties.get(l.prestatie)?;
                (!p.is_credit()).then(|| (l.client, l.prestatie, p.ingediend_bedrag.saldo()))
            })
            .collect();
        if let Some(&(client, prestatie, _)) = wrong.first() {
            out.push(Todo {
                key: key(TodoKind::CreditWrong),
                kind: TodoKind::CreditWrong,
                title: format!("{} van declaratie {nummer} aan {aan} crediteren", count(wrong.len(), "onjuiste regel", "onjuiste regels")),
                reason: format!(
                    "Je hebt {} als onjuist gemarkeerd. Stuur er een creditbericht voor ('{}'); moet er wel iets gedeclareerd worden, declareer dat daarna opnieuw met de juiste gegevens. De gemeente verrekent het creditbedrag met een volgende betaling.",
                    count(wrong.len(), "goedgekeurde regel", "goedgekeurde regels"),
                    Soort::Credit.label()
                ),
                deadline: None,
                deadline_note: "geen termijn: crediteer zo snel mogelijk, dan staat er niet te veel uitbetaald".into(),
                amount: Some(wrong.iter().map(|l| l.2).sum()),
                target: at(Some((client, prestatie))),
                lines: wrong.iter().map(|l| LineKey { file_id: doc.file.id.clone(), client: l.0, prestatie: l.1 }).collect(),
                upload: None,
            });
        }
    }
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
    // A claim belongs to the overview it first appeared in: the demo's or the user's own.
    let claim_admitted = |claim: &&Claim| {
        claim.historie.first().and_then(|(rij, _)| workspace.documents.get(rij.doc)).is_some_and(|doc| bron.admits(doc.file.origin))
    };
    for claim in workspace.ledger.claims.iter().filter(|c| c.status == ClaimStatus::Open).filter(claim_admitted) {
        out.push(Todo {
            key: format!("vordering:{}:{}:{}", claim.zorgverzekeraar.naam(), claim.agb, claim.kenmerk),
            kind: TodoKind::OpenClaim,
            title: format!("Vordering {} van {}: {} open", claim.kenmerk, claim.zorgverzekeraar.naam(), Saldo(claim.open)),
            reason:
                "De verzekeraar verrekent dit met volgende betalingen. Klopt de vordering niet, neem dan contact op met de verzekeraar."
                    .into(),
            deadline: None,
            deadline_note: String::new(),
            amount: Some(Saldo(claim.open)),
            target: Target::Settlements,
            lines: Vec::new(),
            upload: None,
        });
    }
    out.extend(toewijzing::items(workspace, terms, bron, today));
    out
}

fn first_advice(codes: &[RetourCode]) -> Option<&'static str> {
    codes.iter().find_map(|c| c.info()).map(|i| i.advies)
}
