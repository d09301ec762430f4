//! Back-ups in the browser: WebCrypto sealing, and restoring through the app state
//! (replace gives back exactly the backed-up archive; a wrong passphrase changes nothing).

use kloppend::app::{AppError, Outcome};
use kloppend::browser::archive::Archive;
use kloppend::browser::crypto::{CryptoError, seal, unseal};
use kloppend::domain::Origin;
use kloppend::domain::backup::BackupError;
use kloppend::ui::state::{AppState, RestoreMode};
use leptos::prelude::GetUntracked;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn sealing_round_trips_and_a_wrong_passphrase_is_refused() {
    let plain = b"PK\x03\x04 any bytes at all".to_vec();
    let sealed = seal("correct horse battery", &plain).await.expect("WebCrypto on localhost");
    assert!(!sealed.windows(plain.len()).any(|w| w == plain.as_slice()), "the plain bytes are not in the sealed file");
    assert_eq!(unseal("correct horse battery", &sealed).await.unwrap(), plain);
    assert_eq!(unseal("wrong horse", &sealed).await.unwrap_err(), CryptoError::Backup(BackupError::Versleuteld));
    let mut damaged = sealed.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    assert_eq!(unseal("correct horse battery", &damaged).await.unwrap_err(), CryptoError::Backup(BackupError::Versleuteld));
}

#[wasm_bindgen_test]
async fn backup_erase_restore_gives_the_same_archive() {
    let state = AppState::with_database("kloppend-test-backup");
    state.init().await;
    state.wipe().await;
    state
        .add_files(vec![("debet.xml".into(), super::DEBET.to_vec()), ("antwoord.xml".into(), super::ANTWOORD.to_vec())], Origin::Import)
        .await
        .unwrap();
    let before = state.contents().await.unwrap();
    assert_eq!(before.bestanden.len(), 2);
    let digest = before.fingerprint();
    assert_eq!(state.fingerprint().await.unwrap(), digest, "the digest from metadata only is the same");

    let (name, sealed) = state.backup(Some("geheim wachtwoord".into())).await.unwrap();
    assert!(name.ends_with(".kloppend"), "{name}");
    let (_, plain) = state.backup(None).await.unwrap();

    state.wipe().await;
    assert!(state.contents().await.unwrap().bestanden.is_empty());
    assert!(state.workspace().get_untracked().documents.is_empty());

    // A wrong passphrase: refused, nothing changes.
    let error = state.restore(sealed.clone(), Some("fout".into()), RestoreMode::Vervangen).await.unwrap_err();
    assert_eq!(error, AppError::Crypto(CryptoError::Backup(BackupError::Versleuteld)));
    assert!(error.to_string().contains("wachtwoord klopt niet"), "{error}");
    assert!(state.contents().await.unwrap().bestanden.is_empty());

    // The right one: exactly what was backed up, on screen too.
    state.restore(sealed, Some("geheim wachtwoord".into()), RestoreMode::Vervangen).await.unwrap();
    assert_eq!(state.contents().await.unwrap().fingerprint(), digest);
    assert_eq!(state.workspace().get_untracked().documents.len(), 2);
    // Restored files were parsed from their bytes, and their models cached for next time.
    let archive = Archive::open_named("kloppend-test-backup").await.unwrap();
    let mut handles = archive.handles().await.unwrap();
    assert!(handles.iter_mut().all(|h| h.take_model().is_some()));

    // Merging the plain back-up into a full archive adds nothing.
    let outcome = state.restore(plain, None, RestoreMode::Samenvoegen).await.unwrap();
    assert_eq!(outcome, Outcome::Restored { mode: RestoreMode::Samenvoegen, added: 0, total: 2, unreadable: Vec::new() });
    let summary = outcome.notice().unwrap().text;
    assert!(summary.contains("0 bestanden toegevoegd"), "{summary}");
    assert_eq!(state.contents().await.unwrap().fingerprint(), digest);
    state.wipe().await;
}

#[wasm_bindgen_test]
async fn deleting_a_file_is_undone_through_the_app_state() {
    let state = AppState::with_database("kloppend-test-app-undo");
    state.init().await;
    state.wipe().await;
    state.add_files(vec![("debet.xml".into(), super::DEBET.to_vec())], Origin::Import).await.unwrap();
    let id = state.workspace().get_untracked().documents[0].file.id.clone();
    state.delete_files(vec![id.clone()]).await;
    assert!(state.workspace().get_untracked().documents.is_empty());
    assert_eq!(state.undo_label().as_deref(), Some("debet.xml verwijderd"));
    state.undo().await;
    let documents = state.workspace().get_untracked().documents.clone();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].file.id, id);
    assert_eq!(state.undo_label(), None, "an undo is not undone");
    // The numbers of the file are remembered even after it is gone.
    state.delete_files(vec![id]).await;
    let again = AppState::with_database("kloppend-test-app-undo");
    again.init().await;
    assert!(again.nummers().get_untracked().iter().any(|n| n.waarde == "F2025050"));
    again.wipe().await;
}

#[wasm_bindgen_test]
async fn a_file_picked_while_the_archive_opens_is_stored_and_stays_on_screen() {
    let name = "kloppend-test-early-pick";
    let earlier = AppState::with_database(name);
    earlier.init().await;
    earlier.wipe().await;
    earlier.add_files(vec![("antwoord.xml".into(), super::ANTWOORD.to_vec())], Origin::Import).await.unwrap();

    // The page opens again and the user picks a file before start-up has read the archive.
    // (Mounting the app sets up Leptos' task executor; here it is set up by hand.)
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let state = AppState::with_database(name);
    state.start();
    assert!(state.loading().get_untracked().is_some(), "start-up is still under way");
    state.add_files(vec![("debet.xml".into(), super::DEBET.to_vec())], Origin::Import).await.unwrap();
    assert!(state.loading().get_untracked().is_none(), "the pick waited for start-up");
    assert_eq!(state.workspace().get_untracked().documents.len(), 2, "the stored file and the picked one are both on screen");

    let again = AppState::with_database(name);
    again.init().await;
    let mut names: Vec<String> = again.workspace().get_untracked().documents.iter().map(|d| d.file.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["antwoord.xml", "debet.xml"], "and both are stored");
    again.wipe().await;
}
