//! Reconciliation: link every 325 to its 323, infer the status of every line, follow credits
//! to their originals, and add up the money. VECOZO stopped doing this in 2021; a 325 lists
//! only the rejected lines, so "approved" is what is *absent* from a linked answer.
//!
//! Input is any number of messages in any order; output refers to them by index, so it is
//! cheap to build and owns nothing borrowed.

mod advice;
mod history;
mod link;
mod status;

use chrono::NaiveDate;
use serde::Serialize;

use crate::base::money::Saldo;
use crate::diagnostics::rules::Rule;
use crate::formats::message::{Bericht, BerichtType, RetourCode};

pub use advice::{advies_declaratie, advies_declaratie_met, advies_regel, wordt_afgewezen};
pub use status::ANTWOORDTERMIJN_WERKDAGEN;

/// Where a line is: message index (into the input), client index, prestatie index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LineRef {
    pub bericht: usize,
    pub client: usize,
    pub prestatie: usize,
}

/// The status of one declared line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum LineStatus {
    /// The 323 has no (linked) 325 yet.
    WachtOpAntwoord,
    /// Absent from the linked 325, or the declaration got 8001.
    Goedgekeurd,
    /// Listed in the 325 with a rejection code.
    Afgewezen,
    /// Listed with 0233: not assessed because its client was rejected.
    NietBeoordeeld,
    /// The whole message was not processed (0001, or a declaration-level rejection such as 9333).
    NietVerwerkt,
    /// Approved, and a credit for it is in a loaded 323 that has no approving answer yet.
    CreditIngediend,
    /// Approved, and its credit was approved.
    Gecrediteerd,
}

impl LineStatus {
    /// The gemeente paid nothing for the line (rejected, or not judged because its client
    /// was): it is to be fixed and declared again. One home for the question Overzicht,
    /// Te doen, Inzicht and the credit guard all ask.
    pub(crate) fn is_rejected(self) -> bool {
        matches!(self, LineStatus::Afgewezen | LineStatus::NietBeoordeeld)
    }

