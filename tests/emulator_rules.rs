#![cfg(feature = "ssr")]
//! The ZPA emulator's rules, checked over real HTTP against an emulator on a loopback port.
//!
//! The emulator must answer like ZPA, so these tests hold it to the documented wire behaviour:
//! sign-in and tokens, paging, search, sorting, microtenants, the write rules, and the exact
//! shapes of the recorded fixtures. This file holds what every group of rules shares; the
//! groups live in the `emulator_rules/` folder beside it.

#[path = "emulator_rules/faults.rs"]
mod faults;
#[path = "emulator_rules/listing.rs"]
mod listing;
#[path = "emulator_rules/oneapi.rs"]
mod oneapi;
#[path = "emulator_rules/rate_limits.rs"]
mod rate_limits;
#[path = "emulator_rules/searching.rs"]
mod searching;
#[path = "emulator_rules/shapes.rs"]
mod shapes;
#[path = "emulator_rules/sign_in.rs"]
mod sign_in;
#[path = "emulator_rules/validation.rs"]
mod validation;
#[path = "emulator_rules/writes.rs"]
mod writes;

use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use zpa_approvals::server::emulator::{Emulator, EmulatorCredentials, RunningEmulator};

/// Segments of the demo catalog: one in the Default microtenant, one in Contractors.
pub const JUMP_HOSTS: &str = "289370814522851383";
pub const SSH_BASTION: &str = "216196257331404690";

pub fn credentials() -> EmulatorCredentials {
    EmulatorCredentials {
        client_id: "console-tests".to_owned(),
        client_secret: "s3cret-for-tests-only".to_owned(),
        customer_id: 216_196_257_331_281_920,
        public_key_pem: None,
    }
}

pub fn now() -> i64 {
    let elapsed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(elapsed.as_secs()).unwrap()
}

/// A plain HTTP client that never goes through a proxy: the emulator is on loopback.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// A signed-in caller of one running emulator, and the emulator itself for faults and its log.
pub struct Zpa {
    pub emulator: Emulator,
    pub running: RunningEmulator,
    pub http: reqwest::Client,
    pub token: String,
}

/// An answer: status, headers, content type and body, the body parsed as JSON when it is JSON.
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub content_type: String,
    pub text: String,
    pub json: Value,
}

impl Zpa {
    pub async fn start(emulator: Emulator) -> Self {
        let running = emulator.clone().spawn("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let http = http();
        let token = sign_in(&http, &running).await["access_token"].as_str().unwrap().to_owned();
        Self { emulator, running, http, token }
    }

    pub async fn seeded() -> Self {
        Self::start(Emulator::seeded(credentials())).await
    }

    pub async fn empty() -> Self {
        Self::start(Emulator::empty(credentials())).await
    }

    /// `path` under the customer's API root, e.g. `/approval?page=2`.
    pub fn url(&self, path: &str) -> String {
        let customer = self.running.credentials.customer_id;
        format!("{}/mgmtconfig/v1/admin/customers/{customer}{path}", self.running.base_url)
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> Answer {
        let mut request = self.http.request(method, self.url(path)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        answer(request.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    /// A list request with its query pairs encoded the way ZPA's Go SDK encodes them.
    pub async fn list(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        let request = self.http.get(self.url(path)).query(query).bearer_auth(&self.token);
        answer(request.send().await.unwrap()).await
    }

    /// Every approval the query selects, from one page of 500.
    pub async fn all_approvals(&self, query: &[(&str, &str)]) -> Vec<Value> {
        let mut query = query.to_vec();
        query.push(("pagesize", "500"));
        let answer = self.list("/approval", &query).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        answer.json["list"].as_array().unwrap().clone()
    }

    pub async fn create(&self, body: &Value) -> Answer {
        self.call(Method::POST, "/approval", Some(body)).await
    }
}

pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer { status, headers, content_type, text, json }
}

pub async fn sign_in(http: &reqwest::Client, running: &RunningEmulator) -> Value {
    let form = [
        ("client_id", running.credentials.client_id.as_str()),
        ("client_secret", running.credentials.client_secret.as_str()),
    ];
    let url = format!("{}/signin", running.base_url);
    let answer = answer(http.post(url).form(&form).send().await.unwrap()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json
}

/// A valid create body: one email, the given segments, starting a minute ago for a day.
pub fn approval_body(email: &str, segments: &[&str]) -> Value {
    let applications: Vec<Value> = segments.iter().map(|id| json!({ "id": id })).collect();
    json!({
        "emailIds": [email],
        "applications": applications,
        "startTime": now() - 60,
        "endTime": now() + 86_400,
    })
}

/// Asserts an error answer's status and body id, and returns the body.
pub fn assert_error(answer: &Answer, status: StatusCode, id: &str) -> Value {
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_eq!(answer.json["id"], id, "{}", answer.text);
    assert!(answer.json["reason"].as_str().is_some_and(|reason| !reason.is_empty()));
    answer.json.clone()
}

/// A number-valued wire string as a number, for order checks.
pub fn number(value: &Value) -> i64 {
    value.as_str().unwrap().parse().unwrap()
}
