//! The message guard on plain Rust values: every payload case of docs/security.md
//! ("Messages") runs here natively, named after its number. The same guard runs in the
//! browser on `JsValue`s (tests/web/ checks the browser's side: source windows, real posts).
//! The envelope, the type and the typed fields (the event's, and its `data`'s) are checked here; what the copy keeps within
//! its caps, in `caps.rs`.

#![cfg(not(target_arch = "wasm32"))]

mod caps;

use anon_modal::event::{MAX_DEPTH, MAX_FIELDS, MAX_KEY_LEN, MAX_STRING_LEN, MAX_TYPE_LEN};
use anon_modal::guard::{Message, MessageGuard, MessageValue, Value};
use anon_modal::origin::{AllowList, Origin};
use anon_modal::{EventKind, RejectReason};

const ANON: &str = "https://dashboard.anon.com";

fn guard() -> MessageGuard<Value> {
    MessageGuard::new(&AllowList::new([Origin::from_parsed(ANON, Some(ANON)).unwrap()]))
}

fn event(fields: Vec<(&str, Value)>) -> Value {
    Value::object(fields)
}

fn envelope(event: Value) -> Value {
    Value::object([("source", Value::text("anon_modal")), ("event", event)])
}

fn message(data: Value) -> Message {
    Message {
        from_our_frame: true,
        origin: ANON.into(),
        data,
    }
}

/// A `completed` as Anon's modal documents its messages (its fields in the copy's order:
/// `type`, the typed ones, `data`).
fn completed() -> Value {
    event(vec![
        ("type", Value::text("migration_modal.completed")),
        ("id", Value::text("evt_1")),
        ("object", Value::text("event")),
        ("created", Value::text("2023-11-09T12:00:00.000Z")),
        (
            "data",
            Value::object([
                ("user_id", Value::text("usr_1")),
                ("migration_id", Value::text("mig_1")),
            ]),
        ),
    ])
}

fn check(data: Value) -> Result<(EventKind, bool, Value), RejectReason> {
    guard()
        .check(&message(data))
        .map(|valid| (valid.kind, valid.internal, valid.event))
}

fn reason(data: Value) -> RejectReason {
    check(data).unwrap_err()
}

#[test]
fn a_well_formed_event_is_accepted_and_copied() {
    let (kind, internal, copy) = check(envelope(completed())).unwrap();
    assert_eq!((kind, internal), (EventKind::Completed, false));
    assert_eq!(copy, completed());
}

#[test]
fn case_01_02_04_07_lookalike_origins_are_dropped() {
    for origin in [
        "https://dashboard.anon.com.evil.com",
        "https://evil-dashboard.anon.com",
        "https://dashboard.anon.co",
        "http://dashboard.anon.com",
        "https://dashboard.anon.com:8443",
        "https://DASHBOARD.anon.com",
        "https://dashboard.anon.com/",
        "https://evil.com",
    ] {
        let mut m = message(envelope(completed()));
        m.origin = origin.into();
        assert_eq!(guard().check(&m).unwrap_err(), RejectReason::Origin, "{origin}");
    }
}

#[test]
fn case_03_the_null_origin_is_always_dropped() {
    let mut m = message(envelope(completed()));
    m.origin = "null".into();
    assert_eq!(guard().check(&m).unwrap_err(), RejectReason::Origin);
}

#[test]
fn case_05_06_another_source_is_dropped_before_anything_is_read() {
    let mut m = message(Value::Other);
    m.from_our_frame = false;
    m.origin = "null".into();
    assert_eq!(guard().check(&m).unwrap_err(), RejectReason::Source);
}

#[test]
fn case_09_data_that_is_not_a_plain_object_is_dropped() {
    for data in [
        Value::text("{\"source\":\"anon_modal\"}"),
        Value::Null,
        Value::Undefined,
        Value::Number(1.0),
        Value::Bool(true),
        Value::Other,
    ] {
        assert_eq!(reason(data.clone()), RejectReason::Tag, "{data:?}");
    }
}

#[test]
fn case_10_another_librarys_message_is_dropped() {
    for data in [
        Value::object([("source", Value::text("react-devtools-content-script"))]),
        Value::object([("source", Value::text("anon_modal "))]),
        Value::object([("type", Value::text("[iFrameSizer]"))]),
        Value::object([]),
    ] {
        assert_eq!(reason(data), RejectReason::Tag);
    }
}

#[test]
fn case_11_unknown_types_pass_as_other() {
    let (kind, _, copy) = check(envelope(event(vec![(
        "type",
        Value::text("migration_modal.progress"),
    )])))
    .unwrap();
    assert_eq!(kind, EventKind::Other);
    assert_eq!(copy.field("type"), &Value::text("migration_modal.progress"));
}

#[test]
fn case_12_hostile_type_names_are_other() {
    for name in [
        "constructor",
        "__proto__",
        "toString",
        "hasOwnProperty",
        "migration_modal.Opened",
    ] {
        let (kind, _, _) = check(envelope(event(vec![("type", Value::text(name))]))).unwrap();
        assert_eq!(kind, EventKind::Other, "{name}");
    }
}

#[test]
fn case_13_reserved_keys_are_never_copied() {
    let polluting = Value::object([("polluted", Value::Bool(true))]);
    let (_, _, copy) = check(envelope(event(vec![
        ("type", Value::text("migration_modal.opened")),
        ("__proto__", polluting.clone()),
        ("constructor", Value::object([("prototype", polluting.clone())])),
        ("prototype", polluting.clone()),
        ("toString", Value::text("not a function")),
        ("hasOwnProperty", Value::Number(1.0)),
        (
            "nested",
            Value::object([
                ("__proto__", polluting),
                ("valueOf", Value::Null),
                ("ok", Value::Number(1.0)),
            ]),
        ),
    ])))
    .unwrap();
    assert_eq!(
        copy,
        event(vec![
            ("type", Value::text("migration_modal.opened")),
            ("nested", Value::object([("ok", Value::Number(1.0))])),
        ])
    );
}

