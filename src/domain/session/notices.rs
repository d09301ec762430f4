//! Every notice a user reads after an action, in one place: what happened, in plain Dutch,
//! and what to do next where there is something to do. The session turns an outcome into one
//! of these, the screens the rest (downloads, a form not filled in); a tidy test keeps notice
//! texts out of other modules.

use std::fmt::Display;

use crate::analysis::credit::Soort;
use crate::archive::journal::TodoMark;
use crate::base::text::{count, datum, size};

use super::plan::{Imported, Notice, NoticeKind, RestoreMode};

/// How a made file reaches the gemeente, said after every download of one.
pub const UPLOAD_HOW: &str = "Upload het bestand zelf in het VECOZO-portaal (bij het insturen van declaratiebestanden; een ZIP van Kloppend mag in één keer) en klik daarna bij Te doen op 'Geüpload in VECOZO':";

fn unreadable_text(names: &[String]) -> String {
    format!("De browser gaf deze bestanden niet terug uit het archief: {}. Zet ze terug uit een back-up.", names.join(", "))
}

// ---- what the session did --------------------------------------------------------------

/// Stored files the browser would not give back at start-up.
pub fn unreadable(names: &[String]) -> Notice {
    Notice::new(NoticeKind::Bad, unreadable_text(names))
}

pub fn imported(imported: &Imported) -> Notice {
    let mut parts = Vec::new();
    if imported.added > 0 {
        parts.push(format!("{} toegevoegd aan het archief", count(imported.added, "bestand", "bestanden")));
    }
    if imported.duplicates > 0 {
        parts.push(format!("{} er al in (niets veranderd)", count(imported.duplicates, "stond", "stonden")));
    }
    if imported.refused > 0 {
        parts.push(format!("{} geweigerd", imported.refused));
    }
    for name in &imported.backups {
        parts.push(format!("{name} is een back-up van Kloppend: zet die terug via Instellingen › Back-up terugzetten"));
    }
    if parts.is_empty() {
        parts.push("Geen bestanden gevonden".into());
    }
    let kind = if imported.refused > 0 || !imported.backups.is_empty() { NoticeKind::Warn } else { NoticeKind::Ok };
    Notice::new(kind, format!("{}.", parts.join(", ")))
}

pub fn cancelled() -> Notice {
    Notice::new(NoticeKind::Info, "Importeren afgebroken: er is niets bewaard of veranderd.")
}

pub fn deleted(files: usize) -> Notice {
    Notice::new(
        NoticeKind::Ok,
        format!("{} verwijderd. Je kunt dit ongedaan maken, ook na opnieuw laden.", count(files, "bestand", "bestanden")),
    )
}

pub fn undone(description: &str) -> Notice {
    Notice::new(NoticeKind::Ok, format!("Ongedaan gemaakt: {description}."))
}

pub fn nothing_to_undo() -> Notice {
    Notice::new(NoticeKind::Info, "Er is niets om ongedaan te maken.")
}

pub fn demo_loaded() -> Notice {
    Notice::new(
        NoticeKind::Info,
        "De demo is geladen: fictieve berichten van 'Zorg Demo' (AGB 12345678). Je kunt ze met één klik weer verwijderen.",
    )
}

pub fn demo_removed() -> Notice {
    Notice::new(NoticeKind::Ok, "De demo is verwijderd.")
}

pub fn restored(mode: RestoreMode, added: usize, total: usize, unreadable: &[String]) -> Notice {
    let mut text = match mode {
        RestoreMode::Vervangen => format!("Het archief is vervangen door de back-up ({total} bestanden)."),
        RestoreMode::Samenvoegen => format!(
            "De back-up is samengevoegd: {} toegevoegd, {} er al in.",
            count(added, "bestand", "bestanden"),
            count(total - added, "stond", "stonden")
        ),
    };
    if !unreadable.is_empty() {
        text = format!("{text} {}", unreadable_text(unreadable));
    }
    Notice::new(if unreadable.is_empty() { NoticeKind::Ok } else { NoticeKind::Warn }, text)
}

pub fn wiped() -> Notice {
    Notice::new(NoticeKind::Ok, "Alles is gewist: het archief en de instellingen op dit apparaat zijn leeg.")
}

pub fn marked(title: &str, mark: TodoMark) -> Notice {
    let text = match mark {
        TodoMark::Done => format!("Afgehandeld: {title}."),
        TodoMark::PutOff { until } => format!("Uitgesteld tot {}: {title}.", datum(until)),
        TodoMark::Reopened => format!("Weer op de lijst: {title}."),
        TodoMark::Wrong => format!("Als onjuist gemarkeerd: {title}. Het staat op Te doen om te crediteren."),
    };
    Notice::new(NoticeKind::Ok, format!("{text} Je kunt dit ongedaan maken."))
}

