//! Cases 1-12 of docs/security.md: messages from the wrong origin or source, and data that is not an Anon message.

use super::*;

/// A real `completed` message, as a frame's script posts it.
const COMPLETED: &str = r#"{source: "anon_modal", event: {type: "migration_modal.completed"}}"#;

/// A modal on this page's own origin (plain `http:` on loopback), so that the test can run
/// scripts in its frame; no ready timeout.
fn embed_on_this_origin(rec: &Recorder) -> ModalHandle {
    let options = rec.options(&[
        ("allowInsecureLocalhost", true.into()),
        ("readyTimeoutMs", 0.into()),
    ]);
    embed(&format!("{}/modal-fixture", own_origin()), options)
}

// ---- docs/security.md: Messages ----------------------------------------------------------------

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
    // Nor can the page allow an http: origin, except on localhost when it opts in.
    let with = |origin: &str, insecure: bool| {
        let origins = Array::of2(&ANON.into(), &origin.into());
        let options = Recorder::new().options(&[
            ("allowedOrigins", origins.into()),
            ("allowInsecureLocalhost", insecure.into()),
        ]);
        embed_js(MODAL_URL.into(), options)
    };
    for origin in ["http://dashboard.anon.com", "http://evil.example:8080"] {
        let refused = with(origin, true).unwrap_err();
        assert_eq!(error_code(&refused), "INVALID_ORIGIN", "{origin}");
    }
    assert_eq!(
        error_code(&with("http://localhost:8081", false).unwrap_err()),
        "INVALID_ORIGIN"
    );
    let local = with("http://localhost:8081", true).unwrap();
    local.unchecked_into::<ModalHandle>().destroy();
    // A wildcard, which the browser's URL parser takes as a letter of the host, would match no
    // origin: refused at the call, with the fix.
    for origin in ["https://*.anon.com", "https://*"] {
        let refused = with(origin, false).unwrap_err();
        assert_eq!(error_code(&refused), "INVALID_ORIGIN", "{origin}");
        assert_eq!(
            Reflect::get(&refused, &"message".into()).unwrap(),
            format!("allowedOrigins: {origin} is not an origin: a wildcard (*) matches no origin"),
        );
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
    let modal = embed_on_this_origin(&rec);
    let intruder = extra_frame().await;
    post_from_frame(&intruder, COMPLETED);
    sleep(50).await;
    assert_eq!(rec.take(), ["reject:SOURCE"]);
    // The modal's own frame posting the same message is accepted: the check is not too strict.
    loaded(&modal.iframe()).await;
    post_from_frame(&modal.iframe(), COMPLETED);
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
    // The page removes the iframe itself: its old window is no longer the modal's.
    let stale = frame_window(&modal);
    modal.iframe().remove();
    dispatch(&opened(), ANON, Some(&stale));
    assert_eq!(rec.take(), ["reject:SOURCE"]);
    modal.destroy();
    dispatch(&opened(), ANON, Some(&stale));
    assert_eq!(
        rec.take(),
        Vec::<String>::new(),
        "no listener left after destroy()"
    );
}

#[wasm_bindgen_test]
async fn case_08_initial_about_blank_document_carries_the_host_origin_and_is_dropped() {
    assert_eq!(hostile(&own_origin(), &opened()), ["reject:ORIGIN"]);
    // A real post from the frame's initial document, before the modal's page replaces it: the
    // browser gives it the right source and this page's origin.
    for options in [vec![], vec![("allowedOrigins", Array::of1(&ANON.into()).into())]] {
        let rec = Recorder::new();
        let modal = embed(MODAL_URL, rec.options(&options));
        let initial = modal
            .iframe()
            .content_document()
            .expect("the initial document is the page's");
        assert_eq!(initial.url().unwrap(), "about:blank");
        post_from_frame(&modal.iframe(), COMPLETED);
        sleep(50).await;
        assert_eq!(rec.take(), ["reject:ORIGIN"]);
        assert!(!modal.destroyed());
        modal.destroy();
    }
}

