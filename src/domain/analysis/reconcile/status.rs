//! Line and declaration statuses, the TR342/TR367/TR376 checks, and the credit overlay that
//! follows VorigReferentieNummer from credit lines to their originals across messages.

use crate::base::text::datum;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use super::link::Links;
use super::{Bedragen, DeclaratieView, Issue, IssueKind, LineRef, LineStatus, LineView, Reconciliation, SomControle, Verwerking};
use crate::base::calendar::add_working_days;
use crate::base::money::Saldo;
use crate::base::sort;
use crate::formats::message::{Antwoordbericht, Bericht, DeclaratieAntwoord, Declaratiebericht, Domein, Prestatie, RetourCode};
use crate::reference::retourcodes::Betekenis;

/// The answer term: 10 working days after the DeclaratieDagtekening (OP090x4).
pub const ANTWOORDTERMIJN_WERKDAGEN: u32 = 10;

pub(super) fn assess(berichten: &[&Bericht], links: &Links, today: NaiveDate) -> Reconciliation {
    let mut issues = Vec::new();
    let mut views = Vec::new();
    for (i, bericht) in berichten.iter().enumerate() {
        let Bericht::Declaratie(d) = bericht else { continue };
        let answer =
            links.answers.get(&i).and_then(|(primary, extras)| berichten[*primary].as_antwoord().map(|a| (*primary, a, extras.clone())));
        views.push(assess_declaratie(i, d, answer, today, &mut issues));
    }
    credit_overlay(berichten, &mut views, &mut issues);
    Reconciliation { declaraties: views, issues, ..Default::default() }
}

/// A declaration and its (primary) answer, by index into the input.
#[derive(Clone, Copy)]
struct Pair {
    declaratie: usize,
    antwoord: usize,
}

fn assess_declaratie(
    index: usize,
    d: &Declaratiebericht,
    answer: Option<(usize, &Antwoordbericht, Vec<usize>)>,
    today: NaiveDate,
    issues: &mut Vec<Issue>,
) -> DeclaratieView {
    let mut view = DeclaratieView {
        bericht: index,
        bericht_type: d.bericht_type(),
        antwoord: None,
        extra_antwoorden: Vec::new(),
        verwerking: Verwerking::Beoordeeld,
        bedragen: Bedragen { ingediend: d.declaratie.totaal_ingediend_bedrag.saldo(), ..Default::default() },
        som_controle: None,
        lines: Vec::new(),
        creditberichten: Vec::new(),
    };
    let Some((antwoord_index, antwoord, extras)) = answer else {
        return unanswered(view, d, today, issues);
    };
    view.antwoord = Some(antwoord_index);
    view.extra_antwoorden = extras;
    let pair = Pair { declaratie: index, antwoord: antwoord_index };
    check_xsd_versie(pair, d, antwoord, issues);

    let technisch = antwoord.header.retour_codes.iter().any(|c| c.betekenis() == Betekenis::TechnischAfgekeurd);
    let header_codes: Vec<RetourCode> = antwoord.header.retour_codes.iter().filter(|c| c.rejects()).cloned().collect();
    let Some(da) = antwoord.declaratie_antwoord.as_ref().filter(|_| !technisch) else {
        // IV087/IV088: header only. 0001 is a technical rejection; another header code
        // (9056, S300, …) names the reason. Either way nothing was processed.
        let verwerking = if technisch || header_codes.is_empty() {
            Verwerking::TechnischAfgekeurd
        } else {
            Verwerking::HeaderAfgewezen { codes: header_codes.clone() }
        };
        return not_processed(view, d, verwerking, &header_codes);
    };
    if da.declaratie_nummer != d.declaratie.declaratie_nummer {
        issues.push(Issue::between(
            IssueKind::DeclaratieNummerWijktAf,
            pair.antwoord,
            pair.declaratie,
            format!("Het antwoord noemt declaratienummer {}, de declaratie heeft {}", da.declaratie_nummer, d.declaratie.declaratie_nummer),
        ));
    }
    let afwijzing: Vec<RetourCode> = da.retour_codes.iter().filter(|c| c.rejects()).cloned().collect();
    if !afwijzing.is_empty() {
        return not_processed(view, d, Verwerking::GeheelAfgewezen { codes: afwijzing.clone() }, &afwijzing);
    }
    // Assessed: approved unless listed.
    view.lines = all_lines(d, LineStatus::Goedgekeurd);
    let rejected = mark_rejected(pair, d, da, &mut view.lines, issues);
    check_sums(pair, d, da, rejected, &mut view, issues);
    view
}

