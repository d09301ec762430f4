//! Reconciliation with hand-checked expectations: every line status, every mismatch, the
//! money, and a generated 60,000-line pair whose rejected lines are known.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::NaiveDate;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::message::{self, Antwoordbericht, Bericht, Declaratiebericht, RetourCode, ValidationContext};
use kloppend::domain::money::{BedragMetDc, Saldo};
use kloppend::domain::reconcile::{IssueKind, LineRef, LineStatus, Reconciliation, Verwerking, reconcile};
use kloppend::domain::rules::Rule;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn load(name: &str) -> Bericht {
    message::load(&support::example(name), &ValidationContext::default()).unwrap().bericht
}

fn debet() -> Declaratiebericht {
    match load("wmo323_debet.xml") {
        Bericht::Declaratie(b) => b,
        _ => unreachable!(),
    }
}

fn antwoord() -> Antwoordbericht {
    match load("wmo325_antwoord.xml") {
        Bericht::Antwoord(b) => b,
        _ => unreachable!(),
    }
}

fn credit() -> Declaratiebericht {
    match load("wmo323_credit.xml") {
        Bericht::Declaratie(b) => b,
        _ => unreachable!(),
    }
}

/// An 8001 answer to a 323 (everything approved).
fn approve(decl: &Declaratiebericht, id: &str) -> Antwoordbericht {
    let mut a = antwoord();
    a.header.header.bericht_identificatie.identificatie = id.into();
    a.header.header.bericht_identificatie.dagtekening = decl.header.bericht_identificatie.dagtekening + chrono::Duration::days(5);
    a.header.declaratie_identificatie = decl.header.bericht_identificatie.clone();
    let da = a.declaratie_antwoord.as_mut().unwrap();
    da.declaratie_nummer = decl.declaratie.declaratie_nummer.clone();
    da.totaal_ingediend_bedrag = decl.declaratie.totaal_ingediend_bedrag.clone();
    da.totaal_toegekend_bedrag = decl.declaratie.totaal_ingediend_bedrag.clone();
    da.clienten.clear();
    da.retour_codes = vec![RetourCode::new("8001")];
    a
}

fn run(berichten: Vec<Bericht>, today: NaiveDate) -> (Vec<Bericht>, Reconciliation) {
    let refs: Vec<&Bericht> = berichten.iter().collect();
    let r = reconcile(&refs, today);
    (berichten, r)
}

fn status(r: &Reconciliation, bericht: usize, client: usize, prestatie: usize) -> LineStatus {
    r.line(LineRef { bericht, client, prestatie }).unwrap().status
}

fn has_issue(r: &Reconciliation, kind: IssueKind) -> bool {
    r.issues.iter().any(|i| i.kind == kind)
}

#[test]
fn shared_examples_approved_rejected_and_credit_submitted() {
    // Input order deliberately mixed: answer, credit, debit.
    let (_, r) = run(vec![Bericht::Antwoord(antwoord()), Bericht::Declaratie(credit()), Bericht::Declaratie(debet())], d(2025, 7, 4));
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    let debit_view = r.declaratie(2).unwrap();
    assert_eq!(debit_view.antwoord, Some(0));
    assert_eq!(debit_view.verwerking, Verwerking::Beoordeeld);
    assert_eq!(status(&r, 2, 0, 0), LineStatus::CreditIngediend);
    assert_eq!(status(&r, 2, 0, 1), LineStatus::Afgewezen);
    assert_eq!(r.line(LineRef { bericht: 2, client: 0, prestatie: 1 }).unwrap().codes[0].code(), "0611");
    assert_eq!(debit_view.bedragen.ingediend, Saldo(70_000));
    assert_eq!(debit_view.bedragen.toegekend, Saldo(48_000));
    assert_eq!(debit_view.bedragen.afgewezen, Saldo(22_000));
    assert!(debit_view.som_controle.unwrap().klopt);
    assert_eq!(debit_view.creditberichten, vec![1]);
    // The credit awaits its own answer (due 10 working days after 3 July 2025).
    let credit_view = r.declaratie(1).unwrap();
    assert_eq!(credit_view.verwerking, Verwerking::WachtOpAntwoord { uiterlijk: d(2025, 7, 17) });
    assert_eq!(status(&r, 1, 0, 0), LineStatus::WachtOpAntwoord);
    assert_eq!(
        r.line(LineRef { bericht: 1, client: 0, prestatie: 0 }).unwrap().crediteert,
        Some(LineRef { bericht: 2, client: 0, prestatie: 0 })
    );
    // Never a negative "open": a credit awaiting its answer is money on its way back.
    assert_eq!((credit_view.bedragen.open, credit_view.bedragen.credit_onderweg), (Saldo(0), Saldo(-48_000)));
    // Totals over both declarations.
    assert_eq!(r.totalen.bedragen.ingediend, Saldo(22_000));
    assert_eq!(r.totalen.count(LineStatus::Afgewezen), 1);
    assert_eq!(r.totalen.count(LineStatus::CreditIngediend), 1);
    assert_eq!(r.totalen.regels, 3);
}

