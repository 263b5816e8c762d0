//! Builds the console's HTTP server: the Leptos pages and server functions, static files, and
//! the built-in emulator when there is no real tenant.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};

use super::config::{Config, LegacyCredentials, Secret, Upstream};
use super::emulator::Emulator;
use super::forms::{self, PostedForm};
use super::state::{ConsoleState, RouterState};
use super::zpa::ZpaClient;
use crate::app::{shell, App};
use crate::model::scoped;

/// Connects to ZPA as configured; in demo mode, first starts the emulator on a loopback port.
pub async fn connect(upstream: &Upstream) -> Result<ConsoleState, String> {
    let (credentials, demo) = match upstream {
        Upstream::Legacy(credentials) => (credentials.clone(), false),
        Upstream::OneApi(credentials) => {
            let zpa = ZpaClient::oneapi(credentials).map_err(|error| error.to_string())?;
            return Ok(ConsoleState { zpa: Arc::new(zpa), demo: false });
        }
        Upstream::Demo => {
            let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
            // ZPA's rate limits hold in the demo too, so the demo meets the console's rate
            // budget as a real tenant would.
            let emulator =
                Emulator::demo().with_rate_limits().spawn(loopback).await.map_err(|error| {
                    format!("the built-in ZPA emulator could not start: {error}")
                })?;
            tracing::warn!(
                emulator = %emulator.base_url,
                "no ZPA credentials are set: serving the demo tenant of the built-in ZPA emulator"
            );
            let credentials = LegacyCredentials {
                base_url: emulator.base_url.clone(),
                client_id: emulator.credentials.client_id.clone(),
                client_secret: Secret::new(emulator.credentials.client_secret.clone()),
                customer_id: emulator.credentials.customer_id,
                microtenant_id: None,
            };
            (credentials, true)
        }
    };
    let zpa = ZpaClient::legacy(&credentials).map_err(|error| error.to_string())?;
    Ok(ConsoleState { zpa: Arc::new(zpa), demo })
}

/// The whole console as one axum router.
pub fn router(leptos_options: LeptosOptions, console: ConsoleState) -> Router {
    let routes = generate_route_list(App);
    let state = RouterState { leptos_options, console: console.clone() };
    let context = move || provide_context(console.clone());
    Router::new()
        .route("/", get(|| async { Redirect::to("/approvals") }))
        .route("/approvals/", get(|| async { Redirect::permanent("/approvals") }))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readiness))
        .route("/approvals/new", post(post_new_form))
        .route("/approvals/{id}/edit", post(post_edit_form))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<RouterState, _>(
            context, shell,
        ))
        .with_state(state)
        .layer(axum::middleware::from_fn(super::reply::status_from_error))
}

/// Whether ZPA can be signed in to and answers. The reason for a "no" is in the log, not
/// here: anyone who can reach the console can ask.
async fn readiness(State(state): State<RouterState>) -> Response {
    if state.console.zpa.is_ready().await {
        (StatusCode::OK, axum::Json(serde_json::json!({ "ready": true }))).into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({ "ready": false })))
            .into_response()
    }
}

async fn post_new_form(state: State<RouterState>, request: Request) -> Response {
    post_form(state, None, request).await
}

async fn post_edit_form(
    state: State<RouterState>,
    Path(id): Path<u64>,
    request: Request,
) -> Response {
    post_form(state, Some(id), request).await
}

/// The approval form posted without JavaScript: saved and redirected to the approval, or
/// rendered again with everything as typed and the errors beside their fields.
async fn post_form(
    State(state): State<RouterState>,
    id: Option<u64>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if super::guard::check_same_origin(&parts.method, &parts.headers).is_err() {
        return (StatusCode::FORBIDDEN, "This form can only be sent from the console's own page.")
            .into_response();
    }
    let Ok(body) = axum::body::to_bytes(body, 256 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is larger than any approval can be.")
            .into_response();
    };
    let draft = forms::draft_from_form(&body);
    let microtenant = parts.uri.query().and_then(|query| {
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == "microtenant")
            .and_then(|(_, value)| value.parse::<u64>().ok())
    });
    match forms::save(&state.console, id, microtenant, draft.clone()).await {
        Ok(saved) => {
            let detail = scoped(&format!("/approvals/{saved}?saved={saved}"), microtenant);
            Redirect::to(&detail).into_response()
        }
        Err(problem) => {
            let posted = PostedForm { draft, problem };
            let console = state.console.clone();
            let options = state.leptos_options.clone();
            let render = leptos_axum::render_app_async_with_context(
                move || {
                    provide_context(console.clone());
                    provide_context(posted.clone());
                },
                move || shell(options.clone()),
            );
            let mut page = Request::from_parts(parts, Body::empty());
            *page.method_mut() = Method::GET;
            render(page).await
        }
    }
}

/// Runs the console until the process is stopped.
pub async fn run(config: Config, leptos_options: LeptosOptions) -> Result<(), String> {
    let console = connect(&config.upstream).await?;
    let app = router(leptos_options, console);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    tracing::info!("console listening on http://{}", config.listen);
    if !config.listen.ip().is_loopback() {
        tracing::warn!(
            address = %config.listen,
            "the console is reachable from other machines, and staff do not sign in to it: \
             serve it behind a proxy that signs staff in, or listen on 127.0.0.1"
        );
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| format!("the server stopped: {error}"))
}
