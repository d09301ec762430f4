//! What a dropped file is: unpack ZIPs, recognise messages, and summarise each for the
//! import list. Pure: bytes in, documents out.

use std::io::{Cursor, Read};

use crate::archive::modelcache;
use crate::archive::numbering::GebruiktNummer;
use crate::archive::{FileInfo, StoredFile};
use crate::base::money::Saldo;
use crate::diagnostics::findings::{Finding, Severity};
use crate::formats::message::{self, Bericht, BerichtType, Loaded, Periode, ReadError, ReadErrorKind, ValidationContext};
use crate::formats::settlement::{Overzicht, SettlementError, read_overzicht};
use crate::formats::tarieven::{TariefError, Tarieven, is_tarieven, read_tarieven};
use crate::formats::toewijzing::{Melding, Toewijzingbericht, read_melding, read_toewijzing};

/// What Kloppend made of a file.
// One per file and held behind an `Arc<Document>`: the size of the large variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Content {
    Bericht(Loaded),
    /// A 301 from the gemeente: what lines are checked against (see `analysis::toewijzing`).
    Toewijzing(Toewijzingbericht),
    /// A 302, 305 or 307: kept and listed, its dates feed Te doen.
    Melding(Melding),
    /// Contract tariffs (TR418), a CSV of the provider's own.
    Tarieven(Tarieven),
    Verrekening(Overzicht),
    Geweigerd(Weigering),
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weigering {
    Bericht(ReadError),
    Tarieven(TariefError),
    Verrekening(SettlementError),
    Zip(ZipProbleem),
}

