//! The console's share of ZPA's rate limit, kept across every user of one server.
//!
//! ZPA allows 20 reads and 10 writes per 10 seconds per tenant and source address, and
//! answers 429 past that. Rather than trip it, every call first takes a slot here: a call that
//! would exceed the budget waits, in arrival order, until a slot is free, unless the wait is
//! longer than the caller can afford. The window is a little longer than ZPA's, so that the
//! time a request spends on the network never makes two windows overlap at ZPA's end.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// ZPA's limits: calls per window, for reads and for writes.
pub const READS_PER_WINDOW: usize = 20;
pub const WRITES_PER_WINDOW: usize = 10;
pub const ZPA_WINDOW: Duration = Duration::from_secs(10);
/// The console's window: ZPA's plus a margin for network delays.
const MARGIN: Duration = Duration::from_millis(750);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Read,
    Write,
}

/// The budget for one kind of call: when each of the latest calls was (or will be) sent.
struct Lane {
    limit: usize,
    sent: Mutex<VecDeque<Instant>>,
}

impl Lane {
    fn new(limit: usize) -> Self {
        Self { limit, sent: Mutex::new(VecDeque::with_capacity(limit)) }
    }

    /// Books the earliest slot no later than `latest`, or says how long until one is free.
    fn book(&self, window: Duration, latest: Instant) -> Result<Instant, Duration> {
        let now = Instant::now();
        let mut sent = self.sent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while sent.front().is_some_and(|at| *at + window <= now) {
            sent.pop_front();
        }
        // The slot is free once the call `limit` places back has left the window.
        let slot =
            if sent.len() < self.limit { now } else { sent[sent.len() - self.limit] + window };
        if slot > latest {
            return Err(slot - now);
        }
        sent.push_back(slot);
        Ok(slot)
    }
}

pub struct RateBudget {
    window: Duration,
    reads: Lane,
    writes: Lane,
}

impl RateBudget {
    /// ZPA's budget.
    pub fn zpa() -> Self {
        Self::new(READS_PER_WINDOW, WRITES_PER_WINDOW, ZPA_WINDOW + MARGIN)
    }

    pub fn new(reads: usize, writes: usize, window: Duration) -> Self {
        Self { window, reads: Lane::new(reads), writes: Lane::new(writes) }
    }

    /// Waits for a slot for one call of `kind`, but not past `deadline`. When the wait would be
    /// longer, nothing is booked and the error says how long until a slot is free.
    pub async fn take(&self, kind: CallKind, deadline: Instant) -> Result<(), Duration> {
        let lane = match kind {
            CallKind::Read => &self.reads,
            CallKind::Write => &self.writes,
        };
        let slot = lane.book(self.window, deadline)?;
        tokio::time::sleep_until(slot.into()).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn calls_past_the_limit_wait_for_the_window_in_arrival_order() {
        let budget = RateBudget::new(3, 1, Duration::from_millis(300));
        let started = Instant::now();
        let deadline = started + Duration::from_secs(5);
        for _ in 0..3 {
            budget.take(CallKind::Read, deadline).await.unwrap();
        }
        assert!(started.elapsed() < Duration::from_millis(100), "the first three go at once");
        budget.take(CallKind::Read, deadline).await.unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300), "the fourth waits a window");
        // Writes have their own lane.
        let before = Instant::now();
        budget.take(CallKind::Write, deadline).await.unwrap();
        assert!(before.elapsed() < Duration::from_millis(100));
    }

    #[tokio::test]
    async fn a_wait_longer_than_the_caller_can_afford_books_nothing() {
        let budget = RateBudget::new(1, 1, Duration::from_secs(10));
        let soon = Instant::now() + Duration::from_secs(1);
        budget.take(CallKind::Write, soon).await.unwrap();
        let wait = budget.take(CallKind::Write, soon).await.unwrap_err();
        assert!(wait > Duration::from_secs(9) && wait <= Duration::from_secs(10), "{wait:?}");
        // The refused call took no slot: the next one is told the same wait, not a longer one.
        let again = budget.take(CallKind::Write, soon).await.unwrap_err();
        assert!(again <= wait);
    }

    #[test]
    fn no_window_ever_holds_more_than_the_limit() {
        let lane = Lane::new(20);
        let window = Duration::from_secs(10);
        let latest = Instant::now() + Duration::from_secs(60);
        let slots: Vec<Instant> = (0..65).map(|_| lane.book(window, latest).unwrap()).collect();
        for (index, slot) in slots.iter().enumerate() {
            let inside = slots[index..].iter().filter(|later| **later < *slot + window).count();
            assert!(inside <= 20, "{inside} calls within one window from slot {index}");
        }
    }
}
