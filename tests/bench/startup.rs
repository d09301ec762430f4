//! Benchmark: what a start-up computes after reading the archive, natively, at 100,000 and
//! 1,000,000 lines (25,000-line 323/325 pairs with 25 301s each, as the browser storage
//! benchmark stores them): decoding the model cache (with the validation it may need), the
//! workspace, Te doen and the Overzicht. Each figure is the best of three; the last column
//! is the time per line at the large size over that at the small one (1.0 is linear).
//! Run with `cargo bench --bench startup`; `KLOPPEND_BENCH_LINES=small,large` sets the sizes.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use kloppend::domain::calendar::next_month;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::intake::Document;
use kloppend::domain::message::validate::validate;
use kloppend::domain::message::{Bericht, ValidationContext, write::write};
use kloppend::domain::overview::{Bron, Filter, Overview};
use kloppend::domain::term::Terms;
use kloppend::domain::todo;
use kloppend::domain::toewijzing::{toewijzingen_for, write_toewijzing};
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{FileInfo, Origin, StoredFile};

const LINES_PER_FILE: usize = 25_000;
const LINES_PER_CLIENT: usize = 5;
const TOEWIJZINGEN_PER_PAIR: usize = 25;

/// One stored file as a start-up finds it: its info and its model-cache entry (a 301 is
/// kept as its bytes: its entry is read the same way, and it is small).
enum Stored {
    Cached(FileInfo, Vec<u8>),
    Toewijzing(StoredFile),
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn archive(lines: usize) -> Vec<Stored> {
    let context = ValidationContext { today: Some(today()) };
    let mut stored = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    for n in 0..lines.div_ceil(LINES_PER_FILE) {
        let stem = format!("{n:03}");
        let pair = generate_pair(&PairConfig {
            seed: n as u64,
            maand: month,
            dagtekening: next_month(month) + Days::new(4),
            antwoord_dagtekening: next_month(month) + Days::new(11),
            declaratie_nummer: format!("S{stem}").into(),
            bericht_identificatie: format!("SB{stem}").into(),
            antwoord_identificatie: format!("SA{stem}").into(),
            clients: LINES_PER_FILE / LINES_PER_CLIENT,
            lines_per_client: LINES_PER_CLIENT,
            reject_per_mille: 50,
            client_reject_per_mille: 5,
            ..PairConfig::default()
        });
        let mut sample = pair.declaratie.clone();
        sample.declaratie.clienten.truncate(TOEWIJZINGEN_PER_PAIR);
        for (i, toewijzing) in toewijzingen_for(&[&sample], month - Days::new(10), &format!("ST{stem}")).iter().enumerate() {
            let file = StoredFile::new(format!("301_{stem}_{i}.xml"), write_toewijzing(toewijzing).into_bytes(), Origin::Import, 0.0);
            stored.push(Stored::Toewijzing(file));
        }
        for bericht in [Bericht::Declaratie(pair.declaratie), Bericht::Antwoord(pair.antwoord)] {
            let size = write(&bericht).len() as u64;
            let id = format!("{stem}-{}", stored.len());
            let info = FileInfo { id: id.clone(), name: format!("{id}.xml"), origin: Origin::Import, added: stored.len() as f64, size };
            let findings = validate(&bericht, &context);
            let entry = Document::checked(info.clone(), bericht, findings).model_cache().expect("a cache entry");
            stored.push(Stored::Cached(info, entry));
        }
        month = next_month(month);
    }
    stored
}

fn best_of<T>(mut step: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..3 {
        let start = Instant::now();
        out = Some(step());
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best * 1000.0, out.expect("ran"))
}

/// The figures in milliseconds for one size, in the order of [`STEPS`].
fn measure(lines: usize) -> Vec<f64> {
    let stored = archive(lines);
    let context = ValidationContext { today: Some(today()) };
    let (decode, documents) = best_of(|| {
        stored
            .iter()
            .map(|s| match s {
                Stored::Cached(info, entry) => Document::from_cache(info.clone(), entry, &context).expect("the cache holds"),
                Stored::Toewijzing(file) => Document::analyse(file, &context),
            })
            .map(Arc::new)
            .collect::<Vec<_>>()
    });
    let (build, workspace) = best_of(|| Workspace::build(documents.clone(), today()));
    let regels = workspace.reconciliation.totalen.regels;
    assert!(regels >= lines, "{regels} lines reconciled, {lines} generated");
    let (todo_ms, list) = best_of(|| todo::build(&workspace, &[], &Terms::default(), Bron::default_for(&workspace), today()));
    let (overview, model) = best_of(|| Overview::new(&workspace, &Filter::default()));
    println!(
        "startup: {regels} lines in {} files: {} open on Te doen, {} lines counted on the Overzicht",
        stored.len(),
        list.open.len(),
        model.totalen.regels
    );
    vec![decode, build, todo_ms, overview]
}

const STEPS: [&str; 4] = ["model cache", "Workspace::build", "Te doen", "Overzicht"];

fn sizes() -> (usize, usize) {
    let asked = std::env::var("KLOPPEND_BENCH_LINES").unwrap_or_default();
    let mut sizes = asked.split(',').filter_map(|n| n.trim().parse().ok());
    (sizes.next().unwrap_or(100_000), sizes.next().unwrap_or(1_000_000))
}

fn main() {
    let (small, large) = sizes();
    let (at_small, at_large) = (measure(small), measure(large));
    let factor = large as f64 / small as f64;
    for (i, step) in STEPS.iter().enumerate() {
        println!(
            "startup: {step:<17} {:>8.1} ms at {small} lines, {:>8.1} ms at {large}; per line ×{:.2} (best of 3)",
            at_small[i],
            at_large[i],
            at_large[i] / at_small[i] / factor
        );
    }
}
