//! The JavaScript API: `embedAnonModal(url, options)` and the `AnonModal` class.
//!
//! A thin layer over [`crate::modal`]: it converts arguments, throws `AnonModalError`s and
//! declares the precise TypeScript types (the generated `.d.ts` has no `any`).

use crate::emitter::Topic;
use crate::error::{Error, ErrorCode};
use crate::modal::{AnonModal, Shared};
use crate::options::read_options;
use js_sys::{Function, Promise};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlIFrameElement;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The public event types the modal sends. */
export type ModalEventType =
  | "migration_modal.opened"
  | "migration_modal.completed"
  | "migration_modal.closed"
  | "migration_modal.failed";

/** Context fields the modal may send with any event. Unknown extra fields are kept as data. */
export interface ModalEventContext {
  user_id?: string | null;
  migration_id?: string | null;
  modal_id?: string | null;
  source_provider?: string | null;
  [field: string]: unknown;
}
export interface ModalOpenedEvent extends ModalEventContext { type: "migration_modal.opened" }
export interface ModalCompletedEvent extends ModalEventContext { type: "migration_modal.completed" }
export interface ModalClosedEvent extends ModalEventContext {
  type: "migration_modal.closed";
  /** `"destroyed"` when `destroy()` settled the modal (only ever seen on `settled`). */
  reason?: "destroyed";
}
export interface ModalFailedEvent extends ModalEventContext {
  type: "migration_modal.failed";
  /** `"TIMEOUT"` when the modal did not open within `readyTimeoutMs`. */
  code?: string | null;
  message?: string | null;
  error_message?: string | null;
}
/** An event type this version does not know yet (delivered to `onEvent` / `"*"` only). */
export interface ModalUnknownEvent extends ModalEventContext { type: string }
/** Any public event. */
export type ModalEvent = ModalOpenedEvent | ModalCompletedEvent | ModalClosedEvent | ModalFailedEvent;
/** What `settled` resolves with. */
export type ModalSettledEvent = ModalCompletedEvent | ModalClosedEvent | ModalFailedEvent;

/** The event each `on()` name delivers. */
export interface ModalEventMap {
  "migration_modal.opened": ModalOpenedEvent;
  "migration_modal.completed": ModalCompletedEvent;
  "migration_modal.closed": ModalClosedEvent;
  "migration_modal.failed": ModalFailedEvent;
  "*": ModalEvent | ModalUnknownEvent;
}

/** Why a message was dropped. */
export type RejectReason = "SOURCE" | "ORIGIN" | "TAG" | "SCHEMA" | "TOO_LARGE";

/** The stable codes of errors thrown by this library. */
export type AnonModalErrorCode =
  | "INVALID_URL" | "ORIGIN_NOT_ALLOWED" | "INVALID_ORIGIN" | "EXPIRED"
  | "NO_DOCUMENT" | "NOT_INITIALIZED" | "INVALID_OPTION" | "INVALID_ARGUMENT";

/** The errors `embedAnonModal` and `AnonModal` methods throw. */
export interface AnonModalError extends Error {
  name: "AnonModalError";
  code: AnonModalErrorCode;
}

export interface EmbedOptions {
  /** Mount inside this element (or the first match of this selector) instead of fullscreen. */
  container?: HTMLElement | string;
  /** Origins the modal may message from; default: exactly the URL's origin. */
  allowedOrigins?: readonly string[];
  /** From the create-modal response: refuse to mount (`EXPIRED`) once past. */
  expiresAt?: string | Date | number;
  /** No `opened`/`show` within this many ms: `failed` with code `TIMEOUT`. 0 waits forever. Default 30000. */
  readyTimeoutMs?: number;
  /** The fullscreen overlay's z-index. */
  zIndex?: number;
  /** The iframe's accessible title. */
  title?: string;
  /** Mount without showing; the modal's `show` message or `modal.show()` reveals it. */
  hidden?: boolean;
  /** Allow `http:` on loopback hosts (local development only). */
  allowInsecureLocalhost?: boolean;
  onOpened?: (event: ModalOpenedEvent) => void;
  onCompleted?: (event: ModalCompletedEvent) => void;
  onClosed?: (event: ModalClosedEvent) => void;
  onFailed?: (event: ModalFailedEvent) => void;
  /** Every public event, including types this version does not know. */
  onEvent?: (event: ModalEvent | ModalUnknownEvent) => void;
  /** Every dropped message, with the reason (a debugging aid). */
  onReject?: (reason: RejectReason, event: MessageEvent) => void;
}

