//! Leak check: 1 000 embed/destroy cycles leave no iframe, no listener that still fires, and
//! no wasm memory growth past the first cycles. Runs in its own page (its own test binary),
//! so the memory figures are this test's alone; it prints them.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn wasm_memory_bytes() -> u32 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
}

/// One embed, two messages (one accepted, one rejected), destroy; returns how many callbacks ran.
fn cycle(rec: &Recorder, options: &wasm_bindgen::JsValue) -> usize {
    let modal = embed(MODAL_URL, options.clone());
    from_modal(
        &modal,
        &envelope("migration_modal.opened", &[("user_id", "u".into())]),
    );
    dispatch(&envelope("migration_modal.opened", &[]), "https://evil.com", None);
    modal.destroy();
    drop(modal);
    rec.take().len()
}

#[wasm_bindgen_test]
async fn a_thousand_embed_destroy_cycles_leak_nothing() {
    let rec = Recorder::new();
    // One options object for every cycle: the test itself allocates nothing per cycle.
    let options = rec.options(&[("allowInsecureLocalhost", true.into())]);
    let iframes_before = iframes();
    // Yield to the event loop every few cycles, as a page would: a long synchronous loop
    // starves the browser (and the test runner's WebDriver polling).
    for _ in 0..100 {
        cycle(&rec, &options);
    }
    sleep(0).await;
    let warm = wasm_memory_bytes();
    let started = js_sys::Date::now();
    let mut callbacks = 0;
    for i in 0..1000 {
        callbacks += cycle(&rec, &options);
        if i % 20 == 19 {
            sleep(0).await;
        }
    }
    assert_eq!(callbacks, 1000 * 3, "each live modal saw exactly its own traffic");
    let after = wasm_memory_bytes();
    console_log!("leak: 1000 cycles took {} ms", js_sys::Date::now() - started);
    console_log!(
        "leak: 1000 embed/destroy cycles: wasm memory {warm} -> {after} bytes (growth {})",
        after - warm
    );
    assert_eq!(iframes(), iframes_before, "no iframe left behind");
    // If any listener survived, it would report this message (reject:SOURCE).
    dispatch(&envelope("migration_modal.opened", &[]), ANON, None);
    sleep(10).await;
    assert_eq!(rec.take(), Vec::<String>::new(), "no listener still fires");
    assert!(
        after - warm <= 64 * 1024,
        "wasm memory grew by {} bytes",
        after - warm
    );
}
