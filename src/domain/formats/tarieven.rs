//! Contract tariffs as a simple CSV: per gemeente, product code and period the tariff per
//! unit (TR418: a ProductTarief other than the contract's is rejected with 0611). A provider
//! keeps these in a spreadsheet, or enters them on Instellingen (Kloppend then writes such a
//! file). Liberal like the settlement reader: `;`, `,` or tab, UTF-8 or Windows-1252, Dutch or
//! plain amounts, dd-mm-jjjj or ISO dates, headers in any case; every unreadable row is
//! reported with its row number, none is dropped silently.
//!
//! ```text
//! gemeente;productcode;eenheid;tarief;van;tot
//! 0363;02A01;uur;60,00;01-01-2025;31-12-2025
//! ```

use crate::base::text::datum;
use std::fmt;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::formats::message::Eenheid;
use crate::formats::settlement::amount::{parse_amount, parse_date};
use crate::formats::settlement::read::{data_rows, decode, find_header, header_key};

/// One tariff: from `van` (to `tot`, when given) product `product_code` of `gemeente` costs
/// `tarief` cents per `eenheid`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TariefRij {
    /// 1-based row of the file.
    pub regel: usize,
    pub gemeente: CompactString,
    pub product_code: CompactString,
    pub eenheid: Eenheid,
    pub tarief: u64,
    pub van: NaiveDate,
    pub tot: Option<NaiveDate>,
}

impl TariefRij {
    pub(crate) fn geldt_op(&self, date: NaiveDate) -> bool {
        self.van <= date && self.tot.is_none_or(|t| date <= t)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tarieven {
    pub rijen: Vec<TariefRij>,
    /// (row, why) for every row that could not be read.
    pub onleesbaar: Vec<(usize, RijFout)>,
}

/// Why a row of a tariff file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RijFout {
    Gemeente(String),
    ProductCode(String),
    Eenheid(String),
    /// The amount's own problem, in words.
    Tarief(String),
    VanOntbreekt,
    /// The date's own problem, in words.
    Datum(String),
    TotVoorVan,
}

impl fmt::Display for RijFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RijFout::Gemeente(g) => write!(f, "gemeentecode '{g}' is geen code van 4 cijfers"),
            RijFout::ProductCode(c) => write!(f, "productcode '{c}' heeft niet 1 tot 5 tekens"),
            RijFout::Eenheid(e) => write!(f, "eenheid '{e}' is geen eenheid met een tarief (uur, minuut, etmaal, dagdeel, stuks)"),
            RijFout::Tarief(why) => write!(f, "tarief: {why}"),
            RijFout::VanOntbreekt => f.write_str("de datum 'van' ontbreekt"),
            RijFout::Datum(why) => f.write_str(why),
            RijFout::TotVoorVan => f.write_str("de datum 'tot' ligt voor 'van'"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TariefError {
    Leeg,
    TeGroot(usize),
    GeenKopregel,
}

impl fmt::Display for TariefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TariefError::Leeg => f.write_str("Het tarievenbestand is leeg"),
            TariefError::TeGroot(mb) => write!(f, "Het tarievenbestand is {mb} MB; Kloppend leest tarievenbestanden tot 5 MB"),
            TariefError::GeenKopregel => f.write_str(
                "Er is geen kopregel met de kolommen van een tarievenbestand (gemeente, productcode, eenheid, tarief, van, tot)",
            ),
        }
    }
}

const MAX_TARIEVEN: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kolom {
    Gemeente,
    ProductCode,
    Eenheid,
    Tarief,
    Van,
    Tot,
}

impl Kolom {
    fn herken(header: &str) -> Option<Kolom> {
        let h = header_key(header);
        Some(match h.as_str() {
            "gemeente" | "gemeentecode" => Kolom::Gemeente,
            "productcode" | "product" => Kolom::ProductCode,
            "eenheid" => Kolom::Eenheid,
            "tarief" | "prijs" | "tariefpereenheid" => Kolom::Tarief,
            "van" | "geldigvanaf" | "vanaf" | "ingangsdatum" | "begindatum" => Kolom::Van,
            "tot" | "totenmet" | "geldigtot" | "einddatum" => Kolom::Tot,
            _ => return None,
        })
    }
}

/// The header line and delimiter, when the text is a tariff file: a line among the first five
/// that names product code and tariff.
fn header(text: &str) -> Option<(usize, u8, Vec<Option<Kolom>>)> {
    find_header(text, Kolom::herken, |k| k.contains(&Some(Kolom::ProductCode)) && k.contains(&Some(Kolom::Tarief)))
}

/// True when these bytes are a tariff file rather than a settlement overview.
pub(crate) fn is_tarieven(bytes: &[u8]) -> bool {
    bytes.len() <= MAX_TARIEVEN && header(&decode(bytes).0).is_some()
}

/// "uur", "04", "minuten": a unit in words or as its code.
fn eenheid(text: &str) -> Option<Eenheid> {
    let t = text.trim().to_lowercase();
    let e = match t.as_str() {
        "minuut" | "minuten" | "min" => Eenheid::Minuut,
        "uur" | "uren" => Eenheid::Uur,
        "etmaal" | "etmalen" => Eenheid::Etmaal,
        "dagdeel" | "dagdelen" => Eenheid::Dagdeel,
        "stuks (output)" | "output" => Eenheid::StuksOutput,
        "stuks" | "stuks (inspanning)" | "stuk" => Eenheid::StuksInspanning,
        code => Eenheid::parse(&format!("{code:0>2}")),
    };
    (!matches!(e, Eenheid::Onbekend(_) | Eenheid::Euros)).then_some(e)
}

