//! The 301 reader, the toewijzing register, the volume maxima (IV076–IV079) and the T rules
//! (TR304, TR307/TR308, TR321/TR322, TR338–TR341, TR369, TR384, TR387/TR388) on 323 lines.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use kloppend::domain::formats::toewijzing::{Frequentie, read_toewijzing};
use kloppend::domain::message::Eenheid;

fn shared() -> PathBuf {
    std::env::var_os("KLOPPEND_SHARED").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn example(name: &str) -> Vec<u8> {
    let path = shared().join("istandaarden/examples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn reads_the_toewijzing_behind_the_shared_debit() {
    let t = read_toewijzing(&example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    assert_eq!(t.naam(), "WMO301");
    assert_eq!(t.gemeente(), "0363");
    assert_eq!(t.agb(), "12345678");
    assert_eq!(t.client.bsn, "999900006");
    assert_eq!(t.client.voorletters.as_deref(), Some("T"));
    let p = &t.client.producten;
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].toewijzing_nummer, 123456);
    assert_eq!(p[0].product.as_ref().unwrap().code.as_deref(), Some("02A01"));
    assert_eq!(p[0].ingangsdatum.to_string(), "2025-04-01");
    assert_eq!(p[0].einddatum.unwrap().to_string(), "2025-12-31");
    let omvang = p[1].omvang.as_ref().unwrap();
    assert_eq!((omvang.volume, omvang.eenheid.clone(), omvang.frequentie), (5, Eenheid::Uur, Frequentie::PerMaand));
}

#[test]
fn reads_every_official_example_301() {
    for name in ["toewijzing/wmo301_voorbeeld.xml", "toewijzing/jw301_voorbeeld.xml", "toewijzing/wmo301_bij_debet.xml"] {
        let t = read_toewijzing(&example(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!t.client.producten.is_empty(), "{name}");
    }
}
