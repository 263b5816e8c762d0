//! The three kinds of successful answer ZPA gives: JSON, an empty 204, and a short plain text.

use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::errors::ids::RETRYABLE_SERVER_ERROR;

/// ZPA's exact content type for JSON, charset and all, so a strict client sees no difference.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";

/// `value` as a JSON body with ZPA's content type.
pub fn json(status: StatusCode, value: &impl Serialize) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => (status, [(CONTENT_TYPE, JSON_CONTENT_TYPE)], body).into_response(),
        Err(cause) => {
            // Our own wire types always encode; reaching this is a bug worth an operator's eye.
            tracing::error!(%cause, "emulator could not encode an answer");
            let body =
                format!(r#"{{"id":"{RETRYABLE_SERVER_ERROR}","reason":"An error occurred."}}"#);
            (StatusCode::INTERNAL_SERVER_ERROR, [(CONTENT_TYPE, JSON_CONTENT_TYPE)], body)
                .into_response()
        }
    }
}

/// The empty 204 that ZPA sends after an update or a delete.
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// A 200 with a bare text body, as ZPA answers a purge that found nothing.
pub fn plain_text(body: &'static str) -> Response {
    (StatusCode::OK, [(CONTENT_TYPE, "text/plain;charset=utf-8")], body).into_response()
}
