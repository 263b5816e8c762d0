//! ZPA's rate limits: 20 GETs and 10 writes per window, per caller, sign-in not counted.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use zpa_approvals::server::emulator::Emulator;

use crate::shapes::fixture;
use crate::{approval_body, credentials, sign_in, Answer, Zpa, JUMP_HOSTS};

const TOO_MANY: &str = r#"{"exception":"invalid.toomanyrequests","id":"invalid.toomanyrequests","reason":"Exceeded the number of requests allowed."}"#;

/// The seconds of a `retry-after: Ns` header.
fn retry_after_seconds(answer: &Answer) -> u64 {
    let value = answer.headers["retry-after"].to_str().unwrap();
    let seconds = value.strip_suffix('s').unwrap_or_else(|| panic!("no s suffix: {value}"));
    seconds.parse().unwrap()
}

fn assert_throttled(answer: &Answer) {
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{}", answer.text);
    assert_eq!(answer.text, TOO_MANY);
    assert_eq!(answer.json, fixture("error-too-many-requests.json"));
}

#[tokio::test]
async fn the_twenty_first_get_in_ten_seconds_gets_429_with_retry_after_in_seconds() {
    let zpa = Zpa::start(Emulator::seeded(credentials()).with_rate_limits()).await;
    for call in 1..=20 {
        assert_eq!(zpa.get("/approval").await.status, StatusCode::OK, "GET number {call}");
    }

    let refused = zpa.get("/application").await;
    assert_throttled(&refused);
    assert!((1..=10).contains(&retry_after_seconds(&refused)), "{:?}", refused.headers);

    // Sign-in is not counted, and writes have a window of their own.
    assert_eq!(sign_in(&zpa.http, &zpa.running).await["token_type"], "Bearer");
    let created = zpa.create(&approval_body("a@example.com", &[JUMP_HOSTS])).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
}

#[tokio::test]
async fn the_eleventh_write_is_refused_until_the_window_ends() {
    let window = Duration::from_millis(1_500);
    let zpa = Zpa::start(Emulator::empty(credentials()).with_rate_limits_per(window)).await;
    for call in 1..=10 {
        let created = zpa.create(&approval_body("w@example.com", &[JUMP_HOSTS])).await;
        assert_eq!(created.status, StatusCode::CREATED, "write number {call}: {}", created.text);
    }

    let refused = zpa.call(Method::DELETE, "/approval/expired", None).await;
    assert_throttled(&refused);
    assert_eq!(retry_after_seconds(&refused), 2, "1.5 s rounded up");
    assert_eq!(zpa.all_approvals(&[]).await.len(), 10, "the refused write changed nothing");

    tokio::time::sleep(window).await;
    let created = zpa.create(&approval_body("w@example.com", &[JUMP_HOSTS])).await;
    assert_eq!(created.status, StatusCode::CREATED, "a new window admits writes again");
}

#[tokio::test]
async fn without_rate_limits_nothing_is_throttled() {
    let zpa = Zpa::seeded().await;
    for _ in 0..30 {
        assert_eq!(zpa.get("/approval").await.status, StatusCode::OK);
    }
}
