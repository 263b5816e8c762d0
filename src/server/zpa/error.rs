//! Every way a call to ZPA can fail, and the one place each maps to what a user sees.

use crate::model::ConsoleError;

#[derive(Debug, thiserror::Error)]
pub enum ZpaError {
    /// ZPA answered with an error status and (usually) its error body.
    #[error("ZPA answered {status} {}: {}", .id.as_deref().unwrap_or("-"), .reason.as_deref().unwrap_or("-"))]
    Api { status: u16, id: Option<String>, reason: Option<String>, retry_after_secs: Option<u64> },
    /// Sign-in was refused, or a fresh token was refused too.
    #[error("ZPA refused the API client credentials (HTTP {status})")]
    SignIn { status: u16 },
    #[error("ZPA did not answer in time")]
    Timeout,
    #[error("could not connect to ZPA: {0}")]
    Connect(String),
    #[error("the exchange with ZPA failed: {0}")]
    Transport(String),
    #[error("ZPA's reply could not be read: {0}")]
    Decode(String),
}

impl ZpaError {
    pub fn from_reqwest(error: reqwest::Error) -> Self {
        // reqwest's messages carry the URL, which holds no secret; the query can hold an
        // email, so only the error's kind and source are kept.
        let error = error.without_url();
        if error.is_timeout() {
            Self::Timeout
        } else if error.is_connect() {
            Self::Connect(error.to_string())
        } else if error.is_decode() {
            Self::Decode(error.to_string())
        } else {
            Self::Transport(error.to_string())
        }
    }

    /// True when ZPA says the object does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Api { status: 404, .. })
            || matches!(self, Self::Api { id: Some(id), .. } if id == "resource.not.found")
    }

    /// What the user is told. `what` names the object for a not-found answer.
    pub fn for_user(self, what: impl FnOnce() -> String) -> ConsoleError {
        if self.is_not_found() {
            return ConsoleError::NotFound { what: what() };
        }
        match self {
            Self::Api { status: 429, retry_after_secs, .. } => {
                ConsoleError::RateLimited { retry_after_secs }
            }
            Self::Api { status: 503, retry_after_secs, .. } => {
                ConsoleError::Busy { retry_after_secs }
            }
            Self::Api { status: 401 | 403, .. } | Self::SignIn { .. } => ConsoleError::SignInFailed,
            Self::Api { status: 400..=499, id, reason, .. } => ConsoleError::Rejected {
                zpa_error_id: id.unwrap_or_else(|| "unknown".into()),
                reason: reason.unwrap_or_else(|| "no reason given".into()),
            },
            Self::Api { .. } => ConsoleError::Busy { retry_after_secs: None },
            Self::Timeout => ConsoleError::TimedOut,
            Self::Connect(_) | Self::Transport(_) => ConsoleError::Unreachable,
            Self::Decode(_) => ConsoleError::BadReply,
        }
    }
}

/// Reads ZPA's `retry-after`, which carries a non-standard `s` suffix (`4s`) as often as not.
pub fn parse_retry_after(value: &str) -> Option<u64> {
    value.trim().trim_end_matches(['s', 'S']).trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_with_and_without_the_suffix() {
        assert_eq!(parse_retry_after("4s"), Some(4));
        assert_eq!(parse_retry_after("13"), Some(13));
        assert_eq!(parse_retry_after(" 10S "), Some(10));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn not_found_is_recognised_by_status_or_by_id() {
        let by_id = ZpaError::Api {
            status: 400,
            id: Some("resource.not.found".into()),
            reason: None,
            retry_after_secs: None,
        };
        assert_eq!(
            by_id.for_user(|| "Approval 7".into()),
            ConsoleError::NotFound { what: "Approval 7".into() }
        );
    }

    #[test]
    fn rate_limits_carry_the_wait_to_the_user() {
        let limited =
            ZpaError::Api { status: 429, id: None, reason: None, retry_after_secs: Some(4) };
        assert_eq!(
            limited.for_user(String::new),
            ConsoleError::RateLimited { retry_after_secs: Some(4) }
        );
    }
}
