//! A console on a loopback port in front of the built-in emulator, for tests that speak to it
//! over real HTTP the way a browser would.
#![allow(dead_code)]

use std::net::SocketAddr;

use leptos::config::LeptosOptions;
use serde_json::json;
use zpa_approvals::model::{ApprovalPage, ListQuery};
use zpa_approvals::server::config::{LegacyCredentials, Secret, Upstream};
use zpa_approvals::server::emulator::{Emulator, EmulatorCredentials};
use zpa_approvals::server::serve;
use zpa_approvals::server::state::ConsoleState;

/// The API secret every test console signs in with; no reply may ever carry it.
pub const SECRET: &str = "server-function-test-secret-5c1d";

pub struct Console {
    pub base: String,
    pub state: ConsoleState,
    pub http: reqwest::Client,
}

pub fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder().output_name("zpa-approvals").site_root("target/site").build()
}

/// A console wired to `base_url` as if configured with ZPA API keys.
pub async fn console_against(base_url: String, customer_id: u64) -> Console {
    let credentials = LegacyCredentials {
        base_url,
        client_id: "console-tests".into(),
        client_secret: Secret::new(SECRET),
        customer_id,
        microtenant_id: None,
    };
    console_with(&Upstream::Legacy(credentials)).await
}

/// A console connected to ZPA as `upstream` says, serving on a loopback port.
pub async fn console_with(upstream: &Upstream) -> Console {
    let state = serve::connect(upstream).await.unwrap();
    let app = serve::router(leptos_options(), state.clone());
    let listener = tokio::net::TcpListener::bind(loopback()).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    Console { base, state, http }
}

pub const DEMO_CUSTOMER: u64 = 216196257331281920;

/// A console in front of the seeded demo tenant.
pub async fn demo_console() -> Console {
    demo_console_with_emulator().await.0
}

/// A console in front of the seeded demo tenant, with a handle on its emulator to inject
/// faults and count what reached it.
pub async fn demo_console_with_emulator() -> (Console, Emulator) {
    let credentials = EmulatorCredentials {
        client_id: "console-tests".into(),
        client_secret: SECRET.into(),
        customer_id: DEMO_CUSTOMER,
        public_key_pem: None,
    };
    let emulator = Emulator::seeded(credentials);
    let running = emulator.clone().spawn(loopback()).await.unwrap();
    (console_against(running.base_url, DEMO_CUSTOMER).await, emulator)
}

impl Console {
    pub async fn call(&self, function: &str, args: serde_json::Value) -> (u16, String) {
        let response = self
            .http
            .post(format!("{}/api/{function}", self.base))
            .header("content-type", "application/json")
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin")
            .json(&args)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_no_secret(&body);
        (status, body)
    }

    /// Calls a server function the way an HTML form does, with urlencoded fields.
    pub async fn submit(&self, function: &str, fields: &[(&str, String)]) -> (u16, String) {
        let response = self
            .http
            .post(format!("{}/api/{function}", self.base))
            .header("origin", &self.base)
            .header("accept", "application/json")
            .form(fields)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_no_secret(&body);
        (status, body)
    }

    pub async fn list(&self, query: ListQuery) -> ApprovalPage {
        let (status, body) = self.call("list_approvals", json!({ "query": query })).await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).unwrap()
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_no_secret(&body);
        (status, body)
    }
}

/// No reply may carry the API secret or anything shaped like a bearer token (a JWT).
pub fn assert_no_secret(body: &str) {
    assert!(!body.contains(SECRET), "the client secret leaked into a reply");
    assert!(!body.contains("eyJ"), "a token-shaped value leaked into a reply");
}

pub fn first_page() -> ListQuery {
    ListQuery { page: 1, ..Default::default() }
}
