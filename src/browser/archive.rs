//! The archive in IndexedDB: one record per file, keyed by the SHA-256 of its bytes, holding
//! the original bytes. Files are parsed before a transaction starts and only IndexedDB
//! requests are awaited inside one (anything else would auto-commit it halfway).

use std::fmt;

use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::archive::{Origin, StoredFile};

const DATABASE: &str = "kloppend";
const VERSION: u32 = 1;
const STORE: &str = "bestanden";

#[derive(Debug)]
pub enum ArchiveError {
    /// No IndexedDB (private mode in some browsers, or blocked by policy).
    Unavailable(String),
    Operation(String),
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::Unavailable(detail) => write!(
                f,
                "Het archief in deze browser is niet beschikbaar ({detail}). Je kunt Kloppend gebruiken, maar bestanden worden niet bewaard."
            ),
            ArchiveError::Operation(detail) => write!(f, "Het archief kon niet worden bijgewerkt: {detail}"),
        }
    }
}

impl From<idb::Error> for ArchiveError {
    fn from(error: idb::Error) -> Self {
        ArchiveError::Operation(error.to_string())
    }
}

#[derive(Clone)]
pub struct Archive {
    db: Rc<Database>,
}

impl Archive {
    /// Open (and on first use create) the archive database.
    pub async fn open() -> Result<Archive, ArchiveError> {
        Self::open_named(DATABASE).await
    }

    /// Open a database by name (tests use their own).
    pub async fn open_named(name: &str) -> Result<Archive, ArchiveError> {
        let factory = Factory::new().map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
        let mut request = factory.open(name, Some(VERSION)).map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            if !db.store_names().iter().any(|s| s == STORE) {
                let mut params = ObjectStoreParams::new();
                params.key_path(Some(KeyPath::new_single("id")));
                let _ = db.create_object_store(STORE, params);
            }
        });
        let db = request.await.map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
        Ok(Archive { db: Rc::new(db) })
    }

    /// Store files in one transaction (all or nothing).
    pub async fn put_all(&self, files: &[StoredFile]) -> Result<(), ArchiveError> {
        if files.is_empty() {
            return Ok(());
        }
        let records: Vec<JsValue> = files.iter().map(to_record).collect::<Result<_, _>>()?;
        let tx = self.db.transaction(&[STORE], TransactionMode::ReadWrite)?;
        let store = tx.object_store(STORE)?;
        for record in &records {
            store.put(record, None)?;
        }
        let result = tx.commit()?.await?;
        if result.is_committed() { Ok(()) } else { Err(ArchiveError::Operation("de opslag is afgebroken".into())) }
    }

    pub async fn all(&self) -> Result<Vec<StoredFile>, ArchiveError> {
        let tx = self.db.transaction(&[STORE], TransactionMode::ReadOnly)?;
        let store = tx.object_store(STORE)?;
        let values = store.get_all(None, None)?.await?;
        let files = values.iter().filter_map(from_record).collect();
        let _ = tx.await;
        Ok(files)
    }

    pub async fn delete(&self, ids: &[String]) -> Result<(), ArchiveError> {
        if ids.is_empty() {
            return Ok(());
        }
        let tx = self.db.transaction(&[STORE], TransactionMode::ReadWrite)?;
        let store = tx.object_store(STORE)?;
        for id in ids {
            store.delete(JsValue::from_str(id))?;
        }
        let result = tx.commit()?.await?;
        if result.is_committed() { Ok(()) } else { Err(ArchiveError::Operation("het verwijderen is afgebroken".into())) }
    }

    pub async fn clear(&self) -> Result<(), ArchiveError> {
        let tx = self.db.transaction(&[STORE], TransactionMode::ReadWrite)?;
        let store = tx.object_store(STORE)?;
        store.clear()?;
        tx.commit()?.await?;
        Ok(())
    }
}

fn to_record(file: &StoredFile) -> Result<JsValue, ArchiveError> {
    let record = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&record, &JsValue::from_str(key), value)
            .map(|_| ())
            .map_err(|_| ArchiveError::Operation("record opbouwen mislukt".into()))
    };
    set("id", &JsValue::from_str(&file.id))?;
    set("name", &JsValue::from_str(&file.name))?;
    set("origin", &JsValue::from_str(file.origin.code()))?;
    set("added", &JsValue::from_f64(file.added))?;
    set("bytes", &Uint8Array::from(&file.bytes[..]).into())?;
    Ok(record.into())
}

fn from_record(value: &JsValue) -> Option<StoredFile> {
    let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok();
    let id = get("id")?.as_string()?;
    let name = get("name")?.as_string()?;
    let origin = Origin::parse(&get("origin")?.as_string().unwrap_or_default());
    let added = get("added")?.as_f64().unwrap_or(0.0);
    let bytes = get("bytes")?.dyn_into::<Uint8Array>().ok()?.to_vec();
    Some(StoredFile { id, name, origin, added, bytes: bytes.into() })
}

/// Ask the browser to keep the archive when storage runs low. Needs a secure context
/// (HTTPS or localhost); elsewhere it quietly does nothing. Returns whether it is granted.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let storage = window.navigator().storage();
    let Ok(promise) = storage.persist() else { return false };
    matches!(wasm_bindgen_futures::JsFuture::from(promise).await, Ok(v) if v.as_bool() == Some(true))
}
