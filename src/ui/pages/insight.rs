//! Inzicht: per month and per gemeente what was declared, approved, rejected and is open, the
//! retourcodes that cost the most, and each gemeente's answer time. The chart is SVG drawn
//! from `domain::view::insight`, with the same figures as a table beside it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::overview::Bron;
use crate::domain::view::insight::{AXIS_ROOM, CHART_HEIGHT, CHART_WIDTH, Insight, LABEL_ROOM, Row, stacked_bars, tenths};
use crate::ui::components::{arc_changed, money};
use crate::ui::state::AppState;

#[component]
fn AmountsTable(rows: Vec<Row>, id: &'static str, first: &'static str) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=first>
            <table id=id>
                <thead><tr>
                    <th>{first}</th><th class="num">"Berichten"</th><th class="num">"Gedeclareerd"</th><th class="num">"Gecrediteerd"</th>
                    <th class="num">"Toegekend"</th><th class="num">"Afgewezen"</th><th class="num">"Wacht op antwoord"</th><th class="num">"Niet verwerkt"</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|r| {
                    let f = r.figures;
                    view! {
                        <tr>
                            <td>{r.label}</td><td class="num">{f.messages}</td><td class="num">{money(f.declared)}</td><td class="num">{money(f.credited)}</td>
                            <td class="num">{money(f.approved)}</td><td class="num">{money(f.rejected)}</td>
                            <td class="num">{money(f.expected)}</td><td class="num">{money(f.not_processed)}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn MonthChart(rows: Vec<Row>) -> impl IntoView {
    let chart = stacked_bars(&rows);
    let baseline = CHART_HEIGHT - LABEL_ROOM;
    view! {
        <figure class="chart">
            <svg id="maanden-grafiek" viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}") role="img"
                aria-label="Per maand: toegekend, gecrediteerd, afgewezen, wacht op antwoord en niet verwerkt bedrag (de tabel eronder heeft dezelfde cijfers)">
                {chart.ticks.into_iter().map(|(y, label)| view! {
                    <line x1=AXIS_ROOM y1=y x2=CHART_WIDTH y2=y class="grid" />
                    <text x=AXIS_ROOM - 6 y=y + 4 text-anchor="end" class="tick">{label}</text>
                }).collect_view()}
                <line x1=AXIS_ROOM y1=baseline x2=CHART_WIDTH y2=baseline class="axis" />
                {chart.segments.into_iter().map(|s| view! {
                    <rect x=s.x y=s.y width=s.width height=s.height class=format!("bar {}", s.kind)><title>{s.title}</title></rect>
                }).collect_view()}
                {chart.labels.into_iter().map(|(x, label)| view! {
                    <text x=x y=CHART_HEIGHT - 8 text-anchor="middle" class="label">{label}</text>
                }).collect_view()}
            </svg>
            <figcaption>
                <span class="key toegekend">"toegekend"</span>" "<span class="key gecrediteerd">"gecrediteerd"</span>" "
                <span class="key afgewezen">"afgewezen"</span>" "<span class="key open">"wacht op antwoord"</span>" "<span class="key niet-verwerkt">"niet verwerkt"</span>
            </figcaption>
        </figure>
    }
}

#[component]
pub fn InsightPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let insight =
        Memo::new_with_compare(move |_| Arc::new(state.workspace().with(|w| Insight::build(w, Bron::default_for(w)))), arc_changed);
    view! {
        <section>
            <h2>"Inzicht"</h2>
            <p class="explain">"Wat je per maand en per gemeente hebt gedeclareerd, wat is toegekend en afgewezen, welke retourcodes het meeste geld kostten en hoe snel elke gemeente antwoordt. Bedragen zoals in het Overzicht: een credit telt mee bij de maand en de gemeente van de regel die het crediteert."</p>
            {move || {
                let insight = insight.get();
                if insight.months.is_empty() {
                    return view! { <p class="muted" id="geen-inzicht">"Er zijn nog geen declaraties geladen."</p> }.into_any();
                }
                let Insight { months, gemeenten, codes, answer_times } = (*insight).clone();
                view! {
                    <h3>"Per maand"</h3>
                    <MonthChart rows=months.clone() />
                    <AmountsTable rows=months id="maanden" first="Maand" />
                    <h3>"Per gemeente"</h3>
                    <AmountsTable rows=gemeenten id="gemeenten" first="Gemeente" />
                    <h3>"Retourcodes die het meeste kostten"</h3>
                    {if codes.is_empty() {
                        view! { <p class="notice ok">"Geen afgewezen regels."</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label="Retourcodes">
                                <table id="codes">
                                    <thead><tr><th>"Code"</th><th>"Betekenis"</th><th class="num">"Regels"</th><th class="num">"Bedrag"</th></tr></thead>
                                    <tbody>{codes.into_iter().map(|c| view! {
                                        <tr data-code=c.code.clone()><td class="mono">{c.code.clone()}</td><td>{c.omschrijving}</td><td class="num">{c.regels}</td><td class="num">{money(c.bedrag)}</td></tr>
                                    }).collect_view()}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                    <h3>"Antwoordtijd per gemeente"</h3>
                    <p class="explain">"Werkdagen van de dagtekening van je declaratie tot die van het antwoord; de gemeente heeft er 10 (OP090x4)."</p>
                    {if answer_times.is_empty() {
                        view! { <p class="muted">"Nog geen antwoorden."</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label="Antwoordtijd">
                                <table id="antwoordtijd">
                                    <thead><tr><th>"Gemeente"</th><th class="num">"Antwoorden"</th><th class="num">"Gemiddeld (werkdagen)"</th><th class="num">"Langste"</th></tr></thead>
                                    <tbody>{answer_times.into_iter().map(|a| view! {
                                        <tr><td>{a.gemeente}</td><td class="num">{a.answers}</td><td class="num">{tenths(a.average_tenths)}</td><td class="num">{a.slowest}</td></tr>
                                    }).collect_view()}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                }.into_any()
            }}
        </section>
    }
}
