//! The other messages around a toewijzing that a provider keeps: the 302 (toewijzing-retour,
//! the provider's answer to a 301), the 305 (start zorg) and the 307 (stop zorg). Kloppend
//! recognises, stores and lists them, and reads only what Te doen needs: who sent them when,
//! which 301 a 302 answers, and per product the toewijzing and its start or stop date. The
//! header is read strictly; the client part is checked for well-formedness and read past
//! (names are never kept).

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::formats::message::error::{ReadError, ReadErrorKind, ValueProblem};
use crate::formats::message::read::{Cursor, Ns, decode};
use crate::formats::message::{BerichtIdentificatie, Domein, Header};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeldingSoort {
    /// 302: toewijzing-retour.
    Retour,
    /// 305: start zorg.
    Start,
    /// 307: stop zorg.
    Stop,
}

impl MeldingSoort {
    pub fn nummer(self) -> u16 {
        match self {
            MeldingSoort::Retour => 302,
            MeldingSoort::Start => 305,
            MeldingSoort::Stop => 307,
        }
    }

    pub fn omschrijving(self) -> &'static str {
        match self {
            MeldingSoort::Retour => "Toewijzing-retour",
            MeldingSoort::Start => "Start zorg",
            MeldingSoort::Stop => "Stop zorg",
        }
    }

    fn bericht_code(self, domein: Domein) -> u16 {
        match (domein, self) {
            (Domein::Wmo, MeldingSoort::Retour) => 415,
            (Domein::Wmo, MeldingSoort::Start) => 418,
            (Domein::Wmo, MeldingSoort::Stop) => 420,
            (Domein::Jeugdwet, MeldingSoort::Retour) => 437,
            (Domein::Jeugdwet, MeldingSoort::Start) => 438,
            (Domein::Jeugdwet, MeldingSoort::Stop) => 440,
        }
    }
}

/// One StartProduct, StopProduct or (302) ToegewezenProduct.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeldingProduct {
    pub toewijzing_nummer: Option<u64>,
    /// 305/307: when care started.
    pub begindatum: Option<NaiveDate>,
    /// 307: when care stopped.
    pub einddatum: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Melding {
    pub domein: Domein,
    pub soort: MeldingSoort,
    pub header: Header,
    /// 302: the 301 it answers (IdentificatieRetour, DagtekeningRetour).
    pub retour_van: Option<BerichtIdentificatie>,
    pub bsn: Option<CompactString>,
    pub producten: Vec<MeldingProduct>,
}

impl Melding {
    /// `WMO305`, `JW302`.
    pub fn naam(&self) -> String {
        format!("{}{}", self.domein.prefix().to_uppercase(), self.soort.nummer())
    }

    /// The gemeente: the 302's sender, the 305/307's receiver.
    pub fn gemeente(&self) -> &str {
        match self.soort {
            MeldingSoort::Retour => &self.header.afzender,
            MeldingSoort::Start | MeldingSoort::Stop => &self.header.ontvanger,
        }
    }
}

const ROOT_CHILDREN: &[&str] = &["Header", "Client"];
const HEADER_CHILDREN: &[&str] = &[
    "BerichtCode",
    "BerichtVersie",
    "BerichtSubversie",
    "Afzender",
    "Ontvanger",
    "BerichtIdentificatie",
    "XsdVersie",
    "IdentificatieRetour",
    "DagtekeningRetour",
    "XsltVersie",
    "XsdVersieRetour",
    "RetourCodes",
];

/// Read a 302, 305 or 307. Never panics.
pub fn read_melding(bytes: &[u8]) -> Result<Melding, ReadError> {
    let (text, _) = decode(bytes)?;
    let mut c = Cursor::new(text);
    let (domein, nummer, _) = c.root(&[302, 305, 307])?;
    let soort = match nummer {
        302 => MeldingSoort::Retour,
        305 => MeldingSoort::Start,
        _ => MeldingSoort::Stop,
    };
    c.path.push(("Bericht", 0));
    c.open(Ns::Message, "Header", 0, ROOT_CHILDREN)?;
    let code = soort.bericht_code(domein);
    let (text_code, pos) = c.simple(Ns::Message, "BerichtCode", HEADER_CHILDREN)?;
    if text_code.trim().parse::<u16>().ok() != Some(code) {
        let shown: String = text_code.chars().take(40).collect();
        let kind = ReadErrorKind::InvalidValue { element: "BerichtCode", value: shown, problem: ValueProblem::UnknownCode };
        return Err(c.value_error("BerichtCode", kind, pos));
    }
    let bericht_versie = c.small_number(Ns::Message, "BerichtVersie", HEADER_CHILDREN)?;
    let bericht_subversie = c.small_number(Ns::Message, "BerichtSubversie", HEADER_CHILDREN)?;
    let afzender = c.string(Ns::Message, "Afzender", HEADER_CHILDREN)?;
    let ontvanger = c.string(Ns::Message, "Ontvanger", HEADER_CHILDREN)?;
    let bericht_identificatie = c.bericht_identificatie("BerichtIdentificatie", HEADER_CHILDREN)?;
    let xsd_versie = c.xsd_versie("XsdVersie", HEADER_CHILDREN)?;
    let retour_van = if soort == MeldingSoort::Retour {
        let identificatie = c.string(Ns::Message, "IdentificatieRetour", HEADER_CHILDREN)?;
        let dagtekening = c.date(Ns::Message, "DagtekeningRetour", HEADER_CHILDREN)?;
        c.skip_optional(Ns::Message, "XsltVersie", HEADER_CHILDREN, None)?;
        c.open(Ns::Message, "XsdVersieRetour", 0, HEADER_CHILDREN)?;
        c.skip(None)?;
        c.skip_optional(Ns::Message, "RetourCodes", HEADER_CHILDREN, None)?;
        Some(BerichtIdentificatie { identificatie, dagtekening })
    } else {
        None
    };
    c.close(HEADER_CHILDREN)?;
    let header = Header { bericht_code: code, bericht_versie, bericht_subversie, afzender, ontvanger, bericht_identificatie, xsd_versie };
    let (bsn, producten) = if c.peek_is("Client")? {
        c.open(Ns::Message, "Client", 0, ROOT_CHILDREN)?;
        client(&mut c)?
    } else {
        (None, Vec::new())
    };
    c.finish(ROOT_CHILDREN)?;
    Ok(Melding { domein, soort, header, retour_van, bsn, producten })
}

/// The client part: the Bsn, then per product its toewijzing and dates; everything else is
/// read past.
fn client(c: &mut Cursor) -> Result<(Option<CompactString>, Vec<MeldingProduct>), ReadError> {
    let collected =
        c.skip_collecting(&["Bsn", "ToewijzingNummer", "Begindatum", "Einddatum"], &["StartProduct", "StopProduct", "ToegewezenProduct"])?;
    let mut bsn = None;
    let mut producten: Vec<MeldingProduct> = Vec::new();
    for (name, value) in collected {
        match (name, producten.last_mut()) {
            ("Bsn", _) if bsn.is_none() => bsn = Some(value),
            ("", _) => producten.push(MeldingProduct::default()),
            ("ToewijzingNummer", Some(p)) => p.toewijzing_nummer = value.trim().parse().ok(),
            ("Begindatum", Some(p)) => p.begindatum = value.trim().parse().ok(),
            ("Einddatum", Some(p)) => p.einddatum = value.trim().parse().ok(),
            _ => {}
        }
    }
    Ok((bsn, producten))
}
