//! The history rules: what the gemeente checks against the messages it received before
//! (TR056, TR333, TR389). TR314, TR323 and TR390 follow credits and references and live in the
//! credit overlay (`status.rs`). Every check is one pass with a map keyed per provider and
//! domain (and gemeente where the rule says so): linear in the number of lines.
//!
//! "Before" is the order the gemeente received them in: by Dagtekening, then input order.
//! Messages that count as not sent (0001, or not processed) take no number.

use crate::base::sort;
use crate::base::text::datum;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::{DeclaratieView, Issue, IssueKind, LineRef, LineStatus, Verwerking};
use crate::formats::message::{Bericht, Declaratiebericht, Domein};

/// The history checks, and for every debit line the later debit that declares the same
/// delivery again (see [`debits`]).
pub(super) fn check(berichten: &[&Bericht], views: &[DeclaratieView], issues: &mut Vec<Issue>) -> HashMap<LineRef, LineRef> {
    let mut order: Vec<&DeclaratieView> = views.iter().collect();
    let dagtekening = |v: &DeclaratieView| berichten[v.bericht].header().bericht_identificatie.dagtekening;
    crate::base::sort::by_key(&mut order, |v| (dagtekening(v), v.bericht));
    unique_numbers(berichten, &order, issues);
    debits(berichten, &order, issues)
}

/// Counts as received: the gemeente registered the message's identification (it passed the
/// XSLT and header checks).
fn counts_as_sent(view: &DeclaratieView) -> bool {
    !matches!(view.verwerking, Verwerking::TechnischAfgekeurd | Verwerking::HeaderAfgewezen { .. })
}

fn declaratie<'a>(berichten: &[&'a Bericht], view: &DeclaratieView) -> Option<&'a Declaratiebericht> {
    berichten.get(view.bericht).and_then(|b| b.as_declaratie())
}

/// TR056 (BerichtIdentificatie per message type and sender) and TR333 (DeclaratieNummer per
/// provider and domain).
fn unique_numbers(berichten: &[&Bericht], order: &[&DeclaratieView], issues: &mut Vec<Issue>) {
    type Key<'a> = (Domein, &'a str, &'a str);
    let mut identificaties: FxHashMap<Key, usize> = FxHashMap::default();
    let mut nummers: FxHashMap<Key, usize> = FxHashMap::default();
    for view in order {
        let Some(d) = declaratie(berichten, view) else { continue };
        let agb = d.header.afzender.as_str();
        let id = d.header.bericht_identificatie.identificatie.as_str();
        let nummer = d.declaratie.declaratie_nummer.as_str();
        if let Some(&first) = identificaties.get(&(d.domein, agb, id)) {
            issues.push(Issue::between(IssueKind::DubbeleBerichtIdentificatie, view.bericht, first, format!(
                    "BerichtIdentificatie {id} is al gebruikt voor een eerder bericht van AGB {agb} ({}); de gemeente wijst dit bericht af met 9056. Maak het bericht opnieuw aan met een nieuwe identificatie.",
                    describe(berichten, first)
                )));
        }
        if let Some(&first) = nummers.get(&(d.domein, agb, nummer)) {
            issues.push(Issue::between(IssueKind::DubbelDeclaratieNummer, view.bericht, first, format!(
                    "DeclaratieNummer {nummer} is al gebruikt voor een eerdere declaratie van AGB {agb} ({}); de gemeente wijst de hele declaratie af met 9333. Gebruik een nieuw declaratienummer.",
                    describe(berichten, first)
                )));
        }
        if counts_as_sent(view) {
            identificaties.entry((d.domein, agb, id)).or_insert(view.bericht);
        }
        // A declaration rejected as a whole counts as not sent (IV087): its number may be sent
        // again; flagging that would flag a message the gemeente accepts.
        if !view.verwerking.is_not_processed() {
            nummers.entry((d.domein, agb, nummer)).or_insert(view.bericht);
        }
    }
}

fn describe(berichten: &[&Bericht], index: usize) -> String {
    let id = &berichten[index].header().bericht_identificatie;
    format!("{} van {}", id.identificatie, datum(id.dagtekening))
}

