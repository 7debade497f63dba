//! Anon's REST and webhook objects, typed with serde, to the shapes of Anon's documents.
//!
//! Nothing a sender sent is lost: unknown enum values are kept (as `Other(String)`), unknown
//! fields go to each object's `extra` map, and serializing gives back every field. So a new
//! event type, status, file type or field from Anon never breaks a server that runs an older
//! version of this crate. The limits are serde_json's: a number is kept as a 64-bit integer or
//! the `f64` nearest it, as `JSON.parse` reads it (a wider one loses digits, one beyond `f64`
//! is refused), and a lone UTF-16 surrogate escaped in a string is read as U+FFFD.
//!
//! # Examples
//! ```
//! use anon_modal::models::{MigrationStatus, WebhookEvent, WebhookEventType};
//! let event: WebhookEvent = serde_json::from_str(r#"{
//!   "id": "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S", "object": "event",
//!   "created": "2025-06-18T00:50:40.301173", "type": "migration.completed",
//!   "data": {
//!     "migration_id": "mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ",
//!     "object": {
//!       "company_id": "f7b2d4e9-3c8a-4f1b-9e6d-2a5c8b7f3e91", "created": "2025-06-18T04:06:42.453452",
//!       "id": "mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ", "created_by_user_id": "usr_01HX4J1SQ93Y9F6VBQ4JPZW66S",
//!       "object": "migration", "status": "COMPLETE"
//!     }
//!   }
//! }"#)?;
//! assert_eq!(event.event_type, WebhookEventType::MigrationCompleted);
//! assert_eq!(event.created.unix_millis(), 1_750_207_840_301);
//! let migration = event.migration().expect("migration.* events carry a migration");
//! assert_eq!(migration.status, MigrationStatus::Complete);
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A timestamp as Anon writes it: ISO 8601 with a zone (`2023-11-07T05:31:56Z`) or without
/// one (`2025-06-18T04:06:42.453452`, read as UTC). Keeps the original text.
///
/// Timestamps compare as instants, to the microsecond: `2023-11-07T05:31:56Z`,
/// `2023-11-07T06:31:56+01:00` and `2023-11-07T05:31:56` are equal, and an earlier one sorts
/// first, so a handler can tell which of two events came later (deliveries arrive in no
/// promised order).
#[derive(Debug, Clone)]
pub struct Timestamp {
    text: String,
    unix_micros: i64,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM|±HHMM|±HH]` (a space may stand for `T`,
    /// a comma for the point).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let part = b.get(from..from + len)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let sep = |at: usize, options: &[u8]| b.get(at).is_some_and(|c| options.contains(c));
        if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
            return None;
        }
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut at = 19;
        let mut micros = 0;
        // ISO 8601 allows a comma before the fraction, as well as RFC 3339's point.
        if matches!(b.get(at), Some(b'.' | b',')) {
            at += 1;
            let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            let fraction = &b[at..at + digits];
            micros = fraction
                .iter()
                .chain(std::iter::repeat(&b'0'))
                .take(6)
                .fold(0, |n, d| n * 10 + i64::from(d - b'0'));
            at += digits;
        }
        let offset_secs = match b.get(at..) {
            Some([] | [b'Z' | b'z']) => 0,
            // RFC 3339's `±HH:MM`, and ISO 8601's `±HHMM` and `±HH` (Python's `%z` and
            // PostgreSQL's text output write these).
            Some([sign @ (b'+' | b'-'), rest @ ..]) => {
                let (h, m) = match rest {
                    [_, _] => (num(at + 1, 2)?, 0),
                    [_, _, _, _] => (num(at + 1, 2)?, num(at + 3, 2)?),
                    [_, _, b':', _, _] => (num(at + 1, 2)?, num(at + 4, 2)?),
                    _ => return None,
                };
                if h > 23 || m > 59 {
                    return None;
                }
                let secs = h * 3600 + m * 60;
                if *sign == b'+' {
                    secs
                } else {
                    -secs
                }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
        Some(Timestamp {
            text: text.to_owned(),
            unix_micros: secs * 1_000_000 + micros,
        })
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Milliseconds since the Unix epoch (UTC).
    pub fn unix_millis(&self) -> i64 {
        self.unix_micros.div_euclid(1000)
    }

    /// Microseconds since the Unix epoch (UTC).
    pub fn unix_micros(&self) -> i64 {
        self.unix_micros
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.unix_micros == other.unix_micros
    }
}

impl Eq for Timestamp {}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.unix_micros.hash(state);
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.unix_micros.cmp(&other.unix_micros)
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// The text as received, as [`Timestamp::as_str`] gives it.
impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| serde::de::Error::custom("expected an ISO 8601 timestamp"))
    }
}

/// A string enum that keeps values it does not know.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as sent. A later version may give it
            /// a variant of its own: match a value you know only by name on `as_str()`.
            Other(String),
        }

        impl $name {
            /// Every value this version knows, as sent.
            pub const KNOWN: &'static [&'static str] = &[$($wire,)*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(other) => other,
                }
            }

            /// The variant for a wire value (`Other` when unknown).
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        /// The wire value, as [`as_str`](Self::as_str) gives it: for a log line or a column.
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// As [`from_wire`](Self::from_wire): a value this version does not know is `Other`,
        /// never an error, so a value stored as text reads back whatever Anon added since.
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name::from_wire(text))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok($name::from_wire(&String::deserialize(deserializer)?))
            }
        }
    };
}

open_enum! {
    /// The type of a webhook event.
    WebhookEventType {
        /// `migration.created`
        MigrationCreated = "migration.created",
        /// `migration.started`
        MigrationStarted = "migration.started",
        /// `migration.completed`
        MigrationCompleted = "migration.completed",
        /// `migration.failed`
        MigrationFailed = "migration.failed",
        /// `migration_task.failed`
        MigrationTaskFailed = "migration_task.failed",
    }
}

open_enum! {
    /// A migration's status.
    MigrationStatus {
        /// Created, not started.
        NotStarted = "NOT_STARTED",
        /// Running.
        Working = "WORKING",
        /// Done, every task succeeded.
        Complete = "COMPLETE",
        /// Done, some tasks failed.
        CompletedWithFailures = "COMPLETED_WITH_FAILURES",
        /// Failed.
        Failed = "FAILED",
    }
}

/// Fields an object carried that this version does not name, kept as sent.
pub type Extra = Map<String, Value>;

/// A file's type: what the file holds, e.g. `CompanyInfo-EntityType-Screenshot` (a screenshot
/// of a company-info entity type). An open set: any value Anon sends is kept as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileType(pub String);

impl FileType {
    /// The type as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FileType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A webhook delivery's body: the envelope every event shares.
///
/// Read from JSON, `data.object` is typed by the event's `type` (see [`EventObject`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawEvent")]
pub struct WebhookEvent {
    /// The event id (`evt_...`).
    pub id: String,
    /// `"event"`.
    pub object: String,
    /// When the event happened (Anon writes it without a zone: UTC).
    pub created: Timestamp,
    /// What happened.
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// The resource it happened to.
    pub data: WebhookEventData,
    /// Other fields, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A webhook event's `data`.
///
/// Every type Anon documents carries `migration_id` and `object` (the verifier refuses one
/// that does not); a newer type is never refused for what its `data` holds, so either may be
/// `None` there. `data` itself must be an object, as Anon's envelope of every event has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WebhookEventData {
    /// The migration concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migration_id: Option<String>,
    /// The resource object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<EventObject>,
    /// Why it failed, on `*.failed` events. An explicit `null` is kept in `extra` under its
    /// name instead; any other value that is not a string is refused on a documented type, and
    /// kept in `extra` on a newer one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Other fields, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A webhook event's resource object (`data.object`), typed where Anon documents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum EventObject {
    /// On the `migration.*` events Anon documents: the migration. On newer `migration.*`
    /// types, when their object is one.
    Migration(Migration),
    /// On `migration_task.*` events: the task, a JSON object whose schema Anon does not
    /// document, as sent.
    MigrationTask(Value),
    /// On event types this version does not know (a newer `migration.*` type's object that
    /// is no migration included): the object as sent.
    Other(Value),
}

impl EventObject {
    /// The migration, on `migration.*` events.
    pub fn as_migration(&self) -> Option<&Migration> {
        match self {
            EventObject::Migration(migration) => Some(migration),
            EventObject::MigrationTask(_) | EventObject::Other(_) => None,
        }
    }

    /// The object as JSON, whatever its kind.
    pub fn to_json(&self) -> Value {
        match self {
            EventObject::Migration(migration) => serde_json::to_value(migration).unwrap_or(Value::Null),
            EventObject::MigrationTask(value) | EventObject::Other(value) => value.clone(),
        }
    }
}

/// The event as it comes off the wire, before `data.object` is typed by `type`.
#[derive(Deserialize)]
#[serde(expecting = "an event object")]
struct RawEvent {
    id: String,
    object: String,
    created: Timestamp,
    #[serde(rename = "type")]
    event_type: WebhookEventType,
    data: RawEventData,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct RawEventData {
    // Checked by type in `try_from`: a documented type requires both, a newer one neither.
    // `Some(Value::Null)` for an explicit null: it must be kept, not read as absent.
    #[serde(default, deserialize_with = "present")]
    migration_id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    object: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    error_message: Option<Value>,
    #[serde(flatten)]
    extra: Extra,
}

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

impl TryFrom<RawEvent> for WebhookEvent {
    type Error = serde_json::Error;

    fn try_from(raw: RawEvent) -> Result<Self, Self::Error> {
        use serde::de::Error;
        let documented = !matches!(raw.event_type, WebhookEventType::Other(_));
        let mut extra = raw.data.extra;
        // A string where a documented type has one; what a newer type sends instead is kept as
        // sent, as is the `null` a serializer writes for "no message".
        let mut string = |name: &str, value: Option<Value>, null_kept: bool| match value {
            Some(Value::String(text)) => Ok(Some(text)),
            None => Ok(None),
            Some(other) if documented && !(null_kept && other.is_null()) => {
                Err(Self::Error::custom(format!("data.{name}: expected a string")))
            }
            Some(other) => {
                extra.insert(name.to_owned(), other);
                Ok(None)
            }
        };
        let migration_id = string("migration_id", raw.data.migration_id, false)?;
        let error_message = string("error_message", raw.data.error_message, true)?;
        if documented && migration_id.is_none() {
            return Err(Self::Error::custom("data: missing field `migration_id`"));
        }
        let object = match (raw.data.object, &raw.event_type) {
            (None, WebhookEventType::Other(_)) => None,
            (None, _) => return Err(Self::Error::custom("data: missing field `object`")),
            (Some(object), WebhookEventType::MigrationTaskFailed) if object.is_object() => {
                Some(EventObject::MigrationTask(object))
            }
            (Some(_), WebhookEventType::MigrationTaskFailed) => {
                return Err(Self::Error::custom("data.object: expected an object, the task"))
            }
            (Some(object), WebhookEventType::Other(kind)) => Some(
                // A type this version does not know is never refused: its object is typed where
                // it is a migration or a task, and kept as sent where not (a deletion's stub).
                if kind.starts_with("migration.") {
                    match serde_json::from_value(object.clone()) {
                        Ok(migration) => EventObject::Migration(migration),
                        Err(_) => EventObject::Other(object),
                    }
                } else if kind.starts_with("migration_task.") && object.is_object() {
                    EventObject::MigrationTask(object)
                } else {
                    EventObject::Other(object)
                },
            ),
            // The documented migration.* types carry a migration, or the delivery is refused,
            // saying which field was wrong (its path is lost past `try_from` otherwise).
            (Some(object), _) => Some(EventObject::Migration(
                serde_path_to_error::deserialize(object).map_err(|e| {
                    let at = match e.path().to_string() {
                        root if root == "." => String::new(),
                        path => format!(".{path}"),
                    };
                    Self::Error::custom(format!("data.object{at}: {}", e.inner()))
                })?,
            )),
        };
        Ok(WebhookEvent {
            id: raw.id,
            object: raw.object,
            created: raw.created,
            event_type: raw.event_type,
            data: WebhookEventData {
                migration_id,
                object,
                error_message,
                extra,
            },
            extra: raw.extra,
        })
    }
}

impl WebhookEvent {
    /// Reads a delivery's body, once its signature is verified, as `Verifier::verify_event`
    /// (feature `webhooks`) does. A byte order mark before the JSON is skipped (RFC 8259 lets a
    /// reader ignore it).
    ///
    /// A lone UTF-16 surrogate escaped in a string (`\ud83d` without its pair: an emoji cut in
    /// half by a sender's truncation), which JSON allows and `JSON.parse` reads but a Rust string
    /// cannot hold, is read as U+FFFD rather than refusing the event.
    ///
    /// # Errors
    /// When the body is not an Anon event: the error's text names the field that is not as
    /// Anon documents it, e.g. `data.object.created_by_user_id: invalid type: null, expected a string`
    /// (or says where the JSON is not JSON).
    pub fn from_json(body: &[u8]) -> Result<WebhookEvent, serde_json::Error> {
        use serde::de::Error;
        let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let json = lone_surrogates_replaced(json);
        let mut reader = serde_json::Deserializer::from_slice(&json);
        // With its path (`created: …`); what `try_from` refuses within `data` names its own.
        let event = serde_path_to_error::deserialize(&mut reader).map_err(serde_json::Error::custom)?;
        reader.end()?;
        Ok(event)
    }

    /// The migration concerned (`data.migration_id`): on every type Anon documents.
    pub fn migration_id(&self) -> Option<&str> {
        self.data.migration_id.as_deref()
    }

    /// The migration (`data.object`), on `migration.*` events.
    pub fn migration(&self) -> Option<&Migration> {
        self.data.object.as_ref().and_then(EventObject::as_migration)
    }
}

/// `json` with each escaped lone UTF-16 surrogate written as `\ufffd`, which takes as many
/// bytes; `json` itself when it has none. A backslash is always an escape's in JSON (none can be
/// part of a UTF-8 sequence), so no string needs to be tracked.
fn lone_surrogates_replaced(json: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    // The UTF-16 surrogate that the escape at `at` (`\uXXXX`) writes, if it writes one.
    let surrogate = |at: usize| -> Option<u16> {
        let hex = json.get(at..at + 6)?.strip_prefix(b"\\u")?;
        let unit = u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        (0xD800..=0xDFFF).contains(&unit).then_some(unit)
    };
    let mut out = std::borrow::Cow::Borrowed(json);
    let mut at = 0;
    while at < json.len() {
        if json[at] != b'\\' {
            at += 1;
            continue;
        }
        match surrogate(at) {
            Some(0xD800..=0xDBFF) if matches!(surrogate(at + 6), Some(0xDC00..=0xDFFF)) => at += 12,
            Some(_) => {
                out.to_mut()[at + 2..at + 6].copy_from_slice(b"fffd");
                at += 6;
            }
            // Any other escape: two bytes (`\\` included), and what follows is text.
            None => at += 2,
        }
    }
    out
}

/// A migration (the resource object of `migration.*` events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a migration object")]
pub struct Migration {
    /// The company, once the migration has one: Anon documents it as a UUID or `null` (a
    /// migration just created may have none yet). Absent reads as `None` too.
    pub company_id: Option<String>,
    /// When it was created.
    pub created: Timestamp,
    /// The migration id (`mig_...`).
    pub id: String,
    /// The user who created it, as Anon names users (`usr_...` in its documents): not
    /// necessarily the `user_id` your server sent when it created the modal.
    pub created_by_user_id: String,
    /// `"migration"`.
    pub object: String,
    /// Where it stands.
    pub status: MigrationStatus,
    /// Other fields, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /api/v1/migration-modal` request body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a create-modal request object")]
