//! Other tabs of Kloppend on this device share one archive. A `BroadcastChannel` tells them
//! that it changed, and the Web Locks API lets only one tab change it at a time. Both are
//! optional: without them every action still starts by catching up with the stored log.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Hears of changes made by other tabs, and tells them of this tab's.
pub struct Channel {
    inner: web_sys::BroadcastChannel,
    // Kept alive as long as the channel: the browser calls it for every message.
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Channel {
    /// `None` where the browser has no BroadcastChannel.
    pub fn open(name: &str, on_change: impl Fn() + 'static) -> Option<Channel> {
        let inner = web_sys::BroadcastChannel::new(name).ok()?;
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| on_change());
        inner.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Channel { inner, _listener: listener })
    }

    /// "The archive changed": the message carries nothing, the others read the archive.
    pub fn announce(&self) {
        let _ = self.inner.post_message(&JsValue::from_str("archief-gewijzigd"));
    }
}

/// The lock that makes this tab the only one changing the archive; released when dropped.
pub struct TabLock {
    release: Option<js_sys::Function>,
}

impl Drop for TabLock {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Waits until no other tab holds the lock `name`, then holds it. `None` where there is no
/// Web Locks API (plain http other than localhost, older browsers).
pub async fn lock(name: &str) -> Option<TabLock> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok().filter(|l| l.is_object())?;
    let request: js_sys::Function = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).ok()?.dyn_into().ok()?;
    // The browser holds the lock until the promise the callback returns settles: it is
    // resolved when the `TabLock` is dropped. A second promise says the lock was granted.
    let mut release = None;
    let held = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
    let mut grant = None;
    let granted = js_sys::Promise::new(&mut |resolve, _| grant = Some(resolve));
    let grant = grant?;
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = grant.call0(&JsValue::NULL);
        held.into()
    });
    let requested = request.call2(&locks, &JsValue::from_str(name), &callback).ok()?;
    // The request's own promise settles only after the release, or early when the browser
    // refuses the request: racing it with the grant never waits for ever.
    let first = js_sys::Promise::race(&js_sys::Array::of2(&granted, &requested));
    wasm_bindgen_futures::JsFuture::from(first).await.ok()?;
    Some(TabLock { release })
}
