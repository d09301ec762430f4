//! The archive's event log: every change the user makes (import, delete, generate, demo,
//! settings, restore) is appended as a [`Gebeurtenis`]. The log is never rewritten; undoing
//! appends an event too. Pure: what undoing means is decided here, the browser adapter only
//! carries it out.

use crate::base::text::datum;
use serde::{Deserialize, Serialize};

use crate::base::text::count;

/// A file as the log remembers it: enough to name it and find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestandRef {
    pub id: String,
    pub naam: String,
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

/// What the user did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", rename_all = "snake_case")]
pub enum Handeling {
    /// Files imported (picked, dropped, or unpacked from a ZIP).
    Importeren { bestanden: Vec<BestandRef> },
    /// Messages written by Kloppend (credit, correction, re-declaration, monthly declaration),
    /// with where their debit lines come from (absent in logs of before it was kept).
    Gemaakt {
        bestanden: Vec<BestandRef>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        herkomst: Vec<Herkomst>,
    },
    /// The built-in demo set loaded.
    DemoLaden { bestanden: Vec<BestandRef> },
    /// Files removed from the archive (their bytes wait in the prullenbak until the next action).
    Verwijderen { bestanden: Vec<BestandRef> },
    /// A preference changed (kept in localStorage, logged here so it can be undone).
    Instelling { naam: String, oud: String, nieuw: String },
    /// A back-up restored next to what was there.
    TerugzettenSamenvoegen { bestanden: Vec<BestandRef> },
    /// A back-up restored in place of what was there (cannot be undone: the old state is gone).
    TerugzettenVervangen { bestanden: usize },
    /// An earlier event undone.
    OngedaanGemaakt { gebeurtenis: u64, omschrijving: String },
    /// A Te doen item marked done, put off or opened again. The list itself is derived from
    /// the archive each time; only what the user said about an item is stored, here, so it
    /// travels with the log (other tabs, back-ups) and is undone like every other action.
    TeDoen { sleutel: String, titel: String, markering: Markering },
    /// Messages Kloppend made, marked as uploaded in VECOZO by the user: from then on the
    /// gemeente's answer term runs (the event's time is the moment).
    Geupload { bestanden: Vec<BestandRef> },
}

/// An action as the archive stores it: JSON text, readable in the browser's devtools. Its
/// names are the stored form (see `tests/stored_forms.rs`): renaming a type in code must not
/// rename it here.
pub fn action_json(handeling: &Handeling) -> Option<String> {
    serde_json::to_string(handeling).ok()
}

/// An action read back from its stored JSON; `None` for text this version cannot read.
pub fn action_from_json(text: &str) -> Option<Handeling> {
    serde_json::from_str(text).ok()
}

/// What the user said about a Te doen item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stand", rename_all = "snake_case")]
pub enum Markering {
    Afgehandeld,
    Uitgesteld {
        tot: chrono::NaiveDate,
    },
    Heropend,
    /// Said of an approved line (its key from `todo::wrong_line_key`): it is wrong and must
    /// be credited. `Heropend` on the same key takes it back.
    Onjuist,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gebeurtenis {
    /// Increasing; assigned by the store.
    pub id: u64,
    /// Milliseconds since the epoch.
    pub tijd: i64,
    pub handeling: Handeling,
}

/// What must happen to undo an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Terugdraaien {
    /// Remove these files from the archive (undo of an import, a generated message, the demo, a merge).
    Verwijder(Vec<String>),
    /// Bring these files back from the prullenbak (undo of a delete).
    Herstel(Vec<String>),
    /// Set a preference back.
    Instelling { naam: String, waarde: String },
    /// Nothing to carry out: what the event said is read from the log, and an undone event
    /// no longer counts (Te doen marks).
    AlleenLog,
}

