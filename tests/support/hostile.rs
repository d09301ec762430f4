//! The hostile-input corpus: files a careless or malicious source could hand a provider —
//! entity expansion, external entities, deep nesting, huge files and text nodes, wrong
//! encodings, ZIP bombs and zip-slip names, markup in names and values, CSV formula cells,
//! damaged and crafted back-ups. Each case says what the app must do with it and a piece of
//! the Dutch text it must show. The native test (`tests/hostile.rs`) and the browser test
//! (`tests/e2e/hostile.test.mjs`, through `cargo run --example hostile`) read the same list.
#![allow(dead_code)]

use std::io::Write;

use kloppend::domain::backup::{self, ArchiveContents};
use kloppend::domain::journal::{LogEntry, UserAction};
use kloppend::domain::{Origin, StoredFile};

/// What the app must do with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Picked on Importeren: refused (listed with its reason), nothing stored.
    Refuse,
    /// Picked on Importeren: stored as it is, shown as text (its markup inert); undone after.
    Store,
    /// Picked on Importeren: recognised as a back-up and pointed to Instellingen.
    PointToRestore,
    /// Restored on Instellingen: refused with its reason, nothing changed.
    RestoreRefused,
    /// Restored on Instellingen (merge): accepted, and the archive works on afterwards.
    RestoreAccepted,
}

impl How {
    pub fn word(self) -> &'static str {
        match self {
            How::Refuse => "refuse",
            How::Store => "store",
            How::PointToRestore => "point-to-restore",
            How::RestoreRefused => "restore-refused",
            How::RestoreAccepted => "restore-accepted",
        }
    }
}

pub struct Case {
    /// The file's name as picked (unique in the corpus; it starts with its number).
    pub name: String,
    pub bytes: Vec<u8>,
    pub how: How,
    /// A piece of the Dutch text the app shows for it (the file's row, or the notice).
    pub expect: &'static str,
    /// Only the browser can check it (the limit is in the file-reading adapter).
    pub browser_only: bool,
}

/// A file the browser must refuse without reading it: this many bytes (written sparse).
pub const OVERSIZED_PICK: u64 = 600 * 1024 * 1024;

