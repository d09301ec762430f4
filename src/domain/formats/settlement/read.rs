//! Reading a settlement overview CSV liberally: UTF-8 (with or without BOM) or Windows-1252,
//! `;` `,` or tab (sniffed), quoted fields, header names matched case-, accent- and
//! space-insensitively in any order. Every row is kept; a row that cannot be read is listed
//! with its line number and reason.

use chrono::NaiveDate;

use super::amount::{parse_amount, parse_date};
use super::{Kolom, Onderwerp, Overzicht, Rij, SettlementError, Toelichting, Zorgverzekeraar};

/// Read an overview. Refuses only files that are not a settlement CSV at all.
/// The largest overview read. Insurers' overviews are kilobytes; a file of this size would
/// be hundreds of thousands of rows, more than a screen or a person can use.
pub(crate) const MAX_OVERZICHT: usize = 25 * 1024 * 1024;

pub fn read_overzicht(bytes: &[u8]) -> Result<Overzicht, SettlementError> {
    if bytes.len() > MAX_OVERZICHT {
        return Err(SettlementError::TeGroot(bytes.len() >> 20));
    }
    let (text, encoding) = decode(bytes);
    let lines: Vec<&str> = text.lines().collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(SettlementError::Leeg);
    }
    if text.trim_start().starts_with('<') {
        return Err(SettlementError::GeenCsv("het is een XML-bestand".into()));
    }
    let (header_index, delimiter, kolommen) = overview_header(&lines)?;
    let header_fields = split_line(lines[header_index], delimiter);
    let extra_kolommen: Vec<(usize, String)> = kolommen
        .iter()
        .enumerate()
        .filter(|(_, k)| k.is_none())
        .map(|(i, _)| (i, header_fields.get(i).cloned().unwrap_or_default()))
        .filter(|(_, name)| !name.trim().is_empty())
        .collect();
    let ontbrekend: Vec<Kolom> = Kolom::ALLE.iter().copied().filter(|k| !kolommen.contains(&Some(*k))).collect();
    let (volgnummer, datum, vorige) = preamble(&lines[..header_index]);
    let body =
        Body { lines: &lines, header_index, delimiter, kolommen: &kolommen, extra: &extra_kolommen, header_len: header_fields.len() };
    let rijen = body.rows();
    let volgnummer = volgnummer.or_else(|| rijen.iter().find_map(|r| r.volgnummer));
    Ok(Overzicht { volgnummer, datum, vorige, encoding, delimiter: delimiter as char, rijen, ontbrekende_kolommen: ontbrekend })
}

/// The header is the first of the first 15 lines that names at least three known columns
/// (with the delimiter that names the most), and it must have a money column.
fn overview_header(lines: &[&str]) -> Result<(usize, u8, Vec<Option<Kolom>>), SettlementError> {
    let mut best: Option<(usize, u8, Vec<Option<Kolom>>)> = None;
    for (index, line) in lines.iter().enumerate().take(15) {
        for delimiter in [b';', b'\t', b','] {
            let fields = split_line(line, delimiter);
            let kolommen: Vec<Option<Kolom>> = fields.iter().map(|f| Kolom::herken(f)).collect();
            let known = kolommen.iter().flatten().count();
            if known >= 3 && best.as_ref().is_none_or(|(_, _, k)| known > k.iter().flatten().count()) {
                best = Some((index, delimiter, kolommen));
            }
        }
        if best.is_some() {
            break;
        }
    }
    let Some((header_index, delimiter, kolommen)) = best else {
        return Err(SettlementError::GeenCsv(
            "er is geen kopregel met de kolommen van een verrekenoverzicht (Onderwerp, AGBnr, Uw kenmerk, Ons kenmerk, Zorgverzekeraar, Vervaldatum, U ontvangt, U betaalt, Toelichting)".into(),
        ));
    };
    if !kolommen.contains(&Some(Kolom::UOntvangt)) && !kolommen.contains(&Some(Kolom::UBetaalt)) {
        return Err(SettlementError::GeenCsv("de kolommen 'U ontvangt' en 'U betaalt' ontbreken allebei".into()));
    }
    Ok((header_index, delimiter, kolommen))
}

