//! The rulebook: every rule Kloppend checks, named as the iWmo/iJw 3.2 information model names
//! it, with what the receiver does when it is broken and what the provider should do.
//!
//! A finding carries a [`Rule`]; the screens show its code, the answer the gemeente would send
//! ([`Rule::gevolg`]) and the advice ([`Rule::advies`]). ARCHITECTURE.md's rule coverage table
//! lists where each rule is checked; `tests/rules.rs` fails when a rule has no breaking and no
//! valid case.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What happens to a message that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Consequence {
    /// The XSD refuses it: VECOZO does not accept the file, no 325 comes back.
    Refused,
    /// An XSLT rule: the 325 has only a header with 0001; the declaration counts as not sent.
    WholeMessage,
    /// The gemeente rejects the part with this retourcode.
    Rejected(&'static str),
    /// The gemeente checks this against the toewijzing, contract or a list Kloppend does not
    /// have: Kloppend warns, the gemeente decides (with this retourcode).
    Checked(&'static str),
    /// The gemeente's answer itself breaks a rule of the standard (with this retourcode, as
    /// the standard names it): the provider's line is not rejected for it, the answer is wrong.
    AnswerWrong(&'static str),
    /// Not a rule the gemeente applies to the 323: about a 325, a pair, a term or the file.
    Advice,
}

impl Consequence {
    /// The retourcode the gemeente would send, if any.
    pub fn retourcode(self) -> Option<&'static str> {
        match self {
            Consequence::WholeMessage => Some("0001"),
            Consequence::Rejected(code) | Consequence::Checked(code) => Some(code),
            Consequence::Refused | Consequence::AnswerWrong(_) | Consequence::Advice => None,
        }
    }

    /// Dutch: what the gemeente (or VECOZO) does.
    pub fn label(self) -> String {
        match self {
            Consequence::Refused => "VECOZO weigert het bestand (geen antwoord)".into(),
            Consequence::WholeMessage => "Antwoord 0001: het hele bericht telt als niet verstuurd".into(),
            Consequence::Rejected(code) => format!("Afgewezen met retourcode {code}"),
            Consequence::Checked(code) => format!("De gemeente controleert dit (retourcode {code})"),
            Consequence::AnswerWrong(code) => format!("Het antwoord van de gemeente klopt zelf niet (retourcode {code} in de standaard)"),
            Consequence::Advice => "Geen afwijzing; controle van Kloppend".into(),
        }
    }
}

/// The rule a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// RS0xx: value formats of the XSD (lengths, patterns, ranges, code lists).
    Xsd,
    /// BSN passes the 11-proef.
    CS002,
    /// BerichtSubversie is 2 (release 3.2).
    CS015,
    /// BerichtVersie is 3.
    CS025,
    /// DeclaratiePeriode and ProductPeriode begin on or after 2021-01-01.
    CS100,
    /// DeclaratieNummer: 1–12 letters or digits.
    CS319,
    /// An amount of zero carries `D`.
    CS325,
    /// ProductPeriode lies within one calendar month.
    CS337,
    /// With Eenheid 83 IngediendBedrag equals GeleverdVolume.
    CS339,
    /// DeclaratiePeriode is exactly one calendar month.
    CS340,
    /// VorigReferentieNummer present iff the line is a credit.
    CD060,
    /// ProductTarief absent with Eenheid 83, mandatory otherwise.
    CD087,
    /// No duplicate keys in one message: one Client per Bsn, each ReferentieNummer once.
    TR101,
    /// A date is not later than the message's own Dagtekening.
    TR134,
    /// Dates are real and not in the future (retourcode 8848).
    TR135,
    /// A period ends on or after its begin and not after the message's Dagtekening.
    TR137,
    /// A VorigReferentieNummer occurs at most once in a message.
    TR315,
    /// A VorigReferentieNummer equals no ReferentieNummer of the same message.
    TR316,
    /// ProductPeriode Einddatum not more than five years before the DeclaratieDagtekening.
    TR335,
    /// 325: Σ rejected lines = ingediend − toegekend.
    TR342,
    /// TotaalIngediendBedrag = Σ debit − Σ credit.
    TR358,
    /// No two debit lines for one ProductPeriode, product and toewijzing in one message.
    TR416,
    /// BerichtIdentificatie unique per message type for the sender.
    TR056,
    /// ReferentieNummer unique per provider and domain, across messages.
    TR314,
    /// ProductPeriode not after the DeclaratiePeriode.
    TR319,
    /// A credit relates to an earlier approved debit of the same provider and gemeente.
    TR323,
    /// DeclaratieNummer unique per provider and domain.
    TR333,
    /// IngediendBedrag = GeleverdVolume × ProductTarief (IV081: hourly tariff in minutes).
    TR346,
    /// No new debit while an earlier approved debit for the same period and product stands.
    TR389,
    /// A line is credited at most once.
    TR390,
    /// The line's client is the client of its toewijzing (retourcode 8187).
    TR304,
    /// ProductPeriode begins on or after the toewijzing's Ingangsdatum.
    TR307,
    /// ProductPeriode ends on or before the toewijzing's Einddatum, when it has one.
    TR308,
    /// GeleverdVolume within the toewijzing's maximum for the ProductPeriode (IV076–IV079).
    TR321,
    /// All sent volume of a toewijzing within its maximum over its whole duration.
    TR322,
    /// The line names a toewijzing of that gemeente for this provider.
    TR338,
    /// ProductCategorie is the toegewezen one (when the 301 names one).
    TR339,
    /// ProductCode is the toegewezen one (when the 301 names one).
    TR340,
    /// Eenheid is the toegewezen one (minutes under an hourly toewijzing allowed, IV081).
    TR341,
    /// The declared GeleverdVolume of a toewijzing stays within its Budget.
    TR369,
    /// No declaring on a toewijzing removed with RedenWijziging 13.
    TR384,
    /// ProductTarief is the contract tariff for the product and period (IV081 for minutes).
    TR418,
    /// The gemeentecode exists in the CBS list.
    TR378,
    /// ProductPeriode begins on the 1st (unless the toewijzing starts later).
    TR387,
    /// ProductPeriode ends on the last day (unless the toewijzing ends earlier).
    TR388,
    /// 325 DeclaratieNummer equals the 323's.
    TR376,
    /// Every line in a 325 is a line of its 323 (by ProductReferentie).
    TR366,
    /// A rejected line in the 325 echoes the 323 line.
    TR367,
    /// 325 XsdVersieDeclaratie equals the 323's XsdVersie.
    TR371,
    /// A credit line copies its original exactly (IV091).
    IV091,
    /// 325 outcome shapes (IV087/IV088: 8001, 0001, header codes, 0233).
    IV087,
    /// 325 due within 10 working days.
    OP090,
    /// Linking a 325 to its 323.
    Koppeling,
    /// File format: UTF-8 without BOM, at most 25 MB (OP192, OP179).
    OP192,
}

