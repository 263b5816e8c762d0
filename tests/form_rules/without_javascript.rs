//! The form posted as plain HTML: a broken rule and a ZPA refusal each come back with status
//! 400, the words beside the field, and everything the reader typed still in the inputs.

use axum::http::StatusCode;
use chrono::{TimeDelta, Utc};
use zpa_approvals::server::emulator::{error_ids, Fault};

use super::creates;
use super::support::{assert_no_secret, demo_console_with_emulator, Console};

/// The form as a browser without JavaScript sends it, for `segment`: a day ahead, so the start
/// lies in the future whichever zone it is read in.
fn typed_form(segment: u64) -> Vec<(&'static str, String)> {
    let start = Utc::now() + TimeDelta::hours(26);
    let end = start + TimeDelta::days(7);
    vec![
        ("email", "plain.post@example.com".into()),
        ("segment", segment.to_string()),
        ("start_date", start.format("%Y-%m-%d").to_string()),
        ("start_time", start.format("%H:%M").to_string()),
        ("end_date", end.format("%Y-%m-%d").to_string()),
        ("end_time", end.format("%H:%M").to_string()),
        ("window_zone", "Europe/Berlin".into()),
        ("working_hours", "on".into()),
        ("days", "TUE".into()),
        ("days", "THU".into()),
        ("hours_from", "08:30".into()),
        ("hours_to", "16:45".into()),
        ("hours_zone", "Asia/Kolkata".into()),
    ]
}

async fn post_new(console: &Console, form: &[(&str, String)]) -> (u16, String) {
    let response = console
        .http
        .post(format!("{}/approvals/new", console.base))
        .header("origin", &console.base)
        .header("accept", "text/html")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let html = response.text().await.unwrap();
    assert_no_secret(&html);
    (status, html)
}

/// The `<input …>` tags named `name` whose value is `value`.
fn inputs<'a>(html: &'a str, name: &str, value: &str) -> Vec<&'a str> {
    let (name, value) = (format!(r#"name="{name}""#), format!(r#"value="{value}""#));
    html.split("<input")
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter(|tag| tag.contains(&name) && tag.contains(&value))
        .collect()
}

/// Every value of `form` is in the page again: text as typed, boxes ticked.
fn assert_everything_typed_is_kept(html: &str, form: &[(&str, String)]) {
    for (name, value) in form {
        let found = inputs(html, name, value);
        assert!(!found.is_empty(), "{name}={value} is not in the page again");
        if found.iter().any(|tag| tag.contains(r#"type="checkbox""#)) {
            assert!(found.iter().any(|tag| tag.contains("checked")), "{name}={value} unticked");
        }
    }
}

/// The error line beside the field `anchor` (the field's id), as the page renders it.
fn field_error<'a>(html: &'a str, anchor: &str) -> &'a str {
    let marker = format!(r#"id="{anchor}-error""#);
    let Some((_, rest)) = html.split_once(&marker) else {
        panic!("no error beside #{anchor}");
    };
    let text = rest.split_once('>').map_or("", |(_, text)| text);
    text.split("</p>").next().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_rule_posted_without_javascript_is_named_beside_its_field() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segment = super::segment_ids(&console).await[0];
    let mut form = typed_form(segment);
    form.iter_mut().find(|(name, _)| *name == "hours_zone").unwrap().1 = "Asia/Calcuta".into();

    let (status, html) = post_new(&console, &form).await;
    assert_eq!(status, 400);
    assert!(html.contains("The approval was not saved"));
    assert_eq!(
        field_error(&html, "hours_zone"),
        "“Asia/Calcuta” is not a time zone; choose one such as Europe/Berlin."
    );
    assert!(html.contains(r##"href="#hours_zone""##), "the summary links to the field");
    let zone_input = inputs(&html, "hours_zone", "Asia/Calcuta")[0];
    assert!(zone_input.contains(r#"aria-invalid="true""#), "marked for screen readers");
    assert!(zone_input.contains(r#"aria-describedby="hours_zone-error""#));
    let window_zone = inputs(&html, "window_zone", "Europe/Berlin")[0];
    assert!(window_zone.contains(r#"aria-invalid="false""#), "only the field at fault");
    assert_everything_typed_is_kept(&html, &form);
    assert_eq!(emulator.count_requests(&creates()), 0, "ZPA was asked to create it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zpa_refusal_posted_without_javascript_is_named_beside_its_field() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segment = super::segment_ids(&console).await[0];
    let form = typed_form(segment);
    let refused = Fault::error(
        StatusCode::BAD_REQUEST,
        error_ids::EMAIL_INVALID,
        "Exactly one valid email address is required.",
    );
    emulator.inject(refused, creates(), 1);

    let (status, html) = post_new(&console, &form).await;
    assert_eq!(status, 400);
    assert_eq!(field_error(&html, "email"), "Enter one email address, such as name@example.com.");
    assert_everything_typed_is_kept(&html, &form);
    assert_eq!(emulator.count_requests(&creates()), 1);
}
