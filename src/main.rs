//! Entry point of the web app: mounts the Leptos application. Everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The analysis worker runs this same module: there is no page to mount there.
    if kloppend::browser::worker::in_worker() {
        return;
    }
    kloppend::ui::mount();
}

/// Called by `public/worker.js` in the analysis worker (exported from the binary, so the
/// loader finds it next to the module's other exports).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn kloppend_worker() {
    kloppend::browser::worker::serve();
}

/// The app only runs in the browser; natively this binary has nothing to do.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kloppend draait in de browser: start het met scripts/serve.sh");
}
