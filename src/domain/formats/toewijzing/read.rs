//! Reading a 301 with the 323/325 reader's cursor: the XSD's sequence for the header, the
//! client and every ToegewezenProduct, with located Dutch errors. The person's details the
//! XSD puts between (birth date, name, relations, contact details) are checked for their
//! order and well-formedness and read past; only the initials are kept.
//!
//! A 301 comes from the gemeente and cannot be repaired by the provider, so a value the XSD
//! does not allow refuses the file (with element, line and column) rather than loading it with
//! findings.

use chrono::NaiveTime;
use compact_str::CompactString;

use super::model::*;
use crate::formats::message::error::{ReadError, ReadErrorKind, ValueProblem};
use crate::formats::message::identity::elfproef;
use crate::formats::message::read::{Cursor, Ns, decode};
use crate::formats::message::{Domein, Eenheid, Header, ProductCategorie};

const ROOT_CHILDREN: &[&str] = &["Header", "Client"];
const HEADER_CHILDREN: &[&str] =
    &["BerichtCode", "BerichtVersie", "BerichtSubversie", "Afzender", "Ontvanger", "BerichtIdentificatie", "XsdVersie"];
const CLIENT_CHILDREN: &[&str] = &[
    "Bsn",
    "Geboortedatum",
    "Geslacht",
    "Naam",
    "Communicatie",
    "JuridischeStatus",
    "WettelijkeVertegenwoordiging",
    "Commentaar",
    "Relaties",
    "Contactgegevens",
    "ToegewezenProducten",
];
const PRODUCTEN_CHILDREN: &[&str] = &["ToegewezenProduct"];
const PRODUCT_CHILDREN: &[&str] = &[
    "ToewijzingNummer",
    "ReferentieAanbieder",
    "Product",
    "Toewijzingsdatum",
    "Toewijzingstijd",
    "Ingangsdatum",
    "Einddatum",
    "RedenWijziging",
    "Omvang",
    "Budget",
    "Commentaar",
];
const CODE_CHILDREN: &[&str] = &["Categorie", "Code"];
const OMVANG_CHILDREN: &[&str] = &["Volume", "Eenheid", "Frequentie"];

/// Read a 301 from the bytes of a file. Never panics.
pub fn read_toewijzing(bytes: &[u8]) -> Result<Toewijzingbericht, ReadError> {
    let (text, _) = decode(bytes)?;
    let mut cursor = Cursor::new(text);
    let (domein, _, _) = cursor.root(&[301])?;
    cursor.path.push(("Bericht", 0));
    let header = header(&mut cursor, domein)?;
    let client = client(&mut cursor)?;
    cursor.finish(ROOT_CHILDREN)?;
    Ok(Toewijzingbericht { domein, header, client })
}

fn bericht_code(domein: Domein) -> u16 {
    match domein {
        Domein::Wmo => 414,
        Domein::Jeugdwet => 436,
    }
}

/// A value the XSD refuses, at the element just read.
fn invalid(c: &Cursor, name: &'static str, value: &str, problem: ValueProblem, pos: usize) -> ReadError {
    let shown: String = value.chars().take(40).collect();
    c.value_error(name, ReadErrorKind::InvalidValue { element: name, value: shown, problem }, pos)
}

/// A simple element whose text must be `count` digits.
fn digits(c: &mut Cursor, name: &'static str, siblings: &[&str], count: usize, expected: &'static str) -> Result<CompactString, ReadError> {
    let (text, pos) = c.simple(Ns::Message, name, siblings)?;
    if text.len() != count || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(c, name, &text, ValueProblem::Format(expected), pos));
    }
    Ok(CompactString::from(text.as_ref()))
}

