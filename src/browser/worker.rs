//! Analysis off the main thread: a module worker (`public/worker.js`, a loader of a few lines)
//! runs this same WebAssembly module, compiled once on the main thread and handed over, and
//! reads and validates imported files there. What crosses back for a message is its model
//! cache entry: the model in parts and its findings, already located in the file, postcard; refusals and settlement CSVs are analysed again on the main thread (they are
//! small or quick). No third-party JavaScript is involved.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::oneshot;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::domain::intake::Document;
use crate::domain::message::ValidationContext;
use crate::domain::modelcache;
use crate::domain::{Origin, StoredFile};

/// A message as the worker sends it: its model cache entry (model and located findings).
pub struct Analysed {
    pub model: Vec<u8>,
}

type Pending = Rc<RefCell<HashMap<u32, oneshot::Sender<Option<Analysed>>>>>;

/// The main thread's handle on the worker.
pub struct AnalysisWorker {
    worker: Worker,
    pending: Pending,
    next: Cell<u32>,
    /// Set when the worker failed to start or crashed: from then on the main thread analyses.
    broken: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The URL of the app's JavaScript glue, from the `modulepreload` link Trunk writes.
fn glue_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let link = document.query_selector("link[rel=modulepreload]").ok()??;
    let href = link.get_attribute("href")?;
    let base = document.base_uri().ok()??;
    web_sys::Url::new_with_base(&href, &base).ok().map(|u| u.href())
}

impl AnalysisWorker {
    /// Start the worker. `None` where this browser has no module workers or the page was not
    /// loaded the way Trunk builds it (then the main thread analyses, and the app says so).
    pub fn start() -> Option<AnalysisWorker> {
        let glue = glue_url()?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("./worker.js", &options).ok()?;
        let pending: Pending = Rc::default();
        let broken = Rc::new(Cell::new(false));
        let fail_all = {
            let (pending, broken) = (pending.clone(), broken.clone());
            move || {
                broken.set(true);
                // Every waiting import analyses on the main thread instead.
                for (_, reply) in pending.borrow_mut().drain() {
                    let _ = reply.send(None);
                }
            }
        };
        let on_message = {
            let (pending, fail_all) = (pending.clone(), fail_all.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if get(&data, "kloppendFailed").is_truthy() {
                    web_sys::console::warn_1(&get(&data, "kloppendFailed"));
                    fail_all();
                    return;
                }
                let Some(id) = get(&data, "id").as_f64() else { return };
                let bytes = |key: &str| get(&data, key).dyn_into::<Uint8Array>().ok().map(|a| a.to_vec());
                let model = bytes("model").map(|model| Analysed { model });
                if let Some(ms) = get(&data, "ms").as_f64() {
                    let now = crate::browser::timing::now();
                    crate::browser::timing::record("worker:analyseren", now - ms, now);
                }
                if let Some(reply) = pending.borrow_mut().remove(&(id as u32)) {
                    let _ = reply.send(model);
                }
            })
        };
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |error: JsValue| {
            web_sys::console::warn_2(&"analyse-worker gestopt:".into(), &error);
            fail_all();
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = Object::new();
        set(&init, "kloppendInit", &JsValue::TRUE);
        set(&init, "glue", &JsValue::from_str(&glue));
        // The module compiled for this page: the worker instantiates it without fetching.
        set(&init, "module", &wasm_bindgen::module());
        worker.post_message(&init).ok()?;
        Some(AnalysisWorker { worker, pending, next: Cell::new(0), broken, _on_message: on_message, _on_error: on_error })
    }

