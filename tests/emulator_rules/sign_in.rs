//! Sign-in, tokens and the bearer check.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::StatusCode;
use zpa_approvals::server::emulator::{Emulator, EmulatorCredentials};

use crate::{answer, assert_error, credentials, http, now, sign_in, Zpa};

#[tokio::test]
async fn sign_in_returns_a_bearer_jwt_with_a_string_lifetime() {
    let zpa = Zpa::seeded().await;
    let reply = sign_in(&zpa.http, &zpa.running).await;

    assert_eq!(reply["token_type"], "Bearer");
    assert_eq!(reply["expires_in"], "3600");
    let token = reply["access_token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    for claim in ["sub", "iss"] {
        assert!(claims[claim].is_string(), "{claims}");
    }
    let (iat, exp) = (claims["iat"].as_i64().unwrap(), claims["exp"].as_i64().unwrap());
    assert!((iat - now()).abs() < 5);
    assert_eq!(exp - iat, 3600);
    assert_ne!(token, zpa.token, "two sign-ins must not share a token");
}

#[tokio::test]
async fn a_wrong_secret_is_refused_with_access_denied() {
    let zpa = Zpa::seeded().await;
    let url = format!("{}/signin", zpa.running.base_url);
    let wrong = [("client_id", "console-tests"), ("client_secret", "s3cret-for-tests-onlY")];
    let refused = answer(zpa.http.post(&url).form(&wrong).send().await.unwrap()).await;
    assert_error(&refused, StatusCode::UNAUTHORIZED, "access.denied");
    assert_eq!(refused.text, r#"{"id":"access.denied","reason":"Access denied"}"#);

    let unknown_client =
        [("client_id", "someone-else"), ("client_secret", "s3cret-for-tests-only")];
    let refused = answer(zpa.http.post(&url).form(&unknown_client).send().await.unwrap()).await;
    assert_error(&refused, StatusCode::UNAUTHORIZED, "access.denied");
    let empty = answer(zpa.http.post(&url).send().await.unwrap()).await;
    assert_error(&empty, StatusCode::UNAUTHORIZED, "access.denied");
}

#[tokio::test]
async fn api_calls_without_a_token_or_with_a_bogus_one_are_refused() {
    let zpa = Zpa::seeded().await;
    let url = zpa.url("/approval");
    let bare = answer(zpa.http.get(&url).send().await.unwrap()).await;
    assert_error(&bare, StatusCode::UNAUTHORIZED, "access.denied");

    let forged = format!("{}x", zpa.token);
    for token in ["bogus", forged.as_str()] {
        let refused = answer(zpa.http.get(&url).bearer_auth(token).send().await.unwrap()).await;
        assert_error(&refused, StatusCode::UNAUTHORIZED, "access.denied");
    }
    let basic = zpa.http.get(&url).header("authorization", format!("Basic {}", zpa.token));
    assert_error(
        &answer(basic.send().await.unwrap()).await,
        StatusCode::UNAUTHORIZED,
        "access.denied",
    );

    let accepted = answer(zpa.http.get(&url).bearer_auth(&zpa.token).send().await.unwrap()).await;
    assert_eq!(accepted.status, StatusCode::OK);
}

#[tokio::test]
async fn another_customers_path_is_refused_even_with_a_valid_token() {
    let zpa = Zpa::seeded().await;
    let base = &zpa.running.base_url;
    for customer in ["216196257331281921", "not-a-number"] {
        let url = format!("{base}/mgmtconfig/v1/admin/customers/{customer}/approval");
        let refused = answer(zpa.http.get(url).bearer_auth(&zpa.token).send().await.unwrap()).await;
        assert_error(&refused, StatusCode::UNAUTHORIZED, "access.denied");
    }
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let emulator = Emulator::seeded(credentials()).with_token_lifetime(Duration::from_secs(1));
    let zpa = Zpa::start(emulator).await;
    assert_eq!(sign_in(&zpa.http, &zpa.running).await["expires_in"], "1");
    assert_eq!(zpa.get("/approval").await.status, StatusCode::OK);

    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_error(&zpa.get("/approval").await, StatusCode::UNAUTHORIZED, "access.denied");
}

#[tokio::test]
async fn demo_credentials_are_fresh_and_work() {
    let (first, second) = (Emulator::demo(), Emulator::demo());
    let (a, b): (&EmulatorCredentials, &EmulatorCredentials) =
        (first.credentials(), second.credentials());
    assert_ne!(a.client_secret, b.client_secret);
    assert!(a.client_secret.len() >= 32);
    assert_eq!(a.customer_id.to_string().len(), 18);
    assert!(!format!("{a:?}").contains(&a.client_secret), "Debug must not show the secret");

    let running = first.spawn("127.0.0.1:0".parse().unwrap()).await.unwrap();
    assert!(running.base_url.starts_with("http://127.0.0.1:") && !running.base_url.ends_with('/'));
    assert_eq!(sign_in(&http(), &running).await["token_type"], "Bearer");
}
