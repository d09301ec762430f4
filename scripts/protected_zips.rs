//! Writes the password-protected ZIPs the end-to-end tests import (the example debit and
//! its answer, password "geheim123"): one with ZipCrypto, one with AES-256. Usage:
//!
//!     cargo run --example protected-zips -- tests/fixtures/zip
//!
//! AES uses a random salt, so the AES file differs on every run; both open the same way.

#[path = "../tests/support/protected_zip.rs"]
mod protected_zip;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: protected-zips <folder>")?);
    let shared = std::env::var("KLOPPEND_SHARED").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("../shared"));
    let examples = shared.join("istandaarden/examples");
    let debet = std::fs::read(examples.join("wmo323_debet.xml"))?;
    let antwoord = std::fs::read(examples.join("wmo325_antwoord.xml"))?;
    let entries: [(&str, &[u8]); 2] = [("wmo323_debet.xml", &debet), ("wmo325_antwoord.xml", &antwoord)];
    std::fs::create_dir_all(&out)?;
    for (name, bytes) in [
        ("beveiligd-zipcrypto.zip", protected_zip::zipcrypto(&entries, "geheim123")),
        ("beveiligd-aes.zip", protected_zip::aes(&entries, "geheim123")),
    ] {
        std::fs::write(out.join(name), &bytes)?;
        println!("{name}: {} bytes", bytes.len());
    }
    Ok(())
}
