//! Instellingen → Contracttarieven: the tariffs TR418 checks against (0611), listed from the
//! tariff files in the archive, and a form that adds one. A tariff entered here becomes a
//! small tariff file "made by Kloppend", so it is stored, logged, undone and backed up like
//! any import; a spreadsheet of tariffs is imported on Importeren.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::clock;
use crate::domain::Origin;
use crate::domain::tarieven::write_tarieven;
use crate::domain::view::tarieven::{TarievenModel, entered};
use crate::ui::components::arc_changed;
use crate::ui::state::AppState;

const EENHEDEN: [(&str, &str); 6] =
    [("04", "uur"), ("01", "minuut"), ("14", "etmaal"), ("16", "dagdeel"), ("82", "stuks (output)"), ("84", "stuks (inspanning)")];

#[component]
pub fn TariffSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let model = Memo::new_with_compare(move |_| Arc::new(state.workspace().with(|w| TarievenModel::build(w))), arc_changed);
    let (gemeente, code, eenheid, tarief, van, tot) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("04".to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let add = move |_| {
        let row = entered(
            &gemeente.get_untracked(),
            &code.get_untracked(),
            &eenheid.get_untracked(),
            &tarief.get_untracked(),
            &van.get_untracked(),
            &tot.get_untracked(),
        );
        match row {
            Err(why) => state.show(crate::domain::notices::failed(why)),
            Ok(row) => {
                let name = format!("tarief_{}_{}_{}.csv", row.gemeente, row.product_code, clock::today().format("%Y%m%d"));
                let bytes = write_tarieven(&[row]).into_bytes();
                spawn_local(async move {
                    let _ = state.add_files(vec![(name, bytes)], Origin::Gemaakt).await;
                });
            }
        }
    };
    view! {
        <section>
            <h3>"Contracttarieven"</h3>
            <p class="explain">"Het tarief per product uit je contract met de gemeente. Kloppend controleert er elke regel mee die nog geen antwoord heeft: een ander tarief wijst de gemeente af met 0611. Een minutenregel onder een uurtarief moet het uurtarief / 60 hebben (afgerond op hele centen). Een spreadsheet met tarieven (kolommen gemeente, productcode, eenheid, tarief, van, tot) importeer je op Importeren."</p>
            <div class="filters">
                <label>"Gemeentecode" <input id="tarief-gemeente" inputmode="numeric" maxlength="4" on:input=move |ev| gemeente.set(event_target_value(&ev)) /></label>
                <label>"Productcode" <input id="tarief-code" maxlength="5" on:input=move |ev| code.set(event_target_value(&ev)) /></label>
                <label>"Eenheid" <select id="tarief-eenheid" on:change=move |ev| eenheid.set(event_target_value(&ev))>
                    {EENHEDEN.iter().map(|(c, n)| view! { <option value=*c>{*n}</option> }).collect_view()}
                </select></label>
                <label>"Tarief (€)" <input id="tarief-bedrag" inputmode="decimal" on:input=move |ev| tarief.set(event_target_value(&ev)) /></label>
                <label>"Geldt vanaf" <input type="date" id="tarief-van" on:input=move |ev| van.set(event_target_value(&ev)) /></label>
                <label>"Tot en met (leeg: geen einde)" <input type="date" id="tarief-tot" on:input=move |ev| tot.set(event_target_value(&ev)) /></label>
            </div>
            <button type="button" id="tarief-toevoegen" on:click=add>"Tarief toevoegen"</button>
            {move || {
                let m = model.get();
                if m.rows.is_empty() && m.onleesbaar.is_empty() {
                    return view! { <p class="muted" id="geen-tarieven">"Nog geen contracttarieven."</p> }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Contracttarieven"><table id="tarieven">
                        <thead><tr><th>"Gemeente"</th><th>"Product"</th><th>"Eenheid"</th><th class="num">"Tarief"</th><th>"Van"</th><th>"T/m"</th><th>"Bestand"</th></tr></thead>
                        <tbody>{m.rows.iter().map(|r| view! {
                            <tr class:vervangen=r.vervangen data-code=r.product_code.clone()>
                                <td>{r.gemeente.clone()}</td><td class="mono">{r.product_code.clone()}</td><td>{r.eenheid}</td>
                                <td class="num">{r.tarief.clone()}</td><td>{r.van_tekst.clone()}</td>
                                <td>{r.tot_tekst.clone()}</td>
                                <td>{r.bestand.clone()}{r.vervangen.then_some(" (vervangen door een nieuwer tarief)")}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table></div>
                    {(!m.onleesbaar.is_empty()).then(|| view! {
                        <ul id="tarieven-onleesbaar" class="notice warn">{m.onleesbaar.iter().map(|(f, r, why)| view! { <li>{format!("{f}, regel {r}: {why}")}</li> }).collect_view()}</ul>
                    })}
                }.into_any()
            }}
        </section>
    }
}