impl Handeling {
    /// A short Dutch description for the log and the undo button.
    pub fn omschrijving(&self) -> String {
        match self {
            Handeling::Importeren { bestanden } => format!("{} geïmporteerd", count(bestanden.len(), "bestand", "bestanden")),
            Handeling::Gemaakt { bestanden, .. } if bestanden.is_empty() => {
                "Herkomst van gemaakte regels overgenomen uit een back-up".into()
            }
            Handeling::Gemaakt { bestanden, .. } => format!("{} gemaakt door Kloppend", count(bestanden.len(), "bericht", "berichten")),
            Handeling::DemoLaden { .. } => "Demo geladen".into(),
            Handeling::Verwijderen { bestanden } => match bestanden.as_slice() {
                [one] => format!("{} verwijderd", one.naam),
                _ => format!("{} verwijderd", count(bestanden.len(), "bestand", "bestanden")),
            },
            Handeling::Instelling { naam, nieuw, .. } => match naam.strip_prefix("termijn:") {
                Some(code) => format!("Declaratietermijn van {} gewijzigd", crate::reference::gemeenten::label(code)),
                None => format!("Instelling '{naam}' gewijzigd in '{nieuw}'"),
            },
            Handeling::TerugzettenSamenvoegen { bestanden } => {
                format!("Back-up samengevoegd ({} toegevoegd)", count(bestanden.len(), "bestand", "bestanden"))
            }
            Handeling::TerugzettenVervangen { bestanden } => {
                format!("Archief vervangen door back-up ({})", count(*bestanden, "bestand", "bestanden"))
            }
            Handeling::OngedaanGemaakt { omschrijving, .. } => format!("Ongedaan gemaakt: {omschrijving}"),
            Handeling::Geupload { bestanden } => match bestanden.as_slice() {
                [one] => format!("{} geüpload in VECOZO", one.naam),
                _ => format!("{} geüpload in VECOZO", count(bestanden.len(), "bericht", "berichten")),
            },
            Handeling::TeDoen { titel, markering, .. } => match markering {
                Markering::Afgehandeld => format!("Afgehandeld: {titel}"),
                Markering::Uitgesteld { tot } => format!("Uitgesteld tot {}: {titel}", datum(*tot)),
                Markering::Heropend => format!("Weer op de lijst: {titel}"),
                Markering::Onjuist => format!("Als onjuist gemarkeerd: {titel}"),
            },
        }
    }

    /// How to undo this action, or `None` when it cannot be undone.
    pub fn terugdraaien(&self) -> Option<Terugdraaien> {
        let ids = |bestanden: &[BestandRef]| bestanden.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
        match self {
            Handeling::Importeren { bestanden }
            | Handeling::Gemaakt { bestanden, .. }
            | Handeling::DemoLaden { bestanden }
            | Handeling::TerugzettenSamenvoegen { bestanden } => (!bestanden.is_empty()).then(|| Terugdraaien::Verwijder(ids(bestanden))),
            Handeling::Verwijderen { bestanden } => (!bestanden.is_empty()).then(|| Terugdraaien::Herstel(ids(bestanden))),
            Handeling::Instelling { naam, oud, .. } => Some(Terugdraaien::Instelling { naam: naam.clone(), waarde: oud.clone() }),
            Handeling::TeDoen { .. } | Handeling::Geupload { .. } => Some(Terugdraaien::AlleenLog),
            Handeling::TerugzettenVervangen { .. } | Handeling::OngedaanGemaakt { .. } => None,
        }
    }
}

