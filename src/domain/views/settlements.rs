//! Verrekeningen as data: the filter choices, the totals of what passes the filter, the
//! claims and the ledger rows to show (indices into the ledger, so nothing is copied).

use chrono::NaiveDate;

use crate::analysis::ledger::{Claim, ClaimStatus, LedgerRow, RijRef, Saldi};
use crate::analysis::reconcile::Verwerking;
use crate::analysis::workspace::Workspace;
use crate::base::money::Saldo;
use crate::formats::settlement::{Rij, Zorgverzekeraar};

/// What the user filters on. Empty strings mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettlementFilter {
    /// The insurer's name as shown.
    pub verzekeraar: String,
    /// `YYYY-MM` of the due date.
    pub maand: String,
    pub alleen_open: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettlementsModel {
    pub verzekeraars: Vec<Zorgverzekeraar>,
    /// Due months present, newest first.
    pub maanden: Vec<String>,
    /// Totals over the insurers that pass the filter.
    pub totaal: Saldi,
    /// Indices into `ledger.claims`.
    pub claims: Vec<usize>,
    /// Indices into `ledger.rows`.
    pub rows: Vec<usize>,
    /// Overviews imported twice (each counts once), by label.
    pub dubbel: Vec<String>,
    /// Any settlement overview is loaded.
    pub geladen: bool,
}

fn month(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

pub fn rij(workspace: &Workspace, r: RijRef) -> Option<&Rij> {
    workspace.documents.get(r.doc)?.overzicht()?.rijen.get(r.rij)
}

/// "Overzicht 12", or the file name when the overview has no sequence number.
pub(crate) fn overzicht_label(workspace: &Workspace, doc: usize) -> String {
    let Some(d) = workspace.documents.get(doc) else { return String::new() };
    match d.overzicht().and_then(|o| o.volgnummer) {
        Some(v) => format!("Overzicht {v}"),
        None => d.file.name.clone(),
    }
}

impl SettlementsModel {
    pub fn build(workspace: &Workspace, filter: &SettlementFilter) -> SettlementsModel {
        let ledger = &workspace.ledger;
        let mut verzekeraars: Vec<Zorgverzekeraar> = ledger.saldi.keys().map(|(z, _)| z.clone()).collect();
        crate::base::sort::ascending(&mut verzekeraars);
        verzekeraars.dedup();
        let mut maanden: Vec<String> = ledger.rows.iter().filter_map(|r| rij(workspace, r.rij)?.vervaldatum).map(month).collect();
        crate::base::sort::ascending(&mut maanden);
        maanden.dedup();
        maanden.reverse();
        let keep = |z: &Zorgverzekeraar| filter.verzekeraar.is_empty() || z.naam() == filter.verzekeraar;
        let mut totaal = Saldi::default();
        for ((z, _), s) in &ledger.saldi {
            if keep(z) {
                totaal += s;
            }
        }
        let is_open = |c: usize| ledger.claims.get(c).is_some_and(|c| c.status != ClaimStatus::Afgerekend);
        let claims =
            (0..ledger.claims.len()).filter(|&c| keep(&ledger.claims[c].zorgverzekeraar) && (!filter.alleen_open || is_open(c))).collect();
        let rows = (0..ledger.rows.len())
            .filter(|&i| {
                let lr = &ledger.rows[i];
                let Some(r) = rij(workspace, lr.rij) else { return false };
                keep(&r.zorgverzekeraar)
                    && (filter.maand.is_empty() || r.vervaldatum.map(month).as_deref() == Some(filter.maand.as_str()))
                    && (!filter.alleen_open || lr.claim.is_some_and(is_open))
            })
            .collect();
        let dubbel = ledger.overzichten.iter().filter(|o| o.dubbel_van.is_some()).map(|o| overzicht_label(workspace, o.doc)).collect();
        let geladen = !ledger.overzichten.is_empty();
        SettlementsModel { verzekeraars, maanden, totaal, claims, rows, dubbel, geladen }
    }
}

/// One claim as the Vorderingen table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClaimRow {
    pub verzekeraar: String,
    pub agb: String,
    pub kenmerk: String,
    pub gevorderd: Saldo,
    pub verrekend: Saldo,
    pub open: Saldo,
    pub status: ClaimStatus,
    /// "Overzicht 11: open € 250,00 → Overzicht 12: open € 90,00".
    pub verloop: String,
    /// What the insurer's reason codes on its rows mean, once each.
    pub redenen: Vec<String>,
}

/// One row of a settlement overview as the Regels table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SettlementLine {
    pub overzicht: String,
    pub regel: usize,
    pub onderwerp: String,
    pub agb: String,
    pub uw_kenmerk: String,
    pub ons_kenmerk: String,
    pub verzekeraar: String,
    pub vervaldatum: String,
    pub u_ontvangt: Option<Saldo>,
    pub u_betaalt: Option<Saldo>,
    pub toelichting: String,
    /// The explanation of the toelichting and of each reason code.
    pub uitleg: Vec<String>,
    /// The declaration it is linked to, by file id.
    pub file_id: Option<String>,
}

/// A row that could not (wholly) be read: where, why, and the text as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableRow {
    pub waar: String,
    pub ruw: String,
}

