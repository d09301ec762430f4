//! Importeren: pick or drop 323/325 files (or ZIPs of them), load the demo, and see what each
//! archived file is and what is wrong in it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{files, page, timing};
use crate::domain::Origin;
use crate::domain::notices;
use crate::domain::view::files::{FileRow, FileTarget, file_rows};
use crate::domain::view::paging::{PAGE_SIZE, Page};
use crate::ui::components::{FindingList, Pager, file_name, tone_class};
use crate::ui::route::Route;
use crate::ui::state::AppState;

async fn import_picked(state: AppState, list: Option<files::FileList>) {
    let mut picked = Vec::new();
    let started = timing::now();
    let count = files::count(list.as_ref());
    // The progress shows from the pick: the browser handing over 100 MB takes a moment too.
    if count > 1 {
        state.reading_files(Some(count));
    }
    let read = files::read_all(list).await;
    timing::record("import:bestanden-lezen", started, timing::now());
    files::remember_originals(&read);
    let mut unread = Vec::new();
    for file in read {
        match file.bytes {
            Ok(bytes) => picked.push((file.name, bytes)),
            Err(failure) => unread.push(format!("{}: {failure}.", file.name)),
        }
    }
    if picked.is_empty() && !unread.is_empty() {
        files::forget_originals();
        state.reading_files(None);
        state.show(notices::not_read(&unread, None));
        return;
    }
    // The state shows the outcome or the error; files not read are named before it.
    let _ = state.add_files(picked, Origin::Import).await;
    files::forget_originals();
    state.reading_files(None);
    if !unread.is_empty() {
        let outcome = state.notice().get_untracked().map(|n| n.text).unwrap_or_default();
        state.show(notices::not_read(&unread, Some(&outcome)));
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input: files::HtmlInputElement = event_target(&ev);
        let list = files::chosen(&input);
        spawn_local(async move {
            import_picked(state, list).await;
            input.set_value("");
        });
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let list = ev.data_transfer().and_then(|dt| dt.files());
        spawn_local(import_picked(state, list));
    };

    view! {
        <section>
            <h2>"Importeren"</h2>
            <p>
                "Kies declaraties (323), declaratie-antwoorden (325) en verrekenoverzichten (CSV) zoals je ze hebt gedownload, of een ZIP daarvan. "
                "Ze worden alleen in deze browser gelezen en in het archief op dit apparaat bewaard."
            </p>
            <FirstVisit />
            <DemoCard />
            <div
                class="dropzone"
                class:active=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <p>"Sleep bestanden hierheen, of"</p>
                <label class="file-pick">
                    "Bestanden kiezen"
                    <input id="bestanden" type="file" multiple accept=".xml,.zip,.csv,application/xml,text/xml,text/csv" on:change=on_change
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                page::open_file_dialog(&event_target(&ev));
                            }
                        } />
                </label>
            </div>
            <PasswordForm />
            {state.analysis_on_main_thread.then(|| view! {
                <p class="explain" id="zonder-worker">"Deze browser kan bestanden niet op de achtergrond controleren; bij grote bestanden kan de pagina even stilstaan. Er gaat niets verloren."</p>
            })}
        </section>
        <ImportSummary />
        <section>
            <h2>"Bestanden"</h2>
            <FileTable />
        </section>
    }
}

/// For an empty archive: what Kloppend does and where the files come from, in three steps
/// (issue 27: a first visit met an empty page and a file picker).
#[component]
fn FirstVisit() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let empty = state.loading().get().is_none() && state.workspace().with(|w| w.is_empty());
        empty.then(|| view! {
            <div class="card" id="eerste-bezoek">
                <h3>"Zo werkt Kloppend"</h3>
                <ol>
                    <li>"Download in het VECOZO-portaal je declaraties (323) en de antwoorden van de gemeenten (325); VECOZO bewaart ze maar kort, dus doe dat meteen na het ophalen. Verrekenoverzichten (CSV) en toewijzingen (301) kunnen er ook bij."</li>
                    <li>"Kies ze hieronder, los of als ZIP. Kloppend koppelt elk antwoord aan zijn declaratie en laat per regel zien wat is goedgekeurd, afgewezen en betaald, met uitleg en wat je moet doen."</li>
                    <li>"Bij Te doen staat wat er nu moet gebeuren; Kloppend maakt de nieuwe berichten (credit, correctie, opnieuw declareren) die je zelf in VECOZO uploadt."</li>
                </ol>
                <p class="explain">"Alles blijft in deze browser, op dit apparaat: er gaat niets naar een server. Eerst kijken? Laad de demo."</p>
            </div>
        })
    }
}

