//! Password-protected ZIPs for tests: AES-256 with the zip crate's writer, and the old
//! ZipCrypto ("traditional PKWARE encryption", what Windows and many portals make), written
//! here because the zip crate only reads it. Entries are stored uncompressed.
#![allow(dead_code)]

use std::io::{Cursor, Write};

fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *slot = c;
    }
    table
}

fn crc32(table: &[u32; 256], data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &b| table[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8))
}

/// The three ZipCrypto keys, updated with every plaintext byte.
struct Keys<'t> {
    k: [u32; 3],
    table: &'t [u32; 256],
}

impl Keys<'_> {
    fn update(&mut self, byte: u8) {
        let t = self.table;
        self.k[0] = t[((self.k[0] ^ u32::from(byte)) & 0xff) as usize] ^ (self.k[0] >> 8);
        self.k[1] = self.k[1].wrapping_add(self.k[0] & 0xff).wrapping_mul(134_775_813).wrapping_add(1);
        self.k[2] = t[((self.k[2] ^ (self.k[1] >> 24)) & 0xff) as usize] ^ (self.k[2] >> 8);
    }

    fn encrypt(&mut self, byte: u8) -> u8 {
        let temp = (self.k[2] | 2) & 0xffff;
        let out = byte ^ ((temp.wrapping_mul(temp ^ 1) >> 8) & 0xff) as u8;
        self.update(byte);
        out
    }
}

/// A ZIP whose entries are encrypted with ZipCrypto under `password`.
pub fn zipcrypto(entries: &[(&str, &[u8])], password: &str) -> Vec<u8> {
    let table = crc_table();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (i, (name, data)) in entries.iter().enumerate() {
        let crc = crc32(&table, data);
        let mut keys = Keys { k: [0x1234_5678, 0x2345_6789, 0x3456_7890], table: &table };
        for &b in password.as_bytes() {
            keys.update(b);
        }
        // Eleven arbitrary bytes, then the CRC's high byte (what a reader checks the password against).
        let mut header: Vec<u8> = (0..11u8).map(|n| n.wrapping_mul(37).wrapping_add(i as u8)).collect();
        header.push((crc >> 24) as u8);
        let body: Vec<u8> = header.iter().chain(data.iter()).map(|&b| keys.encrypt(b)).collect();
        let offset = out.len() as u32;
        let fixed = |sig: &[u8], extra: &[u8]| {
            let mut h = sig.to_vec();
            h.extend_from_slice(extra);
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&1u16.to_le_bytes()); // flags: encrypted
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x5A21u16.to_le_bytes()); // date 2025-01-01
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra field length
            h
        };
        out.extend(fixed(b"PK\x03\x04", &[]));
        out.extend_from_slice(name.as_bytes());
        out.extend(&body);
        central.extend(fixed(b"PK\x01\x02", &20u16.to_le_bytes()));
        // Comment length, disk number, internal and external attributes: all zero.
        central.extend_from_slice(&[0u8; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A ZIP whose entries are encrypted with AES-256 under `password`.
pub fn aes(entries: &[(&str, &[u8])], password: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .with_aes_encryption(zip::AesMode::Aes256, password);
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
