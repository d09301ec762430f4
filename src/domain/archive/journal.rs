//! The archive's event log: every change the user makes (import, delete, generate, demo,
//! settings, restore) is appended as a [`LogEntry`]. The log is never rewritten; undoing
//! appends an event too. Pure: what undoing means is decided here, the browser adapter only
//! carries it out.

use crate::base::text::datum;
use serde::{Deserialize, Serialize};

use crate::base::text::count;

/// A file as the log remembers it: enough to name it and find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub id: String,
    #[serde(rename = "naam")]
    pub name: String,
}

/// Where a line Kloppend made comes from: the line it declares again or corrects. Kept in
/// the log with the made message, so a re-declaration whose period, product or tariff changed
/// is still known as the successor of the rejected line (the TR389 key alone cannot tell).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Herkomst {
    /// The made file's id and the new line's ReferentieNummer.
    pub bestand: String,
    pub referentie: String,
    /// The original line: its file's id, client and line index (a stored file never changes).
    pub van_bestand: String,
    pub van_client: usize,
    pub van_prestatie: usize,
}

/// What the user did. The serialised names (in Dutch, as the first logs were written) are
/// the stored form and stay as they are: `tests/stored_forms.rs` reads a log of 2026-12-07.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort")]
pub enum UserAction {
    /// Files imported (picked, dropped, or unpacked from a ZIP).
    #[serde(rename = "importeren")]
    Import {
        #[serde(rename = "bestanden")]
        files: Vec<FileRef>,
    },
    /// Messages written by Kloppend (credit, correction, re-declaration, monthly declaration),
    /// with where their debit lines come from (absent in logs of before it was kept).
    #[serde(rename = "gemaakt")]
    Made {
        #[serde(rename = "bestanden")]
        files: Vec<FileRef>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        herkomst: Vec<Herkomst>,
    },
    /// The built-in demo set loaded.
    #[serde(rename = "demo_laden")]
    DemoLoaded {
        #[serde(rename = "bestanden")]
        files: Vec<FileRef>,
    },
    /// Files removed from the archive (their bytes wait in the prullenbak until the next action).
    #[serde(rename = "verwijderen")]
    Delete {
        #[serde(rename = "bestanden")]
        files: Vec<FileRef>,
    },
    /// A preference changed (kept in localStorage, logged here so it can be undone).
    #[serde(rename = "instelling")]
    Setting {
        #[serde(rename = "naam")]
        name: String,
        #[serde(rename = "oud")]
        old: String,
        #[serde(rename = "nieuw")]
        new: String,
    },
    /// A back-up restored next to what was there.
    #[serde(rename = "terugzetten_samenvoegen")]
    RestoreMerge {
        #[serde(rename = "bestanden")]
        files: Vec<FileRef>,
    },
    /// A back-up restored in place of what was there (cannot be undone: the old state is gone).
    #[serde(rename = "terugzetten_vervangen")]
    RestoreReplace {
        /// How many files the back-up held.
        #[serde(rename = "bestanden")]
        files: usize,
    },
    /// An earlier event undone.
    #[serde(rename = "ongedaan_gemaakt")]
    Undone {
        #[serde(rename = "gebeurtenis")]
        entry: u64,
        #[serde(rename = "omschrijving")]
        description: String,
    },
    /// A Te doen item marked done, put off or opened again. The list itself is derived from
    /// the archive each time; only what the user said about an item is stored, here, so it
    /// travels with the log (other tabs, back-ups) and is undone like every other action.
    #[serde(rename = "te_doen")]
    MarkTodo {
        #[serde(rename = "sleutel")]
        key: String,
        #[serde(rename = "titel")]
        title: String,
        #[serde(rename = "markering")]
        mark: TodoMark,
    },
    /// Messages Kloppend made, marked as uploaded in VECOZO by the user: from then on the
    /// gemeente's answer term runs (the event's time is the moment).
    #[serde(rename = "geupload")]
    Uploaded {
        #[serde(rename = "bestanden")]
        files: Vec<FileRef>,
    },
}

