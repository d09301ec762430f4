//! The session: the archive connection, the snapshot the screens show, and the rule that
//! changes happen one at a time. Every change goes to the archive first (one transaction),
//! then into a new snapshot, so what is shown is what is stored.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use futures::lock::{Mutex, OwnedMutexGuard};

use super::error::{AppError, Needs};
use crate::browser::archive::{self, Archive, ArchiveError, FileHandle};
use crate::browser::timing::{self, Pacer, Phase, yield_to_browser};
use crate::browser::worker::AnalysisWorker;
use crate::browser::{clock, crypto, files, prefs, storage, tabs};
use crate::domain::backup::{self, ArchiveContents, Backup};
use crate::domain::credit::GebruiktNummer;
use crate::domain::findings::Finding;
use crate::domain::intake::Document;
use crate::domain::journal::{self, Herkomst, LogEntry, Reversal, TodoMark, UserAction};
use crate::domain::message::{Bericht, ValidationContext};
use crate::domain::modelcache::Decoder;
use crate::domain::plan::{self, ImportPlan, Imported, Notice, Picked, RemovalPlan, RestoreMode};
use crate::domain::term::{Term, Terms};
use crate::domain::workspace::Workspace;
use crate::domain::{FileInfo, Origin, StoredFile, content_id, notices};

/// While the archive is read at start-up: files read so far, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
}

/// While picked files are imported: the step, which file, of how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub step: ImportStep,
    pub done: usize,
    pub total: usize,
    pub name: String,
}

/// The steps of an import a person waits for, so the progress shows from the pick to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStep {
    /// The browser hands over the picked files (before the session has them).
    Reading,
    /// Hashing and analysing, one file at a time; this step can be cancelled.
    Analysing,
    /// Storing everything in one transaction and analysing the archive anew.
    Storing,
}

impl Progress {
    pub fn reading(total: usize) -> Progress {
        Progress { step: ImportStep::Reading, done: 0, total, name: String::new() }
    }
}

/// What the screens show. Immutable: a change publishes a new one.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub workspace: Arc<Workspace>,
    /// Files refused this session (not archived): shown in the import list only.
    pub refused: Arc<Vec<Arc<Document>>>,
    /// The archive's event log, oldest first.
    pub log: Arc<Vec<LogEntry>>,
    /// Identifiers of deleted 323s, which stay taken (those of loaded files come from the files).
    pub nummers: Arc<Vec<GebruiktNummer>>,
    /// `Some` until the archive has been read at start-up.
    pub loading: Option<Loading>,
    /// `Some` while an import is under way.
    pub importing: Option<Progress>,
    /// Why the archive cannot be used, if it cannot (shown on every page).
    pub archive_problem: Option<ArchiveError>,
    pub show_bsn: bool,
    /// The declaration term per gemeente (a preference).
    pub terms: Terms,
    /// Files are read and checked on the main thread (no analysis worker in this browser):
    /// the page may stall on large files, and the import screen says so.
    pub analysis_on_main_thread: bool,
}

impl Snapshot {
    fn initial() -> Snapshot {
        Snapshot {
            workspace: Arc::new(Workspace::default()),
            refused: Arc::default(),
            log: Arc::default(),
            nummers: Arc::default(),
            loading: Some(Loading { done: 0, total: 0 }),
            importing: None,
            archive_problem: None,
            show_bsn: prefs::show_bsn(),
            terms: prefs::terms(),
            analysis_on_main_thread: false,
        }
    }

    /// The last action that can be undone, with its description.
    pub fn undo_label(&self) -> Option<String> {
        journal::last_undoable(&self.log).map(|(g, _)| g.action.description())
    }
}

/// One change to the archive.
#[derive(Debug)]
pub enum Change {
    /// Add picked files (or messages Kloppend made).
    Import {
        files: Vec<(String, Vec<u8>)>,
        origin: Origin,
        /// Opens password-protected ZIP entries; used while unpacking, never stored or logged.
        password: Option<String>,
    },
    /// Add messages Kloppend made, with where their lines come from.
    Make {
        files: Vec<(String, Vec<u8>)>,
        herkomst: Vec<Herkomst>,
    },
    Delete {
        ids: Vec<String>,
    },
    Undo,
    LoadDemo,
    RemoveDemo,
    Restore {
        bytes: Vec<u8>,
        passphrase: Option<String>,
        mode: RestoreMode,
    },
    /// Remove every stored byte and start over with an empty archive.
    Wipe,
    ShowBsn(bool),
    /// Mark a Te doen item done, put it off, or put it back on the list.
    MarkTodo {
        key: String,
        title: String,
        mark: TodoMark,
    },
    /// A message Kloppend made is uploaded in VECOZO (the answer term starts).
    MarkUploaded {
        id: String,
        name: String,
    },
    /// The declaration term of one gemeente (`None`: back to the default).
    SetTerm {
        gemeente: String,
        term: Option<Term>,
    },
}

