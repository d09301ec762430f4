//! The 301 reader, the toewijzing register, the volume maxima (IV076–IV079) and the T rules
//! (TR304, TR307/TR308, TR321/TR322, TR338–TR341, TR369, TR384, TR387/TR388) on 323 lines.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use kloppend::domain::message::Eenheid;
use kloppend::domain::toewijzing::{Frequentie, read_toewijzing};

fn shared() -> PathBuf {
    std::env::var_os("KLOPPEND_SHARED").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn example(name: &str) -> Vec<u8> {
    let path = shared().join("istandaarden/examples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn reads_the_toewijzing_behind_the_shared_debit() {
    let t = read_toewijzing(&example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    assert_eq!(t.naam(), "WMO301");
    assert_eq!(t.gemeente(), "0363");
    assert_eq!(t.agb(), "12345678");
    assert_eq!(t.client.bsn, "999900006");
    assert_eq!(t.client.voorletters.as_deref(), Some("T"));
    let p = &t.client.producten;
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].toewijzing_nummer, 123456);
    assert_eq!(p[0].product.as_ref().unwrap().code.as_deref(), Some("02A01"));
    assert_eq!(p[0].ingangsdatum.to_string(), "2025-04-01");
    assert_eq!(p[0].einddatum.unwrap().to_string(), "2025-12-31");
    let omvang = p[1].omvang.as_ref().unwrap();
    assert_eq!((omvang.volume, omvang.eenheid.clone(), omvang.frequentie), (5, Eenheid::Uur, Frequentie::PerMaand));
}

#[test]
fn reads_every_official_example_301() {
    for name in ["toewijzing/wmo301_voorbeeld.xml", "toewijzing/jw301_voorbeeld.xml", "toewijzing/wmo301_bij_debet.xml"] {
        let t = read_toewijzing(&example(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!t.client.producten.is_empty(), "{name}");
    }
}

use chrono::NaiveDate;
use kloppend::domain::intake::Document;
use kloppend::domain::message::{Domein, Periode, ValidationContext};
use kloppend::domain::reconcile::IssueKind;
use kloppend::domain::rules::Rule;
use kloppend::domain::toewijzing::{Status, maxima};
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{Origin, StoredFile};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn workspace(files: &[(&str, Vec<u8>)], today: &str) -> Workspace {
    support::imported(files.iter().map(|(name, bytes)| (name.to_string(), bytes.clone())), d(today))
}

fn toewijzing_issues(w: &Workspace) -> Vec<(Rule, String)> {
    w.reconciliation
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::Toewijzing(_) | IssueKind::GeenToewijzing))
        .map(|i| (i.kind.rule(), i.message.clone()))
        .collect()
}

/// IV077's worked example: 3 hours a week from 07-10-2025 to 30-12-2025 allows 12, 15 and 15
/// hours in October, November and December, and 39 in total.
#[test]
fn the_iv077_worked_example() {
    let text = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    let text = text.replacen("<wmo301:Ingangsdatum>2025-04-01<", "<wmo301:Ingangsdatum>2025-10-07<", 1).replacen(
        "<wmo301:Einddatum>2025-12-31<",
        "<wmo301:Einddatum>2025-12-30<",
        1,
    );
    let t = read_toewijzing(text.as_bytes()).unwrap();
    let p = &t.client.producten[0];
    let month = |b: &str, e: &str| maxima::per_periode(Domein::Wmo, p, &Periode { begindatum: d(b), einddatum: d(e) });
    assert_eq!(month("2025-10-01", "2025-10-31"), Some(12));
    assert_eq!(month("2025-11-01", "2025-11-30"), Some(15));
    assert_eq!(month("2025-12-01", "2025-12-31"), Some(15));
    assert_eq!(month("2025-09-01", "2025-09-30"), None, "outside the toewijzing");
    assert_eq!(maxima::totaal(p), Some(39));
    // Per maand: the whole volume, also in a broken month; in total once per month touched.
    let q = &t.client.producten[1];
    assert_eq!(maxima::per_periode(Domein::Wmo, q, &Periode { begindatum: d("2025-04-01"), einddatum: d("2025-04-30") }), Some(5));
    assert_eq!(maxima::totaal(q), Some(45));
}

