//! Reading files the user picked or dropped.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

/// A picked file's name and bytes, or why it could not be read.
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Read every file of a `FileList` into memory.
pub async fn read_all(list: Option<FileList>) -> Vec<PickedFile> {
    let Some(list) = list else { return Vec::new() };
    let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        out.push(PickedFile { name: file.name(), bytes: read_bytes(&file).await });
    }
    out
}

pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("Het bestand kon niet worden gelezen: {}", js_message(&e)))?;
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
