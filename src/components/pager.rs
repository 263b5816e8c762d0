//! Previous / next links with "page N of M" and the range of rows shown.

use leptos::prelude::*;

use crate::model::ListQuery;

/// Which pages a pager links to, worked out without any view code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PagerLinks {
    pub previous: Option<u32>,
    pub next: Option<u32>,
    /// `Showing 21–40 of 153`, or nothing when the page is empty.
    pub range: Option<(u64, u64, u64)>,
}

impl PagerLinks {
    pub fn new(
        page: u32,
        page_size: u32,
        rows_on_page: usize,
        total_pages: u32,
        total_count: u64,
    ) -> Self {
        let previous = (page > 1).then(|| page.min(total_pages.max(1) + 1) - 1);
        let next = (page < total_pages).then_some(page + 1);
        let range = (rows_on_page > 0).then(|| {
            let first = u64::from(page - 1) * u64::from(page_size) + 1;
            (first, first + rows_on_page as u64 - 1, total_count)
        });
        Self { previous, next, range }
    }
}

#[component]
pub fn Pager(query: ListQuery, links: PagerLinks, total_pages: u32) -> impl IntoView {
    let page_link = |page: Option<u32>, label: &'static str, rel: &'static str| match page {
        Some(page) => {
            view! { <a class="button" rel=rel href=query.with_page(page).href()>{label}</a> }
                .into_any()
        }
        None => {
            view! { <span class="button disabled" aria-disabled="true">{label}</span> }.into_any()
        }
    };
    let position = format!("Page {} of {}", query.page, total_pages.max(1));
    let range =
        links.range.map(|(first, last, total)| format!("Showing {first}–{last} of {total}"));
    view! {
        <nav class="pager" aria-label="Pages">
            {page_link(links.previous, "Previous", "prev")}
            <span class="pager-position" aria-current="page">{position}</span>
            {page_link(links.next, "Next", "next")}
            <span class="pager-range">{range}</span>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_page_has_no_previous() {
        let links = PagerLinks::new(1, 20, 20, 8, 153);
        assert_eq!((links.previous, links.next), (None, Some(2)));
        assert_eq!(links.range, Some((1, 20, 153)));
    }

    #[test]
    fn last_page_shows_the_short_remainder() {
        let links = PagerLinks::new(8, 20, 13, 8, 153);
        assert_eq!((links.previous, links.next), (Some(7), None));
        assert_eq!(links.range, Some((141, 153, 153)));
    }

    #[test]
    fn a_page_past_the_end_leads_back_to_the_last_page() {
        let links = PagerLinks::new(40, 20, 0, 8, 153);
        assert_eq!((links.previous, links.next), (Some(8), None));
        assert_eq!(links.range, None);
    }
}
