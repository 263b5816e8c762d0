//! Every answer's shape against the recorded fixtures: the same keys at each level and the same
//! JSON type for each value, so a client written against the fixtures decodes the emulator.

use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};

use crate::{approval_body, now, Zpa, JUMP_HOSTS, SSH_BASTION};

/// Keys an approval or segment may leave out: ZPA omits them when they do not apply.
const OPTIONAL: [&str; 3] = ["workingHours", "microtenantId", "modifiedTime"];

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// One template holding every key any of `samples` has, so optional keys are known.
fn union(samples: &[Value]) -> Value {
    samples.iter().fold(Value::Null, merge)
}

fn merge(merged: Value, sample: &Value) -> Value {
    match (merged, sample) {
        (Value::Object(mut merged), Value::Object(sample)) => {
            for (key, value) in sample {
                let earlier = merged.remove(key).unwrap_or(Value::Null);
                merged.insert(key.clone(), merge(earlier, value));
            }
            Value::Object(merged)
        }
        (Value::Array(merged), Value::Array(sample)) => {
            Value::Array(vec![union(&[merged, sample.clone()].concat())])
        }
        // Seen for the first time: still fold an array's elements into one template.
        (Value::Null, Value::Object(_)) => merge(Value::Object(Map::new()), sample),
        (Value::Null, Value::Array(_)) => merge(Value::Array(Vec::new()), sample),
        (Value::Null, sample) => sample.clone(),
        (merged, _) => merged,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Asserts `actual` has `template`'s keys (bar the optional ones), no others, and the same JSON
/// type everywhere; array elements are each checked against the template's first element.
pub fn assert_shape(actual: &Value, template: &Value, path: &str) {
    assert_eq!(kind(actual), kind(template), "type at {path}: {actual}");
    match (actual, template) {
        (Value::Object(actual), Value::Object(template)) => assert_object(actual, template, path),
        (Value::Array(actual), Value::Array(template)) => {
            if let Some(element) = template.first() {
                for (index, item) in actual.iter().enumerate() {
                    assert_shape(item, element, &format!("{path}[{index}]"));
                }
            }
        }
        _ => {}
    }
}

fn assert_object(actual: &Map<String, Value>, template: &Map<String, Value>, path: &str) {
    for key in actual.keys() {
        assert!(template.contains_key(key), "unexpected key {path}.{key}");
    }
    for (key, expected) in template {
        match actual.get(key) {
            Some(value) => assert_shape(value, expected, &format!("{path}.{key}")),
            None => assert!(OPTIONAL.contains(&key.as_str()), "missing key {path}.{key}"),
        }
    }
}

fn approval_template() -> Value {
    let page = fixture("approval-list-page.json");
    let mut samples = page["list"].as_array().unwrap().clone();
    samples.push(fixture("approval-get.json"));
    union(&samples)
}

#[tokio::test]
async fn the_shape_checker_catches_a_wrong_type_and_a_stray_key() {
    let template = approval_template();
    let mut numeric_id = template.clone();
    numeric_id["id"] = json!(20472);
    let wrong_type = std::panic::catch_unwind(|| assert_shape(&numeric_id, &template, "$"));
    assert!(wrong_type.is_err());
    let mut named = template.clone();
    named["name"] = json!("an approval has no name");
    assert!(std::panic::catch_unwind(|| assert_shape(&named, &template, "$")).is_err());
}

#[tokio::test]
async fn list_and_get_answers_match_the_fixtures() {
    let zpa = Zpa::seeded().await;
    let page = zpa.get("/approval?pagesize=500").await.json;
    let template = approval_template();
    let mut page_template = fixture("approval-list-page.json");
    page_template["list"] = json!([template]);
    assert_shape(&page, &page_template, "$");
    let approvals = page["list"].as_array().unwrap();
    // The optional keys really are exercised both ways by the demo.
    for key in ["workingHours", "microtenantId"] {
        assert!(approvals.iter().any(|approval| approval.get(key).is_some()), "{key}");
        assert!(approvals.iter().any(|approval| approval.get(key).is_none()), "{key}");
    }

    let id = approvals[0]["id"].as_str().unwrap();
    let single = zpa.get(&format!("/approval/{id}")).await;
    assert_eq!(single.content_type, "application/json;charset=utf-8");
    assert_shape(&single.json, &template, "$");
    assert_eq!(single.json, approvals[0]);
}

#[tokio::test]
async fn create_answer_matches_the_fixture_and_takes_the_sdk_request() {
    let zpa = Zpa::empty().await;
    let mut request = fixture("approval-create-request.json");
    (request["startTime"], request["endTime"]) = (json!(now() - 9), json!(now() + 30 * 86_400));
    let created = zpa.create(&request).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let expected = fixture("approval-create-response.json");
    assert_shape(&created.json, &expected, "$");
    assert_eq!(created.json["workingHours"], expected["workingHours"]);
    assert_eq!(created.json["applications"][0], expected["applications"][0]);
    assert_eq!(created.json["status"], "ACTIVE");
}

#[tokio::test]
async fn segment_list_matches_the_fixture() {
    let zpa = Zpa::seeded().await;
    let page = zpa.get("/application?pagesize=500").await.json;
    let template = union(&[fixture("application-list-page.json")]);
    assert_shape(&page, &template, "$");
    let segments = page["list"].as_array().unwrap();
    let bastion = segments.iter().find(|segment| segment["id"] == SSH_BASTION).unwrap();
    let recorded = &fixture("application-list-page.json")["list"][1];
    for key in
        ["name", "domainName", "domainNames", "tcpPortRanges", "tcpPortRange", "microtenantId"]
    {
        assert_eq!(bastion[key], recorded[key], "{key}");
    }
    assert!(segments.iter().any(|segment| segment["id"] == JUMP_HOSTS));
}

#[tokio::test]
async fn sign_in_and_error_answers_match_the_fixtures() {
    let zpa = Zpa::seeded().await;
    let reply = crate::sign_in(&zpa.http, &zpa.running).await;
    assert_shape(&reply, &fixture("signin-response.json"), "$");

    let empty = Zpa::empty().await.get("/approval").await.json;
    assert_eq!(empty, fixture("approval-list-empty.json"));

    let url = zpa.url("/approval");
    let denied = crate::answer(zpa.http.get(url).send().await.unwrap()).await;
    assert_eq!(denied.json, fixture("error-access-denied.json"));
    assert_eq!(denied.content_type, "application/json;charset=utf-8");

    let missing = zpa.get("/approval/0").await;
    assert_eq!(missing.json, fixture("error-resource-not-found.json"));
    assert!(
        missing.text.starts_with(r#"{"id":"resource.not.found","reason":"#),
        "{}",
        missing.text
    );

    let bad = zpa.call(Method::POST, "/approval", Some(&approval_body("x", &[JUMP_HOSTS]))).await;
    assert_shape(&bad.json, &fixture("error-resource-not-found.json"), "$");
}
