use leptos::prelude::*;

#[component]
pub fn Placeholder(title: &'static str) -> impl IntoView {
    view! { <section><h2>{title}</h2><p>"Deze pagina volgt."</p></section> }
}
