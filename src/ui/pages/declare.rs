//! Declareren: the monthly 323 of one gemeente from its toewijzingen. Choose gemeente and
//! month, enter the delivered volume per toewijzing (or fill it from a timesheet), see the
//! maximum, what is left and the tariff, and download a message that passed every rule.
//! Markup over `domain::views::declare`: the rows come from one memo (gemeente and month), the
//! message and the verdicts from another (what was typed), so typing never redraws the inputs.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{clock, download, files};
use crate::domain::Origin;
use crate::domain::credit::Groep;
use crate::domain::notices;
use crate::domain::tarieven::{TariefRij, write_tarieven};
use crate::domain::timesheet::{parse_maand, read_urenstaat};
use crate::domain::view::declare::{
    Choice, DeclareModel, DeclarePlan, DeclareRow, NumberEdits, RowInput, default_month, fill, month_is_over, plan,
};
use crate::domain::view::wording;
use crate::ui::components::{Bsn, CodeHelp, arc_changed, money};
use crate::ui::route::DeclareChoice;
use crate::ui::state::AppState;

/// The page's inputs: the chosen gemeente and month, and what was typed per toewijzing.
#[derive(Clone, Copy)]
struct Form {
    groep: RwSignal<Option<Groep>>,
    maand: RwSignal<NaiveDate>,
    inputs: RwSignal<BTreeMap<u64, RowInput>>,
    numbers: RwSignal<NumberEdits>,
}

impl Form {
    fn edit(&self, nummer: u64, change: impl FnOnce(&mut RowInput)) {
        self.inputs.update(|m| change(m.entry(nummer).or_default()));
    }

    fn clear(&self) {
        self.inputs.set(BTreeMap::new());
        self.numbers.set(NumberEdits::default());
    }
}

#[component]
pub fn DeclarePage(choice: Option<DeclareChoice>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let form = Form {
        groep: RwSignal::new(None),
        maand: RwSignal::new(choice.as_ref().map(|c| c.maand).unwrap_or_else(|| default_month(today))),
        inputs: RwSignal::new(BTreeMap::new()),
        numbers: RwSignal::new(NumberEdits::default()),
    };
    // A link from Te doen names domain and gemeente; the AGB is the one of its toewijzingen.
    let wanted = choice.clone();
    let model = Memo::new_with_compare(
        move |_| {
            let workspace = state.workspace().get();
            let groep = form.groep.get().or_else(|| {
                let c = wanted.as_ref()?;
                crate::domain::declare::groepen(&workspace.toewijzingen)
                    .into_iter()
                    .find(|g| g.domein == c.domein && g.gemeente == c.gemeente)
            });
            Arc::new(DeclareModel::build(&workspace, groep.as_ref(), form.maand.get()))
        },
        arc_changed,
    );
    let made = Memo::new_with_compare(
        move |_| {
            let workspace = state.workspace().get();
            let m = model.get();
            let eerder = state.nummers().get();
            let (inputs, numbers) = (form.inputs.get(), form.numbers.get());
            Arc::new(plan(&workspace, &m, Choice { inputs: &inputs, numbers: &numbers, eerder: &eerder, today: clock::today() }))
        },
        arc_changed,
    );

    view! {
        <section>
            <h2>"Declareren"</h2>
            <p class="explain">"Maak de declaratie (323) van een maand voor een gemeente uit je toewijzingen. Kloppend zet per toewijzing de periode, het product, de eenheid en het tarief klaar; jij vult in hoeveel zorg je hebt geleverd. Het bestand wordt pas gemaakt als elke regel door alle controles komt die de gemeente ook doet."</p>
            <Chooser model=model form=form />
            {move || {
                let m = model.get();
                if m.groepen.is_empty() {
                    return view! { <p class="muted" id="geen-toewijzingen">"Nog geen toewijzingen. Importeer eerst de 301-berichten van de gemeente op Importeren; daarna staat hier per toewijzing een regel klaar."</p> }.into_any();
                }
                let over = month_is_over(&m, clock::today());
                view! {
                    {(!over).then(|| view! { <p class="notice warn" id="maand-niet-voorbij">{format!("{} is nog niet voorbij. Een maand declareer je als hij om is (TR137); kies een eerdere maand.", m.maand_text)}</p> })}
                    {m.rows.is_empty().then(|| view! { <p class="muted" id="geen-regels">{format!("Geen toewijzing van deze gemeente loopt in {}.", m.maand_text)}</p> })}
                    <Timesheet model=model form=form />
                }.into_any()
            }}
        </section>
        <section>
            <h3>"Geleverde zorg"</h3>
            <Rows model=model made=made form=form />
        </section>
        <section>
            <h3>"Nummers en controle"</h3>
            <MessagePanel made=made form=form />
        </section>
    }
}

