//! Layer 7, view-models: what each screen shows, computed from a workspace and the user's
//! choices (Overzicht, declaration, Verrekeningen, Inzicht, Te doen, the credit wizard,
//! Declareren, exports, the import list).

pub mod clock;
pub mod credit_plan;
pub mod declaration;
pub mod declare;
pub mod export;
pub mod figures;
pub mod files;
pub mod finding_groups;
pub mod insight;
pub mod overview;
pub mod paging;
pub mod settlements;
pub mod tarieven;
pub mod todo;
pub mod toewijzingen;
pub mod wording;
