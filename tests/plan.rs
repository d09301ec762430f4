//! The app session's decisions, planned without a browser: how a pick is sorted, what an
//! import stores, counts as already there or refuses, what a deletion keeps taken, what
//! undo does after each kind of action, and the notices the user reads.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use chrono::NaiveDate;
use kloppend::domain::backup::{self, ArchiveContents, Zegel};
use kloppend::domain::intake::{self, Document};
use kloppend::domain::journal::{self, LogEntry, Reversal, UserAction};
use kloppend::domain::message::ValidationContext;
use kloppend::domain::plan::{ImportPlan, NoticeKind, Picked, RemovalPlan, demo_ids, without};
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{Origin, StoredFile};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn context() -> ValidationContext {
    ValidationContext { today: Some(today()) }
}

fn stored(name: &str, bytes: Vec<u8>, origin: Origin) -> StoredFile {
    StoredFile::new(name, bytes, origin, 0.0)
}

fn workspace_of(files: &[StoredFile]) -> Workspace {
    let documents = files.iter().map(|f| Arc::new(Document::analyse(f, &context()))).collect();
    Workspace::build(documents, today())
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_pick_is_sorted_into_backups_and_entries_with_zips_unpacked() {
    let debet = support::example("wmo323_debet.xml");
    let antwoord = support::example("wmo325_antwoord.xml");
    let inhoud =
        ArchiveContents { bestanden: vec![stored("d.xml", debet.clone(), Origin::Import)], nummers: vec![], gebeurtenissen: vec![] };
    let plain_backup = backup::write_backup(&inhoud, &BTreeMap::new(), 0, "test").unwrap();
    let sealed_backup = backup::verzegel(&Zegel { iteraties: 1, salt: [0; 16], iv: [0; 12] }, b"ciphertext");
    let picked = vec![
        ("zorg.zip".to_string(), zip_of(&[("a.xml", &debet), ("b.xml", &antwoord)])),
        ("archief.zip".to_string(), plain_backup),
        ("archief.kloppend".to_string(), sealed_backup),
        ("los.xml".to_string(), debet.clone()),
    ];
    let sorted = Picked::sort(picked);
    assert_eq!(sorted.backups, ["archief.zip", "archief.kloppend"]);
    let names: Vec<&str> = sorted.entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names[0].ends_with("a.xml") && names[1].ends_with("b.xml"), "{names:?}");
    assert_eq!(names[2], "los.xml");
    assert_eq!(sorted.entries[1].1, antwoord, "entries keep their bytes");
}