fn header(c: &mut Cursor, domein: Domein) -> Result<Header, ReadError> {
    c.open(Ns::Message, "Header", 0, ROOT_CHILDREN)?;
    let code = bericht_code(domein);
    let (text, pos) = c.simple(Ns::Message, "BerichtCode", HEADER_CHILDREN)?;
    if text.trim().parse::<u16>().ok() != Some(code) {
        return Err(invalid(
            c,
            "BerichtCode",
            &text,
            ValueProblem::Format(if code == 414 { "verwacht 414 (WMO301)" } else { "verwacht 436 (JW301)" }),
            pos,
        ));
    }
    let bericht_versie = c.small_number(Ns::Message, "BerichtVersie", HEADER_CHILDREN)?;
    let bericht_subversie = c.small_number(Ns::Message, "BerichtSubversie", HEADER_CHILDREN)?;
    let afzender = digits(c, "Afzender", HEADER_CHILDREN, 4, "verwacht een gemeentecode van 4 cijfers")?;
    let ontvanger = digits(c, "Ontvanger", HEADER_CHILDREN, 8, "verwacht een AGB-code van 8 cijfers")?;
    let bericht_identificatie = c.bericht_identificatie("BerichtIdentificatie", HEADER_CHILDREN)?;
    let id = &bericht_identificatie.identificatie;
    if id.trim().is_empty() || id.chars().count() > 12 {
        return Err(invalid(c, "Identificatie", id, ValueProblem::Format("verwacht 1 tot en met 12 tekens"), 0));
    }
    let xsd_versie = c.xsd_versie("XsdVersie", HEADER_CHILDREN)?;
    c.close(HEADER_CHILDREN)?;
    Ok(Header { bericht_code: code, bericht_versie, bericht_subversie, afzender, ontvanger, bericht_identificatie, xsd_versie })
}

fn client(c: &mut Cursor) -> Result<ToewijzingClient, ReadError> {
    c.open(Ns::Message, "Client", 0, ROOT_CHILDREN)?;
    let (bsn, pos) = c.simple(Ns::Message, "Bsn", CLIENT_CHILDREN)?;
    if bsn.len() != 9 || !bsn.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(c, "Bsn", &bsn, ValueProblem::Format("verwacht een BSN van 9 cijfers"), pos));
    }
    if !elfproef(&bsn) {
        return Err(invalid(c, "Bsn", "*****", ValueProblem::Format("het BSN voldoet niet aan de elfproef"), pos));
    }
    let bsn = CompactString::from(bsn.as_ref());
    c.open(Ns::Message, "Geboortedatum", 0, CLIENT_CHILDREN)?;
    c.skip(None)?;
    c.simple(Ns::Message, "Geslacht", CLIENT_CHILDREN)?;
    c.open(Ns::Message, "Naam", 0, CLIENT_CHILDREN)?;
    let voorletters = c.skip(Some("Voorletters"))?.filter(|v| !v.trim().is_empty());
    for optional in ["Communicatie", "JuridischeStatus", "WettelijkeVertegenwoordiging", "Commentaar", "Relaties"] {
        c.skip_optional(Ns::Message, optional, CLIENT_CHILDREN, None)?;
    }
    c.open(Ns::Message, "Contactgegevens", 0, CLIENT_CHILDREN)?;
    c.skip(None)?;
    c.open(Ns::Message, "ToegewezenProducten", 0, CLIENT_CHILDREN)?;
    let mut producten = Vec::new();
    loop {
        producten.push(product(c, producten.len() + 1)?);
        if !c.peek_is("ToegewezenProduct")? {
            break;
        }
    }
    c.close(PRODUCTEN_CHILDREN)?;
    c.close(CLIENT_CHILDREN)?;
    Ok(ToewijzingClient { bsn, voorletters, producten })
}

