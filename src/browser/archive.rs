//! The archive in IndexedDB (through the `idb` crate), behind a small API the app uses.
//!
//! Stores (schema 2):
//! - `bestanden`: one record per file, keyed by the SHA-256 of its bytes: name, origin,
//!   import time, size and the original bytes;
//! - `nummers`: the identifiers of deleted 323s, which stay taken (those of the files still
//!   here are read from the files), one record per deleted file or restored back-up;
//! - `gebeurtenissen`: the append-only event log (auto-increment ids);
//! - `prullenbak`: the files of the last deletion, so it can be undone;
//! - `modellen`: the parsed model of each clean message, a cache that spares parsing every
//!   file again at start-up (`domain::modelcache`); derived, so dropped and rebuilt freely.
//!
//! Every change is one transaction, with its event, so it happens completely or not at all.
//! Inside a transaction only IndexedDB requests are awaited (anything else would let it
//! commit halfway): callers parse first, then the adapter writes.

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams, Transaction, TransactionMode};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbTransaction};

use super::files::Original;
use super::timing::Pacer;
use crate::domain::backup::ArchiveContents;
use crate::domain::credit::GebruiktNummer;
use crate::domain::journal::{LogEntry, Reversal, UserAction};
use crate::domain::{FileInfo, Origin, StoredFile};

/// The app's database (tests and the storage benchmark use their own).
pub const DATABASE: &str = "kloppend";
/// The schema this version creates and understands. 1: files only. 2: numbers, event log,
/// prullenbak and model cache added (the upgrade only creates stores: schema-1 data is valid
/// schema-2 data).
pub const SCHEMA: u32 = 2;

const BESTANDEN: &str = "bestanden";
const NUMMERS: &str = "nummers";
const GEBEURTENISSEN: &str = "gebeurtenissen";
const PRULLENBAK: &str = "prullenbak";
const MODELLEN: &str = "modellen";
const ALLE: [&str; 5] = [BESTANDEN, NUMMERS, GEBEURTENISSEN, PRULLENBAK, MODELLEN];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    /// No IndexedDB (private mode in some browsers, or blocked by policy), with the
    /// browser's reason for the console.
    Unavailable(String),
    /// The database was written by a newer Kloppend; this one leaves it untouched.
    NewerSchema { found: u32 },
    /// The browser's storage for this site is full.
    Full,
    /// A record that is already there (`ConstraintError`): another tab stored it first.
    AlreadyThere,
    /// The connection was closed under us (`InvalidStateError`, `TransactionInactiveError`):
    /// another tab upgraded or wiped the archive, or the browser closed it.
    Closed,
    /// The browser aborted the transaction (`AbortError`).
    Aborted,
    /// The archive's version changed while open (`VersionError`): a newer Kloppend in another tab.
    VersionChanged,
    /// The browser closed the archive by itself while Kloppend was open (the `close` event,
    /// which no tab of Kloppend causes): the user cleared the site's data, or the browser
    /// evicted it. What is on screen is no longer stored.
    Cleared,
    /// Something Kloppend itself could not do with the records (what, in Dutch).
    Inconsistent(&'static str),
    /// Any other browser error, by its DOMException name (a code, not shown as a sentence).
    Failed { name: String },
}

