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

/// The callback option for dropped messages, which are not events and so have no [`Topic`].
pub const REJECT_OPTION: &str = "onReject";

/// The callback options: each topic's, in topic order, then [`REJECT_OPTION`]; a callback's
/// place here is the number its listeners are kept at (`src/emitter.rs` `Channel`).
pub fn callback_options() -> impl Iterator<Item = &'static str> {
    Topic::ALL
        .iter()
        .map(|topic| topic.option_name())
        .chain([REJECT_OPTION])
}

/// Every option name: the value options, then the callback options.
pub fn all() -> impl Iterator<Item = &'static str> {
    VALUE_OPTIONS.into_iter().chain(callback_options())
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
            VALUE_OPTIONS.len() + Topic::ALL.len() + 1,
            "one per topic, and onReject"
        );
    }
}
