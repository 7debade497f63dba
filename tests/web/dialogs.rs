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

/// A hidden modal shown while the page has a modal dialog open stays under the dialog: above
/// it, the overlay would cover the dialog yet take no click, being inert like the page behind
/// the dialog. Once the user closes the dialog, the modal is in the top layer, with focus.
#[wasm_bindgen_test]
async fn a_modal_ready_under_the_pages_modal_dialog_is_put_before_the_user_once_it_closes() {
    let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    let dialog = modal_dialog("<button id='dialog-button'>OK</button>");
    let _restore = Restore("document.querySelector('dialog')?.remove()");
    modal.show();
    from_modal(&modal, &opened());
    assert!(!is_open_popover(&modal.iframe()));
    page_script("document.getElementById('dialog-button').focus()");
    assert_eq!(
        document().active_element().map(|element| element.id()).as_deref(),
        Some("dialog-button")
    );
    page_script("document.querySelector('dialog').close()");
    next_frame().await;
    assert!(is_open_popover(&modal.iframe()), "in the top layer");
    assert_eq!(
        document().active_element(),
        Some(modal.iframe().into()),
        "focused"
    );
    modal.destroy();
    dialog.remove();
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
