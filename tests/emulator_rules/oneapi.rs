//! OneAPI sign-in, the `/zpa` host layout and the gateway in front of it.

use std::sync::OnceLock;

use reqwest::StatusCode;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use zpa_approvals::server::emulator::{Emulator, EmulatorCredentials};
use zpa_approvals::server::jwt::sign_rs256;

use crate::shapes::{assert_shape, fixture};
use crate::{answer, assert_error, credentials, now, Answer, Zpa};

const AUDIENCE: &str = "https://api.zscaler.com";
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const REFUSAL: &str =
    r#"{"error":"invalid_client","error_description":"Client authentication failed."}"#;

/// One key for the whole run: generating RSA keys is the slow part of these tests.
fn client_key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap())
}

fn credentials_with_key() -> EmulatorCredentials {
    let pem = client_key().to_public_key().to_public_key_pem(LineEnding::LF).unwrap();
    EmulatorCredentials { public_key_pem: Some(pem), ..credentials() }
}

/// Claims as the SDKs write them for a client assertion, good for ten minutes.
fn assertion_claims() -> Value {
    let client_id = credentials().client_id;
    json!({ "iss": client_id, "sub": client_id, "aud": AUDIENCE, "iat": now(), "exp": now() + 600 })
}

fn assertion(claims: &Value) -> String {
    sign_rs256(claims, client_key()).unwrap()
}

async fn ask_token(zpa: &Zpa, form: &[(&str, &str)]) -> Answer {
    let url = format!("{}/oauth2/v1/token", zpa.running.base_url);
    answer(zpa.http.post(url).form(form).send().await.unwrap()).await
}

fn secret_form() -> Vec<(&'static str, String)> {
    let credentials = credentials();
    vec![
        ("grant_type", "client_credentials".to_owned()),
        ("client_id", credentials.client_id),
        ("client_secret", credentials.client_secret),
        ("audience", AUDIENCE.to_owned()),
    ]
}

fn assertion_form(assertion: String) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".to_owned()),
        ("client_id", credentials().client_id),
        ("client_assertion_type", ASSERTION_TYPE.to_owned()),
        ("client_assertion", assertion),
        ("audience", AUDIENCE.to_owned()),
    ]
}

fn borrowed<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(key, value)| (*key, value.as_str())).collect()
}

/// `path` under the customer's root on the OneAPI host layout.
fn zpa_url(zpa: &Zpa, path: &str) -> String {
    let customer = zpa.running.credentials.customer_id;
    format!("{}/zpa/mgmtconfig/v1/admin/customers/{customer}{path}", zpa.running.base_url)
}

async fn get_with(zpa: &Zpa, url: &str, token: &str) -> Answer {
    answer(zpa.http.get(url).bearer_auth(token).send().await.unwrap()).await
}

#[tokio::test]
async fn a_secret_gets_a_oneapi_token_that_works_on_both_host_layouts() {
    let zpa = Zpa::seeded().await;
    let reply = ask_token(&zpa, &borrowed(&secret_form())).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_shape(&reply.json, &fixture("oneapi-token-response.json"), "$");
    assert_eq!(reply.json["expires_in"], 3600);
    assert_eq!(reply.json["token_type"], "Bearer");
    assert_eq!(reply.headers["cache-control"], "no-store");

    let token = reply.json["access_token"].as_str().unwrap();
    assert_eq!(get_with(&zpa, &zpa_url(&zpa, "/approval"), token).await.status, StatusCode::OK);
    assert_eq!(get_with(&zpa, &zpa.url("/approval"), token).await.status, StatusCode::OK);
    let legacy_token = get_with(&zpa, &zpa_url(&zpa, "/application"), &zpa.token).await;
    assert_eq!(legacy_token.status, StatusCode::OK, "a /signin token works under /zpa too");
}

