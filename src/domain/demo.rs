//! Built-in demo data: a fictitious provider whose messages show every line status, every
//! declaration outcome and the checks Kloppend does. Made with the project's generator;
//! dates are relative to `today`, so "awaiting" and "overdue" stay true whenever it is loaded.
//! Every identifier starts with DEMO and every BSN lies in the 9999xxxxx test range.

use chrono::{Duration, NaiveDate};
use compact_str::{CompactString, format_compact};

use super::calendar::{first_of_month, last_of_month};
use super::generate::{GeneratedPair, PairConfig, generate_pair};
use super::message::codes::{Domein, RetourCode};
use super::message::model::*;
use super::message::write::write;
use super::money::{BedragMetDc, DebetCredit, Saldo};

pub const AGB: &str = "12345678";
pub const GEMEENTE_WMO: &str = "0363";
pub const GEMEENTE_JW: &str = "0599";
pub const GEMEENTE_WMO_2: &str = "0344";

/// The demo files: (file name, bytes). All names start with `DEMO_`.
pub fn demo_files(today: NaiveDate) -> Vec<(String, Vec<u8>)> {
    let month = |back: u32| {
        let mut m = first_of_month(today);
        for _ in 0..back {
            m = first_of_month(m.pred_opt().unwrap_or(m));
        }
        m
    };
    let after = |m: NaiveDate, days: i64| (last_of_month(m) + Duration::days(days)).min(today);
    let mut out: Vec<(String, Bericht)> = Vec::new();
    let config = |seed: u64, domein: Domein, gemeente: &str, m: NaiveDate, nr: &str, clients: usize| PairConfig {
        seed,
        domein,
        agb: AGB.into(),
        gemeente: gemeente.into(),
        maand: m,
        dagtekening: after(m, 5),
        antwoord_dagtekening: after(m, 12),
        declaratie_nummer: format_compact!("DEMO{nr}"),
        bericht_identificatie: format_compact!("DEMOB{nr}"),
        antwoord_identificatie: format_compact!("DEMOA{nr}"),
        clients,
        lines_per_client: 2,
        reject_per_mille: 0,
        client_reject_per_mille: 0,
        credit_per_mille: 0,
        ..PairConfig::default()
    };

    // 1. Wmo, three months ago: one line rejected (0611), one client rejected (8187, its
    //    lines not assessed), the rest approved. Later one approved line gets a credit that
    //    is still awaiting its answer.
    let mut d1 = demo_bsns(generate_pair(&config(11, Domein::Wmo, GEMEENTE_WMO, month(3), "01", 4)));
    reject_line(&mut d1, 0, 1, "0611");
    reject_client(&mut d1, 2, "8187");
    push_pair(&mut out, "01", &d1);

    // 2. Wmo, two months ago: fully approved (8001); one line credited, and that credit approved.
    let d2 = demo_bsns(generate_pair(&config(12, Domein::Wmo, GEMEENTE_WMO, month(2), "02", 3)));
    push_pair(&mut out, "02", &d2);
    let c1 = credit_of(&d2.declaratie, &[(1, 0)], "03", month(1), after(month(1), 3));
    let c1_answer = approve_all(&c1, "DEMOA03", after(month(1), 8));
    out.push(("DEMO_WMO323_DEMO03_credit.xml".into(), Bericht::Declaratie(c1)));
    out.push(("DEMO_WMO325_DEMO03.xml".into(), Bericht::Antwoord(c1_answer)));
    // Its DeclaratiePeriode is last month: a month is declared once it is over (TR137).
    let c2 = credit_of(&d1.declaratie, &[(0, 0)], "04", month(1), today - Duration::days(1));
    out.push(("DEMO_WMO323_DEMO04_credit.xml".into(), Bericht::Declaratie(c2)));

    // 3. Jeugdwet: a message technically rejected (0001) and one rejected as a whole (9333).
    let d5 = demo_bsns(generate_pair(&config(15, Domein::Jeugdwet, GEMEENTE_JW, month(2), "05", 2)));
    let mut a5 = d5.antwoord.clone();
    a5.declaratie_antwoord = None;
    a5.header.retour_codes = vec![RetourCode::new(RetourCode::TECHNISCH_AFGEKEURD)];
    out.push(("DEMO_JW323_DEMO05.xml".into(), Bericht::Declaratie(d5.declaratie)));
    out.push(("DEMO_JW325_DEMO05.xml".into(), Bericht::Antwoord(a5)));
    let d6 = demo_bsns(generate_pair(&config(16, Domein::Jeugdwet, GEMEENTE_JW, month(2), "06", 2)));
    let mut a6 = d6.antwoord.clone();
    if let Some(da) = a6.declaratie_antwoord.as_mut() {
        da.clienten.clear();
        da.totaal_toegekend_bedrag = BedragMetDc::debet(0);
        da.retour_codes = vec![RetourCode::new("9333")];
    }
    out.push(("DEMO_JW323_DEMO06.xml".into(), Bericht::Declaratie(d6.declaratie)));
    out.push(("DEMO_JW325_DEMO06.xml".into(), Bericht::Antwoord(a6)));

    // 4. Wmo, last month: one declaration whose answer is overdue, one still within its term.
    let mut d7 = demo_bsns(generate_pair(&config(17, Domein::Wmo, GEMEENTE_WMO, month(1), "07", 2)));
    // Sent after its period ended (TR137), long enough ago for the answer to be overdue.
    let sent = (today - Duration::days(30)).max(last_of_month(month(2)) + Duration::days(1));
    d7.declaratie.header.bericht_identificatie.dagtekening = sent;
    d7.declaratie.declaratie.declaratie_dagtekening = sent;
    d7.declaratie.declaratie.declaratie_periode = Periode { begindatum: month(2), einddatum: last_of_month(month(2)) };
    fit_lines_in_period(&mut d7.declaratie);
    out.push(("DEMO_WMO323_DEMO07.xml".into(), Bericht::Declaratie(d7.declaratie)));
    let mut d8 = demo_bsns(generate_pair(&config(18, Domein::Wmo, GEMEENTE_WMO_2, month(1), "08", 2)));
    d8.declaratie.header.bericht_identificatie.dagtekening = today;
    d8.declaratie.declaratie.declaratie_dagtekening = today;
    out.push(("DEMO_WMO323_DEMO08.xml".into(), Bericht::Declaratie(d8.declaratie)));

    // 5. An answer whose totals do not add up (TR342), and an answer without its declaration.
    let d9 = demo_bsns(generate_pair(&config(19, Domein::Wmo, GEMEENTE_WMO_2, month(2), "09", 2)));
    let mut a9 = d9.antwoord.clone();
    if let Some(da) = a9.declaratie_antwoord.as_mut() {
        let wrong = da.totaal_toegekend_bedrag.saldo() - Saldo(2_500);
        da.totaal_toegekend_bedrag = BedragMetDc::from_saldo(wrong);
        da.retour_codes = vec![RetourCode::new(RetourCode::GEEN_OPMERKING)];
    }
    out.push(("DEMO_WMO323_DEMO09.xml".into(), Bericht::Declaratie(d9.declaratie)));
    out.push(("DEMO_WMO325_DEMO09.xml".into(), Bericht::Antwoord(a9)));
    let orphan = demo_bsns(generate_pair(&config(20, Domein::Wmo, GEMEENTE_WMO, month(3), "10", 1)));
    out.push(("DEMO_WMO325_DEMO10_zonder_declaratie.xml".into(), Bericht::Antwoord(orphan.antwoord)));

    let mut files: Vec<(String, Vec<u8>)> = out.into_iter().map(|(name, bericht)| (name, write(&bericht).into_bytes())).collect();
    files.extend(demo_verrekenoverzichten(today));
    files
}

