//! What the guard's copy keeps of an authentic event: within the depth, field, length and key
//! caps, plain data only, `type`, the typed fields and `data` first.

use super::*;

/// The copy `check` delivers, or the reason it refused.
fn copy(data: Value) -> Value {
    check(data).expect("delivered").2
}

/// `n` null fields named `f0`, `f1`, ...
fn fields(from: u32, n: u32) -> Vec<(String, Value)> {
    (from..from + n).map(|i| (format!("f{i}"), Value::Null)).collect()
}

#[test]
fn case_14_deep_objects_are_cut_at_the_depth_cap() {
    // 1,000 levels: a native value this deep already strains the test thread's stack when it
    // is dropped; the browser test sends 10,000.
    let mut deep = Value::text("bottom");
    for _ in 0..1_000 {
        deep = Value::object([("d", deep)]);
    }
    let data = envelope(event(vec![
        ("type", Value::text("migration_modal.completed")),
        ("deep", deep),
    ]));
    // The event is delivered, its objects copied MAX_DEPTH levels down and no further.
    let mut cut = Value::object([]);
    for _ in 1..MAX_DEPTH {
        cut = Value::object([("d", cut)]);
    }
    assert_eq!(
        copy(data),
        event(vec![
            ("type", Value::text("migration_modal.completed")),
            ("deep", cut)
        ])
    );
    // Exactly as deep as allowed is copied whole.
    let mut allowed = Value::Number(1.0);
    for _ in 0..MAX_DEPTH {
        allowed = Value::object([("d", allowed)]);
    }
    let whole = event(vec![("type", Value::text("x")), ("a", allowed)]);
    assert_eq!(copy(envelope(whole.clone())), whole);
    // `data` is cut as deep as any other field of the event.
    let mut too_deep = Value::Number(1.0);
    for _ in 0..=MAX_DEPTH {
        too_deep = Value::object([("d", too_deep)]);
    }
    let Value::Object(cut) = copy(envelope(event(vec![
        ("type", Value::text("x")),
        ("data", too_deep.clone()),
    ]))) else {
        panic!("an object")
    };
    let Value::Object(same) = copy(envelope(event(vec![("type", Value::text("x")), ("a", too_deep)]))) else {
        panic!("an object")
    };
    let mut expected = Value::object([]);
    for _ in 1..MAX_DEPTH {
        expected = Value::object([("d", expected)]);
    }
    assert_eq!(
        (&cut[1].1, &same[1].1),
        (&expected, &expected),
        "one level too deep is cut"
    );
}

#[test]
fn case_15_the_field_budget_is_exact_shared_by_every_level_and_keeps_type() {
    // Exactly MAX_FIELDS fields in all, `type` included: copied whole.
    let mut exact = vec![("type".to_owned(), Value::text("x"))];
    exact.extend(fields(0, MAX_FIELDS - 1));
    assert_eq!(
        copy(envelope(Value::Object(exact.clone()))),
        Value::Object(exact.clone())
    );
    // With a typed field among them, and no `data`, which then costs nothing.
    let mut typed = vec![
        ("type".to_owned(), Value::text("x")),
        ("id".to_owned(), Value::text("evt_1")),
    ];
    typed.extend(fields(0, MAX_FIELDS - 2));
    assert_eq!(copy(envelope(Value::Object(typed.clone()))), Value::Object(typed));
    // One more: the last one is left out.
    let mut over = exact.clone();
    over.extend(fields(MAX_FIELDS - 1, 1));
    assert_eq!(copy(envelope(Value::Object(over))), Value::Object(exact));
    // Spread over two levels, the budget is shared: the nested object gets what is left.
    let half = MAX_FIELDS / 2;
    let mut outer = vec![("type".to_owned(), Value::text("x"))];
    outer.extend(fields(0, half - 2));
    outer.push(("nested".to_owned(), Value::Object(fields(0, half + 5))));
    let mut kept = vec![("type".to_owned(), Value::text("x"))];
    kept.extend(fields(0, half - 2));
    kept.push(("nested".to_owned(), Value::Object(fields(0, half))));
    assert_eq!(copy(envelope(Value::Object(outer))), Value::Object(kept));
    // Nor the typed fields and `data` with its context, after an object that spends the whole
    // budget; and an object reached with no budget left is left out, not delivered empty.
    let mut crowded = vec![
        ("type".to_owned(), Value::text("migration_modal.failed")),
        ("details".to_owned(), Value::Object(fields(0, 2 * MAX_FIELDS))),
        ("later".to_owned(), Value::object([("x", Value::Null)])),
    ];
    crowded.push(("code".to_owned(), Value::text("E1")));
    crowded.push((
        "data".to_owned(),
        Value::object([("user_id", Value::text("usr_1"))]),
    ));
    let delivered = copy(envelope(Value::Object(crowded)));
    assert_eq!(delivered.field("code"), &Value::text("E1"));
    assert_eq!(delivered.field("data").field("user_id"), &Value::text("usr_1"));
    assert_eq!(delivered.field("later"), &Value::Undefined);
    let Value::Object(details) = delivered.field("details") else {
        panic!("details copied")
    };
    assert_eq!(
        details.len(),
        MAX_FIELDS as usize - 5,
        "type, code, data, its user_id and details paid"
    );
    // Within `data`, its context first, and the rest of it after.
    let mut data = fields(0, 2 * MAX_FIELDS);
    data.push(("migration_id".to_owned(), Value::text("mig_1")));
    let delivered = copy(envelope(Value::Object(vec![
        ("type".to_owned(), Value::text("migration_modal.completed")),
        ("data".to_owned(), Value::Object(data)),
    ])));
    let Value::Object(data) = delivered.field("data") else {
        panic!("data copied")
    };
    assert_eq!(data[0], ("migration_id".to_owned(), Value::text("mig_1")));
    assert_eq!(data.len(), MAX_FIELDS as usize - 2, "type and data paid");
    // An object whose own key spends the last of the budget is left out too.
    let mut last = vec![("type".to_owned(), Value::text("x"))];
    last.extend(fields(0, MAX_FIELDS - 2));
    last.push(("last".to_owned(), Value::object([("x", Value::Null)])));
    assert_eq!(
        copy(envelope(Value::Object(last))).field("last"),
        &Value::Undefined
    );
    // `type` is copied first, wherever it stands among more fields than the budget.
    let mut late = fields(0, 2 * MAX_FIELDS);
    late.push(("type".to_owned(), Value::text("migration_modal.completed")));
    let (kind, _, delivered) = check(envelope(Value::Object(late))).unwrap();
    assert_eq!(kind, EventKind::Completed);
    let Value::Object(delivered) = delivered else {
        panic!("an object")
    };
    assert_eq!(
        delivered[0],
        ("type".to_owned(), Value::text("migration_modal.completed"))
    );
    assert_eq!(delivered.len(), MAX_FIELDS as usize);
}