/// Every line of `d`, all with one status and no codes.
fn all_lines(d: &Declaratiebericht, status: LineStatus) -> Vec<LineView> {
    let lines = d.declaratie.clienten.iter().enumerate().flat_map(|(c, client)| {
        (0..client.prestaties.len()).map(move |p| LineView {
            client: c,
            prestatie: p,
            status,
            codes: Vec::new(),
            gecrediteerd_door: None,
            crediteert: None,
        })
    });
    lines.collect()
}

/// No answer yet: waiting, or late after the answer term (OP090x4).
fn unanswered(mut view: DeclaratieView, d: &Declaratiebericht, today: NaiveDate, issues: &mut Vec<Issue>) -> DeclaratieView {
    let uiterlijk = add_working_days(d.declaratie.declaratie_dagtekening, ANTWOORDTERMIJN_WERKDAGEN);
    view.verwerking = if today > uiterlijk {
        issues.push(Issue::of(
            IssueKind::AntwoordTeLaat,
            view.bericht,
            format!(
                "Declaratie {} van {} heeft nog geen antwoord; de gemeente had uiterlijk {} moeten antwoorden. Neem contact op met de gemeente.",
                d.declaratie.declaratie_nummer,
                datum(d.declaratie.declaratie_dagtekening),
                datum(uiterlijk)
            ),
        ));
        Verwerking::AntwoordTeLaat { uiterlijk }
    } else {
        Verwerking::WachtOpAntwoord { uiterlijk }
    };
    view.bedragen.set_pending(view.bedragen.ingediend);
    view.lines = all_lines(d, LineStatus::WachtOpAntwoord);
    view
}

/// Nothing of the message was processed: every line carries the codes that say why.
fn not_processed(mut view: DeclaratieView, d: &Declaratiebericht, verwerking: Verwerking, codes: &[RetourCode]) -> DeclaratieView {
    view.verwerking = verwerking;
    view.bedragen.niet_verwerkt = view.bedragen.ingediend;
    view.lines = all_lines(d, LineStatus::NietVerwerkt);
    for line in &mut view.lines {
        line.codes = codes.to_vec();
    }
    view
}

/// TR371: the answer names the XSD versions of the declaration it answers.
fn check_xsd_versie(pair: Pair, d: &Declaratiebericht, antwoord: &Antwoordbericht, issues: &mut Vec<Issue>) {
    let (ons, hun) = (&d.header.xsd_versie, &antwoord.header.xsd_versie_declaratie);
    if ons != hun {
        issues.push(Issue::between(IssueKind::XsdVersieWijktAf, pair.antwoord, pair.declaratie, format!(
            "Het antwoord noemt XSD-versie {} / {} voor de declaratie, maar de declaratie heeft {} / {}; vraag de gemeente of zij het juiste bestand heeft beoordeeld",
            hun.basisschema_xsd_versie, hun.bericht_xsd_versie, ons.basisschema_xsd_versie, ons.bericht_xsd_versie
        )));
    }
}

/// The sums of the rejected lines: as the answer echoes them, and as the 323 has them.
#[derive(Default)]
struct Rejected {
    echoed: Saldo,
    declared: Saldo,
}

/// Marks the lines the answer lists (TR366 for one it does not have, TR367 for an echo that
/// differs), with the client's codes added to each line's.
fn mark_rejected(pair: Pair, d: &Declaratiebericht, da: &DeclaratieAntwoord, lines: &mut [LineView], issues: &mut Vec<Issue>) -> Rejected {
    let mut rejected = Rejected::default();
    if da.clienten.is_empty() {
        return rejected;
    }
    let mut position: FxHashMap<&str, usize> = FxHashMap::with_capacity_and_hasher(lines.len(), Default::default());
    for (n, p) in d.declaratie.clienten.iter().flat_map(|c| &c.prestaties).enumerate() {
        position.insert(p.referentie(), n);
    }
    for (c, client) in da.clienten.iter().enumerate() {
        let client_codes: Vec<RetourCode> = client.retour_codes.iter().filter(|code| code.rejects()).cloned().collect();
        for (p, pa) in client.prestaties.iter().enumerate() {
            rejected.echoed += pa.prestatie.ingediend_bedrag.saldo();
            let Some(&n) = position.get(pa.prestatie.referentie()) else {
                let message = format!("Het antwoord wijst regel {} af, maar die staat niet in de declaratie", pa.prestatie.referentie());
                let at = LineRef { bericht: pair.antwoord, client: c, prestatie: p };
                issues.push(Issue::between(IssueKind::OnbekendeRegel, pair.antwoord, pair.declaratie, message).at(at));
                continue;
            };
            let line = &mut lines[n];
            let original_client = &d.declaratie.clienten[line.client];
            let original = &original_client.prestaties[line.prestatie];
            rejected.declared += original.ingediend_bedrag.saldo();
            let niet_beoordeeld = pa.retour_codes.iter().any(|code| code.betekenis() == Betekenis::NietBeoordeeld);
            line.status = if niet_beoordeeld { LineStatus::NietBeoordeeld } else { LineStatus::Afgewezen };
            line.codes = pa.retour_codes.clone();
            line.codes.extend(client_codes.iter().cloned());
            let mut differs = echo_differences(original, &pa.prestatie);
            if original_client.bsn != client.bsn {
                differs.push("Bsn");
            }
            if !differs.is_empty() {
                let message =
                    format!("Afgewezen regel {} wijkt in het antwoord af van de declaratie: {}", original.referentie(), differs.join(", "));
                let at = LineRef { bericht: pair.declaratie, client: line.client, prestatie: line.prestatie };
                issues.push(Issue::between(IssueKind::RegelWijktAf, pair.antwoord, pair.declaratie, message).at(at));
            }
        }
    }
    rejected
}

