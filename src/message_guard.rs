//! The message guard: decides whether a `window` `message` event really comes from our modal.
//!
//! Checks run cheapest first and stop at the first failure:
//! 1. `event.source` is our iframe's `contentWindow` (one `===`);
//! 2. `event.origin` is exactly one of the allowed origins (`===` on canonical strings);
//! 3. `event.data` is a plain object whose `source` is `"anon_modal"`;
//! 4. `event.data.event` passes the [schema](crate::schema).
//!
//! No string from the message is copied into Rust before the first two checks pass.

use crate::origin::AllowList;
use crate::schema::{Kind, Schema, ValidEvent};
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Why a message was dropped; handed to `onReject` as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RejectReason {
    /// `event.source` is not our iframe's window (another frame, a popup, the page, `null`).
    Source,
    /// `event.origin` is not an allowed origin (including `"null"` and the host's own origin).
    Origin,
    /// `event.data` is not an object tagged `source: "anon_modal"` (another library's message).
    Tag,
    /// The tagged message does not match the schema (wrong field types, missing `type`).
    Schema,
    /// The message is over a size cap (fields, string length, nesting).
    TooLarge,
}

impl RejectReason {
    /// Every reason.
    pub const ALL: [RejectReason; 5] = [
        RejectReason::Source,
        RejectReason::Origin,
        RejectReason::Tag,
        RejectReason::Schema,
        RejectReason::TooLarge,
    ];

    /// The reason [`RejectReason::as_str`] names, e.g. `"ORIGIN"`.
    pub fn from_name(name: &str) -> Option<RejectReason> {
        RejectReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == name)
    }

    /// The reason as JavaScript sees it, e.g. `"ORIGIN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Source => "SOURCE",
            RejectReason::Origin => "ORIGIN",
            RejectReason::Tag => "TAG",
            RejectReason::Schema => "SCHEMA",
            RejectReason::TooLarge => "TOO_LARGE",
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// A `MessageEvent` read through getters that return raw `JsValue`s (no string copies).
    type RawMessageEvent;
    #[wasm_bindgen(method, getter)]
    fn source(this: &RawMessageEvent) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn origin(this: &RawMessageEvent) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn data(this: &RawMessageEvent) -> JsValue;
}

/// Checks messages against one iframe's window and an origin allow-list.
#[derive(Debug)]
pub struct MessageGuard {
    /// Our iframe's window; `None` when it has none (then every message is dropped).
    window: Option<JsValue>,
    /// The allowed origins, as JS strings (one `includes` call per message).
    origins: Array,
    tag: JsValue,
    source_key: JsValue,
    event_key: JsValue,
    /// [`RejectReason::ALL`]'s names, in that order.
    reasons: Array,
    schema: Schema,
}

impl MessageGuard {
    /// A guard accepting messages from `window` (an iframe's `contentWindow`; with `None`,
    /// none) on `allowed` origins.
    pub fn new(window: Option<JsValue>, allowed: &AllowList) -> Self {
        // `MESSAGE_TAG`, the envelope's keys and the schema's strings, made in JavaScript.
        let keys = crate::frame::message_keys();
        MessageGuard {
            window,
            origins: allowed.as_slice().iter().map(|o| JsValue::from_str(o)).collect(),
            tag: keys.get_unchecked(0),
            source_key: keys.get_unchecked(1),
            event_key: keys.get_unchecked(2),
            reasons: keys.get_unchecked(8).unchecked_into(),
            schema: Schema::from_keys(&keys),
        }
    }

    /// `reason`'s name, as `onReject` gets it (see [`RejectReason::as_str`]).
    pub fn reason_name(&self, reason: RejectReason) -> JsValue {
        self.reasons.get_unchecked(reason as u32)
    }

    /// Checks one `message` event.
    ///
    /// # Errors
    /// The first check that failed.
    pub fn check(&self, event: &web_sys::Event) -> Result<ValidEvent, RejectReason> {
        let event: &RawMessageEvent = event.unchecked_ref();
        match &self.window {
            Some(window) if event.source() == *window => {}
            _ => return Err(RejectReason::Source),
        }
        let origin = event.origin();
        if !self.origins.includes(&origin, 0) {
            return Err(RejectReason::Origin);
        }
        let data = event.data();
        if Kind::of(&data) != Kind::Plain {
            return Err(RejectReason::Tag);
        }
        let tag = crate::frame::field(&data, &self.source_key);
        if tag != self.tag {
            return Err(RejectReason::Tag);
        }
        let inner = crate::frame::field(&data, &self.event_key);
        self.schema.read_event(&inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reject_reasons_are_found_by_the_names_javascript_sees() {
        for reason in RejectReason::ALL {
            assert_eq!(RejectReason::from_name(reason.as_str()), Some(reason));
        }
        assert_eq!(RejectReason::from_name("origin"), None);
        // `MessageGuard::reason_name` looks a reason up at its number in `messageKeys`' list,
        // which is in `ALL`'s order.
        for (number, reason) in RejectReason::ALL.into_iter().enumerate() {
            assert_eq!(reason as usize, number, "{reason:?}");
        }
        assert_eq!(RejectReason::from_name(""), None);
    }
}
