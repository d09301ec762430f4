//! Validation of one message: the XSD's value facets and the single-message rules of the
//! information model. Works on the model alone, so generated messages are checked the same
//! way as read ones. Returns findings; never fails.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDate;

use super::codes::{Domein, Eenheid, RetourCode, Soort};
use super::identity::{elfproef, is_declaratie_nummer, mask_bsn};
use super::model::*;
use crate::base::calendar::{first_of_month, is_whole_month, last_of_month, same_month};
use crate::base::money::{BedragMetDc, DebetCredit, Saldo, format_cents};
use crate::base::tarief;
use crate::diagnostics::findings::{ElementPath, Finding, Rule, Scope};
use crate::reference::gemeenten;
use crate::reference::retourcodes::{self, Betekenis};

const MAX_BEDRAG: u64 = 99_999_999;
const MAX_TOTAAL: u64 = 999_999_999_999;
const MAX_NUMMER: u64 = 999_999_999;

/// CS100: release 3 periods begin on or after this date.
const EERSTE_DATUM: NaiveDate = match NaiveDate::from_ymd_opt(2021, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// TR335: the day five years before `date` (28 February for a 29 February).
fn vijf_jaar_voor(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_sub_months(chrono::Months::new(60))
}

fn with_capacity<K, V>(n: usize) -> HashMap<K, V> {
    HashMap::with_capacity_and_hasher(n, Default::default())
}

/// The value already in the map for `key`, or `None` after inserting `value`: the first
/// occurrence stays the reference point of a duplicate.
fn first_of<K: std::hash::Hash + Eq, V: Copy>(map: &mut HashMap<K, V>, key: K, value: V) -> Option<V> {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(value);
            None
        }
    }
}

/// What the validator may know beyond the message.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValidationContext {
    /// Today's date, to flag dates in the future (retourcode 8848). `None` skips that check.
    pub today: Option<NaiveDate>,
}

pub fn validate(bericht: &Bericht, context: &ValidationContext) -> Vec<Finding> {
    let mut v = Validator { findings: Vec::new(), context: *context, vijf_jaar_grens: None };
    match bericht {
        Bericht::Declaratie(b) => v.declaratiebericht(b),
        Bericht::Antwoord(b) => v.antwoordbericht(b),
    }
    v.findings
}

/// The dates TR135 compares with today: the header's Dagtekening, and the 323's
/// DeclaratieDagtekening or the Dagtekening of the 323 a 325 answers. Kept beside the rule's
/// calls below; a native test holds the two together.
pub fn dates_checked_against_today(bericht: &Bericht) -> [NaiveDate; 2] {
    match bericht {
        Bericht::Declaratie(b) => [b.header.bericht_identificatie.dagtekening, b.declaratie.declaratie_dagtekening],
        Bericht::Antwoord(b) => [b.header.header.bericht_identificatie.dagtekening, b.header.declaratie_identificatie.dagtekening],
    }
}

/// Whether `findings`, made by this validator on some day, may differ from what it finds on
/// `today`. Only TR135 reads today's date: when it found nothing then and no date it checks is
/// after today, the findings are the same, and a cached model need not be validated again
/// (at a million lines that is about half a second of a start-up).
pub fn may_differ_today(bericht: &Bericht, findings: &[Finding], context: &ValidationContext) -> bool {
    let Some(today) = context.today else { return true };
    findings.iter().any(|f| f.rule == Rule::TR135) || dates_checked_against_today(bericht).iter().any(|d| *d > today)
}

struct Validator {
    findings: Vec<Finding>,
    context: ValidationContext,
    /// TR335: lines ending before this day are over five years old (once per message).
    vijf_jaar_grens: Option<NaiveDate>,
}

fn at(scope: Scope, element: &'static str) -> ElementPath {
    ElementPath::new(scope, element)
}

fn euro(cents: u64) -> String {
    format!("€ {}", format_cents(cents))
}

impl Validator {
    fn error(&mut self, rule: Rule, path: ElementPath, message: String) {
        self.findings.push(Finding::error(rule, path, message));
    }

    fn warning(&mut self, rule: Rule, path: ElementPath, message: String) {
        self.findings.push(Finding::warning(rule, path, message));
    }

    // ---- XSD facets ------------------------------------------------------------------------

    fn digits(&mut self, path: ElementPath, value: &str, count: usize, what: &str) {
        if value.len() != count || !value.bytes().all(|b| b.is_ascii_digit()) {
            self.error(Rule::Xsd, path, format!("{what} '{value}' moet uit precies {count} cijfers bestaan"));
        }
    }

