//! What the browser says about its storage: whether it will keep the archive when space
//! runs low (persistence), and how much is used of how much is allowed. Both need a secure
//! context (HTTPS or localhost); elsewhere they report "unknown" rather than failing.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is undefined outside a secure context.
    let present = Reflect::get(&navigator, &"storage".into()).ok().is_some_and(|v| !v.is_undefined());
    present.then(|| navigator.storage())
}

async fn ask(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Ask the browser to keep the archive when storage runs low. Returns whether it is granted.
pub async fn request_persistence() -> bool {
    let Some(storage) = manager() else { return false };
    ask(storage.persist()).await.and_then(|v| v.as_bool()) == Some(true)
}

/// Whether the browser has already promised to keep the archive (`None`: cannot tell here).
pub async fn is_persisted() -> Option<bool> {
    let storage = manager()?;
    ask(storage.persisted()).await.and_then(|v| v.as_bool())
}

/// Bytes used and the quota for this site, as the browser estimates them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

pub async fn estimate() -> Option<Usage> {
    let storage = manager()?;
    let estimate = ask(storage.estimate()).await?;
    let field = |name: &str| Reflect::get(&estimate, &name.into()).ok().and_then(|v| v.as_f64());
    Some(Usage { used: field("usage")?, quota: field("quota")? })
}
