//! The JavaScript and TypeScript the package needs from the Rust definitions (event types,
//! topics, error codes and messages, reject reasons, the guard's keys, the options and the
//! element's attributes) are generated from them and checked in. This test renders them again
//! and fails when a checked-in copy drifts; with `ANON_MODAL_SOURCEGEN=write` it rewrites them
//! instead.
//!
//! - `src/js/names.js`: the whole file ([`names`]).
//! - The regions between `// <generated: NAME>` and `// </generated>`: of `npm/index.d.ts` and
//!   `npm/server.d.ts` ([`declarations`]), and of `src/js/options.js`, `npm/element.js` and
//!   `npm/server.js` ([`scripts`]).
//!
//! Cargo.toml requires the `webhooks` and `models` features for it (the server's declarations
//! come from them): `cargo test --no-default-features --features webhooks,models`.

#![cfg(not(target_arch = "wasm32"))]

mod declarations;
mod names;
mod scripts;

use std::fmt::Write;
use std::path::Path;

/// A JavaScript string literal (JSON's escaping is valid JavaScript).
fn js(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(js).collect();
    format!("[{}]", items.join(", "))
}

fn union<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(js).collect();
    format!("  | {};", items.join("\n  | "))
}

/// `NoUsableOrigin(Scheme)` as `NO_USABLE_ORIGIN_SCHEME`.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().filter(char::is_ascii_alphanumeric) {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// `text` with each region's content replaced.
fn fill_regions(text: &str, regions: &[(&str, String)], file: &str) -> String {
    let mut out = text.to_owned();
    for (name, content) in regions {
        let open = format!("// <generated: {name}>\n");
        let close = "// </generated>";
        let start = out
            .find(&open)
            .unwrap_or_else(|| panic!("{file}: no `{}` marker", open.trim()))
            + open.len();
        let end = start
            + out[start..]
                .find(close)
                .unwrap_or_else(|| panic!("{file}: `{name}` is not closed"));
        out.replace_range(start..end, &format!("{content}\n"));
    }
    out
}

/// A file of the repository, by its path from the root.
fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check_or_write(path: &str, want: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let have = std::fs::read_to_string(&file).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("ANON_MODAL_SOURCEGEN").is_some_and(|v| v == "write") {
        // Written beside it and renamed into place: a test reading the file meanwhile (they
        // run in parallel) sees it whole, as it was or as it is now.
        let written = file.with_extension("sourcegen");
        std::fs::write(&written, want).unwrap();
        std::fs::rename(&written, &file).unwrap();
        return;
    }
    panic!("{path} is out of date with its definitions (Rust's, or src/js/errors.js's `report`): run `ANON_MODAL_SOURCEGEN=write cargo test --no-default-features --features webhooks,models --test sourcegen`");
}

/// The exported function `name` of the JavaScript file at `path`, with its doc comment and
/// without `export`.
fn js_function(path: &str, name: &str) -> String {
    let text = read(path);
    let head = format!("export function {name}(");
    let at = text.find(&head).unwrap_or_else(|| panic!("{path}: no `{head}`"));
    let doc = text[..at]
        .rfind("/**")
        .filter(|&doc| text[doc..at].trim_end().ends_with("*/"))
        .unwrap_or_else(|| panic!("{path}: `{name}` has no doc comment"));
    let end = at
        + text[at..]
            .find("\n}\n")
            .unwrap_or_else(|| panic!("{path}: `{name}` is not closed"))
        + 2;
    format!("{}{}", &text[doc..at], &text[at + "export ".len()..end])
}
