//! The screens' reactive façade over the app session: signals that mirror the published
//! [`Snapshot`], the notice line, and what only the screens need (the credit selection).
//! Every action is one [`Change`] applied by the session; this file only turns its outcome
//! or error into a notice.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::{AppError, Change, Loading, Outcome, Progress, Session, Snapshot};
use crate::browser::archive::{self, ArchiveError};
use crate::browser::clock;
use crate::domain::Origin;
use crate::domain::backup::ArchiveContents;
use crate::domain::credit::GebruiktNummer;
use crate::domain::credit::Soort;
use crate::domain::export::ExportFormat;
use crate::domain::intake::{Document, ZipProbleem, needs_password};
use crate::domain::journal::{Herkomst, LogEntry, TodoMark};
use crate::domain::message::ValidationContext;
use crate::domain::notices;
pub use crate::domain::plan::{Notice, NoticeKind, RestoreMode};
use crate::domain::term::{Term, Terms};
pub use crate::domain::workspace::LineKey;
use crate::domain::workspace::Workspace;

/// Rounds of decoding a small model after start-up (each its own task, about a millisecond).
const MAIN_WARM_UP_ROUNDS: usize = 40;

#[derive(Clone, Copy)]
pub struct AppState {
    // Private: screens read through the accessors below and change things only through
    // the intent methods, so every archive change goes through the session's `apply`.
    /// The archive's database name (the wizard's choice is kept per database).
    database: &'static str,
    workspace: RwSignal<Arc<Workspace>>,
    /// Files refused this session (not archived): shown in the import list only.
    refused: RwSignal<Arc<Vec<Arc<Document>>>>,
    notice: RwSignal<Option<Notice>>,
    /// `Some` until the archive has been read at start-up.
    loading: RwSignal<Option<Loading>>,
    /// `Some` while picked files are being imported.
    importing: RwSignal<Option<Progress>>,
    show_bsn: RwSignal<bool>,
    /// The file format of every export button (a preference of this browser).
    export_format: RwSignal<ExportFormat>,
    /// The declaration term per gemeente.
    terms: RwSignal<Terms>,
    /// Lines chosen for the credit wizard.
    selection: RwSignal<Vec<LineKey>>,
    /// The files the last import added, for the summary on Importeren.
    recent: RwSignal<Vec<String>>,
    /// ZIPs of the last pick with password-protected entries, waiting for the password.
    protected: RwSignal<Vec<(String, Vec<u8>)>>,
    /// The kind of message the credit wizard makes (Te doen opens it on "declare again").
    credit_soort: RwSignal<Soort>,
    /// The archive's event log, oldest first.
    log: RwSignal<Arc<Vec<LogEntry>>>,
    /// Identifiers of deleted 323s, which stay taken (those of loaded files come from the files).
    nummers: RwSignal<Arc<Vec<GebruiktNummer>>>,
    /// Why the archive cannot be used, if it cannot (shown on every page).
    archive_problem: RwSignal<Option<ArchiveError>>,
    /// No analysis worker: large files are read on the main thread.
    pub analysis_on_main_thread: bool,
    session: StoredValue<Session, LocalStorage>,
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
        let session = Session::new(database);
        let first = session.snapshot();
        let (chosen, soort) = crate::browser::wizard::load(database);
        let state = AppState {
            database,
            workspace: RwSignal::new(first.workspace.clone()),
            refused: RwSignal::new(first.refused.clone()),
            notice: RwSignal::new(None),
            loading: RwSignal::new(first.loading),
            importing: RwSignal::new(None),
            show_bsn: RwSignal::new(first.show_bsn),
            export_format: RwSignal::new(crate::browser::prefs::export_format()),
            terms: RwSignal::new(first.terms.clone()),
            selection: RwSignal::new(chosen),
            recent: RwSignal::new(Vec::new()),
            credit_soort: RwSignal::new(soort),
            protected: RwSignal::new(Vec::new()),
            log: RwSignal::new(first.log.clone()),
            nummers: RwSignal::new(first.nummers.clone()),
            archive_problem: RwSignal::new(None),
            analysis_on_main_thread: first.analysis_on_main_thread,
            session: StoredValue::new_local(session.clone()),
        };
        let previous = StoredValue::new_local(first);
        session.subscribe(move |next| {
            let before = previous.get_value();
            state.mirror(&before, &next);
            previous.set_value(next);
        });
        state
    }

    /// Copy what changed into the signals, so a screen reruns only for what it reads.
    fn mirror(&self, before: &Snapshot, next: &Snapshot) {
        if !Arc::ptr_eq(&before.workspace, &next.workspace) {
            self.workspace.set(next.workspace.clone());
            // A selected line of a file that is gone cannot be credited.
            let ids: std::collections::HashSet<&str> = next.workspace.documents.iter().map(|d| d.file.id.as_str()).collect();
            // Not while the archive loads: the choice kept from before a reload names files
            // that are still coming in.
            if next.loading.is_none() && self.selection.with_untracked(|s| s.iter().any(|k| !ids.contains(k.file_id.as_str()))) {
                self.selection.update(|s| s.retain(|k| ids.contains(k.file_id.as_str())));
                self.remember_wizard();
            }
        }
        if !Arc::ptr_eq(&before.refused, &next.refused) {
            self.refused.set(next.refused.clone());
        }
        if !Arc::ptr_eq(&before.log, &next.log) {
            self.log.set(next.log.clone());
        }
        if !Arc::ptr_eq(&before.nummers, &next.nummers) {
            self.nummers.set(next.nummers.clone());
        }
        if before.loading != next.loading {
            self.loading.set(next.loading);
        }
        if before.importing != next.importing {
            self.importing.set(next.importing.clone());
        }
        if before.archive_problem != next.archive_problem {
            self.archive_problem.set(next.archive_problem.clone());
        }
        if before.show_bsn != next.show_bsn {
            self.show_bsn.set(next.show_bsn);
        }
        if before.terms != next.terms {
            self.terms.set(next.terms.clone());
        }
    }

    // Read-only views of the state, for the screens.
    pub fn workspace(&self) -> ReadSignal<Arc<Workspace>> {
        self.workspace.read_only()
    }

    pub fn refused(&self) -> ReadSignal<Arc<Vec<Arc<Document>>>> {
        self.refused.read_only()
    }

    pub fn notice(&self) -> ReadSignal<Option<Notice>> {
        self.notice.read_only()
    }

    pub fn loading(&self) -> ReadSignal<Option<Loading>> {
        self.loading.read_only()
    }

    pub fn importing(&self) -> ReadSignal<Option<Progress>> {
        self.importing.read_only()
    }

    pub fn show_bsn(&self) -> ReadSignal<bool> {
        self.show_bsn.read_only()
    }

    /// The date everything on screen counts from: the one the workspace was built for (it is
    /// rebuilt when the date moves, see [`check_clock`](Self::check_clock)), today before the first build.
    pub fn today(&self) -> chrono::NaiveDate {
        self.workspace.with(|w| w.today).unwrap_or_else(clock::today)
    }

    /// Look at the clock: on a new date, what counts from today is worked out again.
    pub fn check_clock(self) {
        let built_for = self.workspace.with_untracked(|w| w.today);
        if built_for.is_some_and(|day| day != clock::today()) {
            let session = self.session();
            spawn_local(async move { session.follow_clock().await });
        }
    }

    /// The day the newest stored file was added (to doubt a clock set back).
    pub fn newest_added(&self) -> Option<chrono::NaiveDate> {
        self.workspace.with(|w| w.documents.iter().map(|d| d.file.added).reduce(f64::max)).and_then(clock::local_date)
    }

    pub fn export_format(&self) -> ReadSignal<ExportFormat> {
        self.export_format.read_only()
    }

    pub fn set_export_format(&self, format: ExportFormat) {
        crate::browser::prefs::set_export_format(format);
        self.export_format.set(format);
    }

    pub fn terms(&self) -> ReadSignal<Terms> {
        self.terms.read_only()
    }

    /// The files the last import added (see [`crate::domain::view::files::added`]).
    pub fn recent(&self) -> ReadSignal<Vec<String>> {
        self.recent.read_only()
    }

    pub fn selection(&self) -> ReadSignal<Vec<LineKey>> {
        self.selection.read_only()
    }

    pub fn protected(&self) -> ReadSignal<Vec<(String, Vec<u8>)>> {
        self.protected.read_only()
    }

    pub fn credit_soort(&self) -> ReadSignal<Soort> {
        self.credit_soort.read_only()
    }

    pub fn log(&self) -> ReadSignal<Arc<Vec<LogEntry>>> {
        self.log.read_only()
    }

    pub fn nummers(&self) -> ReadSignal<Arc<Vec<GebruiktNummer>>> {
        self.nummers.read_only()
    }

    pub fn archive_problem(&self) -> ReadSignal<Option<ArchiveError>> {
        self.archive_problem.read_only()
    }

    fn session(&self) -> Session {
        self.session.get_value()
    }

    pub fn context() -> ValidationContext {
        ValidationContext { today: Some(clock::today()) }
    }

    /// Show one of the notices of `domain::notices`.
    pub fn show(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }

    /// Show what a change did, or why it failed.
    fn report(&self, result: &Result<Outcome, AppError>) {
        match result {
            Ok(outcome) => {
                if let Some(notice) = outcome.notice() {
                    self.notice.set(Some(notice));
                }
                if let Outcome::Imported(imported) = outcome
                    && !imported.ids.is_empty()
                {
                    self.recent.set(imported.ids.clone());
                }
            }
            Err(error) => self.show(notices::failed(error)),
        }
    }

    /// Apply a change and show its notice.
    pub async fn run(self, change: Change) -> Result<Outcome, AppError> {
        let result = self.session().apply(change).await;
        self.report(&result);
        result
    }

    /// Open the archive and load what it holds, in the background.
    pub fn start(self) {
        let started = self.session().start();
        spawn_local(async move {
            let result = started.await;
            self.report(&result);
            // Once the page is usable: let the engine optimise the decoding code (see worker.rs).
            crate::browser::worker::warm_up_main(MAIN_WARM_UP_ROUNDS).await;
        });
    }

    /// Open the archive and load what it holds (once the actions under way are done).
    pub async fn init(self) {
        let result = self.session().init().await;
        self.report(&result);
    }

    /// The last action that can be undone, with its description.
    pub fn undo_label(&self) -> Option<String> {
        self.log.track();
        self.session().snapshot().undo_label()
    }

    pub async fn add_files(self, picked: Vec<(String, Vec<u8>)>, origin: Origin) -> Result<Outcome, AppError> {
        if self.session().is_loading() {
            self.show(notices::still_loading());
        }
        // ZIPs with protected entries are kept (in memory only) so they can be opened once the
        // user gives the password.
        let protected: Vec<(String, Vec<u8>)> = picked.iter().filter(|(_, bytes)| needs_password(bytes)).cloned().collect();
        let result = self.run(Change::Import { files: picked, origin, password: None }).await;
        if !protected.is_empty() {
            self.protected.set(protected);
        }
        result
    }

    /// Choose a line for the credit wizard, or un-choose it if it was chosen.
    pub fn toggle_line(&self, key: LineKey) {
        self.selection.update(|s| match s.iter().position(|k| *k == key) {
            Some(pos) => {
                s.remove(pos);
            }
            None => s.push(key),
        });
        self.remember_wizard();
    }

    /// Choose all these lines; when every one is chosen already, un-choose them ("alles
    /// kiezen" toggles). One set, not a search per line: a declaration can have 33,000.
    pub fn toggle_all(&self, keys: Vec<LineKey>) {
        self.selection.update(|s| {
            let chosen: std::collections::HashSet<LineKey> = s.iter().cloned().collect();
            if keys.iter().all(|k| chosen.contains(k)) {
                let drop: std::collections::HashSet<&LineKey> = keys.iter().collect();
                s.retain(|k| !drop.contains(k));
            } else {
                s.extend(keys.into_iter().filter(|k| !chosen.contains(k)));
            }
        });
        self.remember_wizard();
    }

    /// Before the wizard opens on ticked lines: the kind they ask for, unless the current
    /// kind takes such lines already (a correction stays a correction).
    pub fn suit_credit_soort(&self, soort: Option<Soort>) {
        if let Some(soort) = soort.filter(|s| s.line_kind() != self.credit_soort.get_untracked().line_kind()) {
            self.credit_soort.set(soort);
            self.remember_wizard();
        }
    }

    /// Take one line out of the credit wizard's choice.
    pub fn drop_line(&self, key: &LineKey) {
        self.selection.update(|s| s.retain(|k| k != key));
        self.remember_wizard();
    }

    /// Empty the credit wizard's choice (after its messages are made).
    pub fn clear_selection(&self) {
        self.selection.set(Vec::new());
        self.remember_wizard();
    }

    /// The kind of message the credit wizard makes.
    pub fn set_credit_soort(&self, soort: Soort) {
        self.credit_soort.set(soort);
        self.remember_wizard();
    }

    /// Open the credit wizard with these lines chosen, to make this kind of message.
    pub fn open_wizard(&self, lines: Vec<LineKey>, soort: Soort) {
        self.selection.set(lines);
        self.credit_soort.set(soort);
        self.remember_wizard();
    }

    /// The values typed for new lines before a reload of this tab.
    pub fn kept_corrections(&self) -> std::collections::BTreeMap<LineKey, crate::domain::credit::Correctie> {
        crate::browser::wizard::load_corrections(self.database)
    }

    /// Keep the values typed for new lines for a reload of this tab.
    pub fn keep_corrections(&self, corrections: &std::collections::BTreeMap<LineKey, crate::domain::credit::Correctie>) {
        crate::browser::wizard::save_corrections(self.database, corrections);
    }

    /// Keep the wizard's choice for a reload of this tab.
    fn remember_wizard(&self) {
        self.selection.with_untracked(|s| crate::browser::wizard::save(self.database, s, self.credit_soort.get_untracked()));
    }

    /// Close the notice line.
    pub fn dismiss_notice(&self) {
        self.notice.set(None);
    }

    /// The picked files are being handed over by the browser (before the session reads them):
    /// `Some(count)` shows the progress from the pick, `None` clears it.
    pub fn reading_files(&self, count: Option<usize>) {
        self.importing.set(count.map(Progress::reading));
    }

    /// Say what an action did and move focus to it (after a download, the result would
    /// otherwise be far above the viewport with focus on the page's body).
    pub fn show_and_focus(&self, notice: Notice) {
        self.show(notice);
        spawn_local(async {
            yield_to_browser().await;
            crate::browser::page::focus_id("melding");
        });
    }

    /// Store messages Kloppend made, with where their lines come from (kept in the log).
    pub async fn add_made(self, files: Vec<(String, Vec<u8>)>, herkomst: Vec<Herkomst>) -> Result<Outcome, AppError> {
        self.run(Change::Make { files, herkomst }).await
    }

    /// Open the kept password-protected ZIPs with `password`. A wrong password imports
    /// nothing from them and keeps them for another try; the password itself is not kept.
    pub async fn open_protected(self, password: String) {
        let zips = self.protected.get_untracked();
        if zips.is_empty() || password.is_empty() {
            return;
        }
        let names: Vec<String> = zips.iter().map(|(name, _)| format!("{name}/")).collect();
        let result = self.run(Change::Import { files: zips, origin: Origin::Import, password: Some(password) }).await;
        let wrong = self.refused.with_untracked(|list| {
            list.iter().any(|d| {
                d.zip_problem() == Some(&ZipProbleem::VerkeerdWachtwoord) && names.iter().any(|n| d.file.name.starts_with(n.as_str()))
            })
        });
        if wrong {
            self.show(notices::wrong_password());
        } else if result.is_ok() {
            self.protected.set(Vec::new());
        }
    }

    /// Forget the kept password-protected ZIPs.
    pub fn forget_protected(&self) {
        self.protected.set(Vec::new());
    }

    /// Stop the import under way; nothing of it is stored.
    pub fn cancel_import(&self) {
        self.session().cancel();
    }

    /// Remove documents from the archive by file id (undoable until the next action).
    pub async fn delete_files(self, ids: Vec<String>) {
        let _ = self.run(Change::Delete { ids }).await;
    }

    pub async fn undo(self) {
        let _ = self.run(Change::Undo).await;
    }

    /// Change the BSN preference (logged, so it can be undone).
    pub async fn set_show_bsn(self, value: bool) {
        let _ = self.run(Change::ShowBsn(value)).await;
    }

    /// Mark a Te doen item (logged, so it can be undone).
    pub async fn mark_todo(self, key: String, title: String, mark: TodoMark) {
        let _ = self.run(Change::MarkTodo { key, title, mark }).await;
    }

    /// Mark a made message as uploaded in VECOZO (logged, so it can be undone).
    pub async fn mark_uploaded(self, id: String, name: String) {
        let _ = self.run(Change::MarkUploaded { id, name }).await;
    }

    /// Set one gemeente's declaration term (`None`: the default).
    pub async fn set_term(self, gemeente: String, term: Option<Term>) {
        let _ = self.run(Change::SetTerm { gemeente, term }).await;
    }

    pub fn has_demo(&self) -> bool {
        self.workspace.with(|w| w.documents.iter().any(|d| d.file.origin == Origin::Demo))
    }

    pub async fn load_demo(self) {
        let _ = self.run(Change::LoadDemo).await;
    }

    pub async fn remove_demo(self) {
        let _ = self.run(Change::RemoveDemo).await;
    }

    /// The whole archive as stored.
    pub async fn contents(self) -> Result<ArchiveContents, AppError> {
        self.session().contents().await
    }

    /// The archive's digest, from what is stored (no file's bytes are read).
    pub async fn fingerprint(self) -> Result<String, AppError> {
        self.session().fingerprint().await
    }

    /// The back-up file of the whole archive: (file name, bytes), sealed when a passphrase is given.
    pub async fn backup(self, passphrase: Option<String>) -> Result<(String, Vec<u8>), AppError> {
        self.session().backup(passphrase).await
    }

    /// Restore a back-up. Everything is read and verified first; a wrong passphrase or a
    /// damaged file changes nothing.
    pub async fn restore(self, bytes: Vec<u8>, passphrase: Option<String>, mode: RestoreMode) -> Result<Outcome, AppError> {
        let result = self.run(Change::Restore { bytes, passphrase, mode }).await;
        if result.is_ok() {
            self.clear_selection();
        }
        result
    }

    /// Remove every stored byte: the database and the preferences.
    pub async fn wipe(self) {
        self.clear_selection();
        let _ = self.run(Change::Wipe).await;
    }
}

pub use crate::browser::timing::yield_to_browser;