impl std::fmt::Display for Weigering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Weigering::Bericht(e) => e.fmt(f),
            Weigering::Tarieven(e) => e.fmt(f),
            Weigering::Verrekening(e) => e.fmt(f),
            Weigering::Zip(e) => e.fmt(f),
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
        let content = if looks_like_csv(&file.name, &file.bytes) && is_tarieven(&file.bytes) {
            match read_tarieven(&file.bytes) {
                Ok(tarieven) => Content::Tarieven(tarieven),
                Err(error) => Content::Geweigerd(Weigering::Tarieven(error)),
            }
        } else if looks_like_csv(&file.name, &file.bytes) {
            match read_overzicht(&file.bytes) {
                Ok(overzicht) => Content::Verrekening(overzicht),
                Err(error) => Content::Geweigerd(Weigering::Verrekening(error)),
            }
        } else {
            match message::load(&file.bytes, context) {
                Ok(loaded) => Content::Bericht(loaded),
                // The root named another iStandaard message: a 301 has a reader of its own.
                Err(error) if matches!(error.kind, ReadErrorKind::OtherMessage { nummer: 301, .. }) => match read_toewijzing(&file.bytes) {
                    Ok(toewijzing) => Content::Toewijzing(toewijzing),
                    Err(error) => Content::Geweigerd(Weigering::Bericht(error)),
                },
                Err(error) if matches!(error.kind, ReadErrorKind::OtherMessage { nummer: 302 | 305 | 307, .. }) => {
                    match read_melding(&file.bytes) {
                        Ok(melding) => Content::Melding(melding),
                        Err(error) => Content::Geweigerd(Weigering::Bericht(error)),
                    }
                }
                Err(error) => Content::Geweigerd(Weigering::Bericht(error)),
            }
        };
        Document { file: file.info(), content }
    }

    /// A message from its cache entry (see [`modelcache`]), validated again because findings
    /// depend on today's date. `None` when the cache is stale or the findings are no longer
    /// the stored ones: then the bytes must be read (findings need their places in the file).
    pub fn from_cache(file: FileInfo, entry: &[u8], context: &ValidationContext) -> Option<Document> {
        let mut decoder = modelcache::Decoder::new(entry)?;
        let stored = decoder.findings()?;
        while decoder.step()? {}
        Self::from_model(file, decoder.finish(), stored, context)
    }

    /// A message from a decoded cache entry (see [`modelcache::Decoder`]) and the findings
    /// stored with it, validated again when today's date may change them; `None` when the
    /// validator now says something else.
    pub fn from_model(file: FileInfo, bericht: Bericht, stored: Vec<Finding>, context: &ValidationContext) -> Option<Document> {
        if message::validate::may_differ_today(&bericht, &stored, context)
            && !same_findings(&message::validate::validate(&bericht, context), &stored)
        {
            return None;
        }
        Some(Document { file, content: Content::Bericht(Loaded { bericht, findings: stored }) })
    }

    /// A message analysed by the analysis worker: the same code with the same date read and
    /// validated it there (findings located in its bytes), so it is not validated again.
    pub fn checked(file: FileInfo, bericht: Bericht, findings: Vec<Finding>) -> Document {
        Document { file, content: Content::Bericht(Loaded { bericht, findings }) }
    }

    /// The cache entry for this document's model and findings (messages only).
    pub fn model_cache(&self) -> Option<Vec<u8>> {
        self.model_cache_from(None)
    }

    /// The cache entry, reusing `encoded` when the model was encoded already (the analysis
    /// worker sends it so): the same bytes `modelcache::encode` would write, not made twice.
    pub fn model_cache_from(&self, encoded: Option<Vec<u8>>) -> Option<Vec<u8>> {
        match &self.content {
            Content::Bericht(loaded) => encoded.or_else(|| modelcache::encode(&loaded.bericht, &loaded.findings)),
            Content::Toewijzing(toewijzing) => modelcache::encode_toewijzing(toewijzing),
            _ => None,
        }
    }

    /// A 301 from its cache entry; `None` when the entry is not a 301's of this version.
    pub fn toewijzing_from_cache(file: FileInfo, entry: &[u8]) -> Option<Document> {
        modelcache::decode_toewijzing(entry).map(|toewijzing| Document { file, content: Content::Toewijzing(toewijzing) })
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.content {
            Content::Bericht(loaded) => Some(loaded),
            _ => None,
        }
    }

    pub fn toewijzing(&self) -> Option<&Toewijzingbericht> {
        match &self.content {
            Content::Toewijzing(toewijzing) => Some(toewijzing),
            _ => None,
        }
    }

    pub fn melding(&self) -> Option<&Melding> {
        match &self.content {
            Content::Melding(melding) => Some(melding),
            _ => None,
        }
    }

    pub fn tarieven(&self) -> Option<&Tarieven> {
        match &self.content {
            Content::Tarieven(tarieven) => Some(tarieven),
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

pub(crate) fn samenvatting(loaded: &Loaded) -> Samenvatting {
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
/// One entry unpacks to at most this much: twice the largest message read.
const MAX_ZIP_ENTRY: u64 = 2 * message::MAX_BESTAND as u64;
/// Everything one pick unpacks to, together: what a ZIP bomb runs into. Four times the
/// 106 MB of the largest real-world set measured (100,000 lines in 8 files).
pub const MAX_UNPACKED: u64 = 400 * 1024 * 1024;
/// ZIPs inside ZIPs are opened this deep.
const MAX_ZIP_DEPTH: usize = 2;

/// Why a ZIP, or an entry of one, was not imported. Nothing in a ZIP is skipped silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipProbleem {
    /// Not a readable ZIP (cut off or damaged), or an entry whose data is damaged.
    Beschadigd,
    /// The entry is protected with a password, and none was given.
    Versleuteld,
    /// The password given does not open the entry.
    VerkeerdWachtwoord,
    /// The entry unpacks to more than the limit.
    TeGroot { limiet_mb: u64 },
    /// Entries beyond the first `MAX_ZIP_ENTRIES`.
    TeVeelBestanden { overgeslagen: usize, limiet: usize },
    /// Entries with a name already used by another entry of this ZIP (the reader keeps one).
    DubbeleNaam { aantal: usize },
    /// Not a message or overview (a PDF, a text file…).
    GeenBericht,
    /// A ZIP nested deeper than Kloppend opens.
    TeDiepGenest,
    /// The pick as a whole would unpack to more than `MAX_UNPACKED`: this entry and those after it.
    SamenTeGroot { overgeslagen: usize, limiet_mb: u64 },
}

impl std::fmt::Display for ZipProbleem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipProbleem::Beschadigd => f.write_str("de ZIP is beschadigd of niet compleet; download hem opnieuw"),
            ZipProbleem::Versleuteld => {
                f.write_str("dit bestand in de ZIP is met een wachtwoord beveiligd; vul het wachtwoord in en kies 'Openen'")
            }
            ZipProbleem::VerkeerdWachtwoord => {
                f.write_str("het wachtwoord klopt niet voor dit bestand in de ZIP; er is niets van geïmporteerd")
            }
            ZipProbleem::TeGroot { limiet_mb } => {
                write!(f, "dit bestand in de ZIP is uitgepakt groter dan {limiet_mb} MB en is niet gelezen")
            }
            ZipProbleem::TeVeelBestanden { overgeslagen, limiet } => write!(
                f,
                "de ZIP bevat meer dan {limiet} bestanden; de laatste {overgeslagen} zijn niet gelezen (pak de ZIP uit en importeer ze apart)"
            ),
            ZipProbleem::DubbeleNaam { aantal } => write!(
                f,
                "{} met dezelfde naam als een ander bestand in de ZIP, niet gelezen; pak de ZIP uit en importeer ze apart",
                if *aantal == 1 { "1 bestand".to_string() } else { format!("{aantal} bestanden") }
            ),
            ZipProbleem::GeenBericht => f.write_str("geen declaratie, antwoord of verrekenoverzicht (alleen .xml en .csv worden gelezen)"),
            ZipProbleem::TeDiepGenest => f.write_str("een ZIP in een ZIP in een ZIP; pak hem eerst uit"),
            ZipProbleem::SamenTeGroot { overgeslagen, limiet_mb } => write!(
                f,
                "alles samen wordt uitgepakt groter dan {limiet_mb} MB; {overgeslagen} niet gelezen (importeer ze in kleinere delen)"
            ),
        }
    }
}

