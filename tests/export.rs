//! Exports for the accountant: a CSV a Dutch spreadsheet opens as it is, with formula
//! cells neutralised and BSNs masked unless asked for.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::sync::Arc;

use chrono::NaiveDate;
use kloppend::domain::archive::{Origin, StoredFile};
use kloppend::domain::export::{Cell, csv, lines};
use kloppend::domain::intake::Document;
use kloppend::domain::message::ValidationContext;
use kloppend::domain::money::Saldo;
use kloppend::domain::overview::{Filter, select};
use kloppend::domain::workspace::Workspace;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn examples() -> Workspace {
    let context = ValidationContext { today: Some(today()) };
    let documents = ["wmo323_debet.xml", "wmo325_antwoord.xml", "wmo323_credit.xml"]
        .iter()
        .map(|n| Arc::new(Document::analyse(&StoredFile::new(*n, support::example(n), Origin::Import, 0.0), &context)))
        .collect();
    Workspace::build(documents, today())
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes.strip_prefix("\u{feff}".as_bytes()).expect("a BOM first")).unwrap()
}

#[test]
fn a_csv_in_dutch_spreadsheet_form() {
    let bytes = csv(
        &["Naam", "Bedrag", "Datum", "Aantal"],
        [
            vec![Cell::Text("Zorg; en meer".into()), Cell::Amount(Saldo(-123_456)), Cell::Date(today()), Cell::Count(3)],
            vec![Cell::Text("zegt \"ja\"".into()), Cell::Amount(Saldo(5)), Cell::Date(today()), Cell::Count(0)],
        ],
    );
    assert_eq!(
        text(&bytes),
        "Naam;Bedrag;Datum;Aantal\r\n\"Zorg; en meer\";-1234,56;22-11-2026;3\r\n\"zegt \"\"ja\"\"\";0,05;22-11-2026;0\r\n"
    );
}

#[test]
fn codes_are_always_quoted_and_neutralised_too() {
    let bytes = csv(&["a", "b", "c"], [vec![Cell::Code("0611".into()), Cell::Code("=1+1".into()), Cell::Code("a\"b".into())]]);
    assert_eq!(text(&bytes).lines().nth(1).unwrap(), "\"0611\";\"'=1+1\";\"a\"\"b\"");
}

#[test]
fn text_a_spreadsheet_would_run_is_neutralised_and_amounts_are_not() {
    let cells = ["=SUM(A1:A9)", "+31 6 1234", "-5", "@cmd", "\tx", "gewoon"].map(|t| Cell::Text(t.into()));
    let bytes = csv(&["a", "b", "c", "d", "e", "f"], [cells.to_vec(), vec![Cell::Amount(Saldo(-500))]]);
    let body = text(&bytes).lines().nth(1).unwrap();
    assert_eq!(body, "'=SUM(A1:A9);'+31 6 1234;'-5;'@cmd;'\tx;gewoon");
    assert_eq!(text(&bytes).lines().nth(2).unwrap(), "-5,00", "a negative amount stays a number");
}

#[test]
fn every_line_with_status_codes_and_advice_and_the_bsn_masked() {
    let w = examples();
    let views = select(&w, &Filter::default());
    let total: usize = views.iter().map(|v| v.lines.len()).sum();
    let bytes = lines(&w, &views, false);
    let rows: Vec<Vec<&str>> = text(&bytes).lines().map(|l| l.split(';').collect()).collect();
    assert_eq!(rows.len(), total + 1, "a header and one row per line");
    assert_eq!(rows[0][0], "Declaratienummer");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "every row has every column");
    let rejected = rows.iter().find(|r| r[5] == "F2025050-002").expect("the rejected line");
    assert_eq!(rejected[2], "Amsterdam (0363)");
    assert_eq!(rejected[14], "Afgewezen");
    // Codes are quoted, so a spreadsheet reading quoted fields as text keeps their zeros.
    assert_eq!(rejected[15], "\"0611\"", "{rejected:?}");
    assert_eq!(rejected[7], "\"02\"", "{rejected:?}");
    assert_eq!(rejected[3], "\"2025-05\"", "{rejected:?}");
    let bsn = rejected[4].trim_matches('"');
    assert!(bsn.starts_with('•') && bsn.ends_with("006"), "masked: {bsn}");
    assert!(rejected[12].contains(','), "an amount with a decimal comma: {}", rejected[12]);
    assert!(!rejected[16].is_empty(), "with its advice");

    let full = lines(&w, &views, true);
    let row = text(&full).lines().find(|l| l.contains("F2025050-002")).unwrap().split(';').nth(4).unwrap().trim_matches('"').to_string();
    assert!(row.chars().all(|c| c.is_ascii_digit()) && row.len() == 9, "the BSN in full when asked: {row}");
}
