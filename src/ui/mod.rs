//! The Leptos screens. Components read state from [`state::AppState`] and call the domain
//! core; they hold no domain logic of their own.

mod app;
mod components;
mod pages;
mod route;
pub mod state;

pub use app::App;

/// Mount the app on the page. Here, not in the binary: the screens' rendering code is generic
/// over the view types, and every crate that instantiates it gets its own copy, so a mount in
/// `main.rs` compiled the futures and closures that both crates use twice.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
