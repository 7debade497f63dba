//! Finding a delivery's three headers in whatever collection a server framework gives.

use super::WebhookError;

/// One of the three headers a delivery needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Header {
    /// `svix-id` / `webhook-id`.
    Id,
    /// `svix-timestamp` / `webhook-timestamp`.
    Timestamp,
    /// `svix-signature` / `webhook-signature`.
    Signature,
}

impl Header {
    /// The three, in the order they are read.
    pub const ALL: [Header; 3] = [Header::Id, Header::Timestamp, Header::Signature];

    /// Every name a header goes by, in the order a delivery's are looked up: the three Svix
    /// names (which win), then the three Standard Webhooks names; the name at `i` is
    /// `ALL[i % 3]`'s. `anon-modal/server` hands the values to the wasm in this order.
    pub const NAMES: [&'static str; 6] = {
        let [id, timestamp, signature] = Header::ALL;
        [
            id.svix_name(),
            timestamp.svix_name(),
            signature.svix_name(),
            id.standard_name(),
            timestamp.standard_name(),
            signature.standard_name(),
        ]
    };

    /// Svix's name, e.g. `svix-id` (it wins when both names are present).
    pub const fn svix_name(self) -> &'static str {
        match self {
            Header::Id => "svix-id",
            Header::Timestamp => "svix-timestamp",
            Header::Signature => "svix-signature",
        }
    }

    /// The Standard Webhooks name, e.g. `webhook-id`.
    pub const fn standard_name(self) -> &'static str {
        match self {
            Header::Id => "webhook-id",
            Header::Timestamp => "webhook-timestamp",
            Header::Signature => "webhook-signature",
        }
    }
}

/// The three headers of a delivery, as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookHeaders<'a> {
    /// `svix-id` / `webhook-id`: the message id (the same on retries).
    pub id: &'a str,
    /// `svix-timestamp` / `webhook-timestamp`: Unix seconds.
    pub timestamp: &'a str,
    /// `svix-signature` / `webhook-signature`: `v1,<base64>` / `v1a,<base64>` entries,
    /// space-separated.
    pub signature: &'a str,
}

impl<'a> WebhookHeaders<'a> {
    /// Reads the headers through `get`, which looks a lower-case header name up (returning
    /// `None` when absent). A `svix-*` name present wins over its `webhook-*` name, even empty,
    /// as an app's `svix-id ?? webhook-id` reads the delivery's id. `get` gives one value per
    /// name: with a map that keeps a repeated header's values apart (`http::HeaderMap`),
    /// [`WebhookHeaders::from_pairs`] sees them all.
    ///
    /// # Errors
    /// [`WebhookError::MissingHeader`] for the first header absent under both names, or empty.
    pub fn from_lookup(get: impl Fn(&str) -> Option<&'a str>) -> Result<Self, WebhookError> {
        let read = |h: Header| {
            get(h.svix_name())
                .or_else(|| get(h.standard_name()))
                .filter(|value| !value.is_empty())
                .ok_or(WebhookError::MissingHeader(h))
        };
        Ok(WebhookHeaders {
            id: read(Header::Id)?,
            timestamp: read(Header::Timestamp)?,
            signature: read(Header::Signature)?,
        })
    }

