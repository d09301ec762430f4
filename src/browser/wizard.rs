//! The credit wizard's choice in sessionStorage (gloo-storage): the ticked lines and the kind
//! of message, kept across a reload of this tab (issue 27: a reload dropped them) and gone
//! with the tab. Line keys only (a file's hash and two positions): no data from the files.

use gloo_storage::{SessionStorage, Storage};

use crate::domain::credit::Soort;
use crate::domain::workspace::LineKey;

fn key(database: &str) -> String {
    format!("kloppend.crediteren.{database}")
}

/// The lines as (file id, client, prestatie), and the kind's slug.
type Stored = (Vec<(String, usize, usize)>, String);

pub fn save(database: &str, selection: &[LineKey], soort: Soort) {
    let stored: Stored = (selection.iter().map(|k| (k.file_id.clone(), k.client, k.prestatie)).collect(), soort.slug().to_string());
    let _ = SessionStorage::set(key(database), &stored);
}

/// What this tab chose before a reload; nothing (and the default kind) when unreadable.
pub fn load(database: &str) -> (Vec<LineKey>, Soort) {
    let (lines, slug): Stored = SessionStorage::get(key(database)).unwrap_or_default();
    let lines = lines.into_iter().map(|(file_id, client, prestatie)| LineKey { file_id, client, prestatie }).collect();
    let soort = [Soort::Credit, Soort::Correctie, Soort::Herdeclaratie].into_iter().find(|s| s.slug() == slug).unwrap_or(Soort::Credit);
    (lines, soort)
}
