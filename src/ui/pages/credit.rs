//! Crediteren: a wizard from selected lines to a downloaded 323. Choose the lines, choose
//! credit / correction / re-declaration and see the guards, check numbers and period, go
//! through the checklist, download. Generated messages go into the archive, so their lines
//! show "credit ingediend" and their numbers count as used.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{clock, download};
use crate::domain::credit::{BuildError, Built, Correctie, Groep, Guard, Soort, zip_bundles};
use crate::domain::message::{Eenheid, Periode, ProductCategorie};
use crate::domain::notices;
use crate::domain::retourcodes::Veld;
use crate::domain::settlement::amount::parse_amount;
use crate::domain::view::credit_plan::{
    ChecklistRow, Choice, GroupEdits, Voorstel, WizardLine, checklist, herkomst, pickable, plan, wizard_line,
};
use crate::domain::view::paging::Page;
use crate::domain::view::wording;
use crate::ui::components::{Bsn, CodeHelp, Help, Pager, StatusBadge, arc_changed, money};
use crate::ui::state::{AppState, LineKey};

fn month_value(periode: &Periode) -> String {
    periode.begindatum.format("%Y-%m").to_string()
}

#[component]
pub fn CreditPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let soort = state.credit_soort();
    let edits = RwSignal::new(BTreeMap::<Groep, GroupEdits>::new());
    // The values typed for new lines, kept for a reload of this tab.
    let correcties = RwSignal::new(state.kept_corrections());
    Effect::new(move |_| correcties.with(|c| state.keep_corrections(c)));
    let zoek = RwSignal::new(String::new());
    // The picker's page; back to the first whenever the search or the kind changes.
    let picker_page = RwSignal::new(0usize);

    // Everything derived from the selection and the edits (candidates with guards, and per
    // group the proposal and the built message or why it cannot be built), computed once
    // per change and read by every step below.
    let plan = Memo::new_with_compare(
        move |_| {
            let workspace = state.workspace().get();
            let selection = state.selection().get();
            let eerder = state.nummers().get();
            let (edits, correcties) = (edits.get(), correcties.get());
            let choice = Choice {
                soort: soort.get(),
                selection: &selection,
                edits: &edits,
                correcties: &correcties,
                eerder: &eerder,
                today: clock::today(),
            };
            Arc::new(plan(&workspace, choice))
        },
        arc_changed,
    );

    // The chosen lines as the table shows them, with whether each may go in.
    let chosen = Memo::new(move |_| {
        state.workspace().with(|w| {
            plan.with(|p| p.candidates.iter().filter_map(|c| Some((wizard_line(w, c.line)?, c.guard.clone()))).collect::<Vec<_>>())
        })
    });

    view! {
        <section>
            <h2>"Crediteren"</h2>
            <ol class="steps">
                <li class:current=move || state.selection().with(|s| s.is_empty())>"1. Regels kiezen"</li>
                <li class:current=move || state.selection().with(|s| !s.is_empty())>"2. Soort en controles"</li>
                <li>"3. Nummers en periode"</li>
                <li>"4. Checklist en downloaden"</li>
            </ol>
            <h3>"1. Regels kiezen"</h3>
            <p class="explain">"Kies regels hieronder of in een declaratie (vinkje per regel). Kloppend controleert per regel of hij in het bericht mag."</p>
            <div class="filters">
                <label>"Zoek regel"<input type="search" id="regel-zoeken" placeholder="Referentie, declaratienummer of BSN"
                    on:input=move |ev| { picker_page.set(0); zoek.set(event_target_value(&ev)) } /></label>
            </div>
            <LinePicker soort=soort zoek=zoek page=picker_page />
        </section>
        <section>
            <h3>"2. Wat wil je doen?"</h3>
            <div class="actions" role="radiogroup" aria-label="Soort bericht">
                {[Soort::Credit, Soort::Correctie, Soort::Herdeclaratie].into_iter().map(|s| view! {
                    <label>
                        <input type="radio" name="soort" value=s.label() prop:checked=move || soort.get() == s
                            on:change=move |_| { picker_page.set(0); state.set_credit_soort(s) } />
                        " " {s.label()}
                    </label>
                }).collect_view()}
            </div>
            <ChosenLines chosen=chosen correcties=correcties />
        </section>
        <section>
            <h3>"3. Nummers en periode"</h3>
            <MessageCards plan=plan soort=soort edits=edits />
        </section>
        <DownloadStep plan=plan soort=soort edits=edits correcties=correcties />
    }
}

