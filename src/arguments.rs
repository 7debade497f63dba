//! Reading `embedAnonModal`'s JavaScript arguments into [`ModalOptions`] (feature `js-api`).
//!
//! `src/js/options.js` checks the URL argument and each option's type in one call (a wrong one
//! gives an `INVALID_OPTION` error naming it and the value given, an unknown key one naming
//! the nearest option; returned rather than thrown, never a silent default); this module
//! decides what the values mean: each `allowedOrigins` entry must parse as an [`Origin`].

use crate::error::{Error, Message};
use crate::options::ModalOptions;
use crate::origin::{AllowList, Origin};
use alloc::string::String;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

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
    #[wasm_bindgen(method, getter)]
    fn container(this: &OptionValues) -> Option<Element>;
    #[wasm_bindgen(method, getter, js_name = allowedOrigins)]
    fn allowed_origins(this: &OptionValues) -> Option<Array>;
    // The numbers are NaN when not given: a plain `f64` crosses the seam without a slot in wasm
    // memory, as an `Option<f64>` would need.
    #[wasm_bindgen(method, getter, js_name = expiresAtMs)]
    fn expires_at_ms(this: &OptionValues) -> f64;
    #[wasm_bindgen(method, getter, js_name = readyTimeoutMs)]
    fn ready_timeout_ms(this: &OptionValues) -> f64;
    #[wasm_bindgen(method, getter, js_name = zIndex)]
    fn z_index(this: &OptionValues) -> f64;
    #[wasm_bindgen(method, getter)]
    fn title(this: &OptionValues) -> Option<String>;
    // `None` when not given, so that the default is `ModalOptions::default`'s alone.
    #[wasm_bindgen(method, getter)]
    fn hidden(this: &OptionValues) -> Option<bool>;
    #[wasm_bindgen(method, getter, js_name = allowInsecureLocalhost)]
    fn allow_insecure_localhost(this: &OptionValues) -> Option<bool>;
    #[wasm_bindgen(method, getter, js_name = inertPage)]
    fn inert_page(this: &OptionValues) -> Option<bool>;
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
    let given = |n: f64| Some(n).filter(|n| !n.is_nan());
    let defaults = ModalOptions::default();
    let mut out = ModalOptions {
        container: values.container(),
        expires_at_ms: given(values.expires_at_ms()),
        hidden: values.hidden().unwrap_or(defaults.hidden),
        allow_insecure_localhost: values
            .allow_insecure_localhost()
            .unwrap_or(defaults.allow_insecure_localhost),
        inert_page: values.inert_page().unwrap_or(defaults.inert_page),
        ..defaults
    };
    if let Some(origins) = values.allowed_origins() {
        let mut allowed = AllowList::default();
        for value in origins.iter() {
            let text = value.as_string().unwrap_or_default();
            let origin =
                Origin::parse_js(&text, &value).map_err(|why| Error::new(Message::NotAnOrigin(why), text))?;
            allowed.push(origin);
        }
        out.allowed_origins = Some(allowed);
    }
    // `readOptions` checked both: whole numbers within range.
    if let Some(ms) = given(values.ready_timeout_ms()) {
        out.ready_timeout_ms = ms as u32;
    }
    if let Some(z) = given(values.z_index()) {
        out.z_index = z as i32;
    }
    if let Some(title) = values.title() {
        out.title = title;
    }
    Ok(ReadOptions {
        url: values.url(),
        options: out,
        callbacks: values.callbacks(),
        document: values.document(),
    })
}