/// Two successive settlement overviews of an insurer: a claim after an audit (DS98) is
/// partly offset against a payment and still open afterwards.
fn demo_verrekenoverzichten(today: NaiveDate) -> Vec<(String, Vec<u8>)> {
    const HEADER: &str = "Onderwerp;AGBnr;Uw kenmerk;Ons kenmerk;Zorgverzekeraar;Vervaldatum;U ontvangt;U betaalt;Toelichting";
    let first = today - Duration::days(40);
    let second = today - Duration::days(10);
    let date = |d: NaiveDate| d.format("%d-%m-%Y").to_string();
    let overzicht1 = format!(
        "Verrekenoverzicht (demo)\r\nVolgnummer: 1\r\nDatum: {d1}\r\n{HEADER}\r\n\
         Declaratie;{AGB};DEMO01;ZK-DEMO-0001;ZZK;{d1};1.234,50;;Afrekening\r\n\
         HV vordering na controle;{AGB};DEMO02;VZVL-DS98 4711;ZZK;{d1};;250,00;Geen afrekening, nog een resterende vordering\r\n",
        d1 = date(first)
    );
    let overzicht2 = format!(
        "Verrekenoverzicht (demo)\r\nVolgnummer: 2\r\nDatum: {d2}\r\n{HEADER}\r\n\
         Declaratie;{AGB};DEMO09;ZK-DEMO-0002;ZZK;{d2};0,00;;Afrekening\r\n\
         HV vordering na controle;{AGB};DEMO02;VZVL-DS98 4711;ZZK;{d2};;90,00;Geen afrekening, nog een resterende vordering\r\n",
        d2 = date(second)
    );
    vec![
        ("DEMO_verrekenoverzicht_ZZK_1.csv".to_string(), overzicht1.into_bytes()),
        ("DEMO_verrekenoverzicht_ZZK_2.csv".to_string(), overzicht2.into_bytes()),
    ]
}

