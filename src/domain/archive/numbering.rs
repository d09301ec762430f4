//! New identifiers for a generated 323: unique for the provider (AGB) in the domain, and in
//! the provider's own style when one is visible (after `2022F0035` comes `2022F0036`).

use crate::formats::message::identity::is_declaratie_nummer;
use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::formats::message::{Bericht, Domein};

/// Which identifier of a 323 a [`GebruiktNummer`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NummerSoort {
    BerichtIdentificatie,
    DeclaratieNummer,
    ReferentieNummer,
}

/// An identifier a provider used in a 323 Kloppend has seen. The archive keeps these after
/// the file itself is deleted: a message that was uploaded keeps its numbers taken (TR314,
/// TR333, TR056), whether or not the user still keeps the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GebruiktNummer {
    pub agb: String,
    pub domein: Domein,
    pub soort: NummerSoort,
    pub waarde: String,
}

impl GebruiktNummer {
    /// Every identifier of a 323 (nothing for a 325: its numbers are the gemeente's).
    pub fn van(bericht: &Bericht) -> Vec<GebruiktNummer> {
        let Bericht::Declaratie(d) = bericht else { return Vec::new() };
        let nummer = |soort, waarde: &str| GebruiktNummer {
            agb: d.header.afzender.to_string(),
            domein: d.domein,
            soort,
            waarde: waarde.to_string(),
        };
        let mut out = vec![
            nummer(NummerSoort::BerichtIdentificatie, &d.header.bericht_identificatie.identificatie),
            nummer(NummerSoort::DeclaratieNummer, &d.declaratie.declaratie_nummer),
        ];
        out.extend(d.prestaties().map(|(_, p)| nummer(NummerSoort::ReferentieNummer, p.referentie())));
        out
    }

    /// One line of text per identifier (the archive digest hashes these).
    pub fn key(&self) -> String {
        format!("{}|{}|{:?}|{}", self.agb, self.domein.prefix(), self.soort, self.waarde)
    }
}

/// Every identifier already used by one provider in one domain.
#[derive(Debug, Clone, Default)]
pub struct UsedIdentifiers {
    pub declaratie_nummers: HashSet<String>,
    pub bericht_identificaties: HashSet<String>,
    pub referenties: HashSet<String>,
    /// The provider's numbers in the order they were sent (by dagtekening), for the scheme.
    declaratie_volgorde: Vec<(NaiveDate, String)>,
    bericht_volgorde: Vec<(NaiveDate, String)>,
    /// (declaratienummer, referentienummer) pairs, to recognise the reference scheme.
    voorbeelden: Vec<(String, String)>,
}

