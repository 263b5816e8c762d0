//! `GET /microtenants`: the tenant's microtenants, for the console's microtenant selector.
//!
//! Same envelope and paging rules as the other lists; `search` takes `name`. The Default
//! microtenant is not listed: ZPA addresses it as `microtenantId=0` and every tenant has it.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::errors::ZpaError;
use super::listing::{Filter, PageRequest, QueryParams};
use super::tenant::Microtenant;
use super::{reply, wire, Emulator};

pub async fn list(
    State(emulator): State<Emulator>,
    RawQuery(query): RawQuery,
) -> Result<Response, ZpaError> {
    let query = QueryParams::parse(query.as_deref());
    let paging = PageRequest::from_query(&query)?;
    let filter = Filter::from_query(&query, &["name"])?;
    let tenant = emulator.tenant();

    let mut microtenants: Vec<&Microtenant> = tenant
        .microtenants
        .iter()
        .filter(|microtenant| {
            filter.as_ref().is_none_or(|filter| filter.matches(&microtenant.name))
        })
        .collect();
    microtenants
        .sort_by_cached_key(|microtenant| (microtenant.name.to_lowercase(), microtenant.id));

    let page = paging.cut(microtenants, wire::microtenant);
    Ok(reply::json(StatusCode::OK, &page))
}
