//! The modal: the iframe, its message listener, its lifecycle and its teardown.
//!
//! Only one modal is mounted at a time: embedding another destroys the first. The mounted
//! modal is owned by this module (`CURRENT`) until it is torn down (closed by the user, hidden
//! by the modal once its outcome came, failed to load, `destroy()`, or its iframe taken out of
//! the page), so the page's handle may be
//! dropped while the user is still in the modal. What reaches it from the page (a message, the
//! ready timer, a command of the JavaScript handle) arrives through the `commands` of this
//! module, which act on the current modal. Teardown removes the iframe, the listener and the timer, restores focus and
//! scroll, settles `settled`, lets go of every callback and lets the modal go.

use crate::emitter::{rust_listener, Channel, Emitter, RustListener};
use crate::error::{Error, Message};
use crate::event::{ClosedReason, EventKind, FRAME_DIRECTIVES, TYPE_KEY};
use crate::frame;
use crate::guard::{IncomingMessage, MessageGuard, Names};
use crate::js_value::{PageMessage, RawMessageEvent};
use crate::lifecycle::{Delivery, Lifecycle, Step};
use crate::options::ModalOptions;
use crate::reject::RejectReason;
use crate::signed_url::{check_modal_url, UrlParts};
use crate::topic::Topic;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use core::cell::{Cell, RefCell};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlIFrameElement};

pub use crate::iframe::{ALLOW, REFERRER_POLICY, SANDBOX};

#[wasm_bindgen(module = "/src/js/names.js")]
extern "C" {
    /// The event of a modal that did not open within the ready timeout; `origin` (or
    /// `undefined`) the origin its frame sent refused messages from.
    #[wasm_bindgen(js_name = timeoutEvent)]
    fn timeout_event(origin: &JsValue) -> JsValue;

    /// The `closed` event the package makes itself, for a reason's number ([`closed`]).
    #[wasm_bindgen(js_name = closedEvent)]
    fn closed_event(reason: u32) -> JsValue;

    /// The event of a modal whose URL the page's Content-Security-Policy blocked.
    #[wasm_bindgen(js_name = frameBlockedEvent)]
    fn frame_blocked_event() -> JsValue;

    /// The name `onReject` gets for a reason's number.
    #[wasm_bindgen(js_name = rejectReason)]
    fn reject_reason_name(reason: u32) -> JsValue;
}

/// The `closed` event the package makes itself, for `reason`.
fn closed(reason: ClosedReason) -> JsValue {
    closed_event(reason as u32)
}

/// The state of one mounted modal, shared by its handles and its listener.
///
/// What is only ever taken or replaced whole sits in a `Cell<Option<_>>`: no borrow flag to
/// check, and no borrow that a callback could collide with.
pub(crate) struct Shared {
    /// Messages from any other source than its `contentWindow` (as it is when each arrives)
    /// are dropped.
    iframe: HtmlIFrameElement,
    /// The modal URL's origin, as the browser serializes it (a JavaScript string).
    origin: JsValue,
    fullscreen: bool,
    /// Whether the rest of the page is made inert while the modal is shown (fullscreen only).
    inert_page: bool,
    guard: MessageGuard<JsValue>,
    lifecycle: RefCell<Lifecycle>,
    pub(crate) emitter: Emitter,
    /// The page's message listener, the ready timer and the watch on the frame, stopped at
    /// teardown; also what the handle sends its commands through, kept once stopped: a modal the
    /// page's code tore down during its own embed (as its show ran that code) still gets a
    /// handle, destroyed.
    link: frame::Link,
    /// The first origin its own frame sent a message from that is not allowed: named if the
    /// modal then times out, as why.
    refused_origin: Cell<Option<JsValue>>,
    /// Resolves `settled`; a promise's resolve function ignores every call after the first.
    resolve: frame::Resolve,
    settled: Promise,
}

impl core::fmt::Debug for Shared {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Shared")
            .field("iframe", &self.iframe)
            .field("lifecycle", &self.lifecycle)
            .field("emitter", &self.emitter)
            .finish_non_exhaustive()
    }
}

