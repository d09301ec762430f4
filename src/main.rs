//! Entry point of the web app: mounts the Leptos application. Everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kloppend::ui::App);
}

/// The app only runs in the browser; natively this binary has nothing to do.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kloppend draait in de browser: start het met scripts/serve.sh");
}