/// TR342: the answer's totals add up, against its own lines and the declaration's.
fn check_sums(
    pair: Pair,
    d: &Declaratiebericht,
    da: &DeclaratieAntwoord,
    rejected: Rejected,
    view: &mut DeclaratieView,
    issues: &mut Vec<Issue>,
) {
    let ingediend = view.bedragen.ingediend;
    let ingediend_325 = da.totaal_ingediend_bedrag.saldo();
    let toegekend_325 = da.totaal_toegekend_bedrag.saldo();
    let afgewezen_regels = rejected.echoed;
    let goedgekeurde_regels = d.som_prestaties() - rejected.declared;
    let klopt = afgewezen_regels == ingediend_325 - toegekend_325 && goedgekeurde_regels == toegekend_325 && ingediend_325 == ingediend;
    if !klopt {
        issues.push(Issue::between(IssueKind::SomKloptNiet, pair.antwoord, pair.declaratie, format!(
            "De bedragen van de gemeente kloppen niet: ingediend volgens antwoord {} (declaratie {}), toegekend {}, afgewezen regels {}, niet-afgewezen regels {}. Vraag de gemeente om uitleg.",
            ingediend_325, ingediend, toegekend_325, afgewezen_regels, goedgekeurde_regels
        )));
    }
    view.som_controle = Some(SomControle { afgewezen_regels, goedgekeurde_regels, ingediend_325, toegekend_325, klopt });
    view.bedragen.toegekend = toegekend_325;
    view.bedragen.afgewezen = rejected.declared;
}

/// The echoed fields of a rejected line that differ from the declared line (TR367).
fn echo_differences(declared: &Prestatie, echoed: &Prestatie) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |same: bool, name| {
        if !same {
            out.push(name);
        }
    };
    check(declared.product_referentie == echoed.product_referentie, "ProductReferentie");
    check(declared.toewijzing_nummer == echoed.toewijzing_nummer, "ToewijzingNummer");
    check(declared.product_categorie == echoed.product_categorie, "ProductCategorie");
    check(declared.product_code == echoed.product_code, "ProductCode");
    check(declared.product_periode == echoed.product_periode, "ProductPeriode");
    check(declared.geleverd_volume == echoed.geleverd_volume, "GeleverdVolume");
    check(declared.eenheid == echoed.eenheid, "Eenheid");
    check(declared.product_tarief == echoed.product_tarief, "ProductTarief");
    check(declared.ingediend_bedrag == echoed.ingediend_bedrag, "IngediendBedrag");
    out
}

/// The fields in which a credit line does not mirror its original (IV091 allows only
/// ReferentieNummer, VorigReferentieNummer and DebetCredit to differ).
pub(crate) fn credit_differences(original: &Prestatie, credit: &Prestatie) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |same: bool, name| {
        if !same {
            out.push(name);
        }
    };
    check(original.toewijzing_nummer == credit.toewijzing_nummer, "ToewijzingNummer");
    check(original.product_categorie == credit.product_categorie, "ProductCategorie");
    check(original.product_code == credit.product_code, "ProductCode");
    check(original.product_periode == credit.product_periode, "ProductPeriode");
    check(original.geleverd_volume == credit.geleverd_volume, "GeleverdVolume");
    check(original.eenheid == credit.eenheid, "Eenheid");
    check(original.product_tarief == credit.product_tarief, "ProductTarief");
    check(original.ingediend_bedrag.bedrag == credit.ingediend_bedrag.bedrag, "Bedrag");
    out
}

