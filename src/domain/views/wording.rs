//! Plain Dutch for what the screens say about numbers and outcomes: singular and plural,
//! file sizes, a declaration's outcome in words, volumes in their unit and gemeente names.
//! Here rather than in the screens so the wording is one decision, tested natively.

use crate::analysis::reconcile::{DeclaratieView, LineStatus, Verwerking};
pub use crate::base::text::{count, maand, size};
pub use crate::formats::message::codes::volume_in_words as volume;
pub use crate::reference::gemeenten::label as gemeente;

/// How a status reads at a glance; the screens turn it into a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
        Verwerking::TechnischAfgekeurd
        | Verwerking::WordtAfgewezen { .. }
        | Verwerking::HeaderAfgewezen { .. }
        | Verwerking::GeheelAfgewezen { .. } => Tone::Bad,
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

/// A finding's consequence and advice for the message it is in. A 323 is the provider's to
/// fix before upload; a 325 is the gemeente's answer, which the provider cannot fix or upload,
/// so a fault in it is said as such (issue 27: no upload advice on answers).
pub fn finding_consequence(rule: crate::diagnostics::rules::Rule, soort: crate::formats::message::Soort) -> String {
    match soort {
        crate::formats::message::Soort::Antwoord => "Fout in het antwoord van de gemeente zelf".into(),
        crate::formats::message::Soort::Declaratie => rule.gevolg().label(),
    }
}

pub fn finding_advice(rule: crate::diagnostics::rules::Rule, soort: crate::formats::message::Soort) -> &'static str {
    match soort {
        crate::formats::message::Soort::Antwoord => {
            "Je hoeft hier niets te herstellen of te uploaden: Kloppend toont het antwoord zoals het is. Twijfel je wat er is goedgekeurd, vraag de gemeente dan om een juist antwoord."
        }
        crate::formats::message::Soort::Declaratie => rule.advies(),
    }
}

/// "01-05-2025 t/m 31-05-2025": a period as every screen writes it.
pub fn periode(periode: &crate::formats::message::Periode) -> String {
    format!("{} t/m {}", crate::base::text::datum(periode.begindatum), crate::base::text::datum(periode.einddatum))
}

/// "mei 2025": the month a declaration period starts in.
pub(crate) fn periode_maand(periode: &crate::formats::message::Periode) -> String {
    use chrono::Datelike;
    maand(periode.begindatum.year(), periode.begindatum.month())
}

/// Said beside the number fields of a message Kloppend makes: where the proposal comes from,
/// and why Kloppend's messages are best given a series of their own.
pub fn number_advice(eigen_reeks: bool) -> &'static str {
    if eigen_reeks {
        "Dit nummer volgt de reeks van je eerdere berichten uit Kloppend voor deze gemeente; elk nummer dat Kloppend kent, ook uit antwoorden, is overgeslagen."
    } else {
        "Het volgende vrije nummer; elk nummer dat Kloppend kent, ook uit antwoorden, is overgeslagen. Maakt je declaratiesoftware ook declaraties voor deze gemeente, dan kan die hetzelfde nummer kiezen en wijst de gemeente de tweede af (9333, 9056). Geef je berichten uit Kloppend daarom een eigen reeks (bijvoorbeeld K0001): Kloppend telt die per gemeente door."
    }
}
