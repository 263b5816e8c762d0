//! The approvals table, and what the list says when there is nothing to show.

use leptos::prelude::*;

use crate::components::{use_viewer_zone, ExtendButtons, StatusBadge};
use crate::model::{scoped, Approval, ApprovalPage, ApprovalStatus, ListQuery, SortDir, SortField};
use crate::time;

#[component]
pub fn ApprovalsTable(page: ApprovalPage, query: ListQuery) -> impl IntoView {
    let zone = use_viewer_zone();
    let caption =
        move || zone.with(|zone| format!("Privileged approvals. Times are in {}.", zone.name()));
    let narrowed = page.narrowed_locally.then(|| {
        view! {
            <p class="note">
                "The status filter was applied to the first 500 approvals matching the email \
                 search. Search for a full address to see all of one person's approvals."
            </p>
        }
    });
    let microtenant = query.microtenant;
    let here = query.href();
    let rows = page
        .approvals
        .into_iter()
        .map(|approval| view! { <ApprovalRow approval microtenant here=here.clone()/> })
        .collect_view();
    view! {
        {narrowed}
        <div class="table-wrap">
            <table class="approvals">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"User email"</th>
                        <th scope="col">"Application segments"</th>
                        <SortableHeader label="Start" field=SortField::StartTime query=query.clone()/>
                        <SortableHeader label="End" field=SortField::EndTime query=query.clone()/>
                        <SortableHeader label="Status" field=SortField::Status query=query.clone()/>
                        <th scope="col">"Working hours"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A column header that sorts by its field, and says how the table is sorted now.
#[component]
fn SortableHeader(label: &'static str, field: SortField, query: ListQuery) -> impl IntoView {
    let current = (query.sorting.field == field).then_some(query.sorting.dir);
    let aria_sort = match current {
        Some(SortDir::Asc) => "ascending",
        Some(SortDir::Desc) => "descending",
        None => "none",
    };
    let arrow = match current {
        Some(SortDir::Asc) => " ▲",
        Some(SortDir::Desc) => " ▼",
        None => "",
    };
    let next = query.toggled_sort(field);
    let hint = match next.sorting.dir {
        SortDir::Asc => format!("Sort by {} ascending", label.to_lowercase()),
        SortDir::Desc => format!("Sort by {} descending", label.to_lowercase()),
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <a class="sort-link" href=next.href() title=hint.clone() aria-label=hint>
                {label}
                <span aria-hidden="true">{arrow}</span>
            </a>
        </th>
    }
}

#[component]
fn ApprovalRow(approval: Approval, microtenant: Option<u64>, here: String) -> impl IntoView {
    let zone = use_viewer_zone();
    let detail_href = scoped(&format!("/approvals/{}", approval.id), microtenant);
    let segment_names: Vec<String> =
        approval.segments.iter().map(|segment| segment.display_name()).collect();
    let first_segment = segment_names.first().cloned().unwrap_or_else(|| "None".into());
    let more = (segment_names.len() > 1).then(|| {
        let extra = segment_names.len() - 1;
        let all = segment_names.join(", ");
        view! { " " <span class="more" title=all>{format!("+{extra} more")}</span> }
    });
    let (start, end) = (approval.start, approval.end);
    let hours = match &approval.working_hours {
        Some(hours) => {
            let summary = time::summarize_hours(hours);
            let zone_name = hours.time_zone.clone();
            view! { {summary} " " <span class="zone">{zone_name}</span> }.into_any()
        }
        None => view! { <span class="muted">"Any time"</span> }.into_any(),
    };
    view! {
        <tr>
            <td class="email" data-label="User email"><a href=detail_href>{approval.email()}</a></td>
            <td data-label="Segments">{first_segment}{more}</td>
            <td data-label="Start"><time datetime=time::iso(start)>{move || zone.with(|zone| time::format_in(start, zone))}</time></td>
            <td data-label="End"><time datetime=time::iso(end)>{move || zone.with(|zone| time::format_in(end, zone))}</time></td>
            <td data-label="Status">
                <StatusBadge status=approval.status/>
                {(approval.status == ApprovalStatus::Active).then(|| view! {
                    <ExtendButtons id=approval.id microtenant return_to=here.clone()/>
                })}
            </td>
            <td data-label="Working hours">{hours}</td>
        </tr>
    }
}

/// An empty page, explained: no approvals at all, nothing matching, or a page past the end.
#[component]
pub fn EmptyResult(query: ListQuery, total_pages: u32) -> impl IntoView {
    let filtered = !query.search.is_empty() || query.status.is_some();
    let (message, link) = if query.page > 1 && total_pages > 0 {
        (
            match total_pages {
                1 => format!("Page {} is past the end: this view has 1 page.", query.page),
                _ => format!(
                    "Page {} is past the end: this view has {total_pages} pages.",
                    query.page
                ),
            },
            Some((query.with_page(total_pages).href(), "Go to the last page")),
        )
    } else if filtered {
        let cleared = ListQuery { page: 1, search: String::new(), status: None, ..query.clone() };
        (no_match_message(&query), Some((cleared.href(), "Clear the search and filter")))
    } else {
        ("This tenant has no privileged approvals yet.".to_string(), None)
    };
    view! {
        <section class="empty-result" role="status">
            <p>{message}</p>
            {link.map(|(href, label)| view! { <p><a class="button" href=href>{label}</a></p> })}
        </section>
    }
}

fn no_match_message(query: &ListQuery) -> String {
    let mut conditions = Vec::new();
    if !query.search.is_empty() {
        conditions.push(format!("a user email matching “{}”", query.search));
    }
    if let Some(status) = query.status {
        conditions.push(format!("status {}", status.label()));
    }
    format!("No approvals have {}.", conditions.join(" and "))
}
