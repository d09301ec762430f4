//! Instellingen: privacy preferences, the archive (usage, persistence, back-up and restore,
//! the event log, wiping everything) and what the app is.

use crate::domain::notices;
use crate::domain::text::datum;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{download, files, storage};
use crate::domain::overview::filter_options;
use crate::domain::term::Term;
use crate::domain::view::wording;
use crate::ui::state::{AppState, RestoreMode, yield_to_browser};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section>
            <h2>"Instellingen"</h2>
            <h3>"Privacy"</h3>
            <label>
                <input type="checkbox" id="toon-bsn" prop:checked=move || state.show_bsn().get()
                    on:change=move |_| spawn_local(state.set_show_bsn(!state.show_bsn().get_untracked())) />
                " BSN standaard volledig tonen (anders alleen de laatste drie cijfers)"
            </label>
            <p class="explain">"Kloppend werkt volledig in deze browser. Er gaat geen enkel bestand of gegeven naar een server; de beveiligingsinstelling van de pagina verbiedt verbindingen met andere adressen."</p>
        </section>
        <TermsSection />
        <crate::ui::pages::tariffs::TariffSection />
        <PeriodSection />
        <GlossarySection />
        <ArchiveSection />
        <BackupSection />
        <RestoreSection />
        <LogSection />
        <EraseSection />
        <SpeedTest />
        <section>
            <h3>"Over Kloppend"</h3>
            <p>"Kloppend leest iWmo- en iJw-declaraties (323) en declaratie-antwoorden (325) van release 3.x, koppelt ze, laat per regel zien wat is goedgekeurd, afgewezen en verrekend, en maakt creditberichten. Versie " {env!("CARGO_PKG_VERSION")} "."</p>
        </section>
    }
}

fn megabytes(bytes: f64) -> String {
    // The browser reports usage as a float; whole bytes are all that is shown.
    wording::size(bytes.max(0.0) as usize)
}

