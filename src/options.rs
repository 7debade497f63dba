//! Reading `embedAnonModal`'s JavaScript options object into [`ModalOptions`] and listeners.
//!
//! `src/options.js` checks each option's type in one call (a wrong one gives an
//! `INVALID_OPTION` error naming it, returned rather than thrown, never a silent default);
//! this module decides what the values mean: each `allowedOrigins` entry must parse as an
//! [`Origin`].

use crate::emitter::Topic;
use crate::error::{Error, Message};
use crate::modal::ModalOptions;
use crate::origin::{AllowList, Origin};
use crate::schema::Kind;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::Document;

/// The callback options and the topics they listen to: `readOptions` returns them in this
/// order, which is the topics' own (a test checks it).
pub const CALLBACK_OPTIONS: [(&str, Topic); 6] = [
    ("onOpened", Topic::Opened),
    ("onCompleted", Topic::Completed),
    ("onClosed", Topic::Closed),
    ("onFailed", Topic::Failed),
    ("onEvent", Topic::Any),
    ("onReject", Topic::Reject),
];

#[wasm_bindgen(module = "/src/options.js")]
extern "C" {
    #[wasm_bindgen(js_name = readOptions)]
    fn read_option_values(options: &JsValue) -> Array;
}

#[wasm_bindgen]
extern "C" {
    /// `readOptions`' array, its numbers read as they are: no `Option<f64>` written into wasm
    /// memory, as `JsValue::as_f64` does. An option not given (`undefined`) reads as NaN.
    type Numbers;

    #[wasm_bindgen(method, structural, indexing_getter)]
    fn get(this: &Numbers, index: u32) -> f64;
}

/// Reads the options object (`undefined` and `null` mean all defaults): the options, the
/// callback options at their topics' numbers ([`CALLBACK_OPTIONS`]; `undefined` where not
/// given), and the page's document.
///
/// # Errors
/// An `AnonModalError` (made by `src/options.js` for the first two): `NO_DOCUMENT` where
/// there is no document, `INVALID_OPTION` for a wrongly typed option, `INVALID_ORIGIN` for an
/// `allowedOrigins` entry that is not an origin (see [`ErrorCode`](crate::ErrorCode)).
pub fn read_options(options: &JsValue) -> Result<(ModalOptions, Array, Document), JsValue> {
    let values = read_option_values(options);
    // `[error]` instead of the ten values: `readOptions` returns its errors, never throws.
    if values.length() == 1 {
        return Err(values.get_unchecked(0));
    }
    let given = |i: u32| Some(values.get_unchecked(i)).filter(|v| Kind::of(v) != Kind::Undefined);

    let mut out = ModalOptions {
        container: given(0).map(JsCast::unchecked_into),
        ..ModalOptions::default()
    };
    if let Some(origins) = given(1) {
        let origins: Array = origins.unchecked_into();
        let mut allowed = AllowList::default();
        for i in 0..origins.length() {
            let value = origins.get_unchecked(i);
            let text = value.as_string().unwrap_or_default();
            let origin =
                Origin::parse_js(&text, &value).map_err(|why| Error::new(Message::NotAnOrigin(why), text))?;
            allowed.push(origin);
        }
        out.allowed_origins = Some(allowed);
    }
    // `readOptions` checked these: each is a number or not given.
    let number = |i: u32| Some(values.unchecked_ref::<Numbers>().get(i)).filter(|n| !n.is_nan());
    out.expires_at_ms = number(2);
    if let Some(ms) = number(3) {
        out.ready_timeout_ms = ms as u32;
    }
    if let Some(z) = number(4) {
        out.z_index = z as i32;
    }
    if let Some(title) = given(5).and_then(|v| v.as_string()) {
        out.title = title;
    }
    let flag = |i: u32| Kind::of(&values.get_unchecked(i)) == Kind::Boolean(true);
    out.hidden = flag(6);
    out.allow_insecure_localhost = flag(7);
    Ok((
        out,
        values.get_unchecked(8).unchecked_into(),
        values.get_unchecked(9).unchecked_into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_options_are_listed_at_their_topics_numbers() {
        // `readOptions` returns the callbacks in this order, and the handle subscribes each at
        // its index: the index must be the topic's number.
        for (index, (_, topic)) in CALLBACK_OPTIONS.into_iter().enumerate() {
            assert_eq!(topic as usize, index);
        }
    }
}
