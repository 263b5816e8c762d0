//! The rules a create or replace body must meet, each refused with its own error id.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{approval_body, assert_error, now, Zpa, JUMP_HOSTS};

const DAY: i64 = 86_400;

fn body() -> Value {
    approval_body("dana.reyes@example.com", &[JUMP_HOSTS])
}

fn hours() -> Value {
    json!({
        "days": ["MON", "TUE", "WED", "THU", "FRI"],
        "startTime": "09:00",
        "endTime": "17:00",
        "startTimeCron": "0 30 3 ? * MON,TUE,WED,THU,FRI",
        "endTimeCron": "0 30 11 ? * MON,TUE,WED,THU,FRI",
        "timeZone": "Asia/Calcutta"
    })
}

async fn refused(zpa: &Zpa, body: &Value, id: &str) -> Value {
    let answer = zpa.create(body).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, id)
}

async fn accepted(zpa: &Zpa, body: &Value) -> Value {
    let answer = zpa.create(body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    answer.json
}

#[tokio::test]
async fn exactly_one_plausible_email_is_required() {
    let zpa = Zpa::empty().await;
    for emails in [json!([]), json!(["a@example.com", "b@example.com"]), json!(["not-an-email"])] {
        let mut body = body();
        body["emailIds"] = emails;
        refused(&zpa, &body, "approval.email.invalid").await;
    }
    let mut missing = body();
    missing.as_object_mut().unwrap().remove("emailIds");
    refused(&zpa, &missing, "approval.email.invalid").await;
    let mut plus = body();
    plus["emailIds"] = json!(["ops+oncall@example.com"]);
    accepted(&zpa, &plus).await;
}

#[tokio::test]
async fn between_1_and_200_existing_segments_are_required() {
    let zpa = Zpa::empty().await;
    let mut none = body();
    none["applications"] = json!([]);
    refused(&zpa, &none, "approval.applications.invalid").await;

    let mut too_many = body();
    too_many["applications"] = Value::Array(vec![json!({ "id": JUMP_HOSTS }); 201]);
    refused(&zpa, &too_many, "approval.applications.invalid").await;

    let mut unknown = body();
    unknown["applications"] = json!([{ "id": JUMP_HOSTS }, { "id": "123456789012345678" }]);
    let error = refused(&zpa, &unknown, "resource.not.found").await;
    assert_eq!(error["params"], json!(["123456789012345678"]));

    let mut numeric = body();
    numeric["applications"] = json!([{ "id": 289_370_814_522_851_383_u64 }]);
    accepted(&zpa, &numeric).await;
}

#[tokio::test]
async fn times_may_be_numbers_or_strings_but_must_be_there() {
    let zpa = Zpa::empty().await;
    let mut strings = body();
    strings["startTime"] = json!((now() + 60).to_string());
    strings["endTime"] = json!((now() + DAY).to_string());
    accepted(&zpa, &strings).await;

    for (key, value) in [("startTime", None), ("endTime", None), ("startTime", Some("soon"))] {
        let mut body = body();
        match value {
            None => drop(body.as_object_mut().unwrap().remove(key)),
            Some(text) => body[key] = json!(text),
        }
        refused(&zpa, &body, "bad.request").await;
    }
}

#[tokio::test]
async fn start_may_lie_at_most_an_hour_in_the_past() {
    let zpa = Zpa::empty().await;
    let mut late = body();
    late["startTime"] = json!(now() - 2 * 3_600);
    refused(&zpa, &late, "approval.starttime.in.past").await;
    let mut recent = body();
    recent["startTime"] = json!(now() - 1_800);
    accepted(&zpa, &recent).await;
}

#[tokio::test]
async fn end_must_follow_start_within_365_days() {
    let zpa = Zpa::empty().await;
    let start = now() + 600;
    for end in [start - 60, start] {
        let mut body = body();
        (body["startTime"], body["endTime"]) = (json!(start), json!(end));
        refused(&zpa, &body, "approval.endtime.before.starttime").await;
    }
    let mut too_long = body();
    (too_long["startTime"], too_long["endTime"]) = (json!(start), json!(start + 366 * DAY));
    refused(&zpa, &too_long, "approval.duration.too.long").await;
    let mut a_year = body();
    (a_year["startTime"], a_year["endTime"]) = (json!(start), json!(start + 365 * DAY));
    accepted(&zpa, &a_year).await;
}

#[tokio::test]
async fn working_hours_must_be_complete_and_well_formed() {
    let zpa = Zpa::empty().await;
    let mut complete = body();
    complete["workingHours"] = hours();
    let created = accepted(&zpa, &complete).await;
    assert_eq!(created["workingHours"], hours(), "stored exactly as sent, crons included");

    for key in ["days", "startTime", "endTime", "startTimeCron", "endTimeCron", "timeZone"] {
        let mut partial = body();
        partial["workingHours"] = hours();
        partial["workingHours"].as_object_mut().unwrap().remove(key);
        refused(&zpa, &partial, "approval.workinghours.invalid").await;
    }
    let malformed = [
        ("days", json!([])),
        ("days", json!(["MON", "FUNDAY"])),
        ("startTime", json!("9am")),
        ("endTime", json!("24:00")),
        ("startTimeCron", json!("")),
    ];
    for (key, value) in malformed {
        let mut body = body();
        body["workingHours"] = hours();
        body["workingHours"][key] = value;
        refused(&zpa, &body, "approval.workinghours.invalid").await;
    }
    let mut empty = body();
    empty["workingHours"] = json!({});
    refused(&zpa, &empty, "approval.workinghours.invalid").await;

    let mut bad_zone = body();
    bad_zone["workingHours"] = hours();
    bad_zone["workingHours"]["timeZone"] = json!("Mars/Olympus_Mons");
    let error = refused(&zpa, &bad_zone, "approval.timezone.invalid").await;
    assert_eq!(error["params"], json!(["Mars/Olympus_Mons"]));
    for zone in ["Asia/Kolkata", "America/Vancouver", "UTC"] {
        let mut body = body();
        body["workingHours"] = hours();
        body["workingHours"]["timeZone"] = json!(zone);
        accepted(&zpa, &body).await;
    }
}

#[tokio::test]
async fn malformed_json_is_a_bad_request() {
    let zpa = Zpa::empty().await;
    for raw in ["{\"emailIds\": [", "[]", "\"approval\""] {
        let request = zpa.http.post(zpa.url("/approval")).bearer_auth(&zpa.token);
        let answer = crate::answer(request.body(raw).send().await.unwrap()).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "bad.request");
    }
}