    fn length(&mut self, path: ElementPath, value: &str, max: usize, what: &str) {
        let len = value.chars().count();
        if len == 0 || len > max {
            self.error(Rule::Xsd, path, format!("{what} '{value}' heeft {len} tekens; toegestaan is 1 tot en met {max}"));
        } else if value.trim().is_empty() {
            self.error(Rule::Xsd, path, format!("{what} bestaat alleen uit spaties"));
        }
    }

    fn range(&mut self, path: ElementPath, value: u64, max: u64, what: &str) {
        if value > max {
            self.error(Rule::Xsd, path, format!("{what} {value} is groter dan het maximum {max}"));
        }
    }

    fn versie(&mut self, path: ElementPath, value: &str, what: &str) {
        let ok = {
            let parts: Vec<&str> = value.split('.').collect();
            parts.len() == 3
                && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0')))
        };
        if !ok {
            self.error(Rule::Xsd, path, format!("{what} '{value}' is geen versienummer van de vorm 1.0.0"));
        }
    }

    fn debet_credit(&mut self, path: ElementPath, bedrag: &BedragMetDc, max: u64, what: &str) {
        self.range(path.clone(), bedrag.bedrag, max, what);
        if let DebetCredit::Onbekend(code) = &bedrag.debet_credit {
            self.error(
                Rule::Xsd,
                path.clone(),
                format!("DebetCredit '{code}' bij {what} is ongeldig; toegestaan zijn D en C (hoofdletters)"),
            );
        }
        // CS325: zero is debit.
        if bedrag.bedrag == 0 && bedrag.debet_credit == DebetCredit::Credit {
            self.error(Rule::CS325, path, format!("{what} is 0 met DebetCredit C; een bedrag van nul moet D zijn"));
        }
    }

    fn retour_codes(&mut self, scope: Scope, codes: &[RetourCode]) {
        for code in codes {
            if retourcodes::lookup(code.code()).is_none() {
                self.error(Rule::Xsd, at(scope, "RetourCodes/RetourCode"), format!("RetourCode '{code}' staat niet in codelijst WJ001"));
            }
        }
    }

    fn header(&mut self, header: &Header, soort: Soort, release_minor: u8) {
        let scope = Scope::Header;
        if header.bericht_versie != 3 {
            self.error(Rule::CS025, at(scope, "BerichtVersie"), format!("BerichtVersie {} moet 3 zijn", header.bericht_versie));
        }
        if header.bericht_subversie != release_minor {
            self.error(
                Rule::CS015,
                at(scope, "BerichtSubversie"),
                format!("BerichtSubversie {} past niet bij release 3.{release_minor} van de namespace", header.bericht_subversie),
            );
        }
        let (agb, gemeente) = match soort {
            Soort::Declaratie => (("Afzender", &header.afzender), ("Ontvanger", &header.ontvanger)),
            Soort::Antwoord => (("Ontvanger", &header.ontvanger), ("Afzender", &header.afzender)),
        };
        self.digits(at(scope, agb.0), agb.1, 8, "AGB-code");
        self.digits(at(scope, gemeente.0), gemeente.1, 4, "Gemeentecode");
        // TR378: the gemeente checks the code against the CBS list valid on the toewijzing's
        // date; Kloppend knows the current list and the codes merged away since 2021.
        if gemeente.1.len() == 4 && gemeente.1.bytes().all(|b| b.is_ascii_digit()) && gemeenten::naam(gemeente.1).is_none() {
            self.warning(
                Rule::TR378,
                at(scope, gemeente.0),
                format!(
                    "Gemeentecode {} staat niet in de CBS-lijst van gemeenten ({}); controleer de code in de toewijzing (de gemeente antwoordt anders S300)",
                    gemeente.1,
                    gemeenten::LIJST_DATUM
                ),
            );
        }
        self.bericht_identificatie(at(scope, "BerichtIdentificatie/Identificatie"), &header.bericht_identificatie, "BerichtIdentificatie");
        self.versie(at(scope, "XsdVersie/BasisschemaXsdVersie"), &header.xsd_versie.basisschema_xsd_versie, "BasisschemaXsdVersie");
        self.versie(at(scope, "XsdVersie/BerichtXsdVersie"), &header.xsd_versie.bericht_xsd_versie, "BerichtXsdVersie");
    }

    fn bericht_identificatie(&mut self, path: ElementPath, id: &BerichtIdentificatie, what: &str) {
        self.length(path.clone(), &id.identificatie, 12, &format!("Identificatie van {what}"));
        self.not_in_future(ElementPath::new(path.scope, "BerichtIdentificatie/Dagtekening"), id.dagtekening, "Dagtekening");
    }