impl SettlementsModel {
    /// The selected claims, for an export of exactly what the screen shows.
    pub fn selected_claims<'a>(&self, workspace: &'a Workspace) -> Vec<&'a Claim> {
        self.claims.iter().filter_map(|&c| workspace.ledger.claims.get(c)).collect()
    }

    pub fn claim_rows(&self, workspace: &Workspace) -> Vec<ClaimRow> {
        self.claims.iter().filter_map(|&c| claim_row(workspace, workspace.ledger.claims.get(c)?)).collect()
    }

    /// The settlement rows in `range` (a page).
    pub fn rows_in(&self, workspace: &Workspace, range: std::ops::Range<usize>) -> Vec<SettlementLine> {
        let rows = &self.rows[super::paging::within(range, self.rows.len())];
        rows.iter().filter_map(|&i| settlement_line(workspace, workspace.ledger.rows.get(i)?)).collect()
    }
}

fn claim_row(workspace: &Workspace, c: &Claim) -> Option<ClaimRow> {
    let verloop = c.historie.iter().map(|(r, open)| format!("{}: open {}", overzicht_label(workspace, r.doc), Saldo(*open)));
    let redenen: std::collections::BTreeSet<String> = c
        .historie
        .iter()
        .filter_map(|(r, _)| rij(workspace, *r))
        .flat_map(|r| r.redencodes())
        .map(|(_, uitleg)| uitleg.to_string())
        .collect();
    Some(ClaimRow {
        verzekeraar: c.zorgverzekeraar.naam(),
        agb: c.agb.clone(),
        kenmerk: c.kenmerk.clone(),
        gevorderd: Saldo(c.oorspronkelijk),
        verrekend: Saldo(c.verrekend()),
        open: Saldo(c.open),
        status: c.status,
        verloop: verloop.collect::<Vec<_>>().join(" → "),
        redenen: redenen.into_iter().collect(),
    })
}

fn settlement_line(workspace: &Workspace, lr: &LedgerRow) -> Option<SettlementLine> {
    let r = rij(workspace, lr.rij)?;
    let uitleg = r.toelichting.uitleg().into_iter().chain(r.redencodes().into_iter().map(|(_, u)| u)).map(str::to_string).collect();
    Some(SettlementLine {
        overzicht: overzicht_label(workspace, lr.rij.doc),
        regel: r.regel,
        onderwerp: r.onderwerp.label(),
        agb: r.agb.clone(),
        uw_kenmerk: r.uw_kenmerk.clone(),
        ons_kenmerk: r.ons_kenmerk.clone(),
        verzekeraar: r.zorgverzekeraar.naam(),
        vervaldatum: r.vervaldatum.map(crate::base::text::datum).unwrap_or_default(),
        u_ontvangt: r.u_ontvangt.map(Saldo),
        u_betaalt: r.u_betaalt.map(Saldo),
        toelichting: r.toelichting.label(),
        uitleg,
        file_id: lr.declaratie.and_then(|b| workspace.document(b)).map(|d| d.file.id.clone()),
    })
}

/// The rows that could not (wholly) be read, by file and row.
pub fn unreadable_rows(workspace: &Workspace) -> Vec<UnreadableRow> {
    let rows = workspace.ledger.onleesbaar.iter().filter_map(|r| {
        let row = rij(workspace, *r)?;
        let file = workspace.documents.get(r.doc).map(|d| d.file.name.clone()).unwrap_or_default();
        Some(UnreadableRow { waar: format!("{file}, regel {}: {}", row.regel, row.fouten.join("; ")), ruw: row.ruw.clone() })
    });
    rows.collect()
}

/// The declarations no overview settles: (file id, DeclaratieNummer). Only what can be paid
/// counts: a credit message is offset, not paid, and a message that is not uploaded yet or was
/// not processed has no claim to settle.
pub fn without_settlement(workspace: &Workspace) -> Vec<(String, String)> {
    let payable = |b: usize| {
        workspace.reconciliation.declaratie(b).is_none_or(|v| v.verwerking != Verwerking::NogUploaden && !v.verwerking.is_not_processed())
    };
    let declarations = workspace.ledger.zonder_verrekening.iter().filter(|&&b| payable(b)).filter_map(|&b| {
        let d = workspace.bericht(b)?.as_declaratie()?;
        if d.declaratie.totaal_ingediend_bedrag.debet_credit.is_credit() {
            return None;
        }
        Some((workspace.document(b)?.file.id.clone(), d.declaratie.declaratie_nummer.to_string()))
    });
    declarations.collect()
}

/// A settlement row whose "Uw kenmerk" names no loaded declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlinkedRow {
    pub kenmerk: String,
    /// "Overzicht 12, regel 4".
    pub waar: String,
    pub bedrag: Saldo,
}

/// The rows the ledger could not link, so the user sees which declarations to import.
pub fn unlinked_rows(workspace: &Workspace) -> Vec<UnlinkedRow> {
    let rows = workspace.ledger.ongekoppeld.iter().filter_map(|&r| {
        let row = rij(workspace, r)?;
        Some(UnlinkedRow {
            kenmerk: row.uw_kenmerk.clone(),
            waar: format!("{}, regel {}", overzicht_label(workspace, r.doc), row.regel),
            bedrag: Saldo(row.u_ontvangt.unwrap_or(0) - row.u_betaalt.unwrap_or(0)),
        })
    });
    rows.collect()
}
