//! Layer 6, analysis: all documents together (the workspace), reconciliation and the history
//! rules, settlement ledgers, credit building and declaration terms.

pub mod credit;
pub mod ledger;
pub mod reconcile;
pub mod term;
pub mod toewijzing;
pub mod workspace;
