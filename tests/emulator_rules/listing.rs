//! Paging, sorting and microtenant scoping of the approval list, and the segment list.

use reqwest::StatusCode;
use serde_json::Value;
use zpa_approvals::server::emulator::{Emulator, DEMO_APPROVALS};

use crate::{assert_error, credentials, number, Zpa};

fn ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(|approval| number(&approval["id"])).collect()
}

#[tokio::test]
async fn the_default_page_is_the_first_20_by_ascending_id() {
    let zpa = Zpa::seeded().await;
    let page = zpa.get("/approval").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.content_type, "application/json;charset=utf-8");
    assert_eq!(page.json["totalCount"], DEMO_APPROVALS.to_string());
    assert_eq!(page.json["totalPages"], DEMO_APPROVALS.div_ceil(20).to_string());
    let first = ids(&page.json["list"]);
    assert_eq!(first.len(), 20);
    assert!(first.windows(2).all(|pair| pair[0] < pair[1]), "{first:?}");

    let all = ids(&Value::Array(zpa.all_approvals(&[]).await));
    assert_eq!(first, all[..20]);
}

#[tokio::test]
async fn the_last_page_is_partial_and_a_page_past_the_end_is_empty() {
    let zpa = Zpa::seeded().await;
    let all = ids(&Value::Array(zpa.all_approvals(&[]).await));
    let last_page = DEMO_APPROVALS.div_ceil(50);
    let last = zpa.list("/approval", &[("page", &last_page.to_string()), ("pagesize", "50")]).await;
    assert_eq!(ids(&last.json["list"]), all[(last_page - 1) * 50..]);
    assert_eq!(last.json["totalPages"], last_page.to_string());

    let beyond = (last_page + 1).to_string();
    let past = zpa.list("/approval", &[("page", &beyond), ("pagesize", "50")]).await;
    assert_eq!(past.status, StatusCode::OK);
    assert_eq!(past.json["list"], Value::Array(vec![]));
    assert_eq!(past.json["totalCount"], DEMO_APPROVALS.to_string());
    assert_eq!(past.json["totalPages"], last_page.to_string());
}

#[tokio::test]
async fn pagesize_500_is_allowed_and_501_or_garbage_refused() {
    let zpa = Zpa::seeded().await;
    let full = zpa.list("/approval", &[("pagesize", "500")]).await;
    assert_eq!(full.json["list"].as_array().unwrap().len(), DEMO_APPROVALS);
    assert_eq!(full.json["totalPages"], "1");

    for size in ["501", "0", "-1", "twenty"] {
        let refused = zpa.list("/approval", &[("pagesize", size)]).await;
        let body = assert_error(&refused, StatusCode::BAD_REQUEST, "invalid.page.size");
        assert_eq!(body["params"][0], size);
    }
    for page in ["0", "x"] {
        let refused = zpa.list("/approval", &[("page", page)]).await;
        assert_error(&refused, StatusCode::BAD_REQUEST, "invalid.page.number");
    }
    let segments = zpa.list("/application", &[("pagesize", "501")]).await;
    assert_error(&segments, StatusCode::BAD_REQUEST, "invalid.page.size");
}

#[tokio::test]
async fn an_empty_tenant_lists_zero_pages() {
    let zpa = Zpa::empty().await;
    let empty = zpa.get("/approval").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.text, r#"{"totalPages":"0","totalCount":"0","list":[]}"#);
}

/// The key a sort field orders by: status by name, everything else as a number.
fn sort_key(approval: &Value, field: &str) -> (String, i64) {
    match field {
        "status" => (approval["status"].as_str().unwrap().to_owned(), 0),
        _ => (String::new(), number(&approval[field])),
    }
}

#[tokio::test]
async fn every_sortable_field_sorts_both_ways_with_ties_by_id() {
    let zpa = Zpa::seeded().await;
    let fields = ["startTime", "endTime", "status", "creationTime", "modifiedTime", "id"];
    for field in fields {
        for (direction, descending) in
            [("ASC", false), ("DESC", true), ("dsc", true), ("asc", false)]
        {
            let list = zpa.all_approvals(&[("sortBy", field), ("sortdir", direction)]).await;
            assert_eq!(list.len(), DEMO_APPROVALS);
            for pair in list.windows(2) {
                let (a, b) = (sort_key(&pair[0], field), sort_key(&pair[1], field));
                let in_order = if descending { a >= b } else { a <= b };
                assert!(in_order, "{field} {direction}: {a:?} before {b:?}");
                if a == b {
                    assert!(number(&pair[0]["id"]) < number(&pair[1]["id"]), "tie on {field}");
                }
            }
            let distinct =
                list.windows(2).any(|pair| sort_key(&pair[0], field) != sort_key(&pair[1], field));
            assert!(distinct, "{field} did not vary, so the order proves nothing");
        }
    }
}

#[tokio::test]
async fn status_sorts_alphabetically_and_other_spellings_of_the_direction_work() {
    let zpa = Zpa::seeded().await;
    let statuses = |list: Vec<Value>| -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for approval in list {
            let status = approval["status"].as_str().unwrap().to_owned();
            if seen.last() != Some(&status) {
                seen.push(status);
            }
        }
        seen
    };
    let ascending = zpa.all_approvals(&[("sortBy", "status")]).await;
    assert_eq!(statuses(ascending), ["ACTIVE", "EXPIRED", "FUTURE"]);
    for alias in ["sortDir", "sortOrder"] {
        let descending = zpa.all_approvals(&[("sortBy", "status"), (alias, "DESC")]).await;
        assert_eq!(statuses(descending), ["FUTURE", "EXPIRED", "ACTIVE"], "{alias}");
    }
}

