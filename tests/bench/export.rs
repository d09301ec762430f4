//! Benchmark: exporting 100,000 lines (a generated 323/325 pair) from the Overzicht's line
//! list, as the Dutch CSV and as an Excel workbook, natively. The export runs on the main
//! thread in the browser, so its figure says how long the click takes there (WebAssembly is
//! slower by a factor the app benchmark shows for parsing). Run with `cargo bench --bench export`.

use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use kloppend::domain::export::lines;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::intake::Document;
use kloppend::domain::message::{Bericht, write::write};
use kloppend::domain::overview::{Filter, select, select_lines};
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{Origin, StoredFile};

fn best_of<T>(runs: usize, mut step: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        out = Some(step());
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best * 1000.0, out.expect("ran"))
}

fn main() {
    let pair = generate_pair(&PairConfig { clients: 20_000, lines_per_client: 5, reject_per_mille: 50, ..PairConfig::default() });
    let documents = [Bericht::Declaratie(pair.declaratie), Bericht::Antwoord(pair.antwoord)]
        .into_iter()
        .enumerate()
        .map(|(i, bericht)| {
            let bytes = write(&bericht);
            let file = StoredFile::new(format!("{i}.xml"), bytes.into_bytes(), Origin::Import, i as f64);
            Arc::new(Document::checked(file.info(), bericht, Vec::new()))
        })
        .collect();
    let today = NaiveDate::from_ymd_opt(2025, 7, 10).unwrap();
    let w = Workspace::build(documents, today);
    let views = select(&w, &Filter::default());
    let selected = select_lines(&w, &views, &Filter::default());
    let (sheet_ms, sheet) = best_of(3, || lines(&w, &selected, false));
    let (csv_ms, csv) = best_of(3, || sheet.csv());
    let (xlsx_ms, xlsx) = best_of(3, || sheet.xlsx().expect("a workbook"));
    println!(
        "export: {} lines: rows {sheet_ms:.0} ms; csv {csv_ms:.0} ms ({} bytes); xlsx {xlsx_ms:.0} ms ({} bytes), xlsx/csv ×{:.1} (best of 3)",
        sheet.rows.len(),
        csv.len(),
        xlsx.len(),
        xlsx_ms / csv_ms
    );
}
