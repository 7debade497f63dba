//! Errors thrown to callers, each with a stable [`ErrorCode`].
//!
//! Changing a code is a breaking change; changing a message is not. In JavaScript an [`Error`]
//! becomes a real `Error` object with `name = "AnonModalError"` and a `code` property. Every
//! code and message text is defined here once: `src/js/names.js` is generated from them
//! (by `tests/sourcegen/`), and the wasm sends only a message's number and detail.

use crate::option_names::ValueOption;

/// The element's attribute for `allowInsecureLocalhost`, which the insecure-http message names:
/// the build fails if the option has none.
const INSECURE_LOCALHOST_ATTRIBUTE: &str = match ValueOption::AllowInsecureLocalhost.attribute() {
    Some(attribute) => attribute,
    None => panic!("allowInsecureLocalhost has an element attribute"),
};
use crate::origin::OriginError;
use crate::topic::Topic;
use alloc::borrow::Cow;
use alloc::string::String;

/// A stable, machine-readable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
    /// `embedAnonModal` was called before `init()` loaded the wasm.
    NotInitialized,
    /// An option has the wrong type or value, or is no option at all.
    InvalidOption,
    /// A method argument has the wrong type or value.
    InvalidArgument,
    /// `init()` could not load the wasm: not found, not wasm (an HTML page), or no way to
    /// fetch it (Node).
    InitFailed,
    /// The page has a modal `<dialog>` open, above anything else, so a fullscreen modal
    /// would sit below it where no one can use it.
    DialogOpen,
}

impl ErrorCode {
    /// Every code, in the order of their numbers (`code as u32`).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InvalidUrl,
        ErrorCode::OriginNotAllowed,
        ErrorCode::InvalidOrigin,
        ErrorCode::Expired,
        ErrorCode::NoDocument,
        ErrorCode::NotInitialized,
        ErrorCode::InvalidOption,
        ErrorCode::InvalidArgument,
        ErrorCode::InitFailed,
        ErrorCode::DialogOpen,
    ];

    /// The code as JavaScript sees it, e.g. `"INVALID_URL"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidUrl => "INVALID_URL",
            ErrorCode::OriginNotAllowed => "ORIGIN_NOT_ALLOWED",
            ErrorCode::InvalidOrigin => "INVALID_ORIGIN",
            ErrorCode::Expired => "EXPIRED",
            ErrorCode::NoDocument => "NO_DOCUMENT",
            ErrorCode::NotInitialized => "NOT_INITIALIZED",
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::InitFailed => "INIT_FAILED",
            ErrorCode::DialogOpen => "DIALOG_OPEN",
        }
    }
}

