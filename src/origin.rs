//! Web origins (`scheme://host[:port]`) for the allow-list, compared exactly.
//!
//! A message is accepted only when its `MessageEvent.origin` is, character for character, one
//! of the allowed origins: no `startsWith`, no regex, no suffix games
//! (`dashboard.anon.com.evil.com` is simply another string). Each allowed origin is put in
//! canonical form by the browser's own URL parser (`new URL(text).origin`: lower-case host,
//! punycode, normal IPv4 and IPv6 forms, no default port), the same code that writes
//! `MessageEvent.origin`, so the per-message test is a plain string equality.
//!
//! What text may be given as an origin is decided here, in plain Rust, before the browser
//! parses it: an `https://` or `http://` scheme, ASCII only, and no credentials, path, query or
//! fragment. The browser's parser then refuses what is not a host and port.

use alloc::{borrow::ToOwned, string::String, vec::Vec};

/// A web origin in the canonical form browsers give `MessageEvent.origin`.
///
/// # Examples
/// ```
/// use anon_modal::origin::{Origin, OriginError};
/// // In a browser, `Origin::parse` asks its URL parser for the canonical form; here is what
/// // it gives for `HTTPS://Dashboard.Anon.com:443/`.
/// let origin = Origin::from_parsed("HTTPS://Dashboard.Anon.com:443/", Some("https://dashboard.anon.com"));
/// assert_eq!(origin.unwrap().as_str(), "https://dashboard.anon.com");
/// assert_eq!(Origin::check_shape("https://dashboard.anon.com@evil.com"), Err(OriginError::Host));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(String);

/// Why a string is not an origin that can be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginError {
    /// The scheme is not `https://` or `http://` (this includes the opaque origin `"null"`).
    Scheme,
    /// The host or port is not valid: empty, with credentials (`user@`), with spaces or
    /// characters a host cannot have, or a port outside 0-65535.
    Host,
    /// The host is not ASCII: give international names in punycode (`xn--...`).
    NonAscii,
    /// There is a path, query or fragment (or a back-slash): an origin has none.
    Path,
    /// The host or port has a `*`, which a browser's URL parser takes as a letter of the host:
    /// a pattern such as `https://*.anon.com` would match no origin, so each must be listed.
    Wildcard,
}

impl OriginError {
    /// A sentence for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            OriginError::Scheme => "an origin must start with https:// or http://",
            OriginError::Host => "the host or port is not valid",
            OriginError::NonAscii => "the host must be ASCII (write international names in punycode)",
            OriginError::Path => "an origin has no path, query or fragment",
            OriginError::Wildcard => "a wildcard (*) matches no origin",
        }
    }
}

/// [`OriginError::describe`]'s sentence.
impl core::fmt::Display for OriginError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.describe())
    }
}

/// So that `Origin::parse(text)?` works in a function returning `Box<dyn Error>`.
impl core::error::Error for OriginError {}

