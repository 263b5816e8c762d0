//! Faults a test switches on for the next few matching requests: delays, ZPA's transient
//! refusals, any ZPA error, and connections lost before or after the request was acted on.
//!
//! A rule is a [`Fault`], a [`Matching`] (method and path pattern) and a count. Each request
//! takes the first rule it matches that has uses left; a request takes at most one fault. Every
//! fault applied is logged at `warn`, so a test's log shows what the emulator did on purpose.

use std::str::FromStr;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::connection::Connection;
use super::errors::{error_reply, retryable_server_error, too_many_requests, ZpaError};
use super::Emulator;

/// What happens to a request a fault rule matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait, then handle the request normally.
    Delay(Duration),
    /// 503 `retryable.server.error` with this `Retry-After` value (ZPA sends `10s`).
    Unavailable { retry_after: String },
    /// 429 `invalid.toomanyrequests` with this `retry-after` value, e.g. `4s` or `4`.
    TooManyRequests { retry_after: String },
    /// 409 `api.concurrent.access.error`; nothing is changed.
    ConcurrentAccess,
    /// Any ZPA error reply `{id, reason}` with this status; nothing is changed.
    Error { status: StatusCode, id: String, reason: String },
    /// Close the connection without a reply, without acting on the request.
    DropBeforeActing,
    /// Act on the request (a write really happens), then close the connection without a reply.
    DropAfterActing,
    /// Act on the request at once, but hold the reply back this long.
    ReplyLate(Duration),
}

impl Fault {
    /// ZPA's transient 503 with its usual `Retry-After: 10s`.
    #[must_use]
    pub fn unavailable() -> Self {
        Self::Unavailable { retry_after: "10s".to_owned() }
    }

    /// ZPA's 429 with the given `retry-after` value, written exactly as given.
    #[must_use]
    pub fn too_many_requests(retry_after: impl Into<String>) -> Self {
        Self::TooManyRequests { retry_after: retry_after.into() }
    }

    /// A ZPA error reply, e.g. `Fault::error(StatusCode::BAD_REQUEST, "approval.starttime.in.past", "...")`.
    #[must_use]
    pub fn error(status: StatusCode, id: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Error { status, id: id.into(), reason: reason.into() }
    }
}

/// Which requests a rule applies to: a method (or any) and a path pattern (or any).
///
/// Patterns are written from the customer's API root, so `/approval/{id}` matches
/// `/mgmtconfig/v1/admin/customers/{customerId}/approval/20472` on either host layout. A path
/// outside the API root is matched whole (`/signin`, `/oauth2/v1/token`). A `{...}` segment
/// matches any one segment. The text form is `any`, `/path`, `METHOD /path` or `* /path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    method: Option<Method>,
    segments: Option<Vec<String>>,
}

impl Matching {
    /// Every request.
    #[must_use]
    pub fn any() -> Self {
        Self { method: None, segments: None }
    }

    /// Whether a request with this method and (full) path is one this rule applies to.
    pub fn matches(&self, method: &Method, path: &str) -> bool {
        let method_ok = self.method.as_ref().is_none_or(|wanted| wanted == method);
        let path_ok = self.segments.as_ref().is_none_or(|pattern| {
            let segments: Vec<&str> = api_path(path).split('/').skip(1).collect();
            segments.len() == pattern.len()
                && pattern.iter().zip(&segments).all(|(wanted, segment)| {
                    (wanted.starts_with('{') && wanted.ends_with('}')) || wanted == segment
                })
        });
        method_ok && path_ok
    }
}

impl FromStr for Matching {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("any") || text.is_empty() {
            return Ok(Self::any());
        }
        let (method, path) = match text.split_once(' ') {
            Some((method, path)) => (Some(method), path.trim()),
            None => (None, text),
        };
        let method = match method {
            None | Some("*") => None,
            Some(name) => Some(
                Method::from_str(&name.to_ascii_uppercase())
                    .map_err(|_| format!("\"{name}\" is not an HTTP method"))?,
            ),
        };
        if !path.starts_with('/') {
            return Err(format!(
                "\"{path}\" is not a path; write it from the API root, e.g. /approval"
            ));
        }
        let segments = path.split('/').skip(1).map(str::to_owned).collect();
        Ok(Self { method, segments: Some(segments) })
    }
}

/// The part of `path` below the customer's API root, on either host layout; `path` itself when
/// it is not an API path.
fn api_path(path: &str) -> &str {
    let legacy = path.strip_prefix("/zpa").unwrap_or(path);
    legacy
        .strip_prefix("/mgmtconfig/v1/admin/customers/")
        .and_then(|rest| rest.find('/').map(|slash| &rest[slash..]))
        .unwrap_or(path)
}