impl Rule {
    /// Every rule, for the coverage test and the rule table.
    pub const ALL: [Rule; 54] = [
        Rule::Xsd,
        Rule::CS002,
        Rule::CS015,
        Rule::CS025,
        Rule::CS100,
        Rule::CS319,
        Rule::CS325,
        Rule::CS337,
        Rule::CS339,
        Rule::CS340,
        Rule::CD060,
        Rule::CD087,
        Rule::TR101,
        Rule::TR134,
        Rule::TR135,
        Rule::TR137,
        Rule::TR315,
        Rule::TR316,
        Rule::TR335,
        Rule::TR342,
        Rule::TR358,
        Rule::TR416,
        Rule::TR056,
        Rule::TR314,
        Rule::TR319,
        Rule::TR323,
        Rule::TR333,
        Rule::TR346,
        Rule::TR389,
        Rule::TR390,
        Rule::TR304,
        Rule::TR307,
        Rule::TR308,
        Rule::TR321,
        Rule::TR322,
        Rule::TR338,
        Rule::TR339,
        Rule::TR340,
        Rule::TR341,
        Rule::TR369,
        Rule::TR384,
        Rule::TR418,
        Rule::TR378,
        Rule::TR387,
        Rule::TR388,
        Rule::TR376,
        Rule::TR366,
        Rule::TR367,
        Rule::TR371,
        Rule::IV087,
        Rule::IV091,
        Rule::OP090,
        Rule::Koppeling,
        Rule::OP192,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::Xsd => "XSD",
            Rule::CS002 => "CS002",
            Rule::CS015 => "CS015",
            Rule::CS025 => "CS025",
            Rule::CS100 => "CS100",
            Rule::CS319 => "CS319",
            Rule::CS325 => "CS325",
            Rule::CS337 => "CS337",
            Rule::CS339 => "CS339",
            Rule::CS340 => "CS340",
            Rule::CD060 => "CD060",
            Rule::CD087 => "CD087",
            Rule::TR101 => "TR101",
            Rule::TR134 => "TR134",
            Rule::TR135 => "TR135",
            Rule::TR137 => "TR137",
            Rule::TR315 => "TR315",
            Rule::TR316 => "TR316",
            Rule::TR335 => "TR335",
            Rule::TR342 => "TR342",
            Rule::TR358 => "TR358",
            Rule::TR416 => "TR416",
            Rule::TR056 => "TR056",
            Rule::TR314 => "TR314",
            Rule::TR319 => "TR319",
            Rule::TR323 => "TR323",
            Rule::TR333 => "TR333",
            Rule::TR346 => "TR346",
            Rule::TR389 => "TR389",
            Rule::TR390 => "TR390",
            Rule::TR304 => "TR304",
            Rule::TR307 => "TR307",
            Rule::TR308 => "TR308",
            Rule::TR321 => "TR321",
            Rule::TR322 => "TR322",
            Rule::TR338 => "TR338",
            Rule::TR339 => "TR339",
            Rule::TR340 => "TR340",
            Rule::TR341 => "TR341",
            Rule::TR369 => "TR369",
            Rule::TR384 => "TR384",
            Rule::TR418 => "TR418",
            Rule::TR378 => "TR378",
            Rule::TR387 => "TR387",
            Rule::TR388 => "TR388",
            Rule::TR376 => "TR376",
            Rule::TR366 => "TR366",
            Rule::TR367 => "TR367",
            Rule::TR371 => "TR371",
            Rule::IV087 => "IV087",
            Rule::IV091 => "IV091",
            Rule::OP090 => "OP090x4",
            Rule::Koppeling => "Koppeling",
            Rule::OP192 => "OP192",
        }
    }

    /// What the receiver does with a 323 that breaks the rule.
    pub fn gevolg(self) -> Consequence {
        use Consequence::*;
        match self {
            Rule::Xsd => Refused,
            Rule::CS002
            | Rule::CS015
            | Rule::CS025
            | Rule::CS100
            | Rule::CS319
            | Rule::CS325
            | Rule::CS337
            | Rule::CS339
            | Rule::CS340
            | Rule::CD060
            | Rule::CD087
            | Rule::TR101
            | Rule::TR134
            | Rule::TR137
            | Rule::TR315
            | Rule::TR316
            | Rule::TR335
            | Rule::TR342
            | Rule::TR358
            | Rule::TR416 => WholeMessage,
            Rule::TR135 => Rejected("8848"),
            Rule::TR056 => Rejected("9056"),
            Rule::TR314 => Rejected("8021"),
            Rule::TR319 => Rejected("9319"),
            Rule::TR323 => Rejected("8017"),
            Rule::TR333 => Rejected("9333"),
            Rule::TR346 => Rejected("9346"),
            Rule::TR389 => Rejected("9389"),
            Rule::TR390 => Rejected("9390"),
            Rule::TR304 => Rejected("8187"),
            Rule::TR307 => Rejected("9307"),
            Rule::TR308 => Rejected("9308"),
            Rule::TR321 => Rejected("9321"),
            Rule::TR322 => Rejected("9322"),
            Rule::TR338 => Rejected("9338"),
            Rule::TR339 => Rejected("9339"),
            Rule::TR340 => Rejected("9340"),
            Rule::TR341 => Rejected("9341"),
            Rule::TR369 => Rejected("9369"),
            Rule::TR384 => Rejected("9384"),
            Rule::TR418 => Rejected("0611"),
            Rule::TR378 => Checked("S300"),
            Rule::TR387 => Checked("9387"),
            Rule::TR388 => Checked("9388"),
            Rule::TR366 => AnswerWrong("9366"),
            Rule::TR367 => AnswerWrong("9367"),
            Rule::TR376 | Rule::TR371 | Rule::IV087 | Rule::IV091 | Rule::OP090 | Rule::Koppeling | Rule::OP192 => Advice,
        }
    }

    /// Dutch: what the rule asks, in one sentence (the "?" behind its code on screen).
    pub fn omschrijving(self) -> &'static str {
        match self {
            Rule::Xsd => "Elke waarde heeft de vorm die het XSD-schema van de iStandaard voorschrijft (lengte, tekens, codelijst).",
            Rule::CS002 => "Een BSN bestaat uit 9 cijfers en doorstaat de elfproef.",
            Rule::CS015 => "Het bericht is van release 3.2: BerichtSubversie 2.",
            Rule::CS025 => "Het bericht is van versie 3: BerichtVersie 3.",
            Rule::CS100 => "Declaratie- en productperiodes beginnen op of na 1 januari 2021.",
            Rule::CS319 => "Een DeclaratieNummer bestaat uit 1 tot 12 letters of cijfers.",
            Rule::CS325 => "Een bedrag van nul krijgt 'D' (debet), nooit 'C'.",
            Rule::CS337 => "De ProductPeriode van een regel ligt binnen één kalendermaand.",
            Rule::CS339 => "Bij eenheid 83 (euro's) is het ingediende bedrag gelijk aan het geleverde volume.",
            Rule::CS340 => "De DeclaratiePeriode is precies één kalendermaand.",
            Rule::CD060 => "Alleen een creditregel heeft een VorigReferentieNummer, en een creditregel heeft er altijd een.",
            Rule::CD087 => "Een regel heeft een ProductTarief, behalve bij eenheid 83 (euro's): daar ontbreekt het.",
            Rule::TR101 => "In één bericht staat elke cliënt (BSN) één keer en elk ReferentieNummer één keer.",
            Rule::TR134 => "Geen datum in het bericht ligt na de dagtekening van het bericht zelf.",
            Rule::TR135 => "Een dagtekening is een bestaande datum en ligt niet in de toekomst.",
            Rule::TR137 => "Een periode eindigt niet vóór zijn begin en niet na de dagtekening van het bericht.",
            Rule::TR315 => "Een VorigReferentieNummer komt in één bericht hoogstens één keer voor: een regel wordt één keer gecrediteerd.",
            Rule::TR316 => "Een VorigReferentieNummer is niet het ReferentieNummer van een andere regel in hetzelfde bericht.",
            Rule::TR335 => "De zorg van een regel eindigde hoogstens vijf jaar vóór de dagtekening van de declaratie.",
            Rule::TR342 => "In een antwoord (325) is het afgewezen bedrag gelijk aan ingediend min toegekend.",
            Rule::TR358 => "Het totaalbedrag van de declaratie is de som van de debetregels min de creditregels.",
            Rule::TR416 => "In één bericht staan geen twee debetregels voor dezelfde periode, hetzelfde product en dezelfde toewijzing.",
            Rule::TR056 => "Een BerichtIdentificatie gebruik je maar één keer, ook in latere berichten.",
            Rule::TR314 => "Een ReferentieNummer gebruik je maar één keer per wet, ook in latere berichten.",
            Rule::TR319 => "De zorg van een regel valt in de declaratieperiode of een eerdere maand, niet later.",
            Rule::TR323 => "Een creditregel hoort bij een eerder verstuurde, goedgekeurde debetregel van dezelfde aanbieder en gemeente.",
            Rule::TR333 => "Een DeclaratieNummer gebruik je maar één keer per wet.",
            Rule::TR346 => "Het bedrag van een regel is volume × tarief (bij minuten met een uurtarief: volgens IV081).",
            Rule::TR389 => {
                "Een periode en product van een toewijzing declareer je één keer; opnieuw kan pas na een credit of een afwijzing."
            }
            Rule::TR390 => "Een regel wordt hoogstens één keer gecrediteerd.",
            Rule::TR304 => "De cliënt van een regel is de cliënt van de toewijzing op die regel.",
            Rule::TR307 => "De zorg begint niet vóór de ingangsdatum van de toewijzing.",
            Rule::TR308 => "De zorg eindigt niet na de einddatum van de toewijzing.",
            Rule::TR321 => "Het volume van een regel past binnen wat de toewijzing voor die periode toestaat.",
            Rule::TR322 => "Alles wat op een toewijzing is gedeclareerd (min credits) past binnen wat de hele toewijzing toestaat.",
            Rule::TR338 => "Het toewijzingsnummer is een toewijzing van deze gemeente aan jou.",
            Rule::TR339 => "De productcategorie is die van de toewijzing.",
            Rule::TR340 => "De productcode is die van de toewijzing (als de toewijzing er een noemt).",
            Rule::TR341 => "De eenheid is die van de toewijzing (minuten mogen bij een toewijzing in uren).",
            Rule::TR369 => "Wat op een toewijzing met een budget is gedeclareerd, blijft binnen dat budget.",
            Rule::TR384 => "Op een verwijderde toewijzing declareer je niet.",
            Rule::TR418 => "Het tarief is het contracttarief voor dat product en die periode.",
            Rule::TR378 => "De gemeentecode bestaat in de lijst van het CBS.",
            Rule::TR387 => "De zorg van een regel begint op de 1e van de maand, tenzij de toewijzing later begint.",
            Rule::TR388 => "De zorg van een regel eindigt op de laatste dag van de maand, tenzij de toewijzing eerder eindigt.",
            Rule::TR376 => {
                "Een antwoord (325) noemt het DeclaratieNummer en de BerichtIdentificatie van de declaratie waar het op antwoordt."
            }
            Rule::TR366 => "Elke regel in een antwoord (325) is een regel van de declaratie waarop het antwoordt.",
            Rule::TR367 => "Een afgewezen regel staat in het antwoord (325) zoals hij in de declaratie stond.",
            Rule::TR371 => "Een antwoord (325) noemt de XSD-versie van de declaratie waarop het antwoordt.",
            Rule::IV091 => "Een creditregel neemt de regel die hij crediteert precies over, met 'C' en een VorigReferentieNummer.",
            Rule::IV087 => {
                "Een antwoord (325) heeft een van de vormen die de standaard kent (alles goedgekeurd 8001, hele bericht afgewezen 0001, of per regel)."
            }
            Rule::OP090 => "De gemeente antwoordt binnen 10 werkdagen; blijft het antwoord uit, dan vraag je het na.",
            Rule::Koppeling => "Kloppend koppelt een antwoord (325) aan zijn declaratie (323) op nummer, aanbieder en gemeente.",
            Rule::OP192 => "Een bericht is UTF-8 zonder BOM, een .xml-bestand van hoogstens 25 MB.",
        }
    }

    /// Dutch: what to do about a finding of this rule, in one or two sentences.
    pub fn advies(self) -> &'static str {
        match self.gevolg() {
            Consequence::Refused => "Herstel de waarde in je declaratiesoftware en maak het bestand opnieuw aan.",
            Consequence::WholeMessage => {
                "Herstel dit vóór het uploaden: anders wijst de gemeente het hele bericht af (0001) en telt de declaratie als niet verstuurd."
            }
            Consequence::Rejected(_) => match self {
                Rule::TR056 | Rule::TR333 => "Geef het bericht een nummer dat je nog nooit hebt gebruikt (Kloppend stelt er een voor).",
                Rule::TR314 => "Geef de regel een ReferentieNummer dat je nog nooit hebt gebruikt, ook niet in eerdere berichten.",
                Rule::TR323 | Rule::TR390 => {
                    "Crediteer alleen een goedgekeurde debetregel van dezelfde gemeente, en elke regel maar één keer. Laat deze creditregel weg."
                }
                Rule::TR389 => "Crediteer eerst de goedgekeurde regel; declareer daarna pas opnieuw (of kies 'Corrigeren').",
                Rule::TR304
                | Rule::TR307
                | Rule::TR308
                | Rule::TR321
                | Rule::TR322
                | Rule::TR338
                | Rule::TR339
                | Rule::TR340
                | Rule::TR341
                | Rule::TR369
                | Rule::TR384 => {
                    "Maak de regel passend bij de toewijzing (periode, product, eenheid, omvang) vóór het uploaden; anders wijst de gemeente hem af met deze retourcode."
                }
                _ => "Herstel de regel vóór het uploaden; anders wijst de gemeente hem af met deze retourcode.",
            },
            Consequence::Checked(_) => "Controleer dit met de toewijzing of het contract; Kloppend kan dat niet zelf zien.",
            Consequence::AnswerWrong(_) => {
                "Vraag de gemeente om een juist antwoord; tot dan kan Kloppend niet zeker zeggen wat er met deze regel is gebeurd."
            }
            Consequence::Advice => "Zie de uitleg; dit gaat over het antwoord of het archief, niet over een fout die de gemeente afwijst.",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_all_is_complete() {
        let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
    }

    #[test]
    fn xslt_rules_answer_0001_and_history_rules_their_own_code() {
        assert_eq!(Rule::TR416.gevolg().retourcode(), Some("0001"));
        assert_eq!(Rule::TR137.gevolg().retourcode(), Some("0001"));
        assert_eq!(Rule::TR333.gevolg().retourcode(), Some("9333"));
        assert_eq!(Rule::TR346.gevolg().retourcode(), Some("9346"));
        assert_eq!(Rule::Xsd.gevolg().retourcode(), None);
    }
}
