//! Server-side rendering: in Node there is no `window` or `document`. Loading the module must
//! not throw, and using the API must throw an `AnonModalError` with code `NO_DOCUMENT`.
//! (This file has no `run_in_browser`, so wasm-bindgen-test runs it in Node.)
#![cfg(target_arch = "wasm32")]

use anon_modal::bindings::embed_anon_modal;
use anon_modal::{AnonModal, ErrorCode, ModalOptions};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn embedding_without_a_dom_throws_no_document() {
    let error = embed_anon_modal(
        "https://dashboard.anon.com/modal".into(),
        JsValue::UNDEFINED,
        anon_modal::bindings::rust_commands(),
    )
    .unwrap_err();
    assert_eq!(Reflect::get(&error, &"name".into()).unwrap(), "AnonModalError");
    assert_eq!(Reflect::get(&error, &"code".into()).unwrap(), "NO_DOCUMENT");
    let message = Reflect::get(&error, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("server-side rendering"), "{message}");
}

#[wasm_bindgen_test]
fn rust_api_without_a_dom_is_an_error_not_a_panic() {
    let error = AnonModal::embed("https://dashboard.anon.com/modal", ModalOptions::default()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NoDocument);
}
