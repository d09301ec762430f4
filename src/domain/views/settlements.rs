//! Verrekeningen as data: the filter choices, the totals of what passes the filter, the
//! claims and the ledger rows to show (indices into the ledger, so nothing is copied).

use chrono::NaiveDate;

use crate::analysis::ledger::{ClaimStatus, RijRef, Saldi};
use crate::analysis::workspace::Workspace;
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
}

fn month(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

pub fn rij(workspace: &Workspace, r: RijRef) -> Option<&Rij> {
    workspace.documents.get(r.doc)?.overzicht()?.rijen.get(r.rij)
}

/// "Overzicht 12", or the file name when the overview has no sequence number.
pub fn overzicht_label(workspace: &Workspace, doc: usize) -> String {
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
        SettlementsModel { verzekeraars, maanden, totaal, claims, rows, dubbel }
    }
}
