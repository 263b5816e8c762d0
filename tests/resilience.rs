//! The console's connection to ZPA under the conditions of production: both sign-in flows,
//! ZPA's rate limits, outages, lost answers and expiring tokens, each made real by the
//! emulator over HTTP.
#![cfg(feature = "ssr")]

mod support;

use std::sync::OnceLock;

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::RsaPrivateKey;
use serde_json::json;
use support::{console_against, console_with, loopback, Console, DEMO_CUSTOMER, SECRET};
use zpa_approvals::model::{ApprovalRequest, ConsoleError};
use zpa_approvals::server::config::{ClientProof, OneApiCredentials, Secret, Upstream};
use zpa_approvals::server::emulator::{Emulator, EmulatorCredentials, Fault, Matching};

const JUMP_HOSTS: u64 = 289_370_814_522_851_383;

fn client_key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap())
}

fn emulator() -> Emulator {
    let public_key_pem = client_key().to_public_key().to_public_key_pem(LineEnding::LF).unwrap();
    Emulator::seeded(EmulatorCredentials {
        client_id: "console-tests".into(),
        client_secret: SECRET.into(),
        customer_id: DEMO_CUSTOMER,
        public_key_pem: Some(public_key_pem),
    })
}

/// A console with legacy API keys in front of `emulator`.
async fn legacy_console(emulator: &Emulator) -> Console {
    let running = emulator.clone().spawn(loopback()).await.unwrap();
    console_against(running.base_url, DEMO_CUSTOMER).await
}

/// A console signing in through OneAPI, pointed at `emulator` with the base URL override.
async fn oneapi_console(emulator: &Emulator, proof: ClientProof) -> Console {
    let running = emulator.clone().spawn(loopback()).await.unwrap();
    let credentials = OneApiCredentials {
        token_url: format!("{}/oauth2/v1/token", running.base_url),
        api_base: format!("{}/zpa", running.base_url),
        client_id: "console-tests".into(),
        proof,
        customer_id: DEMO_CUSTOMER,
        microtenant_id: None,
    };
    console_with(&Upstream::OneApi(credentials)).await
}

fn matching(pattern: &str) -> Matching {
    pattern.parse().unwrap()
}

fn request_for(email: &str) -> ApprovalRequest {
    let start = DateTime::from_timestamp(Utc::now().timestamp() / 60 * 60, 0).unwrap();
    ApprovalRequest {
        email: email.into(),
        segment_ids: vec![JUMP_HOSTS],
        start,
        end: start + TimeDelta::hours(4),
        working_hours: None,
    }
}

async fn create(console: &Console, request: &ApprovalRequest) -> Result<u64, ConsoleError> {
    let (status, body) =
        console.call("create_approval", json!({ "request": request, "microtenant": null })).await;
    if status == 200 {
        Ok(serde_json::from_str(&body).unwrap())
    } else {
        Err(serde_json::from_str(&body).unwrap())
    }
}

/// How many approvals the list finds for `email`.
async fn approvals_for(console: &Console, email: &str) -> usize {
    let query = zpa_approvals::model::ListQuery { search: email.into(), ..support::first_page() };
    console.list(query).await.approvals.len()
}

