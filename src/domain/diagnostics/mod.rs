//! Layer 3, diagnostics: the rulebook (`Rule` and what breaking it costs) and findings with their
//! place in a file. Below the formats, so that readers and validators can report in its terms.

pub mod explain;
pub mod findings;
pub mod rules;
