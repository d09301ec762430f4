//! Writes the hostile-input corpus (`tests/support/hostile.rs`) to a folder, with a manifest
//! the browser test reads (`manifest.tsv`: file, what must happen, a piece of the Dutch text).
//! Usage:
//!
//!     cargo run --example hostile -- <folder>

#[path = "../tests/support/hostile.rs"]
mod hostile;

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: hostile <folder>")?);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var("KLOPPEND_SHARED").map(PathBuf::from).unwrap_or_else(|_| root.join("../shared"));
    let examples = shared.join("istandaarden/examples");
    let settlement = std::fs::read(root.join("tests/fixtures/settlement/01-semicolon-dutch.csv"))?;
    let corpus = hostile::corpus(|name| std::fs::read(examples.join(name)).unwrap_or_default(), &settlement);
    std::fs::create_dir_all(&out)?;
    let mut manifest = std::fs::File::create(out.join("manifest.tsv"))?;
    for case in &corpus {
        let path = out.join(&case.name);
        if case.browser_only {
            // Sparse: the size is what matters, and it costs no disk.
            std::fs::File::create(&path)?.set_len(hostile::OVERSIZED_PICK)?;
        } else {
            std::fs::write(&path, &case.bytes)?;
        }
        writeln!(manifest, "{}\t{}\t{}", case.name, case.how.word(), case.expect)?;
    }
    println!("{} hostile files in {}", corpus.len(), out.display());
    Ok(())
}
