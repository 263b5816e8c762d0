//! The console's server functions and pages, called through its real router over HTTP, against
//! the built-in ZPA emulator on a loopback port.
//!
//! Known limit: server-rendered pages can stall when several of these tests, each with its own
//! tokio runtime, render at once in one process, so the test command runs tests one at a time.
//! One server under many concurrent readers is proven by `many_readers_at_once_all_get_their_page`.
#![cfg(feature = "ssr")]

mod support;

use std::net::SocketAddr;

use serde_json::json;
use support::{console_against, demo_console, first_page};
use zpa_approvals::model::{
    ApprovalStatus, ConsoleError, ListQuery, PageSize, SortDir, SortField, Sorting,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_pages_through_the_whole_demo_tenant_with_one_sign_in() {
    let console = demo_console().await;
    let first = console.list(first_page()).await;
    assert_eq!(first.approvals.len(), 20);
    assert!(first.total_count >= 150, "seeded tenant has {} approvals", first.total_count);
    assert_eq!(u64::from(first.total_pages), first.total_count.div_ceil(20));

    let last_page = first.total_pages;
    let last = console.list(ListQuery { page: last_page, ..first_page() }).await;
    let expected_rows = first.total_count - u64::from(last_page - 1) * 20;
    assert_eq!(last.approvals.len() as u64, expected_rows);
    assert_eq!(console.state.zpa.sign_in_count(), 1, "the token is reused between calls");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sorting_by_end_time_orders_rows_both_ways() {
    let console = demo_console().await;
    for dir in [SortDir::Asc, SortDir::Desc] {
        let query = ListQuery {
            page_size: PageSize::Hundred,
            sorting: Sorting { field: SortField::EndTime, dir },
            ..first_page()
        };
        let ends: Vec<_> = console.list(query).await.approvals.iter().map(|a| a.end).collect();
        let mut sorted = ends.clone();
        sorted.sort();
        if dir == SortDir::Desc {
            sorted.reverse();
        }
        assert_eq!(ends, sorted, "rows are not in {dir:?} order of end time");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searching_a_full_address_narrows_to_that_person() {
    let console = demo_console().await;
    let someone = console.list(first_page()).await.approvals[0].emails[0].clone();
    let found = console.list(ListQuery { search: someone.clone(), ..first_page() }).await;
    assert!(!found.approvals.is_empty());
    assert!(found.approvals.iter().all(|approval| approval.emails == vec![someone.clone()]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_filter_alone_and_with_a_search_keeps_only_that_status() {
    let console = demo_console().await;
    let expired =
        console.list(ListQuery { status: Some(ApprovalStatus::Expired), ..first_page() }).await;
    assert!(!expired.approvals.is_empty());
    assert!(expired.approvals.iter().all(|a| a.status == ApprovalStatus::Expired));
    assert!(!expired.narrowed_locally);

    let query = ListQuery {
        search: "example".into(),
        status: Some(ApprovalStatus::Active),
        ..first_page()
    };
    let active = console.list(query).await;
    assert!(!active.approvals.is_empty());
    assert!(active.approvals.iter().all(|a| a.status == ApprovalStatus::Active));
    assert!(active.narrowed_locally);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_approval_reads_in_full_and_an_unknown_one_is_not_found() {
    let console = demo_console().await;
    let listed = console.list(first_page()).await.approvals[0].clone();
    let (status, body) =
        console.call("get_approval", json!({ "id": listed.id, "microtenant": null })).await;
    assert_eq!(status, 200, "{body}");
    let approval: zpa_approvals::model::Approval = serde_json::from_str(&body).unwrap();
    assert_eq!(approval.id, listed.id);
    assert!(approval.segments.iter().all(|segment| segment.name.is_some()));

    let (status, body) =
        console.call("get_approval", json!({ "id": 987654321, "microtenant": null })).await;
    assert_ne!(status, 200);
    let error: ConsoleError = serde_json::from_str(&body).unwrap();
    assert_eq!(error, ConsoleError::NotFound { what: "Approval 987654321".into() });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_arguments_are_refused_before_zpa_is_called() {
    let console = demo_console().await;
    let (status, body) =
        console.call("list_approvals", json!({ "query": ListQuery::default() })).await;
    assert_ne!(status, 200);
    let error: ConsoleError = serde_json::from_str(&body).unwrap();
    assert!(matches!(error, ConsoleError::InvalidInput { field, .. } if field == "page"));

    let (status, body) =
        console.call("get_approval", json!({ "id": 0, "microtenant": null })).await;
    assert_ne!(status, 200);
    assert!(body.contains("InvalidInput"), "{body}");
    assert_eq!(console.state.zpa.sign_in_count(), 0, "nothing was sent to ZPA");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_from_another_site_are_refused() {
    let console = demo_console().await;
    let response = console
        .http
        .post(format!("{}/api/list_approvals", console.base))
        .header("content-type", "application/json")
        .header("origin", "https://elsewhere.example")
        .header("sec-fetch-site", "cross-site")
        .json(&json!({ "query": first_page() }))
        .send()
        .await
        .unwrap();
    assert_ne!(response.status().as_u16(), 200);
    let error: ConsoleError = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(error, ConsoleError::Forbidden);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_on_the_server_with_real_status_codes() {
    let console = demo_console().await;
    let (status, html) = console.page("/approvals").await;
    assert_eq!(status, 200);
    assert!(html.contains("<table class=\"approvals\""), "the list renders as a table");
    assert!(html.contains("Page 1 of"), "the pager is rendered");

    let (status, html) = console.page("/approvals/987654321").await;
    assert_eq!(status, 404);
    assert!(html.contains("Approval 987654321 was not found."));

    let (status, _) = console.page("/no-such-page").await;
    assert_eq!(status, 404);

    let response = console.http.get(format!("{}/", console.base)).send().await.unwrap();
    assert!(response.status().is_redirection());
    assert_eq!(response.headers()["location"], "/approvals");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_view_costs_one_zpa_call() {
    let console = demo_console().await;
    // The first view also signs in and reads the microtenants for the selector, which are
    // then reused for minutes.
    let (status, _) = console.page("/approvals?page=3").await;
    assert_eq!(status, 200);
    assert_eq!(console.state.zpa.api_call_count(), 2);
    for path in ["/approvals", "/approvals?page=2&sort=endTime&dir=asc", "/approvals/20001"] {
        let before = console.state.zpa.api_call_count();
        let (status, _) = console.page(path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(console.state.zpa.api_call_count() - before, 1, "{path}");
    }
    assert_eq!(console.state.zpa.sign_in_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_readers_at_once_all_get_their_page() {
    let console = demo_console().await;
    let views = (1..=40).map(|n| {
        let (http, base) = (console.http.clone(), console.base.clone());
        tokio::spawn(async move {
            let path = format!("/approvals?page={}&sort=endTime&dir=asc", n % 8 + 1);
            let response = http.get(format!("{base}{path}")).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap().contains("Page "))
        })
    });
    let answers = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        let mut answers = Vec::new();
        for view in views {
            answers.push(view.await.unwrap());
        }
        answers
    })
    .await
    .expect("every concurrent page view finishes");
    assert!(answers.iter().all(|&(status, paged)| status == 200 && paged));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_zpa_is_explained_with_a_bad_gateway_status() {
    // A port that was free a moment ago, on a loopback address no other test listens on, so
    // nothing can be listening there now.
    let elsewhere = SocketAddr::from(([127, 0, 0, 2], 0));
    let closed = tokio::net::TcpListener::bind(elsewhere).await.unwrap().local_addr().unwrap();
    let console = console_against(format!("http://{closed}"), 1).await;
    let (status, html) = console.page("/approvals").await;
    assert_eq!(status, 502);
    assert!(html.contains("ZPA could not be reached."));
    assert!(html.contains(">Retry</a>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_queued_behind_a_silent_zpa_are_answered_together() {
    // A ZPA that accepts connections and never answers: the first sign-in times out, and the
    // readers who queued behind it get its answer then, not one timeout after another.
    let silent =
        tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 3], 0))).await.unwrap();
    let console = console_against(format!("http://{}", silent.local_addr().unwrap()), 1).await;
    let started = std::time::Instant::now();
    let views = (0..4).map(|_| {
        let (http, base) = (console.http.clone(), console.base.clone());
        tokio::spawn(
            async move { http.get(format!("{base}/approvals")).send().await.unwrap().status() },
        )
    });
    for view in views {
        assert_eq!(view.await.unwrap().as_u16(), 504);
    }
    let waited = started.elapsed();
    assert!(waited < std::time::Duration::from_secs(30), "readers waited {waited:?}");
    drop(silent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_microtenant_in_the_url_scopes_the_page_and_the_selector() {
    let console = demo_console().await;
    let (status, html) = console.page("/approvals?microtenant=145260601092866314&size=100").await;
    assert_eq!(status, 200);
    let selector = html
        .split("id=\"microtenant-choice\"")
        .nth(1)
        .and_then(|rest| rest.split("</select>").next())
        .expect("the page has the microtenant selector");
    let selected: Vec<&str> =
        selector.split("<option").filter(|option| option.contains("selected")).collect();
    assert_eq!(selected.len(), 1, "one option is chosen");
    assert!(selected[0].contains(">Contractors</option>"), "{}", selected[0]);
    for option in ["All microtenants", "Default", "Contractors", "EMEA Operations"] {
        assert!(selector.contains(&format!(">{option}</option>")), "{option} is offered");
    }
    let emails: Vec<&str> = html
        .split("class=\"email\"")
        .skip(1)
        .filter_map(|cell| cell.split('>').nth(2)?.split('<').next())
        .collect();
    assert!(!emails.is_empty());
    assert!(emails.iter().all(|email| email.ends_with("@partner.example.com")), "{emails:?}");
    assert!(html.contains("?microtenant=145260601092866314\""), "links keep the microtenant");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_approval_offers_the_segments_of_the_microtenant_it_will_land_in() {
    let console = demo_console().await;
    let start = |microtenant: Option<u64>| {
        let console = &console;
        async move {
            let args = json!({ "id": null, "microtenant": microtenant, "email": null });
            let (status, body) = console.call("start_form", args).await;
            assert_eq!(status, 200, "{body}");
            serde_json::from_str::<zpa_approvals::api::FormStart>(&body).unwrap()
        }
    };
    // No microtenant chosen: the approval goes to Default, so Default's segments are offered.
    let everywhere = start(None).await;
    assert_eq!(everywhere.home_microtenant, 0);
    assert!(!everywhere.segments.is_empty());
    assert!(everywhere.segments.iter().all(|segment| segment.microtenant_id.is_none()));

    let contractors = start(Some(145260601092866314)).await;
    assert_eq!(contractors.home_microtenant, 145260601092866314);
    assert!(!contractors.segments.is_empty());
    assert!(contractors.segments.iter().all(|s| s.microtenant_id == Some(145260601092866314)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_with_a_body_that_cannot_be_read_is_a_bad_request() {
    let console = demo_console().await;
    let response = console
        .http
        .post(format!("{}/api/list_approvals", console.base))
        .header("content-type", "application/json")
        .header("origin", &console.base)
        .header("sec-fetch-site", "same-origin")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    assert_eq!(status, 400, "{body}");
    let error: ConsoleError = serde_json::from_str(&body).unwrap();
    assert!(matches!(error, ConsoleError::InvalidInput { .. }), "{error:?}");
}