/// Step 2's table: the chosen lines, whether each may go in, and the values for new lines.
#[component]
fn ChosenLines(chosen: Memo<Vec<(WizardLine, Option<Guard>)>>, correcties: RwSignal<BTreeMap<LineKey, Correctie>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || {
                let rows = chosen.get();
                if rows.is_empty() {
                    return view! { <p class="muted">"Nog geen regels gekozen."</p> }.into_any();
                }
                view! {
                    <button type="button" class="secondary small" id="alles-weghalen" on:click=move |_| state.clear_selection()>"Alles weghalen"</button>
                    <div class="table-scroll"><table id="kandidaten">
                        <thead><tr><th>"Regel"</th><th>"Status"</th><th class="num">"Bedrag"</th><th>"Mag erin?"</th><th><span class="sr-only">"Weghalen"</span></th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(line, guard)| view! { <ChosenLine line=line guard=guard correcties=correcties /> }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
    }
}

/// Step 3: one card per message to be made, with its numbers and period.
#[component]
fn MessageCards(
    plan: Memo<Arc<crate::domain::view::credit_plan::Plan>>,
    soort: ReadSignal<Soort>,
    edits: RwSignal<BTreeMap<Groep, GroupEdits>>,
) -> impl IntoView {
    view! {
        {move || {
                let plan = plan.get();
                if plan.messages.is_empty() {
                    return view! { <p class="muted">"Er is nog geen regel die in een bericht mag."</p> }.into_any();
                }
                let count = plan.messages.len();
                let messages: Vec<(Groep, Result<Built, BuildError>)> = plan.messages.clone();
                let eigen_reeks = plan.eigen_reeks.clone();
                view! {
                    {(count > 1).then(|| view! { <p class="notice info">{format!("Je selectie hoort bij {count} gemeenten of domeinen: Kloppend maakt {count} berichten en levert ze als ZIP.")}</p> })}
                    {messages.into_iter().map(|(groep, built)| {
                        let own_series = eigen_reeks.contains(&groep);
                        view! { <MessageCard groep=groep built=built edits=edits soort=soort.get_untracked() own_series=own_series /> }
                    }).collect_view()}
                }.into_any()
            }}
    }
}

/// Step 4: check and download every message, store them, and say how to upload them.
#[component]
fn DownloadStep(
    plan: Memo<Arc<crate::domain::view::credit_plan::Plan>>,
    soort: ReadSignal<Soort>,
    edits: RwSignal<BTreeMap<Groep, GroupEdits>>,
    correcties: RwSignal<BTreeMap<LineKey, Correctie>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let download_all = move |_| {
        let kind = soort.get_untracked();
        let files: Vec<(String, Vec<u8>)> =
            plan.get_untracked().built().map(|b| (b.file_name.clone(), b.xml.clone().into_bytes())).collect();
        let herkomst: Vec<_> = state.workspace().with_untracked(|w| plan.get_untracked().built().flat_map(|b| herkomst(w, b)).collect());
        if files.is_empty() {
            return;
        }
        let result = if files.len() == 1 {
            download::download(&files[0].0, "application/xml", &files[0].1).map_err(|e| e.to_string())
        } else {
            match zip_bundles(&files, &format!("kloppend_{}", clock::today().format("%Y%m%d"))) {
                Ok(zips) => {
                    zips.iter().try_for_each(|(name, bytes)| download::download(name, "application/zip", bytes)).map_err(|e| e.to_string())
                }
                Err(e) => Err(e.to_string()),
            }
        };
        match result {
            Ok(()) => spawn_local(async move {
                // If storing failed, the state shows why and the selection stays for another try.
                if state.add_made(files.clone(), herkomst).await.is_err() {
                    return;
                }
                state.clear_selection();
                edits.set(BTreeMap::new());
                correcties.set(BTreeMap::new());
                state.show_and_focus(notices::made(kind, files.len()));
            }),
            Err(e) => state.show(notices::download_failed(e)),
        }
    };
    view! {
        <section>
            <h3>"4. Downloaden"</h3>
            {move || {
                let plan = plan.get();
                // Numbers are proposed from the whole archive: until it is read, a proposal
                // could repeat a number of a file not loaded yet.
                let loading = state.loading().get().is_some();
                let ready = !loading && plan.is_ready();
                view! {
                    <p class="explain">{move || match soort.get() {
                        Soort::Credit => "Kloppend downloadt het bericht (of een ZIP van maximaal 30 berichten), bewaart het in het archief en zet de regels op 'credit ingediend'. Upload het bestand daarna zelf in VECOZO.",
                        Soort::Correctie => "Kloppend downloadt het bericht (of een ZIP van maximaal 30 berichten) met per regel een creditregel en een gecorrigeerde regel, en bewaart het in het archief. Upload het bestand daarna zelf in VECOZO.",
                        Soort::Herdeclaratie => "Kloppend downloadt het bericht (of een ZIP van maximaal 30 berichten) met de regels opnieuw gedeclareerd, en bewaart het in het archief. Upload het bestand daarna zelf in VECOZO.",
                    }}</p>
                    {loading.then(|| view! { <p class="notice info" id="wacht-op-archief">"Wacht tot het archief geladen is: pas dan kent Kloppend alle nummers die al gebruikt zijn."</p> })}
                    <button id="downloaden" disabled=!ready on:click=download_all>"Controleren en downloaden"</button>
                }
            }}
        </section>
    }
}

/// One chosen line: whether it may go in (and why not), the correction inputs for a
/// re-declaration, and the button that takes it out.
#[component]
fn ChosenLine(line: WizardLine, guard: Option<Guard>, correcties: RwSignal<BTreeMap<LineKey, Correctie>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let soort = state.credit_soort();
    let ok = guard.is_none();
    let key = line.key.clone();
    let correction = {
        let line = line.clone();
        move || (ok && soort.get() != Soort::Credit).then(|| view! { <CorrectionInputs line=line.clone() correcties=correcties /> })
    };
    let weghalen = format!("Regel {} weghalen", line.referentie);
    let data_ref = line.referentie.clone();
    view! {
        <tr data-ref=data_ref class:blocked=!ok>
            <td class="mono">{line.referentie}<div class="explain">{format!("declaratie {}", line.nummer)}</div></td>
            <td><StatusBadge status=line.status /></td>
            <td class="num">{money(line.bedrag)}</td>
            <td class="guard">{match guard {
                None => view! { <span class="badge ok">"Ja"</span>{correction}}.into_any(),
                Some(g) => view! { <span class="badge bad">{format!("Nee ({})", g.rule())}</span><CodeHelp code=g.rule() />" "<span class="explain reden">{g.reden()}</span> }.into_any(),
            }}</td>
            <td><button class="secondary small" aria-label=weghalen on:click=move |_| state.drop_line(&key)>"Weghalen"</button></td>
        </tr>
    }
}

/// Lines to add to the selection: those that fit the chosen kind, filtered by a search,
/// one page at a time.
#[component]
fn LinePicker(soort: ReadSignal<Soort>, zoek: RwSignal<String>, page: RwSignal<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lines = Memo::new_with_compare(move |_| Arc::new(state.workspace().with(|w| pickable(w, soort.get(), &zoek.get()))), arc_changed);
    move || {
        let lines = lines.get();
        if lines.is_empty() {
            return view! { <p class="muted">"Geen regels die hiervoor in aanmerking komen."</p> }.into_any();
        }
        let current = Page::of(lines.len(), PICKER_PAGE, page.get());
        let rows: Vec<WizardLine> =
            state.workspace().with_untracked(|w| lines[current.start..current.end].iter().filter_map(|&l| wizard_line(w, l)).collect());
        let all = lines.clone();
        let alles = format!("Alle gevonden regels kiezen ({})", lines.len());
        view! {
            <div class="actions">
                <Pager page=current number=page noun="Regels" id="regelkeuze-pagina" />
                <button type="button" class="secondary small" id="alle-gevonden" on:click=move |_| {
                    let keys = state.workspace().with_untracked(|w| all.iter().filter_map(|&l| w.line_key(l)).collect());
                    state.toggle_all(keys);
                }>{alles}</button>
            </div>
            <div class="table-scroll picker">
                <table id="regelkeuze">
                    <thead><tr><th><span class="sr-only">"Kiezen"</span></th><th>"Declaratie"</th><th>"Referentie"</th><th>"Client"</th><th>"Productperiode"</th><th class="num">"Bedrag"</th><th>"Status"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|WizardLine { key, nummer, referentie, bsn, periode, bedrag, status, .. }| {
                            let check_key = key.clone();
                            let data_ref = referentie.clone();
                            let label = format!("Regel {referentie} kiezen");
                            view! {
                                <tr data-ref=data_ref>
                                    <td><input type="checkbox" class="pick-line" aria-label=label
                                        prop:checked=move || state.selection().with(|s| s.contains(&check_key))
                                        on:change=move |_| state.toggle_line(key.clone()) /></td>
                                    <td>{nummer}</td>
                                    <td class="mono">{referentie}</td>
                                    <td><Bsn value=bsn /></td>
                                    <td>{periode}</td>
                                    <td class="num">{money(bedrag)}</td>
                                    <td><StatusBadge status=status /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

/// Lines per page in the line picker (it sits above the rest of the wizard).
const PICKER_PAGE: usize = 100;

/// Volume, tariff (in euro) and period for the new debit line of a correction or
/// re-declaration, with the current values and the rejection reason beside them; product and
/// unit too when the gemeente rejected the line on them.
#[component]
fn CorrectionInputs(line: WizardLine, correcties: RwSignal<BTreeMap<LineKey, Correctie>>) -> impl IntoView {
    let WizardLine { key, huidig, reden, velden, voorstel, .. } = line;
    let product = velden
        .contains(&Veld::Product)
        .then(|| view! { <ProductInputs key=key.clone() correcties=correcties voorstel=voorstel.clone() /> });
    let unit =
        velden.contains(&Veld::Eenheid).then(|| view! { <UnitInput key=key.clone() correcties=correcties voorstel=voorstel.clone() /> });
    let period = velden
        .contains(&Veld::Periode)
        .then(|| view! { <PeriodProposal key=key.clone() correcties=correcties voorstel=voorstel.clone() /> });
    let maximum = voorstel.as_ref().and_then(|v| v.maximum.clone()).filter(|_| velden.contains(&Veld::Volume));
    let maximum = maximum
        .map(|m| view! { <p class="explain corr-maximum">{format!("De toewijzing staat in deze periode ten hoogste {m} toe.")}</p> });
    let k1 = key.clone();
    let k2 = key.clone();
    let k3 = key.clone();
    // What was typed before a reload comes back as the fields' starting values.
    let typed = correcties.with_untracked(|m| m.get(&key).cloned()).unwrap_or_default();
    let euro = |cents: Option<u64>| cents.map(crate::domain::money::format_cents).unwrap_or_default();
    let (volume, tarief, uurtarief) =
        (typed.geleverd_volume.map(|v| v.to_string()).unwrap_or_default(), euro(typed.product_tarief), euro(typed.uurtarief));
    // Reactive: the toewijzing's period, taken over by its button, shows here too.
    let begin = {
        let key = key.clone();
        move || {
            correcties
                .with(|m| m.get(&key).and_then(|c| c.product_periode))
                .map(|p| p.begindatum.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        }
    };
    let k4 = key;
    view! {
        <div class="correction">
            <p class="explain huidig">{huidig}{reden.map(|r| format!(" · afgewezen: {r}"))}</p>
            {product}
            {unit}
            {period}
            {maximum}
            <label>"Nieuw volume "<input type="number" min="0" class="corr-volume" value=volume
                on:change=move |ev| { let v = event_target_value(&ev).trim().parse::<u64>().ok(); edit(correcties, &k1, |c| c.geleverd_volume = v); } /></label>
            " "
            <label>"Nieuw tarief (€) "<input type="text" inputmode="decimal" class="corr-tarief" placeholder="bijv. 65,50" value=tarief
                on:change=move |ev| {
                    let v = parse_amount(event_target_value(&ev).trim()).ok().flatten().and_then(|c| u64::try_from(c).ok());
                    edit(correcties, &k2, |c| c.product_tarief = v);
                } /></label>
            " "
            <label title="Voor regels in minuten met een uurtarief in het contract (IV081): Kloppend rekent het minuuttarief en het bedrag zelf uit.">
                "Uurtarief (€, bij minuten) "<input type="text" inputmode="decimal" class="corr-uurtarief" placeholder="bijv. 70,25" value=uurtarief
                on:change=move |ev| {
                    let v = parse_amount(event_target_value(&ev).trim()).ok().flatten().and_then(|c| u64::try_from(c).ok()).filter(|c| *c > 0);
                    edit(correcties, &k4, |c| c.uurtarief = v);
                } /></label>
            " "
            <label>"Nieuwe periode van "<input type="date" class="corr-begin" prop:value=begin
                on:change=move |ev| {
                    let begin = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
                    edit(correcties, &k3, |c| c.product_periode = begin.map(|b| Periode { begindatum: b, einddatum: crate::domain::calendar::last_of_month(b) }));
                } /></label>
        </div>
    }
}

/// Change the values typed for one line's new debit line.
fn edit(correcties: RwSignal<BTreeMap<LineKey, Correctie>>, key: &LineKey, change: impl FnOnce(&mut Correctie)) {
    correcties.update(|m| change(m.entry(key.clone()).or_default()));
}

/// The product a 9339/9340 rejection is about: category and code, with the toewijzing's
/// product to take over in one click when its 301 is loaded.
#[component]
fn ProductInputs(key: LineKey, correcties: RwSignal<BTreeMap<LineKey, Correctie>>, voorstel: Option<Voorstel>) -> impl IntoView {
    let read = {
        let key = key.clone();
        move |f: fn(&Correctie) -> Option<String>| correcties.with(|m| m.get(&key).and_then(f)).unwrap_or_default()
    };
    let (k1, k2) = (key.clone(), key.clone());
    let (r1, r2) = (read.clone(), read);
    let take_over = voorstel.and_then(|v| {
        let text = format!("Uit de toewijzing overnemen: {}", v.product_text()?);
        let click = move |_| {
            edit(correcties, &key, |c| {
                c.product_categorie = v.product_categorie.clone();
                c.product_code = v.product_code.clone();
            })
        };
        Some(view! { <button type="button" class="secondary small corr-product-voorstel" on:click=click>{text}</button> })
    });
    view! {
        <div class="correction-product">
            <label>"Nieuwe productcategorie "<input type="text" maxlength="2" size="3" class="corr-categorie"
                prop:value=move || r1(|c| c.product_categorie.as_ref().map(|p| p.code().to_string()))
                on:change=move |ev| { let v = event_target_value(&ev).trim().to_string(); edit(correcties, &k1, |c| c.product_categorie = (!v.is_empty()).then(|| ProductCategorie(v.as_str().into()))); } /></label>
            " "
            <label>"Nieuwe productcode "<input type="text" maxlength="5" size="6" class="corr-productcode"
                prop:value=move || r2(|c| c.product_code.as_ref().map(|p| p.to_string()))
                on:change=move |ev| { let v = event_target_value(&ev).trim().to_string(); edit(correcties, &k2, |c| c.product_code = (!v.is_empty()).then(|| v.as_str().into())); } /></label>
            " "
            {take_over}
        </div>
    }
}

/// For a 9307/9308 (or 9387/9388) rejection: the line's period cut to the toewijzing's dates,
/// taken over in one click (the end date too, which the begin field alone cannot set).
#[component]
fn PeriodProposal(key: LineKey, correcties: RwSignal<BTreeMap<LineKey, Correctie>>, voorstel: Option<Voorstel>) -> impl IntoView {
    let periode = voorstel.and_then(|v| v.periode)?;
    let text = format!("Periode uit de toewijzing: {}", crate::domain::view::wording::periode(&periode));
    let click = move |_| edit(correcties, &key, |c| c.product_periode = Some(periode));
    Some(view! { <button type="button" class="secondary small corr-periode-voorstel" on:click=click>{text}</button> })
}

/// The unit a 9341 rejection is about, with the toewijzing's unit proposed. A new unit means
/// a new volume and tariff too: the fields beside it.
#[component]
fn UnitInput(key: LineKey, correcties: RwSignal<BTreeMap<LineKey, Correctie>>, voorstel: Option<Voorstel>) -> impl IntoView {
    let chosen = {
        let key = key.clone();
        move || correcties.with(|m| m.get(&key).and_then(|c| c.eenheid.as_ref().map(|e| e.code().to_string()))).unwrap_or_default()
    };
    let proposed = voorstel.and_then(|v| v.eenheid);
    let options = Eenheid::ALLE
        .iter()
        .map(|e| {
            let hint = if proposed.as_ref() == Some(e) { " (uit de toewijzing)" } else { "" };
            view! { <option value=e.code().to_string()>{format!("{} {}{hint}", e.code(), e.omschrijving())}</option> }
        })
        .collect_view();
    let change = move |ev| {
        let code = event_target_value(&ev);
        edit(correcties, &key, |c| c.eenheid = (!code.is_empty()).then(|| Eenheid::parse(&code)));
    };
    view! {
        <label class="correction-unit">"Nieuwe eenheid "<select class="corr-eenheid" prop:value=chosen on:change=change>
            <option value="">"ongewijzigd"</option>
            {options}
        </select></label>
    }
}

/// One message to be made: its editable numbers and period, and the checklist.
#[component]
fn MessageCard(
    groep: Groep,
    built: Result<Built, BuildError>,
    edits: RwSignal<BTreeMap<Groep, GroupEdits>>,
    soort: Soort,
    own_series: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let g1 = groep.clone();
    let g2 = groep.clone();
    let g3 = groep.clone();
    let (nummer, id, maand) = match &built {
        Ok(b) => (
            b.bericht.declaratie.declaratie_nummer.to_string(),
            b.bericht.header.bericht_identificatie.identificatie.to_string(),
            month_value(&b.bericht.declaratie.declaratie_periode),
        ),
        Err(_) => {
            let e = edits.get_untracked().get(&groep).cloned().unwrap_or_default();
            (e.declaratie_nummer.unwrap_or_default(), e.bericht_identificatie.unwrap_or_default(), e.maand.unwrap_or_default())
        }
    };
    let checklist = match &built {
        Err(reason) => view! { <p class="notice bad" id="bouwfout">{reason.to_string()}</p> }.into_any(),
        Ok(b) => {
            let c = state.workspace().with_untracked(|w| checklist(w, b));
            let rows = c.rows.into_iter().map(checklist_row).collect_view();
            let warnings = c.waarschuwingen;
            let validated = if warnings.is_empty() {
                format!(
                    "Bestand: {} · gevalideerd tegen de XSD-regels en controleregels, zonder fouten en zonder waarschuwingen.",
                    b.file_name
                )
            } else {
                format!(
                    "Bestand: {} · gevalideerd tegen de XSD-regels en controleregels, zonder fouten, met {} (hieronder): lees ze vóór je het bestand uploadt.",
                    b.file_name,
                    crate::domain::view::wording::count(warnings.len(), "waarschuwing", "waarschuwingen")
                )
            };
            view! {
                <ul class="checklist" id="checklist">
                    <li>{format!("Declaratieperiode: {}", c.periode)}</li>
                    <li id="check-totaal">{format!("Totaal ingediend bedrag: {}", c.totaal)}</li>
                    <li>{format!("Cliënten: {}", c.bsns.len())}" "{c.bsns.into_iter().map(|bsn| view! { <Bsn value=bsn />" " }).collect_view()}</li>
                    <li>{format!("Regels: {}", b.regels.len())}</li>
                    <li>{match soort {
                        Soort::Credit => "Per regel: een creditregel met hetzelfde bedrag als de oorspronkelijke regel, die naar de oorspronkelijke referentie verwijst:",
                        Soort::Correctie => "Per regel: een creditregel met het oorspronkelijke bedrag, en een nieuwe regel met de gecorrigeerde gegevens:",
                        Soort::Herdeclaratie => "Per regel: een nieuwe regel met een nieuwe referentie; de afgewezen regel wordt niet gecrediteerd:",
                    }}</li>
                </ul>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Regels van het nieuwe bericht"><table class="checklist-lines">
                    <thead><tr><th>"Nieuwe referentie"</th><th>"Soort"</th><th class="num">"Bedrag"</th><th>"Oorspronkelijke referentie"</th><th class="num">"Oorspronkelijk bedrag"</th><th>"Vergelijking"</th><th>"Wat verandert"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
                <p class="explain" id="gevalideerd">{validated}</p>
                {(!warnings.is_empty()).then(|| view! {
                    <div id="waarschuwingen"><crate::ui::components::FindingList findings=warnings soort=crate::domain::message::Soort::Declaratie /></div>
                })}
            }
            .into_any()
        }
    };
    view! {
        <div class="card message-card">
            <h4>{groep.to_string()}</h4>
            <div class="filters">
                <span class="field"><label>"Declaratienummer"<input type="text" class="decl-nummer" maxlength="12" prop:value=nummer
                    on:change=move |ev| { let v = event_target_value(&ev); edits.update(|m| m.entry(g1.clone()).or_default().declaratie_nummer = Some(v)); } /></label><Help term="DeclaratieNummer" /></span>
                <span class="field"><label>"Berichtnummer (BerichtIdentificatie)"<input type="text" class="bericht-id" maxlength="12" prop:value=id
                    on:change=move |ev| { let v = event_target_value(&ev); edits.update(|m| m.entry(g2.clone()).or_default().bericht_identificatie = Some(v)); } /></label><Help term="BerichtIdentificatie" /></span>
                <label>"Declaratieperiode"<input type="month" class="periode" prop:value=maand
                    on:change=move |ev| { let v = event_target_value(&ev); edits.update(|m| m.entry(g3.clone()).or_default().maand = Some(v)); } /></label>
            </div>
            <p class="explain nummer-advies">{wording::number_advice(own_series)}</p>
            {checklist}
        </div>
    }
}

fn checklist_row(row: ChecklistRow) -> impl IntoView {
    let vergelijking = match (row.credit, row.zelfde_bedrag) {
        (true, true) => view! { <span class="badge ok">"gelijk"</span> },
        (true, false) => view! { <span class="badge bad">"afwijkend"</span> },
        (false, true) => view! { <span class="badge info">"zelfde bedrag"</span> },
        (false, false) => view! { <span class="badge info">"nieuw bedrag"</span> },
    };
    let data_ref = row.referentie.clone();
    view! {
        <tr data-ref=data_ref>
            <td class="mono">{row.referentie}</td>
            <td>{if row.credit { "credit" } else { "debet" }}</td>
            <td class="num">{money(row.bedrag)}</td>
            <td class="mono">{row.origineel}</td>
            <td class="num">{money(row.origineel_bedrag)}</td>
            <td>{vergelijking}</td>
            <td class="wijzigingen">{if row.credit { "—".to_string() } else if row.wijzigingen.is_empty() { "niets".to_string() } else { row.wijzigingen.join("; ") }}</td>
        </tr>
    }
}
