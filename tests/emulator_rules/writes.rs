//! Create, read, replace, delete and purge, and where writes land among microtenants.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{approval_body, assert_error, now, number, Zpa, JUMP_HOSTS, SSH_BASTION};

const CONTRACTORS: &str = "145260601092866314";

#[tokio::test]
async fn create_answers_201_with_short_applications_and_a_computed_status() {
    let zpa = Zpa::empty().await;
    let mut body = approval_body("dana.reyes@example.com", &[JUMP_HOSTS, SSH_BASTION]);
    body["status"] = json!("EXPIRED");
    body["startTime"] = json!((now() + 7_200).to_string());
    body["endTime"] = json!((now() + 90_000).to_string());

    let created = zpa.create(&body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.content_type, "application/json;charset=utf-8");
    let approval = &created.json;
    assert!(approval["id"].as_str().unwrap().chars().all(|c| c.is_ascii_digit()));
    assert_eq!(approval["status"], "FUTURE", "a client-sent status is ignored");
    assert_eq!(approval["emailIds"], json!(["dana.reyes@example.com"]));
    assert_eq!(approval["startTime"], body["startTime"]);
    assert_eq!(approval["creationTime"], approval["modifiedTime"]);
    assert!((number(&approval["creationTime"]) - now()).abs() < 5);
    assert_eq!(approval["modifiedBy"].as_str().unwrap().len(), 18);
    assert!(approval.get("microtenantId").is_none() && approval.get("workingHours").is_none());
    let applications = approval["applications"].as_array().unwrap();
    assert_eq!(applications[0]["id"], JUMP_HOSTS);
    assert_eq!(applications[1]["id"], SSH_BASTION);
    assert!(applications.iter().all(|application| application.get("name").is_none()));
    assert_eq!(applications[0]["cnameConfig"], "NOFLATTEN");
    assert_eq!(applications[0]["ipAnchored"], false);
    assert_eq!(applications[0]["tcpKeepAlive"], "0");
}

