//! A generator of consistent 323/325 pairs of any size with known totals, for tests,
//! benchmarks and the demo data. Deterministic for a given seed.

use chrono::NaiveDate;
use compact_str::{CompactString, format_compact};

use super::calendar::{first_of_month, last_of_month, next_month};
use super::message::codes::{Domein, Eenheid, ProductCategorie, Release, RetourCode};
use super::message::model::*;
use super::money::{BedragMetDc, Saldo};
use super::tarief;

/// What to generate. `Default` gives a small Wmo pair with a few rejections.
#[derive(Debug, Clone)]
pub struct PairConfig {
    pub seed: u64,
    pub domein: Domein,
    pub release: Release,
    pub agb: CompactString,
    pub gemeente: CompactString,
    /// Any day in the declaration month.
    pub maand: NaiveDate,
    pub dagtekening: NaiveDate,
    pub antwoord_dagtekening: NaiveDate,
    pub declaratie_nummer: CompactString,
    pub bericht_identificatie: CompactString,
    pub antwoord_identificatie: CompactString,
    pub clients: usize,
    pub lines_per_client: usize,
    /// Per mille of lines rejected individually.
    pub reject_per_mille: u32,
    /// Per mille of clients rejected as a whole (their lines get 0233).
    pub client_reject_per_mille: u32,
    /// Per mille of lines that are credits of earlier (not generated) lines.
    pub credit_per_mille: u32,
}

impl Default for PairConfig {
    fn default() -> Self {
        let maand = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap_or_default();
        PairConfig {
            seed: 1,
            domein: Domein::Wmo,
            release: Release::R3_2,
            agb: "12345678".into(),
            gemeente: "0363".into(),
            maand,
            dagtekening: next_month(maand) + chrono::Duration::days(4),
            antwoord_dagtekening: next_month(maand) + chrono::Duration::days(11),
            declaratie_nummer: "GEN2025050".into(),
            bericht_identificatie: "GENB2025050".into(),
            antwoord_identificatie: "GENA2025050".into(),
            clients: 3,
            lines_per_client: 3,
            reject_per_mille: 200,
            client_reject_per_mille: 0,
            credit_per_mille: 0,
        }
    }
}

/// A 323 and its 325 with the facts a test needs to check a reconciliation.
#[derive(Debug, Clone)]
pub struct GeneratedPair {
    pub declaratie: Declaratiebericht,
    pub antwoord: Antwoordbericht,
    /// ReferentieNummers of the lines listed in the 325 (rejected or not assessed).
    pub afgewezen: Vec<CompactString>,
    pub ingediend: Saldo,
    pub toegekend: Saldo,
}

const LINE_CODES: &[&str] = &["0611", "9307", "9308", "9321", "9339", "9340", "9346"];
const CLIENT_CODES: &[&str] = &["8187", "9338"];

