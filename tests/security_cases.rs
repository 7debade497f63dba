//! Each numbered case of `docs/security.md` has a test named after its number: a function
//! `case_NN_…` (several numbers may share one, `case_27_28_…`) under `tests/`.

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

/// The numbers in the names of the `case_…` test functions of every `.rs` file under `dir`.
fn tested_cases(dir: &Path, found: &mut BTreeSet<u32>) {
    for entry in std::fs::read_dir(dir).expect("tests/") {
        let path = entry.expect("an entry of tests/").path();
        if path.is_dir() {
            tested_cases(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path).expect("a test file");
            for name in text.split("fn case_").skip(1) {
                let numbers = name.split('_').map_while(|part| part.parse::<u32>().ok());
                found.extend(numbers);
            }
        }
    }
}

#[test]
fn every_documented_case_has_a_test_of_its_number() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented = documented_cases(root);
    assert_eq!(
        documented,
        (1..=29).collect(),
        "docs/security.md numbers its cases 1 to 29"
    );
    let mut tested = BTreeSet::new();
    tested_cases(&root.join("tests"), &mut tested);
    let untested: Vec<_> = documented.difference(&tested).collect();
    assert!(
        untested.is_empty(),
        "cases of docs/security.md with no `case_NN_` test: {untested:?}"
    );
    let unknown: Vec<_> = tested.difference(&documented).collect();
    assert!(
        unknown.is_empty(),
        "`case_NN_` tests of no case in docs/security.md: {unknown:?}"
    );
}
