//! Declareren: the monthly debit 323 from the toewijzingen (issue 28). The builder against the
//! shared example, generated toewijzingen of every kind against the XSD and Kloppend's own
//! rulebook, refusals before a file exists, and the timesheet reader.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use kloppend::domain::calendar::{first_of_month, last_of_month};
use kloppend::domain::credit::{Groep, ReferentieSchema};
use kloppend::domain::declare::{self, Archive, DeclareError, Entry, Request, Volume};
use kloppend::domain::message::{Bericht, BerichtIdentificatie, BerichtType, Domein, Eenheid, Header, ProductCategorie, read::read};
use kloppend::domain::rules::Rule;
use kloppend::domain::timesheet::{Hoeveel, Wanneer, Wie, read_urenstaat};
use kloppend::domain::toewijzing::write_toewijzing;
use kloppend::domain::toewijzing::{Frequentie, Omvang, Product, ToegewezenProduct, ToewijzingClient, Toewijzingbericht};
use kloppend::domain::view::declare::{Choice, DeclareModel, NumberEdits, RowInput, fill, plan};
use kloppend::domain::workspace::Workspace;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn workspace(files: &[(String, Vec<u8>)], today: NaiveDate) -> Workspace {
    support::imported(files.iter().cloned(), today)
}

fn groep(domein: Domein) -> Groep {
    Groep { domein, agb: "12345678".into(), gemeente: "0363".into() }
}

fn request(groep: Groep, maand: NaiveDate, entries: Vec<Entry>, dagtekening: NaiveDate) -> Request {
    Request {
        groep,
        maand,
        entries,
        declaratie_nummer: "F2025050".into(),
        bericht_identificatie: "DECL2025050".into(),
        declaratie_periode: kloppend::domain::message::Periode { begindatum: first_of_month(maand), einddatum: last_of_month(maand) },
        dagtekening,
        referenties: ReferentieSchema::Volgnummer { width: 3 },
    }
}

fn build(w: &Workspace, request: &Request) -> Result<declare::Made, DeclareError> {
    let refs = w.refs();
    let tarieven = w.tarieven();
    let archive =
        Archive { berichten: &refs, eerder: &[], reconciliation: &w.reconciliation, toewijzingen: &w.toewijzingen, tarieven: &tarieven };
    declare::build(&archive, request)
}

fn hours(nummer: u64, h: u64, tarief: u64) -> Entry {
    Entry { nummer, volume: Volume::Minuten(h * 60), tarief: Some(tarief), product: None }
}

