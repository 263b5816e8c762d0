//! The one ZPA client of the server: signs in, calls the API and decodes replies.
//!
//! One `reqwest::Client` (one connection pool) and one token serve every request. Around each
//! call sit the protections a shared ZPA tenant needs:
//! - every call takes a slot of ZPA's rate budget first ([`RateBudget`]), so the console
//!   queues briefly instead of tripping ZPA's limit;
//! - identical reads share one call, and recent reads are answered from memory until the
//!   console's next write ([`SharedReads`]);
//! - reads are retried on 429, 503, connection failures and timeouts, with capped exponential
//!   backoff and jitter, as long as the reader can afford to wait;
//! - writes are repeated only when ZPA certainly did not act (a 429, a refused connection, a
//!   409 concurrent change); after an answer that never came, ZPA is asked what happened.
//!
//! Timeouts: connecting [`CONNECT_TIMEOUT`]; a read attempt [`READ_TIMEOUT`]; a write
//! [`WRITE_TIMEOUT`]; all attempts and waits of one call together [`PATIENCE`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rand::Rng;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use super::budget::{CallKind, RateBudget};
use super::error::{parse_retry_after, ZpaError};
use super::listing::ListRequest;
use super::reads::SharedReads;
use super::sign_in::{Authenticator, OneApiProof, SignInFlow};
use super::wire::{self, WireApproval, WireErrorBody, WireMicrotenant, WirePage, WireSegment};
use crate::model::{
    ApplicationSegment, Approval, ApprovalPage, ApprovalRequest, ListQuery, MicrotenantChoice,
    PurgeOutcome,
};
use crate::server::config::{LegacyCredentials, OneApiCredentials, Secret};

/// How long the console waits to connect to ZPA.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long one read attempt may take.
pub const READ_TIMEOUT: Duration = Duration::from_secs(8);
/// How long a write may take; it is not repeated after a timeout, so it gets longer.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(15);
/// The most one call waits in all, queueing and retries included, before the user is told.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Retries: the first backoff, its cap, and the most attempts of one read.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(3);
const MAX_READ_ATTEMPTS: u32 = 4;
/// How often a write refused for a concurrent change is tried again.
const MAX_CONFLICT_RETRIES: u32 = 3;

/// How long the list of microtenants is reused: it changes rarely, and every page's selector
/// shows it.
const MICROTENANTS_TTL: Duration = Duration::from_secs(300);

/// ZPA's response headers that identify a request in its logs.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-oneapi-request-id", "x-transaction-id"];

/// How soon a freshly created approval must have been made to be taken for the one the
/// console sent, when ZPA's answer to the create never arrived.
const CREATE_MATCH_WINDOW_SECS: i64 = 120;

pub struct ZpaClient {
    http: reqwest::Client,
    /// `{api base}/mgmtconfig/v1/admin/customers/{customer id}`.
    api_root: String,
    default_microtenant: Option<u64>,
    auth: Authenticator,
    budget: RateBudget,
    reads: SharedReads,
    microtenants: std::sync::Mutex<Option<(Instant, Vec<MicrotenantChoice>)>>,
    api_calls: AtomicU64,
}

impl ZpaClient {
    /// A client signing in with ZPA API keys at `{base_url}/signin`.
    pub fn legacy(credentials: &LegacyCredentials) -> Result<Self, ZpaError> {
        let flow = SignInFlow::Legacy {
            url: format!("{}/signin", credentials.base_url),
            client_id: credentials.client_id.clone(),
            client_secret: credentials.client_secret.clone(),
        };
        Self::build(
            &credentials.base_url,
            credentials.customer_id,
            credentials.microtenant_id,
            flow,
        )
    }

    /// A client signing in with a ZIdentity API client through OneAPI.
    pub fn oneapi(credentials: &OneApiCredentials) -> Result<Self, ZpaError> {
        let flow = SignInFlow::OneApi {
            url: credentials.token_url.clone(),
            client_id: credentials.client_id.clone(),
            proof: OneApiProof::from_config(&credentials.proof)?,
        };
        Self::build(
            &credentials.api_base,
            credentials.customer_id,
            credentials.microtenant_id,
            flow,
        )
    }

