//! What the page around the modal does to it: a widget at the highest `z-index`, dialogs and
//! popovers it opens above it, a dark `color-scheme`.

use super::*;
use web_sys::HtmlElement;

/// A chat widget that sits at the highest `z-index` (2147483647, as Intercom's does) stays
/// under the fullscreen overlay: the top layer is above every `z-index` (and where popovers are
/// missing, the overlay's default is that same highest value, and the later element wins a tie).
#[wasm_bindgen_test]
fn a_widget_at_the_highest_z_index_stays_under_the_overlay() {
    let widget: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    widget
        .style()
        .set_css_text("position:fixed;inset:0;z-index:2147483647;background:red");
    document().body().unwrap().append_child(&widget).unwrap();
    // The page left live, so that what is on top is what a click would reach.
    let modal = embed(MODAL_URL, Recorder::new().options(&[("inertPage", false.into())]));
    let window = web_sys::window().unwrap();
    let (x, y) = (
        window.inner_width().unwrap().as_f64().unwrap() / 2.0,
        window.inner_height().unwrap().as_f64().unwrap() / 2.0,
    );
    let on_top = document().element_from_point(x as f32, y as f32);
    assert_eq!(on_top, Some(modal.iframe().into()), "the modal is on top");
    modal.destroy();
    widget.remove();
}

/// A page that declares a dark `color-scheme` hands it down to the iframe, and a browser paints
/// an opaque canvas under a frame whose scheme is not its document's: the modal's see-through
/// backdrop would show flat grey instead of the page. The iframe keeps a light page's scheme.
#[wasm_bindgen_test]
fn on_a_dark_page_the_iframe_keeps_a_light_pages_color_scheme() {
    page_script("document.documentElement.style.colorScheme = 'dark'");
    let scheme = |modal: &ModalHandle| {
        let style = web_sys::window()
            .unwrap()
            .get_computed_style(&modal.iframe())
            .unwrap();
        style.unwrap().get_property_value("color-scheme").unwrap()
    };
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    assert_eq!(scheme(&modal), "light", "fullscreen");
    modal.destroy();
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let modal = embed(
        MODAL_URL,
        Recorder::new().options(&[("container", container.clone().into())]),
    );
    assert_eq!(scheme(&modal), "light", "inline");
    modal.destroy();
    container.remove();
    page_script("document.documentElement.style.colorScheme = ''");
}

/// A `<dialog>` or popover already in the page when the modal shows is not made inert: the page
/// opens it above the modal, in the top layer (a session-timeout warning, say), where an inert
/// one would show but take no click or key.
#[wasm_bindgen_test]
fn a_dialog_or_popover_already_in_the_page_stays_usable_above_the_modal() {
    page_script(
        "for (const [tag, id] of [['dialog', 'warning'], ['div', 'menu']]) {
           const element = document.createElement(tag);
           element.id = id;
           if (tag === 'div') element.popover = 'manual';
           element.append(Object.assign(document.createElement('button'), { id: id + '-button' }));
           document.body.append(element);
         }",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let focused = || document().active_element().map(|element| element.id());
    page_script("warning.showModal(); document.getElementById('warning-button').focus()");
    assert_eq!(focused().as_deref(), Some("warning-button"), "the dialog");
    page_script("warning.close(); menu.showPopover(); document.getElementById('menu-button').focus()");
    assert_eq!(focused().as_deref(), Some("menu-button"), "the popover");
    modal.destroy();
    page_script("menu.hidePopover(); warning.remove(); menu.remove()");
}

/// A `transform` or `filter` on `<body>` makes it, not the viewport, what `position: fixed`
/// fills: the overlay would cover the body's whole height, the modal's buttons off screen in a
/// page that cannot scroll. In the top layer, it fills the viewport.
#[wasm_bindgen_test]
fn under_a_transformed_body_the_overlay_still_fills_the_viewport() {
    page_script(
        "document.body.style.transform = 'translateZ(0)';
         document.body.append(Object.assign(document.createElement('div'), { id: 'tall' }));
         tall.style.height = '300vh'",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let height = web_sys::window()
        .unwrap()
        .inner_height()
        .unwrap()
        .as_f64()
        .unwrap();
    let frame = modal.iframe().get_bounding_client_rect();
    assert_eq!((frame.top(), frame.height()), (0.0, height));
    modal.destroy();
    page_script("tall.remove(); document.body.style.transform = ''");
}
