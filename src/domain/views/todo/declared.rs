//! The items one declaration can put on Te doen, one function per case: not processed, a
//! made file to upload or an answer to await or chase, rejected lines to declare again (or
//! credits to send again), and approved lines the user marked as wrong.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Target, Todo, TodoKind, advice_per_code, marked_wrong_lines};
use crate::analysis::credit::Soort;
use crate::analysis::reconcile::{ANTWOORDTERMIJN_WERKDAGEN, DeclaratieView, LineRef, LineStatus, Verwerking};
use crate::analysis::term::Terms;
use crate::analysis::workspace::{LineKey, Workspace};
use crate::archive::Origin;
use crate::archive::intake::Document;
use crate::archive::journal::TodoMark;
use crate::base::calendar::add_working_days;
use crate::base::money::Saldo;
use crate::formats::message::{Bericht, Declaratiebericht, RetourCode};
use crate::views::wording::{count, gemeente};

/// One declaration with what its items share: its number, its gemeente, its term.
pub(super) struct Declared<'a> {
    workspace: &'a Workspace,
    view: &'a DeclaratieView,
    d: &'a Declaratiebericht,
    pub(super) doc: &'a Document,
    aan: String,
    term_deadline: NaiveDate,
    term_note: String,
}

/// A line by its place (client, prestatie), its submitted amount and its codes.
type Line<'a> = (usize, usize, Saldo, &'a [RetourCode]);

impl<'a> Declared<'a> {
    pub(super) fn new(workspace: &'a Workspace, view: &'a DeclaratieView, terms: &Terms) -> Option<Self> {
        let d = workspace.bericht(view.bericht).and_then(Bericht::as_declaratie)?;
        let doc = workspace.document(view.bericht)?;
        let term = terms.of(&d.header.ontvanger);
        Some(Declared {
            workspace,
            view,
            d,
            doc,
            aan: gemeente(&d.header.ontvanger),
            term_deadline: term.deadline(d.declaratie.declaratie_periode.einddatum),
            term_note: format!("termijn: {}; bron: {}", term.label(), term.source()),
        })
    }

    fn nummer(&self) -> &str {
        &self.d.declaratie.declaratie_nummer
    }

    /// Stable over rebuilds: the kind and what identifies the declaration.
    fn key(&self, kind: TodoKind) -> String {
        let h = &self.d.header;
        format!("{}:{}:{}:{}:{}", kind.slug(), self.d.domein.prefix(), h.afzender, h.ontvanger, self.nummer())
    }

    fn at(&self, line: Option<(usize, usize)>) -> Target {
        Target::Declaration { file_id: self.doc.file.id.clone(), line }
    }

    /// Declared again: a later debit for the same key is in (see the module comment of Te doen).
    fn declared_again(&self, client: usize, prestatie: usize) -> bool {
        self.workspace.successors.contains_key(&LineRef { bericht: self.view.bericht, client, prestatie })
    }

    fn line_keys(&self, lines: impl Iterator<Item = (usize, usize)>) -> Vec<LineKey> {
        lines.map(|(client, prestatie)| LineKey { file_id: self.doc.file.id.clone(), client, prestatie }).collect()
    }

    /// An item with no lines, no upload and a deadline of its own: most of them.
    fn item(&self, kind: TodoKind, title: String, reason: String, deadline: Option<NaiveDate>, deadline_note: String) -> Todo {
        Todo {
            key: self.key(kind),
            kind,
            title,
            reason,
            deadline,
            deadline_note,
            amount: None,
            target: self.at(None),
            lines: Vec::new(),
            upload: None,
        }
    }

    /// What the message's processing asks for: send it again, upload it, or await or chase
    /// its answer. Nothing once it is judged.
    pub(super) fn processing(&self, uploads: &HashMap<&str, NaiveDate>, today: NaiveDate) -> Option<Todo> {
        match &self.view.verwerking {
            Verwerking::TechnischAfgekeurd => self.send_again(&[RetourCode::new(RetourCode::TECHNISCH_AFGEKEURD)]),
            Verwerking::HeaderAfgewezen { codes } | Verwerking::GeheelAfgewezen { codes } => self.send_again(codes),
            Verwerking::AntwoordTeLaat { uiterlijk } | Verwerking::WachtOpAntwoord { uiterlijk } => {
                self.awaiting(uploads, Some(*uiterlijk), today)
            }
            Verwerking::NogUploaden => self.awaiting(uploads, None, today),
            Verwerking::WordtAfgewezen { door_vecozo } => Some(self.fix_file(*door_vecozo)),
            Verwerking::Beoordeeld => None,
        }
    }

