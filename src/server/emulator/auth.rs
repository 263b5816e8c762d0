//! Legacy sign-in with API client credentials, the tokens both sign-ins hand out, and the
//! bearer-token check in front of every API route.
//!
//! Tokens look like ZPA's (a JWT with `sub`, `iss`, `iat`, `exp`) so that a client reading the
//! `exp` claim works unchanged, but the signature part is random bytes: a token is valid because
//! the emulator issued it and it has not expired, not because of anything a client could forge.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use serde::Serialize;

use super::errors::ZpaError;
use super::{gateway, reply, tenant, Emulator};

/// ZPA's token lifetime.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// The tokens handed out so far and how long new ones last.
#[derive(Debug)]
pub struct TokenBook {
    pub lifetime: Duration,
    expiry_by_token: HashMap<String, Instant>,
}

impl TokenBook {
    pub fn new() -> Self {
        Self { lifetime: DEFAULT_TOKEN_LIFETIME, expiry_by_token: HashMap::new() }
    }

    fn issue(&mut self, token: String) {
        let now = Instant::now();
        // Forget expired tokens here, so a long-running demo does not grow without bound.
        self.expiry_by_token.retain(|_, expiry| *expiry > now);
        // A lifetime too long to represent falls back to ZPA's hour rather than panicking.
        let expiry = now.checked_add(self.lifetime).unwrap_or(now + DEFAULT_TOKEN_LIFETIME);
        self.expiry_by_token.insert(token, expiry);
    }

    /// Every token issued so far stops working at once, as if each had reached its expiry.
    pub fn expire_all(&mut self) {
        self.expiry_by_token.clear();
    }

    fn admits(&self, token: &str) -> bool {
        self.expiry_by_token.get(token).is_some_and(|expiry| *expiry > Instant::now())
    }
}

/// The legacy `/signin` reply; `expires_in` is a string on ZPA's wire.
#[derive(Serialize)]
struct SignInReply {
    token_type: &'static str,
    access_token: String,
    expires_in: String,
}

#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    iss: &'static str,
    iat: i64,
    exp: i64,
}

/// `POST /signin` with a form of `client_id` and `client_secret`.
pub async fn sign_in(State(emulator): State<Emulator>, form: Bytes) -> Response {
    let field = |name: &str| {
        url::form_urlencoded::parse(&form).find(|(key, _)| key == name).map(|(_, value)| value)
    };
    let credentials = emulator.credentials();
    let accepted = field("client_id").is_some_and(|id| id == credentials.client_id.as_str())
        && field("client_secret")
            .is_some_and(|secret| same_secret(&secret, &credentials.client_secret));
    if !accepted {
        return ZpaError::access_denied().into_response();
    }

    let (token, lifetime) = issue_token(&emulator);
    let reply =
        SignInReply { token_type: "Bearer", access_token: token, expires_in: lifetime.to_string() };
    reply::json(StatusCode::OK, &reply)
}

/// Compares secrets without stopping at the first difference, so timing tells nothing beyond
/// the length.
pub fn same_secret(offered: &str, expected: &str) -> bool {
    offered.len() == expected.len()
        && offered.bytes().zip(expected.bytes()).fold(0, |diff, (a, b)| diff | (a ^ b)) == 0
}

/// A fresh token for this emulator's API client, recorded as valid, and its lifetime in seconds.
pub fn issue_token(emulator: &Emulator) -> (String, u64) {
    let mut tokens = emulator.tokens();
    let lifetime = tokens.lifetime.as_secs();
    let token = new_token(&emulator.api_client_id().to_string(), lifetime);
    tokens.issue(token.clone());
    (token, lifetime)
}

fn new_token(subject: &str, lifetime_secs: u64) -> String {
    let issued = tenant::now();
    let lifetime_secs = i64::try_from(lifetime_secs).unwrap_or(i64::MAX / 2);
    let claims = Claims { sub: subject, iss: "zpa", iat: issued, exp: issued + lifetime_secs };
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap_or_default());
    let mut signature = [0u8; 32];
    rand::rng().fill_bytes(&mut signature);
    format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// Lets a request through only with a valid bearer token and this emulator's customer id in
/// the path. Another customer's id gets the same 401 as a bad token: the token was issued for
/// one customer, and ZPA does not say which part of a request it distrusts.
///
/// Under `/zpa` the OneAPI gateway checks the token before ZPA sees the request, so a bad token
/// gets the gateway's 401 body there; a good token on another customer's path still reaches
/// ZPA and gets its `access.denied`.
pub async fn require_token(
    State(emulator): State<Emulator>,
    Path(params): Path<HashMap<String, String>>,
    request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    let token_ok = token.is_some_and(|token| emulator.tokens().admits(token));
    if !token_ok && gateway::is_behind_gateway(request.uri().path()) {
        return gateway::unauthorized();
    }
    let customer_ok = params
        .get("customerId")
        .and_then(|id| id.parse::<u64>().ok())
        .is_some_and(|id| id == emulator.credentials().customer_id);
    if token_ok && customer_ok {
        next.run(request).await
    } else {
        ZpaError::access_denied().into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_jwt_shaped_with_an_exp_claim() {
        let token = new_token("216196257331372705", 3600);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        let (iat, exp) = (claims["iat"].as_i64().unwrap(), claims["exp"].as_i64().unwrap());
        assert_eq!(exp - iat, 3600);
        assert_ne!(token, new_token("216196257331372705", 3600));
    }

    #[test]
    fn an_expired_token_is_refused() {
        let mut book = TokenBook::new();
        book.lifetime = Duration::ZERO;
        book.issue("t".to_owned());
        assert!(!book.admits("t"));
        book.lifetime = DEFAULT_TOKEN_LIFETIME;
        book.issue("u".to_owned());
        assert!(book.admits("u") && !book.admits("v"));
    }
}