#[test]
fn the_household_help_cap_is_six_weeks_for_wmo_only() {
    let text =
        String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap().replacen("<iwmo:Categorie>02<", "<iwmo:Categorie>01<", 1);
    let t = read_toewijzing(text.as_bytes()).unwrap();
    let june = Periode { begindatum: d("2025-06-01"), einddatum: d("2025-06-30") };
    // June 2025 touches ISO weeks 23 to 27 and the Sunday 1 June week 22: six.
    assert_eq!(maxima::per_periode(Domein::Wmo, &t.client.producten[0], &june), Some(18));
    assert_eq!(maxima::per_periode(Domein::Jeugdwet, &t.client.producten[0], &june), Some(18));
    let may = Periode { begindatum: d("2025-05-01"), einddatum: d("2025-05-31") };
    assert_eq!(maxima::per_periode(Domein::Wmo, &t.client.producten[0], &may), Some(18), "Wmo 01: 6 x the weekly volume");
    assert_eq!(maxima::per_periode(Domein::Jeugdwet, &t.client.producten[0], &may), Some(15), "Jw: the ISO weeks (19 to 22, 5)");
}

/// The shared debit fits the toewijzing behind it: no T finding; a copy of the 301 that ends
/// 4001 on 15 May (a later version) gives 9308 for 123456; removing it with 13 gives 9384.
#[test]
fn the_shared_debit_against_its_toewijzing() {
    let debit = example("wmo323_debet.xml");
    let tw = example("toewijzing/wmo301_bij_debet.xml");
    let ok = workspace(&[("t.xml", tw.clone()), ("d.xml", debit.clone())], "2025-06-06");
    assert_eq!(toewijzing_issues(&ok), vec![]);
    assert_eq!(ok.toewijzingen.toewijzingen.len(), 2);

    let later = |einde: &str, reden: &str| {
        let text = String::from_utf8(tw.clone()).unwrap();
        text.replacen(
            "<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>",
            &format!("<wmo301:Einddatum>{einde}</wmo301:Einddatum>\n\t\t\t\t<wmo301:RedenWijziging>{reden}</wmo301:RedenWijziging>"),
            1,
        )
        .replacen("<wmo301:Toewijzingsdatum>2025-03-20<", "<wmo301:Toewijzingsdatum>2025-05-20<", 1)
        .into_bytes()
    };
    let shortened = workspace(&[("t.xml", tw.clone()), ("t2.xml", later("2025-05-15", "05")), ("d.xml", debit.clone())], "2025-06-06");
    let issues = toewijzing_issues(&shortened);
    assert_eq!(issues.iter().map(|i| i.0).collect::<Vec<_>>(), vec![Rule::TR308], "{issues:#?}");
    assert!(issues[0].1.contains("F2025050-001") && issues[0].1.contains("15-05-2025"), "{}", issues[0].1);
    let t = shortened.toewijzingen.get("0363", Domein::Wmo, 123456).unwrap();
    assert_eq!(t.versions.len(), 2);
    assert_eq!(t.current().product.einddatum, Some(d("2025-05-15")));
    assert_eq!(t.status(d("2025-05-01")), Status::Ingekort);

    let removed = workspace(&[("t2.xml", later("2025-04-01", "13")), ("t.xml", tw.clone()), ("d.xml", debit.clone())], "2025-06-06");
    assert_eq!(toewijzing_issues(&removed).iter().map(|i| i.0).collect::<Vec<_>>(), vec![Rule::TR384]);
    assert_eq!(removed.toewijzingen.get("0363", Domein::Wmo, 123456).unwrap().status(d("2025-06-06")), Status::Verwijderd);

    // An answered line gets no verdict: the 325 has spoken.
    let answered =
        workspace(&[("t2.xml", later("2025-05-15", "05")), ("d.xml", debit), ("a.xml", example("wmo325_antwoord.xml"))], "2025-06-20");
    assert_eq!(toewijzing_issues(&answered), vec![]);
}

#[test]
fn a_broken_301_is_refused_with_element_and_place() {
    let tw = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    let cases = [
        (tw.replacen("<iwmo:Frequentie>2<", "<iwmo:Frequentie>3<", 1), "Frequentie '3'"),
        (tw.replacen("<wmo301:Toewijzingstijd>10:15:00<", "<wmo301:Toewijzingstijd>10:15<", 1), "Toewijzingstijd"),
        (tw.replacen("<wmo301:Bsn>999900006<", "<wmo301:Bsn>999900007<", 1), "elfproef"),
        (tw.replacen("<wmo301:Ingangsdatum>2025-04-01</wmo301:Ingangsdatum>", "", 1), "Ingangsdatum"),
        (tw.replacen("<wmo301:Afzender>0363<", "<wmo301:Afzender>363<", 1), "gemeentecode van 4 cijfers"),
    ];
    for (text, expected) in cases {
        let error = read_toewijzing(text.as_bytes()).unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains(expected), "{expected}: {shown}");
        assert!(error.location.is_some(), "{expected}: no location in {shown}");
        assert!(!shown.contains("999900007"), "the BSN is not shown: {shown}");
    }
}