    /// Reads the headers from `(name, value)` pairs, names compared case-insensitively (HTTP
    /// names are; many frameworks keep the sender's casing). `svix-*` names win over
    /// `webhook-*` ones, even empty (see [`WebhookHeaders::from_lookup`]). Values may be `&str`
    /// or bytes, so `&http::HeaderMap` works as is.
    ///
    /// # Errors
    /// [`WebhookError::InvalidHeader`] when a header's value is not UTF-8 or the same name
    /// comes twice with different values (join repeated signatures with a space first);
    /// [`WebhookError::MissingHeader`] when a header is absent under both names, or empty.
    ///
    /// # Examples
    /// ```
    /// use anon_modal::webhooks::WebhookHeaders;
    /// let pairs = [("SVIX-ID", "msg_1"), ("Webhook-Timestamp", "1614265330"), ("svix-signature", "v1,x")];
    /// let headers = WebhookHeaders::from_pairs(pairs)?;
    /// assert_eq!((headers.id, headers.timestamp), ("msg_1", "1614265330"));
    /// # Ok::<(), anon_modal::webhooks::WebhookError>(())
    /// ```
    pub fn from_pairs<N, V, I>(pairs: I) -> Result<Self, WebhookError>
    where
        I: IntoIterator<Item = (N, &'a V)>,
        N: AsRef<str>,
        V: AsRef<[u8]> + ?Sized + 'a,
    {
        // One slot per name: svix-* for each header, then webhook-*. `Err` marks a bad value.
        let mut slots: [Option<Result<&'a [u8], ()>>; 6] = [None; 6];
        for (name, value) in pairs {
            let name = name.as_ref();
            let found = Header::ALL.iter().enumerate().find_map(|(i, h)| {
                if name.eq_ignore_ascii_case(h.svix_name()) {
                    Some(i)
                } else if name.eq_ignore_ascii_case(h.standard_name()) {
                    Some(i + 3)
                } else {
                    None
                }
            });
            let Some(slot) = found.map(|i| &mut slots[i]) else {
                continue;
            };
            let value = value.as_ref();
            *slot = match *slot {
                None => Some(Ok(value)),
                Some(Ok(seen)) if seen == value => Some(Ok(seen)),
                Some(_) => Some(Err(())),
            };
        }
        let read = |h: Header, i: usize| -> Result<&'a str, WebhookError> {
            match slots[i].or(slots[i + 3]) {
                None | Some(Ok(b"")) => Err(WebhookError::MissingHeader(h)),
                Some(Ok(bytes)) => std::str::from_utf8(bytes).map_err(|_| WebhookError::InvalidHeader(h)),
                Some(Err(())) => Err(WebhookError::InvalidHeader(h)),
            }
        };
        Ok(WebhookHeaders {
            id: read(Header::Id, 0)?,
            timestamp: read(Header::Timestamp, 1)?,
            signature: read(Header::Signature, 2)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers<'a>(id: &'a str, timestamp: &'a str, signature: &'a str) -> WebhookHeaders<'a> {
        WebhookHeaders {
            id,
            timestamp,
            signature,
        }
    }

    #[test]
    fn from_lookup_prefers_svix_names_and_names_the_missing_header() {
        let svix = |name: &str| match name {
            "svix-id" => Some("a"),
            "svix-timestamp" => Some("1"),
            "svix-signature" => Some("v1,x"),
            "webhook-id" => Some("alias"),
            _ => None,
        };
        assert_eq!(
            WebhookHeaders::from_lookup(svix).unwrap(),
            headers("a", "1", "v1,x")
        );
        let alias = |name: &str| match name {
            "webhook-id" => Some("b"),
            "webhook-timestamp" => Some("2"),
            "webhook-signature" => Some("v1,y"),
            _ => None,
        };
        assert_eq!(
            WebhookHeaders::from_lookup(alias).unwrap(),
            headers("b", "2", "v1,y")
        );
        let missing = |name: &str| (name == "svix-id").then_some("c");
        assert_eq!(
            WebhookHeaders::from_lookup(missing).unwrap_err(),
            WebhookError::MissingHeader(Header::Timestamp)
        );
        // An empty svix-* name is the one read, never its webhook-* name: a replay that empties
        // svix-id and moves the id to webhook-id would pass an app's svix-id ?? webhook-id check.
        let emptied = |name: &str| match name {
            "svix-id" => Some(""),
            _ => alias(name),
        };
        assert_eq!(
            WebhookHeaders::from_lookup(emptied).unwrap_err(),
            WebhookError::MissingHeader(Header::Id)
        );
        let empty = |name: &str| Some(if name.ends_with("-signature") { "" } else { "d" });
        assert_eq!(
            WebhookHeaders::from_lookup(empty).unwrap_err(),
            WebhookError::MissingHeader(Header::Signature)
        );
    }

    #[test]
    fn from_pairs_reads_an_empty_svix_name_as_missing_never_its_webhook_name() {
        let pairs = [
            ("svix-id", ""),
            ("webhook-id", "msg_1"),
            ("svix-timestamp", "1"),
            ("svix-signature", "v1,s"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(pairs),
            Err(WebhookError::MissingHeader(Header::Id))
        );
        let empty = [
            ("webhook-id", "msg_1"),
            ("svix-timestamp", ""),
            ("svix-signature", "v1,s"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(empty),
            Err(WebhookError::MissingHeader(Header::Timestamp))
        );
        let repeated = [
            ("svix-id", ""),
            ("SVIX-ID", "msg_1"),
            ("svix-timestamp", "1"),
            ("svix-signature", "v1,s"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(repeated),
            Err(WebhookError::InvalidHeader(Header::Id))
        );
    }

    #[test]
    fn from_pairs_compares_names_case_insensitively() {
        for (id, ts, sig) in [
            ("svix-id", "svix-timestamp", "svix-signature"),
            ("SVIX-ID", "SVIX-TIMESTAMP", "SVIX-SIGNATURE"),
            ("Svix-Id", "Svix-Timestamp", "Svix-Signature"),
            ("Webhook-Id", "WEBHOOK-TIMESTAMP", "webhook-signature"),
        ] {
            let pairs = [
                ("Content-Type", "application/json"),
                (id, "msg_1"),
                (ts, "1614265330"),
                (sig, "v1,abc"),
            ];
            assert_eq!(
                WebhookHeaders::from_pairs(pairs),
                Ok(headers("msg_1", "1614265330", "v1,abc")),
                "{id}"
            );
        }
    }

    #[test]
    fn from_pairs_reads_owned_pairs_as_docs_webhooks_md_borrows_them() {
        let owned: Vec<(String, String)> = [
            ("svix-id", "msg_1"),
            ("svix-timestamp", "1614265330"),
            ("svix-signature", "v1,abc"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            WebhookHeaders::from_pairs(owned.iter().map(|(n, v)| (n, v.as_str()))),
            Ok(headers("msg_1", "1614265330", "v1,abc"))
        );
    }

    #[test]
    fn from_pairs_prefers_svix_names_whatever_the_order() {
        let pairs = [
            ("webhook-id", "std"),
            ("Svix-Id", "svix"),
            ("svix-timestamp", "1"),
            ("webhook-signature", "v1,s"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(pairs),
            Ok(headers("svix", "1", "v1,s"))
        );
    }

    #[test]
    fn from_pairs_takes_bytes_and_refuses_bad_values() {
        let bytes: [(&str, &[u8]); 3] = [
            ("svix-id", b"msg_1"),
            ("svix-timestamp", b"1"),
            ("svix-signature", b"v1,s"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(bytes),
            Ok(headers("msg_1", "1", "v1,s"))
        );
        let latin1: [(&str, &[u8]); 3] = [
            ("svix-id", b"msg_\xe9"),
            ("svix-timestamp", b"1"),
            ("svix-signature", b"v1,s"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(latin1),
            Err(WebhookError::InvalidHeader(Header::Id))
        );
        let twice = [
            ("svix-id", "msg_1"),
            ("svix-timestamp", "1"),
            ("svix-signature", "v1,a"),
            ("Svix-Signature", "v1,b"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(twice),
            Err(WebhookError::InvalidHeader(Header::Signature))
        );
        let same_twice = [
            ("svix-id", "msg_1"),
            ("SVIX-ID", "msg_1"),
            ("svix-timestamp", "1"),
            ("svix-signature", "v1,a"),
        ];
        assert_eq!(
            WebhookHeaders::from_pairs(same_twice),
            Ok(headers("msg_1", "1", "v1,a"))
        );
        let none: [(&str, &str); 1] = [("svix-id", "msg_1")];
        assert_eq!(
            WebhookHeaders::from_pairs(none),
            Err(WebhookError::MissingHeader(Header::Timestamp))
        );
        assert_eq!(
            WebhookHeaders::from_pairs(Vec::<(String, &str)>::new()),
            Err(WebhookError::MissingHeader(Header::Id))
        );
    }
}