/// Every line's origin the log remembers (an undone message's file is gone, so its entries
/// name nothing loaded and are ignored where they are used).
pub fn herkomst(log: &[Gebeurtenis]) -> Vec<Herkomst> {
    log.iter()
        .filter_map(|g| match &g.handeling {
            Handeling::Gemaakt { herkomst, .. } => Some(herkomst.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The last action, if it can still be undone: only the most recent event counts (undoing
/// an undo is not offered), so the prullenbak never needs to hold more than one deletion.
pub fn ongedaan_te_maken(log: &[Gebeurtenis]) -> Option<(&Gebeurtenis, Terugdraaien)> {
    let last = log.iter().max_by_key(|g| g.id)?;
    last.handeling.terugdraaien().map(|t| (last, t))
}

/// The events that count: not undone, in log order.
fn standing(log: &[Gebeurtenis]) -> Vec<&Gebeurtenis> {
    let undone: std::collections::HashSet<u64> = log
        .iter()
        .filter_map(|g| match g.handeling {
            Handeling::OngedaanGemaakt { gebeurtenis, .. } => Some(gebeurtenis),
            _ => None,
        })
        .collect();
    let mut events: Vec<&Gebeurtenis> = log.iter().filter(|g| !undone.contains(&g.id)).collect();
    crate::base::sort::by_key(&mut events, |g| g.id);
    events
}

/// When each made message was marked uploaded (the first time), by file id, as the UTC date
/// of the event (never later than the Dutch date, so a term counted from it is not too long).
pub fn geupload(log: &[Gebeurtenis]) -> std::collections::HashMap<&str, chrono::NaiveDate> {
    let mut out = std::collections::HashMap::new();
    for event in standing(log) {
        if let Handeling::Geupload { bestanden } = &event.handeling
            && let Some(moment) = chrono::DateTime::from_timestamp_millis(event.tijd)
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
pub fn markeringen(log: &[Gebeurtenis]) -> std::collections::HashMap<&str, Markering> {
    let mut out = std::collections::HashMap::new();
    for event in standing(log) {
        if let Handeling::TeDoen { sleutel, markering, .. } = &event.handeling {
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
pub fn overnemen(huidig: &[Gebeurtenis], backup: &[Gebeurtenis]) -> Vec<Gebeurtenis> {
    let uploaded = geupload(huidig);
    let marked = markeringen(huidig);
    let known: std::collections::HashSet<Herkomst> = herkomst(huidig).into_iter().collect();
    let mut out = Vec::new();
    let mut origins = Vec::new();
    let mut seen_marks = std::collections::HashSet::new();
    for event in standing(backup).into_iter().rev() {
        match &event.handeling {
            Handeling::Geupload { bestanden } => {
                let fresh: Vec<BestandRef> = bestanden.iter().filter(|b| !uploaded.contains_key(b.id.as_str())).cloned().collect();
                if !fresh.is_empty() {
                    out.push(Gebeurtenis { id: 0, tijd: event.tijd, handeling: Handeling::Geupload { bestanden: fresh } });
                }
            }
            // The newest mark per item wins, as in the log it came from.
            Handeling::TeDoen { sleutel, .. } if !marked.contains_key(sleutel.as_str()) && seen_marks.insert(sleutel.clone()) => {
                out.push(Gebeurtenis { id: 0, tijd: event.tijd, handeling: event.handeling.clone() });
            }
            Handeling::Gemaakt { herkomst, .. } => origins.extend(herkomst.iter().filter(|h| !known.contains(h)).cloned()),
            _ => {}
        }
    }
    out.reverse();
    if !origins.is_empty() {
        // Dated like the newest event of the back-up's log (a log entry needs a moment).
        let tijd = backup.iter().map(|g| g.tijd).max().unwrap_or(0);
        origins.reverse();
        out.push(Gebeurtenis { id: 0, tijd, handeling: Handeling::Gemaakt { bestanden: Vec::new(), herkomst: origins } });
    }
    out
}

/// A log from elsewhere (a back-up) numbered 1, 2, 3… in its own order, with the events an
/// undo refers to renumbered alike. Its ids become IndexedDB keys, and the store's key
/// generator follows the highest key ever written: a crafted id near 2^53 would leave no
/// room for the next event, so ids are never taken over as they come.
pub fn renumber(mut log: Vec<Gebeurtenis>) -> Vec<Gebeurtenis> {
    crate::base::sort::by_key(&mut log, |g| g.id);
    let new_id: std::collections::HashMap<u64, u64> = log.iter().zip(1..).map(|(g, n)| (g.id, n)).collect();
    for (g, n) in log.iter_mut().zip(1..) {
        g.id = n;
        if let Handeling::OngedaanGemaakt { gebeurtenis, .. } = &mut g.handeling {
            // An undo of an event that is not in the log points at none (0 is never an id).
            *gebeurtenis = new_id.get(gebeurtenis).copied().unwrap_or(0);
        }
    }
    log
}

/// The event that records undoing `gebeurtenis`.
pub fn ongedaan(gebeurtenis: &Gebeurtenis) -> Handeling {
    Handeling::OngedaanGemaakt { gebeurtenis: gebeurtenis.id, omschrijving: gebeurtenis.handeling.omschrijving() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(ids: &[&str]) -> Vec<BestandRef> {
        ids.iter().map(|id| BestandRef { id: id.to_string(), naam: format!("{id}.xml") }).collect()
    }

    fn event(id: u64, handeling: Handeling) -> Gebeurtenis {
        Gebeurtenis { id, tijd: 1_700_000_000_000 + id as i64, handeling }
    }

    #[test]
    fn a_log_from_a_back_up_is_numbered_from_one_with_its_undo_references() {
        let import = event(9_007_199_254_740_000, Handeling::Importeren { bestanden: refs(&["a"]) });
        let undo = event(9_007_199_254_740_991, ongedaan(&import));
        let dangling = event(5, Handeling::OngedaanGemaakt { gebeurtenis: 77, omschrijving: "x".into() });
        let log = renumber(vec![undo, dangling, import]);
        assert_eq!(log.iter().map(|g| g.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(matches!(log[2].handeling, Handeling::OngedaanGemaakt { gebeurtenis: 2, .. }), "{:?}", log[2]);
        assert!(matches!(log[0].handeling, Handeling::OngedaanGemaakt { gebeurtenis: 0, .. }));
        // A log numbered as Kloppend numbers it stays as it is.
        let plain =
            vec![event(1, Handeling::Importeren { bestanden: refs(&["a"]) }), event(2, Handeling::Verwijderen { bestanden: refs(&["a"]) })];
        assert_eq!(renumber(plain.clone()), plain);
    }

    #[test]
    fn undo_of_an_import_removes_its_files() {
        let log = vec![event(1, Handeling::Importeren { bestanden: refs(&["a", "b"]) })];
        let (g, t) = ongedaan_te_maken(&log).unwrap();
        assert_eq!(g.id, 1);
        assert_eq!(t, Terugdraaien::Verwijder(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn undo_of_a_delete_restores_and_only_the_last_event_counts() {
        let log =
            vec![event(2, Handeling::Verwijderen { bestanden: refs(&["a"]) }), event(1, Handeling::Importeren { bestanden: refs(&["a"]) })];
        assert_eq!(ongedaan_te_maken(&log).unwrap().1, Terugdraaien::Herstel(vec!["a".into()]));
        assert_eq!(log[0].handeling.omschrijving(), "a.xml verwijderd");
    }

    #[test]
    fn an_undo_and_a_replacing_restore_cannot_be_undone() {
        let first = event(1, Handeling::Importeren { bestanden: refs(&["a"]) });
        let undo = event(2, ongedaan(&first));
        assert_eq!(undo.handeling.omschrijving(), "Ongedaan gemaakt: 1 bestand geïmporteerd");
        assert!(ongedaan_te_maken(&[first.clone(), undo]).is_none());
        assert!(ongedaan_te_maken(&[event(3, Handeling::TerugzettenVervangen { bestanden: 4 })]).is_none());
        assert!(ongedaan_te_maken(&[]).is_none());
    }

    #[test]
    fn settings_undo_to_their_old_value() {
        let log = vec![event(1, Handeling::Instelling { naam: "bsn".into(), oud: "nee".into(), nieuw: "ja".into() })];
        assert_eq!(ongedaan_te_maken(&log).unwrap().1, Terugdraaien::Instelling { naam: "bsn".into(), waarde: "nee".into() });
    }

    #[test]
    fn te_doen_marks_are_the_last_one_not_undone() {
        let mark = |id, sleutel: &str, markering| event(id, Handeling::TeDoen { sleutel: sleutel.into(), titel: "t".into(), markering });
        let tot = chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        let done = mark(1, "a", Markering::Afgehandeld);
        let snoozed = mark(2, "a", Markering::Uitgesteld { tot });
        let other = mark(3, "b", Markering::Afgehandeld);
        let undo_snooze = event(4, ongedaan(&snoozed));
        let log = vec![other.clone(), undo_snooze.clone(), done.clone(), snoozed.clone()];
        let marks = markeringen(&log);
        // The snooze was undone, so the mark before it counts again.
        assert_eq!(marks.get("a"), Some(&Markering::Afgehandeld));
        assert_eq!(marks.get("b"), Some(&Markering::Afgehandeld));
        assert_eq!(markeringen(&[done.clone(), snoozed.clone()]).get("a"), Some(&Markering::Uitgesteld { tot }));
        // Undoing a mark only appends to the log.
        assert_eq!(ongedaan_te_maken(std::slice::from_ref(&done)).unwrap().1, Terugdraaien::AlleenLog);
        assert_eq!(snoozed.handeling.omschrijving(), "Uitgesteld tot 09-12-2026: t");
        let json = serde_json::to_string(&snoozed).unwrap();
        assert_eq!(serde_json::from_str::<Gebeurtenis>(&json).unwrap(), snoozed);
    }

    #[test]
    fn events_survive_json() {
        let g = event(7, Handeling::Gemaakt { bestanden: refs(&["x"]), herkomst: Vec::new() });
        let json = serde_json::to_string(&g).unwrap();
        assert!(json.contains("\"soort\":\"gemaakt\""), "{json}");
        assert_eq!(serde_json::from_str::<Gebeurtenis>(&json).unwrap(), g);
    }
}
