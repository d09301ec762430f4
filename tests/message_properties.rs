//! Generated messages: valid against the official XSDs, free of findings, and equal after
//! write → read. Covers all units, credits, rejected clients and many clients.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::Datelike;
use kloppend::domain::findings::Severity;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::message::{self, Bericht, Domein, Eenheid, Periode, ValidationContext, read::read, write::write};
use kloppend::domain::rules::Rule;
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

/// One rule-breaking change of a valid message, and the rule that must then be reported.
fn mutate(d: &mut kloppend::domain::message::Declaratiebericht, pick: usize) -> Option<Rule> {
    use kloppend::domain::money::BedragMetDc;
    let day = |date: chrono::NaiveDate, n: u32| date.with_day(n).unwrap();
    let debits: Vec<(usize, usize)> = d
        .declaratie
        .clienten
        .iter()
        .enumerate()
        .flat_map(|(c, client)| client.prestaties.iter().enumerate().filter(|(_, p)| !p.is_credit()).map(move |(i, _)| (c, i)))
        .collect();
    let (c0, p0) = *debits.first()?;
    let rule = match pick % 12 {
        0 => {
            let total = d.declaratie.totaal_ingediend_bedrag.saldo();
            d.declaratie.totaal_ingediend_bedrag = BedragMetDc::from_saldo(total + kloppend::domain::money::Saldo(1));
            Rule::TR358
        }
        1 if d.declaratie.clienten.len() > 1 => {
            d.declaratie.clienten[1].bsn = d.declaratie.clienten[0].bsn.clone();
            Rule::TR101
        }
        2 if debits.len() > 1 => {
            let (c1, p1) = debits[1];
            let referentie = d.declaratie.clienten[c0].prestaties[p0].product_referentie.referentie_nummer.clone();
            d.declaratie.clienten[c1].prestaties[p1].product_referentie.referentie_nummer = referentie;
            Rule::TR101
        }
        3 if debits.len() > 1 => {
            let (c1, p1) = debits[1];
            let first = d.declaratie.clienten[c0].prestaties[p0].clone();
            let second = &mut d.declaratie.clienten[c1].prestaties[p1];
            second.toewijzing_nummer = first.toewijzing_nummer;
            second.product_categorie = first.product_categorie;
            second.product_code = first.product_code;
            second.product_periode = first.product_periode;
            Rule::TR416
        }
        4 => {
            let p = &mut d.declaratie.clienten[c0].prestaties[p0];
            let begin = p.product_periode.begindatum;
            p.product_periode = Periode { begindatum: day(begin, 20), einddatum: day(begin, 10) };
            Rule::TR137
        }
        5 => {
            let end = d.declaratie.declaratie_periode.einddatum;
            d.header.bericht_identificatie.dagtekening = end.pred_opt()?;
            d.declaratie.declaratie_dagtekening = end.pred_opt()?;
            Rule::TR137
        }
        6 => {
            let p = &mut d.declaratie.clienten[c0].prestaties[p0];
            p.product_periode = Periode { begindatum: ymd(2020, 12, 1), einddatum: ymd(2020, 12, 31) };
            Rule::CS100
        }
        7 => {
            let p = d
                .declaratie
                .clienten
                .iter_mut()
                .flat_map(|c| c.prestaties.iter_mut())
                .find(|p| !p.is_credit() && p.eenheid != Eenheid::Euros && p.eenheid != Eenheid::Minuut)?;
            p.ingediend_bedrag.bedrag += 1;
            Rule::TR346
        }
        8 => {
            let bsn = &mut d.declaratie.clienten[0].bsn;
            let last = bsn.pop()?;
            bsn.push(if last == '9' { '0' } else { char::from(last as u8 + 1) });
            Rule::CS002
        }
        9 => {
            d.declaratie.clienten[c0].prestaties[p0].product_referentie.vorig_referentie_nummer = Some("ELDERS-1".into());
            Rule::CD060
        }
        10 => {
            let periode = &mut d.declaratie.declaratie_periode;
            periode.einddatum = periode.einddatum.pred_opt()?;
            Rule::CS340
        }
        11 => {
            d.header.bericht_versie = 4;
            Rule::CS025
        }
        _ => return None,
    };
    Some(rule)
}

fn ymd(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// A generated message is free of errors; any single mutation from the list is reported
    /// with its own rule.
    #[test]
    fn each_rule_breaking_mutation_is_reported_with_its_rule(seed in any::<u64>(), clients in 1usize..6, lines in 1usize..5,
                                                             credits in 0u32..300, pick in 0usize..12) {
        let pair = generate_pair(&config(seed, seed % 2 == 0, clients, lines, credits, 0));
        let mut declaratie = pair.declaratie;
        let context = ValidationContext::default();
        let clean = message::validate::validate(&Bericht::Declaratie(declaratie.clone()), &context);
        prop_assert!(clean.iter().all(|f| f.severity != Severity::Error), "{clean:#?}");
        if let Some(rule) = mutate(&mut declaratie, pick) {
            let findings = message::validate::validate(&Bericht::Declaratie(declaratie), &context);
            prop_assert!(findings.iter().any(|f| f.rule == rule && f.severity == Severity::Error), "mutation {pick} should give {rule}: {findings:#?}");
        }
    }
}
