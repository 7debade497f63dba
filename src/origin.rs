//! Web origins (`scheme://host[:port]`), parsed strictly and compared exactly.
//!
//! A message is accepted only when its `MessageEvent.origin` is, character for character, the
//! serialization of an allowed [`Origin`]. Browsers serialize origins canonically (lower-case
//! host, punycode for international names, no default port), so parsing the allow-list once
//! into that same form makes the per-message test a plain string equality: no `startsWith`,
//! no regex, no suffix games (`dashboard.anon.com.evil.com` is simply another string).

/// A web origin: an `http` or `https` scheme, a host and a port.
///
/// # Examples
/// ```
/// use anon_modal::origin::Origin;
/// let origin = Origin::parse("HTTPS://Dashboard.Anon.com:443/").unwrap();
/// assert_eq!(origin.serialize(), "https://dashboard.anon.com");
/// assert!(Origin::parse("https://dashboard.anon.com@evil.com").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    secure: bool,
    host: String,
    port: Option<u16>,
}

/// Why a string is not an origin that can be allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginError {
    /// The scheme is not `https://` or `http://` (this includes the opaque origin `"null"`).
    Scheme,
    /// The host is empty, has credentials (`user@`), or characters a host cannot have.
    Host,
    /// The host is not ASCII: give international names in punycode (`xn--...`).
    NonAscii,
    /// The port is not a number from 1 to 65535.
    Port,
    /// There is a path, query or fragment: an origin has none.
    Path,
}

impl OriginError {
    /// A sentence for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            OriginError::Scheme => "an origin must start with https:// or http://",
            OriginError::Host => "the host is empty or has characters a host cannot have",
            OriginError::NonAscii => "the host must be ASCII (write international names in punycode)",
            OriginError::Port => "the port must be a number from 1 to 65535",
            OriginError::Path => "an origin has no path, query or fragment",
        }
    }
}

impl Origin {
    /// Parses `scheme://host[:port]` (one trailing `/` is allowed), lower-casing scheme and host
    /// and dropping a default port, so that [`Origin::serialize`] matches what browsers put in
    /// `MessageEvent.origin`.
    ///
    /// # Errors
    /// Any [`OriginError`]: this parser is deliberately narrower than a URL parser; it refuses
    /// credentials, paths, back-slashes, non-ASCII hosts and the opaque origin `"null"`.
    pub fn parse(input: &str) -> Result<Origin, OriginError> {
        let mut lower = input.to_owned();
        lower.make_ascii_lowercase();
        let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = lower.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(OriginError::Scheme);
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.bytes().any(|b| matches!(b, b'/' | b'?' | b'#')) {
            return Err(OriginError::Path);
        }
        if !rest.bytes().all(|b| b.is_ascii()) {
            return Err(OriginError::NonAscii);
        }
        let (host, port) = split_host_port(rest)?;
        if !valid_host(host) {
            return Err(OriginError::Host);
        }
        let default_port = if secure { 443 } else { 80 };
        let port = match port {
            None => None,
            Some(text) => match parse_port(text) {
                Some(p) if p == default_port => None,
                Some(p) => Some(p),
                None => return Err(OriginError::Port),
            },
        };
        Ok(Origin {
            secure,
            host: host.to_owned(),
            port,
        })
    }

    /// The canonical text of the origin, as in `MessageEvent.origin` and `URL.origin`.
    pub fn serialize(&self) -> String {
        let mut out = String::with_capacity(self.host.len() + 14);
        out.push_str(if self.secure { "https://" } else { "http://" });
        out.push_str(&self.host);
        if let Some(port) = self.port {
            out.push(':');
            push_decimal(&mut out, port);
        }
        out
    }

    /// `true` for `https`.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// The lower-case host (IPv6 addresses keep their brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// `true` when the host is this machine: `localhost`, `127.x.y.z` or `[::1]`.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }
}

/// `true` for `localhost`, `*.localhost`, a dotted-decimal `127.x.y.z` and `[::1]`.
pub fn is_loopback_host(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host == "[::1]" {
        return true;
    }
    let mut parts = 0;
    for (i, part) in host.as_bytes().split(|&b| b == b'.').enumerate() {
        let ok = !part.is_empty() && part.len() <= 3 && part.iter().all(u8::is_ascii_digit);
        if !ok || (i == 0 && part != b"127") || decimal(part).is_none_or(|n| n > 255) {
            return false;
        }
        parts += 1;
    }
    parts == 4
}

fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), OriginError> {
    let bytes = authority.as_bytes();
    // An IPv6 host is bracketed and full of colons: the port's colon comes after the `]`.
    let host_end = if bytes.first() == Some(&b'[') {
        bytes.iter().position(|&b| b == b']').ok_or(OriginError::Host)? + 1
    } else {
        bytes.iter().position(|&b| b == b':').unwrap_or(bytes.len())
    };
    let (host, after) = authority.split_at(host_end);
    match after.as_bytes() {
        [] => Ok((host, None)),
        [b':', ..] => Ok((host, Some(&after[1..]))),
        _ => Err(OriginError::Host),
    }
}