/// What a change did, for its notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Started {
        unreadable: Vec<String>,
    },
    Imported(Imported),
    /// The user cancelled the import before anything was stored.
    Cancelled,
    Removed {
        ids: Vec<String>,
    },
    Undone {
        omschrijving: String,
    },
    NothingToUndo,
    DemoLoaded,
    DemoRemoved,
    Restored {
        mode: RestoreMode,
        added: usize,
        total: usize,
        unreadable: Vec<String>,
    },
    Wiped,
    PreferenceSet,
    Marked {
        title: String,
        mark: TodoMark,
    },
    Uploaded {
        name: String,
    },
}

impl Outcome {
    /// The notice for this outcome (`None` when nothing needs saying).
    pub fn notice(&self) -> Option<Notice> {
        let notice = match self {
            Outcome::Started { unreadable } if unreadable.is_empty() => return None,
            Outcome::Started { unreadable } => notices::unreadable(unreadable),
            Outcome::Imported(imported) => notices::imported(imported),
            Outcome::Cancelled => notices::cancelled(),
            Outcome::Removed { ids } => notices::deleted(ids.len()),
            Outcome::Undone { omschrijving } => notices::undone(omschrijving),
            Outcome::NothingToUndo => notices::nothing_to_undo(),
            Outcome::DemoLoaded => notices::demo_loaded(),
            Outcome::DemoRemoved => notices::demo_removed(),
            Outcome::Restored { mode, added, total, unreadable } => notices::restored(*mode, *added, *total, unreadable),
            Outcome::Wiped => notices::wiped(),
            Outcome::PreferenceSet => return None,
            Outcome::Marked { title, mark } => notices::marked(title, *mark),
            Outcome::Uploaded { name } => notices::uploaded(name),
        };
        Some(notice)
    }
}

/// Rebuild the screens at most this often while a large archive loads (each rebuild
/// reconciles everything loaded so far, so rebuilding per file would cost more than reading).
const PROGRESS_INTERVAL_MS: f64 = 400.0;
/// Files being read from the archive ahead of the one being parsed, at start-up.
const READ_AHEAD: usize = 3;

/// A single picked file this large shows the import's progress (and its cancel button).
const PROGRESS_FROM_BYTES: usize = 1 << 20;

type Listener = Rc<dyn Fn(Arc<Snapshot>)>;

struct Inner {
    database: &'static str,
    /// Reads and validates files off the main thread; `None` where workers are unavailable.
    worker: Option<AnalysisWorker>,
    archive: RefCell<Option<Archive>>,
    snapshot: RefCell<Arc<Snapshot>>,
    listener: RefCell<Option<Listener>>,
    cancel: Cell<bool>,
    /// One action on the archive at a time. Each reads the snapshot, awaits the archive and
    /// then publishes; two interleaved would lose one's changes. Start-up holds it as well,
    /// so a file picked while the archive is still opening is stored once it is open (not
    /// only shown), and is not wiped from the screens when the loaded archive arrives.
    actions: Arc<Mutex<()>>,
    /// Tells other tabs of this tab's changes and hears of theirs (set once the archive is open).
    channel: RefCell<Option<tabs::Channel>>,
}

/// Held while one action changes the archive: this tab's lock and, where the browser has
/// Web Locks, the lock shared by all tabs.
struct Exclusive {
    _tab: Option<tabs::TabLock>,
    _local: OwnedMutexGuard<()>,
}

/// The application session (cheap to clone: all clones are the same session).
#[derive(Clone)]
pub struct Session {
    inner: Rc<Inner>,
}

impl Session {
    /// A session backed by the named IndexedDB database (tests use one each).
    pub fn new(database: &'static str) -> Session {
        let worker = AnalysisWorker::start();
        let mut snapshot = Snapshot::initial();
        snapshot.analysis_on_main_thread = worker.is_none();
        Session {
            inner: Rc::new(Inner {
                database,
                worker,
                archive: RefCell::new(None),
                snapshot: RefCell::new(Arc::new(snapshot)),
                listener: RefCell::new(None),
                cancel: Cell::new(false),
                actions: Arc::new(Mutex::new(())),
                channel: RefCell::new(None),
            }),
        }
    }

    /// Called with every snapshot published from now on.
    pub fn subscribe(&self, listener: impl Fn(Arc<Snapshot>) + 'static) {
        *self.inner.listener.borrow_mut() = Some(Rc::new(listener));
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.inner.snapshot.borrow().clone()
    }

    /// Ask the import under way to stop before it stores anything.
    pub fn cancel(&self) {
        self.inner.cancel.set(true);
    }

    fn publish(&self, change: impl FnOnce(&mut Snapshot)) {
        let next = {
            let mut snapshot = self.inner.snapshot.borrow_mut();
            change(Arc::make_mut(&mut snapshot));
            snapshot.clone()
        };
        // Cloned out first: the listener may read the snapshot again.
        let listener = self.inner.listener.borrow().clone();
        if let Some(listener) = listener {
            listener(next);
        }
    }

    fn rebuild(&self, documents: Vec<Arc<Document>>) {
        let workspace = Arc::new(self.workspace_of(documents));
        self.publish(|s| s.workspace = workspace);
    }