pub fn read_tarieven(bytes: &[u8]) -> Result<Tarieven, TariefError> {
    if bytes.len() > MAX_TARIEVEN {
        return Err(TariefError::TeGroot(bytes.len() >> 20));
    }
    let (text, _) = decode(bytes);
    if text.trim().is_empty() {
        return Err(TariefError::Leeg);
    }
    let (header_index, delimiter, kolommen) = header(&text).ok_or(TariefError::GeenKopregel)?;
    let mut out = Tarieven::default();
    for (regel, fields) in data_rows(&text, header_index, delimiter) {
        match read_row(regel, &fields, &kolommen) {
            Ok(rij) => out.rijen.push(rij),
            Err(why) => out.onleesbaar.push((regel, why)),
        }
    }
    Ok(out)
}

fn read_row(regel: usize, fields: &[String], kolommen: &[Option<Kolom>]) -> Result<TariefRij, RijFout> {
    let get = |kolom: Kolom| kolommen.iter().position(|k| *k == Some(kolom)).and_then(|i| fields.get(i)).map(|s| s.trim()).unwrap_or("");
    let gemeente = get(Kolom::Gemeente);
    // A spreadsheet drops the leading zero of "0363".
    let gemeente = if (1..4).contains(&gemeente.len()) && gemeente.bytes().all(|b| b.is_ascii_digit()) {
        format!("{gemeente:0>4}")
    } else {
        gemeente.to_string()
    };
    if gemeente.len() != 4 || !gemeente.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RijFout::Gemeente(gemeente));
    }
    let product_code = get(Kolom::ProductCode);
    if product_code.is_empty() || product_code.chars().count() > 5 {
        return Err(RijFout::ProductCode(product_code.into()));
    }
    let eenheid = eenheid(get(Kolom::Eenheid)).ok_or_else(|| RijFout::Eenheid(get(Kolom::Eenheid).into()))?;
    let tarief = match parse_amount(get(Kolom::Tarief)) {
        Ok(Some(cents)) if cents >= 0 => cents as u64,
        Ok(_) => return Err(RijFout::Tarief(format!("'{}' ontbreekt of is negatief", get(Kolom::Tarief)))),
        Err(e) => return Err(RijFout::Tarief(e.to_string())),
    };
    let van = match parse_date(get(Kolom::Van)) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(RijFout::VanOntbreekt),
        Err(e) => return Err(RijFout::Datum(e.to_string())),
    };
    let tot = parse_date(get(Kolom::Tot)).map_err(|e| RijFout::Datum(e.to_string()))?;
    if tot.is_some_and(|t| t < van) {
        return Err(RijFout::TotVoorVan);
    }
    Ok(TariefRij { regel, gemeente: gemeente.into(), product_code: product_code.into(), eenheid, tarief, van, tot })
}

/// A tariff file of these rows, as Kloppend writes one for a tariff entered on Instellingen:
/// `;`, Dutch decimal comma, dd-mm-jjjj, UTF-8, CRLF.
pub fn write_tarieven(rijen: &[TariefRij]) -> String {
    let mut out = String::from("gemeente;productcode;eenheid;tarief;van;tot\r\n");
    for r in rijen {
        out.push_str(&format!(
            "{};{};{};{},{:02};{};{}\r\n",
            r.gemeente,
            r.product_code,
            r.eenheid.code(),
            r.tarief / 100,
            r.tarief % 100,
            datum(r.van),
            r.tot.map(datum).unwrap_or_default()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_tariff_file_liberally_and_names_bad_rows() {
        let text = "Gemeente;Productcode;Eenheid;Tarief;Van;Tot\n363;02A01;uur;€ 60,00;01-01-2025;31-12-2025\n0363;02A02;04;55.00;2025-01-01;\n0363;02A03;euro;10,00;01-01-2025;\n0363;;uur;1;01-01-2025;\n";
        assert!(is_tarieven(text.as_bytes()));
        let t = read_tarieven(text.as_bytes()).unwrap();
        assert_eq!(t.rijen.len(), 2);
        assert_eq!((t.rijen[0].gemeente.as_str(), t.rijen[0].tarief, t.rijen[0].eenheid.clone()), ("0363", 6000, Eenheid::Uur));
        assert_eq!(t.rijen[1].tot, None);
        assert_eq!(t.onleesbaar.iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![4, 5]);
        assert!(t.onleesbaar[0].1.to_string().contains("eenheid 'euro'"), "{:?}", t.onleesbaar);
        let again = read_tarieven(write_tarieven(&t.rijen).as_bytes()).unwrap();
        assert_eq!(
            again.rijen.iter().map(|r| (r.tarief, r.van, r.tot)).collect::<Vec<_>>(),
            t.rijen.iter().map(|r| (r.tarief, r.van, r.tot)).collect::<Vec<_>>()
        );
        assert!(!is_tarieven(b"Onderwerp;AGBnr;Uw kenmerk\nDeclaratie;1;2\n"));
    }
}
