//! What the page around the modal does to it: its styles (a widget at the highest `z-index`,
//! a transformed body, rules for every popover, a dark `color-scheme`); and where focus is, as
//! the modal loads, shows and goes. Its scroll: scroll.rs; its dialogs and popovers:
//! dialogs.rs; its code that runs inside a show or a hide: reentry.rs.

use super::*;
use web_sys::{DomRect, HtmlElement};

fn viewport() -> (f64, f64) {
    let window = web_sys::window().unwrap();
    let size = |value: Result<JsValue, JsValue>| value.unwrap().as_f64().unwrap();
    (size(window.inner_width()), size(window.inner_height()))
}

/// The element a click at the middle of the viewport would reach.
fn at_the_middle() -> Option<web_sys::Element> {
    let (width, height) = viewport();
    document().element_from_point((width / 2.0) as f32, (height / 2.0) as f32)
}

fn fills_the_viewport(frame: DomRect) -> bool {
    let (width, height) = viewport();
    (frame.left(), frame.top(), frame.width(), frame.height()) == (0.0, 0.0, width, height)
}

/// A chat widget that sits at the highest `z-index` (2147483647, as Intercom's does) stays
/// under the fullscreen overlay: the top layer is above every `z-index` (and where popovers are
/// missing, the overlay's default is that same highest value, and the later element wins a tie).
#[wasm_bindgen_test]
fn a_widget_at_the_highest_z_index_stays_under_the_overlay() {
    let _restore = Restore("document.getElementById('widget')?.remove()");
    page_script(
        "const widget = document.body.appendChild(document.createElement('div'));
         widget.id = 'widget';
         widget.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:red'",
    );
    // The page left live, so that what is on top is what a click would reach.
    let modal = embed(MODAL_URL, Recorder::new().options(&[("inertPage", false.into())]));
    from_modal(&modal, &opened());
    assert_eq!(
        at_the_middle(),
        Some(modal.iframe().into()),
        "the modal is on top"
    );
    modal.destroy();
}

/// A `transform` on `<body>` with a page three viewports tall in it, put back on drop.
fn transformed_tall_body() -> Restore {
    page_script(
        "document.body.style.transform = 'translateZ(0)';
         document.body.append(Object.assign(document.createElement('div'), { id: 'tall' }));
         document.getElementById('tall').style.height = '300vh'",
    );
    Restore("document.getElementById('tall')?.remove(); document.body.style.transform = ''")
}

/// A `transform` or `filter` on `<body>` makes it, not the viewport, what `position: fixed`
/// fills: the overlay would cover the body's whole height, the modal's buttons off screen in a
/// page that cannot scroll. In the top layer, where it goes once the modal is ready, it fills
/// the viewport.
#[wasm_bindgen_test]
fn under_a_transformed_body_the_overlay_still_fills_the_viewport() {
    let _restore = transformed_tall_body();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    assert!(fills_the_viewport(modal.iframe().get_bounding_client_rect()));
    modal.destroy();
}

/// A design system's rules for every popover (a size, an offset, a fade) do not reach the
/// overlay, which is one.
#[wasm_bindgen_test]
fn the_pages_rules_for_popovers_leave_the_overlay_as_it_is() {
    let _restore = Restore("document.getElementById('popover-rules')?.remove()");
    page_script(
        "const rules = document.head.appendChild(document.createElement('style'));
         rules.id = 'popover-rules';
         rules.textContent = `[popover], :popover-open { max-inline-size: 50vw; max-block-size: 50vh;
           translate: 0 -8px; opacity: 0.5; margin: auto; border: 4px solid }`",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    assert!(fills_the_viewport(modal.iframe().get_bounding_client_rect()));
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&modal.iframe())
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("opacity").unwrap(), "1");
    modal.destroy();
}

