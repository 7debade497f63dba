//! The page's code that runs inside a show or a hide and asks for another: a `beforetoggle`
//! handler as the frame goes in or out of the top layer, a custom element that observes `inert`
//! as the page turns inert or stops being so. Each show, hide and new modal it asks for is done
//! as if asked on its own: the page ends locked and covered exactly while a modal shows.

use super::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The body's `overflow-y`, which the scroll lock sets.
pub(crate) fn overflow() -> String {
    document()
        .body()
        .unwrap()
        .style()
        .get_property_value("overflow-y")
        .unwrap()
}

/// Puts a `<tag id=id>` at the end of the body: a custom element that observes `inert` and
/// calls the page's `window[hook]`, if set, as it stops being inert (or, with `as_inert`, as it
/// turns so).
pub(crate) fn inert_watcher(tag: &str, id: &str, hook: &str, as_inert: bool) {
    page_script(&format!(
        "customElements.get('{tag}') ?? customElements.define('{tag}', class extends HTMLElement {{
           static observedAttributes = ['inert'];
           attributeChangedCallback() {{ if (this.inert === {as_inert}) window.{hook}?.(); }}
         }});
         document.body.appendChild(document.createElement('{tag}')).id = '{id}';"
    ));
}

/// Checks that `modal`, shown again by the page's code, holds the page as any show does (the
/// scroll locked, the element `behind` inert) until it is hidden, then destroys it.
fn holds_the_page_until_hidden(modal: &ModalHandle, behind: &str) {
    assert_eq!(overflow(), "hidden", "shown again, the page is locked");
    let behind = document().get_element_by_id(behind).unwrap();
    assert!(is_inert(&behind), "and what is behind the modal inert");
    modal.hide();
    assert_eq!(overflow(), "", "hidden, the page is not locked");
    assert!(!is_inert(&behind), "nor inert");
    modal.destroy();
}

/// A loaded modal whose iframe has a `beforetoggle` handler of the page's that calls `act` once,
/// as the frame first goes to `state` ("open": into the top layer; "closed": out of it). The
/// handler lives as long as the closure returned.
fn loaded_with_toggle_hook(
    state: &'static str,
    act: impl Fn(&ModalHandle) + 'static,
) -> (ModalHandle, Closure<dyn Fn(JsValue)>) {
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    let (handle, once) = (modal.clone(), Cell::new(true));
    let hook = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let now = Reflect::get(&event, &"newState".into()).unwrap();
        if now == state && once.replace(false) {
            act(&handle);
        }
    });
    let listener = hook.as_ref().unchecked_ref();
    (modal.iframe())
        .add_event_listener_with_callback("beforetoggle", listener)
        .unwrap();
    (modal, hook)
}

/// Hides `first` while the page's code embeds a second modal, once, from `window[hook]` (which
/// an element calls as the page stops being inert); returns that second modal.
fn embedded_during_hide(first: &ModalHandle, hook: &'static str) -> ModalHandle {
    let second: Rc<RefCell<Option<ModalHandle>>> = Default::default();
    let slot = second.clone();
    let embed_again = Closure::<dyn Fn()>::new(move || {
        page_script(&format!("delete window.{hook}"));
        *slot.borrow_mut() = Some(embed(MODAL_URL, JsValue::UNDEFINED));
    });
    on_page(hook, embed_again.as_ref());
    first.hide();
    let embedded = second.borrow_mut().take();
    embedded.expect("embedded again")
}

/// A modal embedded, then hidden while the page's element (a `<tag id=id>`) shows it again as
/// the page stops being inert.
fn hidden_and_shown_again(tag: &str, id: &str) -> ModalHandle {
    inert_watcher(tag, id, "__show", false);
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let handle = modal.clone();
    let show = Closure::<dyn Fn()>::new(move || handle.show());
    on_page("__show", show.as_ref());
    modal.hide();
    page_script("delete window.__show");
    modal
}

/// Sets the page's `window[name]` to `callback`, for its code to call.
pub(crate) fn on_page(name: &str, callback: &JsValue) {
    Reflect::set(&window(), &name.into(), callback).unwrap();
}

