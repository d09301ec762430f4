//! Verrekeningen: what insurers paid, what they claim and offset, and what is still open,
//! from their settlement overviews, with each row linked to its declaration. Markup over one
//! memoised [`SettlementsModel`]; rows are built a page at a time.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::export;
use crate::domain::money::Saldo;
use crate::domain::settlement::ledger::ClaimStatus;
use crate::domain::view::paging::{PAGE_SIZE, Page};
use crate::domain::view::settlements::{
    ClaimRow, SettlementFilter, SettlementLine, SettlementsModel, unlinked_rows, unreadable_rows, without_settlement,
};
use crate::domain::view::wording;
use crate::ui::components::{ExportFormatChoice, Pager, arc_changed, money, offer_export};
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
    let model = Memo::new_with_compare(
        move |_| {
            let filter = SettlementFilter { verzekeraar: verzekeraar.get(), maand: maand.get(), alleen_open: alleen_open.get() };
            Arc::new(state.workspace().with(|w| SettlementsModel::build(w, &filter)))
        },
        arc_changed,
    );
    let loaded = move || model.with(|m| m.geladen);

    view! {
        <section>
            <h2>"Verrekeningen"</h2>
            <p class="explain">
                "Zorgverzekeraars verrekenen vorderingen (bijvoorbeeld na een creditnota of controle) met je volgende declaraties en melden dat in een verrekenoverzicht (CSV). "
                "Importeer die overzichten op de pagina Importeren; Kloppend koppelt elke regel via 'Uw kenmerk' aan je declaratie."
            </p>
            {move || if !loaded() {
                view! { <p class="muted">"Er zijn nog geen verrekenoverzichten geladen. " <a href="#/importeren">"Importeer een CSV"</a> " of laad de demo."</p> }.into_any()
            } else {
                view! {
                    <SettlementFilters model=model verzekeraar=verzekeraar maand=maand alleen_open=alleen_open page=page />
                    {move || view! { <SettlementTotals model=model.get() /> }}
                    <ClaimList model=model />
                    <SettlementRows model=model page=page />
                    <Leftovers />
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn SettlementFilters(
    model: Memo<Arc<SettlementsModel>>,
    verzekeraar: RwSignal<String>,
    maand: RwSignal<String>,
    alleen_open: RwSignal<bool>,
    page: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <div class="filters">
            <label>"Verzekeraar"<select id="filter-verzekeraar" on:change=move |ev| { page.set(0); verzekeraar.set(event_target_value(&ev)) }>
                <option value="">"Alle"</option>
                {move || model.with(|m| m.verzekeraars.iter().map(|z| {
                    let n = z.naam();
                    view! { <option value=n.clone() selected=move || verzekeraar.with_untracked(|v| *v == n)>{z.naam()}</option> }
                }).collect_view())}
            </select></label>
            <label>"Vervalmaand"<select id="filter-maand" on:change=move |ev| { page.set(0); maand.set(event_target_value(&ev)) }>
                <option value="">"Alle"</option>
                {move || model.with(|m| m.maanden.iter().map(|m| {
                    let value = m.clone();
                    view! { <option value=m.clone() selected=move || maand.with_untracked(|v| *v == value)>{m.clone()}</option> }
                }).collect_view())}
            </select></label>
            <label class="inline"><input type="checkbox" id="alleen-open" prop:checked=move || alleen_open.get()
                on:change=move |_| { page.set(0); alleen_open.update(|v| *v = !*v) } />" Alleen openstaande vorderingen"</label>
        </div>
    }
}

/// The money cards, the exports and the overviews imported twice.
#[component]
fn SettlementTotals(model: Arc<SettlementsModel>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let totaal = model.totaal.clone();
    let (selection, rows) = (model.clone(), model.rows.clone());
    let claims = model.claims.len();
    let row_count = rows.len();
    let export_claims = move |_| {
        let sheet = state.workspace().with_untracked(|w| export::claims(w, &selection.selected_claims(w)));
        offer_export(state, sheet, wording::count(claims, "vordering", "vorderingen"));
    };
    let export_rows = move |_| {
        let sheet = state.workspace().with_untracked(|w| export::settlement_rows(w, &rows));
        offer_export(state, sheet, wording::count(rows.len(), "regel", "regels"));
    };
    let card = |label: String, id: &'static str, cents: i64| {
        view! { <div class="card"><div class="label">{label}</div><div class="value" id=id>{eur(cents)}</div></div> }
    };
    view! {
        <div class="cards" id="verrekening-totalen">
            {card("Ontvangen".into(), "v-ontvangen", totaal.ontvangen)}
            {card("Gevorderd".into(), "v-gevorderd", totaal.gevorderd)}
            {card("Verrekend".into(), "v-verrekend", totaal.verrekend)}
            {card(format!("Nog te betalen ({} open vorderingen)", totaal.open_vorderingen), "v-open", totaal.open)}
        </div>
        <div class="actions">
            <button class="secondary" id="vorderingen-exporteren" on:click=export_claims disabled=claims == 0>"Vorderingen exporteren"</button>
            <button class="secondary" id="verrekenregels-exporteren" on:click=export_rows disabled=row_count == 0>"Regels exporteren"</button>
            <ExportFormatChoice />
        </div>
        {(!model.dubbel.is_empty()).then(|| view! { <p class="notice info">{format!("Dubbel geïmporteerd (telt één keer mee): {}", model.dubbel.join(", "))}</p> })}
    }
}

#[component]
fn ClaimList(model: Memo<Arc<SettlementsModel>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| state.workspace().with(|w| model.with(|m| m.claim_rows(w))));
    view! {
        <h3>"Vorderingen"</h3>
        <p class="explain" id="uitleg-vordering">
            "Wat er met een openstaande vordering gebeurt: de verzekeraar stuurt eerst een herinnering, verrekent het bedrag daarna met je volgende declaraties (zo nodig in delen, tot het restant nul is), "
            "en schakelt als dat niet lukt een incassobureau in. Wil je dat voorkomen, betaal het restant dan zelf of maak een betalingsafspraak met de verzekeraar."
        </p>
        {move || if rows.with(|r| r.is_empty()) { view! { <p class="muted">"Geen vorderingen."</p> }.into_any() } else { view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Vorderingen"><table id="vorderingen">
                <thead><tr><th>"Verzekeraar"</th><th>"AGB"</th><th>"Kenmerk"</th><th class="num">"Gevorderd"</th><th class="num">"Verrekend"</th><th class="num">"Open"</th><th>"Status"</th><th>"Verloop"</th></tr></thead>
                <tbody><For each=move || rows.get() key=|row| row.clone() children=claim_row /></tbody>
            </table></div>
        }.into_any() }}
    }
}

