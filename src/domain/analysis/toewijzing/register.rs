//! The toewijzing register: per gemeente, domain and ToewijzingNummer every version a 301
//! sent, with the document it came from. A 301 is a snapshot of the toewijzingen valid on or
//! after its date plus the changed ones (OP087), so the current version is the newest by
//! Toewijzingsdatum and Toewijzingstijd, whatever order the files were loaded in.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use compact_str::CompactString;

use crate::formats::message::Domein;
use crate::formats::toewijzing::{ToegewezenProduct, Toewijzingbericht};

/// Which toewijzing: a ToewijzingNummer is the gemeente's, per domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub gemeente: CompactString,
    pub domein: Domein,
    pub nummer: u64,
}

/// One gemeente's toewijzingen (in one domain) by number; see [`Register::of`].
pub struct Toewijzingen<'a> {
    by_nummer: rustc_hash::FxHashMap<u64, &'a Toewijzing>,
}

impl<'a> Toewijzingen<'a> {
    pub fn get(&self, nummer: u64) -> Option<&'a Toewijzing> {
        self.by_nummer.get(&nummer).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.by_nummer.is_empty()
    }
}

/// One version of a toewijzing, as one 301 sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Index of the 301 in the workspace's documents.
    pub document: usize,
    /// The provider the 301 was sent to (its Ontvanger).
    pub agb: CompactString,
    pub bsn: CompactString,
    pub voorletters: Option<CompactString>,
    pub product: ToegewezenProduct,
}

/// What a toewijzing is now, for the screen and Te doen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Actief,
    /// Ends within six weeks: ask the gemeente for an extension in time.
    LooptAf,
    /// A newer version ends it earlier than an older one did.
    Ingekort,
    /// RedenWijziging 13 (or 01) with Einddatum = Ingangsdatum: never valid.
    Verwijderd,
    /// Its Einddatum has passed.
    Beeindigd,
    /// Starts after today.
    Toekomstig,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Actief => "actief",
            Status::LooptAf => "loopt af",
            Status::Ingekort => "ingekort",
            Status::Verwijderd => "verwijderd",
            Status::Beeindigd => "beëindigd",
            Status::Toekomstig => "nog niet begonnen",
        }
    }
}

/// How close an end date counts as "loopt af".
pub(crate) const LOOPT_AF_DAGEN: u64 = 42;

/// Every version of one toewijzing, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toewijzing {
    pub key: Key,
    pub versions: Vec<Version>,
}

impl Toewijzing {
    /// The newest version (by Toewijzingsdatum and -tijd; among equals the one loaded last).
    pub fn current(&self) -> &Version {
        // `versions` is never empty: a toewijzing exists because a 301 named it.
        &self.versions[self.versions.len() - 1]
    }

    /// The version before the current one, if any.
    pub fn previous(&self) -> Option<&Version> {
        self.versions.len().checked_sub(2).map(|i| &self.versions[i])
    }

    /// True when the current version ends it earlier than the previous one did (or removes it).
    pub(crate) fn is_shortened(&self) -> bool {
        let Some(previous) = self.previous() else { return false };
        let now = &self.current().product;
        let end = |p: &ToegewezenProduct| p.einddatum.unwrap_or(NaiveDate::MAX);
        now.is_vervallen() || end(now) < end(&previous.product)
    }

    pub fn status(&self, today: NaiveDate) -> Status {
        let p = &self.current().product;
        if p.is_vervallen() {
            return Status::Verwijderd;
        }
        if p.einddatum.is_some_and(|e| e < today) {
            return Status::Beeindigd;
        }
        if self.is_shortened() {
            return Status::Ingekort;
        }
        if p.ingangsdatum > today {
            return Status::Toekomstig;
        }
        match p.einddatum {
            Some(e) if e <= today.checked_add_days(Days::new(LOOPT_AF_DAGEN)).unwrap_or(NaiveDate::MAX) => Status::LooptAf,
            _ => Status::Actief,
        }
    }
}

/// All toewijzingen of the loaded 301s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    pub toewijzingen: BTreeMap<Key, Toewijzing>,
    /// Gemeenten (with domain) of which at least one 301 is loaded: only for those can a
    /// missing toewijzing be told.
    pub gemeenten: BTreeMap<(CompactString, Domein), usize>,
}

impl Register {
    /// From the 301s with their document index.
    pub fn build<'a>(berichten: impl IntoIterator<Item = (usize, &'a Toewijzingbericht)>) -> Register {
        let mut register = Register::default();
        for (document, bericht) in berichten {
            *register.gemeenten.entry((CompactString::from(bericht.gemeente()), bericht.domein)).or_default() += 1;
            for product in &bericht.client.producten {
                let key = Key { gemeente: bericht.gemeente().into(), domein: bericht.domein, nummer: product.toewijzing_nummer };
                let version = Version {
                    document,
                    agb: bericht.agb().into(),
                    bsn: bericht.client.bsn.clone(),
                    voorletters: bericht.client.voorletters.clone(),
                    product: product.clone(),
                };
                register.toewijzingen.entry(key.clone()).or_insert_with(|| Toewijzing { key, versions: Vec::new() }).versions.push(version);
            }
        }
        for t in register.toewijzingen.values_mut() {
            // A stable sort keeps load order among versions stamped alike.
            crate::base::sort::by_key(&mut t.versions, |v| (v.product.toewijzingsdatum, v.product.toewijzingstijd));
        }
        register
    }

    pub fn get(&self, gemeente: &str, domein: Domein, nummer: u64) -> Option<&Toewijzing> {
        self.toewijzingen.get(&Key { gemeente: gemeente.into(), domein, nummer })
    }

    /// The toewijzingen of one gemeente and domain by number: what the lines of one message
    /// look up. A line looks up a hash of its number instead of searching the register by
    /// gemeente name (a million such searches were most of Te doen).
    pub fn of(&self, gemeente: &str, domein: Domein) -> Toewijzingen<'_> {
        let gemeente = CompactString::from(gemeente);
        let from = Key { gemeente: gemeente.clone(), domein, nummer: 0 };
        let to = Key { gemeente, domein, nummer: u64::MAX };
        Toewijzingen { by_nummer: self.toewijzingen.range(from..=to).map(|(k, t)| (k.nummer, t)).collect() }
    }

    /// True when a 301 of this gemeente (and domain) is loaded.
    pub(crate) fn knows_gemeente(&self, gemeente: &str, domein: Domein) -> bool {
        self.gemeenten.contains_key(&(CompactString::from(gemeente), domein))
    }

    pub fn is_empty(&self) -> bool {
        self.toewijzingen.is_empty()
    }
}