    fn not_in_future(&mut self, path: ElementPath, date: NaiveDate, what: &str) {
        if let Some(today) = self.context.today
            && date > today
        {
            self.error(Rule::TR135, path, format!("{what} {date} ligt in de toekomst (vandaag is {today})"));
        }
    }

    /// TR137 and CS100 for one period: it ends on or after its begin, not after the message's
    /// Dagtekening, and begins on or after 2021-01-01 (the start of release 3).
    fn periode(&mut self, scope: Scope, element: &'static str, periode: &Periode, what: &str, dagtekening: NaiveDate) {
        if periode.einddatum < periode.begindatum {
            self.error(
                Rule::TR137,
                at(scope, element),
                format!("{what}: einddatum {} ligt vóór begindatum {}", periode.einddatum, periode.begindatum),
            );
        } else if periode.einddatum > dagtekening {
            self.error(
                Rule::TR137,
                at(scope, element),
                format!(
                    "{what} eindigt op {}, na de dagtekening van het bericht ({dagtekening}); declareer een periode pas als die voorbij is",
                    periode.einddatum
                ),
            );
        }
        if periode.begindatum < EERSTE_DATUM {
            self.error(
                Rule::CS100,
                at(scope, element),
                format!("{what} begint op {}, vóór 1 januari 2021; zo'n oude periode kan niet met release 3.2", periode.begindatum),
            );
        }
    }

    /// The checks of a line that hold wherever it appears (a 323, or echoed in a 325).
    fn prestatie_waarden(&mut self, scope: Scope, p: &Prestatie, domein: Domein) {
        let referentie = &p.product_referentie.referentie_nummer;
        self.length(at(scope, "ProductReferentie/ReferentieNummer"), referentie, 20, "ReferentieNummer");
        if let Some(vorig) = &p.product_referentie.vorig_referentie_nummer {
            self.length(at(scope, "ProductReferentie/VorigReferentieNummer"), vorig, 20, "VorigReferentieNummer");
        }
        self.range(at(scope, "ToewijzingNummer"), p.toewijzing_nummer, MAX_NUMMER, "ToewijzingNummer");
        if p.product_categorie.omschrijving(domein).is_none() {
            self.error(
                Rule::Xsd,
                at(scope, "ProductCategorie"),
                format!("ProductCategorie '{}' bestaat niet in de {}-codelijst", p.product_categorie.code(), domein.naam()),
            );
        }
        self.length(at(scope, "ProductCode"), &p.product_code, 5, "ProductCode");
        self.range(at(scope, "GeleverdVolume"), p.geleverd_volume, MAX_BEDRAG, "GeleverdVolume");
        if let Eenheid::Onbekend(code) = &p.eenheid {
            self.error(Rule::Xsd, at(scope, "Eenheid"), format!("Eenheid '{code}' bestaat niet (toegestaan: 01, 04, 14, 16, 82, 83, 84)"));
        }
        if let Some(tarief) = p.product_tarief {
            self.range(at(scope, "ProductTarief"), tarief, MAX_BEDRAG, "ProductTarief");
        }
        self.debet_credit(at(scope, "IngediendBedrag/Bedrag"), &p.ingediend_bedrag, MAX_BEDRAG, "IngediendBedrag");

        // CD060: VorigReferentieNummer exactly on credit lines.
        match (&p.product_referentie.vorig_referentie_nummer, &p.ingediend_bedrag.debet_credit) {
            (None, DebetCredit::Credit) => self.error(
                Rule::CD060,
                at(scope, "ProductReferentie"),
                format!(
                    "Creditregel {referentie} heeft geen VorigReferentieNummer; vul het ReferentieNummer van de oorspronkelijke regel in"
                ),
            ),
            (Some(vorig), DebetCredit::Debet) => self.error(
                Rule::CD060,
                at(scope, "ProductReferentie/VorigReferentieNummer"),
                format!("Debetregel {referentie} heeft een VorigReferentieNummer ({vorig}); dat mag alleen bij een creditregel"),
            ),
            _ => {}
        }
    }

