//! The parsed model of a message, kept next to its bytes so that opening Kloppend does not
//! parse every file again (decoding is about eight times faster than reading the XML).
//!
//! It is a cache, never a source of truth: stamped with the model version and the app
//! version, and thrown away (the bytes are read again) when the stamp differs or decoding
//! fails. Only models of messages without findings are kept, because findings carry places in
//! the file (line and column) that only reading the bytes gives.

use crate::message::Bericht;

/// Raise when the model's shape changes in a way serde cannot tell (the app version is part
/// of the stamp too, so every release starts with fresh caches).
pub const MODEL_VERSION: u32 = 1;

fn stamp() -> String {
    format!("kloppend-model/{MODEL_VERSION}/{}\n", env!("CARGO_PKG_VERSION"))
}

/// The cache entry for a model: the stamp, then the model in postcard's compact encoding.
pub fn encode(bericht: &Bericht) -> Option<Vec<u8>> {
    let mut out = stamp().into_bytes();
    let encoded = postcard::to_allocvec(bericht).ok()?;
    out.extend_from_slice(&encoded);
    Some(out)
}

/// The model in a cache entry, if the entry is from this version and intact.
pub fn decode(entry: &[u8]) -> Option<Bericht> {
    let body = entry.strip_prefix(stamp().as_bytes())?;
    postcard::from_bytes(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{PairConfig, generate_pair};

    #[test]
    fn models_round_trip_and_foreign_entries_are_refused() {
        let pair = generate_pair(&PairConfig { clients: 4, lines_per_client: 3, credit_per_mille: 300, ..PairConfig::default() });
        for bericht in [Bericht::Declaratie(pair.declaratie), Bericht::Antwoord(pair.antwoord)] {
            let entry = encode(&bericht).unwrap();
            assert_eq!(decode(&entry), Some(bericht));
            // Another version's entry, and a cut one, are not used.
            let mut other = entry.clone();
            other[b"kloppend-model/".len()] ^= 1;
            assert_eq!(decode(&other), None);
            assert_eq!(decode(&entry[..entry.len() / 2]), None);
        }
        assert_eq!(decode(b""), None);
    }
}