#[tokio::test]
async fn unknown_sort_fields_and_directions_are_refused() {
    let zpa = Zpa::seeded().await;
    let refused = zpa.list("/approval", &[("sortBy", "emailIds")]).await;
    let body = assert_error(&refused, StatusCode::BAD_REQUEST, "invalid.sort.field");
    assert_eq!(body["params"][0], "emailIds");
    let refused = zpa.list("/approval", &[("sortBy", "id"), ("sortdir", "UP")]).await;
    assert_error(&refused, StatusCode::BAD_REQUEST, "invalid.sort.direction");
}

#[tokio::test]
async fn microtenant_scoping_splits_the_tenant() {
    let emulator = Emulator::seeded(credentials());
    let microtenants = emulator.microtenants();
    assert_eq!(microtenants.len(), 2);
    let zpa = Zpa::start(emulator).await;

    assert_eq!(zpa.all_approvals(&[("microtenantId", "null")]).await.len(), DEMO_APPROVALS);
    let default = zpa.all_approvals(&[("microtenantId", "0")]).await;
    assert!(!default.is_empty());
    assert!(default.iter().all(|approval| approval.get("microtenantId").is_none()));
    let mut total = default.len();
    for microtenant in &microtenants {
        let id = microtenant.id.to_string();
        let scoped = zpa.all_approvals(&[("microtenantId", &id)]).await;
        assert!(!scoped.is_empty(), "{}", microtenant.name);
        assert!(scoped.iter().all(|approval| approval["microtenantId"] == id.as_str()));
        total += scoped.len();
    }
    assert_eq!(total, DEMO_APPROVALS);

    let unknown = zpa.list("/approval", &[("microtenantId", "123456789012345678")]).await;
    let body = assert_error(&unknown, StatusCode::BAD_REQUEST, "resource.not.found");
    assert_eq!(body["params"][0], "123456789012345678");
    let garbage = zpa.list("/approval", &[("microtenantId", "contractors")]).await;
    assert_error(&garbage, StatusCode::BAD_REQUEST, "bad.request");
}

#[tokio::test]
async fn the_segment_list_pages_searches_by_name_and_scopes() {
    let zpa = Zpa::seeded().await;
    let all = zpa.list("/application", &[("pagesize", "500")]).await;
    let all = all.json["list"].as_array().unwrap().clone();
    assert!(all.len() >= 12);
    let names: Vec<&str> = all.iter().map(|segment| segment["name"].as_str().unwrap()).collect();
    assert!(names.windows(2).all(|pair| pair[0].to_lowercase() <= pair[1].to_lowercase()));

    let second = zpa.list("/application", &[("page", "2"), ("pagesize", "5")]).await;
    assert_eq!(second.json["totalCount"], all.len().to_string());
    assert_eq!(second.json["totalPages"], all.len().div_ceil(5).to_string());
    assert_eq!(second.json["list"].as_array().unwrap()[..], all[5..10]);

    let k8s = zpa.list("/application", &[("search", "name+CONTAINS+K8S")]).await;
    let k8s: Vec<&str> =
        k8s.json["list"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(k8s, ["k8s-api-prod", "k8s-api-staging"]);
    let exact = zpa.list("/application", &[("search", "name+EQ+ssh-bastion")]).await;
    assert_eq!(exact.json["list"][0]["id"], crate::SSH_BASTION);
    assert_eq!(exact.json["totalCount"], "1");
    let starts = zpa.list("/application", &[("search", "name+STARTSWITH+jump")]).await;
    assert_eq!(starts.json["list"][0]["id"], crate::JUMP_HOSTS);
    let ends = zpa.list("/application", &[("search", "name+ENDSWITH+-admin")]).await;
    assert!(ends.json["list"].as_array().unwrap().len() >= 2);
    let not =
        zpa.list("/application", &[("search", "name+NE+ssh-bastion"), ("pagesize", "500")]).await;
    assert_eq!(not.json["totalCount"], (all.len() - 1).to_string());
    let bad = zpa.list("/application", &[("search", "domainName+EQ+x")]).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "filtering.input.invalid.operand");

    let contractors = zpa.list("/application", &[("microtenantId", "145260601092866314")]).await;
    let contractors = contractors.json["list"].as_array().unwrap().clone();
    assert!(!contractors.is_empty());
    assert!(contractors.iter().all(|s| s["microtenantId"] == "145260601092866314"));
}

#[tokio::test]
async fn the_microtenant_list_names_each_microtenant_once() {
    let zpa = Zpa::seeded().await;
    let listed = zpa.list("/microtenants", &[]).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json["totalCount"], "2");
    let names: Vec<&str> = listed.json["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|microtenant| microtenant["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Contractors", "EMEA Operations"]);
    assert_eq!(listed.json["list"][0]["id"], "145260601092866314");
    assert_eq!(listed.json["list"][0]["privilegedApprovalsEnabled"], true);

    let emea = zpa.list("/microtenants", &[("search", "name+CONTAINS+emea")]).await;
    assert_eq!(emea.json["totalCount"], "1");
    assert_eq!(emea.json["list"][0]["name"], "EMEA Operations");
}
