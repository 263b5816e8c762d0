//! What the emulator received, so a test can prove what a client sent: that a create went out
//! once, that a retry waited, that a refused call was not repeated.
//!
//! Each entry holds the method, the path (no query, no headers: they may carry a token) and the
//! status the client was sent, or `None` when the connection was closed without a reply. The
//! oldest entries are forgotten past [`KEPT`], so a long-running demo does not grow without bound.

use std::collections::VecDeque;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::faults::Matching;
use super::Emulator;

/// How many requests the log keeps.
pub const KEPT: usize = 10_000;

/// One request as the emulator received and answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    pub method: Method,
    pub path: String,
    /// What the client was sent; `None` if it got no reply (yet, or ever).
    pub status: Option<StatusCode>,
}

/// The requests received, oldest first, each with its arrival number.
#[derive(Debug, Default)]
pub struct RequestLog {
    arrivals: u64,
    entries: VecDeque<(u64, ReceivedRequest)>,
}

impl RequestLog {
    fn arrive(&mut self, method: Method, path: String) -> u64 {
        self.arrivals += 1;
        if self.entries.len() == KEPT {
            self.entries.pop_front();
        }
        self.entries.push_back((self.arrivals, ReceivedRequest { method, path, status: None }));
        self.arrivals
    }

    fn answer(&mut self, arrival: u64, status: StatusCode) {
        if let Some((_, entry)) =
            self.entries.iter_mut().rev().find(|(number, _)| *number == arrival)
        {
            entry.status = Some(status);
        }
    }
}

impl Emulator {
    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.request_log().entries.iter().map(|(_, entry)| entry.clone()).collect()
    }

    /// How many requests received so far `matching` selects, answered or not.
    pub fn count_requests(&self, matching: &Matching) -> usize {
        let log = self.request_log();
        log.entries.iter().filter(|(_, entry)| matching.matches(&entry.method, &entry.path)).count()
    }
}

/// Notes the request on arrival and its status once a reply leaves.
pub async fn record(State(emulator): State<Emulator>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let arrival = emulator.request_log().arrive(method, request.uri().path().to_owned());
    let response = next.run(request).await;
    emulator.request_log().answer(arrival, response.status());
    response
}