#[test]
fn an_approved_credit_makes_the_original_credited() {
    let c = credit();
    let credit_answer = approve(&c, "ANTW0002");
    let (_, r) = run(
        vec![Bericht::Declaratie(debet()), Bericht::Antwoord(antwoord()), Bericht::Declaratie(c), Bericht::Antwoord(credit_answer)],
        d(2025, 8, 1),
    );
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(status(&r, 0, 0, 0), LineStatus::Gecrediteerd);
    assert_eq!(status(&r, 2, 0, 0), LineStatus::Goedgekeurd);
    assert_eq!(r.declaratie(2).unwrap().bedragen.toegekend, Saldo(-48_000));
}

#[test]
fn missing_answers_are_flagged_after_ten_working_days() {
    // Dagtekening Thursday 5 June 2025; Whit Monday 9 June → due Friday 20 June.
    let (_, on_time) = run(vec![Bericht::Declaratie(debet())], d(2025, 6, 20));
    assert_eq!(on_time.declaratie(0).unwrap().verwerking, Verwerking::WachtOpAntwoord { uiterlijk: d(2025, 6, 20) });
    assert!(!has_issue(&on_time, IssueKind::AntwoordTeLaat));
    assert_eq!(on_time.declaratie(0).unwrap().bedragen.open, Saldo(70_000));
    let (_, late) = run(vec![Bericht::Declaratie(debet())], d(2025, 6, 23));
    assert_eq!(late.declaratie(0).unwrap().verwerking, Verwerking::AntwoordTeLaat { uiterlijk: d(2025, 6, 20) });
    assert!(has_issue(&late, IssueKind::AntwoordTeLaat));
    assert_eq!(status(&late, 0, 0, 0), LineStatus::WachtOpAntwoord);
}

#[test]
fn a_technical_rejection_means_not_processed() {
    let mut a = antwoord();
    a.declaratie_antwoord = None;
    a.header.retour_codes = vec![RetourCode::new("0001")];
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(a)], d(2025, 7, 1));
    let view = r.declaratie(0).unwrap();
    assert_eq!(view.verwerking, Verwerking::TechnischAfgekeurd);
    assert!(view.lines.iter().all(|l| l.status == LineStatus::NietVerwerkt));
    assert_eq!(view.bedragen.niet_verwerkt, Saldo(70_000));
    assert_eq!(view.bedragen.toegekend, Saldo(0));
}

#[test]
fn a_declaration_level_rejection_means_not_processed() {
    let mut a = antwoord();
    let da = a.declaratie_antwoord.as_mut().unwrap();
    da.clienten.clear();
    da.totaal_toegekend_bedrag = BedragMetDc::debet(0);
    da.retour_codes = vec![RetourCode::new("9333")];
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(a)], d(2025, 7, 1));
    let view = r.declaratie(0).unwrap();
    assert_eq!(view.verwerking, Verwerking::GeheelAfgewezen { codes: vec![RetourCode::new("9333")] });
    assert!(view.lines.iter().all(|l| l.status == LineStatus::NietVerwerkt && l.codes[0].is("9333")));
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
}

