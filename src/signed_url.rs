//! Which modal URLs `embedAnonModal` accepts.
//!
//! The browser's URL parser splits the URL (so `https://dashboard.anon.com@evil.com/` is seen
//! to be on `evil.com`); this module decides on the parts, so the policy is plain Rust with
//! native tests.

use crate::error::{Error, Message};
use crate::origin::{is_loopback_host, AllowList, Origin};
use alloc::borrow::ToOwned;
use alloc::string::String;

/// The parts of a URL, as `new URL(input)` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// `URL.protocol`, e.g. `"https:"`.
    pub protocol: &'a str,
    /// `URL.origin`, e.g. `"https://dashboard.anon.com"`.
    pub origin: &'a str,
    /// `URL.username` or `URL.password` is not empty.
    pub has_credentials: bool,
}

/// Decides whether the modal may load `url`, and which origins it may then hear from.
///
/// `https:` is required; `http:` only for loopback hosts and only when
/// `allow_insecure_localhost` is set. Without an explicit allow-list, the URL's own origin is
/// the only one allowed; with one, the URL's origin must be in it.
///
/// # Errors
/// An [`Error`] whose code is `InvalidUrl`, `OriginNotAllowed`, or `InvalidOrigin` for an
/// allow-list entry not secure enough ([`ErrorCode`](crate::ErrorCode)).
pub fn check_modal_url(
    url: UrlParts<'_>,
    allow_insecure_localhost: bool,
    allowed: Option<AllowList>,
) -> Result<AllowList, Error> {
    // `URL.origin` of an `https:` or `http:` URL is its scheme, host and port.
    if url.protocol != "https:"
        && !(url.protocol == "http:" && secure_enough(url.origin, allow_insecure_localhost))
    {
        return Err(if url.protocol == "http:" {
            Error::fixed(Message::HttpNotLoopback)
        } else {
            Error::new(Message::NotHttps, url.protocol.to_owned())
        });
    }
    if url.has_credentials {
        return Err(Error::fixed(Message::Credentials));
    }
    // `URL.origin` is already canonical: this only checks it is a usable one.
    let origin = Origin::from_parsed(url.origin, Some(url.origin))
        .map_err(|why| Error::fixed(Message::NoUsableOrigin(why)))?;
    if let Some(insecure) = allowed.as_ref().and_then(|list| {
        list.as_slice()
            .iter()
            .find(|o| !secure_enough(o, allow_insecure_localhost))
    }) {
        return Err(Error::new(Message::InsecureOrigin, insecure.clone()));
    }
    match allowed {
        None => {
            // `push` rather than the generic `AllowList::new([origin])`, which the package
            // would carry as a second, generic copy.
            let mut list = AllowList::default();
            list.push(origin);
            Ok(list)
        }
        Some(list) if list.allows(origin.as_str()) => Ok(list),
        Some(_) => Err(Error::new(Message::OriginNotAllowed, String::from(origin))),
    }
}

