//! Layer 2, reference data: the CBS list of gemeenten, the retourcodes with their advice, the
//! glossary of the standard's terms, the CAK four-week periods. Data with lookups, no analysis.

pub mod cak;
pub mod gemeenten;
pub mod glossary;
pub mod retourcodes;