/// A browser without popovers (Chromium before 114, Firefox before 125, Safari before 17)
/// shows the overlay as before them: fixed, over the viewport, at its `z-index`.
#[wasm_bindgen_test]
fn without_popovers_the_overlay_is_still_shown_over_the_page() {
    let _restore = Restore(
        "Object.defineProperties(HTMLElement.prototype, window.savedPopovers); delete window.savedPopovers",
    );
    page_script(
        "window.savedPopovers = {};
         for (const name of ['showPopover', 'hidePopover']) {
           savedPopovers[name] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
           delete HTMLElement.prototype[name];
         }",
    );
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    assert!(!is_open_popover(&modal.iframe()));
    assert!(fills_the_viewport(modal.iframe().get_bounding_client_rect()));
    assert_eq!(at_the_middle(), Some(modal.iframe().into()));
    modal.hide();
    modal.show();
    assert_eq!(at_the_middle(), Some(modal.iframe().into()), "shown again");
    modal.destroy();
}

/// A page that declares a dark `color-scheme` hands it down to the iframe, and a browser paints
/// an opaque canvas under a frame whose scheme is not its document's: the modal's see-through
/// backdrop would show flat grey instead of the page. The iframe keeps a light page's scheme.
#[wasm_bindgen_test]
fn on_a_dark_page_the_iframe_keeps_a_light_pages_color_scheme() {
    let _restore = Restore("document.documentElement.style.colorScheme = ''");
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
}

/// Under a transformed body, a frame laid out before the modal is ready still fills the
/// viewport once it goes in the top layer (WebKit kept the size it was first laid out at).
#[wasm_bindgen_test]
fn a_frame_laid_out_before_ready_under_a_transformed_body_fills_the_viewport_after() {
    let _restore = transformed_tall_body();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    modal.iframe().get_bounding_client_rect(); // laid out before it is ready
    from_modal(&modal, &opened());
    assert!(fills_the_viewport(modal.iframe().get_bounding_client_rect()));
    modal.destroy();
}

/// Under a transformed body, the overlay fills the viewport each time it goes back in the top
/// layer: shown again after a hide, and moved by the page, its layout read before it goes back
/// (WebKit kept the size it was laid out at outside the top layer).
#[wasm_bindgen_test]
async fn under_a_transformed_body_the_overlay_fills_the_viewport_after_a_hide_and_a_move() {
    let _restore = transformed_tall_body();
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    modal.hide();
    modal.show();
    assert!(
        fills_the_viewport(modal.iframe().get_bounding_client_rect()),
        "shown again"
    );
    document().body().unwrap().append_child(&modal.iframe()).unwrap();
    modal.iframe().get_bounding_client_rect(); // the page reads its layout
    sleep(0).await; // the move is seen
    assert!(is_open_popover(&modal.iframe()));
    assert!(
        fills_the_viewport(modal.iframe().get_bounding_client_rect()),
        "moved"
    );
    modal.destroy();
}

/// A page zoomed with CSS `zoom` (a compact mode, or larger text) gets an overlay that fills
/// the viewport, neither cut off nor short of it: Chromium scales viewport units by the zoom.
/// Measured against a fixed element with `inset: 0` under the same zoom, since engines give a
/// zoomed element's rectangle in different units. The same where a browser has no
/// `currentCSSZoom` (Chromium before 128), which the test hides.
#[wasm_bindgen_test]
fn under_a_zoomed_page_the_overlay_fills_the_viewport() {
    let _restore = Restore(
        "document.getElementById('probe')?.remove(); delete Element.prototype.currentCSSZoom;
         if (window.zoomGetter) Object.defineProperty(Element.prototype, 'currentCSSZoom', zoomGetter);
         document.documentElement.style.zoom = document.body.style.zoom = ''",
    );
    let probe = page_script(
        "const probe = document.body.appendChild(document.createElement('div'));
         probe.id = 'probe';
         probe.style.cssText = 'position: fixed; inset: 0; pointer-events: none';
         return probe",
    )
    .unchecked_into::<web_sys::Element>();
    for (element, zoom, hidden) in [
        ("documentElement", "1.5", false),
        ("body", "0.8", false),
        ("documentElement", "1.5", true),
    ] {
        if hidden {
            page_script(
                "window.zoomGetter = Object.getOwnPropertyDescriptor(Element.prototype, 'currentCSSZoom');
                 Object.defineProperty(Element.prototype, 'currentCSSZoom', { value: undefined, configurable: true })",
            );
        }
        page_script(&format!("document.{element}.style.zoom = '{zoom}'"));
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        from_modal(&modal, &opened());
        let (frame, viewport) = (
            modal.iframe().get_bounding_client_rect(),
            probe.get_bounding_client_rect(),
        );
        let size = |rect: &DomRect| (rect.left(), rect.top(), rect.width(), rect.height());
        assert_eq!(
            size(&frame),
            size(&viewport),
            "{element} {zoom}, no currentCSSZoom: {hidden}"
        );
        modal.hide();
        modal.show();
        let frame = modal.iframe().get_bounding_client_rect();
        assert_eq!(size(&frame), size(&viewport), "{element} {zoom}, shown again");
        modal.destroy();
        page_script(&format!("document.{element}.style.zoom = ''"));
    }
}