impl ArchiveError {
    /// The error for a DOMException name. Browser messages are English and vary per
    /// browser; the name is standard, so the Dutch text is chosen by it.
    pub fn from_dom(name: &str) -> ArchiveError {
        match name {
            "QuotaExceededError" => ArchiveError::Full,
            "ConstraintError" => ArchiveError::AlreadyThere,
            "InvalidStateError" | "TransactionInactiveError" => ArchiveError::Closed,
            "AbortError" => ArchiveError::Aborted,
            "VersionError" => ArchiveError::VersionChanged,
            other => ArchiveError::Failed { name: other.to_string() },
        }
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The browser's own reason (kept for the console) is English and says little.
            ArchiveError::Unavailable(_) => f.write_str(
                "Het archief in deze browser is niet beschikbaar (bijvoorbeeld in een privévenster, of uitgezet in de instellingen van de browser). \
                 Je kunt Kloppend gebruiken, maar bestanden worden niet bewaard.",
            ),
            ArchiveError::NewerSchema { found } => write!(
                f,
                "Het archief in deze browser is bijgewerkt door een nieuwere versie van Kloppend (schema {found}; deze versie kent schema {SCHEMA}). \
                 Het is niet aangeraakt. Gebruik de nieuwere versie van Kloppend om je archief te zien."
            ),
            ArchiveError::Full => write!(
                f,
                "De opslagruimte die deze browser Kloppend geeft is vol, dus er is niets bewaard en niets veranderd. \
                 Maak een back-up en verwijder daarna oude bestanden, of vraag de browser het archief te bewaren (Instellingen)."
            ),
            ArchiveError::AlreadyThere => f.write_str(
                "Het archief kon niet worden bijgewerkt: een bestand staat er al in, waarschijnlijk net bewaard in een ander tabblad. \
                 Er is niets veranderd; probeer het nog eens.",
            ),
            ArchiveError::Closed => f.write_str(
                "Het archief is gesloten, door een ander tabblad met Kloppend of door de browser. Er is niets veranderd. Laad de pagina opnieuw.",
            ),
            ArchiveError::Cleared => f.write_str(
                "De browser heeft de opgeslagen gegevens van Kloppend gewist terwijl Kloppend open was (bijvoorbeeld met 'Sitegegevens wissen' of om ruimte vrij te maken). \
                 Wat je ziet, staat nog op het scherm, maar is niet meer bewaard. Zet je laatste back-up terug bij Instellingen; wat je daarna importeert, wordt weer bewaard.",
            ),
            ArchiveError::Aborted => f.write_str("De browser heeft het bijwerken van het archief afgebroken. Er is niets veranderd; probeer het nog eens."),
            ArchiveError::VersionChanged => f.write_str(
                "Het archief is intussen bijgewerkt door een nieuwere versie van Kloppend in een ander tabblad. Er is niets veranderd. Laad de pagina opnieuw.",
            ),
            ArchiveError::Inconsistent(what) => write!(f, "Het archief kon niet worden bijgewerkt: {what}. Er is niets veranderd."),
            ArchiveError::Failed { name } => write!(
                f,
                "Het archief kon niet worden bijgewerkt (foutcode van de browser: {name}). Er is niets veranderd; probeer het nog eens of laad de pagina opnieuw."
            ),
        }
    }
}

impl std::error::Error for ArchiveError {}

impl From<idb::Error> for ArchiveError {
    fn from(error: idb::Error) -> Self {
        if let idb::Error::DomException(e) = &error {
            return ArchiveError::from_dom(&e.name());
        }
        // The crate's other errors wrap the browser's error value; its text starts with the
        // DOMException name where there is one. Only the name is used, never the English text.
        let text = error.to_string();
        const NAMES: [&str; 11] = [
            "QuotaExceededError",
            "ConstraintError",
            "InvalidStateError",
            "TransactionInactiveError",
            "AbortError",
            "VersionError",
            "NotFoundError",
            "DataError",
            "DataCloneError",
            "ReadOnlyError",
            "UnknownError",
        ];
        web_sys::console::warn_1(&format!("archief: {text}").into());
        match NAMES.iter().find(|n| text.contains(*n)) {
            Some(name) => ArchiveError::from_dom(name),
            None => ArchiveError::Failed { name: "onbekend".into() },
        }
    }
}

/// Why a transaction ended without committing: its own error names the cause (a request
/// that failed, such as a full quota), better than the error of whatever was awaited last.
fn abort_reason(tx: &IdbTransaction, otherwise: ArchiveError) -> ArchiveError {
    match tx.error() {
        Some(error) => ArchiveError::from_dom(&error.name()),
        None => otherwise,
    }
}

fn operation(what: &'static str) -> ArchiveError {
    ArchiveError::Inconsistent(what)
}

#[derive(Clone)]
pub struct Archive {
    db: Rc<Database>,
    name: Rc<str>,
    /// The browser closed the connection by itself (see [`ArchiveError::Cleared`]).
    cleared: Rc<std::cell::Cell<bool>>,
    raw: web_sys::IdbDatabase,
}