/// The issue's example: the 301 behind the shared debit with 8 hours for 123456 and 4 hours for
/// 123457 in May 2025 at € 60,00 and € 55,00 gives the shared debit (numbers and dates aside).
#[test]
fn the_shared_debit_from_its_toewijzing() {
    let today = d("2025-06-05");
    let w = workspace(&[("wmo301.xml".into(), support::example("toewijzing/wmo301_bij_debet.xml"))], today);
    let made = build(&w, &request(groep(Domein::Wmo), d("2025-05-01"), vec![hours(123456, 8, 6000), hours(123457, 4, 5500)], today))
        .unwrap_or_else(|e| panic!("{e}"));
    let Bericht::Declaratie(expected) = read(&support::example("wmo323_debet.xml")).unwrap().bericht else { panic!() };
    let got = &made.bericht;
    assert_eq!(got.header.afzender, expected.header.afzender);
    assert_eq!(got.header.ontvanger, expected.header.ontvanger);
    assert_eq!(got.header.bericht_code, expected.header.bericht_code);
    assert_eq!(got.declaratie.declaratie_periode, expected.declaratie.declaratie_periode);
    assert_eq!(got.declaratie.totaal_ingediend_bedrag, expected.declaratie.totaal_ingediend_bedrag);
    assert_eq!(got.declaratie.clienten.len(), expected.declaratie.clienten.len());
    for (g, e) in got.declaratie.clienten.iter().zip(&expected.declaratie.clienten) {
        assert_eq!(g.bsn, e.bsn);
        let strip = |p: &kloppend::domain::message::Prestatie| {
            (
                p.toewijzing_nummer,
                p.product_categorie.clone(),
                p.product_code.clone(),
                p.product_periode,
                p.geleverd_volume,
                p.eenheid.clone(),
                p.product_tarief,
                p.ingediend_bedrag.clone(),
            )
        };
        assert_eq!(g.prestaties.iter().map(strip).collect::<Vec<_>>(), e.prestaties.iter().map(strip).collect::<Vec<_>>());
    }
    support::xmllint_valid("Declareren", &made.xml, BerichtType::WMO323);
    assert!(made.findings.is_empty(), "{:?}", made.findings);
    assert_eq!(made.regels.iter().map(|r| r.0).collect::<Vec<_>>(), vec![123456, 123457]);
    assert!(made.file_name.starts_with("WMO323_0363_F2025050_declaratie_2025-05"), "{}", made.file_name);

    // Re-read, the file is a 323 without a finding, and it counts as waiting in the archive.
    let again = workspace(
        &[
            ("wmo301.xml".into(), support::example("toewijzing/wmo301_bij_debet.xml")),
            (made.file_name.clone(), made.xml.clone().into_bytes()),
        ],
        today,
    );
    let doc = &again.documents[1];
    assert!(doc.loaded().is_some() && again.shown_findings(doc).is_empty(), "{:?}", again.shown_findings(doc));
    assert!(again.reconciliation.issues.is_empty(), "{:?}", again.reconciliation.issues);
    // The same month again is refused: the gemeente rejects a second debit (TR389).
    let twice = build(
        &again,
        &request(groep(Domein::Wmo), d("2025-05-01"), vec![hours(123456, 8, 6000)], today).with_numbers("F2025051", "DECL2025051"),
    );
    let Err(DeclareError::Afgewezen(r)) = twice else { panic!("{twice:?}") };
    assert!(r.regels.iter().any(|p| p.rule == Some(Rule::TR389) && p.nummer == 123456), "{r:?}");
}

trait WithNumbers {
    fn with_numbers(self, nummer: &str, id: &str) -> Self;
}

impl WithNumbers for Request {
    fn with_numbers(mut self, nummer: &str, id: &str) -> Self {
        self.declaratie_nummer = nummer.into();
        self.bericht_identificatie = id.into();
        self
    }
}

#[test]
fn volumes_over_the_maximum_and_missing_tariffs_are_refused_before_a_file_exists() {
    let today = d("2025-06-05");
    let w = workspace(&[("wmo301.xml".into(), support::example("toewijzing/wmo301_bij_debet.xml"))], today);
    // 123457 allows 5 hours a month; 123456 3 a week (5 ISO weeks in May: 15).
    let over = build(&w, &request(groep(Domein::Wmo), d("2025-05-01"), vec![hours(123456, 16, 6000), hours(123457, 6, 5500)], today));
    let Err(DeclareError::Afgewezen(r)) = over else { panic!("{over:?}") };
    let rules: Vec<(u64, Option<Rule>, Option<&str>)> = r.regels.iter().map(|p| (p.nummer, p.rule, p.code)).collect();
    assert!(rules.contains(&(123456, Some(Rule::TR321), Some("9321"))), "{rules:?}");
    assert!(rules.contains(&(123457, Some(Rule::TR321), Some("9321"))), "{rules:?}");
    // Exactly the maximum passes.
    build(&w, &request(groep(Domein::Wmo), d("2025-05-01"), vec![hours(123456, 15, 6000), hours(123457, 5, 5500)], today)).unwrap();
    let no_tariff = Entry { nummer: 123456, volume: Volume::Minuten(60), tarief: None, product: None };
    let Err(DeclareError::Afgewezen(r)) = build(&w, &request(groep(Domein::Wmo), d("2025-05-01"), vec![no_tariff], today)) else {
        panic!()
    };
    assert!(r.regels[0].message.contains("tarief"), "{r:?}");
    // A month outside the toewijzing (it starts in April) offers nothing.
    assert!(declare::declarable(&w.toewijzingen, &groep(Domein::Wmo), d("2025-03-01")).is_empty());
    // The month must be over on the Dagtekening (TR137).
    let early = build(&w, &request(groep(Domein::Wmo), d("2025-05-01"), vec![hours(123456, 8, 6000)], d("2025-05-20")));
    let Err(DeclareError::Afgewezen(r)) = early else { panic!("{early:?}") };
    assert!(r.bericht.iter().any(|m| m.contains("TR137")), "{r:?}");
}

