//! Reading 323/325 bytes into the model.
//!
//! A recursive descent over quick-xml's streaming events, following the XSD's sequences
//! exactly: element order, namespaces (message vs basisschema) and cardinalities are checked
//! while reading, so a file that does not have the standard's structure is refused with a
//! Dutch error that names the element, the line and the column. Values are converted to
//! their types here; value facets (lengths, patterns, code lists) are left to the validator,
//! so such a file still loads and shows what is wrong.
//!
//! Speed: one pass, no DOM, borrowed text; short strings are inline (`CompactString`).

use std::borrow::Cow;

use chrono::NaiveDate;
use compact_str::CompactString;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::codes::{BerichtType, Domein, Eenheid, ProductCategorie, Release, RetourCode, Soort, andere_berichtnaam};
use super::error::{ReadError, ReadErrorKind, ValueProblem, XmlProblem};
use super::model::*;
use crate::base::money::{BedragMetDc, DebetCredit};
use crate::diagnostics::findings::{SourceMap, find_end_tag, find_start_tag, location_of};

/// The model plus where its parts start in the (BOM-stripped) text.
#[derive(Debug, Clone)]
pub struct Read {
    pub bericht: Bericht,
    pub source_map: SourceMap,
    /// Offset of the text within the original bytes (3 when a UTF-8 BOM was stripped).
    pub text_offset: usize,
}

/// Read a message from the bytes of a file. Never panics.
pub fn read(bytes: &[u8]) -> Result<Read, ReadError> {
    let (text, text_offset) = decode(bytes)?;
    let mut cursor = Cursor::new(text);
    let (domein, nummer, release) = cursor.root(&[323, 325])?;
    let bericht_type = BerichtType { domein, soort: if nummer == 323 { Soort::Declaratie } else { Soort::Antwoord } };
    cursor.path.push(("Bericht", 0));
    let mut map = SourceMap::default();
    let bericht = match bericht_type.soort {
        Soort::Declaratie => {
            let header = cursor.header(bericht_type, &mut map)?;
            let declaratie = cursor.declaratie(&mut map)?;
            Bericht::Declaratie(Declaratiebericht { domein: bericht_type.domein, release, header, declaratie })
        }
        Soort::Antwoord => {
            let header = cursor.antwoord_header(bericht_type, &mut map)?;
            let declaratie_antwoord =
                if cursor.peek_is("DeclaratieAntwoord")? { Some(cursor.declaratie_antwoord(&mut map)?) } else { None };
            Bericht::Antwoord(Antwoordbericht { domein: bericht_type.domein, release, header, declaratie_antwoord })
        }
    };
    cursor.finish(ROOT_CHILDREN)?;
    Ok(Read { bericht, source_map: map, text_offset })
}

/// Checks the encoding and returns the text without BOM. Only UTF-8 is accepted: that is
/// what the standard prescribes (OP192) and what VECOZO takes.
pub(crate) fn decode(bytes: &[u8]) -> Result<(&str, usize), ReadError> {
    let fatal = |kind| ReadError::new(kind);
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err(fatal(ReadErrorKind::Utf32));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(fatal(ReadErrorKind::Utf16));
    }
    if bytes.len() >= 2 && (bytes[0] == 0 || bytes[1] == 0) && bytes[..2].contains(&b'<') {
        return Err(fatal(ReadErrorKind::Utf16));
    }
    let (body, offset) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fatal(ReadErrorKind::Empty));
    }
    if body.starts_with(b"%PDF") {
        return Err(fatal(ReadErrorKind::NotXml { hint: Some("het is een PDF-bestand") }));
    }
    if body.starts_with(b"PK\x03\x04") {
        return Err(fatal(ReadErrorKind::NotXml { hint: Some("het is een ZIP-bestand") }));
    }
    for (magic, hint) in [
        (&b"\x89PNG"[..], "het is een PNG-afbeelding"),
        (&b"\xff\xd8\xff"[..], "het is een JPEG-afbeelding"),
        (&b"\xd0\xcf\x11\xe0"[..], "het is een oud Office-bestand (Word of Excel)"),
    ] {
        if body.starts_with(magic) {
            return Err(fatal(ReadErrorKind::NotXml { hint: Some(hint) }));
        }
    }
    let text =
        std::str::from_utf8(body).map_err(|e| ReadError::new(ReadErrorKind::InvalidUtf8).at(location_of(body, e.valid_up_to()), None))?;
    // XML 1.0 allows no control characters but tab, line feed and carriage return; the XML
    // reader does not check text for them, so a NUL would otherwise be stored as a message.
    if let Some(at) = body.iter().position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) {
        return Err(ReadError::new(ReadErrorKind::ControlCharacter(body[at])).at(location_of(body, at), None));
    }
    if !text.trim_start().starts_with('<') {
        return Err(fatal(ReadErrorKind::NotXml { hint: None }));
    }
    Ok((text, offset))
}

const ROOT_CHILDREN: &[&str] = &["Header", "Declaratie", "DeclaratieAntwoord"];
const HEADER_CHILDREN: &[&str] = &[
    "BerichtCode",
    "BerichtVersie",
    "BerichtSubversie",
    "Afzender",
    "Ontvanger",
    "BerichtIdentificatie",
    "XsdVersie",
    "DeclaratieIdentificatie",
    "XsltVersie",
    "XsdVersieDeclaratie",
    "RetourCodes",
];
const BERICHT_ID_CHILDREN: &[&str] = &["Identificatie", "Dagtekening"];
const XSD_VERSIE_CHILDREN: &[&str] = &["BasisschemaXsdVersie", "BerichtXsdVersie"];
const PERIODE_CHILDREN: &[&str] = &["Begindatum", "Einddatum"];
const BEDRAG_CHILDREN: &[&str] = &["Bedrag", "TotaalBedrag", "DebetCredit"];
const DECLARATIE_CHILDREN: &[&str] = &[
    "DeclaratieNummer",
    "DeclaratiePeriode",
    "DeclaratieDagtekening",
    "TotaalIngediendBedrag",
    "TotaalToegekendBedrag",
    "Clienten",
    "RetourCodes",
];
const CLIENTEN_CHILDREN: &[&str] = &["Client"];
const CLIENT_CHILDREN: &[&str] = &["Bsn", "Prestaties", "RetourCodes"];
const PRESTATIES_CHILDREN: &[&str] = &["Prestatie"];
const PRESTATIE_CHILDREN: &[&str] = &[
    "ProductReferentie",
    "ToewijzingNummer",
    "ProductCategorie",
    "ProductCode",
    "ProductPeriode",
    "GeleverdVolume",
    "Eenheid",
    "ProductTarief",
    "IngediendBedrag",
    "RetourCodes",
];
const REFERENTIE_CHILDREN: &[&str] = &["ReferentieNummer", "VorigReferentieNummer"];
const RETOURCODES_CHILDREN: &[&str] = &["RetourCode"];

