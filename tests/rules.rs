//! The rulebook, case by case: for every rule Kloppend checks, a message that breaks exactly
//! that rule and a near-identical one that does not, made from Kloppend's own base messages
//! (tests/fixtures/rules/) by small edits written from the rule texts (../shared/RULES.md).
//!
//! Single-message rules go through `message::load` (what the import shows before upload);
//! history and pair rules through `Workspace::build`, the path the app uses for everything
//! loaded. Every message is checked against the official XSD with xmllint (except the
//! breaking case of a rule the XSD itself enforces). `every_rule_has_a_breaking_and_a_valid_case`
//! keeps the table complete.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;
use std::process::Command;

use chrono::NaiveDate;
use kloppend::domain::findings::{Finding, Severity};
use kloppend::domain::message::{self, BerichtType, Domein, Soort, ValidationContext};
use kloppend::domain::rules::Rule;
use kloppend::domain::workspace::Workspace;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn base(name: &str) -> String {
    String::from_utf8(support::fixture(&format!("rules/{name}"))).unwrap()
}

/// An edit of a base message. Finds are single-line (the bases have CRLF line ends).
#[derive(Clone, Copy)]
enum Edit {
    /// Replace every occurrence.
    All(&'static str, &'static str),
    /// Replace within the n-th (1-based) Prestatie only.
    Line(usize, &'static str, &'static str),
    /// Insert a credit line after the n-th Prestatie: (ReferentieNummer, VorigReferentieNummer,
    /// amount in cents). It copies line 1's product, a volume of 1 hour at € 65,00 per hour
    /// unless the amount says otherwise.
    Credit(usize, &'static str, &'static str, u64),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for edit in edits {
        text = match *edit {
            Edit::All(find, replace) => {
                assert!(text.contains(find), "edit target {find:?} not found");
                text.replace(find, replace)
            }
            Edit::Line(n, find, replace) => {
                let (start, end) = prestatie_bounds(&text, n);
                let block = &text[start..end];
                assert!(block.contains(find), "edit target {find:?} not in line {n}");
                format!("{}{}{}", &text[..start], block.replacen(find, replace, 1), &text[end..])
            }
            Edit::Credit(n, referentie, vorig, bedrag) => {
                let (_, end) = prestatie_bounds(&text, n);
                let line = credit_line(referentie, vorig, bedrag);
                format!("{}{}{}", &text[..end], line, &text[end..])
            }
        };
    }
    text
}

fn prestatie_bounds(text: &str, n: usize) -> (usize, usize) {
    let prefix = if text.contains("wmo325:Bericht") { "wmo325" } else { "wmo323" };
    let open = format!("<{prefix}:Prestatie>");
    let close = format!("</{prefix}:Prestatie>");
    let start = text.match_indices(&open).nth(n - 1).unwrap_or_else(|| panic!("no Prestatie {n}")).0;
    let end = start + text[start..].find(&close).unwrap() + close.len();
    (start, end)
}

fn credit_line(referentie: &str, vorig: &str, bedrag: u64) -> String {
    let volume = bedrag / 6500;
    [
        "\r\n          <wmo323:Prestatie>",
        "            <wmo323:ProductReferentie>",
        &format!("              <iwmo:ReferentieNummer>{referentie}</iwmo:ReferentieNummer>"),
        &format!("              <iwmo:VorigReferentieNummer>{vorig}</iwmo:VorigReferentieNummer>"),
        "            </wmo323:ProductReferentie>",
        "            <wmo323:ToewijzingNummer>4001</wmo323:ToewijzingNummer>",
        "            <wmo323:ProductCategorie>02</wmo323:ProductCategorie>",
        "            <wmo323:ProductCode>02A01</wmo323:ProductCode>",
        "            <wmo323:ProductPeriode>",
        "              <iwmo:Begindatum>2025-08-01</iwmo:Begindatum>",
        "              <iwmo:Einddatum>2025-08-31</iwmo:Einddatum>",
        "            </wmo323:ProductPeriode>",
        &format!("            <wmo323:GeleverdVolume>{volume}</wmo323:GeleverdVolume>"),
        "            <wmo323:Eenheid>04</wmo323:Eenheid>",
        "            <wmo323:ProductTarief>6500</wmo323:ProductTarief>",
        "            <wmo323:IngediendBedrag>",
        &format!("              <iwmo:Bedrag>{bedrag}</iwmo:Bedrag>"),
        "              <iwmo:DebetCredit>C</iwmo:DebetCredit>",
        "            </wmo323:IngediendBedrag>",
        "          </wmo323:Prestatie>",
    ]
    .join("\r\n")
}

const TOTAL: &str = "<iwmo:TotaalBedrag>140269</iwmo:TotaalBedrag>";

/// One single-message case: the base, the edits that break the rule, the edits of the
/// near-identical valid message, where the finding must point, and whether the XSD itself
/// already refuses the breaking message.
struct Case {
    rule: Rule,
    what: &'static str,
    base: &'static str,
    breaks: Vec<Edit>,
    valid: Vec<Edit>,
    path: String,
    severity: Severity,
    xsd_refuses: bool,
}

fn case(rule: Rule, what: &'static str, breaks: Vec<Edit>, valid: Vec<Edit>, path: &str) -> Case {
    Case { rule, what, base: "wmo323.xml", breaks, valid, path: path.to_string(), severity: Severity::Error, xsd_refuses: false }
}

fn line_path(client: usize, prestatie: usize, element: &str) -> String {
    format!("/Bericht/Declaratie/Clienten/Client[{client}]/Prestaties/Prestatie[{prestatie}]/{element}")
}

