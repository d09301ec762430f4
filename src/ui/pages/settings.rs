//! Instellingen: privacy preferences, the archive (back-up, emptying) and what the app is.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{archive, clock, download, prefs};
use crate::domain::credit::zip_bundles;
use crate::ui::state::{AppState, NoticeKind};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let persisted = RwSignal::new(None::<bool>);
    let confirm_clear = RwSignal::new(false);

    let backup = move |_| {
        let files: Vec<(String, Vec<u8>)> = state.workspace.with_untracked(|w| {
            w.documents.iter().map(|d| (format!("{}_{}", &d.file.id[..8], safe_name(&d.file.name)), d.file.bytes.to_vec())).collect()
        });
        if files.is_empty() {
            state.notify(NoticeKind::Info, "Het archief is leeg; er is niets om te bewaren.");
            return;
        }
        // One ZIP per 30 files, the VECOZO limit, so a back-up part can also be uploaded as is.
        let name = format!("kloppend_archief_{}", clock::today().format("%Y%m%d"));
        match zip_bundles(&files, &name) {
            Ok(zips) => {
                for (zip_name, bytes) in zips {
                    let _ = download::download(&zip_name, "application/zip", &bytes);
                }
                state.notify(NoticeKind::Ok, format!("{} bestanden als ZIP gedownload. Terugzetten: importeer de ZIP.", files.len()));
            }
            Err(e) => state.notify(NoticeKind::Bad, format!("Back-up maken mislukt: {e}")),
        }
    };

    view! {
        <section>
            <h2>"Instellingen"</h2>
            <crate::ui::components::NoticeBar />
            <h3>"Privacy"</h3>
            <label>
                <input type="checkbox" id="toon-bsn" prop:checked=move || state.show_bsn.get()
                    on:change=move |_| { let v = !state.show_bsn.get_untracked(); state.show_bsn.set(v); prefs::set_show_bsn(v); } />
                " BSN standaard volledig tonen (anders alleen de laatste drie cijfers)"
            </label>
            <p class="explain">"Kloppend werkt volledig in deze browser. Er gaat geen enkel bestand of gegeven naar een server; de beveiligingsinstelling van de pagina verbiedt verbindingen met andere adressen."</p>
        </section>
        <section>
            <h3>"Archief"</h3>
            <p>{move || state.workspace.with(|w| format!("Het archief op dit apparaat bevat {} bestand(en).", w.documents.len()))}</p>
            <p class="explain">"VECOZO bewaart bestanden maar kort. Maak af en toe een back-up: een ZIP met al je bestanden, die je later weer kunt importeren."</p>
            <div class="actions">
                <button id="backup" on:click=backup>"Back-up downloaden (ZIP)"</button>
                <button class="secondary" id="persist" on:click=move |_| spawn_local(async move { persisted.set(Some(archive::request_persistence().await)); })>
                    "Vraag de browser het archief te bewaren"
                </button>
                {move || persisted.get().map(|granted| if granted {
                    view! { <span class="badge ok">"De browser bewaart het archief"</span> }.into_any()
                } else {
                    view! { <span class="badge warn">"Niet toegestaan (alleen via https of localhost, of de browser weigert)"</span> }.into_any()
                })}
            </div>
            <h3>"Archief leegmaken"</h3>
            {move || if confirm_clear.get() {
                view! {
                    <p class="notice bad">"Weet je het zeker? Alle bestanden verdwijnen uit deze browser. Maak eerst een back-up als je ze wilt houden."</p>
                    <div class="actions">
                        <button class="danger" id="leegmaken-bevestigen" on:click=move |_| { confirm_clear.set(false); spawn_local(state.clear_archive()); }>"Ja, alles verwijderen"</button>
                        <button class="secondary" on:click=move |_| confirm_clear.set(false)>"Annuleren"</button>
                    </div>
                }.into_any()
            } else {
                view! { <button class="secondary" id="leegmaken" on:click=move |_| confirm_clear.set(true)>"Archief leegmaken…"</button> }.into_any()
            }}
        </section>
        <SpeedTest />
        <section>
            <h3>"Over Kloppend"</h3>
            <p>"Kloppend leest iWmo- en iJw-declaraties (323) en declaratie-antwoorden (325) van release 3.x, koppelt ze, laat per regel zien wat is goedgekeurd, afgewezen en verrekend, en maakt creditberichten. Versie " {env!("CARGO_PKG_VERSION")} "."</p>
        </section>
    }
}

/// A file name safe inside a ZIP (no folders).
fn safe_name(name: &str) -> String {
    name.chars().map(|c| if matches!(c, '/' | '\\' | ':') { '_' } else { c }).collect()
}

/// Measures how fast this device reads a generated 25 MB declaration (the VECOZO maximum).
#[component]
fn SpeedTest() -> impl IntoView {
    let result = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let run = move |_| {
        busy.set(true);
        result.set(None);
        spawn_local(async move {
            // Let the "bezig" text render before the work blocks the page for a moment.
            yield_to_browser().await;
            let xml = crate::domain::generate::sized_declaratie(25);
            let bytes = xml.as_bytes();
            let context = crate::domain::message::ValidationContext::default();
            let mut best = f64::MAX;
            let mut lines = 0;
            for _ in 0..3 {
                let start = now();
                if let Ok(loaded) = crate::domain::message::load(bytes, &context) {
                    lines = loaded.bericht.as_declaratie().map(|d| d.prestaties().count()).unwrap_or(0);
                }
                best = best.min(now() - start);
            }
            let mb = bytes.len() as f64 / 1_000_000.0;
            result.set(Some(format!(
                "{mb:.1} MB ({lines} regels) ingelezen en gecontroleerd in {best:.0} ms: {:.0} MB/s",
                mb / (best / 1000.0)
            )));
            busy.set(false);
        });
    };
    view! {
        <section>
            <h3>"Snelheid"</h3>
            <p class="explain">"Meet hoe snel dit apparaat een declaratie van 25 MB (het maximum van VECOZO) inleest en controleert. De testgegevens worden ter plekke gemaakt."</p>
            <div class="actions">
                <button class="secondary" id="snelheid" disabled=move || busy.get() on:click=run>"Snelheid meten"</button>
                <span id="snelheid-uitkomst">{move || if busy.get() { "Bezig…".to_string() } else { result.get().unwrap_or_default() }}</span>
            </div>
        </section>
    }
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Yield to the browser once (a resolved promise is not enough to paint; a 0 ms timeout is).
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