/// The page moving the frame within one task (a re-render) takes it out of the top layer: it
/// goes back, as the move is seen.
#[wasm_bindgen_test]
async fn a_frame_the_page_moves_goes_back_in_the_top_layer() {
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    from_modal(&modal, &opened());
    assert!(is_open_popover(&modal.iframe()), "in the top layer once ready");
    let frame = modal.iframe();
    document().body().unwrap().append_child(&frame).unwrap();
    assert!(!is_open_popover(&modal.iframe()), "moved, it is out of it");
    sleep(0).await; // the move is seen after the page's script, as a microtask
    assert!(is_open_popover(&modal.iframe()), "and back");
    assert!(!modal.destroyed());
    modal.destroy();
}

/// The button that opened the modal gets focus back when the modal closes, though the page
/// keeps it disabled while the modal shows: it enables it again in `onClosed`, in a microtask
/// (Vue, Svelte), after `await modal.settled`, or in a task of its own (React's render).
#[wasm_bindgen_test]
async fn focus_returns_to_the_button_the_page_enables_again_as_the_modal_closes() {
    let _restore = Restore("document.getElementById('opener')?.remove(); delete window.enableOpener");
    for enable in [
        "button.disabled = false",
        "queueMicrotask(() => (button.disabled = false))",
        "modal.settled.then(() => (button.disabled = false))",
        "const render = new MessageChannel();
         render.port1.onmessage = () => (button.disabled = false);
         render.port2.postMessage(0)",
    ] {
        let button: HtmlElement = page_script(
            "const button = document.body.appendChild(document.createElement('button'));
             button.id = 'opener';
             button.focus();
             return button",
        )
        .unchecked_into();
        let on_closed = js_sys::Function::new_with_args("", "window.enableOpener()");
        let modal = embed(
            MODAL_URL,
            Recorder::new().options(&[("onClosed", on_closed.into())]),
        );
        let enable_opener = js_sys::Function::new_with_args(
            "modal",
            &format!("const button = document.getElementById('opener'); window.enableOpener = () => {{ {enable} }}"),
        );
        enable_opener.call1(&JsValue::UNDEFINED, &modal).unwrap();
        button.set_attribute("disabled", "").unwrap();
        from_modal(&modal, &opened());
        from_modal(&modal, &envelope("migration_modal.closed", &[]));
        // A framework's render task may come after a frame or two (Firefox, on a busy machine):
        // the focus comes back within the quarter of a second the package tries for.
        let button_element: web_sys::Element = button.clone().into();
        for _ in 0..60 {
            if document().active_element().as_ref() == Some(&button_element) {
                break;
            }
            next_frame().await;
        }
        assert_eq!(
            document().active_element(),
            Some(button.clone().into()),
            "enabled by {enable}"
        );
        button.remove();
    }
}

