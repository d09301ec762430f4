//! Writes consistent 323/325 pairs with a given total number of lines, each 323 at most
//! 25,000 lines (under VECOZO's 25 MB), and the 301s behind the lines of the first clients of
//! each pair (a 301 holds one client), for the browser storage benchmark and for trying
//! Kloppend with a large archive. Usage:
//!
//!     cargo run --example generate -- <lines> <output folder> [<lines per file>]
//!
//! The lines per file default to 25,000; the app benchmark asks for one 33,000-line file.
//! With `KLOPPEND_GEN_TOEWIJZINGEN=n` (the storage benchmark sets 25) the first n clients of
//! each pair also get their 301; without it only 323/325 pairs are written.
//! Prints one line per file and the totals.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use kloppend::domain::calendar::next_month;
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::message::{Bericht, write::write};
use kloppend::domain::toewijzing::{toewijzingen_for, write_toewijzing};

const LINES_PER_CLIENT: usize = 5;
const MAX_LINES_PER_FILE: usize = 25_000;
/// Clients per pair that get their 301 (`KLOPPEND_GEN_TOEWIJZINGEN`): the storage benchmark
/// asks for enough that the register and the meters cost what they cost, without turning it
/// into an import of thousands of small files.
fn toewijzingen_per_pair() -> usize {
    std::env::var("KLOPPEND_GEN_TOEWIJZINGEN").ok().and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "gebruik: generate <regels> <map> [<regels per bestand>]";
    let lines: usize = args.next().ok_or(usage)?.parse()?;
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let per_file: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(MAX_LINES_PER_FILE).max(LINES_PER_CLIENT);
    std::fs::create_dir_all(&dir)?;
    let mut written = 0;
    let mut bytes = 0;
    let mut month = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("datum")?;
    for n in 1.. {
        let left = lines.saturating_sub(written);
        if left == 0 {
            break;
        }
        let clients = left.min(per_file).div_ceil(LINES_PER_CLIENT);
        let pair = generate_pair(&PairConfig {
            seed: n as u64,
            maand: month,
            dagtekening: next_month(month) + chrono::Duration::days(4),
            antwoord_dagtekening: next_month(month) + chrono::Duration::days(11),
            declaratie_nummer: format!("GEN{}{:02}", month.year(), month.month()).into(),
            bericht_identificatie: format!("GENB{}{:02}", month.year(), month.month()).into(),
            antwoord_identificatie: format!("GENA{}{:02}", month.year(), month.month()).into(),
            clients,
            lines_per_client: LINES_PER_CLIENT,
            reject_per_mille: 50,
            client_reject_per_mille: 5,
            ..PairConfig::default()
        });
        let stem = format!("{}{:02}", month.year(), month.month());
        let mut sample = pair.declaratie.clone();
        sample.declaratie.clienten.truncate(toewijzingen_per_pair());
        let sent = month - chrono::Duration::days(10);
        for (i, toewijzing) in toewijzingen_for(&[&sample], sent, &format!("GT{stem}")).iter().enumerate() {
            let xml = write_toewijzing(toewijzing);
            bytes += xml.len();
            std::fs::write(dir.join(format!("WMO301_{stem}_{i:03}.xml")), xml)?;
        }
        for (name, xml) in [
            (format!("WMO323_{stem}.xml"), write(&Bericht::Declaratie(pair.declaratie))),
            (format!("WMO325_{stem}.xml"), write(&Bericht::Antwoord(pair.antwoord))),
        ] {
            bytes += xml.len();
            println!("{name} {} bytes", xml.len());
            std::fs::write(dir.join(name), xml)?;
        }
        written += clients * LINES_PER_CLIENT;
        month = next_month(month);
    }
    println!("{written} lines, {bytes} bytes ({} 301s per pair)", toewijzingen_per_pair());
    Ok(())
}