fn count_status(emulator: &Emulator, status: StatusCode) -> usize {
    emulator.requests().iter().filter(|request| request.status == Some(status)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oneapi_with_a_client_secret_signs_in_and_reads() {
    let emulator = emulator();
    let console = oneapi_console(&emulator, ClientProof::Secret(Secret::new(SECRET))).await;
    let (status, html) = console.page("/approvals").await;
    assert_eq!(status, 200);
    assert!(html.contains("Showing 1–20 of"));
    assert_eq!(emulator.count_requests(&matching("POST /oauth2/v1/token")), 1);
    assert!(emulator.requests().iter().any(|request| request.path.starts_with("/zpa/")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oneapi_with_a_private_key_signs_in_with_an_assertion() {
    let emulator = emulator();
    let pem = client_key().to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let console = oneapi_console(&emulator, ClientProof::PrivateKey(Secret::new(pem))).await;
    let (status, html) = console.page("/approvals").await;
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("PRIVATE KEY"));

    let wrong = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let wrong = wrong.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let refused = oneapi_console(&emulator, ClientProof::PrivateKey(Secret::new(wrong))).await;
    let (status, html) = refused.page("/approvals").await;
    assert_eq!(status, 502);
    assert!(
        html.contains("ZPA refused the console&#x27;s API credentials")
            || html.contains("ZPA refused the console's API credentials")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_renewed_once_and_the_reader_never_knows() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    assert_eq!(console.page("/approvals").await.0, 200);
    emulator.expire_tokens();
    assert_eq!(console.page("/approvals?page=2").await.0, 200);
    assert_eq!(console.state.zpa.sign_in_count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_views_by_twenty_readers_cost_a_few_calls_and_no_429() {
    let emulator = emulator().with_rate_limits();
    let console = legacy_console(&emulator).await;
    let views = (0..100).map(|n| {
        let (http, base) = (console.http.clone(), console.base.clone());
        async move {
            let path = format!("/approvals?page={}", n % 4 + 1);
            http.get(format!("{base}{path}")).send().await.unwrap().status()
        }
    });
    let statuses = run_at_most(20, views).await;
    assert!(statuses.iter().all(|status| *status == StatusCode::OK), "{statuses:?}");
    assert_eq!(count_status(&emulator, StatusCode::TOO_MANY_REQUESTS), 0);
    let reads = emulator.count_requests(&matching("GET /approval"));
    assert!(reads <= 8, "{reads} list reads reached ZPA for 4 distinct views");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_distinct_reads_than_the_budget_queue_instead_of_tripping_zpa() {
    let emulator = emulator().with_rate_limits();
    let console = legacy_console(&emulator).await;
    // 32 different views at once: more than ZPA's 20 reads in 10 seconds.
    let views = (0..32).map(|n| {
        let (http, base) = (console.http.clone(), console.base.clone());
        async move {
            let sort = ["startTime", "endTime", "creationTime", "id"][n % 4];
            let path = format!("/approvals?page={}&sort={sort}", n / 4 + 1);
            http.get(format!("{base}{path}")).send().await.unwrap().status()
        }
    });
    let started = std::time::Instant::now();
    let statuses = run_at_most(32, views).await;
    assert!(statuses.iter().all(|status| *status == StatusCode::OK), "{statuses:?}");
    assert_eq!(count_status(&emulator, StatusCode::TOO_MANY_REQUESTS), 0);
    assert!(started.elapsed() >= std::time::Duration::from_secs(9), "the budget made some wait");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_wait_out_a_busy_zpa_and_then_answer() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    emulator.inject(Fault::Unavailable { retry_after: "1s".into() }, matching("GET /approval"), 1);
    emulator.inject(Fault::too_many_requests("1"), matching("GET /approval"), 1);
    let (status, _) = console.page("/approvals").await;
    assert_eq!(status, 200);
    assert_eq!(emulator.count_requests(&matching("GET /approval")), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zpa_busy_for_longer_than_a_reader_can_wait_says_when_to_come_back() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    emulator.inject(Fault::Unavailable { retry_after: "30s".into() }, matching("GET /approval"), 5);
    let started = std::time::Instant::now();
    let (status, html) = console.page("/approvals").await;
    assert_eq!(status, 503);
    assert!(html.contains("ZPA is busy."), "{html}");
    assert!(html.contains("Try again in 30 seconds."));
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "no spinner forever");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_zpa_made_but_never_confirmed_is_found_not_sent_again() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    emulator.inject(Fault::DropAfterActing, matching("POST /approval"), 1);
    let id = create(&console, &request_for("dropped.after@example.com")).await.unwrap();
    assert!(id > 0);
    assert_eq!(emulator.count_requests(&matching("POST /approval")), 1);
    assert_eq!(approvals_for(&console, "dropped.after@example.com").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_zpa_never_made_is_reported_as_not_saved() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    emulator.inject(Fault::DropBeforeActing, matching("POST /approval"), 1);
    let error = create(&console, &request_for("dropped.before@example.com")).await.unwrap_err();
    assert_eq!(error, ConsoleError::NotSaved { what: "the new approval".into() });
    assert!(error.advice().contains("Try again"));
    assert_eq!(emulator.count_requests(&matching("POST /approval")), 1);
    assert_eq!(approvals_for(&console, "dropped.before@example.com").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_zpa_refused_outright_are_repeated_and_made_once() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    emulator.inject(Fault::too_many_requests("1s"), matching("POST /approval"), 1);
    emulator.inject(Fault::ConcurrentAccess, matching("POST /approval"), 2);
    create(&console, &request_for("retried@example.com")).await.unwrap();
    assert_eq!(emulator.count_requests(&matching("POST /approval")), 4);
    assert_eq!(approvals_for(&console, "retried@example.com").await, 1);

    // Concurrent changes are tried a bounded number of times.
    emulator.inject(Fault::ConcurrentAccess, matching("POST /approval"), 10);
    let error = create(&console, &request_for("contended@example.com")).await.unwrap_err();
    assert!(matches!(error, ConsoleError::Rejected { .. }), "{error:?}");
    assert_eq!(emulator.count_requests(&matching("POST /approval")), 8);
    emulator.clear_faults();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readers_own_change_is_never_hidden_by_a_remembered_read() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    assert_eq!(approvals_for(&console, "fresh.eyes@example.com").await, 0);
    create(&console, &request_for("fresh.eyes@example.com")).await.unwrap();
    assert_eq!(approvals_for(&console, "fresh.eyes@example.com").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_says_the_process_is_up_and_readiness_says_whether_zpa_answers() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    let health = console.http.get(format!("{}/healthz", console.base)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = console.http.get(format!("{}/readyz", console.base)).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), r#"{"ready":true}"#);

    let closed = tokio::net::TcpListener::bind(loopback()).await.unwrap().local_addr().unwrap();
    let cut_off = console_against(format!("http://{closed}"), DEMO_CUSTOMER).await;
    let ready = cut_off.http.get(format!("{}/readyz", cut_off.base)).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    assert_eq!(
        ready.text().await.unwrap(),
        r#"{"ready":false}"#,
        "no detail for anonymous callers"
    );
}

/// Runs `tasks` with at most `limit` in flight, and returns their results in order.
async fn run_at_most<F: std::future::Future<Output = StatusCode> + Send + 'static>(
    limit: usize,
    tasks: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(limit));
    let handles: Vec<_> = tasks
        .map(|task| {
            let gate = gate.clone();
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.unwrap();
                task.await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_sign_in_serves_a_crowd_and_is_renewed_before_zpa_refuses_it() {
    let emulator = emulator().with_token_lifetime(std::time::Duration::from_secs(3));
    let console = legacy_console(&emulator).await;
    let views = (0..20).map(|n| {
        let (http, base) = (console.http.clone(), console.base.clone());
        async move {
            let path = format!("/approvals?page={}", n % 5 + 1);
            http.get(format!("{base}{path}")).send().await.unwrap().status()
        }
    });
    let statuses = run_at_most(20, views).await;
    assert!(statuses.iter().all(|status| *status == StatusCode::OK), "{statuses:?}");
    assert_eq!(console.state.zpa.sign_in_count(), 1, "twenty readers at once, one sign-in");

    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(console.page("/approvals?page=6").await.0, 200);
    assert_eq!(console.state.zpa.sign_in_count(), 2);
    assert_eq!(count_status(&emulator, StatusCode::UNAUTHORIZED), 0, "renewed before it expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_answered_after_the_console_gave_up_is_checked_and_reported_saved() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    let mut request = request_for("late.answer@example.com");
    let id = create(&console, &request).await.unwrap();
    request.end += TimeDelta::hours(2);
    let late = Fault::ReplyLate(std::time::Duration::from_secs(20));
    emulator.inject(late, matching("PUT /approval/{id}"), 1);
    let args = json!({ "id": id, "request": request, "microtenant": null });
    let (status, body) = console.call("update_approval", args).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(emulator.count_requests(&matching("PUT /approval/{id}")), 1, "sent once");
    let (_, page) = console.page(&format!("/approvals/{id}")).await;
    assert!(page.contains("6 hours"), "the longer window is what ZPA holds");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_zpa_is_too_slow_to_answer_is_tried_again() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    let slow = Fault::Delay(std::time::Duration::from_secs(12));
    emulator.inject(slow, matching("GET /approval/{id}"), 1);
    let (status, _) = console.page("/approvals/20001").await;
    assert_eq!(status, 200);
    assert_eq!(emulator.count_requests(&matching("GET /approval/{id}")), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_zpa_will_not_show_microtenants_to_still_gets_every_page_for_one_call() {
    let emulator = emulator();
    let console = legacy_console(&emulator).await;
    let refused = Fault::error(StatusCode::FORBIDDEN, "access.denied", "Access denied");
    emulator.inject(refused, matching("GET /microtenants"), 1);
    for page in 1..=3 {
        let (status, html) = console.page(&format!("/approvals?page={page}")).await;
        assert_eq!(status, 200);
        assert!(html.contains(">All microtenants</option>"), "the selector still shows");
    }
    assert_eq!(emulator.count_requests(&matching("GET /microtenants")), 1, "asked once");
}
