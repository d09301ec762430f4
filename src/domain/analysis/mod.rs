//! Layer 6, analysis: all documents together (the workspace), reconciliation and the history
//! rules, settlement ledgers, credit building, the monthly declaration and declaration terms.

pub mod credit;
pub mod declare;
pub mod ledger;
pub mod preflight;
pub mod reconcile;
pub mod term;
pub mod toewijzing;
pub mod workspace;
