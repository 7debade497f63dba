//! Cases 17-25 of docs/security.md: terminal events, teardown, the ready timeout, expiry, throwing and re-entrant callbacks.

use super::*;

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
async fn case_18_the_listeners_and_the_timer_go_with_the_modal() {
    let watch = WindowWatch::install();
    let (listeners, timers) = (watch.listeners(), watch.timers());
    let with = |added: &str| format!("{listeners} {added}").trim().to_owned();
    let mounted = |modal: ModalHandle| {
        assert_eq!(
            watch.listeners(),
            with("beforetoggle keydown message securitypolicyviolation")
        );
        assert_eq!(watch.timers(), timers + 1, "the ready timer");
        modal
    };
    let gone = |how: &str| {
        assert_eq!(watch.listeners(), listeners, "{how}");
        assert_eq!(watch.timers(), timers, "{how}");
    };
    mounted(embed(MODAL_URL, JsValue::UNDEFINED)).destroy();
    gone("destroy()");
    // Once the modal is ready, only the message listener is left, until it closes, and while it
    // shows over the inert page, the watch for a dialog or popover the page opens again.
    let modal = mounted(embed(MODAL_URL, JsValue::UNDEFINED));
    from_modal(&modal, &opened());
    assert_eq!(
        (watch.listeners(), watch.timers()),
        (with("beforetoggle message"), timers)
    );
    from_modal(&modal, &envelope("migration_modal.closed", &[]));
    gone("closed");
    let modal = mounted(embed(
        MODAL_URL,
        Recorder::new().options(&[("readyTimeoutMs", 30.into())]),
    ));
    sleep(80).await;
    assert!(modal.destroyed());
    gone("the ready timeout");
}

#[wasm_bindgen_test]
fn case_19_ports_are_ignored() {
    let (rec, modal) = recorded();
    let kept = keep_last(&modal, "*");
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
    // What the callbacks got holds no port, under `ports` or any other key.
    let delivered = kept.borrow().clone();
    assert!(!js_sys::Reflect::has(&delivered, &"ports".into()).unwrap());
    let values = js_sys::Object::values(delivered.unchecked_ref());
    assert!(values
        .iter()
        .all(|v: JsValue| !v.is_instance_of::<web_sys::MessagePort>()));
    modal.destroy();
}

