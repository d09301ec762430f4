//! What a dropped file is: unpack ZIPs, recognise messages, and summarise each for the
//! import list. Pure: bytes in, documents out.

use std::io::{Cursor, Read};

use super::archive::{FileInfo, StoredFile};
use super::credit::GebruiktNummer;
use super::findings::{Finding, Severity};
use super::message::{self, Bericht, BerichtType, Loaded, Periode, ReadError, ValidationContext};
use super::modelcache;
use super::money::Saldo;
use super::settlement::{Overzicht, SettlementError, read_overzicht};

/// What Kloppend made of a file.
// One per file and held behind an `Arc<Document>`: the size of the large variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Content {
    Bericht(Loaded),
    Verrekening(Overzicht),
    Geweigerd(Weigering),
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weigering {
    Bericht(ReadError),
    Verrekening(SettlementError),
}

impl std::fmt::Display for Weigering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Weigering::Bericht(e) => e.fmt(f),
            Weigering::Verrekening(e) => e.fmt(f),
        }
    }
}

/// XML is read as a message; a `.csv` name or text that is not XML as a settlement overview.
fn looks_like_csv(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        return true;
    }
    if lower.ends_with(".xml") {
        return false;
    }
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    // Plain text with a delimiter on the first line, not markup.
    first.is_some_and(|b| *b != b'<')
        && !start.starts_with(b"%PDF")
        && !start.starts_with(b"PK")
        && start.iter().take(2000).any(|b| matches!(b, b';' | b'\t' | b','))
        && std::str::from_utf8(&start[..start.len().min(200)]).is_ok()
}

/// A file with what it contains. The bytes are not kept: they are in the archive.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: FileInfo,
    pub content: Content,
}

impl Document {
    pub fn analyse(file: &StoredFile, context: &ValidationContext) -> Document {
        let content = if looks_like_csv(&file.name, &file.bytes) {
            match read_overzicht(&file.bytes) {
                Ok(overzicht) => Content::Verrekening(overzicht),
                Err(error) => Content::Geweigerd(Weigering::Verrekening(error)),
            }
        } else {
            match message::load(&file.bytes, context) {
                Ok(loaded) => Content::Bericht(loaded),
                Err(error) => Content::Geweigerd(Weigering::Bericht(error)),
            }
        };
        Document { file: file.info(), content }
    }

    /// A message from its cached model (see [`modelcache`]), validated again because findings
    /// depend on today's date. `None` when the cache is stale or the message now has
    /// findings: then the bytes must be read (findings need their places in the file).
    pub fn from_cache(file: FileInfo, entry: &[u8], context: &ValidationContext) -> Option<Document> {
        let bericht = modelcache::decode(entry)?;
        if !message::validate::validate(&bericht, context).is_empty() {
            return None;
        }
        Some(Document { file, content: Content::Bericht(Loaded { bericht, findings: Vec::new() }) })
    }

    /// A message from a decoded cache entry (see [`modelcache::Decoder`]), validated again;
    /// `None` when it now has findings.
    pub fn from_model(file: FileInfo, bericht: Bericht, context: &ValidationContext) -> Option<Document> {
        if !message::validate::validate(&bericht, context).is_empty() {
            return None;
        }
        Some(Document { file, content: Content::Bericht(Loaded { bericht, findings: Vec::new() }) })
    }

    /// A message analysed by the analysis worker: the same code with the same date read and
    /// validated it there (findings located in its bytes), so it is not validated again.
    pub fn checked(file: FileInfo, bericht: Bericht, findings: Vec<Finding>) -> Document {
        Document { file, content: Content::Bericht(Loaded { bericht, findings }) }
    }

    /// The cache entry for this document's model: only for messages without findings.
    pub fn model_cache(&self) -> Option<Vec<u8>> {
        self.loaded().filter(|l| l.findings.is_empty()).and_then(|l| modelcache::encode(&l.bericht))
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.content {
            Content::Bericht(loaded) => Some(loaded),
            _ => None,
        }
    }

    pub fn overzicht(&self) -> Option<&Overzicht> {
        match &self.content {
            Content::Verrekening(overzicht) => Some(overzicht),
            _ => None,
        }
    }

    /// The identifiers this file takes for its provider (a 323's numbers; nothing otherwise).
    pub fn gebruikte_nummers(&self) -> Vec<GebruiktNummer> {
        self.loaded().map(|l| GebruiktNummer::van(&l.bericht)).unwrap_or_default()
    }

    /// Worth keeping in the archive: everything that could be read.
    pub fn is_archivable(&self) -> bool {
        !matches!(self.content, Content::Geweigerd(_))
    }
}