fn single_message_cases() -> Vec<Case> {
    use Edit::*;
    let mut cases = vec![
        Case {
            xsd_refuses: true,
            ..case(
                Rule::Xsd,
                "an AGB-code of 7 digits",
                vec![All("<wmo323:Afzender>87654321<", "<wmo323:Afzender>8765432<")],
                vec![All("<wmo323:Afzender>87654321<", "<wmo323:Afzender>87654320<")],
                "/Bericht/Header/Afzender",
            )
        },
        case(
            Rule::CS002,
            "a BSN that fails the 11-proef",
            vec![All("<wmo323:Bsn>999990032<", "<wmo323:Bsn>999990033<")],
            vec![All("<wmo323:Bsn>999990032<", "<wmo323:Bsn>999990044<")],
            "/Bericht/Declaratie/Clienten/Client[2]/Bsn",
        ),
        Case {
            xsd_refuses: true, // the message XSD fixes the value too
            ..case(
                Rule::CS025,
                "BerichtVersie 4",
                vec![All("<wmo323:BerichtVersie>3<", "<wmo323:BerichtVersie>4<")],
                vec![],
                "/Bericht/Header/BerichtVersie",
            )
        },
        Case {
            xsd_refuses: true, // the message XSD fixes the value too
            ..case(
                Rule::CS015,
                "BerichtSubversie 1 in a 3.2 message",
                vec![All("<wmo323:BerichtSubversie>2<", "<wmo323:BerichtSubversie>1<")],
                vec![],
                "/Bericht/Header/BerichtSubversie",
            )
        },
        case(
            Rule::CS100,
            "a ProductPeriode in December 2020",
            vec![Line(1, "2025-09-01", "2020-12-01"), Line(1, "2025-09-30", "2020-12-31")],
            vec![Line(1, "2025-09-01", "2021-01-01"), Line(1, "2025-09-30", "2021-01-31")],
            &line_path(1, 1, "ProductPeriode"),
        ),
        Case {
            xsd_refuses: true,
            ..case(
                Rule::CS319,
                "a DeclaratieNummer with a dash",
                vec![All("<wmo323:DeclaratieNummer>KL25090<", "<wmo323:DeclaratieNummer>KL-25090<")],
                vec![All("<wmo323:DeclaratieNummer>KL25090<", "<wmo323:DeclaratieNummer>KL250901<")],
                "/Bericht/Declaratie/DeclaratieNummer",
            )
        },
        case(
            Rule::CS325,
            "a credit line of € 0 marked C",
            vec![Credit(4, "KL25090-005", "KL25080-001", 0)],
            vec![
                Credit(4, "KL25090-005", "KL25080-001", 0),
                All("<iwmo:Bedrag>0</iwmo:Bedrag>", "<iwmo:Bedrag>6500</iwmo:Bedrag>"),
                All(TOTAL, "<iwmo:TotaalBedrag>133769</iwmo:TotaalBedrag>"),
                All("<wmo323:GeleverdVolume>0<", "<wmo323:GeleverdVolume>1<"),
            ],
            &line_path(2, 3, "IngediendBedrag/Bedrag"),
        ),
        case(
            Rule::CS337,
            "a ProductPeriode over two months",
            vec![Line(1, "2025-09-01", "2025-08-25"), Line(1, "2025-09-30", "2025-09-05")],
            vec![Line(1, "2025-09-01", "2025-09-05"), Line(1, "2025-09-30", "2025-09-25")],
            &line_path(1, 1, "ProductPeriode"),
        ),
        case(
            Rule::CS339,
            "Eenheid 83 with a volume other than the amount",
            vec![Line(4, "<wmo323:GeleverdVolume>12500<", "<wmo323:GeleverdVolume>12400<")],
            vec![],
            &line_path(2, 2, "IngediendBedrag/Bedrag"),
        ),
        case(
            Rule::CS340,
            "a DeclaratiePeriode that begins on the 2nd",
            vec![All(
                "<wmo323:DeclaratiePeriode>\r\n      <iwmo:Begindatum>2025-09-01<",
                "<wmo323:DeclaratiePeriode>\r\n      <iwmo:Begindatum>2025-09-02<",
            )],
            vec![],
            "/Bericht/Declaratie/DeclaratiePeriode",
        ),
        case(
            Rule::CD060,
            "a debit line with a VorigReferentieNummer",
            vec![Line(
                1,
                "</iwmo:ReferentieNummer>",
                "</iwmo:ReferentieNummer><iwmo:VorigReferentieNummer>KL25080-001</iwmo:VorigReferentieNummer>",
            )],
            vec![],
            &line_path(1, 1, "ProductReferentie/VorigReferentieNummer"),
        ),
        case(
            Rule::CD087,
            "an hourly line without ProductTarief",
            vec![Line(1, "<wmo323:ProductTarief>6500</wmo323:ProductTarief>", "")],
            vec![],
            &line_path(1, 1, "ProductTarief"),
        ),
        case(
            Rule::TR101,
            "the same BSN in two Client blocks",
            vec![All("<wmo323:Bsn>999990032<", "<wmo323:Bsn>999990019<")],
            vec![All("<wmo323:Bsn>999990032<", "<wmo323:Bsn>999990056<")],
            "/Bericht/Declaratie/Clienten/Client[2]/Bsn",
        ),
        case(
            Rule::TR101,
            "one ReferentieNummer on two lines",
            vec![Line(3, "KL25090-003", "KL25090-001")],
            vec![Line(3, "KL25090-003", "KL25090-009")],
            &line_path(2, 1, "ProductReferentie/ReferentieNummer"),
        ),
        case(
            Rule::TR134,
            "a DeclaratieDagtekening after the message's Dagtekening",
            vec![All("<wmo323:DeclaratieDagtekening>2025-10-06<", "<wmo323:DeclaratieDagtekening>2025-10-07<")],
            vec![All("<wmo323:DeclaratieDagtekening>2025-10-06<", "<wmo323:DeclaratieDagtekening>2025-10-05<")],
            "/Bericht/Declaratie/DeclaratieDagtekening",
        ),
        case(
            Rule::TR135,
            "a Dagtekening in the future",
            vec![All("2025-10-06", "2026-12-02")],
            vec![All("2025-10-06", "2026-12-01")],
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
        ),
        case(
            Rule::TR137,
            "a ProductPeriode that ends before it begins",
            vec![Line(1, "2025-09-01", "2025-09-20"), Line(1, "2025-09-30", "2025-09-10")],
            vec![Line(1, "2025-09-01", "2025-09-10"), Line(1, "2025-09-30", "2025-09-20")],
            &line_path(1, 1, "ProductPeriode"),
        ),
        case(
            Rule::TR137,
            "periods that end after the Dagtekening",
            vec![All("2025-10-06", "2025-09-29")],
            vec![All("2025-10-06", "2025-09-30")],
            "/Bericht/Declaratie/DeclaratiePeriode",
        ),
        case(
            Rule::TR315,
            "one VorigReferentieNummer on two credit lines",
            vec![
                Credit(4, "KL25090-005", "KL25080-001", 6500),
                Credit(5, "KL25090-006", "KL25080-001", 6500),
                All(TOTAL, "<iwmo:TotaalBedrag>127269</iwmo:TotaalBedrag>"),
            ],
            vec![
                Credit(4, "KL25090-005", "KL25080-001", 6500),
                Credit(5, "KL25090-006", "KL25080-002", 6500),
                All(TOTAL, "<iwmo:TotaalBedrag>127269</iwmo:TotaalBedrag>"),
            ],
            &line_path(2, 4, "ProductReferentie/VorigReferentieNummer"),
        ),
        case(
            Rule::TR316,
            "a credit of a line in the same message",
            vec![Credit(4, "KL25090-005", "KL25090-001", 6500), All(TOTAL, "<iwmo:TotaalBedrag>133769</iwmo:TotaalBedrag>")],
            vec![Credit(4, "KL25090-005", "KL25080-001", 6500), All(TOTAL, "<iwmo:TotaalBedrag>133769</iwmo:TotaalBedrag>")],
            &line_path(2, 3, "ProductReferentie/VorigReferentieNummer"),
        ),
        case(
            Rule::TR335,
            "a line more than five years old",
            vec![
                All("2025-10-06", "2026-11-02"),
                All("2025-09-30", "2026-10-31"),
                All("2025-09-01", "2026-10-01"),
                Line(1, "2026-10-01", "2021-06-01"),
                Line(1, "2026-10-31", "2021-06-30"),
            ],
            vec![
                All("2025-10-06", "2026-11-02"),
                All("2025-09-30", "2026-10-31"),
                All("2025-09-01", "2026-10-01"),
                Line(1, "2026-10-01", "2021-12-01"),
                Line(1, "2026-10-31", "2021-12-31"),
            ],
            &line_path(1, 1, "ProductPeriode/Einddatum"),
        ),
        case(
            Rule::TR358,
            "a total that is not the sum of the lines",
            vec![All(TOTAL, "<iwmo:TotaalBedrag>140270</iwmo:TotaalBedrag>")],
            vec![],
            "/Bericht/Declaratie/TotaalIngediendBedrag",
        ),
        case(
            Rule::TR416,
            "two debit lines for one toewijzing, product and period",
            vec![Line(3, "<wmo323:ToewijzingNummer>4003<", "<wmo323:ToewijzingNummer>4001<")],
            vec![
                Line(3, "<wmo323:ToewijzingNummer>4003<", "<wmo323:ToewijzingNummer>4001<"),
                Line(3, "2025-09-01", "2025-09-16"),
                Line(1, "2025-09-30", "2025-09-15"),
            ],
            &line_path(2, 1, "ProductReferentie/ReferentieNummer"),
        ),
        case(
            Rule::TR319,
            "a ProductPeriode after the DeclaratiePeriode",
            vec![Line(1, "2025-09-01", "2025-10-01"), Line(1, "2025-09-30", "2025-10-05")],
            vec![],
            &line_path(1, 1, "ProductPeriode/Einddatum"),
        ),
        case(
            Rule::TR346,
            "an hourly line whose amount is not volume × tariff",
            vec![Line(1, "<iwmo:Bedrag>39000<", "<iwmo:Bedrag>39001<"), All(TOTAL, "<iwmo:TotaalBedrag>140270</iwmo:TotaalBedrag>")],
            vec![],
            &line_path(1, 1, "IngediendBedrag/Bedrag"),
        ),
        case(
            Rule::TR346,
            "a minute line whose amount no hourly tariff explains (IV081)",
            // 45 minutes at 1,17 per minute: hourly tariffs 69,90..70,49 explain 52,43..52,87.
            vec![Line(2, "<iwmo:Bedrag>5269<", "<iwmo:Bedrag>5288<"), All(TOTAL, "<iwmo:TotaalBedrag>140288</iwmo:TotaalBedrag>")],
            vec![Line(2, "<iwmo:Bedrag>5269<", "<iwmo:Bedrag>5265<"), All(TOTAL, "<iwmo:TotaalBedrag>140265</iwmo:TotaalBedrag>")],
            &line_path(1, 2, "IngediendBedrag/Bedrag"),
        ),
        Case {
            severity: Severity::Warning,
            ..case(
                Rule::TR387,
                "a ProductPeriode from the 3rd",
                vec![Line(1, "2025-09-01", "2025-09-03")],
                vec![],
                &line_path(1, 1, "ProductPeriode/Begindatum"),
            )
        },
        Case {
            severity: Severity::Warning,
            ..case(
                Rule::TR388,
                "a ProductPeriode to the 28th",
                vec![Line(1, "2025-09-30", "2025-09-28")],
                vec![],
                &line_path(1, 1, "ProductPeriode/Einddatum"),
            )
        },
        Case {
            severity: Severity::Warning,
            ..case(
                Rule::TR378,
                "a gemeentecode that is not in the CBS list",
                vec![All("<wmo323:Ontvanger>0344<", "<wmo323:Ontvanger>0999<")],
                vec![All("<wmo323:Ontvanger>0344<", "<wmo323:Ontvanger>0363<")],
                "/Bericht/Header/Ontvanger",
            )
        },
    ];
    // The 325's own rules.
    let answer = |rule, what, breaks, valid, path: &str| Case { base: "wmo325.xml", ..case(rule, what, breaks, valid, path) };
    cases.extend([
        answer(
            Rule::TR342,
            "an answer whose rejected lines do not account for the difference",
            vec![All("<iwmo:TotaalBedrag>135000<", "<iwmo:TotaalBedrag>135001<")],
            vec![],
            "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag",
        ),
        answer(
            Rule::TR101,
            "an answer that names one ReferentieNummer twice",
            vec![Edit::All("</wmo325:Prestatie>\r\n        </wmo325:Prestaties>", "</wmo325:Prestatie>\r\n          <wmo325:Prestatie><wmo325:ProductReferentie><iwmo:ReferentieNummer>KL25090-002</iwmo:ReferentieNummer></wmo325:ProductReferentie><wmo325:ToewijzingNummer>4002</wmo325:ToewijzingNummer><wmo325:ProductCategorie>02</wmo325:ProductCategorie><wmo325:ProductCode>02A02</wmo325:ProductCode><wmo325:ProductPeriode><iwmo:Begindatum>2025-09-01</iwmo:Begindatum><iwmo:Einddatum>2025-09-30</iwmo:Einddatum></wmo325:ProductPeriode><wmo325:GeleverdVolume>0</wmo325:GeleverdVolume><wmo325:Eenheid>01</wmo325:Eenheid><wmo325:ProductTarief>117</wmo325:ProductTarief><wmo325:IngediendBedrag><iwmo:Bedrag>0</iwmo:Bedrag><iwmo:DebetCredit>D</iwmo:DebetCredit></wmo325:IngediendBedrag><wmo325:RetourCodes><wmo325:RetourCode>0611</wmo325:RetourCode></wmo325:RetourCodes></wmo325:Prestatie>\r\n        </wmo325:Prestaties>")],
            vec![],
            "/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductReferentie/ReferentieNummer",
        ),
        answer(
            Rule::TR134,
            "an answer dated before the declaration it answers",
            vec![All("<iwmo:Dagtekening>2025-10-14<", "<iwmo:Dagtekening>2025-10-05<")],
            vec![All("<iwmo:Dagtekening>2025-10-14<", "<iwmo:Dagtekening>2025-10-06<")],
            "/Bericht/Header/DeclaratieIdentificatie/Dagtekening",
        ),
        Case {
            severity: Severity::Warning,
            ..answer(
                Rule::IV087,
                "a header-only answer without any rejection code",
                vec![Edit::All("<wmo325:DeclaratieAntwoord>", "<!--"), Edit::All("</wmo325:DeclaratieAntwoord>", "-->")],
                // IV088: header only with the code of a header rule (9056) is a proper answer.
                vec![Edit::All("<wmo325:DeclaratieAntwoord>", "<!--"), Edit::All("</wmo325:DeclaratieAntwoord>", "-->"), Edit::All("<wmo325:RetourCode>0200</wmo325:RetourCode>\r\n    </wmo325:RetourCodes>\r\n  </wmo325:Header>", "<wmo325:RetourCode>9056</wmo325:RetourCode>\r\n    </wmo325:RetourCodes>\r\n  </wmo325:Header>")],
                "/Bericht/Header/RetourCodes",
            )
        },
        answer(
            Rule::TR346,
            "an answer that echoes a line rejected with 9346 with its wrong amount is valid",
            // The breaking case is the 323 rule applied to a 323; in a 325 the echo is fine.
            vec![],
            vec![Line(1, "<iwmo:Bedrag>5269<", "<iwmo:Bedrag>5999<"), Line(1, "<wmo325:RetourCode>0611<", "<wmo325:RetourCode>9346<"), All("<iwmo:TotaalBedrag>135000<", "<iwmo:TotaalBedrag>134270<")],
            "",
        ),
    ]);
    cases.push(Case {
        severity: Severity::Warning,
        ..case(Rule::OP192, "a file that starts with a byte order mark", vec![All("<?xml", "\u{feff}<?xml")], vec![], "/Bericht")
    });
    cases
}