impl Archive {
    /// Open (and on first use create or upgrade) an archive database by name.
    pub async fn open_named(name: &str) -> Result<Archive, ArchiveError> {
        let factory = Factory::new().map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
        let mut request = factory.open(name, Some(SCHEMA)).map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            create_missing_stores(&db);
        });
        let inner: web_sys::IdbDatabase = match request.await {
            Ok(db) => db.into(),
            Err(error) => return Err(explain_open_failure(&factory, name, error).await),
        };
        // Another tab (a newer Kloppend, or "Alles wissen") wants the database: let go of it.
        let handle = inner.clone();
        let raw = inner.clone();
        let mut db = Database::from(inner);
        db.on_version_change(move |_| handle.close());
        let archive = Archive { db: Rc::new(db), name: Rc::from(name), cleared: Rc::default(), raw };
        archive.on_cleared(|| ());
        Ok(archive)
    }

    /// Run `then` when the browser closes the archive by itself. A tab of Kloppend never
    /// causes the `close` event (a wipe or upgrade asks with `versionchange`, and this tab
    /// then closes it itself), so it means the site's storage was cleared under us.
    pub fn on_cleared(&self, then: impl Fn() + 'static) {
        let cleared = self.cleared.clone();
        let handler = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            cleared.set(true);
            then();
        });
        self.raw.set_onclose(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
        // Lives as long as the connection, which holds the only reference to it.
        handler.forget();
    }

    /// The browser closed this archive by itself: what this tab shows is no longer stored.
    pub fn was_cleared(&self) -> bool {
        self.cleared.get()
    }

    // --- reading --------------------------------------------------------------------------------

    /// Every stored file, not yet read: the records come in one transaction, the bytes are
    /// read afterwards, file by file, while earlier files are being parsed.
    /// Each comes with its cached model, if there is one.
    pub async fn handles(&self) -> Result<Vec<FileHandle>, ArchiveError> {
        let tx = self.db.transaction(&[BESTANDEN, MODELLEN], TransactionMode::ReadOnly)?;
        let files = tx.object_store(BESTANDEN)?.get_all(None, None)?;
        let models = tx.object_store(MODELLEN)?.get_all(None, None)?;
        let (files, models) = (files.await?, models.await?);
        let _ = tx.await;
        let mut models: HashMap<String, Vec<u8>> = models
            .iter()
            .filter_map(|m| {
                let id = Reflect::get(m, &"id".into()).ok()?.as_string()?;
                let data = Reflect::get(m, &"data".into()).ok()?.dyn_into::<Uint8Array>().ok()?;
                Some((id, data.to_vec()))
            })
            .collect();
        let mut handles: Vec<FileHandle> = files.iter().filter_map(FileHandle::from_record).collect();
        for handle in &mut handles {
            handle.model = models.remove(&handle.info.id);
        }
        Ok(handles)
    }

    /// What is known of every file without reading its bytes (for the digest).
    pub async fn infos(&self) -> Result<Vec<FileInfo>, ArchiveError> {
        let tx = self.db.transaction(&[BESTANDEN], TransactionMode::ReadOnly)?;
        let files = tx.object_store(BESTANDEN)?.get_all(None, None)?.await?;
        let _ = tx.await;
        Ok(files.iter().filter_map(FileHandle::from_record).map(|h| h.info).collect())
    }

    /// Keep the models of files that had to be parsed (derived data: not logged).
    pub async fn store_models(&self, models: &[(String, Vec<u8>)]) -> Result<(), ArchiveError> {
        if models.is_empty() {
            return Ok(());
        }
        let records: Vec<JsValue> = models.iter().map(|(id, data)| model_record(id, data)).collect();
        self.write(&[MODELLEN], async |tx| {
            let store = tx.object_store(MODELLEN)?;
            for record in &records {
                store.put(record, None)?;
            }
            Ok(())
        })
        .await
    }

    /// These files (those that exist), in the order asked.
    pub async fn files(&self, ids: &[String]) -> Result<Vec<StoredFile>, ArchiveError> {
        let tx = self.db.transaction(&[BESTANDEN], TransactionMode::ReadOnly)?;
        let store = tx.object_store(BESTANDEN)?;
        let requests = ids.iter().map(|id| store.get(JsValue::from_str(id))).collect::<Result<Vec<_>, _>>()?;
        let mut values = Vec::with_capacity(ids.len());
        for request in requests {
            values.extend(request.await?);
        }
        let _ = tx.await;
        Ok(read_all(values.iter().filter_map(FileHandle::from_record)).await)
    }

    pub async fn all_files(&self) -> Result<Vec<StoredFile>, ArchiveError> {
        Ok(read_all(self.handles().await?).await)
    }

    /// The identifiers of deleted files, which stay taken.
    pub async fn nummers(&self) -> Result<Vec<GebruiktNummer>, ArchiveError> {
        let tx = self.db.transaction(&[NUMMERS], TransactionMode::ReadOnly)?;
        let values = tx.object_store(NUMMERS)?.get_all(None, None)?.await?;
        let _ = tx.await;
        Ok(numbers_from_records(&values))
    }

    /// The event log, oldest first.
    pub async fn gebeurtenissen(&self) -> Result<Vec<LogEntry>, ArchiveError> {
        let tx = self.db.transaction(&[GEBEURTENISSEN], TransactionMode::ReadOnly)?;
        let values = tx.object_store(GEBEURTENISSEN)?.get_all(None, None)?.await?;
        let _ = tx.await;
        Ok(values.iter().filter_map(event_from_record).collect())
    }

    /// Everything, read in one transaction (for a back-up or the digest).
    pub async fn contents(&self) -> Result<ArchiveContents, ArchiveError> {
        let tx = self.db.transaction(&[BESTANDEN, NUMMERS, GEBEURTENISSEN], TransactionMode::ReadOnly)?;
        let files = tx.object_store(BESTANDEN)?.get_all(None, None)?;
        let nummers = tx.object_store(NUMMERS)?.get_all(None, None)?;
        let events = tx.object_store(GEBEURTENISSEN)?.get_all(None, None)?;
        let (files, nummers, events) = (files.await?, nummers.await?, events.await?);
        let _ = tx.await;
        Ok(ArchiveContents {
            bestanden: read_all(files.iter().filter_map(FileHandle::from_record)).await,
            nummers: numbers_from_records(&nummers),
            gebeurtenissen: events.iter().filter_map(event_from_record).collect(),
        })
    }

    // --- changing (each one transaction, logged) -----------------------------------------------

    /// Add files with their cached models, and numbers to remember (from a restored back-up),
    /// and log what happened. Files must be new: a file that is already there makes the whole
    /// call fail and nothing is stored.
    pub async fn add(
        &self,
        files: &[&StoredFile],
        models: &[(String, Vec<u8>)],
        nummers: &[GebruiktNummer],
        action: UserAction,
        tijd: i64,
    ) -> Result<LogEntry, ArchiveError> {
        let files: Vec<_> = files.iter().map(|file| (*file, None)).collect();
        self.add_with_events(&files, models, nummers, &[], action, tijd).await
    }

    /// [`Self::add`] for an import: a file read from a picked file is stored as that file
    /// (see [`Original`]), the others as copies of their bytes.
    pub async fn add_picked(
        &self,
        files: &[&StoredFile],
        models: &[(String, Vec<u8>)],
        originals: &Originals,
        action: UserAction,
        tijd: i64,
    ) -> Result<LogEntry, ArchiveError> {
        let files: Vec<_> = files.iter().map(|file| (*file, originals.get(&file.id))).collect();
        self.add_with_events(&files, models, &[], &[], action, tijd).await
    }

    /// [`Self::add`], appending `vooraf` (events a merged back-up's log carries, see
    /// `journal::merge_logs`) before `action`, in the same transaction.
    pub async fn add_with_events(
        &self,
        files: &[(&StoredFile, Option<&Original>)],
        models: &[(String, Vec<u8>)],
        nummers: &[GebruiktNummer],
        vooraf: &[LogEntry],
        action: UserAction,
        tijd: i64,
    ) -> Result<LogEntry, ArchiveError> {
        // Build every record before the transaction starts (it would commit at the first
        // await that is not an IndexedDB request), with frames in between: copying 100 MB of
        // files into Blobs is otherwise one long task.
        let mut pacer = Pacer::new();
        let mut records = Vec::with_capacity(files.len());
        for (file, original) in files {
            records.push(file_record(file, *original)?);
            pacer.step().await;
        }
        let mut model_records = Vec::with_capacity(models.len());
        for (id, data) in models {
            model_records.push(model_record(id, data));
            pacer.step().await;
        }
        let nummers = (!nummers.is_empty()).then(|| restored_numbers_record(nummers, tijd)).transpose()?;
        self.write(&[BESTANDEN, NUMMERS, GEBEURTENISSEN, PRULLENBAK, MODELLEN], async |tx| {
            tx.object_store(PRULLENBAK)?.clear()?;
            // Queuing a thousand writes is a long task of its own (0.8 s at a million lines);
            // awaiting a request ends the task without ending the transaction.
            let mut pacer = Pacer::new();
            let store = tx.object_store(BESTANDEN)?;
            for record in &records {
                let request = store.add(record, None)?;
                if pacer.due() {
                    request.await?;
                }
            }
            let store = tx.object_store(MODELLEN)?;
            for record in &model_records {
                let request = store.put(record, None)?;
                if pacer.due() {
                    request.await?;
                }
            }
            if let Some(record) = &nummers {
                tx.object_store(NUMMERS)?.put(record, None)?;
            }
            for event in vooraf {
                append_event(tx, event.action.clone(), event.time).await?;
            }
            append_event(tx, action, tijd).await
        })
        .await
    }

    /// Remove files (they wait in the prullenbak until the next action) and log it. The
    /// numbers each removed file used are remembered under its id: they stay taken.
    pub async fn remove(&self, files: &[(String, Vec<GebruiktNummer>)], action: UserAction, tijd: i64) -> Result<LogEntry, ArchiveError> {
        let ids: Vec<String> = files.iter().map(|(id, _)| id.clone()).collect();
        let nummers = files
            .iter()
            .filter(|(_, nummers)| !nummers.is_empty())
            .map(|(id, nummers)| numbers_record(id, nummers))
            .collect::<Result<Vec<_>, _>>()?;
        self.write(&[BESTANDEN, NUMMERS, GEBEURTENISSEN, PRULLENBAK, MODELLEN], async |tx| {
            tx.object_store(PRULLENBAK)?.clear()?;
            move_files(tx, BESTANDEN, PRULLENBAK, &ids).await?;
            let models = tx.object_store(MODELLEN)?;
            for id in &ids {
                models.delete(JsValue::from_str(id))?;
            }
            let store = tx.object_store(NUMMERS)?;
            for record in &nummers {
                store.put(record, None)?;
            }
            append_event(tx, action, tijd).await
        })
        .await
    }

    /// Log an action that changes no stored data (a preference).
    pub async fn log(&self, action: UserAction, tijd: i64) -> Result<LogEntry, ArchiveError> {
        self.write(&[GEBEURTENISSEN, PRULLENBAK], async |tx| {
            tx.object_store(PRULLENBAK)?.clear()?;
            append_event(tx, action, tijd).await
        })
        .await
    }

    /// Carry out `plan` (undoing `gebeurtenis`) and log it. Preferences are the caller's.
    pub async fn undo(&self, gebeurtenis: &LogEntry, plan: &Reversal, tijd: i64) -> Result<LogEntry, ArchiveError> {
        let action = crate::domain::journal::undo_of(gebeurtenis);
        self.write(&[BESTANDEN, NUMMERS, GEBEURTENISSEN, PRULLENBAK, MODELLEN], async |tx| {
            match plan {
                Reversal::Remove(ids) => {
                    let (files, models) = (tx.object_store(BESTANDEN)?, tx.object_store(MODELLEN)?);
                    for id in ids {
                        files.delete(JsValue::from_str(id))?;
                        models.delete(JsValue::from_str(id))?;
                    }
                }
                Reversal::Restore(ids) => {
                    let moved = move_files(tx, PRULLENBAK, BESTANDEN, ids).await?;
                    if moved != ids.len() {
                        return Err(operation("de verwijderde bestanden zijn niet meer in de prullenbak"));
                    }
                    // The files are back, so their numbers come from them again.
                    let nummers = tx.object_store(NUMMERS)?;
                    for id in ids {
                        nummers.delete(JsValue::from_str(id))?;
                    }
                }
                Reversal::Setting { .. } | Reversal::LogOnly => {}
            }
            tx.object_store(PRULLENBAK)?.clear()?;
            append_event(tx, action, tijd).await
        })
        .await
    }

    /// Replace everything with `inhoud` (a restored back-up) and log it, at once.
    pub async fn replace(&self, inhoud: &ArchiveContents, action: UserAction, tijd: i64) -> Result<LogEntry, ArchiveError> {
        let files = inhoud.bestanden.iter().map(|file| file_record(file, None)).collect::<Result<Vec<_>, _>>()?;
        let nummers = match inhoud.nummers.is_empty() {
            true => Vec::new(),
            false => vec![restored_numbers_record(&inhoud.nummers, tijd)?],
        };
        let events = inhoud.gebeurtenissen.iter().map(event_record).collect::<Result<Vec<_>, _>>()?;
        self.write(&[BESTANDEN, NUMMERS, GEBEURTENISSEN, PRULLENBAK, MODELLEN], async |tx| {
            tx.object_store(MODELLEN)?.clear()?;
            for (name, records) in [(BESTANDEN, &files), (NUMMERS, &nummers), (GEBEURTENISSEN, &events)] {
                let store = tx.object_store(name)?;
                store.clear()?;
                for record in records {
                    store.put(record, None)?;
                }
            }
            tx.object_store(PRULLENBAK)?.clear()?;
            append_event(tx, action, tijd).await
        })
        .await
    }

    /// Delete the whole database: every stored byte. The handle is unusable afterwards.
    pub async fn erase(self) -> Result<(), ArchiveError> {
        self.db.close();
        delete_database(&self.name).await
    }

    /// Run `body` in one read-write transaction over `stores`; commit only when it succeeds,
    /// abort otherwise (IndexedDB would commit the requests made so far on its own).
    async fn write<T>(&self, stores: &[&str], body: impl AsyncFnOnce(&Transaction) -> Result<T, ArchiveError>) -> Result<T, ArchiveError> {
        let tx = self.db.transaction(stores, TransactionMode::ReadWrite)?;
        let raw = IdbTransaction::from(tx);
        let tx = Transaction::from(raw.clone());
        match body(&tx).await {
            Ok(value) => match tx.commit()?.await {
                Ok(result) if result.is_committed() => Ok(value),
                Ok(_) => Err(abort_reason(&raw, operation("de opslag is afgebroken"))),
                Err(error) => Err(abort_reason(&raw, error.into())),
            },
            Err(error) => {
                let _ = tx.abort();
                Err(abort_reason(&raw, error))
            }
        }
    }
}

