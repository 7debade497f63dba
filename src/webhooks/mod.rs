//! Verifying (and signing) Anon's webhooks, which are sent through Svix.
//!
//! A delivery carries three headers: `svix-id`, `svix-timestamp` (Unix seconds) and
//! `svix-signature`, a space-separated list of `v1,<base64>` signatures. The signed content is
//! `{id}.{timestamp}.{raw body}`, signed with HMAC-SHA256 under the endpoint's secret
//! (`whsec_` + base64). `webhook-*` headers (the Standard Webhooks names) are accepted too.
//!
//! The rules: verify the raw body bytes (never re-serialized JSON); accept when any `v1`
//! signature matches, compared in constant time; ignore other versions; reject timestamps more
//! than [`TOLERANCE_SECS`] away from `now`, with overflow-safe arithmetic. The current time is
//! a parameter, because reading the clock panics on `wasm32-unknown-unknown`.
//!
//! # Examples
//! ```
//! use anon_modal::webhooks::{Webhook, WebhookHeaders};
//! let hook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! let body = br#"{"test": 2432232314}"#;
//! let signature = hook.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
//! let headers = WebhookHeaders { id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330", signature: &signature };
//! assert!(hook.verify(body, &headers, 1614265330).is_ok());
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// How far a delivery's timestamp may be from now, either way, in seconds.
pub const TOLERANCE_SECS: i64 = 300;

/// Why a delivery was refused. Each has a stable [`WebhookError::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookError {
    /// A required header is absent (its Svix name is given).
    MissingHeader(&'static str),
    /// The timestamp header is not a whole number of seconds (or is out of any sane range).
    InvalidTimestamp,
    /// The timestamp is more than [`TOLERANCE_SECS`] in the past (a replay, or a stale retry).
    TimestampTooOld,
    /// The timestamp is more than [`TOLERANCE_SECS`] in the future.
    TimestampTooNew,
    /// No `v1` signature matches.
    InvalidSignature,
    /// The signing secret is empty or not base64.
    InvalidSecret,
    /// The body is not the JSON event it should be (only from [`Webhook::verify_event`]).
    InvalidPayload,
}

impl WebhookError {
    /// The stable code, e.g. `"INVALID_SIGNATURE"`.
    pub fn code(self) -> &'static str {
        match self {
            WebhookError::MissingHeader(_) => "MISSING_HEADER",
            WebhookError::InvalidTimestamp => "INVALID_TIMESTAMP",
            WebhookError::TimestampTooOld => "TIMESTAMP_TOO_OLD",
            WebhookError::TimestampTooNew => "TIMESTAMP_TOO_NEW",
            WebhookError::InvalidSignature => "INVALID_SIGNATURE",
            WebhookError::InvalidSecret => "INVALID_SECRET",
            WebhookError::InvalidPayload => "INVALID_PAYLOAD",
        }
    }

    /// A sentence for logs and error messages.
    pub fn describe(self) -> &'static str {
        match self {
            WebhookError::MissingHeader("svix-id") => "the svix-id (or webhook-id) header is missing",
            WebhookError::MissingHeader("svix-timestamp") => {
                "the svix-timestamp (or webhook-timestamp) header is missing"
            }
            WebhookError::MissingHeader(_) => "the svix-signature (or webhook-signature) header is missing",
            WebhookError::InvalidTimestamp => "the timestamp header is not a valid Unix time in seconds",
            WebhookError::TimestampTooOld => "the delivery is more than 5 minutes old",
            WebhookError::TimestampTooNew => "the delivery is more than 5 minutes in the future",
            WebhookError::InvalidSignature => "no signature matches the body and the signing secret",
            WebhookError::InvalidSecret => "the signing secret is empty or not whsec_ + base64",
            WebhookError::InvalidPayload => "the body is not a valid Anon webhook event",
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

/// The three headers of a delivery, as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookHeaders<'a> {
    /// `svix-id` / `webhook-id`: the message id (the same on retries).
    pub id: &'a str,
    /// `svix-timestamp` / `webhook-timestamp`: Unix seconds.
    pub timestamp: &'a str,
    /// `svix-signature` / `webhook-signature`: `v1,<base64>` entries, space-separated.
    pub signature: &'a str,
}

impl<'a> WebhookHeaders<'a> {
    /// Reads the headers through `get`, which looks a lower-case header name up (returning
    /// `None` when absent). `svix-*` names win over `webhook-*` aliases.
    ///
    /// # Errors
    /// [`WebhookError::MissingHeader`] with the Svix name of the first one missing.
    pub fn from_lookup(get: impl Fn(&str) -> Option<&'a str>) -> Result<Self, WebhookError> {
        let read = |svix: &'static str, alias: &str| {
            get(svix)
                .or_else(|| get(alias))
                .ok_or(WebhookError::MissingHeader(svix))
        };
        Ok(WebhookHeaders {
            id: read("svix-id", "webhook-id")?,
            timestamp: read("svix-timestamp", "webhook-timestamp")?,
            signature: read("svix-signature", "webhook-signature")?,
        })
    }
}

