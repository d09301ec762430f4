//! Shared helpers for the native integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use kloppend::domain::message::{BerichtType, Domein, Soort};

/// `../shared` beside the checkout (CI puts it there), or `KLOPPEND_SHARED`.
pub fn shared_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("KLOPPEND_SHARED") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

pub fn example_names() -> Vec<String> {
    let dir = shared_dir().join("istandaarden/examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".xml"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "expected the shared examples in {}", dir.display());
    names
}

pub fn example(name: &str) -> Vec<u8> {
    let path = shared_dir().join("istandaarden/examples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture(relative: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn xsd_path(bericht_type: BerichtType) -> PathBuf {
    let dir = match bericht_type.domein {
        Domein::Wmo => "wmo",
        Domein::Jeugdwet => "jw",
    };
    let file = match (bericht_type.domein, bericht_type.soort) {
        (Domein::Wmo, Soort::Declaratie) => "WMO323.xsd",
        (Domein::Wmo, Soort::Antwoord) => "WMO325.xsd",
        (Domein::Jeugdwet, Soort::Declaratie) => "JW323.xsd",
        (Domein::Jeugdwet, Soort::Antwoord) => "JW325.xsd",
    };
    shared_dir().join("istandaarden/xsd").join(dir).join(file)
}

/// Validate XML text against the official XSD with `xmllint --noout --schema`; panics with
/// xmllint's output when invalid. xmllint must be installed (the setup script does it).
pub fn xmllint_valid(label: &str, xml: &str, bericht_type: BerichtType) {
    let dir = std::env::temp_dir().join("kloppend-xmllint");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{}-{}.xml", std::process::id(), label.replace(['/', ' '], "_")));
    std::fs::write(&file, xml).expect("write temp xml");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd_path(bericht_type))
        .arg(&file)
        .output()
        .expect("xmllint is not installed (apt-get install libxml2-utils)");
    let _ = std::fs::remove_file(&file);
    assert!(
        output.status.success(),
        "{label} is not valid against {}:\n{}",
        xsd_path(bericht_type).display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
pub mod hostile;
pub mod protected_zip;

/// The workspace the app builds from these files on `today`: each file analysed as the
/// import would (with its origin), received in the order given.
pub fn workspace_of(
    files: impl IntoIterator<Item = (String, Vec<u8>, kloppend::domain::Origin)>,
    today: chrono::NaiveDate,
) -> kloppend::domain::workspace::Workspace {
    use kloppend::domain::intake::Document;
    let context = kloppend::domain::message::ValidationContext { today: Some(today) };
    let documents = files
        .into_iter()
        .enumerate()
        .map(|(i, (name, bytes, origin))| {
            let file = kloppend::domain::StoredFile::new(name, bytes, origin, i as f64);
            std::sync::Arc::new(Document::analyse(&file, &context))
        })
        .collect();
    kloppend::domain::workspace::Workspace::build(documents, today)
}

/// [`workspace_of`] for files the user imported.
pub fn imported(files: impl IntoIterator<Item = (String, Vec<u8>)>, today: chrono::NaiveDate) -> kloppend::domain::workspace::Workspace {
    workspace_of(files.into_iter().map(|(name, bytes)| (name, bytes, kloppend::domain::Origin::Import)), today)
}
