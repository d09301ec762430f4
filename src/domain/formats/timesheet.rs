//! A timesheet (urenstaat) as a simple CSV or a Dutch spreadsheet's CSV export: per row who
//! (BSN or ToewijzingNummer), when (a date or a month) and how much (a duration in hours and
//! minutes, minutes, or a number in the toewijzing's own unit). Declareren fills its rows
//! from it. Liberal like the other CSV readers (`;`, `,` or tab, UTF-8 or Windows-1252,
//! headers in any case); every row that cannot be read is reported with its row number, none
//! is dropped silently.
//!
//! ```text
//! bsn;datum;duur
//! 999900006;06-05-2025;1:30
//! ```

use std::fmt;

use chrono::NaiveDate;
use compact_str::CompactString;

use crate::base::calendar::first_of_month;
use crate::formats::settlement::amount::{parse_amount, parse_date};
use crate::formats::settlement::read::{data_rows, decode, find_header, header_key};

/// Who a row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wie {
    Bsn(CompactString),
    Toewijzing(u64),
}

/// When the care was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanneer {
    Dag(NaiveDate),
    /// The first of the month.
    Maand(NaiveDate),
}

impl Wanneer {
    /// The first of the month the row belongs to.
    pub fn maand(self) -> NaiveDate {
        match self {
            Wanneer::Dag(d) | Wanneer::Maand(d) => first_of_month(d),
        }
    }
}

/// How much was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hoeveel {
    Minuten(u64),
    /// In the toewijzing's unit (etmalen, dagdelen, stuks).
    Aantal(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrenRij {
    /// 1-based row of the file.
    pub regel: usize,
    pub wie: Wie,
    pub wanneer: Wanneer,
    pub hoeveel: Hoeveel,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Urenstaat {
    pub rijen: Vec<UrenRij>,
    pub onleesbaar: Vec<(usize, UrenFout)>,
}

/// Why a row of a timesheet could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrenFout {
    GeenClient,
    Bsn(String),
    Toewijzing(String),
    GeenDatum,
    Datum(String),
    Maand(String),
    GeenDuur,
    Duur(DuurFout),
    Aantal(String),
}

impl fmt::Display for UrenFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrenFout::GeenClient => f.write_str("er staat geen BSN of toewijzingnummer"),
            UrenFout::Bsn(b) => write!(f, "BSN '{b}' heeft geen 9 cijfers"),
            UrenFout::Toewijzing(t) => write!(f, "toewijzingnummer '{t}' is geen getal"),
            UrenFout::GeenDatum => f.write_str("er staat geen datum of maand"),
            UrenFout::Datum(why) => f.write_str(why),
            UrenFout::Maand(m) => write!(f, "maand '{m}' is geen maand zoals 05-2025"),
            UrenFout::GeenDuur => f.write_str("er staat geen duur, aantal minuten of aantal"),
            UrenFout::Duur(why) => write!(f, "duur: {why}"),
            UrenFout::Aantal(a) => write!(f, "aantal '{a}' is geen heel getal"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrenstaatFout {
    Leeg,
    TeGroot(usize),
    GeenKopregel,
}

impl fmt::Display for UrenstaatFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrenstaatFout::Leeg => f.write_str("De urenstaat is leeg."),
            UrenstaatFout::TeGroot(mb) => write!(f, "De urenstaat is {mb} MB; Kloppend leest urenstaten tot 5 MB."),
            UrenstaatFout::GeenKopregel => f.write_str(
                "Er is geen kopregel met de kolommen van een urenstaat: bsn of toewijzingnummer, datum of maand, en duur, minuten of aantal.",
            ),
        }
    }
}

impl std::error::Error for UrenstaatFout {}

const MAX_URENSTAAT: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kolom {
    Bsn,
    Toewijzing,
    Datum,
    Maand,
    /// Hours and minutes ("1:30") or hours ("1,5").
    Duur,
    Minuten,
    Aantal,
}