    /// The checks of a line in a 323 (a 325 echoes lines as they were, even wrong ones: TR367).
    fn prestatie(&mut self, scope: Scope, p: &Prestatie, domein: Domein, d: &Declaratie, bericht_dagtekening: NaiveDate) {
        self.prestatie_waarden(scope, p, domein);

        // Product period: consistent (TR137, CS100), within one month (CS337), not after the
        // declaration period (TR319), not more than five years old (TR335).
        let periode = &p.product_periode;
        self.periode(scope, "ProductPeriode", periode, "ProductPeriode", bericht_dagtekening);
        if !same_month(periode.begindatum, periode.einddatum) {
            self.error(
                Rule::CS337,
                at(scope, "ProductPeriode"),
                format!(
                    "ProductPeriode {} t/m {} valt niet binnen één kalendermaand; splits de prestatie per maand",
                    periode.begindatum, periode.einddatum
                ),
            );
        }
        if periode.einddatum > d.declaratie_periode.einddatum {
            self.error(
                Rule::TR319,
                at(scope, "ProductPeriode/Einddatum"),
                format!(
                    "ProductPeriode eindigt op {}, na het einde van de DeclaratiePeriode ({})",
                    periode.einddatum, d.declaratie_periode.einddatum
                ),
            );
        }
        // TR387/TR388: a part of a month is only right when the toewijzing starts later or ends
        // earlier in it; Kloppend does not have the toewijzing, so it warns.
        if periode.begindatum <= periode.einddatum {
            if periode.begindatum != first_of_month(periode.begindatum) {
                self.warning(
                    Rule::TR387,
                    at(scope, "ProductPeriode/Begindatum"),
                    format!(
                        "ProductPeriode begint op {}, niet op de 1e van de maand; dat klopt alleen als de toewijzing pas die dag begint (de gemeente controleert dit, anders 9387)",
                        periode.begindatum
                    ),
                );
            }
            if periode.einddatum != last_of_month(periode.einddatum) {
                self.warning(
                    Rule::TR388,
                    at(scope, "ProductPeriode/Einddatum"),
                    format!(
                        "ProductPeriode eindigt op {}, niet op de laatste dag van de maand; dat klopt alleen als de toewijzing die dag eindigt (de gemeente controleert dit, anders 9388)",
                        periode.einddatum
                    ),
                );
            }
        }
        if let Some(grens) = self.vijf_jaar_grens
            && periode.einddatum < grens
        {
            self.error(
                    Rule::TR335,
                    at(scope, "ProductPeriode/Einddatum"),
                    format!(
                        "ProductPeriode eindigt op {}, meer dan vijf jaar vóór de DeclaratieDagtekening ({}); zo'n oude prestatie kan niet meer gedeclareerd of gecrediteerd worden",
                        periode.einddatum, d.declaratie_dagtekening
                    ),
                );
        }
        self.bedrag(scope, p);
    }

    /// CD087 / CS339 / TR346: the amount follows from volume and tariff.
    fn bedrag(&mut self, scope: Scope, p: &Prestatie) {
        let bedrag = p.ingediend_bedrag.bedrag;
        if p.eenheid == Eenheid::Euros {
            if p.product_tarief.is_some() {
                self.error(Rule::CD087, at(scope, "ProductTarief"), "Bij Eenheid 83 (euro's) mag ProductTarief niet gevuld zijn".into());
            }
            if p.geleverd_volume != bedrag {
                self.error(
                    Rule::CS339,
                    at(scope, "IngediendBedrag/Bedrag"),
                    format!(
                        "Bij Eenheid 83 (euro's) moet IngediendBedrag ({}) gelijk zijn aan GeleverdVolume ({} cent)",
                        euro(bedrag),
                        p.geleverd_volume
                    ),
                );
            }
            return;
        }
        let Some(tarief) = p.product_tarief else {
            self.error(
                Rule::CD087,
                at(scope, "ProductTarief"),
                format!("ProductTarief ontbreekt; dat is verplicht bij Eenheid {}", p.eenheid.code()),
            );
            return;
        };
        let expected = p.geleverd_volume.checked_mul(tarief);
        if expected == Some(bedrag) {
            return;
        }
        // IV081: an hourly tariff declared in minutes is rounded twice, so the amount may differ.
        if p.eenheid == Eenheid::Minuut && !tarief::uurtarieven(p.geleverd_volume, tarief, bedrag).is_empty() {
            return;
        }
        let expected = expected.map(euro).unwrap_or_else(|| "te groot".into());
        let minuten = if p.eenheid == Eenheid::Minuut {
            "; ook geen uurtarief dat per minuut afgerond dit ProductTarief geeft, verklaart dit bedrag (IV081)"
        } else {
            ""
        };
        self.error(
            Rule::TR346,
            at(scope, "IngediendBedrag/Bedrag"),
            format!(
                "IngediendBedrag {} is niet GeleverdVolume × ProductTarief ({} × {} = {expected}){minuten}",
                euro(bedrag),
                p.geleverd_volume,
                euro(tarief),
            ),
        );
    }