    /// The documents analysed together, with the lines' origins the log remembers.
    fn workspace_of(&self, documents: Vec<Arc<Document>>) -> Workspace {
        Workspace::build(documents, clock::today()).with_log(&self.snapshot().log)
    }

    /// The date changed (past midnight, or the computer's clock was set): what counts from
    /// today (answer terms, overdue answers) is worked out again from the same files. Nothing
    /// is stored, so no other tab needs telling; it waits for an action under way, whose own
    /// rebuild would otherwise overwrite this one.
    pub async fn follow_clock(&self) {
        let _local = self.inner.actions.clone().lock_owned().await;
        let workspace = self.snapshot().workspace.clone();
        if workspace.today != Some(clock::today()) {
            self.rebuild(workspace.documents.clone());
        }
    }

    /// After a change of the upload marks only: the same files, their upload state anew.
    fn refresh_uploads(&self) {
        let snapshot = self.snapshot();
        let workspace = Arc::new((*snapshot.workspace).clone().with_uploads(&snapshot.log));
        self.publish(|s| s.workspace = workspace);
    }

    fn archive(&self) -> Option<Archive> {
        self.inner.archive.borrow().clone()
    }

    /// Read and check one file: in the worker when there is one (the main thread only decodes
    /// the model and findings it sends back), here otherwise, and here for what is not a
    /// message (refused files, CSVs). `main` times the main thread's share. With the document
    /// comes the model as the worker encoded it, so the model cache need not encode it again.
    async fn analyse(&self, file: &StoredFile, context: &ValidationContext, main: &mut Phase) -> (Document, Option<Vec<u8>>) {
        if let Some(worker) = &self.inner.worker {
            let started = timing::now();
            let entry = worker.analyse(&file.name, &file.bytes, context).await;
            timing::record("worker", started, timing::now());
            if let Some(analysed) = entry {
                match decode_in_parts(&analysed.model, main, &mut Pacer::new()).await {
                    Some((bericht, findings)) => return (Document::checked(file.info(), bericht, findings), Some(analysed.model)),
                    None => web_sys::console::warn_1(&"het antwoord van de analyse-worker kon niet worden gelezen".into()),
                }
            }
        }
        (main.time(|| Document::analyse(file, context)), None)
    }

    fn context() -> ValidationContext {
        ValidationContext { today: Some(clock::today()) }
    }

    fn push_event(&self, event: LogEntry) {
        self.publish(|s| Arc::make_mut(&mut s.log).push(event));
    }

    /// Wait for the other actions on the archive (start-up, and those of other tabs) to
    /// finish, then catch up with what other tabs stored, so the action is planned against
    /// the archive as it is and not as this tab last saw it.
    async fn exclusive(&self) -> Result<Exclusive, AppError> {
        let local = self.inner.actions.clone().lock_owned().await;
        let tab = tabs::lock(&format!("kloppend:{}", self.inner.database)).await;
        let guard = Exclusive { _tab: tab, _local: local };
        self.catch_up().await?;
        Ok(guard)
    }

    /// If another tab changed the archive (its stored log is not this tab's), read the
    /// archive again, keeping every document already analysed (files never change: their
    /// id is their hash), and the preferences.
    async fn catch_up(&self) -> Result<(), AppError> {
        let Some(archive) = self.archive() else { return Ok(()) };
        let stored = match archive.gebeurtenissen().await {
            // Another tab wiped the archive or a newer Kloppend upgraded it, and the browser
            // closed this tab's connection: open it again, as at start-up.
            Err(ArchiveError::Closed) => return self.open_and_load().await.map(|_| ()),
            other => other?,
        };
        let snapshot = self.snapshot();
        let head = |log: &[LogEntry]| (log.len(), log.iter().map(|g| g.id).max());
        if head(&stored) == head(&snapshot.log) {
            return Ok(());
        }
        let known: HashMap<String, Arc<Document>> = snapshot.workspace.documents.iter().map(|d| (d.file.id.clone(), d.clone())).collect();
        let result = self.load_from(&archive, &known).await;
        self.publish(|s| {
            s.loading = None;
            s.show_bsn = prefs::show_bsn();
            s.terms = prefs::terms();
        });
        result.map(|_| ()).map_err(AppError::from)
    }

    /// Another tab said it changed the archive.
    async fn sync(&self) {
        if let Err(error) = self.exclusive().await {
            web_sys::console::warn_1(&format!("bijwerken vanuit een ander tabblad: {error}").into());
        }
    }