/// Delete a whole database by name (waits until other tabs have let go of it).
pub async fn delete_database(name: &str) -> Result<(), ArchiveError> {
    let factory = Factory::new().map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
    factory.delete(name)?.await?;
    Ok(())
}

/// Create the stores a database of an older schema lacks (also used for a new database).
fn create_missing_stores(db: &Database) {
    let existing = db.store_names();
    for name in ALLE {
        if existing.iter().any(|s| s == name) {
            continue;
        }
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        // Events are numbered by the store, in order.
        params.auto_increment(name == GEBEURTENISSEN);
        let _ = db.create_object_store(name, params);
    }
}

/// Opening failed: say whether a newer schema is the reason (a request for a lower version
/// than the database has fails with VersionError and leaves it untouched).
async fn explain_open_failure(factory: &Factory, name: &str, error: idb::Error) -> ArchiveError {
    if let Ok(request) = factory.open(name, None)
        && let Ok(db) = request.await
    {
        let found = db.version().unwrap_or(0);
        db.close();
        if found > SCHEMA {
            return ArchiveError::NewerSchema { found };
        }
    }
    ArchiveError::Unavailable(error.to_string())
}

async fn append_event(tx: &Transaction, action: UserAction, tijd: i64) -> Result<LogEntry, ArchiveError> {
    let value = record(&[("tijd", JsValue::from_f64(tijd as f64)), ("handeling", handeling_json(&action)?)]);
    let key = tx.object_store(GEBEURTENISSEN)?.add(&value, None)?.await?;
    let id = key.as_f64().ok_or_else(|| operation("geen volgnummer voor de gebeurtenis"))? as u64;
    Ok(LogEntry { id, time: tijd, action })
}

