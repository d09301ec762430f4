//! Plain Dutch on the screens: counts with the right noun, sizes, volumes in their unit,
//! gemeente names, a declaration's outcome in words, and the demo kept out of the user's
//! own totals.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::NaiveDate;
use kloppend::domain::message::Eenheid;
use kloppend::domain::overview::{Bron, Filter, select, totals};
use kloppend::domain::reconcile::{LineStatus, Verwerking};
use kloppend::domain::view::wording::{Tone, count, gemeente, outcome, size, volume};
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{Origin, StoredFile};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn workspace(files: Vec<(String, Vec<u8>, Origin)>) -> Workspace {
    support::workspace_of(files, today())
}

fn examples() -> Vec<(String, Vec<u8>, Origin)> {
    ["wmo323_debet.xml", "wmo325_antwoord.xml", "wmo323_credit.xml"]
        .iter()
        .map(|n| (n.to_string(), support::example(n), Origin::Import))
        .collect()
}

fn demo_files() -> Vec<(String, Vec<u8>, Origin)> {
    kloppend::domain::demo::demo_files(today()).into_iter().map(|(n, b)| (n, b, Origin::Demo)).collect()
}

#[test]
fn counts_take_the_singular_only_for_one() {
    assert_eq!(count(0, "bestand", "bestanden"), "0 bestanden");
    assert_eq!(count(1, "bestand", "bestanden"), "1 bestand");
    assert_eq!(count(2, "regel", "regels"), "2 regels");
    assert_eq!(count(33_000, "regel", "regels"), "33.000 regels");
}

#[test]
fn sizes_read_in_decimal_units_with_a_dutch_comma() {
    assert_eq!(size(0), "0 bytes");
    assert_eq!(size(1), "1 byte");
    assert_eq!(size(999), "999 bytes");
    assert_eq!(size(1_000), "1 kB");
    // Never "0 kB" or "0,0 MB" for something that is there: kilobytes round up.
    assert_eq!(size(1_001), "2 kB");
    assert_eq!(size(999_999), "1.000 kB");
    assert_eq!(size(1_000_000), "1,0 MB");
    assert_eq!(size(2_450_000), "2,5 MB");
    assert_eq!(size(24_849_999), "24,8 MB");
    assert_eq!(size(3_200_000_000), "3,2 GB");
}

#[test]
fn volumes_read_in_their_unit_and_unit_83_as_money() {
    assert_eq!(volume(83_372, Eenheid::Euros), "€ 833,72");
    assert_eq!(volume(1, Eenheid::Uur), "1 uur");
    assert_eq!(volume(6, Eenheid::Uur), "6 uur");
    assert_eq!(volume(1, Eenheid::Minuut), "1 minuut");
    assert_eq!(volume(45, Eenheid::Minuut), "45 minuten");
    assert_eq!(volume(3, Eenheid::Dagdeel), "3 dagdelen");
    assert_eq!(volume(1_500, Eenheid::StuksOutput), "1.500 stuks (output)");
    assert_eq!(volume(2, Eenheid::parse("99")), "2 × onbekende eenheid");
}

#[test]
fn gemeenten_are_named_with_their_code() {
    assert_eq!(gemeente("0344"), "Utrecht (0344)");
    assert_eq!(gemeente("0363"), "Amsterdam (0363)");
    assert_eq!(gemeente("9999"), "9999", "a code not on the CBS list stays a code");
}

#[test]
fn an_assessed_declaration_with_rejected_lines_is_partly_rejected_not_assessed() {
    let w = workspace(demo_files());
    let mut seen = Vec::new();
    for view in &w.reconciliation.declaraties {
        let (label, tone) = outcome(view);
        let rejected = view.count(LineStatus::Afgewezen) + view.count(LineStatus::NietBeoordeeld);
        match &view.verwerking {
            Verwerking::Beoordeeld if rejected == 0 => assert_eq!((label, tone), ("Goedgekeurd", Tone::Good)),
            Verwerking::Beoordeeld if rejected == view.lines.len() => assert_eq!((label, tone), ("Afgewezen", Tone::Bad)),
            Verwerking::Beoordeeld => assert_eq!((label, tone), ("Deels afgewezen", Tone::Attention)),
            Verwerking::WachtOpAntwoord { .. } => assert_eq!(tone, Tone::Waiting),
            other => assert_eq!(label, other.label()),
        }
        seen.push(label);
    }
    assert!(seen.contains(&"Deels afgewezen"), "the demo has a partly rejected declaration: {seen:?}");
    assert!(!seen.contains(&"Beoordeeld"), "no declaration is merely 'Beoordeeld': {seen:?}");
}

