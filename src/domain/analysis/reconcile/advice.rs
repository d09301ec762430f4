//! "What to do now": plain-Dutch advice per line and per declaration, derived from the
//! status and the retourcodes.

use super::{DeclaratieView, LineStatus, LineView, Verwerking};
use crate::base::text::datum;
use crate::formats::message::RetourCode;

/// Advice for one line. `is_credit`: the line itself is a credit line.
pub fn advies_regel(line: &LineView, verwerking: &Verwerking, is_credit: bool) -> String {
    match line.status {
        LineStatus::WachtOpAntwoord => match verwerking {
            Verwerking::AntwoordTeLaat { .. } => {
                "Het antwoord van de gemeente is te laat. Neem contact op met de gemeente en vraag naar het declaratie-antwoord (325).".into()
            }
            Verwerking::WachtOpAntwoord { uiterlijk } => format!(
                "Wacht op het antwoord van de gemeente; dat moet er uiterlijk {} zijn.",
                datum(*uiterlijk)
            ),
            Verwerking::NogUploaden => "Nog niet geüpload: de gemeente heeft deze regel nog niet.".into(),
            Verwerking::WordtAfgewezen { .. } => {
                "Het hele bestand wordt afgewezen om de fouten bij Controle, dus ook deze regel. Herstel het bestand en verstuur het opnieuw.".into()
            }
            _ => "Wacht op het antwoord van de gemeente.".into(),
        },
        LineStatus::Goedgekeurd if is_credit => "De credit is verwerkt. Niets meer te doen.".into(),
        LineStatus::Goedgekeurd => {
            "Niets te doen. Blijkt de regel toch niet te kloppen? Crediteer hem volledig en declareer zo nodig opnieuw met de juiste gegevens.".into()
        }
        LineStatus::Afgewezen if is_credit => format!(
            "De credit is afgewezen, dus de oorspronkelijke regel staat nog open. {}",
            code_advies(&line.codes).unwrap_or_else(|| "Controleer het VorigReferentieNummer en de gegevens en stuur de credit opnieuw.".into())
        ),
        LineStatus::Afgewezen => format!(
            "{} Crediteer een afgewezen regel nooit: declareer hem opnieuw als nieuwe regel met een nieuw ReferentieNummer.",
            code_advies(&line.codes).unwrap_or_else(|| "Zoek uit waarom de regel is afgewezen en corrigeer hem.".into())
        ),
        LineStatus::NietBeoordeeld => {
            let parent: Vec<&RetourCode> =
                line.codes.iter().filter(|c| c.rejects()).collect();
            let waarom = if parent.is_empty() {
                "de client is afgewezen".to_string()
            } else {
                format!("de client is afgewezen met code {}", join_codes(&parent))
            };
            format!(
                "Deze regel is niet beoordeeld omdat {waarom}. Los dat op en declareer de regel opnieuw met een nieuw ReferentieNummer."
            )
        }
        LineStatus::NietVerwerkt => match verwerking {
            Verwerking::GeheelAfgewezen { codes } if codes.iter().any(|c| c.is("9333")) => {
                "De hele declaratie is niet verwerkt omdat het declaratienummer niet uniek is (9333). Stuur de declaratie opnieuw met een nieuw declaratienummer.".into()
            }
            Verwerking::GeheelAfgewezen { codes } => format!(
                "De hele declaratie is afgewezen ({}) en niet verwerkt. Herstel het probleem en stuur de declaratie opnieuw.",
                join_codes(&codes.iter().collect::<Vec<_>>())
            ),
            Verwerking::HeaderAfgewezen { codes } => header_advies(codes),
            _ => "Het bericht is technisch afgekeurd (0001) en telt als niet verstuurd. Herstel het bestand en verstuur de hele declaratie opnieuw.".into(),
        },
        LineStatus::CreditIngediend => "Er is een credit voor deze regel verstuurd. Wacht op het antwoord op de creditdeclaratie.".into(),
        LineStatus::Gecrediteerd => "Deze regel is gecrediteerd en afgehandeld.".into(),
    }
}

/// Advice for a whole declaration.
pub fn advies_declaratie(view: &DeclaratieView) -> String {
    advies_declaratie_met(view, 0)
}