/** A mounted modal. */
export class AnonModal {
  private constructor();
  /** Releases the handle (the modal itself lives on until closed or destroyed). */
  free(): void;
  /** The modal's iframe. */
  readonly iframe: HTMLIFrameElement;
  /** Resolves with the first completed, failed or closed event. */
  readonly settled: Promise<ModalSettledEvent>;
  /** `true` once the modal was torn down. */
  readonly destroyed: boolean;
  /** Listens to one event type (or `"*"` for all); returns a function that unsubscribes. */
  on<K extends keyof ModalEventMap>(type: K, callback: (event: ModalEventMap[K]) => void): () => void;
  /** Like `on`, for the next event of that type only. */
  once<K extends keyof ModalEventMap>(type: K, callback: (event: ModalEventMap[K]) => void): () => void;
  /** Removes a callback added with `on` or `once`. */
  off<K extends keyof ModalEventMap>(type: K, callback: (event: ModalEventMap[K]) => void): void;
  /** Shows the modal: locks page scroll and moves focus into it. */
  show(): void;
  /** Hides the modal; it keeps running. */
  hide(): void;
  /** Removes the modal now, with no callback; safe to call twice. */
  destroy(): void;
}

/**
 * Mounts the Anon migration modal for a signed `url` that your server got from
 * `POST /api/v1/migration-modal`. Throws an `AnonModalError` on a bad URL or option.
 */
export function embedAnonModal(url: string, options?: EmbedOptions): AnonModal;
"#;

/// A mounted modal, as JavaScript sees it (`AnonModal`).
#[wasm_bindgen(js_name = AnonModal, skip_typescript)]
#[derive(Debug)]
pub struct JsAnonModal {
    shared: Rc<Shared>,
}

fn topic_argument(shared: &Shared, name: &JsValue) -> Result<Topic, JsValue> {
    shared.topic_of(name).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidArgument,
            &["unknown event type: use migration_modal.opened, .completed, .closed, .failed or \"*\""],
        )
        .into()
    })
}

fn function_argument(callback: JsValue) -> Result<Function, JsValue> {
    callback
        .dyn_into::<Function>()
        .map_err(|_| Error::new(ErrorCode::InvalidArgument, &["the callback must be a function"]).into())
}

#[wasm_bindgen(js_class = AnonModal)]
impl JsAnonModal {
    fn subscribe(&self, name: JsValue, callback: JsValue, once: bool) -> Result<Function, JsValue> {
        let topic = topic_argument(&self.shared, &name)?;
        // The unsubscribe function holds the listener list, not the modal: calling it after
        // destroy() is a harmless no-op.
        Ok(self
            .shared
            .emitter
            .add(topic, &function_argument(callback)?, once))
    }

    /// Listens to one event type; returns an unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn on(&self, name: JsValue, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(name, callback, false)
    }

    /// Listens to the next event of one type; returns an unsubscribe function.
    #[wasm_bindgen(skip_typescript)]
    pub fn once(&self, name: JsValue, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(name, callback, true)
    }

    /// Removes a callback added with `on` or `once`.
    #[wasm_bindgen(skip_typescript)]
    pub fn off(&self, name: JsValue, callback: JsValue) -> Result<(), JsValue> {
        let topic = topic_argument(&self.shared, &name)?;
        self.shared.emitter.remove(topic, &callback);
        Ok(())
    }

    /// Shows the modal.
    #[wasm_bindgen(skip_typescript)]
    pub fn show(&self) {
        self.shared.request_visibility(true);
    }

    /// Hides the modal.
    #[wasm_bindgen(skip_typescript)]
    pub fn hide(&self) {
        self.shared.request_visibility(false);
    }

    /// Tears the modal down; idempotent.
    #[wasm_bindgen(skip_typescript)]
    pub fn destroy(&self) {
        self.shared.destroy();
    }

    /// `true` once torn down.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn destroyed(&self) -> bool {
        self.shared.is_destroyed()
    }

    /// The iframe element.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn iframe(&self) -> HtmlIFrameElement {
        self.shared.iframe().clone()
    }

    /// Resolves with the first terminal event.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn settled(&self) -> Promise {
        self.shared.settled().clone()
    }
}

/// Mounts the Anon migration modal (see the TypeScript declaration above).
///
/// # Errors
/// An `AnonModalError` with a stable `code`.
#[wasm_bindgen(js_name = embedAnonModal, skip_typescript)]
pub fn embed_anon_modal(url: JsValue, options: JsValue) -> Result<JsAnonModal, JsValue> {
    let url = url
        .as_string()
        .ok_or_else(|| Error::new(ErrorCode::InvalidUrl, &["the modal URL must be a string"]))?;
    let document = crate::frame::page_document();
    let (options, listeners) = read_options(&options, document.as_ref())?;
    let modal = AnonModal::embed(&url, options)?;
    let shared = Rc::clone(modal.shared());
    for (topic, function) in listeners {
        shared.emitter.add(topic, &function, false);
    }
    modal.detach();
    Ok(JsAnonModal { shared })
}

impl From<AnonModal> for JsAnonModal {
    fn from(modal: AnonModal) -> Self {
        let shared = Rc::clone(modal.shared());
        modal.detach();
        JsAnonModal { shared }
    }
}
