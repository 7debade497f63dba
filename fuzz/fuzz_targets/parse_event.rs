//! Any bytes: parsing a webhook event, a migration or a file list never panics, and whatever
//! parses serializes back.
#![no_main]
use anon_modal::models::{FileList, Migration, Timestamp, WebhookEvent};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = serde_json::from_slice::<WebhookEvent>(data) {
        serde_json::to_vec(&event).expect("a parsed event serializes");
    }
    let _ = serde_json::from_slice::<Migration>(data);
    let _ = serde_json::from_slice::<FileList>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(ts) = Timestamp::parse(text) {
            assert_eq!(ts.as_str(), text);
        }
    }
});
