//! The message guard: decides whether a `window` `message` event really comes from our modal,
//! and makes the bounded copy of its event that callbacks get.
//!
//! Checks run cheapest first and stop at the first failure:
//! 1. `event.source` is our iframe's `contentWindow`;
//! 2. `event.origin` is exactly one of the allowed origins;
//! 3. `event.data` is a plain object whose `source` is `"anon_modal"`;
//! 4. `event.data.event` passes the schema: a plain object with a string `type` and an
//!    `internal` that is a boolean, `null` or absent.
//!
//! Anon's modal sends its context in the event's `data`: `{id, object: "event", created, type,
//! data: {user_id, migration_id, ...}}`.
//!
//! Callbacks never see the object that arrived: they get a fresh plain object holding only
//! strings, numbers, booleans, `null`, plain objects and arrays, within the caps of
//! [`crate::event`] (fields and array items together, depth, lengths). Reserved keys such as
//! `__proto__` are never copied, so nothing that arrives can reach a prototype. What is over a
//! cap, exotic objects (`Blob`, `ArrayBuffer`, `Date`), typed fields ([`event::STRING_FIELDS`],
//! and [`event::DATA_STRING_FIELDS`] within `data`) that are neither strings nor `null`, and a
//! `data` that is no plain object are left out (an array item
//! left out leaves a hole, so that the others keep their places and the array its length up to
//! where the budget ended): an event that passed the
//! checks is delivered, never dropped for its size, so the work stays bounded and a `completed`
//! is never lost to a large payload.
//!
//! The guard is written against [`MessageValue`]: the browser reads `JsValue`s (no string of a
//! message is copied into Rust), and native tests and the fuzzer read plain [`Value`]s, so every
//! hostile payload is tested without a browser.

use crate::event::{self, EventKind};
use crate::origin::AllowList;
use crate::reject::RejectReason;
use alloc::{borrow::ToOwned, rc::Rc, string::String, vec::Vec};

/// What kind of value a message holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean(bool),
    /// A number (`NaN` too).
    Number,
    /// A plain object: its prototype is `Object.prototype` or `null`.
    Plain,
    /// An array of this length.
    List(u32),
    /// Anything else: a function, a `BigInt`, an exotic object (`Date`, `Blob`), or an object
    /// whose prototype cannot be read.
    Other,
    /// A string of this many UTF-16 code units.
    Text(u32),
}

/// The numbers a JavaScript reader answers with to tell a value's [`Kind`] and size in one
/// call: `kindOf` in `src/js/values.js`, which takes them from `src/js/names.js` (generated from
/// these); the browser's [`MessageValue`] reads them back.
pub mod kind_code {
    /// `undefined`.
    pub const UNDEFINED: i32 = 0;
    /// `null`.
    pub const NULL: i32 = 1;
    /// `false`.
    pub const FALSE: i32 = 2;
    /// `true`.
    pub const TRUE: i32 = 3;
    /// A number.
    pub const NUMBER: i32 = 4;
    /// A plain object.
    pub const PLAIN: i32 = 5;
    /// Anything else.
    pub const OTHER: i32 = 6;
    /// A string of length n is `TEXT + n`; every code above it is a string's.
    pub const TEXT: i32 = 7;
    /// An array of length n is `LIST - n`; every code below zero is an array's.
    pub const LIST: i32 = -1;
    /// Each code by its name, as `src/js/names.js` exports it (`KIND_` and the name).
    pub const ALL: [(&str, i32); 9] = [
        ("UNDEFINED", UNDEFINED),
        ("NULL", NULL),
        ("FALSE", FALSE),
        ("TRUE", TRUE),
        ("NUMBER", NUMBER),
        ("PLAIN", PLAIN),
        ("OTHER", OTHER),
        ("TEXT", TEXT),
        ("LIST", LIST),
    ];
}

/// A value a message carries, as the guard reads it. Reading never fails: what cannot be read
/// (a throwing getter, a `Proxy`) reads as `undefined`.
pub trait MessageValue: Sized {
    /// A list of strings, searched in one step.
    type List;
    /// An object's keys.
    type Keys: ExactSizeIterator<Item = Self>;