/// An action as the archive stores it: JSON text, readable in the browser's devtools. Its
/// names are the stored form (see `tests/stored_forms.rs`): renaming a type in code must not
/// rename it here.
pub fn action_json(action: &UserAction) -> Option<String> {
    serde_json::to_string(action).ok()
}

/// An action read back from its stored JSON; `None` for text this version cannot read.
pub fn action_from_json(text: &str) -> Option<UserAction> {
    serde_json::from_str(text).ok()
}

/// What the user said about a Te doen item (serialised in Dutch, as first stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stand")]
pub enum TodoMark {
    #[serde(rename = "afgehandeld")]
    Done,
    #[serde(rename = "uitgesteld")]
    PutOff {
        #[serde(rename = "tot")]
        until: chrono::NaiveDate,
    },
    #[serde(rename = "heropend")]
    Reopened,
    /// Said of an approved line (its key from `todo::wrong_line_key`): it is wrong and must
    /// be credited. `Reopened` on the same key takes it back.
    #[serde(rename = "onjuist")]
    Wrong,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Increasing; assigned by the store.
    pub id: u64,
    /// Milliseconds since the epoch.
    #[serde(rename = "tijd")]
    pub time: i64,
    #[serde(rename = "handeling")]
    pub action: UserAction,
}

/// What must happen to undo an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reversal {
    /// Remove these files from the archive (undo of an import, a generated message, the demo, a merge).
    Remove(Vec<String>),
    /// Bring these files back from the prullenbak (undo of a delete).
    Restore(Vec<String>),
    /// Set a preference back.
    Setting { name: String, value: String },
    /// Nothing to carry out: what the event said is read from the log, and an undone event
    /// no longer counts (Te doen marks).
    LogOnly,
}

impl UserAction {
    /// A short Dutch description for the log and the undo button.
    pub fn description(&self) -> String {
        match self {
            UserAction::Import { files: bestanden } => format!("{} geïmporteerd", count(bestanden.len(), "bestand", "bestanden")),
            UserAction::Made { files: bestanden, .. } if bestanden.is_empty() => {
                "Herkomst van gemaakte regels overgenomen uit een back-up".into()
            }
            UserAction::Made { files: bestanden, .. } => {
                format!("{} gemaakt door Kloppend", count(bestanden.len(), "bericht", "berichten"))
            }
            UserAction::DemoLoaded { .. } => "Demo geladen".into(),
            UserAction::Delete { files: bestanden } => match bestanden.as_slice() {
                [one] => format!("{} verwijderd", one.name),
                _ => format!("{} verwijderd", count(bestanden.len(), "bestand", "bestanden")),
            },
            UserAction::Setting { name: naam, new: nieuw, .. } => match naam.strip_prefix("termijn:") {
                Some(code) => format!("Declaratietermijn van {} gewijzigd", crate::reference::gemeenten::label(code)),
                None => format!("Instelling '{naam}' gewijzigd in '{nieuw}'"),
            },
            UserAction::RestoreMerge { files: bestanden } => {
                format!("Back-up samengevoegd ({} toegevoegd)", count(bestanden.len(), "bestand", "bestanden"))
            }
            UserAction::RestoreReplace { files: bestanden } => {
                format!("Archief vervangen door back-up ({})", count(*bestanden, "bestand", "bestanden"))
            }
            UserAction::Undone { description: omschrijving, .. } => format!("Ongedaan gemaakt: {omschrijving}"),
            UserAction::Uploaded { files: bestanden } => match bestanden.as_slice() {
                [one] => format!("{} geüpload in VECOZO", one.name),
                _ => format!("{} geüpload in VECOZO", count(bestanden.len(), "bericht", "berichten")),
            },
            UserAction::MarkTodo { title: titel, mark: markering, .. } => match markering {
                TodoMark::Done => format!("Afgehandeld: {titel}"),
                TodoMark::PutOff { until: tot } => format!("Uitgesteld tot {}: {titel}", datum(*tot)),
                TodoMark::Reopened => format!("Weer op de lijst: {titel}"),
                TodoMark::Wrong => format!("Als onjuist gemarkeerd: {titel}"),
            },
        }
    }

