//! Application state shared by the screens: the workspace (documents + reconciliation), the
//! archive connection with its event log and remembered numbers, a notice line, and the
//! user's selection for crediting. Every change goes to the archive first (one transaction),
//! then to the screens, so what is shown is what is stored.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use futures::lock::{Mutex, OwnedMutexGuard};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::archive::{self, Archive, FileHandle};
use crate::browser::timing::{self, Phase};
use crate::browser::{clock, crypto, prefs, storage};
use crate::domain::archive::{Origin, StoredFile};
use crate::domain::backup::{self, ArchiefInhoud, Backup};
use crate::domain::credit::GebruiktNummer;
use crate::domain::intake::{self, Document};
use crate::domain::journal::{self, BestandRef, Gebeurtenis, Handeling, Terugdraaien};
use crate::domain::message::ValidationContext;
use crate::domain::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Ok,
    Info,
    Warn,
    Bad,
}

impl NoticeKind {
    pub fn class(self) -> &'static str {
        match self {
            NoticeKind::Ok => "notice ok",
            NoticeKind::Info => "notice info",
            NoticeKind::Warn => "notice warn",
            NoticeKind::Bad => "notice bad",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// A line, identified so that it survives a rebuild of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineKey {
    pub file_id: String,
    pub client: usize,
    pub prestatie: usize,
}

/// How a back-up is restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreMode {
    /// Add what the archive does not have yet.
    Samenvoegen,
    /// Make the archive exactly the back-up.
    Vervangen,
}

/// While the archive is read at start-up: files read so far, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
}