    /// A string.
    fn text(text: &str) -> Self;
    /// An array index, as a key.
    fn index(index: u32) -> Self;
    /// A list of these strings.
    fn list<T: AsRef<str>>(texts: &[T]) -> Self::List;
    /// What kind of value this is.
    fn kind(&self) -> Kind;
    /// `self[key]`.
    fn get(&self, key: &Self) -> Self;
    /// The own enumerable string keys (`Object.keys`) of a plain object.
    fn keys(&self) -> Self::Keys;
    /// Which of `keys` (at most 32) are own enumerable fields of this object, those
    /// [`MessageValue::keys`] lists, bit `i` for `keys[i]`: one look for all, so that the fields
    /// an event seldom has cost no read each.
    fn own_fields(&self, keys: &Self::List) -> u32;
    /// A fresh, empty array.
    fn array() -> Self;
    /// Sets the `length` of an array made by [`MessageValue::array`], holes at its end.
    fn set_length(array: &mut Self, length: u32);
    /// Where this string is in `list` (`===`), if it is.
    fn position(&self, list: &Self::List) -> Option<usize>;
    /// `self === other`.
    fn same(&self, other: &Self) -> bool;
    /// A fresh, empty plain object.
    fn object() -> Self;
    /// `object[key] = value`, on an object made by [`MessageValue::object`], or at an
    /// [`MessageValue::index`] of an array made by [`MessageValue::array`].
    fn set(object: &mut Self, key: &Self, value: Self);
}

/// The strings a guard compares with, in a value type's own form, made from [`crate::event`]:
/// the envelope's and the event's keys, and the lists of known names. Guards may share one
/// ([`MessageGuard::with_names`]): the browser makes them once per page.
#[derive(Debug)]
pub struct Names<V: MessageValue> {
    /// [`event::MESSAGE_TAG`].
    pub tag: V,
    /// [`event::SOURCE_KEY`].
    pub source: V,
    /// [`event::EVENT_KEY`].
    pub event: V,
    /// [`event::TYPE_KEY`].
    pub type_key: V,
    /// [`event::INTERNAL_KEY`].
    pub internal: V,
    /// [`event::DATA_KEY`].
    pub data: V,
    /// [`EventKind::NAMES`].
    pub kinds: V::List,
    /// [`event::FIRST_KEYS`].
    pub first_keys: V::List,
    /// [`event::STRING_FIELDS`], each as a key.
    pub strings: [V; event::STRING_FIELDS.len()],
    /// [`event::DATA_STRING_FIELDS`].
    pub data_keys: V::List,
    /// [`event::DATA_STRING_FIELDS`], each as a key.
    pub context: [V; event::DATA_STRING_FIELDS.len()],
    /// [`event::RESERVED_KEYS`].
    pub reserved: V::List,
}

// [`MessageValue::own_fields`] answers for the first keys in one `u32`.
const _: () = assert!(event::FIRST_KEYS.len() <= 32);
// The typed fields and `data` are paid for without a look at the budget: it holds them all.
const _: () = assert!(event::MAX_FIELDS as usize > event::FIRST_KEYS.len() + event::DATA_STRING_FIELDS.len());

impl<V: MessageValue> Names<V> {
    /// The names of [`crate::event`].
    pub fn new() -> Self {
        Names {
            tag: V::text(event::MESSAGE_TAG),
            source: V::text(event::SOURCE_KEY),
            event: V::text(event::EVENT_KEY),
            type_key: V::text(event::TYPE_KEY),
            internal: V::text(event::INTERNAL_KEY),
            data: V::text(event::DATA_KEY),
            kinds: V::list(&EventKind::NAMES),
            first_keys: V::list(&event::FIRST_KEYS),
            strings: event::STRING_FIELDS.map(V::text),
            data_keys: V::list(&event::DATA_STRING_FIELDS),
            context: event::DATA_STRING_FIELDS.map(V::text),
            reserved: V::list(&event::RESERVED_KEYS),
        }
    }
}

impl<V: MessageValue> Default for Names<V> {
    fn default() -> Self {
        Names::new()
    }
}

