//! The declaration view: like VECOZO's detail screen, with the answer joined in. Header
//! facts, totals, the linked 325 and credit messages, and the lines, one page at a time,
//! grouped by client with status, codes, explanation and advice. Lines can be selected for
//! the credit wizard. Everything shown comes from `DeclarationModel`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::page;
use crate::domain::journal::TodoMark;
use crate::domain::message::Soort;
use crate::domain::money::Saldo;
use crate::domain::reconcile::{Bedragen, LineStatus};
use crate::domain::todo;
use crate::domain::view::declaration::{DeclarationHeader, DeclarationModel, LineFilter, LineRow, Link, TableRow};
use crate::domain::view::paging::PAGE_SIZE;
use crate::domain::workspace::LineKey;
use crate::ui::components::{
    Bsn, Codes, FigureCards, FindingList, Help, Pager, StatusBadge, arc_changed, drawn_in_batches, file_name, money, tone_class,
};
use crate::ui::route::Route;
use crate::ui::state::AppState;

fn links(list: Vec<Link>) -> impl IntoView {
    list.into_iter().map(|l| view! { <a href=Route::Declaratie(l.file_id, None).href()>{l.declaratie_nummer}</a>" " }).collect_view()
}

/// The id of the line row opened from a link (Te doen, the Overzicht), so it can be scrolled to.
const CHOSEN_LINE: &str = "gekozen-regel";

