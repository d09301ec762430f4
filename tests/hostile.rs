//! The hostile-input corpus (`tests/support/hostile.rs`) read natively, as the app's import
//! and restore plans read it: each case ends as the corpus says (refused, stored, pointed to
//! Instellingen, restore refused or accepted) with its Dutch text, within a bounded time and
//! without a panic. The browser test runs the same corpus through the built app.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use kloppend::domain::backup;
use kloppend::domain::intake::{Content, Document};
use kloppend::domain::message::ValidationContext;
use kloppend::domain::plan::Picked;
use kloppend::domain::{Origin, StoredFile};
use support::hostile::{self, How};

/// What the app would do with a case, and the text it would show.
fn outcome(case: &hostile::Case) -> (How, String) {
    if matches!(case.how, How::RestoreRefused | How::RestoreAccepted) {
        let read = if backup::is_sealed(&case.bytes) {
            backup::ontzegel(&case.bytes).map(|_| ()).map_err(|e| e.to_string())
        } else {
            backup::read_backup(&case.bytes).map(|_| ()).map_err(|e| e.to_string())
        };
        return match read {
            Ok(()) => (How::RestoreAccepted, "De back-up is samengevoegd".into()),
            Err(text) => (How::RestoreRefused, text),
        };
    }
    let picked = Picked::sort(vec![(case.name.clone(), case.bytes.clone())]);
    if !picked.backups.is_empty() {
        return (How::PointToRestore, "is een back-up van Kloppend".into());
    }
    let mut texts: Vec<String> = picked.unpacked_refused.iter().map(|(name, problem)| format!("{name}: {problem}")).collect();
    let mut stored = 0;
    for (name, bytes) in picked.entries {
        let document = Document::analyse(&StoredFile::new(name.clone(), bytes, Origin::Import, 0.0), &ValidationContext::default());
        match &document.content {
            Content::Geweigerd(reason) => texts.push(format!("{name}: {reason}")),
            Content::Bericht(loaded) => {
                stored += 1;
                // As the screen lists them: one entry per rule.
                let groups = kloppend::domain::view::finding_groups::group(&loaded.findings, loaded.bericht.bericht_type().soort);
                let findings: Vec<&str> = groups.iter().map(|g| g.wat.as_str()).collect();
                texts.push(format!("{name}: {} {}", loaded.bericht.bericht_type(), findings.join("; ")));
            }
            Content::Verrekening(_) => {
                stored += 1;
                texts.push(format!("{name}: Verrekenoverzicht"));
            }
            Content::Melding(melding) => {
                stored += 1;
                texts.push(format!("{name}: {}", melding.naam()));
            }
            Content::Tarieven(tarieven) => {
                stored += 1;
                texts.push(format!("{name}: tarieven ({} rijen)", tarieven.rijen.len()));
            }
            Content::Toewijzing(toewijzing) => {
                stored += 1;
                texts.push(format!("{name}: {}", toewijzing.naam()));
            }
        }
    }
    if texts.is_empty() {
        texts.push("Geen bestanden gevonden".into());
    }
    let refused = texts.len() - stored;
    let how = if stored > 0 && refused == 0 { How::Store } else { How::Refuse };
    (how, texts.join(" | "))
}

#[test]
fn every_hostile_file_ends_as_the_corpus_says() {
    let settlement = support::fixture("settlement/01-semicolon-dutch.csv");
    let corpus = hostile::corpus(support::example, &settlement);
    assert!(corpus.len() >= 60, "the corpus has {} cases", corpus.len());
    let mut wrong = Vec::new();
    for case in corpus.iter().filter(|c| !c.browser_only) {
        let started = Instant::now();
        let (how, text) = outcome(case);
        let took = started.elapsed();
        if how != case.how || !text.contains(case.expect) || took > Duration::from_secs(20) {
            wrong.push(format!(
                "{}: expected {} with '{}', got {} in {took:?}: {}",
                case.name,
                case.how.word(),
                case.expect,
                how.word(),
                truncate(&text)
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {} cases:\n{}", wrong.len(), corpus.len(), wrong.join("\n"));
}

fn truncate(text: &str) -> String {
    text.chars().take(300).collect()
}
