//! The pure domain core (crate `kloppend-domain`, re-exported as `kloppend::domain`):
//! everything Kloppend knows about declarations, answers, credits
//! and settlements. No web dependency: it compiles and is tested natively.
//!
//! The folders are the layers of ARCHITECTURE.md, lowest first; a module uses only its own
//! layer and the ones below it (`tests/tidy.rs` checks every `use crate::…`). The names below
//! the layer modules are the façade the app, the screens and the tests use.

mod analysis;
mod archive;
mod base;
mod diagnostics;
mod fixtures;
mod formats;
mod reference;
mod session;
mod views;

pub use analysis::{credit, declare, ledger, preflight, reconcile, term, workspace};
pub use archive::{FileInfo, Origin, StoredFile, backup, content_id, intake, journal, modelcache, numbering};
pub use base::{calendar, digest, money, periods, sort, tarief, text};
pub use diagnostics::{explain, findings, rules};
pub use fixtures::{demo, generate};
pub use formats::{message, tarieven, timesheet};
pub use reference::{gemeenten, retourcodes};
pub use session::{notices, plan};
pub use views::{export, overview, todo};

/// The screens' view-models: what each screen shows (see `views/`).
pub mod view {
    pub use crate::reference::glossary;
    pub use crate::views::{
        clock, credit_plan, declaration, declare, export, figures, files, finding_groups, insight, overview, paging, settlements, tarieven,
        todo, toewijzingen, wording,
    };
}

/// Settlement overviews (a format) with their ledger (an analysis), as one name for the app.
pub mod settlement {
    pub use crate::analysis::ledger::{self, Ledger, build_ledger};
    pub use crate::formats::settlement::*;
}

/// Toewijzingen as one name for the app: the 301 and its meldingen as read (a format), the
/// register and the checks against it (an analysis), and the 301 writer of the tests and demo.
pub mod toewijzing {
    pub use crate::analysis::toewijzing::*;
    pub use crate::fixtures::toewijzing::{toewijzingen_for, write_toewijzing};
    pub use crate::formats::toewijzing::*;
}