/// A modal is torn down before its last owner lets go (`CURRENT` holds it until then); should
/// one ever not be, its listener and timer still go with it.
impl Drop for Shared {
    fn drop(&mut self) {
        self.link.stop(true);
    }
}

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
std::thread_local! {
    /// The modal that is mounted and listening: there is at most one, since mounting another
    /// destroys it first. It owns the modal until teardown, so the page's handle may be dropped
    /// while the user is still in the modal.
    static CURRENT: Cell<Option<Rc<Shared>>> = const { Cell::new(None) };
    /// The guard's names as JavaScript strings, made at the first embed and kept for the next:
    /// some forty strings read out of wasm memory, a good part of an embed call's own time.
    static NAMES: Cell<Option<Rc<Names<JsValue>>>> = const { Cell::new(None) };
}

/// The same on wasm32 without std (the npm package), which has no `thread_local!`: a wasm32
/// module without `atomics` runs on one thread, whose own these statics then are.
#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
static CURRENT: OneThread<Rc<Shared>> = OneThread(Cell::new(None));
#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
static NAMES: OneThread<Rc<Names<JsValue>>> = OneThread(Cell::new(None));

#[cfg(all(not(feature = "std"), target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("without `std`, the browser feature needs a wasm32 target without `atomics`");

#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
struct OneThread<T>(Cell<Option<T>>);

// SAFETY: without `atomics` (checked above) no second thread exists to share it with.
#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
#[allow(unsafe_code)]
unsafe impl<T> Sync for OneThread<T> {}

#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
impl<T> OneThread<T> {
    fn take(&self) -> Option<T> {
        self.0.take()
    }

    fn set(&self, value: Option<T>) {
        self.0.set(value);
    }
}

/// The guard's names, made once per page (`NAMES`).
fn names() -> Rc<Names<JsValue>> {
    let names = NAMES.take().unwrap_or_else(|| Rc::new(Names::new()));
    NAMES.set(Some(Rc::clone(&names)));
    names
}

/// What reaches the mounted modal from the page, each acting on the current modal (nothing
/// when none is mounted). The JavaScript entry hands the wasm's exports of these to the
/// listener and the handle (`src/bindings.rs`, feature `js-api`); Rust callers get closures
/// over them ([`rust_commands`]).
pub(crate) mod commands {
    use super::*;

    /// The current modal, cloned out rather than borrowed: a callback may destroy it or mount
    /// the next one.
    fn current() -> Option<Rc<Shared>> {
        let current = CURRENT.take();
        CURRENT.set(current.clone());
        current
    }

    /// A `message` event of the page.
    pub(crate) fn message(event: &JsValue) {
        if let Some(modal) = current() {
            modal.on_message(event.unchecked_ref());
        }
    }

    /// The ready time is up.
    pub(crate) fn timeout() {
        if let Some(modal) = current() {
            modal.on_ready_timeout();
        }
    }

    /// Escape in the page before the modal is ready.
    pub(crate) fn dismiss() {
        if let Some(modal) = current() {
            modal.on_dismiss();
        }
    }

    /// A Content-Security-Policy violation in the page before the modal is ready.
    pub(crate) fn blocked(directive: &JsValue, blocked_uri: &JsValue) {
        if let Some(modal) = current() {
            modal.on_violation(directive, blocked_uri);
        }
    }

    /// The handle's `show()`.
    pub(crate) fn show() {
        if let Some(modal) = current() {
            modal.request_visibility(true);
        }
    }

    /// The handle's `hide()`.
    pub(crate) fn hide() {
        if let Some(modal) = current() {
            modal.request_visibility(false);
        }
    }

    /// The handle's `destroy()`.
    pub(crate) fn destroy() {
        if let Some(modal) = current() {
            modal.destroy();
        }
    }
}

/// The commands object for Rust callers, whose modal has no JavaScript entry to hand over the
/// wasm's exports: a closure over each command, owned by the JavaScript garbage collector.
pub(crate) fn rust_commands() -> JsValue {
    let command = |run: fn()| Closure::<dyn Fn()>::new(run).into_js_value();
    frame::commands(
        &Closure::<dyn Fn(JsValue)>::new(|event: JsValue| commands::message(&event)).into_js_value(),
        &command(commands::timeout),
        &command(commands::dismiss),
        &Closure::<dyn Fn(JsValue, JsValue)>::new(|directive: JsValue, uri: JsValue| {
            commands::blocked(&directive, &uri)
        })
        .into_js_value(),
        &command(commands::show),
        &command(commands::hide),
        &command(commands::destroy),
    )
}

