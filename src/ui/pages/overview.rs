//! Overzicht: totals and counts, the exceptions first, filters and search, and every
//! declaration with its outcome. Markup over one memoised [`Overview`]: the selection,
//! totals and exceptions are worked out once per change of the workspace or the filter.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::export;
use crate::domain::message::Domein;
use crate::domain::overview::{Bron, DeclarationRow, Filter, Overview, OverviewLine, Priority, filter_options};
use crate::domain::reconcile::LineStatus;
use crate::domain::view::paging::{PAGE_SIZE, Page};
use crate::domain::view::wording;
use crate::ui::components::{
    Bsn, ExportFormatChoice, FigureCards, Pager, StatusBadge, arc_changed, money, offer_export, status_class, tone_class,
};
use crate::ui::route::Route;
use crate::ui::state::AppState;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(Filter::default());
    // None: Kloppend chooses (own files only when a demo sits next to them).
    let bron = RwSignal::new(None::<Bron>);
    let page = RwSignal::new(0usize);
    let line_page = RwSignal::new(0usize);
    // The list below the exceptions: declarations, or their lines.
    let show_lines = RwSignal::new(false);
    let overview = Memo::new_with_compare(
        move |_| {
            state.workspace().with(|w| {
                let mut flt = filter.get();
                flt.bron = bron.get().unwrap_or_else(|| Bron::default_for(w));
                Arc::new(Overview::new(w, &flt))
            })
        },
        arc_changed,
    );
    let bsn_in_export = RwSignal::new(false);

    view! {
        <section>
            <h2>"Overzicht"</h2>
            <Filters filter=filter bron=bron show_lines=show_lines pages=[page, line_page] />
            {move || {
                let o = overview.get();
                if o.empty {
                    return view! {
                        <p class="muted">"Er zijn nog geen declaraties geladen. Ga naar " <a href="#/importeren">"Importeren"</a> " of laad de demo."</p>
                    }.into_any();
                }
                view! {
                    <Totals overview=o.clone() />
                    <Exceptions overview=o.clone() />
                    <Exports overview=overview bsn_in_export=bsn_in_export />
                }.into_any()
            }}
            {move || (!overview.with(|o| o.empty)).then(|| if show_lines.get() {
                view! { <LineList overview=overview page=line_page /> }.into_any()
            } else {
                view! { <DeclarationList overview=overview page=page /> }.into_any()
            })}
        </section>
    }
}

