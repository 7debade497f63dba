//! The names of `embedAnonModal`'s options. `src/js/options.js` refuses any other key
//! (`INVALID_OPTION`, naming the nearest of these), from the list generated into
//! `src/js/names.js`; the sourcegen test checks that `npm/index.d.ts` declares each one.

use crate::topic::Topic;

/// The options that take a value; the callback options are each topic's
/// [`Topic::option_name`].
pub const VALUE_OPTIONS: [&str; 9] = [
    "container",
    "allowedOrigins",
    "expiresAt",
    "readyTimeoutMs",
    "zIndex",
    "title",
    "hidden",
    "allowInsecureLocalhost",
    "inertPage",
];

/// Every option name: the value options, then the callback options in topic order.
pub fn all() -> impl Iterator<Item = &'static str> {
    VALUE_OPTIONS
        .into_iter()
        .chain(Topic::ALL.iter().map(|topic| topic.option_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_names_are_distinct() {
        let names: alloc::vec::Vec<&str> = all().collect();
        for (at, name) in names.iter().enumerate() {
            assert!(!names[at + 1..].contains(name), "{name} twice");
        }
        assert_eq!(
            names.len(),
            VALUE_OPTIONS.len() + Topic::ALL.len(),
            "one per topic"
        );
    }
}
