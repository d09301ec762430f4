//! Layer 8, session decisions: what a user's change will do (import, removal, restore plans)
//! and the notices it gives (`notices`: every notice text), decided without a browser.

pub mod notices;
pub mod plan;
