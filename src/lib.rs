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
#![forbid(unsafe_code)]

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
#[cfg(feature = "node")]
pub mod node;
#[cfg(feature = "webhooks")]
pub mod webhooks;

#[cfg(feature = "browser")]
pub use emitter::Topic;
#[cfg(all(feature = "small-allocator", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

pub use error::{Error, ErrorCode};
pub use event::EventKind;
#[cfg(feature = "browser")]
pub use message_guard::RejectReason;
#[cfg(feature = "browser")]
pub use modal::{AnonModal, ModalEvent, ModalOptions, Subscription};
