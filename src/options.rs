//! Reading `embedAnonModal`'s JavaScript options object into [`ModalOptions`] and listeners.
//!
//! Every option is checked for its type; a wrong one is an `INVALID_OPTION` error naming it,
//! never a silent default. `expiresAt` is turned into a time by `src/options.js`, in one call.

use crate::emitter::Topic;
use crate::error::{Error, ErrorCode};
use crate::modal::ModalOptions;
use crate::origin::{AllowList, Origin};
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

#[wasm_bindgen(module = "/src/options.js")]
extern "C" {
    /// The time a `Date`, ISO 8601 string or number names, in ms since the epoch; `NaN` for
    /// any other value.
    #[wasm_bindgen(js_name = timeOf)]
    fn time_of(value: &JsValue) -> f64;
}

/// The callback options and the topics they listen to.
pub const CALLBACK_OPTIONS: [(&str, Topic); 6] = [
    ("onOpened", Topic::Opened),
    ("onCompleted", Topic::Completed),
    ("onClosed", Topic::Closed),
    ("onFailed", Topic::Failed),
    ("onEvent", Topic::Any),
    ("onReject", Topic::Reject),
];

// `invalid` and `get` are called from a dozen places: kept out of line, the package is
// 47 B smaller (measured on the size-std build; 121 B before the MIR inliner).
#[inline(never)]
fn invalid(option: &str, expected: &str) -> Error {
    Error::new(
        ErrorCode::InvalidOption,
        &["options.", option, " must be ", expected],
    )
}

#[inline(never)]
fn get(options: &JsValue, key: &str) -> JsValue {
    Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn optional_bool(options: &JsValue, key: &str) -> Result<bool, Error> {
    match get(options, key) {
        v if v.is_undefined() => Ok(false),
        v => v.as_bool().ok_or_else(|| invalid(key, "a boolean")),
    }
}

fn optional_number(options: &JsValue, key: &str, min: f64, max: f64) -> Result<Option<f64>, Error> {
    match get(options, key) {
        v if v.is_undefined() => Ok(None),
        v => match v.as_f64() {
            Some(n) if n >= min && n <= max && n.fract() == 0.0 => Ok(Some(n)),
            _ => Err(invalid(key, "a whole number in range")),
        },
    }
}

/// Reads the options object (`undefined` and `null` mean all defaults).
///
/// # Errors
/// [`ErrorCode::InvalidOption`] for a wrongly typed option, [`ErrorCode::InvalidOrigin`] for
/// an `allowedOrigins` entry that is not an origin.
pub fn read_options(
    options: &JsValue,
    document: Option<&Document>,
) -> Result<(ModalOptions, Vec<(Topic, Function)>), Error> {
    let mut out = ModalOptions::default();
    let mut listeners = Vec::new();
    if options.is_undefined() || options.is_null() {
        return Ok((out, listeners));
    }
    if !options.is_object() {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            &["options must be an object"],
        ));
    }

    let container = get(options, "container");
    if let Some(selector) = container.as_string() {
        let found = document
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .ok_or_else(|| invalid("container", "an element or a selector that matches one"))?;
        out.container = Some(found);
    } else if !container.is_undefined() {
        out.container = Some(
            container
                .dyn_into::<Element>()
                .map_err(|_| invalid("container", "an element or a selector"))?,
        );
    }

    let origins = get(options, "allowedOrigins");
    if !origins.is_undefined() {
        let list = origins
            .dyn_ref::<Array>()
            .filter(|a| a.length() > 0)
            .ok_or_else(|| invalid("allowedOrigins", "a non-empty array of origin strings"))?;
        let mut parsed = AllowList::default();
        for entry in list.iter() {
            let text = entry
                .as_string()
                .ok_or_else(|| invalid("allowedOrigins", "an array of strings"))?;
            let origin = Origin::parse(&text).map_err(|why| {
                Error::new(
                    ErrorCode::InvalidOrigin,
                    &["allowedOrigins: ", &text, " is not an origin: ", why.describe()],
                )
            })?;
            parsed.push(&origin);
        }
        out.allowed_origins = Some(parsed);
    }

    let expires = get(options, "expiresAt");
    if !expires.is_undefined() {
        let time = time_of(&expires);
        if time.is_nan() {
            return Err(invalid(
                "expiresAt",
                "a date, an ISO 8601 string or milliseconds since the epoch",
            ));
        }
        out.expires_at_ms = Some(time);
    }

    if let Some(ms) = optional_number(options, "readyTimeoutMs", 0.0, 2_147_483_647.0)? {
        out.ready_timeout_ms = ms as u32;
    }
    if let Some(z) = optional_number(options, "zIndex", -2_147_483_648.0, 2_147_483_647.0)? {
        out.z_index = z as i32;
    }
    match get(options, "title") {
        v if v.is_undefined() => {}
        v => {
            out.title = v
                .as_string()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| invalid("title", "a non-empty string"))?
        }
    }
    out.hidden = optional_bool(options, "hidden")?;
    out.allow_insecure_localhost = optional_bool(options, "allowInsecureLocalhost")?;

    for (key, topic) in CALLBACK_OPTIONS {
        match get(options, key) {
            v if v.is_undefined() || v.is_null() => {}
            v => listeners.push((
                topic,
                v.dyn_into::<Function>().map_err(|_| invalid(key, "a function"))?,
            )),
        }
    }
    Ok((out, listeners))
}