impl Origin {
    /// Checks that `input` has the shape of an origin before any URL parser sees it:
    /// `https://` or `http://` (any case), ASCII, and after the scheme no `/` (but one
    /// trailing), `?`, `#`, `\`, `@`, space or control character.
    ///
    /// # Errors
    /// [`OriginError::Scheme`], [`OriginError::NonAscii`], [`OriginError::Path`],
    /// [`OriginError::Host`] (credentials, spaces, an empty host) or [`OriginError::Wildcard`].
    pub fn check_shape(input: &str) -> Result<(), OriginError> {
        let bytes = input.as_bytes();
        let scheme_len = if bytes.len() >= 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
            8
        } else if bytes.len() >= 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
            7
        } else {
            return Err(OriginError::Scheme);
        };
        let rest = &bytes[scheme_len..];
        let rest = rest.strip_suffix(b"/").unwrap_or(rest);
        // One pass, then the most telling reason first.
        let (mut non_ascii, mut path, mut host, mut wildcard) = (false, false, rest.is_empty(), false);
        for &b in rest {
            non_ascii |= !b.is_ascii();
            path |= matches!(b, b'/' | b'?' | b'#' | b'\\');
            host |= b == b'@' || b <= b' ' || b == 0x7f;
            wildcard |= b == b'*';
        }
        if non_ascii {
            return Err(OriginError::NonAscii);
        }
        if path {
            return Err(OriginError::Path);
        }
        if host {
            return Err(OriginError::Host);
        }
        if wildcard {
            return Err(OriginError::Wildcard);
        }
        Ok(())
    }

    /// The origin of `input`, given what the browser's URL parser made of it
    /// (`new URL(input).origin`, or `None` when it threw).
    ///
    /// # Errors
    /// Any [`OriginError`] from [`Origin::check_shape`]; [`OriginError::Host`] when the parser
    /// refused the host or port, or gave the opaque origin `"null"`.
    pub fn from_parsed(input: &str, parsed: Option<&str>) -> Result<Origin, OriginError> {
        Origin::check_shape(input)?;
        match parsed {
            Some(origin) if origin != "null" => Ok(Origin(origin.to_owned())),
            _ => Err(OriginError::Host),
        }
    }

    /// Checks `input` with [`Origin::check_shape`] and puts it in canonical form with the
    /// browser's URL parser. Built for another target than wasm32 (the server half of an app
    /// that renders on the server), where no message is checked, it writes a simpler canonical
    /// form itself: scheme and host in lower case, a default port and a trailing `/` left out.
    ///
    /// # Errors
    /// See [`Origin::from_parsed`].
    #[cfg(feature = "browser")]
    pub fn parse(input: &str) -> Result<Origin, OriginError> {
        #[cfg(target_arch = "wasm32")]
        return Origin::parse_js(input, &input.into());
        #[cfg(not(target_arch = "wasm32"))]
        return Origin::from_parsed(input, Origin::canonical_without_parser(input).as_deref());
    }

    /// What [`Origin::parse`] writes where there is no browser: `None` for a port that is not a
    /// number up to 65535. `input` has the shape [`Origin::check_shape`] checks, or is refused
    /// there first.
    #[cfg(all(feature = "browser", not(target_arch = "wasm32")))]
    fn canonical_without_parser(input: &str) -> Option<String> {
        let (scheme, rest) = input.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let authority = rest.strip_suffix('/').unwrap_or(rest).to_ascii_lowercase();
        // The port follows the last `:` that is past an IPv6 address's `]`.
        let port_at = authority.rfind(':').filter(|&at| !authority[at..].contains(']'));
        let (host, port) = match port_at {
            Some(at) => (&authority[..at], &authority[at + 1..]),
            None => (&authority[..], ""),
        };
        let default = if scheme == "https" { 443 } else { 80 };
        let port = match port {
            "" => None,
            digits if digits.bytes().all(|b| b.is_ascii_digit()) => {
                Some(digits.parse::<u32>().ok().filter(|&n| n <= 65535)?).filter(|&n| n != default)
            }
            _ => return None,
        };
        Some(match port {
            Some(port) => alloc::format!("{scheme}://{host}:{port}"),
            None => alloc::format!("{scheme}://{host}"),
        })
    }

    /// [`Origin::parse`] of text the caller also has as a JavaScript string, `value`, which
    /// the URL parser gets as it is (no copy back out of Rust).
    #[cfg(feature = "browser")]
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // on wasm32 only, but for js-api
    pub(crate) fn parse_js(input: &str, value: &wasm_bindgen::JsValue) -> Result<Origin, OriginError> {
        let parsed = crate::frame::parse_url(value).map(|url| url.origin());
        Origin::from_parsed(input, parsed.as_deref())
    }

    /// The canonical text, as in `MessageEvent.origin` and `URL.origin`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<Origin> for String {
    /// The canonical text, moved out.
    fn from(origin: Origin) -> String {
        origin.0
    }
}

/// `true` for `localhost`, `*.localhost`, a dotted-decimal `127.x.y.z` and `[::1]`.
pub fn is_loopback_host(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host == "[::1]" {
        return true;
    }
    let mut parts = 0;
    for (i, part) in host.as_bytes().split(|&b| b == b'.').enumerate() {
        if !is_octet(part) || (i == 0 && part != b"127") {
            return false;
        }
        parts += 1;
    }
    parts == 4
}