pub struct CreateModalRequest {
    /// Your id for the user who migrates.
    pub user_id: String,
    /// The provider to migrate from, e.g. `"gusto"`, which skips the modal's step that asks;
    /// `None` leaves the choice to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_provider: Option<String>,
    /// The other fields Anon's API reference lists (`source_providers`, `default_hidden`,
    /// `timeout_minutes`), sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /api/v1/migration-modal` response: hand `url` (and `expires_at`) to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a migration modal object")]
pub struct CreateModalResponse {
    /// `"migration_modal"`.
    pub object: String,
    /// The modal id.
    pub id: String,
    /// The migration the modal starts.
    pub migration_id: String,
    /// The signed, short-lived modal URL.
    pub url: String,
    /// When it was created.
    pub created: Timestamp,
    /// When `url` stops working.
    pub expires_at: Timestamp,
    /// Other fields, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A file from the Files API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a file object")]
pub struct File {
    /// `"file"`.
    pub object: String,
    /// The file id.
    pub id: String,
    /// When it was written.
    pub created: Timestamp,
    /// The file name.
    pub name: String,
    /// What the file holds (not its medallion layer).
    #[serde(rename = "type")]
    pub file_type: FileType,
    /// Where to download its content.
    pub url: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its MIME type.
    pub content_type: String,
    /// The migration that produced it.
    pub migration_id: String,
    /// Other fields, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A page of files, as the local mock serves it.
///
/// Anon's documents show a single file, not the list's shape: this one (`object: "list"`,
/// `data`, `has_more`) is the common API convention, an assumption until a real response
/// confirms it. Fields beyond it are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a list of files")]
pub struct FileList {
    /// `"list"`.
    pub object: String,
    /// The files.
    pub data: Vec<File>,
    /// Whether more pages follow (`None` when the page does not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_more: Option<bool>,
    /// Other fields, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamps_with_and_without_zone() {
        let z = Timestamp::parse("2023-11-07T05:31:56Z").unwrap();
        assert_eq!(z.unix_millis(), 1_699_335_116_000);
        let naive = Timestamp::parse("2025-06-18T04:06:42.453452").unwrap();
        assert_eq!(naive.unix_micros(), 1_750_219_602_453_452);
        let offset = Timestamp::parse("2023-11-07T06:31:56+01:00").unwrap();
        assert_eq!(offset.unix_millis(), z.unix_millis());
        assert_eq!(Timestamp::parse("1970-01-01T00:00:00Z").unwrap().unix_micros(), 0);
        assert_eq!(
            Timestamp::parse("2024-02-29T00:00:00Z").unwrap().unix_millis(),
            1_709_164_800_000
        );
        assert_eq!(naive.as_str(), "2025-06-18T04:06:42.453452");
        for bad in [
            "",
            "2023-11-07",
            "2023-13-07T00:00:00Z",
            "2023-02-30T00:00:00Z",
            "2023-11-07T05:31:56Q",
            "2023-11-07T05:31:56.Z",
            "２０２３-11-07T05:31:56Z",
            "2023-11-07T05:31:56+1:00",
            "2023-11-07T05:31:56+1",
            "2023-11-07T05:31:56+010",
            "2023-11-07T05:31:56+01:0",
            "2023-11-07T05:31:56+01:00:00",
            "2023-11-07T05:31:56+0100Z",
            "2023-11-07T05:31:56,Z",
            "2023-11-07T05:31:56.,1Z",
            // Each separator, each field past its range, each offset past its range.
            "2023/11-07T05:31:56Z",
            "2023-11/07T05:31:56Z",
            "2023-11-07_05:31:56Z",
            "2023-11-07T05-31:56Z",
            "2023-11-07T05:31-56Z",
            "2023-11-00T05:31:56Z",
            "2023-11-07T24:00:00Z",
            "2023-11-07T23:60:00Z",
            "2023-11-07T23:59:61Z",
            "2023-11-07T05:31:56.1234567890Z",
            "2023-11-07T05:31:56+24:00",
            "2023-11-07T05:31:56+01:60",
            "2023-11-31T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad:?}");
        }
        // The last value of each range, a leap second, nine fraction digits (microseconds
        // kept), and offsets with minutes either way.
        let at = |text: &str| Timestamp::parse(text).map(|t| t.unix_micros());
        let midnight = at("2023-11-08T00:00:00Z").unwrap();
        assert_eq!(at("2023-11-07T23:59:59Z"), Some(midnight - 1_000_000));
        assert_eq!(at("2023-11-07T23:59:60Z"), Some(midnight));
        assert_eq!(at("2023-11-07 23:59:59.123456789z"), Some(midnight - 876_544));
        assert_eq!(at("2023-11-08T05:30:00+05:30"), Some(midnight));
        assert_eq!(at("2023-11-07T20:15:00-03:45"), Some(midnight));
        assert_eq!(at("2023-11-08T23:59:00+23:59"), Some(midnight));
        // ISO 8601's other offsets and its comma, as Python's `%z` and PostgreSQL write them.
        assert_eq!(at("2023-11-08T05:30:00+0530"), Some(midnight));
        assert_eq!(at("2023-11-07T20:15:00-0345"), Some(midnight));
        assert_eq!(at("2023-11-08T00:00:00.000000+00"), Some(midnight));
        assert_eq!(at("2023-11-07T21:00:00-03"), Some(midnight));
        assert_eq!(at("2023-11-07 23:59:59,5+0000"), Some(midnight - 500_000));
        assert!(at("2023-11-08T00:00:00+24").is_none() && at("2023-11-08T00:00:00+0060").is_none());
        assert!(at("2000-02-29T00:00:00Z").is_some(), "a leap century");
    }

