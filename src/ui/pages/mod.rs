//! One module per screen.

pub mod credit;
pub mod declaration;
pub mod declare;
pub mod import;
pub mod insight;
pub mod overview;
pub mod settings;
pub mod settlements;
pub mod tariffs;
pub mod todo;
pub mod toewijzingen;
