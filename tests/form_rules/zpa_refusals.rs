//! What ZPA's refusals become: the ones that belong to a field are shown beside it in the
//! form's own words; the rest say at the top what happened and what to do next.

use axum::http::StatusCode;
use chrono::TimeDelta;
use zpa_approvals::model::{ApprovalRequest, ConsoleError, Field, FieldError};
use zpa_approvals::server::emulator::{error_ids, Fault};

use super::support::demo_console_with_emulator;
use super::{
    an_active_approval, create, creates, replaces, save, segment_ids, update, valid_draft,
    valid_request,
};

/// ZPA's error ids that belong to a field, with the field and the words the reader sees.
const FIELD_REFUSALS: [(&str, Field, &str); 8] = [
    (
        error_ids::STARTTIME_UPDATE_NOT_ALLOWED,
        Field::Start,
        "The approval is active, so ZPA does not allow its start to change.",
    ),
    (error_ids::STARTTIME_IN_PAST, Field::Start, "The start can be at most one hour in the past."),
    (error_ids::ENDTIME_BEFORE_STARTTIME, Field::End, "The end must be after the start."),
    (error_ids::DURATION_TOO_LONG, Field::End, "The end can be at most 365 days after the start."),
    (error_ids::EMAIL_INVALID, Field::Email, "Enter one email address, such as name@example.com."),
    (
        error_ids::APPLICATIONS_INVALID,
        Field::Segments,
        "Choose between 1 and 200 existing application segments.",
    ),
    (error_ids::WORKINGHOURS_INVALID, Field::Days, "Check the working days and hours."),
    (error_ids::TIMEZONE_INVALID, Field::TimeZone, "Choose a time zone such as Europe/Berlin."),
];

