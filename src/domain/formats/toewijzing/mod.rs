//! The 301 toewijzing message (WMO301 code 414, JW301 code 436): read with the same strict
//! reader as the 323/325, kept without personal details beyond BSN and initials; and the
//! 302/305/307 around it (`melding`), kept for their dates.

pub mod melding;
pub mod model;
mod read;

pub use melding::{Melding, MeldingSoort, read_melding};
pub use model::*;
pub use read::read_toewijzing;
