//! Where the time goes in an import or a start-up, as User Timing measures
//! (`performance.getEntriesByType("measure")`, named `kloppend:…`): visible in the browser's
//! performance panel and read by the storage benchmark. Recording only; nothing is sent.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds on the page's monotonic clock.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Yield to the browser once, so it can paint (a 0 ms timeout; a resolved promise is not enough).
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Wait until the browser has painted what is on the page now: a frame's callback runs just
/// before the paint, and a 0 ms timeout set there runs after it. (Timeouts alone can all run
/// before the next frame, and work after them would block the paint.)
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else { return };
        let timeout = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
            }
        });
        if window.request_animation_frame(timeout.unchecked_ref()).is_err() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(timeout.unchecked_ref(), 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Gives the browser a frame whenever this much work ran since the last one, so a long job
/// (copying, building records, analysing) never becomes one long task. Awaiting a promise that
/// has already resolved is not enough: it continues in the same task.
pub struct Pacer {
    since: f64,
}

impl Pacer {
    /// At most about this long without a frame (the benchmarks' goal is 100 ms).
    const BUDGET_MS: f64 = 40.0;

    pub fn new() -> Self {
        Pacer { since: now() }
    }

    /// Yield if the budget is spent.
    pub async fn step(&mut self) {
        if self.due() {
            yield_to_browser().await;
        }
    }

    /// Whether the budget is spent, for a caller that must yield its own way (inside an
    /// IndexedDB transaction only by awaiting one of its requests); the budget starts again.
    pub fn due(&mut self) -> bool {
        let due = now() - self.since > Self::BUDGET_MS;
        if due {
            self.since = now();
        }
        due
    }
}

impl Default for Pacer {
    fn default() -> Self {
        Self::new()
    }
}

/// Adds up the time spent in one phase that runs in pieces (per file, say).
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    name: &'static str,
    started: f64,
    total: f64,
}

impl Phase {
    pub fn new(name: &'static str) -> Self {
        Phase { name, started: now(), total: 0.0 }
    }

    /// Time `work` as part of this phase.
    pub fn time<T>(&mut self, work: impl FnOnce() -> T) -> T {
        let start = now();
        let value = work();
        self.total += now() - start;
        value
    }

    /// Add a piece timed elsewhere (an awaited step).
    pub fn add(&mut self, since: f64) {
        self.total += now() - since;
    }

    /// Record the phase: it started when it was created and lasted its total.
    pub fn record(&self) {
        record(self.name, self.started, self.started + self.total);
    }
}

/// Record `kloppend:<name>` from `start` to `end`.
pub fn record(name: &str, start: f64, end: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return };
    let Some(measure) = Reflect::get(&performance, &"measure".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) else {
        return;
    };
    let options = super::js::object(&[("start", JsValue::from_f64(start)), ("end", JsValue::from_f64(end.max(start)))]);
    let _ = measure.call2(&performance, &JsValue::from_str(&format!("kloppend:{name}")), &options);
}