/// A `message` event as the guard reads it.
pub trait IncomingMessage {
    /// The kind of values it carries.
    type Value: MessageValue;
    /// `event.source` is our iframe's window.
    fn is_from_our_frame(&self) -> bool;
    /// `event.origin`.
    fn origin(&self) -> Self::Value;
    /// `event.data`.
    fn data(&self) -> Self::Value;
}

/// A message's event that passed every check.
#[derive(Debug)]
pub struct ValidEvent<V> {
    /// What happened.
    pub kind: EventKind,
    /// `event.internal === true`.
    pub internal: bool,
    /// The bounded copy handed to callbacks.
    pub event: V,
}

/// Checks messages against one modal's allowed origins.
#[derive(Debug)]
pub struct MessageGuard<V: MessageValue> {
    names: Rc<Names<V>>,
    origins: V::List,
}

impl<V: MessageValue> MessageGuard<V> {
    /// A guard accepting messages from the `allowed` origins (the source window is the
    /// caller's to compare: see [`IncomingMessage::is_from_our_frame`]).
    pub fn new(allowed: &AllowList) -> Self {
        Self::with_names(Rc::new(Names::new()), allowed)
    }

    /// [`MessageGuard::new`], comparing with `names` made before.
    pub fn with_names(names: Rc<Names<V>>, allowed: &AllowList) -> Self {
        MessageGuard {
            names,
            origins: V::list(allowed.as_slice()),
        }
    }

    /// Checks one message.
    ///
    /// # Errors
    /// The reason of the first check that failed.
    pub fn check(&self, message: &impl IncomingMessage<Value = V>) -> Result<ValidEvent<V>, RejectReason> {
        if !message.is_from_our_frame() {
            return Err(RejectReason::Source);
        }
        if message.origin().position(&self.origins).is_none() {
            return Err(RejectReason::Origin);
        }
        let data = message.data();
        if data.kind() != Kind::Plain || !data.get(&self.names.source).same(&self.names.tag) {
            return Err(RejectReason::Tag);
        }
        self.read_event(&data.get(&self.names.event))
    }

    /// Validates the envelope's `event` and copies it.
    ///
    /// # Errors
    /// [`RejectReason::Schema`] for a missing or mistyped `type`, or an `internal` that is not a
    /// boolean, `null` or absent.
    pub fn read_event(&self, event: &V) -> Result<ValidEvent<V>, RejectReason> {
        if event.kind() != Kind::Plain {
            return Err(RejectReason::Schema);
        }
        let event_type = event.get(&self.names.type_key);
        match event_type.kind() {
            Kind::Text(len) if len > 0 && len <= event::MAX_TYPE_LEN => {}
            _ => return Err(RejectReason::Schema),
        }
        let kind = event_type
            .position(&self.names.kinds)
            .and_then(|i| EventKind::NAMED.get(i).copied())
            .unwrap_or(EventKind::Other);
        let internal = match event.get(&self.names.internal).kind() {
            // `null` is JSON's unset, which Anon's SDK (`event.internal ? … : …`) reads as false too.
            Kind::Undefined | Kind::Null => false,
            Kind::Boolean(internal) => internal,
            _ => return Err(RejectReason::Schema),
        };
        // `type`, the typed fields and `data` first, so that the field budget, however large
        // the rest, never leaves them out.
        let mut copy = V::object();
        V::set(&mut copy, &self.names.type_key, event_type);
        let mut budget = event::MAX_FIELDS - 1;
        // Bit 0 is `type`'s, read already; the last is `data`'s.
        let first = event.own_fields(&self.names.first_keys);
        let present = first >> 1;
        copy_strings(event, &self.names.strings, present, &mut copy, &mut budget);
        if present >> event::STRING_FIELDS.len() != 0 {
            let data = event.get(&self.names.data);
            budget -= 1;
            if data.kind() == Kind::Plain {
                let mut inner = V::object();
                let present = data.own_fields(&self.names.data_keys);
                copy_strings(&data, &self.names.context, present, &mut inner, &mut budget);
                let skip = Some((&self.names.data_keys, present.count_ones()));
                self.copy_fields(&data, &mut inner, event::MAX_DEPTH - 1, &mut budget, skip);
                V::set(&mut copy, &self.names.data, inner);
            }
        }
        let skip = Some((&self.names.first_keys, first.count_ones()));
        self.copy_fields(event, &mut copy, event::MAX_DEPTH, &mut budget, skip);
        Ok(ValidEvent {
            kind,
            internal,
            event: copy,
        })
    }

