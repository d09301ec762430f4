//! Crediteren: a wizard from selected lines to a downloaded 323. Choose the lines, choose
//! credit / correction / re-declaration and see the guards, check numbers and period, go
//! through the checklist, download. Generated messages go into the archive, so their lines
//! show "credit ingediend" and their numbers count as used.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{clock, download};
use crate::domain::credit::{BuildError, Built, Correctie, Groep, Soort, zip_bundles};
use crate::domain::message::{Bericht, Periode};
use crate::domain::reconcile::LineStatus;
use crate::domain::settlement::amount::parse_amount;
use crate::domain::view::paging::Page;
use crate::domain::view::wording;
use crate::domain::views::credit_plan::{Choice, GroupEdits, herkomst, pickable, plan};
use crate::ui::components::{Bsn, Help, Pager, StatusBadge, arc_changed, money, periode_text};
use crate::ui::state::{AppState, LineKey, NoticeKind};

fn month_value(periode: &Periode) -> String {
    periode.begindatum.format("%Y-%m").to_string()
}

#[component]
pub fn CreditPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let soort = state.credit_soort();
    let edits = RwSignal::new(BTreeMap::<Groep, GroupEdits>::new());
    let correcties = RwSignal::new(BTreeMap::<LineKey, Correctie>::new());
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
                state.notify_and_focus(NoticeKind::Ok, made_text(kind, files.len()));
            }),
            Err(e) => state.notify(NoticeKind::Bad, format!("Downloaden mislukt: {e}")),
        }
    };
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
            {move || {
                let plan = plan.get();
                let workspace = state.workspace().get_untracked();
                let candidates = plan.candidates.clone();
                if candidates.is_empty() {
                    return view! { <p class="muted">"Nog geen regels gekozen."</p> }.into_any();
                }
                view! {
                    <div class="table-scroll"><table id="kandidaten">
                        <thead><tr><th>"Regel"</th><th>"Status"</th><th class="num">"Bedrag"</th><th>"Mag erin?"</th><th><span class="sr-only">"Weghalen"</span></th></tr></thead>
                        <tbody>
                            {candidates.into_iter().map(|c| {
                                let Some(Bericht::Declaratie(d)) = workspace.bericht(c.line.bericht) else { return ().into_any() };
                                let p = &d.declaratie.clienten[c.line.client].prestaties[c.line.prestatie];
                                let status = workspace.reconciliation.line(c.line).map(|l| l.status).unwrap_or(LineStatus::WachtOpAntwoord);
                                let key = workspace.document(c.line.bericht).map(|doc| LineKey { file_id: doc.file.id.clone(), client: c.line.client, prestatie: c.line.prestatie });
                                let ok = c.guard.is_none();
                                let key_for_correction = key.clone();
                                let huidig = format!("nu: {}{}", wording::volume(p.geleverd_volume, p.eenheid.clone()),
                                    p.product_tarief.map(|t| format!(" à {}", crate::domain::money::Saldo(t as i64))).unwrap_or_default());
                                let reden = workspace.reconciliation.line(c.line).and_then(|l| l.codes.iter().find(|code| code.rejects()).map(|code| code.info().map(|i| i.uitleg.to_string()).unwrap_or_else(|| format!("code {code}"))));
                                let correction = (ok && soort.get() != Soort::Credit).then(|| key_for_correction.map(|k| view! { <CorrectionInputs key=k correcties=correcties huidig=huidig reden=reden /> }));
                                let weghalen = format!("Regel {} weghalen", p.referentie());
                                view! {
                                    <tr data-ref=p.referentie().to_string() class:blocked=!ok>
                                        <td class="mono">{p.referentie().to_string()}<div class="explain">{format!("declaratie {}", d.declaratie.declaratie_nummer)}</div></td>
                                        <td><StatusBadge status=status /></td>
                                        <td class="num">{money(p.ingediend_bedrag.saldo())}</td>
                                        <td class="guard">{match &c.guard {
                                            None => view! { <span class="badge ok">"Ja"</span>{correction}}.into_any(),
                                            Some(g) => view! { <span class="badge bad">{format!("Nee ({})", g.rule())}</span>" "<span class="explain reden">{g.reden()}</span> }.into_any(),
                                        }}</td>
                                        <td>{key.map(|k| view! {
                                            <button class="secondary small" aria-label=weghalen.clone() on:click=move |_| state.drop_line(&k)>"Weghalen"</button>
                                        })}</td>
                                    </tr>
                                }.into_any()
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        <section>
            <h3>"3. Nummers en periode"</h3>
            {move || {
                let plan = plan.get();
                if plan.messages.is_empty() {
                    return view! { <p class="muted">"Er is nog geen regel die in een bericht mag."</p> }.into_any();
                }
                let count = plan.messages.len();
                let messages: Vec<(Groep, Result<Built, BuildError>)> = plan.messages.clone();
                view! {
                    {(count > 1).then(|| view! { <p class="notice info">{format!("Je selectie hoort bij {count} gemeenten of domeinen: Kloppend maakt {count} berichten en levert ze als ZIP.")}</p> })}
                    {messages.into_iter().map(|(groep, built)| view! { <MessageCard groep=groep built=built edits=edits soort=soort.get_untracked() /> }).collect_view()}
                }.into_any()
            }}
        </section>
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
        let workspace = state.workspace().get_untracked();
        let current = Page::of(lines.len(), PICKER_PAGE, page.get());
        let rows: Vec<_> = lines[current.start..current.end]
            .iter()
            .filter_map(|l| {
                let d = workspace.bericht(l.bericht)?.as_declaratie()?;
                let client = d.declaratie.clienten.get(l.client)?;
                let p = client.prestaties.get(l.prestatie)?;
                let status = workspace.reconciliation.line(*l)?.status;
                let key = workspace.line_key(*l)?;
                Some((
                    key,
                    d.declaratie.declaratie_nummer.to_string(),
                    p.referentie().to_string(),
                    client.bsn.to_string(),
                    periode_text(&p.product_periode),
                    p.ingediend_bedrag.saldo(),
                    status,
                ))
            })
            .collect();
        view! {
            <Pager page=current number=page noun="Regels" id="regelkeuze-pagina" />
            <div class="table-scroll picker">
                <table id="regelkeuze">
                    <thead><tr><th><span class="sr-only">"Kiezen"</span></th><th>"Declaratie"</th><th>"Referentie"</th><th>"Client"</th><th>"Productperiode"</th><th class="num">"Bedrag"</th><th>"Status"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(key, nummer, referentie, bsn, periode, bedrag, status)| {
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
/// re-declaration, with the current values and the rejection reason beside them.
#[component]
fn CorrectionInputs(
    key: LineKey,
    correcties: RwSignal<BTreeMap<LineKey, Correctie>>,
    huidig: String,
    reden: Option<String>,
) -> impl IntoView {
    let k1 = key.clone();
    let k2 = key.clone();
    let k3 = key.clone();
    let k4 = key;
    let update = move |key: LineKey, f: Box<dyn Fn(&mut Correctie)>| correcties.update(|m| f(m.entry(key).or_default()));
    view! {
        <div class="correction">
            <p class="explain huidig">{huidig}{reden.map(|r| format!(" · afgewezen: {r}"))}</p>
            <label>"Nieuw volume "<input type="number" min="0" class="corr-volume"
                on:change=move |ev| { let v = event_target_value(&ev).trim().parse::<u64>().ok(); update(k1.clone(), Box::new(move |c| c.geleverd_volume = v)); } /></label>
            " "
            <label>"Nieuw tarief (€) "<input type="text" inputmode="decimal" class="corr-tarief" placeholder="bijv. 65,50"
                on:change=move |ev| {
                    let v = parse_amount(event_target_value(&ev).trim()).ok().flatten().and_then(|c| u64::try_from(c).ok());
                    update(k2.clone(), Box::new(move |c| c.product_tarief = v));
                } /></label>
            " "
            <label title="Voor regels in minuten met een uurtarief in het contract (IV081): Kloppend rekent het minuuttarief en het bedrag zelf uit.">
                "Uurtarief (€, bij minuten) "<input type="text" inputmode="decimal" class="corr-uurtarief" placeholder="bijv. 70,25"
                on:change=move |ev| {
                    let v = parse_amount(event_target_value(&ev).trim()).ok().flatten().and_then(|c| u64::try_from(c).ok()).filter(|c| *c > 0);
                    update(k4.clone(), Box::new(move |c| c.uurtarief = v));
                } /></label>
            " "
            <label>"Nieuwe periode van "<input type="date" class="corr-begin"
                on:change=move |ev| {
                    let begin = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
                    update(k3.clone(), Box::new(move |c| c.product_periode = begin.map(|b| Periode { begindatum: b, einddatum: crate::domain::calendar::last_of_month(b) })));
                } /></label>
        </div>
    }
}

/// One message to be made: its editable numbers and period, and the checklist.
#[component]
fn MessageCard(
    groep: Groep,
    built: Result<Built, BuildError>,
    edits: RwSignal<BTreeMap<Groep, GroupEdits>>,
    soort: Soort,
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
            let workspace = state.workspace().get_untracked();
            let totaal = b.totaal();
            let totaal_text =
                if totaal.cents() < 0 { format!("{} credit", crate::domain::money::Saldo(-totaal.cents())) } else { money(totaal) };
            let clients: Vec<String> = b.bericht.declaratie.clienten.iter().map(|c| c.bsn.to_string()).collect();
            let rows = b
                .regels
                .iter()
                .zip(b.bericht.prestaties())
                .map(|(regel, (_, p))| {
                    let original = workspace
                        .bericht(regel.origineel.bericht)
                        .and_then(|x| x.as_declaratie())
                        .map(|d| d.declaratie.clienten[regel.origineel.client].prestaties[regel.origineel.prestatie].clone());
                    let (orig_ref, orig_amount) =
                        original.map(|o| (o.referentie().to_string(), o.ingediend_bedrag.saldo())).unwrap_or_default();
                    let same = p.ingediend_bedrag.bedrag as i64 == orig_amount.cents().abs();
                    let vergelijking = match (regel.credit, same) {
                        (true, true) => view! { <span class="badge ok">"gelijk"</span> }.into_any(),
                        (true, false) => view! { <span class="badge bad">"afwijkend"</span> }.into_any(),
                        (false, true) => view! { <span class="badge info">"zelfde bedrag"</span> }.into_any(),
                        (false, false) => view! { <span class="badge info">"nieuw bedrag"</span> }.into_any(),
                    };
                    view! {
                        <tr data-ref=regel.referentie.clone()>
                            <td class="mono">{regel.referentie.clone()}</td>
                            <td>{if regel.credit { "credit" } else { "debet" }}</td>
                            <td class="num">{money(p.ingediend_bedrag.saldo())}</td>
                            <td class="mono">{orig_ref}</td>
                            <td class="num">{money(orig_amount)}</td>
                            <td>{vergelijking}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <ul class="checklist" id="checklist">
                    <li>{format!("Declaratieperiode: {}", periode_text(&b.bericht.declaratie.declaratie_periode))}</li>
                    <li id="check-totaal">{format!("Totaal ingediend bedrag: {totaal_text}")}</li>
                    <li>{format!("Cliënten: {}", clients.len())}" "{clients.into_iter().map(|bsn| view! { <Bsn value=bsn />" " }).collect_view()}</li>
                    <li>{format!("Regels: {}", b.regels.len())}</li>
                    <li>{match soort {
                        Soort::Credit => "Per regel: een creditregel met hetzelfde bedrag als de oorspronkelijke regel, die naar de oorspronkelijke referentie verwijst:",
                        Soort::Correctie => "Per regel: een creditregel met het oorspronkelijke bedrag, en een nieuwe regel met de gecorrigeerde gegevens:",
                        Soort::Herdeclaratie => "Per regel: een nieuwe regel met een nieuwe referentie; de afgewezen regel wordt niet gecrediteerd:",
                    }}</li>
                </ul>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Regels van het nieuwe bericht"><table class="checklist-lines">
                    <thead><tr><th>"Nieuwe referentie"</th><th>"Soort"</th><th class="num">"Bedrag"</th><th>"Oorspronkelijke referentie"</th><th class="num">"Oorspronkelijk bedrag"</th><th>"Vergelijking"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
                <p class="explain">{format!("Bestand: {} · gevalideerd tegen de XSD-regels en controleregels, zonder fouten.", b.file_name)}</p>
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
            {checklist}
        </div>
    }
}

/// How a made file reaches the gemeente, said after every download.
pub const UPLOAD_HOW: &str = "Upload het bestand zelf in het VECOZO-portaal (bij het insturen van declaratiebestanden; een ZIP van Kloppend mag in één keer) en klik daarna bij Te doen op 'Geüpload in VECOZO':";

/// The notice after a download, worded per kind: only a credit puts lines on "credit ingediend".
fn made_text(soort: Soort, messages: usize) -> String {
    let made = wording::count(messages, "bericht", "berichten");
    let after = match soort {
        Soort::Credit => "de gecrediteerde regels staan op 'credit ingediend' tot het antwoord er is",
        Soort::Correctie => "de oude regels staan op 'credit ingediend' en de gecorrigeerde regels wachten op het antwoord",
        Soort::Herdeclaratie => "de opnieuw gedeclareerde regels wachten op het antwoord van de gemeente",
    };
    format!("{made} gedownload en in het archief gezet. {UPLOAD_HOW} {after}.")
}
