//! Reading files the user picked or dropped.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;
/// The element and list types the import and restore screens hand to this adapter.
pub use web_sys::{FileList, HtmlInputElement};

/// A picked file's name and bytes, or why it could not be read.
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Read every file of a `FileList` into memory. All reads start at once, so the browser
/// reads the files in parallel while the first ones are copied in.
/// The page's location hash (`#/overzicht`), which is the route.
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The files chosen in a file input.
pub fn chosen(input: &HtmlInputElement) -> Option<FileList> {
    input.files()
}

pub async fn read_all(list: Option<FileList>) -> Vec<PickedFile> {
    let Some(list) = list else { return Vec::new() };
    let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    let reads: Vec<(String, JsFuture)> = files.iter().map(|f| (f.name(), JsFuture::from(f.array_buffer()))).collect();
    let mut out = Vec::with_capacity(reads.len());
    for (name, read) in reads {
        out.push(PickedFile { name, bytes: finish(read).await });
    }
    out
}

async fn finish(read: JsFuture) -> Result<Vec<u8>, String> {
    let buffer = read.await.map_err(|e| format!("Het bestand kon niet worden gelezen: {}", js_message(&e)))?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().map_err(|_| "Onverwacht antwoord van de browser".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub fn js_message(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "onbekende fout".into())
}