/// Move file records between `bestanden` and `prullenbak`; returns how many were found.
async fn move_files(tx: &Transaction, from: &str, to: &str, ids: &[String]) -> Result<usize, ArchiveError> {
    let source = tx.object_store(from)?;
    let target = tx.object_store(to)?;
    let mut moved = 0;
    for id in ids {
        let key = JsValue::from_str(id);
        if let Some(value) = source.get(key.clone())?.await? {
            target.put(&value, None)?;
            source.delete(key)?;
            moved += 1;
        }
    }
    Ok(moved)
}

// --- records ------------------------------------------------------------------------------------

fn record(fields: &[(&str, JsValue)]) -> JsValue {
    super::js::object(fields).into()
}

/// The bytes go in as a Blob: browsers keep large Blobs as files beside the database, which
/// writes and reads them about twice as fast as the same bytes as an array. A picked file is
/// stored as the browser's own File (its `original`): no copy at all.
fn file_record(file: &StoredFile, original: Option<&Original>) -> Result<JsValue, ArchiveError> {
    let blob = match original {
        Some(original) => original.blob().clone(),
        None => copied_blob(&file.bytes)?,
    };
    Ok(record(&[
        ("id", JsValue::from_str(&file.id)),
        ("name", JsValue::from_str(&file.name)),
        ("origin", JsValue::from_str(file.origin.code())),
        ("added", JsValue::from_f64(file.added)),
        ("size", JsValue::from_f64(file.bytes.len() as f64)),
        ("bytes", blob.into()),
    ]))
}

