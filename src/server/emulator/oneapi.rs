//! OneAPI sign-in: ZIdentity's `POST /oauth2/v1/token` with the client-credentials grant.
//!
//! The form carries `grant_type=client_credentials`, `client_id`, `audience` and one way of
//! proving the client: `client_secret`, or a `client_assertion` (an RS256 JWT whose `iss` and
//! `sub` are the client id and whose `aud` is the audience) of type
//! [`ASSERTION_TYPE`]. A form that proves the client twice is refused, as OAuth requires.
//!
//! No refusal from the real token endpoint is recorded, so its answer is the project's choice:
//! 401 with OAuth 2.0's error body (RFC 6749 §5.2),
//! `{"error":"invalid_client","error_description":"Client authentication failed."}`, the same
//! body whatever was wrong, so that a caller learns nothing to probe with.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use super::auth::{issue_token, same_secret};
use super::{reply, tenant, Emulator};
use crate::server::jwt;

/// The only audience ZIdentity issues ZPA tokens for.
pub const AUDIENCE: &str = "https://api.zscaler.com";
/// The `client_assertion_type` of a signed JWT assertion.
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// How far ahead an assertion may expire. The SDKs sign for ten minutes; an assertion good for
/// longer than this is refused, so a leaked one stays useful only briefly.
const LONGEST_ASSERTION_SECS: i64 = 3600;

/// The token reply; unlike the legacy one, `expires_in` is a number.
#[derive(Serialize)]
struct TokenReply {
    access_token: String,
    token_type: &'static str,
    expires_in: u64,
}

#[derive(Serialize)]
struct Refusal {
    error: &'static str,
    error_description: &'static str,
}

/// `POST /oauth2/v1/token` with a urlencoded form.
pub async fn token(State(emulator): State<Emulator>, form: Bytes) -> Response {
    if let Err(reason) = check_client(&emulator, &Form(&form)) {
        // The reason names the field at fault, never its value.
        tracing::debug!(reason, "emulator refused a OneAPI token request");
        return refusal();
    }

    let (access_token, expires_in) = issue_token(&emulator);
    let reply = TokenReply { access_token, token_type: "Bearer", expires_in };
    let mut response = reply::json(StatusCode::OK, &reply);
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn refusal() -> Response {
    let body =
        Refusal { error: "invalid_client", error_description: "Client authentication failed." };
    let mut response = reply::json(StatusCode::UNAUTHORIZED, &body);
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

struct Form<'a>(&'a [u8]);

impl Form<'_> {
    /// The value of `name`, if the form has exactly one.
    fn field(&self, name: &str) -> Option<String> {
        let mut values = url::form_urlencoded::parse(self.0).filter(|(key, _)| key == name);
        match (values.next(), values.next()) {
            (Some((_, value)), None) => Some(value.into_owned()),
            _ => None,
        }
    }
}

/// Checks every field of the form; the error says which one failed.
fn check_client(emulator: &Emulator, form: &Form<'_>) -> Result<(), &'static str> {
    let credentials = emulator.credentials();
    let expect = |name: &'static str, wanted: &str| match form.field(name) {
        Some(value) if value == wanted => Ok(()),
        _ => Err(name),
    };
    expect("grant_type", "client_credentials")?;
    expect("audience", AUDIENCE)?;
    expect("client_id", &credentials.client_id)?;

    match (form.field("client_secret"), form.field("client_assertion")) {
        (Some(secret), None) if form.field("client_assertion_type").is_none() => {
            same_secret(&secret, &credentials.client_secret).then_some(()).ok_or("client_secret")
        }
        (None, Some(assertion)) => {
            expect("client_assertion_type", ASSERTION_TYPE)?;
            check_assertion(emulator, &assertion)
        }
        _ => Err("client_secret or client_assertion"),
    }
}

fn check_assertion(emulator: &Emulator, assertion: &str) -> Result<(), &'static str> {
    let key = emulator.assertion_key().ok_or("client_assertion: no public key is configured")?;
    let claims =
        jwt::verify_rs256(assertion, key).map_err(|_| "client_assertion: signature or format")?;
    let client_id = emulator.credentials().client_id.as_str();
    let claim = |name: &str| claims.get(name).and_then(Value::as_str);
    if claim("iss") != Some(client_id) || claim("sub") != Some(client_id) {
        return Err("client_assertion: iss or sub");
    }
    let audience_ok = match claims.get("aud") {
        Some(Value::String(audience)) => audience == AUDIENCE,
        Some(Value::Array(audiences)) => audiences.iter().any(|audience| audience == AUDIENCE),
        _ => false,
    };
    if !audience_ok {
        return Err("client_assertion: aud");
    }
    let now = tenant::now();
    match claims.get("exp").and_then(Value::as_i64) {
        Some(exp) if exp > now && exp <= now + LONGEST_ASSERTION_SECS => Ok(()),
        _ => Err("client_assertion: exp"),
    }
}
