//! Reading, validating and writing the shared example messages.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use kloppend::domain::findings::Severity;
use kloppend::domain::message::{self, Bericht, BerichtType, Release, ValidationContext, write::write};
use support::{example, example_names, xmllint_valid};

#[test]
fn every_shared_example_loads_without_errors_and_round_trips() {
    for name in example_names() {
        let bytes = example(&name);
        let loaded = message::load(&bytes, &ValidationContext::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<_> = loaded.findings.iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let written = write(&loaded.bericht);
        assert!(!written.starts_with('\u{feff}'));
        assert!(written.contains("\r\n") && !written.replace("\r\n", "").contains('\n'), "{name}: CRLF only");
        let reread = message::read::read(written.as_bytes()).unwrap_or_else(|e| panic!("{name} rewritten: {e}"));
        assert_eq!(reread.bericht, loaded.bericht, "{name}: round trip");
        xmllint_valid(&format!("roundtrip-{name}"), &written, loaded.bericht.bericht_type());
    }
}

#[test]
fn examples_are_identified_with_type_release_and_header_fields() {
    let debet = message::load(&example("wmo323_debet.xml"), &ValidationContext::default()).unwrap();
    assert_eq!(debet.bericht.bericht_type(), BerichtType::WMO323);
    assert_eq!(debet.bericht.release(), Release::R3_2);
    let Bericht::Declaratie(d) = &debet.bericht else { panic!("323 expected") };
    assert_eq!(d.declaratie.declaratie_nummer, "F2025050");
    assert_eq!(d.declaratie.totaal_ingediend_bedrag.saldo().cents(), 70_000);
    assert_eq!(d.declaratie.clienten[0].prestaties[1].product_referentie.referentie_nummer, "F2025050-002");

    let antwoord = message::load(&example("wmo325_antwoord.xml"), &ValidationContext::default()).unwrap();
    let Bericht::Antwoord(a) = &antwoord.bericht else { panic!("325 expected") };
    assert_eq!(a.header.declaratie_identificatie.identificatie, "DECL2025050");
    let da = a.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(da.totaal_toegekend_bedrag.saldo().cents(), 48_000);
    assert_eq!(da.clienten[0].prestaties[0].retour_codes[0].code(), "0611");

    let jw = message::load(&example("jw323_debet.xml"), &ValidationContext::default()).unwrap();
    assert_eq!(jw.bericht.bericht_type(), BerichtType::JW323);

    let credit = message::load(&example("wmo323_credit.xml"), &ValidationContext::default()).unwrap();
    let Bericht::Declaratie(c) = &credit.bericht else { panic!("323 expected") };
    assert_eq!(c.declaratie.totaal_ingediend_bedrag.saldo().cents(), -48_000);
}

#[test]
fn a_control_character_is_refused_with_its_place_not_stored_as_a_message() {
    let debet = String::from_utf8(example("wmo323_debet.xml")).unwrap();
    for (byte, what) in [(0u8, "NUL-teken"), (0x1B, "stuurteken (code 27)")] {
        let broken = debet.replacen("<iwmo:Bedrag>", &format!("<iwmo:Bedrag>{}", byte as char), 1);
        let line = broken[..broken.find(byte as char).unwrap()].lines().count();
        let error = message::load(broken.as_bytes(), &ValidationContext::default()).unwrap_err();
        assert_eq!(error.kind, kloppend::domain::message::ReadErrorKind::ControlCharacter(byte));
        let text = error.to_string();
        assert!(text.contains(what) && text.contains(&format!("regel {line}")), "{text}");
    }
    // Tab, line feed and carriage return are whitespace, as XML allows.
    let spaced = debet.replacen("<iwmo:Bedrag>", "\t<iwmo:Bedrag>", 1);
    assert!(message::load(spaced.as_bytes(), &ValidationContext::default()).is_ok());
}
