//! Settlement overviews (tests/fixtures/settlement): every variation read with exact cents,
//! broken rows listed with their line numbers, and the ledger over successive overviews.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::NaiveDate;
use kloppend::domain::message::{self, Bericht, ValidationContext};
use kloppend::domain::settlement::amount::parse_amount;
use kloppend::domain::settlement::ledger::ClaimStatus;
use kloppend::domain::settlement::{
    Kolom, Onderwerp, Overzicht, SettlementError, Toelichting, Zorgverzekeraar, build_ledger, read_overzicht,
};
use proptest::prelude::*;

fn read(name: &str) -> Overzicht {
    read_overzicht(&support::fixture(&format!("settlement/{name}"))).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn amounts(o: &Overzicht) -> Vec<(Option<i64>, Option<i64>)> {
    o.rijen.iter().map(|r| (r.u_ontvangt, r.u_betaalt)).collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn semicolon_dutch_amounts_and_types() {
    let o = read("01-semicolon-dutch.csv");
    assert_eq!(o.delimiter, ';');
    assert_eq!(amounts(&o), [(Some(123_456), None), (None, Some(48_000)), (Some(25_000), None)]);
    assert_eq!(o.rijen[0].onderwerp, Onderwerp::Declaratie);
    assert_eq!(o.rijen[1].onderwerp, Onderwerp::CreditDeclaratie);
    assert_eq!(o.rijen[2].onderwerp, Onderwerp::Voorschot);
    assert_eq!(o.rijen[2].zorgverzekeraar, Zorgverzekeraar::Zip);
    assert_eq!(o.rijen[0].toelichting, Toelichting::Afrekening);
    assert_eq!(o.rijen[0].vervaldatum, Some(d(2025, 7, 15)));
    assert_eq!(o.rijen.iter().map(|r| r.regel).collect::<Vec<_>>(), [2, 3, 4]);
    assert!(o.rijen.iter().all(|r| r.is_leesbaar()));
}

#[test]
fn comma_quoted_plain_amounts_iso_dates() {
    let o = read("02-comma-quoted-plain.csv");
    assert_eq!(o.delimiter, ',');
    assert_eq!(amounts(&o), [(Some(123_456), None), (None, Some(9_995))]);
    assert_eq!(o.rijen[0].vervaldatum, Some(d(2025, 8, 1)));
    assert_eq!(o.rijen[1].onderwerp, Onderwerp::Correctie);
    assert_eq!(o.rijen[1].toelichting, Toelichting::RestVordering);
    assert_eq!(o.rijen[0].zorgverzekeraar, Zorgverzekeraar::Zfb);
}

#[test]
fn tab_delimited_and_slash_dates() {
    let o = read("03-tab-delimited.csv");
    assert_eq!(o.delimiter, '\t');
    assert_eq!(amounts(&o), [(Some(70_000), None), (None, Some(0))]);
    assert_eq!(o.rijen[0].vervaldatum, Some(d(2025, 9, 1)));
    assert_eq!(o.rijen[1].onderwerp, Onderwerp::Betaalstop);
    assert_eq!(o.rijen[1].zorgverzekeraar, Zorgverzekeraar::Zdf);
}

#[test]
fn bom_crlf_and_euro_sign() {
    let o = read("04-utf8-bom-crlf.csv");
    assert_eq!(o.encoding, "UTF-8");
    assert_eq!(amounts(&o), [(Some(1_250), None)]);
    assert_eq!(o.rijen[0].uw_kenmerk, "F2025050");
}

#[test]
fn windows_1252_with_euro_and_accents() {
    let o = read("05-windows-1252.csv");
    assert_eq!(o.encoding, "windows-1252");
    assert_eq!(amounts(&o), [(None, Some(100_000)), (Some(4_510), None)]);
    assert!(matches!(&o.rijen[0].onderwerp, Onderwerp::Vordering(text) if text == "HV vordering toeslag"));
    assert_eq!(o.rijen[0].toelichting, Toelichting::TeKleinVoorBetaalverzoek);
    assert_eq!(o.rijen[1].toelichting, Toelichting::Overig("Afrekening café".into()));
    assert_eq!(o.rijen[0].redencodes().first().map(|(c, _)| *c), Some("DS93"));
}

#[test]
fn utf16_with_either_byte_order_reads_like_utf8() {
    let utf8 = support::fixture("settlement/04-utf8-bom-crlf.csv");
    let text = std::str::from_utf8(&utf8[3..]).unwrap();
    let plain = read_overzicht(text.as_bytes()).unwrap();
    for (bom, encoding, unit) in
        [([0xFF, 0xFE], "UTF-16LE", u16::to_le_bytes as fn(u16) -> [u8; 2]), ([0xFE, 0xFF], "UTF-16BE", u16::to_be_bytes)]
    {
        let mut bytes = bom.to_vec();
        bytes.extend(text.encode_utf16().flat_map(unit));
        let o = read_overzicht(&bytes).unwrap_or_else(|e| panic!("{encoding}: {e}"));
        assert_eq!(o.encoding, encoding);
        assert_eq!(o.rijen, plain.rijen, "{encoding}");
        // Without the BOM too: the zero bytes say which order (not Windows-1252 with NULs).
        let o = read_overzicht(&bytes[2..]).unwrap_or_else(|e| panic!("{encoding} without BOM: {e}"));
        assert_eq!(o.encoding, encoding);
        assert_eq!(o.rijen, plain.rijen, "{encoding} without BOM");
    }
}

#[test]
fn a_quote_that_is_not_closed_is_named_with_the_lines_it_took() {
    let bytes = support::fixture("settlement/01-semicolon-dutch.csv");
    let text = std::str::from_utf8(&bytes).unwrap();
    let plain = read_overzicht(text.as_bytes()).unwrap();
    assert_eq!(plain.rijen.len(), 3);
    // A stray quote at the start of the second row's first field, never closed.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let second = plain.rijen[1].regel - 1;
    lines[second].insert(0, '"');
    let broken = read_overzicht(lines.join("\n").as_bytes()).unwrap();
    assert_eq!(broken.rijen.len(), 2, "the rows before, and one that says what happened: {:?}", broken.rijen);
    assert_eq!(broken.rijen[0], plain.rijen[0]);
    let reason = broken.rijen[1].fouten.join(" ");
    assert!(!broken.rijen[1].is_leesbaar());
    assert!(reason.contains("aanhalingsteken") && reason.contains("het einde van het bestand"), "{reason}");
}

#[test]
fn windows_1252_high_bytes_are_its_own_characters() {
    // "Vordering € 5 – café" with 0x80 (€), 0x96 (en dash) and 0xE9 (é), not valid UTF-8.
    let mut csv = b"Regel;Uw kenmerk;Toelichting;U ontvangt\r\n1;F1;Vordering \x80 5 \x96 caf\xe9;1,00\r\n".to_vec();
    let o = read_overzicht(&csv).unwrap();
    assert_eq!(o.encoding, "windows-1252");
    assert!(o.rijen[0].ruw.contains("Vordering € 5 – café"), "{}", o.rijen[0].ruw);
    // An undefined byte stays visible as its control character rather than vanishing.
    let at = csv.len() - 8;
    csv[at] = 0x81;
    assert!(read_overzicht(&csv).unwrap().rijen[0].ruw.contains('\u{81}'));
}

#[test]
fn headers_in_any_order_case_and_spacing() {
    let o = read("06-headers-shuffled-case.csv");
    let r = &o.rijen[0];
    assert_eq!((r.u_ontvangt, r.u_betaalt), (Some(8_800), None));
    assert_eq!(r.uw_kenmerk, "F2025050");
    assert_eq!(r.ons_kenmerk, "ZK-600001");
    assert_eq!(r.agb, "12345678");
    assert_eq!(r.zorgverzekeraar, Zorgverzekeraar::Zzk);
    assert_eq!(r.onderwerp, Onderwerp::Declaratie);
    assert_eq!(r.toelichting, Toelichting::Afrekening);
    assert!(o.ontbrekende_kolommen.is_empty());
}

#[test]
fn extra_columns_are_kept_and_missing_ones_named() {
    let o = read("07-extra-columns.csv");
    assert_eq!(
        o.rijen[0].extra,
        [("Betaaldatum".to_string(), "18-07-2025".to_string()), ("Declaratiedatum".to_string(), "05-06-2025".to_string())]
    );
    let o = read("08-missing-columns.csv");
    assert_eq!(o.ontbrekende_kolommen, [Kolom::OnsKenmerk, Kolom::Toelichting]);
    assert_eq!(amounts(&o), [(Some(2_000), None)]);
    assert!(o.rijen[0].is_leesbaar());
}

#[test]
fn broken_rows_are_listed_with_line_and_reason() {
    let o = read("09-broken-rows.csv");
    assert_eq!(o.rijen.len(), 7, "no row is dropped");
    let broken: Vec<(usize, String)> = o.rijen.iter().filter(|r| !r.is_leesbaar()).map(|r| (r.regel, r.fouten.join("; "))).collect();
    let lines: Vec<usize> = broken.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8]);
    assert!(broken[0].1.contains("U ontvangt: 'honderd' is geen bedrag"), "{}", broken[0].1);
    assert!(broken[1].1.contains("Vervaldatum: '32-07-2025' is geen datum"), "{}", broken[1].1);
    assert!(broken[2].1.contains("4 velden, de kopregel heeft er 9"), "{}", broken[2].1);
    assert!(broken[3].1.contains("AGBnr '1234567'"), "{}", broken[3].1);
    assert!(broken[4].1.contains("geen bedrag in 'U ontvangt' of 'U betaalt'"), "{}", broken[4].1);
    assert!(broken[5].1.contains("meer dan twee decimalen"), "{}", broken[5].1);
    assert_eq!(o.rijen[0].u_ontvangt, Some(10_000));
}