/// The header facts shown per file in the import list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Samenvatting {
    pub bericht_type: BerichtType,
    pub declaratie_nummer: Option<String>,
    pub periode: Option<Periode>,
    /// 323: TotaalIngediendBedrag; 325: TotaalToegekendBedrag.
    pub totaal: Option<Saldo>,
    pub fouten: usize,
    pub waarschuwingen: usize,
}

pub fn samenvatting(loaded: &Loaded) -> Samenvatting {
    let count = |severity| loaded.findings.iter().filter(|f: &&Finding| f.severity == severity).count();
    let (declaratie_nummer, periode, totaal) = match &loaded.bericht {
        Bericht::Declaratie(b) => (
            Some(b.declaratie.declaratie_nummer.to_string()),
            Some(b.declaratie.declaratie_periode),
            Some(b.declaratie.totaal_ingediend_bedrag.saldo()),
        ),
        Bericht::Antwoord(b) => match &b.declaratie_antwoord {
            Some(a) => (Some(a.declaratie_nummer.to_string()), None, Some(a.totaal_toegekend_bedrag.saldo())),
            None => (None, None, None),
        },
    };
    Samenvatting {
        bericht_type: loaded.bericht.bericht_type(),
        declaratie_nummer,
        periode,
        totaal,
        fouten: count(Severity::Error),
        waarschuwingen: count(Severity::Warning),
    }
}

/// A ZIP holds at most this many entries we look at (VECOZO bundles are ≤ 30 messages).
const MAX_ZIP_ENTRIES: usize = 500;

/// The files inside what the user picked: a ZIP yields its `.xml`/`.csv` entries (named
/// `zip/entry`), anything else is itself.
pub fn expand(name: &str, bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    if bytes.starts_with(b"PK\x03\x04")
        && let Some(entries) = unzip(&bytes)
    {
        return entries.into_iter().map(|(entry, data)| (format!("{name}/{entry}"), data)).collect();
    }
    vec![(name.to_string(), bytes)]
}

/// The `.xml` and `.csv` entries of a ZIP; `None` when it cannot be read as a ZIP.
pub fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..archive.len().min(MAX_ZIP_ENTRIES) {
        let Ok(mut file) = archive.by_index(i) else { continue };
        let Ok(name) = file.name().map(|n| n.to_string()) else { continue };
        let lower = name.to_ascii_lowercase();
        if file.is_dir() || !(lower.ends_with(".xml") || lower.ends_with(".csv")) {
            continue;
        }
        // Refuse absurd expansion (zip bombs): a message is at most 25 MB.
        let limit = 2 * message::MAX_BESTAND as u64;
        if file.size() > limit {
            continue;
        }
        let mut data = Vec::with_capacity(file.size() as usize);
        if (&mut file).take(limit).read_to_end(&mut data).is_ok() {
            out.push((name, data));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Origin;
    use crate::generate::{PairConfig, generate_pair};
    use crate::message::write::write;

    fn file(name: &str, bytes: Vec<u8>) -> StoredFile {
        StoredFile::new(name, bytes, Origin::Import, 0.0)
    }

    #[test]
    fn a_cached_model_gives_the_same_document_as_reading_the_bytes() {
        let pair = generate_pair(&PairConfig::default());
        let stored = file("a.xml", write(&Bericht::Declaratie(pair.declaratie)).into_bytes());
        let context = ValidationContext::default();
        let read = Document::analyse(&stored, &context);
        assert_eq!(read.file.size, stored.bytes.len() as u64);
        let entry = read.model_cache().expect("a clean message is cached");
        let cached = Document::from_cache(stored.info(), &entry, &context).expect("the cache is used");
        assert_eq!(cached.loaded(), read.loaded());
        assert_eq!(cached.file, read.file);
    }

    #[test]
    fn messages_with_findings_and_settlements_are_not_cached() {
        let context = ValidationContext::default();
        let example = String::from_utf8(crate::generate::sized_declaratie(0).into_bytes()).unwrap();
        // A total that does not add up (TR358) is a finding: its place needs the bytes.
        let broken = example.replacen("TotaalBedrag>", "TotaalBedrag>1", 1);
        let document = Document::analyse(&file("b.xml", broken.into_bytes()), &context);
        assert!(!document.loaded().unwrap().findings.is_empty());
        assert_eq!(document.model_cache(), None);
        let csv = Document::analyse(&file("o.csv", b"Onderwerp;AGBnr;Uw kenmerk\n".to_vec()), &context);
        assert_eq!(csv.model_cache(), None);
    }
}
