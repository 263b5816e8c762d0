//! The approval form posted as plain HTML (JavaScript off), through the console's router.
#![cfg(feature = "ssr")]

mod support;

use chrono::{TimeDelta, Utc};
use support::{assert_no_secret, demo_console, first_page, Console};

async fn post(console: &Console, path: &str, fields: &[(&str, String)]) -> reqwest::Response {
    console
        .http
        .post(format!("{}{path}", console.base))
        .header("origin", &console.base)
        .header("accept", "text/html")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// A valid form for `segment`: four hours from the next whole minute, in UTC.
fn valid_form(segment: u64) -> Vec<(&'static str, String)> {
    let start = Utc::now() + TimeDelta::minutes(2);
    let end = start + TimeDelta::hours(4);
    vec![
        ("email", "form.user@example.com".into()),
        ("segment", segment.to_string()),
        ("start_date", start.format("%Y-%m-%d").to_string()),
        ("start_time", start.format("%H:%M").to_string()),
        ("end_date", end.format("%Y-%m-%d").to_string()),
        ("end_time", end.format("%H:%M").to_string()),
        ("window_zone", "UTC".into()),
        ("days", "MON".into()),
        ("hours_from", "09:00".into()),
        ("hours_to", "17:00".into()),
        ("hours_zone", "UTC".into()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_renders_with_a_prefilled_email_from_a_ticket_link() {
    let console = demo_console().await;
    let (status, html) = console.page("/approvals/new?email=ticket.user%40example.com").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"value="ticket.user@example.com""#), "the email is prefilled");
    assert!(html.contains(r#"name="segment""#), "segments can be picked without JavaScript");
    assert!(html.contains(r#"<datalist id="zones""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_post_creates_the_approval_and_leads_to_it() {
    let console = demo_console().await;
    let segment = console.list(first_page()).await.approvals[0].segments[0].id;
    let response = post(&console, "/approvals/new", &valid_form(segment)).await;
    assert_eq!(response.status().as_u16(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/approvals/"), "{location}");
    let (status, html) = console.page(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("form.user@example.com"));
    assert!(html.contains("was saved in ZPA"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_post_comes_back_with_every_value_kept_and_each_error_beside_its_field() {
    let console = demo_console().await;
    let mut form = valid_form(1);
    form[0].1 = "not-an-address".into();
    form.retain(|(key, _)| *key != "segment");
    form[3].1 = "2001-01-01".into(); // end_date, now before the start
    let response = post(&console, "/approvals/new", &form).await;
    assert_eq!(response.status().as_u16(), 400);
    let html = response.text().await.unwrap();
    assert_no_secret(&html);
    assert!(html.contains("The approval was not saved"));
    assert!(html.contains(r#"value="not-an-address""#), "the typed email is kept");
    assert!(html.contains("Enter one email address"));
    assert!(html.contains("Choose at least one application segment."));
    assert!(html.contains("The end must be after the start."));
    assert!(html.contains(r##"href="#email""##), "the summary links to the field");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_time_is_reported_together_with_the_other_mistakes() {
    let console = demo_console().await;
    let mut form = valid_form(1);
    form[0].1 = "two@example.com, three@example.com".into();
    form[3].1 = "5pm".into(); // start_time
    let response = post(&console, "/approvals/new", &form).await;
    assert_eq!(response.status().as_u16(), 400);
    let html = response.text().await.unwrap();
    assert!(html.contains("Enter a time as HH:MM"));
    assert!(html.contains("Enter one email address"));
    assert!(html.contains(r#"value="5pm""#), "the unreadable time is kept as typed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_from_another_site_is_refused() {
    let console = demo_console().await;
    let response = console
        .http
        .post(format!("{}/approvals/new", console.base))
        .header("origin", "https://elsewhere.example")
        .form(&valid_form(1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
}
