//! Tests that run inside headless Chromium (wasm-bindgen-test): the core compiled to
//! WebAssembly, and the browser adapters and screens where their behaviour lives.
#![cfg(target_arch = "wasm32")]

use kloppend::domain::message::{self, Bericht, BerichtType, ValidationContext};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DEBET: &[u8] = include_bytes!("../../shared/istandaarden/examples/wmo323_debet.xml");
const ANTWOORD: &[u8] = include_bytes!("../../shared/istandaarden/examples/wmo325_antwoord.xml");

#[wasm_bindgen_test]
fn the_core_reads_messages_in_webassembly() {
    let debet = message::load(DEBET, &ValidationContext::default()).expect("323 loads");
    assert_eq!(debet.bericht.bericht_type(), BerichtType::WMO323);
    assert!(debet.findings.is_empty(), "{:?}", debet.findings);
    let antwoord = message::load(ANTWOORD, &ValidationContext::default()).expect("325 loads");
    let Bericht::Antwoord(a) = antwoord.bericht else { panic!("325") };
    assert_eq!(a.header.declaratie_identificatie.identificatie, "DECL2025050");
}

#[wasm_bindgen_test]
fn a_refusal_says_what_and_where_in_webassembly() {
    let broken = String::from_utf8_lossy(DEBET).replace("<iwmo:Bedrag>48000<", "<iwmo:Bedrag>480.00<");
    let error = message::load(broken.as_bytes(), &ValidationContext::default()).unwrap_err().to_string();
    assert!(error.contains("hele eurocenten") && error.contains("regel 48"), "{error}");
}

#[wasm_bindgen_test]
fn the_app_mounts_with_its_menu() {
    leptos::mount::mount_to_body(kloppend::ui::App);
    let document = web_sys::window().unwrap().document().unwrap();
    let links = document.query_selector_all("nav a").unwrap();
    let labels: Vec<String> = (0..links.length()).filter_map(|i| links.item(i)).filter_map(|n| n.text_content()).collect();
    assert_eq!(
        labels,
        ["Importeren", "Te doen", "Overzicht", "Toewijzingen", "Declareren", "Crediteren", "Verrekeningen", "Inzicht", "Instellingen"]
    );
    let footer = document.query_selector("footer").unwrap().unwrap().text_content().unwrap();
    assert!(footer.contains("blijven op dit apparaat"));
}

#[path = "browser/archive.rs"]
mod archive;
#[path = "browser/backup.rs"]
mod backup;
#[path = "browser/tabs.rs"]
mod tabs;

mod import_flow {
    use kloppend::browser::files::read_all;
    use kloppend::domain::Origin;
    use kloppend::domain::reconcile::LineStatus;
    use kloppend::ui::state::AppState;
    use wasm_bindgen_test::*;
    use web_sys::{DataTransfer, File};

    fn js_file(name: &str, bytes: &[u8]) -> File {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        File::new_with_u8_array_sequence(&parts, name).unwrap()
    }

    #[wasm_bindgen_test]
    async fn picked_files_are_read_analysed_reconciled_and_archived() {
        let transfer = DataTransfer::new().unwrap();
        transfer.items().add_with_file(&js_file("debet.xml", super::DEBET)).unwrap();
        transfer.items().add_with_file(&js_file("antwoord.xml", super::ANTWOORD)).unwrap();
        transfer.items().add_with_file(&js_file("kapot.xml", b"<nee")).unwrap();
        let picked = read_all(transfer.files()).await;
        assert_eq!(picked.len(), 3);
        assert_eq!(picked[0].bytes.as_deref().unwrap(), super::DEBET);

        let state = AppState::with_database("kloppend-test-import");
        state.init().await;
        state.wipe().await;
        let files = picked.into_iter().map(|p| (p.name, p.bytes.unwrap())).collect();
        state.add_files(files, Origin::Import).await.unwrap();
        let workspace = leptos::prelude::GetUntracked::get_untracked(&state.workspace());
        assert_eq!(workspace.documents.len(), 2, "the broken file is refused, not archived");
        assert_eq!(leptos::prelude::GetUntracked::get_untracked(&state.refused()).len(), 1);
        assert_eq!(workspace.reconciliation.totalen.count(LineStatus::Afgewezen), 1);
        assert_eq!(workspace.reconciliation.totalen.count(LineStatus::Goedgekeurd), 1);

        // A fresh start reads the same documents back from IndexedDB.
        let again = AppState::with_database("kloppend-test-import");
        again.init().await;
        let reloaded = leptos::prelude::GetUntracked::get_untracked(&again.workspace());
        assert_eq!(reloaded.documents.len(), 2);
        assert_eq!(reloaded.reconciliation, workspace.reconciliation);
        // It came from the cached models, which the import stored for both clean messages.
        let archive = kloppend::browser::archive::Archive::open_named("kloppend-test-import").await.unwrap();
        let mut handles = archive.handles().await.unwrap();
        assert_eq!(handles.len(), 2);
        assert!(handles.iter_mut().all(|h| h.take_model().is_some()));
        again.wipe().await;
    }
}