pub fn generate_pair(config: &PairConfig) -> GeneratedPair {
    let mut rng = fastrand::Rng::with_seed(config.seed);
    let begin = first_of_month(config.maand);
    let periode = Periode { begindatum: begin, einddatum: last_of_month(begin) };
    let categorieen = ProductCategorie::codelijst(config.domein);

    let mut clienten = Vec::with_capacity(config.clients);
    let mut antwoord_clienten = Vec::new();
    let mut afgewezen = Vec::new();
    let mut afgewezen_saldo = Saldo::ZERO;

    let mut credits = 0u32;
    // One Client per BSN (TR101): random BSNs collide about once in 5,000 clients.
    let mut bsns = rustc_hash::FxHashSet::default();
    for c in 0..config.clients {
        let bsn = loop {
            let bsn = random_bsn(&mut rng);
            if bsns.insert(bsn.clone()) {
                break bsn;
            }
        };
        let client_rejected = rng.u32(0..1000) < config.client_reject_per_mille;
        let mut prestaties = Vec::with_capacity(config.lines_per_client);
        let mut listed = Vec::new();
        for line in 0..config.lines_per_client {
            // The provider-software convention: declaratienummer-client-line.
            let referentie = format_compact!("{}-{}-{}", config.declaratie_nummer, c + 1, line + 1);
            // A credit's original is a line of an earlier (not generated) message; numbered, so
            // no two credits in one message credit the same line (TR390).
            let vorig = (rng.u32(0..1000) < config.credit_per_mille).then(|| {
                credits += 1;
                format_compact!("OUD{}-{credits}", config.seed % 10_000)
            });
            let credit = vorig.is_some();
            let prestatie = random_prestatie(&mut rng, referentie, vorig, &periode, categorieen);
            let rejected_line = !client_rejected && !credit && rng.u32(0..1000) < config.reject_per_mille;
            if client_rejected || rejected_line {
                let code = if client_rejected { RetourCode::NIET_BEOORDEELD } else { LINE_CODES[rng.usize(0..LINE_CODES.len())] };
                afgewezen.push(prestatie.product_referentie.referentie_nummer.clone());
                afgewezen_saldo += prestatie.ingediend_bedrag.saldo();
                listed.push(PrestatieAntwoord { prestatie: prestatie.clone(), retour_codes: vec![RetourCode::new(code)] });
            }
            prestaties.push(prestatie);
        }
        if !listed.is_empty() {
            let code = if client_rejected { CLIENT_CODES[rng.usize(0..CLIENT_CODES.len())] } else { RetourCode::GEEN_OPMERKING };
            antwoord_clienten.push(ClientAntwoord { bsn: bsn.clone(), prestaties: listed, retour_codes: vec![RetourCode::new(code)] });
        }
        clienten.push(Client { bsn, prestaties });
    }

    let ingediend: Saldo = clienten.iter().flat_map(|c| &c.prestaties).map(|p| p.ingediend_bedrag.saldo()).sum();
    let toegekend = ingediend - afgewezen_saldo;
    let bericht_identificatie =
        BerichtIdentificatie { identificatie: config.bericht_identificatie.clone(), dagtekening: config.dagtekening };
    let declaratie = Declaratiebericht {
        domein: config.domein,
        release: config.release,
        header: header(config, config.agb.clone(), config.gemeente.clone(), bericht_identificatie.clone(), 323),
        declaratie: Declaratie {
            declaratie_nummer: config.declaratie_nummer.clone(),
            declaratie_periode: periode,
            declaratie_dagtekening: config.dagtekening,
            totaal_ingediend_bedrag: BedragMetDc::from_saldo(ingediend),
            clienten,
        },
    };
    let volledig = antwoord_clienten.is_empty();
    let antwoord = Antwoordbericht {
        domein: config.domein,
        release: config.release,
        header: AntwoordHeader {
            header: header(
                config,
                config.gemeente.clone(),
                config.agb.clone(),
                BerichtIdentificatie { identificatie: config.antwoord_identificatie.clone(), dagtekening: config.antwoord_dagtekening },
                325,
            ),
            declaratie_identificatie: bericht_identificatie,
            xslt_versie: None,
            xsd_versie_declaratie: xsd_versie(),
            retour_codes: vec![RetourCode::new(RetourCode::GEEN_OPMERKING)],
        },
        declaratie_antwoord: Some(DeclaratieAntwoord {
            declaratie_nummer: config.declaratie_nummer.clone(),
            totaal_ingediend_bedrag: BedragMetDc::from_saldo(ingediend),
            totaal_toegekend_bedrag: BedragMetDc::from_saldo(toegekend),
            clienten: antwoord_clienten,
            retour_codes: vec![RetourCode::new(if volledig { RetourCode::VOLLEDIG_TOEGEKEND } else { RetourCode::GEEN_OPMERKING })],
        }),
    };
    GeneratedPair { declaratie, antwoord, afgewezen, ingediend, toegekend }
}

fn header(config: &PairConfig, afzender: CompactString, ontvanger: CompactString, id: BerichtIdentificatie, nummer: u16) -> Header {
    let bericht_type = match (config.domein, nummer) {
        (Domein::Wmo, 323) => super::message::BerichtType::WMO323,
        (Domein::Wmo, _) => super::message::BerichtType::WMO325,
        (Domein::Jeugdwet, 323) => super::message::BerichtType::JW323,
        (Domein::Jeugdwet, _) => super::message::BerichtType::JW325,
    };
    Header {
        bericht_code: bericht_type.bericht_code(),
        bericht_versie: config.release.major,
        bericht_subversie: config.release.minor,
        afzender,
        ontvanger,
        bericht_identificatie: id,
        xsd_versie: xsd_versie(),
    }
}

pub fn xsd_versie() -> XsdVersie {
    XsdVersie { basisschema_xsd_versie: "1.0.0".into(), bericht_xsd_versie: "1.0.0".into() }
}

