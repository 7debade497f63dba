//! The modal's messages: their envelope, their event types as the Anon iframe names them in
//! `event.type`, the context fields, and the caps on what the library copies.
//!
//! Matching is on exact variants: a `type` of `"constructor"` or `"__proto__"` is simply
//! [`EventKind::Other`], never a lookup key into an object of handlers.

/// The tag every Anon modal message carries in its `source` field.
pub const MESSAGE_TAG: &str = "anon_modal";

/// The envelope's key holding [`MESSAGE_TAG`]: `{source: "anon_modal", event: {...}}`.
pub const SOURCE_KEY: &str = "source";
/// The envelope's key holding the event.
pub const EVENT_KEY: &str = "event";
/// The event's key holding its type.
pub const TYPE_KEY: &str = "type";
/// The event's key that marks `show`/`hide` as steering the host (`internal: true`).
pub const INTERNAL_KEY: &str = "internal";

/// The event's key holding the user and migration context, as Anon's modal documents its
/// messages: `{id, object: "event", created, type, data: {user_id, migration_id, ...}}`.
pub const DATA_KEY: &str = "data";

/// The event's fields that callbacks only ever get as a string or `null`: Anon's `id`,
/// `object` and `created`, and the `code`, `message` and `reason` of the events the package
/// sends itself. A value of another type is left out of the copy, never a reason to drop the
/// event: a `failed` whose `code` is a number still fails the modal.
pub const STRING_FIELDS: [&str; 6] = ["id", "object", "created", "code", "message", "reason"];

/// The fields of the event's [`DATA_KEY`] object that callbacks only ever get as a string or
/// `null`: the context every event carries, and the step and error Anon documents for some.
/// A `data` that is not a plain object is left out of the copy.
pub const DATA_STRING_FIELDS: [&str; 4] = ["user_id", "migration_id", "modal_step", "error_message"];

/// The event's keys copied before the rest, so that the field budget never leaves them out:
/// [`TYPE_KEY`], the [`STRING_FIELDS`], then [`DATA_KEY`] (whose [`DATA_STRING_FIELDS`] come
/// first within it).
pub const FIRST_KEYS: [&str; 2 + STRING_FIELDS.len()] = {
    let mut keys = [TYPE_KEY; 2 + STRING_FIELDS.len()];
    let mut at = 0;
    while at < STRING_FIELDS.len() {
        keys[1 + at] = STRING_FIELDS[at];
        at += 1;
    }
    keys[1 + STRING_FIELDS.len()] = DATA_KEY;
    keys
};

/// Keys never copied: `prototype`, and each property `Object.prototype` has, so that nothing
/// that arrives can reach a prototype or hide one of its methods (an own `toString` that is a
/// string makes `"" + event` throw in the callback).
pub const RESERVED_KEYS: [&str; 13] = [
    "__proto__",
    "constructor",
    "prototype",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

/// The longest `event.type` accepted, in UTF-16 code units.
pub const MAX_TYPE_LEN: u32 = 64;
/// At most this many properties of the event and items of its arrays are read and copied
/// (all levels together, `type` first); the rest are left out. Far above what Anon sends, so that
/// none of its data is lost, and low enough that a hostile event costs a page little.
pub const MAX_FIELDS: u32 = 1024;
/// The longest string value copied, in UTF-16 code units; a longer one is left out.
pub const MAX_STRING_LEN: u32 = 16 * 1024;
/// The longest property name copied; a field with a longer one is left out.
pub const MAX_KEY_LEN: u32 = 64;
/// How many levels of nested objects and arrays are copied below the event itself (its `data`
/// is the first); deeper ones are left out.
pub const MAX_DEPTH: u8 = 16;

/// Why the package itself closed a modal: the `reason` of the `closed` event it makes. Anon
/// documents its own `closed` only for a user who leaves before the migration starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClosedReason {
    /// `destroy()` took the modal down; `settled` resolves with this if nothing settled it
    /// before.
    Destroyed,
    /// A newer modal replaced this one (one modal is mounted at a time).
    Replaced,
    /// The user pressed Escape before the modal opened.
    Dismissed,
    /// The modal hid itself once its outcome was known.
    Hidden,
}

impl ClosedReason {
    /// Every reason, in the order of their numbers (`reason as u32`).
    pub const ALL: &'static [ClosedReason] = &[
        ClosedReason::Destroyed,
        ClosedReason::Replaced,
        ClosedReason::Dismissed,
        ClosedReason::Hidden,
    ];

    /// The reason as JavaScript sees it, e.g. `"destroyed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ClosedReason::Destroyed => "destroyed",
            ClosedReason::Replaced => "replaced",
            ClosedReason::Dismissed => "dismissed",
            ClosedReason::Hidden => "hidden",
        }
    }
}

/// The `code` of the `failed` event when the page's Content-Security-Policy blocked the
/// modal's URL.
pub const FRAME_BLOCKED_CODE: &str = "FRAME_BLOCKED";
/// The `message` of that event.
pub const FRAME_BLOCKED_MESSAGE: &str =
    "the page's Content-Security-Policy blocked the modal: allow its origin in frame-src";
