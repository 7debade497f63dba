//! Any bytes: parsing an event (with `WebhookEvent::from_json` too), a migration or a file list
//! never panics, and whatever parses serializes back with the same fields and values (nothing a
//! sender sent is dropped).
#![no_main]
use anon_modal::models::{FileList, Migration, Timestamp, WebhookEvent};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn same_back<T: serde::de::DeserializeOwned + serde::Serialize>(data: &[u8]) {
    if let Ok(parsed) = serde_json::from_slice::<T>(data) {
        let back = serde_json::to_value(&parsed).expect("a parsed object serializes");
        let sent: Value = serde_json::from_slice(data).expect("what parses typed parses as JSON");
        assert_eq!(back, sent);
    }
}

fuzz_target!(|data: &[u8]| {
    same_back::<WebhookEvent>(data);
    // `from_json` reads what serde_json reads (past a byte order mark), and says why not.
    let read = WebhookEvent::from_json(data);
    if !data.starts_with(b"\xEF\xBB\xBF") {
        assert_eq!(
            read.as_ref().ok(),
            serde_json::from_slice::<WebhookEvent>(data).ok().as_ref()
        );
    }
    if let Err(why) = read {
        assert!(!why.to_string().is_empty());
    }
    same_back::<Migration>(data);
    let _ = serde_json::from_slice::<FileList>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(ts) = Timestamp::parse(text) {
            assert_eq!(ts.as_str(), text);
        }
    }
});
