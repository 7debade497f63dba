//! Browser tests of the JavaScript API: run in headless Chromium and Firefox.
//!
//! Each case of shared SECURITY-CASES "Messages" and "The signed URL" has a test here, named
//! after its number, asserting what the page would see: which callbacks ran (none, for a
//! dropped message), which reason `onReject` got, or which error code was thrown.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn opened() -> JsValue {
    envelope("migration_modal.opened", &[("user_id", "u_1".into())])
}

/// Embeds a modal on MODAL_URL with every callback recording.
fn recorded() -> (Recorder, ModalHandle) {
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[]));
    (rec, modal)
}

/// Sends `data` as if from the modal and returns what the page saw.
fn hostile(origin: &str, data: &JsValue) -> Vec<String> {
    let (rec, modal) = recorded();
    dispatch(data, origin, Some(&frame_window(&modal)));
    let seen = rec.take();
    modal.destroy();
    seen
}

// ---- The chain works: a real iframe with the right attributes --------------------------------

#[wasm_bindgen_test]
fn mounts_a_fullscreen_iframe_with_safe_attributes() {
    let before = iframes();
    let (_rec, modal) = recorded();
    let iframe = modal.iframe();
    assert_eq!(iframes(), before + 1);
    assert_eq!(iframe.src(), MODAL_URL);
    assert_eq!(
        iframe.get_attribute("sandbox").unwrap(),
        "allow-scripts allow-same-origin allow-forms allow-popups"
    );
    assert_eq!(
        iframe.get_attribute("allow").unwrap(),
        "clipboard-read; clipboard-write"
    );
    assert_eq!(iframe.get_attribute("referrerpolicy").unwrap(), "strict-origin");
    // src/frame.js writes them as src/modal.rs documents them.
    assert_eq!(
        iframe.get_attribute("sandbox").unwrap(),
        anon_modal::modal::SANDBOX
    );
    assert_eq!(iframe.get_attribute("allow").unwrap(), anon_modal::modal::ALLOW);
    assert_eq!(
        iframe.get_attribute("referrerpolicy").unwrap(),
        anon_modal::modal::REFERRER_POLICY
    );
    assert_eq!(iframe.title(), "Anon data migration");
    assert!(iframe.get_attribute("style").unwrap().contains("position: fixed"));
    assert_eq!(iframe.style().get_property_value("display").unwrap(), "block");
    assert_eq!(body_overflow(), "hidden");
    modal.destroy();
    assert_eq!(iframes(), before);
    assert_eq!(body_overflow(), "");
    assert!(modal.destroyed());
}

#[wasm_bindgen_test]
fn the_iframe_loads_the_reserialized_url() {
    // The browser's parser normalizes; the iframe gets what was checked, not the raw string.
    let modal = embed(
        "HTTPS://Dashboard.Anon.com:443/modal?token=a b",
        JsValue::UNDEFINED,
    );
    assert_eq!(
        modal.iframe().src(),
        "https://dashboard.anon.com/modal?token=a%20b"
    );
    modal.destroy();
}

// ---- Full flow and lifecycle -------------------------------------------------------------------

#[wasm_bindgen_test]
fn full_flow_calls_back_in_order_and_tears_down_on_closed() {
    let (rec, modal) = recorded();
    let iframe = modal.iframe();
    from_modal(&modal, &opened());
    from_modal(&modal, &internal("migration_modal.hide"));
    assert_eq!(iframe.style().get_property_value("display").unwrap(), "none");
    from_modal(&modal, &internal("migration_modal.show"));
    assert_eq!(iframe.style().get_property_value("display").unwrap(), "block");
    from_modal(
        &modal,
        &envelope("migration_modal.completed", &[("migration_id", "mig_1".into())]),
    );
    from_modal(&modal, &envelope("migration_modal.closed", &[]));
    assert_eq!(
        rec.take(),
        [
            "opened:migration_modal.opened",
            "event:migration_modal.opened",
            "completed:migration_modal.completed",
            "event:migration_modal.completed",
            "closed:migration_modal.closed",
            "event:migration_modal.closed",
        ]
    );
    assert!(!iframe.is_connected(), "closed removes the iframe");
    assert!(modal.destroyed());
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        Vec::<String>::new(),
        "nothing after closed, not even onReject"
    );
}

#[wasm_bindgen_test]
async fn settled_resolves_with_the_first_terminal_event() {
    let (_rec, modal) = recorded();
    from_modal(
        &modal,
        &envelope("migration_modal.completed", &[("migration_id", "mig_9".into())]),
    );
    from_modal(&modal, &envelope("migration_modal.failed", &[]));
    let value = wasm_bindgen_futures::JsFuture::from(modal.settled())
        .await
        .unwrap();
    assert_eq!(
        Reflect::get(&value, &"type".into()).unwrap(),
        "migration_modal.completed"
    );
    assert_eq!(Reflect::get(&value, &"migration_id".into()).unwrap(), "mig_9");
    modal.destroy();
}

#[wasm_bindgen_test]
async fn destroy_settles_with_a_destroyed_close_and_calls_nothing() {
    let (rec, modal) = recorded();
    modal.destroy();
    modal.destroy();
    let value = wasm_bindgen_futures::JsFuture::from(modal.settled())
        .await
        .unwrap();
    assert_eq!(Reflect::get(&value, &"reason".into()).unwrap(), "destroyed");
    assert_eq!(rec.take(), Vec::<String>::new());
}

