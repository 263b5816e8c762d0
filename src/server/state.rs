//! The state every request handler and server function shares.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::zpa::ZpaClient;

/// What the console's server functions need: the one ZPA client, and whether it is a demo.
#[derive(Clone)]
pub struct ConsoleState {
    pub zpa: Arc<ZpaClient>,
    pub demo: bool,
}

/// The axum router's state: Leptos's options plus the console's own.
#[derive(Clone, FromRef)]
pub struct RouterState {
    pub leptos_options: LeptosOptions,
    pub console: ConsoleState,
}
