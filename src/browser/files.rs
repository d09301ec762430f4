//! Reading files the user picked or dropped.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};

use super::timing::Pacer;
/// The element and list types the import and restore screens hand to this adapter.
pub use web_sys::{FileList, HtmlInputElement};

/// A picked file's name and bytes, or why it could not be read.
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, ReadFailure>,
    /// The browser's own file, which the archive can store instead of a copy of the bytes.
    file: Option<File>,
}

/// A picked file as the browser holds it (a Blob backed by the file on disk), to be stored
/// as it is: copying the bytes into a new Blob cost 4-5 s of the main thread at a million
/// lines, single copies up to half a second.
#[derive(Clone)]
pub struct Original(File);

impl Original {
    pub fn new(file: File) -> Original {
        Original(file)
    }

    pub fn blob(&self) -> &Blob {
        &self.0
    }
}

thread_local! {
    /// The files of the import being run, by name and size (see [`remember_originals`]).
    static ORIGINALS: RefCell<HashMap<(String, u64), Option<Original>>> = RefCell::new(HashMap::new());
}

/// Keep the picked files for the import that follows, until [`forget_originals`]. A name and
/// size picked twice (from two folders) is ambiguous and kept as nothing.
pub fn remember_originals(picked: &[PickedFile]) {
    ORIGINALS.with_borrow_mut(|map| {
        map.clear();
        // Keyed by the length read, which is what the import looks up (asking the File for
        // its size again costs as much as when the reads were started).
        for p in picked {
            let (Some(file), Ok(bytes)) = (&p.file, &p.bytes) else { continue };
            let key = (p.name.clone(), bytes.len() as u64);
            let original = Original(file.clone());
            map.entry(key).and_modify(|seen| *seen = None).or_insert(Some(original));
        }
    });
}

pub fn forget_originals() {
    ORIGINALS.with_borrow_mut(HashMap::clear);
}

/// The picked file with this name and size, if exactly one was picked: the bytes read from
/// it are its bytes, so it can be stored instead of them.
pub fn original(name: &str, size: usize) -> Option<Original> {
    ORIGINALS.with_borrow(|map| map.get(&(name.to_string(), size as u64)).cloned().flatten())
}

/// A picked file is at most this large: what one pick may unpack to. Anything larger is not
/// read at all, so a multi-gigabyte file cannot exhaust the WebAssembly memory.
pub const MAX_PICKED: f64 = crate::domain::intake::MAX_UNPACKED as f64;

/// Why a picked file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadFailure {
    TooLarge {
        megabytes: u64,
    },
    /// The browser could not read it (moved or deleted since it was picked, no permission).
    Unreadable,
    Unexpected,
}

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFailure::TooLarge { megabytes } => write!(
                f,
                "het bestand is {megabytes} MB, groter dan de {} MB die Kloppend per keer leest, en is niet gelezen",
                crate::domain::intake::MAX_UNPACKED >> 20
            ),
            ReadFailure::Unreadable => {
                f.write_str("het bestand kon niet worden gelezen (is het verplaatst of verwijderd nadat het gekozen werd?)")
            }
            ReadFailure::Unexpected => f.write_str("de browser gaf het bestand niet als gegevens terug"),
        }
    }
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

/// How many files were picked or dropped.
pub fn count(list: Option<&FileList>) -> usize {
    list.map_or(0, |l| l.length() as usize)
}

pub async fn read_all(list: Option<FileList>) -> Vec<PickedFile> {
    let Some(list) = list else { return Vec::new() };
    let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    // Starting a read asks the browser for the file's size first (about 0.7 ms a file, a
    // second for a thousand), so the starts are paced too.
    let mut pacer = Pacer::new();
    let mut reads: Vec<(File, Result<JsFuture, ReadFailure>)> = Vec::with_capacity(files.len());
    for f in &files {
        let size = f.size();
        let read = if size > MAX_PICKED {
            Err(ReadFailure::TooLarge { megabytes: (size / 1_048_576.0) as u64 })
        } else {
            Ok(JsFuture::from(f.array_buffer()))
        };
        reads.push((f.clone(), read));
        pacer.step().await;
    }
    let mut out = Vec::with_capacity(reads.len());
    // The reads run side by side, so after the first one the rest are done and their copies
    // into wasm memory (100 MB for a large pick) would follow each other in one task.
    for (file, read) in reads {
        let bytes = match read {
            Ok(read) => finish(read).await,
            Err(failure) => Err(failure),
        };
        out.push(PickedFile { name: file.name(), bytes, file: Some(file) });
        pacer.step().await;
    }
    out
}

async fn finish(read: JsFuture) -> Result<Vec<u8>, ReadFailure> {
    let buffer = read.await.map_err(|_| ReadFailure::Unreadable)?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().map_err(|_| ReadFailure::Unexpected)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub fn js_message(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "onbekende fout".into())
}