#[wasm_bindgen_test]
async fn case_03_07_the_frame_navigated_to_a_data_url_posts_as_null_and_is_dropped() {
    // The modal's own frame, once loaded, goes to a `data:` URL: the browser keeps its window
    // as `source` and gives the message the origin "null".
    let rec = Recorder::new();
    let modal = embed_on_this_origin(&rec);
    loaded(&modal.iframe()).await;
    post_from_frame(
        &modal.iframe(),
        r#"{source: "anon_modal", event: {type: "migration_modal.opened"}}"#,
    );
    sleep(50).await;
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    let post =
        r#"parent.postMessage({source: "anon_modal", event: {type: "migration_modal.completed"}}, "*")"#;
    modal
        .iframe()
        .set_src(&format!("data:text/html,<script>{post}</script>"));
    for _ in 0..100 {
        if !rec.is_empty() {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(rec.take(), ["reject:ORIGIN"]);
    assert!(!modal.destroyed());
    modal.destroy();
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

/// The message of the modal's `TIMEOUT` failure.
async fn timeout_message(modal: &ModalHandle) -> JsValue {
    let settled = wasm_bindgen_futures::JsFuture::from(modal.settled())
        .await
        .unwrap();
    assert_eq!(Reflect::get(&settled, &"code".into()).unwrap(), "TIMEOUT");
    Reflect::get(&settled, &"message".into()).unwrap()
}

/// Case 22: a modal whose own frame sends messages from an origin not allowed (a modal URL that
/// redirects to another origin, say) still times out, and its message names the first such
/// origin: why it never opened. Messages dropped for another reason, or from another window,
/// name none.
#[wasm_bindgen_test]
async fn case_22_a_timeout_names_the_first_origin_the_frame_sent_refused_messages_from() {
    let other = extra_frame().await;
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[("readyTimeoutMs", 30.into())]));
    dispatch(
        &opened(),
        "https://elsewhere.example",
        other.content_window().as_ref().map(|w| w.as_ref()),
    );
    dispatch(
        &JsValue::from("not an envelope"),
        ANON,
        Some(&frame_window(&modal)),
    );
    for origin in ["https://login.anon.com", "https://third.example"] {
        dispatch(&opened(), origin, Some(&frame_window(&modal)));
    }
    sleep(80).await;
    other.remove();
    assert_eq!(
        rec.take(),
        [
            "reject:SOURCE",
            "reject:TAG",
            "reject:ORIGIN",
            "reject:ORIGIN",
            "failed:migration_modal.failed",
            "event:migration_modal.failed"
        ]
    );
    assert_eq!(
        timeout_message(&modal).await,
        "the modal did not open in time: its page sent messages from https://login.anon.com, \
         which is not an allowed origin (list it in allowedOrigins, beside the URL's, only if \
         Anon documents it; otherwise the modal's page was sent elsewhere)"
    );
}

/// An `origin` a page's script gave an event from the frame that is no text (a `Symbol`, which
/// no string can hold), or the opaque `"null"`, is never named: the modal still times out, with
/// the plain message, and is torn down.
#[wasm_bindgen_test]
async fn case_22_an_origin_that_is_no_text_or_null_is_not_named() {
    let modal = embed(
        MODAL_URL,
        Recorder::new().options(&[("readyTimeoutMs", 30.into())]),
    );
    let frame = frame_window(&modal);
    let symbol = page_script("return Symbol('origin')");
    let event = web_sys::MessageEvent::new("message").unwrap();
    for (key, value) in [("origin", &symbol), ("source", &frame), ("data", &opened())] {
        let descriptor = Object::new();
        Reflect::set(&descriptor, &"value".into(), value).unwrap();
        Reflect::define_property(&event, &key.into(), &descriptor).unwrap();
    }
    window().dispatch_event(&event).unwrap();
    dispatch(&opened(), "null", Some(&frame));
    sleep(80).await;
    assert_eq!(timeout_message(&modal).await, "the modal did not open in time");
    assert!(!modal.iframe().is_connected(), "torn down");
}
