//! The one content hash: a file's id in the archive is the hex SHA-256 of its bytes, and a
//! settlement overview's fingerprint is the same hash of its rows.

use sha2::{Digest, Sha256};

/// Hex SHA-256 of a file's bytes.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