fn claim_row(c: ClaimRow) -> impl IntoView {
    let class = match c.status {
        ClaimStatus::Open => "badge warn",
        ClaimStatus::Afgerekend => "badge ok",
        ClaimStatus::RestantTeKlein => "badge info",
    };
    let kenmerk = c.kenmerk.clone();
    view! {
        <tr data-kenmerk=kenmerk>
            <td>{c.verzekeraar}</td><td class="mono">{c.agb}</td><td class="mono">{c.kenmerk}</td>
            <td class="num">{money(c.gevorderd)}</td><td class="num">{money(c.verrekend)}</td><td class="num claim-open">{money(c.open)}</td>
            <td><span class=class>{c.status.label()}</span></td>
            <td class="explain">{c.verloop}{c.redenen.into_iter().map(|u| view! { <div>{u}</div> }).collect_view()}</td>
        </tr>
    }
}

#[component]
fn SettlementRows(model: Memo<Arc<SettlementsModel>>, page: RwSignal<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = Memo::new(move |_| Page::of(model.with(|m| m.rows.len()), PAGE_SIZE, page.get()));
    let rows = Memo::new(move |_| {
        let range = current.with(|c| c.start..c.end);
        state.workspace().with(|w| model.with(|m| m.rows_in(w, range)))
    });
    view! {
        <h3>{move || format!("Regels ({})", model.with(|m| m.rows.len()))}</h3>
        {move || view! { <Pager page=current.get() number=page noun="Regels" id="verrekenregels-pagina" /> }}
        <div class="table-scroll" tabindex="0" role="region" aria-label="Regels van de verrekenoverzichten"><table id="verrekenregels">
            <thead><tr><th>"Overzicht"</th><th>"Regel"</th><th>"Onderwerp"</th><th>"AGB"</th><th>"Uw kenmerk"</th><th>"Ons kenmerk"</th><th>"Verzekeraar"</th><th>"Vervaldatum"</th><th class="num">"U ontvangt"</th><th class="num">"U betaalt"</th><th>"Toelichting"</th></tr></thead>
            <tbody><For each=move || rows.get() key=|row| row.clone() children=settlement_row /></tbody>
        </table></div>
    }
}