/// While the modal loads, neither the frame (see-through, inert until ready) nor the inert page
/// can hold focus: from the next frame on, a progress bar named as the frame holds it, for a
/// screen reader to say what is loading. Then focus is in the modal, and back on the button
/// once it goes.
#[wasm_bindgen_test]
async fn focus_is_on_a_named_progress_bar_while_the_modal_loads_then_in_it_and_back() {
    let button = document().create_element("button").unwrap();
    document().body().unwrap().append_child(&button).unwrap();
    button.unchecked_ref::<web_sys::HtmlElement>().focus().unwrap();
    let loading = |modal: &ModalHandle| {
        let progress = document().active_element().unwrap();
        assert_eq!(progress.get_attribute("role").as_deref(), Some("progressbar"));
        assert_eq!(progress.get_attribute("aria-label"), Some(modal.iframe().title()));
        assert!(!is_inert(&progress), "it is what assistive technology finds");
        progress
    };
    let (_rec, modal) = recorded();
    next_frame().await;
    let progress = loading(&modal);
    modal.hide();
    assert!(!progress.is_connected());
    assert_eq!(
        document().active_element().unwrap(),
        button,
        "hidden: focus is back"
    );
    modal.show();
    next_frame().await;
    let progress = loading(&modal);
    from_modal(&modal, &opened());
    assert!(!progress.is_connected(), "gone once the modal is ready");
    assert_eq!(
        document().active_element().unwrap(),
        modal.iframe().into(),
        "focus is in the modal once open"
    );
    modal.destroy();
    assert_eq!(document().active_element().unwrap(), button, "focus is restored");

    let (_rec, modal) = recorded();
    next_frame().await;
    let progress = loading(&modal);
    modal.destroy();
    assert!(!progress.is_connected(), "destroyed while loading");
    assert_eq!(document().active_element().unwrap(), button);
    button.remove();
}

/// The loading progress bars in the page.
fn progress_bars() -> JsValue {
    page_script("return document.querySelectorAll('[role=progressbar]').length")
}

/// One progress bar per modal shown while loading, made when the next frame comes and gone with
/// it: none for a modal hidden or ready by then, none left by a page's focus handler that hides
/// the modal as the bar takes focus, and the page not scrolled to it.
#[wasm_bindgen_test]
async fn a_loading_modal_has_one_progress_bar_at_most_and_leaves_none() {
    let (_rec, modal) = recorded();
    modal.hide();
    next_frame().await;
    assert_eq!(progress_bars(), 0, "hidden within the frame");
    modal.show();
    modal.hide();
    modal.show();
    next_frame().await;
    assert_eq!(
        progress_bars(),
        1,
        "shown, hidden and shown again within the frame"
    );
    from_modal(&modal, &opened());
    assert_eq!(progress_bars(), 0, "ready");
    let (_rec, modal) = recorded();
    from_modal(&modal, &opened());
    next_frame().await;
    assert_eq!(progress_bars(), 0, "ready within the frame");

    let (_rec, modal) = recorded();
    Reflect::set(&window(), &"loadingModal".into(), &modal).unwrap();
    page_script("addEventListener('focusin', () => loadingModal.hide(), { once: true })");
    next_frame().await;
    assert_eq!(progress_bars(), 0, "no bar left behind");
    modal.destroy();

    // Under a transformed body, the bar's `top: 0` is the body's top, out of view.
    page_script(
        "document.body.style.transform = 'translateZ(0)'; \
         const tall = document.createElement('div'); tall.id = 'tall-loading'; \
         tall.style.height = '300vh'; document.body.append(tall); scrollTo(0, 500)",
    );
    let (_rec, modal) = recorded();
    next_frame().await;
    let scrolled = window().scroll_y().unwrap();
    modal.destroy();
    page_script("document.body.style.transform = ''; document.getElementById('tall-loading').remove(); scrollTo(0, 0)");
    assert_eq!(scrolled, 500.0, "focus on the bar did not scroll the page");
}

