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

#[wasm_bindgen_test]
fn the_page_is_inert_while_shown_and_restored_exactly() {
    let page = element("button", false);
    let inert_before = element("div", true);
    page.focus().unwrap();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    assert!(is_inert(&page), "the page behind a shown modal is inert");
    // A click or a Tab into the see-through frame would take the page's Escape away.
    assert!(
        is_inert(&modal.iframe()),
        "the modal takes no click or focus until ready"
    );
    from_modal(&modal, &opened());
    assert!(!is_inert(&modal.iframe()), "ready, it does");
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

/// `element.inert` as `HTMLElement.prototype` defines it: a form's `<input name=inert>`
/// overrides what `form.inert` gives.
fn really_inert(element: &HtmlElement) -> bool {
    let prototype = Reflect::get(&js_sys::global(), &"HTMLElement".into())
        .and_then(|class| Reflect::get(&class, &"prototype".into()))
        .unwrap();
    let getter: js_sys::Function = Reflect::get(
        &Object::get_own_property_descriptor(&prototype.into(), &"inert".into()),
        &"get".into(),
    )
    .unwrap()
    .unchecked_into();
    getter.call0(element).unwrap().is_truthy()
}

#[wasm_bindgen_test]
fn named_form_controls_and_elements_do_not_fool_the_overlay() {
    let form = element("form", false);
    form.set_inner_html(r#"<input name="inert"><button>pay</button>"#);
    assert!(
        is_inert(&form),
        "the form's inert reads as its <input name=inert>"
    );
    let page = element("button", false);
    page.focus().unwrap();
    let img = document().create_element("img").unwrap();
    img.set_attribute("name", "activeElement").unwrap();
    document().body().unwrap().append_child(&img).unwrap();

    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    assert!(really_inert(&form), "the form is inert behind the modal");
    from_modal(&modal, &opened()); // focus moves into the modal
    modal.destroy();
    assert!(!really_inert(&form), "and given back");
    // Taken out before reading `document.activeElement`, which it overrides.
    img.remove();
    assert_eq!(
        document().active_element(),
        Some(page.clone().into()),
        "focus returns past <img name=activeElement>"
    );
    for node in [form, page] {
        node.remove();
    }
}

#[wasm_bindgen_test]
fn a_focused_form_whose_controls_override_focus_gets_it_back() {
    let form = element("form", false);
    form.set_attribute("tabindex", "-1").unwrap();
    form.focus().unwrap();
    // After the test's own `focus()`, which they would override too.
    form.set_inner_html(r#"<input name="focus"><input name="isConnected">"#);
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    modal.destroy();
    assert_eq!(document().active_element(), Some(form.clone().into()));
    form.remove();
}

#[wasm_bindgen_test]
fn a_browser_without_inert_still_shows_and_tears_down() {
    // Firefox before 112 has no `inert`: taken away here, and put back before any assertion.
    let prototype = Reflect::get(&js_sys::global(), &"HTMLElement".into())
        .and_then(|class| Reflect::get(&class, &"prototype".into()))
        .unwrap();
    let prototype: Object = prototype.unchecked_into();
    let inert = Object::get_own_property_descriptor(&prototype, &"inert".into());
    Reflect::delete_property(&prototype, &"inert".into()).unwrap();
    let page = element("button", false);
    let rec = Recorder::new();
    let modal = embed(MODAL_URL, rec.options(&[("hidden", true.into())]));
    modal.show();
    modal.hide();
    modal.destroy();
    page.remove();
    Object::define_property(&prototype, &"inert".into(), &inert.unchecked_into());
    assert!(!modal.iframe().is_connected(), "torn down");
    assert_eq!(rec.take(), Vec::<String>::new(), "and nothing failed");
}

#[wasm_bindgen_test]
fn show_after_the_page_took_the_iframe_out_throws_nothing() {
    let page = element("button", false);
    let modal = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    modal.iframe().remove();
    modal.show();
    assert!(!is_inert(&page), "an iframe out of the page covers nothing");
    modal.hide();
    modal.destroy();
    assert!(!is_inert(&page));
    let body = document().body().unwrap();
    assert_eq!(body.style().get_property_value("overflow").unwrap(), "");
    page.remove();
}

/// The page taking the iframe out (a re-render, or Turbo or htmx swapping the body) destroys the
/// modal, as `destroy()` does: no listener, `inert` or scroll lock outlives it, `removed`
/// resolves, and no callback runs. One moved within a task stays.
#[wasm_bindgen_test]
async fn a_modal_whose_iframe_the_page_takes_out_is_destroyed() {
    let watch = WindowWatch::install();
    let listeners = watch.listeners();
    let page = element("button", false);
    for (how, ready) in [
        ("the iframe, once ready", true),
        ("the iframe, still loading", false),
    ] {
        let rec = Recorder::new();
        let modal = embed(MODAL_URL, rec.options(&[]));
        if ready {
            from_modal(&modal, &opened());
        }
        assert!(is_inert(&page) && body_overflow() == "hidden", "{how}");
        modal.iframe().remove();
        sleep(0).await;
        assert!(modal.destroyed(), "{how}");
        assert_eq!(watch.listeners(), listeners, "{how}");
        assert!(!is_inert(&page) && body_overflow().is_empty(), "{how}");
        let seen = rec.take();
        assert!(
            !seen
                .iter()
                .any(|e| e.starts_with("closed") || e.starts_with("failed")),
            "{how}: {seen:?}"
        );
    }
    // Inside a container the page removes.
    let (container, modal) = inline_modal("taken-out");
    from_modal(&modal, &opened());
    container.remove();
    sleep(0).await;
    assert!(modal.destroyed(), "with its container");
    assert_eq!(watch.listeners(), listeners, "with its container");

    // Moved: out and back in within one task.
    let modal = embed(MODAL_URL, Recorder::new().options(&[]));
    let body = document().body().unwrap();
    body.append_child(&modal.iframe()).unwrap();
    sleep(0).await;
    assert!(!modal.destroyed(), "moved, not taken out");
    modal.destroy();

    // In a shadow root within a shadow root: the inner host taken out.
    let outer = element("div", false);
    let inner = page_script(
        "const outer = document.body.lastElementChild.attachShadow({ mode: 'open' });
         const inner = document.createElement('div');
         outer.append(inner);
         inner.attachShadow({ mode: 'open' }).innerHTML = '<div></div>';
         return inner;",
    );
    let slot = page_script(
        "return document.body.lastElementChild.shadowRoot.firstElementChild.shadowRoot.firstElementChild",
    );
    let modal = embed(MODAL_URL, Recorder::new().options(&[("container", slot)]));
    inner.unchecked_into::<HtmlElement>().remove();
    sleep(0).await;
    assert!(modal.destroyed(), "in nested shadow roots");
    assert_eq!(watch.listeners(), listeners, "in nested shadow roots");
    outer.remove();

    // In a container the page has not put in yet: taken out only once it was in.
    let container = document().create_element("div").unwrap();
    let modal = embed(
        MODAL_URL,
        Recorder::new().options(&[("container", container.clone().into())]),
    );
    element("p", false).remove(); // a change elsewhere in the page
    sleep(0).await;
    assert!(!modal.destroyed(), "not in the page yet");
    body.append_child(&container).unwrap();
    sleep(0).await;
    container.remove();
    sleep(0).await;
    assert!(modal.destroyed(), "taken out once it was in");
    page.remove();
}

#[wasm_bindgen_test]
fn escape_in_a_dialog_the_page_opened_above_the_overlay_or_ending_a_composition_is_not_the_overlays() {
    let (_rec, overlay) = recorded();
    // A session-timeout dialog the page opens while the overlay is up: the top layer puts it
    // above the overlay, and its Escape closes it, not the overlay underneath.
    let dialog = modal_dialog(r#"<button id="stay-signed-in">Stay signed in</button>"#);
    assert!(
        press_escape_from("document.getElementById('stay-signed-in')", ""),
        "the dialog's Escape reaches the page, its default (closing the dialog) left alone"
    );
    assert!(!overlay.destroyed(), "and leaves the overlay up");
    dialog.remove();
    // A web component's dialog showing the page's button through a slot (the key's target, at
    // the window, is the host).
    let host = page_script(
        "const host = document.createElement('div');
         host.attachShadow({ mode: 'open' }).innerHTML = '<dialog><slot></slot></dialog>';
         host.innerHTML = '<button>Stay</button>';
         document.body.append(host); host.shadowRoot.querySelector('dialog').showModal();
         return host;",
    );
    let button = "document.body.lastElementChild.querySelector('button')";
    assert!(
        press_escape_from(button, "composed: true,"),
        "its Escape is the page's"
    );
    assert!(!overlay.destroyed());
    host.unchecked_into::<web_sys::Element>().remove();

    assert!(
        press_escape_from("document.body", "isComposing: true,"),
        "an Escape that ends an IME composition is the page's"
    );
    assert!(!overlay.destroyed());
    assert!(!press_escape(), "a plain Escape closes the overlay");
    assert!(overlay.destroyed());
}

#[wasm_bindgen_test]
fn escape_closes_only_a_shown_overlay_that_is_not_ready_and_goes_no_further() {
    // A hidden modal (a background resume) and an inline one trap nothing: the key is the page's.
    let hidden = embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())]));
    assert!(press_escape(), "a hidden modal leaves Escape to the page");
    assert!(!hidden.destroyed(), "Escape leaves a hidden modal running");
    hidden.destroy();

    let (container, inline) = inline_modal("escape-inline");
    assert!(press_escape(), "an inline modal leaves Escape to the page");
    assert!(!inline.destroyed(), "Escape leaves an inline modal running");
    inline.destroy();
    container.remove();

    let (rec, overlay) = recorded();
    let closed = keep_last(&overlay, "migration_modal.closed");
    assert!(
        !press_escape(),
        "the Escape that closes the overlay is not the page's too (a menu or dialog under it)"
    );
    assert!(
        overlay.destroyed(),
        "Escape closes a shown overlay that is not ready"
    );
    assert_eq!(
        rec.delivered(),
        ["closed:migration_modal.closed", "event:migration_modal.closed"]
    );
    let reason = Reflect::get(&closed.borrow(), &"reason".into()).unwrap();
    assert_eq!(reason, "dismissed");
    assert!(
        press_escape(),
        "with the overlay gone, Escape is the page's again"
    );
}