#[wasm_bindgen_test]
fn on_once_off_and_unsubscribe() {
    let (rec, modal) = recorded();
    let unsubscribe: js_sys::Function = modal
        .on("migration_modal.opened".into(), rec.callback("on"))
        .unwrap()
        .unchecked_into();
    modal
        .once("migration_modal.opened".into(), rec.callback("once"))
        .unwrap();
    let cb = rec.callback("off");
    modal.on("*".into(), cb.clone()).unwrap();
    modal.off("*".into(), cb).unwrap();
    from_modal(&modal, &opened());
    from_modal(&modal, &opened());
    unsubscribe.call0(&JsValue::NULL).unwrap();
    from_modal(&modal, &opened());
    let seen: Vec<String> = rec
        .delivered()
        .into_iter()
        .filter(|e| !e.starts_with("opened:") && !e.starts_with("event:"))
        .collect();
    assert_eq!(
        seen,
        [
            "on:migration_modal.opened",
            "once:migration_modal.opened",
            "on:migration_modal.opened"
        ]
    );
    modal.destroy();
    unsubscribe
        .call0(&JsValue::NULL)
        .expect("unsubscribing after destroy is a no-op");
    // Not event types of `on()`: a prototype name, an internal type, a non-string.
    for name in [
        JsValue::from("constructor"),
        JsValue::from("migration_modal.show"),
        JsValue::from(0),
    ] {
        let err = modal.on(name.clone(), rec.callback("x")).unwrap_err();
        assert_eq!(error_code(&err), "INVALID_ARGUMENT", "{name:?}");
        let err = modal.off(name, rec.callback("x")).unwrap_err();
        assert_eq!(error_code(&err), "INVALID_ARGUMENT");
    }
    let err = modal.on("*".into(), JsValue::from(5)).unwrap_err();
    assert_eq!(error_code(&err), "INVALID_ARGUMENT");
}

#[wasm_bindgen_test]
fn each_event_name_of_on_hears_its_own_type() {
    const TYPES: [&str; 4] = [
        "migration_modal.opened",
        "migration_modal.completed",
        "migration_modal.closed",
        "migration_modal.failed",
    ];
    for sent in TYPES {
        let rec = Recorder::new();
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        for name in TYPES.into_iter().chain(["*"]) {
            modal.on(name.into(), rec.callback(name)).unwrap();
        }
        from_modal(&modal, &envelope(sent, &[]));
        assert_eq!(rec.take(), [format!("{sent}:{sent}"), format!("*:{sent}")]);
        modal.destroy();
    }
}

#[wasm_bindgen_test]
fn the_handle_is_frozen_its_methods_need_no_this_and_do_nothing_after_teardown() {
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    assert!(Object::is_frozen(modal.unchecked_ref::<Object>()));
    let iframe = modal.iframe();
    let method =
        |name: &str| -> js_sys::Function { Reflect::get(&modal, &name.into()).unwrap().unchecked_into() };
    // Called on their own, as `const { hide, show } = modal` would.
    method("hide").call0(&JsValue::UNDEFINED).unwrap();
    assert_eq!(iframe.style().get_property_value("display").unwrap(), "none");
    method("show").call0(&JsValue::UNDEFINED).unwrap();
    assert_eq!(iframe.style().get_property_value("display").unwrap(), "block");

    // A callback of the closing event, and any code after it, may still call every method.
    let m = modal.clone();
    let r = rec.clone();
    let calls_everything = Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| {
        m.show();
        m.hide();
        m.destroy();
        r.push(&format!("closed, destroyed: {}", m.destroyed()));
    })
    .into_js_value();
    modal
        .on("migration_modal.closed".into(), calls_everything)
        .unwrap();
    from_modal(&modal, &envelope("migration_modal.closed", &[]));
    assert_eq!(rec.take(), ["closed, destroyed: true"]);
    for name in ["show", "hide", "destroy"] {
        method(name)
            .call0(&JsValue::UNDEFINED)
            .unwrap_or_else(|e| panic!("{name}() after teardown threw {e:?}"));
    }
    assert!(!iframe.is_connected());
    assert_eq!(body_overflow(), "", "no scroll lock came back");
}

