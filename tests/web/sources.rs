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