/// TR389, and the successors, over the debit lines of each delivery (provider, gemeente,
/// toewijzing, product and ProductPeriode) in the order the gemeente received them: a debit
/// line for a delivery while an earlier debit for it was sent and stands (approved and not
/// credited, or not answered yet) is rejected (9389); and every debit line is succeeded by
/// the next one for the same delivery, which Te doen and the declaration view follow from a
/// rejected line to its re-declaration. Only deliveries declared more than once need looking
/// at, and [`sort::repeats`] finds those without a map of every line.
fn debits(berichten: &[&Bericht], order: &[&DeclaratieView], issues: &mut Vec<Issue>) -> HashMap<LineRef, LineRef> {
    // Every debit line as (position in `order`, line of that view), in received order.
    let mut lines: Vec<(u32, u32)> = Vec::new();
    for (o, view) in order.iter().enumerate() {
        let Some(d) = declaratie(berichten, view) else { continue };
        let debit = view.lines.iter().enumerate().filter(|(_, l)| !d.declaratie.clienten[l.client].prestaties[l.prestatie].is_credit());
        lines.extend(debit.map(|(n, _)| (o as u32, n as u32)));
    }
    let line = |i: usize| {
        let (o, n) = lines[i];
        let view = order[o as usize];
        let d = declaratie(berichten, view).expect("only declarations' lines were listed");
        let line = &view.lines[n as usize];
        let p = &d.declaratie.clienten[line.client].prestaties[line.prestatie];
        (view, d, line, p)
    };
    let mut successors = HashMap::new();
    let mut found: Vec<(usize, Issue)> = Vec::new();
    let repeated = sort::repeats(lines.len(), |i| {
        let (_, d, _, p) = line(i);
        (d.domein, d.header.afzender.as_str(), d.header.ontvanger.as_str(), p.debet_sleutel())
    });
    for delivery in repeated {
        // The latest debit line for it, and the first sent one that stands.
        let mut last: Option<LineRef> = None;
        let mut standing: Option<(LineRef, &str)> = None;
        for i in delivery {
            let (view, _, l, p) = line(i);
            let here = LineRef { bericht: view.bericht, client: l.client, prestatie: l.prestatie };
            if let Some(earlier) = last.replace(here)
                && earlier.bericht != view.bericht
            {
                successors.insert(earlier, here);
            }
            // Not processed: the gemeente never registered these lines, so they block nothing.
            if view.verwerking.is_not_processed() {
                continue;
            }
            // Lines of one message are TR416's business, not TR389's.
            if let Some((earlier, earlier_ref)) = standing.filter(|(e, _)| e.bericht != view.bericht) {
                found.push((i, double_debit(p, here, earlier, earlier_ref)));
            }
            if standing.is_none() && matches!(l.status, LineStatus::Goedgekeurd | LineStatus::WachtOpAntwoord) {
                standing = Some((here, p.referentie()));
            }
        }
    }
    // In the order of the lines, as one pass over them would have found them.
    sort::by_key(&mut found, |(i, _)| *i);
    issues.extend(found.into_iter().map(|(_, issue)| issue));
    successors
}

fn double_debit(p: &crate::formats::message::Prestatie, here: LineRef, earlier: LineRef, earlier_ref: &str) -> Issue {
    Issue::between(IssueKind::DubbeleDebet, here.bericht, earlier.bericht, format!(
        "Debetregel {} declareert toewijzing {}, product {} {} en periode {} t/m {} opnieuw, terwijl regel {earlier_ref} daarvoor al is verstuurd en niet gecrediteerd (goedgekeurd of nog zonder antwoord); de gemeente wijst hem af met 9389. Wacht het antwoord af; crediteer een goedgekeurde regel eerst (of kies 'Corrigeren').",
        p.referentie(),
        p.toewijzing_nummer,
        p.product_categorie.code(),
        p.product_code,
        datum(p.product_periode.begindatum),
        datum(p.product_periode.einddatum),
    ))
    .at(here)
}