#[test]
fn next_to_the_users_own_files_the_demo_is_left_out_of_the_totals() {
    let own = workspace(examples());
    let mixed = workspace(examples().into_iter().chain(demo_files()).collect());
    assert_eq!(Bron::default_for(&own), Bron::Alle);
    assert_eq!(Bron::default_for(&workspace(demo_files())), Bron::Alle, "the demo alone is shown as it is");
    assert_eq!(Bron::default_for(&mixed), Bron::Eigen);

    let eigen = Filter { bron: Bron::Eigen, ..Filter::default() };
    let own_views = select(&own, &Filter::default());
    let mixed_own = select(&mixed, &eigen);
    assert_eq!(mixed_own.len(), own_views.len());
    assert_eq!(totals(&mixed_own).bedragen, totals(&own_views).bedragen, "own totals are the same with the demo loaded");

    let demo_views = select(&mixed, &Filter { bron: Bron::Demo, ..Filter::default() });
    assert!(!demo_views.is_empty());
    assert!(demo_views.iter().all(|v| mixed.document(v.bericht).unwrap().file.origin == Origin::Demo));
    assert_eq!(select(&mixed, &Filter { bron: Bron::Alle, ..Filter::default() }).len(), own_views.len() + demo_views.len());
}

#[test]
fn the_overzicht_finds_declarations_by_gemeente_name() {
    let w = workspace(examples());
    let all = select(&w, &Filter::default());
    let by_name = select(&w, &Filter { zoek: "amster".into(), ..Filter::default() });
    let by_other = select(&w, &Filter { zoek: "groningen".into(), ..Filter::default() });
    assert!(!all.is_empty());
    assert_eq!(by_name.len(), all.len(), "the examples are addressed to Amsterdam (0363)");
    assert!(by_other.is_empty());
}

#[test]
fn the_overzicht_finds_declarations_by_retourcode_toewijzing_and_product() {
    let w = workspace(examples());
    let numbers = |zoek: &str| -> Vec<String> {
        select(&w, &Filter { zoek: zoek.into(), ..Filter::default() })
            .iter()
            .filter_map(|v| w.bericht(v.bericht).and_then(|b| b.as_declaratie()).map(|d| d.declaratie.declaratie_nummer.to_string()))
            .collect()
    };
    // Only the debit has a line rejected with 0611; its credit has none.
    assert_eq!(numbers("0611"), ["F2025050"]);
    assert!(numbers("0612").is_empty());
    // Product 02A02 is the rejected line, declared only in the debit.
    assert_eq!(numbers("02a02"), ["F2025050"]);
    // A toewijzing number finds every declaration with a line for it; a part of one does not.
    let toewijzing =
        w.bericht(0).and_then(|b| b.as_declaratie()).unwrap().declaratie.clienten[0].prestaties[0].toewijzing_nummer.to_string();
    assert_eq!(numbers(&toewijzing).len(), 2, "the debit and its credit");
    assert!(numbers(&toewijzing[..toewijzing.len() - 1]).is_empty());
}

#[test]
fn bsns_in_file_names_are_masked_and_other_numbers_stay() {
    use kloppend::domain::message::identity::mask_bsns_in;
    // 123456782 passes the 11-proef; 123456789 does not; 20250101 is a date.
    assert_eq!(mask_bsns_in("client_123456782_20250101.xml", '•'), "client_••••••782_20250101.xml");
    assert_eq!(mask_bsns_in("123456782", 'x'), "xxxxxx782");
    assert_eq!(mask_bsns_in("nr_123456789.xml", '•'), "nr_123456789.xml", "not a BSN");
    assert_eq!(mask_bsns_in("1234567820.xml", '•'), "1234567820.xml", "ten digits are not a BSN");
    assert_eq!(mask_bsns_in("cliënt 123456782 é", '•'), "cliënt ••••••782 é");
}

