//! Benchmark: bytes → full model (read + validate) on a generated ~25 MB 323 and its 325.
//! Run with `cargo bench --bench parse`. Prints MB/s; the goal is ≥ 200 MB/s natively.

use std::time::Instant;

use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::message::{self, Bericht, ValidationContext, read::read, write::write};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

fn report(label: &str, bytes: usize, seconds: f64) {
    let mb = bytes as f64 / 1_000_000.0;
    println!("{label:<34} {mb:>7.2} MB  {:>8.1} ms  {:>7.1} MB/s", seconds * 1000.0, mb / seconds);
}

fn main() {
    let lines_per_client = 6;
    let clients = std::env::var("KLOPPEND_BENCH_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(5_500);
    let pair = generate_pair(&PairConfig {
        clients,
        lines_per_client,
        reject_per_mille: 100,
        client_reject_per_mille: 10,
        credit_per_mille: 20,
        ..PairConfig::default()
    });
    let lines = clients * lines_per_client;
    let declaratie = write(&Bericht::Declaratie(pair.declaratie));
    let antwoord = write(&Bericht::Antwoord(pair.antwoord));
    println!("generated 323 with {lines} lines ({} bytes) and its 325 ({} bytes)", declaratie.len(), antwoord.len());

    let context = ValidationContext::default();
    // A file in which no line has a ProductTarief: one finding (CD087) per line. Findings must
    // cost in proportion to their number, not findings x file size.
    let no_tariff = strip_element(&declaratie, "ProductTarief");
    let (t_flood, flood) = best_of(3, || message::load(no_tariff.as_bytes(), &context));
    let findings = flood.map(|l| l.findings.len()).unwrap_or(0);
    report(&format!("323 without tariffs ({findings} findings)"), no_tariff.len(), t_flood);
    for (label, xml) in [("323", &declaratie), ("325", &antwoord)] {
        let (t_read, read_result) = best_of(5, || read(xml.as_bytes()));
        assert!(read_result.is_ok());
        report(&format!("{label} read (bytes → model)"), xml.len(), t_read);
        let (t_load, loaded) = best_of(5, || message::load(xml.as_bytes(), &context));
        let loaded = loaded.expect("generated message loads");
        report(&format!("{label} load (read + validate)"), xml.len(), t_load);
        let (t_write, written) = best_of(5, || write(&loaded.bericht));
        report(&format!("{label} write (model → bytes)"), written.len(), t_write);
        // What start-up and the analysis worker's answer cost instead of reading: the cached model.
        let entry = kloppend::domain::modelcache::encode(&loaded.bericht, &loaded.findings).expect("a model encodes");
        let (t_decode, decoded) = best_of(5, || kloppend::domain::modelcache::decode(&entry));
        assert!(decoded.is_some());
        report(&format!("{label} decode (cache → model)"), xml.len(), t_decode);
    }
}

/// The text without any element named `name` (any prefix), for a file full of findings.
fn strip_element(xml: &str, name: &str) -> String {
    xml.lines()
        .filter(|l| !l.trim_start().split(['>', ' ']).next().is_some_and(|tag| tag.ends_with(&format!(":{name}"))))
        .collect::<Vec<_>>()
        .join("\r\n")
}
