//! anon-modal in a Rust front end: a Leptos 0.8 app (client-side rendering) that embeds the
//! modal with the crate's Rust API, [`AnonModal`], as the JavaScript examples do with the npm
//! package.
//!
//! "Import data" asks the app's backend for a modal (`POST /api/create-modal`), embeds it and
//! lists its events. The `Importer` component owns the modal: unmounting it destroys the modal
//! and drops its callbacks (`on_cleanup`), and the modal going (`removed`) ends it too. A click
//! while the modal opens or is open does nothing, so a double click makes one modal.
//!
//! For the browser tests, the page keeps `window.__creates` (the create-modal calls) and
//! `window.__modals` (each modal embedded, whose `destroyed` reads the crate's own
//! [`AnonModal::is_destroyed`]); `main.js` collects `window.__violations`.

use anon_modal::models::Timestamp;
use anon_modal::{AnonModal, ModalOptions, Subscription, Topic};
use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

fn main() {
    let window = web_sys::window().expect("a browser window");
    let _ = Reflect::set(&window, &"__creates".into(), &0.into());
    let _ = Reflect::set(&window, &"__modals".into(), &Array::new());
    leptos::mount::mount_to_body(App);
}

/// The page: the importer, a button that unmounts it, and the events it logged (kept here, so
/// they outlive it).
#[component]
fn App() -> impl IntoView {
    let (mounted, set_mounted) = signal(true);
    let events = RwSignal::new(Vec::<String>::new());
    view! {
        <h1>"Import your data (Leptos)"</h1>
        <Show when=move || mounted.get()>
            <Importer events />
        </Show>
        <button id="unmount" on:click=move |_| set_mounted.set(false)>
            "Unmount the importer"
        </button>
        <ol id="events">
            {move || events.get().into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
        </ol>
    }
}

/// Where the importer's modal is. Held in a `StoredValue::new_local`: the handle and its
/// subscriptions are `!Send` (JavaScript objects), and the store is what `on_cleanup`'s
/// `Send + Sync` closure can carry.
enum Phase {
    Idle,
    /// The backend is asked for a modal.
    Opening,
    Open(Embedded),
}

/// An embedded modal and the subscriptions of its callbacks: dropping them unsubscribes.
struct Embedded {
    /// Shared with the `window.__modals` entry only, so that the tests can read the handle's
    /// own state; a real app keeps the `AnonModal` itself.
    modal: Rc<AnonModal>,
    _subscriptions: Vec<Subscription>,
}

type Slot = StoredValue<Phase, LocalStorage>;

/// The "Import data" button and the modal it opens, which lives no longer than this component.
#[component]
fn Importer(events: RwSignal<Vec<String>>) -> impl IntoView {
    let phase: Slot = StoredValue::new_local(Phase::Idle);
    let error = RwSignal::new(None::<String>);
    // Unmounting destroys the modal (its iframe goes) and drops its callbacks. The owner runs
    // this before it disposes of `phase`.
    on_cleanup(move || end(phase));

    let open = move |_| {
        // Single flight: ignore clicks while the modal opens or is open.
        if !phase.with_value(|phase| matches!(phase, Phase::Idle)) {
            return;
        }
        phase.set_value(Phase::Opening);
        error.set(None);
        spawn_local(async move {
            match embed(phase, events).await {
                // No await since `embed` saw the importer mounted: it still is.
                Ok(Some(embedded)) => phase.set_value(Phase::Open(embedded)),
                // Unmounted while opening: nothing was embedded.
                Ok(None) => {}
                Err(message) => {
                    if phase.try_update_value(|phase| *phase = Phase::Idle).is_some() {
                        error.set(Some(message));
                    }
                }
            }
        });
    };
    view! {
        <button id="open" on:click=open>"Import data"</button>
        {move || error.get().map(|message| view! { <p role="alert">{message}</p> })}
    }
}

/// Asks the backend for a modal and embeds it with this importer's callbacks; `Ok(None)` when
/// the importer was unmounted meanwhile.
async fn embed(phase: Slot, events: RwSignal<Vec<String>>) -> Result<Option<Embedded>, String> {
    count_create();
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&r#"{"user_id":"user_1","source_provider":"gusto"}"#.into());
    // Both requests start before either is awaited.
    let created = window.fetch_with_str_and_init("/api/create-modal", &init);
    let config = window.fetch_with_str("/api/config");
    let created = json(created).await?; // { url, expires_at, ... }
    let config = json(config).await?; // { insecureLocalhost, ... }
    if phase.is_disposed() {
        return Ok(None);
    }

    let url = Reflect::get(&created, &"url".into())
        .ok()
        .and_then(|url| url.as_string());
    let expires_at = Reflect::get(&created, &"expires_at".into())
        .ok()
        .and_then(|at| at.as_string());
    let insecure_localhost =
        Reflect::get(&config, &"insecureLocalhost".into()).is_ok_and(|on| on.is_truthy());
    let options = ModalOptions {
        // As Anon writes it, a time without a zone being UTC (`Date::parse` would read it as
        // the browser's local time).
        expires_at_ms: expires_at
            .as_deref()
            .and_then(Timestamp::parse)
            .map(|at| at.unix_millis() as f64),
        allow_insecure_localhost: insecure_localhost, // only for the local mock platform
        ..ModalOptions::default()
    };
    let modal = AnonModal::embed(&url.ok_or("the backend sent no modal URL")?, options)
        .map_err(|error| error.to_string())?;

    // The callbacks reach Leptos through the signal (`Copy`, `'static`): no clone of the modal
    // is needed, and `end` finds it in `phase`.
    let log = move |text: String| events.update(|list| list.push(text));
    let subscriptions = vec![
        modal.on(Topic::Opened, move |_| log("opened".into())),
        modal.on(Topic::Completed, move |event| {
            let migration = event.data_field("migration_id").unwrap_or_default();
            log(format!("completed {migration}"))
        }),
        modal.on(Topic::Closed, move |_| log("closed".into())),
        modal.on(Topic::Failed, move |event| {
            let why = event
                .data_field("error_message")
                .or_else(|| event.field("code"))
                .unwrap_or_default();
            log(format!("failed {why}"));
        }),
    ];
    // However the modal goes (closed, a failure before it loaded, its iframe taken out of the
    // page), `removed` resolves: then the importer drops it and its callbacks, and is idle
    // again. Not in the `closed` callback, which would unsubscribe the callbacks after it.
    let removed = JsFuture::from(modal.removed().clone());
    spawn_local(async move {
        let _ = removed.await;
        end(phase);
    });
    let modal = Rc::new(modal);
    register(&modal);
    Ok(Some(Embedded {
        modal,
        _subscriptions: subscriptions,
    }))
}

/// Ends the importer's modal: destroys it (nothing to do once it closed) and drops its
/// subscriptions, so no callback runs after this.
fn end(phase: Slot) {
    // Taken out first: no lock on `phase` is held while the modal is torn down.
    let taken = phase.try_update_value(|phase| std::mem::replace(phase, Phase::Idle));
    if let Some(Phase::Open(embedded)) = taken {
        embedded.modal.destroy();
    }
}

/// A string field of an event (`""` when absent).
/// The response's JSON body.
async fn json(response: js_sys::Promise) -> Result<JsValue, String> {
    let failed = |error: JsValue| format!("the backend did not answer: {error:?}");
    let response: Response = JsFuture::from(response).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("the backend answered {}", response.status()));
    }
    JsFuture::from(response.json().map_err(failed)?)
        .await
        .map_err(failed)
}

/// `window.__creates += 1`.
fn count_create() {
    let Some(window) = web_sys::window() else { return };
    let count = Reflect::get(&window, &"__creates".into())
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0);
    let _ = Reflect::set(&window, &"__creates".into(), &(count + 1.0).into());
}

/// Adds `{ destroyed }` to `window.__modals`, its getter asking the handle itself.
fn register(modal: &Rc<AnonModal>) {
    let Some(window) = web_sys::window() else { return };
    let Ok(list) = Reflect::get(&window, &"__modals".into()) else {
        return;
    };
    let modal = Rc::clone(modal);
    let getter = Closure::<dyn Fn() -> bool>::new(move || modal.is_destroyed()).into_js_value();
    let descriptor = Object::new();
    let _ = Reflect::set(&descriptor, &"get".into(), &getter);
    let _ = Reflect::set(&descriptor, &"enumerable".into(), &true.into());
    let entry = Object::define_property(&Object::new(), &"destroyed".into(), &descriptor);
    list.unchecked_into::<Array>().push(&entry);
}
