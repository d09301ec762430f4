//! Kloppend: check, link and credit Wmo/Jeugdwet declarations (iWmo/iJw 323/325) in the browser.
//!
//! [`domain`] is the pure core (read → validate → reconcile → credit → write, settlements),
//! compiled and tested natively.

pub mod domain;
