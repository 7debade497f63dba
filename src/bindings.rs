//! The JavaScript API: `embedAnonModal(url, options)` and the `AnonModal` handle it returns.
//!
//! A thin layer over [`crate::modal`]: it converts arguments, throws `AnonModalError`s and
//! declares the precise TypeScript types (the generated `.d.ts` has no `any`).
//!
//! The handle is a plain JavaScript object made by `src/handle.js`, not a wasm-bindgen class:
//! its listeners go to the modal's emitter (JavaScript already), and its `show`, `hide` and
//! `destroy` reach Rust through the modal's own listener, as numbers no message can be. With
//! no exported class, the package has no class glue, no per-method export and no
//! `FinalizationRegistry` for handles: 534 B less (666 B with the shipped std). After teardown
//! its commands do nothing.

use crate::emitter::Emitter;
use crate::error::{Error, Message};
use crate::modal::Shared;
use crate::options::read_options;
use crate::schema::Kind;
use js_sys::Promise;
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

/**
 * A mounted modal. A frozen object: its methods need no `this`, and after the modal is torn
 * down `show`, `hide` and `destroy` do nothing.
 */
export interface AnonModal {
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

#[wasm_bindgen(module = "/src/handle.js")]
extern "C" {
    /// The `AnonModal` handle of a modal just mounted.
    #[wasm_bindgen(js_name = handle)]
    fn make_handle(
        link: &crate::frame::Link,
        emitter: &Emitter,
        iframe: &HtmlIFrameElement,
        settled: &Promise,
        callbacks: &js_sys::Array,
    ) -> JsValue;
}

/// Mounts the Anon migration modal (see the TypeScript declaration above). `dispatcher` is a
/// JavaScript function that hands its argument to [`dispatch`]: the package's entry
/// (`npm/index.js`) passes the exported `dispatch` itself.
///
/// # Errors
/// An `AnonModalError` with a stable `code`.
#[wasm_bindgen(js_name = embedAnonModal, skip_typescript)]
pub fn embed_anon_modal(url: JsValue, options: JsValue, dispatcher: JsValue) -> Result<JsValue, JsValue> {
    if !matches!(Kind::of(&url), Kind::Text(_)) {
        return Err(Error::fixed(Message::UrlNotString).into());
    }
    let (options, callbacks, document) = read_options(&options)?;
    // The modal keeps itself alive until torn down; this handle needs no Rust owner.
    let shared = Shared::mount(&document, &url, options, &dispatcher)?;

    // A modal just mounted always listens: the `None` arm never runs.
    let handle = shared.link().map(|link| {
        make_handle(
            &link,
            &shared.emitter,
            shared.iframe(),
            shared.settled(),
            &callbacks,
        )
    });
    Ok(handle.unwrap_or_default())
}

/// Hands what a modal's listener heard to the modal that is listening: a `message` event
/// with `signal` 0, or the number of a command or of the ready timer (`src/frame.js`).
/// Exported so that the listener calls into wasm without a Rust closure: with none, the
/// package ships none of wasm-bindgen's closure machinery.
#[wasm_bindgen(skip_typescript)]
pub fn dispatch(event: JsValue, signal: u32) {
    crate::modal::dispatch(event, signal);
}

/// What Rust callers pass to [`embed_anon_modal`] as its `dispatcher` (the package's entry
/// passes the exported [`dispatch`] itself): a JavaScript function, owned by the garbage
/// collector, that hands its arguments to [`dispatch`]. The modal's listener holds it until
/// teardown.
pub fn dispatcher() -> JsValue {
    Closure::<dyn Fn(JsValue, u32)>::new(dispatch).into_js_value()
}
