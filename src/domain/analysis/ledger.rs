//! The ledger: settlement rows matched to declarations by invoice number ("Uw kenmerk" =
//! DeclaratieNummer) and to earlier rows, claims followed over successive overviews, and
//! per insurer (and AGB) what was received, owed and offset.
//!
//! The insurer documents the columns but not how a partly offset claim reappears; Kloppend
//! reads it as: a claim is identified by insurer, AGB and "Ons kenmerk" (else "Uw kenmerk");
//! its "U betaalt" in an overview is what is still open then, and "Afrekening" closes it.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::formats::message::Declaratiebericht;
use crate::formats::settlement::{Overzicht, Rij, Toelichting, Zorgverzekeraar};

/// Where a row is: document index (of the overview) and row index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RijRef {
    pub doc: usize,
    pub rij: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverzichtInfo {
    pub doc: usize,
    pub volgnummer: Option<u32>,
    pub peildatum: Option<NaiveDate>,
    /// The same overview was imported before (same content): ignored in the ledger.
    pub dubbel_van: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    pub rij: RijRef,
    /// The declaration (reconciliation input index) whose DeclaratieNummer is "Uw kenmerk".
    pub declaratie: Option<usize>,
    /// Earlier rows (in earlier overviews) with the same "Uw kenmerk".
    pub eerder: Vec<RijRef>,
    /// The claim this row belongs to.
    pub claim: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimStatus {
    Open,
    Afgerekend,
    /// The remainder is too small to be paid or requested; it waits for a next offset.
    RestantTeKlein,
}

impl ClaimStatus {
    pub fn label(self) -> &'static str {
        match self {
            ClaimStatus::Open => "Open",
            ClaimStatus::Afgerekend => "Afgerekend",
            ClaimStatus::RestantTeKlein => "Restant te klein",
        }
    }
}

/// A claim (vordering) followed over the overviews it appears in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub zorgverzekeraar: Zorgverzekeraar,
    pub agb: String,
    pub kenmerk: String,
    /// Each appearance and the amount still open after it, oldest first.
    pub historie: Vec<(RijRef, i64)>,
    /// The amount first claimed.
    pub oorspronkelijk: i64,
    pub open: i64,
    pub status: ClaimStatus,
}

impl Claim {
    pub fn verrekend(&self) -> i64 {
        self.oorspronkelijk - self.open
    }
}

/// Totals for one insurer and AGB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saldi {
    pub ontvangen: i64,
    pub gevorderd: i64,
    pub verrekend: i64,
    pub open: i64,
    pub open_vorderingen: usize,
}

impl std::ops::AddAssign<&Saldi> for Saldi {
    fn add_assign(&mut self, s: &Saldi) {
        self.ontvangen += s.ontvangen;
        self.gevorderd += s.gevorderd;
        self.verrekend += s.verrekend;
        self.open += s.open;
        self.open_vorderingen += s.open_vorderingen;
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// In order: by sequence number, then date, then import order.
    pub overzichten: Vec<OverzichtInfo>,
    pub rows: Vec<LedgerRow>,
    pub claims: Vec<Claim>,
    pub saldi: BTreeMap<(Zorgverzekeraar, String), Saldi>,
    /// Rows that could not (fully) be read.
    pub onleesbaar: Vec<RijRef>,
    /// Readable rows whose "Uw kenmerk" matches no known declaration.
    pub ongekoppeld: Vec<RijRef>,
    /// Declarations (reconciliation input index) of providers in the overviews without any row.
    pub zonder_verrekening: Vec<usize>,
}

impl Ledger {
    pub fn row(&self, rij: RijRef) -> Option<&LedgerRow> {
        self.rows.iter().find(|r| r.rij == rij)
    }

    pub(crate) fn is_dubbel(&self, doc: usize) -> bool {
        self.overzichten.iter().any(|o| o.doc == doc && o.dubbel_van.is_some())
    }

    pub fn totaal(&self) -> Saldi {
        self.saldi.values().fold(Saldi::default(), |mut t, s| {
            t += s;
            t
        })
    }
}

/// Build the ledger from overviews (by document index) and the loaded 323s (by
/// reconciliation input index).
pub fn build_ledger(overzichten: &[(usize, &Overzicht)], declaraties: &[(usize, &Declaratiebericht)]) -> Ledger {
    let mut ledger = Ledger::default();
    let order = ordered(overzichten, &mut ledger);
    let mut linker = Linker::new(declaraties);
    for (doc, o) in &order {
        if ledger.is_dubbel(*doc) {
            continue;
        }
        for (i, rij) in o.rijen.iter().enumerate() {
            linker.row(&mut ledger, RijRef { doc: *doc, rij: i }, rij);
        }
    }
    add_claims_to_saldi(&mut ledger);
    if !order.is_empty() {
        ledger.zonder_verrekening = linker.unsettled(declaraties);
    }
    ledger
}

/// The overviews in their order (sequence number, then reference date); the same content
/// twice counts once (`dubbel_van`).
fn ordered<'a>(overzichten: &[(usize, &'a Overzicht)], ledger: &mut Ledger) -> Vec<(usize, &'a Overzicht)> {
    let mut order: Vec<(usize, &Overzicht)> = overzichten.to_vec();
    crate::base::sort::by_key(&mut order, |(doc, o)| (o.volgnummer.unwrap_or(u32::MAX), o.peildatum(), *doc));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (doc, o) in &order {
        let fingerprint = o.fingerprint();
        let dubbel_van = seen.get(&fingerprint).copied();
        seen.entry(fingerprint).or_insert(*doc);
        ledger.overzichten.push(OverzichtInfo { doc: *doc, volgnummer: o.volgnummer, peildatum: o.peildatum(), dubbel_van });
    }
    order
}