/// Which namespace an element is in, relative to the message being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Message,
    Basis,
    Other,
}

/// A structural token: element start or end, or end of input. `pos` of an end tag may point
/// at whitespace before it (it is only used for error messages, via `tag_at`).
enum Tok<'i> {
    Start { ns: Ns, local: &'i str, pos: usize },
    End { pos: usize },
    Eof,
}

/// A namespace prefix in scope ("" is the default namespace), declared on the element at
/// `depth` (the root is depth 1).
struct Binding {
    depth: usize,
    prefix: CompactString,
    ns: Ns,
}

/// Namespaces are resolved here rather than by quick-xml's `NsReader`: bindings are nearly
/// always declared once on the root, so a prefix lookup in a two-entry table replaces a
/// resolver push and attribute scan for every element (about 12% of reading time).
pub(crate) struct Cursor<'i> {
    reader: Reader<&'i [u8]>,
    text: &'i str,
    message_ns: String,
    basis_ns: String,
    bindings: Vec<Binding>,
    depth: usize,
    peeked: Option<Tok<'i>>,
    /// Element path for error messages: name and 1-based index (0: not repeated).
    pub(crate) path: Vec<(&'static str, usize)>,
    /// The first attribute the schemas do not allow (position, element, attribute). The
    /// gemeente's XSD validation rejects such a message, so it is refused once read; noted
    /// here rather than returned from `enter`, which every element passes.
    stray_attribute: Option<(usize, String, String)>,
}

impl<'i> Cursor<'i> {
    pub(crate) fn new(text: &'i str) -> Self {
        let mut reader = Reader::from_reader(text.as_bytes());
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        // Whitespace between elements is skipped by quick-xml itself; `content()` switches
        // trimming off while reading a value, so values keep their whitespace (xs:string
        // preserves it).
        config.trim_text_start = true;
        config.trim_text_end = false;
        Cursor {
            reader,
            text,
            message_ns: String::new(),
            basis_ns: String::new(),
            bindings: Vec::new(),
            stray_attribute: None,
            depth: 0,
            peeked: None,
            path: Vec::new(),
        }
    }

    // ---- namespaces ---------------------------------------------------------------------

    fn classify(&self, namespace: &str) -> Ns {
        if namespace == self.message_ns {
            Ns::Message
        } else if namespace == self.basis_ns {
            Ns::Basis
        } else {
            Ns::Other
        }
    }

    /// The `xmlns` declarations of a start tag, as (prefix, namespace).
    fn declarations(start: &BytesStart) -> Vec<(CompactString, String)> {
        let raw = start.attributes_raw();
        if raw.is_empty() || !raw.contains("xmlns") {
            return Vec::new();
        }
        start
            .attributes()
            .filter_map(|a| a.ok())
            .filter_map(|a| {
                let key: &str = a.key.as_ref();
                let prefix = if key == "xmlns" { "" } else { key.strip_prefix("xmlns:")? };
                let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.into_owned();
                Some((CompactString::from(prefix), value))
            })
            .collect()
    }

    fn lookup(&self, prefix: &str) -> Ns {
        let prefix = prefix.as_bytes();
        self.bindings
            .iter()
            .rev()
            .find(|b| b.prefix.len() == prefix.len() && b.prefix.as_bytes() == prefix)
            .map(|b| b.ns)
            .unwrap_or(Ns::Other)
    }

    /// Enter an element: its position, local name and namespace.
    fn enter(&mut self, start: &BytesStart, before: usize) -> (usize, &'i str, Ns) {
        // quick-xml stands just after '>': the tag began `len + 2` bytes earlier.
        let end = self.reader.buffer_position() as usize;
        let pos = match end.checked_sub(start.len() + 2) {
            Some(p) if self.text.as_bytes().get(p) == Some(&b'<') => p,
            _ => self.tag_at(before),
        };
        self.depth += 1;
        if self.stray_attribute.is_none() && !start.attributes_raw().trim_ascii().is_empty() {
            self.note_stray_attribute(start, pos);
        }
        for (prefix, namespace) in Self::declarations(start) {
            let ns = self.classify(&namespace);
            self.bindings.push(Binding { depth: self.depth, prefix, ns });
        }
        let name_len = start.name().as_ref().len();
        let qname = self.text.get(pos + 1..pos + 1 + name_len).unwrap_or("");
        // A byte loop: names are short, and `str::find` costs more in setup than in searching.
        let (prefix, local) = match qname.bytes().position(|b| b == b':') {
            Some(colon) => (&qname[..colon], &qname[colon + 1..]),
            None => ("", qname),
        };
        (pos, local, self.lookup(prefix))
    }

    /// Notes the first attribute of this start tag that is not a namespace declaration or an
    /// `xsi:` attribute (the only ones an XSD processor allows on these elements).
    fn note_stray_attribute(&mut self, start: &BytesStart, pos: usize) {
        let qname = start.name();
        let element: &str = qname.as_ref();
        let element = element.to_string();
        for attribute in start.attributes() {
            let key = match &attribute {
                Ok(a) => {
                    let key: &str = a.key.as_ref();
                    key.to_string()
                }
                Err(_) => "(onleesbaar)".to_string(),
            };
            if attribute.is_err() || !(key == "xmlns" || key.starts_with("xmlns:") || key.starts_with("xsi:")) {
                let shown: String = key.chars().take(40).collect();
                self.stray_attribute = Some((pos, element, shown));
                return;
            }
        }
    }