impl Shared {
    /// Mounts a modal on `url` in the page's `document`; its listener and ready timer call
    /// `commands` (see [`commands`]).
    pub(crate) fn mount(
        document: &Document,
        url: &JsValue,
        options: ModalOptions,
        commands: &JsValue,
    ) -> Result<Rc<Shared>, Error> {
        if let Some(expires) = options.expires_at_ms {
            if expires <= js_sys::Date::now() {
                return Err(Error::fixed(Message::Expired));
            }
        }
        let parsed = frame::parse_url(url).ok_or_else(|| Error::fixed(Message::UrlNotAbsolute))?;
        let (protocol, origin) = (parsed.protocol(), parsed.origin());
        let allowed = check_modal_url(
            UrlParts {
                protocol: &protocol,
                origin: &origin,
                has_credentials: !parsed.username().is_empty() || !parsed.password().is_empty(),
            },
            options.allow_insecure_localhost,
            options.allowed_origins,
        )?;
        let fullscreen = options.container.is_none();
        // A hidden modal covers nothing yet (and is not checked when it shows: documented).
        if fullscreen && !options.hidden && frame::modal_dialog_open(document) {
            return Err(Error::fixed(Message::UnderModalDialog));
        }
        let parent: Element = match options.container {
            Some(container) => container,
            None => frame::body(document).ok_or_else(|| Error::fixed(Message::NoBody))?,
        };

        destroy_current();

        let iframe = frame::build(
            document,
            &parent,
            &parsed,
            &options.title,
            fullscreen.then_some(options.z_index),
            options.hidden,
        );

        let (settled, resolve) = frame::deferred();
        let link = frame::listen(
            commands,
            // Past i32::MAX ms, `setTimeout` fires at once.
            options.ready_timeout_ms.min(i32::MAX as u32),
            &iframe,
        );
        let shared = Rc::new(Shared {
            origin: parsed.origin_js(),
            guard: MessageGuard::with_names(names(), &allowed),
            iframe,
            fullscreen,
            inert_page: fullscreen && options.inert_page,
            lifecycle: RefCell::new(Lifecycle::new(false)),
            emitter: Emitter::default(),
            link,
            refused_origin: Cell::new(None),
            resolve,
            settled,
        });

        // `CURRENT` owns the modal until it is torn down.
        CURRENT.set(Some(Rc::clone(&shared)));

        if !options.hidden {
            shared.request_visibility(true);
        }
        // The frame goes in last: the browser starts its page (on another site, in a process
        // of its own) as it goes in, which slows what the page's code does after. Not once
        // torn down, by the page's code that the show ran (an element that observes `inert`).
        if !shared.is_destroyed() {
            if !frame::insert(&shared.iframe) {
                shared.destroy();
                return Err(Error::fixed(Message::ContainerRefused));
            }
            // A parent's own `appendChild` (a component's) runs the page's code, which may have
            // ended this modal meanwhile: its frame does not stay.
            if shared.is_destroyed() {
                shared.iframe.remove();
            }
        }
        Ok(shared)
    }

    /// A `message` event of the page: checked, then carried out or dropped.
    fn on_message(&self, event: &RawMessageEvent) {
        // Read here, not at mount: read while a cross-site page is still loading, it makes the
        // browser build a script context for the blank document that page replaces.
        let window = self.iframe.content_window().map(JsValue::from);
        let message = PageMessage {
            event,
            window: window.as_ref(),
        };
        match self.guard.check(&message) {
            Ok(valid) => {
                let step = self.lifecycle.borrow_mut().on_event(valid.kind, valid.internal);
                if step.ended_hidden {
                    self.apply(step, EventKind::Closed, &closed(ClosedReason::Hidden));
                } else {
                    self.apply(step, valid.kind, &valid.event);
                }
            }
            Err(reason) => {
                if reason == RejectReason::Origin {
                    self.note_refused_origin(message.origin());
                }
                self.reject(reason, event);
            }
        }
    }

    /// Keeps the first origin its own frame sent a refused message from, to name if it times
    /// out: only the text of one that could be allowed (a page's script may have made the event,
    /// its `origin` anything; `"null"`, an opaque origin, can be listed nowhere).
    fn note_refused_origin(&self, origin: JsValue) {
        let first = self.refused_origin.take();
        let nameable = origin.is_string() && origin != "null";
        self.refused_origin
            .set(first.or_else(|| nameable.then_some(origin)));
    }

