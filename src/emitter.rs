//! Listeners of one modal, and re-entrancy-safe dispatch to them.
//!
//! Dispatch follows the DOM's rules for `EventTarget`: a listener added while an event is being
//! dispatched does not hear that event; one removed (or cleared by `destroy()`) before its turn
//! is not called; a `once` listener is removed before it runs, so it runs at most once. No
//! `RefCell` borrow is held while a listener runs, so a listener may subscribe, unsubscribe or
//! destroy the modal. A listener that throws is reported like an uncaught exception
//! (`reportError`) and the remaining listeners still run.

use js_sys::Function;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// What a listener listens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// `migration_modal.opened`.
    Opened,
    /// `migration_modal.completed`.
    Completed,
    /// `migration_modal.closed`.
    Closed,
    /// `migration_modal.failed`.
    Failed,
    /// Every public event, including types this version does not know (`"*"`, `onEvent`).
    Any,
    /// Dropped messages, with the reason (`onReject`).
    Reject,
}

impl Topic {
    /// The topic for an `on()` event name: the four public types and `"*"`.
    pub fn from_name(name: &str) -> Option<Topic> {
        Some(match name {
            "migration_modal.opened" => Topic::Opened,
            "migration_modal.completed" => Topic::Completed,
            "migration_modal.closed" => Topic::Closed,
            "migration_modal.failed" => Topic::Failed,
            "*" => Topic::Any,
            _ => return None,
        })
    }
}

/// A Rust listener: called with the event (or the reject reason) and a second argument
/// (`undefined` for events, the `MessageEvent` for rejections).
pub type RustListener = Rc<dyn Fn(&JsValue, &JsValue)>;

/// A listener: a JavaScript function, or a Rust closure.
#[derive(Clone)]
pub enum Listener {
    /// Called with `(event)` or, for [`Topic::Reject`], `(reason, messageEvent)`.
    Js(Function),
    /// Called with the same two arguments (the second is `undefined` for events).
    Rust(RustListener),
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Listener::Js(_) => "Listener::Js",
            Listener::Rust(_) => "Listener::Rust",
        })
    }
}

#[derive(Debug)]
struct Entry {
    id: u32,
    topic: Topic,
    once: bool,
    listener: Listener,
}

/// The listeners of one modal.
#[derive(Debug, Default)]
pub struct Emitter {
    entries: RefCell<Vec<Entry>>,
    next_id: Cell<u32>,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = reportError, catch)]
    fn report_error(error: &JsValue) -> Result<(), JsValue>;
}

impl Emitter {
    /// Adds a listener; returns its id for [`Emitter::remove`].
    pub fn add(&self, topic: Topic, listener: Listener, once: bool) -> u32 {
        let id = self.next_id.get().wrapping_add(1);
        self.next_id.set(id);
        self.entries.borrow_mut().push(Entry {
            id,
            topic,
            once,
            listener,
        });
        id
    }

    /// Removes the listener with this id, if it is still there.
    pub fn remove(&self, id: u32) {
        self.entries.borrow_mut().retain(|e| e.id != id);
    }

    /// Removes the first listener of `topic` that is this very JavaScript function.
    pub fn remove_function(&self, topic: Topic, function: &JsValue) {
        let mut entries = self.entries.borrow_mut();
        if let Some(i) = entries.iter().position(|e| {
            e.topic == topic
                && matches!(&e.listener, Listener::Js(f) if AsRef::<JsValue>::as_ref(f) == function)
        }) {
            entries.remove(i);
        }
    }

    /// Removes every listener.
    pub fn clear(&self) {
        // Drop the listeners outside the borrow: a dropped Rust closure may run arbitrary code.
        let old = std::mem::take(&mut *self.entries.borrow_mut());
        drop(old);
    }

    /// `true` when some listener listens to `topic`.
    pub fn has(&self, topic: Topic) -> bool {
        self.entries.borrow().iter().any(|e| e.topic == topic)
    }

    /// Calls every listener of `topic` with `(first, second)`.
    pub fn emit(&self, topic: Topic, first: &JsValue, second: &JsValue) {
        // Who listens is fixed when dispatch starts; each is looked up again on its turn.
        let ids: Vec<u32> = self
            .entries
            .borrow()
            .iter()
            .filter(|e| e.topic == topic)
            .map(|e| e.id)
            .collect();
        for id in ids {
            match self.claim(id) {
                Some(Listener::Js(function)) => {
                    if let Err(error) = function.call2(&JsValue::UNDEFINED, first, second) {
                        let _ = report_error(&error);
                    }
                }
                Some(Listener::Rust(closure)) => closure(first, second),
                None => {}
            }
        }
    }

    /// Listener `id`, if it is still subscribed; a `once` listener is removed first.
    fn claim(&self, id: u32) -> Option<Listener> {
        let mut entries = self.entries.borrow_mut();
        let i = entries.iter().position(|e| e.id == id)?;
        Some(if entries[i].once {
            entries.remove(i).listener
        } else {
            entries[i].listener.clone()
        })
    }
}
