//! The shell: title, navigation, the current page and the privacy footer.

use crate::domain::text::datum;
use leptos::prelude::*;

use super::pages;
use super::route::{Route, current_hash};
use super::state::AppState;
use crate::browser::page;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let todo = pages::todo::TodoMemo::new(state);
    provide_context(todo);
    state.start();
    let route = RwSignal::new(Route::parse(&current_hash()));
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(Route::parse(&current_hash())));
    follow_the_clock(state);
    // A title per screen; after a navigation (not at start-up) focus goes to the new page's
    // heading, so keyboard and screen-reader users do not start again at the menu.
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        page::set_title(current.title());
        if previous.as_ref().is_some_and(|p| *p != current) {
            page::focus_main_heading();
        }
        // A notice says what an action on one screen did: another screen starts without it
        // (issue 27: notices followed the user around).
        if previous.is_some_and(|p| p.slug() != current.slug()) {
            state.dismiss_notice();
        }
        current
    });

    view! {
        <a class="skip-link" href="#inhoud" on:click=move |ev| {
            // The hash is the route: following "#inhoud" would navigate away.
            ev.prevent_default();
            page::focus_main_heading();
        }>"Naar de inhoud"</a>
        <header class="topbar">
            <h1 class="brand"><a href="#/importeren">"Kloppend"</a></h1>
            <Menu route=route todo=todo />
        </header>
        // aria-busy tells assistive technology (and the end-to-end tests) that the archive is
        // still loading, so a half-filled page is not read out as the whole archive.
        <main id="inhoud" aria-busy=move || if state.loading().with(Option::is_some) { "true" } else { "false" }>
            <p class="print-only" id="afgedrukt">{move || format!("Afgedrukt uit Kloppend op {}", datum(state.today()))}</p>
            <super::components::ArchiveProblem />
            <super::components::ClockWarning />
            <super::components::LoadingBar />
            <super::components::ImportProgress />
            <super::components::DemoBanner />
            <super::components::NoticeBar />
            <super::components::UndoButton />
            {move || match route.get() {
                Route::Importeren => pages::import::ImportPage().into_any(),
                Route::TeDoen => pages::todo::TodoPage().into_any(),
                Route::Overzicht => pages::overview::OverviewPage().into_any(),
                Route::Declaratie(id, line) => view! { <pages::declaration::DeclarationPage file_id=id line=line /> }.into_any(),
                Route::Toewijzingen(nummer) => view! { <pages::toewijzingen::ToewijzingenPage nummer=nummer /> }.into_any(),
                Route::Declareren(choice) => view! { <pages::declare::DeclarePage choice=choice /> }.into_any(),
                Route::Crediteren => pages::credit::CreditPage().into_any(),
                Route::Verrekeningen => pages::settlements::SettlementsPage().into_any(),
                Route::Inzicht => pages::insight::InsightPage().into_any(),
                Route::Instellingen => pages::settings::SettingsPage().into_any(),
                Route::Onbekend(slug) => view! {
                    <p class="notice warn" id="onbekende-pagina">{format!("De pagina '{slug}' bestaat niet (een verkeerd getypte of oude link). Hier is het overzicht.")}</p>
                    {pages::overview::OverviewPage()}
                }.into_any(),
            }}
        </main>
        <footer class="privacy">
            "Al je gegevens blijven op dit apparaat: Kloppend verstuurt niets, er is geen server die je bestanden ziet."
        </footer>
    }
}

/// How often the clock is looked at while the page is open and seen.
const CLOCK_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60);

/// Te doen and the answer terms count from today: look at the clock every minute, and when
/// the page is shown again (a laptop opened the next morning, a clock just set), so a date
/// that moved is followed without a reload.
fn follow_the_clock(state: AppState) {
    let _ = set_interval_with_handle(move || state.check_clock(), CLOCK_INTERVAL);
    let _focus = window_event_listener(leptos::ev::focus, move |_| state.check_clock());
    let _shown = window_event_listener(leptos::ev::visibilitychange, move |_| state.check_clock());
}

/// The main menu, the current screen marked, with Te doen's count of open actions.
#[component]
fn Menu(route: RwSignal<Route>, todo: pages::todo::TodoMemo) -> impl IntoView {
    view! {
        <nav aria-label="Hoofdmenu">
            <ul>
                {Route::MENU
                    .iter()
                    .map(|item| {
                        let item = item.clone();
                        let current = item.clone();
                        view! {
                            <li>
                                <a
                                    href=item.href()
                                    data-nav=item.slug()
                                    aria-current=move || (route.get().slug() == current.slug()).then_some("page")
                                >
                                    {item.label()}
                                    {(item == Route::TeDoen).then_some(move || {
                                        let n = todo.0.with(|l| l.action_count());
                                        (n > 0).then(|| view! { " "<span class="count" id="te-doen-aantal" aria-label=format!("{n} open")>{n}</span> })
                                    })}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
