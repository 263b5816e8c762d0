//! ZPA's error answers, and every error id the emulator can send.
//!
//! ZPA reports a failure as `{"id": "<dotted.id>", "reason": "<text>", "params": [...]}`. The ids
//! ZPA is known to use are copied verbatim; where ZPA's own id is not documented, the id is the
//! project's choice and is marked so. All of them live here so a change to one is a change in
//! one place, for the emulator and for anyone reading what the console may be shown.

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::reply;

/// The error ids, as they appear in the `id` field of an error body.
pub mod ids {
    /// Missing, unknown or expired bearer token, wrong sign-in, or another customer's path.
    pub const ACCESS_DENIED: &str = "access.denied";
    /// An id in the path, a segment id in a body, or a microtenant id that does not exist.
    pub const RESOURCE_NOT_FOUND: &str = "resource.not.found";
    /// A `search` expression that is not `field+OP+value` with a known field and operator.
    pub const INVALID_OPERAND: &str = "filtering.input.invalid.operand";
    /// A new `startTime` for an approval that is already active.
    pub const STARTTIME_UPDATE_NOT_ALLOWED: &str = "approval.starttime.update.not.allowed";
    /// The project's choice: `startTime` more than an hour in the past.
    pub const STARTTIME_IN_PAST: &str = "approval.starttime.in.past";
    /// The project's choice: `endTime` not after `startTime`.
    pub const ENDTIME_BEFORE_STARTTIME: &str = "approval.endtime.before.starttime";
    /// The project's choice: `endTime` more than 365 days after `startTime`.
    pub const DURATION_TOO_LONG: &str = "approval.duration.too.long";
    /// The project's choice: not exactly one plausible email address.
    pub const EMAIL_INVALID: &str = "approval.email.invalid";
    /// The project's choice: no application segments, more than 200, or one without an id.
    pub const APPLICATIONS_INVALID: &str = "approval.applications.invalid";
    /// The project's choice: a `workingHours` object with a field missing or malformed.
    pub const WORKINGHOURS_INVALID: &str = "approval.workinghours.invalid";
    /// The project's choice: a `workingHours.timeZone` that is not an IANA zone name.
    pub const TIMEZONE_INVALID: &str = "approval.timezone.invalid";
    /// Malformed JSON, a missing or non-numeric time, or a malformed query value.
    pub const BAD_REQUEST: &str = "bad.request";
    /// The project's choice: `pagesize` outside 1..=500 or not a number.
    pub const INVALID_PAGE_SIZE: &str = "invalid.page.size";
    /// The project's choice: `page` below 1 or not a number.
    pub const INVALID_PAGE: &str = "invalid.page.number";
    /// The project's choice: a `sortBy` field the list cannot sort by.
    pub const INVALID_SORT_FIELD: &str = "invalid.sort.field";
    /// The project's choice: a sort direction other than ASC, DESC or DSC.
    pub const INVALID_SORT_DIRECTION: &str = "invalid.sort.direction";
    /// An answer the emulator failed to encode, or a transient fault; ZPA's id for a 503.
    pub const RETRYABLE_SERVER_ERROR: &str = "retryable.server.error";
    /// A rate limit was hit (429); the only id whose body also carries `exception`.
    pub const TOO_MANY_REQUESTS: &str = "invalid.toomanyrequests";
    /// Concurrent writes to one tenant (409).
    pub const CONCURRENT_ACCESS: &str = "api.concurrent.access.error";
}

/// A refusal in ZPA's shape: an HTTP status and the body's id, reason and params.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZpaError {
    pub status: StatusCode,
    pub id: &'static str,
    pub reason: String,
    pub params: Vec<String>,
}

/// Field order follows ZPA's own bodies: id, reason, params (params left out when empty).
#[derive(Serialize)]
struct ErrorBody<'a> {
    id: &'a str,
    reason: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    params: &'a [String],
}

impl ZpaError {
    /// A 400 with the given id and reason.
    pub fn bad_request(id: &'static str, reason: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, id, reason: reason.into(), params: Vec::new() }
    }

    /// The same error, naming the value at fault in `params`.
    pub fn with_param(mut self, param: impl Into<String>) -> Self {
        self.params.push(param.into());
        self
    }

    /// ZPA's 401: the same answer whatever was wrong, so a caller learns nothing to probe with.
    pub fn access_denied() -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            id: ids::ACCESS_DENIED,
            reason: "Access denied".to_owned(),
            params: Vec::new(),
        }
    }

    /// ZPA's answer for an id that names nothing, with the id echoed as ZPA does.
    pub fn not_found(id: &str) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            id: ids::RESOURCE_NOT_FOUND,
            reason: format!("No resource exists with the given id/name :{id}"),
            params: vec![id.to_owned()],
        }
    }

    /// The not-found body under 400, which is how ZPA answers an unknown id inside a request.
    pub fn unknown_reference(id: &str) -> Self {
        Self { status: StatusCode::BAD_REQUEST, ..Self::not_found(id) }
    }

    /// ZPA's 409 for writes that collide; `params` names the model class, as ZPA's does.
    pub fn concurrent_access() -> Self {
        Self {
            status: StatusCode::CONFLICT,
            id: ids::CONCURRENT_ACCESS,
            reason: "Unable to modify the resource due to concurrent change requests. Try again"
                .to_owned(),
            params: vec!["com.zscaler.zpn.model.PolicySet".to_owned()],
        }
    }

    /// A refused `search` expression; ZPA names no params in this answer.
    pub fn invalid_operand() -> Self {
        Self::bad_request(ids::INVALID_OPERAND, "Invalid operand in the search filter.")
    }
}

impl IntoResponse for ZpaError {
    fn into_response(self) -> Response {
        error_reply(self.status, self.id, &self.reason, &self.params)
    }
}

/// Any error in ZPA's shape, including ids the emulator itself never chooses.
pub fn error_reply(status: StatusCode, id: &str, reason: &str, params: &[String]) -> Response {
    reply::json(status, &ErrorBody { id, reason, params })
}

/// The 429 body, which alone repeats its id as `exception`, in ZPA's field order.
#[derive(Serialize)]
struct TooManyRequestsBody {
    exception: &'static str,
    id: &'static str,
    reason: &'static str,
}

/// ZPA's 429 with its `retry-after`, whose value ZPA writes with an `s` suffix (`4s`).
pub fn too_many_requests(retry_after: &str) -> Response {
    let body = TooManyRequestsBody {
        exception: ids::TOO_MANY_REQUESTS,
        id: ids::TOO_MANY_REQUESTS,
        reason: "Exceeded the number of requests allowed.",
    };
    with_retry_after(reply::json(StatusCode::TOO_MANY_REQUESTS, &body), retry_after)
}

/// ZPA's 503 for a transient fault, with its `Retry-After` (`10s` on the wire).
pub fn retryable_server_error(retry_after: &str) -> Response {
    let reason = "An error occurred. Refer to the Retry-After header, and then try again.";
    let response =
        error_reply(StatusCode::SERVICE_UNAVAILABLE, ids::RETRYABLE_SERVER_ERROR, reason, &[]);
    with_retry_after(response, retry_after)
}

fn with_retry_after(mut response: Response, retry_after: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(retry_after) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}
