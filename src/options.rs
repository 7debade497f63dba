//! How to mount a modal: [`ModalOptions`], which Rust callers give and `embedAnonModal`'s
//! JavaScript arguments are read into (`src/arguments.rs`).

use crate::error::{Error, Message};
use crate::origin::{AllowList, Origin};
use alloc::borrow::ToOwned;
use alloc::string::String;
use web_sys::Element;

/// The ready timeout when none is given.
pub const DEFAULT_READY_TIMEOUT_MS: u32 = 15_000;
/// The fullscreen overlay's stacking order when none is given, for browsers without popovers
/// (elsewhere it is in the top layer): the highest there is, which a chat widget also takes;
/// the overlay, put in the page later, wins the tie.
pub const DEFAULT_Z_INDEX: i32 = i32::MAX;

/// How to mount a modal. `Default` gives a fullscreen overlay that accepts messages only from
/// the URL's own origin and fails after [`DEFAULT_READY_TIMEOUT_MS`] without a sign of life.
///
/// Build it from the defaults, `ModalOptions { hidden: true, ..ModalOptions::default() }`:
/// a minor release may add an option, which a literal naming every field would then lack.
#[derive(Debug, Clone)]
pub struct ModalOptions {
    /// Mount inside this element instead of a fullscreen overlay on `document.body`.
    pub container: Option<Element>,
    /// Accept messages from these origins (the URL's origin must be one of them). Each is
    /// `https:`, or `http:` on a loopback host with `allow_insecure_localhost`.
    pub allowed_origins: Option<AllowList>,
    /// When the signed URL expires, in milliseconds since the epoch; past →
    /// [`ErrorCode::Expired`](crate::ErrorCode::Expired), and a value that reads as seconds
    /// (before 1973 in milliseconds) → [`ErrorCode::InvalidOption`](crate::ErrorCode::InvalidOption);
    /// NaN (what `js_sys::Date::parse` gives for text it cannot read) or +∞ sets no expiry, and
    /// −∞ is past. From the create-modal response's `expires_at`:
    /// `models::Timestamp::parse(text).map(|at| at.unix_millis() as f64)` (feature `models`),
    /// which reads a time without a zone as UTC, as Anon writes it.
    pub expires_at_ms: Option<f64>,
    /// Milliseconds to wait for `opened`/`show` before failing with code `TIMEOUT`; 0 waits
    /// forever.
    pub ready_timeout_ms: u32,
    /// The overlay's `z-index` until the modal is ready, and all along where the browser has no
    /// popovers (once ready, the overlay is in the top layer, above the whole page).
    pub z_index: i32,
    /// The iframe's accessible title. Give one that is not blank, which would leave the iframe
    /// with no name a screen reader can say (JavaScript's `title` is refused then; this one is
    /// taken as given).
    pub title: String,
    /// Mount without showing (a migration resuming in the background).
    pub hidden: bool,
    /// Allow `http:` URLs on loopback hosts, for local development.
    pub allow_insecure_localhost: bool,
    /// While the fullscreen modal is shown, make the rest of the page `inert` (unreachable by
    /// keyboard, pointer and assistive technology); restored on hide and teardown.
    pub inert_page: bool,
}

impl Default for ModalOptions {
    fn default() -> Self {
        ModalOptions {
            container: None,
            allowed_origins: None,
            expires_at_ms: None,
            ready_timeout_ms: DEFAULT_READY_TIMEOUT_MS,
            z_index: DEFAULT_Z_INDEX,
            title: "Anon data migration".into(),
            hidden: false,
            allow_insecure_localhost: false,
            inert_page: true,
        }
    }
}

/// The list [`ModalOptions::allowed_origins`] takes, read from strings: its errors are the
/// option's, so it is defined with the options.
impl AllowList {
    /// Parses each string with [`Origin::parse`] (in a browser).
    ///
    /// # Errors
    /// [`ErrorCode::InvalidOrigin`](crate::ErrorCode::InvalidOrigin) for the first string that
    /// is not an origin, its message naming it and why (spelling the option `allowedOrigins`, as
    /// [`Error`]'s messages do). An `http:` origin is refused later, by `embed`, unless
    /// `allow_insecure_localhost` allows it.
    pub fn parse<'a>(origins: impl IntoIterator<Item = &'a str>) -> Result<Self, Error> {
        let mut list = AllowList::default();
        for text in origins {
            let origin =
                Origin::parse(text).map_err(|why| Error::new(Message::NotAnOrigin(why), text.to_owned()))?;
            list.push(origin);
        }
        Ok(list)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn an_allow_list_keeps_one_of_each_origin() {
        assert!(AllowList::parse(["https://anon.com", "HTTPS://ANON.COM"])
            .is_ok_and(|list| list.as_slice().len() == 1));
    }

    #[test]
    fn a_refused_entry_is_an_invalid_origin_error_that_works_with_question_mark() {
        fn allowed(entries: &[&str]) -> Result<AllowList, Box<dyn std::error::Error>> {
            Ok(AllowList::parse(entries.iter().copied())?)
        }
        let error = AllowList::parse(["https://anon.com", "https://a.example/path"]).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::InvalidOrigin);
        assert_eq!(
            error.message(),
            "allowedOrigins: https://a.example/path is not an origin: an origin has no path, query or fragment"
        );
        assert_eq!(
            allowed(&["ftp://anon.com"]).unwrap_err().to_string(),
            "INVALID_ORIGIN: allowedOrigins: ftp://anon.com is not an origin: an origin must start with https:// or http://"
        );
    }
}
