//! Building the plain JavaScript objects that browser APIs take as untyped arguments
//! (IndexedDB records, WebCrypto algorithms, User Timing options).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// A plain object with these properties. Setting a data property on a fresh plain object
/// cannot fail, so the result of each set is not checked.
pub fn object(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}