    #[test]
    fn timestamps_compare_as_instants() {
        use std::hash::BuildHasher;
        let t = |text: &str| Timestamp::parse(text).unwrap();
        let z = t("2023-11-07T05:31:56Z");
        for same in [
            "2023-11-07T06:31:56+01:00",
            "2023-11-07T05:31:56",
            "2023-11-07 05:31:56.000000z",
        ] {
            assert_eq!(t(same), z, "{same}");
        }
        let state = std::hash::RandomState::new();
        assert_eq!(state.hash_one(t("2023-11-07T05:31:56")), state.hash_one(&z));
        let later = t("2023-11-07T05:31:56.000001Z");
        assert!(z < later && later > t("2023-11-07T06:31:56+01:00"));
        assert_ne!(z, later);
        assert_ne!(
            state.hash_one(&later),
            state.hash_one(&z),
            "a hash of the instant"
        );
        let mut events = [later.clone(), t("2023-11-07T04:00:00-02:00"), z.clone()];
        events.sort();
        assert_eq!(
            events.iter().map(Timestamp::as_str).collect::<Vec<_>>(),
            [
                "2023-11-07T05:31:56Z",
                "2023-11-07T05:31:56.000001Z",
                "2023-11-07T04:00:00-02:00"
            ]
        );
    }

