//! The declaration view: like VECOZO's detail screen, with the answer joined in. Header
//! facts, totals, the linked 325 and credit messages, and every line grouped by client with
//! its status, codes, explanation and advice. Lines can be selected for the credit wizard.

use leptos::prelude::*;

use crate::domain::message::{Bericht, Soort};
use crate::domain::reconcile::{LineStatus, advies_declaratie, advies_regel};
use crate::ui::components::{Bsn, Codes, FindingList, StatusBadge, money, periode_text, verwerking_class};
use crate::ui::route::Route;
use crate::ui::state::{AppState, LineKey};

/// How many lines are shown before "toon alle".
const PAGE: usize = 300;

#[component]
pub fn DeclarationPage(file_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let show_all = RwSignal::new(false);
    move || {
        let workspace = state.workspace.get();
        let Some(index) = workspace.bericht_index(&file_id) else {
            let text = if state.loading.get().is_some() {
                "Het archief wordt geladen…"
            } else {
                "Deze declaratie staat niet (meer) in het archief."
            };
            return view! { <section><p class="muted">{text}</p><a href="#/overzicht">"Terug naar het overzicht"</a></section> }.into_any();
        };
        let (Some(Bericht::Declaratie(d)), Some(view)) = (workspace.bericht(index), workspace.reconciliation.declaratie(index)) else {
            return view! { <section><p>"Dit bestand is geen declaratie (323)."</p></section> }.into_any();
        };
        let doc = workspace.document(index).cloned();
        let antwoord = view.antwoord.and_then(|a| workspace.bericht(a)).and_then(|b| b.as_antwoord()).cloned();
        let antwoord_doc = view.antwoord.and_then(|a| workspace.document(a)).cloned();
        let h = &d.header;
        let b = view.bedragen;
        let is_credit_message = d.declaratie.totaal_ingediend_bedrag.debet_credit.is_credit();
        let issues: Vec<_> = workspace.reconciliation.issues_for(index).cloned().collect();
        let findings = doc.as_ref().and_then(|d| d.loaded()).map(|l| l.findings.clone()).unwrap_or_default();
        let credit_links: Vec<(String, String)> = view
            .creditberichten
            .iter()
            .filter_map(|&c| {
                let cd = workspace.document(c)?;
                let nummer = workspace.bericht(c)?.as_declaratie()?.declaratie.declaratie_nummer.to_string();
                Some((nummer, Route::Declaratie(cd.file.id.clone()).href()))
            })
            .collect();
        let mut originals: Vec<usize> = view.lines.iter().filter_map(|l| l.crediteert.map(|r| r.bericht)).collect();
        originals.sort_unstable();
        originals.dedup();
        let origineel_links: Vec<(String, String)> = originals
            .into_iter()
            .filter_map(|b| {
                let od = workspace.document(b)?;
                let nummer = workspace.bericht(b)?.as_declaratie()?.declaratie.declaratie_nummer.to_string();
                Some((nummer, Route::Declaratie(od.file.id.clone()).href()))
            })
            .collect();

        // Lines, grouped by client.
        let total_lines = view.lines.len();
        let limit = if show_all.get() { usize::MAX } else { PAGE };
        let mut shown = 0;
        let mut groups = Vec::new();
        for (c, client) in d.declaratie.clienten.iter().enumerate() {
            if shown >= limit {
                break;
            }
            let client_codes: Vec<_> = antwoord
                .as_ref()
                .and_then(|a| a.declaratie_antwoord.as_ref())
                .and_then(|da| da.clienten.iter().find(|ca| ca.bsn == client.bsn))
                .map(|ca| ca.retour_codes.clone())
                .unwrap_or_default();
            let mut rows = Vec::new();
            for (p, prestatie) in client.prestaties.iter().enumerate() {
                if shown >= limit {
                    break;
                }
                shown += 1;
                let Some(line) = view.line(c, p) else { continue };
                let key = LineKey { file_id: file_id.clone(), client: c, prestatie: p };
                let key_check = key.clone();
                let key_toggle = key.clone();
                let advice = advies_regel(line, &view.verwerking, prestatie.is_credit());
                let periode = periode_text(&prestatie.product_periode);
                let volume = format!("{} × {}", prestatie.geleverd_volume, prestatie.eenheid.omschrijving());
                let tarief =
                    prestatie.product_tarief.map(|t| crate::domain::money::Saldo(t as i64).to_string()).unwrap_or_else(|| "—".into());
                let bedrag = prestatie.ingediend_bedrag.saldo();
                let dc = prestatie.ingediend_bedrag.debet_credit.code().to_string();
                let vorig = prestatie.product_referentie.vorig_referentie_nummer.as_ref().map(|v| format!("crediteert {v}"));
                let status = line.status;
                rows.push(view! {
                    <tr data-ref=prestatie.referentie().to_string() data-status=status.slug()>
                        <td>
                            <input type="checkbox" class="select-line" aria-label="Regel selecteren"
                                prop:checked=move || state.selection.with(|s| s.contains(&key_check))
                                on:change=move |_| state.selection.update(|s| {
                                    if let Some(pos) = s.iter().position(|k| *k == key_toggle) { s.remove(pos); } else { s.push(key_toggle.clone()); }
                                }) />
                        </td>
                        <td class="mono">{prestatie.referentie().to_string()}{vorig.map(|v| view! { <div class="explain">{v}</div> })}</td>
                        <td>{format!("{} / {}", prestatie.product_categorie.code(), prestatie.product_code)}<div class="explain">{format!("toewijzing {}", prestatie.toewijzing_nummer)}</div></td>
                        <td>{periode}</td>
                        <td>{volume}</td>
                        <td class="num">{tarief}</td>
                        <td class="num">{money(bedrag)}<div class="explain">{dc}</div></td>
                        <td><StatusBadge status=status /></td>
                        <td><Codes codes=line.codes.clone() /><div class="advice">{advice}</div></td>
                    </tr>
                });
            }
            let bsn = client.bsn.to_string();
            groups.push(view! {
                <tr class="group">
                    <td colspan="9">
                        "Client " <Bsn value=bsn />
                        {(!client_codes.is_empty()).then(|| view! { <span class="explain">" — codes op clientniveau: "</span><Codes codes=client_codes.clone() /> })}
                    </td>
                </tr>
                {rows}
            });
        }

        let header_codes = antwoord.as_ref().map(|a| a.header.retour_codes.clone()).unwrap_or_default();
        let declaratie_codes =
            antwoord.as_ref().and_then(|a| a.declaratie_antwoord.as_ref()).map(|da| da.retour_codes.clone()).unwrap_or_default();
        let som = view.som_controle;
        let file_id_sel = file_id.clone();
        let selected_here = move || state.selection.with(|s| s.iter().filter(|k| k.file_id == file_id_sel).count());
        let origin_label = doc.as_ref().map(|d| d.file.origin.label()).unwrap_or("");
        let verwerking = view.verwerking.clone();

        view! {
            <section>
                <p><a href="#/overzicht">"← Overzicht"</a></p>
                <h2>{format!("Declaratie {}", d.declaratie.declaratie_nummer)}{is_credit_message.then_some(" (credit)")}</h2>
                <p><span class=verwerking_class(&verwerking) id="verwerking">{verwerking.label()}</span></p>
                <p class="advice" id="advies">{advies_declaratie(view)}</p>
                <dl class="facts">
                    <dt>"Afzender (AGB)"</dt><dd class="mono">{h.afzender.to_string()}</dd>
                    <dt>"Ontvanger (gemeente)"</dt><dd class="mono">{h.ontvanger.to_string()}</dd>
                    <dt>"Bericht"</dt><dd>{format!("{} · BerichtCode {} · release {}", view.bericht_type.naam(), h.bericht_code, d.release)}</dd>
                    <dt>"BerichtIdentificatie"</dt><dd class="mono">{format!("{} ({})", h.bericht_identificatie.identificatie, h.bericht_identificatie.dagtekening.format("%d-%m-%Y"))}</dd>
                    <dt>"Declaratienummer"</dt><dd class="mono">{d.declaratie.declaratie_nummer.to_string()}</dd>
                    <dt>"Declaratieperiode"</dt><dd>{periode_text(&d.declaratie.declaratie_periode)}</dd>
                    <dt>"Dagtekening"</dt><dd>{d.declaratie.declaratie_dagtekening.format("%d-%m-%Y").to_string()}</dd>
                    <dt>"Bestand"</dt><dd>{doc.as_ref().map(|d| d.file.name.clone()).unwrap_or_default()} <span class="explain">{format!(" ({origin_label})")}</span></dd>
                    <dt>"Antwoord (325)"</dt>
                    <dd>{match (&antwoord, &antwoord_doc) {
                        (Some(a), Some(ad)) => format!("{} van {} — {}", a.header.header.bericht_identificatie.identificatie, a.header.header.bericht_identificatie.dagtekening.format("%d-%m-%Y"), ad.file.name),
                        _ => "nog niet ontvangen".to_string(),
                    }}</dd>
                    {(!credit_links.is_empty()).then(|| view! {
                        <dt>"Creditberichten"</dt>
                        <dd>{credit_links.into_iter().map(|(n, href)| view! { <a href=href>{n}</a>" " }).collect_view()}</dd>
                    })}
                    {(!origineel_links.is_empty()).then(|| view! {
                        <dt>"Crediteert declaratie"</dt>
                        <dd>{origineel_links.into_iter().map(|(n, href)| view! { <a href=href>{n}</a>" " }).collect_view()}</dd>
                    })}
                </dl>
                <div class="cards">
                    <div class="card"><div class="label">"Ingediend"</div><div class="value" id="d-ingediend">{money(b.ingediend)}</div></div>
                    <div class="card"><div class="label">"Toegekend"</div><div class="value" id="d-toegekend">{money(b.toegekend)}</div></div>
                    <div class="card"><div class="label">"Afgewezen"</div><div class="value" id="d-afgewezen">{money(b.afgewezen)}</div></div>
                    <div class="card"><div class="label">"Open"</div><div class="value" id="d-open">{money(b.open)}</div></div>
                    {(b.niet_verwerkt.cents() != 0).then(|| view! { <div class="card"><div class="label">"Niet verwerkt"</div><div class="value">{money(b.niet_verwerkt)}</div></div> })}
                </div>
                {som.filter(|s| !s.klopt).map(|s| view! {
                    <div class="notice bad" id="som-controle">
                        <strong>"De bedragen van de gemeente kloppen niet (TR342). "</strong>
                        {format!("Volgens het antwoord: ingediend {}, toegekend {}. Volgens de regels: afgewezen {}, niet afgewezen {}.",
                            s.ingediend_325, s.toegekend_325, s.afgewezen_regels, s.goedgekeurde_regels)}
                    </div>
                })}
                {(!header_codes.is_empty() || !declaratie_codes.is_empty()).then(|| view! {
                    <h3>"Retourcodes van het antwoord"</h3>
                    <div>"Header: "<Codes codes=header_codes.clone() /></div>
                    {(!declaratie_codes.is_empty()).then(|| view! { <div>"Declaratie: "<Codes codes=declaratie_codes.clone() /></div> })}
                })}
                {(!issues.is_empty()).then(|| view! {
                    <h3>"Wat niet klopt tussen de berichten"</h3>
                    <ul id="problemen">{issues.into_iter().map(|i| view! { <li><span class="badge warn">{i.kind.label()}</span>" "{i.message}" "<span class="explain">{i.kind.rule().gevolg().label()}</span></li> }).collect_view()}</ul>
                })}
                {(!findings.is_empty()).then(|| view! {
                    <details><summary>{format!("Bevindingen in het bestand ({})", findings.len())}</summary><FindingList findings=findings.clone() soort=Soort::Declaratie /></details>
                })}
            </section>
            <section>
                <div class="actions">
                    <h3>{format!("Regels ({total_lines})")}</h3>
                    <label><input type="checkbox" prop:checked=move || state.show_bsn.get()
                        on:change=move |_| state.show_bsn.update(|v| *v = !*v) />" BSN volledig tonen"</label>
                    <a class="button" id="naar-crediteren" href="#/crediteren">{move || format!("Geselecteerde regels crediteren ({})", selected_here())}</a>
                </div>
                <div class="table-scroll">
                    <table id="regels">
                        <thead><tr>
                            <th></th><th>"Referentie"</th><th>"Product"</th><th>"Productperiode"</th><th>"Volume"</th>
                            <th class="num">"Tarief"</th><th class="num">"Bedrag"</th><th>"Status"</th><th>"Codes en advies"</th>
                        </tr></thead>
                        <tbody>{groups}</tbody>
                    </table>
                </div>
                {(total_lines > shown).then(|| view! {
                    <button class="secondary" on:click=move |_| show_all.set(true)>{format!("Toon alle {total_lines} regels")}</button>
                })}
                <p class="explain">{LineStatus::ALL.iter().map(|s| format!("{}: {}", s.label(), view.count(*s))).collect::<Vec<_>>().join(" · ")}</p>
            </section>
        }
        .into_any()
    }
}
