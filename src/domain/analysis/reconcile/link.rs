//! Linking each 325 to the 323 it answers: Header/DeclaratieIdentificatie equals the 323's
//! BerichtIdentificatie (the only link that survives a whole-message rejection), within the
//! same domain, provider and gemeente. When that fails, the DeclaratieNummer (TR376) is tried,
//! and the difference is reported.

use crate::base::text::datum;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::{Issue, IssueKind};
use crate::formats::message::{Antwoordbericht, Bericht, Declaratiebericht, Domein};

pub(super) struct Links {
    /// For each 323 (by input index): its primary answer and any further answers.
    pub answers: FxHashMap<usize, (usize, Vec<usize>)>,
    pub orphans: Vec<usize>,
    pub issues: Vec<Issue>,
}

type IdKey<'a> = (Domein, &'a str, &'a str, &'a str, NaiveDate);
type NummerKey<'a> = (Domein, &'a str, &'a str, &'a str);

pub(super) fn link(berichten: &[&Bericht]) -> Links {
    let mut by_id: FxHashMap<IdKey, usize> = FxHashMap::default();
    let mut by_nummer: FxHashMap<NummerKey, Vec<usize>> = FxHashMap::default();
    // The identification alone: to tell an answer for another provider or from another
    // gemeente from an answer whose declaration is missing.
    let mut by_identificatie: FxHashMap<(&str, NaiveDate), usize> = FxHashMap::default();
    for (i, bericht) in berichten.iter().enumerate() {
        if let Bericht::Declaratie(d) = bericht {
            by_id.entry(id_key_323(d)).or_insert(i);
            let id = &d.header.bericht_identificatie;
            by_identificatie.entry((id.identificatie.as_str(), id.dagtekening)).or_insert(i);
            by_nummer.entry(nummer_key_323(d)).or_default().push(i);
        }
    }

    let mut found: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut orphans = Vec::new();
    let mut issues = Vec::new();
    for (i, bericht) in berichten.iter().enumerate() {
        let Bericht::Antwoord(a) = bericht else { continue };
        if let Some(&d) = by_id.get(&id_key_325(a)) {
            found.entry(d).or_default().push(i);
            continue;
        }
        let by_number = nummer_key_325(a).and_then(|key| by_nummer.get(&key)).and_then(|c| c.first()).copied();
        match by_number {
            Some(d) => {
                let decl_id = &header_id(berichten[d]);
                issues.push(Issue::between(IssueKind::IdentificatieWijktAf, i, d, format!(
                        "Het antwoord verwijst naar bericht {} van {}, maar de declaratie met dit declaratienummer heeft identificatie {}; gekoppeld op declaratienummer",
                        a.header.declaratie_identificatie.identificatie, a.header.declaratie_identificatie.dagtekening, decl_id
                    )));
                found.entry(d).or_default().push(i);
            }
            None => {
                let id = &a.header.declaratie_identificatie;
                let other = by_identificatie.get(&(id.identificatie.as_str(), id.dagtekening)).and_then(|&d| berichten[d].as_declaratie());
                let (kind, message) = match other {
                    Some(d) => (IssueKind::AntwoordVoorAnder, someone_elses(a, d)),
                    None => (
                        IssueKind::AntwoordZonderDeclaratie,
                        format!(
                            "Dit antwoord hoort bij declaratiebericht {} van {}{}, maar die declaratie is niet geladen. Importeer de 323 om het antwoord te koppelen.",
                            a.header.declaratie_identificatie.identificatie,
                            a.header.declaratie_identificatie.dagtekening,
                            a.declaratie_antwoord
                                .as_ref()
                                .map(|d| format!(" (declaratienummer {})", d.declaratie_nummer))
                                .unwrap_or_default()
                        ),
                    ),
                };
                issues.push(Issue::of(kind, i, message));
                orphans.push(i);
            }
        }
    }

    let mut answers = FxHashMap::default();
    for (d, mut list) in found {
        // The earliest answer counts; later ones are reported.
        crate::base::sort::by_key(&mut list, |&i| (berichten[i].header().bericht_identificatie.dagtekening, i));
        let primary = list[0];
        for &extra in &list[1..] {
            issues.push(Issue::between(
                IssueKind::DubbelAntwoord,
                extra,
                d,
                format!(
                    "Deze declaratie heeft meer dan één antwoord; Kloppend gebruikt het antwoord {} en negeert {}",
                    header_id(berichten[primary]),
                    header_id(berichten[extra])
                ),
            ));
        }
        answers.insert(d, (primary, list[1..].to_vec()));
    }
    Links { answers, orphans, issues }
}

/// An answer whose identification is that of a loaded 323 of another provider, gemeente or
/// domain: it is not that declaration's answer, and importing the 323 would not help.
fn someone_elses(a: &Antwoordbericht, d: &Declaratiebericht) -> String {
    use crate::reference::gemeenten::label;
    let h = &a.header.header;
    format!(
        "Dit antwoord ({}) is van {} aan AGB {}, maar de geladen declaratie {} met dezelfde berichtidentificatie is van AGB {} aan {}{}: het is niet het antwoord daarop. Het is een antwoord voor {}; kijk in VECOZO of je het juiste bestand hebt gedownload.",
        a.domein.naam(),
        label(&h.afzender),
        h.ontvanger,
        d.declaratie.declaratie_nummer,
        d.header.afzender,
        label(&d.header.ontvanger),
        if d.domein == a.domein { String::new() } else { format!(" ({})", d.domein.naam()) },
        if h.ontvanger != d.header.afzender { "een andere aanbieder" } else { "een declaratie bij een andere gemeente of wet" }
    )
}

fn header_id(bericht: &Bericht) -> String {
    let id = &bericht.header().bericht_identificatie;
    format!("{} ({})", id.identificatie, datum(id.dagtekening))
}

fn id_key_323(d: &Declaratiebericht) -> IdKey<'_> {
    let h = &d.header;
    (d.domein, &h.afzender, &h.ontvanger, &h.bericht_identificatie.identificatie, h.bericht_identificatie.dagtekening)
}

fn id_key_325(a: &Antwoordbericht) -> IdKey<'_> {
    let h = &a.header.header;
    let id = &a.header.declaratie_identificatie;
    (a.domein, &h.ontvanger, &h.afzender, &id.identificatie, id.dagtekening)
}

fn nummer_key_323(d: &Declaratiebericht) -> NummerKey<'_> {
    (d.domein, &d.header.afzender, &d.header.ontvanger, &d.declaratie.declaratie_nummer)
}

fn nummer_key_325(a: &Antwoordbericht) -> Option<NummerKey<'_>> {
    let h = &a.header.header;
    a.declaratie_antwoord.as_ref().map(|d| (a.domein, h.ontvanger.as_str(), h.afzender.as_str(), d.declaratie_nummer.as_str()))
}