#[test]
fn a_back_up_names_its_entries_without_bsns() {
    use kloppend::domain::backup::{ArchiveContents, write_backup};
    let file = StoredFile::new("jw323_123456782.xml", support::example("jw323_debet.xml"), Origin::Import, 0.0);
    let inhoud = ArchiveContents { bestanden: vec![file], nummers: vec![], gebeurtenissen: vec![] };
    let zip = write_backup(&inhoud, &Default::default(), 0, "test").unwrap();
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&zip[..])).unwrap();
    let names: Vec<String> = archive.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(names.iter().any(|n| n.ends_with("jw323_xxxxxx782.xml")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("123456782")), "{names:?}");
    // The manifest keeps the real name, so a restore gives it back.
    let restored = kloppend::domain::backup::read_backup(&zip).unwrap();
    assert_eq!(restored.inhoud.bestanden[0].name, "jw323_123456782.xml");
}

#[test]
fn the_glossary_explains_every_term_the_screens_put_a_question_mark_behind() {
    use kloppend::domain::view::glossary::{ENTRIES, lookup};
    // Every term a screen puts a "?" behind, read from the screens' source.
    let pages = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/pages");
    let source: String = std::fs::read_dir(pages).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    let used: Vec<&str> = source.split("<Help term=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(used.len() >= 5, "{used:?}");
    for term in used {
        assert!(lookup(term).is_some_and(|e| e.uitleg.len() > 40), "no explanation for {term}");
    }
    let mut terms: Vec<&str> = ENTRIES.iter().map(|e| e.term).collect();
    let sorted = {
        let mut t = terms.clone();
        t.sort_by_key(|t| t.to_lowercase());
        t
    };
    assert_eq!(terms, sorted, "the glossary is alphabetical");
    terms.dedup();
    assert_eq!(terms.len(), ENTRIES.len(), "no term twice");
}

/// Issue 27: a finding in a gemeente's 325 gets no advice to fix or upload it.
#[test]
fn a_finding_in_an_answer_gets_no_upload_advice() {
    use kloppend::domain::message::Soort;
    use kloppend::domain::rules::Rule;
    use kloppend::domain::view::wording::{finding_advice, finding_consequence};
    assert!(finding_advice(Rule::CD087, Soort::Declaratie).contains("vóór het uploaden"));
    assert!(!finding_advice(Rule::CD087, Soort::Antwoord).contains("upload het"));
    assert!(finding_advice(Rule::CD087, Soort::Antwoord).contains("niets te herstellen of te uploaden"));
    assert_eq!(finding_consequence(Rule::CD087, Soort::Antwoord), "Fout in het antwoord van de gemeente zelf");
}

/// Issue 27: a refusal says what the file is and what Kloppend reads; the root element and
/// its namespace come last, as technical detail, and "regel 1, kolom 1" is not said.
#[test]
fn a_foreign_xml_file_is_named_for_people() {
    use kloppend::domain::message::{ValidationContext, load};
    let invoice = br#"<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>"#;
    let Err(error) = load(invoice, &ValidationContext::default()) else { panic!("an invoice is not a message") };
    let text = error.to_string();
    assert!(text.starts_with("Dit is een e-factuur (UBL), een ander soort XML-bestand, geen bericht van de Wmo of de Jeugdwet."), "{text}");
    assert!(text.contains("Kloppend leest declaraties (323)"), "{text}");
    assert!(
        text.ends_with("(technisch: hoofdelement 'Invoice' in namespace urn:oasis:names:specification:ubl:schema:xsd:Invoice-2)"),
        "{text}"
    );
    assert!(!text.contains("kolom"), "{text}");
}