    /// The model and findings of `bytes` when they are a message; `None` when they are
    /// anything else or the worker is gone (the caller then analyses them itself).
    pub async fn analyse(&self, name: &str, bytes: &[u8], context: &ValidationContext) -> Option<Analysed> {
        if self.broken.get() {
            return None;
        }
        let id = self.next.get().wrapping_add(1);
        self.next.set(id);
        let (reply, answer) = oneshot::channel();
        self.pending.borrow_mut().insert(id, reply);
        let message = Object::new();
        set(&message, "id", &JsValue::from(id));
        set(&message, "name", &JsValue::from_str(name));
        set(&message, "today", &context.today.map(|d| JsValue::from_str(&d.to_string())).unwrap_or(JsValue::NULL));
        // A copy the worker owns (the caller keeps its bytes to store them), moved, not cloned again.
        let copy = Uint8Array::from(bytes);
        set(&message, "bytes", &copy);
        let transfer = Array::of1(&copy.buffer());
        if self.worker.post_message_with_transfer(&message, &transfer).is_err() {
            self.pending.borrow_mut().remove(&id);
            return None;
        }
        answer.await.ok().flatten()
    }
}

impl Drop for AnalysisWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The worker's side, called (through the binary's export) by `public/worker.js` once the
/// module is instantiated: answer every file with its model-cache entry when it is a clean
/// message, `null` otherwise.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let started = js_sys::Date::now();
        let id = get(&data, "id");
        let name = get(&data, "name").as_string().unwrap_or_default();
        let today = get(&data, "today").as_string().and_then(|d| d.parse().ok());
        let bytes = get(&data, "bytes").dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
        // No id: the page hashed the file already (with WebCrypto), and hashing here would cost as much as reading.
        let file = StoredFile::with_id(String::new(), name, bytes, Origin::Import, 0.0);
        let document = Document::analyse(&file, &ValidationContext { today });
        let answer = Object::new();
        set(&answer, "id", &id);
        // How long the worker took, for the benchmark's breakdown (its own timings stay in the worker).
        set(&answer, "ms", &JsValue::from_f64(js_sys::Date::now() - started));
        let encoded = document.loaded().and_then(|l| modelcache::encode(&l.bericht, &l.findings));
        match encoded {
            Some(model) => {
                let model = Uint8Array::from(model.as_slice());
                set(&answer, "model", &model);
                let _ = reply_scope.post_message_with_transfer(&answer, &Array::of1(&model.buffer()));
            }
            None => {
                // Not a message (refused, or a CSV): the page reads it itself.
                set(&answer, "model", &JsValue::NULL);
                let _ = reply_scope.post_message(&answer);
            }
        }
    });
    // Before the first file arrives (the page is still opening): run the reading and checking
    // code until the engine has optimised it. The first real import is then read at full speed.
    warm_up(WARM_UP_ROUNDS);
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

/// Rounds of reading, checking, encoding and decoding a small message that make the browser
/// optimise that code (measured in the app benchmark: worker time for a 33 MB declaration).
const WARM_UP_ROUNDS: usize = 60;

fn warm_up_file() -> crate::domain::FileInfo {
    StoredFile::with_id(String::new(), "warm-up", Vec::new(), Origin::Import, 0.0).info()
}

/// On the main thread only decoding and checking cached models runs (start-up, and the
/// worker's answers): make the engine optimise that, a round per task so nothing stalls.
pub async fn warm_up_main(rounds: usize) {
    let xml = crate::domain::generate::warm_up_declaratie();
    let context = ValidationContext::default();
    let Some(entry) = crate::domain::message::load(xml.as_bytes(), &context)
        .ok()
        .and_then(|l| crate::domain::modelcache::encode(&l.bericht, &l.findings))
    else {
        return;
    };
    for _ in 0..rounds {
        let _ = Document::from_cache(warm_up_file(), &entry, &context);
        crate::browser::timing::yield_to_browser().await;
    }
}

/// Read, validate, encode and decode a small generated message `rounds` times.
pub fn warm_up(rounds: usize) {
    let xml = crate::domain::generate::warm_up_declaratie();
    let context = ValidationContext::default();
    for _ in 0..rounds {
        let entry = crate::domain::message::load(xml.as_bytes(), &context)
            .ok()
            .and_then(|l| crate::domain::modelcache::encode(&l.bericht, &l.findings));
        if let Some(entry) = entry {
            let _ = Document::from_cache(warm_up_file(), &entry, &context);
        }
    }
}

/// Whether this code runs in a worker (where there is no page to mount).
pub fn in_worker() -> bool {
    js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>().is_ok()
}