/// What an error says: one of a fixed set of messages, some with parts that vary (the
/// error's details: a protocol, an origin, the value given).
///
/// JavaScript callers get the text from `src/js/names.js` (`MESSAGES`, generated from
/// [`Message::ALL`] with `%` standing for each detail, in order): the package ships each text
/// once, and the wasm sends only the message's number and its detail. Messages with more
/// than one detail are thrown by the package's JavaScript only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// The URL argument (the detail, as shown) is neither a string nor the create-modal
    /// response.
    UrlNotString,
    /// The URL argument is an object with no `url` string, most often a server's error body
    /// passed on; the detail lists its keys.
    UrlObjectWithoutUrl,
    /// The URL argument is a fetch `Response` (the server call's, not read as JSON), whose
    /// own `url` is the app's endpoint, not the modal's.
    UrlIsResponse,
    /// The URL argument is a Promise: the server call, not awaited.
    UrlIsPromise,
    /// The URL argument is JSON text (the create-modal response read with `text()`, not
    /// `json()`).
    UrlIsJsonText,
    /// `expiresAt` is in the past.
    Expired,
    /// The browser's URL parser refused the URL.
    UrlNotAbsolute,
    /// The page has no `body` yet.
    NoBody,
    /// A modal `<dialog>` is open in the page, above where a fullscreen modal would show.
    UnderModalDialog,
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
    /// An `allowedOrigins` entry (the detail) is `http:` on a host that is not loopback, or
    /// without `allowInsecureLocalhost`.
    InsecureOrigin,
    /// There is no document (server-side rendering, a worker, Node).
    NoDocument,
    /// The wasm is not loaded yet.
    NotInitialized,
    /// `on()`, `once()` or `off()` got a name (the detail) that is no event type.
    UnknownEventType,
    /// A callback that is not a function.
    CallbackNotFunction,
    /// `openAnonModal`'s `control.signal` (the detail, as shown) is not an `AbortSignal`.
    SignalNotAbortSignal,
    /// `openAnonModal`'s `control` (the detail, as shown) is not an object, or is the
    /// `AbortSignal` that belongs in it, or that signal's `AbortController`.
    ControlNotObject,
    /// An option of the wrong type or value: its name, what it must be, and the value given.
    InvalidOption,
    /// `expiresAt` (the detail) is a number of seconds since the epoch, not milliseconds.
    ExpiresInSeconds,
    /// An option name (the first detail) that is not an option, and the nearest that is.
    UnknownOption,
    /// An option name (the first detail) that is not an option and is near none: the options
    /// there are (the second).
    UnknownOptionFarFromAll,
    /// The options argument (the detail, as shown) is not an object.
    OptionsNotObject,
    /// The options object threw when its keys were listed (a revoked `Proxy`, say).
    OptionsUnreadable,
    /// `container` is a string (the detail) that is not a CSS selector.
    ContainerBadSelector,
    /// `container` is a selector (the detail) that matches no element.
    ContainerNotFound,
    /// `init()` cannot fetch the wasm's URL (the detail) here: Node, or no `fetch`.
    InitNoFetch,
    /// `init()`'s fetch of a URL (the first detail) failed with an error (the second).
    InitFetchFailed,
    /// `init()`'s fetch got an HTTP error status (the first detail) from a URL (the second).
    InitHttpStatus,
    /// `init()`'s fetch of a URL (the first detail) got an HTML page (with the status, the
    /// second): a page's fallback route, not the wasm.
    InitHtml,
    /// What `init()` got did not compile as WebAssembly (the compiler's words, the detail).
    InitNotWasm,
    /// What `init()` got compiled, but is not this build's wasm: its build mark (the detail
    /// says which it found) is not the glue's.
    InitWrongWasm,
    /// `init()`'s fetch of the wasm beside the entry (the first detail), the entry being in a
    /// dependency cache's `deps` folder, got a page or an error status (the second detail):
    /// Vite 7 and earlier pre-bundle the package there in dev, without its wasm.
    InitVitePrebundled,
    /// `init()` was given no wasm, and the bundle has no `import.meta.url` to find the one
    /// beside it (a script bundle: esbuild's default `iife` format).
    InitNoUrl,
    /// The page's Content-Security-Policy refuses to compile or instantiate WebAssembly.
    InitRefusedByCsp,
}