/// `true` for one part of a dotted-decimal address: 1 to 3 ASCII digits, at most 255.
fn is_octet(part: &[u8]) -> bool {
    !part.is_empty()
        && part.len() <= 3
        && part.iter().all(u8::is_ascii_digit)
        && part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')) <= 255
}

/// The origins a modal accepts messages from, kept in serialized form for exact comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList {
    origins: Vec<String>,
}

impl AllowList {
    /// An allow-list of exactly these origins.
    pub fn new(origins: impl IntoIterator<Item = Origin>) -> Self {
        let mut list = AllowList::default();
        for origin in origins {
            list.push(origin);
        }
        list
    }

    /// Adds `origin` (once: a repeated origin is kept once). Taken by value: its text moves
    /// into the list, with no copy.
    pub fn push(&mut self, origin: Origin) {
        // An `Origin` is never `"null"`, so `allows` is exactly "already in the list".
        if !self.allows(origin.as_str()) {
            self.origins.push(origin.0);
        }
    }

    /// `true` when `origin` (as a browser serialized it) is exactly one of the allowed origins.
    /// The opaque origin `"null"` is never allowed.
    pub fn allows(&self, origin: &str) -> bool {
        origin != "null" && self.origins.iter().any(|o| o == origin)
    }

    /// The serialized origins.
    pub fn as_slice(&self) -> &[String] {
        &self.origins
    }

