//! Helpers shared by the browser test files: embedding through the JavaScript API, recording
//! callbacks, and sending messages (synthetic `MessageEvent`s and real posts from frames).
#![allow(dead_code)]

use anon_modal::bindings::embed_anon_modal;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlIFrameElement, MessageEvent, MessageEventInit, Window};

#[wasm_bindgen]
extern "C" {
    /// The `AnonModal` handle `embedAnonModal` returns, called as a page calls it.
    #[derive(Clone, Debug)]
    pub type ModalHandle;

    #[wasm_bindgen(method, catch)]
    pub fn on(this: &ModalHandle, name: JsValue, callback: JsValue) -> Result<js_sys::Function, JsValue>;

    #[wasm_bindgen(method, catch)]
    pub fn once(this: &ModalHandle, name: JsValue, callback: JsValue) -> Result<js_sys::Function, JsValue>;

    #[wasm_bindgen(method, catch)]
    pub fn off(this: &ModalHandle, name: JsValue, callback: JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    pub fn show(this: &ModalHandle);

    #[wasm_bindgen(method)]
    pub fn hide(this: &ModalHandle);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &ModalHandle);

    #[wasm_bindgen(method, getter)]
    pub fn destroyed(this: &ModalHandle) -> bool;

    #[wasm_bindgen(method, getter)]
    pub fn iframe(this: &ModalHandle) -> HtmlIFrameElement;

    #[wasm_bindgen(method, getter)]
    pub fn settled(this: &ModalHandle) -> js_sys::Promise;

    #[wasm_bindgen(method, getter)]
    pub fn removed(this: &ModalHandle) -> js_sys::Promise;
}

pub const ANON: &str = "https://dashboard.anon.com";
pub const MODAL_URL: &str = "https://dashboard.anon.com/modal?token=abc";

pub fn window() -> Window {
    web_sys::window().unwrap()
}

pub fn document() -> Document {
    window().document().unwrap()
}

/// Records every callback as `"label:detail"`, in order.
#[derive(Clone, Default)]
pub struct Recorder {
    log: Rc<RefCell<Vec<String>>>,
}

impl Recorder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A JS function recording `label:<event.type>` (or `label:<reason>` for onReject).
    pub fn callback(&self, label: &str) -> JsValue {
        let log = self.log.clone();
        let label = label.to_owned();
        Closure::<dyn Fn(JsValue, JsValue)>::new(move |first: JsValue, _second: JsValue| {
            let detail = first
                .as_string()
                .or_else(|| {
                    Reflect::get(&first, &"type".into())
                        .ok()
                        .and_then(|t| t.as_string())
                })
                .unwrap_or_default();
            log.borrow_mut().push(format!("{label}:{detail}"));
        })
        .into_js_value()
    }

    /// An options object with every callback recording (`onX` → `"x"`), plus `extra` fields.
    /// Every callback option there is: a new event type's is recorded with the rest.
    pub fn options(&self, extra: &[(&str, JsValue)]) -> JsValue {
        let options = Object::new();
        for key in anon_modal::option_names::callback_options() {
            let label = key.strip_prefix("on").unwrap().to_ascii_lowercase();
            Reflect::set(&options, &key.into(), &self.callback(&label)).unwrap();
        }
        for (key, value) in extra {
            Reflect::set(&options, &(*key).into(), value).unwrap();
        }
        options.into()
    }

    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.borrow_mut())
    }

    /// Whether nothing was recorded since the last `take`.
    pub fn is_empty(&self) -> bool {
        self.log.borrow().is_empty()
    }

    pub fn push(&self, entry: &str) {
        self.log.borrow_mut().push(entry.to_owned());
    }

    /// Entries other than rejections.
    pub fn delivered(&self) -> Vec<String> {
        self.take()
            .into_iter()
            .filter(|e| !e.starts_with("reject:"))
            .collect()
    }
}

