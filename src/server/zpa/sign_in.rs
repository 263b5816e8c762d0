//! Signing in to ZPA and keeping the one token every request of the server shares.
//!
//! The token is reused until shortly before it expires and renewed under a lock, so two
//! requests never sign in at once. A failed sign-in is remembered for a few seconds, so
//! readers queued behind a ZPA that does not answer all get its answer instead of each
//! waiting out another attempt.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;
use tokio::sync::Mutex;

use super::error::ZpaError;
use super::wire::WireToken;
use crate::server::config::{ClientProof, Secret};

/// Tokens are renewed this long before ZPA says they expire (or a tenth of their life, if
/// that is shorter), so none dies in flight.
const RENEW_MARGIN: Duration = Duration::from_secs(60);

/// How long a failed sign-in is remembered.
const SIGN_IN_PAUSE: Duration = Duration::from_secs(10);
/// How long a sign-in may take.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(8);

/// The audience every OneAPI token is asked for.
const ONEAPI_AUDIENCE: &str = "https://api.zscaler.com";
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// How long a client assertion is valid, as Zscaler's SDKs make them.
const ASSERTION_LIFETIME_SECS: i64 = 600;

/// Where and how the console proves who it is.
pub enum SignInFlow {
    /// ZPA API keys: `POST {url}` with `client_id` and `client_secret`.
    Legacy { url: String, client_id: String, client_secret: Secret },
    /// ZIdentity's client-credentials grant, with a secret or a signed assertion.
    OneApi { url: String, client_id: String, proof: OneApiProof },
}

pub enum OneApiProof {
    Secret(Secret),
    Key(Box<rsa::RsaPrivateKey>),
}

impl OneApiProof {
    pub fn from_config(proof: &ClientProof) -> Result<Self, ZpaError> {
        match proof {
            ClientProof::Secret(secret) => Ok(Self::Secret(secret.clone())),
            ClientProof::PrivateKey(pem) => crate::server::jwt::private_key_from_pem(pem.expose())
                .map(|key| Self::Key(Box::new(key)))
                .map_err(|error| ZpaError::Decode(error.to_string())),
        }
    }
}

/// The urlencoded fields of a sign-in.
type SignInForm = Vec<(&'static str, String)>;

struct Token {
    bearer: Secret,
    renew_at: Instant,
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

/// The current token, or the last failed sign-in and when it failed.
#[derive(Default)]
struct TokenSlot {
    token: Option<Token>,
    failed: Option<(Instant, FailedSignIn)>,
}

pub struct Authenticator {
    flow: SignInFlow,
    slot: Mutex<TokenSlot>,
    sign_ins: AtomicU64,
}

impl Authenticator {
    pub fn new(flow: SignInFlow) -> Self {
        Self { flow, slot: Mutex::new(TokenSlot::default()), sign_ins: AtomicU64::new(0) }
    }

    pub fn sign_in_count(&self) -> u64 {
        self.sign_ins.load(Ordering::Relaxed)
    }

    /// True while a failed sign-in is remembered: calls fail at once, so retrying is no use.
    pub fn is_paused(&self) -> bool {
        self.slot
            .try_lock()
            .is_ok_and(|slot| slot.failed.is_some_and(|(at, _)| at.elapsed() < SIGN_IN_PAUSE))
    }

    /// A token that is not `refused`, signing in if there is none or it is about to expire.
    pub async fn bearer(
        &self,
        http: &reqwest::Client,
        refused: Option<&Secret>,
    ) -> Result<Secret, ZpaError> {
        let mut slot = self.slot.lock().await;
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
        match self.sign_in(http).await {
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

    async fn sign_in(&self, http: &reqwest::Client) -> Result<Token, ZpaError> {
        let started = Instant::now();
        self.sign_ins.fetch_add(1, Ordering::Relaxed);
        let (url, form) = self.form()?;
        let sent = http.post(url).form(&form).timeout(SIGN_IN_TIMEOUT).send().await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => {
                let error = ZpaError::from_reqwest(error);
                super::client::log_call(&Method::POST, self.path(), None, started, 1, None);
                return Err(error);
            }
        };
        let status = response.status();
        super::client::log_call(
            &Method::POST,
            self.path(),
            Some(status),
            started,
            1,
            Some(&response),
        );
        if !status.is_success() {
            return Err(match status.as_u16() {
                status @ (400 | 401 | 403) => ZpaError::SignIn { status },
                _ => super::client::check_status(response)
                    .await
                    .err()
                    .unwrap_or(ZpaError::SignIn { status: 0 }),
            });
        }
        let token: WireToken = response.json().await.map_err(ZpaError::from_reqwest)?;
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(3600));
        let renew_in = lifetime.saturating_sub(RENEW_MARGIN.min(lifetime / 10));
        Ok(Token { bearer: Secret::new(token.access_token), renew_at: started + renew_in })
    }

    /// The path logged for a sign-in: never the host's vanity name or a query.
    fn path(&self) -> &'static str {
        match self.flow {
            SignInFlow::Legacy { .. } => "/signin",
            SignInFlow::OneApi { .. } => "/oauth2/v1/token",
        }
    }

    /// The sign-in URL and form, with a fresh assertion when a key proves the client.
    fn form(&self) -> Result<(&str, SignInForm), ZpaError> {
        match &self.flow {
            SignInFlow::Legacy { url, client_id, client_secret } => Ok((
                url,
                vec![
                    ("client_id", client_id.clone()),
                    ("client_secret", client_secret.expose().to_owned()),
                ],
            )),
            SignInFlow::OneApi { url, client_id, proof } => {
                let mut form = vec![
                    ("grant_type", "client_credentials".to_owned()),
                    ("client_id", client_id.clone()),
                    ("audience", ONEAPI_AUDIENCE.to_owned()),
                ];
                match proof {
                    OneApiProof::Secret(secret) => {
                        form.push(("client_secret", secret.expose().to_owned()));
                    }
                    OneApiProof::Key(key) => {
                        form.push(("client_assertion_type", ASSERTION_TYPE.to_owned()));
                        form.push(("client_assertion", assertion(client_id, key)?));
                    }
                }
                Ok((url, form))
            }
        }
    }
}

/// A client assertion: `iss` and `sub` are the client, `aud` OneAPI, valid for ten minutes.
fn assertion(client_id: &str, key: &rsa::RsaPrivateKey) -> Result<String, ZpaError> {
    let now = chrono::Utc::now().timestamp();
    let claims = serde_json::json!({
        "iss": client_id,
        "sub": client_id,
        "aud": ONEAPI_AUDIENCE,
        "iat": now,
        "exp": now + ASSERTION_LIFETIME_SECS,
        "jti": random_id(),
    });
    crate::server::jwt::sign_rs256(&claims, key).map_err(|error| {
        ZpaError::Decode(format!("the client assertion could not be signed: {error}"))
    })
}

/// A random id for the assertion's `jti`, so no two assertions are alike.
fn random_id() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