/// One file of a pick after unpacking: its name (`zip/entry` inside a ZIP) and its bytes, or
/// why it was not read.
pub type Unpacked = (String, Result<Vec<u8>, ZipProbleem>);

/// The files inside what the user picked: a ZIP yields its entries (named `zip/entry`),
/// anything else is itself. `budget` is what the pick may still unpack to, shared by every
/// ZIP in it. `password` opens entries protected with one (ZipCrypto or AES); it is used
/// here only and never kept.
pub fn expand(name: &str, bytes: Vec<u8>, budget: &mut u64, password: Option<&str>) -> Vec<Unpacked> {
    let mut out = Vec::new();
    expand_into(name, bytes, budget, 0, password, &mut out);
    out
}

/// Whether a ZIP's entries need a password, from its directory alone (nothing is decrypted).
pub fn needs_password(bytes: &[u8]) -> bool {
    if !is_zip(bytes) {
        return false;
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    (0..archive.len().min(MAX_ZIP_ENTRIES)).any(|i| archive.by_index_raw(i).is_ok_and(|f| f.encrypted()))
}

fn is_zip(bytes: &[u8]) -> bool {
    // A local file header, or the end record of an empty ZIP.
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn expand_into(name: &str, bytes: Vec<u8>, budget: &mut u64, depth: usize, password: Option<&str>, out: &mut Vec<Unpacked>) {
    if !is_zip(&bytes) {
        out.push((name.to_string(), Ok(bytes)));
        return;
    }
    if depth >= MAX_ZIP_DEPTH {
        out.push((name.to_string(), Err(ZipProbleem::TeDiepGenest)));
        return;
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(&bytes[..])) else {
        out.push((name.to_string(), Err(ZipProbleem::Beschadigd)));
        return;
    };
    let count = archive.len();
    // The ZIP reader keeps one entry per name: what its end record counts beyond that were
    // entries with a name used twice.
    if let Some(declared) = declared_entries(&bytes)
        && declared > count
    {
        out.push((format!("{name}/…"), Err(ZipProbleem::DubbeleNaam { aantal: declared - count })));
    }
    for i in 0..count {
        if i == MAX_ZIP_ENTRIES {
            let problem = ZipProbleem::TeVeelBestanden { overgeslagen: count - i, limiet: MAX_ZIP_ENTRIES };
            out.push((format!("{name}/…"), Err(problem)));
            break;
        }
        let header = entry_header(&mut archive, i);
        if header.is_dir {
            continue;
        }
        let full = format!("{name}/{}", header.name);
        let left = count - i;
        let read = match refused_before_reading(&header, password, *budget, left) {
            Some(problem) => Err(problem),
            None => read_entry(&mut archive, i, &header, password, MAX_ZIP_ENTRY.min(*budget), left),
        };
        match read {
            Err(problem) => {
                // Past the budget nothing more is unpacked; any other problem is this entry's.
                let stop = matches!(problem, ZipProbleem::SamenTeGroot { .. });
                out.push((full, Err(problem)));
                if stop {
                    break;
                }
            }
            Ok(data) => {
                *budget -= data.len() as u64;
                if header.name.to_ascii_lowercase().ends_with(".zip") {
                    expand_into(&full, data, budget, depth + 1, password, out);
                } else {
                    out.push((full, Ok(data)));
                }
            }
        }
    }
}

/// What a ZIP entry's header says, before anything of it is read.
struct EntryHeader {
    name: String,
    is_dir: bool,
    encrypted: bool,
    /// As declared, which can lie.
    size: u64,
}

fn entry_header(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, i: usize) -> EntryHeader {
    match archive.by_index_raw(i) {
        Ok(file) => EntryHeader {
            name: file.name().map(|n| n.to_string()).unwrap_or_else(|_| format!("bestand {}", i + 1)),
            is_dir: file.is_dir(),
            encrypted: file.encrypted(),
            size: file.size(),
        },
        Err(_) => EntryHeader { name: format!("bestand {}", i + 1), is_dir: false, encrypted: false, size: 0 },
    }
}

/// Why an entry is not read at all: locked without a password, not a message, or declared
/// larger than an entry or the rest of the budget may be (`left` entries are then skipped).
fn refused_before_reading(header: &EntryHeader, password: Option<&str>, budget: u64, left: usize) -> Option<ZipProbleem> {
    let lower = header.name.to_ascii_lowercase();
    if header.encrypted && password.is_none() {
        Some(ZipProbleem::Versleuteld)
    } else if !(lower.ends_with(".xml") || lower.ends_with(".csv") || lower.ends_with(".zip")) {
        Some(ZipProbleem::GeenBericht)
    } else if header.size > MAX_ZIP_ENTRY {
        Some(ZipProbleem::TeGroot { limiet_mb: MAX_ZIP_ENTRY >> 20 })
    } else if header.size > budget {
        Some(ZipProbleem::SamenTeGroot { overgeslagen: left, limiet_mb: MAX_UNPACKED >> 20 })
    } else {
        None
    }
}

/// One entry's bytes, read up to `cap` plus one byte (the declared size can lie), or why
/// they cannot be used.
fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    i: usize,
    header: &EntryHeader,
    password: Option<&str>,
    cap: u64,
    left: usize,
) -> Result<Vec<u8>, ZipProbleem> {
    let mut data = Vec::new();
    let opened = match (header.encrypted, password) {
        (true, Some(password)) => archive.by_index_decrypt(i, password.as_bytes()),
        _ => archive.by_index(i),
    };
    let read = match opened {
        Ok(file) => file.take(cap + 1).read_to_end(&mut data).map_err(|_| ZipProbleem::Beschadigd),
        Err(zip::result::ZipError::InvalidPassword) => Err(ZipProbleem::VerkeerdWachtwoord),
        Err(_) => Err(ZipProbleem::Beschadigd),
    };
    if let Err(problem) = read {
        // ZipCrypto's check byte lets about 1 in 256 wrong passwords through; the CRC
        // (or AES's authentication code) at the end of the data then fails the read.
        return Err(if header.encrypted && problem == ZipProbleem::Beschadigd { ZipProbleem::VerkeerdWachtwoord } else { problem });
    }
    if data.len() as u64 > cap {
        return Err(if cap < MAX_ZIP_ENTRY {
            ZipProbleem::SamenTeGroot { overgeslagen: left, limiet_mb: MAX_UNPACKED >> 20 }
        } else {
            ZipProbleem::TeGroot { limiet_mb: MAX_ZIP_ENTRY >> 20 }
        });
    }
    Ok(data)
}

/// The number of entries a ZIP's end-of-central-directory record declares (`None` for ZIP64,
/// whose count is elsewhere, or when there is no such record).
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    // The record is 22 bytes plus a comment of at most 65,535.
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let at = bytes[from..].windows(4).rposition(|w| w == b"PK\x05\x06")? + from;
    let total = u16::from_le_bytes([*bytes.get(at + 10)?, *bytes.get(at + 11)?]);
    (total != 0xFFFF).then_some(usize::from(total))
}

