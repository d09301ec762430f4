//! Small building blocks shared by the screens.

use leptos::prelude::*;

use super::state::AppState;
use crate::app::ImportStep;
use crate::domain::export::{ExportFormat, Sheet};
use crate::domain::findings::{Finding, Severity};
use crate::domain::message::RetourCode;
use crate::domain::message::identity::{mask_bsn, mask_bsns_in};
use crate::domain::money::Saldo;
use crate::domain::reconcile::LineStatus;
use crate::domain::retourcodes::Betekenis;
use crate::domain::view::figures::{self, Figures};
use crate::domain::view::paging::{Batches, Page, thousands};
use crate::domain::view::wording::{self, Tone, status_tone};

/// For a memo of an `Arc`: "changed" whenever it was recomputed. Comparing the contents
/// would cost as much as building them, and a memo's point here is to build once per change.
pub fn arc_changed<T>(old: Option<&std::sync::Arc<T>>, new: Option<&std::sync::Arc<T>>) -> bool {
    !matches!((old, new), (Some(a), Some(b)) if std::sync::Arc::ptr_eq(a, b))
}

/// One page of rows as it is drawn: the first batch at once, then a batch per task (see
/// `Batches`), and whether rows are still to come (for the table's `aria-busy`). `must_show`
/// picks a row that has to be in the first batch (the one a link scrolls to).
pub fn drawn_in_batches<T>(
    rows: Memo<std::sync::Arc<Vec<T>>>,
    must_show: impl Fn(&[T]) -> Option<usize> + Send + Sync + 'static,
) -> (Signal<Vec<T>>, Signal<bool>)
where
    T: Clone + Send + Sync + 'static,
{
    let batches = Batches::TABLE;
    // Which list the drawn count belongs to: a number per list, so a count left over from
    // the previous page never applies to the next one.
    let list = Memo::new_with_compare(
        move |previous: Option<&(u64, std::sync::Arc<Vec<T>>)>| (previous.map_or(0, |p| p.0 + 1), rows.get()),
        |a, b| a.map(|a| a.0) != b.map(|b| b.0),
    );
    let drawn = RwSignal::new((u64::MAX, 0usize));
    let count = Memo::new(move |_| {
        list.with(|(number, rows)| match drawn.get() {
            (n, count) if n == *number => count,
            _ => batches.first(rows.len(), must_show(rows)),
        })
    });
    Effect::new(move |_| {
        let (number, total) = list.with(|(n, rows)| (*n, rows.len()));
        // A new list: its first batch, as drawn now.
        let mut count = count.get_untracked();
        leptos::task::spawn_local(async move {
            while count < total {
                super::state::yield_to_browser().await;
                // Another page (or the screen left): that list's own batches take over.
                if list.try_with_untracked(|(n, _)| *n) != Some(number) {
                    return;
                }
                count = batches.next(count, total);
                if drawn.try_set((number, count)).is_some() {
                    return;
                }
            }
        });
    });
    let shown = Signal::derive(move || {
        let n = count.get();
        list.with(|(_, rows)| rows[..n.min(rows.len())].to_vec())
    });
    let busy = Signal::derive(move || {
        let n = count.get();
        list.with(|(_, rows)| n < rows.len())
    });
    (shown, busy)
}

pub fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "badge ok",
        Tone::Attention => "badge warn",
        Tone::Bad => "badge bad",
        Tone::Waiting => "badge info",
    }
}

pub fn status_class(status: LineStatus) -> &'static str {
    tone_class(status_tone(status))
}

#[component]
pub fn StatusBadge(status: LineStatus) -> impl IntoView {
    view! { <span class=status_class(status) data-status=status.slug()>{status.label()}</span> }
}

/// A file name as shown: BSNs in it masked unless the user chose to show BSNs (tracks that
/// choice when read in a reactive context).
pub fn file_name(state: &AppState, name: &str) -> String {
    if state.show_bsn().get() { name.to_string() } else { mask_bsns_in(name, '•') }
}

/// A "?" behind a term of the standard that opens its plain-Dutch explanation (a disclosure,
/// so it works by keyboard and is read out by screen readers). Nothing for an unknown term.
#[component]
pub fn Help(term: &'static str) -> impl IntoView {
    crate::domain::view::glossary::lookup(term).map(|entry| {
        view! {
            <details class="help">
                <summary aria-label=format!("Wat is {}?", entry.term) title=format!("Wat is {}?", entry.term)>"?"</summary>
                <span class="help-text">{entry.uitleg}</span>
            </details>
        }
    })
}

