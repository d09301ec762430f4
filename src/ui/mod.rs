//! The Leptos screens. Components read state from [`state::AppState`] and call the domain
//! core; they hold no domain logic of their own.

mod app;
mod components;
mod pages;
mod route;
pub mod state;

pub use app::App;