/// A line with a consistent amount for its unit (TR346, CS339, CD087).
fn random_prestatie(
    rng: &mut fastrand::Rng,
    referentie: CompactString,
    vorig: Option<CompactString>,
    declaratie_periode: &Periode,
    categorieen: &[(&str, &str)],
) -> Prestatie {
    let eenheid = Eenheid::ALLE[rng.usize(0..Eenheid::ALLE.len())].clone();
    let (volume, tarief) = match eenheid {
        Eenheid::Euros => (rng.u64(1..200_000), None),
        Eenheid::Minuut => (rng.u64(15..2_400), Some(rng.u64(50..150))),
        Eenheid::Uur => (rng.u64(1..60), Some(rng.u64(3_000..9_000))),
        Eenheid::Etmaal => (rng.u64(1..31), Some(rng.u64(8_000..30_000))),
        Eenheid::Dagdeel => (rng.u64(1..40), Some(rng.u64(2_500..7_000))),
        _ => (rng.u64(1..20), Some(rng.u64(1_000..50_000))),
    };
    // Minutes are mostly contracted per hour (IV081): the tariff per minute is rounded, and
    // the amount is computed from the hourly tariff.
    let uurtarief = (eenheid == Eenheid::Minuut && rng.bool()).then(|| rng.u64(4_000..10_000));
    let tarief = uurtarief.map(tarief::minuut_tarief).or(tarief);
    let bedrag = match uurtarief {
        Some(uurtarief) => tarief::minuut_bedrag(uurtarief, volume).unwrap_or(0),
        None => tarief.map_or(volume, |t| volume * t),
    };
    let credit = vorig.is_some();
    let (categorie, _) = categorieen[rng.usize(0..categorieen.len())];
    // Credits concern an earlier month; debit lines lie in the declaration month or before.
    let month_back = if credit { rng.u32(1..4) } else { rng.u32(0..2) };
    let mut begin = declaratie_periode.begindatum;
    for _ in 0..month_back {
        begin = first_of_month(begin.pred_opt().unwrap_or(begin));
    }
    // Whole months: a part of a month is only right for a toewijzing that starts or ends in
    // it (TR387/TR388), which a generated message has no way to know.
    let end = last_of_month(begin);
    let begindatum = begin;
    Prestatie {
        product_referentie: ProductReferentie { vorig_referentie_nummer: vorig, referentie_nummer: referentie },
        toewijzing_nummer: rng.u64(100_000..999_999_999),
        product_categorie: ProductCategorie::new(categorie),
        product_code: format_compact!("{}{}{:02}", categorie, ['A', 'B', 'C', 'X'][rng.usize(0..4)], rng.u32(1..99)),
        product_periode: Periode { begindatum, einddatum: end },
        geleverd_volume: volume,
        eenheid,
        product_tarief: tarief,
        ingediend_bedrag: if credit { BedragMetDc::credit(bedrag) } else { BedragMetDc::debet(bedrag) },
    }
}

/// A 323 of roughly `megabytes` MB (about 1,000 bytes per line), for speed measurements.
pub fn sized_declaratie(megabytes: usize) -> String {
    let clients = (megabytes * 1_000).div_ceil(6).max(1);
    let pair = generate_pair(&PairConfig { clients, lines_per_client: 6, ..PairConfig::default() });
    super::message::write::write(&super::message::Bericht::Declaratie(pair.declaratie))
}

/// A small clean 323 (about 40 lines) for warming up the WebAssembly engine: a browser first
/// runs new code with its baseline compiler and optimises a function only after it has run a
/// while, so the first real import would otherwise be read by unoptimised code.
pub fn warm_up_declaratie() -> String {
    let pair = generate_pair(&PairConfig { clients: 8, lines_per_client: 5, ..PairConfig::default() });
    super::message::write::write(&super::message::Bericht::Declaratie(pair.declaratie))
}

/// A random nine-digit number that passes the 11-proef (CS002), starting with 9 so it is
/// recognisably fictitious.
pub fn random_bsn(rng: &mut fastrand::Rng) -> CompactString {
    loop {
        let mut digits = [0u8; 9];
        digits[0] = 9;
        for d in digits.iter_mut().take(8).skip(1) {
            *d = rng.u8(0..10);
        }
        let sum: u32 = digits[..8].iter().enumerate().map(|(i, d)| u32::from(*d) * (9 - i as u32)).sum();
        let check = sum % 11;
        if check < 10 {
            digits[8] = check as u8;
            return digits.iter().map(|d| char::from(b'0' + d)).collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::validate::elfproef;

    #[test]
    fn bsns_pass_the_elfproef() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..1000 {
            assert!(elfproef(&random_bsn(&mut rng)));
        }
    }

    #[test]
    fn a_large_message_has_every_client_once() {
        let pair = generate_pair(&PairConfig { clients: 20_000, lines_per_client: 1, ..Default::default() });
        let bsns: std::collections::HashSet<&str> = pair.declaratie.declaratie.clienten.iter().map(|c| c.bsn.as_str()).collect();
        assert_eq!(bsns.len(), 20_000);
    }

    #[test]
    fn totals_are_consistent() {
        let pair = generate_pair(&PairConfig { clients: 20, lines_per_client: 5, credit_per_mille: 100, ..Default::default() });
        assert_eq!(pair.declaratie.som_prestaties(), pair.ingediend);
        let antwoord = pair.antwoord.declaratie_antwoord.as_ref().unwrap();
        assert_eq!(antwoord.totaal_toegekend_bedrag.saldo(), pair.toegekend);
        let listed: Saldo = pair.antwoord.prestaties().map(|(_, p)| p.prestatie.ingediend_bedrag.saldo()).sum();
        assert_eq!(pair.ingediend - listed, pair.toegekend);
        assert_eq!(pair.afgewezen.len(), pair.antwoord.prestaties().count());
    }
}
