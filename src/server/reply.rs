//! How a server function's failure reaches the browser: with its own HTTP status, so a form
//! posted without JavaScript, a script and a monitor all see what happened.
//!
//! `with_status` covers the failures a server function reports itself; `status_from_error`
//! the ones the framework reports before the function runs.

use crate::model::ConsoleError;

pub fn with_status<T>(result: Result<T, ConsoleError>) -> Result<T, ConsoleError> {
    if let Err(error) = &result {
        crate::components::set_http_status(error);
    }
    result
}

/// The largest error reply read back to find its status; errors are a few hundred bytes.
const LARGEST_ERROR: usize = 16 * 1024;

/// Serves a server-function error the framework answered before the function ran (a body
/// that could not be read, say) with the status of the error it carries, not a bare 500.
pub async fn status_from_error(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let is_call = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_call || response.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, LARGEST_ERROR).await else {
        parts.status = http::StatusCode::INTERNAL_SERVER_ERROR;
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<ConsoleError>(&bytes) {
        parts.status = http::StatusCode::from_u16(error.http_status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}