type RefKey<'a> = (Domein, &'a str, &'a str);

/// The sent lines by key, as (view, line).
type SentLines<'a> = FxHashMap<RefKey<'a>, (usize, usize)>;

fn credit_overlay(berichten: &[&Bericht], views: &mut [DeclaratieView], issues: &mut Vec<Issue>) {
    let (index, credits) = sent_lines(berichten, views, issues);
    for (v, n) in credits {
        follow_credit(berichten, views, &index, (v, n), issues);
    }
}

/// The lines that count as sent and that a credit line names, by (domain, AGB,
/// ReferentieNummer), as (view, line); a number used twice is 8021. Also the credit lines to
/// follow, in order. Repeated numbers are found by [`sort::repeats`] and only the numbers the
/// credits name go in the map: a map of every sent line cost a third of the reconciliation
/// at a million lines.
fn sent_lines<'a>(berichten: &[&'a Bericht], views: &[DeclaratieView], issues: &mut Vec<Issue>) -> (SentLines<'a>, Vec<(usize, usize)>) {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for (v, view) in views.iter().enumerate().filter(|(_, view)| !view.verwerking.is_not_processed()) {
        lines.extend((0..view.lines.len()).map(|n| (v, n)));
    }
    let line = |i: usize| {
        let (v, n) = lines[i];
        let d = berichten[views[v].bericht].as_declaratie().expect("only declarations have views");
        let line = &views[v].lines[n];
        (d, line, &d.declaratie.clienten[line.client].prestaties[line.prestatie])
    };
    let key = |i: usize| {
        let (d, _, p) = line(i);
        (d.domein, d.header.afzender.as_str(), p.referentie())
    };
    let mut reused = vec![false; lines.len()];
    let mut found: Vec<(usize, Issue)> = Vec::new();
    for group in sort::repeats(lines.len(), key) {
        let first = &views[lines[group[0]].0];
        let first_nummer = berichten[first.bericht].as_declaratie().map(|f| f.declaratie.declaratie_nummer.as_str());
        for &i in &group[1..] {
            reused[i] = true;
            let (_, l, p) = line(i);
            let message = format!(
                "ReferentieNummer {} is al gebruikt in declaratie {}; de gemeente wijst een hergebruikt nummer af (8021)",
                p.referentie(),
                first_nummer.unwrap_or("?")
            );
            let bericht = views[lines[i].0].bericht;
            let at = LineRef { bericht, client: l.client, prestatie: l.prestatie };
            found.push((i, Issue::between(IssueKind::DubbelReferentieNummer, bericht, first.bericht, message).at(at)));
        }
    }
    sort::by_key(&mut found, |(i, _)| *i);
    issues.extend(found.into_iter().map(|(_, issue)| issue));
    let credits: Vec<usize> = (0..lines.len())
        .filter(|&i| !reused[i] && line(i).2.is_credit() && line(i).2.product_referentie.vorig_referentie_nummer.is_some())
        .collect();
    // The numbers the credits name, then the one sent line that has each (numbers are unique
    // once the reused ones are left out).
    let named: FxHashSet<RefKey<'a>> = credits
        .iter()
        .map(|&i| {
            let (d, _, p) = line(i);
            (d.domein, d.header.afzender.as_str(), p.product_referentie.vorig_referentie_nummer.as_deref().unwrap_or_default())
        })
        .collect();
    let index: SentLines<'a> = match named.is_empty() {
        true => SentLines::default(),
        false => (0..lines.len()).filter(|&i| !reused[i]).map(|i| (key(i), lines[i])).filter(|(k, _)| named.contains(k)).collect(),
    };
    (index, credits.into_iter().map(|i| lines[i]).collect())
}

