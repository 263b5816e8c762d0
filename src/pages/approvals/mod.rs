//! `/approvals`: every approval of the tenant, paged, sorted, searched and filtered.
//!
//! The whole view lives in the URL (see `ListQuery`), so links share it and back/forward work.
//! Without JavaScript the page is plain links and a GET form; with it, the router swaps pages
//! in place and the old rows stay visible, marked busy, while the next ones load.

mod filters;
mod table;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::list_approvals;
use crate::components::{ErrorPanel, Notice, Pager, PagerLinks};
use crate::model::{scoped, ApprovalPage, ListQuery};
use filters::Filters;
use table::{ApprovalsTable, EmptyResult};

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|map| {
            ListQuery::from_url_pairs(map.into_iter().map(|(key, value)| (key.as_ref(), value)))
        })
    });
    // A change made from this page comes back with a notice in the URL: list afresh then.
    let changed = Memo::new(move |_| {
        query_map.with(|map| {
            (map.get("extended"), map.get("until"), map.get("revoked"), map.get("purged"))
        })
    });
    let approvals =
        Resource::new(move || (query.get(), changed.get()), |(query, _)| list_approvals(query));
    let loading = RwSignal::new(false);

    let results = move || {
        Suspend::new(async move {
            let query = query.get_untracked();
            match approvals.await {
                Ok(page) => results_view(page, query).into_any(),
                Err(error) => view! { <ErrorPanel error retry_href=query.href()/> }.into_any(),
            }
        })
    };

    view! {
        <Title text="Approvals · ZPA Privileged Approvals"/>
        <div class="page-heading">
            <h1>"Privileged approvals"</h1>
            <a class="button primary" href=move || scoped("/approvals/new", query.get().microtenant)>
                "New approval"
            </a>
            <a class="button" href=move || scoped("/approvals/purge", query.get().microtenant)>
                "Purge expired…"
            </a>
        </div>
        <Notice/>
        {move || view! { <Filters query=query.get()/> }}
        <div class="results" aria-busy=move || loading.get().to_string() aria-live="polite">
            <p class="loading-note" hidden=move || !loading.get()>"Loading…"</p>
            <Transition fallback=|| view! { <p class="loading-note">"Loading approvals…"</p> } set_pending=loading>
                {results}
            </Transition>
        </div>
    }
}

fn results_view(page: ApprovalPage, query: ListQuery) -> impl IntoView {
    let links = PagerLinks::new(
        query.page,
        query.page_size.get(),
        page.approvals.len(),
        page.total_pages,
        page.total_count,
    );
    let total_pages = page.total_pages;
    if page.approvals.is_empty() {
        return view! { <EmptyResult query total_pages/> }.into_any();
    }
    view! {
        <ApprovalsTable page query=query.clone()/>
        <Pager query links total_pages/>
    }
    .into_any()
}