    pub const ALL: [LineStatus; 7] = [
        LineStatus::WachtOpAntwoord,
        LineStatus::Goedgekeurd,
        LineStatus::Afgewezen,
        LineStatus::NietBeoordeeld,
        LineStatus::NietVerwerkt,
        LineStatus::CreditIngediend,
        LineStatus::Gecrediteerd,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LineStatus::WachtOpAntwoord => "Wacht op antwoord",
            LineStatus::Goedgekeurd => "Goedgekeurd",
            LineStatus::Afgewezen => "Afgewezen",
            LineStatus::NietBeoordeeld => "Niet beoordeeld",
            LineStatus::NietVerwerkt => "Niet verwerkt",
            LineStatus::CreditIngediend => "Credit ingediend",
            LineStatus::Gecrediteerd => "Gecrediteerd",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            LineStatus::WachtOpAntwoord => "wacht",
            LineStatus::Goedgekeurd => "goedgekeurd",
            LineStatus::Afgewezen => "afgewezen",
            LineStatus::NietBeoordeeld => "niet-beoordeeld",
            LineStatus::NietVerwerkt => "niet-verwerkt",
            LineStatus::CreditIngediend => "credit-ingediend",
            LineStatus::Gecrediteerd => "gecrediteerd",
        }
    }

    /// Needs the user's attention.
    pub(crate) fn is_exception(self) -> bool {
        matches!(self, LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineView {
    pub client: usize,
    pub prestatie: usize,
    pub status: LineStatus,
    /// Codes that apply to the line: its own, and the client's when the client was rejected.
    pub codes: Vec<RetourCode>,
    /// For a debit line: the credit line that credits it (the first, if several).
    pub gecrediteerd_door: Option<LineRef>,
    /// For a credit line: the original debit line, when it is loaded.
    pub crediteert: Option<LineRef>,
}

/// How far a declaration got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Verwerking {
    /// No answer yet; `uiterlijk` is the last day of the 10-working-day term.
    WachtOpAntwoord { uiterlijk: NaiveDate },
    /// No answer, and the term has passed (OP090x4).
    AntwoordTeLaat { uiterlijk: NaiveDate },
    /// 0001: not processed, counts as not sent.
    TechnischAfgekeurd,
    /// IV088: a header-only answer with the code of a header rule (e.g. 9056, S300): not
    /// processed either, but for a reason the code names, not a technical one.
    HeaderAfgewezen { codes: Vec<RetourCode> },
    /// Rejected as a whole (e.g. 9333), nothing processed.
    GeheelAfgewezen { codes: Vec<RetourCode> },
    /// Assessed: every line approved or rejected.
    Beoordeeld,
    /// Made by Kloppend and not marked uploaded in VECOZO: the gemeente has not got it, so
    /// there is no answer term and it does not count as submitted (set by
    /// `Workspace::with_log`, which knows the upload marks).
    NogUploaden,
    /// No answer yet, but the 323's own errors decide it: VECOZO refuses the file (an XSD
    /// error, no 325 comes back: `door_vecozo`) or the gemeente answers 0001 for the whole
    /// message. Set by `Workspace::build`, which has the findings; a loaded answer wins.
    WordtAfgewezen { door_vecozo: bool },
}

impl Verwerking {
    pub fn label(&self) -> &'static str {
        match self {
            Verwerking::WachtOpAntwoord { .. } => "Wacht op antwoord",
            Verwerking::AntwoordTeLaat { .. } => "Antwoord te laat",
            Verwerking::TechnischAfgekeurd => "Technisch afgekeurd (niet verwerkt)",
            Verwerking::HeaderAfgewezen { .. } => "Afgewezen, niet verwerkt",
            Verwerking::GeheelAfgewezen { .. } => "Geheel afgewezen (niet verwerkt)",
            Verwerking::Beoordeeld => "Beoordeeld",
            Verwerking::NogUploaden => "Nog uploaden",
            Verwerking::WordtAfgewezen { .. } => "Wordt afgewezen",
        }
    }

    /// The whole declaration counts as not sent or was rejected as a whole: nothing in it
    /// was approved, so nothing can be credited and every line may be declared again.
    pub fn is_not_processed(&self) -> bool {
        matches!(self, Verwerking::TechnischAfgekeurd | Verwerking::HeaderAfgewezen { .. } | Verwerking::GeheelAfgewezen { .. })
    }
}

/// Money of one declaration, signed (credit negative).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Bedragen {
    pub ingediend: Saldo,
    pub toegekend: Saldo,
    pub afgewezen: Saldo,
    /// Awaiting an answer: what a debit message (net) still brings in; never negative.
    pub open: Saldo,
    /// Awaiting an answer too, but a credit message (net): money that goes back once the
    /// gemeente processes it (negative). Kept apart so "open" is never a negative figure.
    pub credit_onderweg: Saldo,
    /// In a message that was not processed: to be sent again.
    pub niet_verwerkt: Saldo,
    /// In a message Kloppend made that is not uploaded yet (not submitted, not open).
    pub te_uploaden: Saldo,
}

impl Bedragen {
    /// A message without an answer: its net amount is open (a debit) or on its way back (a credit).
    pub(crate) fn set_pending(&mut self, net: Saldo) {
        let credit = net.cents() < 0;
        self.open = if credit { Saldo::default() } else { net };
        self.credit_onderweg = if credit { net } else { Saldo::default() };
    }

    /// Everything awaiting an answer, net.
    pub fn pending(&self) -> Saldo {
        self.open + self.credit_onderweg
    }
}

impl std::ops::AddAssign for Bedragen {
    fn add_assign(&mut self, rhs: Bedragen) {
        self.ingediend += rhs.ingediend;
        self.toegekend += rhs.toegekend;
        self.afgewezen += rhs.afgewezen;
        self.open += rhs.open;
        self.credit_onderweg += rhs.credit_onderweg;
        self.niet_verwerkt += rhs.niet_verwerkt;
        self.te_uploaden += rhs.te_uploaden;
    }
}

