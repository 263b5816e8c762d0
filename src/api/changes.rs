//! Server functions that change approvals: create, replace, extend, revoke, purge.
//!
//! Every one admits its caller, checks its arguments with the same rules the form uses, and
//! only then writes to ZPA. ZPA's refusals that belong to a form field come back as field
//! errors; the rest say what happened and what to do.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::model::{ApprovalRequest, ConsoleError, PurgeOutcome};

/// The lengths the quick-extend buttons add, in hours.
pub const EXTENSIONS_HOURS: [u32; 3] = [1, 4, 24];

/// Creates an approval from a whole request (the form goes through `save_approval`).
#[server(prefix = "/api", endpoint = "create_approval", input = Json)]
pub async fn create_approval(
    request: ApprovalRequest,
    microtenant: Option<u64>,
) -> Result<u64, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            crate::server::forms::store(&console, None, microtenant, &request).await
        }
        .await,
    )
}

/// Replaces approval `id` with a whole request, as ZPA's PUT does.
#[server(prefix = "/api", endpoint = "update_approval", input = Json)]
pub async fn update_approval(
    id: u64,
    request: ApprovalRequest,
    microtenant: Option<u64>,
) -> Result<(), ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            crate::server::forms::store(&console, Some(id), microtenant, &request).await.map(|_| ())
        }
        .await,
    )
}

/// Moves an approval's end later by one of [`EXTENSIONS_HOURS`]; returns the new end. With
/// `return_to` (a path inside the console), the reader is sent there afterwards.
#[server(prefix = "/api", endpoint = "extend_approval")]
pub async fn extend_approval(
    id: u64,
    hours: u32,
    microtenant: Option<u64>,
    return_to: Option<String>,
) -> Result<DateTime<Utc>, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            if !EXTENSIONS_HOURS.contains(&hours) {
                return Err(ConsoleError::invalid("hours", "Extend by 1, 4 or 24 hours."));
            }
            let current = console
                .zpa
                .get_approval(id, microtenant)
                .await
                .map_err(|error| error.for_user(|| format!("Approval {id}")))?;
            let mut request = ApprovalRequest::from_approval(&current);
            // An expired approval grows from now, so the extension is time the user can really use.
            request.end = request.end.max(Utc::now()) + chrono::TimeDelta::hours(i64::from(hours));
            let errors = crate::model::check_request(&request, Utc::now(), Some(&current));
            if let Some(error) = errors.into_iter().next() {
                return Err(ConsoleError::invalid(error.field.label(), error.message));
            }
            let home = microtenant.or(current.microtenant_id);
            console.zpa.replace_approval(id, &request, home).await.map_err(|error| {
                tracing::warn!(%error, id, "extending an approval failed");
                error.for_user(|| format!("Approval {id}"))
            })?;
            tracing::info!(id, hours, "approval extended");
            if let Some(path) = return_to.as_deref().and_then(local_path) {
                let separator = if path.contains('?') { '&' } else { '?' };
                // The new end is in the address too, so a second extension of the same approval
                // is a new address, and the page reads the approval afresh.
                let until = request.end.timestamp();
                leptos_axum::redirect(&format!("{path}{separator}extended={id}&until={until}"));
            }
            Ok(request.end)
        }
        .await,
    )
}

/// Deletes approval `id`; the reader is sent to the list, which says what happened.
#[server(prefix = "/api", endpoint = "revoke_approval")]
pub async fn revoke_approval(id: u64, microtenant: Option<u64>) -> Result<(), ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            console.zpa.delete_approval(id, microtenant).await.map_err(|error| {
                if !error.is_not_found() {
                    tracing::warn!(%error, id, "revoking an approval failed");
                }
                error.for_user(|| format!("Approval {id}"))
            })?;
            tracing::info!(id, "approval revoked");
            leptos_axum::redirect(&crate::model::scoped(
                &format!("/approvals?revoked={id}"),
                microtenant,
            ));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "purge_expired")]
pub async fn purge_expired(microtenant: Option<u64>) -> Result<PurgeOutcome, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            let outcome = console.zpa.delete_expired(microtenant).await.map_err(|error| {
                tracing::warn!(%error, "purging expired approvals failed");
                error.for_user(|| "Expired approvals".into())
            })?;
            tracing::info!(?outcome, "expired approvals purged");
            let purged = if outcome == PurgeOutcome::Purged { "some" } else { "none" };
            leptos_axum::redirect(&crate::model::scoped(
                &format!("/approvals?purged={purged}"),
                microtenant,
            ));
            Ok(outcome)
        }
        .await,
    )
}

/// `path` when it is a path of this console's approval pages, so a form cannot send a reader
/// to another site after saving.
#[cfg(feature = "ssr")]
fn local_path(path: &str) -> Option<&str> {
    let inside = path.starts_with("/approvals")
        && !path.contains("//")
        && path.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    inside.then_some(path)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::local_path;

    #[test]
    fn only_the_consoles_own_pages_are_places_to_return_to() {
        assert_eq!(local_path("/approvals?page=2"), Some("/approvals?page=2"));
        assert_eq!(local_path("/approvals/20001"), Some("/approvals/20001"));
        assert_eq!(local_path("https://elsewhere.example/approvals"), None);
        assert_eq!(local_path("//elsewhere.example"), None);
        assert_eq!(local_path("/approvals//elsewhere.example"), None);
        assert_eq!(local_path("/api/purge_expired"), None);
        assert_eq!(local_path("/approvals\r\nSet-Cookie: x=1"), None);
        assert_eq!(local_path("/approvals\\evil"), None);
    }
}