#[wasm_bindgen_test]
fn focus_returns_to_the_element_inside_a_web_components_shadow_root() {
    let button = page_script(
        "const host = document.body.appendChild(document.createElement('div'));
         host.id = 'shadow-host';
         const button = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('button'));
         button.focus();
         return button;",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened()); // focus moves into the modal
    modal.destroy();
    assert_eq!(
        page_script("return document.getElementById('shadow-host').shadowRoot.activeElement"),
        button,
        "the button inside the shadow root has focus again, not just its host"
    );
    page_script("document.getElementById('shadow-host').remove()");
}

/// `property` of the inline style of `element` (`documentElement` or `body`): its value, then
/// `!` when it is important.
fn inline(element: &str, property: &str) -> String {
    page_script(&format!(
        "const style = document.{element}.style;
         return style.getPropertyValue('{property}') + (style.getPropertyPriority('{property}') ? '!' : '')"
    ))
    .as_string()
    .unwrap()
}

#[wasm_bindgen_test]
fn the_scroll_lock_holds_the_root_element_too_and_puts_back_each_value_as_it_was() {
    // The root scrolls the page when its own overflow is set, and a body with one of its own
    // scrolls itself: one longhand, an important one, and another property beside them.
    page_script(
        "document.documentElement.style.overflowY = 'scroll';
         document.body.style.cssText += ';overflow-x: auto !important; color: black'",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    for element in ["documentElement", "body"] {
        let overflow =
            format!("const s = getComputedStyle(document.{element}); return s.overflowX + ' ' + s.overflowY");
        assert_eq!(page_script(&overflow), "hidden hidden", "{element} is locked");
    }
    modal.hide();
    assert_eq!(inline("documentElement", "overflow-y"), "scroll");
    assert_eq!(inline("documentElement", "overflow-x"), "");
    assert_eq!(inline("body", "overflow-x"), "auto!", "its priority too");
    assert_eq!(inline("body", "overflow-y"), "");
    assert_eq!(inline("body", "color"), "black");
    // A value the page sets while the modal shows is the page's.
    modal.show();
    page_script("document.body.style.overflowY = 'clip'");
    modal.destroy();
    assert_eq!(inline("body", "overflow-y"), "clip");
    assert_eq!(inline("body", "overflow-x"), "auto!");
    page_script("document.documentElement.style.cssText = ''; document.body.style.cssText = ''");
}

