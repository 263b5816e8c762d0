//! The console's server functions: the only way a page reaches ZPA.
//!
//! Each is a public HTTP endpoint under `/api/`, so each one admits its caller first and
//! checks its arguments before anything is sent upstream. Replies carry domain values and
//! user-facing errors only; tokens and internal causes stay on the server.

mod changes;
mod form;

pub use changes::{
    create_approval, extend_approval, purge_expired, revoke_approval, update_approval,
    CreateApproval, ExtendApproval, PurgeExpired, RevokeApproval, UpdateApproval, EXTENSIONS_HOURS,
};

pub use form::{start_form, FormStart, StartForm};

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::model::{Approval, ApprovalPage, ConsoleError, ListQuery, MicrotenantChoice};

/// What every page needs to know about the console itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleInfo {
    /// True when the console runs against its built-in emulator instead of a real tenant.
    pub demo: bool,
    /// The tenant's microtenants for the selector; empty when ZPA would not list them.
    pub microtenants: Vec<MicrotenantChoice>,
    /// The microtenant set in the console's configuration, used when a view names none.
    pub configured_microtenant: Option<u64>,
}

#[server(prefix = "/api", endpoint = "describe_console")]
pub async fn describe_console() -> Result<ConsoleInfo, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            // The selector is a convenience: a tenant that will not list its microtenants
            // still gets every page, and the selector offers what the URL names.
            let microtenants = console.zpa.list_microtenants().await.unwrap_or_else(|error| {
                tracing::warn!(%error, "listing microtenants failed");
                Vec::new()
            });
            let configured_microtenant = console.zpa.configured_microtenant();
            Ok(ConsoleInfo { demo: console.demo, microtenants, configured_microtenant })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "list_approvals", input = Json)]
pub async fn list_approvals(query: ListQuery) -> Result<ApprovalPage, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            query.validate()?;
            console.zpa.list_approvals(&query).await.map_err(|error| {
                tracing::warn!(%error, "listing approvals failed");
                error.for_user(|| match query.microtenant {
                    Some(microtenant) => format!("Microtenant {microtenant}"),
                    None => "The list".into(),
                })
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "get_approval", input = Json)]
pub async fn get_approval(id: u64, microtenant: Option<u64>) -> Result<Approval, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            if id == 0 {
                return Err(ConsoleError::invalid("id", "Approval ids start at 1."));
            }
            console.zpa.get_approval(id, microtenant).await.map_err(|error| {
                if !error.is_not_found() {
                    tracing::warn!(%error, id, "reading an approval failed");
                }
                error.for_user(|| format!("Approval {id}"))
            })
        }
        .await,
    )
}

/// Application segments whose name contains `search`, for the approval form's picker.
#[server(prefix = "/api", endpoint = "search_segments", input = Json)]
pub async fn search_segments(
    search: String,
    microtenant: Option<u64>,
) -> Result<Vec<crate::model::ApplicationSegment>, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            if search.chars().count() > 100 || search.chars().any(char::is_control) {
                return Err(ConsoleError::invalid(
                    "search",
                    "Search with up to 100 plain characters.",
                ));
            }
            console.zpa.list_segments(&search, microtenant).await.map_err(|error| {
                tracing::warn!(%error, "searching application segments failed");
                error.for_user(|| "Application segments".into())
            })
        }
        .await,
    )
}

/// Saves the approval form: creates an approval, or replaces approval `id`. Returns the id.
#[server(prefix = "/api", endpoint = "save_approval", input = Json)]
pub async fn save_approval(
    id: Option<u64>,
    microtenant: Option<u64>,
    draft: crate::model::ApprovalDraft,
) -> Result<u64, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            crate::server::forms::save(&console, id, microtenant, draft).await
        }
        .await,
    )
}
