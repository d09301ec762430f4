//! Code types of the 323/325 messages. Known values become variants; unknown values are
//! kept exactly as read (the validator reports them), so nothing in a file is dropped.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::reference::retourcodes::{self, Betekenis, RetourCodeInfo};

/// The legal domain of a message: Wmo (iWmo) or Jeugdwet (iJw).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Domein {
    Wmo,
    Jeugdwet,
}

impl Domein {
    /// Namespace segment of the standard: `iwmo` / `ijw`.
    pub fn standaard(self) -> &'static str {
        match self {
            Domein::Wmo => "iwmo",
            Domein::Jeugdwet => "ijw",
        }
    }

    /// Message-name prefix: `wmo` / `jw`.
    pub fn prefix(self) -> &'static str {
        match self {
            Domein::Wmo => "wmo",
            Domein::Jeugdwet => "jw",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Domein::Wmo => "Wmo",
            Domein::Jeugdwet => "Jeugdwet",
        }
    }
}

/// 323 (declaratie) or 325 (declaratie-antwoord).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Soort {
    Declaratie,
    Antwoord,
}

impl Soort {
    /// The element under `Bericht` that holds the lines: `Declaratie` or `DeclaratieAntwoord`.
    pub fn body_element(self) -> &'static str {
        match self {
            Soort::Declaratie => "Declaratie",
            Soort::Antwoord => "DeclaratieAntwoord",
        }
    }
}

/// One of the four message types Kloppend reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BerichtType {
    pub domein: Domein,
    pub soort: Soort,
}

impl BerichtType {
    pub const WMO323: BerichtType = BerichtType { domein: Domein::Wmo, soort: Soort::Declaratie };
    pub const WMO325: BerichtType = BerichtType { domein: Domein::Wmo, soort: Soort::Antwoord };
    pub const JW323: BerichtType = BerichtType { domein: Domein::Jeugdwet, soort: Soort::Declaratie };
    pub const JW325: BerichtType = BerichtType { domein: Domein::Jeugdwet, soort: Soort::Antwoord };

    /// The three-digit message number in the name: 323 or 325.
    pub fn nummer(self) -> u16 {
        match self.soort {
            Soort::Declaratie => 323,
            Soort::Antwoord => 325,
        }
    }

    /// Header/BerichtCode (Vektis COD002).
    pub fn bericht_code(self) -> u16 {
        match (self.domein, self.soort) {
            (Domein::Wmo, Soort::Declaratie) => 484,
            (Domein::Wmo, Soort::Antwoord) => 485,
            (Domein::Jeugdwet, Soort::Declaratie) => 490,
            (Domein::Jeugdwet, Soort::Antwoord) => 491,
        }
    }

    /// `WMO323`, `JW325`, ...
    pub fn naam(self) -> String {
        format!("{}{}", self.domein.prefix().to_uppercase(), self.nummer())
    }

    /// Lower-case schema name used in the namespace and as the writer's prefix: `wmo323`.
    pub(crate) fn schema_naam(self) -> String {
        format!("{}{}", self.domein.prefix(), self.nummer())
    }

    pub fn omschrijving(self) -> &'static str {
        match self.soort {
            Soort::Declaratie => "Declaratie",
            Soort::Antwoord => "Declaratie-antwoord",
        }
    }

    pub(crate) fn namespace(self, release: Release) -> String {
        format!("http://www.istandaarden.nl/{}/{}/{}/schema", self.domein.standaard(), release.segment(), self.schema_naam())
    }

    pub(crate) fn basisschema_namespace(self, release: Release) -> String {
        format!("http://www.istandaarden.nl/{}/{}/basisschema/schema", self.domein.standaard(), release.segment())
    }
}

impl fmt::Display for BerichtType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.naam())
    }
}

/// Release of the standard, from the namespace segment `3_2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Release {
    pub major: u8,
    pub minor: u8,
}

impl Release {
    pub const R3_2: Release = Release { major: 3, minor: 2 };

