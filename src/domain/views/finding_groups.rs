//! A file's findings as people read them: one entry per rule and severity, saying what
//! happened, what the gemeente does and what to do, with the rule code, the places and the
//! element paths folded away as technical detail. A file where every one of 33,000 lines
//! lacks its ProductTarief is one entry ("33.000 keer: …") with its first places, not 33,000
//! rows (issue 29), and grouping is one pass over the findings.

use std::collections::HashMap;

use crate::diagnostics::findings::{Finding, Scope, Severity};
use crate::diagnostics::rules::Rule;
use crate::formats::message::Soort;
use crate::views::wording;

/// Places listed per group: enough to find the first ones in the file.
pub const EXAMPLES: usize = 5;

/// Findings of one rule with one severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingGroup {
    pub rule: Rule,
    pub severity: Severity,
    pub count: usize,
    /// What happened, in one sentence: the first finding's text, with how often it occurs.
    pub wat: String,
    /// What the gemeente (or VECOZO) does with it, for this kind of message.
    pub gevolg: String,
    pub retourcode: Option<&'static str>,
    pub advies: &'static str,
    /// What the retourcode means, when the standard's code list has it.
    pub uitleg: Option<&'static str>,
    /// The first [`EXAMPLES`] findings: their own text and where they are.
    pub voorbeelden: Vec<Example>,
}

/// One finding as technical detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub wat: String,
    /// Where, in words: "cliënt 2, prestatie 1 (ProductTarief)".
    pub waar: String,
    /// Where in the file and the element path, for whoever opens it in an editor.
    pub technisch: String,
}

/// The findings of one message, grouped in the order they first occur (errors before
/// warnings, as the validator gives them).
pub fn group(findings: &[Finding], soort: Soort) -> Vec<FindingGroup> {
    let mut index: HashMap<(Rule, Severity), usize> = HashMap::new();
    let mut groups: Vec<FindingGroup> = Vec::new();
    for f in findings {
        let at = *index.entry((f.rule, f.severity)).or_insert_with(|| {
            groups.push(new_group(f, soort));
            groups.len() - 1
        });
        let g = &mut groups[at];
        g.count += 1;
        if g.voorbeelden.len() < EXAMPLES {
            g.voorbeelden.push(example(f, soort));
        }
    }
    for g in &mut groups {
        if g.count > 1 {
            g.wat = format!("{} keer: {}", crate::base::text::thousands(g.count), g.wat);
        }
    }
    groups
}

fn new_group(f: &Finding, soort: Soort) -> FindingGroup {
    let retourcode = f.rule.gevolg().retourcode().filter(|_| soort == Soort::Declaratie);
    FindingGroup {
        rule: f.rule,
        severity: f.severity,
        count: 0,
        wat: f.message.clone(),
        gevolg: wording::finding_consequence(f.rule, soort),
        retourcode,
        advies: wording::finding_advice(f.rule, soort),
        uitleg: retourcode.and_then(crate::reference::retourcodes::lookup).map(|info| info.uitleg),
        voorbeelden: Vec::new(),
    }
}

fn example(f: &Finding, soort: Soort) -> Example {
    let path = f.path.render(soort.body_element());
    let technisch = match f.location {
        Some(l) => format!("{l} · {path}"),
        None => path,
    };
    Example { wat: f.message.clone(), waar: place(f), technisch }
}

/// Where a finding is, as a provider counts: clients and their lines from 1.
fn place(f: &Finding) -> String {
    let part = match f.path.scope {
        Scope::Bericht => "het bericht".to_string(),
        Scope::Header => "de kop van het bericht".to_string(),
        Scope::Declaratie => "de declaratie".to_string(),
        Scope::Client(c) => format!("cliënt {}", c + 1),
        Scope::Prestatie { client, prestatie } => format!("cliënt {}, prestatie {}", client + 1, prestatie + 1),
    };
    match f.path.element.rsplit('/').find(|e| !e.is_empty()) {
        Some(element) => format!("{part} ({element})"),
        None => part,
    }
}
