//! The archive as one file: a ZIP with every original file plus a manifest (names, origins,
//! hashes, the numbers in use, the event log, preferences), optionally sealed with a
//! passphrase. Reading verifies everything before anything is restored, so a damaged back-up
//! changes nothing. The encryption itself is WebCrypto's (browser adapter); this module only
//! frames the sealed bytes.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::{Cursor, Read, Write};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::archive::journal::LogEntry;
use crate::archive::numbering::GebruiktNummer;
use crate::archive::{FileInfo, Origin, StoredFile, content_id};

/// The manifest's name inside the ZIP; its presence is what makes a ZIP a back-up.
pub const MANIFEST: &str = "kloppend-backup.json";
/// The format this version writes and reads.
pub(crate) const FORMAAT: u32 = 1;
/// The largest manifest read: a log of a million events is far less.
const MAX_MANIFEST: u64 = 256 << 20;
/// The largest archived file a back-up can hold: what an import stores is at most a ZIP
/// entry's limit (twice VECOZO's 25 MB).
const MAX_BESTAND_IN_BACKUP: u64 = 64 << 20;

/// Everything the archive holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArchiveContents {
    pub bestanden: Vec<StoredFile>,
    pub nummers: Vec<GebruiktNummer>,
    pub gebeurtenissen: Vec<LogEntry>,
}

impl ArchiveContents {
    /// The archive's digest (see [`fingerprint`]).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.bestanden.iter().map(StoredFile::info), &self.nummers)
    }
}

/// A digest of an archive's content: its files (by hash, with their names, origins and import
/// times) and the numbers it remembers, independent of order. Shown on Instellingen so a user
/// can see that a restore gave back exactly what was backed up. It needs no file's bytes (the
/// hash is the file's id), so it is cheap for any archive.
pub fn fingerprint(files: impl IntoIterator<Item = FileInfo>, nummers: &[GebruiktNummer]) -> String {
    let mut regels: Vec<String> = files
        .into_iter()
        .map(|f| format!("bestand\t{}\t{}\t{}\t{}", f.id, f.name, f.origin.code(), f.added))
        .chain(nummers.iter().map(|n| format!("nummer\t{}", n.key())))
        .collect();
    crate::base::sort::ascending(&mut regels);
    let mut hasher = Sha256::new();
    for regel in &regels {
        hasher.update(regel.as_bytes());
        hasher.update(b"\n");
    }
    let hex: String = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    // Groups of four are easier to compare by eye.
    hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// A back-up as read: verified content plus when it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub inhoud: ArchiveContents,
    pub instellingen: BTreeMap<String, String>,
    /// Milliseconds since the epoch.
    pub gemaakt: i64,
    pub app_versie: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    formaat: u32,
    app_versie: String,
    gemaakt: i64,
    bestanden: Vec<ManifestBestand>,
    nummers: Vec<GebruiktNummer>,
    gebeurtenissen: Vec<LogEntry>,
    instellingen: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestBestand {
    /// SHA-256 of the bytes, checked on restore.
    sha256: String,
    naam: String,
    herkomst: Origin,
    toegevoegd: f64,
    grootte: u64,
    /// Where the bytes are inside the ZIP.
    pad: String,
}

/// Why a back-up cannot be made or restored. Restoring changes nothing in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Not a ZIP, or a ZIP without a Kloppend manifest.
    GeenBackup,
    /// The start of a ZIP whose end is missing or damaged: cut off while downloading or copying.
    Onvolledig,
    /// Made by a newer Kloppend.
    NieuwerFormaat(u32),
    /// Made by a newer Kloppend of the same format, whose manifest this version cannot read.
    NieuwereVersie(String),
    /// A manifest larger than any Kloppend writes (read up to the limit, not further).
    ManifestTeGroot,
    /// The manifest cannot be read.
    ManifestOnleesbaar(String),
    /// A file listed in the manifest is missing or its bytes differ from its hash.
    Beschadigd { bestand: String, reden: &'static str },
    /// The file is sealed with a passphrase and none (or a wrong one) was given.
    Versleuteld,
    /// A sealed back-up whose frame is not intact.
    VersleuteldBeschadigd,
    /// The ZIP could not be written.
    Schrijven(String),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::GeenBackup => write!(f, "Dit bestand is geen back-up van Kloppend (er zit geen {MANIFEST} in)."),
            BackupError::Onvolledig => {
                write!(f, "Deze back-up is beschadigd of niet compleet (afgekapt bij het downloaden of kopiëren). Er is niets veranderd.")
            }
            BackupError::NieuwerFormaat(n) => write!(
                f,
                "Deze back-up is gemaakt door een nieuwere versie van Kloppend (formaat {n}; deze versie kent formaat {FORMAAT}). Gebruik de nieuwere versie."
            ),
            BackupError::NieuwereVersie(versie) => write!(
                f,
                "Deze back-up is gemaakt met een nieuwere versie van Kloppend ({versie}; dit is {}). Werk Kloppend bij en zet de back-up dan terug. Er is niets veranderd.",
                env!("CARGO_PKG_VERSION")
            ),
            BackupError::ManifestTeGroot => write!(
                f,
                "De inhoudsopgave van deze back-up is groter dan {} MB; zo'n back-up maakt Kloppend niet. Er is niets veranderd.",
                MAX_MANIFEST >> 20
            ),
            BackupError::ManifestOnleesbaar(detail) => {
                write!(f, "De back-up is beschadigd: de inhoudsopgave is onleesbaar ({detail}). Er is niets veranderd.")
            }
            BackupError::Beschadigd { bestand, reden } => write!(f, "De back-up is beschadigd: {bestand} {reden}. Er is niets veranderd."),
            BackupError::Versleuteld => {
                write!(f, "Het wachtwoord klopt niet (of de versleutelde back-up is beschadigd). Er is niets veranderd.")
            }
            BackupError::VersleuteldBeschadigd => write!(f, "Deze versleutelde back-up is beschadigd of afgekapt. Er is niets veranderd."),
            BackupError::Schrijven(detail) => write!(f, "De back-up kon niet worden gemaakt: {detail}"),
        }
    }
}

