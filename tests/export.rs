//! Exports for the accountant: a CSV a Dutch spreadsheet opens as it is, with formula
//! cells neutralised and BSNs masked unless asked for.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::sync::Arc;

use chrono::NaiveDate;
use kloppend::domain::export::{Cell, Sheet, claims, declarations, lines, settlement_rows};
use kloppend::domain::intake::Document;
use kloppend::domain::message::ValidationContext;
use kloppend::domain::money::Saldo;
use kloppend::domain::overview::{Filter, select, select_lines};
use kloppend::domain::reconcile::LineStatus;
use kloppend::domain::view::settlements::{SettlementFilter, SettlementsModel};
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{Origin, StoredFile};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn examples() -> Workspace {
    let names = ["wmo323_debet.xml", "wmo325_antwoord.xml", "wmo323_credit.xml"];
    support::imported(names.iter().map(|n| (n.to_string(), support::example(n))), today())
}

fn csv(header: &[&'static str], rows: impl IntoIterator<Item = Vec<Cell>>) -> Vec<u8> {
    Sheet::new("test", header, rows).csv()
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
    let all = select_lines(&w, &views, &Filter::default());
    let bytes = lines(&w, &all, false).csv();
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

    let full = lines(&w, &all, true).csv();
    let row = text(&full).lines().find(|l| l.contains("F2025050-002")).unwrap().split(';').nth(4).unwrap().trim_matches('"').to_string();
    assert!(row.chars().all(|c| c.is_ascii_digit()) && row.len() == 9, "the BSN in full when asked: {row}");
}

#[test]
fn the_line_list_follows_status_code_and_search() {
    let w = examples();
    let refs = |filter: &Filter| -> Vec<String> {
        let views = select(&w, filter);
        select_lines(&w, &views, filter)
            .iter()
            .map(|(view, line)| {
                let d = w.bericht(view.bericht).and_then(|b| b.as_declaratie()).unwrap();
                d.declaratie.clienten[line.client].prestaties[line.prestatie].referentie().to_string()
            })
            .collect()
    };
    let all = refs(&Filter::default());
    assert!(all.len() >= 3, "{all:?}");
    let rejected = refs(&Filter { status: Some(LineStatus::Afgewezen), ..Filter::default() });
    assert_eq!(rejected, ["F2025050-002"], "only the rejected line, not its declaration's other lines");
    assert_eq!(refs(&Filter { code: "0611".into(), ..Filter::default() }), ["F2025050-002"]);
    assert!(refs(&Filter { code: "9999".into(), ..Filter::default() }).is_empty());
    // A search for a reference narrows to that line; one for the declaration keeps all its lines.
    assert_eq!(refs(&Filter { zoek: "F2025050-001".into(), ..Filter::default() }), ["F2025050-001"]);
    let whole = refs(&Filter { zoek: "F2025050".into(), ..Filter::default() });
    assert!(whole.contains(&"F2025050-001".to_string()) && whole.contains(&"F2025050-002".to_string()), "{whole:?}");
    let options = kloppend::domain::overview::filter_options(&w);
    assert_eq!(options.codes, ["0611"]);
}

#[test]
fn declarations_export_one_row_each_with_the_screens_amounts() {
    let w = examples();
    let views = select(&w, &Filter::default());
    let bytes = declarations(&w, &views).csv();
    let rows: Vec<Vec<&str>> = text(&bytes).lines().map(|l| l.split(';').collect()).collect();
    assert_eq!(rows.len(), views.len() + 1);
    let debet = rows.iter().find(|r| r[0] == "F2025050").expect("the debit declaration");
    assert_eq!(&debet[6..9], ["700,00", "480,00", "220,00"], "{debet:?}");
    assert_eq!(debet[4], "05-06-2025");
    assert_eq!(debet[11], "1", "one rejected line");
}

#[test]
fn settlement_rows_and_claims_export_what_verrekeningen_shows() {
    let context = ValidationContext { today: Some(today()) };
    let documents = ["13-claim-overzicht-1.csv", "14-claim-overzicht-2.csv"]
        .iter()
        .map(|n| {
            let bytes = support::fixture(&format!("settlement/{n}"));
            Arc::new(Document::analyse(&StoredFile::new(*n, bytes, Origin::Import, 0.0), &context))
        })
        .collect();
    let w = Workspace::build(documents, today());
    let model = SettlementsModel::build(&w, &SettlementFilter::default());
    let bytes = settlement_rows(&w, &model.rows).csv();
    let rows: Vec<&str> = text(&bytes).lines().collect();
    assert_eq!(rows.len(), model.rows.len() + 1);
    assert!(rows[0].starts_with("Overzicht;Regel;Onderwerp"));
    let list: Vec<_> = model.claims.iter().map(|&c| &w.ledger.claims[c]).collect();
    assert!(!list.is_empty(), "the claim overviews hold claims");
    let bytes = claims(&w, &list).csv();
    let rows: Vec<Vec<&str>> = text(&bytes).lines().map(|l| l.split(';').collect()).collect();
    assert_eq!(rows.len(), list.len() + 1);
    let first = &rows[1];
    let cents = |t: &str| -> i64 { t.replace(',', "").parse().unwrap() };
    assert_eq!(cents(first[3]) - cents(first[4]), cents(first[5]), "claimed minus offset is open: {first:?}");
    assert_eq!(first[2], format!("\"{}\"", list[0].kenmerk), "the kenmerk quoted as a code");
}

/// The parts of a workbook a test reads: the worksheet's XML and its shared strings.
fn workbook_parts(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an .xlsx is a ZIP");
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the workbook")), &mut text).unwrap();
        text
    };
    (read("xl/worksheets/sheet1.xml"), read("xl/sharedStrings.xml"))
}

