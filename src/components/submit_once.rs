//! Lets a form's submit button through once per save: a double click would otherwise send
//! the second click before the disabled button is drawn.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct SubmitOnce {
    sent: RwSignal<bool>,
}

impl SubmitOnce {
    /// Guards one action; `completed` is the action's version, which moves when a save ends.
    pub fn new(completed: RwSignal<usize>) -> Self {
        let sent = RwSignal::new(false);
        Effect::new(move |_| {
            completed.track();
            sent.set(false);
        });
        Self { sent }
    }

    /// Lets the first click through and stops every other until the save has ended.
    pub fn admit(self, event: &leptos::ev::MouseEvent) {
        if self.sent.get_untracked() {
            event.prevent_default();
        } else {
            self.sent.set(true);
        }
    }
}
