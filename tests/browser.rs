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
    assert_eq!(links.length(), 5);
    let footer = document.query_selector("footer").unwrap().unwrap().text_content().unwrap();
    assert!(footer.contains("blijven op dit apparaat"));
}
