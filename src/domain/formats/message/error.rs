//! Why a file could not be read, in Dutch, with where it happened.

use std::fmt;

use super::codes::{BerichtType, Release};
use crate::diagnostics::findings::Location;

/// A file that cannot be turned into a message at all. It says what, and (when it is
/// about a place in the file) the line, column and element path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub kind: ReadErrorKind,
    pub location: Option<Location>,
    pub path: Option<String>,
}

impl ReadError {
    pub fn new(kind: ReadErrorKind) -> Self {
        ReadError { kind, location: None, path: None }
    }

    pub fn at(mut self, location: Location, path: Option<String>) -> Self {
        self.location = Some(location);
        self.path = path;
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        // The place first as an editor shows it; the element path is for whoever opens the
        // file, so it comes last, named as technical, and not at all when it says nothing ("/").
        if matches!(self.kind, ReadErrorKind::NotIstandaard { .. }) {
            // It names its root element itself; "line 1, column 1" adds nothing.
            return Ok(());
        }
        let path = self.path.as_deref().filter(|p| p.len() > 1);
        match (&self.location, path) {
            (Some(location), Some(path)) => write!(f, " (in het bestand op {location}; technisch: {path})"),
            (Some(location), None) => write!(f, " (in het bestand op {location})"),
            (None, Some(path)) => write!(f, " (technisch: {path})"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for ReadError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadErrorKind {
    Empty,
    /// Far larger than VECOZO accepts (megabytes, and the limit read).
    TooLarge {
        megabytes: usize,
        limit: usize,
    },
    NotXml {
        hint: Option<&'static str>,
    },
    Utf16,
    Utf32,
    InvalidUtf8,
    /// A control character XML 1.0 does not allow (NUL and the like): a damaged file.
    ControlCharacter(u8),
    UnsupportedEncoding(String),
    DoctypeNotAllowed,
    UnknownEntity(String),
    Malformed(XmlProblem),
    Truncated,
    NotIstandaard {
        root: String,
        namespace: String,
    },
    OtherMessage {
        naam: String,
        /// The message number (301, 305, …), so intake can hand a toewijzing to its reader.
        nummer: u16,
        omschrijving: Option<&'static str>,
    },
    UnsupportedRelease {
        naam: String,
        release: Release,
    },
    BerichtCodeMismatch {
        bericht_type: BerichtType,
        found: String,
    },
    WrongNamespace {
        element: &'static str,
        expected: String,
    },
    MissingElement {
        expected: &'static str,
        found: Option<String>,
    },
    OutOfOrder {
        found: String,
        expected: &'static str,
    },
    OutOfOrderOrRepeated {
        found: String,
    },
    UnexpectedElement {
        found: String,
        expected: Option<&'static str>,
    },
    UnexpectedText(String),
    ElementInSimpleContent {
        found: String,
    },
    InvalidValue {
        element: &'static str,
        value: String,
        problem: ValueProblem,
    },
    /// An attribute the schemas do not allow (they define none but namespaces and `xsi:`).
    UnexpectedAttribute {
        element: String,
        attribute: String,
    },
}

impl fmt::Display for ReadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ReadErrorKind::*;
        match self {
            Empty => write!(f, "Het bestand is leeg"),
            TooLarge { megabytes, limit } => write!(
                f,
                "Het bestand is {megabytes} MB; Kloppend leest berichten tot {limit} MB (VECOZO neemt er tot 25 MB aan) en heeft het niet gelezen"
            ),
            NotXml { hint: Some(hint) } => write!(f, "Dit is geen XML-bestand: {hint}"),
            NotXml { hint: None } => write!(f, "Dit is geen XML-bestand"),
            Utf16 => {
                write!(f, "Het bestand is in UTF-16 opgeslagen; 323- en 325-berichten moeten UTF-8 zijn. Sla het op als UTF-8 (zonder BOM)")
            }
            Utf32 => write!(f, "Het bestand is in UTF-32 opgeslagen; 323- en 325-berichten moeten UTF-8 zijn"),
            InvalidUtf8 => write!(
                f,
                "Het bestand bevat tekens die geen geldige UTF-8 zijn (waarschijnlijk Windows-1252 of Latin-1); berichten moeten UTF-8 zijn"
            ),
            ControlCharacter(0) => {
                write!(f, "Het bestand bevat een NUL-teken (code 0), dat in XML niet mag; het bestand is waarschijnlijk beschadigd")
            }
            ControlCharacter(byte) => {
                write!(f, "Het bestand bevat een stuurteken (code {byte}), dat in XML niet mag; het bestand is waarschijnlijk beschadigd")
            }
            UnsupportedEncoding(encoding) => write!(f, "De XML-declaratie noemt codering '{encoding}'; alleen UTF-8 is toegestaan"),
            DoctypeNotAllowed => write!(
                f,
                "Het bestand bevat een DOCTYPE (DTD); dat is in iWmo/iJw-berichten niet toegestaan en wordt om veiligheidsredenen geweigerd"
            ),
            UnknownEntity(name) => {
                write!(f, "Onbekende entiteit '&{name};': alleen de vijf standaard-XML-entiteiten en tekenverwijzingen zijn toegestaan")
            }
            Malformed(problem) => write!(f, "Geen geldige XML: {problem}"),
            Truncated => write!(f, "Het bestand houdt midden in het bericht op (afgekapt of onvolledig gedownload)"),
            NotIstandaard { root, namespace } => foreign_xml(f, root, namespace),
            OtherMessage { naam, omschrijving: Some(omschrijving), .. } => {
                write!(
                    f,
                    "Dit is een {naam}-bericht ({omschrijving}); Kloppend leest toewijzingen (301, 302, 305, 307), declaraties (323) en declaratie-antwoorden (325)"
                )
            }
            OtherMessage { naam, omschrijving: None, .. } => {
                write!(
                    f,
                    "Dit is een {naam}-bericht; Kloppend leest toewijzingen (301, 302, 305, 307), declaraties (323) en declaratie-antwoorden (325)"
                )
            }
            UnsupportedRelease { naam, release } => {
                write!(f, "Dit is een {naam}-bericht van release {release}; Kloppend leest releases 3.x")
            }
            BerichtCodeMismatch { bericht_type, found } => write!(
                f,
                "BerichtCode '{found}' past niet bij de namespace van een {bericht_type}-bericht (verwacht {})",
                bericht_type.bericht_code()
            ),
            WrongNamespace { element, expected } => {
                write!(f, "Element {element} staat in de verkeerde namespace; verwacht {expected}")
            }
            MissingElement { expected, found: None } => write!(f, "Verplicht element {expected} ontbreekt"),
            MissingElement { expected, found: Some(found) } => {
                write!(f, "Verplicht element {expected} ontbreekt (op die plaats staat {found})")
            }
            OutOfOrder { found, expected } => {
                write!(f, "Element {found} staat op de verkeerde plaats: hier hoort eerst {expected}")
            }
            OutOfOrderOrRepeated { found } => {
                write!(f, "Element {found} staat op de verkeerde plaats of komt te vaak voor")
            }
            UnexpectedElement { found, expected: Some(expected) } => {
                write!(f, "Onbekend element {found}; hier hoort {expected}")
            }
            UnexpectedElement { found, expected: None } => write!(f, "Onbekend element {found} op deze plaats"),
            UnexpectedText(text) => write!(f, "Tekst '{text}' staat tussen de elementen, waar alleen elementen horen"),
            ElementInSimpleContent { found } => write!(f, "Element {found} staat binnen een element dat alleen een waarde mag bevatten"),
            InvalidValue { element, value, problem } => write!(f, "{element} '{value}': {problem}"),
            UnexpectedAttribute { element, attribute } => write!(
                f,
                "Element {element} heeft een attribuut '{attribute}'; 323- en 325-berichten hebben geen attributen (alleen namespaces), dus de gemeente weigert dit bericht"
            ),
        }
    }
}

/// XML of another kind: what it probably is and what Kloppend reads, its root element last
/// as technical detail.
fn foreign_xml(f: &mut fmt::Formatter<'_>, root: &str, namespace: &str) -> fmt::Result {
    let wat = if namespace.contains("oasis") && namespace.contains("ubl") { "een e-factuur (UBL), " } else { "" };
    write!(
        f,
        "Dit is {wat}een ander soort XML-bestand, geen bericht van de Wmo of de Jeugdwet. Kloppend leest declaraties (323), declaratie-antwoorden (325) en toewijzingen (301), zoals je ze uit VECOZO downloadt"
    )?;
    if namespace.is_empty() {
        write!(f, " (technisch: hoofdelement '{root}' zonder namespace)")
    } else {
        write!(f, " (technisch: hoofdelement '{root}' in namespace {namespace})")
    }
}

/// Why a value cannot be converted to its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    Empty,
    NotAnInteger,
    DecimalAmount,
    Negative,
    TooLarge,
    InvalidDate,
    DateWithZone,
    DateWithTime,
    /// Not in the shape the XSD requires; says what it should look like.
    Format(&'static str),
    /// Not a value of the code list.
    UnknownCode,
    InvalidTime,
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueProblem::Empty => "de waarde is leeg",
            ValueProblem::NotAnInteger => "geen geheel getal",
            ValueProblem::DecimalAmount => "bedragen zijn hele eurocenten zonder decimaalteken (bijvoorbeeld 48000 voor € 480,00)",
            ValueProblem::Negative => "negatieve waarden zijn niet toegestaan (credit geef je aan met DebetCredit C)",
            ValueProblem::TooLarge => "het getal is te groot",
            ValueProblem::InvalidDate => "geen geldige datum (verwacht JJJJ-MM-DD)",
            ValueProblem::DateWithZone => "een datum mag geen tijdzone hebben (verwacht JJJJ-MM-DD)",
            ValueProblem::DateWithTime => "een datum mag geen tijd bevatten (verwacht JJJJ-MM-DD)",
            ValueProblem::Format(expected) => expected,
            ValueProblem::UnknownCode => "geen code uit de codelijst van de standaard",
            ValueProblem::InvalidTime => "geen geldige tijd (verwacht UU:MM:SS, zonder tijdzone)",
        })
    }
}

/// A well-formedness problem reported by the XML parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlProblem {
    MismatchedEndTag { expected: String, found: String },
    UnmatchedEndTag(String),
    MisplacedDeclaration,
    Syntax(String),
    Namespace(String),
    Escape(String),
    Other(String),
}

impl fmt::Display for XmlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlProblem::MismatchedEndTag { expected, found } => {
                write!(f, "eindtag </{found}> sluit <{expected}> niet af")
            }
            XmlProblem::UnmatchedEndTag(found) if found.is_empty() => write!(f, "eindtag zonder begintag"),
            XmlProblem::UnmatchedEndTag(found) => write!(f, "eindtag </{found}> zonder begintag"),
            XmlProblem::MisplacedDeclaration => write!(f, "XML-declaratie staat niet aan het begin"),
            XmlProblem::Syntax(detail) => write!(f, "syntaxfout ({detail})"),
            XmlProblem::Namespace(detail) => write!(f, "namespacefout ({detail})"),
            XmlProblem::Escape(detail) => write!(f, "ongeldige tekenverwijzing ({detail})"),
            XmlProblem::Other(detail) if detail.is_empty() => write!(f, "onverwachte opbouw"),
            XmlProblem::Other(detail) => write!(f, "{detail}"),
        }
    }
}
