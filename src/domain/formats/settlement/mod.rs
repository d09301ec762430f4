//! Verrekeningen: insurers' settlement overviews ("verrekenoverzicht", CSV), matched to
//! declarations by invoice number, and a ledger of what was received, owed and offset.

pub mod amount;
pub(crate) mod read;

use std::fmt;

use chrono::NaiveDate;

pub use read::read_overzicht;

/// A settlement CSV that cannot be read as one at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettlementError {
    Leeg,
    /// Larger than any overview an insurer sends (megabytes).
    TeGroot(usize),
    GeenCsv(String),
}

impl fmt::Display for SettlementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettlementError::Leeg => write!(f, "Het bestand is leeg"),
            SettlementError::TeGroot(mb) => write!(
                f,
                "Het bestand is {mb} MB; Kloppend leest verrekenoverzichten tot {} MB en heeft het niet gelezen",
                read::MAX_OVERZICHT >> 20
            ),
            SettlementError::GeenCsv(reason) => write!(f, "Dit is geen verrekenoverzicht: {reason}"),
        }
    }
}

impl std::error::Error for SettlementError {}

/// The columns the insurer documents (plus a sequence number some exports carry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kolom {
    Onderwerp,
    AgbNr,
    UwKenmerk,
    OnsKenmerk,
    Zorgverzekeraar,
    Vervaldatum,
    UOntvangt,
    UBetaalt,
    Toelichting,
    Volgnummer,
}

impl Kolom {
    pub const ALLE: [Kolom; 9] = [
        Kolom::Onderwerp,
        Kolom::AgbNr,
        Kolom::UwKenmerk,
        Kolom::OnsKenmerk,
        Kolom::Zorgverzekeraar,
        Kolom::Vervaldatum,
        Kolom::UOntvangt,
        Kolom::UBetaalt,
        Kolom::Toelichting,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Kolom::Onderwerp => "Onderwerp",
            Kolom::AgbNr => "AGBnr",
            Kolom::UwKenmerk => "Uw kenmerk",
            Kolom::OnsKenmerk => "Ons kenmerk",
            Kolom::Zorgverzekeraar => "Zorgverzekeraar",
            Kolom::Vervaldatum => "Vervaldatum",
            Kolom::UOntvangt => "U ontvangt",
            Kolom::UBetaalt => "U betaalt",
            Kolom::Toelichting => "Toelichting",
            Kolom::Volgnummer => "Volgnummer",
        }
    }

    /// Recognise a header name, whatever its case, accents or spacing.
    pub(crate) fn herken(header: &str) -> Option<Kolom> {
        Some(match normalize(header).as_str() {
            "onderwerp" => Kolom::Onderwerp,
            "agbnr" | "agb" | "agbcode" | "agbnummer" => Kolom::AgbNr,
            "uwkenmerk" => Kolom::UwKenmerk,
            "onskenmerk" => Kolom::OnsKenmerk,
            "zorgverzekeraar" | "verzekeraar" => Kolom::Zorgverzekeraar,
            "vervaldatum" => Kolom::Vervaldatum,
            "uontvangt" => Kolom::UOntvangt,
            "ubetaalt" => Kolom::UBetaalt,
            "toelichting" => Kolom::Toelichting,
            "volgnummer" | "overzichtnummer" => Kolom::Volgnummer,
            _ => return None,
        })
    }
}