impl std::error::Error for BackupError {}

/// A name safe inside a ZIP (no folders, no drive letters).
/// A file's name as a ZIP entry name: no path separators, and no BSN (anyone who opens a
/// plain back-up sees its entry names; the manifest inside keeps the real name).
fn safe_name(name: &str) -> String {
    crate::formats::message::identity::mask_bsns_in(name, 'x')
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':') { '_' } else { c })
        .collect()
}

/// Write the archive as a back-up ZIP.
pub fn write_backup(
    inhoud: &ArchiveContents,
    instellingen: &BTreeMap<String, String>,
    gemaakt: i64,
    app_versie: &str,
) -> Result<Vec<u8>, BackupError> {
    let err = |e: &dyn fmt::Display| BackupError::Schrijven(e.to_string());
    let mut bestanden = Vec::with_capacity(inhoud.bestanden.len());
    let mut cursor = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut cursor);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(false);
    for file in &inhoud.bestanden {
        // The hash prefix keeps names unique; the rest keeps them recognisable to a person.
        let pad = format!("bestanden/{}_{}", &file.id[..file.id.len().min(12)], safe_name(&file.name));
        zip.start_file(pad.as_str(), options).map_err(|e| err(&e))?;
        zip.write_all(&file.bytes).map_err(|e| err(&e))?;
        bestanden.push(ManifestBestand {
            sha256: file.id.clone(),
            naam: file.name.clone(),
            herkomst: file.origin,
            toegevoegd: file.added,
            grootte: file.bytes.len() as u64,
            pad,
        });
    }
    let manifest = Manifest {
        formaat: FORMAAT,
        app_versie: app_versie.to_string(),
        gemaakt,
        bestanden,
        nummers: inhoud.nummers.clone(),
        gebeurtenissen: inhoud.gebeurtenissen.clone(),
        instellingen: instellingen.clone(),
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| err(&e))?;
    zip.start_file(MANIFEST, options).map_err(|e| err(&e))?;
    zip.write_all(&json).map_err(|e| err(&e))?;
    zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// Whether these bytes are a (plain) back-up ZIP: a ZIP holding the manifest.