    pub fn segment(self) -> String {
        format!("{}_{}", self.major, self.minor)
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// `LDT_Eenheid`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Eenheid {
    Minuut,
    Uur,
    Etmaal,
    Dagdeel,
    StuksOutput,
    Euros,
    StuksInspanning,
    Onbekend(CompactString),
}

impl Eenheid {
    pub const ALLE: [Eenheid; 7] =
        [Eenheid::Minuut, Eenheid::Uur, Eenheid::Etmaal, Eenheid::Dagdeel, Eenheid::StuksOutput, Eenheid::Euros, Eenheid::StuksInspanning];

    pub fn parse(code: &str) -> Self {
        match code {
            "01" => Eenheid::Minuut,
            "04" => Eenheid::Uur,
            "14" => Eenheid::Etmaal,
            "16" => Eenheid::Dagdeel,
            "82" => Eenheid::StuksOutput,
            "83" => Eenheid::Euros,
            "84" => Eenheid::StuksInspanning,
            other => Eenheid::Onbekend(other.into()),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            Eenheid::Minuut => "01",
            Eenheid::Uur => "04",
            Eenheid::Etmaal => "14",
            Eenheid::Dagdeel => "16",
            Eenheid::StuksOutput => "82",
            Eenheid::Euros => "83",
            Eenheid::StuksInspanning => "84",
            Eenheid::Onbekend(code) => code,
        }
    }

    pub fn omschrijving(&self) -> &'static str {
        match self {
            Eenheid::Minuut => "minuut",
            Eenheid::Uur => "uur",
            Eenheid::Etmaal => "etmaal",
            Eenheid::Dagdeel => "dagdeel (4 uur)",
            Eenheid::StuksOutput => "stuks (output)",
            Eenheid::Euros => "euro's",
            Eenheid::StuksInspanning => "stuks (inspanning)",
            Eenheid::Onbekend(_) => "onbekende eenheid",
        }
    }
}

/// `LDT_ProductCategorie`: a two-character code whose valid values depend on the domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProductCategorie(pub CompactString);

const WMO_CATEGORIEEN: &[(&str, &str)] = &[
    ("01", "Hulp bij het huishouden"),
    ("02", "Begeleiding"),
    ("03", "Persoonlijke verzorging"),
    ("04", "Kortdurend verblijf"),
    ("05", "Woondiensten"),
    ("06", "Overige ondersteuning gericht op het individu of huishouden/gezin"),
    ("07", "Dagbesteding"),
    ("08", "Vervoerdiensten"),
    ("09", "Overige groepsgerichte ondersteuning"),
    ("10", "Overige maatwerk arrangementen"),
    ("11", "Rolstoelen"),
    ("12", "Vervoervoorzieningen"),
    ("13", "Woonvoorzieningen"),
    ("14", "Overige hulpmiddelen"),
    ("15", "Beschermd wonen"),
    ("16", "Opvang"),
    ("17", "Spoedopvang"),
    ("18", "Overige beschermd wonen en opvang"),
];

const JW_CATEGORIEEN: &[(&str, &str)] = &[
    ("31", "(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam"),
    ("32", "(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder"),
    ("33", "(2015) Zonder verblijf: daghulp op locatie van de aanbieder"),
    ("34", "(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige"),
    ("35", "(2015) Met verblijf: pleegzorg"),
    ("36", "(2015) Met verblijf: gezinsgericht"),
    ("37", "(2015) Met verblijf: gesloten plaatsing"),
    ("38", "(2015) Met verblijf: overig residentieel"),
    ("40", "Persoonlijke verzorging"),
    ("41", "Dagbehandeling"),
    ("42", "Vervoerdiensten"),
    ("43", "Jeugdhulp verblijf (incl. behandeling)"),
    ("44", "Jeugdhulp verblijf (excl. behandeling)"),
    ("45", "Jeugdhulp ambulant"),
    ("46", "Jeugdhulp crisis"),
    ("47", "Jeugdreclassering"),
    ("48", "Jeugdbescherming"),
    ("49", "Activiteiten in het preventief justitieel kader"),
    ("50", "Maatwerkarrangementen jeugd"),
    ("51", "Generalistische basis-ggz"),
    ("52", "Specialistische ggz"),
    ("53", "Kindergeneeskunde"),
    ("54", "Jeugd-ggz"),
    ("55", "Landelijk ingekochte zorg"),
];

