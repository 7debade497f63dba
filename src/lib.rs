//! # anon-modal
//!
//! Embed the Anon data-migration modal safely. Your server creates a modal
//! (`POST /api/v1/migration-modal`, with an API key that never reaches the browser) and gets a
//! short-lived signed URL; in the browser, `embedAnonModal(url, options)` mounts it in an
//! iframe and hands its events to typed callbacks, accepting a `message` only when its
//! **source window, origin, tag and schema** are right.
//!
//! - [`origin`], [`signed_url`], [`event`], [`lifecycle`], [`error`]: plain Rust, no browser
//!   (only `Origin::parse` asks the browser's URL parser for an origin's canonical form).
//! - `modal` (with `frame`, its iframe in the DOM), `message_guard`, `schema`, `emitter`,
//!   `options`, `bindings`: the browser side (feature `browser`, on by default).
//! - `webhooks`, `models`: the server side (features `webhooks`, `models`).
#![deny(missing_docs, missing_debug_implementations)]
#![deny(unsafe_code)]

pub mod error;
pub mod event;
pub mod lifecycle;
pub mod origin;
pub mod signed_url;

#[cfg(feature = "browser")]
pub mod bindings;
#[cfg(feature = "browser")]
pub mod emitter;
#[cfg(feature = "browser")]
mod frame;
#[cfg(feature = "browser")]
pub mod message_guard;
#[cfg(feature = "browser")]
pub mod modal;
#[cfg(feature = "browser")]
pub mod options;
#[cfg(feature = "browser")]
pub mod schema;

#[cfg(feature = "models")]
pub mod models;
#[cfg(feature = "server")]
mod server;
#[cfg(feature = "webhooks")]
pub mod webhooks;

#[cfg(feature = "browser")]
pub use emitter::Topic;
// The package's allocator, unlocked: a wasm32 build without the `atomics` feature has one
// thread, and the lock it would take otherwise costs 91 B (53 B with the shipped std).
#[cfg(all(
    feature = "small-allocator",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
#[allow(unsafe_code)]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: `AssumeSingleThreaded` is sound wherever only one thread allocates; without
    // `atomics`, wasm32 cannot start a second thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

pub use error::{Error, ErrorCode};
pub use event::EventKind;
#[cfg(feature = "browser")]
pub use message_guard::RejectReason;
#[cfg(feature = "browser")]
pub use modal::{AnonModal, ModalEvent, ModalOptions, Subscription};
