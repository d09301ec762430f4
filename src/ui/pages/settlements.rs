//! Verrekeningen: what insurers paid, what they claim and offset, and what is still open,
//! from their settlement overviews, with each row linked to its declaration.

use crate::domain::text::datum;
use leptos::prelude::*;

use crate::domain::export;
use crate::domain::money::Saldo;
use crate::domain::settlement::ledger::ClaimStatus;
use crate::domain::view::paging::{PAGE_SIZE, Page};
use crate::domain::view::settlements::{SettlementFilter, SettlementsModel, overzicht_label, rij};
use crate::domain::view::wording;
use crate::ui::components::{Pager, offer_csv};
use crate::ui::route::Route;
use crate::ui::state::AppState;

fn eur(cents: i64) -> String {
    Saldo(cents).to_string()
}

#[component]
pub fn SettlementsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let verzekeraar = RwSignal::new(String::new());
    let maand = RwSignal::new(String::new());
    let alleen_open = RwSignal::new(false);
    // Set back to the first page by every filter change.
    let page = RwSignal::new(0usize);

    view! {
        <section>
            <h2>"Verrekeningen"</h2>
            <p class="explain">
                "Zorgverzekeraars verrekenen vorderingen (bijvoorbeeld na een creditnota of controle) met je volgende declaraties en melden dat in een verrekenoverzicht (CSV). "
                "Importeer die overzichten op de pagina Importeren; Kloppend koppelt elke regel via 'Uw kenmerk' aan je declaratie."
            </p>
            {move || {
                let workspace = state.workspace().get();
                let ledger = &workspace.ledger;
                if ledger.overzichten.is_empty() {
                    return view! { <p class="muted">"Er zijn nog geen verrekenoverzichten geladen. " <a href="#/importeren">"Importeer een CSV"</a> " of laad de demo."</p> }.into_any();
                }
                let filter = SettlementFilter { verzekeraar: verzekeraar.get(), maand: maand.get(), alleen_open: alleen_open.get() };
                let model = SettlementsModel::build(&workspace, &filter);
                let (filter_v, filter_m, open_only) = (filter.verzekeraar, filter.maand, filter.alleen_open);
                let SettlementsModel { verzekeraars, maanden, totaal, claims, rows, dubbel } = model;
                let export_claims = {
                    let claims = claims.clone();
                    move |_| {
                        let bytes = state.workspace().with_untracked(|w| {
                            let list: Vec<_> = claims.iter().filter_map(|&c| w.ledger.claims.get(c)).collect();
                            export::claims(w, &list)
                        });
                        offer_csv(state, "vorderingen", &bytes, wording::count(claims.len(), "vordering", "vorderingen"));
                    }
                };
                let export_rows = {
                    let rows = rows.clone();
                    move |_| {
                        let bytes = state.workspace().with_untracked(|w| export::settlement_rows(w, &rows));
                        offer_csv(state, "verrekenregels", &bytes, wording::count(rows.len(), "regel", "regels"));
                    }
                };
                let claims: Vec<_> = claims.into_iter().filter_map(|c| ledger.claims.get(c)).collect();
                let current = Page::of(rows.len(), PAGE_SIZE, page.get());
                let row_count = rows.len();
                let rows: Vec<_> = rows[current.start..current.end].iter().filter_map(|&i| ledger.rows.get(i)).collect();
                view! {
                    <div class="filters">
                        <label>"Verzekeraar"<select id="filter-verzekeraar" on:change=move |ev| { page.set(0); verzekeraar.set(event_target_value(&ev)) }>
                            <option value="">"Alle"</option>
                            {verzekeraars.into_iter().map(|z| { let n = z.naam(); view! { <option value=n.clone() selected=n == filter_v>{n.clone()}</option> } }).collect_view()}
                        </select></label>
                        <label>"Vervalmaand"<select id="filter-maand" on:change=move |ev| { page.set(0); maand.set(event_target_value(&ev)) }>
                            <option value="">"Alle"</option>
                            {maanden.into_iter().map(|m| view! { <option value=m.clone() selected=m == filter_m>{m.clone()}</option> }).collect_view()}
                        </select></label>
                        <label class="inline"><input type="checkbox" id="alleen-open" prop:checked=open_only on:change=move |_| { page.set(0); alleen_open.update(|v| *v = !*v) } />" Alleen openstaande vorderingen"</label>
                    </div>
                    <div class="cards" id="verrekening-totalen">
                        <div class="card"><div class="label">"Ontvangen"</div><div class="value" id="v-ontvangen">{eur(totaal.ontvangen)}</div></div>
                        <div class="card"><div class="label">"Gevorderd"</div><div class="value" id="v-gevorderd">{eur(totaal.gevorderd)}</div></div>
                        <div class="card"><div class="label">"Verrekend"</div><div class="value" id="v-verrekend">{eur(totaal.verrekend)}</div></div>
                        <div class="card"><div class="label">{format!("Nog te betalen ({} open vorderingen)", totaal.open_vorderingen)}</div><div class="value" id="v-open">{eur(totaal.open)}</div></div>
                    </div>
                    <div class="actions">
                        <button class="secondary" id="vorderingen-exporteren" on:click=export_claims disabled=claims.is_empty()>"Vorderingen exporteren (CSV)"</button>
                        <button class="secondary" id="verrekenregels-exporteren" on:click=export_rows disabled=row_count == 0>"Regels exporteren (CSV)"</button>
                    </div>
                    {(!dubbel.is_empty()).then(|| view! { <p class="notice info">{format!("Dubbel geïmporteerd (telt één keer mee): {}", dubbel.join(", "))}</p> })}
                    <h3>"Vorderingen"</h3>
                    <p class="explain" id="uitleg-vordering">
                        "Wat er met een openstaande vordering gebeurt: de verzekeraar stuurt eerst een herinnering, verrekent het bedrag daarna met je volgende declaraties (zo nodig in delen, tot het restant nul is), "
                        "en schakelt als dat niet lukt een incassobureau in. Wil je dat voorkomen, betaal het restant dan zelf of maak een betalingsafspraak met de verzekeraar."
                    </p>
                    {if claims.is_empty() { view! { <p class="muted">"Geen vorderingen."</p> }.into_any() } else { view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Vorderingen"><table id="vorderingen">
                            <thead><tr><th>"Verzekeraar"</th><th>"AGB"</th><th>"Kenmerk"</th><th class="num">"Gevorderd"</th><th class="num">"Verrekend"</th><th class="num">"Open"</th><th>"Status"</th><th>"Verloop"</th></tr></thead>
                            <tbody>{claims.into_iter().map(|c| {
                                let class = match c.status { ClaimStatus::Open => "badge warn", ClaimStatus::Afgerekend => "badge ok", ClaimStatus::RestantTeKlein => "badge info" };
                                let verloop = c.historie.iter().map(|(r, open)| format!("{}: open {}", overzicht_label(&workspace, r.doc), eur(*open))).collect::<Vec<_>>().join(" → ");
                                let codes: Vec<String> = c.historie.iter().filter_map(|(r, _)| rij(&workspace, *r)).flat_map(|r| r.redencodes()).map(|(_, uitleg)| uitleg.to_string()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
                                view! {
                                    <tr data-kenmerk=c.kenmerk.clone()>
                                        <td>{c.zorgverzekeraar.naam()}</td><td class="mono">{c.agb.clone()}</td><td class="mono">{c.kenmerk.clone()}</td>
                                        <td class="num">{eur(c.oorspronkelijk)}</td><td class="num">{eur(c.verrekend())}</td><td class="num claim-open">{eur(c.open)}</td>
                                        <td><span class=class>{c.status.label()}</span></td>
                                        <td class="explain">{verloop}{codes.into_iter().map(|u| view! { <div>{u}</div> }).collect_view()}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table></div>
                    }.into_any() }}
                    <h3>{format!("Regels ({row_count})")}</h3>
                    <Pager page=current number=page noun="Regels" id="verrekenregels-pagina" />
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Regels van de verrekenoverzichten"><table id="verrekenregels">
                        <thead><tr><th>"Overzicht"</th><th>"Regel"</th><th>"Onderwerp"</th><th>"AGB"</th><th>"Uw kenmerk"</th><th>"Ons kenmerk"</th><th>"Verzekeraar"</th><th>"Vervaldatum"</th><th class="num">"U ontvangt"</th><th class="num">"U betaalt"</th><th>"Toelichting"</th></tr></thead>
                        <tbody>{rows.into_iter().filter_map(|lr| {
                            let r = rij(&workspace, lr.rij)?;
                            let link = lr.declaratie.and_then(|b| workspace.document(b)).map(|d| Route::Declaratie(d.file.id.clone(), None).href());
                            let kenmerk = r.uw_kenmerk.clone();
                            let uitleg = r.toelichting.uitleg();
                            Some(view! {
                                <tr data-regel=r.regel.to_string() class:unmatched=lr.declaratie.is_none()>
                                    <td>{overzicht_label(&workspace, lr.rij.doc)}</td>
                                    <td class="num">{r.regel}</td>
                                    <td>{r.onderwerp.label()}</td>
                                    <td class="mono">{r.agb.clone()}</td>
                                    <td class="mono">{match link { Some(href) => view! { <a href=href class="gekoppeld">{kenmerk}</a> }.into_any(), None => view! { <span>{kenmerk}</span> }.into_any() }}</td>
                                    <td class="mono">{r.ons_kenmerk.clone()}</td>
                                    <td>{r.zorgverzekeraar.naam()}</td>
                                    <td>{r.vervaldatum.map(datum).unwrap_or_default()}</td>
                                    <td class="num">{r.u_ontvangt.map(eur).unwrap_or_default()}</td>
                                    <td class="num">{r.u_betaalt.map(eur).unwrap_or_default()}</td>
                                    <td>{r.toelichting.label()}{uitleg.map(|u| view! { <div class="explain">{u}</div> })}
                                        {r.redencodes().into_iter().map(|(_, u)| view! { <div class="explain">{u}</div> }).collect_view()}</td>
                                </tr>
                            })
                        }).collect_view()}</tbody>
                    </table></div>
                    {(!ledger.onleesbaar.is_empty()).then(|| view! {
                        <h3>"Regels die niet (helemaal) gelezen konden worden"</h3>
                        <ul id="onleesbaar">{ledger.onleesbaar.iter().filter_map(|r| {
                            let row = rij(&workspace, *r)?;
                            let file = workspace.documents.get(r.doc).map(|d| d.file.name.clone()).unwrap_or_default();
                            Some(view! { <li>{format!("{file}, regel {}: {}", row.regel, row.fouten.join("; "))}<div class="explain mono">{row.ruw.clone()}</div></li> })
                        }).collect_view()}</ul>
                    })}
                    {(!ledger.ongekoppeld.is_empty()).then(|| view! {
                        <h3>"Niet gekoppeld aan een declaratie"</h3>
                        <p class="explain">{format!("{} een kenmerk dat bij geen geladen declaratie hoort. Importeer die declaraties om ze te koppelen.", wording::count(ledger.ongekoppeld.len(), "regel noemt", "regels noemen"))}</p>
                    })}
                    {(!ledger.zonder_verrekening.is_empty()).then(|| view! {
                        <h3>"Declaraties zonder verrekening"</h3>
                        <ul id="zonder-verrekening">{ledger.zonder_verrekening.iter().filter_map(|&b| {
                            let d = workspace.bericht(b)?.as_declaratie()?;
                            let href = workspace.document(b).map(|doc| Route::Declaratie(doc.file.id.clone(), None).href()).unwrap_or_default();
                            Some(view! { <li><a href=href>{d.declaratie.declaratie_nummer.to_string()}</a></li> })
                        }).collect_view()}</ul>
                    })}
                }.into_any()
            }}
        </section>
    }
}
