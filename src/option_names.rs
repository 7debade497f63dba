//! The options of `embedAnonModal`: their names, what each value option takes, and the
//! attribute of `<anon-migration-modal>` that gives it. `src/js/options.js` reads each
//! [`ValueOption`] with the reader its [`Takes`] names, from the table the sourcegen test
//! generates into it, and refuses any other key (`INVALID_OPTION`, naming the nearest option);
//! `src/arguments.rs` gives each its meaning. `npm/element.js` reads its attributes from a table
//! generated the same way. The sourcegen test checks that `npm/index.d.ts` declares each one.

use crate::topic::Topic;
use core::fmt;

/// An option of `embedAnonModal` that takes a value (the callback options are each topic's
/// [`Topic::option_name`], and [`REJECT_OPTION`]). Its number is its value's place in what
/// `readOptions` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueOption {
    /// `container`: the element to mount in.
    Container,
    /// `allowedOrigins`: the origins messages are accepted from.
    AllowedOrigins,
    /// `expiresAt`: when the signed URL expires.
    ExpiresAt,
    /// `readyTimeoutMs`: how long to wait for the modal's first sign of life.
    ReadyTimeoutMs,
    /// `zIndex`: the overlay's stacking order.
    ZIndex,
    /// `title`: the iframe's accessible name.
    Title,
    /// `hidden`: mount without showing.
    Hidden,
    /// `allowInsecureLocalhost`: `http:` on loopback hosts.
    AllowInsecureLocalhost,
    /// `inertPage`: the page behind the modal made inert.
    InertPage,
}

/// What a value option takes: which functions read it (see [`Takes::reader`]), and what an
/// `INVALID_OPTION` error says it must be (its `Display`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// An element, or a CSS selector found in the page.
    Container,
    /// A non-empty array of strings, each parsed as an origin in Rust.
    Origins,
    /// A `Date`, an ISO 8601 string (as Anon writes its times) or milliseconds since the epoch.
    Time,
    /// A whole number from `min` to [`i32::MAX`], with a note on its unit.
    Whole {
        /// The least value taken.
        min: i32,
        /// Said after the range: what the number counts.
        note: &'static str,
    },
    /// A string that is not blank.
    Text,
    /// A boolean.
    Flag,
}

impl ValueOption {
    /// Every value option, in the order `readOptions` returns their values.
    pub const ALL: [ValueOption; 9] = [
        ValueOption::Container,
        ValueOption::AllowedOrigins,
        ValueOption::ExpiresAt,
        ValueOption::ReadyTimeoutMs,
        ValueOption::ZIndex,
        ValueOption::Title,
        ValueOption::Hidden,
        ValueOption::AllowInsecureLocalhost,
        ValueOption::InertPage,
    ];

    /// The option's name, as a page writes it.
    pub const fn name(self) -> &'static str {
        match self {
            ValueOption::Container => "container",
            ValueOption::AllowedOrigins => "allowedOrigins",
            ValueOption::ExpiresAt => "expiresAt",
            ValueOption::ReadyTimeoutMs => "readyTimeoutMs",
            ValueOption::ZIndex => "zIndex",
            ValueOption::Title => "title",
            ValueOption::Hidden => "hidden",
            ValueOption::AllowInsecureLocalhost => "allowInsecureLocalhost",
            ValueOption::InertPage => "inertPage",
        }
    }

    /// The attribute of `<anon-migration-modal>` (`npm/element.js`) that gives the option, if
    /// one does: its name in kebab case, but `inline` for `container` (the element itself).
    /// `inertPage` has none: the element keeps its default.
    pub const fn attribute(self) -> Option<&'static str> {
        match self {
            ValueOption::Container => Some("inline"),
            ValueOption::AllowedOrigins => Some("allowed-origins"),
            ValueOption::ExpiresAt => Some("expires-at"),
            ValueOption::ReadyTimeoutMs => Some("ready-timeout-ms"),
            ValueOption::ZIndex => Some("z-index"),
            ValueOption::Title => Some("title"),
            ValueOption::Hidden => Some("hidden"),
            ValueOption::AllowInsecureLocalhost => Some("allow-insecure-localhost"),
            ValueOption::InertPage => None,
        }
    }

    /// What the option takes.
    pub const fn takes(self) -> Takes {
        match self {
            ValueOption::Container => Takes::Container,
            ValueOption::AllowedOrigins => Takes::Origins,
            ValueOption::ExpiresAt => Takes::Time,
            ValueOption::ReadyTimeoutMs => Takes::Whole {
                min: 0,
                note: " (milliseconds; 0 waits forever)",
            },
            ValueOption::ZIndex => Takes::Whole {
                min: i32::MIN,
                note: "",
            },
            ValueOption::Title => Takes::Text,
            ValueOption::Hidden | ValueOption::AllowInsecureLocalhost | ValueOption::InertPage => Takes::Flag,
        }
    }
}