/// What is stored, how much room it takes, whether the browser keeps it, and its digest.
#[component]
fn ArchiveSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    // None until the browser has answered; then whether it keeps the archive, or `None` when
    // it cannot be asked (not a secure context).
    let persisted = RwSignal::new(None::<Option<bool>>);
    let usage = RwSignal::new(None::<storage::Usage>);
    let digest = RwSignal::new(None::<String>);
    // Which refresh is the latest: an earlier one that finishes later (it read the archive
    // before a change) must not put its stale digest back on the screen.
    let generation = StoredValue::new(0u64);
    // Refresh usage and digest whenever the archive changes (the log grows with every change).
    Effect::new(move |_| {
        state.log().track();
        state.workspace().track();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        // Until the new digest is there, none is shown rather than the old one.
        digest.set(None);
        spawn_local(async move {
            // The digest first: the browser's usage estimate can take a second once the
            // origin has stored a lot, and the digest is what a user compares.
            let value = state.fingerprint().await.ok();
            if generation.get_value() == mine {
                digest.set(value);
            }
            persisted.set(Some(storage::is_persisted().await));
            usage.set(storage::estimate().await);
        });
    });
    let ask = move |_| {
        spawn_local(async move {
            let granted = storage::request_persistence().await;
            persisted.set(Some(Some(granted)));
        })
    };
    view! {
        <section>
            <h3>"Archief"</h3>
            <p id="archief-aantal">{move || state.workspace().with(|w| {
                let (files, bytes) = w.stored();
                format!("Het archief op dit apparaat bevat {}, samen {}.", wording::count(files, "bestand", "bestanden"), wording::size(usize::try_from(bytes).unwrap_or(usize::MAX)))
            })}</p>
            <p id="opslag">{move || match usage.get() {
                Some(u) => format!(
                    "Deze browser gebruikt {} van de {} die Kloppend mag gebruiken ({}%).",
                    megabytes(u.used), megabytes(u.quota), format!("{:.1}", if u.quota > 0.0 { 100.0 * u.used / u.quota } else { 0.0 }).replace('.', ",")
                ),
                None => "Hoeveel ruimte er is, vertelt de browser alleen via https of op localhost.".to_string(),
            }}</p>
            <p id="offline">{if crate::browser::page::is_secure_context() {
                "Na het eerste bezoek werkt Kloppend ook zonder netwerk, en je kunt het als app installeren (in het menu van de browser)."
            } else {
                "Offline gebruik en installeren als app vragen https (of localhost). Via dit adres werkt Kloppend alleen met netwerk; je archief blijft gewoon bewaard."
            }}</p>
            <p>
                "Vingerafdruk van het archief: " <code id="vingerafdruk">{move || digest.get().unwrap_or_else(|| "…".into())}</code>
                <br /><span class="explain">"Na het terugzetten van een back-up is de vingerafdruk weer dezelfde als toen de back-up werd gemaakt."</span>
            </p>
            <div class="actions">
                {move || match persisted.get() {
                    None => ().into_any(),
                    Some(Some(true)) => view! { <span class="badge ok" id="bewaard">"De browser bewaart het archief, ook als de ruimte krap wordt"</span> }.into_any(),
                    Some(Some(false)) => view! {
                        <button class="secondary" id="persist" on:click=ask>"Vraag de browser het archief te bewaren"</button>
                        <span class="explain">"Zonder deze toestemming mag de browser het archief wissen als de schijf vol raakt."</span>
                    }.into_any(),
                    Some(None) => view! { <span class="badge warn">"Bewaren aanvragen kan alleen via https of op localhost"</span> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Download the whole archive as one file, optionally sealed with a passphrase.
#[component]
fn BackupSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let make = move |_| {
        let secret = encrypt.get_untracked().then(|| passphrase.get_untracked());
        if secret.as_ref().is_some_and(|p| p.chars().count() < 8) {
            state.show(notices::passphrase_too_short());
            return;
        }
        busy.set(true);
        spawn_local(async move {
            yield_to_browser().await;
            match state.backup(secret).await {
                Ok((name, bytes)) => match download::download(&name, "application/octet-stream", &bytes) {
                    Ok(()) => state.show(notices::backup_made(&name, bytes.len())),
                    Err(e) => state.show(notices::download_failed(e)),
                },
                Err(e) => state.show(notices::failed(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section>
            <h3>"Back-up maken"</h3>
            <p class="explain">"VECOZO bewaart bestanden maar kort, en een browser kan zijn opslag kwijtraken. Een back-up is één bestand met al je originele bestanden, de gebruikte nummers, het logboek en je instellingen."</p>
            <label>
                <input type="checkbox" id="backup-versleutelen" prop:checked=move || encrypt.get() on:change=move |_| encrypt.update(|v| *v = !*v) />
                " Versleutelen met een wachtwoord (AES-256; zonder het wachtwoord is de back-up onbruikbaar, ook voor ons)"
            </label>
            {move || encrypt.get().then(|| view! {
                <PassphraseField id="backup-wachtwoord" label="Wachtwoord" autocomplete="new-password" value=passphrase />
            })}
            <BusyButton id="backup" label="Back-up downloaden" busy=busy on_click=make />
        </section>
    }
}

/// Restore a back-up: merge it in, or replace the archive with it.
#[component]
fn RestoreSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let passphrase = RwSignal::new(String::new());
    let mode = RwSignal::new(RestoreMode::Samenvoegen);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let restore = move |_| {
        let Some(element) = input.get_untracked() else { return };
        let list = files::chosen(&element);
        busy.set(true);
        spawn_local(async move {
            let picked = files::read_all(list).await;
            let Some(file) = picked.into_iter().next() else {
                state.show(notices::choose_backup_first());
                busy.set(false);
                return;
            };
            match file.bytes {
                Ok(bytes) => {
                    let secret = Some(passphrase.get_untracked()).filter(|p| !p.is_empty());
                    // The outcome or the error is shown by the state; only the form is cleared here.
                    if state.restore(bytes, secret, mode.get_untracked()).await.is_ok() {
                        element.set_value("");
                        passphrase.set(String::new());
                    }
                }
                Err(e) => state.show(notices::in_file(&file.name, e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section>
            <h3>"Back-up terugzetten"</h3>
            <p class="explain">"Kloppend controleert de hele back-up voordat er iets verandert. Een verkeerd wachtwoord of een beschadigd bestand verandert niets aan je archief."</p>
            <div class="field">
                <label for="terugzetten-bestand">"Back-upbestand (.zip of .kloppend)"</label>
                <input type="file" id="terugzetten-bestand" accept=".zip,.kloppend,application/zip" node_ref=input />
            </div>
            <PassphraseField
                id="terugzetten-wachtwoord"
                label="Wachtwoord (alleen bij een versleutelde back-up)"
                autocomplete="current-password"
                value=passphrase
            />
            <fieldset class="choice">
                <legend>"Wat moet er gebeuren met wat er nu in het archief staat?"</legend>
                <label>
                    <input type="radio" name="terugzetten-wijze" id="terugzetten-samenvoegen"
                        prop:checked=move || mode.get() == RestoreMode::Samenvoegen on:change=move |_| mode.set(RestoreMode::Samenvoegen) />
                    " Samenvoegen: bestanden uit de back-up toevoegen, niets weghalen"
                </label>
                <label>
                    <input type="radio" name="terugzetten-wijze" id="terugzetten-vervangen"
                        prop:checked=move || mode.get() == RestoreMode::Vervangen on:change=move |_| mode.set(RestoreMode::Vervangen) />
                    " Vervangen: het archief wordt precies de back-up (dit kan niet ongedaan worden gemaakt)"
                </label>
            </fieldset>
            <BusyButton id="terugzetten" label="Back-up terugzetten" busy=busy on_click=restore />
        </section>
    }
}

/// A password input bound to `value` (the browser's password manager is told which kind).
#[component]
fn PassphraseField(id: &'static str, label: &'static str, autocomplete: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type="password" id=id autocomplete=autocomplete
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

/// The action button of a section: disabled, and saying so, while its action runs.
#[component]
fn BusyButton(
    id: &'static str,
    label: &'static str,
    busy: RwSignal<bool>,
    on_click: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <div class="actions">
            <button id=id disabled=move || busy.get() on:click=on_click>
                {move || if busy.get() { "Bezig…" } else { label }}
            </button>
        </div>
    }
}

/// The most recent entries of the event log, with undo for the last one.
#[component]
fn LogSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section>
            <h3>"Logboek"</h3>
            <p class="explain">"Elke wijziging van het archief wordt hier bijgehouden. De laatste kun je ongedaan maken met de knop bovenaan de pagina."</p>
            {move || state.log().with(|log| {
                if log.is_empty() {
                    return view! { <p class="muted">"Nog niets gebeurd."</p> }.into_any();
                }
                let rows = log.iter().rev().take(25).map(|g| {
                    let when = crate::browser::clock::local_date_time(g.time as f64);
                    view! { <tr><td class="mono">{when}</td><td>{crate::ui::components::file_name(&state, &g.action.description())}</td></tr> }
                }).collect_view();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Logboek"><table class="log" id="logboek"><thead><tr><th>"Wanneer"</th><th>"Wat"</th></tr></thead><tbody>{rows}</tbody></table></div>
                }.into_any()
            })}
        </section>
    }
}

/// "Alles wissen": every stored byte, after confirmation.
#[component]
fn EraseSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirm = RwSignal::new(false);
    view! {
        <section>
            <h3>"Alles wissen"</h3>
            {move || if confirm.get() {
                view! {
                    <p class="notice bad">"Weet je het zeker? Alle bestanden, gebruikte nummers, het logboek en je instellingen verdwijnen uit deze browser. Dit kan niet ongedaan worden gemaakt. Maak eerst een back-up als je ze wilt houden."</p>
                    <div class="actions">
                        <button class="danger" id="wissen-bevestigen" on:click=move |_| { confirm.set(false); spawn_local(state.wipe()); }>"Ja, alles wissen"</button>
                        <button class="secondary" on:click=move |_| confirm.set(false)>"Annuleren"</button>
                    </div>
                }.into_any()
            } else {
                view! { <button class="secondary" id="wissen" on:click=move |_| confirm.set(true)>"Alles wissen…"</button> }.into_any()
            }}
        </section>
    }
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
                let start = crate::browser::timing::now();
                if let Ok(loaded) = crate::domain::message::load(bytes, &context) {
                    lines = loaded.bericht.declared_lines();
                }
                best = best.min(crate::browser::timing::now() - start);
            }
            let mb = bytes.len() as f64 / 1_000_000.0;
            result.set(Some(format!(
                "{mb:.1} MB ({lines} regels) ingelezen en gecontroleerd in {best:.0} ms: {:.0} MB/s",
                mb / (best.max(1.0) / 1000.0)
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

/// The declaration term per gemeente the user declares to: what Te doen counts deadlines from.
#[component]
fn TermsSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section>
            <h3>"Declaratietermijnen"</h3>
            <p class="explain">
                "Tot wanneer je een periode mag declareren (en een afgewezen regel opnieuw) verschilt per gemeente en staat in je contract. "
                {format!("Kloppend rekent standaard met de termijn van het Standaard Administratieprotocol: {}. ", Term::DEFAULT.label())}
                "Geldt voor een gemeente een andere termijn, kies die hier; Te doen rekent de uiterste datum daarmee."
            </p>
            {move || {
                let gemeenten = state.workspace().with(|w| filter_options(w).gemeenten);
                if gemeenten.is_empty() {
                    return view! { <p class="muted">"Zodra er declaraties zijn geladen, staan hier hun gemeenten."</p> }.into_any();
                }
                let terms = state.terms().get();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Declaratietermijnen"><table id="termijnen">
                        <thead><tr><th>"Gemeente"</th><th>"Termijn"</th></tr></thead>
                        <tbody>{gemeenten.into_iter().map(|code| {
                            let current = terms.per_gemeente.get(&code).copied();
                            let label = format!("Termijn voor {}", wording::gemeente(&code));
                            let gemeente = code.clone();
                            view! {
                                <tr>
                                    <td>{wording::gemeente(&code)}</td>
                                    <td><select data-gemeente=code.clone() aria-label=label on:change=move |ev| {
                                        let term = Term::from_slug(&event_target_value(&ev));
                                        spawn_local(state.set_term(gemeente.clone(), term));
                                    }>
                                        <option value="standaard" selected=current.is_none()>{format!("Standaard ({})", Term::DEFAULT.short_label())}</option>
                                        {Term::CHOICES.into_iter().map(|t| view! { <option value=t.slug() selected=current == Some(t)>{t.short_label()}</option> }).collect_view()}
                                    </select></td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}

/// Which periods of a contract that pays per period (say, four weeks) care may declare, and in
/// which month's declaration each goes. The user gives the periods: no calendar is assumed.
#[component]
fn PeriodSection() -> impl IntoView {
    use crate::domain::periods::{Length, declarable};
    use chrono::{Datelike, NaiveDate};
    let anchor = RwSignal::new(String::new());
    let days = RwSignal::new("28".to_string());
    let months = RwSignal::new(false);
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let year = RwSignal::new(crate::browser::clock::today().year().to_string());
    let parse = |text: String| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
    view! {
        <section>
            <h3>"Perioden van een contract (bijvoorbeeld per vier weken)"</h3>
            <p class="explain">
                "Sommige contracten betalen een vast bedrag per periode, bijvoorbeeld per vier weken. Een periode mag je declareren als de zorg begon op of voor de laatste dag ervan en stopte op of na de eerste dag. "
                "Kloppend neemt geen kalender aan: sinds 2020 rekent het CAK voor de Wmo per kalendermaand en geldt er geen vierwekenkalender meer. Vul de begindatum van één periode uit je contract in, en de lengte."
            </p>
            <div class="filters">
                <label>"Een periode begint op" <input type="date" id="periode-anker" on:input=move |ev| anchor.set(event_target_value(&ev)) /></label>
                <label>"Lengte in dagen" <input type="number" id="periode-lengte" min="1" max="366" prop:value=move || days.get() prop:disabled=move || months.get() on:input=move |ev| days.set(event_target_value(&ev)) /></label>
                <label class="inline"><input type="checkbox" id="periode-maand" prop:checked=move || months.get() on:change=move |_| months.update(|m| *m = !*m) />" Kalendermaanden"</label>
            </div>
            <div class="filters">
                <label>"Zorg begonnen op" <input type="date" id="periode-start" on:input=move |ev| start.set(event_target_value(&ev)) /></label>
                <label>"Zorg gestopt op (leeg: loopt nog)" <input type="date" id="periode-eind" on:input=move |ev| end.set(event_target_value(&ev)) /></label>
                <label>"Jaar" <input type="number" id="periode-jaar" min="2000" max="2100" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) /></label>
            </div>
            {move || {
                let length = if months.get() { Some(Length::CalendarMonth) } else { days.get().trim().parse::<u32>().ok().filter(|n| (1..=366).contains(n)).map(Length::Days) };
                let anchor = if months.get() { NaiveDate::from_ymd_opt(2000, 1, 1) } else { parse(anchor.get()) };
                let Some(anchor) = anchor else {
                    return view! { <p class="muted" id="periode-uitkomst">"Vul de begindatum van een periode uit je contract in (of kies kalendermaanden)."</p> }.into_any();
                };
                let Some(length) = length else {
                    return view! { <p class="muted" id="periode-uitkomst">"Vul een lengte van 1 tot 366 dagen in."</p> }.into_any();
                };
                let Some(first) = parse(start.get()) else {
                    return view! { <p class="muted" id="periode-uitkomst">"Vul de begindatum van de zorg in."</p> }.into_any();
                };
                let last = parse(end.get());
                let Some(jaar) = year.get().trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)) else {
                    return view! { <p class="muted" id="periode-uitkomst">"Vul een jaar tussen 2000 en 2100 in."</p> }.into_any();
                };
                if last.is_some_and(|l| l < first) {
                    return view! { <p class="notice warn" id="periode-uitkomst">"De einddatum ligt voor de begindatum."</p> }.into_any();
                }
                let periods = declarable(anchor, length, first, last, jaar);
                if periods.is_empty() {
                    return view! { <p class="muted" id="periode-uitkomst">{format!("In {jaar} valt geen periode binnen deze zorg.")}</p> }.into_any();
                }
                view! {
                    <p id="periode-uitkomst">{format!("{} in {jaar}:", wording::count(periods.len(), "periode", "perioden"))}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Perioden"><table id="perioden">
                        <thead><tr><th>"Periode"</th><th>"Van"</th><th>"T/m"</th><th>"Declareren in de declaratie van"</th></tr></thead>
                        <tbody>{periods.into_iter().map(|p| {
                            let (y, m) = p.declaration_month();
                            view! { <tr data-periode=p.number.to_string()>
                                <td>{p.number}</td>
                                <td>{datum(p.first)}</td>
                                <td>{datum(p.last)}</td>
                                <td>{wording::maand(y, m)}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}

/// Every term of the standard Kloppend shows, explained in one place.
#[component]
fn GlossarySection() -> impl IntoView {
    view! {
        <section>
            <h3>"Begrippen"</h3>
            <p class="explain">"Waar Kloppend een term uit de standaard laat staan, staat er een '?' achter met deze uitleg."</p>
            <dl class="glossary" id="begrippen">
                {crate::domain::view::glossary::ENTRIES.iter().map(|e| view! { <dt>{e.term}</dt><dd>{e.uitleg}</dd> }).collect_view()}
            </dl>
            <details class="codes-list">
                <summary>"Alle controleregels en afspraken die Kloppend noemt"</summary>
                <p class="explain">"De retourcodes van de gemeente staan steeds met hun uitleg bij de regel; dit zijn de regels van de iStandaard waar Kloppend op controleert."</p>
                <dl class="glossary" id="codes">
                    {crate::domain::explain::codes().map(|(code, text)| view! { <dt class="mono">{code}</dt><dd>{text}</dd> }).collect_view()}
                </dl>
            </details>
        </section>
    }
}
