//! Application state shared by the screens: the workspace (documents + reconciliation), the
//! archive connection, a notice line, and the user's selection for crediting.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::archive::{self, Archive};
use crate::browser::{clock, prefs};
use crate::domain::archive::{Origin, StoredFile};
use crate::domain::intake::{self, Document};
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

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Arc<Workspace>>,
    /// Files refused this session (not archived): shown in the import list only.
    pub refused: RwSignal<Vec<Arc<Document>>>,
    pub notice: RwSignal<Option<Notice>>,
    /// True until the archive has been read at start-up.
    pub loading: RwSignal<bool>,
    pub show_bsn: RwSignal<bool>,
    /// Lines chosen for the credit wizard.
    pub selection: RwSignal<Vec<LineKey>>,
    archive: StoredValue<Option<Archive>, LocalStorage>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            workspace: RwSignal::new(Arc::new(Workspace::default())),
            refused: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            loading: RwSignal::new(true),
            show_bsn: RwSignal::new(prefs::show_bsn()),
            selection: RwSignal::new(Vec::new()),
            archive: StoredValue::new_local(None),
        }
    }

    pub fn context() -> ValidationContext {
        ValidationContext { today: Some(clock::today()) }
    }

    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind, text: text.into() }));
    }

    /// Open the archive and load what it holds, in the background.
    pub fn start(self) {
        spawn_local(self.init());
    }

    /// Open the archive and load what it holds.
    pub async fn init(self) {
        {
            match Archive::open().await {
                Ok(archive) => {
                    match archive.all().await {
                        Ok(files) => {
                            let context = Self::context();
                            let documents = files.into_iter().map(|f| Arc::new(Document::analyse(f, &context))).collect();
                            self.rebuild(documents);
                        }
                        Err(error) => self.notify(NoticeKind::Bad, error.to_string()),
                    }
                    self.archive.set_value(Some(archive));
                }
                Err(error) => self.notify(NoticeKind::Warn, error.to_string()),
            }
            self.loading.set(false);
        }
    }

    fn rebuild(&self, documents: Vec<Arc<Document>>) {
        self.workspace.set(Arc::new(Workspace::build(documents, clock::today())));
    }

    /// Add files (as picked, or made by Kloppend): analyse, archive what can be read, rebuild.
    pub async fn add_files(self, picked: Vec<(String, Vec<u8>)>, origin: Origin) {
        let context = Self::context();
        let now = clock::now_millis();
        let current = self.workspace.get_untracked();
        let known: std::collections::HashSet<&str> = current.documents.iter().map(|d| d.file.id.as_str()).collect();
        let mut fresh = Vec::new();
        let mut duplicates = 0;
        let mut refused = Vec::new();
        for (name, bytes) in picked {
            for (entry, data) in intake::expand(&name, bytes) {
                let file = StoredFile::new(entry, data, origin, now);
                if known.contains(file.id.as_str()) || fresh.iter().any(|d: &Arc<Document>| d.file.id == file.id) {
                    duplicates += 1;
                    continue;
                }
                let document = Arc::new(Document::analyse(file, &context));
                if document.is_archivable() {
                    fresh.push(document);
                } else {
                    refused.push(document);
                }
            }
        }
        let to_store: Vec<StoredFile> = fresh.iter().map(|d| d.file.clone()).collect();
        if let Some(archive) = self.archive.get_value() {
            if let Err(error) = archive.put_all(&to_store).await {
                self.notify(NoticeKind::Bad, error.to_string());
                return;
            }
            if !to_store.is_empty() {
                archive::request_persistence().await;
            }
        }
        let added = fresh.len();
        let refused_count = refused.len();
        let mut documents = current.documents.clone();
        documents.extend(fresh);
        self.rebuild(documents);
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
        if parts.is_empty() {
            parts.push("Geen bestanden gevonden".into());
        }
        let kind = if refused_count > 0 { NoticeKind::Warn } else { NoticeKind::Ok };
        self.notify(kind, format!("{}.", parts.join(", ")));
    }

    /// Remove documents from the archive by file id.
    pub async fn remove_files(self, ids: Vec<String>) {
        if let Some(archive) = self.archive.get_value() {
            if let Err(error) = archive.delete(&ids).await {
                self.notify(NoticeKind::Bad, error.to_string());
                return;
            }
        }
        let current = self.workspace.get_untracked();
        let documents = current.documents.iter().filter(|d| !ids.contains(&d.file.id)).cloned().collect();
        self.rebuild(documents);
        self.selection.update(|s| s.retain(|k| !ids.contains(&k.file_id)));
        self.notify(NoticeKind::Ok, format!("{} bestand(en) verwijderd.", ids.len()));
    }

    pub fn has_demo(&self) -> bool {
        self.workspace.with(|w| w.documents.iter().any(|d| d.file.origin == Origin::Demo))
    }

    pub async fn load_demo(self) {
        let files = crate::domain::demo::demo_files(clock::today());
        self.add_files(files, Origin::Demo).await;
        self.notify(NoticeKind::Info, "De demo is geladen: fictieve berichten van 'Zorg Demo' (AGB 12345678). Je kunt ze met één klik weer verwijderen.");
    }

    pub async fn remove_demo(self) {
        let ids: Vec<String> = self.workspace.with_untracked(|w| {
            w.documents.iter().filter(|d| d.file.origin == Origin::Demo).map(|d| d.file.id.clone()).collect()
        });
        self.remove_files(ids).await;
        self.notify(NoticeKind::Ok, "De demo is verwijderd.");
    }

    pub async fn clear_archive(self) {
        let ids: Vec<String> = self.workspace.with_untracked(|w| w.documents.iter().map(|d| d.file.id.clone()).collect());
        self.remove_files(ids).await;
        self.refused.set(Vec::new());
    }
}