impl UsedIdentifiers {
    pub fn collect<'a>(berichten: impl IntoIterator<Item = &'a Bericht>, agb: &str, domein: Domein) -> Self {
        let mut used = UsedIdentifiers::default();
        for bericht in berichten {
            let d = match bericht {
                Bericht::Declaratie(d) => d,
                Bericht::Antwoord(a) => {
                    used.add_answered(a, agb, domein);
                    continue;
                }
            };
            if d.domein != domein || d.header.afzender != agb {
                continue;
            }
            let nummer = d.declaratie.declaratie_nummer.to_string();
            let id = d.header.bericht_identificatie.identificatie.to_string();
            used.declaratie_volgorde.push((d.declaratie.declaratie_dagtekening, nummer.clone()));
            used.bericht_volgorde.push((d.header.bericht_identificatie.dagtekening, id.clone()));
            used.declaratie_nummers.insert(nummer.clone());
            used.bericht_identificaties.insert(id);
            for (_, p) in d.prestaties() {
                used.referenties.insert(p.referentie().to_string());
                if used.voorbeelden.len() < 50 {
                    used.voorbeelden.push((nummer.clone(), p.referentie().to_string()));
                }
            }
        }
        crate::base::sort::ascending(&mut used.declaratie_volgorde);
        crate::base::sort::ascending(&mut used.bericht_volgorde);
        used
    }

    /// An answer names the numbers of the 323 it answers: taken, even when that 323 is not
    /// loaded (proposing them again is 9333 or 9056). They count for uniqueness, not the scheme.
    fn add_answered(&mut self, a: &crate::formats::message::Antwoordbericht, agb: &str, domein: Domein) {
        if a.domein != domein || a.header.header.ontvanger != agb {
            return;
        }
        self.bericht_identificaties.insert(a.header.declaratie_identificatie.identificatie.to_string());
        if let Some(d) = &a.declaratie_antwoord {
            self.declaratie_nummers.insert(d.declaratie_nummer.to_string());
        }
        self.referenties.extend(a.prestaties().map(|(_, p)| p.prestatie.referentie().to_string()));
    }

    /// The next numbers in the series of Kloppend's own messages (`own`, collected from the
    /// messages Kloppend made for this gemeente), free among all of `self`; `None` before
    /// Kloppend made one there, or when its number has no trailing digits to count on.
    pub(crate) fn next_in_own_series(&self, own: &UsedIdentifiers) -> Option<(String, String)> {
        let (_, last) = own.declaratie_volgorde.last()?;
        let (prefix, number, width) = split_number(last)?;
        let nummer = bump_until_free(&format!("{prefix}{:0width$}", number + 1), &self.declaratie_nummers, &is_declaratie_nummer);
        let id = next_in_scheme(&own.bericht_volgorde, &self.bericht_identificaties, &nummer, |s| {
            !s.trim().is_empty() && s.chars().count() <= 12
        });
        Some((nummer, id))
    }

    /// [`collect`](Self::collect), plus the numbers the archive remembers from files that
    /// are no longer loaded. These count for uniqueness only, not for the scheme.
    pub(crate) fn collect_with<'a>(
        berichten: impl IntoIterator<Item = &'a Bericht>,
        eerder: &[GebruiktNummer],
        agb: &str,
        domein: Domein,
    ) -> Self {
        let mut used = Self::collect(berichten, agb, domein);
        for n in eerder.iter().filter(|n| n.agb == agb && n.domein == domein) {
            let set = match n.soort {
                NummerSoort::BerichtIdentificatie => &mut used.bericht_identificaties,
                NummerSoort::DeclaratieNummer => &mut used.declaratie_nummers,
                NummerSoort::ReferentieNummer => &mut used.referenties,
            };
            set.insert(n.waarde.clone());
        }
        used
    }

    /// The next DeclaratieNummer (letters and digits, at most 12).
    pub(crate) fn next_declaratie_nummer(&self, today: NaiveDate) -> String {
        let default = format!("KL{:04}{:02}{:02}", today.year(), today.month(), today.day());
        next_in_scheme(&self.declaratie_volgorde, &self.declaratie_nummers, &default, is_declaratie_nummer)
    }

    /// The next BerichtIdentificatie (at most 12 characters).
    pub(crate) fn next_bericht_identificatie(&self, declaratie_nummer: &str) -> String {
        next_in_scheme(&self.bericht_volgorde, &self.bericht_identificaties, declaratie_nummer, |s| {
            !s.trim().is_empty() && s.chars().count() <= 12
        })
    }

    /// The scheme of ReferentieNummers, recognised from earlier declarations.
    pub(crate) fn referentie_schema(&self) -> ReferentieSchema {
        let mut with_client = 0;
        let mut sequential: Option<usize> = None;
        for (nummer, referentie) in &self.voorbeelden {
            let Some(rest) = referentie.strip_prefix(nummer.as_str()).and_then(|r| r.strip_prefix('-')) else { continue };
            let parts: Vec<&str> = rest.split('-').collect();
            if parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                match parts.len() {
                    2 => with_client += 1,
                    1 => sequential = Some(parts[0].len()),
                    _ => {}
                }
            }
        }
        match (with_client, sequential) {
            (0, Some(width)) => ReferentieSchema::Volgnummer { width },
            _ => ReferentieSchema::ClientRegel,
        }
    }
}