#[test]
fn every_301_fixture_passes_the_xsd() {
    let xsd = shared().join("istandaarden/xsd/wmo/WMO301.xsd");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut files: Vec<PathBuf> = ["wmo301_a.xml", "wmo301_b.xml"].iter().map(|n| dir.join(n)).collect();
    files.push(shared().join("istandaarden/examples/toewijzing/wmo301_bij_debet.xml"));
    let output = std::process::Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).args(&files).output().expect("xmllint");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for file in &files {
        assert!(read_toewijzing(&std::fs::read(file).unwrap()).is_ok(), "{}", file.display());
    }
}

/// The meters of the Toewijzingen screen for the shared debit and its 301 in May 2025: 123456
/// allows 3 hours a week (May 2025 touches ISO weeks 18 to 22: 15 hours), 123457 5 hours a month.
#[test]
fn the_meters_of_the_shared_debit() {
    use kloppend::domain::view::toewijzingen::{ToewijzingFilter, ToewijzingenModel, volume_text};
    let files = [("t.xml", example("toewijzing/wmo301_bij_debet.xml")), ("d.xml", example("wmo323_debet.xml"))];
    let pending = workspace(&files, "2025-06-06");
    let model = ToewijzingenModel::build(&pending, &ToewijzingFilter::default());
    assert_eq!(model.rows.len(), 2);
    let row = |m: &ToewijzingenModel, nummer: u64| m.rows.iter().find(|r| r.key.nummer == nummer).cloned().unwrap();
    let a = row(&model, 123456);
    assert_eq!(
        (a.omvang.as_str(), a.product.as_str(), a.status, a.voorletters.as_str()),
        ("3 uur per week", "02 02A01", Status::Actief, "T")
    );
    assert_eq!(a.months.len(), 9, "April to December 2025");
    let may = a.months.iter().find(|m| m.label == "mei 2025").unwrap();
    assert_eq!(may.maximum, Some(15 * 60));
    assert_eq!((may.pending, may.approved, may.rejected, may.left()), (8 * 60, 0, 0, Some(7 * 60)));
    assert_eq!(volume_text(may.left().unwrap() as u64, a.eenheid.as_ref()), "7 uur");
    // April 2025 touches weeks 14 to 18: 5 weeks, 15 hours; the whole toewijzing 40 weeks.
    assert_eq!(a.months[0].maximum, Some(15 * 60));
    assert_eq!(a.total.maximum, Some(3 * 40 * 60));
    let b = row(&model, 123457);
    let may_b = b.months.iter().find(|m| m.label == "mei 2025").unwrap();
    assert_eq!((may_b.maximum, may_b.pending), (Some(5 * 60), 4 * 60));
    assert_eq!(b.total.maximum, Some(5 * 9 * 60));

    let mut answered = files.to_vec();
    answered.push(("a.xml", example("wmo325_antwoord.xml")));
    let answered = workspace(&answered, "2025-06-20");
    let model = ToewijzingenModel::build(&answered, &ToewijzingFilter::default());
    let may = row(&model, 123456).months.into_iter().find(|m| m.label == "mei 2025").unwrap();
    assert_eq!((may.approved, may.pending, may.rejected), (8 * 60, 0, 0));
    let may_b = row(&model, 123457).months.into_iter().find(|m| m.label == "mei 2025").unwrap();
    assert_eq!((may_b.approved, may_b.rejected, may_b.left()), (0, 4 * 60, Some(5 * 60)));

    let filtered = ToewijzingenModel::build(&answered, &ToewijzingFilter { gemeente: Some("0344".into()), status: None });
    assert_eq!((filtered.rows.len(), filtered.total), (0, 2));
}