/// An endpoint's signing secret, ready to verify and sign deliveries.
#[derive(Clone)]
pub struct Webhook {
    key: Vec<u8>,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Webhook { key: <redacted> }")
    }
}

impl Webhook {
    /// Reads a secret: an optional `whsec_` prefix, then base64.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when it is empty or not base64.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret)?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhook { key })
    }

    /// A webhook from raw key bytes.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when `key` is empty.
    pub fn from_bytes(key: &[u8]) -> Result<Self, WebhookError> {
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhook { key: key.to_vec() })
    }

    fn tag(&self, id: &str, timestamp: &str, payload: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(payload);
        mac.finalize().into_bytes().into()
    }

    /// The `svix-signature` value (`v1,<base64>`) for a delivery.
    pub fn sign(&self, id: &str, timestamp: i64, payload: &[u8]) -> String {
        let tag = self.tag(id, &timestamp.to_string(), payload);
        let mut out = String::from("v1,");
        STANDARD.encode_string(tag, &mut out);
        out
    }

    /// Verifies a delivery's raw `payload` against its headers, at time `now` (Unix seconds).
    ///
    /// # Errors
    /// [`WebhookError::InvalidTimestamp`], [`WebhookError::TimestampTooOld`],
    /// [`WebhookError::TimestampTooNew`] or [`WebhookError::InvalidSignature`].
    pub fn verify(&self, payload: &[u8], headers: &WebhookHeaders<'_>, now: i64) -> Result<(), WebhookError> {
        check_timestamp(headers.timestamp, now)?;
        let expected = self.tag(headers.id, headers.timestamp, payload);
        let mut matched = subtle::Choice::from(0);
        for entry in headers.signature.split(' ') {
            let Some(("v1", encoded)) = entry.split_once(',') else {
                continue;
            };
            let Ok(candidate) = STANDARD.decode(encoded) else {
                continue;
            };
            if candidate.len() == expected.len() {
                matched |= candidate.ct_eq(&expected);
            }
        }
        if bool::from(matched) {
            Ok(())
        } else {
            Err(WebhookError::InvalidSignature)
        }
    }

    /// [`Webhook::verify`], then parses the body into a typed event.
    ///
    /// # Errors
    /// Those of `verify`, and [`WebhookError::InvalidPayload`].
    #[cfg(feature = "models")]
    pub fn verify_event(
        &self,
        payload: &[u8],
        headers: &WebhookHeaders<'_>,
        now: i64,
    ) -> Result<crate::models::WebhookEvent, WebhookError> {
        self.verify(payload, headers, now)?;
        serde_json::from_slice(payload).map_err(|_| WebhookError::InvalidPayload)
    }
}

