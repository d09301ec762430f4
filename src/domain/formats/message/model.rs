//! The 323 and 325 messages as the XSDs define them: every element, in order, typed.
//!
//! Names follow the standard's elements. Mandatory elements are plain fields, optional
//! elements are `Option`s, repeated elements are `Vec`s. Values that violate a facet
//! (length, pattern, range, code list) are still represented so the validator can report them.

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::codes::{BerichtType, Domein, Eenheid, ProductCategorie, Release, RetourCode, Soort};
use crate::base::money::{BedragMetDc, Saldo};

/// `CDT_BerichtIdentificatie`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BerichtIdentificatie {
    pub identificatie: CompactString,
    #[serde(with = "crate::base::calendar::as_day_number")]
    pub dagtekening: NaiveDate,
}

/// `CDT_XsdVersie`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XsdVersie {
    pub basisschema_xsd_versie: CompactString,
    pub bericht_xsd_versie: CompactString,
}

impl XsdVersie {
    /// The XSD version of the 3.2 schemas Kloppend writes against.
    pub fn huidig() -> XsdVersie {
        XsdVersie { basisschema_xsd_versie: "1.0.0".into(), bericht_xsd_versie: "1.0.0".into() }
    }
}

/// `CDT_GeslotenPeriode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Periode {
    #[serde(with = "crate::base::calendar::as_day_number")]
    pub begindatum: NaiveDate,
    #[serde(with = "crate::base::calendar::as_day_number")]
    pub einddatum: NaiveDate,
}

/// `CDT_Referentie`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductReferentie {
    pub referentie_nummer: CompactString,
    pub vorig_referentie_nummer: Option<CompactString>,
}

/// The header fields shared by 323 and 325.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub bericht_code: u16,
    pub bericht_versie: u8,
    pub bericht_subversie: u8,
    /// 323: AGB code of the provider; 325: gemeentecode.
    pub afzender: CompactString,
    /// 323: gemeentecode; 325: AGB code of the provider.
    pub ontvanger: CompactString,
    pub bericht_identificatie: BerichtIdentificatie,
    pub xsd_versie: XsdVersie,
}

impl Header {
    /// The header of a new 323 from provider `agb` to `gemeente`, release 3.2.
    pub fn declaratie(domein: Domein, agb: &str, gemeente: &str, bericht_identificatie: BerichtIdentificatie) -> Header {
        Header {
            bericht_code: BerichtType { domein, soort: Soort::Declaratie }.bericht_code(),
            bericht_versie: Release::R3_2.major,
            bericht_subversie: Release::R3_2.minor,
            afzender: agb.into(),
            ontvanger: gemeente.into(),
            bericht_identificatie,
            xsd_versie: XsdVersie::huidig(),
        }
    }
}

/// A declared line (`Prestatie` in the 323; the first nine children of a 325 `Prestatie`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prestatie {
    pub product_referentie: ProductReferentie,
    pub toewijzing_nummer: u64,
    pub product_categorie: ProductCategorie,
    pub product_code: CompactString,
    pub product_periode: Periode,
    pub geleverd_volume: u64,
    pub eenheid: Eenheid,
    pub product_tarief: Option<u64>,
    pub ingediend_bedrag: BedragMetDc,
}

impl Prestatie {
    pub fn referentie(&self) -> &str {
        &self.product_referentie.referentie_nummer
    }

    pub fn is_credit(&self) -> bool {
        self.ingediend_bedrag.debet_credit.is_credit()
    }

    /// What makes two debit lines the same delivery: ProductPeriode, product and toewijzing
    /// (TR416 within a message, TR389 across messages).
    pub(crate) fn debet_sleutel(&self) -> DebetSleutel<'_> {
        DebetSleutel {
            periode: self.product_periode,
            categorie: self.product_categorie.code(),
            code: &self.product_code,
            toewijzing: self.toewijzing_nummer,
        }
    }
}

/// See [`Prestatie::debet_sleutel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DebetSleutel<'a> {
    pub periode: Periode,
    pub categorie: &'a str,
    pub code: &'a str,
    pub toewijzing: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub bsn: CompactString,
    pub prestaties: Vec<Prestatie>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaratie {
    pub declaratie_nummer: CompactString,
    pub declaratie_periode: Periode,
    #[serde(with = "crate::base::calendar::as_day_number")]
    pub declaratie_dagtekening: NaiveDate,
    pub totaal_ingediend_bedrag: BedragMetDc,
    pub clienten: Vec<Client>,
}