    /// Listen to the other tabs, once the archive is open.
    fn listen_to_other_tabs(&self) {
        if self.inner.channel.borrow().is_some() {
            return;
        }
        let session = self.clone();
        let channel = tabs::Channel::open(&format!("kloppend:{}", self.inner.database), move || {
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move { session.sync().await });
        });
        *self.inner.channel.borrow_mut() = channel;
    }

    /// Open the archive and load what it holds. The lock is taken when this is called, not
    /// when the future first runs, so no action can go first.
    pub fn start(&self) -> impl Future<Output = Result<Outcome, AppError>> + 'static {
        let guard = self.inner.actions.clone().try_lock_owned();
        let session = self.clone();
        async move {
            let _guard = guard;
            session.open_and_load().await
        }
    }

    /// Open the archive and load what it holds, once the actions under way are done.
    pub async fn init(&self) -> Result<Outcome, AppError> {
        let _guard = self.exclusive().await?;
        self.open_and_load().await
    }

    async fn open_and_load(&self) -> Result<Outcome, AppError> {
        self.publish(|s| s.loading = Some(Loading { done: 0, total: 0 }));
        // From navigation to here: loading and starting the app itself.
        timing::record("start:app", 0.0, timing::now());
        let started = timing::now();
        let opened = Archive::open_named(self.inner.database).await;
        timing::record("start:openen", started, timing::now());
        let result = match opened {
            Ok(archive) => {
                // Opened again after the browser wiped it: the warning stays (the files the
                // user saw are gone from storage), and says how to get them back.
                let cleared = self.archive().is_some_and(|a| a.was_cleared());
                *self.inner.archive.borrow_mut() = Some(archive.clone());
                self.publish(|s| s.archive_problem = cleared.then_some(ArchiveError::Cleared));
                self.warn_when_cleared(&archive);
                self.listen_to_other_tabs();
                self.load_from(&archive, &HashMap::new()).await.map(|unreadable| Outcome::Started { unreadable }).map_err(AppError::from)
            }
            Err(error) => {
                self.publish(|s| s.archive_problem = Some(error));
                self.rebuild(Vec::new());
                Ok(Outcome::Started { unreadable: Vec::new() })
            }
        };
        self.publish(|s| s.loading = None);
        result
    }

    /// Say at once when the browser wipes the archive while the app is open, not only when
    /// the files turn out to be gone at the next import.
    fn warn_when_cleared(&self, archive: &Archive) {
        let session = self.clone();
        archive.on_cleared(move || session.publish(|s| s.archive_problem = Some(ArchiveError::Cleared)));
    }

    /// Read the log and numbers, then the files: clean messages from their cached models,
    /// the rest read and parsed while the next files are being read. The screens fill in as
    /// files come in. Returns the names of files the browser could not give back.
    /// Documents in `known` (by file id) are taken as they are. The loading progress is gone
    /// when it returns, whoever called it (after a restore it lingered: "8 van 8…", and kept
    /// the wizard waiting for the archive).
    async fn load_from(&self, archive: &Archive, known: &HashMap<String, Arc<Document>>) -> Result<Vec<String>, ArchiveError> {
        let result = self.read_archive(archive, known).await;
        if self.snapshot().loading.is_some() {
            self.publish(|s| s.loading = None);
        }
        result
    }

    async fn read_archive(&self, archive: &Archive, known: &HashMap<String, Arc<Document>>) -> Result<Vec<String>, ArchiveError> {
        let log = Arc::new(archive.gebeurtenissen().await?);
        let nummers = Arc::new(archive.nummers().await?);
        self.publish(|s| {
            s.log = log;
            s.nummers = nummers;
        });
        let handles = archive.handles().await?;
        let total = handles.len();
        let context = Self::context();
        let mut documents = Vec::with_capacity(total);
        let (mut reading, mut analysing, mut rebuilding) =
            (Phase::new("start:lezen"), Phase::new("start:analyseren"), Phase::new("start:bijwerken"));
        let mut to_read = Vec::new();
        let mut pacer = Pacer::new();
        for mut handle in handles {
            if let Some(document) = known.get(&handle.info().id) {
                documents.push(document.clone());
                continue;
            }
            let cached = match handle.take_model() {
                Some(entry) => from_cache(handle.info(), &entry, &context, &mut analysing, &mut pacer).await,
                None => None,
            };
            match cached {
                Some(document) => documents.push(Arc::new(document)),
                None => to_read.push(handle),
            }
        }
        let mut done = documents.len();
        self.publish(|s| s.loading = Some(Loading { done, total }));
        // Keep a few reads going while a file is parsed: the browser reads Blobs in the
        // background, so reading and parsing overlap.
        let mut to_read = to_read.into_iter();
        let mut pending: VecDeque<_> = to_read.by_ref().take(READ_AHEAD).map(FileHandle::start).collect();
        let mut new_models = Vec::new();
        let mut unreadable = Vec::new();
        let mut last_shown = timing::now();
        // Each rebuild reconciles everything loaded so far: spaced by at least four times
        // what the last one cost, so rebuilds stay a fixed share of the start-up instead of
        // growing with the square of the archive (6.8 s of 18 s at a million lines).
        let mut interval = PROGRESS_INTERVAL_MS;
        while let Some(read) = pending.pop_front() {
            let name = read.info().name.clone();
            let started = timing::now();
            let file = read.finish().await;
            reading.add(started);
            pending.extend(to_read.next().map(FileHandle::start));
            match file {
                Some(file) => {
                    let (document, encoded) = self.analyse(&file, &context, &mut analysing).await;
                    new_models.extend(document.model_cache_from(encoded).map(|m| (file.id.clone(), m)));
                    documents.push(Arc::new(document));
                }
                None => unreadable.push(name),
            }
            done += 1;
            self.publish(|s| s.loading = Some(Loading { done, total }));
            if timing::now() - last_shown > interval {
                let started = timing::now();
                rebuilding.time(|| self.rebuild(documents.clone()));
                interval = PROGRESS_INTERVAL_MS.max(4.0 * (timing::now() - started));
                yield_to_browser().await;
                last_shown = timing::now();
            }
        }
        rebuilding.time(|| self.rebuild(documents));
        for phase in [reading, analysing, rebuilding] {
            phase.record();
        }
        // Next time these come from the cache. Losing this write costs only speed.
        if let Err(error) = archive.store_models(&new_models).await {
            web_sys::console::warn_1(&format!("modellen niet bewaard: {error}").into());
        }
        Ok(unreadable)
    }

    /// Whether start-up is still reading the archive.
    pub fn is_loading(&self) -> bool {
        self.inner.snapshot.borrow().loading.is_some()
    }

    /// Apply one change, after the changes under way.
    pub async fn apply(&self, change: Change) -> Result<Outcome, AppError> {
        let result = self.apply_here(change).await;
        // Other tabs read the archive again (they compare the stored log with theirs).
        if result.is_ok()
            && let Some(channel) = self.inner.channel.borrow().as_ref()
        {
            channel.announce();
        }
        result
    }

    async fn apply_here(&self, change: Change) -> Result<Outcome, AppError> {
        match change {
            Change::Restore { bytes, passphrase, mode } => {
                // Unsealing and verifying take no lock: they change nothing.
                let backup = self.open_backup(bytes, passphrase).await?;
                let _guard = self.exclusive().await?;
                self.restore(backup, mode).await
            }
            Change::Import { files, origin, password } => {
                let _guard = self.exclusive().await?;
                self.import(files, origin, password.as_deref()).await.map(Outcome::Imported).or_else(cancelled)
            }
            Change::Make { files, herkomst } => {
                let _guard = self.exclusive().await?;
                self.import_with(files, Origin::Gemaakt, None, &herkomst).await.map(Outcome::Imported).or_else(cancelled)
            }
            Change::LoadDemo => {
                let _guard = self.exclusive().await?;
                self.import(crate::domain::demo::demo_files(clock::today()), Origin::Demo, None)
                    .await
                    .map(|_| Outcome::DemoLoaded)
                    .or_else(cancelled)
            }
            Change::Delete { ids } => {
                let _guard = self.exclusive().await?;
                self.delete(&ids).await
            }
            Change::RemoveDemo => {
                let _guard = self.exclusive().await?;
                let ids = plan::demo_ids(&self.snapshot().workspace);
                self.delete(&ids).await.map(|_| Outcome::DemoRemoved)
            }
            Change::Undo => {
                let _guard = self.exclusive().await?;
                self.undo().await
            }
            Change::Wipe => {
                let _guard = self.exclusive().await?;
                self.wipe().await
            }
            Change::ShowBsn(value) => self.show_bsn(value).await,
            Change::MarkTodo { key, title, mark } => {
                let _guard = self.exclusive().await?;
                let archive = self.archive().ok_or(AppError::NoArchive(Needs::Mark))?;
                let action = UserAction::MarkTodo { key, title: title.clone(), mark };
                self.push_event(archive.log(action, now()).await?);
                Ok(Outcome::Marked { title, mark })
            }
            Change::MarkUploaded { id, name } => {
                let _guard = self.exclusive().await?;
                let archive = self.archive().ok_or(AppError::NoArchive(Needs::Mark))?;
                let action = UserAction::Uploaded { files: vec![plan::file_ref(&id, &name)] };
                self.push_event(archive.log(action, now()).await?);
                self.refresh_uploads();
                Ok(Outcome::Uploaded { name })
            }
            Change::SetTerm { gemeente, term } => self.set_term(gemeente, term).await,
        }
    }

    /// Analyse, archive what can be read (all of it or nothing), rebuild; the progress is gone
    /// afterwards, whatever the outcome.
    async fn import(&self, picked: Vec<(String, Vec<u8>)>, origin: Origin, password: Option<&str>) -> Result<Imported, Interrupted> {
        self.import_with(picked, origin, password, &[]).await
    }

    /// [`Self::import`], keeping where the lines of made messages come from in the log.
    async fn import_with(
        &self,
        picked: Vec<(String, Vec<u8>)>,
        origin: Origin,
        password: Option<&str>,
        herkomst: &[Herkomst],
    ) -> Result<Imported, Interrupted> {
        let result = self.import_files(picked, origin, password, herkomst).await;
        if self.snapshot().importing.is_some() {
            self.publish(|s| s.importing = None);
        }
        result
    }

    async fn import_files(
        &self,
        picked: Vec<(String, Vec<u8>)>,
        origin: Origin,
        password: Option<&str>,
        herkomst: &[Herkomst],
    ) -> Result<Imported, Interrupted> {
        self.inner.cancel.set(false);
        let context = Self::context();
        let now = clock::now_millis();
        let current = self.snapshot().workspace.clone();
        // A ZIP opened again with a password: what it refused before is replaced by what it gives now.
        let reopened: Vec<String> =
            if password.is_some() { picked.iter().map(|(name, _)| format!("{name}/")).collect() } else { Vec::new() };
        let Picked { backups, entries, unpacked_refused } = Picked::sort_with(picked, password);
        let mut plan = ImportPlan::new(&current, backups);
        plan.refuse_unpacked(unpacked_refused, origin, now);
        let total = entries.len();
        // Hashing is awaited (WebCrypto), so it is timed piece by piece like the rest.
        let (mut hashing, mut analysing) = (Phase::new("import:hashen"), Phase::new("import:analyseren"));
        // A frame between files, so progress shows and the page stays responsive.
        let mut pacer = Pacer::new();
        let mut originals = archive::Originals::default();
        // A single small file is over before a frame; one large file (a 24 MB 323 with a
        // finding on every line) shows its progress like a pick of many.
        let show_progress = total > 1 || entries.iter().any(|(_, data)| data.len() > PROGRESS_FROM_BYTES);
        for (done, (entry, data)) in entries.into_iter().enumerate() {
            if show_progress {
                self.publish(|s| s.importing = Some(Progress { step: ImportStep::Analysing, done, total, name: entry.clone() }));
            }
            // A picked file itself (not a ZIP's entry, whose name has the ZIP's in front) can
            // be stored as the browser holds it.
            let original = (origin == Origin::Import && !entry.contains('/')).then(|| files::original(&entry, data.len())).flatten();
            let file = StoredFile::with_id(String::new(), entry, data, origin, now);
            let added = self.import_entry(&mut plan, file, &context, &mut hashing, &mut analysing).await;
            originals.extend(added.zip(original));
            pacer.step().await;
            if self.inner.cancel.replace(false) {
                return Err(Interrupted::Cancelled);
            }
        }
        let storing = show_progress && !plan.fresh.is_empty();
        self.publish(|s| s.importing = storing.then(|| Progress { step: ImportStep::Storing, done: total, total, name: String::new() }));
        if let (Some(action), Some(archive)) = (plan.action(origin, herkomst), self.archive()) {
            let started = timing::now();
            let models = plan.take_models();
            let stored = archive.add_picked(&plan.files(), &models, &originals, action, now as i64).await;
            timing::record("import:opslaan", started, timing::now());
            self.push_event(stored?);
            storage::request_persistence().await;
        }
        let outcome = plan.outcome();
        let mut documents = current.documents.clone();
        documents.extend(plan.fresh.into_iter().map(|(_, d)| d));
        let started = timing::now();
        let workspace = Arc::new(self.workspace_of(documents));
        timing::record("import:bijwerken", started, timing::now());
        // A frame between analysing the whole archive and the screens redrawing it: together
        // they are one long task at 100,000 lines.
        yield_to_browser().await;
        self.publish(|s| s.workspace = workspace);
        hashing.record();
        analysing.record();
        let refused = plan.refused;
        self.publish(|s| {
            let list = Arc::make_mut(&mut s.refused);
            list.retain(|d| !reopened.iter().any(|prefix| d.file.name.starts_with(prefix.as_str())));
            list.extend(refused);
        });
        Ok(outcome)
    }

    /// One picked file into the plan: hashed, and analysed unless it is already stored.
    /// Returns its id when it was added to the plan.
    async fn import_entry(
        &self,
        plan: &mut ImportPlan,
        mut file: StoredFile,
        context: &ValidationContext,
        hashing: &mut Phase,
        analysing: &mut Phase,
    ) -> Option<String> {
        let started = timing::now();
        // The id (the hash) is set below; it is not part of what the analysis reads.
        // Timed to when its result is seen: without a worker the analysis runs on this
        // thread, so that is after the analysis (the digest itself runs in WebCrypto's
        // threads meanwhile).
        let hashed = async {
            let id = file_id(&file.bytes).await;
            hashing.add(started);
            id
        };
        let analysed = if plan.may_be_known(file.bytes.len()) {
            // Perhaps a duplicate: hashed first, so a file already there is not analysed.
            file.id = hashed.await;
            if plan.claim(&file) { Some(self.analyse(&file, context, analysing).await) } else { None }
        } else {
            // New whatever its hash: analysed (in the worker) while WebCrypto hashes it,
            // which for a 25 MB file takes a third as long as its analysis.
            let (id, analysed) = futures::future::join(hashed, self.analyse(&file, context, analysing)).await;
            file.id = id;
            plan.claim(&file).then_some(analysed)
        };
        let (mut document, encoded) = analysed?;
        document.file.id = file.id.clone();
        let id = file.id.clone();
        match encoded {
            Some(model) => plan.add_encoded(file, Arc::new(document), model),
            None => plan.add(file, Arc::new(document)),
        };
        Some(id)
    }

    /// Remove documents from the archive by file id (undoable until the next action).
    async fn delete(&self, ids: &[String]) -> Result<Outcome, AppError> {
        let current = self.snapshot().workspace.clone();
        let removal = RemovalPlan::new(&current, ids);
        if let Some(archive) = self.archive() {
            let event = archive.remove(&removal.nummers, UserAction::Delete { files: removal.bestanden.clone() }, now()).await?;
            self.push_event(event);
            self.refresh_numbers(&archive).await?;
        }
        self.rebuild(plan::without(&current, ids));
        Ok(Outcome::Removed { ids: ids.to_vec() })
    }

    async fn refresh_numbers(&self, archive: &Archive) -> Result<(), AppError> {
        let nummers = Arc::new(archive.nummers().await?);
        self.publish(|s| s.nummers = nummers);
        Ok(())
    }

    /// Undo the last action, if it can be undone (the plan comes from the stored log).
    async fn undo(&self) -> Result<Outcome, AppError> {
        let Some(archive) = self.archive() else { return Ok(Outcome::NothingToUndo) };
        let snapshot = self.snapshot();
        let Some((event, plan)) = journal::last_undoable(&snapshot.log).map(|(g, t)| (g.clone(), t)) else {
            return Ok(Outcome::NothingToUndo);
        };
        let undo_event = archive.undo(&event, &plan, now()).await?;
        self.push_event(undo_event);
        match &plan {
            Reversal::Remove(ids) => self.rebuild(plan::without(&snapshot.workspace, ids)),
            Reversal::Restore(ids) => {
                let files = archive.files(ids).await?;
                let context = Self::context();
                let mut documents = snapshot.workspace.documents.clone();
                documents.extend(files.iter().map(|f| Arc::new(Document::analyse(f, &context))));
                self.rebuild(documents);
                self.refresh_numbers(&archive).await?;
            }
            Reversal::Setting { name: naam, value: waarde } => {
                prefs::apply(naam, waarde);
                self.publish(|s| {
                    s.show_bsn = prefs::show_bsn();
                    s.terms = prefs::terms();
                });
            }
            // The log is what counts: the undo event just appended is the whole undo.
            Reversal::LogOnly => self.refresh_uploads(),
        }
        Ok(Outcome::Undone { omschrijving: event.action.description() })
    }

    /// Change the BSN preference (logged, so it can be undone).
    async fn show_bsn(&self, value: bool) -> Result<Outcome, AppError> {
        let old = prefs::show_bsn();
        prefs::set_show_bsn(value);
        // Shown at once; only the log entry waits for the actions under way.
        self.publish(|s| s.show_bsn = value);
        if old == value {
            return Ok(Outcome::PreferenceSet);
        }
        let _guard = self.exclusive().await?;
        if let Some(archive) = self.archive() {
            let action = UserAction::Setting { name: prefs::TOON_BSN.into(), old: prefs::ja_nee(old), new: prefs::ja_nee(value) };
            self.push_event(archive.log(action, now()).await?);
        }
        Ok(Outcome::PreferenceSet)
    }

    /// Change one gemeente's declaration term (logged, so it can be undone).
    async fn set_term(&self, gemeente: String, term: Option<Term>) -> Result<Outcome, AppError> {
        let old = prefs::terms().per_gemeente.get(&gemeente).copied();
        if old == term {
            return Ok(Outcome::PreferenceSet);
        }
        prefs::set_term(&gemeente, term);
        self.publish(|s| s.terms = prefs::terms());
        let _guard = self.exclusive().await?;
        if let Some(archive) = self.archive() {
            let action =
                UserAction::Setting { name: prefs::term_name(&gemeente), old: prefs::term_value(old), new: prefs::term_value(term) };
            self.push_event(archive.log(action, now()).await?);
        }
        Ok(Outcome::PreferenceSet)
    }

    /// Unseal (when sealed) and verify a back-up completely; nothing is changed.
    async fn open_backup(&self, bytes: Vec<u8>, passphrase: Option<String>) -> Result<Backup, AppError> {
        let zip = if backup::is_sealed(&bytes) {
            // A damaged frame is named as such before a passphrase is asked for in vain.
            backup::ontzegel(&bytes)?;
            let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or(AppError::PassphraseNeeded)?;
            crypto::unseal(&passphrase, &bytes).await?
        } else {
            bytes
        };
        Ok(backup::read_backup(&zip)?)
    }

    async fn restore(&self, backup: Backup, mode: RestoreMode) -> Result<Outcome, AppError> {
        let Backup { inhoud, instellingen, .. } = backup;
        let archive = self.archive().ok_or(AppError::NoArchive(Needs::Restore))?;
        let total = inhoud.bestanden.len();
        let added = match mode {
            RestoreMode::Vervangen => {
                archive.replace(&inhoud, UserAction::RestoreReplace { files: total }, now()).await?;
                for (name, value) in &instellingen {
                    prefs::apply(name, value);
                }
                total
            }
            RestoreMode::Samenvoegen => {
                let current = archive.contents().await?;
                let added = backup::samenvoegen(&current, &inhoud);
                let bestanden = added.bestanden.iter().map(|f| plan::file_ref(&f.id, &f.name)).collect();
                archive
                    .add_with_events(
                        &added.bestanden.iter().map(|file| (file, None)).collect::<Vec<_>>(),
                        &[],
                        &added.nummers,
                        &added.gebeurtenissen,
                        UserAction::RestoreMerge { files: bestanden },
                        now(),
                    )
                    .await?;
                added.bestanden.len()
            }
        };
        self.publish(|s| {
            s.refused = Arc::default();
            s.show_bsn = prefs::show_bsn();
            s.terms = prefs::terms();
            // The back-up is what the browser wiped: stored again, so the warning is answered.
            if s.archive_problem == Some(ArchiveError::Cleared) {
                s.archive_problem = None;
            }
        });
        let unreadable = self.load_from(&archive, &HashMap::new()).await?;
        Ok(Outcome::Restored { mode, added, total, unreadable })
    }

    /// Remove every stored byte: the database and the preferences; then start over.
    async fn wipe(&self) -> Result<Outcome, AppError> {
        let taken = self.inner.archive.borrow_mut().take();
        let result = match taken {
            Some(archive) => archive.erase().await,
            None => archive::delete_database(self.inner.database).await,
        };
        prefs::clear();
        self.publish(|s| {
            s.refused = Arc::default();
            s.log = Arc::default();
            s.nummers = Arc::default();
            s.show_bsn = prefs::show_bsn();
            s.terms = prefs::terms();
        });
        self.open_and_load().await?;
        result?;
        Ok(Outcome::Wiped)
    }

    /// The whole archive as stored.
    pub async fn contents(&self) -> Result<ArchiveContents, AppError> {
        let _guard = self.exclusive().await?;
        let archive = self.archive().ok_or(AppError::NoArchive(Needs::Backup))?;
        Ok(archive.contents().await?)
    }

    /// The archive's digest, from what is stored (no file's bytes are read).
    pub async fn fingerprint(&self) -> Result<String, AppError> {
        let _guard = self.exclusive().await?;
        let archive = self.archive().ok_or(AppError::NoArchive(Needs::Digest))?;
        let infos = archive.infos().await?;
        let nummers = archive.nummers().await?;
        Ok(backup::fingerprint(infos, &nummers))
    }

    /// The back-up file of the whole archive: (file name, bytes), sealed when a passphrase is given.
    pub async fn backup(&self, passphrase: Option<String>) -> Result<(String, Vec<u8>), AppError> {
        let inhoud = self.contents().await?;
        let zip = backup::write_backup(&inhoud, &prefs::all(), clock::now_millis() as i64, env!("CARGO_PKG_VERSION"))?;
        let name = backup::bestandsnaam(clock::today(), passphrase.is_some());
        match passphrase {
            Some(passphrase) => Ok((name, crypto::seal(&passphrase, &zip).await?)),
            None => Ok((name, zip)),
        }
    }
}