#[test]
fn signs_and_symbols() {
    let o = read("10-signs-and-symbols.csv");
    let ontvangt: Vec<Option<i64>> = o.rijen.iter().map(|r| r.u_ontvangt).collect();
    assert_eq!(ontvangt, [Some(123_456), Some(-1_250), Some(-1_250), Some(-700), Some(100_000_000)]);
}

#[test]
fn preamble_gives_the_sequence_number_and_date() {
    let o = read("11-preamble-volgnummer.csv");
    assert_eq!(o.volgnummer, Some(12));
    assert_eq!(o.datum, Some(d(2025, 3, 14)));
    assert_eq!(o.rijen[0].regel, 6);
    assert_eq!(o.rijen[0].u_ontvangt, Some(5_000));
}

#[test]
fn a_csv_that_is_no_settlement_overview_is_refused() {
    let error = read_overzicht(&support::fixture("settlement/12-not-settlement.csv")).unwrap_err();
    assert!(matches!(error, SettlementError::GeenCsv(_)));
    assert!(error.to_string().starts_with("Dit is geen verrekenoverzicht"), "{error}");
    assert!(matches!(read_overzicht(b""), Err(SettlementError::Leeg)));
    assert!(matches!(read_overzicht(&support::example("wmo323_debet.xml")), Err(SettlementError::GeenCsv(_))));
}

