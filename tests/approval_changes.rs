//! Creating, extending, revoking and purging approvals through the console's server functions,
//! against the built-in emulator over real HTTP.
#![cfg(feature = "ssr")]

mod support;

use chrono::{DateTime, NaiveTime, TimeDelta, Utc, Weekday};
use serde_json::json;
use support::{demo_console, first_page, Console};
use zpa_approvals::model::{
    Approval, ApprovalRequest, ApprovalStatus, ConsoleError, Field, ListQuery, PurgeOutcome,
    WorkingHoursRequest,
};

async fn read(console: &Console, id: u64) -> Result<Approval, ConsoleError> {
    let (status, body) =
        console.call("get_approval", json!({ "id": id, "microtenant": null })).await;
    if status == 200 {
        Ok(serde_json::from_str(&body).unwrap())
    } else {
        Err(serde_json::from_str(&body).unwrap())
    }
}

async fn some_segment_ids(console: &Console) -> Vec<u64> {
    let approval = &console.list(first_page()).await.approvals[0];
    approval.segments.iter().map(|segment| segment.id).collect()
}

fn four_hours_from_now(segment_ids: Vec<u64>) -> ApprovalRequest {
    let start = DateTime::from_timestamp(Utc::now().timestamp() / 60 * 60, 0).unwrap();
    ApprovalRequest {
        email: "new.contractor@example.com".into(),
        segment_ids,
        start,
        end: start + TimeDelta::hours(4),
        working_hours: None,
    }
}

async fn create(console: &Console, request: &ApprovalRequest) -> Result<u64, ConsoleError> {
    let args = json!({ "request": request, "microtenant": null });
    let (status, body) = console.call("create_approval", args).await;
    if status == 200 {
        Ok(serde_json::from_str(&body).unwrap())
    } else {
        Err(serde_json::from_str(&body).unwrap())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contractor_gets_four_hours_and_can_be_found_afterwards() {
    let console = demo_console().await;
    let request = four_hours_from_now(some_segment_ids(&console).await);
    let id = create(&console, &request).await.unwrap();

    let stored = read(&console, id).await.unwrap();
    assert_eq!(stored.emails, ["new.contractor@example.com"]);
    assert_eq!((stored.start, stored.end), (request.start, request.end));
    assert_eq!(stored.status, ApprovalStatus::Active);
    assert!(stored.working_hours.is_none());
    assert!(stored.segments.iter().all(|segment| segment.name.is_some()));

    let found = console.list(ListQuery { search: request.email.clone(), ..first_page() }).await;
    assert_eq!(found.approvals.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_hours_in_the_readers_zone_are_stored_with_utc_crons() {
    let console = demo_console().await;
    let mut request = four_hours_from_now(some_segment_ids(&console).await);
    request.end = request.start + TimeDelta::days(7);
    request.working_hours = Some(WorkingHoursRequest {
        days: vec![Weekday::Fri, Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu],
        from: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        to: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        time_zone: "Asia/Kolkata".into(),
    });
    let id = create(&console, &request).await.unwrap();

    let hours = read(&console, id).await.unwrap().working_hours.unwrap();
    assert_eq!(hours.start_cron, "0 30 3 ? * MON,TUE,WED,THU,FRI");
    assert_eq!(hours.end_cron, "0 30 11 ? * MON,TUE,WED,THU,FRI");
    assert_eq!(hours.time_zone, "Asia/Kolkata");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_broken_rule_is_named_by_field_and_nothing_reaches_zpa() {
    let console = demo_console().await;
    let calls_before = console.state.zpa.api_call_count();
    let mut request = four_hours_from_now(vec![]);
    request.email = "two@example.com, people@example.com".into();
    request.start = Utc::now() - TimeDelta::hours(2);
    request.end = request.start + TimeDelta::days(400);
    let Err(ConsoleError::InvalidFields(errors)) = create(&console, &request).await else {
        panic!("the request was not refused field by field");
    };
    let fields: Vec<Field> = errors.iter().map(|error| error.field).collect();
    assert_eq!(fields, [Field::Email, Field::Segments, Field::Start, Field::End]);
    assert_eq!(console.state.zpa.api_call_count(), calls_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_approval_keeps_its_start_and_can_be_extended() {
    let console = demo_console().await;
    let active =
        console.list(ListQuery { status: Some(ApprovalStatus::Active), ..first_page() }).await;
    let approval = active.approvals[0].clone();

    let mut moved = ApprovalRequest::from_approval(&approval);
    moved.start += TimeDelta::minutes(30);
    let args = json!({ "id": approval.id, "request": moved, "microtenant": null });
    let (status, body) = console.call("update_approval", args).await;
    assert_eq!(status, 400, "{body}");
    let ConsoleError::InvalidFields(errors) = serde_json::from_str(&body).unwrap() else {
        panic!()
    };
    assert_eq!(errors[0].field, Field::Start);
    assert!(errors[0].message.contains("active"));

    let fields = [("id", approval.id.to_string()), ("hours", "4".into())];
    let (status, body) = console.submit("extend_approval", &fields).await;
    assert_eq!(status, 200, "{body}");
    let extended = read(&console, approval.id).await.unwrap();
    assert_eq!(extended.end, approval.end + TimeDelta::hours(4));
    assert_eq!(extended.start, approval.start);

    let (status, _) = console
        .submit("extend_approval", &[("id", approval.id.to_string()), ("hours", "5".into())])
        .await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_approval_is_gone() {
    let console = demo_console().await;
    let id = console.list(first_page()).await.approvals[0].id;
    let (status, body) = console.submit("revoke_approval", &[("id", id.to_string())]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        read(&console, id).await,
        Err(ConsoleError::NotFound { what: format!("Approval {id}") })
    );

    let (status, body) = console.submit("revoke_approval", &[("id", id.to_string())]).await;
    assert_eq!(status, 404, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purging_removes_every_expired_approval_and_then_finds_nothing() {
    let console = demo_console().await;
    let expired = ListQuery { status: Some(ApprovalStatus::Expired), ..first_page() };
    assert!(console.list(expired.clone()).await.total_count > 0);

    let (status, body) = console.submit("purge_expired", &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(serde_json::from_str::<PurgeOutcome>(&body).unwrap(), PurgeOutcome::Purged);
    assert_eq!(console.list(expired).await.total_count, 0);

    let (_, body) = console.submit("purge_expired", &[]).await;
    assert_eq!(serde_json::from_str::<PurgeOutcome>(&body).unwrap(), PurgeOutcome::NothingToPurge);
}