pub fn uploaded(name: &str) -> Notice {
    Notice::new(
        NoticeKind::Ok,
        format!("{name} staat als geüpload in VECOZO. De gemeente antwoordt binnen 10 werkdagen; Te doen houdt dat voor je bij."),
    )
}

// ---- what a screen did -----------------------------------------------------------------

pub fn still_loading() -> Notice {
    Notice::new(NoticeKind::Info, "Het archief wordt nog geladen; je bestanden worden daarna toegevoegd.")
}

pub fn wrong_password() -> Notice {
    Notice::new(NoticeKind::Bad, "Het wachtwoord klopt niet: er is niets uit de ZIP geïmporteerd. Probeer het opnieuw.")
}

/// Files the browser could not hand over, named before what the import itself said.
pub fn not_read(unread: &[String], then: Option<&str>) -> Notice {
    match then {
        None => Notice::new(NoticeKind::Bad, unread.join(" ")),
        Some(outcome) => Notice::new(NoticeKind::Warn, format!("{} {outcome}", unread.join(" "))),
    }
}

/// A picked file that could not be used: its name and why.
pub fn in_file(name: &str, why: impl Display) -> Notice {
    Notice::new(NoticeKind::Bad, format!("{name}: {why}"))
}

/// An export downloaded: its file name and what it holds ("12 regels").
/// A large Excel export has started (it takes a few seconds).
pub fn exporting(counted: &str) -> Notice {
    Notice::new(NoticeKind::Info, format!("Het Excel-bestand met {counted} wordt gemaakt; dat duurt een paar seconden."))
}

pub fn exported(name: &str, counted: &str) -> Notice {
    Notice::new(NoticeKind::Ok, format!("{name} gedownload: {counted}."))
}

/// Something failed with an error of its own: its Dutch text is the notice.
pub fn failed(error: impl Display) -> Notice {
    Notice::new(NoticeKind::Bad, error.to_string())
}

pub fn download_failed(why: impl Display) -> Notice {
    Notice::new(NoticeKind::Bad, format!("Downloaden mislukt: {why}"))
}

pub fn backup_made(name: &str, bytes: usize) -> Notice {
    Notice::new(NoticeKind::Ok, format!("Back-up {name} gedownload ({}). Bewaar hem op een veilige plek.", size(bytes)))
}

pub fn passphrase_too_short() -> Notice {
    Notice::new(NoticeKind::Warn, "Kies een wachtwoord van minstens 8 tekens (of maak een back-up zonder wachtwoord).")
}

pub fn choose_backup_first() -> Notice {
    Notice::new(NoticeKind::Warn, "Kies eerst een back-upbestand.")
}

pub fn product_code_first() -> Notice {
    Notice::new(NoticeKind::Warn, "Vul eerst de productcode in.")
}

/// The credit wizard's messages downloaded and archived, worded per kind: only a credit puts
/// lines on "credit ingediend".
pub fn made(soort: Soort, messages: usize) -> Notice {
    let after = match soort {
        Soort::Credit => "de gecrediteerde regels staan op 'credit ingediend' tot het antwoord er is",
        Soort::Correctie => "de oude regels staan op 'credit ingediend' en de gecorrigeerde regels wachten op het antwoord",
        Soort::Herdeclaratie => "de opnieuw gedeclareerde regels wachten op het antwoord van de gemeente",
    };
    let made = count(messages, "bericht", "berichten");
    Notice::new(NoticeKind::Ok, format!("{made} gedownload en in het archief gezet. {UPLOAD_HOW} {after}."))
}

/// The monthly declaration downloaded and archived.
pub fn declared(name: &str, lines: usize) -> Notice {
    Notice::new(
        NoticeKind::Ok,
        format!(
            "{name} gedownload en in het archief gezet ({}). {UPLOAD_HOW} de regels wachten dan op het antwoord van de gemeente.",
            count(lines, "regel", "regels")
        ),
    )
}

/// A timesheet read into Declareren: how many toewijzingen it filled, from how many rows,
/// and how many rows it could not use.
pub fn timesheet_read(name: &str, filled: usize, used: usize, skipped: usize) -> Notice {
    let skipped_text =
        if skipped == 0 { String::new() } else { format!("; {} niet gebruikt (zie de lijst)", count(skipped, "regel", "regels")) };
    Notice::new(
        if skipped == 0 { NoticeKind::Ok } else { NoticeKind::Warn },
        format!("{name}: {} ingevuld uit {}{skipped_text}.", count(filled, "toewijzing", "toewijzingen"), count(used, "regel", "regels")),
    )
}