    /// The ready timer ran out.
    fn on_ready_timeout(&self) {
        let step = self.lifecycle.borrow_mut().on_ready_timeout();
        let origin = self.refused_origin.take().unwrap_or(JsValue::UNDEFINED);
        self.apply(step, EventKind::Failed, &timeout_event(&origin));
    }

    /// Escape was pressed in the page: closes the modal if it is a shown overlay, not ready
    /// yet. A modal inside a container covers nothing else, and leaves the key to the page.
    fn on_dismiss(&self) {
        if !self.fullscreen {
            return;
        }
        let step = self.lifecycle.borrow_mut().on_dismiss();
        self.apply(step, EventKind::Closed, &closed(ClosedReason::Dismissed));
    }

    /// The page's CSP refused a load: fails the modal at once if that load was its iframe's
    /// (a frame directive, and the modal's origin), before it was ready.
    fn on_violation(&self, directive: &JsValue, blocked_uri: &JsValue) {
        // The directive and the origin are compared as JavaScript strings (`===`), with no copy
        // into Rust.
        let is_frame_directive = FRAME_DIRECTIVES.iter().any(|name| directive == name);
        let blocked_origin = frame::parse_url(blocked_uri).map(|url| url.origin_js());
        if is_frame_directive && blocked_origin.as_ref() == Some(&self.origin) {
            let step = self.lifecycle.borrow_mut().on_frame_blocked();
            self.apply(step, EventKind::Failed, &frame_blocked_event());
        }
    }

    fn reject(&self, reason: RejectReason, event: &RawMessageEvent) {
        // Most pages have no onReject: then a dropped message costs no string at all.
        if self.emitter.has(Channel::Rejects) {
            self.emitter
                .emit(Channel::Rejects, &reject_reason_name(reason as u32), event);
        }
    }

    /// Carries out one step of the lifecycle. No borrow is held while callbacks run.
    fn apply(&self, step: Step, kind: EventKind, event: &JsValue) {
        if step.ready {
            self.cancel_timer();
        }
        if let Some(visible) = step.visibility {
            self.set_visible(visible);
        }
        if step.ready {
            self.present_when_ready();
        }
        if step.teardown {
            self.teardown_dom();
        }
        if step.settle {
            self.settle(event);
        }
        match (step.delivery, Topic::for_kind(kind)) {
            (Delivery::Typed, Some(topic)) => {
                self.emitter
                    .emit(Channel::Events(topic), event, &JsValue::UNDEFINED);
                self.emitter
                    .emit(Channel::Events(Topic::Any), event, &JsValue::UNDEFINED);
            }
            (Delivery::Typed | Delivery::CatchAllOnly, _) => {
                self.emitter
                    .emit(Channel::Events(Topic::Any), event, &JsValue::UNDEFINED)
            }
            (Delivery::Nobody, _) => {}
        }
        if step.teardown {
            self.emitter.close();
        }
    }

    fn cancel_timer(&self) {
        self.link.stop(false);
    }

    fn settle(&self, event: &JsValue) {
        self.resolve.with(event);
    }

    fn set_visible(&self, visible: bool) {
        if visible {
            frame::show(&self.iframe, self.fullscreen, self.inert_page);
            self.present_when_ready();
        } else {
            frame::hide(&self.iframe);
        }
    }

    /// Puts the modal in the top layer (or into view) and focus into it once it is both shown
    /// and loaded: doing either to a frame still loading helps nobody and makes the browser
    /// compute the page's styles during `embedAnonModal`.
    fn present_when_ready(&self) {
        let lifecycle = self.lifecycle.borrow();
        if lifecycle.is_ready() && lifecycle.is_visible() && !lifecycle.is_torn_down() {
            drop(lifecycle);
            let inline = !self.fullscreen;
            frame::present(&self.iframe, inline);
        }
    }

    fn teardown_dom(&self) {
        self.link.stop(true);
        // Hidden whatever the lifecycle says: a hide puts back only what a show changed, and a
        // show whose hide the page's code had dropped (`serially` in src/js/serially.js) still
        // needs it.
        frame::hide(&self.iframe);
        self.iframe.remove();
        let current = CURRENT.take();
        if !current
            .as_ref()
            .is_some_and(|modal| core::ptr::eq(&**modal, self))
        {
            CURRENT.set(current);
        }
    }

