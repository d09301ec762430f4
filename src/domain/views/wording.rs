//! Plain Dutch for what the screens say about numbers and outcomes: singular and plural,
//! file sizes, a declaration's outcome in words, volumes in their unit and gemeente names.
//! Here rather than in the screens so the wording is one decision, tested natively.

use crate::analysis::reconcile::{DeclaratieView, LineStatus, Verwerking};
use crate::base::money::Saldo;
use crate::base::text::thousands;
pub use crate::base::text::{count, maand, size};
use crate::formats::message::Eenheid;
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

/// A delivered volume in its unit: "3 uur", "45 minuten", and for unit 83 (euro's), where
/// the volume is in cents, the amount: "€ 833,72".
pub fn volume(volume: u64, eenheid: Eenheid) -> String {
    let n = usize::try_from(volume).unwrap_or(usize::MAX);
    let (one, many) = match eenheid {
        Eenheid::Minuut => ("minuut", "minuten"),
        Eenheid::Uur => ("uur", "uur"),
        Eenheid::Etmaal => ("etmaal", "etmalen"),
        Eenheid::Dagdeel => ("dagdeel", "dagdelen"),
        Eenheid::StuksOutput => ("stuk (output)", "stuks (output)"),
        Eenheid::StuksInspanning => ("stuk (inspanning)", "stuks (inspanning)"),
        Eenheid::Euros => return Saldo(i64::try_from(volume).unwrap_or(i64::MAX)).to_string(),
        Eenheid::Onbekend(_) => return format!("{} × {}", thousands(n), eenheid.omschrijving()),
    };
    count(n, one, many)
}
