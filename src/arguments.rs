//! Reading `embedAnonModal`'s JavaScript arguments into [`ModalOptions`] (feature `js-api`).
//!
//! `src/js/options.js` checks the URL argument and each option's type in one call (a wrong one
//! gives an `INVALID_OPTION` error naming it and the value given, an unknown key one naming
//! the nearest option; returned rather than thrown, never a silent default); this module
//! decides what the values mean: each `allowedOrigins` entry must parse as an [`Origin`].

use crate::error::{Error, Message};
use crate::option_names::ValueOption;
use crate::options::ModalOptions;
use crate::origin::{AllowList, Origin};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::Document;

#[wasm_bindgen(module = "/src/js/options.js")]
extern "C" {
    /// What `readOptions` returns: the checked values, or `error`.
    type OptionValues;

    #[wasm_bindgen(js_name = readOptions)]
    fn read_option_values(url: &JsValue, options: &JsValue) -> OptionValues;

    #[wasm_bindgen(method, getter)]
    fn error(this: &OptionValues) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn url(this: &OptionValues) -> JsValue;
    /// Each [`ValueOption`]'s value at its number, `undefined` when not given.
    #[wasm_bindgen(method, getter)]
    fn values(this: &OptionValues) -> Array;
    #[wasm_bindgen(method, getter)]
    fn callbacks(this: &OptionValues) -> Array;
    #[wasm_bindgen(method, getter)]
    fn document(this: &OptionValues) -> Document;
}

/// The arguments `embedAnonModal` was given, read.
pub(crate) struct ReadOptions {
    /// The modal URL, a string (taken from the create-modal response when that was given).
    pub url: JsValue,
    /// The options.
    pub options: ModalOptions,
    /// The callback options at their topics' numbers (`undefined` where not given).
    pub callbacks: Array,
    /// The page's document.
    pub document: Document,
}

/// Reads the URL argument (a string, or the create-modal response whose `url` and
/// `expires_at` are taken) and the options object (`undefined` and `null` mean all defaults).
///
/// # Errors
/// An `AnonModalError`: `NO_DOCUMENT` where there is no document, `INVALID_URL` for a URL that
/// is no string, `INVALID_OPTION` for a wrongly typed or unknown option, `INVALID_ORIGIN` for
/// an `allowedOrigins` entry that is not an origin.
pub(crate) fn read_options(url: &JsValue, options: &JsValue) -> Result<ReadOptions, JsValue> {
    let values = read_option_values(url, options);
    let error = values.error();
    if !error.is_undefined() {
        return Err(error);
    }
    let given = values.values();
    let mut out = ModalOptions::default();
    for option in ValueOption::ALL {
        let value = given.get(option as u32);
        // Not given: `ModalOptions::default`'s.
        if value.is_undefined() {
            continue;
        }
        // `readOptions` checked each value's type with its option's reader (`Takes`), and a
        // whole number's range.
        let number = || value.as_f64().unwrap_or_default();
        match option {
            ValueOption::Container => out.container = Some(value.unchecked_into()),
            ValueOption::AllowedOrigins => out.allowed_origins = Some(allow_list(value)?),
            ValueOption::ExpiresAt => out.expires_at_ms = value.as_f64(),
            ValueOption::ReadyTimeoutMs => out.ready_timeout_ms = number() as u32,
            ValueOption::ZIndex => out.z_index = number() as i32,
            ValueOption::Title => out.title = value.as_string().unwrap_or_default(),
            ValueOption::Hidden => out.hidden = value.is_truthy(),
            ValueOption::AllowInsecureLocalhost => out.allow_insecure_localhost = value.is_truthy(),
            ValueOption::InertPage => out.inert_page = value.is_truthy(),
        }
    }
    Ok(ReadOptions {
        url: values.url(),
        options: out,
        callbacks: values.callbacks(),
        document: values.document(),
    })
}

/// `allowedOrigins`' entries, strings, each parsed as an origin.
fn allow_list(entries: JsValue) -> Result<AllowList, JsValue> {
    let mut allowed = AllowList::default();
    for value in entries.unchecked_into::<Array>().iter() {
        let text = value.as_string().unwrap_or_default();
        let origin =
            Origin::parse_js(&text, &value).map_err(|why| Error::new(Message::NotAnOrigin(why), text))?;
        allowed.push(origin);
    }
    Ok(allowed)
}
