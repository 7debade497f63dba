//! Browser tests of the JavaScript and Rust APIs: run in Chromium, Firefox and WebKit
//! (docs/engines.md).
//!
//! Each case of docs/security.md "Messages" and "The modal URL" has a test here, named
//! after its number, asserting what the page would see: which callbacks ran (none, for a
//! dropped message), which reason `onReject` got, or which error code was thrown.
#![cfg(target_arch = "wasm32")]

#[path = "../common/mod.rs"]
mod common;
mod dialogs;
mod errors;
mod feedback;
mod flow;
mod lifecycle;
mod overlay;
mod page;
mod payloads;
mod prototypes;
mod reentry;
mod rust_api;
mod scroll;
mod sources;
mod url_argument;
mod urls;

use common::*;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

pub(crate) fn opened() -> JsValue {
    envelope(
        "migration_modal.opened",
        &[("data", data(&[("user_id", "u_1".into())]))],
    )
}

/// Embeds a modal on MODAL_URL with every callback recording.
pub(crate) fn recorded() -> (Recorder, ModalHandle) {
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[]));
    (rec, modal)
}

/// A `<dialog>` holding `inner_html`, added to the page and opened with `showModal()`: the top
/// layer puts it above everything else, and the rest of the page is inert.
pub(crate) fn modal_dialog(inner_html: &str) -> web_sys::HtmlElement {
    let dialog = document().create_element("dialog").unwrap();
    dialog.set_inner_html(inner_html);
    document().body().unwrap().append_child(&dialog).unwrap();
    Reflect::get(&dialog, &"showModal".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&dialog)
        .unwrap();
    dialog.unchecked_into()
}

/// Whether `element` is `inert`: out of reach of focus, clicks and assistive technology.
pub(crate) fn is_inert(element: &JsValue) -> bool {
    Reflect::get(element, &"inert".into()).unwrap().is_truthy()
}

/// Runs `script` as a script of the page and returns what it returns: a value no message from
/// another window can carry (structured cloning makes plain data, never a `Proxy` or a getter),
/// or a change to the page's own built-ins.
pub(crate) fn page_script(script: &str) -> JsValue {
    js_sys::Function::new_no_args(script)
        .call0(&JsValue::UNDEFINED)
        .unwrap()
}

/// The last event a listener of `topic` on `modal` got (`JsValue::UNDEFINED` before any).
pub(crate) fn keep_last(modal: &ModalHandle, topic: &str) -> std::rc::Rc<std::cell::RefCell<JsValue>> {
    let kept: std::rc::Rc<std::cell::RefCell<JsValue>> = Default::default();
    let keep = kept.clone();
    let listener = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| *keep.borrow_mut() = event);
    modal.on(topic.into(), listener.into_js_value()).unwrap();
    kept
}

/// Sends `data` as if from the modal and returns what the page saw.
pub(crate) fn hostile(origin: &str, data: &JsValue) -> Vec<String> {
    let (rec, modal) = recorded();
    dispatch(data, origin, Some(&frame_window(&modal)));
    let seen = rec.take();
    modal.destroy();
    seen
}

/// Presses Escape in the page as the focused body sends it (through `window` first, in the
/// capture phase, then down and up); says whether the page's own listener on `document` got it
/// with its default action left alone.
pub(crate) fn press_escape() -> bool {
    press_escape_from("document.body", "")
}

/// `press_escape` from the element `target` (a script expression), with more of the event's
/// init dictionary (`extra`, such as `isComposing: true,`).
pub(crate) fn press_escape_from(target: &str, extra: &str) -> bool {
    page_script(&format!(
        "let seen = false;
         const listener = () => (seen = true);
         document.addEventListener('keydown', listener);
         const escape = new KeyboardEvent('keydown', {{ key: 'Escape', {extra} bubbles: true, cancelable: true }});
         const allowed = ({target}).dispatchEvent(escape);
         document.removeEventListener('keydown', listener);
         return seen && allowed;"
    ))
    .as_bool()
    .unwrap()
}

/// Resolves at the browser's next animation frame.
pub(crate) async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
}

/// Runs a script of the page when dropped: every test shares one page, so what a test changed
/// goes back even when it fails.
pub(crate) struct Restore(pub(crate) &'static str);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args(self.0).call0(&JsValue::UNDEFINED);
    }
}

/// Whether `frame` is a popover shown in the top layer.
pub(crate) fn is_open_popover(frame: &web_sys::HtmlElement) -> bool {
    frame.matches(":popover-open").unwrap_or(false)
}
