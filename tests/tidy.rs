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
