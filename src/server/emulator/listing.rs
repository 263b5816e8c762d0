//! The query language ZPA's list endpoints share: paging, `search` filters and sort direction.
//!
//! Parsing is strict, as ZPA's is: a value it cannot read is a 400 with ZPA's error body, never
//! a silent default, so the console's own query building is tested for real.

use super::errors::{ids, ZpaError};
use super::wire::Page;

/// ZPA's default and largest page sizes.
const DEFAULT_PAGE_SIZE: usize = 20;
const MAX_PAGE_SIZE: usize = 500;

/// The decoded query string. Values are URL-decoded exactly once, so `%2B` reads as `+` and a
/// bare `+` as a space, which is what makes `search=emailIds%2BEQ%2Ba+b` work.
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes());
        Self(pairs.into_owned().collect())
    }

    /// The first value of `key`, if the query has one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    }
}

/// Which slice of a list a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: usize,
    size: usize,
}

impl PageRequest {
    pub fn from_query(query: &QueryParams) -> Result<Self, ZpaError> {
        let page = match query.get("page") {
            None => 1,
            Some(raw) => raw.trim().parse().ok().filter(|page| *page >= 1).ok_or_else(|| {
                ZpaError::bad_request(ids::INVALID_PAGE, "page must be a number of 1 or more")
                    .with_param(raw)
            })?,
        };
        // The wire spells it `pagesize`; ZPA's field table spells it `pageSize`.
        let size = match query.get("pagesize").or_else(|| query.get("pageSize")) {
            None => DEFAULT_PAGE_SIZE,
            Some(raw) => raw
                .trim()
                .parse()
                .ok()
                .filter(|size| (1..=MAX_PAGE_SIZE).contains(size))
                .ok_or_else(|| {
                    let reason = format!("pagesize must be a number from 1 to {MAX_PAGE_SIZE}");
                    ZpaError::bad_request(ids::INVALID_PAGE_SIZE, reason).with_param(raw)
                })?,
        };
        Ok(Self { page, size })
    }

    /// The requested page of `items`, written with `write`. A page past the end is empty but
    /// still reports the real totals.
    pub fn cut<T, W>(self, items: Vec<T>, write: impl FnMut(T) -> W) -> Page<W> {
        let total_count = items.len();
        let total_pages = total_count.div_ceil(self.size);
        let skip = (self.page - 1).saturating_mul(self.size);
        let list = items.into_iter().skip(skip).take(self.size).map(write).collect();
        Page::new(total_count, total_pages, list)
    }
}

/// The comparisons a `search` expression may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    EndsWith,
}

/// A parsed `field+OP+value` expression; the comparison ignores case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub field: &'static str,
    operator: Operator,
    value: String,
}

impl Filter {
    /// The `search` expression of `query`, if any, over one of `fields`.
    pub fn from_query(
        query: &QueryParams,
        fields: &[&'static str],
    ) -> Result<Option<Self>, ZpaError> {
        match query.get("search").filter(|search| !search.is_empty()) {
            None => Ok(None),
            Some(search) => Self::parse(search, fields).map(Some),
        }
    }

    fn parse(search: &str, fields: &[&'static str]) -> Result<Self, ZpaError> {
        // The value is everything after the second `+`, so an address like `a+b@x` survives.
        let mut parts = search.splitn(3, '+');
        let (Some(field), Some(operator), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(ZpaError::invalid_operand());
        };
        let field =
            fields.iter().find(|known| **known == field).ok_or_else(ZpaError::invalid_operand)?;
        let operator = match operator.to_ascii_uppercase().as_str() {
            "EQ" => Operator::Equals,
            "NE" => Operator::NotEquals,
            "CONTAINS" => Operator::Contains,
            "STARTSWITH" => Operator::StartsWith,
            "ENDSWITH" => Operator::EndsWith,
            _ => return Err(ZpaError::invalid_operand()),
        };
        Ok(Self { field, operator, value: value.to_lowercase() })
    }

    pub fn matches(&self, candidate: &str) -> bool {
        let candidate = candidate.to_lowercase();
        match self.operator {
            Operator::Equals => candidate == self.value,
            Operator::NotEquals => candidate != self.value,
            Operator::Contains => candidate.contains(&self.value),
            Operator::StartsWith => candidate.starts_with(&self.value),
            Operator::EndsWith => candidate.ends_with(&self.value),
        }
    }
}

/// Whether a sorted list runs up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    /// Reads `sortdir`, or the spellings other clients send (`sortDir`, `sortOrder`).
    pub fn from_query(query: &QueryParams) -> Result<Self, ZpaError> {
        let raw = ["sortdir", "sortDir", "sortOrder"].into_iter().find_map(|key| query.get(key));
        match raw.map(|raw| raw.trim().to_ascii_uppercase()).as_deref() {
            None | Some("ASC") => Ok(Self::Ascending),
            Some("DESC" | "DSC") => Ok(Self::Descending),
            Some(_) => Err(ZpaError::bad_request(
                ids::INVALID_SORT_DIRECTION,
                "The sort direction must be ASC or DESC",
            )
            .with_param(raw.unwrap_or_default())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(raw: &str) -> QueryParams {
        QueryParams::parse(Some(raw))
    }

    #[test]
    fn search_keeps_a_plus_inside_the_value() {
        let filter =
            Filter::from_query(&query("search=emailIds%2BEQ%2Ba%2Bb%40x.example"), &["emailIds"]);
        let filter = filter.unwrap().unwrap();
        assert!(filter.matches("A+B@x.example"));
        assert!(!filter.matches("a@x.example"));
    }

    #[test]
    fn search_without_an_operator_is_refused() {
        let refused = Filter::from_query(&query("search=dana+reyes"), &["emailIds"]).unwrap_err();
        assert_eq!(refused.id, ids::INVALID_OPERAND);
    }

    #[test]
    fn a_page_past_the_end_is_empty_but_keeps_the_totals() {
        let request = PageRequest::from_query(&query("page=3&pagesize=2")).unwrap();
        let page = request.cut(vec![1, 2, 3], |n| n);
        assert_eq!((page.total_count.as_str(), page.total_pages.as_str()), ("3", "2"));
        assert!(page.list.is_empty());
    }

    #[test]
    fn page_zero_and_oversized_pages_are_refused() {
        assert_eq!(PageRequest::from_query(&query("page=0")).unwrap_err().id, ids::INVALID_PAGE);
        let oversized = PageRequest::from_query(&query("pagesize=501")).unwrap_err();
        assert_eq!(oversized.id, ids::INVALID_PAGE_SIZE);
    }
}