fn push_pair(out: &mut Vec<(String, Bericht)>, nr: &str, pair: &GeneratedPair) {
    let prefix = pair.declaratie.domein.prefix().to_uppercase();
    out.push((format!("DEMO_{prefix}323_DEMO{nr}.xml"), Bericht::Declaratie(pair.declaratie.clone())));
    out.push((format!("DEMO_{prefix}325_DEMO{nr}.xml"), Bericht::Antwoord(pair.antwoord.clone())));
}

/// BSNs in the 9999xxxxx test range (valid 11-proef), replacing the generator's.
fn demo_bsns(mut pair: GeneratedPair) -> GeneratedPair {
    for (i, client) in pair.declaratie.declaratie.clienten.iter_mut().enumerate() {
        client.bsn = test_bsn(pair.declaratie.declaratie.declaratie_nummer.len() as u32 * 100 + i as u32);
    }
    pair
}

/// The n-th nine-digit number 9999xxxxx that passes the 11-proef.
fn test_bsn(n: u32) -> CompactString {
    let mut found = 0;
    for candidate in 99_990_000u32..99_999_999 {
        // Eight leading digits; the ninth is the check digit.
        let digits: Vec<u32> = format!("{candidate:08}").bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = digits.iter().enumerate().map(|(i, d)| d * (9 - i as u32)).sum();
        let check = sum % 11;
        if check < 10 {
            if found == n {
                return format_compact!("{candidate:08}{check}");
            }
            found += 1;
        }
    }
    "999900006".into()
}

/// Reject one line in the pair's answer with `code`, keeping the totals consistent.
fn reject_line(pair: &mut GeneratedPair, client: usize, prestatie: usize, code: &str) {
    let c = &pair.declaratie.declaratie.clienten[client];
    let line = c.prestaties[prestatie].clone();
    let listed = PrestatieAntwoord { prestatie: line.clone(), retour_codes: vec![RetourCode::new(code)] };
    add_listed(pair, &c.bsn.clone(), vec![listed], RetourCode::GEEN_OPMERKING);
}

/// Reject a whole client with `code`: its lines get 0233.
fn reject_client(pair: &mut GeneratedPair, client: usize, code: &str) {
    let c = pair.declaratie.declaratie.clienten[client].clone();
    let listed = c
        .prestaties
        .iter()
        .map(|p| PrestatieAntwoord { prestatie: p.clone(), retour_codes: vec![RetourCode::new(RetourCode::NIET_BEOORDEELD)] })
        .collect();
    add_listed(pair, &c.bsn, listed, code);
}

