//! Toewijzingen: per client and toewijzing what the gemeente allocated and what of it is used,
//! per month and over the whole toewijzing. Markup over `domain::views::toewijzingen`; only
//! BSN (masked), initials, products and dates are shown.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::page;
use crate::domain::export;
use crate::domain::message::Eenheid;
use crate::domain::toewijzing::Status;
use crate::domain::view::toewijzingen::{Meter, ToewijzingFilter, ToewijzingRow, ToewijzingenModel, left_text, volume_text};
use crate::domain::view::wording;
use crate::ui::components::{Bsn, ExportFormatChoice, arc_changed, offer_export};
use crate::ui::route::Route;
use crate::ui::state::AppState;

const STATUSES: [Status; 6] =
    [Status::Actief, Status::LooptAf, Status::Ingekort, Status::Verwijderd, Status::Beeindigd, Status::Toekomstig];

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Actief | Status::Toekomstig => "badge ok",
        Status::LooptAf | Status::Ingekort => "badge warn",
        Status::Verwijderd | Status::Beeindigd => "badge bad",
    }
}

#[component]
fn MeterRow(meter: Meter, eenheid: Option<Eenheid>, links: Vec<(String, String)>) -> impl IntoView {
    let e = eenheid.as_ref();
    let maximum = meter.maximum.map(|m| volume_text(m, e)).unwrap_or_else(|| "—".into());
    let left = meter.left();
    let over = left.is_some_and(|l| l < 0);
    let left = left.map(|l| left_text(l, e)).unwrap_or_else(|| "—".into());
    view! {
        <tr class=if over { "over" } else { "" }>
            <th scope="row">{meter.label.clone()}</th>
            <td class="num">{maximum}</td>
            <td class="num">{volume_text(meter.declared(), e)}</td>
            <td class="num">{volume_text(meter.approved, e)}</td>
            <td class="num">{volume_text(meter.rejected, e)}</td>
            <td class="num">{volume_text(meter.pending, e)}</td>
            <td class="num left">{left}</td>
            <td>{links.into_iter().map(|(href, label)| view! { <a href=href>{label}</a>" " }).collect_view()}</td>
        </tr>
    }
}

#[component]
fn ToewijzingCard(row: ToewijzingRow, chosen: bool) -> impl IntoView {
    let links = |meter: &Meter| -> Vec<(String, String)> {
        meter
            .lines
            .iter()
            .map(|l| (Route::Declaratie(l.key.file_id.clone(), Some((l.key.client, l.key.prestatie))).href(), l.referentie.clone()))
            .collect()
    };
    let months: Vec<_> = row.months.iter().filter(|m| m.declared() > 0 || m.maximum.is_some()).cloned().collect();
    let total_links = Vec::new();
    let status = match row.reden {
        Some(reden) => format!("{} ({reden})", row.status.label()),
        None => row.status.label().to_string(),
    };
    let id = format!("toewijzing-{}", row.key.nummer);
    view! {
        <article class="toewijzing" class:chosen=chosen tabindex="-1" id=id data-nummer=row.key.nummer.to_string() data-status=format!("{:?}", row.status)>
            <h3>{format!("Toewijzing {} · ", row.key.nummer)}<Bsn value=row.bsn.clone() />{(!row.voorletters.is_empty()).then(|| format!(" ({})", row.voorletters))}</h3>
            <dl class="facts">
                <dt>"Gemeente"</dt><dd>{row.gemeente.clone()}</dd>
                <dt>"Product"</dt><dd class="mono">{row.product.clone()}</dd>
                <dt>"Looptijd"</dt><dd>{row.looptijd.clone()}</dd>
                <dt>"Omvang"</dt><dd class="omvang">{row.omvang.clone()}</dd>
                <dt>"Status"</dt><dd><span class=status_class(row.status)>{status}</span></dd>
            </dl>
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Verbruik van toewijzing {}", row.key.nummer)>
                <table class="meters">
                    <thead><tr>
                        <th scope="col">"Periode"</th><th scope="col" class="num">"Maximum"</th><th scope="col" class="num">"Gedeclareerd"</th>
                        <th scope="col" class="num">"Goedgekeurd"</th><th scope="col" class="num">"Afgewezen"</th><th scope="col" class="num">"Wacht op antwoord"</th>
                        <th scope="col" class="num">"Over"</th><th scope="col">"Regels"</th>
                    </tr></thead>
                    <tbody>
                        {months.into_iter().map(|m| { let l = links(&m); view! { <MeterRow meter=m eenheid=row.eenheid.clone() links=l /> } }).collect_view()}
                        <MeterRow meter=row.total.clone() eenheid=row.eenheid.clone() links=total_links />
                    </tbody>
                </table>
            </div>
        </article>
    }
}

