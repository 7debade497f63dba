//! The modal in the page: its iframe built, shown and hidden by `src/js/frame.js` in one call
//! each, which also finds the page's `document` and listens to the window's messages and the
//! ready timer.
//!
//! The decisions stay in Rust (the checked URL, what to mount, when to show); the JavaScript
//! side only carries them out, one call per step instead of a dozen `web-sys` calls.

use alloc::string::String;
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlIFrameElement};

#[wasm_bindgen(module = "/src/js/frame.js")]
extern "C" {
    #[wasm_bindgen(js_name = deferred)]
    fn deferred_pair() -> Array;

    /// A promise's resolve function. It never throws, so it is called without a catch.
    #[derive(Debug, Clone)]
    pub(crate) type Resolve;

    /// Resolves the promise with `value` (no effect after the first call).
    #[wasm_bindgen(method, js_name = call)]
    pub(crate) fn with_context(this: &Resolve, context: &JsValue, value: &JsValue);

    /// Builds the iframe on the (already checked) `url`, as the browser parsed it (the iframe
    /// loads its `href`, exactly what was checked), for `parent`, which [`insert`] puts it in:
    /// a fullscreen overlay when `z_index` is given (a popover, and at that `z_index` where the
    /// browser has none), otherwise a block that fills `parent`; with `hidden`, built with
    /// `display: none`. A [`show`] before it is in covers `parent`'s children.
    #[wasm_bindgen(js_name = buildFrame)]
    pub(crate) fn build(
        document: &Document,
        parent: &Element,
        url: &ParsedUrl,
        title: &str,
        z_index: Option<i32>,
        hidden: bool,
    ) -> HtmlIFrameElement;

    /// Appends the frame [`build`] made to its parent, and starts the watch on its ancestors
    /// (see [`listen`]); `false` when that parent cannot hold an iframe (the DOM's
    /// exception is caught in JavaScript: no `Result` crosses the boundary).
    #[wasm_bindgen(js_name = insertFrame)]
    pub(crate) fn insert(frame: &HtmlIFrameElement) -> bool;

    /// `new URL(input)`, or `None` for what is not an absolute URL (the parser's exception is
    /// caught in JavaScript).
    #[wasm_bindgen(js_name = parseUrl)]
    pub(crate) fn parse_url(input: &JsValue) -> Option<ParsedUrl>;

    /// The document's own `body` (`null` before there is one), whatever named elements the
    /// page has (`<img name=body>` overrides `document.body`).
    #[wasm_bindgen(js_name = pageBody)]
    pub(crate) fn body(document: &Document) -> Option<Element>;

    /// Whether the page has a modal `<dialog>` open, above where a fullscreen modal would show.
    #[wasm_bindgen(js_name = modalDialogOpen)]
    pub(crate) fn modal_dialog_open(document: &Document) -> bool;

    /// The page's `document` for Rust callers (JavaScript's `embedAnonModal` gets it from
    /// `readOptions`); `None` where there is none (Node, workers). A plain import:
    /// `web_sys::window()` probes four globals, and a cached `thread_local_v2` static brings
    /// in its cell code.
    #[wasm_bindgen(js_name = pageDocument)]
    pub(crate) fn page_document() -> Option<Document>;

    /// What `listen` returns: `stop(all)` for Rust, `commands` and `stopped` for the
    /// JavaScript handle, and `removed` for both.
    #[derive(Debug, Clone)]
    pub(crate) type Link;

    /// The commands object `listen` and the handle call, from one function per command.
    pub(crate) fn commands(
        message: &JsValue,
        timeout: &JsValue,
        dismiss: &JsValue,
        blocked: &JsValue,
        show: &JsValue,
        hide: &JsValue,
        destroy: &JsValue,
    ) -> JsValue;

    /// Starts the page's `message` listener and, with `ready_ms > 0`, the ready timer, both
    /// calling `commands` (the wasm's exported entry points of `src/bindings.rs`, or closures
    /// over the same for Rust callers). The page taking `frame` out destroys the modal.
    pub(crate) fn listen(commands: &JsValue, ready_ms: u32, frame: &HtmlIFrameElement) -> Link;

    /// Cancels the ready timer and the ready-time listeners; with `all`, also the message
    /// listener and the watch on the frame, and resolves `removed`. Idempotent.
    #[wasm_bindgen(method)]
    pub(crate) fn stop(this: &Link, all: bool);

    /// Resolves once `stop(true)` ran: the modal is torn down.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn removed(this: &Link) -> Promise;

    /// Puts the shown, ready frame before the user and moves focus into it: an inline one
    /// scrolled into view; a fullscreen one, inert until now, in the top layer once the page
    /// has left fullscreen (a page fullscreen as a whole keeps it where its `z-index` puts it),
    /// and, under a page's modal dialog, once no modal dialog is open.
    #[wasm_bindgen(js_name = presentFrame)]
    pub(crate) fn present(frame: &HtmlIFrameElement, inline: bool);

    /// Shows the frame; a `fullscreen` one takes the page out of fullscreen and locks its
    /// scroll; with `inert_page`, makes the frame's siblings inert (before it is in, the
    /// children of the parent it goes in), but for the dialogs and popovers the page has yet
    /// to open. `frame.js` remembers what the scroll lock and the covering changed, and the
    /// focused element, for [`hide`].
    #[wasm_bindgen(js_name = showFrame)]
    pub(crate) fn show(frame: &HtmlIFrameElement, fullscreen: bool, inert_page: bool);

    /// Hides the frame and puts back, once, what the last [`show`] changed (focus only if that
    /// element is still in the page). Like [`show`] and [`present`], asked while one of the
    /// three runs for any frame (by the page's code inside it: a custom element that observes
    /// `inert`, a `beforetoggle` handler), it is done after that one, in order.
    #[wasm_bindgen(js_name = hideFrame)]
    pub(crate) fn hide(frame: &HtmlIFrameElement);
}