#[tokio::test]
async fn an_active_approvals_start_cannot_move_but_a_future_ones_can() {
    let zpa = Zpa::empty().await;
    let active = accepted(&zpa, &body()).await;
    let path = format!("/approval/{}", active["id"].as_str().unwrap());
    let mut moved = active.clone();
    moved["startTime"] = json!(now() + 600);
    let answer = zpa.call(Method::PUT, &path, Some(&moved)).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "approval.starttime.update.not.allowed");
    assert_eq!(answer.json, crate::shapes::fixture("error-starttime-update.json"));

    // Keeping the (now past) start is fine, and the same rules as create still apply.
    let mut longer = active.clone();
    longer["endTime"] = json!(now() + 2 * DAY);
    assert_eq!(zpa.call(Method::PUT, &path, Some(&longer)).await.status, StatusCode::NO_CONTENT);
    longer["endTime"] = json!(now() + 400 * DAY);
    let answer = zpa.call(Method::PUT, &path, Some(&longer)).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "approval.duration.too.long");

    let mut later = body();
    (later["startTime"], later["endTime"]) = (json!(now() + DAY), json!(now() + 2 * DAY));
    let future = accepted(&zpa, &later).await;
    let path = format!("/approval/{}", future["id"].as_str().unwrap());
    later["startTime"] = json!(now() + 3_600);
    assert_eq!(zpa.call(Method::PUT, &path, Some(&later)).await.status, StatusCode::NO_CONTENT);
    later["startTime"] = json!(now() - 7_200);
    let answer = zpa.call(Method::PUT, &path, Some(&later)).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "approval.starttime.in.past");
}