#[test]
fn a_rejected_client_makes_its_lines_not_assessed() {
    let mut a = antwoord();
    let decl = debet();
    let da = a.declaratie_antwoord.as_mut().unwrap();
    let client = &mut da.clienten[0];
    client.retour_codes = vec![RetourCode::new("8187")];
    client.prestaties[0].retour_codes = vec![RetourCode::new("0233")];
    // List both lines of the client, both 0233.
    let mut first = client.prestaties[0].clone();
    first.prestatie = decl.declaratie.clienten[0].prestaties[0].clone();
    client.prestaties.insert(0, first);
    da.totaal_toegekend_bedrag = BedragMetDc::debet(0);
    let (_, r) = run(vec![Bericht::Declaratie(decl), Bericht::Antwoord(a)], d(2025, 7, 1));
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_eq!(status(&r, 0, 0, 0), LineStatus::NietBeoordeeld);
    assert_eq!(status(&r, 0, 0, 1), LineStatus::NietBeoordeeld);
    let codes: Vec<&str> = r.line(LineRef { bericht: 0, client: 0, prestatie: 0 }).unwrap().codes.iter().map(|c| c.code()).collect();
    assert_eq!(codes, ["0233", "8187"]);
    assert_eq!(r.declaratie(0).unwrap().bedragen.afgewezen, Saldo(70_000));
}

#[test]
fn an_answer_without_its_declaration_is_an_orphan() {
    let (_, r) = run(vec![Bericht::Antwoord(antwoord())], d(2025, 7, 1));
    assert_eq!(r.antwoorden_zonder_declaratie, vec![0]);
    assert!(has_issue(&r, IssueKind::AntwoordZonderDeclaratie));
    assert!(r.declaraties.is_empty());
}

#[test]
fn two_answers_for_one_declaration_are_reported() {
    let mut second = antwoord();
    second.header.header.bericht_identificatie.identificatie = "ANTW0009".into();
    second.header.header.bericht_identificatie.dagtekening = d(2025, 6, 20);
    let (_, r) = run(vec![Bericht::Antwoord(second), Bericht::Declaratie(debet()), Bericht::Antwoord(antwoord())], d(2025, 7, 1));
    let view = r.declaratie(1).unwrap();
    assert_eq!(view.antwoord, Some(2), "the earliest answer counts");
    assert_eq!(view.extra_antwoorden, vec![0]);
    assert!(has_issue(&r, IssueKind::DubbelAntwoord));
}

#[test]
fn number_mismatch_echo_mismatch_and_unknown_lines_are_reported() {
    let mut a = antwoord();
    let da = a.declaratie_antwoord.as_mut().unwrap();
    da.declaratie_nummer = "F2025099".into();
    da.clienten[0].prestaties[0].prestatie.geleverd_volume = 5;
    let mut unknown = da.clienten[0].prestaties[0].clone();
    unknown.prestatie.product_referentie.referentie_nummer = "F2025050-777".into();
    da.clienten[0].prestaties.push(unknown);
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(a)], d(2025, 7, 1));
    assert!(has_issue(&r, IssueKind::DeclaratieNummerWijktAf));
    let echo = r.issues.iter().find(|i| i.kind == IssueKind::RegelWijktAf).expect("TR367");
    assert!(echo.message.contains("GeleverdVolume"), "{}", echo.message);
    assert!(has_issue(&r, IssueKind::OnbekendeRegel));
    assert!(has_issue(&r, IssueKind::SomKloptNiet), "the unknown line breaks TR342");
}