#[wasm_bindgen_test]
async fn what_the_page_adds_while_the_modal_shows_is_behind_it_too() {
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let toast = element("button", false);
    sleep(0).await; // the page's additions are seen after its script, as a microtask
    assert!(is_inert(&toast), "a toast added meanwhile is inert");
    modal.hide();
    assert!(!is_inert(&toast), "and given back with the rest");
    modal.show();
    // A dialog or popover goes in the top layer, above the modal: it stays usable.
    let dialog = element("dialog", false);
    let popover = element("div", false);
    popover.set_attribute("popover", "manual").unwrap();
    sleep(0).await;
    assert!(!is_inert(&dialog) && !is_inert(&popover));
    modal.hide();
    let later = element("div", false);
    sleep(0).await;
    assert!(
        !is_inert(&later),
        "what is added once the modal is hidden stays usable"
    );
    modal.destroy();
    for node in [toast, later, dialog, popover] {
        node.remove();
    }
}

#[wasm_bindgen_test]
fn the_scroll_lock_keeps_the_pages_scroll_position() {
    // A common reset, html and body as tall as the viewport, the viewport scrolling the rest;
    // then the same with the root's own overflow.
    let y = || page_script("return Math.round(scrollY)").as_f64().unwrap();
    for root in ["height: 100%", "height: 100%; overflow-y: scroll"] {
        page_script(&format!(
            "document.documentElement.style.cssText = '{root}';
             document.body.style.height = '100%';
             document.body.appendChild(document.createElement('div')).id = 'tall';
             document.getElementById('tall').style.height = '5000px';
             scrollTo(0, 1500)"
        ));
        assert_eq!(y(), 1500.0);
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        assert_eq!(
            y(),
            1500.0,
            "{root}: the page stays where it was behind the modal"
        );
        modal.destroy();
        assert_eq!(y(), 1500.0, "{root}: and after it");
        page_script(
            "document.getElementById('tall').remove(); scrollTo(0, 0);
             document.documentElement.style.cssText = ''; document.body.style.cssText = ''",
        );
    }
}

