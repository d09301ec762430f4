//! Kloppend: check, link and credit Wmo/Jeugdwet declarations (iWmo/iJw 323/325) in the browser.
//!
//! Layout follows the data flow: [`domain`] is the pure core (read → validate → reconcile →
//! credit → write, settlements), compiled and tested natively; `browser` holds the thin
//! adapters to files, IndexedDB and downloads; `app` is the session that owns the archive and
//! applies one change at a time; `ui` holds the Leptos screens. The last three exist only in
//! the WebAssembly build.

/// The pure core lives in its own crate (`src/domain/`), so it cannot depend on the browser.
pub use kloppend_domain as domain;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
