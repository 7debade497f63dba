//! The wasm core of the npm package's server entry (`anon-modal/server`), for `npm/server.js`
//! only: verifying and signing deliveries with [`crate::webhooks`].
//!
//! Built with `--no-default-features --features npm-server`: none of the browser code is in it.
//! Every error crosses to JavaScript as an array `[code, message]`, which the entry turns into
//! its `AnonWebhookError`; codes and messages come from [`WebhookError`], but for three messages
//! only a JavaScript caller gets: `INVALID_PAYLOAD`'s with serde's reason, and
//! `INVALID_SIGNATURE`'s for an empty body and for a body still in base64.

use crate::models::{Timestamp, WebhookEvent};
use crate::webhooks::{Header, Signer, Verifier, WebhookError, WebhookHeaders};
use wasm_bindgen::prelude::*;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// `[code, message]`, as every error crosses to JavaScript.
fn js_error(error: WebhookError, message: &str) -> JsValue {
    js_sys::Array::of2(&error.code().into(), &message.into()).into()
}

fn to_js(error: WebhookError) -> JsValue {
    js_error(error, error.describe())
}

/// How a Next.js pages/api route keeps its body from the body parser: this module's empty-body
/// message and the JavaScript entry's own body messages ([`next_pages_raw_body`]) name it.
macro_rules! next_pages_raw_body {
    () => {
        "in a Next.js pages/api route, export const config = { api: { bodyParser: false } }"
    };
}

/// `INVALID_SIGNATURE`'s message for an empty body: Anon sends none, so the request had none or
/// something read it first.
const EMPTY_BODY: &str = concat!(
    "No signature matches the body, which is empty: the request had none, or something read it before it was verified (a body parser; ",
    next_pages_raw_body!(),
    "; in a Vercel function, read it with req.on(\"data\") as the Node example does)."
);
/// `INVALID_SIGNATURE`'s message when the body is the base64 of what was signed.
const BASE64_BODY: &str = "No signature matches the body, but one matches the bytes it encodes in base64: decode the body before verifying it (in AWS Lambda, Buffer.from(event.body, \"base64\") when event.isBase64Encoded).";

/// Whether `body`, which no signature matches, is base64 whose bytes a signature does match:
/// a body handed over still encoded (AWS Lambda encodes a body it cannot tell is text).
fn signed_once_decoded(verifier: &Verifier, body: &[u8], headers: &WebhookHeaders<'_>, now: i64) -> bool {
    use base64::Engine;
    // Only what an event's base64 starts with, `{` (`e…`) or a byte order mark (`77u/`): no
    // other body costs a decode and a second verification.
    (body.starts_with(b"e") || body.starts_with(b"77u/"))
        && base64::engine::general_purpose::STANDARD
            .decode(body)
            .is_ok_and(|bytes| verifier.verify(&bytes, headers, now).is_ok())
}

/// `INVALID_PAYLOAD`'s `[code, message]`, the message saying `why` (serde's reason, which names
/// the field) after what went wrong; a long reason (it may quote the body) is cut short.
fn invalid_payload(why: &str) -> JsValue {
    const LONGEST: usize = 200;
    let mut why = why.to_owned();
    if let Some((cut, _)) = why.char_indices().nth(LONGEST) {
        why.truncate(cut);
        why.push('…');
    }
    let error = WebhookError::InvalidPayload;
    js_error(error, &error.describe_because(&why))
}

/// A whole number of seconds from a JavaScript number, or `None` when it is not a safe integer.
fn safe_integer(value: f64) -> Option<i64> {
    // `as` is exact here: the value is an integer within ±2^53.
    (value.fract() == 0.0 && value.abs() <= MAX_SAFE_INTEGER).then_some(value as i64)
}

/// A verifier with its keys decoded once (`Verifier` in JavaScript).
#[wasm_bindgen(js_name = Verifier)]
#[derive(Debug)]
pub struct JsVerifier {
    inner: Verifier,
}

#[wasm_bindgen(js_class = Verifier)]
impl JsVerifier {
    /// Decodes `keys` (`whsec_…` or `whpk_…`; any of them may match). `toleranceSeconds` and
    /// `maxBodyBytes`, `undefined` for the defaults, come checked by `npm/server.js`, which
    /// names the option of one out of range.
    ///
    /// # Errors
    /// `["INVALID_SECRET", message]` for an empty list or an invalid key.
    #[wasm_bindgen(constructor)]
    pub fn new(
        keys: Vec<String>,
        tolerance_seconds: Option<u32>,
        max_body_bytes: Option<u32>,
    ) -> Result<JsVerifier, JsValue> {
        let mut inner = Verifier::with_keys(&keys).map_err(to_js)?;
        if let Some(secs) = tolerance_seconds {
            inner = inner.with_tolerance(secs);
        }
        if let Some(bytes) = max_body_bytes {
            inner = inner.with_max_body_bytes(bytes);
        }
        Ok(JsVerifier { inner })
    }

