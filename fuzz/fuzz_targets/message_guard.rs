//! Any message: the guard returns a copy or a reason, never panics, accepts exactly the messages
//! from our frame and origin, tagged, whose event has a string `type` and an `internal` that is
//! a boolean, `null` or absent (whatever their size), and what it accepts keeps its promises: no reserved key at
//! any level, no level deeper than allowed, no more fields than allowed, no string longer than
//! allowed, the `type` as sent, typed fields that are strings or `null`, and a `data` that is a
//! plain object whose context fields are too.
#![no_main]
use anon_modal::event::{
    DATA_STRING_FIELDS, MAX_DEPTH, MAX_FIELDS, MAX_STRING_LEN, MAX_TYPE_LEN, RESERVED_KEYS, STRING_FIELDS,
};
use anon_modal::guard::{Message, MessageGuard, Value};
use anon_modal::origin::{AllowList, Origin};
use libfuzzer_sys::fuzz_target;

const ANON: &str = "https://dashboard.anon.com";
const KEYS: [&str; 21] = [
    "source",
    "event",
    "type",
    "internal",
    "data",
    "id",
    "object",
    "created",
    "message",
    "reason",
    "user_id",
    "modal_step",
    "error_message",
    "migration_id",
    "code",
    "__proto__",
    "constructor",
    "prototype",
    "nested",
    "x",
    "",
];
const TEXTS: [&str; 6] = [
    "anon_modal",
    "migration_modal.completed",
    "migration_modal.show",
    "constructor",
    "",
    "<b>x</b>",
];

/// Reads a value from the fuzzer's bytes: a small grammar that reaches every branch of the
/// guard (known keys and texts, long strings, deep and wide objects).
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        *first
    }

    fn text(&mut self) -> String {
        match self.byte() % 4 {
            0 => TEXTS[usize::from(self.byte()) % TEXTS.len()].to_owned(),
            1 => "y".repeat(usize::from(self.byte()) * 80),
            2 => char::from_u32(0x1F600 + u32::from(self.byte()))
                .unwrap_or('?')
                .to_string(),
            _ => {
                let len = usize::from(self.byte() % 16).min(self.0.len());
                let (text, rest) = self.0.split_at(len);
                self.0 = rest;
                String::from_utf8_lossy(text).into_owned()
            }
        }
    }

    fn value(&mut self, depth: u32) -> Value {
        match self.byte() % 10 {
            0 => Value::Undefined,
            1 => Value::Null,
            2 => Value::Bool(self.byte().is_multiple_of(2)),
            3 => Value::Number(f64::from(self.byte())),
            4 | 5 => Value::Text(self.text()),
            6 => Value::Other,
            _ if depth > 40 => Value::Null,
            7 => {
                let count = usize::from(self.byte() % 12) * usize::from(1 + self.byte() % 16);
                Value::List((0..count).map(|_| self.value(depth + 1)).collect())
            }
            _ => {
                let count = usize::from(self.byte() % 12);
                let fields = (0..count)
                    .map(|_| {
                        let key = if self.byte().is_multiple_of(3) {
                            self.text()
                        } else {
                            KEYS[usize::from(self.byte()) % KEYS.len()].to_owned()
                        };
                        (key, self.value(depth + 1))
                    })
                    .collect();
                Value::Object(fields)
            }
        }
    }
}

/// Checks the copy's promises; returns how many fields and array items it holds.
fn check_copy(value: &Value, levels_left: i32) -> u32 {
    match value {
        Value::Object(fields) => {
            assert!(levels_left >= 0, "a level deeper than allowed");
            let mut count = fields.len() as u32;
            for (key, field) in fields {
                assert!(
                    !RESERVED_KEYS.contains(&key.as_str()),
                    "reserved key {key:?} copied"
                );
                assert!(!matches!(field, Value::Undefined), "undefined copied");
                count += check_item(field, levels_left);
            }
            count
        }
        Value::List(items) => {
            assert!(levels_left >= 0, "a level deeper than allowed");
            // Every item, a hole (Undefined, an item left out) too, is an index read that paid.
            let mut count = items.len() as u32;
            for item in items {
                count += check_item(item, levels_left);
            }
            count
        }
        _ => 0,
    }
}

/// Checks one copied value; returns how many fields and items it holds below it.
fn check_item(value: &Value, levels_left: i32) -> u32 {
    match value {
        Value::Text(text) => assert!(text.encode_utf16().count() as u32 <= MAX_STRING_LEN),
        Value::Other => panic!("{value:?} copied"),
        _ => {}
    }
    check_copy(value, levels_left - 1)
}

fuzz_target!(|data: &[u8]| {
    let mut reader = Reader(data);
    let from_our_frame = reader.byte() % 8 != 0;
    let origin = if reader.byte() % 8 == 0 {
        "null".to_owned()
    } else {
        ANON.to_owned()
    };
    let message = Message {
        from_our_frame,
        origin,
        data: reader.value(0),
    };
    let guard: MessageGuard<Value> =
        MessageGuard::new(&AllowList::new([Origin::from_parsed(ANON, Some(ANON)).unwrap()]));
    let event = message.data.field("event");
    let deliverable = message.from_our_frame
        && message.origin == ANON
        && matches!(message.data, Value::Object(_))
        && message.data.field("source") == &Value::text("anon_modal")
        && matches!(event, Value::Object(_))
        && matches!(event.field("type"), Value::Text(t) if !t.is_empty() && t.encode_utf16().count() <= MAX_TYPE_LEN as usize)
        && matches!(
            event.field("internal"),
            Value::Undefined | Value::Null | Value::Bool(_)
        );
    let result = guard.check(&message);
    assert_eq!(result.is_ok(), deliverable, "{result:?}");
    if let Ok(valid) = result {
        assert_eq!(valid.event.field("type"), event.field("type"));
        assert_eq!(valid.internal, event.field("internal") == &Value::Bool(true));
        assert!(check_copy(&valid.event, i32::from(MAX_DEPTH)) <= MAX_FIELDS);
        let data = valid.event.field("data");
        assert!(
            matches!(data, Value::Object(_) | Value::Undefined),
            "data: {data:?}"
        );
        let typed = STRING_FIELDS.map(|name| (name, valid.event.field(name)));
        for (name, field) in typed
            .into_iter()
            .chain(DATA_STRING_FIELDS.map(|name| (name, data.field(name))))
        {
            assert!(
                matches!(field, Value::Text(_) | Value::Null | Value::Undefined),
                "{name}: {field:?}"
            );
        }
    }
});
