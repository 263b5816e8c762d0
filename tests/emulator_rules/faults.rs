//! Faults switched on per test, what a client sees of each, and the log of what was received.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;
use zpa_approvals::server::emulator::{Emulator, Fault, Matching, ReceivedRequest};

use crate::shapes::fixture;
use crate::{answer, approval_body, assert_error, credentials, Zpa, JUMP_HOSTS};

fn matching(text: &str) -> Matching {
    text.parse().unwrap()
}

fn body() -> serde_json::Value {
    approval_body("fault@example.com", &[JUMP_HOSTS])
}

/// Sends a create and returns the transport error a client gets when no reply comes.
async fn create_without_reply(zpa: &Zpa) -> reqwest::Error {
    let request = zpa.http.post(zpa.url("/approval")).bearer_auth(&zpa.token).json(&body());
    match request.send().await {
        Ok(response) => panic!("expected no reply, got {}", response.status()),
        Err(error) => error,
    }
}

#[tokio::test]
async fn a_delay_holds_the_request_then_answers_normally() {
    let zpa = Zpa::seeded().await;
    zpa.emulator.inject(Fault::Delay(Duration::from_millis(400)), matching("GET /approval"), 1);

    let started = Instant::now();
    assert_eq!(zpa.get("/approval").await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(400), "{:?}", started.elapsed());

    let started = Instant::now();
    assert_eq!(zpa.get("/approval").await.status, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(400), "the delay was used up");
}