impl Takes {
    /// The end of the names of the JavaScript functions that read such a value: `read…` in
    /// `src/js/options.js` checks an option, `attribute…` in `npm/element.js` reads an
    /// attribute. The tables generated into those files call them by name, so a function missing
    /// or misnamed fails as the module loads.
    pub const fn reader(self) -> &'static str {
        match self {
            Takes::Container => "Container",
            Takes::Origins => "Origins",
            Takes::Time => "Time",
            Takes::Whole { .. } => "Whole",
            Takes::Text => "Text",
            Takes::Flag => "Flag",
        }
    }
}

/// What a value must be, as an `INVALID_OPTION` error says it: "options.zIndex must be *a whole
/// number from …*, not …".
impl fmt::Display for Takes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Takes::Container => f.write_str("an element or a selector"),
            Takes::Origins => f.write_str("a non-empty array of origin strings"),
            Takes::Time => f.write_str("a date, an ISO 8601 string or milliseconds since the epoch"),
            Takes::Whole { min, note } => {
                write!(f, "a whole number from {min} to {}{note}", i32::MAX)
            }
            Takes::Text => f.write_str("a non-blank string"),
            Takes::Flag => f.write_str("a boolean"),
        }
    }
}

/// What an entry of `allowedOrigins` must be.
pub const ORIGIN_ENTRY_TAKES: &str = "an origin string";

/// What a callback option must be (`null` counts as not given).
pub const CALLBACK_TAKES: &str = "a function";

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
    ValueOption::ALL
        .into_iter()
        .map(ValueOption::name)
        .chain(callback_options())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn option_names_are_distinct() {
        let names: alloc::vec::Vec<&str> = all().collect();
        for (at, name) in names.iter().enumerate() {
            assert!(!names[at + 1..].contains(name), "{name} twice");
        }
        assert_eq!(
            names.len(),
            ValueOption::ALL.len() + Topic::ALL.len() + 1,
            "one per topic, and onReject"
        );
    }

    #[test]
    fn each_value_option_is_at_its_number() {
        for (at, option) in ValueOption::ALL.into_iter().enumerate() {
            assert_eq!(option as usize, at, "{option:?}");
        }
    }

    #[test]
    fn each_attribute_is_its_option_in_kebab_case() {
        for option in ValueOption::ALL {
            let Some(attribute) = option.attribute() else {
                assert_eq!(option, ValueOption::InertPage, "only inertPage has no attribute");
                continue;
            };
            let kebab: alloc::string::String = option
                .name()
                .chars()
                .flat_map(|c| {
                    let dash = c.is_ascii_uppercase().then_some('-');
                    dash.into_iter().chain([c.to_ascii_lowercase()])
                })
                .collect();
            let want = if option == ValueOption::Container {
                "inline"
            } else {
                &kebab
            };
            assert_eq!(attribute, want, "{option:?}");
        }
    }

    #[test]
    fn a_whole_number_says_its_range_and_unit() {
        assert_eq!(
            ValueOption::ReadyTimeoutMs.takes().to_string(),
            "a whole number from 0 to 2147483647 (milliseconds; 0 waits forever)"
        );
        assert_eq!(
            ValueOption::ZIndex.takes().to_string(),
            "a whole number from -2147483648 to 2147483647"
        );
    }
}