#[tokio::test]
async fn get_returns_full_segments_and_ids_count_up() {
    let zpa = Zpa::empty().await;
    let first = zpa.create(&approval_body("sam.okafor@example.com", &[SSH_BASTION])).await;
    let second = zpa.create(&approval_body("sam.okafor@example.com", &[JUMP_HOSTS])).await;
    let (first_id, second_id) = (number(&first.json["id"]), number(&second.json["id"]));
    assert_eq!(second_id, first_id + 1);

    let read = zpa.get(&format!("/approval/{first_id}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json["status"], "ACTIVE");
    let segment = &read.json["applications"][0];
    assert_eq!(segment["name"], "ssh-bastion");
    assert_eq!(segment["domainNames"], json!(["bastion.corp.example"]));
    assert_eq!(segment["tcpPortRanges"], json!(["22", "22"]));
    assert_eq!(segment["tcpPortRange"], json!([{ "from": "22", "to": "22" }]));
    assert_eq!(segment["microtenantId"], CONTRACTORS);
    assert_eq!(zpa.get("/approval").await.json["totalCount"], "2");
}

#[tokio::test]
async fn replace_answers_204_and_stores_the_whole_new_body() {
    let zpa = Zpa::empty().await;
    let mut body = approval_body("lee.nakamura@example.com", &[JUMP_HOSTS]);
    body["workingHours"] = json!({
        "days": ["MON"], "startTime": "09:00", "endTime": "17:00",
        "startTimeCron": "0 0 8 ? * MON", "endTimeCron": "0 0 16 ? * MON", "timeZone": "Europe/Berlin"
    });
    let created = zpa.create(&body).await.json;
    let path = format!("/approval/{}", created["id"].as_str().unwrap());

    // The Admin Portal sends back what it read, plus keys of its own; those are ignored.
    let mut edited = zpa.get(&path).await.json;
    edited["endTime"] = json!(now() + 172_800);
    edited["emailIds"] = json!(["lee.nakamura@example.org"]);
    edited["applications"] = json!([{ "id": SSH_BASTION }]);
    edited["objectType"] = json!("JITApprovals");
    edited["status"] = json!("EXPIRED");
    edited.as_object_mut().unwrap().remove("workingHours");
    let replaced = zpa.call(Method::PUT, &path, Some(&edited)).await;
    assert_eq!(replaced.status, StatusCode::NO_CONTENT, "{}", replaced.text);
    assert!(replaced.text.is_empty());

    let stored = zpa.get(&path).await.json;
    assert_eq!(stored["endTime"], edited["endTime"].as_i64().unwrap().to_string());
    assert_eq!(stored["emailIds"], json!(["lee.nakamura@example.org"]));
    assert_eq!(stored["applications"][0]["id"], SSH_BASTION);
    assert_eq!(stored["applications"].as_array().unwrap().len(), 1);
    assert_eq!(stored["status"], "ACTIVE");
    assert!(stored.get("workingHours").is_none(), "a full replace drops what is not sent");
    assert_eq!(stored["creationTime"], created["creationTime"]);
}

#[tokio::test]
async fn delete_answers_204_and_the_approval_is_gone() {
    let zpa = Zpa::empty().await;
    let created = zpa.create(&approval_body("aisha.bello@example.com", &[JUMP_HOSTS])).await;
    let path = format!("/approval/{}", created.json["id"].as_str().unwrap());
    let deleted = zpa.call(Method::DELETE, &path, None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert!(deleted.text.is_empty());
    assert_error(&zpa.get(&path).await, StatusCode::NOT_FOUND, "resource.not.found");
    let again = zpa.call(Method::DELETE, &path, None).await;
    assert_error(&again, StatusCode::NOT_FOUND, "resource.not.found");
}

#[tokio::test]
async fn unknown_or_non_numeric_ids_get_zpas_not_found_body() {
    let zpa = Zpa::seeded().await;
    for id in ["999999999", "abc", "expired"] {
        let missing = zpa.get(&format!("/approval/{id}")).await;
        let body = assert_error(&missing, StatusCode::NOT_FOUND, "resource.not.found");
        let expected = json!({
            "id": "resource.not.found",
            "reason": format!("No resource exists with the given id/name :{id}"),
            "params": [id],
        });
        assert_eq!(body, expected);
    }
    let body = approval_body("a@example.com", &[JUMP_HOSTS]);
    let put = zpa.call(Method::PUT, "/approval/999999999", Some(&body)).await;
    assert_error(&put, StatusCode::NOT_FOUND, "resource.not.found");
}

#[tokio::test]
async fn purging_expired_answers_204_then_200_no_records_found() {
    let zpa = Zpa::empty().await;
    let active = zpa.create(&approval_body("mei.chen@example.com", &[JUMP_HOSTS])).await.json;
    let mut lapsed = approval_body("mei.chen@example.com", &[JUMP_HOSTS]);
    lapsed["startTime"] = json!(now() - 3_000);
    lapsed["endTime"] = json!(now() - 1_000);
    let lapsed = zpa.create(&lapsed).await.json;
    assert_eq!(lapsed["status"], "EXPIRED");

    let purged = zpa.call(Method::DELETE, "/approval/expired", None).await;
    assert_eq!(purged.status, StatusCode::NO_CONTENT);
    assert!(purged.text.is_empty());
    let lapsed_path = format!("/approval/{}", lapsed["id"].as_str().unwrap());
    assert_eq!(zpa.get(&lapsed_path).await.status, StatusCode::NOT_FOUND);
    let active_path = format!("/approval/{}", active["id"].as_str().unwrap());
    assert_eq!(zpa.get(&active_path).await.status, StatusCode::OK);

    let nothing = zpa.call(Method::DELETE, "/approval/expired", None).await;
    assert_eq!(nothing.status, StatusCode::OK);
    assert_eq!(nothing.text, "No records found");
}

#[tokio::test]
async fn purging_a_seeded_tenant_removes_only_expired_approvals() {
    let zpa = Zpa::seeded().await;
    let before = zpa.all_approvals(&[]).await;
    let expired = before.iter().filter(|approval| approval["status"] == "EXPIRED").count();
    let purged = zpa.call(Method::DELETE, "/approval/expired?microtenantId=0", None).await;
    assert_eq!(purged.status, StatusCode::NO_CONTENT);
    let after = zpa.all_approvals(&[]).await;
    let left: Vec<&Value> = after.iter().filter(|a| a["status"] == "EXPIRED").collect();
    assert!(!left.is_empty() && left.iter().all(|approval| approval["microtenantId"].is_string()));
    assert!(after.len() > before.len() - expired);

    assert_eq!(
        zpa.call(Method::DELETE, "/approval/expired", None).await.status,
        StatusCode::NO_CONTENT
    );
    let remaining = zpa.all_approvals(&[]).await;
    assert_eq!(remaining.len(), before.len() - expired);
    assert!(remaining.iter().all(|approval| approval["status"] != "EXPIRED"));
}

#[tokio::test]
async fn writes_land_in_the_named_microtenant_or_default() {
    let zpa = Zpa::empty().await;
    let body = approval_body("raj.iyer@partner.example.com", &[SSH_BASTION]);
    let in_contractors = format!("/approval?microtenantId={CONTRACTORS}");
    let scoped = zpa.call(Method::POST, &in_contractors, Some(&body)).await.json;
    assert_eq!(scoped["microtenantId"], CONTRACTORS);
    let zero = zpa.call(Method::POST, "/approval?microtenantId=0", Some(&body)).await.json;
    assert!(zero.get("microtenantId").is_none());
    let omitted = zpa.create(&body).await.json;
    assert!(omitted.get("microtenantId").is_none());

    let scoped_path = format!("/approval/{}", scoped["id"].as_str().unwrap());
    let wrong_scope = zpa.get(&format!("{scoped_path}?microtenantId=0")).await;
    assert_error(&wrong_scope, StatusCode::NOT_FOUND, "resource.not.found");
    let right_scope = zpa.get(&format!("{scoped_path}?microtenantId={CONTRACTORS}")).await;
    assert_eq!(right_scope.json["microtenantId"], CONTRACTORS);

    // A replace without microtenantId keeps the approval where it is.
    let replaced = zpa.call(Method::PUT, &scoped_path, Some(&body)).await;
    assert_eq!(replaced.status, StatusCode::NO_CONTENT);
    assert_eq!(zpa.get(&scoped_path).await.json["microtenantId"], CONTRACTORS);
    assert_eq!(zpa.all_approvals(&[("microtenantId", "0")]).await.len(), 2);
    let unknown = zpa.call(Method::POST, "/approval?microtenantId=42", Some(&body)).await;
    assert_error(&unknown, StatusCode::BAD_REQUEST, "resource.not.found");
}

#[tokio::test]
async fn concurrent_creates_all_land_with_distinct_ids() {
    let zpa = std::sync::Arc::new(Zpa::empty().await);
    let creates = (0..20).map(|n| {
        let zpa = zpa.clone();
        tokio::spawn(async move {
            let body = approval_body(&format!("user{n}@example.com"), &[JUMP_HOSTS]);
            number(&zpa.create(&body).await.json["id"])
        })
    });
    let mut ids = Vec::new();
    for create in creates.collect::<Vec<_>>() {
        ids.push(create.await.unwrap());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 20);
    assert_eq!(zpa.get("/approval").await.json["totalCount"], "20");
}