/// Follows one credit line to its original: links the two, says what is wrong with the
/// credit (TR323, IV085, IV091, TR390), and moves the original on to "credit ingediend" or
/// "gecrediteerd".
fn follow_credit(
    berichten: &[&Bericht],
    views: &mut [DeclaratieView],
    index: &SentLines<'_>,
    (v, n): (usize, usize),
    issues: &mut Vec<Issue>,
) {
    let credit_bericht = views[v].bericht;
    let Some(d) = berichten[credit_bericht].as_declaratie() else { return };
    let credit_line = &views[v].lines[n];
    let credit_status = credit_line.status;
    let credit_ref = LineRef { bericht: credit_bericht, client: credit_line.client, prestatie: credit_line.prestatie };
    let credit = &d.declaratie.clienten[credit_ref.client].prestaties[credit_ref.prestatie];
    let vorig = credit.product_referentie.vorig_referentie_nummer.as_deref().unwrap_or_default();
    let Some(&(ov, on)) = index.get(&(d.domein, d.header.afzender.as_str(), vorig)) else {
        let message = format!(
            "Creditregel {} crediteert {}, maar die regel staat niet in het archief. Controleer het VorigReferentieNummer (anders antwoordt de gemeente 8017).",
            credit.referentie(),
            vorig
        );
        issues.push(Issue::of(IssueKind::CreditZonderOrigineel, credit_bericht, message).at(credit_ref));
        return;
    };
    let original_bericht = views[ov].bericht;
    let original_line = &views[ov].lines[on];
    let original_status = original_line.status;
    let original_ref = LineRef { bericht: original_bericht, client: original_line.client, prestatie: original_line.prestatie };
    let Some(od) = berichten[original_bericht].as_declaratie() else { return };
    views[v].lines[n].crediteert = Some(original_ref);
    let original = Credited { d: od, line: original_ref, status: original_status };
    if let Some((kind, message)) = credit_fault(d, credit_ref, &original, vorig) {
        issues.push(Issue::between(kind, credit_bericht, original_bericht, message).at(credit_ref));
        return;
    }
    let mut differs = credit_differences(original.prestatie(), credit);
    if d.declaratie.clienten[credit_ref.client].bsn != od.declaratie.clienten[original_ref.client].bsn {
        differs.push("Bsn");
    }
    if !differs.is_empty() {
        let message =
            format!("Creditregel {} is geen exacte kopie van regel {}: {} wijkt af", credit.referentie(), vorig, differs.join(", "));
        issues.push(Issue::between(IssueKind::CreditWijktAf, credit_bericht, original_bericht, message).at(credit_ref));
    }
    // A credit that was rejected or not processed leaves the original as it was.
    let new_status = match credit_status {
        LineStatus::Goedgekeurd => LineStatus::Gecrediteerd,
        LineStatus::WachtOpAntwoord => LineStatus::CreditIngediend,
        _ => return,
    };
    let target = &mut views[ov];
    let line = &mut target.lines[on];
    if let Some(earlier) = line.gecrediteerd_door {
        let message = format!("Regel {vorig} wordt meer dan eens gecrediteerd; een regel mag maar één keer worden gecrediteerd (TR390)");
        issues.push(Issue::between(IssueKind::DubbeleCredit, credit_bericht, earlier.bericht, message).at(credit_ref));
    } else {
        line.gecrediteerd_door = Some(credit_ref);
    }
    if new_status == LineStatus::Gecrediteerd || line.status == LineStatus::Goedgekeurd {
        line.status = new_status;
    }
    if !target.creditberichten.contains(&credit_bericht) {
        target.creditberichten.push(credit_bericht);
    }
}

/// The line a credit points at, with its message and status.
struct Credited<'a> {
    d: &'a Declaratiebericht,
    line: LineRef,
    status: LineStatus,
}

impl Credited<'_> {
    fn prestatie(&self) -> &Prestatie {
        &self.d.declaratie.clienten[self.line.client].prestaties[self.line.prestatie]
    }
}

/// Why a credit may not credit its original at all: TR323 (only an approved debit of the
/// same provider and gemeente) and IV085 (only approved lines).
fn credit_fault(d: &Declaratiebericht, credit_ref: LineRef, original: &Credited<'_>, vorig: &str) -> Option<(IssueKind, String)> {
    let credit = d.declaratie.clienten[credit_ref.client].prestaties[credit_ref.prestatie].referentie();
    if original.prestatie().is_credit() {
        return Some((
            IssueKind::CreditVanCreditregel,
            format!(
                "Creditregel {credit} crediteert regel {vorig}, maar dat is zelf een creditregel; alleen een debetregel kan worden gecrediteerd"
            ),
        ));
    }
    if original.d.header.ontvanger != d.header.ontvanger {
        return Some((
            IssueKind::CreditAndereGemeente,
            format!(
                "Creditregel {credit} is aan gemeente {} gericht, maar regel {vorig} was gedeclareerd bij gemeente {}; een credit gaat naar dezelfde gemeente als het origineel",
                d.header.ontvanger, original.d.header.ontvanger
            ),
        ));
    }
    if !matches!(original.status, LineStatus::Goedgekeurd | LineStatus::CreditIngediend | LineStatus::Gecrediteerd) {
        return Some((
            IssueKind::CreditVanAfgewezenRegel,
            format!(
                "Creditregel {credit} crediteert regel {vorig} die de status '{}' heeft; alleen goedgekeurde regels mogen worden gecrediteerd (IV085)",
                original.status.label()
            ),
        ));
    }
    None
}
