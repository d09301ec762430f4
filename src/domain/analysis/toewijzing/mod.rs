//! Toewijzingen: every version of every toewijzing from the loaded 301s (`register`), the
//! volume a period and a whole toewijzing allow (`maxima`, IV076–IV079), and the T rules that
//! a gemeente checks a 323 line against (`check`).

pub mod check;
pub mod contract;
pub mod maxima;
pub mod register;

pub use check::check;
pub use register::{Register, Status, Toewijzing, Version};
