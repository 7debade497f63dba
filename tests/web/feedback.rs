//! The page's code that answers each show of the modal with a hide and each hide with a show,
//! without end (an element that hides the modal as the page turns inert and shows it as it
//! stops): the page does not hang. The loop is cut and reported, and the modal, destroyed,
//! leaves nothing locked or inert.

use super::reentry::{on_page, overflow};
use super::*;

#[wasm_bindgen_test]
fn a_page_that_answers_each_show_with_a_hide_and_each_hide_with_a_show_does_not_hang() {
    let _restore =
        Restore("document.getElementById('flips')?.remove(); delete window.__hide; delete window.__show");
    page_script(
        "customElements.get('flips-modal') ?? customElements.define('flips-modal', class extends HTMLElement {
           static observedAttributes = ['inert'];
           attributeChangedCallback() { (this.inert ? window.__hide : window.__show)?.(); }
         });
         document.body.appendChild(document.createElement('flips-modal')).id = 'flips';",
    );
    let errors = Recorder::new();
    let log = errors.clone();
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        e.prevent_default();
        log.push(&e.message());
    });
    window()
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    let (hides, shows) = (modal.clone(), modal.clone());
    let hide = Closure::<dyn Fn()>::new(move || hides.hide());
    let show = Closure::<dyn Fn()>::new(move || shows.show());
    on_page("__hide", hide.as_ref());
    on_page("__show", show.as_ref());
    modal.show();
    page_script("delete window.__hide; delete window.__show");
    window()
        .remove_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    modal.destroy();
    let reported = errors.take();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(
        reported[0].contains("anon-modal: 1000 shows and hides in a row")
            && reported[0].ends_with("the rest were dropped"),
        "{reported:?}"
    );
    let flips = document().get_element_by_id("flips").unwrap();
    assert_eq!(overflow(), "", "the page is not locked");
    assert!(!is_inert(&flips), "nor inert");
}