/// The TR342 check of a linked answer: the municipality's totals against the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SomControle {
    /// Σ of the rejected lines as listed in the 325.
    pub afgewezen_regels: Saldo,
    /// Σ of the 323 lines that the 325 does not list.
    pub goedgekeurde_regels: Saldo,
    pub ingediend_325: Saldo,
    pub toegekend_325: Saldo,
    pub klopt: bool,
}

/// One 323 with everything known about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaratieView {
    /// Index of the 323 in the input.
    pub bericht: usize,
    pub bericht_type: BerichtType,
    /// Index of the linked 325, if any.
    pub antwoord: Option<usize>,
    /// Further 325s that answer the same 323 (there should be exactly one).
    pub extra_antwoorden: Vec<usize>,
    pub verwerking: Verwerking,
    pub bedragen: Bedragen,
    pub som_controle: Option<SomControle>,
    pub lines: Vec<LineView>,
    /// Indices of loaded 323s that credit lines of this declaration.
    pub creditberichten: Vec<usize>,
}

impl DeclaratieView {
    pub fn count(&self, status: LineStatus) -> usize {
        self.lines.iter().filter(|l| l.status == status).count()
    }

    /// Lines are in (client, prestatie) order, so this is a binary search: per-row lookups
    /// on a 33,000-line declaration must not be a scan each.
    pub fn line(&self, client: usize, prestatie: usize) -> Option<&LineView> {
        let i = self.lines.binary_search_by_key(&(client, prestatie), |l| (l.client, l.prestatie)).ok()?;
        self.lines.get(i)
    }
}

/// Something that does not fit between messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub kind: IssueKind,
    /// The message the issue is about (index into the input).
    pub bericht: usize,
    /// The other message involved, if any.
    pub ander: Option<usize>,
    pub line: Option<LineRef>,
    pub message: String,
}

impl Issue {
    /// An issue about one message.
    pub fn of(kind: IssueKind, bericht: usize, message: impl Into<String>) -> Self {
        Issue { kind, bericht, ander: None, line: None, message: message.into() }
    }

    /// An issue about `bericht` that involves `ander` too (an answer and its declaration, a
    /// credit and the line it credits).
    pub fn between(kind: IssueKind, bericht: usize, ander: usize, message: impl Into<String>) -> Self {
        Issue { ander: Some(ander), ..Issue::of(kind, bericht, message) }
    }

