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
//! - the error ids for bad paging and sorting are in [`error_ids`].
//!
//! Known limit: there is no rate limiting, so the console's handling of ZPA's 429
//! `invalid.toomanyrequests` and `retry-after` is never exercised against the emulator.
//! Known limit: only the legacy host layout is served (`/signin`, no OneAPI token endpoint and
//! no `/zpa` path prefix), so a console configured for OneAPI cannot run against it.
//! Known limit: microtenants have no `privilegedApprovalsEnabled` switch; every microtenant
//! accepts approvals.

mod applications;
mod approval_input;
mod approval_list;
mod approvals;
mod auth;
mod catalog;
mod errors;
mod listing;
mod microtenants;
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
use rand::distr::Alphanumeric;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub use errors::ids as error_ids;
pub use seed::DEMO_APPROVALS;
pub use standalone::run_standalone;
pub use tenant::Microtenant;

use auth::TokenBook;
use errors::ZpaError;
use tenant::Tenant;

/// The API client credentials and customer the emulator accepts.
#[derive(Clone)]
pub struct EmulatorCredentials {
    pub client_id: String,
    pub client_secret: String,
    pub customer_id: u64,
}

impl EmulatorCredentials {
    /// Fresh credentials nobody can guess, for a demo that must not accept a known secret.
    #[must_use]
    pub fn random() -> Self {
        let mut rng = rand::rng();
        let mut text = |length: usize| -> String {
            (&mut rng).sample_iter(Alphanumeric).take(length).map(char::from).collect()
        };
        let (client_id, client_secret) = (text(24), text(40));
        let customer_id =
            rand::rng().random_range(100_000_000_000_000_000..1_000_000_000_000_000_000);
        Self { client_id, client_secret, customer_id }
    }
}

impl std::fmt::Debug for EmulatorCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("customer_id", &self.customer_id)
            .finish()
    }
}

/// An emulator serving on a loopback port.
pub struct RunningEmulator {
    pub base_url: String,
    pub addr: SocketAddr,
    pub credentials: EmulatorCredentials,
}

/// One emulated ZPA customer. Clones share the same tenant and tokens.
#[derive(Clone)]
pub struct Emulator {
    shared: Arc<Shared>,
}

struct Shared {
    credentials: EmulatorCredentials,
    /// The 18-digit id ZPA records as `modifiedBy` for changes made with these credentials.
    api_client_id: u64,
    // One lock per concern, each held only for a synchronous step, never across an await.
    tenant: Mutex<Tenant>,
    tokens: Mutex<TokenBook>,
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
        let shared = Shared {
            credentials,
            api_client_id,
            tenant: Mutex::new(tenant),
            tokens: Mutex::new(TokenBook::new()),
        };
        Self { shared: Arc::new(shared) }
    }

    /// How long tokens issued from now on stay valid (ZPA's 3600 s unless set).
    #[must_use]
    pub fn with_token_lifetime(self, lifetime: Duration) -> Self {
        self.tokens().lifetime = lifetime;
        self
    }

    pub fn credentials(&self) -> &EmulatorCredentials {
        &self.shared.credentials
    }

    /// The tenant's named microtenants (the Default microtenant is implied).
    pub fn microtenants(&self) -> Vec<Microtenant> {
        self.tenant().microtenants.clone()
    }

    pub fn router(&self) -> Router {
        let base = "/mgmtconfig/v1/admin/customers/{customerId}";
        let api = Router::new()
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
            .route_layer(middleware::from_fn_with_state(self.clone(), auth::require_token));
        api.route("/signin", post(auth::sign_in))
            .fallback(unknown_path)
            .layer(middleware::from_fn(log_request))
            .with_state(self.clone())
    }

    /// Binds `addr` (use 127.0.0.1:0 for a free port), serves in a tokio task, returns at once.
    pub async fn spawn(self, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let router = self.router();
        tokio::spawn(async move {
            if let Err(cause) = axum::serve(listener, router).await {
                tracing::error!(%cause, "the ZPA emulator stopped serving");
            }
        });
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
}

async fn unknown_path(uri: Uri) -> ZpaError {
    ZpaError::not_found(uri.path())
}

/// One line per request. The query and headers are left out: they may carry a token.
async fn log_request(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let elapsed_ms = started.elapsed().as_millis();
    tracing::debug!(%method, %path, status = response.status().as_u16(), elapsed_ms, "emulator");
    response
}
