//! Fault control over HTTP, for browser tests that cannot reach the emulator from Rust.
//!
//! Served only by an emulator built with [`Emulator::with_fault_control`] (the standalone
//! emulator's `--faults`); otherwise these paths answer like any unknown path. The console's
//! demo never turns it on. No token is asked for: the emulator serves loopback only.
//!
//! `POST /emulator/faults` adds rules and answers 204; a body it cannot read gets a 400
//! `bad.request`. The body:
//!
//! ```json
//! {
//!   "expireTokens": false,
//!   "rules": [
//!     { "match": "POST /approval", "times": 1, "fault": "drop_before_acting" },
//!     { "match": "POST /approval", "fault": "drop_after_acting" },
//!     { "match": "GET /approval/{id}", "times": 2, "fault": "delay", "ms": 1500 },
//!     { "match": "PUT /approval/{id}", "fault": "reply_late", "ms": 5000 },
//!     { "match": "any", "fault": "unavailable", "retryAfter": "10s" },
//!     { "fault": "too_many_requests", "retryAfter": "4" },
//!     { "fault": "concurrent_access" },
//!     { "match": "POST /approval", "fault": "error", "status": 400,
//!       "id": "approval.starttime.in.past", "reason": "The start time is in the past." }
//!   ]
//! }
//! ```
//!
//! `match` is a [`Matching`] pattern (default `any`), `times` defaults to 1, `retryAfter`
//! defaults to `10s` for `unavailable` and `4s` for `too_many_requests`. `expireTokens: true`
//! expires every token issued so far. `DELETE /emulator/faults` forgets every rule (204).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;
use std::time::Duration;

use super::errors::{ids, ZpaError};
use super::faults::{Fault, Matching};
use super::{reply, Emulator};

pub const PATH: &str = "/emulator/faults";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Request {
    #[serde(default)]
    expire_tokens: bool,
    #[serde(default)]
    rules: Vec<RuleSpec>,
}

// No `deny_unknown_fields` here: serde cannot combine it with a flattened fault.
#[derive(Deserialize)]
struct RuleSpec {
    #[serde(default, rename = "match")]
    matching: Option<String>,
    #[serde(default = "once")]
    times: u32,
    #[serde(flatten)]
    fault: FaultSpec,
}

fn once() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case", rename_all_fields = "camelCase")]
enum FaultSpec {
    Delay { ms: u64 },
    Unavailable { retry_after: Option<String> },
    TooManyRequests { retry_after: Option<String> },
    ConcurrentAccess,
    Error { status: u16, id: String, reason: String },
    DropBeforeActing,
    DropAfterActing,
    ReplyLate { ms: u64 },
}

impl FaultSpec {
    fn into_fault(self) -> Result<Fault, String> {
        Ok(match self {
            Self::Delay { ms } => Fault::Delay(Duration::from_millis(ms)),
            Self::Unavailable { retry_after } => {
                Fault::Unavailable { retry_after: retry_after.unwrap_or_else(|| "10s".into()) }
            }
            Self::TooManyRequests { retry_after } => {
                Fault::too_many_requests(retry_after.unwrap_or_else(|| "4s".into()))
            }
            Self::ConcurrentAccess => Fault::ConcurrentAccess,
            Self::Error { status, id, reason } => {
                let status = StatusCode::from_u16(status)
                    .map_err(|_| format!("{status} is not an HTTP status"))?;
                Fault::error(status, id, reason)
            }
            Self::DropBeforeActing => Fault::DropBeforeActing,
            Self::DropAfterActing => Fault::DropAfterActing,
            Self::ReplyLate { ms } => Fault::ReplyLate(Duration::from_millis(ms)),
        })
    }
}

/// The control routes, for an emulator that allows them.
pub fn routes(emulator: &Emulator) -> Router {
    Router::new().route(PATH, post(add_rules).delete(clear_rules)).with_state(emulator.clone())
}

async fn add_rules(State(emulator): State<Emulator>, body: Bytes) -> Response {
    let refuse = |reason: String| ZpaError::bad_request(ids::BAD_REQUEST, reason).into_response();
    let request: Request = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(cause) => return refuse(cause.to_string()),
    };
    let mut rules = Vec::with_capacity(request.rules.len());
    for spec in request.rules {
        let matching = match spec.matching.as_deref().unwrap_or("any").parse::<Matching>() {
            Ok(matching) => matching,
            Err(reason) => return refuse(reason),
        };
        match spec.fault.into_fault() {
            Ok(fault) => rules.push((fault, matching, spec.times)),
            Err(reason) => return refuse(reason),
        }
    }

    // All or nothing: a body with one bad rule adds none of them.
    for (fault, matching, times) in rules {
        emulator.inject(fault, matching, times);
    }
    if request.expire_tokens {
        emulator.expire_tokens();
    }
    reply::no_content()
}

async fn clear_rules(State(emulator): State<Emulator>) -> Response {
    emulator.clear_faults();
    reply::no_content()
}
