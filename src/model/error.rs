//! The one error type that crosses from the server to the page.
//!
//! Each variant says what happened in words a helpdesk agent can act on; internal causes are
//! logged on the server and never carried here, so nothing secret can reach a browser.

use serde::{Deserialize, Serialize};

use super::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ConsoleError {
    #[error("{what} was not found")]
    NotFound { what: String },
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    #[error("some fields need attention")]
    InvalidFields(Vec<FieldError>),
    #[error("the request did not come from this console's own pages")]
    Forbidden,
    #[error("ZPA could not be reached")]
    Unreachable,
    #[error("ZPA did not answer in time")]
    TimedOut,
    #[error("ZPA is rate limiting this console")]
    RateLimited { retry_after_secs: Option<u64> },
    #[error("ZPA is busy")]
    Busy { retry_after_secs: Option<u64> },
    /// A change went out but ZPA's answer never came back; the console then looked, and the
    /// change is not there.
    #[error("ZPA did not confirm the change to {what}, and it did not happen")]
    NotSaved { what: String },
    /// A change went out, no answer came back, and ZPA could not be asked whether it happened.
    #[error("ZPA did not confirm the change to {what}, and the console could not check it")]
    Unconfirmed { what: String },
    #[error("ZPA refused the console's API credentials")]
    SignInFailed,
    #[error("ZPA refused the request: {reason}")]
    Rejected { zpa_error_id: String, reason: String },
    #[error("ZPA answered in a way the console does not understand")]
    BadReply,
    #[error("the console server could not be reached: {0}")]
    Transport(String),
}

impl ConsoleError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidInput { field: field.into(), message: message.into() }
    }

    /// The HTTP status a page showing this error is served with.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::NotFound { .. } => 404,
            Self::InvalidInput { .. } | Self::InvalidFields(_) => 400,
            Self::Forbidden => 403,
            Self::Unreachable | Self::SignInFailed | Self::Rejected { .. } | Self::BadReply => 502,
            Self::RateLimited { .. } | Self::Busy { .. } | Self::Transport(_) => 503,
            Self::NotSaved { .. } => 503,
            Self::TimedOut | Self::Unconfirmed { .. } => 504,
        }
    }

    /// One sentence on what went wrong.
    pub fn headline(&self) -> String {
        let mut headline = self.to_string();
        if let Some(first) = headline.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        if !headline.ends_with('.') {
            headline.push('.');
        }
        headline
    }

    /// What the reader can do about it.
    pub fn advice(&self) -> String {
        match self {
            Self::NotFound { .. } => {
                "It may have been revoked or purged. Go back to the list to find it again.".into()
            }
            Self::InvalidInput { .. } => "Correct the value and try again.".into(),
            Self::InvalidFields(_) => "Correct the fields marked below, then save again.".into(),
            Self::Forbidden => "Open the console directly and try again from its own page.".into(),
            Self::Unreachable => {
                "Check that ZPA is up and that the console's server can reach it, then retry."
                    .into()
            }
            Self::TimedOut => "ZPA may be slow right now. Wait a moment, then retry.".into(),
            Self::RateLimited { retry_after_secs } | Self::Busy { retry_after_secs } => {
                match retry_after_secs {
                    Some(1) => "Try again in 1 second.".into(),
                    Some(seconds) => format!("Try again in {seconds} seconds."),
                    None => "Try again in a few seconds.".into(),
                }
            }
            Self::SignInFailed => "Ask the console's administrator to check its ZPA API client \
                                   credentials; nothing you do here can fix this."
                .into(),
            Self::Rejected { .. } => "Check the request and retry; if it keeps failing, \
                                      quote the ZPA error above to your ZPA administrator."
                .into(),
            Self::BadReply => "Retry; if it keeps happening, the console's operator will find \
                               the details in its log."
                .into(),
            Self::Transport(_) => "Check your connection to the console, then retry.".into(),
            Self::NotSaved { .. } => "Nothing was changed. Try again.".into(),
            Self::Unconfirmed { what } => format!(
                "Open {what} in the list and check whether the change is there before trying \
                 again, so it is not made twice."
            ),
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for ConsoleError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as Cause;
        match value {
            // The server could not read the call's arguments: the caller sent a bad request.
            Cause::Args(_) | Cause::MissingArg(_) => Self::invalid(
                "request",
                "The request was malformed; reload the page and try again.",
            ),
            // On the server: the call's body could not be read, so the caller sent a bad request.
            #[cfg(feature = "ssr")]
            Cause::Deserialization(_) => Self::invalid(
                "request",
                "The request was malformed; reload the page and try again.",
            ),
            // In the browser: the reply could not be read.
            #[cfg(not(feature = "ssr"))]
            Cause::Deserialization(_) => Self::BadReply,
            other => Self::Transport(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_reads_as_a_sentence() {
        assert_eq!(ConsoleError::Unreachable.headline(), "ZPA could not be reached.");
        let missing = ConsoleError::NotFound { what: "Approval 42".into() };
        assert_eq!(missing.headline(), "Approval 42 was not found.");
        assert_eq!(missing.http_status(), 404);
    }

    #[test]
    fn rate_limit_advice_names_the_wait() {
        let limited = ConsoleError::RateLimited { retry_after_secs: Some(4) };
        assert_eq!(limited.advice(), "Try again in 4 seconds.");
        assert_eq!(limited.http_status(), 503);
        let busy = ConsoleError::Busy { retry_after_secs: Some(1) };
        assert_eq!(busy.advice(), "Try again in 1 second.");
    }
}
