//! Any keys, headers, body, clock and tolerance: verification returns Ok or a typed error and
//! never panics; a body signed with a key verifies with that key (or its public key).
#![no_main]
use anon_modal::clock::SECONDS_BELOW;
use anon_modal::webhooks::{check_timestamp, Signer, Verifier, WebhookError, WebhookHeaders};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<&str>, [&str; 3], &[u8], i64, u32)| {
    let (keys, [id, timestamp, signature], body, now, tolerance) = input;
    let _ = check_timestamp(timestamp, now, tolerance);
    let pairs = [
        ("Svix-Id", id),
        ("webhook-timestamp", timestamp),
        ("SVIX-SIGNATURE", signature),
    ];
    match WebhookHeaders::from_pairs(pairs) {
        Ok(headers) => {
            if let Ok(verifier) = Verifier::with_keys(&keys) {
                let verifier = verifier.with_tolerance(tolerance);
                let _ = verifier.verify(body, &headers, now);
                let _ = verifier.verify_event(body, &headers, now);
            }
        }
        // All three are present: only an empty one counts as missing.
        Err(error) => assert!(
            matches!(error, WebhookError::MissingHeader(_)) && [id, timestamp, signature].contains(&""),
            "{error:?}"
        ),
    }
    // A valid id and a sending time of zero or more, in seconds (below the clock that is one in
    // milliseconds): the signature must verify at that time.
    let valid_id = !id.is_empty() && !id.chars().any(char::is_control);
    let sent_at = now.clamp(0, SECONDS_BELOW - 1);
    for key in keys.iter().take(2) {
        let Ok(signer) = Signer::new(key) else {
            continue;
        };
        let signed = signer.sign(id, sent_at, body);
        let verify_key = signer.public_key().unwrap_or_else(|| (*key).to_owned());
        let verifier = Verifier::new(&verify_key).expect("a signing key's verifying key is valid");
        let sent_at_text = sent_at.to_string();
        let good = WebhookHeaders {
            id,
            timestamp: &sent_at_text,
            signature: &signed,
        };
        let result = verifier.verify(body, &good, sent_at);
        assert_eq!(result.is_ok(), valid_id, "{result:?}");
        // And alongside whatever else the signature header held.
        if valid_id && !signature.chars().any(char::is_control) {
            let list = format!("{signature} {signed}");
            let mixed = WebhookHeaders {
                signature: &list,
                ..good
            };
            assert!(verifier.verify(body, &mixed, sent_at).is_ok());
        }
    }
});
