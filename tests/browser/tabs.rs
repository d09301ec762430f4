//! Two sessions on one archive, as two tabs have: a session that did not hear of the other's
//! change plans its action against the stored archive all the same, and undo follows the
//! stored log whoever acted. Browser errors become Dutch by their DOMException name.

use kloppend::app::Outcome;
use kloppend::browser::archive::ArchiveError;
use kloppend::domain::Origin;
use kloppend::domain::plan::Imported;
use kloppend::ui::state::AppState;
use leptos::prelude::GetUntracked;
use wasm_bindgen_test::*;

fn names(state: &AppState) -> Vec<String> {
    let mut names: Vec<String> = state.workspace().get_untracked().documents.iter().map(|d| d.file.name.clone()).collect();
    names.sort();
    names
}

#[wasm_bindgen_test]
async fn a_stale_session_imports_against_the_stored_archive_and_undo_follows_the_log() {
    let name = "kloppend-test-two-tabs";
    let a = AppState::with_database(name);
    a.init().await;
    a.wipe().await;
    let b = AppState::with_database(name);
    b.init().await;

    // A stores the 323; B has not looked since it opened.
    a.add_files(vec![("debet.xml".into(), super::DEBET.to_vec())], Origin::Import).await.unwrap();
    assert!(names(&b).is_empty(), "B has not caught up yet (the test runs before any message arrives)");
    let outcome = b
        .add_files(vec![("debet.xml".into(), super::DEBET.to_vec()), ("antwoord.xml".into(), super::ANTWOORD.to_vec())], Origin::Import)
        .await
        .expect("no 'key already exists' from the store");
    let Outcome::Imported(imported) = &outcome else { panic!("{outcome:?}") };
    assert_eq!(imported.ids.len(), 1, "the one added is named for the summary");
    assert_eq!(
        outcome,
        Outcome::Imported(Imported { added: 1, duplicates: 1, refused: 0, backups: Vec::new(), ids: imported.ids.clone() })
    );
    assert_eq!(names(&b), ["antwoord.xml", "debet.xml"]);

    // A's undo is planned from the stored log: it undoes B's import, not A's own.
    a.undo().await;
    assert_eq!(names(&a), ["debet.xml"]);
    let again = AppState::with_database(name);
    again.init().await;
    assert_eq!(names(&again), ["debet.xml"], "the archive as stored");
    again.wipe().await;
}

#[wasm_bindgen_test]
fn browser_errors_are_dutch_by_their_name() {
    for (name, expected) in [
        ("QuotaExceededError", ArchiveError::Full),
        ("ConstraintError", ArchiveError::AlreadyThere),
        ("InvalidStateError", ArchiveError::Closed),
        ("TransactionInactiveError", ArchiveError::Closed),
        ("AbortError", ArchiveError::Aborted),
        ("VersionError", ArchiveError::VersionChanged),
    ] {
        let error = ArchiveError::from_dom(name);
        assert_eq!(error, expected);
        let text = error.to_string();
        assert!(!text.contains("Error") && text.contains("Er is niets veranderd") || error == ArchiveError::Full, "{name}: {text}");
    }
    let other = ArchiveError::from_dom("UnknownError").to_string();
    assert!(other.starts_with("Het archief kon niet worden bijgewerkt (foutcode van de browser: UnknownError)"), "{other}");
}
