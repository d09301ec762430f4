//! Hash-based navigation (`#/overzicht`), so the app works from any sub-path of a static host.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Importeren,
    Overzicht,
    /// The declaration view of a 323, by its file id.
    Declaratie(String),
    Crediteren,
    Verrekeningen,
    Instellingen,
}

impl Route {
    pub const MENU: [Route; 5] = [Route::Importeren, Route::Overzicht, Route::Crediteren, Route::Verrekeningen, Route::Instellingen];

    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        match parts.next().unwrap_or("") {
            "overzicht" => Route::Overzicht,
            "declaratie" => match parts.next() {
                Some(id) if !id.is_empty() => Route::Declaratie(id.to_string()),
                _ => Route::Overzicht,
            },
            "crediteren" => Route::Crediteren,
            "verrekeningen" => Route::Verrekeningen,
            "instellingen" => Route::Instellingen,
            _ => Route::Importeren,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Declaratie(id) => format!("#/declaratie/{id}"),
            other => format!("#/{}", other.slug()),
        }
    }

    pub fn slug(&self) -> &'static str {
        match self {
            Route::Importeren => "importeren",
            Route::Overzicht | Route::Declaratie(_) => "overzicht",
            Route::Crediteren => "crediteren",
            Route::Verrekeningen => "verrekeningen",
            Route::Instellingen => "instellingen",
        }
    }

    /// The screen's name in the page title.
    pub fn title(&self) -> &'static str {
        match self {
            Route::Declaratie(_) => "Declaratie",
            other => other.label(),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Route::Importeren => "Importeren",
            Route::Overzicht | Route::Declaratie(_) => "Overzicht",
            Route::Crediteren => "Crediteren",
            Route::Verrekeningen => "Verrekeningen",
            Route::Instellingen => "Instellingen",
        }
    }
}

pub use crate::browser::files::current_hash;