    /// Copies `source`'s fields into `copy` while the field budget lasts, every field read
    /// paying for itself, but for those whose keys are in `skip` (copied already, or left out),
    /// with how many of them `source` has. What is over a cap (a longer key or string, a deeper
    /// object) or not plain data is left out: the message is authentic by now, so its event is
    /// delivered.
    fn copy_fields(
        &self,
        source: &V,
        copy: &mut V,
        depth: u8,
        budget: &mut u32,
        skip: Option<(&V::List, u32)>,
    ) {
        let keys = source.keys();
        // Every key is one of those: none is left to look up (an event as Anon sends it).
        if skip.is_some_and(|(_, skipped)| keys.len() as u32 == skipped) {
            return;
        }
        for key in keys {
            if skip.is_some_and(|(skip, _)| key.position(skip).is_some()) {
                continue;
            }
            if *budget == 0 {
                break;
            }
            *budget -= 1;
            if !matches!(key.kind(), Kind::Text(len) if len <= event::MAX_KEY_LEN)
                || key.position(&self.names.reserved).is_some()
            {
                continue;
            }
            if let Some(copied) = self.copy_value(source.get(&key), depth, budget) {
                V::set(copy, &key, copied);
            }
        }
    }

    /// Copies the items of an array of `len`, index by index from 0, as
    /// [`MessageGuard::copy_fields`] copies fields: each index read pays, so that the copy's
    /// length stays within the budget however long (or sparse) the array that arrived. Its
    /// other own properties are no items, and are left out.
    fn copy_items(&self, source: &V, len: u32, copy: &mut V, depth: u8, budget: &mut u32) {
        let mut read = 0;
        while read < len && *budget > 0 {
            *budget -= 1;
            let index = V::index(read);
            if let Some(copied) = self.copy_value(source.get(&index), depth, budget) {
                V::set(copy, &index, copied);
            }
            read += 1;
        }
        // Items left out at the end are holes too: a list of two objects cut stays two long.
        V::set_length(copy, read);
    }

    /// The copy of a field's or an item's value, or `None` to leave it out (an item left out
    /// is a hole).
    fn copy_value(&self, value: V, depth: u8, budget: &mut u32) -> Option<V> {
        match value.kind() {
            Kind::Text(len) if len > event::MAX_STRING_LEN => None,
            Kind::Text(_) | Kind::Null | Kind::Number | Kind::Boolean(_) => Some(value),
            // An object or array reached with no budget left would arrive empty, as if it were.
            Kind::Plain if depth > 0 && *budget > 0 => {
                let mut inner = V::object();
                self.copy_fields(&value, &mut inner, depth - 1, budget, None);
                Some(inner)
            }
            Kind::List(len) if depth > 0 && *budget > 0 => {
                let mut inner = V::array();
                self.copy_items(&value, len, &mut inner, depth - 1, budget);
                Some(inner)
            }
            Kind::Plain | Kind::List(_) | Kind::Other | Kind::Undefined => None,
        }
    }
}

/// Copies into `copy` those of the typed fields `keys` that `present` has (bit `i` for
/// `keys[i]`) and that are strings within the cap or `null`, each paying for itself.
fn copy_strings<V: MessageValue>(source: &V, keys: &[V], present: u32, copy: &mut V, budget: &mut u32) {
    for (at, key) in keys.iter().enumerate() {
        if present & (1 << at) == 0 {
            continue;
        }
        let value = source.get(key);
        let wanted = match value.kind() {
            Kind::Null => true,
            Kind::Text(len) => len <= event::MAX_STRING_LEN,
            _ => false,
        };
        if wanted {
            V::set(copy, key, value);
            *budget -= 1;
        }
    }
}

