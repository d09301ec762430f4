//! Thin adapters between the browser and the domain core. Nothing here decides anything
//! about declarations; it moves bytes, dates and preferences in and out.

pub mod archive;
pub mod clock;
pub mod crypto;
pub mod download;
pub mod files;
pub mod js;
pub mod page;
pub mod prefs;
pub mod storage;
pub mod tabs;
pub mod timing;
pub mod wizard;
pub mod worker;
