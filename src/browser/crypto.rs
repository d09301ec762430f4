//! Sealing a back-up with a passphrase, using the browser's WebCrypto: AES-256-GCM with a key
//! derived by PBKDF2-SHA-256 from the passphrase and a random salt. The frame around the
//! ciphertext is the core's (`domain::backup`); GCM's tag makes a wrong passphrase and a
//! damaged file fail the same way, before anything is restored.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use super::js::object;
use crate::domain::backup::{BackupError, PBKDF2_ITERATIES, Zegel, ontzegel, verzegel};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// WebCrypto is only there in a secure context (HTTPS or localhost).
    Unavailable,
    Backup(BackupError),
    Failed(String),
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptoError::Unavailable => write!(
                f,
                "Versleutelen kan hier niet: de browser biedt het alleen aan via https of op localhost. Maak een onversleutelde back-up of open Kloppend via https."
            ),
            CryptoError::Backup(error) => error.fmt(f),
            CryptoError::Failed(detail) => write!(f, "Versleutelen is mislukt: {detail}"),
        }
    }
}

fn subtle() -> Result<(web_sys::Crypto, SubtleCrypto), CryptoError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(CryptoError::Unavailable)?;
    // `crypto.subtle` is undefined outside a secure context.
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let subtle = subtle.ok_or(CryptoError::Unavailable)?.unchecked_into::<SubtleCrypto>();
    Ok((crypto, subtle))
}

fn failed(value: JsValue) -> CryptoError {
    CryptoError::Failed(crate::browser::files::js_message(&value))
}

async fn derive_key(subtle: &SubtleCrypto, passphrase: &str, zegel: &Zegel) -> Result<CryptoKey, CryptoError> {
    let usages = Array::of1(&"deriveKey".into());
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = JsFuture::from(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages).map_err(failed)?)
        .await
        .map_err(failed)?
        .unchecked_into::<CryptoKey>();
    let algorithm = object(&[
        ("name", "PBKDF2".into()),
        ("salt", Uint8Array::from(&zegel.salt[..]).into()),
        ("iterations", JsValue::from_f64(zegel.iteraties as f64)),
        ("hash", "SHA-256".into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", JsValue::from_f64(256.0))]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = JsFuture::from(subtle.derive_key_with_object_and_object(&algorithm, &base, &aes, false, &usages).map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(key.unchecked_into())
}

fn gcm(zegel: &Zegel) -> Object {
    object(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(&zegel.iv[..]).into())])
}

/// Encrypt `plain` with `passphrase`; returns the sealed back-up's bytes.
pub async fn seal(passphrase: &str, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let (crypto, subtle) = subtle()?;
    let mut zegel = Zegel { iteraties: PBKDF2_ITERATIES, salt: [0; 16], iv: [0; 12] };
    crypto.get_random_values_with_u8_array(&mut zegel.salt).map_err(failed)?;
    crypto.get_random_values_with_u8_array(&mut zegel.iv).map_err(failed)?;
    let key = derive_key(&subtle, passphrase, &zegel).await?;
    let ciphertext =
        JsFuture::from(subtle.encrypt_with_object_and_u8_array(&gcm(&zegel), &key, plain).map_err(failed)?).await.map_err(failed)?;
    Ok(verzegel(&zegel, &Uint8Array::new(&ciphertext).to_vec()))
}

/// Decrypt a sealed back-up. A wrong passphrase and a damaged file both give
/// [`BackupError::Versleuteld`]: GCM cannot tell them apart, and neither changes anything.
pub async fn unseal(passphrase: &str, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let (zegel, ciphertext) = ontzegel(sealed).map_err(CryptoError::Backup)?;
    let (_, subtle) = subtle()?;
    let key = derive_key(&subtle, passphrase, &zegel).await?;
    let promise = subtle.decrypt_with_object_and_u8_array(&gcm(&zegel), &key, ciphertext).map_err(failed)?;
    let plain = JsFuture::from(promise).await.map_err(|_| CryptoError::Backup(BackupError::Versleuteld))?;
    Ok(Uint8Array::new(&plain).to_vec())
}

/// SHA-256 of `bytes` as lowercase hex, computed by WebCrypto (several times faster than
/// hashing in WebAssembly); `None` outside a secure context, where the caller falls back to
/// the core's own hash. Both give the same id.
pub async fn sha256_hex(bytes: &[u8]) -> Option<String> {
    let (_, subtle) = subtle().ok()?;
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    let digest = Uint8Array::new(&digest).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}