/// A "?" behind a code on screen (a retourcode, a rule, another code of the standard) that
/// opens what it means (issue 27: codes like TR342 and IV085 stood unexplained). Nothing for
/// a code Kloppend does not know.
#[component]
pub fn CodeHelp(#[prop(into)] code: String) -> impl IntoView {
    crate::domain::explain::explain_code(&code).map(|text| {
        view! {
            <details class="help code-help">
                <summary aria-label=format!("Wat betekent {code}?") title=format!("Wat betekent {code}?")>"?"</summary>
                <span class="help-text">{text}</span>
            </details>
        }
    })
}

/// A BSN, masked to its last three digits unless the user chose to show BSNs.
#[component]
pub fn Bsn(#[prop(into)] value: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let masked = mask_bsn(&value);
    view! {
        <span class="mono bsn" title="BSN">
            {move || if state.show_bsn().get() { value.clone() } else { masked.clone() }}
        </span>
    }
}

pub fn money(saldo: Saldo) -> String {
    saldo.to_string()
}

/// The money of a selection as cards that add up (see `view::figures`): gross declared, then
/// what became of it; what was not submitted or not processed beside. `prefix` keeps the ids
/// apart per screen (`totaal-gedeclareerd`, `d-gedeclareerd`).
#[component]
pub fn FigureCards(figures: Figures, prefix: &'static str) -> impl IntoView {
    let card = move |label: &'static str, id: &'static str, amount: Saldo, note: Option<String>| {
        view! {
            <div class="card">
                <div class="label">{label}</div>
                <div class="value" id=format!("{prefix}-{id}")>{money(amount)}</div>
                {note.map(|n| view! { <div class="card-note" id=format!("{prefix}-{id}-toelichting")>{n}</div> })}
            </div>
        }
    };
    // Cards for money that is usually nil show only when it is not.
    let optional = move |label, id, amount: Saldo, note| (amount.cents() != 0).then(|| card(label, id, amount, note));
    let f = figures;
    let pending = (f.credit_pending.cents() != 0).then(|| format!("waarvan {} wacht op antwoord", f.credit_pending));
    view! {
        <div class="cards" id=format!("{prefix}-bedragen")>
            {card("Gedeclareerd (bruto)", "gedeclareerd", f.declared, None)}
            {card("Gecrediteerd", "gecrediteerd", f.credited, pending)}
            {card("Toegekend", "toegekend", f.approved, figures::approved_text(&f))}
            {card("Afgewezen", "afgewezen", f.rejected, figures::rejected_text(&f))}
            {card("Wacht op antwoord", "verwacht", f.expected, None)}
            {optional("Niet verwerkt (opnieuw versturen)", "niet-verwerkt", f.not_processed, None)}
            {optional("Nog uploaden (gemaakt, niet verstuurd)", "te-uploaden", f.to_upload, None)}
            {optional("Credit nog uploaden (het origineel staat nog)", "credit-te-uploaden", f.credit_to_upload, None)}
            {optional("Credit op regels die niet in Kloppend staan", "credit-elders", f.credited_elsewhere, None)}
        </div>
        <p class="explain sum" id=format!("{prefix}-som")>{figures::sum_text(&f)}</p>
    }
}

/// Retourcodes with their official description and Kloppend's explanation.
#[component]
pub fn Codes(codes: Vec<RetourCode>) -> impl IntoView {
    codes
        .into_iter()
        .map(|code| {
            let info = code.info();
            let class = match code.betekenis() {
                Betekenis::Goedgekeurd => "badge ok",
                Betekenis::NietBeoordeeld => "badge warn",
                Betekenis::TechnischAfgekeurd | Betekenis::Afgewezen => "badge bad",
            };
            let title = info.map(|i| i.omschrijving).unwrap_or("Onbekende code (niet in codelijst WJ001)");
            let uitleg = info.map(|i| i.uitleg.to_string()).unwrap_or_else(|| "Deze code staat niet in de codelijst.".into());
            view! {
                <div class="code">
                    <span class=class title=title data-code=code.code().to_string()>{code.code().to_string()}</span>
                    " "
                    <span class="explain">{uitleg}</span>
                </div>
            }
        })
        .collect_view()
}

/// The findings of a message: rule, severity, place and text.
#[component]
pub fn FindingList(findings: Vec<Finding>, soort: crate::domain::message::Soort) -> impl IntoView {
    if findings.is_empty() {
        return view! { <p class="muted">"Geen bevindingen: het bericht voldoet aan de XSD en de controleregels."</p> }.into_any();
    }
    // One row per rule: a broken file can have a finding on every one of 33,000 lines.
    let groups = crate::domain::view::finding_groups::group(&findings, soort);
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Bevindingen"><table class="findings">
            <thead><tr><th>"Ernst"</th><th>"Wat"</th><th>"Antwoord van de gemeente"</th><th>"Wat te doen"</th></tr></thead>
            <tbody>{groups.into_iter().map(finding_row).collect_view()}</tbody>
        </table></div>
    }
    .into_any()
}

