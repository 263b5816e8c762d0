//! How one view of the approvals list becomes one ZPA list request.
//!
//! ZPA's `search` takes a single `field+OP+value` expression. The list offers an email search
//! and a status filter; when both are set, ZPA is asked for the email matches (one page of up
//! to 500) and the status filter is applied to those rows here.

use crate::model::{Approval, ApprovalPage, ApprovalStatus, ListQuery};

/// The page size asked for when the console narrows rows itself: ZPA's maximum.
const NARROWING_PAGE_SIZE: u32 = 500;

/// The query parameters of one `GET /approval`.
#[derive(Debug, PartialEq, Eq)]
pub struct ListRequest {
    pub page: u32,
    pub page_size: u32,
    pub search: Option<String>,
    pub sort_by: &'static str,
    pub sort_dir: &'static str,
    /// A status filter ZPA could not apply in the same request.
    pub narrow_to: Option<ApprovalStatus>,
}

impl ListRequest {
    pub fn for_view(query: &ListQuery) -> Self {
        let email = email_expression(&query.search);
        let (search, narrow_to) = match (email, query.status) {
            (Some(email), status) => (Some(email), status),
            (None, Some(status)) => (Some(format!("status+EQ+{}", status.wire_name())), None),
            (None, None) => (None, None),
        };
        let (page, page_size) = match narrow_to {
            Some(_) => (1, NARROWING_PAGE_SIZE),
            None => (query.page, query.page_size.get()),
        };
        Self {
            page,
            page_size,
            search,
            sort_by: query.sorting.field.wire_name(),
            sort_dir: query.sorting.dir.wire_name(),
            narrow_to,
        }
    }

    /// Applies the status filter ZPA could not, and cuts out the page the view asked for.
    pub fn finish(&self, upstream: ApprovalPage, query: &ListQuery) -> ApprovalPage {
        let Some(status) = self.narrow_to else { return upstream };
        let matching: Vec<Approval> =
            upstream.approvals.into_iter().filter(|approval| approval.status == status).collect();
        let page_size = query.page_size.get();
        let total_count = matching.len() as u64;
        let total_pages = total_count.div_ceil(u64::from(page_size)) as u32;
        let skip = (query.page.saturating_sub(1) as usize).saturating_mul(page_size as usize);
        ApprovalPage {
            approvals: matching.into_iter().skip(skip).take(page_size as usize).collect(),
            total_count,
            total_pages,
            page: query.page,
            page_size,
            narrowed_locally: true,
        }
    }
}

/// `emailIds+EQ+…` for a whole address, `emailIds+CONTAINS+…` for part of one.
fn email_expression(search: &str) -> Option<String> {
    let search = search.trim();
    if search.is_empty() {
        return None;
    }
    let operator = if looks_like_full_address(search) { "EQ" } else { "CONTAINS" };
    Some(format!("emailIds+{operator}+{search}"))
}

fn looks_like_full_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !text.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PageSize, SortDir, SortField, Sorting};

    #[test]
    fn a_whole_address_is_matched_exactly_and_part_of_one_by_contains() {
        assert_eq!(email_expression("dana@example.com").unwrap(), "emailIds+EQ+dana@example.com");
        assert_eq!(email_expression(" dana ").unwrap(), "emailIds+CONTAINS+dana");
        assert_eq!(email_expression("dana@").unwrap(), "emailIds+CONTAINS+dana@");
        assert_eq!(email_expression("@example.com").unwrap(), "emailIds+CONTAINS+@example.com");
        assert_eq!(email_expression(""), None);
    }

    #[test]
    fn status_alone_is_filtered_by_zpa() {
        let query = ListQuery {
            page: 2,
            page_size: PageSize::Fifty,
            status: Some(ApprovalStatus::Expired),
            sorting: Sorting { field: SortField::EndTime, dir: SortDir::Asc },
            ..Default::default()
        };
        let request = ListRequest::for_view(&query);
        assert_eq!(request.search.as_deref(), Some("status+EQ+EXPIRED"));
        assert_eq!((request.page, request.page_size), (2, 50));
        assert_eq!((request.sort_by, request.sort_dir), ("endTime", "ASC"));
        assert_eq!(request.narrow_to, None);
    }

    #[test]
    fn email_and_status_together_narrow_one_large_page_locally() {
        let query = ListQuery {
            page: 3,
            search: "ops".into(),
            status: Some(ApprovalStatus::Active),
            ..Default::default()
        };
        let request = ListRequest::for_view(&query);
        assert_eq!(request.search.as_deref(), Some("emailIds+CONTAINS+ops"));
        assert_eq!((request.page, request.page_size), (1, 500));
        assert_eq!(request.narrow_to, Some(ApprovalStatus::Active));
    }
}
