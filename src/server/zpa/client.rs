//! The one ZPA client of the server: signs in, calls the API and decodes replies.
//!
//! One `reqwest::Client` (one connection pool) and one token serve every request. The token
//! is reused until shortly before it expires and is renewed under a lock, so two requests never
//! sign in at once; a 401 makes the client sign in again once and repeat the call.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tokio::sync::Mutex;

use super::error::{parse_retry_after, ZpaError};
use super::listing::ListRequest;
use super::wire::{
    self, WireApproval, WireErrorBody, WireMicrotenant, WirePage, WireSegment, WireToken,
};
use crate::model::{
    ApplicationSegment, Approval, ApprovalPage, ApprovalRequest, ListQuery, MicrotenantChoice,
    PurgeOutcome,
};
use crate::server::config::{LegacyCredentials, Secret};

/// How long the console waits to connect, and for a whole call, before telling the user.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// How long the list of microtenants is reused: it changes rarely, and every page's selector
/// shows it.
const MICROTENANTS_TTL: Duration = Duration::from_secs(300);

/// Tokens are renewed this long before ZPA says they expire, so none dies in flight.
const RENEW_MARGIN: Duration = Duration::from_secs(60);

/// ZPA's response headers that identify a request in its logs.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-oneapi-request-id", "x-transaction-id"];

struct Token {
    bearer: Secret,
    renew_at: Instant,
}

/// How long a failed sign-in is remembered: readers queued behind it get its answer at once
/// instead of each waiting out another attempt against a ZPA that is not answering.
const SIGN_IN_PAUSE: Duration = Duration::from_secs(10);

/// The token slot: the current token, or the last failed sign-in and when it failed.
#[derive(Default)]
struct TokenSlot {
    token: Option<Token>,
    failed: Option<(Instant, FailedSignIn)>,
}

/// A sign-in failure that can be handed to every reader who was waiting for it.
#[derive(Clone, Copy)]
enum FailedSignIn {
    Refused(u16),
    TimedOut,
    Unreachable,
}

impl FailedSignIn {
    fn of(error: &ZpaError) -> Option<Self> {
        match error {
            ZpaError::SignIn { status } => Some(Self::Refused(*status)),
            ZpaError::Timeout => Some(Self::TimedOut),
            ZpaError::Connect(_) => Some(Self::Unreachable),
            _ => None,
        }
    }

    fn error(self) -> ZpaError {
        match self {
            Self::Refused(status) => ZpaError::SignIn { status },
            Self::TimedOut => ZpaError::Timeout,
            Self::Unreachable => ZpaError::Connect("the last sign-in attempt failed".into()),
        }
    }
}

pub struct ZpaClient {
    http: reqwest::Client,
    base_url: String,
    customer_id: u64,
    client_id: String,
    client_secret: Secret,
    default_microtenant: Option<u64>,
    token: Mutex<TokenSlot>,
    microtenants: std::sync::Mutex<Option<(Instant, Vec<MicrotenantChoice>)>>,
    sign_ins: AtomicU64,
    api_calls: AtomicU64,
}

impl ZpaClient {
    pub fn new(credentials: &LegacyCredentials) -> Result<Self, ZpaError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("zpa-approvals-console/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(ZpaError::from_reqwest)?;
        Ok(Self {
            http,
            base_url: credentials.base_url.clone(),
            customer_id: credentials.customer_id,
            client_id: credentials.client_id.clone(),
            client_secret: credentials.client_secret.clone(),
            default_microtenant: credentials.microtenant_id,
            token: Mutex::new(TokenSlot::default()),
            microtenants: std::sync::Mutex::new(None),
            sign_ins: AtomicU64::new(0),
            api_calls: AtomicU64::new(0),
        })
    }

    /// How many times this client has signed in since it started.
    pub fn sign_in_count(&self) -> u64 {
        self.sign_ins.load(Ordering::Relaxed)
    }

