//! The Rust API as a Rust app (Leptos, Yew, Dioxus) calls it: `AnonModal`, its `Subscription`s
//! and `ModalEvent`s.

use super::*;

#[wasm_bindgen_test]
fn rust_callers_subscribe_with_closures_until_the_subscription_drops() {
    use anon_modal::{AnonModal, ModalOptions, RejectReason, Topic};
    let rec = Recorder::new();
    let modal = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    let before = iframes();
    let from_frame = |data: &JsValue| {
        let source = modal.iframe().content_window().unwrap();
        dispatch(data, ANON, Some(&source.into()));
    };
    let r = rec.clone();
    let opened_sub = modal.on(Topic::Opened, move |event| {
        r.push(&format!(
            "opened:{}",
            event.data_field("user_id").unwrap_or_default()
        ));
    });
    let r = rec.clone();
    modal
        .on_reject(move |reason, event| r.push(&format!("reject:{reason:?}:{}", event.origin())))
        .detach();
    from_frame(&opened());
    dispatch(&opened(), "https://evil.example", None);
    drop(opened_sub);
    from_frame(&opened());
    assert_eq!(rec.take(), ["opened:u_1", "reject:Source:https://evil.example"]);
    assert_eq!(RejectReason::Source.as_str(), "SOURCE");
    drop(modal);
    assert_eq!(
        iframes(),
        before - 1,
        "dropping the Rust handle destroys the modal"
    );
}

/// A Rust callback, with what it captured, is dropped with its subscription: a captured value's
/// `Drop` (a channel's sender) marks the end at once. A detached one is kept while the modal
/// lives. A callback may drop its own subscription while it runs.
#[wasm_bindgen_test]
fn rust_callbacks_are_dropped_with_their_subscription() {
    use anon_modal::{AnonModal, ModalOptions, Subscription, Topic};
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    struct Flag(Rc<Cell<bool>>);
    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let (subscribed, detached) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
    let modal = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    let flag = Flag(subscribed.clone());
    let subscription = modal.on(Topic::Opened, move |_| {
        let _kept = &flag;
    });
    let flag = Flag(detached.clone());
    modal
        .on(Topic::Closed, move |_| {
            let _kept = &flag;
        })
        .detach();
    drop(subscription);
    assert!(subscribed.get(), "dropped with its subscription");
    assert!(!detached.get(), "kept while the modal lives");

    let calls = Rc::new(Cell::new(0));
    let own: Rc<RefCell<Option<Subscription>>> = Rc::default();
    let (count, slot) = (calls.clone(), own.clone());
    let once = modal.on(Topic::Opened, move |_| {
        count.set(count.get() + 1);
        drop(slot.borrow_mut().take());
    });
    *own.borrow_mut() = Some(once);
    let source: JsValue = modal.iframe().content_window().unwrap().into();
    dispatch(&opened(), ANON, Some(&source));
    dispatch(&opened(), ANON, Some(&source));
    assert_eq!(calls.get(), 1, "its own drop unsubscribed it");

    modal.destroy();
}

/// What a Rust app awaits: the settling event, read through the same getters its callbacks get.
#[wasm_bindgen_test]
async fn rust_callers_await_the_settling_event_as_a_modal_event() {
    use anon_modal::{AnonModal, EventKind, ModalEvent, ModalOptions};
    let modal = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    let source: JsValue = modal.iframe().content_window().unwrap().into();
    let data = js_sys::JSON::parse(r#"{"migration_id": "mig_9"}"#).unwrap();
    let completed = envelope(
        "migration_modal.completed",
        &[("id", "evt_9".into()), ("data", data)],
    );
    dispatch(&completed, ANON, Some(&source));
    let settled = wasm_bindgen_futures::JsFuture::from(modal.settled().clone());
    let event = ModalEvent::from(settled.await.unwrap());
    assert_eq!(event.kind(), EventKind::Completed);
    assert_eq!(event.event_type(), "migration_modal.completed");
    assert_eq!(event.data_field("migration_id").as_deref(), Some("mig_9"));
    assert_eq!(event.field("id").as_deref(), Some("evt_9"));
    assert_eq!(event.field("migration_id"), None, "the context is in data");

    let closed = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    closed.destroy();
    let settled = wasm_bindgen_futures::JsFuture::from(closed.settled().clone());
    let event = ModalEvent::from(settled.await.unwrap());
    assert_eq!(event.kind(), EventKind::Closed);
    assert_eq!(event.field("reason").as_deref(), Some("destroyed"));
    // A field the event lacks is not read from what a page's script added to the prototypes.
    page_script("Object.prototype.migration_id = 'mig_FORGED'; Object.prototype.data = { migration_id: 'mig_FORGED' }");
    let inherited = (event.field("migration_id"), event.data_field("migration_id"));
    page_script("delete Object.prototype.migration_id; delete Object.prototype.data");
    assert_eq!(inherited, (None, None));
    drop(modal);
}

/// A callback acts on its own modal through a `ModalControl`, which does not keep it mounted:
/// dropping the `AnonModal` still destroys it, and the control then does nothing.
#[wasm_bindgen_test]
fn a_callback_acts_on_its_modal_through_a_control_that_does_not_own_it() {
    use anon_modal::{AnonModal, ModalOptions, Topic};
    let modal = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    let control = modal.control();
    let own = control.clone();
    modal.on(Topic::Opened, move |_| own.hide()).detach();
    let display = |iframe: &web_sys::HtmlIFrameElement| iframe.style().get_property_value("display").unwrap();
    let source: JsValue = modal.iframe().content_window().unwrap().into();
    dispatch(&opened(), ANON, Some(&source));
    assert_eq!(display(modal.iframe()), "none", "hidden by its own callback");
    control.show();
    assert_eq!(display(modal.iframe()), "block");
    let iframe = modal.iframe().clone();
    drop(modal);
    assert!(!iframe.is_connected(), "the control kept nothing mounted");
    assert!(control.is_destroyed());
    control.show();
    assert!(
        !iframe.is_connected(),
        "a call after the modal is gone does nothing"
    );
}
