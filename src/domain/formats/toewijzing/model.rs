//! The 301 (toewijzing) as Kloppend keeps it: what a declaration line is checked against.
//! Names, addresses, contact details and relations are read past, never kept (privacy: the
//! original file stays in the archive as it came; screens show BSN, initials, products, dates).

use chrono::{NaiveDate, NaiveTime};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::formats::message::{Domein, Eenheid, Header, ProductCategorie};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toewijzingbericht {
    pub domein: Domein,
    /// Afzender is the gemeente, Ontvanger the provider's AGB.
    pub header: Header,
    pub client: ToewijzingClient,
}

impl Toewijzingbericht {
    pub fn gemeente(&self) -> &str {
        &self.header.afzender
    }

    pub fn agb(&self) -> &str {
        &self.header.ontvanger
    }

    /// `WMO301` or `JW301`.
    pub fn naam(&self) -> String {
        format!("{}301", self.domein.prefix().to_uppercase())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToewijzingClient {
    pub bsn: CompactString,
    /// Naam/Voorletters, the only part of the name Kloppend keeps.
    pub voorletters: Option<CompactString>,
    pub producten: Vec<ToegewezenProduct>,
}

/// Product: both absent is a generic toewijzing, only the category an aspecific one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub categorie: ProductCategorie,
    pub code: Option<CompactString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequentie {
    PerDag,
    PerWeek,
    PerMaand,
    /// Totaal binnen geldigheidsduur toewijzing.
    Totaal,
}

impl Frequentie {
    pub fn parse(code: &str) -> Option<Frequentie> {
        Some(match code {
            "1" => Frequentie::PerDag,
            "2" => Frequentie::PerWeek,
            "4" => Frequentie::PerMaand,
            "6" => Frequentie::Totaal,
            _ => return None,
        })
    }

    /// "per week", "in totaal": after a volume in words.
    pub fn omschrijving(self) -> &'static str {
        match self {
            Frequentie::PerDag => "per dag",
            Frequentie::PerWeek => "per week",
            Frequentie::PerMaand => "per maand",
            Frequentie::Totaal => "in totaal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Omvang {
    pub volume: u64,
    pub eenheid: Eenheid,
    pub frequentie: Frequentie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToegewezenProduct {
    pub toewijzing_nummer: u64,
    pub product: Option<Product>,
    pub toewijzingsdatum: NaiveDate,
    pub toewijzingstijd: NaiveTime,
    pub ingangsdatum: NaiveDate,
    pub einddatum: Option<NaiveDate>,
    /// LDT_RedenWijziging, two digits.
    pub reden_wijziging: Option<CompactString>,
    pub omvang: Option<Omvang>,
    /// In eurocents.
    pub budget: Option<u64>,
}

impl ToegewezenProduct {
    /// OP087: Einddatum = Ingangsdatum with reason 13 (verwijderd) or 01 (administratieve
    /// correctie, vervallen) means the toewijzing was never valid.
    pub(crate) fn is_vervallen(&self) -> bool {
        self.einddatum == Some(self.ingangsdatum) && matches!(self.reden_wijziging.as_deref(), Some("13") | Some("01"))
    }

    /// TR384 rejects with 9384 only for reason 13.
    pub(crate) fn is_verwijderd(&self) -> bool {
        self.einddatum == Some(self.ingangsdatum) && self.reden_wijziging.as_deref() == Some("13")
    }
}

/// LDT_RedenWijziging in words.
pub fn reden_wijziging(code: &str) -> Option<&'static str> {
    Some(match code {
        "01" => "administratieve correctie (vervallen)",
        "02" => "cliënt overleden",
        "03" => "contractwijziging",
        "04" => "herbeoordeling: verlenging",
        "05" => "herbeoordeling: verkorting",
        "06" => "uitstroom naar ander domein",
        "07" => "verhuizing naar een andere gemeente",
        "08" => "wijziging leveringsvorm",
        "09" => "overstap naar andere aanbieder",
        "10" => "overgang naar nieuwe bekostigingssystematiek",
        "11" => "gemeentelijke herindeling",
        "12" => "geïnitieerd door de aanbieder",
        "13" => "verwijderd",
        "14" => "administratieve correctie",
        _ => return None,
    })
}
