//! # anon-modal
//!
//! Embed the Anon data-migration modal safely. Your server creates a modal
//! (`POST /api/v1/migration-modal`, with an API key that never reaches the browser) and gets a
//! short-lived signed URL; in the browser, `embedAnonModal(url, options)` mounts it in an
//! iframe and hands its events to typed callbacks, accepting a `message` only when its
//! **source window, origin, tag and schema** are right.
//!
//! - Plain Rust, no browser, tested natively: [`origin`] and [`signed_url`] (which URLs and
//!   origins are accepted), [`event`] (the messages' shape), [`guard`] (the message guard and
//!   its bounded copy, over any [`guard::MessageValue`]), [`lifecycle`] (what each event
//!   does), [`iframe`] (its attributes), [`topic`], [`reject`], [`error`], [`option_names`],
//!   [`clock`].
//! - The browser side (feature `browser`, on by default): `AnonModal` and `ModalOptions`
//!   for Rust callers, and the modules that carry decisions into the page through the
//!   JavaScript of `src/js/`; with feature `js-api` (the npm package's), `bindings`, the
//!   JavaScript API as wasm exports.
//! - The server side: `webhooks` and `models` (features `webhooks`, `models`; a server leaves
//!   out the default `browser`: `default-features = false`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs, missing_debug_implementations)]
#![deny(unsafe_code)]

extern crate alloc;

pub mod clock;
pub mod error;
pub mod event;
pub mod guard;
pub mod iframe;
pub mod lifecycle;
pub mod option_names;
pub mod origin;
pub mod reject;
pub mod signed_url;
pub mod topic;

#[cfg(feature = "js-api")]
mod arguments;
#[cfg(feature = "js-api")]
pub mod bindings;
#[cfg(feature = "browser")]
mod emitter;
#[cfg(feature = "browser")]
mod frame;
#[cfg(feature = "browser")]
mod js_value;
#[cfg(feature = "browser")]
pub mod modal;
#[cfg(feature = "browser")]
pub mod options;

#[cfg(feature = "models")]
pub mod models;
#[cfg(feature = "server")]
mod server;
#[cfg(feature = "webhooks")]
pub mod webhooks;

// The npm package's allocator, unlocked: a wasm32 build without the `atomics` feature has one
// thread, so the lock it would otherwise take guards nothing.
#[cfg(all(
    feature = "npm-package",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
#[allow(unsafe_code)]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: `AssumeSingleThreaded` is sound wherever only one thread allocates; without
    // `atomics`, wasm32 cannot start a second thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

// Without std, the npm package says what a panic does: it traps, and the JavaScript that
// called in gets a `RuntimeError`. No panic is expected; none may reach the page as anything
// else, and its message would have nowhere to go.
#[cfg(all(feature = "npm-package", not(feature = "std"), target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

pub use error::{Error, ErrorCode};
pub use event::EventKind;
#[cfg(feature = "browser")]
pub use modal::{AnonModal, ModalEvent, Subscription};
#[cfg(feature = "browser")]
pub use options::ModalOptions;
pub use reject::RejectReason;
pub use topic::Topic;
