//! What the approval form starts from: a fresh draft, the approval being edited, or a posted
//! form that came back with errors.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::model::{ApplicationSegment, ApprovalDraft, ConsoleError};

/// Everything the form needs to render, in one reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormStart {
    pub draft: ApprovalDraft,
    /// The tenant's segments, to pick from and to name the chosen ones.
    pub segments: Vec<ApplicationSegment>,
    /// Why the last save failed, when the form comes back after a post without JavaScript.
    pub problem: Option<ConsoleError>,
    /// True for an active approval, whose start ZPA does not allow to change.
    pub start_locked: bool,
    /// The zone names the pickers offer.
    pub zones: Vec<String>,
    /// The microtenant the approval lives in (or, for a new one, will): its segments are the
    /// ones offered. `0` is the Default microtenant.
    pub home_microtenant: u64,
    /// True when the reader's zone was not known yet, so the form's zones are UTC until the
    /// browser says which zone it is in.
    pub zone_guessed: bool,
}

#[server(prefix = "/api", endpoint = "start_form", input = Json)]
pub async fn start_form(
    id: Option<u64>,
    microtenant: Option<u64>,
    email: Option<String>,
) -> Result<FormStart, ConsoleError> {
    crate::server::reply::with_status(
        async move {
            let console = crate::server::guard::admit()?;
            crate::server::forms::start(&console, id, microtenant, email).await
        }
        .await,
    )
}