/// Minutes under an hourly toewijzing follow IV081: a line in minutes, ProductTarief the hourly
/// tariff / 60 rounded half up, the amount hourly tariff × minutes / 60 rounded.
#[test]
fn hours_and_minutes_under_an_hourly_toewijzing() {
    let today = d("2025-06-05");
    let w = workspace(&[("wmo301.xml".into(), support::example("toewijzing/wmo301_bij_debet.xml"))], today);
    let entry = Entry { nummer: 123456, volume: Volume::Minuten(7 * 60 + 30), tarief: Some(6125), product: None };
    let made = build(&w, &request(groep(Domein::Wmo), d("2025-05-01"), vec![entry], today)).unwrap_or_else(|e| panic!("{e}"));
    let p = &made.bericht.declaratie.clienten[0].prestaties[0];
    assert_eq!((p.eenheid.clone(), p.geleverd_volume, p.product_tarief), (Eenheid::Minuut, 450, Some(102)));
    // 61,25 × 450 / 60 = 459,375 → 459,38.
    assert_eq!(p.ingediend_bedrag.bedrag, 45_938);
    support::xmllint_valid("Declareren minuten", &made.xml, BerichtType::WMO323);
}

/// The screen's model: rows with the clipped period, maximum and proposed tariff; typed
/// values; a timesheet filling the volumes with every unused row named.
#[test]
fn the_screen_model_and_a_timesheet() {
    let today = d("2025-06-05");
    let tarieven = "gemeente;productcode;eenheid;tarief;van;tot\n0363;02A01;uur;60,00;01-01-2025;\n".as_bytes().to_vec();
    let w =
        workspace(&[("wmo301.xml".into(), support::example("toewijzing/wmo301_bij_debet.xml")), ("tarieven.csv".into(), tarieven)], today);
    let model = DeclareModel::build(&w, None, d("2025-05-01"));
    assert_eq!(model.maand_text, "mei 2025");
    assert_eq!(model.rows.iter().map(|r| r.nummer).collect::<Vec<_>>(), vec![123456, 123457]);
    assert_eq!(model.rows[0].maximum, "15 uur");
    assert_eq!(model.rows[1].maximum, "5 uur");
    assert_eq!(model.rows[0].tarief, Some(6000));
    assert!(model.rows[0].tarief_bron.text().contains("contracttarief"), "{:?}", model.rows[0].tarief_bron);
    assert_eq!(model.rows[1].tarief, None);

    let csv = "BSN;Datum;Duur\n999900006;06-05-2025;1:30\n999900006;13-05-2025;2,5\n123;14-05-2025;1:00\n999900006;02-06-2025;1:00\n999900006;15-05-2025;abc\n";
    let staat = read_urenstaat(csv.as_bytes()).unwrap();
    assert_eq!(staat.rijen[0].wie, Wie::Bsn("999900006".into()));
    assert_eq!(staat.rijen[0].wanneer, Wanneer::Dag(d("2025-05-06")));
    assert_eq!(staat.rijen[0].hoeveel, Hoeveel::Minuten(90));
    assert_eq!(staat.onleesbaar.iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![4, 6]);
    assert!(staat.onleesbaar[0].1.to_string().contains("BSN '123'"), "{:?}", staat.onleesbaar);
    let filled = fill(&model, &staat);
    // The client has two toewijzingen, so BSN alone names neither: nothing is filled silently.
    assert!(filled.volumes.is_empty(), "{filled:?}");
    assert_eq!(filled.skipped.iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![2, 3, 4, 5, 6]);
    assert!(filled.skipped[0].1.contains("meer toewijzingen"), "{filled:?}");
    assert!(filled.skipped[3].1.contains("buiten mei 2025"), "{filled:?}");

    let csv = "toewijzingnummer;maand;minuten\n123456;05-2025;90\n123456;2025-05;150\n123457;05-2025;240\n";
    let filled = fill(&model, &read_urenstaat(csv.as_bytes()).unwrap());
    assert_eq!(filled.volumes, BTreeMap::from([(123456, "4:00".to_string()), (123457, "4:00".to_string())]));
    assert_eq!(filled.used, 3);

    let mut inputs = BTreeMap::new();
    inputs.insert(123456, RowInput { volume: "8".into(), ..RowInput::default() });
    inputs.insert(123457, RowInput { volume: "4:00".into(), tarief: "55,00".into(), ..RowInput::default() });
    let numbers = NumberEdits::default();
    let plan = plan(&w, &model, Choice { inputs: &inputs, numbers: &numbers, eerder: &[], today }).unwrap();
    let made = plan.made().unwrap_or_else(|| panic!("{:?}", plan.result));
    assert_eq!(made.totaal().0, 70_000);
    assert_eq!(plan.rows[0].bedrag.as_deref(), Some("€ 480,00 (8 uur à € 60,00)"));
    assert_eq!(plan.rows[0].new_tarief, None);
    assert_eq!(plan.rows[1].new_tarief, Some(5500), "a tariff not in the table is offered to keep");
    assert_eq!(plan.periode_text, "mei 2025");

    let mut bad = inputs.clone();
    bad.insert(123456, RowInput { volume: "acht".into(), ..RowInput::default() });
    let plan = kloppend::domain::view::declare::plan(&w, &model, Choice { inputs: &bad, numbers: &numbers, eerder: &[], today }).unwrap();
    assert!(plan.made().is_none());
    assert!(plan.rows[0].problems[0].message.contains("'acht'"), "{:?}", plan.rows[0]);
}

