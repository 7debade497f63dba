//! Cases 26-29 of docs/security.md: the signed URL, the allow-list, and a page that clobbers the DOM.

use super::*;

// ---- docs/security.md: The modal URL ------------------------------------------------------------

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
    // A user name before the host is refused as such, whatever the allow-list says.
    assert_eq!(
        embed_error(&"https://dashboard.anon.com@evil.com/".into(), allow()),
        "INVALID_URL"
    );
    for url in [
        "https://evil.com\\@dashboard.anon.com/",
        "https://evil.com#@dashboard.anon.com/",
        "https://dashboard.anon.com.evil.com/",
        "https://dashboard.anon.com./",
        "https://d\u{043e}shboard.anon.com/",
        "https://0x7f.1/",
        "https://dashboard.anon.com:8443/",
    ] {
        let code = embed_error(&url.into(), allow());
        assert_eq!(code, "ORIGIN_NOT_ALLOWED", "{url:?}");
    }
    embed("https://dashboard.anon.com/modal", allow()).destroy();
}

#[wasm_bindgen_test]
fn case_27_the_iframe_is_given_the_checked_url_not_the_string() {
    // The `src` attribute, not its getter, which would resolve a raw string as well.
    for (given, checked) in [
        (
            "HTTPS://Dashboard.Anon.com:443/modal?token=a b",
            "https://dashboard.anon.com/modal?token=a%20b",
        ),
        (
            "https://dashboard.anon.com/mo\ndal",
            "https://dashboard.anon.com/modal",
        ),
        ("https://dashboard.anon.com", "https://dashboard.anon.com/"),
    ] {
        let modal = embed(given, JsValue::UNDEFINED);
        assert_eq!(modal.iframe().get_attribute("src").unwrap(), checked, "{given:?}");
        modal.destroy();
    }
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
        // The document's `host`, read where a walk up the page ends: it would go round for ever.
        "host",
        "fullscreenElement",
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
    // A form's controls override its own properties too: its `parentNode` is an <input>.
    host.set_inner_html(r#"<form><input name="parentNode"><div id="clobber-in-form"></div></form>"#);
    let modal = embed(
        MODAL_URL,
        rec.options(&[("container", "#clobber-in-form".into())]),
    );
    from_modal(&modal, &opened());
    assert!(!modal.destroyed(), "watched, not destroyed");
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
