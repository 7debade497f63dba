//! Anon's REST and webhook objects, typed with serde.
//!
//! Unknown enum values are kept (as `Other(String)`), never rejected, so a new event type or
//! status from Anon does not break a server that runs an older version of this crate.
//!
//! # Examples
//! ```
//! use anon_modal::models::{WebhookEvent, WebhookEventType};
//! let event: WebhookEvent = serde_json::from_str(r#"{
//!   "id": "evt_1", "object": "event", "created": "2023-11-07T05:31:56Z",
//!   "type": "migration.completed",
//!   "data": {"migration_id": "mig_1", "object": "migration"}
//! }"#).unwrap();
//! assert_eq!(event.event_type, WebhookEventType::MigrationCompleted);
//! assert_eq!(event.created.unix_millis(), 1_699_335_116_000);
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A timestamp as Anon writes it: ISO 8601 with a zone (`2023-11-07T05:31:56Z`) or without
/// one (`2025-06-18T04:06:42.453452`, read as UTC). Keeps the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    unix_micros: i64,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]` (a space may stand for `T`).
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
        if b.get(at) == Some(&b'.') {
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
            Some([]) => 0,
            Some([b'Z' | b'z']) => 0,
            Some([sign @ (b'+' | b'-'), _, _, b':', _, _]) => {
                let (h, m) = (num(at + 1, 2)?, num(at + 4, 2)?);
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
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as sent.
            Other(String),
        }

        impl $name {
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

open_enum! {
    /// A file's medallion layer.
    FileLayer {
        /// Raw data as the source provider returned it.
        Bronze = "bronze",
        /// Data mapped to Anon's schema, as JSON.
        Silver = "silver",
    }
}

/// A webhook delivery's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEvent {
    /// The event id (`evt_...`).
    pub id: String,
    /// Always `"event"`.
    pub object: String,
    /// When the event happened.
    pub created: Timestamp,
    /// What happened.
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// The object it happened to.
    pub data: WebhookEventData,
}

/// A webhook event's `data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEventData {
    /// The migration concerned.
    pub migration_id: String,
    /// The object type, e.g. `"migration"` or `"migration_task"`.
    pub object: String,
    /// Why it failed, on `*.failed` events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// A migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Migration {
    /// The migration id.
    pub id: String,
    /// Always `"migration"`.
    pub object: String,
    /// The company (your Anon account).
    pub company_id: String,
    /// When it was created.
    pub created: Timestamp,
    /// Your user for whom it runs.
    pub created_by_user_id: String,
    /// Where it stands.
    pub status: MigrationStatus,
}

/// `POST /api/v1/migration-modal` request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateModalRequest {
    /// Your id for the user who migrates.
    pub user_id: String,
    /// The provider to migrate from, e.g. `"salesforce"`.
    pub source_provider: String,
}

/// `POST /api/v1/migration-modal` response: hand `url` (and `expires_at`) to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateModalResponse {
    /// Always `"migration_modal"`.
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
}

/// A file from the Files API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    /// The file id.
    pub id: String,
    /// When it was written.
    pub created: Timestamp,
    /// The file name.
    pub name: String,
    /// Its medallion layer.
    #[serde(rename = "type")]
    pub layer: FileLayer,
    /// Where to download its content.
    pub url: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its MIME type.
    pub content_type: String,
    /// The migration that produced it.
    pub migration_id: String,
}

/// A page of files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileList {
    /// Always `"list"`.
    pub object: String,
    /// The files.
    pub data: Vec<File>,
    /// Whether more pages follow.
    #[serde(default)]
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn webhook_events_parse_and_keep_unknown_types() {
        let failed: WebhookEvent = serde_json::from_str(
            r#"{"id":"evt_2","object":"event","created":"2025-06-18T04:06:42.453452","type":"migration_task.failed",
                "data":{"migration_id":"mig_2","object":"migration_task","error_message":"token revoked"}}"#,
        )
        .unwrap();
        assert_eq!(failed.event_type, WebhookEventType::MigrationTaskFailed);
        assert_eq!(failed.data.error_message.as_deref(), Some("token revoked"));
        let future: WebhookEvent = serde_json::from_str(
            r#"{"id":"evt_3","object":"event","created":"2025-06-18T04:06:42Z","type":"migration.paused",
                "data":{"migration_id":"mig_3","object":"migration"}}"#,
        )
        .unwrap();
        assert_eq!(
            future.event_type,
            WebhookEventType::Other("migration.paused".into())
        );
        let round = serde_json::to_value(&future).unwrap();
        assert_eq!(round["type"], "migration.paused");
        assert_eq!(round["created"], "2025-06-18T04:06:42Z");
    }

    #[test]
    fn all_event_types_and_statuses_round_trip() {
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
            assert!(
                !matches!(MigrationStatus::from_wire(s), MigrationStatus::Other(_)),
                "{s}"
            );
        }
    }

    #[test]
    fn migration_modal_and_files() {
        let migration: Migration = serde_json::from_str(
            r#"{"company_id":"co_1","created":"2023-11-07T05:31:56Z","id":"mig_1","created_by_user_id":"u_1",
                "object":"migration","status":"COMPLETED_WITH_FAILURES"}"#,
        )
        .unwrap();
        assert_eq!(migration.status, MigrationStatus::CompletedWithFailures);
        let modal: CreateModalResponse = serde_json::from_str(
            r#"{"object":"migration_modal","id":"mm_1","migration_id":"mig_1","url":"https://x/modal",
                "created":"2023-11-07T05:31:56Z","expires_at":"2023-11-07T05:41:56Z"}"#,
        )
        .unwrap();
        assert_eq!(
            modal.expires_at.unix_millis() - modal.created.unix_millis(),
            600_000
        );
        let files: FileList = serde_json::from_str(
            r#"{"object":"list","data":[{"id":"file_1","created":"2023-11-07T05:31:56Z","name":"contacts.json",
                "type":"silver","url":"https://x/files/file_1/content","size":1234,"content_type":"application/json",
                "migration_id":"mig_1"},{"id":"file_2","created":"2023-11-07T05:31:56Z","name":"raw.csv","type":"bronze",
                "url":"https://x/files/file_2/content","size":99,"content_type":"text/csv","migration_id":"mig_1"}]}"#,
        )
        .unwrap();
        assert_eq!(files.data[0].layer, FileLayer::Silver);
        assert_eq!(files.data[1].layer, FileLayer::Bronze);
        assert!(!files.has_more);
        let request = serde_json::to_string(&CreateModalRequest {
            user_id: "u_1".into(),
            source_provider: "salesforce".into(),
        })
        .unwrap();
        assert_eq!(request, r#"{"user_id":"u_1","source_provider":"salesforce"}"#);
    }
}
