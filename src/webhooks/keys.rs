//! Reading keys: `whsec_` secrets (HMAC-SHA256), `whpk_` ed25519 public keys and `whsk_`
//! ed25519 secret keys, each a prefix and base64 with or without its `=` padding.
//!
//! ed25519 is built without curve25519-dalek's precomputed tables (its `fast` feature): in
//! the server wasm they grow the gzipped module by almost half and speed up signing (for tests
//! and mocks) but not verification.

use super::WebhookError;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Padding written when encoding, optional when decoding (both reference libraries accept a
/// secret whose padding was stripped).
const PADDING_OPTIONAL: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);

/// Standard base64, [`PADDING_OPTIONAL`].
pub(super) const BASE64: GeneralPurpose = GeneralPurpose::new(&STANDARD, PADDING_OPTIONAL);

/// [`BASE64`] for reading `whsec_` secrets, also taking bits past the last byte that are not
/// zero: both reference libraries ignore them, so a hand-made secret they take is taken here too.
/// Signatures and ed25519 keys stay strict: no reference reads those more loosely.
const SECRET_BASE64: GeneralPurpose =
    GeneralPurpose::new(&STANDARD, PADDING_OPTIONAL.with_decode_allow_trailing_bits(true));

pub(super) const SECRET_PREFIX: &str = "whsec_";
pub(super) const PUBLIC_PREFIX: &str = "whpk_";
pub(super) const SIGNING_PREFIX: &str = "whsk_";

/// An HMAC-SHA256 state already keyed: cloning it skips hashing the key for every delivery.
pub(super) type HmacKey = Hmac<Sha256>;

/// A key that verifies.
#[derive(Clone)]
pub(super) enum VerifyKey {
    /// `whsec_`: checks `v1` entries.
    Hmac(HmacKey),
    /// `whpk_`: checks `v1a` entries.
    Ed25519(VerifyingKey),
}

/// A key that signs.
#[derive(Clone)]
pub(super) enum SignKey {
    /// `whsec_`: writes `v1` entries.
    Hmac(HmacKey),
    /// `whsk_`: writes `v1a` entries.
    Ed25519(SigningKey),
}

fn decode(engine: &GeneralPurpose, encoded: &str) -> Result<Vec<u8>, WebhookError> {
    engine.decode(encoded).map_err(|_| WebhookError::InvalidSecret)
}

/// A secret with or without `whsec_`; never empty, so `whsec_` alone signs nothing. Nor zero
/// bytes alone (`whsec_AA`): HMAC pads a key to its 64-byte block with zeros, so up to that they
/// sign as the empty key does, and longer they are a placeholder anyone can guess.
fn hmac_key(encoded: &str) -> Result<HmacKey, WebhookError> {
    let bytes = decode(&SECRET_BASE64, encoded)?;
    // True of no bytes too: this is the one check that `whsec_` alone is refused.
    if bytes.iter().all(|&byte| byte == 0) {
        return Err(WebhookError::InvalidSecret);
    }
    HmacKey::new_from_slice(&bytes).map_err(|_| WebhookError::InvalidSecret)
}

/// A public key: 32 bytes, a valid curve point, and not of small order (such a key would
/// accept forged signatures).
fn public_key(encoded: &str) -> Result<VerifyingKey, WebhookError> {
    let bytes: [u8; 32] = decode(&BASE64, encoded)?
        .try_into()
        .map_err(|_| WebhookError::InvalidSecret)?;
    match VerifyingKey::from_bytes(&bytes) {
        Ok(key) if !key.is_weak() => Ok(key),
        _ => Err(WebhookError::InvalidSecret),
    }
}

/// A secret key: the 32-byte seed, or the seed followed by its own public key.
fn signing_key(encoded: &str) -> Result<SigningKey, WebhookError> {
    let bytes = decode(&BASE64, encoded)?;
    if let Ok(seed) = <[u8; 32]>::try_from(bytes.as_slice()) {
        return Ok(SigningKey::from_bytes(&seed));
    }
    let pair: [u8; 64] = bytes.try_into().map_err(|_| WebhookError::InvalidSecret)?;
    SigningKey::from_keypair_bytes(&pair).map_err(|_| WebhookError::InvalidSecret)
}

/// Reads a key for verifying: `whsec_…` (or bare base64) or `whpk_…`. Spaces and line
/// breaks around it are not part of it: a secret read from a file often ends in a newline.
pub(super) fn verify_key(text: &str) -> Result<VerifyKey, WebhookError> {
    let text = text.trim_ascii();
    if let Some(encoded) = text.strip_prefix(PUBLIC_PREFIX) {
        public_key(encoded).map(VerifyKey::Ed25519)
    } else if text.starts_with(SIGNING_PREFIX) {
        // A receiver needs only the public key: a secret key here is a key in the wrong place.
        Err(WebhookError::InvalidSecret)
    } else {
        hmac_key(text.strip_prefix(SECRET_PREFIX).unwrap_or(text)).map(VerifyKey::Hmac)
    }
}

/// Reads a key for signing: `whsec_…` (or bare base64) or `whsk_…`, spaces and line breaks
/// around it aside.
pub(super) fn sign_key(text: &str) -> Result<SignKey, WebhookError> {
    let text = text.trim_ascii();
    if let Some(encoded) = text.strip_prefix(SIGNING_PREFIX) {
        signing_key(encoded).map(SignKey::Ed25519)
    } else if text.starts_with(PUBLIC_PREFIX) {
        Err(WebhookError::InvalidSecret)
    } else {
        hmac_key(text.strip_prefix(SECRET_PREFIX).unwrap_or(text)).map(SignKey::Hmac)
    }
}

