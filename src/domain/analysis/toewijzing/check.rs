//! The T rules: a 323 line against the toewijzing it names (the register's current version).
//!
//! Only lines the gemeente has not answered yet get a verdict (an answered line's fate is in
//! its 325, and flagging what the gemeente accepted would break Kloppend's promise); volume and
//! budget sums (TR322, TR369) count every line that was sent and not rejected, minus credits.
//! A gemeente of which no 301 is loaded gets no verdict at all; a toewijzing missing from the
//! loaded 301s of its gemeente gets one warning per declaration, never an error.

use std::collections::HashMap;

use super::maxima;
use super::register::{Key, Register, Toewijzing};
use crate::analysis::reconcile::{DeclaratieView, Issue, IssueKind, LineRef, LineStatus};
use crate::base::calendar::{first_of_month, last_of_month};
use crate::base::money::Saldo;
use crate::base::text::{count, datum};
use crate::diagnostics::findings::{Finding, Scope};
use crate::diagnostics::rules::Rule;
use crate::formats::message::codes::volume_in_words;
use crate::formats::message::{Bericht, Declaratiebericht, Eenheid, Prestatie, identity::mask_bsn};
use crate::formats::toewijzing::ToegewezenProduct;

/// The T-rule issues of every declaration, in input order.
pub fn check(berichten: &[&Bericht], views: &[DeclaratieView], register: &Register) -> Vec<Issue> {
    let mut issues = Vec::new();
    if register.is_empty() {
        return issues;
    }
    let mut sums: HashMap<Key, Sums> = HashMap::new();
    for view in views {
        let Some(declaratie) = berichten.get(view.bericht).and_then(|b| b.as_declaratie()) else { continue };
        if !register.knows_gemeente(&declaratie.header.ontvanger, declaratie.domein) {
            continue;
        }
        let toewijzingen = register.of(&declaratie.header.ontvanger, declaratie.domein);
        let mut unknown = Vec::new();
        for line in &view.lines {
            let Some(prestatie) = declaratie.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else {
                continue;
            };
            let at = LineRef { bericht: view.bericht, client: line.client, prestatie: line.prestatie };
            let Some(toewijzing) = toewijzingen.get(prestatie.toewijzing_nummer) else {
                if line.status == LineStatus::WachtOpAntwoord && !prestatie.is_credit() {
                    unknown.push(prestatie.toewijzing_nummer);
                }
                continue;
            };
            let counted = counts(line.status, prestatie);
            let sum = sums.entry(toewijzing.key.clone()).or_default();
            sum.add(prestatie, counted);
            if line.status != LineStatus::WachtOpAntwoord || prestatie.is_credit() {
                continue;
            }
            let bsn = &declaratie.declaratie.clienten[line.client].bsn;
            for (rule, message) in line_verdicts(declaratie, bsn, prestatie, toewijzing, sum) {
                issues.push(Issue::of(IssueKind::Toewijzing(rule), view.bericht, message).at(at));
            }
        }
        if !unknown.is_empty() {
            crate::base::sort::ascending(&mut unknown);
            unknown.dedup();
            let shown: Vec<String> = unknown.iter().take(5).map(|n| n.to_string()).collect();
            issues.push(Issue::of(IssueKind::GeenToewijzing, view.bericht, format!(
                    "Geen toewijzing bekend voor {} ({}{}) in de geladen 301-berichten van deze gemeente. Laad de 301 met die toewijzing, of controleer het ToewijzingNummer: de gemeente wijst een regel zonder toewijzing af met 9338.",
                    count(unknown.len(), "toewijzingnummer", "toewijzingnummers"),
                    shown.join(", "),
                    if unknown.len() > 5 { ", …" } else { "" }
                )));
        }
    }
    issues
}

/// Whether a line counts towards the toewijzing's volume: +1 a sent debit not rejected, −1 a
/// sent credit not rejected, 0 otherwise.
fn counts(status: LineStatus, prestatie: &Prestatie) -> i64 {
    let sent =
        matches!(status, LineStatus::WachtOpAntwoord | LineStatus::Goedgekeurd | LineStatus::CreditIngediend | LineStatus::Gecrediteerd);
    match (sent, prestatie.is_credit()) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => -1,
    }
}

/// Running totals per toewijzing, in the toewijzing's unit (minutes under an hourly one are
/// kept as minutes and compared × 60).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Sums {
    /// In minutes when the lines are hours or minutes, else in the line's unit.
    volume: i64,
    /// Σ GeleverdVolume as TR369 sums it.
    geleverd: i64,
}

impl Sums {
    /// Count one line of the toewijzing as TR322 counts it (see [`counts`]).
    pub(crate) fn count(&mut self, status: LineStatus, prestatie: &Prestatie) {
        self.add(prestatie, counts(status, prestatie));
    }

