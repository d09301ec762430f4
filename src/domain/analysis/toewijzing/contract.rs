//! TR418: a line's ProductTarief against the contract tariff for its gemeente, product code
//! and date (the tariff files in the archive; a later file overrides an earlier one for the
//! same product). Minutes declared under an hourly tariff must carry the hourly tariff / 60,
//! rounded half up (IV081). Without a known tariff nothing is said; only lines without an
//! answer get a verdict, as with the other T rules.

use crate::analysis::reconcile::{DeclaratieView, Issue, IssueKind, LineRef, LineStatus};
use crate::base::money::format_cents;
use crate::base::tarief::minuut_tarief;
use crate::diagnostics::rules::Rule;
use crate::formats::message::{Bericht, Eenheid, Prestatie};
use crate::formats::tarieven::{TariefRij, Tarieven};

/// The contract tariff for a line: the last matching row of the last file that has one.
pub(crate) fn contract_tarief<'a>(tables: &[&'a Tarieven], gemeente: &str, p: &Prestatie) -> Option<&'a TariefRij> {
    let date = p.product_periode.begindatum;
    let unit_fits = |r: &TariefRij| r.eenheid == p.eenheid || r.eenheid == Eenheid::Uur && p.eenheid == Eenheid::Minuut;
    tables.iter().rev().find_map(|t| {
        t.rijen.iter().rev().find(|r| r.gemeente == gemeente && r.product_code == p.product_code && r.geldt_op(date) && unit_fits(r))
    })
}

/// What ProductTarief the contract asks for on this line.
pub fn expected(r: &TariefRij, p: &Prestatie) -> u64 {
    if r.eenheid == Eenheid::Uur && p.eenheid == Eenheid::Minuut { minuut_tarief(r.tarief) } else { r.tarief }
}

pub fn check(berichten: &[&Bericht], views: &[DeclaratieView], tables: &[&Tarieven]) -> Vec<Issue> {
    let mut issues = Vec::new();
    if tables.iter().all(|t| t.rijen.is_empty()) {
        return issues;
    }
    for view in views {
        let Some(d) = berichten.get(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
        for line in view.lines.iter().filter(|l| l.status == LineStatus::WachtOpAntwoord) {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            let (Some(tarief), false) = (p.product_tarief, p.is_credit()) else { continue };
            let Some(contract) = contract_tarief(tables, &d.header.ontvanger, p) else { continue };
            let want = expected(contract, p);
            if tarief != want {
                let per = if contract.eenheid != p.eenheid { " per minuut (uurtarief / 60, IV081)" } else { "" };
                issues.push(Issue::of(IssueKind::Toewijzing(Rule::TR418), view.bericht, format!(
                        "Regel {}: tarief € {} wijkt af van het contracttarief voor {} (€ {}{per}, tarievenbestand regel {}). Declareer met het contracttarief, of pas het tarief in je tarieven aan als het contract is gewijzigd.",
                        p.referentie(),
                        format_cents(tarief),
                        p.product_code,
                        format_cents(want),
                        contract.regel
                    )).at(LineRef { bericht: view.bericht, client: line.client, prestatie: line.prestatie }));
            }
        }
    }
    issues
}
