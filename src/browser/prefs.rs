//! Preferences in localStorage (gloo-storage). Only preferences: never the archive.

use gloo_storage::{LocalStorage, Storage};

const SHOW_BSN: &str = "kloppend.toonBsn";

/// Show full BSNs by default (otherwise only the last three digits).
pub fn show_bsn() -> bool {
    LocalStorage::get(SHOW_BSN).unwrap_or(false)
}

pub fn set_show_bsn(value: bool) {
    let _ = LocalStorage::set(SHOW_BSN, value);
}