    /// Nothing is left of the toewijzing over its whole duration: one more line is 9322.
    pub(crate) fn used_up(&self, product: &ToegewezenProduct) -> bool {
        let (Some(omvang), Some(max)) = (product.omvang.as_ref(), maxima::totaal(product)) else { return false };
        self.volume >= in_minutes_if_hours(max, &omvang.eenheid) as i64
    }

    fn add(&mut self, prestatie: &Prestatie, sign: i64) {
        let v = prestatie.geleverd_volume.min(i64::MAX as u64) as i64;
        let scaled = if prestatie.eenheid == Eenheid::Uur { v.saturating_mul(60) } else { v };
        self.volume = self.volume.saturating_add(sign * scaled);
        self.geleverd = self.geleverd.saturating_add(sign * v);
    }
}

/// A volume in the toewijzing's unit, as minutes when it is hours (so minute lines compare).
fn in_minutes_if_hours(volume: u64, eenheid: &Eenheid) -> u64 {
    if *eenheid == Eenheid::Uur { volume.saturating_mul(60) } else { volume }
}

/// Every T rule this line breaks, with what the toewijzing says and what to do.
fn line_verdicts(declaratie: &Declaratiebericht, bsn: &str, p: &Prestatie, t: &Toewijzing, sum: &Sums) -> Vec<(Rule, String)> {
    let version = t.current();
    let tw = &version.product;
    let regel = format!("Regel {} (toewijzing {})", p.referentie(), tw.toewijzing_nummer);
    if tw.is_verwijderd() {
        return vec![(
            Rule::TR384,
            format!(
                "{regel}: de gemeente heeft deze toewijzing verwijderd (RedenWijziging 13). Declareer hier niet op; vraag de gemeente welke toewijzing geldt."
            ),
        )];
    }
    if tw.is_vervallen() {
        return vec![(
            Rule::TR338,
            format!("{regel}: deze toewijzing is vervallen (administratieve correctie). Vraag de gemeente welke toewijzing geldt."),
        )];
    }
    let mut out = Vec::new();
    if version.bsn != bsn {
        out.push((
            Rule::TR304,
            format!(
                "{regel}: de toewijzing hoort bij BSN {}, de regel staat bij BSN {}. Zet de regel bij de juiste cliënt.",
                mask_bsn(&version.bsn),
                mask_bsn(bsn)
            ),
        ));
    }
    periode_verdicts(&regel, p, tw, &mut out);
    product_verdicts(&regel, p, tw, &mut out);
    volume_verdicts(&regel, declaratie, p, tw, sum, &mut out);
    out
}

fn periode_verdicts(regel: &str, p: &Prestatie, tw: &ToegewezenProduct, out: &mut Vec<(Rule, String)>) {
    let periode = &p.product_periode;
    let begins_early = periode.begindatum < tw.ingangsdatum;
    let ends_late = tw.einddatum.is_some_and(|e| periode.einddatum > e);
    if begins_early {
        out.push((
            Rule::TR307,
            format!(
                "{regel}: de periode begint op {}, vóór de ingangsdatum van de toewijzing ({}). Laat de periode op {} beginnen.",
                datum(periode.begindatum),
                datum(tw.ingangsdatum),
                datum(tw.ingangsdatum.max(first_of_month(periode.begindatum)))
            ),
        ));
    }
    if let Some(eind) = tw.einddatum.filter(|_| ends_late) {
        out.push((Rule::TR308, format!("{regel}: de periode eindigt op {}, na de einddatum van de toewijzing ({}). Declareer alleen tot en met {}; crediteer wat al verstuurd is na die datum.", datum(periode.einddatum), datum(eind), datum(eind))));
    }
    // IV089: the calendar month clipped to the toewijzing.
    let begin = first_of_month(periode.begindatum).max(tw.ingangsdatum);
    if !begins_early && periode.begindatum != begin && begin <= periode.einddatum {
        out.push((Rule::TR387, format!("{regel}: de periode begint op {}; volgens de toewijzing hoort die op {} te beginnen (de 1e van de maand, of de ingangsdatum als die later in de maand valt).", datum(periode.begindatum), datum(begin))));
    }
    let end = match tw.einddatum {
        Some(e) => last_of_month(periode.einddatum).min(e),
        None => last_of_month(periode.einddatum),
    };
    if !ends_late && periode.einddatum != end && end >= periode.begindatum {
        out.push((Rule::TR388, format!("{regel}: de periode eindigt op {}; volgens de toewijzing hoort die op {} te eindigen (de laatste dag van de maand, of de einddatum als die eerder in de maand valt).", datum(periode.einddatum), datum(end))));
    }
}