fn schema_of(text: &str) -> BerichtType {
    let soort = if text.contains("wmo325:Bericht") { Soort::Antwoord } else { Soort::Declaratie };
    BerichtType { domein: Domein::Wmo, soort }
}

/// xmllint over many files in one run (one process per schema).
fn xmllint_all(files: &[(String, String)]) {
    // One folder per call: the tests of this file run in parallel threads of one process.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("kloppend-rules-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for soort in [Soort::Declaratie, Soort::Antwoord] {
        let mut paths = Vec::new();
        for (i, (label, text)) in files.iter().enumerate() {
            if schema_of(text).soort != soort {
                continue;
            }
            let path = dir.join(format!("{i}.xml"));
            std::fs::write(&path, text.trim_start_matches('\u{feff}')).unwrap();
            paths.push((label.clone(), path));
        }
        if paths.is_empty() {
            continue;
        }
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(support::xsd_path(BerichtType { domein: Domein::Wmo, soort }))
            .args(paths.iter().map(|(_, p)| p))
            .output()
            .expect("xmllint is not installed (apt-get install libxml2-utils)");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let failed: Vec<&String> =
            paths.iter().filter(|(_, p)| stderr.contains(&format!("{} fails to validate", p.display()))).map(|(l, _)| l).collect();
        assert!(failed.is_empty() && output.status.success(), "not XSD-valid: {failed:?}\n{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn load(text: &str) -> Vec<Finding> {
    message::load(text.as_bytes(), &ValidationContext { today: Some(today()) }).unwrap_or_else(|e| panic!("refused: {e}")).findings
}

fn tag_name(segment: &str) -> &str {
    segment.split('[').next().unwrap_or(segment)
}

/// Whether the part starting at `line` contains the element before the part ends.
fn block_has(text: &str, line: u32, element: &str) -> bool {
    let rest: Vec<&str> = text.lines().skip(line as usize - 1).collect();
    let opening = rest.first().copied().unwrap_or("");
    let part = opening.trim().trim_start_matches('<').trim_end_matches('>').to_string();
    let close = format!("</{part}>");
    rest.iter().take_while(|l| !l.contains(&close)).any(|l| l.contains(&format!(":{element}>")))
}

fn text_line(text: &str, line: u32) -> &str {
    text.lines().nth(line as usize - 1).unwrap_or("")
}

#[test]
fn the_base_messages_are_valid_and_free_of_findings() {
    for name in ["wmo323.xml", "wmo325.xml", "wmo325-goedgekeurd.xml"] {
        let findings = load(&base(name));
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
}

#[test]
fn every_single_message_case_breaks_exactly_its_rule_and_its_twin_breaks_none() {
    let mut xsd_files = Vec::new();
    let mut failures = Vec::new();
    for case in single_message_cases() {
        let base = base(case.base);
        let label = format!("{} ({})", case.rule, case.what);
        {
            let text = apply(&base, &case.breaks);
            if !case.breaks.is_empty() {
                let findings = load(&text);
                let others: Vec<&Finding> = findings.iter().filter(|f| f.rule != case.rule && f.severity <= case.severity).collect();
                let hit = findings.iter().find(|f| {
                    f.rule == case.rule && f.severity == case.severity && f.path.render(schema_of(&text).soort.body_element()) == case.path
                });
                match hit {
                    None => failures.push(format!("{label}: no {:?} at {}; got {findings:#?}", case.severity, case.path)),
                    Some(f) => {
                        // The location is the element's line, or the line of the part it belongs
                        // to when the element is missing (CD087) or is the message itself.
                        let segments: Vec<&str> = case.path.split('/').filter(|s| !s.is_empty()).map(tag_name).collect();
                        let element = segments[segments.len() - 1];
                        let part = segments
                            .iter()
                            .rev()
                            .find(|s| matches!(**s, "Prestatie" | "Client" | "Header" | "Declaratie" | "DeclaratieAntwoord"))
                            .copied();
                        match f.location {
                            Some(l) if text_line(&text, l.line).contains(&format!(":{element}>")) => {}
                            Some(l)
                                if part.is_some_and(|p| {
                                    text_line(&text, l.line).contains(&format!(":{p}>")) && !block_has(&text, l.line, element)
                                }) => {}
                            Some(_) if segments.len() == 1 => {}
                            other => failures.push(format!("{label}: location {other:?} is not at <{element}>")),
                        }
                        if f.message.is_empty() {
                            failures.push(format!("{label}: empty message"));
                        }
                    }
                }
                if !others.is_empty() {
                    failures.push(format!("{label}: breaks other rules too: {others:#?}"));
                }
                if !case.xsd_refuses {
                    xsd_files.push((format!("{label} (breaks)"), text));
                }
            }
        }
        let valid = apply(&base, &case.valid);
        let findings = load(&valid);
        let wrong: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error || f.rule == case.rule).collect();
        if !wrong.is_empty() {
            failures.push(format!("{label}: the valid twin is flagged: {wrong:#?}"));
        }
        xsd_files.push((format!("{label} (valid)"), valid));
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    xmllint_all(&xsd_files);
}

/// IV081 on a grid: hourly tariffs not divisible by 60 and awkward minute counts. Each line
/// made per IV081 is accepted; the same line a few cents off (more than rounding allows) is
/// refused with TR346, at its amount.
#[test]
fn minute_lines_under_an_hourly_tariff_are_accepted_exactly_when_iv081_explains_them() {
    // Round half up of x / 60, written out here rather than taken from the code under test.
    let per_minute = |x: u64| (2 * x + 60) / 120;
    let base = base("wmo323.xml");
    let mut files = Vec::new();
    for uurtarief in [6500u64, 7025, 8350] {
        for minuten in [1u64, 7, 45, 59, 61, 600] {
            let tarief = per_minute(uurtarief);
            let bedrag = per_minute(uurtarief * minuten);
            // The amounts some hourly tariff with this ProductTarief gives: from the lowest
            // (60t − 30) to the highest (60t + 29); one cent beyond either is no tariff's.
            let lowest = per_minute((60 * tarief - 30) * minuten);
            let highest = per_minute((60 * tarief + 29) * minuten);
            for (amount, valid) in [(bedrag, true), (lowest, true), (highest, true), (highest + 1, false), (lowest - 1, false)] {
                let total = 140269 - 5269 + amount;
                let text = base
                    .replacen("<wmo323:GeleverdVolume>45<", &format!("<wmo323:GeleverdVolume>{minuten}<"), 1)
                    .replacen("<wmo323:ProductTarief>117<", &format!("<wmo323:ProductTarief>{tarief}<"), 1)
                    .replacen("<iwmo:Bedrag>5269<", &format!("<iwmo:Bedrag>{amount}<"), 1)
                    .replacen(TOTAL, &format!("<iwmo:TotaalBedrag>{total}</iwmo:TotaalBedrag>"), 1);
                let findings = load(&text);
                let label = format!("€ {},{:02}/uur, {minuten} min, bedrag {amount}", uurtarief / 100, uurtarief % 100);
                if valid {
                    assert!(findings.is_empty(), "{label}: {findings:#?}");
                } else {
                    let tr346: Vec<_> = findings.iter().filter(|f| f.rule == Rule::TR346).collect();
                    assert_eq!(tr346.len(), 1, "{label}: {findings:#?}");
                    assert_eq!(tr346[0].path.render(Soort::Declaratie.body_element()), line_path(1, 2, "IngediendBedrag/Bedrag"));
                    assert!(tr346[0].message.contains("IV081"), "{}", tr346[0].message);
                }
                files.push((label, text));
            }
        }
    }
    xmllint_all(&files);
}

// ---- history and pair rules, through the workspace ---------------------------------------

fn workspace(texts: &[String]) -> Workspace {
    let named = texts.iter().enumerate().map(|(i, text)| {
        let extension = if text.starts_with('<') { "xml" } else { "csv" };
        (format!("bericht{i}.{extension}"), text.as_bytes().to_vec())
    });
    support::imported(named, today())
}

/// A later declaration from the base: other numbers, period October 2025.
fn october(edits: &[Edit]) -> String {
    let text = apply(
        &base("wmo323.xml"),
        &[
            Edit::All("KLB25090", "KLB25100"),
            Edit::All("KL25090", "KL25100"),
            Edit::All("2025-10-06", "2025-11-05"),
            Edit::All("2025-09-30", "2025-10-31"),
            Edit::All("2025-09-01", "2025-10-01"),
        ],
    );
    apply(&text, edits)
}

/// The gemeente's answer approving everything (8001) of a declaration made by [`october`] or the base.
fn approved(declaratie: &str) -> String {
    let id = between(declaratie, "<iwmo:Identificatie>", "<");
    let nummer = between(declaratie, "<wmo323:DeclaratieNummer>", "<");
    let dagtekening = between(declaratie, "<iwmo:Dagtekening>", "<");
    let total = between(declaratie, "<iwmo:TotaalBedrag>", "<");
    let dc = between(declaratie, "<iwmo:TotaalBedrag>", "</wmo323:TotaalIngediendBedrag>");
    let dc = between(dc, "<iwmo:DebetCredit>", "<");
    // The gemeente answers a week later.
    let answered = NaiveDate::parse_from_str(dagtekening, "%Y-%m-%d").unwrap() + chrono::Duration::days(7);
    let text = base("wmo325.xml");
    let start = text.find("    <wmo325:Clienten>").unwrap();
    let end = text.find("    <wmo325:RetourCodes>\r\n      <wmo325:RetourCode>0200</wmo325:RetourCode>\r\n    </wmo325:RetourCodes>\r\n  </wmo325:DeclaratieAntwoord>").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    let text = text.replace(
        "<wmo325:RetourCode>0200</wmo325:RetourCode>\r\n    </wmo325:RetourCodes>\r\n  </wmo325:DeclaratieAntwoord>",
        "<wmo325:RetourCode>8001</wmo325:RetourCode>\r\n    </wmo325:RetourCodes>\r\n  </wmo325:DeclaratieAntwoord>",
    );
    text.replace("<iwmo:Identificatie>KLB25090<", &format!("<iwmo:Identificatie>{id}<"))
        .replace("<iwmo:Identificatie>UTR-A-0917<", &format!("<iwmo:Identificatie>A{id}<"))
        .replace("<iwmo:Dagtekening>2025-10-06<", &format!("<iwmo:Dagtekening>{dagtekening}<"))
        .replace("<iwmo:Dagtekening>2025-10-14<", &format!("<iwmo:Dagtekening>{answered}<"))
        .replace("<wmo325:DeclaratieNummer>KL25090<", &format!("<wmo325:DeclaratieNummer>{nummer}<"))
        .replace(
            "<iwmo:TotaalBedrag>140269</iwmo:TotaalBedrag>\r\n      <iwmo:DebetCredit>D<",
            &format!("<iwmo:TotaalBedrag>{total}</iwmo:TotaalBedrag>\r\n      <iwmo:DebetCredit>{dc}<"),
        )
        .replace(
            "<iwmo:TotaalBedrag>135000</iwmo:TotaalBedrag>\r\n      <iwmo:DebetCredit>D<",
            &format!("<iwmo:TotaalBedrag>{total}</iwmo:TotaalBedrag>\r\n      <iwmo:DebetCredit>{dc}<"),
        )
}

/// The same answer, but rejecting the declaration as a whole (9333 on DeclaratieAntwoord,
/// nothing toegekend).
fn wholly_rejected(answer: &str) -> String {
    let toegekend = answer.find("<wmo325:TotaalToegekendBedrag>").unwrap();
    let (head, tail) = answer.split_at(toegekend);
    let start = tail.find("<iwmo:TotaalBedrag>").unwrap() + "<iwmo:TotaalBedrag>".len();
    let end = start + tail[start..].find('<').unwrap();
    let tail = format!("{}0{}", &tail[..start], &tail[end..]);
    format!("{head}{tail}").replace("<wmo325:RetourCode>8001<", "<wmo325:RetourCode>9333<")
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap() + open.len();
    &text[start..start + text[start..].find(close).unwrap()]
}

/// A credit message in November 2025 for line `n` of the base (approved by [`approved`]).
fn credit_of_base(referentie: &'static str, vorig: &'static str, gemeente: &'static str) -> String {
    // One credit line only: the base's lines removed, total = the credit.
    let text = october(&[
        Edit::All("KLB25100", "KLB25110"),
        Edit::All("KL25100", "KL25110"),
        Edit::All("2025-11-05", "2025-12-03"),
        Edit::All("2025-10-31", "2025-11-30"),
        Edit::All("2025-10-01", "2025-11-01"),
        Edit::All("<wmo323:Ontvanger>0344<", gemeente),
    ]);
    let start = text.find("      <wmo323:Client>").unwrap();
    let end = text.find("    </wmo323:Clienten>").unwrap();
    let client = [
        "      <wmo323:Client>",
        "        <wmo323:Bsn>999990019</wmo323:Bsn>",
        "        <wmo323:Prestaties>",
        "          <wmo323:Prestatie>",
        "            <wmo323:ProductReferentie>",
        &format!("              <iwmo:ReferentieNummer>{referentie}</iwmo:ReferentieNummer>"),
        &format!("              <iwmo:VorigReferentieNummer>{vorig}</iwmo:VorigReferentieNummer>"),
        "            </wmo323:ProductReferentie>",
        "            <wmo323:ToewijzingNummer>4001</wmo323:ToewijzingNummer>",
        "            <wmo323:ProductCategorie>02</wmo323:ProductCategorie>",
        "            <wmo323:ProductCode>02A01</wmo323:ProductCode>",
        "            <wmo323:ProductPeriode>",
        "              <iwmo:Begindatum>2025-09-01</iwmo:Begindatum>",
        "              <iwmo:Einddatum>2025-09-30</iwmo:Einddatum>",
        "            </wmo323:ProductPeriode>",
        "            <wmo323:GeleverdVolume>6</wmo323:GeleverdVolume>",
        "            <wmo323:Eenheid>04</wmo323:Eenheid>",
        "            <wmo323:ProductTarief>6500</wmo323:ProductTarief>",
        "            <wmo323:IngediendBedrag>",
        "              <iwmo:Bedrag>39000</iwmo:Bedrag>",
        "              <iwmo:DebetCredit>C</iwmo:DebetCredit>",
        "            </wmo323:IngediendBedrag>",
        "          </wmo323:Prestatie>",
        "        </wmo323:Prestaties>",
        "      </wmo323:Client>",
        "",
    ]
    .join("\r\n");
    let text = format!("{}{}{}", &text[..start], client, &text[end..]);
    text.replace(TOTAL, "<iwmo:TotaalBedrag>39000</iwmo:TotaalBedrag>").replacen(
        "<iwmo:TotaalBedrag>39000</iwmo:TotaalBedrag>\r\n      <iwmo:DebetCredit>D<",
        "<iwmo:TotaalBedrag>39000</iwmo:TotaalBedrag>\r\n      <iwmo:DebetCredit>C<",
        1,
    )
}

struct HistoryCase {
    rule: Rule,
    what: &'static str,
    breaks: Vec<String>,
    valid: Vec<String>,
}

/// Replaces `find` within toewijzing `nummer` of a 301 (one ToegewezenProduct block).
fn in_toewijzing(text: &str, nummer: u64, find: &str, replace: &str) -> String {
    let marker = format!("<wmo301:ToewijzingNummer>{nummer}<");
    let at = text.find(&marker).unwrap_or_else(|| panic!("toewijzing {nummer} not in the 301"));
    let start = text[..at].rfind("<wmo301:ToegewezenProduct>").unwrap();
    let end = at + text[at..].find("</wmo301:ToegewezenProduct>").unwrap();
    let block = &text[start..end];
    assert!(block.contains(find), "edit target {find:?} not in toewijzing {nummer}");
    format!("{}{}{}", &text[..start], block.replacen(find, replace, 1), &text[end..])
}

/// The cases of the T rules: the base declaration (unanswered) with the two 301s behind it,
/// one of them or the declaration edited. The 301s come first, so the declaration is the
/// workspace's first message.
fn toewijzing_cases() -> Vec<HistoryCase> {
    let base = base("wmo323.xml");
    let a = self::base("wmo301_a.xml");
    let b = self::base("wmo301_b.xml");
    let with = |a: String, b: String, declaraties: Vec<String>| {
        let mut files = vec![a, b];
        files.extend(declaraties);
        files
    };
    let a_with = |find: &str, replace: &str| in_toewijzing(&a, 4001, find, replace);
    let line1 = |edits: &[Edit]| apply(&base, edits);
    // A later version of 4001 (a day later), ending it as `einde` with reason `reden`.
    let newer = |einde: &str, reden: &str| {
        let t = a_with(
            "<wmo301:Einddatum>2025-12-31</wmo301:Einddatum>",
            &format!("<wmo301:Einddatum>{einde}</wmo301:Einddatum>\n        <wmo301:RedenWijziging>{reden}</wmo301:RedenWijziging>"),
        );
        in_toewijzing(&t, 4001, "2024-12-16", "2024-12-17").replace("TW2412160019", "TW2412170019")
    };
    let answer = approved(&base);
    vec![
        HistoryCase {
            rule: Rule::TR338,
            what: "a ToewijzingNummer that no loaded 301 of the gemeente has (a warning)",
            breaks: with(a.clone(), b.clone(), vec![line1(&[Edit::Line(2, ">4002<", ">4999<")])]),
            valid: with(a.clone(), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR304,
            what: "a line on the toewijzing of another client",
            breaks: with(a.clone(), b.clone(), vec![line1(&[Edit::Line(1, ">4001<", ">4003<"), Edit::Line(3, ">4003<", ">4001<")])]),
            valid: with(a.clone(), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR384,
            what: "a toewijzing removed by a later 301 (RedenWijziging 13)",
            breaks: vec![a.clone(), b.clone(), newer("2025-01-01", "13"), base.clone()],
            valid: vec![a.clone(), b.clone(), newer("2025-12-31", "04"), base.clone()],
        },
        HistoryCase {
            rule: Rule::TR307,
            what: "a period that begins before the Ingangsdatum",
            breaks: with(a_with("<wmo301:Ingangsdatum>2025-01-01<", "<wmo301:Ingangsdatum>2025-09-10<"), b.clone(), vec![base.clone()]),
            valid: with(a_with("<wmo301:Ingangsdatum>2025-01-01<", "<wmo301:Ingangsdatum>2025-09-01<"), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR308,
            what: "a period that ends after the Einddatum of a shortened toewijzing",
            breaks: vec![a.clone(), b.clone(), newer("2025-09-15", "05"), base.clone()],
            valid: vec![a.clone(), b.clone(), newer("2025-09-30", "05"), base.clone()],
        },
        HistoryCase {
            rule: Rule::TR387,
            what: "a period that begins after the 1st while the toewijzing runs the whole month",
            breaks: with(a.clone(), b.clone(), vec![line1(&[Edit::Line(1, "2025-09-01", "2025-09-05")])]),
            valid: with(
                a_with("<wmo301:Ingangsdatum>2025-01-01<", "<wmo301:Ingangsdatum>2025-09-05<"),
                b.clone(),
                vec![line1(&[Edit::Line(1, "2025-09-01", "2025-09-05")])],
            ),
        },
        HistoryCase {
            rule: Rule::TR388,
            what: "a period that ends before the last day while the toewijzing runs on",
            breaks: with(a.clone(), b.clone(), vec![line1(&[Edit::Line(1, "2025-09-30", "2025-09-20")])]),
            valid: with(
                a_with("<wmo301:Einddatum>2025-12-31<", "<wmo301:Einddatum>2025-09-20<"),
                b.clone(),
                vec![line1(&[Edit::Line(1, "2025-09-30", "2025-09-20")])],
            ),
        },
        HistoryCase {
            rule: Rule::TR339,
            what: "a ProductCategorie other than the toegewezen one",
            breaks: with(a_with("<iwmo:Categorie>02<", "<iwmo:Categorie>03<"), b.clone(), vec![base.clone()]),
            valid: with(a.clone(), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR340,
            what: "a ProductCode other than the toegewezen one",
            breaks: with(a_with("<iwmo:Code>02A01<", "<iwmo:Code>02A05<"), b.clone(), vec![base.clone()]),
            // Aspecific: only the category is toegewezen, any code of it may be declared.
            valid: with(a_with("\n          <iwmo:Code>02A01</iwmo:Code>", ""), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR341,
            what: "hours declared on a toewijzing in etmalen (minutes under hours are allowed: line 2)",
            breaks: with(a_with("<iwmo:Eenheid>04<", "<iwmo:Eenheid>14<"), b.clone(), vec![base.clone()]),
            valid: with(a.clone(), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR321,
            what: "6 hours in September 2025 (5 ISO weeks) on 1 hour per week",
            breaks: with(a_with("<iwmo:Volume>3<", "<iwmo:Volume>1<"), b.clone(), vec![base.clone()]),
            valid: with(a_with("<iwmo:Volume>3<", "<iwmo:Volume>2<"), b.clone(), vec![base.clone()]),
        },
        HistoryCase {
            rule: Rule::TR322,
            what: "6 + 6 hours sent on a toewijzing of 10 hours in total",
            breaks: with(
                a_with("<iwmo:Volume>3<", "<iwmo:Volume>10<").replace("<iwmo:Frequentie>2<", "<iwmo:Frequentie>6<"),
                b.clone(),
                vec![base.clone(), answer.clone(), october(&[])],
            ),
            valid: with(
                a_with("<iwmo:Volume>3<", "<iwmo:Volume>12<").replace("<iwmo:Frequentie>2<", "<iwmo:Frequentie>6<"),
                b.clone(),
                vec![base.clone(), answer.clone(), october(&[])],
            ),
        },
        HistoryCase {
            rule: Rule::TR418,
            what: "a tariff other than the contract's",
            breaks: vec![tarieven("0344;02A01;uur;60,00;01-01-2025;"), base.clone()],
            // Another gemeente's tariff, and 02A01 only from next year, do not apply.
            valid: vec![tarieven("0363;02A01;uur;60,00;01-01-2025;\r\n0344;02A01;uur;60,00;01-01-2026;"), base.clone()],
        },
        HistoryCase {
            rule: Rule::TR418,
            what: "minutes at a per-minute tariff other than the hourly contract tariff / 60",
            breaks: vec![tarieven("0344;02A02;uur;72,00;01-01-2025;"), base.clone()],
            valid: vec![tarieven("0344;02A02;uur;70,25;01-01-2025;"), base.clone()],
        },
        HistoryCase {
            rule: Rule::TR369,
            what: "€ 125,00 declared on a budget of € 100,00",
            breaks: with(a.clone(), budget(&b, 10000), vec![base.clone()]),
            valid: with(a.clone(), budget(&b, 12500), vec![base.clone()]),
        },
    ]
}

/// A contract tariff file with these rows (`gemeente;productcode;eenheid;tarief;van;tot`).
fn tarieven(rows: &str) -> String {
    format!("gemeente;productcode;eenheid;tarief;van;tot\r\n{rows}\r\n")
}

/// Toewijzing 4004 of the second 301 as a budget (no Omvang), in cents.
fn budget(b: &str, cents: u64) -> String {
    let start = b.find("<wmo301:Omvang>\n          <iwmo:Volume>20000").expect("4004's Omvang");
    let end = start + b[start..].find("</wmo301:Omvang>").unwrap() + "</wmo301:Omvang>".len();
    format!("{}<wmo301:Budget>{cents}</wmo301:Budget>{}", &b[..start], &b[end..])
}

fn history_cases() -> Vec<HistoryCase> {
    let base = base("wmo323.xml");
    let answer = approved(&base);
    let gemeente = "<wmo323:Ontvanger>0344<";
    vec![
        HistoryCase {
            rule: Rule::TR056,
            what: "a BerichtIdentificatie used before",
            breaks: vec![base.clone(), october(&[Edit::All("KLB25100", "KLB25090")])],
            valid: vec![base.clone(), october(&[])],
        },
        HistoryCase {
            rule: Rule::TR333,
            what: "a DeclaratieNummer used before",
            breaks: vec![base.clone(), october(&[Edit::All("<wmo323:DeclaratieNummer>KL25100<", "<wmo323:DeclaratieNummer>KL25090<")])],
            valid: vec![base.clone(), october(&[])],
        },
        HistoryCase {
            rule: Rule::TR333,
            what: "a DeclaratieNummer used before, but the earlier declaration was rejected as a whole",
            breaks: vec![
                base.clone(),
                answer.clone(),
                october(&[Edit::All("<wmo323:DeclaratieNummer>KL25100<", "<wmo323:DeclaratieNummer>KL25090<")]),
            ],
            // IV087: a declaration rejected as a whole counts as not sent; its number is free.
            valid: vec![
                base.clone(),
                wholly_rejected(&answer),
                october(&[Edit::All("<wmo323:DeclaratieNummer>KL25100<", "<wmo323:DeclaratieNummer>KL25090<")]),
            ],
        },
        HistoryCase {
            rule: Rule::TR314,
            what: "a ReferentieNummer used in an earlier message",
            breaks: vec![base.clone(), october(&[Edit::Line(2, "KL25100-002", "KL25090-002")])],
            valid: vec![base.clone(), october(&[Edit::Line(2, "KL25100-002", "KL25100-012")])],
        },
        HistoryCase {
            rule: Rule::TR389,
            what: "a second debit while the first is still unanswered (sent, not rejected)",
            breaks: vec![base.clone(), october(&[Edit::Line(1, "2025-10-01", "2025-09-01"), Edit::Line(1, "2025-10-31", "2025-09-30")])],
            valid: vec![base.clone(), october(&[])],
        },
        HistoryCase {
            rule: Rule::TR389,
            what: "a second debit for an approved, uncredited line",
            breaks: vec![
                base.clone(),
                answer.clone(),
                october(&[Edit::Line(1, "2025-10-01", "2025-09-01"), Edit::Line(1, "2025-10-31", "2025-09-30")]),
            ],
            valid: vec![base.clone(), answer.clone(), october(&[])],
        },
        HistoryCase {
            rule: Rule::TR323,
            what: "a credit sent to another gemeente than its original",
            breaks: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25090-001", "<wmo323:Ontvanger>0363<")],
            valid: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25090-001", gemeente)],
        },
        HistoryCase {
            rule: Rule::TR323,
            what: "a credit of a line that is not in the archive",
            breaks: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25070-001", gemeente)],
            valid: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25090-001", gemeente)],
        },
        HistoryCase {
            rule: Rule::TR323,
            what: "a credit of a credit line",
            breaks: {
                let credit = credit_of_base("KL25110-001", "KL25090-001", gemeente);
                let credit_answer = approved(&credit);
                let second = credit.replace("KLB25110", "KLB25120").replace("KL25110", "KL25120").replace("KL25090-001", "KL25110-001");
                vec![base.clone(), answer.clone(), credit.clone(), credit_answer, second]
            },
            valid: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25090-001", gemeente)],
        },
        HistoryCase {
            rule: Rule::TR390,
            what: "a line credited twice, in two messages",
            breaks: {
                let credit = credit_of_base("KL25110-001", "KL25090-001", gemeente);
                let credit_answer = approved(&credit);
                let second = credit.replace("KLB25110", "KLB25120").replace("KL25110", "KL25120");
                vec![base.clone(), answer.clone(), credit.clone(), credit_answer, second]
            },
            valid: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25090-001", gemeente)],
        },
        HistoryCase {
            rule: Rule::TR376,
            what: "an answer that names another DeclaratieNummer",
            breaks: vec![base.clone(), answer.replace("<wmo325:DeclaratieNummer>KL25090<", "<wmo325:DeclaratieNummer>KL25091<")],
            valid: vec![base.clone(), answer.clone()],
        },
        HistoryCase {
            rule: Rule::TR367,
            what: "a rejected line whose echo differs from the declaration",
            breaks: vec![
                base.clone(),
                apply(&self::base("wmo325.xml"), &[Edit::Line(1, "<wmo325:GeleverdVolume>45<", "<wmo325:GeleverdVolume>46<")]),
            ],
            valid: vec![base.clone(), self::base("wmo325.xml")],
        },
        HistoryCase {
            rule: Rule::TR366,
            what: "an answer that lists a line the declaration does not have",
            breaks: vec![base.clone(), apply(&self::base("wmo325.xml"), &[Edit::Line(1, "KL25090-002", "KL25090-099")])],
            valid: vec![base.clone(), self::base("wmo325.xml")],
        },
        HistoryCase {
            rule: Rule::TR371,
            what: "an answer that names other XSD versions for the declaration",
            breaks: vec![
                base.clone(),
                answer.replace(
                    "<wmo325:XsdVersieDeclaratie>\r\n      <iwmo:BasisschemaXsdVersie>1.0.0<",
                    "<wmo325:XsdVersieDeclaratie>\r\n      <iwmo:BasisschemaXsdVersie>1.0.1<",
                ),
            ],
            valid: vec![base.clone(), answer.clone()],
        },
        HistoryCase {
            rule: Rule::Koppeling,
            what: "an answer whose declaration is not loaded",
            breaks: vec![self::base("wmo325.xml")],
            valid: vec![base.clone(), self::base("wmo325.xml")],
        },
        HistoryCase {
            rule: Rule::OP090,
            what: "a declaration without an answer after 10 working days",
            breaks: vec![base.clone()],
            valid: vec![base.clone(), answer.clone()],
        },
        HistoryCase {
            rule: Rule::IV091,
            what: "a credit that is not an exact copy of its original",
            breaks: vec![
                base.clone(),
                answer.clone(),
                credit_of_base("KL25110-001", "KL25090-001", gemeente).replace("<wmo323:ProductCode>02A01<", "<wmo323:ProductCode>02A09<"),
            ],
            valid: vec![base.clone(), answer.clone(), credit_of_base("KL25110-001", "KL25090-001", gemeente)],
        },
    ]
}

#[test]
fn every_history_case_is_reported_with_its_rule_and_its_twin_is_not() {
    let mut xsd_files = Vec::new();
    let mut failures = Vec::new();
    for case in history_cases().into_iter().chain(toewijzing_cases()) {
        let label = format!("{} ({})", case.rule, case.what);
        let broken = workspace(&case.breaks);
        let valid = workspace(&case.valid);
        for (set, ws) in [("breaks", &broken), ("valid", &valid)] {
            for document in &ws.documents {
                if let Some(loaded) = document.loaded() {
                    let errors: Vec<_> = loaded.findings.iter().filter(|f| f.severity == Severity::Error).collect();
                    if !errors.is_empty() {
                        failures.push(format!("{label} ({set}): a message breaks a single-message rule: {errors:#?}"));
                    }
                } else if document.toewijzing().is_none() && document.tarieven().is_none() {
                    failures.push(format!("{label} ({set}): {} was refused", document.file.name));
                }
            }
        }
        let hits: Vec<_> = broken.reconciliation.issues.iter().filter(|i| i.kind.rule() == case.rule).collect();
        if hits.is_empty() {
            failures.push(format!("{label}: not reported; issues: {:#?}", broken.reconciliation.issues));
        }
        // The issue is about the later message (the one to fix), never about the first alone.
        if let Some(hit) = hits.first()
            && case.breaks.len() > 1
            && hit.bericht == 0
            && hit.ander.is_none()
            && !matches!(
                hit.kind,
                kloppend::domain::reconcile::IssueKind::Toewijzing(_) | kloppend::domain::reconcile::IssueKind::GeenToewijzing
            )
            && case.rule != Rule::OP090
        {
            failures.push(format!("{label}: reported on the first message: {hit:#?}"));
        }
        let wrong: Vec<_> = valid
            .reconciliation
            .issues
            .iter()
            .filter(|i| i.kind.rule() != Rule::OP090 || case.rule == Rule::OP090)
            .filter(|i| i.kind.rule() == case.rule || matches!(i.kind.rule().gevolg(), kloppend::domain::rules::Consequence::Rejected(_)))
            .collect();
        if !wrong.is_empty() {
            failures.push(format!("{label}: the valid twin is flagged: {wrong:#?}"));
        }
        for (i, text) in case.breaks.iter().chain(&case.valid).enumerate() {
            // The 301s are checked against WMO301.xsd in tests/toewijzing.rs.
            if text.starts_with('<') && !text.contains("wmo301:Bericht") {
                xsd_files.push((format!("{label} #{i}"), text.clone()));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    xmllint_all(&xsd_files);
}

/// The coverage test: a rule of the `Rule` enum without a breaking and a valid case fails here.
#[test]
fn every_rule_has_a_breaking_and_a_valid_case() {
    let mut breaks: BTreeSet<&str> = BTreeSet::new();
    let mut valid: BTreeSet<&str> = BTreeSet::new();
    for case in single_message_cases() {
        valid.insert(case.rule.code());
        if !case.breaks.is_empty() {
            breaks.insert(case.rule.code());
        }
    }
    for case in history_cases().into_iter().chain(toewijzing_cases()) {
        breaks.insert(case.rule.code());
        valid.insert(case.rule.code());
    }
    let missing: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).filter(|c| !breaks.contains(c) || !valid.contains(c)).collect();
    assert!(missing.is_empty(), "rules without a breaking and a valid case: {missing:?}");
}

/// The rule table in ARCHITECTURE.md lists every rule (and only rules that exist).
#[test]
fn the_rule_table_in_architecture_md_is_complete() {
    let doc = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let table: BTreeSet<&str> = doc
        .lines()
        .skip_while(|l| !l.starts_with("## Rule coverage"))
        .skip(1)
        // Only this section: the document has other tables after it.
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" |").next())
        .map(|c| c.trim_matches('`'))
        .filter(|c| !c.is_empty() && *c != "rule" && !c.starts_with('-'))
        .collect();
    let rules: BTreeSet<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(table, rules, "ARCHITECTURE.md's rule coverage table and the Rule enum differ");
}

// ---- the builder against the history rules ------------------------------------------------

/// The October declaration declares September's line 1 again (TR389) and the gemeente rejects
/// that line with 9389. Re-declaring it as it is would be rejected again; re-declaring it for
/// October is fine.
#[test]
fn the_builder_refuses_a_redeclaration_the_gemeente_would_reject_for_the_archive() {
    use kloppend::domain::credit::{BuildError, Correctie, Numbering, Request, Soort as Kind, build, check, group, propose};
    use kloppend::domain::message::Periode;
    use kloppend::domain::reconcile::{LineRef, LineStatus};

    let base = base("wmo323.xml");
    let again = october(&[Edit::Line(1, "2025-10-01", "2025-09-01"), Edit::Line(1, "2025-10-31", "2025-09-30")]);
    let answer = apply(
        &self::base("wmo325.xml"),
        &[
            Edit::All("KLB25090", "KLB25100"),
            Edit::All("<iwmo:Dagtekening>2025-10-06<", "<iwmo:Dagtekening>2025-11-05<"),
            Edit::All("<iwmo:Dagtekening>2025-10-14<", "<iwmo:Dagtekening>2025-11-12<"),
            Edit::All("UTR-A-0917", "UTR-A-1017"),
            Edit::All("<wmo325:DeclaratieNummer>KL25090<", "<wmo325:DeclaratieNummer>KL25100<"),
            Edit::Line(1, "KL25090-002", "KL25100-001"),
            Edit::Line(1, "<wmo325:ToewijzingNummer>4002<", "<wmo325:ToewijzingNummer>4001<"),
            Edit::Line(1, "<wmo325:ProductCode>02A02<", "<wmo325:ProductCode>02A01<"),
            Edit::Line(1, "<wmo325:GeleverdVolume>45<", "<wmo325:GeleverdVolume>6<"),
            Edit::Line(1, "<wmo325:Eenheid>01<", "<wmo325:Eenheid>04<"),
            Edit::Line(1, "<wmo325:ProductTarief>117<", "<wmo325:ProductTarief>6500<"),
            Edit::Line(1, "<iwmo:Bedrag>5269<", "<iwmo:Bedrag>39000<"),
            Edit::Line(1, "<wmo325:RetourCode>0611<", "<wmo325:RetourCode>9389<"),
            Edit::All("<iwmo:TotaalBedrag>135000<", "<iwmo:TotaalBedrag>101269<"),
        ],
    );
    let ws = workspace(&[base.clone(), approved(&base), again, answer]);
    let berichten: Vec<_> = (0..ws.berichten.len()).filter_map(|i| ws.bericht(i)).collect();
    let rejected = LineRef { bericht: 2, client: 0, prestatie: 0 };
    assert_eq!(ws.reconciliation.line(rejected).map(|l| l.status), Some(LineStatus::Afgewezen));

    let request = |correctie: Option<Correctie>| {
        let mut candidates = check(&berichten, &ws.reconciliation, Kind::Herdeclaratie, &[rejected]);
        let groups = group(&mut candidates, true);
        let proposal = propose(Numbering { berichten: &berichten, eerder: &[], gemaakt: &[] }, &ws.reconciliation, &groups[0].0, today());
        Request {
            soort: Kind::Herdeclaratie,
            lines: vec![rejected],
            correcties: correctie.map(|c| vec![(rejected, c)]).unwrap_or_default(),
            declaratie_nummer: proposal.declaratie_nummer,
            bericht_identificatie: proposal.bericht_identificatie,
            declaratie_periode: proposal.declaratie_periode,
            dagtekening: today(),
            referenties: proposal.referenties,
        }
    };
    match build(&berichten, &[], &ws.reconciliation, &request(None)) {
        Err(BuildError::Historie(issues)) => {
            assert!(issues.iter().any(|i| i.kind.rule() == Rule::TR389), "{issues:#?}");
            let text = BuildError::Historie(issues).to_string();
            assert!(text.contains("9389") && text.contains("TR389"), "{text}");
        }
        other => panic!("expected a TR389 refusal, got {other:?}"),
    }
    let october =
        Periode { begindatum: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(), einddatum: NaiveDate::from_ymd_opt(2025, 10, 31).unwrap() };
    let corrected = Correctie { product_periode: Some(october), ..Correctie::default() };
    let built = build(&berichten, &[], &ws.reconciliation, &request(Some(corrected))).expect("October is not declared yet");
    xmllint_all(&[("re-declaration for October".into(), built.xml)]);
}

/// TR135 is the one rule that reads today's date, so a cached model is validated again only
/// when `may_differ_today` says so. Around each message's dates, day by day: TR135 fires
/// exactly when one of `dates_checked_against_today` is after the day, and wherever
/// `may_differ_today` says the findings of one day hold on another, they do.
#[test]
fn only_the_dates_tr135_checks_make_findings_depend_on_the_day() {
    use kloppend::domain::message::validate::{dates_checked_against_today, may_differ_today, validate};
    // Each message also with its other date after the header's (breaking TR134 or its 325
    // counterpart, which does not stop TR135 from being checked), so that each date is the
    // latest once.
    let later = |name: &str, from: &'static str, to: &'static str| apply(&base(name), &[Edit::All(from, to)]);
    let texts = [
        base("wmo323.xml"),
        later("wmo323.xml", "<wmo323:DeclaratieDagtekening>2025-10-06<", "<wmo323:DeclaratieDagtekening>2025-10-09<"),
        base("wmo325.xml"),
        later("wmo325.xml", "<iwmo:Dagtekening>2025-10-06<", "<iwmo:Dagtekening>2025-10-20<"),
        base("wmo325-goedgekeurd.xml"),
    ];
    for text in texts {
        let bericht = message::load(text.as_bytes(), &ValidationContext::default()).expect("a base message").bericht;
        let dates = dates_checked_against_today(&bericht);
        let first = dates.iter().min().unwrap().pred_opt().unwrap().pred_opt().unwrap();
        let days: Vec<NaiveDate> = first.iter_days().take(20).collect();
        let on = |day: NaiveDate| validate(&bericht, &ValidationContext { today: Some(day) });
        for &day in &days {
            let fires = on(day).iter().any(|f| f.rule == Rule::TR135);
            assert_eq!(fires, dates.iter().any(|d| *d > day), "TR135 on {day} with dates {dates:?}");
            for &other in &days {
                let then = on(other);
                if !may_differ_today(&bericht, &then, &ValidationContext { today: Some(day) }) {
                    assert_eq!(on(day), then, "findings of {other} taken on {day}");
                }
            }
        }
    }
}
