//! The modal's state machine: what each accepted event does, independent of the DOM.
//!
//! It enforces the rules a host relies on: each terminal callback fires at most once, the
//! migration outcome (completed or failed) is decided once, `settled` settles once, `closed`
//! (or the modal hiding itself once the outcome is known) tears the modal down, and nothing
//! happens after teardown.

use crate::event::EventKind;

/// Where an accepted event goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// To no listener (internal but for the `hide` that ends it, a repeat of a terminal event,
    /// or after teardown).
    Nobody,
    /// To the typed listeners of its kind and to the catch-all listeners.
    Typed,
    /// To the catch-all listeners only (an unknown type).
    CatchAllOnly,
}

/// What the modal must do for one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Who hears about the event.
    pub delivery: Delivery,
    /// `Some(true)` to show the iframe, `Some(false)` to hide it.
    pub visibility: Option<bool>,
    /// The modal proved it loaded: cancel the ready timeout.
    pub ready: bool,
    /// Settle the `settled` promise with this event.
    pub settle: bool,
    /// Remove the iframe and listeners, restore focus and scroll.
    pub teardown: bool,
    /// The modal hid itself once its outcome was known: it has ended, and listeners get the
    /// package's `closed` (reason `"hidden"`) in place of the `hide`.
    pub ended_hidden: bool,
}

impl Step {
    const NOTHING: Step = Step {
        delivery: Delivery::Nobody,
        visibility: None,
        ready: false,
        settle: false,
        teardown: false,
        ended_hidden: false,
    };
}

/// The migration's outcome as the modal reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `completed` arrived first.
    Completed,
    /// `failed` arrived first (or the ready timeout ran out, or the page's CSP blocked the
    /// modal).
    Failed,
}

/// The state of one mounted modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    ready: bool,
    visible: bool,
    outcome: Option<Outcome>,
    settled: bool,
    torn_down: bool,
}

impl Lifecycle {
    /// A freshly mounted modal, shown or (for background resumes) hidden.
    pub fn new(visible: bool) -> Self {
        Lifecycle {
            ready: false,
            visible,
            outcome: None,
            settled: false,
            torn_down: false,
        }
    }

    /// Whether the modal proved it loaded (`opened`, `show`, or a terminal event arrived).
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Whether the iframe is shown.
    pub fn is_visible(&self) -> bool {
        self.visible
    }

    /// Whether the modal was torn down (closed, failed to load, or destroyed).
    pub fn is_torn_down(&self) -> bool {
        self.torn_down
    }

    /// The outcome, once known.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    /// An accepted message of `kind`; `internal` is its `event.internal` flag.
    pub fn on_event(&mut self, kind: EventKind, internal: bool) -> Step {
        if self.torn_down {
            return Step::NOTHING;
        }
        let mut step = Step::NOTHING;
        if internal {
            // Anon documents `closed` for a user who leaves before the migration starts: after
            // `completed` or `failed`, the modal going away is a `hide`, and nothing comes after.
            if kind == EventKind::Hide && self.outcome.is_some() {
                self.torn_down = true;
                // No settle: `settled` settled with the outcome.
                return Step {
                    delivery: Delivery::Typed,
                    teardown: true,
                    ended_hidden: true,
                    ..Step::NOTHING
                };
            }
            if kind.is_internal() {
                self.ready = true;
                step.ready = true;
                step.visibility = self.set_visible(kind == EventKind::Show);
            }
            return step;
        }
        step.delivery = Delivery::Typed;
        match kind {
            EventKind::Opened => {
                step.ready = !self.ready;
                self.ready = true;
            }
            EventKind::Completed | EventKind::Failed => {
                if self.outcome.is_some() {
                    return Step::NOTHING;
                }
                self.outcome = Some(if kind == EventKind::Completed {
                    Outcome::Completed
                } else {
                    Outcome::Failed
                });
                step.ready = !self.ready;
                self.ready = true;
                step.settle = self.settle();
            }
            EventKind::Closed => {
                step.settle = self.settle();
                step.teardown = true;
                step.ready = !self.ready;
                self.ready = true;
                self.torn_down = true;
            }
            // `show`/`hide` without `internal: true` are not what the modal sends.
            EventKind::Show | EventKind::Hide => return Step::NOTHING,
            EventKind::Other => step.delivery = Delivery::CatchAllOnly,
        }
        step
    }

    /// The ready timeout ran out. If the modal never proved it loaded, this is a failure:
    /// deliver a synthetic `failed` event, settle and tear down.
    pub fn on_ready_timeout(&mut self) -> Step {
        self.end_unready(Some(Outcome::Failed))
    }

    /// The page's Content-Security-Policy blocked the modal's URL: like the ready timeout, a
    /// failure, only known at once.
    pub fn on_frame_blocked(&mut self) -> Step {
        self.end_unready(Some(Outcome::Failed))
    }

