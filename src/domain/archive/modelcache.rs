//! The parsed model of a message, kept next to its bytes so that opening Kloppend does not
//! parse every file again (natively decoding is about ten times faster than reading the XML).
//! It is written in parts of [`CLIENTS_PER_PART`] clients, so that a browser can decode a
//! large model in short tasks ([`Decoder`]).
//!
//! It is a cache, never a source of truth: stamped with the model version and the app
//! version, and thrown away (the bytes are read again) when the stamp differs or decoding
//! fails. The findings go with the model, with their places in the file (line and column,
//! which only reading the bytes gives). The cache is this version's, so only the day can change
//! what the validator finds (TR135, see `validate::may_differ_today`): when it may, the model
//! is validated again and the stored findings are used only when they are what the validator
//! says now — otherwise the bytes are read. So a file full of findings opens as fast as a
//! clean one.
//!
//! A 301 is cached too, under a stamp of its own and in one piece (it holds one client): it
//! has no findings and nothing in it depends on the date. A thousand of them were read and
//! parsed again at every start-up, one worker round trip each.

use serde::Serialize;

use crate::diagnostics::findings::Finding;
use crate::formats::message::{Bericht, Client, ClientAntwoord};
use crate::formats::toewijzing::Toewijzingbericht;

/// Raise when the model's shape changes in a way serde cannot tell (the app version is part
/// of the stamp too, so every release starts with fresh caches). 2: the model in parts;
/// 3: its findings in front; 4: dates as day numbers.
pub(crate) const MODEL_VERSION: u32 = 4;

/// Clients per part. Decoding a part is one short task in the browser (a 33,000-line
/// declaration has 11 or so), so a page that decodes a large model can paint in between.
pub(crate) const CLIENTS_PER_PART: usize = 1_000;

fn stamp() -> String {
    format!("kloppend-model/{MODEL_VERSION}/{}\n", env!("CARGO_PKG_VERSION"))
}

fn toewijzing_stamp() -> String {
    format!("kloppend-301/{MODEL_VERSION}/{}\n", env!("CARGO_PKG_VERSION"))
}

/// The cache entry for a 301: its stamp, then the toewijzing in postcard's encoding.
pub fn encode_toewijzing(toewijzing: &Toewijzingbericht) -> Option<Vec<u8>> {
    let mut out = toewijzing_stamp().into_bytes();
    out.extend(postcard::to_allocvec(toewijzing).ok()?);
    Some(out)
}

/// The 301 in a cache entry; `None` for a message's entry, another version's or a damaged one.
pub fn decode_toewijzing(entry: &[u8]) -> Option<Toewijzingbericht> {
    postcard::from_bytes(entry.strip_prefix(toewijzing_stamp().as_bytes())?).ok()
}

/// Append one length-prefixed piece (framed by hand: as a serde `Vec<u8>` each byte would
/// be decoded on its own).
fn frame(out: &mut Vec<u8>, piece: &[u8]) -> Option<()> {
    out.extend_from_slice(&u32::try_from(piece.len()).ok()?.to_le_bytes());
    out.extend_from_slice(piece);
    Some(())
}

/// The pieces of an entry's body: the message without its clients, then its clients in parts.
fn pieces(mut body: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    while !body.is_empty() {
        let (len, rest) = body.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        if rest.len() < len {
            return None;
        }
        let (piece, rest) = rest.split_at(len);
        out.push(piece);
        body = rest;
    }
    Some(out)
}

/// The cache entry for a model and its located findings: the stamp, the findings, then the
/// model in parts, in postcard's compact encoding.
pub fn encode(bericht: &Bericht, findings: &[Finding]) -> Option<Vec<u8>> {
    let mut shell = bericht.clone();
    let parts = match &mut shell {
        Bericht::Declaratie(d) => chunks(std::mem::take(&mut d.declaratie.clienten))?,
        Bericht::Antwoord(a) => match a.declaratie_antwoord.as_mut() {
            Some(da) => chunks(std::mem::take(&mut da.clienten))?,
            None => Vec::new(),
        },
    };
    let mut out = stamp().into_bytes();
    frame(&mut out, &postcard::to_allocvec(findings).ok()?)?;
    frame(&mut out, &postcard::to_allocvec(&shell).ok()?)?;
    for part in &parts {
        frame(&mut out, part)?;
    }
    Some(out)
}

fn chunks<T: Serialize>(items: Vec<T>) -> Option<Vec<Vec<u8>>> {
    items.chunks(CLIENTS_PER_PART).map(|part| postcard::to_allocvec(part).ok()).collect()
}

/// The model in a cache entry, if the entry is from this version and intact.
pub fn decode(entry: &[u8]) -> Option<Bericht> {
    let mut decoder = Decoder::new(entry)?;
    while decoder.step()? {}
    Some(decoder.finish())
}

/// Decodes a cache entry part by part, so the caller can yield between parts.
pub struct Decoder<'a> {
    findings: &'a [u8],
    bericht: Bericht,
    parts: std::vec::IntoIter<&'a [u8]>,
}