    #[test]
    fn all_event_types_and_statuses_are_known() {
        for t in [
            "migration.created",
            "migration.started",
            "migration.completed",
            "migration.failed",
            "migration_task.failed",
        ] {
            let parsed = WebhookEventType::from_wire(t);
            assert!(!matches!(parsed, WebhookEventType::Other(_)), "{t}");
            assert_eq!(parsed.as_str(), t);
        }
        for s in [
            "NOT_STARTED",
            "WORKING",
            "COMPLETE",
            "COMPLETED_WITH_FAILURES",
            "FAILED",
        ] {
            let parsed = MigrationStatus::from_wire(s);
            assert!(!matches!(parsed, MigrationStatus::Other(_)), "{s}");
            assert_eq!(parsed.as_str(), s);
        }
    }

    fn event(event_type: &str, object: Value) -> Value {
        json!({
            "id": "evt_1", "object": "event", "created": "2025-06-18T00:50:40.301173",
            "type": event_type, "data": {"migration_id": "mig_1", "object": object}
        })
    }

    fn migration(status: &str) -> Value {
        json!({
            "company_id": "co_1", "created": "2025-06-18T04:06:42.453452", "id": "mig_1",
            "created_by_user_id": "usr_1", "object": "migration", "status": status
        })
    }

    /// Parses `value` as an event and checks that serializing gives it back whole.
    fn round_trip(value: Value) -> WebhookEvent {
        let parsed: WebhookEvent = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), value);
        parsed
    }

    #[test]
    fn data_object_is_typed_by_the_event_type() {
        let created = round_trip(event("migration.created", migration("NOT_STARTED")));
        let m = created.migration().unwrap();
        assert_eq!(
            (m.id.as_str(), &m.status),
            ("mig_1", &MigrationStatus::NotStarted)
        );
        assert_eq!(
            created.data.object.as_ref().unwrap().to_json(),
            migration("NOT_STARTED")
        );
        // A migration just created may have no company yet: Anon documents `company_id` as a
        // UUID or null. Absent, it reads as null too.
        let mut companyless = migration("NOT_STARTED");
        companyless["company_id"] = json!(null);
        let created = round_trip(event("migration.created", companyless.clone()));
        assert_eq!(created.migration().unwrap().company_id, None);
        companyless.as_object_mut().unwrap().remove("company_id");
        let parsed: WebhookEvent = serde_json::from_value(event("migration.created", companyless)).unwrap();
        assert_eq!(parsed.migration().unwrap().company_id, None);
        // A migration.* type this version does not know still carries a migration.
        let paused = round_trip(event("migration.paused", migration("PAUSED")));
        assert_eq!(
            paused.event_type,
            WebhookEventType::Other("migration.paused".into())
        );
        assert_eq!(
            paused.migration().unwrap().status,
            MigrationStatus::Other("PAUSED".into())
        );
        // And one whose object is no migration is kept as sent, never refused.
        for object in [
            json!({"id": "mig_1", "object": "migration", "deleted": true}),
            json!(null),
        ] {
            let deleted = round_trip(event("migration.deleted", object.clone()));
            assert_eq!(deleted.data.object, Some(EventObject::Other(object)));
        }
        let task_object =
            json!({"id": "task_1", "object": "migration_task", "steps": [1, 2.5, null, {"deep": true}]});
        let task = round_trip(event("migration_task.failed", task_object.clone()));
        assert_eq!(task.data.object, Some(EventObject::MigrationTask(task_object)));
        assert_eq!(task.migration(), None);
        for object in [
            json!("migration"),
            json!(null),
            json!([1, "two"]),
            json!({"x": {"y": []}}),
        ] {
            let other = round_trip(event("company.updated", object.clone()));
            assert_eq!(other.data.object, Some(EventObject::Other(object.clone())));
            let task = round_trip(event("migration_task.retried", object.clone()));
            let kept = if object.is_object() {
                EventObject::MigrationTask(object)
            } else {
                EventObject::Other(object)
            };
            assert_eq!(task.data.object, Some(kept));
        }
    }

    #[test]
    fn a_newer_type_is_never_refused_for_its_data() {
        for data in [
            json!({}),
            json!({"company_id": "co_1"}),
            json!({"object": {"id": "conn_1"}}),
            json!({"migration_id": null, "object": null}),
            json!({"migration_id": 7, "error_message": {"code": "E1"}}),
        ] {
            let mut value = event("connection.created", json!(null));
            value["data"] = data.clone();
            let parsed = round_trip(value);
            assert_eq!(parsed.migration_id(), None, "{data}");
            assert_eq!(parsed.data.error_message, None, "{data}");
        }
        let mut value = event("connection.created", json!({"id": "conn_1"}));
        value["data"].as_object_mut().unwrap().remove("migration_id");
        let parsed = round_trip(value);
        assert_eq!(
            parsed.data.object,
            Some(EventObject::Other(json!({"id": "conn_1"})))
        );
        // A documented type is refused without either, or with a migration_id that is no string.
        for (field, odd) in [
            ("migration_id", None),
            ("object", None),
            ("migration_id", Some(json!(7))),
        ] {
            let mut value = event("migration.completed", migration("COMPLETE"));
            match odd {
                Some(odd) => value["data"][field] = odd,
                None => drop(value["data"].as_object_mut().unwrap().remove(field)),
            }
            assert!(serde_json::from_value::<WebhookEvent>(value).is_err(), "{field}");
        }
    }

    #[test]
    fn a_documented_event_without_its_object_is_refused() {
        for object in [
            json!("migration"),
            json!({"id": "mig_1"}),
            migration("")
                .as_object()
                .map(|m| {
                    let mut m = m.clone();
                    m.remove("created");
                    Value::Object(m)
                })
                .unwrap(),
        ] {
            assert!(
                serde_json::from_value::<WebhookEvent>(event("migration.completed", object.clone())).is_err(),
                "{object}"
            );
        }
        for object in [json!("task_1"), json!(null), json!([{}])] {
            assert!(
                serde_json::from_value::<WebhookEvent>(event("migration_task.failed", object.clone()))
                    .is_err(),
                "{object}"
            );
        }
    }

    /// An escaped lone surrogate, which `JSON.parse` reads, costs the event nothing but that
    /// character; a pair, an escaped backslash before `u` and any other escape are as sent.
    #[test]
    fn from_json_reads_a_lone_surrogate_as_the_replacement_character() {
        let with_message = |escaped: &str| {
            let mut failed = event("migration.failed", migration("FAILED"));
            failed["data"]["error_message"] = json!("MESSAGE");
            let body = failed.to_string().replace("MESSAGE", escaped);
            WebhookEvent::from_json(body.as_bytes()).map(|event| event.data.error_message.unwrap())
        };
        for (escaped, read) in [
            ("cut \\ud83d", "cut \u{FFFD}"),
            ("\\ude00 low", "\u{FFFD} low"),
            ("\\uDE00\\uD83D reversed", "\u{FFFD}\u{FFFD} reversed"),
            ("\\ud83d\\u0041", "\u{FFFD}A"),
            ("\\ud83d\\ude00 pair", "\u{1F600} pair"),
            ("\\ud83d\\ude00 then \\ud83d", "\u{1F600} then \u{FFFD}"),
            ("\\\\ud800 text", "\\ud800 text"),
            ("\\\\\\ud800", "\\\u{FFFD}"),
            ("tab\\t\\\"q\\\"", "tab\t\"q\""),
        ] {
            assert_eq!(with_message(escaped).ok().as_deref(), Some(read), "{escaped}");
        }
        assert!(with_message("\\ud83").is_err(), "a short escape is still no JSON");
    }

    /// `from_json` names the field of a refused event, which serde alone loses inside
    /// `data.object`, and reads a body as `serde_json` does past a byte order mark.
    #[test]
    fn from_json_names_the_field_refused() {
        let why = |value: &Value| {
            WebhookEvent::from_json(value.to_string().as_bytes())
                .unwrap_err()
                .to_string()
        };
        let whole = event("migration.completed", migration("COMPLETE"));
        let mut creator = whole.clone();
        creator["data"]["object"]["created_by_user_id"] = json!(null);
        assert_eq!(
            why(&creator),
            "data.object.created_by_user_id: invalid type: null, expected a string"
        );
        let mut created = whole.clone();
        created["data"]["object"]["created"] = json!("2025-06-18");
        assert_eq!(
            why(&created),
            "data.object.created: expected an ISO 8601 timestamp"
        );
        let mut no_creator = whole.clone();
        no_creator["data"]["object"]
            .as_object_mut()
            .unwrap()
            .remove("created_by_user_id");
        assert_eq!(
            why(&no_creator),
            "data.object: missing field `created_by_user_id`"
        );
        let mut no_id = whole.clone();
        no_id["data"].as_object_mut().unwrap().remove("migration_id");
        assert_eq!(why(&no_id), "data: missing field `migration_id`");
        // What is no object says what was expected, not the name of a type of this crate's.
        let mut no_data = whole.clone();
        no_data["data"] = json!(null);
        assert!(why(&no_data).starts_with("data: invalid type: null, expected an object at line 1"));
        assert!(
            why(&json!([whole])).starts_with("invalid type: sequence, expected an event object at line 1")
        );
        let mut envelope = whole.clone();
        envelope["created"] = json!(5);
        assert!(why(&envelope).starts_with("created: invalid type: integer `5`, expected a string at line 1"));
        let mut message = event("migration.failed", migration("FAILED"));
        message["data"]["error_message"] = json!(42);
        assert_eq!(why(&message), "data.error_message: expected a string");
        assert_eq!(
            why(&event("migration_task.failed", json!("task_1"))),
            "data.object: expected an object, the task"
        );
        assert!(why(&event("migration.created", json!([])))
            .starts_with("data.object: invalid type: sequence, expected a migration object"));
        let named = |error: serde_json::Error| error.to_string();
        assert!(named(serde_json::from_str::<File>("[]").unwrap_err())
            .starts_with("invalid type: sequence, expected a file object"));
        assert!(named(serde_json::from_str::<FileList>("1").unwrap_err())
            .starts_with("invalid type: integer `1`, expected a list of files"));
        assert!(
            named(serde_json::from_str::<CreateModalRequest>("[]").unwrap_err())
                .starts_with("invalid type: sequence, expected a create-modal request object")
        );
        assert!(
            named(serde_json::from_str::<CreateModalResponse>("null").unwrap_err())
                .starts_with("invalid type: null, expected a migration modal object")
        );

        let read = WebhookEvent::from_json(format!("\u{feff}{whole}").as_bytes()).unwrap();
        assert_eq!(
            read,
            serde_json::from_value::<WebhookEvent>(whole.clone()).unwrap()
        );
        assert!(WebhookEvent::from_json(format!("{whole} x").as_bytes()).is_err());
        assert!(WebhookEvent::from_json(format!("\u{feff}\u{feff}{whole}").as_bytes()).is_err());
    }

    #[test]
    fn unknown_fields_and_error_messages_are_kept() {
        let mut value = event("migration.failed", migration("FAILED"));
        value["livemode"] = json!(false);
        value["data"]["error_message"] = json!("token revoked");
        value["data"]["attempt"] = json!(2);
        value["data"]["object"]["source_provider"] = json!("gusto");
        let failed = round_trip(value);
        assert_eq!(failed.extra["livemode"], json!(false));
        assert_eq!(failed.data.error_message.as_deref(), Some("token revoked"));
        assert_eq!(failed.data.extra["attempt"], json!(2));
        assert_eq!(
            failed.migration().unwrap().extra["source_provider"],
            json!("gusto")
        );
        // An explicit null error_message is kept as sent, in `extra`; any other non-string is
        // no documented shape.
        let mut value = event("migration.created", migration("NOT_STARTED"));
        value["data"]["error_message"] = json!(null);
        let parsed = round_trip(value);
        assert_eq!(parsed.data.error_message, None);
        assert_eq!(parsed.data.extra["error_message"], json!(null));
        for odd in [json!(42), json!({"code": "E1"}), json!(["E1"])] {
            let mut value = event("migration.failed", migration("FAILED"));
            value["data"]["error_message"] = odd.clone();
            assert!(serde_json::from_value::<WebhookEvent>(value).is_err(), "{odd}");
        }
    }

    #[test]
    fn decimals_are_read_as_json_parse_reads_them() {
        // Each is the shortest text of its f64, which serde_json's default reading misses by
        // one unit in the last place; an undocumented task object keeps them as sent.
        let decimals = "[0.9720916325967499,0.21291890726713458]";
        let text = event("migration_task.failed", json!({"id": "task_1"}))
            .to_string()
            .replace(
                r#""id":"task_1""#,
                &format!(r#""id":"task_1","progress":{decimals}"#),
            );
        let parsed = WebhookEvent::from_json(text.as_bytes()).unwrap();
        let Some(EventObject::MigrationTask(task)) = &parsed.data.object else {
            panic!("{parsed:?}");
        };
        assert_eq!(task["progress"], json!([0.9720916325967499, 0.21291890726713458]));
        assert!(serde_json::to_string(&parsed).unwrap().contains(decimals));
    }

    #[test]
    fn envelopes_missing_a_documented_field_are_refused() {
        let whole = event("migration_task.failed", json!({}));
        for (path, field) in [
            ("", "id"),
            ("", "object"),
            ("", "created"),
            ("", "type"),
            ("", "data"),
            ("data", "migration_id"),
            ("data", "object"),
        ] {
            let mut value = whole.clone();
            let target = if path.is_empty() {
                &mut value
            } else {
                &mut value[path]
            };
            target.as_object_mut().unwrap().remove(field);
            assert!(
                serde_json::from_value::<WebhookEvent>(value).is_err(),
                "{path}.{field}"
            );
        }
        let mut bad_time = whole.clone();
        bad_time["created"] = json!("yesterday");
        assert!(serde_json::from_value::<WebhookEvent>(bad_time).is_err());
        assert!(serde_json::from_str::<WebhookEvent>(
            r#"{"id":"a","id":"b","object":"event","created":"2025-06-18T00:50:40","type":"x","data":{"migration_id":"m","object":1}}"#
        )
        .is_err(), "a repeated field is refused, not resolved silently");
    }

    #[test]
    fn open_enums_and_timestamps_read_and_write_as_text() {
        for text in MigrationStatus::KNOWN.iter().copied().chain(["PAUSED"]) {
            let status: MigrationStatus = text.parse().unwrap();
            assert_eq!(status, MigrationStatus::from_wire(text));
            assert_eq!(status.to_string(), text);
        }
        for text in WebhookEventType::KNOWN
            .iter()
            .copied()
            .chain(["migration.paused"])
        {
            let kind: WebhookEventType = text.parse().unwrap();
            assert_eq!(kind.to_string(), text);
        }
        assert_eq!(
            "PAUSED".parse::<MigrationStatus>().unwrap(),
            MigrationStatus::Other("PAUSED".into())
        );
        let created = Timestamp::parse("2025-06-18T04:06:42.453452").unwrap();
        assert_eq!(created.to_string(), "2025-06-18T04:06:42.453452");
    }

    #[test]
    fn files_and_modals_keep_every_field() {
        let file = json!({
            "object": "file", "id": "f_1", "created": "2023-11-07T05:31:56Z", "name": "acme.png",
            "type": "CompanyInfo-EntityType-Screenshot", "url": "https://x/f_1", "size": 123,
            "content_type": "image/png", "migration_id": "mig_1", "layer": "bronze"
        });
        let parsed: File = serde_json::from_value(file.clone()).unwrap();
        assert_eq!(parsed.file_type.as_str(), "CompanyInfo-EntityType-Screenshot");
        assert_eq!(parsed.file_type.to_string(), "CompanyInfo-EntityType-Screenshot");
        assert_eq!(parsed.extra["layer"], json!("bronze"));
        assert_eq!(serde_json::to_value(&parsed).unwrap(), file);
        let list = json!({"object": "list", "data": [file], "next_cursor": "c_2"});
        let page: FileList = serde_json::from_value(list.clone()).unwrap();
        assert_eq!(page.has_more, None);
        assert_eq!(serde_json::to_value(&page).unwrap(), list);
        let request = serde_json::to_string(&CreateModalRequest {
            user_id: "u_1".into(),
            source_provider: Some("gusto".into()),
            ..CreateModalRequest::default()
        })
        .unwrap();
        assert_eq!(request, r#"{"user_id":"u_1","source_provider":"gusto"}"#);
        // The provider left to the user, and a field of Anon's this version does not name.
        let mut extra = Extra::new();
        extra.insert("timeout_minutes".into(), json!(30));
        let request = CreateModalRequest {
            user_id: "u_1".into(),
            source_provider: None,
            extra,
        };
        let sent = serde_json::to_string(&request).unwrap();
        assert_eq!(sent, r#"{"user_id":"u_1","timeout_minutes":30}"#);
        assert_eq!(
            serde_json::from_str::<CreateModalRequest>(&sent).unwrap(),
            request
        );
    }
}