fn product_verdicts(regel: &str, p: &Prestatie, tw: &ToegewezenProduct, out: &mut Vec<(Rule, String)>) {
    if let Some(product) = &tw.product {
        if product.categorie != p.product_categorie {
            out.push((
                Rule::TR339,
                format!(
                    "{regel}: productcategorie {} is niet de toegewezen categorie {}. Declareer de toegewezen categorie.",
                    p.product_categorie.code(),
                    product.categorie.code()
                ),
            ));
        }
        if let Some(code) = product.code.as_ref().filter(|c| **c != p.product_code) {
            out.push((
                Rule::TR340,
                format!("{regel}: productcode {} is niet de toegewezen productcode {code}. Declareer de toegewezen code.", p.product_code),
            ));
        }
    }
    if let Some(omvang) = &tw.omvang {
        let minutes_under_hours = omvang.eenheid == Eenheid::Uur && p.eenheid == Eenheid::Minuut;
        if omvang.eenheid != p.eenheid && !minutes_under_hours {
            out.push((Rule::TR341, format!("{regel}: eenheid {} is niet de toegewezen eenheid {} (minuten onder een toewijzing in uren mag wel). Declareer in de toegewezen eenheid.", p.eenheid.omschrijving(), omvang.eenheid.omschrijving())));
        }
    }
}

fn volume_verdicts(
    regel: &str,
    declaratie: &Declaratiebericht,
    p: &Prestatie,
    tw: &ToegewezenProduct,
    sum: &Sums,
    out: &mut Vec<(Rule, String)>,
) {
    let Some(omvang) = &tw.omvang else {
        if let Some(budget) = tw.budget
            && sum.geleverd > budget.min(i64::MAX as u64) as i64
        {
            out.push((Rule::TR369, format!("{regel}: samen met de eerder verstuurde regels is {} gedeclareerd, meer dan het budget van de toewijzing ({}). Declareer niet meer dan het budget.", Saldo(sum.geleverd), Saldo(budget.min(i64::MAX as u64) as i64))));
        }
        return;
    };
    // Lines in minutes under an hourly toewijzing compare × 60; other unit mismatches are TR341.
    let comparable = omvang.eenheid == p.eenheid || omvang.eenheid == Eenheid::Uur && p.eenheid == Eenheid::Minuut;
    if !comparable {
        return;
    }
    let scale_line = |v: u64| if omvang.eenheid == Eenheid::Uur && p.eenheid == Eenheid::Uur { v.saturating_mul(60) } else { v };
    let line = if omvang.eenheid == Eenheid::Uur { scale_line(p.geleverd_volume) } else { p.geleverd_volume };
    if let Some(max) = maxima::per_periode(declaratie.domein, tw, &p.product_periode) {
        let limit = in_minutes_if_hours(max, &omvang.eenheid);
        if line > limit {
            out.push((Rule::TR321, format!("{regel}: {} gedeclareerd, meer dan de toewijzing voor deze periode toestaat ({} {} {}: hier ten hoogste {}). Declareer niet meer dan het maximum.", volume_text(p.geleverd_volume, &p.eenheid), omvang.volume, omvang.eenheid.omschrijving(), omvang.frequentie.omschrijving(), volume_text(max, &omvang.eenheid))));
        }
    }
    if let Some(max) = maxima::totaal(tw) {
        let limit = in_minutes_if_hours(max, &omvang.eenheid) as i64;
        if sum.volume > limit {
            let total = if omvang.eenheid == Eenheid::Uur { format!("{} minuten", sum.volume) } else { sum.volume.to_string() };
            out.push((Rule::TR322, format!("{regel}: samen met de eerder verstuurde regels is {total} gedeclareerd, meer dan de hele toewijzing toestaat ({}). Declareer alleen wat er nog over is.", volume_text(max, &omvang.eenheid))));
        }
    }
}

fn volume_text(volume: u64, eenheid: &Eenheid) -> String {
    volume_in_words(volume, eenheid.clone())
}

/// True when a single-message warning about a broken month (TR387/TR388: "only right if the
/// toewijzing starts or ends that day") is answered by the toewijzing: its current version
/// starts or ends exactly where the line's ProductPeriode does (IV089), so the gemeente
/// accepts it and the warning would flag a correct line.
pub(crate) fn confirms_partial_month(register: &Register, declaratie: &Declaratiebericht, finding: &Finding) -> bool {
    if !matches!(finding.rule, Rule::TR387 | Rule::TR388) {
        return false;
    }
    let Scope::Prestatie { client, prestatie } = finding.path.scope else { return false };
    let Some(p) = declaratie.declaratie.clienten.get(client).and_then(|c| c.prestaties.get(prestatie)) else { return false };
    let Some(t) = register.get(&declaratie.header.ontvanger, declaratie.domein, p.toewijzing_nummer) else { return false };
    let tw = &t.current().product;
    if tw.is_vervallen() {
        return false;
    }
    let periode = &p.product_periode;
    match finding.rule {
        Rule::TR387 => {
            periode.begindatum == first_of_month(periode.begindatum).max(tw.ingangsdatum) && periode.begindatum >= tw.ingangsdatum
        }
        _ => tw.einddatum.is_some_and(|e| periode.einddatum == e),
    }
}