/// `https:`, or `http:` on a loopback host when `allow_insecure_localhost` is set: the modal
/// URL's rule, for an origin that messages may come from (canonical, as `URL.origin` writes it).
fn secure_enough(origin: &str, allow_insecure_localhost: bool) -> bool {
    const HTTPS: &[u8] = b"https://";
    const HTTP: &[u8] = b"http://";
    let bytes = origin.as_bytes();
    if bytes.starts_with(HTTPS) {
        return true;
    }
    if !allow_insecure_localhost || !bytes.starts_with(HTTP) {
        return false;
    }
    // The host ends before the port; an IPv6 host keeps its brackets.
    let authority = &bytes[HTTP.len()..];
    let end = if authority.first() == Some(&b'[') {
        authority.iter().position(|&b| b == b']').map_or(0, |at| at + 1)
    } else {
        authority
            .iter()
            .position(|&b| b == b':')
            .unwrap_or(authority.len())
    };
    origin
        .get(HTTP.len()..HTTP.len() + end)
        .is_some_and(is_loopback_host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn parts<'a>(protocol: &'a str, origin: &'a str) -> UrlParts<'a> {
        UrlParts {
            protocol,
            origin,
            has_credentials: false,
        }
    }

    fn code(result: Result<AllowList, Error>) -> ErrorCode {
        result.unwrap_err().code()
    }

    #[test]
    fn https_url_allows_its_own_origin_only() {
        let list = check_modal_url(parts("https:", "https://dashboard.anon.com"), false, None).unwrap();
        assert_eq!(list.as_slice(), ["https://dashboard.anon.com"]);
    }

    #[test]
    fn non_https_schemes_are_invalid() {
        for protocol in ["javascript:", "data:", "about:", "blob:", "file:", "ftp:"] {
            assert_eq!(
                code(check_modal_url(parts(protocol, "null"), true, None)),
                ErrorCode::InvalidUrl,
                "{protocol}"
            );
        }
    }

    #[test]
    fn http_only_for_loopback_and_only_when_asked() {
        let local = parts("http:", "http://localhost:8081");
        assert_eq!(code(check_modal_url(local, false, None)), ErrorCode::InvalidUrl);
        assert!(check_modal_url(local, true, None).is_ok());
        assert!(check_modal_url(parts("http:", "http://127.0.0.1:8081"), true, None).is_ok());
        let remote = parts("http:", "http://dashboard.anon.com");
        assert_eq!(code(check_modal_url(remote, true, None)), ErrorCode::InvalidUrl);
    }

    #[test]
    fn the_message_says_which_scheme_is_wrong() {
        let message = |protocol, origin| {
            check_modal_url(parts(protocol, origin), false, None)
                .unwrap_err()
                .message()
        };
        assert_eq!(message("ftp:", "null"), "the modal URL must use https:, not ftp:");
        assert!(message("http:", "http://x.com").contains("allowInsecureLocalhost"));
    }

    #[test]
    fn credentials_are_refused() {
        let mut p = parts("https:", "https://evil.com");
        p.has_credentials = true;
        assert_eq!(code(check_modal_url(p, false, None)), ErrorCode::InvalidUrl);
    }

    #[test]
    fn allow_list_must_contain_the_real_host() {
        let anon = "https://dashboard.anon.com";
        let allowed = || Some(AllowList::new([Origin::from_parsed(anon, Some(anon)).unwrap()]));
        // What the browser's parser makes of the tricks of cases 27 and 28 in docs/security.md.
        for origin in [
            "https://evil.com",
            "https://dashboard.anon.com.",
            "https://xn--dshboard-7fg.anon.com",
            "https://127.0.0.1",
        ] {
            assert_eq!(
                code(check_modal_url(parts("https:", origin), false, allowed())),
                ErrorCode::OriginNotAllowed
            );
        }
        let ok = check_modal_url(parts("https:", "https://dashboard.anon.com"), false, allowed());
        assert!(ok.is_ok());
    }

    #[test]
    fn allowed_origins_follow_the_urls_rule_for_http() {
        let https = parts("https:", "https://dashboard.anon.com");
        let list = |origins: &[&str]| {
            Some(AllowList::new(
                origins.iter().map(|o| Origin::from_parsed(o, Some(o)).unwrap()),
            ))
        };
        let anon = "https://dashboard.anon.com";
        for insecure in [
            "http://dashboard.anon.com",
            "http://evil.example:8080",
            "http://127.0.0.2.nip.io",
        ] {
            let refused = check_modal_url(https, true, list(&[anon, insecure])).unwrap_err();
            assert_eq!(refused.code(), ErrorCode::InvalidOrigin, "{insecure}");
            assert!(refused.message().contains(insecure), "{}", refused.message());
        }
        for local in [
            "http://localhost:8081",
            "http://127.0.0.1",
            "http://[::1]:3000",
            "http://app.localhost",
        ] {
            assert_eq!(
                code(check_modal_url(https, false, list(&[anon, local]))),
                ErrorCode::InvalidOrigin,
                "{local} without allowInsecureLocalhost"
            );
            assert!(
                check_modal_url(https, true, list(&[anon, local])).is_ok(),
                "{local}"
            );
        }
    }
}
