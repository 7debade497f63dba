//! Signing deliveries, for tests and mock senders.

use super::keys::{self, SignKey, BASE64};
use super::WebhookError;
use base64::Engine;
use ed25519_dalek::Signer as _;
use hmac::Mac;

/// A key that signs deliveries: a `whsec_` secret gives `v1,<base64>` (HMAC-SHA256), a `whsk_`
/// ed25519 secret key gives `v1a,<base64>`.
///
/// # Examples
/// ```
/// use anon_modal::webhooks::Signer;
/// let signer = Signer::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// assert_eq!(
///     signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, br#"{"test": 2432232314}"#),
///     "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
/// );
/// assert_eq!(signer.public_key(), None);
/// # Ok::<(), anon_modal::webhooks::WebhookError>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    key: SignKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.key {
            SignKey::Hmac(_) => "Signer { key: whsec_<redacted> }",
            SignKey::Ed25519(_) => "Signer { key: whsk_<redacted> }",
        };
        f.write_str(kind)
    }
}

impl Signer {
    /// Reads a key: `whsec_<base64>` (the prefix and the `=` padding optional) or
    /// `whsk_<base64>` of an ed25519 secret key (the 32-byte seed, or the seed followed by its
    /// public key). Spaces and line breaks around it are ignored.
    ///
    /// # Errors
    /// [`WebhookError::InvalidSecret`] when the key is empty, not base64, of the wrong length,
    /// or a `whpk_` public key (which cannot sign).
    pub fn new(key: &str) -> Result<Self, WebhookError> {
        keys::sign_key(key).map(|key| Signer { key })
    }

    /// The signature header's entry for a delivery: `v1,<base64>` or `v1a,<base64>` over
    /// `{id}.{timestamp}.{payload}`. `timestamp` is in seconds since the epoch, as the
    /// `webhook-timestamp` header carries it: one in milliseconds signs a delivery that every
    /// verifier refuses as from the future. A verifier accepts only timestamps of zero or more.
    pub fn sign(&self, id: &str, timestamp: i64, payload: &[u8]) -> String {
        let timestamp = timestamp.to_string();
        match &self.key {
            SignKey::Hmac(key) => {
                let mut mac = key.clone();
                for part in [id.as_bytes(), b".", timestamp.as_bytes(), b".", payload] {
                    mac.update(part);
                }
                let mut out = String::from("v1,");
                BASE64.encode_string(mac.finalize().into_bytes(), &mut out);
                out
            }
            SignKey::Ed25519(key) => {
                let message = [id.as_bytes(), b".", timestamp.as_bytes(), b".", payload].concat();
                let mut out = String::from("v1a,");
                BASE64.encode_string(key.sign(&message).to_bytes(), &mut out);
                out
            }
        }
    }

    /// For an ed25519 signer, the public key that verifies its signatures (`whpk_<base64>`);
    /// `None` for an HMAC secret, which verifies itself.
    pub fn public_key(&self) -> Option<String> {
        match &self.key {
            SignKey::Hmac(_) => None,
            SignKey::Ed25519(key) => Some(keys::encode_public_key(&key.verifying_key())),
        }
    }
}
