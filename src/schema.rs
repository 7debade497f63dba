//! The schema of the modal's `event` object, and a bounded copy of it.
//!
//! Callbacks never see the object that arrived: they get a fresh plain object holding only
//! strings, numbers, booleans, `null` and plain objects (two levels deep at most), with size
//! caps on every dimension. Keys such as `__proto__` are never copied, so nothing that arrives
//! can reach a prototype; arrays and exotic objects (`Blob`, `ArrayBuffer`, `Date`) are left out.

use crate::event::{EventKind, MAX_TYPE_LEN};
use crate::message_guard::RejectReason;
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// At most this many properties in the whole event (all levels together).
pub const MAX_FIELDS: u32 = 64;
/// The longest string value, in UTF-16 code units.
pub const MAX_STRING_LEN: u32 = 16 * 1024;
/// The longest property name.
pub const MAX_KEY_LEN: u32 = 64;
/// How many levels of nested objects are copied below the event itself.
pub const MAX_DEPTH: u8 = 2;

/// Context fields that, when present, must be a string or `null`.
pub const STRING_FIELDS: [&str; 7] = [
    "user_id",
    "migration_id",
    "modal_id",
    "source_provider",
    "code",
    "message",
    "error_message",
];

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

/// Validates `event` and copies it.
///
/// # Errors
/// [`RejectReason::Schema`] for a missing or mistyped field, [`RejectReason::TooLarge`] over a cap.
pub fn read_event(event: &JsValue) -> Result<ValidEvent, RejectReason> {
    let plain = Object::get_prototype_of(&Object::new());
    if !is_plain_object(event, &plain) {
        return Err(RejectReason::Schema);
    }
    let event_type = get(event, "type");
    let type_str = event_type.dyn_ref::<JsString>().ok_or(RejectReason::Schema)?;
    if type_str.length() == 0 || type_str.length() > MAX_TYPE_LEN {
        return Err(RejectReason::Schema);
    }
    let kind = EventKind::from_type(&String::from(type_str));
    let internal = match get(event, "internal") {
        v if v.is_undefined() => false,
        v => v.as_bool().ok_or(RejectReason::Schema)?,
    };
    for field in STRING_FIELDS {
        let value = get(event, field);
        if !(value.is_undefined() || value.is_null() || value.is_string()) {
            return Err(RejectReason::Schema);
        }
    }
    let mut budget = MAX_FIELDS;
    let copy = copy_object(event.unchecked_ref(), &plain, MAX_DEPTH, &mut budget)?;
    Ok(ValidEvent {
        kind,
        internal,
        event: copy,
    })
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn is_plain_object(value: &JsValue, plain: &Object) -> bool {
    value.is_object() && {
        let proto = Object::get_prototype_of(value);
        proto == *plain || proto.is_null()
    }
}

fn is_reserved_key(key: &str) -> bool {
    matches!(key, "__proto__" | "constructor" | "prototype")
}

fn copy_object(source: &Object, plain: &Object, depth: u8, budget: &mut u32) -> Result<Object, RejectReason> {
    let keys = Object::keys(source);
    let count = keys.length();
    if count > *budget {
        return Err(RejectReason::TooLarge);
    }
    *budget -= count;
    let copy = Object::new();
    for key in keys.iter() {
        let key_str: &JsString = key.unchecked_ref();
        if key_str.length() > MAX_KEY_LEN {
            return Err(RejectReason::TooLarge);
        }
        if is_reserved_key(&String::from(key_str)) {
            continue;
        }
        let value = Reflect::get(source, &key).map_err(|_| RejectReason::Schema)?;
        let copied = if let Some(text) = value.dyn_ref::<JsString>() {
            if text.length() > MAX_STRING_LEN {
                return Err(RejectReason::TooLarge);
            }
            value
        } else if value.is_null() || value.as_f64().is_some() || value.as_bool().is_some() {
            value
        } else if is_plain_object(&value, plain) {
            if depth == 0 {
                return Err(RejectReason::TooLarge);
            }
            copy_object(value.unchecked_ref(), plain, depth - 1, budget)?.into()
        } else {
            continue;
        };
        Reflect::set(&copy, &key, &copied).map_err(|_| RejectReason::Schema)?;
    }
    Ok(copy)
}
