//! The scroll lock: the page behind a fullscreen modal neither scrolls nor shifts, whatever
//! holds its scroll (the body, the root, a contained body) and whatever else locks it, and it
//! is left as it was once the modal goes.

use super::*;

/// The scroll lock gives the room the page's scrollbar took to the body's padding: what the
/// page shows behind the modal neither widens nor shifts sideways as the modal shows, hides or
/// goes, and a page whose root keeps a scrollbar (`overflow-y: scroll`) is held the same way.
#[wasm_bindgen_test]
fn the_scroll_lock_keeps_the_page_where_its_scrollbar_left_it() {
    let _restore = Restore(
        "for (const id of ['tall', 'probe']) document.getElementById(id)?.remove();
         document.documentElement.style.cssText = ''; document.body.style.cssText = ''",
    );
    page_script(
        "document.body.appendChild(document.createElement('div')).id = 'probe';
         document.body.style.paddingRight = '3px'",
    );
    let place = || {
        page_script("const r = probe.getBoundingClientRect(); return r.left + ' ' + r.width")
            .as_string()
            .unwrap()
    };
    for (page, root) in [
        ("a short page", ""),
        ("a tall one", ""),
        ("a tall one", "overflow-y: scroll"),
        ("a tall one", "scrollbar-gutter: stable"),
    ] {
        page_script(&format!("document.documentElement.style.cssText = '{root}'"));
        if page == "a tall one" {
            page_script("document.body.appendChild(document.createElement('div')).id = 'tall'; tall.style.height = '5000px'");
        }
        let before = place();
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        assert_eq!(place(), before, "{page} {root}: as the modal shows");
        modal.hide();
        assert_eq!(place(), before, "{page} {root}: hidden");
        modal.show();
        modal.destroy();
        assert_eq!(place(), before, "{page} {root}: gone");
        assert_eq!(
            page_script("return document.body.style.paddingRight"),
            "3px",
            "{page} {root}: the body's own padding is back"
        );
        page_script("document.getElementById('tall')?.remove()");
    }
}

/// A page whose root and body had no `style` attribute has none once the modal goes, shown,
/// hidden and shown again, on a tall page (where the scrollbar's room goes to the padding too),
/// and one that had one keeps it as it was.
#[wasm_bindgen_test]
fn the_scroll_lock_leaves_no_style_attribute_where_there_was_none() {
    let _restore = Restore(
        "document.getElementById('tall-page')?.remove();
         document.documentElement.removeAttribute('style'); document.body.removeAttribute('style')",
    );
    let attributes = || {
        page_script(
            "return [document.documentElement, document.body].map((e) => JSON.stringify(e.getAttribute('style'))).join()",
        )
    };
    for (page, body) in [
        ("a short page", None),
        ("a tall page", None),
        ("a tall page", Some("color: red;")),
    ] {
        page_script(
            "document.documentElement.removeAttribute('style'); document.body.removeAttribute('style')",
        );
        if let Some(style) = body {
            page_script(&format!("document.body.setAttribute('style', {style:?})"));
        }
        if page == "a tall page" {
            page_script("document.body.appendChild(document.createElement('div')).id = 'tall-page'; document.getElementById('tall-page').style.height = '5000px'");
        }
        let before = attributes();
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        modal.hide();
        modal.show();
        modal.destroy();
        assert_eq!(attributes(), before, "{page}, body style {body:?}");
        page_script("document.getElementById('tall-page')?.remove()");
    }
}

/// A dialog library's scroll lock taken and given back while the modal shows (MUI's, Bootstrap's:
/// the body's `overflow` saved, set to `hidden`, the saved value put back, without the
/// modal's `!important`) leaves the page scrolling once the modal goes.
#[wasm_bindgen_test]
fn a_lock_the_page_takes_and_gives_back_while_the_modal_shows_leaves_it_scrolling() {
    let _restore =
        Restore("document.getElementById('tall-page')?.remove(); document.body.removeAttribute('style')");
    page_script("document.body.removeAttribute('style'); document.body.appendChild(document.createElement('div')).id = 'tall-page'; document.getElementById('tall-page').style.height = '5000px'");
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    page_script("const saved = document.body.style.overflow; document.body.style.overflow = 'hidden'; document.body.style.overflow = saved");
    modal.destroy();
    assert_eq!(
        page_script(
            "return getComputedStyle(document.body).overflowY + ' ' + document.body.getAttribute('style')"
        ),
        "visible null"
    );
}

/// A contained body (`contain`, a page-wide container query's `container-type`) keeps its
/// `overflow` to itself: the lock goes on the root, which the viewport then follows, and the
/// page stays where it was scrolled.
#[wasm_bindgen_test]
fn under_a_contained_body_the_scroll_lock_still_holds_the_page() {
    let _restore = Restore("document.getElementById('tall-page')?.remove(); document.body.removeAttribute('style'); scrollTo(0, 0)");
    for contain in ["contain: paint", "contain: style", "container-type: inline-size"] {
        page_script(&format!("document.documentElement.removeAttribute('style'); document.body.setAttribute('style', '{contain}'); document.body.appendChild(document.createElement('div')).id = 'tall-page'; document.getElementById('tall-page').style.height = '5000px'; scrollTo(0, 1000)"));
        let modal = embed(MODAL_URL, JsValue::UNDEFINED);
        let viewport = "return getComputedStyle(document.documentElement).overflowY + ' ' + scrollY";
        assert_eq!(page_script(viewport), "hidden 1000", "{contain}: shown");
        modal.destroy();
        assert_eq!(page_script(viewport), "visible 1000", "{contain}: gone");
        assert_eq!(
            page_script("return document.documentElement.getAttribute('style')"),
            JsValue::NULL,
            "{contain}"
        );
        page_script("document.getElementById('tall-page').remove()");
    }
}

/// A body padding of many digits (a `rem` or `%` one) plus the scrollbar's room is stored
/// rounded; the padding is given back all the same, without the lock's `!important`.
#[wasm_bindgen_test]
fn a_fractional_body_padding_is_given_back() {
    let _restore =
        Restore("document.getElementById('tall-page')?.remove(); document.body.removeAttribute('style')");
    page_script("document.body.setAttribute('style', 'padding-right: 0.015625px'); document.body.appendChild(document.createElement('div')).id = 'tall-page'; document.getElementById('tall-page').style.height = '5000px'");
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    modal.destroy();
    assert_eq!(
        page_script("return document.body.getAttribute('style')"),
        "padding-right: 0.015625px;"
    );
}