impl Document {
    /// A file refused before it was read (a problem of the ZIP it came in).
    pub(crate) fn refused_entry(name: &str, problem: ZipProbleem, origin: crate::archive::Origin, now: f64) -> Document {
        let file = StoredFile::new(name, Vec::new(), origin, now);
        Document { file: file.info(), content: Content::Geweigerd(Weigering::Zip(problem)) }
    }

    /// Why a ZIP entry was refused, when it was.
    pub fn zip_problem(&self) -> Option<&ZipProbleem> {
        match &self.content {
            Content::Geweigerd(Weigering::Zip(problem)) => Some(problem),
            _ => None,
        }
    }
}

/// Whether the validator's findings now (without places) are the stored ones apart from their
/// places and from what only the bytes tell (a BOM, the file's size: OP192, added by
/// `message::load` after validating).
fn same_findings(fresh: &[Finding], stored: &[Finding]) -> bool {
    let mut stored = stored.iter().filter(|f| f.rule != crate::diagnostics::rules::Rule::OP192);
    let same = fresh
        .iter()
        .all(|f| stored.next().is_some_and(|s| s.rule == f.rule && s.severity == f.severity && s.path == f.path && s.message == f.message));
    same && stored.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Origin;
    use crate::diagnostics::findings::{ElementPath, Rule, Scope};
    use crate::fixtures::generate::{PairConfig, generate_pair};
    use crate::formats::message::write::write;

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
    fn messages_with_findings_are_cached_with_their_places_and_settlements_are_not() {
        let context = ValidationContext { today: Some(chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()) };
        let example = String::from_utf8(crate::fixtures::generate::sized_declaratie(0).into_bytes()).unwrap();
        // A total that does not add up (TR358) is a finding with its place in the bytes.
        let broken = example.replacen("TotaalBedrag>", "TotaalBedrag>1", 1);
        let stored = file("b.xml", broken.into_bytes());
        let document = Document::analyse(&stored, &context);
        let findings = &document.loaded().unwrap().findings;
        assert!(!findings.is_empty() && findings.iter().all(|f| f.location.is_some()));
        let entry = document.model_cache().expect("cached with its findings");
        let cached = Document::from_cache(stored.info(), &entry, &context).expect("the findings are still the validator's");
        assert_eq!(cached.loaded(), document.loaded(), "the same findings, places included");
        let csv = Document::analyse(&file("o.csv", b"Onderwerp;AGBnr;Uw kenmerk\n".to_vec()), &context);
        assert_eq!(csv.model_cache(), None);
    }

    /// The cache is this version's, so only the day can change what the validator finds
    /// (TR135): a cached model is validated again only when a date it checks is after today
    /// or it was found in the future before.
    #[test]
    fn a_cached_model_is_validated_again_only_when_the_day_may_change_its_findings() {
        let pair = generate_pair(&PairConfig::default());
        let dagtekening = pair.declaratie.header.bericht_identificatie.dagtekening;
        let stored = file("a.xml", write(&Bericht::Declaratie(pair.declaratie)).into_bytes());
        let on = |context: ValidationContext| Document::analyse(&stored, &context);
        let before = ValidationContext { today: dagtekening.pred_opt() };
        let after = ValidationContext { today: Some(dagtekening) };
        // Stored the day before its Dagtekening (TR135), opened on it: read from the bytes.
        let entry = on(before).model_cache().unwrap();
        assert!(Document::from_cache(stored.info(), &entry, &after).is_none());
        // Stored clean, opened with the clock set back: read from the bytes too.
        let entry = on(after).model_cache().unwrap();
        assert!(Document::from_cache(stored.info(), &entry, &before).is_none());
        // Stored clean and opened later: the stored findings are taken without validating,
        // which shows in an entry whose findings were changed behind the validator's back.
        let mut other = on(after).loaded().unwrap().clone();
        other.findings.push(Finding::warning(Rule::TR358, ElementPath::new(Scope::Bericht, ""), "x"));
        let entry = modelcache::encode(&other.bericht, &other.findings).unwrap();
        let later = Document::from_cache(stored.info(), &entry, &ValidationContext { today: Some(dagtekening + chrono::Days::new(30)) })
            .expect("not validated again");
        assert_eq!(later.loaded().unwrap().findings, other.findings);
    }
}
