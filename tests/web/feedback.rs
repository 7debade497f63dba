//! The page's code that answers each show of the modal with a hide and each hide with a show,
//! without end (an element that hides the modal as the page turns inert and shows it as it
//! stops): the page does not hang. The loop is cut and reported; whichever change the cut
//! dropped, the modal's teardown (from the page's error listener too), or a show then a hide,
//! leaves nothing locked or inert.

use super::reentry::{on_page, overflow};
use super::*;
use std::cell::RefCell;
use std::rc::Rc;

/// What the page does once the loop is cut.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Then {
    Destroy,
    ShowHideDestroy,
    DestroyFromErrorListener,
}

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
    let flips = document().get_element_by_id("flips").unwrap();
    let to_destroy: Rc<RefCell<Option<ModalHandle>>> = Rc::default();
    let destroy_on_error = to_destroy.clone();
    let errors = UncaughtErrors::watch_then(move || {
        if let Some(modal) = destroy_on_error.borrow_mut().take() {
            modal.destroy();
        }
    });
    // Loading, the loop is show, hide; loaded, show, present, hide: the cut drops a show in one,
    // a hide in the other, leaving the modal hidden where Rust says shown, or the reverse.
    for loaded in [false, true] {
        for then in [
            Then::Destroy,
            Then::ShowHideDestroy,
            Then::DestroyFromErrorListener,
        ] {
            let case = format!("loaded: {loaded}, then: {then:?}");
            let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
            if loaded {
                from_modal(&modal, &opened());
            }
            if then == Then::DestroyFromErrorListener {
                *to_destroy.borrow_mut() = Some(modal.clone());
            }
            let (hides, shows) = (modal.clone(), modal.clone());
            let hide = Closure::<dyn Fn()>::new(move || hides.hide());
            let show = Closure::<dyn Fn()>::new(move || shows.show());
            on_page("__hide", hide.as_ref());
            on_page("__show", show.as_ref());
            modal.show();
            page_script("delete window.__hide; delete window.__show");
            let reported = errors.take();
            assert_eq!(reported.len(), 1, "{reported:?} ({case})");
            assert!(
                reported[0].contains("anon-modal: 100 shows and hides in a row")
                    && reported[0].ends_with("the rest were dropped"),
                "{reported:?}"
            );
            match then {
                Then::DestroyFromErrorListener => assert!(modal.destroyed(), "{case}"),
                Then::ShowHideDestroy => {
                    modal.show();
                    modal.hide();
                    assert_eq!(overflow(), "", "not locked once hidden ({case})");
                    assert!(!is_inert(&flips), "nor inert ({case})");
                    modal.destroy();
                }
                Then::Destroy => modal.destroy(),
            }
            assert_eq!(overflow(), "", "not locked once destroyed ({case})");
            assert!(!is_inert(&flips), "nor inert ({case})");
        }
    }
}

/// The same loop through the top layer: a `beforetoggle` handler that hides the modal as it
/// goes in and shows it as it comes out. Cut and reported, then destroyed: nothing is left
/// locked or inert.
#[wasm_bindgen_test]
fn a_page_that_hides_the_modal_as_it_goes_in_the_top_layer_and_shows_it_as_it_leaves_does_not_hang() {
    let _restore = Restore("document.getElementById('probe')?.remove()");
    page_script("document.body.appendChild(document.createElement('button')).id = 'probe'");
    let probe = document().get_element_by_id("probe").unwrap();
    let errors = UncaughtErrors::watch();
    let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    from_modal(&modal, &opened());
    let handle = modal.clone();
    let flip = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let state = Reflect::get(&event, &"newState".into()).unwrap();
        if state == "open" {
            handle.hide();
        } else {
            handle.show();
        }
    });
    let iframe = modal.iframe();
    iframe
        .add_event_listener_with_callback("beforetoggle", flip.as_ref().unchecked_ref())
        .unwrap();
    modal.show();
    iframe
        .remove_event_listener_with_callback("beforetoggle", flip.as_ref().unchecked_ref())
        .unwrap();
    let reported = errors.take();
    drop(errors);
    modal.destroy();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(
        reported[0].contains("100 shows and hides in a row"),
        "{reported:?}"
    );
    assert_eq!(overflow(), "", "not locked once destroyed");
    assert!(!is_inert(&probe), "nor inert");
}