    /// `true` when no origin is allowed.
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(feature = "browser", not(target_arch = "wasm32")))]
    fn parse_without_a_browser_writes_a_canonical_form_and_never_panics() {
        for (input, canonical) in [
            ("HTTPS://Dashboard.Anon.com:443/", "https://dashboard.anon.com"),
            ("https://anon.com:8443", "https://anon.com:8443"),
            ("http://localhost:80", "http://localhost"),
            ("http://localhost:0080/", "http://localhost"),
            ("http://127.0.0.1:5173", "http://127.0.0.1:5173"),
            ("https://[::1]:443", "https://[::1]"),
            ("https://[::1]", "https://[::1]"),
            ("https://anon.com:", "https://anon.com"),
        ] {
            assert_eq!(
                Origin::parse(input).map(String::from),
                Ok(canonical.into()),
                "{input}"
            );
        }
        for (input, error) in [
            ("https://anon.com:65536", OriginError::Host),
            ("https://anon.com:x", OriginError::Host),
            ("https://anon.com:99999999999999999999", OriginError::Host),
            ("https://a@anon.com", OriginError::Host),
            ("ftp://anon.com", OriginError::Scheme),
            ("https://anon.com/path", OriginError::Path),
            ("https://*", OriginError::Wildcard),
        ] {
            assert_eq!(Origin::parse(input), Err(error), "{input}");
        }
    }

    #[test]
    #[cfg(all(feature = "browser", not(target_arch = "wasm32")))]
    fn a_refused_origin_works_with_question_mark() {
        fn origin(text: &str) -> Result<Origin, Box<dyn std::error::Error>> {
            Ok(Origin::parse(text)?)
        }
        assert_eq!(
            origin("https://anon.com/x").unwrap_err().to_string(),
            OriginError::Path.describe()
        );
    }

    // What `new URL(text).origin` gives is tested in real browsers (tests/web/); here, the
    // shape rules and the list, with the parser's answer written out.
    fn origin(canonical: &str) -> Origin {
        Origin::from_parsed(canonical, Some(canonical)).unwrap()
    }

    #[test]
    fn accepts_the_shapes_of_an_origin() {
        for input in [
            "https://dashboard.anon.com",
            "HTTPS://Dashboard.ANON.com/",
            "https://dashboard.anon.com:443",
            "http://localhost:8081",
            "http://[::1]:3000",
            "http://127.0.0.1:65535",
            "https://dashboard.anon.com.",
        ] {
            assert_eq!(Origin::check_shape(input), Ok(()), "{input:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_origin() {
        use OriginError::*;
        let cases = [
            ("null", Scheme),
            ("", Scheme),
            ("dashboard.anon.com", Scheme),
            ("javascript:alert(1)", Scheme),
            ("data:text/html,x", Scheme),
            ("ftp://anon.com", Scheme),
            ("https:dashboard.anon.com", Scheme),
            (" https://dashboard.anon.com", Scheme),
            ("https://", Host),
            ("https:///", Host),
            ("https://dashboard.anon.com@evil.com", Host),
            ("https://user:pass@dashboard.anon.com", Host),
            ("https://an on.com", Host),
            ("https://dash\tboard.anon.com", Host),
            ("https://dashboard.anon.com ", Host),
            ("https://evil.com\\@dashboard.anon.com", Path),
            ("https://evil.com#@dashboard.anon.com", Path),
            ("https://anon.com/path", Path),
            ("https://anon.com/./", Path),
            ("https://anon.com?x", Path),
            ("https://anon.com/?", Path),
            ("https://anon.com#", Path),
            ("https://anon.com//", Path),
            ("https://d\u{043e}shboard.anon.com", NonAscii),
            ("https://*.anon.com", Wildcard),
            ("https://dashboard.anon.*", Wildcard),
            ("https://anon.com:*", Wildcard),
            // The most telling reason first: a path or credentials before a wildcard.
            ("https://*.anon.com/x", Path),
            ("https://*@anon.com", Host),
        ];
        for (input, want) in cases {
            assert_eq!(Origin::check_shape(input), Err(want), "{input:?}");
            assert_eq!(
                Origin::from_parsed(input, Some("https://x.com")),
                Err(want),
                "{input:?}"
            );
        }
    }

    #[test]
    fn takes_the_parsers_canonical_form_and_never_null() {
        let parsed = Origin::from_parsed(
            "HTTPS://Dashboard.Anon.com:443/",
            Some("https://dashboard.anon.com"),
        );
        let parsed = parsed.unwrap();
        assert_eq!(parsed.as_str(), "https://dashboard.anon.com");
        assert_eq!(String::from(parsed), "https://dashboard.anon.com");
        assert_eq!(Origin::from_parsed("https://[zz]", None), Err(OriginError::Host));
        assert_eq!(
            Origin::from_parsed("https://x.com", Some("null")),
            Err(OriginError::Host)
        );
    }

    #[test]
    fn allow_list_matches_exactly_and_never_null() {
        let list = AllowList::new([origin("https://dashboard.anon.com")]);
        assert!(list.allows("https://dashboard.anon.com"));
        for hostile in [
            "https://dashboard.anon.com.evil.com",
            "https://evil-dashboard.anon.com",
            "https://dashboard.anon.co",
            "http://dashboard.anon.com",
            "https://dashboard.anon.com:8443",
            "https://dashboard.anon.com.",
            "https://DASHBOARD.anon.com",
            "https://d\u{043e}shboard.anon.com",
            "https://xn--dshboard-7fg.anon.com",
            "https://dashboard.anon.com/",
            " https://dashboard.anon.com",
            "null",
            "",
        ] {
            assert!(!list.allows(hostile), "{hostile:?} must not match");
        }
        assert!(!AllowList::default().allows("null"));
        assert!(AllowList::default().is_empty());
        assert!(!list.is_empty());
    }

    #[test]
    fn trailing_dot_host_is_its_own_origin() {
        let list = AllowList::new([origin("https://dashboard.anon.com.")]);
        assert!(list.allows("https://dashboard.anon.com."));
        assert!(!list.allows("https://dashboard.anon.com"));
    }

    #[test]
    fn a_repeated_origin_is_kept_once() {
        let list = AllowList::new([
            origin("https://a.com"),
            origin("https://b.com"),
            origin("https://a.com"),
        ]);
        assert_eq!(list.as_slice(), ["https://a.com", "https://b.com"]);
    }

    #[test]
    fn loopback_hosts() {
        for host in ["localhost", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "localhost.evil.com",
            "128.0.0.1",
            "127.0.0",
            "127.0.0.256",
            "0x7f.1",
            "127.0.0.1.",
            "evil.com",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