fn valid_host(host: &str) -> bool {
    let bytes = host.as_bytes();
    if let [b'[', inner @ .., b']'] = bytes {
        return inner.contains(&b':')
            && inner
                .iter()
                .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    let trailing_dot = bytes.len() > 1 && bytes.ends_with(b".");
    !bytes.is_empty()
        && bytes.split(|&b| b == b'.').enumerate().all(|(i, label)| {
            // Only a trailing dot may leave an empty label (`host.` is a distinct origin).
            (!label.is_empty() || (i > 0 && trailing_dot))
                && label
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

fn parse_port(text: &str) -> Option<u16> {
    decimal(text.as_bytes())
        .and_then(|p| u16::try_from(p).ok())
        .filter(|&p| p != 0)
}

/// The value of 1 to 5 ASCII digits (no sign, no spaces).
fn decimal(text: &[u8]) -> Option<u32> {
    (!text.is_empty() && text.len() <= 5 && text.iter().all(u8::is_ascii_digit))
        .then(|| text.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn push_decimal(out: &mut String, mut n: u16) {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    let mut digits = [0usize; 5];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = usize::from(n % 10);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // `push_str` of ASCII digits: `push(char)` would compile in a UTF-8 encoder.
    for &d in &digits[i..] {
        out.push_str(DIGITS[d]);
    }
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
            list.push(&origin);
        }
        list
    }

    /// Adds `origin` (once: a repeated origin is kept once).
    pub fn push(&mut self, origin: &Origin) {
        let text = origin.serialize();
        if !self.origins.contains(&text) {
            self.origins.push(text);
        }
    }

    /// Parses each string with [`Origin::parse`].
    ///
    /// # Errors
    /// The first string that is not an origin, with the reason.
    pub fn parse<'a>(origins: impl IntoIterator<Item = &'a str>) -> Result<Self, (String, OriginError)> {
        let mut list = AllowList::default();
        for text in origins {
            list.push(&Origin::parse(text).map_err(|e| (text.to_owned(), e))?);
        }
        Ok(list)
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

    fn canon(s: &str) -> String {
        Origin::parse(s).unwrap().serialize()
    }

    #[test]
    fn canonicalizes_case_default_ports_and_trailing_slash() {
        assert_eq!(canon("https://dashboard.anon.com"), "https://dashboard.anon.com");
        assert_eq!(canon("HTTPS://Dashboard.ANON.com/"), "https://dashboard.anon.com");
        assert_eq!(
            canon("https://dashboard.anon.com:443"),
            "https://dashboard.anon.com"
        );
        assert_eq!(canon("http://localhost:80"), "http://localhost");
        assert_eq!(canon("http://localhost:8081"), "http://localhost:8081");
        assert_eq!(canon("https://anon.com:8443/"), "https://anon.com:8443");
        assert_eq!(canon("http://[::1]:3000"), "http://[::1]:3000");
        assert_eq!(canon("http://127.0.0.1:65535"), "http://127.0.0.1:65535");
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
            ("https://", Host),
            ("https://dashboard.anon.com@evil.com", Host),
            ("https://evil.com\\@dashboard.anon.com", Host),
            ("https://evil.com#@dashboard.anon.com", Path),
            ("https://anon.com/path", Path),
            ("https://anon.com?x", Path),
            ("https://anon.com//", Path),
            ("https://d\u{043e}shboard.anon.com", NonAscii),
            ("https://anon.com:0", Port),
            ("https://anon.com:65536", Port),
            ("https://anon.com:+80", Port),
            ("https://anon.com:", Port),
            ("https://a..b", Host),
            ("https://.anon.com", Host),
            ("https://[::1", Host),
            ("https://[::1]x", Host),
            ("https://[zz]", Host),
            ("https://an on.com", Host),
        ];
        for (input, want) in cases {
            assert_eq!(Origin::parse(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn allow_list_matches_exactly_and_never_null() {
        let list = AllowList::parse(["https://dashboard.anon.com"]).unwrap();
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
    }

    #[test]
    fn trailing_dot_host_is_its_own_origin() {
        let list = AllowList::parse(["https://dashboard.anon.com."]).unwrap();
        assert!(list.allows("https://dashboard.anon.com."));
        assert!(!list.allows("https://dashboard.anon.com"));
    }

    #[test]
    fn reports_the_first_bad_entry() {
        let err = AllowList::parse(["https://ok.com", "https://bad.com/x"]).unwrap_err();
        assert_eq!(err, ("https://bad.com/x".to_owned(), OriginError::Path));
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