/// A message's value as plain Rust data: what native tests and the fuzzer hand the guard.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// A plain object, its fields in order (a repeated key: the first one counts).
    Object(Vec<(String, Value)>),
    /// An array (`Undefined` where it has a hole).
    List(Vec<Value>),
    /// Anything else (a `Blob`, a function, a `Date`).
    Other,
}

impl Value {
    /// A plain object of these fields.
    pub fn object<'a>(fields: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
        Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// A string.
    pub fn text(text: &str) -> Value {
        Value::Text(text.to_owned())
    }

    /// The field `key` of an object (`Undefined` when there is none).
    pub fn field(&self, key: &str) -> &Value {
        match self {
            Value::Object(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&Value::Undefined, |(_, v)| v),
            _ => &Value::Undefined,
        }
    }
}

impl MessageValue for Value {
    type List = Vec<String>;
    type Keys = alloc::vec::IntoIter<Value>;

    fn text(text: &str) -> Value {
        Value::Text(text.to_owned())
    }

    fn index(index: u32) -> Value {
        Value::Number(f64::from(index))
    }

    fn list<T: AsRef<str>>(texts: &[T]) -> Vec<String> {
        texts.iter().map(|text| text.as_ref().to_owned()).collect()
    }

    fn kind(&self) -> Kind {
        match self {
            Value::Undefined => Kind::Undefined,
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Boolean(*b),
            Value::Number(_) => Kind::Number,
            Value::Text(text) => Kind::Text(u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)),
            Value::Object(_) => Kind::Plain,
            Value::List(items) => Kind::List(u32::try_from(items.len()).unwrap_or(u32::MAX)),
            Value::Other => Kind::Other,
        }
    }

    fn get(&self, key: &Value) -> Value {
        match (self, key) {
            (Value::List(items), Value::Number(index)) => {
                items.get(*index as usize).cloned().unwrap_or(Value::Undefined)
            }
            (_, Value::Text(key)) => self.field(key).clone(),
            _ => Value::Undefined,
        }
    }

    fn keys(&self) -> alloc::vec::IntoIter<Value> {
        let keys: Vec<Value> = match self {
            Value::Object(fields) => fields.iter().map(|(k, _)| Value::Text(k.clone())).collect(),
            _ => Vec::new(),
        };
        keys.into_iter()
    }

    fn own_fields(&self, keys: &Vec<String>) -> u32 {
        let Value::Object(fields) = self else {
            return 0;
        };
        keys.iter()
            .enumerate()
            .filter(|(_, key)| fields.iter().any(|(k, _)| k == *key))
            .fold(0, |bits, (at, _)| bits | 1 << at)
    }

    fn position(&self, list: &Vec<String>) -> Option<usize> {
        match self {
            Value::Text(text) => list.iter().position(|item| item == text),
            _ => None,
        }
    }

    fn same(&self, other: &Value) -> bool {
        matches!((self, other), (Value::Text(a), Value::Text(b)) if a == b)
    }

    fn object() -> Value {
        Value::Object(Vec::new())
    }

    fn array() -> Value {
        Value::List(Vec::new())
    }

    fn set_length(array: &mut Value, length: u32) {
        if let Value::List(items) = array {
            items.resize(length as usize, Value::Undefined);
        }
    }

    fn set(object: &mut Value, key: &Value, value: Value) {
        match (object, key) {
            (Value::Object(fields), Value::Text(key)) => match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, slot)) => *slot = value,
                None => fields.push((key.clone(), value)),
            },
            // Items left out before this one stay holes.
            (Value::List(items), Value::Number(index)) => {
                let index = *index as usize;
                if items.len() <= index {
                    items.resize(index + 1, Value::Undefined);
                }
                items[index] = value;
            }
            _ => {}
        }
    }
}

/// A message made of plain values, for native tests and fuzzing.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Whether `event.source` is our iframe's window.
    pub from_our_frame: bool,
    /// `event.origin`.
    pub origin: String,
    /// `event.data`.
    pub data: Value,
}

impl IncomingMessage for Message {
    type Value = Value;

    fn is_from_our_frame(&self) -> bool {
        self.from_our_frame
    }

    fn origin(&self) -> Value {
        Value::Text(self.origin.clone())
    }

    fn data(&self) -> Value {
        self.data.clone()
    }
}