// ---- generated toewijzingen ----

#[derive(Debug, Clone)]
struct Generated {
    domein: Domein,
    eenheid: Eenheid,
    frequentie: Frequentie,
    volume: u64,
    /// Year and month of care; the toewijzing starts `start_day` into it or before it.
    year: i32,
    month: u32,
    start_day: Option<u32>,
    end_day: Option<u32>,
    fraction: u64,
    tarief: u64,
}

fn generated() -> impl Strategy<Value = Generated> {
    let eenheid = prop_oneof![
        Just(Eenheid::Uur),
        Just(Eenheid::Etmaal),
        Just(Eenheid::Dagdeel),
        Just(Eenheid::StuksInspanning),
        Just(Eenheid::StuksOutput),
        Just(Eenheid::Euros),
    ];
    let frequentie = prop_oneof![Just(Frequentie::PerDag), Just(Frequentie::PerWeek), Just(Frequentie::PerMaand), Just(Frequentie::Totaal)];
    (
        prop_oneof![Just(Domein::Wmo), Just(Domein::Jeugdwet)],
        eenheid,
        frequentie,
        1u64..40,
        // Leap years among them: February 2024 and 2028.
        prop_oneof![Just(2024), Just(2025), Just(2028)],
        1u32..=12,
        proptest::option::of(2u32..28),
        proptest::option::of(1u32..28),
        0u64..=100,
        100u64..20_000,
    )
        .prop_map(|(domein, eenheid, frequentie, volume, year, month, start_day, end_day, fraction, tarief)| Generated {
            domein,
            eenheid,
            frequentie,
            volume,
            year,
            month,
            start_day,
            end_day,
            fraction,
            tarief,
        })
}