impl<'a> Decoder<'a> {
    /// The message without its clients; `None` for another version's or a damaged entry.
    pub fn new(entry: &'a [u8]) -> Option<Decoder<'a>> {
        let body = entry.strip_prefix(stamp().as_bytes())?;
        let mut pieces = pieces(body)?.into_iter();
        let findings = pieces.next()?;
        let bericht = postcard::from_bytes(pieces.next()?).ok()?;
        Some(Decoder { findings, bericht, parts: pieces })
    }

    /// The findings stored with the model; `None` when that piece is damaged.
    pub fn findings(&self) -> Option<Vec<Finding>> {
        postcard::from_bytes(self.findings).ok()
    }

    /// Decode the next part: `Some(true)` when more follow, `Some(false)` when done, `None`
    /// when the part is damaged (then the entry must not be used).
    pub fn step(&mut self) -> Option<bool> {
        let Some(part) = self.parts.next() else { return Some(false) };
        match &mut self.bericht {
            Bericht::Declaratie(d) => d.declaratie.clienten.extend(postcard::from_bytes::<Vec<Client>>(part).ok()?),
            Bericht::Antwoord(a) => {
                let clients = postcard::from_bytes::<Vec<ClientAntwoord>>(part).ok()?;
                a.declaratie_antwoord.as_mut()?.clienten.extend(clients);
            }
        }
        Some(self.parts.len() > 0)
    }

    pub fn finish(self) -> Bericht {
        self.bericht
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::generate::{PairConfig, generate_pair};

    #[test]
    fn models_round_trip_and_foreign_entries_are_refused() {
        let pair = generate_pair(&PairConfig { clients: 4, lines_per_client: 3, credit_per_mille: 300, ..PairConfig::default() });
        for bericht in [Bericht::Declaratie(pair.declaratie), Bericht::Antwoord(pair.antwoord)] {
            let entry = encode(&bericht, &[]).unwrap();
            assert_eq!(decode(&entry), Some(bericht));
            // Another version's entry, and a cut one, are not used.
            let mut other = entry.clone();
            other[b"kloppend-model/".len()] ^= 1;
            assert_eq!(decode(&other), None);
            assert_eq!(decode(&entry[..entry.len() / 2]), None);
        }
        assert_eq!(decode(b""), None);
    }

    #[test]
    fn toewijzingen_round_trip_apart_from_messages() {
        let pair = generate_pair(&PairConfig { clients: 1, lines_per_client: 3, ..PairConfig::default() });
        let sent = pair.declaratie.declaratie.declaratie_periode.begindatum;
        let toewijzing = crate::fixtures::toewijzing::toewijzingen_for(&[&pair.declaratie], sent, "GT1").remove(0);
        let entry = encode_toewijzing(&toewijzing).unwrap();
        assert_eq!(decode_toewijzing(&entry), Some(toewijzing));
        // A message's entry is not a 301's, nor the other way round; a cut one is refused.
        assert_eq!(decode(&entry), None);
        assert_eq!(decode_toewijzing(&encode(&Bericht::Declaratie(pair.declaratie), &[]).unwrap()), None);
        assert_eq!(decode_toewijzing(&entry[..entry.len() - 3]), None);
    }

    #[test]
    fn findings_cross_with_their_places() {
        let xml = crate::fixtures::generate::warm_up_declaratie().replace("<wmo323:Bsn>9", "<wmo323:Bsn>8");
        let loaded = crate::formats::message::load(xml.as_bytes(), &crate::formats::message::ValidationContext::default()).unwrap();
        assert!(!loaded.findings.is_empty() && loaded.findings.iter().all(|f| f.location.is_some()));
        let entry = encode(&loaded.bericht, &loaded.findings).unwrap();
        assert_eq!(Decoder::new(&entry).unwrap().findings().unwrap(), loaded.findings);
        assert!(Decoder::new(&entry[..entry.len() / 2]).is_none());
    }

    #[test]
    fn a_large_model_is_decoded_part_by_part_to_the_same_model() {
        let pair = generate_pair(&PairConfig { clients: 2_500, lines_per_client: 2, reject_per_mille: 200, ..PairConfig::default() });
        for bericht in [Bericht::Declaratie(pair.declaratie), Bericht::Antwoord(pair.antwoord)] {
            let entry = encode(&bericht, &[]).unwrap();
            let mut decoder = Decoder::new(&entry).unwrap();
            let mut steps = 0;
            while decoder.step().unwrap() {
                steps += 1;
            }
            let clients = match &bericht {
                Bericht::Declaratie(d) => d.declaratie.clienten.len(),
                Bericht::Antwoord(a) => a.declaratie_antwoord.as_ref().map_or(0, |da| da.clienten.len()),
            };
            assert_eq!(steps + 1, clients.div_ceil(CLIENTS_PER_PART).max(1), "{clients} clients");
            assert_eq!(decoder.finish(), bericht);
        }
    }
}