    /// The largest body, in bytes, [`JsVerifier::verify`] reads.
    #[wasm_bindgen(getter = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> u32 {
        self.inner.max_body_bytes()
    }

    /// Refuses, as [`JsVerifier::verify`] does, a body of `bytes` bytes (or more) beyond the
    /// limit: a string's UTF-8 is at least as long as the string, so one checked by its length
    /// is refused before it is encoded.
    ///
    /// # Errors
    /// `["PAYLOAD_TOO_LARGE", message]`.
    #[wasm_bindgen(js_name = checkSize)]
    pub fn check_size(&self, bytes: f64) -> Result<(), JsValue> {
        // A number, not a `u32`, which a length of 4 GiB or more would wrap into; `as`
        // saturates, and a length is a whole number below 2^53.
        self.inner.check_body_size(bytes as u64).map_err(to_js)
    }

    /// Verifies a delivery: its raw `body`, its header values in the order svix-id,
    /// svix-timestamp, svix-signature, webhook-id, webhook-timestamp, webhook-signature
    /// (`undefined` or `null` when absent), and the time in Unix seconds (floored). With
    /// `parseEvent`, the body must also be an Anon event.
    ///
    /// The body is copied into the wasm's memory, which never shrinks, only once it is within
    /// the limit.
    ///
    /// # Errors
    /// `[code, message]` for every [`WebhookError`].
    pub fn verify(
        &self,
        body: &js_sys::Uint8Array,
        headers: Vec<JsValue>,
        now_seconds: f64,
        parse_event: bool,
    ) -> Result<(), JsValue> {
        // `length()` is a `u32`, which a body of 4 GiB or more would wrap into: read it whole.
        let length = js_sys::Reflect::get(body, &JsValue::from_str("length"))
            .ok()
            .and_then(|l| l.as_f64());
        self.check_size(length.unwrap_or(f64::INFINITY))?;
        let body = body.to_vec();
        let mut values: Vec<(&str, String)> = Vec::with_capacity(Header::NAMES.len());
        for (i, name) in Header::NAMES.iter().enumerate() {
            let Some(value) = headers.get(i).filter(|v| !v.is_undefined() && !v.is_null()) else {
                continue;
            };
            let text = value
                .as_string()
                .ok_or_else(|| to_js(WebhookError::InvalidHeader(Header::ALL[i % 3])))?;
            values.push((name, text));
        }
        let parsed =
            WebhookHeaders::from_pairs(values.iter().map(|(n, v)| (*n, v.as_str()))).map_err(to_js)?;
        if !now_seconds.is_finite() {
            return Err(to_js(WebhookError::InvalidTimestamp));
        }
        // Saturating: a clock beyond i64 is then refused, never wrapped.
        let now = now_seconds.floor() as i64;
        match self.inner.verify(&body, &parsed, now) {
            Err(WebhookError::InvalidSignature) if body.is_empty() => {
                Err(js_error(WebhookError::InvalidSignature, EMPTY_BODY))
            }
            Err(WebhookError::InvalidSignature) if signed_once_decoded(&self.inner, &body, &parsed, now) => {
                Err(js_error(WebhookError::InvalidSignature, BASE64_BODY))
            }
            verdict => verdict.map_err(to_js),
        }?;
        if parse_event {
            // `Verifier::verify_event`, with serde's reason kept for the message.
            WebhookEvent::from_json(&body).map_err(|why| invalid_payload(&why.to_string()))?;
        }
        Ok(())
    }
}

/// The signature header's entry for a delivery: `v1,…` for a `whsec_` key, `v1a,…` for a
/// `whsk_` key.
///
/// # Errors
/// `["INVALID_SECRET", message]` for an invalid key, `["INVALID_TIMESTAMP", message]` when
/// `timestampSeconds` is not a whole number of seconds from 0 to 2^53 - 1.
#[wasm_bindgen]
pub fn sign(key: &str, id: &str, timestamp_seconds: f64, body: &[u8]) -> Result<String, JsValue> {
    let signer = Signer::new(key).map_err(to_js)?;
    let timestamp = safe_integer(timestamp_seconds)
        .filter(|t| *t >= 0)
        .ok_or_else(|| to_js(WebhookError::InvalidTimestamp))?;
    Ok(signer.sign(id, timestamp, body))
}

/// The `whpk_…` public key of a `whsk_…` secret key.
///
/// # Errors
/// `["INVALID_SECRET", message]` when `secretKey` is not a valid `whsk_` key.
#[wasm_bindgen(js_name = publicKey)]
pub fn public_key(secret_key: &str) -> Result<String, JsValue> {
    Signer::new(secret_key)
        .ok()
        .and_then(|signer| signer.public_key())
        .ok_or_else(|| to_js(WebhookError::InvalidSecret))
}

/// The instant of an Anon timestamp ([`Timestamp::parse`]: a time without a zone is UTC), in
/// milliseconds since the epoch; NaN for text that is not one.
#[wasm_bindgen(js_name = timestampMillis)]
pub fn timestamp_millis(text: &str) -> f64 {
    Timestamp::parse(text).map_or(f64::NAN, |at| at.unix_millis() as f64)
}

/// [`crate::clock::SECONDS_BELOW`]: a clock given in seconds that far from 1970, either way, is
/// in milliseconds.
#[wasm_bindgen(js_name = secondsBelow)]
pub fn seconds_below() -> f64 {
    crate::clock::SECONDS_BELOW as f64
}

/// How a Next.js pages/api route keeps its body unread, for the JavaScript entry's messages
/// about a body a framework parsed: written once, here.
#[wasm_bindgen(js_name = nextPagesRawBody)]
pub fn next_pages_raw_body() -> String {
    next_pages_raw_body!().to_owned()
}

/// Every error code, in [`WebhookError::ALL`]'s order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    WebhookError::ALL.iter().map(|e| e.code().to_owned()).collect()
}
