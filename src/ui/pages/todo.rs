//! Te doen: one list of what to do next, most urgent first, each item with its reason, its
//! deadline and one link to the place that does it. Everything shown comes from
//! `domain::todo`; marking an item is one logged (undoable) change.

use crate::domain::text::datum;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::clock;
use crate::domain::credit::Soort;
use crate::domain::journal::TodoMark;
use crate::domain::overview::Bron;
use crate::domain::todo::{self, Target, Todo, TodoKind, TodoList, Urgency};
use crate::ui::components::money;
use crate::ui::route::{DeclareChoice, Route};
use crate::ui::state::AppState;

/// How long "later" puts an item off.
const SNOOZE_DAYS: i64 = 7;

/// The list, shared by the menu (its count) and the screen, rebuilt when the archive, the
/// log or a term changes.
#[derive(Clone, Copy)]
pub struct TodoMemo(pub Memo<Arc<TodoList>>);

impl TodoMemo {
    pub fn new(state: AppState) -> TodoMemo {
        TodoMemo(Memo::new(move |_| {
            let workspace = state.workspace().get();
            let terms = state.terms().get();
            let today = workspace.today.unwrap_or_else(clock::today);
            state.log().with(|log| Arc::new(todo::build(&workspace, log, &terms, Bron::default_for(&workspace), today)))
        }))
    }
}

fn target_link(target: &Target) -> (String, &'static str) {
    match target {
        Target::Declaration { file_id, line: Some(line) } => (Route::Declaratie(file_id.clone(), Some(*line)).href(), "Naar de regels"),
        Target::Declaration { file_id, line: None } => (Route::Declaratie(file_id.clone(), None).href(), "Naar de declaratie"),
        Target::Import => (Route::Importeren.href(), "Naar Importeren"),
        Target::Settlements => (Route::Verrekeningen.href(), "Naar Verrekeningen"),
        Target::Toewijzingen => (Route::Toewijzingen(None).href(), "Naar Toewijzingen"),
        Target::Declare { domein, gemeente, maand } => (
            Route::Declareren(Some(DeclareChoice { domein: *domein, gemeente: gemeente.clone(), maand: *maand })).href(),
            "Naar Declareren",
        ),
    }
}

fn urgency_slug(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue => "verlopen",
        Urgency::Soon => "binnenkort",
        Urgency::Later => "later",
        Urgency::NoDeadline => "geen",
    }
}

fn kind_class(kind: TodoKind) -> &'static str {
    match kind {
        TodoKind::SendAgain
        | TodoKind::DeclareAgain
        | TodoKind::CreditAgain
        | TodoKind::CreditWrong
        | TodoKind::FitToewijzing
        | TodoKind::CreditOutsideToewijzing => "badge bad",
        TodoKind::ChaseAnswer
        | TodoKind::LoadDeclaration
        | TodoKind::OpenClaim
        | TodoKind::Upload
        | TodoKind::ToewijzingEnds
        | TodoKind::MonthNotDeclared
        | TodoKind::SendRetour
        | TodoKind::SendStart
        | TodoKind::SendStop => "badge warn",
        TodoKind::AwaitAnswer => "badge info",
    }
}

/// What the buttons of an item do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Buttons {
    /// Done, or put off a week.
    Open,
    /// Back on the list.
    Parked,
}