/// Picked files by the id of the stored file read from them (see [`Original`]).
pub type Originals = HashMap<String, Original>;

/// The bytes as a new Blob.
fn copied_blob(bytes: &[u8]) -> Result<Blob, ArchiveError> {
    // SAFETY: the view is only read by the Blob constructor, which copies it at once; nothing
    // allocates in wasm memory (which could move it) between creating the view and that copy.
    // One copy of the file instead of two (a Uint8Array first, then the Blob).
    unsafe {
        let parts = Array::of1(&Uint8Array::view(bytes));
        Blob::new_with_u8_array_sequence(&parts)
    }
    .map_err(|_| operation("bestand klaarzetten mislukt"))
}

/// A stored file whose bytes have not been read yet, with its cached model if any.
pub struct FileHandle {
    info: FileInfo,
    /// A Blob, or (schema 1) a Uint8Array.
    bytes: JsValue,
    model: Option<Vec<u8>>,
}

impl FileHandle {
    pub fn info(&self) -> &FileInfo {
        &self.info
    }

    /// The cached model entry (see `domain::modelcache`), taken out of the handle.
    pub fn take_model(&mut self) -> Option<Vec<u8>> {
        self.model.take()
    }

    fn from_record(value: &JsValue) -> Option<FileHandle> {
        let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok();
        let bytes = get("bytes")?;
        // Schema-1 records have no `size`; their bytes are a Uint8Array that knows it.
        let size = get("size").and_then(|v| v.as_f64()).or_else(|| Reflect::get(&bytes, &"length".into()).ok()?.as_f64());
        Some(FileHandle {
            info: FileInfo {
                id: get("id")?.as_string()?,
                name: get("name")?.as_string()?,
                origin: Origin::parse(&get("origin")?.as_string().unwrap_or_default()),
                added: get("added")?.as_f64().unwrap_or(0.0),
                size: size.unwrap_or(0.0) as u64,
            },
            bytes,
            model: None,
        })
    }

