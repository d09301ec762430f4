//! Which selected lines may go into a credit, correction or re-declaration, and why not.

use std::collections::HashMap;
use std::fmt;

use super::Soort;
use crate::analysis::reconcile::{LineRef, LineStatus, Reconciliation, Verwerking};
use crate::formats::message::{Bericht, Domein};

/// The provider, gemeente and domain a generated message is for: one message per group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Groep {
    pub domein: Domein,
    pub agb: String,
    pub gemeente: String,
}

impl fmt::Display for Groep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} · AGB {} · gemeente {}", self.domein.naam(), self.agb, self.gemeente)
    }
}

/// Why a line cannot be included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guard {
    /// IV085: rejected or not assessed lines are never credited; re-declare them.
    AfgewezenRegel,
    /// No answer yet: only an approved line can be credited.
    NogGeenAntwoord,
    /// The message was not processed (0001, 9333): it counts as not sent.
    NietVerwerkt,
    /// TR390: the line is already credited.
    AlGecrediteerd,
    /// OP360: a credit for this line is already submitted.
    CreditAlIngediend,
    /// A credit line cannot itself be credited or re-declared.
    IsCreditregel,
    /// The declaration got € 0: nothing to credit.
    NulToegekend,
    /// Re-declaring an approved line would declare it twice (TR389): credit it first.
    AlGoedgekeurd,
    /// The rejected line is already declared again (`door`: "F2025061-1-1 in declaratie
    /// F2025061"): declaring it a second time would be a double debit once both are approved.
    AlOpnieuwGedeclareerd { door: String },
    /// A different provider, gemeente or domain than the rest of the message.
    AnderBericht(Groep),
    /// The line is not (or no longer) in the archive.
    Onbekend,
}

impl Guard {
    /// The rule the guard enforces.
    pub fn rule(&self) -> &'static str {
        match self {
            Guard::AfgewezenRegel => "IV085",
            Guard::NogGeenAntwoord => "IV085",
            Guard::NietVerwerkt => "IV087",
            Guard::AlGecrediteerd => "TR390",
            Guard::CreditAlIngediend => "OP360",
            // The gemeente answers 8017: a credit relates to a debit, never to a credit line.
            Guard::IsCreditregel => "TR323",
            Guard::NulToegekend => "IV085",
            Guard::AlGoedgekeurd => "TR389",
            Guard::AlOpnieuwGedeclareerd { .. } => "TR389",
            // A 323 has one Header: one provider (Afzender), one gemeente (Ontvanger).
            Guard::AnderBericht(_) => "Header",
            Guard::Onbekend => "—",
        }
    }

    pub fn reden(&self) -> String {
        match self {
            Guard::AfgewezenRegel => {
                "Deze regel is afgewezen of niet beoordeeld. Een afgewezen regel crediteer je nooit (IV085): declareer hem opnieuw met een nieuw ReferentieNummer.".into()
            }
            Guard::NogGeenAntwoord => {
                "Er is nog geen antwoord op deze declaratie. Crediteren kan pas als de gemeente de regel heeft goedgekeurd.".into()
            }
            Guard::NietVerwerkt => {
                "Het bericht met deze regel is niet verwerkt en telt als niet verstuurd: er is niets te crediteren. Declareer de regel opnieuw.".into()
            }
            Guard::AlGecrediteerd => "Deze regel is al gecrediteerd; een regel wordt maar één keer gecrediteerd (TR390).".into(),
            Guard::CreditAlIngediend => {
                "Voor deze regel is al een credit verstuurd die nog op antwoord wacht (OP360). Wacht dat antwoord af.".into()
            }
            Guard::IsCreditregel => "Dit is zelf een creditregel; die kun je niet crediteren of opnieuw declareren.".into(),
            Guard::NulToegekend => "Deze declaratie kreeg € 0 toegekend: er is niets te crediteren.".into(),
            Guard::AlGoedgekeurd => {
                "Deze regel is goedgekeurd. Opnieuw declareren zou dubbel declareren zijn (TR389): kies 'Corrigeren' (credit plus nieuwe debetregel).".into()
            }
            Guard::AlOpnieuwGedeclareerd { door } => format!(
                "Deze regel is al opnieuw gedeclareerd als {door}; dat bericht handelt hem af. Wacht het antwoord daarop af; wijst de gemeente die regel af, dan declareer je díe opnieuw."
            ),
            Guard::AnderBericht(groep) => format!(
                "Deze regel hoort bij een ander bericht ({groep}); een 323 is voor één aanbieder, gemeente en domein. Kloppend maakt daar een apart bericht voor."
            ),
            Guard::Onbekend => "Deze regel staat niet (meer) in het archief.".into(),
        }
    }
}