    /// The user pressed Escape in the page. Before the modal proved it loaded, the overlay
    /// must not trap the page: deliver a synthetic `closed`, settle and tear down. Once it is
    /// ready, Escape is the modal's own business; a hidden modal traps nothing, and the key is
    /// the page's.
    pub fn on_dismiss(&mut self) -> Step {
        if !self.visible {
            return Step::NOTHING;
        }
        self.end_unready(None)
    }

    fn end_unready(&mut self, outcome: Option<Outcome>) -> Step {
        if self.ready || self.torn_down {
            return Step::NOTHING;
        }
        self.outcome = outcome;
        self.torn_down = true;
        Step {
            delivery: Delivery::Typed,
            visibility: None,
            ready: true,
            settle: self.settle(),
            teardown: true,
            ended_hidden: false,
        }
    }

    /// The host called `show()` (`true`) or `hide()` (`false`).
    pub fn on_visibility_request(&mut self, visible: bool) -> Step {
        if self.torn_down {
            return Step::NOTHING;
        }
        Step {
            visibility: self.set_visible(visible),
            ..Step::NOTHING
        }
    }

    /// The host called `destroy()`: tear down once, settling if nothing settled yet.
    pub fn on_destroy(&mut self) -> Step {
        if self.torn_down {
            return Step::NOTHING;
        }
        self.torn_down = true;
        Step {
            settle: self.settle(),
            teardown: true,
            ready: !self.ready,
            ..Step::NOTHING
        }
    }

    fn settle(&mut self) -> bool {
        !core::mem::replace(&mut self.settled, true)
    }

