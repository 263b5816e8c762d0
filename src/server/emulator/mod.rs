//! The built-in ZPA emulator: an HTTP server that answers like ZPA's management API.
//!
//! It is the console's demo tenant and what the tests run against. It follows the ZPA API as
//! documented for the project (sign-in, the six approval endpoints, application segments,
//! microtenants) and
//! answers in exactly the wire shapes ZPA uses: ids, times and totals as strings, ZPA's error
//! bodies and ids.
//!
//! Choices where ZPA's behaviour is not documented, each kept in one place:
//! - a path with another customer's id is refused like a bad token, 401 `access.denied`;
//! - an unknown `microtenantId` is a 400 `resource.not.found`, on reads and writes alike;
//! - the error ids for bad paging and sorting are in [`error_ids`];
//! - OneAPI's token endpoint refuses with OAuth's `invalid_client` body (see `oneapi.rs`);
//! - ZPA's rate limits count only authenticated API calls (see `rate_limits.rs`);
//! - every reply carries a fresh `x-transaction-id`, legacy ones too (see `gateway.rs`).
//!
//! Both host layouts are served: the legacy one (`/signin`, then
//! `/mgmtconfig/v1/admin/customers/{customerId}/...`) and OneAPI's (`/oauth2/v1/token`, then the
//! same paths under `/zpa`, behind an emulated gateway, see `gateway.rs`). A token from either
//! sign-in works on both.
//!
//! Tests give it teeth per run: ZPA's rate limits ([`Emulator::with_rate_limits`]), faults for
//! the next few matching requests ([`Emulator::inject`], [`Fault`], [`Matching`]), expired
//! tokens ([`Emulator::expire_tokens`]), and a log of what it received
//! ([`Emulator::requests`]). Browser tests reach the faults over HTTP (see `control.rs`), but
//! only on an emulator started with `--faults`; the console's demo never turns that on. A fault
//! that closes a connection needs the emulator's own accept loop, so [`Emulator::spawn`] serves
//! it rather than `axum::serve`.
//!
//! Known limit: microtenants have no `privilegedApprovalsEnabled` switch; every microtenant
//! accepts approvals.
//! Known limit: the OneAPI gateway's budget is reported in its headers but never enforced.

mod applications;
mod approval_input;
mod approval_list;
mod approvals;
mod auth;
mod catalog;
mod connection;
mod control;
mod credentials;
mod errors;
mod faults;
mod gateway;
mod listing;
mod microtenants;
pub mod oneapi;
mod rate_limits;
mod received;
mod reply;
mod seed;
mod standalone;
mod tenant;
mod wire;
mod working_hours;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::Uri;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::Router;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rsa::RsaPublicKey;

pub use credentials::EmulatorCredentials;
pub use errors::ids as error_ids;
pub use faults::{Fault, Matching};
pub use received::ReceivedRequest;
pub use seed::DEMO_APPROVALS;
pub use standalone::run_standalone;
pub use tenant::Microtenant;

use auth::TokenBook;
use errors::ZpaError;
use faults::FaultBook;
use gateway::GatewayBudget;
use rate_limits::RateLimits;
use received::RequestLog;
use tenant::Tenant;

use crate::server::jwt;

/// An emulator serving on a loopback port.
pub struct RunningEmulator {
    pub base_url: String,
    pub addr: SocketAddr,
    pub credentials: EmulatorCredentials,
}

/// One emulated ZPA customer. Clones share the same tenant, tokens, limits and faults.
#[derive(Clone)]
pub struct Emulator {
    shared: Arc<Shared>,
    /// Whether `/emulator/faults` is served; see `control.rs`.
    fault_control: bool,
}

struct Shared {
    credentials: EmulatorCredentials,
    /// The 18-digit id ZPA records as `modifiedBy` for changes made with these credentials.
    api_client_id: u64,
    // One lock per concern, each held only for a synchronous step, never across an await.
    tenant: Mutex<Tenant>,
    tokens: Mutex<TokenBook>,
    /// `None` while ZPA's rate limits are off.
    rate_limits: Mutex<Option<RateLimits>>,
    gateway_budget: Mutex<GatewayBudget>,
    faults: Mutex<FaultBook>,
    request_log: Mutex<RequestLog>,
    /// The key OneAPI client assertions must verify with; `None` refuses them all.
    assertion_key: Option<RsaPublicKey>,
}

impl Emulator {
    /// A tenant seeded with the demo data, with freshly generated random credentials.
    #[must_use]
    pub fn demo() -> Self {
        Self::seeded(EmulatorCredentials::random())
    }

    /// A tenant with the demo's microtenants and application segments but no approvals, with
    /// the given credentials; tests add approvals through the HTTP API.
    #[must_use]
    pub fn empty(credentials: EmulatorCredentials) -> Self {
        Self::with_tenant(credentials, seed::catalog_tenant())
    }

    /// The demo seed, but with the given credentials (for deterministic tests).
    #[must_use]
    pub fn seeded(credentials: EmulatorCredentials) -> Self {
        Self::with_tenant(credentials, seed::demo_tenant(tenant::now()))
    }

