//! The credit wizard's choice in sessionStorage (gloo-storage): the ticked lines, the kind of
//! message and the values typed for new lines, kept across a reload of this tab (issue 27: a
//! reload dropped them) and gone with the tab. Line keys (a file's hash and two positions) and
//! what the user typed: no data from the files.

use std::collections::BTreeMap;

use gloo_storage::{SessionStorage, Storage};

use crate::domain::credit::{Correctie, Soort};
use crate::domain::message::{Eenheid, Periode, ProductCategorie};
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

/// A typed correction as stored: the line, then volume, tariff and hourly tariff in cents,
/// the new period's first day (`YYYY-MM-DD`), and product category, product code and unit
/// code (9339/9340/9341).
type StoredCorrection = ((String, usize, usize), Option<u64>, Option<u64>, Option<u64>, Option<String>, StoredProduct);
type StoredProduct = (Option<String>, Option<String>, Option<String>);

fn corrections_key(database: &str) -> String {
    format!("kloppend.correcties.{database}")
}

/// The values typed for new lines, kept like the choice (issue 27: a reload dropped them).
pub fn save_corrections(database: &str, corrections: &BTreeMap<LineKey, Correctie>) {
    let stored: Vec<StoredCorrection> = corrections
        .iter()
        .map(|(k, c)| {
            let begin = c.product_periode.map(|p| p.begindatum.format("%Y-%m-%d").to_string());
            let product = (
                c.product_categorie.as_ref().map(|p| p.code().to_string()),
                c.product_code.as_ref().map(|p| p.to_string()),
                c.eenheid.as_ref().map(|e| e.code().to_string()),
            );
            ((k.file_id.clone(), k.client, k.prestatie), c.geleverd_volume, c.product_tarief, c.uurtarief, begin, product)
        })
        .collect();
    let _ = SessionStorage::set(corrections_key(database), &stored);
}

pub fn load_corrections(database: &str) -> BTreeMap<LineKey, Correctie> {
    let stored: Vec<StoredCorrection> = SessionStorage::get(corrections_key(database)).unwrap_or_default();
    stored
        .into_iter()
        .map(|((file_id, client, prestatie), geleverd_volume, product_tarief, uurtarief, begin, (categorie, code, eenheid))| {
            let product_periode = begin
                .and_then(|b| chrono::NaiveDate::parse_from_str(&b, "%Y-%m-%d").ok())
                .map(|b| Periode { begindatum: b, einddatum: crate::domain::calendar::last_of_month(b) });
            let correctie = Correctie {
                geleverd_volume,
                product_tarief,
                product_periode,
                uurtarief,
                product_categorie: categorie.map(|c| ProductCategorie(c.into())),
                product_code: code.map(Into::into),
                eenheid: eenheid.map(|e| Eenheid::parse(&e)),
            };
            (LineKey { file_id, client, prestatie }, correctie)
        })
        .collect()
}