fn toewijzing(g: &Generated) -> Toewijzingbericht {
    let first = NaiveDate::from_ymd_opt(g.year, g.month, 1).unwrap();
    let ingangsdatum = g.start_day.map(|day| first.with_day(day).unwrap()).unwrap_or(first - Days::new(40));
    let einddatum =
        g.end_day.map(|day| last_of_month(first).with_day(day.max(ingangsdatum.day().min(28))).unwrap()).filter(|e| *e >= ingangsdatum);
    let categorie = if g.domein == Domein::Wmo { "02" } else { "45" };
    Toewijzingbericht {
        domein: g.domein,
        header: Header {
            bericht_code: if g.domein == Domein::Wmo { 414 } else { 436 },
            bericht_versie: 3,
            bericht_subversie: 2,
            afzender: "0363".into(),
            ontvanger: "12345678".into(),
            bericht_identificatie: BerichtIdentificatie { identificatie: "TW1".into(), dagtekening: ingangsdatum - Days::new(10) },
            xsd_versie: kloppend::domain::message::XsdVersie::huidig(),
        },
        client: ToewijzingClient {
            bsn: "999900006".into(),
            voorletters: Some("T".into()),
            producten: vec![ToegewezenProduct {
                toewijzing_nummer: 4242,
                product: Some(Product { categorie: ProductCategorie::new(categorie), code: Some(format!("{categorie}A01").into()) }),
                toewijzingsdatum: ingangsdatum - Days::new(10),
                toewijzingstijd: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                ingangsdatum,
                einddatum,
                reden_wijziging: None,
                omvang: Some(Omvang { volume: g.volume, eenheid: g.eenheid.clone(), frequentie: g.frequentie }),
                budget: None,
            }],
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Within the maxima every message passes the XSD and Kloppend's whole rulebook (re-read,
    /// no finding, no issue); above a maximum the row is refused with TR321 or TR322 and no
    /// file is made.
    #[test]
    fn generated_toewijzingen_declare_cleanly_within_their_maxima(g in generated()) {
        let first = NaiveDate::from_ymd_opt(g.year, g.month, 1).unwrap();
        let today = last_of_month(first) + Days::new(3);
        let bericht = toewijzing(&g);
        let w = workspace(&[("301.xml".into(), write_toewijzing(&bericht).into_bytes())], today);
        let groep = Groep { domein: g.domein, agb: "12345678".into(), gemeente: "0363".into() };
        let offered = declare::declarable(&w.toewijzingen, &groep, first);
        let product = &bericht.client.producten[0];
        prop_assume!(!offered.is_empty());
        let periode = offered[0].periode;
        let max_period = kloppend::domain::toewijzing::maxima::per_periode(g.domein, product, &periode).unwrap();
        let max = kloppend::domain::toewijzing::maxima::totaal(product).map_or(max_period, |t| t.min(max_period));
        let volume = (max * g.fraction / 100).max(1).min(max);
        let (volume_entry, tarief) = match g.eenheid {
            // Not always whole hours: minutes under an hourly toewijzing (IV081).
            Eenheid::Uur => (Volume::Minuten((volume * 60 - g.fraction % 60).max(1)), Some(g.tarief)),
            Eenheid::Euros => (Volume::InEenheid(volume), None),
            _ => (Volume::InEenheid(volume), Some(g.tarief)),
        };
        let entry = Entry { nummer: 4242, volume: volume_entry, tarief, product: None };
        let mut req = request(groep.clone(), first, vec![entry.clone()], today);
        req.declaratie_nummer = "KL2025001".into();
        req.bericht_identificatie = "KLB2025001".into();
        let made = build(&w, &req).unwrap_or_else(|e| panic!("{g:?}: {e}"));
        let bericht_type = made.bericht.bericht_type();
        support::xmllint_valid("declareren-gegenereerd", &made.xml, bericht_type);
        prop_assert_eq!(made.bericht.declaratie.clienten[0].prestaties[0].product_periode, periode);
        let again = workspace(&[("301.xml".into(), write_toewijzing(&bericht).into_bytes()), (made.file_name.clone(), made.xml.clone().into_bytes())], today);
        prop_assert!(again.shown_findings(&again.documents[1]).iter().all(|f| f.severity != kloppend::domain::findings::Severity::Error));
        prop_assert!(again.reconciliation.issues.is_empty(), "{:?}", again.reconciliation.issues);

        // One unit over the maximum: refused with TR321 or TR322, no file.
        let over = match g.eenheid {
            Eenheid::Uur => Volume::Minuten((max + 1) * 60),
            _ => Volume::InEenheid(max + 1),
        };
        let req = request(groep, first, vec![Entry { volume: over, ..entry }], today);
        let result = build(&w, &req);
        let Err(DeclareError::Afgewezen(r)) = result else { panic!("{g:?}: over the maximum {max} was made") };
        prop_assert!(r.regels.iter().any(|p| matches!(p.rule, Some(Rule::TR321) | Some(Rule::TR322) | Some(Rule::TR369))), "{:?}", r);
    }
}

/// The demo can make the declaration of last month from its toewijzingen: Te doen points to
/// Amsterdam's last month, every row there gets a proposed tariff, and volumes within the
/// maxima give a message without error.
#[test]
fn the_demo_declares_last_month_from_its_toewijzingen() {
    use kloppend::domain::overview::Bron;
    use kloppend::domain::term::Terms;
    use kloppend::domain::todo::{self, Target};
    use kloppend::domain::view::declare::default_month;
    for today in ["2026-12-06", "2027-03-01", "2027-01-31"] {
        let today = d(today);
        let w = workspace(&kloppend::domain::demo::demo_files(today), today);
        let list = todo::build(&w, &[], &Terms::default(), Bron::default_for(&w), today);
        let month = default_month(today);
        let wanted = Target::Declare { domein: Domein::Wmo, gemeente: "0363".into(), maand: month };
        assert!(list.open.iter().any(|t| t.target == wanted), "{today}: no Te doen item for Amsterdam's last month");
        let amsterdam = Groep { domein: Domein::Wmo, agb: kloppend::domain::demo::AGB.into(), gemeente: "0363".into() };
        let model = DeclareModel::build(&w, Some(&amsterdam), month);
        assert_eq!(model.groep.as_ref(), Some(&amsterdam));
        assert!(!model.rows.is_empty(), "{today}: no toewijzing to declare");
        // A toewijzing whose only line was rejected for its tariff (0611) has no tariff to
        // propose: the user types the contract's; the others keep the last line's.
        assert!(model.rows.iter().filter(|r| r.tarief.is_some()).count() >= model.rows.len() / 2, "{today}: {:?}", model.rows);
        let mut inputs = BTreeMap::new();
        for row in &model.rows {
            let tarief = if row.is_bedrag || row.tarief.is_some() { String::new() } else { "50,00".to_string() };
            let volume = match row.eenheid {
                Some(Eenheid::Uur) => "1:00",
                Some(Eenheid::Euros) => "10,00",
                _ => "1",
            };
            inputs.insert(row.nummer, RowInput { volume: volume.into(), tarief, ..RowInput::default() });
        }
        let numbers = NumberEdits::default();
        let plan = plan(&w, &model, Choice { inputs: &inputs, numbers: &numbers, eerder: &[], today }).unwrap();
        let made = plan.made().unwrap_or_else(|| panic!("{today}: {:?}", plan.result));
        assert_eq!(made.regels.len(), model.rows.len());
        support::xmllint_valid("demo-declareren", &made.xml, made.bericht.bericht_type());
    }
}

/// Te doen names a month after the last declared one, per gemeente, and links to Declareren
/// with gemeente and month chosen.
#[test]
fn te_doen_names_the_month_not_yet_declared_and_links_to_declareren() {
    use kloppend::domain::overview::Bron;
    use kloppend::domain::term::Terms;
    use kloppend::domain::todo::{self, Target, TodoKind};
    let today = d("2025-07-10");
    let w = workspace(
        &[
            ("wmo301.xml".into(), support::example("toewijzing/wmo301_bij_debet.xml")),
            ("d.xml".into(), support::example("wmo323_debet.xml")),
        ],
        today,
    );
    let list = todo::build(&w, &[], &Terms::default(), Bron::default_for(&w), today);
    let months: Vec<_> = list.open.iter().filter(|t| t.kind == TodoKind::MonthNotDeclared).collect();
    assert_eq!(months.len(), 1, "{months:#?}");
    assert!(months[0].title.contains("juni 2025") && months[0].reason.contains("2 toewijzingen"), "{:?}", months[0]);
    assert_eq!(months[0].target, Target::Declare { domein: Domein::Wmo, gemeente: "0363".into(), maand: d("2025-06-01") });
}