#[test]
fn an_import_stores_new_files_counts_duplicates_and_refuses_what_cannot_be_read() {
    let debet = support::example("wmo323_debet.xml");
    let antwoord = support::example("wmo325_antwoord.xml");
    let credit = support::example("wmo323_credit.xml");
    let current = workspace_of(&[stored("debet.xml", debet.clone(), Origin::Import)]);
    let mut plan = ImportPlan::new(&current, vec!["archief.kloppend".into()]);

    assert!(plan.offer(stored("zelfde.xml", debet, Origin::Import), &context()).is_none(), "already in the archive");
    assert!(plan.offer(stored("antwoord.xml", antwoord.clone(), Origin::Import), &context()).is_some());
    assert!(plan.offer(stored("nog eens.xml", antwoord, Origin::Import), &context()).is_none(), "twice in one pick");
    assert!(plan.offer(stored("credit.xml", credit, Origin::Import), &context()).is_some());
    let refused = plan.offer(stored("kapot.xml", b"<Bericht".to_vec(), Origin::Import), &context()).cloned();
    assert!(refused.is_some_and(|d| !d.is_archivable()));

    assert_eq!(plan.duplicates, 2);
    let files: Vec<StoredFile> = plan.files().into_iter().cloned().collect();
    assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["antwoord.xml", "credit.xml"]);
    assert_eq!(plan.refused.len(), 1);
    // Both stored messages are clean, so both get a model-cache entry under their own id.
    let models = plan.take_models();
    assert_eq!(models.iter().map(|(id, _)| id).collect::<Vec<_>>(), files.iter().map(|f| &f.id).collect::<Vec<_>>());

    match plan.action(Origin::Gemaakt, &[]) {
        Some(UserAction::Made { files: bestanden, .. }) => assert_eq!(bestanden.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(matches!(plan.action(Origin::Demo, &[]), Some(UserAction::DemoLoaded { .. })));
    let notice = plan.outcome().notice();
    assert_eq!(notice.kind, NoticeKind::Warn, "a refused file and a back-up make it a warning");
    assert_eq!(
        notice.text,
        "2 bestanden toegevoegd aan het archief, 2 stonden er al in (niets veranderd), 1 geweigerd, \
         archief.kloppend is een back-up van Kloppend: zet die terug via Instellingen › Back-up terugzetten."
    );
}

#[test]
fn only_a_file_of_a_size_already_there_can_be_a_duplicate() {
    let debet = support::example("wmo323_debet.xml");
    let antwoord = support::example("wmo325_antwoord.xml");
    let current = workspace_of(&[stored("debet.xml", debet.clone(), Origin::Import)]);
    let mut plan = ImportPlan::new(&current, Vec::new());
    assert!(plan.may_be_known(debet.len()), "the archive has a file of this size");
    assert!(!plan.may_be_known(antwoord.len()), "nothing of this size yet: new whatever its hash");
    // Once claimed in this pick, its size can be a duplicate too.
    let file = stored("antwoord.xml", antwoord.clone(), Origin::Import);
    assert!(plan.claim(&file));
    assert!(plan.may_be_known(antwoord.len()));
    assert!(!plan.claim(&stored("nog eens.xml", antwoord, Origin::Import)), "twice in one pick");
    assert_eq!(plan.duplicates, 1);
    // Same size, other bytes: may be known, but the hash decides.
    let mut other = debet.clone();
    let last = other.len() - 2;
    other[last] = b' ';
    assert!(plan.may_be_known(other.len()));
    assert!(plan.claim(&stored("anders.xml", other, Origin::Import)));
}

#[test]
fn an_import_of_nothing_new_stores_nothing_and_says_so() {
    let debet = support::example("wmo323_debet.xml");
    let current = workspace_of(&[stored("debet.xml", debet.clone(), Origin::Import)]);
    let mut plan = ImportPlan::new(&current, Vec::new());
    plan.offer(stored("debet.xml", debet, Origin::Import), &context());
    assert!(plan.action(Origin::Import, &[]).is_none(), "no log entry when nothing is stored");
    let notice = plan.outcome().notice();
    assert_eq!((notice.kind, notice.text.as_str()), (NoticeKind::Ok, "1 stond er al in (niets veranderd)."));
    let empty = ImportPlan::new(&current, Vec::new()).outcome().notice();
    assert_eq!(empty.text, "Geen bestanden gevonden.");
}

#[test]
fn a_deletion_keeps_the_numbers_of_its_declarations_and_ignores_unknown_ids() {
    let debet = stored("debet.xml", support::example("wmo323_debet.xml"), Origin::Import);
    let antwoord = stored("antwoord.xml", support::example("wmo325_antwoord.xml"), Origin::Demo);
    let current = workspace_of(&[debet.clone(), antwoord.clone()]);
    let plan = RemovalPlan::new(&current, &[debet.id.clone(), "onbekend".into()]);
    assert_eq!(plan.ids(), std::slice::from_ref(&debet.id));
    assert_eq!(plan.bestanden[0].name, "debet.xml");
    let (id, nummers) = &plan.nummers[0];
    assert_eq!(id, &debet.id);
    assert!(!nummers.is_empty(), "a 323's DeclaratieNummer and BerichtIdentificatie stay taken");
    let rest = without(&current, &plan.ids());
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].file.id, antwoord.id);
    assert_eq!(demo_ids(&current), std::slice::from_ref(&antwoord.id));
    assert!(RemovalPlan::new(&current, &[]).is_empty());
}