/// What the last import added, file by file: for a declaration its lines and what became of
/// them, and the way to Te doen (issue 27: "2 bestanden toegevoegd" said nothing more).
#[component]
fn ImportSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let crate::ui::pages::todo::TodoMemo(todo) = expect_context::<crate::ui::pages::todo::TodoMemo>();
    let added = Memo::new(move |_| state.recent().with(|ids| state.workspace().with(|w| crate::domain::view::files::added(w, ids))));
    let page = RwSignal::new(0);
    move || {
        let rows = added.get();
        (!rows.is_empty()).then(|| {
            let acties = todo.with(|t| t.action_count());
            let current = Page::of(rows.len(), PAGE_SIZE, page.get());
            let rows: Vec<_> = rows.into_iter().skip(current.start).take(current.end - current.start).collect();
            view! {
                <section id="samenvatting">
                    <h2>"Zojuist toegevoegd"</h2>
                    <Pager page=current number=page noun="Bestanden" id="samenvatting-pagina" />
                    <div class="table-scroll"><table>
                        <thead><tr><th>"Bestand"</th><th>"Soort"</th><th>"Nummer"</th><th>"Regels"</th><th class="num">"Bedrag"</th><th><span class="sr-only">"Bekijken"</span></th></tr></thead>
                        <tbody>{rows.into_iter().map(|f| {
                            // Only declarations: a CSV's or 301's summary row says all there is.
                            let href = f.target.filter(|t| *t == FileTarget::Declaratie).map(|t| target_href(t, &f.id));
                            view! {
                                <tr data-id=f.id.clone()>
                                    <td>{file_name(&state, &f.name)}</td>
                                    <td>{f.kind}</td>
                                    <td class="mono">{f.nummer}</td>
                                    <td class="inhoud">{f.inhoud}</td>
                                    <td class="num">{f.bedrag}</td>
                                    <td>{href.map(|href| view! { <a href=href>"Bekijken"</a> })}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table></div>
                    <p><a href=Route::TeDoen.href() id="samenvatting-te-doen">{
                        if acties == 0 { "Naar Te doen: niets te doen".to_string() } else { format!("Naar Te doen ({})", crate::domain::view::wording::count(acties, "actie", "acties")) }
                    }</a></p>
                </section>
            }
        })
    }
}

/// Asks for the password of protected ZIPs in the last pick. The password goes to the
/// unpacking only: it is not stored, logged or kept in the form after use.
#[component]
fn PasswordForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let password = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = password.get_untracked();
        password.set(String::new());
        spawn_local(state.open_protected(given));
    };
    move || {
        let names: Vec<String> = state.protected().with(|zips| zips.iter().map(|(name, _)| name.clone()).collect());
        (!names.is_empty()).then(|| {
            view! {
                <form class="notice warn" id="zip-wachtwoord" on:submit=submit>
                    <p><strong>{format!("{} is met een wachtwoord beveiligd.", names.join(", "))}</strong>
                        " Vul het wachtwoord in om de bestanden erin te importeren. Kloppend bewaart het wachtwoord niet."</p>
                    <label>"Wachtwoord van de ZIP "
                        <input type="password" id="zip-wachtwoord-veld" autocomplete="off" prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev)) />
                    </label>
                    " "
                    <button type="submit" id="zip-openen">"Openen"</button>
                    " "
                    <button type="button" class="secondary" id="zip-overslaan" on:click=move |_| state.forget_protected()>"Overslaan"</button>
                </form>
            }
        })
    }
}

#[component]
fn DemoCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    // While the demo is loaded the banner above every page says so and removes it.
    move || {
        (!state.has_demo()).then(|| {
            let own = state.workspace().with(|w| !w.is_empty());
            view! {
                <div class="notice info">
                    {if own {
                        "Wil je Kloppend laten zien? De demo met fictieve berichten komt naast je eigen bestanden en telt niet mee in je totalen. "
                    } else {
                        "Nog geen eigen bestanden bij de hand? Bekijk Kloppend met fictieve voorbeeldberichten. "
                    }}
                    <button id="demo-laden" on:click=move |_| spawn_local(state.load_demo())>"Demo laden"</button>
                </div>
            }
        })
    }
}

/// A file the user asked to delete, waiting for the confirmation: (id, name).
type Confirming = RwSignal<Option<(String, String)>>;

