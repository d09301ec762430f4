//! The pure domain core (crate `kloppend-domain`, re-exported as `kloppend::domain`):
//! everything Kloppend knows about declarations, answers, credits
//! and settlements. No web dependency: it compiles and is tested natively.

pub mod archive;
pub mod backup;
pub mod cak;
pub mod calendar;
pub mod credit;
pub mod demo;
pub mod export;
pub mod findings;
pub mod gemeenten;
pub mod generate;
pub mod intake;
pub mod journal;
pub mod message;
pub mod modelcache;
pub mod money;
pub mod overview;
pub mod plan;
pub mod reconcile;
pub mod retourcodes;
pub mod rules;
pub mod settlement;
pub mod sort;
pub mod tarief;
pub mod term;
pub mod todo;
pub mod view;
pub mod workspace;
