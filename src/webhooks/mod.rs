//! Verifying (and signing) Anon's webhooks, to the Standard Webhooks spec that Svix follows.
//!
//! A delivery carries three headers: `svix-id`, `svix-timestamp` (Unix seconds) and
//! `svix-signature` (or their Standard Webhooks names `webhook-id`, `webhook-timestamp`,
//! `webhook-signature`). The signature header is a space-separated list of `v1,<base64>`
//! (HMAC-SHA256) and `v1a,<base64>` (ed25519) entries over `{id}.{timestamp}.{raw body}`.
//!
//! - [`Verifier`] decodes its keys once: `whsec_<base64>` secrets (HMAC, `v1`) and
//!   `whpk_<base64>` ed25519 public keys (`v1a`); several keys at once for key rotation.
//! - [`Signer`] signs deliveries, for tests and mock senders: `whsec_` (`v1`) or `whsk_` (`v1a`).
//! - [`WebhookHeaders`] finds the three headers in any header collection, names compared
//!   case-insensitively.
//!
//! The rules: verify the raw body bytes (never re-serialized JSON); accept when any entry
//! matches any key, HMACs compared in constant time; skip other versions and malformed entries;
//! read the timestamp as plain decimal digits and refuse it beyond the tolerance either way
//! ([`DEFAULT_TOLERANCE_SECS`]), with checked arithmetic. The current time is a parameter,
//! because reading the clock panics on `wasm32-unknown-unknown`.
//!
//! # Examples
//! ```
//! use anon_modal::webhooks::{Signer, Verifier, WebhookHeaders};
//! let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//! let body = br#"{"test": 2432232314}"#;
//! let signature = Signer::new(secret)?.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
//! let headers = WebhookHeaders::from_pairs([
//!     ("Svix-Id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
//!     ("Svix-Timestamp", "1614265330"),
//!     ("Svix-Signature", signature.as_str()),
//! ])?;
//! let verifier = Verifier::new(secret)?;
//! assert!(verifier.verify(body, &headers, 1614265330).is_ok());
//! # Ok::<(), anon_modal::webhooks::WebhookError>(())
//! ```

mod headers;
mod keys;
mod sign;
mod verify;

pub use headers::{Header, WebhookHeaders};
pub use sign::Signer;
pub use verify::{check_timestamp, Verifier};

/// How far a delivery's timestamp may be from now, either way, unless
/// [`Verifier::with_tolerance`] says otherwise: 5 minutes, as the spec recommends.
pub const DEFAULT_TOLERANCE_SECS: u32 = 300;

/// The largest body a [`Verifier`] reads, unless [`Verifier::with_max_body_bytes`] says
/// otherwise: 1 MiB. Anon's events are well under a kilobyte; the limit stops an unsigned
/// request from making the verifier hash, or the npm package copy into its wasm memory (which
/// never shrinks), a body of any size.
pub const DEFAULT_MAX_BODY_BYTES: u32 = 1 << 20;

/// Why a delivery (or a key) was refused. Each has a stable [`WebhookError::code`]; a later
/// version may add reasons, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is absent under both of its names, or empty (a `svix-*` name present
    /// but empty wins over its `webhook-*` name, as a lookup `svix-id ?? webhook-id` reads it).
    MissingHeader(Header),
    /// A header's value is not valid: not UTF-8, holding a control character, or given twice
    /// with different values.
    InvalidHeader(Header),
    /// The timestamp header is not plain decimal Unix seconds, the clock given is in
    /// milliseconds, or the clock arithmetic overflows.
    InvalidTimestamp,
    /// The timestamp is further in the past than the tolerance (a replay, or a stale retry).
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance.
    TimestampTooNew,
    /// No signature entry matches any key.
    InvalidSignature,
    /// A key is empty, not base64, or not a valid key of its kind.
    InvalidSecret,
    /// The body is signed but is not an Anon webhook event.
    InvalidPayload,
    /// The body is larger than the verifier reads (see [`DEFAULT_MAX_BODY_BYTES`]); it was
    /// refused unread.
    PayloadTooLarge,
}