#[test]
fn quoted_delimiters_and_crlf() {
    let o = read("16-quoted-delimiter-crlf.csv");
    assert_eq!(o.rijen.len(), 2);
    assert!(matches!(&o.rijen[0].onderwerp, Onderwerp::Overig(t) if t == "Correctie; deels"));
    assert_eq!(o.rijen[0].u_betaalt, Some(123_400));
    assert_eq!(o.rijen[1].regel, 3);
}

#[test]
fn the_ledger_follows_a_partly_offset_claim_and_ignores_a_repeated_overview() {
    let debet = message::load(&support::example("wmo323_debet.xml"), &ValidationContext::default()).unwrap().bericht;
    let Bericht::Declaratie(decl) = &debet else { unreachable!() };
    let o1 = read("13-claim-overzicht-1.csv");
    let o2 = read("14-claim-overzicht-2.csv");
    let o3 = read("15-claim-overzicht-3.csv");
    let again = read("17-claim-overzicht-1-again.csv");
    // Imported out of order, and overview 1 twice.
    let ledger = build_ledger(&[(7, &o3), (5, &o1), (6, &o2), (8, &again)], &[(0, decl)]);
    assert_eq!(ledger.overzichten.iter().map(|o| o.doc).collect::<Vec<_>>(), [5, 8, 6, 7]);
    assert_eq!(ledger.overzichten[1].dubbel_van, Some(5));
    assert_eq!(ledger.claims.len(), 1);
    let claim = &ledger.claims[0];
    assert_eq!(claim.kenmerk, "VZVL-DS98 7001");
    assert_eq!(claim.oorspronkelijk, 30_000);
    assert_eq!(claim.historie.iter().map(|(_, open)| *open).collect::<Vec<_>>(), [30_000, 12_000, 0]);
    assert_eq!(claim.status, ClaimStatus::Afgerekend);
    assert_eq!(claim.verrekend(), 30_000);
    let totaal = ledger.totaal();
    assert_eq!(totaal.ontvangen, 38_000);
    assert_eq!(totaal.open, 0);
    // The claim row's "Uw kenmerk" F2025050 is the loaded declaration.
    let claim_row = ledger.row(claim.historie[0].0).unwrap();
    assert_eq!(claim_row.declaratie, Some(0));
    // Later rows with the same kenmerk point back to the earlier ones.
    assert_eq!(ledger.row(claim.historie[2].0).unwrap().eerder.len(), 2);
    // F2025051..53 are not loaded: unmatched.
    assert_eq!(ledger.ongekoppeld.len(), 3);
    assert!(ledger.zonder_verrekening.is_empty());

    // After only the first two overviews the claim is partly offset and still open.
    let ledger = build_ledger(&[(5, &o1), (6, &o2)], &[(0, decl)]);
    let claim = &ledger.claims[0];
    assert_eq!((claim.open, claim.verrekend(), claim.status), (12_000, 18_000, ClaimStatus::Open));
    assert_eq!(ledger.totaal().open_vorderingen, 1);
}

