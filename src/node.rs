//! `verifyWebhook` and `signWebhook` for JavaScript servers (Node), through wasm.
//!
//! Built with `--no-default-features --features node`: none of the browser code is in it.

use crate::webhooks::{Webhook, WebhookError, WebhookHeaders};
use js_sys::{Function, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The type of a webhook event; unknown future types come through as plain strings. */
export type WebhookEventType =
  | "migration.created" | "migration.started" | "migration.completed"
  | "migration.failed" | "migration_task.failed" | (string & {});

/** A verified webhook delivery's body. */
export interface WebhookEvent {
  id: string;
  object: "event";
  /** ISO 8601, with or without a zone. */
  created: string;
  type: WebhookEventType;
  data: { migration_id: string; object: string; error_message?: string };
}

/** Stable codes of `AnonWebhookError`. */
export type WebhookErrorCode =
  | "MISSING_HEADER" | "INVALID_TIMESTAMP" | "TIMESTAMP_TOO_OLD" | "TIMESTAMP_TOO_NEW"
  | "INVALID_SIGNATURE" | "INVALID_SECRET" | "INVALID_PAYLOAD";

export interface AnonWebhookError extends Error { name: "AnonWebhookError"; code: WebhookErrorCode }

/** Node's `req.headers` (lower-case keys), a Fetch `Headers`, or any `{get(name)}`. */
export type WebhookHeadersInput =
  | Record<string, string | string[] | undefined>
  | { get(name: string): string | null };

/**
 * Verifies a delivery from its raw body (the exact bytes received: never re-serialized JSON),
 * its headers (`svix-*` or `webhook-*`) and the endpoint's signing secret (`whsec_...`).
 * `nowSeconds` defaults to the current time. Returns the typed event or throws an
 * `AnonWebhookError`.
 */
export function verifyWebhook(body: string | Uint8Array, headers: WebhookHeadersInput, secret: string, nowSeconds?: number): WebhookEvent;

/** The `svix-signature` value (`v1,<base64>`) for a delivery: for tests and mock servers. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string | Uint8Array): string;
"#;

fn throw(error: WebhookError) -> JsValue {
    let js = js_sys::Error::new(error.describe());
    js.set_name("AnonWebhookError");
    let _ = Reflect::set(&js, &"code".into(), &error.code().into());
    js.into()
}

fn bytes(body: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = body.as_string() {
        return Ok(text.into_bytes());
    }
    body.dyn_ref::<Uint8Array>()
        .map(Uint8Array::to_vec)
        .ok_or_else(|| throw(WebhookError::InvalidPayload))
}

fn header(headers: &JsValue, name: &str) -> Option<String> {
    let get = Reflect::get(headers, &"get".into()).ok()?;
    let value = match get.dyn_ref::<Function>() {
        Some(get) => get.call1(headers, &name.into()).ok()?,
        None => Reflect::get(headers, &name.into()).ok()?,
    };
    // Node joins repeated headers into an array: take them space-separated, as Svix would.
    if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        let parts: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
        return (!parts.is_empty()).then(|| parts.join(" "));
    }
    value.as_string()
}

/// Verifies a webhook delivery (see the TypeScript declaration).
///
/// # Errors
/// An `AnonWebhookError` with a stable `code`.
#[wasm_bindgen(js_name = verifyWebhook, skip_typescript)]
pub fn verify_webhook(
    body: JsValue,
    headers: JsValue,
    secret: &str,
    now_seconds: Option<f64>,
) -> Result<JsValue, JsValue> {
    let payload = bytes(&body)?;
    if !headers.is_object() {
        return Err(throw(WebhookError::MissingHeader("svix-id")));
    }
    let names = [
        "svix-id",
        "svix-timestamp",
        "svix-signature",
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    ];
    let values: Vec<Option<String>> = names.iter().map(|n| header(&headers, n)).collect();
    let lookup = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| values[i].as_deref())
    };
    let parsed = WebhookHeaders::from_lookup(lookup).map_err(throw)?;
    let now = now_seconds.unwrap_or_else(|| js_sys::Date::now() / 1000.0);
    if !now.is_finite() {
        return Err(throw(WebhookError::InvalidTimestamp));
    }
    let event = Webhook::new(secret)
        .and_then(|hook| hook.verify_event(&payload, &parsed, now.floor() as i64))
        .map_err(throw)?;
    event
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| throw(WebhookError::InvalidPayload))
}

/// Signs a webhook delivery (see the TypeScript declaration).
///
/// # Errors
/// An `AnonWebhookError` (`INVALID_SECRET`, `INVALID_TIMESTAMP`, `INVALID_PAYLOAD`).
#[wasm_bindgen(js_name = signWebhook, skip_typescript)]
pub fn sign_webhook(
    secret: &str,
    id: &str,
    timestamp_seconds: f64,
    body: JsValue,
) -> Result<String, JsValue> {
    if !timestamp_seconds.is_finite() || timestamp_seconds.fract() != 0.0 || timestamp_seconds.abs() > 9.0e15
    {
        return Err(throw(WebhookError::InvalidTimestamp));
    }
    let hook = Webhook::new(secret).map_err(throw)?;
    Ok(hook.sign(id, timestamp_seconds as i64, &bytes(&body)?))
}
