//! Reading never panics: arbitrary bytes, and structured mutations of real messages
//! (byte flips, cuts, duplicated and swapped ranges, injected markup). The number of
//! executions is printed; set KLOPPEND_FUZZ_ITERATIONS for a longer run.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use kloppend::domain::backup::{self, ArchiveContents};
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::intake::{self, Document};
use kloppend::domain::message::{self, Bericht, ValidationContext, write::write};
use kloppend::domain::{Origin, StoredFile};
use proptest::prelude::*;

const SNIPPETS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"/>",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#x110000;",
    b"]]>",
    b"<![CDATA[x]]>",
    b"<!--",
    b"-->",
    b"<?xml version=\"1.0\"?>",
    b"<!DOCTYPE x>",
    b"xmlns:a=\"urn:x\"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\xc3",
    b"99999999999999999999999",
    b"-1",
    b"2025-13-45",
    b"<wmo323:Client>",
    b"</wmo323:Prestatie>",
    b"<iwmo:Bedrag>",
];

fn corpus() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = support::example_names().iter().map(|n| support::example(n)).collect();
    let pair = generate_pair(&PairConfig {
        clients: 3,
        lines_per_client: 2,
        client_reject_per_mille: 300,
        credit_per_mille: 200,
        ..Default::default()
    });
    seeds.push(write(&Bericht::Declaratie(pair.declaratie)).into_bytes());
    seeds.push(write(&Bericht::Antwoord(pair.antwoord)).into_bytes());
    seeds
}

fn mutate(rng: &mut fastrand::Rng, input: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..rng.usize(1..3) {
        let len = data.len().max(1);
        let at = rng.usize(0..len);
        match rng.u8(0..6) {
            0 => {
                if let Some(b) = data.get_mut(at) {
                    *b ^= 1 << rng.u8(0..8);
                }
            }
            1 => data.truncate(at),
            2 => {
                let end = (at + rng.usize(1..64)).min(data.len());
                data.drain(at.min(data.len())..end);
            }
            3 => {
                let end = (at + rng.usize(1..200)).min(data.len());
                let copy = data[at.min(data.len())..end].to_vec();
                let to = rng.usize(0..=data.len());
                data.splice(to..to, copy);
            }
            4 => {
                let snippet = SNIPPETS[rng.usize(0..SNIPPETS.len())];
                let to = at.min(data.len());
                data.splice(to..to, snippet.iter().copied());
            }
            _ => {
                let to = at.min(data.len());
                let digit = b'0' + rng.u8(0..10);
                data.insert(to, digit);
            }
        }
    }
    data
}

#[test]
fn mutated_messages_never_panic() {
    let iterations: usize = std::env::var("KLOPPEND_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(30_000);
    let seeds = corpus();
    let mut rng = fastrand::Rng::with_seed(0x6b6c6f70);
    let context = ValidationContext::default();
    let (mut loaded, mut refused) = (0usize, 0usize);
    for i in 0..iterations {
        let input = mutate(&mut rng, &seeds[i % seeds.len()]);
        let outcome = std::panic::catch_unwind(|| message::load(&input, &context).map(|l| l.findings.len()));
        match outcome {
            Ok(Ok(_)) => loaded += 1,
            Ok(Err(error)) => {
                assert!(!error.to_string().is_empty());
                refused += 1;
            }
            Err(_) => {
                let path = std::env::temp_dir().join(format!("kloppend-fuzz-crash-{i}.xml"));
                let _ = std::fs::write(&path, &input);
                panic!("reading panicked on mutation {i}; input saved to {}", path.display());
            }
        }
    }
    println!("fuzz: {iterations} inputs (mutated 323/325 messages) read without panic ({loaded} loaded, {refused} refused)");
    assert!(loaded > 0 && refused > 0, "the mutations should produce both outcomes");
}

/// The other readers of user files: settlement CSVs, ZIPs and back-ups (plain and sealed).
#[test]
fn mutated_settlements_zips_and_backups_never_panic() {
    let iterations: usize = std::env::var("KLOPPEND_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(30_000) / 3;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/settlement");
    let mut csvs: Vec<Vec<u8>> = std::fs::read_dir(&dir).unwrap().map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect();
    csvs.sort();
    let files: Vec<StoredFile> =
        support::example_names().iter().map(|n| StoredFile::new(n.clone(), support::example(n), Origin::Import, 1.0)).collect();
    let inhoud = ArchiveContents { bestanden: files, ..ArchiveContents::default() };
    let zip = backup::write_backup(&inhoud, &BTreeMap::new(), 0, "fuzz").unwrap();
    let sealed = backup::verzegel(&backup::Zegel { iteraties: 1000, salt: [1; 16], iv: [2; 12] }, &zip);
    let mut rng = fastrand::Rng::with_seed(0x7a6970);
    let context = ValidationContext::default();
    let (mut restored, mut refused) = (0usize, 0usize);
    for i in 0..iterations {
        let csv = mutate(&mut rng, &csvs[i % csvs.len()]);
        let zip_input = mutate(&mut rng, &zip);
        let sealed_input = mutate(&mut rng, &sealed);
        let outcome = std::panic::catch_unwind(|| {
            let _ = Document::analyse(&StoredFile::new("overzicht.csv", csv.clone(), Origin::Import, 0.0), &context);
            let _ = intake::expand("bundel.zip", zip_input.clone(), &mut { intake::MAX_UNPACKED }, None);
            let _ = backup::ontzegel(&sealed_input);
            backup::read_backup(&zip_input).is_ok()
        });
        match outcome {
            Ok(true) => restored += 1,
            Ok(false) => refused += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("kloppend-fuzz-crash-{i}"));
                let _ = std::fs::write(path.with_extension("csv"), &csv);
                let _ = std::fs::write(path.with_extension("zip"), &zip_input);
                panic!("a reader panicked on mutation {i}; inputs saved next to {}", path.display());
            }
        }
    }
    println!(
        "fuzz: {} inputs ({iterations} each of mutated CSVs, ZIPs, sealed and plain back-ups) read without panic ({restored} back-ups intact, {refused} refused)",
        iterations * 4
    );
    assert!(refused > 0, "most mutations of a back-up must be refused");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_in_any_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = Document::analyse(&StoredFile::new("x.csv", bytes.clone(), Origin::Import, 0.0), &ValidationContext::default());
        let _ = backup::read_backup(&bytes);
        let _ = intake::expand("x.zip", bytes.clone(), &mut { intake::MAX_UNPACKED }, Some("geheim"));
        let _ = kloppend::domain::modelcache::decode(&bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = message::load(&bytes, &ValidationContext::default());
    }

    #[test]
    fn arbitrary_text_after_a_valid_prefix_never_panics(cut in 0usize..3000, tail in ".{0,200}") {
        let example = support::example("wmo325_antwoord.xml");
        let mut input = example[..cut.min(example.len())].to_vec();
        input.extend_from_slice(tail.as_bytes());
        let _ = message::load(&input, &ValidationContext::default());
    }
}