/// What linking the rows needs to remember: the declarations by number, the rows seen per
/// kenmerk, the claims by key, the AGBs the overviews are about, the declarations matched.
struct Linker<'a> {
    by_nummer: HashMap<String, Vec<(usize, &'a Declaratiebericht)>>,
    earlier_by_kenmerk: HashMap<String, Vec<RijRef>>,
    claim_index: HashMap<(Zorgverzekeraar, String, String), usize>,
    agbs_in_overviews: Vec<String>,
    matched_declarations: Vec<usize>,
}

impl<'a> Linker<'a> {
    fn new(declaraties: &[(usize, &'a Declaratiebericht)]) -> Linker<'a> {
        // Declarations by (normalised) number.
        let mut by_nummer: HashMap<String, Vec<(usize, &Declaratiebericht)>> = HashMap::new();
        for (index, d) in declaraties {
            by_nummer.entry(d.declaratie.declaratie_nummer.trim().to_uppercase()).or_default().push((*index, d));
        }
        Linker {
            by_nummer,
            earlier_by_kenmerk: HashMap::new(),
            claim_index: HashMap::new(),
            agbs_in_overviews: Vec::new(),
            matched_declarations: Vec::new(),
        }
    }

    /// One row: linked to its declaration by kenmerk (and AGB), to the earlier rows with its
    /// kenmerk, and to its claim; its money added to its insurer's totals.
    fn row(&mut self, ledger: &mut Ledger, rij_ref: RijRef, rij: &Rij) {
        if !rij.is_leesbaar() {
            ledger.onleesbaar.push(rij_ref);
        }
        if !rij.agb.is_empty() && !self.agbs_in_overviews.contains(&rij.agb) {
            self.agbs_in_overviews.push(rij.agb.clone());
        }
        let kenmerk = rij.uw_kenmerk.trim().to_uppercase();
        let declaratie = self.by_nummer.get(&kenmerk).and_then(|candidates| {
            candidates.iter().find(|(_, d)| rij.agb.is_empty() || d.header.afzender == rij.agb).map(|(index, _)| *index)
        });
        if let Some(d) = declaratie {
            self.matched_declarations.push(d);
        } else if rij.is_leesbaar() {
            ledger.ongekoppeld.push(rij_ref);
        }
        let eerder = if kenmerk.is_empty() { Vec::new() } else { self.earlier_by_kenmerk.get(&kenmerk).cloned().unwrap_or_default() };
        if !kenmerk.is_empty() {
            self.earlier_by_kenmerk.entry(kenmerk).or_default().push(rij_ref);
        }
        let saldi = ledger.saldi.entry((rij.zorgverzekeraar.clone(), rij.agb.clone())).or_default();
        if rij.is_leesbaar() {
            saldi.ontvangen += rij.u_ontvangt.unwrap_or(0);
        }
        let claim = self.claim(ledger, rij_ref, rij);
        ledger.rows.push(LedgerRow { rij: rij_ref, declaratie, eerder, claim });
    }

    /// A claim: something the provider owes, followed over the overviews by its kenmerk.
    fn claim(&mut self, ledger: &mut Ledger, rij_ref: RijRef, rij: &Rij) -> Option<usize> {
        let bedrag = rij.u_betaalt.filter(|b| *b != 0 && rij.is_leesbaar())?;
        let claim_kenmerk = if rij.ons_kenmerk.is_empty() { rij.uw_kenmerk.clone() } else { rij.ons_kenmerk.clone() };
        let key = (rij.zorgverzekeraar.clone(), rij.agb.clone(), claim_kenmerk.clone());
        let (open, status) = match rij.toelichting {
            Toelichting::Afrekening => (0, ClaimStatus::Afgerekend),
            Toelichting::TeKleinVoorBetaalverzoek | Toelichting::TeKleinOmUitTeBetalen => (bedrag.abs(), ClaimStatus::RestantTeKlein),
            _ => (bedrag.abs(), ClaimStatus::Open),
        };
        let index = *self.claim_index.entry(key).or_insert_with(|| {
            ledger.claims.push(Claim {
                zorgverzekeraar: rij.zorgverzekeraar.clone(),
                agb: rij.agb.clone(),
                kenmerk: claim_kenmerk,
                historie: Vec::new(),
                oorspronkelijk: bedrag.abs(),
                open: 0,
                status: ClaimStatus::Open,
            });
            ledger.claims.len() - 1
        });
        let c = &mut ledger.claims[index];
        c.historie.push((rij_ref, open));
        c.open = open;
        c.status = status;
        Some(index)
    }

    /// The declarations of the providers the overviews are about that no row settles.
    fn unsettled(&self, declaraties: &[(usize, &Declaratiebericht)]) -> Vec<usize> {
        let agbs = &self.agbs_in_overviews;
        declaraties
            .iter()
            .filter(|(_, d)| agbs.is_empty() || agbs.iter().any(|a| *a == d.header.afzender))
            .map(|(index, _)| *index)
            .filter(|index| !self.matched_declarations.contains(index))
            .collect()
    }
}

/// Each insurer's claimed, offset and open money, from its claims.
fn add_claims_to_saldi(ledger: &mut Ledger) {
    for claim in &ledger.claims {
        let saldi = ledger.saldi.entry((claim.zorgverzekeraar.clone(), claim.agb.clone())).or_default();
        saldi.gevorderd += claim.oorspronkelijk;
        saldi.verrekend += claim.verrekend();
        saldi.open += claim.open;
        if claim.status != ClaimStatus::Afgerekend {
            saldi.open_vorderingen += 1;
        }
    }
}
