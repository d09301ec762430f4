//! Generated messages: valid against the official XSDs, free of findings, and equal after
//! write → read. Covers all units, credits, rejected clients and many clients.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use kloppend::domain::findings::Severity;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::message::{self, Bericht, Domein, Eenheid, ValidationContext, read::read, write::write};
use proptest::prelude::*;
use support::xmllint_valid;

fn config(seed: u64, jeugd: bool, clients: usize, lines: usize, credits: u32, client_rejects: u32) -> PairConfig {
    PairConfig {
        seed,
        domein: if jeugd { Domein::Jeugdwet } else { Domein::Wmo },
        clients,
        lines_per_client: lines,
        reject_per_mille: 250,
        client_reject_per_mille: client_rejects,
        credit_per_mille: credits,
        ..PairConfig::default()
    }
}

fn assert_round_trip_without_errors(bericht: Bericht) -> String {
    let xml = write(&bericht);
    let loaded = message::load(xml.as_bytes(), &ValidationContext::default()).expect("generated message reads");
    let errors: Vec<_> = loaded.findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "generated message has findings: {errors:#?}");
    assert_eq!(loaded.bericht, bericht);
    xml
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn generated_pairs_round_trip(seed in any::<u64>(), jeugd in any::<bool>(), clients in 1usize..12, lines in 1usize..8,
                                  credits in 0u32..400, client_rejects in 0u32..300) {
        let pair = generate_pair(&config(seed, jeugd, clients, lines, credits, client_rejects));
        assert_round_trip_without_errors(Bericht::Declaratie(pair.declaratie));
        assert_round_trip_without_errors(Bericht::Antwoord(pair.antwoord));
    }
}

/// The same kind of messages through xmllint, batched so the schema is parsed once per type.
#[test]
fn generated_messages_are_valid_against_the_official_xsds() {
    let mut units_seen = std::collections::HashSet::new();
    let mut credits_seen = false;
    for (i, seed) in (1000..1040u64).enumerate() {
        let pair = generate_pair(&config(seed, i % 2 == 1, 1 + i % 9, 1 + i % 6, 300, 150));
        for (_, p) in pair.declaratie.prestaties() {
            units_seen.insert(p.eenheid.code().to_string());
            credits_seen |= p.is_credit();
        }
        let declaratie_type = pair.declaratie.bericht_type();
        let antwoord_type = pair.antwoord.bericht_type();
        let declaratie = assert_round_trip_without_errors(Bericht::Declaratie(pair.declaratie));
        let antwoord = assert_round_trip_without_errors(Bericht::Antwoord(pair.antwoord));
        xmllint_valid(&format!("gen-{seed}-323"), &declaratie, declaratie_type);
        xmllint_valid(&format!("gen-{seed}-325"), &antwoord, antwoord_type);
    }
    assert_eq!(units_seen.len(), Eenheid::ALLE.len(), "every unit was generated: {units_seen:?}");
    assert!(credits_seen);
}

#[test]
fn escaping_survives_the_round_trip() {
    let mut pair = generate_pair(&config(5, false, 1, 1, 0, 0));
    pair.declaratie.declaratie.clienten[0].prestaties[0].product_code = "A&<>B".into();
    let xml = write(&Bericht::Declaratie(pair.declaratie.clone()));
    assert!(xml.contains("A&amp;&lt;&gt;B"));
    let reread = read(xml.as_bytes()).unwrap();
    assert_eq!(reread.bericht, Bericht::Declaratie(pair.declaratie));
    xmllint_valid("escaping", &xml, kloppend::domain::message::BerichtType::WMO323);
}