#[tokio::test]
async fn unavailable_and_too_many_requests_answer_with_their_fixtures_and_retry_after() {
    let zpa = Zpa::seeded().await;
    zpa.emulator.inject(Fault::unavailable(), Matching::any(), 1);
    zpa.emulator.inject(Fault::too_many_requests("4s"), Matching::any(), 1);
    zpa.emulator.inject(Fault::too_many_requests("7"), Matching::any(), 1);

    let unavailable = zpa.get("/approval").await;
    assert_eq!(unavailable.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(unavailable.json, fixture("error-retryable-server.json"));
    assert_eq!(unavailable.headers["retry-after"], "10s");

    let throttled = zpa.get("/approval").await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.json, fixture("error-too-many-requests.json"));
    assert_eq!(throttled.headers["retry-after"], "4s");
    assert_eq!(zpa.get("/approval").await.headers["retry-after"], "7");

    assert_eq!(zpa.get("/approval").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_concurrent_access_refusal_changes_nothing_and_is_used_up_after_its_count() {
    let zpa = Zpa::empty().await;
    zpa.emulator.inject(Fault::ConcurrentAccess, matching("POST /approval"), 2);

    for _ in 0..2 {
        let refused = zpa.create(&body()).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert_eq!(refused.json, fixture("error-concurrent-access.json"));
    }
    assert!(zpa.all_approvals(&[]).await.is_empty(), "a refused create must not be stored");
    assert_eq!(zpa.create(&body()).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn any_zpa_error_can_refuse_a_create() {
    let zpa = Zpa::empty().await;
    let reason = "The start time must be at most an hour in the past.";
    let fault = Fault::error(StatusCode::BAD_REQUEST, "approval.starttime.in.past", reason);
    zpa.emulator.inject(fault, matching("POST /approval"), 1);

    let refused = zpa.create(&body()).await;
    assert_error(&refused, StatusCode::BAD_REQUEST, "approval.starttime.in.past");
    assert_eq!(refused.json, json!({ "id": "approval.starttime.in.past", "reason": reason }));
    assert!(zpa.all_approvals(&[]).await.is_empty());
}

#[tokio::test]
async fn a_connection_dropped_before_acting_leaves_no_approval() {
    let zpa = Zpa::empty().await;
    zpa.emulator.inject(Fault::DropBeforeActing, matching("POST /approval"), 1);

    let error = create_without_reply(&zpa).await;
    assert!(!error.is_timeout() && !error.is_status(), "{error:?}");
    assert!(zpa.all_approvals(&[]).await.is_empty());
    assert_eq!(zpa.emulator.count_requests(&matching("POST /approval")), 1, "sent once");
    let create = matching("POST /approval");
    let requests = zpa.emulator.requests();
    let create = requests.iter().find(|r| create.matches(&r.method, &r.path)).unwrap();
    assert_eq!(create.status, None, "the client was sent nothing");
}

#[tokio::test]
async fn a_connection_dropped_after_acting_leaves_exactly_one_approval() {
    let zpa = Zpa::empty().await;
    zpa.emulator.inject(Fault::DropAfterActing, matching("POST /approval"), 1);

    create_without_reply(&zpa).await;
    let stored = zpa.all_approvals(&[]).await;
    assert_eq!(stored.len(), 1, "the write happened although no reply came");
    assert_eq!(stored[0]["emailIds"], json!(["fault@example.com"]));
}

#[tokio::test]
async fn a_late_reply_arrives_after_the_client_gave_up_but_the_write_happened() {
    let zpa = Zpa::empty().await;
    zpa.emulator.inject(Fault::ReplyLate(Duration::from_secs(3)), matching("POST /approval"), 1);

    let request = zpa
        .http
        .post(zpa.url("/approval"))
        .bearer_auth(&zpa.token)
        .timeout(Duration::from_millis(500))
        .json(&body());
    let error = request.send().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(zpa.all_approvals(&[]).await.len(), 1);
}

#[tokio::test]
async fn the_request_log_holds_each_request_and_what_the_client_was_sent() {
    let zpa = Zpa::empty().await;
    zpa.emulator.inject(Fault::unavailable(), matching("GET /approval/{id}"), 1);
    zpa.get("/approval/20472").await;
    zpa.get("/approval/20472").await;

    let customer = credentials().customer_id;
    let path = format!("/mgmtconfig/v1/admin/customers/{customer}/approval/20472");
    let seen: Vec<ReceivedRequest> = zpa.emulator.requests();
    let expected = [
        ReceivedRequest {
            method: Method::POST,
            path: "/signin".into(),
            status: Some(StatusCode::OK),
        },
        ReceivedRequest {
            method: Method::GET,
            path: path.clone(),
            status: Some(StatusCode::SERVICE_UNAVAILABLE),
        },
        ReceivedRequest { method: Method::GET, path, status: Some(StatusCode::NOT_FOUND) },
    ];
    assert_eq!(seen, expected);
    assert_eq!(zpa.emulator.count_requests(&matching("GET /approval/{id}")), 2);
}

#[tokio::test]
async fn expired_tokens_are_refused_and_a_new_sign_in_works() {
    let zpa = Zpa::seeded().await;
    zpa.emulator.expire_tokens();
    assert_error(&zpa.get("/approval").await, StatusCode::UNAUTHORIZED, "access.denied");

    let token = crate::sign_in(&zpa.http, &zpa.running).await["access_token"].clone();
    let url = zpa.url("/approval");
    let fresh = zpa.http.get(url).bearer_auth(token.as_str().unwrap()).send().await.unwrap();
    assert_eq!(fresh.status(), StatusCode::OK);
}

#[tokio::test]
async fn fault_control_over_http_is_served_only_when_switched_on() {
    let rules = json!({ "rules": [
        { "match": "POST /approval", "times": 1, "fault": "error", "status": 400,
          "id": "approval.starttime.in.past", "reason": "Too early." },
        { "match": "GET /approval", "fault": "unavailable", "retryAfter": "3s" }
    ]});

    let plain = Zpa::empty().await;
    let control = format!("{}/emulator/faults", plain.running.base_url);
    let refused = answer(plain.http.post(&control).json(&rules).send().await.unwrap()).await;
    assert_error(&refused, StatusCode::NOT_FOUND, "resource.not.found");
    assert_eq!(plain.create(&body()).await.status, StatusCode::CREATED, "no fault was set");

    let zpa = Zpa::start(Emulator::empty(credentials()).with_fault_control()).await;
    let control = format!("{}/emulator/faults", zpa.running.base_url);
    let set = zpa.http.post(&control).json(&rules).send().await.unwrap();
    assert_eq!(set.status(), StatusCode::NO_CONTENT);
    assert_error(&zpa.create(&body()).await, StatusCode::BAD_REQUEST, "approval.starttime.in.past");

    let cleared = zpa.http.delete(&control).send().await.unwrap();
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    assert_eq!(zpa.get("/approval").await.status, StatusCode::OK, "the 503 rule was cleared");

    let bad = json!({ "rules": [{ "match": "GET approval", "fault": "drop_before_acting" }] });
    let bad = answer(zpa.http.post(&control).json(&bad).send().await.unwrap()).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "bad.request");
    let unknown = json!({ "rules": [{ "fault": "explode" }] });
    let unknown = answer(zpa.http.post(&control).json(&unknown).send().await.unwrap()).await;
    assert_error(&unknown, StatusCode::BAD_REQUEST, "bad.request");

    let expire = json!({ "expireTokens": true });
    assert_eq!(zpa.http.post(&control).json(&expire).send().await.unwrap().status(), 204);
    assert_error(&zpa.get("/approval").await, StatusCode::UNAUTHORIZED, "access.denied");
    assert!(
        zpa.emulator.requests().iter().all(|request| !request.path.starts_with("/emulator")),
        "control calls stay out of the request log"
    );
}