fn refused_with(id: &str) -> Fault {
    Fault::error(StatusCode::BAD_REQUEST, id, format!("ZPA's own reason for {id}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_zpa_refusal_of_a_create_that_a_field_owns_is_shown_beside_that_field() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segments = segment_ids(&console).await;
    for (id, field, words) in FIELD_REFUSALS {
        emulator.inject(refused_with(id), creates(), 1);
        let refusal = create(&console, &valid_request(vec![segments[0]])).await.unwrap_err();
        assert_eq!(refusal.status, 400, "{id}");
        assert_eq!(refusal.fields(), [FieldError::new(field, words)], "{id}");
    }
    assert_eq!(emulator.count_requests(&creates()), FIELD_REFUSALS.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_own_save_shows_a_zpa_refusal_beside_its_field() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segment = segment_ids(&console).await[0];
    emulator.inject(refused_with(error_ids::TIMEZONE_INVALID), creates(), 1);
    let refusal = save(&console, None, &valid_draft(segment)).await.unwrap_err();
    assert_eq!(refusal.status, 400);
    let words = "Choose a time zone such as Europe/Berlin.";
    assert_eq!(refusal.fields(), [FieldError::new(Field::TimeZone, words)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zpa_refusing_to_move_an_active_start_on_replace_is_shown_beside_the_start() {
    let (console, emulator) = demo_console_with_emulator().await;
    let active = an_active_approval(&console).await;
    let mut longer = ApprovalRequest::from_approval(&active);
    longer.end += TimeDelta::hours(1);
    emulator.inject(refused_with(error_ids::STARTTIME_UPDATE_NOT_ALLOWED), replaces(), 1);

    let refusal = update(&console, active.id, &longer).await.unwrap_err();
    assert_eq!(refusal.status, 400);
    let words = "The approval is active, so ZPA does not allow its start to change.";
    assert_eq!(refusal.fields(), [FieldError::new(Field::Start, words)]);
    assert_eq!(emulator.count_requests(&replaces()), 1);
}

/// A refusal no field owns: the fault, and what the reader must be shown for it.
struct Unowned {
    case: &'static str,
    fault: Fault,
    error: ConsoleError,
    status: u16,
    headline: &'static str,
    advice: &'static str,
}

fn unowned_refusals() -> [Unowned; 6] {
    let concurrent = "Unable to modify the resource due to concurrent change requests. Try again";
    let forbidden = "The approval's microtenant does not allow this change.";
    [
        Unowned {
            case: "409 concurrent change",
            fault: Fault::ConcurrentAccess,
            error: ConsoleError::Rejected {
                zpa_error_id: error_ids::CONCURRENT_ACCESS.into(),
                reason: concurrent.into(),
            },
            status: 502,
            headline: "ZPA refused the request: Unable to modify the resource due to concurrent \
                       change requests. Try again.",
            advice: "quote the ZPA error above to your ZPA administrator",
        },
        Unowned {
            case: "429 with retry-after",
            fault: Fault::too_many_requests("4s"),
            error: ConsoleError::Busy { retry_after_secs: Some(4) },
            status: 503,
            headline: "ZPA is busy.",
            advice: "Try again in 4 seconds.",
        },
        Unowned {
            case: "429 with a wait of one second",
            fault: Fault::too_many_requests("1"),
            error: ConsoleError::Busy { retry_after_secs: Some(1) },
            status: 503,
            headline: "ZPA is busy.",
            advice: "Try again in 1 second.",
        },
        Unowned {
            // A 503 to a write does not say whether ZPA acted, so the console looks first.
            case: "503 retryable",
            fault: Fault::unavailable(),
            error: ConsoleError::NotSaved { what: "the new approval".into() },
            status: 503,
            headline: "ZPA did not confirm the change to the new approval, and it did not happen.",
            advice: "Nothing was changed. Try again.",
        },
        Unowned {
            case: "403",
            fault: Fault::error(StatusCode::FORBIDDEN, "access.denied", "Access denied"),
            error: ConsoleError::SignInFailed,
            status: 502,
            headline: "ZPA refused the console's API credentials.",
            advice: "check its ZPA API client credentials; nothing you do here can fix this.",
        },
        Unowned {
            case: "an unknown 400 id",
            fault: Fault::error(
                StatusCode::BAD_REQUEST,
                "non.restricted.entity.authorization.failed",
                forbidden,
            ),
            error: ConsoleError::Rejected {
                zpa_error_id: "non.restricted.entity.authorization.failed".into(),
                reason: forbidden.into(),
            },
            status: 502,
            headline: "ZPA refused the request: The approval's microtenant does not allow this \
                       change.",
            advice: "quote the ZPA error above to your ZPA administrator",
        },
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zpa_refusals_no_field_owns_say_what_happened_and_what_to_do() {
    let (console, emulator) = demo_console_with_emulator().await;
    let segments = segment_ids(&console).await;
    for Unowned { case, fault, error, status, headline, advice } in unowned_refusals() {
        // Enough uses that the fault outlasts every retry the console makes on its own: a
        // 429 is waited out and repeated for as long as a reader can wait.
        emulator.inject(fault, creates(), 100);
        let refusal = create(&console, &valid_request(vec![segments[0]])).await.unwrap_err();
        emulator.clear_faults();
        assert_eq!(refusal.error, error, "{case}");
        assert_eq!(refusal.status, status, "{case}");
        assert_eq!(refusal.error.headline(), headline, "{case}");
        assert!(refusal.error.advice().contains(advice), "{case}: {}", refusal.error.advice());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approval_gone_from_zpa_while_it_is_saved_is_reported_not_found() {
    let (console, emulator) = demo_console_with_emulator().await;
    let active = an_active_approval(&console).await;
    let mut longer = ApprovalRequest::from_approval(&active);
    longer.end += TimeDelta::hours(1);
    let gone = Fault::error(StatusCode::NOT_FOUND, "resource.not.found", "No resource exists");
    emulator.inject(gone, replaces(), 10);

    let refusal = update(&console, active.id, &longer).await.unwrap_err();
    assert_eq!(refusal.status, 404);
    assert_eq!(refusal.error, ConsoleError::NotFound { what: format!("Approval {}", active.id) });
    assert_eq!(refusal.error.headline(), format!("Approval {} was not found.", active.id));
    assert!(refusal.error.advice().contains("Go back to the list"));
}