/// The CSP directives that decide whether an iframe may load a URL: `frame-src`, or where the
/// policy has none, `child-src`, then `default-src`.
pub const FRAME_DIRECTIVES: [&str; 3] = ["frame-src", "child-src", "default-src"];
/// The `code` of the `failed` event when the modal did not open within the ready timeout.
pub const TIMEOUT_CODE: &str = "TIMEOUT";
/// The `message` of that event.
pub const TIMEOUT_MESSAGE: &str = "the modal did not open in time";
/// Its `message` when the modal's own frame sent messages from an origin not allowed (a modal
/// URL that redirects to another origin, say), `{origin}` the first of them: it says why, for
/// the page's developer.
pub const TIMEOUT_REFUSED_ORIGIN_MESSAGE: &str = "the modal did not open in time: its page sent messages from {origin}, which is not an allowed origin (list it in allowedOrigins, beside the URL's, only if Anon documents it; otherwise the modal's page was sent elsewhere)";

/// The start of every modal event type Anon names: the modal's (`migration_modal.opened`, ...)
/// and its steps' (`migration_modal_step.started`, ...). No DOM event's name has a dot, so
/// `<anon-migration-modal>` dispatches a type by its name only when it starts with one of these:
/// a modal could otherwise fire `error` or `click` on the page.
pub const TYPE_NAMESPACES: [&str; 2] = ["migration_modal.", "migration_modal_step."];

/// What a modal message says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventKind {
    /// `migration_modal.opened`: the modal is up and ready.
    Opened,
    /// `migration_modal.completed`: the user finished connecting their data.
    Completed,
    /// `migration_modal.closed`: the user closed the modal.
    Closed,
    /// `migration_modal.failed`: the flow failed.
    Failed,
    /// `migration_modal.show` (internal): the modal asks to be shown.
    Show,
    /// `migration_modal.hide` (internal): the modal asks to be hidden.
    Hide,
    /// Any other type: delivered only to catch-all listeners, for forward compatibility.
    Other,
}

impl EventKind {
    /// Every kind that has a wire name, in a stable order.
    pub const NAMED: &'static [EventKind] = &[
        EventKind::Opened,
        EventKind::Completed,
        EventKind::Closed,
        EventKind::Failed,
        EventKind::Show,
        EventKind::Hide,
    ];

    /// The wire names of [`EventKind::NAMED`], in that order. Made at compile time: the guard
    /// lists them with no code that maps each kind to its name.
    pub const NAMES: [&'static str; EventKind::NAMED.len()] = {
        let mut names = [""; EventKind::NAMED.len()];
        let mut i = 0;
        while i < names.len() {
            names[i] = EventKind::NAMED[i].as_str();
            i += 1;
        }
        names
    };

    /// The kind for an `event.type` string (exact, case-sensitive match).
    pub fn from_type(event_type: &str) -> EventKind {
        EventKind::NAMED
            .iter()
            .copied()
            .find(|kind| kind.as_str() == event_type)
            .unwrap_or(EventKind::Other)
    }

    /// The wire name (`""` for [`EventKind::Other`]).
    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::Opened => "migration_modal.opened",
            EventKind::Completed => "migration_modal.completed",
            EventKind::Closed => "migration_modal.closed",
            EventKind::Failed => "migration_modal.failed",
            EventKind::Show => "migration_modal.show",
            EventKind::Hide => "migration_modal.hide",
            EventKind::Other => "",
        }
    }

    /// `true` for `show` and `hide`, which steer the host and are never forwarded.
    pub fn is_internal(self) -> bool {
        matches!(self, EventKind::Show | EventKind::Hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed fields are where Anon's modal messages page puts them: the envelope's on the
    /// event, the user and migration context in its `data`.
    #[test]
    fn typed_fields_are_anons() {
        assert_eq!(
            FIRST_KEYS,
            ["type", "id", "object", "created", "code", "message", "reason", "data"]
        );
        assert_eq!(
            DATA_STRING_FIELDS,
            ["user_id", "migration_id", "modal_step", "error_message"]
        );
    }

    #[test]
    fn closed_reasons_are_listed_at_their_numbers_with_distinct_names() {
        for (number, reason) in ClosedReason::ALL.iter().copied().enumerate() {
            assert_eq!(reason as usize, number, "{reason:?}");
            let same = ClosedReason::ALL.iter().filter(|r| r.as_str() == reason.as_str());
            assert_eq!(same.count(), 1, "{reason:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for &kind in EventKind::NAMED {
            assert_eq!(EventKind::from_type(kind.as_str()), kind);
        }
    }

    #[test]
    fn every_named_type_is_in_the_namespace() {
        for kind in EventKind::NAMED {
            assert!(kind.as_str().starts_with(TYPE_NAMESPACES[0]), "{kind:?}");
        }
    }

    #[test]
    fn unknown_and_hostile_types_are_other() {
        for t in [
            "",
            "constructor",
            "__proto__",
            "toString",
            "hasOwnProperty",
            "migration_modal.Opened",
            "migration_modal.opened ",
            "migration_modal.progress",
            "opened",
        ] {
            assert_eq!(EventKind::from_type(t), EventKind::Other, "{t:?}");
        }
    }
}