/// Lines before the header may carry the overview's number, date and the previous one
/// ("Volgnummer: 12").
fn preamble(lines: &[&str]) -> (Option<u32>, Option<NaiveDate>, Option<String>) {
    let (mut volgnummer, mut datum, mut vorige) = (None, None, None);
    for line in lines {
        let (key, value) = match line.split_once([':', ';', '\t', ',']) {
            Some((k, v)) => (super::normalize(k), v.trim().trim_matches(|c| c == ';' || c == ',' || c == '"').trim()),
            None => continue,
        };
        if key.contains("volgnummer") || key.contains("overzichtnummer") {
            volgnummer = value.split(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty()).and_then(|s| s.parse().ok());
        } else if key.contains("vorige") {
            vorige = Some(value.to_string());
        } else if key.contains("datum") {
            datum = parse_date(value).ok().flatten();
        }
    }
    (volgnummer, datum, vorige)
}

/// The rows below the header and what reading them needs.
struct Body<'a> {
    lines: &'a [&'a str],
    header_index: usize,
    delimiter: u8,
    kolommen: &'a [Option<Kolom>],
    extra: &'a [(usize, String)],
    header_len: usize,
}

impl Body<'_> {
    /// Every row with its line number; a row that cannot be read is kept with why.
    fn rows(&self) -> Vec<Rij> {
        let mut rijen = Vec::new();
        let body = self.lines[self.header_index + 1..].join("\n");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(body.as_bytes());
        let mut record = csv::StringRecord::new();
        loop {
            let position_line = reader.position().line() as usize;
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) if record.iter().all(|f| f.trim().is_empty()) => {}
                Ok(true) => rijen.push(self.row(self.header_index + position_line + 1, &record)),
                Err(error) => {
                    let regel = self.header_index + 1 + error.position().map(|p| p.line() as usize).unwrap_or(position_line);
                    rijen.push(Rij::onleesbaar(regel, format!("de regel kon niet worden gelezen ({error})")));
                    break;
                }
            }
        }
        rijen
    }

    fn row(&self, regel: usize, record: &csv::StringRecord) -> Rij {
        // A quote that is not closed makes one field of the lines that follow: say so, with
        // the lines it took, instead of reading them as one row.
        let taken: usize = record.iter().map(|f| f.matches('\n').count()).sum();
        if taken > 0 {
            let last = regel + taken;
            let tot = if last >= self.lines.len() { "het einde van het bestand".to_string() } else { format!("regel {last}") };
            return Rij::onleesbaar(
                regel,
                format!(
                    "een aanhalingsteken (\") wordt niet gesloten, zodat de regels {regel} tot {tot} als één veld zijn gelezen; controleer die regels"
                ),
            );
        }
        read_row(regel, record, self.kolommen, self.extra, self.header_len)
    }
}

/// UTF-8 (BOM stripped) when valid; otherwise Windows-1252. UTF-16 with BOM is decoded too.
/// Written out rather than taken from a general encoding library: these are the only
/// encodings insurers' portals produce, and a general decoder brings every encoding's tables
/// into the WebAssembly.
pub(crate) fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), "UTF-16BE");
    }
    // UTF-16 without a BOM: text in Latin letters has a zero byte in every other place.
    match utf16_without_bom(bytes) {
        Some(true) => return (utf16(bytes, u16::from_le_bytes), "UTF-16LE"),
        Some(false) => return (utf16(bytes, u16::from_be_bytes), "UTF-16BE"),
        None => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), "windows-1252"),
    }
}