pub fn corpus(example: impl Fn(&str) -> Vec<u8>, settlement: &[u8]) -> Vec<Case> {
    let debet = example("wmo323_debet.xml");
    let antwoord = example("wmo325_antwoord.xml");
    let text = String::from_utf8(debet.clone()).expect("the example is UTF-8");
    let mut cases = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, how: How, expect: &'static str| {
        let name = format!("{:02}-{name}", cases.len() + 1);
        cases.push(Case { name, bytes, how, expect, browser_only: false });
    };

    // XML: entities and document types.
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lol [\n<!ENTITY lol \"lol\">\n".to_string()
        + &(1..10)
            .map(|i| format!("<!ENTITY lol{i} \"{}\">\n", format!("&lol{};", i - 1).replace("&lol0;", "&lol;").repeat(10)))
            .collect::<String>()
        + "]>\n<lol>&lol9;</lol>\n";
    add("billion-laughs.xml", laughs.into_bytes(), How::Refuse, "DOCTYPE");
    let big_entity = format!("<!DOCTYPE a [<!ENTITY x \"{}\">]>\n<a>{}</a>", "x".repeat(100_000), "&x;".repeat(10_000));
    add("quadratic-blowup.xml", big_entity.into_bytes(), How::Refuse, "DOCTYPE");
    add("parameter-entities.xml", b"<!DOCTYPE a [<!ENTITY % p \"<!ENTITY q 'x'>\"> %p;]><a>&q;</a>".to_vec(), How::Refuse, "DOCTYPE");
    add(
        "external-file-entity.xml",
        in_message(&text, "<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;"),
        How::Refuse,
        "DOCTYPE",
    );
    add(
        "external-http-entity.xml",
        in_message(&text, "<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM \"http://example.invalid/x\">]>", "&xxe;"),
        How::Refuse,
        "DOCTYPE",
    );
    add("external-dtd.xml", in_message(&text, "<!DOCTYPE Bericht SYSTEM \"http://example.invalid/x.dtd\">", ""), How::Refuse, "DOCTYPE");
    add(
        "undeclared-entity.xml",
        text.replacen("</wmo323:ToewijzingNummer>", "&xxe;</wmo323:ToewijzingNummer>", 1).into_bytes(),
        How::Refuse,
        "Onbekende entiteit '&xxe;'",
    );
    add(
        "xinclude.xml",
        text.replacen(
            "<wmo323:Client>",
            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"http://example.invalid/x\"/><wmo323:Client>",
            1,
        )
        .into_bytes(),
        How::Refuse,
        "Onbekend element include",
    );
    add(
        "stylesheet-pi.xml",
        text.replacen("?>", "?>\n<?xml-stylesheet href=\"http://example.invalid/x.xsl\"?>", 1).into_bytes(),
        How::Store,
        "WMO323",
    );

    // XML: size and shape.
    add(
        "deep-nesting.xml",
        format!("{}{}", "<a>".repeat(200_000), "</a>".repeat(200_000)).into_bytes(),
        How::Refuse,
        "geen bericht van de Wmo of de Jeugdwet",
    );
    let deep_inside = text.replacen("<wmo323:Client>", &format!("{}{}<wmo323:Client>", "<x>".repeat(100_000), "</x>".repeat(100_000)), 1);
    add("deep-nesting-in-message.xml", deep_inside.into_bytes(), How::Refuse, "Onbekend element");
    add(
        "huge-text-node.xml",
        text.replacen("</wmo323:ToewijzingNummer>", &format!("{}</wmo323:ToewijzingNummer>", "A".repeat(20 << 20)), 1).into_bytes(),
        How::Refuse,
        "ToewijzingNummer",
    );
    add(
        "huge-attribute.xml",
        text.replacen("<wmo323:Header>", &format!("<wmo323:Header a=\"{}\">", "b".repeat(10 << 20)), 1).into_bytes(),
        How::Refuse,
        "attribuut 'a'",
    );
    add(
        "many-attributes.xml",
        text.replacen(
            "<wmo323:Header>",
            &format!("<wmo323:Header {}>", (0..100_000).map(|i| format!("a{i}=\"1\" ")).collect::<String>()),
            1,
        )
        .into_bytes(),
        How::Refuse,
        "attribuut 'a0'",
    );
    add(
        "huge-element-name.xml",
        format!("<{0}></{0}>", "n".repeat(5 << 20)).into_bytes(),
        How::Refuse,
        "geen bericht van de Wmo of de Jeugdwet",
    );
    add(
        "over-25-mb.xml",
        text.replacen("</wmo323:ToewijzingNummer>", &format!("</wmo323:ToewijzingNummer><!--{}-->", "c".repeat(26 << 20)), 1).into_bytes(),
        How::Store,
        "VECOZO neemt berichten tot 25 MB aan",
    );
    add(
        "over-50-mb.xml",
        text.replacen("</wmo323:ToewijzingNummer>", &format!("</wmo323:ToewijzingNummer><!--{}-->", "c".repeat(51 << 20)), 1).into_bytes(),
        How::Refuse,
        "tot 50 MB",
    );
    add("many-findings.xml", many_findings(&text, 3_000), How::Store, "WMO323");
    // Software that leaves out the tariff on every line (issue 29): one entry on screen.
    add("no-tariff-anywhere.xml", without_tariffs(&many_findings(&text, 3_000)), How::Store, "6.000 keer: ProductTarief ontbreekt");
    add("whitespace-only.xml", vec![b' '; 1 << 20], How::Refuse, "leeg");
    add("empty.xml", Vec::new(), How::Refuse, "leeg");
    add("bom-only.xml", b"\xef\xbb\xbf".to_vec(), How::Refuse, "leeg");
    add(
        "random-bytes.xml",
        (0..1u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(),
        How::Refuse,
        "geen geldige UTF-8",
    );
    add("png-as-xml.xml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0".to_vec(), How::Refuse, "PNG-afbeelding");
    add("html-page.xml", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".to_vec(), How::Refuse, "DOCTYPE");
    add(
        "svg-with-script.xml",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>".to_vec(),
        How::Refuse,
        "hoofdelement 'svg'",
    );
    add(
        "cdata-markup.xml",
        text.replacen("</wmo323:ToewijzingNummer>", "<![CDATA[<img src=x onerror=alert(1)>]]></wmo323:ToewijzingNummer>", 1).into_bytes(),
        How::Refuse,
        "ToewijzingNummer",
    );
    add(
        "markup-in-value.xml",
        text.replacen("F2025050", "&lt;img src=x onerror=alert(1)&gt;", 1).into_bytes(),
        How::Store,
        "DeclaratieNummer",
    );
    add("second-root.xml", format!("{text}<wmo323:Bericht/>").into_bytes(), How::Refuse, "Onbekend element Bericht");
    add("processing-instruction-first.xml", format!("<?x y?>{text}").into_bytes(), How::Refuse, "XML-declaratie staat niet aan het begin");

    // XML: encodings and forbidden characters.
    add("utf16le-no-bom.xml", text.encode_utf16().flat_map(u16::to_le_bytes).collect(), How::Refuse, "UTF-16");
    add("utf16be-bom.xml", [0xfe, 0xff].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(), How::Refuse, "UTF-16");
    add(
        "utf32.xml",
        [0xff, 0xfe, 0, 0].into_iter().chain(text.chars().flat_map(|c| (c as u32).to_le_bytes())).collect(),
        How::Refuse,
        "UTF-32",
    );
    add("declared-latin1.xml", text.replacen("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", 1).into_bytes(), How::Refuse, "ISO-8859-1");
    add("declared-utf7.xml", text.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-7\"", 1).into_bytes(), How::Refuse, "UTF-7");
    add("invalid-utf8.xml", splice(&text, "</wmo323:ToewijzingNummer>", b"\xff\xfe\xfd"), How::Refuse, "UTF-8");
    add("overlong-utf8.xml", splice(&text, "</wmo323:ToewijzingNummer>", b"\xc0\xaf"), How::Refuse, "UTF-8");
    add("surrogate-utf8.xml", splice(&text, "</wmo323:ToewijzingNummer>", b"\xed\xa0\x80"), How::Refuse, "UTF-8");
    add("nul-bytes.xml", splice(&text, "</wmo323:ToewijzingNummer>", b"\0\0"), How::Refuse, "NUL-teken");
    add("escape-character.xml", splice(&text, "</wmo323:ToewijzingNummer>", b"\x1b[31m"), How::Refuse, "stuurteken");
    add(
        "nul-character-reference.xml",
        text.replacen("</wmo323:ToewijzingNummer>", "&#0;</wmo323:ToewijzingNummer>", 1).into_bytes(),
        How::Refuse,
        "tekenverwijzing",
    );
    add(
        "surrogate-reference.xml",
        text.replacen("</wmo323:ToewijzingNummer>", "&#xD800;</wmo323:ToewijzingNummer>", 1).into_bytes(),
        How::Refuse,
        "tekenverwijzing",
    );
    add(
        "beyond-unicode-reference.xml",
        text.replacen("</wmo323:ToewijzingNummer>", "&#x110000;</wmo323:ToewijzingNummer>", 1).into_bytes(),
        How::Refuse,
        "tekenverwijzing",
    );

    // Names: markup, a BSN, control characters, length. The files themselves are valid.
    // Each a message of its own (another BerichtIdentificatie), so none is a duplicate.
    let variant = |bytes: &[u8], n: u32| {
        String::from_utf8_lossy(bytes).replacen("<iwmo:Identificatie>", &format!("<iwmo:Identificatie>X{n}"), 1).into_bytes()
    };
    add("<img src=x onerror=alert(1)>.xml", variant(&debet, 1), How::Store, "WMO323");
    add("\u{202e}lmx.exe.xml", variant(&antwoord, 2), How::Store, "WMO325");
    add(&format!("{}.xml", "lang".repeat(60)), variant(&example("wmo323_credit.xml"), 3), How::Store, "WMO323");

    // ZIPs.
    add(
        "bomb-many-entries.zip",
        zip_of(&(0..450).map(|i| (format!("d{i}.xml"), vec![b' '; 1 << 20])).collect::<Vec<_>>()),
        How::Refuse,
        "groter dan 400 MB",
    );
    add("bomb-one-entry.zip", raw_zip(&[RawEntry::deflated_zeros("groot.xml", 200 << 20)]), How::Refuse, "groter dan 50 MB");
    add(
        "bomb-lying-size.zip",
        raw_zip(&[RawEntry { declared: Some(100), ..RawEntry::deflated_zeros("klein.xml", 120 << 20) }]),
        How::Refuse,
        "ZIP",
    );
    let inner = zip_of(&[("in.zip".to_string(), zip_of(&[("x.xml".to_string(), debet.clone())]))]);
    add("nested-three-deep.zip", zip_of(&[("midden.zip".to_string(), inner)]), How::Refuse, "een ZIP in een ZIP in een ZIP");
    add(
        "zip-slip.zip",
        zip_of(&[
            ("../../etc/cron.d/x.xml".to_string(), b"* * * * * root rm -rf /".to_vec()),
            ("/abs/y.xml".to_string(), antwoord.clone()),
        ]),
        How::Refuse,
        "geen XML-bestand",
    );
    add(
        "duplicate-names.zip",
        raw_zip(&[RawEntry::stored("x.xml", &debet), RawEntry::stored("x.xml", &antwoord)]),
        How::Refuse,
        "dezelfde naam",
    );
    add(
        "over-500-entries.zip",
        zip_of(&(0..520).map(|i| (format!("e{i}.csv"), b"a".to_vec())).collect::<Vec<_>>()),
        How::Refuse,
        "meer dan 500 bestanden",
    );
    add(
        "markup-entry-name.zip",
        zip_of(&[("<script>alert(1)</script>.xml".to_string(), b"<script>alert(1)</script>".to_vec())]),
        How::Refuse,
        "hoofdelement 'script'",
    );
    let whole = zip_of(&[("x.xml".to_string(), debet.clone())]);
    add("truncated.zip", whole[..whole.len() / 2].to_vec(), How::Refuse, "de ZIP is beschadigd");
    add("bad-crc.zip", raw_zip(&[RawEntry { crc: Some(0xdead_beef), ..RawEntry::stored("x.xml", &debet) }]), How::Refuse, "beschadigd");
    add("unknown-method.zip", raw_zip(&[RawEntry { method: 99, ..RawEntry::stored("x.xml", &debet) }]), How::Refuse, "beschadigd");
    add("only-folders.zip", zip_of(&[]), How::Refuse, "Geen bestanden gevonden");
    add("pdf-in-zip.zip", zip_of(&[("factuur.pdf".to_string(), b"%PDF-1.7".to_vec())]), How::Refuse, "alleen .xml en .csv");

    // CSV.
    let formula = String::from_utf8_lossy(settlement)
        .replacen("Afrekening", "=HYPERLINK(\"http://example.invalid\";\"klik\")", 1)
        .replacen("ZZK", "+cmd|' /C calc'!A0", 1);
    add("formula-cells.csv", formula.into_bytes(), How::Store, "Verrekenoverzicht");
    add(
        "unbalanced-quote.csv",
        String::from_utf8_lossy(settlement).replacen("Afrekening", "\"Afrekening", 1).into_bytes(),
        How::Store,
        "Verrekenoverzicht",
    );
    add(
        "utf16-csv.csv",
        String::from_utf8_lossy(settlement).encode_utf16().flat_map(u16::to_le_bytes).collect(),
        How::Store,
        "Verrekenoverzicht",
    );
    add("not-a-settlement.csv", b"a;b;c\n1;2;3\n".to_vec(), How::Refuse, "geen kopregel");
    add("over-25-mb.csv", csv_rows(settlement, 26 << 20), How::Refuse, "tot 25 MB");
    add(
        "ten-thousand-columns.csv",
        format!("{}\n{}\n", ["Onderwerp"; 10_000].join(";"), ["x"; 10_000].join(";")).into_bytes(),
        How::Refuse,
        "U ontvangt",
    );
    add("nul-bytes.csv", settlement.iter().flat_map(|&b| [b, 0]).collect(), How::Store, "Verrekenoverzicht");

    // Back-ups.
    let inhoud = ArchiveContents {
        bestanden: vec![StoredFile::new("wmo323_debet.xml", debet.clone(), Origin::Import, 1.0)],
        ..ArchiveContents::default()
    };
    let plain = backup::write_backup(&inhoud, &Default::default(), 0, "hostile").expect("a back-up");
    add("backup-dropped-on-import.zip", plain.clone(), How::PointToRestore, "back-up van Kloppend");
    add("backup-cut-off.zip", plain[..plain.len() * 2 / 3].to_vec(), How::RestoreRefused, "niet compleet");
    let sealed = backup::verzegel(&backup::Zegel { iteraties: 1000, salt: [1; 16], iv: [2; 12] }, &plain);
    add("backup-sealed-cut-off.kloppend", sealed[..40].to_vec(), How::RestoreRefused, "beschadigd of afgekapt");
    let mut flipped = plain.clone();
    // A byte inside the first entry's data (after its 30-byte header and its name).
    let at = 30 + usize::from(u16::from_le_bytes([flipped[26], flipped[27]])) + 40;
    flipped[at] ^= 0x20;
    add("backup-bytes-changed.zip", flipped, How::RestoreRefused, "beschadigd");
    add(
        "backup-bad-manifest.zip",
        zip_of(&[(backup::MANIFEST.to_string(), b"{\"formaat\": 1, \"bestanden\": [".to_vec())]),
        How::RestoreRefused,
        "inhoudsopgave is onleesbaar",
    );
    // A manifest that inflates to 3.5 GB: read up to the limit, then refused in Dutch.
    add(
        "backup-manifest-bomb.zip",
        raw_zip(&[RawEntry::deflated_zeros(backup::MANIFEST, 3500 << 20)]),
        How::RestoreRefused,
        "groter dan 256 MB",
    );
    add(
        "backup-newer-version.zip",
        zip_of(&[(backup::MANIFEST.to_string(), b"{\"formaat\": 1, \"app_versie\": \"9.0.0\", \"bestanden\": {\"anders\": 1}}".to_vec())]),
        How::RestoreRefused,
        "nieuwere versie van Kloppend (9.0.0",
    );
    add(
        "backup-newer-format.zip",
        zip_of(&[(backup::MANIFEST.to_string(), b"{\"formaat\": 99}".to_vec())]),
        How::RestoreRefused,
        "nieuwere versie",
    );
    let missing = manifest_zip(
        &format!(
            "{{\"formaat\":1,\"app_versie\":\"x\",\"gemaakt\":0,\"bestanden\":[{{\"sha256\":\"{}\",\"naam\":\"weg.xml\",\"herkomst\":\"Import\",\"toegevoegd\":1.0,\"grootte\":5,\"pad\":\"../../weg.xml\"}}],\"nummers\":[],\"gebeurtenissen\":[],\"instellingen\":{{}}}}",
            "0".repeat(64)
        ),
        &[],
    );
    add("backup-missing-entry.zip", missing, How::RestoreRefused, "weg.xml ontbreekt");
    let bomb_manifest = format!(
        "{{\"formaat\":1,\"app_versie\":\"x\",\"gemaakt\":0,\"bestanden\":[{{\"sha256\":\"{}\",\"naam\":\"bom.xml\",\"herkomst\":\"Import\",\"toegevoegd\":1.0,\"grootte\":1000,\"pad\":\"bestanden/bom.xml\"}}],\"nummers\":[],\"gebeurtenissen\":[],\"instellingen\":{{}}}}",
        "0".repeat(64)
    );
    add(
        "backup-bomb.zip",
        manifest_zip(&bomb_manifest, &[RawEntry::deflated_zeros("bestanden/bom.xml", 3 << 30)]),
        How::RestoreRefused,
        "bom.xml",
    );
    // Crafted log ids at the top of the key range: the store must go on numbering after them.
    let crafted = ArchiveContents {
        gebeurtenissen: vec![
            LogEntry { id: u64::MAX, time: 0, action: UserAction::Setting { name: "x".into(), old: String::new(), new: String::new() } },
            LogEntry {
                id: (1 << 53) + 7,
                time: 1,
                action: UserAction::Setting { name: "x".into(), old: String::new(), new: String::new() },
            },
        ],
        ..ArchiveContents::default()
    };
    add(
        "backup-huge-log-ids.zip",
        backup::write_backup(&crafted, &Default::default(), 0, "hostile").expect("a back-up"),
        How::RestoreAccepted,
        "De back-up is samengevoegd",
    );

    // Only the browser: a pick far larger than anything Kloppend reads is refused unread.
    cases.push(Case {
        name: format!("{:02}-oversized-pick.xml", cases.len() + 1),
        bytes: Vec::new(),
        how: How::Refuse,
        expect: "niet gelezen",
        browser_only: true,
    });
    cases
}

/// The example message with a document type before its root and `reference` in a name.
fn in_message(text: &str, doctype: &str, reference: &str) -> Vec<u8> {
    let body = text.replacen("</wmo323:ToewijzingNummer>", &format!("{reference}</wmo323:ToewijzingNummer>"), 1);
    let start = body.find("<wmo323:Bericht").expect("the root element");
    format!("{}{doctype}\n{}", &body[..start], &body[start..]).into_bytes()
}

fn splice(text: &str, before: &str, bytes: &[u8]) -> Vec<u8> {
    let at = text.find(before).expect("the marker");
    let mut out = text.as_bytes()[..at].to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(&text.as_bytes()[at..]);
    out
}

/// The example with its client repeated `clients` times, each with an invalid BSN: a finding
/// on every client (the total no longer adds up either).
pub fn many_findings(text: &str, clients: usize) -> Vec<u8> {
    let start = text.find("<wmo323:Client>").expect("a client");
    let end = text.rfind("</wmo323:Client>").expect("a client") + "</wmo323:Client>".len();
    let client = &text[start..end];
    let bsn_start = client.find("<wmo323:Bsn>").expect("a BSN") + "<wmo323:Bsn>".len();
    let broken: String =
        (0..clients).map(|i| format!("{}{:09}{}", &client[..bsn_start], 100_000_000 + i, &client[bsn_start + 9..])).collect();
    format!("{}{broken}{}", &text[..start], &text[end..]).into_bytes()
}

/// The message with every ProductTarief element left out.
pub fn without_tariffs(message: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(message);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(start) = rest.find("<wmo323:ProductTarief>") {
        let end = rest[start..].find("</wmo323:ProductTarief>").expect("a closing tag") + start + "</wmo323:ProductTarief>".len();
        out.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn csv_rows(settlement: &[u8], size: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(settlement);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let row = lines.next().unwrap_or_default();
    let mut out = format!("{header}\n").into_bytes();
    while out.len() < size {
        out.extend_from_slice(row.as_bytes());
        out.push(b'\n');
    }
    out
}

pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut cursor);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).expect("a ZIP entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("a ZIP");
    cursor.into_inner()
}

/// A back-up ZIP with this manifest text and these entries, written by hand (so that it can
/// hold what Kloppend would never write).
fn manifest_zip(manifest: &str, entries: &[RawEntry]) -> Vec<u8> {
    let mut all: Vec<RawEntry> = entries.to_vec();
    all.push(RawEntry::stored(backup::MANIFEST, manifest.as_bytes()));
    raw_zip(&all)
}

/// One entry of a ZIP written byte by byte: what a ZIP library refuses to write (two entries
/// with one name, a wrong CRC, a size that lies, an unknown method).
#[derive(Clone)]
pub struct RawEntry {
    pub name: String,
    pub data: Vec<u8>,
    pub method: u16,
    /// The uncompressed size as written in the headers (the true size when `None`).
    pub declared: Option<u32>,
    pub size: u32,
    pub crc: Option<u32>,
}

impl RawEntry {
    pub fn stored(name: &str, data: &[u8]) -> RawEntry {
        RawEntry { name: name.into(), data: data.to_vec(), method: 0, declared: None, size: data.len() as u32, crc: None }
    }

    /// `size` zero bytes, deflated. Built from one compressed megabyte repeated, so that a
    /// gigabyte costs nothing to make (the CRC is left wrong: the point is the size).
    pub fn deflated_zeros(name: &str, size: u64) -> RawEntry {
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&vec![0; 1 << 20]).expect("compressed");
        encoder.flush().expect("a byte-aligned block");
        let block = encoder.get_ref().clone();
        let mut data = Vec::with_capacity(block.len() * (size >> 20) as usize + 2);
        for _ in 0..size >> 20 {
            data.extend_from_slice(&block);
        }
        // A final, empty fixed-Huffman block.
        data.extend_from_slice(&[0x03, 0x00]);
        RawEntry { name: name.into(), data, method: 8, declared: None, size: size.min(u32::MAX as u64) as u32, crc: Some(0) }
    }
}

pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let crc = entry.crc.unwrap_or_else(|| crc32fast::hash(&entry.data));
        let size = entry.declared.unwrap_or(entry.size);
        let offset = out.len() as u32;
        let header = |out: &mut Vec<u8>, central_record: bool| {
            out.extend_from_slice(if central_record { b"PK\x01\x02" } else { b"PK\x03\x04" });
            if central_record {
                out.extend_from_slice(&20u16.to_le_bytes());
            }
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&entry.method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0]);
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(entry.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            if central_record {
                // Comment length, disk, internal and external attributes, then the offset.
                out.extend_from_slice(&[0; 10]);
                out.extend_from_slice(&offset.to_le_bytes());
            }
            out.extend_from_slice(entry.name.as_bytes());
        };
        header(&mut out, false);
        out.extend_from_slice(&entry.data);
        header(&mut central, true);
    }
    let central_at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