    /// The issue points at one line.
    pub fn at(self, line: LineRef) -> Self {
        Issue { line: Some(line), ..self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum IssueKind {
    /// A 325 whose 323 is not loaded.
    AntwoordZonderDeclaratie,
    /// An answer with a loaded 323's identification, but for another provider, gemeente or
    /// domain: not linked, and not a missing declaration either.
    AntwoordVoorAnder,
    /// A second 325 for one 323.
    DubbelAntwoord,
    /// Linked by DeclaratieNummer only: the identification differs.
    IdentificatieWijktAf,
    /// TR376: DeclaratieNummer in the 325 differs from the 323's.
    DeclaratieNummerWijktAf,
    /// TR367: a rejected line's echo differs from the 323 line.
    RegelWijktAf,
    /// TR366: a rejected line in the 325 that the 323 does not have.
    OnbekendeRegel,
    /// TR342: the answer's totals do not add up.
    SomKloptNiet,
    /// OP090x4: no answer within 10 working days.
    AntwoordTeLaat,
    /// TR314: a ReferentieNummer used in two processed declarations.
    DubbelReferentieNummer,
    /// A credit for a line that is not in the archive (the gemeente may answer 8017).
    CreditZonderOrigineel,
    /// IV085: a credit for a line that was rejected or never processed.
    CreditVanAfgewezenRegel,
    /// TR390: a line credited more than once.
    DubbeleCredit,
    /// A credit whose amount or fields differ from its original (IV091).
    CreditWijktAf,
    /// TR323: a credit of a line that is itself a credit.
    CreditVanCreditregel,
    /// TR323: a credit sent to another gemeente than its original.
    CreditAndereGemeente,
    /// TR056: a BerichtIdentificatie the provider used before.
    DubbeleBerichtIdentificatie,
    /// TR333: a DeclaratieNummer the provider used before.
    DubbelDeclaratieNummer,
    /// TR389: a new debit while an approved debit for the same period and product stands.
    DubbeleDebet,
    /// TR371: the answer's XsdVersieDeclaratie is not the declaration's XsdVersie.
    XsdVersieWijktAf,
    /// A T rule: the line does not fit its toewijzing (the 301 in the archive); the gemeente
    /// will reject it with the rule's code.
    Toewijzing(Rule),
    /// The gemeente's 301s are loaded, but none holds this toewijzing (TR338, warned only: a
    /// 301 may simply not have been loaded).
    GeenToewijzing,
}

impl IssueKind {
    pub fn label(self) -> &'static str {
        match self {
            IssueKind::AntwoordZonderDeclaratie => "Antwoord zonder declaratie",
            IssueKind::AntwoordVoorAnder => "Antwoord voor een ander",
            IssueKind::DubbelAntwoord => "Twee antwoorden op één declaratie",
            IssueKind::IdentificatieWijktAf => "Identificatie wijkt af",
            IssueKind::DeclaratieNummerWijktAf => "Declaratienummer wijkt af (TR376)",
            IssueKind::RegelWijktAf => "Afgewezen regel wijkt af (TR367)",
            IssueKind::OnbekendeRegel => "Onbekende regel in antwoord (TR366)",
            IssueKind::SomKloptNiet => "Bedragen kloppen niet (TR342)",
            IssueKind::AntwoordTeLaat => "Antwoord te laat (OP090x4)",
            IssueKind::DubbelReferentieNummer => "ReferentieNummer dubbel gebruikt (TR314)",
            IssueKind::CreditZonderOrigineel => "Credit zonder bekende debetregel",
            IssueKind::CreditVanAfgewezenRegel => "Credit van afgewezen regel (IV085)",
            IssueKind::DubbeleCredit => "Regel meer dan eens gecrediteerd (TR390)",
            IssueKind::CreditWijktAf => "Credit wijkt af van origineel (IV091)",
            IssueKind::CreditVanCreditregel => "Credit van een creditregel (TR323)",
            IssueKind::CreditAndereGemeente => "Credit aan een andere gemeente (TR323)",
            IssueKind::DubbeleBerichtIdentificatie => "Berichtidentificatie dubbel gebruikt (TR056)",
            IssueKind::DubbelDeclaratieNummer => "Declaratienummer dubbel gebruikt (TR333)",
            IssueKind::DubbeleDebet => "Dubbele debetregel (TR389)",
            IssueKind::Toewijzing(_) => "Past niet bij de toewijzing",
            IssueKind::GeenToewijzing => "Geen toewijzing bekend",
            IssueKind::XsdVersieWijktAf => "XSD-versie wijkt af (TR371)",
        }
    }

    /// The rule of the information model the issue is about.
    pub fn rule(self) -> Rule {
        match self {
            IssueKind::AntwoordZonderDeclaratie
            | IssueKind::AntwoordVoorAnder
            | IssueKind::DubbelAntwoord
            | IssueKind::IdentificatieWijktAf => Rule::Koppeling,
            IssueKind::DeclaratieNummerWijktAf => Rule::TR376,
            IssueKind::RegelWijktAf => Rule::TR367,
            IssueKind::OnbekendeRegel => Rule::TR366,
            IssueKind::SomKloptNiet => Rule::TR342,
            IssueKind::AntwoordTeLaat => Rule::OP090,
            IssueKind::DubbelReferentieNummer => Rule::TR314,
            IssueKind::CreditZonderOrigineel
            | IssueKind::CreditVanAfgewezenRegel
            | IssueKind::CreditVanCreditregel
            | IssueKind::CreditAndereGemeente => Rule::TR323,
            IssueKind::DubbeleCredit => Rule::TR390,
            IssueKind::CreditWijktAf => Rule::IV091,
            IssueKind::DubbeleBerichtIdentificatie => Rule::TR056,
            IssueKind::DubbelDeclaratieNummer => Rule::TR333,
            IssueKind::DubbeleDebet => Rule::TR389,
            IssueKind::XsdVersieWijktAf => Rule::TR371,
            IssueKind::Toewijzing(rule) => rule,
            IssueKind::GeenToewijzing => Rule::TR338,
        }
    }

    /// What the gemeente does: the rule's consequence, but a missing toewijzing is only
    /// something the gemeente checks (Kloppend may not have every 301).
    pub fn gevolg(self) -> crate::diagnostics::rules::Consequence {
        match self {
            IssueKind::GeenToewijzing => crate::diagnostics::rules::Consequence::Checked("9338"),
            other => other.rule().gevolg(),
        }
    }
}

/// Totals over a set of declarations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totalen {
    pub bedragen: Bedragen,
    pub declaraties: usize,
    pub regels: usize,
    pub per_status: [usize; 7],
}

impl Totalen {
    pub fn add(&mut self, view: &DeclaratieView) {
        // What is not uploaded yet is not submitted: it counts only as "nog te uploaden".
        let mut bedragen = view.bedragen;
        if view.verwerking == Verwerking::NogUploaden {
            bedragen.ingediend = Saldo::default();
        }
        self.bedragen += bedragen;
        self.declaraties += 1;
        self.regels += view.lines.len();
        for line in &view.lines {
            self.per_status[line.status as usize] += 1;
        }
    }

