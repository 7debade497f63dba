//! Listeners of one modal, and re-entrancy-safe dispatch to them.
//!
//! Dispatch follows the DOM's rules for `EventTarget`: a listener added while an event is being
//! dispatched does not hear that event; one removed (or cleared by `destroy()`) before its turn
//! is not called; a `once` listener is removed before it runs, so it runs at most once. No Rust
//! borrow is held while a listener runs, so a listener may subscribe, unsubscribe or destroy
//! the modal. A listener that throws is reported like an uncaught exception
//! (`reportError`) and the remaining listeners still run.

use crate::topic::Topic;
use js_sys::Function;
use wasm_bindgen::prelude::*;

/// The listeners of one modal, kept by `src/js/emitter.js` (`emitter`, which `src/js/handle.js`
/// hands on).
///
/// Rust decides what each listener gets and when (see [`crate::modal`]); the list and the
/// calls are in JavaScript, one call per event instead of one wasm-to-JS call per listener.
/// The JavaScript handle (`src/js/handle.js`) adds and removes its listeners there directly.
/// A listener is a JavaScript function: a Rust closure becomes one with [`rust_listener`].
#[wasm_bindgen(module = "/src/js/handle.js")]
extern "C" {
    /// The listeners of one modal.
    #[derive(Debug, Clone)]
    pub(crate) type Emitter;

    #[wasm_bindgen(js_name = emitter)]
    fn new_emitter() -> Emitter;

    #[wasm_bindgen(method, js_name = add)]
    fn add_listener(this: &Emitter, topic: u32, listener: &Function, once: bool) -> Function;

    /// Removes every listener and refuses new ones: the modal is torn down.
    #[wasm_bindgen(method)]
    pub(crate) fn close(this: &Emitter);

    #[wasm_bindgen(method, js_name = has)]
    fn has_listener(this: &Emitter, topic: u32) -> bool;

    #[wasm_bindgen(method, js_name = emit)]
    fn emit_to(this: &Emitter, topic: u32, first: &JsValue, second: &JsValue);
}

impl Default for Emitter {
    /// An emitter with no listeners.
    fn default() -> Self {
        new_emitter()
    }
}

/// What a listener hears: the events of a topic, or the dropped messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channel {
    Events(Topic),
    Rejects,
}

impl Channel {
    /// The number the listeners are kept at: the topic's, then one after the last topic, as
    /// `option_names::callback_options` lists their options (and `names.js`'s `TOPICS`).
    fn number(self) -> u32 {
        match self {
            Channel::Events(topic) => topic as u32,
            Channel::Rejects => Topic::ALL.len() as u32,
        }
    }
}

impl Emitter {
    /// Adds `listener` on `channel` (for one call only with `once`); returns the function that
    /// removes it. After [`Emitter::close`] nothing is added and that function does nothing.
    pub(crate) fn add(&self, channel: Channel, listener: &Function, once: bool) -> Function {
        self.add_listener(channel.number(), listener, once)
    }

    /// `true` when some listener listens on `channel`.
    pub(crate) fn has(&self, channel: Channel) -> bool {
        self.has_listener(channel.number())
    }

    /// Calls every listener on `channel` with `(first, second)`.
    pub(crate) fn emit(&self, channel: Channel, first: &JsValue, second: &JsValue) {
        self.emit_to(channel.number(), first, second);
    }
}

/// A Rust callback as a listener, called with the event (or the reject reason) and a second
/// argument (`undefined` for events, the `MessageEvent` for rejections).
pub(crate) type RustListener = Closure<dyn Fn(JsValue, JsValue)>;

/// A Rust closure as a listener. Its `Subscription` drops it, with what it captured, as it
/// unsubscribes it; a detached one is handed to the JavaScript garbage collector, which frees
/// it once the torn-down modal's list no longer holds it. The emitter never calls a listener it
/// no longer lists.
pub(crate) fn rust_listener(callback: impl Fn(&JsValue, &JsValue) + 'static) -> RustListener {
    Closure::new(move |first: JsValue, second: JsValue| callback(&first, &second))
}
