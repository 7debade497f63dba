//! The errors a caller's mistake gets: each names the value given and the fix, as a user
//! reads it (`code` and `message` of the thrown `AnonModalError`).

use crate::*;

/// The `code` and `message` of the error `embedAnonModal(url, options)` throws; nothing may
/// be mounted.
pub(crate) fn refused(url: JsValue, options: JsValue) -> (String, String) {
    let before = iframes();
    let error = match embed_js(url, options) {
        Ok(modal) => {
            modal.unchecked_into::<ModalHandle>().destroy();
            panic!("embed unexpectedly succeeded");
        }
        Err(error) => error,
    };
    assert_eq!(iframes(), before, "nothing mounted");
    let message = Reflect::get(&error, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    (error_code(&error), message)
}

/// `refused` with one option set on MODAL_URL.
fn refused_option(key: &str, value: JsValue) -> (String, String) {
    let options = Object::new();
    Reflect::set(&options, &key.into(), &value).unwrap();
    refused(MODAL_URL.into(), options.into())
}

fn invalid_option(message: &str) -> (String, String) {
    ("INVALID_OPTION".to_owned(), message.to_owned())
}

/// An ISO time `ms` milliseconds from now.
pub(crate) fn iso_in(ms: f64) -> JsValue {
    js_sys::Date::new(&JsValue::from(js_sys::Date::now() + ms))
        .to_iso_string()
        .into()
}

/// Anon writes its times without a zone, meaning UTC (`2025-06-18T04:06:42.453452`): read as
/// UTC wherever the browser is, where `Date` alone reads local time. The suites run in time
/// zones east and west of UTC, where a local reading would refuse the first or mount the second.
/// RFC 3339 also allows a lowercase `t` and `z`, and a space, which engines read as local time
/// or not at all; the server's parser reads an offset without its colon or minutes, and a comma.
#[wasm_bindgen_test]
fn a_time_without_a_zone_is_utc() {
    let half_an_hour = 30.0 * 60_000.0;
    let iso = |ms: f64| iso_in(ms).as_string().unwrap();
    let zoneless = |ms: f64| format!("{}452", iso(ms).trim_end_matches('Z'));
    let with_zone = |ms: f64| iso(ms).replace('Z', "+00:00");
    let lowercase = |ms: f64| iso(ms).to_lowercase();
    for (written, time) in [
        ("T", &zoneless as &dyn Fn(f64) -> String),
        ("t", &|ms| zoneless(ms).replace('T', "t")),
        ("space", &|ms| zoneless(ms).replace('T', " ")),
        ("+00:00", &with_zone),
        ("space, +00:00", &|ms| with_zone(ms).replace('T', " ")),
        ("t, z", &lowercase),
        // What the server's parser reads too: PostgreSQL's `+00`, `+0000`, a comma.
        ("space, +00", &|ms| {
            with_zone(ms).replace('T', " ").replace("+00:00", "+00")
        }),
        ("+0000", &|ms| with_zone(ms).replace("+00:00", "+0000")),
        ("comma", &|ms| zoneless(ms).replace('.', ",")),
    ] {
        let expires = |ms: f64| Recorder::new().options(&[("expiresAt", time(ms).into())]);
        embed(MODAL_URL, expires(half_an_hour)).destroy();
        let past = embed_error(&MODAL_URL.into(), expires(-half_an_hour));
        assert_eq!(past, "EXPIRED", "{written}: {}", time(0.0));
    }
    // An offset is kept: half an hour ahead at five hours east of UTC is past.
    for east in ["+05:00", "+0500", "+05"] {
        let east = iso(half_an_hour).replace('Z', east);
        assert_eq!(refused_option("expiresAt", east.into()).0, "EXPIRED");
    }
    // An offset the server's parser refuses too is refused in every engine, after a `T` or a
    // space (which V8 alone would read leniently).
    for odd in ["+05:", "+5", "+5:30", "+530"] {
        for time in [iso(half_an_hour), iso(half_an_hour).replace('T', " ")] {
            let odd = time.replace('Z', odd);
            assert_eq!(
                refused_option("expiresAt", odd.as_str().into()).0,
                "INVALID_OPTION",
                "{odd}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn expires_at_in_seconds_is_named_with_the_fix() {
    let seconds = (js_sys::Date::now() / 1000.0).floor() + 600.0;
    let fix = |s: &str| {
        invalid_option(&format!(
            "expiresAt looks like Unix seconds ({s}): pass milliseconds (that * 1000) or the ISO string from the create-modal response"
        ))
    };
    let text = format!("{seconds}");
    assert_eq!(refused_option("expiresAt", seconds.into()), fix(&text));
    assert_eq!(refused_option("expiresAt", text.as_str().into()), fix(&text));
    // The same time in milliseconds mounts, as a number or as a string of digits (what the
    // element's `expires-at` attribute gives).
    let millis = seconds * 1000.0;
    for given in [millis.into(), format!("{millis}").into()] {
        embed(MODAL_URL, Recorder::new().options(&[("expiresAt", given)])).destroy();
    }

    // Rust's `expires_at_ms` alike, where seconds used to read as long expired.
    use anon_modal::{AnonModal, ErrorCode, ModalOptions};
    let rust = |expires_at_ms: f64| {
        AnonModal::embed(
            MODAL_URL,
            ModalOptions {
                expires_at_ms: Some(expires_at_ms),
                ..ModalOptions::default()
            },
        )
    };
    let before = iframes();
    let error = rust(seconds).unwrap_err();
    assert_eq!(
        (error.code(), error.message()),
        (ErrorCode::InvalidOption, fix(&text).1)
    );
    assert_eq!(iframes(), before, "nothing mounted");
    rust(millis).unwrap().destroy();
}

#[wasm_bindgen_test]
fn wrong_option_values_name_what_the_option_takes_and_the_value() {
    // A date made of a field that was not there.
    let invalid_date = js_sys::Date::new(&JsValue::UNDEFINED);
    assert_eq!(
        refused_option("expiresAt", invalid_date.into()),
        invalid_option(
            "options.expiresAt must be a date, an ISO 8601 string or milliseconds since the epoch, not an invalid Date"
        )
    );
    let timeout = "a whole number from 0 to 2147483647 (milliseconds; 0 waits forever)";
    assert_eq!(
        refused_option("readyTimeoutMs", (-1).into()),
        invalid_option(&format!("options.readyTimeoutMs must be {timeout}, not -1"))
    );
    assert_eq!(
        refused_option("readyTimeoutMs", "30s".into()),
        invalid_option(&format!("options.readyTimeoutMs must be {timeout}, not \"30s\""))
    );
    assert_eq!(
        refused_option("zIndex", 1.5.into()),
        invalid_option("options.zIndex must be a whole number from -2147483648 to 2147483647, not 1.5")
    );
    assert_eq!(
        refused_option("hidden", "yes".into()),
        invalid_option("options.hidden must be a boolean, not \"yes\"")
    );
    assert_eq!(
        refused_option("onCompleted", Object::new().into()),
        invalid_option("options.onCompleted must be a function, not an object")
    );
    assert_eq!(
        refused_option("title", " \n".into()),
        invalid_option("options.title must be a non-blank string, not \" \\n\"")
    );
    assert_eq!(
        refused_option("title", "\u{200B}\u{2060}".into()),
        invalid_option("options.title must be a non-blank string, not \"\u{200B}\u{2060}\"")
    );
    let origins = Array::of2(&ANON.into(), &5.into());
    assert_eq!(
        refused_option("allowedOrigins", origins.into()),
        invalid_option("options.allowedOrigins[1] must be an origin string, not 5")
    );
    for (options, shown) in [(JsValue::from(42), "42"), (Array::new().into(), "an empty array")] {
        assert_eq!(
            refused(MODAL_URL.into(), options),
            invalid_option(&format!("the options must be an object, not {shown}"))
        );
    }
}

/// The local mock's `http:` URL, its flag forgotten: the fix named for the element too.
#[wasm_bindgen_test]
fn a_local_http_url_names_the_option_and_the_attribute() {
    let fix = "the modal URL must use https:, not http: (http: is allowed only for localhost with \
               allowInsecureLocalhost: true, the element's allow-insecure-localhost attribute)";
    let refusal = refused("http://localhost:8081/modal".into(), JsValue::UNDEFINED);
    assert_eq!(refusal, ("INVALID_URL".to_owned(), fix.to_owned()));
}

/// Every value option is checked by the reader its table entry names: a value of no option's
/// kind is refused with what that option takes, as Rust's table says it.
#[wasm_bindgen_test]
fn every_value_option_refuses_what_it_does_not_take() {
    use anon_modal::option_names::ValueOption;
    for option in ValueOption::ALL {
        let (name, takes) = (option.name(), option.takes());
        assert_eq!(
            refused_option(name, Object::new().into()),
            invalid_option(&format!("options.{name} must be {takes}, not an object"))
        );
    }
}

#[wasm_bindgen_test]
fn unknown_option_keys_name_the_nearest_option() {
    let near = |key: &str, nearest: &str| {
        invalid_option(&format!(
            "options.{key} is not an option of the modal: did you mean {nearest}?"
        ))
    };
    for (key, nearest) in [
        ("onComplete", "onCompleted"),
        ("readyTimeout", "readyTimeoutMs"),
        ("zindex", "zIndex"),
        ("expires_at", "expiresAt"),
        ("allowedOrigin", "allowedOrigins"),
        ("onClose", "onClosed"),
    ] {
        let options = Recorder::new().options(&[(key, JsValue::TRUE)]);
        assert_eq!(refused(MODAL_URL.into(), options), near(key, nearest));
    }
    // Nothing near: every option is listed, in the order of the one definition.
    let every = anon_modal::option_names::all().collect::<Vec<_>>().join(", ");
    assert!(every.starts_with("container, allowedOrigins, ") && every.ends_with(", onReject"));
    assert_eq!(
        refused_option("banana", JsValue::TRUE),
        invalid_option(&format!(
            "options.banana is not an option of the modal, whose options are {every}"
        ))
    );
}

#[wasm_bindgen_test]
fn a_bad_selector_and_one_that_matches_nothing_read_differently() {
    assert_eq!(
        refused_option("container", "#a[".into()),
        invalid_option(
            "options.container: \"#a[\" is not a valid CSS selector: pass an element or a selector such as \"#modal\""
        )
    );
    assert_eq!(
        refused_option("container", "#nowhere".into()),
        invalid_option(
            "options.container: no element matches \"#nowhere\" yet: render the container before calling embedAnonModal, or pass the element"
        )
    );
    assert_eq!(
        refused_option("container", 5.into()),
        invalid_option("options.container must be an element or a selector, not 5")
    );
}

#[wasm_bindgen_test]
fn an_unknown_event_type_is_repeated() {
    let modal = embed(MODAL_URL, JsValue::UNDEFINED);
    let noop = js_sys::Function::new_no_args("");
    let error = modal
        .on("migration_modal.complete".into(), noop.clone().into())
        .unwrap_err();
    assert_eq!(error_code(&error), "INVALID_ARGUMENT");
    assert_eq!(
        Reflect::get(&error, &"message".into()).unwrap(),
        "unknown event type \"migration_modal.complete\": use \"migration_modal.opened\", \
         \"migration_modal.completed\", \"migration_modal.closed\", \"migration_modal.failed\" or \"*\""
    );
    // A name that cannot be turned into a string, or whose conversion throws, is still the
    // caller's mistake: shown by its kind.
    let unconvertible = js_sys::Function::new_no_args("return Object.create(null)")
        .call0(&JsValue::NULL)
        .unwrap();
    let throwing = js_sys::Function::new_no_args("return { toString() { throw new Error('mine') } }")
        .call0(&JsValue::NULL)
        .unwrap();
    for name in [unconvertible, throwing] {
        let error = modal.on(name, noop.clone().into()).unwrap_err();
        assert_eq!(error_code(&error), "INVALID_ARGUMENT");
        let message = Reflect::get(&error, &"message".into())
            .unwrap()
            .as_string()
            .unwrap();
        assert!(
            message.starts_with("unknown event type an object: use "),
            "{message}"
        );
    }
    modal.destroy();
}

/// The page's modal `<dialog>` is in the top layer, above anything else, and makes the rest of
/// the page inert: a modal mounted on the body would show below it, where no one can use it.
#[wasm_bindgen_test]
fn a_fullscreen_modal_under_an_open_modal_dialog_is_refused_with_the_fix() {
    let dialog = modal_dialog(r#"<div id="in-the-dialog" style="width: 300px; height: 200px"></div>"#);
    let (code, message) = refused(MODAL_URL.into(), JsValue::UNDEFINED);
    let fix = "a modal <dialog> is open in the page: the modal would show below it, where no one can use it; close the dialog first, or mount the modal inside it with options.container";
    assert_eq!((code.as_str(), message.as_str()), ("DIALOG_OPEN", fix));

    // Inside the dialog, or hidden until the caller shows it, the modal mounts.
    embed(
        MODAL_URL,
        Recorder::new().options(&[("container", "#in-the-dialog".into())]),
    )
    .destroy();
    embed(MODAL_URL, Recorder::new().options(&[("hidden", true.into())])).destroy();

    // A dialog opened with show(), not showModal(), is not in the top layer and blocks nothing;
    // a closed one neither.
    page_script("const dialog = document.querySelector('dialog'); dialog.close(); dialog.show()");
    embed(MODAL_URL, JsValue::UNDEFINED).destroy();
    page_script("document.querySelector('dialog').close()");
    embed(MODAL_URL, JsValue::UNDEFINED).destroy();
    dialog.remove();
}

/// A web component's modal `<dialog>` (Material Web's `md-dialog`, Web Awesome's `wa-dialog`) is
/// in its shadow root, where the document's `querySelector` does not look; focus is in it,
/// on a button of a component of its own (in a shadow root deeper still).
#[wasm_bindgen_test]
fn a_modal_dialog_in_a_shadow_root_is_refused_too() {
    let host = page_script(
        r#"const host = document.createElement("div");
        const dialog = document.createElement("dialog");
        const button = document.createElement("span");
        button.attachShadow({ mode: "open" }).innerHTML = "<button>Import your data</button>";
        dialog.append(button);
        host.attachShadow({ mode: "open" }).append(dialog);
        document.body.append(host);
        dialog.showModal();
        button.shadowRoot.querySelector("button").focus();
        return host;"#,
    );
    let (code, _) = refused(MODAL_URL.into(), JsValue::UNDEFINED);
    assert_eq!(code, "DIALOG_OPEN");
    host.unchecked_into::<web_sys::Element>().remove();

    // Material Web's and Web Awesome's dialogs show the page's own buttons through a slot.
    let host = page_script(
        r#"const host = document.createElement("div");
        host.attachShadow({ mode: "open" }).innerHTML = "<dialog><slot></slot></dialog>";
        host.innerHTML = "<button>Import your data</button>";
        document.body.append(host);
        host.shadowRoot.querySelector("dialog").showModal();
        host.querySelector("button").focus();
        return host;"#,
    );
    let (code, _) = refused(MODAL_URL.into(), JsValue::UNDEFINED);
    assert_eq!(code, "DIALOG_OPEN", "a slotted button's dialog");
    host.unchecked_into::<web_sys::Element>().remove();
}

/// A parent that refuses the iframe (its `appendChild` throws: the page's code patched it) gets
/// the error, and the modal leaves nothing behind: the frame goes in last, after its listeners,
/// its ready timer and, for a fullscreen one, the scroll lock and the inert page.
#[wasm_bindgen_test]
fn a_parent_that_refuses_the_iframe_leaves_nothing_behind() {
    let watch = WindowWatch::install();
    let (listeners, timers) = (watch.listeners(), watch.timers());
    let beside = page_script(
        "const beside = document.body.appendChild(document.createElement('button'));
         const container = document.body.appendChild(document.createElement('div'));
         container.id = 'refuses';
         container.appendChild = () => { throw new DOMException('refused', 'HierarchyRequestError') };
         return beside;",
    );
    let (code, message) = refused_option("container", "#refuses".into());
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("INVALID_OPTION", "cannot mount the modal in options.container")
    );
    assert_eq!((watch.listeners(), watch.timers()), (listeners.clone(), timers));

    page_script(
        "document.body.appendChild = () => { throw new DOMException('refused', 'HierarchyRequestError') }",
    );
    let (code, _) = refused(MODAL_URL.into(), JsValue::UNDEFINED);
    page_script("delete document.body.appendChild; document.getElementById('refuses').remove()");
    assert_eq!(code, "INVALID_OPTION", "the body refuses it");
    assert!(
        !is_inert(&beside) && body_overflow().is_empty(),
        "the page as it was"
    );
    assert_eq!((watch.listeners(), watch.timers()), (listeners, timers));
    beside.unchecked_into::<web_sys::Element>().remove();
}