    /// Leave an element: drop the bindings it declared.
    fn leave(&mut self) {
        while self.bindings.last().is_some_and(|b| b.depth == self.depth) {
            self.bindings.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    // ---- errors -------------------------------------------------------------------------

    pub(crate) fn error_at(&self, kind: ReadErrorKind, pos: usize) -> ReadError {
        ReadError::new(kind).at(location_of(self.text.as_bytes(), pos), Some(self.render_path()))
    }

    /// An error about the value of the simple element `name` just read (already popped from the path).
    pub(crate) fn value_error(&self, name: &'static str, kind: ReadErrorKind, pos: usize) -> ReadError {
        let path = format!("{}/{name}", self.render_path());
        ReadError::new(kind).at(location_of(self.text.as_bytes(), pos), Some(path))
    }

    fn render_path(&self) -> String {
        let mut out = String::new();
        for (name, index) in &self.path {
            out.push('/');
            out.push_str(name);
            if *index > 0 {
                out.push_str(&format!("[{index}]"));
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    fn xml_error(&self, error: quick_xml::Error) -> ReadError {
        let pos = self.reader.error_position() as usize;
        let problem = match error {
            quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::MismatchedEndTag { expected, found }) => {
                XmlProblem::MismatchedEndTag { expected, found }
            }
            quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::UnmatchedEndTag(found)) => XmlProblem::UnmatchedEndTag(found),
            quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::MissingEndTag(_)) => {
                return self.error_at(ReadErrorKind::Truncated, self.text.len());
            }
            quick_xml::Error::Syntax(syntax) => {
                // Unclosed markup at the end of the input is a cut-off file.
                if pos >= self.text.trim_end().len().saturating_sub(1) || self.reader.buffer_position() as usize >= self.text.len() {
                    return self.error_at(ReadErrorKind::Truncated, self.text.len());
                }
                XmlProblem::Syntax(syntax.to_string())
            }
            quick_xml::Error::Namespace(ns) => XmlProblem::Namespace(ns.to_string()),
            quick_xml::Error::Escape(escape) => XmlProblem::Escape(escape.to_string()),
            other => XmlProblem::Other(other.to_string()),
        };
        self.error_at(ReadErrorKind::Malformed(problem), pos)
    }

    // ---- tokens -------------------------------------------------------------------------

    /// The `<` of a tag read from `pos`: quick-xml skipped any whitespace before it.
    fn tag_at(&self, pos: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = pos;
        while at < bytes.len() && bytes[at] != b'<' {
            at += 1;
        }
        at
    }

    /// Next structural token; skips comments, processing instructions and whitespace.
    /// Non-whitespace text between elements is an error (the XSD has element-only content).
    fn next(&mut self) -> Result<Tok<'i>, ReadError> {
        if let Some(tok) = self.peeked.take() {
            return Ok(tok);
        }
        loop {
            let pos = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.xml_error(error)),
            };
            match event {
                Event::Start(start) => {
                    let (pos, local, ns) = self.enter(&start, pos);
                    return Ok(Tok::Start { ns, local, pos });
                }
                Event::End(_) => {
                    self.leave();
                    return Ok(Tok::End { pos });
                }
                Event::Eof => return Ok(Tok::Eof),
                Event::Text(text) => {
                    let content = text.into_inner();
                    if let Some(offset) = content.find(|c: char| !is_xml_space(c)) {
                        let snippet: String = content[offset..].chars().take(30).collect();
                        return Err(self.error_at(ReadErrorKind::UnexpectedText(snippet), pos + offset));
                    }
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.error_at(ReadErrorKind::UnexpectedText(String::from("…")), pos));
                }
                Event::DocType(_) => return Err(self.error_at(ReadErrorKind::DoctypeNotAllowed, pos)),
                Event::Decl(_) => return Err(self.error_at(ReadErrorKind::Malformed(XmlProblem::MisplacedDeclaration), pos)),
                Event::Comment(_) | Event::PI(_) => {}
                // `expand_empty_elements` is on, so quick-xml reports `<x/>` as Start + End.
                Event::Empty(_) => return Err(self.error_at(ReadErrorKind::Malformed(XmlProblem::Other(String::new())), pos)),
            }
        }
    }

    pub(crate) fn peek_is(&mut self, name: &str) -> Result<bool, ReadError> {
        let tok = match self.peeked.take() {
            Some(tok) => tok,
            None => self.next()?,
        };
        let is = matches!(tok, Tok::Start { local, .. } if local == name);
        self.peeked = Some(tok);
        Ok(is)
    }

    /// Expect the start of `name` in namespace `ns`; `siblings` are the element names allowed
    /// in this parent, to tell "out of order" from "unknown element".
    pub(crate) fn open(&mut self, ns: Ns, name: &'static str, index: usize, siblings: &[&str]) -> Result<usize, ReadError> {
        match self.next()? {
            Tok::Start { ns: found_ns, local, pos } if local == name => {
                if found_ns != ns {
                    let expected = if ns == Ns::Message { self.message_ns.clone() } else { self.basis_ns.clone() };
                    self.path.push((name, index));
                    return Err(self.error_at(ReadErrorKind::WrongNamespace { element: name, expected }, pos));
                }
                self.path.push((name, index));
                Ok(pos)
            }
            Tok::Start { local, pos, .. } => {
                let kind = if siblings.contains(&local) {
                    // The expected element is either missing or comes later: look ahead in the
                    // text (only on this error path) to say which.
                    let parent_end =
                        self.path.last().and_then(|(parent, _)| find_end_tag(self.text.as_bytes(), pos, parent)).unwrap_or(self.text.len());
                    match find_start_tag(self.text.as_bytes(), pos, name) {
                        Some(later) if later < parent_end => ReadErrorKind::OutOfOrder { found: local.into(), expected: name },
                        _ => ReadErrorKind::MissingElement { expected: name, found: Some(local.into()) },
                    }
                } else {
                    ReadErrorKind::UnexpectedElement { found: local.into(), expected: Some(name) }
                };
                Err(self.error_at(kind, pos))
            }
            Tok::End { pos } => Err(self.error_at(ReadErrorKind::MissingElement { expected: name, found: None }, self.tag_at(pos))),
            Tok::Eof => Err(self.error_at(ReadErrorKind::Truncated, self.text.len())),
        }
    }

    /// Expect the end of the current element.
    pub(crate) fn close(&mut self, siblings: &[&str]) -> Result<(), ReadError> {
        match self.next()? {
            Tok::End { .. } => {
                self.path.pop();
                Ok(())
            }
            Tok::Start { local, pos, .. } => {
                let kind = if siblings.contains(&local) {
                    ReadErrorKind::OutOfOrderOrRepeated { found: local.into() }
                } else {
                    ReadErrorKind::UnexpectedElement { found: local.into(), expected: None }
                };
                Err(self.error_at(kind, pos))
            }
            Tok::Eof => Err(self.error_at(ReadErrorKind::Truncated, self.text.len())),
        }
    }

    /// The text content of a simple element whose start tag was just read; consumes its end.
    pub(crate) fn content(&mut self) -> Result<Cow<'i, str>, ReadError> {
        self.reader.config_mut().trim_text_start = false;
        let result = self.content_untrimmed();
        self.reader.config_mut().trim_text_start = true;
        result
    }

    fn content_untrimmed(&mut self) -> Result<Cow<'i, str>, ReadError> {
        let mut value: Option<Cow<'i, str>> = None;
        loop {
            let pos = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.xml_error(error)),
            };
            let piece: Cow<'i, str> = match event {
                Event::Text(text) => text.into_inner(),
                Event::CData(data) => data.into_inner(),
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(ch)) => Some(ch),
                        Ok(None) => predefined_entity(&reference.into_inner()),
                        Err(_) => None,
                    };
                    match resolved {
                        Some(ch) => Cow::Owned(ch.to_string()),
                        None => {
                            let name = self.text.get(pos + 1..).and_then(|s| s.split(';').next()).unwrap_or("");
                            return Err(self.error_at(ReadErrorKind::UnknownEntity(name.into()), pos));
                        }
                    }
                }
                Event::End(_) => {
                    self.leave();
                    self.path.pop();
                    return Ok(value.unwrap_or(Cow::Borrowed("")));
                }
                Event::Start(start) => {
                    let (pos, local, _) = self.enter(&start, pos);
                    return Err(self.error_at(ReadErrorKind::ElementInSimpleContent { found: local.into() }, pos));
                }
                Event::Eof => return Err(self.error_at(ReadErrorKind::Truncated, self.text.len())),
                Event::DocType(_) => return Err(self.error_at(ReadErrorKind::DoctypeNotAllowed, pos)),
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) => continue,
                Event::Empty(_) => return Err(self.error_at(ReadErrorKind::Malformed(XmlProblem::Other(String::new())), pos)),
            };
            value = Some(match value {
                None => piece,
                Some(previous) => Cow::Owned(previous.into_owned() + &piece),
            });
        }
    }

    pub(crate) fn simple(&mut self, ns: Ns, name: &'static str, siblings: &[&str]) -> Result<(Cow<'i, str>, usize), ReadError> {
        let pos = self.open(ns, name, 0, siblings)?;
        Ok((self.content()?, pos))
    }

    pub(crate) fn string(&mut self, ns: Ns, name: &'static str, siblings: &[&str]) -> Result<CompactString, ReadError> {
        Ok(CompactString::from(self.simple(ns, name, siblings)?.0.as_ref()))
    }

    pub(crate) fn number(&mut self, ns: Ns, name: &'static str, siblings: &[&str], amount: bool) -> Result<u64, ReadError> {
        let (text, pos) = self.simple(ns, name, siblings)?;
        parse_integer(&text, amount)
            .map_err(|problem| self.value_error(name, ReadErrorKind::InvalidValue { element: name, value: shorten(&text), problem }, pos))
    }

    pub(crate) fn small_number(&mut self, ns: Ns, name: &'static str, siblings: &[&str]) -> Result<u8, ReadError> {
        let (text, pos) = self.simple(ns, name, siblings)?;
        parse_integer(&text, false)
            .and_then(|n| u8::try_from(n).map_err(|_| ValueProblem::TooLarge))
            .map_err(|problem| self.value_error(name, ReadErrorKind::InvalidValue { element: name, value: shorten(&text), problem }, pos))
    }

    pub(crate) fn date(&mut self, ns: Ns, name: &'static str, siblings: &[&str]) -> Result<NaiveDate, ReadError> {
        let (text, pos) = self.simple(ns, name, siblings)?;
        parse_date(&text)
            .map_err(|problem| self.value_error(name, ReadErrorKind::InvalidValue { element: name, value: shorten(&text), problem }, pos))
    }

    pub(crate) fn optional_string(&mut self, ns: Ns, name: &'static str, siblings: &[&str]) -> Result<Option<CompactString>, ReadError> {
        if self.peek_is(name)? { self.string(ns, name, siblings).map(Some) } else { Ok(None) }
    }

    // ---- document -------------------------------------------------------------------------

    /// Reads up to and including the root start tag and identifies the message: its domain,
    /// its number (one of `accept`; any other iStandaard message is refused by name) and release.
    pub(crate) fn root(&mut self, accept: &[u16]) -> Result<(Domein, u16, Release), ReadError> {
        loop {
            let pos = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.xml_error(error)),
            };
            match event {
                // The XML declaration must open the text (after the BOM): quick-xml also
                // reports one after a comment or processing instruction.
                Event::Decl(_) if pos != 0 => {
                    return Err(self.error_at(ReadErrorKind::Malformed(XmlProblem::MisplacedDeclaration), pos));
                }
                Event::Decl(decl) => {
                    if let Some(Ok(encoding)) = decl.encoding() {
                        let encoding = encoding.into_owned();
                        let normalized = encoding.to_ascii_lowercase().replace(['-', '_'], "");
                        if normalized != "utf8" {
                            return Err(self.error_at(ReadErrorKind::UnsupportedEncoding(encoding), pos));
                        }
                    }
                }
                Event::DocType(_) => return Err(self.error_at(ReadErrorKind::DoctypeNotAllowed, pos)),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) if text.as_ref().chars().all(is_xml_space) => {}
                Event::Start(start) => {
                    // The root's declarations decide which namespace is the message's.
                    let declarations = Self::declarations(&start);
                    let qname = start.name();
                    let prefix: String = qname.prefix().map(|p| p.as_ref().to_string()).unwrap_or_default();
                    let namespace = declarations.iter().find(|(p, _)| *p == prefix).map(|(_, ns)| ns.clone()).unwrap_or_default();
                    let (pos, local, _) = self.enter(&start, pos);
                    let identified = identify_namespace(&namespace);
                    let (domein, nummer, release) = match identified {
                        Some(NamespaceInfo { domein, release, nummer }) if local == "Bericht" => {
                            if !accept.contains(&nummer) {
                                let naam = format!("{}{}", domein.prefix().to_uppercase(), nummer);
                                let kind = ReadErrorKind::OtherMessage { naam, nummer, omschrijving: andere_berichtnaam(nummer) };
                                return Err(self.error_at(kind, pos));
                            }
                            if release.major != 3 {
                                let naam = format!("{}{}", domein.prefix().to_uppercase(), nummer);
                                return Err(self.error_at(ReadErrorKind::UnsupportedRelease { naam, release }, pos));
                            }
                            (domein, nummer, release)
                        }
                        _ => {
                            return Err(self.error_at(ReadErrorKind::NotIstandaard { root: local.into(), namespace }, pos));
                        }
                    };
                    self.message_ns = namespace;
                    self.basis_ns = BerichtType { domein, soort: Soort::Declaratie }.basisschema_namespace(release);
                    // `enter` classified the root's bindings before the namespaces were known.
                    self.bindings.clear();
                    for (prefix, namespace) in declarations {
                        let ns = self.classify(&namespace);
                        self.bindings.push(Binding { depth: self.depth, prefix, ns });
                    }
                    return Ok((domein, nummer, release));
                }
                Event::Eof => return Err(self.error_at(ReadErrorKind::Truncated, self.text.len())),
                _ => return Err(self.error_at(ReadErrorKind::NotXml { hint: None }, pos)),
            }
        }
    }

    /// Closes the root element and checks what follows it; a stray attribute anywhere refuses
    /// the file only now, once its structure is known to be right.
    pub(crate) fn finish(&mut self, root_children: &[&str]) -> Result<(), ReadError> {
        self.close(root_children)?;
        self.path.pop();
        self.epilog()?;
        if let Some((pos, element, attribute)) = self.stray_attribute.take() {
            let kind = ReadErrorKind::UnexpectedAttribute { element, attribute };
            return Err(ReadError::new(kind).at(location_of(self.text.as_bytes(), pos), None));
        }
        Ok(())
    }

    /// Reads past the content of the element just opened, up to and including its end tag
    /// (well-formedness is still checked), keeping only the text of the first descendant named
    /// `keep`. For the parts of a message Kloppend must not hold, such as names and addresses.
    pub(crate) fn skip(&mut self, keep: Option<&'static str>) -> Result<Option<CompactString>, ReadError> {
        let kept = self.skip_collecting(keep.as_slice(), &[])?;
        Ok(kept.into_iter().next().map(|(_, text)| text))
    }

    /// Like [`Cursor::skip`], collecting the text of every descendant named in `keep` (in
    /// document order, as (name, text)) and an empty name for the start of every element named
    /// in `groups`, so a caller can tell which product a value belongs to.
    pub(crate) fn skip_collecting(
        &mut self,
        keep: &[&'static str],
        groups: &[&str],
    ) -> Result<Vec<(&'static str, CompactString)>, ReadError> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        if let Some(Tok::Start { .. }) = self.peeked.take() {
            depth += 1;
        }
        while depth > 0 {
            let pos = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.xml_error(error)),
            };
            match event {
                Event::Start(start) => {
                    let (_, local, _) = self.enter(&start, pos);
                    if groups.contains(&local) {
                        out.push(("", CompactString::default()));
                    }
                    if let Some(name) = keep.iter().find(|k| **k == local) {
                        self.path.push(("…", 0));
                        out.push((*name, CompactString::from(self.content()?.as_ref())));
                    } else {
                        depth += 1;
                    }
                }
                Event::End(_) => {
                    self.leave();
                    depth -= 1;
                }
                Event::Eof => return Err(self.error_at(ReadErrorKind::Truncated, self.text.len())),
                Event::DocType(_) => return Err(self.error_at(ReadErrorKind::DoctypeNotAllowed, pos)),
                Event::GeneralRef(reference) => {
                    let known = matches!(reference.resolve_char_ref(), Ok(Some(_))) || predefined_entity(&reference.into_inner()).is_some();
                    if !known {
                        return Err(self.error_at(ReadErrorKind::UnknownEntity(String::from("…")), pos));
                    }
                }
                Event::Text(_) | Event::CData(_) | Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::Empty(_) => {}
            }
        }
        self.path.pop();
        Ok(out)
    }

    /// Opens `name` when it is next, and skips it (see [`Cursor::skip`]).
    pub(crate) fn skip_optional(
        &mut self,
        ns: Ns,
        name: &'static str,
        siblings: &[&str],
        keep: Option<&'static str>,
    ) -> Result<Option<CompactString>, ReadError> {
        if !self.peek_is(name)? {
            return Ok(None);
        }
        self.open(ns, name, 0, siblings)?;
        self.skip(keep)
    }

    /// After the root element only comments, processing instructions and whitespace may follow.
    fn epilog(&mut self) -> Result<(), ReadError> {
        match self.next()? {
            Tok::Eof => Ok(()),
            Tok::Start { local, pos, .. } => {
                Err(self.error_at(ReadErrorKind::UnexpectedElement { found: local.into(), expected: None }, pos))
            }
            Tok::End { pos } => Err(self.error_at(ReadErrorKind::Malformed(XmlProblem::UnmatchedEndTag(String::new())), self.tag_at(pos))),
        }
    }

    fn header_fields(&mut self, bericht_type: BerichtType) -> Result<Header, ReadError> {
        let (code_text, code_pos) = self.simple(Ns::Message, "BerichtCode", HEADER_CHILDREN)?;
        let bericht_code = code_text.trim_matches(is_xml_space).parse::<u16>().ok();
        if bericht_code != Some(bericht_type.bericht_code()) {
            let kind = ReadErrorKind::BerichtCodeMismatch { bericht_type, found: shorten(&code_text) };
            return Err(self.value_error("BerichtCode", kind, code_pos));
        }
        Ok(Header {
            bericht_code: bericht_type.bericht_code(),
            bericht_versie: self.small_number(Ns::Message, "BerichtVersie", HEADER_CHILDREN)?,
            bericht_subversie: self.small_number(Ns::Message, "BerichtSubversie", HEADER_CHILDREN)?,
            afzender: self.string(Ns::Message, "Afzender", HEADER_CHILDREN)?,
            ontvanger: self.string(Ns::Message, "Ontvanger", HEADER_CHILDREN)?,
            bericht_identificatie: self.bericht_identificatie("BerichtIdentificatie", HEADER_CHILDREN)?,
            xsd_versie: self.xsd_versie("XsdVersie", HEADER_CHILDREN)?,
        })
    }

    fn header(&mut self, bericht_type: BerichtType, map: &mut SourceMap) -> Result<Header, ReadError> {
        map.header = self.open(Ns::Message, "Header", 0, ROOT_CHILDREN)?;
        let header = self.header_fields(bericht_type)?;
        self.close(HEADER_CHILDREN)?;
        Ok(header)
    }

    fn antwoord_header(&mut self, bericht_type: BerichtType, map: &mut SourceMap) -> Result<AntwoordHeader, ReadError> {
        map.header = self.open(Ns::Message, "Header", 0, ROOT_CHILDREN)?;
        let header = self.header_fields(bericht_type)?;
        let declaratie_identificatie = self.bericht_identificatie("DeclaratieIdentificatie", HEADER_CHILDREN)?;
        let xslt_versie = self.optional_string(Ns::Message, "XsltVersie", HEADER_CHILDREN)?;
        let xsd_versie_declaratie = self.xsd_versie("XsdVersieDeclaratie", HEADER_CHILDREN)?;
        let retour_codes = self.retour_codes(HEADER_CHILDREN)?;
        self.close(HEADER_CHILDREN)?;
        Ok(AntwoordHeader { header, declaratie_identificatie, xslt_versie, xsd_versie_declaratie, retour_codes })
    }

    pub(crate) fn bericht_identificatie(&mut self, name: &'static str, siblings: &[&str]) -> Result<BerichtIdentificatie, ReadError> {
        self.open(Ns::Message, name, 0, siblings)?;
        let identificatie = self.string(Ns::Basis, "Identificatie", BERICHT_ID_CHILDREN)?;
        let dagtekening = self.date(Ns::Basis, "Dagtekening", BERICHT_ID_CHILDREN)?;
        self.close(BERICHT_ID_CHILDREN)?;
        Ok(BerichtIdentificatie { identificatie, dagtekening })
    }

    pub(crate) fn xsd_versie(&mut self, name: &'static str, siblings: &[&str]) -> Result<XsdVersie, ReadError> {
        self.open(Ns::Message, name, 0, siblings)?;
        let basisschema_xsd_versie = self.string(Ns::Basis, "BasisschemaXsdVersie", XSD_VERSIE_CHILDREN)?;
        let bericht_xsd_versie = self.string(Ns::Basis, "BerichtXsdVersie", XSD_VERSIE_CHILDREN)?;
        self.close(XSD_VERSIE_CHILDREN)?;
        Ok(XsdVersie { basisschema_xsd_versie, bericht_xsd_versie })
    }

    pub(crate) fn periode(&mut self, name: &'static str, siblings: &[&str]) -> Result<Periode, ReadError> {
        self.open(Ns::Message, name, 0, siblings)?;
        let begindatum = self.date(Ns::Basis, "Begindatum", PERIODE_CHILDREN)?;
        let einddatum = self.date(Ns::Basis, "Einddatum", PERIODE_CHILDREN)?;
        self.close(PERIODE_CHILDREN)?;
        Ok(Periode { begindatum, einddatum })
    }

    /// `CDT_BedragMetDC` (`amount` = "Bedrag") or `CDT_TotaalBedragMetDC` ("TotaalBedrag").
    fn bedrag(&mut self, name: &'static str, amount: &'static str, siblings: &[&str]) -> Result<BedragMetDc, ReadError> {
        self.open(Ns::Message, name, 0, siblings)?;
        let bedrag = self.number(Ns::Basis, amount, BEDRAG_CHILDREN, true)?;
        let debet_credit = DebetCredit::parse(&self.simple(Ns::Basis, "DebetCredit", BEDRAG_CHILDREN)?.0);
        self.close(BEDRAG_CHILDREN)?;
        Ok(BedragMetDc { bedrag, debet_credit })
    }

    fn retour_codes(&mut self, siblings: &[&str]) -> Result<Vec<RetourCode>, ReadError> {
        self.open(Ns::Message, "RetourCodes", 0, siblings)?;
        let mut codes = Vec::with_capacity(1);
        loop {
            codes.push(RetourCode(self.string(Ns::Message, "RetourCode", RETOURCODES_CHILDREN)?));
            if !self.peek_is("RetourCode")? {
                break;
            }
        }
        self.close(RETOURCODES_CHILDREN)?;
        Ok(codes)
    }

    fn declaratie(&mut self, map: &mut SourceMap) -> Result<Declaratie, ReadError> {
        map.declaratie = self.open(Ns::Message, "Declaratie", 0, ROOT_CHILDREN)?;
        let declaratie_nummer = self.string(Ns::Message, "DeclaratieNummer", DECLARATIE_CHILDREN)?;
        let declaratie_periode = self.periode("DeclaratiePeriode", DECLARATIE_CHILDREN)?;
        let declaratie_dagtekening = self.date(Ns::Message, "DeclaratieDagtekening", DECLARATIE_CHILDREN)?;
        let totaal_ingediend_bedrag = self.bedrag("TotaalIngediendBedrag", "TotaalBedrag", DECLARATIE_CHILDREN)?;
        self.open(Ns::Message, "Clienten", 0, DECLARATIE_CHILDREN)?;
        let mut clienten = Vec::new();
        loop {
            let index = clienten.len();
            let pos = self.open(Ns::Message, "Client", index + 1, CLIENTEN_CHILDREN)?;
            map.clients.push(pos);
            map.prestaties.push(Vec::new());
            let bsn = self.string(Ns::Message, "Bsn", CLIENT_CHILDREN)?;
            self.open(Ns::Message, "Prestaties", 0, CLIENT_CHILDREN)?;
            let mut prestaties = Vec::new();
            loop {
                let pos = self.open(Ns::Message, "Prestatie", prestaties.len() + 1, PRESTATIES_CHILDREN)?;
                map.prestaties[index].push(pos);
                prestaties.push(self.prestatie_fields()?);
                self.close(PRESTATIE_CHILDREN)?;
                if !self.peek_is("Prestatie")? {
                    break;
                }
            }
            self.close(PRESTATIES_CHILDREN)?;
            self.close(CLIENT_CHILDREN)?;
            clienten.push(Client { bsn, prestaties });
            if !self.peek_is("Client")? {
                break;
            }
        }
        self.close(CLIENTEN_CHILDREN)?;
        self.close(DECLARATIE_CHILDREN)?;
        Ok(Declaratie { declaratie_nummer, declaratie_periode, declaratie_dagtekening, totaal_ingediend_bedrag, clienten })
    }

    fn prestatie_fields(&mut self) -> Result<Prestatie, ReadError> {
        self.open(Ns::Message, "ProductReferentie", 0, PRESTATIE_CHILDREN)?;
        let referentie_nummer = self.string(Ns::Basis, "ReferentieNummer", REFERENTIE_CHILDREN)?;
        let vorig_referentie_nummer = self.optional_string(Ns::Basis, "VorigReferentieNummer", REFERENTIE_CHILDREN)?;
        self.close(REFERENTIE_CHILDREN)?;
        let toewijzing_nummer = self.number(Ns::Message, "ToewijzingNummer", PRESTATIE_CHILDREN, false)?;
        let product_categorie = ProductCategorie(self.string(Ns::Message, "ProductCategorie", PRESTATIE_CHILDREN)?);
        let product_code = self.string(Ns::Message, "ProductCode", PRESTATIE_CHILDREN)?;
        let product_periode = self.periode("ProductPeriode", PRESTATIE_CHILDREN)?;
        let geleverd_volume = self.number(Ns::Message, "GeleverdVolume", PRESTATIE_CHILDREN, false)?;
        let eenheid = Eenheid::parse(&self.simple(Ns::Message, "Eenheid", PRESTATIE_CHILDREN)?.0);
        let product_tarief =
            if self.peek_is("ProductTarief")? { Some(self.number(Ns::Message, "ProductTarief", PRESTATIE_CHILDREN, true)?) } else { None };
        let ingediend_bedrag = self.bedrag("IngediendBedrag", "Bedrag", PRESTATIE_CHILDREN)?;
        Ok(Prestatie {
            product_referentie: ProductReferentie { referentie_nummer, vorig_referentie_nummer },
            toewijzing_nummer,
            product_categorie,
            product_code,
            product_periode,
            geleverd_volume,
            eenheid,
            product_tarief,
            ingediend_bedrag,
        })
    }

    fn declaratie_antwoord(&mut self, map: &mut SourceMap) -> Result<DeclaratieAntwoord, ReadError> {
        map.declaratie = self.open(Ns::Message, "DeclaratieAntwoord", 0, ROOT_CHILDREN)?;
        let declaratie_nummer = self.string(Ns::Message, "DeclaratieNummer", DECLARATIE_CHILDREN)?;
        let totaal_ingediend_bedrag = self.bedrag("TotaalIngediendBedrag", "TotaalBedrag", DECLARATIE_CHILDREN)?;
        let totaal_toegekend_bedrag = self.bedrag("TotaalToegekendBedrag", "TotaalBedrag", DECLARATIE_CHILDREN)?;
        let mut clienten = Vec::new();
        if self.peek_is("Clienten")? {
            self.open(Ns::Message, "Clienten", 0, DECLARATIE_CHILDREN)?;
            loop {
                let index = clienten.len();
                let pos = self.open(Ns::Message, "Client", index + 1, CLIENTEN_CHILDREN)?;
                map.clients.push(pos);
                map.prestaties.push(Vec::new());
                let bsn = self.string(Ns::Message, "Bsn", CLIENT_CHILDREN)?;
                self.open(Ns::Message, "Prestaties", 0, CLIENT_CHILDREN)?;
                let mut prestaties = Vec::new();
                loop {
                    let pos = self.open(Ns::Message, "Prestatie", prestaties.len() + 1, PRESTATIES_CHILDREN)?;
                    map.prestaties[index].push(pos);
                    let prestatie = self.prestatie_fields()?;
                    let retour_codes = self.retour_codes(PRESTATIE_CHILDREN)?;
                    self.close(PRESTATIE_CHILDREN)?;
                    prestaties.push(PrestatieAntwoord { prestatie, retour_codes });
                    if !self.peek_is("Prestatie")? {
                        break;
                    }
                }
                self.close(PRESTATIES_CHILDREN)?;
                let retour_codes = self.retour_codes(CLIENT_CHILDREN)?;
                self.close(CLIENT_CHILDREN)?;
                clienten.push(ClientAntwoord { bsn, prestaties, retour_codes });
                if !self.peek_is("Client")? {
                    break;
                }
            }
            self.close(CLIENTEN_CHILDREN)?;
        }
        let retour_codes = self.retour_codes(DECLARATIE_CHILDREN)?;
        self.close(DECLARATIE_CHILDREN)?;
        Ok(DeclaratieAntwoord { declaratie_nummer, totaal_ingediend_bedrag, totaal_toegekend_bedrag, clienten, retour_codes })
    }
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn predefined_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// `xs:integer` with `minInclusive 0`, in whole units (eurocents for amounts).
/// Whitespace is collapsed as the XSD does; a leading `+` and leading zeros are valid.
pub(crate) fn parse_integer(text: &str, amount: bool) -> Result<u64, ValueProblem> {
    let trimmed = text.trim_matches(is_xml_space);
    if trimmed.is_empty() {
        return Err(ValueProblem::Empty);
    }
    let (negative, digits) = match trimmed.as_bytes()[0] {
        b'+' => (false, &trimmed[1..]),
        b'-' => (true, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if digits.contains(['.', ',']) && digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(if amount { ValueProblem::DecimalAmount } else { ValueProblem::NotAnInteger });
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueProblem::NotAnInteger);
    }
    let mut value: u64 = 0;
    for b in digits.bytes() {
        value = value.checked_mul(10).and_then(|v| v.checked_add(u64::from(b - b'0'))).ok_or(ValueProblem::TooLarge)?;
    }
    if negative && value != 0 {
        return Err(ValueProblem::Negative);
    }
    Ok(value)
}

