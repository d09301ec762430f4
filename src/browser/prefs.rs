//! Preferences in localStorage (gloo-storage). Only preferences: never the archive.

use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage};

use crate::domain::export::ExportFormat;
use crate::domain::term::{Term, Terms};

const SHOW_BSN: &str = "kloppend.toonBsn";
/// The file format of exports (a choice of the screen, not of the archive: not logged).
const EXPORT_FORMAT: &str = "kloppend.exportFormaat";
/// Gemeentecode → term slug, for the gemeenten whose term the user set.
const TERMS: &str = "kloppend.termijnen";
/// The name a preference has in the event log and in back-ups.
pub const TOON_BSN: &str = "toon_bsn";
/// Log and back-up names of a gemeente's term: `termijn:0344`.
const TERM_PREFIX: &str = "termijn:";
/// The value of a term that follows the default.
const DEFAULT_TERM: &str = "standaard";

/// Show full BSNs by default (otherwise only the last three digits).
pub fn show_bsn() -> bool {
    LocalStorage::get(SHOW_BSN).unwrap_or(false)
}

pub fn set_show_bsn(value: bool) {
    let _ = LocalStorage::set(SHOW_BSN, value);
}

/// The export format last chosen; Excel when none was, or an unknown one was stored.
pub fn export_format() -> ExportFormat {
    LocalStorage::get::<String>(EXPORT_FORMAT).ok().and_then(|slug| ExportFormat::from_slug(&slug)).unwrap_or_default()
}

pub fn set_export_format(format: ExportFormat) {
    let _ = LocalStorage::set(EXPORT_FORMAT, format.slug());
}

pub fn ja_nee(value: bool) -> String {
    if value { "ja" } else { "nee" }.to_string()
}

fn stored_terms() -> BTreeMap<String, String> {
    LocalStorage::get(TERMS).unwrap_or_default()
}

/// The declaration terms the user set; unreadable entries (from a newer version) count as unset.
pub fn terms() -> Terms {
    let per_gemeente = stored_terms().into_iter().filter_map(|(code, slug)| Term::from_slug(&slug).map(|t| (code, t))).collect();
    Terms { per_gemeente }
}

pub fn set_term(gemeente: &str, term: Option<Term>) {
    let mut stored = stored_terms();
    match term {
        Some(term) => stored.insert(gemeente.to_string(), term.slug()),
        None => stored.remove(gemeente),
    };
    let _ = LocalStorage::set(TERMS, stored);
}

pub fn term_name(gemeente: &str) -> String {
    format!("{TERM_PREFIX}{gemeente}")
}

pub fn term_value(term: Option<Term>) -> String {
    term.map(Term::slug).unwrap_or_else(|| DEFAULT_TERM.to_string())
}

/// Every preference by its log name (for back-ups).
pub fn all() -> BTreeMap<String, String> {
    let mut all = BTreeMap::from([(TOON_BSN.to_string(), ja_nee(show_bsn()))]);
    for (code, term) in terms().per_gemeente {
        all.insert(term_name(&code), term.slug());
    }
    all
}

/// Set a preference by its log name; unknown names (from a newer version) are ignored.
pub fn apply(name: &str, value: &str) {
    if name == TOON_BSN {
        set_show_bsn(value == "ja");
    } else if let Some(gemeente) = name.strip_prefix(TERM_PREFIX) {
        set_term(gemeente, Term::from_slug(value));
    }
}

/// Remove every preference Kloppend stored.
pub fn clear() {
    LocalStorage::delete(SHOW_BSN);
    LocalStorage::delete(TERMS);
}