    /// Start reading the bytes; the browser reads on in the background until
    /// [`PendingRead::finish`] is awaited.
    pub fn start(self) -> PendingRead {
        let source = match self.bytes.dyn_into::<Blob>() {
            Ok(blob) => Source::Reading(JsFuture::from(blob.array_buffer())),
            // Schema-1 records hold the bytes themselves.
            Err(other) => match other.dyn_into::<Uint8Array>() {
                Ok(array) => Source::Ready(array.to_vec()),
                Err(_) => Source::Unreadable,
            },
        };
        PendingRead { info: self.info, source }
    }
}

/// A file whose bytes are being read.
pub struct PendingRead {
    info: FileInfo,
    source: Source,
}

enum Source {
    Reading(JsFuture),
    Ready(Vec<u8>),
    Unreadable,
}

impl PendingRead {
    pub fn info(&self) -> &FileInfo {
        &self.info
    }

    /// The file, or `None` when the browser could not give its bytes back.
    pub async fn finish(self) -> Option<StoredFile> {
        let bytes = match self.source {
            Source::Reading(future) => Uint8Array::new(&future.await.ok()?).to_vec(),
            Source::Ready(bytes) => bytes,
            Source::Unreadable => return None,
        };
        let FileInfo { id, name, origin, added, .. } = self.info;
        Some(StoredFile { id, name, origin, added, bytes: bytes.into() })
    }
}