/// A component whose `appendChild` puts a child in a wrapper of its own (a scoped Stencil
/// component moves it into its slot): its modal goes when the component's render drops the
/// frame from that wrapper, for the watch on the frame's ancestors starts where it went.
#[wasm_bindgen_test]
async fn a_modal_its_container_moves_inward_goes_with_where_it_went() {
    let watch = WindowWatch::install();
    let listeners = watch.listeners();
    let host = page_script(
        "const host = document.body.appendChild(document.createElement('div'));
         const slot = host.appendChild(document.createElement('div'));
         host.appendChild = (child) => slot.appendChild(child);
         return host;",
    );
    let modal = embed(MODAL_URL, Recorder::new().options(&[("container", host.clone())]));
    let wrapper = modal.iframe().parent_element().unwrap();
    assert_ne!(JsValue::from(&wrapper), host, "in the component's wrapper");
    wrapper.set_inner_html("");
    sleep(0).await;
    let destroyed = modal.destroyed();
    modal.destroy();
    host.unchecked_into::<HtmlElement>().remove();
    assert!(destroyed, "taken out of the wrapper");
    assert_eq!(watch.listeners(), listeners);
}

/// Embeds a modal (with `options`) while the page's code that this embed runs calls
/// `window.__embedAgain`, which embeds another, once; returns what the first embed returned,
/// the other, and how many more iframes the page then has.
fn embedded_during(options: JsValue) -> (JsValue, ModalHandle, u32) {
    let second: std::rc::Rc<std::cell::RefCell<Option<ModalHandle>>> = Default::default();
    let slot = second.clone();
    let again = Closure::<dyn Fn()>::new(move || {
        page_script("delete window.__embedAgain");
        *slot.borrow_mut() = Some(embed(MODAL_URL, JsValue::UNDEFINED));
    });
    crate::reentry::on_page("__embedAgain", again.as_ref());
    let before = iframes();
    let first = embed_js(MODAL_URL.into(), options).unwrap();
    let second = second.borrow_mut().take().expect("embedded during the embed");
    (first, second, iframes() - before)
}

/// The page's code that embeds another modal during this one's embed ends this one: as its
/// show makes the page inert (an element that observes `inert`), before its frame goes in, or
/// as a component's `appendChild` puts the frame in. Its caller still gets a handle, destroyed,
/// whose commands leave the other alone, and only the other's frame is in the page.
#[wasm_bindgen_test]
async fn a_modal_the_page_ends_during_its_embed_gives_a_handle_and_leaves_no_frame() {
    let _restore = Restore(
        "for (const id of ['embeds-during-show', 'embeds-on-append']) document.getElementById(id)?.remove();
         delete window.__embedAgain",
    );
    crate::reentry::inert_watcher("embeds-during-show", "embeds-during-show", "__embedAgain", true);
    let (first, second, in_page) = embedded_during(JsValue::UNDEFINED);
    assert!(first.is_object(), "a handle: {first:?}");
    let first: ModalHandle = first.unchecked_into();
    assert!(first.destroyed() && crate::lifecycle::has_resolved(&first.removed()).await);
    assert!(!first.iframe().is_connected(), "its frame never went in");
    assert_eq!(in_page, 1, "the other's alone");
    first.hide();
    first.destroy();
    let display = second.iframe().style().get_property_value("display").unwrap();
    assert!(
        !second.destroyed() && display == "block" && body_overflow() == "hidden",
        "the other shows"
    );
    second.destroy();
    let watcher = document().get_element_by_id("embeds-during-show").unwrap();
    assert!(
        body_overflow().is_empty() && !is_inert(&watcher),
        "the page as it was"
    );
    watcher.remove();

    let host = page_script(
        "const host = document.body.appendChild(document.createElement('div'));
         host.id = 'embeds-on-append';
         host.appendChild = (child) => { window.__embedAgain?.(); return Node.prototype.appendChild.call(host, child) };
         return host;",
    );
    let (first, second, in_page) = embedded_during(Recorder::new().options(&[("container", host)]));
    let first: ModalHandle = first.unchecked_into();
    second.destroy();
    assert!(first.destroyed(), "ended as its frame went in");
    assert!(!first.iframe().is_connected(), "its frame taken back out");
    assert_eq!(in_page, 1, "the other's alone");
}
