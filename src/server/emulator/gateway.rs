//! The OneAPI gateway in front of ZPA: what a request under `/zpa` meets before ZPA does.
//!
//! The gateway answers a bad token itself, with its own 401 body, and stamps every reply with
//! its headers: fresh `x-oneapi-request-id` and `x-transaction-id` values, its request budget
//! (`x-ratelimit-limit: 5000, 5000;w=60`, the remaining count and the seconds until the budget
//! renews) and `cache-control: no-store`.
//!
//! Legacy replies carry a fresh `x-transaction-id` too. No recording shows whether the legacy
//! host sends one; a header a client does not know is ignored, and with it the console's log
//! line for an upstream call and the emulator's own log line name the same request.
//!
//! Known limit: the gateway budget is counted and reported but never enforced; a client that
//! spends 5000 calls in a minute is not refused by the gateway (ZPA's own limits still apply
//! when they are on).

use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use rand::Rng;
use serde::Serialize;

use super::{reply, Emulator};

pub const TRANSACTION_ID: HeaderName = HeaderName::from_static("x-transaction-id");
const REQUEST_ID: HeaderName = HeaderName::from_static("x-oneapi-request-id");
const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// The gateway's budget as recorded live: 5000 calls a minute.
const BUDGET: u32 = 5000;
const BUDGET_WINDOW: Duration = Duration::from_secs(60);

/// Whether `path` is on the OneAPI host layout, behind the gateway.
pub fn is_behind_gateway(path: &str) -> bool {
    path.starts_with("/zpa/")
}

/// The gateway's 401 body, recorded live; its fields are empty strings, not absent.
#[derive(Serialize)]
struct Unauthorized {
    detail: &'static str,
    r#type: &'static str,
    title: &'static str,
    status: &'static str,
}

/// The gateway's refusal of a missing, unknown or expired token.
pub fn unauthorized() -> Response {
    let body = Unauthorized { detail: "unauthorized", r#type: "", title: "", status: "" };
    reply::json(StatusCode::UNAUTHORIZED, &body)
}

/// The calls spent in the gateway's current one-minute window.
#[derive(Debug, Default)]
pub struct GatewayBudget {
    window_start: Option<Instant>,
    spent: u32,
}

impl GatewayBudget {
    /// Counts one call; returns the calls left and the whole seconds until the window renews.
    fn spend(&mut self, now: Instant) -> (u32, u64) {
        let start = match self.window_start {
            Some(start) if now.duration_since(start) < BUDGET_WINDOW => start,
            _ => {
                self.spent = 0;
                *self.window_start.insert(now)
            }
        };
        self.spent = self.spent.saturating_add(1);
        let reset = BUDGET_WINDOW.saturating_sub(now.duration_since(start));
        (BUDGET.saturating_sub(self.spent), reset.as_secs_f64().ceil() as u64)
    }
}

/// Stamps the reply with the gateway's headers under `/zpa`, and with a transaction id
/// everywhere.
pub async fn stamp_headers(
    State(emulator): State<Emulator>,
    request: Request,
    next: Next,
) -> Response {
    let behind_gateway = is_behind_gateway(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(TRANSACTION_ID, fresh_id());
    if behind_gateway {
        let (remaining, reset) = emulator.gateway_budget().spend(Instant::now());
        headers.insert(REQUEST_ID, fresh_id());
        headers.insert(LIMIT, HeaderValue::from_static("5000, 5000;w=60"));
        headers.insert(REMAINING, HeaderValue::from(remaining));
        headers.insert(RESET, HeaderValue::from(reset));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A random id in the 8-4-4-4-12 hex form the gateway uses.
fn fresh_id() -> HeaderValue {
    let bytes: [u8; 16] = rand::rng().random();
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    let id =
        format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
    HeaderValue::from_str(&id).unwrap_or(HeaderValue::from_static("0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_counts_down_and_renews_after_a_minute() {
        let mut budget = GatewayBudget::default();
        let start = Instant::now();
        assert_eq!(budget.spend(start), (4999, 60));
        assert_eq!(budget.spend(start + Duration::from_millis(30_500)), (4998, 30));
        assert_eq!(budget.spend(start + BUDGET_WINDOW), (4999, 60));
    }
}