/// `LDT_Datum`: `xs:date` without time zone (RS032), i.e. exactly `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, ValueProblem> {
    let trimmed = text.trim_matches(is_xml_space);
    let bytes = trimmed.as_bytes();
    if bytes.len() < 10 {
        return Err(ValueProblem::InvalidDate);
    }
    let shape_ok = bytes[..10].iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(ValueProblem::InvalidDate);
    }
    if bytes.len() > 10 {
        let rest = &trimmed[10..];
        return Err(if rest.starts_with('T') {
            ValueProblem::DateWithTime
        } else if rest == "Z" || rest.starts_with('+') || rest.starts_with('-') {
            ValueProblem::DateWithZone
        } else {
            ValueProblem::InvalidDate
        });
    }
    let number = |range: std::ops::Range<usize>| trimmed[range].parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10)).ok_or(ValueProblem::InvalidDate)
}

struct NamespaceInfo {
    domein: Domein,
    release: Release,
    nummer: u16,
}

/// `http://www.istandaarden.nl/{iwmo|ijw}/{M}_{N}/{wmo|jw}{NNN}/schema`.
fn identify_namespace(namespace: &str) -> Option<NamespaceInfo> {
    let rest = namespace.strip_prefix("http://www.istandaarden.nl/")?;
    let mut parts = rest.split('/');
    let standaard = parts.next()?;
    let release = parts.next()?;
    let bericht = parts.next()?;
    if parts.next()? != "schema" || parts.next().is_some() {
        return None;
    }
    let domein = match standaard {
        "iwmo" => Domein::Wmo,
        "ijw" => Domein::Jeugdwet,
        _ => return None,
    };
    let (major, minor) = release.split_once('_')?;
    let release = Release { major: major.parse().ok()?, minor: minor.parse().ok()? };
    let nummer = bericht.strip_prefix(domein.prefix())?;
    if nummer.len() != 3 {
        return None;
    }
    Some(NamespaceInfo { domein, release, nummer: nummer.parse().ok()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_xs_integer_lexical_rules() {
        assert_eq!(parse_integer("48000", true), Ok(48000));
        assert_eq!(parse_integer(" +00480\r\n", true), Ok(480));
        assert_eq!(parse_integer("-0", true), Ok(0));
        assert_eq!(parse_integer("480.00", true), Err(ValueProblem::DecimalAmount));
        assert_eq!(parse_integer("480,5", false), Err(ValueProblem::NotAnInteger));
        assert_eq!(parse_integer("-5", true), Err(ValueProblem::Negative));
        assert_eq!(parse_integer("", true), Err(ValueProblem::Empty));
        assert_eq!(parse_integer("12a", true), Err(ValueProblem::NotAnInteger));
        assert_eq!(parse_integer("99999999999999999999999", true), Err(ValueProblem::TooLarge));
    }

    #[test]
    fn dates_without_zone_only() {
        assert_eq!(parse_date("2025-05-31"), Ok(NaiveDate::from_ymd_opt(2025, 5, 31).unwrap()));
        assert_eq!(parse_date("2025-05-31Z"), Err(ValueProblem::DateWithZone));
        assert_eq!(parse_date("2025-05-31+02:00"), Err(ValueProblem::DateWithZone));
        assert_eq!(parse_date("2025-05-31T10:00:00"), Err(ValueProblem::DateWithTime));
        assert_eq!(parse_date("2025-02-30"), Err(ValueProblem::InvalidDate));
        assert_eq!(parse_date("31-05-2025"), Err(ValueProblem::InvalidDate));
    }

    #[test]
    fn namespaces_of_any_3_n_release() {
        let info = identify_namespace("http://www.istandaarden.nl/ijw/3_3/jw325/schema").unwrap();
        assert_eq!((info.domein, info.release, info.nummer), (Domein::Jeugdwet, Release { major: 3, minor: 3 }, 325));
        assert!(identify_namespace("http://www.istandaarden.nl/iwmo/3_2/jw323/schema").is_none());
        assert!(identify_namespace("http://example.org/wmo323").is_none());
    }
}