impl WebhookError {
    /// One error of each code, in a fixed order (the npm package's `WebhookErrorCode` lists
    /// them in this order).
    pub const ALL: &'static [WebhookError] = &[
        WebhookError::MissingHeader(Header::Id),
        WebhookError::InvalidHeader(Header::Id),
        WebhookError::InvalidTimestamp,
        WebhookError::TimestampTooOld,
        WebhookError::TimestampTooNew,
        WebhookError::InvalidSignature,
        WebhookError::InvalidSecret,
        WebhookError::InvalidPayload,
        WebhookError::PayloadTooLarge,
    ];

    /// The stable code, e.g. `"INVALID_SIGNATURE"`.
    pub const fn code(self) -> &'static str {
        match self {
            WebhookError::MissingHeader(_) => "MISSING_HEADER",
            WebhookError::InvalidHeader(_) => "INVALID_HEADER",
            WebhookError::InvalidTimestamp => "INVALID_TIMESTAMP",
            WebhookError::TimestampTooOld => "TIMESTAMP_TOO_OLD",
            WebhookError::TimestampTooNew => "TIMESTAMP_TOO_NEW",
            WebhookError::InvalidSignature => "INVALID_SIGNATURE",
            WebhookError::InvalidSecret => "INVALID_SECRET",
            WebhookError::InvalidPayload => "INVALID_PAYLOAD",
            WebhookError::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        }
    }

    /// One sentence for logs and error messages: what went wrong and what to do.
    pub const fn describe(self) -> &'static str {
        use Header::{Id, Signature, Timestamp};
        match self {
            WebhookError::MissingHeader(Id) => {
                "The svix-id (or webhook-id) header is missing or empty: pass the request's headers as received."
            }
            WebhookError::MissingHeader(Timestamp) => {
                "The svix-timestamp (or webhook-timestamp) header is missing or empty: pass the request's headers as received."
            }
            WebhookError::MissingHeader(Signature) => {
                "The svix-signature (or webhook-signature) header is missing or empty: pass the request's headers as received."
            }
            WebhookError::InvalidHeader(Id) => {
                "The svix-id (or webhook-id) header is repeated with another value or not plain text: pass the header as received."
            }
            WebhookError::InvalidHeader(Timestamp) => {
                "The svix-timestamp (or webhook-timestamp) header is repeated with another value or not plain text: pass the header as received."
            }
            WebhookError::InvalidHeader(Signature) => {
                "The svix-signature (or webhook-signature) header is repeated with another value or not plain text: pass the header as received, repeated values joined with a space."
            }
            WebhookError::InvalidTimestamp => {
                "The svix-timestamp (or webhook-timestamp) header is not whole Unix seconds, or the current time given is not: pass the header as received and the clock in seconds."
            }
            WebhookError::TimestampTooOld => {
                "The delivery's timestamp is older than the tolerance allows: check the server's clock; a replayed delivery also gives this."
            }
            WebhookError::TimestampTooNew => {
                "The delivery's timestamp is further in the future than the tolerance allows: check the server's clock, and that the sender wrote Unix seconds (milliseconds are far in the future)."
            }
            WebhookError::InvalidSignature => {
                "No signature matches the body and the signing keys: verify the raw body bytes as received (never re-serialized JSON, nor an empty body that a parser already read) with the endpoint's signing secret."
            }
            WebhookError::InvalidSecret => {
                "A key is empty or not valid: use the endpoint's signing secret (whsec_ then base64, with no quotes around it; an empty one is often an environment variable that is not set) or an ed25519 key (whpk_ to verify, whsk_ to sign)."
            }
            WebhookError::InvalidPayload => {
                "The body is signed but is not an Anon webhook event this version reads: check the endpoint's event types, upgrade anon-modal, or verify the signature alone."
            }
            WebhookError::PayloadTooLarge => {
                "The body is larger than the verifier's limit (1 MiB unless set otherwise), so it was not read: answer 413, and raise the limit if genuine deliveries need more."
            }
        }
    }
}

impl WebhookError {
    /// [`WebhookError::describe`] with `why` (what in the delivery was wrong) between what went
    /// wrong and what to do.
    #[cfg(any(feature = "npm-server", test))]
    pub(crate) fn describe_because(self, why: &str) -> String {
        let text = self.describe();
        match text.split_once(": ") {
            Some((what, fix)) => format!("{what} ({why}): {fix}"),
            None => format!("{text} ({why})"),
        }
    }
}

impl std::fmt::Display for WebhookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())?;
        f.write_str(": ")?;
        f.write_str(self.describe())
    }
}

impl std::error::Error for WebhookError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_code_once_and_every_error_has_a_sentence() {
        let codes: Vec<&str> = WebhookError::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(
            codes,
            [
                "MISSING_HEADER",
                "INVALID_HEADER",
                "INVALID_TIMESTAMP",
                "TIMESTAMP_TOO_OLD",
                "TIMESTAMP_TOO_NEW",
                "INVALID_SIGNATURE",
                "INVALID_SECRET",
                "INVALID_PAYLOAD",
                "PAYLOAD_TOO_LARGE",
            ]
        );
        let mut every = WebhookError::ALL.to_vec();
        for h in [Header::Timestamp, Header::Signature] {
            every.extend([WebhookError::MissingHeader(h), WebhookError::InvalidHeader(h)]);
        }
        for e in every {
            let text = e.describe();
            assert!(text.ends_with('.') && text.contains(": "), "{e:?}: {text}");
            assert_eq!(e.to_string(), format!("{}: {text}", e.code()));
        }
        assert!(WebhookError::MissingHeader(Header::Timestamp)
            .describe()
            .contains("svix-timestamp"));
    }

    #[test]
    fn the_reason_goes_between_what_went_wrong_and_what_to_do() {
        assert_eq!(
            WebhookError::InvalidPayload.describe_because("data: missing field `object`"),
            "The body is signed but is not an Anon webhook event this version reads (data: missing field `object`): check the endpoint's event types, upgrade anon-modal, or verify the signature alone."
        );
    }
}