/// A WMO323 or JW323 message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaratiebericht {
    pub domein: Domein,
    pub release: Release,
    pub header: Header,
    pub declaratie: Declaratie,
}

impl Declaratiebericht {
    pub fn bericht_type(&self) -> BerichtType {
        BerichtType { domein: self.domein, soort: Soort::Declaratie }
    }

    pub fn prestaties(&self) -> impl Iterator<Item = (&Client, &Prestatie)> {
        self.declaratie.clienten.iter().flat_map(|c| c.prestaties.iter().map(move |p| (c, p)))
    }

    /// Σ debit − Σ credit over the lines (what TR358 compares the total with).
    pub(crate) fn som_prestaties(&self) -> Saldo {
        self.prestaties().map(|(_, p)| p.ingediend_bedrag.saldo()).sum()
    }
}

/// The 325 header: the shared fields plus the link to the answered 323 and its codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AntwoordHeader {
    pub header: Header,
    /// Equals the answered 323's `BerichtIdentificatie`.
    pub declaratie_identificatie: BerichtIdentificatie,
    pub xslt_versie: Option<CompactString>,
    pub xsd_versie_declaratie: XsdVersie,
    pub retour_codes: Vec<RetourCode>,
}

/// A rejected line as echoed in the 325, with its codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrestatieAntwoord {
    pub prestatie: Prestatie,
    pub retour_codes: Vec<RetourCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientAntwoord {
    pub bsn: CompactString,
    pub prestaties: Vec<PrestatieAntwoord>,
    pub retour_codes: Vec<RetourCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaratieAntwoord {
    pub declaratie_nummer: CompactString,
    pub totaal_ingediend_bedrag: BedragMetDc,
    pub totaal_toegekend_bedrag: BedragMetDc,
    /// Absent `Clienten` reads as empty: the XSD requires at least one `Client` when present.
    pub clienten: Vec<ClientAntwoord>,
    pub retour_codes: Vec<RetourCode>,
}

/// A WMO325 or JW325 message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Antwoordbericht {
    pub domein: Domein,
    pub release: Release,
    pub header: AntwoordHeader,
    pub declaratie_antwoord: Option<DeclaratieAntwoord>,
}

impl Antwoordbericht {
    pub fn bericht_type(&self) -> BerichtType {
        BerichtType { domein: self.domein, soort: Soort::Antwoord }
    }

    pub fn prestaties(&self) -> impl Iterator<Item = (&ClientAntwoord, &PrestatieAntwoord)> {
        self.declaratie_antwoord.iter().flat_map(|d| d.clienten.iter()).flat_map(|c| c.prestaties.iter().map(move |p| (c, p)))
    }
}

/// Any message Kloppend reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bericht {
    Declaratie(Declaratiebericht),
    Antwoord(Antwoordbericht),
}

impl Bericht {
    /// The declared lines of a 323 (a 325 lists only the rejected ones: none of its own).
    pub fn declared_lines(&self) -> usize {
        self.as_declaratie().map_or(0, |d| d.prestaties().count())
    }

    pub fn bericht_type(&self) -> BerichtType {
        match self {
            Bericht::Declaratie(b) => b.bericht_type(),
            Bericht::Antwoord(b) => b.bericht_type(),
        }
    }

    pub fn header(&self) -> &Header {
        match self {
            Bericht::Declaratie(b) => &b.header,
            Bericht::Antwoord(b) => &b.header.header,
        }
    }

    pub fn release(&self) -> Release {
        match self {
            Bericht::Declaratie(b) => b.release,
            Bericht::Antwoord(b) => b.release,
        }
    }

    pub fn as_declaratie(&self) -> Option<&Declaratiebericht> {
        match self {
            Bericht::Declaratie(b) => Some(b),
            Bericht::Antwoord(_) => None,
        }
    }

    pub fn as_antwoord(&self) -> Option<&Antwoordbericht> {
        match self {
            Bericht::Antwoord(b) => Some(b),
            Bericht::Declaratie(_) => None,
        }
    }
}
