//! Reading an approval from a create or update body, and the rules ZPA holds it to.
//!
//! Clients differ in what they send: times as numbers or digit strings, ids as strings or
//! numbers, and the Admin Portal adds many keys of its own (`objectType`, `startDate`, the
//! read-only `status` and `creationTime`). Unknown and read-only keys are ignored, as ZPA
//! ignores them; what is read is checked strictly.

use serde_json::{Map, Value};

use super::errors::{ids, ZpaError};
use super::tenant::{Status, Tenant, WorkingHours};
use super::working_hours;

/// The most application segments one approval may grant.
const MAX_SEGMENTS: usize = 200;
/// How far in the past a new start may lie, matching the Admin Portal's own limit.
const MAX_START_IN_PAST_SECS: i64 = 3600;
/// The longest an approval may last: 365 days.
const MAX_DURATION_SECS: i64 = 365 * 24 * 3600;

/// What a create or update body asks for, once read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalDraft {
    pub email: String,
    pub segment_ids: Vec<u64>,
    pub start: i64,
    pub end: i64,
    pub working_hours: Option<WorkingHours>,
}

impl ApprovalDraft {
    /// Reads `body` and checks every rule that does not depend on the clock or on an earlier
    /// version of the approval.
    pub fn parse(body: &[u8], tenant: &Tenant) -> Result<Self, ZpaError> {
        let body: Value = serde_json::from_slice(body).map_err(|cause| {
            ZpaError::bad_request(
                ids::BAD_REQUEST,
                format!("The request body is not valid JSON: {cause}"),
            )
        })?;
        let Value::Object(body) = body else {
            return Err(ZpaError::bad_request(
                ids::BAD_REQUEST,
                "The request body must be a JSON object",
            ));
        };
        Ok(Self {
            email: email(&body)?,
            segment_ids: segment_ids(&body, tenant)?,
            start: epoch_seconds(&body, "startTime")?,
            end: epoch_seconds(&body, "endTime")?,
            working_hours: match body.get("workingHours") {
                None | Some(Value::Null) => None,
                Some(hours) => Some(working_hours::parse(hours)?),
            },
        })
    }

    /// Checks the times against `now`. `earlier` is the stored start and current status when
    /// the draft replaces an existing approval.
    pub fn check_times(&self, now: i64, earlier: Option<(i64, Status)>) -> Result<(), ZpaError> {
        let start_changed = earlier.is_none_or(|(start, _)| start != self.start);
        if start_changed && matches!(earlier, Some((_, Status::Active))) {
            return Err(ZpaError::bad_request(
                ids::STARTTIME_UPDATE_NOT_ALLOWED,
                "Start time of an active approval cannot be changed.",
            ));
        }
        if start_changed && self.start < now - MAX_START_IN_PAST_SECS {
            let reason = "Start time cannot be more than one hour in the past.";
            return Err(ZpaError::bad_request(ids::STARTTIME_IN_PAST, reason)
                .with_param(self.start.to_string()));
        }
        if self.end <= self.start {
            let reason = "End time must be after start time.";
            return Err(ZpaError::bad_request(ids::ENDTIME_BEFORE_STARTTIME, reason)
                .with_param(self.end.to_string()));
        }
        if self.end - self.start > MAX_DURATION_SECS {
            let reason = "An approval cannot last longer than 365 days.";
            return Err(ZpaError::bad_request(ids::DURATION_TOO_LONG, reason)
                .with_param(self.end.to_string()));
        }
        Ok(())
    }
}

fn email(body: &Map<String, Value>) -> Result<String, ZpaError> {
    let refused =
        ZpaError::bad_request(ids::EMAIL_INVALID, "Exactly one valid email address is required.");
    match body.get("emailIds").and_then(Value::as_array).map(Vec::as_slice) {
        Some([Value::String(address)]) if is_plausible_email(address) => Ok(address.clone()),
        // Name the address at fault, so the console can show what was refused.
        Some([Value::String(address)]) => Err(refused.with_param(address)),
        _ => Err(refused),
    }
}

/// A deliberately loose check: one `@`, a local part, and a dotted domain of sane labels. ZPA
/// does not check that the person exists, so neither does the emulator.
fn is_plausible_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    !local.is_empty()
        && local.len() <= 64
        && address.len() <= 254
        && !local.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && labels_ok
}

fn segment_ids(body: &Map<String, Value>, tenant: &Tenant) -> Result<Vec<u64>, ZpaError> {
    let refuse = |reason: &str| ZpaError::bad_request(ids::APPLICATIONS_INVALID, reason);
    let Some(Value::Array(applications)) = body.get("applications") else {
        return Err(refuse("At least one application segment is required."));
    };
    if applications.is_empty() {
        return Err(refuse("At least one application segment is required."));
    }
    if applications.len() > MAX_SEGMENTS {
        let reason = format!("An approval can grant at most {MAX_SEGMENTS} application segments.");
        return Err(refuse(&reason).with_param(applications.len().to_string()));
    }
    let mut segment_ids = Vec::with_capacity(applications.len());
    for application in applications {
        let raw = match application.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => return Err(refuse("Every application segment needs an id.")),
        };
        let id = raw.parse::<u64>().ok().filter(|id| tenant.segment(*id).is_some());
        let id = id.ok_or_else(|| ZpaError::unknown_reference(&raw))?;
        // Naming a segment twice grants it once.
        if !segment_ids.contains(&id) {
            segment_ids.push(id);
        }
    }
    Ok(segment_ids)
}

/// Reads a required epoch-seconds field sent as a number or a digit string.
fn epoch_seconds(body: &Map<String, Value>, key: &str) -> Result<i64, ZpaError> {
    let seconds = match body.get(key) {
        Some(Value::Number(number)) => number.as_i64(),
        Some(Value::String(digits)) => digits.trim().parse().ok(),
        _ => None,
    };
    seconds.ok_or_else(|| {
        let reason = format!("{key} is required, in epoch seconds, as a number or a string");
        ZpaError::bad_request(ids::BAD_REQUEST, reason).with_param(key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_emails_pass_and_garbage_does_not() {
        assert!(is_plausible_email("dana.reyes@example.com"));
        assert!(is_plausible_email("ops+oncall@partner.example.net"));
        for garbage in ["", "dana", "dana@", "@example.com", "dana@example", "a b@example.com"] {
            assert!(!is_plausible_email(garbage), "{garbage} passed");
        }
        assert!(!is_plausible_email("dana@exa mple.com"));
        assert!(!is_plausible_email("dana@@example.com"));
    }

    #[test]
    fn an_unchanged_start_of_an_active_approval_may_lie_in_the_past() {
        let draft = ApprovalDraft {
            email: "dana.reyes@example.com".to_owned(),
            segment_ids: vec![1],
            start: 1_000,
            end: 100_000,
            working_hours: None,
        };
        assert_eq!(draft.check_times(50_000, Some((1_000, Status::Active))), Ok(()));
        let moved = ApprovalDraft { start: 2_000, ..draft.clone() };
        let refused = moved.check_times(50_000, Some((1_000, Status::Active))).unwrap_err();
        assert_eq!(refused.id, ids::STARTTIME_UPDATE_NOT_ALLOWED);
        assert_eq!(draft.check_times(50_000, None).unwrap_err().id, ids::STARTTIME_IN_PAST);
    }
}
