//! What the server's log says about its calls to ZPA: one line per exchange, with what an
//! operator needs to match it to ZPA's records, and never a secret, a token or a user's email.
#![cfg(feature = "ssr")]

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use support::{console_with, loopback, DEMO_CUSTOMER, SECRET};
use zpa_approvals::server::config::{ClientProof, OneApiCredentials, Secret, Upstream};
use zpa_approvals::server::emulator::{Emulator, EmulatorCredentials, Fault};

/// Everything logged by the process, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_exchange_is_logged_once_with_its_request_id_and_nothing_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace,hyper=warn,hyper_util=warn,reqwest=warn,h2=warn")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let emulator = Emulator::seeded(EmulatorCredentials {
        client_id: "console-tests".into(),
        client_secret: SECRET.into(),
        customer_id: DEMO_CUSTOMER,
        public_key_pem: None,
    });
    let running = emulator.clone().spawn(loopback()).await.unwrap();
    let console = console_with(&Upstream::OneApi(OneApiCredentials {
        token_url: format!("{}/oauth2/v1/token", running.base_url),
        api_base: format!("{}/zpa", running.base_url),
        client_id: "console-tests".into(),
        proof: ClientProof::Secret(Secret::new(SECRET)),
        customer_id: DEMO_CUSTOMER,
        microtenant_id: None,
    }))
    .await;

    let email = "private.person@example.com";
    let (status, _) = console.page(&format!("/approvals?q={email}")).await;
    assert_eq!(status, 200);
    let retry_after = Fault::Unavailable { retry_after: "1s".into() };
    emulator.inject(retry_after, "GET /approval".parse().unwrap(), 1);
    let (status, _) = console.page("/approvals?page=2").await;
    assert_eq!(status, 200);

    let log = captured.text();
    let calls: Vec<&str> = log.lines().filter(|line| line.contains("upstream call")).collect();
    let token_calls: Vec<&&str> =
        calls.iter().filter(|line| line.contains("/oauth2/v1/token")).collect();
    assert_eq!(token_calls.len(), 1, "one sign-in, logged once:\n{log}");
    let list_calls: Vec<&&str> = calls
        .iter()
        .filter(|line| line.contains("path=\"/approval\"") || line.contains("path=/approval "))
        .collect();
    assert_eq!(list_calls.len(), 3, "two views, one of them retried once:\n{log}");
    let busy = list_calls.iter().find(|line| line.contains("status=503")).expect("the 503");
    assert!(busy.contains("attempt=1"), "{busy}");
    let retried = list_calls.iter().filter(|line| line.contains("attempt=2")).count();
    assert_eq!(retried, 1, "{log}");
    for line in &calls {
        for field in ["method=", "status=", "duration_ms=", "attempt=", "request_id="] {
            assert!(line.contains(field), "{field} missing from: {line}");
        }
        assert!(!line.contains("request_id=\"-\"") && !line.contains("request_id=-"), "{line}");
    }
    assert_eq!(
        emulator
            .requests()
            .iter()
            .filter(|r| r.status == Some(StatusCode::SERVICE_UNAVAILABLE))
            .count(),
        1
    );

    assert!(!log.contains(SECRET), "the client secret was logged");
    assert!(!log.contains("eyJ"), "a token was logged");
    assert!(!log.to_lowercase().contains("bearer "), "an authorization header was logged");
    assert!(!log.contains(email), "a user's email was logged");
}