#[wasm_bindgen_test]
fn hidden_mounts_without_showing_and_show_reveals() {
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[("hidden", true.into())]));
    let display = || modal.iframe().style().get_property_value("display").unwrap();
    assert_eq!(display(), "none");
    assert_eq!(body_overflow(), "");
    from_modal(&modal, &internal("migration_modal.show"));
    assert_eq!(display(), "block");
    modal.hide();
    assert_eq!(display(), "none");
    modal.show();
    assert_eq!(display(), "block");
    assert_eq!(
        rec.take(),
        Vec::<String>::new(),
        "internal events are not forwarded"
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn focus_moves_into_the_modal_once_open_and_back() {
    let button = document().create_element("button").unwrap();
    document().body().unwrap().append_child(&button).unwrap();
    button.unchecked_ref::<web_sys::HtmlElement>().focus().unwrap();
    let (_rec, modal) = recorded();
    assert_eq!(
        document().active_element().unwrap(),
        button,
        "focus stays put while the modal loads"
    );
    from_modal(&modal, &opened());
    assert_eq!(
        document().active_element().unwrap(),
        modal.iframe().into(),
        "focus is in the modal once open"
    );
    modal.destroy();
    assert_eq!(document().active_element().unwrap(), button, "focus is restored");
    button.remove();
}

#[wasm_bindgen_test]
fn container_option_mounts_inline() {
    let host = document().create_element("div").unwrap();
    host.set_id("modal-host");
    document().body().unwrap().append_child(&host).unwrap();
    let modal = embed(
        MODAL_URL,
        Recorder::new().options(&[("container", "#modal-host".into())]),
    );
    assert_eq!(modal.iframe().parent_element().unwrap(), host);
    assert!(!modal.iframe().get_attribute("style").unwrap().contains("fixed"));
    assert_eq!(body_overflow(), "", "no scroll lock inline");
    modal.destroy();
    let code = embed_error(
        &MODAL_URL.into(),
        Recorder::new().options(&[("container", "#nope".into())]),
    );
    assert_eq!(code, "INVALID_OPTION");
    // A container that refuses the iframe: an error, not an exception through the wasm.
    let refusing =
        js_sys::Function::new_with_args("host", "host.appendChild = () => { throw new Error('no'); }");
    refusing.call1(&JsValue::UNDEFINED, &host).unwrap();
    let before = iframes();
    let code = embed_error(
        &MODAL_URL.into(),
        Recorder::new().options(&[("container", host.clone().into())]),
    );
    assert_eq!(code, "INVALID_OPTION");
    assert_eq!(iframes(), before);
    host.remove();
}

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
        r.push(&format!("opened:{}", event.field("user_id").unwrap_or_default()));
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

#[wasm_bindgen_test]
async fn embedding_again_replaces_the_first_modal() {
    let first_rec = Recorder::new();
    let first = embed(MODAL_URL, first_rec.options(&[("readyTimeoutMs", 20.into())]));
    let first_window = frame_window(&first);
    let second_rec = Recorder::new();
    let second = embed(MODAL_URL, second_rec.options(&[("readyTimeoutMs", 0.into())]));
    assert!(first.destroyed(), "the first modal was destroyed");
    assert!(!first.iframe().is_connected());
    assert_eq!(iframes(), 1);
    dispatch(&opened(), ANON, Some(&first_window));
    assert_eq!(
        first_rec.take(),
        Vec::<String>::new(),
        "SECURITY-CASES 18: an earlier instance hears nothing"
    );
    // Every listener hands what it hears to the modal that is listening now: what the first
    // modal's handle and timer send must stop with the first modal, never reach the second.
    first.hide();
    first.destroy();
    sleep(60).await;
    assert!(
        !second.destroyed(),
        "the first handle's destroy() left the second modal alone"
    );
    assert_eq!(
        second.iframe().style().get_property_value("display").unwrap(),
        "block",
        "the first handle's hide() did not hide the second"
    );
    assert_eq!(
        second_rec.take(),
        ["reject:SOURCE"],
        "the second modal drops the first frame's message by source, and the first modal's \
         ready timer never fired"
    );
    second.destroy();
}

#[wasm_bindgen_test]
fn a_page_without_a_body_yet_is_told_to_wait_for_it() {
    // A script in <head> runs before the body exists.
    let html = document().document_element().unwrap();
    let body = document().body().unwrap();
    html.remove_child(&body).unwrap();
    let error = embed_js(MODAL_URL.into(), JsValue::UNDEFINED).map(|_| ());
    html.append_child(&body).unwrap();
    let error = error.unwrap_err();
    assert_eq!(error_code(&error), "NO_DOCUMENT");
    let message = Reflect::get(&error, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("once the page has loaded"), "{message}");
}

#[wasm_bindgen_test]
fn option_types_are_checked() {
    for (key, value) in [
        ("readyTimeoutMs", JsValue::from("10")),
        ("readyTimeoutMs", JsValue::from(-1)),
        ("zIndex", JsValue::from(1.5)),
        ("hidden", JsValue::from("yes")),
        ("onCompleted", JsValue::from("not a function")),
        ("allowedOrigins", JsValue::from("https://dashboard.anon.com")),
        ("allowedOrigins", Array::new().into()),
        (
            "allowedOrigins",
            Array::of2(&ANON.into(), &JsValue::from(5)).into(),
        ),
        ("expiresAt", JsValue::from("not a date")),
        // `new Date` would take these as times (0 and 1 ms): still the wrong type, not EXPIRED.
        ("expiresAt", JsValue::NULL),
        ("expiresAt", JsValue::TRUE),
        ("title", JsValue::from("")),
    ] {
        let options = Object::new();
        Reflect::set(&options, &key.into(), &value).unwrap();
        assert_eq!(
            embed_error(&MODAL_URL.into(), options.into()),
            "INVALID_OPTION",
            "{key}"
        );
    }
    assert_eq!(embed_error(&MODAL_URL.into(), 42.into()), "INVALID_OPTION");
    let bad_origin = Object::new();
    Reflect::set(
        &bad_origin,
        &"allowedOrigins".into(),
        &Array::of1(&"https://x.com/path".into()),
    )
    .unwrap();
    assert_eq!(
        embed_error(&MODAL_URL.into(), bad_origin.into()),
        "INVALID_ORIGIN"
    );
}

#[wasm_bindgen_test]
fn allowed_origins_take_the_browsers_canonical_form() {
    use anon_modal::origin::{Origin, OriginError};
    for (input, canonical) in [
        ("https://dashboard.anon.com", "https://dashboard.anon.com"),
        ("HTTPS://Dashboard.ANON.com/", "https://dashboard.anon.com"),
        ("https://dashboard.anon.com:443", "https://dashboard.anon.com"),
        ("http://localhost:80", "http://localhost"),
        ("http://localhost:8081", "http://localhost:8081"),
        ("https://anon.com:8443/", "https://anon.com:8443"),
        ("http://[::1]:3000", "http://[::1]:3000"),
        ("http://[0:0::1]:3000", "http://[::1]:3000"),
        ("http://127.0.0.1:65535", "http://127.0.0.1:65535"),
        ("https://0x7f.1", "https://127.0.0.1"),
        ("https://dashboard.anon.com.", "https://dashboard.anon.com."),
        (
            "https://xn--dshboard-7fg.anon.com",
            "https://xn--dshboard-7fg.anon.com",
        ),
    ] {
        let origin = Origin::parse(input).map(|o| o.as_str().to_owned());
        assert_eq!(origin, Ok(canonical.to_owned()), "{input:?}");
    }
    for (input, why) in [
        ("https://[::1", OriginError::Host),
        ("https://[::1]x", OriginError::Host),
        ("https://[zz]", OriginError::Host),
        ("https://anon.com:65536", OriginError::Host),
        ("https://anon.com:+80", OriginError::Host),
        ("https://anon.com:8x", OriginError::Host),
        ("https://dashboard.anon.com@evil.com", OriginError::Host),
        ("https://anon.com/path", OriginError::Path),
        ("null", OriginError::Scheme),
    ] {
        assert_eq!(Origin::parse(input), Err(why), "{input:?}");
    }
    // Written any way the parser accepts, the origin matches what the modal's messages carry.
    let rec = Recorder::new();
    let written = Array::of1(&"HTTPS://Dashboard.ANON.com:443/".into());
    let modal = embed(MODAL_URL, rec.options(&[("allowedOrigins", written.into())]));
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    modal.destroy();
}

// ---- SECURITY-CASES: Messages ------------------------------------------------------------------

#[wasm_bindgen_test]
fn case_01_02_04_07_lookalike_and_wrong_origins_are_dropped() {
    for origin in [
        "https://dashboard.anon.com.evil.com",
        "https://evil-dashboard.anon.com",
        "https://dashboard.anon.co",
        "http://dashboard.anon.com",
        "https://dashboard.anon.com:8443",
        "https://evil.com",
        "https://DASHBOARD.anon.com",
    ] {
        assert_eq!(hostile(origin, &opened()), ["reject:ORIGIN"], "{origin}");
    }
}

#[wasm_bindgen_test]
fn case_03_null_origin_is_always_dropped() {
    assert_eq!(hostile("null", &opened()), ["reject:ORIGIN"]);
    let rec = Recorder::new();
    let options = rec.options(&[("allowedOrigins", Array::of2(&"null".into(), &ANON.into()).into())]);
    assert_eq!(
        embed_error(&MODAL_URL.into(), options),
        "INVALID_ORIGIN",
        "\"null\" cannot be allowed"
    );
}

#[wasm_bindgen_test]
fn case_05_right_origin_wrong_source_is_dropped() {
    let (rec, modal) = recorded();
    dispatch(&opened(), ANON, Some(&window().into()));
    let other = document()
        .create_element("iframe")
        .unwrap()
        .unchecked_into::<web_sys::HtmlIFrameElement>();
    document().body().unwrap().append_child(&other).unwrap();
    dispatch(&opened(), ANON, Some(&other.content_window().unwrap().into()));
    assert_eq!(rec.take(), ["reject:SOURCE", "reject:SOURCE"]);
    other.remove();
    modal.destroy();
}

#[wasm_bindgen_test]
async fn case_05_a_real_second_frame_on_the_modals_origin_is_rejected_by_source() {
    // The modal is on this page's own origin, so a second same-origin frame can post real,
    // perfect messages: the browser sets source and origin, and only the source check stops them.
    let rec = Recorder::new();
    let url = format!("{}/modal-fixture", own_origin());
    let modal = embed(
        &url,
        rec.options(&[
            ("allowInsecureLocalhost", true.into()),
            ("readyTimeoutMs", 0.into()),
        ]),
    );
    let intruder = extra_frame().await;
    post_from_frame(
        &intruder,
        r#"{source: "anon_modal", event: {type: "migration_modal.completed"}}"#,
    );
    sleep(50).await;
    assert_eq!(rec.take(), ["reject:SOURCE"]);
    // The modal's own frame posting the same message is accepted: the check is not too strict.
    loaded(&modal.iframe()).await;
    post_from_frame(
        &modal.iframe(),
        r#"{source: "anon_modal", event: {type: "migration_modal.completed"}}"#,
    );
    sleep(50).await;
    assert_eq!(
        rec.take(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    intruder.remove();
    modal.destroy();
}

#[wasm_bindgen_test]
fn case_06_null_source_and_removed_iframe_are_dropped() {
    let (rec, modal) = recorded();
    dispatch(&opened(), ANON, None);
    assert_eq!(rec.take(), ["reject:SOURCE"]);
    let stale = frame_window(&modal);
    modal.destroy();
    dispatch(&opened(), ANON, Some(&stale));
    assert_eq!(rec.take(), Vec::<String>::new(), "no listener left after removal");
}

#[wasm_bindgen_test]
fn case_08_initial_about_blank_document_carries_the_host_origin_and_is_dropped() {
    assert_eq!(hostile(&own_origin(), &opened()), ["reject:ORIGIN"]);
}

#[wasm_bindgen_test]
fn case_09_non_object_data_is_dropped() {
    let buffer = js_sys::ArrayBuffer::new(8);
    let blob = web_sys::Blob::new().unwrap();
    let json_string =
        JsValue::from_str(r#"{"source":"anon_modal","event":{"type":"migration_modal.completed"}}"#);
    for data in [
        json_string,
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from(42),
        Array::of1(&opened()).into(),
        buffer.into(),
        blob.into(),
    ] {
        assert_eq!(hostile(ANON, &data), ["reject:TAG"], "{data:?}");
    }
}

#[wasm_bindgen_test]
fn case_10_other_libraries_messages_are_dropped() {
    let devtools = JSON::parse(r#"{"source":"react-devtools-content-script","payload":{}}"#).unwrap();
    for data in [JsValue::from("[iFrameSizer]frame1:100:200"), devtools] {
        assert_eq!(hostile(ANON, &data), ["reject:TAG"]);
    }
}

#[wasm_bindgen_test]
fn case_11_unknown_type_reaches_only_the_catch_all() {
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.progress", &[("percent", 40.into())])
        ),
        ["event:migration_modal.progress"]
    );
}

#[wasm_bindgen_test]
fn case_12_prototype_names_as_types_reach_no_typed_callback() {
    for t in [
        "constructor",
        "__proto__",
        "toString",
        "hasOwnProperty",
        "valueOf",
    ] {
        assert_eq!(hostile(ANON, &envelope(t, &[])), [format!("event:{t}")], "{t}");
    }
}

/// [`recorded`], plus the last `completed` event a callback got (`JsValue::UNDEFINED` before).
fn recorded_keeping_the_completed_event() -> (Recorder, ModalHandle, std::rc::Rc<std::cell::RefCell<JsValue>>)
{
    let (rec, modal) = recorded();
    let seen: std::rc::Rc<std::cell::RefCell<JsValue>> = Default::default();
    let keep = seen.clone();
    let cb = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| *keep.borrow_mut() = e).into_js_value();
    modal.on("migration_modal.completed".into(), cb).unwrap();
    (rec, modal, seen)
}

#[wasm_bindgen_test]
fn case_13_proto_keys_in_the_payload_pollute_nothing() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let event = JSON::parse(
        r#"{"type":"migration_modal.completed","__proto__":{"polluted":"yes"},
            "constructor":{"prototype":{"polluted":"yes"}},"nested":{"__proto__":{"polluted":"yes"}}}"#,
    )
    .unwrap();
    from_modal(&modal, &wrap(event));
    assert_eq!(
        rec.delivered(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    let delivered = seen.borrow().clone();
    assert!(Reflect::get(&delivered, &"polluted".into())
        .unwrap()
        .is_undefined());
    assert!(
        Reflect::get(&Object::new(), &"polluted".into())
            .unwrap()
            .is_undefined(),
        "Object.prototype is clean"
    );
    let nested = Reflect::get(&delivered, &"nested".into()).unwrap();
    assert!(Reflect::get(&nested, &"polluted".into()).unwrap().is_undefined());
    assert_eq!(
        Object::get_prototype_of(&delivered),
        Object::get_prototype_of(&Object::new())
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn context_fields_are_typed_on_the_event_itself_only() {
    // The event's own context fields must be strings or null; an undefined one is left out.
    for bad in [JsValue::from(7), JsValue::TRUE, Object::new().into()] {
        assert_eq!(
            hostile(ANON, &envelope("migration_modal.opened", &[("user_id", bad)])),
            ["reject:SCHEMA"]
        );
    }
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let nested = JSON::parse(r#"{"migration_id": 7}"#).unwrap();
    from_modal(
        &modal,
        &envelope(
            "migration_modal.completed",
            &[
                ("user_id", JsValue::NULL),
                ("modal_id", JsValue::UNDEFINED),
                ("context", nested),
            ],
        ),
    );
    assert_eq!(
        rec.delivered(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ],
        "a nested object's fields are data, not context fields"
    );
    let delivered = seen.borrow().clone();
    assert!(Reflect::get(&delivered, &"user_id".into()).unwrap().is_null());
    assert!(
        !Reflect::has(&delivered, &"modal_id".into()).unwrap(),
        "undefined is left out"
    );
    let context = Reflect::get(&delivered, &"context".into()).unwrap();
    assert_eq!(Reflect::get(&context, &"migration_id".into()).unwrap(), 7);
    modal.destroy();
}

#[wasm_bindgen_test]
fn the_copy_keeps_numbers_booleans_and_plain_objects_and_leaves_out_the_rest() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let fields = [
        ("progress", JsValue::from(0.5)),
        ("ratio", JsValue::from(f64::NAN)),
        ("done", JsValue::TRUE),
        ("retried", JsValue::FALSE),
        ("list", Array::of2(&1.into(), &2.into()).into()),
        ("when", js_sys::Date::new_0().into()),
        ("call", js_sys::Function::new_no_args("return 1").into()),
        ("big", js_sys::BigInt::from(5).into()),
    ];
    from_modal(&modal, &envelope("migration_modal.completed", &fields));
    assert_eq!(
        rec.delivered(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    let delivered = seen.borrow().clone();
    let field = |name: &str| Reflect::get(&delivered, &name.into()).unwrap();
    assert_eq!(field("progress"), 0.5);
    assert!(
        field("ratio").as_f64().is_some_and(f64::is_nan),
        "NaN is a number"
    );
    assert_eq!(field("done"), JsValue::TRUE);
    assert_eq!(field("retried"), JsValue::FALSE);
    for left_out in ["list", "when", "call", "big"] {
        assert!(
            !Reflect::has(&delivered, &left_out.into()).unwrap(),
            "{left_out} is not copied"
        );
    }
    modal.destroy();
}

#[wasm_bindgen_test]
fn case_14_cyclic_and_deep_objects_do_bounded_work() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let mut deep: JsValue = Object::new().into();
    for _ in 0..10_000 {
        let parent = Object::new();
        Reflect::set(&parent, &"child".into(), &deep).unwrap();
        deep = parent.into();
    }
    for payload in [JsValue::from(cyclic), deep] {
        let data = envelope("migration_modal.completed", &[("context", payload)]);
        assert_eq!(hostile(ANON, &data), ["reject:TOO_LARGE"]);
    }
}

#[wasm_bindgen_test]
fn case_15_huge_strings_and_objects_are_capped() {
    let huge = "x".repeat(3 * 1024 * 1024);
    let many = Object::new();
    for i in 0..10_000 {
        Reflect::set(&many, &format!("k{i}").into(), &i.into()).unwrap();
    }
    let huge_array = Array::new_with_length(1_000_000);
    let start = js_sys::Date::now();
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.completed", &[("message", huge.as_str().into())])
        ),
        ["reject:TOO_LARGE"]
    );
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.completed", &[("context", many.into())])
        ),
        ["reject:TOO_LARGE"]
    );
    assert_eq!(
        hostile(ANON, &envelope(&"t".repeat(100_000), &[])),
        ["reject:SCHEMA"]
    );
    // Arrays are not copied at all, so a huge one costs nothing and the event still arrives.
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.opened", &[("list", huge_array.into())])
        ),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    assert!(js_sys::Date::now() - start < 2_000.0, "bounded work");
}

