//! Today's date from the browser's clock, in local time (the domain never reads a clock).

use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// The local date of a moment (milliseconds since the epoch).
pub fn local_date(millis: f64) -> Option<NaiveDate> {
    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    NaiveDate::from_ymd_opt(when.get_full_year() as i32, when.get_month() + 1, when.get_date())
}

/// A moment (milliseconds since the epoch) as local `dd-mm-jjjj uu:mm`, for the event log.
pub fn local_date_time(millis: f64) -> String {
    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    format!("{:02}-{:02}-{} {:02}:{:02}", when.get_date(), when.get_month() + 1, when.get_full_year(), when.get_hours(), when.get_minutes())
}

/// Milliseconds since the epoch, for import timestamps.
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}
