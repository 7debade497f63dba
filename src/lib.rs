//! # anon-modal
//!
//! Embed the Anon data-migration modal safely. Your server creates a modal
//! (`POST /api/v1/migration-modal`, with an API key that never reaches the browser) and gets a
//! short-lived signed URL; in the browser, `embedAnonModal(url, options)` mounts it in an
//! iframe and hands its events to typed callbacks, accepting a `message` only when its
//! **source window, origin, tag and schema** are right.
//!
//! The API, by feature:
//! - The browser side (feature `browser`, on by default): `AnonModal`, mounted with
//!   `ModalOptions` (module `options`), hands each event to callbacks by [`Topic`] as a
//!   `ModalEvent`, and each dropped message's [`RejectReason`] to `on_reject`; its callbacks
//!   act on it through a `ModalControl`, which does not own it. A caller's mistake is an
//!   [`Error`] with an [`ErrorCode`]. [`origin`] parses and compares origins as the message
//!   guard does.
//! - The server side: `webhooks` and `models` (features `webhooks`, `models`; a server leaves
//!   out the default `browser`: `default-features = false`).
//!
//! The other modules are the crate's inner workings, public so that its own tests and fuzz
//! targets can reach them and hidden from these docs: they may change in any release.
//! `docs/architecture.md` in the repository walks through them; the message guard, the
//! lifecycle and the URL checks are plain Rust, tested natively.
// Without `std` the crate is `no_std` on wasm32 (the npm package's build). Elsewhere a program
// has std whatever the features say, so the crate uses it: the browser code then builds natively
// (for an app's server half and its tests) without the `std` feature.
#![cfg_attr(all(not(feature = "std"), target_arch = "wasm32"), no_std)]
#![deny(missing_docs, missing_debug_implementations)]
#![deny(unsafe_code)]
// On docs.rs (nightly), each item says which feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;

#[doc(hidden)]
pub mod clock;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod event;
#[doc(hidden)]
pub mod guard;
#[doc(hidden)]
pub mod iframe;
#[doc(hidden)]
pub mod lifecycle;
#[doc(hidden)]
pub mod option_names;
pub mod origin;
#[doc(hidden)]
pub mod reject;
#[doc(hidden)]
pub mod signed_url;
#[doc(hidden)]
pub mod topic;

#[cfg(feature = "js-api")]
mod arguments;
#[cfg(feature = "js-api")]
#[doc(hidden)]
pub mod bindings;
#[cfg(feature = "browser")]
mod emitter;
#[cfg(feature = "browser")]
mod frame;
#[cfg(feature = "browser")]
mod js_value;
#[cfg(feature = "browser")]
#[doc(hidden)]
pub mod modal;
#[cfg(feature = "browser")]
pub mod options;

#[cfg(feature = "models")]
pub mod models;
#[cfg(feature = "npm-server")]
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
pub use modal::{AnonModal, ModalControl, ModalEvent, Subscription};
#[cfg(feature = "browser")]
pub use options::ModalOptions;
pub use reject::RejectReason;
pub use topic::Topic;
