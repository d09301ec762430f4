//! Overzicht: totals and counts, the exceptions first, filters and search, and every
//! declaration with its outcome.

use crate::domain::text::datum;
use leptos::prelude::*;

use crate::domain::export;
use crate::domain::message::{Bericht, Domein};
use crate::domain::overview::{Bron, Filter, Urgentie, exceptions, filter_options, select, select_lines, totals};
use crate::domain::reconcile::LineStatus;
use crate::domain::view::paging::{PAGE_SIZE, Page};
use crate::domain::view::wording;
use crate::ui::components::{Bsn, Pager, StatusBadge, maand_text, money, offer_csv, outcome_badge, periode_text};
use crate::ui::route::Route;
use crate::ui::state::AppState;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(Filter::default());
    let page = RwSignal::new(0usize);
    // None: Kloppend chooses (own files only when a demo sits next to them).
    let bron = RwSignal::new(None::<Bron>);
    let mixed = move || state.workspace().with(|w| Bron::default_for(w) == Bron::Eigen);
    let bsn_in_export = RwSignal::new(false);
    // The list below the exceptions: declarations, or their lines.
    let show_lines = RwSignal::new(false);
    let line_page = RwSignal::new(0usize);

    let options = move || state.workspace().with(|w| filter_options(w));
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            page.set(0);
            line_page.set(0);
            filter.update(|flt| f(flt, value));
        }
    };

    view! {
        <section>
            <h2>"Overzicht"</h2>
            <div class="filters">
                <label>
                    "Gemeente"
                    <select id="filter-gemeente" on:change=set(|f, v| f.gemeente = v)>
                        <option value="">"Alle"</option>
                        {move || options().gemeenten.into_iter().map(|g| view! { <option value=g.clone()>{wording::gemeente(&g)}</option> }).collect_view()}
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
                        {move || options().perioden.into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
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
                        {move || options().codes.into_iter().map(|c| {
                            let text = match crate::domain::retourcodes::lookup(&c) { Some(info) => format!("{c} – {}", info.omschrijving), None => c.clone() };
                            view! { <option value=c.clone()>{text}</option> }
                        }).collect_view()}
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
                            page.set(0);
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
            {move || {
                let workspace = state.workspace().get();
                let mut flt = filter.get();
                flt.bron = bron.get().unwrap_or_else(|| Bron::default_for(&workspace));
                let views = select(&workspace, &flt);
                if workspace.reconciliation.declaraties.is_empty() && workspace.reconciliation.antwoorden_zonder_declaratie.is_empty() {
                    return view! {
                        <p class="muted">"Er zijn nog geen declaraties geladen. Ga naar " <a href="#/importeren">"Importeren"</a> " of laad de demo."</p>
                    }.into_any();
                }
                let t = totals(&views);
                let b = t.bedragen;
                let uitzonderingen = exceptions(&workspace, &views);
                let cards = view! {
                    <div class="cards" id="totalen">
                        <div class="card"><div class="label">"Ingediend"</div><div class="value" id="totaal-ingediend">{money(b.ingediend)}</div></div>
                        <div class="card"><div class="label">"Toegekend"</div><div class="value" id="totaal-toegekend">{money(b.toegekend)}</div></div>
                        <div class="card"><div class="label">"Afgewezen"</div><div class="value" id="totaal-afgewezen">{money(b.afgewezen)}</div></div>
                        <div class="card"><div class="label">"Open (wacht op antwoord)"</div><div class="value" id="totaal-open">{money(b.open)}</div></div>
                        {(b.niet_verwerkt.cents() != 0).then(|| view! {
                            <div class="card"><div class="label">"Niet verwerkt"</div><div class="value" id="totaal-niet-verwerkt">{money(b.niet_verwerkt)}</div></div>
                        })}
                        {(b.credit_onderweg.cents() != 0).then(|| view! {
                            <div class="card"><div class="label">"Credit onderweg (wacht op antwoord)"</div><div class="value" id="totaal-credit-onderweg">{money(b.credit_onderweg)}</div></div>
                        })}
                        {(b.te_uploaden.cents() != 0).then(|| view! {
                            <div class="card"><div class="label">"Nog uploaden (gemaakt, niet verstuurd)"</div><div class="value" id="totaal-te-uploaden">{money(b.te_uploaden)}</div></div>
                        })}
                    </div>
                    {(flt.bron == Bron::Eigen).then(|| view! {
                        <p class="explain" id="zonder-demo">"De demo telt niet mee: deze bedragen gaan alleen over je eigen berichten."</p>
                    })}
                    <p class="status-counts" id="telling">
                        {LineStatus::ALL.into_iter().filter(|s| t.count(*s) > 0).map(|s| view! {
                            <span class=crate::ui::components::status_class(s) data-status=s.slug()>{format!("{}: {}", s.label(), t.count(s))}</span>" "
                        }).collect_view()}
                    </p>
                };
                let exception_list = if uitzonderingen.is_empty() {
                    view! { <p class="notice ok">"Geen uitzonderingen: alles is beantwoord en klopt."</p> }.into_any()
                } else {
                    let count = uitzonderingen.len();
                    view! {
                        <h3>{format!("Uitzonderingen ({count})")}</h3>
                        <ul class="exceptions" id="uitzonderingen">
                            {uitzonderingen.into_iter().take(200).map(|u| {
                                let class = match u.urgentie { Urgentie::Hoog => "badge bad", Urgentie::Middel => "badge warn", Urgentie::Laag => "badge info" };
                                let link = u.declaratie.and_then(|b| workspace.document(b)).map(|d| Route::Declaratie(d.file.id.clone(), u.regel).href());
                                view! {
                                    <li>
                                        <span class=class>{u.soort}</span>" "
                                        {u.tekst}" "
                                        {link.map(|href| view! { <a href=href>"Bekijken"</a> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                };
                let current = Page::of(views.len(), PAGE_SIZE, page.get());
                let rows = views[current.start..current.end].iter().map(|view| {
                    let Some(Bericht::Declaratie(d)) = workspace.bericht(view.bericht) else { return ().into_any() };
                    let href = workspace.document(view.bericht).map(|doc| Route::Declaratie(doc.file.id.clone(), None).href()).unwrap_or_default();
                    let bedragen = view.bedragen;
                    let afgewezen = view.count(LineStatus::Afgewezen) + view.count(LineStatus::NietBeoordeeld);
                    view! {
                        <tr data-nummer=d.declaratie.declaratie_nummer.to_string()>
                            <td><a href=href>{d.declaratie.declaratie_nummer.to_string()}</a></td>
                            <td>{view.bericht_type.domein.naam()}</td>
                            <td>{wording::gemeente(&d.header.ontvanger)}</td>
                            <td>{maand_text(&d.declaratie.declaratie_periode)}</td>
                            <td>{datum(d.declaratie.declaratie_dagtekening)}</td>
                            <td>{outcome_badge(view, None)}</td>
                            <td class="num">{money(bedragen.ingediend)}</td>
                            <td class="num">{money(bedragen.toegekend)}</td>
                            <td class="num">{money(bedragen.afgewezen)}</td>
                            <td class="num regels">{view.lines.len()}{(afgewezen > 0).then(|| view! { <div class="explain">{format!("{afgewezen} afgewezen")}</div> })}</td>
                        </tr>
                    }.into_any()
                }).collect_view();
                let line_rows = select_lines(&workspace, &views, &flt);
                let line_count = line_rows.len();
                let declaration_count = views.len();
                let export_filter = flt.clone();
                let export_lines = move |_| {
                    // Exactly what the screen shows: the same filter over the same workspace.
                    let bytes = state.workspace().with_untracked(|w| {
                        let views = select(w, &export_filter);
                        export::lines(w, &select_lines(w, &views, &export_filter), bsn_in_export.get_untracked())
                    });
                    offer_csv(state, "regels", &bytes, wording::count(line_count, "regel", "regels"));
                };
                let export_filter = flt.clone();
                let export_declarations = move |_| {
                    let bytes = state.workspace().with_untracked(|w| export::declarations(w, &select(w, &export_filter)));
                    offer_csv(state, "declaraties", &bytes, wording::count(declaration_count, "declaratie", "declaraties"));
                };
                let list = if show_lines.get() {
                    let current = Page::of(line_rows.len(), PAGE_SIZE, line_page.get());
                    let rows = line_rows[current.start..current.end].iter().filter_map(|&(view, line)| {
                        let d = workspace.bericht(view.bericht)?.as_declaratie()?;
                        let client = d.declaratie.clienten.get(line.client)?;
                        let p = client.prestaties.get(line.prestatie)?;
                        let href = workspace.document(view.bericht).map(|doc| Route::Declaratie(doc.file.id.clone(), Some((line.client, line.prestatie))).href()).unwrap_or_default();
                        let codes = line.codes.iter().map(|c| c.code().to_string()).collect::<Vec<_>>().join(" ");
                        Some(view! {
                            <tr data-referentie=p.referentie().to_string()>
                                <td><a href=href>{d.declaratie.declaratie_nummer.to_string()}</a></td>
                                <td>{wording::gemeente(&d.header.ontvanger)}</td>
                                <td><Bsn value=client.bsn.to_string() /></td>
                                <td class="mono">{p.referentie().to_string()}</td>
                                <td class="mono">{p.product_code.to_string()}</td>
                                <td>{periode_text(&p.product_periode)}</td>
                                <td class="num">{money(p.ingediend_bedrag.saldo())}</td>
                                <td><StatusBadge status=line.status /></td>
                                <td class="mono codes">{codes}</td>
                            </tr>
                        })
                    }).collect_view();
                    view! {
                        <h3>{format!("Regels ({line_count})")}</h3>
                        <Pager page=current number=line_page noun="Regels" id="regels-pagina" />
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Regels">
                            <table id="overzicht-regels">
                                <thead><tr>
                                    <th>"Declaratie"</th><th>"Gemeente"</th><th>"BSN"</th><th>"Referentie"</th><th>"Product"</th>
                                    <th>"Periode"</th><th class="num">"Bedrag"</th><th>"Status"</th><th>"Retourcodes"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <h3>{format!("Declaraties ({})", views.len())}</h3>
                        <Pager page=current number=page noun="Declaraties" id="declaraties-pagina" />
                        <div class="table-scroll">
                            <table id="declaraties">
                                <thead><tr>
                                    <th>"Declaratienummer"</th><th>"Wet"</th><th>"Gemeente"</th><th>"Periode"</th><th>"Dagtekening"</th>
                                    <th>"Status"</th><th class="num">"Ingediend"</th><th class="num">"Toegekend"</th><th class="num">"Afgewezen"</th>
                                    <th class="num">"Regels"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                };
                view! {
                    {cards}
                    {exception_list}
                    <div class="actions">
                        <button class="secondary" id="declaraties-exporteren" on:click=export_declarations disabled=declaration_count == 0>
                            {format!("Declaraties exporteren (CSV, {declaration_count})")}
                        </button>
                        <button class="secondary" id="regels-exporteren" on:click=export_lines disabled=line_count == 0>
                            {format!("Regels exporteren (CSV, {})", wording::count(line_count, "regel", "regels"))}
                        </button>
                        <label><input type="checkbox" id="export-bsn" prop:checked=move || bsn_in_export.get()
                            on:change=move |_| bsn_in_export.update(|v| *v = !*v) />" BSN volledig in de export"</label>
                    </div>
                    {list}
                }.into_any()
            }}
        </section>
    }
}