/// Checks a timestamp header against `now` with [`TOLERANCE_SECS`] either way.
///
/// # Errors
/// [`WebhookError::InvalidTimestamp`] when it is not a plain decimal integer (or the difference
/// overflows), [`WebhookError::TimestampTooOld`] / [`WebhookError::TimestampTooNew`] outside
/// the tolerance.
pub fn check_timestamp(timestamp: &str, now: i64) -> Result<i64, WebhookError> {
    let plain = !timestamp.is_empty()
        && timestamp.len() <= 20
        && timestamp
            .strip_prefix('-')
            .unwrap_or(timestamp)
            .bytes()
            .all(|b| b.is_ascii_digit());
    let value: i64 =
        if plain { timestamp.parse().ok() } else { None }.ok_or(WebhookError::InvalidTimestamp)?;
    let age = now.checked_sub(value).ok_or(WebhookError::InvalidTimestamp)?;
    if age > TOLERANCE_SECS {
        Err(WebhookError::TimestampTooOld)
    } else if age < -TOLERANCE_SECS {
        Err(WebhookError::TimestampTooNew)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET_RS: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const ID_RS: &str = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
    const TS_RS: &str = "1649367553";
    const BODY_RS: &[u8] = br#"{"email":"test@example.com","username":"test_user"}"#;
    const SIG_RS: &str = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";

    const SECRET_JS: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID_JS: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TS_JS: &str = "1614265330";
    const BODY_JS: &[u8] = br#"{"test": 2432232314}"#;
    const SIG_JS: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn headers<'a>(id: &'a str, timestamp: &'a str, signature: &'a str) -> WebhookHeaders<'a> {
        WebhookHeaders {
            id,
            timestamp,
            signature,
        }
    }

    fn verify(secret: &str, body: &[u8], h: WebhookHeaders<'_>, now: i64) -> Result<(), WebhookError> {
        Webhook::new(secret)?.verify(body, &h, now)
    }

    #[test]
    fn svix_test_vectors_verify_and_sign() {
        assert_eq!(
            verify(SECRET_RS, BODY_RS, headers(ID_RS, TS_RS, SIG_RS), 1649367553),
            Ok(())
        );
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, SIG_JS), 1614265330),
            Ok(())
        );
        assert_eq!(
            Webhook::new(SECRET_RS).unwrap().sign(ID_RS, 1649367553, BODY_RS),
            SIG_RS
        );
        assert_eq!(
            Webhook::new(SECRET_JS).unwrap().sign(ID_JS, 1614265330, BODY_JS),
            SIG_JS
        );
    }

    #[test]
    fn the_last_character_of_the_signature_matters() {
        let tampered = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, tampered), 1614265330),
            Err(WebhookError::InvalidSignature)
        );
    }

    #[test]
    fn tampering_with_anything_fails() {
        let now = 1614265330;
        let bad = Err(WebhookError::InvalidSignature);
        assert_eq!(
            verify(
                SECRET_JS,
                br#"{"test": 2432232315}"#,
                headers(ID_JS, TS_JS, SIG_JS),
                now
            ),
            bad
        );
        assert_eq!(
            verify(
                SECRET_JS,
                br#"{"test":2432232314}"#,
                headers(ID_JS, TS_JS, SIG_JS),
                now
            ),
            bad,
            "re-serialized JSON"
        );
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers("msg_other", TS_JS, SIG_JS), now),
            bad
        );
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, "1614265331", SIG_JS), now),
            bad
        );
        assert_eq!(
            verify(SECRET_RS, BODY_JS, headers(ID_JS, TS_JS, SIG_JS), now),
            bad,
            "other secret"
        );
        for sig in [
            "",
            "v1,",
            "v1,!!!",
            "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "v1 g0hM9SsE",
        ] {
            assert_eq!(
                verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, sig), now),
                bad,
                "{sig:?}"
            );
        }
    }

    #[test]
    fn any_v1_in_a_list_passes_and_other_versions_are_ignored() {
        let now = 1614265330;
        let list = format!("v1a,{0} v2,{0} v1,bm90IGl0 {SIG_JS}", &SIG_JS[3..]);
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, &list), now),
            Ok(())
        );
        let only_others = format!("v1a,{0} v2,{0}", &SIG_JS[3..]);
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, &only_others), now),
            Err(WebhookError::InvalidSignature)
        );
    }

    #[test]
    fn tolerance_edges() {
        let hook = Webhook::new(SECRET_JS).unwrap();
        let at = |ts: i64, now: i64| {
            let ts_text = ts.to_string();
            let sig = hook.sign(ID_JS, ts, BODY_JS);
            hook.verify(BODY_JS, &headers(ID_JS, &ts_text, &sig), now)
        };
        let t = 1_700_000_000;
        assert_eq!(at(t, t + 300), Ok(()));
        assert_eq!(at(t, t - 300), Ok(()));
        assert_eq!(at(t, t + 301), Err(WebhookError::TimestampTooOld));
        assert_eq!(at(t, t - 301), Err(WebhookError::TimestampTooNew));
    }

    #[test]
    fn extreme_and_malformed_timestamps_are_errors_not_panics() {
        use WebhookError::*;
        let cases: [(&str, i64, WebhookError); 10] = [
            ("-9223372036854775808", 1_700_000_000, InvalidTimestamp),
            ("9223372036854775807", -1_700_000_000, InvalidTimestamp),
            ("9223372036854775807", 1_700_000_000, TimestampTooNew),
            ("9223372036854775808", 0, InvalidTimestamp),
            ("99999999999999999999999", 0, InvalidTimestamp),
            ("", 0, InvalidTimestamp),
            ("+1700000000", 1_700_000_000, InvalidTimestamp),
            ("1700000000.5", 1_700_000_000, InvalidTimestamp),
            (" 1700000000", 1_700_000_000, InvalidTimestamp),
            ("0", 1_700_000_000, TimestampTooOld),
        ];
        for (ts, now, want) in cases {
            assert_eq!(check_timestamp(ts, now), Err(want), "{ts:?}");
            assert_eq!(
                verify(SECRET_JS, BODY_JS, headers(ID_JS, ts, SIG_JS), now),
                Err(want),
                "{ts:?}"
            );
        }
        assert_eq!(check_timestamp("-5", -5), Ok(-5));
        assert_eq!(check_timestamp("1700000000", i64::MIN), Err(InvalidTimestamp));
    }

    #[test]
    fn secrets() {
        assert_eq!(Webhook::new("").unwrap_err(), WebhookError::InvalidSecret);
        assert_eq!(Webhook::new("whsec_").unwrap_err(), WebhookError::InvalidSecret);
        assert_eq!(
            Webhook::new("whsec_not base64!").unwrap_err(),
            WebhookError::InvalidSecret
        );
        assert!(
            Webhook::new("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_ok(),
            "prefix is optional"
        );
        assert_eq!(Webhook::from_bytes(b"").unwrap_err(), WebhookError::InvalidSecret);
        assert!(!format!("{:?}", Webhook::new(SECRET_JS).unwrap()).contains("MfKQ"));
    }

    #[test]
    fn headers_from_lookup_with_aliases() {
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
            WebhookError::MissingHeader("svix-timestamp")
        );
    }
}
