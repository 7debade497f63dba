//! What the URL argument may be: the modal URL as a string or a `URL` object, or the
//! create-modal response holding it; what a caller passes instead is named, with the fix.

use crate::errors::{iso_in, refused};
use crate::*;

/// The create-modal response where the URL goes: its `url` is mounted, its `expires_at`
/// checked unless the options give `expiresAt`.
#[wasm_bindgen_test]
fn the_create_modal_response_is_taken_for_its_url() {
    let response = |expires_at: JsValue| {
        let object = Object::new();
        for (key, value) in [
            ("object", JsValue::from("migration_modal")),
            ("id", "mm_1".into()),
            ("url", MODAL_URL.into()),
            ("expires_at", expires_at),
        ] {
            Reflect::set(&object, &key.into(), &value).unwrap();
        }
        JsValue::from(object)
    };
    let modal: ModalHandle = embed_js(response(iso_in(600_000.0)), JsValue::UNDEFINED)
        .unwrap()
        .unchecked_into();
    assert_eq!(modal.iframe().src(), MODAL_URL);
    modal.destroy();
    let past = response("2020-01-01T00:00:00Z".into());
    assert_eq!(refused(past.clone(), JsValue::UNDEFINED).0, "EXPIRED");
    // The options' expiresAt wins over the response's.
    let options = Recorder::new().options(&[("expiresAt", iso_in(600_000.0))]);
    embed_js(past, options)
        .unwrap()
        .unchecked_into::<ModalHandle>()
        .destroy();
    let url_not_string = |shown: &str| {
        (
            "INVALID_URL".to_owned(),
            format!("the modal URL must be a string or the create-modal response ({{ url, expires_at }}), not {shown}"),
        )
    };
    // An object with no url, most often a server's error body passed on: its keys are named.
    let no_url = |keys: &str| {
        (
            "INVALID_URL".to_owned(),
            format!("the modal URL must be a string or the create-modal response ({{ url, expires_at }}), not an object without a url string (its keys: {keys}): did the server call fail?"),
        )
    };
    assert_eq!(refused(Object::new().into(), JsValue::UNDEFINED), no_url("none"));
    let error_body = Object::new();
    Reflect::set(&error_body, &"error".into(), &Object::new()).unwrap();
    Reflect::set(&error_body, &"url".into(), &42.into()).unwrap();
    assert_eq!(
        refused(error_body.into(), JsValue::UNDEFINED),
        no_url("error, url")
    );
    // However many keys, the message names the first eight.
    let string_object = js_sys::Function::new_no_args("return new String('https://x.example/long')")
        .call0(&JsValue::NULL)
        .unwrap();
    assert_eq!(
        refused(string_object, JsValue::UNDEFINED),
        no_url("0, 1, 2, 3, 4, 5, 6, 7, ...")
    );
    assert_eq!(
        refused(js_sys::Array::new().into(), JsValue::UNDEFINED),
        url_not_string("an empty array")
    );
    assert_eq!(refused(42.into(), JsValue::UNDEFINED), url_not_string("42"));
    assert_eq!(
        refused(JsValue::UNDEFINED, JsValue::UNDEFINED),
        url_not_string("undefined")
    );
}

/// A `URL` object stands for its text, as it does for `fetch`, and meets the same checks.
#[wasm_bindgen_test]
fn a_url_object_is_taken_as_its_text() {
    let url_object = |text: &str| {
        js_sys::Function::new_with_args("text", "return new URL(text)")
            .call1(&JsValue::NULL, &text.into())
            .unwrap()
    };
    let modal: ModalHandle = embed_js(url_object(MODAL_URL), JsValue::UNDEFINED)
        .unwrap()
        .unchecked_into();
    assert_eq!(modal.iframe().src(), MODAL_URL);
    modal.destroy();
    assert_eq!(
        refused(url_object("javascript:alert(1)"), JsValue::UNDEFINED).0,
        "INVALID_URL"
    );
    assert_eq!(iframes(), 0);
    // One made in another frame of the page is a URL too.
    let other_frames = js_sys::Function::new_with_args(
        "text",
        "const frame = document.body.appendChild(document.createElement('iframe'));
         const url = new frame.contentWindow.URL(text);
         frame.remove();
         return url;",
    )
    .call1(&JsValue::NULL, &MODAL_URL.into())
    .unwrap();
    let modal: ModalHandle = embed_js(other_frames, JsValue::UNDEFINED)
        .unwrap()
        .unchecked_into();
    assert_eq!(modal.iframe().src(), MODAL_URL);
    modal.destroy();
}

/// The server call's fetch Response, not read as JSON: its own `url` is the app's endpoint,
/// which must never be mounted.
#[wasm_bindgen_test]
fn a_fetch_response_is_named_as_one() {
    let response = js_sys::Function::new_no_args(&format!(
        "return new Response(JSON.stringify({{ url: {MODAL_URL:?} }}))"
    ))
    .call0(&JsValue::NULL)
    .unwrap();
    assert_eq!(
        refused(response, JsValue::UNDEFINED),
        (
            "INVALID_URL".to_owned(),
            "the modal URL came as a fetch Response: pass the create-modal response it holds ({ url, expires_at }), e.g. return response.json() from your server call".to_owned()
        )
    );
    assert_eq!(iframes(), 0);
}

/// The server call passed without `await`.
#[wasm_bindgen_test]
fn a_promise_is_named_as_one() {
    let pending = js_sys::Promise::resolve(&JsValue::from(MODAL_URL));
    // A thenable of another library (or another realm's Promise) is awaited alike.
    let thenable = js_sys::Function::new_no_args("return { then(resolve) { resolve({}) } }")
        .call0(&JsValue::NULL)
        .unwrap();
    for source in [pending.into(), thenable] {
        assert_eq!(
            refused(source, JsValue::UNDEFINED),
            (
                "INVALID_URL".to_owned(),
                "the modal URL came as a Promise: await your server call first, or pass the call itself to openAnonModal".to_owned()
            )
        );
    }
    assert_eq!(iframes(), 0);
}
