//! Benchmark: reconciling 100,000 lines (ten 323/325 pairs of 10,000 lines, plus a credit 323
//! for 1,000 approved lines). Goal: ≤ 50 ms natively. Run with `cargo bench --bench reconcile`.

use std::time::Instant;

use chrono::NaiveDate;
use compact_str::format_compact;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::message::{Bericht, BerichtIdentificatie, Declaratie, Declaratiebericht};
use kloppend::domain::money::{BedragMetDc, DebetCredit};
use kloppend::domain::reconcile::{LineStatus, reconcile};

fn main() {
    let mut berichten = Vec::new();
    for i in 0..10u64 {
        let pair = generate_pair(&PairConfig {
            seed: i,
            clients: 2_000,
            lines_per_client: 5,
            reject_per_mille: 50,
            client_reject_per_mille: 5,
            declaratie_nummer: format_compact!("B{i}"),
            bericht_identificatie: format_compact!("BID{i}"),
            antwoord_identificatie: format_compact!("AID{i}"),
            ..PairConfig::default()
        });
        berichten.push(Bericht::Declaratie(pair.declaratie));
        berichten.push(Bericht::Antwoord(pair.antwoord));
    }
    // A credit message for the first 1,000 lines of the first declaration.
    let Bericht::Declaratie(first) = &berichten[0] else { unreachable!() };
    let mut credit: Declaratiebericht = first.clone();
    credit.header.bericht_identificatie =
        BerichtIdentificatie { identificatie: "CREDIT1".into(), dagtekening: NaiveDate::from_ymd_opt(2025, 7, 3).unwrap() };
    let mut clienten = first.declaratie.clienten[..200].to_vec();
    for client in &mut clienten {
        for p in &mut client.prestaties {
            p.product_referentie.vorig_referentie_nummer = Some(p.product_referentie.referentie_nummer.clone());
            p.product_referentie.referentie_nummer = format_compact!("C-{}", p.product_referentie.referentie_nummer);
            p.ingediend_bedrag.debet_credit = DebetCredit::Credit;
        }
    }
    let som = clienten.iter().flat_map(|c| &c.prestaties).map(|p| p.ingediend_bedrag.saldo()).sum();
    credit.declaratie = Declaratie {
        declaratie_nummer: "CREDIT1".into(),
        totaal_ingediend_bedrag: BedragMetDc::from_saldo(som),
        clienten,
        ..credit.declaratie
    };
    berichten.push(Bericht::Declaratie(credit));

    let refs: Vec<&Bericht> = berichten.iter().collect();
    let today = NaiveDate::from_ymd_opt(2025, 7, 10).unwrap();
    let mut best = f64::MAX;
    let mut result = None;
    for _ in 0..7 {
        let start = Instant::now();
        let r = reconcile(&refs, today);
        best = best.min(start.elapsed().as_secs_f64());
        result = Some(r);
    }
    let r = result.expect("ran");
    let lines = r.totalen.regels;
    println!(
        "reconcile: {lines} lines in {} messages: {:.1} ms (best of 7); {} credited-pending, {} rejected, {} issues",
        refs.len(),
        best * 1000.0,
        r.totalen.count(LineStatus::CreditIngediend),
        r.totalen.count(LineStatus::Afgewezen),
        r.issues.len()
    );
}