/// Rebuild the screens at most this often while a large archive loads (each rebuild
/// reconciles everything loaded so far, so rebuilding per file would cost more than reading).
const PROGRESS_INTERVAL_MS: f64 = 400.0;
/// Files being read from the archive ahead of the one being parsed, at start-up.
const READ_AHEAD: usize = 3;

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Arc<Workspace>>,
    /// Files refused this session (not archived): shown in the import list only.
    pub refused: RwSignal<Vec<Arc<Document>>>,
    pub notice: RwSignal<Option<Notice>>,
    /// `Some` until the archive has been read at start-up.
    pub loading: RwSignal<Option<Loading>>,
    pub show_bsn: RwSignal<bool>,
    /// Lines chosen for the credit wizard.
    pub selection: RwSignal<Vec<LineKey>>,
    /// The archive's event log, oldest first.
    pub log: RwSignal<Vec<Gebeurtenis>>,
    /// Identifiers of deleted 323s, which stay taken (those of loaded files come from the files).
    pub nummers: RwSignal<Arc<Vec<GebruiktNummer>>>,
    /// Why the archive cannot be used, if it cannot (shown on every page).
    pub archive_problem: RwSignal<Option<String>>,
    database: &'static str,
    archive: StoredValue<Option<Archive>, LocalStorage>,
    /// One action on the archive at a time. Each reads the workspace, awaits the archive and
    /// then rebuilds; two interleaved would lose one's changes. Start-up holds it as well, so
    /// a file picked while the archive is still opening is stored once it is open (not only
    /// shown), and is not wiped from the screens when the loaded archive arrives.
    actions: StoredValue<Arc<Mutex<()>>>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    pub fn new() -> Self {
        Self::with_database(archive::DATABASE)
    }

    /// State backed by a database of its own (tests use one each).
    pub fn with_database(database: &'static str) -> Self {
        AppState {
            workspace: RwSignal::new(Arc::new(Workspace::default())),
            refused: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            loading: RwSignal::new(Some(Loading { done: 0, total: 0 })),
            show_bsn: RwSignal::new(prefs::show_bsn()),
            selection: RwSignal::new(Vec::new()),
            log: RwSignal::new(Vec::new()),
            nummers: RwSignal::new(Arc::new(Vec::new())),
            archive_problem: RwSignal::new(None),
            database,
            archive: StoredValue::new_local(None),
            actions: StoredValue::new(Arc::new(Mutex::new(()))),
        }
    }

    pub fn context() -> ValidationContext {
        ValidationContext { today: Some(clock::today()) }
    }

    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind, text: text.into() }));
    }

    fn report(&self, error: impl std::fmt::Display) {
        self.notify(NoticeKind::Bad, error.to_string());
    }

    /// Wait for the other actions on the archive (and start-up) to finish.
    async fn exclusive(&self) -> OwnedMutexGuard<()> {
        self.actions.get_value().lock_owned().await
    }

    /// Open the archive and load what it holds, in the background.
    pub fn start(self) {
        // Taken now rather than when the task first runs, so no action can go first.
        let guard = self.actions.get_value().try_lock_owned();
        spawn_local(async move {
            let _guard = guard;
            self.open_and_load().await;
        });
    }

    /// Open the archive and load what it holds (once the actions under way are done).
    pub async fn init(self) {
        let _guard = self.exclusive().await;
        self.open_and_load().await;
    }

    /// Open the archive and load what it holds, showing it as it comes in.
    async fn open_and_load(self) {
        self.loading.set(Some(Loading { done: 0, total: 0 }));
        // From navigation to here: loading and starting the app itself.
        timing::record("start:app", 0.0, timing::now());
        let started = timing::now();
        let opened = Archive::open_named(self.database).await;
        timing::record("start:openen", started, timing::now());
        match opened {
            Ok(archive) => {
                self.archive.set_value(Some(archive.clone()));
                self.archive_problem.set(None);
                if let Err(error) = self.load_from(&archive).await {
                    self.report(error);
                }
            }
            Err(error) => {
                self.archive_problem.set(Some(error.to_string()));
                self.rebuild(Vec::new());
            }
        }
        self.loading.set(None);
    }

    /// Read the log and numbers, then the files in batches: the screens fill in as files
    /// are read, and a large archive does not block the page until the end.
    async fn load_from(&self, archive: &Archive) -> Result<(), archive::ArchiveError> {
        self.log.set(archive.gebeurtenissen().await?);
        self.nummers.set(Arc::new(archive.nummers().await?));
        let handles = archive.handles().await?;
        let total = handles.len();
        let context = Self::context();
        let mut documents = Vec::with_capacity(total);
        let (mut reading, mut analysing, mut rebuilding) =
            (Phase::new("start:lezen"), Phase::new("start:analyseren"), Phase::new("start:bijwerken"));
        // Clean messages come from their cached models; the rest is read and parsed.
        let mut to_read = Vec::new();
        for mut handle in handles {
            let cached =
                handle.take_model().and_then(|entry| analysing.time(|| Document::from_cache(handle.info().clone(), &entry, &context)));
            match cached {
                Some(document) => documents.push(Arc::new(document)),
                None => to_read.push(handle),
            }
        }
        let mut done = documents.len();
        self.loading.set(Some(Loading { done, total }));
        // Keep a few reads going while a file is parsed: the browser reads Blobs in the
        // background, so reading and parsing overlap.
        let mut to_read = to_read.into_iter();
        let mut pending: VecDeque<_> = to_read.by_ref().take(READ_AHEAD).map(FileHandle::start).collect();
        let mut new_models = Vec::new();
        let mut unreadable = Vec::new();
        let mut last_shown = timing::now();
        while let Some(read) = pending.pop_front() {
            let name = read.info().name.clone();
            let started = timing::now();
            let file = read.finish().await;
            reading.add(started);
            pending.extend(to_read.next().map(FileHandle::start));
            match file {
                Some(file) => {
                    let document = analysing.time(|| Document::analyse(&file, &context));
                    new_models.extend(document.model_cache().map(|m| (file.id.clone(), m)));
                    documents.push(Arc::new(document));
                }
                None => unreadable.push(name),
            }
            done += 1;
            self.loading.set(Some(Loading { done, total }));
            if timing::now() - last_shown > PROGRESS_INTERVAL_MS {
                rebuilding.time(|| self.rebuild(documents.clone()));
                yield_to_browser().await;
                last_shown = timing::now();
            }
        }
        rebuilding.time(|| self.rebuild(documents));
        for phase in [reading, analysing, rebuilding] {
            phase.record();
        }
        if !unreadable.is_empty() {
            self.notify(
                NoticeKind::Bad,
                format!(
                    "De browser gaf deze bestanden niet terug uit het archief: {}. Zet ze terug uit een back-up.",
                    unreadable.join(", ")
                ),
            );
        }
        // Next time these come from the cache. Losing this write costs only speed.
        if let Err(error) = archive.store_models(&new_models).await {
            leptos::logging::warn!("modellen niet bewaard: {error}");
        }
        Ok(())
    }

    fn rebuild(&self, documents: Vec<Arc<Document>>) {
        self.workspace.set(Arc::new(Workspace::build(documents, clock::today())));
    }

    fn archive(&self) -> Option<Archive> {
        self.archive.get_value()
    }

    fn push_event(&self, event: Gebeurtenis) {
        self.log.update(|log| log.push(event));
    }

    /// Re-read the numbers the archive remembers (they change with deletes, undo and restores).
    async fn refresh_numbers(&self, archive: &Archive) {
        match archive.nummers().await {
            Ok(nummers) => self.nummers.set(Arc::new(nummers)),
            Err(error) => self.report(error),
        }
    }

    /// The last action that can be undone, with its description.
    pub fn undo_label(&self) -> Option<String> {
        self.log.with(|log| journal::ongedaan_te_maken(log).map(|(g, _)| g.handeling.omschrijving()))
    }

    /// Add files (as picked, or made by Kloppend): analyse, archive what can be read (all of
    /// it or nothing), rebuild.
    pub async fn add_files(self, picked: Vec<(String, Vec<u8>)>, origin: Origin) {
        if self.loading.with_untracked(Option::is_some) {
            self.notify(NoticeKind::Info, "Het archief wordt nog geladen; je bestanden worden daarna toegevoegd.");
        }
        let _guard = self.exclusive().await;
        let context = Self::context();
        let now = clock::now_millis();
        let current = self.workspace.get_untracked();
        let known: HashSet<&str> = current.documents.iter().map(|d| d.file.id.as_str()).collect();
        let mut fresh: Vec<(StoredFile, Arc<Document>)> = Vec::new();
        let mut duplicates = 0;
        let mut refused = Vec::new();
        let mut backups = Vec::new();
        // Hashing is awaited (WebCrypto), so it is timed piece by piece like the rest.
        let (mut hashing, mut analysing) = (Phase::new("import:hashen"), Phase::new("import:analyseren"));
        for (name, bytes) in picked {
            if backup::is_backup(&bytes) || backup::is_sealed(&bytes) {
                backups.push(name);
                continue;
            }
            for (entry, data) in intake::expand(&name, bytes) {
                let started = timing::now();
                let file = match crypto::sha256_hex(&data).await {
                    Some(id) => StoredFile::with_id(id, entry, data, origin, now),
                    None => StoredFile::new(entry, data, origin, now),
                };
                hashing.add(started);
                if known.contains(file.id.as_str()) || fresh.iter().any(|(f, _)| f.id == file.id) {
                    duplicates += 1;
                    continue;
                }
                let document = Arc::new(analysing.time(|| Document::analyse(&file, &context)));
                if document.is_archivable() {
                    fresh.push((file, document));
                } else {
                    refused.push(document);
                }
            }
        }
        if !fresh.is_empty() {
            let files: Vec<StoredFile> = fresh.iter().map(|(f, _)| f.clone()).collect();
            let models: Vec<(String, Vec<u8>)> = fresh.iter().filter_map(|(f, d)| d.model_cache().map(|m| (f.id.clone(), m))).collect();
            let refs = files.iter().map(|f| bestand_ref(&f.id, &f.name)).collect();
            let handeling = match origin {
                Origin::Import => Handeling::Importeren { bestanden: refs },
                Origin::Gemaakt => Handeling::Gemaakt { bestanden: refs },
                Origin::Demo => Handeling::DemoLaden { bestanden: refs },
            };
            if let Some(archive) = self.archive() {
                let started = timing::now();
                let stored = archive.add(&files, &models, &[], handeling, now as i64).await;
                timing::record("import:opslaan", started, timing::now());
                match stored {
                    Ok(event) => self.push_event(event),
                    Err(error) => {
                        self.report(error);
                        return;
                    }
                }
                storage::request_persistence().await;
            }
        }
        let added = fresh.len();
        let refused_count = refused.len();
        let mut documents = current.documents.clone();
        documents.extend(fresh.into_iter().map(|(_, d)| d));
        let started = timing::now();
        self.rebuild(documents);
        timing::record("import:bijwerken", started, timing::now());
        hashing.record();
        analysing.record();
        self.refused.update(|r| r.extend(refused));
        let mut parts = Vec::new();
        if added > 0 {
            parts.push(format!("{added} bestand(en) toegevoegd aan het archief"));
        }
        if duplicates > 0 {
            parts.push(format!("{duplicates} stond(en) er al in (niets veranderd)"));
        }
        if refused_count > 0 {
            parts.push(format!("{refused_count} geweigerd"));
        }
        for name in &backups {
            parts.push(format!("{name} is een back-up van Kloppend: zet die terug via Instellingen › Back-up terugzetten"));
        }
        if parts.is_empty() {
            parts.push("Geen bestanden gevonden".into());
        }
        let kind = if refused_count > 0 || !backups.is_empty() { NoticeKind::Warn } else { NoticeKind::Ok };
        self.notify(kind, format!("{}.", parts.join(", ")));
    }

    /// Remove documents from the archive by file id (undoable until the next action).
    pub async fn remove_files(self, ids: Vec<String>) {
        let _guard = self.exclusive().await;
        let (refs, nummers): (Vec<BestandRef>, Vec<(String, Vec<GebruiktNummer>)>) = self.workspace.with_untracked(|w| {
            w.documents
                .iter()
                .filter(|d| ids.contains(&d.file.id))
                .map(|d| (bestand_ref(&d.file.id, &d.file.name), (d.file.id.clone(), d.gebruikte_nummers())))
                .unzip()
        });
        if let Some(archive) = self.archive() {
            match archive.remove(&nummers, Handeling::Verwijderen { bestanden: refs }, clock::now_millis() as i64).await {
                Ok(event) => self.push_event(event),
                Err(error) => {
                    self.report(error);
                    return;
                }
            }
            self.refresh_numbers(&archive).await;
        }
        self.drop_documents(&ids);
        self.notify(NoticeKind::Ok, format!("{} bestand(en) verwijderd. Je kunt dit ongedaan maken.", ids.len()));
    }

    fn drop_documents(&self, ids: &[String]) {
        let current = self.workspace.get_untracked();
        let documents = current.documents.iter().filter(|d| !ids.contains(&d.file.id)).cloned().collect();
        self.rebuild(documents);
        self.selection.update(|s| s.retain(|k| !ids.contains(&k.file_id)));
    }

    /// Undo the last action, if it can be undone.
    pub async fn undo(self) {
        let _guard = self.exclusive().await;
        let Some(archive) = self.archive() else { return };
        let Some((event, plan)) = self.log.with_untracked(|log| journal::ongedaan_te_maken(log).map(|(g, t)| (g.clone(), t))) else {
            self.notify(NoticeKind::Info, "Er is niets om ongedaan te maken.");
            return;
        };
        match archive.undo(&event, &plan, clock::now_millis() as i64).await {
            Ok(undo_event) => self.push_event(undo_event),
            Err(error) => return self.report(error),
        }
        match &plan {
            Terugdraaien::Verwijder(ids) => self.drop_documents(ids),
            Terugdraaien::Herstel(ids) => {
                match archive.files(ids).await {
                    Ok(files) => {
                        let context = Self::context();
                        let mut documents = self.workspace.get_untracked().documents.clone();
                        documents.extend(files.iter().map(|f| Arc::new(Document::analyse(f, &context))));
                        self.rebuild(documents);
                    }
                    Err(error) => return self.report(error),
                }
                self.refresh_numbers(&archive).await;
            }
            Terugdraaien::Instelling { naam, waarde } => {
                prefs::apply(naam, waarde);
                self.show_bsn.set(prefs::show_bsn());
            }
        }
        self.notify(NoticeKind::Ok, format!("Ongedaan gemaakt: {}.", event.handeling.omschrijving()));
    }

    /// Change the BSN preference (logged, so it can be undone).
    pub async fn set_show_bsn(self, value: bool) {
        let old = prefs::show_bsn();
        prefs::set_show_bsn(value);
        self.show_bsn.set(value);
        if old == value {
            return;
        }
        let _guard = self.exclusive().await;
        if let Some(archive) = self.archive() {
            let handeling = Handeling::Instelling { naam: prefs::TOON_BSN.into(), oud: prefs::ja_nee(old), nieuw: prefs::ja_nee(value) };
            match archive.log(handeling, clock::now_millis() as i64).await {
                Ok(event) => self.push_event(event),
                Err(error) => self.report(error),
            }
        }
    }

    pub fn has_demo(&self) -> bool {
        self.workspace.with(|w| w.documents.iter().any(|d| d.file.origin == Origin::Demo))
    }

    pub async fn load_demo(self) {
        let files = crate::domain::demo::demo_files(clock::today());
        self.add_files(files, Origin::Demo).await;
        self.notify(
            NoticeKind::Info,
            "De demo is geladen: fictieve berichten van 'Zorg Demo' (AGB 12345678). Je kunt ze met één klik weer verwijderen.",
        );
    }

    pub async fn remove_demo(self) {
        let ids: Vec<String> = self
            .workspace
            .with_untracked(|w| w.documents.iter().filter(|d| d.file.origin == Origin::Demo).map(|d| d.file.id.clone()).collect());
        self.remove_files(ids).await;
        self.notify(NoticeKind::Ok, "De demo is verwijderd.");
    }

    /// The whole archive as stored.
    pub async fn inhoud(self) -> Result<ArchiefInhoud, String> {
        let _guard = self.exclusive().await;
        match self.archive() {
            Some(archive) => archive.inhoud().await.map_err(|e| e.to_string()),
            None => Err("Het archief is in deze browser niet beschikbaar, dus er is niets om te bewaren.".into()),
        }
    }

    /// The archive's digest, from what is stored (no file's bytes are read).
    pub async fn vingerafdruk(self) -> Result<String, String> {
        let _guard = self.exclusive().await;
        let archive = self.archive().ok_or("Het archief is in deze browser niet beschikbaar.")?;
        let infos = archive.infos().await.map_err(|e| e.to_string())?;
        let nummers = archive.nummers().await.map_err(|e| e.to_string())?;
        Ok(backup::vingerafdruk(infos, &nummers))
    }

    /// The back-up file of the whole archive: (file name, bytes), sealed when a passphrase is given.
    pub async fn backup(self, passphrase: Option<String>) -> Result<(String, Vec<u8>), String> {
        let inhoud = self.inhoud().await?;
        let zip = backup::write_backup(&inhoud, &prefs::all(), clock::now_millis() as i64, env!("CARGO_PKG_VERSION"))
            .map_err(|e| e.to_string())?;
        let name = backup::bestandsnaam(clock::today(), passphrase.is_some());
        match passphrase {
            Some(passphrase) => Ok((name, crypto::seal(&passphrase, &zip).await.map_err(|e| e.to_string())?)),
            None => Ok((name, zip)),
        }
    }

    /// Restore a back-up. Everything is read and verified first; a wrong passphrase or a
    /// damaged file changes nothing. Returns what was restored, for the notice.
    pub async fn restore(self, bytes: Vec<u8>, passphrase: Option<String>, mode: RestoreMode) -> Result<String, String> {
        let zip = if backup::is_sealed(&bytes) {
            let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
                return Err("Deze back-up is versleuteld: vul het wachtwoord in.".into());
            };
            crypto::unseal(&passphrase, &bytes).await.map_err(|e| e.to_string())?
        } else {
            bytes
        };
        let Backup { inhoud, instellingen, .. } = backup::read_backup(&zip).map_err(|e| e.to_string())?;
        let _guard = self.exclusive().await;
        let Some(archive) = self.archive() else {
            return Err("Het archief is in deze browser niet beschikbaar; terugzetten kan niet.".into());
        };
        let tijd = clock::now_millis() as i64;
        let summary = match mode {
            RestoreMode::Vervangen => {
                let handeling = Handeling::TerugzettenVervangen { bestanden: inhoud.bestanden.len() };
                archive.replace(&inhoud, handeling, tijd).await.map_err(|e| e.to_string())?;
                for (name, value) in &instellingen {
                    prefs::apply(name, value);
                }
                format!("Het archief is vervangen door de back-up ({} bestanden).", inhoud.bestanden.len())
            }
            RestoreMode::Samenvoegen => {
                let current = archive.inhoud().await.map_err(|e| e.to_string())?;
                let added = backup::samenvoegen(&current, &inhoud);
                let handeling =
                    Handeling::TerugzettenSamenvoegen { bestanden: added.bestanden.iter().map(|f| bestand_ref(&f.id, &f.name)).collect() };
                archive.add(&added.bestanden, &[], &added.nummers, handeling, tijd).await.map_err(|e| e.to_string())?;
                format!(
                    "De back-up is samengevoegd: {} bestand(en) toegevoegd, {} stond(en) er al in.",
                    added.bestanden.len(),
                    inhoud.bestanden.len() - added.bestanden.len()
                )
            }
        };
        self.refused.set(Vec::new());
        self.selection.set(Vec::new());
        self.show_bsn.set(prefs::show_bsn());
        if let Err(error) = self.load_from(&archive).await {
            self.report(error);
        }
        Ok(summary)
    }

    /// Remove every stored byte: the database and the preferences. Kloppend then starts
    /// over with an empty archive.
    pub async fn erase_everything(self) {
        let _guard = self.exclusive().await;
        let result = match self.archive.try_update_value(|a| a.take()).flatten() {
            Some(archive) => archive.erase().await,
            None => archive::delete_database(self.database).await,
        };
        prefs::clear();
        self.refused.set(Vec::new());
        self.selection.set(Vec::new());
        self.show_bsn.set(prefs::show_bsn());
        self.log.set(Vec::new());
        self.nummers.set(Arc::new(Vec::new()));
        self.open_and_load().await;
        match result {
            Ok(()) => self.notify(NoticeKind::Ok, "Alles is gewist: het archief en de instellingen op dit apparaat zijn leeg."),
            Err(error) => self.report(error),
        }
    }
}

fn bestand_ref(id: &str, naam: &str) -> BestandRef {
    BestandRef { id: id.to_string(), naam: naam.to_string() }
}

pub use crate::browser::timing::yield_to_browser;