#[derive(Debug)]
struct Rule {
    matching: Matching,
    fault: Fault,
    uses_left: u32,
}

/// The fault rules still waiting for requests.
#[derive(Debug, Default)]
pub struct FaultBook {
    rules: Vec<Rule>,
}

impl FaultBook {
    pub fn add(&mut self, matching: Matching, fault: Fault, times: u32) {
        if times > 0 {
            self.rules.push(Rule { matching, fault, uses_left: times });
        }
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Uses up one application of the first rule this request matches.
    fn take(&mut self, method: &Method, path: &str) -> Option<Fault> {
        let index = self.rules.iter().position(|rule| rule.matching.matches(method, path))?;
        let rule = &mut self.rules[index];
        rule.uses_left -= 1;
        let fault = rule.fault.clone();
        if rule.uses_left == 0 {
            self.rules.remove(index);
        }
        Some(fault)
    }
}

impl Emulator {
    /// Applies `fault` to the next `times` requests that `matching` selects.
    pub fn inject(&self, fault: Fault, matching: Matching, times: u32) {
        self.faults().add(matching, fault, times);
    }

    /// Forgets every fault rule not yet used up.
    pub fn clear_faults(&self) {
        self.faults().clear();
    }

    /// Makes every token issued so far invalid: the next call with one gets a 401.
    pub fn expire_tokens(&self) {
        tracing::warn!("emulator expired every token issued so far");
        self.tokens().expire_all();
    }
}

/// Applies the fault, if any, that the request's rule calls for.
pub async fn apply(State(emulator): State<Emulator>, request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let Some(fault) = emulator.faults().take(&method, &path) else {
        return next.run(request).await;
    };
    tracing::warn!(%method, %path, ?fault, "emulator applies a fault");

    match fault {
        Fault::Delay(delay) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Fault::Unavailable { retry_after } => retryable_server_error(&retry_after),
        Fault::TooManyRequests { retry_after } => too_many_requests(&retry_after),
        Fault::ConcurrentAccess => ZpaError::concurrent_access().into_response(),
        Fault::Error { status, id, reason } => error_reply(status, &id, &reason, &[]),
        Fault::DropBeforeActing => {
            close_without_reply(request.extensions().get::<Connection>().cloned()).await
        }
        Fault::DropAfterActing => {
            let connection = request.extensions().get::<Connection>().cloned();
            let _unsent = next.run(request).await;
            close_without_reply(connection).await
        }
        Fault::ReplyLate(delay) => {
            let response = next.run(request).await;
            tokio::time::sleep(delay).await;
            response
        }
    }
}

/// Closes the connection; this future never finishes, it is dropped with the connection.
async fn close_without_reply(connection: Option<Connection>) -> Response {
    match connection {
        Some(connection) => {
            connection.close();
            std::future::pending().await
        }
        None => {
            tracing::error!("the emulator can drop a connection only when it serves it itself");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "/mgmtconfig/v1/admin/customers/216196257331281920/approval/20472";

    #[test]
    fn patterns_match_from_the_api_root_on_both_host_layouts() {
        let read_one: Matching = "GET /approval/{id}".parse().unwrap();
        assert!(read_one.matches(&Method::GET, ONE));
        assert!(read_one.matches(&Method::GET, &format!("/zpa{ONE}")));
        assert!(!read_one.matches(&Method::PUT, ONE));
        assert!(!read_one.matches(&Method::GET, "/mgmtconfig/v1/admin/customers/1/approval"));

        let sign_in: Matching = "post /signin".parse().unwrap();
        assert!(sign_in.matches(&Method::POST, "/signin"));
        assert!("* /approval/{id}".parse::<Matching>().unwrap().matches(&Method::DELETE, ONE));
        assert!("any".parse::<Matching>().unwrap().matches(&Method::PATCH, "/x"));
        assert!("GET approval".parse::<Matching>().is_err());
    }

    #[test]
    fn a_rule_is_used_up_after_its_count_and_the_first_match_wins() {
        let mut book = FaultBook::default();
        book.add("POST /approval".parse().unwrap(), Fault::ConcurrentAccess, 2);
        book.add(Matching::any(), Fault::unavailable(), 1);
        let create = "/mgmtconfig/v1/admin/customers/1/approval";
        assert_eq!(book.take(&Method::POST, create), Some(Fault::ConcurrentAccess));
        assert_eq!(book.take(&Method::GET, create), Some(Fault::unavailable()));
        assert_eq!(book.take(&Method::POST, create), Some(Fault::ConcurrentAccess));
        assert_eq!(book.take(&Method::POST, create), None);
    }
}