/// The filters and the search; every change goes back to the first of the `pages`.
#[component]
fn Filters(
    filter: RwSignal<Filter>,
    bron: RwSignal<Option<Bron>>,
    show_lines: RwSignal<bool>,
    pages: [RwSignal<usize>; 2],
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let changed = move || pages.iter().for_each(|p| p.set(0));
    let options = Memo::new(move |_| state.workspace().with(|w| filter_options(w)));
    let mixed = move || state.workspace().with(|w| Bron::default_for(w) == Bron::Eigen);
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            changed();
            filter.update(|flt| f(flt, value));
        }
    };
    view! {
        <div class="filters">
            <label>
                "Gemeente"
                <select id="filter-gemeente" on:change=set(|f, v| f.gemeente = v)>
                    <option value="">"Alle"</option>
                    {move || options.with(|o| o.gemeenten.iter().map(|g| view! { <option value=g.clone()>{wording::gemeente(g)}</option> }).collect_view())}
                </select>
            </label>
            <label>
                "Domein"
                <select id="filter-domein" on:change=set(|f, v| f.domein = match v.as_str() { "wmo" => Some(Domein::Wmo), "jw" => Some(Domein::Jeugdwet), _ => None })>
                    <option value="">"Wmo en Jeugdwet"</option>
                    <option value="wmo">"Wmo"</option>
                    <option value="jw">"Jeugdwet"</option>
                </select>
            </label>
            <label>
                "Declaratieperiode"
                <select id="filter-periode" on:change=set(|f, v| f.periode = v)>
                    <option value="">"Alle"</option>
                    {move || options.with(|o| o.perioden.iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view())}
                </select>
            </label>
            <label>
                "Status"
                <select id="filter-status" on:change=set(|f, v| f.status = LineStatus::ALL.into_iter().find(|s| s.slug() == v))>
                    <option value="">"Alle"</option>
                    {LineStatus::ALL.into_iter().map(|s| view! { <option value=s.slug()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                "Retourcode"
                <select id="filter-code" on:change=set(|f, v| f.code = v)>
                    <option value="">"Alle"</option>
                    {move || options.with(|o| o.codes.iter().map(|c| {
                        let text = match crate::domain::retourcodes::lookup(c) { Some(info) => format!("{c} – {}", info.omschrijving), None => c.clone() };
                        view! { <option value=c.clone()>{text}</option> }
                    }).collect_view())}
                </select>
            </label>
            <label>
                "Toon"
                <select id="toon" on:change=move |ev| show_lines.set(event_target_value(&ev) == "regels")>
                    <option value="declaraties">"Declaraties"</option>
                    <option value="regels">"Regels"</option>
                </select>
            </label>
            {move || mixed().then(|| view! {
                <label>
                    "Berichten"
                    <select id="filter-bron" on:change=move |ev| {
                        changed();
                        bron.set(Some(match event_target_value(&ev).as_str() { "demo" => Bron::Demo, "alle" => Bron::Alle, _ => Bron::Eigen }));
                    }>
                        <option value="eigen">"Eigen berichten"</option>
                        <option value="demo">"Alleen de demo"</option>
                        <option value="alle">"Eigen en demo samen"</option>
                    </select>
                </label>
            })}
            <label>
                "Zoeken"
                <input id="zoeken" type="search" placeholder="Declaratienummer, referentie, BSN, gemeente, toewijzing of code"
                    on:input=set(|f, v| f.zoek = v) />
            </label>
        </div>
    }
}

/// The money cards and the count per status.
#[component]
fn Totals(overview: Arc<Overview>) -> impl IntoView {
    let t = &overview.totalen;
    view! {
        <div id="totalen"><FigureCards figures=overview.figures prefix="totaal" /></div>
        {(overview.bron == Bron::Eigen).then(|| view! {
            <p class="explain" id="zonder-demo">"De demo telt niet mee: deze bedragen gaan alleen over je eigen berichten."</p>
        })}
        <p class="status-counts" id="telling">
            <span class="muted">{format!("{} in {}: ", wording::count(t.regels, "regel", "regels"), wording::count(t.declaraties, "bericht", "berichten"))}</span>
            {LineStatus::ALL.into_iter().filter(|s| t.count(*s) > 0).map(|s| view! {
                <span class=status_class(s) data-status=s.slug()>{format!("{}: {}", s.label(), t.count(s))}</span>" "
            }).collect_view()}
        </p>
    }
}

/// The exceptions, most urgent first (the first 200).
#[component]
fn Exceptions(overview: Arc<Overview>) -> impl IntoView {
    if overview.exceptions.is_empty() {
        return view! { <p class="notice ok">"Geen uitzonderingen: alles is beantwoord en klopt."</p> }.into_any();
    }
    let items = overview.exceptions.iter().take(200).map(|e| {
        let u = &e.exception;
        let class = match u.priority {
            Priority::High => "badge bad",
            Priority::Medium => "badge warn",
            Priority::Low => "badge info",
        };
        let href = e.file_id.clone().map(|id| Route::Declaratie(id, u.line).href());
        view! {
            <li>
                <span class=class>{u.kind.clone()}</span>" "
                {u.text.clone()}" "
                {href.map(|href| view! { <a href=href>"Bekijken"</a> })}
            </li>
        }
    });
    view! {
        <h3>{format!("Uitzonderingen ({})", overview.exceptions.len())}</h3>
        <ul class="exceptions" id="uitzonderingen">{items.collect_view()}</ul>
    }
    .into_any()
}

/// The two exports, of exactly the selection on screen.
#[component]
fn Exports(overview: Memo<Arc<Overview>>, bsn_in_export: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (declarations, lines) = overview.with_untracked(|o| (o.declaration_count(), o.line_count()));
    let export_lines = move |_| {
        let sheet = state
            .workspace()
            .with_untracked(|w| overview.with_untracked(|o| export::lines(w, &o.selected_lines(w), bsn_in_export.get_untracked())));
        offer_export(state, sheet, wording::count(lines, "regel", "regels"));
    };
    let export_declarations = move |_| {
        let sheet = state.workspace().with_untracked(|w| overview.with_untracked(|o| export::declarations(w, &o.selected(w))));
        offer_export(state, sheet, wording::count(declarations, "declaratie", "declaraties"));
    };
    view! {
        <div class="actions">
            <button class="secondary" id="declaraties-exporteren" on:click=export_declarations disabled=declarations == 0>
                {format!("Declaraties exporteren ({declarations})")}
            </button>
            <button class="secondary" id="regels-exporteren" on:click=export_lines disabled=lines == 0>
                {format!("Regels exporteren ({})", wording::count(lines, "regel", "regels"))}
            </button>
            <ExportFormatChoice />
            <label><input type="checkbox" id="export-bsn" prop:checked=move || bsn_in_export.get()
                on:change=move |_| bsn_in_export.update(|v| *v = !*v) />" BSN volledig in de export"</label>
        </div>
    }
}

/// The selected declarations, a page at a time.
#[component]
fn DeclarationList(overview: Memo<Arc<Overview>>, page: RwSignal<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = Memo::new(move |_| Page::of(overview.with(|o| o.declaration_count()), PAGE_SIZE, page.get()));
    let rows = Memo::new(move |_| {
        let range = current.with(|c| c.start..c.end);
        state.workspace().with(|w| overview.with(|o| o.declaration_rows(w, range)))
    });
    view! {
        <h3>{move || format!("Declaraties ({})", overview.with(|o| o.declaration_count()))}</h3>
        {move || view! { <Pager page=current.get() number=page noun="Declaraties" id="declaraties-pagina" /> }}
        <div class="table-scroll">
            <table id="declaraties">
                <thead><tr>
                    <th>"Declaratienummer"</th><th>"Wet"</th><th>"Gemeente"</th><th>"Periode"</th><th>"Dagtekening"</th>
                    <th>"Status"</th><th class="num">"Ingediend"</th><th class="num">"Toegekend"</th><th class="num">"Afgewezen"</th>
                    <th class="num">"Regels"</th>
                </tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|row| row.clone() children=declaration_row />
                </tbody>
            </table>
        </div>
    }
}

fn declaration_row(row: DeclarationRow) -> impl IntoView {
    let href = Route::Declaratie(row.file_id.clone(), None).href();
    let (label, tone) = row.uitkomst;
    let afgewezen = row.afgewezen;
    let nummer = row.nummer.clone();
    view! {
        <tr data-nummer=nummer>
            <td><a href=href>{row.nummer.clone()}</a></td>
            <td>{row.wet}</td>
            <td>{row.gemeente}</td>
            <td>{row.maand}</td>
            <td>{row.dagtekening}</td>
            <td><span class=tone_class(tone)>{label}</span></td>
            <td class="num">{money(row.bedragen.ingediend)}</td>
            <td class="num">{money(row.bedragen.toegekend)}</td>
            <td class="num">{money(row.bedragen.afgewezen)}</td>
            <td class="num regels">{row.regels}{(afgewezen > 0).then(|| view! { <div class="explain">{format!("{afgewezen} afgewezen")}</div> })}</td>
        </tr>
    }
}

/// The selected lines, a page at a time.
#[component]
fn LineList(overview: Memo<Arc<Overview>>, page: RwSignal<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = Memo::new(move |_| Page::of(overview.with(|o| o.line_count()), PAGE_SIZE, page.get()));
    let rows = Memo::new(move |_| {
        let range = current.with(|c| c.start..c.end);
        state.workspace().with(|w| overview.with(|o| o.line_rows(w, range)))
    });
    view! {
        <h3>{move || format!("Regels ({})", overview.with(|o| o.line_count()))}</h3>
        {move || view! { <Pager page=current.get() number=page noun="Regels" id="regels-pagina" /> }}
        <div class="table-scroll" tabindex="0" role="region" aria-label="Regels">
            <table id="overzicht-regels">
                <thead><tr>
                    <th>"Declaratie"</th><th>"Gemeente"</th><th>"BSN"</th><th>"Referentie"</th><th>"Product"</th>
                    <th>"Periode"</th><th class="num">"Bedrag"</th><th>"Status"</th><th>"Retourcodes"</th>
                </tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|row| row.clone() children=line_row />
                </tbody>
            </table>
        </div>
    }
}

fn line_row(row: OverviewLine) -> impl IntoView {
    let href = Route::Declaratie(row.file_id.clone(), Some(row.at)).href();
    let referentie = row.referentie.clone();
    view! {
        <tr data-referentie=referentie>
            <td><a href=href>{row.nummer}</a></td>
            <td>{row.gemeente}</td>
            <td><Bsn value=row.bsn /></td>
            <td class="mono">{row.referentie}</td>
            <td class="mono">{row.product}</td>
            <td>{row.periode}</td>
            <td class="num">{money(row.bedrag)}</td>
            <td><StatusBadge status=row.status /></td>
            <td class="mono codes">{row.codes}</td>
        </tr>
    }
}