/// An event's arrays (Anon's own SDK types an event's `data` as any JSON) reach callbacks as
/// arrays, under the same caps as objects: each item pays for itself, each array is a level,
/// and an item left out leaves a hole, so that the others keep their places and the array its
/// length.
#[test]
fn case_15_arrays_are_copied_within_the_caps() {
    let texts = |items: &[&str]| Value::List(items.iter().map(|t| Value::text(t)).collect());
    // An item left out is a hole, the last one too.
    let mixed = |second, last| Value::List(vec![Value::Null, second, Value::text("x"), last]);
    let data = |fields: Vec<(&str, Value)>| {
        let mut all = vec![("type", Value::text("migration_modal.completed"))];
        all.extend(fields);
        event(all)
    };
    // A list one level deeper than allowed: its innermost items are left out, as holes.
    let nested = |innermost: Value| {
        let mut list = innermost;
        for _ in 1..MAX_DEPTH {
            list = Value::List(vec![list]);
        }
        list
    };
    let sent = data(vec![
        ("files", texts(&["contacts.csv", "company.json"])),
        (
            "tasks",
            Value::List(vec![
                Value::object([("id", Value::text("t1")), ("__proto__", Value::Null)]),
                Value::object([("id", Value::text("t2")), ("done", Value::Bool(true))]),
            ]),
        ),
        ("mixed", mixed(Value::Other, Value::Other)),
        (
            "deep",
            nested(Value::List(vec![texts(&["too deep"]), Value::Null])),
        ),
    ]);
    assert_eq!(
        copy(envelope(sent)),
        data(vec![
            ("files", texts(&["contacts.csv", "company.json"])),
            (
                "tasks",
                Value::List(vec![
                    Value::object([("id", Value::text("t1"))]),
                    Value::object([("id", Value::text("t2")), ("done", Value::Bool(true))]),
                ]),
            ),
            ("mixed", mixed(Value::Undefined, Value::Undefined)),
            ("deep", nested(Value::List(vec![Value::Undefined, Value::Null]))),
        ])
    );
    // A long array is cut where the budget ends: `type` and the key paid first.
    let long = Value::List((0..2 * MAX_FIELDS).map(f64::from).map(Value::Number).collect());
    let Value::List(kept) = copy(envelope(data(vec![("long", long)]))).field("long").clone() else {
        panic!("long copied")
    };
    assert_eq!(kept.len(), MAX_FIELDS as usize - 2);
    assert_eq!(kept[3], Value::Number(3.0));
    // Each index read pays, holes too: a long sparse array's copy is as long as the budget
    // let it read, and holds nothing.
    let holes = vec![Value::Undefined; 10 * MAX_FIELDS as usize];
    let sparse = data(vec![("sparse", Value::List([holes, vec![Value::Null]].concat()))]);
    assert_eq!(
        copy(envelope(sparse)).field("sparse"),
        &Value::List(vec![Value::Undefined; MAX_FIELDS as usize - 2])
    );
    // An array whose own key spends the last of the budget is left out, not delivered empty.
    let mut last = fields(0, MAX_FIELDS - 2);
    last.insert(0, ("type".to_owned(), Value::text("x")));
    last.push(("last".to_owned(), texts(&["x"])));
    assert_eq!(
        copy(envelope(Value::Object(last))).field("last"),
        &Value::Undefined
    );
}

