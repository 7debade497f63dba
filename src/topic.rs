//! What a listener of events listens to: one public event type, or every event (`"*"`).
//! Dropped messages are not events: their listeners (`onReject`, `AnonModal::on_reject`) get a
//! reason and the message, so they have no topic.

use crate::event::EventKind;

/// What a listener of events listens to. JavaScript knows a topic by its `on()` name or its
/// callback option (`onOpened`), both listed here and generated into `src/js/names.js`.
///
/// A dropped message has no topic, so `AnonModal::on` cannot be handed one in place of an
/// event (`AnonModal::on_reject` hears them, with the reason):
///
/// ```compile_fail
/// let _ = anon_modal::Topic::Reject;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Topic {
    /// `migration_modal.opened`.
    Opened,
    /// `migration_modal.completed`.
    Completed,
    /// `migration_modal.closed`.
    Closed,
    /// `migration_modal.failed`.
    Failed,
    /// Every public event, including types this version does not know (`"*"`, `onEvent`).
    Any,
}

impl Topic {
    /// Every topic, in the order of their numbers (`topic as u32`): the typed ones first, then
    /// [`Topic::Any`] (`isModalEvent` in `src/js/handle.js` takes the names before its number,
    /// `TOPIC_ANY`, as the public event types).
    pub const ALL: &'static [Topic] = &[
        Topic::Opened,
        Topic::Completed,
        Topic::Closed,
        Topic::Failed,
        Topic::Any,
    ];

    /// The typed topic of a public event kind (`None` for internal and unknown kinds).
    pub fn for_kind(kind: EventKind) -> Option<Topic> {
        Some(match kind {
            EventKind::Opened => Topic::Opened,
            EventKind::Completed => Topic::Completed,
            EventKind::Closed => Topic::Closed,
            EventKind::Failed => Topic::Failed,
            EventKind::Show | EventKind::Hide | EventKind::Other => return None,
        })
    }

    /// The name `on()`, `once()` and `off()` take.
    pub fn event_name(self) -> &'static str {
        match self {
            Topic::Opened => EventKind::Opened.as_str(),
            Topic::Completed => EventKind::Completed.as_str(),
            Topic::Closed => EventKind::Closed.as_str(),
            Topic::Failed => EventKind::Failed.as_str(),
            Topic::Any => "*",
        }
    }

    /// The option of `embedAnonModal` that subscribes a callback to this topic.
    pub fn option_name(self) -> &'static str {
        match self {
            Topic::Opened => "onOpened",
            Topic::Completed => "onCompleted",
            Topic::Closed => "onClosed",
            Topic::Failed => "onFailed",
            Topic::Any => "onEvent",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_topic_at_its_number() {
        for (number, topic) in Topic::ALL.iter().copied().enumerate() {
            assert_eq!(topic as usize, number, "{topic:?}");
        }
    }

    #[test]
    fn the_typed_topics_come_before_any() {
        let any = Topic::ALL.iter().position(|&t| t == Topic::Any).unwrap();
        for (at, &topic) in Topic::ALL.iter().enumerate() {
            let typed = EventKind::NAMED
                .iter()
                .any(|&k| Topic::for_kind(k) == Some(topic));
            assert_eq!(typed, at < any, "{topic:?}");
        }
        assert_eq!(Topic::ALL.last(), Some(&Topic::Any));
    }

    #[test]
    fn public_kinds_have_their_own_topic_named_like_the_event() {
        for &kind in EventKind::NAMED {
            match Topic::for_kind(kind) {
                Some(topic) => assert_eq!(topic.event_name(), kind.as_str()),
                None => assert!(kind.is_internal(), "{kind:?}"),
            }
        }
        assert_eq!(Topic::for_kind(EventKind::Other), None);
        assert_eq!(Topic::Any.event_name(), "*");
    }
}