/// A page's handler that hides the modal as it goes in the top layer (a `beforetoggle`
/// listener) leaves nothing of the page inert, then or once the modal is gone, and the modal
/// out of the top layer, where it would stay above what the page opens. One that hides and
/// shows it again, and opens a dialog, leaves the new show presented as any: in the top layer,
/// with focus, and the dialog under it, inert, until it is hidden.
#[wasm_bindgen_test]
fn a_modal_hidden_as_it_goes_in_the_top_layer_leaves_it_and_the_page_as_they_were() {
    let _restore =
        Restore("for (const id of ['probe', 'probe-dialog']) document.getElementById(id)?.remove()");
    page_script(
        "const probe = document.body.appendChild(document.createElement('button'));
         probe.id = 'probe';
         const dialog = document.body.appendChild(document.createElement('dialog'));
         dialog.id = 'probe-dialog';
         dialog.innerHTML = '<button>OK</button>';",
    );
    let probe = document().get_element_by_id("probe").unwrap();
    let dialog = document().get_element_by_id("probe-dialog").unwrap();
    for again in [false, true] {
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        let (handle, once) = (modal.clone(), Cell::new(true));
        let hide = Closure::<dyn Fn()>::new(move || {
            if once.replace(false) {
                handle.hide();
                if again {
                    handle.show();
                    page_script("document.getElementById('probe-dialog').show()");
                }
            }
        });
        let iframe = modal.iframe();
        let callback = hide.as_ref().unchecked_ref();
        iframe
            .add_event_listener_with_callback_and_bool("beforetoggle", callback, true)
            .unwrap();
        from_modal(&modal, &opened());
        assert_eq!(is_inert(&probe), again, "the page (shown again: {again})");
        assert_eq!(
            is_open_popover(&iframe),
            again,
            "the top layer (shown again: {again})"
        );
        if again {
            assert!(is_inert(&dialog), "the dialog opened meanwhile");
            assert_eq!(document().active_element(), Some(iframe.clone().into()));
        }
        modal.hide();
        assert!(!is_open_popover(&iframe) && !is_inert(&probe), "hidden");
        modal.destroy();
    }
}

/// A page whose element runs code as it turns inert (a custom element that observes `inert`)
/// and hides the modal then leaves nothing behind: no listener on the window, nothing inert,
/// the elements after it neither. One that takes itself out then leaves the next covered.
#[wasm_bindgen_test]
fn a_modal_hidden_as_the_page_turns_inert_leaves_nothing_behind() {
    let _restore = Restore(
        "for (const id of ['hides', 'after', 'goes', 'next']) document.getElementById(id)?.remove();
         delete window.__hide",
    );
    let watch = WindowWatch::install();
    let listeners = watch.listeners();
    page_script(
        "for (const [name, act] of [['hides-modal', () => window.__hide?.()], ['takes-itself-out', (element) => element.remove()]]) {
           customElements.get(name) ?? customElements.define(name, class extends HTMLElement {
             static observedAttributes = ['inert'];
             attributeChangedCallback() { act(this); }
           });
         }
         const hides = document.body.appendChild(document.createElement('hides-modal'));
         hides.id = 'hides';
         document.body.appendChild(document.createElement('button')).id = 'after';",
    );
    let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    let handle = modal.clone();
    let hide = Closure::<dyn Fn()>::new(move || handle.hide());
    on_page("__hide", hide.as_ref());
    modal.show();
    page_script("delete window.__hide; document.getElementById('hides').remove()");
    modal.destroy();
    assert_eq!(watch.listeners(), listeners);
    let after = document().get_element_by_id("after").unwrap();
    assert!(!is_inert(&after), "after it");
    page_script(
        "document.body.appendChild(document.createElement('takes-itself-out')).id = 'goes';
         document.body.appendChild(document.createElement('button')).id = 'next';",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    assert!(
        is_inert(&document().get_element_by_id("next").unwrap()),
        "the next one"
    );
    modal.destroy();
}

/// A page whose element shows the modal again as it stops being inert (a custom element that
/// observes `inert`) gets a show like any other: the hide has put the page back first, so the
/// new show locks the scroll, and its own hide unlocks it.
#[wasm_bindgen_test]
fn a_modal_shown_again_as_the_page_stops_being_inert_is_shown_as_any() {
    let _restore = Restore("document.getElementById('shows')?.remove(); delete window.__show");
    let modal = hidden_and_shown_again("shows-modal", "shows");
    holds_the_page_until_hidden(&modal, "shows");
}