#[test]
fn declarations_without_settlement_are_listed() {
    let debet = message::load(&support::example("wmo323_debet.xml"), &ValidationContext::default()).unwrap().bericht;
    let Bericht::Declaratie(decl) = &debet else { unreachable!() };
    let mut other = decl.clone();
    other.declaratie.declaratie_nummer = "F2025099".into();
    let o = read("01-semicolon-dutch.csv");
    let ledger = build_ledger(&[(3, &o)], &[(0, decl), (1, &other)]);
    assert_eq!(ledger.zonder_verrekening, [1]);
    assert_eq!(ledger.row(ledger.rows[0].rij).unwrap().declaratie, Some(0));
}

fn dutch(cents: i64, thousands: bool, euro: bool, trailing_minus: bool) -> String {
    let abs = cents.unsigned_abs();
    let euros = (abs / 100).to_string();
    let grouped = if thousands {
        let mut out = String::new();
        for (i, c) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    } else {
        euros
    };
    let body = format!("{}{grouped},{:02}", if euro { "€ " } else { "" }, abs % 100);
    match (cents < 0, trailing_minus) {
        (true, true) => format!("{body}-"),
        (true, false) => format!("-{body}"),
        _ => body,
    }
}

proptest! {
    #[test]
    fn any_supported_notation_parses_back_to_the_same_cents(cents in -10_000_000_000i64..10_000_000_000i64,
                                                           thousands in any::<bool>(), euro in any::<bool>(), trailing in any::<bool>()) {
        prop_assert_eq!(parse_amount(&dutch(cents, thousands, euro, trailing)), Ok(Some(cents)));
        let plain = format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
        prop_assert_eq!(parse_amount(&plain), Ok(Some(cents)));
    }
}
