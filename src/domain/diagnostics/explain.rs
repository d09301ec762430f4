//! What a code on screen means: a retourcode of the gemeente, a rule Kloppend checks, or
//! another code of the standard, in one or two plain-Dutch sentences (the "?" behind it). Here,
//! above the reference layer, because a rule's explanation is the rulebook's.

use crate::diagnostics::rules::Rule;

/// Codes of the standard that Kloppend names on screen but checks as no [`Rule`] of its own
/// (the credit wizard's guards, the answer term).
static OTHER_CODES: &[(&str, &str)] = &[
    (
        "IV085",
        "Afspraak IV085 van de iStandaard: alleen een regel die de gemeente heeft goedgekeurd crediteer je, altijd in zijn geheel; een afgewezen regel declareer je opnieuw.",
    ),
    (
        "IV086",
        "Afspraak IV086 van de iStandaard: een correctie is een volledige creditregel plus een nieuwe debetregel, die samen in één bericht mogen.",
    ),
    (
        "IV090",
        "Afspraak IV090 van de iStandaard: een nieuw bericht heeft geen declaratieperiode vóór de laatst ingediende periode bij die gemeente.",
    ),
    (
        "OP360",
        "Afspraak OP360 van de iStandaard: een regel crediteer je één keer; een credit die al is ingediend dien je niet nog eens in.",
    ),
];

/// What a code on screen means, in one or two sentences: a retourcode of the gemeente, a rule
/// Kloppend checks, or another code of the standard. `None` for a code Kloppend does not know.
pub fn explain_code(code: &str) -> Option<String> {
    if let Some(info) = crate::reference::retourcodes::lookup(code) {
        return Some(format!("Retourcode {code}: {}. {}", info.omschrijving.trim_end_matches('.'), info.uitleg));
    }
    if let Some(rule) = Rule::ALL.into_iter().find(|r| r.code() == code) {
        return Some(format!("Controleregel {code} van de iStandaard: {} Gevolg: {}.", rule.omschrijving(), rule.gevolg().label()));
    }
    OTHER_CODES.iter().find(|(c, _)| *c == code).map(|(_, text)| text.to_string())
}

/// Every rule and other code, for the list on Instellingen.
pub fn codes() -> impl Iterator<Item = (&'static str, String)> {
    let rules = Rule::ALL.into_iter().filter(|r| *r != Rule::Xsd && *r != Rule::Koppeling).map(|r| r.code());
    rules.chain(OTHER_CODES.iter().map(|(c, _)| *c)).filter_map(|code| explain_code(code).map(|text| (code, text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_kloppend_names_is_explained() {
        for rule in Rule::ALL {
            let text = explain_code(rule.code()).unwrap_or_else(|| panic!("{} unexplained", rule.code()));
            assert!(text.ends_with('.') && text.len() > 40, "{text}");
        }
        for code in ["IV085", "OP360", "0611", "9340", "8001"] {
            assert!(explain_code(code).is_some(), "{code}");
        }
        assert_eq!(explain_code("TR999"), None);
        let tr322 = explain_code("TR322").unwrap();
        assert!(tr322.starts_with("Controleregel TR322 van de iStandaard: Alles wat op een toewijzing"), "{tr322}");
        assert!(tr322.contains("retourcode 9322"), "{tr322}");
        assert!(explain_code("0611").unwrap().starts_with("Retourcode 0611: Het ingediende tarief"));
    }
}
