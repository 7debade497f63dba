//! The fullscreen overlay and the page behind it: inert while the modal is shown, restored
//! exactly on hide and teardown, focus given back.

use super::*;
use web_sys::HtmlElement;

fn element(tag: &str, inert: bool) -> HtmlElement {
    let element: HtmlElement = document().create_element(tag).unwrap().unchecked_into();
    Reflect::set(&element, &"inert".into(), &inert.into()).unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// A modal mounted inside a new `<div id="{id}">` on the page (its `container` option).
fn inline_modal(id: &str) -> (HtmlElement, ModalHandle) {
    let container = element("div", false);
    container.set_id(id);
    let selector = format!("#{id}");
    let modal = embed(
        MODAL_URL,
        Recorder::new().options(&[("container", selector.into())]),
    );
    (container, modal)
}

fn is_inert(element: &HtmlElement) -> bool {
    Reflect::get(element, &"inert".into()).unwrap().is_truthy()
}

#[wasm_bindgen_test]
fn the_page_is_inert_while_shown_and_restored_exactly() {
    let page = element("button", false);
    let inert_before = element("div", true);
    page.focus().unwrap();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    assert!(is_inert(&page), "the page behind a shown modal is inert");
    assert!(!is_inert(&modal.iframe()), "the modal itself is not");
    modal.hide();
    assert!(!is_inert(&page), "hide gives the page back");
    assert!(is_inert(&inert_before), "what was inert before stays inert");
    assert_eq!(
        document().active_element(),
        Some(page.clone().into()),
        "focus returns"
    );
    modal.show();
    assert!(is_inert(&page));
    modal.destroy();
    assert!(!is_inert(&page), "teardown gives the page back");
    assert!(is_inert(&inert_before));
    assert_eq!(document().active_element(), Some(page.clone().into()));
    page.remove();
    inert_before.remove();
}

#[wasm_bindgen_test]
fn inert_page_false_and_an_inline_modal_leave_the_page_alone() {
    let page = element("button", false);
    let modal = embed(MODAL_URL, Recorder::new().options(&[("inertPage", false.into())]));
    assert!(!is_inert(&page));
    modal.destroy();

    let (container, modal) = inline_modal("overlay-inline");
    assert!(!is_inert(&page), "an inline modal covers nothing");
    modal.destroy();
    page.remove();
    container.remove();
}

fn press_escape() {
    js_sys::Function::new_no_args("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))")
        .call0(&JsValue::NULL)
        .unwrap();
}

#[wasm_bindgen_test]
fn escape_closes_only_a_shown_overlay_that_is_not_ready() {
    // A hidden modal (a background resume) and an inline one trap nothing: the key is the page's.
    let hidden = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    press_escape();
    assert!(!hidden.destroyed(), "Escape leaves a hidden modal running");
    hidden.destroy();

    let (container, inline) = inline_modal("escape-inline");
    press_escape();
    assert!(!inline.destroyed(), "Escape leaves an inline modal running");
    inline.destroy();
    container.remove();

    let (rec, overlay) = recorded();
    press_escape();
    assert!(
        overlay.destroyed(),
        "Escape closes a shown overlay that is not ready"
    );
    assert_eq!(
        rec.delivered(),
        ["closed:migration_modal.closed", "event:migration_modal.closed"]
    );
}
