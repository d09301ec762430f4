pub mod declaration;
pub mod import;
pub mod overview;
pub mod placeholder;
