//! The modal as a page uses it: the iframe it mounts, the callback sequence, the handle, options and the Rust API.

use super::*;

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
        "allow-scripts allow-same-origin allow-forms allow-popups \
         allow-storage-access-by-user-activation allow-modals"
    );
    assert_eq!(
        iframe.get_attribute("allow").unwrap(),
        "clipboard-read; clipboard-write"
    );
    assert_eq!(iframe.get_attribute("referrerpolicy").unwrap(), "strict-origin");
    // src/js/frame.js writes them from src/iframe.rs, through the generated names.js.
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
        &envelope(
            "migration_modal.completed",
            &[("data", data(&[("migration_id", "mig_1".into())]))],
        ),
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
fn a_modal_that_hides_itself_after_its_outcome_ends_with_closed_hidden() {
    for outcome in ["migration_modal.completed", "migration_modal.failed"] {
        let (rec, modal) = recorded();
        let closed = keep_last(&modal, "migration_modal.closed");
        let iframe = modal.iframe();
        from_modal(&modal, &opened());
        from_modal(&modal, &envelope(outcome, &[]));
        from_modal(&modal, &internal("migration_modal.hide"));
        let name = outcome.trim_start_matches("migration_modal.");
        assert_eq!(
            rec.take(),
            [
                "opened:migration_modal.opened".to_owned(),
                "event:migration_modal.opened".to_owned(),
                format!("{name}:{outcome}"),
                format!("event:{outcome}"),
                "closed:migration_modal.closed".to_owned(),
                "event:migration_modal.closed".to_owned(),
            ]
        );
        let reason = Reflect::get(&closed.borrow(), &"reason".into()).unwrap();
        assert_eq!(reason, "hidden");
        assert!(!iframe.is_connected(), "the iframe is gone");
        assert!(modal.destroyed());
        assert_eq!(body_overflow(), "", "the page scrolls again");
    }
}

#[wasm_bindgen_test]
async fn settled_resolves_with_the_first_terminal_event() {
    let (_rec, modal) = recorded();
    from_modal(
        &modal,
        &envelope(
            "migration_modal.completed",
            &[("data", data(&[("migration_id", "mig_9".into())]))],
        ),
    );
    from_modal(&modal, &envelope("migration_modal.failed", &[]));
    let value = wasm_bindgen_futures::JsFuture::from(modal.settled())
        .await
        .unwrap();
    assert_eq!(
        Reflect::get(&value, &"type".into()).unwrap(),
        "migration_modal.completed"
    );
    let context = Reflect::get(&value, &"data".into()).unwrap();
    assert_eq!(Reflect::get(&context, &"migration_id".into()).unwrap(), "mig_9");
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
async fn embedding_again_replaces_the_first_modal() {
    let first_rec = Recorder::new();
    let first = embed(MODAL_URL, first_rec.options(&[("readyTimeoutMs", 20.into())]));
    let first_window = frame_window(&first);
    let second_rec = Recorder::new();
    let second = embed(MODAL_URL, second_rec.options(&[("readyTimeoutMs", 0.into())]));
    assert!(first.destroyed(), "the first modal was destroyed");
    assert!(!first.iframe().is_connected());
    assert_eq!(iframes(), 1);
    let settled = wasm_bindgen_futures::JsFuture::from(first.settled())
        .await
        .unwrap();
    assert_eq!(
        Reflect::get(&settled, &"type".into()).unwrap(),
        "migration_modal.closed"
    );
    assert_eq!(
        Reflect::get(&settled, &"reason".into()).unwrap(),
        "replaced",
        "a modal displaced by a newer one says so"
    );
    dispatch(&opened(), ANON, Some(&first_window));
    assert_eq!(
        first_rec.take(),
        Vec::<String>::new(),
        "case 18 of docs/security.md: an earlier instance hears nothing"
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