fn add_listed(pair: &mut GeneratedPair, bsn: &str, listed: Vec<PrestatieAntwoord>, client_code: &str) {
    let Some(da) = pair.antwoord.declaratie_antwoord.as_mut() else { return };
    let rejected: Saldo = listed.iter().map(|p| p.prestatie.ingediend_bedrag.saldo()).sum();
    da.clienten.push(ClientAntwoord { bsn: bsn.into(), prestaties: listed, retour_codes: vec![RetourCode::new(client_code)] });
    let toegekend = da.totaal_toegekend_bedrag.saldo() - rejected;
    da.totaal_toegekend_bedrag = BedragMetDc::from_saldo(toegekend);
    da.retour_codes = vec![RetourCode::new(RetourCode::GEEN_OPMERKING)];
    pair.toegekend = toegekend;
}

/// A credit 323 for the given lines (client, prestatie) of `original`: each line copied with a
/// new ReferentieNummer, VorigReferentieNummer = the original's, and DebetCredit C.
fn credit_of(original: &Declaratiebericht, lines: &[(usize, usize)], nr: &str, m: NaiveDate, dagtekening: NaiveDate) -> Declaratiebericht {
    let mut clienten: Vec<Client> = Vec::new();
    for (n, &(c, p)) in lines.iter().enumerate() {
        let source = &original.declaratie.clienten[c];
        let mut line = source.prestaties[p].clone();
        line.product_referentie = ProductReferentie {
            vorig_referentie_nummer: Some(line.product_referentie.referentie_nummer.clone()),
            referentie_nummer: format_compact!("DEMO{nr}-{}-1", n + 1),
        };
        line.ingediend_bedrag.debet_credit = DebetCredit::Credit;
        clienten.push(Client { bsn: source.bsn.clone(), prestaties: vec![line] });
    }
    let som: Saldo = clienten.iter().flat_map(|c| &c.prestaties).map(|p| p.ingediend_bedrag.saldo()).sum();
    let mut header = original.header.clone();
    header.bericht_identificatie = BerichtIdentificatie { identificatie: format_compact!("DEMOB{nr}"), dagtekening };
    Declaratiebericht {
        domein: original.domein,
        release: original.release,
        header,
        declaratie: Declaratie {
            declaratie_nummer: format_compact!("DEMO{nr}"),
            declaratie_periode: Periode { begindatum: m, einddatum: last_of_month(m) },
            declaratie_dagtekening: dagtekening,
            totaal_ingediend_bedrag: BedragMetDc::from_saldo(som),
            clienten,
        },
    }
}

/// An 8001 answer approving a whole 323.
fn approve_all(decl: &Declaratiebericht, id: &str, dagtekening: NaiveDate) -> Antwoordbericht {
    let h = &decl.header;
    Antwoordbericht {
        domein: decl.domein,
        release: decl.release,
        header: AntwoordHeader {
            header: Header {
                bericht_code: super::message::BerichtType { domein: decl.domein, soort: super::message::Soort::Antwoord }.bericht_code(),
                bericht_versie: h.bericht_versie,
                bericht_subversie: h.bericht_subversie,
                afzender: h.ontvanger.clone(),
                ontvanger: h.afzender.clone(),
                bericht_identificatie: BerichtIdentificatie { identificatie: id.into(), dagtekening },
                xsd_versie: h.xsd_versie.clone(),
            },
            declaratie_identificatie: h.bericht_identificatie.clone(),
            xslt_versie: None,
            xsd_versie_declaratie: h.xsd_versie.clone(),
            retour_codes: vec![RetourCode::new(RetourCode::GEEN_OPMERKING)],
        },
        declaratie_antwoord: Some(DeclaratieAntwoord {
            declaratie_nummer: decl.declaratie.declaratie_nummer.clone(),
            totaal_ingediend_bedrag: decl.declaratie.totaal_ingediend_bedrag.clone(),
            totaal_toegekend_bedrag: decl.declaratie.totaal_ingediend_bedrag.clone(),
            clienten: Vec::new(),
            retour_codes: vec![RetourCode::new(RetourCode::VOLLEDIG_TOEGEKEND)],
        }),
    }
}

/// Keep product periods within (or before) the declaration period (TR319).
fn fit_lines_in_period(decl: &mut Declaratiebericht) {
    let periode = decl.declaratie.declaratie_periode;
    for client in &mut decl.declaratie.clienten {
        for p in &mut client.prestaties {
            if p.product_periode.einddatum > periode.einddatum {
                p.product_periode = periode;
            }
        }
    }
}
