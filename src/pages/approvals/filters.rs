//! The search box and filters above the list: a plain GET form, so it works without JavaScript.

use leptos::prelude::*;
use leptos_router::components::Form;

use crate::model::{ApprovalStatus, ListQuery, PageSize, SortDir, Sorting};

#[component]
pub fn Filters(query: ListQuery) -> impl IntoView {
    let status_options = ApprovalStatus::ALL
        .into_iter()
        .map(|status| {
            let value = status.wire_name().to_ascii_lowercase();
            view! { <option value=value selected=query.status == Some(status)>{status.label()}</option> }
        })
        .collect_view();
    let size_options = PageSize::ALL
        .into_iter()
        .map(|size| {
            let (value, label) = (size.get().to_string(), size.get().to_string());
            view! { <option value=value selected=query.page_size == size>{label}</option> }
        })
        .collect_view();
    // The form replaces the query string, so it carries the parts of the view it doesn't edit.
    let kept_sort = (query.sorting != Sorting::default()).then(|| {
        let dir = if query.sorting.dir == SortDir::Asc { "asc" } else { "desc" };
        view! {
            <input type="hidden" name="sort" value=query.sorting.field.wire_name()/>
            <input type="hidden" name="dir" value=dir/>
        }
    });
    let kept_microtenant = query
        .microtenant
        .map(|id| view! { <input type="hidden" name="microtenant" value=id.to_string()/> });
    view! {
        <Form method="GET" action="/approvals" attr:class="filters" attr:role="search">
            {kept_microtenant}
            {kept_sort}
            <div class="field">
                <label for="search">"User email"</label>
                <input id="search" name="q" type="search" value=query.search.clone()
                    placeholder="name@example.com or part of it" autocomplete="off" maxlength="254"/>
            </div>
            <div class="field">
                <label for="status">"Status"</label>
                <select id="status" name="status">
                    <option value="" selected=query.status.is_none()>"Any status"</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="size">"Rows per page"</label>
                <select id="size" name="size">{size_options}</select>
            </div>
            <button type="submit">"Search"</button>
        </Form>
    }
}