/// Te doen from the toewijzingen: fix lines before upload, credit approved lines a newer 301
/// put outside the toewijzing, ask in time when a toewijzing ends, declare a month left out.
#[test]
fn te_doen_from_the_toewijzingen() {
    use kloppend::domain::overview::Bron;
    use kloppend::domain::term::Terms;
    use kloppend::domain::todo::{self, TodoKind};
    let tw = example("toewijzing/wmo301_bij_debet.xml");
    let shortened = String::from_utf8(tw.clone())
        .unwrap()
        .replacen(
            "<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>",
            "<wmo301:Einddatum>2025-05-15</wmo301:Einddatum>\n\t\t\t\t<wmo301:RedenWijziging>05</wmo301:RedenWijziging>",
            1,
        )
        .replacen("<wmo301:Toewijzingsdatum>2025-03-20<", "<wmo301:Toewijzingsdatum>2025-06-20<", 1)
        .into_bytes();
    let debit = example("wmo323_debet.xml");
    let kinds = |w: &Workspace, today: &str| -> Vec<(TodoKind, String, usize)> {
        todo::build(w, &[], &Terms::default(), Bron::Alle, d(today)).open.into_iter().map(|t| (t.kind, t.title, t.lines.len())).collect()
    };

    let before_answer = workspace(&[("t.xml", tw.clone()), ("t2.xml", shortened.clone()), ("d.xml", debit.clone())], "2025-06-21");
    let items = kinds(&before_answer, "2025-06-21");
    assert!(
        items.iter().any(|(k, title, _)| *k == TodoKind::FitToewijzing && title.contains("1 regel van declaratie F2025050")),
        "{items:#?}"
    );

    let after_answer = workspace(
        &[("t.xml", tw.clone()), ("d.xml", debit.clone()), ("a.xml", example("wmo325_antwoord.xml")), ("t2.xml", shortened)],
        "2025-06-21",
    );
    let items = kinds(&after_answer, "2025-06-21");
    let credit: Vec<_> = items.iter().filter(|(k, _, _)| *k == TodoKind::CreditOutsideToewijzing).collect();
    assert_eq!(credit.len(), 1, "{items:#?}");
    assert!(credit[0].1.contains("toewijzing 123456") && credit[0].2 == 1, "{credit:?}");
    assert!(!items.iter().any(|(k, _, _)| *k == TodoKind::FitToewijzing), "an answered line is not to fix: {items:#?}");

    let late = workspace(&[("t.xml", tw.clone()), ("d.xml", debit.clone())], "2025-11-25");
    let ending: Vec<_> = kinds(&late, "2025-11-25").into_iter().filter(|(k, _, _)| *k == TodoKind::ToewijzingEnds).collect();
    assert_eq!(ending.len(), 2, "both end on 31-12-2025: {ending:?}");
    assert!(ending[0].1.contains("31-12-2025"));

    // May and July declared, June not: a gap.
    let july = String::from_utf8(debit.clone())
        .unwrap()
        .replace("2025-05", "2025-07")
        .replace("F2025050", "F2025070")
        .replace("DECL2025050", "DECL2025070")
        .replace("2025-06-05", "2025-08-05")
        .into_bytes();
    let gap = workspace(&[("t.xml", tw), ("d.xml", debit), ("j.xml", july)], "2025-08-10");
    let items = kinds(&gap, "2025-08-10");
    let months: Vec<_> = items.iter().filter(|(k, _, _)| *k == TodoKind::MonthNotDeclared).collect();
    assert_eq!(months.len(), 2, "{items:#?}");
    assert!(months.iter().all(|(_, title, _)| title.contains("juni 2025") && !title.contains("mei")), "{months:?}");
}

