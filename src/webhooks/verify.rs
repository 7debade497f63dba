//! Verifying deliveries: headers, timestamp, then the signature entries against every key.

use super::keys::{self, HmacKey, VerifyKey, BASE64};
use super::{Header, WebhookError, WebhookHeaders, DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECS};
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use hmac::Mac;
use subtle::{Choice, ConstantTimeEq};

/// How many `v1a` signatures of one delivery are checked. A sender signs with one key, or a few
/// while keys rotate; each check is an ed25519 verification that an unsigned request could
/// otherwise ask for by the hundred.
const MAX_ED25519_SIGNATURES: usize = 8;

/// Verifies deliveries with one or more keys, decoded once.
///
/// A key is an endpoint's signing secret, `whsec_<base64>` (HMAC-SHA256, checks `v1` entries;
/// the prefix and the `=` padding are optional), or an ed25519 public key, `whpk_<base64>`
/// (checks `v1a` entries). With several keys (key rotation), a delivery signed with any of
/// them passes.
///
/// # Examples
/// ```
/// use anon_modal::webhooks::{Signer, Verifier, WebhookHeaders};
/// let old = Signer::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let new = Signer::new("whsk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")?;
/// let verifier = Verifier::with_keys(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &new.public_key().unwrap()])?
///     .with_tolerance(60);
/// for signer in [&old, &new] {
///     let signature = signer.sign("msg_1", 1_700_000_000, b"{}");
///     let headers = WebhookHeaders { id: "msg_1", timestamp: "1700000000", signature: &signature };
///     assert!(verifier.verify(b"{}", &headers, 1_700_000_030).is_ok());
/// }
/// # Ok::<(), anon_modal::webhooks::WebhookError>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    hmac: Vec<HmacKey>,
    ed25519: Vec<VerifyingKey>,
    tolerance: u32,
    max_body_bytes: u32,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("whsec_keys", &self.hmac.len())
            .field("whpk_keys", &self.ed25519.len())
            .field("tolerance", &self.tolerance)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

impl Verifier {
    /// A verifier with one key: `whsec_…` (or bare base64) or `whpk_…`. Spaces and line breaks
    /// around it are ignored, as a secret read from a file ends in a newline.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when the key is empty (`whsec_` alone too) or zero bytes
    /// alone (`whsec_AA`, which HMAC takes as the empty key up to 64 of them), not base64,
    /// not a valid ed25519 public key, or a `whsk_` secret key (give its `whpk_` public key).
    pub fn new(key: &str) -> Result<Self, WebhookError> {
        Self::with_keys([key])
    }

