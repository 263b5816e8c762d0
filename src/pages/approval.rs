//! `/approvals/{id}`: every field of one approval, with times in the reader's zone and in UTC.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_approval;
use crate::components::{
    scoped_href, set_http_status, use_microtenant, use_viewer_zone, ErrorPanel, ExtendButtons,
    Notice, StatusBadge,
};
use crate::model::{scoped, ApplicationSegment, Approval, ConsoleError};
use crate::time;

#[component]
pub fn ApprovalPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|map| map.get("id").unwrap_or_default()));
    let microtenant = use_microtenant();
    // A change made on this page comes back with `extended=` and the new end (`until=`) in the
    // URL: read afresh then.
    let changed = Memo::new(move |_| {
        query.with(|map| (map.get("extended"), map.get("until"), map.get("saved")))
    });
    let approval = Resource::new(
        move || (id.get(), microtenant.get(), changed.get()),
        |(id, microtenant, _)| approval_named(id, microtenant),
    );

    let content = move || {
        Suspend::new(async move {
            match approval.await {
                Ok(approval) => {
                    let microtenant = microtenant.get_untracked();
                    view! { <ApprovalDetails approval microtenant/> }.into_any()
                }
                Err(error @ ConsoleError::NotFound { .. }) => missing(error).into_any(),
                Err(error) => {
                    let retry = scoped(
                        &format!("/approvals/{}", id.get_untracked()),
                        microtenant.get_untracked(),
                    );
                    view! { <ErrorPanel error retry_href=retry/> }.into_any()
                }
            }
        })
    };
    let list_href = scoped_href("/approvals");
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href=list_href>"Approvals"</a>
            " › "
            <span aria-current="page">{move || format!("Approval {}", id.get())}</span>
        </nav>
        <Notice/>
        <Transition fallback=|| view! { <p class="loading-note">"Loading the approval…"</p> }>
            {content}
        </Transition>
    }
}

/// Reads the approval a route's `:id` names; text that is not an id is simply not found.
pub async fn approval_named(
    id: String,
    microtenant: Option<u64>,
) -> Result<Approval, ConsoleError> {
    match id.parse::<u64>() {
        Ok(number) if number > 0 => get_approval(number, microtenant).await,
        _ => Err(ConsoleError::NotFound { what: format!("Approval “{id}”") }),
    }
}

fn missing(error: ConsoleError) -> impl IntoView {
    set_http_status(&error);
    view! {
        <Title text="Approval not found · ZPA Privileged Approvals"/>
        <section class="error-panel">
            <h1>{error.headline()}</h1>
            <p>{error.advice()}</p>
            <p><a class="button" href=scoped_href("/approvals")>"Go to the approvals list"</a></p>
        </section>
    }
}

#[component]
fn ApprovalDetails(approval: Approval, microtenant: Option<u64>) -> impl IntoView {
    let title =
        format!("{} · Approval {} · ZPA Privileged Approvals", approval.email(), approval.id);
    let duration = describe_duration(approval.end - approval.start);
    let working_hours = approval.working_hours.clone().map(|hours| {
        view! {
            <dt>"Working hours"</dt>
            <dd>
                {time::summarize_hours(&hours)} " in " <span class="zone">{hours.time_zone.clone()}</span>
                <div class="muted small">
                    "ZPA schedule (UTC cron): start " <code>{hours.start_cron.clone()}</code>
                    ", end " <code>{hours.end_cron.clone()}</code>
                </div>
            </dd>
        }
    });
    let segments = approval.segments.clone();
    let segment_count = segments.len();
    let zone = use_viewer_zone();
    view! {
        <Title text=title/>
        <div class="page-heading">
            <h1>{approval.email()}</h1>
            <StatusBadge status=approval.status/>
        </div>
        <ApprovalActions approval=approval.clone() microtenant/>
        <p class="muted small">
            {move || zone.with(|zone| format!("Times are in {}, with UTC beneath.", zone.name()))}
        </p>
        <dl class="details">
            <dt>"Approval id"</dt>
            <dd>{approval.id}</dd>
            <dt>"User email"</dt>
            <dd>{approval.email()}</dd>
            <dt>"Status"</dt>
            <dd><StatusBadge status=approval.status/></dd>
            <dt>"Starts"</dt>
            <dd><Instant at=approval.start/></dd>
            <dt>"Ends"</dt>
            <dd><Instant at=approval.end/></dd>
            <dt>"Length"</dt>
            <dd>{duration}</dd>
            {working_hours}
            <dt>"Microtenant"</dt>
            <dd>{microtenant_label(&approval)}</dd>
            <dt>"Created"</dt>
            <dd>{approval.created.map(|at| view! { <Instant at/> })}</dd>
            <dt>"Last modified"</dt>
            <dd>{approval.modified.map(|at| view! { <Instant at/> })}</dd>
            <dt>"Modified by"</dt>
            <dd>{approval.modified_by.clone().map(|by| format!("ZPA admin or API client {by}"))}</dd>
        </dl>
        <h2>{format!("Application segments ({segment_count})")}</h2>
        <ul class="segments">
            {segments.into_iter().map(|segment| view! { <SegmentItem segment/> }).collect_view()}
        </ul>
    }
}

