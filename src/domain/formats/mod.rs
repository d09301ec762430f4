//! Layer 4, formats: the iStandaard messages (read, validate, write) and insurers' settlement
//! CSVs. Bytes in, typed models and findings out.

pub mod message;
pub mod settlement;
pub mod tarieven;
pub mod toewijzing;
