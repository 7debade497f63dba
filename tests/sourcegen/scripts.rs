//! The generated regions of the package's hand-written JavaScript: the option table of
//! `src/js/options.js`, the element's attributes, namespaces and `report` in `npm/element.js`,
//! and the header names of `npm/server.js`.

use crate::{check_or_write, fill_regions, js, js_function, list, read};
use anon_modal::event;
use anon_modal::option_names::{Takes, ValueOption};
use anon_modal::Topic;
use std::fmt::Write;

/// `src/js/options.js`'s table of the value options, each with the function that reads it
/// (`read` and [`Takes::reader`]), which the module defines: one missing fails as it loads.
fn value_options() -> String {
    let mut out = String::from(
        "/**\n * The options of `embedAnonModal` that take a value, at the numbers of src/option_names.rs\n \
         * `ValueOption`: `[name, reader, what it must be]`, and a whole number's least and greatest.\n */\n\
         const VALUE_OPTIONS = [\n",
    );
    for option in ValueOption::ALL {
        let takes = option.takes();
        let range = match takes {
            Takes::Whole { min, .. } => format!(", {min}, {}", i32::MAX),
            _ => String::new(),
        };
        let (name, reader, expected) = (js(option.name()), takes.reader(), js(&takes.to_string()));
        writeln!(out, "  [{name}, read{reader}, {expected}{range}],").unwrap();
    }
    out.push_str("];");
    out
}

#[test]
fn the_option_table_is_generated_from_the_rust_definitions() {
    let path = "src/js/options.js";
    check_or_write(
        path,
        &fill_regions(&read(path), &[("value-options", value_options())], path),
    );
}

/// `npm/element.js`'s table of the options its attributes give, each with the function that
/// reads it (`attribute` and [`Takes::reader`]), the two attributes it reads itself, and the
/// callback option it dispatches events from.
fn attributes() -> String {
    let mut out = String::from(
        "/**\n * The options the element's attributes give (src/option_names.rs `ValueOption::attribute`):\n \
         * `[attribute, option, reader]`, each reader one of the functions below.\n */\n\
         const ATTRIBUTES = [\n",
    );
    for option in ValueOption::ALL {
        let Some(attribute) = option.attribute() else {
            continue;
        };
        let (name, reader) = (js(option.name()), option.takes().reader());
        writeln!(out, "  [{}, {name}, attribute{reader}],", js(attribute)).unwrap();
    }
    let own = |option: ValueOption| js(option.attribute().expect("the element reads it"));
    write!(
        out,
        "];\n/** Shows and hides the modal rather than mounting it again. */\nconst HIDDEN = {};\n\
         /** Mounts the modal inside the element. */\nconst INLINE = {};\n\
         /** The callback option that gets every event, which the element dispatches. */\nconst ON_EVENT = {};",
        own(ValueOption::Hidden),
        own(ValueOption::Container),
        js(Topic::Any.option_name())
    )
    .unwrap();
    out
}

#[test]
fn the_elements_attributes_namespace_and_report_are_generated_from_their_definitions() {
    let path = "npm/element.js";
    let have = read(path);
    let region = format!(
        "/** Anon's modal event types start with one of these (src/event.rs `TYPE_NAMESPACES`). */\nconst TYPE_NAMESPACES = [{}];",
        event::TYPE_NAMESPACES.map(js).join(", ")
    );
    let report = (
        "report",
        format!(
            "// src/js/errors.js's `report`, which the bundled entry does not export.\n{}",
            js_function("src/js/errors.js", "report")
        ),
    );
    let regions = [("attributes", attributes()), ("type-namespace", region), report];
    check_or_write(path, &fill_regions(&have, &regions, path));
}

#[test]
fn the_server_entrys_header_names_are_generated_from_the_rust_definitions() {
    let path = "npm/server.js";
    let names = format!(
        "/** In the order the wasm reads them: svix-* first (they win), then the Standard Webhooks names (Rust's `Header::NAMES`). */\nconst NAMES = {};",
        list(anon_modal::webhooks::Header::NAMES)
    );
    check_or_write(path, &fill_regions(&read(path), &[("header-names", names)], path));
}