/// How ReferentieNummers are formed from the DeclaratieNummer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferentieSchema {
    /// `{declaratienummer}-{client}-{regel}` (the common provider-software convention; the default).
    ClientRegel,
    /// `{declaratienummer}-{volgnummer}`, zero-padded to `width`.
    Volgnummer { width: usize },
}

impl ReferentieSchema {
    /// The reference of line `regel` (1-based, overall) of client `client` (1-based).
    pub fn format(self, declaratie_nummer: &str, client: usize, regel_in_client: usize, regel: usize) -> String {
        match self {
            ReferentieSchema::ClientRegel => format!("{declaratie_nummer}-{client}-{regel_in_client}"),
            ReferentieSchema::Volgnummer { width } => format!("{declaratie_nummer}-{regel:0width$}"),
        }
    }
}

/// After the most recent identifier that ends in digits comes the same prefix with the number
/// plus one (keeping its width); otherwise `default`. Then bump until it is unused and valid.
fn next_in_scheme(volgorde: &[(NaiveDate, String)], used: &HashSet<String>, default: &str, valid: impl Fn(&str) -> bool) -> String {
    let candidate =
        volgorde.iter().rev().find_map(|(_, id)| split_number(id)).map(|(prefix, number, width)| format!("{prefix}{:0width$}", number + 1));
    let start = candidate.filter(|c| valid(c)).unwrap_or_else(|| default.to_string());
    bump_until_free(&start, used, &valid)
}

/// `2022F0035` → (`2022F`, 35, 4).
fn split_number(id: &str) -> Option<(&str, u64, usize)> {
    let digits = id.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 18 {
        return None;
    }
    let (prefix, number) = id.split_at(id.len() - digits);
    Some((prefix, number.parse().ok()?, digits))
}

/// `start`, or the next free one after it (its trailing number increased, or a suffix added).
pub(crate) fn bump_until_free(start: &str, used: &HashSet<String>, valid: &impl Fn(&str) -> bool) -> String {
    if !used.contains(start) && valid(start) {
        return start.to_string();
    }
    let (prefix, number, width) = split_number(start).unwrap_or((start, 0, 1));
    for n in number + 1..number + 10_000 {
        let candidate = format!("{prefix}{n:0width$}");
        if !used.contains(&candidate) && valid(&candidate) {
            return candidate;
        }
    }
    // Practically unreachable: fall back to a shortened, suffixed form.
    let short: String = prefix.chars().take(6).collect();
    (0..u32::MAX).map(|n| format!("{short}{n}")).find(|c| !used.contains(c) && valid(c)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 3, day).unwrap()
    }

    #[test]
    fn follows_the_providers_number() {
        let used: HashSet<String> = ["2022F0034", "2022F0035"].iter().map(|s| s.to_string()).collect();
        let volgorde = vec![(d(1), "2022F0034".to_string()), (d(2), "2022F0035".to_string())];
        let next = next_in_scheme(&volgorde, &used, "X", |s| s.len() <= 12);
        assert_eq!(next, "2022F0036");
    }

    #[test]
    fn skips_numbers_already_used() {
        let used: HashSet<String> = ["F10", "F11", "F12"].iter().map(|s| s.to_string()).collect();
        let volgorde = vec![(d(1), "F10".to_string())];
        assert_eq!(next_in_scheme(&volgorde, &used, "X", |_| true), "F13");
    }

    #[test]
    fn falls_back_to_the_default_without_a_scheme() {
        let used = HashSet::new();
        let volgorde = vec![(d(1), "ABC".to_string())];
        assert_eq!(next_in_scheme(&volgorde, &used, "KL20220301", |_| true), "KL20220301");
    }

    #[test]
    fn reference_schemes() {
        assert_eq!(ReferentieSchema::ClientRegel.format("2022F0036", 1, 1, 1), "2022F0036-1-1");
        assert_eq!(ReferentieSchema::Volgnummer { width: 3 }.format("F2025061", 1, 1, 1), "F2025061-001");
    }
}
