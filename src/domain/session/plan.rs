//! What a change to the archive will do, decided before anything is stored: which picked
//! files are back-ups, new messages, duplicates or refused (the import plan), which numbers
//! a deletion must keep taken (the removal plan), and what the user is told afterwards.
//! Pure, so the app session only carries plans out and every decision is tested natively.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::analysis::credit::GebruiktNummer;
use crate::analysis::workspace::Workspace;
use crate::archive::backup;
use crate::archive::intake::{self, Document};
use crate::archive::journal::{FileRef, Herkomst, UserAction};
use crate::archive::{Origin, StoredFile};
use crate::formats::message::ValidationContext;

/// How serious a notice is (its colour on screen).
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

/// One line telling the user what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Notice {
        Notice { kind, text: text.into() }
    }
}

/// How a back-up is restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreMode {
    /// Add what the archive does not have yet.
    Samenvoegen,
    /// Make the archive exactly the back-up.
    Vervangen,
}

/// Picked files sorted before any is hashed or read: back-ups are restored elsewhere, ZIPs
/// are unpacked into their entries.
#[derive(Debug, Default)]
pub struct Picked {
    /// Names of files that are Kloppend back-ups (sealed or not).
    pub backups: Vec<String>,
    /// Every file to import, ZIP entries unpacked, in the order picked.
    pub entries: Vec<(String, Vec<u8>)>,
    /// What could not be unpacked, and why (refused, never stored).
    pub unpacked_refused: Vec<(String, intake::ZipProbleem)>,
}

impl Picked {
    pub fn sort(picked: Vec<(String, Vec<u8>)>) -> Picked {
        Picked::sort_with(picked, None)
    }

    /// As [`Picked::sort`], opening password-protected ZIP entries with `password`.
    pub fn sort_with(picked: Vec<(String, Vec<u8>)>, password: Option<&str>) -> Picked {
        let mut out = Picked::default();
        let mut budget = intake::MAX_UNPACKED;
        for (name, bytes) in picked {
            if backup::is_backup(&bytes) || backup::is_sealed(&bytes) {
                out.backups.push(name);
                continue;
            }
            for (entry, result) in intake::expand(&name, bytes, &mut budget, password) {
                match result {
                    Ok(bytes) => out.entries.push((entry, bytes)),
                    Err(problem) => out.unpacked_refused.push((entry, problem)),
                }
            }
        }
        out
    }
}

/// The import of one pick: what will be stored, what is already there, what is refused.
/// Files are offered one at a time: the app claims each by its hash, hashing a file that
/// [`may_be_known`](Self::may_be_known) before analysing it and any other while analysing it.
#[derive(Debug)]
pub struct ImportPlan {
    known: HashSet<String>,
    /// The sizes of those files: only a file of one of these sizes can be a duplicate.
    sizes: HashSet<u64>,
    /// Files to store, with what Kloppend made of them.
    pub fresh: Vec<(StoredFile, Arc<Document>)>,
    /// Files already in the archive, or twice in this pick: nothing changes for them.
    pub duplicates: usize,
    /// Files that could not be read: shown, never stored.
    pub refused: Vec<Arc<Document>>,
    pub backups: Vec<String>,
    /// Models encoded already (by the analysis worker), by file id: stored as they are.
    encoded: HashMap<String, Vec<u8>>,
    /// Files of this pick that were refused, by id: a second copy is refused too, never
    /// "already there" (nothing of it was archived).
    refused_ids: HashMap<String, Arc<Document>>,
}

impl ImportPlan {
    /// A plan against the archive as shown (its documents' ids are "already there").
    pub fn new(workspace: &Workspace, backups: Vec<String>) -> ImportPlan {
        let known = workspace.documents.iter().map(|d| d.file.id.clone()).collect();
        let sizes = workspace.documents.iter().map(|d| d.file.size).collect();
        ImportPlan {
            known,
            sizes,
            fresh: Vec::new(),
            duplicates: 0,
            refused: Vec::new(),
            backups,
            encoded: HashMap::new(),
            refused_ids: HashMap::new(),
        }
    }

    /// Add one file: a duplicate is counted, anything else analysed and kept or refused.
    pub fn offer(&mut self, file: StoredFile, context: &ValidationContext) -> Option<&Arc<Document>> {
        if !self.claim(&file) {
            return None;
        }
        let document = Arc::new(Document::analyse(&file, context));
        self.add(file, document)
    }

    /// Whether this file (by its id) is new to the archive and this pick (then it must be
    /// analysed and [`add`](Self::add)ed); a duplicate is counted here.
    pub fn claim(&mut self, file: &StoredFile) -> bool {
        let new = self.known.insert(file.id.clone());
        if new {
            self.sizes.insert(file.bytes.len() as u64);
        } else if let Some(refused) = self.refused_ids.get(&file.id) {
            // The same bytes under this entry's name: refused for the same reason.
            let mut again = (**refused).clone();
            again.file.name = file.name.clone();
            self.refused.push(Arc::new(again));
        } else {
            self.duplicates += 1;
        }
        new
    }

