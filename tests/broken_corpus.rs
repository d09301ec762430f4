//! The corpus of broken files (tests/fixtures/broken): each is refused with the expected
//! error, or loads with the expected finding. Every refusal and finding says where.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use kloppend::domain::message::{self, ReadErrorKind, ValidationContext};

fn kind_name(kind: &ReadErrorKind) -> &'static str {
    use ReadErrorKind::*;
    match kind {
        Empty => "Empty",
        NotXml { .. } => "NotXml",
        Utf16 => "Utf16",
        Utf32 => "Utf32",
        InvalidUtf8 => "InvalidUtf8",
        ControlCharacter(_) => "ControlCharacter",
        UnsupportedEncoding(_) => "UnsupportedEncoding",
        DoctypeNotAllowed => "DoctypeNotAllowed",
        UnknownEntity(_) => "UnknownEntity",
        Malformed(_) => "Malformed",
        Truncated => "Truncated",
        NotIstandaard { .. } => "NotIstandaard",
        OtherMessage { .. } => "OtherMessage",
        UnsupportedRelease { .. } => "UnsupportedRelease",
        BerichtCodeMismatch { .. } => "BerichtCodeMismatch",
        WrongNamespace { .. } => "WrongNamespace",
        MissingElement { .. } => "MissingElement",
        OutOfOrder { .. } | OutOfOrderOrRepeated { .. } => "OutOfOrder",
        UnexpectedElement { .. } => "UnexpectedElement",
        UnexpectedText(_) => "UnexpectedText",
        ElementInSimpleContent { .. } => "ElementInSimpleContent",
        InvalidValue { .. } => "InvalidValue",
        TooLarge { .. } => "TooLarge",
        UnexpectedAttribute { .. } => "UnexpectedAttribute",
    }
}

#[test]
fn every_broken_file_gives_the_expected_error_or_finding() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let manifest = std::fs::read_to_string(dir.join("EXPECTED")).expect("EXPECTED manifest");
    let context = ValidationContext { today: NaiveDate::from_ymd_opt(2025, 12, 1) };
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (file, expectation) = line.split_once('\t').expect("file<TAB>expectation");
        let bytes = std::fs::read(dir.join(file)).expect("fixture");
        let outcome = message::load(&bytes, &context);
        checked += 1;
        match (expectation.split_once(':'), outcome) {
            (Some(("refused", kind)), Err(error)) => {
                if kind_name(&error.kind) != kind {
                    failures.push(format!("{file}: expected refusal {kind}, got {:?}: {error}", error.kind));
                }
                let text = error.to_string();
                // A foreign XML file is about the whole file: it names its root element instead.
                let needs_place = !matches!(kind, "Empty" | "NotXml" | "Utf16" | "Utf32" | "NotIstandaard");
                if kind == "NotIstandaard" && !text.contains("hoofdelement '") {
                    failures.push(format!("{file}: a foreign XML file does not name its root element: {text}"));
                }
                if needs_place && !text.contains("regel ") {
                    failures.push(format!("{file}: refusal does not say where: {text}"));
                }
            }
            (Some(("refused", kind)), Ok(loaded)) => {
                failures.push(format!("{file}: expected refusal {kind}, but it loaded with {:?}", loaded.findings));
            }
            (Some(("finding", rule)), Ok(loaded)) => match loaded.findings.iter().find(|f| f.rule.code() == rule) {
                Some(finding) if finding.location.is_none() => {
                    failures.push(format!("{file}: finding {rule} has no line/column"));
                }
                Some(_) => {}
                None => failures.push(format!("{file}: expected finding {rule}, got {:#?}", loaded.findings)),
            },
            (Some(("finding", rule)), Err(error)) => {
                failures.push(format!("{file}: expected finding {rule}, but it was refused: {error}"));
            }
            _ => failures.push(format!("{file}: bad expectation {expectation}")),
        }
    }
    assert!(checked >= 30, "the corpus has at least 30 files, found {checked}");
    assert!(failures.is_empty(), "{} of {checked} broken files misbehave:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn refusal_messages_are_dutch_and_precise() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let read = |name: &str| message::load(&std::fs::read(dir.join(name)).unwrap(), &ValidationContext::default());
    let decimal = read("16-decimal-amount.xml").unwrap_err().to_string();
    assert!(decimal.contains("Bedrag '480.00'") && decimal.contains("hele eurocenten"), "{decimal}");
    assert!(decimal.contains("regel 48, kolom 15") && decimal.contains("/Prestatie[1]/IngediendBedrag/Bedrag"), "{decimal}");
    let missing = read("22-missing-bsn.xml").unwrap_err().to_string();
    assert!(missing.starts_with("Verplicht element Bsn ontbreekt"), "{missing}");
    let other = read("13-wmo301-message.xml").unwrap_err().to_string();
    assert!(other.contains("WMO301-bericht (Toewijzing)"), "{other}");
    let order = read("21-out-of-order.xml").unwrap_err().to_string();
    assert!(order.contains("ProductCategorie staat op de verkeerde plaats: hier hoort eerst ToewijzingNummer"), "{order}");
}
