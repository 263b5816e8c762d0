//! The ZPA client decodes every recorded wire shape in `tests/fixtures` into domain values.
#![cfg(feature = "ssr")]

use std::collections::BTreeSet;

use chrono::{NaiveTime, Weekday};
use zpa_approvals::model::ApprovalStatus;
use zpa_approvals::server::zpa::{
    decode_approval, decode_page, decode_segment, WireApproval, WireErrorBody, WirePage,
    WireSegment, WireToken,
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn parse<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

#[test]
fn every_fixture_is_covered_here() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let found: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    let covered: BTreeSet<String> = [
        "application-list-page.json",
        "approval-create-request.json",
        "approval-create-response.json",
        "approval-get.json",
        "approval-list-empty.json",
        "approval-list-page.json",
        "error-access-denied.json",
        "error-concurrent-access.json",
        "error-invalid-operand.json",
        "error-resource-not-found.json",
        "error-retryable-server.json",
        "error-starttime-update.json",
        "error-too-many-requests.json",
        "oneapi-token-response.json",
        "oneapi-unauthorized.json",
        "signin-response.json",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(found, covered, "a fixture was added or removed: decode it in this file");
}

#[test]
fn a_list_page_decodes_digit_strings_into_numbers_and_instants() {
    let page =
        decode_page(parse::<WirePage<WireApproval>>("approval-list-page.json"), 1, 20).unwrap();
    assert_eq!((page.total_count, page.total_pages), (3, 1));
    let ids: Vec<u64> = page.approvals.iter().map(|approval| approval.id).collect();
    assert_eq!(ids, [20472, 50, 5638]);

    let first = &page.approvals[0];
    assert_eq!(first.start.timestamp(), 1773370054);
    assert_eq!(first.end.timestamp(), 1804819654);
    assert_eq!(first.status, ApprovalStatus::Active);
    assert_eq!(first.emails, ["dana.reyes@example.com"]);
    let hours = first.working_hours.as_ref().unwrap();
    assert_eq!(hours.time_zone, "America/Vancouver");
    assert_eq!(hours.days.len(), 7);
    assert_eq!(hours.from, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    assert_eq!(hours.end_cron, "0 0 0 ? * MON,TUE,WED,THU,FRI,SAT,SUN");
    assert_eq!(first.segments[0].name.as_deref(), Some("jump-hosts.corp.example"));
    assert_eq!(first.segments[0].domains, ["rdp01.corp.example", "rdp02.corp.example"]);
    assert_eq!(first.segments[0].tcp_ports[0].from, 3389);

    let in_microtenant = &page.approvals[1];
    assert_eq!(in_microtenant.microtenant_id, Some(145260601092866314));
    assert_eq!(in_microtenant.modified, None, "modifiedTime is optional");
    assert!(in_microtenant.working_hours.is_none());

    let expired = &page.approvals[2];
    assert_eq!(expired.status, ApprovalStatus::Expired);
    assert_eq!(expired.segments.len(), 2);
    let hours = expired.working_hours.as_ref().unwrap();
    assert_eq!(hours.days, [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]);
    assert_eq!(hours.time_zone, "Asia/Calcutta");
}

#[test]
fn an_empty_list_decodes_and_so_does_one_without_a_list_or_with_numbers() {
    let empty =
        decode_page(parse::<WirePage<WireApproval>>("approval-list-empty.json"), 1, 20).unwrap();
    assert!(empty.approvals.is_empty());
    assert_eq!((empty.total_count, empty.total_pages), (0, 0));

    let sdk_mock: WirePage<WireApproval> = serde_json::from_str(r#"{"totalPages": 0}"#).unwrap();
    assert!(decode_page(sdk_mock, 1, 20).unwrap().approvals.is_empty());
}

#[test]
fn one_approval_decodes_with_full_segments() {
    let approval = decode_approval(parse("approval-get.json")).unwrap();
    assert_eq!(approval.id, 50);
    assert_eq!(approval.status, ApprovalStatus::Future);
    assert_eq!(approval.created.unwrap().timestamp(), 1673536589);
    assert_eq!(approval.modified_by.as_deref(), Some("72057594038624153"));
    assert_eq!(approval.segments[0].display_name(), "ssh-bastion");
    assert_eq!(approval.segments[0].microtenant_id, Some(145260601092866314));
}

#[test]
fn a_create_reply_without_segment_names_still_decodes() {
    let created = decode_approval(parse("approval-create-response.json")).unwrap();
    assert_eq!(created.id, 20472);
    assert_eq!(created.segments[0].name, None);
    assert_eq!(created.segments[0].display_name(), "Segment 216196257331404690");
}

#[test]
fn a_create_request_with_numeric_times_is_read_as_the_same_instants() {
    let request: WireApproval = parse("approval-create-request.json");
    assert_eq!(request.start_time, Some(1773370054));
    assert_eq!(request.end_time, Some(1804819654));
    assert_eq!(request.applications[0].id, Some(216196257331404690));
}

#[test]
fn a_segment_page_decodes() {
    let page: WirePage<WireSegment> = parse("application-list-page.json");
    let segments: Vec<_> = page.list.into_iter().map(|s| decode_segment(s).unwrap()).collect();
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[1].name.as_deref(), Some("ssh-bastion"));
    assert_eq!(segments[1].tcp_ports[0].to, 22);
    assert_eq!(segments[0].microtenant_id, None);
}

#[test]
fn every_error_body_decodes_with_its_id() {
    let cases = [
        ("error-access-denied.json", Some("access.denied")),
        ("error-concurrent-access.json", Some("api.concurrent.access.error")),
        ("error-invalid-operand.json", Some("filtering.input.invalid.operand")),
        ("error-resource-not-found.json", Some("resource.not.found")),
        ("error-retryable-server.json", Some("retryable.server.error")),
        ("error-starttime-update.json", Some("approval.starttime.update.not.allowed")),
        ("error-too-many-requests.json", Some("invalid.toomanyrequests")),
        ("oneapi-unauthorized.json", None),
    ];
    for (name, id) in cases {
        let body: WireErrorBody = parse(name);
        assert_eq!(body.id.as_deref(), id, "{name}");
        assert_eq!(body.reason.is_some(), id.is_some(), "{name}");
    }
}

#[test]
fn token_lifetimes_decode_as_strings_and_as_numbers() {
    for name in ["signin-response.json", "oneapi-token-response.json"] {
        let token: WireToken = parse(name);
        assert_eq!(token.expires_in, Some(3600), "{name}");
        assert!(token.access_token.starts_with("eyJ"));
    }
}