#[wasm_bindgen_test]
fn case_16_wrong_field_types_are_dropped() {
    let typed = |t: JsValue| {
        let event = Object::new();
        Reflect::set(&event, &"type".into(), &t).unwrap();
        wrap(event.into())
    };
    assert_eq!(hostile(ANON, &typed(42.into())), ["reject:SCHEMA"]);
    assert_eq!(hostile(ANON, &typed(JsValue::NULL)), ["reject:SCHEMA"]);
    assert_eq!(hostile(ANON, &wrap(Array::new().into())), ["reject:SCHEMA"]);
    assert_eq!(
        hostile(ANON, &wrap(JsValue::from("migration_modal.opened"))),
        ["reject:SCHEMA"]
    );
    let tag_array =
        JSON::parse(r#"{"source":["anon_modal"],"event":{"type":"migration_modal.opened"}}"#).unwrap();
    assert_eq!(hostile(ANON, &tag_array), ["reject:TAG"]);
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.opened", &[("migration_id", 7.into())])
        ),
        ["reject:SCHEMA"]
    );
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.show", &[("internal", "true".into())])
        ),
        ["reject:SCHEMA"]
    );
}

/// A value made by a script of the page itself: no message from another window can carry a
/// `Proxy` or a getter (structured cloning makes plain data), but the page can dispatch one.
fn page_made(script: &str) -> JsValue {
    js_sys::Function::new_no_args(script)
        .call0(&JsValue::UNDEFINED)
        .unwrap()
}

