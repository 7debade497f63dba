//! Each numbered case of `docs/security.md` has a browser test named after its number under
//! `tests/web/`: a function `case_NN_…` (several numbers may share one, `case_27_28_…`). The
//! native tests under `tests/guard/` are named the same way, and may only name listed cases.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

/// The case numbers `docs/security.md` lists: its lines that start with `N. `.
fn documented_cases(root: &Path) -> BTreeSet<u32> {
    let text = std::fs::read_to_string(root.join("docs/security.md")).expect("docs/security.md");
    text.lines()
        .filter_map(|line| line.split_once(". ")?.0.parse().ok())
        .collect()
}

/// The numbers in the names of the `case_…` test functions of every `.rs` file under `dir`
/// (no symbolic link followed).
fn tested_cases(dir: &Path) -> BTreeSet<u32> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("a folder of tests") {
        let entry = entry.expect("an entry of a folder of tests");
        let path = entry.path();
        let kind = entry.file_type().expect("an entry's type");
        if kind.is_dir() && entry.file_name() != "node_modules" {
            found.extend(tested_cases(&path));
        } else if kind.is_file() && path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path).expect("a test file");
            for name in text.split("fn case_").skip(1) {
                found.extend(name.split('_').map_while(|part| part.parse::<u32>().ok()));
            }
        }
    }
    found
}

#[test]
fn every_documented_case_has_a_browser_test_of_its_number() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented = documented_cases(root);
    assert_eq!(
        documented,
        (1..=29).collect(),
        "docs/security.md numbers its cases 1 to 29"
    );
    let in_browsers = tested_cases(&root.join("tests/web"));
    let untested: Vec<_> = documented.difference(&in_browsers).collect();
    assert!(
        untested.is_empty(),
        "cases of docs/security.md with no `case_NN_` test in tests/web: {untested:?}"
    );
    let anywhere = tested_cases(&root.join("tests"));
    let unknown: Vec<_> = anywhere.difference(&documented).collect();
    assert!(
        unknown.is_empty(),
        "`case_NN_` tests of no case in docs/security.md: {unknown:?}"
    );
}