    /// The gemeente processed none of it (0001, a header code, rejected as a whole).
    pub(super) fn not_processed(&self) -> bool {
        matches!(
            self.view.verwerking,
            Verwerking::TechnischAfgekeurd | Verwerking::HeaderAfgewezen { .. } | Verwerking::GeheelAfgewezen { .. }
        )
    }

    /// Not processed: sent again once every debit line of it has been declared again.
    fn send_again(&self, codes: &[RetourCode]) -> Option<Todo> {
        let mut lines = self
            .d
            .declaratie
            .clienten
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| c.prestaties.iter().enumerate().map(move |(pi, p)| (ci, pi, p)));
        if !lines.any(|(ci, pi, p)| p.is_credit() || !self.declared_again(ci, pi)) {
            return None;
        }
        let reason = format!(
            "De gemeente heeft de declaratie niet verwerkt ({}). {}",
            codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", "),
            advice_per_code(&codes.iter().map(|c| (c, 0)).collect::<Vec<_>>())
                .unwrap_or_else(|| "Herstel de fout en verstuur de declaratie opnieuw, met een nieuwe BerichtIdentificatie.".into())
        );
        let title = format!("Declaratie {} aan {} opnieuw versturen", self.nummer(), self.aan);
        let item = self.item(TodoKind::SendAgain, title, reason, Some(self.term_deadline), self.term_note.clone());
        Some(Todo { amount: Some(self.view.bedragen.niet_verwerkt), ..item })
    }

    /// The file's own errors reject it as a whole: fix it and send it again, not wait for it.
    fn fix_file(&self, door_vecozo: bool) -> Todo {
        let title = format!("Declaratie {} aan {} herstellen en opnieuw versturen", self.nummer(), self.aan);
        let reason = crate::analysis::reconcile::wordt_afgewezen(door_vecozo).to_string();
        let item = self.item(TodoKind::SendAgain, title, reason, Some(self.term_deadline), self.term_note.clone());
        Todo { amount: Some(self.view.bedragen.pending()), ..item }
    }

    /// A made file not yet uploaded (no answer can be late), else the answer awaited or overdue.
    fn awaiting(&self, uploads: &HashMap<&str, NaiveDate>, uiterlijk: Option<NaiveDate>, today: NaiveDate) -> Option<Todo> {
        let file = &self.doc.file;
        let uploaded = uploads.get(file.id.as_str()).copied();
        if file.origin == Origin::Gemaakt && uploaded.is_none() {
            return Some(self.upload());
        }
        // A made message's term runs from its upload, not from its Dagtekening.
        let due = uploaded.map(|date| add_working_days(date, ANTWOORDTERMIJN_WERKDAGEN)).or(uiterlijk)?;
        let (nummer, aan) = (self.nummer(), &self.aan);
        let item = if today > due {
            self.item(
                TodoKind::ChaseAnswer,
                format!("Antwoord op declaratie {nummer} navragen bij {aan}"),
                "Er is binnen 10 werkdagen geen declaratie-antwoord (325) gekomen. Kijk in VECOZO of het antwoord er is en importeer het; is het er niet, neem dan contact op met de gemeente.".into(),
                Some(due),
                "het antwoord had er binnen 10 werkdagen moeten zijn (OP090x4)".into(),
            )
        } else {
            self.item(
                TodoKind::AwaitAnswer,
                format!("Declaratie {nummer} aan {aan}: wacht op antwoord"),
                "Importeer het declaratie-antwoord (325) zodra het in VECOZO staat.".into(),
                Some(due),
                "de gemeente antwoordt binnen 10 werkdagen (OP090x4)".into(),
            )
        };
        Some(Todo { amount: Some(self.view.bedragen.pending()), ..item })
    }

    fn upload(&self) -> Todo {
        let file = &self.doc.file;
        let reason = format!(
            "Kloppend heeft declaratie {} aan {} gemaakt; de gemeente krijgt hem pas als je het bestand in VECOZO uploadt. Klik daarna op 'Geüpload in VECOZO': vanaf dan loopt de antwoordtermijn van {ANTWOORDTERMIJN_WERKDAGEN} werkdagen.",
            self.nummer(),
            self.aan
        );
        let item = self.item(
            TodoKind::Upload,
            format!("{} uploaden in VECOZO", file.name),
            reason,
            Some(self.term_deadline),
            self.term_note.clone(),
        );
        let bedragen = &self.view.bedragen;
        Todo {
            key: format!("uploaden:{}", file.id),
            amount: Some(if self.view.verwerking == Verwerking::NogUploaden { bedragen.te_uploaden } else { bedragen.pending() }),
            upload: Some((file.id.clone(), file.name.clone())),
            ..item
        }
    }

    /// Rejected lines not yet declared again, and rejected credits: an item each, if any.
    pub(super) fn rejected_lines(&self) -> Vec<Todo> {
        let mut again: Vec<Line<'_>> = Vec::new();
        let mut credits: Vec<Line<'_>> = Vec::new();
        for line in self.view.lines.iter().filter(|l| l.status.is_rejected()) {
            let p = &self.d.declaratie.clienten[line.client].prestaties[line.prestatie];
            let entry = (line.client, line.prestatie, p.ingediend_bedrag.saldo(), line.codes.as_slice());
            if p.is_credit() {
                credits.push(entry);
            } else if !self.declared_again(line.client, line.prestatie) {
                again.push(entry);
            }
        }
        [(TodoKind::DeclareAgain, again), (TodoKind::CreditAgain, credits)]
            .into_iter()
            .filter_map(|(kind, lines)| self.rejected(kind, &lines))
            .collect()
    }

    fn rejected(&self, kind: TodoKind, lines: &[Line<'_>]) -> Option<Todo> {
        let &(client, prestatie, _, _) = lines.first()?;
        let mut codes: Vec<&RetourCode> = lines.iter().flat_map(|l| l.3.iter()).filter(|c| c.rejects()).collect();
        crate::base::sort::by_key(&mut codes, |c| c.code());
        codes.dedup();
        let code_list = codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ");
        let per_code: Vec<(&RetourCode, usize)> =
            codes.iter().map(|&c| (c, lines.iter().filter(|l| l.3.iter().any(|x| x.code() == c.code())).count())).collect();
        let advice =
            advice_per_code(&per_code).unwrap_or_else(|| "Zoek uit waarom de regels zijn afgewezen en herstel de gegevens.".into());
        let (nummer, aan) = (self.nummer(), &self.aan);
        let amount = Some(lines.iter().map(|l| l.2).sum());
        let target = self.at(Some((client, prestatie)));
        if kind == TodoKind::DeclareAgain {
            let title = format!(
                "{} van declaratie {nummer} aan {aan} opnieuw declareren",
                count(lines.len(), "afgewezen regel", "afgewezen regels")
            );
            let reason = format!(
                "Afgewezen met {code_list}. {advice} Kloppend maakt de nieuwe regels met '{}' (nieuwe referenties); crediteer een afgewezen regel nooit.",
                Soort::Herdeclaratie.label()
            );
            let item = self.item(kind, title, reason, Some(self.term_deadline), self.term_note.clone());
            let lines = self.line_keys(lines.iter().map(|l| (l.0, l.1)));
            return Some(Todo { amount, target, lines, ..item });
        }
        let title =
            format!("{} in declaratie {nummer} aan {aan} opnieuw versturen", count(lines.len(), "afgewezen credit", "afgewezen credits"));
        let reason = format!("Afgewezen met {code_list}: de oorspronkelijke regels staan dus nog. {advice}");
        Some(Todo { amount, target, ..self.item(kind, title, reason, None, String::new()) })
    }

    /// Approved lines the user marked as wrong, until a credit for them is sent (their
    /// status then moves on from "approved").
    pub(super) fn marked_wrong(&self, marks: &HashMap<&str, TodoMark>) -> Option<Todo> {
        // The file's marks once, not a key made per line (a million approved lines).
        let marked = marked_wrong_lines(marks, &self.doc.file.id);
        if marked.is_empty() {
            return None;
        }
        let wrong: Vec<(usize, usize, Saldo)> = self
            .view
            .lines
            .iter()
            .filter(|l| l.status == LineStatus::Goedgekeurd && marked.contains(&(l.client, l.prestatie)))
            .filter_map(|l| {
                let p = self.d.declaratie.clienten.get(l.client)?.prestaties.get(l.prestatie)?;
                (!p.is_credit()).then(|| (l.client, l.prestatie, p.ingediend_bedrag.saldo()))
            })
            .collect();
        let &(client, prestatie, _) = wrong.first()?;
        let title = format!(
            "{} van declaratie {} aan {} crediteren",
            count(wrong.len(), "onjuiste regel", "onjuiste regels"),
            self.nummer(),
            self.aan
        );
        let reason = format!(
            "Je hebt {} als onjuist gemarkeerd. Stuur er een creditbericht voor ('{}'); moet er wel iets gedeclareerd worden, declareer dat daarna opnieuw met de juiste gegevens. De gemeente verrekent het creditbedrag met een volgende betaling.",
            count(wrong.len(), "goedgekeurde regel", "goedgekeurde regels"),
            Soort::Credit.label()
        );
        let note = "geen termijn: crediteer zo snel mogelijk, dan staat er niet te veel uitbetaald".into();
        let item = self.item(TodoKind::CreditWrong, title, reason, None, note);
        Some(Todo {
            amount: Some(wrong.iter().map(|l| l.2).sum()),
            target: self.at(Some((client, prestatie))),
            lines: self.line_keys(wrong.iter().map(|l| (l.0, l.1))),
            ..item
        })
    }
}