#[test]
fn case_16_wrong_envelope_types_are_dropped_and_mistyped_context_left_out() {
    let typed = |key: &str, value: Value| {
        envelope(event(vec![
            ("type", Value::text("migration_modal.failed")),
            (key, value),
        ]))
    };
    assert_eq!(
        reason(envelope(event(vec![("type", Value::Number(42.0))]))),
        RejectReason::Schema
    );
    assert_eq!(
        reason(envelope(event(vec![("type", Value::text(""))]))),
        RejectReason::Schema
    );
    assert_eq!(reason(envelope(event(vec![]))), RejectReason::Schema);
    assert_eq!(
        reason(envelope(Value::List(vec![]))),
        RejectReason::Schema,
        "event: []"
    );
    assert_eq!(
        reason(envelope(Value::Other)),
        RejectReason::Schema,
        "event: a Blob"
    );
    assert_eq!(
        reason(envelope(Value::text("migration_modal.opened"))),
        RejectReason::Schema
    );
    assert_eq!(
        reason(Value::object([
            ("source", Value::List(vec![Value::text("anon_modal")])),
            ("event", completed())
        ])),
        RejectReason::Tag,
        "source: [\"anon_modal\"]"
    );
    assert_eq!(
        reason(typed("internal", Value::text("true"))),
        RejectReason::Schema
    );
    // A context field of another type is left out of the copy: the event itself still counts
    // (a `failed` whose `code` is 403 fails the modal), and callbacks only get strings there.
    let failed = |fields: Vec<(&str, Value)>| {
        let mut all = vec![("type", Value::text("migration_modal.failed"))];
        all.extend(fields);
        event(all)
    };
    for field in anon_modal::event::STRING_FIELDS {
        for odd in [
            Value::Number(403.0),
            Value::object([]),
            Value::Bool(true),
            Value::List(vec![Value::text("usr_1")]),
            Value::Other,
        ] {
            let copy = check(typed(field, odd.clone())).map(|(_, _, copy)| copy);
            assert_eq!(copy, Ok(failed(vec![])), "{field}: {odd:?}");
        }
        assert_eq!(
            check(typed(field, Value::Null)).map(|(_, _, copy)| copy),
            Ok(failed(vec![(field, Value::Null)])),
            "{field}: null is kept"
        );
    }
    // Within `data`, the context fields alike; a `data` that is no plain object is left out.
    let with_data = |data: Value| check(typed("data", data)).map(|(_, _, copy)| copy);
    for field in anon_modal::event::DATA_STRING_FIELDS {
        for odd in [
            Value::Number(403.0),
            Value::object([]),
            Value::List(vec![]),
            Value::Other,
        ] {
            let data = Value::object([(field, odd.clone()), ("step", Value::Number(2.0))]);
            let kept = Value::object([("step", Value::Number(2.0))]);
            assert_eq!(
                with_data(data),
                Ok(failed(vec![("data", kept)])),
                "data.{field}: {odd:?}"
            );
        }
        assert_eq!(
            with_data(Value::object([(field, Value::Null)])),
            Ok(failed(vec![("data", Value::object([(field, Value::Null)]))])),
            "data.{field}: null is kept"
        );
    }
    for odd in [
        Value::Null,
        Value::text("mig_1"),
        Value::Number(1.0),
        Value::List(vec![Value::text("usr_1")]),
        Value::Other,
    ] {
        assert_eq!(with_data(odd.clone()), Ok(failed(vec![])), "data: {odd:?}");
    }
    // Only these fields are typed: the same names deeper, or the context's beside `data`, are
    // free.
    assert!(check(typed("details", Value::object([("code", Value::Number(7.0))]))).is_ok());
    let nested = Value::object([("details", Value::object([("migration_id", Value::Number(7.0))]))]);
    assert_eq!(with_data(nested.clone()), Ok(failed(vec![("data", nested)])));
    assert_eq!(
        check(typed("migration_id", Value::Number(7.0))).map(|(_, _, copy)| copy),
        Ok(failed(vec![("migration_id", Value::Number(7.0))]))
    );
}

#[test]
fn internal_show_and_hide_are_read_with_their_flag() {
    let (kind, internal, _) = check(envelope(event(vec![
        ("type", Value::text("migration_modal.show")),
        ("internal", Value::Bool(true)),
    ])))
    .unwrap();
    assert_eq!((kind, internal), (EventKind::Show, true));
}

#[test]
fn internal_null_is_a_public_event_and_any_other_non_boolean_is_refused() {
    let opened = |internal: Value| {
        envelope(event(vec![
            ("type", Value::text("migration_modal.opened")),
            ("internal", internal),
        ]))
    };
    let (kind, internal, _) = check(opened(Value::Null)).unwrap();
    assert_eq!((kind, internal), (EventKind::Opened, false));
    for odd in [Value::Number(1.0), Value::text(""), Value::object([])] {
        assert_eq!(reason(opened(odd)), RejectReason::Schema);
    }
}

#[test]
fn own_fields_answers_which_of_the_keys_an_object_has() {
    let keys = <Value as MessageValue>::list(&["data", "code", "reason", "type"]);
    assert_eq!(completed().own_fields(&keys), 0b1001);
    assert_eq!(event(vec![("reason", Value::Null)]).own_fields(&keys), 0b0100);
    assert_eq!(Value::text("user_id").own_fields(&keys), 0);
}