/// A `Proxy` whose `getPrototypeOf` trap throws.
fn proxy_that_throws() -> JsValue {
    page_made("return new Proxy({}, { getPrototypeOf() { throw new Error('trap'); } })")
}

/// An object whose `key` is a getter that throws, with `fields` (JSON) besides.
fn getter_that_throws(key: &str, fields: &str) -> JsValue {
    page_made(&format!(
        "return Object.defineProperty({fields}, '{key}', {{ enumerable: true, get() {{ throw new Error('getter'); }} }})"
    ))
}

#[wasm_bindgen_test]
fn values_that_cannot_be_read_are_dropped_and_the_modal_goes_on() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    // As the envelope, as the event, and as a value inside the event.
    from_modal(&modal, &proxy_that_throws());
    from_modal(&modal, &wrap(proxy_that_throws()));
    from_modal(
        &modal,
        &envelope("migration_modal.opened", &[("context", proxy_that_throws())]),
    );
    // Getters that throw: the tag, the type, then a context field (left out of the copy).
    from_modal(
        &modal,
        &getter_that_throws("source", r#"{"event": {"type": "migration_modal.opened"}}"#),
    );
    from_modal(&modal, &wrap(getter_that_throws("type", "{}")));
    let completed = getter_that_throws("migration_id", r#"{"type": "migration_modal.completed"}"#);
    from_modal(&modal, &wrap(completed));
    assert_eq!(
        rec.take(),
        [
            "reject:TAG",
            "reject:SCHEMA",
            "opened:migration_modal.opened",
            "event:migration_modal.opened",
            "reject:TAG",
            "reject:SCHEMA",
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    let delivered = seen.borrow().clone();
    assert_eq!(
        Reflect::get(&delivered, &"type".into()).unwrap(),
        "migration_modal.completed"
    );
    assert!(!Reflect::has(&delivered, &"migration_id".into()).unwrap());
    modal.destroy();
}

#[wasm_bindgen_test]
fn case_17_terminal_callbacks_fire_at_most_once() {
    let (rec, modal) = recorded();
    from_modal(&modal, &envelope("migration_modal.completed", &[]));
    from_modal(&modal, &envelope("migration_modal.completed", &[]));
    from_modal(&modal, &envelope("migration_modal.failed", &[]));
    from_modal(&modal, &envelope("migration_modal.closed", &[]));
    from_modal(&modal, &envelope("migration_modal.completed", &[]));
    assert_eq!(
        rec.take(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed",
            "closed:migration_modal.closed",
            "event:migration_modal.closed",
        ]
    );
}

#[wasm_bindgen_test]
fn case_18_nothing_after_destroy() {
    let (rec, modal) = recorded();
    let source = frame_window(&modal);
    modal.destroy();
    dispatch(&opened(), ANON, Some(&source));
    dispatch(&envelope("migration_modal.completed", &[]), ANON, Some(&source));
    assert_eq!(rec.take(), Vec::<String>::new());
}

#[wasm_bindgen_test]
fn case_19_ports_are_ignored() {
    let (rec, modal) = recorded();
    let channel = web_sys::MessageChannel::new().unwrap();
    let init = web_sys::MessageEventInit::new();
    init.set_data(&opened());
    init.set_origin(ANON);
    init.set_source(Some(frame_window(&modal).unchecked_ref()));
    init.set_ports(&Array::of1(&channel.port1()));
    let event = web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap();
    window().dispatch_event(&event).unwrap();
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn case_20_21_html_and_urls_in_payloads_stay_text() {
    let (rec, modal) = recorded();
    let html = "<img src=x onerror=\"window.__pwned=1\">";
    let kept: std::rc::Rc<std::cell::RefCell<String>> = Default::default();
    let keep = kept.clone();
    let cb = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
        *keep.borrow_mut() = Reflect::get(&e, &"error_message".into())
            .unwrap()
            .as_string()
            .unwrap()
    })
    .into_js_value();
    modal.on("migration_modal.failed".into(), cb).unwrap();
    let src_before = modal.iframe().src();
    let href_before = window().location().href().unwrap();
    from_modal(
        &modal,
        &envelope(
            "migration_modal.failed",
            &[
                ("error_message", html.into()),
                ("redirect_url", "https://evil.com/".into()),
            ],
        ),
    );
    assert_eq!(*kept.borrow(), html, "handed over as text");
    assert_eq!(
        rec.delivered(),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert_eq!(
        document().query_selector("img[src=x]").unwrap(),
        None,
        "never written to the DOM"
    );
    assert_eq!(modal.iframe().src(), src_before, "never navigated");
    assert_eq!(window().location().href().unwrap(), href_before);
    modal.destroy();
}

#[wasm_bindgen_test]
async fn case_22_no_sign_of_life_fails_with_timeout_and_tears_down() {
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[("readyTimeoutMs", 30.into())]));
    let iframe = modal.iframe();
    sleep(80).await;
    assert_eq!(
        rec.take(),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert!(!iframe.is_connected(), "torn down");
    let settled = wasm_bindgen_futures::JsFuture::from(modal.settled())
        .await
        .unwrap();
    assert_eq!(Reflect::get(&settled, &"code".into()).unwrap(), "TIMEOUT");
}

#[wasm_bindgen_test]
async fn case_22_opened_in_time_cancels_the_timeout() {
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[("readyTimeoutMs", 30.into())]));
    from_modal(&modal, &opened());
    sleep(80).await;
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    assert!(!modal.destroyed());
    modal.destroy();
}