pub(crate) fn is_backup(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|archive| archive.index_for_name(MANIFEST).is_some())
}

/// Read and verify a back-up ZIP: every file listed must be present with its hash and size.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    if is_sealed(bytes) {
        return Err(BackupError::Versleuteld);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| if bytes.starts_with(b"PK\x03\x04") { BackupError::Onvolledig } else { BackupError::GeenBackup })?;
    let manifest_bytes = read_entry(&mut archive, MANIFEST, MAX_MANIFEST).map_err(|_| BackupError::GeenBackup)?;
    if manifest_bytes.len() as u64 >= MAX_MANIFEST {
        return Err(BackupError::ManifestTeGroot);
    }
    // The format number first, so a newer back-up is named as such even if its shape changed.
    let value =
        serde_json::from_slice::<serde_json::Value>(&manifest_bytes).map_err(|e| BackupError::ManifestOnleesbaar(json_reden(&e)))?;
    let formaat =
        value.get("formaat").and_then(|v| v.as_u64()).ok_or_else(|| BackupError::ManifestOnleesbaar("er staat geen formaat in".into()))?;
    if formaat > FORMAAT as u64 {
        return Err(BackupError::NieuwerFormaat(formaat.min(u32::MAX as u64) as u32));
    }
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| {
        // Same format, a shape this version does not know: a newer Kloppend wrote it.
        match value.get("app_versie").and_then(|v| v.as_str()) {
            Some(versie) if is_newer(versie, env!("CARGO_PKG_VERSION")) => BackupError::NieuwereVersie(versie.chars().take(20).collect()),
            _ => BackupError::ManifestOnleesbaar(json_reden(&e)),
        }
    })?;
    let mut bestanden = Vec::with_capacity(manifest.bestanden.len());
    let mut seen = HashSet::new();
    for entry in manifest.bestanden {
        // The manifest says how big each file is: reading stops one byte beyond, so an entry
        // that unpacks to gigabytes (a ZIP bomb) costs no more than the size it claims.
        let limit = entry.grootte.min(MAX_BESTAND_IN_BACKUP) + 1;
        let data = read_entry(&mut archive, &entry.pad, limit)
            .map_err(|_| BackupError::Beschadigd { bestand: entry.naam.clone(), reden: "ontbreekt of is onleesbaar" })?;
        if data.len() as u64 != entry.grootte || content_id(&data) != entry.sha256 {
            return Err(BackupError::Beschadigd { bestand: entry.naam, reden: "is niet meer hetzelfde als toen de back-up werd gemaakt" });
        }
        if seen.insert(entry.sha256.clone()) {
            bestanden.push(StoredFile {
                id: entry.sha256,
                name: entry.naam,
                origin: entry.herkomst,
                added: entry.toegevoegd,
                bytes: Arc::from(data),
            });
        }
    }
    Ok(Backup {
        inhoud: ArchiveContents {
            bestanden,
            nummers: manifest.nummers,
            gebeurtenissen: crate::archive::journal::renumber(manifest.gebeurtenissen),
        },
        instellingen: manifest.instellingen,
        gemaakt: manifest.gemaakt,
        app_versie: manifest.app_versie,
    })
}

