//! Leak check: 1 000 embed/destroy cycles leave no iframe, no listener or timer on `window`,
//! and no wasm memory growth past the first cycles. Runs in its own page (its own test binary),
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
/// The modal is on the test page's own origin: a cross-origin frame makes Chromium start a
/// process for each cycle, which measures site isolation rather than this library.
fn cycle(rec: &Recorder, options: &wasm_bindgen::JsValue) -> usize {
    let origin = own_origin();
    let modal = embed(&format!("{origin}/leak-fixture"), options.clone());
    let opened = envelope("migration_modal.opened", &[("user_id", "u".into())]);
    dispatch(&opened, &origin, Some(&frame_window(&modal)));
    dispatch(&envelope("migration_modal.opened", &[]), "https://evil.com", None);
    modal.destroy();
    drop(modal);
    rec.take().len()
}

#[wasm_bindgen_test]
async fn a_thousand_embed_destroy_cycles_leak_nothing() {
    let rec = Recorder::new();
    // Two options objects for every cycle (the test itself allocates nothing per cycle):
    // shown and hidden modals alternate, so both paths (scroll lock and focus restore, or
    // neither) are covered.
    let shown = rec.options(&[("allowInsecureLocalhost", true.into())]);
    let hidden = rec.options(&[("allowInsecureLocalhost", true.into()), ("hidden", true.into())]);
    let options = |i: usize| if i % 2 == 0 { &shown } else { &hidden };
    let iframes_before = iframes();
    // Its own listener on `window` is there for the whole run: add it before counting.
    no_uncaught_errors_since_the_last_embed();
    let watch = WindowWatch::install();
    let (listeners, timers) = (watch.listeners(), watch.timers());
    // Yield to the event loop every few cycles, as a page would: a long synchronous loop
    // starves the browser (and the test runner's WebDriver polling).
    for i in 0..100 {
        cycle(&rec, options(i));
    }
    sleep(0).await;
    let warm = wasm_memory_bytes();
    let started = js_sys::Date::now();
    let mut callbacks = 0;
    for i in 0..1000 {
        callbacks += cycle(&rec, options(i));
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
    assert_eq!(watch.listeners(), listeners, "no listener left on window");
    assert_eq!(watch.timers(), timers, "no timer left pending");
    // And none that was left would call back (reject:SOURCE) for this message.
    dispatch(&envelope("migration_modal.opened", &[]), ANON, None);
    sleep(10).await;
    assert_eq!(
        rec.take(),
        Vec::<String>::new(),
        "no callback after the last destroy()"
    );
    assert!(
        after - warm <= 64 * 1024,
        "wasm memory grew by {} bytes",
        after - warm
    );
}