/// `embedAnonModal(url, options)` as the package's entry calls it, with the commands made of
/// closures over the wasm's entry points (`rust_commands`) in place of its exports.
pub fn embed_js(url: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    no_uncaught_errors_since_the_last_embed();
    embed_anon_modal(url, options, anon_modal::bindings::rust_commands())
}

/// Embeds through the JavaScript API, as a page would.
pub fn embed(url: &str, options: JsValue) -> ModalHandle {
    embed_js(url.into(), options)
        .unwrap_or_else(|e| panic!("embed failed: {}", error_code(&e)))
        .unchecked_into()
}

/// The `code` of a thrown `AnonModalError`.
pub fn error_code(error: &JsValue) -> String {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    assert_eq!(name, "AnonModalError", "thrown value is an AnonModalError");
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "thrown value is a real Error"
    );
    Reflect::get(error, &"code".into()).unwrap().as_string().unwrap()
}

pub fn embed_error(url: &JsValue, options: JsValue) -> String {
    match embed_js(url.clone(), options) {
        Ok(modal) => {
            modal.unchecked_into::<ModalHandle>().destroy();
            panic!("embed unexpectedly succeeded for {url:?}")
        }
        Err(e) => error_code(&e),
    }
}

/// `{source: "anon_modal", event: {type, ...fields}}`.
pub fn envelope(event_type: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let event = Object::new();
    Reflect::set(&event, &"type".into(), &event_type.into()).unwrap();
    for (k, v) in fields {
        Reflect::set(&event, &(*k).into(), v).unwrap();
    }
    wrap(event.into())
}

/// An event's `data`, where Anon's modal puts the user and migration context.
pub fn data(fields: &[(&str, JsValue)]) -> JsValue {
    let data = Object::new();
    for (k, v) in fields {
        Reflect::set(&data, &(*k).into(), v).unwrap();
    }
    data.into()
}

pub fn wrap(event: JsValue) -> JsValue {
    let data = Object::new();
    Reflect::set(&data, &"source".into(), &"anon_modal".into()).unwrap();
    Reflect::set(&data, &"event".into(), &event).unwrap();
    data.into()
}

pub fn internal(event_type: &str) -> JsValue {
    envelope(event_type, &[("internal", true.into())])
}

/// Dispatches a synthetic `message` event on the window, synchronously.
pub fn dispatch(data: &JsValue, origin: &str, source: Option<&JsValue>) {
    let init = MessageEventInit::new();
    init.set_data(data);
    init.set_origin(origin);
    if let Some(source) = source {
        init.set_source(Some(source.unchecked_ref()));
    }
    let event = match (MessageEvent::new_with_event_init_dict("message", &init), source) {
        (Ok(event), _) => event,
        // WebKit refuses a removed iframe's window as `source` (TypeError), so the event is
        // built without one and `source` defined on it: the library reads the same value.
        (Err(_), Some(source)) => {
            init.set_source(None);
            let event = MessageEvent::new_with_event_init_dict("message", &init).unwrap();
            let descriptor = Object::new();
            Reflect::set(&descriptor, &"value".into(), source).unwrap();
            Object::define_property(&event, &"source".into(), &descriptor);
            event
        }
        (Err(e), None) => panic!("MessageEvent: {e:?}"),
    };
    window().dispatch_event(&event).unwrap();
}

pub fn frame_window(modal: &ModalHandle) -> JsValue {
    modal
        .iframe()
        .content_window()
        .map(Into::into)
        .unwrap_or(JsValue::NULL)
}

/// A message from the modal's own window and origin (everything right but what is tested).
pub fn from_modal(modal: &ModalHandle, data: &JsValue) {
    dispatch(data, ANON, Some(&frame_window(modal)));
}

/// The page body's inline `overflow` (the scroll lock sets it to `hidden`).
pub fn body_overflow() -> String {
    document()
        .body()
        .unwrap()
        .style()
        .get_property_value("overflow")
        .unwrap()
}