    fn bsn(&mut self, scope: Scope, bsn: &str) {
        if bsn.len() != 9 || !bsn.bytes().all(|b| b.is_ascii_digit()) {
            self.digits(at(scope, "Bsn"), bsn, 9, "BSN");
        } else if !elfproef(bsn) {
            self.error(Rule::CS002, at(scope, "Bsn"), format!("BSN {} voldoet niet aan de elfproef", mask_bsn(bsn)));
        }
    }

    // ---- 323 ---------------------------------------------------------------------------------

    fn declaratiebericht(&mut self, b: &Declaratiebericht) {
        self.header(&b.header, Soort::Declaratie, b.release.minor);
        self.vijf_jaar_grens = vijf_jaar_voor(b.declaratie.declaratie_dagtekening);
        self.declaratie(b);
        // Every key is looked up in a map: linear in the number of lines.
        let mut keys = LineKeys::of(&b.declaratie);
        for (c, client) in b.declaratie.clienten.iter().enumerate() {
            self.declared_client(b, &mut keys, c, client);
        }
        self.totaal_ingediend(b);
    }

    /// The Declaratie's own fields: its number, period, date and total.
    fn declaratie(&mut self, b: &Declaratiebericht) {
        let d = &b.declaratie;
        let scope = Scope::Declaratie;
        let bericht_dagtekening = b.header.bericht_identificatie.dagtekening;
        let nummer = &d.declaratie_nummer;
        if !is_declaratie_nummer(nummer) {
            self.error(
                Rule::CS319,
                at(scope, "DeclaratieNummer"),
                format!("DeclaratieNummer '{nummer}' moet 1 tot en met 12 letters of cijfers zijn (geen spaties of tekens)"),
            );
        }
        self.periode(scope, "DeclaratiePeriode", &d.declaratie_periode, "DeclaratiePeriode", bericht_dagtekening);
        if !is_whole_month(d.declaratie_periode.begindatum, d.declaratie_periode.einddatum) {
            self.error(
                Rule::CS340,
                at(scope, "DeclaratiePeriode"),
                format!(
                    "DeclaratiePeriode {} t/m {} is niet precies één kalendermaand",
                    d.declaratie_periode.begindatum, d.declaratie_periode.einddatum
                ),
            );
        }
        self.not_in_future(at(scope, "DeclaratieDagtekening"), d.declaratie_dagtekening, "DeclaratieDagtekening");
        self.niet_na_dagtekening(
            at(scope, "DeclaratieDagtekening"),
            d.declaratie_dagtekening,
            "DeclaratieDagtekening",
            bericht_dagtekening,
        );
        self.debet_credit(at(scope, "TotaalIngediendBedrag/TotaalBedrag"), &d.totaal_ingediend_bedrag, MAX_TOTAAL, "TotaalIngediendBedrag");
    }

