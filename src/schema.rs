//! The schema of the modal's `event` object, and a bounded copy of it.
//!
//! Callbacks never see the object that arrived: they get a fresh plain object holding only
//! strings, numbers, booleans, `null` and plain objects (two levels deep at most), with size
//! caps on every dimension. Keys such as `__proto__` are never copied, so nothing that arrives
//! can reach a prototype; arrays and exotic objects (`Blob`, `ArrayBuffer`, `Date`) are left out.
//!
//! Every key and known value is a JS string made once per [`Schema`], all in one call to
//! `src/frame.js` (`messageKeys`, checked against this module's constants by a test): the
//! per-message path compares with `===` and copies no string into Rust. The lists of them are
//! JS arrays, each searched with one call (`indexOf`, `includes`) instead of a loop of calls.
//! What kind each value is (and a string's length) is asked with one call too ([`Kind`]).

use crate::event::{EventKind, MAX_TYPE_LEN};
use crate::frame::field;
use crate::message_guard::RejectReason;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set`, bound without a catch: on the fresh plain object of a copy, under a key
    /// that is not reserved, it cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set_field(target: &Object, key: &JsValue, value: &JsValue) -> bool;
}

/// At most this many properties in the whole event (all levels together).
pub const MAX_FIELDS: u32 = 64;
/// The longest string value, in UTF-16 code units.
pub const MAX_STRING_LEN: u32 = 16 * 1024;
/// The longest property name.
pub const MAX_KEY_LEN: u32 = 64;
/// How many levels of nested objects are copied below the event itself.
pub const MAX_DEPTH: u8 = 2;

/// Context fields that, when the event has them, must be a string or `null` (or `undefined`,
/// which is left out of the copy).
pub const STRING_FIELDS: [&str; 7] = [
    "user_id",
    "migration_id",
    "modal_id",
    "source_provider",
    "code",
    "message",
    "error_message",
];

/// Keys never copied.
pub const RESERVED_KEYS: [&str; 3] = ["__proto__", "constructor", "prototype"];

/// A message's `event` that passed the schema.
#[derive(Debug)]
pub struct ValidEvent {
    /// What happened.
    pub kind: EventKind,
    /// `event.internal === true`.
    pub internal: bool,
    /// The bounded copy handed to callbacks.
    pub event: Object,
}

/// What kind of value a message holds, as `src/frame.js` (`kindOf`) tells it in one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean(bool),
    /// A number (`NaN` too).
    Number,
    /// A plain object: its prototype is `Object.prototype` or `null`.
    Plain,
    /// Anything else: an array, a function, a `BigInt`, an exotic object (`Date`, `Blob`), or
    /// an object whose prototype cannot be read.
    Other,
    /// A string of this many UTF-16 code units.
    Text(u32),
}

impl Kind {
    /// The kind of `value`.
    pub fn of(value: &JsValue) -> Kind {
        match crate::frame::kind_of(value) {
            0 => Kind::Undefined,
            1 => Kind::Null,
            2 => Kind::Boolean(false),
            3 => Kind::Boolean(true),
            4 => Kind::Number,
            5 => Kind::Plain,
            6 => Kind::Other,
            n => Kind::Text(n - 7),
        }
    }
}

/// The schema check, with its keys and known values made once.
#[derive(Debug)]
pub struct Schema {
    type_key: JsValue,
    internal_key: JsValue,
    /// The wire names of [`EventKind::NAMED`], in that order.
    kinds: Array,
    /// [`STRING_FIELDS`].
    string_fields: Array,
    /// [`RESERVED_KEYS`].
    reserved: Array,
}

impl Default for Schema {
    fn default() -> Self {
        Schema::from_keys(&crate::frame::message_keys())
    }
}

impl Schema {
    /// The schema on the strings `src/frame.js` makes (`messageKeys`): the event's keys at 3
    /// and 4, then the lists of [`EventKind::NAMED`]'s names, [`STRING_FIELDS`] and
    /// [`RESERVED_KEYS`].
    pub(crate) fn from_keys(keys: &Array) -> Self {
        Schema {
            type_key: keys.get_unchecked(3),
            internal_key: keys.get_unchecked(4),
            kinds: keys.get_unchecked(5).unchecked_into(),
            string_fields: keys.get_unchecked(6).unchecked_into(),
            reserved: keys.get_unchecked(7).unchecked_into(),
        }
    }

    /// Validates `event` and copies it.
    ///
    /// # Errors
    /// [`RejectReason::Schema`] for a missing or mistyped field, [`RejectReason::TooLarge`] over
    /// a cap.
    pub fn read_event(&self, event: &JsValue) -> Result<ValidEvent, RejectReason> {
        if Kind::of(event) != Kind::Plain {
            return Err(RejectReason::Schema);
        }
        let event_type = field(event, &self.type_key);
        match Kind::of(&event_type) {
            Kind::Text(len) if len > 0 && len <= MAX_TYPE_LEN => {}
            _ => return Err(RejectReason::Schema),
        }
        let kind = self.kind_of(&event_type);
        let internal = match Kind::of(&field(event, &self.internal_key)) {
            Kind::Undefined => false,
            Kind::Boolean(internal) => internal,
            _ => return Err(RejectReason::Schema),
        };
        let mut budget = MAX_FIELDS;
        let copy = self.copy_object(event.unchecked_ref(), MAX_DEPTH, &mut budget)?;
        Ok(ValidEvent {
            kind,
            internal,
            event: copy,
        })
    }

    /// The kind named by `event_type` ([`EventKind::Other`] for anything else, strings or not),
    /// found without copying the string into Rust.
    pub fn kind_of(&self, event_type: &JsValue) -> EventKind {
        usize::try_from(self.kinds.index_of(event_type, 0))
            .ok()
            .and_then(|i| EventKind::NAMED.get(i).copied())
            .unwrap_or(EventKind::Other)
    }

    fn copy_object(&self, source: &Object, depth: u8, budget: &mut u32) -> Result<Object, RejectReason> {
        let keys = Object::keys(source);
        let count = keys.length();
        if count > *budget {
            return Err(RejectReason::TooLarge);
        }
        *budget -= count;
        let copy = Object::new();
        for key in keys.iter() {
            // `Object.keys` gives strings only.
            if !matches!(Kind::of(&key), Kind::Text(len) if len <= MAX_KEY_LEN) {
                return Err(RejectReason::TooLarge);
            }
            if self.reserved.includes(&key, 0) {
                continue;
            }
            // A value that cannot be read is `undefined` here, so it is left out.
            let value = field(source, &key);
            let copied = match Kind::of(&value) {
                Kind::Text(len) if len > MAX_STRING_LEN => return Err(RejectReason::TooLarge),
                Kind::Text(_) | Kind::Null => value,
                Kind::Undefined => continue,
                // A context field of the event itself that is neither a string nor null. Only
                // such values pay for this look-up: strings and nulls, the usual case, never do.
                _ if depth == MAX_DEPTH && self.string_fields.includes(&key, 0) => {
                    return Err(RejectReason::Schema)
                }
                Kind::Number | Kind::Boolean(_) => value,
                Kind::Plain if depth == 0 => return Err(RejectReason::TooLarge),
                Kind::Plain => self.copy_object(value.unchecked_ref(), depth - 1, budget)?.into(),
                Kind::Other => continue,
            };
            set_field(&copy, &key, &copied);
        }
        Ok(copy)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn texts(list: JsValue) -> Vec<String> {
        Array::from(&list)
            .iter()
            .map(|text| text.as_string().unwrap())
            .collect()
    }

    #[wasm_bindgen_test]
    fn the_javascript_keys_are_the_rust_constants_in_their_order() {
        let keys = crate::frame::message_keys();
        assert_eq!(keys.length(), 9);
        assert_eq!(keys.get_unchecked(0), crate::event::MESSAGE_TAG);
        for (index, key) in [(1, "source"), (2, "event"), (3, "type"), (4, "internal")] {
            assert_eq!(keys.get_unchecked(index), key);
        }
        let kinds: Vec<&str> = EventKind::NAMED.iter().map(|kind| kind.as_str()).collect();
        assert_eq!(texts(keys.get_unchecked(5)), kinds);
        assert_eq!(texts(keys.get_unchecked(6)), STRING_FIELDS);
        assert_eq!(texts(keys.get_unchecked(7)), RESERVED_KEYS);
        let reasons: Vec<&str> = RejectReason::ALL.iter().map(|reason| reason.as_str()).collect();
        assert_eq!(texts(keys.get_unchecked(8)), reasons);
    }

    #[wasm_bindgen_test]
    fn kind_of_tells_each_kind_of_value_and_a_strings_length() {
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
            (Array::new().into(), Kind::Other),
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
            assert_eq!(Kind::of(&value), kind, "{value:?}");
        }
    }
}