    fn with_tenant(credentials: EmulatorCredentials, tenant: Tenant) -> Self {
        // Derived from the customer id so the same credentials always give the same id.
        let api_client_id = StdRng::seed_from_u64(credentials.customer_id)
            .random_range(100_000_000_000_000_000..1_000_000_000_000_000_000);
        let assertion_key = credentials.public_key_pem.as_deref().and_then(|pem| {
            jwt::public_key_from_pem(pem)
                .inspect_err(|error| tracing::warn!(%error, "emulator refuses every assertion"))
                .ok()
        });
        let shared = Shared {
            credentials,
            api_client_id,
            tenant: Mutex::new(tenant),
            tokens: Mutex::new(TokenBook::new()),
            rate_limits: Mutex::new(None),
            gateway_budget: Mutex::new(GatewayBudget::default()),
            faults: Mutex::new(FaultBook::default()),
            request_log: Mutex::new(RequestLog::default()),
            assertion_key,
        };
        Self { shared: Arc::new(shared), fault_control: false }
    }

    /// How long tokens issued from now on stay valid (ZPA's 3600 s unless set).
    #[must_use]
    pub fn with_token_lifetime(self, lifetime: Duration) -> Self {
        self.tokens().lifetime = lifetime;
        self
    }

    /// Turns on ZPA's rate limits: 20 GETs and 10 writes per caller per 10 s.
    #[must_use]
    pub fn with_rate_limits(self) -> Self {
        self.with_rate_limits_per(rate_limits::DEFAULT_WINDOW)
    }

    /// ZPA's rate limits with a window of another length, so a test need not wait 10 s.
    #[must_use]
    pub fn with_rate_limits_per(self, window: Duration) -> Self {
        *self.rate_limits() = Some(RateLimits::new(window));
        self
    }

    /// Serves `/emulator/faults` so that faults can be set over HTTP; see `control.rs`.
    #[must_use]
    pub fn with_fault_control(self) -> Self {
        Self { fault_control: true, ..self }
    }

    pub fn credentials(&self) -> &EmulatorCredentials {
        &self.shared.credentials
    }

    /// The tenant's named microtenants (the Default microtenant is implied).
    pub fn microtenants(&self) -> Vec<Microtenant> {
        self.tenant().microtenants.clone()
    }

    pub fn router(&self) -> Router {
        let legacy = "/mgmtconfig/v1/admin/customers/{customerId}";
        let oneapi = "/zpa/mgmtconfig/v1/admin/customers/{customerId}";
        let mut router = self
            .api_routes(legacy)
            .merge(self.api_routes(oneapi))
            .route("/signin", post(auth::sign_in))
            .route("/oauth2/v1/token", post(oneapi::token))
            .fallback(unknown_path)
            .layer(middleware::from_fn_with_state(self.clone(), faults::apply))
            .layer(middleware::from_fn_with_state(self.clone(), received::record))
            .layer(middleware::from_fn_with_state(self.clone(), gateway::stamp_headers))
            .with_state(self.clone());
        if self.fault_control {
            router = router.merge(control::routes(self));
        }
        router.layer(middleware::from_fn(log_request))
    }

    /// The API under one root. Layers run outside in: the token check, then the rate limits.
    fn api_routes(&self, base: &str) -> Router<Emulator> {
        Router::new()
            .route(&format!("{base}/approval"), get(approval_list::list).post(approvals::create))
            .route(
                &format!("{base}/approval/expired"),
                delete(approvals::purge_expired).fallback(approvals::expired_is_not_an_id),
            )
            .route(
                &format!("{base}/approval/{{id}}"),
                get(approvals::read).put(approvals::replace).delete(approvals::delete),
            )
            .route(&format!("{base}/application"), get(applications::list))
            .route(&format!("{base}/microtenants"), get(microtenants::list))
            .route_layer(middleware::from_fn_with_state(self.clone(), rate_limits::enforce))
            .route_layer(middleware::from_fn_with_state(self.clone(), auth::require_token))
    }

    /// Binds `addr` (use 127.0.0.1:0 for a free port), serves in a tokio task, returns at once.
    pub async fn spawn(self, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        tokio::spawn(connection::serve(listener, self.router()));
        let credentials = self.credentials().clone();
        Ok(RunningEmulator { base_url: format!("http://{addr}"), addr, credentials })
    }

    fn tenant(&self) -> MutexGuard<'_, Tenant> {
        // Nothing that can panic runs halfway through a change, so a poisoned lock still guards
        // consistent data and the demo keeps serving.
        self.shared.tenant.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn tokens(&self) -> MutexGuard<'_, TokenBook> {
        self.shared.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn api_client_id(&self) -> u64 {
        self.shared.api_client_id
    }

    fn rate_limits(&self) -> MutexGuard<'_, Option<RateLimits>> {
        self.shared.rate_limits.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn gateway_budget(&self) -> MutexGuard<'_, GatewayBudget> {
        self.shared.gateway_budget.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn faults(&self) -> MutexGuard<'_, FaultBook> {
        self.shared.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn request_log(&self) -> MutexGuard<'_, RequestLog> {
        self.shared.request_log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn assertion_key(&self) -> Option<&RsaPublicKey> {
        self.shared.assertion_key.as_ref()
    }
}

async fn unknown_path(uri: Uri) -> ZpaError {
    ZpaError::not_found(uri.path())
}

/// One line per request. The query and headers are left out: they may carry a token. The
/// transaction id is the one the reply carries, so the client's log line can be matched to it.
async fn log_request(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let elapsed_ms = started.elapsed().as_millis();
    let transaction_id =
        response.headers().get(gateway::TRANSACTION_ID).and_then(|value| value.to_str().ok());
    let status = response.status().as_u16();
    tracing::debug!(%method, %path, status, elapsed_ms, transaction_id, "emulator");
    response
}