#[wasm_bindgen_test]
async fn case_22_a_ready_timeout_past_the_timers_range_waits_instead_of_failing_at_once() {
    // `setTimeout` fires at once for a delay past i32::MAX ms; the Rust API takes a u32.
    use anon_modal::{AnonModal, ModalOptions};
    let options = ModalOptions {
        ready_timeout_ms: u32::MAX,
        ..ModalOptions::default()
    };
    let modal = AnonModal::embed(MODAL_URL, options).unwrap();
    sleep(30).await;
    assert!(
        !modal.is_destroyed(),
        "the modal is still waiting for a sign of life"
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn case_23_expired_urls_are_refused() {
    let rec = Recorder::new();
    for past in [
        JsValue::from("2020-01-01T00:00:00Z"),
        js_sys::Date::new(&JsValue::from(0)).into(),
        (js_sys::Date::now() - 1.0).into(),
    ] {
        let before = iframes();
        assert_eq!(
            embed_error(&MODAL_URL.into(), rec.options(&[("expiresAt", past)])),
            "EXPIRED"
        );
        assert_eq!(iframes(), before, "nothing mounted");
    }
    let future = js_sys::Date::new(&JsValue::from(js_sys::Date::now() + 600_000.0));
    embed(
        MODAL_URL,
        rec.options(&[("expiresAt", future.to_iso_string().into())]),
    )
    .destroy();
}

#[wasm_bindgen_test]
fn case_24_a_throwing_callback_does_not_stop_the_others() {
    let rec = Recorder::new();
    let errors = Recorder::new();
    let log = errors.clone();
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        e.prevent_default();
        log.push("reported");
    });
    window()
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    let thrower = js_sys::Function::new_with_args("", "throw new Error('callback bug')");
    let options = rec.options(&[("onOpened", thrower.into())]);
    let modal = embed(MODAL_URL, options);
    from_modal(&modal, &opened());
    from_modal(&modal, &envelope("migration_modal.completed", &[]));
    assert_eq!(
        rec.take(),
        [
            "event:migration_modal.opened",
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    assert_eq!(
        errors.take(),
        ["reported"],
        "the error is reported like an uncaught one"
    );
    window()
        .remove_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    modal.destroy();
}

#[wasm_bindgen_test]
fn case_25_callbacks_may_destroy_subscribe_and_unsubscribe_during_dispatch() {
    let rec = Recorder::new();
    let modal = std::rc::Rc::new(embed(MODAL_URL, rec.options(&[])));
    // A callback that subscribes another (which must not hear the current event).
    let m = modal.clone();
    let r = rec.clone();
    let subscriber = Closure::<dyn Fn(JsValue)>::new(move |_e: JsValue| {
        r.push("subscriber");
        m.on("migration_modal.opened".into(), r.callback("late")).unwrap();
    })
    .into_js_value();
    modal.once("migration_modal.opened".into(), subscriber).unwrap();
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        [
            "opened:migration_modal.opened",
            "subscriber",
            "event:migration_modal.opened"
        ]
    );
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        [
            "opened:migration_modal.opened",
            "late:migration_modal.opened",
            "event:migration_modal.opened"
        ]
    );
    // A callback that destroys the modal: later callbacks for the event do not run, no panic.
    let m = modal.clone();
    let destroyer = Closure::<dyn Fn(JsValue)>::new(move |_e: JsValue| m.destroy()).into_js_value();
    modal.on("migration_modal.completed".into(), destroyer).unwrap();
    modal
        .on("migration_modal.completed".into(), rec.callback("after-destroy"))
        .unwrap();
    from_modal(&modal, &envelope("migration_modal.completed", &[]));
    assert_eq!(rec.take(), ["completed:migration_modal.completed"]);
    assert!(modal.destroyed());
    from_modal(&modal, &opened());
    assert_eq!(rec.take(), Vec::<String>::new());
}

