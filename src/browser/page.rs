//! The document around the app: its title and where keyboard focus is. Screen readers announce
//! the title and the focused heading after a navigation, so both follow the route.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// "Overzicht – Kloppend": a title per screen, so tabs, history and screen readers tell them apart.
pub fn set_title(screen: &str) {
    if let Some(doc) = document() {
        doc.set_title(&format!("{screen} – Kloppend"));
    }
}

/// Moves focus to the first heading of the main content (made focusable for this, not a tab
/// stop), so after a navigation keyboard and screen-reader users start at the new page
/// instead of at the top of the document. Returns whether there was a heading.
pub fn focus_main_heading() -> bool {
    let Some(heading) = document().and_then(|d| d.query_selector("main h2").ok().flatten()) else { return false };
    let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() else { return false };
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    heading.focus().is_ok()
}

/// Opens the file dialog of a file input (the Enter key on its label-button does not, in
/// every browser, while Space does).
pub fn open_file_dialog(input: &web_sys::HtmlInputElement) {
    input.click();
}

/// Moves focus to the element with this id, if it is there.
pub fn focus_id(id: &str) -> bool {
    let Some(element) = document().and_then(|d| d.get_element_by_id(id)) else { return false };
    element.dyn_into::<web_sys::HtmlElement>().is_ok_and(|e| e.focus().is_ok())
}

/// Whether the page may use service workers, Web Locks and persistent storage (https, or
/// localhost): on plain http Kloppend works, but not offline.
pub fn is_secure_context() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Scrolls the element with this id to the middle of the view (a line opened from Te doen
/// or the Overzicht), if it is there.
pub fn scroll_to_id(id: &str) -> bool {
    let Some(element) = document().and_then(|d| d.get_element_by_id(id)) else { return false };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    true
}

/// Opens the browser's print dialog (the print styles take away navigation and controls).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