/// One rule's findings: what, consequence and advice up front; the rule code, what its
/// retourcode means and the first places behind "Technische details".
fn finding_row(g: crate::domain::view::finding_groups::FindingGroup) -> impl IntoView {
    let class = match g.severity {
        Severity::Error => "badge bad",
        Severity::Warning => "badge warn",
        Severity::Info => "badge info",
    };
    let more =
        (g.count > g.voorbeelden.len()).then(|| format!("De eerste {} van {} staan hierboven.", g.voorbeelden.len(), thousands(g.count)));
    let uitleg = g.retourcode.zip(g.uitleg).map(|(code, uitleg)| format!(" · retourcode {code}: {uitleg}"));
    view! {
        <tr data-rule=g.rule.code() data-aantal=g.count>
            <td><span class=class>{g.severity.label()}</span></td>
            <td class="wat">{g.wat}
                <details class="technisch"><summary>"Technische details"</summary>
                    <p>"Controleregel "<span class="mono rule">{g.rule.code()}</span><CodeHelp code=g.rule.code() />{uitleg}</p>
                    <ul>{g.voorbeelden.into_iter().map(|e| view! {
                        <li>{e.waar}": "{e.wat}" "<span class="mono explain">{e.technisch}</span></li>
                    }).collect_view()}</ul>
                    {more.map(|m| view! { <p class="explain meer-bevindingen">{m}</p> })}
                </details>
            </td>
            <td class="gevolg" data-retourcode=g.retourcode.unwrap_or("")>{g.gevolg}</td>
            <td class="explain">{g.advies}</td>
        </tr>
    }
}

/// Previous / next for a paged table, with where the page is.
#[component]
pub fn Pager(page: Page, number: RwSignal<usize>, #[prop(into)] noun: String, #[prop(into)] id: String) -> impl IntoView {
    if page.count <= 1 {
        return ().into_any();
    }
    let last = page.count - 1;
    view! {
        <nav class="pager" id=id aria-label=format!("Pagina's {}", noun.to_lowercase())>
            <button class="secondary small" disabled=!page.has_previous() on:click=move |_| number.set(0)>"Eerste"</button>
            <button class="secondary small pager-vorige" disabled=!page.has_previous() on:click=move |_| number.update(|n| *n = n.saturating_sub(1))>"Vorige"</button>
            <span class="pager-label" aria-live="polite">{format!("{} · pagina {} van {}", page.label(&noun), page.number + 1, page.count)}</span>
            <button class="secondary small pager-volgende" disabled=!page.has_next() on:click=move |_| number.update(|n| *n = (*n + 1).min(last))>"Volgende"</button>
            <button class="secondary small" disabled=!page.has_next() on:click=move |_| number.set(last)>"Laatste"</button>
        </nav>
    }
    .into_any()
}

/// The current notice, dismissable.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.notice().get().map(|notice| {
            view! {
                // Focusable from code: after a download the result is read out and in view.
                <div class=notice.kind.class() role="status" id="melding" tabindex="-1">
                    <span>{notice.text}</span>
                    " "
                    <button class="secondary small" on:click=move |_| state.dismiss_notice()>"Sluiten"</button>
                </div>
            }
        })
    }
}

/// While picked files are imported: which file, how far, and a way to stop before anything is stored.
#[component]
pub fn ImportProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.importing().get().map(|p| {
            let text = match p.step {
                ImportStep::Reading => format!("{} worden gelezen…", wording::count(p.total, "bestand", "bestanden")),
                ImportStep::Analysing => format!("Bestand {} van {} wordt ingelezen: {}", p.done + 1, p.total, p.name),
                ImportStep::Storing => format!("{} worden in het archief opgeslagen…", wording::count(p.total, "bestand", "bestanden")),
            };
            // Only analysing can be stopped: reading is the browser's, storing is all or nothing.
            let cancellable = p.step == ImportStep::Analysing;
            view! {
                <div class="notice info" id="importeren-voortgang" role="status">
                    <span>{text}</span>
                    " "
                    <progress max=p.total value=p.done></progress>
                    " "
                    {cancellable.then(|| view! {
                        <button class="secondary small" id="importeren-afbreken" on:click=move |_| state.cancel_import()>"Afbreken"</button>
                    })}
                </div>
            }
        })
    }
}