impl Kolom {
    fn herken(header: &str) -> Option<Kolom> {
        let h = header_key(header);
        Some(match h.as_str() {
            "bsn" | "burgerservicenummer" | "client" | "clientbsn" => Kolom::Bsn,
            "toewijzing" | "toewijzingnummer" | "toewijzingsnummer" => Kolom::Toewijzing,
            "datum" | "dag" | "leverdatum" => Kolom::Datum,
            "maand" | "periode" => Kolom::Maand,
            "duur" | "uren" | "tijd" | "uu" => Kolom::Duur,
            "minuten" | "min" => Kolom::Minuten,
            "aantal" | "volume" | "hoeveelheid" => Kolom::Aantal,
            _ => return None,
        })
    }
}

/// The header line: who (BSN or toewijzingnummer), when (date or month) and how much.
fn header(text: &str) -> Option<(usize, u8, Vec<Option<Kolom>>)> {
    find_header(text, Kolom::herken, |kolommen| {
        let has = |k: Kolom| kolommen.contains(&Some(k));
        let who = has(Kolom::Bsn) || has(Kolom::Toewijzing);
        let when = has(Kolom::Datum) || has(Kolom::Maand);
        let much = has(Kolom::Duur) || has(Kolom::Minuten) || has(Kolom::Aantal);
        who && when && much
    })
}

pub fn read_urenstaat(bytes: &[u8]) -> Result<Urenstaat, UrenstaatFout> {
    if bytes.len() > MAX_URENSTAAT {
        return Err(UrenstaatFout::TeGroot(bytes.len() >> 20));
    }
    let (text, _) = decode(bytes);
    if text.trim().is_empty() {
        return Err(UrenstaatFout::Leeg);
    }
    let (header_index, delimiter, kolommen) = header(&text).ok_or(UrenstaatFout::GeenKopregel)?;
    let mut out = Urenstaat::default();
    for (regel, fields) in data_rows(&text, header_index, delimiter) {
        match read_row(regel, &fields, &kolommen) {
            Ok(rij) => out.rijen.push(rij),
            Err(why) => out.onleesbaar.push((regel, why)),
        }
    }
    Ok(out)
}

fn read_row(regel: usize, fields: &[String], kolommen: &[Option<Kolom>]) -> Result<UrenRij, UrenFout> {
    let get = |kolom: Kolom| kolommen.iter().position(|k| *k == Some(kolom)).and_then(|i| fields.get(i)).map(|s| s.trim()).unwrap_or("");
    let wie = match (get(Kolom::Bsn), get(Kolom::Toewijzing)) {
        (_, t) if !t.is_empty() => Wie::Toewijzing(t.parse().map_err(|_| UrenFout::Toewijzing(t.into()))?),
        ("", _) => return Err(UrenFout::GeenClient),
        // A spreadsheet drops the leading zero of a BSN.
        (b, _) if (8..=9).contains(&b.len()) && b.bytes().all(|c| c.is_ascii_digit()) => Wie::Bsn(format!("{b:0>9}").into()),
        (b, _) => return Err(UrenFout::Bsn(b.into())),
    };
    let wanneer = match (get(Kolom::Datum), get(Kolom::Maand)) {
        (d, _) if !d.is_empty() => match parse_date(d) {
            Ok(Some(date)) => Wanneer::Dag(date),
            Ok(None) => return Err(UrenFout::GeenDatum),
            Err(e) => return Err(UrenFout::Datum(e.to_string())),
        },
        ("", "") => return Err(UrenFout::GeenDatum),
        (_, m) => Wanneer::Maand(parse_maand(m).ok_or_else(|| UrenFout::Maand(m.into()))?),
    };
    let hoeveel = match (get(Kolom::Duur), get(Kolom::Minuten), get(Kolom::Aantal)) {
        (d, _, _) if !d.is_empty() => Hoeveel::Minuten(parse_duur(d).map_err(UrenFout::Duur)?),
        (_, m, _) if !m.is_empty() => Hoeveel::Minuten(m.parse().map_err(|_| UrenFout::Duur(DuurFout::Minuten(m.into())))?),
        (_, _, a) if !a.is_empty() => Hoeveel::Aantal(a.parse().map_err(|_| UrenFout::Aantal(a.into()))?),
        _ => return Err(UrenFout::GeenDuur),
    };
    Ok(UrenRij { regel, wie, wanneer, hoeveel })
}