/// Read files, all reads started at once.
async fn read_all(handles: impl IntoIterator<Item = FileHandle>) -> Vec<StoredFile> {
    let pending: Vec<PendingRead> = handles.into_iter().map(FileHandle::start).collect();
    let mut files = Vec::with_capacity(pending.len());
    for read in pending {
        files.extend(read.finish().await);
    }
    files
}

/// One record holds the numbers of one deleted file (or one restore) as JSON: a deleted
/// declaration can have tens of thousands of references, and one request per number would
/// make a deletion take seconds.
fn numbers_record(id: &str, nummers: &[GebruiktNummer]) -> Result<JsValue, ArchiveError> {
    let json = serde_json::to_string(nummers).map_err(|_| operation("de nummers konden niet worden vastgelegd"))?;
    Ok(record(&[("id", JsValue::from_str(id)), ("data", JsValue::from_str(&json))]))
}

/// The numbers a restored back-up brings, as one record of that restore.
fn restored_numbers_record(nummers: &[GebruiktNummer], tijd: i64) -> Result<JsValue, ArchiveError> {
    numbers_record(&format!("terugzetten-{tijd}"), nummers)
}

fn model_record(id: &str, data: &[u8]) -> JsValue {
    record(&[("id", JsValue::from_str(id)), ("data", Uint8Array::from(data).into())])
}

fn numbers_from_records(values: &[JsValue]) -> Vec<GebruiktNummer> {
    values.iter().filter_map(|v| from_json::<Vec<GebruiktNummer>>(v, "data")).flatten().collect()
}

fn event_record(event: &LogEntry) -> Result<JsValue, ArchiveError> {
    Ok(record(&[
        ("id", JsValue::from_f64(event.id as f64)),
        ("tijd", JsValue::from_f64(event.time as f64)),
        ("handeling", handeling_json(&event.action)?),
    ]))
}

/// An action is kept as JSON text (readable in the browser's devtools).
fn handeling_json(action: &UserAction) -> Result<JsValue, ArchiveError> {
    crate::domain::journal::action_json(action)
        .map(|json| JsValue::from_str(&json))
        .ok_or_else(|| operation("de gebeurtenis kon niet worden vastgelegd"))
}

fn from_json<T: serde::de::DeserializeOwned>(value: &JsValue, field: &str) -> Option<T> {
    let text = Reflect::get(value, &JsValue::from_str(field)).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

fn event_from_record(value: &JsValue) -> Option<LogEntry> {
    let id = Reflect::get(value, &"id".into()).ok()?.as_f64()? as u64;
    let tijd = Reflect::get(value, &"tijd".into()).ok()?.as_f64()? as i64;
    let text = Reflect::get(value, &"handeling".into()).ok()?.as_string()?;
    let action = crate::domain::journal::action_from_json(&text)?;
    Some(LogEntry { id, time: tijd, action })
}
