//! The JavaScript API: `embedAnonModal(url, options)`, the `AnonModal` handle it returns, and
//! the entry points through which the page reaches the mounted modal.
//!
//! Only exports: the decisions are made in [`crate::modal`], and the handle is a plain
//! JavaScript object made by `src/js/handle.js`. The package's public TypeScript types are
//! `npm/index.d.ts` (their unions generated from the Rust definitions); the declarations
//! wasm-bindgen writes for these exports are internal.

use crate::arguments::read_options;
use crate::emitter::Emitter;
use crate::modal::{commands, Shared};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::HtmlIFrameElement;

#[wasm_bindgen(module = "/src/js/handle.js")]
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

/// Mounts the Anon migration modal (`embedAnonModal` in `npm/index.d.ts`) on `url`, a string
/// or the create-modal response (`{ url, expires_at }`). `commands` is the
/// object whose functions the modal's listener, ready timer and handle call: the package's
/// entry (`npm/index.js`) passes this module's exports [`on_message`], [`on_ready_timeout`],
/// [`on_dismiss`], [`on_frame_blocked`], [`show_modal`], [`hide_modal`] and [`destroy_modal`]
/// under the names `message`, `timeout`, `dismiss`, `blocked`, `show`, `hide` and `destroy`;
/// [`rust_commands`] makes the same for Rust callers.
///
/// # Errors
/// An `AnonModalError` with a stable `code`.
#[wasm_bindgen(js_name = embedAnonModal)]
pub fn embed_anon_modal(url: JsValue, options: JsValue, commands: JsValue) -> Result<JsValue, JsValue> {
    let read = read_options(&url, &options)?;
    // The modal keeps itself alive until torn down; this handle needs no Rust owner.
    let shared = Shared::mount(&read.document, &read.url, read.options, &commands)?;

    Ok(make_handle(
        shared.link(),
        &shared.emitter,
        shared.iframe(),
        shared.settled(),
        &read.callbacks,
    ))
}

/// A `message` event of the page, for the mounted modal.
#[wasm_bindgen(js_name = onMessage)]
pub fn on_message(event: JsValue) {
    commands::message(&event);
}

/// The mounted modal's ready time is up.
#[wasm_bindgen(js_name = onReadyTimeout)]
pub fn on_ready_timeout() {
    commands::timeout();
}

/// Escape was pressed in the page while the mounted modal was not ready.
#[wasm_bindgen(js_name = onDismiss)]
pub fn on_dismiss() {
    commands::dismiss();
}

/// The page's Content-Security-Policy refused a load under `directive` (a
/// `securitypolicyviolation` event's `effectiveDirective` and `blockedURI`) while the mounted
/// modal was not ready.
#[wasm_bindgen(js_name = onFrameBlocked)]
pub fn on_frame_blocked(directive: JsValue, blocked_uri: JsValue) {
    commands::blocked(&directive, &blocked_uri);
}

/// Shows the mounted modal (the handle's `show()`).
#[wasm_bindgen(js_name = showModal)]
pub fn show_modal() {
    commands::show();
}

/// Hides the mounted modal (the handle's `hide()`).
#[wasm_bindgen(js_name = hideModal)]
pub fn hide_modal() {
    commands::hide();
}

/// Destroys the mounted modal (the handle's `destroy()`).
#[wasm_bindgen(js_name = destroyModal)]
pub fn destroy_modal() {
    commands::destroy();
}

/// The commands object for callers without the package's entry (Rust code, tests): closures
/// over this module's exports, owned by the JavaScript garbage collector.
pub fn rust_commands() -> JsValue {
    crate::modal::rust_commands()
}