fn settlement_row(r: SettlementLine) -> impl IntoView {
    let unmatched = r.file_id.is_none();
    let kenmerk = match r.file_id.clone() {
        Some(id) => view! { <a href=Route::Declaratie(id, None).href() class="gekoppeld">{r.uw_kenmerk.clone()}</a> }.into_any(),
        None => view! { <span>{r.uw_kenmerk.clone()}</span> }.into_any(),
    };
    view! {
        <tr data-regel=r.regel.to_string() class:unmatched=unmatched>
            <td>{r.overzicht}</td>
            <td class="num">{r.regel}</td>
            <td>{r.onderwerp}</td>
            <td class="mono">{r.agb}</td>
            <td class="mono">{kenmerk}</td>
            <td class="mono">{r.ons_kenmerk}</td>
            <td>{r.verzekeraar}</td>
            <td>{r.vervaldatum}</td>
            <td class="num">{r.u_ontvangt.map(money).unwrap_or_default()}</td>
            <td class="num">{r.u_betaalt.map(money).unwrap_or_default()}</td>
            <td>{r.toelichting}{r.uitleg.into_iter().map(|u| view! { <div class="explain">{u}</div> }).collect_view()}</td>
        </tr>
    }
}

/// What the ledger could not read or link, whatever the filter.
#[component]
fn Leftovers() -> impl IntoView {
    let state = expect_context::<AppState>();
    let unreadable = Memo::new(move |_| state.workspace().with(|w| unreadable_rows(w)));
    let unlinked = Memo::new(move |_| state.workspace().with(|w| unlinked_rows(w)));
    let unsettled = Memo::new(move |_| state.workspace().with(|w| without_settlement(w)));
    view! {
        {move || unreadable.with(|rows| (!rows.is_empty()).then(|| view! {
            <h3>"Regels die niet (helemaal) gelezen konden worden"</h3>
            <ul id="onleesbaar">{rows.iter().map(|r| view! { <li>{r.waar.clone()}<div class="explain mono">{r.ruw.clone()}</div></li> }).collect_view()}</ul>
        }))}
        {move || unlinked.with(|rows| (!rows.is_empty()).then(|| view! {
            <h3>"Niet gekoppeld aan een declaratie"</h3>
            <p class="explain">{format!("{} een kenmerk dat bij geen geladen declaratie hoort. Importeer die declaraties om ze te koppelen.", wording::count(rows.len(), "regel noemt", "regels noemen"))}</p>
            <ul id="ongekoppeld">{rows.iter().take(200).map(|r| view! {
                <li><span class="mono">{r.kenmerk.clone()}</span>" — "{r.waar.clone()}" — "{money(r.bedrag)}</li>
            }).collect_view()}</ul>
            {(rows.len() > 200).then(|| view! { <p class="muted">{format!("en nog {} regels", rows.len() - 200)}</p> })}
        }))}
        {move || unsettled.with(|list| (!list.is_empty()).then(|| view! {
            <h3>"Declaraties zonder verrekening"</h3>
            <ul id="zonder-verrekening">{list.iter().map(|(id, nummer)| view! {
                <li><a href=Route::Declaratie(id.clone(), None).href()>{nummer.clone()}</a></li>
            }).collect_view()}</ul>
        }))}
    }
}