#[test]
fn a_workbook_keeps_codes_as_text_amounts_as_numbers_and_dates_as_dates() {
    let sheet = Sheet::new(
        "regels",
        &["Code", "Bedrag", "Datum", "Aantal", "Tekst", "Leeg"],
        [vec![
            Cell::Code("0611".into()),
            Cell::Amount(Saldo(-123_456)),
            Cell::Date(today()),
            Cell::Count(3),
            Cell::Text("=1+1".into()),
            Cell::Text(String::new()),
        ]],
    );
    let (xml, strings) = workbook_parts(&sheet.xlsx().expect("a workbook"));
    assert!(strings.contains("<t>0611</t>"), "the code is a string with its zero: {strings}");
    assert!(strings.contains("<t>=1+1</t>"), "text is stored as it is, never as a formula: {strings}");
    assert!(!xml.contains("<f>"), "no formula in the sheet: {xml}");
    let cell = |r: &str| -> &str {
        let start = xml.find(&format!("<c r=\"{r}\"")).unwrap_or_else(|| panic!("cell {r} in {xml}"));
        &xml[start..start + xml[start..].find("</c>").map_or(0, |e| e + 4)]
    };
    assert!(cell("A2").contains("t=\"s\""), "the code is a shared string: {}", cell("A2"));
    assert!(cell("B2").contains("<v>-1234.56</v>") && !cell("B2").contains("t=\""), "{}", cell("B2"));
    let serial = (today() - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
    assert!(cell("C2").contains(&format!("<v>{serial}</v>")), "the date as Excel's day number: {}", cell("C2"));
    assert!(cell("D2").contains("<v>3</v>"));
    assert!(!xml.contains("r=\"F2\""), "an empty text leaves the cell out");
    assert!(xml.contains("<autoFilter ref=\"A1:F2\"/>") && xml.contains("state=\"frozen\""), "{xml}");
}

#[test]
fn a_selection_too_large_for_a_worksheet_is_refused_in_dutch() {
    let rows = std::iter::repeat_with(|| vec![Cell::Count(1)]).take(1_048_576);
    let error = Sheet::new("regels", &["Aantal"], rows).xlsx().expect_err("more rows than a worksheet holds");
    assert_eq!(
        error.to_string(),
        "de selectie heeft 1.048.576 rijen en een Excel-werkblad houdt er hoogstens 1.048.575; kies minder regels of exporteer als CSV"
    );
}

#[test]
fn the_line_export_as_a_workbook_has_the_csvs_rows() {
    let w = examples();
    let views = select(&w, &Filter::default());
    let all = select_lines(&w, &views, &Filter::default());
    let sheet = lines(&w, &all, false);
    let (xml, strings) = workbook_parts(&sheet.xlsx().unwrap());
    assert_eq!(xml.matches("<row ").count(), sheet.rows.len() + 1, "a row per line and the header");
    assert!(strings.contains("<t>F2025050-002</t>") && strings.contains("<t>Retourcodes</t>"), "{strings}");
}