#[component]
fn FileTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirming: Confirming = RwSignal::new(None);
    let page = RwSignal::new(0);
    let question = move || {
        confirming.get().map(|(id, name)| {
            view! {
                <div class="notice warn" id="verwijder-vraag" role="alertdialog" aria-labelledby="verwijder-vraag-tekst">
                    <p id="verwijder-vraag-tekst">
                        <strong>{format!("{name} uit het archief verwijderen?")}</strong>
                        " Het bestand verdwijnt van dit apparaat. Met 'Ongedaan maken' haal je het terug, ook na opnieuw laden."
                    </p>
                    <div class="actions">
                        <button class="danger" id="verwijderen-bevestigen" on:click=move |_| {
                            confirming.set(None);
                            spawn_local(state.delete_files(vec![id.clone()]));
                        }>"Ja, verwijderen"</button>
                        <button class="secondary" id="verwijderen-annuleren" on:click=move |_| confirming.set(None)>"Annuleren"</button>
                    </div>
                </div>
            }
        })
    };
    let table = move || {
        let workspace = state.workspace().get();
        let refused = state.refused().get();
        if workspace.is_empty() && refused.is_empty() {
            let text = if state.loading().get().is_some() { "Het archief wordt geladen…" } else { "Het archief is leeg." };
            return view! { <p class="muted">{text}</p> }.into_any();
        }
        // The stored files a page at a time (a thousand rows are a long task to draw after
        // every import); the files refused this session follow on every page, as they are
        // what needs attention now.
        let (refused, stored): (Vec<FileRow>, Vec<FileRow>) = file_rows(&workspace, &refused).into_iter().partition(|row| row.refused);
        let current = Page::of(stored.len(), PAGE_SIZE, page.get());
        let on_page = stored.into_iter().skip(current.start).take(current.end - current.start);
        let rows = on_page.chain(refused).map(|row| {
            let name = file_name(&state, &row.name);
            file_row(row, confirming, name)
        });
        let rows = rows.collect_view();
        view! {
            <Pager page=current number=page noun="Bestanden" id="bestanden-pagina" />
            <div class="table-scroll">
                <table class="files" id="bestandenlijst">
                    <thead>
                        <tr>
                            <th>"Bestand"</th>
                            <th>"Soort"</th>
                            <th>"Declaratienummer"</th>
                            <th>"Periode"</th>
                            <th class="num">"Totaal"</th>
                            <th>"Controle"</th>
                            <th>"Herkomst"</th>
                            <th><span class="sr-only">"Acties"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! { {question} {table} }
}

/// Asks before deleting: the question names the file and takes the focus.
fn ask_delete(confirming: Confirming, id: String, name: String) {
    confirming.set(Some((id, name)));
    request_animation_frame(|| {
        page::focus_id("verwijderen-bevestigen");
    });
}

/// Where a file's "Bekijken" leads.
fn target_href(target: FileTarget, id: &str) -> String {
    match target {
        FileTarget::Declaratie => Route::Declaratie(id.to_string(), None).href(),
        FileTarget::Verrekeningen => Route::Verrekeningen.href(),
        FileTarget::Instellingen => Route::Instellingen.href(),
    }
}

/// One file's row; `name` is its name as shown (BSNs masked unless the user chose otherwise).
fn file_row(row: FileRow, confirming: Confirming, name: String) -> AnyView {
    if row.refused {
        return view! {
            <tr class="refused" data-type="geweigerd">
                <td class="bestandsnaam">{name}</td>
                <td class="type">"Geweigerd"</td>
                <td class="reason" colspan="6">{row.controle.0}</td>
            </tr>
        }
        .into_any();
    }
    // Each row's links and buttons say which file they act on (one list of "Bekijken" links
    // all named alike is useless to a screen reader).
    let label_view = format!("{name} bekijken");
    let label_remove = format!("{name} uit het archief verwijderen");
    let href = row.target.map(|t| target_href(t, &row.id));
    let (remove_id, remove_name, findings_for) = (row.id.clone(), name.clone(), name.clone());
    let (findings, soort) = (row.findings, row.soort);
    view! {
        <tr class="ok" data-type=row.data_type data-id=row.id>
            <td class="bestandsnaam">{name}</td>
            <td class="type">{row.kind}</td>
            <td class="nummer">{row.nummer}</td>
            <td class="periode">{row.periode}</td>
            <td class="num totaal">{row.totaal}</td>
            <td class="controle"><span class=tone_class(row.controle.1)>{row.controle.0}</span></td>
            <td class="herkomst">{row.herkomst}</td>
            <td class="actions-cell">
                {href.map(|href| view! { <a href=href aria-label=label_view>"Bekijken"</a> })}
                " "
                <button class="secondary small" title="Uit het archief verwijderen" aria-label=label_remove
                    on:click=move |_| ask_delete(confirming, remove_id.clone(), remove_name.clone())>
                    "Verwijderen"
                </button>
            </td>
        </tr>
        // The findings get a row of their own, across the table: in a cell they would
        // make the whole table as wide as their own.
        {(!findings.is_empty()).then(|| view! {
            <tr class="findings-row" data-bestand=findings_for>
                <td colspan="8">
                    <details>
                        <summary>{format!("Bevindingen ({})", crate::domain::view::paging::thousands(findings.len()))}</summary>
                        <FindingList findings=findings soort=soort />
                    </details>
                </td>
            </tr>
        })}
    }
    .into_any()
}