#[test]
fn totals_that_do_not_add_up_are_reported() {
    let mut a = antwoord();
    a.declaratie_antwoord.as_mut().unwrap().totaal_toegekend_bedrag = BedragMetDc::debet(50_000);
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(a)], d(2025, 7, 1));
    let check = r.declaratie(0).unwrap().som_controle.unwrap();
    assert!(!check.klopt);
    assert_eq!(check.afgewezen_regels, Saldo(22_000));
    assert_eq!(check.goedgekeurde_regels, Saldo(48_000));
    assert!(has_issue(&r, IssueKind::SomKloptNiet));
}

#[test]
fn linking_falls_back_to_the_declaratienummer() {
    let mut a = antwoord();
    a.header.declaratie_identificatie.identificatie = "ANDERS".into();
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(a)], d(2025, 7, 1));
    assert_eq!(r.declaratie(0).unwrap().antwoord, Some(1));
    assert!(has_issue(&r, IssueKind::IdentificatieWijktAf));
}

#[test]
fn crediting_a_rejected_line_twice_or_unknown_is_reported() {
    // Credit of the rejected line F2025050-002.
    let mut c = credit();
    let line = &mut c.declaratie.clienten[0].prestaties[0];
    line.product_referentie.vorig_referentie_nummer = Some("F2025050-002".into());
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(antwoord()), Bericht::Declaratie(c)], d(2025, 7, 4));
    assert!(has_issue(&r, IssueKind::CreditVanAfgewezenRegel));
    assert_eq!(status(&r, 0, 0, 1), LineStatus::Afgewezen);

    // Two credits for the same approved line.
    let mut second = credit();
    second.header.bericht_identificatie.identificatie = "DECL2025062".into();
    second.declaratie.declaratie_nummer = "F2025062".into();
    second.declaratie.clienten[0].prestaties[0].product_referentie.referentie_nummer = "F2025062-001".into();
    let (_, r) = run(
        vec![Bericht::Declaratie(debet()), Bericht::Antwoord(antwoord()), Bericht::Declaratie(credit()), Bericht::Declaratie(second)],
        d(2025, 7, 4),
    );
    assert!(has_issue(&r, IssueKind::DubbeleCredit));

    // A credit whose original is not in the archive.
    let (_, r) = run(vec![Bericht::Declaratie(credit())], d(2025, 7, 4));
    assert!(has_issue(&r, IssueKind::CreditZonderOrigineel));

    // A credit that does not mirror its original.
    let mut off = credit();
    off.declaratie.clienten[0].prestaties[0].geleverd_volume = 7;
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(antwoord()), Bericht::Declaratie(off)], d(2025, 7, 4));
    assert!(r.issues.iter().any(|i| i.kind == IssueKind::CreditWijktAf && i.message.contains("GeleverdVolume")));
}

#[test]
fn a_reused_referentienummer_is_reported_but_not_after_a_technical_rejection() {
    let mut again = debet();
    again.header.bericht_identificatie.identificatie = "DECL2025051".into();
    again.declaratie.declaratie_nummer = "F2025051".into();
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Declaratie(again.clone())], d(2025, 6, 10));
    assert!(has_issue(&r, IssueKind::DubbelReferentieNummer));

    // After a 0001 the first message counts as not sent, so resending its lines is fine.
    let mut rejected = antwoord();
    rejected.declaratie_antwoord = None;
    rejected.header.retour_codes = vec![RetourCode::new("0001")];
    let (_, r) = run(vec![Bericht::Declaratie(debet()), Bericht::Antwoord(rejected), Bericht::Declaratie(again)], d(2025, 6, 10));
    assert!(!has_issue(&r, IssueKind::DubbelReferentieNummer), "{:#?}", r.issues);
}

