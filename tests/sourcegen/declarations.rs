//! The generated unions of `npm/index.d.ts` and `npm/server.d.ts`, and the checks that the
//! declarations and docs name every option and code.

use crate::{check_or_write, fill_regions, js, read, union};
use anon_modal::event::{self, ClosedReason, EventKind};
use anon_modal::option_names::{self, ValueOption};
use anon_modal::{ErrorCode, RejectReason};

/// The generated regions of `npm/index.d.ts`, by name.
fn index_d_ts_regions() -> Vec<(&'static str, String)> {
    let public_kinds: Vec<EventKind> = EventKind::NAMED
        .iter()
        .copied()
        .filter(|kind| !kind.is_internal())
        .collect();
    vec![
        (
            "event-types",
            format!(
                "export type ModalEventType =\n{}",
                union(public_kinds.iter().map(|k| k.as_str()))
            ),
        ),
        (
            "error-codes",
            format!(
                "export type AnonModalErrorCode =\n{}",
                union(ErrorCode::ALL.iter().map(|c| c.as_str()))
            ),
        ),
        (
            "closed-reasons",
            format!(
                "export type ModalClosedReason =\n{}",
                union(ClosedReason::ALL.iter().map(|r| r.as_str()))
            ),
        ),
        (
            "failed-codes",
            format!(
                "export type ModalFailedCode =\n{}",
                union([event::TIMEOUT_CODE, event::FRAME_BLOCKED_CODE])
            ),
        ),
        (
            "reject-reasons",
            format!(
                "export type RejectReason =\n{}",
                union(RejectReason::ALL.iter().map(|r| r.as_str()))
            ),
        ),
    ]
}

/// The generated regions of `npm/server.d.ts`, by name.
fn server_d_ts_regions() -> Vec<(&'static str, String)> {
    use anon_modal::models::{MigrationStatus, WebhookEventType};
    use anon_modal::webhooks::WebhookError;
    let codes: Vec<&str> = WebhookError::ALL.iter().map(|e| e.code()).collect();
    let statuses = MigrationStatus::KNOWN
        .iter()
        .map(|s| js(s))
        .chain(["(string & {})".to_owned()]);
    // Each known type goes in the union of its prefix's region: a migration's or a task's.
    let kinds = [
        ("migration-event-types", "MigrationEventType", "migration."),
        ("task-event-types", "MigrationTaskEventType", "migration_task."),
    ];
    for t in WebhookEventType::KNOWN {
        assert!(
            kinds.iter().any(|(_, _, prefix)| t.starts_with(prefix)),
            "{t}: a webhook event type npm/server.d.ts has no place for"
        );
    }
    let unions = kinds.map(|(region, name, prefix)| {
        let types = WebhookEventType::KNOWN
            .iter()
            .copied()
            .filter(|t| t.starts_with(prefix));
        (region, format!("export type {name} =\n{}", union(types)))
    });
    vec![
        (
            "webhook-error-codes",
            format!(
                "/** The stable `code` of an `AnonWebhookError` (Rust's `WebhookError::ALL`). */\nexport type WebhookErrorCode =\n{}",
                union(codes)
            ),
        ),
        (
            "migration-statuses",
            format!("export type MigrationStatus =\n  | {};", statuses.collect::<Vec<_>>().join("\n  | ")),
        ),
    ]
    .into_iter()
    .chain(unions)
    .collect()
}

#[test]
fn the_declarations_unions_are_generated_from_the_rust_definitions() {
    let path = "npm/index.d.ts";
    let have = read(path);
    check_or_write(path, &fill_regions(&have, &index_d_ts_regions(), path));
}

/// `EmbedOptions` in `npm/index.d.ts` declares every option that `src/js/options.js` accepts,
/// and no other.
#[test]
fn the_declared_options_are_the_accepted_ones() {
    let path = "npm/index.d.ts";
    let have = read(path);
    let start = have
        .find("export interface EmbedOptions {")
        .expect("EmbedOptions");
    let body = &have[start..start + have[start..].find("\n}").unwrap()];
    let declared: Vec<&str> = body
        .lines()
        .filter_map(|line| line.strip_prefix("  ")?.split_once("?:").map(|(name, _)| name))
        .collect();
    let accepted: Vec<&str> = option_names::all().collect();
    assert_eq!(declared, accepted, "{path}: EmbedOptions");
}

/// The READMEs name every option: the repository's its value options, in its list of options;
/// the package's every option, in its table.
#[test]
fn the_readmes_name_every_option() {
    let readme = read("README.md");
    let list = readme
        .split("\n- ")
        .find(|item| item.starts_with("Options: "))
        .expect("README.md: a list item `Options: …`");
    for name in ValueOption::ALL.map(ValueOption::name) {
        assert!(
            list.contains(&format!("`{name}`")),
            "README.md: its list of options leaves out {name}"
        );
    }
    let package = read("npm/README.md");
    let table: Vec<&str> = package.lines().filter(|line| line.starts_with("| `")).collect();
    for name in option_names::all() {
        let cell = format!("`{name}`");
        assert!(
            table
                .iter()
                .any(|row| row.split(" | ").next().is_some_and(|first| first.contains(&cell))),
            "npm/README.md: its table of options leaves out {name}"
        );
    }
}

/// The element's docs name every attribute that gives an option: `docs/frameworks.md` in its
/// table of attributes, and `npm/element.d.ts` in the element's doc comment.
#[test]
fn the_elements_docs_name_every_attribute() {
    let guide = read("docs/frameworks.md");
    let types = read("npm/element.d.ts");
    for attribute in ValueOption::ALL.iter().filter_map(|option| option.attribute()) {
        let row = format!("\n| `{attribute}` | ");
        assert!(
            guide.contains(&row),
            "docs/frameworks.md: no row for the attribute {attribute}"
        );
        assert!(
            types.contains(&format!("`{attribute}`")),
            "npm/element.d.ts: the element's docs leave out {attribute}"
        );
    }
}

/// `docs/errors.md` has a row, with its meaning and its fix, for every code an
/// `AnonModalError` or a `failed` event of the package may carry.
#[test]
fn the_errors_table_has_every_code() {
    let path = "docs/errors.md";
    let have = read(path);
    let codes = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain([event::TIMEOUT_CODE, event::FRAME_BLOCKED_CODE]);
    for code in codes {
        let row = format!("\n| `{code}` | ");
        assert!(have.contains(&row), "{path}: no row for {code}");
    }
}

#[test]
fn the_server_declarations_unions_are_generated_from_the_rust_definitions() {
    let path = "npm/server.d.ts";
    check_or_write(path, &fill_regions(&read(path), &server_d_ts_regions(), path));
}