#[wasm_bindgen_test]
fn an_inline_modal_leaves_focus_where_the_user_put_it_as_it_opens_and_closes() {
    let opener = element("button", false);
    opener.focus().unwrap();
    let (container, modal) = inline_modal("focus-inline");
    // The page beside an inline modal is usable: the user moves on to another field.
    let field = element("input", false);
    field.focus().unwrap();
    from_modal(&modal, &opened());
    assert_eq!(document().active_element(), Some(field.clone().into()));
    modal.destroy();
    assert_eq!(document().active_element(), Some(field.clone().into()));
    for node in [opener, container, field] {
        node.remove();
    }
}

/// An inline modal below the fold comes into view as focus moves into it once it is ready: a
/// keyboard user's focus would otherwise be where they cannot see it.
#[wasm_bindgen_test]
fn focus_moving_into_an_inline_modal_below_the_fold_brings_it_into_view() {
    let spacer = element("div", false);
    spacer.style().set_property("height", "300vh").unwrap();
    let (container, modal) = inline_modal("below-the-fold");
    container.style().set_property("height", "200px").unwrap();
    from_modal(&modal, &opened());
    assert_eq!(document().active_element(), Some(modal.iframe().into()));
    let window = web_sys::window().unwrap();
    let height = window.inner_height().unwrap().as_f64().unwrap();
    let frame = modal.iframe().get_bounding_client_rect();
    assert!(
        frame.top() >= 0.0 && frame.bottom() <= height,
        "the frame spans {} to {} of a viewport {height} high",
        frame.top(),
        frame.bottom()
    );
    modal.destroy();
    for node in [spacer, container] {
        node.remove();
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
}
