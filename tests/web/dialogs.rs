//! The page's own dialogs and popovers: those it opens while the modal shows are above it and
//! usable, those open already go under it, and a modal dialog open as the modal becomes ready
//! keeps it waiting until the dialog closes.

use super::*;
use web_sys::HtmlElement;

/// A `<dialog>` or popover in the page that the page has yet to open is not made inert: opened
/// while the modal shows (a session-timeout warning), it is above the modal, in the top layer,
/// where an inert one would show but take no click or key. One already open is under the
/// overlay, and inert like the rest of the page.
#[wasm_bindgen_test]
fn the_pages_dialogs_and_popovers_opened_later_stay_usable_above_the_modal() {
    let _restore =
        Restore("for (const id of ['warning', 'menu', 'toast']) document.getElementById(id)?.remove()");
    page_script(
        "for (const [tag, id] of [['dialog', 'warning'], ['div', 'menu'], ['div', 'toast']]) {
           const element = document.createElement(tag);
           element.id = id;
           if (tag === 'div') element.popover = 'manual';
           element.append(Object.assign(document.createElement('button'), { id: id + '-button' }));
           document.body.append(element);
         }
         toast.showPopover()",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    let toast: HtmlElement = document().get_element_by_id("toast").unwrap().unchecked_into();
    assert!(is_inert(&toast), "the toast open before");
    let focused = || document().active_element().map(|element| element.id());
    page_script("warning.showModal(); document.getElementById('warning-button').focus()");
    assert_eq!(focused().as_deref(), Some("warning-button"), "the dialog");
    page_script("warning.close(); menu.showPopover(); document.getElementById('menu-button').focus()");
    assert_eq!(focused().as_deref(), Some("menu-button"), "the popover");
    modal.destroy();
}

/// Whether a click at the middle of `element` reaches it: not one the page made inert, nor one
/// something covers.
fn takes_clicks(element: &web_sys::Element) -> bool {
    let rect = element.get_bounding_client_rect();
    let (x, y) = (rect.left() + rect.width() / 2.0, rect.top() + rect.height() / 2.0);
    document().element_from_point(x as f32, y as f32).as_ref() == Some(element)
}

/// A modal dialog the page has open as the modal becomes ready (a session-timeout warning opened
/// while it loaded, or one open as a hidden modal shows) stays above it, usable: above the
/// dialog, the overlay would cover it yet take no click, being inert like the rest of the page.
/// Once the user closes the dialog, the modal is in the top layer, with focus (the dialog gives
/// it back to the body).
#[wasm_bindgen_test]
async fn a_modal_ready_under_the_pages_modal_dialog_waits_for_it_to_close() {
    let _restore = Restore("document.querySelector('dialog')?.remove()");
    for hidden in [false, true] {
        let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", hidden.into())]));
        let dialog = modal_dialog("<button>OK</button>");
        if hidden {
            modal.show();
        }
        from_modal(&modal, &opened());
        next_frame().await;
        assert!(!is_open_popover(&modal.iframe()), "under the dialog");
        let button = dialog.first_element_child().unwrap();
        assert!(
            takes_clicks(&button),
            "the dialog takes clicks (hidden: {hidden})"
        );
        page_script("document.querySelector('dialog').close()");
        next_frame().await;
        assert!(is_open_popover(&modal.iframe()), "in the top layer");
        assert_eq!(
            document().active_element(),
            Some(modal.iframe().into()),
            "focused (hidden: {hidden})"
        );
        modal.destroy();
        dialog.remove();
    }
}

/// A web component's modal dialog, in a shadow root, is found where focus is as the modal
/// becomes ready; then the dialog itself is watched: the modal stays under it once focus has
/// left it (a click on the dialog's text), and goes in the top layer once it closes.
#[wasm_bindgen_test]
async fn a_modal_ready_under_a_web_components_modal_dialog_waits_for_that_dialog() {
    let _restore = Restore("document.getElementById('component')?.remove()");
    let modal = embed(MODAL_URL, Recorder::new().options(&[("inertPage", false.into())]));
    let dialog = "document.getElementById('component').shadowRoot.querySelector('dialog')";
    page_script(&format!(
        "const host = document.body.appendChild(document.createElement('div'));
         host.id = 'component';
         host.attachShadow({{ mode: 'open' }}).innerHTML = '<dialog><button>OK</button></dialog>';
         {dialog}.showModal()"
    ));
    from_modal(&modal, &opened());
    page_script(&format!("{dialog}.querySelector('button').blur()"));
    next_frame().await;
    next_frame().await;
    assert!(!is_open_popover(&modal.iframe()), "under the open dialog");
    page_script(&format!("{dialog}.close()"));
    next_frame().await;
    assert!(is_open_popover(&modal.iframe()), "in the top layer");
    assert_eq!(document().active_element(), Some(modal.iframe().into()));
    modal.destroy();
}