/// The page's `beforetoggle` handler that shows the modal again as its hide takes it out of the
/// top layer gets a show like any other: in the top layer, with focus, the page locked and
/// covered until that show is hidden.
#[wasm_bindgen_test]
fn a_modal_shown_again_as_it_leaves_the_top_layer_is_shown_as_any() {
    let _restore = Restore("document.getElementById('behind')?.remove()");
    page_script("document.body.appendChild(document.createElement('button')).id = 'behind'");
    let (modal, _hook) = loaded_with_toggle_hook("closed", |modal| modal.show());
    let iframe = modal.iframe();
    modal.hide();
    assert!(is_open_popover(&iframe), "in the top layer");
    assert_eq!(document().active_element(), Some(iframe.clone().into()));
    holds_the_page_until_hidden(&modal, "behind");
}

/// Calls the page makes during a hide, and during the hides it asked for, are done in the order
/// it made them: show, hide, show, then (as that last show is hidden again) hide leaves the
/// modal hidden and the page as it was, and nothing behind once it is destroyed.
#[wasm_bindgen_test]
fn what_the_page_asks_during_a_hide_is_done_in_order() {
    let _restore = Restore("document.getElementById('acts')?.remove(); delete window.__act");
    inert_watcher("acts-on-modal", "acts", "__act", false);
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let (handle, calls) = (modal.clone(), Cell::new(0));
    let act = Closure::<dyn Fn()>::new(move || match calls.replace(calls.get() + 1) {
        0 => {
            handle.show();
            handle.hide();
            handle.show();
        }
        1 => handle.hide(),
        _ => {}
    });
    on_page("__act", act.as_ref());
    modal.hide();
    page_script("delete window.__act");
    let display = modal.iframe().style().get_property_value("display").unwrap();
    assert_eq!((display.as_str(), overflow().as_str()), ("none", ""), "hidden");
    modal.destroy();
    assert_eq!(overflow(), "");
    assert!(!is_inert(&document().get_element_by_id("acts").unwrap()));
}

/// A modal the page embeds as the last one's hide makes its element stop being inert covers
/// the page as any does: the scroll locked and every other element inert while it shows.
#[wasm_bindgen_test]
fn a_modal_embedded_as_the_page_stops_being_inert_covers_it() {
    let _restore = Restore(
        "for (const id of ['embeds', 'after-embeds']) document.getElementById(id)?.remove();
         delete window.__embed",
    );
    inert_watcher("embeds-modal", "embeds", "__embed", false);
    page_script("document.body.appendChild(document.createElement('button')).id = 'after-embeds'");
    let first = embed(MODAL_URL, JsValue::UNDEFINED);
    let second = embedded_during_hide(&first, "__embed");
    let display = second.iframe().style().get_property_value("display").unwrap();
    assert_eq!((display.as_str(), overflow().as_str()), ("block", "hidden"));
    assert!(is_inert(&document().get_element_by_id("after-embeds").unwrap()));
    second.destroy();
    first.destroy();
    assert_eq!(overflow(), "", "both gone");
}

