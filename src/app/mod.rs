//! The application layer: one [`Session`] per page that owns the archive connection and the
//! current [`Snapshot`], and applies one [`Change`] at a time. It knows nothing of Leptos:
//! the screens' `AppState` subscribes to published snapshots and turns outcomes into notices.
//! Decisions that need no browser (import, removal and undo plans, notice texts) are in
//! `domain::plan` and `domain::journal`; this layer carries them out with the adapters.

mod error;
mod session;

pub use error::{AppError, Needs};
pub use session::{Change, ImportStep, Loading, Outcome, Progress, Session, Snapshot};
