//! Layer 1, the base: money, dates and working days, the one sort, IV081 tariff arithmetic and
//! Dutch number wording. Knows nothing of messages.

pub mod calendar;
pub mod digest;
pub mod money;
pub mod periods;
pub mod sort;
pub mod tarief;
pub mod text;