    /// One client of a 323: its BSN once in the message, then each of its lines.
    fn declared_client<'a>(&mut self, b: &'a Declaratiebericht, keys: &mut LineKeys<'a>, c: usize, client: &'a Client) {
        self.bsn(Scope::Client(c), &client.bsn);
        if let Some(first) = first_of(&mut keys.bsns, &client.bsn, c) {
            self.error(
                Rule::TR101,
                at(Scope::Client(c), "Bsn"),
                format!(
                    "BSN {} staat ook al bij client {} van dit bericht; zet alle prestaties van een client onder één Client",
                    mask_bsn(&client.bsn),
                    first + 1
                ),
            );
        }
        let bericht_dagtekening = b.header.bericht_identificatie.dagtekening;
        for (i, p) in client.prestaties.iter().enumerate() {
            let scope = Scope::Prestatie { client: c, prestatie: i };
            self.prestatie(scope, p, b.domein, &b.declaratie, bericht_dagtekening);
            self.unique_referentie(keys, scope, (c, i), p.referentie());
            match (p.is_credit(), p.product_referentie.vorig_referentie_nummer.as_deref()) {
                (true, Some(vorig)) => self.credit_verwijzing(keys, scope, p.referentie(), vorig),
                (false, _) => self.unique_debet(keys, scope, p),
                (true, None) => {} // CD060 reports it.
            }
        }
    }

    /// TR101: every ReferentieNummer once in the message.
    fn unique_referentie(&mut self, keys: &LineKeys, scope: Scope, here: (usize, usize), referentie: &str) {
        if let Some(&(first_c, first_i)) = keys.referenties.get(referentie).filter(|first| **first != here) {
            self.error(
                Rule::TR101,
                at(scope, "ProductReferentie/ReferentieNummer"),
                format!(
                    "ReferentieNummer {referentie} komt al voor bij client {}, prestatie {} van dit bericht; elke regel heeft een eigen nummer",
                    first_c + 1,
                    first_i + 1
                ),
            );
        }
    }

    /// TR316: a credit line points at a line of an earlier message; TR315: each line is
    /// credited once in the message.
    fn credit_verwijzing<'a>(&mut self, keys: &mut LineKeys<'a>, scope: Scope, referentie: &'a str, vorig: &'a str) {
        if let Some(&(vc, vi)) = keys.referenties.get(vorig) {
            let wie = if vorig == referentie {
                "zichzelf".to_string()
            } else {
                format!("regel {vorig} (client {}, prestatie {}) in hetzelfde bericht", vc + 1, vi + 1)
            };
            self.error(
                Rule::TR316,
                at(scope, "ProductReferentie/VorigReferentieNummer"),
                format!("Creditregel {referentie} verwijst naar {wie}; VorigReferentieNummer moet een regel uit een eerder bericht zijn"),
            );
        }
        if let Some(earlier) = first_of(&mut keys.vorige, vorig, referentie) {
            self.error(
                Rule::TR315,
                at(scope, "ProductReferentie/VorigReferentieNummer"),
                format!("VorigReferentieNummer {vorig} staat in dit bericht ook bij creditregel {earlier}; een regel wordt maar één keer gecrediteerd"),
            );
        }
    }

    /// TR416: one debit line per toewijzing, product and ProductPeriode in a message.
    fn unique_debet<'a>(&mut self, keys: &mut LineKeys<'a>, scope: Scope, p: &'a Prestatie) {
        let referentie = p.referentie();
        if let Some(earlier) = first_of(&mut keys.debet_sleutels, p.debet_sleutel(), referentie) {
            self.error(
                Rule::TR416,
                at(scope, "ProductReferentie/ReferentieNummer"),
                format!(
                    "Debetregel {referentie} is voor dezelfde toewijzing ({}), hetzelfde product ({} {}) en dezelfde ProductPeriode ({} t/m {}) als debetregel {earlier}; tel ze op in één regel",
                    p.toewijzing_nummer,
                    p.product_categorie.code(),
                    p.product_code,
                    p.product_periode.begindatum,
                    p.product_periode.einddatum
                ),
            );
        }
    }

    /// TR358: the total equals the lines.
    fn totaal_ingediend(&mut self, b: &Declaratiebericht) {
        let som = b.som_prestaties();
        let totaal = b.declaratie.totaal_ingediend_bedrag.saldo();
        if som != totaal {
            self.error(
                Rule::TR358,
                at(Scope::Declaratie, "TotaalIngediendBedrag"),
                format!(
                    "TotaalIngediendBedrag is {} maar de prestaties tellen op tot {} (debet min credit)",
                    describe(totaal),
                    describe(som)
                ),
            );
        }
    }

    /// TR134: a date in the message is not later than the message's own Dagtekening.
    fn niet_na_dagtekening(&mut self, path: ElementPath, date: NaiveDate, what: &str, bericht_dagtekening: NaiveDate) {
        if date > bericht_dagtekening {
            self.error(Rule::TR134, path, format!("{what} {date} ligt na de dagtekening van het bericht zelf ({bericht_dagtekening})"));
        }
    }

    // ---- 325 ---------------------------------------------------------------------------------

    fn antwoordbericht(&mut self, b: &Antwoordbericht) {
        self.antwoord_header(b);
        let Some(d) = &b.declaratie_antwoord else {
            self.header_only(&b.header);
            return;
        };
        if b.header.retour_codes.iter().any(|c| c.is(RetourCode::TECHNISCH_AFGEKEURD)) {
            self.warning(
                Rule::IV087,
                at(Scope::Declaratie, ""),
                "De header meldt technische afkeur (0001), maar het antwoord bevat toch een DeclaratieAntwoord".into(),
            );
        }
        self.declaratie_antwoord(d);
        let mut afgewezen = Saldo::ZERO;
        let mut bsns: HashMap<&str, usize> = HashMap::default();
        let mut referenties: HashSet<&str> = HashSet::default();
        for (c, client) in d.clienten.iter().enumerate() {
            self.answered_client(b.domein, c, client, &mut bsns, &mut referenties);
            afgewezen += client.prestaties.iter().map(|pa| pa.prestatie.ingediend_bedrag.saldo()).sum::<Saldo>();
        }
        self.afgewezen_verschil(d, afgewezen);
    }

    /// The 325's header: what it answers, the versions, its codes and its date.
    fn antwoord_header(&mut self, b: &Antwoordbericht) {
        let h = &b.header;
        self.header(&h.header, Soort::Antwoord, b.release.minor);
        self.bericht_identificatie(
            at(Scope::Header, "DeclaratieIdentificatie/Identificatie"),
            &h.declaratie_identificatie,
            "DeclaratieIdentificatie",
        );
        if let Some(xslt) = &h.xslt_versie {
            self.versie(at(Scope::Header, "XsltVersie"), xslt, "XsltVersie");
        }
        self.versie(
            at(Scope::Header, "XsdVersieDeclaratie/BasisschemaXsdVersie"),
            &h.xsd_versie_declaratie.basisschema_xsd_versie,
            "BasisschemaXsdVersie",
        );
        self.versie(
            at(Scope::Header, "XsdVersieDeclaratie/BerichtXsdVersie"),
            &h.xsd_versie_declaratie.bericht_xsd_versie,
            "BerichtXsdVersie",
        );
        self.retour_codes(Scope::Header, &h.retour_codes);
        self.niet_na_dagtekening(
            at(Scope::Header, "DeclaratieIdentificatie/Dagtekening"),
            h.declaratie_identificatie.dagtekening,
            "De dagtekening van de beantwoorde declaratie",
            h.header.bericht_identificatie.dagtekening,
        );
    }

    /// IV087/IV088: a header-only answer carries 0001 (XSLT) or the code of a header rule
    /// (e.g. 9056, S300); both mean "not processed".
    fn header_only(&mut self, h: &AntwoordHeader) {
        if !h.retour_codes.iter().any(|c| c.betekenis() != Betekenis::Goedgekeurd) {
            self.warning(
                Rule::IV087,
                at(Scope::Header, "RetourCodes"),
                "Het antwoord heeft geen DeclaratieAntwoord, maar de header noemt geen afkeurcode (0001 of een code als 9056)".into(),
            );
        }
    }

    /// The DeclaratieAntwoord's own fields, and its totals against its codes (IV087).
    fn declaratie_antwoord(&mut self, d: &DeclaratieAntwoord) {
        let scope = Scope::Declaratie;
        self.length(at(scope, "DeclaratieNummer"), &d.declaratie_nummer, 12, "DeclaratieNummer");
        self.debet_credit(at(scope, "TotaalIngediendBedrag/TotaalBedrag"), &d.totaal_ingediend_bedrag, MAX_TOTAAL, "TotaalIngediendBedrag");
        self.debet_credit(at(scope, "TotaalToegekendBedrag/TotaalBedrag"), &d.totaal_toegekend_bedrag, MAX_TOTAAL, "TotaalToegekendBedrag");
        self.retour_codes(scope, &d.retour_codes);
        let ingediend = d.totaal_ingediend_bedrag.saldo();
        let toegekend = d.totaal_toegekend_bedrag.saldo();
        if d.retour_codes.iter().any(|c| c.is(RetourCode::VOLLEDIG_TOEGEKEND)) {
            if !d.clienten.is_empty() {
                self.error(
                    Rule::IV087,
                    at(scope, "Clienten"),
                    "Code 8001 (volledig toegekend), maar het antwoord noemt toch afgewezen clienten".into(),
                );
            }
            if toegekend != ingediend {
                self.error(
                    Rule::IV087,
                    at(scope, "TotaalToegekendBedrag"),
                    format!(
                        "Code 8001 (volledig toegekend), maar toegekend ({}) is niet gelijk aan ingediend ({})",
                        describe(toegekend),
                        describe(ingediend)
                    ),
                );
            }
        }
        if d.retour_codes.iter().any(|c| c.rejects()) && toegekend != Saldo::ZERO {
            self.warning(
                Rule::IV087,
                at(scope, "TotaalToegekendBedrag"),
                format!("De declaratie als geheel is afgewezen, maar er is toch {} toegekend", describe(toegekend)),
            );
        }
    }

    /// One client of a 325: its BSN once, its codes, and each of its (rejected) lines.
    fn answered_client<'a>(
        &mut self,
        domein: Domein,
        c: usize,
        client: &'a ClientAntwoord,
        bsns: &mut HashMap<&'a str, usize>,
        referenties: &mut HashSet<&'a str>,
    ) {
        let client_scope = Scope::Client(c);
        self.bsn(client_scope, &client.bsn);
        if let Some(first) = first_of(bsns, &client.bsn, c) {
            self.error(
                Rule::TR101,
                at(client_scope, "Bsn"),
                format!("BSN {} staat in dit antwoord ook al bij client {}", mask_bsn(&client.bsn), first + 1),
            );
        }
        self.retour_codes(client_scope, &client.retour_codes);
        let client_afgewezen = client.retour_codes.iter().any(|code| code.rejects());
        for (i, pa) in client.prestaties.iter().enumerate() {
            let scope = Scope::Prestatie { client: c, prestatie: i };
            // An echo is checked by the 325's own rules only: a line rejected with 9346 comes
            // back with its wrong amount (TR367).
            self.prestatie_waarden(scope, &pa.prestatie, domein);
            if !referenties.insert(pa.prestatie.referentie()) {
                self.error(
                    Rule::TR101,
                    at(scope, "ProductReferentie/ReferentieNummer"),
                    format!("ReferentieNummer {} staat twee keer in dit antwoord", pa.prestatie.referentie()),
                );
            }
            self.retour_codes(scope, &pa.retour_codes);
            self.answered_line_codes(scope, pa, client_afgewezen);
        }
    }

    /// IV087: a line of a rejected client is not assessed (0233), and a 325 lists only lines
    /// it rejects.
    fn answered_line_codes(&mut self, scope: Scope, pa: &PrestatieAntwoord, client_afgewezen: bool) {
        let niet_beoordeeld = pa.retour_codes.iter().any(|code| code.is(RetourCode::NIET_BEOORDEELD));
        if client_afgewezen && !niet_beoordeeld {
            self.warning(
                Rule::IV087,
                at(scope, "RetourCodes"),
                format!("De client is afgewezen, maar prestatie {} heeft geen code 0233 (niet beoordeeld)", pa.prestatie.referentie()),
            );
        }
        if pa.retour_codes.iter().all(|code| code.betekenis() == Betekenis::Goedgekeurd) {
            self.warning(
                Rule::IV087,
                at(scope, "RetourCodes"),
                format!(
                    "Prestatie {} staat in het antwoord zonder afwijzingscode; een 325 noemt alleen afgewezen prestaties",
                    pa.prestatie.referentie()
                ),
            );
        }
    }

    /// TR342: the listed (rejected) lines account for the difference. A whole-declaration
    /// rejection lists no lines and rejects everything, so it is exempt.
    fn afgewezen_verschil(&mut self, d: &DeclaratieAntwoord, afgewezen: Saldo) {
        let ingediend = d.totaal_ingediend_bedrag.saldo();
        let toegekend = d.totaal_toegekend_bedrag.saldo();
        if !d.retour_codes.iter().any(|c| c.rejects()) && afgewezen != ingediend - toegekend {
            self.error(
                Rule::TR342,
                at(Scope::Declaratie, "TotaalToegekendBedrag"),
                format!(
                    "Ingediend {} min toegekend {} is {}, maar de afgewezen prestaties tellen op tot {}",
                    describe(ingediend),
                    describe(toegekend),
                    describe(ingediend - toegekend),
                    describe(afgewezen)
                ),
            );
        }
    }
}

