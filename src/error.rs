//! Errors thrown to callers, each with a stable [`ErrorCode`].
//!
//! Changing a code is a breaking change; changing a message is not. In JavaScript an [`Error`]
//! becomes a real `Error` object with `name = "AnonModalError"` and a `code` property, whose
//! message `src/handle.js` writes (see [`Message`]).

use crate::origin::OriginError;
use std::borrow::Cow;

/// A stable, machine-readable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The modal URL is not a URL, not `https:`, or carries credentials.
    InvalidUrl,
    /// The modal URL's origin is not in `allowedOrigins`.
    OriginNotAllowed,
    /// An entry of `allowedOrigins` is not an origin.
    InvalidOrigin,
    /// `expiresAt` is in the past: ask the server for a fresh modal URL.
    Expired,
    /// There is no `window`/`document` (server-side rendering, a worker).
    NoDocument,
    /// An option has the wrong type or value.
    InvalidOption,
    /// A method argument has the wrong type or value.
    InvalidArgument,
}

impl ErrorCode {
    /// Every code, in the order of their numbers (`code as u32`).
    pub const ALL: [ErrorCode; 7] = [
        ErrorCode::InvalidUrl,
        ErrorCode::OriginNotAllowed,
        ErrorCode::InvalidOrigin,
        ErrorCode::Expired,
        ErrorCode::NoDocument,
        ErrorCode::InvalidOption,
        ErrorCode::InvalidArgument,
    ];

    /// The code as JavaScript sees it, e.g. `"INVALID_URL"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidUrl => "INVALID_URL",
            ErrorCode::OriginNotAllowed => "ORIGIN_NOT_ALLOWED",
            ErrorCode::InvalidOrigin => "INVALID_ORIGIN",
            ErrorCode::Expired => "EXPIRED",
            ErrorCode::NoDocument => "NO_DOCUMENT",
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
        }
    }
}

/// What an error says: one of a fixed set of messages, some with a part that varies (the
/// error's detail: a protocol, an origin, the text given as one).
///
/// JavaScript callers get the text from `src/handle.js`, which writes each message as this
/// module does (a wasm test compares them): the package ships each text once, in the
/// JavaScript bundle, and the wasm sends only the message's number and the detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// The URL argument is not a string.
    UrlNotString,
    /// `expiresAt` is in the past.
    Expired,
    /// The browser's URL parser refused the URL.
    UrlNotAbsolute,
    /// The page has no `body` yet.
    NoBody,
    /// The container cannot hold the iframe.
    ContainerRefused,
    /// The URL's protocol (the detail) is not `https:`.
    NotHttps,
    /// The URL is `http:` on a host that is not loopback, or without `allowInsecureLocalhost`.
    HttpNotLoopback,
    /// The URL has a user name or password.
    Credentials,
    /// The URL's origin (the detail) is not in `allowedOrigins`.
    OriginNotAllowed,
    /// The URL's origin cannot be allowed, and why.
    NoUsableOrigin(OriginError),
    /// An `allowedOrigins` entry (the detail) is not an origin, and why.
    NotAnOrigin(OriginError),
    /// The detail itself, with this code (messages only the Rust API gives).
    Verbatim(ErrorCode),
}

impl Message {
    /// Every message, in the order of their numbers (`src/handle.js` lists them so).
    pub const ALL: [Message; 18] = [
        Message::UrlNotString,
        Message::Expired,
        Message::UrlNotAbsolute,
        Message::NoBody,
        Message::ContainerRefused,
        Message::NotHttps,
        Message::HttpNotLoopback,
        Message::Credentials,
        Message::OriginNotAllowed,
        Message::Verbatim(ErrorCode::NoDocument),
        Message::NoUsableOrigin(OriginError::Scheme),
        Message::NoUsableOrigin(OriginError::Host),
        Message::NoUsableOrigin(OriginError::NonAscii),
        Message::NoUsableOrigin(OriginError::Path),
        Message::NotAnOrigin(OriginError::Scheme),
        Message::NotAnOrigin(OriginError::Host),
        Message::NotAnOrigin(OriginError::NonAscii),
        Message::NotAnOrigin(OriginError::Path),
    ];

    /// The code of an error that says this.
    pub fn code(self) -> ErrorCode {
        match self {
            Message::UrlNotString
            | Message::UrlNotAbsolute
            | Message::NotHttps
            | Message::HttpNotLoopback
            | Message::Credentials
            | Message::NoUsableOrigin(_) => ErrorCode::InvalidUrl,
            Message::Expired => ErrorCode::Expired,
            Message::NoBody => ErrorCode::NoDocument,
            Message::ContainerRefused => ErrorCode::InvalidOption,
            Message::OriginNotAllowed => ErrorCode::OriginNotAllowed,
            Message::NotAnOrigin(_) => ErrorCode::InvalidOrigin,
            Message::Verbatim(code) => code,
        }
    }

