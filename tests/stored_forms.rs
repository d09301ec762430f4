//! What Kloppend stores keeps its form: a back-up and a journal written by the main of
//! 2026-12-07 (the fixtures under `tests/fixtures/stored/`) still read back to the same
//! archive and log, and writing that log today gives the same JSON byte for byte. Renaming a
//! type or field in code must not rename it in what users keep on their devices.
//!
//! The fixtures were made by this file (`KLOPPEND_WRITE_STORED_FIXTURES=1 cargo test --test
//! stored_forms`) before the journal's types got English names; they are not rewritten since.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use kloppend::domain::StoredFile;
use kloppend::domain::backup::{ArchiveContents, read_backup, write_backup};
use kloppend::domain::journal::{FileRef, Herkomst, LogEntry, TodoMark, UserAction, action_from_json, action_json};
use kloppend::domain::message::Domein;
use kloppend::domain::{Origin, numbering::GebruiktNummer, numbering::NummerSoort};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stored").join(name)
}

fn bestand(id: &str, naam: &str) -> FileRef {
    FileRef { id: id.into(), name: naam.into() }
}

/// One event of every kind the log knows, every mark a Te doen item can get.
fn log() -> Vec<LogEntry> {
    let debet = bestand("a1", "wmo323_debet.xml");
    let made = bestand("b2", "kloppend_credit.xml");
    let herkomst =
        Herkomst { bestand: "b2".into(), referentie: "F2025060-001".into(), van_bestand: "a1".into(), van_client: 0, van_prestatie: 1 };
    let item = |markering| UserAction::MarkTodo { key: "regel:a1:0:1".into(), title: "Regel afgewezen".into(), mark: markering };
    let handelingen = vec![
        UserAction::Import { files: vec![debet.clone()] },
        UserAction::Made { files: vec![made.clone()], herkomst: vec![herkomst] },
        UserAction::DemoLoaded { files: vec![bestand("c3", "demo.xml")] },
        UserAction::Delete { files: vec![debet.clone()] },
        UserAction::Setting { name: "toon_bsn".into(), old: "nee".into(), new: "ja".into() },
        UserAction::RestoreMerge { files: vec![debet] },
        UserAction::RestoreReplace { files: 3 },
        UserAction::Undone { entry: 4, description: "wmo323_debet.xml verwijderd".into() },
        item(TodoMark::Done),
        item(TodoMark::PutOff { until: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap() }),
        item(TodoMark::Reopened),
        item(TodoMark::Wrong),
        UserAction::Uploaded { files: vec![made] },
    ];
    handelingen
        .into_iter()
        .enumerate()
        .map(|(i, action)| LogEntry { id: i as u64 + 1, time: 1_796_000_000_000 + i as i64, action })
        .collect()
}

fn archive() -> ArchiveContents {
    // Small stand-ins: the back-up keeps any bytes as they came, and a BSN-like name is masked
    // in the entry name only.
    ArchiveContents {
        bestanden: vec![
            StoredFile::new("wmo323_debet.xml", b"<Bericht>323</Bericht>\n".to_vec(), Origin::Import, 1_796_000_000_000.0),
            StoredFile::new("client_123456782.xml", b"<Bericht>325</Bericht>\n".to_vec(), Origin::Demo, 1_796_000_001_000.0),
        ],
        nummers: vec![GebruiktNummer {
            agb: "12345678".into(),
            domein: Domein::Wmo,
            soort: NummerSoort::DeclaratieNummer,
            waarde: "F2025050".into(),
        }],
        gebeurtenissen: log(),
    }
}

fn settings() -> BTreeMap<String, String> {
    BTreeMap::from([("toon_bsn".to_string(), "ja".to_string()), ("termijn:0363".to_string(), "3".to_string())])
}

/// The journal as the browser archive stores it: each action as JSON text.
fn journal_json(log: &[LogEntry]) -> String {
    let lines: Vec<String> = log.iter().map(|g| format!("{}\t{}\t{}", g.id, g.time, action_json(&g.action).unwrap())).collect();
    lines.join("\n") + "\n"
}

#[test]
fn a_back_up_and_a_journal_written_by_the_main_of_2026_12_07_read_back_unchanged() {
    if std::env::var_os("KLOPPEND_WRITE_STORED_FIXTURES").is_some() {
        std::fs::create_dir_all(fixture("")).unwrap();
        let bytes = write_backup(&archive(), &settings(), 1_796_000_002_000, "0.1.0").unwrap();
        std::fs::write(fixture("backup_2026-12-07.zip"), bytes).unwrap();
        std::fs::write(fixture("journal_2026-12-07.tsv"), journal_json(&log())).unwrap();
    }
    // The back-up: every file byte for byte, the numbers, the whole log and the settings.
    let bytes = std::fs::read(fixture("backup_2026-12-07.zip")).expect("the back-up fixture");
    let backup = read_backup(&bytes).expect("today's main reads it");
    assert_eq!(backup.inhoud, archive());
    assert_eq!(backup.instellingen, settings());
    // The journal: what is stored today is what was stored then, to the byte.
    let stored = std::fs::read_to_string(fixture("journal_2026-12-07.tsv")).expect("the journal fixture");
    assert_eq!(journal_json(&log()), stored, "an action's stored JSON changed: keep its serialised names");
    for line in stored.lines() {
        let json = line.splitn(3, '\t').nth(2).unwrap();
        let action = action_from_json(json).unwrap_or_else(|| panic!("unreadable: {json}"));
        assert!(log().iter().any(|g| g.action == action), "{json}");
    }
}

#[test]
fn the_back_up_fixture_is_what_todays_writer_writes() {
    // The same archive written again: the same bytes (a back-up restores byte for byte, and
    // its manifest keeps its names).
    let bytes = std::fs::read(fixture("backup_2026-12-07.zip")).expect("the back-up fixture");
    let again = write_backup(&archive(), &settings(), 1_796_000_002_000, "0.1.0").unwrap();
    assert!(again == bytes, "the back-up writer's output changed ({} bytes, fixture {})", again.len(), bytes.len());
}