#[wasm_bindgen]
extern "C" {
    /// A URL as the browser's parser splits it (`web_sys::Url`'s parts, built from a JS value:
    /// a JS string in hand is parsed without a copy into Rust and back).
    #[wasm_bindgen(js_name = URL)]
    #[derive(Debug, Clone)]
    pub(crate) type ParsedUrl;

    /// `URL.protocol`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn protocol(this: &ParsedUrl) -> String;

    /// `URL.origin`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn origin(this: &ParsedUrl) -> String;

    /// `URL.origin`, as the JavaScript string: compared with `===`, with no copy into Rust.
    #[wasm_bindgen(method, getter, js_name = origin)]
    pub(crate) fn origin_js(this: &ParsedUrl) -> JsValue;

    /// `URL.username`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn username(this: &ParsedUrl) -> String;

    /// `URL.password`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn password(this: &ParsedUrl) -> String;

}

/// A promise and the function that resolves it.
pub(crate) fn deferred() -> (Promise, Resolve) {
    let pair = deferred_pair();
    // `get_unchecked` is the accessor `Array::iter` uses: one import for both.
    (
        pair.get_unchecked(0).unchecked_into(),
        pair.get_unchecked(1).unchecked_into(),
    )
}

impl Resolve {
    /// Resolves the promise with `value` (no effect after the first call).
    pub(crate) fn with(&self, value: &JsValue) {
        self.with_context(&JsValue::UNDEFINED, value);
    }
}

// The modules only JavaScript imports (`values.js`, `errors.js` and `emitter.js`, whose functions
// Rust calls through the module that hands them on, and the others, for `frame.js`'s own use): an
// extern block naming a module is what makes wasm-bindgen copy it beside the others, and a type
// that is never used adds no import to the glue (see `frame.js` for why the glue imports no more
// modules). In this module, not one of their own: a debug build links the code of a module only
// when something of it is used, and these blocks' records of the modules with it.
#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    #[allow(dead_code)]
    type Errors;
}

#[wasm_bindgen(module = "/src/js/emitter.js")]
extern "C" {
    #[allow(dead_code)]
    type Emitter;
}

#[wasm_bindgen(module = "/src/js/values.js")]
extern "C" {
    #[allow(dead_code)]
    type Values;
}

#[wasm_bindgen(module = "/src/js/page.js")]
extern "C" {
    #[allow(dead_code)]
    type Page;
}

#[wasm_bindgen(module = "/src/js/scroll-lock.js")]
extern "C" {
    #[allow(dead_code)]
    type ScrollLock;
}

#[wasm_bindgen(module = "/src/js/inert-page.js")]
extern "C" {
    #[allow(dead_code)]
    type InertPage;
}

#[wasm_bindgen(module = "/src/js/serially.js")]
extern "C" {
    #[allow(dead_code)]
    type Serially;
}
