//! Layer 5, the archive's contents: stored files, what a file contains (intake), the model
//! cache, the event log, the numbers in use and back-ups. What the browser stores, decided here.

pub mod backup;
pub mod intake;
pub mod journal;
pub mod modelcache;
pub mod numbering;
pub mod stored;

pub use stored::*;
