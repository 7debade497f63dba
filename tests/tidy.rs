//! Rules of the repository a reviewer would otherwise check by hand.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// The longest a test file may be: past it, a file holds more than one subject.
const MAX_TEST_LINES: usize = 500;

/// The files under `dir` (no symbolic link followed, no `node_modules` or `target`).
fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let entry = entry.expect("an entry of a folder");
        let kind = entry.file_type().expect("an entry's type");
        if kind.is_dir() && !["node_modules", "target"].contains(&entry.file_name().to_str().unwrap_or("")) {
            files(&entry.path(), found);
        } else if kind.is_file() {
            found.push(entry.path());
        }
    }
}

/// A test's source: every Rust or JavaScript file under `tests/`, and the browser suites and
/// the examples' tests under `www/`.
fn is_test(root: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(root).expect("under the root");
    let script = path
        .extension()
        .is_some_and(|ext| ["rs", "mjs", "js", "ts"].iter().any(|e| ext == *e));
    script
        && (relative.starts_with("tests")
            || relative.starts_with("www/e2e")
            || relative.starts_with("www/examples/test"))
}

#[test]
fn no_test_file_is_over_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    files(&root.join("tests"), &mut found);
    files(&root.join("www"), &mut found);
    let tests: Vec<_> = found.iter().filter(|path| is_test(root, path)).collect();
    assert!(tests.len() > 20, "the test files were not found: {tests:?}");
    let long: Vec<_> = tests
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).ok()?.lines().count();
            (lines > MAX_TEST_LINES).then(|| format!("{} ({lines})", path.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "test files over {MAX_TEST_LINES} lines: {long:?}"
    );
}

/// The names of `enum_name`'s variants, read from its definition in `source`.
fn variants(source: &str, enum_name: &str) -> Vec<String> {
    let start = source
        .find(&format!("pub enum {enum_name} {{"))
        .unwrap_or_else(|| panic!("no `pub enum {enum_name}`"));
    let body = &source[start..start + source[start..].find("\n}").expect("the enum's end")];
    body.lines()
        .skip(1)
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| {
            line.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The variants named in `enum_name`'s `ALL` list in `source`.
fn listed(source: &str, enum_name: &str) -> Vec<String> {
    let start = source.find("const ALL:").expect("an ALL list");
    let list = &source[start..start + source[start..].find("];").expect("the list's end")];
    list.split(&format!("{enum_name}::"))
        .skip(1)
        .map(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

// A variant left out of its enum's `ALL` compiles and passes the unit tests, but is missing
// from what is generated from the list (names.js, the declarations, the docs' tables).
#[test]
fn every_all_list_names_every_variant_of_its_enum() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, enum_name) in [
        ("src/topic.rs", "Topic"),
        ("src/option_names.rs", "ValueOption"),
        ("src/reject.rs", "RejectReason"),
        ("src/event.rs", "ClosedReason"),
        ("src/error.rs", "ErrorCode"),
        ("src/error.rs", "Message"),
        ("src/webhooks/mod.rs", "WebhookError"),
        ("src/webhooks/headers.rs", "Header"),
    ] {
        let source = std::fs::read_to_string(root.join(file)).expect("a source file");
        // Each enum's own impl: its ALL is the first after the enum.
        let after = &source[source.find(&format!("pub enum {enum_name} {{")).unwrap()..];
        let (wanted, got) = (variants(&source, enum_name), listed(after, enum_name));
        let missing: Vec<&String> = wanted.iter().filter(|v| !got.contains(v)).collect();
        let unknown: Vec<&String> = got.iter().filter(|v| !wanted.contains(v)).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "{file}: {enum_name}::ALL leaves out {missing:?} (and names {unknown:?}, which are no variants)"
        );
    }
}

/// The attribute that names a module of the crate for an extern block.
const MODULE_ATTRIBUTE: &str = "#[wasm_bindgen(module = \"/";

/// Each extern block of the crate's Rust sources that names a module of `src/js/`: the module's
/// path and the block's text. A commented-out block is none.
fn extern_blocks() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("src"), &mut sources);
    let mut blocks = Vec::new();
    for path in sources
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
    {
        let source = std::fs::read_to_string(path).expect("a Rust source");
        let mut rest = source.as_str();
        while let Some(at) = rest.find(MODULE_ATTRIBUTE) {
            let line_start = rest[..at].rfind('\n').map_or(0, |n| n + 1);
            let after = &rest[at + MODULE_ATTRIBUTE.len()..];
            let module = &after[..after.find('"').expect("the path's end")];
            let block = &after[..after.find("\n}").expect("the block's end")];
            if rest[line_start..at].trim().is_empty() {
                blocks.push((module.to_string(), block.to_string()));
            }
            rest = after;
        }
    }
    blocks
}

/// wasm-bindgen copies a module of `src/js/` into its output only when an extern block of the
/// crate names it: one that a module imports and none names would be missing from an app's
/// build (and from the tests', whose page then loads nothing).
#[test]
fn every_javascript_module_of_the_crate_is_named_for_wasm_bindgen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("src/js"), &mut sources);
    let named: Vec<_> = extern_blocks().into_iter().map(|(module, _)| module).collect();
    let modules: Vec<_> = sources
        .iter()
        .map(|path| {
            path.strip_prefix(root)
                .expect("under the root")
                .display()
                .to_string()
        })
        .collect();
    assert!(
        modules.len() > 4,
        "the crate's modules were not found: {modules:?}"
    );
    let unnamed: Vec<_> = modules.iter().filter(|module| !named.contains(module)).collect();
    assert!(
        unnamed.is_empty(),
        "modules no `{MODULE_ATTRIBUTE}...\")]` block names, which wasm-bindgen would not copy: {unnamed:?}"
    );
}

/// The glue imports each module an extern block binds a function of, all at once, and the
/// server of wasm-bindgen-test-runner (0.2.130) left one of five such requests unanswered in
/// most loads, so that no browser test ran (see `src/js/frame.js`).
#[test]
fn rust_binds_functions_of_four_modules_at_most() {
    let mut bound: Vec<_> = extern_blocks()
        .into_iter()
        .filter(|(_, block)| block.contains(" fn "))
        .map(|(module, _)| module)
        .collect();
    bound.sort();
    bound.dedup();
    assert!(
        (1..=4).contains(&bound.len()),
        "Rust binds functions of {} modules, which the glue imports at once: {bound:?}; bind the \
         functions of another through one of these (as src/js/frame.js hands on values.js's)",
        bound.len()
    );
}