    /// How to undo this action, or `None` when it cannot be undone.
    pub(crate) fn reversal(&self) -> Option<Reversal> {
        let ids = |bestanden: &[FileRef]| bestanden.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
        match self {
            UserAction::Import { files: bestanden }
            | UserAction::Made { files: bestanden, .. }
            | UserAction::DemoLoaded { files: bestanden }
            | UserAction::RestoreMerge { files: bestanden } => (!bestanden.is_empty()).then(|| Reversal::Remove(ids(bestanden))),
            UserAction::Delete { files: bestanden } => (!bestanden.is_empty()).then(|| Reversal::Restore(ids(bestanden))),
            UserAction::Setting { name: naam, old: oud, .. } => Some(Reversal::Setting { name: naam.clone(), value: oud.clone() }),
            UserAction::MarkTodo { .. } | UserAction::Uploaded { .. } => Some(Reversal::LogOnly),
            UserAction::RestoreReplace { .. } | UserAction::Undone { .. } => None,
        }
    }
}

/// Every line's origin the log remembers (an undone message's file is gone, so its entries
/// name nothing loaded and are ignored where they are used).
pub fn herkomst(log: &[LogEntry]) -> Vec<Herkomst> {
    log.iter()
        .filter_map(|g| match &g.action {
            UserAction::Made { herkomst, .. } => Some(herkomst.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The last action, if it can still be undone: only the most recent event counts (undoing
/// an undo is not offered), so the prullenbak never needs to hold more than one deletion.
pub fn last_undoable(log: &[LogEntry]) -> Option<(&LogEntry, Reversal)> {
    let last = log.iter().max_by_key(|g| g.id)?;
    last.action.reversal().map(|t| (last, t))
}

/// The events that count: not undone, in log order.
fn standing(log: &[LogEntry]) -> Vec<&LogEntry> {
    let undone: std::collections::HashSet<u64> = log
        .iter()
        .filter_map(|g| match g.action {
            UserAction::Undone { entry: gebeurtenis, .. } => Some(gebeurtenis),
            _ => None,
        })
        .collect();
    let mut events: Vec<&LogEntry> = log.iter().filter(|g| !undone.contains(&g.id)).collect();
    crate::base::sort::by_key(&mut events, |g| g.id);
    events
}

/// When each made message was marked uploaded (the first time), by file id, as the UTC date
/// of the event (never later than the Dutch date, so a term counted from it is not too long).
pub fn upload_dates(log: &[LogEntry]) -> std::collections::HashMap<&str, chrono::NaiveDate> {
    let mut out = std::collections::HashMap::new();
    for event in standing(log) {
        if let UserAction::Uploaded { files: bestanden } = &event.action
            && let Some(moment) = chrono::DateTime::from_timestamp_millis(event.time)
        {
            for b in bestanden {
                out.entry(b.id.as_str()).or_insert(moment.date_naive());
            }
        }
    }
    out
}

/// What the user said about each Te doen item, by its key: the last mark that was not
/// undone, in log order.
pub fn marks(log: &[LogEntry]) -> std::collections::HashMap<&str, TodoMark> {
    let mut out = std::collections::HashMap::new();
    for event in standing(log) {
        if let UserAction::MarkTodo { key: sleutel, mark: markering, .. } = &event.action {
            out.insert(sleutel.as_str(), *markering);
        }
    }
    out
}

/// What a back-up's log knows that the current log does not, for a merge restore: the upload
/// marks of made messages (at their original moment, so answer terms stay as they were), the
/// user's marks on Te doen items, and where made lines come from. Returned as events to
/// append (id 0: the store numbers them) before the merge's own event, so undoing the merge
/// stays the one action that can be undone. Merging the same back-up again adds nothing.
pub fn merge_logs(huidig: &[LogEntry], backup: &[LogEntry]) -> Vec<LogEntry> {
    let uploaded = upload_dates(huidig);
    let marked = marks(huidig);
    let known: std::collections::HashSet<Herkomst> = herkomst(huidig).into_iter().collect();
    let mut out = Vec::new();
    let mut origins = Vec::new();
    let mut seen_marks = std::collections::HashSet::new();
    for event in standing(backup).into_iter().rev() {
        match &event.action {
            UserAction::Uploaded { files: bestanden } => {
                let fresh: Vec<FileRef> = bestanden.iter().filter(|b| !uploaded.contains_key(b.id.as_str())).cloned().collect();
                if !fresh.is_empty() {
                    out.push(LogEntry { id: 0, time: event.time, action: UserAction::Uploaded { files: fresh } });
                }
            }
            // The newest mark per item wins, as in the log it came from.
            UserAction::MarkTodo { key: sleutel, .. } if !marked.contains_key(sleutel.as_str()) && seen_marks.insert(sleutel.clone()) => {
                out.push(LogEntry { id: 0, time: event.time, action: event.action.clone() });
            }
            UserAction::Made { herkomst, .. } => origins.extend(herkomst.iter().filter(|h| !known.contains(h)).cloned()),
            _ => {}
        }
    }
    out.reverse();
    if !origins.is_empty() {
        // Dated like the newest event of the back-up's log (a log entry needs a moment).
        let tijd = backup.iter().map(|g| g.time).max().unwrap_or(0);
        origins.reverse();
        out.push(LogEntry { id: 0, time: tijd, action: UserAction::Made { files: Vec::new(), herkomst: origins } });
    }
    out
}

/// A log from elsewhere (a back-up) numbered 1, 2, 3… in its own order, with the events an
/// undo refers to renumbered alike. Its ids become IndexedDB keys, and the store's key
/// generator follows the highest key ever written: a crafted id near 2^53 would leave no
/// room for the next event, so ids are never taken over as they come.
pub(crate) fn renumber(mut log: Vec<LogEntry>) -> Vec<LogEntry> {
    crate::base::sort::by_key(&mut log, |g| g.id);
    let new_id: std::collections::HashMap<u64, u64> = log.iter().zip(1..).map(|(g, n)| (g.id, n)).collect();
    for (g, n) in log.iter_mut().zip(1..) {
        g.id = n;
        if let UserAction::Undone { entry: gebeurtenis, .. } = &mut g.action {
            // An undo of an event that is not in the log points at none (0 is never an id).
            *gebeurtenis = new_id.get(gebeurtenis).copied().unwrap_or(0);
        }
    }
    log
}

/// The action that records undoing `entry`.
pub fn undo_of(entry: &LogEntry) -> UserAction {
    UserAction::Undone { entry: entry.id, description: entry.action.description() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(ids: &[&str]) -> Vec<FileRef> {
        ids.iter().map(|id| FileRef { id: id.to_string(), name: format!("{id}.xml") }).collect()
    }

    fn event(id: u64, action: UserAction) -> LogEntry {
        LogEntry { id, time: 1_700_000_000_000 + id as i64, action }
    }

    #[test]
    fn a_log_from_a_back_up_is_numbered_from_one_with_its_undo_references() {
        let import = event(9_007_199_254_740_000, UserAction::Import { files: refs(&["a"]) });
        let undo = event(9_007_199_254_740_991, undo_of(&import));
        let dangling = event(5, UserAction::Undone { entry: 77, description: "x".into() });
        let log = renumber(vec![undo, dangling, import]);
        assert_eq!(log.iter().map(|g| g.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(matches!(log[2].action, UserAction::Undone { entry: 2, .. }), "{:?}", log[2]);
        assert!(matches!(log[0].action, UserAction::Undone { entry: 0, .. }));
        // A log numbered as Kloppend numbers it stays as it is.
        let plain = vec![event(1, UserAction::Import { files: refs(&["a"]) }), event(2, UserAction::Delete { files: refs(&["a"]) })];
        assert_eq!(renumber(plain.clone()), plain);
    }

    #[test]
    fn undo_of_an_import_removes_its_files() {
        let log = vec![event(1, UserAction::Import { files: refs(&["a", "b"]) })];
        let (g, t) = last_undoable(&log).unwrap();
        assert_eq!(g.id, 1);
        assert_eq!(t, Reversal::Remove(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn undo_of_a_delete_restores_and_only_the_last_event_counts() {
        let log = vec![event(2, UserAction::Delete { files: refs(&["a"]) }), event(1, UserAction::Import { files: refs(&["a"]) })];
        assert_eq!(last_undoable(&log).unwrap().1, Reversal::Restore(vec!["a".into()]));
        assert_eq!(log[0].action.description(), "a.xml verwijderd");
    }

    #[test]
    fn an_undo_and_a_replacing_restore_cannot_be_undone() {
        let first = event(1, UserAction::Import { files: refs(&["a"]) });
        let undo = event(2, undo_of(&first));
        assert_eq!(undo.action.description(), "Ongedaan gemaakt: 1 bestand geïmporteerd");
        assert!(last_undoable(&[first.clone(), undo]).is_none());
        assert!(last_undoable(&[event(3, UserAction::RestoreReplace { files: 4 })]).is_none());
        assert!(last_undoable(&[]).is_none());
    }

    #[test]
    fn settings_undo_to_their_old_value() {
        let log = vec![event(1, UserAction::Setting { name: "bsn".into(), old: "nee".into(), new: "ja".into() })];
        assert_eq!(last_undoable(&log).unwrap().1, Reversal::Setting { name: "bsn".into(), value: "nee".into() });
    }

    #[test]
    fn te_doen_marks_are_the_last_one_not_undone() {
        let mark =
            |id, sleutel: &str, markering| event(id, UserAction::MarkTodo { key: sleutel.into(), title: "t".into(), mark: markering });
        let tot = chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        let done = mark(1, "a", TodoMark::Done);
        let snoozed = mark(2, "a", TodoMark::PutOff { until: tot });
        let other = mark(3, "b", TodoMark::Done);
        let undo_snooze = event(4, undo_of(&snoozed));
        let log = vec![other.clone(), undo_snooze.clone(), done.clone(), snoozed.clone()];
        let now = marks(&log);
        // The snooze was undone, so the mark before it counts again.
        assert_eq!(now.get("a"), Some(&TodoMark::Done));
        assert_eq!(now.get("b"), Some(&TodoMark::Done));
        assert_eq!(marks(&[done.clone(), snoozed.clone()]).get("a"), Some(&TodoMark::PutOff { until: tot }));
        // Undoing a mark only appends to the log.
        assert_eq!(last_undoable(std::slice::from_ref(&done)).unwrap().1, Reversal::LogOnly);
        assert_eq!(snoozed.action.description(), "Uitgesteld tot 09-12-2026: t");
        let json = serde_json::to_string(&snoozed).unwrap();
        assert_eq!(serde_json::from_str::<LogEntry>(&json).unwrap(), snoozed);
    }

    #[test]
    fn events_survive_json() {
        let g = event(7, UserAction::Made { files: refs(&["x"]), herkomst: Vec::new() });
        let json = serde_json::to_string(&g).unwrap();
        assert!(json.contains("\"soort\":\"gemaakt\""), "{json}");
        assert_eq!(serde_json::from_str::<LogEntry>(&json).unwrap(), g);
    }
}
