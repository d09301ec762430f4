//! Plain Dutch for what the screens say about numbers and outcomes: singular and plural,
//! file sizes, a declaration's outcome in words, volumes in their unit and gemeente names.
//! Here rather than in the screens so the wording is one decision, tested natively.

use crate::gemeenten;
use crate::message::Eenheid;
use crate::money::Saldo;
use crate::reconcile::{DeclaratieView, LineStatus, Verwerking};
use crate::view::paging::thousands;

/// "1 bestand", "2 bestanden", "12.000 regels": a count with the right noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A size as people read it: "800 bytes", "12 kB", "3,4 MB" (decimal units, Dutch comma).
pub fn size(bytes: usize) -> String {
    const KB: usize = 1_000;
    const MB: usize = 1_000_000;
    const GB: usize = 1_000_000_000;
    // One decimal, rounded half up, in whole arithmetic.
    let tenths = |unit: usize| (bytes as u128 * 10 + unit as u128 / 2) / unit as u128;
    if bytes < KB {
        count(bytes, "byte", "bytes")
    } else if bytes < MB {
        format!("{} kB", thousands(bytes.div_ceil(KB)))
    } else if bytes < GB {
        let t = tenths(MB);
        format!("{},{} MB", t / 10, t % 10)
    } else {
        let t = tenths(GB);
        format!("{},{} GB", t / 10, t % 10)
    }
}

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

/// A gemeente by name with its code: "Utrecht (0344)"; the code alone when it is not on the list.
pub fn gemeente(code: &str) -> String {
    match gemeenten::naam(code) {
        Some(naam) => format!("{naam} ({code})"),
        None => code.to_string(),
    }
}

/// "mei 2025": a calendar month as the screens name it (`month` 1 to 12).
pub fn maand(year: i32, month: u32) -> String {
    const MAANDEN: [&str; 12] =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    let name = MAANDEN.get(month.saturating_sub(1) as usize).copied().unwrap_or("?");
    format!("{name} {year}")
}
