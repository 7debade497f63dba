//! Anon's own examples (tests/fixtures, copied from its documents) through the models and the
//! verifier: every event type parses, verifies when signed, and comes back whole.
#![cfg(all(feature = "webhooks", feature = "models"))]

use anon_modal::models::{
    CreateModalResponse, EventObject, File, Migration, MigrationStatus, WebhookEvent, WebhookEventType,
};
use anon_modal::webhooks::{Signer, Verifier, WebhookError, WebhookHeaders};
use serde_json::Value;

const EVENT: &str = include_str!("fixtures/event.json");
const MIGRATION: &str = include_str!("fixtures/migration.json");
const FILE: &str = include_str!("fixtures/file.json");
const CREATE_MODAL: &str = include_str!("fixtures/create-modal-response.json");

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ED_SECRET: &str = "whsk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const MSG_ID: &str = "msg_2ycTlwDkllobhXwGILmiziO9xnz";
const SENT_AT: i64 = 1750133013;

/// The page's envelope for one event type: the documents' bytes, with the type filled in, the
/// migration's status the one the page gives for that type, and `error_message` only on
/// `*.failed` events, as the page says.
fn envelope(event_type: &str, status: &str) -> String {
    let text = EVENT
        .replace("\"<event_type>\"", &format!("\"{event_type}\""))
        .replace("\"NOT_STARTED\"", &format!("\"{status}\""));
    if event_type.ends_with(".failed") {
        text
    } else {
        text.replace(
            ",\n    \"error_message\": \"Only present for *.failed events\"",
            "",
        )
    }
}

/// Every event type on the webhooks page, with its migration status.
const EVENTS: [(&str, &str, WebhookEventType); 6] = [
    (
        "migration.created",
        "NOT_STARTED",
        WebhookEventType::MigrationCreated,
    ),
    ("migration.started", "WORKING", WebhookEventType::MigrationStarted),
    (
        "migration.completed",
        "COMPLETE",
        WebhookEventType::MigrationCompleted,
    ),
    (
        "migration.completed",
        "COMPLETED_WITH_FAILURES",
        WebhookEventType::MigrationCompleted,
    ),
    ("migration.failed", "FAILED", WebhookEventType::MigrationFailed),
    (
        "migration_task.failed",
        "FAILED",
        WebhookEventType::MigrationTaskFailed,
    ),
];

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_fixtures_are_the_documents_shapes() {
    assert!(EVENT.contains("\"created\": \"2025-06-18T00:50:40.301173\""));
    assert!(EVENT.contains("\"type\": \"<event_type>\""));
    let envelope = json(EVENT);
    assert_eq!(envelope["data"]["object"], json(MIGRATION));
    for (event_type, status, _) in EVENTS {
        let value = json(&envelope_text_checked(event_type, status));
        assert_eq!(value["type"], event_type);
        assert_eq!(value["data"]["object"]["status"], status);
        assert_eq!(
            value["data"].get("error_message").is_some(),
            event_type.ends_with(".failed")
        );
    }
}

fn envelope_text_checked(event_type: &str, status: &str) -> String {
    let text = envelope(event_type, status);
    assert_ne!(text, EVENT, "{event_type}: the substitutions happened");
    text
}

#[test]
fn every_event_type_parses_typed_and_comes_back_whole() {
    for (event_type, status, kind) in EVENTS {
        let text = envelope(event_type, status);
        let event: WebhookEvent = serde_json::from_str(&text).unwrap();
        assert_eq!(event.event_type, kind);
        assert_eq!(event.id, "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S");
        assert_eq!(event.object, "event");
        assert_eq!(event.created.as_str(), "2025-06-18T00:50:40.301173");
        assert_eq!(
            event.created.unix_micros(),
            1_750_207_840_301_173,
            "no zone reads as UTC"
        );
        assert_eq!(event.migration_id(), Some("mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ"));
        assert_eq!(
            event.data.error_message.as_deref(),
            event_type
                .ends_with(".failed")
                .then_some("Only present for *.failed events")
        );
        match event
            .data
            .object
            .as_ref()
            .expect("a documented type carries its object")
        {
            EventObject::Migration(m) => {
                assert!(event_type.starts_with("migration."));
                assert_eq!(m.status, MigrationStatus::from_wire(status));
                assert!(!matches!(m.status, MigrationStatus::Other(_)));
                assert_eq!(
                    m.company_id.as_deref(),
                    Some("f7b2d4e9-3c8a-4f1b-9e6d-2a5c8b7f3e91")
                );
                assert_eq!(m.created_by_user_id, "usr_01HX4J1SQ93Y9F6VBQ4JPZW66S");
                assert_eq!(m.created.unix_micros(), 1_750_219_602_453_452);
            }
            EventObject::MigrationTask(task) => {
                assert_eq!(event_type, "migration_task.failed");
                assert_eq!(task["status"], status, "kept whole, as sent");
            }
            other => panic!("{event_type} is a known type, not {other:?}"),
        }
        assert_eq!(serde_json::to_value(&event).unwrap(), json(&text), "{event_type}");
    }
}