/// `nummer`: the toewijzing a link points at (from a declaration's line): shown highlighted,
/// scrolled to and focused.
#[component]
pub fn ToewijzingenPage(nummer: Option<u64>) -> impl IntoView {
    let state = expect_context::<AppState>();
    if let Some(n) = nummer {
        request_animation_frame(move || {
            let id = format!("toewijzing-{n}");
            page::scroll_to_id(&id);
            page::focus_id(&id);
        });
    }
    let gemeente = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let model = Memo::new_with_compare(
        move |_| {
            let filter = ToewijzingFilter {
                gemeente: Some(gemeente.get()).filter(|g| !g.is_empty()),
                status: STATUSES.into_iter().find(|s| s.label() == status.get()),
            };
            Arc::new(state.workspace().with(|w| ToewijzingenModel::build(w, &filter)))
        },
        arc_changed,
    );
    view! {
        <section>
            <h2>"Toewijzingen"</h2>
            <p class="explain">"Wat de gemeente je per cliënt heeft toegewezen (uit de 301-berichten) en hoeveel daarvan al is gedeclareerd, per maand en over de hele toewijzing. Regels die nog geen antwoord hebben tellen mee als ‘wacht op antwoord’. Kloppend toont alleen BSN, voorletters, producten en datums."</p>
            {move || {
                let m = model.get();
                if m.total == 0 {
                    return view! { <p class="muted" id="geen-toewijzingen">"Er zijn nog geen toewijzingen (301-berichten) geladen. Importeer ze op Importeren; je vindt ze in VECOZO bij de berichten van de gemeente."</p> }.into_any();
                }
                let chosen_g = gemeente.get_untracked();
                let chosen_s = status.get_untracked();
                view! {
                    <div class="filters">
                        <label>"Gemeente"<select id="filter-gemeente" on:change=move |ev| gemeente.set(event_target_value(&ev))>
                            <option value="">"Alle"</option>
                            {m.gemeenten.iter().map(|(code, label)| view! { <option value=code.clone() selected=*code == chosen_g>{label.clone()}</option> }).collect_view()}
                        </select></label>
                        <label>"Status"<select id="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">"Alle"</option>
                            {STATUSES.iter().map(|s| view! { <option value=s.label() selected=s.label() == chosen_s>{s.label()}</option> }).collect_view()}
                        </select></label>
                    </div>
                    <p id="toewijzingen-telling">{format!("{} van {} toewijzingen", m.rows.len(), m.total)}</p>
                    <div class="actions">
                        <button type="button" class="secondary small" id="toewijzingen-exporteren" on:click={
                            let rows = m.rows.clone();
                            move |_| {
                                let sheet = export::toewijzingen(&rows, state.show_bsn().get_untracked());
                                offer_export(state, sheet, wording::count(rows.len(), "toewijzing", "toewijzingen"));
                            }
                        }>"Exporteren"</button>
                        " "
                        <ExportFormatChoice />
                        " "
                        <button type="button" class="secondary small" id="toewijzingen-afdrukken" on:click=|_| page::print()>"Afdrukken"</button>
                    </div>
                    <div id="toewijzingen">{m.rows.iter().cloned().map(|row| { let chosen = Some(row.key.nummer) == nummer; view! { <ToewijzingCard row=row chosen=chosen /> } }).collect_view()}</div>
                }
                .into_any()
            }}
        </section>
    }
}