    fn build(
        api_base: &str,
        customer_id: u64,
        default_microtenant: Option<u64>,
        flow: SignInFlow,
    ) -> Result<Self, ZpaError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(WRITE_TIMEOUT)
            .user_agent(concat!("zpa-approvals-console/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(ZpaError::from_reqwest)?;
        Ok(Self {
            http,
            api_root: format!("{api_base}/mgmtconfig/v1/admin/customers/{customer_id}"),
            default_microtenant,
            auth: Authenticator::new(flow),
            budget: RateBudget::zpa(),
            reads: SharedReads::default(),
            microtenants: std::sync::Mutex::new(None),
            api_calls: AtomicU64::new(0),
        })
    }

    /// How many times this client has signed in since it started.
    pub fn sign_in_count(&self) -> u64 {
        self.auth.sign_in_count()
    }

    /// How many API requests (sign-ins aside) this client has sent since it started.
    pub fn api_call_count(&self) -> u64 {
        self.api_calls.load(Ordering::Relaxed)
    }

    /// True when ZPA can be signed in to and answers a small read.
    pub async fn is_ready(&self) -> bool {
        let params = [("page", "1".to_string()), ("pagesize", "1".to_string())];
        match self.read("/application", &params).await {
            Ok(_) => true,
            Err(error) => {
                tracing::warn!(%error, "not ready: ZPA could not be signed in to or read");
                false
            }
        }
    }

    pub async fn list_approvals(&self, query: &ListQuery) -> Result<ApprovalPage, ZpaError> {
        let request = ListRequest::for_view(query);
        let mut params = vec![
            ("page", request.page.to_string()),
            ("pagesize", request.page_size.to_string()),
            ("sortBy", request.sort_by.to_string()),
            ("sortdir", request.sort_dir.to_string()),
        ];
        if let Some(search) = &request.search {
            params.push(("search", search.clone()));
        }
        self.push_microtenant(&mut params, query.microtenant);
        let wire: WirePage<WireApproval> = self.get_json("/approval", &params).await?;
        let page = wire::decode_page(wire, request.page, request.page_size)
            .map_err(|error| ZpaError::Decode(error.0))?;
        Ok(request.finish(page, query))
    }

    pub async fn get_approval(
        &self,
        id: u64,
        microtenant: Option<u64>,
    ) -> Result<Approval, ZpaError> {
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        let wire: WireApproval = self.get_json(&format!("/approval/{id}"), &params).await?;
        wire::decode_approval(wire).map_err(|error| ZpaError::Decode(error.0))
    }

    /// Application segments whose name contains `search` (all of them when it is empty), up to
    /// ZPA's page limit of 500, in ZPA's order.
    pub async fn list_segments(
        &self,
        search: &str,
        microtenant: Option<u64>,
    ) -> Result<Vec<ApplicationSegment>, ZpaError> {
        let mut params = vec![("page", "1".to_string()), ("pagesize", "500".to_string())];
        if !search.trim().is_empty() {
            params.push(("search", format!("name+CONTAINS+{}", search.trim())));
        }
        self.push_microtenant(&mut params, microtenant);
        let wire: WirePage<WireSegment> = self.get_json("/application", &params).await?;
        wire.list
            .into_iter()
            .map(|segment| wire::decode_segment(segment).map_err(|error| ZpaError::Decode(error.0)))
            .collect()
    }

    /// The tenant's microtenants in name order, the Default microtenant aside. Read from ZPA at
    /// most once every few minutes.
    pub async fn list_microtenants(&self) -> Result<Vec<MicrotenantChoice>, ZpaError> {
        let cached = |slot: &Option<(Instant, Vec<MicrotenantChoice>)>| {
            slot.as_ref()
                .filter(|(read_at, _)| read_at.elapsed() < MICROTENANTS_TTL)
                .map(|(_, list)| list.clone())
        };
        if let Some(list) = cached(&self.microtenants.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(list);
        }
        let params = [("page", "1".to_string()), ("pagesize", "500".to_string())];
        let wire: WirePage<WireMicrotenant> = self.get_json("/microtenants", &params).await?;
        let mut list = wire
            .list
            .into_iter()
            .map(|item| wire::decode_microtenant(item).map_err(|error| ZpaError::Decode(error.0)))
            .collect::<Result<Vec<_>, _>>()?;
        list.sort_by_cached_key(|microtenant| microtenant.name.to_lowercase());
        *self.microtenants.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), list.clone()));
        Ok(list)
    }

    /// The microtenant every call is scoped to when the view names none.
    pub fn configured_microtenant(&self) -> Option<u64> {
        self.default_microtenant
    }

    /// Creates an approval and returns it as ZPA stored it (segments without names). When
    /// ZPA's answer never arrives, the approval is looked for before anything is said.
    pub async fn create_approval(
        &self,
        request: &ApprovalRequest,
        microtenant: Option<u64>,
    ) -> Result<Approval, ZpaError> {
        let body = encode_body(request)?;
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        let sent_at = chrono::Utc::now();
        match self.write(Method::POST, "/approval", &params, Some(&body)).await {
            Ok(response) => {
                let wire: WireApproval = response.json().await.map_err(ZpaError::from_reqwest)?;
                wire::decode_approval(wire).map_err(|error| ZpaError::Decode(error.0))
            }
            Err(error) if error.leaves_write_unknown() => {
                tracing::warn!(%error, "ZPA did not confirm a create; looking for the approval");
                match self.find_created(request, microtenant, sent_at).await {
                    Ok(Some(found)) => {
                        tracing::info!(id = found.id, "the unconfirmed create did happen");
                        Ok(found)
                    }
                    Ok(None) => Err(ZpaError::NotApplied),
                    Err(check) => {
                        tracing::warn!(error = %check, "the unconfirmed create could not be checked");
                        Err(ZpaError::Unconfirmed)
                    }
                }
            }
            Err(error) => Err(error),
        }
    }

    /// Replaces approval `id` with `request` as a whole, as ZPA's PUT does.
    pub async fn replace_approval(
        &self,
        id: u64,
        request: &ApprovalRequest,
        microtenant: Option<u64>,
    ) -> Result<(), ZpaError> {
        let body = encode_body(request)?;
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        let path = format!("/approval/{id}");
        match self.write(Method::PUT, &path, &params, Some(&body)).await {
            Ok(_) => Ok(()),
            Err(error) if error.leaves_write_unknown() => {
                tracing::warn!(%error, id, "ZPA did not confirm an update; reading the approval");
                match self.get_approval(id, microtenant).await {
                    Ok(stored) if request.is_stored_as(&stored) => Ok(()),
                    Ok(_) => Err(ZpaError::NotApplied),
                    Err(_) => Err(ZpaError::Unconfirmed),
                }
            }
            Err(error) => Err(error),
        }
    }

    pub async fn delete_approval(&self, id: u64, microtenant: Option<u64>) -> Result<(), ZpaError> {
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        let path = format!("/approval/{id}");
        match self.write(Method::DELETE, &path, &params, None).await {
            Ok(_) => Ok(()),
            Err(error) if error.leaves_write_unknown() => {
                tracing::warn!(%error, id, "ZPA did not confirm a revoke; reading the approval");
                match self.get_approval(id, microtenant).await {
                    Err(gone) if gone.is_not_found() => Ok(()),
                    Ok(_) => Err(ZpaError::NotApplied),
                    Err(_) => Err(ZpaError::Unconfirmed),
                }
            }
            Err(error) => Err(error),
        }
    }

    /// Deletes every expired approval: ZPA answers 204 when it removed some, 200 when none.
    pub async fn delete_expired(&self, microtenant: Option<u64>) -> Result<PurgeOutcome, ZpaError> {
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        match self.write(Method::DELETE, "/approval/expired", &params, None).await {
            Ok(response) if response.status() == StatusCode::NO_CONTENT => Ok(PurgeOutcome::Purged),
            Ok(_) => Ok(PurgeOutcome::NothingToPurge),
            Err(error) if error.leaves_write_unknown() => {
                tracing::warn!(%error, "ZPA did not confirm a purge; counting expired approvals");
                let query = ListQuery {
                    page: 1,
                    status: Some(crate::model::ApprovalStatus::Expired),
                    microtenant,
                    ..Default::default()
                };
                match self.list_approvals(&query).await {
                    Ok(page) if page.total_count == 0 => Ok(PurgeOutcome::Purged),
                    Ok(_) => Err(ZpaError::NotApplied),
                    Err(_) => Err(ZpaError::Unconfirmed),
                }
            }
            Err(error) => Err(error),
        }
    }

    /// The approval a create whose answer never came would have made, if ZPA made it.
    async fn find_created(
        &self,
        request: &ApprovalRequest,
        microtenant: Option<u64>,
        sent_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Approval>, ZpaError> {
        let query = ListQuery {
            page: 1,
            search: request.email.clone(),
            page_size: crate::model::PageSize::largest(),
            microtenant,
            ..Default::default()
        };
        let page = self.list_approvals(&query).await?;
        let earliest = sent_at - chrono::TimeDelta::seconds(CREATE_MATCH_WINDOW_SECS);
        Ok(page.approvals.into_iter().find(|approval| {
            request.is_stored_as(approval) && approval.created.is_none_or(|at| at >= earliest)
        }))
    }

    fn push_microtenant(&self, params: &mut Vec<(&'static str, String)>, chosen: Option<u64>) {
        if let Some(microtenant) = chosen.or(self.default_microtenant) {
            params.push(("microtenantId", microtenant.to_string()));
        }
    }

    async fn get_json<T: DeserializeOwned>(
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
    async fn read(&self, path: &str, params: &[(&'static str, String)]) -> Result<Bytes, ZpaError> {
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
    async fn write(
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

fn encode_body(request: &ApprovalRequest) -> Result<serde_json::Value, ZpaError> {
    serde_json::to_value(wire::encode_request(request))
        .map_err(|error| ZpaError::Decode(format!("the request could not be encoded: {error}")))
}

/// Passes a success through and turns an error status into a typed error with ZPA's reasons.
pub(super) async fn check_status(
    response: reqwest::Response,
) -> Result<reqwest::Response, ZpaError> {
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
pub(super) fn log_call(
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
