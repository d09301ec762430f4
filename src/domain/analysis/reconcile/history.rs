//! The history rules: what the gemeente checks against the messages it received before
//! (TR056, TR333, TR389). TR314, TR323 and TR390 follow credits and references and live in the
//! credit overlay (`status.rs`). Every check is one pass with a map keyed per provider and
//! domain (and gemeente where the rule says so): linear in the number of lines.
//!
//! "Before" is the order the gemeente received them in: by Dagtekening, then input order.
//! Messages that count as not sent (0001, or not processed) take no number.

use crate::base::text::datum;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::{DeclaratieView, Issue, IssueKind, LineRef, LineStatus, Verwerking};
use crate::formats::message::{Bericht, DebetSleutel, Declaratiebericht, Domein};

pub(super) fn check(berichten: &[&Bericht], views: &[DeclaratieView], issues: &mut Vec<Issue>) {
    let mut order: Vec<&DeclaratieView> = views.iter().collect();
    let dagtekening = |v: &DeclaratieView| berichten[v.bericht].header().bericht_identificatie.dagtekening;
    crate::base::sort::by_key(&mut order, |v| (dagtekening(v), v.bericht));
    unique_numbers(berichten, &order, issues);
    double_debits(berichten, &order, issues);
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

/// TR389: a debit line for a toewijzing, product and ProductPeriode while an earlier debit
/// for the same was sent and stands: approved and not credited, or not answered yet.
fn double_debits(berichten: &[&Bericht], order: &[&DeclaratieView], issues: &mut Vec<Issue>) {
    type Key<'a> = (Domein, &'a str, &'a str, DebetSleutel<'a>);
    let lines: usize = order.iter().map(|v| v.lines.len()).sum();
    let mut approved: FxHashMap<Key, (LineRef, &str)> = FxHashMap::with_capacity_and_hasher(lines, Default::default());
    for view in order {
        let Some(d) = declaratie(berichten, view) else { continue };
        if view.verwerking.is_not_processed() {
            continue;
        }
        let mut new_approved = Vec::new();
        for line in &view.lines {
            let p = &d.declaratie.clienten[line.client].prestaties[line.prestatie];
            if p.is_credit() {
                continue;
            }
            let key: Key = (d.domein, &d.header.afzender, &d.header.ontvanger, p.debet_sleutel());
            let here = LineRef { bericht: view.bericht, client: line.client, prestatie: line.prestatie };
            if let Some((earlier, earlier_ref)) = approved.get(&key) {
                issues.push(Issue::between(IssueKind::DubbeleDebet, view.bericht, earlier.bericht, format!(
                        "Debetregel {} declareert toewijzing {}, product {} {} en periode {} t/m {} opnieuw, terwijl regel {earlier_ref} daarvoor al is verstuurd en niet gecrediteerd (goedgekeurd of nog zonder antwoord); de gemeente wijst hem af met 9389. Wacht het antwoord af; crediteer een goedgekeurde regel eerst (of kies 'Corrigeren').",
                        p.referentie(),
                        p.toewijzing_nummer,
                        p.product_categorie.code(),
                        p.product_code,
                        datum(p.product_periode.begindatum),
                        datum(p.product_periode.einddatum),
                    )).at(here));
            }
            // A sent line that stands blocks: approved (not credited, no credit under way) or
            // still unanswered (TR389 counts every sent debit the gemeente did not reject).
            if matches!(line.status, LineStatus::Goedgekeurd | LineStatus::WachtOpAntwoord) {
                new_approved.push((key, (here, p.referentie())));
            }
        }
        // Lines of one message are TR416's business, not TR389's: add them after the message.
        for (key, value) in new_approved {
            approved.entry(key).or_insert(value);
        }
    }
}

/// For every debit line: the later debit that declares the same delivery again, if any.
/// "Later" is the order the gemeente received them in (Dagtekening, then input order), as
/// for TR389; Te doen and the declaration view follow a rejected line to its re-declaration.
pub fn successors(berichten: &[&Bericht], views: &[DeclaratieView]) -> HashMap<LineRef, LineRef> {
    type Key<'a> = (Domein, &'a str, &'a str, DebetSleutel<'a>);
    let mut order: Vec<(&Declaratiebericht, usize)> =
        views.iter().filter_map(|v| declaratie(berichten, v).map(|d| (d, v.bericht))).collect();
    crate::base::sort::by_key(&mut order, |(d, i)| (d.header.bericht_identificatie.dagtekening, *i));
    let mut last: FxHashMap<Key, LineRef> = FxHashMap::default();
    let mut out = HashMap::new();
    for (d, bericht) in order {
        for (client, c) in d.declaratie.clienten.iter().enumerate() {
            for (prestatie, p) in c.prestaties.iter().enumerate() {
                if p.is_credit() {
                    continue;
                }
                let here = LineRef { bericht, client, prestatie };
                let key: Key = (d.domein, &d.header.afzender, &d.header.ontvanger, p.debet_sleutel());
                if let Some(earlier) = last.insert(key, here)
                    && earlier.bericht != bericht
                {
                    out.insert(earlier, here);
                }
            }
        }
    }
    out
}
