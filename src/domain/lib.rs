//! The pure domain core (crate `kloppend-domain`, re-exported as `kloppend::domain`):
//! everything Kloppend knows about declarations, answers, credits
//! and settlements. No web dependency: it compiles and is tested natively.
//!
//! The folders are the layers of ARCHITECTURE.md, lowest first; a module uses only its own
//! layer and the ones below it (`tests/tidy.rs` checks every `use crate::…`). The names below
//! the layer modules are the façade the app, the screens and the tests use.

pub mod analysis;
pub mod archive;
pub mod base;
pub mod diagnostics;
pub mod fixtures;
pub mod formats;
pub mod reference;
pub mod session;
pub mod views;

pub use analysis::{credit, ledger, reconcile, term, workspace};
pub use archive::{backup, intake, journal, modelcache};
pub use base::{calendar, money, periods, sort, tarief, text};
pub use diagnostics::{findings, rules};
pub use fixtures::{demo, generate};
pub use formats::message;
pub use reference::{gemeenten, retourcodes};
pub use session::plan;
pub use views::{export, overview, todo};

/// The screens' view-models, under the names the app has always used.
pub mod view {
    pub use crate::reference::glossary;
    pub use crate::views::{declaration, insight, paging, settlements, wording};
}

/// Settlement overviews (a format) with their ledger (an analysis), as one name for the app.
pub mod settlement {
    pub use crate::analysis::ledger::{self, Ledger, build_ledger};
    pub use crate::formats::settlement::*;
}
