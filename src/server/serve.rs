//! Builds the console's HTTP server: the Leptos pages and server functions, static files, and
//! the built-in emulator when there is no real tenant.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};

use super::config::{Config, LegacyCredentials, Secret, Upstream};
use super::emulator::Emulator;
use super::state::{ConsoleState, RouterState};
use super::zpa::ZpaClient;
use crate::app::{shell, App};

/// Connects to ZPA as configured; in demo mode, first starts the emulator on a loopback port.
pub async fn connect(upstream: &Upstream) -> Result<ConsoleState, String> {
    let (credentials, demo) = match upstream {
        Upstream::Legacy(credentials) => (credentials.clone(), false),
        Upstream::Demo => {
            let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
            let emulator = Emulator::demo()
                .spawn(loopback)
                .await
                .map_err(|error| format!("the built-in ZPA emulator could not start: {error}"))?;
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
    let zpa = ZpaClient::new(&credentials).map_err(|error| error.to_string())?;
    Ok(ConsoleState { zpa: Arc::new(zpa), demo })
}

/// The whole console as one axum router.
pub fn router(leptos_options: LeptosOptions, console: ConsoleState) -> Router {
    let routes = generate_route_list(App);
    let state = RouterState { leptos_options, console: console.clone() };
    let context = move || provide_context(console.clone());
    Router::new()
        .route("/", get(|| async { Redirect::to("/approvals") }))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<RouterState, _>(
            context, shell,
        ))
        .with_state(state)
}

/// Runs the console until the process is stopped.
pub async fn run(config: Config, leptos_options: LeptosOptions) -> Result<(), String> {
    let console = connect(&config.upstream).await?;
    let app = router(leptos_options, console);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    tracing::info!("console listening on http://{}", config.listen);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| format!("the server stopped: {error}"))
}