/// The demo's 301s pass the XSD and tell their three stories: a toewijzing that ends soon, an
/// unanswered line the gemeente would reject (9340), and an approved line a later 301 put
/// outside its toewijzing.
#[test]
fn the_demo_has_301s_with_its_stories() {
    use kloppend::domain::overview::Bron;
    use kloppend::domain::term::Terms;
    use kloppend::domain::todo::{self, TodoKind};
    for today in ["2026-11-22", "2027-03-01", "2027-01-01"] {
        let files = kloppend::domain::demo::demo_files(d(today));
        let toewijzingen: Vec<_> = files.iter().filter(|(n, _)| n.contains("301_")).collect();
        assert!(toewijzingen.len() >= 5, "{}", toewijzingen.len());
        let dir = std::env::temp_dir().join(format!("kloppend-demo301-{}-{today}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths = Vec::new();
        for (name, bytes) in &toewijzingen {
            assert!(read_toewijzing(bytes).is_ok(), "{name}");
            if name.starts_with("DEMO_WMO301") {
                let path = dir.join(name);
                std::fs::write(&path, bytes).unwrap();
                paths.push(path);
            }
        }
        let xsd = shared().join("istandaarden/xsd/wmo/WMO301.xsd");
        let output = std::process::Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).args(&paths).output().expect("xmllint");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::remove_dir_all(&dir).ok();

        let named: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let w = workspace(&named, today);
        let t_rules: Vec<Rule> = toewijzing_issues(&w).into_iter().map(|(r, _)| r).collect();
        assert_eq!(t_rules, vec![Rule::TR340], "{today}: only the planted misfit");
        let kinds: Vec<TodoKind> = todo::build(&w, &[], &Terms::default(), Bron::Alle, d(today)).open.into_iter().map(|t| t.kind).collect();
        for kind in [TodoKind::FitToewijzing, TodoKind::CreditOutsideToewijzing, TodoKind::ToewijzingEnds] {
            assert!(kinds.contains(&kind), "{today}: {kind:?} missing from {kinds:?}");
        }
    }
}

/// Generated 301s (every unit the generator makes, several months and seeds) pass the XSD, read
/// back as written, and fit the declarations they were made for: no T verdict on any line.
#[test]
fn generated_301s_pass_the_xsd_and_fit_their_declarations() {
    use kloppend::domain::generate::{PairConfig, generate_pair};
    use kloppend::domain::message::{Bericht, write::write};
    use kloppend::domain::toewijzing::{toewijzingen_for, write_toewijzing};
    let dir = std::env::temp_dir().join(format!("kloppend-gen301-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for seed in 1..=6u64 {
        let maand = NaiveDate::from_ymd_opt(2024, seed as u32 * 2, 1).unwrap();
        let pair = generate_pair(&PairConfig {
            seed,
            maand,
            dagtekening: maand + chrono::Duration::days(40),
            clients: 30,
            lines_per_client: 4,
            ..PairConfig::default()
        });
        let sent = maand - chrono::Duration::days(15);
        let toewijzingen = toewijzingen_for(&[&pair.declaratie], sent, &format!("S{seed}"));
        assert_eq!(toewijzingen.len(), 30);
        let mut files = vec![("d.xml".to_string(), write(&Bericht::Declaratie(pair.declaratie.clone())).into_bytes())];
        for (i, t) in toewijzingen.iter().enumerate() {
            let xml = write_toewijzing(t);
            assert_eq!(&read_toewijzing(xml.as_bytes()).unwrap(), t, "seed {seed}, 301 {i} reads back as written");
            let path = dir.join(format!("{seed}-{i}.xml"));
            std::fs::write(&path, &xml).unwrap();
            paths.push(path);
            files.push((format!("t{i}.xml"), xml.into_bytes()));
        }
        let named: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let w = workspace(&named, "2026-01-01");
        assert_eq!(toewijzing_issues(&w), vec![], "seed {seed}");
    }
    let xsd = shared().join("istandaarden/xsd/wmo/WMO301.xsd");
    let output = std::process::Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).args(&paths).output().expect("xmllint");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr).lines().take(5).collect::<Vec<_>>().join("\n"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The 302, 305 and 307 examples are recognised and read for what Te doen needs.
#[test]
fn reads_the_302_305_and_307_examples() {
    use kloppend::domain::toewijzing::{MeldingSoort, read_melding};
    for (name, soort) in [
        ("toewijzing/jw302_voorbeeld.xml", MeldingSoort::Retour),
        ("toewijzing/jw305_voorbeeld.xml", MeldingSoort::Start),
        ("toewijzing/jw307_voorbeeld.xml", MeldingSoort::Stop),
        ("toewijzing/wmo305_voorbeeld.xml", MeldingSoort::Start),
        ("toewijzing/wmo307_voorbeeld.xml", MeldingSoort::Stop),
    ] {
        let m = read_melding(&example(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(m.soort, soort, "{name}");
        // A 302 without errors is its header alone.
        assert!(soort == MeldingSoort::Retour || !m.producten.is_empty(), "{name}");
        match soort {
            MeldingSoort::Retour => assert!(m.retour_van.is_some(), "{name}"),
            MeldingSoort::Start => assert!(m.producten.iter().all(|p| p.begindatum.is_some()), "{name}: {:?}", m.producten),
            MeldingSoort::Stop => assert!(m.producten.iter().all(|p| p.einddatum.is_some()), "{name}: {:?}", m.producten),
        }
        let doc = Document::analyse(&StoredFile::new(name.to_string(), example(name), Origin::Import, 0.0), &ValidationContext::default());
        assert!(doc.melding().is_some(), "{name} is stored as a melding");
    }
    let broken = String::from_utf8(example("toewijzing/wmo305_voorbeeld.xml")).unwrap().replacen(
        "<wmo305:BerichtCode>418<",
        "<wmo305:BerichtCode>414<",
        1,
    );
    assert!(read_melding(broken.as_bytes()).unwrap_err().to_string().contains("BerichtCode"));
}

/// 302/305/307 reminders come only when the provider keeps such messages in the archive: with
/// a 305 for 123456 (and none for 123457) and a 302 for another 301, Te doen asks for the 302
/// of this 301 and the 305 of 123457; without any 305, no start reminder at all.
#[test]
fn reminders_for_302_and_305_only_where_they_are_kept() {
    use kloppend::domain::overview::Bron;
    use kloppend::domain::term::Terms;
    use kloppend::domain::todo::{self, TodoKind};
    let start = String::from_utf8(example("toewijzing/wmo305_voorbeeld.xml"))
        .unwrap()
        .replace(">300201<", ">123456<")
        .replace(">300202<", ">123456<")
        .into_bytes();
    let retour = example("toewijzing/jw302_voorbeeld.xml");
    let base = [("t.xml", example("toewijzing/wmo301_bij_debet.xml")), ("d.xml", example("wmo323_debet.xml"))];
    let titles = |files: &[(&str, Vec<u8>)], kind: TodoKind| -> Vec<String> {
        let w = workspace(files, "2025-06-20");
        todo::build(&w, &[], &Terms::default(), Bron::Alle, d("2025-06-20"))
            .open
            .into_iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.title)
            .collect()
    };
    let mut kept = base.to_vec();
    kept.push(("s.xml", start));
    kept.push(("r.xml", retour));
    assert_eq!(
        titles(&kept, TodoKind::SendStart),
        vec!["Start zorg (305) versturen voor toewijzing 123457 (Amsterdam (0363))".to_string()]
    );
    let retours = titles(&kept, TodoKind::SendRetour);
    assert_eq!(retours.len(), 1, "{retours:?}");
    assert!(retours[0].contains("TW2025032001"), "{retours:?}");
    assert!(titles(&kept, TodoKind::SendStop).is_empty(), "no 307 kept: no stop reminder");
    assert!(titles(&base, TodoKind::SendStart).is_empty() && titles(&base, TodoKind::SendRetour).is_empty(), "nothing kept: no reminders");
}

/// A broken month is right when the toewijzing starts or ends there: the single-message
/// warning (TR387/TR388, "only right if the toewijzing starts that day") is then not shown,
/// and it stays for a line the toewijzing does not explain.
#[test]
fn a_partial_month_the_toewijzing_explains_is_not_warned_about() {
    let tw = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap().replacen(
        "<wmo301:Ingangsdatum>2025-04-01<",
        "<wmo301:Ingangsdatum>2025-05-12<",
        1,
    );
    let debit = String::from_utf8(example("wmo323_debet.xml")).unwrap();
    // Line 1 (123456) from 12 May, as its toewijzing; line 2 (123457) from 20 May, unexplained.
    let mut parts: Vec<&str> = debit.split("<wmo323:ProductPeriode>").collect();
    let line1 = parts[1].replacen("2025-05-01", "2025-05-12", 1);
    let line2 = parts[2].replacen("2025-05-01", "2025-05-20", 1);
    parts[1] = &line1;
    parts[2] = &line2;
    let debit = parts.join("<wmo323:ProductPeriode>");
    let w = workspace(&[("t.xml", tw.into_bytes()), ("d.xml", debit.into_bytes())], "2025-06-06");
    let doc = w.documents.iter().find(|d| d.loaded().is_some()).unwrap();
    let all: Vec<_> = doc.loaded().unwrap().findings.iter().filter(|f| f.rule == Rule::TR387).collect();
    assert_eq!(all.len(), 2, "the file alone warns about both lines");
    let shown: Vec<_> = w.shown_findings(doc).into_iter().filter(|f| f.rule == Rule::TR387).collect();
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(shown[0].message.contains("2025-05-20"), "{}", shown[0].message);
    // The T check agrees: line 2 is 9387, line 1 is fine.
    let t: Vec<_> = toewijzing_issues(&w);
    assert_eq!(t.iter().map(|i| i.0).collect::<Vec<_>>(), vec![Rule::TR387], "{t:#?}");
}

/// TR378 uses the CBS list current on the toewijzing's Ingangsdatum: a gemeente code merged
/// away later is warned about from the file alone, but not once that gemeente's own 301 is loaded.
#[test]
fn a_gemeentecode_the_gemeentes_own_301_uses_is_not_warned_about() {
    let retired = "0000";
    let debit = String::from_utf8(example("wmo323_debet.xml"))
        .unwrap()
        .replace("<wmo323:Ontvanger>0363<", &format!("<wmo323:Ontvanger>{retired}<"));
    let tw = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml"))
        .unwrap()
        .replace("<wmo301:Afzender>0363<", &format!("<wmo301:Afzender>{retired}<"));
    let alone = workspace(&[("d.xml", debit.clone().into_bytes())], "2025-06-06");
    let doc = alone.documents.iter().find(|d| d.loaded().is_some()).unwrap();
    assert!(alone.shown_findings(doc).iter().any(|f| f.rule == Rule::TR378));
    let with = workspace(&[("t.xml", tw.into_bytes()), ("d.xml", debit.into_bytes())], "2025-06-06");
    let doc = with.documents.iter().find(|d| d.loaded().is_some()).unwrap();
    assert!(!with.shown_findings(doc).iter().any(|f| f.rule == Rule::TR378));
}

/// The maxima grid: per dag, per week, per maand and totaal, for hours and for other units, in
/// a whole month, a broken month and over the whole toewijzing (IV076–IV079).
#[test]
fn the_maxima_per_frequentie_and_unit() {
    let text = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    let with = |volume: &str, eenheid: &str, frequentie: &str, ingang: &str, eind: &str| {
        let t = text
            .replacen("<iwmo:Volume>3<", &format!("<iwmo:Volume>{volume}<"), 1)
            .replacen("<iwmo:Eenheid>04<", &format!("<iwmo:Eenheid>{eenheid}<"), 1)
            .replacen("<iwmo:Frequentie>2<", &format!("<iwmo:Frequentie>{frequentie}<"), 1)
            .replacen("<wmo301:Ingangsdatum>2025-04-01<", &format!("<wmo301:Ingangsdatum>{ingang}<"), 1)
            .replacen("<wmo301:Einddatum>2025-12-31<", &format!("<wmo301:Einddatum>{eind}<"), 1);
        read_toewijzing(t.as_bytes()).unwrap().client.producten[0].clone()
    };
    let periode = |b: &str, e: &str| Periode { begindatum: d(b), einddatum: d(e) };
    let june = periode("2025-06-01", "2025-06-30");
    // Per dag: volume × days within the toewijzing; leap February.
    let per_dag = with("2", "04", "1", "2025-06-10", "2025-12-31");
    assert_eq!(maxima::per_periode(Domein::Wmo, &per_dag, &june), Some(2 * 21));
    assert_eq!(maxima::totaal(&per_dag), Some(2 * 205));
    let leap = with("1", "04", "1", "2024-01-01", "2024-12-31");
    assert_eq!(maxima::per_periode(Domein::Wmo, &leap, &periode("2024-02-01", "2024-02-29")), Some(29));
    // Per week in units other than hours: ISO weeks touched (June 2025: weeks 22 to 27).
    let per_week = with("4", "16", "2", "2025-01-01", "2025-12-31");
    assert_eq!(maxima::per_periode(Domein::Jeugdwet, &per_week, &june), Some(4 * 6));
    // Per maand: the whole volume in a broken month, months touched over the toewijzing.
    let per_maand = with("10", "04", "4", "2025-06-20", "2025-08-05");
    assert_eq!(maxima::per_periode(Domein::Wmo, &per_maand, &june), Some(10));
    assert_eq!(maxima::totaal(&per_maand), Some(30));
    // Totaal: the volume is the cap in any period and over the whole toewijzing, also open-ended.
    let totaal = with("40", "04", "6", "2025-01-01", "2025-12-31");
    assert_eq!((maxima::per_periode(Domein::Wmo, &totaal, &june), maxima::totaal(&totaal)), (Some(40), Some(40)));
    // Outside the toewijzing there is no maximum (TR307/TR308 speak there).
    assert_eq!(maxima::per_periode(Domein::Wmo, &per_maand, &periode("2025-09-01", "2025-09-30")), None);
}

/// Versions: a later 301 that extends the Einddatum lets the line through; an administrative
/// correction (14) is a version like any other (the newest counts); an older 301 loaded after a
/// newer one does not win.
#[test]
fn versions_extend_correct_and_order_by_toewijzingsdatum() {
    let tw = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    let version = |einde: &str, reden: &str, datum: &str, id: &str| {
        tw.replacen(
            "<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>",
            &format!("<wmo301:Einddatum>{einde}</wmo301:Einddatum>\n\t\t\t\t<wmo301:RedenWijziging>{reden}</wmo301:RedenWijziging>"),
            1,
        )
        .replacen("<wmo301:Toewijzingsdatum>2025-03-20<", &format!("<wmo301:Toewijzingsdatum>{datum}<"), 1)
        .replace("TW2025032001", id)
        .into_bytes()
    };
    let debit = example("wmo323_debet.xml");
    let short = version("2025-05-15", "05", "2025-04-10", "TW1");
    let extended = version("2026-06-30", "04", "2025-04-20", "TW2");
    let corrected = version("2025-05-20", "14", "2025-04-25", "TW3");
    let rules = |files: &[(&str, Vec<u8>)]| toewijzing_issues(&workspace(files, "2025-06-06")).into_iter().map(|i| i.0).collect::<Vec<_>>();
    // Shortened, then extended: the extension is newest and covers May.
    assert_eq!(rules(&[("a", tw.clone().into_bytes()), ("b", short.clone()), ("c", extended.clone()), ("d", debit.clone())]), vec![]);
    // Loaded in another order, the same outcome: order is by Toewijzingsdatum, not by loading.
    assert_eq!(rules(&[("c", extended.clone()), ("b", short.clone()), ("a", tw.clone().into_bytes()), ("d", debit.clone())]), vec![]);
    // An administrative correction to 20 May, newest of all: 9308 for the May line.
    assert_eq!(rules(&[("c", extended), ("e", corrected), ("a", tw.into_bytes()), ("d", debit)]), vec![Rule::TR308]);
}

/// The declaration view shows a T verdict on the line it is about, with its code.
#[test]
fn the_declaration_view_shows_the_verdict_on_its_line() {
    use kloppend::domain::view::declaration::{DeclarationModel, LineFilter, TableRow};
    use kloppend::domain::view::paging::Page;
    let tw = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap().replacen("<iwmo:Code>02A01<", "<iwmo:Code>02A09<", 1);
    let w = workspace(&[("t.xml", tw.into_bytes()), ("d.xml", example("wmo323_debet.xml"))], "2025-06-06");
    let id = w.documents.iter().find(|d| d.loaded().is_some()).unwrap().file.id.clone();
    let model = DeclarationModel::build(&w, &id, LineFilter::default()).unwrap();
    let rows = model.rows(&w, Page::of(model.lines.len(), 250, 0));
    let expected: Vec<(String, Vec<String>)> = rows
        .iter()
        .filter_map(|r| match r {
            TableRow::Line(l) => Some((l.referentie.clone(), l.expected.iter().map(|(c, _)| c.clone()).collect())),
            TableRow::Client { .. } => None,
        })
        .collect();
    assert_eq!(expected, vec![("F2025050-001".to_string(), vec!["9340".to_string()]), ("F2025050-002".to_string(), vec![])]);
}

/// Te doen does not ask to declare the next month of a toewijzing whose whole volume is used
/// (the gemeente would reject more with 9322): the example's 123456 given a total of 8 hours,
/// which its approved May line uses.
#[test]
fn a_used_up_toewijzing_is_not_asked_for_again() {
    use kloppend::domain::overview::Bron;
    use kloppend::domain::term::Terms;
    use kloppend::domain::todo::{self, TodoKind};
    let tw = String::from_utf8(example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    let first = tw.find("<iwmo:Volume>3</iwmo:Volume>").expect("123456's volume");
    let total = format!("{}<iwmo:Volume>8</iwmo:Volume>{}", &tw[..first], &tw[first + "<iwmo:Volume>3</iwmo:Volume>".len()..]).replacen(
        "<iwmo:Frequentie>2</iwmo:Frequentie>",
        "<iwmo:Frequentie>6</iwmo:Frequentie>",
        1,
    );
    let files = |tw: Vec<u8>| vec![("t.xml", tw), ("d.xml", example("wmo323_debet.xml")), ("a.xml", example("wmo325_antwoord.xml"))];
    let asked = |w: &Workspace| -> Vec<String> {
        let list = todo::build(w, &[], &Terms::default(), Bron::Alle, d("2025-08-10"));
        list.open.into_iter().filter(|t| t.kind == TodoKind::MonthNotDeclared).map(|t| t.reason).collect()
    };
    let weekly = asked(&workspace(&files(tw.clone().into_bytes()), "2025-08-10"));
    assert!(!weekly.is_empty() && weekly.iter().all(|r| r.contains("123456")), "3 hours a week: June and July are asked for: {weekly:?}");
    let used_up = asked(&workspace(&files(total.into_bytes()), "2025-08-10"));
    assert!(used_up.iter().all(|r| !r.contains("123456")), "8 hours in all, 8 declared: nothing more to declare: {used_up:?}");
}