/// A JSON error in Dutch (serde_json's own text is English): what kind, and where.
fn json_reden(e: &serde_json::Error) -> String {
    let wat = match e.classify() {
        serde_json::error::Category::Eof => "hij houdt halverwege op",
        serde_json::error::Category::Syntax => "er staat iets dat geen JSON is",
        serde_json::error::Category::Data => "er ontbreekt iets of er staat iets onbekends in",
        serde_json::error::Category::Io => "hij kon niet worden gelezen",
    };
    if e.line() == 0 { wat.to_string() } else { format!("{wat}, regel {} kolom {}", e.line(), e.column()) }
}

/// `a` is a later version than `b` ("0.2.0" > "0.1.9"), compared number by number.
fn is_newer(a: &str, b: &str) -> bool {
    let parts = |v: &str| v.split('.').map(|p| p.trim().parse::<u64>().unwrap_or(0)).collect::<Vec<_>>();
    parts(a) > parts(b)
}

fn read_entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>, ()> {
    let mut file = archive.by_name(name).map_err(|_| ())?;
    let mut data = Vec::with_capacity(file.size().min(limit).min(64 << 20) as usize);
    (&mut file).take(limit).read_to_end(&mut data).map_err(|_| ())?;
    Ok(data)
}

/// What restoring in "merge" mode adds: the files and numbers the archive does not have yet,
/// and the events that keep what the back-up's log knew about them (`journal::merge_logs`).
pub fn samenvoegen(huidig: &ArchiveContents, backup: &ArchiveContents) -> ArchiveContents {
    let ids: HashSet<&str> = huidig.bestanden.iter().map(|f| f.id.as_str()).collect();
    let nummers: HashSet<&GebruiktNummer> = huidig.nummers.iter().collect();
    ArchiveContents {
        bestanden: backup.bestanden.iter().filter(|f| !ids.contains(f.id.as_str())).cloned().collect(),
        nummers: backup.nummers.iter().filter(|n| !nummers.contains(n)).cloned().collect(),
        gebeurtenissen: crate::archive::journal::merge_logs(&huidig.gebeurtenissen, &backup.gebeurtenissen),
    }
}

// --- sealing (passphrase encryption) ----------------------------------------------------------

/// The first bytes of a sealed back-up.
pub(crate) const SEAL_MAGIC: &[u8] = b"KLOPPEND-VERSLEUTELD-1\n";
/// PBKDF2-SHA-256 iterations written by this version (OWASP's 2023 advice for PBKDF2-SHA-256).
pub const PBKDF2_ITERATIES: u32 = 600_000;
/// Iterations accepted on reading: a crafted file must not make the browser hash for hours.
const MAX_ITERATIES: u32 = 10_000_000;
const SALT: usize = 16;
const IV: usize = 12;

/// The parameters stored in front of the ciphertext (AES-256-GCM, key from PBKDF2-SHA-256).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zegel {
    pub iteraties: u32,
    pub salt: [u8; SALT],
    pub iv: [u8; IV],
}

/// Whether these bytes are a sealed back-up.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEAL_MAGIC)
}

/// Frame a ciphertext: magic, iterations (big-endian), salt, IV, ciphertext with its tag.
pub fn verzegel(zegel: &Zegel, ciphertext: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(SEAL_MAGIC.len() + 4 + SALT + IV + ciphertext.len());
    out.extend_from_slice(SEAL_MAGIC);
    out.extend_from_slice(&zegel.iteraties.to_be_bytes());
    out.extend_from_slice(&zegel.salt);
    out.extend_from_slice(&zegel.iv);
    out.extend_from_slice(ciphertext);
    out
}

