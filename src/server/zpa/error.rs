//! Every way a call to ZPA can fail, and the one place each maps to what a user sees.

use crate::model::{ConsoleError, Field, FieldError};

/// ZPA's error ids that belong to one field of the approval form, with the words the form's
/// own checks use for the same mistake. `approval.starttime.update.not.allowed` is ZPA's; the
/// others are the ids the built-in emulator answers with for ZPA's documented rules.
const FIELD_ERRORS: [(&str, Field, &str); 8] = [
    (
        "approval.starttime.update.not.allowed",
        Field::Start,
        "The approval is active, so ZPA does not allow its start to change.",
    ),
    ("approval.starttime.in.past", Field::Start, "The start can be at most one hour in the past."),
    ("approval.endtime.before.starttime", Field::End, "The end must be after the start."),
    ("approval.duration.too.long", Field::End, "The end can be at most 365 days after the start."),
    ("approval.email.invalid", Field::Email, "Enter one email address, such as name@example.com."),
    (
        "approval.applications.invalid",
        Field::Segments,
        "Choose between 1 and 200 existing application segments.",
    ),
    ("approval.workinghours.invalid", Field::Days, "Check the working days and hours."),
    ("approval.timezone.invalid", Field::TimeZone, "Choose a time zone such as Europe/Berlin."),
];

#[derive(Clone, Debug, thiserror::Error)]
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
    /// The console's own limit: the wait for ZPA's rate budget or its `retry-after` is longer
    /// than a reader can be kept waiting.
    #[error("ZPA is busy for another {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    /// A write's answer never came, and ZPA, asked afterwards, does not hold the change.
    #[error("the change was not made")]
    NotApplied,
    /// A write's answer never came, and ZPA could not be asked whether the change was made.
    #[error("the change could not be confirmed")]
    Unconfirmed,
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

    /// True when a write was sent but its outcome is unknown: ZPA may or may not have acted.
    /// A refused connection, a 4xx or a 429 means ZPA did not act.
    pub fn leaves_write_unknown(&self) -> bool {
        match self {
            Self::Timeout | Self::Transport(_) | Self::Decode(_) => true,
            Self::Api { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// True for the failures another try of a read may get past.
    pub fn is_worth_another_read(&self) -> bool {
        matches!(
            self,
            Self::Api { status: 429 | 502 | 503 | 504, .. }
                | Self::Timeout
                | Self::Connect(_)
                | Self::Transport(_)
        )
    }

    /// What a reader is told when there is no time left to retry: rate limits and outages
    /// become "busy, try again in N seconds"; other failures stay what they are.
    pub fn or_busy(self, wait: std::time::Duration) -> Self {
        match self {
            Self::Api { status: 429 | 503, retry_after_secs, .. } => Self::Busy {
                retry_after_secs: retry_after_secs
                    .unwrap_or_else(|| wait.as_secs_f64().ceil() as u64)
                    .max(1),
            },
            other => other,
        }
    }

    /// True when ZPA says the object does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Api { status: 404, .. })
            || matches!(self, Self::Api { id: Some(id), .. } if id == "resource.not.found")
    }

    /// What a form is told: ZPA's refusals that belong to a field are shown beside that field.
    pub fn for_form(self, what: impl FnOnce() -> String) -> ConsoleError {
        if let Self::Api { status: 400, id: Some(id), .. } = &self {
            if let Some((_, field, message)) = FIELD_ERRORS.iter().find(|(known, ..)| known == id) {
                return ConsoleError::InvalidFields(vec![FieldError::new(*field, *message)]);
            }
        }
        self.for_user(what)
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
            Self::Busy { retry_after_secs } => {
                ConsoleError::Busy { retry_after_secs: Some(retry_after_secs) }
            }
            Self::NotApplied => ConsoleError::NotSaved { what: what() },
            Self::Unconfirmed => ConsoleError::Unconfirmed { what: what() },
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
    fn a_moved_active_start_is_shown_beside_the_start_field() {
        let refused = ZpaError::Api {
            status: 400,
            id: Some("approval.starttime.update.not.allowed".into()),
            reason: Some("Start time of an active approval cannot be changed.".into()),
            retry_after_secs: None,
        };
        let ConsoleError::InvalidFields(errors) = refused.for_form(String::new) else { panic!() };
        assert_eq!(errors[0].field, Field::Start);
    }

    #[test]
    fn an_unknown_refusal_is_shown_at_the_top_with_zpas_reason() {
        let refused = ZpaError::Api {
            status: 400,
            id: Some("non.restricted.entity.authorization.failed".into()),
            reason: Some("Not allowed".into()),
            retry_after_secs: None,
        };
        assert!(matches!(refused.for_form(String::new), ConsoleError::Rejected { .. }));
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