    /// Shows (`true`) or hides (`false`) the modal at the host's request.
    pub(crate) fn request_visibility(&self, visible: bool) {
        let step = self.lifecycle.borrow_mut().on_visibility_request(visible);
        if let Some(visible) = step.visibility {
            self.set_visible(visible);
        }
    }

    /// Tears the modal down without calling any callback; idempotent. `settled` resolves with
    /// a `closed` event whose reason is `destroyed`.
    pub(crate) fn destroy(&self) {
        self.tear_down_quietly(&closed(ClosedReason::Destroyed));
    }

    /// Tears the modal down without calling any callback, settling with `event` if nothing
    /// settled it yet; idempotent.
    fn tear_down_quietly(&self, event: &JsValue) {
        let step = self.lifecycle.borrow_mut().on_destroy();
        if !step.teardown {
            return; // already torn down
        }
        self.apply(
            Step {
                delivery: Delivery::Nobody,
                ..step
            },
            EventKind::Closed,
            event,
        );
    }

    /// The link the JavaScript handle sends its commands through.
    #[cfg(feature = "js-api")]
    pub(crate) fn link(&self) -> &frame::Link {
        &self.link
    }

    pub(crate) fn is_destroyed(&self) -> bool {
        self.lifecycle.borrow().is_torn_down()
    }

    pub(crate) fn iframe(&self) -> &HtmlIFrameElement {
        &self.iframe
    }

    pub(crate) fn settled(&self) -> &Promise {
        &self.settled
    }
}

/// Tears down the modal mounted before, which settles with `reason: "replaced"`. Its teardown
/// gives focus back, and a `focus` handler of the page may mount another modal meanwhile: that
/// one is replaced too, so no modal is left mounted that `CURRENT` does not own.
fn destroy_current() {
    // Taken, not read: the next modal replaces it anyway.
    while let Some(previous) = CURRENT.take() {
        previous.tear_down_quietly(&closed(ClosedReason::Replaced));
    }
}

/// A mounted Anon modal, for Rust callers.
///
/// Dropping it destroys the modal (gloo style); call [`AnonModal::detach`] to let the modal
/// live on until the user closes it.
///
/// # Examples
/// ```no_run
/// use anon_modal::{AnonModal, ModalOptions, Topic};
/// let modal = AnonModal::embed("https://dashboard.anon.com/modal?token=...", ModalOptions::default())?;
/// modal.on(Topic::Completed, |event| {
///     let _migration = event.data_field("migration_id");
/// }).detach();
/// modal.detach();
/// # Ok::<(), anon_modal::Error>(())
/// ```
#[derive(Debug)]
#[must_use = "dropping the handle destroys the modal; call detach() to keep it"]
pub struct AnonModal {
    shared: Rc<Shared>,
    removed: Promise,
    detached: bool,
}

/// An event the modal sent, as handed to Rust callbacks: the same bounded copy JavaScript
/// callbacks get.
#[derive(Debug, Clone)]
pub struct ModalEvent {
    object: JsValue,
}

impl ModalEvent {
    /// `event.type`, e.g. `"migration_modal.completed"`.
    pub fn event_type(&self) -> String {
        self.field(TYPE_KEY).unwrap_or_default()
    }

    /// The kind of event.
    pub fn kind(&self) -> EventKind {
        EventKind::from_type(&self.event_type())
    }

    /// A string field of the event itself, such as `id`, or the `code` and `reason` of the
    /// events the package sends: the event's own, never one the page added to
    /// `Object.prototype`.
    pub fn field(&self, name: &str) -> Option<String> {
        crate::js_value::field(&self.object, &name.into()).as_string()
    }

    /// A string field of the event's `data`, where Anon's modal puts the user and migration
    /// context (`user_id`, `migration_id`) and a step's `modal_step` and `error_message`: its
    /// own, as [`ModalEvent::field`].
    pub fn data_field(&self, name: &str) -> Option<String> {
        let data = crate::js_value::field(&self.object, &crate::event::DATA_KEY.into());
        crate::js_value::field(&data, &name.into()).as_string()
    }

    /// The event as a JavaScript object.
    pub fn as_js(&self) -> &JsValue {
        &self.object
    }
}