/// `whpk_` and the base64 of a public key.
pub(super) fn encode_public_key(key: &VerifyingKey) -> String {
    let mut out = String::from(PUBLIC_PREFIX);
    BASE64.encode_string(key.as_bytes(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "whsk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    #[test]
    fn secrets_with_or_without_prefix_and_padding() {
        for text in [
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "whsec_dGVzdA==",
            "whsec_dGVzdA",
            "whsec_dGVzdA=",
        ] {
            assert!(matches!(verify_key(text), Ok(VerifyKey::Hmac(_))), "{text}");
            assert!(matches!(sign_key(text), Ok(SignKey::Hmac(_))), "{text}");
        }
    }

    #[test]
    fn bits_past_a_secrets_last_byte_are_ignored_as_the_references_do() {
        let key = |text: &str| match verify_key(text) {
            Ok(VerifyKey::Hmac(key)) => key.finalize().into_bytes(),
            _ => panic!("{text} is a secret"),
        };
        for text in ["whsec_dGVzdB==", "whsec_dGVzdB", "whsec_dGVzdP==", "whsec_dGVzdA"] {
            assert_eq!(key(text), key("whsec_dGVzdA=="), "{text} is the key `test`");
        }
        // A signature's or an ed25519 key's base64 stays strict.
        assert!(BASE64.decode("dGVzdB==").is_err());
        let public = encode_public_key(&SigningKey::from_bytes(&[7; 32]).verifying_key());
        // 32 bytes' base64 ends in one `=`; the character before it holds two unused bits.
        let alphabet = STANDARD.as_str();
        let last = public.len() - 2;
        let at = alphabet.find(&public[last..=last]).unwrap();
        let loose = format!("{}{}=", &public[..last], &alphabet[at | 1..=at | 1]);
        assert_ne!(loose, public);
        assert!(matches!(verify_key(&public), Ok(VerifyKey::Ed25519(_))));
        assert_eq!(
            verify_key(&loose).err(),
            Some(WebhookError::InvalidSecret),
            "{loose}"
        );
    }

    #[test]
    fn space_around_a_key_is_not_part_of_it() {
        let Ok(VerifyKey::Hmac(plain)) = verify_key("whsec_dGVzdA==") else {
            panic!("a valid secret");
        };
        for text in ["whsec_dGVzdA==\n", "whsec_dGVzdA==\r\n", " \twhsec_dGVzdA== "] {
            let Ok(VerifyKey::Hmac(trimmed)) = verify_key(text) else {
                panic!("{text:?} is the secret with space around it");
            };
            assert_eq!(
                trimmed.finalize().into_bytes(),
                plain.clone().finalize().into_bytes(),
                "{text:?} is the same key"
            );
            assert!(matches!(sign_key(text), Ok(SignKey::Hmac(_))), "{text:?}");
        }
        let Ok(VerifyKey::Ed25519(_)) = verify_key(&format!(
            "{}\n",
            encode_public_key(&SigningKey::from_bytes(&[7; 32]).verifying_key())
        )) else {
            panic!("a public key followed by a newline");
        };
        // Space inside the base64 is still a malformed key.
        for text in ["whsec_dGVz dA==", "whsec_dGVz\ndA==", "whsec_ dGVzdA==", "\n"] {
            assert_eq!(
                verify_key(text).err(),
                Some(WebhookError::InvalidSecret),
                "{text:?}"
            );
        }
    }

    #[test]
    fn empty_or_malformed_keys_are_errors() {
        for text in [
            "",
            "whsec_",
            "whsec_=",
            "whsec_====",
            "whsec_not base64!",
            "whsec_AA",
            "whsec_AB",
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "whpk_",
            "whpk_dGVzdA",
            "whsk_",
            "whsk_dGVzdA",
            "whpk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==",
        ] {
            assert_eq!(
                verify_key(text).err(),
                Some(WebhookError::InvalidSecret),
                "{text:?}"
            );
            assert_eq!(
                sign_key(text).err(),
                Some(WebhookError::InvalidSecret),
                "{text:?}"
            );
        }
    }

    #[test]
    fn ed25519_keys_in_their_place_only() {
        let SignKey::Ed25519(signing) = sign_key(SEED).unwrap() else {
            panic!("whsk_ is an ed25519 key");
        };
        let public = encode_public_key(&signing.verifying_key());
        assert!(matches!(verify_key(&public), Ok(VerifyKey::Ed25519(_))));
        assert_eq!(verify_key(SEED).err(), Some(WebhookError::InvalidSecret));
        assert_eq!(sign_key(&public).err(), Some(WebhookError::InvalidSecret));
        // The 64-byte form: seed then its own public key; any other public half is refused.
        let mut pair = signing.to_keypair_bytes().to_vec();
        let good = format!("{SIGNING_PREFIX}{}", BASE64.encode(&pair));
        assert!(matches!(sign_key(&good), Ok(SignKey::Ed25519(k)) if k == signing));
        pair[40] ^= 1;
        let bad = format!("{SIGNING_PREFIX}{}", BASE64.encode(&pair));
        assert_eq!(sign_key(&bad).err(), Some(WebhookError::InvalidSecret));
    }

    #[test]
    fn small_order_public_keys_are_refused() {
        // The identity point: every signature with R = identity and s = 0 would verify.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let text = format!("{PUBLIC_PREFIX}{}", BASE64.encode(identity));
        assert_eq!(verify_key(&text).err(), Some(WebhookError::InvalidSecret));
    }
}
