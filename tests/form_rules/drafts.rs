//! The rules on the form as typed, through `save_approval` (the form's path with JavaScript
//! on): values that cannot be read, zones that do not exist, and local times the clocks skip.

use zpa_approvals::model::{ApprovalDraft, Field};

use super::support::demo_console_with_emulator;
use super::{assert_refused_before_zpa, creates, save, segment_ids, valid_draft};

/// A form filled in wrongly on purpose: what to change, and the field and words to see.
type Mistyped = (&'static str, fn(&mut ApprovalDraft), Field, &'static str);

fn mistyped_forms() -> [Mistyped; 14] {
    [
        (
            "working hours from 9",
            |d| d.hours_from = "9".into(),
            Field::From,
            "Enter a time as HH:MM, such as 09:00, not “9”.",
        ),
        (
            "working hours to 5pm",
            |d| d.hours_to = "5pm".into(),
            Field::To,
            "Enter a time as HH:MM, such as 09:00, not “5pm”.",
        ),
        (
            "a start time of 9.30",
            |d| d.start_time = "9.30".into(),
            Field::Start,
            "Enter a time as HH:MM, such as 09:00, not “9.30”.",
        ),
        (
            "an end date written the British way",
            |d| d.end_date = "11/12/2030".into(),
            Field::End,
            "Enter a date as YYYY-MM-DD, not “11/12/2030”.",
        ),
        (
            "a window zone that is a city",
            |d| d.window_zone = "Berlin".into(),
            Field::WindowZone,
            "“Berlin” is not a time zone; choose one such as Europe/Berlin.",
        ),
        (
            "a working-hours zone with a typo",
            |d| d.hours_zone = "Europe/Berlinn".into(),
            Field::TimeZone,
            "“Europe/Berlinn” is not a time zone; choose one such as Europe/Berlin.",
        ),
        ("no working day", |d| d.days.clear(), Field::Days, "Choose at least one day."),
        (
            "a day that is not one",
            |d| d.days = vec!["Funday".into()],
            Field::Days,
            "Choose days from Monday to Sunday.",
        ),
        (
            "two emails",
            |d| d.email = "a@example.com; b@example.com".into(),
            Field::Email,
            "Enter one email address, such as name@example.com.",
        ),
        (
            "a segment named instead of numbered",
            |d| d.segment_ids = vec!["jump-hosts".into()],
            Field::Segments,
            "“jump-hosts” is not a segment id.",
        ),
        (
            "no segment",
            |d| d.segment_ids.clear(),
            Field::Segments,
            "Choose at least one application segment.",
        ),
        (
            "a start the clocks skip in Berlin",
            |d| {
                d.window_zone = "Europe/Berlin".into();
                (d.start_date, d.start_time) = ("2027-03-28".into(), "02:30".into());
                (d.end_date, d.end_time) = ("2027-03-28".into(), "12:00".into());
            },
            Field::Start,
            "02:30 on 28 Mar 2027 does not exist in Europe/Berlin: the clocks skip it for \
             daylight saving time. Choose a time an hour later.",
        ),
        (
            "an end the clocks skip in Berlin",
            |d| {
                d.window_zone = "Europe/Berlin".into();
                (d.start_date, d.start_time) = ("2027-03-27".into(), "12:00".into());
                (d.end_date, d.end_time) = ("2027-03-28".into(), "02:00".into());
            },
            Field::End,
            "02:00 on 28 Mar 2027 does not exist in Europe/Berlin",
        ),
        (
            "an end before the start",
            |d| (d.end_date, d.end_time) = (d.start_date.clone(), "00:00".into()),
            Field::End,
            "The end must be after the start.",
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_mistyped_field_is_named_as_typed_and_zpa_is_never_asked() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segment = segment_ids(&console).await[0];
    for (case, mistype, field, words) in mistyped_forms() {
        let mut draft = valid_draft(segment);
        mistype(&mut draft);
        let outcome = save(&console, None, &draft).await;
        assert_refused_before_zpa(outcome, field, words, &emulator, case);
    }

    save(&console, None, &valid_draft(segment)).await.expect("the form every case starts from");
    assert_eq!(emulator.count_requests(&creates()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zones_are_only_checked_where_they_are_used() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segment = segment_ids(&console).await[0];
    // Working hours that are off are never sent, so their leftover fields cannot be wrong.
    let mut hours_off = valid_draft(segment);
    hours_off.working_hours = false;
    (hours_off.hours_zone, hours_off.hours_from) = ("Nowhere".into(), "later".into());
    save(&console, None, &hours_off).await.expect("unused working hours are not checked");
    assert_eq!(emulator.count_requests(&creates()), 1);
}