/// "05-2025", "5-2025", "2025-05", "052025" as the first of that month.
pub fn parse_maand(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let (a, b) = t.split_once(['-', '/', ' ']).or_else(|| (t.len() == 6).then(|| t.split_at(2)))?;
    let (year, month) = if a.len() == 4 { (a, b) } else { (b, a) };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

/// Why a duration could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuurFout {
    Onleesbaar(String),
    Minuten(String),
    GeenHeleMinuut(String),
}

impl fmt::Display for DuurFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuurFout::Onleesbaar(t) => write!(f, "'{t}' is geen duur zoals 1:30 (uren:minuten) of 1,5 (uren)"),
            DuurFout::Minuten(t) => write!(f, "'{t}' is geen heel aantal minuten"),
            DuurFout::GeenHeleMinuut(t) => write!(f, "'{t}' uur is geen heel aantal minuten"),
        }
    }
}

impl std::error::Error for DuurFout {}

/// A duration in minutes: "1:30" (hours:minutes, minutes under 60), "1u30", "1,5" or "1.5"
/// (hours, to a whole minute), "8" (hours).
pub(crate) fn parse_duur(text: &str) -> Result<u64, DuurFout> {
    let t = text.trim().to_lowercase();
    let bad = || DuurFout::Onleesbaar(text.trim().to_string());
    if let Some((h, m)) = t.split_once([':', 'u']) {
        let h = h.trim();
        let m = m.trim().trim_end_matches("min").trim_end_matches('m').trim();
        let hours: u64 = if h.is_empty() { 0 } else { h.parse().map_err(|_| bad())? };
        let minutes: u64 = if m.is_empty() { 0 } else { m.parse().map_err(|_| bad())? };
        if minutes >= 60 || m.len() > 2 {
            return Err(bad());
        }
        return hours.checked_mul(60).and_then(|h| h.checked_add(minutes)).ok_or_else(bad);
    }
    // Hours with a decimal part: parsed as an amount (two decimals at most), then to minutes.
    let hundredths = match parse_amount(&t) {
        Ok(Some(v)) if v >= 0 => v as u64,
        _ => return Err(bad()),
    };
    let scaled = hundredths.checked_mul(60).ok_or_else(bad)?;
    if scaled % 100 != 0 {
        return Err(DuurFout::GeenHeleMinuut(text.trim().to_string()));
    }
    Ok(scaled / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_hours_and_minutes() {
        assert_eq!(parse_duur("1:30"), Ok(90));
        assert_eq!(parse_duur("8"), Ok(480));
        assert_eq!(parse_duur("1,5"), Ok(90));
        assert_eq!(parse_duur("0.25"), Ok(15));
        assert_eq!(parse_duur("2u15"), Ok(135));
        assert_eq!(parse_duur(":45"), Ok(45));
        assert!(matches!(parse_duur("1:75"), Err(DuurFout::Onleesbaar(_))));
        assert!(matches!(parse_duur("1,33"), Err(DuurFout::GeenHeleMinuut(_))));
        assert!(parse_duur("-1").is_err());
        assert!(parse_duur("abc").is_err());
    }

    #[test]
    fn months_in_either_order() {
        let may = NaiveDate::from_ymd_opt(2025, 5, 1);
        assert_eq!(parse_maand("05-2025"), may);
        assert_eq!(parse_maand("2025-05"), may);
        assert_eq!(parse_maand("5/2025"), may);
        assert_eq!(parse_maand("052025"), may);
        assert_eq!(parse_maand("13-2025"), None);
    }
}
