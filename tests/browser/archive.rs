//! The IndexedDB archive: storing, deduplication, atomic imports, the prullenbak and undo,
//! upgrading a schema-1 database, and refusing a newer schema.

use idb::{DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use js_sys::{Object, Reflect, Uint8Array};
use kloppend::browser::archive::{Archive, ArchiveError, Originals, SCHEMA, delete_database};
use kloppend::browser::files::Original;
use kloppend::domain::credit::NummerSoort;
use kloppend::domain::intake::Document;
use kloppend::domain::journal::{FileRef, Reversal, UserAction, last_undoable};
use kloppend::domain::message::ValidationContext;
use kloppend::domain::{Origin, StoredFile};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn file(name: &str, body: &str, origin: Origin) -> StoredFile {
    StoredFile::new(name, body.as_bytes().to_vec(), origin, 1_700_000_000_000.0)
}

fn import(files: &[&StoredFile]) -> UserAction {
    UserAction::Import { files: files.iter().map(|f| FileRef { id: f.id.clone(), name: f.name.clone() }).collect() }
}

async fn fresh(name: &str) -> Archive {
    delete_database(name).await.unwrap();
    Archive::open_named(name).await.expect("IndexedDB opens")
}

async fn ids(archive: &Archive) -> Vec<String> {
    let mut ids: Vec<String> = archive.handles().await.unwrap().iter().map(|h| h.info().id.clone()).collect();
    ids.sort();
    ids
}

#[wasm_bindgen_test]
async fn files_are_stored_read_removed_and_logged() {
    let archive = fresh("kloppend-test-store").await;
    let a = file("a.xml", "<a/>", Origin::Import);
    let b = file("b.csv", "Onderwerp;AGBnr", Origin::Demo);
    let event = archive.add(&[&a, &b], &[], &[], import(&[&a, &b]), 10).await.unwrap();
    assert_eq!(event.action.description(), "2 bestanden geïmporteerd");

    let mut expected = vec![a.id.clone(), b.id.clone()];
    expected.sort();
    assert_eq!(ids(&archive).await, expected);
    let read = archive.files(&[b.id.clone(), "onbekend".into()]).await.unwrap();
    assert_eq!(read, vec![b.clone()], "unknown ids are skipped, known ones come back exactly");

    let removed = archive.remove(&[(a.id.clone(), vec![])], UserAction::Delete { files: vec![] }, 20).await.unwrap();
    assert!(removed.id > event.id);
    assert_eq!(ids(&archive).await, vec![b.id.clone()]);
    let log = archive.gebeurtenissen().await.unwrap();
    assert_eq!(log.iter().map(|g| g.time).collect::<Vec<_>>(), vec![10, 20]);
}

#[wasm_bindgen_test]
async fn an_import_is_all_or_nothing() {
    let archive = fresh("kloppend-test-atomic").await;
    let a = file("a.xml", "<a/>", Origin::Import);
    archive.add(&[&a], &[], &[], import(&[&a]), 1).await.unwrap();
    // A batch with a new file and one that is already there (another tab may have added it):
    // the store refuses the duplicate, so the new file must not be stored either.
    let c = file("c.xml", "<c/>", Origin::Gemaakt);
    let made = UserAction::Made { files: vec![FileRef { id: c.id.clone(), name: "c.xml".into() }], herkomst: Vec::new() };
    archive.add(&[&c], &[], &[], made, 4).await.unwrap();
    let log = archive.gebeurtenissen().await.unwrap();
    let (event, plan) = last_undoable(&log).unwrap();
    assert_eq!(plan, Reversal::Remove(vec![c.id.clone()]));
    archive.undo(event, &plan, 5).await.unwrap();
    assert!(archive.files(std::slice::from_ref(&c.id)).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn the_prullenbak_holds_only_the_last_deletion() {
    let archive = fresh("kloppend-test-prullenbak").await;
    let a = file("a.xml", "<a/>", Origin::Import);
    archive.add(&[&a], &[], &[], import(&[&a]), 1).await.unwrap();
    let deleted = archive.remove(&[(a.id.clone(), vec![])], UserAction::Delete { files: vec![] }, 2).await.unwrap();
    // Any later action empties the prullenbak: restoring the old deletion then fails and changes nothing.
    archive.log(UserAction::Setting { name: "toon_bsn".into(), old: "nee".into(), new: "ja".into() }, 3).await.unwrap();
    let error = archive.undo(&deleted, &Reversal::Restore(vec![a.id.clone()]), 4).await.unwrap_err();
    assert!(error.to_string().contains("prullenbak"), "{error}");
    assert_eq!(archive.gebeurtenissen().await.unwrap().len(), 3, "the failed undo logs nothing");
}

/// A database as Kloppend's schema 1 left it: one store, records without `size`.
async fn make_schema_1(name: &str, bytes: &[u8]) {
    delete_database(name).await.unwrap();
    let factory = Factory::new().unwrap();
    let mut request = factory.open(name, Some(1)).unwrap();
    request.on_upgrade_needed(|event| {
        let db = event.database().unwrap();
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        db.create_object_store("bestanden", params).unwrap();
    });
    let db = request.await.unwrap();
    let record = Object::new();
    let f = StoredFile::new("debet.xml", bytes.to_vec(), Origin::Import, 5.0);
    for (key, value) in [
        ("id", JsValue::from_str(&f.id)),
        ("name", JsValue::from_str("debet.xml")),
        ("origin", JsValue::from_str("import")),
        ("added", JsValue::from_f64(5.0)),
        ("bytes", Uint8Array::from(bytes).into()),
    ] {
        Reflect::set(&record, &key.into(), &value).unwrap();
    }
    let tx = db.transaction(&["bestanden"], TransactionMode::ReadWrite).unwrap();
    tx.object_store("bestanden").unwrap().put(&record, None).unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_schema_1_archive_is_upgraded_and_keeps_its_files() {
    make_schema_1("kloppend-test-migrate", super::DEBET).await;
    let archive = Archive::open_named("kloppend-test-migrate").await.expect("opens and upgrades");
    let files = archive.all_files().await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(&files[0].bytes[..], super::DEBET);
    assert_eq!((files[0].name.as_str(), files[0].origin, files[0].added), ("debet.xml", Origin::Import, 5.0));
    assert!(archive.gebeurtenissen().await.unwrap().is_empty());

    // The new stores work on the upgraded database: deleting the old 323 logs it and
    // remembers its numbers; undoing brings it back.
    let document = Document::analyse(&files[0], &ValidationContext::default());
    let nummers = document.gebruikte_nummers();
    assert_eq!(nummers.iter().filter(|n| n.soort == NummerSoort::ReferentieNummer).count(), 2);
    let deleted = archive.remove(&[(files[0].id.clone(), nummers.clone())], UserAction::Delete { files: vec![] }, 9).await.unwrap();
    let mut remembered = archive.nummers().await.unwrap();
    remembered.sort();
    let mut expected = nummers;
    expected.sort();
    assert_eq!(remembered, expected);
    assert!(remembered.iter().any(|n| n.soort == NummerSoort::DeclaratieNummer && n.waarde == "F2025050"));
    archive.undo(&deleted, &Reversal::Restore(vec![files[0].id.clone()]), 10).await.unwrap();
    assert!(archive.nummers().await.unwrap().is_empty(), "a restored file's numbers come from the file again");
    let again = Archive::open_named("kloppend-test-migrate").await.unwrap();
    assert_eq!(again.all_files().await.unwrap(), files);
}

#[wasm_bindgen_test]
async fn a_newer_schema_is_named_and_left_alone() {
    let name = "kloppend-test-newer";
    delete_database(name).await.unwrap();
    let factory = Factory::new().unwrap();
    let newer = SCHEMA + 5;
    let db = factory.open(name, Some(newer)).unwrap().await.unwrap();
    db.close();
    let error = Archive::open_named(name).await.err().expect("refused");
    assert_eq!(error, ArchiveError::NewerSchema { found: newer });
    assert!(error.to_string().contains("nieuwere versie van Kloppend"), "{error}");
    let db = factory.open(name, None).unwrap().await.unwrap();
    assert_eq!(db.version().unwrap(), newer, "the newer database is untouched");
    db.close();
}

/// A file read from a picked file is stored as that File (no copy of its bytes is made), and
/// reads back exactly; the other files of the same import are stored as copies.
#[wasm_bindgen_test]
async fn a_picked_file_is_stored_as_the_browsers_own_file() {
    let name = "kloppend-test-original";
    let archive = fresh(name).await;
    let picked = file("a.xml", "<a>gekozen</a>", Origin::Import);
    let unpacked = file("z.zip/b.xml", "<b/>", Origin::Import);
    let parts = js_sys::Array::of1(&Uint8Array::from(&picked.bytes[..]));
    let browsers = web_sys::File::new_with_u8_array_sequence(&parts, "a.xml").unwrap();
    let originals = Originals::from([(picked.id.clone(), Original::new(browsers))]);
    archive.add_picked(&[&picked, &unpacked], &[], &originals, import(&[&picked, &unpacked]), 1).await.unwrap();
    let mut read = archive.files(&[picked.id.clone(), unpacked.id.clone()]).await.unwrap();
    read.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(read, vec![picked.clone(), unpacked.clone()]);
    drop(archive);

    let db = Factory::new().unwrap().open(name, None).unwrap().await.unwrap();
    let tx = db.transaction(&["bestanden"], TransactionMode::ReadOnly).unwrap();
    let store = tx.object_store("bestanden").unwrap();
    for (stored, is_file) in [(&picked, true), (&unpacked, false)] {
        let record = store.get(JsValue::from_str(&stored.id)).unwrap().await.unwrap().expect("stored");
        let bytes = Reflect::get(&record, &"bytes".into()).unwrap();
        assert_eq!(bytes.is_instance_of::<web_sys::File>(), is_file, "{}", stored.name);
        assert!(bytes.is_instance_of::<web_sys::Blob>(), "{}", stored.name);
    }
    db.close();
}