#[test]
fn a_generated_60000_line_pair_reconciles_exactly() {
    let pair = generate_pair(&PairConfig {
        seed: 42,
        clients: 10_000,
        lines_per_client: 6,
        reject_per_mille: 80,
        client_reject_per_mille: 15,
        credit_per_mille: 0,
        ..PairConfig::default()
    });
    let expected_rejected: std::collections::HashSet<String> = pair.afgewezen.iter().map(|r| r.to_string()).collect();
    let (berichten, r) = run(vec![Bericht::Declaratie(pair.declaratie), Bericht::Antwoord(pair.antwoord)], d(2025, 7, 1));
    assert!(r.issues.is_empty(), "{:?}", &r.issues[..r.issues.len().min(5)]);
    let view = r.declaratie(0).unwrap();
    assert_eq!(view.lines.len(), 60_000);
    let decl = berichten[0].as_declaratie().unwrap();
    let mut rejected_seen = std::collections::HashSet::new();
    for line in &view.lines {
        let p = &decl.declaratie.clienten[line.client].prestaties[line.prestatie];
        let listed = expected_rejected.contains(p.referentie());
        match line.status {
            LineStatus::Goedgekeurd => assert!(!listed, "{} should be rejected", p.referentie()),
            LineStatus::Afgewezen | LineStatus::NietBeoordeeld => {
                assert!(listed, "{} should be approved", p.referentie());
                rejected_seen.insert(p.referentie().to_string());
            }
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert_eq!(rejected_seen, expected_rejected);
    assert_eq!(view.bedragen.ingediend, pair.ingediend);
    assert_eq!(view.bedragen.toegekend, pair.toegekend);
    assert_eq!(view.bedragen.afgewezen, pair.ingediend - pair.toegekend);
    assert!(view.som_controle.unwrap().klopt);
    assert!(r.totalen.count(LineStatus::NietBeoordeeld) > 0, "the pair has rejected clients");
}

/// The demo is made relative to today: on any day, no message in it breaks a rule (a credit of
/// the current month would break TR137 until the month is over).
#[test]
fn the_demo_data_passes_every_rule_on_any_day() {
    for today in [d(2026, 11, 22), d(2027, 3, 1), d(2028, 3, 1), d(2027, 1, 1), d(2026, 12, 31), d(2027, 2, 28)] {
        let mut berichten = Vec::new();
        for (name, bytes) in kloppend::domain::demo::demo_files(today) {
            // The 301s are checked in tests/toewijzing.rs.
            if name.ends_with(".csv") || name.contains("301_") {
                continue;
            }
            let loaded = message::load(&bytes, &ValidationContext { today: Some(today) }).unwrap_or_else(|e| panic!("{name}: {e}"));
            let errors: Vec<_> = loaded.findings.iter().filter(|f| f.severity == kloppend::domain::findings::Severity::Error).collect();
            if !name.contains("DEMO09") || name.contains("323") {
                assert!(errors.is_empty(), "{today} {name}: {errors:#?}");
            }
            berichten.push(loaded.bericht);
        }
        let (_, r) = run(berichten, today);
        let rules: Vec<Rule> = r.issues.iter().map(|i| i.kind.rule()).collect();
        assert!(rules.iter().all(|rule| [Rule::OP090, Rule::TR342, Rule::Koppeling].contains(rule)), "{today}: {:#?}", r.issues);
    }
}

#[test]
fn the_demo_data_is_valid_and_shows_every_status() {
    let today = d(2026, 11, 22);
    let files = kloppend::domain::demo::demo_files(today);
    let mut berichten = Vec::new();
    let mut overzichten = Vec::new();
    for (name, bytes) in &files {
        assert!(name.starts_with("DEMO_"), "{name}");
        if name.contains("301_") {
            continue;
        }
        if name.ends_with(".csv") {
            overzichten.push(kloppend::domain::settlement::read_overzicht(bytes).unwrap_or_else(|e| panic!("{name}: {e}")));
            continue;
        }
        let loaded = message::load(bytes, &ValidationContext { today: Some(today) }).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<_> = loaded.findings.iter().filter(|f| f.severity == kloppend::domain::findings::Severity::Error).collect();
        // The TR342 demo answer is wrong on purpose; everything else is clean.
        if !name.contains("DEMO09") || name.contains("323") {
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
        support::xmllint_valid(name, std::str::from_utf8(bytes).unwrap(), loaded.bericht.bericht_type());
        berichten.push(loaded.bericht);
    }
    let (_, r) = run(berichten, today);
    for status in LineStatus::ALL {
        assert!(r.totalen.count(status) > 0, "the demo shows {status:?}: {:?}", r.totalen.per_status);
    }
    for kind in [IssueKind::AntwoordTeLaat, IssueKind::SomKloptNiet, IssueKind::AntwoordZonderDeclaratie] {
        assert!(has_issue(&r, kind), "the demo shows {kind:?}");
    }
    let verwerkingen: Vec<&Verwerking> = r.declaraties.iter().map(|v| &v.verwerking).collect();
    assert!(verwerkingen.iter().any(|v| matches!(v, Verwerking::TechnischAfgekeurd)));
    assert!(verwerkingen.iter().any(|v| matches!(v, Verwerking::GeheelAfgewezen { .. })));
    assert!(verwerkingen.iter().any(|v| matches!(v, Verwerking::WachtOpAntwoord { .. })));
    assert!(!has_issue(&r, IssueKind::CreditVanAfgewezenRegel) && !has_issue(&r, IssueKind::CreditWijktAf), "{:#?}", r.issues);
    // No history rule the gemeente applies is broken by the demo either.
    let history = [Rule::TR056, Rule::TR314, Rule::TR323, Rule::TR333, Rule::TR389, Rule::TR390];
    let broken: Vec<_> = r.issues.iter().filter(|i| history.contains(&i.kind.rule())).collect();
    assert!(broken.is_empty(), "{broken:#?}");

    // The settlement overviews show a partly offset claim that is still open.
    assert_eq!(overzichten.len(), 2);
    let berichten = files
        .iter()
        .filter(|(n, _)| n.ends_with(".xml") && !n.contains("301_"))
        .map(|(_, b)| message::load(b, &ValidationContext::default()).unwrap().bericht)
        .collect::<Vec<_>>();
    let declaraties: Vec<_> = berichten.iter().enumerate().filter_map(|(i, b)| b.as_declaratie().map(|d| (i, d))).collect();
    let refs: Vec<_> = overzichten.iter().enumerate().map(|(i, o)| (100 + i, o)).collect();
    let ledger = kloppend::domain::settlement::build_ledger(&refs, &declaraties);
    let claim = &ledger.claims[0];
    assert_eq!((claim.oorspronkelijk, claim.open, claim.verrekend()), (25_000, 9_000, 16_000));
    assert_eq!(claim.status, kloppend::domain::settlement::ledger::ClaimStatus::Open);
    assert!(ledger.rows.iter().all(|r| r.declaratie.is_some()), "every demo row matches a demo declaration");
}

/// Issue 29: an answer for another provider whose identification matches a loaded 323 is not
/// linked, and it says whose answer it is instead of asking to import a 323 that is loaded.
#[test]
fn an_answer_for_another_provider_says_whose_it_is() {
    let mut a = antwoord();
    a.header.header.ontvanger = "87654321".into();
    let berichten = [Bericht::Declaratie(debet()), Bericht::Antwoord(a)];
    let refs: Vec<&Bericht> = berichten.iter().collect();
    let r = reconcile(&refs, d(2025, 6, 20));
    assert!(r.declaraties[0].antwoord.is_none());
    assert!(!r.issues.iter().any(|i| i.kind == IssueKind::AntwoordZonderDeclaratie), "not a missing declaration");
    let issue = r.issues.iter().find(|i| i.kind == IssueKind::AntwoordVoorAnder).expect("reported");
    assert!(issue.message.contains("aan AGB 87654321") && issue.message.contains("een andere aanbieder"), "{}", issue.message);
    assert!(!issue.message.contains("Importeer de 323"), "{}", issue.message);
}
