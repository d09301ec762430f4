//! View-models: what each screen shows, computed from the workspace by pure functions, so
//! screens are markup and every figure on them is tested natively. Large lists are paged
//! here (a screen renders one page), and rows are looked up by index, never by a scan.

pub mod declaration;
pub mod glossary;
pub mod insight;
pub mod paging;
pub mod settlements;
pub mod wording;
