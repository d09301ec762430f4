//! Today's date from the browser's clock, in local time (the domain never reads a clock).

use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// Milliseconds since the epoch, for import timestamps.
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}
