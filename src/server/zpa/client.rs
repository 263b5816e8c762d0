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

use reqwest::{Method, StatusCode};

use super::budget::RateBudget;
use super::error::ZpaError;
use super::listing::ListRequest;
use super::reads::SharedReads;
use super::sign_in::{Authenticator, OneApiProof, SignInFlow};

mod exchange;

use super::wire::{self, WireApproval, WireMicrotenant, WirePage, WireSegment};
use crate::model::{
    ApplicationSegment, Approval, ApprovalPage, ApprovalRequest, ListQuery, MicrotenantChoice,
    PurgeOutcome,
};
use crate::server::config::{LegacyCredentials, OneApiCredentials};
pub(super) use exchange::{check_status, log_call};

/// How long the console waits to connect to ZPA.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long one read attempt may take.
pub const READ_TIMEOUT: Duration = Duration::from_secs(8);
/// How long a write may take; it is not repeated after a timeout, so it gets longer.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(15);
/// The most one call waits in all, queueing and retries included, before the user is told.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// How long the list of microtenants is reused: it changes rarely, and every page's selector
/// shows it.
const MICROTENANTS_TTL: Duration = Duration::from_secs(300);

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
    /// most once every few minutes. An API client ZPA will not show them to gets an empty list,
    /// remembered as long, so its page views do not ask again each time.
    pub async fn list_microtenants(&self) -> Result<Vec<MicrotenantChoice>, ZpaError> {
        let remembered = self.microtenants.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some((read_at, list)) = remembered {
            if read_at.elapsed() < MICROTENANTS_TTL {
                return Ok(list);
            }
        }
        let list = match self.read_microtenants().await {
            Ok(list) => list,
            Err(refused @ ZpaError::Api { status: 400..=499, .. }) => {
                tracing::warn!(error = %refused, "ZPA will not list microtenants to this client");
                Vec::new()
            }
            Err(error) => return Err(error),
        };
        *self.microtenants.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), list.clone()));
        Ok(list)
    }

    async fn read_microtenants(&self) -> Result<Vec<MicrotenantChoice>, ZpaError> {
        let params = [("page", "1".to_string()), ("pagesize", "500".to_string())];
        let wire: WirePage<WireMicrotenant> = self.get_json("/microtenants", &params).await?;
        let mut list = wire
            .list
            .into_iter()
            .map(|item| wire::decode_microtenant(item).map_err(|error| ZpaError::Decode(error.0)))
            .collect::<Result<Vec<_>, _>>()?;
        list.sort_by_cached_key(|microtenant| microtenant.name.to_lowercase());
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
                let check = self.find_created(request, microtenant, sent_at);
                settle(error, "create", check).await
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
                let check = async {
                    let stored = self.get_approval(id, microtenant).await?;
                    Ok(request.is_stored_as(&stored).then_some(()))
                };
                settle(error, "update", check).await
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
                let check = async {
                    match self.get_approval(id, microtenant).await {
                        Err(gone) if gone.is_not_found() => Ok(Some(())),
                        Ok(_) => Ok(None),
                        Err(error) => Err(error),
                    }
                };
                settle(error, "revoke", check).await
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
                let query = ListQuery {
                    page: 1,
                    status: Some(crate::model::ApprovalStatus::Expired),
                    microtenant,
                    ..Default::default()
                };
                let check = async {
                    let left = self.list_approvals(&query).await?.total_count;
                    Ok((left == 0).then_some(PurgeOutcome::Purged))
                };
                settle(error, "purge", check).await
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
}

/// Settles a write whose answer never came by asking ZPA afterwards: `check` finds the change
/// made (`Some`), not made (`None`), or cannot tell (an error).
async fn settle<T>(
    unanswered: ZpaError,
    change: &str,
    check: impl std::future::Future<Output = Result<Option<T>, ZpaError>>,
) -> Result<T, ZpaError> {
    tracing::warn!(error = %unanswered, change, "ZPA did not confirm a change; asking what happened");
    match check.await {
        Ok(Some(done)) => {
            tracing::info!(change, "the unconfirmed change was made");
            Ok(done)
        }
        Ok(None) => {
            tracing::info!(change, "the unconfirmed change was not made");
            Err(ZpaError::NotApplied)
        }
        Err(error) => {
            tracing::warn!(%error, change, "the unconfirmed change could not be checked");
            Err(ZpaError::Unconfirmed)
        }
    }
}

fn encode_body(request: &ApprovalRequest) -> Result<serde_json::Value, ZpaError> {
    serde_json::to_value(wire::encode_request(request))
        .map_err(|error| ZpaError::Decode(format!("the request could not be encoded: {error}")))
}