/// A hide the page's code breaks (its `requestAnimationFrame` throws as focus is retried for a
/// button it took out) still unlocks the page, and the shows and hides after it are done as
/// any: a modal shown again as the page stops being inert is shown.
#[wasm_bindgen_test]
fn a_hide_the_pages_code_breaks_leaves_later_ones_working() {
    let _restore = Restore(
        "document.getElementById('gone')?.remove(); document.getElementById('shows-later')?.remove();
         delete window.__show; if (window.__raf) { window.requestAnimationFrame = window.__raf; delete window.__raf }",
    );
    page_script(
        "const b = document.body.appendChild(document.createElement('button')); b.id = 'gone'; b.focus()",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    page_script(
        "document.getElementById('gone').remove();
         window.__raf = window.requestAnimationFrame;
         window.requestAnimationFrame = () => { throw new Error('patched'); }",
    );
    let errors = UncaughtErrors::watch();
    let hide: js_sys::Function = Reflect::get(&modal, &"hide".into()).unwrap().unchecked_into();
    let thrown = hide.call0(&modal).is_err();
    page_script("window.requestAnimationFrame = window.__raf; delete window.__raf");
    modal.destroy();
    let reported = errors.take();
    assert!(!thrown, "the hide did not throw");
    assert_eq!(
        reported.len(),
        1,
        "the page's error is reported once: {reported:?}"
    );
    assert!(reported[0].contains("patched"), "{reported:?}");
    assert_eq!(overflow(), "", "the breaking hide still unlocked");
    // Later: the page's element shows the modal again as it stops being inert.
    let modal = hidden_and_shown_again("shows-modal-later", "shows-later");
    let display = modal.iframe().style().get_property_value("display").unwrap();
    let seen = (display, overflow());
    modal.destroy();
    assert_eq!(
        (seen.0.as_str(), seen.1.as_str()),
        ("block", "hidden"),
        "shown again"
    );
}

/// What the page asks as a show that waited its turn covers it (an element that hides the modal
/// as it turns inert) waits its turn too: here the page asks show, hide, show during a hide,
/// then hide as that first show covers it. The modal ends hidden, as Rust says, and nothing is
/// left locked or inert once it is destroyed.
#[wasm_bindgen_test]
fn what_the_page_asks_as_a_waiting_show_covers_it_waits_its_turn() {
    let _restore = Restore(
        "for (const id of ['asks', 'hides-as-covered', 'behind-all']) document.getElementById(id)?.remove();
         delete window.__ask; delete window.__hideAsCovered",
    );
    inert_watcher("asks-of-modal", "asks", "__ask", false);
    inert_watcher(
        "hides-modal-as-covered",
        "hides-as-covered",
        "__hideAsCovered",
        true,
    );
    page_script("document.body.appendChild(document.createElement('button')).id = 'behind-all'");
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    let (handle, once) = (modal.clone(), Cell::new(true));
    let act = Closure::<dyn Fn()>::new(move || {
        if once.replace(false) {
            handle.show();
            handle.hide();
            handle.show();
        }
    });
    let (handle, once) = (modal.clone(), Cell::new(true));
    let hide = Closure::<dyn Fn()>::new(move || {
        if once.replace(false) {
            handle.hide();
        }
    });
    on_page("__ask", act.as_ref());
    on_page("__hideAsCovered", hide.as_ref());
    modal.hide();
    page_script("delete window.__ask; delete window.__hideAsCovered");
    let display = modal.iframe().style().get_property_value("display").unwrap();
    let seen = (
        display,
        overflow(),
        is_inert(&document().get_element_by_id("behind-all").unwrap()),
    );
    modal.destroy();
    let after = (
        overflow(),
        is_inert(&document().get_element_by_id("behind-all").unwrap()),
    );
    // Put back what a failure would leave, for the tests after.
    page_script("document.body.style.cssText = ''; document.documentElement.style.cssText = ''; for (const e of document.body.children) e.inert = false");
    assert_eq!(
        after,
        (String::new(), false),
        "destroyed: nothing left locked or inert (before destroy: {seen:?})"
    );
    assert_eq!(
        (seen.0.as_str(), seen.1.as_str(), seen.2),
        ("none", "", false),
        "Rust says hidden"
    );
}

/// A modal embedded as the last one's hide makes the page's element stop being inert keeps the
/// page where its scrollbar left it, as any modal does (page.rs
/// `the_scroll_lock_keeps_the_page_where_its_scrollbar_left_it`).
#[wasm_bindgen_test]
fn a_modal_embedded_during_a_hide_keeps_the_page_where_its_scrollbar_left_it() {
    let _restore = Restore(
        "for (const id of ['embeds-tall', 'tall', 'probe-width']) document.getElementById(id)?.remove();
         delete window.__embedTall",
    );
    inert_watcher("embeds-modal-tall", "embeds-tall", "__embedTall", false);
    page_script(
        "document.body.appendChild(document.createElement('div')).id = 'probe-width';
         document.body.appendChild(document.createElement('div')).id = 'tall';
         document.getElementById('tall').style.height = '5000px';",
    );
    let place = || {
        page_script("return document.getElementById('probe-width').getBoundingClientRect().width")
            .as_f64()
            .unwrap()
    };
    let before = place();
    let first = embed(MODAL_URL, JsValue::UNDEFINED);
    assert_eq!(place(), before, "the first");
    let second = embedded_during_hide(&first, "__embedTall");
    let seen = (place(), overflow());
    second.destroy();
    first.destroy();
    assert_eq!(
        seen,
        (before, "hidden".to_string()),
        "the second, embedded during the hide"
    );
}

/// What goes wrong in a show the page asked during another modal's hide (here the page's
/// `requestAnimationFrame` throws once) is that show's: the modal being destroyed is still
/// taken out of the page.
#[wasm_bindgen_test]
fn a_show_the_pages_code_breaks_leaves_the_modal_being_destroyed_out() {
    let _restore = Restore(
        "document.getElementById('embeds-broken')?.remove(); delete window.__embedBroken;
         if (window.__raf) { window.requestAnimationFrame = window.__raf; delete window.__raf }",
    );
    inert_watcher("embeds-modal-broken", "embeds-broken", "__embedBroken", false);
    let first = embed(MODAL_URL, JsValue::UNDEFINED);
    let second: Rc<RefCell<Option<ModalHandle>>> = Default::default();
    let slot = second.clone();
    let again = Closure::<dyn Fn()>::new(move || {
        page_script(
            "delete window.__embedBroken;
             window.__raf = window.requestAnimationFrame;
             window.requestAnimationFrame = () => { throw new Error('patched'); }",
        );
        *slot.borrow_mut() = Some(embed(MODAL_URL, JsValue::UNDEFINED));
    });
    on_page("__embedBroken", again.as_ref());
    let errors = UncaughtErrors::watch();
    let destroy: js_sys::Function = Reflect::get(&first, &"destroy".into()).unwrap().unchecked_into();
    let thrown = destroy.call0(&first).is_err();
    page_script("if (window.__raf) { window.requestAnimationFrame = window.__raf; delete window.__raf }");
    let reported = errors.take();
    let first_in_page = first.iframe().is_connected();
    if let Some(second) = second.borrow_mut().take() {
        second.destroy();
    }
    first.iframe().remove();
    page_script("document.body.style.cssText = ''; document.documentElement.style.cssText = ''");
    assert!(!thrown, "the destroy did not throw");
    assert_eq!(
        reported.len(),
        1,
        "the page's error is reported once: {reported:?}"
    );
    assert!(reported[0].contains("patched"), "{reported:?}");
    assert!(!first_in_page, "the destroyed modal's iframe is out");
}

/// An element the page adds while the modal shows that hides it as it turns inert (as the page's
/// additions are covered, a microtask after the page's script) leaves the elements added after
/// it usable: nothing is covered once the modal is hidden, nor left inert once it is destroyed.
#[wasm_bindgen_test]
async fn a_modal_hidden_as_an_added_element_is_covered_leaves_the_rest_usable() {
    let _restore = Restore(
        "for (const id of ['hides-on-add', 'added-after']) document.getElementById(id)?.remove();
         delete window.__hideOnAdd",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let (handle, once) = (modal.clone(), Cell::new(true));
    let hide = Closure::<dyn Fn()>::new(move || {
        if once.replace(false) {
            handle.hide();
        }
    });
    on_page("__hideOnAdd", hide.as_ref());
    inert_watcher("hides-modal-on-add", "hides-on-add", "__hideOnAdd", true);
    page_script("document.body.appendChild(document.createElement('button')).id = 'added-after'");
    sleep(0).await; // the page's additions are seen after its script, as a microtask
    page_script("delete window.__hideOnAdd");
    let after = document().get_element_by_id("added-after").unwrap();
    let display = modal.iframe().style().get_property_value("display").unwrap();
    assert_eq!((display.as_str(), overflow().as_str()), ("none", ""), "hidden");
    assert!(!is_inert(&after), "added after it");
    modal.destroy();
    assert!(!is_inert(&after), "destroyed");
}

/// The page's `beforetoggle` handler that hides the modal as a frame the page moved goes back in
/// the top layer takes it out of the top layer too.
#[wasm_bindgen_test]
async fn a_modal_hidden_as_a_moved_frame_goes_back_in_the_top_layer_leaves_it() {
    let (modal, _hook) = loaded_with_toggle_hook("open", |modal| modal.hide());
    let iframe = modal.iframe();
    document().body().unwrap().append_child(&iframe).unwrap();
    sleep(0).await; // the move is seen after the page's script, as a microtask
    let display = iframe.style().get_property_value("display").unwrap();
    assert_eq!(display, "none", "hidden");
    assert!(!is_open_popover(&iframe), "out of the top layer");
    modal.destroy();
}