    pub fn count(&self, status: LineStatus) -> usize {
        self.per_status[status as usize]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    /// One entry per 323 in the input, in input order.
    pub declaraties: Vec<DeclaratieView>,
    /// Input indices of 325s whose 323 is not loaded.
    pub antwoorden_zonder_declaratie: Vec<usize>,
    pub issues: Vec<Issue>,
    pub totalen: Totalen,
}

impl Reconciliation {
    /// The view of the 323 at input index `bericht`.
    /// Declarations are in input order (increasing `bericht`), so this is a binary search.
    pub fn declaratie(&self, bericht: usize) -> Option<&DeclaratieView> {
        let i = self.declaraties.binary_search_by_key(&bericht, |d| d.bericht).ok()?;
        self.declaraties.get(i)
    }

    pub fn line(&self, line: LineRef) -> Option<&LineView> {
        self.declaratie(line.bericht).and_then(|d| d.line(line.client, line.prestatie))
    }

    /// Issues about one message (as subject or as the other party).
    pub(crate) fn issues_for(&self, bericht: usize) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.bericht == bericht || i.ander == Some(bericht))
    }
}

/// Reconcile all loaded messages. `today` decides which missing answers are overdue.
pub fn reconcile(berichten: &[&Bericht], today: NaiveDate) -> Reconciliation {
    reconcile_with_successors(berichten, today).0
}

/// [`reconcile`], with for every debit line the later debit that declares the same delivery
/// again (found in the same pass as TR389).
pub fn reconcile_with_successors(
    berichten: &[&Bericht],
    today: NaiveDate,
) -> (Reconciliation, std::collections::HashMap<LineRef, LineRef>) {
    let links = link::link(berichten);
    let mut result = status::assess(berichten, &links, today);
    result.issues.extend(links.issues);
    let successors = history::check(berichten, &result.declaraties, &mut result.issues);
    result.antwoorden_zonder_declaratie = links.orphans;
    let mut totalen = Totalen::default();
    for view in &result.declaraties {
        totalen.add(view);
    }
    result.totalen = totalen;
    (result, successors)
}