/// A selected line with its group, and the guard that keeps it out (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub line: LineRef,
    pub groep: Option<Groep>,
    pub guard: Option<Guard>,
}

pub fn groep_of(bericht: &Bericht) -> Option<Groep> {
    let d = bericht.as_declaratie()?;
    Some(Groep { domein: d.domein, agb: d.header.afzender.to_string(), gemeente: d.header.ontvanger.to_string() })
}

/// Check every selected line for the chosen kind of message.
pub fn check(berichten: &[&Bericht], r: &Reconciliation, soort: Soort, lines: &[LineRef]) -> Vec<Candidate> {
    lines
        .iter()
        .map(|&line| {
            let groep = berichten.get(line.bericht).and_then(|b| groep_of(b));
            let guard = guard_for(berichten, r, soort, line);
            Candidate { line, groep, guard }
        })
        .collect()
}

/// [`check`], and a rejected line that a later line already declares again (`successors`:
/// the TR389 key, or the origin Kloppend logged when it made that line) is not declared again.
pub fn check_with(
    berichten: &[&Bericht],
    r: &Reconciliation,
    successors: &HashMap<LineRef, LineRef>,
    soort: Soort,
    lines: &[LineRef],
) -> Vec<Candidate> {
    let mut candidates = check(berichten, r, soort, lines);
    if soort != Soort::Herdeclaratie {
        return candidates;
    }
    for c in candidates.iter_mut().filter(|c| c.guard.is_none()) {
        let Some(next) = successors.get(&c.line) else { continue };
        let Some(d) = berichten.get(next.bericht).and_then(|b| b.as_declaratie()) else { continue };
        let Some(p) = d.declaratie.clienten.get(next.client).and_then(|cl| cl.prestaties.get(next.prestatie)) else { continue };
        c.guard =
            Some(Guard::AlOpnieuwGedeclareerd { door: format!("{} in declaratie {}", p.referentie(), d.declaratie.declaratie_nummer) });
    }
    candidates
}

fn guard_for(berichten: &[&Bericht], r: &Reconciliation, soort: Soort, line: LineRef) -> Option<Guard> {
    let Some(d) = berichten.get(line.bericht).and_then(|b| b.as_declaratie()) else { return Some(Guard::Onbekend) };
    let Some(prestatie) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else {
        return Some(Guard::Onbekend);
    };
    let (Some(view), Some(status)) = (r.declaratie(line.bericht), r.line(line).map(|l| l.status)) else {
        return Some(Guard::Onbekend);
    };
    if prestatie.is_credit() {
        return Some(Guard::IsCreditregel);
    }
    match soort {
        Soort::Credit | Soort::Correctie => match status {
            LineStatus::Goedgekeurd if view.bedragen.toegekend.cents() == 0 && view.verwerking == Verwerking::Beoordeeld => {
                Some(Guard::NulToegekend)
            }
            LineStatus::Goedgekeurd => None,
            LineStatus::Afgewezen | LineStatus::NietBeoordeeld => Some(Guard::AfgewezenRegel),
            LineStatus::WachtOpAntwoord => Some(Guard::NogGeenAntwoord),
            LineStatus::NietVerwerkt => Some(Guard::NietVerwerkt),
            LineStatus::CreditIngediend => Some(Guard::CreditAlIngediend),
            LineStatus::Gecrediteerd => Some(Guard::AlGecrediteerd),
        },
        Soort::Herdeclaratie => match status {
            LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt => None,
            LineStatus::WachtOpAntwoord => Some(Guard::NogGeenAntwoord),
            LineStatus::Goedgekeurd | LineStatus::CreditIngediend | LineStatus::Gecrediteerd => Some(Guard::AlGoedgekeurd),
        },
    }
}

/// Split checked candidates into one group per message; lines that are guarded stay out.
/// With `single`, only the group of the first eligible line is kept and other groups are
/// guarded with [`Guard::AnderBericht`].
pub fn group(candidates: &mut [Candidate], single: bool) -> Vec<(Groep, Vec<LineRef>)> {
    let mut groups: Vec<(Groep, Vec<LineRef>)> = Vec::new();
    for candidate in candidates.iter_mut() {
        if candidate.guard.is_some() {
            continue;
        }
        let Some(groep) = candidate.groep.clone() else { continue };
        let has_groups = !groups.is_empty();
        match groups.iter_mut().find(|(g, _)| *g == groep) {
            Some((_, lines)) => lines.push(candidate.line),
            None if single && has_groups => candidate.guard = Some(Guard::AnderBericht(groep)),
            None => groups.push((groep, vec![candidate.line])),
        }
    }
    groups
}