/// Lower case, accents removed, only letters and digits.
pub(crate) fn normalize(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c {
                'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
                'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
                'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
                'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
                'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
                other => other,
            };
            c.is_alphanumeric().then(|| c.to_ascii_lowercase())
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Onderwerp {
    Declaratie,
    CreditDeclaratie,
    Correctie,
    Voorschot,
    /// A claim ("HV vordering", "Vordering ..."), with the insurer's description.
    Vordering(String),
    Betaalstop,
    Overig(String),
}

impl Onderwerp {
    pub(crate) fn herken(text: &str) -> Onderwerp {
        let n = normalize(text);
        match n.as_str() {
            "declaratie" | "debetdeclaratie" => Onderwerp::Declaratie,
            "creditdeclaratie" | "credit" => Onderwerp::CreditDeclaratie,
            "correctie" => Onderwerp::Correctie,
            "voorschot" => Onderwerp::Voorschot,
            "betaalstop" => Onderwerp::Betaalstop,
            _ if n.contains("vordering") => Onderwerp::Vordering(text.trim().to_string()),
            _ => Onderwerp::Overig(text.trim().to_string()),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Onderwerp::Declaratie => "Declaratie".into(),
            Onderwerp::CreditDeclaratie => "Credit declaratie".into(),
            Onderwerp::Correctie => "Correctie".into(),
            Onderwerp::Voorschot => "Voorschot".into(),
            Onderwerp::Vordering(text) | Onderwerp::Overig(text) => text.clone(),
            Onderwerp::Betaalstop => "Betaalstop".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Zorgverzekeraar {
    Zzk,
    Zip,
    Zfb,
    Zdf,
    Overig(String),
}

impl Zorgverzekeraar {
    pub(crate) fn herken(text: &str) -> Zorgverzekeraar {
        match normalize(text).as_str() {
            "zzk" | "zilverenkruis" => Zorgverzekeraar::Zzk,
            "zip" | "interpolis" => Zorgverzekeraar::Zip,
            "zfb" | "fbto" => Zorgverzekeraar::Zfb,
            "zdf" | "defriesland" => Zorgverzekeraar::Zdf,
            _ => Zorgverzekeraar::Overig(text.trim().to_string()),
        }
    }

    pub fn naam(&self) -> String {
        match self {
            Zorgverzekeraar::Zzk => "Zilveren Kruis (ZZK)".into(),
            Zorgverzekeraar::Zip => "Interpolis (ZIP)".into(),
            Zorgverzekeraar::Zfb => "FBTO (ZFB)".into(),
            Zorgverzekeraar::Zdf => "De Friesland (ZDF)".into(),
            Zorgverzekeraar::Overig(text) if text.is_empty() => "Onbekend".into(),
            Zorgverzekeraar::Overig(text) => text.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Toelichting {
    Geen,
    /// "Afrekening": settled.
    Afrekening,
    /// "Geen afrekening, nog een resterende vordering": a claim remains open.
    RestVordering,
    /// "Restant bedrag te klein voor verzoek tot betaling".
    TeKleinVoorBetaalverzoek,
    /// "Restant bedrag te klein om uit te betalen".
    TeKleinOmUitTeBetalen,
    Overig(String),
}

impl Toelichting {
    pub(crate) fn herken(text: &str) -> Toelichting {
        let n = normalize(text);
        if n.is_empty() {
            Toelichting::Geen
        } else if n.contains("resterendevordering") || n.starts_with("geenafrekening") {
            Toelichting::RestVordering
        } else if n.contains("teklein") && n.contains("verzoek") {
            Toelichting::TeKleinVoorBetaalverzoek
        } else if n.contains("teklein") && n.contains("uitbetalen") {
            Toelichting::TeKleinOmUitTeBetalen
        } else if n == "afrekening" {
            Toelichting::Afrekening
        } else {
            Toelichting::Overig(text.trim().to_string())
        }
    }

    /// Plain-Dutch meaning.
    pub fn uitleg(&self) -> Option<&'static str> {
        match self {
            Toelichting::Afrekening => Some("Afgerekend: dit bedrag is betaald of verrekend."),
            Toelichting::RestVordering => {
                Some("Nog niet afgerekend: er staat nog een vordering open die met volgende declaraties wordt verrekend.")
            }
            Toelichting::TeKleinVoorBetaalverzoek => Some(
                "Het restant is te klein om je om betaling te vragen; het blijft staan tot het met een declaratie kan worden verrekend.",
            ),
            Toelichting::TeKleinOmUitTeBetalen => {
                Some("Het restant is te klein om uit te betalen; het wordt met een volgende betaling meegenomen.")
            }
            Toelichting::Geen | Toelichting::Overig(_) => None,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Toelichting::Geen => String::new(),
            Toelichting::Afrekening => "Afrekening".into(),
            Toelichting::RestVordering => "Geen afrekening, nog een resterende vordering".into(),
            Toelichting::TeKleinVoorBetaalverzoek => "Restant bedrag te klein voor verzoek tot betaling".into(),
            Toelichting::TeKleinOmUitTeBetalen => "Restant bedrag te klein om uit te betalen".into(),
            Toelichting::Overig(text) => text.clone(),
        }
    }
}

/// Claim reason codes seen in insurers' overviews, with their meaning.
pub(crate) const REDENCODES: &[(&str, &str)] = &[
    ("DS93", "Creditnota die niet met een declaratie kon worden verrekend (VZVL-DS93/CM93)."),
    ("CM93", "Creditnota die niet met een declaratie kon worden verrekend (VZVL-DS93/CM93)."),
    ("DS98", "Terugvordering na een controle (VZVL-DS98/CM98)."),
    ("CM98", "Terugvordering na een controle (VZVL-DS98/CM98)."),
    ("CM96", "Het GGZ-plafond is overschreden (CM96)."),
    ("CM89", "Een plafond, het aantal uren of de verblijfsduur is overschreden (CM89)."),
];

/// The reason codes mentioned in a row's texts.
pub fn redencodes(texts: &[&str]) -> Vec<(&'static str, &'static str)> {
    let upper: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
    REDENCODES.iter().copied().filter(|(code, _)| upper.iter().any(|t| t.contains(code))).collect()
}

/// One row of an overview, with what could not be read in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rij {
    /// 1-based line number in the file.
    pub regel: usize,
    pub onderwerp: Onderwerp,
    pub agb: String,
    pub uw_kenmerk: String,
    pub ons_kenmerk: String,
    pub zorgverzekeraar: Zorgverzekeraar,
    pub vervaldatum: Option<NaiveDate>,
    /// Eurocents paid to the provider.
    pub u_ontvangt: Option<i64>,
    /// Eurocents the provider owes (credit, claim, correction).
    pub u_betaalt: Option<i64>,
    pub toelichting: Toelichting,
    pub volgnummer: Option<u32>,
    /// Columns the reader does not know, kept as (header, value).
    pub extra: Vec<(String, String)>,
    pub ruw: String,
    /// Why (part of) the row could not be read. Empty: the row is fine.
    pub fouten: Vec<String>,
}

impl Rij {
    pub fn onleesbaar(regel: usize, reden: String) -> Rij {
        Rij {
            regel,
            onderwerp: Onderwerp::Overig(String::new()),
            agb: String::new(),
            uw_kenmerk: String::new(),
            ons_kenmerk: String::new(),
            zorgverzekeraar: Zorgverzekeraar::Overig(String::new()),
            vervaldatum: None,
            u_ontvangt: None,
            u_betaalt: None,
            toelichting: Toelichting::Geen,
            volgnummer: None,
            extra: Vec::new(),
            ruw: String::new(),
            fouten: vec![reden],
        }
    }

    pub fn is_leesbaar(&self) -> bool {
        self.fouten.is_empty()
    }

    pub fn redencodes(&self) -> Vec<(&'static str, &'static str)> {
        redencodes(&[&self.onderwerp.label(), &self.ons_kenmerk, &self.toelichting.label()])
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overzicht {
    pub volgnummer: Option<u32>,
    pub datum: Option<NaiveDate>,
    pub vorige: Option<String>,
    pub encoding: &'static str,
    pub delimiter: char,
    pub rijen: Vec<Rij>,
    pub ontbrekende_kolommen: Vec<Kolom>,
}

impl Overzicht {
    /// When the overview was made: its own date, else its earliest due date.
    pub(crate) fn peildatum(&self) -> Option<NaiveDate> {
        self.datum.or_else(|| self.rijen.iter().filter_map(|r| r.vervaldatum).min())
    }

    /// A fingerprint of the content, to recognise the same overview exported twice.
    pub fn fingerprint(&self) -> String {
        let mut text = format!("{:?}", self.volgnummer);
        for r in &self.rijen {
            text.push_str(&format!(
                "|{:?}{}{}{}{:?}{:?}{:?}{:?}",
                r.onderwerp, r.agb, r.uw_kenmerk, r.ons_kenmerk, r.zorgverzekeraar, r.vervaldatum, r.u_ontvangt, r.u_betaalt
            ));
        }
        crate::base::digest::content_id(text.as_bytes())
    }
}