/// [`advies_declaratie`], when `opnieuw` of its rejected lines are already declared again.
pub fn advies_declaratie_met(view: &DeclaratieView, opnieuw: usize) -> String {
    match &view.verwerking {
        Verwerking::WachtOpAntwoord { uiterlijk } => {
            format!("Wacht op het antwoord van de gemeente (uiterlijk {}).", datum(*uiterlijk))
        }
        Verwerking::AntwoordTeLaat { uiterlijk } => format!(
            "Het antwoord had er uiterlijk {} moeten zijn. Neem contact op met de gemeente; controleer ook in VECOZO of het bestand goed is aangekomen (een XSD-fout geeft geen 325).",
            datum(*uiterlijk)
        ),
        Verwerking::TechnischAfgekeurd => {
            "Het bericht is technisch afgekeurd (0001) en niet verwerkt. Herstel het bestand en verstuur de hele declaratie opnieuw.".into()
        }
        Verwerking::NogUploaden => "Kloppend heeft dit bericht gemaakt, maar het is nog niet geüpload: de gemeente heeft het nog niet. Upload het bestand in VECOZO en zet het daarna op 'Geüpload' bij Te doen; vanaf dan loopt de antwoordtermijn van 10 werkdagen.".into(),
        Verwerking::HeaderAfgewezen { codes } => header_advies(codes),
        Verwerking::WordtAfgewezen { door_vecozo } => wordt_afgewezen(*door_vecozo).into(),
        Verwerking::GeheelAfgewezen { .. } => view
            .lines
            .first()
            .map(|l| advies_regel(l, &view.verwerking, false))
            .unwrap_or_else(|| "Herstel het probleem en stuur de declaratie opnieuw.".into()),
        Verwerking::Beoordeeld => {
            let rejected = view.count(LineStatus::Afgewezen) + view.count(LineStatus::NietBeoordeeld);
            let sums_wrong = view.som_controle.is_some_and(|s| !s.klopt);
            let open = rejected.saturating_sub(opnieuw);
            let mut text = if rejected == 0 {
                "Alle regels zijn goedgekeurd.".to_string()
            } else if open == 0 {
                format!(
                    "{} afgewezen of niet beoordeeld, en alle al opnieuw gedeclareerd: wacht op het antwoord daarop.",
                    crate::base::text::count(rejected, "regel", "regels")
                )
            } else if opnieuw > 0 {
                format!(
                    "{} van de {rejected} afgewezen of niet beoordeelde regels nog niet opnieuw gedeclareerd: corrigeer en declareer ze opnieuw met een nieuw referentienummer (niet crediteren). De andere {opnieuw} zijn al opnieuw gedeclareerd.",
                    open
                )
            } else {
                format!(
                    "{} afgewezen of niet beoordeeld: corrigeer en declareer opnieuw met een nieuw referentienummer (niet crediteren).",
                    crate::base::text::count(rejected, "regel", "regels")
                )
            };
            if sums_wrong {
                text.push_str(" Let op: de bedragen in het antwoord kloppen niet; vraag de gemeente om uitleg.");
            }
            text
        }
    }
}

/// A 323 whose own errors reject it as a whole: say so, not "wait" or "chase the answer".
pub fn wordt_afgewezen(door_vecozo: bool) -> &'static str {
    if door_vecozo {
        "Dit bestand wordt afgewezen: het past niet in het XSD-schema, dus VECOZO weigert het en er komt geen antwoord. Herstel de fouten bij Controle in je declaratiesoftware en upload het opnieuw."
    } else {
        "Dit bestand wordt afgewezen: om de fouten bij Controle antwoordt de gemeente met 0001 en telt de hele declaratie als niet verstuurd. Herstel de fouten in je declaratiesoftware en verstuur de declaratie opnieuw, met een nieuwe BerichtIdentificatie."
    }
}

/// IV088: the gemeente refused the message on its header; the code says why. It counts as
/// not sent, so it is sent again once the cause is fixed (with a new BerichtIdentificatie).
fn header_advies(codes: &[RetourCode]) -> String {
    let reden = code_advies(codes).unwrap_or_else(|| "Zoek uit wat de code betekent en herstel het.".into());
    format!(
        "De gemeente heeft het bericht niet verwerkt: het is afgewezen op de header met code {}. {reden} Verstuur de declaratie daarna opnieuw met een nieuwe BerichtIdentificatie; er is niets te crediteren.",
        join_codes(&codes.iter().collect::<Vec<_>>())
    )
}

/// The advice text of the first code that has one and is a rejection.
fn code_advies(codes: &[RetourCode]) -> Option<String> {
    codes.iter().filter(|c| c.rejects()).find_map(|c| c.info()).map(|info| info.advies.to_string())
}

fn join_codes(codes: &[&RetourCode]) -> String {
    codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
}