    /// How many API requests (sign-ins aside) this client has sent since it started.
    pub fn api_call_count(&self) -> u64 {
        self.api_calls.load(Ordering::Relaxed)
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

    /// Creates an approval and returns it as ZPA stored it (segments without names).
    pub async fn create_approval(
        &self,
        request: &ApprovalRequest,
        microtenant: Option<u64>,
    ) -> Result<Approval, ZpaError> {
        let body = encode_body(request)?;
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        let response = self.call(Method::POST, "/approval", &params, Some(&body)).await?;
        let wire: WireApproval = response.json().await.map_err(ZpaError::from_reqwest)?;
        wire::decode_approval(wire).map_err(|error| ZpaError::Decode(error.0))
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
        self.call(Method::PUT, &format!("/approval/{id}"), &params, Some(&body)).await?;
        Ok(())
    }

    pub async fn delete_approval(&self, id: u64, microtenant: Option<u64>) -> Result<(), ZpaError> {
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        self.call(Method::DELETE, &format!("/approval/{id}"), &params, None).await?;
        Ok(())
    }

    /// Deletes every expired approval: ZPA answers 204 when it removed some, 200 when none.
    pub async fn delete_expired(&self, microtenant: Option<u64>) -> Result<PurgeOutcome, ZpaError> {
        let mut params = Vec::new();
        self.push_microtenant(&mut params, microtenant);
        let response = self.call(Method::DELETE, "/approval/expired", &params, None).await?;
        Ok(match response.status() {
            StatusCode::NO_CONTENT => PurgeOutcome::Purged,
            _ => PurgeOutcome::NothingToPurge,
        })
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
        let response = self.call(Method::GET, path, params, None).await?;
        let body = response.bytes().await.map_err(ZpaError::from_reqwest)?;
        serde_json::from_slice(&body).map_err(|error| {
            tracing::error!(path, %error, "ZPA reply did not decode");
            ZpaError::Decode(error.to_string())
        })
    }

    /// Sends one API call with a bearer token, signing in again once if ZPA refuses the token.
    async fn call(
        &self,
        method: Method,
        path: &str,
        params: &[(&'static str, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<reqwest::Response, ZpaError> {
        let url =
            format!("{}/mgmtconfig/v1/admin/customers/{}{path}", self.base_url, self.customer_id);
        let mut refused: Option<Secret> = None;
        for attempt in 1..=2 {
            let bearer = self.bearer(refused.as_ref()).await?;
            let started = Instant::now();
            self.api_calls.fetch_add(1, Ordering::Relaxed);
            let mut request =
                self.http.request(method.clone(), &url).bearer_auth(bearer.expose()).query(params);
            if let Some(body) = body {
                request = request.json(body);
            }
            let sent = request.send().await;
            let response = match sent {
                Ok(response) => response,
                Err(error) => {
                    let error = ZpaError::from_reqwest(error);
                    log_call(&method, path, None, started, attempt, None);
                    tracing::warn!(%method, path, %error, "ZPA call failed");
                    return Err(error);
                }
            };
            log_call(&method, path, Some(response.status()), started, attempt, Some(&response));
            if response.status() == StatusCode::UNAUTHORIZED && attempt == 1 {
                refused = Some(bearer);
                continue;
            }
            if response.status() == StatusCode::UNAUTHORIZED {
                tracing::error!(path, "ZPA refused a freshly issued token");
                return Err(ZpaError::SignIn { status: 401 });
            }
            return check_status(response).await;
        }
        Err(ZpaError::SignIn { status: 401 })
    }

    /// A token that is not `refused`, signing in if there is none or it is about to expire.
    async fn bearer(&self, refused: Option<&Secret>) -> Result<Secret, ZpaError> {
        let mut slot = self.token.lock().await;
        if let Some(token) = slot.token.as_ref() {
            if token.renew_at > Instant::now() && Some(&token.bearer) != refused {
                return Ok(token.bearer.clone());
            }
        }
        if let Some((at, failure)) = slot.failed {
            if at.elapsed() < SIGN_IN_PAUSE {
                return Err(failure.error());
            }
        }
        match self.sign_in().await {
            Ok(token) => {
                let bearer = token.bearer.clone();
                *slot = TokenSlot { token: Some(token), failed: None };
                Ok(bearer)
            }
            Err(error) => {
                slot.token = None;
                slot.failed = FailedSignIn::of(&error).map(|failure| (Instant::now(), failure));
                Err(error)
            }
        }
    }

    async fn sign_in(&self) -> Result<Token, ZpaError> {
        let started = Instant::now();
        self.sign_ins.fetch_add(1, Ordering::Relaxed);
        let response = self
            .http
            .post(format!("{}/signin", self.base_url))
            .form(&[
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.expose()),
            ])
            .send()
            .await
            .map_err(ZpaError::from_reqwest)?;
        log_call(&Method::POST, "/signin", Some(response.status()), started, 1, Some(&response));
        if !response.status().is_success() {
            return Err(match response.status().as_u16() {
                status @ (400 | 401 | 403) => ZpaError::SignIn { status },
                _ => check_status(response).await.err().unwrap_or(ZpaError::SignIn { status: 0 }),
            });
        }
        let token: WireToken = response.json().await.map_err(ZpaError::from_reqwest)?;
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(3600));
        let renew_in = lifetime.saturating_sub(RENEW_MARGIN.min(lifetime / 10));
        Ok(Token { bearer: Secret::new(token.access_token), renew_at: started + renew_in })
    }
}

fn encode_body(request: &ApprovalRequest) -> Result<serde_json::Value, ZpaError> {
    serde_json::to_value(wire::encode_request(request))
        .map_err(|error| ZpaError::Decode(format!("the request could not be encoded: {error}")))
}

/// Passes a success through and turns an error status into a typed error with ZPA's reasons.
async fn check_status(response: reqwest::Response) -> Result<reqwest::Response, ZpaError> {
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

/// One log line per upstream call: never the query (it can hold an email) nor a header value
/// other than ZPA's request ids.
fn log_call(
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