impl ProductCategorie {
    pub fn new(code: &str) -> Self {
        ProductCategorie(code.into())
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    pub fn codelijst(domein: Domein) -> &'static [(&'static str, &'static str)] {
        match domein {
            Domein::Wmo => WMO_CATEGORIEEN,
            Domein::Jeugdwet => JW_CATEGORIEEN,
        }
    }

    /// The code-list description, or `None` when the code is not valid in this domain.
    pub fn omschrijving(&self, domein: Domein) -> Option<&'static str> {
        Self::codelijst(domein).iter().find(|(code, _)| *code == self.0).map(|(_, name)| *name)
    }
}

/// `LDT_RetourCode` (code list WJ001). Kept as its four characters; [`RetourCode::info`]
/// gives the explanation when the code is in the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RetourCode(pub CompactString);

impl RetourCode {
    pub(crate) const TECHNISCH_AFGEKEURD: &'static str = "0001";
    pub(crate) const GEEN_OPMERKING: &'static str = "0200";
    pub(crate) const NIET_BEOORDEELD: &'static str = "0233";
    pub(crate) const VOLLEDIG_TOEGEKEND: &'static str = "8001";

    pub fn new(code: &str) -> Self {
        RetourCode(code.into())
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    pub fn info(&self) -> Option<&'static RetourCodeInfo> {
        retourcodes::lookup(&self.0)
    }

    /// How the code is to be read. An unknown code counts as a rejection: it is certainly
    /// not an approval, and the user sees the raw code next to it.
    pub fn betekenis(&self) -> Betekenis {
        self.info().map(|i| i.betekenis).unwrap_or(Betekenis::Afgewezen)
    }

    /// The code rejects what it is on (an unknown one too, see `betekenis`).
    pub fn rejects(&self) -> bool {
        self.betekenis() == Betekenis::Afgewezen
    }

    pub fn is(&self, code: &str) -> bool {
        self.0 == code
    }
}

impl fmt::Display for RetourCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Other iWmo/iJw messages by their number, so a wrong file can be named in the refusal.
pub(crate) fn andere_berichtnaam(nummer: u16) -> Option<&'static str> {
    Some(match nummer {
        301 => "Toewijzing",
        302 => "Toewijzing-retour",
        303 => "Declaratie/factuur (tot en met 2020)",
        304 => "Declaratie/factuur-retour (tot en met 2020)",
        305 => "Start zorg",
        306 => "Start zorg-retour",
        307 => "Stop zorg",
        308 => "Stop zorg-retour",
        315 => "Verzoek om toewijzing",
        316 => "Verzoek om toewijzing-retour",
        317 => "Verzoek om wijziging",
        318 => "Verzoek om wijziging-retour",
        319 => "Antwoord op verzoek",
        320 => "Antwoord op verzoek-retour",
        _ => return None,
    })
}

/// A delivered volume in its unit: "3 uur", "45 minuten", and for unit 83 (euro's), where
/// the volume is in cents, the amount: "€ 833,72".
pub fn volume_in_words(volume: u64, eenheid: Eenheid) -> String {
    let n = usize::try_from(volume).unwrap_or(usize::MAX);
    let (one, many) = match eenheid {
        Eenheid::Minuut => ("minuut", "minuten"),
        Eenheid::Uur => ("uur", "uur"),
        Eenheid::Etmaal => ("etmaal", "etmalen"),
        Eenheid::Dagdeel => ("dagdeel", "dagdelen"),
        Eenheid::StuksOutput => ("stuk (output)", "stuks (output)"),
        Eenheid::StuksInspanning => ("stuk (inspanning)", "stuks (inspanning)"),
        Eenheid::Euros => return crate::base::money::Saldo(i64::try_from(volume).unwrap_or(i64::MAX)).to_string(),
        Eenheid::Onbekend(_) => return format!("{} × {}", crate::base::text::thousands(n), eenheid.omschrijving()),
    };
    crate::base::text::count(n, one, many)
}