#[test]
fn undo_follows_the_stored_log_whichever_action_came_last() {
    let event = |id: u64, action: UserAction| LogEntry { id, time: id as i64, action };
    let refs = |n: &str| vec![kloppend::domain::plan::file_ref(n, &format!("{n}.xml"))];
    let import = event(1, UserAction::Import { files: refs("a") });
    let delete = event(2, UserAction::Delete { files: refs("a") });
    assert_eq!(journal::last_undoable(std::slice::from_ref(&import)).map(|(_, t)| t), Some(Reversal::Remove(vec!["a".into()])));
    let log = vec![import.clone(), delete.clone()];
    let (last, plan) = journal::last_undoable(&log).unwrap();
    assert_eq!((last.id, plan), (2, Reversal::Restore(vec!["a".into()])));
    // The log's order is its ids, not the order a tab happened to read it in.
    let shuffled = vec![delete.clone(), import];
    assert_eq!(journal::last_undoable(&shuffled).unwrap().0.id, 2);
    // An undo is logged and is not itself undone; a replace cannot be undone.
    let undone = event(3, journal::undo_of(&delete));
    assert!(journal::last_undoable(&[delete, undone]).is_none());
    assert!(journal::last_undoable(&[event(4, UserAction::RestoreReplace { files: 3 })]).is_none());
    let setting = event(5, UserAction::Setting { name: "toon_bsn".into(), old: "nee".into(), new: "ja".into() });
    assert_eq!(
        journal::last_undoable(&[setting]).map(|(_, t)| t),
        Some(Reversal::Setting { name: "toon_bsn".into(), value: "nee".into() })
    );
}

#[test]
fn a_merge_adds_only_what_the_archive_lacks() {
    let a = stored("a.xml", support::example("wmo323_debet.xml"), Origin::Import);
    let b = stored("b.xml", support::example("wmo325_antwoord.xml"), Origin::Import);
    let huidig = ArchiveContents { bestanden: vec![a.clone()], nummers: vec![], gebeurtenissen: vec![] };
    let document = Document::analyse(&a, &context());
    let nummers = document.gebruikte_nummers();
    let backup = ArchiveContents { bestanden: vec![a, b.clone()], nummers: nummers.clone(), gebeurtenissen: vec![] };
    let added = backup::samenvoegen(&huidig, &backup);
    assert_eq!(added.bestanden.iter().map(|f| &f.id).collect::<Vec<_>>(), [&b.id]);
    assert_eq!(added.nummers, nummers);
    let again = backup::samenvoegen(&backup, &backup);
    assert!(again.bestanden.is_empty() && again.nummers.is_empty());
}

/// The ZIP's bytes with the "encrypted" flag set on every entry, in its local header and in
/// the central directory (what a ZipCrypto or AES entry carries; the data is then unreadable).
fn flag_encrypted(mut zip: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 10 < zip.len() {
        match &zip[i..i + 4] {
            b"PK\x03\x04" => zip[i + 6] |= 1,
            b"PK\x01\x02" => zip[i + 8] |= 1,
            _ => {}
        }
        i += 1;
    }
    zip
}