#[component]
fn Chooser(model: Memo<Arc<DeclareModel>>, form: Form) -> impl IntoView {
    let choose = move |ev| {
        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
        let groep = model.with_untracked(|m| m.groepen.get(index).map(|(g, _)| g.clone()));
        form.clear();
        form.groep.set(groep);
    };
    let month = move |ev| {
        // Browsers without a month picker (Firefox, Safari) show a text field: "05-2025" works too.
        if let Some(date) = parse_maand(&event_target_value(&ev)) {
            form.clear();
            form.maand.set(date);
        }
    };
    view! {
        <div class="filters">
            <label>"Gemeente"
                <select id="declareren-gemeente" on:change=choose>
                    {move || {
                        let m = model.get();
                        m.groepen.iter().enumerate().map(|(i, (g, label))| {
                            let selected = m.groep.as_ref() == Some(g);
                            view! { <option value=i.to_string() selected=selected>{label.clone()}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
            <label>"Maand van de zorg"
                <input type="month" id="declareren-maand" placeholder="jjjj-mm" prop:value=move || form.maand.get().format("%Y-%m").to_string() on:change=month />
            </label>
        </div>
    }
}

#[component]
fn Timesheet(model: Memo<Arc<DeclareModel>>, form: Form) -> impl IntoView {
    let state = expect_context::<AppState>();
    let skipped = RwSignal::new(Vec::<(usize, String)>::new());
    let pick = move |ev: leptos::ev::Event| {
        let input: files::HtmlInputElement = event_target(&ev);
        let list = files::chosen(&input);
        spawn_local(async move {
            let Some(file) = files::read_all(list).await.into_iter().next() else { return };
            input.set_value("");
            let bytes = match file.bytes {
                Ok(bytes) => bytes,
                Err(e) => return state.show(notices::in_file(&file.name, e)),
            };
            let staat = match read_urenstaat(&bytes) {
                Ok(staat) => staat,
                Err(e) => return state.show(notices::in_file(&file.name, e)),
            };
            let filled = model.with_untracked(|m| fill(m, &staat));
            for (nummer, volume) in &filled.volumes {
                form.edit(*nummer, |input| {
                    input.volume = volume.clone();
                    input.uit_urenstaat = true;
                });
            }
            state.show(notices::timesheet_read(&file.name, filled.volumes.len(), filled.used, filled.skipped.len()));
            skipped.set(filled.skipped);
        });
    };
    view! {
        <details class="urenstaat">
            <summary>"Invullen uit een urenstaat (CSV)"</summary>
            <p class="explain">"Een CSV of spreadsheet-export met per regel een BSN of toewijzingnummer, een datum of maand, en de duur (1:30 of 1,5 uur), het aantal minuten of een aantal. Kloppend telt de regels van deze maand per toewijzing op; wat niet past staat hieronder met het regelnummer."</p>
            <label>"Urenstaat kiezen " <input type="file" id="urenstaat" accept=".csv,.txt,text/csv" on:change=pick /></label>
            {move || {
                let list = skipped.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="notice warn" id="urenstaat-overgeslagen">
                        {list.into_iter().map(|(r, why)| view! { <li>{format!("Regel {r}: {why}")}</li> }).collect_view()}
                    </ul>
                })
            }}
        </details>
    }
}

#[component]
fn Rows(model: Memo<Arc<DeclareModel>>, made: Memo<Arc<Option<DeclarePlan>>>, form: Form) -> impl IntoView {
    // A row is redrawn only when what it shows from the model changes (after a download its
    // meters move), never while typing.
    let row_key = |r: &DeclareRow| (r.nummer, r.left_month.clone(), r.left_total.clone(), r.tarief, r.already.clone());
    view! {
        <Show when=move || model.with(|m| !m.rows.is_empty())>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Toewijzingen van deze maand">
                <table id="declareren-regels">
                    <thead><tr>
                        <th scope="col">"Cliënt"</th><th scope="col">"Toewijzing"</th><th scope="col">"Periode"</th>
                        <th scope="col">"Maximum deze maand"</th><th scope="col">"Nog over"</th>
                        <th scope="col">"Geleverd"</th><th scope="col">"Tarief (€)"</th><th scope="col">"Bedrag en controle"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || model.get().rows.clone() key=row_key let:row>
                            <RowView row=row gemeente=model.with_untracked(|m| m.groep.as_ref().map(|g| g.gemeente.clone()).unwrap_or_default()) made=made form=form />
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn RowView(row: DeclareRow, gemeente: String, made: Memo<Arc<Option<DeclarePlan>>>, form: Form) -> impl IntoView {
    let state = expect_context::<AppState>();
    let nummer = row.nummer;
    let plan_of = move || made.with(|p| p.as_ref().as_ref().and_then(|p| p.rows.iter().find(|r| r.nummer == nummer).cloned()));
    let volume_label = format!("Geleverd voor toewijzing {nummer}, {}", row.volume_hint);
    let tarief_label = format!("Tarief voor toewijzing {nummer}");
    let tarief_value = row.tarief.map(crate::domain::money::format_cents).unwrap_or_default();
    let eenheid = row.eenheid.clone();
    let periode_begin = row.periode.begindatum;
    let code = row.code.clone();
    let keep_tariff = move |_| {
        let (Some(tarief), Some(eenheid)) = (plan_of().and_then(|p| p.new_tarief), eenheid.clone()) else { return };
        let code = code.clone().unwrap_or_else(|| {
            form.inputs.with_untracked(|m| m.get(&nummer).map(|i| i.product_code.trim().to_string()).unwrap_or_default())
        });
        if code.is_empty() {
            return state.show(notices::product_code_first());
        }
        save_tariff(state, &gemeente, &code, eenheid, tarief, periode_begin);
    };
    view! {
        <tr data-nummer=nummer.to_string()>
            <td data-label="Cliënt"><Bsn value=row.bsn.clone() />{(!row.voorletters.is_empty()).then(|| format!(" ({})", row.voorletters))}</td>
            <td data-label="Toewijzing"><span class="mono">{nummer.to_string()}</span><br/><span class="mono">{row.product.clone()}</span>
                {row.needs_code.then(|| view! {
                    <label class="sr-only" for=format!("code-{nummer}")>{format!("Productcode voor toewijzing {nummer}")}</label>
                    <input id=format!("code-{nummer}") class="code" maxlength="5" placeholder="productcode"
                        on:input=move |ev| form.edit(nummer, |i| i.product_code = event_target_value(&ev)) />
                })}
            </td>
            <td data-label="Periode">{row.periode_text.clone()}
                {(!row.already.is_empty()).then(|| view! {
                    <br/><span class="badge warn already">{format!("al gedeclareerd: {}", row.already.join(", "))}</span>
                })}
            </td>
            <td data-label="Maximum deze maand">{row.maximum.clone()}</td>
            <td data-label="Nog over">{row.left_month.clone().map(|l| format!("deze maand {l}"))}<br/>{row.left_total.clone().map(|l| format!("hele toewijzing {l}"))}</td>
            <td data-label="Geleverd">
                <label class="sr-only" for=format!("volume-{nummer}")>{volume_label}</label>
                <input id=format!("volume-{nummer}") class="volume" inputmode="decimal" placeholder=row.volume_hint
                    prop:value=move || form.inputs.with(|m| m.get(&nummer).map(|i| i.volume.clone()).unwrap_or_default())
                    on:input=move |ev| form.edit(nummer, |i| { i.volume = event_target_value(&ev); i.uit_urenstaat = false; }) />
                {move || form.inputs.with(|m| m.get(&nummer).is_some_and(|i| i.uit_urenstaat)).then(|| view! { <span class="muted">" uit urenstaat"</span> })}
            </td>
            <td data-label="Tarief (€)">
                {(!row.is_bedrag).then(|| view! {
                    <label class="sr-only" for=format!("tarief-{nummer}")>{tarief_label.clone()}</label>
                    <input id=format!("tarief-{nummer}") class="tarief" inputmode="decimal" value=tarief_value.clone()
                        on:input=move |ev| form.edit(nummer, |i| i.tarief = event_target_value(&ev)) />
                    <br/><span class="muted small">{row.tarief_bron.text()}</span>
                })}
            </td>
            <td class="controle" data-label="Bedrag en controle">
                {move || {
                    let Some(p) = plan_of() else { return ().into_any() };
                    let ok = p.problems.is_empty() && p.bedrag.is_some();
                    view! {
                        {p.bedrag.clone().map(|b| view! { <span class="bedrag">{b}</span> })}
                        {ok.then(|| view! { " " <span class="badge ok">"klopt"</span> })}
                        {(!p.problems.is_empty()).then(|| view! {
                            <ul class="problems">
                                {p.problems.iter().map(problem_item).collect_view()}
                            </ul>
                        })}
                        {(p.new_tarief.is_some() && p.bedrag.is_some()).then(|| view! {
                            <button type="button" class="secondary" id=format!("tarief-bewaren-{nummer}") on:click=keep_tariff.clone()>"Tarief bewaren in contracttarieven"</button>
                        })}
                    }.into_any()
                }}
            </td>
        </tr>
    }
}

/// What would go wrong with a row: the retourcode and rule (the rule explained behind a "?"),
/// then what to do.
fn problem_item(problem: &crate::domain::declare::RowProblem) -> impl IntoView + use<> {
    let code = match (problem.code, problem.rule) {
        (Some(code), Some(rule)) => Some(format!("{code} ({rule}): ")),
        (None, Some(rule)) => Some(format!("{rule}: ")),
        _ => None,
    };
    let help = problem.rule.map(|rule| view! { <CodeHelp code=rule.code() /> });
    view! { <li class="bad">{code}{help}{problem.message.clone()}</li> }
}

/// A typed tariff becomes a small tariff file "made by Kloppend", valid from the month of
/// care: stored, logged, undoable and backed up like the tariffs entered on Instellingen.
fn save_tariff(state: AppState, gemeente: &str, code: &str, eenheid: crate::domain::message::Eenheid, tarief: u64, van: NaiveDate) {
    let van = van.with_day(1).unwrap_or(van);
    let rij = TariefRij { regel: 2, gemeente: gemeente.into(), product_code: code.into(), eenheid, tarief, van, tot: None };
    let name = format!("tarief_{gemeente}_{code}_{}.csv", clock::today().format("%Y%m%d"));
    let bytes = write_tarieven(&[rij]).into_bytes();
    spawn_local(async move {
        let _ = state.add_files(vec![(name, bytes)], Origin::Gemaakt).await;
    });
}

#[component]
fn MessagePanel(made: Memo<Arc<Option<DeclarePlan>>>, form: Form) -> impl IntoView {
    let state = expect_context::<AppState>();
    let download_it = move |_| {
        let Some((name, xml, regels)) = made.with_untracked(|p| {
            p.as_ref().as_ref().and_then(|p| p.made()).map(|m| (m.file_name.clone(), m.xml.clone().into_bytes(), m.regels.len()))
        }) else {
            return;
        };
        if let Err(e) = download::download(&name, "application/xml", &xml) {
            return state.show(notices::download_failed(e));
        }
        spawn_local(async move {
            // If storing failed, the state says why and the form stays for another try.
            if state.add_files(vec![(name.clone(), xml)], Origin::Gemaakt).await.is_err() {
                return;
            }
            form.clear();
            state.show_and_focus(notices::declared(&name, regels));
        });
    };
    view! {
        {move || {
            let plan = made.get();
            let Some(p) = plan.as_ref().as_ref() else {
                return view! { <p class="muted">"Kies een gemeente met toewijzingen."</p> }.into_any();
            };
            let nummer = p.declaratie_nummer.clone();
            let id = p.bericht_identificatie.clone();
            view! {
                <div class="filters">
                    <label>"DeclaratieNummer" <input id="declareren-nummer" maxlength="12" value=nummer
                        on:change=move |ev| form.numbers.update(|n| n.declaratie_nummer = Some(event_target_value(&ev))) /></label>
                    <label>"BerichtIdentificatie" <input id="declareren-identificatie" maxlength="12" value=id
                        on:change=move |ev| form.numbers.update(|n| n.bericht_identificatie = Some(event_target_value(&ev))) /></label>
                </div>
                <p class="explain nummer-advies">{wording::number_advice(p.eigen_reeks)}</p>
                <p>"Declaratieperiode: " <strong id="declareren-periode">{p.periode_text.clone()}</strong></p>
                {p.bericht_problems().iter().map(|m| view! { <p class="notice bad">{m.clone()}</p> }).collect_view()}
                {match (&p.result, p.made()) {
                    (None, _) => view! { <p class="muted" id="declareren-status">"Vul bij minstens één toewijzing in hoeveel je hebt geleverd. Regels zonder volume komen niet in het bericht."</p> }.into_any(),
                    (_, Some(m)) => view! {
                        <p class="notice ok" id="declareren-status">{format!("Klopt: {} voor {}, zonder fouten{}.",
                            crate::domain::text::count(m.regels.len(), "regel", "regels"), money(m.totaal()),
                            if m.findings.is_empty() { String::new() } else { format!(" ({})", crate::domain::text::count(m.findings.len(), "waarschuwing", "waarschuwingen")) })}</p>
                        {(!m.findings.is_empty()).then(|| view! { <ul class="notice warn">{m.findings.iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view()}</ul> })}
                    }.into_any(),
                    (Some(_), None) => view! { <p class="notice bad" id="declareren-status">"Nog niet klaar: herstel de regels hierboven met een melding, of maak hun volume leeg om ze weg te laten."</p> }.into_any(),
                }}
                <button type="button" id="declareren-downloaden" disabled=p.made().is_none() on:click=download_it>"Controleren en downloaden"</button>
                <p class="explain">"Kloppend downloadt het bestand en bewaart het in het archief. Upload het daarna zelf in VECOZO (Declareren → Bestand insturen)."</p>
            }.into_any()
        }}
    }
}
