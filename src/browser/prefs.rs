//! Preferences in localStorage (gloo-storage). Only preferences: never the archive.

use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage};

const SHOW_BSN: &str = "kloppend.toonBsn";
/// The name a preference has in the event log and in back-ups.
pub const TOON_BSN: &str = "toon_bsn";

/// Show full BSNs by default (otherwise only the last three digits).
pub fn show_bsn() -> bool {
    LocalStorage::get(SHOW_BSN).unwrap_or(false)
}

pub fn set_show_bsn(value: bool) {
    let _ = LocalStorage::set(SHOW_BSN, value);
}

pub fn ja_nee(value: bool) -> String {
    if value { "ja" } else { "nee" }.to_string()
}

/// Every preference by its log name (for back-ups).
pub fn all() -> BTreeMap<String, String> {
    BTreeMap::from([(TOON_BSN.to_string(), ja_nee(show_bsn()))])
}

/// Set a preference by its log name; unknown names (from a newer version) are ignored.
pub fn apply(name: &str, value: &str) {
    if name == TOON_BSN {
        set_show_bsn(value == "ja");
    }
}

/// Remove every preference Kloppend stored.
pub fn clear() {
    LocalStorage::delete(SHOW_BSN);
}
