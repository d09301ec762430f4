//! Offering bytes as a download (a blob: URL; nothing is sent anywhere).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// What the browser would not do while offering a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadError {
    /// No window or document (not a normal page).
    GeenPagina,
    /// The bytes could not be made into a Blob (usually: too large for memory).
    Blob,
    /// No blob: address or link could be made.
    Link,
}

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DownloadError::GeenPagina => "de browser gaf geen pagina om de download op te starten",
            DownloadError::Blob => "de browser kon het bestand niet in het geheugen zetten (te groot?)",
            DownloadError::Link => "de browser kon geen downloadlink maken",
        })
    }
}

pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), DownloadError> {
    let window = web_sys::window().ok_or(DownloadError::GeenPagina)?;
    let document = window.document().ok_or(DownloadError::GeenPagina)?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| DownloadError::Blob)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| DownloadError::Link)?;
    let anchor: HtmlAnchorElement =
        document.create_element("a").map_err(|_| DownloadError::Link)?.dyn_into().map_err(|_| DownloadError::Link)?;
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
