#![cfg(feature = "ssr")]
//! Every rule of the approval form and every ZPA refusal the console maps, as a reader meets
//! them: through the console's server functions and its plain HTML form, over real HTTP, in
//! front of the built-in emulator.
//!
//! The groups live in the `form_rules/` folder beside this file: the rules the console holds a
//! request to before ZPA is called, what ZPA's refusals become, and the form without
//! JavaScript. This file holds what they share.

mod support;

#[path = "form_rules/before_zpa.rs"]
mod before_zpa;
#[path = "form_rules/drafts.rs"]
mod drafts;
#[path = "form_rules/without_javascript.rs"]
mod without_javascript;
#[path = "form_rules/zpa_refusals.rs"]
mod zpa_refusals;

use chrono::{DateTime, TimeDelta, Utc};
use serde::de::DeserializeOwned;
use serde_json::json;
use support::Console;
use zpa_approvals::model::{
    Approval, ApprovalDraft, ApprovalRequest, ApprovalStatus, ConsoleError, Field, FieldError,
    ListQuery,
};
use zpa_approvals::server::emulator::{Emulator, Matching};

/// How a create reaches ZPA.
pub fn creates() -> Matching {
    "POST /approval".parse().unwrap()
}

/// How a replace reaches ZPA.
pub fn replaces() -> Matching {
    "PUT /approval/{id}".parse().unwrap()
}

/// Every application segment of the demo tenant, by id.
pub async fn segment_ids(console: &Console) -> Vec<u64> {
    let (status, body) =
        console.call("search_segments", json!({ "search": "", "microtenant": null })).await;
    assert_eq!(status, 200, "{body}");
    let segments: Vec<zpa_approvals::model::ApplicationSegment> =
        serde_json::from_str(&body).unwrap();
    assert!(!segments.is_empty(), "the demo tenant has segments");
    segments.into_iter().map(|segment| segment.id).collect()
}

/// The next whole minute, so that what is sent and what ZPA stores (whole seconds) agree.
pub fn next_minute() -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp() / 60 * 60 + 60, 0).unwrap()
}

/// A request every rule accepts: four hours from the next minute, no working hours.
pub fn valid_request(segment_ids: Vec<u64>) -> ApprovalRequest {
    let start = next_minute();
    ApprovalRequest {
        email: "rules.check@example.com".into(),
        segment_ids,
        start,
        end: start + TimeDelta::hours(4),
        working_hours: None,
    }
}

/// A form every rule accepts, as typed, in UTC, with office hours on.
pub fn valid_draft(segment: u64) -> ApprovalDraft {
    let start = next_minute();
    let end = start + TimeDelta::hours(4);
    ApprovalDraft {
        email: "rules.check@example.com".into(),
        segment_ids: vec![segment.to_string()],
        start_date: start.format("%Y-%m-%d").to_string(),
        start_time: start.format("%H:%M").to_string(),
        end_date: end.format("%Y-%m-%d").to_string(),
        end_time: end.format("%H:%M").to_string(),
        window_zone: "UTC".into(),
        working_hours: true,
        days: vec!["MON".into(), "WED".into()],
        hours_from: "09:00".into(),
        hours_to: "17:00".into(),
        hours_zone: "Europe/Berlin".into(),
    }
}

/// A server function's refusal: the HTTP status and the error the page is given.
#[derive(Debug)]
pub struct Refusal {
    pub status: u16,
    pub error: ConsoleError,
}

impl Refusal {
    /// The field errors, or a failure naming what came back instead.
    pub fn fields(&self) -> Vec<FieldError> {
        match &self.error {
            ConsoleError::InvalidFields(errors) => errors.clone(),
            other => panic!("expected field errors, got {other:?} ({})", self.status),
        }
    }
}

async fn reply<T: DeserializeOwned>(
    console: &Console,
    function: &str,
    args: serde_json::Value,
) -> Result<T, Refusal> {
    let (status, body) = console.call(function, args).await;
    if status == 200 {
        return Ok(serde_json::from_str(&body).unwrap());
    }
    let error = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{status}: {body}"));
    Err(Refusal { status, error })
}

pub async fn create(console: &Console, request: &ApprovalRequest) -> Result<u64, Refusal> {
    reply(console, "create_approval", json!({ "request": request, "microtenant": null })).await
}

pub async fn update(console: &Console, id: u64, request: &ApprovalRequest) -> Result<(), Refusal> {
    let args = json!({ "id": id, "request": request, "microtenant": null });
    reply(console, "update_approval", args).await
}

/// Saves the form as the page does with JavaScript on: a new approval, or approval `id`.
pub async fn save(
    console: &Console,
    id: Option<u64>,
    draft: &ApprovalDraft,
) -> Result<u64, Refusal> {
    reply(console, "save_approval", json!({ "id": id, "microtenant": null, "draft": draft })).await
}

/// One approval of the demo tenant that is active now.
pub async fn an_active_approval(console: &Console) -> Approval {
    let query = ListQuery { page: 1, status: Some(ApprovalStatus::Active), ..Default::default() };
    let listed = console.list(query).await.approvals;
    let active = listed.into_iter().next().expect("the demo tenant has an active approval");
    let args = json!({ "id": active.id, "microtenant": null });
    reply(console, "get_approval", args).await.unwrap()
}

/// Asserts a refusal names exactly `field`, with a message holding `words`, and that ZPA was
/// never asked to create anything.
pub fn assert_refused_before_zpa(
    outcome: Result<u64, Refusal>,
    field: Field,
    words: &str,
    emulator: &Emulator,
    case: &str,
) {
    let refusal = outcome.expect_err(case);
    assert_eq!(refusal.status, 400, "{case}");
    let errors = refusal.fields();
    let named: Vec<Field> = errors.iter().map(|error| error.field).collect();
    assert_eq!(named, [field], "{case}: {errors:?}");
    assert_readable(&errors[0].message, words, case);
    assert_eq!(emulator.count_requests(&creates()), 0, "{case}: ZPA was asked to create it");
}

/// A message a reader can act on: a sentence, holding `words`.
pub fn assert_readable(message: &str, words: &str, case: &str) {
    assert!(message.contains(words), "{case}: {message:?} does not say {words:?}");
    let starts_as_a_sentence = message.starts_with(|c: char| c.is_uppercase() || c == '“')
        || message.starts_with(|c: char| c.is_ascii_digit());
    assert!(starts_as_a_sentence && message.ends_with('.'), "{case}: {message:?}");
}
