//! The approval endpoints that read one approval or change the tenant: create, read, replace,
//! delete, and purge the expired ones.
//!
//! Every handler reads `microtenantId` the same way: omitted or `null` addresses the whole
//! tenant, `0` the Default microtenant, anything else one microtenant. A create that names no
//! microtenant lands in Default. A replace never moves an approval between microtenants.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::approval_input::ApprovalDraft;
use super::errors::ZpaError;
use super::listing::QueryParams;
use super::tenant::{self, Approval, Scope, Status, Tenant};
use super::{reply, wire, Emulator};

fn scope(tenant: &Tenant, query: Option<&str>) -> Result<Scope, ZpaError> {
    tenant.scope(QueryParams::parse(query).get("microtenantId"))
}

/// `POST /approval`: 201 with the stored approval, its applications in the short create shape.
pub async fn create(
    State(emulator): State<Emulator>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, ZpaError> {
    let now = tenant::now();
    let mut tenant = emulator.tenant();
    let microtenant = scope(&tenant, query.as_deref())?.home();
    let draft = ApprovalDraft::parse(&body, &tenant)?;
    draft.check_times(now, None)?;

    let id = tenant.insert(Approval {
        id: 0,
        microtenant,
        email: draft.email,
        segment_ids: draft.segment_ids,
        start: draft.start,
        end: draft.end,
        working_hours: draft.working_hours,
        created: now,
        modified: now,
        modified_by: emulator.api_client_id(),
    });
    let created = tenant.find(&id.to_string(), Scope::Everywhere)?;
    Ok(reply::json(StatusCode::CREATED, &wire::created_approval(created, now)))
}

/// `GET /approval/{id}`: the approval with its segments in full.
pub async fn read(
    State(emulator): State<Emulator>,
    Path((_customer, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, ZpaError> {
    let now = tenant::now();
    let tenant = emulator.tenant();
    let approval = tenant.find(&id, scope(&tenant, query.as_deref())?)?;
    Ok(reply::json(StatusCode::OK, &wire::approval(approval, &tenant, now)))
}

/// `PUT /approval/{id}`: a full replace, answered with an empty 204.
pub async fn replace(
    State(emulator): State<Emulator>,
    Path((_customer, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, ZpaError> {
    let now = tenant::now();
    let mut tenant = emulator.tenant();
    let existing = tenant.find(&id, scope(&tenant, query.as_deref())?)?;
    let (id, earlier) = (existing.id, (existing.start, Status::of(existing, now)));
    let draft = ApprovalDraft::parse(&body, &tenant)?;
    draft.check_times(now, Some(earlier))?;

    if let Some(approval) = tenant.approvals.get_mut(&id) {
        approval.email = draft.email;
        approval.segment_ids = draft.segment_ids;
        approval.start = draft.start;
        approval.end = draft.end;
        approval.working_hours = draft.working_hours;
        approval.modified = now;
        approval.modified_by = emulator.api_client_id();
    }
    Ok(reply::no_content())
}

/// `DELETE /approval/{id}`: an empty 204.
pub async fn delete(
    State(emulator): State<Emulator>,
    Path((_customer, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, ZpaError> {
    let mut tenant = emulator.tenant();
    let scope = scope(&tenant, query.as_deref())?;
    tenant.remove(&id, scope)?;
    Ok(reply::no_content())
}

/// `DELETE /approval/expired`: 204 when something went, else ZPA's 200 "No records found".
/// It purges what a list with the same `microtenantId` would show as expired.
pub async fn purge_expired(
    State(emulator): State<Emulator>,
    RawQuery(query): RawQuery,
) -> Result<Response, ZpaError> {
    let now = tenant::now();
    let mut tenant = emulator.tenant();
    let scope = scope(&tenant, query.as_deref())?;
    if tenant.purge_expired(scope, now) > 0 {
        Ok(reply::no_content())
    } else {
        Ok(reply::plain_text("No records found"))
    }
}

/// Any other method on `/approval/expired`: `expired` is not an approval id.
pub async fn expired_is_not_an_id() -> ZpaError {
    ZpaError::not_found("expired")
}