/// A signed amount as the standard shows it: `€ 480,00 credit`.
fn describe(saldo: Saldo) -> String {
    let abs = euro(saldo.0.unsigned_abs());
    if saldo.0 < 0 { format!("{abs} credit") } else { abs }
}

/// The keys a 323's lines must not share, each line's first occurrence by key.
struct LineKeys<'a> {
    /// ReferentieNummer → (client, prestatie) of its first line.
    referenties: HashMap<&'a str, (usize, usize)>,
    /// BSN → its first client.
    bsns: HashMap<&'a str, usize>,
    /// VorigReferentieNummer → the first credit line pointing at it.
    vorige: HashMap<&'a str, &'a str>,
    /// TR416's key → the first debit line with it.
    debet_sleutels: HashMap<DebetSleutel<'a>, &'a str>,
}

impl<'a> LineKeys<'a> {
    fn of(d: &'a Declaratie) -> LineKeys<'a> {
        let line_count: usize = d.clienten.iter().map(|c| c.prestaties.len()).sum();
        let mut referenties: HashMap<&str, (usize, usize)> = with_capacity(line_count);
        for (c, client) in d.clienten.iter().enumerate() {
            for (i, p) in client.prestaties.iter().enumerate() {
                referenties.entry(p.referentie()).or_insert((c, i));
            }
        }
        // Credits are few: that map grows when they come.
        LineKeys {
            referenties,
            bsns: with_capacity(d.clienten.len()),
            vorige: HashMap::default(),
            debet_sleutels: with_capacity(line_count),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elfproef_accepts_test_numbers_and_rejects_typos() {
        assert!(elfproef("999900006"));
        assert!(elfproef("111222333"));
        assert!(!elfproef("999900007"));
        assert!(!elfproef("000000000"));
        assert!(!elfproef("12345678"));
    }

    #[test]
    fn masks_all_but_last_three() {
        assert_eq!(mask_bsn("999900006"), "••••••006");
    }
}
