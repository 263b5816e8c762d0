//! How one call travels to ZPA: the rate budget, shared reads, retries, the token, and the
//! log line for each exchange. What the calls mean is in the parent module.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rand::Rng;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use super::super::budget::CallKind;
use super::super::error::{parse_retry_after, ZpaError};
use super::super::wire::WireErrorBody;
use super::{ZpaClient, PATIENCE, READ_TIMEOUT, WRITE_TIMEOUT};
use crate::server::config::Secret;

/// Retries: the first backoff, its cap, and the most attempts of one read.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(3);
const MAX_READ_ATTEMPTS: u32 = 4;
/// How often a write refused for a concurrent change is tried again.
const MAX_CONFLICT_RETRIES: u32 = 3;

/// ZPA's response headers that identify a request in its logs.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-oneapi-request-id", "x-transaction-id"];

impl ZpaClient {
    pub(super) async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&'static str, String)],
    ) -> Result<T, ZpaError> {
        let body = self.read(path, params).await?;
        serde_json::from_slice(&body).map_err(|error| {
            tracing::error!(path, %error, "ZPA reply did not decode");
            ZpaError::Decode(error.to_string())
        })
    }

    /// A read's body, shared with everyone reading the same thing now or a moment ago.
    pub(super) async fn read(
        &self,
        path: &str,
        params: &[(&'static str, String)],
    ) -> Result<Bytes, ZpaError> {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params.iter().map(|(key, value)| (*key, value.as_str())))
            .finish();
        let key = format!("{path}?{query}");
        self.reads.get(&key, || self.read_from_zpa(path, params)).await
    }

    /// One read from ZPA, retried while that helps and the reader can wait.
    async fn read_from_zpa(
        &self,
        path: &str,
        params: &[(&'static str, String)],
    ) -> Result<Bytes, ZpaError> {
        let deadline = Instant::now() + PATIENCE;
        let mut attempt = 1;
        loop {
            self.budget.take(CallKind::Read, deadline).await.map_err(busy)?;
            let outcome = match self.send(Method::GET, path, params, None, attempt).await {
                Ok(response) => response.bytes().await.map_err(ZpaError::from_reqwest),
                Err(error) => Err(error),
            };
            let error = match outcome {
                Ok(body) => return Ok(body),
                Err(error)
                    if error.is_worth_another_read()
                        && attempt < MAX_READ_ATTEMPTS
                        && !self.auth.is_paused() =>
                {
                    error
                }
                Err(error) => return Err(error),
            };
            let wait = wait_before_retry(&error, attempt);
            if Instant::now() + wait > deadline {
                tracing::warn!(%error, path, attempt, "ZPA read given up: no time left to retry");
                return Err(error.or_busy(wait));
            }
            tracing::info!(%error, path, attempt, wait_ms = wait.as_millis() as u64, "retrying a ZPA read");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One write, repeated only when ZPA certainly did not act on it.
    pub(super) async fn write(
        &self,
        method: Method,
        path: &str,
        params: &[(&'static str, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<reqwest::Response, ZpaError> {
        self.reads.forget_all();
        let deadline = Instant::now() + PATIENCE;
        let (mut attempt, mut conflicts) = (1, 0);
        let outcome = loop {
            if let Err(wait) = self.budget.take(CallKind::Write, deadline).await {
                break Err(busy(wait));
            }
            let error = match self.send(method.clone(), path, params, body, attempt).await {
                Ok(response) => break Ok(response),
                Err(error) => error,
            };
            let retry = match &error {
                ZpaError::Api { status: 429, .. } | ZpaError::Connect(_) => true,
                ZpaError::Api { status: 409, .. } if conflicts < MAX_CONFLICT_RETRIES => {
                    conflicts += 1;
                    true
                }
                _ => false,
            };
            if !retry {
                break Err(error);
            }
            let wait = wait_before_retry(&error, attempt);
            if Instant::now() + wait > deadline {
                break Err(error.or_busy(wait));
            }
            tracing::info!(%error, %method, path, attempt, "repeating a write ZPA did not act on");
            tokio::time::sleep(wait).await;
            attempt += 1;
        };
        self.reads.forget_all();
        outcome
    }

    /// Sends one request with a bearer token, signing in again once if ZPA refuses the token.
    async fn send(
        &self,
        method: Method,
        path: &str,
        params: &[(&'static str, String)],
        body: Option<&serde_json::Value>,
        attempt: u32,
    ) -> Result<reqwest::Response, ZpaError> {
        let url = format!("{}{path}", self.api_root);
        let timeout = if method == Method::GET { READ_TIMEOUT } else { WRITE_TIMEOUT };
        let mut refused: Option<Secret> = None;
        for sign_in_round in 1..=2 {
            let bearer = self.auth.bearer(&self.http, refused.as_ref()).await?;
            let started = Instant::now();
            self.api_calls.fetch_add(1, Ordering::Relaxed);
            let mut request = self
                .http
                .request(method.clone(), &url)
                .bearer_auth(bearer.expose())
                .query(params)
                .timeout(timeout);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = match request.send().await {
                Ok(response) => response,
                Err(error) => {
                    let error = ZpaError::from_reqwest(error);
                    log_call(&method, path, None, started, attempt, None);
                    tracing::warn!(%method, path, %error, "ZPA call failed");
                    return Err(error);
                }
            };
            log_call(&method, path, Some(response.status()), started, attempt, Some(&response));
            if response.status() != StatusCode::UNAUTHORIZED {
                return check_status(response).await;
            }
            if sign_in_round == 2 {
                tracing::error!(path, "ZPA refused a freshly issued token");
                break;
            }
            refused = Some(bearer);
        }
        Err(ZpaError::SignIn { status: 401 })
    }
}

/// The console's own "ZPA is busy": the wait for ZPA's budget or its `retry-after` is longer
/// than a reader can be kept waiting.
fn busy(wait: Duration) -> ZpaError {
    ZpaError::Busy { retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64 }
}

/// How long to wait before attempt `attempt + 1`: what ZPA asked for, else capped exponential
/// backoff; either way with jitter, so queued callers do not all return at the same moment.
fn wait_before_retry(error: &ZpaError, attempt: u32) -> Duration {
    let mut rng = rand::rng();
    if let ZpaError::Api { retry_after_secs: Some(seconds), .. } = error {
        return Duration::from_secs(*seconds) + Duration::from_millis(rng.random_range(0..250));
    }
    let exponential = FIRST_BACKOFF.saturating_mul(1 << attempt.saturating_sub(1).min(8));
    exponential.min(MAX_BACKOFF).mul_f64(rng.random_range(0.75..1.25))
}

/// Passes a success through and turns an error status into a typed error with ZPA's reasons.
pub async fn check_status(response: reqwest::Response) -> Result<reqwest::Response, ZpaError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after_secs = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(parse_retry_after);
    let body: WireErrorBody = response.json().await.unwrap_or_default();
    Err(ZpaError::Api {
        status: status.as_u16(),
        id: body.id,
        reason: body.reason,
        retry_after_secs,
    })
}

/// One log line per upstream exchange: never the query (it can hold an email) nor a header
/// value other than ZPA's request ids.
pub fn log_call(
    method: &Method,
    path: &str,
    status: Option<StatusCode>,
    started: Instant,
    attempt: u32,
    response: Option<&reqwest::Response>,
) {
    let request_id = response
        .and_then(|response| {
            REQUEST_ID_HEADERS.iter().find_map(|name| response.headers().get(*name))
        })
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    let status = status.map(|status| status.as_u16()).unwrap_or(0);
    let duration_ms = started.elapsed().as_millis() as u64;
    tracing::info!(target: "zpa", %method, path, status, duration_ms, attempt, request_id, "upstream call");
}
