//! Errors thrown to callers, each with a stable [`ErrorCode`].
//!
//! Changing a code is a breaking change; changing a message is not. In JavaScript an [`Error`]
//! becomes a real `Error` object with `name = "AnonModalError"` and a `code` property.

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

/// An error with a stable code and a human-readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: Cow<'static, str>,
}

impl Error {
    /// An error from its code and message parts (joined without separators).
    pub fn new(code: ErrorCode, parts: &[&str]) -> Self {
        // A loop of `push_str`: `concat()` compiles in a generic join.
        let mut message = String::new();
        for part in parts {
            message.push_str(part);
        }
        Error {
            code,
            message: Cow::Owned(message),
        }
    }

    /// An error with a message that is all fixed text: nothing is allocated or copied.
    pub fn fixed(code: ErrorCode, message: &'static str) -> Self {
        Error {
            code,
            message: Cow::Borrowed(message),
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())?;
        f.write_str(": ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(feature = "browser")]
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/handle.js")]
extern "C" {
    /// The `AnonModalError` for `code` (its number: `handle.js` names it from its `CODES`,
    /// listed in [`ErrorCode::ALL`]'s order) and `message`, made where the handle makes its
    /// own.
    #[wasm_bindgen(js_name = rustError)]
    fn anon_modal_error(code: u32, message: &str) -> wasm_bindgen::JsValue;
}

#[cfg(feature = "browser")]
impl From<Error> for wasm_bindgen::JsValue {
    fn from(error: Error) -> Self {
        anon_modal_error(error.code as u32, &error.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
