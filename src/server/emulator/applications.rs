//! `GET /application`: the tenant's application segments, for the console's segment picker.
//!
//! Same envelope and paging rules as the approval list; `search` takes `name` with the same
//! operators. Segments come in name order, the order a picker shows them in.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::errors::ZpaError;
use super::listing::{Filter, PageRequest, QueryParams};
use super::tenant::Segment;
use super::{reply, wire, Emulator};

pub async fn list(
    State(emulator): State<Emulator>,
    RawQuery(query): RawQuery,
) -> Result<Response, ZpaError> {
    let query = QueryParams::parse(query.as_deref());
    let paging = PageRequest::from_query(&query)?;
    let filter = Filter::from_query(&query, &["name"])?;
    let tenant = emulator.tenant();
    let scope = tenant.scope(query.get("microtenantId"))?;

    let mut segments: Vec<&Segment> = tenant
        .segments
        .iter()
        .filter(|segment| scope.admits(segment.microtenant))
        .filter(|segment| filter.as_ref().is_none_or(|filter| filter.matches(&segment.name)))
        .collect();
    segments.sort_by_cached_key(|segment| (segment.name.to_lowercase(), segment.id));

    let page = paging.cut(segments, wire::segment);
    Ok(reply::json(StatusCode::OK, &page))
}
