//! Why the message guard dropped a message, as `onReject` is told.

/// Why a message was dropped; handed to `onReject` as its name (e.g. `"ORIGIN"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectReason {
    /// `event.source` is not our iframe's window (another frame, a popup, the page, `null`).
    Source,
    /// `event.origin` is not an allowed origin (including `"null"` and the host's own origin).
    Origin,
    /// `event.data` is not an object tagged `source: "anon_modal"` (another library's message).
    Tag,
    /// The tagged message does not match the schema (no string `type`, an `internal` that is
    /// neither a boolean nor `null`, an `event` that is not a plain object).
    Schema,
}

impl RejectReason {
    /// Every reason, in the order of their numbers (`reason as u32`).
    pub const ALL: &'static [RejectReason] = &[
        RejectReason::Source,
        RejectReason::Origin,
        RejectReason::Tag,
        RejectReason::Schema,
    ];

    /// The reason [`RejectReason::as_str`] names, e.g. `"ORIGIN"`.
    pub fn from_name(name: &str) -> Option<RejectReason> {
        RejectReason::ALL
            .iter()
            .copied()
            .find(|reason| reason.as_str() == name)
    }

    /// The reason as JavaScript sees it, e.g. `"ORIGIN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Source => "SOURCE",
            RejectReason::Origin => "ORIGIN",
            RejectReason::Tag => "TAG",
            RejectReason::Schema => "SCHEMA",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_found_by_their_names_and_listed_at_their_numbers() {
        for (number, reason) in RejectReason::ALL.iter().copied().enumerate() {
            assert_eq!(RejectReason::from_name(reason.as_str()), Some(reason));
            assert_eq!(reason as usize, number, "{reason:?}");
        }
        assert_eq!(RejectReason::from_name("origin"), None);
        assert_eq!(RejectReason::from_name(""), None);
    }
}