#[component]
fn TodoItem(item: Todo, today: NaiveDate, buttons: Buttons, #[prop(optional)] until: Option<NaiveDate>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let urgency = item.urgency(today);
    let (href, link_text) = target_link(&item.target);
    let mark = move |key: String, title: String, mark: TodoMark| spawn_local(state.mark_todo(key, title, mark));
    let (k1, t1, k2, t2) = (item.key.clone(), item.title.clone(), item.key.clone(), item.title.clone());
    view! {
        <li class="todo" data-soort=item.kind.slug() data-urgentie=urgency_slug(urgency) data-sleutel=item.key.clone()>
            <div class="todo-head">
                <span class=kind_class(item.kind)>{item.kind.label()}</span>" "
                <strong class="todo-title">{item.title.clone()}</strong>
            </div>
            <p class="todo-reason">{item.reason.clone()}</p>
            <p class="todo-deadline">
                <strong>{item.deadline_text(today)}</strong>
                {item.amount.filter(|a| a.cents() != 0).map(|a| format!(" · {}", money(a)))}
                {(!item.deadline_note.is_empty()).then(|| view! { <span class="explain">{format!(" ({})", item.deadline_note)}</span> })}
                {until.map(|u| view! { <span class="explain">{format!(" · uitgesteld tot {}", datum(u))}</span> })}
            </p>
            <div class="actions">
                {(!item.lines.is_empty()).then(|| {
                    let lines = item.lines.clone();
                    // The wizard opens with these lines chosen: to declare again, or to credit.
                    let soort = if matches!(item.kind, TodoKind::CreditWrong | TodoKind::CreditOutsideToewijzing) { Soort::Credit } else { Soort::Herdeclaratie };
                    view! {
                        <a class="button todo-wizard" href=Route::Crediteren.href() on:click=move |_| {
                            state.open_wizard(lines.clone(), soort);
                        }>{soort.label()}</a>
                    }
                })}
                <a class=if item.lines.is_empty() { "button todo-open" } else { "button secondary todo-open" } href=href>{link_text}</a>
                {match (buttons, item.upload.clone()) {
                    (Buttons::Open, upload) => {
                        let first = match upload {
                            Some((id, name)) => view! {
                                <button type="button" class="todo-uploaded" on:click=move |_| spawn_local(state.mark_uploaded(id.clone(), name.clone()))>"Geüpload in VECOZO"</button>
                            }.into_any(),
                            None => view! {
                                <button type="button" class="secondary todo-done" on:click=move |_| mark(k1.clone(), t1.clone(), TodoMark::Done)>"Afgehandeld"</button>
                            }.into_any(),
                        };
                        view! {
                            {first}
                            <button type="button" class="secondary todo-snooze" on:click=move |_| {
                                let tot = clock::today() + Duration::days(SNOOZE_DAYS);
                                mark(k2.clone(), t2.clone(), TodoMark::PutOff { until: tot })
                            }>"Een week uitstellen"</button>
                        }.into_any()
                    }
                    (Buttons::Parked, _) => view! {
                        <button type="button" class="secondary todo-reopen" on:click=move |_| mark(k1.clone(), t1.clone(), TodoMark::Reopened)>"Terug op de lijst"</button>
                    }.into_any(),
                }}
            </div>
        </li>
    }
}

#[component]
pub fn TodoPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let TodoMemo(list) = expect_context::<TodoMemo>();
    view! {
        <section>
            <h2>"Te doen"</h2>
            <div class="actions">
                <button type="button" class="secondary small" id="afdrukken" on:click=|_| crate::browser::page::print()>"Afdrukken"</button>
            </div>
            <p class="explain">
                "Wat je nu moet doen, het dringendste eerst: afgewezen regels opnieuw declareren, niet verwerkte declaraties opnieuw versturen, "
                "antwoorden navragen die te laat zijn. Een punt verdwijnt vanzelf zodra het is opgelost (bijvoorbeeld als de regel opnieuw is gedeclareerd). "
                "De termijnen per gemeente stel je in bij "<a href=Route::Instellingen.href()>"Instellingen"</a>"."
            </p>
            {move || {
                let today = state.today();
                let list = list.get();
                if state.workspace().with(|w| w.is_empty()) {
                    return view! { <p class="muted" id="niets-te-doen">"Er is nog niets geladen. "<a href=Route::Importeren.href()>"Importeer je declaraties en antwoorden"</a>" of laad de demo."</p> }.into_any();
                }
                let (actions, waiting): (Vec<Todo>, Vec<Todo>) = list.open.iter().cloned().partition(|t| !t.kind.is_waiting());
                let snoozed = list.snoozed.clone();
                let done = list.done.clone();
                view! {
                    {if actions.is_empty() {
                        view! { <p class="notice ok" id="niets-te-doen">"Niets te doen: alles is verwerkt of wacht op de gemeente."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="todo-list" id="te-doen">
                                {actions.into_iter().map(|item| view! { <TodoItem item=item today=today buttons=Buttons::Open /> }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    {(!waiting.is_empty()).then(|| view! {
                        <h3>{format!("Wacht op antwoord ({})", waiting.len())}</h3>
                        <ol class="todo-list" id="wachten">
                            {waiting.into_iter().map(|item| view! { <TodoItem item=item today=today buttons=Buttons::Open /> }).collect_view()}
                        </ol>
                    })}
                    {(!snoozed.is_empty()).then(|| view! {
                        <details id="uitgesteld"><summary>{format!("Uitgesteld ({})", snoozed.len())}</summary>
                            <ol class="todo-list">
                                {snoozed.into_iter().map(|(item, until)| view! { <TodoItem item=item today=today buttons=Buttons::Parked until=until /> }).collect_view()}
                            </ol>
                        </details>
                    })}
                    {(!done.is_empty()).then(|| view! {
                        <details id="afgehandeld"><summary>{format!("Afgehandeld ({})", done.len())}</summary>
                            <ol class="todo-list">
                                {done.into_iter().map(|item| view! { <TodoItem item=item today=today buttons=Buttons::Parked /> }).collect_view()}
                            </ol>
                        </details>
                    })}
                }.into_any()
            }}
        </section>
    }
}
