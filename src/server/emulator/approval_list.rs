//! `GET /approval`: the paged, searchable, sortable list of approvals.
//!
//! Search takes `emailIds` and `status` (the console's choice, see the API notes). Sorting
//! takes the fields below; times and ids compare as numbers, status alphabetically, and ties
//! always fall back to ascending id so paging is stable. Without `sortBy` the list runs by id.

use std::cmp::Ordering;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::errors::{ids, ZpaError};
use super::listing::{Direction, Filter, PageRequest, QueryParams};
use super::tenant::{self, Approval, Status};
use super::{reply, wire, Emulator};

const SEARCH_FIELDS: [&str; 2] = ["emailIds", "status"];

/// The fields the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortField {
    StartTime,
    EndTime,
    Status,
    CreationTime,
    ModifiedTime,
    Id,
}

impl SortField {
    fn from_query(query: &QueryParams) -> Result<Self, ZpaError> {
        match query.get("sortBy").map(str::trim) {
            None | Some("" | "id") => Ok(Self::Id),
            Some("startTime") => Ok(Self::StartTime),
            Some("endTime") => Ok(Self::EndTime),
            Some("status") => Ok(Self::Status),
            Some("creationTime") => Ok(Self::CreationTime),
            Some("modifiedTime") => Ok(Self::ModifiedTime),
            Some(other) => {
                let reason = "sortBy must be one of startTime, endTime, status, creationTime, \
                              modifiedTime, id";
                Err(ZpaError::bad_request(ids::INVALID_SORT_FIELD, reason).with_param(other))
            }
        }
    }

    fn compare(self, a: &Approval, b: &Approval, now: i64) -> Ordering {
        match self {
            Self::StartTime => a.start.cmp(&b.start),
            Self::EndTime => a.end.cmp(&b.end),
            Self::Status => Status::of(a, now).cmp(&Status::of(b, now)),
            Self::CreationTime => a.created.cmp(&b.created),
            Self::ModifiedTime => a.modified.cmp(&b.modified),
            Self::Id => a.id.cmp(&b.id),
        }
    }
}

fn matches(filter: &Filter, approval: &Approval, now: i64) -> bool {
    match filter.field {
        "status" => filter.matches(Status::of(approval, now).as_wire()),
        _ => filter.matches(&approval.email),
    }
}

pub async fn list(
    State(emulator): State<Emulator>,
    RawQuery(query): RawQuery,
) -> Result<Response, ZpaError> {
    let query = QueryParams::parse(query.as_deref());
    let paging = PageRequest::from_query(&query)?;
    let filter = Filter::from_query(&query, &SEARCH_FIELDS)?;
    let sort_by = SortField::from_query(&query)?;
    let direction = Direction::from_query(&query)?;
    let now = tenant::now();
    let tenant = emulator.tenant();
    let scope = tenant.scope(query.get("microtenantId"))?;

    let mut approvals: Vec<&Approval> = tenant
        .approvals
        .values()
        .filter(|approval| scope.admits(approval.microtenant))
        .filter(|approval| filter.as_ref().is_none_or(|filter| matches(filter, approval, now)))
        .collect();
    // Without sortBy the order is ascending id, whatever direction was asked for.
    let descending = direction == Direction::Descending && query.get("sortBy").is_some();
    approvals.sort_by(|a, b| {
        let order = sort_by.compare(a, b, now);
        let order = if descending { order.reverse() } else { order };
        order.then(a.id.cmp(&b.id))
    });

    let page = paging.cut(approvals, |approval| wire::approval(approval, &tenant, now));
    Ok(reply::json(StatusCode::OK, &page))
}