/// An event handed over as a JavaScript value: what [`AnonModal::settled`] resolves with.
impl From<JsValue> for ModalEvent {
    fn from(object: JsValue) -> ModalEvent {
        ModalEvent { object }
    }
}

/// Shows, hides or destroys a modal without owning it: `Clone`, and safe to capture in the
/// modal's own callbacks, since it does not keep the modal mounted (an `AnonModal` captured
/// there would). Once the modal is gone, each call does nothing.
#[derive(Debug, Clone)]
pub struct ModalControl {
    shared: Weak<Shared>,
}

impl ModalControl {
    /// As [`AnonModal::show`].
    pub fn show(&self) {
        if let Some(shared) = self.shared.upgrade() {
            shared.request_visibility(true);
        }
    }

    /// As [`AnonModal::hide`].
    pub fn hide(&self) {
        if let Some(shared) = self.shared.upgrade() {
            shared.request_visibility(false);
        }
    }

    /// As [`AnonModal::destroy`].
    pub fn destroy(&self) {
        if let Some(shared) = self.shared.upgrade() {
            shared.destroy();
        }
    }

    /// `true` once the modal is torn down.
    pub fn is_destroyed(&self) -> bool {
        self.shared.upgrade().is_none_or(|shared| shared.is_destroyed())
    }
}

/// A Rust callback's subscription: dropping it unsubscribes and drops the callback, with what
/// it captured, unless it is detached.
#[derive(Debug)]
#[must_use = "dropping a Subscription unsubscribes; call detach() to keep it for the modal's life"]
pub struct Subscription {
    unsubscribe: Function,
    listener: Option<RustListener>,
}

impl Subscription {
    fn new(shared: &Shared, channel: Channel, listener: RustListener) -> Subscription {
        Subscription {
            unsubscribe: shared
                .emitter
                .add(channel, listener.as_ref().unchecked_ref(), false),
            listener: Some(listener),
        }
    }

    /// Keeps the callback until the modal is torn down, which lets go of it: the closure, with
    /// what it captured, is then dropped when the JavaScript garbage collector frees its
    /// function (keep the `Subscription` instead where a captured value's `Drop` must run at
    /// once).
    pub fn detach(mut self) {
        if let Some(listener) = self.listener.take() {
            // The emitter's list holds the function until teardown.
            let _ = listener.into_js_value();
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(listener) = self.listener.take() {
            let _ = self.unsubscribe.call0(&JsValue::UNDEFINED);
            // Dropped while it runs (a callback that drops its own subscription), wasm-bindgen
            // frees it once the call returns.
            drop(listener);
        }
    }
}

impl AnonModal {
    /// Mounts the modal on a signed `url` from `POST /api/v1/migration-modal`.
    ///
    /// # Errors
    /// An [`Error`] whose [`ErrorCode`](crate::ErrorCode) is `NoDocument`, `Expired`,
    /// `InvalidUrl`, `OriginNotAllowed`, `InvalidOrigin`, `InvalidOption` or `DialogOpen`.
    pub fn embed(url: &str, options: ModalOptions) -> Result<AnonModal, Error> {
        // Built for another target (the server half of an app that renders on the server),
        // there is no page: the same error as in a browser without one.
        if cfg!(not(target_arch = "wasm32")) {
            return Err(Error::fixed(Message::NoDocument));
        }
        // As in JavaScript: a time before 1973 in milliseconds is a Unix time in seconds, which
        // would otherwise be refused as long expired.
        if let Some(seconds) = options
            .expires_at_ms
            .filter(|&ms| ms > 0.0 && ms < crate::clock::SECONDS_BELOW as f64)
        {
            // Written as JavaScript writes the number, as the same mistake there is.
            let text = js_sys::Number::from(seconds)
                .to_string_with_radix(10)
                .map(String::from);
            return Err(Error::new(Message::ExpiresInSeconds, text.unwrap_or_default()));
        }
        let document = frame::page_document().ok_or_else(|| Error::fixed(Message::NoDocument))?;
        let shared = Shared::mount(&document, &url.into(), options, &rust_commands())?;
        let removed = shared.link.removed();
        Ok(AnonModal {
            shared,
            removed,
            detached: false,
        })
    }