#[tokio::test]
async fn a_signed_assertion_gets_a_token() {
    let zpa = Zpa::start(Emulator::seeded(credentials_with_key())).await;
    let reply = ask_token(&zpa, &borrowed(&assertion_form(assertion(&assertion_claims())))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let token = reply.json["access_token"].as_str().unwrap();
    let listed = get_with(&zpa, &zpa_url(&zpa, "/approval"), token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
}

#[tokio::test]
async fn every_wrong_field_of_a_secret_form_is_refused() {
    let zpa = Zpa::seeded().await;
    let changed = |key: &str, value: Option<&str>| -> Vec<(&'static str, String)> {
        let mut form = secret_form();
        form.retain(|(name, _)| *name != key);
        if let Some(value) = value {
            let name = secret_form().into_iter().find(|(name, _)| *name == key).unwrap().0;
            form.push((name, value.to_owned()));
        }
        form
    };
    let mut both = secret_form();
    both.push(("client_assertion_type", ASSERTION_TYPE.to_owned()));
    both.push(("client_assertion", assertion(&assertion_claims())));
    let forms = [
        ("grant type", changed("grant_type", Some("password"))),
        ("no grant type", changed("grant_type", None)),
        ("audience", changed("audience", Some("https://api.zscaler.com/"))),
        ("no audience", changed("audience", None)),
        ("client id", changed("client_id", Some("someone-else"))),
        ("secret", changed("client_secret", Some("s3cret-for-tests-onlY"))),
        ("no secret", changed("client_secret", None)),
        ("secret and assertion", both),
    ];
    for (what, form) in forms {
        let refused = ask_token(&zpa, &borrowed(&form)).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{what}: {}", refused.text);
        assert_eq!(refused.text, REFUSAL, "{what}");
    }
}

#[tokio::test]
async fn every_wrong_claim_signature_or_type_of_an_assertion_is_refused() {
    let zpa = Zpa::start(Emulator::seeded(credentials_with_key())).await;
    let with = |key: &str, value: Value| {
        let mut claims = assertion_claims();
        claims[key] = value;
        assertion(&claims)
    };
    let other_key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let unsigned = {
        let good = assertion(&assertion_claims());
        let (header_and_claims, _) = good.rsplit_once('.').unwrap();
        format!("{header_and_claims}.")
    };
    let assertions = [
        ("iss", with("iss", json!("someone-else"))),
        ("sub", with("sub", json!("someone-else"))),
        ("aud", with("aud", json!("https://example.invalid"))),
        ("expired", with("exp", json!(now() - 5))),
        ("expires in two hours", with("exp", json!(now() + 7200))),
        ("no exp", with("exp", Value::Null)),
        ("other key", sign_rs256(&assertion_claims(), &other_key).unwrap()),
        ("no signature", unsigned),
        ("not a JWT", "not-a-jwt".to_owned()),
    ];
    for (what, assertion) in assertions {
        let refused = ask_token(&zpa, &borrowed(&assertion_form(assertion))).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{what}: {}", refused.text);
        assert_eq!(refused.text, REFUSAL, "{what}");
    }

    let mut wrong_type = assertion_form(assertion(&assertion_claims()));
    wrong_type[2].1 = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer".to_owned();
    assert_eq!(ask_token(&zpa, &borrowed(&wrong_type)).await.text, REFUSAL);
}

#[tokio::test]
async fn assertions_are_refused_when_no_public_key_is_configured() {
    let zpa = Zpa::seeded().await;
    let refused = ask_token(&zpa, &borrowed(&assertion_form(assertion(&assertion_claims())))).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.text, REFUSAL);
}

#[tokio::test]
async fn zpa_replies_carry_the_gateway_headers_with_fresh_ids() {
    let zpa = Zpa::seeded().await;
    let url = zpa_url(&zpa, "/approval");
    let (first, second) =
        (get_with(&zpa, &url, &zpa.token).await, get_with(&zpa, &url, &zpa.token).await);
    for reply in [&first, &second] {
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.headers["x-ratelimit-limit"], "5000, 5000;w=60");
        assert_eq!(reply.headers["cache-control"], "no-store");
        let reset: u64 = reply.headers["x-ratelimit-reset"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&reset), "{reset}");
        for id in ["x-oneapi-request-id", "x-transaction-id"] {
            assert_eq!(reply.headers[id].to_str().unwrap().len(), 36, "{id}");
        }
    }
    let remaining = |reply: &Answer| -> u32 {
        reply.headers["x-ratelimit-remaining"].to_str().unwrap().parse().unwrap()
    };
    assert_eq!(remaining(&first) - 1, remaining(&second));
    for id in ["x-oneapi-request-id", "x-transaction-id"] {
        assert_ne!(first.headers[id], second.headers[id], "{id} must be fresh");
    }

    let legacy = zpa.get("/approval").await;
    assert_eq!(legacy.headers["x-transaction-id"].to_str().unwrap().len(), 36);
    assert_ne!(legacy.headers["x-transaction-id"], first.headers["x-transaction-id"]);
    for gateway_only in ["x-oneapi-request-id", "x-ratelimit-limit", "cache-control"] {
        assert!(!legacy.headers.contains_key(gateway_only), "{gateway_only} on a legacy reply");
    }
}

#[tokio::test]
async fn a_bad_token_under_zpa_gets_the_gateway_body_and_legacy_keeps_access_denied() {
    let zpa = Zpa::seeded().await;
    let url = zpa_url(&zpa, "/approval");
    let bare = answer(zpa.http.get(&url).send().await.unwrap()).await;
    let bogus = get_with(&zpa, &url, "bogus").await;
    for refused in [&bare, &bogus] {
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(refused.json, fixture("oneapi-unauthorized.json"));
        assert!(refused.headers.contains_key("x-oneapi-request-id"));
    }

    let customer = zpa.running.credentials.customer_id + 1;
    let other =
        format!("{}/zpa/mgmtconfig/v1/admin/customers/{customer}/approval", zpa.running.base_url);
    let refused = get_with(&zpa, &other, &zpa.token).await;
    assert_error(&refused, StatusCode::UNAUTHORIZED, "access.denied");

    zpa.emulator.expire_tokens();
    let expired = get_with(&zpa, &url, &zpa.token).await;
    assert_eq!(expired.json, fixture("oneapi-unauthorized.json"));
    assert_error(&zpa.get("/approval").await, StatusCode::UNAUTHORIZED, "access.denied");
}