pub fn iframes() -> u32 {
    document().get_elements_by_tag_name("iframe").length()
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until the iframe's document finished loading (polling, bounded).
pub async fn loaded(iframe: &HtmlIFrameElement) {
    for _ in 0..200 {
        let ready = iframe
            .content_document()
            .map(|d| d.ready_state() == "complete" && d.url().is_ok_and(|u| u != "about:blank"))
            .unwrap_or(false);
        if ready {
            return;
        }
        sleep(10).await;
    }
    panic!("iframe did not load");
}

/// Makes `frame` itself post `message` to its parent, by running a script inside it, so the
/// browser sets `event.source` and `event.origin` for real. Needs a same-origin frame.
pub fn post_from_frame(frame: &HtmlIFrameElement, message_json: &str) {
    let doc = frame.content_document().expect("same-origin frame");
    let script = doc.create_element("script").unwrap();
    script.set_text_content(Some(&format!("parent.postMessage({message_json}, '*');")));
    doc.body().unwrap().append_child(&script).unwrap();
}

/// A same-origin iframe (no sandbox) that has loaded, appended to the body.
pub async fn extra_frame() -> HtmlIFrameElement {
    let frame: HtmlIFrameElement = document().create_element("iframe").unwrap().unchecked_into();
    frame.set_src(&format!(
        "{}/extra-frame-{}",
        window().location().origin().unwrap(),
        js_sys::Math::random()
    ));
    document().body().unwrap().append_child(&frame).unwrap();
    loaded(&frame).await;
    frame
}

/// The test page's own origin (the runner's `http://127.0.0.1:PORT`).
pub fn own_origin() -> String {
    window().location().origin().unwrap()
}

/// Watches what is added to the page's `window` and not yet taken back: event listeners
/// (`addEventListener` less `removeEventListener`) and the library's timers (`setTimeout` less
/// those fired or cleared). It wraps the four methods on `window` itself, where the library looks them up
/// at each call; dropping the watch puts them back as they were, and so does the next
/// `install()` after a test that failed with a watch (a panic in wasm runs no `Drop`).
pub struct WindowWatch {
    live: JsValue,
}

impl WindowWatch {
    pub fn install() -> Self {
        let live = js_sys::Function::new_no_args(
            r#"
            // The page's own methods, kept once for all watches: setTimeout is the global's own
            // property, addEventListener its prototype's.
            const names = ["addEventListener", "removeEventListener", "setTimeout", "clearTimeout"];
            const saved = (window.__windowWatchSaved ??= names.map((name) => [name, Object.getOwnPropertyDescriptor(window, name)]));
            const restore = () => {
              for (const [name, own] of saved) own ? Object.defineProperty(window, name, own) : delete window[name];
            };
            restore();
            const add = window.addEventListener, remove = window.removeEventListener;
            const set = window.setTimeout, clear = window.clearTimeout;
            const listeners = [], timers = new Set();
            const capture = (options) => options === true || !!options?.capture;
            const at = (type, fn, options) =>
              listeners.findIndex((l) => l[0] === type && l[1] === fn && l[2] === capture(options));
            window.addEventListener = function (type, fn, options) {
              if (at(type, fn, options) < 0) listeners.push([type, fn, capture(options)]);
              return add.call(this, type, fn, options);
            };
            window.removeEventListener = function (type, fn, options) {
              const i = at(type, fn, options);
              if (i >= 0) listeners.splice(i, 1);
              return remove.call(this, type, fn, options);
            };
            // Only the library's timers, set from its wasm or its modules (which the runner
            // serves under /snippets/): a browser's automation may set its own on the window.
            window.setTimeout = function (fn, ms, ...rest) {
              if (!/wasm-function|\/snippets\//.test(new Error().stack)) return set.call(window, fn, ms, ...rest);
              const id = set.call(window, (...args) => { timers.delete(id); fn(...args); }, ms, ...rest);
              timers.add(id);
              return id;
            };
            window.clearTimeout = function (id) {
              timers.delete(id);
              return clear.call(window, id);
            };
            return {
              listeners: () => listeners.map((l) => l[0]).sort().join(" "),
              timers: () => timers.size,
              restore,
            };
            "#,
        )
        .call0(&JsValue::UNDEFINED)
        .unwrap();
        Self { live }
    }

    fn call(&self, name: &str) -> JsValue {
        let method: js_sys::Function = Reflect::get(&self.live, &name.into()).unwrap().unchecked_into();
        method.call0(&self.live).unwrap()
    }

    /// The types of the listeners still on `window`, sorted, space-separated.
    pub fn listeners(&self) -> String {
        self.call("listeners").as_string().unwrap()
    }

    /// How many timers are still pending.
    pub fn timers(&self) -> u32 {
        self.call("timers").as_f64().unwrap() as u32
    }
}

impl Drop for WindowWatch {
    fn drop(&mut self) {
        self.call("restore");
    }
}

/// The page's uncaught errors (its `error` events, kept out of the console) from now until
/// dropped, each passed on to `then`: what the library reports of the page's code. One that
/// arrives with no watch is a failure at the next embed
/// ([`no_uncaught_errors_since_the_last_embed`]).
pub struct UncaughtErrors {
    watch: Rc<ErrorWatch>,
}

struct ErrorWatch {
    messages: Recorder,
    then: Box<dyn Fn()>,
}

impl UncaughtErrors {
    pub fn watch() -> Self {
        Self::watch_then(|| {})
    }

    pub fn watch_then(then: impl Fn() + 'static) -> Self {
        no_uncaught_errors_since_the_last_embed();
        let watch = Rc::new(ErrorWatch {
            messages: Recorder::new(),
            then: Box::new(then),
        });
        ERRORS.with(|errors| errors.watches.borrow_mut().push(watch.clone()));
        UncaughtErrors { watch }
    }

    /// The messages so far, which it then forgets.
    pub fn take(&self) -> Vec<String> {
        self.watch.messages.take()
    }
}

impl Drop for UncaughtErrors {
    fn drop(&mut self) {
        ERRORS.with(|errors| {
            errors
                .watches
                .borrow_mut()
                .retain(|w| !Rc::ptr_eq(w, &self.watch))
        });
    }
}

/// The page's one `error` listener, added at the first embed: it hands each error to the latest
/// watch, or keeps it as unhandled. One listener for all, so no listener's order decides.
struct ErrorRouter {
    watches: RefCell<Vec<Rc<ErrorWatch>>>,
    unhandled: Recorder,
    _listener: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

thread_local! {
    static ERRORS: ErrorRouter = ErrorRouter::install();
}

impl ErrorRouter {
    fn install() -> Self {
        let listener = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            match ERRORS.with(|errors| errors.watches.borrow().last().cloned()) {
                Some(watch) => {
                    watch.messages.push(&message);
                    (watch.then)();
                }
                None => ERRORS.with(|errors| errors.unhandled.push(&message)),
            }
        });
        window()
            .add_event_listener_with_callback("error", listener.as_ref().unchecked_ref())
            .unwrap();
        ErrorRouter {
            watches: Default::default(),
            unhandled: Recorder::new(),
            _listener: listener,
        }
    }
}

/// Fails when an error reached the page uncaught with no [`UncaughtErrors`] watching since the
/// last check: what the library reports of the page's code, or of its own, is a failure unless
/// a test expects it. The check runs as each embed through the JavaScript API starts, and as
/// each watch starts: the error may be an earlier test's, since every test shares one page.
pub fn no_uncaught_errors_since_the_last_embed() {
    let unhandled = ERRORS.with(|errors| errors.unhandled.take());
    assert!(
        unhandled.is_empty(),
        "uncaught errors reached the page, with no test watching for them, in this test or an earlier one: {unhandled:?}"
    );
}
