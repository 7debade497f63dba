//! The modal in the page: its iframe built, shown and hidden by `src/frame.js` in one call
//! each, which also finds the page's `document`, listens to the window's messages and makes
//! the events Rust reports without a message.
//!
//! The decisions stay in Rust (the checked URL, what to mount, when to show); the JavaScript
//! side only carries them out. The iframe's fixed attributes are written in `frame.js` as
//! [`crate::modal`] documents them (`SANDBOX`, `ALLOW`, `REFERRER_POLICY`; a browser test
//! compares the mounted iframe with those constants), which spares three strings per embed.
//! One call per step instead of a dozen `web-sys` calls keeps both the wasm and its glue
//! smaller.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlIFrameElement};

#[wasm_bindgen(module = "/src/frame.js")]
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
    /// loads its `href`, exactly what was checked), and appends it to `parent`: a fullscreen
    /// overlay at `z_index` when given, otherwise a block that fills `parent`; with `hidden`,
    /// mounted with `display: none`. `None` when `parent` cannot hold an iframe (the DOM's
    /// exception is caught in JavaScript: no `Result` crosses the boundary).
    #[wasm_bindgen(js_name = mountFrame)]
    pub(crate) fn mount(
        document: &Document,
        parent: &Element,
        url: &ParsedUrl,
        title: &str,
        z_index: Option<i32>,
        hidden: bool,
    ) -> Option<HtmlIFrameElement>;

    /// `new URL(input)`, or `None` for what is not an absolute URL (the parser's exception is
    /// caught in JavaScript).
    #[wasm_bindgen(js_name = parseUrl)]
    pub(crate) fn parse_url(input: &JsValue) -> Option<ParsedUrl>;

    /// The document's own `body` (`null` before there is one), whatever named elements the
    /// page has (`<img name=body>` overrides `document.body`).
    #[wasm_bindgen(js_name = pageBody)]
    pub(crate) fn body(document: &Document) -> Option<Element>;

    /// The page's `document` for Rust callers (JavaScript's `embedAnonModal` gets it from
    /// `readOptions`); `None` where there is none (Node, workers). A plain import:
    /// `web_sys::window()` probes four globals, and a cached `thread_local_v2` static brings
    /// in its cell code.
    #[wasm_bindgen(js_name = pageDocument)]
    pub(crate) fn page_document() -> Option<Document>;

    /// What `listen` returns: `stop(all)` for Rust, `send(command)` and `stopped` for the
    /// JavaScript handle.
    #[derive(Debug, Clone)]
    pub(crate) type Link;

    #[wasm_bindgen(js_name = listen)]
    fn listen_js(dispatcher: &JsValue, ready_ms: u32) -> Link;

    #[wasm_bindgen(method)]
    fn stop(this: &Link, all: bool);

    /// The event `destroy()` settles with (`destroyed`), or the ready timeout's.
    #[wasm_bindgen(js_name = syntheticEvent)]
    pub(crate) fn synthetic_event(destroyed: bool) -> JsValue;

    /// The strings the message guard and the schema compare a message with, and the names of
    /// the reasons it drops one, in one array: `[MESSAGE_TAG, "source", "event", "type",
    /// "internal", kinds, string fields, reserved keys, reasons]`, the four lists in the order
    /// of `EventKind::NAMED`, `STRING_FIELDS`, `RESERVED_KEYS` and `RejectReason::ALL`
    /// (`src/schema.rs` tests this). One call instead of 27 strings and four arrays made from
    /// Rust.
    #[wasm_bindgen(js_name = messageKeys)]
    pub(crate) fn message_keys() -> Array;

    /// What kind of value `value` is, as a number (see `Kind` in `src/schema.rs`): one call
    /// instead of the half dozen type tests, prototype reads and length reads it replaces,
    /// and none of them can throw. Here rather than in a snippet file of its own: a fifth
    /// snippet module made wasm-bindgen-test-runner's server stall on one of the test page's
    /// module requests, in about half the runs.
    #[wasm_bindgen(js_name = kindOf)]
    pub(crate) fn kind_of(value: &JsValue) -> u32;

    /// `object[key]`, or `undefined` when reading it throws (a getter or a `Proxy` the page
    /// made itself: a structured-cloned message has neither). With the catch in JavaScript,
    /// the wasm gets a plain value instead of a `Result`.
    #[wasm_bindgen(js_name = field)]
    pub(crate) fn field(object: &JsValue, key: &JsValue) -> JsValue;

    /// Moves focus into the frame.
    #[wasm_bindgen(js_name = focusFrame)]
    pub(crate) fn focus(frame: &HtmlIFrameElement);

    /// Shows the frame; with `lock_scroll`, locks the page's scroll. `frame.js` remembers the
    /// body's `overflow` and the focused element for [`hide`].
    #[wasm_bindgen(js_name = showFrame)]
    pub(crate) fn show(frame: &HtmlIFrameElement, lock_scroll: bool);

    /// Hides the frame and puts back, once, what the last [`show`] changed (focus only if that
    /// element is still in the page).
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

    /// `URL.hostname`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn hostname(this: &ParsedUrl) -> String;

    /// `URL.origin`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn origin(this: &ParsedUrl) -> String;

    /// `URL.username`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn username(this: &ParsedUrl) -> String;

    /// `URL.password`.
    #[wasm_bindgen(method, getter)]
    pub(crate) fn password(this: &ParsedUrl) -> String;

}

/// The page's `message` listener, the ready timer and the JavaScript handle's commands, all
/// calling one JavaScript function (the dispatcher, see `crate::modal::dispatch`) with what
/// they carry and a [`Signal`]'s number: 0 with a `MessageEvent`, never with anything else.
/// All three stop when this is dropped.
#[derive(Debug)]
pub(crate) struct Listening {
    link: Link,
}

impl Listening {
    /// Starts listening; with `ready_ms > 0`, also starts the ready timer.
    pub(crate) fn start(dispatcher: &JsValue, ready_ms: u32) -> Self {
        Listening {
            link: listen_js(dispatcher, ready_ms),
        }
    }

    /// Cancels the ready timer; the listener stays.
    pub(crate) fn cancel_timer(&self) {
        self.link.stop(false);
    }

    /// The link the JavaScript handle sends its commands through (`src/handle.js`).
    pub(crate) fn link(&self) -> &Link {
        &self.link
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.link.stop(true);
    }
}

/// What reaches the modal's listener besides messages, as the number `dispatch` gets with it
/// (a message comes with 0): a command the JavaScript handle sends through the [`Link`]
/// (`src/handle.js` sends 1 to 3), or the ready timer's (`src/frame.js` sends 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    /// `show()`.
    Show = 1,
    /// `hide()`.
    Hide = 2,
    /// `destroy()`.
    Destroy = 3,
    /// The ready time is up.
    ReadyTimeout = 4,
}

impl Signal {
    /// The signal a number names; `None` for 0, a message.
    pub(crate) fn from_number(number: u32) -> Option<Signal> {
        Some(match number {
            0 => return None,
            1 => Signal::Show,
            2 => Signal::Hide,
            3 => Signal::Destroy,
            _ => Signal::ReadyTimeout,
        })
    }
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