#[component]
pub fn DeclarationPage(file_id: String, line: Option<(usize, usize)>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(LineFilter::default());
    let page = RwSignal::new(0usize);
    // Go to the page of the chosen line once, when the model is first there.
    let chosen_page_set = StoredValue::new(false);
    let id = file_id.clone();
    let model = Memo::new_with_compare(
        move |_| state.workspace().with(|w| DeclarationModel::build(w, &id, filter.get()).map(Arc::new)),
        |a: Option<&Option<Arc<DeclarationModel>>>, b: Option<&Option<Arc<DeclarationModel>>>| match (a, b) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );

    Effect::new(move |_| {
        let (Some(m), Some(line)) = (model.get(), line) else { return };
        if chosen_page_set.get_value() {
            return;
        }
        chosen_page_set.set_value(true);
        if let Some(number) = m.page_of(line, PAGE_SIZE) {
            page.set(number);
        }
        // After the page of rows is drawn.
        leptos::task::spawn_local(async move {
            crate::ui::state::yield_to_browser().await;
            page::scroll_to_id(CHOSEN_LINE);
        });
    });

    move || {
        let Some(m) = model.get() else {
            let workspace = state.workspace().get();
            let text = if state.loading().get().is_some() {
                "Het archief wordt geladen…"
            } else if workspace.bericht_index(&file_id).is_some() {
                "Dit bestand is geen declaratie (323)."
            } else {
                "Deze declaratie staat niet (meer) in het archief."
            };
            return view! { <section><p class="muted">{text}</p><a href="#/overzicht">"Terug naar het overzicht"</a></section> }.into_any();
        };
        let Some(hd) = state.workspace().with_untracked(|w| m.header(w)) else { return ().into_any() };
        let (uitkomst, tone) = hd.uitkomst;
        let counts = hd.counts.clone();
        let (issues, findings) = (hd.issues.clone(), hd.findings.clone());
        let header_codes = m.header_codes.clone();
        let declaratie_codes = m.declaratie_codes.clone();
        let credits = m.credits.clone();
        let originals = m.originals.clone();
        let total_lines = m.total_lines;
        let status_filter = m.filter.status;

        view! {
            <section>
                <div class="actions"><a href="#/overzicht">"← Overzicht"</a>
                    <button type="button" class="secondary small" id="afdrukken" on:click=|_| page::print()>"Afdrukken"</button></div>
                <h2>{format!("Declaratie {}", hd.nummer)}{hd.credit_message.then_some(" (credit)")}</h2>
                <p><span class=tone_class(tone) id="verwerking">{uitkomst}</span></p>
                <p class="advice" id="advies">{m.advies.clone()}</p>
                <DeclarationFacts hd=hd.clone() credits=credits originals=originals />
                <DeclarationMoney hd=hd.clone() received=m.received />
                {(!header_codes.is_empty() || !declaratie_codes.is_empty()).then(|| view! {
                    <h3>"Retourcodes van het antwoord"</h3>
                    <div>"Het bericht als geheel: "<Codes codes=header_codes.clone() /></div>
                    {(!declaratie_codes.is_empty()).then(|| view! { <div>"De declaratie: "<Codes codes=declaratie_codes.clone() /></div> })}
                })}
                {(!issues.is_empty()).then(|| view! {
                    <h3>"Wat niet klopt tussen de berichten"</h3>
                    <ul id="problemen">{issues.into_iter().map(|(kind, message, gevolg)| view! { <li><span class="badge warn">{kind}</span>" "{message}" "<span class="explain">{gevolg}</span></li> }).collect_view()}</ul>
                })}
                {(!findings.is_empty()).then(|| view! {
                    <details><summary>{format!("Bevindingen in het bestand ({})", findings.len())}</summary><FindingList findings=findings.clone() soort=Soort::Declaratie /></details>
                })}
            </section>
            <section>
                <div class="actions">
                    <h3>{format!("Regels ({total_lines})")}</h3>
                    <label>"Toon "
                        <select id="regels-filter" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            page.set(0);
                            filter.set(LineFilter { status: LineStatus::ALL.into_iter().find(|s| s.slug() == v) });
                        }>
                            <option value="" selected=status_filter.is_none()>"alle regels"</option>
                            {counts.iter().filter(|(_, n)| *n > 0).map(|(s, n)| view! {
                                <option value=s.slug() selected=status_filter == Some(*s)>{format!("{} ({n})", s.label())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label><input type="checkbox" prop:checked=move || state.show_bsn().get()
                        on:change=move |_| spawn_local(state.set_show_bsn(!state.show_bsn().get_untracked())) />" BSN volledig tonen"</label>
                    <WizardButtons bericht=m.bericht shown=m.lines.clone() />
                </div>
                <LineTable model=m.clone() page=page chosen=line />
                <p class="explain">{counts.iter().map(|(s, n)| format!("{}: {n}", s.label())).collect::<Vec<_>>().join(" · ")}</p>
            </section>
        }
        .into_any()
    }
}

/// Ticking many lines at once, and the way to the wizard named for what is ticked: rejected
/// lines open it to declare them again (crediting them is refused, IV085), approved ones to
/// credit them; "hele declaratie" ticks every approved line of this one.
#[component]
fn WizardButtons(bericht: usize, shown: Vec<(usize, usize)>) -> impl IntoView {
    use crate::domain::view::credit_plan::{choosable, opening_label, soort_for, whole_declaration};
    let state = expect_context::<AppState>();
    let (shown, whole) = state.workspace().with_untracked(|w| (choosable(w, bericht, &shown, None), whole_declaration(w, bericht)));
    let opening = move || state.selection().with(|s| state.workspace().with(|w| (soort_for(w, s), s.len())));
    let alles = format!("Alle getoonde regels kiezen ({})", shown.len());
    let hele = format!(
        "Hele declaratie crediteren ({})",
        crate::domain::view::wording::count(whole.len(), "goedgekeurde regel", "goedgekeurde regels")
    );
    view! {
        {(!shown.is_empty()).then(|| view! {
            <button type="button" class="secondary small" id="alles-kiezen" on:click=move |_| state.toggle_all(shown.clone())>{alles}</button>
        })}
        {(!whole.is_empty()).then(|| view! {
            <a class="button secondary" id="hele-declaratie" href=Route::Crediteren.href()
                on:click=move |_| state.open_wizard(whole.clone(), crate::domain::credit::Soort::Credit)>{hele}</a>
        })}
        <a class="button" id="naar-crediteren" href=Route::Crediteren.href() on:click=move |_| state.suit_credit_soort(opening().0)>
            {move || { let (soort, n) = opening(); opening_label(soort, n) }}
        </a>
    }
}

/// One page of the lines, keyed by line, so changing the selection or the page redraws only
/// the rows that change.
#[component]
fn LineTable(model: Arc<DeclarationModel>, page: RwSignal<usize>, chosen: Option<(usize, usize)>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let m = model.clone();
    let current = Memo::new(move |_| m.page(page.get(), PAGE_SIZE));
    let m = model.clone();
    let rows = Memo::new_with_compare(move |_| state.workspace().with_untracked(|w| Arc::new(m.rows(w, current.get()))), arc_changed);
    let (shown, busy) = drawn_in_batches(rows, move |rows: &[TableRow]| rows.iter().position(|r| Some(row_key(r)) == chosen));
    // The approved lines of this declaration the user marked as wrong (from the log, so a
    // mark in another tab or an undo shows here too).
    let file_id = model.file_id.clone();
    let wrong = Memo::new(move |_| state.log().with(|log| todo::marked_wrong_lines(&crate::domain::journal::marks(log), &file_id)));
    view! {
        {move || view! { <Pager page=current.get() number=page noun="Regels" id="regels-pagina" /> }}
        <div class="table-scroll">
            <table id="regels" aria-busy=move || busy.get().to_string()>
                <thead><tr>
                    <th><span class="sr-only">"Kiezen"</span></th><th>"Referentie"</th><th>"Product"</th><th>"Productperiode"</th><th>"Volume"</th>
                    <th class="num">"Tarief"</th><th class="num">"Bedrag"</th><th>"Status"</th><th>"Codes en advies"</th>
                </tr></thead>
                <tbody>
                    <For each=move || shown.get() key=row_key let:row>
                        {match row {
                            TableRow::Client { bsn, codes, .. } => view! {
                                <tr class="group">
                                    <td colspan="9">
                                        "Client " <Bsn value=bsn />
                                        {(!codes.is_empty()).then(|| view! { <span class="explain">" — codes op clientniveau: "</span><Codes codes=codes.clone() /> })}
                                    </td>
                                </tr>
                            }.into_any(),
                            TableRow::Line(line) => {
                                let is_chosen = chosen == Some((line.key.client, line.key.prestatie));
                                view! { <LineRowView line=*line chosen=is_chosen wrong=wrong /> }.into_any()
                            }
                        }}
                    </For>
                </tbody>
            </table>
        </div>
        {move || view! { <Pager page=current.get() number=page noun="Regels" id="regels-pagina-onder" /> }}
    }
}

fn row_key(row: &TableRow) -> (usize, usize) {
    match row {
        TableRow::Client { client, .. } => (*client, usize::MAX),
        TableRow::Line(line) => (line.key.client, line.key.prestatie),
    }
}

#[component]
fn LineRowView(line: LineRow, chosen: bool, wrong: Memo<std::collections::HashSet<(usize, usize)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key: LineKey = line.key.clone();
    let place = (line.key.client, line.key.prestatie);
    let mark_key = todo::wrong_line_key(&line.key.file_id, place.0, place.1);
    let mark_title = format!("regel {}", line.referentie);
    let approved_debit = line.status == LineStatus::Goedgekeurd && !line.is_credit;
    let key_toggle = key.clone();
    let label = format!("Regel {} selecteren", line.referentie);
    view! {
        <tr data-ref=line.referentie.clone() data-status=line.status.slug() id=chosen.then_some(CHOSEN_LINE) class:chosen=chosen>
            <td>
                <input type="checkbox" class="select-line" aria-label=label
                    prop:checked=move || state.selection().with(|s| s.contains(&key))
                    on:change=move |_| state.toggle_line(key_toggle.clone()) />
            </td>
            <td class="mono">{line.referentie.clone()}{line.crediteert.map(|v| view! { <div class="explain">{format!("crediteert {v}")}</div> })}</td>
            <td>{line.product}<div class="explain"><a href=Route::Toewijzingen(Some(line.toewijzing)).href() aria-label=format!("Toewijzing {} bekijken", line.toewijzing)>{format!("toewijzing {}", line.toewijzing)}</a></div></td>
            <td>{crate::domain::view::wording::periode(&line.periode)}</td>
            <td>{line.volume}</td>
            <td class="num">{line.tarief.map(|t| t.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td class="num">{money(line.bedrag)}<div class="explain">{if line.is_credit { "credit" } else { "debet" }}</div></td>
            <td>{match &line.handled {
                Some(_) => view! { <span class="badge info" data-status="opnieuw-gedeclareerd">"Opnieuw gedeclareerd"</span>" "<span class="explain">{format!("was: {}", line.status.label().to_lowercase())}</span> }.into_any(),
                None => view! { <StatusBadge status=line.status /> }.into_any(),
            }}</td>
            <td>
                <Codes codes=line.codes /><div class="advice">{line.handled.clone().unwrap_or(line.advies)}</div>
                {(!line.expected.is_empty()).then(|| {
                    let codes: Vec<String> = line.expected.iter().map(|(c, _)| c.clone()).collect();
                    view! {
                        <div class="expected">
                            <span class="badge bad">{format!("Wordt afgewezen: {}", codes.join(", "))}</span>
                            <ul>{line.expected.iter().map(|(_, why)| view! { <li>{why.clone()}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
                {line.next.map(|n| view! {
                    <div class="line-link next">"Opnieuw gedeclareerd als "
                        <a href=Route::Declaratie(n.file_id, Some((n.client, n.prestatie))).href()>{n.referentie}</a>
                        {format!(" in declaratie {}", n.declaratie_nummer)}</div>
                })}
                {line.previous.map(|p| view! {
                    <div class="line-link previous">"Declareert opnieuw: "
                        <a href=Route::Declaratie(p.file_id, Some((p.client, p.prestatie))).href()>{p.referentie}</a>
                        {format!(" uit declaratie {}", p.declaratie_nummer)}</div>
                })}
                {approved_debit.then(move || view! {
                    <div class="line-wrong">{move || {
                        let (k, t) = (mark_key.clone(), mark_title.clone());
                        if wrong.with(|w| w.contains(&place)) {
                            view! {
                                <span class="badge bad">"Als onjuist gemarkeerd: staat op Te doen om te crediteren"</span>" "
                                <button type="button" class="secondary small line-right" on:click=move |_| spawn_local(state.mark_todo(k.clone(), t.clone(), TodoMark::Reopened))>"Klopt toch"</button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" class="secondary small line-wrong-mark" title="Goedgekeurd, maar de regel klopt niet: zet hem op Te doen om te crediteren"
                                    on:click=move |_| spawn_local(state.mark_todo(k.clone(), t.clone(), TodoMark::Wrong))>"Klopt niet"</button>
                            }.into_any()
                        }
                    }}</div>
                })}
            </td>
        </tr>
    }
}

/// A credit message's own money: what it takes back and what the gemeente did with it (its
/// lines count on the originals in every total).
#[component]
fn CreditMessageCards(bedragen: Bedragen, credit: Saldo) -> impl IntoView {
    let b = bedragen;
    view! {
        <div class="cards" id="d-bedragen">
            <div class="card"><div class="label">"Crediteert"</div><div class="value" id="d-credit">{money(credit)}</div></div>
            <div class="card"><div class="label">"Credit toegekend"</div><div class="value" id="d-toegekend">{money(-b.toegekend)}</div></div>
            <div class="card"><div class="label">"Credit afgewezen"</div><div class="value" id="d-afgewezen">{money(-b.afgewezen)}</div></div>
            <div class="card"><div class="label">"Credit wacht op antwoord"</div><div class="value" id="d-verwacht">{money(-b.pending())}</div></div>
            {(b.te_uploaden.cents() != 0).then(|| view! { <div class="card"><div class="label">"Nog uploaden"</div><div class="value" id="d-te-uploaden">{money(-b.te_uploaden)}</div></div> })}
        </div>
        <p class="explain">"Een credit telt in de totalen mee bij de regels die het crediteert."</p>
    }
}

/// The declaration's money: its figures (or a credit message's own), the credit it carries,
/// what the settlements paid, and whether the gemeente's answer adds up.
/// What the declaration is: sender, gemeente, numbers, period, file, answer and the credit
/// messages on either side.
#[component]
fn DeclarationFacts(hd: DeclarationHeader, credits: Vec<Link>, originals: Vec<Link>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <dl class="facts">
            <dt>"Afzender (AGB)"<Help term="AGB-code" /></dt><dd class="mono">{hd.afzender.clone()}</dd>
            <dt>"Gemeente"</dt><dd id="gemeente">{hd.gemeente.clone()}</dd>
            <dt>"Bericht"</dt><dd>{hd.bericht.clone()}</dd>
            <dt>"Berichtnummer"<Help term="BerichtIdentificatie" /></dt><dd class="mono">{hd.berichtnummer.clone()}</dd>
            <dt>"Declaratienummer"<Help term="DeclaratieNummer" /></dt><dd class="mono">{hd.nummer.clone()}</dd>
            <dt>"Declaratieperiode"</dt><dd>{hd.periode.clone()}</dd>
            <dt>"Dagtekening"</dt><dd>{hd.dagtekening.clone()}</dd>
            <dt>"Bestand"</dt><dd>{file_name(&state, &hd.bestand)} <span class="explain">{format!(" ({})", hd.herkomst)}</span></dd>
            <dt>"Antwoord (325)"<Help term="325" /></dt>
            <dd>{match &hd.antwoord {
                Some((nummer, bestand)) => format!("{nummer} — {}", file_name(&state, bestand)),
                None => "nog niet ontvangen".to_string(),
            }}</dd>
            {(!credits.is_empty()).then(|| view! { <dt>"Creditberichten"</dt><dd>{links(credits)}</dd> })}
            {(!originals.is_empty()).then(|| view! { <dt>"Crediteert declaratie"</dt><dd>{links(originals)}</dd> })}
        </dl>
    }
}

#[component]
fn DeclarationMoney(hd: DeclarationHeader, received: Option<Saldo>) -> impl IntoView {
    let b = hd.bedragen;
    view! {
        {if hd.credit_message {
            view! { <CreditMessageCards bedragen=b credit=hd.credit_lines /> }.into_any()
        } else {
            view! { <FigureCards figures=hd.figures prefix="d" /> }.into_any()
        }}
        <div class="cards">
            {(!hd.credit_message && hd.credit_lines.cents() != 0).then(|| view! {
                <div class="card"><div class="label">"Credit in dit bericht"</div><div class="value" id="d-credit-hier">{money(-hd.credit_lines)}</div>
                <div class="card-note">"telt mee bij de regels die het crediteert"</div></div>
            })}
            {received.map(|received| view! {
                <div class="card"><div class="label">"Ontvangen (verrekenoverzicht)"</div><div class="value" id="d-ontvangen">{money(received)}</div></div>
                <div class="card"><div class="label">"Verschil met toegekend"</div><div class="value" id="d-verschil">{money(Saldo(b.toegekend.cents() - received.cents()))}</div></div>
            })}
        </div>
        {hd.som.filter(|s| !s.klopt).map(|s| view! {
            <div class="notice bad" id="som-controle">
                <strong>"De bedragen in het antwoord van de gemeente tellen niet op. "</strong>
                {format!("Volgens het antwoord: ingediend {}, toegekend {}. Volgens de regels: afgewezen {}, niet afgewezen {}.",
                    s.ingediend_325, s.toegekend_325, s.afgewezen_regels, s.goedgekeurde_regels)}
            </div>
        })}
    }
}