/// Extend and revoke; the start of an active approval is fixed, so only its end moves.
#[component]
fn ApprovalActions(approval: Approval, microtenant: Option<u64>) -> impl IntoView {
    let here = scoped(&format!("/approvals/{}", approval.id), microtenant);
    let edit_href = scoped(&format!("/approvals/{}/edit", approval.id), microtenant);
    let revoke_href = scoped(&format!("/approvals/{}/revoke", approval.id), microtenant);
    view! {
        <section class="approval-actions" aria-label="Actions">
            <span class="muted small">"Extend the end:"</span>
            <ExtendButtons id=approval.id microtenant return_to=here/>
            <a class="button" href=edit_href>"Edit…"</a>
            <a class="button danger-link" href=revoke_href>"Revoke…"</a>
        </section>
    }
}

/// One instant in the reader's zone, with UTC beneath it.
#[component]
fn Instant(at: DateTime<Utc>) -> impl IntoView {
    let zone = use_viewer_zone();
    view! {
        <time datetime=time::iso(at)>{move || zone.with(|zone| time::format_in(at, zone))}</time>
        <span class="muted small utc">{time::format_utc(at)}</span>
    }
}

#[component]
fn SegmentItem(segment: ApplicationSegment) -> impl IntoView {
    let ports = segment
        .tcp_ports
        .iter()
        .map(|range| {
            if range.from == range.to {
                range.from.to_string()
            } else {
                format!("{}–{}", range.from, range.to)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let domains = if segment.domains.is_empty() {
        "no domains".to_string()
    } else {
        segment.domains.join(", ")
    };
    let disabled = (segment.enabled == Some(false))
        .then(|| view! { " " <span class="badge">"Disabled"</span> });
    view! {
        <li>
            <strong>{segment.display_name()}</strong>
            {disabled}
            <div class="muted small">{domains}</div>
            {(!ports.is_empty()).then(|| view! { <div class="muted small">"TCP " {ports.clone()}</div> })}
        </li>
    }
}

fn microtenant_label(approval: &Approval) -> String {
    match (&approval.microtenant_name, approval.microtenant_id) {
        (Some(name), Some(id)) => format!("{name} ({id})"),
        (None, Some(id)) => id.to_string(),
        _ => "Default".to_string(),
    }
}

/// `4 hours`, `3 days 2 hours`, `45 minutes`: the length of the window, as a person says it.
pub fn describe_duration(length: chrono::TimeDelta) -> String {
    let minutes = length.num_minutes().max(0);
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let unit = |n: i64, word: &str| match n {
        0 => None,
        1 => Some(format!("1 {word}")),
        n => Some(format!("{n} {word}s")),
    };
    let parts: Vec<String> = [unit(days, "day"), unit(hours, "hour"), unit(minutes, "minute")]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "Less than a minute".into()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::describe_duration;
    use chrono::TimeDelta;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(describe_duration(TimeDelta::hours(4)), "4 hours");
        assert_eq!(describe_duration(TimeDelta::minutes(1441)), "1 day 1 minute");
        assert_eq!(describe_duration(TimeDelta::seconds(30)), "Less than a minute");
        assert_eq!(describe_duration(TimeDelta::days(365)), "365 days");
    }
}
