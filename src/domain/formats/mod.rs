//! Layer 4, formats: the iStandaard messages (read, validate, write) and insurers' settlement
//! CSVs, contract tariffs and timesheets. Bytes in, typed models and findings out.

pub mod message;
pub mod settlement;
pub mod tarieven;
pub mod timesheet;
pub mod toewijzing;
