//! The archive's unit: a file as the user gave it (or one entry of a ZIP), with where it
//! came from. The bytes are the source of truth; everything else is derived by reading them
//! again, so the archive survives changes to the model.

use std::sync::Arc;

pub use crate::base::digest::content_id;
use serde::{Deserialize, Serialize};

/// How a file got into the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// Imported by the user.
    Import,
    /// Written by Kloppend (a credit, correction or re-declaration).
    Gemaakt,
    /// Built-in fictitious demo data.
    Demo,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Import => "import",
            Origin::Gemaakt => "gemaakt",
            Origin::Demo => "demo",
        }
    }

    pub fn parse(code: &str) -> Origin {
        match code {
            "gemaakt" => Origin::Gemaakt,
            "demo" => Origin::Demo,
            _ => Origin::Import,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Origin::Import => "Geïmporteerd",
            Origin::Gemaakt => "Gemaakt door Kloppend",
            Origin::Demo => "Demo",
        }
    }
}

/// What the screens know of a stored file: everything but the bytes, which stay in the
/// archive once the file has been read.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInfo {
    /// SHA-256 of the bytes (hex).
    pub id: String,
    pub name: String,
    pub origin: Origin,
    /// Milliseconds since the epoch.
    pub added: f64,
    /// Bytes.
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredFile {
    /// SHA-256 of the bytes (hex): the same file imported twice is one file.
    pub id: String,
    pub name: String,
    pub origin: Origin,
    /// Milliseconds since the epoch.
    pub added: f64,
    pub bytes: Arc<[u8]>,
}

impl StoredFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Arc<[u8]>>, origin: Origin, added: f64) -> Self {
        let bytes = bytes.into();
        StoredFile { id: content_id(&bytes), name: name.into(), origin, added, bytes }
    }

    pub fn info(&self) -> FileInfo {
        FileInfo { id: self.id.clone(), name: self.name.clone(), origin: self.origin, added: self.added, size: self.bytes.len() as u64 }
    }

    /// A file whose [`content_id`] was computed elsewhere (the browser hashes natively).
    pub fn with_id(id: String, name: impl Into<String>, bytes: impl Into<Arc<[u8]>>, origin: Origin, added: f64) -> Self {
        StoredFile { id, name: name.into(), origin, added, bytes: bytes.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_content_hashes() {
        let a = StoredFile::new("a.xml", b"abc".to_vec(), Origin::Import, 0.0);
        let b = StoredFile::new("b.xml", b"abc".to_vec(), Origin::Demo, 1.0);
        assert_eq!(a.id, b.id);
        assert_eq!(a.id, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