#[wasm_bindgen_test]
async fn case_20_21_html_and_urls_in_payloads_stay_text() {
    let (rec, modal) = recorded();
    let html = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let kept = keep_last(&modal, "migration_modal.failed");
    let src_before = modal.iframe().src();
    let href_before = window().location().href().unwrap();
    let nested = Object::new();
    Reflect::set(&nested, &"detail".into(), &html.into()).unwrap();
    from_modal(
        &modal,
        &envelope(
            "migration_modal.failed",
            &[
                ("data", data(&[("error_message", html.into())])),
                ("message", html.into()),
                ("reason", html.into()),
                ("context", nested.into()),
                ("redirect_url", "https://evil.com/".into()),
            ],
        ),
    );
    assert_eq!(
        Reflect::get(
            &Reflect::get(&kept.borrow(), &"data".into()).unwrap(),
            &"error_message".into()
        )
        .unwrap(),
        html,
        "handed over as text"
    );
    assert_eq!(
        rec.delivered(),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert_eq!(
        document().query_selector("img[src=x]").unwrap(),
        None,
        "never written to the DOM"
    );
    // An image's error handler would run later, even in an element never attached.
    sleep(300).await;
    assert_eq!(
        page_script("return window.__pwned"),
        JsValue::UNDEFINED,
        "no script ran"
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
    assert_eq!(
        Reflect::get(&settled, &"message".into()).unwrap(),
        "the modal did not open in time"
    );
}

#[wasm_bindgen_test]
async fn case_22_a_frame_that_loads_but_never_opens_still_times_out() {
    // A page that loads without being the modal (here the test server's answer for an unknown
    // path; in life an error page) fires the iframe's `load`, which is no sign of life.
    let rec = Recorder::new();
    let url = format!("{}/no-modal-here", own_origin());
    let options = rec.options(&[
        ("allowInsecureLocalhost", true.into()),
        ("readyTimeoutMs", 4000.into()),
    ]);
    let modal = embed(&url, options);
    let iframe = modal.iframe();
    loaded(&iframe).await;
    assert_eq!(rec.take(), Vec::<String>::new(), "loaded, and still waiting");
    assert!(!modal.destroyed());
    for _ in 0..120 {
        if modal.destroyed() {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(
        rec.take(),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert!(!iframe.is_connected(), "torn down");
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
    let errors = UncaughtErrors::watch();
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
    let reported = errors.take();
    drop(errors);
    assert_eq!(reported.len(), 1, "reported like an uncaught error: {reported:?}");
    assert!(reported[0].contains("callback bug"), "{reported:?}");
    modal.destroy();
}

/// In a browser without `reportError` (Chromium before 95, Safari before 15.4), a callback's
/// error is still reported like an uncaught one, from a task of its own.
#[wasm_bindgen_test]
async fn case_24_a_throwing_callback_is_reported_without_report_error() {
    let _restore = Restore("window.reportError = window.__reportError; delete window.__reportError");
    page_script("window.__reportError = window.reportError; delete window.reportError");
    let errors = UncaughtErrors::watch();
    let thrower = js_sys::Function::new_with_args("", "throw new Error('callback bug')");
    let modal = embed(
        MODAL_URL,
        Recorder::new().options(&[("onOpened", thrower.into())]),
    );
    from_modal(&modal, &opened());
    sleep(10).await;
    let reported = errors.take();
    drop(errors);
    modal.destroy();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].contains("callback bug"), "{reported:?}");
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
    // A callback that unsubscribes one after it: that one is not called, then or later.
    let removed = rec.callback("removed");
    let m = modal.clone();
    let r = rec.clone();
    let target = removed.clone();
    let unsubscriber = Closure::<dyn Fn(JsValue)>::new(move |_e: JsValue| {
        r.push("unsubscriber");
        m.off("migration_modal.opened".into(), target.clone()).unwrap();
    })
    .into_js_value();
    modal.on("migration_modal.opened".into(), unsubscriber).unwrap();
    modal.on("migration_modal.opened".into(), removed).unwrap();
    for _ in 0..2 {
        from_modal(&modal, &opened());
        assert_eq!(
            rec.take(),
            [
                "opened:migration_modal.opened",
                "late:migration_modal.opened",
                "unsubscriber",
                "event:migration_modal.opened"
            ]
        );
    }
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

/// Whether `promise` has resolved (it wins a race against one resolved after it).
pub(crate) async fn has_resolved(promise: &js_sys::Promise) -> bool {
    let pending = JsValue::from("pending");
    let race = js_sys::Promise::race(&js_sys::Array::of2(promise, &js_sys::Promise::resolve(&pending)));
    wasm_bindgen_futures::JsFuture::from(race).await.unwrap() != pending
}

#[wasm_bindgen_test]
async fn removed_resolves_once_the_modal_is_torn_down_however() {
    // By its closed event.
    let (_rec, modal) = recorded();
    assert!(!has_resolved(&modal.removed()).await, "pending while mounted");
    from_modal(&modal, &envelope("migration_modal.closed", &[]));
    assert!(has_resolved(&modal.removed()).await && modal.destroyed());

    // By destroy() after completed settled it: no event comes, removed still resolves.
    let (_rec, modal) = recorded();
    from_modal(&modal, &envelope("migration_modal.completed", &[]));
    assert!(has_resolved(&modal.settled()).await);
    assert!(
        !has_resolved(&modal.removed()).await,
        "completed leaves it mounted"
    );
    modal.destroy();
    assert!(has_resolved(&modal.removed()).await && modal.destroyed());

    // The Rust handle's, by a newer modal replacing it.
    use anon_modal::{AnonModal, ModalOptions};
    let first = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    assert!(!has_resolved(first.removed()).await);
    let second = AnonModal::embed(MODAL_URL, ModalOptions::default()).unwrap();
    assert!(has_resolved(first.removed()).await && first.is_destroyed());
    assert!(!has_resolved(second.removed()).await);
    drop(second);
}

#[wasm_bindgen_test]
fn a_modal_embedded_while_the_previous_one_gives_focus_back_is_replaced_too() {
    let before = iframes();
    let input: web_sys::HtmlElement = document().create_element("input").unwrap().unchecked_into();
    document().body().unwrap().append_child(&input).unwrap();
    input.focus().unwrap();
    let first = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&first, &opened()); // ready: focus moves into the modal
                                   // Tearing `first` down gives focus back to the input, whose handler embeds another modal.
    let during = std::rc::Rc::new(std::cell::RefCell::new(None::<ModalHandle>));
    let slot = during.clone();
    let on_focus = Closure::<dyn Fn()>::new(move || {
        if slot.borrow().is_none() {
            *slot.borrow_mut() = Some(embed(MODAL_URL, JsValue::UNDEFINED));
        }
    });
    input
        .add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref())
        .unwrap();
    let last = embed(MODAL_URL, JsValue::UNDEFINED);
    let during = during
        .borrow()
        .clone()
        .expect("the focus handler embedded a modal");
    assert!(during.destroyed(), "the modal embedded meanwhile is replaced");
    assert!(!during.iframe().is_connected());
    assert_eq!(iframes(), before + 1, "only the last modal is mounted");
    last.destroy();
    assert_eq!(iframes(), before);
    assert_eq!(body_overflow(), "");
    assert!(!is_inert(&input));
    input.remove();
}

/// A Content-Security-Policy violation fails the unready modal at once only when a frame
/// directive blocked the modal's own origin: a block of another origin, of a `data:` URL (whose
/// origin is `"null"`), under another directive, or report-only, leaves it loading.
#[wasm_bindgen_test]
fn a_csp_block_fails_the_modal_only_for_its_own_origin_under_a_frame_directive() {
    let (rec, modal) = recorded();
    let violation = |directive: &str, uri: &str, disposition: &str| {
        page_script(&format!(
            "dispatchEvent(new SecurityPolicyViolationEvent('securitypolicyviolation', {{ violatedDirective: '{directive}', effectiveDirective: '{directive}', blockedURI: '{uri}', originalPolicy: '', disposition: '{disposition}', statusCode: 0 }}))"
        ))
    };
    for (directive, uri, disposition) in [
        ("frame-src", "https://other.example/modal", "enforce"),
        (
            "frame-src",
            "https://dashboard.anon.com.evil.example/modal",
            "enforce",
        ),
        ("frame-src", "data:text/html,x", "enforce"),
        ("frame-src", "inline", "enforce"),
        ("img-src", MODAL_URL, "enforce"),
        ("frame-src", MODAL_URL, "report"),
    ] {
        violation(directive, uri, disposition);
        assert_eq!(
            rec.take(),
            Vec::<String>::new(),
            "{directive} {uri} {disposition}"
        );
        assert!(!modal.destroyed(), "{directive} {uri} {disposition}");
    }
    violation("child-src", MODAL_URL, "enforce");
    assert!(modal.destroyed());
    assert!(rec.take().contains(&"failed:migration_modal.failed".to_owned()));
}
