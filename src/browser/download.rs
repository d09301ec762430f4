//! Offering bytes as a download (a blob: URL; nothing is sent anywhere).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let window = web_sys::window().ok_or("geen venster")?;
    let document = window.document().ok_or("geen document")?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| "blob maken mislukt")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "downloadadres maken mislukt")?;
    let anchor: HtmlAnchorElement =
        document.create_element("a").map_err(|_| "link maken mislukt")?.dyn_into().map_err(|_| "geen link")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_rel("noopener");
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
