//! [bench/floor.js](../floor.js) in Rust: the same checks (source, exact origin, tag, a string
//! `type`), the same fullscreen iframe and cleanup, one export. Built like the package, it shows
//! what the wasm stack itself costs before any of anon-modal's behaviour.

use js_sys::{Function, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlIFrameElement, MessageEvent, Window};

#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32 without threads runs one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[wasm_bindgen(inline_js = "export function pageWindow() { return window; }")]
extern "C" {
    #[wasm_bindgen(js_name = pageWindow)]
    fn page_window() -> Window;
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

struct Mounted {
    window: Window,
    iframe: HtmlIFrameElement,
    listener: Closure<dyn Fn(MessageEvent)>,
}

impl Mounted {
    fn destroy(&self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("message", self.listener.as_ref().unchecked_ref());
        self.iframe.remove();
    }
}

/// A mounted floor modal: its iframe and `destroy`, as `embedFloor` returns them.
#[wasm_bindgen]
pub struct Floor {
    iframe: HtmlIFrameElement,
    mounted: Rc<std::cell::OnceCell<Mounted>>,
}

#[wasm_bindgen]
impl Floor {
    /// The modal's iframe.
    #[wasm_bindgen(getter)]
    pub fn iframe(&self) -> HtmlIFrameElement {
        self.iframe.clone()
    }

    /// Removes the iframe and the listener.
    pub fn destroy(&self) {
        if let Some(mounted) = self.mounted.get() {
            mounted.destroy();
        }
    }
}

/// Mounts `url` fullscreen; `options.onEvent(event)` hears public events, `options.onReady()`
/// internal ones.
#[wasm_bindgen(js_name = embedAnonModal)]
pub fn embed(url: &str, options: JsValue) -> Result<Floor, JsValue> {
    let parsed = web_sys::Url::new(url)?;
    let protocol = parsed.protocol();
    if protocol != "https:" && protocol != "http:" {
        return Err(js_sys::Error::new("bad url").into());
    }
    let origin = JsValue::from_str(&parsed.origin());
    let on_event = get(&options, "onEvent").dyn_into::<Function>().ok();
    let on_ready = get(&options, "onReady").dyn_into::<Function>().ok();
    let window = page_window();
    let document = window.document().ok_or("no document")?;
    let iframe: HtmlIFrameElement = document.create_element("iframe")?.unchecked_into();
    iframe.set_src(url);
    iframe.set_title("Anon");
    iframe.set_attribute("allow", "clipboard-read; clipboard-write")?;
    iframe.set_attribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-storage-access-by-user-activation allow-modals")?;
    iframe.style().set_css_text(
        "position:fixed;inset:0;width:100%;height:100%;border:0;z-index:2147483000",
    );
    document.body().ok_or("no body")?.append_child(&iframe)?;

    let mounted = Rc::new(std::cell::OnceCell::new());
    let weak = Rc::downgrade(&mounted);
    let frame = iframe.clone();
    let listener = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        // The frame's window as it is now, like floor.js.
        let source = frame.content_window().map(JsValue::from);
        if source.is_none() || e.source().map(JsValue::from) != source {
            return;
        }
        if JsValue::from(e.origin()) != origin {
            return;
        }
        let data = e.data();
        if !data.is_object() || get(&data, "source").as_string().as_deref() != Some("anon_modal") {
            return;
        }
        let event = get(&data, "event");
        let Some(kind) = event.is_object().then(|| get(&event, "type").as_string()).flatten() else {
            return;
        };
        if get(&event, "internal").is_truthy() {
            let display = if kind == "migration_modal.hide" { "none" } else { "block" };
            let _ = frame.style().set_property("display", display);
            if let Some(f) = &on_ready {
                let _ = f.call0(&JsValue::UNDEFINED);
            }
            return;
        }
        if let Some(f) = &on_event {
            let _ = f.call1(&JsValue::UNDEFINED, &event);
        }
        if kind == "migration_modal.closed" {
            if let Some(mounted) = weak.upgrade().as_ref().and_then(|m| m.get()) {
                Mounted::destroy(mounted);
            }
        }
    });
    window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())?;
    let _ = mounted.set(Mounted {
        window,
        iframe: iframe.clone(),
        listener,
    });
    Ok(Floor { iframe, mounted })
}