#[test]
fn a_signer_prints_its_kind_of_key_never_the_key() {
    assert_eq!(
        format!("{:?}", Signer::new(SECRET).unwrap()),
        "Signer { key: whsec_<redacted> }"
    );
    assert_eq!(
        format!("{:?}", Signer::new(ED_SECRET).unwrap()),
        "Signer { key: whsk_<redacted> }"
    );
}

#[test]
fn every_event_type_verifies_when_signed_hmac_or_ed25519() {
    let ed = Signer::new(ED_SECRET).unwrap();
    let verifier = Verifier::with_keys([SECRET, &ed.public_key().unwrap()]).unwrap();
    for (event_type, status, kind) in EVENTS {
        let body = envelope(event_type, status);
        for signer in [Signer::new(SECRET).unwrap(), ed.clone()] {
            let signature = signer.sign(MSG_ID, SENT_AT, body.as_bytes());
            // As a framework may hand them over: the sender's casing, among other headers.
            let pairs = [
                ("Accept", "*/*"),
                ("Content-Type", "application/json"),
                ("Svix-Id", MSG_ID),
                ("Svix-Signature", signature.as_str()),
                ("Svix-Timestamp", "1750133013"),
                (
                    "User-Agent",
                    "Svix-Webhooks/1.66.0 (sender-9YMgn; +https://www.svix.com/http-sender/)",
                ),
            ];
            let headers = WebhookHeaders::from_pairs(pairs).unwrap();
            let event = verifier
                .verify_event(body.as_bytes(), &headers, SENT_AT + 10)
                .unwrap_or_else(|e| panic!("{event_type} {signature}: {e}"));
            assert_eq!(event.event_type, kind);
            assert_eq!(serde_json::to_value(&event).unwrap(), json(&body));
        }
    }
}

#[test]
fn a_signed_body_that_is_not_an_event_is_invalid_payload() {
    let signer = Signer::new(SECRET).unwrap();
    let verifier = Verifier::new(SECRET).unwrap();
    let string_object = EVENT.replace(
        &EVENT[EVENT.find("{\n      \"company_id\"").unwrap()
            ..EVENT.find("},\n    \"error_message\"").unwrap() + 1],
        "\"migration\"",
    );
    let string_object = string_object.replace("<event_type>", "migration.completed");
    assert!(string_object.contains("\"object\": \"migration\","));
    for body in [&string_object[..], MIGRATION, "not json", ""] {
        let signature = signer.sign(MSG_ID, SENT_AT, body.as_bytes());
        let headers = WebhookHeaders {
            id: MSG_ID,
            timestamp: "1750133013",
            signature: &signature,
        };
        assert_eq!(verifier.verify(body.as_bytes(), &headers, SENT_AT), Ok(()));
        assert_eq!(
            verifier
                .verify_event(body.as_bytes(), &headers, SENT_AT)
                .unwrap_err(),
            WebhookError::InvalidPayload,
            "{body}"
        );
    }
}

#[test]
fn the_migration_file_and_modal_examples_parse_whole() {
    let migration: Migration = serde_json::from_str(MIGRATION).unwrap();
    assert_eq!(migration.status, MigrationStatus::NotStarted);
    assert_eq!(serde_json::to_value(&migration).unwrap(), json(MIGRATION));

    let file: File = serde_json::from_str(FILE).unwrap();
    assert_eq!(file.file_type.as_str(), "CompanyInfo-EntityType-Screenshot");
    assert_eq!(file.size, 123);
    assert_eq!(file.object, "file");
    assert_eq!(serde_json::to_value(&file).unwrap(), json(FILE));

    let modal: CreateModalResponse = serde_json::from_str(CREATE_MODAL).unwrap();
    assert_eq!(modal.object, "migration_modal");
    assert_eq!(modal.migration_id, "3c90c3cc-0d44-4b50-8888-8dd25736052a");
    assert_eq!(modal.expires_at.unix_millis(), 1_699_335_116_000);
    assert_eq!(serde_json::to_value(&modal).unwrap(), json(CREATE_MODAL));
}