/// `Some(true)` for little-endian, `Some(false)` for big-endian, judged by where the zero
/// bytes are in the first 512: all on one side, and at least a third of the pairs.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let start = &bytes[..bytes.len().min(512) & !1];
    if start.len() < 8 {
        return None;
    }
    let pairs = start.len() / 2;
    let zeros = |offset: usize| start.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 3 >= pairs && even == 0 {
        Some(true)
    } else if even * 3 >= pairs && odd == 0 {
        Some(false)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Windows-1252: ASCII and Latin-1 except 0x80–0x9F, which hold € and typographic marks
/// (the five undefined bytes stay the C1 control of the same number, as in browsers).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•',
        '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// A header cell as the simple CSV readers (tariffs, timesheets) compare it: without BOM,
/// lower case, letters and digits only ("Toewijzing-nummer" reads as "toewijzingnummer").
pub(crate) fn header_key(cell: &str) -> String {
    cell.trim().trim_start_matches('\u{feff}').to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The header line of a simple CSV among its first five lines: its index, the delimiter
/// (`;`, tab or `,`) and what each column is (`herken`), for the first that `fits`.
pub(crate) fn find_header<K>(
    text: &str,
    herken: impl Fn(&str) -> Option<K>,
    fits: impl Fn(&[Option<K>]) -> bool,
) -> Option<(usize, u8, Vec<Option<K>>)> {
    for (index, line) in text.lines().enumerate().take(5) {
        for delimiter in [b';', b'\t', b','] {
            let kolommen: Vec<Option<K>> = split_line(line, delimiter).iter().map(|f| herken(f)).collect();
            if fits(&kolommen) {
                return Some((index, delimiter, kolommen));
            }
        }
    }
    None
}

/// The data rows after the header line: (1-based row, fields), blank rows left out.
pub(crate) fn data_rows(text: &str, header_index: usize, delimiter: u8) -> impl Iterator<Item = (usize, Vec<String>)> + '_ {
    text.lines()
        .enumerate()
        .skip(header_index + 1)
        .filter(|(_, line)| !line.chars().all(|c| c == ';' || c == ',' || c == '\t' || c.is_whitespace()))
        .map(move |(index, line)| (index + 1, split_line(line, delimiter)))
}

/// Split one line with the csv crate (quotes respected).
pub(crate) fn split_line(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(line.as_bytes());
    reader.records().next().and_then(|r| r.ok()).map(|r| r.iter().map(|f| f.to_string()).collect()).unwrap_or_default()
}

fn read_row(regel: usize, record: &csv::StringRecord, kolommen: &[Option<Kolom>], extra: &[(usize, String)], header_len: usize) -> Rij {
    let get = |kolom: Kolom| -> &str { kolommen.iter().position(|k| *k == Some(kolom)).and_then(|i| record.get(i)).unwrap_or("") };
    let mut fouten = Vec::new();
    if record.len() != header_len {
        fouten.push(format!("{} velden, de kopregel heeft er {}", record.len(), header_len));
    }
    let mut amount = |kolom: Kolom| match parse_amount(get(kolom)) {
        Ok(value) => value,
        Err(e) => {
            fouten.push(format!("{}: {e}", kolom.naam()));
            None
        }
    };
    let u_ontvangt = amount(Kolom::UOntvangt);
    let u_betaalt = amount(Kolom::UBetaalt);
    let vervaldatum: Option<NaiveDate> = match parse_date(get(Kolom::Vervaldatum)) {
        Ok(d) => d,
        Err(e) => {
            fouten.push(format!("Vervaldatum: {e}"));
            None
        }
    };
    let agb = get(Kolom::AgbNr).trim().to_string();
    let is_agb = agb.len() == 8 && agb.bytes().all(|b| b.is_ascii_digit());
    if !(agb.is_empty() || is_agb) {
        fouten.push(format!("AGBnr '{agb}' is geen AGB-code van 8 cijfers"));
    }
    if u_ontvangt.is_none() && u_betaalt.is_none() && fouten.is_empty() {
        fouten.push("er staat geen bedrag in 'U ontvangt' of 'U betaalt'".into());
    }
    let volgnummer = get(Kolom::Volgnummer).trim().parse().ok();
    Rij {
        regel,
        onderwerp: Onderwerp::herken(get(Kolom::Onderwerp)),
        agb,
        uw_kenmerk: get(Kolom::UwKenmerk).trim().to_string(),
        ons_kenmerk: get(Kolom::OnsKenmerk).trim().to_string(),
        zorgverzekeraar: Zorgverzekeraar::herken(get(Kolom::Zorgverzekeraar)),
        vervaldatum,
        u_ontvangt,
        u_betaalt,
        toelichting: Toelichting::herken(get(Kolom::Toelichting)),
        volgnummer,
        extra: extra.iter().map(|(i, name)| (name.clone(), record.get(*i).unwrap_or("").to_string())).collect(),
        ruw: record.iter().collect::<Vec<_>>().join(" | "),
        fouten,
    }
}
