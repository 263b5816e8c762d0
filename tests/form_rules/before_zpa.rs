//! The rules a whole request is held to by `create_approval` and `update_approval`, each named
//! at its field before anything is sent to ZPA, with the edges of each limit.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc, Weekday};
use zpa_approvals::model::{
    ApprovalRequest, ConsoleError, Field, FieldError, WorkingHoursRequest, MAX_SEGMENTS,
};

use super::support::demo_console_with_emulator;
use super::{
    an_active_approval, assert_refused_before_zpa, create, creates, replaces, segment_ids, update,
    valid_request,
};

fn office_hours() -> WorkingHoursRequest {
    WorkingHoursRequest {
        days: vec![Weekday::Mon, Weekday::Thu],
        from: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        to: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        time_zone: "Europe/Berlin".into(),
    }
}

fn hours_with(change: fn(&mut WorkingHoursRequest)) -> Option<WorkingHoursRequest> {
    let mut hours = office_hours();
    change(&mut hours);
    Some(hours)
}

/// A rule broken on purpose: what to change, and the field and words the reader must see.
type Broken = (&'static str, fn(&mut ApprovalRequest), Field, &'static str);

fn broken_rules() -> [Broken; 12] {
    [
        (
            "a start 61 minutes ago",
            |r| r.start = Utc::now() - TimeDelta::minutes(61),
            Field::Start,
            "The start can be at most one hour in the past.",
        ),
        (
            "an end equal to the start",
            |r| r.end = r.start,
            Field::End,
            "The end must be after the start.",
        ),
        (
            "an end before the start",
            |r| r.end = r.start - TimeDelta::minutes(1),
            Field::End,
            "The end must be after the start.",
        ),
        (
            "an end a year and a minute after the start",
            |r| r.end = r.start + TimeDelta::days(365) + TimeDelta::minutes(1),
            Field::End,
            "The end can be at most 365 days after the start.",
        ),
        ("no email", |r| r.email.clear(), Field::Email, "Enter one email address"),
        (
            "two emails",
            |r| r.email = "a@example.com, b@example.com".into(),
            Field::Email,
            "Enter one email address, such as name@example.com.",
        ),
        (
            "an email without a dotted domain",
            |r| r.email = "dana@example".into(),
            Field::Email,
            "Enter one email address",
        ),
        (
            "no segment",
            |r| r.segment_ids.clear(),
            Field::Segments,
            "Choose at least one application segment.",
        ),
        (
            "201 segments",
            |r| r.segment_ids = (1..=201).collect(),
            Field::Segments,
            "Choose at most 200 application segments; 201 are chosen.",
        ),
        (
            "working hours on no day",
            |r| r.working_hours = hours_with(|h| h.days.clear()),
            Field::Days,
            "Choose at least one day.",
        ),
        (
            "working hours that end when they start",
            |r| r.working_hours = hours_with(|h| h.to = h.from),
            Field::To,
            "The daily window must not start and end at the same time.",
        ),
        (
            "working hours in a zone that does not exist",
            |r| r.working_hours = hours_with(|h| h.time_zone = "Europe/Atlantis".into()),
            Field::TimeZone,
            "“Europe/Atlantis” is not a time zone; choose one such as Europe/Berlin.",
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_broken_rule_is_named_at_its_field_and_zpa_is_never_asked() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segments = segment_ids(&console).await;
    for (case, breaks, field, words) in broken_rules() {
        let mut request = valid_request(vec![segments[0]]);
        request.working_hours = Some(office_hours());
        breaks(&mut request);
        let outcome = create(&console, &request).await;
        assert_refused_before_zpa(outcome, field, words, &emulator, case);
    }

    let mut valid = valid_request(vec![segments[0]]);
    valid.working_hours = Some(office_hours());
    create(&console, &valid).await.expect("the request every case starts from is valid");
    assert_eq!(emulator.count_requests(&creates()), 1);
}

/// `start` without its fraction of a second, as ZPA stores it.
fn whole_seconds(start: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(start.timestamp(), 0).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_start_just_inside_the_hour_is_saved_and_one_a_minute_outside_it_is_refused() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segments = segment_ids(&console).await;

    let mut late = valid_request(vec![segments[0]]);
    late.start = whole_seconds(Utc::now() - TimeDelta::hours(1) - TimeDelta::minutes(1));
    let words = "The start can be at most one hour in the past.";
    assert_refused_before_zpa(
        create(&console, &late).await,
        Field::Start,
        words,
        &emulator,
        "61 min",
    );

    // The console checks the hour on arrival, so a start that is exactly one hour old when it
    // is typed is a little older when it is checked; half a minute covers the trip.
    let mut edge = valid_request(vec![segments[0]]);
    edge.start = whole_seconds(Utc::now() - TimeDelta::hours(1) + TimeDelta::seconds(30));
    create(&console, &edge).await.expect("a start just under an hour ago is saved");
    assert_eq!(emulator.count_requests(&creates()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_end_365_days_after_the_start_is_saved_and_a_minute_more_is_refused() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segments = segment_ids(&console).await;

    let mut too_long = valid_request(vec![segments[0]]);
    too_long.end = too_long.start + TimeDelta::days(365) + TimeDelta::minutes(1);
    let words = "The end can be at most 365 days after the start.";
    let outcome = create(&console, &too_long).await;
    assert_refused_before_zpa(outcome, Field::End, words, &emulator, "365 days and a minute");

    let mut year = valid_request(vec![segments[0]]);
    year.end = year.start + TimeDelta::days(365);
    create(&console, &year).await.expect("an end exactly 365 days after the start is saved");
    assert_eq!(emulator.count_requests(&creates()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_segments_are_saved_and_two_hundred_and_one_are_refused() {
    let (console, emulator) = demo_console_with_emulator().await;
    // The demo tenant has fewer than 200 segments, so its segments are named over and over,
    // which ZPA takes as granting each once; the console counts what the reader chose.
    let segments = segment_ids(&console).await;
    let chosen: Vec<u64> = segments.iter().copied().cycle().take(MAX_SEGMENTS + 1).collect();

    let too_many = valid_request(chosen.clone());
    let words = "Choose at most 200 application segments; 201 are chosen.";
    let outcome = create(&console, &too_many).await;
    assert_refused_before_zpa(outcome, Field::Segments, words, &emulator, "201 segments");

    let most = valid_request(chosen[..MAX_SEGMENTS].to_vec());
    create(&console, &most).await.expect("200 segments are saved");
    assert_eq!(emulator.count_requests(&creates()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_segment_zpa_does_not_know_is_reported_as_not_found() {
    let (console, emulator) = demo_console_with_emulator().await;
    // Whether a segment exists only ZPA can say, so this one request does reach it.
    let unknown = valid_request(vec![4_242_424_242]);
    let refusal = create(&console, &unknown).await.unwrap_err();
    assert_eq!(refusal.status, 404);
    assert_eq!(refusal.error, ConsoleError::NotFound { what: "An application segment".into() });
    assert_eq!(refusal.error.headline(), "An application segment was not found.");
    assert_eq!(emulator.count_requests(&creates()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_the_start_of_an_active_approval_is_refused_and_zpa_is_never_asked() {
    let (console, emulator) = demo_console_with_emulator().await;
    let active = an_active_approval(&console).await;
    let mut moved = ApprovalRequest::from_approval(&active);
    moved.start = super::next_minute();
    moved.end = moved.start + TimeDelta::hours(4);

    let refusal = update(&console, active.id, &moved).await.unwrap_err();
    assert_eq!(refusal.status, 400);
    let message = "The approval is active, so ZPA does not allow its start to change.";
    assert_eq!(refusal.fields(), [FieldError::new(Field::Start, message)]);
    assert_eq!(emulator.count_requests(&replaces()), 0, "ZPA was asked to replace it");

    let mut longer = ApprovalRequest::from_approval(&active);
    longer.end += TimeDelta::hours(1);
    update(&console, active.id, &longer).await.expect("a later end with the same start is saved");
    assert_eq!(emulator.count_requests(&replaces()), 1);
}
