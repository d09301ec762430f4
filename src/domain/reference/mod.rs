//! Layer 2, reference data: the CBS list of gemeenten, the retourcodes with their advice, the
//! glossary of the standard's terms. Data with lookups, no analysis.

pub mod gemeenten;
pub mod glossary;
pub mod retourcodes;
