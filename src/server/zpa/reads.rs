//! Reads shared between readers: one call to ZPA however many people look at the same view.
//!
//! A read that is already in flight is joined rather than sent again, and a read that finished
//! a moment ago is answered from memory. Any write the console makes forgets everything at
//! once, and a read that was in flight during a write is not remembered, so nobody sees their
//! own change missing.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use tokio::sync::watch;

use super::error::ZpaError;

/// How long a read is answered from memory.
pub const FRESH_FOR: Duration = Duration::from_secs(5);
/// How many finished reads are remembered at most.
const CAPACITY: usize = 256;

type Outcome = Result<Bytes, ZpaError>;

enum Entry {
    Done { at: Instant, body: Bytes },
    Running(watch::Receiver<Option<Outcome>>),
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Entry>,
    /// Moves on every write, so a read that began before it is not remembered.
    generation: u64,
}

#[derive(Default)]
pub struct SharedReads {
    state: Mutex<State>,
}

/// What a reader does: answer from memory, wait for another reader, or go to ZPA itself.
enum Role {
    Remembered(Bytes),
    Follower(watch::Receiver<Option<Outcome>>),
    Leader(watch::Sender<Option<Outcome>>, u64),
}

impl SharedReads {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The body for `key`, from memory, from a read in flight, or from `fetch`.
    pub async fn get<F, Fut>(&self, key: &str, fetch: F) -> Outcome
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Outcome>,
    {
        loop {
            match self.role(key) {
                Role::Remembered(body) => return Ok(body),
                Role::Follower(mut receiver) => {
                    // The leader's answer, or, if its reader went away, a turn to lead.
                    if let Ok(outcome) = receiver.wait_for(Option::is_some).await {
                        if let Some(outcome) = outcome.clone() {
                            return outcome;
                        }
                    }
                }
                Role::Leader(sender, generation) => {
                    let mut guard = LeaderGuard { reads: self, key, done: false };
                    let outcome = fetch().await;
                    self.finish(key, generation, &outcome);
                    guard.done = true;
                    let _ = sender.send(Some(outcome.clone()));
                    return outcome;
                }
            }
        }
    }

    fn role(&self, key: &str) -> Role {
        let mut state = self.state();
        match state.entries.get(key) {
            Some(Entry::Done { at, body }) if at.elapsed() < FRESH_FOR => {
                return Role::Remembered(body.clone())
            }
            Some(Entry::Running(receiver)) if receiver.has_changed().is_ok() => {
                return Role::Follower(receiver.clone())
            }
            _ => {}
        }
        let (sender, receiver) = watch::channel(None);
        state.entries.insert(key.to_owned(), Entry::Running(receiver));
        Role::Leader(sender, state.generation)
    }

    fn finish(&self, key: &str, generation: u64, outcome: &Outcome) {
        let mut state = self.state();
        match outcome {
            Ok(body) if state.generation == generation => {
                if state.entries.len() >= CAPACITY {
                    state.entries.retain(|_, entry| match entry {
                        Entry::Done { at, .. } => at.elapsed() < FRESH_FOR,
                        Entry::Running(_) => true,
                    });
                }
                let entry = Entry::Done { at: Instant::now(), body: body.clone() };
                state.entries.insert(key.to_owned(), entry);
            }
            _ => {
                state.entries.remove(key);
            }
        }
    }

    /// Forgets every remembered read; called before and after each write.
    pub fn forget_all(&self) {
        let mut state = self.state();
        state.generation += 1;
        state.entries.retain(|_, entry| matches!(entry, Entry::Running(_)));
    }
}

/// Clears a leader's entry when its reader goes away before the read finished, so the next
/// reader leads instead of waiting on nobody.
struct LeaderGuard<'a> {
    reads: &'a SharedReads,
    key: &'a str,
    done: bool,
}

impl Drop for LeaderGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.reads.state().entries.remove(self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    async fn slow_fetch(calls: &AtomicUsize) -> Outcome {
        calls.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(50)).await;
        Ok(Bytes::from_static(b"page"))
    }

    #[tokio::test]
    async fn readers_of_the_same_view_share_one_call() {
        let reads = Arc::new(SharedReads::default());
        let calls = Arc::new(AtomicUsize::new(0));
        let readers = (0..20).map(|_| {
            let (reads, calls) = (reads.clone(), calls.clone());
            tokio::spawn(async move { reads.get("/approval?page=1", || slow_fetch(&calls)).await })
        });
        for reader in readers {
            assert_eq!(reader.await.unwrap().unwrap(), "page");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        reads.get("/approval?page=1", || slow_fetch(&calls)).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1, "a fresh read is remembered");
        reads.get("/approval?page=2", || slow_fetch(&calls)).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2, "another view is its own read");
    }

    #[tokio::test]
    async fn a_write_forgets_what_was_read_and_what_was_in_flight() {
        let reads = Arc::new(SharedReads::default());
        let calls = Arc::new(AtomicUsize::new(0));
        reads.get("k", || slow_fetch(&calls)).await.unwrap();
        reads.forget_all();
        reads.get("k", || slow_fetch(&calls)).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        let in_flight = {
            let (reads, calls) = (reads.clone(), calls.clone());
            tokio::spawn(async move {
                reads.forget_all();
                reads.get("j", || slow_fetch(&calls)).await
            })
        };
        tokio::time::sleep(Duration::from_millis(10)).await;
        reads.forget_all();
        in_flight.await.unwrap().unwrap();
        reads.get("j", || slow_fetch(&calls)).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 4, "a read from before the write is not kept");
    }

    #[tokio::test]
    async fn errors_are_shared_but_not_remembered() {
        let reads = SharedReads::default();
        let failing = || async { Err(ZpaError::Timeout) };
        assert!(matches!(reads.get("k", failing).await, Err(ZpaError::Timeout)));
        let calls = AtomicUsize::new(0);
        reads.get("k", || slow_fetch(&calls)).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_reader_that_goes_away_hands_the_read_on() {
        let reads = Arc::new(SharedReads::default());
        let leader = {
            let reads = reads.clone();
            tokio::spawn(async move {
                reads
                    .get("k", || async {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        Ok(Bytes::new())
                    })
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(10)).await;
        leader.abort();
        let _ = leader.await;
        let calls = AtomicUsize::new(0);
        let body =
            tokio::time::timeout(Duration::from_secs(2), reads.get("k", || slow_fetch(&calls)))
                .await
                .expect("the next reader does not wait on the one that left");
        assert_eq!(body.unwrap(), "page");
    }
}