    /// A verifier with several keys, any of which may have signed a delivery. An empty entry
    /// (`OLD=` in a `.env` file, or spaces alone) is skipped, so that a key rotation's list can
    /// stay once the old key's variable is emptied; it can only leave fewer keys.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when no key is left or any key is invalid (see
    /// [`Verifier::new`]).
    pub fn with_keys<I>(keys: I) -> Result<Self, WebhookError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut verifier = Verifier {
            hmac: Vec::new(),
            ed25519: Vec::new(),
            tolerance: DEFAULT_TOLERANCE_SECS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        };
        for key in keys {
            if key.as_ref().trim_ascii().is_empty() {
                continue;
            }
            match keys::verify_key(key.as_ref())? {
                VerifyKey::Hmac(key) => verifier.hmac.push(key),
                VerifyKey::Ed25519(key) => verifier.ed25519.push(key),
            }
        }
        if verifier.hmac.is_empty() && verifier.ed25519.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(verifier)
    }

    /// The same verifier, accepting timestamps up to `secs` seconds away from now, either
    /// way (default [`DEFAULT_TOLERANCE_SECS`]).
    #[must_use]
    pub fn with_tolerance(mut self, secs: u32) -> Self {
        self.tolerance = secs;
        self
    }

    /// The tolerance in seconds.
    pub fn tolerance(&self) -> u32 {
        self.tolerance
    }

    /// The same verifier, reading bodies of up to `bytes` bytes (default
    /// [`DEFAULT_MAX_BODY_BYTES`]); a larger one is refused unread.
    #[must_use]
    pub fn with_max_body_bytes(mut self, bytes: u32) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// The largest body, in bytes, this verifier reads.
    pub fn max_body_bytes(&self) -> u32 {
        self.max_body_bytes
    }

    /// The check [`Verifier::verify`] makes first, on the body's length alone: the npm
    /// package's server entry makes it before the body is copied into its memory. A `u64`, so
    /// that a length of 4 GiB or more stays whole where `usize` is 32 bits (wasm32).
    pub(crate) fn check_body_size(&self, len: u64) -> Result<(), WebhookError> {
        if len > u64::from(self.max_body_bytes) {
            return Err(WebhookError::PayloadTooLarge);
        }
        Ok(())
    }

    /// Verifies a delivery's raw `payload` (the bytes as received) against its headers, at
    /// time `now_secs` (Unix seconds).
    ///
    /// # Errors
    /// [`WebhookError::PayloadTooLarge`] (a body over [`Verifier::max_body_bytes`], checked
    /// first), [`WebhookError::MissingHeader`] (an empty header, as when looked up),
    /// [`WebhookError::InvalidHeader`] (an id or signature header holding a control character),
    /// [`WebhookError::InvalidTimestamp`],
    /// [`WebhookError::TimestampTooOld`], [`WebhookError::TimestampTooNew`] or
    /// [`WebhookError::InvalidSignature`].
    pub fn verify(
        &self,
        payload: &[u8],
        headers: &WebhookHeaders<'_>,
        now_secs: i64,
    ) -> Result<(), WebhookError> {
        self.check_body_size(payload.len() as u64)?;
        // Empty is missing, as when the headers are looked up (`WebhookHeaders::from_lookup`).
        let values = [headers.id, headers.timestamp, headers.signature];
        if let Some((_, &header)) = values.iter().zip(&Header::ALL).find(|(v, _)| v.is_empty()) {
            return Err(WebhookError::MissingHeader(header));
        }
        let plain = |value: &str| !value.chars().any(char::is_control);
        if !plain(headers.id) {
            return Err(WebhookError::InvalidHeader(Header::Id));
        }
        if !plain(headers.signature) {
            return Err(WebhookError::InvalidHeader(Header::Signature));
        }
        check_timestamp(headers.timestamp, now_secs, self.tolerance)?;
        let mut tags: Option<Vec<[u8; 32]>> = None;
        let mut message: Option<Vec<u8>> = None;
        let mut matched = Choice::from(0);
        let mut ed25519_checked = 0;
        for entry in headers.signature.split(' ') {
            // `v1,<mac>,extra` leaves a comma in the base64, so it is skipped, never a match.
            let Some((version, encoded)) = entry.split_once(',') else {
                continue;
            };
            match version {
                "v1" if !self.hmac.is_empty() => {
                    let Ok(candidate) = BASE64.decode(encoded) else {
                        continue;
                    };
                    let tags = tags.get_or_insert_with(|| {
                        self.hmac
                            .iter()
                            .map(|key| hmac_tag(key, headers, payload))
                            .collect()
                    });
                    for tag in tags.iter() {
                        // `ct_eq` on slices of different lengths is false, in constant time.
                        matched |= candidate.as_slice().ct_eq(tag);
                    }
                }
                "v1a" if !self.ed25519.is_empty() => {
                    let Some(signature) = BASE64
                        .decode(encoded)
                        .ok()
                        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
                    else {
                        continue;
                    };
                    if ed25519_checked == MAX_ED25519_SIGNATURES {
                        continue;
                    }
                    ed25519_checked += 1;
                    let signature = Signature::from_bytes(&signature);
                    let message = message.get_or_insert_with(|| signed_content(headers, payload));
                    for key in &self.ed25519 {
                        // Strict: refuses small-order points and non-canonical signatures.
                        matched |= Choice::from(u8::from(key.verify_strict(message, &signature).is_ok()));
                    }
                }
                _ => {}
            }
        }
        if bool::from(matched) {
            Ok(())
        } else {
            Err(WebhookError::InvalidSignature)
        }
    }

    /// [`Verifier::verify`], then reads the body as an Anon event, whole (unknown fields
    /// included), with [`WebhookEvent::from_json`](crate::models::WebhookEvent::from_json).
    ///
    /// # Errors
    /// Those of `verify`, and [`WebhookError::InvalidPayload`] when the signed body is not an
    /// Anon event (`WebhookEvent::from_json(body)` then says which field is not as documented).
    #[cfg(feature = "models")]
    pub fn verify_event(
        &self,
        payload: &[u8],
        headers: &WebhookHeaders<'_>,
        now_secs: i64,
    ) -> Result<crate::models::WebhookEvent, WebhookError> {
        self.verify(payload, headers, now_secs)?;
        crate::models::WebhookEvent::from_json(payload).map_err(|_| WebhookError::InvalidPayload)
    }
}