    fn set_visible(&mut self, visible: bool) -> Option<bool> {
        (self.visible != visible).then(|| {
            self.visible = visible;
            visible
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventKind::*;

    #[test]
    fn full_flow() {
        let mut m = Lifecycle::new(true);
        let opened = m.on_event(Opened, false);
        assert_eq!(
            (opened.delivery, opened.ready, opened.settle),
            (Delivery::Typed, true, false)
        );
        assert_eq!(m.on_event(Hide, true).visibility, Some(false));
        assert_eq!(m.on_event(Show, true).visibility, Some(true));
        let completed = m.on_event(Completed, false);
        assert_eq!(
            (completed.delivery, completed.settle, completed.teardown),
            (Delivery::Typed, true, false)
        );
        let closed = m.on_event(Closed, false);
        assert_eq!(
            (closed.delivery, closed.settle, closed.teardown),
            (Delivery::Typed, false, true)
        );
        assert_eq!(m.on_event(Opened, false), Step::NOTHING, "nothing after teardown");
    }

    #[test]
    fn terminal_events_fire_once_and_first_outcome_wins() {
        let mut m = Lifecycle::new(true);
        assert_eq!(m.on_event(Completed, false).delivery, Delivery::Typed);
        assert_eq!(m.on_event(Completed, false), Step::NOTHING);
        assert_eq!(m.on_event(Failed, false), Step::NOTHING);
        assert_eq!(m.outcome(), Some(Outcome::Completed));
        let mut m = Lifecycle::new(true);
        assert!(m.on_event(Failed, false).settle);
        assert_eq!(m.on_event(Completed, false), Step::NOTHING);
        let closed = m.on_event(Closed, false);
        assert!(closed.teardown && !closed.settle);
        assert_eq!(m.on_event(Closed, false), Step::NOTHING);
        assert_eq!(m.on_event(Completed, false), Step::NOTHING);
    }

    #[test]
    fn a_hide_once_the_outcome_is_known_ends_the_modal() {
        for outcome in [Completed, Failed] {
            let mut m = Lifecycle::new(true);
            m.on_event(Opened, false);
            let before = m.on_event(Hide, true);
            assert!(
                !before.teardown && !before.ended_hidden,
                "before the outcome: hidden only"
            );
            m.on_event(Show, true);
            m.on_event(outcome, false);
            let show = m.on_event(Show, true);
            assert!(
                !show.teardown && !show.ended_hidden,
                "a show after it does not end it"
            );
            let hide = m.on_event(Hide, true);
            assert_eq!(
                (hide.delivery, hide.teardown, hide.ended_hidden, hide.settle),
                (Delivery::Typed, true, true, false)
            );
            assert!(m.is_torn_down());
            assert_eq!(m.on_event(Closed, false), Step::NOTHING, "nothing after it");
        }
        // The host's own `hide()` only hides, and a `hide` not marked internal does nothing.
        let mut m = Lifecycle::new(true);
        m.on_event(Completed, false);
        let hide = m.on_visibility_request(false);
        assert!(!hide.teardown && hide.visibility == Some(false));
        assert_eq!(m.on_event(Hide, false), Step::NOTHING);
        assert!(!m.is_torn_down());
    }

    #[test]
    fn closed_first_settles() {
        let mut m = Lifecycle::new(true);
        let closed = m.on_event(Closed, false);
        assert!(closed.settle && closed.teardown && closed.ready);
    }

    #[test]
    fn internal_flag_is_required_for_show_and_hide_and_hides_everything_else() {
        let mut m = Lifecycle::new(false);
        assert_eq!(m.on_event(Show, false), Step::NOTHING);
        assert!(!m.is_visible());
        let show = m.on_event(Show, true);
        assert_eq!(
            (show.visibility, show.ready, show.delivery),
            (Some(true), true, Delivery::Nobody)
        );
        assert_eq!(m.on_event(Show, true).visibility, None, "already shown");
        assert_eq!(
            m.on_event(Completed, true),
            Step::NOTHING,
            "internal events are never forwarded"
        );
        assert_eq!(m.on_event(Other, true), Step::NOTHING);
    }

    #[test]
    fn unknown_types_reach_catch_all_only() {
        let mut m = Lifecycle::new(true);
        assert_eq!(m.on_event(Other, false).delivery, Delivery::CatchAllOnly);
        assert!(
            !m.on_event(Other, false).ready,
            "unknown types do not prove the modal loaded"
        );
    }

    #[test]
    fn ready_timeout_fails_only_before_ready() {
        let mut m = Lifecycle::new(true);
        let t = m.on_ready_timeout();
        assert!(t.teardown && t.settle && t.delivery == Delivery::Typed);
        assert_eq!(m.outcome(), Some(Outcome::Failed));
        assert_eq!(m.on_event(Opened, false), Step::NOTHING);
        let mut m = Lifecycle::new(false);
        m.on_event(Show, true);
        assert_eq!(m.on_ready_timeout(), Step::NOTHING);
    }

    #[test]
    fn escape_and_a_blocked_frame_end_only_an_unready_modal() {
        let mut m = Lifecycle::new(true);
        let d = m.on_dismiss();
        assert!(d.teardown && d.settle && d.ready && d.delivery == Delivery::Typed);
        assert_eq!(m.outcome(), None, "dismissed: closed, with no outcome");
        assert!(m.is_torn_down());
        assert_eq!(m.on_frame_blocked(), Step::NOTHING);

        let mut m = Lifecycle::new(true);
        let b = m.on_frame_blocked();
        assert!(b.teardown && b.settle && b.delivery == Delivery::Typed);
        assert_eq!(m.outcome(), Some(Outcome::Failed));
        assert_eq!(m.on_dismiss(), Step::NOTHING);

        let mut m = Lifecycle::new(false);
        assert_eq!(
            m.on_dismiss(),
            Step::NOTHING,
            "a hidden modal leaves Escape to the page"
        );
        assert!(!m.is_torn_down());

        for ready in [Opened, Show] {
            let mut m = Lifecycle::new(false);
            m.on_event(ready, ready == Show);
            assert_eq!(
                m.on_dismiss(),
                Step::NOTHING,
                "Escape in a ready modal is its own"
            );
            assert_eq!(m.on_frame_blocked(), Step::NOTHING);
            assert!(!m.is_torn_down());
        }
    }

    #[test]
    fn destroy_is_idempotent_and_settles_once() {
        let mut m = Lifecycle::new(true);
        let d = m.on_destroy();
        assert!(d.teardown && d.settle);
        assert_eq!(m.on_destroy(), Step::NOTHING);
        assert_eq!(m.on_visibility_request(false), Step::NOTHING);
        let mut m = Lifecycle::new(true);
        m.on_event(Completed, false);
        assert!(!m.on_destroy().settle, "already settled by completed");
    }

    #[test]
    fn the_state_reads_back_at_each_step() {
        // (ready, visible, torn down)
        let state = |m: &Lifecycle| (m.is_ready(), m.is_visible(), m.is_torn_down());
        let mut m = Lifecycle::new(false);
        assert_eq!(state(&m), (false, false, false));
        m.on_visibility_request(true);
        assert_eq!(state(&m), (false, true, false));
        m.on_event(Opened, false);
        assert_eq!(state(&m), (true, true, false));
        m.on_event(Hide, true);
        assert_eq!(state(&m), (true, false, false));
        m.on_event(Closed, false);
        assert_eq!(state(&m), (true, false, true));
    }

    #[test]
    fn ready_is_reported_once_whichever_event_proves_it() {
        // `opened` twice: the timer is cancelled on the first only.
        let mut m = Lifecycle::new(true);
        assert!(m.on_event(Opened, false).ready);
        assert!(!m.on_event(Opened, false).ready);
        // A terminal event proves readiness, unless something already did.
        let mut m = Lifecycle::new(true);
        assert!(m.on_event(Completed, false).ready);
        let mut m = Lifecycle::new(true);
        m.on_event(Opened, false);
        assert!(!m.on_event(Failed, false).ready);
        assert!(!m.on_event(Closed, false).ready);
        // destroy() cancels a timer still running, and only then.
        let mut m = Lifecycle::new(true);
        assert!(m.on_destroy().ready, "not ready yet: the timer is still set");
        let mut m = Lifecycle::new(true);
        m.on_event(Opened, false);
        assert!(!m.on_destroy().ready, "already ready: no timer left");
    }
}