impl Message {
    /// Every message, in the order of their numbers (`src/js/names.js` lists them so).
    pub const ALL: &'static [Message] = &[
        Message::UrlNotString,
        Message::Expired,
        Message::UrlNotAbsolute,
        Message::NoBody,
        Message::ContainerRefused,
        Message::NotHttps,
        Message::HttpNotLoopback,
        Message::Credentials,
        Message::OriginNotAllowed,
        Message::NoDocument,
        Message::NotInitialized,
        Message::NoUsableOrigin(OriginError::Scheme),
        Message::NoUsableOrigin(OriginError::Host),
        Message::NoUsableOrigin(OriginError::NonAscii),
        Message::NoUsableOrigin(OriginError::Path),
        Message::NoUsableOrigin(OriginError::Wildcard),
        Message::NotAnOrigin(OriginError::Scheme),
        Message::NotAnOrigin(OriginError::Host),
        Message::NotAnOrigin(OriginError::NonAscii),
        Message::NotAnOrigin(OriginError::Path),
        Message::NotAnOrigin(OriginError::Wildcard),
        Message::UnknownEventType,
        Message::CallbackNotFunction,
        Message::InvalidOption,
        Message::ExpiresInSeconds,
        Message::UnknownOption,
        Message::UnknownOptionFarFromAll,
        Message::OptionsNotObject,
        Message::OptionsUnreadable,
        Message::ContainerBadSelector,
        Message::ContainerNotFound,
        Message::InitNoFetch,
        Message::InitFetchFailed,
        Message::InitHttpStatus,
        Message::InitHtml,
        Message::InitNotWasm,
        Message::UrlIsResponse,
        Message::InsecureOrigin,
        Message::UrlObjectWithoutUrl,
        Message::InitWrongWasm,
        Message::UrlIsPromise,
        Message::UnderModalDialog,
        Message::InitVitePrebundled,
        Message::InitNoUrl,
        Message::InitRefusedByCsp,
        Message::SignalNotAbortSignal,
        Message::UrlIsJsonText,
        Message::ControlNotObject,
    ];

    /// The code of an error that says this.
    pub fn code(self) -> ErrorCode {
        match self {
            Message::UrlNotString
            | Message::UrlObjectWithoutUrl
            | Message::UrlIsResponse
            | Message::UrlIsPromise
            | Message::UrlIsJsonText
            | Message::UrlNotAbsolute
            | Message::NotHttps
            | Message::HttpNotLoopback
            | Message::Credentials
            | Message::NoUsableOrigin(_) => ErrorCode::InvalidUrl,
            Message::Expired => ErrorCode::Expired,
            Message::NoBody | Message::NoDocument => ErrorCode::NoDocument,
            Message::NotInitialized => ErrorCode::NotInitialized,
            Message::ContainerRefused
            | Message::InvalidOption
            | Message::ExpiresInSeconds
            | Message::UnknownOption
            | Message::UnknownOptionFarFromAll
            | Message::OptionsNotObject
            | Message::OptionsUnreadable
            | Message::ContainerBadSelector
            | Message::ContainerNotFound => ErrorCode::InvalidOption,
            Message::UnknownEventType
            | Message::CallbackNotFunction
            | Message::SignalNotAbortSignal
            | Message::ControlNotObject => ErrorCode::InvalidArgument,
            Message::OriginNotAllowed => ErrorCode::OriginNotAllowed,
            Message::NotAnOrigin(_) | Message::InsecureOrigin => ErrorCode::InvalidOrigin,
            Message::InitNoFetch
            | Message::InitFetchFailed
            | Message::InitHttpStatus
            | Message::InitHtml
            | Message::InitNotWasm
            | Message::InitWrongWasm
            | Message::InitVitePrebundled
            | Message::InitNoUrl
            | Message::InitRefusedByCsp => ErrorCode::InitFailed,
            Message::UnderModalDialog => ErrorCode::DialogOpen,
        }
    }

    /// The message's number, as `src/js/names.js` knows it (its place in [`Message::ALL`]).
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
            Message::NoDocument => 9,
            Message::NotInitialized => 10,
            Message::NoUsableOrigin(why) => 11 + why as u32,
            Message::NotAnOrigin(why) => 16 + why as u32,
            Message::UnknownEventType => 21,
            Message::CallbackNotFunction => 22,
            Message::InvalidOption => 23,
            Message::ExpiresInSeconds => 24,
            Message::UnknownOption => 25,
            Message::UnknownOptionFarFromAll => 26,
            Message::OptionsNotObject => 27,
            Message::OptionsUnreadable => 28,
            Message::ContainerBadSelector => 29,
            Message::ContainerNotFound => 30,
            Message::InitNoFetch => 31,
            Message::InitFetchFailed => 32,
            Message::InitHttpStatus => 33,
            Message::InitHtml => 34,
            Message::InitNotWasm => 35,
            Message::UrlIsResponse => 36,
            Message::InsecureOrigin => 37,
            Message::UrlObjectWithoutUrl => 38,
            Message::InitWrongWasm => 39,
            Message::UrlIsPromise => 40,
            Message::UnderModalDialog => 41,
            Message::InitVitePrebundled => 42,
            Message::InitNoUrl => 43,
            Message::InitRefusedByCsp => 44,
            Message::SignalNotAbortSignal => 45,
            Message::UrlIsJsonText => 46,
            Message::ControlNotObject => 47,
        }
    }

    /// Writes the message with `details` in their places, in order (an empty string for one
    /// not given).
    pub fn write(self, details: &[&str], out: &mut String) {
        let d = |at: usize| details.get(at).copied().unwrap_or("");
        let serve = "serve anon_modal_bg.wasm at that URL, or pass its URL (or its bytes) to init()";
        // The options as JavaScript names them, from their one definition.
        let allowed_origins = ValueOption::AllowedOrigins.name();
        let container = ValueOption::Container.name();
        let expires_at = ValueOption::ExpiresAt.name();
        let insecure_localhost = ValueOption::AllowInsecureLocalhost.name();
        let parts: &[&str] = match self {
            Message::UrlNotString => &["the modal URL must be a string or the create-modal response ({ url, expires_at }), not ", d(0)],
            Message::UrlObjectWithoutUrl => &[
                "the modal URL must be a string or the create-modal response ({ url, expires_at }), not an object without a url string (its keys: ",
                d(0),
                "): did the server call fail?",
            ],
            Message::UrlIsResponse => &["the modal URL came as a fetch Response: pass the create-modal response it holds ({ url, expires_at }), e.g. return response.json() from your server call"],
            Message::UrlIsPromise => &["the modal URL came as a Promise: await your server call first, or pass the call itself to openAnonModal"],
            Message::UrlIsJsonText => &["the modal URL is JSON text, not a URL: parse it (return response.json() from your server call, not response.text())"],
            Message::Expired => &["the modal URL has expired (", expires_at, " is in the past): create a new modal on your server"],
            Message::UrlNotAbsolute => &["the modal URL is not a valid absolute URL"],
            Message::NoBody => &["the document has no body yet: call embedAnonModal once the page has loaded"],
            Message::UnderModalDialog => &["a modal <dialog> is open in the page: the modal would show below it, where no one can use it; close the dialog first, or mount the modal inside it with options.", container],
            Message::ContainerRefused => &["cannot mount the modal in options.", container],
            Message::NotHttps => &["the modal URL must use https:, not ", d(0)],
            Message::HttpNotLoopback => &[
                "the modal URL must use https:, not http: (http: is allowed only for localhost with ",
                insecure_localhost,
                ": true, the element's ",
                INSECURE_LOCALHOST_ATTRIBUTE,
                " attribute)",
            ],
            Message::Credentials => &["the modal URL must not contain a user name or password"],
            Message::OriginNotAllowed => &["the modal URL's origin ", d(0), " is not in ", allowed_origins],
            Message::NoUsableOrigin(why) => &["the modal URL has no usable origin: ", why.describe()],
            Message::NotAnOrigin(why) => &[allowed_origins, ": ", d(0), " is not an origin: ", why.describe()],
            Message::InsecureOrigin => &[
                allowed_origins,
                ": ",
                d(0),
                " must use https: (http: is allowed only for localhost with ",
                insecure_localhost,
                ": true)",
            ],
            Message::NoDocument => &["there is no document: the modal mounts in a browser page (call embedAnonModal from an effect or an event handler, not during server-side rendering, in a worker or in Node)"],
            Message::NotInitialized => &["anon-modal is not loaded yet: await init() once before embedAnonModal"],
            Message::UnknownEventType => {
                out.push_str("unknown event type ");
                out.push_str(d(0));
                out.push_str(": use ");
                write_event_names(out);
                return;
            }
            Message::CallbackNotFunction => &["the callback must be a function"],
            Message::SignalNotAbortSignal => &["control.signal must be an AbortSignal, not ", d(0)],
            Message::ControlNotObject => &["control must be an object ({ signal, key }), not ", d(0)],
            Message::InvalidOption => &["options.", d(0), " must be ", d(1), ", not ", d(2)],
            Message::ExpiresInSeconds => &[
                expires_at,
                " looks like Unix seconds (",
                d(0),
                "): pass milliseconds (that * 1000) or the ISO string from the create-modal response",
            ],
            Message::UnknownOption => &["options.", d(0), " is not an option of the modal: did you mean ", d(1), "?"],
            Message::UnknownOptionFarFromAll => &["options.", d(0), " is not an option of the modal, whose options are ", d(1)],
            Message::OptionsNotObject => &["the options must be an object, not ", d(0)],
            Message::OptionsUnreadable => &["the options could not be read: pass a plain object"],
            Message::ContainerBadSelector => &["options.", container, ": ", d(0), " is not a valid CSS selector: pass an element or a selector such as \"#modal\""],
            Message::ContainerNotFound => &["options.", container, ": no element matches ", d(0), " yet: render the container before calling embedAnonModal, or pass the element"],
            Message::InitNoFetch => &["init() cannot fetch ", d(0), " here: in server-side rendering, call it from an effect; in Node, pass the wasm's bytes: init(fs.readFileSync(require.resolve(\"anon-modal/anon_modal_bg.wasm\"))), in an ES module with require = createRequire(import.meta.url)"],
            Message::InitFetchFailed => &["init() could not fetch ", d(0), " (", d(1), "): check that URL, its CORS headers and the page's Content-Security-Policy connect-src, or pass the wasm's URL or bytes to init()"],
            Message::InitHttpStatus => &["init() got HTTP ", d(0), " from ", d(1), ": ", serve],
            Message::InitHtml => &["init() got an HTML page from ", d(0), " (HTTP ", d(1), "), not the wasm: ", serve],
            Message::InitNotWasm => &["init() got bytes that are not WebAssembly (", d(0), "): pass anon_modal_bg.wasm's URL, bytes or Response to init()"],
            Message::InitWrongWasm => &[
                "init() got WebAssembly that is not this version's anon_modal_bg.wasm (",
                d(0),
                "): serve or pass the anon_modal_bg.wasm installed with this package, not an older copy (a CDN's, say) or the server entry's wasm",
            ],
            Message::InitVitePrebundled => &[
                "init() found no wasm at ",
                d(0),
                " (",
                d(1),
                "): Vite's dev server pre-bundled anon-modal without its wasm (Vite 7 and earlier do); add optimizeDeps: { exclude: [\"anon-modal\"] } to your Vite config (in Nuxt and Astro, under vite; in Angular, prebundle: { exclude: [\"anon-modal\"] } in angular.json's serve options)",
            ],
            Message::InitNoUrl => &["init() cannot find anon_modal_bg.wasm beside this module, which has no usable import.meta.url (a script bundle, such as esbuild's default iife format): bundle an ES module, or pass the wasm's URL to init()"],
            Message::InitRefusedByCsp => &["init() cannot compile the wasm: the page's Content-Security-Policy refuses WebAssembly; add 'wasm-unsafe-eval' to its script-src (or to default-src if it has no script-src)"],
        };
        for part in parts {
            out.push_str(part);
        }
    }
}

