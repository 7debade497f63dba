//! What a page (or a library it loads) added to `Object.prototype` changes nothing: the modal
//! mounts and goes, a message is read from its own fields only, and the copy the callbacks get
//! is made of its own fields too. Nor does a message event's getter the page made throw, nor an
//! element the page names after a name of the window's that an older browser lacks.

use super::*;

/// Adds `key: value` (a JavaScript expression) to `Object.prototype` while `f` runs.
fn with_inherited<R>(key: &str, value: &str, enumerable: bool, f: impl FnOnce() -> R) -> R {
    page_script(&format!(
        "Object.defineProperty(Object.prototype, {key:?}, \
         {{ value: {value}, enumerable: {enumerable}, writable: true, configurable: true }})"
    ));
    let result = f();
    page_script(&format!("delete Object.prototype[{key:?}]"));
    result
}

#[wasm_bindgen_test]
fn an_enumerable_property_on_object_prototype_breaks_neither_mount_nor_destroy() {
    let before = iframes();
    // The classic `?__proto__[utm]=1` pollution, there for the modal's whole life.
    let (rec, modal, seen) = with_inherited("utm", "'1'", true, || {
        let (rec, modal) = recorded();
        from_modal(&modal, &opened());
        let seen = rec.take();
        modal.destroy();
        (rec, modal, seen)
    });
    assert_eq!(
        seen,
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    assert!(modal.destroyed());
    assert!(!modal.iframe().is_connected(), "destroy removed the iframe");
    assert_eq!(iframes(), before);
    assert_eq!(body_overflow(), "", "the page scrolls again");
    from_modal(&modal, &opened());
    assert!(rec.take().is_empty(), "no listener is left behind");
}

#[wasm_bindgen_test]
fn an_envelope_inherited_from_object_prototype_is_not_read() {
    let (rec, modal) = recorded();
    // The frame posts a message of another kind; the page inherits an Anon envelope.
    let other = page_script("return { hello: 'iframe-resizer' }");
    with_inherited("source", "'anon_modal'", false, || {
        with_inherited(
            "event",
            "{ type: 'migration_modal.completed', migration_id: 'mig_FORGED' }",
            false,
            || from_modal(&modal, &other),
        )
    });
    assert_eq!(rec.take(), ["reject:TAG"]);
    modal.destroy();
}

#[wasm_bindgen_test]
fn an_inherited_internal_flag_or_context_field_is_not_read() {
    let (rec, modal) = recorded();
    let kept = keep_last(&modal, "migration_modal.completed");
    let step = keep_last(&modal, "*");
    with_inherited("internal", "true", false, || {
        with_inherited("data", "{ user_id: 'usr_INJECTED' }", false, || {
            from_modal(&modal, &envelope("migration_modal.completed", &[]))
        })
    });
    // An inherited context field within an own `data` is not read either.
    with_inherited("user_id", "'usr_INJECTED'", false, || {
        from_modal(
            &modal,
            &envelope("migration_modal_step.started", &[("data", data(&[]))]),
        )
    });
    let step: Object = step.borrow().clone().unchecked_into();
    let step_data: Object = Reflect::get(&step, &"data".into()).unwrap().unchecked_into();
    assert!(
        !Object::has_own(&step_data, &"user_id".into()),
        "an inherited user_id in data"
    );
    assert_eq!(
        rec.take(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed",
            "event:migration_modal_step.started"
        ],
        "an inherited `internal: true` swallows no event"
    );
    let event: Object = kept.borrow().clone().unchecked_into();
    assert!(
        !Object::has_own(&event, &"data".into()),
        "nothing inherited is copied"
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn a_setter_on_object_prototype_neither_runs_nor_hides_a_field_of_the_copy() {
    let (rec, modal) = recorded();
    let kept = keep_last(&modal, "migration_modal.failed");
    let failed = envelope("migration_modal.failed", &[("code", "E_1".into())]);
    page_script(
        "window.setterRan = false; Object.defineProperty(Object.prototype, 'code', \
         { set() { window.setterRan = true; throw new Error('setter ran'); }, configurable: true })",
    );
    from_modal(&modal, &failed);
    page_script("delete Object.prototype.code");
    assert_eq!(
        rec.take(),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert_eq!(page_script("return window.setterRan"), JsValue::FALSE);
    let event = kept.borrow().clone();
    assert!(Object::has_own(event.unchecked_ref::<Object>(), &"code".into()));
    assert_eq!(Reflect::get(&event, &"code".into()).unwrap(), "E_1");
    modal.destroy();
}

/// The same for an array in the event: neither an index setter on `Array.prototype` nor a
/// `Proxy` the page puts between `Array.prototype` and `Object.prototype` (whose traps could
/// throw into the guard, or see each item) is consulted.
#[wasm_bindgen_test]
fn a_setter_on_array_prototype_neither_runs_nor_hides_an_item_of_the_copy() {
    let (rec, modal) = recorded();
    let kept = keep_last(&modal, "migration_modal.failed");
    let failed = envelope(
        "migration_modal.failed",
        &[("codes", JSON::parse(r#"["E_1", "E_2"]"#).unwrap())],
    );
    page_script(
        "window.trapped = []; Object.defineProperty(Array.prototype, '0', \
         { set() { window.trapped.push('setter'); throw new Error('setter ran'); }, configurable: true }); \
         Object.setPrototypeOf(Array.prototype, new Proxy(Object.prototype, { \
           has(t, k) { if (k === '1') { window.trapped.push('has'); throw new Error('has ran'); } return Reflect.has(t, k); }, \
           set(t, k, v, r) { window.trapped.push('set'); return Reflect.set(t, k, v, r); } }))",
    );
    from_modal(&modal, &failed);
    page_script("delete Array.prototype[0]; Object.setPrototypeOf(Array.prototype, Object.prototype)");
    assert_eq!(
        rec.take(),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert_eq!(page_script("return window.trapped.join()"), "");
    let codes = Reflect::get(&kept.borrow(), &"codes".into()).unwrap();
    assert!(Array::is_array(&codes));
    assert_eq!(JSON::stringify(&codes).unwrap(), r#"["E_1","E_2"]"#);
    assert!(Object::has_own(codes.unchecked_ref::<Object>(), &"0".into()));
    modal.destroy();
}

#[wasm_bindgen_test]
async fn options_inherited_from_object_prototype_are_not_read() {
    let rec = Recorder::new();
    let modal = with_inherited("hidden", "true", false, || {
        with_inherited("readyTimeoutMs", "1", false, || {
            embed(MODAL_URL, rec.options(&[]))
        })
    });
    assert_ne!(
        modal.iframe().style().get_property_value("display").unwrap(),
        "none"
    );
    sleep(50).await;
    assert!(rec.take().is_empty(), "no ready timeout of 1 ms ran");
    modal.destroy();
}

/// The names of the options the library gives the platform (`observe`'s, `scrollIntoView`'s)
/// and of the result it reads back from its own options reader, each added to
/// `Object.prototype` as a query-string pollution (`?__proto__[error]=x`) would: the modal
/// mounts, shows, hides and opens as without them.
#[wasm_bindgen_test]
fn the_platforms_option_names_on_object_prototype_change_nothing() {
    for (key, value) in [
        ("error", "'x'"),
        ("attributeFilter", "'x'"),
        ("subtree", "true"),
        ("block", "'x'"),
    ] {
        with_inherited(key, value, false, || {
            let page = document().create_element("div").unwrap();
            page.set_id("polluted-container");
            document().body().unwrap().append_child(&page).unwrap();
            // Fullscreen, then inline (scrolled into view once ready).
            for container in [None, Some("#polluted-container")] {
                let rec = Recorder::new();
                let extra: Vec<(&str, JsValue)> = container
                    .map(|selector| ("container", selector.into()))
                    .into_iter()
                    .collect();
                let modal = embed(MODAL_URL, rec.options(&extra));
                modal.hide();
                modal.show();
                from_modal(&modal, &opened());
                assert_eq!(
                    rec.take(),
                    ["opened:migration_modal.opened", "event:migration_modal.opened"],
                    "{key}"
                );
                modal.destroy();
            }
            page.remove();
        });
    }
}

/// A focused form whose `<img name=shadowRoot>` overrides its `shadowRoot`, with the names the
/// walk into shadow roots reads added to `Object.prototype`: the walk ends, and so does the mount.
#[wasm_bindgen_test]
fn a_focused_form_and_polluted_focus_names_do_not_send_the_focus_walk_round() {
    let form = page_script(
        r#"const form = document.createElement("form");
        form.tabIndex = -1;
        form.innerHTML = '<img name="shadowRoot">';
        document.body.append(form);
        form.focus();
        return form;"#,
    );
    with_inherited("activeElement", "'1'", false, || {
        with_inherited("shadowRoot", "'1'", false, || {
            embed(MODAL_URL, JsValue::UNDEFINED).destroy();
        })
    });
    form.unchecked_into::<web_sys::Element>().remove();
}

/// A page's script that made a `MessageEvent`'s `source`, `origin` or `data` throw (a wrapper
/// of a monitoring library gone wrong) gets such a message dropped with its reason and nothing
/// thrown into the page; however many come, the modal still hears its own messages after.
#[wasm_bindgen_test]
fn case_29_a_message_whose_event_reads_throw_is_dropped_and_breaks_nothing() {
    let (rec, modal) = recorded();
    let send = js_sys::Function::new_with_args(
        "data, origin, source, broken, times",
        "let thrown = 0;
         const count = (error) => { thrown++; error.preventDefault(); };
         addEventListener('error', count);
         for (let i = 0; i < times; i++) {
           const event = new MessageEvent('message', { data, origin, source });
           Object.defineProperty(event, broken, { get() { throw new Error(broken); } });
           dispatchEvent(event);
         }
         removeEventListener('error', count);
         return thrown;",
    );
    let send = |broken: &str, times: u32| {
        let args = [
            opened(),
            ANON.into(),
            frame_window(&modal),
            broken.into(),
            times.into(),
        ];
        send.apply(&JsValue::UNDEFINED, &args.iter().collect()).unwrap()
    };
    for (broken, reason) in [("source", "SOURCE"), ("origin", "ORIGIN"), ("data", "TAG")] {
        assert_eq!(send(broken, 1), 0, "{broken}: nothing thrown into the page");
        assert_eq!(rec.take(), [format!("reject:{reason}")], "{broken}");
    }
    // Each throw that crossed the wasm once left its stack a little lower, until it ran out.
    assert_eq!(send("data", 70_000), 0);
    assert_eq!(rec.take().len(), 70_000);
    from_modal(&modal, &opened());
    assert_eq!(
        rec.take(),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
    modal.destroy();
}

/// In a browser without `reportError` (Chromium before 95, Safari before 15.4), the name is the
/// page's element named so, which a sanitizer keeps in user content: a callback's error is
/// still reported from a task of its own, and the other callbacks still run.
#[wasm_bindgen_test]
async fn an_element_named_report_error_where_the_browser_has_none_is_not_called() {
    let _restore = Restore(
        "document.getElementById('named-report-error')?.remove();
         window.reportError = window.__reportError; delete window.__reportError",
    );
    page_script(
        "window.__reportError = window.reportError; delete window.reportError;
         const img = document.body.appendChild(document.createElement('img'));
         img.id = 'named-report-error'; img.name = 'reportError';",
    );
    assert_eq!(
        page_script("return typeof reportError").as_string().as_deref(),
        Some("object"),
        "the name is the element's"
    );
    let errors = UncaughtErrors::watch();
    let rec = Recorder::new();
    let thrower = js_sys::Function::new_with_args("", "throw new Error('callback bug')");
    let modal = embed(MODAL_URL, rec.options(&[("onOpened", thrower.into())]));
    from_modal(&modal, &opened());
    let delivered = rec.take();
    sleep(10).await;
    let reported = errors.take();
    modal.destroy();
    assert_eq!(delivered, ["event:migration_modal.opened"], "onEvent still ran");
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].contains("callback bug"), "{reported:?}");
}

/// In a browser without dialogs (Safari before 15.4, Firefox before 98), `HTMLDialogElement` is
/// no name, or the page's element named so: what the page adds while the modal shows is still
/// behind it.
#[wasm_bindgen_test]
async fn a_page_added_element_is_covered_where_the_browser_has_no_dialog_element() {
    let _restore = Restore(
        "for (const id of ['added-without-dialogs', 'named-dialog-element']) document.getElementById(id)?.remove();
         window.HTMLDialogElement = window.__dialog; delete window.__dialog",
    );
    page_script(
        "window.__dialog = window.HTMLDialogElement; delete window.HTMLDialogElement;
         const img = document.body.appendChild(document.createElement('img'));
         img.id = 'named-dialog-element'; img.name = 'HTMLDialogElement';",
    );
    let errors = UncaughtErrors::watch();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let added = page_script(
        "const div = document.body.appendChild(document.createElement('div'));
         div.id = 'added-without-dialogs'; return div",
    );
    sleep(0).await; // the page's additions are seen after its script, as a microtask
    let covered = is_inert(&added);
    modal.destroy();
    assert_eq!(errors.take(), Vec::<String>::new(), "nothing thrown");
    assert!(covered, "the added element is behind the modal");
    assert!(!is_inert(&added), "and given back with the rest");
}

/// A page whose `requestAnimationFrame` throws (a patch of its own, broken) still gets the modal
/// over an inert page: only the loading bar, which waits a frame, is left out, and the error is
/// reported as the page's.
#[wasm_bindgen_test]
fn a_throwing_request_animation_frame_still_leaves_the_page_covered() {
    let _restore = Restore(
        "document.getElementById('covered-despite-raf')?.remove();
         if (window.__raf) { window.requestAnimationFrame = window.__raf; delete window.__raf }",
    );
    let sibling = page_script(
        "const b = document.body.appendChild(document.createElement('button'));
         b.id = 'covered-despite-raf'; return b",
    );
    page_script(
        "window.__raf = window.requestAnimationFrame;
         window.requestAnimationFrame = () => { throw new Error('patched'); }",
    );
    let errors = UncaughtErrors::watch();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let covered = is_inert(&sibling);
    page_script("window.requestAnimationFrame = window.__raf; delete window.__raf");
    modal.destroy();
    let reported = errors.take();
    assert!(covered, "the page behind the modal is inert");
    assert!(!is_inert(&sibling), "and given back");
    assert_eq!(
        reported.len(),
        1,
        "the page's error is reported once: {reported:?}"
    );
    assert!(reported[0].contains("patched"), "{reported:?}");
}
