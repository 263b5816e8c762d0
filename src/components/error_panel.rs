//! What a page shows when it could not get its data, and the HTTP status it is served with.

use leptos::prelude::*;

use crate::components::scoped_href;
use crate::model::ConsoleError;

/// Serves the page being rendered with `error`'s HTTP status (and `Retry-After` when ZPA gave
/// a wait), so scripts and monitors see the failure too. Does nothing in the browser.
pub fn set_http_status(error: &ConsoleError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = http::StatusCode::from_u16(error.http_status())
            .unwrap_or(http::StatusCode::BAD_GATEWAY);
        response.set_status(status);
        if let ConsoleError::RateLimited { retry_after_secs: Some(seconds) }
        | ConsoleError::Busy { retry_after_secs: Some(seconds) } = error
        {
            response.insert_header(http::header::RETRY_AFTER, (*seconds).into());
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// A failed load: what happened, what to do, and a link that tries again.
#[component]
pub fn ErrorPanel(error: ConsoleError, retry_href: String) -> impl IntoView {
    set_http_status(&error);
    view! {
        <section class="error-panel" role="alert">
            <h2>{error.headline()}</h2>
            <p>{error.advice()}</p>
            <p>
                // A full load: the router would treat a link to the same view as already shown.
                <a class="button" href=retry_href rel="external">"Retry"</a>
                " "
                <a href=scoped_href("/approvals")>"Back to all approvals"</a>
            </p>
        </section>
    }
}
