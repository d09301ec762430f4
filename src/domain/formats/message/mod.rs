//! The 323/325 messages: model, reading, validation and writing.

pub mod codes;
pub mod error;
pub mod identity;
pub mod model;
pub mod read;
pub mod validate;
pub mod write;

pub use codes::{BerichtType, Domein, Eenheid, ProductCategorie, Release, RetourCode, Soort};
pub use error::{ReadError, ReadErrorKind, ValueProblem};
pub use model::*;
pub use validate::ValidationContext;

use crate::diagnostics::findings::{ElementPath, Finding, Rule, Scope, locate};

/// The largest file VECOZO accepts (OP179).
pub const MAX_BESTAND: usize = 25 * 1024 * 1024;

/// A message that could be read, with everything that is wrong in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub bericht: Bericht,
    pub findings: Vec<Finding>,
}

/// Read and validate: the one entry point for a file's bytes. A file that cannot be read is
/// refused with the error; a file that can be read loads, with its findings located.
pub fn load(bytes: &[u8], context: &ValidationContext) -> Result<Loaded, ReadError> {
    // Up to twice VECOZO's limit is read (and warned about below); beyond that it is no
    // message anyone could upload, and reading it would only cost memory.
    if bytes.len() > 2 * MAX_BESTAND {
        return Err(ReadError::new(error::ReadErrorKind::TooLarge { megabytes: bytes.len() >> 20, limit: (2 * MAX_BESTAND) >> 20 }));
    }
    let read = read::read(bytes)?;
    let mut findings = validate::validate(&read.bericht, context);
    if read.text_offset > 0 {
        findings.push(Finding::warning(
            Rule::OP192,
            ElementPath::new(Scope::Bericht, ""),
            "Het bestand begint met een BOM; VECOZO verwacht UTF-8 zonder BOM",
        ));
    }
    if bytes.len() > MAX_BESTAND {
        findings.push(Finding::warning(
            Rule::OP192,
            ElementPath::new(Scope::Bericht, ""),
            format!("Het bestand is {} MB; VECOZO neemt berichten tot 25 MB aan", bytes.len() / (1024 * 1024)),
        ));
    }
    locate(&mut findings, &bytes[read.text_offset..], &read.source_map);
    Ok(Loaded { bericht: read.bericht, findings })
}
