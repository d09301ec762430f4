//! The terms of the standard that must stay on screen (they are what VECOZO, the gemeente
//! and the accountant say), each with a plain-Dutch explanation behind a "?" (codes:
//! `diagnostics::explain`).

/// One term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub term: &'static str,
    pub uitleg: &'static str,
}

/// Every term, in alphabetical order.
pub static ENTRIES: &[Entry] = &[
    Entry {
        term: "323",
        uitleg: "Het declaratiebericht: de declaratie die je in VECOZO uploadt voor de gemeente (Wmo: WMO323, Jeugdwet: JW323).",
    },
    Entry {
        term: "325",
        uitleg: "Het antwoord van de gemeente op een 323. Er staan alleen de afgewezen regels in; wat er niet in staat, is goedgekeurd.",
    },
    Entry { term: "AGB-code", uitleg: "Het nummer van jou als zorgaanbieder (8 cijfers). Het staat als afzender in elke declaratie." },
    Entry {
        term: "BerichtIdentificatie",
        uitleg: "Het nummer van het bericht zelf, met de datum. Gebruik het nooit twee keer: de gemeente wijst een bericht met een gebruikt nummer af (code 9056).",
    },
    Entry {
        term: "Credit",
        uitleg: "Een regel die een eerder goedgekeurde regel ongedaan maakt: hetzelfde bedrag, met 'C' (credit). Een afgewezen regel crediteer je niet.",
    },
    Entry {
        term: "Dagtekening",
        uitleg: "De datum van het bericht of de declaratie. De gemeente antwoordt binnen 10 werkdagen na ontvangst.",
    },
    Entry {
        term: "DeclaratieNummer",
        uitleg: "Jouw nummer voor de declaratie (zoals een factuurnummer). Elk nummer mag je per wet (Wmo of Jeugdwet) maar één keer gebruiken.",
    },
    Entry { term: "ProductPeriode", uitleg: "De periode waarin je de zorg van een regel hebt geleverd, meestal een hele kalendermaand." },
    Entry {
        term: "ReferentieNummer",
        uitleg: "Het unieke nummer van één regel. Een nieuwe regel krijgt altijd een nieuw nummer; een creditregel verwijst met 'VorigReferentieNummer' naar de regel die hij crediteert.",
    },
    Entry {
        term: "Retourcode",
        uitleg: "De code waarmee de gemeente een bericht, cliënt of regel goedkeurt of afwijst. Kloppend zegt per code wat hij betekent en wat je nu doet.",
    },
    Entry {
        term: "Toewijzing",
        uitleg: "Het besluit van de gemeente dat een cliënt bepaalde zorg mag krijgen. Het toewijzingsnummer staat op elke regel en moet kloppen met wat je declareert.",
    },
    Entry {
        term: "VECOZO",
        uitleg: "Het beveiligde portaal waar je declaraties (323) uploadt en de antwoorden (325) downloadt. Kloppend leest die bestanden; het stuurt zelf niets.",
    },
];

pub fn lookup(term: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.term == term)
}