/// "Ongedaan maken" for the last action, when there is one that can be undone.
#[component]
pub fn UndoButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.undo_label().map(|label| {
            view! {
                <div class="undo" id="ongedaan">
                    <span class="explain">"Laatste actie: " {file_name(&state, &label)}</span>
                    " "
                    <button class="secondary small" id="ongedaan-maken" on:click=move |_| leptos::task::spawn_local(state.undo())>
                        "Ongedaan maken"
                    </button>
                </div>
            }
        })
    }
}

/// While the archive loads at start-up: how far it is.
#[component]
pub fn LoadingBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.loading().get().map(|l| {
            let text = if l.total == 0 {
                "Het archief wordt geopend…".to_string()
            } else {
                format!("Het archief wordt geladen: {} van {} bestanden…", l.done, l.total)
            };
            view! { <p class="notice info" id="laden" role="status">{text}</p> }
        })
    }
}

/// Why the archive cannot be used (no IndexedDB, or a newer Kloppend's database), or that
/// the browser wiped it (then with the way to a back-up).
#[component]
pub fn ArchiveProblem() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.archive_problem().get().map(|p| {
            let restore = matches!(p, crate::browser::archive::ArchiveError::Cleared)
                .then(|| view! { " "<a href=crate::ui::route::Route::Instellingen.href() id="naar-terugzetten">"Back-up terugzetten"</a> });
            view! { <p class="notice bad" id="archief-probleem" role="alert">{p.to_string()}{restore}</p> }
        })
    }
}

/// On every page, while the computer's date lies before the day a stored file was added.
#[component]
pub fn ClockWarning() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let text = crate::domain::view::clock::warning(state.today(), state.newest_added())?;
        Some(view! { <p class="notice warn" id="klok-waarschuwing" role="alert">{text}</p> })
    }
}

/// While the demo is loaded, on every page: its messages are fictitious, and with files of
/// the user's own loaded the Overzicht leaves them out of the totals.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.has_demo().then(|| {
            let mixed = state.workspace().with(|w| crate::domain::overview::Bron::default_for(w) == crate::domain::overview::Bron::Eigen);
            view! {
                <div class="notice demo" id="demo-banner" role="note">
                    <strong>"Demo. "</strong>
                    {if mixed {
                        "De berichten van 'Zorg Demo' zijn fictief en tellen niet mee in je eigen totalen. "
                    } else {
                        "De berichten van 'Zorg Demo' zijn fictief. "
                    }}
                    <button class="secondary small" id="demo-verwijderen" on:click=move |_| leptos::task::spawn_local(state.remove_demo())>
                        "Demo verwijderen"
                    </button>
                </div>
            }
        })
    }
}

/// Offer an export, in the format chosen, as a download named after what it holds and today,
/// and say so. A large workbook takes seconds to write (`cargo bench --bench export`: 1.9 s for
/// 100,000 lines natively): the page first says it is being made and paints, so the click is
/// answered at once.
pub fn offer_export(state: AppState, sheet: Sheet, counted: String) {
    let format = state.export_format().get_untracked();
    if format == ExportFormat::Xlsx && sheet.rows.len() >= LARGE_WORKBOOK {
        state.show(crate::domain::notices::exporting(&counted));
        leptos::task::spawn_local(async move {
            crate::browser::timing::after_paint().await;
            write_and_offer(state, &sheet, format, &counted);
        });
    } else {
        write_and_offer(state, &sheet, format, &counted);
    }
}

/// Rows from which an Excel export first says it is being made.
const LARGE_WORKBOOK: usize = 5_000;

fn write_and_offer(state: AppState, sheet: &Sheet, format: ExportFormat, counted: &str) {
    let bytes = match sheet.write(format) {
        Ok(bytes) => bytes,
        Err(e) => return state.show(crate::domain::notices::download_failed(e)),
    };
    let name = sheet.file_name(format, crate::browser::clock::today());
    match crate::browser::download::download(&name, format.mime(), &bytes) {
        Ok(()) => state.show(crate::domain::notices::exported(&name, counted)),
        Err(e) => state.show(crate::domain::notices::download_failed(e)),
    }
}

/// The choice of file format next to export buttons; one choice for every screen.
#[component]
pub fn ExportFormatChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let chosen = state.export_format().get_untracked();
    let options =
        ExportFormat::ALL.into_iter().map(|f| view! { <option value=f.slug() selected=f == chosen>{f.label()}</option> }).collect_view();
    let change = move |ev| {
        if let Some(format) = ExportFormat::from_slug(&event_target_value(&ev)) {
            state.set_export_format(format);
        }
    };
    view! {
        <label class="export-format">"als "<select class="export-formaat" aria-label="Bestandsformaat van de export" on:change=change>{options}</select></label>
    }
}