/// An event as rich as Anon could send one (its migration and company, a list of files, each
/// an object) is copied whole: the caps are for hostile events, and no data of Anon's is lost.
#[test]
fn an_event_with_nested_context_and_lists_of_objects_arrives_whole() {
    let file = |id: &str| {
        Value::object([
            ("object", Value::text("file")),
            ("id", Value::text(id)),
            ("type", Value::text("CompanyInfo-EntityType-Screenshot")),
            ("size", Value::Number(123.0)),
        ])
    };
    let rich = event(vec![
        ("type", Value::text("migration_modal.completed")),
        ("id", Value::text("evt_1")),
        ("object", Value::text("event")),
        (
            "data",
            Value::object([
                ("user_id", Value::text("usr_1")),
                ("migration_id", Value::text("mig_1")),
                (
                    "migration",
                    Value::object([
                        ("id", Value::text("mig_1")),
                        ("status", Value::text("COMPLETE")),
                        (
                            "company",
                            Value::object([
                                ("id", Value::text("c1")),
                                ("address", Value::object([("city", Value::text("Oslo"))])),
                            ]),
                        ),
                    ]),
                ),
                (
                    "files",
                    Value::List((0..100).map(|i| file(&format!("f{i}"))).collect()),
                ),
            ]),
        ),
    ]);
    assert_eq!(copy(envelope(rich.clone())), rich);
}

#[test]
fn case_15_huge_strings_and_long_keys_are_left_out() {
    // A typed field (copied first), one of `data`'s, and any other field alike.
    let long = "x".repeat(MAX_STRING_LEN as usize + 1);
    let data = envelope(event(vec![
        ("type", Value::text("migration_modal.failed")),
        ("message", Value::Text(long.clone())),
        ("note", Value::Text(long.clone())),
        ("step", Value::Number(3.0)),
        (
            "data",
            Value::object([
                ("error_message", Value::Text(long)),
                ("modal_step", Value::text("login")),
            ]),
        ),
    ]));
    assert_eq!(
        copy(data),
        event(vec![
            ("type", Value::text("migration_modal.failed")),
            ("data", Value::object([("modal_step", Value::text("login"))])),
            ("step", Value::Number(3.0))
        ])
    );
    // The caps the README documents: 16 K-character strings, 1,024 fields, 16 levels.
    assert_eq!((MAX_STRING_LEN, MAX_FIELDS, MAX_DEPTH), (16 * 1024, 1024, 16));
    let just = event(vec![
        ("type", Value::text("x")),
        ("message", Value::Text("x".repeat(MAX_STRING_LEN as usize))),
        ("note", Value::Text("x".repeat(MAX_STRING_LEN as usize))),
    ]);
    assert_eq!(copy(envelope(just.clone())), just);

    let long_key = "k".repeat(MAX_KEY_LEN as usize + 1);
    let just_key = "k".repeat(MAX_KEY_LEN as usize);
    let data = envelope(Value::Object(vec![
        ("type".into(), Value::text("x")),
        (long_key, Value::Null),
        (just_key.clone(), Value::Null),
    ]));
    assert_eq!(
        copy(data),
        Value::Object(vec![("type".into(), Value::text("x")), (just_key, Value::Null)])
    );

    let long_type = "t".repeat(MAX_TYPE_LEN as usize + 1);
    assert_eq!(
        reason(envelope(event(vec![("type", Value::Text(long_type))]))),
        RejectReason::Schema
    );
    // Lengths count UTF-16 code units, as JavaScript does: an emoji is two.
    let emoji_type = "\u{1F600}".repeat(MAX_TYPE_LEN as usize / 2 + 1);
    assert_eq!(
        reason(envelope(event(vec![("type", Value::Text(emoji_type))]))),
        RejectReason::Schema
    );
}

#[test]
fn case_20_21_text_stays_text_and_what_cannot_be_copied_is_left_out() {
    let (_, _, copy) = check(envelope(event(vec![
        ("type", Value::text("migration_modal.failed")),
        (
            "data",
            Value::object([("error_message", Value::text("<img src=x onerror=alert(1)>"))]),
        ),
        ("message", Value::text("javascript:alert(1)")),
        ("blob", Value::Other),
        ("missing", Value::Undefined),
    ])))
    .unwrap();
    assert_eq!(
        copy.field("data").field("error_message"),
        &Value::text("<img src=x onerror=alert(1)>")
    );
    assert_eq!(copy.field("message"), &Value::text("javascript:alert(1)"));
    assert_eq!(copy.field("blob"), &Value::Undefined);
    // `type` and the typed fields come first, in the order of `STRING_FIELDS`, then `data`.
    assert_eq!(copy.keys_for_test(), ["type", "message", "data"]);
}

/// What the copy's keys are, in order.
trait KeysForTest {
    fn keys_for_test(&self) -> Vec<String>;
}

impl KeysForTest for Value {
    fn keys_for_test(&self) -> Vec<String> {
        match self {
            Value::Object(fields) => fields.iter().map(|(k, _)| k.clone()).collect(),
            _ => Vec::new(),
        }
    }
}
