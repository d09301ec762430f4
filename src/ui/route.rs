//! Hash-based navigation (`#/overzicht`), so the app works from any sub-path of a static host.

use chrono::NaiveDate;

use crate::domain::message::Domein;

/// A gemeente and month to open Declareren at: `#/declareren/wmo-0363/2025-05`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclareChoice {
    pub domein: Domein,
    pub gemeente: String,
    /// The first of the month.
    pub maand: NaiveDate,
}

impl DeclareChoice {
    fn parse(groep: &str, maand: Option<&str>) -> Option<DeclareChoice> {
        let (domein, gemeente) = groep.split_once('-')?;
        let domein = [Domein::Wmo, Domein::Jeugdwet].into_iter().find(|d| d.prefix() == domein)?;
        let maand = NaiveDate::parse_from_str(&format!("{}-01", maand?), "%Y-%m-%d").ok()?;
        (gemeente.len() == 4 && gemeente.bytes().all(|b| b.is_ascii_digit())).then(|| DeclareChoice {
            domein,
            gemeente: gemeente.into(),
            maand,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Importeren,
    TeDoen,
    Overzicht,
    /// The declaration view of a 323, by its file id, at a line (client, prestatie) when named.
    Declaratie(String, Option<(usize, usize)>),
    /// The Toewijzingen screen, at one toewijzing (by number) when named.
    Toewijzingen(Option<u64>),
    /// Declareren, with gemeente (domain, code) and month of care chosen when named.
    Declareren(Option<DeclareChoice>),
    Crediteren,
    Verrekeningen,
    Inzicht,
    Instellingen,
    /// A hash that names no screen (a mistyped or old link): the Overzicht, with a line saying so.
    Onbekend(String),
}

impl Route {
    pub const MENU: [Route; 9] = [
        Route::Importeren,
        Route::TeDoen,
        Route::Overzicht,
        Route::Toewijzingen(None),
        Route::Declareren(None),
        Route::Crediteren,
        Route::Verrekeningen,
        Route::Inzicht,
        Route::Instellingen,
    ];

    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        match parts.next().unwrap_or("") {
            "overzicht" => Route::Overzicht,
            "te-doen" => Route::TeDoen,
            "declaratie" => match parts.next() {
                Some(id) if !id.is_empty() => Route::Declaratie(id.to_string(), parts.next().and_then(parse_line)),
                _ => Route::Overzicht,
            },
            "toewijzingen" => Route::Toewijzingen(parts.next().and_then(|n| n.parse().ok())),
            "declareren" => Route::Declareren(parts.next().and_then(|g| DeclareChoice::parse(g, parts.next()))),
            "crediteren" => Route::Crediteren,
            "verrekeningen" => Route::Verrekeningen,
            "inzicht" => Route::Inzicht,
            "instellingen" => Route::Instellingen,
            "" | "importeren" | "inhoud" => Route::Importeren,
            other => Route::Onbekend(other.to_string()),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Declaratie(id, None) => format!("#/declaratie/{id}"),
            Route::Declaratie(id, Some((client, prestatie))) => format!("#/declaratie/{id}/{client}-{prestatie}"),
            Route::Toewijzingen(Some(nummer)) => format!("#/toewijzingen/{nummer}"),
            Route::Declareren(Some(c)) => format!("#/declareren/{}-{}/{}", c.domein.prefix(), c.gemeente, c.maand.format("%Y-%m")),
            other => format!("#/{}", other.slug()),
        }
    }

    pub fn slug(&self) -> &'static str {
        match self {
            Route::Importeren => "importeren",
            Route::TeDoen => "te-doen",
            Route::Overzicht | Route::Declaratie(..) | Route::Onbekend(_) => "overzicht",
            Route::Toewijzingen(_) => "toewijzingen",
            Route::Declareren(_) => "declareren",
            Route::Crediteren => "crediteren",
            Route::Verrekeningen => "verrekeningen",
            Route::Inzicht => "inzicht",
            Route::Instellingen => "instellingen",
        }
    }

    /// The screen's name in the page title.
    pub fn title(&self) -> &'static str {
        match self {
            Route::Declaratie(..) => "Declaratie",
            other => other.label(),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Route::Importeren => "Importeren",
            Route::TeDoen => "Te doen",
            Route::Overzicht | Route::Declaratie(..) | Route::Onbekend(_) => "Overzicht",
            Route::Toewijzingen(_) => "Toewijzingen",
            Route::Declareren(_) => "Declareren",
            Route::Crediteren => "Crediteren",
            Route::Verrekeningen => "Verrekeningen",
            Route::Inzicht => "Inzicht",
            Route::Instellingen => "Instellingen",
        }
    }
}

/// "3-12": a line by client and prestatie index.
fn parse_line(text: &str) -> Option<(usize, usize)> {
    let (client, prestatie) = text.split_once('-')?;
    Some((client.parse().ok()?, prestatie.parse().ok()?))
}

pub use crate::browser::files::current_hash;
