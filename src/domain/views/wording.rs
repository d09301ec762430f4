//! Plain Dutch for what the screens say about numbers and outcomes: singular and plural,
//! file sizes, a declaration's outcome in words, volumes in their unit and gemeente names.
//! Here rather than in the screens so the wording is one decision, tested natively.

use crate::analysis::reconcile::{DeclaratieView, LineStatus, Verwerking};
pub use crate::base::text::{count, maand, size};
pub use crate::formats::message::codes::volume_in_words as volume;
pub use crate::reference::gemeenten::label as gemeente;

/// How a status reads at a glance; the screens turn it into a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Attention,
    Bad,
    Waiting,
}

/// What happened to a declaration as a whole, in words a provider uses: an assessed
/// declaration with rejected lines is "Deels afgewezen", not a green "Beoordeeld".
pub fn outcome(view: &DeclaratieView) -> (&'static str, Tone) {
    let tone = match &view.verwerking {
        Verwerking::Beoordeeld => {
            let rejected = view.count(LineStatus::Afgewezen) + view.count(LineStatus::NietBeoordeeld);
            let assessed = view.lines.len();
            return match rejected {
                0 => ("Goedgekeurd", Tone::Good),
                n if n == assessed => ("Afgewezen", Tone::Bad),
                _ => ("Deels afgewezen", Tone::Attention),
            };
        }
        Verwerking::WachtOpAntwoord { .. } => Tone::Waiting,
        Verwerking::NogUploaden => Tone::Attention,
        Verwerking::AntwoordTeLaat { .. } => Tone::Attention,
        Verwerking::TechnischAfgekeurd | Verwerking::HeaderAfgewezen { .. } | Verwerking::GeheelAfgewezen { .. } => Tone::Bad,
    };
    (view.verwerking.label(), tone)
}

/// The tone of one line's status.
pub fn status_tone(status: LineStatus) -> Tone {
    match status {
        LineStatus::Goedgekeurd | LineStatus::Gecrediteerd => Tone::Good,
        LineStatus::Afgewezen | LineStatus::NietVerwerkt => Tone::Bad,
        LineStatus::NietBeoordeeld => Tone::Attention,
        LineStatus::WachtOpAntwoord | LineStatus::CreditIngediend => Tone::Waiting,
    }
}
