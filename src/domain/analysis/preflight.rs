//! Before Kloppend writes a 323 of its own (a credit, correction, re-declaration or a monthly
//! declaration): what the gemeente would reject in it, seen against the whole archive — the
//! history rules (TR314, TR323, TR389, TR390, …), the toewijzingen and the contract tariffs —
//! and the last period already sent to that gemeente (IV090).

use chrono::NaiveDate;

use crate::analysis::reconcile::{Issue, Reconciliation, reconcile};
use crate::analysis::toewijzing::{self, Register};
use crate::diagnostics::rules::Consequence;
use crate::formats::message::{Bericht, Domein, Periode};
use crate::formats::tarieven::Tarieven;

/// The issues of `nieuw` (not in `berichten`) that the gemeente would reject.
pub fn rejected(
    berichten: &[&Bericht],
    nieuw: &Bericht,
    dagtekening: NaiveDate,
    toewijzingen: &Register,
    tarieven: &[&Tarieven],
) -> Vec<Issue> {
    let mut all: Vec<&Bericht> = berichten.to_vec();
    all.push(nieuw);
    let index = all.len() - 1;
    let reconciled = reconcile(&all, dagtekening);
    let mut verdicts = toewijzing::check(&all, &reconciled.declaraties, toewijzingen);
    verdicts.extend(toewijzing::contract::check(&all, &reconciled.declaraties, tarieven));
    reconciled
        .issues
        .into_iter()
        .chain(verdicts)
        .filter(|i| i.bericht == index && matches!(i.kind.gevolg(), Consequence::Rejected(_)))
        .collect()
}

/// The latest DeclaratiePeriode of a message that counts as sent from `agb` to `gemeente`.
pub(crate) fn laatste_periode(berichten: &[&Bericht], r: &Reconciliation, domein: Domein, agb: &str, gemeente: &str) -> Option<Periode> {
    r.declaraties
        .iter()
        .filter(|v| !v.verwerking.is_not_processed())
        .filter_map(|v| berichten.get(v.bericht).and_then(|b| b.as_declaratie()))
        .filter(|d| d.domein == domein && d.header.afzender == agb && d.header.ontvanger == gemeente)
        .map(|d| d.declaratie.declaratie_periode)
        .max_by_key(|p| p.begindatum)
}