/// The names `on()` takes, each quoted, the last after "or": `"migration_modal.opened", ...
/// or "*"`.
fn write_event_names(out: &mut String) {
    let mut names = Topic::ALL.iter().map(|topic| topic.event_name()).peekable();
    let mut first = true;
    while let Some(name) = names.next() {
        if !first {
            out.push_str(if names.peek().is_some() { ", " } else { " or " });
        }
        first = false;
        out.push('"');
        out.push_str(name);
        out.push('"');
    }
}

/// An error with a stable code and a human-readable message.
///
/// The messages are the JavaScript API's, so they name the options as JavaScript spells them:
/// `allowedOrigins`, `expiresAt` and `allowInsecureLocalhost` are `ModalOptions`'s
/// `allowed_origins`, `expires_at_ms` and `allow_insecure_localhost`; where one says to pass
/// the create-modal response's ISO string, a Rust caller reads it with `models::Timestamp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: Message,
    /// `message.number()`, found where the error is made: the message is known there, so the
    /// wasm needs no table from messages to numbers when it hands the error to JavaScript.
    number: u32,
    detail: Cow<'static, str>,
}

impl Error {
    /// An error that says `message`, whose detail is `detail`.
    pub fn new(message: Message, detail: impl Into<Cow<'static, str>>) -> Self {
        Error {
            message,
            number: message.number(),
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
        self.message.write(&[&self.detail], &mut out);
        out
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code().as_str())?;
        f.write_str(": ")?;
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

// `errors.js`'s, which `handle.js` hands on (see `src/js/frame.js` for why).
#[cfg(feature = "browser")]
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/js/handle.js")]
extern "C" {
    /// The `AnonModalError` that says `message` (its number) with `detail`.
    #[wasm_bindgen(js_name = packageError)]
    fn package_error(message: u32, detail: &str) -> wasm_bindgen::JsValue;
}

#[cfg(feature = "browser")]
impl From<Error> for wasm_bindgen::JsValue {
    fn from(error: Error) -> Self {
        package_error(error.number, &error.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn all_lists_each_message_at_its_number() {
        for (number, message) in Message::ALL.iter().copied().enumerate() {
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

    /// The text a user reads for each message made of several details, each in its place.
    #[test]
    fn messages_name_the_value_given_and_the_fix() {
        let text = |message: Message, details: &[&str]| {
            let mut out = String::new();
            message.write(details, &mut out);
            out
        };
        assert_eq!(
            text(Message::ExpiresInSeconds, &["1735689600"]),
            "expiresAt looks like Unix seconds (1735689600): pass milliseconds (that * 1000) or the ISO string from the create-modal response"
        );
        assert_eq!(
            text(Message::InvalidOption, &["readyTimeoutMs", "a whole number from 0 to 2147483647 (milliseconds; 0 waits forever)", "-1"]),
            "options.readyTimeoutMs must be a whole number from 0 to 2147483647 (milliseconds; 0 waits forever), not -1"
        );
        assert_eq!(
            text(Message::UnknownOption, &["onComplete", "onCompleted"]),
            "options.onComplete is not an option of the modal: did you mean onCompleted?"
        );
        assert_eq!(
            text(Message::ContainerBadSelector, &["\"#a[\""]),
            "options.container: \"#a[\" is not a valid CSS selector: pass an element or a selector such as \"#modal\""
        );
        assert_eq!(
            text(Message::ContainerNotFound, &["\"#modal\""]),
            "options.container: no element matches \"#modal\" yet: render the container before calling embedAnonModal, or pass the element"
        );
        assert_eq!(
            text(Message::InitHtml, &["https://app.example/anon_modal_bg.wasm", "200"]),
            "init() got an HTML page from https://app.example/anon_modal_bg.wasm (HTTP 200), not the wasm: serve anon_modal_bg.wasm at that URL, or pass its URL (or its bytes) to init()"
        );
        assert_eq!(Message::InitHtml.code().as_str(), "INIT_FAILED");
        assert_eq!(Message::UnknownOption.code().as_str(), "INVALID_OPTION");
        // A detail not given reads as nothing, as in `errors.js`.
        assert_eq!(
            text(Message::UnknownOption, &["onComplete"]),
            "options.onComplete is not an option of the modal: did you mean ?"
        );
    }

    /// `names.js` fills each `%` with the next detail: every message uses its details once
    /// each, in order.
    #[test]
    fn messages_use_their_details_once_in_order() {
        for &message in Message::ALL {
            let mut text = String::new();
            message.write(&["\u{1}", "\u{2}", "\u{3}"], &mut text);
            let used: alloc::vec::Vec<char> =
                text.chars().filter(|c| ('\u{1}'..='\u{3}').contains(c)).collect();
            let expected: alloc::vec::Vec<char> = ('\u{1}'..).take(used.len()).collect();
            assert_eq!(used, expected, "{message:?}");
        }
    }

    #[test]
    fn all_lists_each_code_at_its_number() {
        for (number, code) in ErrorCode::ALL.iter().copied().enumerate() {
            assert_eq!(code as usize, number, "{code:?}");
        }
    }

    /// `errors.js` writes every message as Rust does, with a detail where it has one (this
    /// one has the characters `String.replace` would expand).
    #[cfg(all(feature = "browser", target_arch = "wasm32"))]
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn errors_js_writes_each_message_as_rust_does() {
        for &message in Message::ALL {
            let error = Error::new(message, "d%$&'");
            let js = wasm_bindgen::JsValue::from(error.clone());
            let get = |key: &str| js_sys::Reflect::get(&js, &key.into()).unwrap().as_string();
            assert_eq!(get("message"), Some(error.message()), "{message:?}");
            assert_eq!(get("code").as_deref(), Some(error.code().as_str()), "{message:?}");
        }
    }
}