    /// Whether a file of `size` bytes could be a duplicate: only when the archive or this
    /// pick has a file of exactly that size. Any other file is new whatever its hash, so the
    /// app analyses it while its hash (its id) is being computed.
    pub fn may_be_known(&self, size: usize) -> bool {
        self.sizes.contains(&(size as u64))
    }

    /// Files refused while unpacking: shown with their reason, never stored.
    pub fn refuse_unpacked(&mut self, refused: Vec<(String, intake::ZipProbleem)>, origin: Origin, now: f64) {
        self.refused.extend(refused.into_iter().map(|(name, problem)| Arc::new(Document::refused_entry(&name, problem, origin, now))));
    }

    /// Keep an analysed file (claimed before): stored if it could be read, refused if not.
    pub fn add(&mut self, file: StoredFile, document: Arc<Document>) -> Option<&Arc<Document>> {
        if document.is_archivable() {
            self.fresh.push((file, document));
            self.fresh.last().map(|(_, d)| d)
        } else {
            self.refused_ids.insert(file.id.clone(), document.clone());
            self.refused.push(document);
            self.refused.last()
        }
    }

    /// [`add`](Self::add), with the model as the analysis encoded it (for the model cache).
    pub fn add_encoded(&mut self, file: StoredFile, document: Arc<Document>, model: Vec<u8>) -> Option<&Arc<Document>> {
        self.encoded.insert(file.id.clone(), model);
        self.add(file, document)
    }

    /// The files to store (borrowed: a large pick is 100 MB).
    pub fn files(&self) -> Vec<&StoredFile> {
        self.fresh.iter().map(|(f, _)| f).collect()
    }

    /// The model-cache entries to store next to them: what the analysis encoded (moved out of
    /// the plan, not copied: tens of megabytes for a large pick), or encoded now.
    pub fn take_models(&mut self) -> Vec<(String, Vec<u8>)> {
        let encoded = &mut self.encoded;
        self.fresh.iter().filter_map(|(f, d)| d.model_cache_from(encoded.remove(&f.id)).map(|m| (f.id.clone(), m))).collect()
    }

    /// The log entry of this import, if it stores anything; `herkomst` (of made messages) is
    /// kept for the files this import stores.
    pub fn action(&self, origin: Origin, herkomst: &[Herkomst]) -> Option<UserAction> {
        if self.fresh.is_empty() {
            return None;
        }
        let bestanden = self.fresh.iter().map(|(f, _)| file_ref(&f.id, &f.name)).collect();
        Some(match origin {
            Origin::Import => UserAction::Import { files: bestanden },
            Origin::Gemaakt => UserAction::Made {
                herkomst: herkomst.iter().filter(|h| self.fresh.iter().any(|(f, _)| f.id == h.bestand)).cloned().collect(),
                files: bestanden,
            },
            Origin::Demo => UserAction::DemoLoaded { files: bestanden },
        })
    }

    /// What the user is told when this plan has been carried out.
    pub fn outcome(&self) -> Imported {
        Imported {
            added: self.fresh.len(),
            duplicates: self.duplicates,
            refused: self.refused.len(),
            backups: self.backups.clone(),
            ids: self.fresh.iter().map(|(f, _)| f.id.clone()).collect(),
        }
    }
}

/// The result of an import, for its notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub duplicates: usize,
    pub refused: usize,
    pub backups: Vec<String>,
    /// The ids of the files added, for the summary of what they hold.
    pub ids: Vec<String>,
}

impl Imported {
    pub fn notice(&self) -> Notice {
        super::notices::imported(self)
    }
}

/// A deletion: the log entry's files, and per file the identifiers that stay taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovalPlan {
    pub bestanden: Vec<FileRef>,
    pub nummers: Vec<(String, Vec<GebruiktNummer>)>,
}

impl RemovalPlan {
    /// Only ids of documents that are there count; unknown ids are ignored.
    pub fn new(workspace: &Workspace, ids: &[String]) -> RemovalPlan {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let (bestanden, nummers) = workspace
            .documents
            .iter()
            .filter(|d| wanted.contains(d.file.id.as_str()))
            .map(|d| (file_ref(&d.file.id, &d.file.name), (d.file.id.clone(), d.gebruikte_nummers())))
            .unzip();
        RemovalPlan { bestanden, nummers }
    }

    pub fn ids(&self) -> Vec<String> {
        self.bestanden.iter().map(|b| b.id.clone()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.bestanden.is_empty()
    }
}

/// The documents of a workspace without the given files.
pub fn without(workspace: &Workspace, ids: &[String]) -> Vec<Arc<Document>> {
    let gone: HashSet<&str> = ids.iter().map(String::as_str).collect();
    workspace.documents.iter().filter(|d| !gone.contains(d.file.id.as_str())).cloned().collect()
}

/// The ids of the demo's files.
pub fn demo_ids(workspace: &Workspace) -> Vec<String> {
    workspace.documents.iter().filter(|d| d.file.origin == Origin::Demo).map(|d| d.file.id.clone()).collect()
}

pub fn file_ref(id: &str, naam: &str) -> FileRef {
    FileRef { id: id.to_string(), name: naam.to_string() }
}