/// An import that did not finish: cancelled, or refused by the archive.
enum Interrupted {
    Cancelled,
    Failed(AppError),
}

impl From<ArchiveError> for Interrupted {
    fn from(e: ArchiveError) -> Self {
        Interrupted::Failed(AppError::Archive(e))
    }
}

fn cancelled(i: Interrupted) -> Result<Outcome, AppError> {
    match i {
        Interrupted::Cancelled => Ok(Outcome::Cancelled),
        Interrupted::Failed(e) => Err(e),
    }
}

fn now() -> i64 {
    clock::now_millis() as i64
}

/// A stored file's document from its model-cache entry (a 301's, or a message's validated
/// again); `None` when the entry is stale or the findings changed, and the bytes must be read.
async fn from_cache(info: &FileInfo, entry: &[u8], context: &ValidationContext, main: &mut Phase, pacer: &mut Pacer) -> Option<Document> {
    if let Some(toewijzing) = Document::toewijzing_from_cache(info.clone(), entry) {
        return Some(toewijzing);
    }
    let (bericht, stored) = decode_in_parts(entry, main, pacer).await?;
    main.time(|| Document::from_model(info.clone(), bericht, stored, context))
}

/// Decode a model-cache entry part by part, giving the browser a frame whenever the pacer's
/// budget is spent: a 33,000-line model is a few short tasks instead of one long one. With
/// the findings stored with it.
async fn decode_in_parts(entry: &[u8], main: &mut Phase, pacer: &mut Pacer) -> Option<(Bericht, Vec<Finding>)> {
    let started = timing::now();
    let mut decoder = main.time(|| Decoder::new(entry))?;
    let stored = main.time(|| decoder.findings())?;
    timing::record("decoderen:kop", started, timing::now());
    let mut longest: f64 = 0.0;
    loop {
        // A frame only when the budget is spent: a 0 ms timeout costs 4 ms once nested, and
        // yielding after every part of a million-line archive left the page idle for a second.
        pacer.step().await;
        let started = timing::now();
        let more = main.time(|| decoder.step())?;
        longest = longest.max(timing::now() - started);
        if !more {
            break;
        }
    }
    // The longest part, for the app benchmark's breakdown.
    timing::record("decoderen:langste-deel", 0.0, longest);
    Some((decoder.finish(), stored))
}

/// A file's id: its SHA-256 by WebCrypto, or by the core outside a secure context (the same
/// value either way).
async fn file_id(bytes: &[u8]) -> String {
    match crypto::sha256_hex(bytes).await {
        Some(id) => id,
        None => content_id(bytes),
    }
}