// ---- SECURITY-CASES: The signed URL ----------------------------------------------------------

#[wasm_bindgen_test]
fn case_26_dangerous_schemes_are_invalid_urls() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "about:blank",
        "blob:https://dashboard.anon.com/1234",
        "http://dashboard.anon.com/modal",
        "//dashboard.anon.com/modal",
        "/modal",
        "",
        "https://user:pass@dashboard.anon.com/modal",
    ] {
        assert_eq!(
            embed_error(&url.into(), JsValue::UNDEFINED),
            "INVALID_URL",
            "{url:?}"
        );
    }
    assert_eq!(embed_error(&JsValue::from(42), JsValue::UNDEFINED), "INVALID_URL");
    let local = Object::new();
    Reflect::set(&local, &"allowInsecureLocalhost".into(), &true.into()).unwrap();
    assert_eq!(
        embed_error(&"http://dashboard.anon.com/".into(), local.clone().into()),
        "INVALID_URL"
    );
    embed("http://localhost:8081/modal", local.into()).destroy();
}

#[wasm_bindgen_test]
fn case_27_28_the_real_host_must_be_allowed() {
    let allow = || {
        let options = Object::new();
        Reflect::set(&options, &"allowedOrigins".into(), &Array::of1(&ANON.into())).unwrap();
        JsValue::from(options)
    };
    for url in [
        "https://dashboard.anon.com@evil.com/",
        "https://evil.com\\@dashboard.anon.com/",
        "https://evil.com#@dashboard.anon.com/",
        "https://dashboard.anon.com.evil.com/",
        "https://dashboard.anon.com./",
        "https://d\u{043e}shboard.anon.com/",
        "https://0x7f.1/",
        "https://dashboard.anon.com:8443/",
    ] {
        let code = embed_error(&url.into(), allow());
        assert!(
            code == "ORIGIN_NOT_ALLOWED" || code == "INVALID_URL",
            "{url:?}: {code}"
        );
    }
    embed("https://dashboard.anon.com/modal", allow()).destroy();
}

