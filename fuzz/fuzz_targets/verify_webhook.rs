//! Any headers, body, secret and clock: verification returns Ok or a typed error, never panics,
//! and accepts only a body signed with the secret.
#![no_main]
use anon_modal::webhooks::{check_timestamp, Webhook, WebhookHeaders};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, &str, &str, &[u8], i64)| {
    let (secret, id, timestamp, signature, body, now) = input;
    let _ = check_timestamp(timestamp, now);
    if let Ok(hook) = Webhook::new(secret) {
        let headers = WebhookHeaders {
            id,
            timestamp,
            signature,
        };
        let _ = hook.verify(body, &headers, now);
        let _ = hook.verify_event(body, &headers, now);
        // A delivery signed with this secret verifies at its own time.
        if let Ok(ts) = timestamp.parse::<i64>() {
            let signed = hook.sign(id, ts, body);
            let ts_text = ts.to_string();
            let good = WebhookHeaders {
                id,
                timestamp: &ts_text,
                signature: &signed,
            };
            assert!(hook.verify(body, &good, ts).is_ok());
        }
    }
});