    /// The message's number, as `src/handle.js` knows it (its place in [`Message::ALL`]).
    pub fn number(self) -> u32 {
        match self {
            Message::UrlNotString => 0,
            Message::Expired => 1,
            Message::UrlNotAbsolute => 2,
            Message::NoBody => 3,
            Message::ContainerRefused => 4,
            Message::NotHttps => 5,
            Message::HttpNotLoopback => 6,
            Message::Credentials => 7,
            Message::OriginNotAllowed => 8,
            Message::Verbatim(_) => 9,
            Message::NoUsableOrigin(why) => 10 + why as u32,
            Message::NotAnOrigin(why) => 14 + why as u32,
        }
    }

    /// Writes the message with `detail` in its place.
    fn write(self, detail: &str, out: &mut String) {
        let parts: &[&str] = match self {
            Message::UrlNotString => &["the modal URL must be a string"],
            Message::Expired => &["the modal URL has expired (expiresAt is in the past): create a new modal on your server"],
            Message::UrlNotAbsolute => &["the modal URL is not a valid absolute URL"],
            Message::NoBody => &["the document has no body yet: call embedAnonModal once the page has loaded"],
            Message::ContainerRefused => &["cannot mount the modal in options.container"],
            Message::NotHttps => &["the modal URL must use https:, not ", detail],
            Message::HttpNotLoopback => &["the modal URL must use https:, not http: (http: is allowed only for localhost with allowInsecureLocalhost: true)"],
            Message::Credentials => &["the modal URL must not contain a user name or password"],
            Message::OriginNotAllowed => &["the modal URL's origin ", detail, " is not in allowedOrigins"],
            Message::NoUsableOrigin(why) => &["the modal URL has no usable origin: ", why.describe()],
            Message::NotAnOrigin(why) => &["allowedOrigins: ", detail, " is not an origin: ", why.describe()],
            Message::Verbatim(_) => &[detail],
        };
        for part in parts {
            out.push_str(part);
        }
    }
}

/// An error with a stable code and a human-readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: Message,
    detail: Cow<'static, str>,
}

impl Error {
    /// An error that says `message`, whose detail is `detail`.
    pub fn new(message: Message, detail: impl Into<Cow<'static, str>>) -> Self {
        Error {
            message,
            detail: detail.into(),
        }
    }

    /// An error that says `message`, which has no detail.
    pub fn fixed(message: Message) -> Self {
        Error::new(message, "")
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.message.code()
    }

    /// The message.
    pub fn message(&self) -> String {
        let mut out = String::new();
        self.message.write(&self.detail, &mut out);
        out
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code().as_str())?;
        f.write_str(": ")?;
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

#[cfg(feature = "browser")]
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/handle.js")]
extern "C" {
    /// The `AnonModalError` for `code` (its number: `handle.js` names it from its `CODES`,
    /// listed in [`ErrorCode::ALL`]'s order) that says `message` (its number: `handle.js`
    /// writes it, [`Message::ALL`]'s order) with `detail`, made where the handle makes its own.
    #[wasm_bindgen(js_name = rustError)]
    fn anon_modal_error(code: u32, message: u32, detail: &str) -> wasm_bindgen::JsValue;
}

#[cfg(feature = "browser")]
impl From<Error> for wasm_bindgen::JsValue {
    fn from(error: Error) -> Self {
        anon_modal_error(error.code() as u32, error.message.number(), &error.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_message_at_its_number() {
        for (number, message) in Message::ALL.into_iter().enumerate() {
            assert_eq!(message.number() as usize, number, "{message:?}");
        }
    }

    #[test]
    fn messages_put_the_detail_in_its_place() {
        let error = Error::new(Message::NotAnOrigin(OriginError::Path), "https://a/b");
        assert_eq!(error.code(), ErrorCode::InvalidOrigin);
        assert_eq!(
            error.message(),
            "allowedOrigins: https://a/b is not an origin: an origin has no path, query or fragment"
        );
        assert_eq!(
            error.to_string(),
            "INVALID_ORIGIN: allowedOrigins: https://a/b is not an origin: an origin has no path, query or fragment"
        );
    }

    #[test]
    fn all_lists_each_code_at_its_number() {
        for (number, code) in ErrorCode::ALL.into_iter().enumerate() {
            assert_eq!(code as usize, number, "{code:?}");
        }
    }

    #[cfg(all(feature = "browser", target_arch = "wasm32"))]
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn handle_js_names_each_code_at_its_number() {
        #[wasm_bindgen::prelude::wasm_bindgen(module = "/src/handle.js")]
        extern "C" {
            #[wasm_bindgen(thread_local_v2, js_name = CODES)]
            static CODES: js_sys::Array;
        }
        let names: Vec<String> = CODES.with(|codes| codes.iter().map(|c| c.as_string().unwrap()).collect());
        let expected: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
        assert_eq!(names, expected);
    }

    /// `handle.js` writes every message as Rust does, with a detail where it has one (this
    /// one has the characters `String.replace` would expand).
    #[cfg(all(feature = "browser", target_arch = "wasm32"))]
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn handle_js_writes_each_message_as_rust_does() {
        for message in Message::ALL {
            let error = Error::new(message, "d%$&'");
            let js = wasm_bindgen::JsValue::from(error.clone());
            let get = |key: &str| js_sys::Reflect::get(&js, &key.into()).unwrap().as_string();
            assert_eq!(get("message"), Some(error.message()), "{message:?}");
            assert_eq!(get("code").as_deref(), Some(error.code().as_str()), "{message:?}");
        }
    }
}