#[wasm_bindgen_test]
fn case_29_named_elements_cannot_override_what_the_library_reads_from_the_document() {
    // Named <img>s override the document's own properties ([LegacyOverrideBuiltIns]): with
    // these, `document.body` is an <img> and `document.createElement` is not a function. So
    // everything this test needs from the document is made before they are planted.
    let body = document().body().unwrap();
    let host = document().create_element("div").unwrap();
    host.set_id("clobber-host");
    body.append_child(&host).unwrap();
    let planted: Vec<web_sys::Element> = [
        "body",
        "createElement",
        "activeElement",
        "querySelector",
        "defaultView",
    ]
    .iter()
    .map(|name| {
        let img = document().create_element("img").unwrap();
        img.set_attribute("name", name).unwrap();
        img
    })
    .collect();
    for img in &planted {
        body.append_child(img).unwrap();
    }
    let overflow = || body.style().get_property_value("overflow").unwrap();
    let overridden = Reflect::get(&document(), &"body".into()).unwrap();
    assert!(
        overridden != JsValue::from(body.clone()),
        "the page really overrides document.body"
    );

    let (rec, modal) = recorded();
    let iframe = modal.iframe();
    let real_body: web_sys::Element = body.clone().into();
    assert_eq!(
        iframe.parent_element(),
        Some(real_body),
        "mounted in the real body"
    );
    assert_eq!(overflow(), "hidden", "the real body's scroll is locked");
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    modal.hide();
    assert_eq!(overflow(), "", "and unlocked");
    modal.destroy();

    let modal = embed(MODAL_URL, rec.options(&[("container", "#clobber-host".into())]));
    assert_eq!(
        modal.iframe().parent_element(),
        Some(host.clone()),
        "the selector still works"
    );
    modal.destroy();
    for img in planted {
        img.remove();
    }
    host.remove();
}

#[wasm_bindgen_test]
fn case_29_dom_clobbering_changes_nothing() {
    let body = document().body().unwrap();
    let img = document().create_element("img").unwrap();
    img.set_attribute("name", "currentScript").unwrap();
    // A named <img> overrides the document's own properties ([LegacyOverrideBuiltIns]): the
    // listener must go on the real window, not on `document.defaultView`.
    let view = document().create_element("img").unwrap();
    view.set_attribute("name", "defaultView").unwrap();
    let form = document().create_element("form").unwrap();
    form.set_id("anon_modal");
    body.append_child(&img).unwrap();
    body.append_child(&view).unwrap();
    body.append_child(&form).unwrap();
    let (rec, modal) = recorded();
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    modal.destroy();
    img.remove();
    view.remove();
    form.remove();
}