/// A dialog the page adds and opens in one task while the modal is in the top layer is above it
/// and usable: by the time the page's additions are seen, it is open already.
#[wasm_bindgen_test]
async fn a_dialog_the_page_adds_and_opens_at_once_stays_usable() {
    let _restore = Restore("document.getElementById('at-once')?.remove()");
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    page_script(
        "const dialog = document.body.appendChild(document.createElement('dialog'));
         dialog.id = 'at-once';
         dialog.append(Object.assign(document.createElement('button'), { id: 'at-once-button' }));
         dialog.showModal()",
    );
    sleep(0).await; // the page's additions are seen after its script, as a microtask
    page_script("document.getElementById('at-once-button').focus()");
    assert_eq!(
        document().active_element().map(|element| element.id()).as_deref(),
        Some("at-once-button")
    );
    modal.destroy();
}

/// A popover the page opens while the modal loads is covered once the modal is ready and goes
/// in the top layer: from then on it is inert, as the rest of the page behind the modal is.
#[wasm_bindgen_test]
fn a_popover_the_page_opens_while_the_modal_loads_is_inert_once_covered() {
    let _restore = Restore("document.getElementById('early')?.remove()");
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    page_script(
        "const popover = document.body.appendChild(document.createElement('div'));
         popover.id = 'early';
         popover.popover = 'manual';
         popover.showPopover()",
    );
    from_modal(&modal, &opened());
    let popover = document().get_element_by_id("early").unwrap();
    assert!(is_inert(&popover));
    modal.destroy();
}

/// A modal dialog the page opens above the loading overlay (a session-timeout warning) gets
/// Escape wherever focus is: the user may have tabbed out of it to the body.
#[wasm_bindgen_test]
fn escape_is_the_page_dialogs_wherever_focus_is() {
    let (_rec, overlay) = recorded();
    let dialog = modal_dialog("<button>Stay signed in</button>");
    assert!(press_escape(), "from the body, the dialog's");
    assert!(!overlay.destroyed());
    dialog.remove();
    assert!(!press_escape(), "with no dialog, the overlay's");
    assert!(overlay.destroyed());
}

/// A dialog or popover the page had open as the modal showed is under it, inert; opened again
/// meanwhile (a toast shown again, a dialog opened again with `showModal()`), it is above the
/// modal, as one opened later is, and usable, the dialog with focus.
#[wasm_bindgen_test]
fn a_dialog_or_popover_the_page_opens_again_is_usable_above_the_modal() {
    let _restore =
        Restore("for (const id of ['again', 'again-toast']) document.getElementById(id)?.remove()");
    page_script(
        "for (const [tag, id] of [['dialog', 'again'], ['div', 'again-toast']]) {
           const element = document.body.appendChild(document.createElement(tag));
           element.id = id;
           element.append(Object.assign(document.createElement('button'), { id: id + '-button' }));
         }
         document.getElementById('again').show();
         const toast = document.getElementById('again-toast');
         toast.popover = 'manual';
         toast.showPopover()",
    );
    let element = |id: &str| document().get_element_by_id(id).unwrap();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    assert!(is_inert(&element("again")) && is_inert(&element("again-toast")));
    page_script("const dialog = document.getElementById('again'); dialog.close(); dialog.showModal()");
    assert!(!is_inert(&element("again")));
    assert_eq!(document().active_element(), Some(element("again-button")));
    assert!(takes_clicks(&element("again-button")), "the dialog");
    page_script(
        "document.getElementById('again').close();
         const toast = document.getElementById('again-toast');
         toast.hidePopover();
         toast.showPopover()",
    );
    assert!(takes_clicks(&element("again-toast-button")), "the toast");
    modal.destroy();
}

/// A dialog inside the app's root, which is inert while the modal shows, opened again with
/// `showModal()` takes focus as a modal dialog does (WebKit read the dialog as inert when it
/// was closed and opened in one task).
#[wasm_bindgen_test]
fn a_dialog_in_the_inert_app_root_opened_again_takes_focus() {
    let _restore = Restore("document.getElementById('app-root')?.remove()");
    page_script(
        "const root = document.body.appendChild(document.createElement('div'));
         root.id = 'app-root';
         root.innerHTML = '<dialog id=nested><button id=nested-button>OK</button></dialog>';
         document.getElementById('nested').show()",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    page_script("const dialog = document.getElementById('nested'); dialog.close(); dialog.showModal()");
    let button = document().get_element_by_id("nested-button");
    assert_eq!(document().active_element(), button);
    modal.destroy();
}

/// A frame the page moves (a re-render) while its own modal dialog is open above the modal
/// leaves the top layer and cannot go back under that dialog: it waits for the dialog to close,
/// then is in the top layer again, with focus, as it was before the move.
#[wasm_bindgen_test]
async fn a_frame_moved_under_the_pages_modal_dialog_goes_back_once_it_closes() {
    let _restore = Restore("document.querySelector('dialog')?.remove()");
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    let dialog = modal_dialog("<button>OK</button>");
    document().body().unwrap().append_child(&modal.iframe()).unwrap();
    sleep(0).await; // the move is seen after the page's script, as a microtask
    assert!(!is_open_popover(&modal.iframe()), "not above the open dialog");
    page_script("document.querySelector('dialog').close()");
    next_frame().await;
    assert!(is_open_popover(&modal.iframe()), "in the top layer");
    assert_eq!(document().active_element(), Some(modal.iframe().into()));
    modal.destroy();
    dialog.remove();
}
