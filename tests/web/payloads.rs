//! Cases 13-16 of docs/security.md: what a payload may hold, and the bounded copy callbacks get.

use super::*;

/// [`recorded`], plus the last `completed` event a callback got (`JsValue::UNDEFINED` before).
fn recorded_keeping_the_completed_event() -> (Recorder, ModalHandle, std::rc::Rc<std::cell::RefCell<JsValue>>)
{
    let (rec, modal) = recorded();
    let seen = keep_last(&modal, "migration_modal.completed");
    (rec, modal, seen)
}

#[wasm_bindgen_test]
fn case_13_proto_keys_in_the_payload_pollute_nothing() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let event = JSON::parse(
        r#"{"type":"migration_modal.completed","__proto__":{"polluted":"yes"},
            "constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},
            "nested":{"__proto__":{"polluted":"yes"}}}"#,
    )
    .unwrap();
    // And a string under each name this engine's Object.prototype has (`toString`, ...), which
    // would hide its method on the event.
    let prototype_names = Object::get_own_property_names(&Object::get_prototype_of(&Object::new()));
    for name in prototype_names.iter() {
        let name = name.as_string().unwrap();
        assert!(
            anon_modal::event::RESERVED_KEYS.contains(&name.as_str()),
            "Object.prototype.{name} is not a reserved key"
        );
        if name != "__proto__" {
            Reflect::set(&event, &name.into(), &"hostile".into()).unwrap();
        }
    }
    from_modal(&modal, &wrap(event));
    assert_eq!(
        rec.delivered(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    let delivered = seen.borrow().clone();
    assert!(Reflect::get(&delivered, &"polluted".into())
        .unwrap()
        .is_undefined());
    assert!(
        Reflect::get(&Object::new(), &"polluted".into())
            .unwrap()
            .is_undefined(),
        "Object.prototype is clean"
    );
    // No reserved key is copied as an own property: the event's methods are Object's.
    let delivered_object: &Object = delivered.unchecked_ref();
    for key in anon_modal::event::RESERVED_KEYS {
        let own = Reflect::get_own_property_descriptor(delivered_object, &key.into()).unwrap();
        assert!(own.is_undefined(), "{key} copied");
    }
    let to_string: js_sys::Function = Reflect::get(&delivered, &"toString".into())
        .unwrap()
        .unchecked_into();
    assert_eq!(to_string.call0(&delivered).unwrap(), "[object Object]");
    let nested = Reflect::get(&delivered, &"nested".into()).unwrap();
    assert!(Reflect::get(&nested, &"polluted".into()).unwrap().is_undefined());
    assert_eq!(
        Object::get_prototype_of(&delivered),
        Object::get_prototype_of(&Object::new())
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn typed_fields_are_typed_where_anon_puts_them() {
    // The event's typed fields, and the context fields of its `data`, reach callbacks as strings
    // or null: one of another type, or undefined, is left out, and the event still arrives.
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let data =
        JSON::parse(r#"{"user_id": null, "migration_id": 7, "modal_step": {}, "step": {"migration_id": 7}}"#)
            .unwrap();
    from_modal(
        &modal,
        &envelope(
            "migration_modal.completed",
            &[
                ("id", JsValue::NULL),
                ("created", JsValue::UNDEFINED),
                ("code", JsValue::TRUE),
                ("message", Object::new().into()),
                ("migration_id", JsValue::from(7)),
                ("data", data),
            ],
        ),
    );
    assert_eq!(
        rec.delivered(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ],
        "mistyped fields are left out, the event delivered"
    );
    let delivered = seen.borrow().clone();
    assert!(Reflect::get(&delivered, &"id".into()).unwrap().is_null());
    for left_out in ["created", "code", "message"] {
        assert!(
            !Reflect::has(&delivered, &left_out.into()).unwrap(),
            "{left_out} is left out"
        );
    }
    let data = Reflect::get(&delivered, &"data".into()).unwrap();
    assert!(Reflect::get(&data, &"user_id".into()).unwrap().is_null());
    for left_out in ["migration_id", "modal_step"] {
        assert!(
            !Reflect::has(&data, &left_out.into()).unwrap(),
            "data.{left_out} is left out"
        );
    }
    // Beside `data`, or deeper within it, the same names are data like any other.
    assert_eq!(Reflect::get(&delivered, &"migration_id".into()).unwrap(), 7);
    let step = Reflect::get(&data, &"step".into()).unwrap();
    assert_eq!(Reflect::get(&step, &"migration_id".into()).unwrap(), 7);
    modal.destroy();
}

/// The fields the guard counts as present are those `Object.keys` lists: a typed field that is
/// own but not enumerable (no structured clone makes one) is neither copied nor counted, and so
/// never keeps a field beside it from being copied.
#[wasm_bindgen_test]
fn a_hidden_typed_field_is_left_out_and_hides_no_other() {
    let event = page_script(
        "const event = { type: 'migration_modal.completed', note: 'kept', data: {} };
         Object.defineProperty(event, 'code', { value: 'E1', enumerable: false });
         Object.defineProperty(event.data, 'migration_id', { value: 'mig_1', enumerable: false });
         event.data.step = 'kept';
         return event;",
    );
    let (seen, delivered) = delivered_completed(&wrap(event));
    assert_eq!(seen, COMPLETED);
    assert_eq!(Reflect::get(&delivered, &"note".into()).unwrap(), "kept");
    assert!(!Reflect::has(&delivered, &"code".into()).unwrap());
    let data = Reflect::get(&delivered, &"data".into()).unwrap();
    assert_eq!(Reflect::get(&data, &"step".into()).unwrap(), "kept");
    assert!(!Reflect::has(&data, &"migration_id".into()).unwrap());
}

/// An event as rich as Anon could send one reaches the callback whole: its context nested
/// several levels (the migration, its company), and a list of objects (its files).
#[wasm_bindgen_test]
fn an_event_with_nested_context_and_lists_of_objects_arrives_whole() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let sent = r#"{"source":"anon_modal","event":{"type":"migration_modal.completed","id":"evt_1",
        "object":"event","data":{"user_id":"usr_1","migration_id":"mig_1",
        "migration":{"id":"mig_1","status":"COMPLETE","company":{"id":"c1","name":"Acme",
        "address":{"city":"Oslo"}}},
        "files":[{"id":"f1","type":"CompanyInfo-EntityType-Screenshot","size":123},{"id":"f2","type":"x"}]}}}"#;
    from_modal(&modal, &JSON::parse(sent).unwrap());
    assert_eq!(rec.delivered(), COMPLETED);
    let event = Reflect::get(&JSON::parse(sent).unwrap(), &"event".into()).unwrap();
    assert_eq!(
        JSON::stringify(&seen.borrow()).unwrap(),
        JSON::stringify(&event).unwrap()
    );
}

#[wasm_bindgen_test]
fn the_copy_keeps_numbers_booleans_plain_objects_and_arrays_and_leaves_out_the_rest() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    let fields = [
        ("progress", JsValue::from(0.5)),
        ("ratio", JsValue::from(f64::NAN)),
        ("done", JsValue::TRUE),
        ("retried", JsValue::FALSE),
        ("list", Array::of2(&1.into(), &2.into()).into()),
        (
            "mixed",
            js_sys::Array::of3(&1.into(), &js_sys::Date::new_0(), &"x".into()).into(),
        ),
        (
            "ends_left_out",
            js_sys::Array::of2(&1.into(), &js_sys::Date::new_0()).into(),
        ),
        (
            "named",
            js_sys::Function::new_no_args("const a = [1]; a.map = 'x'; return a")
                .call0(&JsValue::NULL)
                .unwrap(),
        ),
        ("when", js_sys::Date::new_0().into()),
        ("call", js_sys::Function::new_no_args("return 1").into()),
        ("big", js_sys::BigInt::from(5).into()),
    ];
    from_modal(&modal, &envelope("migration_modal.completed", &fields));
    assert_eq!(
        rec.delivered(),
        [
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    let delivered = seen.borrow().clone();
    let field = |name: &str| Reflect::get(&delivered, &name.into()).unwrap();
    assert_eq!(field("progress"), 0.5);
    assert!(
        field("ratio").as_f64().is_some_and(f64::is_nan),
        "NaN is a number"
    );
    assert_eq!(field("done"), JsValue::TRUE);
    assert_eq!(field("retried"), JsValue::FALSE);
    // Arrays are copied as arrays; an item left out leaves a hole, the others keep their place.
    let list = field("list");
    assert!(Array::is_array(&list));
    assert_eq!(JSON::stringify(&list).unwrap(), "[1,2]");
    let mixed: Array = field("mixed").dyn_into().unwrap();
    assert_eq!(mixed.length(), 3);
    assert!(!Reflect::has(&mixed, &1.into()).unwrap(), "the Date is a hole");
    assert_eq!(JSON::stringify(&mixed).unwrap(), r#"[1,null,"x"]"#);
    // An item left out at the end is a hole too: the array keeps its length.
    let ends_left_out: Array = field("ends_left_out").dyn_into().unwrap();
    assert_eq!(ends_left_out.length(), 2);
    assert!(
        !Reflect::has(&ends_left_out, &1.into()).unwrap(),
        "the Date is a hole"
    );
    // An array's own properties that are no items are left out.
    let named: Object = field("named").dyn_into().unwrap();
    assert_eq!(JSON::stringify(&named).unwrap(), "[1]");
    assert!(!Object::has_own(&named, &"map".into()), "map is no item");
    for left_out in ["when", "call", "big"] {
        assert!(
            !Reflect::has(&delivered, &left_out.into()).unwrap(),
            "{left_out} is not copied"
        );
    }
    modal.destroy();
}

/// Sends `data` to a fresh modal; returns what was recorded and the `completed` event delivered.
fn delivered_completed(data: &JsValue) -> (Vec<String>, JsValue) {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    from_modal(&modal, data);
    let delivered = seen.borrow().clone();
    modal.destroy();
    (rec.take(), delivered)
}

const COMPLETED: [&str; 2] = [
    "completed:migration_modal.completed",
    "event:migration_modal.completed",
];

#[wasm_bindgen_test]
fn case_14_cyclic_and_deep_objects_are_cut_at_the_depth_cap_and_the_event_arrives() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let mut deep: JsValue = Object::new().into();
    for _ in 0..10_000 {
        let parent = Object::new();
        Reflect::set(&parent, &"child".into(), &deep).unwrap();
        deep = parent.into();
    }
    for (payload, key) in [(JsValue::from(cyclic), "self"), (deep, "child")] {
        let data = envelope("migration_modal.completed", &[("context", payload)]);
        let (seen, delivered) = delivered_completed(&data);
        assert_eq!(seen, COMPLETED, "{key}");
        // MAX_DEPTH levels below the event are copied (`context` is the first); the next is
        // left out.
        let mut level = Reflect::get(&delivered, &"context".into()).unwrap();
        for _ in 1..anon_modal::event::MAX_DEPTH {
            level = Reflect::get(&level, &key.into()).unwrap();
            assert!(level.is_object(), "{key}: every level to the cap is copied");
        }
        assert!(
            !Reflect::has(&level, &key.into()).unwrap(),
            "{key}: the one below the cap is not"
        );
    }
}

#[wasm_bindgen_test]
fn case_15_huge_strings_and_objects_are_capped_and_the_event_arrives() {
    let huge = "x".repeat(3 * 1024 * 1024);
    let many = Object::new();
    for i in 0..10_000 {
        Reflect::set(&many, &format!("k{i}").into(), &i.into()).unwrap();
    }
    let huge_array = Array::new_with_length(1_000_000);
    let made = |script: &str| {
        js_sys::Function::new_no_args(script)
            .call0(&JsValue::NULL)
            .unwrap()
    };
    let dense_array = made("return new Array(1000000).fill(1)");
    // The longest array there is, one item at its end: a tiny message whose copy, read by its
    // keys, would have that length too (and no JSON.stringify could log it).
    let longest_array = made("const a = []; a[4294967294] = 'x'; return a");
    let start = js_sys::Date::now();
    let (seen, delivered) = delivered_completed(&envelope(
        "migration_modal.completed",
        &[
            ("message", huge.as_str().into()),
            ("migration_id", "mig_1".into()),
        ],
    ));
    assert_eq!(seen, COMPLETED);
    assert!(
        !Reflect::has(&delivered, &"message".into()).unwrap(),
        "the huge string is left out"
    );
    assert_eq!(Reflect::get(&delivered, &"migration_id".into()).unwrap(), "mig_1");
    let (seen, delivered) = delivered_completed(&envelope(
        "migration_modal.completed",
        &[("context", many.into())],
    ));
    assert_eq!(seen, COMPLETED);
    let context = Reflect::get(&delivered, &"context".into()).unwrap();
    let copied = Object::keys(context.unchecked_ref::<Object>()).length();
    // The whole budget but `type` and `context` itself.
    assert_eq!(
        copied,
        anon_modal::event::MAX_FIELDS - 2,
        "fields copied of 10,000"
    );
    assert_eq!(
        hostile(ANON, &envelope(&"t".repeat(100_000), &[])),
        ["reject:SCHEMA"]
    );
    // A huge array is cut at the budget like an object, holes and all: the event arrives, its
    // copy as long as the budget let it read.
    for array in [JsValue::from(huge_array), longest_array, dense_array] {
        let (seen, delivered) =
            delivered_completed(&envelope("migration_modal.completed", &[("list", array)]));
        assert_eq!(seen, COMPLETED);
        let list: Array = Reflect::get(&delivered, &"list".into())
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(list.length(), anon_modal::event::MAX_FIELDS - 2);
    }
    assert!(js_sys::Date::now() - start < 2_000.0, "bounded work");
}

#[wasm_bindgen_test]
fn case_16_wrong_envelope_types_are_dropped() {
    let typed = |t: JsValue| {
        let event = Object::new();
        Reflect::set(&event, &"type".into(), &t).unwrap();
        wrap(event.into())
    };
    assert_eq!(hostile(ANON, &typed(42.into())), ["reject:SCHEMA"]);
    assert_eq!(hostile(ANON, &typed(JsValue::NULL)), ["reject:SCHEMA"]);
    assert_eq!(hostile(ANON, &wrap(Array::new().into())), ["reject:SCHEMA"]);
    assert_eq!(
        hostile(ANON, &wrap(JsValue::from("migration_modal.opened"))),
        ["reject:SCHEMA"]
    );
    let tag_array =
        JSON::parse(r#"{"source":["anon_modal"],"event":{"type":"migration_modal.opened"}}"#).unwrap();
    assert_eq!(hostile(ANON, &tag_array), ["reject:TAG"]);
    // A context field of another type is left out; the event still counts.
    assert_eq!(
        hostile(ANON, &envelope("migration_modal.failed", &[("code", 403.into())])),
        ["failed:migration_modal.failed", "event:migration_modal.failed"]
    );
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.show", &[("internal", "true".into())])
        ),
        ["reject:SCHEMA"]
    );
    // `null` is JSON's unset, as Anon's SDK reads it: a public event.
    assert_eq!(
        hostile(
            ANON,
            &envelope("migration_modal.opened", &[("internal", JsValue::NULL)])
        ),
        ["opened:migration_modal.opened", "event:migration_modal.opened"]
    );
}

/// A `Proxy` whose `getPrototypeOf` trap throws.
fn proxy_that_throws() -> JsValue {
    page_script("return new Proxy({}, { getPrototypeOf() { throw new Error('trap'); } })")
}

/// An object whose `key` is a getter that throws, with `fields` (JSON) besides.
fn getter_that_throws(key: &str, fields: &str) -> JsValue {
    page_script(&format!(
        "return Object.defineProperty({fields}, '{key}', {{ enumerable: true, get() {{ throw new Error('getter'); }} }})"
    ))
}

#[wasm_bindgen_test]
fn keys_that_cannot_be_listed_read_as_none() {
    // A `Proxy` whose `ownKeys` throws, made and dispatched by the page itself.
    let unlisted = |fields: &str| {
        page_script(&format!(
            "return new Proxy({fields}, {{ ownKeys() {{ throw new Error('keys'); }} }})"
        ))
    };
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    from_modal(
        &modal,
        &envelope("migration_modal.opened", &[("context", unlisted("{}"))]),
    );
    from_modal(
        &modal,
        &wrap(unlisted(r#"{"type": "migration_modal.completed"}"#)),
    );
    assert_eq!(
        rec.take(),
        [
            "opened:migration_modal.opened",
            "event:migration_modal.opened",
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    assert_eq!(
        Reflect::get(&seen.borrow(), &"type".into()).unwrap(),
        "migration_modal.completed"
    );
    modal.destroy();
}

#[wasm_bindgen_test]
fn values_that_cannot_be_read_are_dropped_and_the_modal_goes_on() {
    let (rec, modal, seen) = recorded_keeping_the_completed_event();
    // As the envelope, as the event, and as a value inside the event.
    from_modal(&modal, &proxy_that_throws());
    from_modal(&modal, &wrap(proxy_that_throws()));
    from_modal(
        &modal,
        &envelope("migration_modal.opened", &[("context", proxy_that_throws())]),
    );
    // Getters that throw: the tag, the type, then a context field (left out of the copy).
    from_modal(
        &modal,
        &getter_that_throws("source", r#"{"event": {"type": "migration_modal.opened"}}"#),
    );
    from_modal(&modal, &wrap(getter_that_throws("type", "{}")));
    let completed = getter_that_throws("migration_id", r#"{"type": "migration_modal.completed"}"#);
    from_modal(&modal, &wrap(completed));
    assert_eq!(
        rec.take(),
        [
            "reject:TAG",
            "reject:SCHEMA",
            "opened:migration_modal.opened",
            "event:migration_modal.opened",
            "reject:TAG",
            "reject:SCHEMA",
            "completed:migration_modal.completed",
            "event:migration_modal.completed"
        ]
    );
    let delivered = seen.borrow().clone();
    assert_eq!(
        Reflect::get(&delivered, &"type".into()).unwrap(),
        "migration_modal.completed"
    );
    assert!(!Reflect::has(&delivered, &"migration_id".into()).unwrap());
    modal.destroy();
}