/// Split a sealed back-up into its parameters and ciphertext.
pub fn ontzegel(bytes: &[u8]) -> Result<(Zegel, &[u8]), BackupError> {
    let rest = bytes.strip_prefix(SEAL_MAGIC).ok_or(BackupError::GeenBackup)?;
    // 16 bytes is the GCM tag: anything shorter cannot be a ciphertext.
    if rest.len() < 4 + SALT + IV + 16 {
        return Err(BackupError::VersleuteldBeschadigd);
    }
    let (iteraties, rest) = rest.split_at(4);
    let iteraties = u32::from_be_bytes([iteraties[0], iteraties[1], iteraties[2], iteraties[3]]);
    if iteraties == 0 || iteraties > MAX_ITERATIES {
        return Err(BackupError::VersleuteldBeschadigd);
    }
    let (salt, rest) = rest.split_at(SALT);
    let (iv, ciphertext) = rest.split_at(IV);
    let mut zegel = Zegel { iteraties, salt: [0; SALT], iv: [0; IV] };
    zegel.salt.copy_from_slice(salt);
    zegel.iv.copy_from_slice(iv);
    Ok((zegel, ciphertext))
}

/// The back-up's file name for a day: `.zip` when plain, `.kloppend` when sealed.
pub fn bestandsnaam(datum: chrono::NaiveDate, versleuteld: bool) -> String {
    format!("kloppend-backup-{}.{}", datum.format("%Y-%m-%d"), if versleuteld { "kloppend" } else { "zip" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::credit::NummerSoort;
    use crate::archive::journal::{FileRef, UserAction};
    use crate::formats::message::Domein;

    fn inhoud() -> ArchiveContents {
        ArchiveContents {
            bestanden: vec![
                StoredFile::new("a.xml", b"<a/>".to_vec(), Origin::Import, 1.0),
                StoredFile::new("map/b.csv", b"x;y".to_vec(), Origin::Gemaakt, 2.0),
            ],
            nummers: vec![GebruiktNummer {
                agb: "12345678".into(),
                domein: Domein::Wmo,
                soort: NummerSoort::ReferentieNummer,
                waarde: "F1-1-1".into(),
            }],
            gebeurtenissen: vec![LogEntry {
                id: 1,
                time: 5,
                action: UserAction::Import { files: vec![FileRef { id: "x".into(), name: "a.xml".into() }] },
            }],
        }
    }

    #[test]
    fn a_backup_reads_back_exactly() {
        let inhoud = inhoud();
        let instellingen = BTreeMap::from([("toon_bsn".to_string(), "ja".to_string())]);
        let zip = write_backup(&inhoud, &instellingen, 42, "0.1.0").unwrap();
        assert!(is_backup(&zip));
        let backup = read_backup(&zip).unwrap();
        assert_eq!(backup.inhoud, inhoud);
        assert_eq!(backup.inhoud.fingerprint(), inhoud.fingerprint());
        assert_eq!(backup.instellingen, instellingen);
        assert_eq!(backup.gemaakt, 42);
    }

    #[test]
    fn the_digest_ignores_order_but_not_content() {
        let a = inhoud();
        let mut b = a.clone();
        b.bestanden.reverse();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.bestanden[0].name = "anders.csv".into();
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint().len(), 19, "{}", a.fingerprint());
    }

    #[test]
    fn a_changed_file_is_named() {
        let inhoud = inhoud();
        let zip = write_backup(&inhoud, &BTreeMap::new(), 0, "t").unwrap();
        // Rewrite the ZIP with one file's bytes changed but the manifest kept.
        let mut archive = zip::ZipArchive::new(Cursor::new(&zip[..])).unwrap();
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if name.ends_with("a.xml") {
                data = b"<b/>".to_vec();
            }
            writer.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(&data).unwrap();
        }
        writer.finish().unwrap();
        let error = read_backup(&out.into_inner()).unwrap_err();
        assert_eq!(
            error,
            BackupError::Beschadigd { bestand: "a.xml".into(), reden: "is niet meer hetzelfde als toen de back-up werd gemaakt" }
        );
        assert!(error.to_string().contains("a.xml"));
    }

    #[test]
    fn not_a_backup_and_truncated_backups_are_refused() {
        assert_eq!(read_backup(b"hello").unwrap_err(), BackupError::GeenBackup);
        let plain_zip = crate::analysis::credit::zip_bundles(&[("x.xml".into(), b"<x/>".to_vec())], "z").unwrap().remove(0).1;
        assert!(!is_backup(&plain_zip));
        assert_eq!(read_backup(&plain_zip).unwrap_err(), BackupError::GeenBackup);
        let zip = write_backup(&inhoud(), &BTreeMap::new(), 0, "t").unwrap();
        for cut in [10, zip.len() / 2, zip.len() - 5] {
            assert!(read_backup(&zip[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_newer_format_is_named() {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        writer.start_file(MANIFEST, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(br#"{"formaat": 7, "iets": "nieuws"}"#).unwrap();
        writer.finish().unwrap();
        assert_eq!(read_backup(&out.into_inner()).unwrap_err(), BackupError::NieuwerFormaat(7));
    }

    fn with_manifest(manifest: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        writer.start_file(MANIFEST, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(manifest.as_bytes()).unwrap();
        writer.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_newer_version_of_the_same_format_is_named_and_parser_text_is_dutch() {
        // A shape this version does not know, written by a later version: update Kloppend.
        let newer = with_manifest(&format!(r#"{{"formaat": {FORMAAT}, "app_versie": "9.1.0", "bestanden": {{"nieuw": true}}}}"#));
        let error = read_backup(&newer).unwrap_err();
        assert_eq!(error, BackupError::NieuwereVersie("9.1.0".into()));
        assert!(error.to_string().contains("Werk Kloppend bij"), "{error}");
        // The same from this version or an older one is damage, said in Dutch.
        let damaged = with_manifest(&format!(r#"{{"formaat": {FORMAAT}, "app_versie": "0.0.1", "bestanden": {{"nieuw": true}}}}"#));
        let text = read_backup(&damaged).unwrap_err().to_string();
        assert!(text.contains("er ontbreekt iets of er staat iets onbekends in, regel 1"), "{text}");
        let cut = with_manifest(r#"{"formaat": 1, "app_versie": "0.1.0", "bestanden": ["#);
        let text = read_backup(&cut).unwrap_err().to_string();
        assert!(text.contains("hij houdt halverwege op"), "{text}");
        for english in ["EOF", "while parsing", "expected", "invalid type"] {
            assert!(!text.contains(english), "{text}");
        }
        assert!(is_newer("0.10.0", "0.9.9") && !is_newer("0.1.0", "0.1.0") && !is_newer("0.0.9", "0.1.0"));
    }

    #[test]
    fn merging_adds_only_what_is_missing() {
        let full = inhoud();
        let mut partial = full.clone();
        partial.bestanden.truncate(1);
        partial.nummers.clear();
        let added = samenvoegen(&partial, &full);
        assert_eq!(added.bestanden.len(), 1);
        assert_eq!(added.bestanden[0].name, "map/b.csv");
        assert_eq!(added.nummers, full.nummers);
        assert!(samenvoegen(&full, &full).bestanden.is_empty());
    }

    #[test]
    fn seals_frame_and_unframe() {
        let zegel = Zegel { iteraties: PBKDF2_ITERATIES, salt: [7; 16], iv: [9; 12] };
        let sealed = verzegel(&zegel, &[1; 40]);
        assert!(is_sealed(&sealed));
        assert_eq!(read_backup(&sealed).unwrap_err(), BackupError::Versleuteld);
        let (back, ciphertext) = ontzegel(&sealed).unwrap();
        assert_eq!(back, zegel);
        assert_eq!(ciphertext, &[1; 40]);
        assert_eq!(ontzegel(&sealed[..SEAL_MAGIC.len() + 20]).unwrap_err(), BackupError::VersleuteldBeschadigd);
        let mut absurd = sealed.clone();
        absurd[SEAL_MAGIC.len()..SEAL_MAGIC.len() + 4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(ontzegel(&absurd).unwrap_err(), BackupError::VersleuteldBeschadigd);
        assert_eq!(ontzegel(b"PK\x03\x04").unwrap_err(), BackupError::GeenBackup);
    }
}