fn rename_entry(mut zip: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut i = 0;
    while i + from.len() <= zip.len() {
        if &zip[i..i + from.len()] == from {
            zip[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    zip
}

fn stored_zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn reasons(sorted: &Picked) -> Vec<(String, String)> {
    sorted.unpacked_refused.iter().map(|(name, problem)| (name.clone(), problem.to_string())).collect()
}

#[test]
fn nothing_in_a_zip_is_dropped_without_a_reason() {
    let debet = support::example("wmo323_debet.xml");
    let antwoord = support::example("wmo325_antwoord.xml");
    let inner = zip_of(&[("binnen.xml", &antwoord)]);
    let innermost = zip_of(&[("diep.zip", &zip_of(&[("x.xml", &debet)]))]);
    // The writer refuses two entries of one name: the second is renamed in both its headers.
    let bundle = rename_entry(
        zip_of(&[("a.xml", &debet), ("b.xml", &debet), ("uitleg.pdf", b"%PDF-1.4"), ("genest.zip", &inner), ("dieper.zip", &innermost)]),
        b"b.xml",
        b"a.xml",
    );
    let picked = vec![
        ("bundel.zip".to_string(), bundle),
        ("geheim.zip".to_string(), flag_encrypted(stored_zip_of(&[("geheim.xml", &debet)]))),
        ("kapot.zip".to_string(), zip_of(&[("a.xml", &debet)])[..40].to_vec()),
    ];
    let sorted = Picked::sort(picked);
    let names: Vec<&str> = sorted.entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["bundel.zip/a.xml", "bundel.zip/genest.zip/binnen.xml"], "one ZIP inside a ZIP is opened");
    let refused = reasons(&sorted);
    let reason =
        |name: &str| refused.iter().find(|(n, _)| n == name).map(|(_, r)| r.as_str()).unwrap_or_else(|| panic!("{name}: {refused:?}"));
    assert!(reason("bundel.zip/…").starts_with("1 bestand met dezelfde naam"));
    assert!(reason("bundel.zip/uitleg.pdf").contains("alleen .xml en .csv"));
    assert!(reason("bundel.zip/dieper.zip/diep.zip").contains("ZIP in een ZIP in een ZIP"));
    assert!(reason("geheim.zip/geheim.xml").contains("wachtwoord"));
    assert!(reason("kapot.zip").contains("beschadigd"), "a damaged ZIP is called damaged, not 'no XML'");
    assert_eq!(refused.len(), 5, "{refused:?}");

    // In the plan they are refused documents with their reason, and nothing of them is stored.
    let mut plan = ImportPlan::new(&Workspace::default(), Vec::new());
    plan.refuse_unpacked(sorted.unpacked_refused, Origin::Import, 0.0);
    assert_eq!(plan.refused.len(), 5);
    assert!(plan.files().is_empty());
    assert!(plan.refused.iter().all(|d| !d.is_archivable()));
    assert_eq!(plan.outcome().notice().kind, NoticeKind::Warn);
}

#[test]
fn a_zip_bomb_runs_into_the_limits_instead_of_the_memory() {
    // 600 entries of 64 kB of zeros, a budget of 400 of them (the real budget is 400 MB; the
    // arithmetic is the same and the test stays fast).
    let zeros = vec![0u8; 64 << 10];
    let names: Vec<String> = (0..600).map(|i| format!("{i}.xml")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &zeros[..])).collect();
    let bomb = zip_of(&entries);
    assert!(bomb.len() < 600 * 1024, "highly compressed: {} bytes", bomb.len());

    let mut budget = 400 * (64 << 10);
    let out = intake::expand("bom.zip", bomb.clone(), &mut budget, None);
    let read = out.iter().filter(|(_, r)| r.is_ok()).count();
    assert_eq!(read, 400, "the budget may be unpacked, then the rest is refused");
    let (name, last) = out.last().unwrap();
    assert_eq!(name, "bom.zip/400.xml");
    assert!(matches!(last, Err(intake::ZipProbleem::SamenTeGroot { overgeslagen: 200, .. })), "{last:?}");
    assert_eq!(budget, 0);

    // With room to spare, the 500-entry limit says how many were left.
    let mut plenty = u64::MAX;
    let out = intake::expand("bom.zip", bomb, &mut plenty, None);
    assert_eq!(out.iter().filter(|(_, r)| r.is_ok()).count(), 500);
    assert!(matches!(out.last().unwrap().1, Err(intake::ZipProbleem::TeVeelBestanden { overgeslagen: 100, limiet: 500 })));

    // One entry over the per-entry limit is refused by its size.
    let big = vec![b' '; (2 * kloppend::domain::message::MAX_BESTAND) + 1];
    let out = intake::expand("groot.zip", zip_of(&[("groot.xml", &big)]), &mut { intake::MAX_UNPACKED }, None);
    assert!(matches!(out[0].1, Err(intake::ZipProbleem::TeGroot { limiet_mb: 50 })), "{:?}", out[0].1);
}

#[test]
fn a_password_zip_opens_with_its_password_and_a_wrong_one_imports_nothing() {
    use kloppend::domain::intake::ZipProbleem;
    let debet = support::example("wmo323_debet.xml");
    let antwoord = support::example("wmo325_antwoord.xml");
    let entries: [(&str, &[u8]); 2] = [("a.xml", &debet), ("b.xml", &antwoord)];
    for (kind, zip) in [
        ("zipcrypto", support::protected_zip::zipcrypto(&entries, "geheim123")),
        ("aes", support::protected_zip::aes(&entries, "geheim123")),
    ] {
        assert!(intake::needs_password(&zip), "{kind}");
        // No password: each entry refused, saying a password is needed.
        let none = Picked::sort(vec![("post.zip".into(), zip.clone())]);
        assert!(none.entries.is_empty(), "{kind}");
        assert_eq!(none.unpacked_refused.len(), 2, "{kind}");
        assert!(none.unpacked_refused.iter().all(|(_, p)| *p == ZipProbleem::Versleuteld), "{kind}: {:?}", none.unpacked_refused);
        // The right one: the files exactly.
        let right = Picked::sort_with(vec![("post.zip".into(), zip.clone())], Some("geheim123"));
        assert!(right.unpacked_refused.is_empty(), "{kind}: {:?}", right.unpacked_refused);
        assert_eq!(
            right.entries,
            [("post.zip/a.xml".to_string(), debet.clone()), ("post.zip/b.xml".to_string(), antwoord.clone())],
            "{kind}"
        );
        // Wrong ones (many, so ZipCrypto's one-in-256 check byte is passed too): nothing.
        for wrong in ["geheim12", "Geheim123", "", "x", "wachtwoord", "geheim1234", "1", "2", "3", "4", "5", "6", "7", "8", "9"] {
            let out = Picked::sort_with(vec![("post.zip".into(), zip.clone())], Some(wrong));
            assert!(out.entries.is_empty(), "{kind} opened with {wrong:?}");
            assert!(
                out.unpacked_refused.iter().all(|(_, p)| *p == ZipProbleem::VerkeerdWachtwoord),
                "{kind} {wrong:?}: {:?}",
                out.unpacked_refused
            );
        }
        assert_eq!(
            ZipProbleem::VerkeerdWachtwoord.to_string(),
            "het wachtwoord klopt niet voor dit bestand in de ZIP; er is niets van geïmporteerd"
        );
    }
    // A ZIP without protection needs no password, and a password does not hurt it.
    let plain = zip_of(&entries);
    assert!(!intake::needs_password(&plain));
    assert_eq!(Picked::sort_with(vec![("z.zip".into(), plain)], Some("geheim123")).entries.len(), 2);
}

#[test]
fn a_model_the_worker_encoded_is_stored_as_it_came_findings_included() {
    let debet = stored("debet.xml", support::example("wmo323_debet.xml"), Origin::Import);
    let antwoord = stored("antwoord.xml", support::example("wmo325_antwoord.xml"), Origin::Import);
    let mut plan = ImportPlan::new(&Workspace::default(), Vec::new());
    // The worker's bytes are taken as they are: a marker shows they were not encoded again.
    assert!(plan.claim(&debet));
    let document = Arc::new(Document::analyse(&debet, &context()));
    let encoded = document.model_cache().expect("a clean message has a cache entry");
    let mut marked = encoded.clone();
    marked.push(0xAB);
    plan.add_encoded(debet.clone(), document, marked.clone());
    // Without the worker's bytes the plan encodes the model itself.
    assert!(plan.claim(&antwoord));
    let answer = Arc::new(Document::analyse(&antwoord, &context()));
    let expected = answer.model_cache();
    plan.add(antwoord.clone(), answer);
    let models: BTreeMap<String, Vec<u8>> = plan.take_models().into_iter().collect();
    assert_eq!(models.get(&debet.id), Some(&marked));
    assert_eq!(models.get(&antwoord.id), expected.as_ref());
    assert_eq!(plan.files().len(), 2);

    // A message with findings is cached too, with them (issue 29: a start-up never reads a
    // stored file again because of its findings).
    let broken = String::from_utf8(support::example("wmo323_debet.xml")).unwrap().replacen(
        "<wmo323:ProductTarief>6000",
        "<wmo323:ProductTarief>6001",
        1,
    );
    let file = stored("fout.xml", broken.into_bytes(), Origin::Import);
    let mut plan = ImportPlan::new(&Workspace::default(), Vec::new());
    assert!(plan.claim(&file));
    let document = Arc::new(Document::analyse(&file, &context()));
    assert!(document.loaded().is_some_and(|l| !l.findings.is_empty()), "the changed tariff is a finding");
    let entry = document.model_cache().expect("cached with its findings");
    let id = file.id.clone();
    plan.add_encoded(file, document, entry.clone());
    assert_eq!(plan.take_models(), vec![(id, entry)]);
}

/// Issue 27: merging a back-up keeps what its log knew — upload marks at their moment, Te doen
/// marks, where made lines come from — and merging it again adds nothing; an undo in the
/// back-up's log is respected.
#[test]
fn a_merge_keeps_the_upload_marks_todo_marks_and_origins_of_the_backup() {
    use kloppend::domain::journal::{self, FileRef, Herkomst, LogEntry, TodoMark, undo_of};
    let made = FileRef { id: "m".into(), name: "WMO323_0363_F2.xml".into() };
    let other = FileRef { id: "n".into(), name: "WMO323_0363_F3.xml".into() };
    let origin = Herkomst { bestand: "m".into(), referentie: "F2-1-1".into(), van_bestand: "a".into(), van_client: 0, van_prestatie: 1 };
    let event = |id: u64, tijd: i64, action: UserAction| LogEntry { id, time: tijd, action };
    let undone_upload = event(4, 400, UserAction::Uploaded { files: vec![other.clone()] });
    let backup_log = vec![
        event(1, 100, UserAction::Made { files: vec![made.clone(), other.clone()], herkomst: vec![origin.clone()] }),
        event(2, 200, UserAction::Uploaded { files: vec![made.clone()] }),
        event(3, 300, UserAction::MarkTodo { key: "k".into(), title: "T".into(), mark: TodoMark::Done }),
        undone_upload.clone(),
        event(5, 500, undo_of(&undone_upload)),
    ];
    let backup = ArchiveContents { bestanden: vec![], nummers: vec![], gebeurtenissen: backup_log };
    let huidig = ArchiveContents { bestanden: vec![], nummers: vec![], gebeurtenissen: vec![] };
    let carried = backup::samenvoegen(&huidig, &backup).gebeurtenissen;
    // As the store would number them after the current log.
    let merged: Vec<LogEntry> = carried.into_iter().zip(10..).map(|(g, id)| LogEntry { id, ..g }).collect();
    let uploads = journal::upload_dates(&merged);
    assert_eq!(uploads.len(), 1, "the undone upload stays undone: {merged:?}");
    assert_eq!(uploads.get("m").copied(), chrono::DateTime::from_timestamp_millis(200).map(|m| m.date_naive()));
    assert_eq!(journal::marks(&merged).get("k"), Some(&TodoMark::Done));
    assert_eq!(journal::herkomst(&merged), vec![origin]);
    let after = ArchiveContents { bestanden: vec![], nummers: vec![], gebeurtenissen: merged };
    assert!(backup::samenvoegen(&after, &backup).gebeurtenissen.is_empty(), "merging again adds nothing");
}

/// Issue 29: a refused file picked twice in one pick (or a ZIP bomb's identical entries) is
/// refused twice, never "already there": nothing of it was archived.
#[test]
fn a_refused_file_twice_in_one_pick_is_refused_twice_not_already_there() {
    let w = Workspace::build(Vec::new(), chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
    let mut plan = ImportPlan::new(&w, Vec::new());
    let junk = b"dit is geen bericht".to_vec();
    assert!(plan.offer(stored("a.xml", junk.clone(), Origin::Import), &context()).is_some());
    assert!(plan.offer(stored("b.xml", junk, Origin::Import), &context()).is_none());
    let good = support::example("wmo323_debet.xml");
    plan.offer(stored("c.xml", good.clone(), Origin::Import), &context());
    plan.offer(stored("d.xml", good, Origin::Import), &context());
    let outcome = plan.outcome();
    assert_eq!((outcome.added, outcome.duplicates, outcome.refused), (1, 1, 2), "{outcome:?}");
    assert_eq!(plan.refused.iter().map(|d| d.file.name.as_str()).collect::<Vec<_>>(), ["a.xml", "b.xml"]);
}

#[test]
fn the_notices_say_what_happened_in_the_right_number_and_tone() {
    use kloppend::domain::credit::Soort;
    use kloppend::domain::journal::TodoMark;
    use kloppend::domain::notices;
    use kloppend::domain::plan::RestoreMode;
    assert_eq!(notices::deleted(1).text, "1 bestand verwijderd. Je kunt dit ongedaan maken, ook na opnieuw laden.");
    assert!(notices::deleted(3).text.starts_with("3 bestanden verwijderd"));
    let merged = notices::restored(RestoreMode::Samenvoegen, 2, 3, &[]);
    assert_eq!(
        (merged.kind, merged.text.as_str()),
        (NoticeKind::Ok, "De back-up is samengevoegd: 2 bestanden toegevoegd, 1 stond er al in.")
    );
    let damaged = notices::restored(RestoreMode::Vervangen, 0, 4, &["a.xml".to_string()]);
    assert_eq!(damaged.kind, NoticeKind::Warn);
    assert!(damaged.text.contains("a.xml") && damaged.text.contains("(4 bestanden)"), "{}", damaged.text);
    let put_off = notices::marked("Regel afgewezen", TodoMark::PutOff { until: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap() });
    assert_eq!(put_off.text, "Uitgesteld tot 20-12-2026: Regel afgewezen. Je kunt dit ongedaan maken.");
    // Every made message says how it reaches the gemeente; only a credit names "credit ingediend".
    for soort in [Soort::Credit, Soort::Correctie, Soort::Herdeclaratie] {
        let made = notices::made(soort, 1);
        assert!(made.text.starts_with("1 bericht gedownload") && made.text.contains(notices::UPLOAD_HOW), "{}", made.text);
        assert_eq!(made.text.contains("credit ingediend"), soort != Soort::Herdeclaratie, "{soort:?}: {}", made.text);
    }
    let sheet = notices::timesheet_read("uren.csv", 2, 5, 1);
    assert_eq!(
        (sheet.kind, sheet.text.as_str()),
        (NoticeKind::Warn, "uren.csv: 2 toewijzingen ingevuld uit 5 regels; 1 regel niet gebruikt (zie de lijst).")
    );
    assert_eq!(notices::timesheet_read("uren.csv", 1, 1, 0).kind, NoticeKind::Ok);
}