fn product(c: &mut Cursor, index: usize) -> Result<ToegewezenProduct, ReadError> {
    c.open(Ns::Message, "ToegewezenProduct", index, PRODUCTEN_CHILDREN)?;
    let toewijzing_nummer = c.number(Ns::Message, "ToewijzingNummer", PRODUCT_CHILDREN, false)?;
    if toewijzing_nummer > 999_999_999 {
        return Err(invalid(c, "ToewijzingNummer", &toewijzing_nummer.to_string(), ValueProblem::TooLarge, 0));
    }
    c.skip_optional(Ns::Message, "ReferentieAanbieder", PRODUCT_CHILDREN, None)?;
    let product = if c.peek_is("Product")? { Some(product_code(c)?) } else { None };
    let toewijzingsdatum = c.date(Ns::Message, "Toewijzingsdatum", PRODUCT_CHILDREN)?;
    let (tijd, pos) = c.simple(Ns::Message, "Toewijzingstijd", PRODUCT_CHILDREN)?;
    let toewijzingstijd = parse_time(&tijd).ok_or_else(|| invalid(c, "Toewijzingstijd", &tijd, ValueProblem::InvalidTime, pos))?;
    let ingangsdatum = c.date(Ns::Message, "Ingangsdatum", PRODUCT_CHILDREN)?;
    let einddatum = if c.peek_is("Einddatum")? { Some(c.date(Ns::Message, "Einddatum", PRODUCT_CHILDREN)?) } else { None };
    let reden_wijziging = if c.peek_is("RedenWijziging")? {
        let (code, pos) = c.simple(Ns::Message, "RedenWijziging", PRODUCT_CHILDREN)?;
        if reden_wijziging(&code).is_none() {
            return Err(invalid(c, "RedenWijziging", &code, ValueProblem::UnknownCode, pos));
        }
        Some(CompactString::from(code.as_ref()))
    } else {
        None
    };
    let omvang = if c.peek_is("Omvang")? { Some(omvang(c)?) } else { None };
    let budget = if c.peek_is("Budget")? { Some(c.number(Ns::Message, "Budget", PRODUCT_CHILDREN, true)?) } else { None };
    c.skip_optional(Ns::Message, "Commentaar", PRODUCT_CHILDREN, None)?;
    c.close(PRODUCT_CHILDREN)?;
    Ok(ToegewezenProduct {
        toewijzing_nummer,
        product,
        toewijzingsdatum,
        toewijzingstijd,
        ingangsdatum,
        einddatum,
        reden_wijziging,
        omvang,
        budget,
    })
}

fn product_code(c: &mut Cursor) -> Result<Product, ReadError> {
    c.open(Ns::Message, "Product", 0, PRODUCT_CHILDREN)?;
    let (categorie, pos) = c.simple(Ns::Basis, "Categorie", CODE_CHILDREN)?;
    if categorie.chars().count() != 2 {
        return Err(invalid(c, "Categorie", &categorie, ValueProblem::Format("verwacht een productcategorie van 2 tekens"), pos));
    }
    let categorie = ProductCategorie(CompactString::from(categorie.as_ref()));
    let code = if c.peek_is("Code")? {
        let (code, pos) = c.simple(Ns::Basis, "Code", CODE_CHILDREN)?;
        if code.is_empty() || code.chars().count() > 5 {
            return Err(invalid(c, "Code", &code, ValueProblem::Format("verwacht een productcode van 1 tot 5 tekens"), pos));
        }
        Some(CompactString::from(code.as_ref()))
    } else {
        None
    };
    c.close(CODE_CHILDREN)?;
    Ok(Product { categorie, code })
}

fn omvang(c: &mut Cursor) -> Result<Omvang, ReadError> {
    c.open(Ns::Message, "Omvang", 0, PRODUCT_CHILDREN)?;
    let volume = c.number(Ns::Basis, "Volume", OMVANG_CHILDREN, false)?;
    let (eenheid, pos) = c.simple(Ns::Basis, "Eenheid", OMVANG_CHILDREN)?;
    let eenheid = match Eenheid::parse(&eenheid) {
        Eenheid::Onbekend(code) => return Err(invalid(c, "Eenheid", &code, ValueProblem::UnknownCode, pos)),
        known => known,
    };
    let (frequentie, pos) = c.simple(Ns::Basis, "Frequentie", OMVANG_CHILDREN)?;
    let frequentie = Frequentie::parse(&frequentie).ok_or_else(|| invalid(c, "Frequentie", &frequentie, ValueProblem::UnknownCode, pos))?;
    c.close(OMVANG_CHILDREN)?;
    Ok(Omvang { volume, eenheid, frequentie })
}

/// xs:time without a zone: `hh:mm:ss` with optional fractional seconds.
fn parse_time(text: &str) -> Option<NaiveTime> {
    if text.contains(['Z', '+']) || text.rfind('-').is_some() {
        return None;
    }
    let whole = text.split('.').next()?;
    if whole.len() != 8 {
        return None;
    }
    NaiveTime::parse_from_str(whole, "%H:%M:%S").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_follow_xs_time_without_zone() {
        assert_eq!(parse_time("10:15:00"), NaiveTime::from_hms_opt(10, 15, 0));
        assert_eq!(parse_time("10:15:00.250"), NaiveTime::from_hms_opt(10, 15, 0));
        assert_eq!(parse_time("10:15:00Z"), None);
        assert_eq!(parse_time("10:15"), None);
        assert_eq!(parse_time("25:00:00"), None);
    }
}
