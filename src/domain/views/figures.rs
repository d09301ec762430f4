//! The money of a set of declarations as a provider says it out loud: what was declared
//! (gross), how much of it was credited, approved, rejected and is still expected. One
//! view-model for the Overzicht, the declaration page and Inzicht, so every screen adds up
//! the same way.
//!
//! Counted per debit line, each in exactly one bucket, so the figures always add up:
//! `declared = credited + approved + rejected + expected`. A credit counts on the line it
//! credits (so a credit month never shows a negative figure); a credit whose original is not
//! loaded is counted apart. What was never submitted (made and not uploaded) or not processed
//! (0001, a declaration rejected as a whole) is not declared: it is shown beside.

use crate::analysis::reconcile::{DeclaratieView, LineRef, LineStatus, Verwerking};
use crate::analysis::workspace::Workspace;
use crate::base::money::Saldo;
use crate::formats::message::Prestatie;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Debit lines submitted and processed, gross (re-declarations included).
    pub declared: Saldo,
    /// Of `declared`: lines credited, or with a credit on its way.
    pub credited: Saldo,
    /// Of `credited`: the credit still awaits the gemeente's answer.
    pub credit_pending: Saldo,
    /// Of `declared`: approved and standing (not credited).
    pub approved: Saldo,
    /// Of `declared`: rejected, or not judged because the client was rejected.
    pub rejected: Saldo,
    /// Of `rejected`: already declared again (by Kloppend or by the same delivery).
    pub redeclared: Saldo,
    /// Of `declared`: awaiting the gemeente's answer.
    pub expected: Saldo,
    /// Not part of `declared`: in a message the gemeente did not process.
    pub not_processed: Saldo,
    /// Not part of `declared`: debit lines Kloppend made that are not uploaded yet.
    pub to_upload: Saldo,
    /// Credit lines Kloppend made that are not uploaded yet (their originals still stand).
    pub credit_to_upload: Saldo,
    /// Credits (approved or awaiting answer) whose original line is not loaded.
    pub credited_elsewhere: Saldo,
    /// Messages counted (debit, credit and correction messages alike).
    pub messages: usize,
    /// Debit lines counted in `declared`.
    pub lines: usize,
}

impl Figures {
    /// The figures of these declarations (views of `workspace`).
    pub fn of<'a>(workspace: &Workspace, views: impl IntoIterator<Item = &'a DeclaratieView>) -> Figures {
        let mut figures = Figures::default();
        for view in views {
            figures.add(workspace, view);
        }
        figures
    }

    /// Adds one declaration's lines.
    pub fn add(&mut self, workspace: &Workspace, view: &DeclaratieView) {
        let Some(d) = workspace.bericht(view.bericht).and_then(|b| b.as_declaratie()) else { return };
        self.messages += 1;
        let unsent = view.verwerking == Verwerking::NogUploaden;
        for line in &view.lines {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            let amount = line_amount(p);
            let here = LineRef { bericht: view.bericht, client: line.client, prestatie: line.prestatie };
            match (p.is_credit(), unsent) {
                (true, true) => self.credit_to_upload += amount,
                (false, true) => self.to_upload += amount,
                (true, false) => self.add_credit(line.status, line.crediteert.is_some(), amount),
                (false, false) => self.add_debit(workspace, here, line.status, line.gecrediteerd_door, amount),
            }
        }
    }

    /// A credit line counts on its original; only one whose original is not loaded counts here.
    fn add_credit(&mut self, status: LineStatus, original_loaded: bool, amount: Saldo) {
        if !original_loaded && matches!(status, LineStatus::Goedgekeurd | LineStatus::WachtOpAntwoord) {
            self.credited_elsewhere += amount;
        }
    }

    fn add_debit(&mut self, workspace: &Workspace, here: LineRef, status: LineStatus, credit: Option<LineRef>, amount: Saldo) {
        let bucket = match status {
            LineStatus::NietVerwerkt => {
                self.not_processed += amount;
                return;
            }
            LineStatus::WachtOpAntwoord => &mut self.expected,
            LineStatus::Goedgekeurd => &mut self.approved,
            LineStatus::Afgewezen | LineStatus::NietBeoordeeld => {
                if workspace.successors.contains_key(&here) {
                    self.redeclared += amount;
                }
                &mut self.rejected
            }
            // A credit not uploaded yet has not reached the gemeente: the line still stands.
            LineStatus::CreditIngediend if credit.is_some_and(|c| not_uploaded(workspace, c)) => &mut self.approved,
            LineStatus::CreditIngediend => {
                self.credit_pending += amount;
                &mut self.credited
            }
            LineStatus::Gecrediteerd => &mut self.credited,
        };
        *bucket += amount;
        self.declared += amount;
        self.lines += 1;
    }

    /// Rejected lines not declared again yet: the money still to be recovered.
    pub fn to_fix(&self) -> Saldo {
        self.rejected - self.redeclared
    }

    /// Declared, less what was credited: what the gemeente is asked to pay for now.
    pub fn net(&self) -> Saldo {
        self.declared - self.credited
    }

    /// Whether the buckets add up to what was declared (they do by construction; the tests and
    /// the screens' sums check it).
    pub fn adds_up(&self) -> bool {
        self.declared == self.credited + self.approved + self.rejected + self.expected
    }
}

impl std::ops::AddAssign for Figures {
    fn add_assign(&mut self, rhs: Figures) {
        self.declared += rhs.declared;
        self.credited += rhs.credited;
        self.credit_pending += rhs.credit_pending;
        self.approved += rhs.approved;
        self.rejected += rhs.rejected;
        self.redeclared += rhs.redeclared;
        self.expected += rhs.expected;
        self.not_processed += rhs.not_processed;
        self.to_upload += rhs.to_upload;
        self.credit_to_upload += rhs.credit_to_upload;
        self.credited_elsewhere += rhs.credited_elsewhere;
        self.messages += rhs.messages;
        self.lines += rhs.lines;
    }
}

fn not_uploaded(workspace: &Workspace, line: LineRef) -> bool {
    workspace.reconciliation.declaratie(line.bericht).is_some_and(|v| v.verwerking == Verwerking::NogUploaden)
}

/// The amount of one line as the figures count it (unsigned).
fn line_amount(p: &Prestatie) -> Saldo {
    Saldo(p.ingediend_bedrag.saldo().cents().abs())
}

/// The sum said out loud, so a reader sees the figures add up: "Gedeclareerd € 700,00 =
/// gecrediteerd € 480,00 + toegekend € 0,00 + afgewezen € 220,00 + wacht op antwoord € 0,00."
pub fn sum_text(f: &Figures) -> String {
    format!(
        "Gedeclareerd {} = gecrediteerd {} + toegekend {} + afgewezen {} + wacht op antwoord {}.",
        f.declared, f.credited, f.approved, f.rejected, f.expected
    )
}

/// What became of the rejected money, when some of it was declared again.
pub fn rejected_text(f: &Figures) -> Option<String> {
    (f.redeclared.cents() != 0).then(|| format!("waarvan {} opnieuw gedeclareerd, nog te herstellen {}", f.redeclared, f.to_fix()))
}

/// What the gemeente approved before credits took part of it back.
pub fn approved_text(f: &Figures) -> Option<String> {
    (f.credited.cents() != 0)
        .then(|| format!("de gemeente keurde {} goed, daarvan is {} gecrediteerd", f.approved + f.credited, f.credited))
}
