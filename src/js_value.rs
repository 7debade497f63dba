//! The message guard's view of JavaScript values: [`MessageValue`] for `JsValue`, and a
//! `message` event as the guard reads it.
//!
//! Every read goes through `src/js/values.js` (handed on by `src/js/frame.js`), which cannot throw
//! into the wasm, and no string of a message is copied into Rust: keys and known names are JS
//! strings, made once per guard as the engine keeps property names (interned) and compared with
//! `===`; lists are JS arrays searched with one call.

use crate::guard::{kind_code, IncomingMessage, Kind, MessageValue};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

// The reads of `values.js`, which `frame.js` hands on: see there why the glue imports no fifth
// module.
#[wasm_bindgen(module = "/src/js/frame.js")]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> f64;

    /// `object[key]` when `key` is `object`'s own (`undefined` otherwise, or where reading
    /// throws).
    #[wasm_bindgen(js_name = field)]
    pub(crate) fn field(object: &JsValue, key: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = keysOf)]
    fn keys_of(object: &JsValue) -> Array;

    #[wasm_bindgen(js_name = ownFields)]
    fn own_fields(object: &JsValue, keys: &Array) -> u32;

    #[wasm_bindgen(js_name = propertyName)]
    fn property_name(text: &str) -> JsValue;

    #[wasm_bindgen(js_name = setField)]
    fn set_field(object: &JsValue, key: &JsValue, value: &JsValue);

    #[wasm_bindgen(js_name = sourceOf)]
    fn source_of(event: &RawMessageEvent) -> JsValue;

    #[wasm_bindgen(js_name = originOf)]
    fn origin_of(event: &RawMessageEvent) -> JsValue;

    #[wasm_bindgen(js_name = dataOf)]
    fn data_of(event: &RawMessageEvent) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// A `MessageEvent`, its parts read as raw `JsValue`s (no string copies).
    #[derive(Debug)]
    pub(crate) type RawMessageEvent;
}

impl MessageValue for JsValue {
    type List = Array;
    type Keys = js_sys::ArrayIntoIter;

    fn text(text: &str) -> JsValue {
        property_name(text)
    }

    fn index(index: u32) -> JsValue {
        JsValue::from(index)
    }

    fn list<T: AsRef<str>>(texts: &[T]) -> Array {
        texts.iter().map(|text| property_name(text.as_ref())).collect()
    }

    fn kind(&self) -> Kind {
        let code = kind_of(self);
        // An array's length is below 2^32: `LIST - code` is exact, and `as` saturates anyway.
        if code < 0.0 {
            return Kind::List((f64::from(kind_code::LIST) - code) as u32);
        }
        match code as i32 {
            kind_code::UNDEFINED => Kind::Undefined,
            kind_code::NULL => Kind::Null,
            kind_code::FALSE => Kind::Boolean(false),
            kind_code::TRUE => Kind::Boolean(true),
            kind_code::NUMBER => Kind::Number,
            kind_code::PLAIN => Kind::Plain,
            kind_code::OTHER => Kind::Other,
            _ => Kind::Text((code - f64::from(kind_code::TEXT)) as u32),
        }
    }

    fn get(&self, key: &JsValue) -> JsValue {
        field(self, key)
    }

    fn keys(&self) -> js_sys::ArrayIntoIter {
        keys_of(self).into_iter()
    }

    fn own_fields(&self, keys: &Array) -> u32 {
        own_fields(self, keys)
    }

    fn position(&self, list: &Array) -> Option<usize> {
        usize::try_from(list.index_of(self, 0)).ok()
    }

    fn same(&self, other: &JsValue) -> bool {
        self == other
    }

    fn object() -> JsValue {
        Object::new().into()
    }

    fn array() -> JsValue {
        Array::new().into()
    }

    fn set_length(array: &mut JsValue, length: u32) {
        array.unchecked_ref::<Array>().set_length(length);
    }

    fn set(object: &mut JsValue, key: &JsValue, value: JsValue) {
        set_field(object, key, &value);
    }
}

/// A `message` event of the page, and the window our iframe has (`None`: every message is
/// from another source).
#[derive(Debug)]
pub(crate) struct PageMessage<'a> {
    /// The event.
    pub event: &'a RawMessageEvent,
    /// Our iframe's `contentWindow`.
    pub window: Option<&'a JsValue>,
}

impl IncomingMessage for PageMessage<'_> {
    type Value = JsValue;

    fn is_from_our_frame(&self) -> bool {
        self.window.is_some_and(|window| source_of(self.event) == *window)
    }

    fn origin(&self) -> JsValue {
        origin_of(self.event)
    }

    fn data(&self) -> JsValue {
        data_of(self.event)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn kind_tells_each_kind_of_value_and_a_strings_length() {
        let made = |script: &str| {
            js_sys::Function::new_no_args(script)
                .call0(&JsValue::UNDEFINED)
                .unwrap()
        };
        let cases = [
            (JsValue::UNDEFINED, Kind::Undefined),
            (JsValue::NULL, Kind::Null),
            (JsValue::FALSE, Kind::Boolean(false)),
            (JsValue::TRUE, Kind::Boolean(true)),
            (JsValue::from(0), Kind::Number),
            (JsValue::from(f64::NAN), Kind::Number),
            (Object::new().into(), Kind::Plain),
            (made("return Object.create(null)"), Kind::Plain),
            (Array::new().into(), Kind::List(0)),
            (Array::of2(&1.into(), &2.into()).into(), Kind::List(2)),
            (
                made("const a = []; a[4294967294] = 1; return a"),
                Kind::List(u32::MAX),
            ),
            (made("return function () {}"), Kind::Other),
            (made("return new Date()"), Kind::Other),
            (made("return 1n"), Kind::Other),
            (made("return Symbol()"), Kind::Other),
            (made("return new (class {})()"), Kind::Other),
            (
                made("return new Proxy({}, { getPrototypeOf() { throw 1; } })"),
                Kind::Other,
            ),
            (JsValue::from(""), Kind::Text(0)),
            (JsValue::from("abc"), Kind::Text(3)),
            (JsValue::from("\u{1F600}"), Kind::Text(2)),
        ];
        for (value, kind) in cases {
            assert_eq!(value.kind(), kind, "{value:?}");
        }
    }
}