fn hmac_tag(key: &HmacKey, headers: &WebhookHeaders<'_>, payload: &[u8]) -> [u8; 32] {
    let mut mac = key.clone();
    for part in [
        headers.id.as_bytes(),
        b".",
        headers.timestamp.as_bytes(),
        b".",
        payload,
    ] {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn signed_content(headers: &WebhookHeaders<'_>, payload: &[u8]) -> Vec<u8> {
    [
        headers.id.as_bytes(),
        b".",
        headers.timestamp.as_bytes(),
        b".",
        payload,
    ]
    .concat()
}

/// Checks a timestamp header against `now_secs`, `tolerance_secs` either way, and returns it.
///
/// # Errors
/// [`WebhookError::InvalidTimestamp`] when it is not plain decimal digits (no sign, space or
/// suffix: `1614265330abc` is refused) within `i64`, when `now_secs` is a clock in
/// milliseconds, or when the difference overflows; [`WebhookError::TimestampTooOld`] /
/// [`WebhookError::TimestampTooNew`] beyond the tolerance.
pub fn check_timestamp(timestamp: &str, now_secs: i64, tolerance_secs: u32) -> Result<i64, WebhookError> {
    // Milliseconds would otherwise read as a delivery far too old, and blame the sender's clock.
    if now_secs.unsigned_abs() >= crate::clock::SECONDS_BELOW.unsigned_abs() {
        return Err(WebhookError::InvalidTimestamp);
    }
    if timestamp.is_empty() || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebhookError::InvalidTimestamp);
    }
    let value: i64 = timestamp.parse().map_err(|_| WebhookError::InvalidTimestamp)?;
    let age = now_secs
        .checked_sub(value)
        .ok_or(WebhookError::InvalidTimestamp)?;
    let tolerance = i64::from(tolerance_secs);
    if age > tolerance {
        Err(WebhookError::TimestampTooOld)
    } else if age < -tolerance {
        Err(WebhookError::TimestampTooNew)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Signer;
    use super::*;
    use crate::clock::SECONDS_BELOW;

    const SECRET_RS: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const ID_RS: &str = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
    const TS_RS: &str = "1649367553";
    const BODY_RS: &[u8] = br#"{"email":"test@example.com","username":"test_user"}"#;
    const SIG_RS: &str = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";

    const SECRET_JS: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID_JS: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TS_JS: &str = "1614265330";
    const NOW_JS: i64 = 1614265330;
    const BODY_JS: &[u8] = br#"{"test": 2432232314}"#;
    const SIG_JS: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    /// An ed25519 seed (bytes 0 to 31), its public key and its `v1a` signature of the svix
    /// JavaScript vector's delivery, the last two as Node's `crypto` computes them.
    const ED_SECRET: &str = "whsk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const ED_PUBLIC: &str = "whpk_A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
    const ED_SIG_JS: &str =
        "v1a,yoUrgEkc12aGqm0n4Sydmdz55xJfTz4AsAgieHFjmkR7LJtqVCZOQYzvvHjI5kAey+r4iaBGxTFRrl2iBQxtDQ==";

    fn headers<'a>(id: &'a str, timestamp: &'a str, signature: &'a str) -> WebhookHeaders<'a> {
        WebhookHeaders {
            id,
            timestamp,
            signature,
        }
    }

    fn verify(key: &str, body: &[u8], h: WebhookHeaders<'_>, now: i64) -> Result<(), WebhookError> {
        Verifier::new(key)?.verify(body, &h, now)
    }

    #[test]
    fn svix_test_vectors_verify_and_sign() {
        assert_eq!(
            verify(SECRET_RS, BODY_RS, headers(ID_RS, TS_RS, SIG_RS), 1649367553),
            Ok(())
        );
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, SIG_JS), NOW_JS),
            Ok(())
        );
        assert_eq!(
            Signer::new(SECRET_RS).unwrap().sign(ID_RS, 1649367553, BODY_RS),
            SIG_RS
        );
        assert_eq!(
            Signer::new(SECRET_JS).unwrap().sign(ID_JS, NOW_JS, BODY_JS),
            SIG_JS
        );
    }

    #[test]
    fn the_last_character_of_the_signature_matters() {
        let tampered = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, tampered), NOW_JS),
            Err(WebhookError::InvalidSignature)
        );
    }

    #[test]
    fn a_secret_without_its_padding_verifies() {
        // The secret's base64 ends in a partial group: the reference libraries accept it bare.
        let padded = Signer::new("whsec_dGVzdA==")
            .unwrap()
            .sign(ID_JS, NOW_JS, BODY_JS);
        for key in ["whsec_dGVzdA", "dGVzdA", "whsec_dGVzdA="] {
            assert_eq!(
                verify(key, BODY_JS, headers(ID_JS, TS_JS, &padded), NOW_JS),
                Ok(()),
                "{key}"
            );
        }
        let unpadded_signature = SIG_JS.trim_end_matches('=');
        assert_eq!(
            verify(
                SECRET_JS,
                BODY_JS,
                headers(ID_JS, TS_JS, unpadded_signature),
                NOW_JS
            ),
            Ok(())
        );
    }

    #[test]
    fn tampering_with_anything_fails() {
        let bad = Err(WebhookError::InvalidSignature);
        assert_eq!(
            verify(
                SECRET_JS,
                br#"{"test": 2432232315}"#,
                headers(ID_JS, TS_JS, SIG_JS),
                NOW_JS
            ),
            bad
        );
        assert_eq!(
            verify(
                SECRET_JS,
                br#"{"test":2432232314}"#,
                headers(ID_JS, TS_JS, SIG_JS),
                NOW_JS
            ),
            bad,
            "re-serialized JSON"
        );
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers("msg_other", TS_JS, SIG_JS), NOW_JS),
            bad
        );
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, "1614265331", SIG_JS), NOW_JS),
            bad
        );
        assert_eq!(
            verify(SECRET_RS, BODY_JS, headers(ID_JS, TS_JS, SIG_JS), NOW_JS),
            bad,
            "other secret"
        );
        for sig in [
            " ",
            "v1,",
            "v1,!!!",
            "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "v1 g0hM9SsE",
            "V1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=,extra",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE",
        ] {
            let want = if sig == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE" {
                Ok(())
            } else {
                bad
            };
            assert_eq!(
                verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, sig), NOW_JS),
                want,
                "{sig:?}"
            );
        }
    }

    #[test]
    fn a_signature_with_a_trailing_field_is_refused() {
        // The reference standardwebhooks library splits on "," and takes the second field, so
        // it accepts `v1,<mac>,extra`; the spec's entry is exactly `v1,<base64>`.
        let extra = format!("{SIG_JS},extra");
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, &extra), NOW_JS),
            Err(WebhookError::InvalidSignature)
        );
    }

    #[test]
    fn any_entry_in_a_list_passes_and_other_versions_are_skipped() {
        let list = format!("v1a,{0} v2,{0}  v1,bm90IGl0 {SIG_JS}", &SIG_JS[3..]);
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, &list), NOW_JS),
            Ok(())
        );
        let only_others = format!("v1a,{0} v2,{0}", &SIG_JS[3..]);
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, &only_others), NOW_JS),
            Err(WebhookError::InvalidSignature)
        );
    }

    #[test]
    fn key_rotation_any_key_may_match() {
        let verifier = Verifier::with_keys([SECRET_RS, SECRET_JS]).unwrap();
        assert_eq!(
            verifier.verify(BODY_JS, &headers(ID_JS, TS_JS, SIG_JS), NOW_JS),
            Ok(())
        );
        assert_eq!(
            verifier.verify(BODY_RS, &headers(ID_RS, TS_RS, SIG_RS), 1649367553),
            Ok(())
        );
        let owned: Vec<String> = vec![SECRET_RS.into()];
        let old_only = Verifier::with_keys(&owned).unwrap();
        assert_eq!(
            old_only.verify(BODY_JS, &headers(ID_JS, TS_JS, SIG_JS), NOW_JS),
            Err(WebhookError::InvalidSignature)
        );
        assert_eq!(
            Verifier::with_keys(Vec::<&str>::new()).unwrap_err(),
            WebhookError::InvalidSecret
        );
        assert_eq!(
            Verifier::with_keys([SECRET_JS, "whsec_"]).unwrap_err(),
            WebhookError::InvalidSecret,
            "one bad key spoils the list"
        );
    }

    #[test]
    fn empty_keys_are_errors_never_keys_that_sign_everything() {
        for key in ["", "whsec_", "whpk_", "whsk_", "whsec_not base64!"] {
            assert_eq!(
                Verifier::new(key).unwrap_err(),
                WebhookError::InvalidSecret,
                "{key:?}"
            );
            assert_eq!(
                Signer::new(key).unwrap_err(),
                WebhookError::InvalidSecret,
                "{key:?}"
            );
        }
        let verifier = Verifier::new(SECRET_JS).unwrap();
        // What a log line shows: how many keys of each kind, never a key.
        assert_eq!(
            format!("{verifier:?}"),
            "Verifier { whsec_keys: 1, whpk_keys: 0, tolerance: 300, max_body_bytes: 1048576 }"
        );
        assert!(!format!("{:?}", Signer::new(SECRET_JS).unwrap()).contains("MfKQ"));
        assert!(!format!("{:?}", Signer::new(ED_SECRET).unwrap()).contains("AAEC"));
    }

    #[test]
    fn a_rotations_empty_entry_is_skipped_but_no_key_left_is_an_error() {
        let signature = Signer::new(SECRET_JS)
            .unwrap()
            .sign("msg_1", 1_700_000_000, b"{}");
        let headers = WebhookHeaders {
            id: "msg_1",
            timestamp: "1700000000",
            signature: &signature,
        };
        for keys in [["", SECRET_JS], [SECRET_JS, " \n"]] {
            let verifier = Verifier::with_keys(keys).unwrap();
            assert!(
                verifier.verify(b"{}", &headers, 1_700_000_000).is_ok(),
                "{keys:?}"
            );
        }
        for keys in [&[][..], &[""], &["", " "]] {
            assert_eq!(
                Verifier::with_keys(keys).unwrap_err(),
                WebhookError::InvalidSecret,
                "{keys:?}"
            );
        }
        // A bad key beside a good one is still an error: only an empty entry is skipped.
        assert_eq!(
            Verifier::with_keys(["whsec_", SECRET_JS]).unwrap_err(),
            WebhookError::InvalidSecret
        );
    }

    #[test]
    fn tolerance_edges_default_and_custom() {
        let signer = Signer::new(SECRET_JS).unwrap();
        let at = |verifier: &Verifier, ts: i64, now: i64| {
            let ts_text = ts.to_string();
            let sig = signer.sign(ID_JS, ts, BODY_JS);
            verifier.verify(BODY_JS, &headers(ID_JS, &ts_text, &sig), now)
        };
        let t = 1_700_000_000;
        let default = Verifier::new(SECRET_JS).unwrap();
        assert_eq!(default.tolerance(), 300);
        assert_eq!(at(&default, t, t + 300), Ok(()));
        assert_eq!(at(&default, t, t - 300), Ok(()));
        assert_eq!(at(&default, t, t + 301), Err(WebhookError::TimestampTooOld));
        assert_eq!(at(&default, t, t - 301), Err(WebhookError::TimestampTooNew));
        let minute = Verifier::new(SECRET_JS).unwrap().with_tolerance(60);
        assert_eq!(at(&minute, t, t + 60), Ok(()));
        assert_eq!(at(&minute, t, t - 60), Ok(()));
        assert_eq!(at(&minute, t, t + 61), Err(WebhookError::TimestampTooOld));
        assert_eq!(at(&minute, t, t - 61), Err(WebhookError::TimestampTooNew));
        let exact = Verifier::new(SECRET_JS).unwrap().with_tolerance(0);
        assert_eq!(at(&exact, t, t), Ok(()));
        assert_eq!(at(&exact, t, t + 1), Err(WebhookError::TimestampTooOld));
        let widest = Verifier::new(SECRET_JS).unwrap().with_tolerance(u32::MAX);
        assert_eq!(at(&widest, t, t + i64::from(u32::MAX)), Ok(()));
    }

    #[test]
    fn a_body_over_the_limit_is_refused_before_anything_else() {
        let signer = Signer::new(SECRET_JS).unwrap();
        let t = 1_700_000_000;
        let check = |verifier: &Verifier, body: &[u8]| {
            let sig = signer.sign(ID_JS, t, body);
            verifier.verify(body, &headers(ID_JS, &t.to_string(), &sig), t)
        };
        let default = Verifier::new(SECRET_JS).unwrap();
        assert_eq!(default.max_body_bytes(), 1 << 20);
        let mebibyte = vec![b' '; 1 << 20];
        assert_eq!(check(&default, &mebibyte), Ok(()));
        assert_eq!(
            check(&default, &[&mebibyte[..], b" "].concat()),
            Err(WebhookError::PayloadTooLarge)
        );
        // Unsigned, with headers that would each be refused: the size is what is reported.
        let over = vec![0; (1 << 20) + 1];
        assert_eq!(
            default.verify(&over, &headers("", "x", ""), t),
            Err(WebhookError::PayloadTooLarge)
        );
        let small = Verifier::new(SECRET_JS).unwrap().with_max_body_bytes(2);
        assert_eq!(check(&small, b"{}"), Ok(()));
        assert_eq!(check(&small, b"{ }"), Err(WebhookError::PayloadTooLarge));
    }

    #[test]
    fn extreme_and_malformed_timestamps_are_errors_not_panics() {
        use WebhookError::*;
        let cases: [(&str, i64, WebhookError); 12] = [
            ("-9223372036854775808", 1_700_000_000, InvalidTimestamp),
            ("-9223372036854775808", -1, InvalidTimestamp),
            ("9223372036854775807", -1_700_000_000, InvalidTimestamp),
            ("9223372036854775807", 1_700_000_000, TimestampTooNew),
            ("9223372036854775808", 0, InvalidTimestamp),
            ("99999999999999999999999", 0, InvalidTimestamp),
            ("+1700000000", 1_700_000_000, InvalidTimestamp),
            ("-1700000000", -1_700_000_000, InvalidTimestamp),
            ("1700000000.5", 1_700_000_000, InvalidTimestamp),
            (" 1700000000", 1_700_000_000, InvalidTimestamp),
            ("1614265330abc", 1_614_265_330, InvalidTimestamp),
            ("0", 1_700_000_000, TimestampTooOld),
        ];
        for (ts, now, want) in cases {
            assert_eq!(check_timestamp(ts, now, 300), Err(want), "{ts:?}");
            assert_eq!(
                verify(SECRET_JS, BODY_JS, headers(ID_JS, ts, SIG_JS), now),
                Err(want),
                "{ts:?}"
            );
        }
        // An empty header is missing to `verify` (`empty_headers_are_missing_as_when_looked_up`).
        assert_eq!(check_timestamp("", 0, 300), Err(InvalidTimestamp));
        assert_eq!(check_timestamp("0005", 5, 0), Ok(5));
        assert_eq!(
            check_timestamp("1700000000", i64::MIN, 300),
            Err(InvalidTimestamp)
        );
        assert_eq!(
            check_timestamp("0", SECONDS_BELOW - 1, u32::MAX),
            Err(TimestampTooOld)
        );
        // A clock in milliseconds (`as_millis()`, `Date.now()`) is the caller's mistake.
        let millis = NOW_JS * 1000;
        assert_eq!(check_timestamp(TS_JS, millis, 300), Err(InvalidTimestamp));
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, SIG_JS), millis),
            Err(InvalidTimestamp)
        );
        assert_eq!(
            check_timestamp("99999999999", SECONDS_BELOW - 1, 0),
            Ok(SECONDS_BELOW - 1)
        );
        assert_eq!(
            check_timestamp("100000000000", SECONDS_BELOW, 0),
            Err(InvalidTimestamp)
        );
        assert_eq!(check_timestamp("0", -SECONDS_BELOW, 0), Err(InvalidTimestamp));
        assert_eq!(
            check_timestamp("0", 1 - SECONDS_BELOW, u32::MAX),
            Err(TimestampTooNew)
        );
    }

    #[test]
    fn a_timestamp_with_a_suffix_is_refused_even_when_signed() {
        // The reference libraries read `1614265330abc` with parseInt and accept it when the
        // signature covers the number they read; the spec's timestamp is an integer, so it is
        // refused here whichever text the signature covers.
        let Ok(VerifyKey::Hmac(key)) = keys::verify_key(SECRET_JS) else {
            panic!("a whsec_ secret");
        };
        for signed in ["1614265330", "1614265330abc"] {
            let tag = hmac_tag(&key, &headers(ID_JS, signed, ""), BODY_JS);
            let signature = format!("v1,{}", BASE64.encode(tag));
            assert_eq!(
                verify(
                    SECRET_JS,
                    BODY_JS,
                    headers(ID_JS, "1614265330abc", &signature),
                    NOW_JS
                ),
                Err(WebhookError::InvalidTimestamp),
                "{signed}"
            );
        }
    }

    #[test]
    fn empty_headers_are_missing_as_when_looked_up() {
        let cases = [
            (headers("", TS_JS, SIG_JS), Header::Id),
            (headers(ID_JS, "", SIG_JS), Header::Timestamp),
            (headers(ID_JS, TS_JS, ""), Header::Signature),
        ];
        for (h, which) in cases {
            let expected = Err(WebhookError::MissingHeader(which));
            assert_eq!(verify(SECRET_JS, BODY_JS, h, NOW_JS), expected, "{h:?}");
            let pairs = [
                ("svix-id", h.id),
                ("svix-timestamp", h.timestamp),
                ("svix-signature", h.signature),
            ];
            assert_eq!(WebhookHeaders::from_pairs(pairs).map(|_| ()), expected, "{h:?}");
        }
    }

    #[test]
    fn control_character_headers_are_invalid_headers() {
        let cases = [
            (headers("msg_1\n", TS_JS, SIG_JS), Header::Id),
            (headers("msg\u{0}1", TS_JS, SIG_JS), Header::Id),
            (headers(ID_JS, TS_JS, "v1,abc\r\n"), Header::Signature),
        ];
        for (h, which) in cases {
            assert_eq!(
                verify(SECRET_JS, BODY_JS, h, NOW_JS),
                Err(WebhookError::InvalidHeader(which)),
                "{h:?}"
            );
        }
    }

    #[test]
    fn v1a_signed_and_verified_round_trip() {
        let signer = Signer::new(ED_SECRET).unwrap();
        let public = signer.public_key().unwrap();
        assert_eq!(public, ED_PUBLIC);
        let sig = signer.sign(ID_JS, NOW_JS, BODY_JS);
        assert_eq!(sig, ED_SIG_JS);
        assert_eq!(
            verify(&public, BODY_JS, headers(ID_JS, TS_JS, &sig), NOW_JS),
            Ok(())
        );
        // ed25519 is deterministic: the same key and content give the same signature.
        assert_eq!(signer.sign(ID_JS, NOW_JS, BODY_JS), sig);
        // Unpadded, in a list with a v1 entry the key cannot check.
        let list = format!("{SIG_JS} {}", sig.trim_end_matches('='));
        assert_eq!(
            verify(&public, BODY_JS, headers(ID_JS, TS_JS, &list), NOW_JS),
            Ok(())
        );
        // Both kinds of key at once: either kind of entry passes.
        let both = Verifier::with_keys([SECRET_JS, &public]).unwrap();
        assert_eq!(both.verify(BODY_JS, &headers(ID_JS, TS_JS, &sig), NOW_JS), Ok(()));
        assert_eq!(
            both.verify(BODY_JS, &headers(ID_JS, TS_JS, SIG_JS), NOW_JS),
            Ok(())
        );
    }

    #[test]
    fn a_tampered_v1a_fails() {
        let signer = Signer::new(ED_SECRET).unwrap();
        let public = signer.public_key().unwrap();
        let sig = signer.sign(ID_JS, NOW_JS, BODY_JS);
        let bad = Err(WebhookError::InvalidSignature);
        assert_eq!(
            verify(
                &public,
                br#"{"test": 2432232315}"#,
                headers(ID_JS, TS_JS, &sig),
                NOW_JS
            ),
            bad
        );
        assert_eq!(
            verify(&public, BODY_JS, headers("msg_other", TS_JS, &sig), NOW_JS),
            bad
        );
        let mut bytes = BASE64.decode(&sig[4..]).unwrap();
        for i in [0, 31, 32, 63] {
            bytes[i] ^= 0x01;
            let flipped = format!("v1a,{}", BASE64.encode(&bytes));
            bytes[i] ^= 0x01;
            assert_eq!(
                verify(&public, BODY_JS, headers(ID_JS, TS_JS, &flipped), NOW_JS),
                bad,
                "byte {i}"
            );
        }
        // The signature under a v1 label, or checked by another public key, fails too.
        let relabelled = sig.replacen("v1a,", "v1,", 1);
        assert_eq!(
            verify(&public, BODY_JS, headers(ID_JS, TS_JS, &relabelled), NOW_JS),
            bad
        );
        let other = Signer::new("whsk_AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
            .unwrap()
            .public_key()
            .unwrap();
        assert_eq!(verify(&other, BODY_JS, headers(ID_JS, TS_JS, &sig), NOW_JS), bad);
        // An HMAC secret never checks a v1a entry.
        assert_eq!(
            verify(SECRET_JS, BODY_JS, headers(ID_JS, TS_JS, &sig), NOW_JS),
            bad
        );
    }

    #[test]
    fn a_delivery_has_at_most_eight_v1a_signatures_checked() {
        let signer = Signer::new(ED_SECRET).unwrap();
        let public = signer.public_key().unwrap();
        let sig = signer.sign(ID_JS, NOW_JS, BODY_JS);
        let decoy = format!("v1a,{}", BASE64.encode([7u8; 64]));
        let after = |decoys: usize| {
            let mut list = vec![decoy.as_str(); decoys];
            list.push(&sig);
            list.join(" ")
        };
        assert_eq!(
            verify(
                &public,
                BODY_JS,
                headers(ID_JS, TS_JS, &after(MAX_ED25519_SIGNATURES - 1)),
                NOW_JS
            ),
            Ok(())
        );
        assert_eq!(
            verify(
                &public,
                BODY_JS,
                headers(ID_JS, TS_JS, &after(MAX_ED25519_SIGNATURES)),
                NOW_JS
            ),
            Err(WebhookError::InvalidSignature)
        );
        // HMAC entries are cheap and always checked.
        let both = Verifier::with_keys([SECRET_JS, &public]).unwrap();
        let hmac_last = format!("{} {SIG_JS}", after(100));
        assert_eq!(
            both.verify(BODY_JS, &headers(ID_JS, TS_JS, &hmac_last), NOW_JS),
            Ok(())
        );
    }
}