    /// Calls `callback` for each event of `topic` (a dropped message is not an event: see
    /// [`AnonModal::on_reject`]).
    ///
    /// A callback should not own its modal: an `Rc<AnonModal>` captured by a detached callback
    /// of the same modal keeps both alive, and the modal is never dropped, so never destroyed.
    /// Keep the handle where the app keeps its state; a callback that shows, hides or destroys
    /// its modal captures [`AnonModal::control`] instead.
    pub fn on(&self, topic: Topic, callback: impl Fn(&ModalEvent) + 'static) -> Subscription {
        let listener = rust_listener(move |event: &JsValue, _: &JsValue| {
            callback(&ModalEvent {
                object: event.clone(),
            })
        });
        Subscription::new(&self.shared, Channel::Events(topic), listener)
    }

    /// Calls `callback` for each dropped message, with the reason.
    pub fn on_reject(
        &self,
        callback: impl Fn(RejectReason, &web_sys::MessageEvent) + 'static,
    ) -> Subscription {
        let listener = rust_listener(move |reason: &JsValue, event: &JsValue| {
            // The emitter hands on what `reject` sent: always one of the names.
            let reason = reason
                .as_string()
                .as_deref()
                .and_then(RejectReason::from_name)
                .unwrap_or(RejectReason::Schema);
            callback(reason, event.unchecked_ref())
        });
        Subscription::new(&self.shared, Channel::Rejects, listener)
    }

    /// Shows the modal: a fullscreen one locks the page's scroll, and focus moves into it once
    /// it has loaded (said `opened` or `show`); until then, the focus a fullscreen one's inert
    /// page lost goes to an unseen progress bar named as the frame, for a screen reader to
    /// announce.
    pub fn show(&self) {
        self.shared.request_visibility(true);
    }

    /// Hides the modal (restores scroll and focus); it keeps running.
    pub fn hide(&self) {
        self.shared.request_visibility(false);
    }

    /// Tears the modal down now; idempotent. No callback runs.
    pub fn destroy(&self) {
        self.shared.destroy();
    }

    /// `true` once the modal is torn down.
    pub fn is_destroyed(&self) -> bool {
        self.shared.is_destroyed()
    }

    /// A handle that shows, hides or destroys this modal without owning it, for its callbacks.
    pub fn control(&self) -> ModalControl {
        ModalControl {
            shared: Rc::downgrade(&self.shared),
        }
    }

    /// The iframe element.
    pub fn iframe(&self) -> &HtmlIFrameElement {
        self.shared.iframe()
    }

    /// A promise resolving with the first `completed`, `failed` or `closed` event; when the
    /// package ends the modal, with its own `closed` (`reason` `"destroyed"`, `"replaced"` by
    /// a newer modal, or `"dismissed"` by Escape before it opened) or `failed` (`code`
    /// `"TIMEOUT"` or `"FRAME_BLOCKED"`).
    ///
    /// # Examples
    /// ```no_run
    /// # async fn wait(modal: anon_modal::AnonModal) -> Result<(), wasm_bindgen::JsValue> {
    /// use anon_modal::{EventKind, ModalEvent};
    /// use wasm_bindgen_futures::JsFuture;
    /// let event = ModalEvent::from(JsFuture::from(modal.settled().clone()).await?);
    /// if event.kind() == EventKind::Completed {
    ///     let _migration = event.data_field("migration_id");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn settled(&self) -> &Promise {
        self.shared.settled()
    }

    /// A promise resolving (with `undefined`) once the modal is torn down, whatever tore it
    /// down: its `closed` event, the ready timeout, a page's CSP blocking it, a newer modal,
    /// `destroy()`, or the page taking its iframe out (a `failed` event the modal sends leaves
    /// it mounted).
    pub fn removed(&self) -> &Promise {
        &self.removed
    }

    /// Lets the modal live on after this handle is dropped, until it is closed.
    pub fn detach(mut self) {
        self.detached = true;
    }
}

impl Drop for AnonModal {
    fn drop(&mut self) {
        if !self.detached {
            self.shared.destroy();
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The server half of an app that renders on the server builds this module too: embedding
    /// there is the error a page without a document gets, never a panic.
    #[test]
    fn embed_without_a_browser_is_no_document() {
        let options = ModalOptions {
            allowed_origins: Some(crate::origin::AllowList::parse(["https://dashboard.anon.com"]).unwrap()),
            ..ModalOptions::default()
        };
        let error = AnonModal::embed("https://dashboard.anon.com/modal/abc", options).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::NoDocument);
    }
}
